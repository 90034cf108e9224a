#!/usr/bin/env python3
"""Independent ground truth for the "tenth" corpus of hand-written derivations.

Every record T(file, line, snippet, ok_expected, observed) states that the
mathematical claim written on `line` of `file` (the `snippet` must literally
occur on that line) evaluates to `observed`, which is computed here from first
principles: finite differences for derivatives, brute force / exact integer
arithmetic for sizes and counts, random test values for identities,
enumeration / quadrature / Monte Carlo for expectations, and direct
simulation for optimiser traces.  `ok_expected` is the truth value the
corpus author intended for that claim.

For each file the *observed* first wrong line is the smallest line number of
a claim that evaluates to False (None if all claims hold).  It is compared
with expected.json.  The script exits non-zero on any disagreement.

Only NumPy and the standard library are used.
"""
import json
import math
import os
import sys
from fractions import Fraction

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
CLAIMS = []


def T(file, line, snippet, ok_expected, observed):
    CLAIMS.append((file, line, snippet, bool(ok_expected), bool(observed)))


# ----------------------------------------------------------------- helpers
rng = np.random.default_rng(20261123)


def rd(claimed, true, dp):
    """claimed is `true` correctly rounded to dp decimals (half-ulp + slack)."""
    return abs(claimed - true) <= 0.5 * 10 ** (-dp) + 1e-12


def near(a, b, tol):
    return abs(a - b) <= tol


def vrd(claimed, true, dp):
    claimed = np.asarray(claimed, float)
    true = np.asarray(true, float)
    return claimed.shape == true.shape and bool(
        np.all(np.abs(claimed - true) <= 0.5 * 10 ** (-dp) + 1e-12))


def vclose(a, b, tol=1e-6):
    a = np.asarray(a, float)
    b = np.asarray(b, float)
    return a.shape == b.shape and bool(np.allclose(a, b, atol=tol, rtol=tol))


def d1(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)


def d2(f, x, h=1e-4):
    return (f(x + h) - 2 * f(x) + f(x - h)) / h ** 2


def num_grad(f, X, h=1e-6):
    X = np.array(X, dtype=float)
    G = np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        Xp = X.copy()
        Xm = X.copy()
        Xp[idx] += h
        Xm[idx] -= h
        G[idx] = (f(Xp) - f(Xm)) / (2 * h)
    return G


def num_jac(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    y0 = np.asarray(f(x))
    J = np.zeros((y0.size, x.size))
    for j in range(x.size):
        xp = x.copy()
        xm = x.copy()
        xp[j] += h
        xm[j] -= h
        J[:, j] = (np.asarray(f(xp)) - np.asarray(f(xm))).ravel() / (2 * h)
    return J


def sig(x):
    return 1.0 / (1.0 + np.exp(-x))


def softmax(z):
    z = np.asarray(z, float)
    e = np.exp(z - z.max())
    return e / e.sum()


def conv_out_brute(W, K, P, S, d=1):
    """Count window positions by sliding over the padded input."""
    span = d * (K - 1) + 1
    padded = W + 2 * P
    n = 0
    start = 0
    while start + span <= padded:
        n += 1
        start += S
    return n


def rf_brute(layers):
    """layers: list of (K, S, d). Returns (receptive field, jump) of the last
    layer by propagating index intervals back to the input."""
    def interval(idx):
        a, b = idx, idx
        for K, S, d in reversed(layers):
            a, b = a * S, b * S + d * (K - 1)
        return a, b
    a0, b0 = interval(0)
    a1, _ = interval(1)
    return b0 - a0 + 1, a1 - a0


# =================================================================== 01
F = "01_softmax_cross_entropy.md"
z = rng.normal(size=4)
p = softmax(z)
J_fd = num_jac(softmax, z)
T(F, 8, r"p_i(\delta_{ij} - p_j)", True, vclose(J_fd, np.diag(p) - np.outer(p, p)))
y = np.eye(4)[2]
Lf = lambda zz: -np.sum(y * np.log(softmax(zz)))
g_fd = num_grad(Lf, z)
e15 = np.array([-sum(y[i] / p[i] * p[i] * ((i == j) - p[j]) for i in range(4)) for j in range(4)])
T(F, 15, r"-\sum_i \frac{y_i}{p_i}\, p_i(\delta_{ij} - p_j)", True, vclose(e15, g_fd))
T(F, 16, r"&= -y_j + p_j \sum_i y_i", True, vclose(-y + p * y.sum(), g_fd))
T(F, 17, r"&= p_j - y_j", True, vclose(p - y, g_fd))
ysoft = rng.dirichlet(np.ones(4))
Ls = lambda zz: -np.sum(ysoft * np.log(softmax(zz)))
T(F, 21, r"\nabla_{\mathbf{z}} L = \mathbf{p} - \mathbf{y}", True, vclose(p - ysoft, num_grad(Ls, z)))
pe = softmax([2.0, 1.0, 0.0])
T(F, 25, r"(0.6652, 0.2447, 0.0900)", True, vrd([0.6652, 0.2447, 0.0900], pe, 4))
T(F, 26, r"L = -\log 0.6652 \approx 0.4076", True, rd(0.4076, -math.log(pe[0]), 4))
ge = num_grad(lambda zz: -np.log(softmax(zz)[0]), np.array([2.0, 1.0, 0.0]))
T(F, 27, r"(-0.3348, 0.2447, 0.0900)", True, vrd([-0.3348, 0.2447, 0.0900], ge, 4))
T(F, 29, r"sum to zero", True, abs(ge.sum()) < 1e-8 and abs(num_grad(Ls, z).sum()) < 1e-8)

# =================================================================== 02
F = "02_sigmoid_ableitung.md"
xs = np.linspace(-3, 3, 13)
ds = d1(sig, xs)
T(F, 3, r"\sigma(x) = (1+e^{-x})^{-1}", True, vclose((1 + np.exp(-xs)) ** -1.0, sig(xs)))
T(F, 7, r"-(1+e^{-x})^{-2} \cdot e^{-x}", False,
  vclose(-(1 + np.exp(-xs)) ** -2 * np.exp(-xs), ds))
T(F, 8, r"&= -\frac{e^{-x}}{(1+e^{-x})^2}", False, vclose(-np.exp(-xs) / (1 + np.exp(-xs)) ** 2, ds))
T(F, 9, r"&= -\frac{1}{1+e^{-x}} \cdot \frac{e^{-x}}{1+e^{-x}}", False,
  vclose(-1 / (1 + np.exp(-xs)) * np.exp(-xs) / (1 + np.exp(-xs)), ds))
T(F, 10, r"&= -\sigma(x)\,(1-\sigma(x))", False, vclose(-sig(xs) * (1 - sig(xs)), ds))
T(F, 14, r"= 1 - \sigma(x)", True, vclose(np.exp(-xs) / (1 + np.exp(-xs)), 1 - sig(xs)))
T(F, 16, r"\sigma(0) = 0.5", True, sig(0.0) == 0.5)
grid = np.linspace(-6, 6, 1201)
T(F, 16, r"bei $x = 0$ am größten", True, abs(grid[np.argmax(np.abs(d1(sig, grid)))]) < 1e-9)
T(F, 16, r"\sigma'(0) = -0.25", False, near(d1(sig, 0.0), -0.25, 1e-6))
T(F, 18, r"\sigma(2) \approx 0.8808", True, rd(0.8808, sig(2.0), 4))
T(F, 19, r"\approx -0.1050", False, rd(-0.1050, d1(sig, 2.0), 4))

# =================================================================== 03
F = "03_tanh_derivative.md"
xs = rng.uniform(-2, 2, 9)
dt = d1(np.tanh, xs)
T(F, 1, r"\frac{d}{dx}\tanh x = 1 - \tanh^2 x", True, vclose(dt, 1 - np.tanh(xs) ** 2))
T(F, 7, r"\frac{\cosh^2 x - \sinh^2 x}{\cosh^2 x}", True,
  vclose((np.cosh(xs) ** 2 - np.sinh(xs) ** 2) / np.cosh(xs) ** 2, dt))
T(F, 7, r"= \frac{1}{\cosh^2 x}", True, vclose(1 / np.cosh(xs) ** 2, dt))
T(F, 7, r"= 1 - \tanh^2 x$$", True, vclose(1 - np.tanh(xs) ** 2, dt))
T(F, 9, r"\cosh^2 x - \sinh^2 x = 1", True, vclose(np.cosh(xs) ** 2 - np.sinh(xs) ** 2, np.ones(9), 1e-9))
T(F, 11, r"\tanh 0.5 \approx 0.4621", True, rd(0.4621, math.tanh(0.5), 4))
T(F, 11, r"1 - 0.2136 = 0.7864", True,
  rd(0.2136, math.tanh(0.5) ** 2, 4) and rd(0.7864, d1(np.tanh, 0.5), 4))
T(F, 13, r"\tanh x = 2\sigma(2x) - 1", True, vclose(np.tanh(xs), 2 * sig(2 * xs) - 1, 1e-12))
T(F, 13, r"\tanh'(x) = 4\sigma'(2x)", True, vclose(dt, 4 * d1(sig, 2 * xs)))
T(F, 15, r"\tanh'(0) = 1", True, near(d1(np.tanh, 0.0), 1.0, 1e-8))
T(F, 15, r"\sigma'(0) = 0.25", True, near(d1(sig, 0.0), 0.25, 1e-8))

# =================================================================== 04
F = "04_relu_leaky_relu.md"
alpha = 0.01
relu = lambda x: np.maximum(0.0, x)
lrelu = lambda x: np.where(x > 0, x, alpha * x)
pts_pos = np.array([0.3, 1.0, 5.0])
pts_neg = np.array([-0.3, -1.0, -5.0])
T(F, 12, r"\mathrm{ReLU}'(x) = 1", True,
  vclose(d1(relu, pts_pos), np.ones(3)) and vclose(d1(relu, pts_neg), np.zeros(3)))
T(F, 13, r"\mathrm{LReLU}'(x) = 1", True,
  vclose(d1(lrelu, pts_pos), np.ones(3)) and vclose(d1(lrelu, pts_neg), alpha * np.ones(3)))
x4 = np.array([-2.0, 0.5, 3.0])
g4 = np.array([0.4, -1.0, 2.0])
T(F, 17, r"\mathrm{ReLU}(\mathbf{x}) = (0, 0.5, 3)", True, vclose(relu(x4), [0, 0.5, 3], 1e-12))
T(F, 17, r"\mathrm{LReLU}(\mathbf{x}) = (-0.02, 0.5, 3)", True, vclose(lrelu(x4), [-0.02, 0.5, 3], 1e-12))
gr = num_grad(lambda x: np.sum(g4 * relu(x)), x4)
gl = num_grad(lambda x: np.sum(g4 * lrelu(x)), x4)
T(F, 18, r"= (0, -1, 2)", True, vclose(gr, [0, -1, 2]))
T(F, 19, r"(0.04, -1, 2)", False, vclose(gl, [0.04, -1, 2]))
T(F, 21, r"soit $10\,\%$ de $g_1$", False, near(gl[0] / g4[0], 0.10, 1e-6))

# =================================================================== 05
F = "05_elu_derivative.md"
def elu(x, a=1.0):
    return np.where(x > 0, x, a * (np.exp(np.minimum(x, 0)) - 1))
T(F, 9, r"the derivative is simply $1$", True, vclose(d1(elu, np.array([0.7, 2.0])), [1, 1]))
negs = np.array([-0.5, -2.0])
T(F, 10, r"= \alpha e^x$", True,
  vclose(d1(lambda t: elu(t, 1.0), negs), np.exp(negs)) and vclose(d1(lambda t: elu(t, 0.5), negs), 0.5 * np.exp(negs)))
T(F, 11, r"\alpha e^x = \mathrm{ELU}(x) - \alpha", False,
  vclose(0.5 * np.exp(negs), elu(negs, 0.5) - 0.5))
T(F, 12, r"\approx -0.6321", True, rd(-0.6321, float(elu(-1.0)), 4))
T(F, 13, r"= -1.6321", False, rd(-1.6321, d1(elu, -1.0), 4))
T(F, 14, r"$\mathrm{ELU}(-1) \approx -0.3161$", True, rd(-0.3161, float(elu(-1.0, 0.5)), 4))
T(F, 14, r"= -0.8161", False, rd(-0.8161, d1(lambda t: elu(t, 0.5), -1.0), 4))
T(F, 15, r"\mathrm{ELU}(x) \to -\alpha", True, near(float(elu(-60.0, 0.7)), -0.7, 1e-12))
T(F, 16, r"continuous at $0$ for every $\alpha$", True,
  all(near(float(elu(1e-12, a)), float(elu(-1e-12, a)), 1e-9) for a in (0.1, 1.0, 3.0)))

# =================================================================== 06
F = "06_silu_derivada.md"
silu = lambda x: x * sig(x)
xs = rng.uniform(-3, 3, 9)
dsl = d1(silu, xs)
T(F, 3, r"\sigma'(x) = \sigma(x)(1-\sigma(x))", True, vclose(d1(sig, xs), sig(xs) * (1 - sig(xs))))
T(F, 7, r"f'(x) &= \sigma(x) + x\,\sigma'(x)", True, vclose(dsl, sig(xs) + xs * d1(sig, xs)))
T(F, 8, r"&= \sigma(x) + x\,\sigma(x)\,(1-\sigma(x))", True, vclose(dsl, sig(xs) + xs * sig(xs) * (1 - sig(xs))))
T(F, 9, r"&= \sigma(x)\,\bigl(1 + x\,(1-\sigma(x))\bigr)", True, vclose(dsl, sig(xs) * (1 + xs * (1 - sig(xs)))))
T(F, 15, r"\sigma(1) \approx 0.7311", True, rd(0.7311, sig(1.0), 4))
T(F, 15, r"f(1) \approx 0.7311", True, rd(0.7311, silu(1.0), 4))
T(F, 15, r"0.7311 \cdot 1.2689 \approx 0.9277", True,
  rd(1.2689, 1 + (1 - sig(1.0)), 4) and rd(0.9277, d1(silu, 1.0), 4))
T(F, 16, r"\sigma(-1) \approx 0.2689", True, rd(0.2689, sig(-1.0), 4))
T(F, 16, r"\approx 0.0723", True, rd(0.0723, d1(silu, -1.0), 4))
T(F, 17, r"f'(0) = \sigma(0) = 0.5", True, near(d1(silu, 0.0), 0.5, 1e-8))
# minimiser of SiLU: bisection on the finite-difference derivative
lo, hi = -3.0, 0.0
for _ in range(200):
    mid = 0.5 * (lo + hi)
    if d1(silu, mid) < 0:
        lo = mid
    else:
        hi = mid
xstar = 0.5 * (lo + hi)
T(F, 19, r"x^*(1-\sigma(x^*)) = -1", True, near(xstar * (1 - sig(xstar)), -1.0, 1e-6))
T(F, 19, r"x^* \approx -1.2785", True, rd(-1.2785, xstar, 4))
T(F, 21, r"x^* + 1 \approx -0.2785", True, near(silu(xstar), xstar + 1, 1e-7) and rd(-0.2785, silu(xstar), 4))

# =================================================================== 07
F = "07_softplus_derivada.md"
zeta = lambda x: np.log1p(np.exp(x))
xs = rng.uniform(-3, 3, 9)
T(F, 6, r"= \frac{e^{x}}{1+e^{x}}.$$", True, vclose(d1(zeta, xs), np.exp(xs) / (1 + np.exp(xs))))
T(F, 9, r"\zeta'(x) = \frac{1}{1+e^{x}} = \sigma(-x)", False, vclose(d1(zeta, xs), 1 / (1 + np.exp(xs))))
T(F, 12, r"\zeta''(x) = -\sigma(-x)\,\bigl(1-\sigma(-x)\bigr)", False,
  vclose(d2(zeta, xs), -sig(-xs) * (1 - sig(-xs)), 1e-5))
T(F, 16, r"\approx 2.1269", True, rd(2.1269, zeta(2.0), 4))
T(F, 17, r"\zeta'(2) = \sigma(-2) \approx 0.1192", False, rd(0.1192, d1(zeta, 2.0), 4))
T(F, 18, r"\zeta(x) - \zeta(-x) = x", True, vclose(zeta(xs) - zeta(-xs), xs, 1e-12))
T(F, 18, r"\zeta(-2) \approx 0.1269", True, rd(0.1269, zeta(-2.0), 4))
T(F, 19, r"\zeta(0) = \ln 2 \approx 0.6931", True, near(zeta(0.0), math.log(2), 1e-15) and rd(0.6931, math.log(2), 4))

# =================================================================== 08
F = "08_mse_mae_huber.md"
yh = np.array([2.5, 0.0, 2.0, 8.0])
yt = np.array([3.0, -0.5, 2.0, 7.0])
r8 = yh - yt
mse = lambda a: np.mean((a - yt) ** 2)
mae = lambda a: np.mean(np.abs(a - yt))
def huber(rr, dl=0.75):
    rr = np.asarray(rr, float)
    return np.where(np.abs(rr) <= dl, 0.5 * rr ** 2, dl * (np.abs(rr) - 0.5 * dl))
hub = lambda a: np.mean(huber(a - yt))
T(F, 5, r"r = (-0.5,\ 0.5,\ 0,\ 1.0)", True, vclose(r8, [-0.5, 0.5, 0, 1.0], 1e-12))
T(F, 7, r"{4} = 0.375", True, near(mse(yh), 0.375, 1e-12))
T(F, 8, r"(-0.25,\ 0.25,\ 0,\ 0.5)", True, vclose(num_grad(mse, yh), [-0.25, 0.25, 0, 0.5]))
T(F, 10, r"{4} = 0.5", True, near(mae(yh), 0.5, 1e-12))
gm = num_grad(mae, yh)
T(F, 11, r"(-0.25,\ 0.25,\ 0,\ 0.25)", True,
  vclose(np.sign(r8) / 4, [-0.25, 0.25, 0, 0.25]) and vclose(gm[[0, 1, 3]], [-0.25, 0.25, 0.25]))
T(F, 19, r"0.75\,(1 - 0.375) = 0.46875", True, near(float(huber(1.0)), 0.46875, 1e-12))
T(F, 19, r"0.71875/4 \approx 0.1797", True, near(huber(r8).sum(), 0.71875, 1e-12) and rd(0.1797, hub(yh), 4))
T(F, 20, r"(-0.125,\ 0.125,\ 0,\ 0.1875)", True, vclose(num_grad(hub, yh), [-0.125, 0.125, 0, 0.1875]))
T(F, 22, r"gradient $0.5$ under MSE but only $0.1875$", True,
  near(num_grad(mse, yh)[3], 0.5, 1e-6) and near(num_grad(hub, yh)[3], 0.1875, 1e-6))

# =================================================================== 09
F = "09_regressione_logistica.md"
def bce_z(zz, yy):
    pp = sig(zz)
    return -(yy * np.log(pp) + (1 - yy) * np.log(1 - pp))
T(F, 6, r"\frac{\partial L}{\partial z} = p - y", True,
  all(near(d1(lambda t: bce_z(t, yy), zz), sig(zz) - yy, 1e-6) for zz in (-1.3, 0.2, 2.0) for yy in (0, 1)))
wr, br_, xr = rng.normal(size=3), 0.3, rng.normal(size=3)
lossw = lambda w: bce_z(w @ xr + br_, 1.0)
T(F, 7, r"\nabla_{\mathbf{w}} L = (p - y)\,\mathbf{x}", True, vclose(num_grad(lossw, wr), (sig(wr @ xr + br_) - 1) * xr))
w9, b9, x9, y9, eta9 = np.array([0.5, -0.25]), 0.1, np.array([2.0, 4.0]), 1.0, 0.1
z9 = w9 @ x9 + b9
T(F, 11, r"0.25 \cdot 4 + 0.1 = 0.1", True, near(z9, 0.1, 1e-12))
T(F, 12, r"\sigma(0.1) \approx 0.5250", True, rd(0.5250, sig(z9), 4))
T(F, 12, r"\approx 0.6444", True, rd(0.6444, bce_z(z9, 1.0), 4))
L9 = lambda wb: bce_z(wb[:2] @ x9 + wb[2], 1.0)
g9 = num_grad(L9, np.array([0.5, -0.25, 0.1]))
T(F, 13, r"p - y \approx -0.4750", True, rd(-0.4750, sig(z9) - 1, 4))
T(F, 13, r"(-0.950, -1.900)", True, vrd([-0.950, -1.900], g9[:2], 3))
T(F, 13, r"\partial L/\partial b \approx -0.475", True, rd(-0.475, g9[2], 3))
w9n = w9 - eta9 * g9[:2]
b9n = b9 - eta9 * g9[2]
T(F, 14, r"(0.595, -0.44)", False, vrd([0.595, -0.44], w9n, 3))
T(F, 15, r"= 0.1475", True, rd(0.1475, b9n, 4))
z9n = w9n @ x9 + b9n
T(F, 16, r"= -0.4225", False, rd(-0.4225, z9n, 3))
T(F, 17, r"\approx 0.9266", False, rd(0.9266, bce_z(z9n, 1.0), 4))

# =================================================================== 10
F = "10_linear_layer_backward.md"
n10, din, dout = 3, 4, 2
X = rng.normal(size=(n10, din))
W = rng.normal(size=(din, dout))
b = rng.normal(size=dout)
G = rng.normal(size=(n10, dout))
fX = lambda XX: np.sum(G * (XX @ W + b))
fW = lambda WW: np.sum(G * (X @ WW + b))
fb = lambda bb: np.sum(G * (X @ W + bb))
gX, gW, gb = num_grad(fX, X), num_grad(fW, W), num_grad(fb, b)
T(F, 9, r"\sum_j G_{kj} W_{ij}", True, vclose(gX, np.einsum("kj,ij->ki", G, W)))
T(F, 9, r"\mathbf{G}\mathbf{W}^\top \in \mathbb{R}^{n \times d_{in}}", True,
  vclose(gX, G @ W.T) and gX.shape == (n10, din))
T(F, 13, r"\nabla_{\mathbf{W}} L = \mathbf{G}^\top \mathbf{X}", False, vclose(gW, G.T @ X))
T(F, 15, r"$d_{out} \times d_{in}$", False, gW.shape == (dout, din))
T(F, 17, r"\nabla_{\mathbf{b}} L = \mathbf{G}^\top \mathbf{1}", True, vclose(gb, G.T @ np.ones(n10)))
T(F, 21, r"784 \cdot 128 = 100\,352", True, 784 * 128 == 100352)
T(F, 21, r"$100\,480$ parameters", True, 784 * 128 + 128 == 100480)
T(F, 22, r"$32 \times 784$", True, (np.zeros((32, 128)) @ np.zeros((784, 128)).T).shape == (32, 784))
T(F, 23, r"$128 \times 784$", False, (np.zeros((32, 784)).T @ np.zeros((32, 128))).shape == (128, 784))

# =================================================================== 11
F = "11_mlp_dva_sloya.md"
x11 = np.array([1.0, 2.0])
W1 = np.array([[0.1, 0.2], [-0.3, 0.4]])
b1 = np.array([0.0, -0.6])
w2 = np.array([0.5, -0.6])
b2, y11 = 0.2, 1.0
def mlp(W1_=W1, b1_=b1, w2_=w2, b2_=b2):
    z1 = W1_ @ x11 + b1_
    h = np.maximum(z1, 0)
    yhat = w2_ @ h + b2_
    return 0.5 * (yhat - y11) ** 2, z1, h, yhat
L11, z1, h11, yhat11 = mlp()
T(F, 10, r"= (0.5,\ -0.1)", True, vclose(z1, [0.5, -0.1], 1e-12))
T(F, 11, r"\mathbf{h} = (0.5,\ 0)", True, vclose(h11, [0.5, 0], 1e-12))
T(F, 12, r"+ 0.2 = 0.45", True, near(yhat11, 0.45, 1e-12))
T(F, 12, r"= 0.15125", True, near(L11, 0.15125, 1e-12))
T(F, 16, r"= -0.55", True, near(d1(lambda t: 0.5 * (t - y11) ** 2, yhat11), -0.55, 1e-8))
T(F, 17, r"(-0.275,\ 0)", True, vclose(num_grad(lambda v: mlp(w2_=v)[0], w2), [-0.275, 0]))
T(F, 17, r"\partial L/\partial b_2 = -0.55", True, near(d1(lambda t: mlp(b2_=t)[0], b2), -0.55, 1e-8))
T(F, 18, r"(-0.275,\ 0.33)", True, vclose(num_grad(lambda hh: 0.5 * (w2 @ hh + b2 - y11) ** 2, h11), [-0.275, 0.33]))
lossz = lambda zz: 0.5 * (w2 @ np.maximum(zz, 0) + b2 - y11) ** 2
T(F, 19, r"= (-0.275,\ 0)$", True, vclose(num_grad(lossz, z1), [-0.275, 0]))
gW1 = num_grad(lambda M: mlp(W1_=M)[0], W1)
T(F, 20, r"\begin{pmatrix} -0.275 & -0.55 \\ 0 & 0 \end{pmatrix}", True, vclose(gW1, [[-0.275, -0.55], [0, 0]]))
T(F, 20, r"\nabla_{\mathbf{b}_1} L = (-0.275,\ 0)", True, vclose(num_grad(lambda v: mlp(b1_=v)[0], b1), [-0.275, 0]))
T(F, 22, r"не получает градиента", True, np.all(np.abs(gW1[1]) < 1e-9))

# =================================================================== 12
F = "12_batchnorm_backward.md"
def bn(x, gam, bet, eps):
    mu = x.mean()
    var = ((x - mu) ** 2).mean()
    return gam * (x - mu) / np.sqrt(var + eps) + bet
xr12 = rng.normal(size=5)
gr12 = rng.normal(size=5)
gam_r, eps_r = 1.7, 1e-3
xhat_r = (xr12 - xr12.mean()) / np.sqrt(xr12.var() + eps_r)
T(F, 7, r"\frac{\partial L}{\partial \gamma} = \sum_i g_i \hat x_i", True,
  near(d1(lambda t: np.sum(gr12 * bn(xr12, t, 0.2, eps_r)), gam_r), np.sum(gr12 * xhat_r), 1e-6))
T(F, 7, r"\frac{\partial L}{\partial \beta} = \sum_i g_i", True,
  near(d1(lambda t: np.sum(gr12 * bn(xr12, gam_r, t, eps_r)), 0.2), gr12.sum(), 1e-6))
T(F, 9, r"\partial \mu/\partial x_j = 1/m", True, vclose(num_grad(lambda v: v.mean(), xr12), np.full(5, 0.2)))
T(F, 9, r"\frac{2}{m}(x_j-\mu)", True, vclose(num_grad(lambda v: v.var(), xr12), 2 / 5 * (xr12 - xr12.mean())))
gx_fd = num_grad(lambda v: np.sum(gr12 * bn(v, gam_r, 0.0, eps_r)), xr12)
m12 = 5
form14 = gam_r / np.sqrt(xr12.var() + eps_r) * (m12 * gr12 - gr12.sum() - xhat_r * np.sum(gr12 * xhat_r))
T(F, 14, r"\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\Bigl(m\,g_i", False, vclose(form14, gx_fd))
xe = np.array([1.0, 2.0, 3.0])
ge12 = np.array([0.1, -0.2, 0.4])
xh_e = (xe - xe.mean()) / np.sqrt(xe.var())
T(F, 20, r"\sigma^2 = 2/3", True, Fraction(((Fraction(1) - 2) ** 2 + 0 + (Fraction(3) - 2) ** 2), 3) == Fraction(2, 3))
T(F, 20, r"\sqrt{\sigma^2} \approx 0.8165", True, rd(0.8165, math.sqrt(2 / 3), 4))
T(F, 21, r"(-1.2247,\ 0,\ 1.2247)", True, vrd([-1.2247, 0, 1.2247], xh_e, 4))
T(F, 22, r"\partial L/\partial\beta = 0.3", True, near(ge12.sum(), 0.3, 1e-12))
T(F, 22, r"\approx 0.3674", True, rd(0.3674, np.sum(ge12 * xh_e), 4))
bracket = 3 * ge12 - ge12.sum() - xh_e * np.sum(ge12 * xh_e)
T(F, 23, r"= (0.45,\ -0.9,\ 0.45)", True, vclose(bracket, [0.45, -0.9, 0.45], 1e-9))
gxe_fd = num_grad(lambda v: np.sum(ge12 * bn(v, 2.0, 0.5, 0.0)), xe)
# the true prefactor multiplying the bracket
T(F, 24, r"\gamma/\sqrt{\sigma^2} \approx 2.4495", False, vclose(2.4495 * bracket, gxe_fd, 1e-3))
T(F, 25, r"(1.1023,\ -2.2045,\ 1.1023)", False, vrd([1.1023, -2.2045, 1.1023], gxe_fd, 4))
T(F, 27, r"sums to zero over the batch", True, abs(gxe_fd.sum()) < 1e-7 and abs(gx_fd.sum()) < 1e-7)

# =================================================================== 13
F = "13_layernorm_fanxiang.md"
def lnorm(x):
    return (x - x.mean()) / x.std()
xr13 = rng.normal(size=5)
d13 = 5
xh13 = lnorm(xr13)
J13 = num_jac(lnorm, xr13)
Jform = (np.eye(d13) - 1 / d13 - np.outer(xh13, xh13) / d13) / xr13.std()
T(F, 7, r"\frac{1}{\sigma}\Bigl(\delta_{ij} - \frac1d - \frac{\hat x_i \hat x_j}{d}\Bigr)", True, vclose(J13, Jform))
T(F, 9, r"因为雅可比矩阵是对称的", True, vclose(J13, J13.T))
gp13 = rng.normal(size=5)
gform = (gp13 - gp13.mean() - xh13 * np.mean(gp13 * xh13)) / xr13.std()
T(F, 11, r"\operatorname{mean}(\mathbf{g}' \odot \hat{\mathbf{x}})\Bigr)", True,
  vclose(num_grad(lambda v: np.sum(gp13 * lnorm(v)), xr13), gform))
xe13 = np.array([2.0, 4.0, 6.0, 8.0])
T(F, 15, r"\mu = 5", True, xe13.mean() == 5)
T(F, 15, r"\sigma^2 = 5", True, near(xe13.var(), 5, 1e-12))
T(F, 15, r"\sigma \approx 2.2361", True, rd(2.2361, xe13.std(), 4))
xhe13 = lnorm(xe13)
T(F, 16, r"(-1.3416,\ -0.4472,\ 0.4472,\ 1.3416)", True, vrd([-1.3416, -0.4472, 0.4472, 1.3416], xhe13, 4))
T(F, 17, r"\sum_k \hat x_k = 0", True, abs(xhe13.sum()) < 1e-12)
T(F, 17, r"\sum_k \hat x_k^2 = d = 4", True, near(np.sum(xhe13 ** 2), 4, 1e-12))
gpe = np.array([1.0, 0, 0, 0])
T(F, 19, r"\operatorname{mean}(\mathbf{g}') = 0.25", True, gpe.mean() == 0.25)
T(F, 19, r"\approx -0.3354", True, rd(-0.3354, np.mean(gpe * xhe13), 4))
gxe13 = num_grad(lambda v: np.sum(gpe * lnorm(v)), xe13)
T(F, 21, r"(0.1342,\ -0.1789,\ -0.0447,\ 0.0894)", True, vrd([0.1342, -0.1789, -0.0447, 0.0894], gxe13, 4))
T(F, 23, r"各分量之和为 $0$", True, abs(gxe13.sum()) < 1e-8)
T(F, 23, r"加同一个常数不会改变", True, vclose(lnorm(xr13 + 3.7), lnorm(xr13), 1e-12))

# =================================================================== 14
F = "14_dropout_scaling.md"
def drop_moments(pk, x):
    vals = np.array([0.0, x / pk])       # m = 0 or 1
    probs = np.array([1 - pk, pk])
    mean = np.sum(probs * vals)
    return mean, np.sum(probs * (vals - mean) ** 2)
ok9 = all(near(drop_moments(pk, x)[0], x, 1e-12) for pk in (0.8, 0.3, 0.5) for x in (2.0, -1.7))
T(F, 9, r"\frac{p\, x_i}{p} = x_i", True, ok9)
ok13 = all(near(drop_moments(pk, x)[1], x * x * (1 - pk) / pk, 1e-12) for pk in (0.8, 0.3) for x in (2.0, -1.7))
T(F, 13, r"= x_i^2\,\frac{1-p}{p}", True, ok13)
T(F, 13, r"\frac{x_i^2\, p(1-p)}{p^2}", True,
  all(near(drop_moments(pk, x)[1], x * x * pk * (1 - pk) / pk ** 2, 1e-12) for pk in (0.8, 0.3) for x in (2.0, -1.7)))
T(F, 15, r"4 \cdot 0.2/0.8 = 1", True, near(drop_moments(0.8, 2.0)[1], 1.0, 1e-12))
mask = (rng.uniform(size=6) < 0.8).astype(float)
up = rng.normal(size=6)
x14 = rng.normal(size=6)
T(F, 17, r"\frac{m_i}{p}\,\frac{\partial L}{\partial y_i}", True,
  vclose(num_grad(lambda v: np.sum(up * mask * v / 0.8), x14), mask * up / 0.8))
T(F, 19, r"mean $800$", True, near(1000 * 0.8, 800, 1e-9))
T(F, 19, r"\approx 12.65", True, rd(12.65, math.sqrt(sum(math.comb(1000, k) * 0.8 ** k * 0.2 ** (1000 - k) * (k - 800) ** 2 for k in range(1001))), 2))
wv, xv = rng.normal(size=5), rng.normal(size=5)
# exact expectation over all 2^5 masks of the training-time (non-inverted) pre-activation
etrain = 0.0
for bits in range(32):
    mm = np.array([(bits >> k) & 1 for k in range(5)], float)
    pr = np.prod(np.where(mm == 1, 0.8, 0.2))
    etrain += pr * np.sum(wv * mm * xv)
T(F, 21, r"both give the same expected pre-activations", True, near(etrain, np.sum(0.8 * wv * xv), 1e-12))

# =================================================================== 15
F = "15_xavier_he_shokika.md"
n_in15, Ns = 50, 200000
wmc = rng.normal(0, math.sqrt(0.01), size=(Ns, n_in15))
xmc = rng.normal(0, math.sqrt(2.0), size=(Ns, n_in15))
zmc = np.sum(wmc * xmc, axis=1)
T(F, 5, r"\operatorname{Var}(z) = n_{in}\,\operatorname{Var}(w)\,\operatorname{Var}(x)", True,
  near(zmc.var(), n_in15 * 0.01 * 2.0, 0.03))
T(F, 7, r"\operatorname{Var}(w) = 1/n_{in}", True, Fraction(256) * Fraction(1, 256) == 1)
T(F, 9, r"\frac{2}{n_{in}+n_{out}}", True, Fraction(2, 256 + 128) == 1 / Fraction(256 + 128, 2))
def uniform_var(a, n=200000):
    t = (np.arange(n) + 0.5) / n * 2 * a - a   # midpoint rule for density 1/(2a)
    return np.mean(t ** 2)
T(F, 13, r"\operatorname{Var}(w) = a^2/12", False, near(uniform_var(0.7), 0.7 ** 2 / 12, 1e-6))
a15 = math.sqrt(24 / (256 + 128))
T(F, 14, r"a = \sqrt{\frac{24}{n_{in}+n_{out}}}", False, near(uniform_var(a15), 2 / (256 + 128), 1e-7))
tq = np.linspace(-12, 12, 400001)
phi = np.exp(-tq ** 2 / 2) / math.sqrt(2 * math.pi)
e_relu2 = np.trapezoid(np.maximum(tq, 0) ** 2 * phi, tq) if hasattr(np, "trapezoid") else np.trapz(np.maximum(tq, 0) ** 2 * phi, tq)
T(F, 16, r"\mathbb{E}[\mathrm{ReLU}(z)^2] = \tfrac12\operatorname{Var}(z)", True, near(e_relu2, 0.5, 1e-8))
T(F, 16, r"$w \sim \mathcal{N}(0,\ 2/n_{in})$", True, Fraction(256) * Fraction(2, 256) * Fraction(1, 2) == 1)
T(F, 20, r"2/384 \approx 0.005208", True, rd(0.005208, 2 / 384, 6))
T(F, 20, r"\approx 0.0722", True, rd(0.0722, math.sqrt(2 / 384), 4))
T(F, 21, r"a = \sqrt{24/384} = 0.25", False, near(0.25, math.sqrt(3 * 2 / 384), 1e-9))
T(F, 22, r"2/256 = 0.0078125", True, Fraction(2, 256) == Fraction(78125, 10 ** 7))
T(F, 22, r"\approx 0.0884", True, rd(0.0884, math.sqrt(2 / 256), 4))

# =================================================================== 16
F = "16_hapseonggob_chulryeok_keugi.md"
formula = lambda W_, K_, P_, S_: (W_ - K_ + 2 * P_) // S_ + 1
T(F, 5, r"O = \left\lfloor \frac{W - K + 2P}{S} \right\rfloor + 1", True,
  all(formula(W_, K_, P_, S_) == conv_out_brute(W_, K_, P_, S_)
      for W_ in range(5, 40, 3) for K_ in (1, 2, 3, 5) for P_ in (0, 1, 2) for S_ in (1, 2, 3)))
T(F, 9, r"\lfloor 111.5 \rfloor + 1 = 112", True, conv_out_brute(224, 7, 3, 2) == 112)
T(F, 11, r"\lfloor (112 - 3 + 2)/2 \rfloor + 1 = 56", True, conv_out_brute(112, 3, 1, 2) == 56)
T(F, 13, r"O = 32 - 5 + 1 = 28", True, conv_out_brute(32, 5, 0, 1) == 28)
T(F, 13, r"후에는 $14$", True, conv_out_brute(28, 2, 0, 2) == 14)
T(F, 15, r"$P = (K-1)/2$로 두면 $O = W$", True,
  all(conv_out_brute(W_, K_, (K_ - 1) // 2, 1) == W_ for W_ in range(7, 30) for K_ in (1, 3, 5, 7)))
T(F, 15, r"$K = 5$이면 $P = 2$", True, conv_out_brute(20, 5, 2, 1) == 20)
T(F, 17, r"\lfloor 6/2 \rfloor + 1 = 4", True, conv_out_brute(7, 3, 1, 2) == 4)

# =================================================================== 17
F = "17_dilation_receptive_field.md"
def taps_span(K_, d_):
    taps = [k * d_ for k in range(K_)]
    return max(taps) - min(taps) + 1
T(F, 5, r"K_{\text{eff}} = d\,(K-1) + 1", True,
  all(taps_span(K_, d_) == d_ * (K_ - 1) + 1 for K_ in range(1, 8) for d_ in range(1, 6)))
T(F, 7, r"with $d = 2$ spans $5$ pixels", True, taps_span(3, 2) == 5)
T(F, 7, r"with $d = 4$ it spans $9$", True, taps_span(3, 4) == 9)
T(F, 8, r"this gives $O = 64$", True, conv_out_brute(64, 3, 2, 1, d=2) == 64)
def rf_recursion(layers):
    r, j = 1, 1
    for K_, S_, d_ in layers:
        r = r + (d_ * (K_ - 1) + 1 - 1) * j
        j = j * S_
    return r, j
ok_rec = True
for _ in range(200):
    L_ = [(int(rng.integers(1, 6)), int(rng.integers(1, 4)), int(rng.integers(1, 4))) for _ in range(int(rng.integers(1, 6)))]
    ok_rec &= rf_recursion(L_) == rf_brute(L_)
T(F, 11, r"r_l = r_{l-1} + (K_{\text{eff},l} - 1)\, j_{l-1}", True, ok_rec)
T(F, 13, r"r = 1 + 2 + 4 + 8 = 15", True, rf_brute([(3, 1, 1), (3, 1, 2), (3, 1, 4)])[0] == 15)
stack = [(3, 1, 1), (3, 2, 1), (3, 1, 1), (3, 2, 1), (3, 1, 1)]
T(F, 17, r"r_1 = 1 + 2 \cdot 1 = 3", True, rf_brute(stack[:1]) == (3, 1))
T(F, 18, r"r_2 = 3 + 2 \cdot 1 = 5", True, rf_brute(stack[:2])[0] == 5)
T(F, 18, r"j_2 = 2", True, rf_brute(stack[:2])[1] == 2)
T(F, 19, r"r_3 = 5 + 2 \cdot 1 = 7", False, rf_brute(stack[:3])[0] == 7)
T(F, 19, r"j_3 = 2", True, rf_brute(stack[:3])[1] == 2)
T(F, 20, r"r_4 = 7 + 2 \cdot 2 = 11", False, rf_brute(stack[:4])[0] == 11)
T(F, 20, r"j_4 = 4", True, rf_brute(stack[:4])[1] == 4)
T(F, 21, r"r_5 = 11 + 2 \cdot 4 = 19", False, rf_brute(stack)[0] == 19)
T(F, 23, r"$19 \times 19$", False, rf_brute(stack)[0] == 19)

# =================================================================== 18
F = "18_parametry_konwolucji.md"
Cin, Cout, K18, H18 = 64, 128, 3, 56
weights18 = K18 * K18 * Cin * Cout
bias18 = Cout                                  # one bias per output channel
Ho18 = conv_out_brute(H18, K18, 1, 1)
T(F, 3, r"więc wyjście ma również rozmiar $56 \times 56$", True, Ho18 == 56)
T(F, 7, r"9 \cdot 64 \cdot 128 = 73\,728", True, weights18 == 73728)
T(F, 8, r"czyli $64$ parametry", False, bias18 == 64)
T(F, 9, r"73\,728 + 64 = 73\,792", False, weights18 + bias18 == 73792)
T(F, 10, r"$147\,584$ B", False, (weights18 + bias18) * 2 == 147584)
T(F, 12, r"$9 \cdot 64 = 576$", True, K18 * K18 * Cin == 576)
macs = sum(K18 * K18 * Cin for _ in range(Ho18 * Ho18 * Cout))
T(F, 14, r"73\,728 \cdot 3136 = 231\,211\,008", True, macs == 231211008 and 73728 * 3136 == 231211008)
T(F, 16, r"$462.4$ M FLOPs", True, rd(462.4, 2 * macs / 1e6, 1))
T(F, 18, r"3 \cdot 3 \cdot 64 = 576", True, 3 * 3 * 64 == 576)
T(F, 18, r"64 \cdot 128 = 8192", True, 64 * 128 == 8192)
T(F, 19, r"= \frac{1}{C_{out}} + \frac{1}{K^2} \approx 0.1189", True,
  Fraction(576 + 8192, 73728) == Fraction(1, 128) + Fraction(1, 9) and rd(0.1189, (576 + 8192) / 73728, 4))
T(F, 20, r"około $8.4$ razy mniej", True, rd(8.4, 73728 / 8768, 1))

# =================================================================== 19
F = "19_transposed_conv.md"
def tconv_len(I_, K_, S_, P_, d_=1, a_=0):
    return (I_ - 1) * S_ - 2 * P_ + d_ * (K_ - 1) + a_ + 1
ok19 = True
for I_ in range(1, 12):
    for K_ in (1, 2, 3, 4, 5):
        for S_ in (1, 2, 3):
            for P_ in (0, 1, 2):
                for d_ in (1, 2):
                    if tconv_len(I_, K_, S_, P_, d_) < 1 or 2 * P_ >= d_ * (K_ - 1) + 1 + (I_ - 1) * S_:
                        continue
                    for a_ in range(S_):
                        ok19 &= conv_out_brute(tconv_len(I_, K_, S_, P_, d_, a_), K_, P_, S_, d_) == I_
                    o0 = tconv_len(I_, K_, S_, P_, d_)
                    ok19 &= o0 - 1 < 1 or conv_out_brute(o0 - 1, K_, P_, S_, d_) != I_
T(F, 5, r"O = (I - 1)\,S - 2P + d\,(K - 1) + a + 1", True, ok19)
T(F, 9, r"3 \cdot 2 - 2 + 2 + 1 + 1 = 8", True,
  tconv_len(4, 3, 2, 1, 1, 1) == 8 and conv_out_brute(8, 3, 1, 2) == 4)
T(F, 9, r"we would get $7$", True, tconv_len(4, 3, 2, 1) == 7 and conv_out_brute(7, 3, 1, 2) == 4)
T(F, 10, r"= 2I", True, all(tconv_len(I_, 4, 2, 1) == 2 * I_ and conv_out_brute(2 * I_, 4, 1, 2) == I_ for I_ in range(1, 50)))
T(F, 10, r"becomes $32 \times 32$", True, tconv_len(16, 4, 2, 1) == 32)
def conv2d_valid(x, k):
    H_, W_ = x.shape
    kh, kw = k.shape
    return np.array([[np.sum(x[i:i + kh, j:j + kw] * k) for j in range(W_ - kw + 1)] for i in range(H_ - kh + 1)])
k19 = rng.normal(size=(3, 3))
Cmat = np.stack([conv2d_valid(np.eye(16)[c].reshape(4, 4), k19).ravel() for c in range(16)], axis=1)
T(F, 12, r"$C \in \mathbb{R}^{4 \times 16}$", True, Cmat.shape == (4, 16))
T(F, 12, r"$C^\top \in \mathbb{R}^{16 \times 4}$", True, Cmat.T.shape == (16, 4))
cvec = rng.normal(size=4)
x19 = rng.normal(size=(4, 4))
T(F, 12, r"\partial L/\partial \mathbf{x} = C^\top\, \partial L/\partial \mathbf{y}", True,
  vclose(num_grad(lambda v: np.sum(cvec * conv2d_valid(v, k19).ravel()), x19).ravel(), Cmat.T @ cvec))
def conv1d_matrix(n_in, ker, S_):
    K_ = len(ker)
    n_out = conv_out_brute(n_in, K_, 0, S_)
    M = np.zeros((n_out, n_in))
    for o in range(n_out):
        M[o, o * S_:o * S_ + K_] = ker
    return M
C1 = conv1d_matrix(5, np.array([1.0, 1.0, 1.0]), 2)        # 5 -> 2
T(F, 18, r"(1, 1, 1, 0, 0)", True, vclose(C1.T @ np.array([1.0, 0.0]), [1, 1, 1, 0, 0], 1e-12))
T(F, 19, r"(0, 0, 2, 2, 2)", True, vclose(C1.T @ np.array([0.0, 2.0]), [0, 0, 2, 2, 2], 1e-12))
T(F, 20, r"(1, 1, 3, 2, 2)", True, vclose(C1.T @ np.array([1.0, 2.0]), [1, 1, 3, 2, 2], 1e-12))
T(F, 24, r"(2-1)\cdot 2 + 3 = 5", True, C1.shape[1] == 5 and tconv_len(2, 3, 2, 0) == 5)
T(F, 24, r"$3 \cdot 3 = 9$", True, near(np.sum(C1.T @ np.array([1.0, 2.0])), 9, 1e-12))

# =================================================================== 20
F = "20_havuzlama_geri_yayilim.md"
X20 = np.array([[1, 3, 2, 1], [4, 2, 0, 1], [5, 6, 1, 2], [0, 1, 3, 7]], float)
G20 = np.array([[0.1, 0.2], [0.3, 0.4]])
maxpool = lambda A: A.reshape(2, 2, 2, 2).max(axis=(1, 3))
avgpool = lambda A: A.reshape(2, 2, 2, 2).mean(axis=(1, 3))
T(F, 9, r"\begin{pmatrix} 4 & 2 \\ 6 & 7 \end{pmatrix}", True, vclose(maxpool(X20), [[4, 2], [6, 7]], 1e-12))
T(F, 10, r"\begin{pmatrix} 2.5 & 1 \\ 3 & 3.25 \end{pmatrix}", True, vclose(avgpool(X20), [[2.5, 1], [3, 3.25]], 1e-12))
gmax = num_grad(lambda A: np.sum(G20 * maxpool(A)), X20, h=1e-4)
gavg = num_grad(lambda A: np.sum(G20 * avgpool(A)), X20)
T(F, 16, r"\begin{pmatrix} 0 & 0 & 0.2 & 0 \\ 0.1 & 0 & 0 & 0 \\ 0 & 0.3 & 0 & 0 \\ 0 & 0 & 0 & 0.4 \end{pmatrix}", True,
  vclose(gmax, [[0, 0, 0.2, 0], [0.1, 0, 0, 0], [0, 0.3, 0, 0], [0, 0, 0, 0.4]]))
T(F, 18, r"her girdi $g/4$ alır", True, vclose(gavg, np.kron(G20, np.ones((2, 2))) / 4))
T(F, 20, r"\begin{pmatrix} 0.025 & 0.025 & 0.05 & 0.05 \\ 0.025 & 0.025 & 0.05 & 0.05 \\ 0.075 & 0.075 & 0.1 & 0.1 \\ 0.075 & 0.075 & 0.1 & 0.1 \end{pmatrix}", True,
  vclose(gavg, [[0.025, 0.025, 0.05, 0.05], [0.025, 0.025, 0.05, 0.05], [0.075, 0.075, 0.1, 0.1], [0.075, 0.075, 0.1, 0.1]]))
T(F, 22, r"yani $1.0$'a eşittir", True, near(gmax.sum(), 1.0, 1e-8) and near(gavg.sum(), 1.0, 1e-8) and near(G20.sum(), 1.0, 1e-12))

# =================================================================== 21
F = "21_im2col_shapes.md"
from numpy.lib.stride_tricks import sliding_window_view
N21, C21, H21, K21, P21 = 8, 3, 32, 5, 2
xin = rng.normal(size=(N21, C21, H21, H21)).astype(np.float32)
xpad = np.pad(xin, ((0, 0), (0, 0), (P21, P21), (P21, P21)))
win = sliding_window_view(xpad, (K21, K21), axis=(2, 3))          # N,C,Ho,Wo,K,K
Ho21 = win.shape[2]
cols_per_img = win.shape[2] * win.shape[3]
Xcol = win.transpose(1, 4, 5, 0, 2, 3).reshape(C21 * K21 * K21, N21 * cols_per_img)
Wcol = rng.normal(size=(16, C21 * K21 * K21)).astype(np.float32)
Ycol = Wcol @ Xcol
T(F, 6, r"\frac{32 - 5 + 2\cdot 2}{1} = 31", False, Ho21 == 31)
T(F, 8, r"3 \cdot 25 = 75", True, Xcol.shape[0] == 75)
T(F, 10, r"$31 \cdot 31 = 961$ columns per image", False, cols_per_img == 961)
T(F, 12, r"$75 \times 7688$", False, Xcol.shape == (75, 7688))
T(F, 14, r"W_{col} \in \mathbb{R}^{16 \times 75}", True, Wcol.shape == (16, 75))
T(F, 15, r"\mathbb{R}^{16 \times 7688}", False, Ycol.shape == (16, 7688))
T(F, 16, r"$8 \times 16 \times 31 \times 31$", False, Ycol.reshape(16, N21, Ho21, Ho21).transpose(1, 0, 2, 3).shape == (8, 16, 31, 31))
T(F, 18, r"$2\,306\,400$ bytes", False, Xcol.size * 4 == 2306400)
T(F, 20, r"8 \cdot 3 \cdot 1024 = 24\,576", True, xin.size == 24576)
T(F, 20, r"a factor of about $23.5$", False, rd(23.5, Xcol.size / xin.size, 1))
T(F, 20, r"up to $K^2 = 25$ columns", True, K21 * K21 == 25)

# =================================================================== 22
F = "22_sgd_momentum_cz.md"
th, v = 1.0, 0.0
tr = []
for _ in range(3):
    g = 2 * th
    v = 0.9 * v + g
    th = th - 0.1 * v
    tr.append((g, v, th))
T(F, 11, r"v_1 &= 0.9 \cdot 0 + 2 = 2", True, near(tr[0][0], 2, 1e-12) and near(tr[0][1], 2, 1e-12))
T(F, 11, r"\theta_1 &= 1 - 0.1 \cdot 2 = 0.8", True, near(tr[0][2], 0.8, 1e-12))
T(F, 12, r"g_1 &= 1.6", True, near(tr[1][0], 1.6, 1e-12))
T(F, 12, r"v_2 &= 0.9 \cdot 2 + 1.6 = 3.4", True, near(tr[1][1], 3.4, 1e-12))
T(F, 12, r"\theta_2 &= 0.8 - 0.34 = 0.46", True, near(tr[1][2], 0.46, 1e-12))
T(F, 13, r"g_2 &= 0.92", True, near(tr[2][0], 0.92, 1e-12))
T(F, 13, r"= 3.98", True, near(tr[2][1], 3.98, 1e-12))
T(F, 13, r"\theta_3 &= 0.46 - 0.398 = 0.062", True, near(tr[2][2], 0.062, 1e-12))
ths = 1.0
for _ in range(3):
    ths = ths - 0.1 * 2 * ths
T(F, 17, r"\theta_3 = 0.8^3 = 0.512", True, near(ths, 0.512, 1e-12))
vv = 0.0
for _ in range(500):
    vv = 0.9 * vv + 1.0
T(F, 19, r"\eta/(1-\mu) = 1.0", True, near(0.1 * vv, 1.0, 1e-9))

# =================================================================== 23
F = "23_nesterov.md"
th, v = 1.0, 0.0
nt = []
for _ in range(3):
    la = th + 0.9 * v
    g = 2 * la
    v = 0.9 * v - 0.1 * g
    th = th + v
    nt.append((la, g, v, th))
T(F, 15, r"v_1 = -0.2", True, near(nt[0][2], -0.2, 1e-12))
T(F, 15, r"\theta_1 = 0.8", True, near(nt[0][3], 0.8, 1e-12))
T(F, 18, r"= 0.62", True, near(nt[1][0], 0.62, 1e-12))
T(F, 19, r"2 \cdot 0.62 = 1.42", False, near(nt[1][1], 1.42, 1e-9))
T(F, 20, r"= -0.322", False, near(nt[1][2], -0.322, 1e-9))
T(F, 21, r"= 0.478", False, near(nt[1][3], 0.478, 1e-9))
T(F, 24, r"= 0.1882", False, near(nt[2][0], 0.1882, 1e-9))
T(F, 27, r"= 0.15056", False, near(nt[2][3], 0.15056, 1e-9))
thc, vc, thn, vn = 1.0, 0.0, 1.0, 0.0
cl, ne = [], []
for _ in range(60):
    vc = 0.9 * vc + 2 * thc
    thc -= 0.1 * vc
    la = thn + 0.9 * vn
    vn = 0.9 * vn - 0.1 * 2 * la
    thn += vn
    cl.append(thc)
    ne.append(thn)
T(F, 29, r"damps the oscillation compared with classical momentum", True,
  min(ne) > min(cl) and max(abs(t) for t in ne[10:]) < max(abs(t) for t in cl[10:]))

# =================================================================== 24
F = "24_adam_bias_korrektur.md"
b1a, b2a, eta = 0.9, 0.999, 0.1
m = vv = 0.0
th = 1.0
ad = []
for t, g in enumerate([0.5, 0.3, -0.2], 1):
    m = b1a * m + (1 - b1a) * g
    vv = b2a * vv + (1 - b2a) * g * g
    mh = m / (1 - b1a ** t)
    vh = vv / (1 - b2a ** t)
    step = eta * mh / math.sqrt(vh)
    th -= step
    ad.append(dict(m=m, v=vv, mh=mh, vh=vh, step=step, th=th))
T(F, 9, r"$m_1 = 0.05$", True, near(ad[0]["m"], 0.05, 1e-12))
T(F, 9, r"$v_1 = 0.00025$", True, near(ad[0]["v"], 0.00025, 1e-12))
T(F, 9, r"\hat m_1 = 0.05/0.1 = 0.5", True, near(ad[0]["mh"], 0.5, 1e-12))
T(F, 9, r"\hat v_1 = 0.00025/0.001 = 0.25", True, near(ad[0]["vh"], 0.25, 1e-12))
T(F, 9, r"\theta_1 = 0.9", True, near(ad[0]["th"], 0.9, 1e-12))
T(F, 11, r"immer genau $\eta$", True,
  all(near(abs(eta * (0.1 * g) / 0.1 / math.sqrt(0.001 * g * g / 0.001)), eta, 1e-12) for g in (0.01, 3.0, -7.0)))
T(F, 16, r"= 0.075", True, near(ad[1]["m"], 0.075, 1e-12))
T(F, 17, r"= 0.00033975", True, near(ad[1]["v"], 0.00033975, 1e-12))
T(F, 18, r"= \frac{0.075}{0.1} = 0.75", False, near(ad[1]["mh"], 0.75, 1e-6))
T(F, 19, r"\approx 0.16996", True, rd(0.16996, ad[1]["vh"], 5))
T(F, 20, r"= 0.7181", False, rd(0.7181, ad[1]["th"], 4))
T(F, 24, r"m_3 = 0.0675 - 0.02 = 0.0475", True, near(ad[2]["m"], 0.0475, 1e-12))
T(F, 24, r"v_3 \approx 0.00037941", True, rd(0.00037941, ad[2]["v"], 8))
T(F, 24, r"1 - 0.9^3 = 0.271", True, near(1 - 0.9 ** 3, 0.271, 1e-12))
T(F, 24, r"\hat m_3 \approx 0.1753", True, rd(0.1753, ad[2]["mh"], 4))
T(F, 24, r"\hat v_3 \approx 0.1266", True, rd(0.1266, ad[2]["vh"], 4))
T(F, 24, r"\sqrt{\hat v_3} \approx 0.3558", True, rd(0.3558, math.sqrt(ad[2]["vh"]), 4))
T(F, 25, r"- 0.0493", True, rd(0.0493, ad[2]["step"], 4))
T(F, 25, r"= 0.6688", False, rd(0.6688, ad[2]["th"], 4))

# =================================================================== 25
F = "25_rmsprop.md"
s = 0.0
rm = []
for g in (2.0, 2.0, -1.0):
    s = 0.9 * s + 0.1 * g * g
    rm.append((s, math.sqrt(s), 0.01 * g / math.sqrt(s)))
T(F, 9, r"s_1 = 0.1 \cdot 4 = 0.4", True, near(rm[0][0], 0.4, 1e-12))
T(F, 9, r"\sqrt{s_1} \approx 0.6325", True, rd(0.6325, rm[0][1], 4))
T(F, 9, r"\approx 0.0316", True, rd(0.0316, rm[0][2], 4))
T(F, 10, r"= 0.76", True, near(rm[1][0], 0.76, 1e-12))
T(F, 10, r"\sqrt{s_2} \approx 0.8718", True, rd(0.8718, rm[1][1], 4))
T(F, 10, r"step $\approx 0.0229$", True, rd(0.0229, rm[1][2], 4))
T(F, 11, r"= 0.784", True, near(rm[2][0], 0.784, 1e-12))
T(F, 11, r"\sqrt{s_3} \approx 0.8854", True, rd(0.8854, rm[2][1], 4))
T(F, 11, r"*increases* by $\approx 0.0113$", True, rm[2][2] < 0 and rd(0.0113, -rm[2][2], 4))
ok25a = ok25b = True
for gconst in (0.3, -2.0):
    s = 0.0
    for t in range(1, 30):
        s = 0.9 * s + 0.1 * gconst ** 2
        ok25a &= near(s, (1 - 0.9 ** t) * gconst ** 2, 1e-12)
        ok25b &= near(0.01 * abs(gconst) / math.sqrt(s), 0.01 / math.sqrt(1 - 0.9 ** t), 1e-12)
T(F, 13, r"s_t = (1-\rho^t)\, g^2", True, ok25a)
T(F, 15, r"= \frac{\eta}{\sqrt{1-\rho^t}}", True, ok25b)
T(F, 17, r"\eta/\sqrt{0.1} \approx 3.16\,\eta", True, rd(3.16, 1 / math.sqrt(0.1), 2))
T(F, 17, r"tends to $\eta$", True, near(1 / math.sqrt(1 - 0.9 ** 400), 1.0, 1e-12))

# =================================================================== 26
F = "26_adagrad_fr.md"
def adagrad_steps(gs, eta_=0.5):
    G_, out = 0.0, []
    for g in gs:
        G_ += g * g
        out.append(eta_ * g / math.sqrt(G_))
    return out
sa = adagrad_steps([1.0, 1.0, 1.0])
sb = adagrad_steps([0.1, 0.1, 0.1])
T(F, 11, r"$G_3 = 3$", True, near(sum(1.0 for _ in range(3)), 3, 0))
T(F, 11, r"0.5/\sqrt{2} \approx 0.3536", True, rd(0.3536, sa[1], 4))
T(F, 11, r"0.5/\sqrt{3} \approx 0.2887", True, rd(0.2887, sa[2], 4))
T(F, 11, r"déplacement total $\approx 1.1422$", True, rd(1.1422, sum(sa), 4))
T(F, 12, r"0.5 \cdot 0.1/\sqrt{0.01} = 0.5", True, near(sb[0], 0.5, 1e-12))
T(F, 12, r"exactement les mêmes pas", True, vclose(sa, sb, 1e-12))
gseq = list(rng.normal(size=6))
T(F, 14, r"invariant à un changement d'échelle", True, vclose(adagrad_steps(gseq), adagrad_steps([3.7 * g for g in gseq]), 1e-12))
T(F, 16, r"vaut $\eta/\sqrt{t}$", True, vclose(adagrad_steps([2.5] * 8), [0.5 / math.sqrt(t) for t in range(1, 9)], 1e-12))
T(F, 17, r"\sum_{t=1}^{T} \frac{1}{\sqrt t} \le 2\sqrt{T} - 1", True,
  all(sum(1 / math.sqrt(t) for t in range(1, T_ + 1)) <= 2 * math.sqrt(T_) - 1 + 1e-12 for T_ in range(1, 400)))
T(F, 17, r"1 + 0.7071 + 0.5774 = 2.2845 \le 2.4641", True,
  rd(2.2845, 1 + 1 / math.sqrt(2) + 1 / math.sqrt(3), 4) and rd(2.4641, 2 * math.sqrt(3) - 1, 4))

# =================================================================== 27
F = "27_weight_decay_vs_l2.md"
A27 = rng.normal(size=(3, 3))
A27 = A27 @ A27.T
lam = 0.01
Ld = lambda w: 0.5 * w @ A27 @ w
wt = rng.normal(size=3)
T(F, 3, r"\nabla \tilde L = g + \lambda w", True,
  vclose(num_grad(lambda w: Ld(w) + lam / 2 * w @ w, wt), A27 @ wt + lam * wt))
gt = A27 @ wt
T(F, 6, r"= (1 - \eta\lambda)\, w_t - \eta\, g_t", True, vclose(wt - 0.1 * (gt + lam * wt), (1 - 0.1 * lam) * wt - 0.1 * gt, 1e-12))
T(F, 11, r"1 - \eta\lambda = 0.99", False, near(1 - 0.1 * 0.01, 0.99, 1e-12))
w1_sgd = 2.0 - 0.1 * (0.5 + 0.01 * 2.0)
T(F, 12, r"= 1.93", False, near(w1_sgd, 1.93, 1e-9))
def adam_first(w, g, eta_=0.1):
    m_ = 0.1 * g
    v_ = 0.001 * g * g
    return w - eta_ * (m_ / 0.1) / math.sqrt(v_ / 0.001)
T(F, 14, r"g' = 0.5 + 0.01 \cdot 2 = 0.52", True, near(0.5 + 0.01 * 2, 0.52, 1e-12))
T(F, 14, r"w_1 = 2 - 0.1 = 1.9", True, near(adam_first(2.0, 0.52), 1.9, 1e-12))
w1_adamw = (1 - 0.1 * 0.01) * 2.0 - 0.1 * (0.05 / 0.1) / math.sqrt(0.00025 / 0.001)
T(F, 16, r"\hat m_1/\sqrt{\hat v_1} = 0.5/0.5 = 1", True, near((0.05 / 0.1) / math.sqrt(0.00025 / 0.001), 1.0, 1e-12))
T(F, 16, r"w_1 = 0.99 \cdot 2 - 0.1 = 1.88", False, near(w1_adamw, 1.88, 1e-9))
T(F, 18, r"an extra $0.02$", False, near(adam_first(2.0, 0.52) - w1_adamw, 0.02, 1e-9))

# =================================================================== 28
F = "28_programacion_tasa_aprendizaje.md"
step_lr = lambda t: 0.1 * 0.1 ** (t // 30)
cos_lr = lambda t, T_=100, mx=0.1, mn=0.0: mn + 0.5 * (mx - mn) * (1 + math.cos(math.pi * t / T_))
T(F, 5, r"= 0.01$", True, near(step_lr(45), 0.01, 1e-15))
T(F, 6, r"= 10^{-4}", True, near(step_lr(90), 1e-4, 1e-15))
T(F, 14, r"\approx 0.0854", True, rd(0.0854, cos_lr(25), 4))
T(F, 15, r"0.05\,(1 + 0) = 0.05", True, near(cos_lr(50), 0.05, 1e-15))
T(F, 16, r"0.05\,(1 - 0.7071) \approx 0.0146", True, rd(-0.7071, math.cos(3 * math.pi / 4), 4) and rd(0.0146, cos_lr(75), 4))
T(F, 17, r"\eta_{100} &= 0", True, near(cos_lr(100), 0.0, 1e-15))
T(F, 21, r"\eta_{25} + \eta_{75} = \eta_{\max}", True, near(cos_lr(25) + cos_lr(75), 0.1, 1e-15))
T(F, 23, r"$\eta = 0.02$", True, near(0.1 * 100 / 500, 0.02, 1e-15))
T(F, 25, r"la tasa es $0.05$", True, near(cos_lr(5500 - 500, 10000), 0.05, 1e-15))

# =================================================================== 29
F = "29_gradient_clipping.md"
ga, gb_ = np.array([3.0, 4.0]), np.array([12.0])
gall = np.concatenate([ga, gb_])
gn = np.linalg.norm(gall)
scale = min(1.0, 5.0 / gn)
clipped = gall * scale
T(F, 5, r"the overall direction is preserved", True, near(clipped @ gall / (np.linalg.norm(clipped) * gn), 1.0, 1e-12))
T(F, 7, r"\sqrt{9 + 16} = 5", True, near(np.linalg.norm(ga), 5, 1e-12))
T(F, 7, r"\lVert\mathbf{g}_b\rVert = 12", True, near(np.linalg.norm(gb_), 12, 1e-12))
T(F, 8, r"= 5 + 12 = 17", False, near(gn, 17, 1e-9))
T(F, 9, r"5/17 \approx 0.2941", False, rd(0.2941, scale, 4))
T(F, 10, r"(0.8824, 1.1765)", False, vrd([0.8824, 1.1765, 3.5294], clipped, 4))
T(F, 11, r"The clipped global norm is", False, near(np.linalg.norm([0.8824, 1.1765, 3.5294]), 5.0, 1e-2))
byval = np.clip(gall, -5, 5)
T(F, 13, r"give $(3, 4)$ and $(5)$", True, vclose(byval, [3, 4, 5], 1e-12))
T(F, 13, r"85/(13\sqrt{50}) \approx 0.9247", True,
  near(byval @ gall, 85, 1e-12) and rd(0.9247, byval @ gall / (np.linalg.norm(byval) * gn), 4))

# =================================================================== 30
F = "30_bptt_rnn.md"
w30, u30 = 0.8, 1.0
xseq = [1.0, 0.5, -1.0]
def run_from(h_start, t_start, w_=w30):
    h = h_start
    for xt in xseq[t_start:]:
        h = math.tanh(w_ * h + u30 * xt)
    return h
hs = [0.0]
for xt in xseq:
    hs.append(math.tanh(w30 * hs[-1] + u30 * xt))
step_d = lambda t: d1(lambda hp: math.tanh(w30 * hp + u30 * xseq[t - 1]), hs[t - 1])   # dh_t/dh_{t-1}
T(F, 6, r"\prod_{t=2}^{T}\frac{\partial h_t}{\partial h_{t-1}}", True,
  near(d1(lambda h1: run_from(h1, 1), hs[1]), step_d(2) * step_d(3), 1e-8))
T(F, 8, r"\tanh' = 1 - \tanh^2", True, near(d1(math.tanh, 0.37), 1 - math.tanh(0.37) ** 2, 1e-9))
T(F, 9, r"= w\,(1 - h_{t-1}^2)", False, all(near(step_d(t), w30 * (1 - hs[t - 1] ** 2), 1e-6) for t in (2, 3)))
T(F, 13, r"h_1 = \tanh(1) \approx 0.7616", True, rd(0.7616, hs[1], 4))
T(F, 14, r"\tanh(1.1093) \approx 0.8038", True, rd(1.1093, w30 * hs[1] + 0.5, 4) and rd(0.8038, hs[2], 4))
T(F, 15, r"\tanh(-0.3570) \approx -0.3425", True, rd(-0.3570, w30 * hs[2] - 1, 4) and rd(-0.3425, hs[3], 4))
T(F, 19, r"\approx 0.8 \cdot 0.3539 \approx 0.2831", False, rd(0.2831, step_d(3), 4))
T(F, 20, r"\approx 0.8 \cdot 0.4200 \approx 0.3360", False, rd(0.3360, step_d(2), 4))
dL_dh1 = d1(lambda h1: run_from(h1, 1), hs[1])
T(F, 22, r"\approx 0.2831 \cdot 0.3360 \approx 0.0951", False, rd(0.0951, dL_dh1, 4))
T(F, 22, r"примерно в $10$ раз", False, near(1 / dL_dh1, 10, 1.0))
T(F, 24, r"не превосходит $|w| = 0.8$", True,
  all(abs(d1(lambda hp: math.tanh(w30 * hp + a), hp0)) <= 0.8 + 1e-9 for a in np.linspace(-3, 3, 13) for hp0 in np.linspace(-1, 1, 9)))

# =================================================================== 31
F = "31_lstm_gate_derivatives.md"
def lstm(a, cprev):
    ai, af, ao, ag = a
    i, f, o, g = sig(ai), sig(af), sig(ao), math.tanh(ag)
    c = f * cprev + i * g
    return o * math.tanh(c), c, (i, f, o, g)
ar = rng.normal(size=4)
cpr = float(rng.normal())
dh = float(rng.normal())
hr, cr, (ir, fr, orr, gr_) = lstm(ar, cpr)
Lh = lambda a, cp: dh * lstm(a, cp)[0]
ga31 = num_grad(lambda a: Lh(a, cpr), ar)
dc_r = dh * orr * (1 - math.tanh(cr) ** 2)
T(F, 11, r"\frac{\partial L}{\partial a_o} &= \delta h \cdot \tanh(c_t) \cdot o(1-o)", True,
  near(ga31[2], dh * math.tanh(cr) * orr * (1 - orr), 1e-7))
T(F, 12, r"\delta c &= \delta h \cdot o \cdot \bigl(1 - \tanh^2(c_t)\bigr)", True,
  near(d1(lambda c: dh * orr * math.tanh(c), cr), dc_r, 1e-7))
T(F, 13, r"&= \delta c \cdot c_{t-1} \cdot f(1-f)", True, near(ga31[1], dc_r * cpr * fr * (1 - fr), 1e-7))
T(F, 14, r"&= \delta c \cdot g \cdot i(1-i)", True, near(ga31[0], dc_r * gr_ * ir * (1 - ir), 1e-7))
T(F, 15, r"&= \delta c \cdot i \cdot (1-g^2)", True, near(ga31[3], dc_r * ir * (1 - gr_ ** 2), 1e-7))
T(F, 16, r"&= \delta c \cdot f", True, near(d1(lambda cp: Lh(ar, cp), cpr), dc_r * fr, 1e-7))
ae = np.array([0.0, 1.0, 0.0, 0.5])
he, ce, (ie, fe, oe, gee) = lstm(ae, 2.0)
T(F, 22, r"$i = 0.5$, $f \approx 0.7311$, $o = 0.5$, $g \approx 0.4621$", True,
  ie == 0.5 and oe == 0.5 and rd(0.7311, fe, 4) and rd(0.4621, gee, 4))
T(F, 23, r"1.4621 + 0.2311 = 1.6932", True, rd(1.4621, 2 * fe, 4) and rd(0.2311, ie * gee, 4) and rd(1.6932, ce, 4))
T(F, 23, r"\tanh(c_t) \approx 0.9346", True, rd(0.9346, math.tanh(ce), 4))
T(F, 23, r"h_t \approx 0.4673", True, rd(0.4673, he, 4))
T(F, 24, r"\delta c \approx 0.5 \cdot 0.1266 \approx 0.0633", True,
  rd(0.1266, 1 - math.tanh(ce) ** 2, 4) and rd(0.0633, d1(lambda c: oe * math.tanh(c), ce), 4))
ge31 = num_grad(lambda a: lstm(a, 2.0)[0], ae)
T(F, 25, r"\approx 0.9346 \cdot 0.25 \approx 0.2336", True, rd(0.2336, ge31[2], 4))
T(F, 26, r"\approx 0.0633 \cdot 2 \cdot 0.1966 \approx 0.0249", True, rd(0.0249, ge31[1], 4))
T(F, 26, r"\approx 0.0073", True, rd(0.0073, ge31[0], 4))
T(F, 27, r"\approx 0.0633 \cdot 0.7311 \approx 0.0463", True, rd(0.0463, d1(lambda cp: lstm(ae, cp)[0], 2.0), 4))

# =================================================================== 32
F = "32_zhuyili_suofang.md"
Nq, d32 = 100000, 64
q = rng.normal(size=(Nq, d32))
k = rng.normal(size=(Nq, d32))
s32 = np.sum(q * k, axis=1)
T(F, 6, r"\mathbb{E}[q_i^2]\,\mathbb{E}[k_i^2] = 1", True, near(np.var(q[:, 0] * k[:, 0]), 1.0, 0.03) and near(np.mean(q[:, 0] * k[:, 0]), 0, 0.02))
T(F, 7, r"\operatorname{Var}(s) = d", True, near(s32.var() / d32, 1.0, 0.03))
T(F, 9, r"标准差为 $8$", True, near(s32.std(), 8.0, 0.15))
T(F, 9, r"的方差为 $1$", True, near((s32 / 8).var(), 1.0, 0.03))
T(F, 11, r"\sqrt{64} = 8", True, math.isqrt(64) == 8)
p8 = softmax([8.0, 0.0])[0]
p1 = softmax([1.0, 0.0])[0]
T(F, 13, r"\approx 0.99966", True, rd(0.99966, p8, 5))
T(F, 13, r"p_1(1-p_1) \approx 0.000335", True, rd(0.000335, d1(lambda t: softmax([t, 0.0])[0], 8.0), 6))
T(F, 14, r"\approx 0.7311", True, rd(0.7311, p1, 4))
T(F, 14, r"p_1(1-p_1) \approx 0.1966", True, rd(0.1966, d1(lambda t: softmax([t, 0.0])[0], 1.0), 4))
T(F, 16, r"约 $586$ 倍", True, rd(586, (p1 * (1 - p1)) / (p8 * (1 - p8)), 0))

# =================================================================== 33
F = "33_embedding_gradient.md"
V33, d33 = 5, 2
E = rng.normal(size=(V33, d33))
ue = rng.normal(size=d33)
T(F, 5, r"\frac{\partial L}{\partial E} = \mathbf{u}_i", True,
  vclose(num_grad(lambda M: ue @ M[3], E), np.outer(np.eye(V33)[3], ue)))
toks = [2, 0, 2]
deltas = np.array([[0.1, -0.2], [0.3, 0.0], [0.5, 0.4]])
LE = lambda M: sum(deltas[t] @ M[tok] for t, tok in enumerate(toks))
gE = num_grad(LE, E)
T(F, 7, r"gradients of repeated tokens are **added**", True, vclose(gE[2], deltas[0] + deltas[2]))
T(F, 12, r"Row 0: $(0.3, 0.0)$", True, vclose(gE[0], [0.3, 0.0]))
T(F, 13, r"= (0.6, 0.6)", False, vclose(gE[2], [0.6, 0.6]))
T(F, 14, r"Rows 1, 3, 4: zero", True, np.all(np.abs(gE[[1, 3, 4]]) < 1e-9))
T(F, 16, r"$2$ non-zero rows out of $5$", True, int(np.sum(np.any(np.abs(gE) > 1e-9, axis=1))) == 2)
T(F, 16, r"= 0.9$", False, near(np.linalg.norm(gE), 0.9, 1e-6))
T(F, 18, r"= (-0.3, -0.3)", False, vclose(-0.5 * gE[2], [-0.3, -0.3]))
T(F, 18, r"row 0 by $(-0.15, 0)$", True, vclose(-0.5 * gE[0], [-0.15, 0]))

# =================================================================== 34
F = "34_kl_entropie_nl.md"
p34 = np.array([0.5, 0.3, 0.2])
q34 = np.array([0.4, 0.4, 0.2])
terms = -p34 * np.log(p34)
T(F, 6, r"0.3466 + 0.3612 + 0.3219", True, vrd([0.3466, 0.3612, 0.3219], terms, 4))
T(F, 6, r"\approx 1.0297", True, rd(1.0297, terms.sum(), 4))
dists = rng.dirichlet(np.ones(3), size=2000)
T(F, 7, r"maximale entropie $\ln 3 \approx 1.0986$", True,
  rd(1.0986, math.log(3), 4) and np.all(-np.sum(dists * np.log(dists), axis=1) <= math.log(3) + 1e-12))
kl_pq = np.sum(p34 * np.log(p34 / q34))
kl_qp = np.sum(q34 * np.log(q34 / p34))
T(F, 13, r"&= 0.5\ln 1.25 + 0.3\ln 0.75 + 0.2\ln 1", True,
  near(0.5 * math.log(1.25) + 0.3 * math.log(0.75) + 0.2 * math.log(1), kl_pq, 1e-15))
T(F, 14, r"0.1116 - 0.0863 + 0 = 0.0253", True,
  rd(0.1116, 0.5 * math.log(1.25), 4) and rd(-0.0863, 0.3 * math.log(0.75), 4) and rd(0.0253, kl_pq, 4))
T(F, 18, r"\approx 0.0258", True, near(0.4 * math.log(0.8) + 0.4 * math.log(4 / 3), kl_qp, 1e-15) and rd(0.0258, kl_qp, 4))
T(F, 18, r"niet symmetrisch", True, abs(kl_pq - kl_qp) > 1e-4)
ce = -np.sum(p34 * np.log(q34))
T(F, 20, r"-(0.8\ln 0.4 + 0.2\ln 0.2) \approx 1.0549", True,
  near(-(0.8 * math.log(0.4) + 0.2 * math.log(0.2)), ce, 1e-15) and rd(1.0549, ce, 4))
T(F, 20, r"H(p, q) = H(p) + D_{KL}(p\,\|\,q)", True, near(ce, terms.sum() + kl_pq, 1e-14))
zq = np.log(q34) + 0.37
gz34 = num_grad(lambda zz: -np.sum(p34 * np.log(softmax(zz))), zq)
T(F, 22, r"\nabla_{\mathbf{z}} = q - p", True, vclose(gz34, q34 - p34))
T(F, 22, r"$(-0.1, 0.1, 0)$", True, vclose(gz34, [-0.1, 0.1, 0]))

# =================================================================== 35
F = "35_logsumexp_trick.md"
with np.errstate(over="ignore"):
    ovf = np.isfinite(np.exp(709.78)) and np.isinf(np.exp(709.79)) and np.isinf(np.exp(1000.0))
T(F, 5, r"overflows to `inf` for $x > 709.78$", True, bool(ovf))
xr35 = rng.normal(size=6) * 5
lse = lambda v: math.log(np.sum(np.exp(v)))
T(F, 8, r"= m + \log\sum_i e^{x_i - m}", True, all(near(lse(xr35), mm + lse(xr35 - mm), 1e-12) for mm in (-3.0, 0.5, 7.0)))
T(F, 9, r"makes every exponent $\le 0$", True, np.all(xr35 - xr35.max() <= 0))
x35 = np.array([1000.0, 1001.0, 1002.0])
true_lse = 1002 + math.log(np.sum(np.exp(x35 - 1002)))
T(F, 14, r"e^{-2} + e^{-1} + e^{0}", True, vclose(np.exp(x35 - 1002), [math.exp(-2), math.exp(-1), 1.0], 1e-15))
T(F, 15, r"0.1353 + 0.3679 + 1 = 1.5032", True,
  rd(0.1353, math.exp(-2), 4) and rd(0.3679, math.exp(-1), 4) and rd(1.5032, np.sum(np.exp(x35 - 1002)), 4))
T(F, 16, r"\log 1.5032 &\approx 0.1770", False, rd(0.1770, math.log(1.5032), 4))
T(F, 19, r"\approx 1002.1770", False, rd(1002.1770, true_lse, 4))
T(F, 21, r"\max_i x_i \le \mathrm{LSE}(\mathbf{x}) \le \max_i x_i + \log n", True,
  all(v.max() <= lse(v) <= v.max() + math.log(len(v)) for v in rng.normal(size=(50, 5)) * 3))
T(F, 21, r"\le 1003.0986", True, rd(1003.0986, 1002 + math.log(3), 4))
T(F, 23, r"e^{x_i - \mathrm{LSE}(\mathbf{x})}", True, vclose(num_grad(lse, xr35), np.exp(xr35 - lse(xr35))))
T(F, 23, r"\approx 0.8378", False, rd(0.8378, softmax(x35)[2], 4))

# =================================================================== 36
F = "36_etikettutjamning_sv.md"
K36, eps36 = 4, 0.1
yls = (1 - eps36) * np.eye(K36)[0] + eps36 / K36
T(F, 6, r"$0.9 + 0.025 = 0.925$", True, near(yls[0], 0.925, 1e-12) and near(yls[1], 0.025, 1e-12))
T(F, 6, r"summan är fortfarande $1$", True, near(yls.sum(), 1.0, 1e-12))
zr36 = rng.normal(size=4)
L36 = lambda zz: -np.sum(yls * np.log(softmax(zz)))
T(F, 9, r"\nabla_{\mathbf{z}} L = \mathbf{p} - \mathbf{y}^{LS}", True, vclose(num_grad(L36, zr36), softmax(zr36) - yls))
z36 = np.array([2.0, 0, 0, 0])
p36 = softmax(z36)
T(F, 13, r"\approx 0.7112", True, rd(0.7112, p36[0], 4) and near(p36[0], math.exp(2) / (math.exp(2) + 3), 1e-15))
T(F, 13, r"$p_k \approx 0.0963$", True, rd(0.0963, p36[1], 4))
T(F, 14, r"= 0.4908", True, rd(0.3408, -math.log(p36[0]), 4) and rd(2.3408, -math.log(p36[1]), 4) and rd(0.4908, L36(z36), 4))
T(F, 15, r"(-0.2138,\ 0.0713,\ 0.0713,\ 0.0713)", True, vrd([-0.2138, 0.0713, 0.0713, 0.0713], num_grad(L36, z36), 4))
gap = math.log(0.925 / 0.025)
zopt = np.array([gap, 0, 0, 0])
T(F, 17, r"e^{z_1 - z_k} = 0.925/0.025", True, vclose(num_grad(L36, zopt), np.zeros(4), 1e-7))
T(F, 18, r"= \ln 3.7 \approx 1.3083", False, rd(1.3083, gap, 4))
T(F, 20, r"ungefär $1.31$", False, rd(1.31, gap, 2))

# =================================================================== 37
F = "37_temperature_scaling.md"
z37 = np.array([3.0, 1.0, 0.2])
pT = lambda T_: softmax(z37 / T_)
ent = lambda pp: -np.sum(pp * np.log(pp))
T(F, 9, r"$(0.8360,\ 0.1131,\ 0.0508)$", True, vrd([0.8360, 0.1131, 0.0508], pT(1.0), 4))
T(F, 9, r"$0.5477$", True, rd(0.5477, ent(pT(1.0)), 4))
T(F, 10, r"$(0.6194,\ 0.2279,\ 0.1527)$", True, vrd([0.6194, 0.2279, 0.1527], pT(2.0), 4))
T(F, 10, r"$0.9207$", True, rd(0.9207, ent(pT(2.0)), 4))
T(F, 12, r"tends to uniform", True, vclose(pT(1e7), np.full(3, 1 / 3), 1e-6) and vclose(pT(0.01), [1, 0, 0], 1e-9))
T(F, 12, r"The ranking of the classes never changes", True,
  all(list(np.argsort(pT(T_))) == list(np.argsort(z37)) for T_ in (0.1, 0.5, 1, 2, 10, 100)))
logpy = lambda T_, yy=0: math.log(pT(T_)[yy])
T(F, 14, r"\log p_y = z_y/T - \log\sum_j e^{z_j/T}", True,
  all(near(logpy(T_, yy), z37[yy] / T_ - math.log(np.sum(np.exp(z37 / T_))), 1e-12) for T_ in (0.7, 2.0) for yy in range(3)))
ok15 = all(near(d1(lambda t: logpy(t, yy), T_), -(z37[yy] - pT(T_) @ z37) / T_ ** 2, 1e-7) for T_ in (0.7, 2.0, 3.3) for yy in range(3))
T(F, 15, r"= -\frac{z_y - \bar z}{T^2}", True, ok15)
T(F, 18, r"\bigl(-\log p_y\bigr) = \frac{z_y - \bar z}{T^2}", True, ok15)
zbar = pT(2.0) @ z37
T(F, 20, r"\approx 2.1166", True, rd(2.1166, zbar, 4))
T(F, 20, r"(3 - 2.1166)/4 \approx 0.2209", True, rd(0.2209, d1(lambda t: -logpy(t), 2.0), 4))
T(F, 22, r"increasing $T$ further would increase the NLL", True, -logpy(2.1) > -logpy(2.0))

# =================================================================== 38
F = "38_tieu_bien_gradient_vi.md"
ws = rng.uniform(-1, 1, size=4)
def deep(h0, ws_):
    h = h0
    for w_ in ws_:
        h = sig(w_ * h)
    return h
h0 = 0.7
hs38 = [h0]
for w_ in ws:
    hs38.append(sig(w_ * hs38[-1]))
prod38 = np.prod([ws[l] * d1(sig, ws[l] * hs38[l]) for l in range(4)])
T(F, 4, r"\prod_{l=1}^{L} w_l\, \sigma'(z_l)", True, near(d1(lambda t: deep(t, ws), h0), prod38, 1e-8))
grid38 = np.linspace(-10, 10, 20001)
dsg = d1(sig, grid38)
T(F, 6, r"\le 0.25$ với mọi $z$", True, np.all(dsg <= 0.25 + 1e-9))
T(F, 6, r"đạt cực đại tại $z = 0$", True, abs(grid38[np.argmax(dsg)]) < 1e-9)
ok7 = True
for _ in range(200):
    Lr = int(rng.integers(1, 8))
    wr38 = rng.uniform(-1, 1, size=Lr)
    ok7 &= abs(d1(lambda t: deep(t, wr38), float(rng.uniform(-1, 1)))) <= 0.25 ** Lr + 1e-9
T(F, 7, r"\le 0.25^{L}", True, ok7)
T(F, 9, r"0.25^{10} \approx 9.54 \times 10^{-7}", True, rd(9.54, 0.25 ** 10 * 1e7, 2))
T(F, 11, r"\sigma'(1) \approx 0.1966", True, rd(0.1966, d1(sig, 1.0), 4))
T(F, 12, r"0.1966^5 \approx 2.94 \times 10^{-3}", False, near(0.1966 ** 5, 2.94e-3, 0.005e-3))
T(F, 13, r"khoảng $340$ lần", False, near(1 / d1(sig, 1.0) ** 5, 340, 10))
T(F, 15, r"ít nhất $|w_l| \ge 4$", True, near(1 / np.max(dsg), 4.0, 1e-6))
T(F, 17, r"\tanh'(0) = 1", True, near(d1(np.tanh, 0.0), 1.0, 1e-9))
T(F, 17, r"đạo hàm bằng $1$ khi $z > 0$", True, vclose(d1(lambda t: np.maximum(t, 0), np.array([0.1, 2.0, 9.0])), [1, 1, 1]))

# =================================================================== 39
F = "39_jacobian_elementwise.md"
xr39 = rng.normal(size=5)
J39 = num_jac(np.tanh, xr39)
T(F, 5, r"J = \operatorname{diag}\bigl(f'(\mathbf{x})\bigr)", True, vclose(J39, np.diag(1 - np.tanh(xr39) ** 2)))
gr39 = rng.normal(size=5)
T(F, 7, r"J^\top \mathbf{g} = f'(\mathbf{x}) \odot \mathbf{g}", True, vclose(J39.T @ gr39, (1 - np.tanh(xr39) ** 2) * gr39))
x39 = np.array([1.0, -2.0, 0.5])
g39 = np.array([1.0, 1.0, 2.0])
Jc = num_jac(lambda v: v ** 3, x39)
T(F, 11, r"= (3, 12, 0.75)", True, vclose(np.diag(Jc), [3, 12, 0.75]))
T(F, 12, r"= (3, 12, 1.5)", True, vclose(Jc.T @ g39, [3, 12, 1.5]))
T(F, 13, r"\det J = 3 \cdot 12 \cdot 0.75 = 27", True, near(np.linalg.det(Jc), 27, 1e-6))
normalize = lambda v: v / np.linalg.norm(v)
Jn = num_jac(normalize, x39)
yv = normalize(x39)
T(F, 16, r"\frac{1}{\lVert\mathbf{x}\rVert}\bigl(I - \mathbf{y}\mathbf{y}^\top\bigr)", True,
  vclose(Jn, (np.eye(3) - np.outer(yv, yv)) / np.linalg.norm(x39)))
T(F, 17, r"\lVert\mathbf{x}\rVert = \sqrt{5.25} \approx 2.2913", True, near(x39 @ x39, 5.25, 1e-12) and rd(2.2913, np.linalg.norm(x39), 4))
T(F, 17, r"Note that $J\mathbf{x} = \mathbf{0}$", True, vclose(Jn @ x39, np.zeros(3), 1e-6))

# =================================================================== 40
F = "40_chain_rule_gradcheck.md"
f40 = lambda v: (v[0] * v[1] + v[2]) ** 2
P40 = np.array([2.0, 3.0, -4.0])
T(F, 5, r"$q = 6$, $s = 2$, $f = 4$", True, P40[0] * P40[1] == 6 and P40[0] * P40[1] + P40[2] == 2 and f40(P40) == 4)
T(F, 9, r"df/ds = 2s = 4", True, near(d1(lambda s_: s_ ** 2, 2.0), 4, 1e-8))
g40 = num_grad(f40, P40)
T(F, 10, r"\partial f/\partial z = \partial f/\partial s \cdot 1 = 4", True, near(g40[2], 4, 1e-7))
T(F, 10, r"\partial f/\partial q = 4", True, near(d1(lambda q_: (q_ - 4.0) ** 2, 6.0), 4, 1e-7))
T(F, 11, r"4 \cdot 3 = 12", True, near(g40[0], 12, 1e-7))
T(F, 12, r"4 \cdot 2 = 8", True, near(g40[1], 8, 1e-7))
T(F, 16, r"2.003^2 = 4.012009", True, Fraction("2.003") ** 2 == Fraction("4.012009") and near(f40([2.001, 3, -4]), 4.012009, 1e-12))
T(F, 16, r"1.997^2 = 3.988009", True, Fraction("1.997") ** 2 == Fraction("3.988009") and near(f40([1.999, 3, -4]), 3.988009, 1e-12))
T(F, 16, r"$0.024/0.002 = 12$", True,
  (Fraction("4.012009") - Fraction("3.988009")) / Fraction("0.002") == 12)
fe_err = lambda h: abs((math.exp(h) - 1) / h - 1)
ce_err = lambda h: abs((math.exp(h) - math.exp(-h)) / (2 * h) - 1)
order_f = math.log2(fe_err(1e-2) / fe_err(5e-3))
order_c = math.log2(ce_err(1e-2) / ce_err(5e-3))
T(F, 18, r"forward-difference error of $O(h)$", True, near(order_f, 1.0, 0.02))
T(F, 18, r"central-difference error of $O(h^2)$", True, near(order_c, 2.0, 0.02))
x0 = 0.7
resid = [((math.sin(x0 + h) - math.sin(x0 - h)) / (2 * h) - math.cos(x0) - h * h / 6 * (-math.cos(x0))) / h ** 4 for h in (0.1, 0.05, 0.025)]
T(F, 19, r"= f'(x) + \frac{h^2}{6} f'''(x) + O(h^4)", True, max(abs(r_) for r_ in resid) < 0.01 and near(resid[0], resid[2], 1e-3))
T(F, 21, r"forward gives $1.0517$", True, rd(1.0517, (math.exp(0.1) - 1) / 0.1, 4))
T(F, 21, r"(error $\approx 0.0517 \approx h/2$)", True, rd(0.0517, fe_err(0.1), 4) and near(fe_err(0.1), 0.05, 0.005))
T(F, 21, r"central gives $1.001668$", True, rd(1.001668, (math.exp(0.1) - math.exp(-0.1)) / 0.2, 6))
T(F, 21, r"(error $\approx 0.00167 \approx h^2/6$)", True, rd(0.00167, ce_err(0.1), 5) and near(ce_err(0.1), 0.01 / 6, 1e-5))
T(F, 21, r"$\approx 0.000417$, four times smaller", True, rd(0.000417, ce_err(0.05), 6) and near(ce_err(0.1) / ce_err(0.05), 4, 0.01))



# ====================================================== carried-error checks
# In planted files the lines after the planted one are meant to follow
# *consistently* from the wrong value (as a student would carry it on).
# These checks are not ground-truth claims; they only confirm the carry.
CARRY = []


def C(file, line, snippet, cond):
    CARRY.append((file, line, snippet, bool(cond)))


C("02_sigmoid_ableitung.md", 10, r"&= -\sigma(x)\,(1-\sigma(x))", True)
C("02_sigmoid_ableitung.md", 16, r"\sigma'(0) = -0.25", near(-sig(0.0) * (1 - sig(0.0)), -0.25, 1e-12))
C("02_sigmoid_ableitung.md", 19, r"\approx -0.1050", rd(-0.1050, -0.8808 * 0.1192, 4))
C("04_relu_leaky_relu.md", 21, r"soit $10\,\%$ de $g_1$", near(0.04 / 0.4, 0.10, 1e-12))
C("05_elu_derivative.md", 13, r"= -1.6321", near(-0.6321 - 1, -1.6321, 1e-12))
C("05_elu_derivative.md", 14, r"= -0.8161", near(-0.3161 - 0.5, -0.8161, 1e-12))
C("07_softplus_derivada.md", 12, r"\zeta''(x)", vclose(d1(lambda t: sig(-t), xs), -sig(-xs) * (1 - sig(-xs))))
C("07_softplus_derivada.md", 17, r"\approx 0.1192", rd(0.1192, sig(-2.0), 4))
C("09_regressione_logistica.md", 16, r"= -0.4225", near(0.595 * 2 - 0.44 * 4 + 0.1475, -0.4225, 1e-12))
C("09_regressione_logistica.md", 17, r"\approx 0.9266", rd(0.3959, sig(-0.4225), 4) and rd(0.9266, -math.log(0.3959), 4))
C("10_linear_layer_backward.md", 23, r"$128 \times 784$", (np.zeros((32, 128)).T @ np.zeros((32, 784))).shape == (128, 784))
C("12_batchnorm_backward.md", 24, r"\approx 2.4495", rd(2.4495, 2 / math.sqrt(2 / 3), 4))
C("12_batchnorm_backward.md", 25, r"(1.1023,\ -2.2045,\ 1.1023)", vrd([1.1023, -2.2045, 1.1023], 2 / math.sqrt(2 / 3) * bracket, 4))
C("15_xavier_he_shokika.md", 14, r"\frac{24}{n_{in}+n_{out}}", near((math.sqrt(24 / 384)) ** 2 / 12, 2 / 384, 1e-15))
C("15_xavier_he_shokika.md", 21, r"= 0.25", near(math.sqrt(24 / 384), 0.25, 1e-15))
C("17_dilation_receptive_field.md", 20, r"r_4 = 7 + 2 \cdot 2 = 11", 7 + 2 * 2 == 11)
C("17_dilation_receptive_field.md", 21, r"r_5 = 11 + 2 \cdot 4 = 19", 11 + 2 * 4 == 19)
C("18_parametry_konwolucji.md", 9, r"= 73\,792", 73728 + 64 == 73792)
C("18_parametry_konwolucji.md", 10, r"\approx 144.1", 73792 * 2 == 147584 and rd(144.1, 147584 / 1024, 1))
C("21_im2col_shapes.md", 12, r"8 \cdot 961 = 7688", 8 * 31 * 31 == 7688)
C("21_im2col_shapes.md", 18, r"= 576\,600", 75 * 7688 == 576600 and 576600 * 4 == 2306400)
C("21_im2col_shapes.md", 20, r"about $23.5$", rd(23.5, 576600 / 24576, 1))
C("23_nesterov.md", 20, r"v_2 = -0.18 - 0.142 = -0.322", near(0.9 * -0.2 - 0.1 * 1.42, -0.322, 1e-12))
C("23_nesterov.md", 24, r"= 0.1882", near(0.478 + 0.9 * -0.322, 0.1882, 1e-12))
C("23_nesterov.md", 27, r"= 0.15056", near(0.478 + 0.9 * -0.322 - 0.1 * 0.3764, 0.15056, 1e-12))
C("24_adam_bias_korrektur.md", 20, r"= 0.7181", rd(0.1819, 0.1 * 0.75 / math.sqrt(ad[1]["vh"]), 4) and rd(0.7181, 0.9 - 0.1 * 0.75 / math.sqrt(ad[1]["vh"]), 4))
C("24_adam_bias_korrektur.md", 25, r"= 0.6688", near(0.7181 - 0.0493, 0.6688, 1e-12))
C("27_weight_decay_vs_l2.md", 12, r"= 1.93", near(0.99 * 2 - 0.1 * 0.5, 1.93, 1e-12))
C("27_weight_decay_vs_l2.md", 16, r"= 1.88", near(0.99 * 2 - 0.1, 1.88, 1e-12))
C("27_weight_decay_vs_l2.md", 18, r"an extra $0.02$", near(1.9 - 1.88, 0.02, 1e-12))
C("29_gradient_clipping.md", 10, r"(0.8824, 1.1765)", vrd([0.8824, 1.1765, 3.5294], gall * 5 / 17, 4))
C("30_bptt_rnn.md", 19, r"\approx 0.2831", rd(0.2831, w30 * (1 - hs[2] ** 2), 4))
C("30_bptt_rnn.md", 20, r"\approx 0.3360", rd(0.3360, w30 * (1 - hs[1] ** 2), 4))
C("30_bptt_rnn.md", 22, r"примерно в $10$ раз", rd(0.0951, 0.2831 * 0.3360, 4) and near(1 / 0.0951, 10, 0.6))
C("33_embedding_gradient.md", 16, r"= 0.9$", near(math.sqrt(0.09 + 0.36 + 0.36), 0.9, 1e-12))
C("33_embedding_gradient.md", 18, r"= (-0.3, -0.3)", vclose(-0.5 * np.array([0.6, 0.6]), [-0.3, -0.3], 1e-12))
C("35_logsumexp_trick.md", 19, r"1002.1770", rd(0.1770, math.log10(1.5032), 4))
C("35_logsumexp_trick.md", 23, r"\approx 0.8378", rd(0.8378, math.exp(-0.1770), 4))
C("36_etikettutjamning_sv.md", 20, r"ungefär $1.31$", rd(1.3083, math.log(3.7), 4))
C("38_tieu_bien_gradient_vi.md", 13, r"khoảng $340$ lần", near(1 / 2.94e-3, 340, 1.0))

# ================================================================= driver
def main():
    with open(os.path.join(HERE, "expected.json"), encoding="utf-8") as fh:
        expected = json.load(fh)
    md_files = sorted(f for f in os.listdir(HERE) if f.endswith(".md") and f[:2].isdigit())
    problems = []
    if sorted(expected) != md_files:
        problems.append(f"expected.json keys != markdown files: {sorted(set(expected) ^ set(md_files))}")
    lines_cache = {}
    observed_first = {f: None for f in md_files}
    per_file = {f: 0 for f in md_files}
    for file, line, snippet, ok_exp, obs in CLAIMS:
        if file not in lines_cache:
            path = os.path.join(HERE, file)
            if not os.path.exists(path):
                problems.append(f"{file}: file missing")
                lines_cache[file] = []
                continue
            with open(path, encoding="utf-8") as fh:
                lines_cache[file] = fh.read().split("\n")
        lines = lines_cache[file]
        if not (1 <= line <= len(lines)) or snippet not in lines[line - 1]:
            problems.append(f"{file}:{line}: snippet not found on that line: {snippet!r}")
            continue
        per_file[file] = per_file.get(file, 0) + 1
        if obs != ok_exp:
            problems.append(f"{file}:{line}: claim {snippet!r} evaluated {obs}, author expected {ok_exp}")
        if not obs and (observed_first[file] is None or line < observed_first[file]):
            observed_first[file] = line
    for f in md_files:
        n_lines = len(open(os.path.join(HERE, f), encoding="utf-8").read().rstrip("\n").split("\n"))
        if not 8 <= n_lines <= 30:
            problems.append(f"{f}: {n_lines} lines, outside 8..30")
        if per_file.get(f, 0) == 0:
            problems.append(f"{f}: no claims checked")
        if observed_first[f] != expected.get(f):
            problems.append(f"{f}: observed first wrong line {observed_first[f]}, expected.json says {expected.get(f)}")
    for file, line, snippet, cond in CARRY:
        lines = open(os.path.join(HERE, file), encoding="utf-8").read().split("\n")
        if not (1 <= line <= len(lines)) or snippet not in lines[line - 1]:
            problems.append(f"{file}:{line}: carry snippet not found on that line: {snippet!r}")
        elif expected.get(file) is None or line <= expected[file]:
            problems.append(f"{file}:{line}: carry check must come after the planted line")
        elif not cond:
            problems.append(f"{file}:{line}: carried value {snippet!r} does not follow from the planted error")
    n_planted = sum(v is not None for v in expected.values())
    print(f"files: {len(md_files)}  planted: {n_planted}  correct: {len(md_files) - n_planted}")
    print(f"claims: {len(CLAIMS)}  (true: {sum(c[4] for c in CLAIMS)}, false: {sum(not c[4] for c in CLAIMS)})")
    print(f"carried-error consistency checks: {len(CARRY)}")
    for f in md_files:
        print(f"  {f:40s} claims={per_file.get(f, 0):3d}  first_wrong={observed_first[f]}  expected={expected.get(f)}")
    if problems:
        print(f"\nFAILED with {len(problems)} problem(s):")
        for p_ in problems:
            print("  -", p_)
        return 1
    print("\nOK: every claim evaluates as intended and every first wrong line matches expected.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
