#!/usr/bin/env python3
"""Ground-truth verification of the corpus (NumPy only).

For every Markdown file we list the claims it makes (each claim is tied to
its source line by a substring occurring on exactly one line of the file) and
test each claim against an independent computation:
  * derivatives  -> central finite differences at random points,
  * identities   -> brute-force evaluation at random points,
  * worked numbers -> direct evaluation, tolerance = half a unit of the last
                      digit shown.
The first failing claim (smallest line number) is the file's first wrong line
(None if every claim holds).  It is compared with expected.json.
Exit status 0 iff every file agrees.
"""
import json
import os
import sys
from math import lgamma

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(20230523)

# ----------------------------------------------------------------- helpers
sig = lambda x: 1.0 / (1.0 + np.exp(-x))
softplus = lambda x: np.log1p(np.exp(x))


def num(s):
    """Parse a number as written (decimal comma allowed, unicode minus)."""
    s = str(s).replace('{,}', ',').replace('−', '-').replace(' ', '')
    return float(s.replace(',', '.'))


def ndec(s):
    s = str(s).replace('{,}', ',').replace('−', '-').strip()
    for sep in ('.', ','):
        if sep in s:
            return len(s.split(sep)[1])
    return 0


def R(value, shown):
    """True iff `value` rounds to the number `shown` (to the digits shown)."""
    tol = 0.5 * 10.0 ** (-ndec(shown))
    return abs(float(value) - num(shown)) <= tol * (1 + 1e-9) + 1e-12


def RV(values, shown_list):
    values = np.ravel(np.asarray(values, dtype=float))
    return len(values) == len(shown_list) and all(R(v, s) for v, s in zip(values, shown_list))


def close(a, b, rtol=1e-6, atol=1e-8):
    return np.allclose(np.asarray(a, float), np.asarray(b, float), rtol=rtol, atol=atol)


def fd(f, x, h=1e-6):
    """Central-difference gradient of a scalar function of an array (or float)."""
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    it = np.nditer(x, flags=['multi_index'])
    for _ in it:
        i = it.multi_index
        xp = x.copy(); xp[i] += h
        xm = x.copy(); xm[i] -= h
        g[i] = (f(xp) - f(xm)) / (2 * h)
    return g if g.shape else float(g)


def fdjac(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    cols = []
    for j in range(x.size):
        e = np.zeros_like(x); e.flat[j] = h
        cols.append((np.asarray(f(x + e)) - np.asarray(f(x - e))) / (2 * h))
    return np.stack(cols, axis=-1)


def for_random(test, _n=20, **ranges):
    """Run test(**point) at n random points; ranges: name=(lo, hi) or (lo, hi, shape)."""
    for _ in range(_n):
        pt = {}
        for k, r in ranges.items():
            shape = r[2] if len(r) > 2 else None
            pt[k] = RNG.uniform(r[0], r[1], size=shape)
        if not test(**pt):
            return False
    return True


CLAIMS = {}


def file_claims(name):
    lst = []
    CLAIMS[name] = lst

    def add(substr, fn, desc=''):
        lst.append((substr, fn, desc))
    return add


# =========================================================================
# 01  Mish derivative (blog, English)                               correct
# =========================================================================
c = file_claims('01_mish_derivative_blog.md')
mish = lambda x: x * np.tanh(softplus(x))
zeta = softplus
sech2 = lambda u: 1.0 / np.cosh(u) ** 2
omega = lambda x: np.exp(2 * x) + 2 * np.exp(x) + 2
dmish_box = lambda x: np.exp(x) * (np.exp(3 * x) + 4 * np.exp(2 * x) + (4 * x + 6) * np.exp(x)
                                   + 4 * (x + 1)) / omega(x) ** 2


def _mish_min():
    xs = np.linspace(-3, 0, 300001)
    v = mish(xs)
    return xs[np.argmin(v)], v.min()


c(r"it dips to about $-0.3088$", lambda: R(_mish_min()[1], '-0.3088') and R(_mish_min()[0], '-1.19'),
  'minimum value / location of mish')
c(r"\zeta'(x) = \frac{e^{x}}{1+e^{x}} = \sigma(x)",
  lambda: for_random(lambda x: close(fd(zeta, x), np.exp(x) / (1 + np.exp(x))) and close(np.exp(x) / (1 + np.exp(x)), sig(x)), x=(-5, 5)),
  "softplus' = e^x/(1+e^x) = sigma")
c(r"\frac{d}{du}\tanh u = 1-\tanh^2 u",
  lambda: for_random(lambda u: close(fd(np.tanh, u), 1 - np.tanh(u) ** 2) and close(1 - np.tanh(u) ** 2, sech2(u)), u=(-4, 4)),
  "tanh' = 1-tanh^2 = sech^2")
c(r"\operatorname{mish}'(x) = \tanh\big(\zeta(x)\big) + x\,",
  lambda: for_random(lambda x: close(fd(mish, x), np.tanh(zeta(x)) + x * sech2(zeta(x)) * sig(x)), x=(-5, 5)),
  'product + chain rule')
c(r"the first term is just $\operatorname{mish}(x)/x$",
  lambda: for_random(lambda x: close(np.tanh(zeta(x)), mish(x) / x), x=(0.1, 5)), 'tanh(zeta)=mish/x')
c(r"\operatorname{mish}'(x) = \frac{\operatorname{mish}(x)}{x}",
  lambda: for_random(lambda x: close(fd(mish, x), mish(x) / x + sech2(zeta(x)) * x * sig(x)), x=(0.2, 5))
  and for_random(lambda x: close(fd(mish, x), mish(x) / x + sech2(zeta(x)) * x * sig(x)), x=(-5, -0.2)),
  'mish/x + sech^2 * swish')
c(r"Because $e^{\zeta} = 1+e^{x}$",
  lambda: for_random(lambda x: close(np.exp(zeta(x)), 1 + np.exp(x)), x=(-5, 5)), 'e^zeta = 1+e^x')


def _c01_tanh_chain(x):
    u = zeta(x); E = np.exp(x)
    a = np.tanh(u)
    b = (np.exp(2 * u) - 1) / (np.exp(2 * u) + 1)
    cc = ((1 + E) ** 2 - 1) / ((1 + E) ** 2 + 1)
    d = (np.exp(2 * x) + 2 * E) / (np.exp(2 * x) + 2 * E + 2)
    return close(a, b) and close(b, cc) and close(cc, d)


c(r"\tanh(\zeta) = \frac{e^{2\zeta}-1}{e^{2\zeta}+1}", lambda: for_random(_c01_tanh_chain, x=(-5, 5)), 'tanh(zeta) chain')
c(r"i.e. $\omega = (1+e^x)^2 + 1$", lambda: for_random(lambda x: close(omega(x), (1 + np.exp(x)) ** 2 + 1), x=(-5, 5)), 'omega identity')


def _c01_sech_chain(x):
    u = zeta(x)
    a = sech2(u)
    b = 4 * np.exp(2 * u) / (np.exp(2 * u) + 1) ** 2
    cc = 4 * (1 + np.exp(x)) ** 2 / omega(x) ** 2
    return close(a, b) and close(b, cc)


c(r"\operatorname{sech}^2(\zeta) = \frac{4e^{2\zeta}}", lambda: for_random(_c01_sech_chain, x=(-5, 5)), 'sech^2 chain')
c(r"With $\sigma(x) = e^{x}/(1+e^{x})$", lambda: for_random(lambda x: close(sig(x), np.exp(x) / (1 + np.exp(x))), x=(-5, 5)), 'sigma form')
c(r"\operatorname{mish}'(x) = \frac{e^{2x}+2e^{x}}{\omega}",
  lambda: for_random(lambda x: close(fd(mish, x), (np.exp(2 * x) + 2 * np.exp(x)) / omega(x)
                                     + 4 * x * np.exp(x) * (1 + np.exp(x)) / omega(x) ** 2), x=(-5, 5)),
  'two-term form')
c(r"(e^{2x}+2e^{x})\,\omega + 4x\,e^{x}(1+e^{x}) = e^{4x}",
  lambda: for_random(lambda x: close((np.exp(2 * x) + 2 * np.exp(x)) * omega(x) + 4 * x * np.exp(x) * (1 + np.exp(x)),
                                     np.exp(4 * x) + 4 * np.exp(3 * x) + (4 * x + 6) * np.exp(2 * x) + (4 * x + 4) * np.exp(x)), x=(-5, 5)),
  'numerator expansion')
c(r"\boxed{\operatorname{mish}'(x) =", lambda: for_random(lambda x: close(fd(mish, x), dmish_box(x)), x=(-6, 6)), 'boxed closed form')
c(r"$\zeta(0) = \ln 2$ and $\tanh(\ln 2) = \frac{4-1}{4+1} = 0.6$",
  lambda: close(zeta(0.0), np.log(2)) and close(np.tanh(np.log(2)), 3 / 5) and close(fd(mish, 0.0), 0.6)
  and close(dmish_box(0.0), (1 + 4 + 6 + 4) / 25) and 15 / 25 == 0.6, 'x = 0 checks')
c(r"$\omega = e^2 + 2e + 2 \approx 14.8256$", lambda: R(omega(1.0), '14.8256') and close(omega(1.0), np.e ** 2 + 2 * np.e + 2), 'omega(1)')
c(r"$\tanh(\zeta(1)) = 12.8256/14.8256 \approx 0.8651$",
  lambda: R(np.tanh(zeta(1.0)), '0.8651') and R(12.8256 / 14.8256, '0.8651') and R(mish(1.0), '0.8651')
  and R(omega(1.0) - 2, '12.8256'), 'tanh(zeta(1)) = mish(1)')
c(r"$\operatorname{sech}^2(\zeta(1)) = 1 - 0.8651^2 \approx 0.2516$",
  lambda: R(sech2(zeta(1.0)), '0.2516') and R(1 - 0.8651 ** 2, '0.2516'), 'sech^2(zeta(1))')
c(r"$\sigma(1) \approx 0.7311$", lambda: R(sig(1.0), '0.7311'), 'sigma(1)')
c(r"and therefore $\operatorname{mish}'(1) \approx 0.8651",
  lambda: R(0.2516 * 0.7311, '0.1839') and R(0.8651 + 0.1839, '1.0490') and R(fd(mish, 1.0), '1.0490')
  and R(np.tanh(zeta(1.0)) + sech2(zeta(1.0)) * sig(1.0), '1.0490'), "mish'(1)")
c(r"$\operatorname{mish}'(-2) \approx -0.1084$",
  lambda: R(dmish_box(-2.0), '-0.1084') and R(fd(mish, -2.0), '-0.1084') and -2 < _mish_min()[0], "mish'(-2)")


def _c01_code():
    x = np.linspace(-4, 4, 9); h = 1e-5
    v = np.max(np.abs((mish(x + h) - mish(x - h)) / (2 * h) - dmish_box(x)))
    return 5e-12 < v < 1e-10


c("# about 3e-11", _c01_code, 'finite-difference check in the code block')

# =========================================================================
# 02  weighted softmax cross-entropy (lecture notes, German)       planted
# =========================================================================
c = file_claims('02_gewichtete_kreuzentropie_vorlesung.md')


def softmax(z):
    z = np.asarray(z, float)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


W02 = np.array([0.5, 2.0, 1.0])


def _c02_jac_cases(z):
    p = softmax(z); J = fdjac(softmax, z); K = len(z)
    ok = True
    for i in range(K):
        for j in range(K):
            ok &= close(J[i, j], p[i] * (1 - p[i]) if i == j else -p[i] * p[j])
    return ok


c(r"p_k = \frac{e^{z_k}}{\sum_{j=1}^{K} e^{z_j}}", lambda: for_random(lambda z: close(softmax(z), np.exp(z) / np.exp(z).sum()), z=(-3, 3, 4)), 'softmax definition')
c(r"\frac{\partial p_i}{\partial z_j} = \begin{cases}", lambda: for_random(_c02_jac_cases, z=(-3, 3, 4)), 'softmax Jacobian by cases')


def _c02_compact(z):
    p = softmax(z); J = fdjac(softmax, z); K = len(z)
    Jc = np.array([[p[i] * ((i == j) - p[j]) for j in range(K)] for i in range(K)])
    Jm = np.diag(p) - np.outer(p, p)
    one = np.ones(K)
    return (close(J, Jc) and close(Jc, Jm) and close(Jm, Jm.T) and close(Jm @ one, p - p * (p @ one))
            and close(p - p * (p @ one), 0))


c(r"kompakt $\dfrac{\partial p_i}{\partial z_j} = p_i(\delta_{ij} - p_j)$", lambda: for_random(_c02_compact, z=(-3, 3, 4)), 'compact / matrix Jacobian, J1 = 0')


def _c02_dlogp(z, y=1):
    p = softmax(z); K = len(z)
    g = fd(lambda zz: np.log(softmax(zz)[y]), z)
    Jrow = fdjac(softmax, z)[y]
    a = Jrow / p[y]
    b = np.array([(1 / p[y]) * p[y] * ((y == k) - p[k]) for k in range(K)])
    cc = np.array([(y == k) - p[k] for k in range(K)])
    return close(g, a) and close(a, b) and close(b, cc)


c(r"\frac{\partial \log p_y}{\partial z_k} = \frac{1}{p_y}", lambda: for_random(_c02_dlogp, z=(-3, 3, 4)), 'd log p_y / dz_k')


def _c02_grad(z, w, y=2):
    p = softmax(z); K = len(z)
    loss = lambda zz: -w[y] * np.log(softmax(zz)[y])
    g = fd(loss, z)
    d = np.array([float(k == y) for k in range(K)])
    return close(g, -w[y] * (d - p)) and close(-w[y] * (d - p), w[y] * (p - d))


c(r"\frac{\partial \ell}{\partial z_k} = -\,w_y\,(\delta_{yk} - p_k)", lambda: for_random(_c02_grad, z=(-3, 3, 4), w=(0.1, 3, 4)), 'weighted CE gradient')


def _c02_vec(z, w, y=0):
    p = softmax(z); e = np.eye(len(z))[y]
    g = fd(lambda zz: -w[y] * np.log(softmax(zz)[y]), z)
    return close(g, w[y] * (p - e)) and close(g.sum(), w[y] * (1 - 1)) and close(w[y] * (1 - 1), 0)


c(r"bzw. vektoriell $\nabla_z \ell = w_y\,(p - e_y)$", lambda: for_random(_c02_vec, z=(-3, 3, 3), w=(0.1, 3, 3)), 'vector form, sum = 0')


def _c02_batchloss(Z, y, w):
    P = softmax(Z)
    return np.sum(w[y] * -np.log(P[np.arange(len(y)), y])) / np.sum(w[y])


def _c02_batch_def():
    # definition as PyTorch: compare with an explicit per-example loop
    Z = RNG.normal(size=(4, 3)); y = np.array([0, 2, 1, 1]); w = RNG.uniform(0.2, 2, 3)
    num_ = sum(w[y[n]] * -np.log(softmax(Z[n])[y[n]]) for n in range(4))
    return close(_c02_batchloss(Z, y, w), num_ / sum(w[y[n]] for n in range(4)))


c(r"L = \frac{\sum_{n=1}^{N} w_{y_n}\,\bigl(-\log p_{n,y_n}\bigr)}", _c02_batch_def, 'batch loss definition')


def _c02_batchgrad():
    for _ in range(10):
        Z = RNG.normal(size=(3, 3)); y = np.array([0, 1, 1]); w = RNG.uniform(0.2, 2, 3)
        G = fd(lambda ZZ: _c02_batchloss(ZZ, y, w), Z)
        claimed = w[y][:, None] * (softmax(Z) - np.eye(3)[y])
        if not close(G, claimed):
            return False
    return True


c(r"\frac{\partial L}{\partial z_{n,k}} = w_{y_n}\,\bigl(p_{n,k} - \delta_{y_n k}\bigr)", _c02_batchgrad, 'batch gradient')
Z02_1 = np.array([2.0, 1.0, 0.1]); Z02_2 = np.array([1.0, 0.2, -0.5])
P02_1 = softmax(Z02_1); P02_2 = softmax(Z02_2)
c(r"$$p^{(1)} = (0{,}6590;\ 0{,}2424;\ 0{,}0986).$$", lambda: RV(P02_1, ['0,6590', '0,2424', '0,0986']), 'p^(1)')
c(r"\ell_1 = -0{,}5 \cdot \ln 0{,}6590",
  lambda: R(-0.5 * np.log(0.6590), '0,2085') and R(-np.log(0.6590), '0,4170') and R(0.5 * 0.4170, '0,2085')
  and R(-0.5 * np.log(P02_1[0]), '0,2085'), 'l_1')
c(r"$$\nabla_z \ell_1 = 0{,}5\cdot(-0{,}3410",
  lambda: RV(P02_1 - [1, 0, 0], ['-0,3410', '0,2424', '0,0986'])
  and RV(0.5 * np.array([-0.3410, 0.2424, 0.0986]), ['-0,1705', '0,1212', '0,0493'])
  and RV(fd(lambda z: -0.5 * np.log(softmax(z)[0]), Z02_1), ['-0,1705', '0,1212', '0,0493']), 'grad l_1')
c(r"$$p^{(2)} = (0{,}5979;\ 0{,}2687;\ 0{,}1334)",
  lambda: RV(P02_2, ['0,5979', '0,2687', '0,1334']) and R(-np.log(P02_2[1]), '1,3143'), 'p^(2), -ln p_2')
c(r"Der Nenner ist $0{,}5 + 2{,}0 = 2{,}5$", lambda: close(0.5 + 2.0, 2.5) and close(W02[0] + W02[1], 2.5), 'denominator')
Y02 = np.array([0, 1]); Z02 = np.stack([Z02_1, Z02_2])
c(r"$$L = \frac{0{,}5\cdot 0{,}4170 + 2{,}0\cdot 1{,}3143}{2{,}5}",
  lambda: R(0.5 * 0.4170, '0,2085') and R(2.0 * 1.3143, '2,6286') and R(0.2085 + 2.6286, '2,8371')
  and R(2.8371 / 2.5, '1,1348') and R(_c02_batchloss(Z02, Y02, W02), '1,1348'), 'batch loss value')
G02 = fd(lambda Z: _c02_batchloss(Z, Y02, W02), Z02)
c(r"\frac{\partial L}{\partial z_{1,\cdot}} = 0{,}5",
  lambda: RV(0.5 * np.array([-0.3410, 0.2424, 0.0986]), ['-0,1705', '0,1212', '0,0493'])
  and RV(G02[0], ['-0,1705', '0,1212', '0,0493']), 'batch gradient row 1')
c(r"\frac{\partial L}{\partial z_{2,\cdot}} = 2{,}0",
  lambda: RV(P02_2 - [0, 1, 0], ['0,5979', '-0,7313', '0,1334'])
  and RV(2.0 * np.array([0.5979, -0.7313, 0.1334]), ['1,1958', '-1,4626', '0,2668'])
  and RV(G02[1], ['1,1958', '-1,4626', '0,2668']), 'batch gradient row 2')
c(r"Jede Zeile summiert sich wieder zu $0$",
  lambda: close(G02.sum(axis=1), 0) and abs(-0.1705 + 0.1212 + 0.0493) < 1e-9 and abs(1.1958 - 1.4626 + 0.2668) < 1e-9,
  'rows sum to zero')

# =========================================================================
# 03  BCE with logits (Stack Exchange answer, English)               correct
# =========================================================================
c = file_claims('03_bce_with_logits_stackexchange.md')
bce = lambda x, y: -(y * np.log(sig(x)) + (1 - y) * np.log(1 - sig(x)))
c(r"$$\log\sigma(x) = -\log\left(1+e^{-x}\right),$$",
  lambda: for_random(lambda x: close(np.log(sig(x)), -np.log(1 + np.exp(-x))), x=(-10, 10)), 'log sigma')
c(r"$$\log\bigl(1-\sigma(x)\bigr) = \log\frac{e^{-x}}{1+e^{-x}}",
  lambda: for_random(lambda x: close(np.log(1 - sig(x)), np.log(np.exp(-x) / (1 + np.exp(-x))))
                     and close(np.log(np.exp(-x) / (1 + np.exp(-x))), -x - np.log(1 + np.exp(-x))), x=(-10, 10)),
  'log(1 - sigma)')
c(r"$$\ell = y\log(1+e^{-x}) + (1-y)",
  lambda: for_random(lambda x, y: close(bce(x, y), y * np.log(1 + np.exp(-x)) + (1 - y) * (x + np.log(1 + np.exp(-x))))
                     and close(y * np.log(1 + np.exp(-x)) + (1 - y) * (x + np.log(1 + np.exp(-x))), (1 - y) * x + np.log(1 + np.exp(-x))),
                     x=(-8, 8), y=(0, 1)), 'substitution')
c(r"$$\log\left(1+e^{-x}\right) = \max(-x,0) + \log",
  lambda: for_random(lambda x: close(np.log(1 + np.exp(-x)), max(-x, 0) + np.log(1 + np.exp(-abs(x)))), x=(-20, 20)),
  'stable softplus identity')
c(r"Since $x + \max(-x,0) = \max(x,0)$",
  lambda: for_random(lambda x: close(x + max(-x, 0), max(x, 0)), x=(-5, 5)), 'x + max(-x,0) = max(x,0)')
c(r"$$\ell(x,y) = \max(x,0) - x\,y + \log",
  lambda: for_random(lambda x, y: close(bce(x, y), max(x, 0) - x * y + np.log(1 + np.exp(-abs(x)))), x=(-15, 15), y=(0, 1)),
  'stable form')


def _c03_range():
    xs = np.linspace(-30, 30, 6001)
    a = 1 + np.exp(-np.abs(xs))
    return np.all(-np.abs(xs) <= 0) and np.all(a > 1) and np.all(a <= 2) and a.max() == 2


c(r"the `log` argument is always in $(1,2]$", _c03_range, 'log argument range')


def _c03_grad(x, y):
    g = fd(lambda t: (1 - y) * t + np.log(1 + np.exp(-t)), x)
    a = (1 - y) - np.exp(-x) / (1 + np.exp(-x))
    b = (1 - y) - (1 - sig(x))
    return close(g, a) and close(a, b) and close(b, sig(x) - y) and close(fd(lambda t: bce(t, y), x), sig(x) - y)


c(r"\frac{\partial \ell}{\partial x} = (1-y) - \frac{e^{-x}}{1+e^{-x}}", lambda: for_random(_c03_grad, x=(-6, 6), y=(0, 1)), 'gradient')
c(r"it is bounded in $[-1, 1]$",
  lambda: for_random(lambda x, y: -1 <= sig(x) - y <= 1, _n=200, x=(-30, 30), y=(0, 1)), 'bounded gradient')
c(r"\frac{\partial^2 \ell}{\partial x^2} = \sigma(x)\bigl(1-\sigma(x)\bigr) > 0",
  lambda: for_random(lambda x, y: close(fd(lambda t: sig(t) - y, x), sig(x) * (1 - sig(x))) and sig(x) * (1 - sig(x)) > 0, x=(-6, 6), y=(0, 1)),
  'second derivative')


def _c03_batch():
    x = RNG.normal(size=5); y = RNG.uniform(size=5)
    return close(fd(lambda t: np.mean(bce(t, y)), x), (sig(x) - y) / 5)


c(r"you just get $\partial L/\partial x_n = (\sigma(x_n) - y_n)/N$", _c03_batch, 'batch mean gradient')
c(r"then, using $\frac{d}{dx}\log\sigma(x) = 1-\sigma(x)$",
  lambda: for_random(lambda x: close(fd(lambda t: np.log(sig(t)), x), 1 - sig(x)) and close(fd(lambda t: np.log(1 - sig(t)), x), -sig(x)), x=(-6, 6)),
  'derivatives of log sigma')


def _c03_pw(x, y, rho):
    l = lambda t: -(rho * y * np.log(sig(t)) + (1 - y) * np.log(1 - sig(t)))
    a = -rho * y * (1 - sig(x)) + (1 - y) * sig(x)
    b = sig(x) * (1 + (rho - 1) * y) - rho * y
    return close(fd(l, x), a) and close(a, b)


c(r"\frac{\partial \ell_\rho}{\partial x} = -\rho\,y", lambda: for_random(_c03_pw, x=(-6, 6), y=(0, 1), rho=(0.2, 5)), 'pos_weight gradient')
c(r"For $\rho = 1$ this reduces to $\sigma(x) - y$ again",
  lambda: for_random(lambda x, y: close(sig(x) * (1 + 0 * y) - y, sig(x) - y), x=(-5, 5), y=(0, 1)), 'rho = 1')


def _c03_numeric():
    ok = R(sig(-3.0), '0.0474') and R(-np.log(0.0474), '3.049') and R(bce(-3.0, 1.0), '3.049')
    ok &= R(np.log(1 + np.exp(-3.0)), '0.0486') and R(0 + 3 + 0.0486, '3.0486') and R(bce(-3.0, 1.0), '3.0486')
    ok &= close(max(-3, 0) - (-3) * 1, 3)
    ok &= R(sig(-3.0) - 1, '-0.9526') and R(fd(lambda t: bce(t, 1.0), -3.0), '-0.9526')
    with np.errstate(over='ignore', divide='ignore'):
        x32 = np.float32(-200.0)
        s32 = np.float32(1) / (np.float32(1) + np.exp(-x32))
        naive = -np.log(s32)
    ok &= (s32 == 0) and np.isinf(naive)
    stable = max(200.0, 0) + np.log1p(np.exp(-200.0))  # = max(-x,0) - x*y with x=-200, y=1 ... see below
    stable = max(-200.0, 0) - (-200.0) * 1 + np.log1p(np.exp(-200.0))
    ok &= stable == 200.0
    return bool(ok)


c(r"**Tiny numeric example.** Take $x = -3$", _c03_numeric, 'numeric example')
c(r"which is $-\operatorname{softplus}(-x)$",
  lambda: for_random(lambda x: close(np.log(sig(x)), -softplus(-x)), x=(-10, 10)), 'logsigmoid = -softplus(-x)')

# =========================================================================
# 04  Poisson regression (homework, English)                         planted
# =========================================================================
c = file_claims('04_poisson_regression_homework.md')
pois_nll = lambda w, x, y: np.exp(w @ x) - y * (w @ x) + lgamma(y + 1)


def _c04_nll():
    for _ in range(10):
        lam = RNG.uniform(0.1, 5); y = int(RNG.integers(0, 8))
        pmf = lam ** y * np.exp(-lam) / np.prod(np.arange(1, y + 1))
        eta = np.log(lam)
        a = -np.log(pmf); b = lam - y * np.log(lam) + lgamma(y + 1); cc = np.exp(eta) - y * eta + lgamma(y + 1)
        if not (close(a, b) and close(b, cc)):
            return False
    return True


c(r"\ell_n(w) = -\log p(y_n\mid\lambda_n) = \lambda_n", _c04_nll, 'Poisson NLL')
c(r"\frac{\partial \ell_n}{\partial \eta_n} = e^{\eta_n} - y_n",
  lambda: for_random(lambda eta, y: close(fd(lambda t: np.exp(t) - y * t, eta), np.exp(eta) - y), eta=(-2, 2), y=(0, 6)), 'dl/deta')
c(r"Since $\partial\eta_n/\partial w = x_n$",
  lambda: for_random(lambda w, x: close(fd(lambda ww: ww @ x, w), x), w=(-1, 1, 3), x=(-1, 1, 3)), 'deta/dw')
c(r"\nabla_w \ell_n = (\lambda_n - y_n)\,x_n",
  lambda: for_random(lambda w, x, y: close(fd(lambda ww: pois_nll(ww, x, y), w), (np.exp(w @ x) - y) * x), w=(-1, 1, 3), x=(-1, 1, 3), y=(0, 5)),
  'grad of l_n')


def _c04_batchgrad():
    # middle expression (sum) must equal the finite-difference gradient, and the
    # matrix expression (1/N) X (lambda - y) must equal the sum (needs N = D to
    # be defined at all; tested on square X).
    for N, D in ((5, 3), (4, 4)):
        X = RNG.normal(size=(N, D)); y = RNG.integers(0, 5, N).astype(float); w = RNG.normal(size=D) * 0.5
        L = lambda ww: np.mean([pois_nll(ww, X[n], y[n]) for n in range(N)])
        lam = np.exp(X @ w)
        s = sum((lam[n] - y[n]) * X[n] for n in range(N)) / N
        if not close(fd(L, w), s):
            return False
        if N == D and not close(s, X @ (lam - y) / N):
            return False
    return True


c(r"\nabla_w L = \frac{1}{N}\sum_{n=1}^{N}(\lambda_n - y_n)\,x_n", _c04_batchgrad, 'batch gradient (matrix form)')
c(r"\nabla_w^2 \ell_n = \lambda_n\, x_n x_n^\top",
  lambda: for_random(lambda w, x, y: close(fdjac(lambda ww: (np.exp(ww @ x) - y) * x, w), np.exp(w @ x) * np.outer(x, x)), w=(-1, 1, 3), x=(-1, 1, 3), y=(0, 5))
  and _c04_hess_batch(), 'Hessians')


def _c04_hess_batch():
    X = RNG.normal(size=(5, 3)); y = RNG.integers(0, 5, 5).astype(float); w = RNG.normal(size=3) * 0.5
    grad = lambda ww: X.T @ (np.exp(X @ ww) - y) / 5
    return close(fdjac(grad, w), X.T @ np.diag(np.exp(X @ w)) @ X / 5, rtol=1e-5)


def _c04_quad():
    X = RNG.normal(size=(5, 3)); lam = RNG.uniform(0.1, 3, 5); v = RNG.normal(size=3)
    return close(v @ (X.T @ np.diag(lam) @ X / 5) @ v, np.sum(lam * (X @ v) ** 2) / 5)


c(r"For any $v$, $v^\top \nabla^2_w L\, v", _c04_quad, 'quadratic form')
c(r"and $\nabla_w \lambda_n = \lambda_n x_n$",
  lambda: for_random(lambda w, x: close(fd(lambda ww: np.exp(ww @ x), w), np.exp(w @ x) * x), w=(-1, 1, 3), x=(-1, 1, 3)), 'dlambda/dw')
X04 = np.array([[1, 2], [1, -1.0]]); Y04 = np.array([1, 3.0]); W04 = np.array([0, 0.5])
ETA04 = X04 @ W04; LAM04 = np.exp(ETA04)
L04 = lambda w: np.mean([pois_nll(w, X04[n], Y04[n]) for n in range(2)])
G04 = fd(L04, W04)
c(r"\eta = Xw = \begin{pmatrix} 1 \\ -0.5\end{pmatrix}",
  lambda: close(ETA04, [1, -0.5]) and RV(LAM04, ['2.7183', '0.6065']) and RV(LAM04 - Y04, ['1.7183', '-2.3935']), 'eta, lambda')
c(r"Loss (keeping the constant): $\ell_1 = 2.7183 - 1\cdot 1",
  lambda: R(2.7183 - 1 + 0, '1.7183') and R(pois_nll(W04, X04[0], 1.0), '1.7183') and R(np.log(6), '1.7918')
  and R(0.6065 + 1.5 + 1.7918, '3.8983') and close(-3 * -0.5, 1.5) and R(pois_nll(W04, X04[1], 3.0), '3.8983'), 'per-example losses')
c(r"$$L = \tfrac12(1.7183 + 3.8983) = 2.8083.$$", lambda: R(0.5 * (1.7183 + 3.8983), '2.8083') and R(L04(W04), '2.8083'), 'mean loss')
c(r"$$X(\lambda - y) = \begin{pmatrix} 1.7183 + 2\cdot(-2.3935)",
  lambda: RV(X04 @ np.array([1.7183, -2.3935]), ['-3.0687', '4.1118']) and RV(X04 @ (LAM04 - Y04), ['-3.0687', '4.1118'])
  and RV(G04, ['-1.534', '2.056']), 'numeric gradient')
c(r"w \leftarrow w - 0.1\,\nabla_w L = \begin{pmatrix} 0 + 0.1534",
  lambda: RV([0 + 0.1534, 0.5 - 0.2056], ['0.1534', '0.2944']) and RV(W04 - 0.1 * G04, ['0.1534', '0.2944']), 'GD step')

# =========================================================================
# 05  Huber / smooth-L1 (exam solution, Spanish)                     planted
# =========================================================================
c = file_claims('05_huber_examen_solucion.md')


def huber(r, d):
    r = np.asarray(r, float)
    return np.where(np.abs(r) <= d, 0.5 * r ** 2, d * (np.abs(r) - 0.5 * d))


def sl1(r, b):
    r = np.asarray(r, float)
    return np.where(np.abs(r) < b, r ** 2 / (2 * b), np.abs(r) - b / 2)


c(r"Continuidad en $|r| = \delta$: $\tfrac12\delta^2 = \delta\left(\delta - \tfrac12\delta\right)$",
  lambda: for_random(lambda d: close(0.5 * d ** 2, d * (d - 0.5 * d)), d=(0.1, 5)), 'continuity')


def _c05_deriv(r, d):
    if abs(abs(r) - d) < 1e-3:
        return True
    g = fd(lambda t: float(huber(t, d)), r, h=1e-7)
    branch = r if abs(r) <= d else d * np.sign(r)
    return close(g, branch, rtol=1e-5) and close(branch, np.clip(r, -d, d))


c(r"$$L_\delta'(r) = \begin{cases} r, & |r| \le \delta", lambda: for_random(_c05_deriv, _n=60, r=(-4, 4), d=(0.2, 2)), 'Huber derivative = clip')
c(r"En $r = \pm\delta$ ambas ramas valen $\pm\delta$",
  lambda: for_random(lambda d: close(d, d * np.sign(d)) and close(-d, d * np.sign(-d))
                     and close(fd(lambda t: float(huber(t, d)), d - 1e-4, h=1e-6), d - 1e-4, rtol=1e-5), d=(0.2, 2))
  and for_random(lambda r, d: abs(abs(r) - d) < 1e-3 or close(fd(lambda t: np.clip(t, -d, d), r, h=1e-7), 1.0 if abs(r) < d else 0.0, atol=1e-5), _n=60, r=(-4, 4), d=(0.2, 2)),
  "continuity of L' and L''")


def _c05_sl1(r, b):
    if abs(abs(r) - b) < 1e-3:
        return True
    ok = close(sl1(r, b), huber(r, b) / b)
    ok &= close(fd(lambda t: float(sl1(t, b)), r, h=1e-7), np.clip(r / b, -1, 1), rtol=1e-5)
    return ok


c(r"\mathrm{SL1}_\beta(r) = \frac{1}{\beta}\,L_\beta(r)", lambda: for_random(_c05_sl1, _n=60, r=(-4, 4), b=(0.2, 2)), 'SL1 = Huber/beta, derivative')
c(r"Para $\beta = \delta = 1$ ambas coinciden.", lambda: for_random(lambda r: close(sl1(r, 1.0), huber(r, 1.0)), r=(-4, 4)), 'beta = delta = 1')
YH05 = np.array([1.2, -0.3, 4.0, 0.5]); Y05 = np.array([1.0, 0.9, 1.5, 0.4]); R05 = YH05 - Y05
c(r"$$r = \hat y - y = (0{,}2;\ -1{,}2;\ 2{,}5;\ 0{,}1).$$", lambda: close(R05, [0.2, -1.2, 2.5, 0.1]), 'residuals')
c(r"$L(0{,}2) = \tfrac12\cdot 0{,}04 = 0{,}02$", lambda: close(huber(0.2, 1), 0.5 * 0.04) and close(0.5 * 0.04, 0.02), 'L(0.2)')
c(r"$L(-1{,}2) = 1\cdot(1{,}2 - 0{,}5) = 0{,}7$", lambda: close(huber(-1.2, 1), 1 * (1.2 - 0.5)) and close(1.2 - 0.5, 0.7), 'L(-1.2)')
c(r"$L(2{,}5) = 1\cdot(2{,}5 - 0{,}5) = 2{,}0$", lambda: close(huber(2.5, 1), 1 * (2.5 - 0.5)) and close(2.5 - 0.5, 2.0), 'L(2.5)')
c(r"$L(0{,}1) = \tfrac12\cdot 0{,}01 = 0{,}005$", lambda: close(huber(0.1, 1), 0.5 * 0.01) and close(0.5 * 0.01, 0.005), 'L(0.1)')
J05 = lambda yh: float(np.mean(huber(yh - Y05, 1.0)))
c(r"J_{\text{Huber}} = \frac{0{,}02 + 0{,}7 + 2{,}0 + 0{,}005}{4}",
  lambda: close((0.02 + 0.7 + 2.0 + 0.005) / 4, 2.525 / 4) and close(2.525 / 4, 0.63125) and close(J05(YH05), 0.63125),
  'mean Huber loss')
c(r"\frac{\partial J_{\text{Huber}}}{\partial \hat y} = \frac14\,\operatorname{clip}(r,-1,1)",
  lambda: close(fd(J05, YH05, h=1e-7), np.clip(R05, -1, 1) / 4, rtol=1e-5) and close(np.clip(R05, -1, 1), [0.2, -1, 1, 0.1])
  and close(np.array([0.2, -1, 1, 0.1]) / 4, [0.05, -0.25, 0.25, 0.025]), 'Huber gradient')
c(r"Gradiente respecto de las predicciones ($\partial r_i/\partial \hat y_i = 1$",
  lambda: close(fdjac(lambda yh: yh - Y05, YH05), np.eye(4)) and close(fd(J05, YH05, h=1e-7), fd(lambda rr: float(np.sum(huber(rr, 1.0))), R05, h=1e-7) / 4, rtol=1e-5),
  'dr/dyhat = 1 and factor 1/4')
JM05 = lambda yh: float(np.mean((yh - Y05) ** 2))
c(r"J_{\text{MSE}} = \frac{0{,}04 + 1{,}44 + 6{,}25 + 0{,}01}{4}",
  lambda: close(R05 ** 2, [0.04, 1.44, 6.25, 0.01]) and close((0.04 + 1.44 + 6.25 + 0.01) / 4, 7.74 / 4) and close(7.74 / 4, 1.935)
  and close(JM05(YH05), 1.935) and close(fd(JM05, YH05), 2 / 4 * R05, rtol=1e-5) and close(2 / 4 * R05, [0.1, -0.6, 1.25, 0.05]), 'MSE and gradient')
c(r"aporta $1{,}25$ al gradiente del MSE pero sólo $0{,}25$",
  lambda: close(fd(JM05, YH05)[2], 1.25, rtol=1e-5) and close(fd(J05, YH05, h=1e-7)[2], 0.25, rtol=1e-5)
  and R(J05(YH05) / JM05(YH05), '0,326') and R(0.63125 / 1.935, '0,326') and close(1.0 / 4, 0.25), 'comment numbers')

# =========================================================================
# 06  multiclass SVM (study-group note, English)                     planted
# =========================================================================
c = file_claims('06_multiclass_svm_study_group.md')


def svm_Li(W, x, y, D=1.0):
    s = W @ x
    return sum(max(0.0, s[j] - s[y] + D) for j in range(len(s)) if j != y)


def _c06_dLds():
    for _ in range(20):
        s = RNG.normal(size=4) * 2; y = int(RNG.integers(0, 4))
        marg = s - s[y] + 1.0
        if np.any(np.abs(marg[np.arange(4) != y]) < 1e-3):
            continue
        f = lambda ss: sum(max(0.0, ss[j] - ss[y] + 1.0) for j in range(4) if j != y)
        ind = np.array([(marg[j] > 0) and j != y for j in range(4)], float)
        claimed = ind.copy(); claimed[y] = -ind.sum()
        if not (close(fd(f, s), claimed) and close(claimed.sum(), 0)):
            return False
    return True


c(r"\frac{\partial L_i}{\partial s_j} = \mathbb{1}_j \quad (j \neq y_i)", _c06_dLds, 'dL/ds')
c(r"So the entries of $\partial L_i/\partial s$ always sum to zero", _c06_dLds, 'sum to zero')


def _c06_dLdW():
    for _ in range(20):
        W = RNG.normal(size=(4, 3)); x = RNG.normal(size=3); y = int(RNG.integers(0, 4))
        s = W @ x; marg = s - s[y] + 1.0
        if np.any(np.abs(marg[np.arange(4) != y]) < 1e-3):
            continue
        ind = np.array([(marg[j] > 0) and j != y for j in range(4)], float)
        ds = ind.copy(); ds[y] = -ind.sum()
        G = fd(lambda WW: svm_Li(WW, x, y), W)
        rows_ok = all(close(G[j], ind[j] * x) for j in range(4) if j != y) and close(G[y], -ind.sum() * x)
        if not (rows_ok and close(G, np.outer(ds, x))):
            return False
    return True


c(r"Since $s_j = w_j^\top x_i$, $\nabla_{w_j} s_j = x_i$",
  lambda: for_random(lambda W, x: close(fd(lambda WW: (WW @ x)[1], W)[1], x) and close((W @ x)[2], W[2] @ x), W=(-1, 1, (3, 4)), x=(-1, 1, 4)), 'ds_j/dw_j')
c(r"$$\nabla_{w_j} L_i = \mathbb{1}_j\, x_i \quad (j \neq y_i)", _c06_dLdW, 'row gradients')
c(r"this is an outer product: $\nabla_W L_i", _c06_dLdW, 'outer product form')


def _c06_full(lam=0.1):
    N = 3
    for _ in range(10):
        W = RNG.normal(size=(4, 3)); X = RNG.normal(size=(N, 3)); Y = RNG.integers(0, 4, N)
        L = lambda WW: np.mean([svm_Li(WW, X[i], Y[i]) for i in range(N)]) + lam * np.sum(WW ** 2)
        M = np.zeros((N, 4))
        for i in range(N):
            s = W @ X[i]; marg = s - s[Y[i]] + 1
            ind = np.array([(marg[j] > 0) and j != Y[i] for j in range(4)], float)
            M[i] = ind; M[i, Y[i]] = -ind.sum()
        claimed = sum(np.outer(M[i], X[i]) for i in range(N)) / N + lam * W
        if not close(fd(L, W), claimed, rtol=1e-5):
            return False
    return True


c(r"\frac{\partial L_i}{\partial s}\,x_i^\top + \lambda W .$$", _c06_full, 'gradient of full objective')


def _c06_MX():
    N = 3; M = RNG.normal(size=(N, 4)); X = RNG.normal(size=(N, 3))
    return close(sum(np.outer(M[i], X[i]) for i in range(N)), M.T @ X)


c(r"Then $\sum_i \frac{\partial L_i}{\partial s}x_i^\top = M^\top X$", _c06_MX, 'M^T X')
c(r"$$\nabla_W L = \frac{1}{N} M^\top X + \lambda W .$$", _c06_full, 'vectorized gradient')
W06 = np.array([[1, 0, 2], [0.6, -1, 0], [-0.6, -1, 0]]); X06 = np.array([1, -2, 0.5])
c(r"x = \begin{pmatrix} 1 \\ -2 \\ 0.5 \end{pmatrix}, \qquad s = Wx",
  lambda: close(W06 @ X06, [2.0, 2.6, 1.4]), 's = Wx')
c(r"Margins: $j=1$: $2.6 - 2.0 + 1 = 1.6 > 0$",
  lambda: close(2.6 - 2.0 + 1, 1.6) and close(1.4 - 2.0 + 1, 0.4), 'margins')
L06 = lambda W: svm_Li(W, X06, 0) + 0.1 * np.sum(W ** 2)
c(r"$$L_0 = 1.6 + 0.4 = 2.0, \qquad \sum_{k,l} W_{kl}^2",
  lambda: close(svm_Li(W06, X06, 0), 2.0) and close(1.6 + 0.4, 2.0) and close(np.sum(W06 ** 2), 7.72)
  and close(1 + 4 + 0.36 + 1 + 0.36 + 1, 7.72) and close(2.0 + 0.1 * 7.72, 2.772) and close(L06(W06), 2.772), 'loss values')
c(r"Score gradient: $\partial L_0/\partial s = (-2,\ 1,\ 1)^\top$",
  lambda: close(fd(lambda s: sum(max(0, s[j] - s[0] + 1) for j in (1, 2)), W06 @ X06), [-2, 1, 1]) and -2 + 1 + 1 == 0, 'score gradient')
c(r"$$\frac{\partial L_0}{\partial s}\,x^\top = \begin{pmatrix} -2 & 4 & -1",
  lambda: close(np.outer([-2, 1, 1], X06), [[-2, 4, -1], [1, -2, 0.5], [1, -2, 0.5]])
  and close(fd(lambda W: svm_Li(W, X06, 0), W06), [[-2, 4, -1], [1, -2, 0.5], [1, -2, 0.5]]), 'data term')
c(r"$$\nabla_W L = \begin{pmatrix} -2 & 4 & -1",
  lambda: close(0.1 * W06, [[0.1, 0, 0.2], [0.06, -0.1, 0], [-0.06, -0.1, 0]])
  and close(np.array([[-2, 4, -1], [1, -2, 0.5], [1, -2, 0.5]]) + 0.1 * W06, [[-1.9, 4, -0.8], [1.06, -2.1, 0.5], [0.94, -2.1, 0.5]])
  and close(fd(L06, W06), [[-1.9, 4, -0.8], [1.06, -2.1, 0.5], [0.94, -2.1, 0.5]]), 'regularized gradient')
c(r"it would add a constant $\Delta$ to every $L_i$ (its gradient is zero",
  lambda: for_random(lambda s, D: close(max(0, s[0] - s[0] + D), D), s=(-2, 2, 3), D=(0.1, 2)), 'j = y term is constant Delta')

# =========================================================================
# 07  triplet loss (homework, Dutch)                                 correct
# =========================================================================
c = file_claims('07_triplet_loss_huiswerk.md')
trip = lambda a, p, n, al: max(0.0, np.sum((a - p) ** 2) - np.sum((a - n) ** 2) + al)


def _active_point():
    while True:
        a, p, n = RNG.normal(size=(3, 3))
        al = RNG.uniform(0.1, 1)
        arg = np.sum((a - p) ** 2) - np.sum((a - n) ** 2) + al
        if arg > 0.05:
            return a, p, n, al


def _c07_grads(which):
    for _ in range(20):
        a, p, n, al = _active_point()
        ga = fd(lambda t: trip(t, p, n, al), a); gp = fd(lambda t: trip(a, t, n, al), p); gn = fd(lambda t: trip(a, p, t, al), n)
        if which == 'a' and not (close(ga, 2 * (a - p) - 2 * (a - n)) and close(2 * (a - p) - 2 * (a - n), 2 * (n - p))):
            return False
        if which == 'p' and not (close(gp, -2 * (a - p)) and close(-2 * (a - p), 2 * (p - a))):
            return False
        if which == 'n' and not close(gn, 2 * (a - n)):
            return False
        if which == 'sum' and not (close(2 * (n - p) + 2 * (p - a) + 2 * (a - n), 0) and close(ga + gp + gn, 0)):
            return False
    return True


def _c07_inactive():
    for _ in range(20):
        a, p, n = RNG.normal(size=(3, 3)); al = 0.1
        if np.sum((a - p) ** 2) - np.sum((a - n) ** 2) + al < -0.05:
            if not (close(fd(lambda t: trip(t, p, n, al), a), 0) and trip(a, p, n, al) == 0):
                return False
    return True


c(r"Als het argument van de max negatief is, is $L = 0$", _c07_inactive, 'inactive hinge')
c(r"$$\frac{\partial}{\partial a}\|a-p\|^2 = 2(a-p)",
  lambda: for_random(lambda a, p: close(fd(lambda t: np.sum((t - p) ** 2), a), 2 * (a - p)), a=(-2, 2, 3), p=(-2, 2, 3)), 'd/da ||a-p||^2')
c(r"$$\frac{\partial L}{\partial a} = 2(a-p) - 2(a-n) = 2(n-p),$$", lambda: _c07_grads('a'), 'dL/da')
c(r"$$\frac{\partial L}{\partial p} = -2(a-p) = 2(p-a),$$", lambda: _c07_grads('p'), 'dL/dp')
c(r"$$\frac{\partial L}{\partial n} = 2(a-n).$$", lambda: _c07_grads('n'), 'dL/dn')
c(r"De som van de drie gradiënten is", lambda: _c07_grads('sum') and for_random(
    lambda a, p, n, cc: close(trip(a + cc, p + cc, n + cc, 0.3), trip(a, p, n, 0.3)), a=(-2, 2, 3), p=(-2, 2, 3), n=(-2, 2, 3), cc=(-2, 2, 3)),
  'sum = 0, translation invariance')


def _c07_interp():
    a, p, n, al = _active_point()
    gp = fd(lambda t: trip(a, t, n, al), p); gn = fd(lambda t: trip(a, p, t, al), n)
    return close(-gp, 2 * (a - p)) and close(-gn, 2 * (n - a))


c(r"*Interpretatie.* De gradiëntafdaling trekt $p$", _c07_interp, 'descent directions')
A07 = np.array([1, 0.0]); P07 = np.array([0.8, 0.6]); N07 = np.array([0.6, -0.2]); AL07 = 0.2
c(r"$$\|a-p\|^2 = 0{,}2^2 + 0{,}6^2",
  lambda: close(np.sum((A07 - P07) ** 2), 0.2 ** 2 + 0.6 ** 2) and close(0.2 ** 2 + 0.6 ** 2, 0.04 + 0.36) and close(0.04 + 0.36, 0.40), '||a-p||^2')
c(r"$$\|a-n\|^2 = 0{,}4^2 + 0{,}2^2",
  lambda: close(np.sum((A07 - N07) ** 2), 0.4 ** 2 + 0.2 ** 2) and close(0.16 + 0.04, 0.20) and close(0.4 ** 2 + 0.2 ** 2, 0.16 + 0.04), '||a-n||^2')
c(r"$$L = \max(0;\ 0{,}40 - 0{,}20 + 0{,}2) = 0{,}40 .$$", lambda: close(trip(A07, P07, N07, AL07), 0.40) and close(max(0, 0.40 - 0.20 + 0.2), 0.40), 'L')
c(r"De hinge is actief (het negatieve voorbeeld ligt dichter",
  lambda: np.sum((A07 - N07) ** 2) < np.sum((A07 - P07) ** 2) and trip(A07, P07, N07, AL07) > 0, 'active')
c(r"2\,(-0{,}2;\ -0{,}8) = (-0{,}4;\ -1{,}6)",
  lambda: close(N07 - P07, [-0.2, -0.8]) and close(2 * (N07 - P07), [-0.4, -1.6]) and close(fd(lambda t: trip(t, P07, N07, AL07), A07), [-0.4, -1.6]), 'dL/da numeric')
c(r"2\,(-0{,}2;\ 0{,}6) = (-0{,}4;\ 1{,}2)",
  lambda: close(P07 - A07, [-0.2, 0.6]) and close(fd(lambda t: trip(A07, t, N07, AL07), P07), [-0.4, 1.2]), 'dL/dp numeric')
c(r"2\,(0{,}4;\ 0{,}2) = (0{,}8;\ 0{,}4)",
  lambda: close(A07 - N07, [0.4, 0.2]) and close(fd(lambda t: trip(A07, P07, t, AL07), N07), [0.8, 0.4]), 'dL/dn numeric')
c(r"Som: $(-0{,}4 - 0{,}4 + 0{,}8",
  lambda: close(-0.4 - 0.4 + 0.8, 0) and close(-1.6 + 1.2 + 0.4, 0), 'sum numeric')
tripd = lambda a, p, n, al: max(0.0, np.linalg.norm(a - p) - np.linalg.norm(a - n) + al)


def _c07_nonsq():
    for _ in range(20):
        a, p, n = RNG.normal(size=(3, 3)); al = 1.0
        if np.linalg.norm(a - p) - np.linalg.norm(a - n) + al < 0.05:
            continue
        dap = np.linalg.norm(a - p); dan = np.linalg.norm(a - n)
        if not (close(fd(lambda t: np.linalg.norm(t - p), a), (a - p) / dap)
                and close(fd(lambda t: tripd(t, p, n, al), a), (a - p) / dap - (a - n) / dan)
                and np.linalg.norm((a - p) / dap - (a - n) / dan) <= 2 + 1e-12):
            return False
    return True


c(r"\frac{\partial d_{ap}}{\partial a} = \frac{a-p}{\|a-p\|}", _c07_nonsq, 'non-squared variant')
c(r"wanneer de hinge actief is: het verschil van twee eenheidsvectoren",
  lambda: _c07_nonsq() and R(np.sqrt(0.40), '0,6325') and R(np.sqrt(0.20), '0,4472')
  and R(np.sqrt(0.4) - np.sqrt(0.2) + 0.2, '0,3852') and R(tripd(A07, P07, N07, AL07), '0,3852'), 'numbers of (c)')
c(r"\frac{\partial L'}{\partial a} = \frac{(0{,}2;\ -0{,}6)}{\sqrt{0{,}40}}",
  lambda: close(A07 - P07, [0.2, -0.6]) and RV(np.array([0.2, -0.6]) / np.sqrt(0.4), ['0,3162', '-0,9487'])
  and RV(np.array([0.4, 0.2]) / np.sqrt(0.2), ['0,8944', '0,4472'])
  and RV(np.array([0.3162, -0.9487]) - np.array([0.8944, 0.4472]), ['-0,5782', '-1,3959'])
  and RV(fd(lambda t: tripd(t, P07, N07, AL07), A07), ['-0,5782', '-1,3959']), "dL'/da numeric")
c(r"dan is $\|a-p\|^2 = 2 - 2\,a^\top p$",
  lambda: for_random(lambda a, p: close(np.sum((a / np.linalg.norm(a) - p / np.linalg.norm(p)) ** 2),
                                        2 - 2 * (a / np.linalg.norm(a)) @ (p / np.linalg.norm(p))), a=(-2, 2, 4), p=(-2, 2, 4)),
  'unit vectors')

# =========================================================================
# 08  cosine similarity gradient (textbook appendix, French)         correct
# =========================================================================
c = file_claims('08_similarite_cosinus_annexe.md')
nrm = np.linalg.norm
cosf = lambda u, v: (u @ v) / (nrm(u) * nrm(v))
c(r"$$\cos(u,v) = \frac{u^\top v}{\|u\|\,\|v\|}, \qquad \hat u",
  lambda: for_random(lambda u, v: close(cosf(u, v), (u / nrm(u)) @ (v / nrm(v))), u=(-2, 2, 4), v=(-2, 2, 4)), 'definition (B.7)')
c(r"**Lemme B.3.** $\nabla_u \|u\| = \dfrac{u}{\|u\|} = \hat u$",
  lambda: for_random(lambda u: close(fd(nrm, u), u / nrm(u)), u=(-2, 2, 4)), 'Lemma B.3')
c(r"\frac{\partial}{\partial u_i}\Bigl(\sum_{k} u_k^2\Bigr)^{1/2}",
  lambda: for_random(lambda u: close(fd(lambda t: np.sum(t ** 2) ** 0.5, u), 0.5 * np.sum(u ** 2) ** -0.5 * 2 * u)
                     and close(0.5 * np.sum(u ** 2) ** -0.5 * 2 * u, u / nrm(u)), u=(-2, 2, 4)), 'proof of B.3')


def _c08_B8(u, v):
    g = fd(lambda t: cosf(t, v), u)
    a = v / (nrm(u) * nrm(v)) - (u @ v) / (nrm(u) ** 3 * nrm(v)) * u
    b = (v / nrm(v) - cosf(u, v) * u / nrm(u)) / nrm(u)
    return close(g, a) and close(a, b)


c(r"\frac{\partial \cos(u,v)}{\partial u} = \frac{v}{\|u\|\,\|v\|} - \frac{u^\top v}{\|u\|^3\,\|v\|}\,u = ",
  lambda: for_random(_c08_B8, u=(-2, 2, 4), v=(-2, 2, 4)), '(B.8)')
c(r"On a $\nabla f = v$ et, d'après le lemme B.3, $\nabla g = \|v\|\,u/\|u\|$",
  lambda: for_random(lambda u, v: close(fd(lambda t: t @ v, u), v) and close(fd(lambda t: nrm(t) * nrm(v), u), nrm(v) * u / nrm(u)),
                     u=(-2, 2, 4), v=(-2, 2, 4)), 'grad f, grad g')


def _c08_quot(u, v):
    f = u @ v; g = nrm(u) * nrm(v); gf = v; gg = nrm(v) * u / nrm(u)
    a = fd(lambda t: cosf(t, v), u)
    b = (g * gf - f * gg) / g ** 2
    cc = (nrm(u) * nrm(v) * v - (u @ v) * nrm(v) * u / nrm(u)) / (nrm(u) ** 2 * nrm(v) ** 2)
    return close(a, b) and close(b, cc)


c(r"$$\nabla_u \frac{f}{g} = \frac{g\,\nabla f - f\,\nabla g}{g^2}", lambda: for_random(_c08_quot, u=(-2, 2, 4), v=(-2, 2, 4)), 'quotient rule')
c(r"Par symétrie, $\partial\cos(u,v)/\partial v",
  lambda: for_random(lambda u, v: close(fd(lambda t: cosf(u, t), v), (u / nrm(u) - cosf(u, v) * v / nrm(v)) / nrm(v)), u=(-2, 2, 4), v=(-2, 2, 4)),
  'gradient w.r.t. v')


def _c08_orth(u, v):
    g = fd(lambda t: cosf(t, v), u)
    a = (u @ v) / (nrm(u) * nrm(v)); b = (u @ v) / (nrm(u) ** 3 * nrm(v)) * nrm(u) ** 2
    return close(u @ g, a - b, atol=1e-7) and close(a - b, 0, atol=1e-12)


c(r"$$u^\top \frac{\partial \cos(u,v)}{\partial u} = ", lambda: for_random(_c08_orth, u=(-2, 2, 4), v=(-2, 2, 4)), 'Corollary B.5')
c(r"l'invariance d'échelle $\cos(cu, v) = \cos(u,v)$",
  lambda: for_random(lambda u, v, cc: close(cosf(cc * u, v), cosf(u, v)), u=(-2, 2, 4), v=(-2, 2, 4), cc=(0.01, 10)), 'scale invariance')


def _c08_B9(u):
    J = fdjac(lambda t: t / nrm(t), u)
    uh = u / nrm(u)
    P = np.eye(len(u)) - np.outer(uh, uh)
    return close(J, P / nrm(u)) and close(P @ P, P) and close(P, P.T) and close(P @ u, 0)


c(r"\frac{\partial \hat u}{\partial u} = \frac{1}{\|u\|}\bigl(I - \hat u\,\hat u^\top\bigr)", lambda: for_random(_c08_B9, u=(-2, 2, 4)), '(B.9) + projector')
c(r"Comme $\cos(u,v) = \hat u^\top \hat v$",
  lambda: for_random(lambda u, v: close(cosf(u, v), (u / nrm(u)) @ (v / nrm(v))), u=(-2, 2, 4), v=(-2, 2, 4)), 'cos = uhat.vhat')


def _c08_chain(u, v):
    uh = u / nrm(u); vh = v / nrm(v)
    J = (np.eye(len(u)) - np.outer(uh, uh)) / nrm(u)
    g = fd(lambda t: cosf(t, v), u)
    return close(g, J.T @ vh) and close(J.T @ vh, (vh - (uh @ vh) * uh) / nrm(u))


c(r"\Bigl(\frac{\partial \hat u}{\partial u}\Bigr)^{\!\top}\hat v = ", lambda: for_random(_c08_chain, u=(-2, 2, 4), v=(-2, 2, 4)), 'chain rule')
U08 = np.array([3.0, 4.0]); V08 = np.array([4.0, 3.0])
c(r"Alors $\|u\| = \|v\| = 5$ et $\cos(u,v) = 24/25 = 0{,}96$",
  lambda: nrm(U08) == 5 and nrm(V08) == 5 and close(cosf(U08, V08), 24 / 25) and close(24 / 25, 0.96), 'example norms and cosine')
c(r"\frac{\partial \cos}{\partial u} = \frac{v}{25} - \frac{0{,}96}{25}\,u",
  lambda: close(fd(lambda t: cosf(t, V08), U08), V08 / 25 - 0.96 / 25 * U08)
  and close(V08 / 25 - 0.96 / 25 * U08, np.array([4 - 2.88, 3 - 3.84]) / 25)
  and close(np.array([4 - 2.88, 3 - 3.84]), [1.12, -0.84]) and close(np.array([1.12, -0.84]) / 25, [0.0448, -0.0336]), 'example gradient')
c(r"Vérification du corollaire B.5 : $3 \cdot 0{,}0448",
  lambda: close(3 * 0.0448, 0.1344) and close(4 * -0.0336, -0.1344) and close(3 * 0.0448 + 4 * -0.0336, 0, atol=1e-12), 'orthogonality check')
c(r"le gradient est simplement l'opposé : $\nabla_u \mathcal{L} = (-0{,}0448;\ 0{,}0336)$",
  lambda: close(fd(lambda t: 1 - cosf(t, V08), U08), [-0.0448, 0.0336]) and close(U08 @ fd(lambda t: 1 - cosf(t, V08), U08), 0, atol=1e-8),
  'gradient of 1 - cos')
c(r"le gradient (B.8) explose comme $1/\|u\|$",
  lambda: for_random(lambda u, v: close(nrm(fd(lambda t: cosf(t, v), 1e-3 * u, h=1e-9)) * 1e-3, nrm(fd(lambda t: cosf(t, v), u)), rtol=1e-3),
                     u=(-2, 2, 3), v=(-2, 2, 3)), 'gradient scales like 1/||u||')

# =========================================================================
# 09  LayerNorm backward (lecture notes, Chinese)                    correct
# =========================================================================
c = file_claims('09_layernorm_backward_lecture.md')


def ln_parts(x, eps):
    D = len(x); mu = x.mean(); var = np.mean((x - mu) ** 2); s = np.sqrt(var + eps)
    return mu, var, s, (x - mu) / s


def ln_fwd(x, gam, bet, eps):
    return gam * ln_parts(x, eps)[3] + bet


c(r"$$\mu = \frac{1}{D}\sum_{i=1}^{D} x_i, \qquad \sigma^2",
  lambda: for_random(lambda x: close(ln_parts(x, 1e-5)[1], np.var(x)) and close(ln_parts(x, 1e-5)[0], np.mean(x)), x=(-2, 2, 5)), 'forward stats')


def _c09_param(x, gam, bet, g):
    L = lambda gg, bb: g @ ln_fwd(x, gg, bb, 1e-3)
    xh = ln_parts(x, 1e-3)[3]
    return close(fd(lambda gg: L(gg, bet), gam), g * xh) and close(fd(lambda bb: L(gam, bb), bet), g)


c(r"$$\frac{\partial L}{\partial \gamma_i} = g_i\,\hat x_i, \qquad",
  lambda: for_random(_c09_param, x=(-2, 2, 5), gam=(0.5, 2, 5), bet=(-1, 1, 5), g=(-1, 1, 5)), 'dgamma, dbeta')


def _c09_batch():
    X = RNG.normal(size=(4, 5)); G = RNG.normal(size=(4, 5)); gam = RNG.uniform(0.5, 2, 5); bet = RNG.normal(size=5)
    L = lambda gg, bb: sum(G[n] @ ln_fwd(X[n], gg, bb, 1e-3) for n in range(4))
    XH = np.stack([ln_parts(X[n], 1e-3)[3] for n in range(4)])
    return close(fd(lambda gg: L(gg, bet), gam), np.sum(G * XH, axis=0)) and close(fd(lambda bb: L(gam, bb), bet), G.sum(0))


c(r"对 batch：$\dfrac{\partial L}{\partial \gamma_i}", _c09_batch, 'batch parameter gradients')
c(r"先记 $\hat g_i = \partial L/\partial \hat x_i = g_i\,\gamma_i$",
  lambda: for_random(lambda xh, gam, bet, g: close(fd(lambda t: g @ (gam * t + bet), xh), g * gam), xh=(-2, 2, 5), gam=(0.5, 2, 5), bet=(-1, 1, 5), g=(-1, 1, 5)),
  'ghat')
c(r"$$\frac{\partial \mu}{\partial x_j} = \frac{1}{D},$$",
  lambda: for_random(lambda x: close(fd(lambda t: ln_parts(t, 0)[0], x), np.full(5, 1 / 5)), x=(-2, 2, 5)), 'dmu/dx')


def _c09_dvar(x):
    D = len(x); mu = x.mean()
    g = fd(lambda t: ln_parts(t, 0)[1], x)
    a = np.array([2 / D * np.sum((x - mu) * ((np.arange(D) == j) - 1 / D)) for j in range(D)])
    return close(g, a) and close(a, 2 / D * (x - mu)) and close(np.sum(x - mu), 0, atol=1e-12)


c(r"$$\frac{\partial \sigma^2}{\partial x_j} = \frac{2}{D}\sum_{i}", lambda: for_random(_c09_dvar, x=(-2, 2, 5)), 'dvar/dx')
c(r"（这里用到了 $\sum_i (x_i - \mu) = 0$）", lambda: for_random(lambda x: close(np.sum(x - x.mean()), 0, atol=1e-12), x=(-2, 2, 5)), 'sum of deviations')


def _c09_ds(x, eps):
    D = len(x); mu, var, s, xh = ln_parts(x, eps)
    g = fd(lambda t: ln_parts(t, eps)[2], x)
    a = 1 / (2 * s) * 2 / D * (x - mu)
    return close(g, a) and close(a, (x - mu) / (D * s)) and close((x - mu) / (D * s), xh / D)


c(r"$$\frac{\partial s}{\partial x_j} = \frac{1}{2s}", lambda: for_random(_c09_ds, x=(-2, 2, 5), eps=(0, 0.5)), 'ds/dx')


def _c09_jac(x, eps):
    D = len(x); mu, var, s, xh = ln_parts(x, eps)
    J = fdjac(lambda t: ln_parts(t, eps)[3], x)
    I = np.eye(D)
    a = (I - 1 / D) / s - np.outer(x - mu, xh / D) / s ** 2
    b = (I - 1 / D - np.outer(xh, xh) / D) / s
    return close(J, a) and close(a, b) and close(b, b.T)


c(r"$$\frac{\partial \hat x_i}{\partial x_j} = \frac{\delta_{ij} - \frac1D}{s}", lambda: for_random(_c09_jac, x=(-2, 2, 5), eps=(0, 0.5)), 'Jacobian of xhat')
c(r"注意这个雅可比矩阵是对称的", lambda: for_random(lambda x, eps: close(fdjac(lambda t: ln_parts(t, eps)[3], x), fdjac(lambda t: ln_parts(t, eps)[3], x).T), x=(-2, 2, 5), eps=(0, 0.5)),
  'symmetry')


def _c09_dx(x, eps, gam, g):
    D = len(x); mu, var, s, xh = ln_parts(x, eps)
    gh = g * gam
    G = fd(lambda t: g @ ln_fwd(t, gam, 0.0, eps), x)
    J = fdjac(lambda t: ln_parts(t, eps)[3], x)
    a = J.T @ gh
    b = (gh - gh.mean() - xh * np.mean(gh * xh)) / s
    cc = (D * gh - gh.sum() - xh * np.sum(gh * xh)) / (D * s)
    return close(G, a) and close(a, b) and close(b, cc)


c(r"$$\frac{\partial L}{\partial x_j} = \sum_{i}\hat g_i\,", lambda: for_random(_c09_dx, x=(-2, 2, 5), eps=(0, 0.5), gam=(0.5, 2, 5), g=(-1, 1, 5)), 'dL/dx')
c(r"$$\frac{\partial L}{\partial x} = \frac{1}{D\,s}", lambda: for_random(_c09_dx, x=(-2, 2, 5), eps=(0, 0.5), gam=(0.5, 2, 5), g=(-1, 1, 5)), 'one-line form')


def _c09_p1(x, eps, gam, g):
    mu, var, s, xh = ln_parts(x, eps); gh = g * gam
    G = fd(lambda t: g @ ln_fwd(t, gam, 0.0, eps), x)
    return (close(xh.sum(), 0, atol=1e-12) and close(G.sum(), 0, atol=1e-7)
            and close((gh.sum() - gh.sum() - 0) / s, 0) and close(ln_fwd(x + 0.7, gam, 0.0, eps), ln_fwd(x, gam, 0.0, eps)))


c(r"1. 因为 $\sum_j \hat x_j = 0$", lambda: for_random(_c09_p1, x=(-2, 2, 5), eps=(0, 0.5), gam=(0.5, 2, 5), g=(-1, 1, 5)), 'property 1')


def _c09_p2(x, gam, g):
    mu, var, s, xh = ln_parts(x, 0.0); gh = g * gam
    G = fd(lambda t: g @ ln_fwd(t, gam, 0.0, 0.0), x)
    return (close(np.sum(xh ** 2), len(x)) and close(xh @ G, 0, atol=1e-7)
            and close(ln_fwd(2.5 * x, gam, 0.0, 0.0), ln_fwd(x, gam, 0.0, 0.0)))


c(r"2. 当 $\epsilon = 0$ 时 $\sum_j \hat x_j^2 = D$", lambda: for_random(_c09_p2, x=(-2, 2, 5), gam=(0.5, 2, 5), g=(-1, 1, 5)), 'property 2')
X09 = np.array([1.0, 2.0, 3.0]); G09 = np.array([1.0, 0, 0])
MU09, VAR09, S09, XH09 = ln_parts(X09, 0.0)
DX09 = fd(lambda t: G09 @ ln_fwd(t, np.ones(3), 0.0, 0.0), X09)
c(r"上游梯度 $g = (1, 0, 0)$（即 $L = y_1$）",
  lambda: for_random(lambda y: close(np.array([1.0, 0, 0]) @ y, y[0]), y=(-2, 2, 3)), 'L = y_1')
c(r"- $\mu = 2$，$\sigma^2 = \frac{1 + 0 + 1}{3}",
  lambda: MU09 == 2 and close(VAR09, (1 + 0 + 1) / 3) and close(VAR09, 2 / 3) and R(VAR09, '0.6667') and close(S09, np.sqrt(2 / 3)) and R(S09, '0.8165'),
  'mu, var, s')
c(r"- $\hat x = \bigl(-\sqrt{3/2},\ 0,\ \sqrt{3/2}\bigr)",
  lambda: close(XH09, [-np.sqrt(1.5), 0, np.sqrt(1.5)]) and RV(XH09, ['-1.2247', '0', '1.2247']), 'xhat')
c(r"- $\hat g = g = (1, 0, 0)$",
  lambda: close(G09 * 1.0, [1, 0, 0]) and close(np.mean(G09), 1 / 3) and close(np.mean(G09 * XH09), -np.sqrt(1.5) / 3)
  and R(np.mean(G09 * XH09), '-0.4082'), 'ghat sums')
c(r"（注意 $\hat x_1\cdot\bigl(-\tfrac13\sqrt{3/2}\bigr)",
  lambda: close(XH09[0] * (-np.sqrt(1.5) / 3), (1 / 3) * 1.5) and close((1 / 3) * 1.5, 0.5), 'xhat_1 * mean')
c(r"\frac{\partial L}{\partial x_1} = \frac{1}{s}\Bigl(1 - \frac13 - \frac12\Bigr)",
  lambda: close(DX09[0], (1 - 1 / 3 - 1 / 2) / S09) and close((1 - 1 / 3 - 1 / 2) / S09, 1 / (6 * S09)) and R(1 / (6 * S09), '0.2041'), 'dL/dx1')
c(r"\frac{\partial L}{\partial x_2} = \frac{1}{s}\Bigl(0 - \frac13 - 0\Bigr)",
  lambda: close(DX09[1], (0 - 1 / 3 - 0) / S09) and close(-1 / (3 * S09), (0 - 1 / 3) / S09) and R(-1 / (3 * S09), '-0.4082'), 'dL/dx2')
c(r"\frac{\partial L}{\partial x_3} = \frac{1}{s}\Bigl(0 - \frac13 + \frac12\Bigr)",
  lambda: close(DX09[2], (0 - 1 / 3 + 1 / 2) / S09) and close((0 - 1 / 3 + 1 / 2) / S09, 1 / (6 * S09)) and R(1 / (6 * S09), '0.2041'), 'dL/dx3')
c(r"和为 $0.2041 - 0.4082 + 0.2041 = 0$",
  lambda: close(0.2041 - 0.4082 + 0.2041, 0, atol=1e-12) and close(DX09.sum(), 0, atol=1e-7)
  and RV(fd(lambda gg: G09 @ ln_fwd(X09, gg, 0.0, 0.0), np.ones(3)), ['-1.2247', '0', '0'])
  and close(fd(lambda bb: G09 @ ln_fwd(X09, np.ones(3), bb, 0.0), np.zeros(3)), [1, 0, 0]), 'sum and parameter gradients')

# =========================================================================
# 10  GRU backward (OCR handwriting, English)                        correct
# =========================================================================
c = file_claims('10_gru_backward_handwritten.md')
GRU_KEYS = ['Wz', 'Uz', 'bz', 'Wr', 'Ur', 'br', 'Wh', 'Uh', 'bh']


def gru_parts(P, x, h):
    az = P['Wz'] * x + P['Uz'] * h + P['bz']; z = sig(az)
    ar = P['Wr'] * x + P['Ur'] * h + P['br']; r = sig(ar)
    ah = P['Wh'] * x + P['Uh'] * (r * h) + P['bh']; ht = np.tanh(ah)
    return dict(az=az, z=z, ar=ar, r=r, ah=ah, ht=ht, hn=(1 - z) * h + z * ht)


def gru_rand():
    P = {k: RNG.uniform(-1.5, 1.5) for k in GRU_KEYS}
    return P, RNG.uniform(-1, 1), RNG.uniform(-1, 1), RNG.uniform(-2, 2)


def gru_dparam(P, x, h, delta, key):
    def f(v):
        Q = dict(P); Q[key] = v
        return delta * gru_parts(Q, x, h)['hn']
    return fd(f, P[key])


def gru_deltas(P, x, h, delta):
    q = gru_parts(P, x, h)
    daz = delta * (q['ht'] - h) * q['z'] * (1 - q['z'])
    dah = delta * q['z'] * (1 - q['ht'] ** 2)
    dar = dah * P['Uh'] * h * q['r'] * (1 - q['r'])
    return q, daz, dah, dar


def gru_test(check, n=20):
    for _ in range(n):
        P, x, h, delta = gru_rand()
        if not check(P, x, h, delta):
            return False
    return True


c(r"$h' = (1-z)h + z \tilde h$", lambda: gru_test(lambda P, x, h, d: close(gru_parts(P, x, h)['hn'], (1 - gru_parts(P, x, h)['z']) * h + gru_parts(P, x, h)['z'] * gru_parts(P, x, h)['ht'])), 'forward')
c(r"$\partial h'/\partial z = \tilde h - h$",
  lambda: for_random(lambda z, h, ht: close(fd(lambda t: (1 - t) * h + t * ht, z), ht - h), z=(0, 1), h=(-1, 1), ht=(-1, 1)), "dh'/dz")
c(r"$\partial h'/\partial \tilde h = z$",
  lambda: for_random(lambda z, h, ht: close(fd(lambda t: (1 - z) * h + z * t, ht), z), z=(0, 1), h=(-1, 1), ht=(-1, 1)), "dh'/dht")
c(r"(direct only) $= 1-z$",
  lambda: for_random(lambda z, h, ht: close(fd(lambda t: (1 - z) * t + z * ht, h), 1 - z), z=(0, 1), h=(-1, 1), ht=(-1, 1)), "dh'/dh direct")
c(r"$\sigma'(a)=\sigma(a)(1-\sigma(a))$",
  lambda: for_random(lambda a: close(fd(sig, a), sig(a) * (1 - sig(a))) and close(fd(np.tanh, a), 1 - np.tanh(a) ** 2), a=(-4, 4)), "sigma', tanh'")
c(r"$\delta_{a_z} = \delta\,(\tilde h - h)\,z(1-z)$",
  lambda: gru_test(lambda P, x, h, d: close(gru_dparam(P, x, h, d, 'bz'), gru_deltas(P, x, h, d)[1])), 'delta_az')
c(r"$\delta_{a_h} = \delta \, z \,(1-\tilde h^2)$",
  lambda: gru_test(lambda P, x, h, d: close(gru_dparam(P, x, h, d, 'bh'), gru_deltas(P, x, h, d)[2])), 'delta_ah')


def _c10_dar(P, x, h, d):
    ok = close(gru_dparam(P, x, h, d, 'br'), gru_deltas(P, x, h, d)[3])
    # d a_h / d r = U_h h
    ok &= close(fd(lambda r: P['Wh'] * x + P['Uh'] * (r * h) + P['bh'], 0.3), P['Uh'] * h)
    return ok


c(r"$\delta_{a_r} = \delta_{a_h}\,U_h\, h\; r(1-r)$", lambda: gru_test(_c10_dar), 'delta_ar')


def _c10_w(P, x, h, d):
    q, daz, dah, dar = gru_deltas(P, x, h, d)
    return (close(gru_dparam(P, x, h, d, 'Uz'), daz * h) and close(gru_dparam(P, x, h, d, 'Uh'), dah * q['r'] * h)
            and close(gru_dparam(P, x, h, d, 'Ur'), dar * h))


def _c10_w2(P, x, h, d):
    q, daz, dah, dar = gru_deltas(P, x, h, d)
    return close(gru_dparam(P, x, h, d, 'Wz'), daz * x) and close(gru_dparam(P, x, h, d, 'bz'), daz)


c(r"$\partial L/\partial U_z = \delta_{a_z} h$ ,", lambda: gru_test(_c10_w), 'dU_z, dU_h, dU_r')
c(r"$\partial L/\partial W_z = \delta_{a_z}x$", lambda: gru_test(_c10_w2), 'dW_z, db_z')


def _c10_dh(P, x, h, d):
    q, daz, dah, dar = gru_deltas(P, x, h, d)
    claimed = d * (1 - q['z']) + daz * P['Uz'] + dah * P['Uh'] * q['r'] + dar * P['Ur']
    return close(fd(lambda t: d * gru_parts(P, x, t)['hn'], h), claimed)


c(r"$\partial L/\partial h = \delta(1-z) + \delta_{a_z}U_z", lambda: gru_test(_c10_dh), 'dL/dh (4 paths)')
P10 = dict(Wz=0.5, Uz=-1.0, bz=0.0, Wr=1.0, Ur=1.0, br=-1.0, Wh=1.0, Uh=2.0, bh=0.0)
Q10 = gru_parts(P10, 1.0, 0.5)
_, DAZ10, DAH10, DAR10 = gru_deltas(P10, 1.0, 0.5, 1.0)
c(r"$a_z = 0.5 - 0.5 = 0$", lambda: Q10['az'] == 0 and 0.5 - 0.5 == 0 and Q10['z'] == 0.5, 'a_z, z')
c(r"$a_r = 1 + 0.5 - 1 = 0.5$", lambda: close(Q10['ar'], 0.5) and R(sig(0.5), '0.6225'), 'a_r, r')
c(r"$a_h = 1 + 2(0.6225)(0.5) = 1.6225$",
  lambda: R(1 + 2 * 0.6225 * 0.5, '1.6225') and R(Q10['ah'], '1.6225') and R(np.tanh(1.6225), '0.9250') and R(Q10['ht'], '0.9250'), 'a_h, htilde')
c(r"$h' = 0.5(0.5) + 0.5(0.9250) = 0.7125$", lambda: R(0.25 + 0.5 * 0.9250, '0.7125') and R(Q10['hn'], '0.7125'), "h'")
c(r"$\delta_{a_z} = (0.9250-0.5)(0.5)(0.5) = 0.106$", lambda: R((0.9250 - 0.5) * 0.25, '0.106') and R(DAZ10, '0.106'), 'delta_az numeric')
c(r"$\delta_{a_h} = 0.5\,(1-0.9250^2) = 0.5(0.1444) = 0.0722$",
  lambda: R(1 - 0.9250 ** 2, '0.1444') and R(0.5 * 0.1444, '0.0722') and R(DAH10, '0.0722'), 'delta_ah numeric')
c(r"$r(1-r) = 0.6225 \cdot 0.3775 = 0.2350$",
  lambda: R(0.6225 * 0.3775, '0.2350') and R(Q10['r'] * (1 - Q10['r']), '0.2350') and R(1 - 0.6225, '0.3775'), 'r(1-r)')
c(r"$\delta_{a_r} = 0.0722\cdot 2\cdot 0.5\cdot 0.2350 = 0.0170$",
  lambda: R(0.0722 * 2 * 0.5 * 0.2350, '0.0170') and R(DAR10, '0.0170'), 'delta_ar numeric')
DH10 = fd(lambda t: gru_parts(P10, 1.0, t)['hn'], 0.5)
c(r"$\partial L/\partial h = 0.5 + 0.106(-1) + 0.0722(2)(0.6225) + 0.0170(1)$",
  lambda: close(DH10, (1 - Q10['z']) + DAZ10 * P10['Uz'] + DAH10 * P10['Uh'] * Q10['r'] + DAR10 * P10['Ur'])
  and R(DAZ10, '0.106') and R(DAH10, '0.0722') and R(Q10['r'], '0.6225') and R(DAR10, '0.0170') and close(1 - Q10['z'], 0.5), 'dL/dh terms')
c(r"$= 0.5 - 0.106 + 0.0899 + 0.0170 = 0.501$",
  lambda: close(0.106 * -1, -0.106) and R(0.0722 * 2 * 0.6225, '0.0899') and R(0.5 - 0.106 + 0.0899 + 0.0170, '0.501') and R(DH10, '0.501'),
  'dL/dh numeric')
c(r"check w/ finite diff. (h = 0.5 +- 1e-4) : 0.5006",
  lambda: R((gru_parts(P10, 1.0, 0.5 + 1e-4)['hn'] - gru_parts(P10, 1.0, 0.5 - 1e-4)['hn']) / 2e-4, '0.5006'), 'finite difference')
c(r"$\partial L/\partial U_z = 0.106 \times 0.5 = 0.053$",
  lambda: R(0.106 * 0.5, '0.053') and R(gru_dparam(P10, 1.0, 0.5, 1.0, 'Uz'), '0.053')
  and R(0.0722 * 0.6225 * 0.5, '0.0225') and R(gru_dparam(P10, 1.0, 0.5, 1.0, 'Uh'), '0.0225'), 'dU_z, dU_h numeric')

# =========================================================================
# 11  BPTT, scalar RNN (OCR handwriting, Italian)                    planted
# =========================================================================
c = file_claims('11_bptt_rnn_scalare_appunti.md')


def rnn(w, u, xs, y, off=None):
    T = len(xs); off = np.zeros(T) if off is None else off
    h = [0.0]; a = [None]
    for t in range(T):
        at = w * h[-1] + u * xs[t] + off[t]
        a.append(at); h.append(np.tanh(at))
    return a, h, 0.5 * (h[T] - y) ** 2


def rnn_deltas(w, u, xs, y):
    return fd(lambda e: rnn(w, u, xs, y, e)[2], np.zeros(len(xs)))   # delta_t = dL/da_t, t = 1..T


def rnn_test(check, n=20):
    for _ in range(n):
        w, u, y = RNG.uniform(-1.5, 1.5, 3); xs = RNG.uniform(-1, 1, 3)
        if not check(w, u, xs, y):
            return False
    return True


def _c11_dT(w, u, xs, y):
    a, h, L = rnn(w, u, xs, y); d = rnn_deltas(w, u, xs, y)
    return close(d[-1], (h[3] - y) * (1 - h[3] ** 2))


def _c11_rec(w, u, xs, y):
    a, h, L = rnn(w, u, xs, y); d = rnn_deltas(w, u, xs, y)   # d[t-1] = delta_t
    return all(close(d[t - 1], d[t] * w * (1 - h[t + 1] ** 2)) for t in (1, 2))


def _c11_gw(w, u, xs, y):
    a, h, L = rnn(w, u, xs, y); d = rnn_deltas(w, u, xs, y)
    gw = fd(lambda v: rnn(v, u, xs, y)[2], w)
    return close(gw, sum(d[t - 1] * h[t - 1] for t in (1, 2, 3)))


def _c11_gu(w, u, xs, y):
    a, h, L = rnn(w, u, xs, y); d = rnn_deltas(w, u, xs, y)
    gu = fd(lambda v: rnn(w, v, xs, y)[2], u)
    return close(gu, sum(d[t - 1] * xs[t - 1] for t in (1, 2, 3)))


c(r"$\delta_T = (h_T - y)\,(1-h_T^2)$", lambda: rnn_test(_c11_dT), 'delta_T')
c(r"$\delta_t = \delta_{t+1}\, w\,(1 - h_{t+1}^2)$", lambda: rnn_test(_c11_rec), 'backward recursion')
c(r"$\partial L/\partial w = \sum_{t=1}^{T} \delta_t\, h_{t-1}$", lambda: rnn_test(_c11_gw), 'dL/dw = sum delta h')
c(r"$\partial L/\partial u = \sum_{t=1}^{T}\delta_t\,x_t$", lambda: rnn_test(_c11_gu), 'dL/du = sum delta x')
W11, U11, XS11, Y11 = 1.5, 1.0, np.array([1.0, 0.5, -1.0]), 0.5
A11, H11, L11 = rnn(W11, U11, XS11, Y11)
D11 = rnn_deltas(W11, U11, XS11, Y11)
GW11 = fd(lambda v: rnn(v, U11, XS11, Y11)[2], W11); GU11 = fd(lambda v: rnn(W11, v, XS11, Y11)[2], U11)
c(r"$a_1 = 1.0$            $h_1 = \tanh(1) = 0.7616$", lambda: close(A11[1], 1.0) and R(H11[1], '0.7616'), 'a1, h1')
c(r"$a_2 = 1.5(0.7616) + 0.5 = 1.6424$",
  lambda: R(1.5 * 0.7616 + 0.5, '1.6424') and R(A11[2], '1.6424') and R(H11[2], '0.9278') and R(np.tanh(1.6424), '0.9278'), 'a2, h2')
c(r"$a_3 = 1.5(0.9278) - 1 = 0.3917$",
  lambda: R(1.5 * 0.9278 - 1, '0.3917') and R(A11[3], '0.3917') and R(H11[3], '0.3728') and R(np.tanh(0.3917), '0.3728'), 'a3, h3')
c(r"$L = \frac12(0.3728-0.5)^2 = \frac12 (0.0162) = 0.0081$",
  lambda: R((0.3728 - 0.5) ** 2, '0.0162') and R(0.5 * 0.0162, '0.0081') and R(L11, '0.0081'), 'L')
c(r"$\delta_3 = (0.3728 - 0.5)(1 - 0.3728^2)",
  lambda: R(0.3728 - 0.5, '-0.1272') and R(1 - 0.3728 ** 2, '0.8610') and R(-0.1272 * 0.8610, '-0.1095') and R(D11[2], '-0.1095'), 'delta_3')
c(r"$\delta_2 = \delta_3 \cdot 1.5\cdot(1-0.3728^2)",
  lambda: close(D11[1], D11[2] * 1.5 * (1 - H11[3] ** 2)) and R(-0.1095 * 1.5 * 0.8610, '-0.1414') and R(D11[1], '-0.1414'), 'delta_2')
c(r"$\delta_1 = \delta_2\cdot 1.5 \cdot (1 - 0.9278^2)",
  lambda: R(1 - 0.9278 ** 2, '0.1392') and R(-0.1414 * 1.5 * 0.1392, '-0.0295') and R(D11[0], '-0.0295'), 'delta_1')
c(r"$\partial L/\partial w = \delta_3 h_2 + \delta_2 h_1 + \delta_1 h_0$",
  lambda: close(GW11, D11[2] * H11[2] + D11[1] * H11[1] + D11[0] * H11[0]), 'dL/dw expanded')
c(r"$= (-0.1095)(0.9278) + (-0.1414)(0.7616) + 0",
  lambda: R(-0.1095 * 0.9278, '-0.1016') and R(-0.1414 * 0.7616, '-0.1077') and R(-0.1016 - 0.1077, '-0.2093') and R(GW11, '-0.2093'), 'dL/dw numeric')
c(r"$\partial L/\partial u = \delta_3 x_3 + \delta_2 x_2 + \delta_1 x_1$",
  lambda: close(GU11, D11[2] * XS11[2] + D11[1] * XS11[1] + D11[0] * XS11[0]), 'dL/du expanded')
c(r"$= (-0.1095)(-1) + (-0.1414)(0.5) + (-0.0295)(1)",
  lambda: R(-0.1414 * 0.5, '-0.0707') and R(0.1095 - 0.0707 - 0.0295, '0.0093') and R(GU11, '0.0093'), 'dL/du numeric')
c(r"w <- 1.5 - 0.1(-0.2093) = 1.5209", lambda: R(1.5 + 0.02093, '1.5209') and R(W11 - 0.1 * GW11, '1.5209'), 'SGD w')
c(r"u <- 1.0 - 0.1(0.0093) = 0.9991", lambda: R(1.0 - 0.00093, '0.9991') and R(U11 - 0.1 * GU11, '0.9991'), 'SGD u')
c(r"nota: $h_2 \approx 0.93$", lambda: R(H11[2], '0.93') and (1 - H11[2] ** 2) < 0.2 and abs(D11[0]) < abs(D11[2]), 'remark')

# =========================================================================
# 12  conv1d sizes / receptive field / backward (exam key, Russian)  correct
# =========================================================================
c = file_claims('12_conv1d_backward_reshenie.md')


def conv1d(x, w, b=0.0, s=1, d=1, p=0):
    xp = np.concatenate([np.zeros(p), np.asarray(x, float), np.zeros(p)])
    K = len(w); out = []
    i = 0
    while i * s + d * (K - 1) < len(xp):          # brute force: every window that fits
        out.append(b + sum(w[k] * xp[i * s + k * d] for k in range(K)))
        i += 1
    return np.array(out)


def _c12_lout():
    for Lin in range(1, 40):
        for K in (1, 2, 3, 5):
            for p in (0, 1, 2):
                for s in (1, 2, 3):
                    for d in (1, 2, 3):
                        if Lin + 2 * p < d * (K - 1) + 1:
                            continue
                        if len(conv1d(np.ones(Lin), np.ones(K), s=s, d=d, p=p)) != (Lin + 2 * p - d * (K - 1) - 1) // s + 1:
                            return False
    return True


def _c12_span():
    return all(len(range(0, d * (K - 1) + 1, d)) == K and (d * (K - 1) + 1) == (K - 1) * d + 1 for K in (1, 3, 5) for d in (1, 2, 4))


c(r"Дилатированное ядро покрывает $d(K-1)+1$ позиций", _c12_span, 'dilated kernel span')
c(r"$$L_{\text{out}} = \left\lfloor \frac{L_{\text{in}} + 2p - d(K-1) - 1}{s} \right\rfloor + 1 .$$", _c12_lout, 'output-size formula')
c(r"\frac{100 + 4 - 8 - 1}{2}\right\rfloor + 1",
  lambda: 100 + 4 - 8 - 1 == 95 and 95 / 2 == 47.5 and np.floor(47.5) + 1 == 48
  and len(conv1d(np.ones(100), np.ones(5), s=2, d=2, p=2)) == 48, 'example size')
c(r"$16\cdot 32\cdot 5 + 32 = 2592$", lambda: 16 * 32 * 5 + 32 == 2592, 'parameter count')


def receptive_field(layers, n_in=200):
    """Brute force: how many input positions influence one output of the stack."""
    def f(x):
        for K, s, d in layers:
            x = conv1d(x, RNG_RF.uniform(0.5, 1.5, K) * 0 + 1.0, s=s, d=d)
        return x
    x0 = np.zeros(n_in)
    y0 = f(x0)
    j = len(y0) // 2
    infl = [i for i in range(n_in) if f(np.eye(n_in)[i])[j] != 0]
    return max(infl) - min(infl) + 1


RNG_RF = np.random.default_rng(1)


def rf_formula(layers):
    r = 1; prod = 1
    for K, s, d in layers:
        r += (K - 1) * d * prod; prod *= s
    return r


def _c12_rf_general():
    for layers in ([(3, 1, 1), (3, 1, 2), (3, 1, 4)], [(5, 2, 1), (3, 2, 1), (3, 1, 1)], [(3, 2, 2), (2, 3, 1), (4, 1, 3)], [(7, 1, 1)]):
        if receptive_field(layers) != rf_formula(layers):
            return False
    return True


c(r"$$r = 1 + \sum_{l=1}^{N} (K_l - 1)\, d_l \prod_{m=1}^{l-1} s_m .$$", _c12_rf_general, 'receptive-field formula')
c(r"(как в WaveNet): $r = 1 + 2\cdot(1 + 2 + 4) = 15$",
  lambda: 1 + 2 * (1 + 2 + 4) == 15 and receptive_field([(3, 1, 1), (3, 1, 2), (3, 1, 4)]) == 15, 'RF example 1')
c(r"без дилатации: $r = 1 + 4\cdot 1 + 2\cdot 2 + 2\cdot 4 = 17$",
  lambda: 1 + 4 * 1 + 2 * 2 + 2 * 4 == 17 and receptive_field([(5, 2, 1), (3, 2, 1), (3, 1, 1)]) == 17, 'RF example 2')


def _c12_grads():
    for (s, d) in ((1, 1), (2, 1), (1, 2), (2, 3)):
        x = RNG.normal(size=17); w = RNG.normal(size=3); b = RNG.normal()
        g = RNG.normal(size=len(conv1d(x, w, b, s, d)))
        Lf = lambda xx, ww, bb: g @ conv1d(xx, ww, bb, s, d)
        idx = range(len(g))
        gw = np.array([sum(g[i] * x[i * s + k * d] for i in idx) for k in range(3)])
        gx = np.array([sum(g[i] * w[k] for i in idx for k in range(3) if i * s + k * d == j) for j in range(17)])
        if not (close(fd(lambda ww: Lf(x, ww, b), w), gw) and close(fd(lambda bb: Lf(x, w, bb), b), g.sum())
                and close(fd(lambda xx: Lf(xx, w, b), x), gx)):
            return False
    return True


c(r"$$\frac{\partial L}{\partial w[k]} = \sum_{i} g[i]\; x[i\,s + k\,d]", _c12_grads, 'dL/dw, dL/db')
c(r"$$\frac{\partial L}{\partial x[j]} = \sum_{\substack{i,\,k:", _c12_grads, 'dL/dx (index sum)')


def _c12_full():
    x = RNG.normal(size=9); w = RNG.normal(size=3); g = RNG.normal(size=7)
    gx = fd(lambda xx: g @ conv1d(xx, w), x)
    G = lambda i: g[i] if 0 <= i < len(g) else 0.0
    a = np.array([sum(G(j - k) * w[k] for k in range(3)) for j in range(9)])
    b = np.convolve(g, w, mode='full')
    cc = conv1d(np.concatenate([np.zeros(2), g, np.zeros(2)]), w[::-1])
    return close(gx, a) and close(a, b) and close(b, cc)


c(r"При $s = d = 1$ это $\dfrac{\partial L}{\partial x[j]} = \sum_{k} g[j-k]\,w[k]$", _c12_full, 'full convolution')
X12 = np.array([1, 2, -1, 0, 3.0]); W12 = np.array([1, -1, 2.0]); G12 = np.array([1, 0, -1.0])
Y12 = conv1d(X12, W12)
c(r"w = (1,\ -1,\ 2), \qquad L_{\text{out}} = 5 - 3 + 1 = 3", lambda: len(Y12) == 3 and 5 - 3 + 1 == 3, 'L_out example')
c(r"$$y[0] = 1 - 2 - 2 = -3",
  lambda: close(Y12, [-3, 3, 5]) and 1 - 2 - 2 == -3 and 2 + 1 + 0 == 3 and -1 - 0 + 6 == 5
  and close([W12[0] * X12[0], W12[1] * X12[1], W12[2] * X12[2]], [1, -2, -2])
  and close([W12[0] * X12[1], W12[1] * X12[2], W12[2] * X12[3]], [2, 1, 0])
  and close([W12[0] * X12[2], W12[1] * X12[3], W12[2] * X12[4]], [-1, 0, 6]), 'forward')
L12 = lambda x, w, b=0.0: G12 @ conv1d(x, w, b)
c(r"= (1 + 1,\ 2 - 0,\ -1 - 3) = (2,\ 2,\ -4)",
  lambda: close(fd(lambda w: L12(X12, w), W12), [2, 2, -4])
  and close([G12 @ X12[0:3], G12 @ X12[1:4], G12 @ X12[2:5]], [1 + 1, 2 - 0, -1 - 3])
  and close([G12[0] * X12[0], G12[2] * X12[2]], [1, 1]) and close([G12[0] * X12[2], G12[2] * X12[4]], [-1, -3]), 'dL/dw numeric')
c(r"$$\frac{\partial L}{\partial b} = 1 + 0 - 1 = 0,$$", lambda: close(fd(lambda b: L12(X12, W12, b), 0.0), 0) and 1 + 0 - 1 == 0, 'dL/db numeric')
c(r"g_1w_2 + g_2w_1,\ g_2w_2\bigr) = (1,\ -1,\ 1,\ 1,\ -2)",
  lambda: close(fd(lambda x: L12(x, W12), X12), [1, -1, 1, 1, -2])
  and close([G12[0] * W12[0], G12[0] * W12[1] + G12[1] * W12[0], G12[0] * W12[2] + G12[1] * W12[1] + G12[2] * W12[0],
             G12[1] * W12[2] + G12[2] * W12[1], G12[2] * W12[2]], [1, -1, 1, 1, -2]), 'dL/dx numeric')
c(r"*Проверка:* если $L = \sum_i g[i]\,y[i] = -3 - 5 = -8$",
  lambda: close(L12(X12, W12), -8) and -3 - 5 == -8 and close(W12 @ np.array([2, 2, -4.0]), -8) and 2 - 2 - 8 == -8
  and close(X12 @ np.array([1, -1, 1, 1, -2.0]), -8) and 1 - 2 - 1 + 0 - 6 == -8
  and close([W12[0] * 2, W12[1] * 2, W12[2] * -4], [2, -2, -8]) and close(X12 * [1, -1, 1, 1, -2], [1, -2, -1, 0, -6]), 'linearity check')

# =========================================================================
# 13  depthwise-separable conv counts (study-group memo, Japanese)   correct
# =========================================================================
c = file_claims('13_depthwise_separable_benkyoukai.md')


def out_positions(H, k, s, p):
    """Brute force: number of k-wide windows with stride s that fit into the padded input."""
    n = 0
    while n * s + k <= H + 2 * p:
        n += 1
    return n


def conv_params(cin, cout, k, groups=1, bias=True):
    w = np.zeros((cout, cin // groups, k, k))
    return w.size + (cout if bias else 0)


def macs(H, W, cin, cout, k, s, p, groups=1):
    """Count multiply-adds by looping over output positions and output channels."""
    ho, wo = out_positions(H, k, s, p), out_positions(W, k, s, p)
    return ho * wo * cout * (cin // groups) * k * k


c(r"\left\lfloor \frac{112 + 2 - 3}{1} \right\rfloor + 1 = 112",
  lambda: out_positions(112, 3, 1, 1) == 112 and (112 + 2 - 3) // 1 + 1 == 112
  and all(out_positions(H, k, s, p) == (H + 2 * p - k) // s + 1 for H in range(5, 40) for k in (1, 2, 3, 5) for s in (1, 2, 3) for p in (0, 1, 2)),
  'output size formula and value')
c(r"3\cdot 3\cdot 32\cdot 64 + 64 = 18432 + 64 = 18496",
  lambda: conv_params(32, 64, 3) == 18496 and 3 * 3 * 32 * 64 == 18432 and 18432 + 64 == 18496, 'standard conv params')
c(r"- depthwise：$k^2\,C_{\text{in}} + C_{\text{in}} = 9\cdot 32 + 32",
  lambda: conv_params(32, 32, 3, groups=32) == 320 and 9 * 32 == 288 and 288 + 32 == 320, 'depthwise params')
c(r"- pointwise：$C_{\text{in}}\,C_{\text{out}} + C_{\text{out}} = 32\cdot 64 + 64",
  lambda: conv_params(32, 64, 1) == 2112 and 32 * 64 == 2048 and 2048 + 64 == 2112, 'pointwise params')
c(r"- 合計：$320 + 2112 = 2432$", lambda: 320 + 2112 == 2432 and conv_params(32, 32, 3, 32) + conv_params(32, 64, 1) == 2432, 'total')


def _c13_ratio():
    ok = True
    for cin, cout, k in ((32, 64, 3), (16, 48, 5), (8, 8, 3)):
        r = (k * k * cin + cin * cout) / (k * k * cin * cout)
        ok &= close(r, 1 / cout + 1 / k ** 2)
        ok &= close((conv_params(cin, cin, k, cin, False) + conv_params(cin, cout, 1, 1, False)) / conv_params(cin, cout, k, 1, False), r)
    ok &= R(1 / 64 + 1 / 9, '0.1267')
    return ok


c(r"= \frac{1}{C_{\text{out}}} + \frac{1}{k^2} = \frac{1}{64} + \frac{1}{9} \approx 0.1267", _c13_ratio, 'ratio')
c(r"約 $1/8$ 強。", lambda: 1 / 64 + 1 / 9 > 1 / 8 and (1 / 64 + 1 / 9) - 1 / 8 < 0.01 and 1 / 4096 + 1 / 9 < 1 / 64 + 1 / 9, 'slightly above 1/8')
c(r"$$\text{通常}: \quad 112\cdot 112\cdot 3\cdot 3\cdot 32\cdot 64",
  lambda: macs(112, 112, 32, 64, 3, 1, 1) == 231211008 and 112 * 112 == 12544 and 12544 * 18432 == 231211008, 'standard MACs')
c(r"$$\text{separable}: \quad 112\cdot 112\,(9\cdot 32 + 32\cdot 64)",
  lambda: macs(112, 112, 32, 32, 3, 1, 1, 32) + macs(112, 112, 32, 64, 1, 1, 0) == 29302784
  and 9 * 32 + 32 * 64 == 2336 and 12544 * 2336 == 29302784, 'separable MACs')
c(r"比はやはり $29{,}302{,}784 / 231{,}211{,}008 \approx 0.1267$", lambda: R(29302784 / 231211008, '0.1267') and close(29302784 / 231211008, 2336 / 18432), 'MAC ratio')
c(r"\left\lfloor \frac{112 + 2\cdot 1 - 3}{2} \right\rfloor + 1 = \lfloor 55.5 \rfloor + 1 = 56",
  lambda: out_positions(112, 3, 2, 1) == 56 and (112 + 2 - 3) / 2 == 55.5 and np.floor(55.5) + 1 == 56, 'stride-2 size')
c(r"stride 2 の max pooling を入れると $\lfloor (56 - 2)/2 \rfloor + 1 = 28$",
  lambda: out_positions(56, 2, 2, 0) == 28 and (56 - 2) // 2 + 1 == 28, 'pooling size')


def _c13_pool():
    x = RNG.normal(size=(6, 6))
    f = lambda t: np.sum(np.array([[t[2 * i:2 * i + 2, 2 * j:2 * j + 2].max() for j in range(3)] for i in range(3)]) * G)
    G = RNG.normal(size=(3, 3))
    g = fd(f, x)
    ok = True
    for i in range(3):
        for j in range(3):
            blk = x[2 * i:2 * i + 2, 2 * j:2 * j + 2]; gb = g[2 * i:2 * i + 2, 2 * j:2 * j + 2]
            m = np.unravel_index(np.argmax(blk), (2, 2))
            exp = np.zeros((2, 2)); exp[m] = G[i, j]
            ok &= close(gb, exp)
    return ok and np.count_nonzero(np.abs(g) > 1e-9) <= 9


c(r"max pooling の逆伝播は？", _c13_pool, 'max-pool backward')
c(r"$$k^2\cdot\frac{C_{\text{in}}}{g}\cdot C_{\text{out}} .$$",
  lambda: all(conv_params(cin, cout, k, g, False) == k * k * (cin // g) * cout for cin, cout, k, g in ((32, 64, 3, 4), (16, 16, 5, 16), (12, 24, 1, 3))),
  'group-conv params')
c(r"例えば $g = 4$ なら $9 \cdot 8 \cdot 64 = 4608$",
  lambda: conv_params(32, 64, 3, 4, False) == 4608 and 9 * 8 * 64 == 4608 and conv_params(32, 32, 3, 32, False) == 288 and 9 * 1 * 32 == 288,
  'group-conv examples')
c(r"$\alpha = 0.5$ のとき depthwise の重みは $9\cdot 16 = 144$",
  lambda: conv_params(16, 16, 3, 16, False) == 144 and conv_params(16, 32, 1, 1, False) == 512 and 9 * 16 == 144 and 16 * 32 == 512
  and macs(112, 112, 16, 32, 1, 1, 0) * 4 == macs(112, 112, 32, 64, 1, 1, 0)
  and macs(112, 112, 16, 16, 3, 1, 1, 16) * 2 == macs(112, 112, 32, 32, 3, 1, 1, 32),
  'width multiplier')
c(r"BN のパラメータ（$\gamma, \beta$）は $2C$ 個ずつ", lambda: all(np.zeros(C).size + np.zeros(C).size == 2 * C for C in (32, 64)), 'BN params')

# =========================================================================
# 14  SGD / momentum / RMSProp / Adam by hand (lecture, Polish)      planted
# =========================================================================
c = file_claims('14_adam_recznie_wyklad.md')
grad14 = lambda th: 2 * th


def sgd14(T, lr=0.1):
    th = [1.0]
    for _ in range(T):
        th.append(th[-1] - lr * grad14(th[-1]))
    return th


def mom14(T, lr=0.1, mu=0.9):
    th = [1.0]; v = [0.0]; g = [None]
    for _ in range(T):
        g.append(grad14(th[-1])); v.append(mu * v[-1] + g[-1]); th.append(th[-1] - lr * v[-1])
    return th, v, g


def rms14(T, lr=0.1, rho=0.9):
    th = [1.0]; s = [0.0]; g = [None]
    for _ in range(T):
        g.append(grad14(th[-1])); s.append(rho * s[-1] + (1 - rho) * g[-1] ** 2); th.append(th[-1] - lr * g[-1] / np.sqrt(s[-1]))
    return th, s, g


def adam14(T, lr=0.1, b1=0.9, b2=0.999, eps=1e-8):
    th = [1.0]; m = [0.0]; v = [0.0]; mh = [None]; vh = [None]; g = [None]
    for t in range(1, T + 1):
        g.append(grad14(th[-1])); m.append(b1 * m[-1] + (1 - b1) * g[-1]); v.append(b2 * v[-1] + (1 - b2) * g[-1] ** 2)
        mh.append(m[-1] / (1 - b1 ** t)); vh.append(v[-1] / (1 - b2 ** t))
        th.append(th[-1] - lr * mh[-1] / (np.sqrt(vh[-1]) + eps))
    return dict(th=th, m=m, v=v, mh=mh, vh=vh, g=g)


S14 = sgd14(2); M14 = mom14(2); RM14 = rms14(2); AD14 = adam14(2)
c(r"$$f(\theta) = \theta^2, \qquad f'(\theta) = 2\theta,$$", lambda: for_random(lambda t: close(fd(lambda x: x ** 2, t), 2 * t), t=(-3, 3)), "f'")
c(r"$$\theta_1 = 1 - 0{,}1\cdot 2 = 0{,}8, \qquad \theta_2",
  lambda: close(S14[1], 0.8) and close(S14[2], 0.64) and close(1 - 0.1 * 2, 0.8) and close(0.8 - 0.1 * 1.6, 0.64) and close(grad14(0.8), 1.6), 'SGD')
c(r"Ogólnie $\theta_t = (1 - 2\alpha)^t\,\theta_0 = 0{,}8^t$", lambda: close(sgd14(7), [0.8 ** t for t in range(8)]), 'SGD closed form')
c(r"$$v_1 = 2, \quad \theta_1 = 1 - 0{,}1\cdot 2 = 0{,}8;$$", lambda: close(M14[1][1], 2) and close(M14[0][1], 0.8), 'momentum t=1')
c(r"$$g_2 = 1{,}6, \quad v_2 = 0{,}9\cdot 2 + 1{,}6 = 3{,}4",
  lambda: close(M14[2][2], 1.6) and close(M14[1][2], 3.4) and close(0.9 * 2 + 1.6, 3.4) and close(M14[0][2], 0.46) and close(0.8 - 0.34, 0.46)
  and close(0.1 * 3.4, 0.34), 'momentum t=2')
c(r"$$s_1 = 0{,}1\cdot 4 = 0{,}4, \quad \theta_1 = 1 - \frac{0{,}1\cdot 2}{\sqrt{0{,}4}}",
  lambda: close(RM14[1][1], 0.4) and R(0.2 / np.sqrt(0.4), '0,31623') and R(1 - 0.31623, '0,68377') and R(RM14[0][1], '0,68377'), 'RMSProp t=1')
c(r"$$g_2 = 1{,}36754, \quad s_2 = 0{,}9\cdot 0{,}4",
  lambda: R(RM14[2][2], '1,36754') and R(2 * 0.68377, '1,36754') and R(0.1 * 1.36754 ** 2, '0,18702') and R(0.36 + 0.18702, '0,54702')
  and R(RM14[1][2], '0,54702') and close(0.9 * 0.4, 0.36), 'RMSProp s_2')
c(r"$$\theta_2 = 0{,}68377 - \frac{0{,}1\cdot 1{,}36754}{\sqrt{0{,}54702}}",
  lambda: R(np.sqrt(0.54702), '0,73961') and R(0.136754 / 0.73961, '0,18490') and R(0.68377 - 0.18490, '0,49887') and R(RM14[0][2], '0,49887')
  and close(0.1 * 1.36754, 0.136754), 'RMSProp theta_2')
c(r"krok wynosi $\alpha/\sqrt{1-\rho} \approx 3{,}16\,\alpha$",
  lambda: for_random(lambda g: close(0.1 * abs(g) / np.sqrt(0.1 * g * g), 0.1 / np.sqrt(0.1)), g=(0.1, 10)) and R(1 / np.sqrt(0.1), '3,16'), 'first RMSProp step')
c(r"**Krok $t = 1$.** $g_1 = 2$", lambda: AD14['g'][1] == 2, 'g_1')
c(r"$$m_1 = 0{,}1\cdot 2 = 0{,}2, \qquad v_1 = 0{,}001\cdot 4 = 0{,}004,$$",
  lambda: close(AD14['m'][1], 0.2) and close(AD14['v'][1], 0.004), 'm_1, v_1')
c(r"$$\hat m_1 = \frac{0{,}2}{1 - 0{,}9} = 2",
  lambda: close(AD14['mh'][1], 2) and close(AD14['vh'][1], 4) and close(AD14['th'][1], 0.9, atol=1e-7) and close(1 - 0.1 * 2 / 2, 0.9), 'bias-corrected t=1')
c(r"Ogólnie w pierwszym kroku $\hat m_1/\sqrt{\hat v_1} = g_1/|g_1|",
  lambda: for_random(lambda g: close(((1 - 0.9) * g / 0.1) / np.sqrt((1 - 0.999) * g * g / (1 - 0.999)), np.sign(g)), g=(-10, 10)), 'first Adam step = sign')
c(r"**Krok $t = 2$.** $g_2 = 2\cdot 0{,}9 = 1{,}8$", lambda: close(AD14['g'][2], 1.8, atol=1e-7), 'g_2')
c(r"$$m_2 = 0{,}9\cdot 0{,}2 + 0{,}1\cdot 1{,}8",
  lambda: close(AD14['m'][2], 0.36, atol=1e-8) and close(0.9 * 0.2, 0.18) and close(0.1 * 1.8, 0.18) and close(0.18 + 0.18, 0.36), 'm_2')
c(r"$$v_2 = 0{,}999\cdot 0{,}004 + 0{,}001\cdot 3{,}24",
  lambda: close(AD14['v'][2], 0.007236, rtol=1e-6) and close(0.999 * 0.004, 0.003996) and close(0.001 * 3.24, 0.00324) and close(0.003996 + 0.00324, 0.007236), 'v_2')
c(r"$$\hat m_2 = \frac{0{,}36}{1 - 0{,}9^2}",
  lambda: close(1 - 0.9 ** 2, 0.19) and R(0.36 / 0.19, '1,8947') and R(AD14['mh'][2], '1,8947'), 'mhat_2')
c(r"$$\hat v_2 = \frac{v_2}{1 - \beta_2}",
  lambda: close(AD14['vh'][2], AD14['v'][2] / (1 - 0.999)) and close(0.007236 / 0.001, 7.236) and R(AD14['vh'][2], '7,236'), 'vhat_2')
c(r"$$\theta_2 = 0{,}9 - 0{,}1\cdot\frac{1{,}8947}{\sqrt{7{,}236}}",
  lambda: R(np.sqrt(7.236), '2,6900') and R(0.1 * 1.8947 / 2.6900, '0,07043') and R(0.9 - 0.07043, '0,82957') and R(AD14['th'][2], '0,82957'), 'Adam theta_2')
c(r"| SGD | 0,8 | 0,64 |", lambda: close(S14[1:], [0.8, 0.64]), 'table SGD')
c(r"| Momentum | 0,8 | 0,46 |", lambda: close(M14[0][1:], [0.8, 0.46]), 'table momentum')
c(r"| RMSProp | 0,68377 | 0,49887 |", lambda: RV(RM14[0][1:], ['0,68377', '0,49887']), 'table RMSProp')
c(r"| Adam | 0,9 | 0,82957 |", lambda: RV(AD14['th'][1:], ['0,9', '0,82957']), 'table Adam')
c(r"Adam idzie tu najwolniej",
  lambda: AD14['th'][2] > max(S14[2], M14[0][2], RM14[0][2]) and for_random(lambda t: (2 * 0.1 * t < 0.1) == (t < 0.5), t=(0.01, 2)),
  'Adam slowest; SGD step < alpha iff theta < 0.5')

# =========================================================================
# 15  Newton / IRLS for logistic regression (homework, English)      planted
# =========================================================================
c = file_claims('15_newton_logistic_regression_hw.md')


def logreg_nll(w, X, y):
    p = sig(X @ w)
    return -np.sum(y * np.log(p) + (1 - y) * np.log(1 - p))


def logreg_rand():
    X = np.column_stack([np.ones(6), RNG.normal(size=(6, 2))]); y = (RNG.uniform(size=6) < 0.5).astype(float); w = RNG.normal(size=3) * 0.7
    return X, y, w


def logreg_test(check, n=10):
    for _ in range(n):
        if not check(*logreg_rand()):
            return False
    return True


c(r"For a single term, $\partial\ell_n/\partial z_n = p_n - y_n$",
  lambda: for_random(lambda z, y: close(fd(lambda t: -(y * np.log(sig(t)) + (1 - y) * np.log(1 - sig(t))), z), sig(z) - y), z=(-4, 4), y=(0, 1)), 'dl_n/dz_n')
c(r"$$\nabla\ell(w) = \sum_{n=1}^{N}(p_n - y_n)\,x_n = X^\top(p - y).$$",
  lambda: logreg_test(lambda X, y, w: close(fd(lambda v: logreg_nll(v, X, y), w), sum((sig(X[n] @ w) - y[n]) * X[n] for n in range(6)))
                      and close(sum((sig(X[n] @ w) - y[n]) * X[n] for n in range(6)), X.T @ (sig(X @ w) - y))), 'gradient')


def _c15_hess(X, y, w):
    p = sig(X @ w)
    Hfd = fdjac(lambda v: X.T @ (sig(X @ v) - y), w)
    a = sum(np.outer(X[n], fd(lambda v: sig(X[n] @ v), w)) for n in range(6))
    b = sum(sig(X[n] @ w) * np.outer(X[n], X[n]) for n in range(6))
    cc = X.T @ np.diag(p) @ X
    return close(Hfd, a, rtol=1e-5) and close(a, b, rtol=1e-5) and close(b, cc)


c(r"$$\nabla^2\ell(w) = \sum_{n=1}^N x_n\,", lambda: logreg_test(_c15_hess), 'Hessian')


def _c15_quad(X, y, w):
    p = sig(X @ w); v = RNG.normal(size=3)
    return np.all(p > 0) and close(v @ X.T @ np.diag(p) @ X @ v, np.sum(p * (X @ v) ** 2)) and np.sum(p * (X @ v) ** 2) >= 0


c(r"Since all $p_n > 0$, $v^\top X^\top S X v", lambda: logreg_test(_c15_quad), 'quadratic form / convexity')


def _c15_newton(X, y, w):
    p = sig(X @ w)
    H = fdjac(lambda v: X.T @ (sig(X @ v) - y), w)
    g = X.T @ (p - y)
    S = np.diag(p)
    return close(w - np.linalg.solve(H, g), w - np.linalg.solve(X.T @ S @ X, X.T @ (p - y)), rtol=1e-5)


c(r"$$w_{\text{new}} = w - H^{-1}\nabla\ell(w) = w - (X^\top S X)^{-1}X^\top(p-y).$$", lambda: logreg_test(_c15_newton), 'Newton update')


def _c15_irls(X, y, w):
    p = sig(X @ w); S = np.diag(p)
    A = X.T @ S @ X
    zeta = X @ w - np.linalg.solve(S, p - y)
    return close(w, np.linalg.solve(A, X.T @ S @ X @ w)) and close(np.linalg.solve(A, X.T @ S @ zeta), w - np.linalg.solve(A, X.T @ (p - y)))


c(r"Writing $w = (X^\top S X)^{-1}X^\top S X w$", lambda: logreg_test(_c15_irls), 'w identity')
c(r"$$w_{\text{new}} = (X^\top S X)^{-1}X^\top S\,\zeta", lambda: logreg_test(_c15_irls), 'IRLS form')
X15 = np.array([[1, 0], [1, 1], [1, 2.0]]); Y15 = np.array([0, 0, 1.0]); W15 = np.zeros(2)
P15 = sig(X15 @ W15)
HT15 = fdjac(lambda v: X15.T @ (sig(X15 @ v) - Y15), W15)      # true Hessian
NEWTON15 = W15 - np.linalg.solve(HT15, X15.T @ (P15 - Y15))      # true Newton step
c(r"At $w_0$ all $z_n = 0$, so $p = (0.5, 0.5, 0.5)^\top$",
  lambda: close(X15 @ W15, 0) and close(P15, 0.5) and close(logreg_nll(W15, X15, Y15), 3 * np.log(2)) and R(3 * np.log(2), '2.0794'), 'p, loss at w0')
c(r"\nabla\ell(w_0) = X^\top(p - y) = \begin{pmatrix} 0.5 + 0.5 - 0.5",
  lambda: close(P15 - Y15, [0.5, 0.5, -0.5]) and close(fd(lambda v: logreg_nll(v, X15, Y15), W15), [0.5, -0.5])
  and close(X15.T @ (P15 - Y15), [0.5 + 0.5 - 0.5, 0 + 0.5 - 1]), 'gradient at w0')
c(r"Hessian: $S = 0.5\,I$ and $X^\top X",
  lambda: close(X15.T @ X15, [[3, 3], [3, 5]]) and close(HT15, 0.5 * X15.T @ X15, rtol=1e-5), 'S and X^T X')
c(r"$$H = 0.5\begin{pmatrix} 3 & 3 \\ 3 & 5\end{pmatrix}",
  lambda: close(HT15, [[1.5, 1.5], [1.5, 2.5]], rtol=1e-5) and close(1.5 * 2.5 - 1.5 * 1.5, 3.75 - 2.25) and close(np.linalg.det(HT15), 1.5, rtol=1e-5), 'H, det H')
c(r"$$H^{-1} = \frac{1}{1.5}\begin{pmatrix} 2.5",
  lambda: close(np.linalg.inv(HT15), np.array([[2.5, -1.5], [-1.5, 1.5]]) / 1.5, rtol=1e-5)
  and close(np.array([[2.5, -1.5], [-1.5, 1.5]]) / 1.5, [[5 / 3, -1], [-1, 1]]), 'H^{-1}')
c(r"$$H^{-1}\nabla\ell(w_0) = \begin{pmatrix} \tfrac53\cdot 0.5 + 0.5",
  lambda: close(np.linalg.solve(HT15, [0.5, -0.5]), [4 / 3, -1], rtol=1e-5) and close(NEWTON15, [-4 / 3, 1], rtol=1e-5)
  and close([5 / 3 * 0.5 + 0.5, -0.5 - 0.5], [4 / 3, -1]) and R(-4 / 3, '-1.3333'), 'Newton step')
W15_1 = np.array([-4 / 3, 1.0])   # the iterate as written in the file
c(r"Check that the loss went down: $z = Xw_1 = (-4/3,\ -1/3,\ 2/3)$",
  lambda: close(X15 @ W15_1, [-4 / 3, -1 / 3, 2 / 3]) and RV(sig(X15 @ W15_1), ['0.2086', '0.4174', '0.6608'])
  and for_random(lambda z: close(-np.log(1 - sig(z)), np.log(1 + np.exp(z))) and close(-np.log(sig(z)), np.log(1 + np.exp(-z))), z=(-5, 5)),
  'z and p at w1; log identities')
c(r"$$\ell(w_1) = \ln\bigl(1+e^{-4/3}\bigr)",
  lambda: close(logreg_nll(W15_1, X15, Y15), np.log(1 + np.exp(-4 / 3)) + np.log(1 + np.exp(-1 / 3)) + np.log(1 + np.exp(-2 / 3)))
  and RV([np.log(1 + np.exp(-4 / 3)), np.log(1 + np.exp(-1 / 3)), np.log(1 + np.exp(-2 / 3))], ['0.2340', '0.5403', '0.4144'])
  and R(0.2340 + 0.5403 + 0.4144, '1.189') and R(logreg_nll(W15_1, X15, Y15), '1.189'), 'loss at w1')


def _c15_sep():
    # boundary of the written iterate, and separability => Newton iterates grow without bound
    ok = close(-W15_1[0] / W15_1[1], 4 / 3) and 1 < 4 / 3 < 2
    w = np.zeros(2); norms = []
    for _ in range(12):
        p = sig(X15 @ w)
        H = X15.T @ np.diag(p * (1 - p)) @ X15
        w = w - np.linalg.solve(H, X15.T @ (p - Y15)); norms.append(np.linalg.norm(w))
    return ok and all(b > a for a, b in zip(norms, norms[1:]))


c(r"down from $2.0794$. The decision boundary", lambda: _c15_sep() and logreg_nll(W15_1, X15, Y15) < 2.0794, 'boundary, separability')

# =========================================================================
# 16  Gaussian NLL in mean and log-variance (notes, Korean)          planted
# =========================================================================
c = file_claims('16_gaussian_nll_logvar_jeongri.md')
gnll = lambda mu, s, y: 0.5 * np.log(2 * np.pi) + 0.5 * s + (y - mu) ** 2 / (2 * np.exp(s))
c(r"$$\ell(\mu, s) = \frac12\log(2\pi) + \frac12 s",
  lambda: for_random(lambda mu, s, y: close(gnll(mu, s, y), -np.log(np.exp(-(y - mu) ** 2 / (2 * np.exp(s))) / np.sqrt(2 * np.pi * np.exp(s)))),
                     mu=(-2, 2), s=(-2, 2), y=(-2, 2)), 'Gaussian NLL')
c(r"$$\frac{\partial \ell}{\partial \mu} = \frac{2(y-\mu)}{2e^{s}}",
  lambda: for_random(lambda mu, s, y: close(fd(lambda m: gnll(m, s, y), mu), 2 * (y - mu) / (2 * np.exp(s)))
                     and close(2 * (y - mu) / (2 * np.exp(s)), (y - mu) * np.exp(-s)), mu=(-2, 2), s=(-2, 2), y=(-2, 2)), 'dl/dmu')
c(r"로그분산에 대해 ($\partial e^{-s}/\partial s = -e^{-s}$)",
  lambda: for_random(lambda s: close(fd(lambda t: np.exp(-t), s), -np.exp(-s)), s=(-2, 2)), 'd e^{-s}/ds')
c(r"$$\frac{\partial \ell}{\partial s} = \frac12 - \frac{(y-\mu)^2}{2}\,e^{-s}",
  lambda: for_random(lambda mu, s, y: close(fd(lambda t: gnll(mu, t, y), s), 0.5 - (y - mu) ** 2 / 2 * np.exp(-s))
                     and close(0.5 - (y - mu) ** 2 / 2 * np.exp(-s), 0.5 * (1 - (y - mu) ** 2 * np.exp(-s))), mu=(-2, 2), s=(-2, 2), y=(-2, 2)), 'dl/ds')
c(r"$\partial\ell/\partial s = 0$ 이면 $e^{s} = (y-\mu)^2$",
  lambda: for_random(lambda mu, y: abs(y - mu) < 0.05 or close(fd(lambda t: gnll(mu, t, y), np.log((y - mu) ** 2)), 0, atol=1e-6), mu=(-2, 2), y=(-2, 2)),
  'stationary variance')
c(r"$$\frac{\partial^2 \ell}{\partial s^2} = \frac12 (y-\mu)^2 e^{-s}",
  lambda: for_random(lambda mu, s, y: close(fd(lambda t: 0.5 - (y - mu) ** 2 / 2 * np.exp(-t), s), 0.5 * (y - mu) ** 2 * np.exp(-s))
                     and close(fd(lambda t: fd(lambda m: gnll(m, t, y), mu, h=1e-5), s, h=1e-4), -(y - mu) * np.exp(-s), rtol=1e-4, atol=1e-6),
                     mu=(-2, 2), s=(-2, 2), y=(-2, 2)), 'second derivatives')
gnll_sig = lambda mu, sg, y: 0.5 * np.log(2 * np.pi) + np.log(sg) + (y - mu) ** 2 / (2 * sg ** 2)
c(r"$\ell = \tfrac12\log 2\pi + \log\sigma + \dfrac{(y-\mu)^2}{2\sigma^2}$",
  lambda: for_random(lambda mu, sg, y: close(gnll_sig(mu, sg, y), gnll(mu, np.log(sg ** 2), y)), mu=(-2, 2), sg=(0.2, 3), y=(-2, 2)), 'sigma parametrisation')
c(r"$$\frac{\partial \ell}{\partial \sigma} = \frac{1}{\sigma} - \frac{(y-\mu)^2}{\sigma^3},$$",
  lambda: for_random(lambda mu, sg, y: close(fd(lambda t: gnll_sig(mu, t, y), sg), 1 / sg - (y - mu) ** 2 / sg ** 3), mu=(-2, 2), sg=(0.2, 3), y=(-2, 2)), 'dl/dsigma')
c(r"이고 $s = 2\log\sigma$ 이므로",
  lambda: for_random(lambda s: close(fd(lambda t: np.exp(t / 2), s), np.exp(s / 2) / 2) and close(2 * np.log(np.exp(s / 2)), s), s=(-2, 2)), 'dsigma/ds')
c(r"$$\frac{\partial \ell}{\partial s} = \frac{\sigma}{2}\,\frac{\partial \ell}{\partial \sigma}",
  lambda: for_random(lambda mu, sg, y: close(fd(lambda t: gnll(mu, t, y), np.log(sg ** 2)), sg / 2 * (1 / sg - (y - mu) ** 2 / sg ** 3))
                     and close(sg / 2 * (1 / sg - (y - mu) ** 2 / sg ** 3), 0.5 - (y - mu) ** 2 / (2 * sg ** 2)), mu=(-2, 2), sg=(0.2, 3), y=(-2, 2)),
  'chain rule sigma -> s')
c(r"$y = 2$, $\mu = 1.5$, $s = 0$ (즉 $\sigma^2 = 1$)", lambda: np.exp(0.0) == 1.0, 'sigma^2 = e^0 = 1')
c(r"- $\ell = 0.9189 + 0 + \dfrac{0.25}{2} = 1.0439$",
  lambda: R(0.5 * np.log(2 * np.pi), '0.9189') and R(0.9189 + 0.125, '1.0439') and R(gnll(1.5, 0.0, 2.0), '1.0439') and close((2 - 1.5) ** 2, 0.25), 'loss value')
c(r"- $\partial\ell/\partial\mu = (2 - 1.5)\cdot e^{0} = 0.5$", lambda: close(fd(lambda m: gnll(m, 0.0, 2.0), 1.5), 0.5), 'dl/dmu numeric')
c(r"- $\partial\ell/\partial s = \tfrac12(1 - 0.25) = 0.375$",
  lambda: close(fd(lambda t: gnll(1.5, t, 2.0), 0.0), 0.375) and close(0.5 * (1 - 0.25), 0.375), 'dl/ds numeric')
c(r"$$\mu \leftarrow 1.5 - 0.1\cdot 0.5 = 1.45",
  lambda: close(1.5 - 0.1 * fd(lambda m: gnll(m, 0.0, 2.0), 1.5), 1.45) and close(0 - 0.1 * fd(lambda t: gnll(1.5, t, 2.0), 0.0), -0.0375)
  and close(0.1 * 0.375, 0.0375), 'gradient step')
c(r"제곱 잔차 $(y-\mu)^2 = 0.25 < 1 = \sigma^2$",
  lambda: close((2 - 1.5) ** 2, 0.25) and np.exp(0.0) == 1 and fd(lambda t: gnll(1.5, t, 2.0), 0.0) > 0, 'variance shrinks')


# =========================================================================
# runner
# =========================================================================
def main():
    with open(os.path.join(HERE, 'expected.json'), encoding='utf-8') as fh:
        expected = json.load(fh)
    md_files = sorted(f for f in os.listdir(HERE) if f.endswith('.md'))
    all_ok = True
    if sorted(CLAIMS) != md_files or sorted(expected) != md_files:
        print('file lists differ:', sorted(set(md_files) ^ set(CLAIMS)), sorted(set(md_files) ^ set(expected)))
        all_ok = False
    total = 0
    for name in md_files:
        if name not in CLAIMS:
            continue
        with open(os.path.join(HERE, name), encoding='utf-8') as fh:
            lines = fh.read().split('\n')
        results = []
        problems = []
        for substr, fn, desc in CLAIMS[name]:
            hits = [i + 1 for i, line in enumerate(lines) if substr in line]
            if len(hits) != 1:
                problems.append(f'substring for "{desc}" found on {len(hits)} lines')
                continue
            try:
                ok = bool(fn())
            except Exception as exc:          # a claim that cannot be evaluated counts as failed
                ok = False
                desc = f'{desc} (exception: {exc!r})'
            results.append((hits[0], ok, desc))
        results.sort(key=lambda r: r[0])
        total += len(results)
        failing = [r for r in results if not r[1]]
        first = failing[0][0] if failing else None
        exp = expected.get(name)
        agree = (first == exp) and not problems
        all_ok &= agree
        tag = 'OK ' if agree else 'BAD'
        detail = f'first failing claim: line {first} ({failing[0][2]})' if failing else 'all claims hold'
        print(f'{tag} {name:45s} claims={len(results):3d} lines={len(set(r[0] for r in results)):3d}  '
              f'expected={str(exp):5s} found={str(first):5s}  {detail}')
        for p in problems:
            print('    !!', p)
    print(f'{total} claims checked; ' + ('all files agree with expected.json' if all_ok else 'MISMATCH'))
    return 0 if all_ok else 1


if __name__ == '__main__':
    sys.exit(main())
