#!/usr/bin/env python3
"""Independent NumPy-only truth check for corpus42.

For each file: a list of (substring, predicate).  Each substring must match
exactly one line; the predicate says whether the mathematics on that line is
really true.  Every line containing '$' and every numeric table row must be
covered.  The first false line per file is compared with expected.json.
"""
import json
import os
import re
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(12345)


# ---------------------------------------------------------------- helpers
def GIVEN():
    return True


_SHOWN = []   # every printed number a predicate compares; audited against the line text


def ap(shown, true):
    _SHOWN.append(str(shown).strip())
    """shown (a string as printed) agrees with true value at its precision
    (1.5 units in the last shown digit, to allow rounding of rounded inputs)."""
    s = str(shown).strip()
    if "." in s:
        dp = len(s.split(".")[1])
        tol = 1.5 * 10.0 ** (-dp)
    else:
        tol = 1e-9
    return abs(float(s) - float(true)) <= tol + 1e-12


def apv(shown_list, true_arr):
    true_arr = np.asarray(true_arr, dtype=float).ravel()
    return len(shown_list) == true_arr.size and all(
        ap(s, t) for s, t in zip(shown_list, true_arr))


def close(a, b, rtol=1e-5, atol=1e-7):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return a.shape == b.shape and np.allclose(a, b, rtol=rtol, atol=atol)


def d1(f, x, h=1e-6):
    """central difference derivative of scalar function (elementwise ok)"""
    return (f(x + h) - f(x - h)) / (2 * h)


def grad(f, x, h=1e-6):
    """numerical gradient of scalar f w.r.t. array x"""
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        xp = x.copy(); xp[i] += h
        xm = x.copy(); xm[i] -= h
        g[i] = (f(xp) - f(xm)) / (2 * h)
    return g


def jac(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    y0 = np.asarray(f(x))
    J = np.zeros((y0.size, x.size))
    for k in range(x.size):
        xp = x.copy(); xp.flat[k] += h
        xm = x.copy(); xm.flat[k] -= h
        J[:, k] = (np.asarray(f(xp)).ravel() - np.asarray(f(xm)).ravel()) / (2 * h)
    return J


def sig(x):
    return 1.0 / (1.0 + np.exp(-x))


def softmax(u):
    e = np.exp(u - np.max(u))
    return e / e.sum()


def all_(*conds):
    return all(bool(c) for c in conds)


CHECKS = {}

# ======================================================= 01 sigmoide (pt)
X01 = rng.uniform(-4, 4, 25)
dsig = lambda x: d1(sig, x)
dtanh = lambda x: d1(np.tanh, x)
E = np.exp(-X01)
CHECKS["01_derivada_sigmoide.md"] = [
    ("Exercício 2 da lista 3", lambda: close(dsig(X01), sig(X01) * (1 - sig(X01)))),
    (r"= (1+e^{-x})^{-1}$$", lambda: close(sig(X01), (1 + E) ** -1)),
    (r"\sigma'(x) = -(1+e^{-x})^{-2}", lambda: all_(
        close(dsig(X01), -(1 + E) ** -2 * (-E)), close(dsig(X01), E / (1 + E) ** 2))),
    (r"\frac{1}{1+e^{-x}} \cdot \frac{e^{-x}}{1+e^{-x}}$$", lambda: close(
        E / (1 + E) ** 2, 1 / (1 + E) * E / (1 + E))),
    ("e perceber que", lambda: all_(close(E / (1 + E), (1 + E - 1) / (1 + E)),
                                    close(E / (1 + E), 1 - sig(X01)))),
    (r"$$\sigma'(x) = \sigma(x)\,\big(1-\sigma(x)\big)$$",
     lambda: close(dsig(X01), sig(X01) * (1 - sig(X01)))),
    ("Pra tanh, uso a identidade", lambda: close(np.tanh(X01), 2 * sig(2 * X01) - 1)),
    (r"\tanh'(x) = 2 \cdot \sigma'(2x) \cdot 2", lambda: all_(
        close(dtanh(X01), 2 * dsig(2 * X01) * 2),
        close(dtanh(X01), 4 * sig(2 * X01) * (1 - sig(2 * X01))))),
    (r"Como $\sigma(2x) =", lambda: all_(
        close(sig(2 * X01), (1 + np.tanh(X01)) / 2),
        close(1 - sig(2 * X01), (1 - np.tanh(X01)) / 2))),
    (r"\tanh'(x) = 4 \cdot \frac{(1+\tanh x)", lambda: all_(
        close(dtanh(X01), 4 * (1 + np.tanh(X01)) * (1 - np.tanh(X01)) / 4),
        close(dtanh(X01), 1 - np.tanh(X01) ** 2))),
    ("Conferindo com números", lambda: all_(
        sig(0.0) == 0.5, ap("0.25", dsig(0.0)), ap("1", round(dtanh(0.0), 8)),
        ap("0.7311", sig(1.0)), ap("0.2689", 1 - sig(1.0)),
        ap("0.1966", 0.7311 * 0.2689), ap("0.1966", dsig(1.0)))),
    ("Do mesmo jeito", lambda: all_(
        ap("0.7616", np.tanh(1.0)), ap("0.5800", 0.7616 ** 2),
        ap("0.4200", 1 - 0.5800), ap("0.4200", dtanh(1.0)))),
    ("Observação: o máximo", lambda: (lambda g: all_(
        ap("0.25", dsig(g).max()), abs(g[np.argmax(dsig(g))]) < 1e-3,
        ap("1", round(dtanh(g).max(), 6))))(np.linspace(-6, 6, 12001))),
]

# ======================================================= 02 softmax temperature
Z02 = np.array([2.0, 1.0, 0.1]); T02 = 2.0; Y02 = np.array([1.0, 0, 0])
def L02(z, T=T02, y=Y02):
    return -np.sum(y * np.log(softmax(z / T)))
def _c02_dLdu():
    u = rng.normal(size=5); y = np.eye(5)[2]; p = softmax(u)
    g = grad(lambda uu: -np.sum(y * np.log(softmax(uu))), u)
    form1 = np.array([-np.sum(y * ((np.arange(5) == j) - p[j])) for j in range(5)])
    return close(g, form1) and close(g, p - y)
def _c02_logp():
    u = rng.normal(size=4); p = softmax(u)
    J = jac(lambda uu: np.log(softmax(uu)), u)
    return close(J, np.eye(4) - p[None, :])
def _c02_T_jac():
    T = rng.uniform(0.5, 3.0); z = rng.normal(size=4)
    while abs(T - 1) < 0.2:
        T = rng.uniform(0.5, 3.0)
    return close(jac(lambda zz: zz / T, z), T * np.eye(4))
def _c02_grad():
    T = rng.uniform(1.5, 3.0); z = rng.normal(size=4); y = np.eye(4)[1]
    p = softmax(z / T)
    return close(grad(lambda zz: L02(zz, T, y), z), T * (p - y))
P02 = softmax(Z02 / T02)
G02 = grad(L02, Z02)
CHECKS["02_softmax_temperature.md"] = [
    ("Take logits $z", GIVEN),
    (r"$$p_i = \frac{e^{u_i}}", lambda: close(softmax(Z02 / T02), np.exp(Z02 / T02) / np.exp(Z02 / T02).sum())),
    ("With a one-hot target", GIVEN),
    ("In terms of $u$ this", _c02_logp),
    (r"\frac{\partial L}{\partial u_j} = -\sum_i", _c02_dLdu),
    (r"The map $z \mapsto u$", lambda: (lambda J: np.allclose(J - np.diag(np.diag(J)), 0))(
        jac(lambda zz: zz / 1.7, rng.normal(size=4)))),
    (r"\frac{\partial u_j}{\partial z_i} = T\,\delta_{ij}", _c02_T_jac),
    (r"= T\,(p_i - y_i)$$", _c02_grad),
    ("**Plugging in numbers.**", GIVEN),
    ("scaled logits:", lambda: close(Z02 / T02, [1.0, 0.5, 0.05])),
    ("exponentials:", lambda: apv(["2.7183", "1.6487", "1.0513"], np.exp(Z02 / T02))
        and ap("5.4183", np.exp(Z02 / T02).sum())),
    ("probabilities:", lambda: apv(["0.5017", "0.3043", "0.1940"], P02)),
    ("loss: $L = -\\log 0.5017", lambda: ap("0.6898", -np.log(0.5017)) and ap("0.6898", L02(Z02))),
    (r"gradient: $\nabla_z L", lambda: apv(["-0.9966", "0.6086", "0.3880"], G02)),
    ("Sanity check: the components", lambda: all_(
        ap("0", round(-0.9966 + 0.6086 + 0.3880, 10)), abs(G02.sum()) < 1e-8,
        close(softmax(Z02 + 3.7), softmax(Z02)))),
]

# ======================================================= 03 BCE with logits
def bce(z, y):
    s = sig(z)
    return -(y * np.log(s) + (1 - y) * np.log(1 - s))
Z03 = rng.uniform(-5, 5, 20)
def _c03_all_y(fn):
    return all(fn(y) for y in (0.0, 1.0))
CHECKS["03_bce_with_logits.md"] = [
    ("Most tutorials apply", GIVEN),
    (r"$$L(z) = -\big[y \log", GIVEN),
    ("Two facts we need", lambda: all_(
        close(np.log(sig(Z03)), -np.log(1 + np.exp(-Z03))),
        close(np.log(1 - sig(Z03)), -Z03 - np.log(1 + np.exp(-Z03))))),
    (r"$$L(z) = (1-y)\,z + \log(1+e^{-z})$$", lambda: _c03_all_y(
        lambda y: close(bce(Z03, y), (1 - y) * Z03 + np.log(1 + np.exp(-Z03))))),
    (r"The derivative of $\log(1+e^{-z})$", lambda: all_(
        close(d1(lambda z: np.log(1 + np.exp(-z)), Z03), -np.exp(-Z03) / (1 + np.exp(-Z03))),
        close(-np.exp(-Z03) / (1 + np.exp(-Z03)), -(1 - sig(Z03))))),
    (r"\frac{dL}{dz} = (1-y) - (1-\sigma(z))", lambda: _c03_all_y(lambda y: all_(
        close(d1(lambda z: bce(z, y), Z03), (1 - y) - (1 - sig(Z03))),
        close(d1(lambda z: bce(z, y), Z03), sig(Z03) - y)))),
    ("Prediction minus label", lambda: _c03_all_y(lambda y: (lambda yh: all_(
        close(d1(lambda q: -(y * np.log(q) + (1 - y) * np.log(1 - q)), yh), (yh - y) / (yh * (1 - yh))),
        close((yh - y) / (yh * (1 - yh)) * yh * (1 - yh), sig(Z03) - y)))(sig(Z03)))),
    (r"L(z) = \max(z, 0) - z\,y", lambda: _c03_all_y(
        lambda y: close(bce(Z03, y), np.maximum(Z03, 0) - Z03 * y + np.log(1 + np.exp(-np.abs(Z03)))))),
    ("**Worked example.**", GIVEN),
    (r"\hat y = \sigma(-1.5)", lambda: ap("0.1824", sig(-1.5))),
    (r"L = 0 + 1.5 + \log", lambda: all_(
        max(-1.5, 0) == 0, -(-1.5) * 1 == 1.5, ap("0.2014", np.log(1 + np.exp(-1.5))),
        ap("1.7014", 1.5 + 0.2014), ap("1.7014", bce(-1.5, 1.0)))),
    (r"\frac{dL}{dz} = 0.1824 - 1", lambda: ap("-0.8176", 0.1824 - 1) and ap("-0.8176", d1(lambda z: bce(z, 1.0), -1.5))),
    ("The gradient is negative", lambda: (lambda g: g < 0 and (-1.5 - 0.1 * g) > -1.5)(d1(lambda z: bce(z, 1.0), -1.5))),
    ("With a batch of $m$", lambda: (lambda z, y: close(
        grad(lambda zz: np.mean(bce(zz, y)), z), (sig(z) - y) / len(z)))(
        rng.normal(size=6), (rng.random(6) < 0.5).astype(float))),
]

# ======================================================= 04 MSE matrix (ru)
def _rand04():
    m, n = 7, 3
    X = np.c_[np.ones(m), rng.normal(size=(m, n - 1))]
    return X, rng.normal(size=m), rng.normal(size=n), m
def J04(w, X, y):
    r = X @ w - y
    return r @ r / (2 * len(y))
def _c04_forms():
    X, y, w, m = _rand04()
    r = X @ w - y
    return np.isclose(np.linalg.norm(r) ** 2 / (2 * m), (r @ r) / (2 * m))
def _c04_scalar():
    X, y, w, m = _rand04()
    return np.isclose(y @ X @ w, w @ X.T @ y)
def _c04_expand():
    X, y, w, m = _rand04()
    return np.isclose(J04(w, X, y), (w @ X.T @ X @ w - 2 * w @ X.T @ y + y @ y) / (2 * m))
def _c04_rules():
    A = rng.normal(size=(3, 3)); A = A + A.T; b = rng.normal(size=3); w = rng.normal(size=3)
    X, y, _, _ = _rand04()
    return all_(close(grad(lambda v: v @ A @ v, w), 2 * A @ w), close(grad(lambda v: v @ b, w), b),
                close(X.T @ X, (X.T @ X).T))
def _c04_grad():
    X, y, w, m = _rand04()
    g = grad(lambda v: J04(v, X, y), w)
    return all_(close(g, (2 * X.T @ X @ w - 2 * X.T @ y) / (2 * m)), close(g, X.T @ (X @ w - y) / m))
def _c04_shapes():
    X, y, w, m = _rand04()
    return X.T.shape == (3, m) and (X @ w - y).reshape(-1, 1).shape == (m, 1) and \
        (X.T @ (X @ w - y).reshape(-1, 1)).shape == (3, 1) == w.reshape(-1, 1).shape
def _c04_normal():
    X, y, _, m = _rand04()
    ws = np.linalg.inv(X.T @ X) @ X.T @ y
    return close(grad(lambda v: J04(v, X, y), ws), np.zeros(3), atol=1e-6) and close(X.T @ X @ ws, X.T @ y)
X4 = np.array([[1.0, 1], [1, 2], [1, 3]]); Y4 = np.array([1.0, 2, 2]); M4 = 3
G4 = X4.T @ (X4 @ np.zeros(2) - Y4) / M4
W4_1 = np.zeros(2) - 0.1 * G4
CHECKS["04_mnk_gradient.md"] = [
    ("Конспект к семинару", GIVEN),
    (r"J(w) = \frac{1}{2m}\,\|Xw - y\|^2", _c04_forms),
    ("Раскрываем скобки", _c04_scalar),
    (r"$$J(w) = \frac{1}{2m}\left(w^T X^T X w", _c04_expand),
    ("Дальше два стандартных правила", _c04_rules),
    (r"\nabla_w J = \frac{1}{2m}\left(2X^TXw", _c04_grad),
    ("Размерности сходятся", _c04_shapes),
    ("Приравнивая градиент к нулю", _c04_normal),
    ("**Пример.**", GIVEN),
    (r"$$X^TX = \begin{pmatrix}3 & 6", lambda: close(X4.T @ X4, [[3, 6], [6, 14]]) and close(X4.T @ Y4, [5, 11])),
    ("Определитель", lambda: 3 * 14 - 6 * 6 == 6 and np.isclose(np.linalg.det(X4.T @ X4), 6)),
    (r"$$w^* = \frac{1}{6}", lambda: all_(
        close(np.array([[14, -6], [-6, 3]]) @ np.array([5, 11]), [4, 3]),
        close(np.linalg.solve(X4.T @ X4, X4.T @ Y4), np.array([4, 3]) / 6),
        apv(["0.6667", "0.5"], np.array([4, 3]) / 6))),
    ("Теперь один шаг градиентного спуска", lambda: close(X4 @ np.zeros(2) - Y4, -Y4)),
    (r"\nabla_w J(w_0) = -X^Ty", lambda: close(G4, [-5, -11]) and close(grad(lambda v: J04(v, X4, Y4), np.zeros(2)), [-5, -11])),
    (r"w_1 = w_0 - \alpha\,\nabla_w J(w_0)", lambda: close(W4_1, [0.5, 1.1])),
    ("Проверим, что потеря уменьшилась", lambda: all_(
        np.isclose(J04(np.zeros(2), X4, Y4), 1.5), (1 + 4 + 4) / 6 == 1.5,
        close(X4 @ W4_1, [1.6, 2.7, 3.8]), close(X4 @ W4_1 - Y4, [0.6, 0.7, 1.8]),
        ap("0.6817", J04(W4_1, X4, Y4)))),
]

# ======================================================= 05 two-layer backward
NX, NH, M5 = 3, 4, 5
X5 = rng.normal(size=(NX, M5)); Y5 = (rng.random((1, M5)) < 0.5).astype(float)
W1 = rng.normal(size=(NH, NX)); b1 = rng.normal(size=(NH, 1))
W2 = rng.normal(size=(1, NH)); b2 = rng.normal(size=(1, 1))
def cost_from_Z2(Z2):
    A2 = sig(Z2)
    return -np.mean(Y5 * np.log(A2) + (1 - Y5) * np.log(1 - A2))
def cost_from_A1(A1, W2=W2, b2=b2):
    return cost_from_Z2(W2 @ A1 + b2)
def cost_from_Z1(Z1):
    return cost_from_A1(np.tanh(Z1))
def cost(W1=W1, b1=b1, W2=W2, b2=b2):
    return cost_from_A1(np.tanh(W1 @ X5 + b1), W2, b2)
Z1 = W1 @ X5 + b1; A1 = np.tanh(Z1); Z2 = W2 @ A1 + b2; A2 = sig(Z2)
dZ2_true = M5 * grad(cost_from_Z2, Z2)
dA1_true = M5 * grad(cost_from_A1, A1)
dZ1_true = M5 * grad(cost_from_Z1, Z1)
gW1 = grad(lambda w: cost(W1=w), W1); gb1 = grad(lambda b: cost(b1=b), b1)
gW2 = grad(lambda w: cost(W2=w), W2); gb2 = grad(lambda b: cost(b2=b), b2)
dZ2 = A2 - Y5
dA1 = W2.T @ dZ2
CHECKS["05_two_layer_backward.md"] = [
    ("Setup: $n_x$", GIVEN),
    (r"$$Z^{[1]} = W^{[1]}X + b^{[1]}", GIVEN),
    (r"$$Z^{[2]} = W^{[2]}A^{[1]} + b^{[2]}", GIVEN),
    (r"with $W^{[1]}: (n_h, n_x)$", lambda: Z1.shape == (NH, M5) and Z2.shape == (1, M5)),
    (r"$$J = -\frac{1}{m}\sum", GIVEN),
    ("Backward, output layer first", GIVEN),
    (r"$$dZ^{[2]} = A^{[2]} - Y", lambda: close(dZ2, dZ2_true) and dZ2.shape == (1, M5)),
    (r"$$dW^{[2]} = \frac{1}{m}", lambda: close(dZ2 @ A1.T / M5, gW2) and (dZ2 @ A1.T).shape == (1, NH)),
    (r"$$db^{[2]} = \frac{1}{m}", lambda: close(dZ2.sum(axis=1, keepdims=True) / M5, gb2) and gb2.shape == (1, 1)),
    ("Now into the hidden layer", GIVEN),
    (r"$$dA^{[1]} = W^{[2]T} dZ^{[2]}", lambda: close(dA1, dA1_true) and W2.T.shape == (NH, 1) and dA1.shape == (NH, M5)),
    (r"$$dZ^{[1]} = dA^{[1]} \odot", lambda: close(dA1 * A1 * (1 - A1), dZ1_true)),
    (r"$$dW^{[1]} = \frac{1}{m}", lambda: close(dZ1_true @ X5.T / M5, gW1) and gW1.shape == (NH, NX)),
    (r"$$db^{[1]} = \frac{1}{m}", lambda: close(dZ1_true.sum(axis=1, keepdims=True) / M5, gb1) and gb1.shape == (NH, 1)),
    ("    dZ2 = A2 - Y", lambda: close(A2 - Y5, dZ2_true)),
    ("    dW2 = (1 / m)", lambda: close((1 / M5) * dZ2 @ A1.T, gW2)),
    ("    db2 = (1 / m)", lambda: close((1 / M5) * np.sum(dZ2, axis=1, keepdims=True), gb2)),
    ("    dZ1 = (W2.T @ dZ2)", lambda: close((W2.T @ dZ2) * A1 * (1 - A1), dZ1_true)),
    ("    dW1 = (1 / m)", lambda: close((1 / M5) * dZ1_true @ X5.T, gW1)),
    ("    db1 = (1 / m)", lambda: close((1 / M5) * np.sum(dZ1_true, axis=1, keepdims=True), gb1)),
]

# ======================================================= 06 micrograd scalar graph
x6, w6, b6, t6 = 1.5, -0.8, 0.4, 0.5
def L6(x=x6, w=w6, b=b6):
    return (np.tanh(x * w + b) - t6) ** 2
n6 = x6 * w6 + b6; o6 = np.tanh(n6)
dLdo = d1(lambda o: (o - t6) ** 2, o6)
dodn = d1(np.tanh, n6)
dLdn = d1(lambda n: (np.tanh(n) - t6) ** 2, n6)
dLdb = d1(lambda b: L6(b=b), b6); dLdw = d1(lambda w: L6(w=w), w6); dLdx = d1(lambda x: L6(x=x), x6)
CHECKS["06_micrograd_by_hand.md"] = [
    (r"$$n = x w + b, \qquad o", GIVEN),
    ("with $x = 1.5$", GIVEN),
    (r"$$n = 1.5 \cdot (-0.8) + 0.4 = -0.8$$", lambda: np.isclose(1.5 * -0.8 + 0.4, -0.8) and np.isclose(n6, -0.8)),
    (r"$$o = \tanh(-0.8) \approx -0.6640$$", lambda: ap("-0.6640", o6)),
    (r"$$L = (-0.6640 - 0.5)^2", lambda: all_(np.isclose(-0.6640 - 0.5, -1.1640), ap("1.3550", 1.1640 ** 2), ap("1.3550", L6()))),
    (r"\frac{\partial L}{\partial o} = 2(o - t)", lambda: all_(np.isclose(dLdo, 2 * (o6 - t6)), np.isclose(2 * -1.1640, -2.3280), ap("-2.3280", dLdo))),
    (r"\frac{\partial o}{\partial n} = 1 - o^2", lambda: all_(np.isclose(dodn, 1 - o6 ** 2), ap("0.4409", 0.6640 ** 2),
                                                          np.isclose(1 - 0.4409, 0.5591), ap("0.5591", dodn))),
    (r"\frac{\partial L}{\partial n} = \frac{\partial L}{\partial o}", lambda: all_(
        np.isclose(dLdn, dLdo * dodn, rtol=1e-6), ap("-1.3106", -2.3280 * 0.5591), ap("-1.3106", dLdn))),
    (r"\frac{\partial L}{\partial b} = \frac{\partial L}{\partial n} =", lambda: np.isclose(dLdb, dLdn) and ap("-1.3106", dLdb)),
    (r"\frac{\partial L}{\partial w} = \frac{\partial L}{\partial n}\cdot x", lambda: all_(
        np.isclose(dLdw, dLdn * x6), ap("-1.9659", -1.3106 * 1.5), ap("-1.9659", dLdw))),
    (r"\frac{\partial L}{\partial x} = \frac{\partial L}{\partial n}\cdot w", lambda: all_(
        np.isclose(dLdx, dLdn * w6), ap("1.0485", -1.3106 * -0.8), ap("1.0485", dLdx))),
    ("| x | 1.5 |", lambda: ap("1.5", x6) and ap("1.0485", dLdx)),
    ("| w | -0.8 |", lambda: ap("-0.8", w6) and ap("-1.9659", dLdw)),
    ("| b | 0.4 |", lambda: ap("0.4", b6) and ap("-1.3106", dLdb)),
    ("| n | -0.8 |", lambda: ap("-0.8", n6) and ap("-1.3106", dLdn)),
    ("| o | -0.6640 |", lambda: ap("-0.6640", o6) and ap("-2.3280", dLdo)),
    ("| L | 1.3550 |", lambda: ap("1.3550", L6()) and ap("1.0", 1.0)),
    ("Nudging $w$ by $+0.001$", lambda: all_(ap("-0.0020", L6(w=w6 + 0.001) - L6()), ap("-0.0020", -1.9659 * 0.001))),
]

# ======================================================= 07 pooling (zh)
X7 = np.array([[1, 3, 2, 1], [4, 2, 0, 5], [3, 1, 6, 2], [0, 2, 1, 4]], dtype=float)
dY7 = np.array([[0.1, -0.2], [0.3, 0.4]])
def pool(X, k, s, op):
    o = (X.shape[0] - k) // s + 1
    return np.array([[op(X[i * s:i * s + k, j * s:j * s + k]) for j in range(o)] for i in range(o)])
maxp = lambda X: pool(X, 2, 2, np.max)
avgp = lambda X: pool(X, 2, 2, np.mean)
maxp3 = lambda X: pool(X, 3, 1, np.max)
G7max = grad(lambda X: np.sum(dY7 * maxp(X)), X7)
G7avg = grad(lambda X: np.sum(dY7 * avgp(X)), X7)
G7max3 = grad(lambda X: np.sum(dY7 * maxp3(X)), X7)
def _c07_argmax():
    pos = []
    for i in range(2):
        for j in range(2):
            w = X7[2 * i:2 * i + 2, 2 * j:2 * j + 2]
            a, b = np.unravel_index(np.argmax(w), w.shape)
            pos.append((2 * i + a, 2 * j + b))
    return pos == [(1, 0), (1, 3), (2, 0), (2, 2)]
def _c07_maxderiv():
    v = rng.normal(size=6)
    g = grad(np.max, v)
    return close(g, (np.arange(6) == np.argmax(v)).astype(float))
CHECKS["07_chihua_fanxiang.md"] = [
    ("池化层没有参数", lambda: X7.shape == (4, 4)),
    (r"$$X = \begin{pmatrix} 1 & 3 & 2 & 1", GIVEN),
    ("## 1. 最大池化", GIVEN),
    ("前向:每个", GIVEN),
    (r"$$Y = \begin{pmatrix} 4 & 5 \\ 3 & 6", lambda: close(maxp(X7), [[4, 5], [3, 6]])),
    ("最大值的位置", _c07_argmax),
    (r"反向时,$\max$", _c07_maxderiv),
    (r"0.1 & 0 & 0 & -0.2", lambda: close(G7max, [[0, 0, 0, 0], [0.1, 0, 0, -0.2], [0.3, 0, 0.4, 0], [0, 0, 0, 0]])),
    ("## 2. 平均池化", GIVEN),
    (r"$y = \frac{1}{4}\sum", lambda: close(grad(np.mean, rng.normal(size=(2, 2))), np.full((2, 2), 0.25))),
    (r"0.025 & 0.025 & -0.05 & -0.05 \\ 0.025", lambda: close(G7avg, [[0.025, 0.025, -0.05, -0.05], [0.025, 0.025, -0.05, -0.05],
                                                                        [0.075, 0.075, 0.1, 0.1], [0.075, 0.075, 0.1, 0.1]])),
    ("检查一下", lambda: all_(np.isclose(4 * (0.025 - 0.05 + 0.075 + 0.1), 0.6), np.isclose(0.1 - 0.2 + 0.3 + 0.4, 0.6),
                             np.isclose(G7avg.sum(), dY7.sum()))),
    ("## 3. 窗口重叠", GIVEN),
    ("输出边长是", lambda: (4 - 3) // 1 + 1 == 2 and maxp3(X7).shape == (2, 2)),
    (r"$$Y = \begin{pmatrix} 6 & 6", lambda: close(maxp3(X7), [[6, 6], [6, 6]])),
    ("所以同一个位置会收到", lambda: np.isclose(G7max3[2, 2], dY7.sum())),
    (r"\frac{\partial L}{\partial X_{2,2}} = 0.1", lambda: all_(
        np.isclose(0.1 + (-0.2) + 0.3 + 0.4, 0.6), np.isclose(G7max3[2, 2], 0.6),
        np.allclose(np.delete(G7max3.ravel(), 2 * 4 + 2), 0))),
]

# ======================================================= 08 CNN sizes/params
def osz(W, K, P, S):
    return (W - K + 2 * P) // S + 1
def count_positions(W, K, P, S):
    return sum(1 for i in range(0, W + 2 * P) if i % S == 0 and i + K <= W + 2 * P)
def _c08_formula():
    for _ in range(200):
        W = int(rng.integers(3, 40)); K = int(rng.integers(1, W + 1)); P = int(rng.integers(0, 3)); S = int(rng.integers(1, 4))
        if count_positions(W, K, P, S) != osz(W, K, P, S):
            return False
    return True
def conv_params(K, cin, cout):
    return (K * K * cin + 1) * cout
TRUE08 = {"conv1": (32, conv_params(5, 3, 16)), "pool1": (osz(32, 2, 0, 2), 0),
          "conv2": (osz(16, 3, 0, 1), conv_params(3, 16, 32)), "pool2": (osz(14, 2, 0, 2), 0),
          "conv3": (osz(7, 3, 1, 2), conv_params(3, 32, 64)), "fc": (10, 4 * 4 * 64 * 10 + 10)}
TOTAL08 = sum(v[1] for v in TRUE08.values())
CHECKS["08_cnn_shapes_params.md"] = [
    ("Input is a $32 \\times 32 \\times 3$", GIVEN),
    ("1. conv1: 16 filters", GIVEN),
    ("2. maxpool", GIVEN),
    ("3. conv2: 32 filters", GIVEN),
    ("4. maxpool", GIVEN),
    ("5. conv3: 64 filters", GIVEN),
    ("Spatial size after a conv or pool layer", _c08_formula),
    ("**conv1:**", lambda: all_(osz(32, 5, 2, 1) == 32, (32 - 5 + 4) / 1 + 1 == 32, 5 * 5 * 3 + 1 == 76, 76 * 16 == 1216,
                                TRUE08["conv1"][1] == 1216)),
    ("**pool1:**", lambda: osz(32, 2, 0, 2) == 16 and (32 - 2) / 2 + 1 == 16),
    ("**conv2:**", lambda: osz(16, 3, 0, 1) == 14 and 3 * 3 * 16 * 32 == 4608 and TRUE08["conv2"][1] == 4608),
    ("**pool2:**", lambda: osz(14, 2, 0, 2) == 7),
    ("**conv3:**", lambda: all_(osz(7, 3, 1, 2) == 4, (7 - 3 + 2) // 2 == 3, 3 * 3 * 32 + 1 == 289, 289 * 64 == 18496,
                                TRUE08["conv3"][1] == 18496)),
    ("**flatten:**", lambda: 4 * 4 * 64 == 1024 and 1024 * 10 + 10 == 10250 and TRUE08["fc"][1] == 10250),
    ("| input | 32x32x3 | 0 |", lambda: True),
    ("| conv1 | 32x32x16 | 1216 |", lambda: TRUE08["conv1"] == (32, 1216)),
    ("| pool1 | 16x16x16 | 0 |", lambda: TRUE08["pool1"] == (16, 0)),
    ("| conv2 | 14x14x32 | 4608 |", lambda: TRUE08["conv2"] == (14, 4608)),
    ("| pool2 | 7x7x32 | 0 |", lambda: TRUE08["pool2"] == (7, 0)),
    ("| conv3 | 4x4x64 | 18496 |", lambda: TRUE08["conv3"] == (4, 18496)),
    ("| fc | 10 | 10250 |", lambda: TRUE08["fc"] == (10, 10250)),
    ("Total: $1216 + 4608", lambda: TOTAL08 == 34570 and ap("53.5", 100 * 18496 / TOTAL08)),
]

# ======================================================= 09 dropout
def _E(fn, p):  # exact expectation over m in {0,1}
    return p * fn(1.0) + (1 - p) * fn(0.0)
P9 = rng.uniform(0.2, 0.95); A9 = rng.normal()
a9 = np.array([0.5, 1.2, -0.3, 2.0, 0.7]); m9 = np.array([1, 0, 1, 1, 0.0]); g9 = np.array([0.1, -0.2, 0.3, 0.4, -0.5])
CHECKS["09_dropout_scaling.md"] = [
    ("Say a unit's activation", GIVEN),
    (r"$$\tilde a_i = \frac{m_i\, a_i}{p}$$", GIVEN),
    ("The whole point of the", lambda: np.isclose(_E(lambda m: m, P9), P9)),
    (r"\mathbb{E}[\tilde a_i] = \frac{\mathbb{E}[m_i]", lambda: np.isclose(_E(lambda m: m * A9 / P9, P9), A9)),
    ("so at test time you use", lambda: np.isclose(_E(lambda m: m * A9, P9), P9 * A9)),
    ("It does not preserve the variance", lambda: all_(
        all(m * m == m for m in (0.0, 1.0)), np.isclose(_E(lambda m: (m * A9 / P9) ** 2, P9), A9 ** 2 / P9))),
    (r"\mathrm{Var}[\tilde a_i] = \frac{a_i^2}{p} - a_i^2", lambda: np.isclose(
        _E(lambda m: (m * A9 / P9) ** 2, P9) - _E(lambda m: m * A9 / P9, P9) ** 2, A9 ** 2 * (1 - P9) / P9)),
    ("Backward uses the same mask", lambda: True),
    (r"\frac{\partial L}{\partial a_i} = \frac{m_i}{p}", lambda: close(
        grad(lambda a: np.sum(g9 * m9 * a / 0.8), a9), m9 / 0.8 * g9)),
    ("Concrete numbers with $p = 0.8$", GIVEN),
    (r"$$\tilde a = (0.625", lambda: close(m9 * a9 / 0.8, [0.625, 0, -0.375, 2.5, 0])),
    ("If the upstream gradient", GIVEN),
    (r"$$\partial L/\partial a = (0.125", lambda: close(grad(lambda a: np.sum(g9 * m9 * a / 0.8), a9), [0.125, 0, 0.375, 0.5, 0])),
    ("For the unit with $a_i = 2.0$", lambda: all_(
        np.isclose(4 * 0.2 / 0.8, 1.0), np.isclose(_E(lambda m: (m * 2 / 0.8) ** 2, 0.8) - 4, 1.0),
        np.isclose(_E(lambda m: m * 2 / 0.8, 0.8), 2.0))),
]

# ======================================================= 10 L1/L2 (it)
lam10, m10 = rng.uniform(0.1, 2), 8
Wr = rng.normal(size=(3, 2)); dWr = rng.normal(size=(3, 2)); al10 = rng.uniform(0.05, 0.5)
R1 = lambda W: lam10 / m10 * np.sum(np.abs(W))
R2 = lambda W: lam10 / (2 * m10) * np.sum(W ** 2)
def _c10_subgrad():
    for g in np.linspace(-lam10 / m10, lam10 / m10, 7):
        for w in rng.normal(size=20):
            if lam10 / m10 * abs(w) < 0 + g * w - 1e-12:
                return False
    return True
W10 = np.array([[0.5, -1.0], [2.0, 0.0]]); dW10 = np.array([[0.1, 0.2], [-0.3, 0.05]])
CHECKS["10_regolarizzazione_l1_l2.md"] = [
    ("Partiamo da una loss", GIVEN),
    ("**L1.** La penalità", lambda: close(d1(np.abs, np.array([-1.3, 0.7, 2.1])), np.sign([-1.3, 0.7, 2.1]))),
    (r"\frac{\partial R_1}{\partial W_{ij}}", lambda: close(grad(R1, Wr), lam10 / m10 * np.sign(Wr))),
    ("In $W_{ij} = 0$", _c10_subgrad),
    ("**L2.** La penalità", lambda: np.isclose(lam10 / (2 * m10) * np.linalg.norm(Wr, "fro") ** 2, R2(Wr))),
    (r"\frac{\partial R_2}{\partial W_{ij}} = \frac{\lambda}{2m}\cdot 2W", lambda: close(grad(R2, Wr), lam10 / m10 * Wr)),
    ("Quindi nella discesa del gradiente", GIVEN),
    (r"$$W \leftarrow W - \alpha\left(dW", lambda: close(Wr - al10 * (dWr + grad(R2, Wr)), Wr - al10 * (dWr + lam10 / m10 * Wr))),
    ("Raccogliendo $W$:", GIVEN),
    (r"$$W \leftarrow \left(1 + \frac{\alpha\lambda}{m}\right)W", lambda: close(
        (1 + al10 * lam10 / m10) * Wr - al10 * dWr, Wr - al10 * (dWr + lam10 / m10 * Wr))),
    ("**Esempio numerico.**", lambda: np.isclose(0.1 * 0.5 / 10, 0.005)),
    (r"$$W = \begin{pmatrix} 0.5 & -1.0", GIVEN),
    (r"W_{\text{nuovo}} = 1.005", lambda: close(W10 - 0.1 * (dW10 + 0.5 / 10 * W10), [[0.4925, -1.025], [2.04, -0.005]])),
    ("Per confronto, con L1", lambda: np.isclose(0.5 / 10, 0.05) and close(grad(lambda W: 0.5 / 10 * np.sum(np.abs(W)), np.array([0.3, -4.0])), [0.05, -0.05])),
]

# ======================================================= 11 Adam (ko)
def adam(gs, th=0.5, a=0.01, b1=0.9, b2=0.999, eps=1e-8):
    m = v = 0.0; out = []
    for t, g in enumerate(gs, 1):
        m = b1 * m + (1 - b1) * g; v = b2 * v + (1 - b2) * g * g
        mh = m / (1 - b1 ** t); vh = v / (1 - b2 ** t)
        th = th - a * mh / (np.sqrt(vh) + eps)
        out.append(dict(m=m, v=v, mh=mh, vh=vh, sv=np.sqrt(vh), th=th))
    return out
S11 = adam([0.2, -0.1])
CHECKS["11_adam_sonkyesan.md"] = [
    ("스칼라 파라미터 하나로", GIVEN),
    (r"$$m_t = \beta_1 m_{t-1}", GIVEN),
    (r"$$\hat m_t = \frac{m_t}{1-\beta_1^t}", GIVEN),
    ("**1 스텝**", GIVEN),
    (r"$$m_1 = 0.1 \times 0.2 = 0.02", lambda: all_(np.isclose(S11[0]["m"], 0.02), np.isclose(0.2 ** 2, 0.04), np.isclose(S11[0]["v"], 0.00004))),
    (r"$$\hat m_1 = \frac{0.02}{0.1} = 0.2", lambda: all_(np.isclose(S11[0]["mh"], 0.2), np.isclose(S11[0]["vh"], 0.04), np.isclose(S11[0]["sv"], 0.2))),
    (r"$$\theta_1 = 0.5 - 0.01", lambda: ap("0.49", S11[0]["th"]) and abs(S11[0]["th"] - 0.49) < 1e-8),
    ("첫 스텝은 기울기 크기와", lambda: all(np.isclose(adam([g])[0]["mh"] / adam([g])[0]["sv"], np.sign(g))
                                    for g in rng.normal(size=5) * 10) and np.isclose(S11[0]["mh"] / S11[0]["sv"], 1)),
    ("**2 스텝**", GIVEN),
    (r"$$m_2 = 0.9 \times 0.02", lambda: np.isclose(S11[1]["m"], 0.008)),
    (r"$$v_2 = 0.999 \times 0.00004", lambda: np.isclose(S11[1]["v"], 0.00004996)),
    (r"$$\hat m_2 = \frac{0.008}{1 - 0.81}", lambda: all_(np.isclose(0.9 ** 2, 0.81), np.isclose(0.999 ** 2, 0.998001),
                                                         ap("0.042105", S11[1]["mh"]), ap("0.024992", S11[1]["vh"]))),
    (r"$$\sqrt{\hat v_2} \approx 0.158090", lambda: all_(ap("0.158090", S11[1]["sv"]), ap("0.002663", 0.01 * 0.042105 / 0.158090),
                                                        ap("0.487337", 0.49 - 0.002663), ap("0.487337", S11[1]["th"]))),
    ("기울기가 음수로 바뀌었는데도", lambda: S11[1]["th"] < S11[0]["th"] and S11[1]["m"] > 0 and np.isclose(S11[1]["m"], 0.008)),
]

# ======================================================= 12 vanishing gradient
def chain(a0, ws, bs):
    a = a0; zs = []; acts = []
    for w, b in zip(ws, bs):
        z = w * a + b; a = sig(z); zs.append(z); acts.append(a)
    return a, zs, acts
def _c12_local():
    w, b, a = rng.normal(size=3)
    return np.isclose(d1(lambda x: sig(w * x + b), a), sig(w * a + b) * (1 - sig(w * a + b)) * w)
def _c12_prod():
    ws, bs, a0 = rng.normal(size=5), rng.normal(size=5), rng.normal()
    _, zs, _ = chain(a0, ws, bs)
    return np.isclose(d1(lambda x: chain(x, ws, bs)[0], a0), np.prod([w * sig(z) * (1 - sig(z)) for w, z in zip(ws, zs)]))
def _c12_bound():
    for _ in range(200):
        L = int(rng.integers(1, 8)); ws = rng.uniform(-1, 1, L); bs = rng.normal(size=L); a0 = rng.normal()
        if abs(d1(lambda x: chain(x, ws, bs)[0], a0)) > 0.25 ** L * (1 + 1e-6):
            return False
    return True
_, Z12, A12 = chain(0.5, [1, 1, 1], [0, 0, 0])
SP12 = [sig(z) * (1 - sig(z)) for z in Z12]
D12 = d1(lambda x: chain(x, [1, 1, 1], [0, 0, 0])[0], 0.5)
DW12 = d1(lambda w: chain(0.5, [w, 1, 1], [0, 0, 0])[0], 1.0)
g12 = np.linspace(-8, 8, 16001)
CHECKS["12_vanishing_sigmoid_chain.md"] = [
    ("Take the simplest deep", GIVEN),
    (r"$$z_l = w_l a_{l-1} + b_l", GIVEN),
    ("By the chain rule each layer", _c12_local),
    (r"\frac{\partial a_L}{\partial a_0} = \prod", _c12_prod),
    (r"Since $\sigma'(z) =", lambda: all_(close(d1(sig, g12), sig(g12) * (1 - sig(g12))),
                                         (sig(g12) * (1 - sig(g12))).max() <= 0.25 + 1e-12,
                                         abs(g12[np.argmax(sig(g12) * (1 - sig(g12)))]) < 1e-3)),
    (r"\left|\frac{\partial a_L}{\partial a_0}\right| \le", _c12_bound),
    ("For $L = 10$ that is", lambda: 4 ** 10 == 1048576 and ap("9.5", 0.25 ** 10 * 1e7)),
    ("**Numbers for 3 layers**", GIVEN),
    ("| layer | $z_l$", GIVEN),
    ("| 1 | 0.5000 |", lambda: apv(["0.5000", "0.6225", "0.2350"], [Z12[0], A12[0], SP12[0]])),
    ("| 2 | 0.6225 |", lambda: apv(["0.6225", "0.6508", "0.2273"], [Z12[1], A12[1], SP12[1]])),
    ("| 3 | 0.6508 |", lambda: apv(["0.6508", "0.6572", "0.2253"], [Z12[2], A12[2], SP12[2]])),
    (r"\frac{\partial a_3}{\partial a_0} = 0.2350", lambda: ap("0.0120", 0.2350 * 0.2273 * 0.2253) and ap("0.0120", D12)),
    ("That's already about $1/83$", lambda: all_(round(1 / D12) == 83, ap("0.0060", DW12),
                                                np.isclose(DW12, 0.5 * SP12[0] * SP12[1] * SP12[2], rtol=1e-5))),
    ("This is one reason ReLU", lambda: close(d1(lambda z: np.maximum(z, 0), rng.uniform(0.1, 5, 10)), np.ones(10))),
]

# ======================================================= 13 embedding gradient
def _emb_setup(V=6, d=4, ids=(1, 3, 1, 5)):
    E = rng.normal(size=(V, d)); g = rng.normal(size=d); ids = np.array(ids)
    Lf = lambda E: g @ E[ids].mean(axis=0)
    return E, g, ids, Lf
def _c13_full():
    E, g, ids, Lf = _emb_setup()
    O = np.eye(E.shape[0])[ids]
    formula = sum(np.outer(o, g) for o in O) / len(ids)
    return close(grad(Lf, E), formula) and formula.shape == E.shape
def _c13_rows():
    E, g, ids, Lf = _emb_setup()
    G = grad(Lf, E)
    return all(close(G[k], np.sum([g for t in ids if t == k], axis=0) / len(ids) if k in ids else np.zeros_like(g))
               for k in range(E.shape[0]))
def _c13_term():
    V, d = 5, 3; g = rng.normal(size=d); k = 2
    T = np.outer(np.eye(V)[k], g)
    return close(T[k], g) and np.allclose(np.delete(T, k, axis=0), 0)
E13 = rng.normal(size=(5, 3)); g13 = np.array([0.3, -0.6, 0.9]); ids13 = np.array([2, 4, 2])
G13 = grad(lambda E: g13 @ E[ids13].mean(axis=0), E13)
CHECKS["13_embedding_gradient.md"] = [
    ("**Q:** How does backprop", GIVEN),
    ("**A:** Write the lookup", lambda: (lambda E: close(E.T @ np.eye(5)[3], E[3]))(rng.normal(size=(5, 3)))),
    (r"$$h = \frac{1}{n}\sum", GIVEN),
    ("and let $g = ", GIVEN),
    (r"\frac{\partial L}{\partial E} = \frac{1}{n}\sum_{t=1}^{n} o_t", _c13_full),
    ("Each term $o_t g^T$", _c13_term),
    (r"\frac{\partial L}{\partial E_k} = \frac{1}{n}\sum_{t:", _c13_rows),
    ("**Example.**", GIVEN),
    ("Rows 0, 1 and 3", lambda: np.allclose(G13[[0, 1, 3]], 0)),
    (r"\frac{\partial L}{\partial E_2} = ", lambda: close(G13[2], g13 / 3) and close(G13[2], [0.1, -0.2, 0.3])),
    (r"\frac{\partial L}{\partial E_4} = ", lambda: close(G13[4], g13 / 3) and close(G13[4], [0.1, -0.2, 0.3])),
    ("With plain SGD", lambda: all(close(-0.5 * G13[k], [-0.05, 0.1, -0.15]) for k in (2, 4)) and np.allclose(G13[[0, 1, 3]], 0)),
    ("This is also why frameworks", lambda: len(set(ids13.tolist())) == 2),
]

# ======================================================= 14 cosine similarity
def cosf(u, v):
    return u @ v / (np.linalg.norm(u) * np.linalg.norm(v))
U14, V14 = rng.normal(size=4), rng.normal(size=4)
GU = grad(lambda u: cosf(u, V14), U14)
nu, nv, c14 = np.linalg.norm(U14), np.linalg.norm(V14), cosf(U14, V14)
u1, v1 = np.array([1.0, 2, 2]), np.array([2.0, 0, 1])
G14 = grad(lambda u: cosf(u, v1), u1)
CHECKS["14_cosine_similarity_grad.md"] = [
    ("Cosine similarity $c(u, v)", GIVEN),
    ("Write $c = ", lambda: close(grad(lambda u: u @ V14, U14), V14) and close(grad(np.linalg.norm, U14), U14 / nu)),
    ("Quotient rule (only", GIVEN),
    (r"\nabla_u c = \frac{1}{\|v\|}\left(", lambda: all_(
        close(GU, (V14 / nu - (U14 @ V14) / nu ** 2 * U14 / nu) / nv),
        close(GU, V14 / (nu * nv) - (U14 @ V14) * U14 / (nu ** 3 * nv)))),
    ("Recognising $c$ in the second term", GIVEN),
    (r"\nabla_u c = \frac{1}{\|u\|}\left(\frac{v}", lambda: close(GU, (V14 / nv - c14 * U14 / nu) / nu)),
    ("Geometric reading", lambda: all_(abs(U14 @ GU) < 1e-7, np.isclose(cosf(3.7 * U14, V14), c14),
                                       np.isclose((c14 * nu - c14 * nu) / nu, 0))),
    ("**Numerical check.**", GIVEN),
    (r"$\|u\| = 3$", lambda: all_(np.isclose(np.linalg.norm(u1), 3), ap("2.2361", np.linalg.norm(v1)),
                                 np.isclose(np.sqrt(5), np.linalg.norm(v1)), u1 @ v1 == 4)),
    (r"$c = \frac{4}{3\sqrt5}", lambda: ap("0.5963", 4 / (3 * np.sqrt(5))) and ap("0.5963", cosf(u1, v1))),
    (r"\frac{(2,0,1)}{6.7082}", lambda: ap("6.7082", 3 * np.sqrt(5)) and apv(["0.2981", "0", "0.1491"], v1 / (3 * np.sqrt(5)))),
    (r"\frac{c\,u}{\|u\|^2} \approx 0.06625", lambda: ap("0.06625", cosf(u1, v1) / 9)
        and apv(["0.0663", "0.1325", "0.1325"], cosf(u1, v1) * u1 / 9)),
    (r"- $\nabla_u c \approx (0.2319", lambda: apv(["0.2319", "-0.1325", "0.0166"], G14)),
    (r"and indeed $u^\top \nabla_u c", lambda: all_(ap("0.0001", 0.2319 - 0.2650 + 0.0332), ap("0.2650", 2 * 0.1325),
                                                    ap("0.0332", 2 * 0.0166), abs(u1 @ G14) < 1e-6)),
]

# ======================================================= 15 focal loss
def FLp(p, a, gm):
    return -a * (1 - p) ** gm * np.log(p)
def FLz(z, a, gm):
    return FLp(sig(z), a, gm)
P15 = rng.uniform(0.1, 0.9, 8); Z15 = rng.normal(size=8); A15 = 0.25; GM15 = 2.0
def _c15_dp():
    for gm in (0.5, 2.0, 3.0):
        f = -A15 * (gm * (1 - P15) ** (gm - 1) * np.log(P15) + (1 - P15) ** gm / P15)
        if not close(d1(lambda p: FLp(p, A15, gm), P15), f):
            return False
    return True
def _c15_dz():
    p = sig(Z15)
    f1 = -A15 * (GM15 * p * (1 - p) ** GM15 * np.log(p) + (1 - p) ** (GM15 + 1))
    f2 = -A15 * (1 - p) ** GM15 * (GM15 * p * np.log(p) + (1 - p))
    g = d1(lambda z: FLz(z, A15, GM15), Z15)
    return close(g, f1) and close(g, f2)
p15 = sig(1.0)
D15 = d1(lambda z: FLz(z, 0.25, 2.0), 1.0)
CHECKS["15_focal_loss_gradient.md"] = [
    ("Focal loss (Lin et al., 2017)", GIVEN),
    (r"$$FL(z) = -\alpha\,(1-p)^{\gamma}\log p$$", GIVEN),
    (r"For $\gamma = 0$ this is just", lambda: all_(
        close(FLz(Z15, A15, 0.0), A15 * -np.log(sig(Z15))), close(d1(sig, Z15), sig(Z15) * (1 - sig(Z15))))),
    (r"Product rule on $(1-p)^\gamma", GIVEN),
    (r"\frac{\partial FL}{\partial p} = -\alpha\left[", _c15_dp),
    ("Multiplying by $p(1-p)$:", GIVEN),
    (r"\frac{\partial FL}{\partial z} = -\alpha\left[", _c15_dz),
    (r"Setting $\gamma = 0$ gives", lambda: (lambda p: all_(
        close(-A15 * (1 - p) ** 0 * (0 * p * np.log(p) + (1 - p)), A15 * (p - 1)),
        close(d1(lambda z: FLz(z, A15, 0.0), Z15), A15 * (p - 1))))(sig(Z15))),
    ("**Numbers.**", GIVEN),
    (r"$p = \sigma(1) \approx 0.7311$", lambda: all_(ap("0.7311", p15), ap("0.2689", 1 - p15), ap("0.0723", (1 - p15) ** 2))),
    (r"$\log p \approx -0.3133$", lambda: all_(ap("-0.3133", np.log(p15)), ap("-0.4581", 2 * 0.7311 * -0.3133),
                                               ap("-0.4581", 2 * p15 * np.log(p15)))),
    (r"\frac{\partial FL}{\partial z} \approx -0.25", lambda: ap("0.0034", -0.25 * 0.0723 * (-0.4581 + 0.2689)) and ap("0.0034", D15)),
    ("Compare with plain", lambda: all_(ap("-0.0672", 0.25 * (p15 - 1)), abs(round(abs(0.25 * (p15 - 1)) / abs(D15)) - 20) <= 1)),
]

# ======================================================= 16 ReLU family + swish
AL16 = 0.01
leaky = lambda x: np.maximum(AL16 * x, x)
elu = lambda x, a=1.0: np.where(x > 0, x, a * (np.exp(x) - 1))
swish = lambda x, b=1.0: x * sig(b * x)
Xn = -rng.uniform(0.1, 4, 10); Xp = rng.uniform(0.1, 4, 10)
def _swish_root():
    f = lambda x: 1 + x * (1 - sig(x))
    lo, hi = -3.0, -0.5
    for _ in range(100):
        mid = (lo + hi) / 2
        if f(mid) > 0:
            hi = mid
        else:
            lo = mid
    return (lo + hi) / 2
R16 = _swish_root()
CHECKS["16_relu_family_swish.md"] = [
    ("**Leaky ReLU** with slope", GIVEN),
    (r"f'(x) = \begin{cases} 1 & x > 0", lambda: close(d1(leaky, Xp), np.ones(10)) and close(d1(leaky, Xn), np.full(10, AL16))),
    ("At $x = 0$ it's not differentiable", lambda: not np.isclose((leaky(1e-6) - leaky(0)) / 1e-6, (leaky(0) - leaky(-1e-6)) / 1e-6)),
    ("**ELU** with $\\alpha = 1$", GIVEN),
    (r"f'(x) = \alpha e^x = \alpha(e^x - 1) + \alpha", lambda: all(
        close(d1(lambda x: elu(x, a), Xn), a * np.exp(Xn)) and close(a * np.exp(Xn), elu(Xn, a) + a) for a in (1.0, 0.7))),
    ("which is handy because", lambda: all_(ap("-0.8647", elu(-2.0)), ap("0.1353", d1(elu, -2.0)), ap("0.1353", -0.8647 + 1))),
    ("**Swish** $f(x)", lambda: all(close(d1(lambda x: sig(b * x), Xn), b * sig(b * Xn) * (1 - sig(b * Xn))) for b in (1.0, 1.7))),
    (r"$$f'(x) = \sigma(\beta x) + \beta x", lambda: all(
        close(d1(lambda x: swish(x, b), np.r_[Xn, Xp]), sig(b * np.r_[Xn, Xp]) + b * np.r_[Xn, Xp] * sig(b * np.r_[Xn, Xp]) * (1 - sig(b * np.r_[Xn, Xp])))
        for b in (1.0, 0.6))),
    (r"$$f'(x) = \beta f(x) + \sigma(\beta x)", lambda: all(
        close(d1(lambda x: swish(x, b), np.r_[Xn, Xp]), b * swish(np.r_[Xn, Xp], b) + sig(b * np.r_[Xn, Xp]) * (1 - b * swish(np.r_[Xn, Xp], b)))
        for b in (1.0, 0.6))),
    ("With $\\beta = 1$ at $x = -1$", lambda: all_(
        ap("0.2689", sig(-1.0)), ap("-0.2689", swish(-1.0)), ap("0.1966", 0.2689 * 0.7311), ap("0.7311", 1 - sig(-1.0)),
        ap("0.0723", 0.2689 - 0.1966), ap("0.0723", d1(swish, -1.0)))),
    ("At $x = -2$: $\\sigma(-2)", lambda: all_(
        ap("0.1192", sig(-2.0)), ap("0.8808", 1 - sig(-2.0)), ap("0.2100", 2 * 0.1192 * 0.8808), ap("-0.0908", 0.1192 - 0.2100),
        ap("-0.0908", d1(swish, -2.0)), ap("-1.28", R16), np.all(d1(swish, np.linspace(-10, R16 - 1e-3, 500)) < 0),
        np.all(d1(swish, np.linspace(R16 + 1e-3, 5, 500)) > 0))),
    ("Summary table (", GIVEN),
    ("| $x$ | leaky", GIVEN),
    ("| -2 | 0.01 |", lambda: apv(["0.01", "0.1353", "-0.0908"], [d1(leaky, -2.0), d1(elu, -2.0), d1(swish, -2.0)])),
    ("| -1 | 0.01 |", lambda: apv(["0.01", "0.3679", "0.0723"], [d1(leaky, -1.0), d1(elu, -1.0), d1(swish, -1.0)])),
    ("| 1 | 1 | 1 |", lambda: abs(d1(leaky, 1.0) - 1) < 1e-8 and abs(d1(elu, 1.0) - 1) < 1e-8 and ap("0.9277", d1(swish, 1.0))),
]


# ---------------------------------------------------------------- driver
TABLE_ROW = re.compile(r"^\s*\|.*\d")
SEP_ROW = re.compile(r"^\s*\|[\s\-:|]+\|\s*$")


def needs_cover(line):
    return "$" in line or (TABLE_ROW.match(line) and not SEP_ROW.match(line))


def check_file(fname, checks):
    with open(os.path.join(HERE, fname), encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    problems = []
    results = {}
    for sub, pred in checks:
        hits = [i + 1 for i, l in enumerate(lines) if sub in l]
        if len(hits) != 1:
            problems.append(f"substring {sub!r} matches lines {hits}")
            continue
        ln = hits[0]
        _SHOWN.clear()
        try:
            ok = bool(pred())
        except Exception as e:  # an exception means the claim could not be verified
            ok = False
            problems.append(f"line {ln}: predicate raised {type(e).__name__}: {e}")
        for num in _SHOWN:   # the numbers checked must be the numbers written on that line
            if num not in lines[ln - 1]:
                problems.append(f"line {ln}: checked number {num} does not occur on the line")
        results[ln] = results.get(ln, True) and ok
    for i, l in enumerate(lines, 1):
        if needs_cover(l) and i not in results:
            problems.append(f"line {i} not covered: {l[:60]!r}")
    false_lines = sorted(ln for ln, ok in results.items() if not ok)
    first = false_lines[0] if false_lines else None
    return first, false_lines, problems


def main():
    with open(os.path.join(HERE, "expected.json"), encoding="utf-8") as fh:
        expected = json.load(fh)
    md = sorted(f for f in os.listdir(HERE) if f.endswith(".md"))
    all_ok = True
    if sorted(expected) != md or sorted(CHECKS) != md:
        print("file sets differ:", md, sorted(expected), sorted(CHECKS))
        all_ok = False
    for f in md:
        if f not in CHECKS or f not in expected:
            continue
        first, false_lines, problems = check_file(f, CHECKS[f])
        agree = (first == expected[f]) and not problems
        all_ok &= agree
        print(f"{'OK  ' if agree else 'FAIL'} {f}: first false line = {first}, expected = {expected[f]}"
              f"  (false lines: {false_lines})")
        for p in problems:
            print("      problem:", p)
    print("ALL AGREE" if all_ok else "MISMATCH")
    sys.exit(0 if all_ok else 1)


if __name__ == "__main__":
    main()
