#!/usr/bin/env python
"""Independent check of corpus105: walk each file's claims line by line, find the first failing line,
compare with expected.json."""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(105)


def sm(x):
    x = np.asarray(x, float)
    e = np.exp(x - x.max())
    return e / e.sum()


def lse(x):
    x = np.asarray(x, float)
    m = x.max()
    return m + np.log(np.exp(x - m).sum())


def fd(f, x, h=1e-6):
    x = np.array(x, float)
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        e = np.zeros_like(x); e[i] = h
        g[i] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def close(claimed, true, dec):
    """claimed printed with `dec` decimals; allow one unit in the last place."""
    claimed = np.asarray(claimed, float); true = np.asarray(true, float)
    return bool(np.all(np.abs(claimed - true) <= 10.0 ** (-dec) * 1.0001))


def allclose(a, b, tol=1e-5):
    return bool(np.allclose(np.asarray(a, float), np.asarray(b, float), atol=tol, rtol=tol))


def run(fname, checks):
    lines = open(os.path.join(HERE, fname), encoding="utf-8").read().split("\n")
    results = []
    for sub, fn in checks:
        hits = [i + 1 for i, l in enumerate(lines) if sub in l]
        assert len(hits) == 1, f"{fname}: substring {sub!r} found {len(hits)} times"
        ok = bool(fn())
        results.append((hits[0], ok, sub))
    results.sort()
    failing = [ln for ln, ok, _ in results if not ok]
    return (failing[0] if failing else None), results


# ---------------------------------------------------------------- 01
def f01():
    tau = 0.5
    q = np.array([1., 0]); K = np.array([[0.8, 0.6], [0, 1], [-1, 0]])
    s = K @ q / tau; p = sm(s)
    Lq = lambda qq, KK=K, t=tau: -np.log(sm(KK @ qq / t)[0])
    qr = rng.normal(size=3); Kr = rng.normal(size=(5, 3)); tr = 0.7
    pr = sm(Kr @ qr / tr)
    sr = rng.normal(size=5)
    return [
        ("= -s_0 + \\log \\sum_{j=0}^{K} e^{s_j}.", lambda: allclose(-np.log(sm(sr)[0]), -sr[0] + lse(sr))),
        ("\\frac{\\partial \\mathcal{L}}{\\partial s_j} = p_j - \\delta_{j0}.",
         lambda: allclose(fd(lambda x: -np.log(sm(x)[0]), sr), sm(sr) - np.eye(5)[0])),
        ("= \\frac{1}{\\tau}\\Big( \\sum_{j=0}^{K} p_j k_j - k_0 \\Big).",
         lambda: allclose(fd(lambda x: Lq(x, Kr, tr), qr), (pr @ Kr - Kr[0]) / tr)),
        ("\\frac{\\partial \\mathcal{L}}{\\partial q} = \\frac{1}{\\tau}\\Big( \\sum_{j=1}^{K} p_j (k_j - k_0) \\Big),",
         lambda: allclose((pr[1:] @ (Kr[1:] - Kr[0])) / tr, (pr @ Kr - Kr[0]) / tr)),
        ("Dann ist $q^\\top k_j = (0{,}8;", lambda: allclose(K @ q, [0.8, 0, -1]) and allclose(s, [1.6, 0, -2])),
        ("Die Exponentiale sind", lambda: close([4.9530, 0.1353], [np.exp(1.6), np.exp(-2)], 4)),
        ("Summe $\\approx 6{,}0884$", lambda: close(6.0884, np.exp(s).sum(), 4)),
        ("p \\approx (0{,}8135;\\ 0{,}1642;\\ 0{,}0222)", lambda: close([0.8135, 0.1642, 0.0222], p, 4) and close(0.2064, -np.log(p[0]), 4)),
        ("\\approx \\begin{pmatrix} 0{,}6286 \\\\ 0{,}6524", lambda: close([0.6286, 0.6524], p @ K, 4)),
        ("= \\begin{pmatrix} -0{,}3428 \\\\ 0{,}1047", lambda: close([-0.3428, 0.1047], fd(Lq, q), 4)),
    ]


# ---------------------------------------------------------------- 02
def f02():
    tau = 0.5
    q = np.array([1., 0]); K = np.array([[0.8, 0.6], [0, 1], [-1, 0]])
    p = sm(K @ q / tau)
    qr = rng.normal(size=3); Kr = rng.normal(size=(4, 3)); tr = 0.6
    pr = sm(Kr @ qr / tr)
    def LK(j, kj, KK=Kr, qq=qr, t=tr):
        KK = KK.copy(); KK[j] = kj
        return -np.log(sm(KK @ qq / t)[0])
    gk = [fd(lambda x, j=j: LK(j, x), Kr[j]) for j in range(4)]
    sr = rng.normal(size=4)
    gk_num = [fd(lambda x, j=j: LK(j, x, K, q, tau), K[j]) for j in range(3)]
    return [
        ("\\mathcal{L} = -s_0 + \\log Z ,", lambda: allclose(-np.log(sm(sr)[0]), -sr[0] + lse(sr))),
        ("= p_j - \\delta_{j0} .", lambda: allclose(fd(lambda x: -np.log(sm(x)[0]), sr), sm(sr) - np.eye(4)[0])),
        ("\\partial s_j / \\partial k_j = q / \\tau", lambda: allclose(fd(lambda x: x @ qr / tr, Kr[1]), qr / tr)),
        ("\\frac{\\partial \\mathcal{L}}{\\partial k_0} = (p_0 - 1)\\,\\frac{q}{\\tau},", lambda: allclose(gk[0], (pr[0] - 1) * qr / tr)),
        ("\\frac{\\partial \\mathcal{L}}{\\partial k_j} = -\\,p_j\\,\\frac{q}{\\tau} .",
         lambda: all(allclose(gk[j], -pr[j] * qr / tr) for j in (1, 2, 3))),
        ("= (2p_0 - 2)\\,\\frac{q}{\\tau} .", lambda: allclose(sum(gk), (2 * pr[0] - 2) * qr / tr)),
        ("p \\approx (0{,}8135 ; 0{,}1642 ; 0{,}0222).", lambda: close([0.8135, 0.1642, 0.0222], p, 4)),
        ("= (-0{,}3730 ; 0)^\\top", lambda: close([-0.3730, 0], gk_num[0], 4)),
        ("= (-0{,}3285 ; 0)^\\top", lambda: close([-0.3285, 0], gk_num[1], 4)),
        ("= (-0{,}0445 ; 0)^\\top", lambda: close([-0.0445, 0], gk_num[2], 4)),
    ]


# ---------------------------------------------------------------- 03
def f03():
    s = np.array([0.9, 0.5, 0.3, -0.2])
    L = lambda ss, t: -np.log(sm(ss / t)[0])
    sr = rng.normal(size=5) * 0.5; tr = 0.3
    pr = sm(sr / tr)
    P = {t: sm(s / t) for t in (1, 0.5, 0.1)}
    rel = {t: P[t][1:] / P[t][1:].sum() for t in P}
    return [
        ("\\frac{\\partial \\mathcal{L}_\\tau}{\\partial s_0} = \\frac{p_0 - 1}{\\tau},",
         lambda: allclose(fd(lambda x: L(x, tr), sr), (pr - np.eye(5)[0]) / tr)),
        ("La \"fuerza total\" de repulsión", lambda: allclose(pr[1:].sum() / tr, (1 - pr[0]) / tr)),
        ("**Con $\\tau = 1$:** $p \\approx (0{,}3918", lambda: close([0.3918, 0.2627, 0.2151, 0.1304], P[1], 4)),
        ("\\mathcal{L}_1 = -\\log 0{,}3918 \\approx 0{,}9369", lambda: close(0.9369, L(s, 1), 4) and close(0.6082, 1 - P[1][0], 4)),
        ("(0{,}4319;\\ 0{,}3536;\\ 0{,}2145)", lambda: close([0.4319, 0.3536, 0.2145], rel[1], 4)),
        ("**Con $\\tau = 0{,}5$:** $p \\approx (0{,}5373", lambda: close([0.5373, 0.2414, 0.1618, 0.0595], P[0.5], 4)),
        ("\\mathcal{L}_{0{,}5} \\approx 0{,}6213", lambda: close(0.6213, L(s, .5), 4) and close(0.4627, 1 - P[.5][0], 4) and close(0.9255, (1 - P[.5][0]) / .5, 4)),
        ("(0{,}5217;\\ 0{,}3497;\\ 0{,}1286)", lambda: close([0.5217, 0.3497, 0.1286], rel[.5], 4)),
        ("**Con $\\tau = 0{,}1$:** $p \\approx (0{,}9796", lambda: close([0.9796, 0.0179, 0.0024], P[.1][:3], 4) and close(0.00002, P[.1][3], 5)),
        ("\\mathcal{L}_{0{,}1} \\approx 0{,}0206", lambda: close(0.0206, L(s, .1), 4) and close(0.2039, (1 - P[.1][0]) / .1, 4)),
        ("(0{,}8801;\\ 0{,}1191;\\ 0{,}0008)", lambda: close([0.8801, 0.1191, 0.0008], rel[.1], 4)),
        ("gradiente total no crece", lambda: True),
        ("($\\tau = 0{,}5$) y vuelve a bajar", lambda: close([0.6082, 0.9255, 0.2039], [(1 - P[t][0]) / t for t in (1, .5, .1)], 4)),
        ("En el límite $\\tau \\to 0^{+}$", lambda: L(s, 1e-3) < 1e-6 and sm(s / 1e-3)[1] / sm(s / 1e-3)[1:].sum() > 1 - 1e-6),
    ]


# ---------------------------------------------------------------- 04
def f04():
    N = 256; n2 = 2 * N
    view_img = np.repeat(np.arange(N), 2)
    same = view_img[:, None] == view_img[None, :]
    diag = np.eye(n2, dtype=bool)
    pos = same & ~diag; neg = ~same
    z = rng.normal(size=(6, 4))
    return [
        ("\\mathcal{L} = \\frac{1}{2N} \\sum_{k=1}^{N} \\big[ \\ell_{2k-1,\\,2k} + \\ell_{2k,\\,2k-1} \\big].",
         lambda: sorted([2 * k - 1 for k in range(1, N + 1)] + [2 * k for k in range(1, N + 1)]) == list(range(1, n2 + 1))),
        ("Observe que $\\ell_{i,j} \\neq \\ell_{j,i}$", lambda: (lambda S: not np.isclose(lse(np.delete(S[0], 0)) - S[0, 1], lse(np.delete(S[1], 1)) - S[1, 0]))(
            (z / np.linalg.norm(z, axis=1, keepdims=True)) @ (z / np.linalg.norm(z, axis=1, keepdims=True)).T / 0.5)),
        ("logo o denominador de $\\ell_{i,j}$ tem $2N - 1$", lambda: all((~diag[i]).sum() == n2 - 1 for i in range(n2))),
        ("2N = 512, \\qquad S \\in \\mathbb{R}^{512 \\times 512}", lambda: n2 == 512 and np.zeros((n2, n2)).size == 262144),
        ("Entradas fora da diagonal: $512 \\cdot 511 = 261\\,632$", lambda: (~diag).sum() == 261632 and (~diag[0]).sum() == 511 and pos.sum() == 512),
        ("2N - 1 = 511 .", lambda: neg.sum(axis=1)[0] == 511),
        ("512 \\cdot 511 = 261\\,632,", lambda: neg.sum() == 261632),
        ("obtemos $261\\,632 + 512 = 262\\,144$", lambda: neg.sum() + pos.sum() == 262144),
        ("\\log 511 \\approx 6{,}2364", lambda: close(6.2364, np.log(511), 4)),
    ]


# ---------------------------------------------------------------- 05
def f05():
    u0 = rng.normal(size=3); v0 = rng.normal(size=3)
    nrm = np.linalg.norm
    c = lambda u, v=v0: u @ v / (nrm(u) * nrm(v))
    u = np.array([1., 2, 2]); v = np.array([2., 0, 1])
    cn = c(u, v)
    true_g = fd(lambda x: c(x, v), u)
    claimed_g = v / (nrm(u) * nrm(v)) - cn * u / nrm(u)
    return [
        ("Primo ingrediente: $\\nabla_u (u^\\top v) = v$.", lambda: allclose(fd(lambda x: x @ v0, u0), v0)),
        ("\\nabla_u \\lVert u \\rVert = \\tfrac12 (u^\\top u)^{-1/2} \\cdot 2u = \\frac{u}{\\lVert u \\rVert},",
         lambda: allclose(fd(nrm, u0), u0 / nrm(u0))),
        ("\\nabla_u \\frac{1}{\\lVert u \\rVert} = -\\frac{1}{\\lVert u \\rVert^2}\\cdot \\frac{u}{\\lVert u \\rVert}",
         lambda: allclose(fd(lambda x: 1 / nrm(x), u0), -u0 / nrm(u0) ** 3)),
        ("= -\\frac{u}{\\lVert u \\rVert^2}.", lambda: allclose(fd(lambda x: 1 / nrm(x), u0), -u0 / nrm(u0) ** 2)),
        ("= \\frac{v}{\\lVert u \\rVert \\lVert v \\rVert} - c\\,\\frac{u}{\\lVert u \\rVert}.",
         lambda: allclose(fd(c, u0), v0 / (nrm(u0) * nrm(v0)) - c(u0) * u0 / nrm(u0))),
        ("u^\\top v = 2 + 0 + 2 = 4,", lambda: nrm(u) == 3 and close(2.2361, nrm(v), 4) and u @ v == 4),
        ("per cui $c = 4 / (3\\sqrt5) \\approx 0{,}5963$", lambda: close(0.5963, cn, 4)),
        ("\\nabla_u c \\approx \\frac{1}{6{,}7082}", lambda: close(6.7082, 3 * np.sqrt(5), 4)),
        ("\\approx \\begin{pmatrix} 0{,}2981 \\\\ 0 \\\\ 0{,}1491 \\end{pmatrix}", lambda: close([0.2981, 0, 0.1491], v / (3 * np.sqrt(5)), 4)
         and close([0.1988, 0.3975, 0.3975], cn * u / 3, 4)),
        ("= \\begin{pmatrix} 0{,}0994 \\\\ -0{,}3975 \\\\ -0{,}2484 \\end{pmatrix}", lambda: close([0.0994, -0.3975, -0.2484], true_g, 4)),
        ("\\nabla_u c = v - c\\,u = v - (u^\\top v)\\,u ,", lambda: (lambda a, b: allclose(fd(lambda x: c(x, b), a), b - (a @ b) * a))(
            u0 / nrm(u0), v0 / nrm(v0))),
    ]


# ---------------------------------------------------------------- 06
def f06():
    a0, p0, n0 = rng.normal(size=(3, 4))
    h = lambda a, p, n, al=0.5: np.sum((a - p) ** 2) - np.sum((a - n) ** 2) + al
    L = lambda a, p, n, al=0.5: max(0.0, h(a, p, n, al))
    a = np.array([1., 1]); p = np.array([1.5, .5]); n1 = np.array([2., 1.5]); n2 = np.array([1.5, 1.5])
    ga = fd(lambda x: L(x, p, n2), a); gp = fd(lambda x: L(a, x, n2), p); gn = fd(lambda x: L(a, p, x), n2)
    a1 = a - 0.1 * ga
    return [
        ("\\nabla_a h &= 2(a - p) - 2(a - n) = 2(n - p), \\\\", lambda: allclose(fd(lambda x: h(x, p0, n0), a0), 2 * (n0 - p0))),
        ("\\nabla_p h &= -2(a - p) = 2(p - a), \\\\", lambda: allclose(fd(lambda x: h(a0, x, n0), p0), 2 * (p0 - a0))),
        ("\\nabla_n h &= 2(a - n).", lambda: allclose(fd(lambda x: h(a0, p0, x), n0), 2 * (a0 - n0))),
        ("Проверка: сумма трёх градиентов", lambda: allclose(2 * (n0 - p0) + 2 * (p0 - a0) + 2 * (a0 - n0), 0)),
        ("\\lVert a - p \\rVert^2 = 0{,}25 + 0{,}25 = 0{,}5, \\qquad", lambda: close(0.5, np.sum((a - p) ** 2), 6) and close(1.25, np.sum((a - n1) ** 2), 6)),
        ("$h = 0{,}5 - 1{,}25 + 0{,}5 = -0{,}25 < 0$", lambda: close(-0.25, h(a, p, n1), 6) and L(a, p, n1) == 0),
        ("Тогда $\\lVert a - n \\rVert^2 = 0{,}25 + 0{,}25 = 0{,}5$", lambda: close(0.5, np.sum((a - n2) ** 2), 6)),
        ("h = 0{,}5 - 0{,}5 + 0{,}5 = 0{,}5 > 0, \\qquad L = 0{,}5 .", lambda: close(0.5, L(a, p, n2), 6)),
        ("\\frac{\\partial L}{\\partial a} = 2\\begin{pmatrix} 1{,}5 - 1{,}5", lambda: allclose(ga, [0, 2]) and allclose(gp, [1, -1]) and allclose(gn, [-1, -1])),
        ("Сумма: $(0 + 1 - 1;\\ 2 - 1 - 1) = (0;\\ 0)$", lambda: allclose(ga + gp + gn, 0)),
        ("даёт $a' = a - 0{,}1\\cdot(0;\\ 2) = (1;\\ 0{,}8)$", lambda: allclose(a1, [1, 0.8])),
        ("Тогда $\\lVert a' - p \\rVert^2 = 0{,}25 + 0{,}09 = 0{,}34$", lambda: close([0.34, 0.74], [np.sum((a1 - p) ** 2), np.sum((a1 - n2) ** 2)], 6)),
        ("так что $h' = 0{,}34 - 0{,}74 + 0{,}5 = 0{,}1$", lambda: close(0.1, L(a1, p, n2), 6)),
    ]


# ---------------------------------------------------------------- 07
def f07():
    m = 2.0
    def L(Y, D): return (1 - Y) * 0.5 * D ** 2 + Y * 0.5 * max(0.0, m - D) ** 2
    def Lg(Y, g1, g2): return L(Y, np.linalg.norm(g1 - g2))
    g1r, g2r = rng.normal(size=(2, 3)) * 0.5
    Dr = np.linalg.norm(g1r - g2r)
    g1 = np.array([1., 0]); g2 = np.array([0., 1]); D = np.sqrt(2)
    gg1 = fd(lambda x: Lg(1, x, g2), g1); gg2 = fd(lambda x: Lg(1, g1, x), g2)
    h = np.array([.3, .4])
    return [
        ("- 相似对（$Y = 0$）：$\\dfrac{\\partial L}{\\partial D} = D$", lambda: close(fd(lambda d: L(0, d[0]), [1.3])[0], 1.3, 6)),
        ("当 $D < m$ 时 $\\dfrac{\\partial L}{\\partial D} = -(m - D)$", lambda: close(fd(lambda d: L(1, d[0]), [1.3])[0], -(m - 1.3), 6)
         and close(fd(lambda d: L(1, d[0]), [2.5])[0], 0, 6)),
        ("$D = m$ 处左右导数都等于 $0$", lambda: abs((L(1, m) - L(1, m - 1e-6)) / 1e-6) < 1e-5),
        ("\\frac{\\partial D}{\\partial g_1} = \\frac{g_1 - g_2}{D}, \\qquad", lambda: allclose(fd(lambda x: np.linalg.norm(x - g2r), g1r), (g1r - g2r) / Dr)
         and allclose(fd(lambda x: np.linalg.norm(g1r - x), g2r), -(g1r - g2r) / Dr)),
        ("g_1 - g_2, & Y = 0,\\\\[4pt]", lambda: allclose(fd(lambda x: Lg(0, x, g2r), g1r), g1r - g2r)),
        ("-\\dfrac{m - D}{D}\\,(g_1 - g_2), & Y = 1,\\ D < m,", lambda: Dr < m and allclose(fd(lambda x: Lg(1, x, g2r), g1r), -(m - Dr) / Dr * (g1r - g2r))),
        ("0, & Y = 1,\\ D \\ge m .", lambda: allclose(fd(lambda x: Lg(1, x, np.zeros(2)), np.array([3., 0])), 0)),
        ("$D = \\sqrt2 \\approx 1.4142 < 2$", lambda: close(1.4142, np.linalg.norm(g1 - g2), 4)),
        ("m - D \\approx 0.5858, \\qquad L = \\tfrac12 (0.5858)^2", lambda: close(0.5858, m - D, 4) and close(0.3431, (m - D) ** 2, 4) and close(0.1716, L(1, D), 4)),
        ("\\approx (-0.4142,\\ 0.4142),", lambda: close([-0.4142, 0.4142], gg1, 4)),
        ("\\qquad \\frac{\\partial L}{\\partial g_2} \\approx (0.4142,\\ -0.4142).", lambda: close([0.4142, -0.4142], gg2, 4)),
        ("于是 $D = 0.5$。", lambda: close(0.5, np.linalg.norm(h), 6)),
        ("L = \\tfrac12 \\cdot 0.5^2 = 0.25,", lambda: close(0.25, L(0, 0.5), 6)),
        ("$D = 3 \\ge m$，故 $L = 0$", lambda: L(1, 3.0) == 0),
    ]


# ---------------------------------------------------------------- 08
def f08():
    Q = np.array([[1, 0], [0.6, 0.8], [0, 1.]]); K = np.array([[0.8, 0.6], [0.6, 0.8], [-0.6, 0.8]])
    QK = Q @ K.T; S = QK / 0.5
    Z = np.exp(S).sum(1); ell = np.log(Z) - np.diag(S)
    P = np.exp(S) / Z[:, None]
    Lfun = lambda SS: np.mean([lse(SS[i]) - SS[i, i] for i in range(3)])
    return [
        ("QK^\\top = \\begin{pmatrix} 0.8 & 0.6 & -0.6", lambda: allclose(QK, [[.8, .6, -.6], [.96, 1.0, .28], [.6, .8, .8]])),
        ("S = 2\\,QK^\\top = \\begin{pmatrix} 1.6 & 1.2", lambda: allclose(S, [[1.6, 1.2, -1.2], [1.92, 2.0, .56], [1.2, 1.6, 1.6]])),
        ("$e^{1.6} \\approx 4.9530$, $e^{1.2} \\approx 3.3201$", lambda: close([4.9530, 3.3201, 0.3012], np.exp(S[0]), 4)),
        ("\\sum_j e^{S_{1j}} \\approx 8.5743", lambda: close(8.5743, Z[0], 4) and close(2.1488, np.log(Z[0]), 4) and close(0.5488, ell[0], 4)),
        ("$e^{1.92} \\approx 6.8210$", lambda: close([6.8210, 7.3891, 1.7507], np.exp(S[1]), 4)),
        ("\\approx 6.8210 + 7.3891 + 1.7507 \\approx 14.9607,", lambda: close(14.9607, Z[1], 4)),
        ("\\log 14.9607 \\approx 2.7054, \\qquad", lambda: close(2.7054, np.log(14.9607), 4) and close(0.7054, ell[1], 4)),
        ("\\sum_j e^{S_{3j}} \\approx 3.3201 + 2 \\times 4.9530 = 13.2261", lambda: close(13.2261, Z[2], 4) and close(2.5822, np.log(Z[2]), 4)),
        ("\\qquad \\ell_3 \\approx 0.9822 .", lambda: close(0.9822, ell[2], 4)),
        ("正例の確率は $1/2$ 未満になる", lambda: P[2, 2] < 0.5),
        ("\\mathcal{L} \\approx \\frac{0.5488 + 0.7054 + 0.9822}{3}", lambda: close(0.7455, ell.mean(), 4)),
        ("$P_{1\\cdot} \\approx (0.5777,\\ 0.3872,\\ 0.0351)$", lambda: close([0.5777, 0.3872, 0.0351], P[0], 4)),
        ("\\approx (-0.1408,\\ 0.1291,\\ 0.0117).", lambda: close([-0.1408, 0.1291, 0.0117], fd(Lfun, S)[0], 4)),
    ]


# ---------------------------------------------------------------- 09
def f09():
    N = 64
    return [
        ("\\mathcal{L}_N = -\\log(1/N) = \\log N", lambda: allclose(-np.log(sm(np.zeros(N))[0]), np.log(N))),
        ("\\log 64 \\approx 4.1589, \\qquad I(X;Y) \\ge 4.1589 - 2.1 = 2.0589", lambda: close(4.1589, np.log(64), 4) and close(2.0589, np.log(64) - 2.1, 4)),
        ("\\frac{2.0589}{0.6931} \\approx 2.9704", lambda: close(0.6931, np.log(2), 4) and close(2.9704, (np.log(64) - 2.1) / np.log(2), 4)),
        ("$\\log 64 \\approx 4.1589$ 나트 $= \\log_2 64 = 6$ 비트", lambda: np.log2(64) == 6),
        ("\\log 256 - 2.1 \\approx 5.5452 - 2.1 = 3.4452", lambda: close(5.5452, np.log(256), 4) and close(3.4452, np.log(256) - 2.1, 4)),
    ]


# ---------------------------------------------------------------- 10
def f10():
    s = np.array([1.6, 1.2, -0.8]); Pm = np.array([1., 1, 0])
    Li = lambda ss: -np.mean([ss[k] - lse(ss) for k in (0, 1)])
    sr = rng.normal(size=6); Pr = np.array([1, 0, 1, 1, 0, 0.])
    Lr = lambda ss: -np.sum([(ss[k] - lse(ss)) for k in range(6) if Pr[k]]) / Pr.sum()
    q = sm(s)
    # multiview batch
    labels = np.repeat(np.array([0, 0, 0, 1, 1, 1, 2, 2]), 2)
    n2 = len(labels)
    A = [[a for a in range(n2) if a != i] for i in range(n2)]
    P = [[p for p in A[i] if labels[p] == labels[i]] for i in range(n2)]
    return [
        ("= \\log\\bigl(e^{1{,}6} + e^{1{,}2} + e^{-0{,}8}\\bigr) - \\frac{1{,}6 + 1{,}2}{2}.",
         lambda: allclose(Lr(sr), lse(sr) - sr[Pr == 1].mean()) and allclose(Li(s), lse(s) - 1.4)),
        ("Liczymy: $e^{1{,}6} \\approx 4{,}9530$", lambda: close([4.9530, 3.3201, 0.4493], np.exp(s), 4)),
        ("suma $\\approx 8{,}7225$", lambda: close(8.7225, np.exp(s).sum(), 4) and close(2.1659, lse(s), 4)),
        ("\\mathcal{L}_i \\approx 2{,}1659 - 1{,}4 = 0{,}7659 .", lambda: close(0.7659, Li(s), 4)),
        ("\\frac{\\partial \\mathcal{L}_i}{\\partial s_a} = q_a - \\frac{\\mathbb{1}[a \\in P(i)]}{|P(i)|} .",
         lambda: allclose(fd(Lr, sr), sm(sr) - Pr / Pr.sum())),
        ("W przykładzie $q \\approx (0{,}5678;\\ 0{,}3806;\\ 0{,}0515)$", lambda: close([0.5678, 0.3806, 0.0515], q, 4)),
        ("= (0{,}0678;\\ -0{,}1194;\\ 0{,}0515),", lambda: close([0.0678, -0.1194, 0.0515], fd(Li, s), 4)),
        ("a suma składowych jest równa zeru", lambda: allclose(fd(Li, s).sum(), 0)),
        ("i dostaje dodatni gradient", lambda: fd(Li, s)[0] > 0),
        ("|A(i)| = 2N - 1 = 15 .", lambda: n2 == 16 and all(len(a) == 15 for a in A)),
        ("to tej klasy jest $2n_c$ widoków", lambda: (labels == 0).sum() == 6),
        ("|P(i)| = 2 n_c, \\qquad", lambda: [len(P[i]) for i in (0, 6, 12)] == [6, 6, 4]),
        ("= 6 \\cdot 6 + 6 \\cdot 6 + 4 \\cdot 4 = 88 .", lambda: sum(len(x) for x in P) == 88),
        ("każda kotwica ma dokładnie jeden pozytyw, czyli $16$ par", lambda: n2 == 16),
    ]


# ---------------------------------------------------------------- 11
def f11():
    C = np.array([[0.5, 0.1], [0.3, 0.4]])
    def parts(t, CC=C):
        Lg = np.exp(t) * CC; n = len(CC)
        r = np.mean([lse(Lg[i]) - Lg[i, i] for i in range(n)])
        c = np.mean([lse(Lg[:, j]) - Lg[j, j] for j in range(n)])
        return r, c
    Lt = lambda t, CC=C: np.mean(parts(t, CC))
    def L_of_logits(Lg):
        n = len(Lg)
        return 0.5 * (np.mean([lse(Lg[i]) - Lg[i, i] for i in range(n)]) + np.mean([lse(Lg[:, j]) - Lg[j, j] for j in range(n)]))
    Lgr = rng.normal(size=(4, 4)) * 2
    Pr = np.array([sm(r) for r in Lgr]); Pc = np.array([sm(c) for c in Lgr.T]).T
    t = np.log(5); logits = 5 * C
    G = fd(L_of_logits, logits)
    rowl = [np.log1p(np.exp(-2.0)), np.log1p(np.exp(-0.5))]
    coll = [np.log1p(np.exp(-1.0)), np.log1p(np.exp(-1.5))]
    return [
        ("i.e. $t = \\log(1/0.07) \\approx 2.6593$ and $s \\approx 14.2857$", lambda: close(2.6593, np.log(1 / 0.07), 4) and close(14.2857, 1 / 0.07, 4)),
        ("$t \\le \\log 100 \\approx 4.6052$", lambda: close(4.6052, np.log(100), 4)),
        ("\\text{logits} = \\begin{pmatrix} 2.5 & 0.5 \\\\ 1.5 & 2.0 \\end{pmatrix}.", lambda: allclose(logits, [[2.5, .5], [1.5, 2.0]])),
        ("is $\\log(1 + e^{-\\Delta})$", lambda: allclose(-np.log(sm([1.3, -0.4])[0]), np.log1p(np.exp(-1.7)))),
        ("- Rows: $\\Delta = 2.0$ and $0.5$, giving $0.1269$ and $0.4741$", lambda: close([0.1269, 0.4741], rowl, 4) and close(0.3005, parts(t)[0], 4)),
        ("- Columns: column 1 is $(2.5, 1.5)$", lambda: close([0.3133, 0.2014], coll, 4) and close(0.2573, parts(t)[1], 4)),
        ("Hence $\\mathcal{L} \\approx \\tfrac12(0.3005 + 0.2573) = 0.2789$", lambda: close(0.2789, Lt(t), 4)),
        ("but caption 1 is the hard case column-wise", lambda: rowl[1] > rowl[0] and coll[0] > coll[1]),
        ("\\frac{\\partial \\mathcal{L}}{\\partial\\, \\text{logits}_{ij}} = \\frac{1}{2N}\\Big[",
         lambda: allclose(fd(L_of_logits, Lgr), ((Pr - np.eye(4)) + (Pc - np.eye(4))) / 8)),
        ("G \\approx \\begin{pmatrix} -0.0970 & 0.0754", lambda: close([[-0.0970, 0.0754], [0.1616, -0.1400]], G, 4)),
        ("= \\sum_{i,j} G_{ij}\\, \\text{logits}_{ij} \\approx -0.242 .", lambda: close(-0.242, fd(lambda x: Lt(x[0]), [t])[0], 3)
         and allclose((G * logits).sum(), fd(lambda x: Lt(x[0]), [t])[0])),
    ]


# ---------------------------------------------------------------- 12
def f12():
    m = rng.uniform(0.5, 0.99); thk0, thq = rng.normal(size=2); n = 7
    th = thk0
    for _ in range(n):
        th = m * th + (1 - m) * thq
    return [
        ("= m\\,\\big(\\theta_k^{(0)} - \\theta_q\\big).", lambda: allclose(m * thk0 + (1 - m) * thq - thq, m * (thk0 - thq))),
        ("\\theta_k^{(n)} - \\theta_q = m^{\\,n+1}\\big(", lambda: allclose(th - thq, m ** (n + 1) * (thk0 - thq))),
        ("m^{1001} = e^{1001 \\ln 0{,}999} \\approx 0{,}3673 ,", lambda: close(0.3673, 0.999 ** 1000, 4)),
        ("n_{1/2} = \\frac{\\ln 0{,}5}{\\ln 0{,}999} - 1", lambda: close(691.8, np.log(.5) / np.log(.999), 1)),
        ("$1/(1-m) = 1/0{,}001 = 1000$ stappen", lambda: close(1000, 1 / (1 - 0.999), 6)),
        ("Met $m = 0{,}9$ zou dat maar $10$ stappen zijn", lambda: close(10, 1 / (1 - 0.9), 6)),
        ("K \\cdot d = 65\\,536 \\cdot 128 = 8\\,388\\,608", lambda: np.zeros((65536, 128), np.float32).nbytes == 33554432 and 33554432 == 32 * 2 ** 20),
        ("dus $K + 1 = 65\\,537$ logits", lambda: np.concatenate([np.zeros((1, 1)), np.zeros((1, 65536))], 1).shape[1] == 65537),
        ("256 \\times 65\\,537, \\qquad 256 \\cdot 65\\,537 = 16\\,777\\,472", lambda: 256 * 65537 == 16777472),
        ("$K / B = 65\\,536 / 256 = 256$ stappen", lambda: 65536 // 256 == 256),
    ]


# ---------------------------------------------------------------- 13
def f13():
    Z = np.zeros((1024, 128), np.float32)
    S = Z @ Z.T
    Ie = np.zeros((8, 5)); Te = np.zeros((8, 5))
    return [
        ("tổng cộng $2N = 1024$ view", lambda: 2 * 512 == 1024),
        ("= 4\\,196\\,352 + 262\\,272 = 4\\,458\\,624", lambda: (2048 * 2048 + 2048, 2048 * 128 + 128, 2048 * 2048 + 2048 + 2048 * 128 + 128) == (4196352, 262272, 4458624)),
        ("S = Z Z^\\top \\in \\mathbb{R}^{128 \\times 128},", lambda: S.shape == (128, 128)),
        ("tức là có $128^2 = 16\\,384$ phần tử", lambda: S.size == 16384),
        ("16\\,384 \\cdot 4 = 65\\,536 \\text{ byte}", lambda: S.nbytes == 65536),
        ("$I_e T_e^\\top \\in \\mathbb{R}^{B \\times B}$", lambda: (Ie @ Te.T).shape == (8, 8)),
        ("B^2 = 32\\,768^2 = 1\\,073\\,741\\,824", lambda: 32768 ** 2 == 1073741824),
        ("chiếm $2\\,147\\,483\\,648$ byte", lambda: 32768 ** 2 * 2 == 2147483648 == 2 * 2 ** 30),
        ("kích thước $B \\times 1 = 256 \\times 1$", lambda: np.einsum('bd,bd->b', np.zeros((256, 128)), np.zeros((256, 128)))[:, None].shape == (256, 1)),
        ("kích thước $256 \\times 65\\,536$", lambda: (np.zeros((256, 128), np.float32) @ np.zeros((65536, 128), np.float32).T).shape == (256, 65536)),
        ("- ghép lại: $256 \\times 65\\,537$", lambda: 1 + 65536 == 65537),
    ]


# ---------------------------------------------------------------- 14
def f14():
    def L(s, tau): return -s[0] / tau + lse(s / tau)
    sr = rng.uniform(-1, 1, 5); tr = rng.uniform(0.1, 1)
    pr = sm(sr / tr)
    s = np.array([0.7, 0.2, -0.1]); tau = 0.2
    p = sm(s / tau)
    dtau = fd(lambda x: L(s, x[0]), [tau])[0]
    dt = fd(lambda x: L(s, np.exp(-x[0])), [np.log(1 / tau)])[0]
    return [
        ("= \\frac{s_0 - \\mathbb{E}_p[s]}{\\tau^2}.", lambda: allclose(fd(lambda x: L(sr, x[0]), [tr])[0], (sr[0] - pr @ sr) / tr ** 2)),
        ("yani $\\tau$'yu artırmak kaybı artırır", lambda: True),
        ("$d\\tau/dt = -e^{-t} = -\\tau$", lambda: allclose(fd(lambda x: np.exp(-x[0]), [0.7])[0], -np.exp(-0.7))),
        ("= -\\frac{s_0 - \\mathbb{E}_p[s]}{\\tau} = e^{t}\\big(\\mathbb{E}_p[s] - s_0\\big).",
         lambda: allclose(fd(lambda x: L(sr, np.exp(-x[0])), [np.log(1 / tr)])[0], (pr @ sr - sr[0]) / tr)),
        ("Logitler $s/\\tau = (3{,}5;\\ 1;\\ -0{,}5)$", lambda: allclose(s / tau, [3.5, 1, -0.5])),
        ("e^{3{,}5} \\approx 33{,}1155", lambda: close([33.1155, 2.7183, 0.6065], np.exp(s / tau), 4) and close(36.4403, np.exp(s / tau).sum(), 4)),
        ("Buradan $p \\approx (0{,}9088;\\ 0{,}0746;\\ 0{,}0166)$", lambda: close([0.9088, 0.0746, 0.0166], p, 4) and close(0.0957, L(s, tau), 4)),
        ("\\mathbb{E}_p[s] \\approx 0{,}9088 \\cdot 0{,}7", lambda: close(0.6494, p @ s, 4)),
        ("\\approx \\frac{0{,}7 - 0{,}6494}{0{,}04} \\approx 1{,}2653,", lambda: close(1.2653, dtau, 4)),
        ("\\frac{\\partial \\mathcal{L}}{\\partial t} \\approx -0{,}2 \\cdot 1{,}2653 \\approx -0{,}2531 .", lambda: close(-0.2531, dt, 4)),
        ("Kontrol: $e^{t} = 1/\\tau = 5$", lambda: close(-0.2531, 5 * (p @ s - 0.7), 4)),
        ("$0{,}002$'ye bölündüğünde yaklaşık $1{,}265$", lambda: close(1.265, (L(s, .201) - L(s, .199)) / .002, 3)),
    ]


# ---------------------------------------------------------------- 15
def f15():
    nz = lambda x: x / np.linalg.norm(x)
    xr = rng.normal(size=4); r = np.linalg.norm(xr); zr = xr / r
    Jr = (np.eye(4) - np.outer(zr, zr)) / r
    Jfd = np.array([fd(lambda x, i=i: nz(x)[i], xr) for i in range(4)])
    w = rng.normal(size=4); w -= (w @ zr) * zr
    x = np.array([3., 0, 4]); z = nz(x)
    J = (np.eye(3) - np.outer(z, z)) / 5
    v = np.array([1., 2, 2]); zv = nz(v)
    c = z @ zv
    g = fd(lambda u: nz(u) @ zv, x)
    ur, vr = rng.normal(size=(2, 4))
    return [
        ("= \\frac{1}{r}\\Big(\\delta_{ij} - \\frac{x_i x_j}{r^2}\\Big) = \\frac{1}{r}\\big(\\delta_{ij} - z_i z_j\\big).", lambda: allclose(Jfd, Jr)),
        ("J = \\frac{\\partial z}{\\partial x} = \\frac{1}{r}\\big(I - z z^\\top\\big).", lambda: allclose(Jfd, Jr)),
        ("1. $J$ je symetrická", lambda: allclose(Jr, Jr.T)),
        ("2. $J x = \\frac{1}{r}(x - z\\, z^\\top x)", lambda: allclose(Jr @ xr, 0) and allclose(zr @ xr, r)),
        ("3. Pro $w \\perp x$ je $J w = w / r$", lambda: allclose(Jr @ w, w / r) and allclose(np.sort(np.linalg.eigvalsh(Jr)), [0] + [1 / r] * 3)),
        ("hodnost $J$ je $d - 1$", lambda: np.linalg.matrix_rank(Jr) == 3 and allclose(np.trace(Jr), 3 / r)),
        ("= \\frac{z_v - c\\, z_u}{\\lVert u \\rVert} .", lambda: allclose(fd(lambda u: nz(u) @ nz(vr), ur), (nz(vr) - (nz(ur) @ nz(vr)) * nz(ur)) / np.linalg.norm(ur))),
        ("Pak $r = 5$, $z = (0{,}6;\\ 0;\\ 0{,}8)^\\top$", lambda: allclose(np.linalg.norm(x), 5) and allclose(z, [.6, 0, .8])),
        ("J = \\frac15\\left[ I - \\begin{pmatrix} 0{,}36", lambda: allclose(np.outer(z, z), [[.36, 0, .48], [0, 0, 0], [.48, 0, .64]])),
        ("= \\begin{pmatrix} 0{,}128 & 0 & -0{,}096", lambda: allclose(J, [[.128, 0, -.096], [0, .2, 0], [-.096, 0, .072]])),
        ("první řádek krát $x$ dává", lambda: allclose(J[0] @ x, 0) and close(0.384, 0.128 * 3, 6)),
        ("Stopa: $0{,}128 + 0{,}2 + 0{,}072 = 0{,}4 = 2/5$", lambda: allclose(np.trace(J), 0.4)),
        ("tedy $\\lVert v \\rVert = 3$", lambda: allclose(np.linalg.norm(v), 3) and allclose(zv, [1 / 3, 2 / 3, 2 / 3])),
        ("c = 0{,}6 \\cdot \\tfrac13 + 0 + 0{,}8 \\cdot \\tfrac23", lambda: close(0.7333, c, 4) and allclose(c, 2.2 / 3)),
        ("\\nabla_u c = J z_v \\approx", lambda: allclose(J @ zv, [(0.128 - 0.192) / 3, 0.4 / 3, (-0.096 + 0.144) / 3])),
        ("\\approx \\begin{pmatrix} -0{,}0213 \\\\ 0{,}1333 \\\\ 0{,}0160 \\end{pmatrix}.", lambda: close([-0.0213, 0.1333, 0.0160], g, 4)),
        ("Stejný výsledek dává vzorec", lambda: close([0.3333, 0.44, 0.6667, 0.5867], [1 / 3, c * .6, 2 / 3, c * .8], 4) and close([-0.0213, 0.1333, 0.0160], (zv - c * z) / 5, 4)),
        ("A opět $u^\\top \\nabla_u c", lambda: allclose(x @ g, 0)),
    ]


# ---------------------------------------------------------------- 16
def f16():
    Z = np.array([[1, 0], [0.8, 0.6], [0, 1], [-0.6, 0.8]]); tau = 0.5
    pos = [1, 0, 3, 2]
    def ell(S, i): return lse(np.delete(S[i], i) / tau) - S[i, pos[i]] / tau
    S = Z @ Z.T
    L = lambda SS: np.mean([ell(SS, i) for i in range(4)])
    ls = [ell(S, i) for i in range(4)]
    def Ls(sig):
        SS = S.copy(); SS[0, 1] = SS[1, 0] = sig; return L(SS)
    return [
        ("z_1 = (1, 0),\\quad z_2 = (0.8, 0.6)", lambda: allclose(np.linalg.norm(Z, axis=1), 1)),
        ("0.8 & 1 & 0.6 & 0 \\\\", lambda: allclose(S, [[1, .8, 0, -.6], [.8, 1, .6, 0], [0, .6, 1, .8], [-.6, 0, .8, 1]])),
        ("adds $e^{1/\\tau} = e^{2} \\approx 7.39$", lambda: close(7.39, np.exp(2), 2)),
        ("the scaled similarities to views 2, 3, 4 are $1.6,\\ 0,\\ -1.2$", lambda: allclose(S[0, 1:] / tau, [1.6, 0, -1.2])),
        ("e^{1.6} + e^{0} + e^{-1.2} \\approx 4.9530 + 1 + 0.3012 = 6.2542", lambda: close(6.2542, np.exp(S[0, 1:] / tau).sum(), 4)),
        ("\\ell_{1,2} \\approx \\log 6.2542 - 1.6 \\approx 1.8333 - 1.6 = 0.2333", lambda: close(1.8333, np.log(6.2542), 4) and close(0.2333, ls[0], 4)),
        ("scaled similarities to views 1, 3, 4 are $1.6,\\ 1.2,\\ 0$", lambda: allclose(np.delete(S[1], 1) / tau, [1.6, 1.2, 0])),
        ("4.9530 + 3.3201 + 1 = 9.2731, \\qquad \\ell_{2,1} \\approx 2.2271 - 1.6 = 0.6271", lambda: close(9.2731, np.exp(np.delete(S[1], 1) / tau).sum(), 4)
         and close(2.2271, np.log(9.2731), 4) and close(0.6271, ls[1], 4)),
        ("$\\ell_{3,4} \\approx 0.6271$", lambda: allclose(np.delete(S[2], 2) / tau, [0, 1.2, 1.6]) and close(0.6271, ls[2], 4)),
        ("same as anchor 1, so $\\ell_{4,3} \\approx 0.2333$", lambda: allclose(np.delete(S[3], 3) / tau, [-1.2, 0, 1.6]) and close(0.2333, ls[3], 4)),
        ("= \\frac{1.7208}{4} \\approx 0.4302 .", lambda: close(1.7208, sum(ls), 4) and close(0.4302, L(S), 4)),
        ("view 2 sits close to view 3 (similarity $0.6$)", lambda: allclose(S[1, 2], 0.6) and ls[1] > ls[0]),
        ("$1.7208 / 2 = 0.8604$", lambda: close(0.8604, sum(ls) / 2, 4)),
        ("$p_{1\\to2} = 4.9530/6.2542 \\approx 0.7919$", lambda: close(0.7919, sm(np.delete(S[0], 0) / tau)[0], 4) and close(0.5341, sm(np.delete(S[1], 1) / tau)[0], 4)),
        ("\\approx \\frac{1}{4}\\cdot 2 \\cdot (-0.2081 - 0.4659) = -0.3370 .", lambda: close(-0.3370, fd(lambda x: Ls(x[0]), [0.8])[0], 4)),
    ]


FILES = {
    "01_infonce_anker_gradient_de.md": f01,
    "02_infonce_gradient_cles_fr.md": f02,
    "03_temperatura_gradiente_es.md": f03,
    "04_ntxent_simclr_pt.md": f04,
    "05_gradiente_coseno_it.md": f05,
    "06_triplet_subgradient_ru.md": f06,
    "07_hadsell_contrastive_zh.md": f07,
    "08_infonce_keisanrei_ja.md": f08,
    "09_mi_hahan_ko.md": f09,
    "10_supcon_pl.md": f10,
    "11_clip_symmetric_loss_en.md": f11,
    "12_moco_momentum_nl.md": f12,
    "13_kich_thuoc_ma_tran_vi.md": f13,
    "14_sicaklik_turevi_tr.md": f14,
    "15_normalizace_jakobian_cs.md": f15,
    "16_ntxent_worked_example_en.md": f16,
}


def main():
    expected = json.load(open(os.path.join(HERE, "expected.json"), encoding="utf-8"))
    assert set(expected) == set(FILES), "expected.json and verifier disagree on file list"
    bad = 0
    for fname, mk in FILES.items():
        first, results = run(fname, mk())
        if first == expected[fname]:
            print(f"OK   {fname}: first failing line = {first}")
        else:
            bad += 1
            print(f"FAIL {fname}: first failing line = {first}, expected {expected[fname]}")
            for ln, ok, sub in results:
                print(f"      line {ln:3d} {'ok ' if ok else 'BAD'} {sub[:60]}")
    if bad:
        sys.exit(1)


if __name__ == "__main__":
    main()
