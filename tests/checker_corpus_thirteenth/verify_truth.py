#!/usr/bin/env python3
"""Independent ground-truth checker for the 'thirteenth' derivation corpus.

Each record names (file, 1-based line, literal snippet, expected truth, check).
The script asserts that the snippet occurs on that line, evaluates the claim
independently (finite differences, exact/Fraction arithmetic with the written
rounding, brute force, Monte Carlo, simulation), compares with the expected
truth value, derives each file's first wrong line (first false record in file
order) and compares that with expected.json.

Dependencies: NumPy and the Python standard library only.
"""
import json
import math
import os
import sys
from fractions import Fraction as Fr

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(20261123)
RECORDS = []


def R(file, line, snippet, truth, check):
    RECORDS.append((file, line, snippet, truth, check))


# ---------------------------------------------------------------- helpers
def r2(true, written):
    """True if `true` rounds to the written decimal string (honest rounding)."""
    s = str(written).strip()
    d = len(s.split(".")[1]) if "." in s else 0
    return abs(float(true) - float(s)) <= 0.5 * 10 ** (-d) + 1e-12


def rv(true_vals, written):
    """Vector version of r2; `written` is a comma separated string."""
    parts = [p.strip() for p in written.split(",")]
    tv = list(np.asarray(true_vals, dtype=float).ravel())
    return len(tv) == len(parts) and all(r2(t, p) for t, p in zip(tv, parts))


def eq(a, b, tol=1e-9):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=tol, atol=tol))


def ngrad(f, x, h=1e-6):
    """Central finite-difference gradient of scalar f at array x."""
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        xp = x.copy()
        xm = x.copy()
        xp[i] += h
        xm[i] -= h
        g[i] = (f(xp) - f(xm)) / (2 * h)
    return g


def njac(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    cols = []
    for j in range(x.size):
        e = np.zeros_like(x)
        e.flat[j] = h
        cols.append((np.asarray(f(x + e)) - np.asarray(f(x - e))) / (2 * h))
    return np.stack(cols, axis=-1)


def gclose(claimed, numeric, tol=1e-5):
    claimed = np.asarray(claimed, dtype=float)
    numeric = np.asarray(numeric, dtype=float)
    if claimed.shape != numeric.shape:
        return False
    return bool(np.allclose(claimed, numeric, rtol=tol, atol=tol))


def sig(z):
    return 1.0 / (1.0 + np.exp(-z))


def softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max())
    return e / e.sum()


def mc_close(est, target, rel=0.02, abs_=0.02):
    return abs(est - target) <= max(rel * abs(target), abs_)


def trials(fn, n=5):
    """Run a randomised check n times; all must pass."""
    return all(fn() for _ in range(n))

# ====================================================================== 01
f = "01_linear_layer_backward.md"


def _lin(m=4, n=3, k=5):
    X = RNG.normal(size=(m, n))
    W = RNG.normal(size=(n, k))
    b = RNG.normal(size=(1, k))
    C = RNG.normal(size=(m, k))  # C plays the role of G = dL/dY

    def Y(X_, W_, b_):
        return X_ @ W_ + np.ones((m, 1)) @ b_

    def L(X_, W_, b_):
        return float(np.sum(C * Y(X_, W_, b_)))

    return X, W, b, C, Y, L


def c01_shape():
    X, W, b, C, Y, L = _lin()
    return Y(X, W, b).shape == (4, 5)


def c01_dW_index():
    X, W, b, C, Y, L = _lin()
    m, n = X.shape
    k = W.shape[1]
    D = np.array([[sum(X[i, p] * C[i, q] for i in range(m)) for q in range(k)] for p in range(n)])
    return gclose(D, ngrad(lambda W_: L(X, W_, b), W))


def c01_dW():
    X, W, b, C, Y, L = _lin()
    return gclose(X.T @ C, ngrad(lambda W_: L(X, W_, b), W))


def c01_dW_shape():
    X, W, b, C, Y, L = _lin()
    return (X.T @ C).shape == W.shape == (3, 5)


def c01_dX_index():
    X, W, b, C, Y, L = _lin()
    m, n = X.shape
    k = W.shape[1]
    D = np.array([[sum(C[i, q] * W[p, q] for q in range(k)) for p in range(n)] for i in range(m)])
    return gclose(D, ngrad(lambda X_: L(X_, W, b), X))


def c01_dX_GW():
    X, W, b, C, Y, L = _lin()
    if C.shape[1] != W.shape[0]:
        return False  # G W is not even defined for k != n
    return gclose(C @ W, ngrad(lambda X_: L(X_, W, b), X))


def c01_db():
    X, W, b, C, Y, L = _lin()
    return gclose(np.ones((1, 4)) @ C, ngrad(lambda b_: L(X, W, b_), b))


X01 = np.array([[1.0, 2.0], [0.0, -1.0]])
W01 = np.array([[1.0, -1.0], [2.0, 0.0]])
G01 = np.array([[1.0, 0.0], [-1.0, 2.0]])


def L01(X_, W_, b_):
    return float(np.sum(G01 * (X_ @ W_ + b_)))


R(f, 6, r"so $Y \in \mathbb{R}^{m \times k}$", True, c01_shape)
R(f, 12, r"= \sum_{i=1}^{m} X_{ip} G_{iq}$$", True, c01_dW_index)
R(f, 13, r"\dfrac{\partial L}{\partial W} = X^\top G}", True, c01_dW)
R(f, 13, r"shapes $(n, m)(m, k) = (n, k)$", True, c01_dW_shape)
R(f, 16, r"= \sum_{q=1}^{k} G_{iq} W_{pq}$$", True, c01_dX_index)
R(f, 17, r"\dfrac{\partial L}{\partial X} = G W}", False, c01_dX_GW)
R(f, 17, r"shapes $(m, k)(k, n) = (m, n)$", False, lambda: _lin()[1].shape == (5, 3))
R(f, 19, r"\dfrac{\partial L}{\partial b} = \mathbf{1}_m^\top G}", True, c01_db)
R(f, 19, r"shape $(1, k)$", True, lambda: (np.ones((1, 4)) @ _lin()[3]).shape == _lin()[2].shape)
R(f, 23, r"X^\top G = \begin{bmatrix} 1 & 0 \\ 2 & -1 \end{bmatrix}", True, lambda: eq(X01.T, [[1, 0], [2, -1]]))
R(f, 23, r"= \begin{bmatrix} 1 & 0 \\ 3 & -2 \end{bmatrix}$", True,
  lambda: eq(ngrad(lambda W_: L01(X01, W_, 0.0), W01), [[1, 0], [3, -2]], 1e-6))
R(f, 24, r"= \begin{bmatrix} 1 & -1 \\ 3 & 1 \end{bmatrix}$", False,
  lambda: eq(ngrad(lambda X_: L01(X_, W01, 0.0), X01), [[1, -1], [3, 1]], 1e-6))
R(f, 25, r"\mathbf{1}^\top G = \begin{bmatrix} 0 & 2 \end{bmatrix}$", True,
  lambda: eq(ngrad(lambda b_: L01(X01, W01, b_), np.zeros((1, 2))), [[0, 2]], 1e-6))

# ====================================================================== 02
f = "02_softmax_cross_entropy.md"


def c02_logp():
    z = RNG.normal(size=5)
    return eq(np.log(softmax(z)), z - np.log(np.sum(np.exp(z))))


def c02_dlogp():
    z = RNG.normal(size=4)
    p = softmax(z)
    J = njac(lambda z_: np.log(softmax(z_)), z)  # J[k, j]
    return gclose(np.eye(4) - np.outer(np.ones(4), p), J)


def c02_general():
    z = RNG.normal(size=4)
    y = RNG.uniform(0, 2, size=4)  # any weights, not normalised
    L = lambda z_: -float(np.sum(y * np.log(softmax(z_))))
    return gclose(-y + softmax(z) * y.sum(), ngrad(L, z))


def c02_final():
    z = RNG.normal(size=4)
    y = np.eye(4)[RNG.integers(4)]
    L = lambda z_: -float(np.sum(y * np.log(softmax(z_))))
    return gclose(softmax(z) - y, ngrad(L, z))


Z02 = np.array([2.0, 1.0, 0.0])
Y02 = np.array([1.0, 0.0, 0.0])
L02 = lambda z_: -float(np.sum(Y02 * np.log(softmax(z_))))

R(f, 9, r"\log p_{k}=z_{k}-\log \sum_{l=1}^{K} e^{z_{l}}", True, lambda: trials(c02_logp))
R(f, 11, r"=\delta_{k j}-p_{j}$$", True, lambda: trials(c02_dlogp))
R(f, 13, r"=-y_{j}+p_{j} \sum_{k} y_{k}$$", True, lambda: trials(c02_general))
R(f, 17, r"\Rightarrow \frac{\partial L}{\partial z_{j}}=p_{j}-y_{j}", True, lambda: trials(c02_final))
R(f, 21, r"\approx 7.389+2.718+1=11.107", True,
  lambda: r2(math.exp(2), "7.389") and r2(math.e, "2.718") and r2(math.exp(2) + math.e + 1, "11.107")
  and Fr("7.389") + Fr("2.718") + 1 == Fr("11.107"))
R(f, 23, r"\approx(0.6652,0.2447,0.0900)", True, lambda: rv(softmax(Z02), "0.6652,0.2447,0.0900"))
R(f, 25, r"=\log \left(1+e^{-1}+e^{-2}\right) \approx 0.4076", True, lambda: r2(L02(Z02), "0.4076") and eq(L02(Z02), math.log(1 + math.exp(-1) + math.exp(-2))))
R(f, 27, r"\nabla_{z} L=p-y \approx(-0.3348,0.2447,0.0900)", True, lambda: rv(ngrad(L02, Z02), "-0.3348,0.2447,0.0900"))
R(f, 29, r"-0.3348+0.2447+0.0900=-0.0001", True, lambda: Fr("-0.3348") + Fr("0.2447") + Fr("0.0900") == Fr("-0.0001"))
R(f, 29, r"\sum_{k} p_{k}-1=0", True, lambda: abs(float(np.sum(ngrad(L02, Z02)))) < 1e-8)

# ====================================================================== 03
f = "03_sigmoid_bce.md"


def bce(yhat, y):
    return -(y * np.log(yhat) + (1 - y) * np.log(1 - yhat))


def c03_sigp():
    z = RNG.normal(size=6)
    num = np.array([ngrad(lambda t: float(sig(t[0])), [zi])[0] for zi in z])
    return gclose(sig(z) * (1 - sig(z)), num)


def c03_dyhat():
    yh, y = RNG.uniform(0.05, 0.95), RNG.uniform(0, 1)
    num = ngrad(lambda t: float(bce(t[0], y)), [yh])[0]
    return gclose(y / yh - (1 - y) / (1 - yh), num)


def c03_dz(expr):
    def run():
        z, y = RNG.normal(), RNG.uniform(0, 1)
        yh = sig(z)
        num = ngrad(lambda t: float(bce(sig(t[0]), y)), [z])[0]
        return gclose(expr(y, yh), num)
    return run


def d03(name):
    w, b, x, y = 0.5, -0.5, 2.0, 1.0
    dz = ngrad(lambda t: float(bce(sig(t[0]), y)), [w * x + b])[0]
    dw = ngrad(lambda t: float(bce(sig(t[0] * x + b), y)), [w])[0]
    return {"dz": dz, "dw": dw, "wnew": w - 0.1 * dw}[name]


R(f, 9, r"=\sigma(z)\left(1-\sigma(z)\right)$$", True, c03_sigp)
R(f, 14, r"\frac{\partial L}{\partial \hat{y}}=\frac{y}{\hat{y}}-\frac{1-y}{1-\hat{y}}", False, lambda: trials(c03_dyhat))
R(f, 20, r"=y\left(1-\hat{y}\right)-(1-y) \hat{y}", False, lambda: trials(c03_dz(lambda y, yh: y * (1 - yh) - (1 - y) * yh)))
R(f, 24, r"=y-\hat{y}", False, lambda: trials(c03_dz(lambda y, yh: y - yh)))
R(f, 30, r"z=0.5 \cdot 2-0.5=0.5", True, lambda: Fr("0.5") * 2 - Fr("0.5") == Fr("0.5"))
R(f, 30, r"\hat{y}=\sigma(0.5) \approx 0.6225", True, lambda: r2(sig(0.5), "0.6225"))
R(f, 34, r"\frac{\partial L}{\partial z}=1-0.6225=0.3775", False, lambda: r2(d03("dz"), "0.3775"))
R(f, 34, r"\cdot x \approx 0.7551", False, lambda: r2(d03("dw"), "0.7551"))
R(f, 38, r"\approx 0.5-0.0755=0.4245", False, lambda: r2(d03("wnew"), "0.4245"))

# ====================================================================== 04
f = "04_tanh_derivative.md"
_x04 = lambda: RNG.uniform(-3, 3)
dtanh = lambda x: ngrad(lambda t: float(np.tanh(t[0])), [x])[0]

R(f, 6, r"$\tanh(x) = 2\sigma(2x) - 1$", True, lambda: trials(lambda: eq(np.tanh(x := _x04()), 2 * sig(2 * x) - 1)))
R(f, 10, r"note $u' = v$ and $v' = u$", True, lambda: trials(lambda: (
    gclose(ngrad(lambda t: float(np.exp(t[0]) - np.exp(-t[0])), [x := _x04()])[0], np.exp(x) + np.exp(-x))
    and gclose(ngrad(lambda t: float(np.exp(t[0]) + np.exp(-t[0])), [x])[0], np.exp(x) - np.exp(-x)))))
R(f, 11, r"= \frac{v^2 - u^2}{v^2}", True, lambda: trials(lambda: gclose(
    ((np.exp(x := _x04()) + np.exp(-x)) ** 2 - (np.exp(x) - np.exp(-x)) ** 2) / (np.exp(x) + np.exp(-x)) ** 2, dtanh(x))))
R(f, 11, r"= 1 - \tanh^2(x) \qquad", True, lambda: trials(lambda: gclose(1 - np.tanh(x := _x04()) ** 2, dtanh(x))))
R(f, 12, r"bonus: $v^2 - u^2 = 4$", True, lambda: trials(lambda: eq((np.exp(x := _x04()) + np.exp(-x)) ** 2 - (np.exp(x) - np.exp(-x)) ** 2, 4)))
R(f, 12, r"= \operatorname{sech}^2(x)$", True, lambda: trials(lambda: gclose(4 / (np.exp(x := _x04()) + np.exp(-x)) ** 2, 1 / np.cosh(x) ** 2)
                                                               and gclose(1 / np.cosh(x) ** 2, dtanh(x))))
R(f, 15, r"\partial L/\partial x = (1 - a^2)\, \partial L/\partial a", True, lambda: trials(lambda: gclose(
    (1 - np.tanh(x := _x04()) ** 2) * 1.7, ngrad(lambda t: 1.7 * float(np.tanh(t[0])), [x])[0])))
R(f, 16, r"$\tanh'(0) = 1$", True, lambda: gclose(dtanh(0.0), 1.0) and all(dtanh(x) <= 1 for x in np.linspace(-3, 3, 61)))
R(f, 16, r"$\sigma'(0) = 1/4$", True, lambda: gclose(ngrad(lambda t: float(sig(t[0])), [0.0])[0], 0.25))
R(f, 17, r"$\tanh'(-x) = \tanh'(x)$", True, lambda: trials(lambda: gclose(dtanh(-(x := _x04())), dtanh(x))))
R(f, 24, r"| $0.5$ | $\approx 0.4621$ | $\approx 0.7864$ |", True, lambda: r2(np.tanh(0.5), "0.4621") and r2(dtanh(0.5), "0.7864"))
R(f, 25, r"| $2$ | $\approx 0.9640$ | $\approx 0.0707$ |", True, lambda: r2(np.tanh(2.0), "0.9640") and r2(dtanh(2.0), "0.0707"))
R(f, 26, r"| $-2$ | $\approx -0.9640$ | $\approx 0.0707$ |", True, lambda: r2(np.tanh(-2.0), "-0.9640") and r2(dtanh(-2.0), "0.0707"))
R(f, 28, r"about $7\%$", True, lambda: round(100 * dtanh(2.0)) == 7)

# ====================================================================== 05
f = "05_chain_rule_graph.md"
f05 = lambda v: float((v[0] + v[1]) * v[0] * v[2])
P05 = np.array([1.5, -4.0, 2.5])
G05 = lambda: ngrad(f05, P05)


def c05_local():
    x, y, z = RNG.normal(size=3)
    q = lambda v: v[0] + v[1]
    p = lambda v: v[0] * v[2]
    fqp = lambda u: u[0] * u[1]
    return (gclose(ngrad(q, [x, y, z]), [1, 1, 0]) and gclose(ngrad(p, [x, y, z]), [z, 0, x])
            and gclose(ngrad(fqp, [x + y, x * z]), [x * z, x + y]))


def c05_paths():
    x, y, z = RNG.normal(size=3)
    return gclose(x * z + (x + y) * z, ngrad(f05, [x, y, z])[0])


R(f, 9, r"\frac{\partial p}{\partial x}=z, \quad \frac{\partial p}{\partial z}=x", True, lambda: trials(c05_local))
R(f, 13, r"=p+q z$$", True, lambda: trials(c05_paths))
R(f, 17, r"q=1.5+(-4)=-2.5$$", True, lambda: 1.5 + (-4) == -2.5)
R(f, 19, r"p=1.5 \times 2.5=3.25$$", False, lambda: Fr("1.5") * Fr("2.5") == Fr("3.25"))
R(f, 21, r"=-2.5 \times 3.25=-8.125$$", False, lambda: eq(f05(P05), -8.125))
R(f, 25, r"\frac{\partial f}{\partial q}=p=3.25", False, lambda: eq(P05[0] * P05[2], 3.25))
R(f, 25, r"\frac{\partial f}{\partial p}=q=-2.5$$", True, lambda: eq(P05[0] + P05[1], -2.5))
R(f, 27, r"=3.25+(-2.5)(2.5)$$", False, lambda: gclose(G05()[0], 3.25 + (-2.5) * 2.5))
R(f, 29, r"=3.25-6.25=-3$$", False, lambda: gclose(G05()[0], -3.0))
R(f, 31, r"\cdot 1=3.25", False, lambda: gclose(G05()[1], 3.25))
R(f, 31, r"=-2.5 \times 1.5=-3.75$$", True, lambda: gclose(G05()[2], -3.75))
R(f, 33, r"\nabla f=(-3,3.25,-3.75)", False, lambda: gclose(G05(), [-3, 3.25, -3.75]))

# ====================================================================== 06
f = "06_relu_maxpool_backprop.md"
relu = lambda x: np.maximum(0.0, x)


def c06_relup():
    x = RNG.normal(size=20)
    x = x[np.abs(x) > 1e-3]
    num = np.array([ngrad(lambda t: float(relu(t[0])), [xi])[0] for xi in x])
    return gclose((x > 0).astype(float), num)


def pool2(X):
    H, W = X.shape
    return np.array([[X[i:i + 2, j:j + 2].max() for j in range(0, W - 1, 2)] for i in range(0, H - 1, 2)])


X06 = np.array([[1, 3, 2, 0], [4, 2, 1, 5], [0, 1, 3, 2], [2, 6, 1, 1]], dtype=float)
G06 = np.array([[0.1, -0.2], [0.3, 0.5]])


def c06_argmax():
    pos = []
    for i in range(0, 4, 2):
        for j in range(0, 4, 2):
            a = np.unravel_index(np.argmax(X06[i:i + 2, j:j + 2]), (2, 2))
            pos.append((i + a[0], j + a[1]))
    return pos == [(1, 0), (1, 3), (3, 1), (2, 2)]


R(f, 5, r"$\operatorname{ReLU}'(x) = \mathbb{1}[x > 0]$", True, c06_relup)
R(f, 9, r"= (0,\ -0.2,\ 0.4,\ 0)$$", True, lambda: gclose(ngrad(
    lambda x: float(np.dot([0.3, -0.2, 0.4, 0.1], relu(x))), np.array([-1, 2, 0.5, -3.0])), [0, -0.2, 0.4, 0]))
R(f, 12, r"\lfloor (4 - 2)/2 \rfloor + 1 = 2", True, lambda: len(range(0, 4 - 2 + 1, 2)) == 2 == pool2(np.zeros((4, 4))).shape[0])
R(f, 16, r"Y = \begin{pmatrix} 4 & 5 \\ 6 & 3 \end{pmatrix}$$", True, lambda: eq(pool2(X06), [[4, 5], [6, 3]]))
R(f, 17, r"$(1,0)$, $(1,3)$, $(3,1)$, $(2,2)$", True, c06_argmax)
R(f, 19, r"0.1 & 0 & 0 & -0.2 \\ 0 & 0 & 0.5 & 0 \\ 0 & 0.3 & 0 & 0", True, lambda: eq(
    ngrad(lambda X: float(np.sum(G06 * pool2(X))), X06),
    [[0, 0, 0, 0], [0.1, 0, 0, -0.2], [0, 0, 0.5, 0], [0, 0.3, 0, 0]], 1e-6))
R(f, 20, r"0.1 - 0.2 + 0.3 + 0.5 = 0.7 = \sum_{ij} G_{ij}", True,
  lambda: Fr("0.1") - Fr("0.2") + Fr("0.3") + Fr("0.5") == Fr("0.7") and abs(G06.sum() - 0.7) < 1e-12)

# ====================================================================== 07
f = "07_conv1d_weight_gradient.md"


def conv1d(x, w, b):
    N, K = len(x), len(w)
    return np.array([sum(w[k] * x[i + k] for k in range(K)) + b for i in range(N - K + 1)])


x07 = np.array([1, 2, -1, 0, 3.0])
w07 = np.array([2, -1, 1.0])
g07 = np.array([1, -1, 2.0])
dw07 = lambda: ngrad(lambda w: float(np.dot(g07, conv1d(x07, w, 0.5))), w07)


def c07_formula():
    x, w, g = RNG.normal(size=5), RNG.normal(size=3), RNG.normal(size=3)
    claimed = np.array([sum(g[i] * x[i + 2 - k] for i in range(3)) for k in range(3)])
    return gclose(claimed, ngrad(lambda w_: float(np.dot(g, conv1d(x, w_, 0.0))), w))


R(f, 7, r"output length $=N-K+1=5-3+1=3$", True, lambda: len([i for i in range(5) if i + 2 <= 4]) == 3 == len(conv1d(x07, w07, 0)))
R(f, 10, r"+1 \cdot(-1)+0.5=-0.5", True, lambda: eq(conv1d(x07, w07, 0.5)[0], -0.5))
R(f, 14, r"+1 \cdot 0+0.5=5.5", True, lambda: eq(conv1d(x07, w07, 0.5)[1], 5.5))
R(f, 18, r"+1 \cdot 3+0.5=1.5", True, lambda: eq(conv1d(x07, w07, 0.5)[2], 1.5))
R(f, 24, r"=\sum_{i=0}^{2} g_{i} x_{i+2-k}", False, lambda: trials(c07_formula))
R(f, 28, r"+2 \cdot 3=5", False, lambda: gclose(dw07()[0], 5))
R(f, 32, r"+2 \cdot 0=3", True, lambda: gclose(dw07()[1], 3))
R(f, 32, r"+2 \cdot(-1)=-3", False, lambda: gclose(dw07()[2], -3))
R(f, 36, r"=1-1+2=2", True, lambda: gclose(ngrad(lambda b: float(np.dot(g07, conv1d(x07, w07, b[0]))), [0.5])[0], 2))
R(f, 39, r"=(1.5,-1.3,1.3)", False, lambda: gclose(w07 - 0.1 * dw07(), [1.5, -1.3, 1.3]))

# ====================================================================== 08
f = "08_conv2d_output_size_params.md"


def out_brute(H, K, P, S):
    """Number of window positions of size K that fit in the padded length H + 2P."""
    return len([s for s in range(0, H + 2 * P) if s % S == 0 and s + K <= H + 2 * P])


def params_brute(K, cin, cout):
    return np.zeros((cout, cin, K, K)).size + np.zeros(cout).size


def c08_formula():
    for H in range(1, 40):
        for K in range(1, 8):
            for P in range(0, 4):
                for S in range(1, 5):
                    if K <= H + 2 * P and out_brute(H, K, P, S) != (H + 2 * P - K) // S + 1:
                        return False
    return True


_o1 = lambda: out_brute(32, 5, 2, 1)
_o2 = lambda: out_brute(_o1(), 3, 1, 2)
_flat = lambda: _o2() * _o2() * 32
_fc = lambda: _flat() * 10 + 10
_tot = lambda: params_brute(5, 3, 16) + params_brute(3, 16, 32) + _fc()

R(f, 4, r"\right\rfloor + 1}$$", True, c08_formula)
R(f, 5, r"$P = (K-1)/2$ keeps $H_{\text{out}} = H$", True,
  lambda: all(out_brute(H, K, (K - 1) // 2, 1) == H for H in range(3, 40) for K in (1, 3, 5, 7)))
R(f, 8, r"(K \cdot K \cdot C_{\text{in}} + 1)\, C_{\text{out}}}$$", True,
  lambda: all(params_brute(K, ci, co) == (K * K * ci + 1) * co for K in (1, 3, 5) for ci in (1, 3, 8) for co in (2, 16)))
R(f, 13, r"(32 + 4 - 5)/1 + 1 = 32", True, lambda: _o1() == 32)
R(f, 14, r"= 76 \cdot 16 = 1216", True, lambda: params_brute(5, 3, 16) == 1216 == 76 * 16)
R(f, 16, r"\lfloor 15.5 \rfloor = 15", False, lambda: _o2() == 15)
R(f, 16, r"output $15 \times 15 \times 32$", False, lambda: (_o2(), _o2(), 32) == (15, 15, 32))
R(f, 17, r"= 145 \cdot 32 = 4640", True, lambda: params_brute(3, 16, 32) == 4640 == 145 * 32)
R(f, 18, r"15 \cdot 15 \cdot 32 = 7200", False, lambda: _flat() == 7200)
R(f, 19, r"7200 \cdot 10 + 10 = 72010", False, lambda: _fc() == 72010)
R(f, 21, r"1216 + 4640 + 72010 = 77866", False, lambda: _tot() == 77866)
R(f, 23, r"more than $90\%$", True, lambda: _fc() / _tot() > 0.9)
R(f, 23, r"fewer than $6000$", True, lambda: params_brute(5, 3, 16) + params_brute(3, 16, 32) < 6000)

# ====================================================================== 09
f = "09_receptive_field.md"


def rf_brute(layers):
    """(receptive field, jump) of the last layer by tracking input index sets."""
    def support(o):
        idx = {o}
        for k, s in reversed(layers):
            idx = {i * s + t for i in idx for t in range(k)}
        return idx
    s0, s1 = support(0), support(1)
    return max(s0) - min(s0) + 1, min(s1) - min(s0)


def rf_rec(layers):
    r, j = 1, 1
    for k, s in layers:
        r, j = r + (k - 1) * j, j * s
    return r, j


NET09 = [(3, 1), (3, 2), (3, 1), (2, 2), (3, 1)]


def c09_rec():
    for _ in range(30):
        L = [(int(RNG.integers(1, 6)), int(RNG.integers(1, 4))) for _ in range(int(RNG.integers(1, 6)))]
        if rf_rec(L) != rf_brute(L):
            return False
    return True


R(f, 6, r"r_{l}=r_{l-1}+\left(k_{l}-1\right) \cdot j_{l-1}, \quad j_{l}=j_{l-1} \cdot s_{l}", True, c09_rec)
R(f, 14, r"r_{1}=1+2=3, \quad r_{2}=3+2=5, \quad r_{3}=5+2=7", True,
  lambda: [rf_brute([(3, 1)] * n)[0] for n in (1, 2, 3)] == [3, 5, 7])
R(f, 20, r"=27 C^{2}", True, lambda: all(3 * np.zeros((C, C, 3, 3)).size == 27 * C * C for C in (1, 4, 8)))
R(f, 20, r"7 \cdot 7 \cdot C^{2}=49 C^{2}", True, lambda: all(np.zeros((C, C, 7, 7)).size == 49 * C * C for C in (1, 4, 8)))
R(f, 27, r"r_{1}=1+2 \cdot 1=3, \quad j_{1}=1", True, lambda: rf_brute(NET09[:1]) == (3, 1))
R(f, 28, r"r_{2}=3+2 \cdot 1=5, \quad j_{2}=1 \cdot 2=2", True, lambda: rf_brute(NET09[:2]) == (5, 2))
R(f, 29, r"r_{3}=5+2 \cdot 2=9, \quad j_{3}=2", True, lambda: rf_brute(NET09[:3]) == (9, 2))
R(f, 30, r"r_{4}=9+1 \cdot 2=11, \quad j_{4}=2 \cdot 2=4", True, lambda: rf_brute(NET09[:4]) == (11, 4))
R(f, 31, r"r_{5}=11+2 \cdot 4=19, \quad j_{5}=4", True, lambda: rf_brute(NET09) == (19, 4))
R(f, 35, r"$19 \times 19$", True, lambda: rf_brute(NET09)[0] == 19)
R(f, 37, r"(la capa 3 suma 4 en vez de 2)", True,
  lambda: rf_brute(NET09[:3])[0] - rf_brute(NET09[:2])[0] == 4
  and rf_brute([(3, 1)] * 3)[0] - rf_brute([(3, 1)] * 2)[0] == 2)

# ====================================================================== 10
f = "10_batchnorm_forward.md"
x10 = np.array([1, 3, 5, 7.0])
xh10 = lambda: (x10 - x10.mean()) / np.sqrt(x10.var() + 0.01)

R(f, 10, r"$\mu_B = 16/4 = 4$", True, lambda: x10.sum() == 16 and x10.mean() == 4)
R(f, 11, r"= \frac{20}{4} = 5$", True, lambda: eq(x10.var(), 5) and eq(np.sum((x10 - 4) ** 2), 20))
R(f, 12, r"\sqrt{5.01} \approx 2.2383", True, lambda: r2(np.sqrt(x10.var() + 0.01), "2.2383"))
R(f, 13, r"\hat{x} \approx (-1.3403,\ -0.4468,\ 0.4468,\ 1.3403)$", True, lambda: rv(xh10(), "-1.3403,-0.4468,0.4468,1.3403"))
R(f, 14, r"y = 2\hat{x} + 0.5 \approx (-2.1806,\ -0.3935,\ 1.3935,\ 3.1806)$", True,
  lambda: rv(2 * xh10() + 0.5, "-2.1806,-0.3935,1.3935,3.1806"))
R(f, 16, r"$\hat{x}$ has mean $0$", True, lambda: abs(xh10().mean()) < 1e-12)
R(f, 16, r"= 5/5.01 \approx 0.9980$", True, lambda: eq(xh10().var(), 5 / 5.01) and r2(5 / 5.01, "0.9980"))
R(f, 17, r"so $y$ has mean $\beta = 0.5$", True, lambda: eq((2 * xh10() + 0.5).mean(), 0.5))
R(f, 17, r"$2\sqrt{0.998} \approx 1.998 \approx \gamma$", True, lambda: r2((2 * xh10() + 0.5).std(), "1.998") and r2(2 * math.sqrt(0.998), "1.998"))
R(f, 20, r"0.9 \cdot 0 + 0.1 \cdot 4 = 0.4", True, lambda: Fr("0.1") * 4 == Fr("0.4"))
R(f, 21, r"0.9 \cdot 1 + 0.1 \cdot \tfrac{20}{3} \approx 1.5667", True, lambda: r2(0.9 + 0.1 * x10.var(ddof=1), "1.5667"))
R(f, 21, r"\tfrac{20}{m-1} = \tfrac{20}{3}", True, lambda: eq(x10.var(ddof=1), 20 / 3))

# ====================================================================== 11
f = "11_batchnorm_grad_gamma_beta.md"


def c11_dgamma():
    m = 5
    xh, g, beta = RNG.normal(size=m), RNG.normal(size=m), RNG.normal()
    return gclose(np.sum(g * xh), ngrad(lambda t: float(np.dot(g, t[0] * xh + beta)), [1.3])[0])


def c11_dbeta():
    m = 5
    xh, g, gamma = RNG.normal(size=m), RNG.normal(size=m), RNG.normal()
    return gclose(np.sum(g) / m, ngrad(lambda t: float(np.dot(g, gamma * xh + t[0])), [0.2])[0])


def c11_col():
    m, d = 4, 3
    Xh, G, beta = RNG.normal(size=(m, d)), RNG.normal(size=(m, d)), RNG.normal(size=d)
    claimed = np.array([sum(G[i, j] * Xh[i, j] for i in range(m)) for j in range(d)])
    return gclose(claimed, ngrad(lambda gam: float(np.sum(G * (Xh * gam + beta))), RNG.normal(size=d)))


x11 = np.array([2, 4, 6, 8.0])
xh11 = (x11 - x11.mean()) / np.sqrt(x11.var())
g11 = np.array([0.5, -1, 2, 0.5])
dg11 = lambda: ngrad(lambda t: float(np.dot(g11, t[0] * xh11 + 0.0)), [1.0])[0]
db11 = lambda: ngrad(lambda t: float(np.dot(g11, 1.0 * xh11 + t[0])), [0.0])[0]

R(f, 8, r"=\sum_{i=1}^{m} g_{i} \hat{x}_{i}", True, lambda: trials(c11_dgamma))
R(f, 12, r"\frac{\partial L}{\partial \beta}=\frac{1}{m} \sum_{i=1}^{m} g_{i}", False, lambda: trials(c11_dbeta))
R(f, 15, r"=\sum_{i} G_{i j} \hat{X}_{i j}", True, lambda: trials(c11_col))
R(f, 20, r"\mu=5, \quad \sigma^{2}=\frac{9+1+1+9}{4}=5", True, lambda: x11.mean() == 5 and x11.var() == 5)
R(f, 20, r"\approx(-1.3416,-0.4472,0.4472,1.3416)", True, lambda: rv(xh11, "-1.3416,-0.4472,0.4472,1.3416"))
R(f, 26, r"=\frac{1}{\sqrt{5}}(-1.5+1+2+1.5)", True, lambda: gclose(dg11(), (-1.5 + 1 + 2 + 1.5) / math.sqrt(5)))
R(f, 30, r"=\frac{3}{\sqrt{5}} \approx 1.3416", True, lambda: gclose(dg11(), 3 / math.sqrt(5)) and r2(3 / math.sqrt(5), "1.3416"))
R(f, 34, r"=\frac{2}{4}=0.5", False, lambda: gclose(db11(), 0.5))
R(f, 38, r"\gamma \leftarrow 1-0.1 \times 1.3416 \approx 0.8658", True, lambda: r2(1 - 0.1 * dg11(), "0.8658"))
R(f, 38, r"\beta \leftarrow 0-0.1 \times 0.5=-0.05", False, lambda: gclose(0 - 0.1 * db11(), -0.05))

# ====================================================================== 12
f = "12_layer_norm.md"
ln = lambda x: (x - x.mean()) / np.sqrt(x.var())
x12 = np.array([1, 2, 3, 6.0])

R(f, 12, r"$\widehat{(a x + c)} = \hat{x}$", True,
  lambda: trials(lambda: eq(ln((a := RNG.uniform(0.1, 5)) * (x := RNG.normal(size=6)) + RNG.normal()), ln(x), 1e-8)))
R(f, 15, r"$\mu = 12/4 = 3$", True, lambda: x12.sum() == 12 and x12.mean() == 3)
R(f, 16, r"\sigma^2 = \frac{4 + 1 + 0 + 9}{4} = 3.5", True, lambda: eq(x12.var(), 3.5))
R(f, 17, r"\hat{x} = \frac{x - \mu}{\sigma^2}", False, lambda: trials(lambda: eq((x := RNG.normal(size=5)) - x.mean(), ln(x) * x.var())))
R(f, 17, r"\approx (-0.5714,\ -0.2857,\ 0,\ 0.8571)$", False, lambda: rv(ln(x12), "-0.5714,-0.2857,0,0.8571"))
R(f, 18, r"y = 2\hat{x} + 1 \approx (-0.1429,\ 0.4286,\ 1,\ 2.7143)$", False, lambda: rv(2 * ln(x12) + 1, "-0.1429,0.4286,1,2.7143"))
R(f, 20, r"$2 \cdot 4 = 8$", True, lambda: np.zeros(4).size + np.zeros(4).size == 8)

# ====================================================================== 13
f = "13_dropout_scaling.md"
N13 = 400_000


def c13_mean():
    p, x = 0.3, 1.7
    m = RNG.random(N13) < (1 - p)
    return mc_close(np.mean(m * x / (1 - p)), x, 0.01, 0.01)


def c13_var():
    p, x = 0.3, 1.7
    m = RNG.random(N13) < (1 - p)
    exact = Fr(17, 10) ** 2 * Fr(7, 10) / Fr(7, 10) ** 2 - Fr(17, 10) ** 2 == Fr(17, 10) ** 2 * Fr(3, 10) / Fr(7, 10)
    return exact and mc_close(np.var(m * x / (1 - p)), x * x * p / (1 - p), 0.02, 0.01)


mask13 = np.array([1, 0, 1, 1.0])
up13 = np.array([0.2, 0.4, -1, 0.1])

R(f, 10, r"=\frac{(1-p) x_{i}}{1-p}=x_{i}", True, c13_mean)
R(f, 18, r"=x_{i}^{2} \frac{p}{1-p}", True, c13_var)
R(f, 24, r"=\frac{m_{i}}{1-p} \cdot \frac{\partial L}{\partial y_{i}}", True, lambda: trials(lambda: gclose(
    (mk := (RNG.random(5) < 0.6).astype(float)) / 0.6 * (u := RNG.normal(size=5)),
    ngrad(lambda x: float(np.dot(u, mk * x / 0.6)), RNG.normal(size=5)))))
R(f, 30, r"=(2.5,0,0.625,5)", True, lambda: eq(mask13 * np.array([2, -1, 0.5, 4]) / 0.8, [2.5, 0, 0.625, 5]))
R(f, 36, r"=(0.25,0,-1.25,0.125)", True, lambda: gclose(
    ngrad(lambda x: float(np.dot(up13, mask13 * x / 0.8)), np.array([2, -1, 0.5, 4.0])), [0.25, 0, -1.25, 0.125]))
R(f, 39, r"\cdot \frac{0.2}{0.8}=1", True, lambda: Fr(4) * Fr(2, 10) / Fr(8, 10) == 1 and mc_close(
    np.var((RNG.random(N13) < 0.8) * 2.0 / 0.8), 1.0, 0.02, 0.02))

# ====================================================================== 14
f = "14_l1_l2_regularization.md"
lam14, eta14 = 0.1, 0.5
w14 = np.array([0.5, -2, 0.0])
R2_14 = lambda w: lam14 * float(np.sum(w ** 2))
step_l2 = lambda: w14 - eta14 * ngrad(R2_14, w14)


def c14_l1():
    w = RNG.normal(size=6)
    w = w[np.abs(w) > 1e-3]
    return gclose(lam14 * np.sign(w), ngrad(lambda v: lam14 * float(np.sum(np.abs(v))), w))


def c14_sub():
    t = np.linspace(-3, 3, 601)
    ok = all(np.all(lam14 * np.abs(t) >= s * t - 1e-15) for s in np.linspace(-lam14, lam14, 21))
    bad = not np.all(lam14 * np.abs(t) >= 1.1 * lam14 * t)
    return ok and bad


def c14_sgd():
    w, c = RNG.normal(size=4), RNG.normal(size=4)  # L_data(w) = c.w, so grad = c
    actual = w - eta14 * ngrad(lambda v: float(np.dot(c, v)) + R2_14(v), w)
    return gclose(actual, (1 - eta14 * lam14) * w - eta14 * c)


R(f, 7, r"\dfrac{\partial R_1}{\partial w_j} = \lambda \operatorname{sign}(w_j)$", True, c14_l1)
R(f, 8, r"qualquer valor em $[-\lambda, \lambda]$", True, c14_sub)
R(f, 12, r"$\nabla R_2(w) = \lambda w$", False, lambda: trials(lambda: gclose(lam14 * (w := RNG.normal(size=4)), ngrad(R2_14, w))))
R(f, 13, r"= (1 - \eta\lambda)\, w - \eta \nabla L_{\text{dados}}$", False, lambda: trials(c14_sgd))
R(f, 17, r"0.05 \cdot (1,\ -1,\ 0) = (0.05,\ -0.05,\ 0)$", True, lambda: eq(eta14 * lam14 * np.sign(w14), [0.05, -0.05, 0]))
R(f, 18, r"= (0.45,\ -1.95,\ 0)$$", True, lambda: eq(w14 - eta14 * lam14 * np.sign(w14), [0.45, -1.95, 0]))
R(f, 19, r"1 - \eta\lambda = 1 - 0.05 = 0.95$", False, lambda: gclose(step_l2()[:2] / w14[:2], [0.95, 0.95]))
R(f, 20, r"= (0.475,\ -1.9,\ 0)$$", False, lambda: gclose(step_l2(), [0.475, -1.9, 0]))
R(f, 23, r"mesma quantidade $\eta\lambda = 0.05$", True, lambda: eq(np.abs(w14[:2]) - np.abs(w14[:2] - eta14 * lam14 * np.sign(w14[:2])), [0.05, 0.05]))
R(f, 24, r"perde $0.1$", False, lambda: gclose(abs(w14[1]) - abs(step_l2()[1]), 0.1))
R(f, 24, r"perde só $0.025$", False, lambda: gclose(abs(w14[0]) - abs(step_l2()[0]), 0.025))

# ====================================================================== 15
f = "15_sgd_momentum.md"
f15 = lambda t: 0.5 * float(t[0] ** 2 + 10 * t[1] ** 2)


def sim15():
    th, v, eta, beta = np.array([1.0, 1.0]), np.zeros(2), 0.05, 0.9
    out = {"th0": th.copy()}
    for t in (1, 2):
        g = ngrad(f15, th)
        v = beta * v + g
        th = th - eta * v
        out[f"g{t - 1}"], out[f"v{t}"], out[f"th{t}"] = g, v.copy(), th.copy()
    return out


S15 = sim15()
R(f, 16, r"g_{0}=\nabla f\left(\theta_{0}\right)=(1,10)", True, lambda: gclose(S15["g0"], [1, 10]))
R(f, 16, r"v_{1}=0.9 \cdot(0,0)+(1,10)=(1,10)", True, lambda: gclose(S15["v1"], [1, 10]))
R(f, 20, r"\theta_{1}=(1,1)-0.05 \cdot(1,10)=(0.95,0.5)", True, lambda: gclose(S15["th1"], [0.95, 0.5]))
R(f, 23, r"g_{1}=\nabla f\left(\theta_{1}\right)=(0.95,5)", True, lambda: gclose(S15["g1"], [0.95, 5]))
R(f, 26, r"=(1.85,14)", True, lambda: gclose(S15["v2"], [1.85, 14]))
R(f, 30, r"=(0.8575,-0.2)", True, lambda: gclose(S15["th2"], [0.8575, -0.2]))
R(f, 36, r"f\left(\theta_{0}\right)=5.5", True, lambda: eq(f15(S15["th0"]), 5.5))
R(f, 36, r"=1.70125", True, lambda: eq(f15(S15["th1"]), 1.70125))
R(f, 36, r"=0.567653125", True, lambda: eq(f15(S15["th2"]), 0.567653125, 1e-8))
R(f, 39, r"сменила знак", True, lambda: S15["th1"][1] > 0 > S15["th2"][1])
R(f, 39, r"второй шаг $0.0925$ больше первого $0.05$", True,
  lambda: gclose(S15["th1"][0] - S15["th2"][0], 0.0925) and gclose(S15["th0"][0] - S15["th1"][0], 0.05))

# ====================================================================== 16
f = "16_adam_bias_correction.md"


def sim16(grads, a=0.01, b1=0.9, b2=0.999, th=1.0):
    m = v = 0.0
    rows = []
    for t, g in enumerate(grads, start=1):
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        mh, vh = m / (1 - b1 ** t), v / (1 - b2 ** t)
        th = th - a * mh / math.sqrt(vh)
        rows.append(dict(m=m, v=v, mh=mh, vh=vh, th=th))
    return rows


A16 = sim16([0.2, -0.1])


def c16_const():
    g = RNG.normal()
    m = 0.0
    for t in range(1, 12):
        m = 0.9 * m + 0.1 * g
        if not eq(m, (1 - 0.9 ** t) * g):
            return False
    return True


def c16_first():
    g = RNG.normal() * 10 ** RNG.uniform(-3, 3)
    r = sim16([g], th=0.0)[0]
    return eq(r["mh"], g) and eq(r["vh"], g * g) and eq(r["th"], -0.01 * np.sign(g))


R(f, 7, r"$m_t = (1 - \beta_1^{t})\, g$", True, lambda: trials(c16_const))
R(f, 9, r"$\hat{m}_1 = g_1$ and $\hat{v}_1 = g_1^2$", True, lambda: trials(c16_first))
R(f, 13, r"$m_1 = 0.1 \cdot 0.2 = 0.02$", True, lambda: eq(A16[0]["m"], 0.02))
R(f, 13, r"$v_1 = 0.001 \cdot 0.04 = 0.00004$", True, lambda: eq(A16[0]["v"], 0.00004))
R(f, 14, r"$\hat{m}_1 = 0.02/0.1 = 0.2$", True, lambda: eq(A16[0]["mh"], 0.2))
R(f, 14, r"$\hat{v}_1 = 0.00004/0.001 = 0.04$", True, lambda: eq(A16[0]["vh"], 0.04))
R(f, 15, r"= 1 - 0.01 = 0.99$", True, lambda: eq(A16[0]["th"], 0.99))
R(f, 16, r"0.02/\sqrt{0.00004} \approx 3.162$", True, lambda: r2(A16[0]["m"] / math.sqrt(A16[0]["v"]), "3.162"))
R(f, 16, r"about $3.16\times$ too large", True, lambda: r2((A16[0]["m"] / math.sqrt(A16[0]["v"])) / (A16[0]["mh"] / math.sqrt(A16[0]["vh"])), "3.16"))
R(f, 18, r"0.1 \cdot (-0.1) = 0.008$", True, lambda: eq(A16[1]["m"], 0.008))
R(f, 19, r"0.001 \cdot 0.01 = 0.00004996$", True, lambda: eq(A16[1]["v"], 0.00004996))
R(f, 20, r"$\hat{m}_2 = 0.008/(1 - 0.9) = 0.08$", False, lambda: eq(A16[1]["mh"], 0.08))
R(f, 21, r"0.00004996/0.001999 \approx 0.02499$", True, lambda: r2(A16[1]["vh"], "0.02499") and eq(1 - 0.999 ** 2, 0.001999))
R(f, 22, r"\approx 0.99 - 0.00506 \approx 0.9849$", False, lambda: r2(A16[1]["th"], "0.9849") and r2(0.99 - A16[1]["th"], "0.00506"))

# ====================================================================== 17
f = "17_rmsprop_step.md"
f17 = lambda t: float(t[0] ** 2 + 3 * t[1] ** 2)


def sim17():
    th, s, rho, eta = np.array([1.0, -2.0]), np.zeros(2), 0.9, 0.01
    out = []
    for _ in range(2):
        g = ngrad(f17, th)
        s = rho * s + (1 - rho) * g * g
        step = eta * g / np.sqrt(s)
        th = th - step
        out.append(dict(g=g, s=s.copy(), rs=np.sqrt(s), ratio=g / np.sqrt(s), step=step, th=th.copy()))
    return out


S17 = sim17()
R(f, 9, r"g_{1}=\nabla f\left(\theta_{0}\right)=(2,-12)", True, lambda: gclose(S17[0]["g"], [2, -12]))
R(f, 11, r"=(0.4,14.4)", True, lambda: gclose(S17[0]["s"], [0.4, 14.4]))
R(f, 13, r"\approx(0.6325,3.7947)", True, lambda: rv(S17[0]["rs"], "0.6325,3.7947"))
R(f, 15, r"\approx(3.1623,-3.1623)", True, lambda: rv(S17[0]["ratio"], "3.1623,-3.1623"))
R(f, 17, r"=\frac{\operatorname{sign}(g)}{\sqrt{0.1}}", True,
  lambda: trials(lambda: eq((g := RNG.normal() * 10 ** RNG.uniform(-2, 2)) / np.sqrt(0.1 * g * g), np.sign(g) / np.sqrt(0.1))))
R(f, 17, r"$\eta / \sqrt{0.1} \approx 0.0316$", True, lambda: r2(0.01 / math.sqrt(0.1), "0.0316") and rv(np.abs(S17[0]["step"]), "0.0316,0.0316"))
R(f, 19, r"=(0.9684,-1.9684)", True, lambda: rv(S17[0]["th"], "0.9684,-1.9684"))
R(f, 23, r"\approx(1.9368,-11.8103)", True, lambda: rv(S17[1]["g"], "1.9368,-11.8103"))
R(f, 25, r"\approx(0.7351,26.9082)", True, lambda: rv(S17[1]["s"], "0.7351,26.9082"))
R(f, 27, r"\approx(0.0226,-0.0228)", True, lambda: rv(S17[1]["step"], "0.0226,-0.0228"))
R(f, 29, r"\approx(0.9458,-1.9456)", True, lambda: rv(S17[1]["th"], "0.9458,-1.9456"))
R(f, 31, r"$s_{2}$ is almost twice $s_{1}$", True, lambda: bool(np.all((S17[1]["s"] / S17[0]["s"] > 1.75) & (S17[1]["s"] / S17[0]["s"] < 2))))

# ====================================================================== 18
f = "18_lr_decay.md"
step18 = lambda t: 0.1 * 0.5 ** (t // 10)
exp18 = lambda t: 0.1 * math.exp(-0.1 * t)
inv18 = lambda t: 0.1 / (1 + 0.1 * t)
cos18 = lambda t: 0.0 + 0.5 * (0.1 - 0.0) * (1 + math.cos(math.pi * t / 100))
warm18 = lambda t: 0.1 * t / 5

R(f, 8, r"\eta_9 = 0.1 \cdot 0.5^{0} = 0.1", True, lambda: eq(step18(9), 0.1))
R(f, 9, r"\eta_{10} = 0.1 \cdot 0.5^{1} = 0.05", True, lambda: eq(step18(10), 0.05))
R(f, 10, r"\eta_{25} = 0.1 \cdot 0.5^{2} = 0.025", True, lambda: eq(step18(25), 0.025))
R(f, 13, r"e^{-1} \approx 0.03679", True, lambda: r2(exp18(10), "0.03679"))
R(f, 14, r"\ln 2 / k \approx 6.93", True, lambda: r2(math.log(2) / 0.1, "6.93") and eq(exp18(math.log(2) / 0.1), 0.05))
R(f, 17, r"\eta_{10} = 0.1/2 = 0.05", True, lambda: eq(inv18(10), 0.05))
R(f, 17, r"\eta_{30} = 0.1/4 = 0.025", True, lambda: eq(inv18(30), 0.025))
R(f, 22, r"\approx 0.05 \times 1.7071 \approx 0.08536", True, lambda: r2(1 + math.cos(math.pi / 4), "1.7071") and r2(cos18(25), "0.08536"))
R(f, 23, r"\eta_{50} = 0.05\,(1 + 0) = 0.05", True, lambda: eq(cos18(50), 0.05))
R(f, 23, r"(1 - 0.7071) \approx 0.01464", True, lambda: r2(cos18(75), "0.01464"))
R(f, 23, r"\eta_{100} = 0$", True, lambda: abs(cos18(100)) < 1e-15)
R(f, 24, r"\eta_{t} + \eta_{100-t} = 0.1", True, lambda: all(abs(cos18(t) + cos18(100 - t) - 0.1) < 1e-12 for t in range(101)))
R(f, 27, r"$\eta_1 = 0.02$", True, lambda: eq(warm18(1), 0.02))
R(f, 27, r"$\eta_3 = 0.06$", True, lambda: eq(warm18(3), 0.06))
R(f, 27, r"$\eta_5 = 0.1$", True, lambda: eq(warm18(5), 0.1))
R(f, 30, r"\text{阶梯 } 0.05", True, lambda: eq(step18(10), 0.05))
R(f, 30, r"\text{指数} \approx 0.0368", True, lambda: r2(exp18(10), "0.0368"))
R(f, 30, r"\text{反比例 } 0.05", True, lambda: eq(inv18(10), 0.05))
R(f, 30, r"\text{余弦} \approx 0.0976", True, lambda: r2(cos18(10), "0.0976"))

# ====================================================================== 19
f = "19_gradient_clipping.md"
g19 = [np.array([3.0, -4.0]), np.array([12.0, 0.0])]
norm19 = lambda: float(np.linalg.norm(np.concatenate(g19)))
clip19 = lambda: [g * min(1.0, 5 / norm19()) for g in g19]


def c19_direction():
    flat = np.concatenate(g19)
    glob = np.concatenate(clip19())
    per = np.concatenate([g * min(1.0, 5 / np.linalg.norm(g)) for g in g19])
    cos = lambda a, b: float(a @ b / np.linalg.norm(a) / np.linalg.norm(b))
    return abs(cos(glob, flat) - 1) < 1e-12 and cos(per, flat) < 1 - 1e-3


R(f, 8, r"=\sqrt{3^{2}+(-4)^{2}+12^{2}+0^{2}}", True, lambda: eq(norm19(), math.sqrt(3 ** 2 + (-4) ** 2 + 12 ** 2 + 0 ** 2)))
R(f, 12, r"=\sqrt{9+16+144}=\sqrt{196}=14", False, lambda: 9 + 16 + 144 == 196 and eq(norm19(), 14))
R(f, 18, r"=\frac{5}{14} \approx 0.3571", False, lambda: r2(5 / norm19(), "0.3571"))
R(f, 22, r"\approx(1.0714,-1.4286)", False, lambda: rv(clip19()[0], "1.0714,-1.4286"))
R(f, 26, r"\approx(4.2857,0)", False, lambda: rv(clip19()[1], "4.2857,0"))
R(f, 29, r"g_{1}^{(2)} / g_{1}^{(1)}=4", True, lambda: eq(clip19()[1][0] / clip19()[0][0], 4))
R(f, 34, r"\left\|g^{(1)}\right\|=5 \leq 5", True, lambda: eq(np.linalg.norm(g19[0]), 5))
R(f, 34, r"\left\|g^{(2)}\right\|=12 \Rightarrow g^{(2)} \leftarrow \frac{5}{12}(12,0)=(5,0)", True,
  lambda: eq(np.linalg.norm(g19[1]), 12) and eq(g19[1] * 5 / np.linalg.norm(g19[1]), [5, 0]))
R(f, 37, r"global clipping does not", True, c19_direction)

# ====================================================================== 20
f = "20_xavier_he_init.md"
N20 = 20000


def c20_lemma():
    n, vw, vx = 50, 0.3, 2.0
    W = RNG.normal(0, math.sqrt(vw), size=(N20, n))
    X = RNG.uniform(-1, 1, size=(N20, n)) * math.sqrt(3 * vx)  # mean 0, var vx, not Gaussian
    return mc_close(np.var(np.sum(W * X, axis=1)), n * vw * vx, 0.03, 0.0)


def c20_fwd():
    n = 64
    W = RNG.normal(0, math.sqrt(1 / n), size=(N20, n))
    X = RNG.normal(0, 1.5, size=(N20, n))
    return mc_close(np.var(np.sum(W * X, axis=1)), 1.5 ** 2, 0.03, 0.0)


def c20_bwd():
    n_in, n_out = 40, 25
    Ws = RNG.normal(0, math.sqrt(1 / n_out), size=(2000, n_out, n_in))
    dy = RNG.normal(0, 2.0, size=(2000, n_out))
    dx = np.einsum("boi,bo->bi", Ws, dy)  # dL/dx = W^T dL/dy
    return mc_close(np.var(dx), 4.0, 0.03, 0.0)


def c20_relu():
    z = RNG.normal(0, 1.7, size=400_000)
    return mc_close(np.mean(np.maximum(z, 0) ** 2), 0.5 * 1.7 ** 2, 0.02, 0.0)


def c20_he():
    n, q = 128, 1.3
    Z = RNG.normal(0, math.sqrt(q), size=(N20, n))
    W = RNG.normal(0, math.sqrt(2 / n), size=(N20, n))
    return mc_close(np.var(np.sum(W * np.maximum(Z, 0), axis=1)), q, 0.03, 0.0)


def var_uniform(a):
    x = np.linspace(-a, a, 200_001)
    return float(np.trapezoid(x * x, x) / (2 * a)) if hasattr(np, "trapezoid") else float(np.trapz(x * x, x) / (2 * a))


R(f, 6, r"= n_{\text{in}}\, \operatorname{Var}(w)\, \operatorname{Var}(x)$$", True, c20_lemma)
R(f, 7, r"順伝播で分散を保つ条件: $\operatorname{Var}(w) = 1/n_{\text{in}}$", True, c20_fwd)
R(f, 8, r"逆伝播で勾配の分散を保つ条件: $\operatorname{Var}(w) = 1/n_{\text{out}}$", True, c20_bwd)
R(f, 10, r"（調和平均）", True, lambda: all(eq(2 / (a + b), 2 / (1 / (1 / a) + 1 / (1 / b))) for a, b in [(256, 128), (10, 30), (7, 7)]))
R(f, 12, r"$U(-a, a)$ の分散は $\dfrac{a^2}{12}$", False, lambda: all(abs(var_uniform(a) - a * a / 12) < 1e-6 for a in (0.5, 1.0, 2.0)))
R(f, 13, r"a^2 = 12 \operatorname{Var}(w)", False, lambda: all(abs(var_uniform(math.sqrt(12 * v)) - v) < 1e-6 for v in (0.01, 0.1)))
R(f, 13, r"a = \sqrt{\frac{24}{n_{\text{in}} + n_{\text{out}}}}", False,
  lambda: abs(var_uniform(math.sqrt(24 / 384)) - 2 / 384) < 1e-6)
R(f, 15, r"\mathbb{E}[\operatorname{ReLU}(z)^2] = \tfrac{1}{2}\operatorname{Var}(z)", True, c20_relu)
R(f, 16, r"よって $\operatorname{Var}(w) = \dfrac{2}{n_{\text{in}}}$", True, c20_he)
R(f, 19, r"2/384 \approx 0.005208", True, lambda: r2(2 / 384, "0.005208"))
R(f, 19, r"標準偏差 $\approx 0.0722$", True, lambda: r2(math.sqrt(2 / 384), "0.0722"))
R(f, 20, r"a = \sqrt{24/384} = \sqrt{0.0625} = 0.25", False, lambda: abs(var_uniform(0.25) - 2 / 384) < 1e-6)
R(f, 21, r"2/256 = 0.0078125", True, lambda: Fr(2, 256) == Fr("0.0078125"))
R(f, 21, r"標準偏差 $\approx 0.0884$", True, lambda: r2(math.sqrt(2 / 256), "0.0884"))

# ====================================================================== 21
f = "21_attention_2x2.md"
Q21 = np.array([[1, 2], [0, 1.0]])
K21 = np.array([[1, 0], [1, 1.0]])
V21 = np.array([[1, 0], [0, 2.0]])
S21 = Q21 @ K21.T
Sn21 = S21 / math.sqrt(2)
A21 = np.array([softmax(r) for r in Sn21])
O21 = A21 @ V21


def c21_two():
    s1, s2 = RNG.normal(size=2) * 3
    d = s2 - s1
    return eq(softmax([s1, s2]), [1 / (1 + math.exp(d)), math.exp(d) / (1 + math.exp(d))])


R(f, 9, r"S_{11}=q_{1} \cdot k_{1}=1 \cdot 1+2 \cdot 0=1", True, lambda: S21[0, 0] == 1)
R(f, 11, r"S_{12}=q_{1} \cdot k_{2}=1 \cdot 1+2 \cdot 1=2", False, lambda: S21[0, 1] == 2)
R(f, 13, r"S_{21}=0 \cdot 1+1 \cdot 0=0", True, lambda: S21[1, 0] == 0)
R(f, 13, r"S_{22}=0 \cdot 1+1 \cdot 1=1", True, lambda: S21[1, 1] == 1)
R(f, 15, r"\Rightarrow S=\begin{pmatrix}1 & 2 \\ 0 & 1\end{pmatrix}", False, lambda: eq(S21, [[1, 2], [0, 1]]))
R(f, 15, r"\approx\begin{pmatrix}0.7071 & 1.4142 \\ 0 & 0.7071\end{pmatrix}", False, lambda: rv(Sn21, "0.7071,1.4142,0,0.7071"))
R(f, 17, r"=\left(\frac{1}{1+e^{\Delta}}, \frac{e^{\Delta}}{1+e^{\Delta}}\right)", True, lambda: trials(c21_two))
R(f, 19, r"\Delta=1.4142-0.7071=0.7071", False, lambda: r2(Sn21[0, 1] - Sn21[0, 0], "0.7071"))
R(f, 19, r"e^{0.7071} \approx 2.0281", True, lambda: r2(math.exp(0.7071), "2.0281"))
R(f, 21, r"A_{1,:} \approx\left(\frac{1}{3.0281}, \frac{2.0281}{3.0281}\right) \approx(0.3302,0.6698)", False, lambda: rv(A21[0], "0.3302,0.6698"))
R(f, 23, r"\Delta=0.7071-0=0.7071", True, lambda: r2(Sn21[1, 1] - Sn21[1, 0], "0.7071"))
R(f, 25, r"A_{2,:} \approx(0.3302,0.6698)", True, lambda: rv(A21[1], "0.3302,0.6698"))
R(f, 27, r"각 행의 합 $=1$", True, lambda: eq(A21.sum(axis=1), [1, 1]))
R(f, 31, r"O \approx\begin{pmatrix}0.3302 & 1.3395 \\ 0.3302 & 1.3395\end{pmatrix}", False, lambda: rv(O21, "0.3302,1.3395,0.3302,1.3395"))
R(f, 33, r"두 토큰의 출력이 같아짐", False, lambda: bool(np.allclose(O21[0], O21[1])))

# ====================================================================== 22
f = "22_scaled_dot_product_variance.md"


def qk22(d, n, sd=1.0):
    q = RNG.normal(0, sd, size=(n, d))
    k = RNG.normal(0, sd, size=(n, d))
    return q, k


R(f, 8, r"$\mathbb{E}[q_i k_i] = \mathbb{E}[q_i]\,\mathbb{E}[k_i] = 0$", True,
  lambda: mc_close(float(np.mean(np.prod(qk22(1, 400_000), axis=0))), 0.0, 0.0, 0.01))
R(f, 9, r"= 1 \cdot 1 = 1$", True, lambda: mc_close(float(np.var(np.prod(qk22(1, 400_000), axis=0))), 1.0, 0.02, 0.0))
R(f, 10, r"$\operatorname{Var}(s) = d \cdot 1 = d$", True,
  lambda: mc_close(float(np.var(np.sum(np.prod(qk22(64, 40_000), axis=0), axis=1))), 64.0, 0.03, 0.0))
R(f, 12, r"= d/d = 1$", True,
  lambda: mc_close(float(np.var(np.sum(np.prod(qk22(64, 40_000), axis=0), axis=1) / 8)), 1.0, 0.03, 0.0))
R(f, 15, r"standard deviation $\sqrt{64} = 8$", True, lambda: math.sqrt(64) == 8)
R(f, 17, r"\operatorname{softmax} \approx (0.99966,\ 0.00034)", True, lambda: rv(softmax([8, 0]), "0.99966,0.00034"))
R(f, 18, r"\operatorname{softmax} \approx (0.7311,\ 0.2689)", True, lambda: rv(softmax([1, 0]), "0.7311,0.2689"))
R(f, 19, r"\partial p_0 / \partial s_0 = p_0(1 - p_0)", True,
  lambda: trials(lambda: gclose(ngrad(lambda s: float(softmax(s)[0]), (s := RNG.normal(size=3)))[0], softmax(s)[0] * (1 - softmax(s)[0]))))
R(f, 19, r"$\approx 0.00034$ unscaled", True, lambda: r2(ngrad(lambda s: float(softmax(s)[0]), [8.0, 0.0])[0], "0.00034"))
R(f, 19, r"$\approx 0.1966$ scaled", True, lambda: r2(ngrad(lambda s: float(softmax(s)[0]), [1.0, 0.0])[0], "0.1966"))
R(f, 21, r"$\operatorname{Var}(s) = d\,\sigma^4$", True,
  lambda: mc_close(float(np.var(np.sum(np.prod(qk22(16, 100_000, 1.5), axis=0), axis=1))), 16 * 1.5 ** 4, 0.03, 0.0))
R(f, 21, r"$1/(\sigma^2\sqrt{d})$", True,
  lambda: mc_close(float(np.var(np.sum(np.prod(qk22(16, 100_000, 1.5), axis=0), axis=1) / (1.5 ** 2 * 4))), 1.0, 0.03, 0.0))

# ====================================================================== 23
f = "23_rnn_two_steps.md"


def rnn23(w=0.5, u=1.0, v=2.0, h0=0.0, x1=1.0, x2=-0.5):
    a1 = w * h0 + u * x1
    h1 = math.tanh(a1)
    a2 = w * h1 + u * x2
    h2 = math.tanh(a2)
    y = v * h2
    return dict(a1=a1, h1=h1, a2=a2, h2=h2, y=y, L=0.5 * y * y)


F23 = rnn23()
L_of_h2 = lambda t: 0.5 * (2.0 * t[0]) ** 2
L_of_a2 = lambda t: L_of_h2([math.tanh(t[0])])
L_of_h1 = lambda t: L_of_a2([0.5 * t[0] + 1.0 * (-0.5)])
dw23 = lambda: ngrad(lambda t: rnn23(w=t[0])["L"], [0.5])[0]


def c23_bptt():
    w, u, v, h0, x1, x2 = RNG.normal(size=6)
    F = rnn23(w, u, v, h0, x1, x2)
    d2 = ngrad(lambda t: 0.5 * (v * math.tanh(t[0])) ** 2, [F["a2"]])[0]
    d1 = ngrad(lambda t: 0.5 * (v * math.tanh(w * math.tanh(t[0]) + u * x2)) ** 2, [F["a1"]])[0]
    return gclose(d2 * F["h1"] + d1 * h0, ngrad(lambda t: rnn23(t[0], u, v, h0, x1, x2)["L"], [w])[0])


R(f, 9, r"h_{1}=\tanh (1) \approx 0.7616", True, lambda: F23["a1"] == 1 and r2(F23["h1"], "0.7616"))
R(f, 11, r"\approx-0.1192$$", True, lambda: r2(F23["a2"], "-0.1192"))
R(f, 13, r"h_{2}=\tanh (-0.1192) \approx-0.1186", True, lambda: r2(F23["h2"], "-0.1186"))
R(f, 13, r"\hat{y}=2 h_{2} \approx-0.2373", True, lambda: r2(F23["y"], "-0.2373"))
R(f, 15, r"L=\frac{1}{2}(-0.2373)^{2} \approx 0.0282", True, lambda: r2(F23["L"], "0.0282"))
R(f, 19, r"\approx-0.2373 \times 2 \approx-0.4746", True, lambda: r2(ngrad(L_of_h2, [F23["h2"]])[0], "-0.4746"))
R(f, 21, r"=\tanh \left(a_{2}\right)=h_{2} \approx-0.1186", False,
  lambda: r2(ngrad(lambda t: math.tanh(t[0]), [F23["a2"]])[0], "-0.1186"))
R(f, 23, r"\approx(-0.4746)(-0.1186) \approx 0.0563", False, lambda: r2(ngrad(L_of_a2, [F23["a2"]])[0], "0.0563"))
R(f, 27, r"=\frac{\partial L}{\partial a_{2}} h_{1}+\frac{\partial L}{\partial a_{1}} h_{0}", True, lambda: trials(c23_bptt))
R(f, 29, r"=0.0563 \times 0.7616+0 \approx 0.0429", False, lambda: r2(dw23(), "0.0429"))
R(f, 31, r"is $0$ because $h_{0}=0$", True, lambda: rnn23()["a1"] == 1.0 * 1.0 and 0.0 * 123.0 == 0)
R(f, 33, r"\cdot w \approx 0.0282", False, lambda: r2(ngrad(L_of_h1, [F23["h1"]])[0], "0.0282"))

# ====================================================================== 24
f = "24_lstm_forward.md"


def lstm24(Wf=(0.5, 1.0), bf=0.0, Wi=(0.2, 0.5), bi=0.0, Wg=(0.3, -1.0), bg=0.5, Wo=(1.0, 2.0), bo=-1.0,
           h0=0.0, c0=0.5, x=1.0):
    hx = np.array([h0, x])
    fg = sig(np.dot(Wf, hx) + bf)
    ig = sig(np.dot(Wi, hx) + bi)
    gg = math.tanh(np.dot(Wg, hx) + bg)
    og = sig(np.dot(Wo, hx) + bo)
    c = fg * c0 + ig * gg
    return dict(f=fg, i=ig, g=gg, o=og, c=c, tc=math.tanh(c), h=og * math.tanh(c))


F24 = lstm24()


def c24_count():
    for h in (1, 3, 16):
        for n in (1, 5, 64):
            total = 4 * (np.zeros((h, h + n)).size + np.zeros(h).size)
            if total != 4 * (h * (h + n) + h) or total != 4 * h * (h + n + 1):
                return False
    return True


R(f, 14, r"f_1 = \sigma(0.5 \cdot 0 + 1.0 \cdot 1) = \sigma(1) \approx 0.7311", True, lambda: r2(F24["f"], "0.7311"))
R(f, 15, r"i_1 = \sigma(0.5) \approx 0.6225", True, lambda: r2(F24["i"], "0.6225"))
R(f, 16, r"g_1 = \tanh(-1.0 + 0.5) = \tanh(-0.5) \approx -0.4621", True, lambda: r2(F24["g"], "-0.4621"))
R(f, 17, r"o_1 = \sigma(2 - 1) = \sigma(1) \approx 0.7311", True, lambda: r2(F24["o"], "0.7311"))
R(f, 18, r"c_1 = f_1 c_0 + i_1 g_1 \approx 0.3655 - 0.2876 = 0.0779", True,
  lambda: r2(F24["f"] * 0.5, "0.3655") and r2(-F24["i"] * F24["g"], "0.2876") and r2(F24["c"], "0.0779")
  and Fr("0.3655") - Fr("0.2876") == Fr("0.0779"))
R(f, 19, r"h_1 = o_1 \tanh(c_1) \approx 0.7311 \cdot 0.0777 \approx 0.0568", True,
  lambda: r2(F24["tc"], "0.0777") and r2(F24["h"], "0.0568"))
R(f, 21, r"nie mają wpływu na ten krok", True,
  lambda: eq(lstm24(Wf=(9.0, 1.0), Wi=(-7.0, 0.5), Wg=(4.0, -1.0), Wo=(-3.0, 2.0))["h"], F24["h"], 1e-15))
R(f, 23, r"4\,(h(h + n) + h) = 4h(h + n + 1)", True, c24_count)
R(f, 24, r"4 \cdot 128 \cdot 193 = 98\,816", True, lambda: 4 * (np.zeros((128, 192)).size + 128) == 98816 == 4 * 128 * 193)

# ====================================================================== 25
f = "25_gru_update.md"


def gru25(Wz=0.5, Uz=1.0, Wr=1.0, Ur=-1.0, Wh=0.8, Uh=1.0, x=1.0, h0=0.5, z=None, az=None):
    a_z = Wz * x + Uz * h0 if az is None else az
    zg = sig(a_z) if z is None else z
    r = sig(Wr * x + Ur * h0)
    a_h = Wh * x + Uh * (r * h0)
    ht = math.tanh(a_h)
    return dict(z=zg, r=r, a_h=a_h, ht=ht, h=(1 - zg) * h0 + zg * ht, az=a_z)


F25 = gru25()
R(f, 16, r"z_{1}=\sigma(0.5 \cdot 1+1 \cdot 0.5)=\sigma(1) \approx 0.7311", True, lambda: F25["az"] == 1.0 and r2(F25["z"], "0.7311"))
R(f, 18, r"r_{1}=\sigma(1 \cdot 1-1 \cdot 0.5)=\sigma(0.5) \approx 0.6225", True, lambda: r2(F25["r"], "0.6225"))
R(f, 20, r"\approx \tanh (1.1112) \approx 0.8045", True, lambda: r2(F25["a_h"], "1.1112") and r2(F25["ht"], "0.8045"))
R(f, 22, r"\approx 0.1345+0.5881=0.7226", True,
  lambda: r2((1 - F25["z"]) * 0.5, "0.1345") and r2(F25["z"] * F25["ht"], "0.5881") and r2(F25["h"], "0.7226"))
R(f, 24, r"1-z_{1} \approx 0.2689", True,
  lambda: r2(ngrad(lambda t: (1 - F25["z"]) * t[0] + F25["z"] * F25["ht"], [0.5])[0], "0.2689"))
R(f, 28, r"=h_{0}-\tilde{h}_{1} \approx 0.5-0.8045=-0.3045", False, lambda: r2(ngrad(lambda t: gru25(z=t[0])["h"], [F25["z"]])[0], "-0.3045"))
R(f, 32, r"\approx-0.3045 \cdot 0.1966 \approx-0.0599", False, lambda: r2(ngrad(lambda t: gru25(az=t[0])["h"], [1.0])[0], "-0.0599"))
R(f, 36, r"\cdot x_{1} \approx-0.0599", False, lambda: r2(ngrad(lambda t: gru25(Wz=t[0])["h"], [0.5])[0], "-0.0599"))
R(f, 36, r"\cdot h_{0} \approx-0.0299", False, lambda: r2(ngrad(lambda t: gru25(Uz=t[0])["h"], [1.0])[0], "-0.0299"))

# ====================================================================== 26
f = "26_embedding_gradient.md"


def emb_loss(E, ids, G):
    return float(sum(np.dot(G[t], E[i]) for t, i in enumerate(ids)))


def c26_rule():
    V, d, T = 6, 3, 5
    E = RNG.normal(size=(V, d))
    ids = list(RNG.integers(0, V, size=T))
    G = RNG.normal(size=(T, d))
    X = np.eye(V)[ids]
    num = ngrad(lambda E_: emb_loss(E_, ids, G), E)
    by_rows = np.array([sum((G[t] for t in range(T) if ids[t] == v), np.zeros(d)) for v in range(V)])
    return gclose(X.T @ G, num) and gclose(by_rows, num)


ids26 = [2, 0, 2]
G26 = np.array([[0.1, -0.2, 0.3], [0.0, 0.5, -0.1], [0.2, 0.2, 0.2]])
dE26 = lambda: ngrad(lambda E_: emb_loss(E_, ids26, G26), RNG.normal(size=(5, 3)))

R(f, 5, r"so $\mathcal{E} \in \mathbb{R}^{T \times d}$", True, lambda: (np.eye(7)[[1, 2, 3]] @ np.zeros((7, 4))).shape == (3, 4))
R(f, 8, r"\boxed{\frac{\partial L}{\partial E} = X^\top G}", True, lambda: trials(c26_rule))
R(f, 8, r"\frac{\partial L}{\partial E_{v}} = \sum_{t \,:\, i_t = v} G_t$$", True, lambda: trials(c26_rule))
R(f, 12, r"= (X^\top G)_{vj}$", True, lambda: trials(c26_rule))
R(f, 16, r"row 2: $G_0 + G_2 = (0.3,\ 0.0,\ 0.5)$", True, lambda: gclose(dE26()[2], [0.3, 0.0, 0.5]))
R(f, 17, r"row 0: $G_1 = (0.0,\ 0.5,\ -0.1)$", True, lambda: gclose(dE26()[0], [0.0, 0.5, -0.1]))
R(f, 18, r"rows 1, 3, 4: $(0, 0, 0)$", True, lambda: gclose(dE26()[[1, 3, 4]], np.zeros((3, 3))))
R(f, 20, r"0 & 0.5 & -0.1 \\ 0 & 0 & 0 \\ 0.3 & 0 & 0.5 \\ 0 & 0 & 0 \\ 0 & 0 & 0", True,
  lambda: gclose(dE26(), [[0, 0.5, -0.1], [0, 0, 0], [0.3, 0, 0.5], [0, 0, 0], [0, 0, 0]]))
R(f, 22, r"only $2$ of the $5$ rows", True, lambda: int(np.sum(np.any(np.abs(dE26()) > 1e-9, axis=1))) == 2)

# ====================================================================== 27
f = "27_gaussian_nll.md"
dens27 = lambda y, mu, s: math.exp(-(y - mu) ** 2 / (2 * s * s)) / math.sqrt(2 * math.pi * s * s)
nll27 = lambda y, mu, s: -math.log(dens27(y, mu, s))
_r27 = lambda: (RNG.normal(), RNG.normal(), RNG.uniform(0.3, 2.0))


def c27_dmu():
    y, mu, s = _r27()
    return gclose(ngrad(lambda t: nll27(y, t[0], s), [mu])[0], (mu - y) / s ** 2)


def c27_dsigma():
    y, mu, s = _r27()
    return gclose(ngrad(lambda t: nll27(y, mu, t[0]), [s])[0], 1 / s - (y - mu) ** 2 / s ** 3)


def c27_zero():
    y, mu, _ = _r27()
    y = mu + 0.5 + abs(y)  # keep |y - mu| away from 0
    return gclose(ngrad(lambda t: nll27(y, mu, t[0]), [abs(y - mu)])[0], 0.0)


def c27_mle():
    ys = RNG.normal(1.0, 2.0, size=12)
    mu, s = ys.mean(), math.sqrt(np.mean((ys - ys.mean()) ** 2))
    tot = lambda t: sum(nll27(y, t[0], t[1]) for y in ys)
    return gclose(ngrad(tot, [mu, s]), [0.0, 0.0], 1e-5)


R(f, 9, r"-\log p(y)=\frac{1}{2} \log \left(2 \pi \sigma^{2}\right)+\frac{(y-\mu)^{2}}{2 \sigma^{2}}", True,
  lambda: trials(lambda: eq(nll27(*(a := _r27())), 0.5 * math.log(2 * math.pi * a[2] ** 2) + (a[0] - a[1]) ** 2 / (2 * a[2] ** 2))))
R(f, 13, r"=-\frac{y-\mu}{\sigma^{2}}=\frac{\mu-y}{\sigma^{2}}", True,
  lambda: trials(c27_dmu))
R(f, 15, r"\frac{1}{2} \log \sigma^{2}=\log \sigma", True, lambda: trials(lambda: eq(0.5 * math.log((s := RNG.uniform(0.1, 5)) ** 2), math.log(s))))
R(f, 17, r"=\frac{1}{\sigma}-\frac{(y-\mu)^{2}}{\sigma^{3}}", True,
  lambda: trials(c27_dsigma))
R(f, 19, r"शून्य रखने पर $\sigma^{2}=(y-\mu)^{2}$", True,
  lambda: trials(c27_zero))
R(f, 19, r"\hat{\sigma}^{2}=\frac{1}{n} \sum_{i}\left(y_{i}-\hat{\mu}\right)^{2}", True, lambda: trials(c27_mle))
R(f, 23, r"\log (1.5708)", True, lambda: r2(2 * math.pi * 0.25, "1.5708"))
R(f, 23, r"\approx 0.2258+2=2.2258", True,
  lambda: r2(0.5 * math.log(2 * math.pi * 0.25), "0.2258") and r2(nll27(3, 2, 0.5), "2.2258") and Fr("0.2258") + 2 == Fr("2.2258"))
R(f, 25, r"=\frac{2-3}{0.25}=-4", True, lambda: gclose(ngrad(lambda t: nll27(3, t[0], 0.5), [2.0])[0], -4))
R(f, 25, r"=2-8=-6", True, lambda: gclose(ngrad(lambda t: nll27(3, 2, t[0]), [0.5])[0], -6))
R(f, 27, r"$\sigma$ बढ़ाने से हानि घटेगी", True, lambda: nll27(3, 2, 0.55) < nll27(3, 2, 0.5))
R(f, 29, r"=0.5-2=-1.5", True, lambda: gclose(ngrad(lambda t: nll27(3, 2, math.exp(t[0] / 2)), [math.log(0.25)])[0], -1.5))

# ====================================================================== 28
f = "28_kl_two_gaussians.md"


def logn(x, mu, s):
    return -0.5 * np.log(2 * np.pi * s * s) - (x - mu) ** 2 / (2 * s * s)


def expect_p(fn, mu, s):
    x = np.linspace(mu - 14 * s, mu + 14 * s, 200_001)
    w = np.exp(logn(x, mu, s)) * fn(x)
    return float(np.sum((w[1:] + w[:-1]) * np.diff(x)) / 2)


def kl_num(m1, s1, m2, s2):
    return expect_p(lambda x: logn(x, m1, s1) - logn(x, m2, s2), m1, s1)


_r28 = lambda: (RNG.normal(), RNG.uniform(0.3, 2), RNG.normal(), RNG.uniform(0.3, 2))


def c28_e1():
    m1, s1, m2, s2 = _r28()
    return gclose(expect_p(lambda x: (x - m1) ** 2, m1, s1), s1 ** 2)


def c28_e2():
    m1, s1, m2, s2 = _r28()
    return gclose(expect_p(lambda x: (x - m2) ** 2, m1, s1), s1 ** 2 + (m1 - m2) ** 2)



R(f, 8, r"$\mathbb{E}_p[(x - \mu_1)^2] = \sigma_1^2$", True,
  lambda: trials(c28_e1))
R(f, 9, r"= \sigma_1^2 + (\mu_1 - \mu_2)^2$", True,
  lambda: trials(c28_e2))
R(f, 12, r"+ \tfrac{1}{2}\log(2\pi\sigma_2^2) + \frac{\sigma_1^2 + (\mu_1 - \mu_2)^2}{2\sigma_2^2}$$", True,
  lambda: trials(lambda: gclose(kl_num(*(a := _r28())), -0.5 * math.log(2 * math.pi * a[1] ** 2) - 0.5
                                + 0.5 * math.log(2 * math.pi * a[3] ** 2) + (a[1] ** 2 + (a[0] - a[2]) ** 2) / (2 * a[3] ** 2))))
R(f, 13, r"{2\sigma_2} - \frac{1}{2}}$$", False,
  lambda: trials(lambda: gclose(kl_num(*(a := _r28())), math.log(a[3] / a[1]) + (a[1] ** 2 + (a[0] - a[2]) ** 2) / (2 * a[3]) - 0.5)))
R(f, 16, r"= \log 2 \approx 0.6931", False, lambda: r2(kl_num(1, 1, 0, 2), "0.6931"))
R(f, 17, r"\approx 1.3069$ nats", True, lambda: r2(kl_num(0, 2, 1, 1), "1.3069"))
R(f, 20, r"-\log\sigma + \frac{\sigma^2 + \mu^2}{2} - \frac{1}{2}", True,
  lambda: trials(lambda: gclose(kl_num((m := RNG.normal()), (s := RNG.uniform(0.3, 2)), 0, 1), -math.log(s) + (s * s + m * m) / 2 - 0.5)))
R(f, 20, r"= \frac{1}{2}\left(\mu^2 + \sigma^2 - 1 - \log\sigma^2\right)$$", True,
  lambda: trials(lambda: gclose(kl_num((m := RNG.normal()), (s := RNG.uniform(0.3, 2)), 0, 1), 0.5 * (m * m + s * s - 1 - math.log(s * s)))))
R(f, 21, r"\approx 0.2216$", True, lambda: r2(kl_num(0.5, math.sqrt(0.5), 0, 1), "0.2216"))
R(f, 22, r"equals $0$ iff $\mu = 0$ and $\sigma = 1$", True,
  lambda: abs(kl_num(0, 1, 0, 1)) < 1e-9 and all(kl_num(m, s, 0, 1) > 1e-4 for m, s in [(0.1, 1), (0, 0.9), (-0.5, 1.3)]))

# ====================================================================== 29
f = "29_entropy_cross_entropy.md"
p29 = np.array([0.5, 0.25, 0.125, 0.125])
q29 = np.full(4, 0.25)
Hb = lambda p: float(-np.sum(p * np.log2(p)))
CEb = lambda p, q: float(-np.sum(p * np.log2(q)))
_d29 = lambda: RNG.dirichlet(np.ones(4))

R(f, 8, r"=0.5+0.5+0.75=1.75", True, lambda: eq(Hb(p29), 1.75) and Fr("0.5") + Fr("0.5") + Fr("0.75") == Fr("1.75"))
R(f, 14, r"H(p)=1.75 \ln 2 \approx 1.2130", True, lambda: r2(-np.sum(p29 * np.log(p29)), "1.2130"))
R(f, 20, r"H(p, q)=-\sum_{i} q_{i} \log _{2} p_{i}", False, lambda: trials(lambda: eq(-np.sum((q := _d29()) * np.log2(p := _d29())), CEb(p, q))))
R(f, 24, r"=0.25 \cdot 9=2.25", False, lambda: eq(CEb(p29, q29), 2.25))
R(f, 30, r"=2.25-1.75=0.5", False, lambda: eq(float(np.sum(p29 * np.log2(p29 / q29))), 0.5))
R(f, 35, r"H(q)=\log _{2} 4=2", True, lambda: eq(Hb(q29), 2) and all(Hb(_d29()) <= 2 + 1e-12 for _ in range(200)))

# ====================================================================== 30
f = "30_perplexity.md"
p30 = np.array([0.5, 0.25, 0.125, 0.5])
ppl = lambda p: float(np.exp(-np.mean(np.log(p))))

R(f, 4, r"= \left(\prod_{i=1}^{N} \frac{1}{p_i}\right)^{1/N}$$", True,
  lambda: trials(lambda: eq(ppl(p := RNG.uniform(0.01, 1, size=7)), float(np.prod(1 / p)) ** (1 / 7))))
R(f, 6, r"$\mathrm{PPL} = 2^{H}$", True, lambda: trials(lambda: eq(ppl(p := RNG.uniform(0.01, 1, size=7)), 2 ** float(-np.mean(np.log2(p))))))
R(f, 9, r"$-\log_2 p_i = (1,\ 2,\ 3,\ 1)$", True, lambda: eq(-np.log2(p30), [1, 2, 3, 1]))
R(f, 9, r"$H = 7/4 = 1.75$", True, lambda: eq(-np.mean(np.log2(p30)), 1.75))
R(f, 10, r"$\mathrm{PPL} = 2^{1.75} \approx 3.364$", True, lambda: r2(ppl(p30), "3.364"))
R(f, 11, r"(2 \cdot 4 \cdot 8 \cdot 2)^{1/4} = 128^{1/4} \approx 3.364", True, lambda: 2 * 4 * 8 * 2 == 128 and r2(128 ** 0.25, "3.364"))
R(f, 12, r"$1.75 \ln 2 \approx 1.2130$", True, lambda: r2(-np.mean(np.log(p30)), "1.2130"))
R(f, 12, r"$e^{1.2130} \approx 3.364$", True, lambda: r2(math.exp(1.2130), "3.364"))
R(f, 15, r"\mathrm{PPL} = e^{\ln V} = V", True, lambda: all(eq(ppl(np.full(9, 1 / V)), V) for V in (2, 10, 1000)))
R(f, 16, r"מקבל $\mathrm{PPL} = 50\,000$", True, lambda: eq(ppl(np.full(5, 1 / 50000)), 50000))
R(f, 18, r"כ-$3.36$", True, lambda: r2(ppl(p30), "3.36"))
R(f, 19, r"$\mathrm{PPL} \geq 1$", True, lambda: all(ppl(RNG.uniform(0.01, 1, size=5)) >= 1 for _ in range(100)) and eq(ppl(np.ones(4)), 1))

# ====================================================================== shared: FD Hessian
def nhess(f, x, h=1e-4):
    x = np.array(x, dtype=float)
    n = x.size
    H = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            ei = np.zeros(n)
            ej = np.zeros(n)
            ei[i] = h
            ej[j] = h
            H[i, j] = (f(x + ei + ej) - f(x + ei - ej) - f(x - ei + ej) + f(x - ei - ej)) / (4 * h * h)
    return H


# ====================================================================== 31
f = "31_logistic_regression_hessian.md"


def ell31(w, X, y):
    s = sig(X @ w)
    return float(-np.sum(y * np.log(s) + (1 - y) * np.log(1 - s)))


X31 = np.array([[1, 2], [1, -1.0]])
y31 = np.array([1, 0.0])
gr31 = lambda: ngrad(lambda w: ell31(w, X31, y31), np.zeros(2))
H31 = lambda: nhess(lambda w: ell31(w, X31, y31), np.zeros(2))


def c31_grad():
    X, y, w = RNG.normal(size=(6, 3)), (RNG.random(6) < 0.5).astype(float), RNG.normal(size=3)
    return gclose(X.T @ (sig(X @ w) - y), ngrad(lambda w_: ell31(w_, X, y), w))


def c31_hess():
    X, y, w = RNG.normal(size=(6, 3)), (RNG.random(6) < 0.5).astype(float), RNG.normal(size=3)
    s = sig(X @ w)
    return gclose(X.T @ np.diag(s * (1 - s)) @ X, nhess(lambda w_: ell31(w_, X, y), w), 1e-4)


def c31_psd():
    X, w, v = RNG.normal(size=(6, 3)), RNG.normal(size=3), RNG.normal(size=3)
    s = sig(X @ w)
    lhs = v @ X.T @ np.diag(s * (1 - s)) @ X @ v
    rhs = float(np.sum(s * (1 - s) * (X @ v) ** 2))
    return eq(lhs, rhs) and rhs >= 0


R(f, 12, r"\nabla_{w} \ell=\sum_{i}\left(\sigma_{i}-y_{i}\right) x_{i}=X^{T}(\sigma-y)", True, lambda: trials(c31_grad))
R(f, 18, r"=X^{T} S X, \quad S=\operatorname{diag}\left(\sigma_{i}\left(1-\sigma_{i}\right)\right)", True, lambda: trials(c31_hess))
R(f, 22, r"\geq 0 \quad \Rightarrow \quad \ell \text { is convex }", True, lambda: trials(c31_psd))
R(f, 27, r"\ell(0)=2 \log 2 \approx 1.3863", True, lambda: eq(ell31(np.zeros(2), X31, y31), 2 * math.log(2)) and r2(2 * math.log(2), "1.3863"))
R(f, 29, r"=(0,-1.5)", True, lambda: gclose(gr31(), [0, -1.5]))
R(f, 31, r"X^{T} X=\begin{bmatrix}2 & 1 \\ 1 & 5\end{bmatrix}", True, lambda: eq(X31.T @ X31, [[2, 1], [1, 5]]))
R(f, 31, r"H=\begin{bmatrix}0.5 & 0.25 \\ 0.25 & 1.25\end{bmatrix}", True, lambda: gclose(H31(), [[0.5, 0.25], [0.25, 1.25]], 1e-4))
R(f, 33, r"\operatorname{det} H=0.625-0.0625=0.5625>0", True, lambda: r2(np.linalg.det(H31()), "0.5625") and Fr("0.625") - Fr("0.0625") == Fr("0.5625"))
R(f, 33, r"H \succ 0", True, lambda: bool(np.all(np.linalg.eigvalsh(H31()) > 0)))
R(f, 35, r"\approx(-0.6667,1.3333)", True, lambda: rv(-np.linalg.solve(H31(), gr31()), "-0.6667,1.3333"))

# ====================================================================== 32
f = "32_linear_regression_closed_form.md"
X32 = np.array([[1, 0], [1, 1], [1, 2.0]])
y32 = np.array([1, 2, 4.0])
w32 = lambda: np.linalg.lstsq(X32, y32, rcond=None)[0]


def c32_grad():
    X, y, w = RNG.normal(size=(5, 3)), RNG.normal(size=5), RNG.normal(size=3)
    return gclose(2 * X.T @ (X @ w - y), ngrad(lambda w_: float(np.sum((X @ w_ - y) ** 2)), w))


def c32_closed():
    X, y = RNG.normal(size=(7, 3)), RNG.normal(size=7)
    return gclose(np.linalg.inv(X.T @ X) @ X.T @ y, np.linalg.lstsq(X, y, rcond=None)[0], 1e-8)


def c32_inv():
    a, b, c, d = RNG.normal(size=4)
    return gclose(np.array([[d, -b], [-c, a]]) / (a * d - b * c), np.linalg.inv(np.array([[a, b], [c, d]])), 1e-8)


R(f, 6, r"$\nabla_w L = 2X^\top(Xw - y)$", True, lambda: trials(c32_grad))
R(f, 8, r"\boxed{w^\ast = (X^\top X)^{-1} X^\top y}", True, lambda: trials(c32_closed))
R(f, 9, r"= \dfrac{1}{ad - bc}\begin{bmatrix} d & -b \\ -c & a \end{bmatrix}", True, lambda: trials(c32_inv))
R(f, 13, r"$X^\top X = \begin{bmatrix} 3 & 3 \\ 3 & 5 \end{bmatrix}$", True, lambda: eq(X32.T @ X32, [[3, 3], [3, 5]]))
R(f, 13, r"$X^\top y = \begin{bmatrix} 7 \\ 10 \end{bmatrix}$", True, lambda: eq(X32.T @ y32, [7, 10]))
R(f, 14, r"= 15 - 9 = 6", True, lambda: eq(np.linalg.det(X32.T @ X32), 6))
R(f, 15, r"(X^\top X)^{-1} = \dfrac{1}{6}\begin{bmatrix} 5 & 3 \\ 3 & 3 \end{bmatrix}", False,
  lambda: gclose(np.linalg.inv(X32.T @ X32), np.array([[5, 3], [3, 3]]) / 6, 1e-9))
R(f, 16, r"\approx \begin{bmatrix} 10.833 \\ 8.5 \end{bmatrix}", False, lambda: rv(w32(), "10.833,8.5"))
R(f, 17, r"$Xw^\ast \approx (10.833,\ 19.333,\ 27.833)$", False, lambda: rv(X32 @ w32(), "10.833,19.333,27.833"))

# ====================================================================== 33
f = "33_newton_step.md"
f33 = lambda t: float(t[0] - math.log(t[0]))
d1_33 = lambda x: ngrad(f33, [x])[0]
d2_33 = lambda x: nhess(f33, [x], 1e-4)[0, 0]


def newton33(x, n):
    xs = [x]
    for _ in range(n):
        x = x - d1_33(x) / d2_33(x)
        xs.append(x)
    return xs


A33 = np.array([[2, 1], [1, 3.0]])
b33 = np.array([1, 2.0])
fq33 = lambda x: float(0.5 * x @ A33 @ x - b33 @ x)
x1_33 = lambda: np.zeros(2) - np.linalg.solve(nhess(fq33, np.zeros(2)), ngrad(fq33, np.zeros(2)))

R(f, 7, r"f^{\prime}(x)=1-\frac{1}{x}", True, lambda: trials(lambda: gclose(d1_33(x := RNG.uniform(0.2, 3)), 1 - 1 / x)))
R(f, 7, r"f^{\prime \prime}(x)=\frac{1}{x^{2}}", True, lambda: trials(lambda: gclose(d2_33(x := RNG.uniform(0.2, 3)), 1 / x ** 2, 1e-4)))
R(f, 9, r"=2 x_{k}-x_{k}^{2}", True, lambda: trials(lambda: gclose(newton33(x := RNG.uniform(0.2, 1.8), 1)[1], 2 * x - x * x, 1e-4)))
R(f, 13, r"x_{1}=1-0.25=0.75", True, lambda: gclose(newton33(0.5, 1)[1], 0.75, 1e-5))
R(f, 15, r"x_{2}=1.5-0.5625=0.9375", True, lambda: gclose(newton33(0.5, 2)[2], 0.9375, 1e-5))
R(f, 17, r"x_{3}=1.875-0.87890625=0.99609375", True, lambda: gclose(newton33(0.5, 3)[3], 0.99609375, 1e-5) and Fr("1.875") - Fr("0.87890625") == Fr("0.99609375"))
R(f, 19, r"=(1-x)^{2}", True, lambda: trials(lambda: eq(1 - (2 * (x := RNG.normal()) - x * x), (1 - x) ** 2)))
R(f, 19, r"0.5 \rightarrow 0.25 \rightarrow 0.0625 \rightarrow 0.00390625", True,
  lambda: gclose([1 - x for x in newton33(0.5, 3)], [0.5, 0.25, 0.0625, 0.00390625], 1e-5))
R(f, 23, r"\nabla f=A x-b, \quad \nabla^{2} f=A", True,
  lambda: trials(lambda: gclose(ngrad(fq33, x := RNG.normal(size=2)), A33 @ x - b33) and gclose(nhess(fq33, x), A33, 1e-4)))
R(f, 27, r"A^{-1}=\frac{1}{5}\begin{pmatrix}3 & -1 \\ -1 & 2\end{pmatrix}", True, lambda: eq(np.linalg.inv(A33), np.array([[3, -1], [-1, 2]]) / 5))
R(f, 27, r"=\begin{pmatrix}0.2 \\ 0.6\end{pmatrix}", True, lambda: gclose(x1_33(), [0.2, 0.6], 1e-4))
R(f, 29, r"=\begin{pmatrix}1 \\ 2\end{pmatrix}=b", True, lambda: eq(A33 @ np.array([0.2, 0.6]), b33))
R(f, 29, r"exact minimum after one step", True, lambda: gclose(ngrad(fq33, np.array([0.2, 0.6])), [0, 0]))

# ====================================================================== 34
f = "34_hessian_quadratic_form.md"
B34 = np.array([[1, 2], [0, 3.0]])
fB34 = lambda x: float(x @ B34 @ x)
x34 = np.array([1, -1.0])


def c34_grad():
    B, x = RNG.normal(size=(4, 4)), RNG.normal(size=4)
    return gclose((B + B.T) @ x, ngrad(lambda v: float(v @ B @ v), x))


def c34_index():
    B, x = RNG.normal(size=(4, 4)), RNG.normal(size=4)
    comp = np.array([sum(B[k, j] * x[j] for j in range(4)) + sum(x[i] * B[i, k] for i in range(4)) for k in range(4)])
    return gclose(comp, ngrad(lambda v: float(v @ B @ v), x))


def c34_hess():
    B, x = RNG.normal(size=(3, 3)), RNG.normal(size=3)
    H = nhess(lambda v: float(v @ B @ v), x)
    return gclose(B + B.T, H, 1e-4) and gclose(H, H.T, 1e-4)


def c34_sym():
    A = RNG.normal(size=(3, 3))
    A = A + A.T
    x = RNG.normal(size=3)
    return gclose(2 * A @ x, ngrad(lambda v: float(v @ A @ v), x)) and gclose(2 * A, nhess(lambda v: float(v @ A @ v), x), 1e-4)


def c34_taylor():
    x, h = RNG.normal(size=2), RNG.normal(size=2)
    g, H = ngrad(fB34, x), nhess(fB34, x)
    return gclose(fB34(x + h), fB34(x) + g @ h + 0.5 * h @ H @ h, 1e-4)


R(f, 5, r"$\nabla f(x) = (B + B^\top)\, x$", True, lambda: trials(c34_grad))
R(f, 6, r"= (Bx)_k + (B^\top x)_k$", True, lambda: trials(c34_index))
R(f, 8, r"$\nabla^2 f = B + B^\top$, which is always symmetric", True, lambda: trials(c34_hess))
R(f, 9, r"$x^\top B x = x^\top \tfrac{1}{2}(B + B^\top)\, x$", True,
  lambda: trials(lambda: eq((x := RNG.normal(size=3)) @ (B := RNG.normal(size=(3, 3))) @ x, x @ (0.5 * (B + B.T)) @ x)))
R(f, 11, r"$\nabla f = 2Ax$ and $\nabla^2 f = 2A$", True, lambda: trials(c34_sym))
R(f, 11, r"$\nabla\big(\tfrac{1}{2}x^\top A x\big) = Ax$", True,
  lambda: trials(lambda: gclose((A := (M := RNG.normal(size=(3, 3))) + M.T) @ (x := RNG.normal(size=3)), ngrad(lambda v: float(0.5 * v @ A @ v), x))))
R(f, 13, r"$f(x) = x_1^2 + 2x_1x_2 + 3x_2^2$", True,
  lambda: trials(lambda: eq(fB34(x := RNG.normal(size=2)), x[0] ** 2 + 2 * x[0] * x[1] + 3 * x[1] ** 2)))
R(f, 14, r"\nabla f = 2Bx = \begin{bmatrix} 2x_1 + 4x_2 \\ 6x_2 \end{bmatrix}", False,
  lambda: trials(lambda: gclose(ngrad(fB34, x := RNG.normal(size=2)), [2 * x[0] + 4 * x[1], 6 * x[1]])))
R(f, 15, r"\nabla^2 f = 2B = \begin{bmatrix} 2 & 4 \\ 0 & 6 \end{bmatrix}", False, lambda: gclose(nhess(fB34, x34), [[2, 4], [0, 6]], 1e-4))
R(f, 16, r"$f = 1 - 2 + 3 = 2$", True, lambda: eq(fB34(x34), 2))
R(f, 16, r"$\nabla f = (2 - 4,\ -6) = (-2,\ -6)$", False, lambda: gclose(ngrad(fB34, x34), [-2, -6]))
R(f, 17, r"= 2 - 0.2 = 1.8$", False, lambda: gclose(fB34(x34) + ngrad(fB34, x34) @ np.array([0.1, 0]), 1.8))
R(f, 19, r"\tfrac{1}{2} h^\top \nabla^2 f\, h$", True, lambda: trials(c34_taylor))

# ====================================================================== 35
f = "35_jacobian_elementwise.md"
J35 = lambda phi, x: njac(lambda v: phi(v), np.array(x, dtype=float))

R(f, 5, r"=\phi^{\prime}\left(x_{i}\right) \delta_{i j}", True,
  lambda: trials(lambda: gclose(J35(np.tanh, x := RNG.normal(size=4)), np.diag(1 - np.tanh(x) ** 2))))
R(f, 11, r"$n(n-1)$ of them zero", True,
  lambda: all(int(np.sum(np.abs(J35(np.tanh, RNG.normal(size=n))) < 1e-12)) == n * (n - 1) and J35(np.tanh, np.ones(n)).size == n * n for n in (2, 3, 5)))
R(f, 13, r"=\phi^{\prime}(x) \odot \frac{\partial L}{\partial f}", True,
  lambda: trials(lambda: gclose((1 - np.tanh(x := RNG.normal(size=4)) ** 2) * (u := RNG.normal(size=4)), ngrad(lambda v: float(u @ np.tanh(v)), x))))
R(f, 15, r"\sigma(\ln 3)=\frac{3}{4}", True, lambda: eq(sig(math.log(3)), 0.75) and sig(0.0) == 0.5)
R(f, 17, r"=\operatorname{diag}(0.25,0.1875)", True, lambda: gclose(J35(sig, [0, math.log(3)]), np.diag([0.25, 0.1875])))
R(f, 21, r"\phi^{\prime}(t)=\frac{1}{2} t^{1 / 2}", False,
  lambda: trials(lambda: gclose(ngrad(lambda v: float(np.sqrt(v[0])), [t := RNG.uniform(0.5, 9)])[0], 0.5 * t ** 0.5)))
R(f, 23, r"=\operatorname{diag}(0.5,1,1.5)", False, lambda: gclose(J35(np.sqrt, [1, 4, 9]), np.diag([0.5, 1, 1.5])))
R(f, 27, r"=(0.5,-2,3)", False, lambda: gclose(ngrad(lambda v: float(np.array([1, -2, 2]) @ np.sqrt(v)), np.array([1, 4, 9.0])), [0.5, -2, 3]))
R(f, 29, r"=0.5 \cdot 1 \cdot 1.5=0.75", False, lambda: gclose(np.linalg.det(J35(np.sqrt, [1, 4, 9])), 0.75))

# ====================================================================== 36
f = "36_softmax_jacobian.md"
z36 = np.array([0, math.log(2), math.log(5)])
J36 = lambda z: njac(softmax, np.asarray(z, dtype=float))

R(f, 5, r"\boxed{J = \operatorname{diag}(p) - p\,p^\top}", True,
  lambda: trials(lambda: gclose(J36(z := RNG.normal(size=4)), np.diag(softmax(z)) - np.outer(softmax(z), softmax(z)))))
R(f, 8, r"= p_i - p_i^2$", True, lambda: trials(lambda: gclose(np.diag(J36(z := RNG.normal(size=4))), softmax(z) - softmax(z) ** 2)))
R(f, 9, r"= -p_i p_j$ $\blacksquare$", True,
  lambda: trials(lambda: gclose(J36(z := RNG.normal(size=3))[0, 2], -softmax(z)[0] * softmax(z)[2])))
R(f, 12, r"$J$ is symmetric", True, lambda: trials(lambda: gclose(J36(z := RNG.normal(size=4)), J36(z).T)))
R(f, 13, r"so $J\mathbf{1} = 0$", True, lambda: trials(lambda: gclose(J36(RNG.normal(size=4)) @ np.ones(4), np.zeros(4))))
R(f, 14, r"positive semidefinite with rank $K - 1$", True,
  lambda: trials(lambda: bool(np.all(np.linalg.eigvalsh(J36(z := RNG.normal(size=5))) > -1e-9)) and np.linalg.matrix_rank(J36(z), tol=1e-7) == 4))
R(f, 16, r"p = (1, 2, 5)/8 = (0.125,\ 0.25,\ 0.625)", True, lambda: eq(softmax(z36), [0.125, 0.25, 0.625]))
R(f, 17, r"0.109375 & -0.03125 & -0.078125 \\ -0.03125 & 0.1875 & -0.15625 \\ -0.078125 & -0.15625 & 0.234375", True,
  lambda: gclose(J36(z36), [[0.109375, -0.03125, -0.078125], [-0.03125, 0.1875, -0.15625], [-0.078125, -0.15625, 0.234375]], 1e-7))
R(f, 18, r"J_{00} = 0.125 - 0.125^2 = 0.109375", True, lambda: Fr("0.125") - Fr("0.125") ** 2 == Fr("0.109375") and gclose(J36(z36)[0, 0], 0.109375, 1e-7))
R(f, 18, r"J_{12} = -0.25 \cdot 0.625 = -0.15625", True, lambda: gclose(J36(z36)[1, 2], -0.15625, 1e-7))
R(f, 19, r"-0.078125 - 0.15625 + 0.234375 = 0", True, lambda: Fr("-0.078125") - Fr("0.15625") + Fr("0.234375") == 0)
R(f, 22, r"= J^\top g = p \odot \big(g - (g \cdot p)\,\mathbf{1}\big)", True,
  lambda: trials(lambda: gclose((p := softmax(z := RNG.normal(size=4))) * ((g := RNG.normal(size=4)) - g @ p), ngrad(lambda v: float(g @ softmax(v)), z))))
R(f, 23, r"which is row 0 of $J$", True,
  lambda: eq(softmax(z36) * (np.array([1, 0, 0]) - 0.125), [0.109375, -0.03125, -0.078125]) and gclose(J36(z36)[0], [0.109375, -0.03125, -0.078125], 1e-7))

# ====================================================================== 37
f = "37_logsumexp_gradient.md"
from decimal import Decimal, getcontext

getcontext().prec = 50
lse_np = lambda z: float(np.logaddexp.reduce(np.asarray(z, dtype=float)))
lse_dec = lambda zs: (sum(Decimal(z).exp() for z in zs)).ln()
z37 = [1000, 1001, 1002]


def c37_shift():
    z = RNG.normal(size=4) * 3
    exact = float(lse_dec([float(t) for t in z]))  # 50-digit Decimal, no shift used
    return eq(exact, max(z) + math.log(np.sum(np.exp(z - max(z)))))


def c37_overflow():
    with np.errstate(over="ignore"):
        naive = np.exp(np.float64(1000.0))
    return bool(np.isinf(naive)) and np.finfo(np.float64).max < Decimal(1000).exp()

R(f, 8, r"=\operatorname{softmax}(z)_{j}", True, lambda: trials(lambda: gclose(ngrad(lse_np, z := RNG.normal(size=4) * 3), softmax(z))))
R(f, 16, r"\nabla^{2} \operatorname{LSE}=\operatorname{diag}(p)-p p^{T}", True,
  lambda: trials(lambda: gclose(nhess(lse_np, z := RNG.normal(size=3)), np.diag(softmax(z)) - np.outer(softmax(z), softmax(z)), 1e-4)))
R(f, 20, r"-\left(\sum_{i} p_{i} v_{i}\right)^{2} \geq 0", True,
  lambda: trials(lambda: eq((v := RNG.normal(size=4)) @ (np.diag(p := softmax(RNG.normal(size=4))) - np.outer(p, p)) @ v,
                            np.sum(p * v * v) - np.sum(p * v) ** 2) and np.sum(p * v * v) - np.sum(p * v) ** 2 >= 0))
R(f, 25, r"\leq \max _{i} z_{i}+\log n", True,
  lambda: all(max(z) <= lse_np(z) <= max(z) + math.log(len(z)) for z in [RNG.normal(size=n) * 4 for n in (1, 2, 5, 9) for _ in range(20)]))
R(f, 29, r"\operatorname{LSE}(z)=c+\log \sum_{i} e^{z_{i}-c}", True,
  lambda: trials(c37_shift))
R(f, 31, r"naive $e^{1000}$ overflows in float64", True, c37_overflow)
R(f, 33, r"\log (1.5032) \approx 1002.4076", True,
  lambda: r2(math.exp(-2) + math.exp(-1) + 1, "1.5032") and r2(float(lse_dec(z37)), "1002.4076"))
R(f, 35, r"\approx(0.0900,0.2447,0.6652)", True, lambda: rv(ngrad(lse_np, z37), "0.0900,0.2447,0.6652"))
R(f, 37, r"1002+\log 3 \approx 1003.0986", True, lambda: r2(1002 + math.log(3), "1003.0986") and 1002 <= float(lse_dec(z37)) <= 1002 + math.log(3))

# ====================================================================== 38
f = "38_weight_tying_gradient.md"
E38 = np.array([[1, 0], [0, 1], [1, 1.0]])
h38 = np.array([1, 2.0])
d38 = np.array([0.5, -0.5])
ce38 = lambda E, h, y: float(-np.log(softmax(E @ h)[y]))
L38 = lambda E: ce38(E, h38, 2) + float(d38 @ E[0])


def c38_out():
    V, d = 5, 3
    E, h, y = RNG.normal(size=(V, d)), RNG.normal(size=d), int(RNG.integers(V))
    return gclose(np.outer(softmax(E @ h) - np.eye(V)[y], h), ngrad(lambda E_: ce38(E_, h, y), E))


def c38_in():
    V, d = 5, 3
    E, dl, i = RNG.normal(size=(V, d)), RNG.normal(size=d), int(RNG.integers(V))
    return gclose(np.outer(np.eye(V)[i], dl), ngrad(lambda E_: float(dl @ E_[i]), E))


def c38_total():
    V, d = 5, 3
    E, h, y, dl, i = RNG.normal(size=(V, d)), RNG.normal(size=d), int(RNG.integers(V)), RNG.normal(size=d), int(RNG.integers(V))
    claimed = 0.5 * (np.outer(softmax(E @ h) - np.eye(V)[y], h) + np.outer(np.eye(V)[i], dl))
    return gclose(claimed, ngrad(lambda E_: ce38(E_, h, y) + float(dl @ E_[i]), E))


R(f, 8, r"= (p - \mathbf{e}_y)\, h^\top \qquad (V \times d)", True, lambda: trials(c38_out))
R(f, 10, r"= \mathbf{e}_i\, \delta^\top \qquad (V \times d)", True, lambda: trials(c38_in))
R(f, 12, r"\boxed{\frac{\partial L}{\partial E} = \tfrac{1}{2}\left(", False, lambda: trials(c38_total))
R(f, 15, r"$z = Eh = (1, 2, 3)$", True, lambda: eq(E38 @ h38, [1, 2, 3]))
R(f, 15, r"$p \approx (0.0900,\ 0.2447,\ 0.6652)$", True, lambda: rv(softmax(E38 @ h38), "0.0900,0.2447,0.6652"))
R(f, 15, r"p - \mathbf{e}_y \approx (0.0900,\ 0.2447,\ -0.3348)", True, lambda: rv(ngrad(lambda z: float(-np.log(softmax(z)[2])), [1, 2, 3.0]), "0.0900,0.2447,-0.3348"))
R(f, 16, r"0.0900 & 0.1801 \\ 0.2447 & 0.4895 \\ -0.3348 & -0.6695", True,
  lambda: rv(ngrad(lambda E_: ce38(E_, h38, 2), E38), "0.0900,0.1801,0.2447,0.4895,-0.3348,-0.6695"))
R(f, 18, r"0.2950 & -0.1600 \\ 0.1224 & 0.2447 \\ -0.1674 & -0.3348", False,
  lambda: rv(ngrad(L38, E38), "0.2950,-0.1600,0.1224,0.2447,-0.1674,-0.3348"))
R(f, 20, r"saves $16\,384\,000$ parameters", True, lambda: 32000 * 512 == 16_384_000)

# ====================================================================== 39
f = "39_residual_gradient.md"


def _blk39(n=4):
    W1, W2 = RNG.normal(size=(n, n)), RNG.normal(size=(n, n))
    Fn = lambda x: W2 @ np.tanh(W1 @ x)
    return Fn, RNG.normal(size=n)


def c39_jac():
    Fn, x = _blk39()
    return gclose(njac(lambda v: v + Fn(v), x), np.eye(4) + njac(Fn, x))


def c39_vjp():
    Fn, x = _blk39()
    u = RNG.normal(size=4)
    return gclose(ngrad(lambda v: float(u @ (v + Fn(v))), x), u + njac(Fn, x).T @ u)


def c39_expand():
    Js = [RNG.normal(size=(3, 3)) for _ in range(4)]
    def gap(eps):
        P = np.eye(3)
        for J in Js:
            P = P @ (np.eye(3) + eps * J)
        return np.abs(P - (np.eye(3) + eps * sum(Js))).max()
    return 80 < gap(1e-3) / gap(1e-4) < 120  # remainder is second order in the J's


def chain39(step, n=10):
    def run(t):
        x = t[0]
        for _ in range(n):
            x = step(x)
        return x
    return ngrad(run, [0.3], 1e-5)[0]


R(f, 5, r"=I+\frac{\partial F}{\partial x}=I+J_{F}$$", True, lambda: trials(c39_jac))
R(f, 7, r"=\frac{\partial L}{\partial y}+J_{F}^{T} \frac{\partial L}{\partial y}$$", True, lambda: trials(c39_vjp))
R(f, 11, r"I+\sum_{l} J_{l}+\ldots", True, c39_expand)
R(f, 15, r"y=1+\tanh (0.5) \approx 1.4621", True, lambda: r2(1 + math.tanh(0.5), "1.4621"))
R(f, 17, r"=1+0.5(1-0.2136) \approx 1.3932", True,
  lambda: r2(math.tanh(0.5) ** 2, "0.2136") and r2(ngrad(lambda t: t[0] + math.tanh(0.5 * t[0]), [1.0])[0], "1.3932"))
R(f, 19, r"=2 \times 1.3932 \approx 2.7864", True, lambda: r2(ngrad(lambda t: 2 * (t[0] + math.tanh(0.5 * t[0])), [1.0])[0], "2.7864"))
R(f, 23, r"0.1^{10}=10^{-10}", True, lambda: Fr(1, 10) ** 10 == Fr(1, 10 ** 10) and gclose(chain39(lambda x: 0.1 * x) * 1e10, 1.0, 1e-4))
R(f, 23, r"(1+0.1)^{10} \approx 2.5937", True, lambda: r2(chain39(lambda x: x + 0.1 * x), "2.5937"))

# ====================================================================== 40
f = "40_parameter_count_mlp_cnn.md"
dense40 = lambda a, b: np.zeros((a, b)).size + np.zeros(b).size
conv40 = lambda K, ci, co: np.zeros((co, ci, K, K)).size + np.zeros(co).size
mlp40 = lambda: dense40(784, 256) + dense40(256, 128) + dense40(128, 10)
s1_40 = lambda: out_brute(28, 3, 1, 1)
p1_40 = lambda: out_brute(s1_40(), 2, 0, 2)
s2_40 = lambda: out_brute(p1_40(), 3, 1, 1)
p2_40 = lambda: out_brute(s2_40(), 2, 0, 2)
cnn40 = lambda: conv40(3, 1, 32) + conv40(3, 32, 64) + dense40(p2_40() ** 2 * 64, 10)

R(f, 12, r"| dense 1 | $784 \cdot 256 + 256$ | $200\,960$ |", True, lambda: dense40(784, 256) == 200960)
R(f, 13, r"| dense 2 | $256 \cdot 128 + 128$ | $32\,896$ |", True, lambda: dense40(256, 128) == 32896)
R(f, 14, r"| dense 3 | $128 \cdot 10 + 10$ | $1\,290$ |", True, lambda: dense40(128, 10) == 1290)
R(f, 15, r"\boxed{235\,146}", True, lambda: mlp40() == 235146)
R(f, 18, r"$(9 \cdot 1 + 1) \cdot 32 = 320$", True, lambda: conv40(3, 1, 32) == 320)
R(f, 18, r"output $28 \times 28 \times 32$", True, lambda: s1_40() == 28)
R(f, 19, r"max-pool $2 \times 2$: $14 \times 14 \times 32$", True, lambda: p1_40() == 14)
R(f, 20, r"= 289 \cdot 64 = 18\,496$", True, lambda: conv40(3, 32, 64) == 18496 == 289 * 64)
R(f, 20, r"output $14 \times 14 \times 64$", True, lambda: s2_40() == 14)
R(f, 21, r"$7 \times 7 \times 64$, flattened to $3136$", True, lambda: p2_40() == 7 and p2_40() ** 2 * 64 == 3136)
R(f, 22, r"$3136 \cdot 10 + 10 = 31\,370$", True, lambda: dense40(3136, 10) == 31370)
R(f, 24, r"\boxed{50\,186}", True, lambda: cnn40() == 50186)
R(f, 26, r"235\,146 / 50\,186 \approx 4.69", True, lambda: r2(mlp40() / cnn40(), "4.69"))
R(f, 26, r"about $4.7\times$ fewer", True, lambda: r2(mlp40() / cnn40(), "4.7"))
R(f, 26, r"$62.5\%$ of them", True, lambda: r2(100 * dense40(3136, 10) / cnn40(), "62.5"))

# ====================================================================== RUNNER


def main():
    with open(os.path.join(HERE, "expected.json"), encoding="utf-8") as fh:
        expected = json.load(fh)
    md_files = sorted(n for n in os.listdir(HERE) if n.endswith(".md") and n != "README.md")
    problems = []
    cache = {}
    first_false = {}
    counts = {}
    last_line = {}
    for file, line, snip, truth, check in RECORDS:
        if file not in cache:
            with open(os.path.join(HERE, file), encoding="utf-8") as fh:
                cache[file] = fh.read().splitlines()
        lines = cache[file]
        counts[file] = counts.get(file, 0) + 1
        if line < last_line.get(file, 0):
            problems.append(f"{file}:{line}: records not in file order")
        last_line[file] = line
        if not (1 <= line <= len(lines)) or snip not in lines[line - 1]:
            problems.append(f"{file}:{line}: snippet not found on that line: {snip!r}")
            continue
        try:
            result = bool(check())
        except Exception as exc:  # a crashing check is a problem, never a silent False
            problems.append(f"{file}:{line}: check raised {type(exc).__name__}: {exc}")
            continue
        if result != truth:
            problems.append(f"{file}:{line}: claim evaluated {result}, recorded truth {truth}: {snip!r}")
        if not result:
            first_false[file] = min(first_false.get(file, line), line)
    if sorted(expected) != md_files:
        problems.append("expected.json keys differ from the Markdown files in the folder")
    n_planted = n_correct = 0
    for name in md_files:
        if name not in counts:
            problems.append(f"{name}: no truth records")
        obs = first_false.get(name)
        exp = expected.get(name, "missing")
        if exp is None:
            n_correct += 1
        else:
            n_planted += 1
        status = "ok" if obs == exp else "DISAGREE"
        if obs != exp:
            problems.append(f"{name}: observed first wrong line {obs}, expected.json says {exp}")
        print(f"{status:8s} {name:40s} records={counts.get(name, 0):3d} first_wrong observed={obs} expected={exp}")
    print()
    print(f"records: {len(RECORDS)}  files: {len(md_files)}  planted: {n_planted}  correct: {n_correct}")
    if problems:
        print(f"{len(problems)} problem(s):")
        for p in problems:
            print("  -", p)
        sys.exit(1)
    print("all records agree with their recorded truth, and every file's first false record matches expected.json")


if __name__ == "__main__":
    main()
