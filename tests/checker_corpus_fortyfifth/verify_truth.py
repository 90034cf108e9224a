#!/usr/bin/env python3
"""Independent NumPy check of the 16 derivation files in this directory.

For every file there is a list of (substring, predicate) pairs.  Every line of
the file that contains `$` or lies inside a `$$ ... $$` display must be matched
by at least one substring (pure delimiter lines `$$`, `\\begin{aligned}`,
`\\end{aligned}` are structural and need no predicate); every substring must
match exactly one line.  A predicate receives the text of its line and returns
True when the mathematics on that line is correct.  GIVEN marks definitions and
data.  The first line with a false predicate is compared with expected.json.
"""
import json
import math
import os
import re
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------
def GIVEN(_line):
    return True


def sig(z):
    return 1.0 / (1.0 + np.exp(-z))


def softmax(a):
    a = np.asarray(a, float)
    e = np.exp(a - a.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def fd(f, x, eps=1e-6):
    """central-difference gradient of scalar f at array x"""
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        xp = x.copy()
        xm = x.copy()
        xp[idx] += eps
        xm[idx] -= eps
        g[idx] = (f(xp) - f(xm)) / (2 * eps)
    return g


def fdjac(f, x, eps=1e-6):
    """J[i, j] = d f_i / d x_j for vector f and vector x"""
    x = np.array(x, dtype=float)
    cols = []
    for j in range(x.size):
        xp = x.copy()
        xm = x.copy()
        xp[j] += eps
        xm[j] -= eps
        cols.append((np.asarray(f(xp)) - np.asarray(f(xm))) / (2 * eps))
    return np.stack(cols, axis=-1)


def close(a, b, tol=1e-5):
    a = np.asarray(a, float)
    b = np.asarray(b, float)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=tol, atol=tol))


NUM = re.compile(r'(?<![\w.])(-?)(\d+)(?:\.(\d+))?(?!\d)')


def tokens(s):
    """numbers written in s, as (value, number of decimals)"""
    out = []
    for m in NUM.finditer(s):
        sgn, ip, fp = m.groups()
        v = float(ip + ('.' + fp if fp else ''))
        out.append((-v if sgn else v, len(fp) if fp else 0))
    return out


def agrees(shown, d, *vals):
    tol = 0.5 * 10 ** (-d) + 1e-9
    return any(abs(shown - v) <= tol for v in vals)


def has(line, d, *vals):
    """the line shows a number with d decimals equal (at that precision) to one of vals"""
    return any(dd == d and agrees(v, d, *vals) for v, dd in tokens(line))


def seq_after(line, marker, expected, stop=None):
    """numbers after `marker` (up to `stop`) agree, in order, with expected"""
    part = line.split(marker, 1)[1]
    if stop is not None:
        part = part.split(stop, 1)[0]
    expected = np.ravel(np.asarray(expected, dtype=float))
    toks = tokens(part)[:expected.size]
    if len(toks) != expected.size:
        return False
    return all(agrees(v, d, e) for (v, d), e in zip(toks, expected))


def _seq(toks, expected):
    if len(toks) != len(expected):
        return False
    return all(agrees(v, d, *(e if isinstance(e, tuple) else (e,))) for (v, d), e in zip(toks, expected))


def dseq(line, *expected):
    """every decimal number written on the line, in order, agrees with the corresponding
    expected entry (a value, or a tuple of acceptable values: exact / from displayed operands)"""
    return _seq([(v, d) for v, d in tokens(line) if d >= 1], expected)


def aseq(line, *expected):
    """every number (integers included) written on the line, in order, agrees with expected"""
    return _seq(tokens(line), expected)


def claims_int(line, n):
    return any(d == 0 and v == n for v, d in tokens(line))


def all_true(*conds):
    return all(bool(c) for c in conds)


rng = np.random.default_rng(12345)

CHECKS = {}


# --------------------------------------------------------------------------
# 01 Bishop: hidden-layer deltas (tanh hidden units, linear outputs, SSE)
# --------------------------------------------------------------------------
def _f01():
    D, M, K = 2, 3, 3            # K = M so that every index pattern can be evaluated
    W1 = rng.normal(size=(M, D + 1))   # W1[j-1, i]   = w_ji^(1), i = 0..D
    W2 = rng.normal(size=(K, M + 1))   # W2[k-1, j]   = w_kj^(2), j = 0..M
    x = rng.normal(size=D)
    t = rng.normal(size=K)
    xt = np.r_[1.0, x]

    def E_of(W1_, W2_, x_=x, t_=t):
        z = np.tanh(W1_ @ np.r_[1.0, x_])
        y = W2_ @ np.r_[1.0, z]
        return 0.5 * np.sum((y - t_) ** 2)

    a = W1 @ xt
    z = np.tanh(a)
    zt = np.r_[1.0, z]
    y = W2 @ zt
    E_of_a = lambda a_: 0.5 * np.sum((W2 @ np.r_[1.0, np.tanh(a_)] - t) ** 2)
    E_of_ak = lambda ak: 0.5 * np.sum((ak - t) ** 2)
    delta_h = fd(E_of_a, a)                   # dE/da_j   (hidden)
    delta_o = fd(E_of_ak, y)                  # dE/da_k   (output)
    G1 = fd(lambda W: E_of(W, W2), W1)
    G2 = fd(lambda W: E_of(W1, W), W2)
    dadw = np.zeros_like(W1)
    for j in range(M):
        for i in range(D + 1):
            def a_j(wv, j=j, i=i):
                W = W1.copy()
                W[j, i] = wv[0]
                return (W @ xt)[j]
            dadw[j, i] = fd(a_j, np.array([W1[j, i]]))[0]
    hprime = fd(lambda a_: np.sum(np.tanh(a_)), a)   # elementwise h'(a_j)
    Jak = fdjac(lambda a_: W2 @ np.r_[1.0, np.tanh(a_)], a)   # d a_k / d a_j

    def swapped(hp):
        # w_{jk}^{(2)} read with the file's convention w_{kj} = W2[k-1, j]
        return np.array([hp[j - 1] * sum(W2[j - 1, k] * delta_o[k - 1] for k in range(1, K + 1))
                         for j in range(1, M + 1)])

    # batch of three patterns
    X = rng.normal(size=(3, D))
    T = rng.normal(size=(3, K))
    Etot = lambda W: sum(E_of(W, W2, X[n], T[n]) for n in range(3))
    Gtot = fd(Etot, W1)
    Gsum = sum(fd(lambda W: E_of(W, W2, X[n], T[n]), W1) for n in range(3))

    return [
        ("We consider a network having $D$ inputs", GIVEN),
        ("$$a_j = \\sum_{i=0}^{D} w_{ji}^{(1)} x_i", GIVEN),
        ("in which the bias has been absorbed", GIVEN),
        ("$$z_j = h(a_j)", GIVEN),
        ("and the output units, which here are linear", GIVEN),
        ("$$E_n = \\frac{1}{2}\\sum_{k=1}^{K}", GIVEN),
        ("where the dependence of $y_k$", GIVEN),
        ("\\frac{\\partial E_n}{\\partial a_j}\\frac{\\partial a_j}{\\partial w_{ji}^{(1)}}. \\tag{5.50}",
         lambda L: close(G1, delta_h[:, None] * dadw)),
        ("$$\\delta_j \\equiv \\frac{\\partial E_n}{\\partial a_j} \\tag{5.51}", GIVEN),
        ("and we shall call the quantities $\\delta$", GIVEN),
        ("$$\\frac{\\partial a_j}{\\partial w_{ji}^{(1)}} = x_i.", lambda L: close(dadw, np.tile(xt, (M, 1)))),
        ("= \\delta_j x_i \\tag{5.53}", lambda L: close(G1, np.outer(delta_h, xt))),
        ("and in exactly the same way the second-layer", lambda L: close(G2, np.outer(delta_o, zt))),
        ("$$\\delta_k = y_k - t_k.", lambda L: close(delta_o, y - t)),
        ("To evaluate the $\\delta$'s for the hidden units", GIVEN),
        ("\\frac{\\partial E_n}{\\partial a_k}\\frac{\\partial a_k}{\\partial a_j}. \\tag{5.55}",
         lambda L: close(delta_h, Jak.T @ delta_o)),
        ("If we now substitute the definition", GIVEN),
        ("$$\\delta_j = h'(a_j) \\sum_{k=1}^{K} w_{jk}^{(2)}", lambda L: close(delta_h, swapped(hprime))),
        ("so that each hidden-unit $\\delta$ is assembled", GIVEN),
        ("For the particular choice $h(a) = \\tanh(a)$", lambda L: close(hprime, 1 - np.tanh(a) ** 2)),
        ("$$\\delta_j = (1 - z_j^2) \\sum_{k=1}^{K} w_{jk}^{(2)}", lambda L: close(delta_h, swapped(1 - z ** 2))),
        ("Finally, for batch methods", GIVEN),
        ("$$\\frac{\\partial E}{\\partial w_{ji}^{(1)}} = \\sum_n", lambda L: close(Gtot, Gsum)),
    ]


CHECKS["01_bishop_hidden_layer_deltas.md"] = _f01


# --------------------------------------------------------------------------
# 02 Murphy: softmax + cross-entropy gradient w.r.t. logits
# --------------------------------------------------------------------------
def _f02():
    C, D = 4, 3
    W = rng.normal(size=(C, D))
    x = rng.normal(size=D)
    y = np.eye(C)[2]
    a = W @ x
    lse = lambda a_: math.log(np.sum(np.exp(a_)))
    mu = np.exp(a) / np.sum(np.exp(a))
    nll = lambda a_: -np.sum(y * np.log(np.exp(a_) / np.sum(np.exp(a_))))
    J = fdjac(lambda a_: np.exp(a_) / np.sum(np.exp(a_)), a)
    Jf = np.diag(mu) - np.outer(mu, mu)
    g = fd(nll, a)
    gW = fd(lambda W_: nll(W_ @ x), W)
    Hs = fdjac(lambda a_: fd(nll, a_, 1e-5), a, 1e-4)
    kd = np.eye(C)
    # worked example
    a0 = np.array([2.0, 1.0, 0.0])
    mu0 = softmax(a0)
    y0 = np.array([1.0, 0, 0])

    return [
        ("Consider a single example with input", GIVEN),
        ("$$\\mu_c = \\mathcal{S}(\\mathbf{a})_c",
         lambda L: close(mu, np.exp(a - lse(a))) and close(mu, softmax(a))),
        ("is the log-sum-exp function. The negative", GIVEN),
        ("$$\\mathrm{NLL} = -\\sum_{c=1}^{C} y_c \\log \\mu_c",
         lambda L: close(nll(a), -np.sum(y * a) + lse(a) * np.sum(y)) and close(nll(a), -y @ a + lse(a))),
        ("$$\\frac{\\partial\\, \\mathrm{lse}(\\mathbf{a})}{\\partial a_j}",
         lambda L: close(fd(lse, a), np.exp(a) / np.sum(np.exp(a))) and close(fd(lse, a), mu)),
        ("The Jacobian of the softmax, $\\mathbf{J}_{cj}", GIVEN),
        ("$$\\frac{\\partial \\mu_c}{\\partial a_j} = \\mu_c(\\delta_{cj} - \\mu_j)",
         lambda L: close(J, mu[:, None] * (kd - mu[None, :])) and close(J, Jf)),
        ("where $\\delta_{cj}$ is the Kronecker delta", lambda L: close(J, J.T) and close(J @ np.ones(C), np.zeros(C))),
        ("By the chain rule, $\\partial\\,\\mathrm{NLL}/\\partial a_j", lambda L: close(g, -(y / mu) @ J)),
        ("&= -\\sum_{c} \\frac{y_c}{\\mu_c}\\,\\mu_c(\\delta_{cj} - \\mu_j)",
         lambda L: close(g, -np.array([np.sum(y / mu * mu * (kd[:, j] - mu[j])) for j in range(C)]))),
        ("&= -y_j + \\mu_j \\sum_c y_c = \\mu_j - y_j",
         lambda L: close(g, -y + mu * np.sum(y)) and close(g, mu - y)),
        ("In vector form, $\\nabla_{\\mathbf{a}}", lambda L: close(g, mu - y)),
        ("$$\\nabla_{\\mathbf{W}} \\mathrm{NLL} = (\\boldsymbol{\\mu} - \\mathbf{y})\\,\\mathbf{x}^\\top",
         lambda L: close(gW, np.outer(mu - y, x)) and gW.shape == (C, D)),
        ("The Hessian with respect to the logits",
         lambda L: close(Hs, Jf, 1e-4) and np.min(np.linalg.eigvalsh(Jf)) > -1e-12),
        ("For example, with $C = 3$", lambda L: aseq(L, 3, 2, 1, 0, 1, *mu0)),
        ("$$\\nabla_{\\mathbf{a}} \\mathrm{NLL} = (-0.3348",
         lambda L: aseq(L, *(mu0 - y0), -math.log(mu0[0]))),
    ]


CHECKS["02_murphy_softmax_cross_entropy.md"] = _f02


# --------------------------------------------------------------------------
# 03 d2l (zh): softmax Jacobian
# --------------------------------------------------------------------------
def _f03():
    q = 4
    o = rng.normal(size=q)
    Zf = lambda o_: np.sum(np.exp(o_))
    yh = softmax(o)
    J = fdjac(softmax, o)
    e = np.exp(o)
    Z = Zf(o)
    y = np.eye(q)[1]
    loss = lambda o_: -np.sum(y * np.log(softmax(o_)))
    gl = fd(loss, o)
    offd = ~np.eye(q, dtype=bool)
    # numbers
    o0 = np.array([1.0, 2.0, 0.5])
    y0 = softmax(o0)
    J0 = np.diag(y0) - np.outer(y0, y0)
    lab = np.array([0, 1.0, 0])

    return [
        ("设一个样本有 $q$ 个类别", GIVEN),
        ("$$\\hat{\\mathbf{y}} = \\mathrm{softmax}(\\mathbf{o}), \\quad", GIVEN),
        ("为了求 $\\hat{y}_i$ 关于 $o_j$", lambda L: close(fd(Zf, o), np.exp(o))),
        ("当 $i = j$ 时", GIVEN),
        ("$$\\frac{\\partial \\hat{y}_i}{\\partial o_i} = \\frac{\\exp(o_i) Z",
         lambda L: close(np.diag(J), (e * Z - e * e) / Z ** 2) and close(np.diag(J), yh - yh ** 2)
         and close(np.diag(J), yh * (1 - yh))),
        ("当 $i \\neq j$ 时", GIVEN),
        ("= \\frac{-\\exp(o_i)\\exp(o_j)}{Z^2} = -\\hat{y}_i \\hat{y}_j",
         lambda L: close(J[offd], (-np.outer(e, e) / Z ** 2)[offd]) and close(J[offd], (-np.outer(yh, yh))[offd])),
        ("= \\hat{y}_i(\\delta_{ij} - \\hat{y}_j), \\qquad",
         lambda L: close(J, yh[:, None] * (np.eye(q) - yh[None, :])) and close(J, np.diag(yh) - np.outer(yh, yh))),
        ("其中 $\\delta_{ij}$ 在", lambda L: close(J.sum(axis=0), np.zeros(q)) and close(np.sum(yh), 1.0)),
        ("结合交叉熵损失", GIVEN),
        ("$$\\partial_{o_j} l(\\mathbf{y}, \\hat{\\mathbf{y}}) = -\\sum_{i=1}^{q}",
         lambda L: close(gl, -(y / yh) @ (yh[:, None] * (np.eye(q) - yh[None, :]))) and close(gl, yh - y)),
        ("**数值例子。**", lambda L: aseq(L, 3, *o0, *np.exp(o0), np.sum(np.exp(o0)))),
        ("$$\\hat{\\mathbf{y}} = (0.2312,\\ 0.6285", lambda L: dseq(L, *y0)),
        ("\\begin{bmatrix} 0.1778", lambda L: dseq(L, *np.ravel(J0))),
        ("若真实类别为第 2 类",
         lambda L: aseq(L, 2, *lab, y0[1], (-math.log(y0[1]), -math.log(0.6285)))
         and close(-math.log(softmax(o0)[1]), -np.sum(lab * np.log(y0)))),
        ("$$\\partial_{\\mathbf{o}} l = \\hat{\\mathbf{y}} - \\mathbf{y} = (0.2312",
         lambda L: dseq(L, *(y0 - lab)) and close(fd(lambda o_: -math.log(softmax(o_)[1]), o0), y0 - lab)),
    ]


CHECKS["03_d2l_zh_softmax_jacobian.md"] = _f03


# --------------------------------------------------------------------------
# 04 Bishop: logistic regression gradient / Hessian / IRLS
# --------------------------------------------------------------------------
def _f04():
    N, M = 7, 3
    Phi = rng.normal(size=(N, M))
    t = rng.integers(0, 2, size=N).astype(float)
    w = rng.normal(size=M) * 0.5
    ylik = lambda w_: sig(Phi @ w_)
    E = lambda w_: -np.sum(t * np.log(ylik(w_)) + (1 - t) * np.log(1 - ylik(w_)))
    y = ylik(w)
    p = np.prod(y ** t * (1 - y) ** (1 - t))
    g = fd(E, w)
    H = fdjac(lambda w_: fd(E, w_, 1e-5), w, 1e-4)
    R = np.diag(y * (1 - y))
    Hsum = sum(y[n] * (1 - y[n]) * np.outer(Phi[n], Phi[n]) for n in range(N))
    z = Phi @ w - np.linalg.inv(R) @ (y - t)
    wnew_a = w - np.linalg.inv(Phi.T @ R @ Phi) @ Phi.T @ (y - t)
    wnew_b = np.linalg.inv(Phi.T @ R @ Phi) @ Phi.T @ R @ z
    Htrue = Phi.T @ R @ Phi
    us = rng.normal(size=(20, M))

    def hess_line(L):
        try:
            rhs = Phi @ R @ Phi.T            # as written on the line
        except ValueError:
            return False
        return close(H, Hsum, 1e-4) and close(H, rhs, 1e-4)

    return [
        ("For the two-class problem, the posterior", GIVEN),
        ("$$p(\\mathbf{t}|\\mathbf{w}) = \\prod", GIVEN),
        ("where $\\mathbf{t} = (t_1, \\ldots, t_N)", GIVEN),
        ("$$E(\\mathbf{w}) = -\\ln p(\\mathbf{t}|\\mathbf{w})", lambda L: close(-math.log(p), E(w))),
        ("$$\\frac{d\\sigma}{da} = \\sigma(1 - \\sigma)",
         lambda L: close(fd(lambda a: np.sum(sig(a)), np.linspace(-3, 3, 7)),
                         sig(np.linspace(-3, 3, 7)) * (1 - sig(np.linspace(-3, 3, 7))))),
        ("Taking the gradient of the error function (4.90)", GIVEN),
        ("$$\\nabla E(\\mathbf{w}) = \\sum_{n=1}^{N} (y_n - t_n)", lambda L: close(g, (y - t) @ Phi)),
        ("Note that the derivative $\\sigma(1-\\sigma)$ no longer appears",
         lambda L: close(fd(lambda w_: E(w_), w), (ylik(w) - t) @ Phi)),
        ("$$\\nabla E(\\mathbf{w}) = \\boldsymbol{\\Phi}^{\\mathrm{T}}(\\mathbf{y} - \\mathbf{t})",
         lambda L: close(g, Phi.T @ (y - t))),
        ("$$\\mathbf{H} = \\nabla\\nabla E(\\mathbf{w})", hess_line),
        ("where we have introduced the $N \\times N$", GIVEN),
        ("$$R_{nn} = y_n(1 - y_n)", GIVEN),
        ("Since $0 < y_n < 1$",
         lambda L: np.all((y > 0) & (y < 1)) and np.min(np.linalg.eigvalsh(Htrue)) > 0
         and all(u @ H @ u > 0 for u in us)),
        ("The Newton-Raphson update,", GIVEN),
        ("$$\\mathbf{w}^{(\\mathrm{new})} = \\mathbf{w}^{(\\mathrm{old})} - (",
         lambda L: close(wnew_a, w - np.linalg.solve(H, g), 1e-4) and close(wnew_a, wnew_b)),
        ("where $\\mathbf{z}$ is an $N$-dimensional", GIVEN),
        ("$$\\mathbf{z} = \\boldsymbol{\\Phi}\\mathbf{w}^{(\\mathrm{old})}", GIVEN),
        ("Since $\\mathbf{R}$ (and hence $\\mathbf{z}$) changes", GIVEN),
    ]


CHECKS["04_bishop_logistic_regression_hessian.md"] = _f04


# --------------------------------------------------------------------------
# 05 CS231n: 2-layer MLP in matrix form
# --------------------------------------------------------------------------
def _f05():
    N, D, H, C, lam = 5, 3, 4, 3, 0.1
    X = rng.normal(size=(N, D))
    W1 = rng.normal(size=(D, H))
    b1 = rng.normal(size=(1, H)) * 0.1
    W2 = rng.normal(size=(H, C))
    b2 = rng.normal(size=(1, C)) * 0.1
    yl = rng.integers(0, C, size=N)
    Y = np.eye(C)[yl]

    def data_loss_s(s):
        p = softmax(s)
        return -np.mean(np.log(p[np.arange(N), yl]))

    reg = lambda W1_, W2_: 0.5 * lam * np.sum(W1_ ** 2) + 0.5 * lam * np.sum(W2_ ** 2)

    def loss(W1_=W1, b1_=b1, W2_=W2, b2_=b2):
        h = np.maximum(0, X @ W1_ + b1_)
        return data_loss_s(h @ W2_ + b2_) + reg(W1_, W2_)

    Zpre = X @ W1 + b1
    h = np.maximum(0, Zpre)
    s = h @ W2 + b2
    P = softmax(s)
    ds = fd(data_loss_s, s)
    dh = fd(lambda h_: data_loss_s(h_ @ W2 + b2), h)
    dz = fd(lambda z_: data_loss_s(np.maximum(0, z_) @ W2 + b2), Zpre)
    gW2 = fd(lambda W: loss(W2_=W), W2)
    gb2 = fd(lambda b: loss(b2_=b), b2)
    gW1 = fd(lambda W: loss(W1_=W), W1)
    gb1 = fd(lambda b: loss(b1_=b), b1)
    dsf = (P - Y) / N
    dhf = dsf @ W2.T
    dzf = dhf * (h > 0)

    return [
        ("We have a minibatch of $N$ examples", GIVEN),
        ("$$h = \\max(0,\\, XW_1 + b_1), \\qquad s = hW_2 + b_2", GIVEN),
        ("where $W_1$ is $[D \\times H]$", lambda L: h.shape == (N, H) and s.shape == (N, C)),
        ("$$L = \\frac{1}{N}\\sum_{i=1}^{N} L_i", GIVEN),
        ("Let $p_{ij} = e^{s_{ij}}", GIVEN),
        ("$$\\frac{\\partial L}{\\partial s_{ij}} = \\frac{1}{N}", lambda L: close(ds, dsf)),
        ("i.e. `dscores = (probs - Y) / N`", GIVEN),
        ("$$\\frac{\\partial L}{\\partial W_2} = h^T",
         lambda L: close(gW2, h.T @ dsf + lam * W2) and gW2.shape == (H, C)
         and close(gb2, dsf.sum(axis=0, keepdims=True)) and gb2.shape == (1, C)),
        ("Next, the gradient flows into the hidden layer", GIVEN),
        ("$$\\frac{\\partial L}{\\partial h} = \\frac{\\partial L}{\\partial s}\\, W_2^T",
         lambda L: close(dh, ds @ W2.T) and dh.shape == (N, H)),
        ("The ReLU acts as a gate during backprop", GIVEN),
        ("$$dz \\equiv \\frac{\\partial L}{\\partial (XW_1 + b_1)}", lambda L: close(dz, dh * (h > 0))),
        ("Finally, the first-layer gradients", GIVEN),
        ("$$\\frac{\\partial L}{\\partial W_1} = X^T dz",
         lambda L: close(gW1, X.T @ dzf + lam * W1) and gW1.shape == (D, H)
         and close(gb1, dzf.sum(axis=0, keepdims=True)) and gb1.shape == (1, H)),
        ("A quick sanity check of all of this",
         lambda L: aseq(L, 300, 2, 100, 3, 2 * 100, 100, 100 * 3, 3,
                        np.zeros((2, 100)).size + np.zeros((1, 100)).size + np.zeros((100, 3)).size
                        + np.zeros((1, 3)).size)),
    ]


CHECKS["05_cs231n_two_layer_mlp_matrix_backprop.md"] = _f05


# --------------------------------------------------------------------------
# 06 Nielsen: worked 2-2-1 network
# --------------------------------------------------------------------------
def _f06():
    x = np.array([1.0, 0.5])
    w2 = np.array([[0.1, -0.1], [0.2, 0.6]])
    b2 = np.array([-0.6, 0.2])
    w3 = np.array([[-0.6, -0.2]])
    b3 = np.array([0.6])
    yv = 1.0

    def cost(w2_=w2, b2_=b2, w3_=w3, b3_=b3):
        a2 = sig(w2_ @ x + b2_)
        a3 = sig(w3_ @ a2 + b3_)
        return 0.5 * np.sum((yv - a3) ** 2)

    z2 = w2 @ x + b2
    a2 = sig(z2)
    z3 = w3 @ a2 + b3
    a3 = sig(z3)
    C = 0.5 * (yv - a3[0]) ** 2
    sp3 = a3 * (1 - a3)
    d3 = (a3 - yv) * sp3
    sp2 = a2 * (1 - a2)
    d2 = (w3.T @ d3) * sp2
    # gradients w.r.t. weighted inputs by finite differences
    dCdz3 = fd(lambda z: 0.5 * np.sum((yv - sig(z)) ** 2), z3)
    dCdz2 = fd(lambda z: 0.5 * np.sum((yv - sig(w3 @ sig(z) + b3)) ** 2), z2)
    gw2, gb2, gw3, gb3 = (fd(lambda v: cost(w2_=v), w2), fd(lambda v: cost(b2_=v), b2),
                          fd(lambda v: cost(w3_=v), w3), fd(lambda v: cost(b3_=v), b3))
    # rounded path (values as displayed)
    A1, A2 = 0.3659, 0.6682
    Z3r = -0.6 * A1 - 0.2 * A2 + 0.6
    A3 = 0.5614
    SP3r = A3 * (1 - A3)
    D3 = -0.1080
    S1r, S2r = A1 * (1 - A1), A2 * (1 - A2)
    D21r, D22r = -0.6 * D3 * 0.2320, -0.2 * D3 * 0.2217

    return [
        ("Let's make the four fundamental equations concrete", GIVEN),
        ("$$\\delta^L = \\nabla_a C \\odot \\sigma'(z^L)",
         lambda L: close(dCdz3, (a3 - yv) * sp3) and close(dCdz2, (w3.T @ dCdz3) * sp2)),
        ("$$\\frac{\\partial C}{\\partial b^l_j} = \\delta^l_j",
         lambda L: close(gb3, d3) and close(gb2, d2) and close(gw3, np.outer(d3, a2)) and close(gw2, np.outer(d2, x))),
        ("The input is $x = a^1 = (1.0, 0.5)^T$", GIVEN),
        ("$$w^2 = \\begin{bmatrix} 0.1 & -0.1", GIVEN),
        ("$$z^2_1 = 0.1 \\cdot 1.0 - 0.1 \\cdot 0.5 - 0.6",
         lambda L: aseq(L, 2, w2[0, 0], x[0], -w2[0, 1], x[1], -b2[0], z2[0],
                        2, w2[1, 0], x[0], w2[1, 1], x[1], b2[1], z2[1])),
        ("so $a^2_1 = \\sigma(-0.55) = 0.3659$", lambda L: aseq(L, 2, z2[0], a2[0], 2, z2[1], a2[1])),
        ("$$z^3 = -0.6 \\cdot 0.3659",
         lambda L: aseq(L, 3, w3[0, 0], a2[0], -w3[0, 1], a2[1], b3[0], (z3[0], Z3r), 3, (z3[0], Z3r),
                        (a3[0], sig(0.2468)))),
        ("and the cost is $C = \\frac{1}{2}(1 - 0.5614)^2", lambda L: aseq(L, 1, 2, yv, a3[0], 2, (C, 0.5 * (1 - A3) ** 2))),
        ("For the quadratic cost $\\nabla_a C = a^L - y",
         lambda L: aseq(L, (a3[0] - yv, A3 - yv), 1)
         and close(fd(lambda a: 0.5 * np.sum((yv - a) ** 2), a3), a3 - yv)
         and close(fd(lambda z: np.sum(sig(z)), z3), sp3)),
        ("$$\\sigma'(z^3) = 0.5614 \\times 0.4386",
         lambda L: aseq(L, 3, a3[0], 1 - a3[0], (sp3[0], SP3r), 3, a3[0] - yv, sp3[0], (d3[0], (A3 - yv) * 0.2462))),
        ("At the hidden layer $\\sigma'(z^2_1)",
         lambda L: aseq(L, 2, a2[0], 1 - a2[0], (sp2[0], S1r), 2, a2[1], 1 - a2[1], (sp2[1], S2r), 3)),
        ("$$\\delta^2_1 = -0.6 \\times (-0.1080)",
         lambda L: aseq(L, 2, w3[0, 0], d3[0], sp2[0], (d2[0], D21r), 2, w3[0, 1], d3[0], sp2[1], (d2[1], D22r))),
        ("Notice how small these hidden errors",
         lambda L: np.max(sig(np.linspace(-10, 10, 20001)) * (1 - sig(np.linspace(-10, 10, 20001)))) <= 0.25 + 1e-12
         and aseq(L, 3, 1, 4)),
        ("$$\\frac{\\partial C}{\\partial b^3} = \\delta^3 = -0.1080",
         lambda L: aseq(L, 3, 3, gb3[0], 3, 11, 2, 3, a2[0], d3[0], (gw3[0, 0], A1 * D3)) and close(gb3, d3)),
        ("$$\\frac{\\partial C}{\\partial w^3_{12}} = a^2_2 \\delta^3",
         lambda L: aseq(L, 3, 12, 2, 3, a2[1], d3[0], (gw3[0, 1], A2 * D3))),
        ("and for the hidden layer, with $a^1_k = x_k$", GIVEN),
        ("$$\\frac{\\partial C}{\\partial w^2} = \\delta^2 (a^1)^T",
         lambda L: close(gw2, np.outer(d2, x))
         and aseq(L, 2, 2, 1, (gw2[0, 0], D21r), (gw2[0, 1], D21r * 0.5), (gw2[1, 0], D22r), (gw2[1, 1], D22r * 0.5),
                  2, (gb2[0], D21r), (gb2[1], D22r))),
        ("A single gradient-descent step with learning rate",
         lambda L: aseq(L, 1, 3, b3[0], -gb3[0], b3[0] - gb3[0], 3, 11, w3[0, 0], -gw3[0, 0], w3[0, 0] - gw3[0, 0],
                        3, 12, w3[0, 1], -gw3[0, 1], w3[0, 1] - gw3[0, 1])),
    ]


CHECKS["06_nielsen_worked_221_network.md"] = _f06


# --------------------------------------------------------------------------
# 07 Raschka: conv output size and parameter counts
# --------------------------------------------------------------------------
def conv_out(n, m, p, s):
    """count the kernel placements by direct enumeration"""
    padded = n + 2 * p
    return len([start for start in range(0, padded) if start % s == 0 and start + m <= padded])


def n_params_conv(m, cin, cout):
    return np.zeros((m, m, cin, cout)).size + np.zeros(cout).size


def n_params_fc(nin, nout):
    return np.zeros((nin, nout)).size + np.zeros(nout).size


def _f07():
    formula_ok = all(conv_out(n, m, p, s) == (n + 2 * p - m) // s + 1
                     for n in range(4, 20) for m in range(1, 6) for p in range(0, 3) for s in range(1, 4)
                     if n + 2 * p >= m)
    # the true network
    o1 = conv_out(32, 5, 2, 1)
    q1 = conv_out(o1, 2, 0, 2)
    o2 = conv_out(q1, 3, 1, 2)
    q2 = conv_out(o2, 2, 0, 2)
    flat = q2 * q2 * 64
    P = [n_params_conv(5, 3, 32), n_params_conv(3, 32, 64), n_params_fc(flat, 128), n_params_fc(128, 10)]

    def last_int(L):
        return [v for v, d in tokens(L) if d == 0][-1]

    return [
        ("For an input of size $n \\times n$", GIVEN),
        ("\\right\\rfloor + 1.$$", lambda L: formula_ok),
        ("For instance, with $n = 10$",
         lambda L: aseq(L, 10, 5, 2, 1, 10, 2 * 2, 5, 1, 1, conv_out(10, 5, 2, 1),
                        0, 2, 10, 5, 2, 1, conv_out(10, 5, 0, 2))),
        ("A convolutional layer with $C_{in}$",
         lambda L: all(n_params_conv(m, ci, co) == m * m * ci * co + co for m in (1, 3, 5) for ci in (1, 3) for co in (2, 8))),
        ("Let us apply this to a small CNN", GIVEN),
        ("**Conv1**", lambda L: aseq(L, 32, 5, 5, 2, 1, 32, 2 * 2, 5, 1, 1, o1, o1, o1, 32)),
        ("$$5 \\times 5 \\times 3 \\times 32 + 32 = 2432", lambda L: aseq(L, 5, 5, 3, 32, 32, P[0])),
        ("**Pool1**", lambda L: aseq(L, 2, 2, 2, o1, 2, 2, 1, q1, q1, q1, 32)),
        ("**Conv2**", GIVEN),
        ("\\frac{16 + 2 - 3}{2}", lambda L: aseq(L, q1, 2 * 1, 3, 2, o2)),
        ("so the output is $", lambda L: aseq(L, o2, o2, 64, 3, 3, 32, 64, 64, P[1])),
        ("**Pool2**", lambda L: aseq(L, 2, 2, 2, o2, 2, 2, 1, q2, q2, q2, 64)),
        ("**Flatten**", lambda L: aseq(L, q2, q2, 64, flat)),
        ("**FC1**", lambda L: aseq(L, 128, flat, 128, 128, P[2])),
        ("**FC2**", lambda L: aseq(L, 10, 128, 10, 10, P[3])),
        ("In total, the network has", lambda L: aseq(L, *P, sum(P))),
    ]


CHECKS["07_raschka_cnn_output_sizes_params.md"] = _f07


# --------------------------------------------------------------------------
# 08 CS231n (fr): max / average pooling backward
# --------------------------------------------------------------------------
def pool(X, kind):
    Y = np.zeros((X.shape[0] // 2, X.shape[1] // 2))
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            w = X[2 * i:2 * i + 2, 2 * j:2 * j + 2]
            Y[i, j] = w.max() if kind == "max" else w.mean()
    return Y


def _f08():
    X = np.array([[1, 3, 2, 0], [4, 6, 1, 5], [7, 2, 9, 8], [0, 1, 3, 4]], float)
    G = np.array([[0.5, -1.0], [2.0, 0.25]])
    dXmax = fd(lambda X_: np.sum(G * pool(X_, "max")), X, 1e-4)
    dXavg = fd(lambda X_: np.sum(G * pool(X_, "avg")), X, 1e-4)
    jac_max = fdjac(lambda X_: pool(X_.reshape(4, 4), "max").ravel(), X.ravel(), 1e-4)
    jac_avg = fdjac(lambda X_: pool(X_.reshape(4, 4), "avg").ravel(), X.ravel(), 1e-4)
    in_window = np.array([[(k // 2 == i // 2 and l // 2 == i % 2) for k in range(4) for l in range(4)]
                          for i in range(4)])
    is_arg = np.zeros((4, 16), bool)
    for i in range(4):
        r, c = divmod(i, 2)
        w = X[2 * r:2 * r + 2, 2 * c:2 * c + 2]
        k, l = np.unravel_index(np.argmax(w), (2, 2))
        is_arg[i, (2 * r + k) * 4 + 2 * c + l] = True

    return [
        ("On considère une seule carte", lambda L: aseq(L, 4, 4, 2, 2, 2, conv_out(4, 2, 0, 2), conv_out(4, 2, 0, 2))),
        ("$$X = \\begin{bmatrix}", GIVEN),
        ("**Passe avant (max).**", GIVEN),
        ("$$Y^{\\max} = \\begin{bmatrix}", lambda L: seq_after(L, "\\begin{bmatrix}", pool(X, "max"))),
        ("**Passe arrière (max).**", GIVEN),
        ("$$G = \\begin{bmatrix}", GIVEN),
        ("Puisque $\\partial Y_{ij} / \\partial X_{kl} = 1$",
         lambda L: close(jac_max, is_arg.astype(float), 1e-6)),
        ("$$\\frac{\\partial L}{\\partial X} = \\begin{bmatrix} 0 & 0",
         lambda L: seq_after(L, "\\begin{bmatrix}", dXmax)),
        ("**Passe avant (moyenne).**", GIVEN),
        ("$$Y^{\\mathrm{moy}} = \\begin{bmatrix}", lambda L: seq_after(L, "\\begin{bmatrix}", pool(X, "avg"))),
        ("**Passe arrière (moyenne).**", lambda L: close(jac_avg, in_window * 0.25, 1e-6)),
        ("G \\otimes \\mathbf{1}_{2\\times 2}",
         lambda L: close(0.25 * np.kron(G, np.ones((2, 2))), dXavg) and seq_after(L, "\\begin{bmatrix}", dXavg)),
        ("On vérifie la conservation",
         lambda L: aseq(L, G[0, 0], -G[0, 1], G[1, 0], G[1, 1], dXmax.sum()) and close(dXavg.sum(), dXmax.sum())),
        ("Notons enfin que la couche de pooling", GIVEN),
    ]


CHECKS["08_cs231n_fr_pooling_backward.md"] = _f08


# --------------------------------------------------------------------------
# 09 d2l: batch normalization
# --------------------------------------------------------------------------
def _f09():
    eps = 1e-5
    x0 = np.array([1.0, 2, 4, 5])
    gam, bet = 2.0, 0.5
    m = 4
    mu0 = x0.mean()
    v0 = np.mean((x0 - mu0) ** 2) + eps
    s0 = math.sqrt(v0)
    xh0 = (x0 - mu0) / s0
    g0 = np.array([0.1, -0.2, 0.3, 0.0])

    def bn(x, gm=gam, bt=bet):
        mu = x.mean()
        v = np.mean((x - mu) ** 2) + eps
        return gm * (x - mu) / np.sqrt(v) + bt

    dx0 = fd(lambda x: np.sum(g0 * bn(x)), x0)
    # symbolic checks at a random point
    x = rng.normal(size=6)
    g = rng.normal(size=6)
    gm, bt = 1.7, -0.3
    M = x.size
    mu = x.mean()
    v = np.mean((x - mu) ** 2) + eps
    s = math.sqrt(v)
    xh = (x - mu) / s
    ell_x = lambda x_: np.sum(g * bn(x_, gm, bt))
    dgam = fd(lambda p: np.sum(g * bn(x, p[0], bt)), np.array([gm]))[0]
    dbet = fd(lambda p: np.sum(g * bn(x, gm, p[0])), np.array([bt]))[0]
    dxh = fd(lambda xh_: np.sum(g * (gm * xh_ + bt)), xh)
    ell_mv = lambda mu_, v_: np.sum(g * (gm * (x - mu_) / np.sqrt(v_) + bt))
    dv_fd = fd(lambda p: ell_mv(mu, p[0]), np.array([v]))[0]
    dv_wrong = -0.5 * np.sum(dxh * (x - mu) * v ** (-0.5))
    dv_true = -0.5 * np.sum(dxh * (x - mu) * v ** (-1.5))
    dmu_fd = fd(lambda p: ell_mv(p[0], np.mean((x - p[0]) ** 2) + eps), np.array([mu]))[0]
    dmu_a = -1 / s * np.sum(dxh) - 2 / M * dv_true * np.sum(x - mu)
    dmu_b = -1 / s * np.sum(dxh)
    dx = fd(ell_x, x)
    paths = dxh / s + 2 * (x - mu) / M * dv_true + dmu_fd / M
    compact = gm / (M * s) * (M * g - g.sum() - xh * np.sum(g * xh))
    # rounded path for the worked gradient
    XH = np.array([-1.2649, -0.6325, 0.6325, 1.2649])
    rounded = 2 / (4 * 1.5811) * (4 * g0 - 0.2 - XH * 0.1897)

    return [
        ("Let $\\mathbf{x} \\in \\mathcal{B}$ be one input", GIVEN),
        ("$$\\mathrm{BN}(\\mathbf{x}) = \\boldsymbol{\\gamma} \\odot", GIVEN),
        ("where the sample mean and the sample variance", GIVEN),
        ("$$\\hat{\\boldsymbol{\\mu}}_\\mathcal{B} = \\frac{1}{|\\mathcal{B}|}", GIVEN),
        ("Since everything acts coordinate-wise", GIVEN),
        ("$$\\hat{\\mu}_\\mathcal{B} = \\frac{1 + 2 + 4 + 5}{4} = 3",
         lambda L: aseq(L, *x0, m, mu0, 2, *((x0 - mu0) ** 2), m, 10, -5, v0, s0)),
        ("The normalized values $\\hat{x}_i", GIVEN),
        ("$$\\hat{\\mathbf{x}} = (-1.2649", lambda L: aseq(L, *xh0)),
        ("which have mean zero and (up to $\\epsilon$)",
         lambda L: abs(xh0.mean()) < 1e-12 and abs(np.mean(xh0 ** 2) - 1) < 1e-5),
        ("$$\\mathrm{BN}(\\mathbf{x}) = 2\\hat{\\mathbf{x}} + 0.5 = (",
         lambda L: aseq(L, gam, bet, *bn(x0)) and close(bn(x0), gam * xh0 + bet)),
        ("Now let $g_i = \\partial \\ell / \\partial y_i$", GIVEN),
        ("$$\\frac{\\partial \\ell}{\\partial \\gamma} = \\sum_{i=1}^{m} g_i \\hat{x}_i",
         lambda L: close(dgam, np.sum(g * xh)) and close(dbet, np.sum(g))),
        ("For the input, the chain rule must account", GIVEN),
        ("$$\\frac{\\partial \\ell}{\\partial \\hat{x}_i} = g_i \\gamma",
         lambda L: close(dxh, g * gm) and close(dv_fd, dv_wrong)),
        ("$$\\frac{\\partial \\ell}{\\partial \\hat{\\mu}_\\mathcal{B}} = -\\frac{1}{\\hat{\\sigma}_\\mathcal{B}}",
         lambda L: close(dmu_fd, dmu_a) and close(dmu_fd, dmu_b)),
        ("because the deviations from the mean sum to zero", GIVEN),
        ("$$\\frac{\\partial \\ell}{\\partial x_i} = \\frac{1}{\\hat{\\sigma}_\\mathcal{B}}", lambda L: close(dx, paths)),
        ("$$\\frac{\\partial \\ell}{\\partial x_i} = \\frac{\\gamma}{m\\,\\hat{\\sigma}_\\mathcal{B}}",
         lambda L: close(dx, compact)),
        ("For example, with the upstream gradient",
         lambda L: aseq(L, *g0, g0.sum(), (np.sum(g0 * xh0), np.sum(g0 * XH)))),
        ("$$\\frac{\\partial \\ell}{\\partial \\mathbf{x}} = (0.1391",
         lambda L: aseq(L, *zip(dx0, rounded))),
        ("These components sum to zero",
         lambda L: abs(dx0.sum()) < 1e-6 and close(bn(x0 + 3.7), bn(x0))),
    ]


CHECKS["09_d2l_batch_norm_forward_backward.md"] = _f09


# --------------------------------------------------------------------------
# 10 Goodfellow (ja): BPTT for a scalar RNN
# --------------------------------------------------------------------------
def _f10():
    w, u, v, b, c = 0.8, 1.0, 2.0, 0.0, 0.0
    xs = [1.0, -1.0, 1.0]
    ys = [1.0, 1.0, 0.5]

    def forward(w_=w, u_=u, v_=v, h_override=None):
        h = [0.0]
        o = [None]
        for t in range(1, 4):
            ht = math.tanh(b + w_ * h[-1] + u_ * xs[t - 1])
            if h_override is not None and h_override[0] == t:
                ht = h_override[1]
            h.append(ht)
            o.append(c + v_ * ht)
        L = sum(0.5 * (o[t] - ys[t - 1]) ** 2 for t in range(1, 4))
        return L, h, o

    L0, h, o = forward()
    go = [None] + [o[t] - ys[t - 1] for t in (1, 2, 3)]
    q = [None] + [1 - h[t] ** 2 for t in (1, 2, 3)]
    gh_fd = [None] + [fd(lambda p: forward(h_override=(t, p[0]))[0], np.array([h[t]]))[0] for t in (1, 2, 3)]
    gh = [0.0] * 4
    gh[3] = v * go[3]
    for t in (2, 1):
        gh[t] = w * q[t + 1] * gh[t + 1] + v * go[t]
    dw = fd(lambda p: forward(w_=p[0])[0], np.array([w]))[0]
    du = fd(lambda p: forward(u_=p[0])[0], np.array([u]))[0]
    dv = fd(lambda p: forward(v_=p[0])[0], np.array([v]))[0]
    dw_f = sum(q[t] * gh[t] * h[t - 1] for t in (1, 2, 3))
    du_f = sum(q[t] * gh[t] * xs[t - 1] for t in (1, 2, 3))
    dv_f = sum(go[t] * h[t] for t in (1, 2, 3))
    # rounded path (as displayed)
    H1, H2, H3 = 0.7616, -0.3720, 0.6059
    GO = [None, 0.5232, -1.7440, 0.7118]
    G3, G2, G1 = 1.4236, -2.7672, -0.8610
    Q1, Q2, Q3 = 0.4200, 0.8616, 0.6329

    return [
        ("ここでは 10.2 節の再帰型ネットワーク", GIVEN),
        ("$$a^{(t)} = b + w h^{(t-1)} + u x^{(t)}", GIVEN),
        ("損失は各時刻の二乗誤差の総和", GIVEN),
        ("入力を $x^{(1)}, x^{(2)}, x^{(3)} = 1, -1, 1$", GIVEN),
        ("$$h^{(1)} = \\tanh(1) = 0.7616",
         lambda L: aseq(L, 1, u * xs[0], h[1], 2, w, h[1], -u * xs[1], (w * h[1] + u * xs[1], w * H1 + u * xs[1]),
                        (h[2], math.tanh(-0.3907)))),
        ("$$h^{(3)} = \\tanh(0.8 \\cdot (-0.3720) + 1)",
         lambda L: aseq(L, 3, w, h[2], u * xs[2], (w * h[2] + u * xs[2], w * H2 + u * xs[2]), (h[3], math.tanh(0.7024)))),
        ("出力は $o^{(t)} = 2h^{(t)}$",
         lambda L: aseq(L, v, 1, (o[1], v * H1), 2, (o[2], v * H2), 3, (o[3], v * H3),
                        (go[1], v * H1 - ys[0]), (go[2], v * H2 - ys[1]), (go[3], v * H3 - ys[2])) and (c, v) == (0, 2)
         and close([fd(lambda p: 0.5 * (p[0] - ys[t - 1]) ** 2, np.array([o[t]]))[0] for t in (1, 2, 3)], go[1:])),
        ("勾配は系列の終端から逆向きに計算する", GIVEN),
        ("$$\\nabla_{h^{(\\tau)}} L = v\\, \\nabla_{o^{(\\tau)}} L = 2 \\times 0.7118",
         lambda L: close(gh_fd[3], v * go[3]) and aseq(L, v, go[3], (gh_fd[3], v * GO[3]), 10.19)),
        ("$t < \\tau$ では", GIVEN),
        ("$$\\nabla_{h^{(t)}} L = w \\left(1 - (h^{(t+1)})^2\\right)",
         lambda L: all(close(gh_fd[t], w * q[t + 1] * gh_fd[t + 1] + v * go[t]) for t in (1, 2))),
        ("で与えられる。ここで $1 - (h^{(3)})^2",
         lambda L: aseq(L, 1, 3, 2, (q[3], 1 - H3 ** 2), 1, 2, 2, (q[2], 1 - H2 ** 2), 1, 1, 2, (q[1], 1 - H1 ** 2))),
        ("$$\\nabla_{h^{(2)}} L = 0.8 \\times 0.6329",
         lambda L: aseq(L, 2, w, q[3], gh_fd[3], v, go[2], (gh_fd[2], w * Q3 * G3 + v * GO[2]))),
        ("$$\\nabla_{h^{(1)}} L = 0.8 \\times 0.8616",
         lambda L: aseq(L, 1, w, q[2], gh_fd[2], v, go[1], (gh_fd[1], w * Q2 * G2 + v * GO[1]))),
        ("パラメータ $w$ はすべての時刻で共有", GIVEN),
        ("\\nabla_{h^{(t)}} L \\; h^{(t-1)} \\tag{10.26}", lambda L: close(dw, dw_f)),
        ("$h^{(0)} = 0$ なので", lambda L: h[0] == 0.0 and aseq(L, 0, 0, 1) and 1 - h[1] ** 2 != 0),
        ("$$\\frac{\\partial L}{\\partial w} = 0.8616 \\times (-2.7672)",
         lambda L: dseq(L, q[2], gh_fd[2], h[1], q[3], gh_fd[3], h[2], (dw, Q2 * G2 * H1 + Q3 * G3 * H2))),
        ("同様に、入力の重みについては",
         lambda L: close(du, du_f) and close(dv, dv_f)
         and aseq(L, 1, 2, (du, Q1 * G1 * xs[0] + Q2 * G2 * xs[1] + Q3 * G3 * xs[2]),
                  (dv, GO[1] * H1 + GO[2] * H2 + GO[3] * H3))),
    ]


CHECKS["10_goodfellow_ja_bptt_scalar_rnn.md"] = _f10


# --------------------------------------------------------------------------
# 11 Aggarwal: LSTM gate derivatives
# --------------------------------------------------------------------------
def _f11():
    def cell(zi, zf, zo, zc, cp):
        i, f, o, cb = sig(zi), sig(zf), sig(zo), np.tanh(zc)
        ct = f * cp + i * cb
        return ct, o * np.tanh(ct)

    pts = [tuple(rng.normal(size=5)) for _ in range(3)] + [(0.5, 1.0, -0.5, 0.8, 0.6)]

    def sym_ok(fn):
        return all(fn(*p) for p in pts)

    def d(fun, p, k):
        return fd(lambda a: fun(*[a[0] if j == k else p[j] for j in range(5)]), np.array([p[k]]))[0]

    def ok_dh_dzo(*p):
        zi, zf, zo, zc, cp = p
        ct, _ = cell(*p)
        num = fd(lambda a: sig(a[0]) * np.tanh(ct), np.array([zo]))[0]     # c_t held fixed
        return close(num, np.tanh(ct) * sig(zo))

    def ok_dh_dc(*p):
        ct, _ = cell(*p)
        o = sig(p[2])
        return close(fd(lambda a: o * np.tanh(a[0]), np.array([ct]))[0], o * (1 - np.tanh(ct) ** 2))

    def ok_dc(*p):
        zi, zf, zo, zc, cp = p
        i, f, cb = sig(zi), sig(zf), np.tanh(zc)
        cfun = lambda *q: cell(*q)[0]
        return (close(d(cfun, p, 1), cp * f * (1 - f)) and close(d(cfun, p, 0), cb * i * (1 - i))
                and close(d(cfun, p, 3), i * (1 - cb ** 2)))

    def ok_dc_dcp(*p):
        return close(d(lambda *q: cell(*q)[0], p, 4), sig(p[1]))

    def ok_dh_dzf(*p):
        zi, zf, zo, zc, cp = p
        ct, _ = cell(*p)
        o, f = sig(zo), sig(zf)
        return close(d(lambda *q: cell(*q)[1], p, 1), o * (1 - np.tanh(ct) ** 2) * cp * f * (1 - f))

    zs = np.linspace(-2, 2, 9)
    p0 = pts[-1]
    i0, f0, o0, cb0 = sig(0.5), sig(1.0), sig(-0.5), math.tanh(0.8)
    c0, h0 = cell(*p0)
    dhdc0 = o0 * (1 - math.tanh(c0) ** 2)
    dzo_true = math.tanh(c0) * o0 * (1 - o0)
    dzf0 = d(lambda *q: cell(*q)[1], p0, 1)
    dzi0 = d(lambda *q: cell(*q)[1], p0, 0)

    return [
        ("Consider a single LSTM layer at time-stamp $t$", GIVEN),
        ("$$i = \\mathrm{sigm}(z_i), \\quad f = \\mathrm{sigm}(z_f)", GIVEN),
        ("$$c_t = f\\, c_{t-1} + i\\, \\bar{c}, \\qquad h_t = o \\tanh(c_t).$$", GIVEN),
        ("We will use the facts that",
         lambda L: close(fd(lambda z: np.sum(sig(z)), zs), sig(zs) * (1 - sig(zs)))
         and close(fd(lambda z: np.sum(np.tanh(z)), zs), 1 - np.tanh(zs) ** 2)),
        ("$$\\frac{\\partial h_t}{\\partial z_o} = \\tanh(c_t)\\, o,$$", lambda L: sym_ok(ok_dh_dzo)),
        ("$$\\frac{\\partial h_t}{\\partial c_t} = o\\,(1 - \\tanh^2(c_t)).$$", lambda L: sym_ok(ok_dh_dc)),
        ("$$\\frac{\\partial c_t}{\\partial z_f} = c_{t-1} f (1 - f)", lambda L: sym_ok(ok_dc)),
        ("$$\\frac{\\partial c_t}{\\partial c_{t-1}} = f.$$", lambda L: sym_ok(ok_dc_dcp)),
        ("This last relation is the reason", GIVEN),
        ("$$\\frac{\\partial h_t}{\\partial z_f} = o\\,(1 - \\tanh^2(c_t))\\; c_{t-1} f (1 - f).$$",
         lambda L: sym_ok(ok_dh_dzf)),
        ("**A numerical example.**", GIVEN),
        ("$$i = 0.6225, \\quad f = 0.7311",
         lambda L: dseq(L, i0, f0, o0, cb0)),
        ("$$c_t = 0.7311 \\times 0.6 + 0.6225 \\times 0.6640",
         lambda L: dseq(L, f0, 0.6, i0, cb0, (c0, 0.7311 * 0.6 + 0.6225 * 0.6640), o0, c0, o0,
                        (math.tanh(c0), math.tanh(0.8520)), (h0, 0.3775 * 0.6921))),
        ("$$\\frac{\\partial h_t}{\\partial z_o} = 0.6921 \\times 0.3775",
         lambda L: dseq(L, math.tanh(c0), o0, dzo_true, o0, math.tanh(c0), (dhdc0, 0.3775 * (1 - 0.6921 ** 2)))),
        ("$$\\frac{\\partial h_t}{\\partial z_f} = 0.1967 \\times 0.6",
         lambda L: dseq(L, dhdc0, 0.6, f0, 1 - f0, (dzf0, 0.1967 * 0.6 * 0.7311 * 0.2689),
                        dhdc0, cb0, i0, 1 - i0, (dzi0, 0.1967 * 0.6640 * 0.6225 * 0.3775))),
        ("Since $f = 0.7311$", lambda L: dseq(L, f0, d(lambda *q: cell(*q)[0], p0, 4))),
    ]


CHECKS["11_aggarwal_lstm_gate_derivatives.md"] = _f11


# --------------------------------------------------------------------------
# 12 CS224n: scaled dot-product attention gradients
# --------------------------------------------------------------------------
def _f12():
    d, n, dv, m = 4, 5, 3, 2
    q = rng.normal(size=d)
    K = rng.normal(size=(n, d))
    V = rng.normal(size=(n, dv))
    do = rng.normal(size=dv)

    def attend(q_, K_, V_):
        s = K_ @ q_ / math.sqrt(d)
        a = softmax(s)
        return s, a, a @ V_

    s, al, o = attend(q, K, V)
    J = lambda q_=q, K_=K, V_=V: do @ attend(q_, K_, V_)[2]
    dV = fd(lambda V_: J(V_=V_), V)
    dal = fd(lambda a_: do @ (a_ @ V), al)
    ds = fd(lambda s_: do @ (softmax(s_) @ V), s)
    dq = fd(lambda q_: J(q_=q_), q)
    dK = fd(lambda K_: J(K_=K_), K)
    Jsm = fdjac(softmax, s)
    # exact enumeration of the variance claim with +/-1 entries (mean 0, variance 1)
    import itertools
    vals = [np.dot(c[:d], c[d:]) for c in itertools.product([-1.0, 1.0], repeat=2 * d)]
    mean_qk, var_qk = np.mean(vals), np.var(vals)
    # matrix form
    Q = rng.normal(size=(m, d))
    Ob = rng.normal(size=(m, dv))

    def O_of(Q_, K_, V_):
        return softmax(Q_ @ K_.T / math.sqrt(d)) @ V_

    JJ = lambda Q_=Q, K_=K, V_=V: np.sum(Ob * O_of(Q_, K_, V_))
    S = Q @ K.T / math.sqrt(d)
    A = softmax(S)
    one = np.ones((n, 1))
    Abar_f = Ob @ V.T
    Sbar_f = A * (Abar_f - (Abar_f * A) @ one @ one.T)
    Abar = fd(lambda A_: np.sum(Ob * (A_ @ V)), A)
    Sbar = fd(lambda S_: np.sum(Ob * (softmax(S_) @ V)), S)
    Qbar = fd(lambda Q_: JJ(Q_=Q_), Q)
    Kbar = fd(lambda K_: JJ(K_=K_), K)
    Vbar = fd(lambda V_: JJ(V_=V_), V)

    return [
        ("Let $q \\in \\mathbb{R}^d$ be a query", GIVEN),
        ("$$s_i = \\frac{q^\\top k_i}{\\sqrt{d}}, \\qquad \\alpha_i", GIVEN),
        ("Why divide by $\\sqrt{d}$?", lambda L: abs(mean_qk) < 1e-12 and abs(var_qk - d) < 1e-12),
        ("Let $\\delta_o = \\partial J / \\partial o", GIVEN),
        ("$$\\frac{\\partial J}{\\partial v_i} = \\alpha_i\\, \\delta_o",
         lambda L: close(dV, np.outer(al, do)) and close(dal, V @ do)),
        ("Next we go through the softmax, whose Jacobian",
         lambda L: close(Jsm, al[:, None] * (np.eye(n) - al[None, :]))),
        ("$$\\frac{\\partial J}{\\partial s_j} = \\sum_{i=1}^{n}",
         lambda L: close(ds, np.array([np.sum(dal * al * ((np.arange(n) == j) - al[j])) for j in range(n)]))
         and close(ds, al * (dal - np.sum(al * dal)))),
        ("In words: since $\\sum_i \\alpha_i \\delta_o^\\top v_i", lambda L: close(np.sum(al * (V @ do)), do @ o)),
        ("$$\\frac{\\partial J}{\\partial s_j} = \\alpha_j\\, \\delta_o^\\top (v_j - o).$$",
         lambda L: close(ds, al * ((V - o) @ do))),
        ("$$\\frac{\\partial J}{\\partial q} = \\frac{1}{\\sqrt{d}}",
         lambda L: close(dq, ds @ K / math.sqrt(d)) and close(dK, np.outer(ds, q) / math.sqrt(d))),
        ("Now stack $m$ queries", GIVEN),
        ("$$\\bar{V} = A^\\top \\bar{O}",
         lambda L: close(Vbar, A.T @ Ob) and close(Abar, Ob @ V.T) and close(Sbar, Sbar_f)),
        ("$$\\bar{Q} = \\frac{1}{\\sqrt{d}}\\, \\bar{S} K",
         lambda L: close(Qbar, Sbar_f @ K / math.sqrt(d)) and close(Kbar, Sbar_f.T @ Q / math.sqrt(d))),
        ("where multiplying by $\\mathbf{1}\\mathbf{1}^\\top$",
         lambda L: close((Abar_f * A) @ one @ one.T, np.repeat((Abar_f * A).sum(1, keepdims=True), n, 1))
         and Qbar.shape == (m, d) and Kbar.shape == (n, d) and Vbar.shape == (n, dv)),
        ("A cheap consequence: each row of $\\bar{S}$", lambda L: close(Sbar.sum(axis=1), np.zeros(m))),
    ]


CHECKS["12_cs224n_attention_gradient.md"] = _f12


# --------------------------------------------------------------------------
# 13 Goodfellow: Adam, three steps
# --------------------------------------------------------------------------
def _f13():
    rho1, rho2, eps, delta = 0.9, 0.999, 0.1, 1e-8
    th, s, r = 1.0, 0.0, 0.0
    hist = {}
    for t in (1, 2, 3):
        g = 2 * th
        s = rho1 * s + (1 - rho1) * g
        r = rho2 * r + (1 - rho2) * g * g
        sh = s / (1 - rho1 ** t)
        rh = r / (1 - rho2 ** t)
        dth = -eps * sh / (math.sqrt(rh) + delta)
        th = th + dth
        hist[t] = dict(g=g, s=s, r=r, sh=sh, rh=rh, sq=math.sqrt(rh), d=dth, th=th)
    H1, H2, H3 = hist[1], hist[2], hist[3]
    gd = [1.0]
    for _ in range(3):
        gd.append(gd[-1] - eps * 2 * gd[-1])

    return [
        ("Adam keeps biased estimates", GIVEN),
        ("$$\\boldsymbol{s} \\leftarrow \\rho_1 \\boldsymbol{s}", GIVEN),
        ("$$\\hat{\\boldsymbol{s}} \\leftarrow", GIVEN),
        ("with all operations applied element-wise", lambda L: close(fd(lambda p: p[0] ** 2, np.array([0.37]))[0], 2 * 0.37)),
        ("**Step $t = 1$.**",
         lambda L: aseq(L, 1, H1["g"], 1 - rho1, H1["g"], H1["s"], 1 - rho2, H1["g"] ** 2, H1["r"],
                        1, rho1, 1 - rho1, 1, rho2, 1 - rho2)),
        ("$$\\hat{s} = 2, \\qquad \\hat{r} = 4",
         lambda L: aseq(L, H1["sh"], H1["rh"], -eps, H1["sh"], H1["rh"], H1["d"], H1["th"])),
        ("The first step thus has magnitude",
         lambda L: abs(H1["sh"] / math.sqrt(H1["rh"]) - np.sign(H1["g"])) < 1e-9 and abs(abs(H1["d"]) - eps) < 1e-6
         and aseq(L, 1)),
        ("**Step $t = 2$.**", lambda L: aseq(L, 2, H2["g"])),
        ("$$s = 0.9 \\times 0.2 + 0.1 \\times 1.8 = 0.36",
         lambda L: aseq(L, rho1, H1["s"], 1 - rho1, H2["g"], H2["s"], rho2, H1["r"], 1 - rho2, H2["g"] ** 2, H2["r"])),
        ("With $1 - \\rho_1^2 = 0.19$", lambda L: aseq(L, 1, 2, 1 - rho1 ** 2, 1, 2, 1 - rho2 ** 2)),
        ("$$\\hat{s} = \\frac{0.36}{0.19} = 1.8947",
         lambda L: aseq(L, H2["s"], 1 - rho1 ** 2, H2["sh"], H2["r"], 1 - rho2 ** 2, H2["rh"], -eps, H2["sh"],
                        (H2["sq"], math.sqrt(3.6198)), (H2["d"], -0.1 * 1.8947 / 1.9026))),
        ("so that $\\theta = 0.9 - 0.0996 = 0.8004$", lambda L: aseq(L, H1["th"], -H2["d"], (H2["th"], 0.9 - 0.0996))),
        ("**Step $t = 3$.**", lambda L: aseq(L, 3, 2, H2["th"], (H3["g"], 2 * 0.8004))),
        ("$$s = 0.9 \\times 0.36 + 0.1 \\times 1.6008",
         lambda L: aseq(L, rho1, H2["s"], 1 - rho1, H3["g"], (H3["s"], 0.324 + 0.1 * 1.6008), rho2, H2["r"], 1 - rho2,
                        H3["g"], 2, (H3["r"], 0.999 * 0.007236 + 0.001 * 1.6008 ** 2))),
        ("With $1 - \\rho_1^3 = 0.271$", lambda L: aseq(L, 1, 3, 1 - rho1 ** 3, 1, 3, 1 - rho2 ** 3)),
        ("$$\\hat{s} = 1.7863",
         lambda L: aseq(L, (H3["sh"], 0.4841 / 0.271), H3["rh"], -eps, H3["sh"], (H3["sq"], math.sqrt(3.267)),
                        (H3["d"], -0.1 * 1.7863 / 1.8075), (H3["th"], 0.8004 - 0.0988))),
        ("Plain gradient descent with the same learning rate",
         lambda L: aseq(L, gd[1], gd[2], gd[3], 1, 2, 1 - 2 * eps)),
    ]


CHECKS["13_goodfellow_adam_three_steps.md"] = _f13


# --------------------------------------------------------------------------
# 14 Prince: He initialization
# --------------------------------------------------------------------------
def _f14():
    import itertools
    Dh = 3
    sO = 0.7
    fvals = np.array([-2.0, -0.5, 0.5, 2.0])        # symmetric about zero
    sf2 = np.mean(fvals ** 2)
    # exact enumeration over Omega_i. in {+-sO}^Dh and f in fvals^Dh
    rows = []
    for Om in itertools.product([-sO, sO], repeat=Dh):
        for f in itertools.product(fvals, repeat=Dh):
            h = np.maximum(0, np.array(f))
            rows.append((np.array(Om), h))
    fp = np.array([Om @ h for Om, h in rows])
    E_fp = fp.mean()
    var_fp = np.mean(fp ** 2) - E_fp ** 2
    Eh2 = np.mean(np.maximum(0, fvals) ** 2)
    cross = np.mean([Om[0] * Om[1] for Om, _ in rows])
    # continuous check of E[ReLU(f)^2] = sigma^2/2 for a Gaussian
    zz = np.linspace(-12, 12, 240001)
    pdf = np.exp(-zz ** 2 / 2) / math.sqrt(2 * math.pi)
    gauss_half = np.trapezoid(np.maximum(0, 1.3 * zz) ** 2 * pdf, zz) / 1.69
    # backward pass: dL/dh_j = sum_i Omega_ij g_i, times ReLU'(f_j); g_i = +-sg
    Dh2 = 3
    sg = 1.1
    back = []
    for Om in itertools.product([-sO, sO], repeat=Dh2):
        for gg in itertools.product([-sg, sg], repeat=Dh2):
            for fj in fvals:
                back.append((fj > 0) * np.dot(Om, gg))
    var_back = np.mean(np.array(back) ** 2)

    return [
        ("Consider a layer that computes the pre-activations", GIVEN),
        ("The expectation of an element $f'_i$", GIVEN),
        ("$$\\mathbb{E}[f'_i] = \\mathbb{E}\\Big[\\beta_i", lambda L: abs(E_fp) < 1e-12),
        ("where we have used the independence", GIVEN),
        ("$$\\sigma^2_{f'} = \\mathbb{E}[f_i'^2] - \\mathbb{E}[f'_i]^2",
         lambda L: close(var_fp, np.mean(fp ** 2)) and close(var_fp, Dh * sO ** 2 * Eh2)),
        ("since the cross terms", lambda L: abs(cross) < 1e-12),
        ("$$\\mathbb{E}[h_j^2] = \\mathbb{E}\\big[\\mathrm{ReLU}[f_j]^2\\big]",
         lambda L: close(Eh2, 0.5 * sf2) and close(gauss_half, 0.5, 1e-6)),
        ("$$\\sigma^2_{f'} = \\frac{D_h\\, \\sigma^2_\\Omega\\, \\sigma^2_f}{2}", lambda L: close(var_fp, Dh * sO ** 2 * sf2 / 2)),
        ("Requiring the variance to be preserved", GIVEN),
        ("$$\\sigma^2_\\Omega = \\frac{2}{D_h}", lambda L: close(Dh * (2 / Dh) * sf2 / 2, sf2)),
        ("which is known as *He initialization*",
         lambda L: close(var_back, Dh2 * sO ** 2 * sg ** 2 / 2) and close(Dh2 * (2 / Dh2) * sg ** 2 / 2, sg ** 2)
         and all(close(4 / (a + b), 2 / ((a + b) / 2)) for a, b in ((512, 256), (3, 7)))),
        ("For example, with $D_h = 512$",
         lambda L: aseq(L, 512, 2, 512, 2 / 512, math.sqrt(2 / 512), 512, 256, 4, 512 + 256, 4 / (512 + 256))),
        ("Without the factor of two",
         lambda L: close(Dh * (1 / Dh) * sf2 / 2, sf2 / 2) and aseq(L, 1, 10, 2, -10, 0.5 ** 10) and 2.0 ** -10 == 0.5 ** 10),
    ]


CHECKS["14_prince_he_initialization.md"] = _f14


# --------------------------------------------------------------------------
# 15 ESL: weight decay
# --------------------------------------------------------------------------
def _f15():
    N, p, M, K = 4, 2, 3, 2
    X = np.c_[np.ones(N), rng.normal(size=(N, p))]          # x_i0 = 1 absorbs alpha_0m
    Yt = rng.normal(size=(N, K))
    A = rng.normal(size=(M, p + 1))                         # alpha_ml
    B = rng.normal(size=(K, M + 1))                         # beta_km, column 0 = beta_0k
    g, gp = np.tanh, (lambda u: 1 - np.tanh(u) ** 2)
    sg, sgp = sig, (lambda u: sig(u) * (1 - sig(u)))
    lam, gam = 0.3, 0.05

    def Ri(A_, B_, i):
        z = np.r_[1.0, sg(A_ @ X[i])]
        return np.sum((Yt[i] - g(B_ @ z)) ** 2)

    R = lambda A_, B_: sum(Ri(A_, B_, i) for i in range(N))

    def errs(i):
        z = np.r_[1.0, sg(A @ X[i])]
        T = B @ z
        dl = -2 * (Yt[i] - g(T)) * gp(T)
        s = sgp(A @ X[i]) * (B[:, 1:].T @ dl)
        return dl, s, z

    ok5 = True
    for i in range(N):
        dl, s, z = errs(i)
        ok5 &= close(fd(lambda B_: Ri(A, B_, i), B), np.outer(dl, z))
        ok5 &= close(fd(lambda A_: Ri(A_, B, i), A), np.outer(s, X[i]))
    Jf = lambda A_, B_: np.sum(B_ ** 2) + np.sum(A_ ** 2)
    dJB = fd(lambda B_: lam * Jf(A, B_), B)
    dJA = fd(lambda A_: lam * Jf(A_, B), A)
    sumB = sum(np.outer(errs(i)[0], errs(i)[2]) for i in range(N))
    sumA = sum(np.outer(errs(i)[1], X[i]) for i in range(N))
    totB = fd(lambda B_: R(A, B_) + lam * Jf(A, B_), B)
    totA = fd(lambda A_: R(A_, B) + lam * Jf(A_, B), A)
    bs = np.array([0.37, -1.2, 2.5])
    we = lambda b: b ** 2 / (1 + b ** 2)
    we_d = fd(lambda b: np.sum(we(b)), bs)

    return [
        ("Recall the back-propagation setup of Section 11.4", GIVEN),
        ("$$\\frac{\\partial R_i}{\\partial \\beta_{km}} = \\delta_{ki} z_{mi}", lambda L: ok5),
        ("where $\\delta_{ki} = -2(y_{ik} - f_k(x_i))", lambda L: ok5),
        ("Weight decay regularizes the fit", GIVEN),
        ("$$J(\\theta) = \\sum_{km} \\beta_{km}^2 + \\sum_{ml} \\alpha_{ml}^2", GIVEN),
        ("and $\\lambda \\geq 0$ is chosen", GIVEN),
        ("$$\\frac{\\partial\\, \\lambda J(\\theta)}{\\partial \\beta_{km}}",
         lambda L: close(dJB, lam * B) and close(dJA, lam * A)),
        ("and they are added to the gradients of $R$", GIVEN),
        ("$$\\beta_{km}^{(r+1)} = (1 - \\gamma_r\\lambda)",
         lambda L: close(B - gam * totB, (1 - gam * lam) * B - gam * sumB)
         and close(A - gam * totA, (1 - gam * lam) * A - gam * sumA)),
        ("$$J(\\theta) = \\sum_{km} \\frac{\\beta_{km}^2}{1 + \\beta_{km}^2}", GIVEN),
        ("$$\\frac{\\partial}{\\partial \\beta_{km}} \\frac{\\beta_{km}^2}{1 + \\beta_{km}^2}",
         lambda L: close(we_d, 2 * bs / (1 + bs ** 2) ** 2)),
        ("behaves like $2\\beta_{km}$ for small weights",
         lambda L: abs((2 * 1e-3 / (1 + 1e-6) ** 2) / (2 * 1e-3) - 1) < 1e-5
         and abs((2 * 1e3 / (1 + 1e6) ** 2) / (2 / 1e9) - 1) < 1e-5
         and close(1 + 0.5 ** 2, 1.25) and close(1.25 ** 2, 1.5625)
         and aseq(L, 2, 2, 3, 0.5, 1, (1 + 0.5 ** 2) ** 2, 2 * 0.5 / (1 + 0.5 ** 2) ** 2,
                  3, 2 * 3, (1 + 3 ** 2) ** 2, 2 * 3 / (1 + 3 ** 2) ** 2, 11.16)),
    ]


CHECKS["15_esl_weight_decay.md"] = _f15


# --------------------------------------------------------------------------
# 16 Karpathy: softplus and GELU local gradients
# --------------------------------------------------------------------------
def _f16():
    sp = lambda x: np.log1p(np.exp(x))
    xs = np.linspace(-3, 3, 13)
    dsp = fd(lambda x: np.sum(sp(x)), xs)
    # Phi by numerical integration of the normal density (independent of erf)
    zz = np.linspace(-12, 0, 600001)

    def Phi_int(x):
        grid = np.linspace(-12, x, 600001)
        return np.trapezoid(np.exp(-grid ** 2 / 2) / math.sqrt(2 * math.pi), grid)

    Phi = lambda x: 0.5 * (1 + math.erf(x / math.sqrt(2)))
    phi = lambda x: math.exp(-x * x / 2) / math.sqrt(2 * math.pi)
    gelu = lambda x: x * Phi(x)
    dgelu = lambda x: fd(lambda a: gelu(a[0]), np.array([x]))[0]
    kk = math.sqrt(2 / math.pi)
    uf = lambda x: kk * (x + 0.044715 * x ** 3)
    approx = lambda x: 0.5 * x * (1 + math.tanh(uf(x)))
    dapprox = lambda x: fd(lambda a: approx(a[0]), np.array([x]))[0]
    dapprox_f = lambda x: (0.5 * (1 + math.tanh(uf(x)))
                           + 0.5 * x * (1 - math.tanh(uf(x)) ** 2) * kk * (1 + 0.134145 * x ** 2))

    return [
        ("In micrograd every operation only needs", GIVEN),
        ("**Softplus.** The forward pass is", GIVEN),
        ("$$\\frac{d}{dx}\\log(1 + e^{x}) = \\frac{e^{x}}{1 + e^{x}}",
         lambda L: close(dsp, np.exp(xs) / (1 + np.exp(xs))) and close(dsp, 1 / (1 + np.exp(xs)))
         and close(dsp, sig(xs))),
        ("so the local gradient is just the sigmoid",
         lambda L: dseq(L, 0.5, 0.5, 1 + math.exp(0.5), (sp(0.5), math.log(2.6487)), 0.5, sig(0.5))),
        ("A numerical estimate agrees",
         lambda L: dseq(L, 0.001, 0.5 + 0.001, 0.5 - 0.001, 2 * 0.001, (sp(0.501) - sp(0.499)) / 0.002)),
        ("Softplus also satisfies",
         lambda L: close(sp(xs) - sp(-xs), xs) and close(sig(xs) + sig(-xs), np.ones_like(xs))
         and dseq(L, -0.5, sig(0.5), (sig(-0.5), 1 - 0.6225))),
        ("**GELU.** GELU multiplies the input",
         lambda L: all(abs(Phi_int(x) - Phi(x)) < 1e-8 for x in (-1.3, 0.0, 0.5, 2.0))),
        ("$$\\frac{d}{dx}\\big(x\\,\\Phi(x)\\big) = \\Phi(x) + x\\,\\phi(x)",
         lambda L: all(close(dgelu(x), Phi(x) + x * phi(x)) for x in xs)
         and all(close(fd(lambda a: Phi(a[0]), np.array([x]))[0], phi(x)) for x in xs)),
        ("At $x = 1$: $\\Phi(1) = 0.8413$",
         lambda L: dseq(L, Phi(1), phi(1), Phi(1), gelu(1), Phi(1), phi(1), (dgelu(1), 0.8413 + 0.2420))),
        ("Unlike ReLU, the gradient is not zero",
         lambda L: dseq(L, Phi(-1), phi(-1), (dgelu(-1), 0.1587 - 0.2420)) and dgelu(-1) < 0
         and all(close(dgelu(x) + dgelu(-x), 1.0) for x in xs)),
        ("**The tanh approximation.**", GIVEN),
        ("$$\\frac{d}{dx}\\,\\frac{1}{2}x(1 + \\tanh u)",
         lambda L: all(close(dapprox(x), dapprox_f(x)) for x in xs) and close(3 * 0.044715, 0.134145)),
        ("At $x = 1$, $u = 0.7979 \\times 1.0447",
         lambda L: dseq(L, kk, 1 + 0.044715, (uf(1.0), 0.7979 * 1.0447), (math.tanh(uf(1.0)), math.tanh(0.8336)),
                        approx(1.0), dapprox(1.0))
         and abs(approx(1.0) - gelu(1.0)) < 4e-4 and abs(dapprox(1.0) - dgelu(1.0)) < 4e-4),
    ]


CHECKS["16_karpathy_softplus_gelu_backward.md"] = _f16


# --------------------------------------------------------------------------
# runner
# --------------------------------------------------------------------------
DELIMS = {"$$", "\\begin{aligned}", "\\end{aligned}", "\\begin{align*}", "\\end{align*}"}


def math_lines(lines):
    out = []
    inblock = False
    for i, line in enumerate(lines, 1):
        if "$" in line or inblock:
            out.append((i, line))
        if line.count("$$") % 2 == 1:
            inblock = not inblock
    return out


def run_file(fname, checks):
    with open(os.path.join(HERE, fname), encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    if lines and lines[-1] == "":
        lines = lines[:-1]
    problems = []
    if not 15 <= len(lines) <= 45:
        problems.append(f"{len(lines)} lines")
    used = [0] * len(checks)
    first_false = None
    for ln, line in math_lines(lines):
        if line.strip() in DELIMS:
            continue
        matched = [k for k, (sub, _) in enumerate(checks) if sub in line]
        if not matched:
            problems.append(f"line {ln} not covered by any check")
            continue
        ok = True
        for k in matched:
            used[k] += 1
            try:
                res = bool(checks[k][1](line))
            except Exception as exc:  # a formula that cannot even be evaluated is false
                res = False
                if os.environ.get("VERBOSE"):
                    print(f"   {fname}:{ln} raised {exc!r}")
            if not res and os.environ.get("VERBOSE"):
                print(f"   {fname}:{ln} false  [{checks[k][0][:50]}]")
            ok = ok and res
        if not ok and first_false is None:
            first_false = ln
    for k, c in enumerate(used):
        if c != 1:
            problems.append(f"check {checks[k][0]!r} matched {c} lines")
    return first_false, problems


def main():
    with open(os.path.join(HERE, "expected.json"), encoding="utf-8") as fh:
        expected = json.load(fh)
    files = sorted(f for f in os.listdir(HERE) if re.match(r"\d\d_.*\.md$", f))
    all_ok = set(files) == set(expected) == set(CHECKS) and len(files) == 16
    if not all_ok:
        print("file sets differ:", sorted(set(files) ^ set(expected)), sorted(set(files) ^ set(CHECKS)))
    for f in files:
        if f not in CHECKS:
            continue
        first_false, problems = run_file(f, CHECKS[f]())
        exp = expected.get(f, "missing")
        agree = (first_false == exp) and not problems
        all_ok &= agree
        status = "ok      " if agree else "MISMATCH"
        print(f"{status} {f}: first false line = {first_false}, expected = {exp}"
              + (f"  PROBLEMS: {problems}" if problems else ""))
    n_planted = sum(v is not None for v in expected.values())
    if n_planted != 8:
        all_ok = False
        print(f"expected.json has {n_planted} planted files, not 8")
    print("ALL OK" if all_ok else "NOT OK")
    sys.exit(0 if all_ok else 1)


if __name__ == "__main__":
    main()
