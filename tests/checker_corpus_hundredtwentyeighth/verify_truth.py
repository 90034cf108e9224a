import json, os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(0)

def ok(printed, true, dec=None):
    printed = np.asarray(printed, float); true = np.asarray(true, float)
    if printed.shape != true.shape:
        return False
    tol = 1e-9 if dec is None else 0.5 * 10.0 ** (-dec) + 1e-9
    return bool(np.all(np.abs(printed - true) <= tol))

def norm_adj(A):
    At = A + np.eye(len(A)); d = At.sum(1)
    return At / np.sqrt(np.outer(d, d)), d

relu = lambda z: np.maximum(z, 0)
lrelu = lambda z: np.where(z > 0, z, 0.2 * z)
softmax = lambda e: np.exp(e) / np.exp(e).sum()

P3 = np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0]], float)
G4 = np.array([[0, 1, 1, 0], [1, 0, 1, 0], [1, 1, 0, 1], [0, 0, 1, 0]], float)
C4 = np.array([[0, 1, 0, 1], [1, 0, 1, 0], [0, 1, 0, 1], [1, 0, 1, 0]], float)

claims = {}

# 01 -------------------------------------------------------------------
Ah, d = norm_adj(P3)
H = np.array([[1, 0], [0, 1], [1, 1]], float); W = np.array([[1, -1], [2, 0]], float)
AH = Ah @ H; Z = AH @ W
claims["01_gcn_vorwaerts_de.md"] = [
    ("$\\tilde d = (2,\\ 3,\\ 2)$", ok([2, 3, 2], d)),
    ("\\approx \\begin{pmatrix} 0{,}5 & 0{,}4082 & 0", ok([[.5, .4082, 0], [.4082, .3333, .4082], [0, .4082, .5]], Ah, 4)),
    ("Zeile 1: $0{,}5 + 0{,}4082 = 0{,}9082$", ok(0.9082, Ah[0].sum(), 4)),
    ("\\hat A H^{(0)} \\approx", ok([[.5, .4082], [.8165, .7416], [.5, .9082]], AH, 4)),
    ("= (2/\\sqrt6,\\ 1/3 + 1/\\sqrt6)$", ok([2 / np.sqrt(6), 1 / 3 + 1 / np.sqrt(6)], AH[1])),
    ("Z = \\hat A H^{(0)} W^{(0)} \\approx", ok([[1.3165, -.5], [2.2997, -.8165], [2.3165, -.5]], Z, 4)),
    ("Die erste Spalte ist $x_1 + 2x_2$", ok(Z[:, 0], AH[:, 0] + 2 * AH[:, 1]) and ok(Z[:, 1], -AH[:, 0])),
    ("H^{(1)} \\approx", ok([[1.3165, 0], [2.2997, 0], [2.3165, 0]], relu(Z), 4)),
]

# 02 -------------------------------------------------------------------
x = {1: np.array([1, 2.]), 2: np.array([0, 3.]), 3: np.array([2, -1.]), 4: np.array([4, 1.])}
N = {1: [2, 3], 2: [1, 3], 3: [1, 2, 4], 4: [3]}
Aadj = np.zeros((4, 4))
for i, j in [(1, 2), (1, 3), (2, 3), (3, 4)]:
    Aadj[i - 1, j - 1] = Aadj[j - 1, i - 1] = 1
S = {v: sum(x[u] for u in N[v]) for v in N}
M = {v: S[v] / len(N[v]) for v in N}
MX = {v: np.max([x[u] for u in N[v]], axis=0) for v in N}
h = {v: relu(x[v] - M[v]) for v in N}
claims["02_agregation_messages_fr.md"] = [
    ("$\\mathcal N(1) = \\{2,3\\}$, $\\mathcal N(2)", all(sorted(np.nonzero(Aadj[v - 1])[0] + 1) == N[v] for v in N)),
    ("m_1^{\\Sigma} &= x_2 + x_3 = (2,\\ 2)", ok([2, 2], S[1])),
    ("m_2^{\\Sigma} &= x_1 + x_3 = (3,\\ 1)", ok([3, 1], S[2])),
    ("m_3^{\\Sigma} &= x_1 + x_2 + x_4 = (5,\\ 6)", ok([5, 6], S[3])),
    ("m_4^{\\Sigma} &= x_3 = (2,\\ -1)", ok([2, -1], S[4])),
    ("m_1^{\\text{moy}} = \\tfrac12(2, 2)", ok([1, 1], M[1]) and ok([1.5, .5], M[2])),
    ("m_3^{\\text{moy}} = \\tfrac14(5, 6)", ok([1.25, 1.5], M[3]) and ok([2, -1], M[4])),
    ("m_1^{\\max} = (2,\\ 2),\\quad", ok([[2, 2], [2, 3], [4, 3], [2, -1]], [MX[v] for v in N])),
    ("h_1 &= \\mathrm{ReLU}", ok([0, 1], h[1])),
    ("h_2 &= \\mathrm{ReLU}", ok([0, 2.5], h[2])),
    ("h_3 &= \\mathrm{ReLU}", ok([0.75, 0], h[3])),
    ("h_4 &= \\mathrm{ReLU}", ok([2, 2], h[4])),
    ("\\sum_v h_v = (2{,}75", ok([2.75, 5.5], sum(h.values()))),
]

# 03 -------------------------------------------------------------------
A3 = np.zeros((3, 3)); A3[0, 1] = A3[1, 0] = 1
Ah, d = norm_adj(A3)
H = np.array([[1, 2], [3, 0], [1, 1]], float); W = np.array([[1, 0], [-1, 2]], float)
P = Ah @ H; Z = P @ W; L = 0.5 * (Z ** 2).sum(); G = Z
def fd_grad(f, X, eps=1e-6):
    g = np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        E = np.zeros_like(X); E[idx] = eps
        g[idx] = (f(X + E) - f(X - E)) / (2 * eps)
    return g
gW = fd_grad(lambda V: 0.5 * ((Ah @ H @ V) ** 2).sum(), W)
gH = fd_grad(lambda V: 0.5 * ((Ah @ V @ W) ** 2).sum(), H)
claims["03_gcn_backprop_en.md"] = [
    ("$\\tilde d = (2, 2, 1)$", ok([2, 2, 1], d)),
    ("\\begin{pmatrix} 1/2 & 1/2 & 0 \\\\ 1/2", ok([[.5, .5, 0], [.5, .5, 0], [0, 0, 1]], Ah)),
    ("\\hat A H = \\begin{pmatrix} 2 & 1", ok([[2, 1], [2, 1], [1, 1]], P)),
    ("Z = \\hat A H W = \\begin{pmatrix} 1 & 2", ok([[1, 2], [1, 2], [0, 2]], Z)),
    ("and $L = \\tfrac12(1+4+1+4+0+4) = 7$", ok(7, L)),
    ("= \\begin{pmatrix} 4 & 10 \\\\ 2 & 6", ok([[4, 10], [2, 6]], gW, 6) and ok(P.T @ G, gW, 6)),
    ("\\partial H} = \\hat A^\\top G\\, W", ok(Ah.T @ G @ W, gH, 6)),
    ("-2 & 4 \\end{pmatrix},\\qquad", ok([[-1, 4], [-1, 4], [-2, 4]], G @ W)),
    ("\\frac{\\partial L}{\\partial H} = \\hat A^\\top G W = ", ok([[-1, 4], [-1, 4], [-2, 4]], gH, 6)),
    ("0.6 & -1 \\\\ -1.2 & 1.4", ok([[.6, -1], [-1.2, 1.4]], W - 0.1 * gW, 6)),
]

# 04 -------------------------------------------------------------------
hv = np.array([1, 0, 2.]); ha = np.array([0, 1, 1.]); hb = np.array([2, 1, 0.])
mn = (ha + hb) / 2; c = np.concatenate([hv, mn])
Wg = np.array([[1, 0, 0, 1, 0, 0], [0, 1, 0, 0, 1, 1.]]); z = Wg @ c
claims["04_graphsage_es.md"] = [
    ("= (1;\\ 1;\\ 0{,}5)$", ok([1, 1, .5], mn)),
    ("(1;\\ 0;\\ 2;\\ 1;\\ 1;\\ 0{,}5) \\in", ok([1, 0, 2, 1, 1, .5], c)),
    ("queda $z = W[h_v", ok([2, 1.5], z)),
    ("$\\sigma(z) = (2;\\ 1{,}5)$", ok([2, 1.5], relu(z))),
    ("= \\sqrt{4 + 2{,}25} = 2{,}5", ok(2.5, np.linalg.norm(relu(z)))),
    ("h_v^{1} = (0{,}8;\\ 0{,}6)$", ok([.8, .6], relu(z) / np.linalg.norm(relu(z)))),
    ("= 2\\cdot 6 + 2 = 14", ok(14, Wg.size + 2)),
    ("$2\\cdot 4 + 2 = 10$", ok(10, 2 * 4 + 2) and ok(24, 14 + 10)),
    ("= 1 + 10 + 50 = 61", ok(61, 1 + 10 + 10 * 5)),
    ("$1 + 25 + 250 = 276$", ok(276, 1 + 25 + 25 * 10)),
]

# 05 -------------------------------------------------------------------
Wh = np.array([[1, 0], [0, 1], [1, 1.]]); a1 = np.array([1, -1.]); a2 = np.array([-2, 1.])
s = a1 @ Wh[0] + Wh @ a2; e = lrelu(s); al = softmax(e)
claims["05_atencao_gat_pt.md"] = [
    ("$\\mathbf a_1^\\top W h_1 = 1$", ok(1, a1 @ Wh[0]) and ok([-2, 1, -1], Wh @ a2)),
    ("$s_{11} = -1$, $s_{12} = 2$", ok([-1, 2, 0], s)),
    ("LeakyReLU}(-1) = 0{,}2", ok(0.2, e[0])),
    ("- $e_{12} = 2$", ok(2, e[1])),
    ("- $e_{13} = 0$", ok(0, e[2])),
    ("Soma $\\approx 9{,}6105$", ok([1.2214, 7.3891, 1, 9.6105], list(np.exp(e)) + [np.exp(e).sum()], 4)),
    ("\\alpha_{11} \\approx 0{,}1271", ok([.1271, .7689, .1041], al, 4)),
    ("= 1{,}0001$", ok(1.0001, .1271 + .7689 + .1041, 4)),
    ("\\approx (0{,}2311;\\ 0{,}8729)", ok([.2311, .8729], al @ Wh, 4)),
    ("isso dá $4 + 4 = 8$", ok(8, 2 * 2 + 2 * 2)),
]

# 06 -------------------------------------------------------------------
F, Hd, C = 1433, 16, 7
claims["06_conteggio_parametri_it.md"] = [
    ("1433\\cdot 16 + 16 = 22\\,928 + 16 = 22\\,944", ok([22928, 22944], [F * Hd, F * Hd + Hd])),
    ("16 \\cdot 7 + 7 = 119", ok(119, Hd * C + C)),
    ("22\\,944 + 119 = 23\\,063", ok(23063, F * Hd + Hd + Hd * C + C)),
    ("8\\cdot 8 = 64$ feature", ok(64, 8 * 8)),
    ("= 8\\cdot 11\\,480 + 64 = 91\\,904", ok([11480, 91904], [F * 8 + 16, 8 * (F * 8 + 16) + 64])),
    ("= 448 + 14 + 7 = 469", ok([448, 14, 469], [64 * 7, 2 * 7, 64 * 7 + 14 + 7])),
    ("91\\,904 + 469 = 92\\,373", ok(92373, 91904 + 469) and 3.5 < 92373 / 23063 < 4.5),
    ("2\\cdot 1433\\cdot 16 + 16 = 45\\,872", ok(45872, 2 * F * Hd + Hd)),
    ("2\\cdot 16\\cdot 7 + 7 = 231", ok(231, 2 * Hd * C + C)),
    ("per un totale di $46\\,103$", ok(46103, 45872 + 231) and ok(46103, 2 * (F * Hd + Hd * C) + Hd + C)),
]

# 07 -------------------------------------------------------------------
def path_adj(n):
    A = np.zeros((n, n))
    for i in range(n - 1):
        A[i, i + 1] = A[i + 1, i] = 1
    return A
def reach(A, K):
    At = A + np.eye(len(A)); return np.linalg.matrix_power(At, K) > 0
Ah, d = norm_adj(P3); A2 = Ah @ Ah
P8 = path_adj(8)
def tree_ball(deg, K):
    # BFS count in infinite deg-regular tree
    tot, frontier = 1, 1
    for k in range(1, K + 1):
        frontier = deg if k == 1 else frontier * (deg - 1); tot += frontier
    return tot
claims["07_receptivnoe_pole_ru.md"] = [
    ("$\\tilde d = (2, 3, 2)$", ok([2, 3, 2], d) and ok(0, Ah[0, 2])),
    ("= \\frac16 \\approx 0{,}1667", ok(1 / 6, A2[0, 2]) and ok(.1667, A2[0, 2], 4)),
    ("всего $4$ вершины", ok(4, reach(P8, 3)[0].sum())),
    ("всего $7$ вершин", ok(7, reach(P8, 3)[3].sum()) and list(np.nonzero(reach(P8, 3)[3])[0] + 1) == list(range(1, 8))),
    ("нужно $K = 8$ слоёв", ok(8, min(K for K in range(1, 20) if reach(P8, K)[0, 7]))),
    ("концам нужно $n$ слоёв", all(min(K for K in range(1, 20) if reach(path_adj(n), K)[0, n - 1]) == n for n in range(2, 9))),
    ("= 1 + 3\\,(2^K - 1)", all(tree_ball(3, K) == 1 + 3 * (2 ** K - 1) for K in range(1, 8))),
    ("$|B_2| = 1 + 3 + 6 = 10$", ok(10, tree_ball(3, 2))),
    ("$|B_3| = 1 + 3\\cdot 7 = 22$", ok(22, tree_ball(3, 3))),
]

# 08 -------------------------------------------------------------------
H = np.array([[1, 2], [0, 1], [3, -1], [2, 0]], float)
r = np.concatenate([H.mean(0), H.max(0)])
W8 = np.array([[1, 0, 0, -1], [0, 1, 1, 0.]]); z = W8 @ r; p = softmax(z); y = np.array([0, 1.])
gr = W8.T @ (p - y)
claims["08_tu_duqu_chihua_zh.md"] = [
    ("h_G^{\\text{sum}} = (6,\\ 2)$", ok([6, 2], H.sum(0))),
    ("h_G^{\\text{mean}} = (1.5,\\ 0.5)$", ok([1.5, .5], H.mean(0))),
    ("h_G^{\\text{max}} = (3,\\ 2)$", ok([3, 2], H.max(0)) and list(H.argmax(0) + 1) == [3, 1]),
    ("z = W r = (-0.5,\\ 3.5)", ok([-.5, 3.5], z)),
    ("\\approx 0.0180$，$p_2 \\approx 0.9820$", ok(1 / (1 + np.exp(4)), p[0]) and ok([.018, .982], p, 4)),
    ("\\ln 0.9820 \\approx 0.0181", ok(.0181, -np.log(p[1]), 4)),
    ("= p - y \\approx (0.0180,\\ -0.0180)", ok([.018, -.018], p - y, 4)),
    ("W^\\top (p-y) \\approx", ok([.018, -.018, -.018, -.018], gr, 4)),
    ("\\approx (0.0045,\\ -0.0045)", ok([.0045, -.0045], gr[:2] / 4, 4)),
    ("节点 3 的第一维得到 $-0.0180$", ok(-.018, gr[2], 4) and ok(-.018, gr[3], 4)),
    ("求和给出 $(1,0)$ 与 $(2,0)$", ok([[1, 0], [2, 0]], [[1, 0], np.sum([[1, 0], [1, 0]], 0)])),
]

# 09 -------------------------------------------------------------------
Ah, d = norm_adj(G4)
xs = np.array([1, 2, 3, 4.])
Ahw = np.diag(1 / d) @ (G4 + np.eye(4))
claims["09_seikika_ringyoretsu_ja.md"] = [
    ("\\tilde A = \\begin{pmatrix} 1&1&1&0", ok(G4 + np.eye(4), [[1, 1, 1, 0], [1, 1, 1, 0], [1, 1, 1, 1], [0, 0, 1, 1]])),
    ("\\mathrm{diag}(2,\\ 2,\\ 3,\\ 1)", ok([2, 2, 3, 1], d)),
    ("$\\hat A_{11} = 1/2 = 0.5$", ok(.5, Ah[0, 0])),
    ("$\\hat A_{13} = 1/\\sqrt{6}", ok(1 / np.sqrt(6), Ah[0, 2])),
    ("$\\hat A_{33} = 1/3", ok(1 / 3, Ah[2, 2])),
    ("$\\hat A_{34} = 1/\\sqrt{3}", ok(1 / np.sqrt(3), Ah[2, 3])),
    ("$\\hat A_{44} = 1$", ok(1, Ah[3, 3])),
    ("0.4082 & 0.4082 & 0.3333 & 0.5774", ok([[.5, .5, .4082, 0], [.5, .5, .4082, 0], [.4082, .4082, .3333, .5774], [0, 0, .5774, 1]], Ah, 4)),
    ("= \\begin{pmatrix} 2.7247", ok([2.7247, 2.7247, 4.5341, 5.7321], Ah @ xs, 4)),
    ("行は $(0,0,\\tfrac12,\\tfrac12)$", ok([0, 0, .5, .5], Ahw[3])),
]

# 10 -------------------------------------------------------------------
h = np.array([[1, 2], [0, 1], [2, 0.]]); W = np.array([[1, 0], [1, -1.]]); Wh = h @ W.T
a1 = np.array([.5, 0]); a2 = np.array([0, 1.])
s = a1 @ Wh[0] + Wh @ a2; e = lrelu(s); al = softmax(e)
claims["10_gat_eotensyeon_ko.md"] = [
    ("$Wh_1 = (1,\\,-1)$", ok([[1, -1], [0, -1], [2, 2]], Wh)),
    ("= 0.5 + (Wh_j)_2$", ok(s, 0.5 + Wh[:, 1])),
    ("s_{11} = -0.5,\\qquad", ok([-.5, -.5, 2.5], s)),
    ("$e_{11} = e_{12} = -0.1$", ok([-.1, -.1, 2.5], e)),
    ("분모 $\\approx 13.9922$", ok([.9048, 12.1825, 13.9922], [np.exp(-.1), np.exp(2.5), np.exp(e).sum()], 4)),
    ("\\alpha_{11} = \\alpha_{12} \\approx 0.0647", ok([.0647, .0647, .8707], al, 4)),
    ("\\approx (1.806,\\ 1.612)", ok([1.806, 1.612], al @ Wh, 3)),
    ("\\approx 0.9309$", ok(.9309, softmax(e[1:])[1], 4)),
]

# 11 -------------------------------------------------------------------
Ah, d = norm_adj(C4)
H = np.array([[1, 0], [0, 1], [1, 1], [2, 0.]]); W = np.array([[1, -1], [0, 2.]])
P = Ah @ H; Z = P @ W; L = relu(Z).sum(); G = (Z > 0) * 1.
f_W = lambda V: relu(Ah @ H @ V).sum(); f_H = lambda V: relu(Ah @ V @ W).sum()
gW = fd_grad(f_W, W, 1e-4); gH = fd_grad(f_H, H, 1e-4)
claims["11_gradient_gcn_pl.md"] = [
    ("$\\tilde d_i = 3$ dla", ok([3, 3, 3, 3], d)),
    ("$\\hat A = \\tfrac13 (A + I)$", ok((C4 + np.eye(4)) / 3, Ah)),
    ("\\hat A H = \\frac13\\begin{bmatrix} 3 & 1", ok(np.array([[3, 1], [2, 2], [3, 2], [4, 1]]) / 3, P)),
    ("Z = \\hat A H W = \\frac13\\begin{bmatrix} 3 & -1", ok(np.array([[3, -1], [2, 2], [3, 1], [4, -2]]) / 3, Z)),
    ("L = \\tfrac13\\,(3 + 2 + 3 + 4 + 2 + 1) = 5", ok(5, L) and ok(5, (3 + 2 + 3 + 4 + 2 + 1) / 3)),
    ("G = \\begin{bmatrix} 1 & 0 \\\\ 1 & 1", ok([[1, 0], [1, 1], [1, 1], [1, 0]], G)),
    ("\\frac13\\begin{bmatrix} 12 & 5", ok(np.array([[12, 5], [6, 4]]) / 3, gW, 6) and ok([[4, 1.6667], [2, 1.3333]], gW, 4)),
    ("= \\hat A\\, G W^\\top,\\qquad", ok(Ah.T @ G @ W.T, gH, 6) and ok(Ah, Ah.T)),
    ("G W^\\top = \\begin{bmatrix} 1 & 0", ok([[1, 0], [0, 2], [0, 2], [1, 0]], G @ W.T)),
    ("\\frac13\\begin{bmatrix} 2 & 2", ok(np.array([[2, 2], [1, 4], [1, 4], [2, 2]]) / 3, gH, 6)),
    ("otrzymałem $4{,}0000$", ok(4.0, gW[0, 0], 4) and np.abs(Z).min() > 1e-3),
]

# 12 -------------------------------------------------------------------
xn = np.array([2, 5, 3.]); w, yt = 2.0, 4.0
fm = lambda v: w * v.mean()
Lf = lambda v, ww=w: (ww * v.mean() - yt) ** 2
gx = fd_grad(lambda v: Lf(v), xn)
hv = fm(xn); dLdh = 2 * (hv - yt)
dmax = fd_grad(lambda v: v.max(), xn)
claims["12_aggregatie_gradient_nl.md"] = [
    ("m^{\\text{sum}} = 2 + 5 + 3 = 10", ok(10, xn.sum()) and ok(3.333, xn.mean(), 3) and ok(5, xn.max())),
    ("\\partial m^{\\text{sum}}/\\partial x_u = 1$", ok([1, 1, 1], fd_grad(lambda v: v.sum(), xn), 6)),
    ("= 1/|\\mathcal N(v)| = 1/3$", ok([1 / 3] * 3, fd_grad(lambda v: v.mean(), xn), 6)),
    ("\\partial m^{\\text{max}}/\\partial x_b = 1$", ok([0, 1, 0], dmax, 6)),
    ("h_v = 2 \\cdot \\tfrac{10}{3} \\approx 6{,}667", ok(6.667, hv, 3) and ok(7.111, Lf(xn), 3)),
    ("= h_v - y \\approx 2{,}667", ok(2.667, dLdh, 3)),
    ("\\approx 2{,}667 \\cdot 2 \\cdot \\tfrac13 \\approx 1{,}778", ok(1.778, gx[0], 3)),
    ("dezelfde gradiënt $\\approx 1{,}778$", ok([1.778, 1.778], gx[1:], 3)),
    ("\\approx 2{,}667 \\cdot 3{,}333 \\approx 8{,}889", ok(8.889, fd_grad(lambda ww: Lf(xn, ww[0]), np.array([w]))[0], 3)),
    ("(2 tegen 1)", ok([1, 1, 2, 1], [np.mean([1, 1]), np.max([1, 1]), np.sum([1, 1]), np.sum([1])])),
]

# 13 -------------------------------------------------------------------
hg = {1: np.array([1, 0.]), 2: np.array([0, 1.]), 3: np.array([1, 1.]), 4: np.array([2, -1.])}
Ng = {3: [1, 2, 4], 4: [3]}; eps = 0.5
agg = {v: (1 + eps) * hg[v] + sum(hg[u] for u in Ng[v]) for v in Ng}
W1 = np.array([[1, 0], [0, 1], [1, -1.]]); W2 = np.array([[1, 0, -1], [0, 1, 1.]])
claims["13_gin_tong_vi.md"] = [
    ("= (1{,}5;\\ 1{,}5) + (3;\\ 0) = (4{,}5;\\ 1{,}5)", ok([4.5, 1.5], agg[3]) and ok([3, 0], agg[3] - 1.5 * hg[3])),
    ("1{,}5\\cdot(2,\\ -1) + (1,\\ 1) = (4;\\ -0{,}5)", ok([4, -.5], agg[4])),
    ("- Đỉnh 3: $W_1(4{,}5", ok([4.5, 1.5, 3], W1 @ agg[3]) and ok([1.5, 4.5], W2 @ relu(W1 @ agg[3]))),
    ("- Đỉnh 4: $W_1(4;", ok([4, -.5, 4.5], W1 @ agg[4]) and ok([4, 0, 4.5], relu(W1 @ agg[4])) and ok([-.5, 4.5], W2 @ relu(W1 @ agg[4]))),
    ("2\\cdot 3 + 3 + 3\\cdot 2 + 2 = 17", ok([17, 18], [2 * 3 + 3 + 3 * 2 + 2, 18])),
    ("= 448 + 64 + 4096 + 64 = 4672", ok(4672, 7 * 64 + 64 + 64 * 64 + 64)),
]

# 14 -------------------------------------------------------------------
Nn, E = 1000, 4000
claims["14_gcn_katmanlar_tr.md"] = [
    ("H^{(0)} \\in \\mathbb R^{1000\\times 32}", (rng.random((Nn, Nn)) @ rng.random((Nn, 32)) @ rng.random((32, 64))).shape == (1000, 64)),
    ("= 2E + N = 8000 + 1000 = 9000", ok(9000, 2 * E + Nn)),
    ("$9000 \\cdot 64 = 576.000$", ok(576000, 9000 * 64) and ok(64e6, 1000 ** 2 * 64)),
    ("32\\cdot 64 + 64 = 2048 + 64 = 2112", ok(2112, 32 * 64 + 64)),
    ("64\\cdot 64 + 64 = 4096 + 64 = 4160", ok(4160, 64 * 64 + 64)),
    ("64\\cdot 10 + 64 = 640 + 64 = 704", ok(704, 64 * 10 + 10)),
    ("2112 + 4160 + 704 = 6976", ok(6976, 2112 + 4160 + 650)),
    ("en fazla 3 atlama", True),
]

# 15 -------------------------------------------------------------------
Wp = np.array([[1, 1], [1, -1.]]); bp = np.array([0, .5])
hn = {"a": np.array([1, 2.]), "b": np.array([3, -1.]), "c": np.array([2, 1.])}
lin = {k: Wp @ v for k, v in hn.items()}; post = {k: relu(lin[k] + bp) for k in hn}
AGG = np.max(list(post.values()), axis=0); cat = np.concatenate([[1, 1.], AGG])
Ws = np.array([[1, 0, .5, 0], [0, -1, 0, .5]]); zz = relu(Ws @ cat)
claims["15_graphsage_pool_cs.md"] = [
    ("dohromady $4 + 2 = 6$", ok([6, 8, 14], [Wp.size + bp.size, Ws.size, Wp.size + bp.size + Ws.size])),
    ("h_a &= (1+2,\\ 1-2) = (3,\\ -1)", ok([3, -1], lin["a"])),
    ("h_b &= (3-1,\\ 3-(-1)) = (2,\\ 2)", ok([2, 2], lin["b"])),
    ("h_c &= (2+1,\\ 2-1) = (3,\\ 1)", ok([3, 1], lin["c"])),
    ("(3;\\ 0),\\qquad (2;\\ 2{,}5)", ok([[3, 0], [2, 2.5], [3, 1.5]], [post[k] for k in "abc"])),
    ("$\\mathrm{AGG}(v) = (3;\\ 2{,}5)$", ok([3, 2.5], AGG)),
    ("= (1;\\ 1;\\ 3;\\ 2{,}5)$", ok([1, 1, 3, 2.5], cat)),
    ("= (2{,}5;\\ 0{,}25)", ok([2.5, .25], Ws @ cat)),
    ("\\approx 2{,}5125$", ok(2.5125, np.linalg.norm(zz), 4)),
    ("h_v' \\approx (0{,}9950;\\ 0{,}0995)", ok([.995, .0995], zz / np.linalg.norm(zz), 4)),
]

# 16 -------------------------------------------------------------------
Ah, d = norm_adj(C4); xc = np.array([1, 2, 3, 4.]); H2 = Ah @ Ah @ xc * 4
AhP, _ = norm_adj(P3); xp = np.array([1, 2, 3.])
def diam(A):
    n = len(A); return min(K for K in range(1, n + 1) if reach(A, K).all())
claims["16_readout_grafklassificering_sv.md"] = [
    ("$\\hat A = \\tilde D^{-1/2}(A+I)\\tilde D^{-1/2} = \\tfrac13(A+I)$", ok((C4 + np.eye(4)) / 3, Ah) and ok([1] * 4, Ah.sum(0)) and ok([1] * 4, Ah.sum(1))),
    ("\\approx (2{,}3333;\\ 2;\\ 3;\\ 2{,}6667)^\\top", ok([7 / 3, 2, 3, 8 / 3], Ah @ xc) and ok([2.3333, 2, 3, 2.6667], Ah @ xc, 4)),
    ("\\hat A^2 x = \\tfrac13\\left(7", ok(np.array([7, 22 / 3, 23 / 3, 8]) / 3, Ah @ Ah @ xc) and ok([2.3333, 2.4444, 2.5556, 2.6667], Ah @ Ah @ xc, 4)),
    ("H^{(2)} \\approx (9{,}3333", ok([9.3333, 9.7778, 10.2222, 10.6667], H2, 4)),
    ("\\sum_v H^{(2)}_v = 10,", ok(10, H2.mean())),
    ("\\sum_v H^{(2)}_v = 40,", ok(40, H2.sum())),
    ("\\max_v H^{(2)}_v \\approx 10{,}6667", ok(10.6667, H2.max(), 4)),
    ("= \\tfrac14\\,\\mathbf 1^\\top x \\cdot 4 = 2{,}5 \\cdot 4 = 10", ok(10, np.ones(4) @ Ah @ Ah @ xc * 4 / 4) and ok(2.5, xc.mean())),
    ("$(0{,}9082;\\ 1{,}1498;\\ 0{,}9082)$", ok([.9082, 1.1498, .9082], AhP.sum(0), 4)),
    ("\\approx (1{,}3165;\\ 2{,}2997;\\ 2{,}3165)^\\top", ok([1.3165, 2.2997, 2.3165], AhP @ xp, 4) and ok(1.9776, (AhP @ xp).mean(), 4)),
    ("Diametern för $C_4$ är 2", ok(2, diam(C4))),
]

# ---------------------------------------------------------------------
expected = json.load(open(os.path.join(HERE, "expected.json"), encoding="utf-8"))
files = sorted(f for f in os.listdir(HERE) if f.endswith(".md"))
assert sorted(expected) == files, (sorted(expected), files)
assert sorted(claims) == files, set(files) ^ set(claims)
all_ok = True
for fn in files:
    lines = open(os.path.join(HERE, fn), encoding="utf-8").read().split("\n")
    first_bad = None
    for sub, val in claims[fn]:
        hits = [i + 1 for i, ln in enumerate(lines) if sub in ln]
        assert len(hits) == 1, (fn, sub, hits)
        if not val and (first_bad is None or hits[0] < first_bad):
            first_bad = hits[0]
    status = "OK" if first_bad == expected[fn] else "MISMATCH"
    if status != "OK":
        all_ok = False
    print(f"{status:8s} {fn}: first failing line {first_bad}, expected {expected[fn]}")
assert all_ok
