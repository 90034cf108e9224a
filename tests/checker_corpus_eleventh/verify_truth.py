#!/usr/bin/env python3
"""Independent ground truth for the 'eleventh' corpus.

Every record is (file, line, snippet, expected_truth, check).  The snippet must
occur literally on the given 1-based line of the file.  `check()` evaluates the
mathematical claim made there, independently of the text, using only NumPy and
the standard library (finite differences, exact arithmetic, brute force,
quadrature, Monte-Carlo and simulation).  The first record of a file whose
check is False is the observed first wrong line; it is compared with
expected.json.  The script also verifies that every check agrees with its
expected_truth.  Exit status is non-zero on any disagreement.
"""
import json
import math
import os
import sys
from fractions import Fraction as Fr

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
CLAIMS = []


def C(file, line, snippet, expect, check):
    CLAIMS.append((file, line, snippet, expect, check))


# ----------------------------------------------------------------- helpers
def close(a, b, tol=1e-6):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if a.shape != b.shape:
        return False
    return bool(np.allclose(a, b, rtol=tol, atol=tol))


def rnd(x, s):
    """True iff the real number x, correctly rounded to the number of decimals
    shown in the string s, prints exactly as s."""
    dec = len(s.split(".")[1]) if "." in s else 0
    out = f"{x:.{dec}f}"
    if out.startswith("-") and float(out) == 0.0:
        out = out[1:]
    return out == s


def rvec(xs, ss):
    return len(xs) == len(ss) and all(rnd(float(x), s) for x, s in zip(xs, ss))


def fd_grad(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[idx] = h
        g[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def fd_jac(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    y0 = np.asarray(f(x), dtype=float)
    J = np.zeros(y0.shape + x.shape)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[idx] = h
        J[(Ellipsis,) + idx] = (np.asarray(f(x + e)) - np.asarray(f(x - e))) / (2 * h)
    return J


def trap(y, x):
    return float(np.sum((y[1:] + y[:-1]) * np.diff(x)) / 2)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max())
    return e / e.sum()


def bisect(f, a, b, it=200):
    fa = f(a)
    for _ in range(it):
        m = 0.5 * (a + b)
        fm = f(m)
        if (fm > 0) == (fa > 0):
            a, fa = m, fm
        else:
            b = m
    return 0.5 * (a + b)


GH_X, GH_W = np.polynomial.hermite_e.hermegauss(80)
GH_W = GH_W / GH_W.sum()          # E over N(0,1): sum(GH_W * f(GH_X))


def EN(f):
    return float(np.sum(GH_W * f(GH_X)))


def Phi(x):
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def phi(x):
    return math.exp(-x * x / 2.0) / math.sqrt(2.0 * math.pi)


def all_of(*conds):
    return all(bool(c) for c in conds)

# =================================================================== 01
F01 = "01_backprop_mlp.md"
_r = np.random.default_rng(101)
_S = [3, 4, 2]
_W = [None, _r.normal(size=(4, 3)), _r.normal(size=(2, 4))]
_b = [None, _r.normal(size=4), _r.normal(size=2)]
_x = _r.normal(size=3)
_y = _r.normal(size=2)


def _fwd01(W1, b1, W2, b2, x):
    z1 = W1 @ x + b1
    a1 = np.tanh(z1)
    z2 = W2 @ a1 + b2
    a2 = np.tanh(z2)
    return z1, a1, z2, a2


def _J01(W1, b1, W2, b2, x=_x, y=_y):
    return 0.5 * np.sum((_fwd01(W1, b1, W2, b2, x)[3] - y) ** 2)


_z1, _a1, _z2, _a2 = _fwd01(_W[1], _b[1], _W[2], _b[2], _x)
_d2 = (_a2 - _y) * (1 - np.tanh(_z2) ** 2)
_d1 = (_W[2].T @ _d2) * (1 - np.tanh(_z1) ** 2)

C(F01, 15, r"\boldsymbol{\delta}^{(L)} = \nabla_{\mathbf{a}^{(L)}} J \odot \sigma'", True,
  lambda: close(_d2, fd_grad(lambda z: 0.5 * np.sum((np.tanh(z) - _y) ** 2), _z2)))
C(F01, 19, r"\Big( \big(\mathbf{W}^{(\ell+1)}\big)^\top \boldsymbol{\delta}^{(\ell+1)} \Big) \odot", True,
  lambda: close(_d1, fd_grad(lambda z: 0.5 * np.sum((np.tanh(_W[2] @ np.tanh(z) + _b[2]) - _y) ** 2), _z1)))
C(F01, 27, r"\nabla_{\mathbf{W}^{(\ell)}} J &= \boldsymbol{\delta}^{(\ell)} \big(\mathbf{a}^{(\ell-1)}\big)^\top", True,
  lambda: close(np.outer(_d1, _x), fd_grad(lambda W: _J01(W, _b[1], _W[2], _b[2]), _W[1]))
  and close(np.outer(_d2, _a1), fd_grad(lambda W: _J01(_W[1], _b[1], W, _b[2]), _W[2])))
C(F01, 28, r"\nabla_{\mathbf{b}^{(\ell)}} J &= \boldsymbol{\delta}^{(\ell)}.", True,
  lambda: close(_d1, fd_grad(lambda b: _J01(_W[1], b, _W[2], _b[2]), _b[1]))
  and close(_d2, fd_grad(lambda b: _J01(_W[1], _b[1], _W[2], b), _b[2])))
C(F01, 31, r"has shape $n_\ell \times n_{\ell-1}$, matching", True,
  lambda: np.outer(_d1, _x).shape == _W[1].shape and np.outer(_d2, _a1).shape == _W[2].shape)


def _batch01():
    r = np.random.default_rng(7)
    m = 5
    X = r.normal(size=(3, m))
    Y = r.normal(size=(2, m))

    def Javg(W1, b1):
        return np.mean([_J01(W1, b1, _W[2], _b[2], X[:, i], Y[:, i]) for i in range(m)])
    D = []
    for i in range(m):
        z1, a1, z2, a2 = _fwd01(_W[1], _b[1], _W[2], _b[2], X[:, i])
        d2 = (a2 - Y[:, i]) * (1 - a2 ** 2)
        D.append((_W[2].T @ d2) * (1 - a1 ** 2))
    D = np.array(D).T
    gW = fd_grad(lambda W: Javg(W, _b[1]), _W[1])
    gb = fd_grad(lambda b: Javg(_W[1], b), _b[1])
    return close(D @ X.T / m, gW) and close(D @ np.ones(m) / m, gb)


C(F01, 33, r"\nabla_{\mathbf{W}^{(\ell)}} J = \frac{1}{m}\, \boldsymbol{\Delta}^{(\ell)} \big(\mathbf{A}^{(\ell-1)}\big)^\top", True, _batch01)

_x01 = np.array([1.0, 2.0])
_W101 = np.array([[1.0, -1.0], [0.5, 1.0]])
_W201 = np.array([[2.0, -1.0]])


def _J01ex(W1, W2):
    z1 = W1 @ _x01
    a1 = np.maximum(z1, 0)
    z2 = W2 @ a1
    return 0.5 * (z2[0] - 0.5) ** 2


C(F01, 41, r"\mathbf{z}^{(1)} &= (-1,\ 2.5)^\top, \qquad \mathbf{a}^{(1)} = (0,\ 2.5)^\top", True,
  lambda: close(_W101 @ _x01, [-1, 2.5]) and close(np.maximum(_W101 @ _x01, 0), [0, 2.5]))
C(F01, 42, r"z^{(2)} &= a^{(2)} = -2.5, \qquad J = \tfrac12(-3)^2 = 4.5", True,
  lambda: close(_W201 @ np.maximum(_W101 @ _x01, 0), [-2.5]) and close(_J01ex(_W101, _W201), 4.5))
C(F01, 45, r"Going backwards, $\delta^{(2)} = a^{(2)} - y = -3$", True,
  lambda: close(fd_grad(lambda z: 0.5 * (z - 0.5) ** 2, np.array(-2.5)), -3))
C(F01, 48, r"\odot (0,\ 1)^\top = (0,\ 3)^\top", True,
  lambda: close(fd_grad(lambda z: 0.5 * ((_W201 @ np.maximum(z, 0))[0] - 0.5) ** 2, _W101 @ _x01), [0, 3]))
C(F01, 49, r"\nabla_{\mathbf{W}^{(2)}} J &= -3 \cdot (0,\ 2.5) = (0,\ -7.5)", True,
  lambda: close(fd_grad(lambda W: _J01ex(_W101, W), _W201), [[0, -7.5]]))
C(F01, 50, r"\nabla_{\mathbf{W}^{(1)}} J &= (0,\ 3)^\top (1,\ 2) = \begin{pmatrix} 0 & 0 \\ 3 & 6", True,
  lambda: close(fd_grad(lambda W: _J01ex(W, _W201), _W101), [[0, 0], [3, 6]]))
C(F01, 53, r"its ReLU derivative at $z^{(1)}_1 = -1$ is $0$", True,
  lambda: close(fd_grad(lambda z: np.maximum(z, 0), np.array(-1.0)), 0))

# =================================================================== 02
F02 = "02_softmax_regression.md"
_r = np.random.default_rng(202)
_W02 = _r.normal(size=(3, 2))
_b02 = _r.normal(size=3)
_x02 = _r.normal(size=2)
_y02 = np.array([0.0, 1.0, 0.0])
_z02 = _W02 @ _x02 + _b02
_p02 = softmax(_z02)


def _L02(W, b):
    return -np.sum(_y02 * np.log(softmax(W @ _x02 + b)))


_Jsm = fd_jac(softmax, _z02)
_gz02 = fd_grad(lambda z: -np.sum(_y02 * np.log(softmax(z))), _z02)
_gW02 = fd_grad(lambda W: _L02(W, _b02), _W02)
_K = np.eye(3)
C(F02, 18, r"\frac{\partial p_i}{\partial z_j} = p_i\,(\delta_{ij} - p_j)", True,
  lambda: close(np.array([[_p02[i] * (_K[i, j] - _p02[j]) for j in range(3)] for i in range(3)]), _Jsm))
C(F02, 20, r"sie ist symmetrisch, und der Vektor $\mathbf{1}$ liegt in ihrem Kern", True,
  lambda: close(_Jsm, _Jsm.T) and close(_Jsm @ np.ones(3), np.zeros(3)))
C(F02, 27, r"\frac{\partial L}{\partial z_j} &= -\sum_{i} \frac{y_i}{p_i}\, p_i\,(\delta_{ij} - p_j) \\", True,
  lambda: close([-sum(_y02[i] / _p02[i] * _p02[i] * (_K[i, j] - _p02[j]) for i in range(3)) for j in range(3)], _gz02))
C(F02, 28, r"&= -y_j + p_j \sum_{i} y_i \\", True,
  lambda: close(-_y02 + _p02 * _y02.sum(), _gz02))
C(F02, 29, r"&= p_j - y_j,", True, lambda: close(_p02 - _y02, _gz02))
C(F02, 34, r"\nabla_{\mathbf{W}} L = \mathbf{x}\,(\mathbf{p} - \mathbf{y})^\top, \qquad", False,
  lambda: close(np.outer(_x02, _p02 - _y02), _gW02))
C(F02, 38, r"\mathbf{W} \leftarrow \mathbf{W} - \eta\, \mathbf{x}\,(\mathbf{p} - \mathbf{y})^\top", False,
  lambda: close(np.outer(_x02, _p02 - _y02), _gW02))
_pe = softmax([2.0, 1.0, 0.0])
C(F02, 43, r"e^2 + e + 1 \approx 11.107", True, lambda: rnd(math.e ** 2 + math.e + 1, "11.107"))
C(F02, 45, r"\mathbf{p} \approx (0.665,\ 0.245,\ 0.090)^\top", True, lambda: rvec(_pe, ["0.665", "0.245", "0.090"]))
C(F02, 45, r"L = -\log p_2 \approx 1.408", True, lambda: rnd(-math.log(_pe[1]), "1.408"))
C(F02, 47, r"\approx (0.665,\ -0.755,\ 0.090)^\top", True, lambda: rvec(_pe - [0, 1, 0], ["0.665", "-0.755", "0.090"]))
C(F02, 47, r"die Komponenten summieren sich zu null", True, lambda: abs(np.sum(_pe - [0, 1, 0])) < 1e-12)


def _ex02():
    x = np.array([1.0, -1.0])
    y = np.array([0.0, 1.0, 0.0])
    W0 = np.zeros((3, 2))
    b = np.array([2.0, 1.0, 0.0])          # with W = 0 the logits are (2,1,0)
    g = fd_grad(lambda W: -np.sum(y * np.log(softmax(W @ x + b))), W0)
    stated = np.array([[0.665, -0.755, 0.090], [-0.665, 0.755, -0.090]])
    return g.shape == stated.shape and np.allclose(g, stated, atol=6e-4)


C(F02, 49, r"0.665 & -0.755 & 0.090 \\ -0.665 & 0.755 & -0.090", False, _ex02)
C(F02, 52, r"(\operatorname{diag}(\mathbf{p}) - \mathbf{p}\mathbf{p}^\top)\mathbf{1} = \mathbf{0}", True,
  lambda: close((np.diag(_p02) - np.outer(_p02, _p02)) @ np.ones(3), np.zeros(3))
  and close(softmax(_z02 + 3.7), _p02))

# =================================================================== 03
F03 = "03_maximum_likelihood_cross_entropy.md"
_d03 = np.array([1, 0, 1, 1, 0, 1, 1, 0, 1, 1], dtype=float)   # N=10, m=7


def _E03(mu, d=_d03):
    return -np.sum(d * np.log(mu) + (1 - d) * np.log(1 - mu))


C(F03, 9, r"p(\mathcal{D} \mid \mu) = \prod_{n=1}^{N} \mu^{x_n} (1 - \mu)^{1 - x_n}", True,
  lambda: close(np.prod(0.3 ** _d03 * 0.7 ** (1 - _d03)), 0.3 ** 7 * 0.7 ** 3, 1e-12)
  and close(-np.log(np.prod(0.3 ** _d03 * 0.7 ** (1 - _d03))), _E03(0.3)))
C(F03, 15, r"Setting $dE/d\mu = -m/\mu + (N - m)/(1 - \mu)$ to zero gives the familiar $\mu_{\mathrm{ML}} = m/N$", True,
  lambda: close(fd_grad(lambda m: _E03(m), np.array(0.37)), -7 / 0.37 + 3 / 0.63)
  and abs(float(np.linspace(0.01, 0.99, 9801)[np.argmin([_E03(t) for t in np.linspace(0.01, 0.99, 9801)])]) - 0.7) < 1e-3)


def _ce_kl03(mu):
    ph = np.array([0.3, 0.7])
    pm = np.array([1 - mu, mu])
    H = -np.sum(ph * np.log(ph))
    return -np.sum(ph * np.log(pm)), H + np.sum(ph * np.log(ph / pm))


C(F03, 17, r"H(\hat{p}, p_\mu) = H(\hat{p}) + \mathrm{KL}(\hat{p} \,\|\, p_\mu)", True,
  lambda: all(close(*_ce_kl03(m)) for m in (0.1, 0.5, 0.83)) and close(_E03(0.42) / 10, _ce_kl03(0.42)[0]))
C(F03, 23, r"-0.7 \ln 0.7 - 0.3 \ln 0.3 \approx 0.611", True,
  lambda: close(_E03(0.7) / 10, -0.7 * math.log(0.7) - 0.3 * math.log(0.3)) and rnd(_E03(0.7) / 10, "0.611"))
C(F03, 25, r"the fair-coin model gives $\frac{1}{N}E(0.5) = \ln 2 \approx 0.693$", True,
  lambda: close(_E03(0.5) / 10, math.log(2)) and rnd(math.log(2), "0.693")
  and rnd(_E03(0.5) / 10 - _E03(0.7) / 10, "0.082")
  and close(_E03(0.5) / 10 - _E03(0.7) / 10, 0.7 * math.log(0.7 / 0.5) + 0.3 * math.log(0.3 / 0.5)))

_res03 = np.array([1.0, -2.0, 1.0, 2.0])


def _E03g(s2, res=_res03):
    N = len(res)
    return np.sum(res ** 2) / (2 * s2) + N / 2 * np.log(s2) + N / 2 * np.log(2 * np.pi)


C(F03, 31, r"\frac{N}{2} \ln \sigma^2 + \frac{N}{2} \ln(2\pi). \tag{1.55}", True,
  lambda: close(_E03g(1.7), -np.sum(-0.5 * np.log(2 * np.pi * 1.7) - _res03 ** 2 / (2 * 1.7))))
C(F03, 35, r"\frac{\partial E}{\partial \sigma^2} = \frac{N}{2\sigma^2} - \frac{S}{\sigma^4}", False,
  lambda: close(fd_grad(lambda s: _E03g(s), np.array(1.7)), 4 / (2 * 1.7) - 10 / 1.7 ** 2))
C(F03, 39, r"\sigma^2_{\mathrm{ML}} = \frac{2S}{N}", False,
  lambda: abs(bisect(lambda s: float(fd_grad(lambda t: _E03g(t), np.array(s))), 0.5, 20) - 2 * 10 / 4) < 1e-6)
C(F03, 41, r"Suppose four residuals are $1, -2, 1, 2$, so that $S = 10$ and $N = 4$", True,
  lambda: np.sum(_res03 ** 2) == 10 and len(_res03) == 4)
C(F03, 43, r"= 1 + 2 \ln 5 \approx 4.219", True,
  lambda: close(10 / (2 * 5) + 4 / 2 * math.log(5), 1 + 2 * math.log(5)) and rnd(1 + 2 * math.log(5), "4.219"))

# =================================================================== 04
F04 = "04_weight_initialisation.md"


def _var_prod04():
    # exact enumeration: w uniform on {-2,-1,1,2} (mean 0), x uniform on {-3,0,3} (mean 0)
    ws = [Fr(-2), Fr(-1), Fr(1), Fr(2)]
    xs = [Fr(-3), Fr(0), Fr(3)]
    Ew2 = sum(w * w for w in ws) / 4
    Ex2 = sum(x * x for x in xs) / 3
    prods = [w * x for w in ws for x in xs]
    Ep = sum(prods) / len(prods)
    Vp = sum((p - Ep) ** 2 for p in prods) / len(prods)
    return Vp == Ew2 * Ex2


C(F04, 5, r"$\operatorname{Var}(wx) = \operatorname{Var}(w)\operatorname{Var}(x)$", True, _var_prod04)


def _mc04(fan, vw, vx, n=400000, seed=4):
    r = np.random.default_rng(seed)
    w = r.normal(0, math.sqrt(vw), size=(n, fan))
    x = r.uniform(-math.sqrt(3 * vx), math.sqrt(3 * vx), size=(n, fan))
    return float(np.var(np.sum(w * x, axis=1)))


C(F04, 7, r"\operatorname{Var}(z_i) = n_{\text{in}} \operatorname{Var}(w) \operatorname{Var}(x). \tag{1}", True,
  lambda: abs(_mc04(16, 0.3, 2.0) / (16 * 0.3 * 2.0) - 1) < 0.02)
C(F04, 15, r"n_{\text{out}} \operatorname{Var}(w) \operatorname{Var}\!\left(", True,
  lambda: abs(_mc04(24, 0.1, 0.5, seed=5) / (24 * 0.1 * 0.5) - 1) < 0.02)
C(F04, 19, r"\operatorname{Var}(w) = \frac{2}{n_{\text{in}} + n_{\text{out}}}. \tag{3}", True,
  lambda: (Fr(256) + Fr(128)) / 2 * Fr(2, 384) == 1)


def _unif04():
    a = 1.7
    x = np.linspace(-a, a, 200001)
    var = trap(x ** 2 / (2 * a), x)
    ok1 = abs(var - a * a / 3) < 1e-8
    nin, nout = 300, 100
    aa = math.sqrt(6 / (nin + nout))
    return ok1 and close(aa * aa / 3, 2 / (nin + nout))


C(F04, 21, r"a pour variance $a^2/3$ ; la variante uniforme de (3) prend donc $a = \sqrt{6/(n_{\text{in}} + n_{\text{out}})}$", True, _unif04)


def _relu04():
    s = 1.3
    e_norm = EN(lambda t: np.maximum(0, s * t) ** 2)
    a = 2.0
    u = np.linspace(-a, a, 400001)
    e_unif = trap(np.maximum(0, u) ** 2 / (2 * a), u)
    return close(e_norm, s * s / 2, 1e-9) and abs(e_unif - (a * a / 3) / 2) < 1e-8


C(F04, 27, r"\mathbb{E}\big[\max(0, z)^2\big] = \tfrac{1}{2}\, \mathbb{E}[z^2] = \tfrac12 \operatorname{Var}(z)", True, _relu04)
C(F04, 31, r"\operatorname{Var}(w) = \frac{2}{n_{\text{in}}}. \tag{5}", True,
  lambda: Fr(1, 2) * 256 * Fr(2, 256) == 1)


def _deep04():
    r = np.random.default_rng(44)
    width, L, B = 400, 6, 3000
    x = r.normal(size=(B, width))
    z = x @ r.normal(0, math.sqrt(2 / width), size=(width, width))
    m1 = np.mean(z ** 2)
    for _ in range(L - 1):
        z = np.maximum(z, 0) @ r.normal(0, math.sqrt(2 / width), size=(width, width))
    return abs(np.mean(z ** 2) / m1 - 1) < 0.15


C(F04, 33, r"ce produit vaut exactement $1$ avec (5)", True, _deep04)
C(F04, 39, r"$\operatorname{Var}(w) = 2/384 \approx 0.00521$", True,
  lambda: rnd(2 / 384, "0.00521") and math.sqrt(6 / 384) == 0.125)
C(F04, 40, r"$\operatorname{Var}(w) = 2/256 = 0.0078125$", True,
  lambda: 2 / 256 == 0.0078125 and rnd(math.sqrt(2 / 256), "0.0884"))
C(F04, 42, r"\tfrac12 \cdot 256 \cdot 2/384 = 2/3", True,
  lambda: Fr(1, 2) * 256 * Fr(2, 384) == Fr(2, 3) and rnd((2 / 3) ** 10, "0.0173"))

# =================================================================== 05
F05 = "05_batch_normalisation.md"
_r = np.random.default_rng(505)
_x05 = _r.normal(size=6) * 2 + 1
_g05 = _r.normal(size=6)
_gam05, _bet05, _eps05 = 1.7, -0.4, 0.3


def _bn05(x, gam=_gam05, bet=_bet05, eps=_eps05):
    mu = x.mean()
    var = np.mean((x - mu) ** 2)
    xh = (x - mu) / np.sqrt(var + eps)
    return gam * xh + bet, xh, mu, var


def _L05(x, gam=_gam05, bet=_bet05):
    return float(np.dot(_g05, _bn05(x, gam, bet)[0]))


_y05, _xh05, _mu05, _var05 = _bn05(_x05)
_s05 = math.sqrt(_var05 + _eps05)


def _L05_parts(mu, var):
    xh = (_x05 - mu) / np.sqrt(var + _eps05)
    return float(np.dot(_g05, _gam05 * xh + _bet05))


_dvar_true = fd_grad(lambda v: _L05_parts(_mu05, v), np.array(_var05))
C(F05, 14, r"By construction $\sum_i \hat{x}_i = 0$ and, for $\epsilon = 0$, $\frac{1}{m}\sum_i \hat{x}_i^2 = 1$", True,
  lambda: abs(_xh05.sum()) < 1e-12 and close(np.mean(_bn05(_x05, eps=0)[1] ** 2), 1))
C(F05, 16, r"$\sigma^2 = (4 + 1 + 0 + 9)/4 = 3.5$", True,
  lambda: close(_bn05(np.array([1., 2, 3, 6]), eps=0)[2:], [3, 3.5]))
C(F05, 16, r"$\sqrt{3.5} \approx 1.871$", True, lambda: rnd(math.sqrt(3.5), "1.871"))
C(F05, 18, r"\hat{x} \approx (-1.069,\ -0.535,\ 0,\ 1.604)", True,
  lambda: rvec(_bn05(np.array([1., 2, 3, 6]), eps=0)[1], ["-1.069", "-0.535", "0", "1.604"]))
C(F05, 25, r"\frac{\partial L}{\partial \gamma} = \sum_{i=1}^{m} g_i \hat{x}_i, \qquad \frac{\partial L}{\partial \beta} = \sum_{i=1}^{m} g_i", True,
  lambda: close(fd_grad(lambda g: _L05(_x05, gam=g), np.array(_gam05)), np.sum(_g05 * _xh05))
  and close(fd_grad(lambda b: _L05(_x05, bet=b), np.array(_bet05)), np.sum(_g05)))
C(F05, 30, r"\left(-\tfrac{1}{2}\right) (\sigma^2 + \epsilon)^{-1/2}, \tag{2}", False,
  lambda: close(np.sum(_gam05 * _g05 * (_x05 - _mu05)) * (-0.5) * (_var05 + _eps05) ** -0.5, _dvar_true))


def _dmu05():
    def L_of_mu(mu):
        var = np.mean((_x05 - mu) ** 2)
        return _L05_parts(mu, var)
    stated = -_gam05 / _s05 * np.sum(_g05) + float(_dvar_true) * (-2 / 6) * np.sum(_x05 - _mu05)
    return close(fd_grad(L_of_mu, np.array(_mu05)), stated)


C(F05, 31, r"\frac{\partial L}{\partial \mu} &= -\frac{\gamma}{s} \sum_{i=1}^{m} g_i + \frac{\partial L}{\partial \sigma^2}", True, _dmu05)
C(F05, 34, r"The second term of (3) vanishes because the deviations sum to zero", True,
  lambda: abs(np.sum(_x05 - _mu05)) < 1e-12)


def _chain05():
    dmu = fd_grad(lambda mu: _L05_parts(mu, _var05), np.array(_mu05))   # partial at fixed var
    dmu_total = float(dmu) + float(_dvar_true) * (-2 / 6) * np.sum(_x05 - _mu05)
    stated = _gam05 * _g05 / _s05 + float(_dvar_true) * 2 * (_x05 - _mu05) / 6 + dmu_total / 6
    return close(stated, fd_grad(_L05, _x05))


C(F05, 36, r"\frac{\partial L}{\partial x_i} = \frac{\gamma g_i}{s} + \frac{\partial L}{\partial \sigma^2} \cdot \frac{2 (x_i - \mu)}{m}", True, _chain05)
C(F05, 40, r"m g_i - \sum_{j} g_j - s^2 \hat{x}_i \sum_{j} g_j \hat{x}_j", False,
  lambda: close(_gam05 / (6 * _s05) * (6 * _g05 - _g05.sum() - _s05 ** 2 * _xh05 * np.sum(_g05 * _xh05)), fd_grad(_L05, _x05)))
C(F05, 48, r"y = \frac{\gamma}{\sqrt{\sigma^2_{\text{run}} + \epsilon}}\, x + \Big(", True,
  lambda: close(_gam05 * (_x05 - 0.3) / math.sqrt(2.2 + _eps05) + _bet05,
                _gam05 / math.sqrt(2.2 + _eps05) * _x05 + (_bet05 - _gam05 * 0.3 / math.sqrt(2.2 + _eps05))))
C(F05, 50, r"the map is $y = x - 2$", True,
  lambda: close(2 * (_x05 - 3) / math.sqrt(4) + 1, _x05 - 2))

# =================================================================== 06
F06 = "06_layer_normalisation.md"
_r = np.random.default_rng(606)
_a06 = _r.normal(size=5) * 3 + 1
_H06 = 5


def _ln06(a):
    mu = a.mean()
    sd = math.sqrt(np.mean((a - mu) ** 2))
    return (a - mu) / sd


_ah06 = _ln06(_a06)
_sd06 = math.sqrt(np.mean((_a06 - _a06.mean()) ** 2))
_J06 = (np.eye(5) - np.ones((5, 5)) / 5 - np.outer(_ah06, _ah06) / 5) / _sd06
_del06 = _r.normal(size=5)
_G06 = (_del06 - _del06.sum() / 5 - (_ah06 @ _del06) / 5 * _ah06) / _sd06
C(F06, 13, r"La capa añade por tanto $2H$ parámetros", True, lambda: np.ones(_H06).size + np.zeros(_H06).size == 2 * _H06)
C(F06, 19, r"la media pasa a ser $\lambda\mu + c$ y la desviación típica $\lambda \sigma$", True,
  lambda: close((2.5 * _a06 - 1.2).mean(), 2.5 * _a06.mean() - 1.2)
  and close(np.std(2.5 * _a06 - 1.2), 2.5 * np.std(_a06)) and close(_ln06(2.5 * _a06 - 1.2), _ah06))
C(F06, 19, r"Además, $\sum_i \hat{a}_i = 0$ y $\|\hat{\mathbf{a}}\|^2 = H$", True,
  lambda: abs(_ah06.sum()) < 1e-12 and close(_ah06 @ _ah06, 5))
C(F06, 25, r"\mathbf{I} - \frac{1}{H} \mathbf{1}\mathbf{1}^\top - \frac{1}{H} \hat{\mathbf{a}} \hat{\mathbf{a}}^\top", True,
  lambda: close(_J06, fd_jac(_ln06, _a06)))
C(F06, 27, r"La matriz (3) es simétrica y anula los vectores", True,
  lambda: close(_J06, _J06.T) and close(_J06 @ np.ones(5), 0 * _ah06) and close(_J06 @ _ah06, 0 * _ah06))
C(F06, 29, r"\boldsymbol{\delta} - \frac{1}{H} \Big(\sum_i \delta_i\Big) \mathbf{1}", True,
  lambda: close(_G06, fd_grad(lambda a: float(_del06 @ _ln06(a)), _a06)))
C(F06, 31, r"es ortogonal a $\mathbf{1}$ y a $\hat{\mathbf{a}}$.", True,
  lambda: abs(_G06.sum()) < 1e-12 and abs(_G06 @ _ah06) < 1e-12)
C(F06, 35, r"$\sigma^2 = (9 + 1 + 1 + 9)/4 = 5$", True,
  lambda: np.mean(np.array([2., 4, 6, 8])) == 5 and np.mean((np.array([2., 4, 6, 8]) - 5) ** 2) == 5)
C(F06, 37, r"\approx (-1.342,\ -0.447,\ 0.447,\ 1.342)", True,
  lambda: rvec(_ln06(np.array([2., 4, 6, 8])), ["-1.342", "-0.447", "0.447", "1.342"])
  and close(_ln06(np.array([2., 4, 6, 8])), np.array([-3, -1, 1, 3]) / math.sqrt(5)))
C(F06, 39, r"obtenemos $\mu' = 10$, $\sigma' = 2\sqrt{5}$ y el mismo", True,
  lambda: np.mean([4., 8, 12, 16]) == 10 and close(np.std([4., 8, 12, 16]), 2 * math.sqrt(5))
  and close(_ln06(np.array([4., 8, 12, 16])), _ln06(np.array([2., 4, 6, 8]))))

# =================================================================== 07
F07 = "07_dropout.md"


def _drop_moments(h, p):
    # exact: mask m in {0,1} with P(m=1)=p, htilde = m h / p
    vals = [(p, h / p), (1 - p, 0.0)]
    E = sum(w * v for w, v in vals)
    V = sum(w * (v - E) ** 2 for w, v in vals)
    return E, V


C(F07, 11, r"\mathbb{E}[\tilde{h}_i] = \frac{1}{p}\, \mathbb{E}[m_i]\, h_i = h_i", True,
  lambda: all(close(_drop_moments(h, p)[0], h) for h in (-1.3, 0.7) for p in (0.3, 0.8)))
C(F07, 17, r"\operatorname{Var}(m_i) = p - p^2 = p(1 - p)", True,
  lambda: all(close(p * (1 - p) ** 2 + (1 - p) * p ** 2, p * (1 - p)) for p in (0.3, 0.8)))
C(F07, 19, r"\frac{h_i^2}{p^2}\, p(1 - p) = h_i^2\, \frac{1 - p}{p^2}", False,
  lambda: all(close(_drop_moments(h, p)[1], h * h * (1 - p) / p ** 2) for h in (-1.3, 0.7) for p in (0.3, 0.8)))


def _lin07(p=0.7):
    import itertools
    w = np.array([1.0, -2.0, 0.5])
    x = np.array([3.0, 1.0, -2.0])
    y = 0.4
    tot = 0.0
    for m in itertools.product([0, 1], repeat=3):
        m = np.array(m)
        prob = np.prod(np.where(m == 1, p, 1 - p))
        tot += prob * (y - w @ (m * x / p)) ** 2
    stated = (y - w @ x) ** 2 + (1 - p) / p ** 2 * np.sum(w ** 2 * x ** 2)
    return close(tot, stated)


C(F07, 27, r"= (y - \mathbf{w}^\top \mathbf{x})^2 + \frac{1 - p}{p^2} \sum_{i} w_i^2 x_i^2", False, _lin07)
C(F07, 31, r"$(1 - 0.8)/0.8^2 = 0.3125$", True, lambda: Fr(2, 10) / Fr(8, 10) ** 2 == Fr(3125, 10000))
C(F07, 31, r"$0.3125 \cdot (9 + 4) = 4.0625$, mentre $\mathbf{w}^\top \mathbf{x} = 1$", True,
  lambda: Fr(3125, 10000) * 13 == Fr(40625, 10000) and 1 * 3 + (-2) * 1 == 1 and 1 * 9 + 4 * 1 == 13)


def _back07():
    r = np.random.default_rng(77)
    h = r.normal(size=6)
    u = r.normal(size=6)
    m = np.array([1, 0, 1, 1, 0, 1.0])
    p = 0.6
    g = fd_grad(lambda hh: float(u @ (m * hh / p)), h)
    return close(g, m * u / p)


C(F07, 38, r"\partial \mathcal{L}/\partial \mathbf{h} \leftarrow \frac{1}{p}\, \mathbf{m} \odot", True, _back07)

# =================================================================== 08
F08 = "08_im2col_convolution.md"


def im2col(X, k, s, p):
    Cc, H, W = X.shape
    Xp = np.pad(X, ((0, 0), (p, p), (p, p)))
    Ho = (H + 2 * p - k) // s + 1
    Wo = (W + 2 * p - k) // s + 1
    cols = np.zeros((Cc * k * k, Ho * Wo))
    for i in range(Ho):
        for j in range(Wo):
            cols[:, i * Wo + j] = Xp[:, i * s:i * s + k, j * s:j * s + k].reshape(-1)
    return cols


def col2im(G, shape, k, s, p):
    Cc, H, W = shape
    Xp = np.zeros((Cc, H + 2 * p, W + 2 * p))
    Ho = (H + 2 * p - k) // s + 1
    Wo = (W + 2 * p - k) // s + 1
    for i in range(Ho):
        for j in range(Wo):
            Xp[:, i * s:i * s + k, j * s:j * s + k] += G[:, i * Wo + j].reshape(Cc, k, k)
    return Xp[:, p:p + H, p:p + W]


def conv_direct(X, Wt, s, p):
    K, Cc, k, _ = Wt.shape
    Xp = np.pad(X, ((0, 0), (p, p), (p, p)))
    Ho = (X.shape[1] + 2 * p - k) // s + 1
    Wo = (X.shape[2] + 2 * p - k) // s + 1
    Y = np.zeros((K, Ho, Wo))
    for f in range(K):
        for i in range(Ho):
            for j in range(Wo):
                Y[f, i, j] = np.sum(Wt[f] * Xp[:, i * s:i * s + k, j * s:j * s + k])
    return Y


def _count_positions(n, k, s, p):
    return sum(1 for start in range(-p, n + p - k + 1) if (start + p) % s == 0)


_r = np.random.default_rng(808)
_X08 = _r.normal(size=(2, 7, 6))
_Wt08 = _r.normal(size=(3, 2, 3, 3))
_k08, _s08, _p08 = 3, 2, 1
_Xc08 = im2col(_X08, _k08, _s08, _p08)
_Wr08 = _Wt08.reshape(3, -1)
_Ho08 = (7 + 2 - 3) // 2 + 1
_Wo08 = (6 + 2 - 3) // 2 + 1
_dY08 = _r.normal(size=(3, _Ho08 * _Wo08))


def _L08(Wr=None, Xc=None):
    Wr = _Wr08 if Wr is None else Wr
    Xc = _Xc08 if Xc is None else Xc
    return float(np.sum(_dY08 * (Wr @ Xc)))


C(F08, 9, r"H' = \frac{H + 2p - k}{s} + 1, \qquad W' = \frac{W + 2p - k}{s} + 1", True,
  lambda: all(_count_positions(n, k, s, p) == (n + 2 * p - k) // s + 1
              for (n, k, s, p) in [(32, 5, 1, 2), (7, 3, 2, 1), (9, 3, 3, 0), (28, 4, 2, 1)]
              if (n + 2 * p - k) % s == 0))
C(F08, 16, r"X_{\text{col}} \in \mathbb{R}^{C k^2 \times H' W'}.", True, lambda: _Xc08.shape == (2 * 9, _Ho08 * _Wo08))
C(F08, 20, r"Y = W_{\text{row}} X_{\text{col}} \in \mathbb{R}^{K \times H' W'}", True,
  lambda: close((_Wr08 @ _Xc08).reshape(3, _Ho08, _Wo08), conv_direct(_X08, _Wt08, _s08, _p08)))
C(F08, 24, r"$H' = (32 + 4 - 5)/1 + 1 = 32$", True, lambda: (32 + 4 - 5) // 1 + 1 == 32 and _count_positions(32, 5, 1, 2) == 32)
C(F08, 24, r"Then $X_{\text{col}}$ is $75 \times 1024$", True,
  lambda: im2col(np.zeros((3, 32, 32)), 5, 1, 2).shape == (75, 1024) and 10 * 75 * 1024 == 768000)


def _copies08():
    cnt = col2im(np.ones((75, 1024)), (3, 32, 32), 5, 1, 2)
    return cnt.max() == 25 and np.mean(cnt == 25) > 0.5 and 5 * 5 == 25


C(F08, 24, r"Since most input pixels belong to $5 \cdot 5 = 25$ receptive fields", True, _copies08)
C(F08, 31, r"dW_{\text{row}} &= dY\, X_{\text{col}}^T, \\", True,
  lambda: close(_dY08 @ _Xc08.T, fd_grad(lambda W: _L08(Wr=W), _Wr08)))
C(F08, 32, r"dX_{\text{col}} &= W_{\text{row}}^T\, dY, \\", True,
  lambda: close(_Wr08.T @ _dY08, fd_grad(lambda X: _L08(Xc=X), _Xc08)))
C(F08, 33, r"db &= dY\, \mathbf{1}_{H'W'}.", True,
  lambda: close(_dY08 @ np.ones(_Ho08 * _Wo08),
                fd_grad(lambda b: float(np.sum(_dY08 * (_Wr08 @ _Xc08 + b[:, None]))), np.zeros(3))))


def _adj08():
    r = np.random.default_rng(88)
    X = r.normal(size=(2, 7, 6))
    G = r.normal(size=_Xc08.shape)
    lhs = np.sum(im2col(X, 3, 2, 1) * G)
    rhs = np.sum(X * col2im(G, X.shape, 3, 2, 1))
    full = fd_grad(lambda XX: float(np.sum(_dY08 * (_Wr08 @ im2col(XX, 3, 2, 1)))), _X08)
    return close(lhs, rhs) and close(col2im(_Wr08.T @ _dY08, _X08.shape, 3, 2, 1), full)


C(F08, 38, r"\langle \operatorname{im2col}(X),\, G \rangle = \langle X,\, \operatorname{col2im}(G) \rangle", True, _adj08)


def _batch08():
    r = np.random.default_rng(89)
    Xs = [r.normal(size=(2, 7, 6)) for _ in range(3)]
    dYs = [r.normal(size=(3, _Ho08 * _Wo08)) for _ in range(3)]
    big = np.concatenate([im2col(X, 3, 2, 1) for X in Xs], axis=1)
    dY = np.concatenate(dYs, axis=1)
    return close(dY @ big.T, sum(d @ im2col(X, 3, 2, 1).T for d, X in zip(dYs, Xs)))


C(F08, 44, r"automatically sums over the batch", True, _batch08)

# =================================================================== 09
F09 = "09_output_sizes_receptive_fields.md"


def _rf(layers, unit=50):
    def span(u):
        lo = hi = u
        for (k, s, p) in reversed(layers):
            lo = lo * s - p
            hi = hi * s - p + k - 1
        return lo, hi
    lo, hi = span(unit)
    lo2, _ = span(unit + 1)
    return hi - lo + 1, lo2 - lo


_net09 = [(7, 2, 3), (3, 2, 1), (3, 1, 1), (3, 1, 1)]
C(F09, 7, r"n_{\text{out}} = \left\lfloor \frac{n + 2p - k}{s} \right\rfloor + 1", True,
  lambda: all(_count_positions(n, k, s, p) == (n + 2 * p - k) // s + 1
              for n in range(5, 30) for k in (1, 2, 3, 5, 7) for s in (1, 2, 3) for p in (0, 1, 2, 3)
              if n + 2 * p >= k))


def _dil09():
    ok = True
    for k in (2, 3, 5):
        for d in (1, 2, 3):
            taps = [i * d for i in range(k)]
            ok &= (taps[-1] - taps[0] + 1) == d * (k - 1) + 1
    return ok and 2 * (3 - 1) + 1 == 5


C(F09, 9, r"Por exemplo, $k = 3$ e $d = 2$ dão $k_{\text{ef}} = 5$", True, _dil09)


def _rec09():
    import itertools
    ok = True
    for net in itertools.product([(3, 1, 1), (3, 2, 1), (5, 2, 2), (2, 2, 0), (7, 2, 3)], repeat=3):
        net = list(net)
        r, j = 1, 1
        for (k, s, p) in net:
            r, j = r + (k - 1) * j, j * s
        ok &= _rf(net) == (r, j)
    return ok


C(F09, 16, r"j_\ell &= j_{\ell-1}\, s_\ell, \\", True, _rec09)
C(F09, 17, r"r_\ell &= r_{\ell-1} + (k_\ell - 1)\, j_{\ell-1}.", True, _rec09)
C(F09, 20, r"(2) dá $r = 1 + 2 + 2 + 2 = 7$", True, lambda: _rf([(3, 1, 1)] * 3)[0] == 7 == 1 + 2 + 2 + 2)
C(F09, 20, r"$3 \cdot 9 C^2 = 27C^2$ pesos em vez de $49C^2$", True, lambda: 3 * 3 * 3 == 27 and 7 * 7 == 49)
C(F09, 33, r"\lfloor (224 + 6 - 7)/2 \rfloor + 1 = 111 + 1 = 112", True,
  lambda: (224 + 6 - 7) // 2 == 111 and _count_positions(224, 7, 2, 3) == 112)
C(F09, 33, r"\lfloor (112 + 2 - 3)/2 \rfloor + 1 = 55 + 1 = 56", True,
  lambda: (112 + 2 - 3) // 2 == 55 and _count_positions(112, 3, 2, 1) == 56 and _count_positions(56, 3, 1, 1) == 56)
C(F09, 38, r"& j_1 = 2, && r_1 = 1 + 6 \cdot 1 = 7", True, lambda: _rf(_net09[:1]) == (7, 2))
C(F09, 39, r"& j_2 = 4, && r_2 = 7 + 2 \cdot 4 = 15", False, lambda: _rf(_net09[:2]) == (15, 4))
C(F09, 40, r"& j_3 = 4, && r_3 = 15 + 2 \cdot 4 = 23", False, lambda: _rf(_net09[:3]) == (23, 4))
C(F09, 41, r"& j_4 = 4, && r_4 = 23 + 2 \cdot 4 = 31", False, lambda: _rf(_net09) == (31, 4))
C(F09, 44, r"depende de uma janela de $31 \times 31$ pixels", False, lambda: _rf(_net09)[0] == 31)

# =================================================================== 10
F10 = "10_pooling_gradient.md"


def pool2d(X, k, s, mode):
    H, W = X.shape
    Ho, Wo = (H - k) // s + 1, (W - k) // s + 1
    Y = np.zeros((Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            win = X[i * s:i * s + k, j * s:j * s + k]
            Y[i, j] = win.max() if mode == "max" else win.mean()
    return Y


def pool_back(X, G, k, s, mode):
    dX = np.zeros_like(X)
    Ho, Wo = G.shape
    for i in range(Ho):
        for j in range(Wo):
            win = X[i * s:i * s + k, j * s:j * s + k]
            if mode == "max":
                u, v = np.unravel_index(np.argmax(win), win.shape)
                dX[i * s + u, j * s + v] += G[i, j]
            else:
                dX[i * s:i * s + k, j * s:j * s + k] += G[i, j] / k ** 2
    return dX


_r = np.random.default_rng(1010)
_X10r = _r.normal(size=(7, 7))
_G10r = _r.normal(size=(3, 3))
_X10 = np.array([[1, 3, 2, 1], [4, 2, 0, 1], [5, 6, 1, 2], [0, 2, 3, 4]], dtype=float)
_G10 = np.array([[1, -1], [2, 0.5]])
C(F10, 15, r"\sum_{(i,j):\, (u,v) \in \mathcal{R}_{ij}} \frac{G_{ij}}{k^2}", True,
  lambda: close(pool_back(_X10r, _G10r, 3, 2, "avg"),
                fd_grad(lambda X: float(np.sum(_G10r * pool2d(X, 3, 2, "avg"))), _X10r)))
C(F10, 19, r"G_{ij}\, \mathbb{1}\big[(u,v) = \arg\max_{\mathcal{R}_{ij}} x\big]", True,
  lambda: close(pool_back(_X10r, _G10r, 3, 2, "max"),
                fd_grad(lambda X: float(np.sum(_G10r * pool2d(X, 3, 2, "max"))), _X10r)))
C(F10, 21, r"every input receives $G/(HW)$", True,
  lambda: close(fd_grad(lambda X: 2.3 * float(X.mean()), _X10r), np.full((7, 7), 2.3 / 49)))
C(F10, 31, r"Y^{\max} = \begin{pmatrix} 4 & 2 \\ 6 & 4 \end{pmatrix}, \qquad Y^{\text{avg}} = \begin{pmatrix} 2.5 & 1 \\ 3.25 & 2.5", True,
  lambda: close(pool2d(_X10, 2, 2, "max"), [[4, 2], [6, 4]]) and close(pool2d(_X10, 2, 2, "avg"), [[2.5, 1], [3.25, 2.5]]))
C(F10, 35, r"\begin{pmatrix} 0 & 0 & -1 & 0 \\ 1 & 0 & 0 & 0 \\ 0 & 2 & 0 & 0 \\ 0 & 0 & 0 & 0.5 \end{pmatrix}", True,
  lambda: close(fd_grad(lambda X: float(np.sum(_G10 * pool2d(X, 2, 2, "max"))), _X10),
                [[0, 0, -1, 0], [1, 0, 0, 0], [0, 2, 0, 0], [0, 0, 0, 0.5]]))
C(F10, 36, r"0.25 & 0.25 & -0.25 & -0.25 \\ 0.25 & 0.25 & -0.25 & -0.25 \\ 0.5 & 0.5 & 0.125", True,
  lambda: close(fd_grad(lambda X: float(np.sum(_G10 * pool2d(X, 2, 2, "avg"))), _X10),
                [[.25, .25, -.25, -.25], [.25, .25, -.25, -.25], [.5, .5, .125, .125], [.5, .5, .125, .125]]))
C(F10, 38, r"sum to $\sum_{ij} G_{ij} = 2.5$", True,
  lambda: _G10.sum() == 2.5 and close(pool_back(_X10, _G10, 2, 2, "max").sum(), 2.5)
  and close(pool_back(_X10, _G10, 2, 2, "avg").sum(), 2.5))
# =================================================================== 11
F11 = "11_residual_connections.md"
_r = np.random.default_rng(1111)
_A11 = [_r.normal(size=(3, 3)) * 0.6 for _ in range(3)]
_c11 = [_r.normal(size=3) for _ in range(3)]


def _F11(i, x):
    return np.tanh(_A11[i] @ x + _c11[i])


def _Jf11(i, x):
    return np.diag(1 - np.tanh(_A11[i] @ x + _c11[i]) ** 2) @ _A11[i]


def _res11(x, blocks=(0, 1, 2)):
    xs = [x]
    for i in blocks:
        xs.append(xs[-1] + _F11(i, xs[-1]))
    return xs


_x011 = _r.normal(size=3)
_xs11 = _res11(_x011)
C(F11, 9, r"$\mathbf{x}_L = \mathbf{x}_\ell + \sum_{i=\ell}^{L-1} F_i(\mathbf{x}_i)$", True,
  lambda: close(_xs11[3], _xs11[0] + sum(_F11(i, _xs11[i]) for i in range(3))))
C(F11, 15, r"(\mathbf{I} + \mathbf{J}_{L-1})(\mathbf{I} + \mathbf{J}_{L-2}) \cdots (\mathbf{I} + \mathbf{J}_\ell)", True,
  lambda: close((np.eye(3) + _Jf11(2, _xs11[2])) @ (np.eye(3) + _Jf11(1, _xs11[1])) @ (np.eye(3) + _Jf11(0, _xs11[0])),
                fd_jac(lambda x: _res11(x)[3], _x011)))
C(F11, 19, r"\mathbf{I} + \mathbf{J}_\ell + \mathbf{J}_{\ell+1} + \mathbf{J}_{\ell+1}\mathbf{J}_\ell", True,
  lambda: close(np.eye(3) + _Jf11(0, _xs11[0]) + _Jf11(1, _xs11[1]) + _Jf11(1, _xs11[1]) @ _Jf11(0, _xs11[0]),
                fd_jac(lambda x: _res11(x, (0, 1))[2], _x011)))
C(F11, 21, r"распадается на $2^{L-\ell}$ слагаемых", True,
  lambda: all(sum(math.comb(n, k) for k in range(n + 1)) == 2 ** n for n in range(1, 12))
  and all(sum(1 for s in range(2 ** n) if bin(s).count("1") == k) == math.comb(n, k) for n in range(1, 9) for k in range(n + 1)))
C(F11, 29, r"$0.1^{10} = 10^{-10}$, тогда как в остаточной сети на $(1 + 0.1)^{10} \approx 2.594$", True,
  lambda: Fr(1, 10) ** 10 == Fr(1, 10 ** 10) and rnd(1.1 ** 10, "2.594"))


def _var11():
    r = np.random.default_rng(111)
    n = 1000000
    x = r.normal(0, 1.5, size=n)
    alpha = 0.3
    F = r.normal(0, math.sqrt(alpha) * 1.5, size=n) * np.sign(r.normal(size=n))   # uncorrelated with x
    return abs(np.var(x + F) / ((1 + alpha) * np.var(x)) - 1) < 0.01 and close((1 + alpha) ** 4, np.prod([1 + alpha] * 4))


C(F11, 35, r"\operatorname{Var}(\mathbf{x}_{\ell+1}) = (1 + \alpha) \operatorname{Var}(\mathbf{x}_\ell)", True, _var11)
C(F11, 37, r"тогда $(1 + 1/L)^L < e$, и при $L = 50$ множитель равен $1.02^{50} \approx 2.692$", True,
  lambda: all((1 + 1 / L) ** L < math.e for L in range(1, 2000)) and rnd(1.02 ** 50, "2.692"))

# =================================================================== 12
F12 = "12_rnn_vanishing_gradients.md"
_r = np.random.default_rng(1212)
_W12 = _r.normal(size=(3, 3)) * 0.7
_U12 = _r.normal(size=(3, 2))
_b12 = _r.normal(size=3) * 0.3
_xs12 = _r.normal(size=(7, 2))


def _run12(h, k, T, W=_W12, U=_U12, b=_b12, xs=_xs12):
    hs = {k: h}
    for t in range(k + 1, T + 1):
        h = np.tanh(W @ h + U @ xs[t - 1] + b)
        hs[t] = h
    return hs


_h012 = _r.normal(size=3) * 0.5
_hs12 = _run12(_h012, 0, 6)
_k12, _T12 = 2, 6
_Jtrue12 = fd_jac(lambda h: _run12(h, _k12, _T12)[_T12], _hs12[_k12])


def _prod12(t_from, t_to):
    P = np.eye(3)
    for t in range(t_from, t_to + 1):
        P = (np.diag(1 - _hs12[t] ** 2) @ _W12) @ P
    return P


C(F12, 9, r"Since $\tanh'(u) = 1 - \tanh^2(u)$", True,
  lambda: close(fd_grad(lambda u: np.sum(np.tanh(u)), np.linspace(-2, 2, 9)), 1 - np.tanh(np.linspace(-2, 2, 9)) ** 2))
C(F12, 11, r"\frac{\partial \mathbf{h}_t}{\partial \mathbf{h}_{t-1}} = \operatorname{diag}\!\big(1 - \mathbf{h}_t^2\big)\, \mathbf{W}, \tag{10.37}", True,
  lambda: close(np.diag(1 - _hs12[4] ** 2) @ _W12, fd_jac(lambda h: _run12(h, 3, 4)[4], _hs12[3])))
C(F12, 15, r"\frac{\partial \mathbf{h}_T}{\partial \mathbf{h}_k} = \prod_{t=k}^{T}", False,
  lambda: close(_prod12(_k12, _T12), _Jtrue12))
C(F12, 17, r"contains $T - k + 1$ copies of $\mathbf{W}$", False,
  lambda: close(_prod12(_k12, _T12), _Jtrue12) or (_T12 - _k12 + 1) == len(range(_k12 + 1, _T12 + 1)))


def _bound12():
    # counterexample to ||dh_T/dh_k|| <= (gamma*lambda1)^(T-k+1): W = 0.5 I, tiny states
    W = 0.5 * np.eye(2)
    U = np.zeros((2, 2))
    b = np.zeros(2)
    xs = np.zeros((12, 2))
    h0 = np.array([1e-4, -1e-4])
    J = fd_jac(lambda h: _run12(h, 0, 10, W, U, b, xs)[10], h0, h=1e-8)
    lam1 = np.linalg.norm(W, 2)
    return np.linalg.norm(J, 2) <= lam1 ** (10 - 0 + 1)


C(F12, 23, r"\le (\gamma \lambda_1)^{T - k + 1}. \tag{10.39}", False, _bound12)
C(F12, 21, r"|\tanh'(u)| \le \gamma = 1$ (for the logistic sigmoid one would take $\gamma = 1/4$)", True,
  lambda: np.max(1 - np.tanh(np.linspace(-5, 5, 100001)) ** 2) <= 1 + 1e-15
  and close(np.max(sigmoid(np.linspace(-5, 5, 100001)) * (1 - sigmoid(np.linspace(-5, 5, 100001)))), 0.25))


def _necessary12():
    r = np.random.default_rng(12)
    ok = True
    for _ in range(20):
        W = r.normal(size=(3, 3))
        W *= 0.95 / np.linalg.norm(W, 2)
        U = r.normal(size=(3, 2))
        xs = r.normal(size=(12, 2))
        h0 = r.normal(size=3)
        J = fd_jac(lambda h: _run12(h, 0, 10, W, U, np.zeros(3), xs)[10], h0)
        ok &= np.linalg.norm(J, 2) <= 0.95 ** 10 + 1e-6
    # not sufficient: large weights that saturate tanh give a vanishing gradient
    W = 4.0 * np.eye(2)
    xs = np.zeros((25, 2))
    J = fd_jac(lambda h: _run12(h, 0, 20, W, np.zeros((2, 2)), np.zeros(2), xs)[20], np.array([0.9, -0.8]))
    return ok and np.linalg.norm(W, 2) > 1 and np.linalg.norm(J, 2) < 1e-3


C(F12, 25, r"is *necessary* (but not sufficient) for gradients to explode", True, _necessary12)
C(F12, 31, r"\le 0.9^{51} \approx 0.00464", True, lambda: rnd(0.9 ** 51, "0.00464"))
C(F12, 33, r"the Jacobian (10.38) is $\operatorname{diag}(1.1^{51},\ 0.9^{51})$", False,
  lambda: close(np.linalg.matrix_power(np.diag([1.1, 0.9]), 50), np.diag([1.1 ** 51, 0.9 ** 51])))

# =================================================================== 13
F13 = "13_lstm.md"
_r = np.random.default_rng(1313)
_n13, _d13 = 3, 2
_Wl = {g: _r.normal(size=(3, 5)) * 0.8 for g in "fiog"}
_bl = {g: _r.normal(size=3) * 0.3 for g in "fiog"}
_h13 = _r.normal(size=3) * 0.5
_c13 = _r.normal(size=3)
_x13 = _r.normal(size=2)
_u13 = np.concatenate([_h13, _x13])
_f13 = sigmoid(_Wl["f"] @ _u13 + _bl["f"])
_i13 = sigmoid(_Wl["i"] @ _u13 + _bl["i"])
_o13 = sigmoid(_Wl["o"] @ _u13 + _bl["o"])
_g13 = np.tanh(_Wl["g"] @ _u13 + _bl["g"])
_ct13 = _f13 * _c13 + _i13 * _g13
C(F13, 16, r"4\big(n(n + d) + n\big) = 4n(n + d + 1)", True,
  lambda: all(4 * (n * (n + d) + n) == 4 * n * (n + d + 1) for n in range(1, 40) for d in range(1, 40))
  and sum(_Wl[g].size + _bl[g].size for g in "fiog") == 4 * 3 * (3 + 2 + 1))
C(F13, 18, r"$4 \cdot 256 \cdot 357 = 365\,568$", True,
  lambda: 4 * 256 * 357 == 365568 and 4 * (256 * (256 + 100) + 256) == 365568)
C(F13, 22, r"Нагадаємо, що $\sigma'(u) = \sigma(u)(1 - \sigma(u))$ і $\tanh'(u) = 1 - \tanh^2(u)$", True,
  lambda: close(fd_grad(lambda u: np.sum(sigmoid(u)), np.linspace(-3, 3, 7)), sigmoid(np.linspace(-3, 3, 7)) * (1 - sigmoid(np.linspace(-3, 3, 7))))
  and close(fd_grad(lambda u: np.sum(np.tanh(u)), np.linspace(-3, 3, 7)), 1 - np.tanh(np.linspace(-3, 3, 7)) ** 2))
C(F13, 24, r"\frac{\partial \mathbf{c}_t}{\partial \mathbf{c}_{t-1}} = \operatorname{diag}(\mathbf{f}_t), \qquad", True,
  lambda: close(fd_jac(lambda c: _f13 * c + _i13 * _g13, _c13), np.diag(_f13))
  and close(fd_jac(lambda i: _f13 * _c13 + i * _g13, _i13), np.diag(_g13))
  and close(fd_jac(lambda g: _f13 * _c13 + _i13 * g, _g13), np.diag(_i13)))
C(F13, 28, r"\frac{\partial \mathbf{h}_t}{\partial \mathbf{o}_t} = \operatorname{diag}\big(\tanh(\mathbf{c}_t)\big), \qquad", True,
  lambda: close(fd_jac(lambda o: o * np.tanh(_ct13), _o13), np.diag(np.tanh(_ct13))))
C(F13, 28, r"\frac{\partial \mathbf{h}_t}{\partial \mathbf{c}_t} = \operatorname{diag}\big(\mathbf{o}_t \odot (1 - \tanh(\mathbf{c}_t))\big)", False,
  lambda: close(fd_jac(lambda c: _o13 * np.tanh(c), _ct13), np.diag(_o13 * (1 - np.tanh(_ct13)))))


def _delta13():
    r = np.random.default_rng(131)
    dh = r.normal(size=3)
    dc_next = r.normal(size=3)
    f_next = sigmoid(r.normal(size=3))
    const = r.normal(size=3)
    L = lambda c: float(dh @ (_o13 * np.tanh(c)) + dc_next @ (f_next * c + const))
    stated = dh * _o13 * (1 - np.tanh(_ct13)) + dc_next * f_next
    return close(fd_grad(L, _ct13), stated)


C(F13, 36, r"\boldsymbol{\delta}^c_t = \boldsymbol{\delta}^h_t \odot \mathbf{o}_t \odot \big(1 - \tanh(\mathbf{c}_t)\big) + \boldsymbol{\delta}^c_{t+1} \odot \mathbf{f}_{t+1}", False, _delta13)


def _belt13():
    r = np.random.default_rng(132)
    fs = sigmoid(r.normal(size=(4, 3)))
    adds = r.normal(size=(4, 3))

    def run(c):
        for k in range(4):
            c = fs[k] * c + adds[k]
        return c
    return close(fd_jac(run, _c13), np.diag(np.prod(fs, axis=0)))


C(F13, 38, r"Після $k$ кроків цей шлях дає множник $\prod_{\tau=t+1}^{t+k} \mathbf{f}_\tau$", True, _belt13)
C(F13, 40, r"$f \approx \sigma(1) \approx 0.731$, і за $10$ кроків уздовж конвеєра $0.731^{10} \approx 0.0436$", True,
  lambda: rnd(sigmoid(1.0), "0.731") and rnd(0.731 ** 10, "0.0436") and rnd(sigmoid(1.0) ** 10, "0.0436")
  and rnd(0.5 ** 10, "0.000977"))

# =================================================================== 14
F14 = "14_gru.md"
_r = np.random.default_rng(1414)
_P14 = {k: _r.normal(size=(3, 2)) * 0.8 for k in ("Wz", "Wr", "Wh")}
_P14.update({k: _r.normal(size=(3, 3)) * 0.8 for k in ("Uz", "Ur", "Uh")})
_P14.update({k: _r.normal(size=3) * 0.3 for k in ("bz", "br", "bh")})
_x14 = _r.normal(size=2)
_hp14 = _r.normal(size=3) * 0.6


def _gru14(h, x=_x14, P=_P14):
    z = sigmoid(P["Wz"] @ x + P["Uz"] @ h + P["bz"])
    r = sigmoid(P["Wr"] @ x + P["Ur"] @ h + P["br"])
    ht = np.tanh(P["Wh"] @ x + P["Uh"] @ (r * h) + P["bh"])
    return z * h + (1 - z) * ht, z, r, ht


_hn14, _z14, _r14, _ht14 = _gru14(_hp14)
_Dz = np.diag(_z14 * (1 - _z14))
_Dr = np.diag(_r14 * (1 - _r14))
_Dh = np.diag(1 - _ht14 ** 2)
_dht14 = _Dh @ _P14["Uh"] @ (np.diag(_r14) + np.diag(_hp14) @ _Dr @ _P14["Ur"])
C(F14, 18, r"Each of the three blocks has $n d + n^2 + n$ parameters", True,
  lambda: sum(_P14[k].size for k in ("Wz", "Uz", "bz")) == 3 * 2 + 9 + 3
  and sum(v.size for v in _P14.values()) == 3 * (3 * 2 + 9 + 3))
C(F14, 18, r"$3 \cdot 91{,}392 = 274{,}176$, exactly three quarters of the corresponding LSTM", True,
  lambda: 256 * 100 + 256 ** 2 + 256 == 91392 and 3 * 91392 == 274176
  and Fr(274176, 4 * 256 * (256 + 100 + 1)) == Fr(3, 4))
C(F14, 24, r"\frac{\partial \mathbf{h}_t}{\partial \tilde{\mathbf{h}}_t} = \operatorname{diag}(1 - \mathbf{z}_t), \qquad", True,
  lambda: close(fd_jac(lambda t: _z14 * _hp14 + (1 - _z14) * t, _ht14), np.diag(1 - _z14))
  and close(fd_jac(lambda z: z * _hp14 + (1 - z) * _ht14, _z14), np.diag(_hp14 - _ht14)))
C(F14, 29, r"&= D_z \mathbf{U}_z, \qquad \frac{\partial \mathbf{r}_t}{\partial \mathbf{h}_{t-1}} = D_r \mathbf{U}_r", True,
  lambda: close(fd_jac(lambda h: _gru14(h)[1], _hp14), _Dz @ _P14["Uz"])
  and close(fd_jac(lambda h: _gru14(h)[2], _hp14), _Dr @ _P14["Ur"]))
C(F14, 30, r"&= D_h \mathbf{U}_h \big( \operatorname{diag}(\mathbf{r}_t) + \operatorname{diag}(\mathbf{h}_{t-1}) D_r \mathbf{U}_r \big).", True,
  lambda: close(fd_jac(lambda h: _gru14(h)[3], _hp14), _dht14))
C(F14, 35, r"\frac{\partial \mathbf{h}_t}{\partial \mathbf{h}_{t-1}} = \operatorname{diag}(\mathbf{z}_t) + \operatorname{diag}(\mathbf{h}_{t-1} - \tilde{\mathbf{h}}_t)\, D_z \mathbf{U}_z", True,
  lambda: close(np.diag(_z14) + np.diag(_hp14 - _ht14) @ _Dz @ _P14["Uz"] + np.diag(1 - _z14) @ _dht14,
                fd_jac(lambda h: _gru14(h)[0], _hp14)))
C(F14, 40, r"the copy path alone contributes a factor $0.9^{20} \approx 0.122$", True, lambda: rnd(0.9 ** 20, "0.122"))

# =================================================================== 15
F15 = "15_scaled_dot_product_attention.md"


def _attn15():
    r = np.random.default_rng(15)
    n, m, dk, dv = 4, 6, 5, 3
    Q, K, V = r.normal(size=(n, dk)), r.normal(size=(m, dk)), r.normal(size=(m, dv))
    S = Q @ K.T / math.sqrt(dk)
    A = np.exp(S - S.max(axis=1, keepdims=True))
    A /= A.sum(axis=1, keepdims=True)
    out = A @ V
    # explicit multiply-add count for Q K^T
    count = sum(1 for i in range(n) for j in range(m) for t in range(dk))
    return (Q @ K.T).shape == (n, m) and out.shape == (n, dv) and count == n * m * dk


C(F15, 9, r"分数矩阵 $\mathbf{Q}\mathbf{K}^\top$ 的形状为 $n \times m$", True, _attn15)


def _mc15(dk, s2, n=400000, seed=151):
    r = np.random.default_rng(seed)
    q = r.normal(0, math.sqrt(s2), size=(n, dk))
    k = r.uniform(-math.sqrt(3 * s2), math.sqrt(3 * s2), size=(n, dk))
    d = np.sum(q * k, axis=1)
    return d.mean(), d.var()


C(F15, 13, r"\operatorname{Var}(q_i k_i) = \mathbb{E}[q_i^2]\,\mathbb{E}[k_i^2] = 1", True,
  lambda: abs(_mc15(1, 1.0)[1] - 1) < 0.01)
C(F15, 15, r"\mathbb{E}[\mathbf{q}^\top \mathbf{k}] = 0, \qquad \operatorname{Var}(\mathbf{q}^\top \mathbf{k}) = d_k", True,
  lambda: abs(_mc15(16, 1.0, seed=152)[0]) < 0.05 and abs(_mc15(16, 1.0, seed=152)[1] / 16 - 1) < 0.02)
C(F15, 17, r"若各分量的方差为 $\sigma^2$，则方差为 $d_k \sigma^4$", True,
  lambda: abs(_mc15(8, 0.5, seed=153)[1] / (8 * 0.25) - 1) < 0.02
  and abs(np.var(np.sum(np.random.default_rng(154).normal(size=(200000, 16)) * np.random.default_rng(155).normal(size=(200000, 16)), axis=1) / 4) - 1) < 0.02)
C(F15, 19, r"未缩放点积的标准差为 $8$，缩放因子为 $1/8$", True, lambda: math.sqrt(64) == 8)
C(F15, 25, r"\frac{\partial p_1}{\partial s} = p_1 (1 - p_1). \tag{10.3.3}", True,
  lambda: all(close(fd_grad(lambda s: softmax([float(s), 0.0])[0], np.array(s0)), sigmoid(s0) * (1 - sigmoid(s0))) for s0 in (-1.0, 0.3, 2.0)))
C(F15, 27, r"$p_1 \approx 0.99966$，由 (10.3.3) 得梯度约为 $3.35 \times 10^{-4}$", True,
  lambda: rnd(sigmoid(8.0), "0.99966") and rnd(sigmoid(8.0) * (1 - sigmoid(8.0)) * 1e4, "3.35"))
C(F15, 27, r"缩放后 $s = 1$，$p_1 \approx 0.731$，梯度约为 $0.197$", True,
  lambda: rnd(sigmoid(1.0), "0.731") and rnd(sigmoid(1.0) * (1 - sigmoid(1.0)), "0.197"))
C(F15, 27, r"两者相差近 $600$ 倍", True,
  lambda: 550 < (sigmoid(1.0) * (1 - sigmoid(1.0))) / (sigmoid(8.0) * (1 - sigmoid(8.0))) < 600)

# =================================================================== 16
F16 = "16_multihead_attention_params.md"


def _mha_params(d, h, bias=True):
    dk = d // h
    shapes = []
    for _ in range(h):
        shapes += [(d, dk), (d, dk), (d, dk)]
    shapes.append((h * dk, d))
    n = sum(a * b for a, b in shapes)
    return n + (4 * d if bias else 0)


def _concat16():
    r = np.random.default_rng(16)
    d, h, n = 12, 3, 5
    X = r.normal(size=(n, d))
    WQ = r.normal(size=(d, d))
    per = [X @ WQ[:, i * (d // h):(i + 1) * (d // h)] for i in range(h)]
    return close(np.concatenate(per, axis=1), X @ WQ) and h * (d // h) == d


C(F16, 9, r"together form a single $d_{\text{model}} \times d_{\text{model}}$ matrix", True, _concat16)
C(F16, 11, r"P_{\text{MHA}} = 4 d_{\text{model}}^2 + 4 d_{\text{model}}. \tag{1}", True,
  lambda: all(_mha_params(d, h) == 4 * d * d + 4 * d for d, h in [(512, 8), (768, 12), (64, 4), (96, 3)]))
C(F16, 13, r"Note that (1) does not depend on $h$", True,
  lambda: len({_mha_params(512, h) for h in (1, 2, 4, 8, 16, 32)}) == 1)
C(F16, 19, r"P_{\text{FFN}} = 2 d_{\text{model}} d_{\text{ff}} + d_{\text{ff}} + d_{\text{model}}. \tag{2}", True,
  lambda: all(d * f + f + f * d + d == 2 * d * f + f + d for d in (8, 512) for f in (32, 2048)))
_PFFN = 512 * 2048 + 2048 + 2048 * 512 + 512
_PBLK = _mha_params(512, 8) + _PFFN + 2 * 2 * 512
C(F16, 28, r"P_{\text{MHA}} &= 4 \cdot 262{,}144 + 2{,}048 = 1{,}050{,}624", True,
  lambda: 512 ** 2 == 262144 and 4 * 262144 + 2048 == 1050624 == _mha_params(512, 8))
C(F16, 29, r"P_{\text{FFN}} &= 2{,}097{,}152 + 2{,}048 + 512 = 2{,}099{,}200", False,
  lambda: 2 * 512 * 2048 == 2097152 and 2097152 + 2048 + 512 == 2099200 == _PFFN)
C(F16, 30, r"P_{\text{LN}} &= 2 \cdot 2 \cdot 512 = 2{,}048", True, lambda: 2 * 2 * 512 == 2048)
C(F16, 31, r"P_{\text{block}} &= 1{,}050{,}624 + 2{,}099{,}200 + 2{,}048 = 3{,}151{,}872", False,
  lambda: _PBLK == 3151872)
C(F16, 34, r"$6 \cdot 3{,}151{,}872 = 18{,}911{,}232$ parameters", False, lambda: 6 * _PBLK == 18911232)
C(F16, 34, r"The feed-forward block accounts for roughly two thirds of each block", True,
  lambda: abs(_PFFN / _PBLK - 2 / 3) < 0.01)
C(F16, 38, r"so all heads together cost $h n^2 d_k = n^2 d_{\text{model}}$", True,
  lambda: all(h * n * n * (d // h) == n * n * d for d, h in [(512, 8), (768, 12)] for n in (10, 1024)))
C(F16, 38, r"the score tensors hold $h n^2 = 8{,}388{,}608$ entries", True, lambda: 8 * 1024 ** 2 == 8388608)

# =================================================================== 17
F17 = "17_positional_encodings.md"
_r = np.random.default_rng(1717)
_om17 = _r.uniform(0.001, 1.5, size=20)
_p17 = _r.uniform(0, 100, size=20)
_k17 = _r.uniform(-30, 30, size=20)
C(F17, 13, r"第 $i$ 成分対の波長は $2\pi/\omega_i = 2\pi \cdot 10000^{2i/d}$", True,
  lambda: all(close(2 * math.pi / 10000 ** (-2 * i / d), 2 * math.pi * 10000 ** (2 * i / d)) for d in (4, 64, 512) for i in range(d // 2))
  and close(2 * math.pi * 10000 ** (2 * (512 // 2 - 1) / 512), 2 * math.pi * 10000 ** ((512 - 2) / 512)))
C(F17, 15, r"$\omega_1 = 10000^{-1/2} = 0.01$", True, lambda: 10000 ** (-2 * 1 / 4) == 0.01)
C(F17, 17, r"\approx (0.8415,\ 0.5403,\ 0.0100,\ 1.0000)", True,
  lambda: rvec([math.sin(1), math.cos(1), math.sin(0.01), math.cos(0.01)], ["0.8415", "0.5403", "0.0100", "1.0000"]))
C(F17, 25, r"\sin(\omega(\mathrm{pos} + k)) &= \sin(\omega\,\mathrm{pos})\cos(\omega k) + \cos(\omega\,\mathrm{pos})\sin(\omega k)", True,
  lambda: close(np.sin(_om17 * (_p17 + _k17)), np.sin(_om17 * _p17) * np.cos(_om17 * _k17) + np.cos(_om17 * _p17) * np.sin(_om17 * _k17), 1e-9))
C(F17, 26, r"\cos(\omega(\mathrm{pos} + k)) &= \cos(\omega\,\mathrm{pos})\cos(\omega k) + \sin(\omega\,\mathrm{pos})\sin(\omega k)", False,
  lambda: close(np.cos(_om17 * (_p17 + _k17)), np.cos(_om17 * _p17) * np.cos(_om17 * _k17) + np.sin(_om17 * _p17) * np.sin(_om17 * _k17), 1e-9))


def _rot17():
    ok = True
    for om, p, k in zip(_om17, _p17, _k17):
        R = np.array([[math.cos(om * k), math.sin(om * k)], [math.sin(om * k), math.cos(om * k)]])
        ok &= close(R @ [math.sin(om * p), math.cos(om * p)], [math.sin(om * (p + k)), math.cos(om * (p + k))], 1e-9)
    return ok


C(F17, 32, r"= \begin{pmatrix} \cos(\omega_i k) & \sin(\omega_i k) \\ \sin(\omega_i k) & \cos(\omega_i k) \end{pmatrix}", False, _rot17)
C(F17, 41, r"= \cos(\omega k) + \sin(2\omega p)\sin(\omega k)", False,
  lambda: close(np.sin(_om17 * _p17) * np.sin(_om17 * (_p17 + _k17)) + np.cos(_om17 * _p17) * np.cos(_om17 * (_p17 + _k17)),
                np.cos(_om17 * _k17) + np.sin(2 * _om17 * _p17) * np.sin(_om17 * _k17), 1e-9))


def _pe17(pos, d):
    i = np.arange(d // 2)
    om = 10000.0 ** (-2 * i / d)
    out = np.zeros(d)
    out[0::2] = np.sin(om * pos)
    out[1::2] = np.cos(om * pos)
    return out, om


C(F17, 45, r"\big[ \cos(\omega_i k) + \sin(2\omega_i p)\sin(\omega_i k) \big]. \tag{5}", False,
  lambda: close(_pe17(7.0, 16)[0] @ _pe17(10.0, 16)[0],
                np.sum(np.cos(_pe17(0, 16)[1] * 3) + np.sin(2 * _pe17(0, 16)[1] * 7) * np.sin(_pe17(0, 16)[1] * 3)), 1e-9))
C(F17, 47, r"$k = 0$ のとき (5) は $d/2$ に等しく", True,
  lambda: close(_pe17(7.3, 16)[0] @ _pe17(7.3, 16)[0], 8) and close(np.sum(np.cos(0 * _pe17(0, 16)[1]) + 0), 8))

# =================================================================== 18
F18 = "18_sgd_quadratic.md"


def _gd18():
    r = np.random.default_rng(18)
    Q, _ = np.linalg.qr(r.normal(size=(4, 4)))
    lam = np.array([1.0, 2.5, 6.0, 10.0])
    A = Q @ np.diag(lam) @ Q.T
    x = r.normal(size=4)
    c0 = Q.T @ x
    eta = 0.13
    for _ in range(7):
        x = x - eta * (A @ x)
    return close(Q.T @ x, (1 - eta * lam) ** 7 * c0, 1e-9)


C(F18, 13, r"x^{(i)}_k = (1 - \eta \lambda_i)^k\, x^{(i)}_0", True, _gd18)


def _conv18():
    mu, L = 1.0, 10.0
    ok = True
    for eta in np.linspace(-0.05, 0.3, 3501):
        rho = np.max(np.abs(np.linalg.eigvals(np.eye(2) - eta * np.diag([mu, L]))))
        ok &= (rho < 1) == (0 < eta < 2 / L)
    for eta, conv in [(0.01, True), (0.19, True), (0.199, True), (0.201, False), (0.25, False)]:
        x = np.array([1.0, 1.0])
        with np.errstate(over="ignore", invalid="ignore"):
            for _ in range(20000):
                x = x - eta * np.array([mu, L]) * x
        ok &= bool(np.abs(x).max() < 1e-6) == conv
    return ok


C(F18, 18, r"that is, iff $0 < \eta < 2/L$", True, _conv18)


def _rho18(eta, mu=1.0, L=10.0):
    return max(abs(1 - eta * mu), abs(1 - eta * L))


C(F18, 20, r"\eta^\star = \frac{2}{\mu + L}, \qquad \rho(\eta^\star) = \frac{L - \mu}{L + \mu} = \frac{\kappa - 1}{\kappa + 1}", True,
  lambda: all(abs(np.linspace(0.001, 2 / L, 200001)[np.argmin([_rho18(e, mu, L) for e in np.linspace(0.001, 2 / L, 200001)])] - 2 / (mu + L)) < 1e-4
              and close(_rho18(2 / (mu + L), mu, L), (L - mu) / (L + mu)) and close((L - mu) / (L + mu), (L / mu - 1) / (L / mu + 1))
              for mu, L in [(1.0, 10.0), (0.5, 3.0)]))
C(F18, 22, r"The more conservative choice $\eta = 1/L$ yields $\rho = 1 - 1/\kappa$", True,
  lambda: close(_rho18(0.1), 1 - 1 / 10) and close(_rho18(1 / 3.0, 0.5, 3.0), 1 - 0.5 / 3.0))
C(F18, 24, r"$\eta^\star = 2/11 \approx 0.182$ and $\rho = 9/11 \approx 0.818$, whereas $\eta = 0.1$ gives $\rho = 0.9$", True,
  lambda: rnd(2 / 11, "0.182") and close(_rho18(2 / 11), 9 / 11) and rnd(9 / 11, "0.818") and close(_rho18(0.1), 0.9))


def _iters18():
    a = 6 * math.log(10)
    b1, b2 = math.log(11 / 9), math.log(10 / 9)
    k1 = next(k for k in range(1, 1000) if (9 / 11) ** k <= 1e-6)
    k2 = next(k for k in range(1, 1000) if 0.9 ** k <= 1e-6)
    return (rnd(a, "13.816") and rnd(b1, "0.2007") and rnd(b2, "0.1054") and rnd(a / b1, "68.8")
            and rnd(13.816 / 0.2007, "68.8") and rnd(a / b2, "131.1") and rnd(13.816 / 0.1054, "131.1")
            and k1 == 69 and k2 == 132)


C(F18, 26, r"k \ge \frac{13.816}{0.2007} \approx 68.8 \;\Rightarrow\; k = 69", True, _iters18)


def _noise18():
    eta, lam, sig = 0.1, 1.0, 1.3
    ok = True
    for v in (0.0, 0.7, 2.0):
        xs = [math.sqrt(v), -math.sqrt(v)]
        es = [sig, -sig]
        nxt = np.mean([((1 - eta * lam) * x - eta * e) ** 2 for x in xs for e in es])
        ok &= close(nxt, (1 - eta * lam) ** 2 * v + eta ** 2 * sig ** 2, 1e-12)
    return ok


C(F18, 33, r"v_{k+1} = (1 - \eta\lambda)^2 v_k + \eta^2 \sigma^2. \tag{3}", True, _noise18)


def _fix18():
    ok = True
    for eta, lam, s2 in [(0.1, 1.0, 1.0), (0.3, 2.0, 0.5), (1.5, 1.0, 2.0)]:
        v = 0.0
        for _ in range(20000):
            v = (1 - eta * lam) ** 2 * v + eta ** 2 * s2
        ok &= close(v, eta ** 2 * s2 / (1 - (1 - eta * lam) ** 2)) and close(v, eta * s2 / (lam * (2 - eta * lam)))
    return ok


C(F18, 37, r"= \frac{\eta\sigma^2}{\lambda(2 - \eta\lambda)}. \tag{4}", True, _fix18)
C(F18, 39, r"$v_\infty = 0.1/1.9 \approx 0.0526$", True,
  lambda: close(0.1 * 1 / (1 * (2 - 0.1)), 0.1 / 1.9) and rnd(0.1 / 1.9, "0.0526"))

# =================================================================== 19
F19 = "19_momentum.md"
_r = np.random.default_rng(1919)
_gs19 = _r.normal(size=(12, 3))


def _mom19(beta, gs):
    v = np.zeros(gs.shape[1])
    m = np.zeros(gs.shape[1])
    vs, ms = [], []
    for g in gs:
        v = beta * v + g
        m = beta * m + (1 - beta) * g
        vs.append(v.copy())
        ms.append(m.copy())
    return vs, ms


_vs19, _ms19 = _mom19(0.8, _gs19)
C(F19, 18, r"\sum_{\tau=1}^{t} \beta^{t-\tau} \mathbf{g}_\tau \tag{12.6.2}", True,
  lambda: all(close(_vs19[t - 1], sum(0.8 ** (t - tau) * _gs19[tau - 1] for tau in range(1, t + 1))) for t in range(1, 13)))
C(F19, 22, r"\mathbf{v}_t = \frac{1 - \beta^t}{1 - \beta}\, \mathbf{g} \;\longrightarrow\; \frac{\mathbf{g}}{1 - \beta}", True,
  lambda: all(close(_mom19(0.8, np.tile([1.5, -2.0], (t, 1)))[0][-1], (1 - 0.8 ** t) / 0.2 * np.array([1.5, -2.0])) for t in (1, 5, 30))
  and close(_mom19(0.8, np.tile([1.5, -2.0], (400, 1)))[0][-1], np.array([1.5, -2.0]) / 0.2))
C(F19, 24, r"$\beta = 0.9$이면 유효 학습률은 $10\eta$이다", True, lambda: close(1 / (1 - 0.9), 10))
C(F19, 28, r"$\mathbf{m}_t = (1 - \beta)\mathbf{v}_t$", True,
  lambda: all(close(m, 0.2 * v) for m, v in zip(_ms19, _vs19)))
C(F19, 30, r"(1 - \beta) \sum_{\tau=1}^{t} \beta^{t-\tau} = 1 - \beta^t", True,
  lambda: all(Fr(1, 10) * sum(Fr(9, 10) ** (t - tau) for tau in range(1, t + 1)) == 1 - Fr(9, 10) ** t for t in range(1, 30)))
C(F19, 32, r"$1 - 0.9^{10} \approx 0.651$", True, lambda: rnd(1 - 0.9 ** 10, "0.651"))


def _rec19():
    beta, eta, lam = 0.7, 0.05, 3.0
    w, v = 1.3, 0.0
    ws = [w]
    for _ in range(10):
        v = beta * v + lam * w
        w = w - eta * v
        ws.append(w)
    return all(close(ws[t], (1 + beta - eta * lam) * ws[t - 1] - beta * ws[t - 2]) for t in range(2, 11))


C(F19, 38, r"w_t = (1 + \beta - \eta\lambda)\, w_{t-1} - \beta\, w_{t-2}", True, _rec19)


def _roots19():
    ok = True
    for beta, a in [(0.81, 0.1), (0.9, 0.3), (0.5, 0.2)]:
        tr = 1 + beta - a
        rts = np.roots([1, -tr, beta])
        if tr ** 2 < 4 * beta:
            ok &= close(np.abs(rts), [math.sqrt(beta)] * 2)
        ok &= close(np.prod(rts).real, beta)
    return ok


C(F19, 40, r"근의 곱이 $\beta$이므로 $|z| = \sqrt{\beta}$이다", True, _roots19)
C(F19, 42, r"$1.71^2 = 2.9241 < 4 \cdot 0.81 = 3.24$이므로", True,
  lambda: close(1 + 0.81 - 0.1, 1.71) and Fr(171, 100) ** 2 == Fr(29241, 10000) and 4 * Fr(81, 100) == Fr(324, 100) and 2.9241 < 3.24)


def _amp19():
    beta, eta, lam = 0.81, 0.1, 1.0
    w, v = 1.0, 0.0
    ws = []
    for _ in range(1200):
        v = beta * v + lam * w
        w = w - eta * v
        ws.append(w)
    a = np.abs(np.array(ws))
    peaks = [t for t in range(50, 1199) if a[t] >= a[t - 1] and a[t] >= a[t + 1]]
    slope = np.polyfit(peaks, np.log(a[peaks]), 1)[0]
    signs = np.sum(np.diff(np.sign(ws[50:])) != 0)
    return abs(math.exp(slope) - 0.9) < 1e-3 and signs > 50 and math.sqrt(0.81) == 0.9


C(F19, 42, r"그 진폭이 매 단계 $\sqrt{0.81} = 0.9$배로 줄어든다", True, _amp19)
# =================================================================== 20
F20 = "20_nesterov.md"


def _gradJ20(th):
    return np.sinh(th) + 0.3 * th        # gradient of sum(cosh) + 0.15||th||^2


def _nag20():
    r = np.random.default_rng(20)
    th, v = r.normal(size=3), r.normal(size=3)
    mu, eps = 0.85, 0.07
    phi = th + mu * v
    v1 = mu * v - eps * _gradJ20(th + mu * v)
    th1 = th + v1
    phi1 = th1 + mu * v1
    return th, v, mu, eps, phi, v1, th1, phi1


def _nag20_rows(row):
    th, v, mu, eps, phi, v1, th1, phi1 = _nag20()
    if row == 1:
        return close(phi1, th + v1 + mu * v1) and close(phi1, phi - mu * v + (1 + mu) * v1)
    if row == 2:
        return close(phi1, phi + mu ** 2 * v - (1 + mu) * eps * _gradJ20(phi))
    return close(phi1, phi + mu * v1 - eps * _gradJ20(phi))


C(F20, 19, r"= \boldsymbol{\phi}_t - \mu \mathbf{v}_t + (1 + \mu)\mathbf{v}_{t+1} \\", True, lambda: _nag20_rows(1))
C(F20, 20, r"&= \boldsymbol{\phi}_t + \mu^2 \mathbf{v}_t - (1 + \mu)\,\epsilon \nabla J(\boldsymbol{\phi}_t) \\", True, lambda: _nag20_rows(2))
C(F20, 21, r"&= \boldsymbol{\phi}_t + \mu \mathbf{v}_{t+1} - \epsilon \nabla J(\boldsymbol{\phi}_t).", True, lambda: _nag20_rows(3))


def _M20(a, mu):
    return np.array([[1 - a, mu * (1 - a)], [-a, mu * (1 - a)]])


def _step20(th, v, lam, eps, mu):
    v1 = mu * v - eps * lam * (th + mu * v)
    return th + v1, v1


C(F20, 30, r"\begin{pmatrix} 1 - a & \mu(1 - a) \\ -a & \mu(1 - a) \end{pmatrix}", True,
  lambda: all(close(_M20(lam * eps, mu) @ [th, v], _step20(th, v, lam, eps, mu))
              for th, v, lam, eps, mu in [(1.3, -0.4, 2.0, 0.05, 0.9), (-0.7, 0.2, 0.5, 0.3, 0.6)]))
C(F20, 32, r"The trace of this matrix is $(1 + \mu)(1 - a)$", True,
  lambda: all(close(np.trace(_M20(a, mu)), (1 + mu) * (1 - a)) for a, mu in [(0.1, 0.9), (0.4, 0.3)]))
C(F20, 34, r"\det = (1 - a)\,\mu(1 - a) + a\,\mu(1 - a) = \mu (1 - a). \tag{8.24}", True,
  lambda: all(close(np.linalg.det(_M20(a, mu)), (1 - a) * mu * (1 - a) + a * mu * (1 - a)) and close(np.linalg.det(_M20(a, mu)), mu * (1 - a))
              for a, mu in [(0.1, 0.9), (0.4, 0.3)]))


def _disc20():
    ok = True
    for a, mu in [(0.1, 0.9), (0.4, 0.3), (0.05, 0.5), (0.6, 0.95)]:
        disc = (1 + mu) ** 2 * (1 - a) ** 2 - 4 * mu * (1 - a)
        ev = np.linalg.eigvals(_M20(a, mu))
        ok &= (disc < 0) == bool(np.any(np.abs(ev.imag) > 1e-12))
    return ok


C(F20, 36, r"When the discriminant $(1 + \mu)^2(1 - a)^2 - 4\mu(1 - a)$ is negative", True, _disc20)
C(F20, 38, r"|z| = \mu\,(1 - a). \tag{8.25}", False,
  lambda: close(np.abs(np.linalg.eigvals(_M20(0.1, 0.9))), [0.9 * 0.9] * 2))
C(F20, 40, r"the trace is $1.71$ and $\det = 0.81$; since $1.71^2 = 2.9241 < 4 \cdot 0.81 = 3.24$ the eigenvalues are complex", True,
  lambda: close(np.trace(_M20(0.1, 0.9)), 1.71) and close(np.linalg.det(_M20(0.1, 0.9)), 0.81)
  and np.all(np.abs(np.linalg.eigvals(_M20(0.1, 0.9)).imag) > 1e-6))
C(F20, 40, r"and (8.25) gives a contraction factor of $0.81$", False,
  lambda: close(np.abs(np.linalg.eigvals(_M20(0.1, 0.9))).max(), 0.81))
C(F20, 42, r"\approx \frac{6.908}{0.2107} \approx 32.8 \text{ iterations}", True,
  lambda: rnd(math.log(1000), "6.908") and rnd(math.log(1 / 0.81), "0.2107") and rnd(math.log(1000) / math.log(1 / 0.81), "32.8")
  and rnd(6.908 / 0.2107, "32.8"))
C(F20, 44, r"compared with $\ln 10^3 / \ln(1/0.9) \approx 65.6$ iterations", True,
  lambda: rnd(math.log(1000) / math.log(1 / 0.9), "65.6") and close(1 - 0.1, 0.9))

# =================================================================== 21
F21 = "21_adagrad_rmsprop.md"


def _adagrad(gs, eta=1.0):
    s = np.zeros(gs.shape[1])
    steps = []
    for g in gs:
        s = s + g * g
        steps.append(eta * g / np.sqrt(s))
    return s, steps


_r = np.random.default_rng(2121)
_gs21 = _r.normal(size=(9, 3))
C(F21, 7, r"\mathbf{s}_t = \mathbf{s}_{t-1} + \mathbf{g}_t \odot \mathbf{g}_t = \sum_{\tau=1}^{t} \mathbf{g}_\tau^2", True,
  lambda: close(_adagrad(_gs21)[0], np.sum(_gs21 ** 2, axis=0)))
C(F21, 11, r"mamy $s_t = t g^2$, więc krok ma długość $\eta / \sqrt{t}$ niezależnie od $|g|$", True,
  lambda: all(close(np.abs(_adagrad(np.tile([g], (t, 1)), 0.3)[1][-1]), [0.3 / math.sqrt(t)]) for g in (0.01, -3.0, 50.0) for t in (1, 4, 17)))
C(F21, 13, r"\eta \sum_{\tau=1}^{t} \frac{1}{\sqrt{\tau}} \le \eta\,(2\sqrt{t} - 1)", True,
  lambda: all(s <= 2 * math.sqrt(t) - 1 + 1e-12 for t, s in zip(range(1, 20001), np.cumsum(1 / np.sqrt(np.arange(1, 20001))))))
C(F21, 15, r"z całką $\int_1^t \tau^{-1/2}\, d\tau = 2\sqrt{t} - 2$", True,
  lambda: all(abs(trap(1 / np.sqrt(np.linspace(1, t, 200001)), np.linspace(1, t, 200001)) - (2 * math.sqrt(t) - 2)) < 1e-6 for t in (2.0, 9.0, 50.0)))
C(F21, 17, r"Po $4$ krokach $\mathbf{s}_4 = (0.04,\ 400)$, $\sqrt{\mathbf{s}_4} = (0.2,\ 20)$", True,
  lambda: close(_adagrad(np.tile([0.1, 10.0], (4, 1)))[0], [0.04, 400]) and close(np.sqrt([0.04, 400]), [0.2, 20])
  and close(_adagrad(np.tile([0.1, 10.0], (4, 1)))[1][-1], [0.5, 0.5]))


def _rms21(gs, rho=0.9):
    s = np.zeros(gs.shape[1])
    out = []
    for g in gs:
        s = rho * s + (1 - rho) * g * g
        out.append(s.copy())
    return out


C(F21, 27, r"\mathbf{s}_t = (1 - \rho) \sum_{\tau=1}^{t} \rho^{t-\tau} \mathbf{g}_\tau^2, \tag{4}", True,
  lambda: all(close(_rms21(_gs21, 0.85)[t - 1], 0.15 * sum(0.85 ** (t - tau) * _gs21[tau - 1] ** 2 for tau in range(1, t + 1))) for t in range(1, 10)))
C(F21, 29, r"a dla stałego gradientu $s_t = (1 - \rho^t)\, g^2$", True,
  lambda: all(close(_rms21(np.tile([2.0], (t, 1)))[-1], [(1 - 0.9 ** t) * 4]) for t in (1, 3, 40)))
C(F21, 29, r"krok ma długość $\eta/\sqrt{0.1} \approx 3.162\,\eta$", True,
  lambda: close(2.0 / np.sqrt(_rms21(np.tile([2.0], (1, 1)))[0]), [1 / math.sqrt(0.1)]) and rnd(1 / math.sqrt(0.1), "3.162"))


def _scale21():
    c = 37.0
    a1 = _adagrad(_gs21)[1]
    a2 = _adagrad(c * _gs21)[1]
    s1 = _rms21(_gs21)
    s2 = _rms21(c * _gs21)
    r1 = [g / np.sqrt(s) for g, s in zip(_gs21, s1)]
    r2 = [c * g / np.sqrt(s) for g, s in zip(_gs21, s2)]
    return all(close(x, y) for x, y in zip(a1, a2)) and all(close(x, y) for x, y in zip(r1, r2))


C(F21, 33, r"przy $\epsilon = 0$ kroki nie zmieniają się wcale", True, _scale21)

# =================================================================== 22
F22 = "22_adam_bias_correction.md"


def _ema(gs, beta):
    m = 0.0
    out = []
    for g in gs:
        m = beta * m + (1 - beta) * g
        out.append(m)
    return out


def _expect22(t, beta, second=True):
    # exact expectation by enumerating an i.i.d. two-point gradient distribution
    import itertools
    vals, probs = [-2.0, 1.0], [0.25, 0.75]
    tot = 0.0
    for seq in itertools.product(range(2), repeat=t):
        p = np.prod([probs[i] for i in seq])
        gs = [vals[i] ** 2 if second else vals[i] for i in seq]
        tot += p * _ema(gs, beta)[-1]
    Eg2 = 0.25 * 4 + 0.75 * 1
    Eg = 0.25 * -2 + 0.75 * 1
    return tot, (Eg2 if second else Eg)


C(F22, 14, r"v_t = (1 - \beta_2) \sum_{i=1}^{t} \beta_2^{\,t-i}\, g_i^2. \tag{2}", True,
  lambda: all(close(_ema(list(_gs21[:, 0] ** 2), 0.95)[t - 1], 0.05 * sum(0.95 ** (t - i) * _gs21[i - 1, 0] ** 2 for i in range(1, t + 1))) for t in range(1, 10)))
C(F22, 22, r"\mathbb{E}[v_t] &= \mathbb{E}[g_t^2]\, (1 - \beta_2) \sum_{i=1}^{t} \beta_2^{\,t-i} + \zeta \\", True,
  lambda: close(_expect22(5, 0.9)[0], _expect22(5, 0.9)[1] * 0.1 * sum(0.9 ** (5 - i) for i in range(1, 6))))
C(F22, 23, r"&= \mathbb{E}[g_t^2]\, \big(1 - \beta_2^{\,t+1}\big) + \zeta.", False,
  lambda: close(_expect22(5, 0.9)[0], _expect22(5, 0.9)[1] * (1 - 0.9 ** 6)))
C(F22, 28, r"\hat{m}_t = \frac{m_t}{1 - \beta_1^{\,t+1}}, \qquad \hat{v}_t = \frac{v_t}{1 - \beta_2^{\,t+1}}", False,
  lambda: close(_expect22(4, 0.8, False)[0] / (1 - 0.8 ** 5), _expect22(4, 0.8, False)[1])
  and close(_expect22(4, 0.8)[0] / (1 - 0.8 ** 5), _expect22(4, 0.8)[1]))
C(F22, 34, r"$1 - 0.9^2 = 0.19$ and $1 - 0.999^2 = 0.001999$", True,
  lambda: 1 - Fr(9, 10) ** 2 == Fr(19, 100) and 1 - Fr(999, 1000) ** 2 == Fr(1999, 1000000))
C(F22, 36, r"\hat{m}_1 = \frac{0.1\, g_1}{0.19} \approx 0.526\, g_1, \qquad \hat{v}_1 = \frac{0.001\, g_1^2}{0.001999} \approx 0.500\, g_1^2", True,
  lambda: rnd(0.1 / 0.19, "0.526") and rnd(0.001 / 0.001999, "0.500"))
C(F22, 38, r"$\alpha \cdot 0.526 / \sqrt{0.500} \approx 0.744\,\alpha$", True,
  lambda: rnd(0.526 / math.sqrt(0.5), "0.744") and rnd((0.1 / 0.19) / math.sqrt(0.001 / 0.001999), "0.744"))
C(F22, 38, r"Without any correction the ratio would be $0.1/\sqrt{0.001} \approx 3.162$, more than four times larger", True,
  lambda: rnd(0.1 / math.sqrt(0.001), "3.162") and (0.1 / math.sqrt(0.001)) / ((0.1 / 0.19) / math.sqrt(0.001 / 0.001999)) > 4)
C(F22, 40, r"is still only about $0.633$", True, lambda: rnd(1 - 0.999 ** 1001, "0.633"))

# =================================================================== 23
F23 = "23_adamw_vs_l2.md"
_r = np.random.default_rng(2323)
_th23 = _r.normal(size=4)
_f23 = lambda th: float(np.sum(np.sin(th)) + 0.5 * np.sum(th ** 3) / 3)
_lam23, _eta23 = 0.07, 0.3
C(F23, 7, r"\nabla f_{\text{reg}}(\boldsymbol{\theta}) = \nabla f(\boldsymbol{\theta}) + \lambda \boldsymbol{\theta}. \tag{1}", True,
  lambda: close(fd_grad(lambda t: _f23(t) + _lam23 / 2 * np.sum(t ** 2), _th23), fd_grad(_f23, _th23) + _lam23 * _th23))


def _sgd23():
    g = fd_grad(_f23, _th23)
    new = _th23 - _eta23 * (g + _lam23 * _th23)
    return close(new, (1 - _lam23) * _th23 - _eta23 * g)


C(F23, 11, r"= (1 - \lambda)\,\boldsymbol{\theta}_t - \eta\, \mathbf{g}_t, \tag{2}", False, _sgd23)
C(F23, 13, r"met de vaste factor $1 - \lambda$ gekrompen, onafhankelijk van $\eta$", False,
  lambda: close(_th23 - 0.01 * (0 + _lam23 * _th23), (1 - _lam23) * _th23) and close(_th23 - 0.5 * (_lam23 * _th23), (1 - _lam23) * _th23))


def _adam_l2_23():
    # beta1 = 0: m_hat = g + lam*theta, update = -eta * m_hat / sqrt(vhat); regularisation part:
    vhat = np.array([0.01, 4.0, 100.0, 0.3])
    g = fd_grad(_f23, _th23)
    upd = -_eta23 * (g + _lam23 * _th23) / np.sqrt(vhat)
    reg_part = upd - (-_eta23 * g / np.sqrt(vhat))
    return close(reg_part, -_eta23 * _lam23 * _th23 / np.sqrt(vhat))


C(F23, 19, r"\Delta\theta_j = -\,\frac{\eta\, \lambda\, \theta_j}{\sqrt{\hat{v}_{t,j}} + \epsilon}. \tag{3}", True, _adam_l2_23)
C(F23, 21, r"is de relatieve krimp per stap $10^{-4}$ als $\sqrt{\hat v} = 0.1$, maar slechts $10^{-6}$", True,
  lambda: close(1e-3 * 1e-2 / 0.1, 1e-4, 1e-15) and close(1e-3 * 1e-2 / 10, 1e-6, 1e-15) and close(1e-4 / 1e-6, 100))


def _adamw23():
    th = _th23.copy()
    m = np.zeros(4)
    v = np.ones(4)
    eta, lam = 1e-3, 1e-2
    new = th - eta * (m / (np.sqrt(v) + 1e-8) + lam * th)      # zero loss gradient
    return close(new, (1 - eta * lam) * th, 1e-12)


C(F23, 31, r"Elke coördinaat krimpt nu per stap met dezelfde factor $1 - \eta\lambda$", True, _adamw23)
C(F23, 31, r"Met $\eta = 10^{-3}$ en $\lambda = 10^{-2}$ is dat $0.99999$", True,
  lambda: 1 - Fr(1, 1000) * Fr(1, 100) == Fr(99999, 100000))
C(F23, 33, r"(1 - \eta\lambda)^T \approx e^{-\eta\lambda T} = e^{-1} \approx 0.368", True,
  lambda: abs((1 - 1e-5) ** 100000 - math.exp(-1)) < 1e-5 and rnd(math.exp(-1), "0.368") and rnd((1 - 1e-5) ** 100000, "0.368"))

# =================================================================== 24
F24 = "24_warmup_cosine.md"
_E24 = dict(emax=3e-4, emin=3e-5, Tw=1000, T=11000)


def _lr24(t, emax=3e-4, emin=3e-5, Tw=1000, T=11000):
    if t <= Tw:
        return emax * t / Tw
    return emin + 0.5 * (emax - emin) * (1 + math.cos(math.pi * (t - Tw) / (T - Tw)))


def _cos_branch(t, emax=3e-4, emin=3e-5, Tw=1000, T=11000):
    return emin + 0.5 * (emax - emin) * (1 + math.cos(math.pi * (t - Tw) / (T - Tw)))


C(F24, 13, r"Both pieces equal $\eta_{\max}$ at $t = T_w$, so the schedule is continuous", True,
  lambda: close(3e-4 * 1000 / 1000, 3e-4, 1e-15) and close(_cos_branch(1000), 3e-4, 1e-15) and close(_lr24(11000), 3e-5, 1e-15))
C(F24, 13, r"Halfway through the decay phase the cosine vanishes", True,
  lambda: close(_lr24(6000), (3e-4 + 3e-5) / 2, 1e-15))


def _slope24():
    ok = True
    for t in (1500.0, 4000.0, 6000.0, 9999.0):
        u = (t - 1000) / 10000
        stated = -math.pi * (3e-4 - 3e-5) / (2 * 10000) * math.sin(math.pi * u)
        num = (_cos_branch(t + 1e-2) - _cos_branch(t - 1e-2)) / 2e-2
        ok &= abs(num - stated) < 1e-14
    return ok


C(F24, 19, r"\frac{d\eta_t}{dt} = -\frac{\pi\,(\eta_{\max} - \eta_{\min})}{2\,(T - T_w)} \sin(\pi u)", True, _slope24)
C(F24, 21, r"which vanishes at both ends of the decay phase and is steepest at $u = 1/2$", True,
  lambda: abs(math.sin(0)) < 1e-15 and abs(math.sin(math.pi)) < 1e-15
  and abs(np.linspace(0, 1, 10001)[np.argmax(np.sin(np.pi * np.linspace(0, 1, 10001)))] - 0.5) < 1e-9)


def _area24():
    t1 = np.linspace(0, 1000, 100001)
    t2 = np.linspace(1000, 11000, 200001)
    a1 = trap(np.array([_lr24(t) for t in t1]), t1)
    a2 = trap(np.array([_cos_branch(t) for t in t2]), t2)
    return abs(a1 - 0.5 * 1000 * 3e-4) < 1e-9 and abs(a2 - 10000 * (3e-4 + 3e-5) / 2) < 1e-7 and abs(trap(np.cos(np.pi * np.linspace(0, 1, 100001)), np.linspace(0, 1, 100001))) < 1e-9


C(F24, 25, r"The warmup contributes a triangle of area $\tfrac12 T_w \eta_{\max}$", True, _area24)
C(F24, 32, r"\eta_{500} &= 1.5 \times 10^{-4}", True, lambda: close(_lr24(500), 1.5e-4, 1e-15))
C(F24, 33, r"(1 + \cos(\pi/4)) \approx 2.60 \times 10^{-4}", True,
  lambda: close(_lr24(3500), 3e-5 + 1.35e-4 * (1 + math.cos(math.pi / 4)), 1e-15) and rnd(_lr24(3500) * 1e4, "2.60"))
C(F24, 34, r"\eta_{6000} &= 1.65 \times 10^{-4}", True, lambda: close(_lr24(6000), 1.65e-4, 1e-15))
C(F24, 35, r"(1 + \cos(3\pi/4)) \approx 6.95 \times 10^{-5}", True,
  lambda: close(_lr24(8500), 3e-5 + 1.35e-4 * (1 + math.cos(3 * math.pi / 4)), 1e-15) and rnd(_lr24(8500) * 1e5, "6.95"))
C(F24, 38, r"\approx 4.24 \times 10^{-8}$ per step in magnitude", True,
  lambda: rnd(math.pi * 2.7e-4 / 2e4 * 1e8, "4.24") and close(abs((_cos_branch(6000.01) - _cos_branch(5999.99)) / 0.02), math.pi * 2.7e-4 / 2e4, 1e-6))
C(F24, 38, r"the total area is $0.15 + 10^4 \cdot 1.65 \times 10^{-4} = 1.80$", True,
  lambda: close(0.5 * 1000 * 3e-4, 0.15) and close(0.15 + 1e4 * 1.65e-4, 1.80))

# =================================================================== 25
F25 = "25_gradient_clipping.md"


def _clip(g, c):
    n = np.linalg.norm(g)
    return g * min(1.0, c / n)


def _dir25():
    r = np.random.default_rng(25)
    ok = True
    for _ in range(50):
        g = r.normal(size=6) * r.uniform(0.1, 10)
        c = r.uniform(0.5, 5)
        gc = _clip(g, c)
        ok &= np.linalg.norm(gc) <= c + 1e-12 and abs(np.dot(gc, g) / (np.linalg.norm(gc) * np.linalg.norm(g)) - 1) < 1e-12
    return ok


C(F25, 9, r"(1) gradyanın yönünü değiştirmez", True, _dir25)
C(F25, 9, r"$\|\Delta\boldsymbol{\theta}\| \le \eta c$ olur", True,
  lambda: all(np.linalg.norm(0.3 * _clip(np.random.default_rng(s).normal(size=5) * 10, 2.0)) <= 0.3 * 2.0 + 1e-12 for s in range(20)))
C(F25, 11, r"\sqrt{9 + 16 + 144} = 13", True, lambda: 9 + 16 + 144 == 169 == 13 ** 2 and close(np.linalg.norm([3, 4, 12]), 13))
C(F25, 13, r"\left(\tfrac{15}{13}, \tfrac{20}{13}, \tfrac{60}{13}\right) \approx (1.154,\ 1.538,\ 4.615)", True,
  lambda: close(_clip(np.array([3.0, 4, 12]), 5), [15 / 13, 20 / 13, 60 / 13]) and rvec([15 / 13, 20 / 13, 60 / 13], ["1.154", "1.538", "4.615"]))
C(F25, 15, r"normu tam olarak $5$ olan bir vektör", True, lambda: close(np.linalg.norm(_clip(np.array([3.0, 4, 12]), 5)), 5))
C(F25, 17, r"\|\mathbf{g}\|_2 = \sqrt{1 + 4 + 4} = 3", True,
  lambda: close(np.linalg.norm(np.concatenate([[1, 2], [2]])), 3) and close(_clip(np.array([1.0, 2, 2]), 1.5), 0.5 * np.array([1, 2, 2])))
C(F25, 25, r"$(3, 4, 5)$ vektörünü verir; bunun normu $\sqrt{50} \approx 7.071$", True,
  lambda: close(np.clip([3, 4, 12], -5, 5), [3, 4, 5]) and close(np.linalg.norm([3, 4, 5]), math.sqrt(50)) and rnd(math.sqrt(50), "7.071"))
C(F25, 27, r"\frac{3 \cdot 3 + 4 \cdot 4 + 12 \cdot 5}{13 \cdot \sqrt{50}} = \frac{85}{91.924} \approx 0.925", True,
  lambda: 3 * 3 + 4 * 4 + 12 * 5 == 85 and rnd(13 * math.sqrt(50), "91.924") and rnd(85 / (13 * math.sqrt(50)), "0.925"))
C(F25, 29, r"yaklaşık $22.4^\circ$'lik bir sapma", True,
  lambda: rnd(math.degrees(math.acos(85 / (13 * math.sqrt(50)))), "22.4"))

# =================================================================== 26
F26 = "26_label_smoothing.md"
_K26, _e26, _c26 = 5, 0.2, 2
_y26 = np.eye(_K26)[_c26]
_q26 = (1 - _e26) * _y26 + _e26 / _K26
_z26 = np.random.default_rng(26).normal(size=_K26)


def _H26(q, z):
    return -float(np.sum(q * np.log(softmax(z))))


C(F26, 9, r"that is, $q_c = 1 - \varepsilon + \varepsilon/K$ and $q_k = \varepsilon/K$", True,
  lambda: close(_q26[_c26], 1 - _e26 + _e26 / _K26) and close(np.delete(_q26, _c26), [_e26 / _K26] * 4) and close(_q26.sum(), 1))
C(F26, 11, r"H(\mathbf{q}, \mathbf{p}) = (1 - \varepsilon)\, H(\mathbf{y}, \mathbf{p}) + \varepsilon\, H(\mathbf{u}, \mathbf{p})", True,
  lambda: close(_H26(_q26, _z26), (1 - _e26) * _H26(_y26, _z26) + _e26 * _H26(np.ones(_K26) / _K26, _z26)))
C(F26, 19, r"\frac{\partial H(\mathbf{q}, \mathbf{p})}{\partial z_k} = p_k - q_k. \tag{7.30}", True,
  lambda: close(fd_grad(lambda z: _H26(_q26, z), _z26), softmax(_z26) - _q26))
C(F26, 21, r"for which the gradient $p_c - 1$ never reaches zero for finite logits", True,
  lambda: all(softmax(np.random.default_rng(s).normal(size=4) * 20)[0] - 1 < 0 for s in range(20)))


def _gap26():
    z = np.log(_q26)
    gaps = [z[_c26] - z[k] for k in range(_K26) if k != _c26]
    return close(softmax(z), _q26) and close(gaps, [math.log((1 - _e26 + _e26 / _K26) / (_e26 / _K26))] * 4) \
        and close(fd_grad(lambda zz: _H26(_q26, zz), z), np.zeros(_K26))


C(F26, 27, r"z_c - z_k = \log \frac{q_c}{q_k} = \log \frac{1 - \varepsilon + \varepsilon/K}{\varepsilon/K}", True, _gap26)
C(F26, 29, r"we have $q_c = 0.91$ and $q_k = 0.01$, so the logit gap settles at $\log 91 \approx 4.511$", True,
  lambda: close(0.9 + 0.1 / 10, 0.91) and close(0.1 / 10, 0.01) and rnd(math.log(0.91 / 0.01), "4.511"))
_q26b = np.array([0.91] + [0.01] * 9)
C(F26, 35, r"-0.91 \log 0.91 - 9 \cdot 0.01 \log 0.01 \approx 0.0858 + 0.0461 = 0.1319", False,
  lambda: rnd(-0.91 * math.log(0.91), "0.0858") and rnd(-9 * 0.01 * math.log(0.01), "0.0461")
  and rnd(-np.sum(_q26b * np.log(_q26b)), "0.1319"))
C(F26, 37, r"so even a perfect model reports a training loss of about $0.132$ nats", False,
  lambda: rnd(_H26(_q26b, np.log(_q26b)), "0.132"))

# =================================================================== 27
F27 = "27_distillation_temperature.md"
_r = np.random.default_rng(2727)
_z27 = _r.normal(size=4)
_v27 = _r.normal(size=4)
_z27c = _z27 - _z27.mean()
_v27c = _v27 - _v27.mean()


def _C27(z, v, T):
    q = softmax(v / T)
    return -float(np.sum(q * np.log(softmax(z / T))))


def _g27(z, v, T):
    return (softmax(z / T) - softmax(v / T)) / T


C(F27, 9, r"για $T \to \infty$ και οι δύο τείνουν στην ομοιόμορφη $1/N$", True,
  lambda: close(softmax(_z27 / 1e7), [0.25] * 4, 1e-6) and close(softmax(_v27 / 1e7), [0.25] * 4, 1e-6))
C(F27, 11, r"$\mathbf{q} \approx (0.844, 0.114, 0.042)$", True,
  lambda: rvec(softmax(np.array([3.0, 1, 0])), ["0.844", "0.114", "0.042"]))
C(F27, 11, r"$\mathbf{q} \approx (0.481, 0.292, 0.227)$", True,
  lambda: rvec(softmax(np.array([3.0, 1, 0]) / 4), ["0.481", "0.292", "0.227"]))
C(F27, 17, r"\frac{\partial C}{\partial z_i} = \frac{1}{T}\,(p_i - q_i). \tag{2}", True,
  lambda: all(close(fd_grad(lambda z: _C27(z, _v27, T), _z27), _g27(_z27, _v27, T)) for T in (1.0, 3.0, 10.0)))


def _approx27():
    T = 2000.0
    N = 4
    ex = _g27(_z27, _v27, T)
    ap = ((1 + _z27 / T) / (N + _z27.sum() / T) - (1 + _v27 / T) / (N + _v27.sum() / T)) / T
    return np.max(np.abs(ap - ex)) < 1e-2 * np.max(np.abs(ex))


C(F27, 21, r"\frac{\partial C}{\partial z_i} \approx \frac{1}{T} \left( \frac{1 + z_i/T}{N + \sum_j z_j/T}", True, _approx27)
C(F27, 25, r"\frac{\partial C}{\partial z_i} \approx \frac{1}{N T}\,(z_i - v_i). \tag{4}", False,
  lambda: np.max(np.abs(_g27(_z27c, _v27c, 2000.0) - (_z27c - _v27c) / (4 * 2000.0))) < 0.1 * np.max(np.abs(_g27(_z27c, _v27c, 2000.0))))
C(F27, 27, r"κλιμακωμένο κατά $1/(NT)$", False,
  lambda: bool(np.allclose(_g27(_z27c, _v27c, 2000.0), (_z27c - _v27c) / (4 * 2000.0), rtol=1e-2, atol=0)))


def _scale27():
    # gradient of T*C should then be independent of T (at high T)
    g1 = np.linalg.norm(3000.0 * _g27(_z27c, _v27c, 3000.0))
    g2 = np.linalg.norm(6000.0 * _g27(_z27c, _v27c, 6000.0))
    return abs(g1 / g2 - 1) < 0.05


C(F27, 31, r"πολλαπλασιάζουμε την απώλεια απόσταξης επί $T$", False, _scale27)
C(F27, 35, r"θα ήταν $4$ φορές μικρότερες από το επιθυμητό", False,
  lambda: abs(np.linalg.norm(_g27(_z27c, _v27c, 1.0 * 400)) / np.linalg.norm(_g27(_z27c, _v27c, 4.0 * 400)) - 4) < 0.2)

# =================================================================== 28
F28 = "28_kl_gaussians.md"
_m1, _s1, _m2, _s2 = 0.7, 1.3, -0.4, 0.8


def _EN(f, mu, sd):
    return EN(lambda t: f(mu + sd * t))


def _lnN(x, mu, sd):
    return -0.5 * np.log(2 * np.pi * sd * sd) - (x - mu) ** 2 / (2 * sd * sd)


def _KL1(m1, s1, m2, s2):
    return math.log(s2 / s1) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2) - 0.5


def _KLnum(m1, s1, m2, s2):
    x = np.linspace(m1 - 14 * s1, m1 + 14 * s1, 400001)
    p = np.exp(_lnN(x, m1, s1))
    return trap(p * (_lnN(x, m1, s1) - _lnN(x, m2, s2)), x)


C(F28, 7, r"\mathbb{E}_p\big[(x - \mu_2)^2\big] = \sigma_1^2 + (\mu_1 - \mu_2)^2", True,
  lambda: close(_EN(lambda x: (x - _m2) ** 2, _m1, _s1), _s1 ** 2 + (_m1 - _m2) ** 2, 1e-10))
C(F28, 12, r"\mathbb{E}_p[\ln p(x)] &= -\tfrac12 \ln(2\pi\sigma_1^2) - \tfrac12, \\", True,
  lambda: close(_EN(lambda x: _lnN(x, _m1, _s1), _m1, _s1), -0.5 * math.log(2 * math.pi * _s1 ** 2) - 0.5, 1e-10))
C(F28, 13, r"\mathbb{E}_p[\ln q(x)] &= -\tfrac12 \ln(2\pi\sigma_2^2) - \frac{\sigma_1^2 + (\mu_1 - \mu_2)^2}{2\sigma_2^2}", True,
  lambda: close(_EN(lambda x: _lnN(x, _m2, _s2), _m1, _s1), -0.5 * math.log(2 * math.pi * _s2 ** 2) - (_s1 ** 2 + (_m1 - _m2) ** 2) / (2 * _s2 ** 2), 1e-10))
C(F28, 18, r"\mathrm{KL}(p \,\|\, q) = \ln \frac{\sigma_2}{\sigma_1} + \frac{\sigma_1^2 + (\mu_1 - \mu_2)^2}{2\sigma_2^2} - \frac12. \tag{3}", True,
  lambda: all(abs(_KLnum(*a) - _KL1(*a)) < 1e-8 for a in [(_m1, _s1, _m2, _s2), (1, 1, 0, 2), (0, 2, 1, 1)]))
C(F28, 20, r"It is zero iff $\mu_1 = \mu_2$ and $\sigma_1 = \sigma_2$, and it is not symmetric", True,
  lambda: abs(_KL1(0.3, 1.1, 0.3, 1.1)) < 1e-15 and all(_KL1(*np.random.default_rng(s).uniform(0.2, 2, 4)) > 0 for s in range(30))
  and abs(_KL1(1, 1, 0, 2) - _KL1(0, 2, 1, 1)) > 0.1)
C(F28, 22, r"\mathrm{KL}(p \,\|\, q) = \ln 2 + \frac{1 + 1}{8} - \frac12 \approx 0.443", True,
  lambda: close(_KL1(1, 1, 0, 2), math.log(2) + 2 / 8 - 0.5) and rnd(_KL1(1, 1, 0, 2), "0.443")
  and close(_KL1(0, 2, 1, 1), math.log(0.5) + 5 / 2 - 0.5) and rnd(_KL1(0, 2, 1, 1), "1.307"))


def _KLmv(m1, S1, m2, S2):
    k = len(m1)
    S2i = np.linalg.inv(S2)
    d = m2 - m1
    return 0.5 * (np.trace(S2i @ S1) + d @ S2i @ d - k + math.log(np.linalg.det(S2) / np.linalg.det(S1)))


def _mv28():
    m1 = np.array([0.3, -0.5])
    m2 = np.array([-0.2, 0.4])
    S1 = np.array([[1.0, 0.4], [0.4, 0.8]])
    S2 = np.array([[1.5, -0.3], [-0.3, 0.9]])
    # 2-D quadrature on a grid
    g = np.linspace(-9, 9, 1201)
    X, Y = np.meshgrid(g, g, indexing="ij")
    P = np.stack([X, Y], axis=-1)

    def logpdf(m, S):
        Si = np.linalg.inv(S)
        D = P - m
        return -0.5 * np.einsum("...i,ij,...j->...", D, Si, D) - 0.5 * math.log((2 * math.pi) ** 2 * np.linalg.det(S))
    lp, lq = logpdf(m1, S1), logpdf(m2, S2)
    integrand = np.exp(lp) * (lp - lq)
    h = g[1] - g[0]
    num = float(np.sum(integrand)) * h * h
    return abs(num - _KLmv(m1, S1, m2, S2)) < 1e-6


C(F28, 29, r"\operatorname{tr}(\boldsymbol{\Sigma}_2^{-1} \boldsymbol{\Sigma}_1) + (\boldsymbol{\mu}_2 - \boldsymbol{\mu}_1)^\top", True, _mv28)
C(F28, 33, r"= \frac12 \sum_{j=1}^{k} \big( \mu_j^2 + \sigma_j^2 - \ln \sigma_j^2 - 1 \big)", True,
  lambda: close(_KLmv(np.array([0.5, -1, 2]), np.diag([1, 0.25, 3.0]), np.zeros(3), np.eye(3)),
                0.5 * np.sum(np.array([0.25, 1, 4]) + np.array([1, 0.25, 3]) - np.log([1, 0.25, 3]) - 1)))


def _vae_grad28():
    f = lambda mu, sd: 0.5 * (mu * mu + sd * sd - math.log(sd * sd) - 1)
    ok = True
    for mu, sd in [(0.5, 1.0), (-1.0, 0.5), (2.0, 1.7)]:
        gm = (f(mu + 1e-6, sd) - f(mu - 1e-6, sd)) / 2e-6
        gs = (f(mu, sd + 1e-6) - f(mu, sd - 1e-6)) / 2e-6
        ok &= abs(gm - mu) < 1e-7 and abs(gs - (sd - 1 / sd)) < 1e-7
    return ok


C(F28, 35, r"whose gradients are simply $\partial/\partial \mu_j = \mu_j$ and $\partial/\partial \sigma_j = \sigma_j - 1/\sigma_j$", True, _vae_grad28)
C(F28, 35, r"(1 + 0.25 - \ln 0.25 - 1)\big] \approx 0.943", True,
  lambda: close(0.5 * ((0.25 + 1 - 0 - 1) + (1 + 0.25 - math.log(0.25) - 1)),
                _KLmv(np.array([0.5, -1]), np.diag([1, 0.25]), np.zeros(2), np.eye(2)))
  and rnd(0.5 * ((0.25 + 1 - 0 - 1) + (1 + 0.25 - math.log(0.25) - 1)), "0.943"))

# =================================================================== 29
F29 = "29_reparameterisation_elbo.md"


def _elbo29(x, m, s):
    # p(z)=N(0,1), p(x|z)=N(z,1), q=N(m,s^2)
    Elik = EN(lambda t: _lnN(x, m + s * t, 1.0))
    kl_prior = _KL1(m, s, 0.0, 1.0)
    return Elik - kl_prior


C(F29, 7, r"\log p(\mathbf{x}) = \underbrace{\mathbb{E}_{q_\phi}\big[\log p(\mathbf{x} \mid \mathbf{z})\big]", True,
  lambda: all(close(_lnN(x, 0, math.sqrt(2)), _elbo29(x, m, s) + _KL1(m, s, x / 2, math.sqrt(0.5)), 1e-10)
              for x, m, s in [(1.0, 0.2, 0.9), (-0.7, -1.0, 0.3), (2.0, 1.0, math.sqrt(0.5))]))
C(F29, 9, r"$\mathcal{L}(\phi) \le \log p(\mathbf{x})$; इसीलिए", True,
  lambda: all(_elbo29(1.0, m, s) <= _lnN(1.0, 0, math.sqrt(2)) + 1e-12 for m in np.linspace(-2, 2, 9) for s in (0.2, 0.7, 1.5))
  and close(_elbo29(1.0, 0.5, math.sqrt(0.5)), _lnN(1.0, 0, math.sqrt(2)), 1e-10))


def _post29():
    x = 1.0
    z = np.linspace(-12, 12, 400001)
    joint = np.exp(_lnN(z, 0, 1) + _lnN(x, z, 1))
    px = trap(joint, z)
    post = joint / px
    mean = trap(z * post, z)
    var = trap((z - mean) ** 2 * post, z)
    return abs(px - math.exp(_lnN(x, 0, math.sqrt(2)))) < 1e-10 and abs(mean - 0.5) < 1e-9 and abs(var - 0.5) < 1e-9


C(F29, 11, r"तब $p(x) = \mathcal{N}(0, 2)$ और वास्तविक पश्च $p(z \mid x) = \mathcal{N}(x/2, 1/2)$", True, _post29)
C(F29, 11, r"\log p(x) = -\tfrac12 \ln(4\pi) - \tfrac14 \approx -1.516", True,
  lambda: close(_lnN(1.0, 0, math.sqrt(2)), -0.5 * math.log(4 * math.pi) - 0.25) and rnd(-0.5 * math.log(4 * math.pi) - 0.25, "-1.516"))


def _rep29():
    ok = True
    f, fp = (lambda z: np.sin(z) + z ** 3), (lambda z: np.cos(z) + 3 * z ** 2)
    for mu, sd in [(0.3, 0.8), (-1.0, 1.5)]:
        E = lambda m, s: EN(lambda t: f(m + s * t))
        gm = (E(mu + 1e-5, sd) - E(mu - 1e-5, sd)) / 2e-5
        gs = (E(mu, sd + 1e-5) - E(mu, sd - 1e-5)) / 2e-5
        ok &= abs(gm - EN(lambda t: fp(mu + sd * t))) < 1e-7 and abs(gs - EN(lambda t: t * fp(mu + sd * t))) < 1e-7
    return ok


C(F29, 21, r"\nabla_\mu\, \mathbb{E}_{q}[f(z)] = \mathbb{E}_{\varepsilon}\big[f'(\mu + \sigma\varepsilon)\big]", True, _rep29)
C(F29, 23, r"जाँच के लिए $f(z) = z^2$ लें: $\mathbb{E}[z^2] = \mu^2 + \sigma^2$", True,
  lambda: close(EN(lambda t: (1.3 + 0.6 * t) ** 2), 1.3 ** 2 + 0.36, 1e-12))
C(F29, 23, r"(3) से $\mathbb{E}[2(\mu + \sigma\varepsilon)] = 2\mu$ तथा $\mathbb{E}[2\varepsilon(\mu + \sigma\varepsilon)] = 2\sigma$", True,
  lambda: close(EN(lambda t: 2 * (1.3 + 0.6 * t)), 2.6, 1e-12) and close(EN(lambda t: 2 * t * (1.3 + 0.6 * t)), 1.2, 1e-12))
C(F29, 27, r"स्कोर-फलन (REINFORCE) आकलक $f(z)\,(z - \mu)/\sigma^2$ भी", True,
  lambda: all(close(EN(lambda t: (m + s * t) ** 3 * (s * t) / s ** 2), 3 * m * m + 3 * s * s, 1e-9) for m, s in [(1.0, 0.5), (-0.4, 1.2)]))
C(F29, 30, r"2(\mu + \sigma\varepsilon) = 2 + \varepsilon, && \operatorname{Var} = 1", True,
  lambda: close(EN(lambda t: (2 * (1 + 0.5 * t) - 2) ** 2), 1.0, 1e-12) and close(EN(lambda t: 2 * (1 + 0.5 * t)), 2.0, 1e-12))
C(F29, 31, r"z^2 (z - \mu)/\sigma^2 = 2\varepsilon + 2\varepsilon^2 + 0.5\varepsilon^3, && \operatorname{Var} = 21.75", True,
  lambda: close((1 + 0.5 * 0.37) ** 2 * (0.5 * 0.37) / 0.25, 2 * 0.37 + 2 * 0.37 ** 2 + 0.5 * 0.37 ** 3)
  and close(EN(lambda t: (2 * t + 2 * t ** 2 + 0.5 * t ** 3) ** 2) - EN(lambda t: 2 * t + 2 * t ** 2 + 0.5 * t ** 3) ** 2, 21.75, 1e-10))
C(F29, 34, r"लगभग $22$ गुना है", True, lambda: round(21.75 / 1.0) == 22)

# =================================================================== 30
F30 = "30_entropy_perplexity.md"


def _H(p, base=2):
    p = np.asarray(p, dtype=float)
    p = p[p > 0]
    return float(-np.sum(p * np.log(p)) / math.log(base))


C(F30, 9, r"where $H = \log_b V$, and it is zero for a point mass", True,
  lambda: close(_H(np.ones(7) / 7), math.log2(7)) and _H([1, 0, 0]) == 0
  and all(_H(np.random.default_rng(s).dirichlet(np.ones(7))) <= math.log2(7) for s in range(50)))
C(F30, 13, r"= 0.5 + 0.5 + 0.375 = 1.375 \text{ bits}", False, lambda: close(_H([0.5, 0.25, 0.125, 0.125]), 1.375))
C(F30, 18, r"$\mathrm{PP}(p) = b^{H(p)}$, which does not depend on the base chosen", True,
  lambda: close(2 ** _H([0.2, 0.3, 0.5], 2), math.e ** _H([0.2, 0.3, 0.5], math.e)) and close(2 ** _H(np.ones(9) / 9), 9))
C(F30, 18, r"For the example above, $\mathrm{PP} = 2^{1.375} \approx 2.594$", False,
  lambda: rnd(2 ** _H([0.5, 0.25, 0.125, 0.125]), "2.594"))
C(F30, 28, r"\mathrm{PP} = \Big( \prod_{i=1}^{N} q(w_i \mid w_{<i}) \Big)^{-1/N}", True,
  lambda: all(close(math.exp(-np.mean(np.log(q))), np.prod(q) ** (-1 / len(q)))
              for q in [np.random.default_rng(s).uniform(0.01, 1, 6) for s in range(10)]))
C(F30, 33, r"\approx \tfrac14 (1.609 + 0.693 + 2.303 + 0.916) \approx 1.380 \text{ nats}", True,
  lambda: rvec([math.log(5), math.log(2), math.log(10), math.log(2.5)], ["1.609", "0.693", "2.303", "0.916"])
  and rnd((1.609 + 0.693 + 2.303 + 0.916) / 4, "1.380") and rnd(-np.mean(np.log([0.2, 0.5, 0.1, 0.4])), "1.380"))
C(F30, 34, r"= 0.004^{-1/4} \approx 3.976", True,
  lambda: close(0.2 * 0.5 * 0.1 * 0.4, 0.004) and close(math.exp(-np.mean(np.log([0.2, 0.5, 0.1, 0.4]))), 0.004 ** -0.25)
  and rnd(0.004 ** -0.25, "3.976"))
C(F30, 37, r"$\hat{H} = \ln 50{,}000 \approx 10.82$ nats and perplexity $50{,}000$", True,
  lambda: rnd(math.log(50000), "10.82") and close(math.exp(math.log(50000)), 50000))
C(F30, 37, r"$1.380$ nats is $1.380 / \ln 2 \approx 1.991$ bits", True, lambda: rnd(1.380 / math.log(2), "1.991"))
# =================================================================== 31
F31 = "31_logsumexp.md"


def _lse(x):
    x = np.asarray(x, dtype=float)
    m = x.max()
    return m + math.log(np.sum(np.exp(x - m)))


_r = np.random.default_rng(3131)
_x31 = _r.normal(size=5) * 2


def _overflow31():
    with np.errstate(over="ignore"):
        return (np.isinf(np.exp(709.79)) and np.isinf(np.exp(709.7901)) and np.isinf(np.exp(800.0))
                and np.isfinite(np.exp(709.78)) and np.isinf(np.exp(np.float64(709.79))))


C(F31, 9, r"meluap (*overflow*) untuk $x > 709.79$", True, _overflow31)
C(F31, 15, r"= m + \log \sum_i e^{x_i - m}. \tag{2}", True,
  lambda: close(_lse(_x31), math.log(np.sum(np.exp(_x31)))) and close(math.log(math.exp(_x31.max()) * np.sum(np.exp(_x31 - _x31.max()))), _lse(_x31)))
C(F31, 17, r"sehingga jumlahnya berada di $[1, n]$", True,
  lambda: all(1 <= np.sum(np.exp(x - x.max())) <= len(x) for x in [np.random.default_rng(s).normal(size=6) * 5 for s in range(30)]))
C(F31, 19, r"\max_i x_i \le \operatorname{LSE}(\mathbf{x}) \le \max_i x_i + \log n", True,
  lambda: all(x.max() <= _lse(x) <= x.max() + math.log(len(x)) + 1e-12 for x in [np.random.default_rng(s).normal(size=6) * 5 for s in range(30)])
  and close(_lse(np.zeros(4)), math.log(4)))
C(F31, 26, r"\frac{\partial \operatorname{LSE}}{\partial x_i} = \frac{e^{x_i}}{\sum_j e^{x_j}} = p_i", True,
  lambda: close(fd_grad(_lse, _x31), softmax(_x31)))
C(F31, 30, r"\nabla^2 \operatorname{LSE}(\mathbf{x}) = \operatorname{diag}(\mathbf{p}) + \mathbf{p}\mathbf{p}^\top", False,
  lambda: close(fd_jac(lambda x: fd_grad(_lse, x, 1e-5), _x31, 1e-4), np.diag(softmax(_x31)) + np.outer(softmax(_x31), softmax(_x31)), 1e-5))


def _quad31():
    p = softmax(_x31)
    H = fd_jac(lambda x: fd_grad(_lse, x, 1e-5), _x31, 1e-4)
    v = np.random.default_rng(311).normal(size=5)
    return abs(v @ H @ v - (np.sum(p * v * v) + np.sum(p * v) ** 2)) < 1e-5


C(F31, 32, r"\sum_i p_i v_i^2 + \big(\sum_i p_i v_i\big)^2 \ge 0", False, _quad31)
_x31b = np.array([1000.0, 1001.0, 1002.0])
C(F31, 38, r"\approx 1002 + \log 1.5032 \approx 1002.4076", True,
  lambda: rnd(math.exp(-2) + math.exp(-1) + 1, "1.5032") and rnd(_lse(_x31b), "1002.4076")
  and close(_lse(_x31b), 1002 + math.log(math.exp(-2) + math.exp(-1) + 1), 1e-13))
C(F31, 40, r"\approx (-2.4076,\ -1.4076,\ -0.4076)$, sehingga $\mathbf{p} \approx (0.0900,\ 0.2447,\ 0.6652)", True,
  lambda: rvec(_x31b - _lse(_x31b), ["-2.4076", "-1.4076", "-0.4076"]) and rvec(softmax(_x31b), ["0.0900", "0.2447", "0.6652"]))
C(F31, 40, r"$1002 \le 1002.4076 \le 1002 + \log 3 \approx 1003.0986$", True,
  lambda: 1002 <= _lse(_x31b) <= 1002 + math.log(3) and rnd(1002 + math.log(3), "1003.0986"))

# =================================================================== 32
F32 = "32_gradient_checking.md"
_f32 = (np.sin, np.cos, lambda x: -np.sin(x), lambda x: -np.cos(x))
_x32 = 0.7


def _taylor32():
    f, f1, f2, f3 = _f32
    ratios = []
    for h in (1e-2, 5e-3):
        res_p = f(_x32 + h) - (f(_x32) + h * f1(_x32) + h * h / 2 * f2(_x32) + h ** 3 / 6 * f3(_x32))
        res_m = f(_x32 - h) - (f(_x32) - h * f1(_x32) + h * h / 2 * f2(_x32) - h ** 3 / 6 * f3(_x32))
        ratios.append((res_p / h ** 4, res_m / h ** 4))
    return all(abs(a) < 0.05 and abs(b) < 0.05 for a, b in ratios)   # bounded: O(h^4), f''''/24 = sin/24


C(F32, 7, r"f(x \pm h) = f(x) \pm h f'(x) + \frac{h^2}{2} f''(x) \pm \frac{h^3}{6} f'''(x) + O(h^4)", True, _taylor32)
C(F32, 11, r"\frac{f(x + h) - f(x)}{h} = f'(x) + \frac{h}{2} f''(x) + O(h^2)", True,
  lambda: all(abs(((np.sin(_x32 + h) - np.sin(_x32)) / h - np.cos(_x32) - h / 2 * -np.sin(_x32)) / h ** 2) < 0.2 for h in (1e-2, 1e-3)))
C(F32, 15, r"\frac{f(x + h) - f(x - h)}{2h} = f'(x) + \frac{h^2}{6} f'''(x) + O(h^4)", True,
  lambda: all(abs(((np.sin(_x32 + h) - np.sin(_x32 - h)) / (2 * h) - np.cos(_x32) - h * h / 6 * -np.cos(_x32)) / h ** 4) < 0.02 for h in (5e-2, 2e-2)))
C(F32, 19, r"the forward difference is $(e^{0.1} - 1)/0.1 \approx 1.05171$, an error of $0.05171$", True,
  lambda: rnd((math.exp(0.1) - 1) / 0.1, "1.05171") and rnd((math.exp(0.1) - 1) / 0.1 - 1, "0.05171") and 0.1 / 2 == 0.05)
C(F32, 19, r"The centered difference is $\sinh(0.1)/0.1 \approx 1.001668$", True,
  lambda: close((math.exp(0.1) - math.exp(-0.1)) / 0.2, math.sinh(0.1) / 0.1) and rnd(math.sinh(0.1) / 0.1, "1.001668")
  and rnd(math.sinh(0.1) / 0.1 - 1, "0.001668") and rnd(0.01 / 6, "0.001667"))
C(F32, 23, r"($\approx 2.22 \times 10^{-16}$ in double precision)", True, lambda: rnd(np.finfo(float).eps * 1e16, "2.22"))
C(F32, 23, r"$\sqrt{\epsilon_{\text{mach}}} \approx 1.5 \times 10^{-8}$", True,
  lambda: rnd(math.sqrt(np.finfo(float).eps) * 1e8, "1.5") and rnd(np.finfo(float).eps ** (1 / 3) * 1e6, "6.1"))


def _cost32():
    calls = [0]

    def J(t):
        calls[0] += 1
        return float(np.sum(t ** 2))
    th = np.arange(7.0)
    h = 1e-5
    g = np.zeros(7)
    for i in range(7):
        e = np.zeros(7)
        e[i] = h
        g[i] = (J(th + e) - J(th - e)) / (2 * h)
    return calls[0] == 2 * 7 and close(g, 2 * th)


C(F32, 32, r"This costs $2n$ evaluations of $J$", True, _cost32)

# =================================================================== 33
F33 = "33_autodiff_modes.md"


def _jac33():
    r = np.random.default_rng(33)
    A = r.normal(size=(2, 3))
    f = lambda x: np.tanh(A @ x) * np.array([1.0, 2.0])
    x = r.normal(size=3)
    J = fd_jac(f, x)
    jvps = np.stack([(f(x + 1e-6 * e) - f(x - 1e-6 * e)) / 2e-6 for e in np.eye(3)], axis=1)   # n JVPs
    vjps = np.stack([fd_grad(lambda t: float(u @ f(t)), x) for u in np.eye(2)], axis=0)        # m VJPs
    return close(jvps, J) and close(vjps, J)


C(F33, 10, r"Hela Jacobimatrisen kräver därför $n$ framåtpass eller $m$ bakåtpass", True, _jac33)
_f33 = lambda x: x[0] * x[1] + math.sin(x[0])
C(F33, 14, r"$v_5 = 6 + \sin 2 \approx 6.9093$", True, lambda: rnd(_f33([2.0, 3.0]), "6.9093"))
C(F33, 19, r"\dot v_3 = \dot v_1 v_2 + v_1 \dot v_2 = 3", True,
  lambda: close(fd_grad(lambda x: x[0] * x[1], np.array([2.0, 3.0])) @ [1, 0], 3))
C(F33, 20, r"\dot v_4 &= \cos(v_1)\, \dot v_1 = \cos 2 \approx -0.4161", True, lambda: rnd(math.cos(2), "-0.4161"))
C(F33, 21, r"\dot v_5 &= \dot v_3 + \dot v_4 \approx 2.5839 = \partial f / \partial x_1", True,
  lambda: rnd(fd_grad(_f33, np.array([2.0, 3.0]))[0], "2.5839"))
C(F33, 30, r"\bar v_2 &= \bar v_3\, v_1 = 2", True, lambda: close(fd_grad(_f33, np.array([2.0, 3.0]))[1], 2))
C(F33, 31, r"\bar v_1 &= \bar v_3\, v_2 + \bar v_4 \cos v_1 = 3 + \cos 2 \approx 2.5839", True,
  lambda: close(fd_grad(_f33, np.array([2.0, 3.0]))[0], 3 + math.cos(2)) and rnd(3 + math.cos(2), "2.5839"))
C(F33, 34, r"$\nabla f(2, 3) \approx (2.5839,\ 2)$", True,
  lambda: rvec(fd_grad(_f33, np.array([2.0, 3.0])), ["2.5839", "2.0000"]))

# =================================================================== 34
F34 = "34_jvp_vjp.md"
_f34 = lambda x: np.array([x[0] ** 2 * x[1], 3 * x[0] + math.sin(x[1])])
_x34 = np.array([1.0, 2.0])
_J34 = fd_jac(_f34, _x34)


def _defs34():
    r = np.random.default_rng(34)
    A = r.normal(size=(3, 2))
    f = lambda x: np.sin(A @ x) + x[0] * x[1]
    x, v, u = r.normal(size=2), r.normal(size=2), r.normal(size=3)
    J = fd_jac(f, x)
    jvp = (f(x + 1e-6 * v) - f(x - 1e-6 * v)) / 2e-6
    vjp = fd_grad(lambda t: float(u @ f(t)), x)
    return close(jvp, J @ v) and close(vjp, u @ J) and close(u @ (J @ v), (u @ J) @ v, 1e-12)


C(F34, 7, r"\text{JVP:}\quad J\mathbf{v} = \frac{d}{dt} f(\mathbf{x} + t\mathbf{v}) \Big|_{t=0}", True, _defs34)
C(F34, 11, r"\mathbf{u}^T (J\mathbf{v}) = (\mathbf{u}^T J)\, \mathbf{v}. \tag{2}", True, _defs34)
C(F34, 18, r"J(\mathbf{x}) = \begin{pmatrix} 2x_1 x_2 & x_1^2 \\ 3 & \cos x_2 \end{pmatrix}", True,
  lambda: close(_J34, [[4, 1], [3, math.cos(2)]]) and rnd(math.cos(2), "-0.4161")
  and close(fd_jac(_f34, np.array([0.3, -1.1])), [[2 * 0.3 * -1.1, 0.09], [3, math.cos(-1.1)]]))
C(F34, 23, r"J\mathbf{v} &= (4 - 1,\ 3 - \cos 2)^T \approx (3,\ 3.4161)^T", True,
  lambda: close(_J34 @ [1, -1], [3, 3 - math.cos(2)]) and rvec(_J34 @ [1, -1], ["3.0000", "3.4161"]))
C(F34, 24, r"\mathbf{u}^T J &= (4 + 6,\ 1 + 2\cos 2) \approx (10,\ 0.1677)", True,
  lambda: close(np.array([1, 2]) @ _J34, [10, 1 + 2 * math.cos(2)]) and rvec(np.array([1, 2]) @ _J34, ["10.0000", "0.1677"]))
C(F34, 27, r"= 10 - (1 + 2\cos 2) = 9 - 2\cos 2 \approx 9.8323", True,
  lambda: close(np.array([1, 2]) @ (_J34 @ [1, -1]), 9 - 2 * math.cos(2)) and close((np.array([1, 2]) @ _J34) @ [1, -1], 9 - 2 * math.cos(2))
  and rnd(9 - 2 * math.cos(2), "9.8323"))
_g34 = lambda x: x[0] ** 2 * x[1] + x[1] ** 3
C(F34, 33, r"H\mathbf{v} = \frac{d}{dt} \nabla g(\mathbf{x} + t\mathbf{v}) \Big|_{t=0} = \nabla_{\mathbf{x}} \big( \nabla g(\mathbf{x})^T \mathbf{v} \big)", True,
  lambda: close((fd_grad(_g34, _x34 + 1e-4 * np.array([1, -1.0]), 1e-5) - fd_grad(_g34, _x34 - 1e-4 * np.array([1, -1.0]), 1e-5)) / 2e-4,
                fd_grad(lambda x: float(fd_grad(_g34, x, 1e-5) @ [1, -1.0]), _x34, 1e-4), 1e-4))
C(F34, 35, r"with gradient $\nabla g = (2x_1 x_2,\ x_1^2 + 3x_2^2)$", True,
  lambda: close(fd_grad(_g34, np.array([0.7, -1.3])), [2 * 0.7 * -1.3, 0.49 + 3 * 1.69]))
_H34 = fd_jac(lambda x: fd_grad(_g34, x, 1e-5), _x34, 1e-4)
C(F34, 37, r"H(\mathbf{x}) = \begin{pmatrix} 2x_2 & 2x_1 \\ 2x_1 & 3x_2 \end{pmatrix}", False,
  lambda: close(_H34, [[4, 2], [2, 6]], 1e-4))
C(F34, 39, r"this gives $H\mathbf{v} = (2,\ -4)^T$", False, lambda: close(_H34 @ [1, -1], [2, -4], 1e-4))
C(F34, 39, r"the curvature along $\mathbf{v}$ is $\mathbf{v}^T H \mathbf{v} = 6$", False,
  lambda: close(np.array([1, -1]) @ _H34 @ [1, -1], 6, 1e-4))

# =================================================================== 35
F35 = "35_map_weight_decay.md"
_r = np.random.default_rng(3535)
_Phi35 = _r.normal(size=(8, 3))
_yv35 = _r.normal(size=8)
_al35, _be35 = 2.0, 25.0


def _nlpost35(w, al=_al35, be=_be35):
    return be / 2 * np.sum((_yv35 - _Phi35 @ w) ** 2) + al / 2 * np.sum(w ** 2)


_wmap35 = np.linalg.solve(_be35 * _Phi35.T @ _Phi35 + _al35 * np.eye(3), _be35 * _Phi35.T @ _yv35)


def _lnprior35():
    w = np.array([0.3, -1.2, 0.8])
    al = 2.7
    lp = np.sum(-0.5 * np.log(2 * np.pi / al) - al * w ** 2 / 2)
    return close(lp, 3 / 2 * math.log(al / (2 * math.pi)) - al / 2 * np.sum(w ** 2))


C(F35, 11, r"\ln p(\mathbf{w}) = \frac{M}{2} \ln \frac{\alpha}{2\pi} - \frac{\alpha}{2} \|\mathbf{w}\|^2", True, _lnprior35)


def _post35():
    w1, w2 = np.array([0.1, 0.2, -0.3]), np.array([-1.0, 0.5, 0.4])

    def lp(w):
        ll = np.sum(-0.5 * np.log(2 * np.pi / _be35) - _be35 / 2 * (_yv35 - _Phi35 @ w) ** 2)
        pr = np.sum(-0.5 * np.log(2 * np.pi / _al35) - _al35 / 2 * w ** 2)
        return ll + pr
    return close(-(lp(w1) - lp(w2)), _nlpost35(w1) - _nlpost35(w2))


C(F35, 18, r"-\ln p(\mathbf{w} \mid \mathbf{y}) = \frac{\beta}{2} \sum_{n=1}^{N}", True, _post35)


def _lam35():
    lam = _be35 / _al35
    w = np.linalg.solve(_Phi35.T @ _Phi35 + lam * np.eye(3), _Phi35.T @ _yv35)
    return close(w, _wmap35)


C(F35, 22, r"+ \frac{\lambda}{2} \|\mathbf{w}\|^2, \qquad \lambda = \frac{\beta}{\alpha}. \tag{4}", False, _lam35)
C(F35, 26, r"\mathbf{w}_{\text{MAP}} = \big(\boldsymbol{\Phi}^\top \boldsymbol{\Phi} + \lambda \mathbf{I}\big)^{-1} \boldsymbol{\Phi}^\top \mathbf{y}", False, _lam35)
C(F35, 28, r"= (1 - \eta\lambda)\mathbf{w} - \eta \nabla E_D", True,
  lambda: close(_yv35[:3] - 0.1 * (_Phi35[0] + 0.7 * _yv35[:3]), (1 - 0.1 * 0.7) * _yv35[:3] - 0.1 * _Phi35[0]))
C(F35, 32, r"(směrodatná odchylka šumu $0.2$)", True, lambda: close(math.sqrt(1 / 25), 0.2))
C(F35, 32, r"Podle (4) je $\lambda = 25/2 = 12.5$", False,
  lambda: close(25 / 2, 2.0 / 25.0) and close(5 / (10 + 12.5), np.linalg.solve(np.array([[25 * 10 + 2.0]]), [25 * 5.0])[0]))
C(F35, 34, r"w_{\text{MAP}} = \frac{5}{10 + 12.5} \approx 0.222", False,
  lambda: rnd(np.linalg.solve(np.array([[25 * 10 + 2.0]]), [25 * 5.0])[0], "0.222"))
C(F35, 36, r"$w_{\text{ML}} = 5/10 = 0.5$", True, lambda: 5 / 10 == 0.5)

# =================================================================== 36
F36 = "36_logistic_hessian.md"
_r = np.random.default_rng(3636)
_X36 = _r.normal(size=(7, 3))
_y36 = (_r.uniform(size=7) < 0.5).astype(float)
_th36 = _r.normal(size=3) * 0.5


def _nll36(th, X=_X36, y=_y36):
    h = sigmoid(X @ th)
    return -float(np.sum(y * np.log(h) + (1 - y) * np.log(1 - h)))


_h36 = sigmoid(_X36 @ _th36)
_Hs36 = _X36.T @ np.diag(_h36 * (1 - _h36)) @ _X36
C(F36, 7, r"g(z) = \frac{1}{1 + e^{-z}}, \qquad g'(z) = g(z)\,(1 - g(z))", True,
  lambda: close(fd_grad(lambda z: np.sum(sigmoid(z)), np.linspace(-4, 4, 9)), sigmoid(np.linspace(-4, 4, 9)) * (1 - sigmoid(np.linspace(-4, 4, 9)))))
C(F36, 16, r"$\frac{d}{dz}\log g(z) = 1 - g(z)$ and $\frac{d}{dz}\log(1 - g(z)) = -g(z)$", True,
  lambda: close(fd_grad(lambda z: np.sum(np.log(sigmoid(z))), np.linspace(-3, 3, 7)), 1 - sigmoid(np.linspace(-3, 3, 7)))
  and close(fd_grad(lambda z: np.sum(np.log(1 - sigmoid(z))), np.linspace(-3, 3, 7)), -sigmoid(np.linspace(-3, 3, 7))))
C(F36, 18, r"\nabla_\theta \ell(\theta) = \sum_{i=1}^{n} \big( h_\theta(x^{(i)}) - y^{(i)} \big)\, x^{(i)} = X^T (h - y)", True,
  lambda: close(fd_grad(_nll36, _th36), _X36.T @ (_h36 - _y36)))
C(F36, 22, r"x^{(i)} x^{(i)T} = X^T S X, \tag{4}", True,
  lambda: close(fd_jac(lambda t: fd_grad(_nll36, t, 1e-5), _th36, 1e-4), _Hs36, 1e-5)
  and close(sum(_h36[i] * (1 - _h36[i]) * np.outer(_X36[i], _X36[i]) for i in range(7)), _Hs36))
C(F36, 26, r"v^T H v = \sum_{i=1}^{n} h_i (1 - h_i)\, (v^T x^{(i)})^2 \ge 0", True,
  lambda: all(close(v @ _Hs36 @ v, np.sum(_h36 * (1 - _h36) * (_X36 @ v) ** 2)) for v in np.random.default_rng(361).normal(size=(5, 3)))
  and np.linalg.eigvalsh(_Hs36).min() >= -1e-12)
C(F36, 28, r"we also have $H \preceq \tfrac14 X^T X$", True,
  lambda: np.linalg.eigvalsh(0.25 * _X36.T @ _X36 - _Hs36).min() >= -1e-12)
_X36e = np.array([[1.0, 0], [1, 1], [1, 2]])
_y36e = np.array([0.0, 0, 1])
_He = fd_jac(lambda t: fd_grad(lambda s: _nll36(s, _X36e, _y36e), t, 1e-5), np.zeros(2), 1e-4)
C(F36, 37, r"\nabla_\theta \ell(0) &= X^T (0.5, 0.5, -0.5)^T = (0.5,\ -0.5)^T", True,
  lambda: close(fd_grad(lambda s: _nll36(s, _X36e, _y36e), np.zeros(2)), [0.5, -0.5]) and close(_X36e.T @ [0.5, 0.5, -0.5], [0.5, -0.5]))
C(F36, 38, r"H &= 0.25\, X^T X = 0.25 \begin{pmatrix} 3 & 3 \\ 3 & 5 \end{pmatrix}", True,
  lambda: close(_X36e.T @ _X36e, [[3, 3], [3, 5]]) and close(_He, [[0.75, 0.75], [0.75, 1.25]], 1e-5))
C(F36, 41, r"Here $\det H = 0.375$", True,
  lambda: close(np.linalg.det(np.array([[0.75, 0.75], [0.75, 1.25]])), 0.375) and close(np.linalg.inv([[0.75, 0.75], [0.75, 1.25]]), np.array([[1.25, -0.75], [-0.75, 0.75]]) / 0.375))
C(F36, 43, r"= \begin{pmatrix} -8/3 \\ 2 \end{pmatrix}", True,
  lambda: close(-np.linalg.solve(_He, fd_grad(lambda s: _nll36(s, _X36e, _y36e), np.zeros(2))), [-8 / 3, 2], 1e-5))

# =================================================================== 37
F37 = "37_embeddings.md"
_r = np.random.default_rng(3737)
_E37 = _r.normal(size=(6, 2))
C(F37, 7, r"\mathbf{e}_i = \mathbf{E}^\top \mathbf{o}_i. \tag{1}", True,
  lambda: all(close(_E37.T @ np.eye(6)[i], _E37[i]) for i in range(6)))
C(F37, 11, r"ta có $25\,600\,000$ tham số, tức khoảng $102.4$ MB", True,
  lambda: 50000 * 512 == 25600000 and close(25600000 * 4 / 1e6, 102.4))
_u37 = _r.normal(size=2)
C(F37, 17, r"\frac{\partial \mathcal{L}}{\partial \mathbf{E}} = \mathbf{o}_i\, \mathbf{g}^\top", True,
  lambda: close(fd_grad(lambda E: float(np.sin(E[4]) @ _u37), _E37), np.outer(np.eye(6)[4], np.cos(_E37[4]) * _u37)))
_seq37 = [3, 1, 3]
_G37 = np.array([[1.0, 0], [0, 2], [-1, 1]])
C(F37, 21, r"\frac{\partial \mathcal{L}}{\partial \mathbf{e}_v} = \sum_{k:\, t_k = v} \mathbf{g}_k", True,
  lambda: close(fd_grad(lambda E: float(sum(_G37[k] @ E[t] for k, t in enumerate(_seq37)) + 0.5 * np.sum(E[3] ** 2) * 0), _E37),
                np.array([np.sum([_G37[k] for k, t in enumerate(_seq37) if t == v], axis=0) if v in _seq37 else np.zeros(2) for v in range(6)])))
C(F37, 23, r"hàng $3$ nhận $(0, 1)$, hàng $1$ nhận $(0, 2)$", True,
  lambda: close(_G37[0] + _G37[2], [0, 1]) and close(_G37[1], [0, 2]))


def _tied37():
    h = np.array([0.4, -1.1])
    tok = 2
    w = _r.normal(size=6)

    def L(E):
        return float(w @ (E @ (h + E[tok])))
    num = fd_grad(L, _E37)
    z_grad = w
    e = _E37[tok]
    out_part = np.outer(z_grad, h + e)
    emb_part = np.outer(np.eye(6)[tok], _E37.T @ z_grad)
    return close(num, out_part + emb_part)


C(F37, 29, r"phần từ lớp đầu ra $(\partial\mathcal{L}/\partial\mathbf{z})\, \mathbf{h}^\top$", True, _tied37)
C(F37, 29, r"\sqrt{512} \approx 22.63", True, lambda: rnd(math.sqrt(512), "22.63"))

# =================================================================== 38
F38 = "38_gelu_swish.md"
_gelu = lambda x: x * Phi(x)
_dgelu = lambda x: Phi(x) + x * phi(x)


def _d(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)


C(F38, 11, r"\frac{d}{dx} \operatorname{GELU}(x) = \Phi(x) + x\, \phi(x). \tag{2}", True,
  lambda: all(abs(_d(_gelu, x) - _dgelu(x)) < 1e-8 for x in np.linspace(-4, 4, 17)))
C(F38, 13, r"At the origin $\operatorname{GELU}'(0) = \tfrac12$", True,
  lambda: abs(_d(_gelu, 0.0) - 0.5) < 1e-9 and rnd(_gelu(1.0), "0.8413")
  and rnd(phi(1.0), "0.2420") and rnd(_d(_gelu, 1.0), "1.0833") and close(0.8413 + 0.2420, 1.0833))


def _min38():
    xm = bisect(_dgelu, -2.0, -0.1)
    neg = all(_dgelu(x) < 0 for x in np.linspace(-12, xm - 1e-6, 2000))
    return rnd(xm, "-0.7518") and neg and _dgelu(1.0) > 1


C(F38, 13, r"located near $x \approx -0.7518$", True, _min38)


def _tanh38():
    xs = np.linspace(-30, 30, 600001)
    from math import erf
    ex = xs * 0.5 * (1 + np.array([erf(v / math.sqrt(2)) for v in xs]))
    ap = 0.5 * xs * (1 + np.tanh(math.sqrt(2 / math.pi) * (xs + 0.044715 * xs ** 3)))
    return np.max(np.abs(ex - ap)) < 5e-4


C(F38, 19, r"which agrees with (1) to within $5 \times 10^{-4}$", True, _tanh38)
C(F38, 25, r"\phi'(x) = x\, \phi(x), \tag{3}", False,
  lambda: all(abs(_d(phi, x) - x * phi(x)) < 1e-8 for x in (-1.5, 0.4, 2.0)))
C(F38, 29, r"= \phi(x)\,(2 + x^2). \tag{4}", False,
  lambda: all(abs(_d(_dgelu, x) - phi(x) * (2 + x * x)) < 1e-6 for x in (-1.5, 0.4, 2.0)))
C(F38, 31, r"In particular $\operatorname{GELU}''(0) = 2\phi(0) = \sqrt{2/\pi} \approx 0.798$", True,
  lambda: abs(_d(_dgelu, 0.0) - 2 * phi(0)) < 1e-8 and close(2 * phi(0), math.sqrt(2 / math.pi)) and rnd(math.sqrt(2 / math.pi), "0.798"))
C(F38, 31, r"the second derivative never changes sign, so GELU has no inflection points", False,
  lambda: (_d(_dgelu, 0.0) > 0) == (_d(_dgelu, 3.0) > 0) == (_d(_dgelu, -3.0) > 0))


def _swish38():
    ok = True
    for beta in (0.5, 1.0, 2.0):
        f = lambda x: x * sigmoid(beta * x)
        for x in np.linspace(-3, 3, 7):
            s = sigmoid(beta * x)
            d1 = s + beta * x * s * (1 - s)
            d2 = beta * f(x) + s * (1 - beta * f(x))
            ok &= abs(_d(f, x) - d1) < 1e-8 and abs(d1 - d2) < 1e-12
    return ok


C(F38, 37, r"f'(x) = \sigma(\beta x) + \beta x\, \sigma(\beta x)\big(1 - \sigma(\beta x)\big) = \beta f(x)", True, _swish38)
C(F38, 39, r"For $\beta = 1$ and $x = 1$: $\sigma(1) \approx 0.7311$", True,
  lambda: rnd(sigmoid(1.0), "0.7311") and rnd(1 * sigmoid(1.0), "0.7311")
  and rnd(sigmoid(1.0) * (1 - sigmoid(1.0)), "0.1966") and rnd(_d(lambda x: x * sigmoid(x), 1.0), "0.9277") and close(0.7311 + 0.1966, 0.9277))


def _swmin38():
    xm = bisect(lambda x: sigmoid(x) * (1 + x * (1 - sigmoid(x))), -3.0, -0.5)
    return rnd(xm, "-1.2785") and rnd(xm * sigmoid(xm), "-0.2785") and close([x * sigmoid(0 * x) for x in (1.0, -3.0)], [0.5, -1.5])


C(F38, 39, r"The minimum of Swish ($\beta = 1$) lies at $x \approx -1.2785$", True, _swmin38)

# =================================================================== 39
F39 = "39_focal_loss.md"
_FL = lambda p, g=2.0, a=1.0: -a * (1 - p) ** g * math.log(p)
C(F39, 9, r"are factorul $(0.1)^2 = 0.01$, deci pierderea sa scade de $100$ de ori", True,
  lambda: close(0.1 ** 2, 0.01) and rnd(-math.log(0.9), "0.1054") and rnd(_FL(0.9), "0.001054")
  and close(-math.log(0.9) / _FL(0.9), 100) and close(-math.log(0.5) / _FL(0.5), 4))
C(F39, 15, r"\frac{d}{dp_t} (1 - p_t)^\gamma = \gamma\, (1 - p_t)^{\gamma - 1}", False,
  lambda: all(abs(_d(lambda p: (1 - p) ** g, p) - g * (1 - p) ** (g - 1)) < 1e-7 for p in (0.3, 0.8) for g in (0.5, 2.0)))
C(F39, 19, r"\frac{d\,\mathrm{FL}}{d p_t} = -\alpha_t \left[ \gamma (1 - p_t)^{\gamma-1} \log p_t + \frac{(1 - p_t)^\gamma}{p_t} \right]", False,
  lambda: all(abs(_d(lambda q: _FL(q, g, 0.6), p) - (-0.6 * (g * (1 - p) ** (g - 1) * math.log(p) + (1 - p) ** g / p))) < 1e-7
              for p in (0.3, 0.8) for g in (0.5, 2.0)))
_FLz = lambda z, g=2.0, a=1.0: _FL(1 / (1 + math.exp(-z)), g, a)
C(F39, 26, r"\frac{\partial\, \mathrm{FL}}{\partial z} = -\alpha_t (1 - p_t)^\gamma \big[ \gamma\, p_t \log p_t + (1 - p_t) \big]", False,
  lambda: all(abs(_d(lambda zz: _FLz(zz, g, 0.6), z) - (-0.6 * (1 - sigmoid(z)) ** g * (g * sigmoid(z) * math.log(sigmoid(z)) + 1 - sigmoid(z)))) < 1e-7
              for z in (-0.5, 1.2) for g in (0.5, 2.0)))
C(F39, 28, r"Pentru $\gamma = 0$, (4) devine $-\alpha_t(1 - p_t) = \alpha_t(p_t - 1)$", True,
  lambda: all(abs(_d(lambda zz: _FLz(zz, 0.0, 0.6), z) - 0.6 * (sigmoid(z) - 1)) < 1e-8 for z in (-0.5, 1.2)))
C(F39, 30, r"$\gamma p_t \log p_t = 1.8 \cdot (-0.10536) \approx -0.18965$", True,
  lambda: rnd(math.log(0.9), "-0.10536") and rnd(2 * 0.9 * math.log(0.9), "-0.18965"))
C(F39, 32, r"= -0.01 \cdot (-0.18965 + 0.1) \approx 0.000896", False,
  lambda: rnd(_d(_FLz, math.log(0.9 / 0.1)), "0.000896"))
C(F39, 34, r"față de $p_t - 1 = -0.1$ pentru entropia încrucișată", True,
  lambda: abs(_d(lambda z: -math.log(sigmoid(z)), math.log(9)) - (-0.1)) < 1e-8)
C(F39, 38, r"$\log p_t = -\log(1 + e^{-z})$ pentru $y = 1$", True,
  lambda: all(close(math.log(sigmoid(z)), -math.log(1 + math.exp(-z)), 1e-12) for z in (-3.0, 0.2, 5.0)))

# =================================================================== 40
F40 = "40_linear_regression_normal_equations.md"
_r = np.random.default_rng(4040)
_X40 = _r.normal(size=(6, 3))
_y40 = _r.normal(size=6)
_th40 = _r.normal(size=3)
_J40 = lambda th, X=_X40, y=_y40: 0.5 * float((X @ th - y) @ (X @ th - y))
C(F40, 7, r"= \frac12 (X\theta - \vec{y})^T (X\theta - \vec{y}). \qquad (1)", True,
  lambda: close(0.5 * sum((_X40[i] @ _th40 - _y40[i]) ** 2 for i in range(6)), _J40(_th40)))
C(F40, 9, r"$J(\theta) = \tfrac12 \big( \theta^T X^T X \theta - 2\,\vec{y}^T X \theta + \vec{y}^T \vec{y} \big)$", True,
  lambda: close(_J40(_th40), 0.5 * (_th40 @ _X40.T @ _X40 @ _th40 - 2 * _y40 @ _X40 @ _th40 + _y40 @ _y40))
  and close(fd_grad(lambda t: float(t @ (_X40.T @ _X40) @ t), _th40), 2 * _X40.T @ _X40 @ _th40)
  and close(fd_grad(lambda t: float(_y40[:3] @ t), _th40), _y40[:3]))
C(F40, 11, r"\nabla_\theta J(\theta) = X^T X \theta - X^T \vec{y} = X^T (X\theta - \vec{y})", True,
  lambda: close(fd_grad(_J40, _th40), _X40.T @ (_X40 @ _th40 - _y40)))
C(F40, 13, r"The Hessian $\nabla^2_\theta J = X^T X$ is positive semidefinite", True,
  lambda: close(fd_jac(lambda t: fd_grad(_J40, t, 1e-5), _th40, 1e-4), _X40.T @ _X40, 1e-5) and np.linalg.eigvalsh(_X40.T @ _X40).min() >= 0)
_ths40 = np.linalg.solve(_X40.T @ _X40, _X40.T @ _y40)
C(F40, 15, r"X^T X \theta = X^T \vec{y}, \qquad \theta = (X^T X)^{-1} X^T \vec{y}", True,
  lambda: close(_ths40, np.linalg.lstsq(_X40, _y40, rcond=None)[0]) and close(fd_grad(_J40, _ths40), np.zeros(3)))
C(F40, 17, r"satisfies $X^T r = 0$: it is orthogonal to every column of $X$", True,
  lambda: close(_X40.T @ (_y40 - _X40 @ _ths40), np.zeros(3)))
_Xe40 = np.array([[1.0, 1], [1, 2], [1, 3]])
_ye40 = np.array([1.0, 2, 2])
C(F40, 23, r"X^T X = \begin{pmatrix} 3 & 6 \\ 6 & 14 \end{pmatrix}, \qquad X^T \vec{y} = \begin{pmatrix} 5 \\ 11 \end{pmatrix}", True,
  lambda: close(_Xe40.T @ _Xe40, [[3, 6], [6, 14]]) and close(_Xe40.T @ _ye40, [5, 11]) and close(np.linalg.det(_Xe40.T @ _Xe40), 6))
C(F40, 27, r"\begin{pmatrix} 5 \\ 11 \end{pmatrix} = \begin{pmatrix} 2/3 \\ 1/2 \end{pmatrix}", True,
  lambda: close(np.array([[14, -6], [-6, 3]]) @ [5, 11] / 6, [2 / 3, 1 / 2]) and close(np.linalg.solve(_Xe40.T @ _Xe40, _Xe40.T @ _ye40), [2 / 3, 1 / 2]))
C(F40, 29, r"The fitted values are $(7/6,\ 5/3,\ 13/6)$", True,
  lambda: close(_Xe40 @ [2 / 3, 1 / 2], [7 / 6, 5 / 3, 13 / 6]) and close(_ye40 - _Xe40 @ [2 / 3, 1 / 2], [-1 / 6, 1 / 3, -1 / 6])
  and abs(np.sum(_ye40 - _Xe40 @ [2 / 3, 1 / 2])) < 1e-12 and close(_J40(np.array([2 / 3, 1 / 2]), _Xe40, _ye40), 1 / 12))


def _gd40():
    A = _Xe40.T @ _Xe40
    lmax = np.linalg.eigvalsh(A).max()
    ok = True
    for alpha in (0.5 * 2 / lmax, 0.99 * 2 / lmax, 1.01 * 2 / lmax):
        th = np.zeros(2)
        for _ in range(3000):
            th = th - alpha * _Xe40.T @ (_Xe40 @ th - _ye40)
        conv = close(th, [2 / 3, 1 / 2], 1e-6)
        ok &= conv == (alpha < 2 / lmax)
    return ok


C(F40, 33, r"This converges for $0 < \alpha < 2/\lambda_{\max}(X^T X)$", True, _gd40)
C(F40, 33, r"are $(17 \pm \sqrt{265})/2$, i.e. approximately $16.639$ and $0.361$", True,
  lambda: close(np.sort(np.linalg.eigvalsh(_Xe40.T @ _Xe40)), [(17 - math.sqrt(265)) / 2, (17 + math.sqrt(265)) / 2])
  and rnd((17 + math.sqrt(265)) / 2, "16.639") and rnd((17 - math.sqrt(265)) / 2, "0.361")
  and rnd(2 / ((17 + math.sqrt(265)) / 2), "0.1202") and rnd(2 / 16.639, "0.1202")
  and rnd((17 + math.sqrt(265)) / (17 - math.sqrt(265)), "46.1"))


# ===================================================================== main
def main():
    with open(os.path.join(HERE, "expected.json"), encoding="utf-8") as fh:
        expected = json.load(fh)
    md_files = sorted(f for f in os.listdir(HERE) if f.endswith(".md") and f[:2].isdigit())
    problems = []
    lines_cache = {}
    observed = {f: None for f in md_files}
    per_file = {f: 0 for f in md_files}
    n_true = n_false = 0
    for (file, line, snippet, expect, check) in CLAIMS:
        if file not in lines_cache:
            with open(os.path.join(HERE, file), encoding="utf-8") as fh:
                lines_cache[file] = fh.read().split("\n")
        lines = lines_cache[file]
        if not (1 <= line <= len(lines)) or snippet not in lines[line - 1]:
            problems.append(f"{file}:{line}: snippet not found on that line: {snippet[:60]!r}")
            continue
        try:
            truth = bool(check())
        except Exception as exc:   # an evaluation error is a failure of the script itself
            problems.append(f"{file}:{line}: check raised {type(exc).__name__}: {exc}")
            continue
        per_file[file] = per_file.get(file, 0) + 1
        if truth:
            n_true += 1
        else:
            n_false += 1
        if truth != expect:
            problems.append(f"{file}:{line}: check gave {truth}, record says {expect}: {snippet[:60]!r}")
        if not truth and (observed[file] is None or line < observed[file]):
            observed[file] = line
    for f in md_files:
        n = len(lines_cache.get(f) or open(os.path.join(HERE, f), encoding="utf-8").read().split("\n"))
        if f not in expected:
            problems.append(f"{f}: missing from expected.json")
        elif observed[f] != expected[f]:
            problems.append(f"{f}: observed first wrong line {observed[f]}, expected {expected[f]}")
        if per_file.get(f, 0) == 0:
            problems.append(f"{f}: no claims")
    for f in expected:
        if f not in observed:
            problems.append(f"expected.json names unknown file {f}")
    planted = sum(1 for v in expected.values() if v is not None)
    print(f"files: {len(md_files)}  planted: {planted}  correct: {len(md_files) - planted}")
    print(f"claims: {len(CLAIMS)}  (true: {n_true}, false: {n_false})")
    for f in md_files:
        mark = "ok " if observed[f] == expected.get(f, "missing") else "BAD"
        print(f"  {mark} {f:45s} claims={per_file.get(f, 0):3d}  first wrong: observed={observed[f]} expected={expected.get(f)}")
    if problems:
        print(f"\n{len(problems)} problem(s):")
        for p in problems:
            print("  - " + p)
        return 1
    print("\nALL CHECKS PASS: observed first wrong lines agree with expected.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
