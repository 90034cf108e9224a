"""Independent truth checks for the MoE derivation corpus (NumPy only)."""
import json
import math
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def val(s):
    return float(s.replace(",", ".").replace(" ", ""))


def c(claimed, true):
    """claimed (string as printed) agrees with true value to one unit of its last digit."""
    s = claimed.replace(",", ".").replace(" ", "")
    dec = len(s.split(".")[1]) if "." in s else 0
    return abs(float(s) - true) <= 1.0001 * 10 ** (-dec) + 1e-12


def call(claimed_list, true_arr):
    true_arr = np.ravel(np.asarray(true_arr, dtype=float))
    return len(claimed_list) == len(true_arr) and all(c(a, b) for a, b in zip(claimed_list, true_arr))


def softmax(h, axis=-1):
    h = np.asarray(h, dtype=float)
    e = np.exp(h - h.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def lse(h):
    h = np.asarray(h, dtype=float)
    m = h.max()
    return m + math.log(np.exp(h - m).sum())


def fd_grad(f, x, eps=1e-6):
    x = np.asarray(x, dtype=float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[idx] = eps
        g[idx] = (f(x + e) - f(x - e)) / (2 * eps)
    return g


def fd_jac(f, x, eps=1e-6):
    x = np.asarray(x, dtype=float)
    cols = []
    for j in range(x.size):
        e = np.zeros_like(x)
        e[j] = eps
        cols.append((f(x + e) - f(x - e)) / (2 * eps))
    return np.stack(cols, axis=-1)


def Phi(z):
    return 0.5 * (1 + math.erf(z / math.sqrt(2)))


rng = np.random.default_rng(0)

CHECKS = {}

# ---------------------------------------------------------------- 01 (de)
def f01():
    h = np.array([1.0, 0.5, -0.5])
    g = softmax(h)
    J = np.diag(g) - np.outer(g, g)
    u = np.array([1.0, -2.0, 0.5])
    x = np.array([2.0, -1.0])
    delta = J @ u
    # symbolic identities at random points
    def jac_ok():
        hh = rng.normal(size=4)
        gg = softmax(hh)
        Jn = fd_jac(softmax, hh)
        return np.allclose(Jn, np.diag(gg) - np.outer(gg, gg), atol=1e-7)
    def diag_ok():
        hh = rng.normal(size=4); gg = softmax(hh); Jn = fd_jac(softmax, hh)
        return np.allclose(np.diag(Jn), gg * (1 - gg), atol=1e-7)
    def off_ok():
        hh = rng.normal(size=4); gg = softmax(hh); Jn = fd_jac(softmax, hh)
        return abs(Jn[0, 2] + gg[0] * gg[2]) < 1e-7
    def backprop_ok():
        hh = rng.normal(size=4); uu = rng.normal(size=4)
        gn = fd_grad(lambda v: uu @ softmax(v), hh)
        gg = softmax(hh)
        return np.allclose(gn, gg * (uu - gg @ uu), atol=1e-7)
    def W_ok():
        W = rng.normal(size=(3, 2)); xx = rng.normal(size=2); uu = rng.normal(size=3)
        gn = fd_grad(lambda M: uu @ softmax(M @ xx), W)
        gg = softmax(W @ xx); d = gg * (uu - gg @ uu)
        return np.allclose(gn, np.outer(d, xx), atol=1e-7) and gn.shape == W.shape
    e = np.exp(h)
    return [
        ("g_i - g_i^2 = g_i(1-g_i)", diag_ok),
        ("= -g_i g_j .$$", off_ok),
        ("J = \\frac{\\partial g}{\\partial h} = \\operatorname{diag}(g) - g g^\\top", jac_ok),
        ("$J^\\top = J$", lambda: np.allclose(J, J.T)),
        ("die Zeilensummen verschwinden", lambda: np.allclose(J @ np.ones(3), 0)),
        ("ändert $g$ nicht", lambda: np.allclose(softmax(h + 3.7), softmax(h))),
        ("e^{h} \\approx (2{,}7183", lambda: call(["2,7183", "1,6487", "0,6065"], e) and c("4,9735", e.sum())),
        ("g \\approx (0{,}5465", lambda: call(["0,5465", "0,3315", "0,1220"], g)),
        ("J \\approx \\begin{pmatrix} 0{,}2478", lambda: call(
            ["0,2478", "-0,1812", "-0,0667", "-0,1812", "0,2216", "-0,0404", "-0,0667", "-0,0404", "0,1071"], J)),
        ("= -0{,}0001 \\approx 0", lambda: abs(0.2478 - 0.1812 - 0.0667 - (-0.0001)) < 1e-9),
        ("= g_j\\Big(u_j - \\sum_i g_i u_i\\Big)", backprop_ok),
        ("$g^\\top u \\approx", lambda: c("-0,0555", g @ u) and abs(0.5465 - 0.6630 + 0.0610 + 0.0555) < 1e-9
         and c("0,6630", 2 * g[1]) and c("0,0610", 0.5 * g[2])),
        ("0{,}5465 \\cdot 1{,}0555", lambda: c("1,0555", 1 - g @ u) and c("-1,9445", -2 - g @ u) and c("0,5555", 0.5 - g @ u)
         and call(["0,5769", "-0,6446", "0,0677"], delta)),
        ("Man beachte $\\sum_j \\delta_j \\approx 0$", lambda: abs(delta.sum()) < 1e-9),
        ("$\\partial L/\\partial W = \\delta\\, x^\\top", W_ok),
        ("\\frac{\\partial L}{\\partial W} \\approx \\begin{pmatrix} 1{,}1537", lambda: call(
            ["1,1537", "-0,5769", "-1,2892", "0,6446", "0,1355", "-0,0677"], np.outer(delta, x))),
        ("Die Form $3 \\times 2$", lambda: np.outer(delta, x).shape == (3, 2)),
    ]
CHECKS["01_softmax_gate_jacobian_de.md"] = f01

# ---------------------------------------------------------------- 02 (fr)
def f02():
    h = np.array([2.1, 0.3, 1.4, -0.8]); e = np.exp(h); p = e / e.sum()
    gt = np.array([p[0], p[2]]) / (p[0] + p[2])
    E1 = np.array([1.0, -2.0, 0.5]); E3 = np.array([0.4, 1.0, -1.5])
    y = gt[0] * E1 + gt[1] * E3
    return [
        ("e^{h} \\approx (8{,}1662", lambda: call(["8,1662", "1,3499", "4,0552", "0,4493"], e) and c("14,0206", e.sum())),
        ("p = \\operatorname{softmax}(h) \\approx", lambda: call(["0,5824", "0,0963", "0,2892", "0,0320"], p)),
        ("= 0{,}9999 \\approx 1", lambda: abs(0.5824 + 0.0963 + 0.2892 + 0.0320 - 0.9999) < 1e-9),
        ("donc $\\mathcal{S} = \\{1, 3\\}$", lambda: set(np.argsort(-p)[:2]) == {0, 2}),
        ("écartée $1 - 0{,}8716", lambda: c("0,8716", p[0] + p[2]) and abs(1 - 0.8716 - 0.1284) < 1e-9),
        ("= \\frac{e^{h_i}}{\\sum_{j\\in\\mathcal{S}} e^{h_j}}", lambda: np.isclose(p[0] / (p[0] + p[2]), e[0] / (e[0] + e[2]))),
        ("\\approx \\frac{1}{1{,}4966}", lambda: c("1,4966", 1 + math.exp(-0.7)) and c("0,6682", gt[0])
         and np.isclose(1 / (1 + math.exp(-(h[0] - h[2]))), gt[0])),
        ("\\tilde g_3 = 1 - \\tilde g_1", lambda: c("0,3318", gt[1]) and c("0,6682", 0.5824 / 0.8716)),
        ("y \\approx 0{,}6682 \\cdot (", lambda: np.allclose(0.6682 * np.array([0.4, 1.0, -1.5]) + 0.3318 * np.array([1.0, -2.0, 0.5]), y, atol=2e-4)),
        ("y \\approx (0{,}2673", lambda: call(["0,5991", "0,0046", "-0,8364"], y)),
        ("soit la moitié du coût", lambda: 2 / 4 == 0.5),
    ]
CHECKS["02_routage_top2_fr.md"] = f02

# ---------------------------------------------------------------- 03 (en)
def f03():
    f = np.array([3, 2, 2, 1]) / 8; P = np.array([0.35, 0.25, 0.22, 0.18]); N = 4; a = 0.01
    fp = f * P
    def grad_ok():
        gn = fd_grad(lambda PP: a * N * f @ PP, P)
        return np.allclose(gn, a * N * f)
    return [
        ("N \\cdot N \\cdot \\frac{1}{N^2} = 1", lambda: all(np.isclose(n * (np.full(n, 1 / n) @ np.full(n, 1 / n)), 1) for n in (2, 5, 64))),
        ("= (0.375,\\ 0.25,\\ 0.25,\\ 0.125)", lambda: call(["0.375", "0.25", "0.25", "0.125"], f)),
        ("(they add to $1$", lambda: np.isclose(P.sum(), 1)),
        ("= 0.13125 + 0.0625", lambda: call(["0.13125", "0.0625", "0.055", "0.0225"], fp) and c("0.27125", fp.sum())),
        ("4 \\times 0.27125 = 1.085", lambda: c("1.085", N * fp.sum())),
        ("0.01 \\times 1.085 = 0.01085", lambda: c("0.01085", a * N * fp.sum())),
        ("= \\alpha N f_i .$$", grad_ok),
        ("In our batch that is", lambda: call(["0.015", "0.01", "0.01", "0.005"], a * N * f)),
        ("here $0.015/8 = 0.001875$", lambda: c("0.001875", a * N * f[0] / 8)),
        ("in the worst case", lambda: np.isclose(N * np.eye(N)[0] @ np.eye(N)[0], N)),
    ]
CHECKS["03_switch_load_balancing_en.md"] = f03

# ---------------------------------------------------------------- 04 (es)
def f04():
    T, N, a = 4, 3, 0.01
    f = np.array([0.5, 0.25, 0.25]); pt = np.array([0.5, 0.3, 0.2])
    rest = rng.random((T - 1, N)); rest /= rest.sum(1, keepdims=True)
    def L_of_p(p):
        P = (p + rest.sum(0)) / T
        return a * N * f @ P
    def L_of_h(h):
        return L_of_p(softmax(h))
    ht = np.log(pt)
    g_true = fd_grad(L_of_h, ht)
    fbar = f @ pt
    return [
        ("\\frac{\\partial P_i}{\\partial p_{t,i}} = \\frac{1}{T}", lambda: np.isclose(fd_grad(lambda p: (p + rest.sum(0))[0] / T, pt)[0], 1 / T)),
        ("\\frac{\\partial \\mathcal{L}}{\\partial p_{t,i}} = \\alpha N f_i", lambda: np.allclose(fd_grad(L_of_p, pt), a * N * f)),
        ("= \\sum_{i=1}^{N} \\alpha N f_i\\, p_{t,i}", lambda: np.allclose(g_true, a * N * pt * (f - fbar))),
        ("= \\alpha N(\\bar f_t - \\bar f_t) = 0", lambda: abs(g_true.sum()) < 1e-10),
        ("\\bar f_t = 0{,}5\\cdot 0{,}5", lambda: c("0,375", fbar) and call(["0,25", "0,075", "0,05"], f * pt)),
        ("Factor común: $\\alpha N", lambda: np.isclose(a * N / T, 0.03)),
        ("= 0{,}03 \\begin{pmatrix}", lambda: call(["0,001875", "-0,001125", "-0,00075"], g_true)),
    ]
CHECKS["04_gradiente_aux_logits_es.md"] = f04

# ---------------------------------------------------------------- 05 (pt)
def f05():
    return [
        ("T = 8 \\cdot 512 = 4096", lambda: 8 * 512 == 4096),
        ("= 64 \\cdot 1{,}25 = 80", lambda: math.ceil(1 * 4096 / 64 * 1.25) == 80 and 4096 / 64 == 64),
        ("C = 128 \\cdot 1{,}25 = 160", lambda: 2 * 4096 / 64 == 128 and math.ceil(2 * 4096 / 64 * 1.25) == 160),
        ("64 \\cdot 80 \\cdot 1024 = 5\\,242\\,880", lambda: np.zeros((64, 80, 1024), dtype=np.float16).size == 5242880),
        ("$10\\,485\\,760$ bytes", lambda: np.zeros((64, 80, 1024), dtype=np.float16).nbytes == 10485760 and 10485760 == 10 * 2 ** 20),
        ("Então $C = 12/3 = 4$", lambda: math.ceil(12 / 3 * 1.0) == 4),
        ("\\min(6, 4) = 4$ e descarta $2$", lambda: min(6, 4) == 4 and 6 - 4 == 2),
        ("Total processado", lambda: sum(min(n, 4) for n in (6, 4, 2)) == 10 and c("16,7", 100 * 2 / 12)),
        ("o buffer tem $E\\cdot C = 12$", lambda: 3 * 4 == 12 and 12 - 10 == 2),
        ("Aumentando para $c = 1{,}5$", lambda: math.ceil(12 / 3 * 1.5) == 6 and sum(max(n - 6, 0) for n in (6, 4, 2)) == 0),
        ("$3 \\cdot 6 = 18$", lambda: 3 * 6 == 18 and c("33,3", 100 * 6 / 18)),
    ]
CHECKS["05_fator_capacidade_pt.md"] = f05

# ---------------------------------------------------------------- 06 (it)
def f06():
    d, dff, E, k = 512, 2048, 16, 2
    shapes = [(dff, d), (dff,), (d, dff), (d,)]
    pe = sum(np.zeros(s).size for s in shapes)
    router = np.zeros((E, d)).size
    moe = E * pe + router
    act = k * pe + router
    n_moe = len(range(1, 12, 2))
    n_dense = 12 - n_moe
    return [
        ("= 2\\,d\\,d_{ff} + d_{ff} + d .$$", lambda: pe == 2 * d * dff + dff + d),
        ("P_{\\text{MoE}} = E\\,(2\\,d\\,d_{ff}", lambda: moe == E * (2 * d * dff + dff + d) + E * d),
        ("= 2\\,097\\,152 + 2\\,560 = 2\\,099\\,712", lambda: 2 * 512 * 2048 == 2097152 and 2048 + 512 == 2560 and pe == 2099712),
        ("I sedici esperti contano", lambda: E * pe == 33595392 and router == 8192),
        ("= 33\\,595\\,392 + 8\\,192 = 33\\,603\\,584", lambda: moe == 33603584),
        ("= 2\\cdot 2\\,099\\,712 + 8\\,192 = 4\\,207\\,616", lambda: act == 4207616),
        ("\\approx 0{,}1252", lambda: c("0,1252", act / moe) and c("12,5", 100 * act / moe)),
        ("circa sedici volte", lambda: round(moe / pe) == 16 and round(act / pe) == 2),
        ("\\frac{11 - 1}{2} = 5", lambda: n_moe == 5),
        ("e i restanti $12 - 5 = 7$", lambda: n_dense == 7),
        ("= 168\\,017\\,920 + 14\\,697\\,984", lambda: n_moe * moe + n_dense * pe == 182715904),
        ("= 21\\,038\\,080 + 14\\,697\\,984", lambda: n_moe * act + n_dense * pe == 35736064),
    ]
CHECKS["06_conteggio_parametri_it.md"] = f06

# ---------------------------------------------------------------- 07 (ru)
def f07():
    H = np.array([[2, 1, 0], [0.5, 0.5, -1]], dtype=float)
    B = 2
    z = np.array([lse(r) for r in H]); P = softmax(H, axis=1)
    Lz = lambda HH: np.mean([lse(r) ** 2 for r in HH])
    G = fd_grad(Lz, H)
    return [
        ("= p_{t,j},$$", lambda: np.allclose(fd_grad(lse, H[0]), P[0])),
        ("\\frac{\\partial \\mathcal{L}_z}{\\partial h_{t,j}} = \\frac{1}{B}\\, z_t\\, p_{t,j}", lambda: np.allclose(G, z[:, None] * P / B, atol=1e-6)),
        ("= z_t/B$", lambda: np.allclose(G.sum(1), z / B, atol=1e-6)),
        ("= 11{,}1074", lambda: call(["7,3891", "2,7183"], np.exp(H[0, :2])) and c("11,1074", np.exp(H[0]).sum()) and c("2,4076", z[0])),
        ("= 3{,}6653", lambda: c("1,6487", np.exp(0.5)) and c("0,3679", np.exp(-1)) and c("3,6653", np.exp(H[1]).sum()) and c("1,2989", z[1])),
        ("z_1^2 \\approx 5{,}7966", lambda: c("5,7966", z[0] ** 2) and c("1,6872", z[1] ** 2)),
        ("= 3{,}7419, \\qquad", lambda: c("3,7419", Lz(H)) and c("0,0037", 1e-3 * Lz(H))),
        ("p_1 \\approx (0{,}6652", lambda: call(["0,6652", "0,2447", "0,0900", "0,4498", "0,4498", "0,1004"], P)),
        ("\\approx \\begin{pmatrix} 0{,}8008", lambda: call(["0,8008", "0,2946", "0,1084", "0,2921", "0,2921", "0,0652"], G)),
        ("= 1{,}2038 = z_1/2", lambda: c("1,2038", G[0].sum()) and c("1,2038", z[0] / 2)),
    ]
CHECKS["07_router_z_loss_ru.md"] = f07

# ---------------------------------------------------------------- 08 (zh)
def f08():
    x = np.array([1.0, 2.0]); w1 = np.array([0.5, -0.5]); w2 = np.array([-0.5, 0.25])
    A1 = np.array([[1.0, 0], [0, 2]]); A2 = np.array([[0.0, 1], [1, 0]])
    def gate(xx):
        return softmax(np.array([w1 @ xx, w2 @ xx]))
    def y(xx):
        g = gate(xx); return g[0] * A1 @ xx + g[1] * A2 @ xx
    g = gate(x)
    Jn = fd_jac(y, x)
    expert = g[0] * A1 + g[1] * A2
    gatep = g[0] * g[1] * np.outer(A1 @ x - A2 @ x, w1 - w2)
    def prod_rule():
        W = rng.normal(size=(3, 4)); As = rng.normal(size=(3, 2, 4)); xx = rng.normal(size=4)
        f = lambda v: sum(softmax(W @ v)[i] * As[i] @ v for i in range(3))
        gg = softmax(W @ xx)
        dg = np.diag(gg) - np.outer(gg, gg)  # d g / d h
        dgx = dg @ W
        J = sum(gg[i] * As[i] for i in range(3)) + sum(np.outer(As[i] @ xx, dgx[i]) for i in range(3))
        return np.allclose(fd_jac(f, xx), J, atol=1e-6)
    return [
        ("\\underbrace{\\sum_i g_i(x)", prod_rule),
        ("\\frac{\\partial g_1}{\\partial x} = g_1 g_2", lambda: np.allclose(fd_jac(lambda v: gate(v)[0:1], x)[0], g[0] * g[1] * (w1 - w2)) and np.allclose(fd_jac(lambda v: gate(v)[1:2], x)[0], -g[0] * g[1] * (w1 - w2))),
        ("= g_1 A_1 + g_2 A_2 + g_1 g_2", lambda: np.allclose(Jn, expert + gatep, atol=1e-6)),
        ("$h_2 = -0.5 + 0.5 = 0$", lambda: np.isclose(w1 @ x, -0.5) and np.isclose(w2 @ x, 0)),
        ("g_1 = \\sigma(-0.5) \\approx 0.3775", lambda: call(["0.3775", "0.6225"], g) and c("0.2350", g[0] * g[1])),
        ("专家输出 $A_1x = (1, 4)^\\top$", lambda: np.allclose(A1 @ x, [1, 4]) and np.allclose(A2 @ x, [2, 1])),
        ("= \\begin{pmatrix}1.6225\\\\2.1326", lambda: call(["1.6225", "2.1326"], y(x))),
        ("g_1 A_1 + g_2 A_2 \\approx", lambda: call(["0.3775", "0.6225", "0.6225", "0.7551"], expert)),
        ("门控路径：$A_1x - A_2x", lambda: np.allclose(A1 @ x - A2 @ x, [-1, 3]) and np.allclose(w1 - w2, [1, -0.75])),
        ("\\approx \\begin{pmatrix}-0.2350", lambda: call(["-0.2350", "0.1763", "0.7050", "-0.5288"], gatep)),
        ("\\approx \\begin{pmatrix}0.1425 & 0.7987", lambda: call(["0.1425", "0.7987", "1.3275", "0.2263"], Jn)),
    ]
CHECKS["08_gate_gradient_zh.md"] = f08

# ---------------------------------------------------------------- 09 (ja)
def f09():
    cl = np.array([1.2, 0.4, 0.9, -0.3]); nz = np.array([0.0, -1.0, 0.5, 1.0]); eps = np.array([0.1, 1.5, -0.4, 0.8])
    s = np.log1p(np.exp(nz)); H = cl + eps * s
    top = set(np.argsort(-H)[:2]); top_clean = set(np.argsort(-cl)[:2])
    G = np.zeros(4); idx = sorted(top); G[idx] = softmax(H[idx])
    def kth_excl(i):
        return np.sort(np.delete(H, i))[::-1][1]
    imp = np.array([3.1, 0.9, 2.4, 1.6])
    cv2 = imp.var() / imp.mean() ** 2
    return [
        ("s = \\operatorname{Softplus}(xW_{\\text{noise}}) \\approx", lambda: call(["0.6931", "0.3133", "0.9741", "1.3133"], s)),
        ("$\\varepsilon \\odot s \\approx", lambda: call(["0.0693", "0.4699", "-0.3896", "1.0506"], eps * s)),
        ("H \\approx (1.2693", lambda: call(["1.2693", "0.8699", "0.5104", "0.7506"], H)),
        ("上位 2 個はエキスパート 1 と 2", lambda: top == {0, 1} and top_clean == {0, 2}),
        ("\\approx 0.5985, \\qquad G_2", lambda: c("0.3994", H[0] - H[1]) and c("0.5985", G[0]) and c("0.4015", G[1])),
        ("$G_3 = G_4 = 0$", lambda: G[2] == 0 and G[3] == 0),
        ("他の成分 $(0.8699", lambda: c("0.7506", kth_excl(0))),
        ("\\Phi(0.6484) \\approx 0.7416", lambda: c("0.6484", (1.2 - 0.7506) / 0.6931) and c("0.7416", Phi((cl[0] - kth_excl(0)) / s[0]))),
        ("他の成分 $(1.2693", lambda: c("0.8699", kth_excl(2))),
        ("\\Phi(0.0309) \\approx 0.5123", lambda: c("0.0309", (0.9 - 0.8699) / 0.9741) and c("0.5123", Phi((cl[2] - kth_excl(2)) / s[2]))),
        ("平均は $2.0$", lambda: np.isclose(imp.mean(), 2.0)),
        ("= \\frac{2.74}{4} = 0.685", lambda: np.isclose(((imp - 2) ** 2).sum(), 2.74) and np.isclose(imp.var(), 0.685)),
        ("\\mathrm{CV}^2 = 0.685 / 2.0^2 = 0.17125", lambda: np.isclose(cv2, 0.17125) and c("0.0171", 0.1 * cv2)),
    ]
CHECKS["09_noisy_topk_ja.md"] = f09

# ---------------------------------------------------------------- 10 (ko)
def f10():
    d, dff, L, E, k, V = 4096, 14336, 32, 8, 2, 32000
    pe = sum(np.zeros(s, dtype=np.int8).size for s in [(dff, d), (dff, d), (d, dff)])
    router = np.zeros((E, d), dtype=np.int8).size
    att = sum(np.zeros(s, dtype=np.int8).size for s in [(d, d), (d, d), (d, 1024), (d, 1024)])
    emb = 2 * V * d; norms = (2 * L + 1) * d
    moe_all = L * (E * pe + router); act_all = L * (k * pe + router)
    return [
        ("K/V 투영의 출력 차원은 $8 \\cdot 128 = 1024$", lambda: 8 * 128 == 1024),
        ("= 3 \\cdot 58\\,720\\,256 = 176\\,160\\,768", lambda: d * dff == 58720256 and pe == 176160768),
        ("= 1\\,409\\,286\\,144 + 32\\,768 = 1\\,409\\,318\\,912", lambda: E * pe == 1409286144 and router == 32768 and E * pe + router == 1409318912),
        ("$32 \\cdot 1\\,409\\,318\\,912 = 45\\,098\\,205\\,184$", lambda: moe_all == 45098205184),
        ("$$2 \\cdot 176\\,160\\,768 + 32\\,768 = 352\\,354\\,304", lambda: k * pe + router == 352354304),
        ("32 \\cdot 352\\,354\\,304 = 11\\,275\\,337\\,728", lambda: act_all == 11275337728),
        ("P_{\\text{attn}} = 2 \\cdot 4096^2", lambda: 4096 ** 2 == 16777216 and 4096 * 1024 == 4194304 and att == 37748736),
        ("32 \\cdot 37\\,748\\,736 = 1\\,207\\,959\\,552", lambda: L * att == 1207959552),
        ("2 \\cdot 32000 \\cdot 4096 = 262\\,144\\,000", lambda: emb == 262144000),
        ("(2\\cdot 32 + 1)\\cdot 4096 = 266\\,240", lambda: norms == 266240),
        ("P_{\\text{total}} = 45", lambda: moe_all + L * att + emb + norms == 46568574976),
        ("P_{\\text{active}} = 11", lambda: act_all + L * att + emb + norms == 12745707520),
        ("12.7 / 46.6 \\approx 27\\%", lambda: c("27", 100 * (act_all + L * att + emb + norms) / (moe_all + L * att + emb + norms))),
    ]
CHECKS["10_moe_param_count_ko.md"] = f10

# ---------------------------------------------------------------- 11 (pl)
def f11():
    E, k, cf, T = 16, 2, 1.25, 1000
    C = math.ceil(cf * k * T / E)
    loads = [180] * 4 + [130] * 4 + [95] * 8
    dropped = sum(max(n - C, 0) for n in loads)
    processed = k * T - dropped
    return [
        ("k\\,T = 2 \\cdot 1000 = 2000", lambda: k * T == 2000),
        ("$2000 / 16 = 125$", lambda: k * T / E == 125),
        ("\\lceil 156{,}25 \\rceil = 156", lambda: C == 156 and 1.25 * 125 == 156.25),
        ("E \\cdot C = 16 \\cdot 156 = 2496", lambda: E * C == 2496),
        ("= 720 + 520 + 760 = 2000", lambda: sum(loads) == 2000),
        ("odrzuca $180 - 156 = 24$", lambda: 180 - C == 24),
        ("$$4 \\cdot 24 = 96$$", lambda: dropped == 96),
        ("$96 / 2000 = 4{,}8\\%$", lambda: c("4,8", 100 * dropped / (k * T))),
        ("jest $2000 - 96 = 1904$", lambda: processed == 1904),
        ("2496 - 1904 = 592", lambda: E * C - processed == 592 and c("0,237", (E * C - processed) / (E * C))),
    ]
CHECKS["11_pojemnosc_ekspertow_pl.md"] = f11

# ---------------------------------------------------------------- 12 (nl)
def f12():
    x = np.array([1.0, -2.0]); W = np.array([[0.2, -0.1, 0.4], [0.3, 0.1, -0.2]]); l = np.array([1.0, 0.5, 2.0])
    h = W.T @ x; e = np.exp(h); g = softmax(h); lbar = g @ l
    Lf = lambda M: softmax(M.T @ x) @ l
    dW = fd_grad(Lf, W)
    delta = fd_grad(lambda hh: softmax(hh) @ l, h)
    def claimed_matrix():
        M = np.array([[-0.0940, 0.1880], [-0.2058, 0.4115], [0.2998, -0.5996]])
        return M.shape == dW.shape and np.allclose(M, dW, atol=1.1e-4)
    return [
        ("= g_j(\\ell_j - \\bar\\ell).$$", lambda: np.allclose(delta, g * (l - lbar), atol=1e-8)),
        ("dus $\\partial L / \\partial W_{aj} = x_a\\, \\delta_j$", lambda: np.allclose(dW, np.outer(x, delta), atol=1e-8)),
        ("0{,}2 - 0{,}6", lambda: np.allclose(h, [-0.4, -0.3, 0.8])),
        ("Exponenten: $e^{h}", lambda: call(["0,6703", "0,7408", "2,2255"], e) and c("3,6367", e.sum())),
        ("g \\approx (0{,}1843", lambda: call(["0,1843", "0,2037", "0,6120"], g)),
        ("Verwachte fout", lambda: c("0,1019", 0.5 * g[1]) and c("1,2239", 2 * g[2]) and c("1,5101", lbar)),
        ("0{,}1843 \\cdot (-0{,}5101)", lambda: c("-0,5101", 1 - lbar) and c("-1,0101", 0.5 - lbar) and c("0,4899", 2 - lbar)
         and call(["-0,0940", "-0,2058", "0,2998"], delta) and abs(delta.sum()) < 1e-9),
        ("= \\delta\\, x^\\top \\approx", claimed_matrix),
        ("bijvoorbeeld $-0{,}0940", lambda: abs(-0.0940 - 0.2058 + 0.2998) < 1e-12),
    ]
CHECKS["12_router_gewichten_gradient_nl.md"] = f12

# ---------------------------------------------------------------- 13 (vi)
def f13():
    def cs_ok():
        for _ in range(20):
            n = rng.integers(2, 10); P = rng.random(n); P /= P.sum()
            if n * (P @ P) < 1 - 1e-12:
                return False
        return True
    def exp_ok():
        n = 7; P = rng.random(n); P /= P.sum()
        return np.isclose(((P - 1 / n) ** 2).sum(), (P @ P) - 2 / n * P.sum() + n / n ** 2) and np.isclose(((P - 1 / n) ** 2).sum(), (P @ P) - 1 / n)
    def decomp_ok():
        n = 5; P = rng.random(n); P /= P.sum()
        return np.isclose(n * (P @ P), 1 + n * ((P - 1 / n) ** 2).sum())
    P2 = np.array([0.4, 0.3, 0.2, 0.1])
    return [
        ("thì $\\sum_i f_i P_i = 0$", lambda: np.array([.5, .5, 0, 0]) @ np.array([0, 0, .5, .5]) == 0),
        ("= N \\sum_{i=1}^{N} P_i^2 ,$$", cs_ok),
        ("= \\sum_i P_i^2 - \\frac1N ,$$", exp_ok),
        ("= 1 + N\\sum_{i=1}^{N}\\Big(P_i", decomp_ok),
        ("= 2N P_i - \\lambda = 0", lambda: np.allclose(fd_grad(lambda P: 4 * (P @ P) - 1.3 * (P.sum() - 1), P2), 8 * P2 - 1.3)),
        ("suy ra $P_i = 1/N$ và $\\lambda = 2$", lambda: np.isclose(2 * 4 * (1 / 4), 2)),
        ("= 4 \\cdot 4 \\cdot 0{,}0625 = 1$", lambda: np.isclose(4 * np.full(4, .25) @ np.full(4, .25), 1) and 4 * 4 * 0.0625 == 1),
        ("= 0{,}16 + 0{,}09", lambda: np.isclose(P2 @ P2, 0.30) and np.isclose(4 * (P2 @ P2), 1.2)),
        ("tổng bình phương $0{,}05$", lambda: np.allclose(P2 - .25, [.15, .05, -.05, -.15]) and np.isclose(((P2 - .25) ** 2).sum(), 0.05) and np.isclose(1 + 4 * 0.05, 1.2)),
        ("= 4 \\cdot 1 = 4 = N$", lambda: 4 * (np.eye(4)[0] @ np.eye(4)[0]) == 4),
        ("từ $0{,}01$ (cân bằng)", lambda: np.isclose(0.01 * 1, 0.01) and np.isclose(0.01 * 4, 0.04)),
    ]
CHECKS["13_can_bang_tai_vi.md"] = f13

# ---------------------------------------------------------------- 14 (tr)
def f14():
    h1 = np.array([10.0, 9.0, 7.5, -2.0]); h2 = np.array([0.2, -0.1, 0.3, 0.0])
    z1, z2 = lse(h1), lse(h2)
    Lz = (z1 ** 2 + z2 ** 2) / 2
    p1 = softmax(h1)
    G = fd_grad(lambda HH: np.mean([lse(r) ** 2 for r in HH]), np.stack([h1, h2]))
    def shift_ok():
        hh = rng.normal(size=5) * 30; m = hh.max()
        return np.isclose(m + math.log(np.exp(hh - m).sum()), lse(hh))
    return [
        ("z_t = m_t + \\log\\sum", shift_ok),
        ("e^{h_1 - m_1} \\approx (1;", lambda: call(["1", "0,3679", "0,0821", "0,0000061"], np.exp(h1 - 10)) and c("1,4500", np.exp(h1 - 10).sum())),
        ("0{,}3715 = 10{,}3715", lambda: c("0,3715", math.log(np.exp(h1 - 10).sum())) and c("10,3715", z1)),
        ("$e^{h_2} \\approx (1{,}2214", lambda: call(["1,2214", "0,9048", "1,3499", "1,0000"], np.exp(h2)) and c("4,4761", np.exp(h2).sum()) and c("1,4988", z2)),
        ("Kareler: $z_1^2", lambda: c("107,57", z1 ** 2) and c("2,2463", z2 ** 2)),
        ("\\approx 54{,}91 .$$", lambda: c("54,91", Lz)),
        ("neredeyse tamamı", lambda: z1 ** 2 / (2 * Lz) > 0.95),
        ("\\approx 2{,}31 + 0{,}0104 + 0{,}0549 = 2{,}3753", lambda: c("0,0104", 0.01 * 1.04) and c("0,0549", 1e-3 * Lz) and c("2,3753", 2.31 + 0.0104 + 1e-3 * Lz)),
        ("= \\frac{2}{B}\\, z_t\\, p_{t,j}.$$", lambda: np.allclose(G[0], 2 / 2 * z1 * p1, atol=1e-5)),
        ("Birinci token için $p_1 \\approx", lambda: call(["0,6897", "0,2537", "0,0566", "0,0000"], p1)),
        ("(7{,}153;\\ 2{,}631;", lambda: call(["7,153", "2,631", "0,587", "0,000"], G[0])),
        ("$\\beta$ ile çarpıldığında", lambda: call(["0,00715", "0,00263", "0,00059", "0,00000"], 1e-3 * G[0])),
    ]
CHECKS["14_z_kaybi_sayisal_tr.md"] = f14

# ---------------------------------------------------------------- 15 (cs)
def f15():
    h = np.array([1.5, -0.5, 0.8]); e1 = np.array([2.0, -1.0]); e3 = np.array([0.5, 1.5]); u = np.array([1.0, 0.5])
    S = [0, 2]
    def gt(hh):
        return softmax(hh[S])
    def L(hh):
        w = gt(hh); return u @ (w[0] * e1 + w[1] * e3)
    w = gt(h); y = w[0] * e1 + w[1] * e3
    G = fd_grad(L, h)
    def jac_ok():
        Jn = fd_jac(gt, h)
        return np.allclose(Jn[:, [0, 2]], np.diag(w) - np.outer(w, w), atol=1e-8) and np.allclose(Jn[:, 1], 0)
    def sym_ok():
        return np.allclose(G[S], w * (np.array([u @ y, u @ y]) - np.array([u @ e1, u @ e3])), atol=1e-8)
    return [
        ("\\tilde g_i(\\delta_{ij} - \\tilde g_j),$$", jac_ok),
        ("= \\tilde g_j\\big(u^\\top y - u^\\top e_j\\big)", sym_ok),
        ("Přímo z definice $y$", lambda: np.allclose(fd_jac(lambda v: u @ (w[0] * v + w[1] * e3) * np.ones(1), e1)[0], w[0] * u)),
        ("takže $\\mathcal{S} = \\{1, 3\\}$", lambda: set(np.argsort(-h)[:2]) == set(S)),
        ("Váhy: $\\tilde g_1", lambda: call(["0,6682", "0,3318"], w)),
        ("= \\begin{pmatrix}1{,}5023", lambda: call(["1,5023", "-0,1705"], y)),
        ("Skalární součiny", lambda: np.isclose(u @ e1, 1.5) and np.isclose(u @ e3, 1.25) and c("1,4170", u @ y)),
        ("\\approx (-0{,}0554;\\ 0;\\ 0{,}0554)", lambda: call(["-0,0554", "0", "0,0554"], G)),
        ("Součet je nulový", lambda: abs(G.sum()) < 1e-8),
        ("Krok gradientního sestupu tedy zvýší $h_1$", lambda: G[0] < 0 and G[2] > 0),
        ("\\partial L/\\partial e_1 \\approx 0{,}6682\\,u", lambda: call(["0,6682", "0,3341"], w[0] * u)),
        ("\\partial L/\\partial e_3 \\approx 0{,}3318\\,u", lambda: call(["0,3318", "0,1659"], w[1] * u)),
    ]
CHECKS["15_gradient_top2_cs.md"] = f15

# ---------------------------------------------------------------- 16 (en)
def f16():
    S = np.array([[0.70, 0.20, 0.10], [0.60, 0.30, 0.10], [0.50, 0.10, 0.40], [0.10, 0.45, 0.45]])
    k = int(4 * 1.5 / 3)
    picks = [list(np.argsort(-S[:, j], kind="stable")[:k] + 1) for j in range(3)]
    counts = np.zeros(4, int)
    for p in picks:
        for t in p:
            counts[t - 1] += 1
    return [
        ("k = \\frac{512\\cdot 2}{8} = 128", lambda: 512 * 2 // 8 == 128 and 8 * 128 == 1024 == 2 * 512),
        ("so $k = 4 \\cdot 1.5 / 3 = 2$", lambda: k == 2),
        ("S = \\begin{pmatrix} 0.70", lambda: np.allclose(S.sum(1), 1)),
        ("Expert 1: $(0.70, 0.60, 0.50, 0.10)$", lambda: picks[0] == [1, 2]),
        ("Expert 2: $(0.20, 0.30, 0.10, 0.45)$", lambda: picks[1] == [4, 2]),
        ("Expert 3: $(0.10, 0.10, 0.40, 0.45)$", lambda: set(picks[2]) == {4, 3}),
        ("$1 + 2 + 1 + 2 = 6", lambda: list(counts) == [1, 2, 1, 2] and counts.sum() == 6 == 3 * k and np.isclose(counts.mean(), 1.5)),
        ("y_2 = 0.60\\,E_1(x_2) + 0.30\\,E_2(x_2)", lambda: [j + 1 for j in range(3) if 2 in picks[j]] == [1, 2] and S[1, 0] == 0.60 and S[1, 1] == 0.30),
        ("$$4 \\cdot 1024 \\cdot 4096 = 16\\,777\\,216", lambda: 4 * 1024 * 4096 == 16777216),
        ("1024 \\cdot 16\\,777\\,216 = 17\\,179\\,869\\,184", lambda: 1024 * 16777216 == 17179869184 and c("1.72", 17179869184 / 1e10)),
    ]
CHECKS["16_expert_choice_en.md"] = f16


def find_line(lines, sub, fname):
    hits = [i for i, ln in enumerate(lines) if sub in ln]
    assert len(hits) == 1, f"{fname}: substring {sub!r} found {len(hits)} times"
    return hits[0] + 1


def main():
    with open(os.path.join(HERE, "expected.json"), encoding="utf-8") as fh:
        expected = json.load(fh)
    mds = sorted(f for f in os.listdir(HERE) if f.endswith(".md"))
    assert sorted(expected) == mds == sorted(CHECKS), "file sets differ"
    all_ok = True
    for fname in mds:
        with open(os.path.join(HERE, fname), encoding="utf-8") as fh:
            lines = fh.read().split("\n")
        located = [(find_line(lines, sub, fname), sub, fn) for sub, fn in CHECKS[fname]()]
        located.sort(key=lambda t: t[0])
        first_bad = None
        for ln, sub, fn in located:
            if not fn():
                first_bad = ln
                break
        ok = first_bad == expected[fname]
        all_ok &= ok
        print(f"{'OK ' if ok else 'FAIL'} {fname}: first failing line {first_bad}, expected {expected[fname]} ({len(located)} checks)")
    if not all_ok:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
