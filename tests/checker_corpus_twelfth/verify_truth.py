#!/usr/bin/env python3
"""Ground-truth checker for the 'twelfth' derivation corpus.

Each record is (file, where, snippet, expected_truth, check).
  * where is a 1-based line number for Markdown files and a (cell, line)
    pair (both 1-based, cells counted over ALL cells) for notebooks;
  * the snippet must occur literally on that line;
  * check() re-derives the claim on its own terms (finite differences,
    exact / Fraction arithmetic respecting the written rounding, brute-force
    counting, Monte Carlo, optimiser simulation) and returns True/False.
A file's observed first wrong line is the first record (in file order) whose
check is False; it is compared with expected.json.

Only NumPy and the standard library are used.
Run:  python verify_truth.py
"""
import json
import math
import sys
import itertools
from fractions import Fraction as Fr
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent
RECORDS = []


def rec(file, where, snippet, truth, check):
    RECORDS.append((file, where, snippet, truth, check))


# ----------------------------------------------------------------- helpers
def _clean(s):
    return (s.replace('{,}', '.').replace(',', '.').replace('\u2212', '-')
             .replace('\\,', '').replace(' ', '').strip())


def num(s):
    """Parse a written decimal (decimal point or decimal comma)."""
    return float(_clean(s))


def rnd(value, written, extra=0.0):
    """True iff `written` is an honest rounding of `value` to as many
    decimals as are written (half a unit in the last place)."""
    s = _clean(written)
    d = len(s.split('.')[1]) if '.' in s else 0
    return abs(float(value) - float(s)) <= 0.5 * 10 ** (-d) + 1e-12 + extra


def eq(a, b, tol=1e-9):
    return abs(float(a) - float(b)) <= tol * max(1.0, abs(float(a)), abs(float(b)))


def close(a, b, tol=1e-6):
    return np.allclose(np.asarray(a, float), np.asarray(b, float), rtol=tol, atol=tol)


def allrnd(values, writtens):
    return len(values) == len(writtens) and all(rnd(v, w) for v, w in zip(values, writtens))


def d1(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)


def d2(f, x, h=1e-4):
    return (f(x + h) - 2 * f(x) + f(x - h)) / (h * h)


def ngrad(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[idx] = h
        g[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def njac(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    y0 = np.asarray(f(x), float)
    J = np.zeros(y0.shape + x.shape)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[idx] = h
        J[(Ellipsis,) + idx] = (np.asarray(f(x + e)) - np.asarray(f(x - e))) / (2 * h)
    return J


RNG = np.random.default_rng(20261123)


def rpts(n=7, lo=-3.0, hi=3.0):
    return RNG.uniform(lo, hi, size=n)


def sig(x):
    return 1.0 / (1.0 + np.exp(-x))


def softmax(z, axis=-1):
    z = np.asarray(z, float)
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def conv_out(i, k, s=1, p=0, d=1):
    """Brute force: count valid window start positions."""
    keff = d * (k - 1) + 1
    return sum(1 for start in range(-p, i + p) if start + keff <= i + p and (start + p) % s == 0)


def forall(pred, pts=None):
    pts = rpts() if pts is None else pts
    return all(bool(pred(x)) for x in pts)

# ======================================================= 01 sigmoid / tanh
F = '01_sigmoid_tanh_derivatives.md'
rec(F, 14, r"= \frac{e^{-x}}{(1+e^{-x})^{2}}", True,
    lambda: forall(lambda x: eq(d1(sig, x), np.exp(-x) / (1 + np.exp(-x)) ** 2, 1e-7)))
rec(F, 15, r"= \dfrac{e^{-x}}{1+e^{-x}}", True,
    lambda: forall(lambda x: eq(1 - sig(x), np.exp(-x) / (1 + np.exp(-x)))))
rec(F, 16, r"= \sigma(x)\bigl(1-\sigma(x)\bigr). \qquad", True,
    lambda: forall(lambda x: eq(np.exp(-x) / (1 + np.exp(-x)) ** 2, sig(x) * (1 - sig(x)))))
rec(F, 18, r"Then $u' = v$ and $v' = u$", True,
    lambda: forall(lambda x: eq(d1(lambda t: np.exp(t) - np.exp(-t), x), np.exp(x) + np.exp(-x), 1e-7)
                   and eq(d1(lambda t: np.exp(t) + np.exp(-t), x), np.exp(x) - np.exp(-x), 1e-7)))
rec(F, 19, r"= 1-\tanh^{2}(x).$$", True,
    lambda: forall(lambda x: eq(d1(np.tanh, x), 1 - np.tanh(x) ** 2, 1e-7)))
rec(F, 20, r"$v^2-u^2 = 4$", True,
    lambda: forall(lambda x: eq((np.exp(x) + np.exp(-x)) ** 2 - (np.exp(x) - np.exp(-x)) ** 2, 4)))
rec(F, 20, r"\dfrac{4}{(e^{x}+e^{-x})^{2}} = \operatorname{sech}^2 x", True,
    lambda: forall(lambda x: eq(4 / (np.exp(x) + np.exp(-x)) ** 2, 1 / np.cosh(x) ** 2)))
rec(F, 23, r"= \frac{1-e^{-2x}}{1+e^{-2x}} = \frac{e^{x}-e^{-x}}{e^{x}+e^{-x}} = \tanh(x)", True,
    lambda: forall(lambda x: eq(2 * sig(2 * x) - 1, (1 - np.exp(-2 * x)) / (1 + np.exp(-2 * x)))
                   and eq(2 * sig(2 * x) - 1, np.tanh(x))))
rec(F, 25, r"\tanh'(x) = 4\,\sigma'(2x)", True,
    lambda: forall(lambda x: eq(d1(np.tanh, x), 4 * sig(2 * x) * (1 - sig(2 * x)), 1e-7)))
rec(F, 26, r"\sigma(2x) = \frac{1+\tanh x}{2}", True,
    lambda: forall(lambda x: eq(sig(2 * x), (1 + np.tanh(x)) / 2) and eq(1 - sig(2 * x), (1 - np.tanh(x)) / 2)))
rec(F, 27, r"\cdot\frac{1-\tanh x}{2} = 1-\tanh^{2}x", True,
    lambda: forall(lambda x: eq(4 * (1 + np.tanh(x)) / 2 * (1 - np.tanh(x)) / 2, 1 - np.tanh(x) ** 2)))
rec(F, 30, r"$e^{-0.5}\approx 0.6065$", True, lambda: rnd(math.exp(-0.5), '0.6065'))
rec(F, 30, r"\sigma(0.5) = 1/1.6065 \approx 0.6225", True,
    lambda: rnd(1 / 1.6065, '0.6225') and rnd(sig(0.5), '0.6225'))
rec(F, 31, r"\sigma'(0.5) \approx 0.6225 \times 0.3775 \approx 0.2350", True,
    lambda: rnd(1 - sig(0.5), '0.3775') and rnd(0.6225 * 0.3775, '0.2350') and rnd(sig(.5) * (1 - sig(.5)), '0.2350'))
rec(F, 32, r"\tanh(0.5)\approx 0.4621", True, lambda: rnd(math.tanh(.5), '0.4621'))
rec(F, 32, r"\tanh^2(0.5)\approx 0.2136", True, lambda: rnd(math.tanh(.5) ** 2, '0.2136'))
rec(F, 33, r"\tanh'(0.5) \approx 1-0.2136 = 0.7864", True,
    lambda: eq(1 - 0.2136, 0.7864) and rnd(1 - math.tanh(.5) ** 2, '0.7864'))
rec(F, 34, r"4\times 0.7311\times 0.2689 \approx 0.7864", True,
    lambda: rnd(sig(1), '0.7311') and rnd(1 - sig(1), '0.2689') and rnd(4 * 0.7311 * 0.2689, '0.7864'))
rec(F, 36, r"$\sigma'(0) = 1/4$ while $\tanh'(0) = 1$", True,
    lambda: eq(sig(0) * (1 - sig(0)), 0.25) and eq(1 - math.tanh(0) ** 2, 1)
    and max(sig(x) * (1 - sig(x)) for x in np.linspace(-5, 5, 2001)) <= 0.25 + 1e-15)

# ======================================================= 02 softmax Jacobian
F = '02_softmax_jacobian.md'


def _rand_z(n=4):
    return RNG.normal(size=n)


def _sm_jac_fd(z):
    return njac(softmax, z)


rec(F, 7, r"$\partial\Sigma/\partial z_j = e^{z_j}$", True,
    lambda: all(close(ngrad(lambda t: np.exp(t).sum(), z), np.exp(z)) for z in [_rand_z() for _ in range(3)]))
rec(F, 10, r"= s_i(1-s_i).$$", True,
    lambda: all(close(np.diag(_sm_jac_fd(z)), softmax(z) * (1 - softmax(z))) for z in [_rand_z() for _ in range(3)]))
rec(F, 13, r"= -s_i s_j .$$", True,
    lambda: all(close(_sm_jac_fd(z)[0, 2], -softmax(z)[0] * softmax(z)[2]) and
                close(_sm_jac_fd(z)[3, 1], -softmax(z)[3] * softmax(z)[1]) for z in [_rand_z() for _ in range(3)]))
rec(F, 15, r"$\partial s_i/\partial z_j = s_i(\delta_{ij} - s_j)$", True,
    lambda: all(close(_sm_jac_fd(z), softmax(z)[:, None] * (np.eye(4) - softmax(z)[None, :])) for z in [_rand_z() for _ in range(3)]))
rec(F, 16, r"$$J = \operatorname{diag}(s) - s s^\top .$$", True,
    lambda: all(close(_sm_jac_fd(z), np.diag(softmax(z)) - np.outer(softmax(z), softmax(z))) for z in [_rand_z() for _ in range(3)]))
rec(F, 17, r"$\sum_j J_{ij} = s_i - s_i\sum_j s_j = 0$", True,
    lambda: all(close(_sm_jac_fd(z).sum(axis=1), 0) and close(_sm_jac_fd(z), _sm_jac_fd(z).T) for z in [_rand_z() for _ in range(3)]))
rec(F, 19, r"$\Sigma = 6$ and $s = (\tfrac16, \tfrac13, \tfrac12)$", True,
    lambda: close(np.exp([0, math.log(2), math.log(3)]), [1, 2, 3]) and
    close(softmax([0, math.log(2), math.log(3)]), [1 / 6, 1 / 3, 1 / 2]))


def _j02():
    s = [Fr(1, 6), Fr(1, 3), Fr(1, 2)]
    return [[s[i] * ((1 if i == j else 0) - s[j]) for j in range(3)] for i in range(3)]


rec(F, 20, r"\tfrac{5}{36} & -\tfrac{1}{18} & -\tfrac{1}{12}", True,
    lambda: _j02() == [[Fr(5, 36), Fr(-1, 18), Fr(-1, 12)], [Fr(-1, 18), Fr(2, 9), Fr(-1, 6)], [Fr(-1, 12), Fr(-1, 6), Fr(1, 4)]])


def _vjp_ok():
    for _ in range(3):
        z, g = _rand_z(), RNG.normal(size=4)
        s = softmax(z)
        if not close(ngrad(lambda t: g @ softmax(t), z), s * (g - s @ g)):
            return False
    return True


rec(F, 23, r"\nabla_z L = s\odot\bigl(g - (s^\top g)\mathbf 1\bigr)", True, _vjp_ok)
rec(F, 25, r"$$s^\top g = \tfrac16 - \tfrac12 = -\tfrac13,$$", True,
    lambda: Fr(1, 6) * 1 + Fr(1, 3) * 0 + Fr(1, 2) * (-1) == Fr(-1, 3))
rec(F, 26, r"= \bigl(\tfrac23, -\tfrac13, -\tfrac43\bigr)", False,
    lambda: [Fr(1), Fr(0), Fr(-1)] and [g - Fr(-1, 3) for g in (Fr(1), Fr(0), Fr(-1))] == [Fr(2, 3), Fr(-1, 3), Fr(-4, 3)])
rec(F, 27, r"= \bigl(\tfrac19, -\tfrac19, -\tfrac23\bigr)", True,
    lambda: [Fr(1, 6) * Fr(2, 3), Fr(1, 3) * Fr(-1, 3), Fr(1, 2) * Fr(-4, 3)] == [Fr(1, 9), Fr(-1, 9), Fr(-2, 3)])
rec(F, 29, r"$g_i = -y_i/s_i$, so $s^\top g = -\sum_i y_i = -1$", True,
    lambda: (lambda s, y: close(ngrad(lambda t: -(y * np.log(t)).sum(), s), -y / s) and eq(s @ (-y / s), -1))(
        softmax(_rand_z()), np.array([0., 1., 0., 0.])))
rec(F, 30, r"= s - y .$$", True,
    lambda: (lambda z, y: close(ngrad(lambda t: -(y * np.log(softmax(t))).sum(), z), softmax(z) - y))(
        _rand_z(), np.array([0., 0., 1., 0.])))

# ======================================================= 03 softmax cross-entropy (notebook)
F = '03_cross_entropy_softmax.ipynb'


def _ce(z, y):
    return -(y * np.log(softmax(z))).sum()


rec(F, (1, 8), r"$$L = -\sum_{k=1}^{K} y_k \log p_k = -\log p_c .$$", True,
    lambda: (lambda z: eq(_ce(z, np.eye(5)[3]), -math.log(softmax(z)[3])))(RNG.normal(size=5)))
rec(F, (3, 4), r"= \delta_{ki} - p_i .$$", True,
    lambda: (lambda z: close(njac(lambda t: np.log(softmax(t)), z), np.eye(5) - softmax(z)[None, :]))(RNG.normal(size=5)))


def _ce_steps(step):
    z = RNG.normal(size=5)
    y = RNG.dirichlet(np.ones(5))          # any target that sums to one
    p = softmax(z)
    fd = ngrad(lambda t: _ce(t, y), z)
    d = np.eye(5)
    line8 = np.array([-(y * (d[:, i] - p[i])).sum() for i in range(5)])
    line9 = -y + p * y.sum()
    line10 = p - y
    return {8: close(fd, line8), 9: close(line8, line9), 10: close(line9, line10)}[step]


rec(F, (3, 8), r"&= -\sum_{k} y_k\,(\delta_{ki} - p_i) \\", True, lambda: _ce_steps(8))
rec(F, (3, 9), r"&= -y_i + p_i \sum_k y_k \\", True, lambda: _ce_steps(9))
rec(F, (3, 10), r"&= p_i - y_i ,", True, lambda: _ce_steps(10))
rec(F, (3, 13), r"$\nabla_z L = p - y$", True,
    lambda: (lambda z, y: close(ngrad(lambda t: _ce(t, y), z), softmax(z) - y))(RNG.normal(size=4), np.eye(4)[1]))
_z03 = np.array([2.0, 1.0, 0.1])
rec(F, (3, 17), r"$e^{z} \approx (7.3891,\ 2.7183,\ 1.1052)$ with sum $\approx 11.2125$", True,
    lambda: allrnd(np.exp(_z03), ['7.3891', '2.7183', '1.1052']) and rnd(np.exp(_z03).sum(), '11.2125'))
rec(F, (3, 18), r"$$p \approx (0.6590,\ 0.2424,\ 0.0986), \qquad L = -\log 0.6590 \approx 0.4170,$$", True,
    lambda: allrnd(softmax(_z03), ['0.6590', '0.2424', '0.0986']) and rnd(-math.log(softmax(_z03)[0]), '0.4170')
    and rnd(-math.log(0.6590), '0.4170'))
rec(F, (3, 19), r"p - y \approx (-0.3410,\ 0.2424,\ 0.0986)", True,
    lambda: allrnd(softmax(_z03) - np.eye(3)[0], ['-0.3410', '0.2424', '0.0986']))
rec(F, (3, 20), r"the gradient entries sum to zero", True,
    lambda: eq((softmax(_z03) - np.eye(3)[0]).sum() + 1, 1) and
    [i for i, v in enumerate(softmax(_z03) - np.eye(3)[0]) if v < 0] == [0])


def _batch_ok():
    N, K = 3, 4
    Z = RNG.normal(size=(N, K))
    Y = np.eye(K)[[0, 3, 1]]
    f = lambda T: np.mean([_ce(T[n], Y[n]) for n in range(N)])
    return close(ngrad(f, Z), (softmax(Z) - Y) / N)


rec(F, (5, 4), r"$$\nabla_Z L = \frac{1}{N}(P - Y).$$", True, _batch_ok)
_Z03 = np.array([[2.0, 1.0, 0.1], [0.5, -1.0, 1.5]])
_Y03 = np.eye(3)[[0, 2]]
rec(F, (5, 5), r"$\approx (0.2537,\ 0.0566,\ 0.6897)$ and its loss $-\log 0.6897 \approx 0.3715$", True,
    lambda: allrnd(softmax(_Z03[1]), ['0.2537', '0.0566', '0.6897']) and rnd(-math.log(softmax(_Z03[1])[2]), '0.3715'))
rec(F, (5, 5), r"$\frac12(0.4170 + 0.3715) \approx 0.3943$", True,
    lambda: rnd(np.mean([_ce(_Z03[n], _Y03[n]) for n in range(2)]), '0.3943'))
rec(F, (5, 6), r"-0.1705 & 0.1212 & 0.0493 \\ 0.1269 & 0.0283 & -0.1552", True,
    lambda: allrnd(((softmax(_Z03) - _Y03) / 2).ravel(), ['-0.1705', '0.1212', '0.0493', '0.1269', '0.0283', '-0.1552']))


def _lin_ok():
    N, D, K = 3, 2, 4
    X = RNG.normal(size=(N, D))
    W = RNG.normal(size=(D, K))
    b = RNG.normal(size=K)
    Y = np.eye(K)[[2, 0, 3]]
    f = lambda W_, b_: np.mean([_ce(r, Y[n]) for n, r in enumerate(X @ W_ + b_)])
    P = softmax(X @ W + b)
    return (close(ngrad(lambda t: f(t, b), W), X.T @ (P - Y) / N) and
            close(ngrad(lambda t: f(W, t), b), (P - Y).T @ np.ones(N) / N))


rec(F, (5, 9), r"\frac1N X^\top (P - Y), \qquad \nabla_b L = \frac1N (P-Y)^\top \mathbf{1}", True, _lin_ok)
rec(F, (5, 10), r"so $\nabla_W L$ is $D\times K$ like $W$", True,
    lambda: (np.zeros((7, 5)).T @ np.zeros((7, 3))).shape == (5, 3))

# ======================================================= 04 BCE with logits (German blog)
F = '04_bce_logits.md'


def _bce(z, y):
    p = sig(z)
    return -(y * np.log(p) + (1 - y) * np.log(1 - p))


_zs04 = rpts(9, -6, 6)
rec(F, 13, r"$\log\sigma(z) = -\log(1+e^{-z})$", True,
    lambda: forall(lambda z: eq(np.log(sig(z)), -np.log1p(np.exp(-z))) and
                   eq(np.log(1 - sig(z)), -z - np.log1p(np.exp(-z))), _zs04))
rec(F, 16, r"\ell(z,y) &= y\log(1+e^{-z}) + (1-y)\bigl(z+\log(1+e^{-z})\bigr)\\", True,
    lambda: all(forall(lambda z: eq(_bce(z, y), y * np.log1p(np.exp(-z)) + (1 - y) * (z + np.log1p(np.exp(-z)))), _zs04)
                for y in (0.0, 1.0, 0.3)))
rec(F, 17, r"&= (1-y)\,z + \log(1+e^{-z}).", True,
    lambda: all(forall(lambda z: eq(_bce(z, y), (1 - y) * z + np.log1p(np.exp(-z))), _zs04) for y in (0.0, 1.0, 0.3)))
rec(F, 23, r"$e^{100}\approx 2{,}7\cdot 10^{43}$", True,
    lambda: rnd(math.exp(100) / 1e43, '2,7') and rnd(float(np.finfo(np.float32).max) / 1e38, '3,4')
    and math.exp(100) > float(np.finfo(np.float32).max))
rec(F, 24, r"$$\log(1+e^{-z}) = \max(-z,0) + \log\bigl(1+e^{-|z|}\bigr),$$", True,
    lambda: forall(lambda z: eq(np.log1p(np.exp(-z)), max(-z, 0) + np.log1p(np.exp(-abs(z)))), _zs04))
rec(F, 25, r"$z+\max(-z,0)=\max(z,0)$", True, lambda: forall(lambda z: eq(z + max(-z, 0), max(z, 0)), _zs04))
rec(F, 26, r"$$\ell(z,y) = \max(z,0) - z\,y + \log\bigl(1+e^{-|z|}\bigr).$$", True,
    lambda: all(forall(lambda z: eq(_bce(z, y), max(z, 0) - z * y + np.log1p(np.exp(-abs(z)))), _zs04) for y in (0.0, 1.0)))
rec(F, 27, r"$0 + 40 + \log(1+e^{-40}) \approx 40$", True,
    lambda: eq(max(-40, 0) - (-40) * 1, 40) and abs(40 + math.log1p(math.exp(-40)) - 40) < 1e-12)
rec(F, 32, r"= (1-y) - \bigl(1-\sigma(z)\bigr) = \sigma(z) - y.$$", True,
    lambda: all(forall(lambda z: eq(d1(lambda t: (1 - y) * t + np.log1p(np.exp(-t)), z), (1 - y) - np.exp(-z) / (1 + np.exp(-z)), 1e-7)
                       and eq((1 - y) - (1 - sig(z)), sig(z) - y), _zs04) for y in (0.0, 1.0)))


def _lin04():
    x, w, b, y = RNG.normal(size=3), RNG.normal(size=3), 0.3, 1.0
    z = w @ x + b
    return (close(ngrad(lambda t: _bce(t @ x + b, y), w), (sig(z) - y) * x) and
            eq(d1(lambda t: _bce(w @ x + t, y), b), sig(z) - y, 1e-7))


rec(F, 33, r"$\nabla_w \ell = (\sigma(z)-y)\,x$", True, _lin04)


def _sgd_sign04():
    # an SGD step must move against the gradient: w_new = w - eta * grad
    x, w, b, y, eta = np.array([1.0, -2.0]), np.array([0.5, 0.25]), 0.1, 1.0, 0.1
    g = (sig(w @ x + b) - y) * x
    stated = w + eta * (sig(w @ x + b) - y) * x
    return close(stated, w - eta * g)


rec(F, 34, r"$$w \leftarrow w + \eta\,(\sigma(z)-y)\,x, \qquad b \leftarrow b + \eta\,(\sigma(z)-y).$$", False, _sgd_sign04)
rec(F, 39, r"$$z = 0{,}5 - 0{,}5 + 0{,}1 = 0{,}1,", True,
    lambda: eq(np.array([0.5, 0.25]) @ np.array([1.0, -2.0]) + 0.1, 0.1))
rec(F, 39, r"\sigma(0{,}1)\approx 0{,}5250,\qquad \ell = \log(1+e^{-0{,}1}) \approx 0{,}6444", True,
    lambda: rnd(sig(0.1), '0,5250') and rnd(math.log1p(math.exp(-0.1)), '0,6444') and eq(_bce(0.1, 1.0), math.log1p(math.exp(-0.1))))
rec(F, 40, r"$\sigma(z)-y \approx -0{,}4750$, also $\nabla_w\ell \approx (-0{,}4750;\ 0{,}9500)$", True,
    lambda: rnd(sig(0.1) - 1, '-0,4750') and allrnd((sig(0.1) - 1) * np.array([1.0, -2.0]), ['-0,4750', '0,9500']))
rec(F, 41, r"= (0{,}4525;\ 0{,}345),\qquad b \approx 0{,}1-0{,}0475 = 0{,}0525", True,
    lambda: close(np.array([0.5, 0.25]) + 0.1 * np.array([-0.4750, 0.9500]), [0.4525, 0.345])
    and eq(0.1 + 0.1 * (-0.4750), 0.0525))
rec(F, 42, r"$z = 0{,}4525 - 0{,}69 + 0{,}0525 = -0{,}185$", True,
    lambda: eq(0.4525 * 1.0 + 0.345 * (-2.0) + 0.0525, -0.185))
rec(F, 42, r"$\ell = \log(1+e^{0{,}185}) \approx 0{,}7899$", True,
    lambda: rnd(math.log1p(math.exp(0.185)), '0,7899') and eq(_bce(-0.185, 1.0), math.log1p(math.exp(0.185))))

# ======================================================= 05 MSE gradient, matrix form (CS229 style)
F = '05_mse_matrix_gradient.md'
_X05 = np.array([[1., 1.], [1., 2.], [1., 3.]])
_y05 = np.array([1., 2., 2.])


def _rand_ls(n=6, d=3):
    return RNG.normal(size=(n, d)), RNG.normal(size=n), RNG.normal(size=d)


def _J05(X, y, th):
    return np.mean((X @ th - y) ** 2)


rec(F, 9, r"= \frac1n\|X\theta-\vec y\|_2^2 .$$", True,
    lambda: (lambda X, y, th: eq(_J05(X, y, th), (X @ th - y) @ (X @ th - y) / len(y)) and
             eq(_J05(X, y, th), np.linalg.norm(X @ th - y) ** 2 / len(y)))(*_rand_ls()))
rec(F, 12, r"$$\frac{\partial J}{\partial r} = \frac{1}{n}\, r .$$", False,
    lambda: (lambda r: close(ngrad(lambda t: t @ t / len(t), r), r / len(r)))(RNG.normal(size=5)))


def _chain05():
    # own terms: with dJ/dr as stated (r/n), X^T dJ/dr equals (1/n) X^T (X theta - y)
    X, y, th = _rand_ls()
    r = X @ th - y
    phi = lambda rr: rr @ rr / (2 * len(rr))          # a function whose r-gradient is r/n
    return close(ngrad(lambda t: phi(X @ t - y), th), X.T @ (r / len(y)))


rec(F, 14, r"= \frac{1}{n}X^T(X\theta - \vec{y}).$$", True, _chain05)
rec(F, 15, r"\frac1n\sum_{i=1}^{n}\bigl(\theta^Tx^{(i)} - y^{(i)}\bigr)x^{(i)}_j", True,
    lambda: (lambda X, y, th: close([sum((th @ X[i] - y[i]) * X[i, j] for i in range(len(y))) / len(y) for j in range(X.shape[1])],
                                    X.T @ (X @ th - y) / len(y)))(*_rand_ls()))
rec(F, 17, r"$\nabla^2_\theta J = \frac1n X^TX$", True,
    lambda: (lambda X, y, th: close(njac(lambda t: X.T @ (X @ t - y) / len(y), th), X.T @ X / len(y)))(*_rand_ls()))
rec(F, 17, r"$z^TX^TXz = \|Xz\|^2 \ge 0$", True,
    lambda: (lambda X, z: eq(z @ X.T @ X @ z, np.linalg.norm(X @ z) ** 2) and
             np.linalg.eigvalsh(X.T @ X).min() >= -1e-12)(RNG.normal(size=(5, 3)), RNG.normal(size=3)))
rec(F, 19, r"gives $X^TX\theta = X^T\vec{y}$", True,
    lambda: (lambda X, y: (lambda th: close(X.T @ (X @ th - y), 0))(np.linalg.solve(X.T @ X, X.T @ y)))(*_rand_ls()[:2]))
rec(F, 20, r"$$\theta = (X^TX)^{-1}X^T\vec{y}.$$", True,
    lambda: (lambda X, y: (lambda th: close(ngrad(lambda t: _J05(X, y, t), th), 0, 1e-5) and
                           all(_J05(X, y, th) <= _J05(X, y, th + 0.01 * RNG.normal(size=3)) for _ in range(5)))(
        np.linalg.inv(X.T @ X) @ X.T @ y))(*_rand_ls()[:2]))
rec(F, 23, r"X^T\vec y = \begin{bmatrix}5\\11\end{bmatrix},\qquad X^TX = \begin{bmatrix}3&6\\6&14\end{bmatrix}", True,
    lambda: close(_X05.T @ _y05, [5, 11]) and close(_X05.T @ _X05, [[3, 6], [6, 14]]))
rec(F, 24, r"$\nabla_\theta J(0) = -\frac13 X^T\vec y \approx (-1.6667,\, -3.6667)^T$", True,
    lambda: close(_X05.T @ (_X05 @ np.zeros(2) - _y05) / 3, -_X05.T @ _y05 / 3)
    and allrnd(-_X05.T @ _y05 / 3, ['-1.6667', '-3.6667']))
rec(F, 24, r"$\theta \approx (0.1667,\, 0.3667)^T$", True,
    lambda: allrnd(np.zeros(2) - 0.1 * (-_X05.T @ _y05 / 3), ['0.1667', '0.3667']))
rec(F, 25, r"$\det(X^TX) = 42-36 = 6$", True, lambda: eq(np.linalg.det(_X05.T @ _X05), 6) and 3 * 14 == 42 and 6 * 6 == 36)
rec(F, 26, r"= \frac16\begin{bmatrix}4\\3\end{bmatrix} \approx \begin{bmatrix}0.6667\\0.5\end{bmatrix}", True,
    lambda: close(np.array([[14, -6], [-6, 3]]) @ np.array([5, 11]), [4, 3]) and
    close(np.linalg.solve(_X05.T @ _X05, _X05.T @ _y05), [4 / 6, 3 / 6]) and allrnd([4 / 6, 0.5], ['0.6667', '0.5']))
rec(F, 27, r"The fitted values are $\tfrac76, \tfrac53, \tfrac{13}{6}$, the residuals $\tfrac16, -\tfrac13, \tfrac16$", True,
    lambda: [Fr(2, 3) + Fr(1, 2) * k for k in (1, 2, 3)] == [Fr(7, 6), Fr(5, 3), Fr(13, 6)] and
    [Fr(7, 6) - 1, Fr(5, 3) - 2, Fr(13, 6) - 2] == [Fr(1, 6), Fr(-1, 3), Fr(1, 6)])
rec(F, 27, r"$J(\theta) = \frac13\cdot\frac{1+4+1}{36} = \frac1{18}\approx 0.0556$", True,
    lambda: Fr(1, 3) * Fr(6, 36) == Fr(1, 18) and eq(_J05(_X05, _y05, np.array([4 / 6, 0.5])), 1 / 18) and rnd(1 / 18, '0.0556'))

# ======================================================= 06 two-layer MLP by hand (Colab)
F = '06_two_layer_mlp_numbers.ipynb'
_x06 = np.array([1.0, -0.5])
_W106 = np.array([[0.2, -0.4], [0.7, 0.1], [-0.3, 0.6]])
_b106 = np.array([0.1, -0.2, 0.0])
_w206 = np.array([0.5, -0.3, 0.8])
_b206, _y06 = 0.05, 1.0
_e06 = 0.175 - 1.0             # the notebook's own value of y_hat - y after its forward pass


def _mlp06(W1, b1, w2, b2, x=_x06, y=_y06):
    h = np.maximum(W1 @ x + b1, 0)
    return 0.5 * (w2 @ h + b2 - y) ** 2


def _mlp06_general():
    # structure of the backward pass on random parameters (all hidden units generic)
    x = RNG.normal(size=2)
    W1, b1, w2, b2, y = RNG.normal(size=(3, 2)), RNG.normal(size=3), RNG.normal(size=3), 0.2, 0.7
    z = W1 @ x + b1
    h = np.maximum(z, 0)
    e = w2 @ h + b2 - y
    delta = e * w2 * (z > 0)
    return (close(ngrad(lambda t: _mlp06(W1, b1, t, b2, x, y), w2), e * h) and
            close(ngrad(lambda t: _mlp06(t, b1, w2, b2, x, y), W1), np.outer(delta, x)) and
            close(ngrad(lambda t: _mlp06(W1, t, w2, b2, x, y), b1), delta))


rec(F, (2, 8), r"\begin{bmatrix}0.5\\0.45\\-0.6\end{bmatrix},\qquad \mathbf{h} = \begin{bmatrix}0.5\\0.45\\0\end{bmatrix}", True,
    lambda: close(_W106 @ _x06 + _b106, [0.5, 0.45, -0.6]) and close(np.maximum(_W106 @ _x06 + _b106, 0), [0.5, 0.45, 0]))
rec(F, (2, 9), r"= 0.25 - 0.135 + 0.05 = 0.175", False,
    lambda: eq(0.25 - 0.135 + 0.05, 0.175))
rec(F, (2, 10), r"= \tfrac12(0.825)^2 \approx 0.3403", True,
    lambda: eq(abs(0.175 - 1), 0.825) and rnd(0.5 * 0.825 ** 2, '0.3403'))
rec(F, (4, 3), r"$e = \partial L/\partial\hat y = \hat y - y = -0.825$", True,
    lambda: eq(d1(lambda t: 0.5 * (t - 1.0) ** 2, 0.175), 0.175 - 1.0, 1e-7) and eq(0.175 - 1.0, -0.825))
rec(F, (4, 4), r"= \begin{bmatrix}-0.4125\\-0.37125\\0\end{bmatrix},\qquad \frac{\partial L}{\partial b_2} = e = -0.825", True,
    lambda: close(_e06 * np.array([0.5, 0.45, 0]), [-0.4125, -0.37125, 0]) and _mlp06_general())
rec(F, (4, 5), r"$\partial L/\partial\mathbf{h} = e\,\mathbf{w}_2 = (-0.4125,\ 0.2475,\ -0.66)^\top$", True,
    lambda: close(_e06 * _w206, [-0.4125, 0.2475, -0.66]))
rec(F, (4, 6), r"\odot\mathbb{1}[\mathbf{z}>0] = \begin{bmatrix}-0.4125\\0.2475\\0\end{bmatrix}", True,
    lambda: close(np.array([-0.4125, 0.2475, -0.66]) * (np.array([0.5, 0.45, -0.6]) > 0), [-0.4125, 0.2475, 0]))
rec(F, (4, 8), r"\begin{bmatrix}-0.4125 & 0.20625\\ 0.2475 & -0.12375\\ 0 & 0\end{bmatrix}", True,
    lambda: close(np.outer([-0.4125, 0.2475, 0], _x06), [[-0.4125, 0.20625], [0.2475, -0.12375], [0, 0]]) and _mlp06_general())
rec(F, (4, 9), r"$\partial L/\partial h_3 = -0.66$ is the largest entry", True,
    lambda: int(np.argmax(np.abs(_e06 * _w206))) == 2 and eq(_e06 * _w206[2], -0.66))
rec(F, (6, 4), r"= \begin{bmatrix}0.54125\\ -0.262875\\ 0.8\end{bmatrix},\qquad b_2 \leftarrow 0.05 + 0.0825 = 0.1325", True,
    lambda: close(_w206 - 0.1 * np.array([-0.4125, -0.37125, 0]), [0.54125, -0.262875, 0.8]) and eq(_b206 - 0.1 * _e06, 0.1325)
    and close([0.1 * 0.4125, 0.1 * 0.37125], [0.04125, 0.037125]))
rec(F, (6, 5), r"0.24125 & -0.420625\\ 0.67525 & 0.112375\\ -0.3 & 0.6", True,
    lambda: close(_W106 - 0.1 * np.array([[-0.4125, 0.20625], [0.2475, -0.12375], [0, 0]]),
                  [[0.24125, -0.420625], [0.67525, 0.112375], [-0.3, 0.6]]) and
    close(_b106 - 0.1 * np.array([-0.4125, 0.2475, 0]), [0.14125, -0.22475, 0.0]))

# ======================================================= 07 single neuron (Nielsen style)
F = '07_single_neuron_backprop.md'
_a07 = sig(2.0)


def _neuron07_grads(cost):
    x, w, b, y = RNG.uniform(0.5, 2), RNG.normal(), RNG.normal(), RNG.uniform(0, 1)
    a, z = sig(w * x + b), w * x + b
    sp = a * (1 - a)
    C = (lambda w_, b_: cost(sig(w_ * x + b_), y))
    return x, w, b, y, a, sp, C


def _quad07():
    x, w, b, y, a, sp, C = _neuron07_grads(lambda a, y: (y - a) ** 2 / 2)
    return eq(d1(lambda t: C(t, b), w), (a - y) * sp * x, 1e-7) and eq(d1(lambda t: C(w, t), b), (a - y) * sp, 1e-7)


rec(F, 9, r"$z = 1.2 \times 1.0 + 0.8 = 2.0$ and $a = \sigma(2.0) \approx 0.8808$", True,
    lambda: eq(1.2 * 1.0 + 0.8, 2.0) and rnd(_a07, '0.8808'))
rec(F, 9, r"$C \approx 0.8808^2/2 \approx 0.3879$", True,
    lambda: rnd(0.8808 ** 2 / 2, '0.3879') and rnd(_a07 ** 2 / 2, '0.3879'))
rec(F, 11, r"$\sigma'(z) = \sigma(z)(1-\sigma(z))$", True, lambda: forall(lambda z: eq(d1(sig, z), sig(z) * (1 - sig(z)), 1e-7)))
rec(F, 12, r"= (a-y)\,\sigma'(z)\,x, \tag{2}$$", True, _quad07)
rec(F, 13, r"$$\frac{\partial C}{\partial b} = (a-y)\,\sigma'(z). \tag{3}$$", True, _quad07)
rec(F, 14, r"$\delta = \partial C/\partial z = (a-y)\sigma'(z)$", True,
    lambda: forall(lambda z: eq(d1(lambda t: (0.3 - sig(t)) ** 2 / 2, z), (sig(z) - 0.3) * sig(z) * (1 - sig(z)), 1e-7)))
rec(F, 16, r"$\sigma'(2.0) \approx 0.8808 \times 0.1192 \approx 0.1050$", True,
    lambda: rnd(1 - _a07, '0.1192') and rnd(0.8808 * 0.1192, '0.1050') and rnd(_a07 * (1 - _a07), '0.1050'))
rec(F, 17, r"$$\delta \approx 0.8808 \times 0.1050 \approx 0.0925,", True,
    lambda: rnd(0.8808 * 0.1050, '0.0925') and rnd(_a07 * _a07 * (1 - _a07), '0.0925'))
rec(F, 18, r"$w \approx 1.2 - 0.15 \times 0.0925 \approx 1.1861$", True,
    lambda: rnd(1.2 - 0.15 * 0.0925, '1.1861') and rnd(1.2 - 0.15 * _a07 * _a07 * (1 - _a07), '1.1861'))
rec(F, 20, r"$a \approx 0.9933$ and $\sigma'(5) \approx 0.0066$", True,
    lambda: rnd(sig(5), '0.9933') and rnd(sig(5) * (1 - sig(5)), '0.0066'))
rec(F, 20, r"$0.9933 \times 0.0066 \approx 0.0066$ — about fourteen times smaller", True,
    lambda: rnd(0.9933 * 0.0066, '0.0066') and rnd(sig(5) ** 2 * (1 - sig(5)), '0.0066')
    and round((_a07 ** 2 * (1 - _a07)) / (sig(5) ** 2 * (1 - sig(5)))) == 14)


def _ce07(step):
    x, w, b, y = RNG.uniform(0.5, 2), RNG.normal(), RNG.normal(), RNG.uniform(0, 1)
    a = sig(w * x + b)
    sp = a * (1 - a)
    fd = d1(lambda t: -(y * np.log(sig(t * x + b)) + (1 - y) * np.log(1 - sig(t * x + b))), w)
    l27 = -(y / a - (1 - y) / (1 - a)) * sp * x
    l28 = (a - y) / (a * (1 - a)) * a * (1 - a) * x
    l29 = x * (a - y)
    return {27: eq(fd, l27, 1e-6), 28: eq(l27, l28), 29: eq(l28, l29)}[step]


rec(F, 27, r"&= -\left(\frac{y}{a} - \frac{1-y}{1-a}\right)\sigma'(z)\,x \\", True, lambda: _ce07(27))
rec(F, 28, r"&= \frac{a-y}{a(1-a)}\,\sigma(z)\bigl(1-\sigma(z)\bigr)\,x \\", True, lambda: _ce07(28))
rec(F, 29, r"&= x\,(a-y).", True, lambda: _ce07(29))
rec(F, 32, r"$C = -\ln(1-0.8808) \approx 2.127$", True,
    lambda: rnd(-math.log(1 - 0.8808), '2.127') and rnd(-math.log(1 - _a07), '2.127'))
rec(F, 32, r"$x(a-y) \approx 0.8808$ — nearly ten times larger", True,
    lambda: rnd(1.0 * (_a07 - 0), '0.8808') and 9 < _a07 / (_a07 ** 2 * (1 - _a07)) < 10)

# ======================================================= 08 ReLU family (French lecture notes)
F = '08_relu_family.md'
relu = lambda x: np.maximum(x, 0.0)
lrelu = lambda x, a: np.maximum(a * x, x)
elu = lambda x, a=1.0: np.where(x > 0, x, a * (np.exp(np.minimum(x, 0)) - 1))
_nz08 = np.array([p for p in rpts(12, -4, 4) if abs(p) > 0.05])

rec(F, 8, r"1 & \text{si } x > 0,\\ 0 & \text{si } x < 0.", True,
    lambda: forall(lambda x: eq(d1(relu, x), 1.0 if x > 0 else 0.0, 1e-7), _nz08))
rec(F, 9, r"la dérivée à gauche vaut $0$, la dérivée à droite vaut $1$", True,
    lambda: eq((relu(0.0) - relu(-1e-7)) / 1e-7, 0) and eq((relu(1e-7) - relu(0.0)) / 1e-7, 1))
rec(F, 9, r"$x\,\mathrm{ReLU}'(x) = \mathrm{ReLU}(x)$ pour tout $x\neq 0$", True,
    lambda: forall(lambda x: eq(x * d1(relu, x), relu(x), 1e-6), _nz08))
rec(F, 12, r"\alpha & \text{si } x<0.", True,
    lambda: all(forall(lambda x: eq(d1(lambda t: lrelu(t, a), x), 1.0 if x > 0 else a, 1e-7), _nz08) for a in (0.01, 0.2, 0.7)))
rec(F, 13, r"$\mathrm{LReLU}(x) = (-0{,}02;\ 0{,}5;\ 3)$ et le vecteur des dérivées $(0{,}01;\ 1;\ 1)$", True,
    lambda: close(lrelu(np.array([-2, 0.5, 3]), 0.01), [-0.02, 0.5, 3]) and
    close([d1(lambda t: lrelu(t, 0.01), v) for v in (-2, 0.5, 3)], [0.01, 1, 1]))
rec(F, 16, r"\alpha e^{x} = \mathrm{ELU}(x)+\alpha & \text{si } x< 0.", True,
    lambda: all(forall(lambda x: eq(d1(lambda t: elu(t, a), x), a * np.exp(x), 1e-6) and eq(a * np.exp(x), elu(x, a) + a),
                       -np.abs(_nz08)) for a in (0.5, 1.0, 2.0)) and forall(lambda x: eq(d1(elu, x), 1, 1e-7), np.abs(_nz08)))
rec(F, 17, r"l'ELU est donc de classe $C^1$ si et seulement si $\alpha = 1$", True,
    lambda: all(eq((elu(0.0, a) - elu(-1e-7, a)) / 1e-7, a, 1e-6) for a in (0.5, 1.0, 2.0)) and
    eq((elu(1e-7, 1.0) - elu(0.0, 1.0)) / 1e-7, 1.0))
rec(F, 20, r"$$\mathrm{ELU}(-1) = e^{-1}-1 \approx -0{,}6321,", True, lambda: rnd(elu(-1.0), '-0,6321'))
rec(F, 20, r"\mathrm{ELU}'(-1) = e^{-1} \approx 0{,}3679 = -0{,}6321 + 1", True,
    lambda: rnd(d1(elu, -1.0), '0,3679') and eq(-0.6321 + 1, 0.3679))
rec(F, 21, r"$$\mathrm{ELU}(-3) \approx -0{,}9502, \qquad \mathrm{ELU}'(-3) \approx 0{,}0498 .$$", True,
    lambda: rnd(elu(-3.0), '-0,9502') and rnd(d1(elu, -3.0), '0,0498'))
rec(F, 22, r"$\mathrm{ELU}(x)\to -\alpha$", True, lambda: eq(elu(-50.0, 1.7), -1.7) and abs(d1(elu, -50.0)) < 1e-15)
rec(F, 27, r"$$\frac{\partial L}{\partial x} = g \odot f'(x).$$", True,
    lambda: (lambda x, g: close(ngrad(lambda t: g @ elu(t), x), g * np.where(x > 0, 1, np.exp(x))))(
        np.array([1.3, -0.7, -2.1, 0.4]), RNG.normal(size=4)))
_x08, _g08 = np.array([1.5, -0.5, 2.0]), np.array([0.2, -1.0, 0.1])
rec(F, 29, r"- ReLU : $\partial L/\partial x = (0{,}2;\ 0;\ 0{,}1)$ ;", True,
    lambda: close(ngrad(lambda t: _g08 @ relu(t), _x08), [0.2, 0, 0.1]))
rec(F, 30, r"$\partial L/\partial x = (0{,}2;\ -0{,}1;\ 0{,}1)$ ;", True,
    lambda: close(ngrad(lambda t: _g08 @ lrelu(t, 0.1), _x08), [0.2, -0.1, 0.1]))
rec(F, 31, r"\approx (0{,}2;\ -0{,}6065;\ 0{,}1)$, car $e^{-0{,}5}\approx 0{,}6065$", True,
    lambda: allrnd(ngrad(lambda t: _g08 @ elu(t), _x08), ['0,2', '-0,6065', '0,1']) and rnd(math.exp(-0.5), '0,6065'))
_n08 = RNG.normal(size=2_000_000)
rec(F, 35, r"$\mathbb{P}(\mathrm{ReLU}'(x)=0) = \tfrac12$", True, lambda: abs(np.mean(_n08 <= 0) - 0.5) < 0.003)
rec(F, 36, r"= \frac{1}{\sqrt{2\pi}} \approx 0{,}3989", True,
    lambda: rnd(1 / math.sqrt(2 * math.pi), '0,3989') and abs(relu(_n08).mean() - 1 / math.sqrt(2 * math.pi)) < 0.003
    and abs(sum(x * math.exp(-x * x / 2) for x in np.arange(0.00005, 12, 0.0001)) * 0.0001 / math.sqrt(2 * math.pi)
            - 1 / math.sqrt(2 * math.pi)) < 1e-6)
rec(F, 36, r"\mathbb{E}[\mathrm{ReLU}(x)^2] = \tfrac12\,\mathbb{E}[x^2] = \tfrac12", True,
    lambda: abs((relu(_n08) ** 2).mean() - 0.5) < 0.004)

# ======================================================= 09 batch-norm backward (CS231n notebook)
F = '09_batchnorm_backward.ipynb'


def _bn(x, gamma, beta, eps):
    mu = x.mean()
    var = ((x - mu) ** 2).mean()
    return gamma * (x - mu) / np.sqrt(var + eps) + beta


def _bn_case():
    N = 5
    x, dy = RNG.normal(size=N) * 2 + 1, RNG.normal(size=N)
    gamma, beta, eps = 1.7, -0.3, 1e-3
    mu = x.mean()
    var = ((x - mu) ** 2).mean()
    s = np.sqrt(var + eps)
    xh = (x - mu) / s
    dxh = gamma * dy
    dvar = (dxh * (x - mu)).sum() * (-0.5) * (var + eps) ** -1.5
    dmu = (dxh * (-1 / s)).sum() + dvar * (-2 / N) * (x - mu).sum()
    return dict(N=N, x=x, dy=dy, gamma=gamma, beta=beta, eps=eps, mu=mu, var=var, s=s, xh=xh, dxh=dxh, dvar=dvar, dmu=dmu)


def _bn_params():
    c = _bn_case()
    L = lambda g, b: c['dy'] @ _bn(c['x'], g, b, c['eps'])
    return (eq(d1(lambda t: L(c['gamma'], t), c['beta']), c['dy'].sum(), 1e-7) and
            eq(d1(lambda t: L(t, c['beta']), c['gamma']), (c['dy'] * c['xh']).sum(), 1e-7) and
            close(ngrad(lambda t: c['dy'] @ (c['gamma'] * t + c['beta']), c['xh']), c['gamma'] * c['dy']))


def _bn_dvar():
    c = _bn_case()
    L = lambda v: c['dy'] @ (c['gamma'] * (c['x'] - c['mu']) / np.sqrt(v + c['eps']) + c['beta'])
    return eq(d1(L, c['var'], 1e-7), c['dvar'], 1e-6)


def _bn_dmu():
    c = _bn_case()
    def L(m):
        v = ((c['x'] - m) ** 2).mean()
        return c['dy'] @ (c['gamma'] * (c['x'] - m) / np.sqrt(v + c['eps']) + c['beta'])
    return (eq(d1(L, c['mu'], 1e-7), c['dmu'], 1e-6) and abs((c['x'] - c['mu']).sum()) < 1e-9 and
            eq(c['dmu'], -c['dxh'].sum() / c['s']))


def _bn_dx(which):
    c = _bn_case()
    N, s, xh, dxh = c['N'], c['s'], c['xh'], c['dxh']
    fd = ngrad(lambda t: c['dy'] @ _bn(t, c['gamma'], c['beta'], c['eps']), c['x'])
    paths = dxh / s + c['dvar'] * 2 * (c['x'] - c['mu']) / N + c['dmu'] / N
    l7 = dxh / s - xh / (N * s) * (dxh * xh).sum() - dxh.sum() / (N * s)
    l8 = (N * dxh - dxh.sum() - xh * (dxh * xh).sum()) / (N * s)
    return {'paths': close(fd, paths, 1e-5), 7: close(paths, l7), 8: close(l7, l8),
            'sum0': abs(l8.sum()) < 1e-9 and abs(xh.sum()) < 1e-9,
            'sub': close(c['x'] - c['mu'], xh * np.sqrt(c['var'] + c['eps']))}[which]


rec(F, (2, 6), r"\mu &= \frac{1}{N}\sum_{i=1}^{N} x_i, \qquad", True,
    lambda: (lambda x: eq(x.mean(), x.sum() / len(x)) and eq(np.var(x), ((x - x.mean()) ** 2).sum() / len(x)))(RNG.normal(size=6)))
rec(F, (4, 4), r"\frac{\partial L}{\partial\gamma} = \sum_{i=1}^N dy_i\,\hat x_i, \qquad d\hat x_i = \gamma\, dy_i", True, _bn_params)
rec(F, (4, 6), r"\Bigl(-\tfrac12\Bigr)(\sigma^2+\epsilon)^{-3/2}.$$", True, _bn_dvar)
rec(F, (4, 8), r"= -\frac{1}{\sqrt{\sigma^2+\epsilon}}\sum_{i=1}^N d\hat x_i .$$", True, _bn_dmu)
rec(F, (4, 10), r"+ \frac{\partial L}{\partial\mu}\cdot\frac1N .$$", True, lambda: _bn_dx('paths'))
rec(F, (5, 3), r"$x_i - \mu = \hat x_i\sqrt{\sigma^2+\epsilon}$", True, lambda: _bn_dx('sub'))
rec(F, (5, 7), r"&= \frac{d\hat x_i}{s} - \frac{\hat x_i}{N s}\sum_{j} d\hat x_j\,\hat x_j - \frac{1}{N s}\sum_j d\hat x_j\\", True,
    lambda: _bn_dx(7))
rec(F, (5, 8), r"&= \frac{1}{N s}\Bigl(N\,d\hat x_i - \sum_{j} d\hat x_j - \hat x_i\sum_{j} d\hat x_j\,\hat x_j\Bigr).", True,
    lambda: _bn_dx(8))
rec(F, (5, 11), r"$\sum_i \partial L/\partial x_i = 0$, because $\sum_i \hat x_i = 0$", True, lambda: _bn_dx('sum0'))
rec(F, (4, 7), r"the second part vanishes because $\sum_i (x_i-\mu) = 0$", True,
    lambda: (lambda x: abs((x - x.mean()).sum()) < 1e-12)(RNG.normal(size=9)))
_x09, _dy09 = np.array([1., 2., 4., 5.]), np.array([0.1, -0.2, 0.3, 0.4])
_s09 = math.sqrt(2.5)
_xh09 = (_x09 - 3) / _s09
rec(F, (7, 3), r"$\mu = 3$, $\sigma^2 = \frac{4+1+1+4}{4} = 2.5$ and $s = \sqrt{2.5} \approx 1.5811$", True,
    lambda: eq(_x09.mean(), 3) and eq(_x09.var(), 2.5) and eq((4 + 1 + 1 + 4) / 4, 2.5) and rnd(_s09, '1.5811'))
rec(F, (7, 4), r"$$\hat x \approx (-1.2649,\ -0.6325,\ 0.6325,\ 1.2649)", True,
    lambda: allrnd(_xh09, ['-1.2649', '-0.6325', '0.6325', '1.2649']))
rec(F, (7, 4), r"y = 2\hat x + 0.5 \approx (-2.0298,\ -0.7649,\ 1.7649,\ 3.0298)", True,
    lambda: allrnd(_bn(_x09, 2.0, 0.5, 0.0), ['-2.0298', '-0.7649', '1.7649', '3.0298']))
rec(F, (7, 5), r"$\partial L/\partial\beta = 0.6$, $\partial L/\partial\gamma = \sum_i dy_i\hat x_i \approx 0.6957$", True,
    lambda: eq(_dy09.sum(), 0.6) and rnd(_dy09 @ _xh09, '0.6957')
    and rnd(d1(lambda g: _dy09 @ _bn(_x09, g, 0.5, 0.0), 2.0), '0.6957'))
rec(F, (7, 5), r"$d\hat x = (0.2,\ -0.4,\ 0.6,\ 0.8)$, so $\sum_j d\hat x_j = 1.2$ and $\sum_j d\hat x_j\hat x_j \approx 1.3914$", True,
    lambda: close(2 * _dy09, [0.2, -0.4, 0.6, 0.8]) and eq((2 * _dy09).sum(), 1.2) and rnd((2 * _dy09) @ _xh09, '1.3914'))
rec(F, (7, 6), r"\frac{1}{6.3246}\bigl(1.36,\ -1.92,\ 0.32,\ 0.24\bigr)", True,
    lambda: rnd(4 * _s09, '6.3246') and close(4 * 2 * _dy09 - 1.2 - _xh09 * ((2 * _dy09) @ _xh09), [1.36, -1.92, 0.32, 0.24]))
rec(F, (7, 6), r"\approx (0.2150,\ -0.3036,\ 0.0506,\ 0.0379),$$", True,
    lambda: allrnd(ngrad(lambda t: _dy09 @ _bn(t, 2.0, 0.5, 0.0), _x09), ['0.2150', '-0.3036', '0.0506', '0.0379'])
    and allrnd(np.array([1.36, -1.92, 0.32, 0.24]) / 6.3246, ['0.2150', '-0.3036', '0.0506', '0.0379']))
rec(F, (7, 7), r"$\partial L/\partial\sigma^2 \approx -0.2783$ and $\partial L/\partial\mu \approx -0.7589$", True,
    lambda: rnd((2 * _dy09 * (_x09 - 3)).sum() * -0.5 * 2.5 ** -1.5, '-0.2783') and rnd(-(2 * _dy09).sum() / _s09, '-0.7589'))

# ======================================================= 10 LayerNorm statistics (Spanish Colab)
F = '10_layernorm_stats.ipynb'
_x10 = np.array([2.0, -1.0, 0.5, 3.5])
_s10 = 1.60078                    # the notebook's own (rounded) standard deviation
rec(F, (2, 4), r"\sigma^2 = \frac{1}{H}\sum_{i=1}^{H}(x_i-\mu)^2 .$$", True,
    lambda: (lambda x: eq(np.var(x), ((x - x.mean()) ** 2).sum() / len(x)))(RNG.normal(size=7)))
rec(F, (4, 6), r"= \frac{5{,}0}{4} = 1{,}25 .$$", True, lambda: eq(_x10.sum(), 5.0) and eq(_x10.mean(), 1.25))
rec(F, (4, 7), r"$x - \mu = (0{,}75;\ -2{,}25;\ -0{,}75;\ 2{,}25)$", True, lambda: close(_x10 - 1.25, [0.75, -2.25, -0.75, 2.25]))
rec(F, (4, 7), r"$(0{,}5625;\ 5{,}0625;\ 0{,}5625;\ 5{,}0625)$", True,
    lambda: close((_x10 - 1.25) ** 2, [0.5625, 5.0625, 0.5625, 5.0625]))
rec(F, (4, 10), r"0{,}5625 + 5{,}0625 + 0{,}5625 + 5{,}0625 = 10{,}25", False,
    lambda: eq(0.5625 + 5.0625 + 0.5625 + 5.0625, 10.25))
rec(F, (4, 10), r"\sigma^2 = \frac{10{,}25}{4} = 2{,}5625", True, lambda: eq(10.25 / 4, 2.5625))
rec(F, (4, 11), r"$\sqrt{\sigma^2+\varepsilon} = \sqrt{2{,}56251} \approx 1{,}60078$", True,
    lambda: eq(2.5625 + 1e-5, 2.56251) and rnd(math.sqrt(2.56251), '1,60078'))
rec(F, (4, 14), r"\approx (0{,}4685;\ -1{,}4056;\ -0{,}4685;\ 1{,}4056).$$", True,
    lambda: allrnd((_x10 - 1.25) / _s10, ['0,4685', '-1,4056', '-0,4685', '1,4056'])
    and allrnd((_x10 - 1.25) / math.sqrt(2.56251), ['0,4685', '-1,4056', '-0,4685', '1,4056']))
rec(F, (4, 15), r"la media de $\hat x$ es exactamente $0$", True, lambda: eq((_x10 - 1.25).sum(), 0))
rec(F, (4, 18), r"$$y \approx (0{,}4685;\ -1{,}3056;\ -0{,}9370;\ 0{,}6028).$$", True,
    lambda: allrnd(np.array([1, 1, 2, 0.5]) * (_x10 - 1.25) / math.sqrt(2.56251) + np.array([0, 0.1, 0, -0.1]),
                   ['0,4685', '-1,3056', '-0,9370', '0,6028']))
rec(F, (6, 5), r"calcula $B\cdot T$ pares $(\mu,\sigma^2)$, uno por token, promediando sobre $H$ valores", True,
    lambda: (lambda a: a.mean(axis=-1).size == 2 * 3 and a.shape[-1] == 5)(RNG.normal(size=(2, 3, 5))))
rec(F, (6, 6), r"calcularía $H$ pares, uno por canal, promediando sobre $B\cdot T$ valores", True,
    lambda: (lambda a: a.mean(axis=(0, 1)).size == 5 and a.reshape(-1, 5).shape[0] == 2 * 3)(RNG.normal(size=(2, 3, 5))))
rec(F, (6, 8), r"$2\cdot 768 = 1536$ parámetros", True, lambda: 2 * 768 == 1536)
rec(F, (6, 8), r"$32\cdot 128 = 4096$ medias", True, lambda: 32 * 128 == 4096)

# ======================================================= 11 dropout mean / variance (Cross Validated)
F = '11_dropout_expectation.md'
_M11 = 2_000_000


def _drop(x, p, size=_M11):
    q = 1 - p
    m = (RNG.random(size) < q).astype(float)
    return m * x / q


rec(F, 15, r"= \frac{q\,x}{q} = x .$$", True,
    lambda: all(abs(_drop(x, p).mean() - x) < 0.01 * abs(x) + 0.005 for x, p in [(3.0, 0.2), (-1.5, 0.5), (0.7, 0.1)]))
rec(F, 17, r"$m^2 = m$, hence $\mathbb E[m^2] = q$", True,
    lambda: all(m * m == m for m in (0, 1)) and abs(((RNG.random(_M11) < 0.7).astype(float) ** 2).mean() - 0.7) < 0.002)
rec(F, 18, r"\frac{x^2\,\mathbb E[m^2]}{q^2} = \frac{x^2}{q}", True,
    lambda: all(abs((_drop(x, p) ** 2).mean() / (x * x / (1 - p)) - 1) < 0.01 for x, p in [(3.0, 0.2), (-1.5, 0.5)]))
rec(F, 18, r"= x^2\,\frac{1-q}{q} = x^2\,\frac{p}{1-p}.$$", True,
    lambda: all(abs(_drop(x, p).var() / (x * x * p / (1 - p)) - 1) < 0.01 for x, p in [(3.0, 0.2), (-1.5, 0.5), (2.0, 0.3)])
    and all(eq(x * x / (1 - p) - x * x, x * x * p / (1 - p)) for x, p in [(3.0, 0.2), (1.1, 0.6)]))
rec(F, 19, r"with the common $p = 0.5$ the variance added by the mask equals $x^2$, and with $p = 0.2$ it is $x^2/4$", True,
    lambda: eq(0.5 / (1 - 0.5), 1) and eq(0.2 / (1 - 0.2), 0.25))
rec(F, 19, r"$\operatorname{Var}[\tilde x] = 9\cdot 0.25 = 2.25$, i.e. a standard deviation of $1.5$", True,
    lambda: eq(9 * 0.25, 2.25) and eq(math.sqrt(2.25), 1.5) and abs(_drop(3.0, 0.2).std() - 1.5) < 0.01)


def _h11(w, x, p, size=400_000):
    q = 1 - p
    m = (RNG.random((size, len(w))) < q).astype(float)
    return (m * w * x).sum(axis=1) / q


_w11, _xx11 = np.array([0.5, -1.0, 2.0]), np.array([1.0, 2.0, 0.5])
rec(F, 22, r"\mathbb E[h] = \sum_{i=1}^{n} w_i x_i = w^\top x", True,
    lambda: (lambda w, x: abs(_h11(w, x, 0.3).mean() - w @ x) < 0.02)(RNG.normal(size=4), RNG.normal(size=4)))
rec(F, 22, r"= \frac{p}{1-p}\sum_{i=1}^{n} w_i^2x_i^2 .$$", True,
    lambda: (lambda w, x: abs(_h11(w, x, 0.3).var() / (0.3 / 0.7 * ((w * x) ** 2).sum()) - 1) < 0.02)(RNG.normal(size=4), RNG.normal(size=4)))
rec(F, 24, r"$$\mathbb E[h] = 0.5 - 2 + 1 = -0.5,", True, lambda: eq(_w11 @ _xx11, -0.5))
rec(F, 24, r"\sum_i w_i^2x_i^2 = 0.25 + 4 + 1 = 5.25", True, lambda: close((_w11 * _xx11) ** 2, [0.25, 4, 1]) and eq(((_w11 * _xx11) ** 2).sum(), 5.25))
rec(F, 24, r"\operatorname{Var}[h] = 0.25\times 5.25 = 1.3125,$$", True,
    lambda: eq(0.25 * 5.25, 1.3125) and abs(_h11(_w11, _xx11, 0.2).var() - 1.3125) < 0.02)
rec(F, 25, r"$\sqrt{1.3125}\approx 1.1456$", True, lambda: rnd(math.sqrt(1.3125), '1.1456'))
rec(F, 27, r"so $\mathbb E[\tilde x] = qx$", True, lambda: abs(((RNG.random(_M11) < 0.8) * 3.0).mean() - 0.8 * 3.0) < 0.01)

# ======================================================= 12 initialisation variance (Goodfellow style)
F = '12_init_variance.md'
_N12 = 1_000_000


def _varprod12():
    U = RNG.normal(1.5, 2.0, _N12)
    V = RNG.normal(-0.7, 0.5, _N12)
    pred = 4.0 * 0.25 + 4.0 * 0.49 + 2.25 * 0.25
    return abs((U * V).var() / pred - 1) < 0.01


def _fwd12(mode):
    m, n, S = 64, 32, 4000
    vw, vx = 0.03, 2.0
    W = RNG.normal(0, math.sqrt(vw), (S, m))
    x = RNG.normal(0, math.sqrt(vx), (S, m))
    y = (W * x).sum(axis=1)
    if mode == 'fwd':
        return abs(y.var() / (m * vw * vx) - 1) < 0.06
    g = RNG.normal(0, math.sqrt(vx), (S, n))
    W2 = RNG.normal(0, math.sqrt(vw), (S, n))
    dx = (W2 * g).sum(axis=1)
    return abs(dx.var() / (n * vw * vx) - 1) < 0.06


rec(F, 8, r"+ \mathrm{Var}(U)\,\mathbb{E}[V]^2 + \mathbb{E}[U]^2\,\mathrm{Var}(V). \tag{8.21}", True, _varprod12)
rec(F, 10, r"= m\,\mathrm{Var}(W)\,\mathrm{Var}(x). \tag{8.22}", True, lambda: _fwd12('fwd'))
rec(F, 11, r"we therefore need $\mathrm{Var}(W) = 1/m$", True, lambda: eq(37 * (1 / 37) * 2.0, 2.0))
rec(F, 11, r"gives $\mathrm{Var}(W) = 1/n$", True, lambda: _fwd12('bwd'))
rec(F, 15, r"$$\mathrm{Var}(W) = \frac{a^2}{12}. \tag{8.24}$$", False,
    lambda: all(abs(RNG.uniform(-a, a, _N12).var() / (a * a / 12) - 1) < 0.02 for a in (0.5, 2.0)))
rec(F, 16, r"gives $a^2 = 24/(m+n)$", True,
    lambda: all(Fr(24, m + n) / 12 == Fr(2, m + n) for m, n in [(256, 128), (10, 3)]))
rec(F, 18, r"$a = \sqrt{24/384} = \sqrt{0.0625} = 0.25$", True,
    lambda: 256 + 128 == 384 and Fr(24, 384) == Fr(625, 10000) and eq(math.sqrt(0.0625), 0.25))


def _relu12(which):
    z = RNG.normal(0, 1.7, _N12)
    x = np.maximum(z, 0)
    if which == 'ex2':
        return abs((x ** 2).mean() / (0.5 * z.var()) - 1) < 0.01
    m, S, vw = 32, 30000, 0.05
    Z = RNG.normal(0, 1.7, (S, m))
    X = np.maximum(Z, 0)
    W = RNG.normal(0, math.sqrt(vw), (S, m))
    if which == 'term':
        return abs((W[:, 0] * X[:, 0]).var() / (vw * (X[:, 0] ** 2).mean()) - 1) < 0.05
    y = (W * X).sum(axis=1)
    return abs(y.var() / (m / 2 * vw * 1.7 ** 2) - 1) < 0.04


rec(F, 20, r"so $\mathbb{E}[x_i^2] = \frac12\mathrm{Var}(z)$", True, lambda: _relu12('ex2'))
rec(F, 20, r"$\mathrm{Var}(W_{i,j}x_i) = \mathrm{Var}(W)\,\mathbb{E}[x_i^2]$", True, lambda: _relu12('term'))
rec(F, 21, r"$$\mathrm{Var}(y_j) = \frac{m}{2}\,\mathrm{Var}(W)\,\mathrm{Var}(z). \tag{8.26}$$", True, lambda: _relu12('y'))
rec(F, 22, r"requires $\mathrm{Var}(W) = 2/m$", True, lambda: eq(300 / 2 * (2 / 300), 1))
rec(F, 22, r"$\sqrt{2/256} = \sqrt{1/128} \approx 0.0884$", True, lambda: Fr(2, 256) == Fr(1, 128) and rnd(math.sqrt(1 / 128), '0.0884'))
rec(F, 22, r"after 20 layers it has shrunk by $2^{-20}\approx 9.5\times 10^{-7}$", True,
    lambda: eq((256 / 2 * (1 / 256)) ** 20, 2 ** -20) and rnd(2 ** -20 * 1e7, '9.5'))

# ======================================================= 13 conv output sizes (Italian exam)
F = '13_conv_output_size.md'
_cfgs13 = [(i, k, s, p, d) for i in (7, 8, 16, 31, 32) for k in (1, 2, 3, 5) for s in (1, 2, 3)
           for p in (0, 1, 2) for d in (1, 2, 3) if d * (k - 1) + 1 <= i + 2 * p]


def _rf13(layers):
    """brute-force receptive field (span of input positions) of one top-layer unit."""
    pos = {50}
    for (k, s, p, d) in reversed(layers):
        pos = {u * s - p + d * t for u in pos for t in range(k)}
    return max(pos) - min(pos) + 1


rec(F, 17, r"$$O = \left\lfloor \frac{I + 2P - K}{S} \right\rfloor + 1 .$$", True,
    lambda: all(conv_out(i, k, s, p) == (i + 2 * p - k) // s + 1 for (i, k, s, p, d) in _cfgs13 if d == 1))
rec(F, 20, r"$O = \frac{64 + 4 - 5}{1} + 1 = 64$", True, lambda: conv_out(64, 5, 1, 2) == 64 == (64 + 4 - 5) + 1)
rec(F, 21, r"$O = \left\lfloor\frac{64 - 2}{2}\right\rfloor + 1 = 32$", True, lambda: conv_out(64, 2, 2, 0) == 32 == (64 - 2) // 2 + 1)
rec(F, 22, r"= \lfloor 15{,}5\rfloor + 1 = 16$, output $16\times16\times64$", True,
    lambda: conv_out(32, 3, 2, 1) == 16 and Fr(32 + 2 - 3, 2) == Fr(31, 2) and math.floor(15.5) + 1 == 16)
rec(F, 23, r"il kernel copre $D(K-1)+1$ pixel", True, lambda: all(_rf13([(k, 1, 0, d)]) == d * (k - 1) + 1 for k in (2, 3, 5) for d in (1, 2, 3)))
rec(F, 24, r"$$O = \left\lfloor \frac{I + 2P - D(K-1)}{S} \right\rfloor + 1 .$$", False,
    lambda: all(conv_out(i, k, s, p, d) == (i + 2 * p - d * (k - 1)) // s + 1 for (i, k, s, p, d) in _cfgs13))
rec(F, 25, r"$O = (16 + 4 - 4) + 1 = 17$", True, lambda: (16 + 2 * 2 - 2 * (3 - 1)) // 1 + 1 == 17 == (16 + 4 - 4) + 1)
rec(F, 26, r"$17\cdot 17\cdot 128 = 36\,992$", True, lambda: 17 * 17 * 128 == 36992)
rec(F, 29, r"$(5\cdot5\cdot3 + 1)\cdot 32 = 76\cdot 32 = 2\,432$", True,
    lambda: np.zeros((32, 3, 5, 5)).size + 32 == 2432 and 5 * 5 * 3 + 1 == 76 and 76 * 32 == 2432)
rec(F, 31, r"$(3\cdot3\cdot32 + 1)\cdot 64 = 289\cdot 64 = 18\,496$", True,
    lambda: np.zeros((64, 32, 3, 3)).size + 64 == 18496 and 289 * 64 == 18496)
rec(F, 32, r"$(3\cdot3\cdot64 + 1)\cdot 128 = 577\cdot128 = 73\,856$", True,
    lambda: np.zeros((128, 64, 3, 3)).size + 128 == 73856 and 577 * 128 == 73856)
rec(F, 33, r"$36\,992\cdot 10 + 10 = 369\,930$", True, lambda: 36992 * 10 + 10 == 369930)
rec(F, 35, r"$2\,432 + 18\,496 + 73\,856 + 369\,930 = 464\,714$", True, lambda: 2432 + 18496 + 73856 + 369930 == 464714)
rec(F, 35, r"quasi l'80% nello strato completamente connesso", True, lambda: 0.78 < 369930 / 464714 < 0.80)
rec(F, 37, r"$r_\ell = r_{\ell-1} + (K^{\text{eff}}_\ell - 1)\,j_{\ell-1}$, $j_\ell = j_{\ell-1}S_\ell$", True,
    lambda: all(_rf13(L) == (lambda r, j: [(r := r + (d * (k - 1)) * j, j := j * s) for (k, s, p, d) in L][-1][0])(1, 1)
                for L in ([(3, 2, 1, 1), (3, 1, 1, 2)], [(5, 1, 2, 1), (2, 2, 0, 1), (3, 2, 1, 1)], [(3, 3, 0, 2), (2, 2, 0, 1), (5, 1, 0, 3)])))
rec(F, 38, r"r_4 = 10 + 4\cdot 4 = 26,$$", True,
    lambda: [1 + 4, 5 + 1, 6 + 2 * 2, 10 + 4 * 4] == [5, 6, 10, 26] and
    _rf13([(5, 1, 2, 1), (2, 2, 0, 1), (3, 2, 1, 1), (3, 1, 2, 2)]) == 26)
rec(F, 39, r"$K^{\text{eff}} = 2\cdot(3-1)+1 = 5$ e $j_3 = 1\cdot1\cdot2\cdot2 = 4$", True,
    lambda: 2 * (3 - 1) + 1 == 5 and 1 * 1 * 2 * 2 == 4)

# ======================================================= 14 conv parameters and FLOPs (Kaggle)
F = '14_conv_param_flops.ipynb'


def _naive_conv_macs(H, W, cin, cout, k, s, p, groups=1):
    """direct loop convolution on random data; returns (output, MAC count, reference output)."""
    x = RNG.normal(size=(cin, H, W))
    w = RNG.normal(size=(cout, cin // groups, k, k))
    xp = np.pad(x, ((0, 0), (p, p), (p, p)))
    Ho, Wo = conv_out(H, k, s, p), conv_out(W, k, s, p)
    out = np.zeros((cout, Ho, Wo))
    macs = 0
    cpg, opg = cin // groups, cout // groups
    for o in range(cout):
        g = o // opg
        for i in range(Ho):
            for j in range(Wo):
                acc = 0.0
                for c in range(cpg):
                    for a in range(k):
                        for b in range(k):
                            acc += w[o, c, a, b] * xp[g * cpg + c, i * s + a, j * s + b]
                            macs += 1
                out[o, i, j] = acc
    return macs, Ho, Wo


rec(F, (2, 4), r"$$\#\text{params} = K_h K_w C_{in} C_{out} + C_{out}", True,
    lambda: np.zeros((6, 4, 3, 3)).size + np.zeros(6).size == 3 * 3 * 4 * 6 + 6)
rec(F, (2, 6), r"$$\text{MACs} = K_h K_w C_{in}\cdot C_{out}\cdot H_{out} W_{out},$$", True,
    lambda: all((lambda m, ho, wo: m == k * k * ci * co * ho * wo)(*_naive_conv_macs(7, 6, ci, co, k, s, p))
                for (ci, co, k, s, p) in [(2, 3, 3, 1, 1), (3, 2, 2, 2, 0), (1, 2, 3, 2, 1)]))
rec(F, (4, 5), r"= \left\lfloor\frac{223}{2}\right\rfloor + 1 = 112", True,
    lambda: 224 + 2 * 3 - 7 == 223 and conv_out(224, 7, 2, 3) == 112)
rec(F, (4, 6), r"$7\cdot7\cdot3\cdot64 = 9{,}408$", True, lambda: 7 * 7 * 3 * 64 == 9408)
rec(F, (4, 7), r"$9{,}408\cdot 112\cdot 112 = 9{,}408\cdot 12{,}544 = 118{,}013{,}952\approx 118.0$ M", True,
    lambda: 112 * 112 == 12544 and 9408 * 12544 == 118013952 and rnd(118013952 / 1e6, '118.0'))
rec(F, (4, 7), r"about $236.0$ MFLOPs", True, lambda: rnd(2 * 118013952 / 1e6, '236.0'))
rec(F, (4, 9), r"Fewer than 10k weights, but more than a hundred million MACs", True, lambda: 9408 < 10000 and 118013952 > 1e8)
rec(F, (6, 3), r"(so $H_{out} = W_{out} = 56$)", True, lambda: conv_out(56, 3, 1, 1) == 56)
rec(F, (6, 5), r"$3\cdot3\cdot128\cdot128 = 147{,}456$ parameters and $147{,}456\cdot 3{,}136 = 462{,}422{,}016 \approx 462.4$ M MACs", True,
    lambda: 3 * 3 * 128 * 128 == 147456 and 56 * 56 == 3136 and 147456 * 3136 == 462422016 and rnd(462422016 / 1e6, '462.4'))
rec(F, (6, 8), r"$3\cdot3\cdot128 = 1{,}152$ parameters", True,
    lambda: 3 * 3 * 128 == 1152 and (lambda m, ho, wo: m == 3 * 3 * 1 * 4 * ho * wo)(*_naive_conv_macs(6, 6, 4, 4, 3, 1, 1, groups=4)))
rec(F, (6, 9), r"$128\cdot128 = 16{,}384$ parameters", True, lambda: 128 * 128 == 16384)
rec(F, (6, 10), r"total $17{,}536$ parameters and $17{,}536\cdot 3{,}136 = 54{,}992{,}896 \approx 55.0$ M MACs", True,
    lambda: 1152 + 16384 == 17536 and 17536 * 3136 == 54992896 and rnd(54992896 / 1e6, '55.0'))
rec(F, (6, 13), r"= \frac{1}{C_{out}} + \frac{1}{K^2} = \frac{1}{128} + \frac19 \approx 0.1189,$$", True,
    lambda: all(Fr(K * K * C + C * D, K * K * C * D) == Fr(1, D) + Fr(1, K * K) for K in (3, 5) for C in (16, 128) for D in (32, 128))
    and rnd(1 / 128 + 1 / 9, '0.1189') and eq(17536 / 147456, 1 / 128 + 1 / 9))
rec(F, (6, 14), r"about $8.4\times$ cheaper", True, lambda: rnd(147456 / 17536, '8.4') and rnd(462422016 / 54992896, '8.4'))
rec(F, (6, 16), r"$56\cdot56\cdot128 = 401{,}408$-dimensional map", True, lambda: 56 * 56 * 128 == 401408)
rec(F, (6, 16), r"$401{,}408^2\approx 1.61\times10^{11}$ weights", True, lambda: rnd(401408 ** 2 / 1e11, '1.61'))

# ======================================================= 15 pooling gradients (Portuguese homework)
F = '15_pooling_gradient.md'
_X15 = np.array([[1, 3, 2, 0], [4, 2, 1, 5], [0, 1, 3, 2], [2, 6, 1, 1]], float)
_G15 = np.array([[0.5, -1], [2, 0.25]])


def _pool15(X, op):
    return np.array([[op(X[2 * i:2 * i + 2, 2 * j:2 * j + 2]) for j in range(2)] for i in range(2)])


def _pool1d(x, k, s, op=np.max):
    return np.array([op(x[i:i + k]) for i in range(0, len(x) - k + 1, s)])


rec(F, 15, r"= \begin{bmatrix} 4 & 5\\ 6 & 3\end{bmatrix}.$$", True, lambda: close(_pool15(_X15, np.max), [[4, 5], [6, 3]]))
rec(F, 16, r"$\partial y/\partial x_k = 1$ se $x_k$ é o máximo e $0$ caso contrário", True,
    lambda: (lambda v: close(ngrad(np.max, v), np.eye(5)[int(np.argmax(v))]))(RNG.normal(size=5)))
rec(F, 16, r"(posições $(2,1)$, $(2,4)$, $(4,2)$ e $(3,3)$, contando a partir de 1)", True,
    lambda: sorted((2 * i + int(np.argmax(_X15[2 * i:2 * i + 2, 2 * j:2 * j + 2])) // 2 + 1,
                    2 * j + int(np.argmax(_X15[2 * i:2 * i + 2, 2 * j:2 * j + 2])) % 2 + 1) for i in range(2) for j in range(2))
    == sorted([(2, 1), (2, 4), (4, 2), (3, 3)]))
rec(F, 17, r"0 & 0 & 0 & 0\\ 0{,}5 & 0 & 0 & -1\\ 0 & 0 & 0{,}25 & 0\\ 0 & 2 & 0 & 0", True,
    lambda: close(ngrad(lambda t: (_G15 * _pool15(t, np.max)).sum(), _X15),
                  [[0, 0, 0, 0], [0.5, 0, 0, -1], [0, 0, 0.25, 0], [0, 2, 0, 0]]))
rec(F, 19, r"$\partial y/\partial x_k = \frac14$", True, lambda: close(ngrad(np.mean, RNG.normal(size=4)), [0.25] * 4))
rec(F, 20, r"$$Y = \begin{bmatrix} 2{,}5 & 2\\ 2{,}25 & 1{,}75\end{bmatrix}", True,
    lambda: close(_pool15(_X15, np.mean), [[2.5, 2], [2.25, 1.75]]))
rec(F, 20, r"0{,}125 & 0{,}125 & -0{,}25 & -0{,}25\\ 0{,}125 & 0{,}125 & -0{,}25 & -0{,}25\\ 0{,}5 & 0{,}5 & 0{,}0625", True,
    lambda: close(ngrad(lambda t: (_G15 * _pool15(t, np.mean)).sum(), _X15),
                  [[0.125, 0.125, -0.25, -0.25]] * 2 + [[0.5, 0.5, 0.0625, 0.0625]] * 2))
rec(F, 21, r"$0{,}5 - 1 + 2 + 0{,}25 = 1{,}75$", True,
    lambda: eq(_G15.sum(), 1.75) and eq(ngrad(lambda t: (_G15 * _pool15(t, np.max)).sum(), _X15).sum(), 1.75)
    and eq(ngrad(lambda t: (_G15 * _pool15(t, np.mean)).sum(), _X15).sum(), 1.75))
rec(F, 24, r"= \sum_{j\,:\,k\in\text{janela}_j} G_j\,\frac{\partial y_j}{\partial x_k}.$$", True,
    lambda: (lambda x, g: close(ngrad(lambda t: g @ _pool1d(t, 3, 1, np.max), x),
                                sum(g[j] * ngrad(lambda t: _pool1d(t, 3, 1, np.max)[j], x) for j in range(len(g)))))(
        RNG.normal(size=6), RNG.normal(size=4)))
_x15 = np.array([1, 2, 5, 0, 3], float)
rec(F, 25, r"As janelas são $(1, 2, 5)$ e $(5, 0, 3)$", True,
    lambda: [list(_x15[i:i + 3]) for i in range(0, 3, 2)] == [[1, 2, 5], [5, 0, 3]] and close(_pool1d(_x15, 3, 2), [5, 5]))
rec(F, 26, r"= (0;\ 0;\ 0{,}3 + 0{,}7;\ 0;\ 0) = (0;\ 0;\ 1;\ 0;\ 0).$$", True,
    lambda: close(ngrad(lambda t: np.array([0.3, 0.7]) @ _pool1d(t, 3, 2), _x15), [0, 0, 1, 0, 0]))

# ======================================================= 16 im2col sizes (Russian lecture notes)
F = '16_im2col_sizes.md'


def _im2col(x, K, S, P):
    N, C, H, W = x.shape
    Ho, Wo = (H + 2 * P - K) // S + 1, (W + 2 * P - K) // S + 1
    xp = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    cols = np.zeros((C * K * K, N * Ho * Wo))
    idx = 0
    for n in range(N):
        for i in range(Ho):
            for j in range(Wo):
                cols[:, idx] = xp[n, :, i * S:i * S + K, j * S:j * S + K].ravel()
                idx += 1
    return cols, Ho, Wo


def _direct_conv(x, w, S, P):
    N, C, H, W = x.shape
    Fn, _, K, _ = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    Ho, Wo = (H + 2 * P - K) // S + 1, (W + 2 * P - K) // S + 1
    y = np.zeros((N, Fn, Ho, Wo))
    for n in range(N):
        for f in range(Fn):
            for i in range(Ho):
                for j in range(Wo):
                    y[n, f, i, j] = (w[f] * xp[n, :, i * S:i * S + K, j * S:j * S + K]).sum()
    return y


_x16 = RNG.normal(size=(2, 2, 5, 5))
_w16 = RNG.normal(size=(3, 2, 3, 3))
_cols16, _ho16, _wo16 = _im2col(_x16, 3, 1, 1)
_G16 = RNG.normal(size=(3, _cols16.shape[1]))


def _y16_ok():
    Y = _w16.reshape(3, -1) @ _cols16
    y = Y.reshape(3, 2, _ho16, _wo16).transpose(1, 0, 2, 3)
    return Y.shape == (3, 2 * 5 * 5) and close(y, _direct_conv(_x16, _w16, 1, 1))


def _col2im_ok():
    # gradient of L = <G, W_row im2col(x)> with respect to x equals col2im(W_row^T G) (overlaps summed)
    Wr = _w16.reshape(3, -1)
    dcol = Wr.T @ _G16
    dx = np.zeros((2, 2, 7, 7))
    idx = 0
    for n in range(2):
        for i in range(_ho16):
            for j in range(_wo16):
                dx[n, :, i:i + 3, j:j + 3] += dcol[:, idx].reshape(2, 3, 3)
                idx += 1
    dx = dx[:, :, 1:-1, 1:-1]
    fd = ngrad(lambda t: (_G16 * (Wr @ _im2col(t, 3, 1, 1)[0])).sum(), _x16)
    return close(fd, dx, 1e-5)


rec(F, 10, r"$$H_{\text{out}} = \left\lfloor\frac{H + 2P - K}{S}\right\rfloor + 1,", True,
    lambda: all(conv_out(h, k, s, p) == (h + 2 * p - k) // s + 1 for h in (5, 9, 32) for k in (1, 3, 5) for s in (1, 2, 3)
                for p in (0, 1, 2)))
rec(F, 13, r"= \frac{32 + 4 - 5}{1} + 1 = 32 .$$", True, lambda: conv_out(32, 5, 1, 2) == 32)
rec(F, 15, r"$C\cdot K^2 = 3\cdot 25 = 75$", True, lambda: _im2col(np.zeros((1, 3, 6, 6)), 5, 1, 2)[0].shape[0] == 75)
rec(F, 15, r"$N\cdot H_{\text{out}}\cdot W_{\text{out}} = 8\cdot 32\cdot 32 = 8192$", True, lambda: 8 * 32 * 32 == 8192)
rec(F, 16, r"$$X_{\text{col}}\in\mathbb{R}^{75\times 8192}.$$", True,
    lambda: _cols16.shape == (2 * 9, 2 * 5 * 5) and (3 * 25, 8 * conv_out(32, 5, 1, 2) ** 2) == (75, 8192))
rec(F, 19, r"= \mathbb{R}^{16\times 75}.$$", True, lambda: np.zeros((16, 3, 5, 5)).reshape(16, -1).shape == (16, 75))
rec(F, 21, r"$Y = W_{\text{row}}X_{\text{col}}\in\mathbb{R}^{16\times 8192}$", True, _y16_ok)
rec(F, 21, r"$16\cdot 75\cdot 8192 = 9\,830\,400$", True, lambda: 16 * 75 * 8192 == 9830400)
rec(F, 23, r"$614\,400\cdot 4 = 2\,457\,600$ байт $\approx 2{,}34$ МиБ", True,
    lambda: 75 * 8192 == 614400 and 614400 * 4 == 2457600 and rnd(2457600 / 2 ** 20, '2,34'))
rec(F, 23, r"$8\cdot3\cdot32\cdot32 = 24\,576$", True, lambda: 8 * 3 * 32 * 32 == 24576)
rec(F, 23, r"$614\,400/24\,576 = 25 = K^2$", True, lambda: Fr(614400, 24576) == 25 == 5 ** 2)
rec(F, 23, r"каждый внутренний пиксель копируется в $K^2$ столбцов", True,
    lambda: (lambda c: all((c == v).sum() == 25 for v in np.arange(1, 82).reshape(9, 9)[2:7, 2:7].ravel())
             and (c == 1).sum() < 25 and (c == 0).sum() + sum((c == v).sum() for v in range(1, 82)) == c.size
             and eq(c.size / 81, 25))(
        _im2col(np.arange(1, 82, dtype=float).reshape(1, 1, 9, 9), 5, 1, 2)[0]))
rec(F, 28, r"= X_{\text{col}}\left(\frac{\partial L}{\partial Y}\right)^{\!\top}\in\mathbb{R}^{75\times 16},$$", False,
    lambda: (lambda fd, stated: fd.shape == stated.shape and close(fd, stated))(
        ngrad(lambda t: (_G16 * (t @ _cols16)).sum(), _w16.reshape(3, -1)), _cols16 @ _G16.T))
rec(F, 29, r"$16\times 3\times 5\times 5$ (всего $1200$ чисел)", True, lambda: 75 * 16 == 1200 == 16 * 3 * 5 * 5)
rec(F, 30, r"= W_{\text{row}}^{\top}\,\frac{\partial L}{\partial Y}\in\mathbb{R}^{75\times 8192}$$", True,
    lambda: close(ngrad(lambda t: (_G16 * (_w16.reshape(3, -1) @ t)).sum(), _cols16), _w16.reshape(3, -1).T @ _G16)
    and (np.zeros((16, 75)).T @ np.zeros((16, 8192))).shape == (75, 8192))
rec(F, 31, r"значения, попавшие в один и тот же пиксель из разных окон, **складываются**", True, _col2im_ok)
rec(F, 31, r"Градиент по смещениям — сумма $\partial L/\partial Y$ по столбцам, вектор длины $16$", True,
    lambda: close(ngrad(lambda b: (_G16 * (_w16.reshape(3, -1) @ _cols16 + b[:, None])).sum(), np.zeros(3)), _G16.sum(axis=1)))

# ======================================================= 17 transposed convolution sizes (Chinese, D2L style)
F = '17_transposed_conv_size.ipynb'


def _tconv(X, K, s=1, p=0, d=1, a=0):
    n, m = X.shape
    kh, kw = K.shape
    Hf, Wf = (n - 1) * s + d * (kh - 1) + 1, (m - 1) * s + d * (kw - 1) + 1
    Y = np.zeros((Hf + a, Wf + a))
    for i in range(n):
        for j in range(m):
            for u in range(kh):
                for v in range(kw):
                    Y[i * s + d * u, j * s + d * v] += X[i, j] * K[u, v]
    return Y[p:Y.shape[0] - p, p:Y.shape[1] - p]


def _conv2(x, K, s=1, p=0):
    xp = np.pad(x, p)
    k = K.shape[0]
    o = (xp.shape[0] - k) // s + 1
    return np.array([[(xp[i * s:i * s + k, j * s:j * s + k] * K).sum() for j in range(o)] for i in range(o)])


_X17 = np.array([[1., 2.], [3., 4.]])
_K17 = np.array([[1., 0.], [-1., 2.]])
rec(F, (2, 5), r"最后一个位置是 $(n_h-1)+(k_h-1)$", True, lambda: _tconv(np.ones((3, 4)), np.ones((2, 3))).shape == (3 - 1 + 2 - 1 + 1, 4 - 1 + 3 - 1 + 1))
rec(F, (2, 6), r"$$(n_h + k_h - 1) \times (n_w + k_w - 1).$$", True,
    lambda: all(_tconv(np.ones((n, m)), np.ones((k, l))).shape == (n + k - 1, m + l - 1) for n in (1, 2, 5) for m in (2, 3) for k in (1, 2, 3) for l in (2, 4)))
rec(F, (4, 3), r"该处的值为 $2 - 2 + 0 + 4 = 4$", True,
    lambda: [_X17[0, 0] * _K17[1, 1], _X17[0, 1] * _K17[1, 0], _X17[1, 0] * _K17[0, 1], _X17[1, 1] * _K17[0, 0]] == [2, -2, 0, 4]
    and eq(_tconv(_X17, _K17)[1, 1], 4))
rec(F, (4, 4), r"$$Y = \begin{bmatrix}1 & 2 & 0\\ 2 & 4 & 4\\ -3 & 2 & 8\end{bmatrix}.$$", True,
    lambda: close(_tconv(_X17, _K17), [[1, 2, 0], [2, 4, 4], [-3, 2, 8]]))
rec(F, (6, 3), r"因此输出的高为 $(n_h-1)s + k_h$", True,
    lambda: all(_tconv(np.ones((n, n)), np.ones((k, k)), s).shape[0] == (n - 1) * s + k for n in (1, 3, 4) for k in (1, 2, 3) for s in (1, 2, 3)))
rec(F, (6, 4), r"$$o_h = (n_h - 1)\,s - 2p + d\,(k_h - 1) + a + 1 .$$", True,
    lambda: all(_tconv(np.ones((n, n)), np.ones((k, k)), s, p, d, a).shape[0] == (n - 1) * s - 2 * p + d * (k - 1) + a + 1
                for n in (2, 4) for k in (2, 3) for s in (1, 2) for p in (0, 1) for d in (1, 2) for a in (0, 1) if a < s))
rec(F, (6, 5), r"$o_h = 1\cdot 2 + 2 = 4$", True, lambda: _tconv(_X17, _K17, 2).shape == (4, 4) and 1 * 2 + 2 == 4)
rec(F, (6, 6), r"\begin{bmatrix}1 & 0 & 2 & 0\\ -1 & 2 & -2 & 4\\ 3 & 0 & 4 & 0\\ -3 & 6 & -4 & 8\end{bmatrix}", True,
    lambda: close(_tconv(_X17, _K17, 2), [[1, 0, 2, 0], [-1, 2, -2, 4], [3, 0, 4, 0], [-3, 6, -4, 8]]))
rec(F, (6, 10), r"$\lfloor(8+2-3)/2\rfloor + 1 = 4$", True, lambda: conv_out(8, 3, 2, 1) == 4)
rec(F, (6, 10), r"只能变回 $(4-1)\cdot 2 - 2 + 3 = 7$", True, lambda: _tconv(np.ones((4, 4)), np.ones((3, 3)), 2, 1).shape[0] == 7)
rec(F, (6, 10), r"同样得到 $\lfloor(7+2-3)/2\rfloor + 1 = 4$；因此需要设置 $a = 1$ 才能恢复为 $8$", True,
    lambda: conv_out(7, 3, 2, 1) == 4 and _tconv(np.ones((4, 4)), np.ones((3, 3)), 2, 1, 1, 1).shape[0] == 8)
rec(F, (6, 12), r"$o_h = 2(n_h - 1) - 2 + 4 = 2n_h$", True,
    lambda: all(_tconv(np.ones((n, n)), np.ones((4, 4)), 2, 1).shape[0] == 2 * n for n in (1, 3, 16)))
rec(F, (6, 14), r"则 $C$ 是 $4\times 16$ 的稀疏矩阵；对应的转置卷积就是 $x' = C^\top y'$", True,
    lambda: (lambda K: (lambda C: C.shape == (4, 16) and
                        all(close(C.T @ y.ravel(), _tconv(y.reshape(2, 2), K).ravel()) for y in RNG.normal(size=(3, 4)))
                        )(np.array([_conv2(e.reshape(4, 4), K).ravel() for e in np.eye(16)]).T))(RNG.normal(size=(3, 3))))

# ======================================================= 18 RNN BPTT (Murphy style)
F = '18_rnn_bptt.md'
_D18, _I18, _O18, _T18 = 3, 2, 2, 4


def _rnn18_setup():
    P = dict(Whh=RNG.normal(size=(_D18, _D18)) * 0.8, Wxh=RNG.normal(size=(_D18, _I18)), bh=RNG.normal(size=_D18) * 0.1,
             Who=RNG.normal(size=(_O18, _D18)), bo=RNG.normal(size=_O18) * 0.1)
    xs = RNG.normal(size=(_T18 + 1, _I18))
    ys = RNG.normal(size=(_T18 + 1, _O18))
    h0 = RNG.normal(size=_D18) * 0.5
    return P, xs, ys, h0


def _rnn18(P, xs, ys, h0, pert=None, record=False):
    pert = pert or {}
    h, L, hs, As = h0, 0.0, [h0], [None]
    for t in range(1, _T18 + 1):
        a = P['Whh'] @ h + P['Wxh'] @ xs[t] + P['bh'] + pert.get(('a', t), 0)
        h = np.tanh(a) + pert.get(('h', t), 0)
        o = P['Who'] @ h + P['bo']
        L += 0.5 * ((o - ys[t]) ** 2).sum()
        hs.append(h)
        As.append(a)
    return (L, hs, As) if record else L


def _rnn18_check(which):
    P, xs, ys, h0 = _rnn18_setup()
    L0, hs, As = _rnn18(P, xs, ys, h0, record=True)
    g = {t: ngrad(lambda e: _rnn18(P, xs, ys, h0, {('h', t): e}), np.zeros(_D18)) for t in range(1, _T18 + 1)}
    dl = {t: P['Who'] @ hs[t] + P['bo'] - ys[t] for t in range(1, _T18 + 1)}
    fp = {t: 1 - np.tanh(As[t]) ** 2 for t in range(1, _T18 + 1)}
    if which == 'jac':
        t = 2
        def step(hprev):
            return np.tanh(P['Whh'] @ hprev + P['Wxh'] @ xs[t] + P['bh'])
        return close(njac(step, hs[1]), np.diag(fp[t]) @ P['Whh'])
    if which == 'rec_stated':
        t = 2
        return close(g[t], P['Who'].T @ dl[t] + P['Whh'] @ np.diag(fp[t + 1]) @ g[t + 1], 1e-5)
    if which == 'gT':
        return close(g[_T18], P['Who'].T @ dl[_T18], 1e-5)
    delta = {t: ngrad(lambda e: _rnn18(P, xs, ys, h0, {('a', t): e}), np.zeros(_D18)) for t in range(1, _T18 + 1)}
    if which == 'delta':
        return all(close(delta[t], fp[t] * g[t], 1e-5) for t in range(1, _T18 + 1))
    if which == 'params':
        ok = close(ngrad(lambda W: _rnn18(dict(P, Whh=W), xs, ys, h0), P['Whh']),
                   sum(np.outer(delta[t], hs[t - 1]) for t in range(1, _T18 + 1)), 1e-5)
        ok &= close(ngrad(lambda W: _rnn18(dict(P, Wxh=W), xs, ys, h0), P['Wxh']),
                    sum(np.outer(delta[t], xs[t]) for t in range(1, _T18 + 1)), 1e-5)
        ok &= close(ngrad(lambda b: _rnn18(dict(P, bh=b), xs, ys, h0), P['bh']), sum(delta.values()), 1e-5)
        return ok
    if which == 'who':
        return close(ngrad(lambda W: _rnn18(dict(P, Who=W), xs, ys, h0), P['Who']),
                     sum(np.outer(dl[t], hs[t]) for t in range(1, _T18 + 1)), 1e-5)
    if which in ('prod', 'bound'):
        k, T = 1, _T18
        def roll(hk):
            h = hk
            for t in range(k + 1, T + 1):
                h = np.tanh(P['Whh'] @ h + P['Wxh'] @ xs[t] + P['bh'])
            return h
        J = njac(roll, hs[k])
        prod = np.eye(_D18)
        for t in range(k + 1, T + 1):
            prod = np.diag(fp[t]) @ P['Whh'] @ prod
        if which == 'prod':
            return close(J, prod, 1e-5)
        return np.linalg.norm(J, 2) <= (1.0 * np.linalg.norm(P['Whh'], 2)) ** (T - k) + 1e-9


rec(F, 10, r"= \operatorname{diag}\bigl(\varphi'(\boldsymbol{a}_t)\bigr)\,\mathbf{W}_{hh} \in\mathbb{R}^{D\times D}. \tag{15.28}", True,
    lambda: _rnn18_check('jac'))
rec(F, 13, r"+ \mathbf{W}_{hh}\operatorname{diag}\bigl(\varphi'(\boldsymbol{a}_{t+1})\bigr)\,\boldsymbol{g}_{t+1}, \tag{15.29}", False,
    lambda: _rnn18_check('rec_stated'))
rec(F, 14, r"initialized with $\boldsymbol{g}_T = \mathbf{W}_{ho}^\top\nabla_{\boldsymbol{o}_T}\ell_T$", True, lambda: _rnn18_check('gT'))
rec(F, 14, r"$\boldsymbol{\delta}_t = \nabla_{\boldsymbol{a}_t}\mathcal{L} = \varphi'(\boldsymbol{a}_t)\odot\boldsymbol{g}_t$", True,
    lambda: _rnn18_check('delta'))
rec(F, 15, r"\nabla_{\boldsymbol{b}_h}\mathcal{L} = \sum_{t=1}^{T}\boldsymbol{\delta}_t, \tag{15.30}", True, lambda: _rnn18_check('params'))
rec(F, 16, r"\bigl(\nabla_{\boldsymbol{o}_t}\ell_t\bigr)\boldsymbol{h}_t^\top. \tag{15.31}", True, lambda: _rnn18_check('who'))
rec(F, 19, r"= \prod_{t=k+1}^{T}\operatorname{diag}\bigl(\varphi'(\boldsymbol{a}_t)\bigr)\mathbf{W}_{hh}, \tag{15.32}", True,
    lambda: _rnn18_check('prod'))
rec(F, 20, r"$\gamma = 1$ for $\tanh$, $\gamma=\frac14$ for the logistic function", True,
    lambda: eq(max(1 - np.tanh(np.linspace(-5, 5, 10001)) ** 2), 1) and eq(max(sig(np.linspace(-5, 5, 10001)) * (1 - sig(np.linspace(-5, 5, 10001)))), 0.25))
rec(F, 21, r"\le \bigl(\gamma\,\|\mathbf{W}_{hh}\|_2\bigr)^{T-k}, \tag{15.33}", True, lambda: all(_rnn18_check('bound') for _ in range(5)))
_h18 = [0.0]
for _xv in (1.0, 0.5, -1.0):
    _h18.append(math.tanh(0.5 * _h18[-1] + _xv))
rec(F, 24, r"$h_1 = \tanh(1) \approx 0.7616$, $a_2 = 0.5\cdot 0.7616 + 0.5 \approx 0.8808$, $h_2 \approx 0.7068$", True,
    lambda: rnd(_h18[1], '0.7616') and rnd(0.5 * 0.7616 + 0.5, '0.8808') and rnd(0.5 * _h18[1] + 0.5, '0.8808') and rnd(_h18[2], '0.7068'))
rec(F, 24, r"$a_3 \approx -0.6466$ and $h_3 \approx -0.5694$", True,
    lambda: rnd(0.5 * _h18[2] - 1, '-0.6466') and rnd(_h18[3], '-0.5694'))
rec(F, 24, r"$w(1-h_2^2) \approx 0.5\times 0.5004 \approx 0.2502$", True,
    lambda: rnd(1 - _h18[2] ** 2, '0.5004') and rnd(0.5 * (1 - _h18[2] ** 2), '0.2502') and rnd(0.5 * 0.5004, '0.2502'))
rec(F, 24, r"$w(1-h_3^2)\approx 0.5\times 0.6758 \approx 0.3379$", True,
    lambda: rnd(1 - _h18[3] ** 2, '0.6758') and rnd(0.5 * (1 - _h18[3] ** 2), '0.3379') and rnd(0.5 * 0.6758, '0.3379'))
rec(F, 25, r"\approx 0.2502\times 0.3379 \approx 0.0845 .$$", True,
    lambda: rnd(0.2502 * 0.3379, '0.0845') and
    rnd(d1(lambda h1: math.tanh(0.5 * math.tanh(0.5 * h1 + 0.5) - 1.0), _h18[1]), '0.0845'))
rec(F, 26, r"less than a tenth of the signal survives", True, lambda: 0.0845 < 0.1)

# ======================================================= 19 LSTM cell backward (Japanese blog)
F = '19_lstm_cell_derivative.md'


def _lstm19(cp, af, ai, ag, ao, pert=None):
    pert = pert or {}
    f = sig(af) + pert.get('f', 0)
    i = sig(ai) + pert.get('i', 0)
    g = np.tanh(ag) + pert.get('g', 0)
    o = sig(ao) + pert.get('o', 0)
    c = f * cp + i * g + pert.get('c', 0)
    h = o * np.tanh(c)
    return h, c, (f, i, g, o)


def _lstm19_check(which):
    D = 4
    cp, af, ai, ag, ao = (RNG.normal(size=D) for _ in range(5))
    wh, wc = RNG.normal(size=D), RNG.normal(size=D)   # dL/dh_t and the "next" gradient into c_t
    L = lambda pert=None, cp_=cp, a=(af, ai, ag, ao): (lambda h, c, _: wh @ h + wc @ c)(*_lstm19(cp_, *a, pert))
    h, c, (f, i, g, o) = _lstm19(cp, af, ai, ag, ao)
    dc = wh * o * (1 - np.tanh(c) ** 2) + wc
    z = np.zeros(D)
    if which == 'dc':
        return close(ngrad(lambda e: L({'c': e}), z), dc)
    if which == 'gates':
        return (close(ngrad(lambda e: L({'o': e}), z), wh * np.tanh(c)) and close(ngrad(lambda e: L({'f': e}), z), dc * cp)
                and close(ngrad(lambda e: L({'i': e}), z), dc * g) and close(ngrad(lambda e: L({'g': e}), z), dc * i)
                and close(ngrad(lambda t: L(cp_=t), cp), dc * f))
    if which == 'pre':
        return (close(ngrad(lambda t: L(a=(af, ai, ag, t)), ao), wh * np.tanh(c) * o * (1 - o)) and
                close(ngrad(lambda t: L(a=(t, ai, ag, ao)), af), dc * cp * f * (1 - f)) and
                close(ngrad(lambda t: L(a=(af, t, ag, ao)), ai), dc * g * i * (1 - i)) and
                close(ngrad(lambda t: L(a=(af, ai, t, ao)), ag), dc * i * (1 - g ** 2)))
    if which == 'jac':
        return close(njac(lambda t: _lstm19(t, af, ai, ag, ao)[1], cp), np.diag(f))
    if which == 'next':
        # two steps: the gradient reaching c_t from c_{t+1} is dc_{t+1} * f_{t+1}
        af2, ai2, ag2, ao2, v = (RNG.normal(size=D) for _ in range(5))
        def L2(ct):
            h2, c2, _ = _lstm19(ct, af2, ai2, ag2, ao2)
            return v @ h2
        f2, o2 = sig(af2), sig(ao2)
        c2 = f2 * c + sig(ai2) * np.tanh(ag2)
        dc2 = v * o2 * (1 - np.tanh(c2) ** 2)
        return close(ngrad(L2, c), dc2 * f2)


rec(F, 26, r"\delta c_t = \delta h_t \odot o_t \odot \bigl(1 - \tanh^2(c_t)\bigr) + \delta c_t^{\text{next}} .", True,
    lambda: _lstm19_check('dc'))
rec(F, 29, r"$\delta c_t^{\text{next}} = \delta c_{t+1}\odot f_{t+1}$", True, lambda: _lstm19_check('next'))
rec(F, 32, r"\delta o_t = \delta h_t \odot \tanh(c_t),\quad", True, lambda: _lstm19_check('gates'))
rec(F, 36, r"\delta c_{t-1} = \delta c_t \odot f_t .", True, lambda: _lstm19_check('gates'))
rec(F, 39, r"$\sigma' = \sigma(1-\sigma)$、$\tanh' = 1-\tanh^2$", True,
    lambda: forall(lambda x: eq(d1(sig, x), sig(x) * (1 - sig(x)), 1e-7) and eq(d1(np.tanh, x), 1 - np.tanh(x) ** 2, 1e-7)))
rec(F, 42, r"\delta a^o_t = \delta o_t \odot o_t(1-o_t),\quad", True, lambda: _lstm19_check('pre'))
rec(F, 45, r"\delta a^g_t = \delta g_t \odot (1-g_t^2).", True, lambda: _lstm19_check('pre'))
rec(F, 48, r"$\partial c_t/\partial c_{t-1} = \operatorname{diag}(f_t)$", True, lambda: _lstm19_check('jac'))
_h19, _c19, (_f19, _i19, _g19, _o19) = _lstm19(0.5, 1.0, -0.5, 0.3, 0.2)
_dc19 = _o19 * (1 - math.tanh(_c19) ** 2)
rec(F, 54, r"$f \approx 0.7311$、$i \approx 0.3775$、$g \approx 0.2913$、$o \approx 0.5498$", True,
    lambda: allrnd([_f19, _i19, _g19, _o19], ['0.7311', '0.3775', '0.2913', '0.5498']))
rec(F, 55, r"\approx 0.3655 + 0.1100 = 0.4755$", True,
    lambda: rnd(_f19 * 0.5, '0.3655') and rnd(_i19 * _g19, '0.1100') and rnd(0.3775 * 0.2913, '0.1100')
    and eq(0.3655 + 0.1100, 0.4755) and rnd(_c19, '0.4755'))
rec(F, 56, r"$\tanh(c_t) \approx 0.4426$、$h_t = o\tanh(c_t) \approx 0.2434$", True,
    lambda: rnd(math.tanh(_c19), '0.4426') and rnd(_h19, '0.2434'))
rec(F, 58, r"$1-\tanh^2(c_t) \approx 0.8041$", True, lambda: rnd(1 - math.tanh(_c19) ** 2, '0.8041'))
rec(F, 60, r"$$\delta c_t \approx 0.5498 \times 0.8041 \approx 0.4421,$$", True,
    lambda: rnd(0.5498 * 0.8041, '0.4421') and rnd(_dc19, '0.4421')
    and rnd(d1(lambda e: _lstm19(0.5, 1.0, -0.5, 0.3, 0.2, {'c': e})[0], 0.0), '0.4421'))
rec(F, 62, r"$\delta o \approx 0.4426$、$\delta f \approx 0.2211$、$\delta i \approx 0.1288$、$\delta g \approx 0.1669$、$\delta c_{t-1} \approx 0.3232$", True,
    lambda: allrnd([d1(lambda e: _lstm19(0.5, 1.0, -0.5, 0.3, 0.2, {k: e})[0], 0.0) for k in 'ofig']
                   + [d1(lambda t: _lstm19(t, 1.0, -0.5, 0.3, 0.2)[0], 0.5)],
                   ['0.4426', '0.2211', '0.1288', '0.1669', '0.3232']))
rec(F, 63, r"$\delta a^o \approx 0.1096$、$\delta a^f \approx 0.0435$、$\delta a^i \approx 0.0303$、$\delta a^g \approx 0.1527$", True,
    lambda: allrnd([d1(lambda t: _lstm19(0.5, 1.0, -0.5, 0.3, t)[0], 0.2), d1(lambda t: _lstm19(0.5, t, -0.5, 0.3, 0.2)[0], 1.0),
                    d1(lambda t: _lstm19(0.5, 1.0, t, 0.3, 0.2)[0], -0.5), d1(lambda t: _lstm19(0.5, 1.0, -0.5, t, 0.2)[0], 0.3)],
                   ['0.1096', '0.0435', '0.0303', '0.1527']))
rec(F, 65, r"$\sigma(1)^{10} \approx 0.0436$", True, lambda: rnd(sig(1) ** 10, '0.0436') and rnd(sig(1), '0.7311'))
rec(F, 65, r"$f = \sigma(3) \approx 0.9526$）なら $\sigma(3)^{10} \approx 0.6152$", True,
    lambda: rnd(sig(3), '0.9526') and rnd(sig(3) ** 10, '0.6152'))

# ======================================================= 20 attention scaling (Prince UDL style)
F = '20_attention_scaling.md'
_S20 = 200_000


def _qk20(D, sq=1.0, sk=1.0):
    q = RNG.normal(0, sq, (_S20, D))
    k = RNG.normal(0, sk, (_S20, D))
    return (q * k).sum(axis=1)


rec(F, 7, r"$\mathbb{E}[q_dk_d] = \mathbb{E}[q_d]\,\mathbb{E}[k_d] = 0$", True, lambda: abs(_qk20(1).mean()) < 0.01)
rec(F, 8, r"= \mathbb{E}[q_d^2]\,\mathbb{E}[k_d^2] = 1 .$$", True, lambda: abs(_qk20(1).var() - 1) < 0.02)
rec(F, 10, r"$$\mathrm{Var}\bigl[\mathbf{q}^T\mathbf{k}\bigr] = D_q,", True, lambda: abs(_qk20(16).var() / 16 - 1) < 0.02)
rec(F, 10, r"= \frac{D_q}{D_q} = 1 .$$", True, lambda: abs((_qk20(16) / 4).var() - 1) < 0.02)
rec(F, 11, r"the variance of the dot product is $D_q\sigma_q^2\sigma_k^2$", True,
    lambda: abs(_qk20(8, 0.5, 2.0).var() / (8 * 0.25 * 4.0) - 1) < 0.02)
rec(F, 11, r"for the common choice $D_q = 64$ it is $8$", True, lambda: eq(math.sqrt(64), 8) and abs(_qk20(64).std() / 8 - 1) < 0.01)
rec(F, 14, r"\frac{e^{-8}}{1+e^{-8}}\right] \approx [0.99966,\ 0.00034],$$", True,
    lambda: close(softmax([8.0, 0.0]), [1 / (1 + math.exp(-8)), math.exp(-8) / (1 + math.exp(-8))]) and
    allrnd(softmax([8.0, 0.0]), ['0.99966', '0.00034']))
rec(F, 15, r"$\mathbf{Softmax}[1, 0] \approx [0.7311,\ 0.2689]$", True, lambda: allrnd(softmax([1.0, 0.0]), ['0.7311', '0.2689']))
rec(F, 15, r"the derivative of the first output with respect to the first logit is $p(1-p)$", True,
    lambda: forall(lambda z: eq(d1(lambda t: softmax([t, 0.4])[0], z), softmax([z, 0.4])[0] * (1 - softmax([z, 0.4])[0]), 1e-7)))
rec(F, 15, r"approximately $0.00034$ in the first case and $0.1966$ in the second", True,
    lambda: rnd(sig(8) * (1 - sig(8)), '0.00034') and rnd(sig(1) * (1 - sig(1)), '0.1966'))
rec(F, 15, r"almost $600$ times smaller", True, lambda: 550 < (sig(1) * (1 - sig(1))) / (sig(8) * (1 - sig(8))) < 600)
rec(F, 17, r"the scaling does not change which key receives the most attention", True,
    lambda: all(np.argmax(softmax(z)) == np.argmax(softmax(z / 8)) for z in RNG.normal(size=(20, 6)) * 8))

rec(F, 20, r"= \sum_{d=1}^{D_q}\mathbb{E}[q_d^2]\,\mathbb{E}[k_d^2] = D_q\,\sigma_q^2\sigma_k^2 ,$$", True,
    lambda: abs(_qk20(6, 0.7, 1.5).var() / (6 * 0.49 * 2.25) - 1) < 0.02)
rec(F, 21, r"dividing the dot product by $\sqrt{D_q}\,\sigma_q\sigma_k$ would restore unit variance", True,
    lambda: abs((_qk20(6, 0.7, 1.5) / (math.sqrt(6) * 0.7 * 1.5)).var() - 1) < 0.02)
rec(F, 23, r"(Answer: $\sqrt{512}\approx 22.63$.)", True, lambda: rnd(math.sqrt(512), '22.63') and abs(_qk20(512).std() / math.sqrt(512) - 1) < 0.01)

# ======================================================= 21 softmax temperature (Korean Colab)
F = '21_softmax_temperature.ipynb'
_z21 = np.array([2.0, 1.0, 0.0])
_pT = lambda z, T: softmax(np.asarray(z, float) / T)
_H = lambda p: float(-(p * np.log(p)).sum())
rec(F, (2, 7), r"$T$가 크면 분포가 평평해지고 $T$가 작으면 뾰족해집니다", True,
    lambda: _H(_pT(_z21, 3.0)) > _H(_pT(_z21, 1.0)) > _H(_pT(_z21, 0.3)) and _pT(_z21, 0.3).max() > _pT(_z21, 3.0).max())
rec(F, (4, 7), r"$(0.8668,\ 0.1173,\ 0.0159)$ | $\approx 0.4411$", True,
    lambda: close(_z21 / 0.5, [4, 2, 0]) and allrnd(_pT(_z21, 0.5), ['0.8668', '0.1173', '0.0159']) and rnd(_H(_pT(_z21, 0.5)), '0.4411'))
rec(F, (4, 8), r"$(0.6652,\ 0.2447,\ 0.0900)$ | $\approx 0.8324$", True,
    lambda: allrnd(_pT(_z21, 1), ['0.6652', '0.2447', '0.0900']) and rnd(_H(_pT(_z21, 1)), '0.8324'))
rec(F, (4, 9), r"$(0.5065,\ 0.3072,\ 0.1863)$ | $\approx 1.0202$", True,
    lambda: close(_z21 / 2, [1, 0.5, 0]) and allrnd(_pT(_z21, 2), ['0.5065', '0.3072', '0.1863']) and rnd(_H(_pT(_z21, 2)), '1.0202'))
rec(F, (4, 11), r"엔트로피는 $T$가 커질수록 증가하고, 상한은 균등분포의 $\ln 3 \approx 1.0986$입니다", True,
    lambda: all(np.diff([_H(_pT(_z21, T)) for T in np.linspace(0.05, 50, 400)]) > 0) and rnd(math.log(3), '1.0986')
    and all(_H(_pT(_z21, T)) < math.log(3) for T in (1, 10, 1000)))
rec(F, (4, 11), r"$T\to 0^+$일 때 $p$는 $\arg\max$ 위치의 원-핫 벡터로", True,
    lambda: close(_pT(_z21, 0.01), [1, 0, 0]) and close(_pT(_z21, 1e5), [1 / 3] * 3, 1e-4))
rec(F, (4, 11), r"모든 로짓에 같은 상수를 더해도 $p$는 변하지 않습니다", True,
    lambda: all(close(_pT(_z21 + c, T), _pT(_z21, T)) for c in (-3.0, 7.5) for T in (0.5, 2.0)))
rec(F, (5, 3), r"$\partial p_i/\partial u_k = p_i(\delta_{ik} - p_k)$", True,
    lambda: (lambda u: close(njac(softmax, u), np.diag(softmax(u)) - np.outer(softmax(u), softmax(u))))(RNG.normal(size=4)))
rec(F, (5, 5), r"= p_i(\delta_{ij} - p_j).$$", False,
    lambda: (lambda z, T: close(njac(lambda t: _pT(t, T), z), np.diag(_pT(z, T)) - np.outer(_pT(z, T), _pT(z, T))))(RNG.normal(size=4), 2.0))
rec(F, (5, 9), r"= p_1(1 - p_1) \approx 0.5065 \times 0.4935 \approx 0.2500", True,
    lambda: rnd(1 - _pT(_z21, 2)[0], '0.4935') and rnd(0.5065 * 0.4935, '0.2500')
    and rnd(_pT(_z21, 2)[0] * (1 - _pT(_z21, 2)[0]), '0.2500'))
rec(F, (5, 9), r"= -p_1p_2 \approx -0.1556 .$$", True, lambda: rnd(-_pT(_z21, 2)[0] * _pT(_z21, 2)[1], '-0.1556'))


def _distil21():
    # own terms: with the Jacobian as stated (diag(p) - p p^T), dL/dz = -sum_j q_j/p_j * J_ji = p - q
    p = _pT(RNG.normal(size=4), 2.0)
    q = RNG.dirichlet(np.ones(4))
    J = np.diag(p) - np.outer(p, p)
    return close(-(q / p) @ J, p - q)


rec(F, (5, 13), r"$$\frac{\partial L}{\partial z_i} = p_i(T) - q_i .$$", True, _distil21)
rec(F, (5, 15), r"$\nabla_z L \approx (-0.1935,\ 0.1072,\ 0.0863)$", True,
    lambda: allrnd(_pT(_z21, 2) - np.array([0.7, 0.2, 0.1]), ['-0.1935', '0.1072', '0.0863']))

# ======================================================= 22 weight decay vs L2 (Polish homework)
F = '22_weight_decay_sgd.md'


def _adam_step(w, g, lr, b1=0.9, b2=0.999, eps=1e-8, m=0.0, v=0.0, t=1):
    m = b1 * m + (1 - b1) * g
    v = b2 * v + (1 - b2) * g * g
    mh, vh = m / (1 - b1 ** t), v / (1 - b2 ** t)
    return w - lr * mh / (np.sqrt(vh) + eps)


rec(F, 11, r"$\nabla\bigl(\frac{\lambda}{2}\sum_i w_i^2\bigr) = \lambda w$", True,
    lambda: (lambda w: close(ngrad(lambda t: 0.37 / 2 * (t ** 2).sum(), w), 0.37 * w))(RNG.normal(size=4)))
rec(F, 14, r"= (1-\eta\lambda)\,w - \eta\,\nabla L(w).$$", True,
    lambda: (lambda w, g, eta, lam: close(w - eta * (g + lam * w), (1 - eta * lam) * w - eta * g))(
        RNG.normal(size=3), RNG.normal(size=3), 0.3, 0.05))
rec(F, 17, r"$1-\eta\lambda = 1 - 0{,}1\cdot 0{,}01 = 0{,}999$", True, lambda: eq(1 - 0.1 * 0.01, 0.999))
rec(F, 18, r"\begin{pmatrix}1{,}998 - 0{,}05\\ -0{,}999 - 0{,}03\end{pmatrix} = \begin{pmatrix}1{,}948\\ -1{,}029\end{pmatrix}", True,
    lambda: close(0.999 * np.array([2.0, -1.0]), [1.998, -0.999]) and close(0.1 * np.array([0.5, 0.3]), [0.05, 0.03])
    and close(np.array([2.0, -1.0]) - 0.1 * (np.array([0.5, 0.3]) + 0.01 * np.array([2.0, -1.0])), [1.948, -1.029]))
rec(F, 20, r"$w_k = (1-\eta\lambda)^k w_0$", True,
    lambda: (lambda w0: close(__import__('functools').reduce(lambda w, _: w - 0.1 * 0.01 * w, range(50), w0), 0.999 ** 50 * w0))(
        np.array([2.0, -1.0])))
rec(F, 21, r"= \frac{\ln 2}{-\ln 0{,}999} \approx 692{,}8 .$$", True, lambda: rnd(math.log(2) / -math.log(0.999), '692,8'))
rec(F, 22, r"($0{,}999^{693}\approx 0{,}4999$)", True, lambda: rnd(0.999 ** 693, '0,4999') and 0.999 ** 693 < 0.5 < 0.999 ** 692)
rec(F, 22, r"$k\approx \ln 2/(\eta\lambda)\approx 693{,}1$", True, lambda: rnd(math.log(2) / 0.001, '693,1'))
rec(F, 24, r"$\hat m_1/\sqrt{\hat v_1} = g_1/|g_1| = \operatorname{sign}(g_1)$", True,
    lambda: all(eq((0.1 * g / 0.1) / math.sqrt(0.001 * g * g / 0.001), np.sign(g)) for g in (0.52, -3.0, 1e-3)))
rec(F, 25, r"$g_1 = 0{,}5 + 0{,}01\cdot 2{,}0 = 0{,}52$", True, lambda: eq(0.5 + 0.01 * 2.0, 0.52))
rec(F, 25, r"więc $w = 2{,}0 - 0{,}1 = 1{,}9$", True, lambda: abs(_adam_step(2.0, 0.52, 0.1) - 1.9) < 1e-6)
rec(F, 26, r"= 2{,}0 - 0{,}002 - 0{,}1 = 1{,}898$", True,
    lambda: abs(_adam_step(2.0, 0.5, 0.1) - 0.1 * 0.01 * 2.0 - 1.898) < 1e-6 and eq(0.1 * 0.01 * 2.0, 0.002))

# ======================================================= 23 momentum unrolled (Dutch lecture notes)
F = '23_momentum_unrolled.md'


def _mom23(gs, beta):
    v, out = 0.0, []
    for g in gs:
        v = beta * v + g
        out.append(v)
    return out


_g23 = RNG.normal(size=12)
rec(F, 14, r"v_1 &= g_1,\\", True, lambda: eq(_mom23(_g23, 0.7)[0], _g23[0]))
rec(F, 15, r"v_2 &= \beta g_1 + g_2,\\", True, lambda: eq(_mom23(_g23, 0.7)[1], 0.7 * _g23[0] + _g23[1]))
rec(F, 16, r"v_3 &= \beta^2 g_1 + \beta g_2 + g_3,", True, lambda: eq(_mom23(_g23, 0.7)[2], 0.49 * _g23[0] + 0.7 * _g23[1] + _g23[2]))
rec(F, 20, r"$$v_t = \sum_{k=1}^{t} \beta^{\,t-k}\, g_k .$$", True,
    lambda: all(eq(_mom23(_g23, b)[t - 1], sum(b ** (t - k) * _g23[k - 1] for k in range(1, t + 1))) for b in (0.5, 0.9) for t in range(1, 13)))
rec(F, 26, r"$$v_t = g\sum_{j=0}^{t-1}\beta^{j} = g\,\frac{1-\beta^{t+1}}{1-\beta}.$$", False,
    lambda: all(eq(_mom23([1.3] * t, b)[-1], 1.3 * sum(b ** j for j in range(t))) and
                eq(1.3 * sum(b ** j for j in range(t)), 1.3 * (1 - b ** (t + 1)) / (1 - b)) for b in (0.5, 0.9) for t in (1, 5, 10)))
rec(F, 27, r"$1 - 0{,}9^{11} \approx 1 - 0{,}3138 = 0{,}6862$, dus $v_{10} \approx 6{,}862\,g$", True,
    lambda: rnd(0.9 ** 11, '0,3138') and eq(1 - 0.3138, 0.6862) and rnd((1 - 0.9 ** 11) / 0.1, '6,862'))
rec(F, 30, r"$$v_\infty = \frac{g}{1-\beta} = 10\,g \quad(\beta = 0{,}9),$$", True,
    lambda: eq(_mom23([1.0] * 2000, 0.9)[-1], 10.0) and eq(1 / (1 - 0.9), 10))
rec(F, 31, r"een factor tien groter bij $\beta = 0{,}9$, een factor honderd bij $\beta = 0{,}99$", True,
    lambda: round(1 / (1 - 0.9)) == 10 and round(1 / (1 - 0.99)) == 100)
rec(F, 33, r"oftewel $1-\beta^{t+1}\ge 0{,}99$", True,
    lambda: all(eq((1 - b ** (t + 1)) / (1 - b) / (1 / (1 - b)), 1 - b ** (t + 1)) for b in (0.9,) for t in (3, 40)))
rec(F, 34, r"\approx 43{,}71 \iff t \ge 42{,}71,$$", True,
    lambda: rnd(math.log(0.01) / math.log(0.9), '43,71') and rnd(math.log(0.01) / math.log(0.9) - 1, '42,71'))
rec(F, 35, r"dus na $t = 43$ stappen", True,
    lambda: min(t for t in range(200) if 0.9 ** (t + 1) <= 0.01) == 43)
rec(F, 39, r"$m_t = (1-\beta)\,v_t$ voor alle $t$", True,
    lambda: (lambda b: all(eq(m, (1 - b) * v) for m, v in zip(
        __import__('itertools').accumulate(_g23, lambda m, g: b * m + (1 - b) * g, initial=0.0), [0.0] + _mom23(_g23, b))))(0.8))

# ======================================================= 24 Adam first steps (Kaggle)
F = '24_adam_first_steps.ipynb'
rec(F, (1, 5), r"The gradient is $g = f'(\theta) = 2(\theta - 3)$", True,
    lambda: forall(lambda t: eq(d1(lambda s: (s - 3) ** 2, t), 2 * (t - 3), 1e-7)))
rec(F, (2, 11), r"$\hat m_1 = \frac{(1-\beta_1)g_1}{1-\beta_1} = g_1$ and $\hat v_1 = g_1^2$", True,
    lambda: all(eq(((1 - 0.9) * g) / (1 - 0.9), g) and eq(((1 - 0.999) * g * g) / (1 - 0.999), g * g) for g in (-4.0, 0.003, 250.0)))
rec(F, (2, 11), r"$|\theta_1 - \theta_0| = \alpha$ no matter how large or small the gradient is", True,
    lambda: all(abs(abs(_adam_step(0.0, g, 0.1)) - 0.1) < 1e-5 for g in (-4.0, 0.003, 250.0)))
rec(F, (4, 3), r"$g_1 = 2(1-3) = -4$.", True, lambda: 2 * (1 - 3) == -4)
rec(F, (4, 4), r"$$m_1 = 0.1\times(-4) = -0.4,\qquad v_1 = 0.001\times 16 = 0.016,$$", True,
    lambda: eq((1 - 0.9) * -4, -0.4) and eq((1 - 0.999) * 16, 0.016))
rec(F, (4, 5), r"\hat v_1 = \frac{0.016}{0.001} = 16,\qquad \theta_1 = 1 - 0.1\cdot\frac{-4}{4} = 1.1 .$$", True,
    lambda: eq(-0.4 / 0.1, -4) and eq(0.016 / 0.001, 16) and abs(_adam_step(1.0, -4.0, 0.1) - 1.1) < 1e-8)
rec(F, (4, 9), r"$g_2 = 2(1.1 - 3) = -3.8$, and $g_2^2 = 14.44$", True, lambda: eq(2 * (1.1 - 3), -3.8) and eq(3.8 ** 2, 14.44))
rec(F, (4, 10), r"= -0.36 - 0.38 = -0.74,$$", True, lambda: eq(0.9 * -0.4 + 0.1 * -3.8, -0.74))
rec(F, (4, 11), r"= 0.015984 + 0.01444 = 0.029424 .$$", False,
    lambda: eq(0.999 * 0.016, 0.015984) and eq(0.001 * 14.44, 0.01444) and eq(0.015984 + 0.01444, 0.029424))
rec(F, (4, 12), r"$1-\beta_1^2 = 1 - 0.81 = 0.19$ and $1-\beta_2^2 = 1 - 0.998001 = 0.001999$", True,
    lambda: eq(0.9 ** 2, 0.81) and eq(0.999 ** 2, 0.998001) and eq(1 - 0.998001, 0.001999))
rec(F, (4, 13), r"\approx -3.8947,\qquad \hat v_2 = \frac{0.029424}{0.001999} \approx 14.7194,\qquad \sqrt{\hat v_2}\approx 3.8366", True,
    lambda: rnd(-0.74 / 0.19, '-3.8947') and rnd(0.029424 / 0.001999, '14.7194') and rnd(math.sqrt(0.029424 / 0.001999), '3.8366'))
rec(F, (4, 14), r"\approx 1.1 + 0.1015 = 1.2015 .$$", True,
    lambda: rnd(0.1 * 3.8947 / 3.8366, '0.1015') and rnd(1.1 + 0.1 * (0.74 / 0.19) / math.sqrt(0.029424 / 0.001999), '1.2015'))
rec(F, (4, 18), r"$g_3 = 2(1.2015 - 3) = -3.597$.", True, lambda: eq(2 * (1.2015 - 3), -3.597))
rec(F, (4, 19), r"= -0.666 - 0.3597 = -1.0257,$$", True, lambda: eq(0.9 * -0.74, -0.666) and eq(0.1 * -3.597, -0.3597) and eq(-0.666 - 0.3597, -1.0257))
rec(F, (4, 20), r"\approx 0.029395 + 0.012938 = 0.042333 .$$", True,
    lambda: rnd(0.999 * 0.029424, '0.029395') and rnd(0.001 * 3.597 ** 2, '0.012938') and eq(0.029395 + 0.012938, 0.042333))
rec(F, (4, 21), r"With $1 - 0.9^3 = 0.271$ and $1 - 0.999^3 \approx 0.002997$", True,
    lambda: eq(1 - 0.9 ** 3, 0.271) and rnd(1 - 0.999 ** 3, '0.002997'))
rec(F, (4, 22), r"\approx -3.7849,\qquad \hat v_3 \approx \frac{0.042333}{0.002997}\approx 14.1251,\qquad \sqrt{\hat v_3}\approx 3.7583", True,
    lambda: rnd(-1.0257 / 0.271, '-3.7849') and rnd(0.042333 / 0.002997, '14.1251') and rnd(math.sqrt(0.042333 / 0.002997), '3.7583'))
rec(F, (4, 23), r"\approx 1.2015 + 0.1007 = 1.3022 .$$", True,
    lambda: rnd(0.1 * 3.7849 / 3.7583, '0.1007') and eq(1.2015 + 0.1007, 1.3022))
rec(F, (4, 25), r"each of the first steps has size close to $\alpha = 0.1$", True,
    lambda: all(abs(s - 0.1) < 0.005 for s in (0.1, 0.1015, 0.1007)))

# ======================================================= 25 RMSProp by hand (Turkish exam)
F = '25_rmsprop_by_hand.md'


def _rms25(steps):
    th, s, out = np.array([1.0, 1.0]), np.zeros(2), []
    for _ in range(steps):
        g = np.array([2 * th[0], 20 * th[1]])
        s = 0.9 * s + 0.1 * g * g
        th = th - 0.01 * g / np.sqrt(s)
        out.append(dict(g=g, s=s, th=th.copy()))
    return out


_r25 = _rms25(2)
rec(F, 8, r"$g_t = \nabla f = (2x,\ 20y)$", True,
    lambda: (lambda p: close(ngrad(lambda v: v[0] ** 2 + 10 * v[1] ** 2, p), [2 * p[0], 20 * p[1]]))(RNG.normal(size=2)))
rec(F, 12, r"$g_1 = (2;\ 20)$, $g_1^2 = (4;\ 400)$", True, lambda: close(_r25[0]['g'], [2, 20]) and close(_r25[0]['g'] ** 2, [4, 400]))
rec(F, 13, r"= (0{,}4;\ 40), \qquad \sqrt{s_1} \approx (0{,}6325;\ 6{,}3246)", True,
    lambda: close(_r25[0]['s'], [0.4, 40]) and allrnd(np.sqrt(_r25[0]['s']), ['0,6325', '6,3246']))
rec(F, 14, r"$g_1/\sqrt{s_1} = 1/\sqrt{0{,}1} = \sqrt{10} \approx 3{,}1623$", True,
    lambda: close(_r25[0]['g'] / np.sqrt(_r25[0]['s']), [math.sqrt(10)] * 2) and eq(1 / math.sqrt(0.1), math.sqrt(10)) and rnd(math.sqrt(10), '3,1623'))
rec(F, 14, r"adım $\eta\sqrt{10}\approx 0{,}031623$", True, lambda: rnd(0.01 * math.sqrt(10), '0,031623'))
rec(F, 15, r"= (0{,}968377;\ 0{,}968377).$$", True, lambda: allrnd(_r25[0]['th'], ['0,968377', '0,968377']) and eq(1 - 0.031623, 0.968377))
rec(F, 17, r"\approx (1{,}936754;\ 19{,}36754)$", True,
    lambda: allrnd(_r25[1]['g'], ['1,936754', '19,36754']) and allrnd([2 * 0.968377, 20 * 0.968377], ['1,936754', '19,36754']))
rec(F, 17, r"$g_2^2 \approx (3{,}7510;\ 375{,}102)$", True,
    lambda: allrnd(_r25[1]['g'] ** 2, ['3,7510', '375,102']) and allrnd([1.936754 ** 2, 19.36754 ** 2], ['3,7510', '375,102']))
rec(F, 18, r"\approx (0{,}36 + 0{,}3751;\ 36 + 37{,}5102) = (0{,}7351;\ 73{,}5102),$$", True,
    lambda: allrnd(0.1 * _r25[1]['g'] ** 2, ['0,3751', '37,5102']) and allrnd(_r25[1]['s'], ['0,7351', '73,5102'])
    and eq(0.36 + 0.3751, 0.7351) and eq(36 + 37.5102, 73.5102))
rec(F, 19, r"$$\sqrt{s_2}\approx(0{,}8574;\ 8{,}5738), \qquad \frac{g_2}{\sqrt{s_2}} \approx (2{,}2589;\ 2{,}2589),$$", True,
    lambda: allrnd(np.sqrt(_r25[1]['s']), ['0,8574', '8,5738']) and allrnd(_r25[1]['g'] / np.sqrt(_r25[1]['s']), ['2,2589', '2,2589']))
rec(F, 20, r"\approx (0{,}9458;\ 0{,}9458).$$", True, lambda: allrnd(_r25[1]['th'], ['0,9458', '0,9458']))
rec(F, 22, r"$\theta_1 = (1 - 0{,}01\cdot 2;\ 1 - 0{,}01\cdot 20) = (0{,}98;\ 0{,}8)$", True,
    lambda: close(np.array([1.0, 1.0]) - 0.01 * np.array([2, 20]), [0.98, 0.8]))
rec(F, 22, r"$\eta > 0{,}1$ seçilirse $y$ yönünde $|1 - 20\eta| > 1$ olacağından iniş ıraksar", True,
    lambda: all(abs(1 - 20 * eta) > 1 for eta in (0.1001, 0.15, 0.5)) and abs(1 - 20 * 0.1) == 1 and all(abs(1 - 20 * e) < 1 for e in (0.01, 0.09)))


def _rms_ratio(G, rho=0.9):
    s, out = 0.0, []
    for g in G:
        s = rho * s + (1 - rho) * g * g
        out.append(g / math.sqrt(s))
    return np.array(out)


rec(F, 22, r"$g \mapsto c\,g$ yeniden ölçeklemesi altında $s\mapsto c^2 s$ olduğundan $g/\sqrt{s}$ değişmez", True,
    lambda: (lambda G: close(_rms_ratio(G), _rms_ratio(7.3 * G)))(RNG.normal(size=6)))
rec(F, 22, r"iki koordinat tam olarak aynı hızla ilerler", True, lambda: all(eq(r['th'][0], r['th'][1]) for r in _rms25(5)))

# ======================================================= 26 learning-rate schedules (Vietnamese Colab)
F = '26_lr_schedules.ipynb'
_step26 = lambda t: 0.1 * 0.5 ** (t // 10)
rec(F, (2, 6), r"- $t = 0,\dots,9$: $\eta_t = 0{,}1$;", True, lambda: all(eq(_step26(t), 0.1) for t in range(10)))
rec(F, (2, 7), r"- $t = 10,\dots,19$: $\eta_t = 0{,}05$;", True, lambda: all(eq(_step26(t), 0.05) for t in range(10, 20)))
rec(F, (2, 8), r"$\lfloor 25/10\rfloor = 2$ nên $\eta_{25} = 0{,}1\cdot 0{,}5^2 = 0{,}025$", True,
    lambda: 25 // 10 == 2 and eq(_step26(25), 0.025) and eq(0.1 * 0.5 ** 2, 0.025))
rec(F, (2, 13), r"$0{,}95^{10}\approx 0{,}5987$, nên $\eta_{10}\approx 0{,}05987$", True,
    lambda: rnd(0.95 ** 10, '0,5987') and rnd(0.1 * 0.95 ** 10, '0,05987'))
rec(F, (2, 14), r"$0{,}95^{50}\approx 0{,}07694$, nên $\eta_{50}\approx 0{,}007694$", True,
    lambda: rnd(0.95 ** 50, '0,07694') and rnd(0.1 * 0.95 ** 50, '0,007694'))
rec(F, (2, 16), r"\dfrac{\ln 0{,}5}{\ln 0{,}95}\approx 13{,}51$ epoch", True,
    lambda: rnd(math.log(0.5) / math.log(0.95), '13,51') and math.log(0.5) / math.log(0.95) > 10)
rec(F, (4, 5), r"$\eta_2 = 0{,}1\cdot\tfrac25 = 0{,}04$ và $\eta_5 = 0{,}1$", True, lambda: eq(0.1 * 2 / 5, 0.04) and eq(0.1 * 5 / 5, 0.1))


def _cos26_stated(t, emax=0.1, emin=0.001, T=100):
    return emin + (emax - emin) * (1 + math.cos(math.pi * t / T))


rec(F, (4, 10), r"$$\eta_t = \eta_{\min} + (\eta_{\max} - \eta_{\min})\Bigl(1 + \cos\frac{\pi t}{T}\Bigr).$$", False,
    lambda: eq(_cos26_stated(0), 0.1) and eq(_cos26_stated(100), 0.001)
    and all(0.001 - 1e-12 <= _cos26_stated(t) <= 0.1 + 1e-12 for t in range(101)))
rec(F, (4, 11), r"(nên $\eta_{\max}-\eta_{\min} = 0{,}099$)", True, lambda: eq(0.1 - 0.001, 0.099))
rec(F, (4, 12), r"$\cos(\pi/4)\approx 0{,}7071$, $\eta_{25}\approx 0{,}001 + 0{,}099\cdot 1{,}7071\approx 0{,}1700$", True,
    lambda: rnd(math.cos(math.pi / 4), '0,7071') and rnd(0.001 + 0.099 * 1.7071, '0,1700') and rnd(_cos26_stated(25), '0,1700'))
rec(F, (4, 13), r"$\cos(\pi/2) = 0$, $\eta_{50} = 0{,}001 + 0{,}099 = 0{,}1$", True,
    lambda: abs(math.cos(math.pi / 2)) < 1e-15 and eq(0.001 + 0.099, 0.1) and eq(_cos26_stated(50), 0.1))
rec(F, (4, 14), r"$\cos(3\pi/4)\approx -0{,}7071$, $\eta_{75}\approx 0{,}001 + 0{,}099\cdot 0{,}2929\approx 0{,}0300$", True,
    lambda: rnd(math.cos(3 * math.pi / 4), '-0,7071') and rnd(1 + math.cos(3 * math.pi / 4), '0,2929')
    and rnd(0.001 + 0.099 * 0.2929, '0,0300') and rnd(_cos26_stated(75), '0,0300'))
rec(F, (4, 15), r"$\cos\pi = -1$, $\eta_{100} = \eta_{\min} = 0{,}001$", True, lambda: eq(math.cos(math.pi), -1) and eq(_cos26_stated(100), 0.001))

# ======================================================= 27 logistic regression gradient / Hessian (Bishop style)
F = '27_logreg_grad_hessian.md'


def _lr27():
    N, M = 7, 3
    Phi = RNG.normal(size=(N, M))
    t = (RNG.random(N) < 0.5).astype(float)
    w = RNG.normal(size=M) * 0.5
    E = lambda w_: -np.sum(t * np.log(sig(Phi @ w_)) + (1 - t) * np.log(1 - sig(Phi @ w_)))
    return Phi, t, w, E


def _lr27_check(which):
    Phi, t, w, E = _lr27()
    y = sig(Phi @ w)
    R = np.diag(y * (1 - y))
    if which == 'lik':
        return eq(-np.log(np.prod(y ** t * (1 - y) ** (1 - t))), E(w))
    if which == 'term':
        n = 2
        En = lambda w_: -(t[n] * np.log(sig(Phi[n] @ w_)) + (1 - t[n]) * np.log(1 - sig(Phi[n] @ w_)))
        lhs = -(t[n] / y[n] - (1 - t[n]) / (1 - y[n])) * y[n] * (1 - y[n]) * Phi[n]
        return close(ngrad(En, w), lhs) and close(lhs, (y[n] - t[n]) * Phi[n])
    if which == 'grad':
        return close(ngrad(E, w), sum((y[n] - t[n]) * Phi[n] for n in range(len(t)))) and close(ngrad(E, w), Phi.T @ (y - t))
    if which == 'hess':
        H = njac(lambda w_: Phi.T @ (sig(Phi @ w_) - t), w)
        return close(H, sum(y[n] * (1 - y[n]) * np.outer(Phi[n], Phi[n]) for n in range(len(t)))) and close(H, Phi.T @ R @ Phi)
    if which == 'psd':
        u = RNG.normal(size=Phi.shape[1])
        return eq(u @ Phi.T @ R @ Phi @ u, np.sum(y * (1 - y) * (Phi @ u) ** 2)) and np.linalg.eigvalsh(Phi.T @ R @ Phi).min() > 0
    if which == 'irls':
        H = Phi.T @ R @ Phi
        z = Phi @ w - np.linalg.solve(R, y - t)
        return close(w - np.linalg.solve(H, Phi.T @ (y - t)), np.linalg.solve(H, Phi.T @ R @ z))


_P27 = np.array([[1, 0.5], [1, -1], [1, 2]])
_t27 = np.array([1.0, 0.0, 1.0])
_g27 = _P27.T @ (sig(_P27 @ np.zeros(2)) - _t27)
_H27 = _P27.T @ np.diag([0.25] * 3) @ _P27
rec(F, 4, r"$$p(\mathbf{t}|\mathbf{w}) = \prod_{n=1}^{N} y_n^{t_n}\{1-y_n\}^{1-t_n} \tag{4.89}$$", True, lambda: _lr27_check('lik'))
rec(F, 8, r"$$\frac{d\sigma}{da} = \sigma(1-\sigma). \tag{4.88}$$", True,
    lambda: forall(lambda a: eq(d1(sig, a), sig(a) * (1 - sig(a)), 1e-7)))
rec(F, 10, r"y_n(1-y_n)\,\boldsymbol{\phi}_n = (y_n - t_n)\,\boldsymbol{\phi}_n,$$", True, lambda: _lr27_check('term'))
rec(F, 12, r"= \boldsymbol{\Phi}^{\mathrm{T}}(\mathbf{y}-\mathbf{t}) \tag{4.91}$$", True, lambda: _lr27_check('grad'))
rec(F, 16, r"= \boldsymbol{\Phi}^{\mathrm{T}}\mathbf{R}\boldsymbol{\Phi} \tag{4.97}$$", True, lambda: _lr27_check('hess'))
rec(F, 19, r"(\mathbf{u}^{\mathrm{T}}\boldsymbol{\phi}_n)^2 \geqslant 0$", True, lambda: _lr27_check('psd'))
rec(F, 20, r"\qquad \mathbf{z} = \boldsymbol{\Phi}\mathbf{w}^{(\mathrm{old})} - \mathbf{R}^{-1}(\mathbf{y}-\mathbf{t}), \tag{4.99}$$", True,
    lambda: _lr27_check('irls'))
rec(F, 23, r"so that every $y_n = \frac12$ and $\mathbf{R} = \frac14\mathbf{I}$", True,
    lambda: close(sig(_P27 @ np.zeros(2)), [0.5] * 3) and eq(0.5 * 0.5, 0.25))
rec(F, 24, r"= \begin{pmatrix}-0.5\\-1.75\end{pmatrix}", True,
    lambda: close(_g27, [-0.5, -1.75]) and close((0.5 - _t27) * np.array([1, 1, 1]), [-0.5, 0.5, -0.5]))
rec(F, 24, r"= \begin{pmatrix}0.75 & 0.375\\ 0.375 & 1.3125\end{pmatrix}.$$", True,
    lambda: close(_H27, [[0.75, 0.375], [0.375, 1.3125]]) and close(_H27, njac(lambda w: _P27.T @ (sig(_P27 @ w) - _t27), np.zeros(2))))
rec(F, 25, r"$|\mathbf{H}| = 0.984375 - 0.140625 = 0.84375$", True,
    lambda: eq(0.75 * 1.3125, 0.984375) and eq(0.375 ** 2, 0.140625) and eq(np.linalg.det(_H27), 0.84375))
rec(F, 26, r"= \begin{pmatrix}0\\ 4/3\end{pmatrix},$$", True,
    lambda: close(-np.linalg.solve(_H27, _g27), [0, 4 / 3]) and
    close(-np.array([[1.3125, -0.375], [-0.375, 0.75]]) @ _g27 / 0.84375, [0, 4 / 3]))
rec(F, 27, r"$\mathbf{z} = -4(\mathbf{y}-\mathbf{t}) = (2, -2, 2)^{\mathrm{T}}$ gives the same result", True,
    lambda: close(-4 * (0.5 - _t27), [2, -2, 2]) and
    close(np.linalg.solve(_H27, _P27.T @ (0.25 * np.eye(3)) @ np.array([2, -2, 2.])), [0, 4 / 3]))

# ======================================================= 28 Newton step in 1-D (Czech homework)
F = '28_newton_1d.md'
_f28 = lambda x: math.cosh(x) - 2 * x


def _taylor28():
    f = lambda x: math.exp(0.3 * x) + x ** 2 - math.sin(x)
    xk = 0.7
    fp, fpp = d1(f, xk), d2(f, xk)
    q = lambda x: f(xk) + fp * (x - xk) + 0.5 * fpp * (x - xk) ** 2
    xs = np.linspace(xk - 3, xk + 3, 600001)
    return abs(xs[np.argmin([q(x) for x in xs])] - (xk - fp / fpp)) < 1e-4 and eq(d1(q, 1.3), fp + fpp * (1.3 - xk), 1e-7)


rec(F, 11, r"$q'(x) = f'(x_k) + f''(x_k)(x-x_k) = 0$", True, _taylor28)
rec(F, 12, r"$$x_{k+1} = x_k - \frac{f'(x_k)}{f''(x_k)} .$$", True, _taylor28)
rec(F, 13, r"Pro kvadratickou funkci je $q = f$ a Newtonova metoda najde minimum v jednom kroku.", True,
    lambda: (lambda f, x0: abs(d1(f, x0 - d1(f, x0) / d2(f, x0))) < 1e-5)(lambda x: 3 * x * x - 4 * x + 1, 5.0))
rec(F, 15, r"$(\cosh x)' = \sinh x$", True, lambda: forall(lambda x: eq(d1(math.cosh, x), math.sinh(x), 1e-7)))
rec(F, 16, r"$$f'(x) = \sinh x - 2, \qquad f''(x) = \sinh x .$$", False,
    lambda: forall(lambda x: eq(d1(_f28, x), math.sinh(x) - 2, 1e-7) and eq(d2(_f28, x), math.sinh(x), 1e-5)))
rec(F, 18, r"= \ln\bigl(2 + \sqrt{5}\bigr) \approx 1{,}4436 .$$", True,
    lambda: eq(math.asinh(2), math.log(2 + math.sqrt(5))) and rnd(math.asinh(2), '1,4436') and abs(d1(_f28, math.asinh(2))) < 1e-8)
rec(F, 20, r"= x_k - 1 + \frac{2}{\sinh x_k}.$$", True,
    lambda: forall(lambda x: eq(x - (math.sinh(x) - 2) / math.sinh(x), x - 1 + 2 / math.sinh(x)), rpts(7, 0.2, 3)))
_nt28 = lambda x: (math.sinh(x), math.sinh(x) - 2, (math.sinh(x) - 2) / math.sinh(x))
rec(F, 26, r"| 0 | $1$ | $1{,}1752$ | $-0{,}8248$ | $-0{,}7018$ |", True, lambda: allrnd(_nt28(1.0), ['1,1752', '-0,8248', '-0,7018']))
rec(F, 27, r"| 1 | $1{,}7018$ | $2{,}6507$ | $0{,}6507$ | $0{,}2455$ |", True, lambda: allrnd(_nt28(1.7018), ['2,6507', '0,6507', '0,2455']))
rec(F, 28, r"| 2 | $1{,}4563$ | $2{,}0285$ | $0{,}0285$ | $0{,}0140$ |", True, lambda: allrnd(_nt28(1.4563), ['2,0285', '0,0285', '0,0140']))
rec(F, 30, r"$x_1 \approx 1 + 0{,}7018 = 1{,}7018$, $x_2 \approx 1{,}7018 - 0{,}2455 = 1{,}4563$", True,
    lambda: rnd(1 - _nt28(1.0)[2], '1,7018') and rnd(1.7018 - _nt28(1.7018)[2], '1,4563') and eq(1.7018 - 0.2455, 1.4563))
rec(F, 30, r"$x_3 \approx 1{,}4563 - 0{,}0140 = 1{,}4423$", True,
    lambda: eq(1.4563 - 0.0140, 1.4423) and rnd(1.4563 - _nt28(1.4563)[2], '1,4423'))
rec(F, 30, r"$|x_3 - x^\ast| \approx 0{,}001$", True, lambda: rnd(abs(1.4563 - _nt28(1.4563)[2] - math.asinh(2)), '0,001'))
rec(F, 32, r"$x_1 = x_0 - \eta f'(x_0) = 1 - 0{,}5\cdot(-0{,}8248) = 1{,}4124$", True,
    lambda: eq(1 - 0.5 * -0.8248, 1.4124) and rnd(1 - 0.5 * d1(_f28, 1.0), '1,4124'))
rec(F, 32, r"se zde k minimu dostane blíž než první Newtonův krok, který přestřelí na $1{,}7018$", True,
    lambda: abs(1.4124 - math.asinh(2)) < abs(1.7018 - math.asinh(2)) and 1.7018 > math.asinh(2))

# ======================================================= 29 normal equations (MIT 6.036 style)
F = '29_normal_equations.md'
_W29 = np.array([[1., 1.], [2., 1.], [3., 1.]])
_T29 = np.array([2., 3., 5.])


def _ls29():
    W, T, th = RNG.normal(size=(6, 3)), RNG.normal(size=6), RNG.normal(size=3)
    return W, T, th, (lambda t: np.mean((W @ t - T) ** 2))


rec(F, 7, r"$$J(\theta) = \frac{1}{n}(W\theta - T)^T(W\theta - T).$$", True,
    lambda: (lambda W, T, th, J: eq(J(th), (W @ th - T) @ (W @ th - T) / 6))(*_ls29()))
rec(F, 9, r"$\nabla_\theta(\theta^TA\theta) = 2A\theta$ for symmetric $A$ and $\nabla_\theta(b^T\theta) = b$", True,
    lambda: (lambda A, b, th: close(ngrad(lambda t: t @ A @ t, th), 2 * A @ th) and close(ngrad(lambda t: b @ t, th), b))(
        (lambda M: M + M.T)(RNG.normal(size=(3, 3))), RNG.normal(size=3), RNG.normal(size=3)))
rec(F, 12, r"J(\theta) &= \frac1n\left(\theta^TW^TW\theta - 2\,T^TW\theta + T^TT\right),\\", True,
    lambda: (lambda W, T, th, J: eq(J(th), (th @ W.T @ W @ th - 2 * T @ W @ th + T @ T) / 6))(*_ls29()))
rec(F, 13, r"= \frac{2}{n}W^T(W\theta - T).", True,
    lambda: (lambda W, T, th, J: close(ngrad(J, th), 2 / 6 * (W.T @ W @ th - W.T @ T)) and
             close(2 / 6 * (W.T @ W @ th - W.T @ T), 2 / 6 * W.T @ (W @ th - T)))(*_ls29()))
rec(F, 16, r"The Hessian $\frac2n W^TW$ is positive semidefinite", True,
    lambda: (lambda W, T, th, J: close(njac(lambda t: 2 / 6 * W.T @ (W @ t - T), th), 2 / 6 * W.T @ W) and
             np.linalg.eigvalsh(W.T @ W).min() >= -1e-12)(*_ls29()))
rec(F, 17, r"$$\theta^* = (W^TW)^{-1}W^TT .$$", True,
    lambda: (lambda W, T, th, J: (lambda ts: close(ngrad(J, ts), 0, 1e-5))(np.linalg.inv(W.T @ W) @ W.T @ T))(*_ls29()))
rec(F, 18, r"$W^T(W\theta^* - T) = 0$", True,
    lambda: (lambda W, T, th, J: close(W.T @ (W @ np.linalg.solve(W.T @ W, W.T @ T) - T), 0))(*_ls29()))
rec(F, 21, r"W^TW = \begin{bmatrix}14 & 6\\ 6 & 3\end{bmatrix},\quad W^TT = \begin{bmatrix}23\\10\end{bmatrix}", True,
    lambda: close(_W29.T @ _W29, [[14, 6], [6, 3]]) and close(_W29.T @ _T29, [23, 10]))
rec(F, 22, r"$\det(W^TW) = 42 - 36 = 6$", True, lambda: eq(np.linalg.det(_W29.T @ _W29), 6) and 14 * 3 == 42)
rec(F, 23, r"= \frac16\begin{bmatrix}9\\2\end{bmatrix} = \begin{bmatrix}1.5\\ 0.3333\end{bmatrix}", True,
    lambda: close(np.array([[3, -6], [-6, 14]]) @ np.array([23, 10]), [9, 2]) and close(np.linalg.inv(_W29.T @ _W29) * 6, [[3, -6], [-6, 14]])
    and allrnd(np.linalg.solve(_W29.T @ _W29, _W29.T @ _T29), ['1.5', '0.3333']))
rec(F, 24, r"The predictions are $11/6, 10/3, 29/6$, the errors $W\theta^* - T = (-1/6,\ 1/3,\ -1/6)$", True,
    lambda: [Fr(3, 2) * x + Fr(1, 3) for x in (1, 2, 3)] == [Fr(11, 6), Fr(10, 3), Fr(29, 6)] and
    [Fr(11, 6) - 2, Fr(10, 3) - 3, Fr(29, 6) - 5] == [Fr(-1, 6), Fr(1, 3), Fr(-1, 6)])
rec(F, 24, r"= (-\tfrac16+\tfrac23-\tfrac12,\ -\tfrac16+\tfrac13-\tfrac16) = (0, 0)", True,
    lambda: Fr(-1, 6) + Fr(2, 3) - Fr(1, 2) == 0 and Fr(-1, 6) + Fr(1, 3) - Fr(1, 6) == 0 and
    [1 * Fr(-1, 6), 2 * Fr(1, 3), 3 * Fr(-1, 6)] == [Fr(-1, 6), Fr(2, 3), Fr(-1, 2)])
rec(F, 24, r"= \frac1{18}\approx 0.0556", True,
    lambda: Fr(1, 3) * (Fr(1, 36) + Fr(4, 36) + Fr(1, 36)) == Fr(1, 18) and rnd(1 / 18, '0.0556')
    and eq(np.mean((_W29 @ np.array([1.5, 1 / 3]) - _T29) ** 2), 1 / 18))
rec(F, 26, r"adds $2\lambda\theta$ to the gradient, and the solution becomes $\theta_{\text{ridge}} = (W^TW + n\lambda I)^{-1}W^TT$", True,
    lambda: (lambda W, T, th, J: close(ngrad(lambda t: J(t) + 0.2 * t @ t, np.linalg.solve(W.T @ W + 6 * 0.2 * np.eye(3), W.T @ T)), 0, 1e-5)
             and close(ngrad(lambda t: 0.2 * t @ t, th), 2 * 0.2 * th))(*_ls29()))
rec(F, 26, r"= 47.19 - 36 = 11.19$", True, lambda: eq(14.3 * 3.3, 47.19) and eq(np.linalg.det(_W29.T @ _W29 + 0.3 * np.eye(2)), 11.19))
rec(F, 27, r"= \frac{1}{11.19}\begin{bmatrix}15.9\\ 5\end{bmatrix} \approx \begin{bmatrix}1.4209\\ 0.4468\end{bmatrix}", True,
    lambda: eq(3.3 * 23 - 6 * 10, 15.9) and eq(-6 * 23 + 14.3 * 10, 5) and
    allrnd(np.linalg.solve(_W29.T @ _W29 + 0.3 * np.eye(2), _W29.T @ _T29), ['1.4209', '0.4468']))
rec(F, 28, r"the matrix $W^TW + n\lambda I$ is invertible for any $\lambda > 0$", True,
    lambda: (lambda W: all(np.linalg.eigvalsh(W.T @ W + 5 * lam * np.eye(4)).min() > 0 for lam in (1e-6, 0.1)))(RNG.normal(size=(2, 4))))

# ======================================================= 30 hinge / squared hinge (Persian handout)
F = '30_hinge_subgradient.md'
_hinge = lambda w, x, y: max(0.0, 1 - y * (w @ x))
_w30, _x30, _y30 = np.array([0.5, -0.5]), np.array([2.0, 1.0]), -1.0


def _subgrad30(region):
    x, y = RNG.normal(size=3), 1.0
    if region == 'lt':
        w = RNG.normal(size=3); w = w - ((y * w @ x) - 0.3) * x / (x @ x)      # margin 0.3
        return close(ngrad(lambda t: _hinge(t, x, y), w), -y * x)
    if region == 'gt':
        w = RNG.normal(size=3); w = w - ((y * w @ x) - 1.7) * x / (x @ x)      # margin 1.7
        return close(ngrad(lambda t: _hinge(t, x, y), w), 0 * x)
    w0 = RNG.normal(size=3); w0 = w0 - ((y * w0 @ x) - 1.0) * x / (x @ x)     # margin exactly 1
    W = w0 + RNG.normal(size=(400, 3))
    ok_in = all(all(_hinge(w, x, y) >= _hinge(w0, x, y) + (-a * y * x) @ (w - w0) - 1e-12 for w in W) for a in (0.0, 0.4, 1.0))
    bad_out = any(any(_hinge(w, x, y) < _hinge(w0, x, y) + (-a * y * x) @ (w - w0) - 1e-9 for w in W) for a in (1.3,)) and \
        any(any(_hinge(w, x, y) < _hinge(w0, x, y) + (-a * y * x) @ (w - w0) - 1e-9 for w in W) for a in (-0.3,))
    return ok_in and bad_out


rec(F, 8, r"این تابع در نقطهٔ $m = 1$ مشتق‌پذیر نیست، اما محدب است", True,
    lambda: (lambda x: all(_hinge(l * a + (1 - l) * b, x, 1.0) <= l * _hinge(a, x, 1.0) + (1 - l) * _hinge(b, x, 1.0) + 1e-12
                           for a, b in RNG.normal(size=(50, 2, 3)) for l in (0.3, 0.7)) and
             (lambda w0: abs((_hinge(w0 + 1e-6 * x / (x @ x), x, 1.0) - _hinge(w0, x, 1.0)) / 1e-6 -
                             (_hinge(w0, x, 1.0) - _hinge(w0 - 1e-6 * x / (x @ x), x, 1.0)) / 1e-6) > 0.5)(
                 (1.0 / (x @ x)) * x))(np.array([0.6, -1.2, 0.4])))
rec(F, 12, r"\{-y\,x\} & m < 1,\\", True, lambda: _subgrad30('lt'))
rec(F, 13, r"\{-\alpha\, y\,x \;:\; \alpha\in[0,1]\} & m = 1,\\", True, lambda: _subgrad30('eq'))
rec(F, 14, r"\{0\} & m > 1.", True, lambda: _subgrad30('gt'))
rec(F, 18, r"$$w \leftarrow w - \eta\bigl(\lambda w - \mathbb{1}[m<1]\; y\,x\bigr).$$", True,
    lambda: (lambda w, x: close(ngrad(lambda t: 0.01 / 2 * t @ t + _hinge(t, x, 1.0), w), 0.01 * w - 1.0 * x))(
        np.array([0.1, 0.0, 0.1]), np.array([0.5, 1.0, -0.2])))
rec(F, 23, r"$$w^\top x = 1 - 0.5 = 0.5, \qquad m = y\,w^\top x = -0.5 < 1, \qquad \ell = 1 - (-0.5) = 1.5 .$$", True,
    lambda: eq(_w30 @ _x30, 0.5) and eq(_y30 * (_w30 @ _x30), -0.5) and eq(_hinge(_w30, _x30, _y30), 1.5))
rec(F, 24, r"$-y\,x = (2,\ 1)$ است و $\lambda w = (0.005,\ -0.005)$", True, lambda: close(-_y30 * _x30, [2, 1]) and close(0.01 * _w30, [0.005, -0.005]))
rec(F, 25, r"- 0.1\,(2.005,\ 0.995) = (0.2995,\ -0.5995).$$", True,
    lambda: close(0.01 * _w30 - _y30 * _x30, [2.005, 0.995]) and close(_w30 - 0.1 * np.array([2.005, 0.995]), [0.2995, -0.5995]))
rec(F, 26, r"$w^\top x = 0.599 - 0.5995 = -0.0005$، پس $m = 0.0005$ و هزینه به $\ell \approx 0.9995$", True,
    lambda: eq(np.array([0.2995, -0.5995]) @ _x30, -0.0005) and eq(_y30 * -0.0005, 0.0005) and rnd(_hinge(np.array([0.2995, -0.5995]), _x30, _y30), '0.9995'))
rec(F, 32, r"$\partial m/\partial w = y\,x$", True,
    lambda: (lambda w, x: close(ngrad(lambda t: -1.0 * (t @ x), w), -1.0 * x))(RNG.normal(size=3), RNG.normal(size=3)))
rec(F, 33, r"$$\nabla \ell_2(w) = -2\max(0,\ 1-m)^2\; y\,x .$$", False,
    lambda: all(close(ngrad(lambda t: _hinge(t, x, y) ** 2, w), -2 * _hinge(w, x, y) ** 2 * y * x)
                for w, x, y in [(_w30, _x30, _y30), (np.array([0.2, 0.1]), np.array([1.0, -1.0]), 1.0)]))
rec(F, 34, r"در $m = 1$ هر دو طرف برابر صفر می‌شوند", True,
    lambda: eq(-2 * max(0, 1 - 1.0) ** 2, 0) and eq(-2 * max(0, 1 - 1.0), 0))
rec(F, 34, r"برای همان مثال بالا $1 - m = 1.5$ است", True, lambda: eq(1 - _y30 * (_w30 @ _x30), 1.5))
rec(F, 35, r"= 4.5\,(2,\ 1) = (9,\ 4.5),$$", True,
    lambda: eq(-2 * 1.5 ** 2 * -1, 4.5) and close(4.5 * np.array([2, 1]), [9, 4.5]))
rec(F, 36, r"$w = (0.5 - 0.9,\ -0.5 - 0.45) = (-0.4,\ -0.95)$", True,
    lambda: close(_w30 - 0.1 * np.array([9, 4.5]), [-0.4, -0.95]))

# ======================================================= 31 Huber loss (Finnish notebook)
F = '31_huber_loss.ipynb'


def _hub(r, d=1.0):
    r = np.asarray(r, float)
    return np.where(np.abs(r) <= d, 0.5 * r ** 2, d * (np.abs(r) - 0.5 * d))


_r31 = np.array([-2.5, -0.4, 0.8, 3.0])
_away = lambda d: np.array([p for p in rpts(12, -3 * d, 3 * d) if abs(abs(p) - d) > 1e-3])
rec(F, (2, 11), r"molemmat lausekkeet antavat arvon $\tfrac12\delta^2$", True,
    lambda: all(eq(0.5 * d * d, d * (d - 0.5 * d)) for d in (0.3, 1.0, 2.5)))
rec(F, (2, 19), r"r, & |r|\le\delta,\\", True,
    lambda: all(forall(lambda r: abs(r) > d or eq(d1(lambda t: float(_hub(t, d)), r), r, 1e-6), _away(d)) for d in (0.7, 1.5)))
rec(F, (2, 20), r"\delta\,\operatorname{sign}(r), & |r| > \delta,", True,
    lambda: all(forall(lambda r: abs(r) <= d or eq(d1(lambda t: float(_hub(t, d)), r), d * np.sign(r), 1e-6), _away(d)) for d in (0.7, 1.5)))
rec(F, (2, 22), r"L'_\delta(r) = \operatorname{clip}(r, -\delta, \delta).", True,
    lambda: all(forall(lambda r: eq(d1(lambda t: float(_hub(t, d)), r), np.clip(r, -d, d), 1e-6), _away(d)) for d in (0.7, 1.5)))
rec(F, (2, 24), r"Myös derivaatta on jatkuva kohdassa $|r|=\delta$", True,
    lambda: all(abs(d1(lambda t: float(_hub(t, d)), d - 1e-4, 1e-6) - d1(lambda t: float(_hub(t, d)), d + 1e-4, 1e-6)) < 1e-3 for d in (0.7, 1.5)))
rec(F, (2, 24), r"se on $1$ välillä $|r|<\delta$ ja $0$ sen ulkopuolella", True,
    lambda: eq(d2(lambda t: float(_hub(t, 1.0)), 0.3, 1e-3), 1, 1e-4) and abs(d2(lambda t: float(_hub(t, 1.0)), 2.0, 1e-3)) < 1e-4)
rec(F, (2, 24), r"Gradientin itseisarvo ei siis koskaan ylitä arvoa $\delta$", True,
    lambda: all(abs(d1(lambda t: float(_hub(t, 0.8)), r)) <= 0.8 + 1e-6 for r in np.linspace(-10, 10, 101)))
rec(F, (4, 6), r"$L = 1\cdot(2{,}5 - 0{,}5) = 2{,}0$", True, lambda: eq(_hub(-2.5), 2.0))
rec(F, (4, 7), r"$L = \tfrac12\cdot 0{,}16 = 0{,}08$", True, lambda: eq(0.4 ** 2, 0.16) and eq(_hub(-0.4), 0.08))
rec(F, (4, 8), r"$L = \tfrac12\cdot 0{,}64 = 0{,}32$", True, lambda: eq(0.8 ** 2, 0.64) and eq(_hub(0.8), 0.32))
rec(F, (4, 9), r"$L = 1\cdot(3{,}0 - 0{,}5) = 2{,}5$", True, lambda: eq(_hub(3.0), 2.5))
rec(F, (4, 11), r"= \frac{4{,}9}{4} = 1{,}225$", True, lambda: eq(_hub(_r31).sum(), 4.9) and eq(_hub(_r31).mean(), 1.225))
rec(F, (4, 11), r"$\frac14\operatorname{clip}(r,-1,1) = (-0{,}25;\ -0{,}1;\ 0{,}2;\ 0{,}25)$", True,
    lambda: close(ngrad(lambda t: _hub(t).mean(), _r31), [-0.25, -0.1, 0.2, 0.25]))
rec(F, (4, 13), r"$(3{,}125;\ 0{,}08;\ 0{,}32;\ 4{,}5)$, keskiarvon $8{,}025/4 \approx 2{,}006$", True,
    lambda: close(0.5 * _r31 ** 2, [3.125, 0.08, 0.32, 4.5]) and eq((0.5 * _r31 ** 2).sum(), 8.025) and rnd(8.025 / 4, '2,006'))
rec(F, (4, 13), r"$r/4 = (-0{,}625;\ -0{,}1;\ 0{,}2;\ 0{,}75)$: suurin jäännös vetää ennustetta kolme kertaa voimakkaammin", True,
    lambda: close(ngrad(lambda t: (0.5 * t ** 2).mean(), _r31), [-0.625, -0.1, 0.2, 0.75]) and eq(0.75 / 0.25, 3))
rec(F, (6, 4), r"\frac{dL^{\text{ps}}_\delta}{dr} = \frac{r}{\sqrt{1 + (r/\delta)^2}} .$$", True,
    lambda: all(forall(lambda r: eq(d1(lambda t: d * d * (math.sqrt(1 + (t / d) ** 2) - 1), r), r / math.sqrt(1 + (r / d) ** 2), 1e-6))
                for d in (0.5, 2.0)))
rec(F, (6, 5), r"$L^{\text{ps}} = \sqrt{10} - 1 \approx 2{,}1623$ (Huber: $2{,}5$)", True,
    lambda: eq(1 * (math.sqrt(1 + 9) - 1), math.sqrt(10) - 1) and rnd(math.sqrt(10) - 1, '2,1623') and eq(_hub(3.0), 2.5))
rec(F, (6, 5), r"derivaatta $3/\sqrt{10}\approx 0{,}9487$, joka lähestyy arvoa $\delta = 1$", True,
    lambda: rnd(3 / math.sqrt(10), '0,9487') and abs(1e6 / math.sqrt(1 + 1e12) - 1) < 1e-9)

# ======================================================= 32 KL between Bernoullis (Cross Validated)
F = '32_kl_bernoulli.md'
_kl = lambda p, q: float(sum(a * math.log(a / b) for a, b in zip(p, q) if a > 0))
_klb = lambda p, q: _kl([p, 1 - p], [q, 1 - q])
rec(F, 12, r"$$D_{KL}(P\,\|\,Q) = p\log\frac{p}{q} + (1-p)\log\frac{1-p}{1-q}.$$", True,
    lambda: all(eq(_klb(p, q), p * math.log(p / q) + (1 - p) * math.log((1 - p) / (1 - q))) for p, q in [(0.2, 0.6), (0.9, 0.35)]))
rec(F, 15, r"= 0.2\,(-1.0986) + 0.8\,(0.6931) \approx -0.2197 + 0.5545 = 0.3348\ \text{nats}.$$", True,
    lambda: rnd(math.log(0.2 / 0.6), '-1.0986') and rnd(math.log(0.8 / 0.4), '0.6931') and rnd(0.2 * math.log(1 / 3), '-0.2197')
    and rnd(0.8 * math.log(2), '0.5545') and eq(-0.2197 + 0.5545, 0.3348) and rnd(_klb(0.2, 0.6), '0.3348'))
rec(F, 17, r"= 0.6\ln\frac{0.6}{0.2} + 0.4\ln\frac{0.8}{0.4} = 0.6\ln 3 + 0.4\ln 2", False,
    lambda: eq(_klb(0.6, 0.2), 0.6 * math.log(0.6 / 0.2) + 0.4 * math.log(0.8 / 0.4)))
rec(F, 17, r"\approx 0.65917 + 0.27726 = 0.93643\ \text{nats}.$$", True,
    lambda: rnd(0.6 * math.log(3), '0.65917') and rnd(0.4 * math.log(2), '0.27726') and eq(0.65917 + 0.27726, 0.93643))
rec(F, 18, r"$0.3348/0.69315 \approx 0.4830$ bits and $0.93643/0.69315\approx 1.3510$ bits", True,
    lambda: rnd(math.log(2), '0.69315') and rnd(0.3348 / 0.69315, '0.4830') and rnd(0.93643 / 0.69315, '1.3510')
    and rnd(0.93643 / math.log(2), '1.3510'))
rec(F, 18, r"is almost three times $D_{KL}(P\|Q)$ here", True, lambda: 2.7 < 0.93643 / 0.3348 < 3.0)
_p32, _q32 = [0.5, 0.3, 0.2], [0.4, 0.4, 0.2]
rec(F, 21, r"\approx 0.1116 - 0.0863 + 0 = 0.0253\ \text{nats}.$$", True,
    lambda: rnd(0.5 * math.log(1.25), '0.1116') and rnd(0.3 * math.log(0.75), '-0.0863') and eq(0.1116 - 0.0863, 0.0253)
    and rnd(_kl(_p32, _q32), '0.0253') and eq(0.5 / 0.4, 1.25) and eq(0.3 / 0.4, 0.75))
rec(F, 23, r"= H(p) + D_{KL}(p\,\|\,q),$$", True,
    lambda: all(eq(-float(np.sum(p * np.log(q))), -float(np.sum(p * np.log(p))) + _kl(p, q))
                for p, q in [(RNG.dirichlet(np.ones(4)), RNG.dirichlet(np.ones(4))) for _ in range(3)]))
rec(F, 24, r"$H(p)\approx 1.030$, $D_{KL}\approx 0.025$, $H(p,q)\approx 1.055$", True,
    lambda: rnd(-sum(a * math.log(a) for a in _p32), '1.030') and rnd(_kl(_p32, _q32), '0.025')
    and rnd(-sum(a * math.log(b) for a, b in zip(_p32, _q32)), '1.055'))
rec(F, 26, r"$D_{KL}(P\|Q)\ge 0$ with equality iff $P = Q$", True,
    lambda: all(_kl(p, q) >= 0 for p, q in [(RNG.dirichlet(np.ones(3)), RNG.dirichlet(np.ones(3))) for _ in range(50)])
    and eq(_kl(_p32, _p32) + 1, 1))

# ======================================================= 33 entropy with numbers (blog)
F = '33_entropy_numbers.md'
_H2 = lambda p: float(-sum(x * math.log2(x) for x in p if x > 0))
rec(F, 15, r"since $\log_2 x = \ln x/\ln 2$, a value in bits times $\ln 2\approx 0.6931$ is the value in nats", True,
    lambda: forall(lambda x: eq(math.log2(x), math.log(x) / math.log(2)), rpts(5, 0.1, 9)) and rnd(math.log(2), '0.6931')
    and (lambda p: eq(_H2(p) * math.log(2), -float(np.sum(p * np.log(p)))))(RNG.dirichlet(np.ones(5))))
rec(F, 19, r"$H = -2\cdot\frac12\log_2\frac12 = 1$ bit", True, lambda: eq(_H2([0.5, 0.5]), 1))
rec(F, 21, r"\approx 0.9\cdot 0.1520 + 0.1\cdot 3.3219 \approx 0.1368 + 0.3322 = 0.4690 \text{ bits}.$$", True,
    lambda: rnd(-math.log2(0.9), '0.1520') and rnd(-math.log2(0.1), '3.3219') and rnd(0.9 * 0.1520, '0.1368')
    and rnd(0.1 * 3.3219, '0.3322') and eq(0.1368 + 0.3322, 0.4690) and rnd(_H2([0.9, 0.1]), '0.4690'))
rec(F, 25, r"$H = \log_2 4 = 2$ bits", True, lambda: eq(_H2([0.25] * 4), 2))
rec(F, 27, r"= 0.5 + 0.5 + 0.375 + 0.375 = 1.75 \text{ bits},$$", True,
    lambda: Fr(1, 2) * 1 + Fr(1, 4) * 2 + Fr(1, 8) * 3 * 2 == Fr(7, 4) and eq(_H2([0.5, 0.25, 0.125, 0.125]), 1.75))
rec(F, 29, r"or $1.75\ln 2\approx 1.2130$ nats", True, lambda: rnd(1.75 * math.log(2), '1.2130'))
rec(F, 29, r"has codeword lengths $1, 2, 3, 3$ equal to $-\log_2 p_i$", True,
    lambda: [len(c) for c in ('0', '10', '110', '111')] == [1, 2, 3, 3] == [round(-math.log2(p)) for p in (0.5, 0.25, 0.125, 0.125)]
    and not any(a != b and b.startswith(a) for a in ('0', '10', '110', '111') for b in ('0', '10', '110', '111')))
rec(F, 29, r"its expected length $\sum_i p_i\ell_i = 1.75$ bits", True, lambda: eq(0.5 * 1 + 0.25 * 2 + 0.125 * 3 * 2, 1.75))
rec(F, 35, r"\le \log_2\Bigl(\sum_i p_i\cdot\frac{1}{p_i}\Bigr) = \log_2 n,$$", True,
    lambda: all(_H2(p) <= math.log2(len(p)) + 1e-12 for p in [RNG.dirichlet(np.ones(n)) for n in (2, 3, 7) for _ in range(20)])
    and eq(_H2([1 / 7] * 7), math.log2(7)))
rec(F, 37, r"A fair die therefore has $\log_2 6\approx 2.5850$ bits", True, lambda: rnd(math.log2(6), '2.5850') and eq(_H2([1 / 6] * 6), math.log2(6)))
rec(F, 41, r"$-\log_2 p\approx(0.5146,\ 2.3219,\ 3.3219)$", True, lambda: allrnd([-math.log2(x) for x in (0.7, 0.2, 0.1)], ['0.5146', '2.3219', '3.3219']))
rec(F, 43, r"\approx 0.3602 + 0.4644 + 0.3322 = 1.1568 \text{ bits},$$", True,
    lambda: allrnd([0.7 * 0.5146, 0.2 * 2.3219, 0.1 * 3.3219], ['0.3602', '0.4644', '0.3322']) and eq(0.3602 + 0.4644 + 0.3322, 1.1568)
    and rnd(_H2([0.7, 0.2, 0.1]), '1.1568'))
rec(F, 45, r"the maximum $\log_2 3\approx 1.5850$ bits", True, lambda: rnd(math.log2(3), '1.5850'))

# ======================================================= 34 log-sum-exp (Oxford lecture notes)
F = '34_logsumexp.md'


def _lse(x):
    x = np.asarray(x, float)
    m = x.max()
    return float(m + np.log(np.exp(x - m).sum()))


_xs34 = [RNG.normal(size=5) * 3 for _ in range(5)]
rec(F, 11, r"= \log\bigl(e^{c}\sum_i e^{x_i - c}\bigr) = c + \log\sum_i e^{x_i - c}$", True,
    lambda: all(eq(math.log(np.exp(x).sum()), math.log(math.exp(c) * np.exp(x - c).sum())) and
                eq(math.log(np.exp(x).sum()), c + math.log(np.exp(x - c).sum())) for x in _xs34 for c in (-2.0, 0.7)))
rec(F, 13, r"so the sum lies in $[1, n]$", True,
    lambda: all(1 - 1e-12 <= np.exp(x - x.max()).sum() <= len(x) + 1e-12 and np.exp(x - x.max()).max() == 1 for x in _xs34))
rec(F, 15, r"$m \le \operatorname{LSE}(x) \le m + \log n$", True,
    lambda: all(x.max() <= _lse(x) <= x.max() + math.log(len(x)) for x in _xs34) and eq(_lse([3.0] * 4), 3 + math.log(4)))
rec(F, 22, r"= \operatorname{softmax}(x)_i =: p_i, \qquad \nabla^2\operatorname{LSE}(x) = \operatorname{diag}(p) - pp^{\top}.$$", True,
    lambda: all(close(ngrad(_lse, x), softmax(x)) and close(njac(lambda t: softmax(t), x), np.diag(softmax(x)) - np.outer(softmax(x), softmax(x)))
                for x in _xs34[:2]))
rec(F, 23, r"= \sum_i p_iv_i^2 - \bigl(\sum_i p_iv_i\bigr)^2$", True,
    lambda: all((lambda p, v: eq(v @ (np.diag(p) - np.outer(p, p)) @ v, (p * v * v).sum() - (p * v).sum() ** 2) and
                 (p * v * v).sum() - (p * v).sum() ** 2 >= 0)(softmax(x), RNG.normal(size=5)) for x in _xs34))
rec(F, 23, r"$\log p_i = x_i - \operatorname{LSE}(x)$", True, lambda: all(close(np.log(softmax(x)), x - _lse(x)) for x in _xs34))
rec(F, 25, r"the largest double is about $1.80\times10^{308}\approx e^{709.78}$", True,
    lambda: rnd(np.finfo(np.float64).max / 1e308, '1.80') and rnd(math.log(np.finfo(np.float64).max), '709.78') and 1000 > 709.79)
rec(F, 26, r"\approx 1002 + \log 1.5032 \approx 1002.4076 .$$", True,
    lambda: rnd(math.exp(-2) + math.exp(-1) + 1, '1.5032') and rnd(_lse([1000, 1001, 1002]), '1002.4076'))
rec(F, 27, r"$\log p \approx (-2.4076,\ -1.4076,\ -0.4076)$ and $p \approx (0.0900,\ 0.2447,\ 0.6652)$", True,
    lambda: allrnd(np.array([1000, 1001, 1002]) - _lse([1000, 1001, 1002]), ['-2.4076', '-1.4076', '-0.4076'])
    and allrnd(softmax([1000., 1001., 1002.]), ['0.0900', '0.2447', '0.6652']) and close(softmax([1000., 1001, 1002]), softmax([0., 1, 2])))
rec(F, 30, r"\approx -1000 + 0.3133 = -999.6867 .$$", True,
    lambda: rnd(math.log(1 + math.exp(-1)), '0.3133') and eq(-1000 + 0.3133, -999.6867) and rnd(_lse([-1000, -1001]), '-999.6867')
    and math.exp(-1000) == 0.0)
rec(F, 32, r"$\operatorname{LSE}(x + t\mathbf{1})$ is affine in $t$ with slope $1$", True,
    lambda: all(eq(_lse(x + t), _lse(x) + t) for x in _xs34 for t in (-3.0, 2.5)) and
    all(close((np.diag(softmax(x)) - np.outer(softmax(x), softmax(x))) @ np.ones(5), 0) for x in _xs34))

# ======================================================= 35 Gaussian NLL gradients (Colab)
F = '35_gaussian_nll.ipynb'
_nll35 = lambda y, mu, s: 0.5 * math.log(2 * math.pi) + math.log(s) + (y - mu) ** 2 / (2 * s * s)
_pts35 = [(RNG.normal(), RNG.normal(), RNG.uniform(0.3, 2.0)) for _ in range(5)]
rec(F, (2, 6), r"$$\ell(\mu,\sigma) = \tfrac12\log(2\pi) + \log\sigma + \frac{(y-\mu)^2}{2\sigma^2}.$$", True,
    lambda: all(eq(-math.log(math.exp(-(y - m) ** 2 / (2 * s * s)) / (math.sqrt(2 * math.pi) * s)), _nll35(y, m, s)) for y, m, s in _pts35))
rec(F, (2, 12), r"= \frac{2(y-\mu)\cdot(-1)}{2\sigma^2} = \frac{\mu - y}{\sigma^2}.$$", True,
    lambda: all(eq(d1(lambda t: _nll35(y, t, s), m), (m - y) / s ** 2, 1e-6) and eq(2 * (y - m) * -1 / (2 * s * s), (m - y) / s ** 2)
                for y, m, s in _pts35))
rec(F, (2, 16), r"$$\frac{\partial\ell}{\partial\sigma} = \frac{1}{\sigma} - \frac{(y-\mu)^2}{\sigma^2}.$$", False,
    lambda: all(eq(d1(lambda t: _nll35(y, m, t), s), 1 / s - (y - m) ** 2 / s ** 2, 1e-6) for y, m, s in _pts35))
rec(F, (4, 3), r"the residual is $y - \mu = 0.6$ and $(y-\mu)^2 = 0.36$", True, lambda: eq(2.0 - 1.4, 0.6) and eq(0.6 ** 2, 0.36))
rec(F, (4, 5), r"= 0.9189 - 0.6931 + 0.72 \approx 0.9458$", True,
    lambda: rnd(0.5 * math.log(2 * math.pi), '0.9189') and rnd(math.log(0.5), '-0.6931') and eq(0.36 / (2 * 0.25), 0.72)
    and rnd(_nll35(2.0, 1.4, 0.5), '0.9458'))
rec(F, (4, 6), r"$\partial\ell/\partial\mu = (1.4 - 2.0)/0.25 = -2.4$", True,
    lambda: eq((1.4 - 2.0) / 0.25, -2.4) and eq(d1(lambda t: _nll35(2.0, t, 0.5), 1.4), -2.4, 1e-6))
rec(F, (4, 7), r"= 2 - 1.44 = 0.56$", True, lambda: eq(1 / 0.5, 2) and eq(0.36 / 0.25, 1.44) and eq(2 - 1.44, 0.56))
rec(F, (4, 9), r"$\sigma^\ast = (y-\mu)^2 = 0.36$", True,
    lambda: all(eq(1 / r2 - r2 / r2 ** 2, 0) for r2 in (0.36, 1.7)) and eq(0.6 ** 2, 0.36))
rec(F, (4, 13), r"$\partial\sigma/\partial s = \sigma/2$", True, lambda: forall(lambda s: eq(d1(lambda t: math.exp(t / 2), s), math.exp(s / 2) / 2, 1e-7)))
rec(F, (4, 14), r"= \frac12\left(1 - \frac{(y-\mu)^2}{\sigma}\right).$$", True,
    lambda: all(eq(s / 2 * (1 / s - r * r / s ** 2), 0.5 * (1 - r * r / s)) for r, s in [(0.6, 0.5), (1.3, 2.2)]))
rec(F, (4, 15), r"$s = \log 0.25\approx -1.3863$ and $\partial\ell/\partial s = \frac12(1 - 0.72) = 0.14$", True,
    lambda: rnd(math.log(0.25), '-1.3863') and eq(0.36 / 0.5, 0.72) and eq(0.5 * (1 - 0.72), 0.14))
rec(F, (4, 20), r"$$\frac{\partial L}{\partial\mu_n} = \frac{\mu_n - y_n}{N\sigma_n^2}.$$", True,
    lambda: (lambda ys, mus, ss: close(ngrad(lambda m: np.mean([_nll35(a, b, c) for a, b, c in zip(ys, m, ss)]), mus),
                                       (mus - ys) / (len(ys) * ss ** 2)))(RNG.normal(size=4), RNG.normal(size=4), RNG.uniform(0.5, 2, 4)))

# ======================================================= 36 embedding gradient (D2L style)
F = '36_embedding_gradient.ipynb'
_idx36 = np.array([2, 0, 2, 4])
_G36 = np.array([[0.1, -0.2, 0.0], [0.3, 0.1, -0.1], [-0.4, 0.2, 0.5], [0.0, 0.0, 1.0]])
_E36 = RNG.normal(size=(5, 3))
_O36 = np.eye(5)[_idx36]
_dE36 = ngrad(lambda E: (_G36 * E[_idx36]).sum(), _E36)
rec(F, (3, 5), r"Then $\mathbf{x}_t = \mathbf{E}^\top \mathbf{o}_t$", True, lambda: all(close(_E36.T @ _O36[t], _E36[_idx36[t]]) for t in range(4)))
rec(F, (3, 6), r"$$\mathbf{X} = \mathbf{O}\mathbf{E}.$$", True, lambda: close(_O36 @ _E36, _E36[_idx36]))
rec(F, (3, 12), r"= \mathbf{O}^\top \mathbf{G}, \qquad\text{i.e.}\qquad \frac{\partial L}{\partial \mathbf{E}_v} = \sum_{t\,:\, i_t = v} \mathbf{g}_t .$$", True,
    lambda: close(_dE36, _O36.T @ _G36) and all(close(_dE36[v], sum((_G36[t] for t in range(4) if _idx36[t] == v), np.zeros(3))) for v in range(5)))
rec(F, (3, 13), r"rows of tokens that do not occur in the minibatch are exactly zero", True, lambda: close(_dE36[[1, 3]], 0))
rec(F, (3, 17), r"so token 2 appears twice", True, lambda: int((_idx36 == 2).sum()) == 2)
rec(F, (3, 20), r"0.3 & 0.1 & -0.1 \\ 0 & 0 & 0 \\ -0.4 & 0.2 & 0.5 \\ 0 & 0 & 0 \\ 0 & 0 & 1.0", False,
    lambda: close(_dE36, [[0.3, 0.1, -0.1], [0, 0, 0], [-0.4, 0.2, 0.5], [0, 0, 0], [0, 0, 1.0]]))
rec(F, (3, 21), r"Only rows 0, 2 and 4 are nonzero.", True, lambda: [v for v in range(5) if np.abs(_dE36[v]).max() > 1e-9] == [0, 2, 4])
rec(F, (3, 22), r"- 0.5\,(-0.4, 0.2, 0.5) = (0.4, -0.2, 0.15).$$", True,
    lambda: close(np.array([0.2, -0.1, 0.4]) - 0.5 * np.array([-0.4, 0.2, 0.5]), [0.4, -0.2, 0.15]))
rec(F, (5, 3), r"$\mathbf{E}$ has $25{,}600{,}000$ entries, so a dense float32 gradient occupies $102.4$ MB", True,
    lambda: 50000 * 512 == 25600000 and eq(25600000 * 4 / 1e6, 102.4))
rec(F, (5, 3), r"$4{,}096 \times 512 = 2{,}097{,}152$ entries, about $8.2\%$ of the matrix", True,
    lambda: 4096 * 512 == 2097152 and rnd(100 * 2097152 / 25600000, '8.2'))

# ======================================================= 37 residual block gradient (exam model answer)
F = '37_residual_gradient.md'
_W137 = np.array([[1.0, -1.0], [0.5, 2.0]])
_W237 = np.array([[0.1, 0.0], [-0.2, 0.3]])
_x37, _g37 = np.array([1.0, 0.5]), np.array([1.0, -1.0])
_F37 = lambda x, W1=_W137, W2=_W237: W2 @ np.maximum(W1 @ x, 0)


def _res37(which):
    d = 3
    Ws = [(RNG.normal(size=(d, d)) * 0.5, RNG.normal(size=(d, d)) * 0.5) for _ in range(3)]
    x0, gL = RNG.normal(size=d), RNG.normal(size=d)
    Fi = lambda i, x: Ws[i][1] @ np.tanh(Ws[i][0] @ x)
    if which == 'a':
        y = lambda x: x + Fi(0, x)
        JF = njac(lambda x: Fi(0, x), x0)
        return close(njac(y, x0), np.eye(d) + JF) and close(ngrad(lambda x: gL @ y(x), x0), gL + JF.T @ gL)
    def run(x, upto=3):
        xs = [x]
        for i in range(upto):
            xs.append(xs[-1] + Fi(i, xs[-1]))
        return xs
    if which == 'unroll':
        xs = run(x0)
        return close(xs[3], xs[0] + sum(Fi(i, xs[i]) for i in range(3)))
    S = lambda x: (lambda xs: sum(Fi(i, xs[i]) for i in range(3)))(run(x))
    lhs = ngrad(lambda x: gL @ run(x)[3], x0)
    return close(lhs, gL + njac(S, x0).T @ gL, 1e-5)


rec(F, 14, r"\frac{\partial y}{\partial x} = I + J_F, \qquad", True, lambda: _res37('a'))
rec(F, 14, r"= g + J_F^\top g .$$", True, lambda: _res37('a'))
rec(F, 17, r"gives $x_L = x_l + \sum_{i=l}^{L-1}F_i(x_i)$", True, lambda: _res37('unroll'))
rec(F, 18, r"\frac{\partial L}{\partial x_l} = \Bigl(I + \frac{\partial}{\partial x_l}\sum_{i=l}^{L-1}F_i(x_i)\Bigr)^{\!\top}", True,
    lambda: _res37('b'))
rec(F, 21, r"Plain chain: $0.9^{50}\approx 0.0052$, i.e. the gradient at the input is about $0.5\%$", True,
    lambda: rnd(0.9 ** 50, '0.0052') and rnd(100 * 0.9 ** 50, '0.5'))
rec(F, 21, r"between $0.99^{50}\approx 0.6050$ and $1.01^{50}\approx 1.6446$", True,
    lambda: rnd(0.99 ** 50, '0.6050') and rnd(1.01 ** 50, '1.6446') and
    all(0.99 ** 50 - 1e-12 <= np.prod(1 + RNG.uniform(-0.01, 0.01, 50)) <= 1.01 ** 50 + 1e-12 for _ in range(20)))
rec(F, 25, r"Forward: $W_1x = (0.5,\ 1.5)^\top$", True, lambda: close(_W137 @ _x37, [0.5, 1.5]))
rec(F, 25, r"$F(x) = W_2(0.5, 1.5)^\top = (0.05,\ 0.35)^\top$ and $y = (1.05,\ 0.85)^\top$", True,
    lambda: close(_F37(_x37), [0.05, 0.35]) and close(_x37 + _F37(_x37), [1.05, 0.85]))
rec(F, 27, r"$$J_F = W_2 D W_1 = \begin{bmatrix}0.1 & -0.1\\ -0.05 & 0.8\end{bmatrix}", True,
    lambda: close(njac(_F37, _x37), [[0.1, -0.1], [-0.05, 0.8]]) and close(_W237 @ _W137, [[0.1, -0.1], [-0.05, 0.8]]))
rec(F, 27, r"\frac{\partial y}{\partial x} = \begin{bmatrix}1.1 & -0.1\\ -0.05 & 1.8\end{bmatrix}.$$", True,
    lambda: close(njac(lambda x: x + _F37(x), _x37), [[1.1, -0.1], [-0.05, 1.8]]))
rec(F, 29, r"\begin{bmatrix}1\\ -1\end{bmatrix} = \begin{bmatrix}1.15\\ -1.9\end{bmatrix}.$$", True,
    lambda: close(ngrad(lambda x: _g37 @ (x + _F37(x)), _x37), [1.15, -1.9]) and
    close(np.array([[1.1, -0.05], [-0.1, 1.8]]) @ _g37, [1.15, -1.9]))
rec(F, 30, r"forgetting the transpose gives $(1.2,\ -1.85)$", True,
    lambda: close(np.array([[1.1, -0.1], [-0.05, 1.8]]) @ _g37, [1.2, -1.85]))

# ======================================================= 38 gradient clipping by norm (Kaggle)
F = '38_grad_clipping.ipynb'
_g38 = [np.array([3.0, -4.0]), np.array([12.0, 0.0, 0.0])]
_cat38 = np.concatenate(_g38)


def _clipg(gs, c):
    n = math.sqrt(sum(float((g ** 2).sum()) for g in gs))
    return [g * min(1.0, c / n) for g in gs]


_cos = lambda a, b: float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))
rec(F, (2, 4), r"$$\|g\| = \sqrt{\sum_{k=1}^{K}\|g_k\|_2^2}", True,
    lambda: (lambda gs: eq(np.linalg.norm(np.concatenate(gs)), math.sqrt(sum(np.linalg.norm(g) ** 2 for g in gs))))(
        [RNG.normal(size=n) for n in (2, 5, 3)]))
rec(F, (2, 5), r"the direction of the full gradient is preserved and only its length changes; after clipping, $\|g\| = \min(\|g\|, c)$", True,
    lambda: all((lambda gs: eq(_cos(np.concatenate(_clipg(gs, c)), np.concatenate(gs)), 1) and
                 eq(np.linalg.norm(np.concatenate(_clipg(gs, c))), min(np.linalg.norm(np.concatenate(gs)), c)))(
        [RNG.normal(size=n) * 3 for n in (2, 4)]) for c in (0.5, 1.0, 100.0)))
rec(F, (4, 5), r"$\|g_1\| = \sqrt{9 + 16} = 5$ and $\|g_2\| = 12$", True, lambda: eq(np.linalg.norm(_g38[0]), 5) and eq(np.linalg.norm(_g38[1]), 12))
rec(F, (4, 6), r"$\|g\| = \sqrt{25 + 144} = \sqrt{169} = 13 > 5$", True, lambda: eq(np.linalg.norm(_cat38), 13) and 25 + 144 == 169)
rec(F, (4, 7), r"$c/\|g\| = 5/13 \approx 0.3846$", True, lambda: rnd(5 / 13, '0.3846'))
rec(F, (4, 8), r"$g_1 \approx (1.1538,\ -1.5385)$ and $g_2 \approx (4.6154,\ 0,\ 0)$", True,
    lambda: allrnd(np.concatenate(_clipg(_g38, 5.0)), ['1.1538', '-1.5385', '4.6154', '0', '0']))
rec(F, (4, 8), r"with global norm exactly $13\cdot\frac{5}{13} = 5$", True, lambda: eq(np.linalg.norm(np.concatenate(_clipg(_g38, 5.0))), 5))
rec(F, (4, 10), r"the SGD step therefore has length $\eta c = 0.5$ instead of $1.3$", True,
    lambda: eq(0.1 * np.linalg.norm(np.concatenate(_clipg(_g38, 5.0))), 0.5) and eq(0.1 * 13, 1.3))
_pt38 = np.concatenate([g * min(1.0, 5.0 / np.linalg.norm(g)) for g in _g38])
rec(F, (4, 14), r"stays $(3,-4)$, while $g_2$ becomes $(5, 0, 0)$", True, lambda: close(_pt38, [3, -4, 5, 0, 0]))
rec(F, (4, 14), r"$\sqrt{25 + 25} = \sqrt{50}\approx 7.0711$", True, lambda: eq(np.linalg.norm(_pt38), math.sqrt(50)) and rnd(math.sqrt(50), '7.0711'))
rec(F, (4, 15), r"= \frac{85}{13\sqrt{50}} \approx 0.9247 .$$", True,
    lambda: eq(_pt38 @ _cat38, 85) and 9 + 16 + 60 == 85 and rnd(_cos(_pt38, _cat38), '0.9247'))
rec(F, (4, 17), r"gives $(1,-1)$ and $(1,0,0)$, norm $\sqrt3\approx 1.7321$", True,
    lambda: close(np.clip(_cat38, -1, 1), [1, -1, 1, 0, 0]) and rnd(np.linalg.norm(np.clip(_cat38, -1, 1)), '1.7321'))
rec(F, (4, 18), r"= \frac{19}{13\sqrt3} \approx 0.8438$$", True,
    lambda: eq(np.clip(_cat38, -1, 1) @ _cat38, 19) and rnd(_cos(np.clip(_cat38, -1, 1), _cat38), '0.8438'))

# ======================================================= 39 perplexity (blog)
F = '39_perplexity.md'
_p39 = [0.25, 0.5, 0.1, 0.8, 0.4]
rec(F, 17, r"$$\mathrm{PPL} = e^{H} = \Bigl(\prod_{i=1}^{N} p(w_i\mid w_{<i})\Bigr)^{-1/N},$$", True,
    lambda: (lambda p: eq(math.exp(-np.mean(np.log(p))), np.prod(p) ** (-1 / len(p))))(RNG.uniform(0.05, 1, 9)))
rec(F, 19, r"has $H = \ln V$ and $\mathrm{PPL} = V$", True,
    lambda: all(eq(-np.mean(np.log(np.full(7, 1 / V))), math.log(V)) and eq(math.exp(math.log(V)), V) for V in (10, 50000)))
rec(F, 19, r"a model that assigns $0.25$ to every correct token has perplexity exactly $4$", True,
    lambda: eq(math.exp(-math.log(0.25)), 4))
rec(F, 28, r"| $\ln p$ | $-1.3863$ | $-0.6931$ | $-2.3026$ | $-0.2231$ | $-0.9163$ |", True,
    lambda: allrnd([math.log(x) for x in _p39], ['-1.3863', '-0.6931', '-2.3026', '-0.2231', '-0.9163']))
rec(F, 32, r"\approx -1.3863 - 0.6931 - 2.3026 - 0.2231 - 0.9163 = -5.4215,$$", False,
    lambda: eq(-1.3863 - 0.6931 - 2.3026 - 0.2231 - 0.9163, -5.4215) and rnd(sum(math.log(x) for x in _p39), '-5.4215'))
rec(F, 36, r"$$H \approx \frac{5.4215}{5} = 1.0843 \text{ nats per token},$$", True, lambda: eq(5.4215 / 5, 1.0843))
rec(F, 40, r"$$\mathrm{PPL} = e^{1.0843} \approx 2.9574 .$$", True, lambda: rnd(math.exp(1.0843), '2.9574'))
rec(F, 44, r"$H_2 = 1.0843/\ln 2 \approx 1.5643$ bits per token, and $2^{H_2} = e^{H} \approx 2.9574$", True,
    lambda: rnd(1.0843 / math.log(2), '1.5643') and eq(2 ** (1.0843 / math.log(2)), math.exp(1.0843)) and rnd(math.exp(1.0843), '2.9574'))
rec(F, 44, r"perplexity does not depend on the base of the logarithm", True,
    lambda: (lambda p: eq(2 ** (-np.mean(np.log2(p))), math.exp(-np.mean(np.log(p)))) and
             eq(10 ** (-np.mean(np.log10(p))), math.exp(-np.mean(np.log(p)))))(RNG.uniform(0.05, 1, 6)))
rec(F, 48, r"multiplies perplexity by $e^{-\Delta}$; e.g. $\Delta = 0.1$ nats is a $1 - e^{-0.1}\approx 9.5\%$ reduction", True,
    lambda: eq(math.exp(1.3 - 0.1) / math.exp(1.3), math.exp(-0.1)) and rnd(100 * (1 - math.exp(-0.1)), '9.5'))

# ======================================================= 40 MLP parameter / FLOP count (homework notebook)
F = '40_mlp_param_count.ipynb'


def _fc_params(n_in, n_out):
    W, b = np.zeros((n_out, n_in)), np.zeros(n_out)
    return W.size + b.size


def _fc_macs(n_in, n_out):
    x, W = RNG.normal(size=n_in), RNG.normal(size=(n_out, n_in))
    count = 0
    for r in range(n_out):                # explicit dot products
        for c in range(n_in):
            count += 1
    return count if close(W @ x, [sum(W[r, c] * x[c] for c in range(n_in)) for r in range(n_out)]) else -1


rec(F, (2, 3), r"so it has $n_{\text{in}}n_{\text{out}} + n_{\text{out}}$ parameters", True,
    lambda: all(_fc_params(a, b) == a * b + b for a, b in [(3, 5), (784, 256), (128, 10)]))
rec(F, (2, 5), r"$784\cdot 256 + 256 = 200{,}704 + 256 = 200{,}960$", True, lambda: _fc_params(784, 256) == 200960 and 784 * 256 == 200704)
rec(F, (2, 6), r"$256\cdot 128 + 128 = 32{,}768 + 128 = 32{,}896$", True, lambda: _fc_params(256, 128) == 32896 and 256 * 128 == 32768)
rec(F, (2, 7), r"$128\cdot 10 + 128 = 1{,}280 + 128 = 1{,}408$", False, lambda: _fc_params(128, 10) == 1408)
rec(F, (2, 9), r"$200{,}960 + 32{,}896 + 1{,}408 = 235{,}264$ parameters", True, lambda: 200960 + 32896 + 1408 == 235264)
rec(F, (4, 1), r"so a layer costs $n_{\text{in}}n_{\text{out}}$ MACs", True, lambda: all(_fc_macs(a, b) == a * b for a, b in [(7, 3), (12, 5)]))
rec(F, (4, 2), r"= 200{,}704 + 32{,}768 + 1{,}280 = 234{,}752 \text{ MACs}.$$", True,
    lambda: 784 * 256 + 256 * 128 + 128 * 10 == 234752 and 128 * 10 == 1280)
rec(F, (4, 3), r"$2\cdot 234{,}752 = 469{,}504$ FLOPs per image", True, lambda: 2 * 234752 == 469504)
rec(F, (4, 3), r"$64\cdot 469{,}504 = 30{,}048{,}256\approx 30.0$ MFLOPs", True, lambda: 64 * 469504 == 30048256 and rnd(30048256 / 1e6, '30.0'))
rec(F, (4, 5), r"$235{,}264\cdot 4 = 941{,}056$ bytes, which is $941{,}056/2^{20}\approx 0.90$ MiB", True,
    lambda: 235264 * 4 == 941056 and rnd(941056 / 2 ** 20, '0.90'))
rec(F, (4, 7), r"$4\cdot 235{,}264 = 941{,}056$ floats, i.e. $941{,}056\cdot 4 = 3{,}764{,}224$ bytes $\approx 3.59$ MiB", True,
    lambda: 4 * 235264 == 941056 and 941056 * 4 == 3764224 and rnd(3764224 / 2 ** 20, '3.59'))


# ================================================================= runner
def _line(file, where):
    path = ROOT / file
    if file.endswith('.ipynb'):
        nb = json.loads(path.read_text(encoding='utf-8'))
        cell, line = where
        src = nb['cells'][cell - 1]['source']
        if isinstance(src, list):
            src = ''.join(src)
        return src.split('\n')[line - 1]
    return path.read_text(encoding='utf-8').split('\n')[where - 1]


def _key(where):
    return tuple(where) if isinstance(where, (tuple, list)) else (where,)


def _fmt(file, where):
    if where is None:
        return None
    if file.endswith('.ipynb'):
        return {'cell': where[0], 'line': where[1]}
    return where


def _check_notebook(path):
    errs = []
    try:
        nb = json.load(open(path, encoding='utf-8'))
    except Exception as exc:  # noqa: BLE001
        return [f'{path.name}: not valid JSON ({exc})']
    if nb.get('nbformat') != 4:
        errs.append(f'{path.name}: nbformat is not 4')
    if not isinstance(nb.get('metadata'), dict):
        errs.append(f'{path.name}: missing notebook metadata')
    cells = nb.get('cells')
    if not isinstance(cells, list) or not cells:
        return errs + [f'{path.name}: no cells']
    for i, c in enumerate(cells, 1):
        if c.get('cell_type') not in ('markdown', 'code', 'raw'):
            errs.append(f'{path.name} cell {i}: bad cell_type')
        if not isinstance(c.get('metadata'), dict):
            errs.append(f'{path.name} cell {i}: missing metadata')
        src = c.get('source')
        if not (isinstance(src, str) or (isinstance(src, list) and all(isinstance(s, str) for s in src))):
            errs.append(f'{path.name} cell {i}: bad source')
        if c.get('cell_type') == 'code':
            if c.get('outputs') != [] or 'execution_count' not in c or c['execution_count'] is not None:
                errs.append(f'{path.name} cell {i}: code cell must have outputs [] and execution_count null')
    return errs


def main():
    expected = json.loads((ROOT / 'expected.json').read_text(encoding='utf-8'))
    problems = []
    on_disk = sorted(p.name for p in ROOT.iterdir()
                     if p.suffix in ('.md', '.ipynb') and p.name != 'README.md')
    if sorted(expected) != on_disk:
        problems.append(f'expected.json keys {sorted(set(expected) ^ set(on_disk))} do not match files on disk')
    for name in on_disk:
        if name.endswith('.ipynb'):
            problems.extend(_check_notebook(ROOT / name))

    by_file = {}
    for r in RECORDS:
        by_file.setdefault(r[0], []).append(r)
    n_true = n_false = 0
    rows = []
    for name in on_disk:
        recs = sorted(by_file.get(name, []), key=lambda r: _key(r[1]))
        if not recs:
            problems.append(f'{name}: no records')
        first = None
        for file, where, snip, truth, check in recs:
            try:
                text = _line(file, where)
            except Exception as exc:  # noqa: BLE001
                problems.append(f'{file} @ {where}: cannot read line ({exc})')
                continue
            if snip not in text:
                problems.append(f'{file} @ {where}: snippet not found: {snip!r}\n      line: {text!r}')
                continue
            try:
                ok = bool(check())
            except Exception as exc:  # noqa: BLE001
                problems.append(f'{file} @ {where}: check raised {type(exc).__name__}: {exc}')
                continue
            n_true += ok
            n_false += (not ok)
            if ok != truth:
                problems.append(f'{file} @ {where}: check gave {ok}, record says {truth}: {snip!r}')
            if not ok and first is None:
                first = where
        observed = _fmt(name, first)
        exp = expected.get(name, 'MISSING')
        status = 'ok' if observed == exp else 'MISMATCH'
        if status != 'ok':
            problems.append(f'{name}: observed first wrong {observed}, expected {exp}')
        rows.append((name, len(recs), observed, status))

    for name, n, observed, status in rows:
        print(f'{name:40s} {n:3d} records  first wrong: {str(observed):28s} {status}')
    print(f'\n{len(RECORDS)} records over {len(rows)} files '
          f'({n_true} checks true, {n_false} false); '
          f'{sum(1 for v in expected.values() if v is None)} files expected correct, '
          f'{sum(1 for v in expected.values() if v is not None)} with a planted error.')
    if problems:
        print('\nPROBLEMS:')
        for p in problems:
            print('  - ' + p)
        sys.exit(1)
    print('All records agree with expected.json.')


if __name__ == '__main__':
    main()
