#!/usr/bin/env python3
"""Independent truth check for the corpus in this directory (NumPy only).

For every file we list (substring, check) pairs.  The substring must identify
exactly one line of the file; the check returns True iff the mathematical
claim made on that line is true.  Derivatives are checked with central finite
differences at random points; worked numbers are recomputed and compared at
the precision shown.  Per file we print the 1-based line number of the first
false claim, or "correct", and compare with expected.json.
"""
import json
import math
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(2922)


# ----------------------------------------------------------------- helpers
def num_grad(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        xp = x.copy(); xp[i] += eps
        xm = x.copy(); xm[i] -= eps
        g[i] = (f(xp) - f(xm)) / (2 * eps)
    return g


def close(a, b, tol=1e-5):
    return np.allclose(np.asarray(a, float), np.asarray(b, float), atol=tol, rtol=tol)


def shown(true, value, dec):
    """value, shown with `dec` decimals, is an honest rounding of true."""
    true = np.asarray(true, float)
    value = np.asarray(value, float)
    return bool(np.all(np.abs(true - value) <= 0.5 * 10.0 ** (-dec) + 1e-12))


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def softmax(z):
    e = np.exp(z - np.max(z))
    return e / e.sum()


def trials(fn, n=5):
    return all(fn() for _ in range(n))


# ======================================================== 01 SVM (CS231n)
def svm_setup():
    C, D = 4, 3
    W = RNG.normal(size=(C, D))
    x = RNG.normal(size=D)
    y = int(RNG.integers(C))
    return W, x, y


def svm_loss(W, x, y, delta=1.0):
    s = W @ x
    m = np.maximum(0, s - s[y] + delta)
    m[y] = 0
    return m.sum()


def svm_ind(W, x, y, delta=1.0):
    s = W @ x
    b = (s - s[y] + delta > 0).astype(float)
    b[y] = 0
    return b


def f01_wj():
    def t():
        W, x, y = svm_setup()
        g = num_grad(lambda V: svm_loss(V, x, y), W)
        b = svm_ind(W, x, y)
        return all(close(g[j], b[j] * x) for j in range(W.shape[0]) if j != y)
    return trials(t)


def f01_wy_claimed():   # claimed: +count * x_i
    def t():
        W, x, y = svm_setup()
        g = num_grad(lambda V: svm_loss(V, x, y), W)
        return close(g[y], svm_ind(W, x, y).sum() * x)
    return trials(t)


def f01_vec_claimed():  # b x^T with b_y = +count
    def t():
        W, x, y = svm_setup()
        g = num_grad(lambda V: svm_loss(V, x, y), W)
        b = svm_ind(W, x, y); b[y] = b.sum()
        return close(g, np.outer(b, x))
    return trials(t)


W01 = np.array([[0.2, -0.5], [1.5, 1.3], [0, -1.0]])
x01 = np.array([1.0, 2.0])


def f01_scores():
    return close(W01 @ x01, [-0.8, 4.1, -2.0])


def f01_margins():
    s = W01 @ x01
    return close(s[1] - s[0] + 1, 5.9) and close(s[2] - s[0] + 1, -0.2) and close(svm_loss(W01, x01, 0), 5.9)


def f01_b():  # b claimed to be the per-row multiplier of x_i in the gradient
    g = num_grad(lambda V: svm_loss(V, x01, 0), W01)
    return close(g, np.outer([1, 1, 0], x01))


def f01_dW():
    g = num_grad(lambda V: svm_loss(V, x01, 0), W01)
    return close(g, [[1, 2], [1, 2], [0, 0]])


CHECKS = {}
CHECKS["01_svm_gradient_cs231n.md"] = [
    (r"\nabla_{w_j} L_i = \mathbb{1}", f01_wj),
    (r"\nabla_{w_{y_i}} L_i = \left(", f01_wy_claimed),
    (r"\nabla_W L_i = b\, x_i^T", f01_vec_claimed),
    (r"s = W x_i = \begin{pmatrix} -0.8", f01_scores),
    (r"The margins are $4.1", f01_margins),
    (r"Then $b = (1, 1, 0)^T$", f01_b),
    (r"\nabla_W L_i = \begin{pmatrix} 1 & 2", f01_dW),
]


# ==================================================== 02 linear layer (NL)
def lin_setup():
    N, D, M = 3, 4, 2
    X = RNG.normal(size=(N, D)); W = RNG.normal(size=(D, M)); b = RNG.normal(size=M)
    Cc = RNG.normal(size=(N, M))
    L = lambda X, W, b: np.sum(Cc * np.tanh(X @ W + b))
    G = Cc * (1 - np.tanh(X @ W + b) ** 2)
    return X, W, b, L, G


def f02_dX():
    X, W, b, L, G = lin_setup()
    return close(num_grad(lambda V: L(V, W, b), X), G @ W.T)


def f02_dW():
    X, W, b, L, G = lin_setup()
    return close(num_grad(lambda V: L(X, V, b), W), X.T @ G)


def f02_db_claimed():
    X, W, b, L, G = lin_setup()
    return close(num_grad(lambda V: L(X, W, V), b), G.mean(axis=0))


def f02_dims_X():
    return (np.zeros((3, 2)) @ np.zeros((2, 4))).shape == (3, 4)


def f02_dims_W():
    return (np.zeros((4, 3)) @ np.zeros((3, 2))).shape == (4, 2)


def f02_dims_b():
    return (np.zeros((2, 3)) @ np.zeros((3, 1))).shape == (2, 1)


X02 = np.array([[1, 0], [2, -1.0]]); W02 = np.array([[0.5, -1], [2, 1.0]]); G02 = np.array([[0.5, -1], [1.5, 2]])


def f02_numbers():
    return (close(G02 @ W02.T, [[1.25, 0], [-1.25, 5]]) and close(X02.T @ G02, [[3.5, 3], [-1.5, -2]])
            and close(G02.sum(axis=0), [1, 0.5]))


def f02_common_mistake():
    return (np.zeros((3, 2)).T @ np.zeros((3, 4))).shape == (2, 4)  # G^T X is M x D


CHECKS["02_linear_backward_nl_tentamen.md"] = [
    (r"\frac{\partial L}{\partial X_{nd}} = \sum_{m} G_{nm} W_{dm}", f02_dX),
    (r"Dimensiecontrole: $(N \times M)(M \times D)", f02_dims_X),
    (r"\frac{\partial L}{\partial W_{dm}} = \sum_{n} X_{nd} G_{nm}", f02_dW),
    (r"Dimensiecontrole: $(D \times N)(N \times M)", f02_dims_W),
    (r"\frac{\partial L}{\partial b} = \frac{1}{N}", f02_db_claimed),
    (r"Dimensiecontrole: $(M \times N)(N \times 1)", f02_dims_b),
    (r"G W^\top = \begin{pmatrix} 1{,}25", f02_numbers),
    (r"*Veelgemaakte fout:*", f02_common_mistake),
]


# ================================================= 03 Nielsen BP1-BP4
def net_setup():
    sizes = [3, 4, 3, 2]
    ws = [None] + [RNG.normal(size=(sizes[l], sizes[l - 1])) for l in range(1, len(sizes))]
    bs = [None] + [RNG.normal(size=sizes[l]) for l in range(1, len(sizes))]
    x = RNG.normal(size=sizes[0]); y = RNG.uniform(size=sizes[-1])
    return ws, bs, x, y


def net_forward(ws, bs, x):
    a = [x]; z = [None]
    for l in range(1, len(ws)):
        z.append(ws[l] @ a[-1] + bs[l]); a.append(sigmoid(z[-1]))
    return z, a


def cost_from_z(ws, bs, l, zl, y):
    a = sigmoid(zl)
    for k in range(l + 1, len(ws)):
        a = sigmoid(ws[k] @ a + bs[k])
    return 0.5 * np.sum((y - a) ** 2)


def cost(ws, bs, x, y):
    return 0.5 * np.sum((y - net_forward(ws, bs, x)[1][-1]) ** 2)


def sp(z):
    return sigmoid(z) * (1 - sigmoid(z))


def deltas_fd(ws, bs, x, y):
    z, a = net_forward(ws, bs, x)
    return {l: num_grad(lambda v: cost_from_z(ws, bs, l, v, y), z[l]) for l in range(1, len(ws))}, z, a


def f03_bp1():
    ws, bs, x, y = net_setup(); L = len(ws) - 1
    d, z, a = deltas_fd(ws, bs, x, y)
    dCda = num_grad(lambda v: 0.5 * np.sum((y - v) ** 2), a[L])
    return close(d[L], dCda * sp(z[L]))


def f03_quad_dCda():
    ws, bs, x, y = net_setup(); L = len(ws) - 1
    z, a = net_forward(ws, bs, x)
    return close(num_grad(lambda v: 0.5 * np.sum((y - v) ** 2), a[L]), a[L] - y)


def f03_bp1_quad():
    ws, bs, x, y = net_setup(); L = len(ws) - 1
    d, z, a = deltas_fd(ws, bs, x, y)
    return close(d[L], (a[L] - y) * sp(z[L]))


def f03_sigma_prime():
    z = RNG.normal(size=7) * 2
    return close(num_grad(lambda v: np.sum(sigmoid(v)), z), sigmoid(z) * (1 - sigmoid(z)))


def f03_dz_dz():
    ws, bs, x, y = net_setup(); l = 1
    z, a = net_forward(ws, bs, x)
    J = np.array([num_grad(lambda v: (ws[l + 1] @ sigmoid(v) + bs[l + 1])[k], z[l]) for k in range(ws[l + 1].shape[0])])
    return close(J, ws[l + 1] * sp(z[l])[None, :])


def f03_bp2():
    ws, bs, x, y = net_setup()
    d, z, a = deltas_fd(ws, bs, x, y)
    return all(close(d[l], (ws[l + 1].T @ d[l + 1]) * sp(z[l])) for l in range(1, len(ws) - 1))


def f03_bp3():
    ws, bs, x, y = net_setup()
    d, z, a = deltas_fd(ws, bs, x, y)
    ok = True
    for l in range(1, len(ws)):
        def f(v, l=l):
            b2 = list(bs); b2[l] = v
            return cost(ws, b2, x, y)
        ok &= close(num_grad(f, bs[l]), d[l])
    return ok


def f03_bp4():
    ws, bs, x, y = net_setup()
    d, z, a = deltas_fd(ws, bs, x, y)
    ok = True
    for l in range(1, len(ws)):
        def f(v, l=l):
            w2 = list(ws); w2[l] = v
            return cost(w2, bs, x, y)
        ok &= close(num_grad(f, ws[l]), np.outer(d[l], a[l - 1]))
    return ok


def f03_dz_dw():
    ws, bs, x, y = net_setup(); l = 2
    z, a = net_forward(ws, bs, x)
    j = 1
    g = num_grad(lambda V: (V @ a[l - 1] + bs[l])[j], ws[l])
    expect = np.zeros_like(ws[l]); expect[j] = a[l - 1]
    return close(g, expect)


CHECKS["03_backprop_four_equations_nielsen.md"] = [
    (r"\delta^L_j = \frac{\partial C}{\partial a^L_j} \sigma'(z^L_j). \tag{BP1}", f03_bp1),
    (r"For the quadratic cost $\partial C / \partial a^L_j = (a^L_j - y_j)$", f03_quad_dCda),
    (r"$$\delta^L = (a^L - y) \odot \sigma'(z^L).$$", f03_bp1_quad),
    (r"$\sigma'(z) = \sigma(z)(1 - \sigma(z))$", f03_sigma_prime),
    (r"we have $\partial z^{l+1}_k / \partial z^l_j = w^{l+1}_{kj} \sigma'(z^l_j)$", f03_dz_dz),
    (r"= \sum_k w^{l+1}_{kj} \delta^{l+1}_k \sigma'(z^l_j).$$", f03_bp2),
    (r"\delta^l = \left((w^{l+1})^T \delta^{l+1}\right) \odot \sigma'(z^l). \tag{BP2}", f03_bp2),
    (r"\frac{\partial C}{\partial b^l_j} = \delta^l_j. \tag{BP3}", f03_bp3),
    (r"Because $\partial z^l_j / \partial w^l_{jk} = a^{l-1}_k$", f03_dz_dw),
    (r"\frac{\partial C}{\partial w^l_{jk}} = a^{l-1}_k \delta^l_j. \tag{BP4}", f03_bp4),
]


# ============================================ 04 label smoothing (DE)
def ls_loss(z, q):
    return -np.sum(q * np.log(softmax(z)))


def ls_setup():
    K = 5; eps = RNG.uniform(0.05, 0.3)
    z = RNG.normal(size=K) * 2; c = int(RNG.integers(K))
    y = np.zeros(K); y[c] = 1
    q = (1 - eps) * y + eps / K
    return z, q, K


def f04_dlogp():
    z = RNG.normal(size=4)
    J = np.array([num_grad(lambda v: np.log(softmax(v))[k], z) for k in range(4)])
    return close(J, np.eye(4) - softmax(z)[None, :])


def f04_chain1():
    z, q, K = ls_setup(); p = softmax(z)
    g = num_grad(lambda v: ls_loss(v, q), z)
    return close(g, [-np.sum(q * ((np.arange(K) == i) - p[i])) for i in range(K)])


def f04_chain2():
    z, q, K = ls_setup(); p = softmax(z)
    return close(num_grad(lambda v: ls_loss(v, q), z), -q + p * q.sum())


def f04_chain3():
    z, q, K = ls_setup(); p = softmax(z)
    return close(num_grad(lambda v: ls_loss(v, q), z), p - q)


def f04_sumq():
    z, q, K = ls_setup()
    return close(q.sum(), 1.0)


z04 = np.array([2.0, 1.0, 0.1]); q04 = np.array([14 / 15, 1 / 30, 1 / 30]); y04 = np.array([1.0, 0, 0])


def f04_p():
    return shown(softmax(z04), [0.6590, 0.2424, 0.0986], 4)


def f04_q():
    q = 0.9 * y04 + 0.1 / 3
    return close(q, q04) and shown(q, [0.9333, 0.0333, 0.0333], 4)


def f04_grad():
    g = num_grad(lambda v: ls_loss(v, q04), z04)
    return shown(g, [-0.2743, 0.2091, 0.0652], 4)


def f04_sum0():
    return abs(-0.2743 + 0.2091 + 0.0652) < 1e-3 and close((softmax(z04) - q04).sum(), 0)


def f04_logp():
    return shown(np.log(softmax(z04)), [-0.4170, -1.4170, -2.3170], 4)


def f04_loss():
    return shown(ls_loss(z04, q04), 0.5137, 4)


def f04_nosmooth():
    return shown(num_grad(lambda v: ls_loss(v, y04), z04), [-0.3410, 0.2424, 0.0986], 4)


def f04_interpret():
    a = softmax(z04) - q04; b = softmax(z04) - y04
    return abs(a[0]) < abs(b[0]) and np.all(np.abs(a[1:]) < np.abs(b[1:]))


CHECKS["04_label_smoothing_de_uebungsblatt.md"] = [
    (r"\Rightarrow\quad \frac{\partial \log p_k}{\partial z_i} = \delta_{ki} - p_i", f04_dlogp),
    (r"\frac{\partial \mathcal{L}}{\partial z_i} &= -\sum_{k=1}^K q_k", f04_chain1),
    (r"&= -q_i + p_i \sum_{k=1}^K q_k", f04_chain2),
    (r"&= p_i - q_i ,", f04_chain3),
    (r"denn $\sum_k q_k = (1-\varepsilon)", f04_sumq),
    (r"\mathbf{p} = \operatorname{softmax}(\mathbf{z}) \approx", f04_p),
    (r"\mathbf{q} = \left(0{,}9 + \tfrac", f04_q),
    (r"\nabla_{\mathbf{z}} \mathcal{L} = \mathbf{p} - \mathbf{q} \approx", f04_grad),
    (r"Die Komponenten summieren sich", f04_sum0),
    (r"\log \mathbf{p} \approx (-0{,}4170", f04_logp),
    (r"\mathcal{L} = -\tfrac{14}{15}\log p_1", f04_loss),
    (r"Zum Vergleich ohne Glättung", f04_nosmooth),
    (r"Zum Vergleich ohne Glättung", f04_interpret),
]


# ========================================================= 05 GELU (ES)
C05 = math.sqrt(2 / math.pi)


def gelu_exact(x):
    return x * 0.5 * (1 + math.erf(x / math.sqrt(2)))


def gelu_tanh(x):
    return 0.5 * x * (1 + np.tanh(C05 * (x + 0.044715 * x ** 3)))


def gelu_tanh_d(x):
    t = np.tanh(C05 * (x + 0.044715 * x ** 3))
    return 0.5 * (1 + t) + 0.5 * x * (1 - t ** 2) * C05 * (1 + 0.134145 * x ** 2)


def fd1(f, x, eps=1e-6):
    return (f(x + eps) - f(x - eps)) / (2 * eps)


def f05_approx():
    xs = np.linspace(-5, 5, 1001)
    return max(abs(gelu_exact(v) - gelu_tanh(v)) for v in xs) < 1e-3


def f05_dtanh():
    us = RNG.normal(size=10) * 2
    return all(close(fd1(np.tanh, u), 1 - np.tanh(u) ** 2) and close(1 - np.tanh(u) ** 2, 1 / np.cosh(u) ** 2) for u in us)


def f05_du():
    xs = RNG.normal(size=10) * 2
    return all(close(fd1(lambda v: C05 * (v + 0.044715 * v ** 3), x), C05 * (1 + 0.134145 * x ** 2)) for x in xs)


def f05_const():
    return abs(3 * 0.044715 - 0.134145) < 1e-12


def f05_deriv():
    xs = RNG.normal(size=10) * 2
    return all(close(fd1(gelu_tanh, x), gelu_tanh_d(x)) for x in xs)


def f05_nums1():
    u = C05 * 1.044715
    return shown(C05, 0.7979, 4) and shown(u, 0.8336, 4) and shown(np.tanh(u), 0.6824, 4)


def f05_gelu1():
    return shown(gelu_tanh(1.0), 0.8412, 4)


def f05_nums2():
    t = np.tanh(C05 * 1.044715)
    return shown(gelu_exact(1.0), 0.8413, 4) and shown(1 - t ** 2, 0.5344, 4) and shown(C05 * 1.134145, 0.9049, 4)


def f05_d1():
    return shown(fd1(gelu_tanh, 1.0), 1.0830, 4)


def f05_exact_d():
    Phi = lambda v: 0.5 * (1 + math.erf(v / math.sqrt(2)))
    phi = lambda v: math.exp(-v * v / 2) / math.sqrt(2 * math.pi)
    ok = all(close(fd1(gelu_exact, x), Phi(x) + x * phi(x)) for x in RNG.normal(size=8))
    return ok and shown(Phi(1), 0.8413, 4) and shown(phi(1), 0.2420, 4) and shown(Phi(1) + phi(1), 1.0833, 4)


def f05_curious():
    return fd1(gelu_tanh, 1.0) > 1 and shown(fd1(gelu_tanh, 1.0), 1.083, 3) and shown(fd1(gelu_tanh, -0.5), 0.1326, 4)


CHECKS["05_gelu_tanh_es_blog.md"] = [
    (r"$$\mathrm{GELU}(x) \approx \frac{1}{2}\,x\left(1 + \tanh", f05_approx),
    (r"\frac{d}{du}\tanh u = 1 - \tanh^2 u = \operatorname{sech}^2 u", f05_dtanh),
    (r"$$u'(x) = \sqrt{2/\pi}\,\left(1 + 0.134145\,x^2\right)$$", f05_du),
    (r"es simplemente $3 \times 0.044715$", f05_const),
    (r"\frac{d}{dx}\mathrm{GELU}(x) \approx", f05_deriv),
    (r"Con $x = 1$: $\sqrt{2/\pi} \approx 0.7979$", f05_nums1),
    (r"\mathrm{GELU}(1) \approx 0.5 \times (1 + 0.6824) \approx 0.8412", f05_gelu1),
    (r"contra el valor exacto $\Phi(1) \approx 0.8413$", f05_nums2),
    (r"\mathrm{GELU}'(1) \approx 0.8412 + 0.5", f05_d1),
    (r"La derivada exacta es $\Phi(x) + x\,\varphi(x)$", f05_exact_d),
    (r"Un detalle curioso", f05_curious),
]


# ================================================== 06 BPTT scalar (FR)
def rnn_forward(w, u, xs, bump=None):
    h = [0.0]; a = []
    for t, xt in enumerate(xs, 1):
        at = w * h[-1] + u * xt
        if bump is not None and bump[0] == t:
            at += bump[1]
        a.append(at); h.append(np.tanh(at))
    return a, h


def rnn_true(w, u, xs, Lh3):
    """deltas by FD on a_t, gradients by FD, for L = Lh3(h_3)."""
    e = 1e-6
    d = {}
    for t in (1, 2, 3):
        d[t] = (Lh3(rnn_forward(w, u, xs, (t, e))[1][3]) - Lh3(rnn_forward(w, u, xs, (t, -e))[1][3])) / (2 * e)
    dw = fd1(lambda v: Lh3(rnn_forward(v, u, xs)[1][3]), w)
    du = fd1(lambda v: Lh3(rnn_forward(w, v, xs)[1][3]), u)
    return d, dw, du


def rnn_rand():
    w, u = RNG.normal(size=2); xs = RNG.normal(size=3); c = RNG.normal()
    return w, u, xs, (lambda h3: np.sin(c * h3)), (lambda h3: c * np.cos(c * h3))


def f06_sums():
    def t():
        w, u, xs, L, dL = rnn_rand()
        d, dw, du = rnn_true(w, u, xs, L)
        a, h = rnn_forward(w, u, xs)
        return close(dw, sum(d[t] * h[t - 1] for t in (1, 2, 3))) and close(du, sum(d[t] * xs[t - 1] for t in (1, 2, 3)))
    return trials(t)


def f06_recursion():
    def t():
        w, u, xs, L, dL = rnn_rand()
        d, dw, du = rnn_true(w, u, xs, L)
        a, h = rnn_forward(w, u, xs)
        tp = lambda at: fd1(np.tanh, at)
        return (close(d[3], dL(h[3]) * tp(a[2])) and close(d[2], d[3] * w * tp(a[1]))
                and close(d[1], d[2] * w * tp(a[0])))
    return trials(t)


def f06_tanh_prime_claimed():
    aa = RNG.normal(size=10)
    return all(close(fd1(np.tanh, v), 1 + np.tanh(v) ** 2) for v in aa)


W06, U06, X06 = 0.5, 1.0, [1.0, 0.5, -1.0]
L06 = lambda h3: h3  # dL/dh3 = 1


def f06_forward():
    a, h = rnn_forward(W06, U06, X06)
    return (shown(h[1], 0.7616, 4) and shown(a[1], 0.8808, 4) and shown(h[2], 0.7068, 4)
            and shown(a[2], -0.6466, 4) and shown(h[3], -0.5694, 4))


def f06_local():  # arithmetic of 1 + h_t^2
    a, h = rnn_forward(W06, U06, X06)
    return shown([1 + h[1] ** 2, 1 + h[2] ** 2, 1 + h[3] ** 2], [1.5800, 1.4996, 1.3242], 4)


def f06_d(t, val):
    def f():
        d, dw, du = rnn_true(W06, U06, X06, L06)
        return shown(d[t], val, 4)
    return f


def f06_dw():
    d, dw, du = rnn_true(W06, U06, X06, L06)
    return shown(dw, 1.6921, 4)


def f06_du():
    d, dw, du = rnn_true(W06, U06, X06, L06)
    return shown(du, -0.0434, 4)


CHECKS["06_bptt_scalar_rnn_fr_cours.md"] = [
    (r"\frac{\partial L}{\partial w} = \sum_{t=1}^{3} \delta_t\, h_{t-1}", f06_sums),
    (r"\delta_3 = \frac{\partial L}{\partial h_3}\,\tanh'(a_3)", f06_recursion),
    (r"Rappel : $\tanh'(a) = 1 + \tanh^2(a)$", f06_tanh_prime_claimed),
    (r"**Passe avant.**", f06_forward),
    (r"**Dérivées locales.**", f06_local),
    (r"\delta_3 &= 1 \cdot 1{,}3242", f06_d(3, 1.3242)),
    (r"\delta_2 &= 1{,}3242", f06_d(2, 0.9929)),
    (r"\delta_1 &= 0{,}9929", f06_d(1, 0.7844)),
    (r"\frac{\partial L}{\partial w} &= \delta_3 h_2", f06_dw),
    (r"\frac{\partial L}{\partial u} &= \delta_3 x_3", f06_du),
]


# ============================================= 07 conv1d exam key (EN)
def corr_valid(x, w):
    K = len(w)
    return np.array([np.dot(w, x[i:i + K]) for i in range(len(x) - K + 1)])


def conv_rand():
    N, K = 7, 3
    x = RNG.normal(size=N); w = RNG.normal(size=K); c = RNG.normal(size=N - K + 1)
    L = lambda x, w: np.sum(np.sin(c * corr_valid(x, w)))
    g = c * np.cos(c * corr_valid(x, w))
    return x, w, L, g, N, K


x07 = np.array([1, 2, -1, 0, 3.0]); w07 = np.array([2, -1, 0.5]); g07 = np.array([1, -2, 0.5])


def f07_len():
    return len(corr_valid(x07, w07)) == 5 - 3 + 1 == 3


def f07_y(i, v):
    return lambda: close(corr_valid(x07, w07)[i], v)


def f07_dw_formula():
    x, w, L, g, N, K = conv_rand()
    return close(num_grad(lambda v: L(x, v), w), [sum(g[i] * x[i + k] for i in range(N - K + 1)) for k in range(K)])


def f07_dw_nums():
    return close(num_grad(lambda v: g07 @ corr_valid(x07, v), w07), [-3.5, 4, 0.5])


def f07_dx_index():
    x, w, L, g, N, K = conv_rand()
    ref = [sum(g[i] * w[j - i] for i in range(max(0, j - K + 1), min(j, N - K) + 1)) for j in range(N)]
    return close(num_grad(lambda v: L(v, w), x), ref)


def f07_dx_padded_claimed():
    x, w, L, g, N, K = conv_rand()
    gt = np.concatenate([np.zeros(K - 1), g, np.zeros(K - 1)])
    claimed = [sum(gt[j + k] * w[k] for k in range(K)) for j in range(N)]
    return close(num_grad(lambda v: L(v, w), x), claimed)


def f07_full_len():
    return (5 - 3 + 1) + (3 - 1) == 5


def f07_dx(j, v):
    return lambda: close(num_grad(lambda z: g07 @ corr_valid(z, w07), x07)[j], v)


def f07_dx_vec():
    return close(num_grad(lambda z: g07 @ corr_valid(z, w07), x07), [0.5, -2, 4.25, -4.5, 1])


def f07_sanity():
    dx = num_grad(lambda z: g07 @ corr_valid(z, w07), x07)
    return close(dx.sum(), g07.sum() * w07.sum()) and close(g07.sum() * w07.sum(), -0.75) and close(0.5 - 2 + 4.25 - 4.5 + 1, -0.75)


CHECKS["07_conv1d_backward_exam_key.md"] = [
    (r"we get $N - K + 1 = 3$ outputs", f07_len),
    (r"y_0 &= 2 \cdot 1", f07_y(0, -0.5)),
    (r"y_1 &= 2 \cdot 2", f07_y(1, 5)),
    (r"y_2 &= 2 \cdot (-1)", f07_y(2, -0.5)),
    (r"\frac{\partial L}{\partial w_k} = \sum_{i=0}^{N-K} g_i\, x_{i+k}", f07_dw_formula),
    (r"For $g = (1, -2, 0.5)$ this gives", f07_dw_nums),
    (r"\sum_{i=\max(0,\, j-K+1)}^{\min(j,\, N-K)} g_i\, w_{j-i}", f07_dx_index),
    (r"\tilde g_{j+k}\, w_k, \qquad j = 0, \dots, N-1", f07_dx_padded_claimed),
    (r"the output has $(N - K + 1) + (K - 1) = N$ entries", f07_full_len),
    (r"\partial L / \partial x_0 &=", f07_dx(0, 0.5)),
    (r"\partial L / \partial x_1 &=", f07_dx(1, -2)),
    (r"\partial L / \partial x_2 &=", f07_dx(2, 4.25)),
    (r"\partial L / \partial x_3 &=", f07_dx(3, -4.5)),
    (r"\partial L / \partial x_4 &=", f07_dx(4, 1)),
    (r"so $\partial L / \partial x = (0.5", f07_dx_vec),
    (r"**Sanity check", f07_sanity),
]


# ================================================ 08 Adam notebook (EN)
def adam_trace():
    b1, b2, a, e = 0.9, 0.999, 1e-3, 1e-8
    m = v = 0.0; th = 1.0; out = {}
    for t, g in enumerate([0.5, -0.2], 1):
        m = b1 * m + (1 - b1) * g; v = b2 * v + (1 - b2) * g * g
        mh = m / (1 - b1 ** t); vh = v / (1 - b2 ** t)
        st = a * mh / (math.sqrt(vh) + e); th -= st
        out[t] = dict(m=m, v=v, mh=mh, vh=vh, st=st, th=th, c1=1 - b1 ** t, c2=1 - b2 ** t)
    return out


A8 = adam_trace()
CHECKS["08_adam_bias_correction_notebook.md"] = [
    (r"- $m_1 = 0.1 \times 0.5 = 0.05000$", lambda: shown(A8[1]["m"], 0.05, 5)),
    (r"- $v_1 = 0.001 \times 0.5^2 = 0.00025$", lambda: shown(A8[1]["v"], 0.00025, 5)),
    (r"- $\hat m_1 = 0.05 / (1 - 0.9) = 0.50000$", lambda: shown(A8[1]["mh"], 0.5, 5)),
    (r"- $\hat v_1 = 0.00025 / (1 - 0.999) = 0.25000$", lambda: shown(A8[1]["vh"], 0.25, 5)),
    (r"- $\theta_1 = 1 - 0.001", lambda: shown(A8[1]["th"], 0.999, 5)),
    (r"Without the correction we would have taken",
     lambda: shown(1e-3 * A8[1]["m"] / (math.sqrt(A8[1]["v"]) + 1e-8), 0.00316, 5)
     and 1e-3 * A8[1]["m"] / math.sqrt(A8[1]["v"]) > 3 * A8[1]["st"]
     and close(A8[1]["mh"], 0.5) and close(A8[1]["vh"], 0.25)),
    (r"- $m_2 = 0.9 \times 0.05", lambda: shown(A8[2]["m"], 0.025, 5)),
    (r"- $v_2 = 0.999 \times 0.00025", lambda: close(A8[2]["v"], 0.00028975, 1e-12)),
    (r"- $1 - \beta_1^2 = 0.19$", lambda: close(A8[2]["c1"], 0.19, 1e-12) and close(A8[2]["c2"], 0.001999, 1e-12)),
    (r"- $\hat m_2 = 0.025 / 0.19", lambda: shown(A8[2]["mh"], 0.13158, 5)),
    (r"- $\hat v_2 = 0.00028975 / 0.001999", lambda: shown(A8[2]["vh"], 0.14495, 5) and shown(math.sqrt(A8[2]["vh"]), 0.38072, 5)),
    (r"- step $= 0.001 \times 0.13158", lambda: shown(A8[2]["st"], 0.00035, 5) and shown(A8[2]["th"], 0.99865, 5)),
    (r"The gradient changed sign, but",
     lambda: A8[2]["mh"] > 0 and 0.3 < A8[2]["st"] / A8[1]["st"] < 0.37 and shown(A8[2]["v"] / A8[1]["v"], 1.16, 2)
     and close(A8[2]["vh"], (0.999 * 0.25 + 1 * 0.04) / (0.999 + 1), 1e-12) and 0.04 < A8[2]["vh"] < 0.25),
]


# ====================================== 09 logistic loss y in {-1,+1} (PL)
def logi(w, x, y):
    return np.log1p(np.exp(-y * (w @ x)))


def logi_rand():
    D = 3
    return RNG.normal(size=D), RNG.normal(size=D), float(RNG.choice([-1, 1]))


def f09_probs():
    t = RNG.normal(size=10)
    return close(1 - sigmoid(t), sigmoid(-t))


def f09_loss_identity():
    w, x, y = logi_rand()
    return close(-np.log(sigmoid(y * (w @ x))), logi(w, x, y))


def f09_grad_raw():
    def t():
        w, x, y = logi_rand(); m = y * (w @ x)
        return close(num_grad(lambda v: logi(v, x, y), w), -y * x * np.exp(-m) / (1 + np.exp(-m)))
    return trials(t)


def f09_identity_claimed():
    m = RNG.normal(size=10) * 2
    return close(np.exp(-m) / (1 + np.exp(-m)), sigmoid(m))


def f09_grad_claimed():
    def t():
        w, x, y = logi_rand()
        return close(num_grad(lambda v: logi(v, x, y), w), -y * sigmoid(y * (w @ x)) * x)
    return trials(t)


def f09_batch_claimed():
    N, D = 4, 3
    X = RNG.normal(size=(N, D)); Y = RNG.choice([-1.0, 1.0], size=N); w = RNG.normal(size=D)
    L = lambda v: np.mean(np.log1p(np.exp(-Y * (X @ v))))
    claimed = -np.mean((Y * sigmoid(Y * (X @ w)))[:, None] * X, axis=0)
    return close(num_grad(L, w), claimed)


w09 = np.array([0.5, -1.0]); x09 = np.array([2.0, 0.5]); y09 = -1.0


def f09_nums():
    return (close(w09 @ x09, 0.5) and close(y09 * (w09 @ x09), -0.5) and shown(logi(w09, x09, y09), 0.9741, 4)
            and shown(sigmoid(-0.5), 0.3775, 4))


def f09_grad_nums():
    return shown(num_grad(lambda v: logi(v, x09, y09), w09), [0.7551, 0.1888], 4)


def f09_step():
    return shown(w09 - 0.1 * num_grad(lambda v: logi(v, x09, y09), w09), [0.4245, -1.0189], 4)


CHECKS["09_logistic_loss_pm1_pl_wyklad.md"] = [
    (r"1 - \sigma(\mathbf{w}^\top\mathbf{x}) = \sigma(-\mathbf{w}^\top\mathbf{x})", f09_probs),
    (r"\ell(\mathbf{w}) = -\log \sigma(y\,\mathbf{w}^\top\mathbf{x}) = \log", f09_loss_identity),
    (r"\nabla_{\mathbf{w}} \ell = \frac{1}{1 + e^{-y\,\mathbf{w}^\top\mathbf{x}}}", f09_grad_raw),
    (r"korzystając z tożsamości", f09_identity_claimed),
    (r"\nabla_{\mathbf{w}} \ell = -\,y\,\sigma(y\,\mathbf{w}^\top\mathbf{x})\,\mathbf{x}.", f09_grad_claimed),
    (r"\nabla_{\mathbf{w}} L = -\frac{1}{N} \sum_{n=1}^{N}", f09_batch_claimed),
    (r"Wtedy $\mathbf{w}^\top\mathbf{x} = 1 - 0{,}5", f09_nums),
    (r"\nabla_{\mathbf{w}} \ell = -(-1) \cdot 0{,}3775", f09_grad_nums),
    (r"Krok spadku gradientu", f09_step),
]


# =========================================== 10 softmax regression (ZH)
def xent(o, y):
    return -np.sum(y * np.log(softmax(o)))


def sm_rand():
    q = 4
    o = RNG.normal(size=q) * 2; y = np.zeros(q); y[int(RNG.integers(q))] = 1
    return o, y


def f10_c1():
    o, y = sm_rand()
    return close(xent(o, y), -np.sum(y * np.log(np.exp(o) / np.exp(o).sum())))


def f10_c2():
    o, y = sm_rand()
    return close(xent(o, y), np.sum(y * np.log(np.exp(o).sum())) - np.sum(y * o))


def f10_c3():
    o, y = sm_rand()
    return close(xent(o, y), np.log(np.exp(o).sum()) - np.sum(y * o))


def f10_grad():
    o, y = sm_rand()
    return close(num_grad(lambda v: xent(v, y), o), np.exp(o) / np.exp(o).sum() - y)


def f10_param_grad():
    d, q = 3, 4
    W = RNG.normal(size=(d, q)); b = RNG.normal(size=q); x = RNG.normal(size=d)
    y = np.zeros(q); y[1] = 1
    yh = softmax(W.T @ x + b)
    gW = num_grad(lambda V: xent(V.T @ x + b, y), W)
    gb = num_grad(lambda v: xent(W.T @ x + v, y), b)
    return close(gW, np.outer(x, yh - y)) and close(gb, yh - y) and gW.shape == (d, q)


def f10_shift():
    o = RNG.normal(size=5) * 3; c = RNG.normal() * 10
    lhs = np.exp(o - c) / np.exp(o - c).sum()
    mid = np.exp(-c) * np.exp(o) / (np.exp(-c) * np.exp(o).sum())
    return close(lhs, mid) and close(mid, np.exp(o) / np.exp(o).sum())


def f10_bounds():
    o = RNG.normal(size=6) * 5; e = np.exp(o - o.max())
    return np.all(e > 0) and np.all(e <= 1) and e.sum() >= 1


def f10_logsm():
    o = RNG.normal(size=5) * 3; c = o.max()
    return close(np.log(softmax(o)), (o - c) - np.log(np.exp(o - c).sum()))


def f10_example():
    with np.errstate(over="ignore"):
        overflow = np.isinf(np.exp(np.float64(1000.0)))
    o = np.array([1000.0, 1001.0, 1002.0]); e = np.exp(o - 1002)
    p = e / e.sum()
    return (overflow and shown(e, [0.1353, 0.3679, 1], 4) and shown(e.sum(), 1.5032, 4)
            and shown(p, [0.0900, 0.2447, 0.6652], 4) and shown(np.log(p[0]), -2.4076, 4)
            and shown(xent(o, np.array([1.0, 0, 0])), 2.4076, 4))


CHECKS["10_softmax_regression_zh_d2l.md"] = [
    (r"l(\mathbf{y}, \hat{\mathbf{y}}) &= -\sum_{j=1}^q y_j \log \frac", f10_c1),
    (r"&= \sum_{j=1}^q y_j \log \sum_{k=1}^q \exp(o_k)", f10_c2),
    (r"&= \log \sum_{k=1}^q \exp(o_k) - \sum_{j=1}^q y_j o_j.", f10_c3),
    (r"$$\partial_{o_j} l(\mathbf{y}, \hat{\mathbf{y}}) =", f10_grad),
    (r"\partial_{\mathbf{W}} l = \mathbf{x}\,(\hat{\mathbf{y}} - \mathbf{y})^\top", f10_param_grad),
    (r"$$\frac{\exp(o_j - c)}{\sum_{k} \exp(o_k - c)} =", f10_shift),
    (r"减去最大值之后", f10_bounds),
    (r"$$\log \hat{y}_j = (o_j - c) - \log \sum_{k} \exp(o_k - c),$$", f10_logsm),
    (r"**例子。**", f10_example),
]


# ======================================== 11 matrix cookbook cheat sheet
def mats(n=3, m=4, p=2):
    return (RNG.normal(size=(m, n)), RNG.normal(size=(n, m)))


def f11_tools():
    A = RNG.normal(size=(3, 4)); B = RNG.normal(size=(4, 3)); S = RNG.normal(size=(3, 3))
    return close(np.trace(A @ B), np.trace(B @ A)) and close(np.trace(S.T), np.trace(S))


def f11_1():
    A, X = mats()
    return close(num_grad(lambda V: np.trace(A @ V), X), A.T)


def f11_1why():
    A, X = mats()
    return close(np.trace(A @ X), sum(A[j, i] * X[i, j] for i in range(X.shape[0]) for j in range(X.shape[1])))


def f11_2():
    X = RNG.normal(size=(3, 4)); A = RNG.normal(size=(3, 4))
    return close(num_grad(lambda V: np.trace(V.T @ A), X), A)


def f11_2why():
    X = RNG.normal(size=(3, 4)); A = RNG.normal(size=(3, 4))
    return close(np.trace(X.T @ A), np.sum(X * A))


def f11_3():
    A = RNG.normal(size=(2, 3)); X = RNG.normal(size=(3, 4)); B = RNG.normal(size=(4, 2))
    return close(num_grad(lambda V: np.trace(A @ V @ B), X), A.T @ B.T)


def f11_3why():
    A = RNG.normal(size=(2, 3)); X = RNG.normal(size=(3, 4)); B = RNG.normal(size=(4, 2))
    return close(np.trace(A @ X @ B), np.trace(B @ A @ X)) and close((B @ A).T, A.T @ B.T)


def f11_4():
    A = RNG.normal(size=(3, 3)); X = RNG.normal(size=(3, 2))
    return close(num_grad(lambda V: np.trace(V.T @ A @ V), X), (A + A.T) @ X)


def f11_4why():
    A = RNG.normal(size=(3, 3)); X = RNG.normal(size=(3, 2)); X0 = X.copy()
    S = A + A.T
    return (close(num_grad(lambda V: np.trace(V.T @ (A @ X0)), X), A @ X)
            and close(num_grad(lambda V: np.trace((X0.T @ A) @ V), X), A.T @ X)
            and close(num_grad(lambda V: np.trace(V.T @ S @ V), X), 2 * S @ X))


def f11_5():
    x = RNG.normal(size=5)
    return close(num_grad(lambda v: np.linalg.norm(v), x), x / np.linalg.norm(x))


def f11_5why():
    x = RNG.normal(size=5)
    return close(0.5 * (x @ x) ** -0.5 * 2 * x, x / np.linalg.norm(x)) and close(np.linalg.norm(x / np.linalg.norm(x)), 1)


def f11_6():
    x = RNG.normal(size=5)
    return close(num_grad(lambda v: np.linalg.norm(v) ** 2, x), 2 * x)


def f11_6why():
    x = RNG.normal(size=(5, 1))
    return close(np.linalg.norm(x) ** 2, np.sum(x ** 2)) and close(((np.eye(5) + np.eye(5).T) @ x), 2 * x)


def f11_7():
    X = RNG.normal(size=(3, 4))
    return close(num_grad(lambda V: np.linalg.norm(V, "fro") ** 2, X), 2 * X)


def f11_7why():
    X = RNG.normal(size=(3, 4))
    return close(np.linalg.norm(X, "fro") ** 2, np.trace(X.T @ X)) and close(np.trace(X.T @ X), np.sum(X ** 2))


def f11_8():
    A = RNG.normal(size=(5, 3)); X = RNG.normal(size=(3, 2)); B = RNG.normal(size=(5, 2))
    return close(num_grad(lambda V: np.linalg.norm(A @ V - B, "fro") ** 2, X), 2 * A.T @ (A @ X - B))


def f11_8why():
    A = RNG.normal(size=(5, 3)); G = RNG.normal(size=(5, 2)); X = RNG.normal(size=(3, 2))
    return close(np.sum(G * (A @ X)), np.sum((A.T @ G) * X))


def f11_layout():
    A = RNG.normal(size=(4, 3)); X = RNG.normal(size=(3, 4))
    g = num_grad(lambda V: np.trace(A @ V), X)
    return g.T.shape == A.shape and close(g.T, A) and A.T.shape == X.shape


CHECKS["11_matrix_derivatives_cheatsheet.md"] = [
    (r"Tools used throughout", f11_tools),
    (r"\mathrm{Tr}(\mathbf{A}\mathbf{X}) = \mathbf{A}^T \tag{1}", f11_1),
    (r"*Why:* $\mathrm{Tr}(\mathbf{A}\mathbf{X}) = \sum_{i,j} A_{ji} X_{ij}$", f11_1why),
    (r"\mathrm{Tr}(\mathbf{X}^T\mathbf{A}) = \mathbf{A} \tag{2}", f11_2),
    (r"*Why:* $\mathrm{Tr}(\mathbf{X}^T\mathbf{A}) = \sum_{i,j} X_{ij} A_{ij}$", f11_2why),
    (r"\mathrm{Tr}(\mathbf{A}\mathbf{X}\mathbf{B}) = \mathbf{A}^T\mathbf{B}^T \tag{3}", f11_3),
    (r"*Why:* cyclic shift", f11_3why),
    (r"= (\mathbf{A} + \mathbf{A}^T)\mathbf{X} \tag{4}", f11_4),
    (r"*Why:* product rule. Varying only the left factor", f11_4why),
    (r"\|\mathbf{x}\|_2 = \frac{\mathbf{x}}{\|\mathbf{x}\|_2}", f11_5),
    (r"*Why:* $\|\mathbf{x}\|_2 = (\mathbf{x}^T\mathbf{x})^{1/2}$", f11_5why),
    (r"\|\mathbf{x}\|_2^2 = 2\mathbf{x} \tag{6}", f11_6),
    (r"*Why:* $\|\mathbf{x}\|_2^2 = \sum_i x_i^2$", f11_6why),
    (r"\|\mathbf{X}\|_F^2 = 2\mathbf{X} \tag{7}", f11_7),
    (r"*Why:* $\|\mathbf{X}\|_F^2 = \mathrm{Tr}", f11_7why),
    (r"= 2\mathbf{A}^T(\mathbf{A}\mathbf{X} - \mathbf{B}) \tag{8}", f11_8),
    (r"whose adjoint is", f11_8why),
    (r"**Layout warning.**", f11_layout),
]


# ============================================= 12 Huber, OCR notes (EN)
def huber(r, d=1.0):
    r = np.asarray(r, float)
    return np.where(np.abs(r) <= d, 0.5 * r ** 2, d * (np.abs(r) - 0.5 * d))


def f12_def1():
    r = RNG.normal(size=20) * 2
    alt = np.where(np.abs(r) <= 1, 0.5 * r ** 2, np.abs(r) - 0.5)
    return close(huber(r, 1.0), alt)


def f12_dquad():
    r = RNG.uniform(-0.99, 0.99, size=10)
    return all(close(fd1(lambda v: huber(v), v), v) for v in r)


def f12_dlin():
    r = np.concatenate([RNG.uniform(1.01, 4, 5), -RNG.uniform(1.01, 4, 5)])
    return all(close(fd1(lambda v: huber(v), v), np.sign(v)) for v in r)


def f12_clip():
    r = RNG.normal(size=20) * 2
    r = r[np.abs(np.abs(r) - 1) > 1e-3]
    return all(close(fd1(lambda v: huber(v), v), np.clip(v, -1, 1)) for v in r)


def f12_c1():
    e = 1e-4
    left = fd1(lambda v: huber(v), 1 - 1e-3); right = fd1(lambda v: huber(v), 1 + 1e-3)
    h2l = (huber(1 - 2 * e) - 2 * huber(1 - e) + huber(1.0)) / e ** 2
    h2r = (huber(1 + 2 * e) - 2 * huber(1 + e) + huber(1.0)) / e ** 2
    return abs(left - 1) < 2e-3 and abs(right - 1) < 2e-3 and abs(h2l - 1) < 1e-3 and abs(h2r) < 1e-3


def huber_mean(rr):
    return np.mean(huber(rr))


def f12_dL_claimed():
    r = RNG.normal(size=3) * 2
    return close(num_grad(huber_mean, r), np.clip(r, -1, 1))


def f12_dyhat_claimed():
    y = RNG.normal(size=3); yh = RNG.normal(size=3) * 2
    return close(num_grad(lambda v: huber_mean(v - y), yh), np.clip(yh - y, -1, 1))


yh12 = np.array([2.4, -0.5, 4.2]); y12 = np.array([2.0, 2.0, 3.0]); x12 = np.array([1.0, 0.5, 2.0])


def f12_r():
    return close(yh12 - y12, [0.4, -2.5, 1.2])


def f12_H():
    h = huber(yh12 - y12)
    return close(h[0], 0.08) and close(h[1], 2.0) and close(h[2], 0.7) and close(0.4 ** 2, 0.16)


def f12_L():
    return shown(huber_mean(yh12 - y12), 0.9267, 4) and close(0.08 + 2.0 + 0.7, 2.78)


def f12_grad_nums():
    return close(num_grad(huber_mean, yh12 - y12), [0.4, -1, 1])


def f12_dw():
    return close(fd1(lambda w: huber_mean(yh12 + (w - 1.0) * x12 - y12), 1.0), 1.9)


CHECKS["12_huber_loss_ocr_notes.md"] = [
    ("with δ = 1 :   H(r) = ½ r²", f12_def1),
    ("H'(r) = r           for |r| ≤ 1", f12_dquad),
    ("H'(r) = sign(r)     for |r| > 1", f12_dlin),
    ("i.e.  H'(r) = clip(r, −1, 1)", f12_clip),
    ("check at |r| = 1", f12_c1),
    ("∂L/∂rᵢ = H'(rᵢ)", f12_dL_claimed),
    ("⇒  ∂L/∂ŷᵢ = H'(rᵢ) as well", f12_dyhat_claimed),
    ("r = ŷ − y = (0.4 , −2.5 , 1.2)", f12_r),
    ("H(r₁) = ½ · 0.4²", f12_H),
    ("L = (0.08 + 2.0 + 0.7) / 3", f12_L),
    ("∂L/∂r = ( 0.4 , −1 , 1 )", f12_grad_nums),
    ("∂L/∂w = Σᵢ (∂L/∂ŷᵢ) · xᵢ", f12_dw),
]


# ================================================ 13 weight decay (TR)
def f13_pen():
    w = RNG.normal(size=4); lam = RNG.uniform(0.01, 1)
    return close(num_grad(lambda v: lam / 2 * v @ v, w), lam * w)


def f13_grad():
    w = RNG.normal(size=4); lam = RNG.uniform(0.01, 1); c = RNG.normal(size=4)
    L = lambda v: np.sum(np.sin(c * v)); gL = lambda v: c * np.cos(c * v)
    return close(num_grad(lambda v: L(v) + lam / 2 * v @ v, w), gL(w) + lam * w)


def f13_alg(which):
    def f():
        w = RNG.normal(size=4); g = RNG.normal(size=4); eta, lam = RNG.uniform(0.01, 0.5, 2)
        base = w - eta * (g + lam * w)
        other = (w - eta * lam * w - eta * g) if which == 1 else ((1 - eta * lam) * w - eta * g)
        return close(base, other)
    return f


def f13_geom():
    w = RNG.normal(size=3); eta, lam = 0.1, 0.5; v = w.copy()
    for _ in range(7):
        v = v - eta * (0 + lam * v)
    return close(v, (1 - eta * lam) ** 7 * w)


def sgd_wd(w0, grads, eta=0.1, lam=0.1):
    w = w0; ws = [w]
    for g in grads:
        w = w - eta * (g + lam * w); ws.append(w)
    return ws


WS13 = sgd_wd(2.0, [0.5, 0.3])


CHECKS["13_weight_decay_l2_tr_odev.md"] = [
    (r"\nabla_{\mathbf{w}} \frac{\lambda}{2}\lVert \mathbf{w}\rVert_2^2 = \lambda \mathbf{w}", f13_pen),
    (r"\nabla \tilde{L}(\mathbf{w}) = \nabla L(\mathbf{w}) + \lambda \mathbf{w}.", f13_grad),
    (r"&= \mathbf{w} - \eta\lambda\mathbf{w} - \eta \nabla L(\mathbf{w}) \\", f13_alg(1)),
    (r"&= (1 - \eta\lambda)\,\mathbf{w} - \eta \nabla L(\mathbf{w}).", f13_alg(2)),
    (r"Özel olarak $\nabla L = 0$ ise", f13_geom),
    (r"dolayısıyla $1 - \eta\lambda = 0{,}99$", lambda: close(1 - 0.1 * 0.1, 0.99, 1e-12)),
    (r"w_1 = 2 - 0{,}1\,(0{,}5 + 0{,}1 \cdot 2) = 2 - 0{,}07 = 1{,}93",
     lambda: close(WS13[1], 1.93, 1e-12) and close(0.1 * (0.5 + 0.1 * 2), 0.07, 1e-12)),
    (r"w_1 = 0{,}99 \cdot 2 - 0{,}1 \cdot 0{,}5 = 1{,}98",
     lambda: close(0.99 * 2, 1.98, 1e-12) and close(WS13[1], 1.98 - 0.05, 1e-12)),
    (r"w_2 = 0{,}99 \cdot 1{,}93", lambda: close(0.99 * 1.93, 1.9017, 1e-12) and close(WS13[2], 1.8717, 1e-12)),
    (r"Karşılaştırma:", lambda: close(sgd_wd(2.0, [0.5, 0.3], lam=0.0)[2], 1.92, 1e-12)
     and close(1.92 - WS13[2], 0.0483, 1e-12)),
]


# ============================================ 14 ReLU / leaky (SE answer)
def subgrad_ok(f, x0, g, pts):
    return all(f(y) >= f(x0) + g * (y - x0) - 1e-12 for y in pts)


relu = lambda v: max(0.0, v)
PTS = list(np.linspace(-3, 3, 61))


def f14_one_sided():
    e = 1e-6
    return abs((relu(0) - relu(-e)) / e) < 1e-9 and abs((relu(e) - relu(0)) / e - 1) < 1e-9


def f14_subdiff():
    inside = all(subgrad_ok(relu, 0.0, g, PTS) for g in np.linspace(0, 1, 11))
    outside = not any(subgrad_ok(relu, 0.0, g, PTS) for g in [-0.1, 1.1])
    return inside and outside


def f14_leaky_def():
    a = 0.01; f = lambda v: v if v > 0 else a * v
    zs = RNG.normal(size=10) * 2
    return all(close(fd1(f, z), 1.0 if z > 0 else a) for z in zs if abs(z) > 1e-3)


def f14_leaky_zero():
    a = 0.01; f = lambda v: v if v > 0 else a * v
    inside = all(subgrad_ok(f, 0.0, g, PTS) for g in np.linspace(a, 1, 11))
    outside = not any(subgrad_ok(f, 0.0, g, PTS) for g in [a - 0.005, 1.01])
    return inside and outside and subgrad_ok(f, 0.0, a, PTS)


def leaky_np(Z, a):
    return np.where(Z > 0, Z, a * Z)


def f14_backward():
    a = 0.01; N, D, H = 3, 4, 2
    X = RNG.normal(size=(N, D)); W = RNG.normal(size=(D, H)); b = RNG.normal(size=H); C = RNG.normal(size=(N, H))
    L = lambda X, W, b: np.sum(np.sin(C * leaky_np(X @ W + b, a)))
    Z = X @ W + b; A = leaky_np(Z, a); G = C * np.cos(C * A); M = np.where(Z > 0, 1.0, a)
    dZ = num_grad(lambda V: np.sum(np.sin(C * leaky_np(V, a))), Z)
    return (close(dZ, G * M) and close(num_grad(lambda V: L(X, V, b), W), X.T @ (G * M))
            and close(num_grad(lambda V: L(V, W, b), X), (G * M) @ W.T)
            and close(num_grad(lambda V: L(X, W, V), b), (G * M).T @ np.ones(N)))


def f14_example():
    Z = np.array([[1.5, -2], [0, 0.3]]); G = np.array([[0.1, 0.4], [-0.2, 0.5]]); a = 0.01
    M = np.where(Z > 0, 1.0, a)
    return close(M, [[1, 0.01], [0.01, 1]]) and close(G * M, [[0.1, 0.004], [-0.002, 0.5]])


def f14_numpy():
    Z = RNG.normal(size=(3, 3)); Z[0, 0] = 0.0
    return close(np.where(Z > 0, 1.0, 0.0), (Z > 0).astype(float))


CHECKS["14_relu_zero_leaky_mask_stackexchange.md"] = [
    (r"the left derivative is $0$ and the right derivative is $1$", f14_one_sided),
    (r"$$\partial f(0) = [0, 1],$$", f14_subdiff),
    (r"i.e. any $g \in [0,1]$ satisfies", f14_subdiff),
    (r"$$f_\alpha(z) = \begin{cases}", f14_leaky_def),
    (r"which lies in the subdifferential $[\alpha, 1]$", f14_leaky_zero),
    (r"$$\frac{\partial L}{\partial Z} = G \odot M, \qquad", f14_backward),
    (r"$$Z = \begin{pmatrix} 1.5 & -2", f14_example),
    (r"In NumPy: `dZ = G * np.where", f14_numpy),
]


# ==================================================== 15 MAE (ID blog)
def f15_abs():
    es = RNG.normal(size=10)
    ok = all(close(fd1(abs, e), np.sign(e)) for e in es if abs(e) > 1e-3)
    inside = all(subgrad_ok(abs, 0.0, g, PTS) for g in np.linspace(-1, 1, 11))
    outside = not any(subgrad_ok(abs, 0.0, g, PTS) for g in [-1.1, 1.1])
    return ok and inside and outside


def f15_grad():
    N = 5; y = RNG.normal(size=N); yh = RNG.normal(size=N)
    return close(num_grad(lambda v: np.mean(np.abs(v - y)), yh), np.sign(yh - y) / N)


y15 = np.array([3, -0.5, 2, 7.0]); yh15 = np.array([2.5, 0, 2, 8.0])


def f15_e():
    e = yh15 - y15
    return close(e, [-0.5, 0.5, 0, 1]) and close(np.abs(e), [0.5, 0.5, 0, 1])


def f15_L():
    return shown(np.mean(np.abs(yh15 - y15)), 0.6667, 4)


def f15_g():
    return shown(np.sign(yh15 - y15) / len(y15), [-0.3333, 0.3333, 0, 0.3333], 4)


def f15_b():
    return shown(np.sum(np.sign(yh15 - y15) / len(y15)), 0.3333, 4)


CHECKS["15_mae_subgradient_id_blog.md"] = [
    (r"Turunan $|e|$ terhadap $e$ adalah $+1$", f15_abs),
    (r"\frac{\partial L}{\partial \hat{y}_n} = \frac{1}{N}\,\operatorname{sign}", f15_grad),
    (r"Errornya $e_n = \hat{y}_n - y_n$", f15_e),
    (r"L = \frac{1}{3}\left(0{,}5 + 0{,}5 + 0 + 1\right)", f15_L),
    (r"\frac{\partial L}{\partial \hat{\mathbf{y}}} = \frac{1}{3}", f15_g),
    (r"maka gradien untuk bias adalah", f15_b),
]


# ============================================= 16 CS229 Hessian / Newton
def J16(th, X, y):
    z = X @ th  # -[y log g(z) + (1-y) log(1-g(z))] = log(1+e^z) - y z, computed stably
    return np.sum(np.logaddexp(0.0, z) - y * z)


def lr_rand():
    m, n = 6, 3
    X = np.c_[np.ones(m), RNG.normal(size=(m, n - 1))]; y = RNG.integers(0, 2, size=m).astype(float)
    th = RNG.normal(size=n) * 0.5
    return X, y, th


def f16_gprime():
    z = RNG.normal(size=8) * 2
    return close(num_grad(lambda v: np.sum(sigmoid(v)), z), sigmoid(z) * (1 - sigmoid(z)))


def f16_grad():
    X, y, th = lr_rand()
    return close(num_grad(lambda t: J16(t, X, y), th), X.T @ (sigmoid(X @ th) - y))


def f16_dh():
    X, y, th = lr_rand(); x = X[0]; h = sigmoid(x @ th)
    return close(num_grad(lambda t: sigmoid(x @ t), th), h * (1 - h) * x)


def hess_fd(X, y, th):
    gr = lambda t: X.T @ (sigmoid(X @ t) - y)
    return np.array([num_grad(lambda t: gr(t)[j], th) for j in range(len(th))])


def f16_H():
    X, y, th = lr_rand(); h = sigmoid(X @ th)
    Hs = sum(h[i] * (1 - h[i]) * np.outer(X[i], X[i]) for i in range(len(y)))
    return close(hess_fd(X, y, th), Hs)


def f16_HS():
    X, y, th = lr_rand(); h = sigmoid(X @ th); S = np.diag(h * (1 - h))
    H = X.T @ S @ X; z = RNG.normal(size=len(th))
    zz = np.linspace(-20, 20, 401); s = sigmoid(zz) * (1 - sigmoid(zz))
    return (close(hess_fd(X, y, th), H) and np.all(s > 0) and s.max() <= 0.25 + 1e-15
            and close(z @ H @ z, np.sum(np.diag(S) * (X @ z) ** 2)) and np.all(np.linalg.eigvalsh(H) >= -1e-12))


X16 = np.array([[1, 2], [1, -1.0]]); y16 = np.array([1, 0.0]); th16 = np.zeros(2)


def f16_ex1():
    h = sigmoid(X16 @ th16); S = np.diag(h * (1 - h))
    g = num_grad(lambda t: J16(t, X16, y16), th16); H = hess_fd(X16, y16, th16)
    return (close(h - y16, [-0.5, 0.5]) and close(g, [0, -1.5]) and close(X16.T @ X16, [[2, 1], [1, 5]])
            and close(H, [[0.5, 0.25], [0.25, 1.25]]) and close(S, np.diag([0.25, 0.25])))


def f16_det():
    return close(np.linalg.det(X16.T @ X16 * 0.25), 0.5625) and close(0.5 * 1.25, 0.625) and close(0.25 ** 2, 0.0625)


def f16_inv():
    H = 0.25 * X16.T @ X16; Hi = np.linalg.inv(H); g = X16.T @ (sigmoid(X16 @ th16) - y16)
    return (close(Hi, np.array([[1.25, -0.25], [-0.25, 0.5]]) / 0.5625) and shown(Hi, [[2.2222, -0.4444], [-0.4444, 0.8889]], 4)
            and shown(Hi @ g, [0.6667, -1.3333], 4))


def f16_newton():
    H = 0.25 * X16.T @ X16; g = X16.T @ (sigmoid(X16 @ th16) - y16); th = th16 - np.linalg.solve(H, g)
    return (shown(th, [-0.6667, 1.3333], 4) and close(th, [-2 / 3, 4 / 3]) and close(X16 @ th, [2, -2])
            and shown(sigmoid(X16 @ th), [0.8808, 0.1192], 4) and close(J16(th16, X16, y16), 2 * np.log(2))
            and shown(J16(th16, X16, y16), 1.3863, 4) and shown(J16(th, X16, y16), 0.2539, 4))


def f16_separable():
    th = np.array([-1.0, 2.0])  # scaled up, J keeps decreasing
    return all(J16(c * th, X16, y16) > J16(2 * c * th, X16, y16) for c in [1, 2, 4, 8])


CHECKS["16_logreg_hessian_newton_cs229.md"] = [
    (r"and that $g'(z) = g(z)(1 - g(z))$", f16_gprime),
    (r"\quad \nabla_\theta J = X^T (h - \vec{y}).", f16_grad),
    (r"and $\partial h_\theta(x^{(i)}) / \partial \theta_k =", f16_dh),
    (r"H_{jk} = \frac{\partial^2 J(\theta)}{\partial \theta_j \partial \theta_k} =", f16_H),
    (r"or in matrix form $H = X^T S X$", f16_HS),
    (r"\nabla_\theta J = X^T \begin{bmatrix} -0.5", f16_ex1),
    (r"Here $\det H = 0.625 - 0.0625 = 0.5625$", f16_det),
    (r"H^{-1} = \frac{1}{0.5625}", f16_inv),
    (r"The Newton update gives", f16_newton),
    (r"(Since this toy dataset is linearly separable", f16_separable),
]


# ==================================================================== main
def main():
    with open(os.path.join(HERE, "expected.json"), encoding="utf-8") as fh:
        expected = json.load(fh)
    md_files = sorted(f for f in os.listdir(HERE) if f.endswith(".md"))
    ok = True
    if set(md_files) != set(CHECKS) or set(md_files) != set(expected):
        print("file sets differ:", set(md_files) ^ set(CHECKS), set(md_files) ^ set(expected))
        ok = False
    for name in md_files:
        with open(os.path.join(HERE, name), encoding="utf-8") as fh:
            lines = fh.read().split("\n")
        false_lines = []
        for sub, fn in CHECKS.get(name, []):
            hits = [i + 1 for i, ln in enumerate(lines) if sub in ln]
            if len(hits) != 1:
                print(f"  {name}: substring matches {len(hits)} lines: {sub!r}")
                ok = False
                continue
            try:
                res = bool(fn())
            except Exception as exc:  # a crashing check is a bug in this script
                print(f"  {name}: check raised {exc!r} for {sub!r}")
                ok = False
                continue
            if not res:
                false_lines.append(hits[0])
        first = min(false_lines) if false_lines else None
        print(f"{name}: {first if first is not None else 'correct'}")
        if os.environ.get("VERBOSE"):
            print("   all false lines:", sorted(false_lines))
        if first != expected.get(name, "missing"):
            print(f"  MISMATCH: expected {expected.get(name)}")
            ok = False
    print("ALL OK" if ok else "FAILURES")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
