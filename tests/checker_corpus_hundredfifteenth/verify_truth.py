"""Independent truth checks for the corpus: walk each file's claims in order and report
the first line whose claim fails; compare with expected.json."""
import json, os, itertools
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(0)


def lines_of(fn):
    with open(os.path.join(HERE, fn), encoding="utf-8") as f:
        return f.read().split("\n")


def locate(fn, sub):
    L = lines_of(fn)
    hits = [i + 1 for i, l in enumerate(L) if sub in l]
    assert len(hits) == 1, (fn, sub, hits)
    return hits[0]


def close(x, y, tol):
    return abs(float(x) - float(y)) <= tol


def first_fail(fn, claims):
    lastline = 0
    for sub, ok in claims:
        ln = locate(fn, sub)
        assert ln >= lastline, (fn, sub, "claims out of order")
        lastline = ln
        if not bool(ok):
            return ln
    return None


def fd(f, x, h=1e-6):
    g = np.zeros_like(x)
    for k in range(x.size):
        e = np.zeros_like(x); e.flat[k] = h
        g.flat[k] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def sinkhorn(C, a, b, eps, iters=5000):
    K = np.exp(-C / eps)
    v = np.ones(C.shape[1])
    for _ in range(iters):
        u = a / (K @ v)
        v = b / (K.T @ u)
    return u[:, None] * K * v[None, :]


def w_sorted(x, y, p):
    return np.mean(np.abs(np.sort(x) - np.sort(y)) ** p)


def lp_ot(C, a, b):
    from scipy.optimize import linprog
    n, m = C.shape
    Aeq = np.zeros((n + m, n * m))
    for i in range(n):
        Aeq[i, i * m:(i + 1) * m] = 1
    for j in range(m):
        Aeq[n + j, j::m] = 1
    r = linprog(C.ravel(), A_eq=Aeq, b_eq=np.r_[a, b], bounds=(0, None), method="highs")
    return r.fun, r.x.reshape(n, m)


def quantile_w(xa, wa, xb, wb, p):
    # W_p^p between discrete 1-D measures via quantile functions
    cuts = np.unique(np.r_[0, np.cumsum(wa), np.cumsum(wb)])
    cuts = cuts[cuts <= 1 + 1e-12]
    tot = 0.0
    for lo, hi in zip(cuts[:-1], cuts[1:]):
        s = (lo + hi) / 2
        qa = xa[np.searchsorted(np.cumsum(wa), s)]
        qb = xb[np.searchsorted(np.cumsum(wb), s)]
        tot += (hi - lo) * abs(qa - qb) ** p
    return tot


def sqrtm_psd(S):
    w, V = np.linalg.eigh(S)
    return V @ np.diag(np.sqrt(w)) @ V.T


checks = {}

# ---------------- 01 ----------------
fn = "01_wasserstein_1d_sortierung_de.md"
x = np.array([0.3, 1.8, -0.5, 2.4]); y = np.array([1.1, -0.2, 0.9, 3.0])
d = np.abs(np.sort(x) - np.sort(y))
# optimality of sorting: compare with all permutations
best = min(np.mean((x - y[list(p)]) ** 2) for p in itertools.permutations(range(4)))
best1 = min(np.mean(np.abs(x - y[list(p)])) for p in itertools.permutations(range(4)))
rk = np.argsort(np.argsort(x)); partner = np.sort(y)[rk]
W2sq = lambda z: w_sorted(z, y, 2)
g = fd(W2sq, x.copy())
checks[fn] = [
    (r"x_{(\cdot)} = (-0{,}5;\ 0{,}3;\ 1{,}8;\ 2{,}4)", np.allclose(np.sort(x), [-0.5, 0.3, 1.8, 2.4]) and np.allclose(np.sort(y), [-0.2, 0.9, 1.1, 3.0])),
    (r"|x_{(i)}-y_{(i)}| = (0{,}3;", np.allclose(d, [0.3, 0.6, 0.7, 0.6])),
    (r"\frac{2{,}2}{4} = 0{,}55", close(d.sum(), 2.2, 1e-12) and close(best1, 0.55, 1e-12)),
    (r"\frac{1{,}30}{4} = 0{,}325", close((d ** 2).sum(), 1.30, 1e-12) and close(best, 0.325, 1e-12)),
    (r"W_2 = \sqrt{0{,}325} \approx 0{,}5701", close(np.sqrt(0.325), 0.5701, 5e-5)),
    (r"(-0{,}8;\ 2{,}0;\ -1{,}4;\ -0{,}6)", np.allclose(x - y, [-0.8, 2.0, -1.4, -0.6])),
    (r"\frac{6{,}96}{4} = 1{,}74", close(np.mean((x - y) ** 2), 1.74, 1e-12) and close(np.sum((x - y) ** 2), 6.96, 1e-12)),
    (r"\frac{2}{n}\,\bigl(x_i - y_{\sigma^*(i)}\bigr)", np.allclose(g, 2 / 4 * (x - partner), atol=1e-6)),
    (r"(0{,}3-0{,}9) = -0{,}3", rk[0] == 1 and close(partner[0], 0.9, 1e-12) and close(g[0], -0.3, 1e-6)),
    (r"(2{,}4-3{,}0) = -0{,}3", close(partner[3], 3.0, 1e-12) and close(g[3], -0.3, 1e-6)),
    (r"(-0{,}5+0{,}2) = -0{,}15", close(partner[2], -0.2, 1e-12) and close(g[2], -0.15, 1e-6)),
    (r"\frac12\,(4{,}0-4{,}8) = -0{,}4", close(g.sum(), -0.4, 1e-6) and close(x.sum(), 4.0, 1e-12) and close(y.sum(), 4.8, 1e-12)),
]

# ---------------- 02 ----------------
fn = "02_w1_fonctions_repartition_fr.md"
xa = np.array([0., 2.]); wa = np.array([.5, .5]); xb = np.array([1., 3.]); wb = np.array([.25, .75])
Fm = lambda t: wa[xa <= t].sum(); Fn = lambda t: wb[xb <= t].sum()
ts = np.linspace(-1, 4, 500001); dt = ts[1] - ts[0]
W1int = sum(abs(Fm(t) - Fn(t)) for t in ts[::100]) * dt * 100
C = np.abs(xa[:, None] - xb[None, :])
W1lp, _ = lp_ot(C, wa, wb); W2lp, P2 = lp_ot(C ** 2, wa, wb)
checks[fn] = [
    (r"sur $[0,1)$ : $|F_\mu - F_\nu| = |0{,}5 - 0| = 0{,}5$", close(abs(Fm(0.5) - Fn(0.5)), 0.5, 1e-12)),
    (r"sur $[1,2)$", close(abs(Fm(1.5) - Fn(1.5)), 0.25, 1e-12)),
    (r"sur $[2,3)$", close(abs(Fm(2.5) - Fn(2.5)), 0.75, 1e-12)),
    (r"0{,}75\cdot 1 = 1{,}5", close(W1lp, 1.5, 1e-9) and close(W1int, 1.5, 1e-3)),
    (r"= 2{,}5 - 1 = 1{,}5. \quad\checkmark", close(wb @ xb, 2.5, 1e-12) and close(wa @ xa, 1.0, 1e-12)),
    (r"| $(0;\,0{,}25]$ |", True),
    (r"| $(0{,}25;\,0{,}5]$ |", True),
    (r"| $(0{,}5;\,1]$ |", True),
    (r"0{,}5\cdot 1 = 2{,}75", close(quantile_w(xa, wa, xb, wb, 2), 2.75, 1e-9) and close(W2lp, 2.75, 1e-9)),
    (r"\sqrt{2{,}75} \approx 1{,}658", close(np.sqrt(2.75), 1.658, 5e-4)),
]

# ---------------- 03 ----------------
fn = "03_kantorovich_pl_es.md"
a = np.array([.5, .5]); b = np.array([.3, .3, .4])
C = (np.array([0., 2.])[:, None] - np.array([0., 1., 3.])[None, :]) ** 2
Ps = np.array([[.3, .2, 0], [0, .1, .4]])
val, _ = lp_ot(C, a, b)
f = np.array([0., 0.]); gg = np.array([0., 1., 1.])
Aeq = np.vstack([np.kron(np.eye(2), np.ones(3)), np.kron(np.ones(2), np.eye(3))])
checks[fn] = [
    (r"C = \begin{pmatrix} 0 & 1 & 9 \\ 4 & 1 & 1 \end{pmatrix}", np.allclose(C, [[0, 1, 9], [4, 1, 1]])),
    (r"Hay $2\cdot 3 = 6$", np.linalg.matrix_rank(Aeq) == 4 and Aeq.shape == (5, 6)),
    (r"P^\star = \begin{pmatrix} 0{,}3", np.allclose(Ps.sum(1), a) and np.allclose(Ps.sum(0), b)),
    (r"filas $0{,}3+0{,}2 = 0{,}5$", True),
    (r"1\cdot 0{,}4 = 0{,}7 .$$", close((C * Ps).sum(), 0.7, 1e-12) and close(val, 0.7, 1e-9)),
    (r"W_2 = \sqrt{0{,}7}\approx 0{,}8367", close(np.sqrt(0.7), 0.8367, 5e-5)),
    (r"f_1+g_1 = 0,\quad f_1+g_2 = 1", all(close(f[i] + gg[j], C[i, j], 1e-12) for i, j in [(0, 0), (0, 1), (1, 1), (1, 2)])),
    (r"Fijando $f_1 = 0$", True),
    (r"f_1+g_3 = 1 \le 9", f[0] + gg[2] <= C[0, 2] and f[1] + gg[0] <= C[1, 0] and np.all(f[:, None] + gg[None, :] <= C + 1e-12)),
    (r"1\cdot 0{,}3 + 1\cdot 0{,}4 = 0{,}7,$$", close(f @ a + gg @ b, 0.7, 1e-12)),
    (r"ab^\top = \begin{pmatrix} 0{,}15", np.allclose(np.outer(a, b), [[.15, .15, .2], [.15, .15, .2]])),
    (r"= 2{,}9 .$$", close((C * np.outer(a, b)).sum(), 2.9, 1e-12) and close(0.5 * (0.3 + 3.6) + 0.5 * (1.2 + 0.3 + 0.4), 2.9, 1e-12)),
    (r"tiene $4 = n+m-1$", np.count_nonzero(Ps) == 4),
]

# ---------------- 04 ----------------
fn = "04_sinkhorn_numerico_pt.md"
C = np.array([[0., 1], [1, 0]]); a = np.array([.5, .5]); b = np.array([.25, .75])
K = np.exp(-C)
u1 = a / (K @ np.ones(2)); v1 = b / (K.T @ u1); Kv = K @ v1; u2 = a / Kv
P = u2[:, None] * K * v1[None, :]
checks[fn] = [
    (r"\approx \begin{pmatrix} 1 & 0{,}3679", close(K[0, 1], 0.3679, 5e-5)),
    (r"Kv = (1{,}3679;\ 1{,}3679)^\top", close((K @ np.ones(2))[0], 1.3679, 5e-5)),
    (r"u = \frac{0{,}5}{1{,}3679} \approx 0{,}3655", close(u1[0], 0.3655, 5e-5)),
    (r"K^\top u = 0{,}3655\cdot 1{,}3679 \approx 0{,}5", close((K.T @ u1)[0], 0.5, 5e-5)),
    (r"= (0{,}5;\ 1{,}5).$$", np.allclose(v1, [.5, 1.5])),
    (r"= \begin{pmatrix} 1{,}0518\\ 1{,}6839\end{pmatrix}", np.allclose(Kv, [1.0518, 1.6839], atol=5e-5)),
    (r"\approx \begin{pmatrix} 0{,}4754\\ 0{,}2969\end{pmatrix}", np.allclose(u2, [.4754, .2969], atol=5e-5)),
    (r"P_{11} = 0{,}4754\cdot 1\cdot 0{,}5 \approx 0{,}2377", close(P[0, 0], 0.2377, 5e-5)),
    (r"P_{12} = 0{,}4754\cdot 0{,}3679 \approx 0{,}1749", close(P[0, 1], 0.1749, 5e-5)),
    (r"P_{21} = 0{,}2969", close(P[1, 0], 0.0546, 5e-5)),
    (r"P_{22} = 0{,}2969", close(P[1, 1], 0.4454, 5e-5)),
]

# ---------------- 05 ----------------
fn = "05_gradiente_sinkhorn_it.md"
eps = 0.5; a = np.array([.5, .5]); b = a.copy(); yv = np.array([0.5, 2.0]); xv = np.array([0., 1.])


def ot_eps(xx):
    C = (xx[:, None] - yv[None, :]) ** 2
    P = sinkhorn(C, a, b, eps)
    return (P * C).sum() + eps * (P * (np.log(P) - 1)).sum()


C = (xv[:, None] - yv[None, :]) ** 2; K = np.exp(-C / eps); P = sinkhorn(C, a, b, eps)
gnum = fd(ot_eps, xv, 1e-5)
yhat = P @ yv / a
# identity checks on random 2-D data for matrix form
Xr = rng.normal(size=(3, 2)); Yr = rng.normal(size=(4, 2)); ar = np.full(3, 1 / 3); br = np.full(4, .25)


def ot2(Xf):
    Xm = Xf.reshape(3, 2); Cm = ((Xm[:, None, :] - Yr[None]) ** 2).sum(-1)
    Pm = sinkhorn(Cm, ar, br, 1.0)
    return (Pm * Cm).sum() + 1.0 * (Pm * (np.log(Pm) - 1)).sum()


Cr = ((Xr[:, None, :] - Yr[None]) ** 2).sum(-1); Pr = sinkhorn(Cr, ar, br, 1.0)
gmat = 2 * (np.diag(ar) @ Xr - Pr @ Yr)
gfd = fd(ot2, Xr.ravel().copy(), 1e-5).reshape(3, 2)
checks[fn] = [
    (r"= 2\sum_{j=1}^m P^\varepsilon_{ij}\,(x_i - y_j).$$", np.allclose(gfd, 2 * ((Pr.sum(1))[:, None] * Xr - Pr @ Yr), atol=1e-5)),
    (r"= 2a_i\,\bigl(x_i - \hat y_i\bigr)", np.allclose(gfd, 2 * ar[:, None] * (Xr - (Pr @ Yr) / ar[:, None]), atol=1e-5)),
    (r"\nabla_X \mathrm{OT}_\varepsilon = 2\bigl(\operatorname{diag}(a)\,X - P^\varepsilon Y\bigr)", np.allclose(gfd, gmat, atol=1e-5) and gmat.shape == (3, 2)),
    (r"C = \begin{pmatrix} 0{,}25 & 4\\ 0{,}25 & 1\end{pmatrix}", np.allclose(C, [[.25, 4], [.25, 1]])),
    (r"K = e^{-C/\varepsilon} \approx", np.allclose(K, [[.6065, .000335], [.6065, .1353]], atol=5e-5) and close(K[0, 1], 0.000335, 5e-7)),
    (r"P^\varepsilon \approx \begin{pmatrix} 0{,}4763", np.allclose(P, [[.4763, .0237], [.0237, .4763]], atol=5e-5)),
    (r"\hat y_1 = \frac{0{,}4763", close(yhat[0], 0.5711, 5e-5) and close(yhat[1], 1.9289, 5e-5)),
    (r"= (-0{,}5711;\ -0{,}9289).$$", np.allclose(gnum, [-.5711, -.9289], atol=5e-5)),
    (r"si ottiene $(-0{,}57114;\ -0{,}92886)$", np.allclose(gnum, [-.57114, -.92886], atol=5e-6)),
]

# ---------------- 06 ----------------
fn = "06_w2_gauss_1d_ru.md"
m1, m2, s1, s2 = rng.normal(), rng.normal(), abs(rng.normal()) + .1, abs(rng.normal()) + .1
z = np.linspace(-8, 8, 400001); wz = np.exp(-z ** 2 / 2); wz /= wz.sum()
E = lambda h: (h * wz).sum()
checks[fn] = [
    (r"T(x) = m_2 + \frac{\sigma_2}{\sigma_1}\,(x - m_1)$$", True),
    (r"X - T(X) = (m_1 - m_2) + (\sigma_1 - \sigma_2)Z", close((m1 + s1 * 0.7) - (m2 + s2 / s1 * (s1 * 0.7)), (m1 - m2) + (s1 - s2) * 0.7, 1e-12)),
    (r"(\sigma_1-\sigma_2)^2\,\mathbb E[Z^2] \\", close(E(((m1 - m2) + (s1 - s2) * z) ** 2), (m1 - m2) ** 2 + 2 * (m1 - m2) * (s1 - s2) * E(z) + (s1 - s2) ** 2 * E(z ** 2), 1e-9)),
    (r"&= (m_1-m_2)^2 + (\sigma_1-\sigma_2)^2 ,", close(E(((m1 - m2) + (s1 - s2) * z) ** 2), (m1 - m2) ** 2 + (s1 - s2) ** 2, 1e-6)),
    (r"\sigma_1^2 + \sigma_2^2 - \sigma_1\sigma_2 .$$", close((m1 - m2) ** 2 + s1 ** 2 + s2 ** 2 - s1 * s2, (m1 - m2) ** 2 + (s1 - s2) ** 2, 1e-9)),
    (r"= 9 + 7 = 16,$$", close(9 + 1, 16, 1e-9)),
]

# ---------------- 07 ----------------
fn = "07_gauss_bures_zh.md"


def bures2(S1, S2):
    r = sqrtm_psd(S1)
    return np.trace(S1 + S2 - 2 * sqrtm_psd(r @ S2 @ r))


A_ = rng.normal(size=(3, 3)); S1r = A_ @ A_.T + np.eye(3); B_ = rng.normal(size=(3, 3)); S2r = B_ @ B_.T + np.eye(3)
r1 = sqrtm_psd(S1r); ri = np.linalg.inv(r1); Am = ri @ sqrtm_psd(r1 @ S2r @ r1) @ ri
S1 = np.diag([4., 1]); S2 = np.diag([1., 9])
S2b = np.array([[2., 1], [1, 2]]); R = sqrtm_psd(S2b)
checks[fn] = [
    (r"\operatorname{tr}\!\Bigl(\Sigma_1+\Sigma_2-2", close(bures2(S1r, S2r), bures2(S2r, S1r), 1e-8)),
    (r"容易验证 $A$ 对称正定", np.allclose(Am, Am.T, atol=1e-8) and np.all(np.linalg.eigvalsh((Am + Am.T) / 2) > 0) and np.allclose(Am @ S1r @ Am, S2r, atol=1e-8)),
    (r"=(2-1)^2+(1-3)^2=1+4=5", close(bures2(S1, S2), 5, 1e-9)),
    (r"均值项 $\|m_1-m_2\|^2=1^2+2^2=5$", True),
    (r"W_2=\sqrt{10}\approx 3.1623", close(np.sqrt(10), 3.1623, 5e-5)),
    (r"此时 $A=\operatorname{diag}(1/2,\ 3)$", np.allclose(np.diag([.5, 3.]), np.linalg.inv(sqrtm_psd(S1)) @ sqrtm_psd(sqrtm_psd(S1) @ S2 @ sqrtm_psd(S1)) @ np.linalg.inv(sqrtm_psd(S1)))),
    (r"\Sigma_2^{1/2}=\frac12\begin{pmatrix}\sqrt3+1", np.allclose(R, 0.5 * np.array([[3 ** .5 + 1, 3 ** .5 - 1], [3 ** .5 - 1, 3 ** .5 + 1]]))),
    (r"\approx\begin{pmatrix}1.3660&0.3660", np.allclose(R, [[1.3660, .3660], [.3660, 1.3660]], atol=5e-5)),
    (r"验证：$1.3660^2+0.3660^2", close(1.3660 ** 2, 1.8660, 5e-4) and close(.3660 ** 2, .1340, 5e-4) and close(2 * 1.366 * .366, 1.0, 5e-3)),
    (r"=4-2\sqrt3\approx 0.5359", close(bures2(np.eye(2), S2b), 4 - 2 * 3 ** .5, 1e-9) and close(4 - 2 * 3 ** .5, .5359, 5e-5)),
    (r"W_2\approx\sqrt{0.5359}\approx 0.7321", close(np.sqrt(.5359), .7321, 5e-5)),
    (r"注意 $4-2\sqrt3=(\sqrt3-1)^2$", close((3 ** .5 - 1) ** 2, 4 - 2 * 3 ** .5, 1e-12)),
    (r"$d=3$ 时为 $3+6=9$ 个", 3 + 3 * 4 // 2 == 9),
]

# ---------------- 08 ----------------
fn = "08_wgan_critic_ja.md"
fr = np.array([1.2, .8, 1.5, .5]); fg = np.array([-.3, .1, -.6, .4])
LD = lambda fr, fg: fg.mean() - fr.mean()
gr = fd(lambda t: LD(t, fg), fr.copy()); ggen = fd(lambda t: LD(fr, t), fg.copy())
mr = np.array([3., 1]); mg = np.array([0., -3])
checks[fn] = [
    (r"本物: $f(x_i)=(1.2,\ 0.8,\ 1.5,\ 0.5)$、平均 $1.0$", close(fr.mean(), 1.0, 1e-12)),
    (r"生成: $f(\tilde x_i)=(-0.3,", close(fg.mean(), -0.1, 1e-12)),
    (r"\widehat W_1\approx 1.0-(-0.1)=1.1", close(fr.mean() - fg.mean(), 1.1, 1e-12) and close(LD(fr, fg), -1.1, 1e-12) and close(-fg.mean(), 0.1, 1e-12)),
    (r"\frac{\partial L_D}{\partial f(\tilde x_i)}=\frac1m=0.25", np.allclose(ggen, .25, atol=1e-6)),
    (r"\frac{\partial L_D}{\partial f(x_i)}=+\frac1m=+0.25", np.allclose(gr, .25, atol=1e-6)),
    (r"w^\top(\mu_r-\mu_g)\le\|\mu_r-\mu_g\|_2", True),
    (r"w^\star=(0.6,\ 0.8)^\top", np.allclose((mr - mg) / np.linalg.norm(mr - mg), [.6, .8]) and close(np.linalg.norm(mr - mg), 5, 1e-12)),
    (r"0.01\sqrt2\approx0.0141", close(0.01 * 2 ** .5, .0141, 5e-5)),
]

# ---------------- 09 ----------------
fn = "09_transport_plan_marginals_ko.md"
P = np.array([[.1, .2, 0, 0], [0, .1, .2, .1], [.1, 0, 0, .2]])
a = P.sum(1); b = P.sum(0)
Aeq = np.vstack([np.kron(np.eye(3), np.ones(4)), np.kron(np.ones(3), np.eye(4))])
Pi = np.array([[0, 1, 0], [0, 0, 1], [1, 0, 0]]) / 3
checks[fn] = [
    (r"=\begin{bmatrix}0.3\\0.4\\0.3\end{bmatrix}=a", np.allclose(a, [.3, .4, .3])),
    (r"=\begin{bmatrix}0.2\\0.3\\0.2\\0.3\end{bmatrix}=b", np.allclose(b, [.2, .3, .2, .3])),
    (r"\mathbf 1_3^\top P\,\mathbf 1_4 = 1", close(P.sum(), 1, 1e-12)),
    (r"(ab^\top)\mathbf 1_m=a\,(b^\top\mathbf 1_m)", np.allclose(np.outer(a, b).sum(1), a) and np.allclose(np.outer(a, b).sum(0), b)),
    (r"ab^\top=\begin{bmatrix}0.06", np.allclose(np.outer(a, b), [[.06, .09, .06, .09], [.08, .12, .08, .12], [.06, .09, .06, .09]])),
    (r"0.06+0.09+0.06+0.09=0.3", True),
    (r"독립인 제약은 $n+m-1=6$개", np.linalg.matrix_rank(Aeq) == 6),
    (r"nm-(n+m-1)=(n-1)(m-1)=2\cdot 3=6", 12 - np.linalg.matrix_rank(Aeq) == 6),
    (r"위의 $P$는 양수 성분이 $7$개", np.count_nonzero(P) == 7),
    (r"P_\sigma\mathbf 1_3=\tfrac13\mathbf 1_3", np.allclose(Pi.sum(1), 1 / 3) and np.allclose(Pi.sum(0), 1 / 3) and Pi[0, 1] > 0 and Pi[1, 2] > 0 and Pi[2, 0] > 0),
]

# ---------------- 10 ----------------
fn = "10_sinkhorn_wyprowadzenie_pl.md"
n, m = 2, 3
Cr = rng.random((n, m)); ar = rng.random(n); ar /= ar.sum(); br = rng.random(m); br /= br.sum(); eps = 0.7
fr_ = rng.normal(size=n); gr_ = rng.normal(size=m)
Pr = rng.random((n, m)) + .1


def lag(Pf):
    Pm = Pf.reshape(n, m)
    return (Cr * Pm).sum() + eps * (Pm * (np.log(Pm) - 1)).sum() - fr_ @ (Pm.sum(1) - ar) - gr_ @ (Pm.sum(0) - br)


Kr = np.exp(-Cr / eps); ur = np.exp(fr_ / eps); vr = np.exp(gr_ / eps)
Pg = ur[:, None] * Kr * vr[None, :]


def ku_ok():
    try:
        z = Kr @ ur
        return np.allclose(br / z, vr)
    except ValueError:
        return False


def dual_ok():
    # value of Lagrangian at the Gibbs plan equals the dual objective
    Pm = np.exp((fr_[:, None] + gr_[None, :] - Cr) / eps)
    lhs = lag(Pm.ravel())
    rhs = fr_ @ ar + gr_ @ br - eps * Pm.sum()
    return close(lhs, rhs, 1e-10)


checks[fn] = [
    (r"\frac{d}{dp}\,p(\log p-1)=\log p", close(fd(lambda p: (p * (np.log(p) - 1)).sum(), np.array([0.37]))[0], np.log(.37), 1e-8)),
    (r"=C_{ij}+\varepsilon\log P_{ij}-f_i-g_j=0", np.allclose(fd(lag, Pr.ravel().copy()).reshape(n, m), Cr + eps * np.log(Pr) - fr_[:, None] - gr_[None, :], atol=1e-6)),
    (r"\Bigl(\frac{f_i+g_j-C_{ij}}{\varepsilon}\Bigr)=u_i\,K_{ij}\,v_j", np.allclose(np.exp((fr_[:, None] + gr_[None, :] - Cr) / eps), Pg)),
    (r"=u_i\,(Kv)_i=a_i\quad", np.allclose(Pg.sum(1), ur * (Kr @ vr))),
    (r"v=b\oslash(Ku).$$", np.allclose(Pg.sum(0), vr * (Kr.T @ ur)) and ku_ok()),
    (r"dostajemy", True),
    (r"-\varepsilon\sum_{i,j}e^{(f_i+g_j-C_{ij})/\varepsilon},$$", dual_ok()),
]

# ---------------- 11 ----------------
fn = "11_wgan_gp_nl.md"
xr = np.array([1., 2]); xg = np.array([3., 0]); t = .25; xh = t * xr + (1 - t) * xg
w = np.array([1.2, .5]); lam = 10
pen = lambda ww: lam * (np.linalg.norm(ww) - 1) ** 2
gpen = fd(pen, w.copy())
D = lambda xx: 0.5 * xx @ xx
gD = fd(D, xh.copy())
sizes = [784, 512, 256, 1]
layers = [sizes[k] * sizes[k + 1] + sizes[k + 1] for k in range(3)]
checks[fn] = [
    (r"=(0{,}25+2{,}25,\ 0{,}5+0)=(2{,}5,\ 0{,}5)", np.allclose(xh, [2.5, .5])),
    (r"\sqrt{1{,}44+0{,}25}=\sqrt{1{,}69}=1{,}3", close(np.linalg.norm(w), 1.3, 1e-12)),
    (r"10\cdot 0{,}3^2=0{,}9", close(pen(w), .9, 1e-9)),
    (r"2\lambda\,(\|w\|_2-1)\,\frac{w}{\|w\|_2}", np.allclose(gpen, 2 * lam * (1.3 - 1) * w / 1.3, atol=1e-6)),
    (r"\approx(5{,}538,\ 2{,}308)", np.allclose(gpen, [5.538, 2.308], atol=5e-4)),
    (r"Voor $w=(0{,}6,\ 0{,}8)$ is", close(pen(np.array([.6, .8])), 0, 1e-12) and np.allclose(fd(pen, np.array([.6, .8])), 0, atol=1e-6)),
    (r"=\sqrt{6{,}5}\approx2{,}5495", np.allclose(gD, xh, atol=1e-6) and close(np.linalg.norm(gD), 2.5495, 5e-5)),
    (r"10\cdot2{,}4010\approx24{,}01", close((np.sqrt(6.5) - 1) ** 2, 2.4010, 5e-5) and close(lam * (np.sqrt(6.5) - 1) ** 2, 24.01, 5e-3)),
    (r"784\cdot512+512&=401\,920", layers[0] == 401920),
    (r"512\cdot256+256&=131\,328", layers[1] == 131328),
    (r"256\cdot1+1&=257", layers[2] == 257),
    (r"=533\,505$ parameters", sum(layers) == 533505),
]

# ---------------- 12 ----------------
fn = "12_ot_entropy_2x2_vi.md"
C = np.array([[0., 2], [2, 0]]); a = np.array([.5, .5])
P = sinkhorn(C, a, a, 1.0); H = -(P * np.log(P)).sum()
checks[fn] = [
    (r"\approx\begin{pmatrix}1&0{,}1353\\0{,}1353&1\end{pmatrix}", close(np.exp(-2), .1353, 5e-5)),
    (r"s^2=\frac{0{,}5}{1{,}1353}\approx0{,}4404", close(.5 / (1 + np.exp(-2)), .4404, 5e-5)),
    (r"P^\varepsilon\approx\begin{pmatrix}0{,}4404&0{,}0596", np.allclose(P, [[.4404, .0596], [.0596, .4404]], atol=5e-5)),
    (r"với $0{,}4404\cdot0{,}1353\approx0{,}0596$", close(.4404 * .1353, .0596, 5e-5)),
    (r"Ta có $\log 0{,}4404\approx-0{,}8201$", close(np.log(P[0, 0]), -.8201, 5e-5) and close(np.log(P[0, 1]), -2.8201, 5e-5) and close(np.log(P[0, 0]) - np.log(P[0, 1]), 2, 1e-9)),
    (r"\approx0{,}7223+0{,}3362=1{,}0585", close(H, 1.0585, 5e-5) and close(-2 * P[0, 0] * np.log(P[0, 0]), .7223, 5e-5) and close(-2 * P[0, 1] * np.log(P[0, 1]), .3362, 5e-5)),
    (r"=2\cdot P^\varepsilon_{12}=2\cdot0{,}0596=0{,}1192", close((P * C).sum(), .1192, 5e-5)),
    (r"\approx0{,}1192-1{,}0585=-0{,}9393", close((P * C).sum() - H, -.9393, 5e-5)),
]

# ---------------- 13 ----------------
fn = "13_ustel_dagilim_wasserstein_tr.md"
from math import gamma, log
s = (np.arange(2_000_000) + 0.5) / 2_000_000
q1 = -np.log1p(-s); q2 = -np.log1p(-s) / 2
xs = np.linspace(0, 60, 600001); dx = xs[1] - xs[0]
W1cdf = np.sum(np.abs(np.exp(-xs) - np.exp(-2 * xs))) * dx
checks[fn] = [
    (r"\,dx=1-\frac12=\frac12 .$$", close(W1cdf, .5, 1e-4)),
    (r"\mathbb E_\mu X-\mathbb E_\nu X=1-\tfrac12=\tfrac12", True),
    (r"=-\frac12\ln(1-s)\ \ge 0 .$$", np.allclose(q1 - q2, -0.5 * np.log1p(-s))),
    (r"\int_0^\infty t^p e^{-t}\,dt", close(np.mean((-np.log1p(-s)) ** 3), gamma(4), 1e-2)),
    (r"W_p(\mu,\nu)=\Bigl|\frac1{\lambda_1}-\frac1{\lambda_2}\Bigr|\,\Gamma(p+1)^{1/p}.$$", close(np.mean(np.abs(q1 - q2) ** 2) ** .5, .5 * gamma(3) ** .5, 1e-3)),
    (r"- $p=1$: $\Gamma(2)=1$", close(np.mean(np.abs(q1 - q2)), .5, 1e-4)),
    (r"W_2=\tfrac{\sqrt2}{2}\approx0{,}7071", close(.25 * 2, .5, 1e-12) and close(2 ** .5 / 2, .7071, 5e-5)),
    (r"W_3=\tfrac12\cdot6^{1/3}\approx0{,}5\cdot1{,}8171\approx0{,}9086", close(6 ** (1 / 3), 1.8171, 5e-5) and close(.5 * 6 ** (1 / 3), .9086, 5e-5)),
    (r"Beklendiği gibi $W_1\le W_2\le W_3$", .5 <= .7071 <= .9086),
    (r"=\frac{x}{2}$$", close(-log(1 - (1 - np.exp(-1.3))) / 2, 0.65, 1e-12)),
    (r"=\tfrac14\,\mathbb E[X^2]=\tfrac14\cdot2=\tfrac12", close(np.mean(q1 ** 2), 2, 1e-3)),
]

# ---------------- 14 ----------------
fn = "14_sliced_wasserstein_cs.md"
X = np.array([[0., 0], [1, 2], [3, 1]]); Y = np.array([[1., 1], [2, 0], [0, 3]])
th = [np.array([1., 0]), np.array([0., 1]), np.array([1., 1]) / 2 ** .5]
sw = [w_sorted(X @ t_, Y @ t_, 2) for t_ in th]
W2full = min(np.mean(((X - Y[list(p)]) ** 2).sum(1)) for p in itertools.permutations(range(3)))
checks[fn] = [
    (r"$X\mapsto(0,\,1,\,3)$, $Y\mapsto(1,\,2,\,0)$", np.allclose(X @ th[0], [0, 1, 3]) and np.allclose(Y @ th[0], [1, 2, 0])),
    (r"=0^2+0^2+1^2=1 .$$", close(sw[0], 1, 1e-12)),
    (r"Seřazeno $p=(0,1,2)$, $q=(0,1,3)$", np.allclose(np.sort(X @ th[1]), [0, 1, 2]) and np.allclose(np.sort(Y @ th[1]), [0, 1, 3])),
    (r"W_2^2=\frac13\,(0+0+1)=\frac13\approx0{,}3333", close(sw[1], 1 / 3, 1e-12)),
    (r"\approx(0;\ 2{,}1213;\ 2{,}8284)", np.allclose(X @ th[2], [0, 2.1213, 2.8284], atol=5e-5) and np.allclose(Y @ th[2], [1.4142, 1.4142, 2.1213], atol=5e-5)),
    (r"rozdíly jsou $(-1{,}4142;\ 0{,}7071;\ 0{,}7071)$", np.allclose(np.sort(X @ th[2]) - np.sort(Y @ th[2]), [-1.4142, .7071, .7071], atol=5e-5)),
    (r"W_2^2=\frac{2+0{,}5+0{,}5}{3}=1 .$$", close(sw[2], 1, 1e-12)),
    (r"=\frac79\approx0{,}7778", close(np.mean(sw), 7 / 9, 1e-9)),
    (r"takže $W_2^2(\mu,\nu)=\tfrac13(2+2+2)=2$", close(W2full, 2, 1e-12)),
]

# ---------------- 15 ----------------
fn = "15_histogram_w1_cumsum_en.md"
a = np.array([.1, .4, .3, .2]); b = np.array([.3, .2, .2, .3]); grid = np.arange(4.)
Cg = np.abs(grid[:, None] - grid[None, :])
W1lp, _ = lp_ot(Cg, a, b); W2lp, _ = lp_ot(Cg ** 2, a, b)
P = np.array([[.1, 0, 0, 0], [.2, .2, 0, 0], [0, 0, .2, .1], [0, 0, 0, .2]])
f = np.array([0., 1, 1, 0])
A = np.cumsum(a); B = np.cumsum(b)
fr_ = rng.normal(size=4)
try:
    from scipy.stats import wasserstein_distance
    sp = wasserstein_distance(grid, grid, a, b)
except Exception:
    sp = W1lp
checks[fn] = [
    (r"A-B=(-0.2,\ 0,\ 0.1,\ 0)", np.allclose(A, [.1, .5, .8, 1]) and np.allclose(B, [.3, .5, .7, 1]) and np.allclose(A - B, [-.2, 0, .1, 0])),
    (r"W_1(a,b)=0.2+0+0.1=0.3 .$$", close(W1lp, .3, 1e-9)),
    (r"`np.abs(np.cumsum(a - b))[:-1].sum()`", close(np.abs(np.cumsum(a - b))[:-1].sum(), .3, 1e-12) and close(sp, .3, 1e-9)),
    (r"P=\begin{pmatrix}0.1&0&0&0", True),
    (r"Row sums are $(0.1,0.4,0.3,0.2)=a$", np.allclose(P.sum(1), a) and np.allclose(P.sum(0), b)),
    (r"giving cost $0.2\cdot1+0.1\cdot1=0.3$", close((P * Cg).sum(), .3, 1e-12)),
    (r"=-\sum_{k=0}^{K-1}\bigl(f(k+1)-f(k)\bigr)(A_k-B_k),$$", close(fr_ @ (a - b), -np.sum(np.diff(fr_) * (A - B)[:-1]), 1e-12)),
    (r"i.e. $f=(0,1,1,0)$", np.allclose(np.diff(f), [1, 0, -1])),
    (r"=(0.4+0.3)-(0.2+0.2)=0.3 .$$", close(f @ a, .7, 1e-12) and close(f @ b, .4, 1e-12) and close(f @ (a - b), .3, 1e-12)),
    (r"W_2^2=0.2\cdot1^2+0.1\cdot1^2=0.3", close(quantile_w(grid, a, grid, b, 2), .3, 1e-9) and close(W2lp, .3, 1e-9) and close(.3 ** .5, .5477, 5e-5)),
]

# ---------------- 16 ----------------
fn = "16_cost_matrix_gradient_en.md"
Xr = rng.normal(size=(4, 3)); Yr = rng.normal(size=(5, 3))
Ctrue = ((Xr[:, None, :] - Yr[None]) ** 2).sum(-1)
Cvec = (Xr * Xr) @ np.ones((3, 1)) @ np.ones((1, 5)) + np.ones((4, 1)) @ np.ones((1, 3)) @ (Yr * Yr).T - 2 * Xr @ Yr.T
X = np.array([[0., 1], [2, 0]]); Y = np.array([[1., 1], [0, 0], [3, 1]])
C = ((X[:, None, :] - Y[None]) ** 2).sum(-1)
P = np.array([[0, .5, 0], [.2, 0, .3]])
Pr = rng.random((4, 5))
obj = lambda Xf: (Pr * ((Xf.reshape(4, 3)[:, None, :] - Yr[None]) ** 2).sum(-1)).sum()
gfd = fd(obj, Xr.ravel().copy()).reshape(4, 3)
grad = 2 * (np.diag(P.sum(1)) @ X - P @ Y)
Aeq = np.vstack([np.kron(np.eye(4), np.ones(5)), np.kron(np.ones(4), np.eye(5))])
checks[fn] = [
    (r"=\|x_i\|^2+\|y_j\|^2-2\langle x_i,y_j\rangle", np.allclose(Ctrue, Cvec)),
    (r"C=\bigl(X\odot X\bigr)\mathbf 1_d", np.allclose(Ctrue, Cvec) and Cvec.shape == (4, 5)),
    (r"and $XY^\top$ is $(n\times d)(d\times m)=n\times m$", (Xr @ Yr.T).shape == (4, 5)),
    (r"Squared norms: $\|x_i\|^2=(1,\ 4)$", np.allclose((X ** 2).sum(1), [1, 4]) and np.allclose((Y ** 2).sum(1), [2, 0, 10])),
    (r"XY^\top=\begin{pmatrix}1&0&1\\2&0&6\end{pmatrix}", np.allclose(X @ Y.T, [[1, 0, 1], [2, 0, 6]])),
    (r"=\begin{pmatrix}1&1&9\\2&4&2\end{pmatrix}", np.allclose(C, [[1, 1, 9], [2, 4, 2]])),
    (r"=\|(2,0)-(3,1)\|^2=1+1=2", close(C[1, 2], 2, 1e-12)),
    (r"\nabla_X\langle P,C\rangle=2\bigl(\operatorname{diag}(P\mathbf 1_m)\,X-PY\bigr)", np.allclose(gfd, 2 * (np.diag(Pr.sum(1)) @ Xr - Pr @ Yr), atol=1e-5)),
    (r"\langle P,C\rangle=0.5\cdot1+0.2\cdot2+0.3\cdot2=1.5", np.allclose(P.sum(1), [.5, .5]) and np.allclose(P.sum(0), [.2, .5, .3]) and close((P * C).sum(), 1.5, 1e-12)),
    (r"=\begin{pmatrix}0&0\\1.1&0.5\end{pmatrix},$$", np.allclose(P @ Y, [[0, 0], [1.1, .5]])),
    (r"=\begin{pmatrix}0&1\\-0.2&-1\end{pmatrix}.$$", np.allclose(grad, [[0, 1], [-.2, -1]])),
    (r"Row check: $\nabla_{x_1}=2\cdot0.5", np.allclose(grad[0], [0, 1])),
    (r"$nm=1.5\times10^6$ entries, i.e. $6$ MB", 1000 * 1500 == 1.5e6 and np.zeros((1000, 1500), np.float32).nbytes == 6_000_000),
    (r"costs $nmd=4.5\times10^6$", 1000 * 1500 * 3 == 4.5e6),
    (r"\dim U(a,b)=nm-(n+m)=20-9=11", 20 - np.linalg.matrix_rank(Aeq) == 11),
]

# ---------------- compare ----------------
with open(os.path.join(HERE, "expected.json")) as fh:
    expected = json.load(fh)
mds = sorted(f for f in os.listdir(HERE) if f.endswith(".md"))
assert sorted(expected) == mds == sorted(checks), (sorted(expected), mds, sorted(checks))
bad = 0
for fn in mds:
    got = first_fail(fn, checks[fn])
    exp = expected[fn]
    status = "OK" if got == exp else "MISMATCH"
    bad += status != "OK"
    print(f"{status}  {fn}: first failing line = {got}, expected = {exp}")
print("ALL OK" if bad == 0 else f"{bad} mismatches")
raise SystemExit(1 if bad else 0)
