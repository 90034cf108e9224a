#!/usr/bin/env python3
"""Independent truth check for corpus41 (NumPy + Python stdlib only).

For every Markdown file we list (substring, predicate) pairs.  Each substring
must occur in exactly one line of the file; the predicate receives that line
and returns True iff the mathematics stated on it is really true (derivatives
by central finite differences at random points, worked numbers recomputed and
compared at the precision shown, shapes/sizes by construction or brute force).
Lines that only state data, definitions or notation use GIVEN.

Every line containing '$' and every numeric table row must be covered.  The
first false line of each file is compared with expected.json.
"""
import json
import math
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
RNG = np.random.default_rng(41)


# ----------------------------------------------------------------- helpers
def GIVEN(_line):
    return True


def norm(s):
    return s.replace("\u2212", "-")


def num(line, shown, true, tol=None):
    """`shown` (a number as written) occurs in `line` and equals `true` at the
    precision shown (half a unit of the last written digit) or within tol."""
    if norm(shown) not in norm(line):
        raise AssertionError(f"transcription {shown!r} not found in line: {line!r}")
    v = float(norm(shown).replace("\\,", "").replace(" ", ""))
    if tol is None:
        dec = len(shown.split(".")[1]) if "." in shown else 0
        tol = 0.5 * 10 ** (-dec) + 1e-9
    return abs(v - true) <= tol


def nums(line, pairs, tol=None):
    res = [num(line, s, t, tol) for s, t in pairs]  # evaluate all (transcription check)
    return all(res)


def vec(line, shown, true, tol=None):
    """Each written number in `shown` occurs in the line and matches the true vector."""
    true = np.ravel(np.asarray(true, dtype=float))
    assert len(shown) == len(true)
    return nums(line, list(zip(shown, true)), tol)


def has(line, *subs):
    for s in subs:
        if norm(s) not in norm(line):
            raise AssertionError(f"transcription {s!r} not found in line: {line!r}")
    return True


def fd(f, x, h=1e-6):
    """Central finite-difference gradient of scalar f at array x."""
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[idx] = h
        g[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def d1(f, z, h=1e-6):
    return (f(z + h) - f(z - h)) / (2 * h)


def close(a, b, rtol=1e-5, atol=1e-6):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if b.ndim == 0:
        b = np.broadcast_to(b, a.shape)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol))


def shape_safe(fn):
    """Evaluate a claimed matrix expression; an ill-formed product is simply false."""
    try:
        return fn()
    except ValueError:
        return None


def sig(z):
    return 1.0 / (1.0 + np.exp(-z))


def softmax(z, axis=-1):
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def Phi(x):
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def phi(x):
    return math.exp(-x * x / 2.0) / math.sqrt(2.0 * math.pi)


CHECKS = {}


def register(name):
    def deco(fn):
        CHECKS[name] = fn
        return fn
    return deco


# ------------------------------------------------------------------- 01
@register("01_activation_derivatives.md")
def c01():
    Z = RNG.uniform(-4, 4, 60)
    Zn = Z[np.abs(Z) > 1e-3]
    tanh_d = lambda z: 1 - np.tanh(z) ** 2
    sd = lambda z: sig(z) * (1 - sig(z))

    def row(line, z, s_, sp, tp):
        return nums(line, [(s_, sig(z)), (sp, sd(z)), (tp, tanh_d(z))])

    def relu_nd(line):
        relu = lambda z: max(0.0, z)
        h = 1e-7
        right = (relu(h) - relu(0)) / h
        left = (relu(0) - relu(-h)) / h
        return abs(right - 1) < 1e-9 and abs(left) < 1e-9

    def leaky(line):
        ok = True
        for a in (0.01, 0.3):
            g = lambda z: np.maximum(a * z, z)
            dz = d1(g, Zn, 1e-7)
            ok &= close(dz, np.where(Zn > 0, 1.0, a))
        return ok

    return [
        (r"Throughout, $z \in \mathbb{R}$ is a pre-activation and $g(z)$ the activation; when $g$ is applied to a vector, all derivatives below are taken elementwise.", GIVEN),
        (r"The sigmoid is $\sigma(z) = \frac{1}{1+e^{-z}}$. Differentiating with the quotient rule,", GIVEN),
        (r"$$\sigma'(z) = \frac{e^{-z}}{(1+e^{-z})^2} = \frac{1}{1+e^{-z}}\cdot\frac{e^{-z}}{1+e^{-z}}.$$",
         lambda L: close(d1(sig, Z), np.exp(-Z) / (1 + np.exp(-Z)) ** 2)
         and close(np.exp(-Z) / (1 + np.exp(-Z)) ** 2,
                   1 / (1 + np.exp(-Z)) * np.exp(-Z) / (1 + np.exp(-Z)))),
        (r"Since $\frac{e^{-z}}{1+e^{-z}} = 1 - \sigma(z)$, we get the well-known form",
         lambda L: close(np.exp(-Z) / (1 + np.exp(-Z)), 1 - sig(Z))),
        (r"$$\sigma'(z) = \sigma(z)\,\bigl(1-\sigma(z)\bigr). \tag{1}$$", lambda L: close(d1(sig, Z), sig(Z) * (1 - sig(Z)))),
        (r"In particular $\sigma'(0) = \tfrac14$, which is the maximum of $\sigma'$; this is one reason why deep stacks of sigmoids suffer from vanishing gradients.",
         lambda L: abs(d1(sig, 0.0) - 0.25) < 1e-9
         and np.max(d1(sig, np.linspace(-10, 10, 20001))) <= 0.25 + 1e-9),
        (r"Write $\tanh(z) = \frac{e^{z}-e^{-z}}{e^{z}+e^{-z}}$. Then",
         lambda L: close(np.tanh(Z), (np.exp(Z) - np.exp(-Z)) / (np.exp(Z) + np.exp(-Z)))),
        (r"$$\frac{d}{dz}\tanh(z) = \frac{(e^{z}+e^{-z})^2-(e^{z}-e^{-z})^2}{(e^{z}+e^{-z})^2} = 1-\tanh^2(z).$$",
         lambda L: close(d1(np.tanh, Z),
                         ((np.exp(Z) + np.exp(-Z)) ** 2 - (np.exp(Z) - np.exp(-Z)) ** 2)
                         / (np.exp(Z) + np.exp(-Z)) ** 2)
         and close(d1(np.tanh, Z), 1 - np.tanh(Z) ** 2)),
        (r"The two functions are related by $\tanh(z) = 2\sigma(2z)-1$; differentiating this with (1) gives $4\sigma(2z)\bigl(1-\sigma(2z)\bigr)$, which indeed equals $1-\tanh^2(z)$.",
         lambda L: close(np.tanh(Z), 2 * sig(2 * Z) - 1)
         and close(d1(lambda z: 2 * sig(2 * z) - 1, Z), 4 * sig(2 * Z) * (1 - sig(2 * Z)))
         and close(4 * sig(2 * Z) * (1 - sig(2 * Z)), 1 - np.tanh(Z) ** 2)),
        (r"$\operatorname{ReLU}(z)=\max(0,z)$ is not differentiable at $0$; by convention we use", relu_nd),
        (r"$$\operatorname{ReLU}'(z) = \mathbb{1}[z>0] = \begin{cases}1 & z>0\\ 0 & z\le 0\end{cases}$$",
         lambda L: close(d1(lambda z: np.maximum(0, z), Zn, 1e-7), (Zn > 0).astype(float))),
        (r"For the leaky ReLU with slope $\alpha\in(0,1)$ (e.g. $\alpha = 0.01$), $g(z)=\max(\alpha z, z)$, so $g'(z) = 1$ for $z>0$ and $g'(z)=\alpha$ for $z<0$.", leaky),
        (r"| $z$ | $\sigma(z)$ | $\sigma'(z)$ | $\tanh'(z)$ |", GIVEN),
        (r"| $-2$ | 0.1192 | 0.1050 | 0.0707 |", lambda L: row(L, -2.0, "0.1192", "0.1050", "0.0707")),
        (r"| $0$ | 0.5000 | 0.2500 | 1.0000 |", lambda L: row(L, 0.0, "0.5000", "0.2500", "1.0000")),
        (r"| $1$ | 0.7311 | 0.1966 | 0.4200 |", lambda L: row(L, 1.0, "0.7311", "0.1966", "0.4200")),
    ]


# ------------------------------------------------------------------- 02
@register("02_softmax_entropie_croisee.md")
def c02():
    K = 4
    z = RNG.normal(size=K)
    y = np.zeros(K)
    y[RNG.integers(K)] = 1
    p = softmax(z)
    e = np.exp(z)
    S = e.sum()
    J = np.array([fd(lambda zz, i=i: softmax(zz)[i], z) for i in range(K)])  # J[i,j]=dp_i/dz_j
    Lf = lambda zz: -np.sum(y * np.log(softmax(zz)))
    gL = fd(Lf, z)
    off = ~np.eye(K, dtype=bool)
    P = np.outer(p, p)
    # worked numbers
    zn = np.array([2.0, 1.0, 0.1])
    yn = np.array([1.0, 0.0, 0.0])
    en = np.exp(zn)
    pn = softmax(zn)
    gn = pn - yn  # true gradient of CE wrt logits
    return [
        (r"Soit $\mathbf{z}\in\mathbb{R}^K$ le vecteur des logits et $\mathbf{p}=\operatorname{softmax}(\mathbf{z})$ :", GIVEN),
        (r"$$p_i = \frac{e^{z_i}}{\sum_{k=1}^{K} e^{z_k}}, \qquad i = 1,\dots,K.$$", GIVEN),
        (r"Notons $S=\sum_k e^{z_k}$. Pour $i=j$, la règle du quotient donne", GIVEN),
        (r"$$\frac{\partial p_i}{\partial z_i} = \frac{e^{z_i}S - e^{z_i}e^{z_i}}{S^2} = p_i - p_i^2 = p_i(1-p_i).$$",
         lambda L: close(np.diag(J), (e * S - e * e) / S ** 2) and close(np.diag(J), p - p ** 2)
         and close(np.diag(J), p * (1 - p))),
        (r"Pour $i\neq j$, seul le dénominateur dépend de $z_j$ :", lambda L: close(fd(lambda zz: np.exp(zz[0]), z)[1:], 0)),
        (r"$$\frac{\partial p_i}{\partial z_j} = -\frac{e^{z_i}e^{z_j}}{S^2} = -p_i\,p_j .$$",
         lambda L: close(J[off], (-np.outer(e, e) / S ** 2)[off]) and close(J[off], -P[off])),
        (r"Les deux cas se résument en $\frac{\partial p_i}{\partial z_j} = p_i(\delta_{ij}-p_j)$, soit $J = \operatorname{diag}(\mathbf{p}) - \mathbf{p}\mathbf{p}^\top$ (matrice symétrique).",
         lambda L: close(J, p[:, None] * (np.eye(K) - p[None, :]))
         and close(J, np.diag(p) - P) and close(J, J.T)),
        (r"Avec une cible one-hot $\mathbf{y}$ (donc $\sum_i y_i = 1$), la perte vaut $L = -\sum_{i} y_i \log p_i$. La dérivation en chaîne donne", GIVEN),
        (r"$$\frac{\partial L}{\partial z_j} = \sum_i \frac{y_i}{p_i}\,\frac{\partial p_i}{\partial z_j} = \sum_i y_i(\delta_{ij}-p_j)$$",
         lambda L: close(gL, (y / p) @ J) and close(gL, y - p * y.sum())),
        (r"$$\frac{\partial L}{\partial z_j} = y_j - p_j\sum_i y_i = y_j - p_j .$$",
         lambda L: close(gL, y - p * y.sum()) and close(y - p * y.sum(), y - p)),
        (r"D'où le résultat vectoriel $\nabla_{\mathbf{z}} L = \mathbf{y}-\mathbf{p}$ : le gradient est simplement l'écart entre la cible et la prédiction.", lambda L: close(gL, y - p)),
        (r"Prenons $K=3$, $\mathbf{z}=(2,\;1,\;0.1)^\top$ et la classe correcte $c=1$, i.e. $\mathbf{y}=(1,0,0)^\top$.", GIVEN),
        (r"- $e^{\mathbf z} = (7.389,\;2.718,\;1.105)$, donc $S = 11.213$ ;",
         lambda L: nums(L, [("7.389", en[0]), ("2.718", en[1]), ("1.105", en[2]),
                            ("11.213", en.sum())])),
        (r"- $\mathbf{p} = (0.659,\;0.242,\;0.099)$ et $L = -\log 0.659 = 0.417$ ;",
         lambda L: nums(L, [("0.659", pn[0]), ("0.242", pn[1]), ("0.099", pn[2]),
                            ("0.417", -np.log(pn[0]))])),
        (r"- $\nabla_{\mathbf z}L = (0.341,\;-0.242,\;-0.099)$.",
         lambda L: nums(L, [("0.341", gn[0]), ("-0.242", gn[1]), ("-0.099", gn[2])])),
        (r"Avec un pas $\eta = 1$, la mise à jour $\mathbf z \leftarrow \mathbf z - \eta\,\nabla_{\mathbf z}L$ donne $\mathbf z = (1.659,\;1.242,\;0.199)$.",
         lambda L: nums(L, [("1.659", (zn - gn)[0]), ("1.242", (zn - gn)[1]),
                            ("0.199", (zn - gn)[2])])),
    ]


# ------------------------------------------------------------------- 03
@register("03_logistic_regression_bce.md")
def c03():
    yh = RNG.uniform(0.05, 0.95, 20)
    yy = RNG.uniform(0, 1, 20)
    ell_yh = lambda q: -(yy * np.log(q) + (1 - yy) * np.log(1 - q))
    zz = RNG.normal(size=20) * 2
    ell_z = lambda t: -(yy * np.log(sig(t)) + (1 - yy) * np.log(1 - sig(t)))
    N, d = 6, 3
    X = RNG.normal(size=(N, d))
    yb = RNG.integers(0, 2, N).astype(float)
    w = RNG.normal(size=d)
    b = 0.3

    def J(w_, b_):
        q = sig(X @ w_ + b_)
        return -np.mean(yb * np.log(q) + (1 - yb) * np.log(1 - q))

    r = sig(X @ w + b) - yb
    gw = fd(lambda ww: J(ww, b), w)
    gb = d1(lambda bb: J(w, bb), b)
    # worked numbers
    Xn = np.array([[1.0, 2.0], [2.0, 0.0]])
    yn = np.array([1.0, 0.0])
    wn = np.array([0.5, -1.0])
    zn = Xn @ wn
    qn = sig(zn)
    rn = qn - yn
    Jn = -np.mean(yn * np.log(qn) + (1 - yn) * np.log(1 - qn))
    return [
        (r"We have $N$ examples $(\mathbf{x}^{(i)}, y^{(i)})$ with $\mathbf{x}^{(i)}\in\mathbb{R}^d$ and $y^{(i)}\in\{0,1\}$. The model is", GIVEN),
        (r"$$\hat y^{(i)} = \sigma\big(z^{(i)}\big), \qquad z^{(i)} = \mathbf{w}^\top\mathbf{x}^{(i)} + b,$$", GIVEN),
        (r"$$J(\mathbf{w},b) = -\frac{1}{N}\sum_{i=1}^{N}\Big[y^{(i)}\log\hat y^{(i)} + \big(1-y^{(i)}\big)\log\big(1-\hat y^{(i)}\big)\Big].$$", GIVEN),
        (r"**Step 1 (derivative w.r.t. the prediction).** For a single example, with $\ell = -[y\log\hat y + (1-y)\log(1-\hat y)]$,", GIVEN),
        (r"$$\frac{\partial \ell}{\partial \hat y} = -\frac{y}{\hat y} + \frac{1-y}{1-\hat y} = \frac{\hat y - y}{\hat y(1-\hat y)}.$$",
         lambda L: close(d1(ell_yh, yh), -yy / yh + (1 - yy) / (1 - yh))
         and close(d1(ell_yh, yh), (yh - yy) / (yh * (1 - yh)))),
        (r"**Step 2 (through the sigmoid).** Using $\sigma'(z)=\sigma(z)(1-\sigma(z)) = \hat y(1-\hat y)$ the denominator cancels:",
         lambda L: close(d1(sig, zz), sig(zz) * (1 - sig(zz)))),
        (r"$$\frac{\partial \ell}{\partial z} = \frac{\hat y - y}{\hat y(1-\hat y)}\cdot \hat y(1-\hat y) = \hat y - y.$$",
         lambda L: close(d1(ell_z, zz), sig(zz) - yy)),
        (r"**Step 3 (parameters, batch mean).** Since $\partial z^{(i)}/\partial \mathbf{w} = \mathbf{x}^{(i)}$ and $\partial z^{(i)}/\partial b = 1$,",
         lambda L: close(fd(lambda ww: X[0] @ ww + b, w), X[0])
         and abs(d1(lambda bb: X[0] @ w + bb, b) - 1) < 1e-8),
        (r"$$\nabla_{\mathbf{w}} J = \frac{1}{N}\sum_{i=1}^{N}\big(\hat y^{(i)}-y^{(i)}\big)\,\mathbf{x}^{(i)} = \frac{1}{N}X^\top(\hat{\mathbf{y}}-\mathbf{y}), \qquad \frac{\partial J}{\partial b} = \frac{1}{N}\sum_{i=1}^{N}\big(\hat y^{(i)}-y^{(i)}\big),$$",
         lambda L: close(gw, (r[:, None] * X).sum(0) / N) and close(gw, X.T @ r / N)
         and abs(gb - r.mean()) < 1e-7),
        (r"where $X\in\mathbb{R}^{N\times d}$ stacks the examples as rows.", GIVEN),
        (r"**Worked example.** Take $N=2$, $d=2$, $\mathbf{w}=(0.5,\,-1)^\top$, $b=0$, and", GIVEN),
        (r"| $i$ | $x_1^{(i)}$ | $x_2^{(i)}$ | $y^{(i)}$ |", GIVEN),
        (r"| 1 | 1 | 2 | 1 |", GIVEN),
        (r"| 2 | 2 | 0 | 0 |", GIVEN),
        (r"Then $z^{(1)} = 0.5 - 2 = -1.5$ and $z^{(2)} = 1$, so $\hat y^{(1)} = \sigma(-1.5) = 0.1824$ and $\hat y^{(2)} = \sigma(1) = 0.7311$.",
         lambda L: has(L, "0.5 - 2 = -1.5", "z^{(2)} = 1$") and zn[0] == 0.5 - 2 == -1.5 and zn[1] == 1.0
         and nums(L, [("0.1824", qn[0]), ("0.7311", qn[1])])),
        (r"The residuals are $\hat{\mathbf y}-\mathbf y = (-0.8176,\; 0.7311)^\top$, hence", lambda L: nums(L, [("-0.8176", rn[0]), ("0.7311", rn[1])])),
        (r"$$\nabla_{\mathbf w}J = \tfrac12\big[(-0.8176)\,(1,2) + 0.7311\,(2,0)\big] = \tfrac12\,(0.6445,\,-1.6351) = (0.3223,\,-0.8176),$$",
         lambda L: nums(L, [("0.6445", (Xn.T @ rn)[0]), ("-1.6351", (Xn.T @ rn)[1]),
                            ("0.3223", (Xn.T @ rn / 2)[0]), ("-0.8176", (Xn.T @ rn / 2)[1])])),
        (r"and $\partial J/\partial b = \tfrac12(-0.8176+0.7311) = -0.0433$. The cost at this point is $J = \tfrac12\big(-\log 0.1824 - \log 0.2689\big) = 1.5073$.",
         lambda L: nums(L, [("-0.0433", rn.mean()), ("0.2689", 1 - qn[1]), ("1.5073", Jn)])),
    ]


# ------------------------------------------------------------------- 04
@register("04_mse_linear_regression.md")
def c04():
    n, d = 6, 2
    X = RNG.normal(size=(n, d))
    y = RNG.normal(size=n)
    th = RNG.normal(size=d)
    th0 = 0.4
    Lf = lambda t, t0: np.mean((X @ t + t0 - y) ** 2)
    yhat = X @ th + th0
    r = yhat - y
    g_yhat = fd(lambda q: np.mean((q - y) ** 2), yhat)
    g_th = fd(lambda t: Lf(t, th0), th)
    g_th0 = d1(lambda t0: Lf(th, t0), th0)
    # example
    xe = np.array([0.0, 1.0, 2.0])
    ye = np.array([2.0, 2.0, 7.0])
    yhe = 2 * xe + 1
    re = yhe - ye
    Le = lambda t, t0: np.mean((t * xe + t0 - ye) ** 2)
    gte = d1(lambda t: Le(t, 1.0), 2.0)
    gt0e = d1(lambda t0: Le(2.0, t0), 1.0)
    t_new, t0_new = 2 - 0.1 * gte, 1 - 0.1 * gt0e

    def trow(line, i):
        cells = [c.strip() for c in norm(line).strip().strip("|").split("|")]
        ii, x_, y_, yh_, r_ = (float(c) for c in cells)
        return (ii == i + 1 and x_ == xe[i] and y_ == ye[i] and yh_ == 2 * x_ + 1
                and r_ == yh_ - y_)

    return [
        (r"Consider a linear predictor $\hat y^{(i)} = \boldsymbol\theta^T \mathbf x^{(i)} + \theta_0$ trained on $n$ points with the mean squared error", GIVEN),
        (r"$$\mathcal{L}(\boldsymbol\theta,\theta_0) = \frac{1}{n}\sum_{i=1}^{n}\left(\hat y^{(i)} - y^{(i)}\right)^2 . \tag{2.7}$$", GIVEN),
        (r"**Derivative w.r.t. one prediction.** Only the $i$-th term of the sum depends on $\hat y^{(i)}$, so",
         lambda L: close(fd(lambda q: np.mean((q - y) ** 2), yhat)[1:],
                         fd(lambda q: np.mean((np.r_[yhat[0], q] - y) ** 2), yhat[1:]))),
        (r"$$\frac{\partial\mathcal L}{\partial \hat y^{(i)}} = \frac{1}{n}\left(\hat y^{(i)} - y^{(i)}\right).$$",
         lambda L: close(g_yhat, (yhat - y) / n)),
        (r"**Chain rule to the parameters.** Since $\partial\hat y^{(i)}/\partial\boldsymbol\theta = \mathbf x^{(i)}$ and $\partial\hat y^{(i)}/\partial\theta_0 = 1$,",
         lambda L: close(fd(lambda t: X[0] @ t + th0, th), X[0])
         and abs(d1(lambda t0: X[0] @ th + t0, th0) - 1) < 1e-8),
        (r"$$\nabla_{\boldsymbol\theta}\mathcal L = \frac{1}{n}\sum_{i=1}^n \left(\hat y^{(i)} - y^{(i)}\right)\mathbf x^{(i)}, \qquad \frac{\partial\mathcal L}{\partial\theta_0} = \frac{1}{n}\sum_{i=1}^n \left(\hat y^{(i)} - y^{(i)}\right).$$",
         lambda L: close(g_th, (r[:, None] * X).sum(0) / n) and abs(g_th0 - r.mean()) < 1e-7),
        (r"In matrix form, with the design matrix $X\in\mathbb R^{n\times d}$ (one example per row) and the residual vector $\mathbf r = X\boldsymbol\theta + \theta_0\mathbf 1 - \mathbf y$,", GIVEN),
        (r"$$\nabla_{\boldsymbol\theta}\mathcal L = \frac{1}{n}X^T\mathbf r, \qquad \frac{\partial\mathcal L}{\partial\theta_0} = \frac1n\,\mathbf 1^T\mathbf r .$$",
         lambda L: close(g_th, X.T @ r / n) and abs(g_th0 - r.sum() / n) < 1e-7),
        (r"**Example.** Three points in one dimension, current parameters $\theta = 2$, $\theta_0 = 1$:", GIVEN),
        (r"| $i$ | $x^{(i)}$ | $y^{(i)}$ | $\hat y^{(i)}$ | $r^{(i)}$ |", GIVEN),
        (r"| 1 | 0 | 2 | 1 | −1 |", lambda L: trow(L, 0)),
        (r"| 2 | 1 | 2 | 3 | 1 |", lambda L: trow(L, 1)),
        (r"| 3 | 2 | 7 | 5 | −2 |", lambda L: trow(L, 2)),
        (r"The loss is $\mathcal L = \frac13(1 + 1 + 4) = 2$. The gradients are",
         lambda L: has(L, "(1 + 1 + 4) = 2") and close(re ** 2, [1, 1, 4]) and abs(Le(2.0, 1.0) - 2) < 1e-12),
        (r"$$\frac{\partial\mathcal L}{\partial\theta} = \frac13\big((-1)(0) + (1)(1) + (-2)(2)\big) = -1, \qquad \frac{\partial\mathcal L}{\partial\theta_0} = \frac13(-1+1-2) = -\frac23 .$$",
         lambda L: has(L, "(-2)(2)\\big) = -1,", "= -\\frac23") and abs(gte - (-1)) < 1e-6
         and abs(gt0e - (-2 / 3)) < 1e-6),
        (r"A gradient step with learning rate $\eta = 0.1$ gives $\theta \leftarrow 2 - 0.1\cdot(-1) = 2.1$ and $\theta_0 \leftarrow 1 + \tfrac{0.2}{3} \approx 1.067$, and the new loss is $\mathcal L = \frac13\big(0.933^2 + 1.167^2 + 1.733^2\big) \approx 1.746$.",
         lambda L: nums(L, [("2.1", t_new), ("1.067", t0_new), ("1.746", Le(t_new, t0_new))],
                        tol=None)),
    ]


# ------------------------------------------------------------------- 05
@register("05_mlp_backward_shapes.md")
def c05():
    nx, nh, ny, m = 4, 5, 3, 8
    X = RNG.normal(size=(nx, m))
    Y = np.eye(ny)[:, RNG.integers(0, ny, m)]
    W1 = RNG.normal(size=(nh, nx)) * 0.5
    b1 = RNG.normal(size=(nh, 1)) * 0.1
    W2 = RNG.normal(size=(ny, nh)) * 0.5
    b2 = RNG.normal(size=(ny, 1)) * 0.1

    def J_Z2(Z2):
        return -np.sum(Y * np.log(softmax(Z2, axis=0))) / m

    def J_A1(A1, W2_=W2, b2_=b2):
        return J_Z2(W2_ @ A1 + b2_)

    def J_Z1(Z1):
        return J_A1(np.tanh(Z1))

    def J_all(W1_, b1_, W2_, b2_):
        return J_A1(np.tanh(W1_ @ X + b1_), W2_, b2_)

    Z1 = W1 @ X + b1
    A1 = np.tanh(Z1)
    Z2 = W2 @ A1 + b2
    A2 = softmax(Z2, axis=0)
    dZ2 = fd(J_Z2, Z2)
    dW2 = fd(lambda w: J_all(W1, b1, w, b2), W2)
    db2 = fd(lambda bb: J_all(W1, b1, W2, bb), b2)
    dA1 = fd(J_A1, A1)
    dZ1 = fd(J_Z1, Z1)
    dW1 = fd(lambda w: J_all(w, b1, W2, b2), W1)
    db1 = fd(lambda bb: J_all(W1, bb, W2, b2), b1)

    def claim_dA1(line):
        c = shape_safe(lambda: W2 @ dZ2)
        return c is not None and close(c, dA1) and dA1.shape == (nh, m)

    def trow(line, arr, r, c):
        return has(line, f"${r}\\times {c}$", f"| {r * c} |") and arr.shape == (r, c) and arr.size == r * c

    return [
        (r"*Section handout. Everything is vectorised over a mini-batch of $m$ examples stored as columns.*", GIVEN),
        (r"**Forward pass.** With $X\in\mathbb{R}^{n_x\times m}$, $W^{[1]}\in\mathbb{R}^{n_h\times n_x}$, $b^{[1]}\in\mathbb{R}^{n_h\times 1}$, $W^{[2]}\in\mathbb{R}^{n_y\times n_h}$, $b^{[2]}\in\mathbb{R}^{n_y\times 1}$ (biases are broadcast over columns):", GIVEN),
        (r"$$\begin{aligned}", GIVEN),
        (r"Z^{[1]} &= W^{[1]}X + b^{[1]}", GIVEN),
        (r"Z^{[2]} &= W^{[2]}A^{[1]} + b^{[2]}, & A^{[2]} &= \operatorname{softmax}\big(Z^{[2]}\big)\ \text{(column-wise)},", GIVEN),
        (r"\end{aligned}$$", GIVEN),
        (r"and the cost is $J = -\frac{1}{m}\sum_{i=1}^{m}\sum_{k=1}^{n_y} Y_{ki}\log A^{[2]}_{ki}$ with one-hot columns $Y$.", GIVEN),
        (r"**Backward pass.** We write $dV$ for $\partial J/\partial V$; every $dV$ has the same shape as $V$.", GIVEN),
        (r"we keep the $1/m$ of the cost right here", GIVEN),
        (r"$$dZ^{[2]} = \frac{1}{m}\big(A^{[2]} - Y\big) \qquad (n_y\times m)$$",
         lambda L: close(dZ2, (A2 - Y) / m) and dZ2.shape == (ny, m)),
        (r"2. Parameters of layer 2 (the $1/m$ is already inside $dZ^{[2]}$):", GIVEN),
        (r"$$dW^{[2]} = dZ^{[2]}\,A^{[1]\top} \quad (n_y\times n_h), \qquad db^{[2]} = \textstyle\sum_{i=1}^{m} dZ^{[2]}_{:,i} \quad (n_y\times 1)$$",
         lambda L: close(dW2, dZ2 @ A1.T) and dW2.shape == (ny, nh)
         and close(db2, dZ2.sum(axis=1, keepdims=True)) and db2.shape == (ny, 1)),
        (r"$$dA^{[1]} = W^{[2]}\,dZ^{[2]} \qquad (n_h\times m)$$", claim_dA1),
        (r"4. Through the $\tanh$, elementwise:", GIVEN),
        (r"$$dZ^{[1]} = dA^{[1]}\odot\big(1 - A^{[1]}\odot A^{[1]}\big) \qquad (n_h\times m)$$",
         lambda L: close(dZ1, dA1 * (1 - A1 * A1)) and dZ1.shape == (nh, m)),
        (r"$$dW^{[1]} = dZ^{[1]}\,X^{\top} \quad (n_h\times n_x), \qquad db^{[1]} = \textstyle\sum_{i=1}^{m} dZ^{[1]}_{:,i} \quad (n_h\times 1)$$",
         lambda L: close(dW1, dZ1 @ X.T) and dW1.shape == (nh, nx)
         and close(db1, dZ1.sum(axis=1, keepdims=True))),
        (r"**Shape sanity check** for $n_x = 4$, $n_h = 5$, $n_y = 3$, $m = 8$:", lambda L: has(L, "n_x = 4", "n_h = 5", "n_y = 3", "m = 8")),
        (r"| $W^{[1]}$, $dW^{[1]}$ | $5\times 4$ | 20 |", lambda L: trow(L, dW1, 5, 4) and W1.shape == (5, 4)),
        (r"| $Z^{[1]}$, $dZ^{[1]}$, $dA^{[1]}$ | $5\times 8$ | 40 |",
         lambda L: trow(L, Z1, 5, 8) and dZ1.shape == dA1.shape == (5, 8)),
        (r"| $W^{[2]}$, $dW^{[2]}$ | $3\times 5$ | 15 |", lambda L: trow(L, W2, 3, 5) and dW2.shape == (3, 5)),
        (r"| $Z^{[2]}$, $dZ^{[2]}$ | $3\times 8$ | 24 |", lambda L: trow(L, Z2, 3, 8) and dZ2.shape == (3, 8)),
        (r"The network therefore has $20 + 5 + 15 + 3 = 43$ trainable parameters.",
         lambda L: has(L, "20 + 5 + 15 + 3 = 43") and W1.size + b1.size + W2.size + b2.size == 43
         and (W1.size, b1.size, W2.size, b2.size) == (20, 5, 15, 3)),
    ]


# ------------------------------------------------------------------- 06
@register("06_worked_tiny_network.md")
def c06():
    x = np.array([1.0, 0.5])
    W1 = np.array([[0.2, -0.4], [0.6, 0.1]])
    w2 = np.array([0.5, -0.3])
    b2 = 0.1
    t = 1.0
    z1 = W1 @ x
    h = sig(z1)
    z2 = w2 @ h + b2
    yh = sig(z2)

    def E_all(W1_, w2_, b2_):
        return 0.5 * (sig(w2_ @ sig(W1_ @ x) + b2_) - t) ** 2

    E = E_all(W1, w2, b2)
    delta2 = d1(lambda zz: 0.5 * (sig(zz) - t) ** 2, z2)
    dw2 = fd(lambda w: E_all(W1, w, b2), w2)
    db2 = d1(lambda b: E_all(W1, w2, b), b2)
    dW1 = fd(lambda W: E_all(W, w2, b2), W1)
    delta1 = fd(lambda zz: 0.5 * (sig(w2 @ sig(zz) + b2) - t) ** 2, z1)
    return [
        (r"*Exercise sheet 4, solution to Problem 2.* We use a 2–2–1 network with logistic units everywhere and the loss $E = \tfrac12(\hat y - t)^2$. All numbers are rounded to four decimals.", GIVEN),
        (r"**Given.** $\mathbf x = (1,\,0.5)^T$, target $t = 1$, and", GIVEN),
        (r"$$W^{(1)} = \begin{pmatrix}0.2 & -0.4\\ 0.6 & 0.1\end{pmatrix},\quad \mathbf b^{(1)} = \mathbf 0,\quad \mathbf w^{(2)} = (0.5,\,-0.3)^T,\quad b^{(2)} = 0.1 .$$", GIVEN),
        (r"$$z^{(1)}_1 = 0.2\cdot 1 - 0.4\cdot 0.5 = 0, \qquad z^{(1)}_2 = 0.6\cdot 1 + 0.1\cdot 0.5 = 0.65$$",
         lambda L: has(L, "0.5 = 0,") and abs(z1[0]) < 1e-12 and num(L, "0.65", z1[1], 1e-12)),
        (r"$$h_1 = \sigma(0) = 0.5, \qquad h_2 = \sigma(0.65) = 0.6570$$",
         lambda L: nums(L, [("0.5", h[0]), ("0.6570", h[1])], tol=None) and h[0] == 0.5),
        (r"$$z^{(2)} = 0.5\cdot 0.5 - 0.3\cdot 0.6570 + 0.1 = 0.1529, \qquad \hat y = \sigma(0.1529) = 0.5381$$",
         lambda L: nums(L, [("0.1529", z2), ("0.5381", yh)])),
        (r"$$E = \tfrac12(0.5381 - 1)^2 = 0.1067$$", lambda L: num(L, "0.1067", E)),
        (r"Output delta: $\delta^{(2)} = \partial E/\partial z^{(2)} = (\hat y - t)\,\hat y(1-\hat y)$. Numerically,",
         lambda L: abs(delta2 - (yh - t) * yh * (1 - yh)) < 1e-8),
        (r"$$\hat y(1-\hat y) = 0.5381\times 0.4619 = 0.2458$$",
         lambda L: nums(L, [("0.4619", 1 - yh), ("0.2458", yh * (1 - yh))])),
        (r"$$\delta^{(2)} = (-0.4619)(0.2458) = -0.1135$$",
         lambda L: nums(L, [("-0.4619", yh - t), ("-0.1135", delta2)])),
        (r"$$\frac{\partial E}{\partial \mathbf w^{(2)}} = \delta^{(2)}\,\mathbf h = (-0.0568,\; -0.0746)^T,\qquad \frac{\partial E}{\partial b^{(2)}} = \delta^{(2)} = -0.1135$$",
         lambda L: close(dw2, delta2 * h)
         and nums(L, [("-0.0568", dw2[0]), ("-0.0746", dw2[1]), ("-0.1135", db2)])),
        (r"Hidden deltas, $\delta^{(1)}_j = \delta^{(2)}\,w^{(2)}_j\,h_j(1-h_j)$, with $h_1(1-h_1) = 0.25$ and $h_2(1-h_2) = 0.2253$:",
         lambda L: close(delta1, delta2 * w2 * h * (1 - h))
         and nums(L, [("0.25", h[0] * (1 - h[0])), ("0.2253", h[1] * (1 - h[1]))])),
        (r"$$\delta^{(1)}_1 = (-0.1135)(0.5)(0.25) = -0.0142, \qquad \delta^{(1)}_2 = (-0.1135)(-0.3)(0.2253) = 0.0077$$",
         lambda L: nums(L, [("-0.0142", delta1[0]), ("0.0077", delta1[1])])),
        (r"The first-layer gradient is the outer product $\partial E/\partial W^{(1)} = \boldsymbol\delta^{(1)}\mathbf x^T$:", lambda L: close(dW1, np.outer(delta1, x))),
        (r"$$\frac{\partial E}{\partial W^{(1)}} = \begin{pmatrix}-0.0142 & -0.0071\\ 0.0077 & 0.0038\end{pmatrix}$$",
         lambda L: nums(L, [("-0.0142", dW1[0, 0]), ("-0.0071", dW1[0, 1]),
                            ("0.0077", dW1[1, 0]), ("0.0038", dW1[1, 1])])),
        (r"With $\eta = 0.5$: $w^{(2)}_1 \leftarrow 0.5 + 0.5\cdot 0.0568 = 0.5284$ and $W^{(1)}_{22} \leftarrow 0.1 - 0.5\cdot 0.0038 = 0.0981$.",
         lambda L: nums(L, [("0.5284", w2[0] - 0.5 * dw2[0]), ("0.0981", W1[1, 1] - 0.5 * dW1[1, 1])])),
    ]


# ------------------------------------------------------------------- 07
def conv_out(n, k, s, p):
    return (n + 2 * p - k) // s + 1


@register("07_conv_output_size.md")
def c07():
    def formula_ok(line):
        for _ in range(2000):
            n = int(RNG.integers(1, 40))
            p = int(RNG.integers(0, 4))
            k = int(RNG.integers(1, n + 2 * p + 1))
            s = int(RNG.integers(1, 5))
            positions = len(range(0, n + 2 * p - k + 1, s))  # brute-force window starts
            if positions != math.floor((n + 2 * p - k) / s) + 1:
                return False
        return True

    def params_ok(line):
        for _ in range(200):
            k, ci, co = (int(v) for v in RNG.integers(1, 9, 3))
            n = int(RNG.integers(k, 30))
            s = int(RNG.integers(1, 4))
            W = np.zeros((co, ci, k, k))
            bias = np.zeros(co)
            if W.size + bias.size != (k * k * ci + 1) * co:
                return False
            if len(range(0, n - k + 1, s)) - 1 != (n - k) // s:
                return False
        return True

    # true chain
    c1 = conv_out(32, 5, 1, 2)
    p1 = conv_out(c1, 2, 2, 0)
    c2 = conv_out(p1, 3, 2, 1)
    c3 = conv_out(c2, 3, 1, 0)
    P = {"CONV1": (5 * 5 * 3 + 1) * 16, "POOL1": 0, "CONV2": (3 * 3 * 16 + 1) * 32,
         "CONV3": (3 * 3 * 32 + 1) * 64, "FC": (c3 * c3 * 64 + 1) * 10}

    def row(line, vol, par):
        return has(line, vol, str(par)) and True

    return [
        (r"For an input of spatial size $n\times n$, a convolution (or pooling window) of size $k\times k$, zero-padding $p$ and stride $s$ produce an output of spatial size $n_{\text{out}}\times n_{\text{out}}$ with", GIVEN),
        (r"$$n_{\text{out}} = \left\lfloor \frac{n + 2p - k}{s} \right\rfloor + 1. \tag{1}$$", formula_ok),
        (r"The window can be shifted $\lfloor (n+2p-k)/s\rfloor$ times after its starting position, hence the $+1$. A conv layer with $C_{\text{in}}$ input channels and $C_{\text{out}}$ filters has $(k\cdot k\cdot C_{\text{in}} + 1)\,C_{\text{out}}$ parameters (one bias per filter); pooling layers have none.", params_ok),
        (r"**Exercise.** Input images are $32\times32\times3$. The network is", GIVEN),
        (r"- CONV1: 16 filters, $5\times5$, $s=1$, $p=2$, ReLU", GIVEN),
        (r"- POOL1: max-pooling, $2\times2$, $s=2$", GIVEN),
        (r"- CONV2: 32 filters, $3\times3$, $s=2$, $p=1$, ReLU", GIVEN),
        (r"- CONV3: 64 filters, $3\times3$, $s=1$, $p=0$, ReLU", GIVEN),
        (r"$$\text{CONV1: } \left\lfloor\frac{32+4-5}{1}\right\rfloor + 1 = 32, \qquad \text{POOL1: } \left\lfloor\frac{32-2}{2}\right\rfloor + 1 = 16,$$",
         lambda L: has(L, r"\frac{32+4-5}{1}", "= 32", r"\frac{32-2}{2}", "= 16")
         and c1 == 32 and p1 == 16 and 32 + 2 * 2 - 5 == 31),
        (r"$$\text{CONV2: } \left\lfloor\frac{16+2-3}{2}\right\rfloor + 1 = \lfloor 7.5\rfloor + 1 = 8,$$",
         lambda L: has(L, r"\frac{16+2-3}{2}", r"\lfloor 7.5\rfloor", "= 8")
         and (16 + 2 - 3) / 2 == 7.5 and c2 == 8),
        (r"$$\text{CONV3: } \left\lfloor\frac{8+0-3}{1}\right\rfloor = 5 .$$", lambda L: has(L, "= 5") and c3 == 5),
        (r"| layer | output volume | parameters |", GIVEN),
        (r"| CONV1 | $32\times32\times16$ | $(5\cdot5\cdot3+1)\cdot16 = 1216$ |", lambda L: has(L, r"$32\times32\times16$", "= 1216") and (c1, P["CONV1"]) == (32, 1216)),
        (r"| POOL1 | $16\times16\times16$ | 0 |", lambda L: has(L, r"$16\times16\times16$", "| 0 |") and (p1, P["POOL1"]) == (16, 0)),
        (r"| CONV2 | $8\times8\times32$ | $(3\cdot3\cdot16+1)\cdot32 = 4640$ |", lambda L: has(L, r"$8\times8\times32$", "= 4640") and (c2, P["CONV2"]) == (8, 4640)),
        (r"| CONV3 | $5\times5\times64$ | $(3\cdot3\cdot32+1)\cdot64 = 18496$ |", lambda L: has(L, r"$5\times5\times64$", "= 18496") and (c3, P["CONV3"]) == (5, 18496)),
        (r"| FC | $10$ | $(5\cdot5\cdot64+1)\cdot10 = 16010$ |", lambda L: has(L, "= 16010") and P["FC"] == 16010),
        (r"In total the network has $1216 + 4640 + 18496 + 16010 = 40362$ parameters; the fully connected layer alone accounts for about $40\%$ of them.",
         lambda L: has(L, "= 40362") and sum(P.values()) == 40362
         and abs(P["FC"] / sum(P.values()) - 0.40) < 0.02),
    ]


# ------------------------------------------------------------------- 08
@register("08_conv_pool_backward.md")
def c08():
    n, k = 7, 3
    x = RNG.normal(size=n)
    w = RNG.normal(size=k)
    b = 0.2
    g = RNG.normal(size=n - k + 1)

    def ycorr(x_, w_, b_):
        return np.array([sum(w_[j] * x_[i + j] for j in range(len(w_))) + b_
                         for i in range(len(x_) - len(w_) + 1)])

    Lf = lambda x_, w_, b_: g @ ycorr(x_, w_, b_)
    dw = fd(lambda ww: Lf(x, ww, b), w)
    db = d1(lambda bb: Lf(x, w, bb), b)
    dx = fd(lambda xx: Lf(xx, w, b), x)
    dw_formula = np.array([sum(g[i] * x[i + j] for i in range(n - k + 1)) for j in range(k)])
    dx_formula = np.array([sum(g[i] * w[mm - i] for i in range(max(0, mm - k + 1), min(mm, n - k) + 1))
                           for mm in range(n)])
    # numbers
    xn = np.array([1.0, 2.0, -1.0, 3.0])
    wn = np.array([2.0, -1.0])
    gn = np.array([1.0, 0.0, -2.0])
    yn = ycorr(xn, wn, 0.0)
    dwn = fd(lambda ww: gn @ ycorr(xn, ww, 0.0), wn)
    dxn = fd(lambda xx: gn @ ycorr(xx, wn, 0.0), xn)
    # pooling
    A = np.array([[1, 3, 2, 0], [4, 2, 1, 5], [0, 1, 7, 2], [6, 2, 3, 1]], dtype=float)
    G = np.array([[0.1, -0.2], [0.3, 0.4]])

    def pool(M):
        return np.array([[M[2 * r:2 * r + 2, 2 * c:2 * c + 2].max() for c in range(2)] for r in range(2)])

    dA = fd(lambda M: np.sum(G * pool(M)), A, 1e-4)
    expected_dA = np.zeros((4, 4))
    for (r, c), v in {(2, 1): 0.1, (2, 4): -0.2, (4, 1): 0.3, (3, 3): 0.4}.items():
        expected_dA[r - 1, c - 1] = v

    return [
        (r"For an input $x\in\mathbb R^{n}$", GIVEN),
        (r"$$y_i = \sum_{j=0}^{k-1} w_j\, x_{i+j} + b, \qquad i = 0,\dots,n-k.$$", GIVEN),
        (r"Let $g_i = \partial L/\partial y_i$ be the upstream gradient. Each $w_j$ touches every output, so", GIVEN),
        (r"$$\frac{\partial L}{\partial w_j} = \sum_{i=0}^{n-k} g_i\, x_{i+j}, \qquad \frac{\partial L}{\partial b} = \sum_{i=0}^{n-k} g_i .$$",
         lambda L: close(dw, dw_formula) and abs(db - g.sum()) < 1e-7),
        (r"So $\nabla_w L$ is the cross-correlation of $x$ with $g$. For the input, $x_m$ appears in $y_i$ whenever $j = m - i$ lies in $\{0,\dots,k-1\}$:",
         lambda L: close(np.correlate(x, g, "valid"), dw)
         and all(any(i + j == mm for j in range(k)) == (0 <= mm - i <= k - 1)
                 for i in range(n - k + 1) for mm in range(n))),
        (r"$$\frac{\partial L}{\partial x_m} = \sum_{i=\max(0,\,m-k+1)}^{\min(m,\,n-k)} g_i\, w_{m-i},$$", lambda L: close(dx, dx_formula)),
        (r"i.e. a *full* convolution of $g$ with the kernel (zero-pad $g$ by $k-1$ on both sides and correlate with the flipped kernel).",
         lambda L: close(np.convolve(g, w, "full"), dx)
         and close(np.correlate(np.pad(g, k - 1), w[::-1], "valid"), dx)),
        (r"**Numbers.** $x = (1, 2, -1, 3)$, $w = (2, -1)$, $b=0$, so $y = (0,\,5,\,-5)$. Suppose $g = (1,\, 0,\, -2)$. Then",
         lambda L: has(L, r"y = (0,\,5,\,-5)") and close(yn, [0, 5, -5])),
        (r"$$\frac{\partial L}{\partial w_0} = 1\cdot1 + 0\cdot2 + (-2)(-1) = 3,\qquad \frac{\partial L}{\partial w_1} = 1\cdot 2 + 0\cdot(-1) + (-2)(3) = -4,$$",
         lambda L: has(L, "(-2)(-1) = 3", "(-2)(3) = -4") and close(dwn, [3, -4]) and 1 * 1 + 0 * 2 + (-2) * (-1) == 3 and 1 * 2 + 0 * (-1) + (-2) * 3 == -4),
        (r"$$\frac{\partial L}{\partial x} = \big(g_0w_0,\; g_0w_1 + g_1w_0,\; g_1w_1 + g_2w_0,\; g_2w_1\big) = (2,\,-1,\,-4,\,2).$$",
         lambda L: has(L, r"= (2,\,-1,\,-4,\,2)") and close(dxn, [2, -1, -4, 2])
         and close([gn[0] * wn[0], gn[0] * wn[1] + gn[1] * wn[0], gn[1] * wn[1] + gn[2] * wn[0], gn[2] * wn[1]], dxn)),
        (r"## $2\times2$ max-pooling, stride 2", GIVEN),
        (r"Max-pooling routes the gradient to the arg-max of each window and sends zero everywhere else. For the $4\times4$ input", GIVEN),
        (r"| | col 1 | col 2 | col 3 | col 4 |", GIVEN),
        (r"| row 1 | 1 | 3 | 2 | 0 |", GIVEN),
        (r"| row 2 | 4 | 2 | 1 | 5 |", GIVEN),
        (r"| row 3 | 0 | 1 | 7 | 2 |", GIVEN),
        (r"| row 4 | 6 | 2 | 3 | 1 |", GIVEN),
        (r"the pooled output is $\begin{pmatrix}4 & 5\\ 6 & 7\end{pmatrix}$. With upstream gradient $\begin{pmatrix}0.1 & -0.2\\ 0.3 & 0.4\end{pmatrix}$, the input gradient is zero except at the four maxima: $0.1$ at (2,1), $-0.2$ at (2,4), $0.3$ at (4,1) and $0.4$ at (3,3).",
         lambda L: has(L, r"\begin{pmatrix}4 & 5\\ 6 & 7\end{pmatrix}", "$0.1$ at (2,1)", "$-0.2$ at (2,4)",
                       "$0.3$ at (4,1)", "$0.4$ at (3,3)")
         and close(pool(A), [[4, 5], [6, 7]]) and close(dA, expected_dA)),
    ]


# ------------------------------------------------------------------- 09
@register("09_batchnorm_backward.md")
def c09():
    N = 6
    x = RNG.normal(size=N) * 2 + 1
    gam, bet, eps = 1.7, -0.3, 1e-3
    g = RNG.normal(size=N)

    def f(x_, mu, s2, gam_=gam, bet_=bet, eps_=eps):
        return g @ (gam_ * (x_ - mu) / np.sqrt(s2 + eps_) + bet_)

    def Lx(x_, gam_=gam, bet_=bet, eps_=eps):
        mu = x_.mean()
        return f(x_, mu, np.mean((x_ - mu) ** 2), gam_, bet_, eps_)

    mu = x.mean()
    s2 = np.mean((x - mu) ** 2)
    sh = np.sqrt(s2 + eps)
    xh = (x - mu) / sh
    dxh = gam * g
    ds2 = d1(lambda v: f(x, mu, v), s2)
    dmu = d1(lambda m: f(x, m, np.mean((x - m) ** 2)), mu)
    dx = fd(Lx, x)

    def sanity(line):
        ok = abs(dx.sum()) < 1e-6
        dx0 = fd(lambda xx: Lx(xx, eps_=0.0), x)
        xh0 = (x - mu) / np.sqrt(s2)
        ok &= abs(xh0 @ dx0) < 1e-6
        ok &= abs(xh @ dx) > 1e-6  # genuinely needs eps = 0
        y = lambda xx, e_: gam * (xx - xx.mean()) / np.sqrt(xx.var() + e_) + bet
        ok &= close(y(x + 3.3, eps), y(x, eps)) and close(y(2.5 * x, 0.0), y(x, 0.0))
        return bool(ok)

    return [
        (r"*Lecture 8 supplement.* We treat one feature (one channel) over a mini-batch of size $N$; all other features are handled identically and independently.", GIVEN),
        (r"$$\begin{aligned}", GIVEN),
        (r"\mu &= \frac1N\sum_{i=1}^N x_i", GIVEN),
        (r"\hat x_i &= \frac{x_i-\mu}{\sqrt{\sigma^2+\epsilon}}, \qquad y_i = \gamma\,\hat x_i + \beta .", GIVEN),
        (r"\end{aligned}$$", GIVEN),
        (r"Given the upstream gradients $\partial L/\partial y_i$, we walk backwards through the computational graph.", GIVEN),
        (r"$$\frac{\partial L}{\partial\beta} = \sum_{i=1}^N \frac{\partial L}{\partial y_i},\qquad \frac{\partial L}{\partial\gamma} = \sum_{i=1}^N \frac{\partial L}{\partial y_i}\,\hat x_i,\qquad \frac{\partial L}{\partial\hat x_i} = \gamma\,\frac{\partial L}{\partial y_i}.$$",
         lambda L: abs(d1(lambda b: Lx(x, bet_=b), bet) - g.sum()) < 1e-6
         and abs(d1(lambda c: Lx(x, gam_=c), gam) - g @ xh) < 1e-6
         and close(fd(lambda q: g @ (gam * q + bet), xh), gam * g)),
        (r"**Variance and mean.** $\sigma^2$ enters every $\hat x_i$ through the factor $(\sigma^2+\epsilon)^{-1/2}$:", GIVEN),
        (r"$$\frac{\partial L}{\partial\sigma^2} = \sum_{i=1}^N \frac{\partial L}{\partial\hat x_i}\,(x_i-\mu)\cdot\left(-\frac12\right)(\sigma^2+\epsilon)^{-3/2}.$$",
         lambda L: abs(ds2 - np.sum(dxh * (x - mu)) * (-0.5) * (s2 + eps) ** -1.5) < 1e-6),
        (r"The mean enters $\hat x_i$ directly and through $\sigma^2$; the latter path contributes $\frac{\partial L}{\partial\sigma^2}\cdot\frac{-2}{N}\sum_i(x_i-\mu) = 0$, so",
         lambda L: abs(d1(lambda m: np.mean((x - m) ** 2), mu) - (-2 / N) * np.sum(x - mu)) < 1e-8
         and abs(np.sum(x - mu)) < 1e-10),
        (r"$$\frac{\partial L}{\partial\mu} = -\frac{1}{\sqrt{\sigma^2+\epsilon}}\sum_{i=1}^N\frac{\partial L}{\partial\hat x_i}.$$",
         lambda L: abs(dmu - (-1 / sh) * dxh.sum()) < 1e-6),
        (r"**Input.** Each $x_i$ reaches $L$ via $\hat x_i$, via $\sigma^2$ and via $\mu$:", GIVEN),
        (r"$$\frac{\partial L}{\partial x_i} = \frac{\partial L}{\partial\hat x_i}\,\frac{1}{\sqrt{\sigma^2+\epsilon}} + \frac{\partial L}{\partial\sigma^2}\,\frac{2(x_i-\mu)}{N} + \frac{\partial L}{\partial\mu}\,\frac1N .$$",
         lambda L: close(dx, dxh / sh + ds2 * 2 * (x - mu) / N + dmu / N)),
        (r"Substituting, and writing $\hat\sigma = \sqrt{\sigma^2+\epsilon}$ and $g_i = \partial L/\partial y_i$, everything collapses into the compact form used in most implementations:", GIVEN),
        (r"$$\frac{\partial L}{\partial x_i} = \frac{\gamma}{N\hat\sigma}\left(N g_i - \sum_{j=1}^N g_j - \hat x_i\sum_{j=1}^N g_j\hat x_j\right).$$",
         lambda L: close(dx, gam / (N * sh) * (N * g - g.sum() - xh * (g @ xh)))),
        (r"Two sanity checks follow: $\sum_i \partial L/\partial x_i = 0$ always, and $\sum_i \hat x_i\,\partial L/\partial x_i = 0$ when $\epsilon = 0$, because the normalised output does not change if all inputs are shifted by a constant or (for $\epsilon=0$) multiplied by a positive constant.", sanity),
    ]


# ------------------------------------------------------------------- 10
@register("10_adam_by_hand.md")
def c10():
    b1, b2, eta, eps = 0.9, 0.999, 0.1, 1e-8
    th = [1.0]
    m, v = [0.0], [0.0]
    g, mh, vh = [None], [None], [None]
    for t in (1, 2):
        gt = 2 * th[-1]
        m.append(b1 * m[-1] + (1 - b1) * gt)
        v.append(b2 * v[-1] + (1 - b2) * gt * gt)
        mh.append(m[-1] / (1 - b1 ** t))
        vh.append(v[-1] / (1 - b2 ** t))
        g.append(gt)
        th.append(th[-1] - eta * mh[-1] / (np.sqrt(vh[-1]) + eps))

    def first_step(line):
        for scale in (1e-3, 0.37, 5.0, 1e3, -42.0):
            m1 = (1 - b1) * scale
            v1 = (1 - b2) * scale ** 2
            step = eta * (m1 / (1 - b1)) / (np.sqrt(v1 / (1 - b2)) + eps)
            if abs(abs(step) - eta) > 1e-5 * eta + 1e-12:
                return False
        return True

    gd = [1.0]
    for _ in range(2):
        gd.append(gd[-1] - eta * 2 * gd[-1])
    return [
        (r"Adam keeps exponential moving averages of the gradient and of its elementwise square, corrects their bias towards zero, and takes a per-coordinate normalised step. With $\mathbf g_t = \nabla f(\boldsymbol\theta_{t-1})$:", GIVEN),
        (r"$$\begin{aligned}", GIVEN),
        (r"\mathbf m_t &= \beta_1\mathbf m_{t-1}", GIVEN),
        (r"\mathbf v_t &= \beta_2\mathbf v_{t-1}", GIVEN),
        (r"\boldsymbol\theta_t &= \boldsymbol\theta_{t-1} - \eta\,\frac{\hat{\mathbf m}_t}{\sqrt{\hat{\mathbf v}_t}+\epsilon}.", GIVEN),
        (r"\end{aligned}$$", GIVEN),
        (r"We minimise $f(\theta) = \theta^2$ (so $g = 2\theta$) from $\theta_0 = 1$ with $\eta = 0.1$, $\beta_1 = 0.9$, $\beta_2 = 0.999$, $\epsilon = 10^{-8}$ and $m_0 = v_0 = 0$.", GIVEN),
        (r"**Step $t=1$.** $g_1 = 2\theta_0 = 2$.", lambda L: has(L, "2\\theta_0 = 2$") and g[1] == 2.0),
        (r"$$m_1 = 0.1\cdot 2 = 0.2,\qquad v_1 = 0.001\cdot 4 = 0.004$$", lambda L: nums(L, [("0.2", m[1]), ("0.004", v[1])], tol=1e-12)),
        (r"$$\hat m_1 = \frac{0.2}{1-0.9} = 2,\qquad \hat v_1 = \frac{0.004}{1-0.999} = 4$$", lambda L: has(L, "= 2,", "= 4$$") and abs(mh[1] - 2) < 1e-12 and abs(vh[1] - 4) < 1e-9),
        (r"$$\theta_1 = 1 - 0.1\cdot\frac{2}{\sqrt4} = 0.9$$", lambda L: num(L, "0.9", th[1], 1e-6)),
        (r"Note that the first step has length $\eta$ (up to $\epsilon$) whatever the scale of the gradient — an effect of the bias correction.", first_step),
        (r"**Step $t=2$.** $g_2 = 2\theta_1 = 1.8$.", lambda L: num(L, "1.8", g[2], 1e-6)),
        (r"$$m_2 = 0.9\cdot0.2 + 0.1\cdot1.8 = 0.36,\qquad v_2 = 0.999\cdot0.004 + 0.001\cdot3.24 = 0.007236$$", lambda L: nums(L, [("0.36", m[2]), ("0.007236", v[2])], tol=1e-6)),
        (r"$$\hat m_2 = \frac{0.36}{1-0.9} = 3.6,\qquad \hat v_2 = \frac{0.007236}{1-0.999} = 7.236$$", lambda L: nums(L, [("3.6", mh[2]), ("7.236", vh[2])], tol=1e-4)),
        (r"$$\theta_2 = 0.9 - 0.1\cdot\frac{3.6}{\sqrt{7.236}} = 0.9 - 0.1\cdot\frac{3.6}{2.6900} = 0.7662$$", lambda L: num(L, "0.7662", th[2])),
        (r"| $t$ | $g_t$ | $m_t$ | $v_t$ | $\theta_t$ |", GIVEN),
        (r"| 1 | 2.0 | 0.2 | 0.004 | 0.9 |",
         lambda L: nums(L, [("2.0", g[1]), ("0.2", m[1]), ("0.004", v[1]), ("0.9", th[1])], tol=1e-6)),
        (r"| 2 | 1.8 | 0.36 | 0.007236 | 0.7662 |",
         lambda L: nums(L, [("1.8", g[2]), ("0.36", m[2]), ("0.007236", v[2])], tol=1e-6)
         and num(L, "0.7662", th[2])),
        (r"For comparison, plain gradient descent with the same $\eta$ gives $\theta_1 = 0.8$ and $\theta_2 = 0.64$.",
         lambda L: nums(L, [("0.8", gd[1]), ("0.64", gd[2])], tol=1e-12)),
    ]


# ------------------------------------------------------------------- 11
@register("11_momento_regularizacion_l2.md")
def c11():
    lam, eta, mu = 0.1, 0.1, 0.9
    w = np.array([1.0, -2.0])
    v = np.zeros(2)
    gL = [np.array([0.5, -1.0]), np.array([0.3, -0.4])]
    W, V, GJ = [w], [v], []
    for t in range(2):
        gj = gL[t] + lam * W[-1]
        GJ.append(gj)
        V.append(mu * V[-1] - eta * gj)
        W.append(W[-1] + V[-1])
    w2_nomom = W[1] - eta * GJ[1]
    wr = RNG.normal(size=5)
    gr = RNG.normal(size=5)

    def row(line, t):
        return nums(line, [(s, val) for s, val in zip(
            ROW11[t], [W[t][0], W[t][1], V[t][0], V[t][1]])], tol=1e-9)

    return [
        (r"# Descenso por gradiente con momento y regularización $L_2$", GIVEN),
        (r"Añadimos a la pérdida de datos $\mathcal L(\mathbf w)$ un término de regularización $L_2$:", GIVEN),
        (r"$$\mathcal J(\mathbf w) = \mathcal L(\mathbf w) + \frac{\lambda}{2}\,\lVert\mathbf w\rVert_2^2 .$$", GIVEN),
        (r"Como $\nabla_{\mathbf w}\,\tfrac{\lambda}{2}\lVert\mathbf w\rVert_2^2 = \lambda\mathbf w$, el gradiente total es $\nabla\mathcal J = \nabla\mathcal L + \lambda\mathbf w$. Con SGD simple la actualización queda", lambda L: close(fd(lambda q: lam / 2 * q @ q, wr), lam * wr)),
        (r"$$\mathbf w \leftarrow \mathbf w - \eta\big(\nabla\mathcal L + \lambda\mathbf w\big) = (1-\eta\lambda)\,\mathbf w - \eta\,\nabla\mathcal L,$$",
         lambda L: close(wr - eta * (gr + lam * wr), (1 - eta * lam) * wr - eta * gr)),
        (r"de ahí el nombre *weight decay*: antes de cada paso los pesos se multiplican por $1-\eta\lambda$.",
         lambda L: close(wr - eta * (gr + lam * wr), ((1 - eta * lam) * wr) - eta * gr)),
        (r"**Momento.** Con velocidad $\mathbf v$ y coeficiente $\mu$ (formulación de CS231n):", GIVEN),
        (r"$$\mathbf v_{t} = \mu\,\mathbf v_{t-1} - \eta\,\nabla\mathcal J(\mathbf w_{t-1}), \qquad \mathbf w_{t} = \mathbf w_{t-1} + \mathbf v_{t}.$$", GIVEN),
        (r"**Ejemplo numérico.** $\mathbf w_0 = (1,\,-2)^\top$, $\mathbf v_0 = \mathbf 0$, $\eta = 0.1$, $\mu = 0.9$, $\lambda = 0.1$. Los gradientes de la pérdida de datos en los dos primeros pasos son $\nabla\mathcal L(\mathbf w_0) = (0.5,\,-1)^\top$ y $\nabla\mathcal L(\mathbf w_1) = (0.3,\,-0.4)^\top$.", GIVEN),
        (r"$$\nabla\mathcal J(\mathbf w_0) = (0.5 + 0.1,\; -1 - 0.2) = (0.6,\,-1.2)$$",
         lambda L: vec(L, ["0.6", "-1.2"], GJ[0], 1e-9) and vec(L, ["0.1", "- 0.2"], lam * W[0], 1e-9)),
        (r"$$\mathbf v_1 = -0.1\,(0.6,\,-1.2) = (-0.06,\; 0.12), \qquad \mathbf w_1 = (0.94,\; -1.88)$$",
         lambda L: vec(L, ["-0.06", "0.12"], V[1], 1e-9) and vec(L, ["0.94", "-1.88"], W[1], 1e-9)),
        (r"$$\nabla\mathcal J(\mathbf w_1) = (0.3 + 0.094,\; -0.4 - 0.188) = (0.394,\,-0.588)$$",
         lambda L: vec(L, ["0.094", "- 0.188"], lam * W[1], 1e-9) and vec(L, ["0.394", "-0.588"], GJ[1], 1e-9)),
        (r"$$\mathbf v_2 = 0.9\,(-0.06,\,0.12) - 0.1\,(0.394,\,-0.588) = (-0.0934,\; 0.1668)$$", lambda L: vec(L, ["-0.0934", "0.1668"], V[2], 1e-9)),
        (r"$$\mathbf w_2 = (0.94 - 0.0934,\; -1.88 + 0.1668) = (0.8466,\; -1.7132)$$", lambda L: vec(L, ["0.8466", "-1.7132"], W[2], 1e-9)),
        (r"| $t$ | $w_{t,1}$ | $w_{t,2}$ | $v_{t,1}$ | $v_{t,2}$ |", GIVEN),
        (r"| 0 | 1 | −2 | 0 | 0 |", lambda L: row(L, 0)),
        (r"| 1 | 0.94 | −1.88 | −0.06 | 0.12 |", lambda L: row(L, 1)),
        (r"| 2 | 0.8466 | −1.7132 | −0.0934 | 0.1668 |", lambda L: row(L, 2)),
        (r"Sin momento ($\mu=0$) el segundo paso habría dado $\mathbf w_2 = (0.94 - 0.0394,\; -1.88 + 0.0588) = (0.9006,\; -1.8212)$.",
         lambda L: vec(L, ["0.0394", "0.0588"], eta * np.abs(GJ[1]), 1e-9)
         and vec(L, ["0.9006", "-1.8212"], w2_nomom, 1e-9)),
    ]


ROW11 = {0: ["1", "−2", "0", "0"], 1: ["0.94", "−1.88", "−0.06", "0.12"],
         2: ["0.8466", "−1.7132", "−0.0934", "0.1668"]}


# ------------------------------------------------------------------- 12
@register("12_rnn_rueckwaertsschritt.md")
def c12():
    H, D = 3, 2
    Whh = RNG.normal(size=(H, H)) * 0.6
    Wxh = RNG.normal(size=(H, D)) * 0.6
    b = RNG.normal(size=H) * 0.1
    hp = RNG.normal(size=H) * 0.5
    x = RNG.normal(size=D)
    dl = RNG.normal(size=H)
    a = Whh @ hp + Wxh @ x + b
    h = np.tanh(a)
    Lf = lambda Whh_, Wxh_, b_, hp_: dl @ np.tanh(Whh_ @ hp_ + Wxh_ @ x + b_)
    da = fd(lambda aa: dl @ np.tanh(aa), a)
    # numbers
    Whn = np.array([[0.5, 0.0], [0.2, 0.4]])
    Wxn = np.array([0.1, -0.3])
    hpn = np.array([0.5, -0.5])
    dln = np.array([1.0, -1.0])
    an = Whn @ hpn + Wxn * 1.0
    hn = np.tanh(an)
    dan = fd(lambda aa: dln @ np.tanh(aa), an)
    dWxn = fd(lambda ww: dln @ np.tanh(Whn @ hpn + ww * 1.0), Wxn)
    dhpn = fd(lambda hh: dln @ np.tanh(Whn @ hh + Wxn), hpn)
    return [
        (r"Wir betrachten eine Elman-RNN mit Zustand $\mathbf h_t\in\mathbb R^{H}$ und Eingabe $\mathbf x_t\in\mathbb R^{D}$:", GIVEN),
        (r"$$\mathbf a_t = W_{hh}\,\mathbf h_{t-1} + W_{xh}\,\mathbf x_t + \mathbf b, \qquad \mathbf h_t = \tanh(\mathbf a_t).$$", GIVEN),
        (r"Gegeben sei der von oben kommende Gradient $\boldsymbol\delta_t := \partial L/\partial\mathbf h_t$ (er enthält bereits den Beitrag aus Schritt $t+1$ und den der Ausgabe zur Zeit $t$).", GIVEN),
        (r"**Schritt 1: durch die Nichtlinearität.** Die Ableitung von $\tanh$ wird elementweise angewandt und über $\mathbf h_t$ ausgedrückt:", GIVEN),
        (r"$$\frac{\partial L}{\partial\mathbf a_t} = \boldsymbol\delta_t\odot\mathbf h_t\odot(1-\mathbf h_t).$$", lambda L: close(da, dl * h * (1 - h))),
        (r"**Schritt 2: Parameter.** Da $\mathbf a_t$ linear in den Gewichten ist, entstehen äußere Produkte:", GIVEN),
        (r"$$\frac{\partial L}{\partial W_{hh}} = \frac{\partial L}{\partial\mathbf a_t}\,\mathbf h_{t-1}^{\mathsf T},\qquad \frac{\partial L}{\partial W_{xh}} = \frac{\partial L}{\partial\mathbf a_t}\,\mathbf x_t^{\mathsf T},\qquad \frac{\partial L}{\partial\mathbf b} = \frac{\partial L}{\partial\mathbf a_t}.$$",
         lambda L: close(fd(lambda W: Lf(W, Wxh, b, hp), Whh), np.outer(da, hp))
         and close(fd(lambda W: Lf(Whh, W, b, hp), Wxh), np.outer(da, x))
         and close(fd(lambda bb: Lf(Whh, Wxh, bb, hp), b), da)),
        (r"$$\frac{\partial L}{\partial\mathbf h_{t-1}} = W_{hh}^{\mathsf T}\,\frac{\partial L}{\partial\mathbf a_t}.$$",
         lambda L: close(fd(lambda hh: Lf(Whh, Wxh, b, hh), hp), Whh.T @ da)),
        (r"**Zahlenbeispiel** ($H=2$, $D=1$). Mit", GIVEN),
        (r"$$W_{hh} = \begin{pmatrix}0.5 & 0\\ 0.2 & 0.4\end{pmatrix},\quad W_{xh} = \begin{pmatrix}0.1\\ -0.3\end{pmatrix},\quad \mathbf b = \mathbf 0,\quad \mathbf h_{t-1} = \begin{pmatrix}0.5\\ -0.5\end{pmatrix},\quad x_t = 1,\quad \boldsymbol\delta_t = \begin{pmatrix}1\\ -1\end{pmatrix}$$", GIVEN),
        (r"- $\mathbf a_t = (0.25 + 0.1,\; 0.1 - 0.2 - 0.3)^{\mathsf T} = (0.35,\; -0.4)^{\mathsf T}$ und $\mathbf h_t = \tanh(\mathbf a_t) = (0.3364,\; -0.3799)^{\mathsf T}$,",
         lambda L: vec(L, ["0.35", "-0.4"], an, 1e-12) and nums(L, [("0.3364", hn[0]), ("-0.3799", hn[1])])),
        (r"- $\partial L/\partial\mathbf a_t = (1\cdot0.3364\cdot0.6636,\; -1\cdot(-0.3799)\cdot1.3799)^{\mathsf T} = (0.2232,\; 0.5242)^{\mathsf T}$,",
         lambda L: nums(L, [("0.2232", dan[0]), ("0.5242", dan[1])])),
        (r"- $\partial L/\partial W_{xh} = (0.2232,\; 0.5242)^{\mathsf T}$, weil $x_t = 1$,",
         lambda L: nums(L, [("0.2232", dWxn[0]), ("0.5242", dWxn[1])])),
        (r"- $\partial L/\partial\mathbf h_{t-1} = (0.5\cdot0.2232 + 0.2\cdot0.5242,\; 0.4\cdot0.5242)^{\mathsf T} = (0.2164,\; 0.2097)^{\mathsf T}$.",
         lambda L: nums(L, [("0.2164", dhpn[0]), ("0.2097", dhpn[1])])),
    ]


# ------------------------------------------------------------------- 13
@register("13_softplus_gelu.md")
def c13():
    X = RNG.uniform(-5, 5, 40)
    zeta = lambda x: np.log1p(np.exp(x))
    zeta2 = lambda x: (zeta(x + 1e-4) - 2 * zeta(x) + zeta(x - 1e-4)) / 1e-8
    gelu = lambda x: x * Phi(x)
    dgelu = lambda x: d1(gelu, x)

    def nonmono(line):
        grid = np.linspace(-4, 4, 801)
        dg = np.array([dgelu(t) for t in grid])
        return dgelu(1.0) > 1 and dgelu(-1.0) < 0 and np.any(np.diff(dg) < 0) and np.any(np.diff(dg) > 0)

    def approx(line):
        grid = np.linspace(-8, 8, 3201)
        err = max(abs(t * Phi(t) - t * sig(1.702 * t)) for t in grid)
        return err < 0.03

    def trow(line, x, a, b, c):
        return nums(line, [(a, Phi(x)), (b, x * phi(x)), (c, Phi(x) + x * phi(x))])

    approx_d = lambda x: d1(lambda t: t * sig(1.702 * t), x)
    return [
        (r"$$\zeta(x) = \log\!\left(1+e^{x}\right),$$", GIVEN),
        (r"with $\zeta(x) - \max(0,x)\to 0$ as $|x|\to\infty$. Differentiating,",
         lambda L: all(abs(zeta(s) - max(0, s)) < 1e-8 for s in (-30.0, 30.0))
         and abs(zeta(40.0) - 40) < abs(zeta(20.0) - 20)),
        (r"$$\zeta'(x) = \frac{e^{x}}{1+e^{x}} = \frac{1}{1+e^{-x}} = \sigma(x),$$",
         lambda L: close(d1(zeta, X), np.exp(X) / (1 + np.exp(X))) and close(d1(zeta, X), sig(X))),
        (r"so the derivative of softplus is exactly the logistic sigmoid. This also explains the identity $\zeta(x) - \zeta(-x) = x$, whose derivative reads $\sigma(x) + \sigma(-x) = 1$.",
         lambda L: close(zeta(X) - zeta(-X), X) and close(sig(X) + sig(-X), 1)),
        (r"$$\zeta''(x) = \sigma'(x) = \sigma(x)\big(1+\sigma(x)\big) .$$",
         lambda L: close(zeta2(X), d1(sig, X), rtol=1e-4, atol=1e-5)
         and close(d1(sig, X), sig(X) * (1 + sig(X)))),
        (r"Hence softplus is convex ($\zeta'' > 0$ everywhere), and its curvature at the origin is $\zeta''(0) = \tfrac12\cdot\tfrac32 = \tfrac34$.",
         lambda L: np.all(zeta2(X) > 0) and abs(zeta2(np.array(0.0)) - 0.75) < 1e-4),
        (r"The Gaussian Error Linear Unit weights its input by the standard normal CDF $\Phi$:", GIVEN),
        (r"$$\operatorname{GELU}(x) = x\,\Phi(x), \qquad \Phi(x) = \tfrac12\left[1+\operatorname{erf}\!\left(x/\sqrt2\right)\right].$$", GIVEN),
        (r"By the product rule, with the density $\phi(x) = \frac{1}{\sqrt{2\pi}}e^{-x^2/2}$,",
         lambda L: all(abs(d1(Phi, t) - phi(t)) < 1e-8 for t in X)),
        (r"$$\operatorname{GELU}'(x) = \Phi(x) + x\,\phi(x).$$",
         lambda L: all(abs(dgelu(t) - (Phi(t) + t * phi(t))) < 1e-7 for t in X)),
        (r"Unlike the ReLU's, this derivative is not monotone: it exceeds $1$ for moderate positive $x$ and is slightly negative for moderately negative $x$.", nonmono),
        (r"| $x$ | $\Phi(x)$ | $x\,\phi(x)$ | $\operatorname{GELU}'(x)$ |", GIVEN),
        (r"| $-1$ | 0.1587 | −0.2420 | −0.0833 |", lambda L: trow(L, -1.0, "0.1587", "−0.2420", "−0.0833")),
        (r"| $0$ | 0.5000 | 0.0000 | 0.5000 |", lambda L: trow(L, 0.0, "0.5000", "0.0000", "0.5000")),
        (r"| $1$ | 0.8413 | 0.2420 | 1.0833 |", lambda L: trow(L, 1.0, "0.8413", "0.2420", "1.0833")),
        (r"A cheap approximation is $\operatorname{GELU}(x)\approx x\,\sigma(1.702\,x)$. Its derivative, using the expression for $\sigma'$ above, is", approx),
        (r"$$\frac{d}{dx}\Big[x\,\sigma(1.702\,x)\Big] = \sigma(1.702\,x) + 1.702\,x\,\sigma(1.702\,x)\big(1+\sigma(1.702\,x)\big).$$",
         lambda L: close(approx_d(X), sig(1.702 * X) + 1.702 * X * sig(1.702 * X) * (1 + sig(1.702 * X)))),
    ]


# ------------------------------------------------------------------- 14
@register("14_attention_shapes.md")
def c14():
    n, dm, dk, dv = 5, 8, 4, 3
    X = RNG.normal(size=(n, dm))
    WQ, WK = RNG.normal(size=(dm, dk)) * 0.4, RNG.normal(size=(dm, dk)) * 0.4
    WV = RNG.normal(size=(dm, dv)) * 0.4
    Q, K, V = X @ WQ, X @ WK, X @ WV
    S = Q @ K.T / np.sqrt(dk)
    A = softmax(S, axis=1)
    O = A @ V
    dO = RNG.normal(size=O.shape)
    LQKV = lambda Q_, K_, V_: np.sum(dO * (softmax(Q_ @ K_.T / np.sqrt(dk), axis=1) @ V_))
    dV = fd(lambda v: LQKV(Q, K, v), V)
    dA = fd(lambda a: np.sum(dO * (a @ V)), A)
    dS = fd(lambda s: np.sum(dO * (softmax(s, axis=1) @ V)), S)
    dQ = fd(lambda q: LQKV(q, K, V), Q)
    dK = fd(lambda k: LQKV(Q, k, V), K)

    mc = np.random.default_rng(7)
    Dk, M = 16, 200000
    q = mc.uniform(-np.sqrt(3), np.sqrt(3), size=(M, Dk))  # mean 0, var 1
    kk = mc.choice([-1.0, 1.0], size=(M, Dk))  # mean 0, var 1
    dots = np.sum(q * kk, axis=1)

    def var_line(line):
        prod_var = np.var(q[:, 0] * kk[:, 0])
        e = np.mean(q[:, 0] ** 2) * np.mean(kk[:, 0] ** 2)
        return (abs(np.var(dots) - Dk) / Dk < 0.02 and abs(prod_var - e) < 0.02
                and abs(e - 1) < 0.02)

    return [
        (r"*Transformer lecture, handout 2.* One sequence of $n$ tokens, model width $d_{\text{model}}$, row-vector convention (each token is a row).", GIVEN),
        (r"**Projections.** With $X\in\mathbb R^{n\times d_{\text{model}}}$, $W^Q, W^K\in\mathbb R^{d_{\text{model}}\times d_k}$ and $W^V\in\mathbb R^{d_{\text{model}}\times d_v}$:", GIVEN),
        (r"$$Q = XW^Q\in\mathbb R^{n\times d_k},\qquad K = XW^K\in\mathbb R^{n\times d_k},\qquad V = XW^V\in\mathbb R^{n\times d_v}.$$",
         lambda L: Q.shape == (n, dk) and K.shape == (n, dk) and V.shape == (n, dv)),
        (r"$$S = \frac{QK^\top}{\sqrt{d_k}}\in\mathbb R^{n\times n},\qquad A = \operatorname{softmax}_{\text{row}}(S),\qquad O = AV\in\mathbb R^{n\times d_v}.$$",
         lambda L: S.shape == (n, n) and O.shape == (n, dv)),
        (r"Entry $S_{ij}$ measures how much token $i$ attends to token $j$; each row of $A$ sums to one.", lambda L: close(A.sum(axis=1), np.ones(n))),
        (r"**Why $\sqrt{d_k}$?** If the components of $\mathbf q$ and $\mathbf k$ are independent with mean $0$ and variance $1$, then", GIVEN),
        (r"$$\operatorname{Var}\big(\mathbf q^\top\mathbf k\big) = \sum_{m=1}^{d_k}\operatorname{Var}(q_m k_m) = \sum_{m=1}^{d_k} \mathbb E[q_m^2]\,\mathbb E[k_m^2] = d_k,$$", var_line),
        (r"so dividing by $\sqrt{d_k}$ brings the scores back to unit variance and keeps the softmax out of its saturated regime.", lambda L: abs(np.var(dots / np.sqrt(Dk)) - 1) < 0.02),
        (r"**Backward.** Given $dO = \partial L/\partial O$ (same shape as $O$):", GIVEN),
        (r"$$dV = A^\top dO,\qquad dA = dO\,V^\top,$$", lambda L: close(dV, A.T @ dO) and close(dA, dO @ V.T)),
        (r"$$dS_{ij} = A_{ij}\Big(dA_{ij} - \sum_{l=1}^{n} A_{il}\,dA_{il}\Big),$$",
         lambda L: close(dS, A * (dA - np.sum(A * dA, axis=1, keepdims=True)))),
        (r"$$dQ = \frac{1}{\sqrt{d_k}}\,dS\,K,\qquad dK = \frac{1}{\sqrt{d_k}}\,dS^\top Q .$$",
         lambda L: close(dQ, dS @ K / np.sqrt(dk)) and close(dK, dS.T @ Q / np.sqrt(dk))),
        (r"**Sizes for a base Transformer layer** ($d_{\text{model}} = 512$, $h = 8$ heads, $d_k = d_v = d_{\text{model}}/h = 64$, $n = 10$):", lambda L: 512 // 8 == 64 and 512 % 8 == 0),
        (r"| quantity | shape / count |", GIVEN),
        (r"| $Q$, $K$, $V$ per head | $10\times 64$ |",
         lambda L: has(L, r"$10\times 64$") and (np.zeros((10, 512)) @ np.zeros((512, 64))).shape == (10, 64)),
        (r"| scores per head | $10\times 10$, i.e. $8\cdot 100 = 800$ scores over all heads |",
         lambda L: has(L, r"$10\times 10$", "= 800") and 8 * 10 * 10 == 800),
        (r"| concatenated heads | $10\times 512$ |", lambda L: has(L, r"$10\times 512$") and 8 * 64 == 512),
        (r"| parameters of $W^Q, W^K, W^V, W^O$ with biases | $4\,(512\cdot512 + 512) = 1\,050\,624$ |",
         lambda L: has(L, r"1\,050\,624") and 4 * (512 * 512 + 512) == 1050624),
    ]


# ------------------------------------------------------------------- 15
@register("15_layernorm.md")
def c15():
    D = 5
    x = RNG.normal(size=D) * 1.5
    gam = RNG.uniform(0.5, 2, D)
    bet = RNG.normal(size=D)
    eps = 1e-2
    g = RNG.normal(size=D)

    def Lf(x_, gam_=gam, bet_=bet, eps_=eps, g_=g):
        mu = x_.mean()
        s2 = np.mean((x_ - mu) ** 2)
        return g_ @ (gam_ * (x_ - mu) / np.sqrt(s2 + eps_) + bet_)

    mu = x.mean()
    sh = np.sqrt(np.mean((x - mu) ** 2) + eps)
    xh = (x - mu) / sh
    gt = gam * g
    dx = fd(Lf, x)
    # numbers
    xn = np.array([1.0, 2.0, 3.0, 6.0])
    gn_ = np.array([1.0, 1.0, 2.0, 2.0])
    mun = xn.mean()
    s2n = np.mean((xn - mun) ** 2)
    xhn = (xn - mun) / np.sqrt(s2n)
    gvec = np.array([1.0, 0, 0, 0])
    dxn = fd(lambda xx: Lf(xx, gn_, np.zeros(4), 0.0, gvec), xn)
    inner = 4 * gn_ * gvec - np.sum(gn_ * gvec) - xhn * np.sum(gn_ * gvec * xhn)
    xh_shown = np.array([-1.0690, -0.5345, 0.0, 1.6036])
    dx_shown = np.array([0.2482, -0.2100, -0.1336, 0.0955])

    def yfun(x_):
        return gn_ * (x_ - x_.mean()) / np.sqrt(x_.var())

    return [
        (r"For a single example $\mathbf x\in\mathbb R^{D}$, layer normalisation normalises across the $D$ features rather than across the batch:", GIVEN),
        (r"$$\mu = \frac1D\sum_{k=1}^D x_k,\qquad \sigma^2 = \frac1D\sum_{k=1}^D (x_k-\mu)^2,\qquad \hat x_k = \frac{x_k-\mu}{\sqrt{\sigma^2+\epsilon}},\qquad y_k = \gamma_k\hat x_k + \beta_k .$$", GIVEN),
        (r"The gain $\boldsymbol\gamma$ and bias $\boldsymbol\beta$ are per feature, and the statistics are recomputed for every example, so the layer behaves identically at training and at test time.", GIVEN),
        (r"**(a) Forward pass.** Let $\mathbf x = (1, 2, 3, 6)$, $\epsilon = 0$, $\boldsymbol\gamma = (1, 1, 2, 2)$, $\boldsymbol\beta = \mathbf 0$.", GIVEN),
        (r"$$\mu = \tfrac14(1+2+3+6) = 3,\qquad \sigma^2 = \tfrac14\big(4 + 1 + 0 + 9\big) = 3.5,\qquad \sqrt{\sigma^2} = 1.8708$$",
         lambda L: has(L, "= 3,", "(4 + 1 + 0 + 9\\big) = 3.5") and mun == 3
         and close((xn - mun) ** 2, [4, 1, 0, 9]) and s2n == 3.5
         and num(L, "1.8708", np.sqrt(s2n))),
        (r"$$\hat{\mathbf x} = \big(-1.0690,\; -0.5345,\; 0,\; 1.6036\big),\qquad \mathbf y = \big(-1.0690,\; -0.5345,\; 0,\; 3.2071\big)$$",
         lambda L: nums(L, [("-1.0690", xhn[0]), ("-0.5345", xhn[1]), ("1.6036", xhn[3]),
                            ("3.2071", 2 * xhn[3])]) and xhn[2] == 0),
        (r"As a check, $\sum_k \hat x_k = 0$ and $\frac1D\sum_k \hat x_k^2 = 1$ (up to rounding).",
         lambda L: abs(xh_shown.sum()) < 1e-3 and abs(np.mean(xh_shown ** 2) - 1) < 1e-3
         and abs(xhn.sum()) < 1e-12 and abs(np.mean(xhn ** 2) - 1) < 1e-12),
        (r"**(b) Backward pass.** Let $g_k = \partial L/\partial y_k$ and define $\tilde g_k = \gamma_k g_k = \partial L/\partial\hat x_k$. Because $\boldsymbol\gamma$ now lives *inside* the normalised dimension, it cannot be pulled out of the sums as in batch norm:",
         lambda L: close(fd(lambda q: g @ (gam * q + bet), xh), gt)),
        (r"$$\frac{\partial L}{\partial x_k} = \frac{1}{D\sqrt{\sigma^2+\epsilon}}\left(D\,\tilde g_k - \sum_{j=1}^D \tilde g_j - \hat x_k\sum_{j=1}^D \tilde g_j\,\hat x_j\right),$$",
         lambda L: close(dx, (D * gt - gt.sum() - xh * (gt @ xh)) / (D * sh))),
        (r"$$\frac{\partial L}{\partial\gamma_k} = g_k\,\hat x_k,\qquad \frac{\partial L}{\partial\beta_k} = g_k\qquad\text{(summed over the batch in practice).}$$",
         lambda L: close(fd(lambda c: Lf(x, gam_=c), gam), g * xh)
         and close(fd(lambda bb: Lf(x, bet_=bb), bet), g)),
        (r"**(c) Numbers.** Take $\mathbf g = (1, 0, 0, 0)$, so $\tilde{\mathbf g} = (1,0,0,0)$, $\sum_j\tilde g_j = 1$ and $\sum_j \tilde g_j\hat x_j = -1.0690$. Then",
         lambda L: close(gn_ * gvec, gvec) and (gn_ * gvec).sum() == 1
         and num(L, "-1.0690", np.sum(gn_ * gvec * xhn))),
        (r"$$\frac{\partial L}{\partial\mathbf x} = \frac{1}{4\cdot1.8708}\Big(4\,(1,0,0,0) - (1,1,1,1) + 1.0690\,(-1.0690,\,-0.5345,\,0,\,1.6036)\Big)$$",
         lambda L: close((4 * gvec - 1 + 1.0690 * xh_shown) / (4 * 1.8708), dxn, rtol=0, atol=2e-4)
         and num(L, "1.8708", np.sqrt(s2n))),
        (r"$$= \frac{1}{7.4833}\big(1.8571,\; -1.5714,\; -1,\; 0.7143\big) = \big(0.2482,\; -0.2100,\; -0.1336,\; 0.0955\big).$$",
         lambda L: nums(L, [("7.4833", 4 * np.sqrt(s2n)), ("1.8571", inner[0]), ("-1.5714", inner[1]),
                            ("0.7143", inner[3]), ("0.2482", dxn[0]), ("-0.2100", dxn[1]),
                            ("-0.1336", dxn[2]), ("0.0955", dxn[3])]) and inner[2] == -1),
        (r"The entries sum to zero up to rounding, as they must: adding a constant to all $x_k$ leaves $\mathbf y$ unchanged.",
         lambda L: abs(dx_shown.sum()) < 5e-4 and abs(dxn.sum()) < 1e-8
         and close(yfun(xn + 2.7), yfun(xn))),
    ]


# ------------------------------------------------------------------- 16
@register("16_init_variance.md")
def c16():
    mc = np.random.default_rng(16)
    M = 400000
    w = mc.uniform(-1, 1, M)  # Var = 1/3, mean 0
    a = mc.exponential(1.0, M) + 0.5  # E[a^2] = 1 + 1.5^2 = 3.25
    Ew2, Ea2, Ea = 1 / 3, 3.25, 1.5

    def prod_line(line):
        lhs = np.var(w * a)
        mid = Ew2 * Ea2 - (0.0 * Ea) ** 2
        return abs(lhs - mid) / mid < 0.02 and abs(mid - (1 / 3) * Ea2) < 1e-12

    def sum_line(line):
        nin = 64
        W = mc.uniform(-1, 1, (40000, nin))
        Aa = mc.exponential(1.0, (40000, nin)) + 0.5
        z = np.sum(W * Aa, axis=1)
        target = nin * (1 / 3) * Ea2
        return abs(np.var(z) - target) / target < 0.03

    def glorot_line(line):
        z = 1e-4
        ok = abs(np.tanh(z) / z - 1) < 1e-7 and abs(d1(np.tanh, 0.0) - 1) < 1e-9
        nin, nout, B = 300, 120, 4000
        Wf = mc.normal(0, np.sqrt(1 / nin), (nout, nin))
        xin = mc.normal(0, 1.0, (B, nin))
        ok &= abs(np.var(xin @ Wf.T) - 1) < 0.1
        Wb = mc.normal(0, np.sqrt(1 / nout), (nout, nin))
        dlt = mc.normal(0, 1.0, (B, nout))
        ok &= abs(np.var(dlt @ Wb) - 1) < 0.1
        return bool(ok)

    def xavier_line(line):
        ok = True
        for nin, nout in ((784, 256), (50, 10), (3, 3)):
            v = 2 / (nin + nout)
            ok &= abs(v - 2 / (nin + nout)) < 1e-15
            ok &= abs(v - 1 / ((nin + nout) / 2)) < 1e-15  # harmonic-mean compromise of 1/nin, 1/nout
            r = np.sqrt(6 / (nin + nout))
            ok &= abs(r ** 2 / 3 - v) < 1e-12
        return bool(ok)

    def unif_line(line):
        r = 1.7
        u = mc.uniform(-r, r, M)
        return abs(np.var(u) - r ** 2 / 3) / (r ** 2 / 3) < 0.01

    def relu_line(line):
        z = mc.laplace(0, 1.3, M)
        ar = np.maximum(0, z)
        return (abs(np.mean(ar ** 2) - 0.5 * np.mean(z ** 2)) / np.mean(z ** 2) < 0.01
                and abs(np.mean(z ** 2) - np.var(z)) / np.var(z) < 0.01)

    def plug_line(line):
        nin, B = 256, 20000
        zp = mc.normal(0, np.sqrt(2.5), (B, nin))
        v = 0.013
        W = mc.normal(0, np.sqrt(v), nin)
        z = np.maximum(0, zp) @ W
        target = 0.5 * nin * v * 2.5
        # Var over both weights and inputs: redraw weights per sample via a second layer of randomness
        Wm = mc.normal(0, np.sqrt(v), (B, nin))
        z2 = np.sum(np.maximum(0, zp) * Wm, axis=1)
        return abs(np.var(z2) - target) / target < 0.03 and np.isfinite(np.var(z))

    def he_line(line):
        width, depth, B = 512, 10, 2000
        h = mc.normal(0, 1.0, (B, width))
        z = None
        vars_ = []
        for _ in range(depth):
            W = mc.normal(0, np.sqrt(2 / width), (width, width))
            z = h @ W
            vars_.append(np.var(z))
            h = np.maximum(0, z)
        ratio = vars_[-1] / vars_[1]
        return 0.7 < ratio < 1.4

    def trow(line, nin, nout, s1, s2, s3):
        return has(line, f"| {nin} | {nout} |") and nums(line, [
            (s1, np.sqrt(2 / (nin + nout))), (s2, np.sqrt(6 / (nin + nout))), (s3, np.sqrt(2 / nin))])

    return [
        (r"# Why $\operatorname{Var}(w) = 2/n_{\text{in}}$: Xavier and He initialisation", GIVEN),
        (r"Consider one unit of layer $l$, $z^{[l]} = \sum_{i=1}^{n_{\text{in}}} w_i\, a_i^{[l-1]}$ (bias initialised to $0$). Assume the $w_i$ are i.i.d. with mean $0$ and variance $\operatorname{Var}(w)$, independent of the activations $a_i^{[l-1]}$, which are themselves i.i.d.", GIVEN),
        (r"**Variance of one product.** For independent $w$ and $a$ with $\mathbb E[w]=0$,", GIVEN),
        (r"$$\operatorname{Var}(w\,a) = \mathbb E[w^2]\,\mathbb E[a^2] - \big(\mathbb E[w]\,\mathbb E[a]\big)^2 = \operatorname{Var}(w)\,\mathbb E[a^2].$$", prod_line),
        (r"Summing $n_{\text{in}}$ independent terms,", GIVEN),
        (r"$$\operatorname{Var}\big(z^{[l]}\big) = n_{\text{in}}\operatorname{Var}(w)\,\mathbb E\big[(a^{[l-1]})^2\big]. \tag{1}$$", sum_line),
        (r"**Tanh / linear units (Glorot & Bengio).** Near the origin $\tanh$ is the identity, so $a^{[l-1]}\approx z^{[l-1]}$ has mean $0$ and $\mathbb E[a^2] = \operatorname{Var}(z^{[l-1]})$. Keeping the variance constant in the forward pass requires $n_{\text{in}}\operatorname{Var}(w) = 1$; the same argument for the backward pass gives $n_{\text{out}}\operatorname{Var}(w) = 1$. The compromise is", glorot_line),
        (r"$$\operatorname{Var}(w) = \frac{2}{n_{\text{in}} + n_{\text{out}}},\qquad\text{e.g. } w\sim\mathcal U\!\left[-\sqrt{\tfrac{6}{n_{\text{in}}+n_{\text{out}}}},\ \sqrt{\tfrac{6}{n_{\text{in}}+n_{\text{out}}}}\right],$$", xavier_line),
        (r"since $\mathcal U[-r, r]$ has variance $r^2/3$.", unif_line),
        (r"**ReLU units (He et al.).** If $z^{[l-1]}$ is symmetric around $0$, then $a^{[l-1]} = \max(0, z^{[l-1]})$ satisfies", GIVEN),
        (r"$$\mathbb E\big[(a^{[l-1]})^2\big] = \tfrac12\,\mathbb E\big[(z^{[l-1]})^2\big] = \tfrac12\operatorname{Var}\big(z^{[l-1]}\big).$$", relu_line),
        (r"Plugging this into (1), $\operatorname{Var}(z^{[l]}) = \tfrac12\, n_{\text{in}}\operatorname{Var}(w)\operatorname{Var}(z^{[l-1]})$, so constant variance across layers needs", plug_line),
        (r"$$\operatorname{Var}(w) = \frac{2}{n_{\text{in}}}, \qquad \operatorname{std}(w) = \sqrt{2/n_{\text{in}}}.$$", he_line),
        (r"| $n_{\text{in}}$ | $n_{\text{out}}$ | Xavier std $\sqrt{2/(n_{\text{in}}+n_{\text{out}})}$ | Xavier uniform limit $r$ | He std $\sqrt{2/n_{\text{in}}}$ |", GIVEN),
        (r"| 784 | 256 | 0.0439 | 0.0760 | 0.0505 |", lambda L: trow(L, 784, 256, "0.0439", "0.0760", "0.0505")),
        (r"| 256 | 128 | 0.0722 | 0.1250 | 0.0884 |", lambda L: trow(L, 256, 128, "0.0722", "0.1250", "0.0884")),
        (r"| 512 | 512 | 0.0442 | 0.0765 | 0.0625 |", lambda L: trow(L, 512, 512, "0.0442", "0.0765", "0.0625")),
    ]


# ------------------------------------------------------------------- driver
def needs_cover(line):
    s = line.strip()
    if "$" in s:
        return True
    if s.startswith("|"):
        cells = [c.strip() for c in s.strip("|").split("|")]
        if all(set(c) <= set("-: ") for c in cells):
            return False  # separator row
        return any(ch.isdigit() for ch in s)
    return False


def run_file(name, checks):
    lines = (HERE / name).read_text(encoding="utf-8").split("\n")
    problems = []
    covered = {}
    for sub, pred in checks:
        hits = [i for i, ln in enumerate(lines, 1) if sub in ln]
        if len(hits) != 1:
            problems.append(f"substring {sub!r} matches {len(hits)} lines")
            continue
        ln = hits[0]
        if ln in covered:
            problems.append(f"line {ln} covered twice")
        covered[ln] = pred
    for i, ln in enumerate(lines, 1):
        if needs_cover(ln) and i not in covered:
            problems.append(f"line {i} not covered: {ln[:70]!r}")
    false_lines = []
    for ln in sorted(covered):
        try:
            ok = bool(covered[ln](lines[ln - 1]))
        except AssertionError as exc:
            problems.append(f"line {ln}: {exc}")
            continue
        if not ok:
            false_lines.append(ln)
    return (false_lines[0] if false_lines else None), false_lines, problems


def main():
    expected = json.loads((HERE / "expected.json").read_text())
    md = sorted(p.name for p in HERE.glob("*.md"))
    all_ok = set(md) == set(expected) == set(CHECKS)
    if not all_ok:
        print("file sets differ:", sorted(set(md) ^ set(expected)), sorted(set(md) ^ set(CHECKS)))
    for name in md:
        if name not in CHECKS:
            continue
        first, false_lines, problems = run_file(name, CHECKS[name]())
        exp = expected.get(name)
        ok = (first == exp) and not problems
        all_ok &= ok
        print(f"{'OK ' if ok else 'BAD'} {name:34s} first false line = {first!s:5s} expected = {exp!s:5s}"
              f" false lines = {false_lines}")
        for p in problems:
            print("      problem:", p)
    print("ALL AGREE" if all_ok else "MISMATCH")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
