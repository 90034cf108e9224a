#!/usr/bin/env python3
"""Ground-truth check for the derivations in this folder (NumPy only).

For every Markdown file we list the claims it makes.  Each claim is tied to
its source line by one or more substrings (the claimed expressions or
numbers themselves) that must all occur together on exactly one line, and is tested numerically against an independent computation:
central finite differences at random points for derivatives, brute force /
numerical integration / exact enumeration for identities, and direct
evaluation for worked numbers (tolerances follow the rounding shown in the
text).  Claims are evaluated in line order; the line of the first failing
claim is the file's first wrong line (None if all claims hold).  The result
is compared with expected.json.  Exit status 0 iff every file agrees.
"""
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
CLAIMS = {}


def claim(fname, sub):
    def deco(fn):
        CLAIMS.setdefault(fname, []).append((sub, fn))
        return fn
    return deco


def rng(seed=0):
    return np.random.default_rng(seed)


def fd(f, x, h=1e-6):
    """Central-difference gradient of a scalar function f at array x."""
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        xp = x.copy(); xp[idx] += h
        xm = x.copy(); xm[idx] -= h
        g[idx] = (f(xp) - f(xm)) / (2 * h)
    return g


def fd_jac(F, x, h=1e-6):
    """J[i, j] = dF_i / dx_j by central differences."""
    x = np.array(x, dtype=float)
    cols = []
    for j in range(x.size):
        xp = x.copy(); xp[j] += h
        xm = x.copy(); xm[j] -= h
        cols.append((np.asarray(F(xp)) - np.asarray(F(xm))) / (2 * h))
    return np.stack(cols, axis=1)


def near(a, b, tol):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.all(np.abs(a - b) <= tol))


def sigmoid(x):
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(x, dtype=float)))


# ---------------------------------------------------------------------------
# 01 LayerNorm backward (correct)
F01 = "01_layernorm_backward.md"


def ln_parts(x, eps):
    mu = x.mean()
    var = ((x - mu) ** 2).mean()
    s = (var + eps) ** -0.5
    return mu, var, s, (x - mu) * s


def ln_grad_text(x, gam, g, eps):
    N = len(x)
    _, _, s, xh = ln_parts(x, eps)
    dxh = gam * g
    return (s / N) * (N * dxh - dxh.sum() - xh * (dxh @ xh))


@claim(F01, (r"Nothing surprising: $\partial L/\partial \gamma_i = g_i \hat x_i$", r"$\partial L/\partial \beta_i = g_i$"))
def _():
    r = rng(1)
    for _ in range(5):
        x, gam, bet, g = (r.normal(size=5) for _ in range(4)); eps = 0.1
        xh = ln_parts(x, eps)[3]
        dg = fd(lambda G: g @ (G * xh + bet), gam)
        db = fd(lambda B: g @ (gam * xh + B), bet)
        if not (near(dg, g * xh, 1e-6) and near(db, g, 1e-6)):
            return False
    return True


@claim(F01, (r"\frac{\partial \mu}{\partial x_i} = \frac{1}{N}", r"\frac{\partial \sigma^2}{\partial x_i} = \frac{2}{N}(x_i - \mu)", r"= -\frac{1}{2}s^3 \cdot \frac{2}{N}(x_i-\mu) = -\frac{s^2}{N}\hat x_i"))
def _():
    r = rng(2)
    for _ in range(5):
        x = r.normal(size=4); N = 4; eps = 0.3
        mu, var, s, xh = ln_parts(x, eps)
        ok = near(fd(lambda z: ln_parts(z, eps)[0], x), np.full(N, 1 / N), 1e-6)
        ok &= near(fd(lambda z: ln_parts(z, eps)[1], x), 2 / N * (x - mu), 1e-6)
        dS = fd(lambda z: ln_parts(z, eps)[2], x)
        ok &= near(dS, -0.5 * s ** 3 * (2 / N) * (x - mu), 1e-6)
        ok &= near(dS, -(s ** 2) / N * xh, 1e-6)
        if not ok:
            return False
    return True


@claim(F01, r"drops out because the deviations sum to zero")
def _():
    x = rng(3).normal(size=7)
    return abs(np.sum(x - x.mean())) < 1e-12


@claim(F01, r"\frac{\partial \hat x_j}{\partial x_i} = s\Big(\delta_{ij} - \frac{1}{N}\Big) - \frac{s}{N}\,\hat x_i \hat x_j")
def _():
    r = rng(4)
    for _ in range(5):
        x = r.normal(size=4); N = 4; eps = 0.2
        _, _, s, xh = ln_parts(x, eps)
        J = fd_jac(lambda z: ln_parts(z, eps)[3], x)        # J[j, i] = dxh_j/dx_i
        text = np.empty((N, N))
        for j in range(N):
            for i in range(N):
                text[j, i] = s * ((i == j) - 1 / N) - s / N * xh[i] * xh[j]
        if not near(J, text, 1e-6):
            return False
    return True


def _ln_grad_ok(seed):
    r = rng(seed)
    for _ in range(5):
        x, gam, bet, g = (r.normal(size=5) for _ in range(4)); eps = 0.05
        num = fd(lambda z: g @ (gam * ln_parts(z, eps)[3] + bet), x)
        if not near(num, ln_grad_text(x, gam, g, eps), 1e-6):
            return False
    return True


@claim(F01, r"= \frac{s}{N}\Big( N\, d\hat x_i - \sum_j d\hat x_j - \hat x_i \sum_j d\hat x_j\, \hat x_j \Big)")
def _():
    return _ln_grad_ok(5)


@claim(F01, r"\nabla_x L = \frac{s}{N}\big(N\,d\hat x - \mathbf{1}\,(\mathbf{1}^\top d\hat x) - \hat x\,(\hat x^\top d\hat x)\big)")
def _():
    return _ln_grad_ok(6)


@claim(F01, (r"$\mathbf{1}^\top \nabla_x L = 0$ always", r"for $\epsilon = 0$ also $\hat x^\top \nabla_x L = 0$"))
def _():
    r = rng(7)
    for _ in range(5):
        x, gam, g = (r.normal(size=5) for _ in range(3))
        d1 = fd(lambda z: g @ (gam * ln_parts(z, 0.3)[3]), x)
        d0 = fd(lambda z: g @ (gam * ln_parts(z, 0.0)[3]), x)
        if abs(d1.sum()) > 1e-6 or abs(ln_parts(x, 0.0)[3] @ d0) > 1e-6:
            return False
    return True


X01 = np.array([1.0, 2.0, 4.0])


@claim(F01, (r"$\mu = 7/3 \approx 2.333$", r"$\sigma^2 = 14/9 \approx 1.556$", r"$s \approx 0.8018$"))
def _():
    mu, var, s, _ = ln_parts(X01, 0.0)
    return (abs(mu - 7 / 3) < 1e-12 and abs(mu - 2.333) < 5e-4 and abs(var - 14 / 9) < 1e-12
            and abs(var - 1.556) < 5e-4 and abs(s - 0.8018) < 5e-5)


@claim(F01, r"$\hat x \approx (-1.069,\ -0.267,\ 1.336)$")
def _():
    return near(ln_parts(X01, 0.0)[3], [-1.069, -0.267, 1.336], 6e-4)


@claim(F01, (r"$s/N \approx 0.2673$", r"$\mathbf{1}^\top d\hat x = 1$", r"$\hat x^\top d\hat x \approx -1.069$"))
def _():
    _, _, s, xh = ln_parts(X01, 0.0)
    dxh = np.array([1.0, 0, 0])
    return dxh.sum() == 1 and abs(xh @ dxh + 1.069) < 5e-4 and abs(s / 3 - 0.2673) < 5e-5


@claim(F01, r"\nabla_x L \approx 0.2673\,\big((3,0,0) - (1,1,1) + 1.069\,\hat x\big) \approx (0.229,\ -0.344,\ 0.115)$")
def _():
    g = np.array([1.0, 0, 0])
    true = fd(lambda z: g @ ln_parts(z, 0.0)[3], X01)
    xh_r = np.array([-1.069, -0.267, 1.336])
    mid = 0.2673 * (np.array([3, 0, 0]) - 1 + 1.069 * xh_r)
    return near(true, [0.229, -0.344, 0.115], 6e-4) and near(mid, true, 1e-3)


@claim(F01, r"$0.229 - 0.344 + 0.115 = 0$")
def _():
    g = np.array([1.0, 0, 0])
    true = fd(lambda z: g @ ln_parts(z, 0.0)[3], X01)
    return abs(0.229 - 0.344 + 0.115) < 1e-12 and abs(true.sum()) < 1e-6


# ---------------------------------------------------------------------------
# 02 inverted dropout (correct)
F02 = "02_dropout_inverse.md"


def dropout_moments(x, q):
    """Exact mean / variance of m*x/q with m ~ Bernoulli(q), by enumeration."""
    vals = np.array([0.0, x / q]); probs = np.array([1 - q, q])
    m = probs @ vals
    return m, probs @ (vals - m) ** 2


@claim(F02, r"\mathbb{E}[y_i] = \frac{x_i}{q}\,\mathbb{E}[m_i] = \frac{x_i}{q}\cdot q = x_i")
def _():
    r = rng(11)
    for _ in range(10):
        x = r.normal(); q = r.uniform(0.1, 0.95)
        if abs(dropout_moments(x, q)[0] - x) > 1e-12:
            return False
    return True


@claim(F02, r"\mathrm{Var}[y_i] = \frac{x_i^2}{q^2}\,q(1-q) = x_i^2\,\frac{p}{q}")
def _():
    r = rng(12)
    for _ in range(10):
        x = r.normal(); q = r.uniform(0.1, 0.95); p = 1 - q
        v = dropout_moments(x, q)[1]
        if abs(v - x ** 2 / q ** 2 * q * (1 - q)) > 1e-12 or abs(v - x ** 2 * p / q) > 1e-12:
            return False
    return True


@claim(F02, r"\partial y_i / \partial x_j = \delta_{ij}\, m_i / q")
def _():
    r = rng(13)
    x = r.normal(size=5); m = (r.uniform(size=5) < 0.7).astype(float); q = 0.7
    J = fd_jac(lambda z: m * z / q, x)
    return near(J, np.diag(m / q), 1e-6)


@claim(F02, (r"= \frac{m_i}{q}\,\frac{\partial L}{\partial y_i}", r"\nabla_x L = \frac{1}{q}\, m \odot \nabla_y L"))
def _():
    r = rng(14)
    x = r.normal(size=5); m = np.array([1.0, 0, 1, 1, 0]); q = 0.6
    L = lambda z: np.sum(np.sin(m * z / q)) + 0.3 * np.sum((m * z / q) ** 3)
    y = m * x / q
    gy = np.cos(y) + 0.9 * y ** 2
    return near(fd(L, x), m / q * gy, 1e-6)


@claim(F02, r"$\mathbb{E}\big[\partial L/\partial x_i\big] = \partial L/\partial y_i$")
def _():
    g = 1.7; q = 0.65
    # E[m g / q] over m ~ Bernoulli(q)
    return abs((1 - q) * 0 + q * g / q - g) < 1e-12


X02 = np.array([0.5, -1.2, 2.0, 0.3]); M02 = np.array([1.0, 0, 1, 1]); Q02 = 0.8


@claim(F02, r"(0{,}625;\ 0;\ 2{,}5;\ 0{,}375)")
def _():
    return near(M02 * X02 / Q02, [0.625, 0, 2.5, 0.375], 1e-12)


@claim(F02, r"\nabla_x L = 1{,}25 \cdot (0{,}1;\ 0;\ -0{,}2;\ 1{,}0) = (0{,}125;\ 0;\ -0{,}25;\ 1{,}25)")
def _():
    gy = np.array([0.1, 0.4, -0.2, 1.0])
    num = fd(lambda z: gy @ (M02 * z / Q02), X02)
    return abs(1 / Q02 - 1.25) < 1e-12 and near(num, [0.125, 0, -0.25, 1.25], 1e-6)


@claim(F02, r"4 \cdot 0{,}2 / 0{,}8 = 1{,}0")
def _():
    return abs(dropout_moments(2.0, 0.8)[1] - 1.0) < 1e-12


# ---------------------------------------------------------------------------
# 03 max-pool backward (correct)
F03 = "03_maxpool_backward.md"


def maxpool(X, k, st):
    H = (X.shape[0] - k) // st + 1; W = (X.shape[1] - k) // st + 1
    Y = np.empty((H, W))
    for i in range(H):
        for j in range(W):
            Y[i, j] = X[i * st:i * st + k, j * st:j * st + k].max()
    return Y


def route_grad(X, dY):
    """Text's rule: send dY[i,j] to the argmax of window (i,j) (2x2, stride 2)."""
    dX = np.zeros_like(X)
    for i in range(dY.shape[0]):
        for j in range(dY.shape[1]):
            w = X[2 * i:2 * i + 2, 2 * j:2 * j + 2]
            a, b = np.unravel_index(np.argmax(w), w.shape)
            dX[2 * i + a, 2 * j + b] += dY[i, j]
    return dX


X03 = np.array([[1, 3, 2, 0], [4, 2, 1, 5], [0, 6, 3, 3], [2, 1, 7, 4]], float)
DY03 = np.array([[0.1, -0.2], [0.5, 0.3]])


@claim(F03, r"\mathbb{1}\big[(m,n) = (r(i,j),\,c(i,j))\big]")
def _():
    r = rng(21)
    for _ in range(5):
        X = r.normal(size=(4, 4)); dY = r.normal(size=(2, 2))
        num = fd(lambda Z: np.sum(dY * maxpool(Z, 2, 2)), X)
        if not near(num, route_grad(X, dY), 1e-6):
            return False
    return True


@claim(F03, r"receives at most one term")
def _():
    cnt = np.zeros((4, 4))
    for i in range(2):
        for j in range(2):
            cnt[2 * i:2 * i + 2, 2 * j:2 * j + 2] += 1
    return cnt.max() <= 1


@claim(F03, r"$\{1,3,4,2\}$, $\{2,0,1,5\}$, $\{0,6,2,1\}$, $\{3,3,7,4\}$")
def _():
    want = [[1, 3, 4, 2], [2, 0, 1, 5], [0, 6, 2, 1], [3, 3, 7, 4]]
    got = [X03[2 * i:2 * i + 2, 2 * j:2 * j + 2].ravel() for i in range(2) for j in range(2)]
    return all(sorted(g) == sorted(w) for g, w in zip(got, want))


@claim(F03, r"Y = \begin{pmatrix} 4 & 5 \\ 6 & 7 \end{pmatrix}")
def _():
    return near(maxpool(X03, 2, 2), [[4, 5], [6, 7]], 0)


@claim(F03, r"with argmax positions $(1,0)$, $(1,3)$, $(2,1)$, $(3,2)$")
def _():
    pos = []
    for i in range(2):
        for j in range(2):
            w = X03[2 * i:2 * i + 2, 2 * j:2 * j + 2]
            a, b = np.unravel_index(np.argmax(w), w.shape)
            pos.append((2 * i + a, 2 * j + b))
    return pos == [(1, 0), (1, 3), (2, 1), (3, 2)]


@claim(F03, r"\begin{pmatrix} 0 & 0 & 0 & 0 \\ 0.1 & 0 & 0 & -0.2 \\ 0 & 0.5 & 0 & 0 \\ 0 & 0 & 0.3 & 0 \end{pmatrix}")
def _():
    num = fd(lambda Z: np.sum(DY03 * maxpool(Z, 2, 2)), X03)
    want = [[0, 0, 0, 0], [0.1, 0, 0, -0.2], [0, 0.5, 0, 0], [0, 0, 0.3, 0]]
    return near(num, want, 1e-6)


@claim(F03, (r"sum to $0.1 - 0.2 + 0.5 + 0.3 = 0.7$", r"only 4 of the 16 entries are nonzero"))
def _():
    num = fd(lambda Z: np.sum(DY03 * maxpool(Z, 2, 2)), X03)
    return (abs(0.1 - 0.2 + 0.5 + 0.3 - 0.7) < 1e-12 and abs(num.sum() - 0.7) < 1e-6
            and abs(DY03.sum() - 0.7) < 1e-12 and int(np.sum(np.abs(num) > 1e-9)) == 4)


@claim(F03, r"one input can win several windows")
def _():
    r = rng(22)
    X = r.uniform(0, 1, size=(5, 5)); X[2, 2] = 10.0
    dY = r.normal(size=(2, 2))
    num = fd(lambda Z: np.sum(dY * maxpool(Z, 3, 2)), X)
    return abs(num[2, 2] - dY.sum()) < 1e-6


# ---------------------------------------------------------------------------
# 04 transposed-conv output size (planted error)
F04 = "04_convtranspose_output_size.md"


def conv_len_brute(H, k, s, p):
    """Number of kernel placements along a padded axis (dilation 1)."""
    L = H + 2 * p
    return len(range(0, L - k + 1, s)) if L >= k else 0


def convT_valid(Hin, k, s, p):
    """All sizes H whose ordinary conv gives Hin; ConvTranspose picks one of them."""
    return [H for H in range(1, (Hin + 2) * s + k + 1) if conv_len_brute(H, k, s, p) == Hin]


def convT_len(Hin, k, s, p, op):
    v = convT_valid(Hin, k, s, p)
    return v[op] if op < len(v) else None


def _params04(seed, n=60):
    r = rng(seed)
    for _ in range(n):
        # keep to layers PyTorch accepts (positive output): p <= k // 2
        k = int(r.integers(1, 6)); s = int(r.integers(1, 4)); p = int(r.integers(0, k // 2 + 1))
        Hin = int(r.integers(3, 20))
        yield Hin, k, s, p


@claim(F04, r"H_{\text{conv}} = \left\lfloor \frac{H + 2p - k}{s} \right\rfloor + 1")
def _():
    r = rng(31)
    for _ in range(200):
        k = int(r.integers(1, 6)); s = int(r.integers(1, 4)); p = int(r.integers(0, 3))
        H = int(r.integers(k, 40))
        if (H + 2 * p - k) // s + 1 != conv_len_brute(H, k, s, p):
            return False
    return True


@claim(F04, r"\quad\Longrightarrow\quad H = (H_{in}-1)\,s - p + k")
def _():
    for Hin, k, s, p in _params04(32):
        exact = [H for H in range(1, 200) if H + 2 * p - k == s * (Hin - 1)]
        if exact != [(Hin - 1) * s - p + k]:
            return False
    return True


@claim(F04, (r"up to $s$ different sizes $H$ give the same $H_{in}$", r"`output_padding` (must be $< s$)"))
def _():
    for Hin, k, s, p in _params04(33):
        v = convT_valid(Hin, k, s, p)
        if len(v) > s or any(convT_len(Hin, k, s, p, op) is None for op in range(s)):
            return False
    return True


@claim(F04, r"H_{out} = (H_{in} - 1)\cdot s - p + k + \text{output\_padding}")
def _():
    r = rng(34)
    for Hin, k, s, p in _params04(35):
        op = int(r.integers(0, s))
        if (Hin - 1) * s - p + k + op != convT_len(Hin, k, s, p, op):
            return False
    return True


@claim(F04, (r"$H_{out} = 15 \cdot 2 - 1 + 3 + 0 = 32$", r"`output_padding=1` would give you $33\times33$"))
def _():
    return convT_len(16, 3, 2, 1, 0) == 32 and convT_len(16, 3, 2, 1, 1) == 33


@claim(F04, r"$H_{in}=8 \to 16$, $H_{in}=16 \to 32$, $H_{in}=32 \to 64$")
def _():
    return [convT_len(h, 3, 2, 1, 0) for h in (8, 16, 32)] == [16, 32, 64]


# ---------------------------------------------------------------------------
# 05 softmax with temperature (planted error)
F05 = "05_softmax_temperatura.md"


def softmax_T(z, T):
    e = np.exp((z - z.max()) / T)
    return e / e.sum()


@claim(F05, r"a distribuição tende à uniforme")
def _():
    z = rng(41).normal(size=5) * 3
    hot = np.eye(5)[np.argmax(z)]
    return near(softmax_T(z, 1e5), np.full(5, 0.2), 1e-3) and near(softmax_T(z, 1e-3), hot, 1e-6)


@claim(F05, (r"\partial u_k/\partial z_j = \delta_{kj}/T", r"\partial p_i/\partial u_k = p_i(\delta_{ik} - p_k)"))
def _():
    r = rng(42)
    z = r.normal(size=4); T = 2.5
    ok = near(fd_jac(lambda v: v / T, z), np.eye(4) / T, 1e-6)
    u = z / T; p = softmax_T(u, 1.0)
    ok &= near(fd_jac(lambda v: softmax_T(v, 1.0), u), np.diag(p) - np.outer(p, p), 1e-6)
    return ok


def _jac05(seed):
    r = rng(seed)
    for T in (2.5, 0.7, 4.0):
        z = r.normal(size=4); p = softmax_T(z, T)
        J = fd_jac(lambda v: softmax_T(v, T), z)
        if not near(J, np.diag(p) - np.outer(p, p), 1e-6):
            return False
    return True


@claim(F05, r"\frac{\partial p_i}{\partial z_j} = \sum_k \frac{\partial p_i}{\partial u_k}\frac{\partial u_k}{\partial z_j} = p_i(\delta_{ij} - p_j)")
def _():
    return _jac05(43)


@claim(F05, r"$J = \mathrm{diag}(p) - p\,p^\top$")
def _():
    return _jac05(44)


def _ce05(seed):
    r = rng(seed)
    for T in (2.5, 0.7):
        z = r.normal(size=4); y = np.eye(4)[1]
        num = fd(lambda v: -y @ np.log(softmax_T(v, T)), z)
        if not near(num, softmax_T(z, T) - y, 1e-6):
            return False
    return True


@claim(F05, r"= -\sum_i y_i(\delta_{ij} - p_j) = p_j - y_j")
def _():
    return _ce05(45)


@claim(F05, r"ou seja, $\nabla_z L = p - y$")
def _():
    return _ce05(46)


Z05 = np.array([2.0, 1.0, 0.1])


@claim(F05, (r"$z/T = (1{,}0;\ 0{,}5;\ 0{,}05)$", r"$e^{z/T} \approx (2{,}718;\ 1{,}649;\ 1{,}051)$", r"soma $\approx 5{,}418$"))
def _():
    e = np.exp(Z05 / 2)
    return (near(Z05 / 2, [1.0, 0.5, 0.05], 1e-12) and near(e, [2.718, 1.649, 1.051], 6e-4)
            and abs(e.sum() - 5.418) < 6e-4)


@claim(F05, (r"$p \approx (0{,}502;\ 0{,}304;\ 0{,}194)$", r"$p \approx (0{,}659;\ 0{,}242;\ 0{,}099)$"))
def _():
    return (near(softmax_T(Z05, 2.0), [0.502, 0.304, 0.194], 6e-4)
            and near(softmax_T(Z05, 1.0), [0.659, 0.242, 0.099], 6e-4))


@claim(F05, r"$\nabla_z L = p - y \approx (-0{,}498;\ 0{,}304;\ 0{,}194)$")
def _():
    y = np.array([1.0, 0, 0])
    num = fd(lambda v: -y @ np.log(softmax_T(v, 2.0)), Z05)
    return near(num, [-0.498, 0.304, 0.194], 6e-4)


# ---------------------------------------------------------------------------
# 06 focal loss (planted error)
F06 = "06_focal_loss_gradient.md"


def FL(p, a, gm):
    return -a * (1 - p) ** gm * np.log(p)


@claim(F06, r"倍した普通の BCE $-\log p$ に戻ります")
def _():
    p = np.linspace(0.05, 0.95, 19)
    return near(FL(p, 0.3, 0.0), 0.3 * (-np.log(p)), 1e-12)


@claim(F06, (r"\frac{d}{dp}(1-p)^{\gamma} = \gamma\,(1-p)^{\gamma-1}", r"\frac{d}{dp}\log p = \frac{1}{p}"))
def _():
    for p in (0.2, 0.5, 0.8):
        for gm in (0.5, 2.0, 3.0):
            d = fd(lambda v: (1 - v[0]) ** gm, [p])[0]
            if abs(d - gm * (1 - p) ** (gm - 1)) > 1e-6:
                return False
        if abs(fd(lambda v: np.log(v[0]), [p])[0] - 1 / p) > 1e-6:
            return False
    return True


@claim(F06, r"\frac{\partial\,\mathrm{FL}}{\partial p} = -\alpha\Big[\gamma(1-p)^{\gamma-1}\log p + \frac{(1-p)^{\gamma}}{p}\Big]")
def _():
    for p in (0.2, 0.5, 0.8):
        for a, gm in ((0.25, 2.0), (0.6, 1.5)):
            d = fd(lambda v: FL(v[0], a, gm), [p])[0]
            text = -a * (gm * (1 - p) ** (gm - 1) * np.log(p) + (1 - p) ** gm / p)
            if abs(d - text) > 1e-6:
                return False
    return True


@claim(F06, r"$\partial p/\partial z = p(1-p)$")
def _():
    z = rng(51).normal(size=6)
    return near(fd(lambda v: np.sum(sigmoid(v)), z), sigmoid(z) * (1 - sigmoid(z)), 1e-6)


@claim(F06, r"= -\alpha\Big[\gamma\,p\,(1-p)^{\gamma}\log p + (1-p)^{\gamma+1}\Big] = -\alpha\,(1-p)^{\gamma}\big[\gamma\,p\log p + (1-p)\big]")
def _():
    for z in (-1.0, 0.3, 1.0, 2.0):
        for a, gm in ((0.25, 2.0), (0.6, 1.5)):
            p = sigmoid(z)
            d = fd(lambda v: FL(sigmoid(v[0]), a, gm), [z])[0]
            t1 = -a * (gm * p * (1 - p) ** gm * np.log(p) + (1 - p) ** (gm + 1))
            t2 = -a * (1 - p) ** gm * (gm * p * np.log(p) + (1 - p))
            if abs(d - t1) > 1e-6 or abs(d - t2) > 1e-6:
                return False
    return True


@claim(F06, r"を代入すると $-\alpha(1-p)$")
def _():
    for z in (-1.0, 0.4, 1.5):
        p = sigmoid(z); a = 0.25
        d = fd(lambda v: FL(sigmoid(v[0]), a, 0.0), [z])[0]
        dbce = fd(lambda v: -np.log(sigmoid(v[0])), [z])[0]
        if abs(d + a * (1 - p)) > 1e-6 or abs(dbce - (p - 1)) > 1e-6:
            return False
    return True


P06 = sigmoid(1.0)


@claim(F06, (r"$p = \sigma(1) \approx 0.7311$", r"$1-p \approx 0.2689$", r"$(1-p)^2 \approx 0.0723$", r"$\log p \approx -0.3133$"))
def _():
    return (abs(P06 - 0.7311) < 5e-5 and abs(1 - P06 - 0.2689) < 5e-5
            and abs((1 - P06) ** 2 - 0.0723) < 5e-5 and abs(np.log(P06) + 0.3133) < 5e-5)


@claim(F06, r"$\mathrm{FL} = -0.25 \times 0.0723 \times (-0.3133) \approx 0.00566$")
def _():
    return abs(FL(P06, 0.25, 2.0) - 0.00566) < 1e-5


@claim(F06, r"$\gamma\,p\log p = 2 \times 0.7311 \times (-0.3133) \approx -0.458$")
def _():
    return abs(2 * P06 * np.log(P06) + 0.458) < 6e-4


@claim(F06, r"$\partial\mathrm{FL}/\partial z \approx -0.25 \times 0.0723 \times (-0.458 + 0.2689) \approx 0.00342$")
def _():
    d = fd(lambda v: FL(sigmoid(v[0]), 0.25, 2.0), [1.0])[0]
    return abs(d - 0.00342) < 2e-5


@claim(F06, r"$p - 1 \approx -0.269$")
def _():
    d = fd(lambda v: -np.log(sigmoid(v[0])), [1.0])[0]
    return abs(d + 0.269) < 6e-4


# ---------------------------------------------------------------------------
# 07 SiLU (correct)
F07 = "07_silu_derivative.md"


def silu(x):
    return x * sigmoid(x)


def dsilu_num(x):
    return fd(lambda v: np.sum(silu(v)), np.atleast_1d(np.asarray(x, float)))


XS07 = np.linspace(-6, 6, 25)


@claim(F07, r"Recall $\sigma'(x) = \sigma(x)\,(1-\sigma(x))$")
def _():
    return near(fd(lambda v: np.sum(sigmoid(v)), XS07), sigmoid(XS07) * (1 - sigmoid(XS07)), 1e-6)


@claim(F07, r"\frac{d}{dx}\,x\sigma(x) = \sigma(x) + x\,\sigma(x)(1-\sigma(x)) = \sigma(x)\big(1 + x(1-\sigma(x))\big)")
def _():
    s = sigmoid(XS07); d = dsilu_num(XS07)
    return near(d, s + XS07 * s * (1 - s), 1e-6) and near(d, s * (1 + XS07 * (1 - s)), 1e-6)


@claim(F07, (r"\mathrm{SiLU}'(x) = \sigma(x) + y\,(1-\sigma(x))", r"`grad_in = grad_out * (s + y * (1 - s))`"))
def _():
    s = sigmoid(XS07); y = XS07 * s
    return near(dsilu_num(XS07), s + y * (1 - s), 1e-6)


@claim(F07, (r"f_\beta'(x) = \sigma(\beta x) + \beta x\,\sigma(\beta x)(1-\sigma(\beta x))", r"$\beta \to \infty$ gives ReLU"))
def _():
    ok = True
    for b in (0.5, 1.7, 3.0):
        f = lambda v: np.sum(v * sigmoid(b * v))
        s = sigmoid(b * XS07)
        ok &= near(fd(f, XS07), s + b * XS07 * s * (1 - s), 1e-6)
    xs = np.linspace(-3, 3, 601)
    ok &= near(xs * sigmoid(1.0 * xs), silu(xs), 0)
    ok &= near(xs * sigmoid(1e4 * xs), np.maximum(xs, 0), 1e-4)
    return ok


def _row07(x, sg, sl, dsl, tol=5e-5):
    return (abs(sigmoid(x) - sg) <= tol and abs(silu(x) - sl) <= tol
            and abs(dsilu_num(x)[0] - dsl) <= tol)


@claim(F07, "| $-1$ | 0.2689 | −0.2689 | 0.0723 |")
def _():
    return _row07(-1.0, 0.2689, -0.2689, 0.0723)


@claim(F07, "| $0$ | 0.5 | 0 | 0.5 |")
def _():
    return _row07(0.0, 0.5, 0.0, 0.5)


@claim(F07, "| $1$ | 0.7311 | 0.7311 | 0.9277 |")
def _():
    return _row07(1.0, 0.7311, 0.7311, 0.9277)


@claim(F07, "| $2$ | 0.8808 | 1.7616 | 1.0908 |")
def _():
    return _row07(2.0, 0.8808, 1.7616, 1.0908)


@claim(F07, r"$0.7311 \cdot (1 + 1 \cdot 0.2689) = 0.7311 \cdot 1.2689 \approx 0.9277$")
def _():
    return (abs(0.7311 * (1 + 1 * 0.2689) - 0.7311 * 1.2689) < 1e-12
            and abs(0.7311 * 1.2689 - 0.9277) < 5e-5 and abs(dsilu_num(1.0)[0] - 0.9277) < 5e-5)


@claim(F07, (r"Note $\mathrm{SiLU}'(2) > 1$", r"comes back down to 1 as $x \to \infty$"))
def _():
    big = dsilu_num(np.array([30.0, 60.0]))
    return dsilu_num(2.0)[0] > 1 and near(big, [1.0, 1.0], 1e-6) and dsilu_num(1.0)[0] < 1


@claim(F07, (r"where $1 + x(1-\sigma(x)) = 0$", r"numerically $x \approx -1.278$", r"$\mathrm{SiLU}(x) \approx -0.278$"))
def _():
    xs = np.linspace(-10, 10, 2000001)
    i = np.argmin(silu(xs))
    xm = xs[i]; s = sigmoid(-1.278)
    return (abs(xm + 1.278) < 6e-4 and abs(silu(xs[i]) + 0.278) < 6e-4
            and abs(1 + (-1.278) * (1 - s)) < 2e-3)


# ---------------------------------------------------------------------------
# 08 RMSNorm (correct)
F08 = "08_rmsnorm_gradient.md"


def rms(x, eps):
    return np.sqrt(np.mean(x ** 2) + eps)


def rmsnorm(x, g, eps):
    return g * x / rms(x, eps)


def rms_grad_text(x, g, d, eps):
    n = len(x); r = rms(x, eps)
    return (g * d) / r - ((g * d) @ x) / (n * r ** 3) * x


@claim(F08, r"\dfrac{\partial r}{\partial x_j} = \dfrac{1}{2r}\cdot\dfrac{2x_j}{n} = \dfrac{x_j}{n\,r}")
def _():
    x = rng(61).normal(size=5); eps = 0.1; n = 5
    r = rms(x, eps)
    return near(fd(lambda v: rms(v, eps), x), x / (n * r), 1e-6)


@claim(F08, r"\frac{\partial y_i}{\partial x_j} = g_i\left(\frac{\delta_{ij}}{r} - \frac{x_i}{r^2}\cdot\frac{x_j}{n r}\right) = \frac{g_i}{r}\left(\delta_{ij} - \frac{x_i x_j}{n r^2}\right)")
def _():
    rr = rng(62)
    x, g = rr.normal(size=4), rr.normal(size=4); eps = 0.2; n = 4
    r = rms(x, eps)
    J = fd_jac(lambda v: rmsnorm(v, g, eps), x)
    t1 = g[:, None] * (np.eye(n) / r - np.outer(x, x) / (n * r ** 3))
    t2 = (g[:, None] / r) * (np.eye(n) - np.outer(x, x) / (n * r ** 2))
    return near(J, t1, 1e-6) and near(J, t2, 1e-6)


def _rms_grad_ok(seed):
    rr = rng(seed)
    for _ in range(5):
        x, g, d = (rr.normal(size=5) for _ in range(3)); eps = 0.05
        if not near(fd(lambda v: d @ rmsnorm(v, g, eps), x), rms_grad_text(x, g, d, eps), 1e-6):
            return False
    return True


@claim(F08, r"= \frac{g_j\delta_j}{r} - \frac{x_j}{n r^3}\sum_i \delta_i g_i x_i")
def _():
    return _rms_grad_ok(63)


@claim(F08, (r"\nabla_x L = \dfrac{1}{r}\,(g \odot \delta) - \dfrac{(g\odot\delta)^\top x}{n\,r^3}\,x", r"$\partial L/\partial g_i = \delta_i x_i / r$"))
def _():
    rr = rng(64)
    x, g, d = (rr.normal(size=5) for _ in range(3)); eps = 0.05
    dg = fd(lambda G: d @ rmsnorm(x, G, eps), g)
    return _rms_grad_ok(65) and near(dg, d * x / rms(x, eps), 1e-6)


@claim(F08, (r"поэтому $x^\top \nabla_x L = 0$", r"сумма компонент градиента в общем случае не равна нулю"))
def _():
    rr = rng(66)
    x, g, d = (rr.normal(size=5) for _ in range(3))
    gr = fd(lambda v: d @ rmsnorm(v, g, 0.0), x)
    scale_inv = near(rmsnorm(3.7 * x, g, 0.0), rmsnorm(x, g, 0.0), 1e-12)
    return scale_inv and abs(x @ gr) < 1e-6 and abs(gr.sum()) > 1e-3


X08 = np.array([1.0, -2.0, 2.0]); D08 = np.array([0.5, 1.0, -1.0]); G08 = np.ones(3)


@claim(F08, r"$r = \sqrt{(1 + 4 + 4)/3} = \sqrt{3} \approx 1{,}732$, $r^3 \approx 5{,}196$")
def _():
    r = rms(X08, 0.0)
    return abs(r - np.sqrt(3)) < 1e-12 and abs(r - 1.732) < 5e-4 and abs(r ** 3 - 5.196) < 5e-4


@claim(F08, r"$y = x/r \approx (0{,}577;\ -1{,}155;\ 1{,}155)$")
def _():
    return near(rmsnorm(X08, G08, 0.0), [0.577, -1.155, 1.155], 5e-4)


@claim(F08, (r"$\sum_i \delta_i g_i x_i = 0{,}5 - 2 - 2 = -3{,}5$", r"$-3{,}5/(3 \cdot 5{,}196) \approx -0{,}2245$"))
def _():
    s = np.sum(D08 * G08 * X08); r = rms(X08, 0.0)
    return abs(s + 3.5) < 1e-12 and abs(s / (3 * r ** 3) + 0.2245) < 5e-5


@claim(F08, r"$\nabla_x L \approx (0{,}289;\ 0{,}577;\ -0{,}577) + 0{,}2245\cdot(1;\ -2;\ 2) = (0{,}513;\ 0{,}128;\ -0{,}128)$")
def _():
    num = fd(lambda v: D08 @ rmsnorm(v, G08, 0.0), X08)
    first = D08 / rms(X08, 0.0)
    return (near(first, [0.289, 0.577, -0.577], 5e-4)
            and near(num, [0.513, 0.128, -0.128], 6e-4))


@claim(F08, r"$0{,}513 - 2\cdot 0{,}128 - 2\cdot 0{,}128 = 0{,}001 \approx 0$")
def _():
    num = fd(lambda v: D08 @ rmsnorm(v, G08, 0.0), X08)
    return abs(0.513 - 2 * 0.128 - 2 * 0.128 - 0.001) < 1e-12 and abs(X08 @ num) < 1e-6


# ---------------------------------------------------------------------------
# 09 SGD with momentum (planted error)
F09 = "09_sgd_momentum.md"


def momentum_run(grads_fn, w0, eta, mu, steps):
    w, v = w0, 0.0
    out = []
    for t in range(steps):
        g = grads_fn(t, w)
        v = mu * v + g
        w = w - eta * v
        out.append((g, v, w))
    return out


@claim(F09, (r"v_3 = \mu^2 g_0 + \mu\, g_1 + g_2", r"w_3 = w_0 - \eta\big[(1 + \mu + \mu^2)\,g_0 + (1+\mu)\,g_1 + g_2\big]"))
def _():
    rr = rng(71)
    for _ in range(5):
        gs = rr.normal(size=3); w0 = rr.normal(); eta = rr.uniform(0.01, 0.5); mu = rr.uniform(0, 0.99)
        run = momentum_run(lambda t, w: gs[t], w0, eta, mu, 3)
        v3, w3 = run[2][1], run[2][2]
        if abs(v3 - (mu ** 2 * gs[0] + mu * gs[1] + gs[2])) > 1e-12:
            return False
        if abs(w3 - (w0 - eta * ((1 + mu + mu ** 2) * gs[0] + (1 + mu) * gs[1] + gs[2]))) > 1e-12:
            return False
    return True


@claim(F09, r"Per $\mu = 0$ si ritrova SGD semplice")
def _():
    run = momentum_run(lambda t, w: 2 * w, 1.0, 0.1, 0.0, 3)
    w = 1.0
    for g, v, wn in run:
        w = w - 0.1 * 2 * w
        if abs(w - wn) > 1e-12:
            return False
    return True


RUN09 = momentum_run(lambda t, w: 2 * w, 1.0, 0.1, 0.9, 4)


def _step09(t, g, v, w, tol=1e-9):
    G, V, W = RUN09[t]
    return abs(G - g) < tol and abs(V - v) < tol and abs(W - w) < tol


@claim(F09, (r"$g_0 = 2 \cdot 1 = 2$", r"$\;v_1 = 0{,}9 \cdot 0 + 2 = 2$", r"$\;w_1 = 1 - 0{,}1 \cdot 2 = 0{,}8$"))
def _():
    return _step09(0, 2.0, 2.0, 0.8)


@claim(F09, (r"$g_1 = 2 \cdot 0{,}8 = 1{,}6$", r"$\;v_2 = 0{,}9 \cdot 2 + 1{,}6 = 3{,}4$", r"$\;w_2 = 0{,}8 - 0{,}34 = 0{,}46$"))
def _():
    return _step09(1, 1.6, 3.4, 0.46)


@claim(F09, (r"$g_2 = 2 \cdot 0{,}46 = 0{,}92$", r"$\;v_3 = 0{,}9 \cdot 3{,}4 + 0{,}92 = 3{,}88$", r"$\;w_3 = 0{,}46 - 0{,}388 = 0{,}072$"))
def _():
    return _step09(2, 0.92, 3.88, 0.072)


@claim(F09, r"Quindi dopo tre passi $w_3 \approx 0{,}07$")
def _():
    return abs(RUN09[2][2] - 0.07) < 5e-3


@claim(F09, (r"$1 - 2\eta = 0{,}8$", r"$w_3 = 0{,}8^3 = 0{,}512$"))
def _():
    run = momentum_run(lambda t, w: 2 * w, 1.0, 0.1, 0.0, 3)
    return abs(1 - 2 * 0.1 - 0.8) < 1e-12 and abs(run[2][2] - 0.512) < 1e-12


@claim(F09, (r"$g_3 = 0{,}144$", r"$v_4 = 0{,}9 \cdot 3{,}88 + 0{,}144 = 3{,}636$", r"$w_4 = 0{,}072 - 0{,}3636 < 0$"))
def _():
    g3, v4, w4 = RUN09[3]
    return abs(g3 - 0.144) < 1e-9 and abs(v4 - 3.636) < 1e-9 and w4 < 0


# ---------------------------------------------------------------------------
# 10 LSTM forget gate (correct)
F10 = "10_lstm_forget_gate.md"
H10, D10 = 3, 2
_r10 = rng(81)
W10 = _r10.normal(size=(H10, H10 + D10)); B10 = _r10.normal(size=H10)
HX10 = _r10.normal(size=H10 + D10); C0_10 = _r10.normal(size=H10)
I10 = sigmoid(_r10.normal(size=H10)); CT10 = np.tanh(_r10.normal(size=H10))
O10 = sigmoid(_r10.normal(size=H10))
A10 = _r10.normal(size=H10)      # dL/dh_t
BB10 = _r10.normal(size=H10)     # dL/dc_t arriving from t+1 (L_future = BB10 . c_t)


def loss_from_c(c):
    return A10 @ (O10 * np.tanh(c)) + BB10 @ c


def cell_c(W=W10, b=B10, cprev=C0_10, af=None):
    f = sigmoid(W @ HX10 + b) if af is None else sigmoid(af)
    return f * cprev + I10 * CT10


def delta_c_text():
    c = cell_c()
    return BB10 + A10 * O10 * (1 - np.tanh(c) ** 2)


@claim(F10, r"$\delta c_t = \dfrac{\partial L}{\partial c_t}\Big|_{t+1} + \dfrac{\partial L}{\partial h_t} \odot o_t \odot \big(1 - \tanh^2(c_t)\big)$")
def _():
    return near(fd(loss_from_c, cell_c()), delta_c_text(), 1e-6)


@claim(F10, r"\dfrac{\partial L}{\partial c_{t-1}} = \delta c_t \odot f_t")
def _():
    f = sigmoid(W10 @ HX10 + B10)
    num = fd(lambda cp: loss_from_c(cell_c(cprev=cp)), C0_10)
    return near(num, delta_c_text() * f, 1e-6)


@claim(F10, r"since $\partial c_t/\partial f_t = c_{t-1}$")
def _():
    f = sigmoid(W10 @ HX10 + B10)
    J = fd_jac(lambda ff: ff * C0_10 + I10 * CT10, f)
    return near(J, np.diag(C0_10), 1e-6)


@claim(F10, (r"\delta a_f = \delta c_t \odot c_{t-1} \odot f_t \odot (1 - f_t)", r"\frac{\partial L}{\partial W_f} = \delta a_f\,[h_{t-1}; x_t]^\top", r"\frac{\partial L}{\partial b_f} = \delta a_f"))
def _():
    af = W10 @ HX10 + B10; f = sigmoid(af)
    daf = delta_c_text() * C0_10 * f * (1 - f)
    ok = near(fd(lambda a: loss_from_c(cell_c(af=a)), af), daf, 1e-6)
    ok &= near(fd(lambda W: loss_from_c(cell_c(W=W)), W10), np.outer(daf, HX10), 1e-6)
    ok &= near(fd(lambda b: loss_from_c(cell_c(b=b)), B10), daf, 1e-6)
    return ok


@claim(F10, r"so the outer product is $H\times(H+D)$")
def _():
    daf = np.zeros((H10, 1)); hx = np.zeros((H10 + D10, 1))
    return (daf @ hx.T).shape == W10.shape == (H10, H10 + D10)


F_10 = sigmoid(0.4); C_10 = F_10 * 0.5 + 0.6 * 0.8; TH_10 = np.tanh(C_10)


def scalar_dc10():
    return fd(lambda c: 1.0 * 0.7 * np.tanh(c[0]) + 0.2 * c[0], [C_10])[0]


@claim(F10, r"$f_t = \sigma(0.4) \approx 0.5987$, $c_t = 0.5987\cdot 0.5 + 0.6\cdot 0.8 \approx 0.2993 + 0.48 = 0.7793$")
def _():
    return (abs(F_10 - 0.5987) < 5e-5 and abs(F_10 * 0.5 - 0.2993) < 5e-5
            and abs(C_10 - 0.7793) < 5e-5)


@claim(F10, r"$\tanh(c_t) \approx 0.6523$, $h_t = 0.7 \cdot 0.6523 \approx 0.4566$")
def _():
    return abs(TH_10 - 0.6523) < 5e-5 and abs(0.7 * TH_10 - 0.4566) < 5e-5


@claim(F10, r"$\delta c_t = 0.2 + 1.0 \cdot 0.7 \cdot (1 - 0.6523^2) \approx 0.2 + 0.7 \cdot 0.5745 \approx 0.6021$")
def _():
    return abs(1 - TH_10 ** 2 - 0.5745) < 5e-5 and abs(scalar_dc10() - 0.6021) < 1e-4


@claim(F10, r"$\partial L/\partial c_{t-1} = 0.6021 \cdot 0.5987 \approx 0.3605$")
def _():
    num = fd(lambda cp: 0.7 * np.tanh(sigmoid(0.4) * cp[0] + 0.48) + 0.2 * (sigmoid(0.4) * cp[0] + 0.48), [0.5])[0]
    return abs(num - 0.3605) < 1e-4


@claim(F10, r"$f_t(1-f_t) \approx 0.2403$, so $\delta a_f \approx 0.6021 \cdot 0.5 \cdot 0.2403 \approx 0.0723$")
def _():
    num = fd(lambda a: 0.7 * np.tanh(sigmoid(a[0]) * 0.5 + 0.48) + 0.2 * (sigmoid(a[0]) * 0.5 + 0.48), [0.4])[0]
    return abs(F_10 * (1 - F_10) - 0.2403) < 5e-5 and abs(num - 0.0723) < 1e-4


# ---------------------------------------------------------------------------
# 11 KL between Gaussians (planted error)
F11 = "11_vae_kl_gradient.md"


def npdf(x, m, sd):
    return np.exp(-0.5 * ((x - m) / sd) ** 2) / (sd * np.sqrt(2 * np.pi))


def trap(y, x):
    return float(np.sum((y[1:] + y[:-1]) * np.diff(x)) / 2)


def kl_numeric(m1, s1, m2, s2):
    x = np.linspace(m1 - 14 * s1, m1 + 14 * s1, 200001)
    q = npdf(x, m1, s1)
    logq = -0.5 * ((x - m1) / s1) ** 2 - np.log(s1 * np.sqrt(2 * np.pi))
    logp = -0.5 * ((x - m2) / s2) ** 2 - np.log(s2 * np.sqrt(2 * np.pi))
    return trap(q * (logq - logp), x)


def kl_std_normal_numeric(mu, s):
    return kl_numeric(mu, np.exp(0.5 * s), 0.0, 1.0)


@claim(F11, r"D_{\mathrm{KL}}(q\,\|\,p) = \log\frac{\sigma_2}{\sigma_1} + \frac{\sigma_1^2 + (\mu_1-\mu_2)^2}{2\sigma_2^2} - \frac{1}{2}")
def _():
    rr = rng(91)
    for _ in range(5):
        m1, m2 = rr.normal(size=2); s1, s2 = rr.uniform(0.3, 2.0, size=2)
        text = np.log(s2 / s1) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2) - 0.5
        if abs(kl_numeric(m1, s1, m2, s2) - text) > 1e-6:
            return False
    return True


@claim(F11, (r"$\mathbb{E}_q[(x-\mu_1)^2] = \sigma_1^2$", r"$\mathbb{E}_q[(x-\mu_2)^2] = \sigma_1^2 + (\mu_1-\mu_2)^2$"))
def _():
    m1, m2, s1 = 0.7, -0.4, 1.3
    x = np.linspace(m1 - 14 * s1, m1 + 14 * s1, 200001); q = npdf(x, m1, s1)
    return (abs(trap(q * (x - m1) ** 2, x) - s1 ** 2) < 1e-6
            and abs(trap(q * (x - m2) ** 2, x) - (s1 ** 2 + (m1 - m2) ** 2)) < 1e-6)


@claim(F11, r"D_{\mathrm{KL}} = -\log\sigma + \frac{\sigma^2 + \mu^2}{2} - \frac{1}{2} = -\frac{1}{2}\big(1 + \log\sigma^2 - \mu^2 - \sigma^2\big)")
def _():
    rr = rng(92)
    for _ in range(5):
        mu = rr.normal(); sd = rr.uniform(0.3, 2.0)
        num = kl_numeric(mu, sd, 0.0, 1.0)
        a = -np.log(sd) + (sd ** 2 + mu ** 2) / 2 - 0.5
        b = -0.5 * (1 + np.log(sd ** 2) - mu ** 2 - sd ** 2)
        if abs(num - a) > 1e-6 or abs(num - b) > 1e-6:
            return False
    return True


def kl_s(mu, s):
    return 0.5 * (mu ** 2 + np.exp(s) - s - 1)


@claim(F11, r"D_{\mathrm{KL}}(\mu, s) = \frac{1}{2}\big(\mu^2 + e^{s} - s - 1\big)")
def _():
    rr = rng(93)
    for _ in range(5):
        mu = rr.normal(); s = rr.uniform(-2, 1.5)
        if abs(kl_std_normal_numeric(mu, s) - kl_s(mu, s)) > 1e-6:
            return False
    return True


def kl_grad_num(mu, s):
    return fd(lambda v: kl_std_normal_numeric(v[0], v[1]), [mu, s], h=1e-4)


@claim(F11, r"$$\frac{\partial D_{\mathrm{KL}}}{\partial \mu} = \mu,$$")
def _():
    for mu, s in ((0.5, -0.4), (-1.2, 0.7), (0.3, 1.1)):
        if abs(kl_grad_num(mu, s)[0] - mu) > 1e-5:
            return False
    return True


@claim(F11, r"$$\frac{\partial D_{\mathrm{KL}}}{\partial s} = e^{s} - 1 = \sigma^2 - 1.$$")
def _():
    for mu, s in ((0.5, -0.4), (-1.2, 0.7), (0.3, 1.1)):
        if abs(kl_grad_num(mu, s)[1] - (np.exp(s) - 1)) > 1e-5:
            return False
    return True


@claim(F11, r"최솟값은 $\mu = 0,\ s = 0$ 에서 $0$")
def _():
    g0 = kl_grad_num(0.0, 0.0)
    pts = rng(94).normal(size=(20, 2))
    return (abs(kl_std_normal_numeric(0.0, 0.0)) < 1e-8 and near(g0, [0, 0], 1e-5)
            and all(kl_std_normal_numeric(m, s) > 0 for m, s in pts))


@claim(F11, r"$e^{-0.4} \approx 0.6703$")
def _():
    return abs(np.exp(-0.4) - 0.6703) < 5e-5


@claim(F11, r"$D_{\mathrm{KL}} = \frac{1}{2}(0.25 + 0.6703 + 0.4 - 1) = \frac{1}{2}\cdot 0.3203 \approx 0.160$")
def _():
    return (abs(0.25 + 0.6703 + 0.4 - 1 - 0.3203) < 1e-9
            and abs(kl_std_normal_numeric(0.5, -0.4) - 0.160) < 5e-4)


@claim(F11, r"\partial D_{\mathrm{KL}}/\partial\mu = 0.5$")
def _():
    return abs(kl_grad_num(0.5, -0.4)[0] - 0.5) < 1e-5


@claim(F11, r"$\partial D_{\mathrm{KL}}/\partial s = 0.6703 - 1 \approx -0.330$")
def _():
    return abs(kl_grad_num(0.5, -0.4)[1] + 0.330) < 5e-4


@claim(F11, r"$\mu \leftarrow 0.5 - 0.05 = 0.45$")
def _():
    return abs(0.5 - 0.1 * kl_grad_num(0.5, -0.4)[0] - 0.45) < 1e-5


@claim(F11, r"$s \leftarrow -0.4 + 0.033 = -0.367$")
def _():
    return abs(-0.4 - 0.1 * kl_grad_num(0.5, -0.4)[1] + 0.367) < 5e-4


# ---------------------------------------------------------------------------
# 12 gradient-norm clipping (planted error)
F12 = "12_gradient_clipping.md"


def clip_piecewise(g, c):
    n = np.sqrt(np.sum(g ** 2))
    return g if n <= c else g * (c / n)


G12 = np.array([2.0, -6.0, 3.0, 1.0])


@claim(F12, (r"\dfrac{c}{\|g\|_2}\, g, & \|g\|_2 > c", r"\hat g = \min\!\Big(1, \frac{c}{\|g\|_2}\Big)\, g"))
def _():
    rr = rng(101)
    for _ in range(20):
        g = rr.normal(size=6) * rr.uniform(0.1, 5); c = rr.uniform(0.5, 5)
        if not near(clip_piecewise(g, c), min(1.0, c / np.linalg.norm(g)) * g, 1e-12):
            return False
    return True


@claim(F12, (r"cosinus między $g$ a $\hat g$ to $1$", r"$\|\hat g\|_2 = \min(\|g\|_2, c)$", r"$\|g\|_2 = \sqrt{\sum_k \|g^{(k)}\|_2^2}$"))
def _():
    rr = rng(102)
    for _ in range(20):
        g = rr.normal(size=6) * rr.uniform(0.1, 5); c = rr.uniform(0.5, 5)
        h = clip_piecewise(g, c)
        cos = g @ h / (np.linalg.norm(g) * np.linalg.norm(h))
        if abs(cos - 1) > 1e-12 or abs(np.linalg.norm(h) - min(np.linalg.norm(g), c)) > 1e-12:
            return False
    parts = [rr.normal(size=(3, 4)), rr.normal(size=5), rr.normal(size=(2, 2, 2))]
    glob = np.sqrt(sum(np.sum(p ** 2) for p in parts))
    return abs(glob - np.linalg.norm(np.concatenate([p.ravel() for p in parts]))) < 1e-12


@claim(F12, r"\|g\|_2 = \sqrt{2^2 + (-6)^2 + 3^2 + 1^2} = \sqrt{4 + 36 + 9 + 1} = \sqrt{40} \approx 6{,}325")
def _():
    sq = np.sum(G12 ** 2)
    return (4 + 36 + 9 + 1 == sq and sq == 40 and abs(np.sqrt(sq) - 6.325) < 5e-4)


@claim(F12, (r"Ponieważ $6{,}325 > 5$", r"$5/6{,}325 \approx 0{,}7906$"))
def _():
    n = np.linalg.norm(G12)
    return n > 5 and abs(5 / n - 0.7906) < 5e-5


@claim(F12, r"\hat g \approx 0{,}7906\cdot(2,\ -6,\ 3,\ 1) = (1{,}581;\ -4{,}743;\ 2{,}372;\ 0{,}791)")
def _():
    return near(clip_piecewise(G12, 5.0), [1.581, -4.743, 2.372, 0.791], 6e-4)


@claim(F12, r"dałoby $(2,\ -5,\ 3,\ 1)$")
def _():
    v = np.clip(G12, -5, 5)
    cos = v @ G12 / (np.linalg.norm(v) * np.linalg.norm(G12))
    return near(v, [2, -5, 3, 1], 0) and cos < 1 - 1e-6


@claim(F12, (r"mnoży przez $c/(\|g\|_2 + 10^{-6})$", r"norma po obcięciu wychodzi minimalnie poniżej $c$"))
def _():
    n = np.linalg.norm(G12); c = 5.0
    h = G12 * (c / (n + 1e-6))
    return 0 < c - np.linalg.norm(h) < 1e-5


# ---------------------------------------------------------------------------
def first_wrong_line(fname):
    path = os.path.join(HERE, fname)
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    if lines and lines[-1] == "":
        lines = lines[:-1]
    if not (10 <= len(lines) <= 40):
        raise ValueError(f"{fname}: {len(lines)} lines, outside 10..40")
    located = []
    for order, (sub, fn) in enumerate(CLAIMS[fname]):
        subs = sub if isinstance(sub, tuple) else (sub,)
        hits = [i + 1 for i, ln in enumerate(lines) if all(t in ln for t in subs)]
        if len(hits) != 1:
            raise ValueError(f"{fname}: substring {sub!r} found on lines {hits}")
        located.append((hits[0], order, sub, fn))
    located.sort(key=lambda t: (t[0], t[1]))
    first = None
    failing = []
    for lineno, _, sub, fn in located:
        ok = bool(fn())
        if not ok:
            failing.append(lineno)
            if first is None:
                first = lineno
    return first, len(located), failing


def main():
    with open(os.path.join(HERE, "expected.json"), encoding="utf-8") as fh:
        expected = json.load(fh)
    md_files = sorted(f for f in os.listdir(HERE) if f.endswith(".md"))
    all_ok = set(md_files) == set(expected) == set(CLAIMS)
    if not all_ok:
        print("file sets differ between folder, expected.json and claim table")
    for f in md_files:
        try:
            got, n, failing = first_wrong_line(f)
        except (ValueError, KeyError) as e:
            print(f"{f}: ERROR {e}")
            all_ok = False
            continue
        exp = expected.get(f, "missing")
        ok = got == exp
        all_ok &= ok
        print(f"{f}: claims={n} first_wrong_line={got} expected={exp} "
              f"failing_lines={failing} {'OK' if ok else 'MISMATCH'}")
    sys.exit(0 if all_ok else 1)


if __name__ == "__main__":
    main()
