#!/usr/bin/env python3
"""Independent truth check for corpus30 (NumPy only).

For every file: a list of (substring identifying exactly one source line,
function returning True iff the claim on that line is true).  Prints the
1-based line of the first false claim per file, or "correct".
Exit status non-zero if a file marked correct in expected.json has a false
claim, or a planted file's first false claim is not its planted line.
"""
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(30)


# ---------------------------------------------------------------- helpers
def num(shown, true):
    """shown (string, '.' decimal) equals true rounded to shown's decimals."""
    s = str(shown).strip()
    k = len(s.split(".")[1]) if "." in s else 0
    return abs(float(s) - float(true)) <= 0.5 * 10.0 ** (-k) + 1e-12


def vec(shown, true):
    true = np.asarray(true, dtype=float).ravel()
    shown = list(shown)
    return len(shown) == true.size and all(num(s, t) for s, t in zip(shown, true))


def close(a, b, rtol=1e-5, atol=1e-6):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return a.shape == b.shape and np.allclose(a, b, rtol=rtol, atol=atol)


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


def fd_jac(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    y0 = np.asarray(f(x), dtype=float)
    J = np.zeros((y0.size, x.size))
    for j in range(x.size):
        xp = x.copy().ravel(); xp[j] += h
        xm = x.copy().ravel(); xm[j] -= h
        J[:, j] = (np.asarray(f(xp.reshape(x.shape))).ravel()
                   - np.asarray(f(xm.reshape(x.shape))).ravel()) / (2 * h)
    return J


sig = lambda z: 1.0 / (1.0 + np.exp(-z))
softplus = lambda z: np.log1p(np.exp(z))


def softmax(z):
    e = np.exp(z - np.max(z))
    return e / e.sum()


def lse(z):
    return np.log(np.sum(np.exp(z)))


# ====================================================== 01 CS231n backprop
def f01():
    D, H, C = 3, 4, 5
    x = RNG.normal(size=(1, D)); W1 = RNG.normal(size=(D, H)); b1 = RNG.normal(size=(1, H))
    W2 = RNG.normal(size=(H, C)); b2 = RNG.normal(size=(1, C)); G = RNG.normal(size=(1, C))

    def scores(x, W1, b1, W2, b2):
        return np.maximum(0, x @ W1 + b1) @ W2 + b2

    z1 = x @ W1 + b1; h = np.maximum(0, z1)
    dh = G @ W2.T; dz1 = dh * (z1 > 0)
    L = lambda **kw: float(np.sum(G * scores(**{**dict(x=x, W1=W1, b1=b1, W2=W2, b2=b2), **kw})))
    gW2 = fd_grad(lambda v: L(W2=v), W2)
    gb2 = fd_grad(lambda v: L(b2=v), b2)
    gh = fd_grad(lambda v: float(np.sum(G * (v @ W2 + b2))), h)
    gz1 = fd_grad(lambda v: float(np.sum(G * (np.maximum(0, v) @ W2 + b2))), z1)
    gW1 = fd_grad(lambda v: L(W1=v), W1)
    gb1 = fd_grad(lambda v: L(b1=v), b1)

    # worked example
    xn = np.array([[1.0, -2.0]]); W1n = np.array([[0.5, -1.0], [0.25, 0.5]]); b1n = np.array([[0.1, 0.2]])
    W2n = np.array([[1.0, -0.5], [2.0, 0.3]]); b2n = np.zeros((1, 2)); Gn = np.array([[0.3, -0.3]])
    z1n = xn @ W1n + b1n; hn = np.maximum(0, z1n); sn = hn @ W2n + b2n
    dW2n = hn.T @ Gn; dhn = Gn @ W2n.T; dz1n = dhn * (z1n > 0); dW1n = xn.T @ dz1n
    return [
        (r"dW_2 &= h^\top", lambda: close(h.T @ G, gW2)),
        (r"db_2 &= \texttt{dscores}", lambda: close(G, gb2)),
        (r"dh &= \texttt{dscores}", lambda: close(G @ W2.T, gh)),
        (r"dz_1 &= dh \odot", lambda: close(dz1, gz1)),
        (r"dW_1 &= dz_1^\top", lambda: close(dz1.T @ x, gW1)),
        (r"db_1 &= dz_1", lambda: close(dz1, gb1)),
        ("Forward: $z_1 = [0.1", lambda: vec(["0.1", "-1.8"], z1n) and vec(["0.1", "0"], hn)
         and vec(["0.1", "-0.05"], sn)),
        (r"dW_2 = \begin{bmatrix} 0.03", lambda: vec(["0.03", "-0.03", "0", "0"], dW2n) and vec(["0.3", "-0.3"], Gn)),
        (r"$dh = [0.3,\ -0.3]\, W_2^\top", lambda: vec(["0.45", "0.51"], dhn) and vec(["0.45", "0"], dz1n)),
        (r"dW_1 = \begin{bmatrix} 0.45 & -0.9", lambda: vec(["0.45", "-0.9", "0", "0"], dW1n)),
        ("With learning rate $0.1$", lambda: vec(["0.455", "-0.91", "0.25", "0.5"], W1n - 0.1 * dW1n)),
    ]


# ====================================================== 02 Coursera logreg
def f02():
    nx, m = 3, 5
    X = RNG.normal(size=(nx, m)); Y = (RNG.random(size=(1, m)) > 0.5).astype(float)
    w = RNG.normal(size=(nx, 1)); b = 0.3

    def J(w, b):
        A = sig(w.T @ X + b)
        return float(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)))

    A = sig(w.T @ X + b); dZ = A - Y
    loss1 = lambda z, y: -(y * np.log(sig(z)) + (1 - y) * np.log(1 - sig(z)))
    zz = RNG.normal(size=4)

    Xn = np.array([[1, 2, -1], [0, 1, 3.0]]); Yn = np.array([[1, 0, 1.0]]); wn = np.array([[0.5], [-0.5]])
    Zn = wn.T @ Xn; An = sig(Zn); dZn = An - Yn; dwn = Xn @ dZn.T / 3; dbn = dZn.sum() / 3
    return [
        (r"dz^{(i)} = \dfrac", lambda: all(np.isclose(fd_grad(lambda v: loss1(v[0], y), np.array([z]))[0], sig(z) - y, atol=1e-6)
                                           for z in zz for y in (0.0, 1.0))),
        ("$$dZ = A - Y", lambda: close(dZ, np.array([[float(fd_grad(lambda v: loss1(v[0], Y[0, i]), np.array([(w.T @ X + b)[0, i]]))[0])
                                                         for i in range(m)]]))),
        (r"$$dw = \frac{\partial J}{\partial w}", lambda: close(X @ dZ.T / m, fd_grad(lambda v: J(v, b), w))),
        (r"$$db = \frac{\partial J}{\partial b}", lambda: np.isclose(dZ.sum(), fd_grad(lambda v: J(w, v[0]), np.array([b]))[0], atol=1e-6)),
        ("- $Z = w^T X + b = [0.5", lambda: vec(["0.5", "0.5", "-2.0"], Zn)),
        (r"- $A = \sigma(Z)", lambda: vec(["0.62246", "0.62246", "0.11920"], An)),
        ("- $dZ = A - Y", lambda: vec(["-0.37754", "0.62246", "-0.88080"], dZn)),
        (r"- $dw = \frac{1}{3}", lambda: vec(["0.58273", "-0.67331"], dwn)),
        (r"- $db \approx", lambda: num("-0.63588", dbn)),
        ("One step of gradient descent", lambda: vec(["0.44173", "-0.43267"], wn - 0.1 * dwn) and num("0.06359", -0.1 * dbn)),
    ]


# ====================================================== 03 German LSE / softmax
def f03():
    z = RNG.normal(size=5); p = softmax(z)
    Jt = np.diag(p) - np.outer(p, p)
    Jfd = fd_jac(softmax, z)
    Hfd = fd_jac(lambda v: fd_grad(lse, v, 1e-5), z, 1e-4)
    zn = np.array([1.0, 0.0, -1.0]); pn = softmax(zn); Jn = np.diag(pn) - np.outer(pn, pn)
    vs = RNG.normal(size=(20, 5))
    zbig = np.array([1000.0, 999.0, 990.0])
    return [
        (r"\frac{\partial \operatorname{LSE}(\mathbf{z})}{\partial z_i} =", lambda: close(fd_grad(lse, z), p)),
        (r"\partial S / \partial z_i = e^{z_i}", lambda: close(fd_grad(lambda v: np.sum(np.exp(v)), z), np.exp(z))),
        (r"= p_i(\delta_{ik} - p_k). \tag{4.8}", lambda: close(Jfd, Jt)),
        (r"\mathbf{J} = \frac{\partial \mathbf{p}}{\partial \mathbf{z}} = \operatorname{diag}",
         lambda: close(Jfd, Jt) and close(Hfd, Jt, rtol=1e-3, atol=1e-4)),
        ("ist symmetrisch", lambda: close(Jt, Jt.T) and close(Jt @ np.ones(5), 0 * p)
         and abs(np.linalg.det(Jt)) < 1e-12),
        ("positiv semidefinit", lambda: all(np.isclose(v @ Jt @ v, np.sum(p * v**2) - np.sum(p * v)**2) for v in vs)
         and np.min(np.linalg.eigvalsh(Jt)) > -1e-12),
        ("Numerisch stabil", lambda: np.isclose(zbig.max() + np.log(np.sum(np.exp(zbig - zbig.max()))),
                                                1000 + np.log(1 + np.exp(-1) + np.exp(-10)))
         and np.isclose(z.max() + np.log(np.sum(np.exp(z - z.max()))), lse(z))),
        (r"S = e + 1 + e^{-1} \approx 4{,}08616", lambda: num("4.08616", np.sum(np.exp(zn)))),
        (r"\operatorname{LSE}(\mathbf{z}) \approx 1{,}40761", lambda: num("1.40761", lse(zn))
         and vec(["0.66524", "0.24473", "0.09003"], pn)),
        (r"\mathbf{J} \approx \begin{pmatrix} 0{,}22270", lambda: vec(
            ["0.22270", "-0.16280", "-0.05989", "-0.16280", "0.18484", "-0.02203", "-0.05989", "-0.02203", "0.08193"], Jn)),
        ("jede Zeile die Summe $0$", lambda: close(Jn.sum(axis=1), np.zeros(3))),
    ]


# ====================================================== 04 French ridge
def f04():
    n, d, lam = 5, 3, 0.3
    X = RNG.normal(size=(n, d)); y = RNG.normal(size=n); w = RNG.normal(size=d); eta = 0.07
    J = lambda v: float(np.mean((X @ v - y) ** 2) + lam * v @ v)
    g = fd_grad(J, w)
    g_sum = 2 / n * sum((w @ X[i] - y[i]) * X[i] for i in range(n)) + 2 * lam * w
    g_mat = 2 / n * X.T @ (X @ w - y) + 2 * lam * w
    J2 = lambda v: float(np.mean((X @ v - y) ** 2) + lam / 2 * v @ v)
    wstar = np.linalg.solve(X.T @ X + n * lam * np.eye(d), X.T @ y)

    Xn = np.array([[1, 2], [2, -1.0]]); yn = np.array([3, 1.0]); wn = np.array([0.5, 0.5]); ln = 0.1
    r = Xn @ wn - yn
    Jn = np.mean(r**2) + ln * wn @ wn
    gn = 2 / 2 * Xn.T @ r + 2 * ln * wn
    wsn = np.linalg.solve(Xn.T @ Xn + 2 * ln * np.eye(2), Xn.T @ yn)
    return [
        (r"\nabla J(\mathbf{w}) = \frac{2}{n} \sum", lambda: close(g, g_sum) and close(g, g_mat)),
        ("On accepte aussi la convention", lambda: close(fd_grad(lambda v: lam / 2 * v @ v, w), lam * w)
         and close(w - eta * g, (1 - 2 * eta * lam) * w - 2 * eta / n * X.T @ (X @ w - y))),
        ("En annulant le gradient", lambda: close(X.T @ X @ wstar + n * lam * wstar, X.T @ y)
         and close(fd_grad(J, wstar), np.zeros(d))),
        (r"\mathbf{w}^\star = \left(X^\top X + n\lambda I\right)^{-1}", lambda: close(fd_grad(J, wstar), np.zeros(d))),
        ("- Prédictions", lambda: vec(["1.5", "0.5"], Xn @ wn) and vec(["-1.5", "-0.5"], r)),
        ("- Coût", lambda: np.isclose(0.5 * (2.25 + 0.25), 1.25) and np.isclose(0.1 * 0.5, 0.05) and num("1.3", Jn)),
        (r"- $X^\top(X\mathbf{w} - \mathbf{y}) = (1", lambda: vec(["-2.5", "-2.5"], Xn.T @ r)),
        (r"- $\nabla J = \frac{2}{2}", lambda: vec(["-2.4", "-2.4"], gn)
         and close(fd_grad(lambda v: np.mean((Xn @ v - yn) ** 2) + ln * v @ v, wn), gn)),
        ("- Un pas de descente", lambda: vec(["0.74", "0.74"], wn - 0.1 * gn)),
        ("- Solution exacte", lambda: close(Xn.T @ Xn, 5 * np.eye(2)) and vec(["5", "5"], Xn.T @ yn)
         and vec(["0.96154", "0.96154"], wsn) and np.isclose(5 / 5.2, wsn[0])),
    ]


# ====================================================== 05 Spanish conv1d
def f05():
    def conv(x, w, b=0.0):
        K = len(w)
        return np.array([np.dot(w, x[i:i + K]) for i in range(len(x) - K + 1)]) + b

    N, K = 9, 3
    x = RNG.normal(size=N); w = RNG.normal(size=K); dl = RNG.normal(size=N - K + 1)
    L = lambda x_, w_: float(dl @ conv(x_, w_))
    Lout = N - K + 1
    gw_formula = np.array([sum(dl[i] * x[i + k] for i in range(Lout)) for k in range(K)])
    dpad = lambda i: dl[i] if 0 <= i < Lout else 0.0
    gx_formula = np.array([sum(dpad(j - k) * w[k] for k in range(K)) for j in range(N)])

    xn = np.array([1, 2, -1, 0, 3, 1.0]); wn = np.array([0.5, -1, 2.0]); yn = conv(xn, wn)
    dn = np.array([0.1, -0.2, 0.3])  # the given upstream gradient (3 entries)
    dw_given = np.array([sum(dn[i] * xn[i + k] for i in range(3)) for k in range(3)])
    dx_given = np.array([sum((dn[j - k] if 0 <= j - k < 3 else 0.0) * wn[k] for k in range(3)) for j in range(6)])
    return [
        (r"L_{\text{out}} = N - K = 3", lambda: len(conv(xn, wn)) == 3),
        ("y_0 = 0.5 - 2 - 2 = -3.5", lambda: vec(["-3.5", "2", "5.5"], yn[:3])
         and np.isclose(0.5 * 1 - 1 * 2 + 2 * -1, 0.5 - 2 - 2) and np.isclose(0.5 * -1 - 0 + 2 * 3, -0.5 - 0 + 6)),
        (r"\frac{\partial L}{\partial w_k} = \sum_{i=0}^{L_{\text{out}}-1}", lambda: close(fd_grad(lambda v: L(x, v), w), gw_formula)),
        (r"\frac{\partial L}{\partial w_0} = 0.1 - 0.4 - 0.3", lambda: vec(["-0.6", "0.4", "0.8"], dw_given)),
        (r"Además $\partial L / \partial b", lambda: num("0.2", dn.sum())),
        (r"\frac{\partial L}{\partial x_j} = \sum_{k=0}^{K-1} \delta_{j-k}", lambda: close(fd_grad(lambda v: L(v, w), x), gx_formula)),
        (r"\frac{\partial L}{\partial \mathbf{x}} = (0.05", lambda: vec(["0.05", "-0.2", "0.55", "-0.7", "0.6", "0"], dx_given)),
        # in the true layer (4 outputs) x_5 enters y_3 with weight w_2
        ("El último elemento $x_5$", lambda: not np.isclose(fd_grad(lambda v: conv(v, wn)[-1], xn)[5], wn[2])),
    ]


# ====================================================== 06 blog leaky ReLU / PReLU
def f06():
    al = 0.01
    leaky = lambda x: np.maximum(al * x, x)
    xs = np.concatenate([RNG.uniform(0.1, 3, 5), -RNG.uniform(0.1, 3, 5)])
    prelu = lambda x, a: np.maximum(0, x) + a * np.minimum(0, x)
    a0 = 0.37
    xv = RNG.normal(size=8); gv = RNG.normal(size=8)
    dLda = fd_grad(lambda v: float(gv @ prelu(xv, v[0])), np.array([a0]))[0]

    xn = np.array([-2, 0.5, -0.3, 1.5]); gn = np.array([0.4, -1.0, 0.2, 0.3]); an = 0.25
    yn = prelu(xn, an)
    dxn = fd_grad(lambda v: float(gn @ prelu(v, an)), xn)
    dan = fd_grad(lambda v: float(gn @ prelu(xn, v[0])), np.array([an]))[0]
    return [
        (r"$$f(x) = \max(\alpha x, x) = \begin{cases}", lambda: all(
            np.isclose(fd_grad(lambda v: leaky(v[0]), np.array([x]))[0], 1.0 if x > 0 else al) for x in xs)
         and all(np.isclose(leaky(x), x if x > 0 else al * x) for x in xs)),
        ("So for $x = -3$", lambda: num("-0.03", leaky(-3.0)) and num("0.01", fd_grad(lambda v: leaky(v[0]), np.array([-3.0]))[0])),
        (r"\frac{\partial f}{\partial x} = \mathbb{1}[x > 0] + a", lambda: all(
            np.isclose(fd_grad(lambda v: prelu(v[0], a0), np.array([x]))[0], (x > 0) + a0 * (x <= 0))
            and np.isclose(fd_grad(lambda v: prelu(x, v[0]), np.array([a0]))[0], min(0, x)) for x in xs)),
        (r"\frac{\partial L}{\partial a} = \sum_{i=1}^{n}", lambda: np.isclose(dLda, gv @ xv, atol=1e-6)),
        ("- Forward: $y = (-0.5", lambda: vec(["-0.5", "0.5", "-0.075", "1.5"], yn)),
        ("- Gradient w.r.t. the inputs", lambda: vec(["0.1", "-1.0", "0.05", "0.3"], dxn)),
        ("- Gradient w.r.t. the slope", lambda: num("-0.91", dan)),
        ("With plain SGD", lambda: num("0.2591", an - 0.01 * dan)),
    ]


# ====================================================== 07 Goodfellow Bernoulli
def f07():
    zs = RNG.normal(scale=2, size=6)
    J = lambda z, y: -np.log(sig((2 * y - 1) * z))
    nh = 4
    hv = RNG.normal(size=nh); wv = RNG.normal(size=nh); bv = 0.2
    Jw = lambda w_, b_, y: float(softplus((1 - 2 * y) * (w_ @ hv + b_)))
    return [
        (r"P(y) = \sigma\left((2y - 1) z\right), \qquad y", lambda: all(
            np.isclose(sig(z) + sig(-z), 1) and np.isclose(sig((2 * 1 - 1) * z), sig(z)) for z in zs)),
        (r"1 - \sigma(x) = \sigma(-x), \qquad \log", lambda: all(
            np.isclose(1 - sig(x), sig(-x)) and np.isclose(np.log(sig(x)), -softplus(-x))
            and np.isclose(fd_grad(lambda v: softplus(v[0]), np.array([x]))[0], sig(x))
            and np.isclose(fd_grad(lambda v: sig(v[0]), np.array([x]))[0], sig(x) * (1 - sig(x))) for x in zs)),
        (r"&= -\log \sigma\left((2y - 1) z\right) \tag{6.30}", lambda: all(
            np.isclose(J(z, y), -np.log(sig(z) if y == 1 else 1 - sig(z))) for z in zs for y in (0, 1))),
        (r"&= \zeta\left((1 - 2y) z\right). \tag{6.31}", lambda: all(
            np.isclose(J(z, y), softplus((1 - 2 * y) * z)) for z in zs for y in (0, 1))),
        (r"\frac{\partial J}{\partial z} = (1 - 2y)\, \sigma", lambda: all(
            np.isclose(fd_grad(lambda v: J(v[0], y), np.array([z]))[0], (1 - 2 * y) * sig((1 - 2 * y) * z))
            and np.isclose((1 - 2 * y) * sig((1 - 2 * y) * z), sig(z) - y) for z in zs for y in (0, 1))),
        (r"By the chain rule, $\nabla_{\boldsymbol{w}} J", lambda: all(
            close(fd_grad(lambda v: Jw(v, bv, y), wv), (sig(wv @ hv + bv) - y) * hv)
            and np.isclose(fd_grad(lambda v: Jw(wv, v[0], y), np.array([bv]))[0], sig(wv @ hv + bv) - y) for y in (0, 1))),
        ("where the last equality is checked case by case", lambda: all(
            np.isclose(-sig(-z), sig(z) - 1) for z in zs)),
        ("may be simplified to $|z|$", lambda: np.isclose((1 - 0) * 5.0, abs(5.0)) and np.isclose((1 - 2) * -5.0, abs(-5.0))
         and np.isclose(sig(30.0) - 0, np.sign(30.0), atol=1e-9) and np.isclose(sig(-30.0) - 1, np.sign(-30.0), atol=1e-9)
         and np.isclose(softplus(30.0), 30.0, atol=1e-9)),
        ("For example, with $y = 0$ and $z = 1.5$", lambda: num("1.70141", softplus(1.5)) and num("0.81757", sig(1.5))
         and num("0.18243", sig(-1.5))),
    ]


# ====================================================== 08 Italian momentum
def f08():
    f = lambda w: (w - 2) ** 2
    fp = lambda w: 2 * (w - 2)
    ws = RNG.normal(size=5)
    w, v = 0.0, 0.0; W = [w]; Vv = [v]; G = []
    for _ in range(8):
        G.append(fp(w)); v = 0.9 * v - 0.1 * fp(w); w = w + v; W.append(w); Vv.append(v)
    gd = [0.0]
    for _ in range(3):
        gd.append(gd[-1] - 0.1 * fp(gd[-1]))
    return [
        (r"$$f(w) = (w - 2)^2, \qquad f'(w) = 2(w - 2)", lambda: all(np.isclose(fd_grad(lambda u: f(u[0]), np.array([x]))[0], fp(x)) for x in ws)),
        (r"**Passo 1.** $f'(w_0)", lambda: num("-4", G[0])),
        (r"$$v_1 = 0{,}9 \cdot 0 - 0{,}1", lambda: num("0.4", Vv[1]) and num("0.4", W[1])),
        (r"**Passo 2.** $f'(w_1)", lambda: num("-3.2", G[1])),
        (r"$$v_2 = 0{,}9 \cdot 0{,}4 + 0{,}32", lambda: num("0.66", Vv[2]) and np.isclose(0.9 * 0.4, 0.36)),
        (r"$$w_2 = 0{,}4 + 0{,}66", lambda: num("1.06", W[2])),
        (r"**Passo 3.** $f'(w_2)", lambda: num("-1.88", G[2])),
        (r"$$v_3 = 0{,}9 \cdot 0{,}66", lambda: num("0.782", Vv[3])),
        (r"$$w_3 = 1{,}06 + 0{,}782", lambda: num("1.842", W[3])),
        ("Il valore della funzione", lambda: num("4", f(0.0)) and num("0.02496", f(W[3]))),
        (r"$$w_1 = 0{,}4, \qquad w_2 = 0{,}72", lambda: vec(["0.4", "0.72", "0.976"], gd[1:])),
        ("oltre $2$ nei passi successivi", lambda: max(W[4:]) > 2 and abs(W[3] - 2) < abs(gd[3] - 2)),
    ]


# ====================================================== 09 Chinese LeNet
def f09():
    def out_brute(n, k, p, s):
        # count window positions on a padded length n+p
        return sum(1 for start in range(0, n + p - k + 1, s))

    def out_formula(n, k, p, s):
        return (n - k + p + s) // s

    sizes = [(n, k, p, s) for n in range(5, 20) for k in range(1, 6) for p in range(0, 4) for s in range(1, 4) if n + p >= k]
    conv_params = lambda co, ci, k: np.zeros((co, ci, k, k)).size + np.zeros(co).size
    h1 = out_formula(28, 5, 0, 1); h1p = out_formula(h1, 2, 0, 2)
    h2 = out_formula(h1p, 5, 0, 1); h2p = out_formula(h2, 2, 0, 2)
    flat = 16 * h2p * h2p
    lin = np.zeros((120, flat)).size + 120
    P1 = conv_params(6, 1, 5); P2 = conv_params(16, 6, 5)
    return [
        (r"\left\lfloor \frac{n_h - k_h + p_h + s_h}{s_h} \right\rfloor \times", lambda: all(out_brute(*t) == out_formula(*t) for t in sizes)),
        ("当 $p = 0, s = 1$ 时", lambda: all(out_formula(n, k, 0, 1) == n - k + 1 for n in range(5, 30) for k in range(1, 6))),
        ("一个卷积层的参数量为", lambda: conv_params(7, 3, 4) == 7 * 3 * 4 * 4 + 7),
        ("**第一个卷积层**", lambda: h1 == 24 and 28 - 5 + 1 == 24),
        (r"\text{参数量} = 6 \times 1 \times 5 \times 5 + 6 = 156", lambda: P1 == 156),
        ("**第一个汇聚层**", lambda: h1p == 12 and (24 - 2 + 2) // 2 == 12),
        ("**第二个卷积层**", lambda: h2 == 8),
        (r"\text{参数量} = 16 \times 6 \times 5 \times 5 + 16 = 2400", lambda: 16 * 6 * 25 == 2400 and P2 == 2416),
        ("**第二个汇聚层**", lambda: h2p == 4),
        ("**展平层**", lambda: flat == 256),
        (r"$256 \times 120 + 120 = 30840$", lambda: lin == 30840),
        ("| Conv2d(1, 6, 5)", lambda: h1 == 24 and P1 == 156),
        ("| MaxPool2d(2) | $(B, 6, 12, 12)$", lambda: h1p == 12),
        ("| Conv2d(6, 16, 5)", lambda: h2 == 8 and P2 == 2416),
        ("| MaxPool2d(2) | $(B, 16, 4, 4)$", lambda: h2p == 4),
        ("| Flatten", lambda: flat == 256),
        ("| Linear(256, 120)", lambda: lin == 30840),
        ("两个卷积层一共只有", lambda: P1 + P2 == 2572 and P1 + P2 + lin == 33412),
    ]


# ====================================================== 10 Japanese Frobenius
def f10():
    n, d, k = 5, 3, 2
    X = RNG.normal(size=(n, d)); Y = RNG.normal(size=(n, k)); W = RNG.normal(size=(d, k))
    f = lambda W_: float(np.sum((X @ W_ - Y) ** 2))
    E = X @ W - Y; dE = RNG.normal(size=E.shape); dW = RNG.normal(size=W.shape)
    t = 1e-6
    dfE = (np.sum((E + t * dE) ** 2) - np.sum((E - t * dE) ** 2)) / (2 * t)
    dfW = (f(W + t * dW) - f(W - t * dW)) / (2 * t)
    A = RNG.normal(size=(4, 4)); B = RNG.normal(size=(4, 4))

    Xn = np.array([[1, 0], [0, 1], [1, 1.0]]); Yn = np.array([[1], [2], [2.0]]); Wn = np.array([[0.5], [0.5]])
    En = Xn @ Wn - Yn
    gn = fd_grad(lambda v: float(np.sum((Xn @ v - Yn) ** 2)), Wn)
    Wstar = np.linalg.solve(Xn.T @ Xn, Xn.T @ Yn)
    Wls = np.linalg.lstsq(X, Y, rcond=None)[0]
    return [
        (r"f(W) = \|XW - Y\|_F^2 = \operatorname{tr}(E^{\mathsf T} E)", lambda: np.isclose(f(W), np.trace(E.T @ E))),
        (r"- $\operatorname{tr}(A) = \operatorname{tr}(A^{\mathsf T})$", lambda: np.isclose(np.trace(A), np.trace(A.T))
         and np.isclose(np.trace(A @ B), np.trace(B @ A))),
        (r"df = \operatorname{tr}\!\big(d(E^{\mathsf T} E)\big) = \operatorname{tr}(E^{\mathsf T} dE)",
         lambda: np.isclose(dfE, np.trace(E.T @ dE), rtol=1e-5)),
        (r"となる（$\operatorname{tr}(dE^{\mathsf T} E)$", lambda: np.isclose(np.trace(dE.T @ E), np.trace(E.T @ dE))),
        (r"df = \operatorname{tr}(E^{\mathsf T} X\, dW) = ", lambda: np.isclose(dfW, np.trace(E.T @ X @ dW), rtol=1e-5)
         and np.isclose(np.trace(E.T @ X @ dW), np.trace((X.T @ E).T @ dW))),
        (r"\frac{\partial f}{\partial W} = X^{\mathsf T}(XW - Y) \quad", lambda: close(fd_grad(f, W), X.T @ (X @ W - Y))),
        ("**正規方程式.**", lambda: close(X.T @ X @ Wls, X.T @ Y) and close(fd_grad(f, Wls), np.zeros_like(W))),
        ("- $XW = (0.5, 0.5, 1.0)", lambda: vec(["0.5", "0.5", "1.0"], Xn @ Wn) and vec(["-0.5", "-1.5", "-1.0"], En)
         and num("3.5", np.sum(En ** 2))),
        ("- 勾配：", lambda: vec(["-1.5", "-2.5"], gn)),
        ("- 学習率 $0.1$ で 1 ステップ", lambda: vec(["0.65", "0.75"], Wn - 0.1 * gn)),
        ("- 最適解", lambda: close(Xn.T @ Xn, [[2, 1], [1, 2]]) and vec(["3", "4"], Xn.T @ Yn)
         and vec(["0.66667", "1.66667"], Wstar) and close(Wstar.ravel(), np.array([2, 5]) / 3)),
    ]


# ====================================================== 11 Russian LSTM
def f11():
    H = 4
    f_ = sig(RNG.normal(size=H)); c_ = RNG.normal(size=H); i_ = sig(RNG.normal(size=H)); g_ = np.tanh(RNG.normal(size=H))
    af = RNG.normal(size=H)
    cell = lambda f, c: f * c + i_ * g_
    Jf = fd_jac(lambda v: cell(v, c_), f_)
    Jc = fd_jac(lambda v: cell(f_, v), c_)
    Ja = fd_jac(lambda v: cell(sig(v), c_), af)
    fa = sig(af)

    # chain of k cells with fixed gates
    fs = sig(RNG.normal(size=5)); ins = RNG.normal(size=5)
    def chain(c0):
        c = c0
        for s in range(5):
            c = fs[s] * c + ins[s]
        return c
    dchain = fd_grad(lambda v: chain(v[0]), np.array([0.3]))[0]

    fn = sig(0.5); cn = fn * 2 + 0.7 * -0.4
    dadn = fd_grad(lambda v: sig(v[0]) * 2 + 0.7 * -0.4, np.array([0.5]))[0]
    return [
        (r"Отсюда $\dfrac{\partial c_{t,j}}{\partial f_{t,l}}", lambda: close(Jf, np.diag(c_)) and close(Jc, np.diag(f_))),
        (r"\frac{\partial \mathbf{c}_t}{\partial \mathbf{f}_t} = \operatorname{diag}(\mathbf{c}_{t-1})", lambda: close(Jf, np.diag(c_)) and close(Jc, np.diag(f_))),
        (r"\frac{\partial \mathbf{c}_t}{\partial \mathbf{a}_f} = \operatorname{diag}", lambda: close(Ja, np.diag(c_ * fa * (1 - fa)))),
        (r"f_t = \sigma(0{,}5) \approx 0{,}62246", lambda: num("0.62246", fn) and num("1.24492", fn * 2) and num("0.96492", cn)
         and np.isclose(1.24492 - 0.28, 0.96492)),
        (r"\frac{\partial c_t}{\partial f_t} = c_{t-1} = 2", lambda: num("2", fd_grad(lambda v: v[0] * 2 + 0.7 * -0.4, np.array([fn]))[0])
         and num("0.62246", fd_grad(lambda v: fn * v[0] + 0.7 * -0.4, np.array([2.0]))[0])
         and num("0.47001", dadn) and num("0.37754", 1 - fn)),
        ("**Замечание.**", lambda: np.isclose(dchain, np.prod(fs)) and num("0.00873", fn ** 10) and num("0.00873", 0.62246 ** 10)
         and num("0.90438", 0.99 ** 10)),
    ]


# ====================================================== 12 OCR cross-entropy
def f12():
    z = RNG.normal(size=3); p = softmax(z); y = np.array([0, 1.0, 0])
    L = lambda v: float(-np.sum(y * np.log(softmax(v))))
    Jfd = fd_jac(softmax, z)
    Jlog = fd_jac(lambda v: np.log(softmax(v)), z)
    I = np.eye(3)
    zn = np.array([1, 2, 0.5]); en = np.exp(zn); pn = en / en.sum(); yn = np.array([1, 0, 0.0]); gn = pn - yn
    gfd = fd_grad(lambda v: float(-np.log(softmax(v)[0])), zn)
    return [
        ("∂p_k/∂z_j = p_k (δ_kj − p_j)", lambda: close(Jfd, p[:, None] * (I - p[None, :]))),
        ("Step 2. chain rule, using", lambda: close(Jlog, I - p[None, :])),
        ("∂L/∂z_j = − Σ_k y_k (δ_kj − p_j)", lambda: close(fd_grad(L, z), -(y[:, None] * (I - p[None, :])).sum(axis=0))),
        ("= − y_j + p_j Σ_k y_k", lambda: close(-(y[:, None] * (I - p[None, :])).sum(axis=0), -y + p * y.sum())),
        ("= p_j − y_j               (since", lambda: close(fd_grad(L, z), p - y)),
        ("So in vector form ∇_z L = p − y", lambda: np.isclose(np.sum(fd_grad(L, z)), 0, atol=1e-7)),
        ("e^1 ≈ 2.71828", lambda: vec(["2.71828", "7.38906", "1.64872"], en)),
        ("Σ ≈ 11.75606", lambda: num("11.75606", en.sum())),
        ("p ≈ (0.23122", lambda: vec(["0.23122", "0.62853", "0.14024"], pn)),
        ("L = − log p₁", lambda: num("1.46437", -np.log(pn[0]))),
        ("∇_z L = p − y ≈ (−0.76878", lambda: vec(["-0.76878", "0.62853", "0.14024"], gfd)),
        ("check: −0.76878", lambda: num("-0.00001", -0.76878 + 0.62853 + 0.14024)),
        ("Interpretation: tbe gradient pushes z₁ up", lambda: gfd[0] < 0 and gfd[1] > 0 and gfd[2] > 0),
        ("and pushes z₂, z₃ down, z₂ rnost", lambda: gfd[1] > gfd[2] and pn[1] > pn[2]),
        ("With step size η = 1", lambda: vec(["1.76878", "1.37147", "0.35976"], zn - gfd)),
    ]


# ====================================================== 13 Korean attention
def f13():
    n, d, dv = 4, 3, 2
    q = RNG.normal(size=d); K = RNG.normal(size=(n, d)); V = RNG.normal(size=(n, dv)); g = RNG.normal(size=dv)
    sc = lambda q_: K @ q_ / np.sqrt(d)
    a = softmax(sc(q)); u = V @ g; ub = a @ u
    Ls = lambda s_: float(g @ (V.T @ softmax(s_)))
    Lq = lambda q_: Ls(sc(q_))
    dLds = fd_grad(Ls, sc(q))

    qn = np.array([1, 0.0]); Kn = np.array([[1, 0], [0, 1], [1, 1.0]]); Vn = np.array([[1, 0], [0, 2], [-1, 1.0]]); gnn = np.array([1, -1.0])
    sn = Kn @ qn / np.sqrt(2); an = softmax(sn); un = Vn @ gnn
    Lsn = lambda s_: float(gnn @ (Vn.T @ softmax(s_)))
    Lqn = lambda q_: Lsn(Kn @ q_ / np.sqrt(2))
    dsn = fd_grad(Lsn, sn); dqn = fd_grad(Lqn, qn)
    return [
        (r"\dfrac{\partial \mathbf{s}}{\partial \mathbf{q}} = \dfrac{K}{\sqrt{d}}", lambda: close(fd_jac(sc, q), K / np.sqrt(d))),
        ("2. softmax의 야코비안", lambda: close(fd_jac(softmax, sc(q)), np.diag(a) - np.outer(a, a))
         and close(fd_jac(lambda v: softmax(sc(v)), q), (np.diag(a) - np.outer(a, a)) @ K / np.sqrt(d))),
        (r"3. $\mathbf{o} = V^\top", lambda: close(fd_grad(lambda al: float(g @ (V.T @ al)), a), V @ g)),
        (r"\frac{\partial L}{\partial \mathbf{s}} = \boldsymbol{\alpha} \odot \big(\bar{u}", lambda: close(dLds, a * (ub - u))),
        ("5. 마지막으로", lambda: close(fd_grad(Lq, q), K.T @ dLds / np.sqrt(d))),
        (r"- $\mathbf{s} = (1, 0, 1)/\sqrt{2}", lambda: vec(["0.70711", "0", "0.70711"], sn)),
        (r"- $\boldsymbol{\alpha} \approx (0.40111", lambda: vec(["0.40111", "0.19778", "0.40111"], an)
         and num("5.05623", np.sum(np.exp(sn)))),
        (r"- $\mathbf{u} = V\mathbf{g} = (1, -2, -2)", lambda: vec(["1", "-2", "-2"], un) and num("-0.79666", an @ un)),
        (r"- $\partial L / \partial \mathbf{s} \approx", lambda: vec(["-0.72066", "0.23799", "0.48267"], dsn)),
        (r"- $\partial L / \partial \mathbf{q} \approx", lambda: vec(["-0.16828", "0.50959"], dqn)),
        ("점수 그래디언트의 합은 항상 0", lambda: np.isclose(dLds.sum(), 0, atol=1e-7)),
    ]


# ====================================================== 14 Portuguese variance / init
def f14():
    # exact computations with independent discrete distributions
    def dist_var(vals, probs):
        m = np.sum(vals * probs)
        return np.sum((vals - m) ** 2 * probs)

    def prod_dist(v1, p1, v2, p2):
        return np.outer(v1, v2).ravel(), np.outer(p1, p2).ravel()

    def sum_dist(v1, p1, v2, p2):
        return np.add.outer(v1, v2).ravel(), np.outer(p1, p2).ravel()

    wv = np.array([-1.0, 0.5, 2.0]); wp = np.array([0.3, 0.6, 0.1]); wv = wv - np.sum(wv * wp)
    xv = np.array([-2.0, 1.0, 3.0]); xp = np.array([0.25, 0.5, 0.25]); xv0 = xv - np.sum(xv * xp)
    E = lambda v, p: np.sum(v * p)
    Vw, Vx0 = dist_var(wv, wp), dist_var(xv0, xp)
    pv, pp = prod_dist(wv, wp, xv0, xp)
    ok1 = np.isclose(dist_var(pv, pp), Vw * Vx0) and np.isclose(dist_var(pv, pp), E(pv ** 2, pp) - E(pv, pp) ** 2) \
        and np.isclose(E(pv ** 2, pp), E(wv ** 2, wp) * E(xv0 ** 2, xp))
    # general formula, nonzero means
    wv1 = wv + 0.7; xv1 = xv0 + 1.3
    pv1, pp1 = prod_dist(wv1, wp, xv1, xp)
    ok2 = np.isclose(dist_var(pv1, pp1), dist_var(wv1, wp) * dist_var(xv1, xp) + dist_var(wv1, wp) * E(xv1, xp) ** 2
                     + E(wv1, wp) ** 2 * dist_var(xv1, xp))
    # sum of n = 3 independent terms
    sv, sp = pv, pp
    for _ in range(2):
        sv, sp = sum_dist(sv, sp, pv, pp)
    ok3 = np.isclose(dist_var(sv, sp), 3 * Vw * Vx0)
    # ReLU inputs: x = max(0, y_prev) with symmetric zero-mean y_prev, w zero mean
    yv = np.array([-3.0, -1.0, 0.0, 1.0, 3.0]); yp = np.array([0.1, 0.25, 0.3, 0.25, 0.1])
    xr = np.maximum(0, yv)
    Ex2 = E(xr ** 2, yp)
    pr, prp = prod_dist(wv, wp, xr, yp)
    sr, srp = pr, prp
    for _ in range(2):
        sr, srp = sum_dist(sr, srp, pr, prp)
    ok4 = np.isclose(dist_var(sr, srp), 3 * Vw * Ex2) and abs(E(xr, yp)) > 0.1
    ok5 = np.isclose(Ex2, 0.5 * dist_var(yv, yp))
    a = np.sqrt(6 / 1024)
    return [
        (r"\operatorname{Var}(w_i x_i) = \mathbb{E}[w_i^2 x_i^2]", lambda: ok1),
        ("No caso geral a fórmula é", lambda: ok2),
        (r"\operatorname{Var}(y) = \sum_{i=1}^{n} \operatorname{Var}(w_i x_i) = n", lambda: ok3),
        (r"ou seja $n \operatorname{Var}(w) = 1", lambda: np.isclose(3 * (1 / 3) * Vx0, Vx0)),
        ("Glorot e Bengio", lambda: np.isclose(2 / (300 + 500), 1 / ((300 + 500) / 2))),
        (r"\operatorname{Var}(y) = n \operatorname{Var}(w)\, \mathbb{E}[x^2].$$", lambda: ok4),
        ("metade da massa é zerada", lambda: ok5),
        (r"\operatorname{Var}(y) = \tfrac{1}{2}\, n", lambda: np.isclose(dist_var(sr, srp), 0.5 * 3 * Vw * dist_var(yv, yp))),
        (r"precisamos de $\operatorname{Var}(w) = 2/n$", lambda: np.isclose(0.5 * 7 * (2 / 7), 1.0)),
        ("**Exemplo:**", lambda: num("0.0625", np.sqrt(2 / 512)) and num("0.07655", a)
         and np.isclose(a ** 2 / 3, 2 / 1024) and np.isclose((2 * a) ** 2 / 12, a ** 2 / 3)),
    ]


# ====================================================== 15 Dutch Hessian / Newton
def f15():
    f = lambda v: v[0] ** 2 * v[1] + np.exp(v[0] * v[1])
    grad = lambda x, y: np.array([2 * x * y + y * np.exp(x * y), x ** 2 + x * np.exp(x * y)])
    hess = lambda x, y: np.array([[2 * y + y ** 2 * np.exp(x * y), 2 * x + (1 + x * y) * np.exp(x * y)],
                                  [2 * x + (1 + x * y) * np.exp(x * y), x ** 2 * np.exp(x * y)]])
    pts = RNG.uniform(-1, 1, size=(5, 2))
    fdH = lambda p: fd_jac(lambda v: fd_grad(f, v, 1e-5), p, 1e-4)
    H01 = fdH(np.array([0.0, 1.0])); g01 = fd_grad(f, np.array([0.0, 1.0]))
    x1 = np.array([0.0, 1.0]) - np.linalg.solve(H01, g01)
    return [
        (r"\frac{\partial f}{\partial x} = 2xy + y\,e^{xy}", lambda: all(close(fd_grad(f, p), grad(*p)) for p in pts)),
        (r"f_{xx} &= 2y + y^2 e^{xy}", lambda: all(np.isclose(fdH(p)[0, 0], hess(*p)[0, 0], atol=1e-4) for p in pts)),
        (r"f_{yy} &= x^2 e^{xy}", lambda: all(np.isclose(fdH(p)[1, 1], hess(*p)[1, 1], atol=1e-4) for p in pts)),
        (r"f_{xy} = f_{yx} &= 2x + e^{xy}", lambda: all(np.isclose(fdH(p)[0, 1], hess(*p)[0, 1], atol=1e-4)
                                                         and np.isclose(fdH(p)[1, 0], hess(*p)[0, 1], atol=1e-4) for p in pts)),
        (r"H(x, y) = \begin{pmatrix} 2y + y^2 e^{xy}", lambda: all(close(fdH(p), hess(*p), rtol=1e-3, atol=1e-4) for p in pts)),
        (r"\nabla f(0, 1) = \begin{pmatrix} 1 \\ 0", lambda: close(g01, [1, 0]) and close(H01, [[3, 1], [1, 0]], atol=1e-4)
         and np.isclose(np.linalg.det(H01), -1, atol=1e-3)),
        (r"H(0,1)^{-1} = \frac{1}{-1}", lambda: close(np.linalg.inv(hess(0, 1)), [[0, 1], [1, -3]])
         and close(-1 * np.array([[0, -1], [-1, 3]]), [[0, 1], [1, -3]])),
        (r"\begin{pmatrix} x_1 \\ y_1 \end{pmatrix} = \begin{pmatrix} 0 \\ 1 \end{pmatrix} -",
         lambda: close(x1, [0, 0], atol=1e-4) and close(np.linalg.inv(hess(0, 1)) @ grad(0, 1), [0, 1])),
        ("**Opmerking.**", lambda: close(fd_grad(f, np.array([0.0, 0.0])), [0, 0]) and close(hess(0, 0), [[0, 1], [1, 0]])
         and close(np.sort(np.linalg.eigvalsh(hess(0, 0))), [-1, 1])
         and vec(["-0.30278", "3.30278"], np.sort(np.linalg.eigvalsh(hess(0, 1))))
         and np.isclose((3 + np.sqrt(13)) / 2, np.max(np.linalg.eigvalsh(hess(0, 1))))
         and not (grad(0, 1) @ (-np.linalg.solve(hess(0, 1), grad(0, 1))) < 0)
         and num("1", f(np.array([0.0, 1.0]))) and num("1", f(np.array([0.0, 0.0])))),
    ]


# ====================================================== 16 Turkish layer norm
def f16():
    H = 5
    xr = RNG.normal(size=H); gam = RNG.normal(size=H); bet = RNG.normal(size=H); eps = 1e-5
    def ln(x, g, b):
        mu = x.mean(); var = ((x - mu) ** 2).mean()
        return g * (x - mu) / np.sqrt(var + eps) + b
    mu_r = xr.mean(); var_r = ((xr - mu_r) ** 2).mean(); xh_r = (xr - mu_r) / np.sqrt(var_r + eps)

    x = np.array([1, 2, 3, 6.0]); mu = x.mean(); var = ((x - mu) ** 2).mean(); r = (var + 0) ** -0.5
    xh = (x - mu) * r
    g = np.array([1, 0.5, 2, 1]); b = np.array([0, 0.1, -0.1, 0.2]); up = np.array([0.1, -0.2, 0.3, 0.4])
    yh = g * xh + b
    dg = fd_grad(lambda v: float(up @ (v * xh + b)), g)
    db = fd_grad(lambda v: float(up @ (g * xh + v)), b)
    return [
        (r"Kısaltma olarak $r = (\sigma^2 + \epsilon)^{-1/2}$", lambda: close((xr - mu_r) * (var_r + eps) ** -0.5, xh_r)),
        ("1. Ortalama", lambda: num("3", mu)),
        ("2. Sapmalar", lambda: vec(["-2", "-1", "0", "3"], x - mu)),
        ("3. Varyans", lambda: num("3.5", var)),
        ("4. Ölçek", lambda: num("0.28571", r)),
        ("5. Normalize edilmiş vektör", lambda: vec(["-0.57143", "-0.28571", "0", "0.85714"], xh)),
        (r"\hat{\mathbf{y}} = \boldsymbol{\gamma} \odot \hat{\mathbf{x}} + \boldsymbol{\beta} \approx",
         lambda: vec(["-0.57143", "-0.04286", "-0.1", "1.05714"], yh)),
        (r"\frac{\partial \hat{y}_i}{\partial \gamma_j} = \hat{x}_i\, \delta_{ij}",
         lambda: close(fd_jac(lambda v: ln(xr, v, bet), gam), np.diag(xh_r)) and close(fd_jac(lambda v: ln(xr, gam, v), bet), np.eye(H))),
        ("yani Jacobian'lar köşegendir", lambda: vec(["-0.57143", "-0.28571", "0", "0.85714"],
                                                       np.diag(fd_jac(lambda v: v * xh + b, g)))),
        (r"\frac{\partial L}{\partial \boldsymbol{\gamma}} = \mathbf{g} \odot",
         lambda: vec(["-0.05714", "0.05714", "0", "0.34286"], dg) and vec(["0.1", "-0.2", "0.3", "0.4"], db)),
    ]


CHECKS = {
    "01_backprop_two_layer_cs231n.md": f01,
    "02_logreg_vectorized_coursera.md": f02,
    "03_logsumexp_softmax_jacobian_vorlesung.md": f03,
    "04_ridge_mse_gradient_examen.md": f04,
    "05_conv1d_backward_tarea.md": f05,
    "06_leaky_relu_prelu_blog.md": f06,
    "07_bernoulli_sigmoid_nll_textbook.md": f07,
    "08_sgd_momentum_a_mano.md": f08,
    "09_lenet_shapes_params_notes.md": f09,
    "10_frobenius_trace_gradient_memo.md": f10,
    "11_lstm_forget_gate_seminar.md": f11,
    "12_crossentropy_logits_ocr_homework.md": f12,
    "13_attention_query_gradient_blog.md": f13,
    "14_variance_init_xavier_he_forum.md": f14,
    "15_hessian_newton_step_uitwerking.md": f15,
    "16_layernorm_forward_ders_notlari.md": f16,
}


def main():
    with open(os.path.join(HERE, "expected.json"), encoding="utf-8") as fh:
        expected = json.load(fh)
    md_files = sorted(f for f in os.listdir(HERE) if f.endswith(".md"))
    bad = []
    if sorted(CHECKS) != md_files or sorted(expected) != md_files:
        bad.append("file lists of CHECKS / expected.json / directory differ")
    for name in sorted(CHECKS):
        with open(os.path.join(HERE, name), encoding="utf-8") as fh:
            lines = fh.read().split("\n")
        false_lines = []
        for sub, fn in CHECKS[name]():
            hits = [i + 1 for i, ln in enumerate(lines) if sub in ln]
            if len(hits) != 1:
                bad.append(f"{name}: substring {sub!r} matches {len(hits)} lines")
                continue
            try:
                ok = bool(fn())
            except Exception as exc:  # shape errors etc. count as false claims
                ok = False
            if not ok:
                false_lines.append(hits[0])
        first = min(false_lines) if false_lines else None
        print(f"{name}: {first if first is not None else 'correct'}")
        if first != expected.get(name, "missing"):
            bad.append(f"{name}: first false line {first}, expected {expected.get(name)}")
    if bad:
        print("\nFAILURES:")
        for b in bad:
            print("  " + b)
        sys.exit(1)
    print("\nall files agree with expected.json")


if __name__ == "__main__":
    main()
