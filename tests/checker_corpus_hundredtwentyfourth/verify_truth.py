"""Independent truth check for the attention corpus.

For every file, the math claims are listed as (unique substring of the line, check).
Checks are evaluated in line order; the first failing line must equal expected.json.
"""
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(0)
E = np.exp
R2 = np.sqrt(2.0)


def close(x, printed, dec):
    """x rounds to `printed` at `dec` decimals (small slack for ties)."""
    x = np.asarray(x, float)
    p = np.asarray(printed, float)
    return bool(np.all(np.abs(x - p) <= 0.5 * 10.0 ** (-dec) + 1e-9))


def eq(a, b):
    return bool(np.all(np.asarray(a) == np.asarray(b)))


def softmax(x, axis=-1):
    x = np.asarray(x, float)
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def sdpa_grads(Q, K, V, dO):
    d = Q.shape[1]
    S = Q @ K.T / np.sqrt(d)
    P = softmax(S, 1)
    dV = P.T @ dO
    dP = dO @ V.T
    dS = P * (dP - (P * dP).sum(1, keepdims=True))
    return P, P @ V, dP, dS, dS @ K / np.sqrt(d), dS.T @ Q / np.sqrt(d), dV


def fd(f, x, h=1e-6):
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        xp = x.copy(); xp[idx] += h
        xm = x.copy(); xm[idx] -= h
        g[idx] = (f(xp) - f(xm)) / (2 * h)
    return g


# ---------------------------------------------------------------- 01
def f01():
    Q = np.array([[1, 0], [0, 1], [1, 1.]])
    K = np.array([[1, 1], [0, 2], [1, 0.]])
    V = np.array([[1, 0], [0, 2], [1, 1.]])
    QK = Q @ K.T
    S = QK / R2
    P = softmax(S, 1)
    O = P @ V
    return [
        (r"Q = \begin{pmatrix} 1 & 0 \\ 0 & 1 \\ 1 & 1 \end{pmatrix},\qquad", lambda: Q.shape == (3, 2)),
        (r"QK^\top = \begin{pmatrix} 1 & 0 & 1", lambda: eq(QK, [[1, 0, 1], [1, 2, 0], [2, 2, 1]])),
        (r"With $\sqrt{d_k} = \sqrt 2 \approx 1.4142$", lambda: close(R2, 1.4142, 4)),
        (r"S = \frac{QK^\top}{\sqrt 2} \approx", lambda: close(S, [[.7071, 0, .7071], [.7071, 1.4142, 0], [1.4142, 1.4142, .7071]], 4)),
        (r"normaliser is $2.0281 + 1 + 2.0281 = 5.0562$", lambda: close(E(1 / R2), 2.0281, 4) and close(2 * E(1 / R2) + 1, 5.0562, 4) and close(P[0], [.4011, .1978, .4011], 4)),
        (r"$2.0281 + 4.1133 + 1 = 7.1414$", lambda: close(E(R2), 4.1133, 4) and close(E(1 / R2) + E(R2) + 1, 7.1414, 4)),
        (r"P = \operatorname{softmax}(S) \approx", lambda: close(P, [[.4011, .1978, .4011], [.2840, .5760, .1400], [.4011, .4011, .1978]], 4)),
        (r"($0.7071$), and softmax", lambda: np.allclose(np.sort(S[2]) - np.sort(S[0]), 1 / R2) and np.allclose(np.sort(P[2]), np.sort(P[0]))),
        (r"o_1 &= 0.4011", lambda: close(O[0], [.8022, .7967], 4)),
        (r"o_2 &= 0.2840", lambda: close(O[1], [.4240, 1.2920], 4)),
        (r"o_3 &= 0.4011", lambda: close(O[2], [.5989, 1.0000], 4)),
        (r"O = PV \approx", lambda: close(O, [[.8022, .7967], [.4240, 1.2920], [.5989, 1.0]], 4)),
        (r"(weight $0.576$)", lambda: close(P[1, 1], 0.576, 3) and np.argmax(QK[1]) == 1),
        (r"softmax}(2,2,1) \approx (0.4223, 0.4223, 0.1554)", lambda: close(softmax([2, 2, 1.]), [.4223, .4223, .1554], 4)),
    ]


# ---------------------------------------------------------------- 02
def f02():
    s = np.array([1, 2, 0.])
    p = softmax(s)
    Jtrue = np.diag(p) - np.outer(p, p)
    def jac_fd(x):
        J = np.zeros((len(x), len(x)))
        h = 1e-6
        for j in range(len(x)):
            xp = x.copy(); xp[j] += h
            xm = x.copy(); xm[j] -= h
            J[:, j] = (softmax(xp) - softmax(xm)) / (2 * h)
        return J
    x = rng.normal(size=4)
    Jx = jac_fd(x)
    px = softmax(x)
    Z = E(x).sum()
    quot = (np.eye(4) * E(x)[:, None] * Z - np.outer(E(x), E(x))) / Z ** 2
    claimed = np.eye(4) * px[:, None] + np.outer(px, px)
    return [
        (r"\partial Z/\partial s_j = e^{s_j}$", lambda: True),
        (r"= \frac{\delta_{ij}\, e^{s_i}\, Z - e^{s_i}\, e^{s_j}}{Z^2}", lambda: np.allclose(quot, Jx, atol=1e-6)),
        (r"\delta_{ij}\, p_i + p_i\, p_j .", lambda: np.allclose(claimed, Jx, atol=1e-6)),
        (r"J = \operatorname{diag}(p) + p\,p^\top", lambda: np.allclose(np.diag(px) + np.outer(px, px), Jx, atol=1e-6)),
        (r"Z = e + e^2 + 1 \approx", lambda: close(E(1), 2.7183, 4) and close(E(2), 7.3891, 4) and close(E(s).sum(), 11.1073, 4)),
        (r"p \approx (0{,}2447;", lambda: close(p, [.2447, .6652, .0900], 4)),
        (r"0{,}3046 & 0{,}1628 & 0{,}0220", lambda: close(Jtrue[0], [.3046, .1628, .0220], 4)),
        (r"0{,}1628 & 1{,}1078 & 0{,}0599", lambda: close(Jtrue[1], [.1628, 1.1078, .0599], 4)),
        (r"0{,}0220 & 0{,}0599 & 0{,}0981", lambda: close(Jtrue[2], [.0220, .0599, .0981], 4)),
        (r"= p_i \Big( g_i + \sum_j p_j g_j \Big)", lambda: np.allclose(Jx @ np.eye(4)[1], px * (np.eye(4)[1] + px[1]))),
        (r"erhält man $\sum_j p_j g_j = 0{,}2447$", lambda: close(p[0], .2447, 4)),
        (r"\approx (0{,}3046;\ 0{,}1628;\ 0{,}0220)", lambda: close(Jtrue @ np.array([1, 0, 0.]), [.3046, .1628, .0220], 4)),
    ]


# ---------------------------------------------------------------- 03
def f03():
    P = np.array([[.7, .3], [.4, .6]])
    V = np.array([[1, 2], [0, 1.]])
    dO = np.array([[1, 0], [2, -1.]])
    # random check of the index and matrix formulas
    Pr, Vr, Gr = rng.normal(size=(3, 3)), rng.normal(size=(3, 2)), rng.normal(size=(3, 2))
    dV_fd = fd(lambda v: np.sum(Gr * (Pr @ v)), Vr)
    dP_fd = fd(lambda p: np.sum(Gr * (p @ Vr)), Pr)
    dV_idx = np.array([[sum(Gr[i, c] * Pr[i, j] for i in range(3)) for c in range(2)] for j in range(3)])
    dP = dO @ V.T
    D = (P * dP).sum(1)
    dS = P * (dP - D[:, None])
    return [
        (r"\frac{\partial O_{ic}}{\partial V_{jc'}} = P_{ij}\,\delta_{cc'}", lambda: True),
        (r"dV_{jc} = \sum_i dO_{ic}\, P_{ij},", lambda: np.allclose(dV_idx, dV_fd, atol=1e-6)),
        (r"dV = P\, dO .", lambda: Pr.shape[0] == Pr.shape[1] and np.allclose(Pr @ Gr, dV_fd, atol=1e-6)),
        (r"\text{soit} \qquad dP = dO\, V^\top", lambda: np.allclose(Gr @ Vr.T, dP_fd, atol=1e-6)),
        (r"O = PV = \begin{pmatrix} 0{,}7 & 1{,}7", lambda: np.allclose(P @ V, [[.7, 1.7], [.4, 1.4]])),
        (r"= \begin{pmatrix} 1{,}3 & -0{,}3 \\ 1{,}6 & -0{,}6", lambda: np.allclose(P.T @ dO, [[1.3, -.3], [1.6, -.6]])),
        (r"= \begin{pmatrix} 1 & 0 \\ 0 & -1 \end{pmatrix}.", lambda: np.allclose(dP, [[1, 0], [0, -1]])),
        (r"Ici $D_1 = 0{,}7 \cdot 1 + 0{,}3 \cdot 0 = 0{,}7$", lambda: np.allclose(D, [.7, -.6])),
        (r"= \begin{pmatrix} 0{,}21 & -0{,}21 \\ 0{,}24 & -0{,}24", lambda: np.allclose(dS, [[.21, -.21], [.24, -.24]])),
        (r"$dQ = dS\,K/\sqrt{d_k}$ et $dK = dS^\top Q/\sqrt{d_k}$", lambda: _check_qk_grads()),
    ]


def _check_qk_grads():
    Q, K, V, G = (rng.normal(size=(3, 4)) for _ in range(4))
    _, _, _, _, dQ, dK, _ = sdpa_grads(Q, K, V, G)
    L = lambda q, k: np.sum(G * (softmax(q @ k.T / 2.0, 1) @ V))
    return np.allclose(dQ, fd(lambda q: L(q, K), Q), atol=1e-6) and np.allclose(dK, fd(lambda k: L(Q, k), K), atol=1e-6)


# ---------------------------------------------------------------- 04
def f04():
    d, h = 512, 8
    dk = d // h
    WQ = [np.zeros((d, dk)) for _ in range(h)]
    WO = np.zeros((h * dk, d))
    nqkv = 3 * sum(w.size for w in WQ)
    return [
        (r"Sea $d_k = 512/8 = 64$", lambda: dk == 64),
        (r"W_i^Q \in \mathbb{R}^{512 \times 64},\qquad", lambda: WQ[0].shape == (512, 64)),
        (r"= \mathbb{R}^{512 \times 512}.", lambda: WO.shape == (512, 512)),
        (r"con $Q_i = X W_i^Q \in \mathbb{R}^{n\times 64}$", lambda: (np.zeros((10, d)) @ WQ[0]).shape == (10, 64)),
        (r"3 \cdot 8 \cdot 512 \cdot 64 = 786\,432 = 3 \cdot 512^2", lambda: nqkv == 786432 == 3 * 512 ** 2),
        (r"Pesos de salida: $512 \cdot 512 = 262\,144$", lambda: WO.size == 262144),
        (r"786\,432 + 262\,144 = 1\,048\,576 = 4", lambda: nqkv + WO.size == 1048576 == 4 * d * d),
        (r"$4 \cdot 512 = 2048$", lambda: 4 * 512 == 2048),
        (r"= 1\,048\,576 + 2\,048 = 1\,050\,624", lambda: 4 * d * d + 4 * d == 1050624),
        (r"con $h = 16$ y $d_k = 32$ saldría lo mismo", lambda: 3 * 16 * 512 * 32 + 512 * 512 == 4 * d * d),
        (r"(B,\ h,\ n,\ n) = (32,\ 8,\ 128,\ 128)", lambda: (np.zeros((32, 8, 128, 64)) @ np.zeros((32, 8, 64, 128))).shape == (32, 8, 128, 128)),
        (r"32 \cdot 8 \cdot 128^2 = 256 \cdot 16\,384 = 4\,194\,304", lambda: 32 * 8 * 128 ** 2 == 256 * 16384 == 4194304),
        (r"$4\,194\,304 \cdot 4 = 16\,777\,216$ bytes $= 16$ MiB", lambda: 4194304 * 4 == 16777216 == 16 * 2 ** 20),
    ]


# ---------------------------------------------------------------- 05
def f05():
    QK = np.array([[2, 1, 3], [1, 3, -2], [0, 2, 4.]])
    M = np.triu(np.full((3, 3), -np.inf), 1)
    S = QK / 2 + M
    P = softmax(S, 1)
    V = np.array([[1, 0], [0, 1], [1, 1.]])
    O = P @ V
    return [
        (r"sobram $n(n+1)/2$ entradas livres; com $n = 3$ são $6$", lambda: int(np.isfinite(M).sum()) == 6 == 3 * 4 // 2),
        (r"S = \frac{QK^\top}{2} + M = \begin{pmatrix}", lambda: np.array_equal(S, [[1, -np.inf, -np.inf], [.5, 1.5, -np.inf], [0, 1, 2]])),
        (r"então $P_{1\cdot} = (1,\ 0,\ 0)$", lambda: np.allclose(P[0], [1, 0, 0])),
        (r"$e^{0,5} \approx 1{,}6487$", lambda: close(E(.5), 1.6487, 4) and close(E(1.5), 4.4817, 4) and close(E(.5) + E(1.5), 6.1304, 4)),
        (r"\approx (0{,}2689;\ 0{,}7311;\ 0).", lambda: close(P[1], [.2689, .7311, 0], 4)),
        (r"$e^2 \approx 7{,}3891$, soma $11{,}1073$", lambda: close([E(1), E(2), 1 + E(1) + E(2)], [2.7183, 7.3891, 11.1073], 4)),
        (r"P_{3\cdot} \approx (0{,}0900;\ 0{,}2447;\ 0{,}6652)", lambda: close(P[2], [.0900, .2447, .6652], 4)),
        (r"0{,}2689 & 0{,}7311 & 0 \\ 0{,}0900", lambda: close(P, [[1, 0, 0], [.2689, .7311, 0], [.09, .2447, .6652]], 4)),
        (r"o_1 &= (1,\ 0),", lambda: np.allclose(O[0], [1, 0])),
        (r"= (0{,}2689;\ 0{,}7311),", lambda: close(O[1], [.2689, .7311], 4)),
        (r"= (0{,}7553;\ 0{,}8100).", lambda: close(O[2], [.7553, .8100], 4)),
        (r"Note que $o_1$ é exatamente $v_1$", lambda: np.allclose(O[0], V[0])),
    ]


# ---------------------------------------------------------------- 06
def f06():
    s = np.array([1, -1.])
    H = np.array([[1, 0], [0, 1], [1, 1.]])
    W = np.diag([.5, .5])
    U = np.array([[1, -1], [0, 1.]])
    v = np.array([1, 2.])
    z = [W @ s + U @ hj for hj in H]
    t = [np.tanh(zj) for zj in z]
    e = np.array([v @ tj for tj in t])
    a = softmax(e)
    c = a @ H
    return [
        (r"Anzitutto $W_a s = (0{,}5;\ -0{,}5)^\top$", lambda: np.allclose(W @ s, [.5, -.5])),
        (r"U_a h_1 &= (1;\ 0)", lambda: np.allclose(U @ H[0], [1, 0]) and np.allclose(z[0], [1.5, -.5]) and close(t[0], [.9051, -.4621], 4)),
        (r"U_a h_2 &= (-1;\ 1)", lambda: np.allclose(U @ H[1], [-1, 1]) and np.allclose(z[1], [-.5, .5]) and close(t[1], [-.4621, .4621], 4)),
        (r"U_a h_3 &= (0;\ 1)", lambda: np.allclose(U @ H[2], [0, 1]) and np.allclose(z[2], [.5, .5]) and close(t[2], [.4621, .4621], 4)),
        (r"e_1 \approx 0{,}9051 - 0{,}9242 = -0{,}0191", lambda: close(e, [-.0191, .4621, 1.3864], 4) and close(2 * np.tanh(.5), .9242, 4)),
        (r"$e^{e_1} \approx 0{,}9811$", lambda: close(E(e), [.9811, 1.5874, 4.0002], 4) and close(E(e).sum(), 6.5688, 4)),
        (r"\alpha \approx (0{,}1494;\ 0{,}2417;\ 0{,}6090)", lambda: close(a, [.1494, .2417, .6090], 4)),
        (r"\approx (0{,}758;\ 0{,}851).", lambda: close(c, [.758, .851], 3) and np.allclose(c, [a[0] + a[2], a[1] + a[2]])),
        (r"= d_a(d_s + d_h + 1)$;", lambda: W.size + U.size + v.size == 2 * 5 == 2 * (2 + 2 + 1)),
        (r"\lVert v_a\rVert_1 = 3$", lambda: np.abs(v).sum() == 3 and np.all(np.abs(e) < 3)),
    ]


# ---------------------------------------------------------------- 07
def f07():
    n, d, h = 2048, 1024, 16
    dk = d // h
    mm = lambda m, k, p: 2 * m * k * p
    proj = 3 * mm(n, d, d)
    qk_head = mm(n, dk, n)
    pv = h * mm(n, n, dk)
    out = mm(n, d, d)
    total = proj + h * qk_head + pv + out
    return [
        (r"Размер головы $d_k = d_{\text{model}}/h = 1024/16 = 64$", lambda: dk == 64),
        (r"6 \cdot 2048 \cdot 1024^2 = 12\,884\,901\,888", lambda: proj == 12884901888 == 6 * 2048 * 1024 ** 2),
        (r"= n^2 d_k = 2048^2 \cdot 64 = 268\,435\,456", lambda: qk_head == 268435456),
        (r"16 \cdot 268\,435\,456 = 4\,294\,967\,296", lambda: h * qk_head == 4294967296),
        (r"порядка $5 \cdot 16 \cdot 2048^2 \approx 0{,}34$", lambda: close(5 * 16 * 2048 ** 2 / 1e9, .34, 2)),
        (r"2 \cdot 2048^2 \cdot 1024 = 8\,589\,934\,592", lambda: pv == 8589934592 == 2 * 2048 ** 2 * 1024),
        (r"$2\, n\, d_{\text{model}}^2 = 4\,294\,967\,296", lambda: out == 4294967296),
        (r"12{,}9 + 4{,}3 + 8{,}6 + 4{,}3 \approx 30{,}1", lambda: close(total / 1e9, 30.1, 1)),
        (r"16 \cdot 2048^2 \cdot 2 = 134\,217\,728", lambda: h * n * n * 2 == 134217728 == 128 * 2 ** 20),
        (r"$3 \cdot 2048 \cdot 1024 \cdot 2 = 12\,582\,912$", lambda: 3 * n * d * 2 == 12582912 == 12 * 2 ** 20),
        (r"При $n = 8192$ матрица $P$ вырастет в 16 раз, до 2 ГиБ", lambda: h * 8192 ** 2 * 2 == 16 * 134217728 == 2 * 2 ** 30),
    ]


# ---------------------------------------------------------------- 08
def f08():
    d = 64
    q = rng.normal(size=(400000, d)); k = rng.normal(size=(400000, d))
    dots = (q * k).sum(1)
    p8 = softmax([8, 0, -8.]); p1 = softmax([1, 0, -1.])
    return [
        (r"\operatorname{Var}(q_i k_i) = \mathbb{E}[q_i^2]\,\mathbb{E}[k_i^2] - 0^2 = 1", lambda: abs(np.var(q[:, 0] * k[:, 0]) - 1) < 0.02),
        (r"\operatorname{Var}(q \cdot k) = \sum_{i=1}^{d_k}", lambda: abs(np.mean(dots)) < 0.1 and abs(np.var(dots) / d - 1) < 0.02),
        (r"当 $d_k = 64$ 时,标准差为 $8$", lambda: np.sqrt(d) == 8),
        (r"= \frac{1}{d_k}\operatorname{Var}(q\cdot k) = 1", lambda: abs(np.var(dots / 8) - 1) < 0.02),
        (r"\operatorname{softmax}(8, 0, -8) \approx", lambda: close(p8, [.99966, .00034, .00000011], 5) and close(p8[2], 1.1e-7, 8)),
        (r"p_1(1 - p_1) \approx 0.99966", lambda: close(p8[0] * (1 - p8[0]), .00034, 5)),
        (r"\operatorname{softmax}(1, 0, -1) \approx (0.6652", lambda: close(p1, [.6652, .2447, .0900], 4) and close(p1[0] * (1 - p1[0]), .2227, 4) and close(1 - p1[0], .3348, 4)),
        (r"梯度大了约 $660$ 倍", lambda: abs(p1[0] * (1 - p1[0]) / (p8[0] * (1 - p8[0])) / 660 - 1) < 0.02),
        (r"后者会把方差压到 $1/d_k$", lambda: abs(np.var(dots / d) * d - 1) < 0.02),
    ]


# ---------------------------------------------------------------- 09
def f09():
    q = np.array([1, 2.]); K = np.array([[1, 0], [0, 1.]]); Vv = np.array([[2, 0], [0, 1.]]); g = np.array([1, 1.])
    def loss(q_, K_=K, V_=Vv):
        a_ = softmax(K_ @ q_ / R2)
        return g @ (a_ @ V_)
    s = K @ q / R2
    a = softmax(s)
    o = a @ Vv
    da = Vv @ g
    ds = a * (da - a @ da)
    dq = fd(loss, q)
    dK = fd(lambda k: loss(q, k), K.copy())
    dVv = fd(lambda v: loss(q, K, v), Vv.copy())
    return [
        (r"$q\cdot k_1 = 1$、$q \cdot k_2 = 2$ なので $s \approx (0.7071,\ 1.4142)$", lambda: close(s, [.7071, 1.4142], 4)),
        (r"\alpha \approx (0.3302,\ 0.6698).", lambda: close(a, [.3302, .6698], 4) and np.isclose(a[0], 1 / (1 + E(s[1] - s[0])))),
        (r"= (0.6605,\ 0.6698)$、損失は $L \approx 1.3302$", lambda: close(o, [.6605, .6698], 4) and close(g @ o, 1.3302, 4)),
        (r"\frac{\partial L}{\partial \alpha} = (2,\ 1).", lambda: np.allclose(da, [2, 1])),
        (r"\approx 0.3302\cdot 2 + 0.6698 \cdot 1 = 1.3302", lambda: close(a @ da, 1.3302, 4)),
        (r"\approx (0.2212,\ -0.2212).", lambda: close(ds, [.2212, -.2212], 4) and np.allclose(ds, fd(lambda ss: g @ (softmax(ss) @ Vv), s))),
        (r"\frac{\partial L}{\partial q} = \sum_j \frac{\partial L}{\partial s_j}\, k_j", lambda: np.allclose(ds @ K, dq, atol=1e-6)),
        (r"- 0.2212\,(0, 1) = (0.2212,\ -0.2212)", lambda: close(dq, [.2212, -.2212], 4)),
        (r"\frac{\partial L}{\partial k_1} \approx \frac{0.2212}{1.4142}", lambda: close(dK[0], [.1564, .3128], 4)),
        (r"\frac{\partial L}{\partial k_2} \approx (-0.1564,\ -0.3128)", lambda: close(dK[1], [-.1564, -.3128], 4)),
        (r"\partial L/\partial v_1 \approx (0.3302,\ 0.3302)", lambda: close(dVv[0], [.3302, .3302], 4)),
        (r"$\partial L/\partial v_2 \approx (0.6698,\ 0.6698)$", lambda: close(dVv[1], [.6698, .6698], 4)),
        (r"$dQ = dS\,K$、$dV = P^\top dO$", lambda: np.allclose(ds @ K, dq, atol=1e-6)),
    ]


# ---------------------------------------------------------------- 10
def f10():
    B, n, d, h = 2, 5, 768, 12
    dh = d // h
    X = np.zeros((B, n, d))
    Q = X @ np.zeros((d, d))
    Qh = Q.reshape(B, n, h, dh).transpose(0, 2, 1, 3)
    S = Qh @ Qh.transpose(0, 1, 3, 2)
    O = S @ Qh
    merged = O.transpose(0, 2, 1, 3).reshape(B, n, d)
    gqa = d * d + 2 * d * (4 * dh) + d * d
    mask = np.tril(np.ones((1024, 1024)))
    return [
        (r"따라서 헤드 하나의 차원은 $d_h = 768 / 12 = 64$", lambda: dh == 64),
        (r"이므로 $Q$는 $(B, n, 768)$", lambda: Q.shape == (B, n, 768)),
        (r"`view`로 $(B, n, 12, 64)$", lambda: Qh.shape == (B, 12, n, 64)),
        (r"(B, 12, n, 64) \times (B, 12, 64, n) \to (B, 12, n, n)", lambda: S.shape == (B, 12, n, n)),
        (r"$PV$: $(B, 12, n, n) \times (B, 12, n, 64) \to (B, 12, n, 64)$", lambda: O.shape == (B, 12, n, 64)),
        (r"`reshape`하면 $(B, n, 768)$", lambda: merged.shape == (B, n, 768)),
        (r"$768 \cdot 768 + 768 = 590\,592$", lambda: d * d + d == 590592),
        (r"4 \times 590\,592 = 2\,362\,368", lambda: 4 * 590592 == 2362368),
        (r"LayerNorm은 따로 $2 \cdot 768$개", lambda: True),
        (r"= 589\,824 + 196\,608 + 196\,608 + 589\,824 = 1\,572\,864", lambda: d * d == 589824 and d * 4 * dh == 196608 and gqa == 1572864),
        (r"MHA의 $4 \cdot 768^2 = 2\,359\,296$과", lambda: 4 * d * d == 2359296 and close(1 - gqa / (4 * d * d), .33, 2) and 12 // 4 == 3),
        (r"볼 수 있는 키의 개수는 $i - 1$개이고", lambda: all(mask[i - 1].sum() == i - 1 for i in (1, 2, 7))),
        (r"\sum_{i=1}^{n} (i - 1) = \frac{n(n-1)}{2}.", lambda: mask.sum() == 1024 * 1023 / 2),
        (r"\dfrac{1024 \cdot 1023}{2} = 523\,776", lambda: mask.sum() == 523776),
    ]


# ---------------------------------------------------------------- 11
def f11():
    ds = dh = 512; da = 256; nq = nk = 50
    W1 = np.zeros((da, ds)); W2 = np.zeros((da, dh)); v = np.zeros(da); Wg = np.zeros((ds, dh))
    add = nq * da * ds + nk * da * dh + nq * nk * da
    dot = nq * nk * dh
    return [
        (r"512 \cdot 512 = 262\,144 \ \text{parametrów}", lambda: Wg.size == 262144),
        (r"= 256 \cdot (512 + 512 + 1) = 256 \cdot 1025 = 262\,400", lambda: W1.size + W2.size + v.size == 262400 == 256 * 1025),
        (r"n_q n_k d_h = 50 \cdot 50 \cdot 512 = 1\,280\,000", lambda: dot == 1280000),
        (r"50 \cdot 512 \cdot 512 + 1\,280\,000 = 13\,107\,200 + 1\,280\,000 = 14\,387\,200", lambda: 50 * 512 * 512 == 13107200 and 13107200 + dot == 14387200),
        (r"= 6\,553\,600 + 6\,553\,600 + 640\,000 = 13\,747\,200", lambda: nq * da * ds == 6553600 and nq * nk * da == 640000 and add == 13747200),
        (r"$n_q n_k d_a = 640\,000$ wywołań", lambda: nq * nk * da == 640000),
        (r"\frac{13\,747\,200}{1\,280\,000} \approx 10{,}74", lambda: close(add / dot, 10.74, 2)),
        (r"= 2500 \cdot 256 \cdot 1024 = 655\,360\,000", lambda: nq * nk * da * (ds + dh) == 655360000 == 2500 * 256 * 1024),
        (r"czyli około $48$ razy więcej", lambda: abs(655360000 / add - 48) < 0.5),
    ]


# ---------------------------------------------------------------- 12
def f12():
    S = np.array([[.3, .9], [1.2, .2]])
    Sm = S.copy(); Sm[0, 1] = -np.inf
    P = softmax(Sm, 1)
    V = np.array([[2, 1], [0, 3.]]); dO = np.array([[1, 2], [3, -1.]])
    O = P @ V
    dP = dO @ V.T
    D = (P * dP).sum(1)
    dS = P * (dP - D[:, None])
    def L(s):
        s = s.copy(); s[0, 1] = -np.inf
        return np.sum(dO * (softmax(s, 1) @ V))
    dS_fd = fd(L, S.copy())
    dV = P.T @ dO
    return [
        (r"\sigma(S_{21} - S_{22}) = \sigma(1{,}0)$", lambda: np.isclose(P[1, 0], 1 / (1 + E(-(S[1, 0] - S[1, 1]))))),
        (r"P = \begin{pmatrix} 1 & 0 \\ 0{,}7311 & 0{,}2689", lambda: close(P, [[1, 0], [.7311, .2689]], 4)),
        (r"\approx \begin{pmatrix} 2 & 1 \\ 1{,}4621 & 1{,}5379", lambda: close(O, [[2, 1], [1.4621, 1.5379]], 4)),
        (r"= \begin{pmatrix} 4 & 6 \\ 5 & -3 \end{pmatrix}.", lambda: np.allclose(dP, [[4, 6], [5, -3]])),
        (r"D_1 = 1 \cdot 4 + 0 \cdot 6 = 4", lambda: np.isclose(D[0], 4) and close(D[1], 2.8485, 4)),
        (r"\approx \begin{pmatrix} 0 & 0 \\ 1{,}5729 & -1{,}5729", lambda: close(dS, [[0, 0], [1.5729, -1.5729]], 4) and np.allclose(dS, dS_fd, atol=1e-6)),
        (r"1. $dS_{12} = 0$ omdat $P_{12} = 0$", lambda: dS_fd[0, 1] == 0 or abs(dS_fd[0, 1]) < 1e-9),
        (r"Ook $dS_{11} = 0$", lambda: abs(dS_fd[0, 0]) < 1e-9),
        (r"De tweede rij van $dS$ telt op tot nul", lambda: abs(dS[1].sum()) < 1e-12),
        (r"dV = P^\top dO \approx", lambda: close(dV, [[3.1932, 1.2689], [.8068, -.2689]], 4)),
    ]


# ---------------------------------------------------------------- 13
def f13():
    s = np.array([1, 3, 2, 4.]); v = np.array([1, 2, -1, 3.])
    x = rng.normal(size=5); c = rng.normal()
    m = 3; l1 = E(1 - 3) + E(0); a1 = E(-2) * 1 + 2
    mp = 4
    lt = l1 * E(m - mp) + E(2 - 4) + E(0)
    at = a1 * E(m - mp) + E(-2) * (-1) + 3
    # the stated rule, applied in general, must reproduce the true normaliser
    def rule_l(lo, mo, blk):
        mn = max(mo, blk.max())
        return lo * E(mn - mo) + E(blk - mn).sum(), mn
    lrule, mn = rule_l(l1, 3, s[2:])
    return [
        (r"= \frac{e^{x_i - c}}{\sum_j e^{x_j - c}} .", lambda: np.allclose(softmax(x), E(x - c) / E(x - c).sum())),
        (r"còn $e^{1000 - 1000} = 1$", lambda: 1000 > np.log(np.finfo(np.float32).max) and np.exp(1000.0 - 1000.0) == 1),
        (r"\ell' = \ell\, e^{m' - m} + \sum", lambda: np.isclose(lrule, E(s - mn).sum())),
        (r"a' = a\, e^{m' - m} + \sum", lambda: np.isclose(a1 * E(mp - m) + E(s[2:] - mp) @ v[2:], E(s - mp) @ v)),
        (r"\ell = e^{1-3} + e^{0} \approx 0{,}1353 + 1 = 1{,}1353", lambda: close(E(-2), .1353, 4) and close(l1, 1.1353, 4) and close(a1, 2.1353, 4)),
        (r"hệ số hiệu chỉnh là $e^{m'-m} = e^{1} \approx 2{,}7183$", lambda: close(E(m - mp), 2.7183, 4)),
        (r"= 4{,}2215,", lambda: close(lt, 4.2215, 4)),
        (r"= 8{,}6691 .", lambda: close(at, 8.6691, 4)),
        (r"\approx \frac{8{,}6691}{4{,}2215} \approx 2{,}0536", lambda: close(softmax(s) @ v, 2.0536, 4)),
    ]


# ---------------------------------------------------------------- 14
def f14():
    L, h, dh, n, b = 32, 32, 128, 4096, 2
    KiB, MiB, GiB = 2 ** 10, 2 ** 20, 2 ** 30
    per_tok_layer = 2 * h * dh
    seq = L * per_tok_layer * b * n
    return [
        (r"$d_{\text{model}} = 32 \cdot 128 = 4096$", lambda: h * dh == 4096),
        (r"32 \cdot 4096^2 \cdot 2 = 32 \cdot 16\,777\,216 \cdot 2 = 1\,073\,741\,824", lambda: 4096 ** 2 == 16777216 and h * n * n * b == 1073741824 == GiB),
        (r"iki katına çıkarsa $4$ GiB olur", lambda: h * (2 * n) ** 2 * b == 4 * GiB),
        (r"h \cdot d_h = 2 \cdot 32 \cdot 128 = 8192", lambda: per_tok_layer == 8192),
        (r"yani $8192 \cdot 2 = 16\,384$ bayt $= 16$ KiB", lambda: 8192 * 2 == 16384 == 16 * KiB),
        (r"32 \cdot 16 \text{ KiB} = 512 \text{ KiB}", lambda: L * 16 * KiB == 512 * KiB),
        (r"4096 \cdot 512 \text{ KiB} = 2\,097\,152 \text{ KiB} = 2 \text{ GiB}", lambda: 4096 * 512 == 2097152 and seq == 2 * GiB),
        (r"KV önbelleği tek başına $16$ GiB tutar", lambda: 8 * seq == 16 * GiB and 16 * GiB > 14e9),
        (r"2 \text{ GiB} \cdot 8/32 = 512$ MiB", lambda: seq * 8 // 32 == 512 * MiB),
        (r"2 \text{ GiB}/32 = 64$ MiB", lambda: seq // 32 == 64 * MiB),
        (r"$32 \cdot 4096 = 131\,072$ eleman", lambda: h * 1 * n == 131072 and 131072 * 2 == 262144 == 256 * KiB),
    ]


# ---------------------------------------------------------------- 15
def f15():
    S = np.array([[0, np.log(3)], [np.log(2), 0]])
    P = softmax(S, 1)
    V = np.array([[1, 0], [1, 2.]]); dO = np.array([[2, 1], [0, 3.]])
    O = P @ V
    dP = dO @ V.T
    D = (P * dP).sum(1)
    dS = P * (dP - D[:, None])
    Pr = softmax(rng.normal(size=(3, 3)), 1); Gr = rng.normal(size=(3, 3))
    def Lr(s):
        return np.sum(Gr * softmax(s, 1))
    Sr = np.log(Pr)
    dSr_fd = fd(Lr, Sr)
    return [
        (r"V prvním řádku $e^0 = 1$, $e^{\ln 3} = 3$", lambda: True),
        (r"P = \begin{pmatrix} \tfrac14 & \tfrac34", lambda: np.allclose(P, [[.25, .75], [2 / 3, 1 / 3]])),
        (r"= \begin{pmatrix} 1 & 1{,}5 \\ 1 & 0{,}6667", lambda: close(O, [[1, 1.5], [1, .6667]], 4)),
        (r"\begin{pmatrix} 1 & 1 \\ 0 & 2 \end{pmatrix}", lambda: np.allclose(V.T, [[1, 1], [0, 2]])),
        (r"= \begin{pmatrix} 2 & 4 \\ 0 & 6 \end{pmatrix}.", lambda: np.allclose(dP, [[2, 4], [0, 6]])),
        (r"D_i = \sum_{k} P_{ik}\, dP_{ik} .", lambda: np.allclose(Pr * (Gr - (Pr * Gr).sum(1, keepdims=True)), dSr_fd, atol=1e-6)),
        (r"D_1 = P_{11}\, dP_{11} + P_{21}\, dP_{21}", lambda: np.isclose(D[0], .5)),
        (r"= \begin{pmatrix} 0{,}375 & 2{,}625", lambda: close(dS, [[.375, 2.625], [-3.3333, .3333]], 4)),
        (r"jako $D_i = \sum_c dO_{ic}\, O_{ic}$", lambda: np.allclose((dO * O).sum(1), D)),
    ]


# ---------------------------------------------------------------- 16
def f16():
    Qr, Kr = rng.normal(size=(3, 4)), rng.normal(size=(3, 4)); Vr, Gr = rng.normal(size=(3, 2)), rng.normal(size=(3, 2))
    Lr = lambda q, k, v: np.sum(Gr * (softmax(q @ k.T / 2.0, 1) @ v))
    P_, O_, dP_, dS_, dQ_, dK_, dV_ = sdpa_grads(Qr, Kr, Vr, Gr)
    Sr = Qr @ Kr.T / 2.0
    dS_fd = fd(lambda s: np.sum(Gr * (softmax(s, 1) @ Vr)), Sr)
    dP_fd = fd(lambda p: np.sum(Gr * (p @ Vr)), P_)
    Q = np.array([[1.], [2.]]); K = np.array([[1.], [-1.]]); V = np.array([[1.], [3.]]); dO = np.ones((2, 1))
    P, O, dP, dS, dQ, dK, dV = sdpa_grads(Q, K, V, dO)
    sig = lambda x: 1 / (1 + E(-x))
    return [
        (r"dV_{jc} = \sum_i P_{ij}\, dO_{ic} \;\Longrightarrow\; dV = P^\top dO", lambda: np.allclose(dV_, fd(lambda v: Lr(Qr, Kr, v), Vr), atol=1e-6) and np.allclose(dP_, dP_fd, atol=1e-6)),
        (r"dS_{ij} = P_{ij}\Big(dP_{ij} - \sum_k P_{ik}\, dP_{ik}\Big).", lambda: np.allclose(dS_, dS_fd, atol=1e-6)),
        (r"dQ_{ac} = \frac{1}{\sqrt{d_k}} \sum_j dS_{aj} K_{jc}, \qquad", lambda: np.allclose(dQ_, fd(lambda q: Lr(q, Kr, Vr), Qr), atol=1e-6) and np.allclose(dK_, fd(lambda k: Lr(Qr, k, Vr), Kr), atol=1e-6)),
        (r"dQ = \frac{dS\, K}{\sqrt{d_k}}, \qquad dK = \frac{dS^\top Q}{\sqrt{d_k}} .", lambda: np.allclose(dQ_, dS_ @ Kr / 2.0) and np.allclose(dK_, dS_.T @ Qr / 2.0)),
        (r"Shapes check out: $dS\,K$ is", lambda: (dS_ @ Kr).shape == (3, 4) and (dS_.T @ Qr).shape == (3, 4)),
        (r"Then $S = \begin{pmatrix} 1 & -1 \\ 2 & -2\end{pmatrix}$", lambda: np.allclose(Q @ K.T, [[1, -1], [2, -2]])),
        (r"P \approx \begin{pmatrix} 0.8808 & 0.1192", lambda: close(P, [[.8808, .1192], [.9820, .0180]], 4) and close(O.ravel(), [1.2384, 1.0360], 4)),
        (r"the row sums $\sum_k P_{ik} dP_{ik}$ are just $O_i$", lambda: np.allclose(dP, [[1, 3], [1, 3]]) and np.allclose((P * dP).sum(1), O.ravel())),
        (r"dS \approx \begin{pmatrix} -0.2100 & 0.2100", lambda: close(dS, [[-.21, .21], [-.0353, .0353]], 4)),
        (r"dQ = dS\,K \approx", lambda: close(dQ.ravel(), [-.42, -.0707], 4)),
        (r"dK = dS^\top Q \approx", lambda: close(dK.ravel(), [-.2806, .2806], 4) and np.allclose(dK, fd(lambda k: np.sum(softmax(Q @ k.T, 1) @ V), K.copy()), atol=1e-6)),
        (r"= 1 + 2\,\sigma(-2Q_1)$, so", lambda: all(np.isclose((E(t) + 3 * E(-t)) / (E(t) + E(-t)), 1 + 2 * sig(-2 * t)) for t in (0.3, 1.0, -2.0))),
        (r"\approx -4 \cdot 0.1192 \cdot 0.8808 \approx -0.4200", lambda: close(-4 * sig(-2) * sig(2), -.42, 4) and close(fd(lambda q: np.sum(softmax(q @ K.T, 1) @ V), Q.copy())[0, 0], -.42, 4)),
        (r"dV = P^\top dO \approx (1.8628,\ 0.1372)^\top", lambda: close(dV.ravel(), [1.8628, .1372], 4)),
    ]


FILES = {
    "01_sdpa_forward_en.md": f01,
    "02_softmax_jacobian_de.md": f02,
    "03_backward_pv_fr.md": f03,
    "04_mha_parametros_es.md": f04,
    "05_mascara_causal_pt.md": f05,
    "06_attenzione_additiva_it.md": f06,
    "07_flops_pamyat_ru.md": f07,
    "08_suofang_yinzi_zh.md": f08,
    "09_gyakudenpa_ja.md": f09,
    "10_mha_hyeongtae_ko.md": f10,
    "11_uwaga_addytywna_pl.md": f11,
    "12_causaal_masker_gradient_nl.md": f12,
    "13_softmax_truc_tuyen_vi.md": f13,
    "14_kv_onbellek_tr.md": f14,
    "15_zpetny_pruchod_cs.md": f15,
    "16_sdpa_gradients_en.md": f16,
}


def line_of(lines, sub):
    hits = [i + 1 for i, ln in enumerate(lines) if sub in ln]
    assert len(hits) == 1, f"substring {sub!r} found {len(hits)} times"
    return hits[0]


def main():
    expected = json.load(open(os.path.join(HERE, "expected.json"), encoding="utf-8"))
    mds = sorted(f for f in os.listdir(HERE) if f.endswith(".md"))
    assert mds == sorted(FILES) == sorted(expected), "file set mismatch"
    n_null = sum(v is None for v in expected.values())
    assert n_null == 8, f"{n_null} correct files, want 8"
    bad = 0
    for name in sorted(FILES):
        lines = open(os.path.join(HERE, name), encoding="utf-8").read().split("\n")
        if lines and lines[-1] == "":
            lines = lines[:-1]
        assert lines[0].startswith("<!-- style:") and lines[0].endswith("-->")
        assert 30 <= len(lines) <= 80, f"{name}: {len(lines)} lines"
        claims = sorted(((line_of(lines, sub), sub, fn) for sub, fn in FILES[name]()), key=lambda t: t[0])
        first = None
        for ln, sub, fn in claims:
            if not fn():
                first = ln
                break
        ok = first == expected[name]
        bad += not ok
        print(f"{'OK ' if ok else 'BAD'} {name}: first failing line {first}, expected {expected[name]}")
    if bad:
        sys.exit(1)


if __name__ == "__main__":
    main()
