#!/usr/bin/env python
"""Independent ground-truth checker for corpus34 (NumPy only).

For every file: a list of (substring identifying exactly one line, predicate).
Symbolic claims are tested with finite differences / enumeration on random
values; worked numbers are recomputed from scratch and compared at the
precision shown in the file.  The first line whose predicate is False is the
file's first false line.  Exit status is non-zero if that disagrees with
expected.json (or if a substring does not identify exactly one line).
"""
import json
import math
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(12345)


# ----------------------------------------------------------------- helpers
def sig(z):
    return 1.0 / (1.0 + np.exp(-z))


def softmax(z, axis=-1):
    z = z - np.max(z, axis=axis, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=axis, keepdims=True)


def num_grad(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        xp = x.copy()
        xm = x.copy()
        xp[idx] += h
        xm[idx] -= h
        g[idx] = (f(xp) - f(xm)) / (2 * h)
    return g


def num_jac(f, x, h=1e-6):
    """J[i, j] = d f_i / d x_j for vector-valued f"""
    x = np.array(x, dtype=float)
    cols = []
    for j in range(x.size):
        xp = x.copy()
        xm = x.copy()
        xp[j] += h
        xm[j] -= h
        cols.append((np.asarray(f(xp)) - np.asarray(f(xm))) / (2 * h))
    return np.stack(cols, axis=1)


def agree(a, b, tol=1e-5):
    a = np.asarray(a, float)
    b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, rtol=tol, atol=tol)


def r(true, shown):
    """true value rounds to the decimal string `shown` (at its precision)."""
    s = shown.strip()
    d = len(s.split(".")[1]) if "." in s else 0
    return abs(float(true) - float(s)) <= 0.5 * 10 ** (-d) + 1e-12


def rv(true, shown_list):
    true = np.ravel(np.asarray(true, float))
    return len(true) == len(shown_list) and all(r(t, s) for t, s in zip(true, shown_list))


def ex(a, b):
    return bool(np.allclose(np.asarray(a, float), np.asarray(b, float), rtol=0, atol=1e-12))


def enum_bernoulli(n, p):
    """all masks of n Bernoulli(p) variables with their probabilities"""
    for bits in range(2 ** n):
        m = np.array([(bits >> i) & 1 for i in range(n)], float)
        yield m, float(np.prod(np.where(m == 1, p, 1 - p)))


# ----------------------------------------------------------------- 01
def checks_01():
    N, D, H, C = 5, 4, 10, 3
    X = rng.normal(size=(N, D))
    y = rng.integers(0, C, N)
    Y = np.eye(C)[y]
    W1 = rng.normal(size=(D, H)) * 0.7
    b1 = rng.normal(size=H) * 0.1
    W2 = rng.normal(size=(H, C)) * 0.7
    b2 = rng.normal(size=C) * 0.1
    lam = 0.05

    def data_loss_S(S):
        P = softmax(S)
        return -np.mean(np.log(P[np.arange(N), y]))

    def loss(W1_, b1_, W2_, b2_):
        A1 = sig(X @ W1_ + b1_)
        S = A1 @ W2_ + b2_
        return data_loss_S(S) + lam * (np.sum(W1_ ** 2) + np.sum(W2_ ** 2))

    Z1 = X @ W1 + b1
    A1 = sig(Z1)
    S = A1 @ W2 + b2
    P = softmax(S)
    dS = (P - Y) / N
    reg = lam * (np.sum(W1 ** 2) + np.sum(W2 ** 2))
    fd_S = num_grad(data_loss_S, S)
    fd_W2 = num_grad(lambda w: loss(W1, b1, w, b2), W2)
    fd_b2 = num_grad(lambda b: loss(W1, b1, W2, b), b2)
    fd_A1 = num_grad(lambda a: data_loss_S(a @ W2 + b2), A1)
    fd_Z1 = num_grad(lambda z: data_loss_S(sig(z) @ W2 + b2), Z1)
    fd_W1 = num_grad(lambda w: loss(w, b1, W2, b2), W1)
    fd_b1 = num_grad(lambda b: loss(W1, b, W2, b2), b1)

    # the numpy code, literally
    probs, hidden = P, A1
    reg_ = lam
    dscores = probs.copy()
    dscores[np.arange(N), y] -= 1
    dscores /= N
    dW2 = hidden.T.dot(dscores) + 2 * reg_ * W2
    db2 = np.sum(dscores, axis=0)
    dhidden = dscores.dot(W2.T)
    dz1 = dhidden * hidden * (1 - hidden)
    dW1 = X.T.dot(dz1) + 2 * reg_ * W1
    db1 = np.sum(dz1, axis=0)

    # small-weight sanity check of the initial loss
    W1s = rng.normal(size=(D, H)) * 1e-3
    W2s = rng.normal(size=(H, C)) * 1e-3
    init = data_loss_S(sig(X @ W1s) @ W2s)

    z = np.linspace(-10, 10, 20001)
    sp = sig(z) * (1 - sig(z))
    zz = rng.normal(size=7)

    return [
        ("so the net has 4*10 + 10 + 10*3 + 3 = 83",
         4 * 10 + 10 + 10 * 3 + 3 == 83 and W1.size + b1.size + W2.size + b2.size == 83),
        ("Z_1 = X W_1 + b_1, \\qquad A_1",
         Z1.shape == (N, H) and S.shape == (N, C)),
        ("\\log 3 \\approx 1.0986",
         ex(-np.log(1 / 3), np.log(3)) and r(np.log(3), "1.0986") and abs(init - np.log(3)) < 1e-3),
        ("\\frac{\\partial L}{\\partial S} = \\frac{1}{N}\\,(P - Y)", agree(fd_S, dS)),
        ("\\frac{\\partial L}{\\partial W_2} = A_1^{\\top}",
         agree(fd_W2, A1.T @ dS + 2 * lam * W2) and agree(fd_b2, dS.sum(axis=0))),
        ("Dimension check: $A_1^\\top$ is (H, N)",
         A1.T.shape == (H, N) and dS.shape == (N, C) and (A1.T @ dS).shape == W2.shape == (H, C)),
        ("\\frac{\\partial L}{\\partial A_1} = \\frac{\\partial L}{\\partial S}\\,W_2^{\\top}",
         agree(fd_A1, dS @ W2.T) and (dS @ W2.T).shape == (N, H)),
        ("Its local gradient is $\\sigma'(z) = \\sigma(z)\\,(1-\\sigma(z))$",
         agree(num_grad(lambda t: np.sum(sig(t)), zz), sig(zz) * (1 - sig(zz)))),
        ("\\frac{\\partial L}{\\partial Z_1} = \\frac{\\partial L}{\\partial A_1} \\odot A_1",
         agree(fd_Z1, (dS @ W2.T) * A1 * (1 - A1))),
        ("\\frac{\\partial L}{\\partial W_1} = X^{\\top}",
         agree(fd_W1, X.T @ ((dS @ W2.T) * A1 * (1 - A1)) + 2 * lam * W1)
         and agree(fd_b1, ((dS @ W2.T) * A1 * (1 - A1)).sum(axis=0))),
        ("with `dW1` of shape (D, H) = (4, 10)", W1.shape == (D, H) == (4, 10)),
        ("dscores /= N", agree(dscores, fd_S)),
        ("dW2 = hidden.T.dot(dscores) + 2 * reg * W2", agree(dW2, fd_W2)),
        ("db2 = np.sum(dscores, axis=0)", agree(db2, fd_b2)),
        ("dhidden = dscores.dot(W2.T)", agree(dhidden, fd_A1)),
        ("dz1 = dhidden * hidden * (1 - hidden)", agree(dz1, fd_Z1)),
        ("dW1 = X.T.dot(dz1) + 2 * reg * W1", agree(dW1, fd_W1)),
        ("db1 = np.sum(dz1, axis=0)", agree(db1, fd_b1)),
        ("A word on the sigmoid",
         abs(sp.max() - 0.25) < 1e-12 and z[np.argmax(sp)] == 0.0 and sig(0.0) == 0.5
         and 1 / sp.max() == 4.0 and ex(0.99 * 0.01, 0.0099)
         and abs((np.sin(1 + 1e-4) - np.sin(1 - 1e-4)) / 2e-4 - np.cos(1)) < 1e-8),
    ]


# ----------------------------------------------------------------- 02
def checks_02():
    z = rng.normal(size=6)
    m, n = 6, 3
    X = np.hstack([np.ones((m, 1)), rng.normal(size=(m, n))])
    yv = rng.integers(0, 2, m).astype(float)
    th = rng.normal(size=n + 1) * 0.5

    def ell(t, X=X, yv=yv):
        h = sig(X @ t)
        return np.sum(yv * np.log(h) + (1 - yv) * np.log(1 - h))

    x1, y1 = X[0], yv[0]
    g1 = num_grad(lambda t: ell(t, X[:1], yv[:1]), th)
    gz = sig(x1 @ th)
    middle = (y1 / gz - (1 - y1) / (1 - gz)) * gz * (1 - gz) * x1
    h = sig(X @ th)
    grad = num_grad(ell, th)
    Hfd = num_jac(lambda t: X.T @ (yv - sig(X @ t)), th)
    Hform = -np.einsum("i,ij,ik->jk", h * (1 - h), X, X)
    Dm = np.diag(h * (1 - h))
    zz = rng.normal(size=n + 1)
    # Newton step on a concave quadratic lands on the maximiser
    Q = -np.eye(3) * 2 + 0.1
    c = rng.normal(size=3)
    q = lambda t: 0.5 * t @ Q @ t + c @ t
    t0 = rng.normal(size=3)
    tn = t0 - np.linalg.solve(Q, Q @ t0 + c)
    alpha = 1e-3
    # example
    Xe = np.array([[1.0, 2.0], [1.0, -1.0]])
    ye = np.array([1.0, 0.0])
    t0e = np.zeros(2)
    he = sig(Xe @ t0e)
    ell0 = np.sum(ye * np.log(he) + (1 - ye) * np.log(1 - he))
    ge = Xe.T @ (ye - he)
    He = -(Xe.T * (he * (1 - he))) @ Xe
    newton = t0e - np.linalg.solve(He, ge)
    return [
        ("= \\frac{e^{-z}}{(1+e^{-z})^2} = g(z)(1-g(z))",
         agree(num_grad(lambda t: np.sum(sig(t)), z), np.exp(-z) / (1 + np.exp(-z)) ** 2)
         and agree(np.exp(-z) / (1 + np.exp(-z)) ** 2, sig(z) * (1 - sig(z)))),
        ("\\frac{\\partial}{\\partial\\theta_j}\\ell(\\theta) = \\left(y\\frac{1}{g",
         agree(g1, middle) and agree(g1, (y1 - gz) * x1)),
        ("Above, we used the fact that $g'(z) = g(z)(1-g(z))$",
         agree(num_grad(lambda t: np.sum(sig(t)), z), sig(z) * (1 - sig(z)))),
        ("\\theta_j := \\theta_j + \\alpha\\left(y^{(i)}",
         agree(alpha * (y1 - gz) * x1, alpha * g1, 1e-8)
         and ell(th + alpha * (y1 - gz) * x1, X[:1], yv[:1]) > ell(th, X[:1], yv[:1])),
        ("then $\\nabla_\\theta \\ell(\\theta) = X^T(\\vec{y} - \\vec{h})$", agree(grad, X.T @ (yv - h))),
        ("\\theta := \\theta - H^{-1}\\nabla_\\theta \\ell(\\theta),",
         agree(Q @ tn + c, np.zeros(3), 1e-9) and q(tn) >= q(t0)),
        ("where $H$ is an $(n+1)$-by-$(n+1)$ matrix",
         Hfd.shape == (n + 1, n + 1) and agree(num_grad(lambda t: num_grad(ell, t, 1e-5)[1], th, 1e-4)[2],
                                               Hfd[1, 2], 1e-3)),
        ("H_{jk} = -\\sum_{i=1}^m h_\\theta(x^{(i)})", agree(Hfd, Hform)),
        ("or, in matrix form, $H = -X^T D X$",
         agree(-X.T @ Dm @ X, Hform)
         and ex(zz @ X.T @ Dm @ X @ zz, np.sum(np.diag(Dm) * (X @ zz) ** 2))
         and np.all(np.linalg.eigvalsh(Hform) <= 1e-12)),
        ("$\\ell(\\vec 0) = 2\\log 0.5 \\approx -1.3863$",
         ex(he, [0.5, 0.5]) and ex(ell0, 2 * np.log(0.5)) and r(ell0, "-1.3863")),
        ("The gradient is $\\nabla_\\theta \\ell = 0.5",
         ex(ge, 0.5 * np.array([1, 2]) - 0.5 * np.array([1, -1])) and ex(ge, [0, 1.5])),
        ("Both examples get weight $D_{ii} = 0.5 \\cdot 0.5 = 0.25$", ex(he * (1 - he), [0.25, 0.25])),
        ("H = -0.25\\begin{bmatrix}",
         ex(He, -0.25 * np.array([[2, 1], [1, 5]])) and ex(He, [[-0.5, -0.25], [-0.25, -1.25]])),
        ("One Newton step then gives", rv(newton, ["-0.6667", "1.3333"])),
    ]


# ----------------------------------------------------------------- 03
def checks_03():
    # network 3 -> 3 -> 3 -> 2 (middle layer square so that BP4-as-written is evaluable)
    sizes = [3, 3, 3, 2]
    Ws = [rng.normal(size=(sizes[i + 1], sizes[i])) for i in range(3)]
    bs = [rng.normal(size=sizes[i + 1]) for i in range(3)]
    x = rng.normal(size=3)
    yt = rng.uniform(size=2)

    def fwd(Ws, bs):
        a = x
        zs, acts = [], [x]
        for W, b in zip(Ws, bs):
            z = W @ a + b
            a = sig(z)
            zs.append(z)
            acts.append(a)
        return zs, acts

    def cost(Ws, bs):
        return 0.5 * np.sum((yt - fwd(Ws, bs)[1][-1]) ** 2)

    zs, acts = fwd(Ws, bs)
    sp = lambda z: sig(z) * (1 - sig(z))

    def cost_from_z(l, zl):  # cost as function of weighted input of layer l (0-based)
        a = sig(zl)
        for W, b in zip(Ws[l + 1:], bs[l + 1:]):
            a = sig(W @ a + b)
        return 0.5 * np.sum((yt - a) ** 2)

    deltas = [num_grad(lambda z, l=l: cost_from_z(l, z), zs[l]) for l in range(3)]
    aL = acts[-1]
    dCda = num_grad(lambda a: 0.5 * np.sum((yt - a) ** 2), aL)
    l = 1  # hidden layer with square weight matrix
    fdW = num_grad(lambda W: cost(Ws[:l] + [W] + Ws[l + 1:], bs), Ws[l])
    fdb = num_grad(lambda b: cost(Ws, bs[:l] + [b] + bs[l + 1:]), bs[l])
    aprev = acts[l]
    dl = deltas[l]
    bp4_written = np.array([[aprev[j] * dl[k] for k in range(3)] for j in range(3)])
    outer_written = np.outer(aprev, dl)
    # numbers
    zL = 0.5 * 0.8 + 0.1
    aN = sig(zL)
    CN = 0.5 * aN ** 2
    spN = aN * (1 - aN)
    dN = (aN - 0) * spN
    yy = rng.normal(size=4)
    aa = rng.normal(size=4)
    return [
        ("C = \\frac{1}{2}\\|y - a^L\\|^2 = \\frac{1}{2}\\sum_j",
         ex(0.5 * np.linalg.norm(yy - aa) ** 2, 0.5 * np.sum((yy - aa) ** 2))),
        ("\\delta^L_j = \\frac{\\partial C}{\\partial a^L_j}\\,\\sigma'(z^L_j)", agree(deltas[2], dCda * sp(zs[2]))),
        ("For the quadratic cost $\\partial C/\\partial a^L_j = (a^L_j - y_j)$", agree(dCda, aL - yt)),
        ("\\delta^L = (a^L - y) \\odot \\sigma'(z^L).", agree(deltas[2], (aL - yt) * sp(zs[2]))),
        ("\\delta^l = ((w^{l+1})^T \\delta^{l+1}) \\odot \\sigma'(z^l).",
         agree(deltas[1], (Ws[2].T @ deltas[2]) * sp(zs[1]))
         and agree(deltas[0], (Ws[1].T @ deltas[1]) * sp(zs[0]))),
        ("\\frac{\\partial C}{\\partial b^l_j} = \\delta^l_j.", agree(fdb, dl)),
        ("\\frac{\\partial C}{\\partial w^l_{jk}} = a^{l-1}_j\\,\\delta^l_k.", agree(fdW, bp4_written)),
        ("is the outer product $\\partial C/\\partial w^l = a^{l-1}(\\delta^l)^T$", agree(fdW, outer_written)),
        ("Then $z^L = 0.5 \\times 0.8 + 0.1 = 0.5$",
         ex(zL, 0.5) and r(aN, "0.6225") and r(CN, "0.1937")),
        ("We have $\\sigma'(0.5) \\approx 0.6225 \\times 0.3775",
         r(1 - aN, "0.3775") and r(spN, "0.2350") and r(0.6225 * 0.3775, "0.2350")
         and r(dN, "0.1463") and r(0.6225 * 0.2350, "0.1463")
         and r(num_grad(lambda t: sig(t[0]), np.array([0.5]))[0], "0.2350")),
        ("By (BP3), $\\partial C/\\partial b^L \\approx 0.1463$",
         r(num_grad(lambda b: 0.5 * sig(0.5 * 0.8 + b[0]) ** 2, np.array([0.1]))[0], "0.1463")
         and r(num_grad(lambda w: 0.5 * sig(w[0] * 0.8 + 0.1) ** 2, np.array([0.5]))[0], "0.1170")
         and r(0.8 * 0.1463, "0.1170")),
    ]


# ----------------------------------------------------------------- 04
def checks_04():
    z = rng.normal(size=5)
    c = rng.normal()
    yi = 2
    J = lambda zz: -np.log(softmax(zz)[yi])
    Jac = num_grad(lambda zz: softmax(zz)[3], z)
    p = softmax(z)
    e = np.eye(5)[yi]
    gfd = num_grad(J, z)
    zb = np.array([10.0, 0.0, -1.0])
    pb = softmax(zb)
    z3 = np.array([2.0, 1.0, 0.1])
    p3 = softmax(z3)
    g3 = p3 - np.eye(3)[0]
    return [
        ("\\log \\text{softmax}(\\boldsymbol{z})_i = z_i - \\log \\sum_j \\exp(z_j).",
         agree(np.log(p), z - np.log(np.sum(np.exp(z))), 1e-10)),
        ("\\text{softmax}(\\boldsymbol{z}) = \\text{softmax}(\\boldsymbol{z} + c),",
         agree(softmax(z), softmax(z + c), 1e-12)),
        ("\\text{softmax}\\big(\\boldsymbol{z} - \\max_i z_i\\big)",
         agree(softmax(z), np.exp(z - z.max()) / np.exp(z - z.max()).sum(), 1e-12)),
        ("To obtain the gradient of the cost $J = -\\log",
         ex(J(z), -z[yi] + np.log(np.sum(np.exp(z))))),
        ("\\frac{\\partial\\, \\text{softmax}(\\boldsymbol{z})_i}{\\partial z_j} = ",
         agree(Jac, p[3] * ((np.arange(5) == 3) - p))),
        ("\\nabla_{\\boldsymbol{z}} J = \\boldsymbol{e}^{(\\mathrm{y})} - \\text{softmax}(\\boldsymbol{z}).",
         agree(gfd, e - p)),
        ("The entries of this gradient always sum to zero",
         abs(gfd.sum()) < 1e-8 and np.abs(num_grad(lambda zz: -np.log(softmax(zz)[0]), zb)).max() < 1e-3
         and pb[0] > 0.999),
        ("For a concrete example, let $n = 3$",
         r(np.exp(z3).sum(), "11.212") and rv(p3, ["0.659", "0.242", "0.099"])
         and r(-np.log(p3[0]), "0.417") and r(-np.log(0.659), "0.417")
         and rv(g3, ["0.341", "-0.242", "-0.099"])),
    ]


# ----------------------------------------------------------------- 05
def checks_05():
    K = 4
    a = rng.normal(size=K)
    t = rng.integers(0, 2, K).astype(float)
    y = sig(a)
    En = lambda aa: -np.sum(t * np.log(sig(aa)) + (1 - t) * np.log(1 - sig(aa)))
    Ey = lambda yy: -np.sum(t * np.log(yy) + (1 - t) * np.log(1 - yy))
    lik = np.prod(y ** t * (1 - y) ** (1 - t))
    a3 = np.array([1.2, -0.4, 0.0])
    t3 = np.array([1.0, 0.0, 1.0])
    y3 = sig(a3)
    terms = [-np.log(y3[0]), -np.log(1 - y3[1]), -np.log(y3[2])]
    hess = num_jac(lambda aa: num_grad(En, aa, 1e-5), a, 1e-4)
    return [
        ("E(\\mathbf{w}) = -\\sum_{n=1}^{N}\\sum_{k=1}^{K}",
         ex(-np.log(lik), En(a))),
        ("\\frac{d\\sigma}{da} = \\sigma(1-\\sigma)",
         agree(num_grad(lambda aa: np.sum(sig(aa)), a), y * (1 - y))),
        ("\\frac{\\partial E_n}{\\partial y_k} = -\\frac{t_k}{y_k}",
         agree(num_grad(Ey, y), -t / y + (1 - t) / (1 - y))
         and agree(-t / y + (1 - t) / (1 - y), (y - t) / (y * (1 - y)))),
        ("\\frac{\\partial E_n}{\\partial a_k} = y_k - t_k.", agree(num_grad(En, a), y - t)),
        ("Again, the derivative of the error function",
         agree(1 - sig(a), sig(-a), 1e-12) and agree(np.log(1 - y), -np.log(1 + np.exp(a)), 1e-10)
         and agree(-(t * np.log(y) + (1 - t) * np.log(1 - y)), np.log(1 + np.exp(a)) - t * a, 1e-10)
         and agree(hess, np.diag(y * (1 - y)), 1e-3) and np.all(y * (1 - y) > 0)),
        ("\\mathbf{y} = (0.7685,\\ 0.4013,\\ 0.5000)", rv(y3, ["0.7685", "0.4013", "0.5000"])),
        ("E_n = -\\ln 0.7685 - \\ln(1 - 0.4013) - \\ln 0.5",
         rv(terms, ["0.2633", "0.5130", "0.6931"]) and r(sum(terms), "1.4694")
         and r(0.2633 + 0.5130 + 0.6931, "1.4694")
         and rv([-np.log(0.7685), -np.log(1 - 0.4013), -np.log(0.5)], ["0.2633", "0.5130", "0.6931"])),
        ("The errors at the output units are",
         rv(y3 - t3, ["-0.2315", "0.4013", "-0.5000"]) and r(y3.sum(), "1.6698")),
    ]


# ----------------------------------------------------------------- 06
def checks_06():
    X = np.array([[1, 10], [2, 20], [4, 30], [9, 40.0]])
    eps = 1e-5
    gamma = np.array([2, 0.5])
    beta = np.array([0.5, -1])
    mu = X.mean(0)
    var = X.var(0)
    sd = np.sqrt(var + eps)
    xh = (X - mu) / sd
    Y = gamma * xh + beta
    return [
        ("**均值：**", ex(mu, [4, 25]) and (1 + 2 + 4 + 9) / 4 == 4 and (10 + 20 + 30 + 40) / 4 == 25),
        ("**方差：**",
         (-3) ** 2 + (-2) ** 2 + 0 ** 2 + 5 ** 2 == 38 and 225 + 25 + 25 + 225 == 500
         and ex(X[:, 0] - mu[0], [-3, -2, 0, 5]) and ex((X[:, 1] - mu[1]) ** 2, [225, 25, 25, 225])
         and ex(var, [38 / 4, 500 / 4]) and r(var[0] + eps, "9.5") and r(var[1] + eps, "125")),
        ("**标准差：**", rv(sd, ["3.0822", "11.1803"])),
        ("第 1 列：$(-3, -2, 0, 5)/3.0822", rv(xh[:, 0], ["-0.9733", "-0.6489", "0", "1.6322"])),
        ("第 2 列：$(-15, -5, 5, 15)/11.1803", rv(xh[:, 1], ["-1.3416", "-0.4472", "0.4472", "1.3416"])),
        ("第 1 列：$2 \\times \\hat{x} + 0.5", rv(Y[:, 0], ["-1.4467", "-0.7978", "0.5", "3.7644"])),
        ("第 2 列：$0.5 \\times \\hat{x} - 1", rv(Y[:, 1], ["-1.6708", "-1.2236", "-0.7764", "-0.3292"])),
        ("可以顺手检查一下",
         agree(Y.mean(0), beta, 1e-12) and np.all(Y.std(0) < gamma) and agree(Y.std(0), gamma, 1e-5)
         and agree(xh.mean(0), [0, 0], 1e-12) and agree(xh.var(0), [1, 1], 1e-5)),
        ("这一个批量之后",
         ex(0.9 * 0 + 0.1 * mu, [0.4, 2.5]) and ex(0.9 * 1 + 0.1 * var, [1.85, 13.4])),
    ]


# ----------------------------------------------------------------- 07
def checks_07():
    a, b1, b2, eps = 0.001, 0.9, 0.999, 1e-8
    th = 1.0
    m = v = 0.0
    hist = {}
    for t in (1, 2):
        g = 2 * th
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        mh = m / (1 - b1 ** t)
        vh = v / (1 - b2 ** t)
        th = th - a * mh / (np.sqrt(vh) + eps)
        hist[t] = dict(g=g, m=m, v=v, mh=mh, vh=vh, th=th)
    gs = rng.normal(size=5) * 10 ** rng.uniform(-3, 3, 5)
    first_ratio = [((1 - b1) * gg / (1 - b1)) / np.sqrt((1 - b2) * gg * gg / (1 - b2)) for gg in gs]
    # constant gradient -> step about alpha*sign(g)
    m = v = 0.0
    steps = []
    for t in range(1, 200):
        g = -3.7
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        steps.append(a * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps))
    return [
        ("We minimize $f(\\theta) = \\theta^2$",
         agree(num_grad(lambda x: x[0] ** 2, np.array([1.0])), [2.0]) and 2 * 1.0 == 2),
        ("- $m_1 = 0.9 \\cdot 0 + 0.1 \\cdot 2 = 0.2$", ex(hist[1]["m"], 0.2)),
        ("- $v_1 = 0.999 \\cdot 0 + 0.001 \\cdot 2^2 = 0.004$", ex(hist[1]["v"], 0.004)),
        ("- $\\hat{m}_1 = 0.2 / (1 - 0.9) = 2$", ex(hist[1]["mh"], 2)),
        ("- $\\hat{v}_1 = 0.004 / (1 - 0.999) = 4$", ex(hist[1]["vh"], 4)),
        ("- $\\theta_1 = 1.0 - 0.001", r(hist[1]["th"], "0.999")),
        ("Notice something cool",
         all(abs(fr - np.sign(gg)) < 1e-9 for fr, gg in zip(first_ratio, gs))),
        ("New gradient: $g_2 = 2 \\cdot 0.999 = 1.998$", r(hist[2]["g"], "1.998")),
        ("- $m_2 = 0.9 \\cdot 0.2 + 0.1 \\cdot 1.998 = 0.3798$", r(hist[2]["m"], "0.3798")),
        ("- $v_2 = 0.999 \\cdot 0.004", r(hist[2]["v"], "0.007988")),
        ("- $\\hat{m}_2 = 0.3798", r(hist[2]["mh"], "3.798")),
        ("- $\\hat{v}_2 = 0.007988", r(hist[2]["vh"], "7.988")),
        ("- $\\theta_2 = 0.999 - 0.001", r(hist[2]["th"], "0.997656")),
        ("So after two steps we've gone from 1.0 to roughly 0.9977", r(hist[2]["th"], "0.9977")),
        ("Bias correction matters most early on",
         ex(1 / (1 - b1), 10) and abs(1 / (1 - b2) - 1000) < 1e-9),
        ("The effective step is roughly", all(abs(s_ + a) < 0.02 * a for s_ in steps)),
    ]


# ----------------------------------------------------------------- 08
def checks_08():
    KL = lambda p, q: p * np.log(p / q) + (1 - p) * np.log((1 - p) / (1 - q))
    ok_q = ok_qq = ok_p = ok_th = ok_H = ok_fisher = True
    for _ in range(20):
        p, q = rng.uniform(0.05, 0.95, 2)
        dq = num_grad(lambda x: KL(p, x[0]), np.array([q]))[0]
        ok_q &= abs(dq - (-p / q + (1 - p) / (1 - q))) < 1e-6 and abs(dq - (q - p) / (q * (1 - q))) < 1e-6
        dqq = num_grad(lambda x: num_grad(lambda y: KL(p, y[0]), x, 1e-5)[0], np.array([q]), 1e-4)[0]
        ok_qq &= abs(dqq - (p / q ** 2 + (1 - p) / (1 - q) ** 2)) < 1e-3 and p / q ** 2 + (1 - p) / (1 - q) ** 2 > 0
        dp = num_grad(lambda x: KL(x[0], q), np.array([p]))[0]
        ok_p &= abs(dp - (np.log(p / q) - np.log((1 - p) / (1 - q)))) < 1e-6 \
            and abs(dp - np.log(p * (1 - q) / (q * (1 - p)))) < 1e-6 \
            and abs(dp - (np.log(p / (1 - p)) - np.log(q / (1 - q)))) < 1e-6
        th = np.log(q / (1 - q))
        ok_th &= abs(num_grad(lambda x: sig(x[0]), np.array([th]))[0] - q * (1 - q)) < 1e-6
        ok_th &= abs(num_grad(lambda x: KL(p, sig(x[0])), np.array([th]))[0] - (q - p)) < 1e-6
        Hpq = -(p * np.log(q) + (1 - p) * np.log(1 - q))
        Hp = -(p * np.log(p) + (1 - p) * np.log(1 - p))
        ok_H &= abs(KL(p, q) - (Hpq - Hp)) < 1e-12
        ok_fisher &= abs((p / p ** 2 + (1 - p) / (1 - p) ** 2) - 1 / (p * (1 - p))) < 1e-9
        d = 1e-3
        ok_fisher &= abs(KL(p, p + d) / (0.5 / (p * (1 - p)) * d * d) - 1) < 1e-2
    general = sum(P * np.log(P / Q) for P, Q in ((0.3, 0.5), (0.7, 0.5)))
    p, q = 0.3, 0.5
    # batch: gradient of mean KL over logits equals that of mean BCE, (q_i - p_i)/B
    B = 5
    ps = rng.uniform(0.1, 0.9, B)
    ths = rng.normal(size=B)
    gk = num_grad(lambda t: np.mean(KL(ps, sig(t))), ths)
    gb = num_grad(lambda t: np.mean(-(ps * np.log(sig(t)) + (1 - ps) * np.log(1 - sig(t)))), ths)
    return [
        ("D_{KL}(P\\|Q) = p\\log\\frac{p}{q} + (1-p)\\log\\frac{1-p}{1-q}.", ex(KL(0.3, 0.5), general)),
        ("\\frac{\\partial D_{KL}}{\\partial q} = -\\frac{p}{q}", ok_q),
        ("This vanishes exactly at $q = p$", abs(num_grad(lambda x: KL(0.37, x[0]), np.array([0.37]))[0]) < 1e-8),
        ("\\frac{\\partial^2 D_{KL}}{\\partial q^2} = \\frac{p}{q^2}", ok_qq),
        ("so $q = p$ is the unique minimizer", ok_fisher),
        ("\\frac{\\partial D_{KL}}{\\partial p} = \\log\\frac{p}{q} - \\log", ok_p),
        ("i.e. the difference of log-odds", ok_p),
        ("then $dq/d\\theta = q(1-q)$", ok_th),
        ("\\frac{\\partial D_{KL}}{\\partial \\theta} = q - p.", ok_th),
        ("$D_{KL}(P\\|Q) = H(P, Q) - H(P)$", ok_H),
        ("- $D_{KL} = 0.3\\log 0.6 + 0.7\\log 1.4",
         ex(KL(p, q), 0.3 * np.log(0.6) + 0.7 * np.log(1.4)) and r(KL(p, q), "0.0823")
         and r(KL(p, q) / np.log(2), "0.1187")),
        ("- $\\partial D_{KL}/\\partial q = 0.2/0.25 = 0.8$",
         ex((q - p) / (q * (1 - q)), 0.8) and ex(q * (1 - q), 0.25)),
        ("- $\\partial D_{KL}/\\partial p = \\log(0.15/0.35)",
         ex(p * (1 - q), 0.15) and ex(q * (1 - p), 0.35) and r(np.log(0.15 / 0.35), "-0.8473")),
        ("Also note the asymmetry", r(KL(q, p), "0.0872")),
        ("For a batch just average $q_i - p_i$", agree(gk, gb) and agree(gk, (sig(ths) - ps) / B)),
    ]


# ----------------------------------------------------------------- 09
def conv_out_enum(I, K, P, S, D):
    """count admissible start positions of a dilated kernel on padded input"""
    L = I + 2 * P
    return sum(1 for s0 in range(0, L, S) if s0 + D * (K - 1) <= L - 1)


def checks_09():
    ok_formula = ok_keff = True
    for _ in range(500):
        I = int(rng.integers(1, 70))
        K = int(rng.integers(1, 8))
        P = int(rng.integers(0, 4))
        S = int(rng.integers(1, 4))
        D = int(rng.integers(1, 4))
        if I + 2 * P < D * (K - 1) + 1:
            continue
        true = conv_out_enum(I, K, P, S, D)
        ok_formula &= (I + 2 * P - D * (K - 1) - 1) // S + 1 == true
        keff = D * (K - 1) + 1
        ok_keff &= (I + 2 * P - keff) // S + 1 == true
        if D == 1:
            ok_keff &= (I + 2 * P - K) // S + 1 == true
    ok_same = all(conv_out_enum(I, K, D * (K - 1) // 2, 1, D) == I
                  for I in (7, 16, 33) for K in (1, 3, 5, 7) for D in (1, 2, 3))
    ok_same &= (3 - 1) // 2 * 1 == 1 and 1 * (5 - 1) // 2 == 2 and 2 * (3 - 1) // 2 == 2

    # true chain
    h1 = conv_out_enum(64, 3, 1, 1, 1)
    h2 = (h1 - 2) // 2 + 1
    h3 = conv_out_enum(h2, 5, 2, 2, 1)
    h4 = conv_out_enum(h3, 3, 2, 1, 2)
    h5 = conv_out_enum(h4, 3, 0, 2, 1)
    p1 = 32 * (3 * 9 + 1)
    p3 = 64 * (32 * 25 + 1)
    p4 = 64 * (64 * 9 + 1)
    p5 = 128 * (64 * 9 + 1)
    flat = 128 * h5 * h5
    p7 = flat * 10 + 10
    total = p1 + p3 + p4 + p5 + p7
    return [
        ("O = \\left\\lfloor \\frac{I + 2P - D\\,(K-1) - 1}{S}", ok_formula),
        ("Begründung: Der dilatierte Kernel", ok_keff),
        ("$O = I$ genau dann, wenn $2P = D\\,(K-1)$", ok_same),
        ("| 1 | Conv 3×3, 32 Filter", h1 == 64 and (64 + 2 - 3) // 1 + 1 == 64 and p1 == 896),
        ("| 2 | MaxPool 2×2", h1 == 64 and h2 == 32 and (64 - 2) // 2 + 1 == 32),
        ("| 3 | Conv 5×5, 64 Filter", h2 == 32 and h3 == 15 and p3 == 51264),
        ("| 4 | Conv 3×3, D=2", h3 == 15 and h4 == 15 and p4 == 36928),
        ("| 5 | Conv 3×3, 128 Filter", h4 == 15 and h5 == 7 and p5 == 73856),
        ("| 6 | Flatten", flat == 6272 and 128 * 7 * 7 == 6272),
        ("| 7 | Linear → 10 Klassen", p7 == 62730 and 6272 * 10 + 10 == 62730),
        ("Gesamtzahl der Parameter", 896 + 51264 + 36928 + 73856 + 62730 == 225674 and total == 225674),
        ("*Bewertung:* je Zeile 1 P.", 7 * 1 == 7),
        ("**Hinweis:** Die Parameterzahl",
         2 * (3 - 1) + 1 == 5 and 5 * 1 == 5 and p4 == 64 * (64 * 3 * 3 + 1)),
    ]


# ----------------------------------------------------------------- 10
def checks_10():
    A = np.array([[1, 2], [0, 1], [1, 0.0]])
    b = np.array([1, 2, 3.0])
    x0 = np.array([1, 1.0])
    f = lambda x: np.sum((A @ x - b) ** 2)
    grad0 = num_grad(f, x0)
    Hfd = num_jac(lambda x: num_grad(f, x), x0, 1e-4)
    c = rng.normal(size=3)
    M = rng.normal(size=(3, 3))
    Ms = M + M.T
    xr = rng.normal(size=3)
    xs = rng.normal(size=(5, 2))
    exp_ok = all(abs(f(x) - (x @ A.T @ A @ x - b @ A @ x + b @ b)) < 1e-9 for x in xs)
    gr_ok = all(agree(num_grad(f, x), 2 * A.T @ A @ x - A.T @ b) for x in xs)
    zs = rng.normal(size=(5, 2))
    xstar = np.linalg.solve(A.T @ A, A.T @ b)
    return [
        ("\\nabla_x\\,(c^\\top x) = c, \\qquad \\nabla_x\\,(x^\\top M x) = (M + M^\\top)\\,x.",
         agree(num_grad(lambda x: c @ x, xr), c) and agree(num_grad(lambda x: x @ M @ x, xr), (M + M.T) @ xr)),
        ("В частности, если $M = M^\\top$", agree(num_grad(lambda x: x @ Ms @ x, xr), 2 * Ms @ xr)),
        ("Сначала найдём значение функции в точке $x_0$",
         ex(A @ x0, [3, 1, 1]) and ex(A @ x0 - b, [2, -1, -2]) and ex(f(x0), 9) and 4 + 1 + 4 == 9),
        ("f(x) = (Ax - b)^\\top (Ax - b) = x^\\top A^\\top A x", exp_ok),
        ("\\nabla f(x) = 2A^\\top A x - A^\\top b.$$", gr_ok),
        ("Дифференцируя ещё раз",
         agree(Hfd, 2 * A.T @ A, 1e-4) and all(z @ A.T @ A @ z >= 0 and ex(z @ A.T @ A @ z, np.sum((A @ z) ** 2))
                                              for z in zs)),
        ("A^\\top A = \\begin{pmatrix} 2 & 2 \\\\ 2 & 5 \\end{pmatrix}",
         ex(A.T @ A, [[2, 2], [2, 5]]) and ex(A.T @ b, [4, 4]) and ex(A.T @ A @ x0, [4, 7])),
        ("\\nabla f(x_0) = 2\\begin{pmatrix}", agree(grad0, [4, 10])),
        ("**Замечание.**",
         agree(num_grad(f, xstar), [0, 0]) and agree(2 * A.T @ A @ xstar, A.T @ b)
         and ex(np.linalg.det(A.T @ A), 6) and 10 - 4 == 6),
        ("**Ответ:**", ex(f(x0), 9) and agree(grad0, [4, 10]) and ex(2 * A.T @ A, [[4, 4], [4, 10]])
         and all(agree(num_grad(f, x), 2 * A.T @ A @ x - A.T @ b) for x in xs)),
    ]


# ----------------------------------------------------------------- 11
def checks_11():
    H, D = 3, 2
    Whh = rng.normal(size=(H, H))
    Wxh = rng.normal(size=(H, D))
    bb = rng.normal(size=H)
    hp = rng.normal(size=H)
    x = rng.normal(size=D)
    u = rng.normal(size=H)  # L = u . h_t  -> dL/dh_t = u

    def Lf(Whh_=Whh, Wxh_=Wxh, b_=bb, hp_=hp, x_=x):
        return u @ np.tanh(Whh_ @ hp_ + Wxh_ @ x_ + b_)

    a = Whh @ hp + Wxh @ x + bb
    h = np.tanh(a)
    da = u * (1 - h * h)
    fd_a = num_grad(lambda aa: u @ np.tanh(aa), a)
    ok_a = agree(fd_a, da)
    # two-step unrolled: gradient wrt shared Whh = sum of per-step contributions
    x1, x2 = rng.normal(size=D), rng.normal(size=D)
    h0 = rng.normal(size=H)

    def L2(W):
        h1 = np.tanh(W @ h0 + Wxh @ x1 + bb)
        h2 = np.tanh(W @ h1 + Wxh @ x2 + bb)
        return u @ h2

    h1 = np.tanh(Whh @ h0 + Wxh @ x1 + bb)
    h2 = np.tanh(Whh @ h1 + Wxh @ x2 + bb)
    da2 = u * (1 - h2 ** 2)
    da1 = (Whh.T @ da2) * (1 - h1 ** 2)
    ok_bptt = agree(num_grad(L2, Whh), np.outer(da2, h1) + np.outer(da1, h0))
    # numbers
    W = np.array([[0.5, -0.3], [0.8, 0.2]])
    Wx = np.array([[1.0], [-0.5]])
    hpn = np.array([0.5, -1.0])
    xn = np.array([0.5])
    an = W @ hpn + Wx @ xn
    hn = np.tanh(an)
    dhn = np.array([1.0, -1.0])
    dan = dhn * (1 - hn ** 2)
    hh = np.linspace(-1, 1, 2001)[1:-1]
    zt = rng.normal(size=5)
    return [
        ("Pochodna tangensa hiperbolicznego to $\\tanh'(a) = 1 - \\tanh^2(a)$",
         agree(num_grad(lambda t: np.sum(np.tanh(t)), zt), 1 - np.tanh(zt) ** 2)),
        ("= \\boldsymbol{\\delta}^h_t \\odot \\left(1 - \\mathbf{h}_t \\odot \\mathbf{h}_t\\right)", ok_a),
        ("\\frac{\\partial L}{\\partial W_{hh}} = \\boldsymbol{\\delta}^a_t\\,\\mathbf{h}_{t-1}^\\top",
         agree(num_grad(lambda Wv: Lf(Whh_=Wv), Whh), np.outer(da, hp))
         and agree(num_grad(lambda Wv: Lf(Wxh_=Wv), Wxh), np.outer(da, x))
         and agree(num_grad(lambda bv: Lf(b_=bv), bb), da)
         and np.outer(da, hp).shape == (H, H) and np.outer(da, x).shape == (H, D)),
        ("(W pełnym algorytmie BPTT", ok_bptt),
        ("\\frac{\\partial L}{\\partial \\mathbf{h}_{t-1}} = W_{hh}\\,\\boldsymbol{\\delta}^a_t",
         agree(num_grad(lambda hv: Lf(hp_=hv), hp), Whh @ da)
         and agree(num_grad(lambda xv: Lf(x_=xv), x), Wxh.T @ da)),
        ("Wymiary się zgadzają", (Whh.T @ da).shape == (H,) and (Wxh.T @ da).shape == (D,)),
        ("Przejście w przód:",
         ex(W @ hpn, [0.55, 0.2]) and ex(Wx @ xn, [0.5, -0.25]) and ex(an, [1.05, -0.05])
         and rv(hn, ["0.7818", "-0.0500"])),
        ("Niech $\\boldsymbol{\\delta}^h_t = (1,\\ -1)^\\top$",
         rv(1 - hn ** 2, ["0.3888", "0.9975"]) and rv(dan, ["0.3888", "-0.9975"])),
        ("\\frac{\\partial L}{\\partial W_{hh}} \\approx \\begin{bmatrix}",
         rv(np.outer(dan, hpn), ["0.1944", "-0.3888", "-0.4988", "0.9975"])
         and rv(np.outer(dan, xn), ["0.1944", "-0.4988"])),
        ("Dalej: $\\partial L / \\partial \\mathbf{h}_{t-1} \\approx",
         rv(W.T @ dan, ["0.4936", "0.1115"]) and rv(Wx.T @ dan, ["0.8875"])),
        ("**Uwaga.** Ponieważ $0 < 1 - h^2 \\le 1$",
         np.all(1 - hh ** 2 > 0) and np.all(1 - hh ** 2 <= 1)),
    ]


# ----------------------------------------------------------------- 12
def checks_12():
    eta, gam = 0.1, 0.9
    grads = rng.normal(size=8)
    v = 0.0
    ok_unroll = True
    for t in range(1, 9):
        v = gam * v + eta * grads[t - 1]
        ok_unroll &= abs(v - eta * sum(gam ** (t - k) * grads[k - 1] for k in range(1, t + 1))) < 1e-12
    v = 0.0
    g = 2.3
    for _ in range(400):
        v = gam * v + eta * g
    ok_lim = abs(v - eta * g / (1 - gam)) < 1e-12 and abs(1 / (1 - gam) - 10) < 1e-12

    f = lambda x: x ** 2 + 10 * np.sin(x)
    fp = lambda x: 2 * x + 10 * np.cos(x)
    fpp = lambda x: 2 - 10 * np.sin(x)

    def newton(x):
        for _ in range(60):
            x = x - fp(x) / fpp(x)
        return x

    xl = newton(3.8)
    xg = newton(-1.3)
    xmax = newton(1.9)
    grid = np.linspace(-10, 10, 200001)
    ok_min = (fpp(xl) > 0 and fpp(xg) > 0 and abs(grid[np.argmin(f(grid))] - xg) < 1e-3
              and f(xg) < f(xl))
    x, v = 5.0, 0.0
    traj = []
    for t in range(1, 300):
        gg = fp(x)
        v = gam * v + eta * gg
        x = x - v
        traj.append((gg, v, x))
    xs = [5.0] + [tr[2] for tr in traj]
    rows = {t: (xs[t - 1], traj[t - 1][0], traj[t - 1][1], traj[t - 1][2]) for t in (1, 2, 3)}
    row_ok = lambda t, s: rv(rows[t], s)
    passes_hill = min(xs[:10]) < xmax and abs(xs[-1] - xg) < 1e-6 and fpp(xmax) < 0
    return [
        ("v_t = \\eta \\sum_{k=1}^{t} \\gamma^{t-k}", ok_unroll),
        ("tức là vận tốc chính là tổng có trọng số", ok_lim),
        ("f(x) = x^2 + 10\\sin(x), \\qquad f'(x) = 2x + 10\\cos(x).",
         agree(num_grad(lambda t: np.sum(f(t)), grads), fp(grads))),
        ("Hàm này có một local minimum tại",
         ok_min and r(xl, "3.8375") and r(f(xl), "8.3156") and r(xg, "-1.3064") and r(f(xg), "-7.9458")),
        ("Chọn điểm xuất phát $x_0 = 5$", r(f(5.0), "15.4108")),
        ("**Bước 1:**",
         ex(fp(5.0), 10 + 10 * np.cos(5)) and r(fp(5.0), "12.8366") and r(traj[0][1], "1.2837")
         and r(0.1 * 12.8366, "1.2837") and r(traj[0][2], "3.7163") and ex(5 - 1.2837, 3.7163)),
        ("| 1 | 5.0000 |", row_ok(1, ["5.0000", "12.8366", "1.2837", "3.7163"])),
        ("| 2 | 3.7163 |", row_ok(2, ["3.7163", "-0.9606", "1.0592", "2.6571"])),
        ("| 3 | 2.6571 |", row_ok(3, ["2.6571", "-3.5349", "0.5998", "2.0573"])),
        ("Để ý bước 2",
         traj[1][0] < 0 and xs[1] < xl and traj[1][1] > 0 and 0.9 * 1.2837 > 5 * 0.1 * 0.9606
         and r(f(xs[3]), "13.0722") and f(xs[3]) > f(xs[1]) and passes_hill and r(xl, "3.8375")
         and r(xs[1], "3.7163")),
    ]


# ----------------------------------------------------------------- 13
def checks_13():
    N, d = 7, 3
    X = rng.normal(size=(N, d))
    y = rng.normal(size=N)
    lam, alpha = 0.7, 0.05
    J = lambda w, lam=lam: 0.5 * np.sum((X @ w - y) ** 2) + lam / 2 * np.sum(w ** 2)
    w = rng.normal(size=d)
    g = X.T @ (X @ w - y) + lam * w
    Hfd = num_jac(lambda ww: X.T @ (X @ ww - y) + lam * ww, w)
    ws = np.linalg.solve(X.T @ X + lam * np.eye(d), X.T @ y)
    vs = rng.normal(size=(5, d))
    Xw = rng.normal(size=(2, 5))  # N < d
    ok_inv = np.linalg.matrix_rank(Xw.T @ Xw + 0.1 * np.eye(5)) == 5 and np.linalg.matrix_rank(Xw.T @ Xw) < 5
    ols = np.linalg.solve(X.T @ X, X.T @ y)
    # example
    Xe = np.array([[1, 0], [0, 1], [1, 1.0]])
    ye = np.array([1, 2, 3.0])
    A = Xe.T @ Xe + np.eye(2)
    wse = np.linalg.solve(A, Xe.T @ ye)
    Je = lambda w: 0.5 * np.sum((Xe @ w - ye) ** 2) + 0.5 * np.sum(w ** 2)
    wols = np.linalg.solve(Xe.T @ Xe, Xe.T @ ye)
    return [
        ("\\nabla_{\\mathbf{w}} J(\\mathbf{w}) = X^\\top (X\\mathbf{w} - \\mathbf{y}) + \\lambda\\,\\mathbf{w}.",
         agree(num_grad(J, w), g)),
        ("**Hessian.** $\\nabla^2 J = X^\\top X + \\lambda I$",
         agree(Hfd, X.T @ X + lam * np.eye(d))
         and all(ex(v @ (X.T @ X + lam * np.eye(d)) @ v, np.sum((X @ v) ** 2) + lam * np.sum(v ** 2))
                 and v @ (X.T @ X + lam * np.eye(d)) @ v > 0 for v in vs)),
        ("(X^\\top X + \\lambda I)\\,\\mathbf{w}^* = X^\\top \\mathbf{y}",
         agree(num_grad(J, ws), np.zeros(d)) and all(J(ws) <= J(ws + 0.01 * v) for v in vs)),
        ("Kalau $\\lambda = 0$ kita kembali ke persamaan normal OLS",
         agree(num_grad(lambda w_: J(w_, 0.0), ols), np.zeros(d)) and ok_inv),
        ("= (1 - \\alpha\\lambda)\\,\\mathbf{w} - \\alpha\\, X^\\top",
         agree(w - alpha * g, (1 - alpha * lam) * w - alpha * X.T @ (X @ w - y), 1e-12)),
        ("Inilah sebabnya regularisasi L2 sering disebut",
         agree(w - alpha * g, (1 - alpha * lam) * w - alpha * X.T @ (X @ w - y), 1e-12)),
        ("1. $X^\\top X = \\begin{bmatrix} 2 & 1",
         ex(Xe.T @ Xe, [[2, 1], [1, 2]]) and ex(A, [[3, 1], [1, 3]]) and ex(np.linalg.det(A), 8) and 9 - 1 == 8),
        ("2. $X^\\top \\mathbf{y} = (1 + 3,\\ 2 + 3)^\\top = (4, 5)^\\top$", ex(Xe.T @ ye, [4, 5])),
        ("3. $(X^\\top X + I)^{-1} = \\frac{1}{8}", ex(np.linalg.inv(A), np.array([[3, -1], [-1, 3]]) / 8)),
        ("4. $\\mathbf{w}^* = \\frac{1}{8}\\,(12 - 5,\\ -4 + 15)^\\top",
         ex(wse, np.array([12 - 5, -4 + 15]) / 8) and ex(wse, [0.875, 1.375])),
        ("5. Cek: $X\\mathbf{w}^* - \\mathbf{y}",
         ex(Xe @ wse - ye, [-0.125, -0.625, -0.75]) and ex(Xe.T @ (Xe @ wse - ye), [-0.875, -1.375])
         and ex(Xe.T @ (Xe @ wse - ye), -1 * wse)),
        ("6. Nilai biaya minimum",
         ex(np.sum((Xe @ wse - ye) ** 2), 0.96875) and ex(np.sum(wse ** 2), 2.65625) and ex(Je(wse), 1.8125)),
        ("7. Di titik awal $\\mathbf{w} = \\mathbf{0}$",
         agree(num_grad(Je, np.zeros(2)), [-4, -5]) and ex(Je(np.zeros(2)), 7)),
        ("Bandingkan dengan OLS ($\\lambda = 0$)",
         ex(wols, [1, 2]) and np.linalg.norm(wse) < np.linalg.norm(wols)),
    ]


# ----------------------------------------------------------------- 14
def checks_14():
    p = 0.8
    h = 2.0
    E = lambda fn, n=1, pp=p: sum(pr * fn(m) for m, pr in enum_bernoulli(n, pp))
    Er = E(lambda m: m[0])
    Vr = E(lambda m: m[0] ** 2) - Er ** 2
    hv = rng.normal(size=4)
    wv = rng.normal(size=4)
    bb = rng.normal()
    Evan = E(lambda m: m * hv, 4)
    Einv = E(lambda m: m * hv / p, 4)
    Vinv = E(lambda m: (m * hv / p) ** 2, 4) - Einv ** 2
    Ez_van = E(lambda m: wv @ (m * hv) + bb, 4)
    Ez_inv = E(lambda m: wv @ (m * hv / p) + bb, 4)
    Eh = E(lambda m: m[0] * h / p)
    Vh = E(lambda m: (m[0] * h / p) ** 2) - Eh ** 2
    relu = lambda t: np.maximum(t, 0)
    Ef = E(lambda m: relu(np.array([1.0, -1.0]) @ (m[:2] * np.array([1.0, 1.0]) / p)), 2)
    fE = relu(np.array([1.0, -1.0]) @ np.array([1.0, 1.0]))
    return [
        ("PyTorch mein `nn.Dropout(p=0.2)`", abs(1 - 0.2 - 0.8) < 1e-12),
        ("Basic facts yaad rakho", ex(Er, p) and ex(Vr, p * (1 - p))),
        ("\\mathbb{E}[\\tilde{h}_i] = \\mathbb{E}[r_i]\\,h_i = p\\,h_i.", agree(Evan, p * hv, 1e-12)),
        ("outgoing weights ko $p$ se multiply karte hain",
         ex(Ez_van, (p * wv) @ hv + bb)),
        ("\\tilde{h}_i = \\frac{r_i\\,h_i}{p}, \\qquad", agree(Einv, hv, 1e-12)),
        ("\\text{Var}[\\tilde{h}_i] = \\frac{h_i^2}{p}", agree(Vinv, hv ** 2 * (1 - p), 1e-9)),
        ("- Agar neuron bacha", ex(h / p, 2.5)),
        ("- $\\mathbb{E}[\\tilde{h}] = 0.8 \\times 2.5", ex(Eh, 2.0) and ex(0.8 * 2.5 + 0.2 * 0, 2.0)),
        ("- $\\text{Var}[\\tilde{h}] = 2.0^2", r(Vh, "0.8") and r(np.sqrt(Vh), "0.894")),
        ("- 512 neurons wali layer mein", ex(E(lambda m: m[0]) * 512, 409.6)),
        ("- 4 neurons wali chhoti layer", ex(E(lambda m: float(m.sum() == 0), 4), 0.0016) and ex(0.2 ** 4, 0.0016)),
        ("Linearity of expectation se", ex(Ez_inv, wv @ hv + bb) and abs(Ef - fE) > 1e-6),
    ]


# ----------------------------------------------------------------- 15
def checks_15():
    lr, rho, eps = 0.01, 0.9, 1e-8
    f = lambda w: w[0] ** 2 + 10 * w[1] ** 2
    gradf = lambda w: np.array([2 * w[0], 20 * w[1]])
    w = np.array([1.0, -2.0])
    s = np.zeros(2)
    out = {}
    for t in range(1, 4):
        g = gradf(w)
        s = rho * s + (1 - rho) * g ** 2
        step = lr * g / (np.sqrt(s) + eps)
        w = w - step
        out[t] = dict(g=g, s=s, step=step, w=w.copy(), f=f(w))
    wr = rng.normal(size=2)
    Hs = num_jac(gradf, wr)
    ok_print = lambda t, ws, fs: rv(out[t]["w"], ws) and abs(out[t]["f"] - float(fs)) < 1e-9
    return [
        ("f(\\mathbf{w}) = w_1^2 + 10\\,w_2^2, \\qquad \\nabla f", agree(num_grad(f, wr), gradf(wr))),
        ("The Hessian is $\\mathrm{diag}(2, 20)$",
         agree(Hs, np.diag([2, 20])) and ex(20 / 2, 10) and ex(f(np.array([1.0, -2.0])), 41)),
        ("    1 [ 0.96837722 -1.96837722]", ok_print(1, ["0.96837722", "-1.96837722"], "39.682843384681846")),
        ("    2 [ 0.94578803 -1.94560964]", ok_print(2, ["0.94578803", "-1.94560964"], "38.74848357373826")),
        ("    3 [ 0.9270531  -1.92663368]", ok_print(3, ["0.9270531", "-1.92663368"], "37.97860089186446")),
        ("With $s_0 = 0$ we get $g_1 = (2, -40)$",
         ex(out[1]["g"], [2, -40]) and ex(out[1]["s"], [0.4, 160]) and ex(0.1 * np.array([4, 1600]), [0.4, 160])
         and rv(np.sqrt(out[1]["s"]), ["0.6325", "12.6491"])),
        ("So each coordinate moves by",
         agree(np.abs(out[1]["step"]), [lr / np.sqrt(1 - rho)] * 2, 1e-7) and r(0.01 / np.sqrt(0.1), "0.0316")
         and ex(40 / 2, 20) and ex(lr * 40, 0.4) and ex(lr * 2, 0.02)),
        ("$g_2 \\approx (1.9368, -39.3675)$",
         rv(out[2]["g"], ["1.9368", "-39.3675"]) and agree(out[2]["s"], 0.9 * out[1]["s"] + 0.1 * out[2]["g"] ** 2)
         and rv(out[2]["s"], ["0.7351", "298.9804"]) and rv(np.abs(out[2]["step"]), ["0.0226", "0.0228"])
         and rv(out[2]["w"], ["0.9458", "-1.9456"])),
        ("The running average keeps growing",
         np.all(out[3]["s"] > out[2]["s"]) and np.all(np.abs(out[3]["step"]) < np.abs(out[2]["step"]))
         and rv(np.abs(out[3]["step"]), ["0.0187", "0.0190"]) and rv(out[3]["w"], ["0.9271", "-1.9266"])
         and r(out[3]["f"], "37.98")),
    ]


# ----------------------------------------------------------------- 16
def checks_16():
    def fwd(x, w, b, S=1):
        N, K = len(x), len(w)
        n_out = (N - K) // S + 1
        return np.array([sum(w[k] * x[i * S + k] for k in range(K)) + b for i in range(n_out)])

    ok_len = all(len(fwd(np.zeros(N), np.zeros(K), 0.0)) == N - K + 1 for N in range(3, 12) for K in range(1, N + 1))
    ok_slen = True
    for N in range(3, 15):
        for K in range(1, N + 1):
            for S in range(1, 4):
                count = sum(1 for i in range(N) if i * S + K - 1 <= N - 1)
                ok_slen &= (N - K) // S + 1 == count
    ok_slen &= (5 - 3) // 2 + 1 == 2
    N, K = 7, 3
    x = rng.normal(size=N)
    w = rng.normal(size=K)
    b = rng.normal()
    u = rng.normal(size=N - K + 1)
    L = lambda x_, w_, b_: u @ fwd(x_, w_, b_)
    dw_fd = num_grad(lambda ww: L(x, ww, b), w)
    dx_fd = num_grad(lambda xx: L(xx, w, b), x)
    db_fd = num_grad(lambda bb: L(x, w, bb[0]), np.array([b]))[0]
    dw_form = np.array([sum(u[i] * x[i + k] for i in range(N - K + 1)) for k in range(K)])
    dx_form = np.array([sum(u[j - k] * w[k] for k in range(K) if 0 <= j - k < N - K + 1) for j in range(N)])
    padded = np.concatenate([np.zeros(K - 1), u, np.zeros(K - 1)])
    full = np.correlate(padded, w[::-1], mode="valid")
    # numbers
    xn = np.array([1, 2, -1, 3, 0.0])
    wn = np.array([2, -1, 1.0])
    dn = np.array([1, 0.5, -1])
    yn = fwd(xn, wn, 0.0)
    Ln = lambda w_: dn @ fwd(xn, w_, 0.0)
    dwn = num_grad(Ln, wn)
    dxn = num_grad(lambda xx: dn @ fwd(xx, wn, 0.0), xn)
    return [
        ("y_i = \\sum_{k=0}^{K-1} w_k\\, x_{i+k} + b", ok_len),
        ("→ 출력 길이는 $N - K + 1$", ok_len),
        ("stride가 $S$이면", ok_slen),
        ("\\frac{\\partial L}{\\partial w_k} = \\sum_{i=0}^{N-K} \\delta_i\\, x_{i+k}", agree(dw_fd, dw_form)),
        ("`np.correlate(x, delta, mode='valid')`",
         agree(np.correlate(x, u, mode="valid"), dw_fd) and len(np.correlate(x, u, mode="valid")) == K),
        ("편향은 모든 출력 위치에", abs(db_fd - u.sum()) < 1e-6),
        ("입력 쪽:",
         agree(dx_fd, dx_form) and agree(full, dx_fd) and agree(np.convolve(u, w, mode="full"), dx_fd)
         and len(full) == (N - K + 1) + K - 1 == N),
        ("$x = [1, 2, -1, 3, 0]$, $w = [2, -1, 1]$", len(yn) == 3 and 5 - 3 + 1 == 3),
        ("- $y_0 = ", ex(yn[0], -1)),
        ("- $y_1 = ", ex(yn[1], 8)),
        ("- $y_2 = ", ex(yn[2], -5)),
        ("- $\\partial L/\\partial w_0 =", agree(dwn[0], 3) and 1 * 1 + 0.5 * 2 + (-1) * (-1) == 3),
        ("- $\\partial L/\\partial w_1 =", agree(dwn[1], -1.5) and 1 * 2 + 0.5 * (-1) + (-1) * 3 == -1.5),
        ("- $\\partial L/\\partial w_2 =", agree(dwn[2], 0.5) and 1 * (-1) + 0.5 * 3 + (-1) * 0 == 0.5),
        ("- $\\partial L/\\partial b =", ex(dn.sum(), 0.5)),
        ("- $\\partial L/\\partial x = [2,\\ 0,\\ -1.5,\\ 1.5,\\ -1]$", agree(dxn, [2, 0, -1.5, 1.5, -1])),
        ("검산:",
         ex(Ln(wn), 8) and ex(Ln(np.array([2, -0.9, 1])), 7.85) and ex(7.85 - 8, -0.15) and ex(0.1 * -1.5, -0.15)),
    ]


# ----------------------------------------------------------------- driver
FILES = {
    "01_twolayer_sigmoid_cs231n.md": checks_01,
    "02_logreg_hessian_cs229.md": checks_02,
    "03_four_equations_nielsen.md": checks_03,
    "04_softmax_xent_goodfellow.md": checks_04,
    "05_multilabel_sigmoid_bishop.md": checks_05,
    "06_batchnorm_d2l_zh.md": checks_06,
    "07_adam_medium.md": checks_07,
    "08_kl_bernoulli_crossvalidated.md": checks_08,
    "09_conv_output_size_german_exam.md": checks_09,
    "10_normsq_grad_russian.md": checks_10,
    "11_rnn_backward_polish.md": checks_11,
    "12_momentum_vietnamese.md": checks_12,
    "13_ridge_indonesian.md": checks_13,
    "14_dropout_hinglish.md": checks_14,
    "15_rmsprop_notebook.md": checks_15,
    "16_conv1d_backward_korean.md": checks_16,
}


def main():
    with open(os.path.join(HERE, "expected.json"), encoding="utf-8") as fh:
        expected = json.load(fh)
    bad = False
    if set(expected) != set(FILES):
        print("expected.json keys differ from checked files")
        bad = True
    for fname, make in FILES.items():
        with open(os.path.join(HERE, fname), encoding="utf-8") as fh:
            lines = fh.read().split("\n")
        if lines and lines[-1] == "":
            lines = lines[:-1]
        first_false = None
        falses = []
        problems = []
        checks = make()
        seen = set()
        for sub, ok in checks:
            hits = [i + 1 for i, ln in enumerate(lines) if sub in ln]
            if len(hits) != 1:
                problems.append(f"substring matches {len(hits)} lines: {sub!r}")
                continue
            ln = hits[0]
            seen.add(ln)
            if not bool(ok):
                falses.append(ln)
        if falses:
            first_false = min(falses)
        exp = expected.get(fname)
        status = "correct" if first_false is None else f"first false line {first_false}"
        agree_ = (first_false == exp) and not problems
        mark = "OK " if agree_ else "MISMATCH"
        print(f"{mark} {fname}: {status}  (expected {exp}; {len(checks)} checks on "
              f"{len(seen)} lines; false lines {sorted(set(falses))})")
        for pmsg in problems:
            print("    PROBLEM:", pmsg)
        if not agree_:
            bad = True
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
