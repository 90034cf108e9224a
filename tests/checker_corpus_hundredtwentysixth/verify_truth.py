"""Independent truth check for the corpus: walks each file's claims in line order and
asserts that the first failing line equals expected.json."""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(0)


def close(printed, true, dec):
    return abs(printed - true) <= 0.5 * 10 ** (-dec) + 1e-9


def vclose(printed, true, dec):
    printed, true = np.asarray(printed, float), np.asarray(true, float)
    return printed.shape == true.shape and all(close(a, b, dec) for a, b in zip(printed.ravel(), true.ravel()))


def softmax(z):
    e = np.exp(z - np.max(z))
    return e / e.sum()


def fd_grad(f, x, h=1e-6):
    x = np.asarray(x, float)
    g = np.zeros_like(x)
    for i in range(x.size):
        e = np.zeros_like(x); e[i] = h
        g[i] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def fd_jac(f, x, h=1e-6):
    x = np.asarray(x, float)
    cols = []
    for i in range(x.size):
        e = np.zeros_like(x); e[i] = h
        cols.append((f(x + e) - f(x - e)) / (2 * h))
    return np.stack(cols, axis=1)


def eqf(a, b, tol=1e-5):
    return np.allclose(a, b, atol=tol, rtol=tol)


# ---------------------------------------------------------------- file checks
def f01():
    s = np.array([2.0, 1.0, 0.5]); t = 0.5; z = s / t; p = softmax(z)
    L = lambda s: -s[0] / t + np.log(np.exp(s / t).sum())
    # identity checks at a random point
    sr = rng.normal(size=4); tr = 0.7
    Lr = lambda s: -s[0] / tr + np.log(np.exp(s / tr).sum())
    pr = softmax(sr / tr); y = np.eye(4)[0]
    return [
        ("= -\\frac{s_0}{\\tau} + \\log \\sum_{j=0}^{K}", eqf(-np.log(pr[0]), Lr(sr))),
        ("\\frac{\\partial}{\\partial z_i}\\log \\sum_j e^{z_j} = \\frac{e^{z_i}}", eqf(fd_grad(lambda z: np.log(np.exp(z).sum()), sr), softmax(sr))),
        ("\\frac{\\partial \\mathcal{L}}{\\partial z_i} = p_i - y_i", eqf(fd_grad(lambda z: -z[0] + np.log(np.exp(z).sum()), sr), softmax(sr) - y)),
        ("\\frac{\\partial \\mathcal{L}}{\\partial s_i} = \\frac{1}{\\tau}\\,(p_i - y_i)", eqf(fd_grad(Lr, sr), (pr - y) / tr)),
        ("\\partial\\mathcal{L}/\\partial s_i = \\frac{1}{\\tau}\\big(\\sum_i p_i - 1\\big) = 0", abs(fd_grad(Lr, sr).sum()) < 1e-6),
        ("Then $z = s/\\tau = (4,\\ 2,\\ 1)$", vclose([4, 2, 1], z, 9)),
        ("e^{z} \\approx (54.598", vclose([54.598, 7.389, 2.718], np.exp(z), 3) and close(64.705, np.exp(z).sum(), 3)),
        ("p \\approx (0.8438,\\ 0.1142,\\ 0.0420)", vclose([0.8438, 0.1142, 0.0420], p, 4)),
        ("\\mathcal{L} = -\\log 0.8438 \\approx 0.1698", close(0.1698, -np.log(0.8438), 4) and close(0.1698, L(s), 4)),
        ("\\approx (-0.3124,\\ 0.2284,\\ 0.0840)", vclose([-0.3124, 0.2284, 0.0840], fd_grad(L, s), 4)),
        ("Check: $-0.3124 + 0.2284 + 0.0840 = 0.0000$", close(0.0, -0.3124 + 0.2284 + 0.0840, 4)),
    ]


def f02():
    Z = np.array([[1, 0], [0.8, 0.6], [0, 1], [-0.6, 0.8]]); t = 0.5
    S = Z @ Z.T
    def ell(i, j):
        den = sum(np.exp(S[i, k] / t) for k in range(4) if k != i)
        return -np.log(np.exp(S[i, j] / t) / den)
    Ltot = (ell(0, 1) + ell(1, 0) + ell(2, 3) + ell(3, 2)) / 4
    return [
        ("$2N - 1 = 3$ Summanden", 2 * 2 - 1 == 3 and S.shape[0] - 1 == 3),
        ("z_1^\\top z_2 = 0{,}8,\\quad z_1^\\top z_3 = 0", vclose([0.8, 0, -0.6, 0.6, 0, 0.8], [S[0, 1], S[0, 2], S[0, 3], S[1, 2], S[1, 3], S[2, 3]], 9)),
        ("Logits $1{,}6;\\ 0;\\ -1{,}2;\\ 1{,}2;\\ 0;\\ 1{,}6$", vclose([1.6, 0, -1.2, 1.2, 0, 1.6], np.array([S[0, 1], S[0, 2], S[0, 3], S[1, 2], S[1, 3], S[2, 3]]) / t, 9)),
        ("Mit $e^{1{,}6} \\approx 4{,}953$", close(4.953, np.exp(1.6), 3) and close(0.301, np.exp(-1.2), 3)),
        ("\\ell(1,2) = -\\log\\frac{4{,}953}{4{,}953 + 1 + 0{,}301}", close(6.254, 4.953 + 1 + 0.301, 3)),
        ("\\approx -\\log 0{,}7919 \\approx 0{,}2333", close(0.7919, np.exp(1.6) / (np.exp(1.6) + 1 + np.exp(-1.2)), 4) and close(0.2333, ell(0, 1), 4) and close(0.2333, -np.log(0.7919), 4)),
        ("$1{,}6;\\ 1{,}2;\\ 0$, also mit", vclose([1.6, 1.2, 0], [S[1, 0] / t, S[1, 2] / t, S[1, 3] / t], 9) and close(3.320, np.exp(1.2), 3)),
        ("\\ell(2,1) = -\\log\\frac{4{,}953}{4{,}953 + 3{,}320 + 1}", close(8.273, 4.953 + 3.320 + 1, 3)),
        ("\\approx -\\log 0{,}5987 \\approx 0{,}5130", close(0.5130, ell(1, 0), 4)),
        ("gilt $\\ell(3,4) = \\ell(2,1)$", eqf(ell(2, 3), ell(1, 0)) and eqf(ell(3, 2), ell(0, 1))),
        ("die Logits $1{,}6;\\ 0;\\ 1{,}2$", vclose([1.6, 0, 1.2], [S[2, 3] / t, S[2, 0] / t, S[2, 1] / t], 9)),
        ("= \\frac{1{,}4926}{4} \\approx 0{,}373", close(0.373, Ltot, 3)),
    ]


def f03():
    m = 0.5
    a0, p0, n0 = np.array([0, 1.]), np.array([1, 1.]), np.array([0.5, 1.5])
    h = lambda a, p, n: np.sum((a - p) ** 2) - np.sum((a - n) ** 2) + m
    ar, pr, nr = rng.normal(size=(3, 3))
    ga = fd_grad(lambda a: h(a, pr, nr), ar); gp = fd_grad(lambda p: h(ar, p, nr), pr); gn = fd_grad(lambda n: h(ar, pr, n), nr)
    L = lambda a, p, n: max(0.0, h(a, p, n))
    n1 = n0 - 0.1 * fd_grad(lambda n: L(a0, p0, n), n0)
    return [
        ("\\nabla_a h = 2(a-p) - 2(a-n) = 2(n-p)", eqf(ga, 2 * (nr - pr)) and eqf(gp, 2 * (pr - ar)) and eqf(gn, 2 * (ar - nr))),
        ("Remarque : $g_a + g_p + g_n = \\theta", eqf(ga + gp + gn, 0)),
        ("a - p = (-1,\\ 0),\\quad \\lVert a-p\\rVert^2 = 1", vclose([-1, 0], a0 - p0, 9) and close(1, np.sum((a0 - p0) ** 2), 9) and vclose([-.5, -.5], a0 - n0, 9) and close(0.5, np.sum((a0 - n0) ** 2), 9)),
        ("h = 1 - 0{,}5 + 0{,}5 = 1 > 0", close(1, h(a0, p0, n0), 9)),
        ("g_a &= 2(n-p) = 2\\,(-0{,}5;\\ 0{,}5) = (-1,\\ 1)", vclose([-1, 1], fd_grad(lambda a: L(a, p0, n0), a0), 6)),
        ("g_p &= 2(p-a) = 2\\,(1,\\ 0) = (2,\\ 0)", vclose([2, 0], fd_grad(lambda p: L(a0, p, n0), p0), 6)),
        ("g_n &= 2(a-n) = 2\\,(-0{,}5;\\ -0{,}5) = (-1,\\ -1)", vclose([-1, -1], fd_grad(lambda n: L(a0, p0, n), n0), 6)),
        ("On vérifie bien $g_a + g_p + g_n = (0,\\ 0)$", True),
        ("+ (0{,}1;\\ 0{,}1) = (0{,}6;\\ 1{,}6)$", vclose([0.6, 1.6], n1, 6)),
        ("0{,}36 + 0{,}36 = 0{,}72", close(0.72, np.sum((a0 - n1) ** 2), 6)),
    ]


def hadsell(x1, x2, Y, m):
    D = np.linalg.norm(x1 - x2)
    return (1 - Y) * 0.5 * D ** 2 + Y * 0.5 * max(0.0, m - D) ** 2


def f04():
    m = 2.0
    x1r, x2r = rng.normal(size=(2, 3)); Dr = np.linalg.norm(x1r - x2r)
    ok_dD = eqf(fd_grad(lambda d: 0.5 * d[0] ** 2, np.array([0.7]))[0], 0.7) and \
        eqf(fd_grad(lambda d: 0.5 * max(0, 2 - d[0]) ** 2, np.array([0.7]))[0], -(2 - 0.7))
    # the written chain-rule formula, for Y=1 with D<m (choose m large)
    mr = Dr + 1.0
    written = lambda Y: (1 - Y) * (x1r - x2r) - Y * max(0, mr - Dr) * (x1r - x2r)
    true = lambda Y: fd_grad(lambda x: hadsell(x, x2r, Y, mr), x1r)
    x1 = np.array([1, 1.]); x2 = np.array([1.9, 2.2]); x2f = np.array([3.4, 4.2])
    return [
        ("Para $Y = 0$:  $\\dfrac{\\partial L}{\\partial D} = D$", ok_dD),
        ("\\tfrac{1}{2}\\cdot 2\\,(m-D)\\cdot(-1) = -(m - D)", ok_dD),
        ("= \\frac{x_1 - x_2}{\\lVert x_1 - x_2\\rVert} = \\frac{x_1 - x_2}{D}", eqf(fd_grad(lambda x: np.linalg.norm(x - x2r), x1r), (x1r - x2r) / Dr)),
        ("= (1-Y)\\,(x_1 - x_2) \\;-\\; Y\\,\\max(0,\\ m-D)\\,(x_1 - x_2),", eqf(written(0), true(0)) and eqf(written(1), true(1))),
        ("x_1 - x_2 = (-0{,}9;\\ -1{,}2), \\qquad D = \\sqrt{0{,}81", close(1.5, np.linalg.norm(x1 - x2), 9)),
        ("$L = \\tfrac12 (1{,}5)^2 = 1{,}125$", close(1.125, hadsell(x1, x2, 0, m), 9) and vclose([-0.9, -1.2], fd_grad(lambda x: hadsell(x, x2, 0, m), x1), 6)),
        ("L = \\tfrac12\\,(2 - 1{,}5)^2 = \\tfrac12 \\cdot 0{,}25 = 0{,}125", close(0.125, hadsell(x1, x2, 1, m), 9)),
        ("= -\\,(0{,}5)\\,(-0{,}9;\\ -1{,}2) = (0{,}45;\\ 0{,}6)", vclose([0.45, 0.6], fd_grad(lambda x: hadsell(x, x2, 1, m), x1), 6)),
        ("$D = \\sqrt{5{,}76 + 10{,}24} = 4 > 2$", close(4, np.linalg.norm(x1 - x2f), 9) and hadsell(x1, x2f, 1, m) == 0),
    ]


def cosf(a, b):
    return a @ b / np.linalg.norm(a) / np.linalg.norm(b)


def f05():
    ar, br = rng.normal(size=(2, 5))
    g = fd_grad(lambda a: cosf(a, br), ar)
    na, nb = np.linalg.norm(ar), np.linalg.norm(br); c = cosf(ar, br)
    a = np.array([1, 2, 2.]); b = np.array([2, 0, 1.]); gt = fd_grad(lambda x: cosf(x, b), a)
    return [
        ("\\nabla_a (a^\\top b) = b, \\qquad \\nabla_a \\lVert a\\rVert", eqf(fd_grad(lambda x: np.linalg.norm(x), ar), ar / na)),
        ("&= \\frac{1}{\\lVert b\\rVert}\\cdot\\frac{\\lVert a\\rVert\\, b - (a^\\top b)", eqf(g, (na * br - (ar @ br) * ar / na) / na ** 2 / nb)),
        ("&= \\frac{b}{\\lVert a\\rVert\\,\\lVert b\\rVert} - \\frac{a^\\top b}{\\lVert a\\rVert^3", eqf(g, br / na / nb - (ar @ br) / na ** 3 / nb * ar)),
        ("&= \\frac{1}{\\lVert a\\rVert}\\left(\\frac{b}{\\lVert b\\rVert} - c", eqf(g, (br / nb - c * ar / na) / na)),
        ("Consequência imediata", abs(ar @ g) < 1e-6),
        ("Então $\\lVert a\\rVert = 3$", close(2.2361, np.linalg.norm(b), 4) and np.linalg.norm(a) == 3 and a @ b == 4),
        ("c = \\frac{4}{3\\sqrt5} \\approx \\frac{4}{6{,}7082} \\approx 0{,}5963", close(6.7082, 3 * np.sqrt(5), 4) and close(0.5963, cosf(a, b), 4)),
        ("\\approx (0{,}2981;\\ 0;\\ 0{,}1491)", vclose([0.2981, 0, 0.1491], b / 3 / np.sqrt(5), 4) and vclose([0.0663, 0.1325, 0.1325], cosf(a, b) / 9 * a, 4)),
        ("\\nabla_a c \\approx (0{,}2319;\\ -0{,}1325;\\ 0{,}0166)", vclose([0.2319, -0.1325, 0.0166], gt, 4)),
        ("0{,}2319 - 0{,}2650 + 0{,}0332 \\approx 0{,}0001", close(0.0001, 0.2319 - 0.2650 + 0.0332, 4) and close(0.2650, 2 * 0.1325, 4)),
        ("o gradiente vira", True),
    ]


def l2n(x):
    return x / np.linalg.norm(x)


def f06():
    xr = rng.normal(size=4); r = np.linalg.norm(xr); yr = xr / r
    Jfd = fd_jac(l2n, xr)
    x = np.array([3, 4.]); J = fd_jac(l2n, x); y = l2n(x)
    ev = np.linalg.eigvalsh(np.eye(4) - np.outer(yr, yr))
    return [
        ("= \\frac{\\delta_{ij}}{r} - \\frac{x_i x_j}{r^3}", eqf(Jfd, np.eye(4) / r - np.outer(xr, xr) / r ** 3)),
        ("J = \\frac{1}{r}\\left(I - \\frac{x x^\\top}{r^2}\\right)", eqf(Jfd, (np.eye(4) - np.outer(yr, yr)) / r)),
        ("$J$ è simmetrica", eqf(Jfd, Jfd.T)),
        ("la direzione radiale viene annullata", eqf(Jfd @ xr, 0)),
        ("$1$ (molteplicità $n-1$) e $0$", eqf(np.sort(ev), [0, 1, 1, 1])),
        ("$\\operatorname{tr} J = (n-1)/r$", eqf(np.trace(Jfd), 3 / r) and np.linalg.matrix_rank(Jfd, tol=1e-6) == 3),
        ("Sia $x = (3,\\ 4)$. Allora $r = 5$", vclose([0.6, 0.8], y, 9)),
        ("y y^\\top = \\begin{pmatrix} 0{,}36", vclose([[0.36, 0.48], [0.48, 0.64]], np.outer(y, y), 9)),
        ("I - y y^\\top = \\begin{pmatrix} 0{,}64", vclose([[0.64, -0.48], [-0.48, 0.36]], np.eye(2) - np.outer(y, y), 9)),
        ("J = \\begin{pmatrix} 0{,}128", vclose([[0.128, -0.096], [-0.096, 0.072]], J, 6)),
        ("Controlli: $\\operatorname{tr} J = 0{,}128", close(0.2, np.trace(J), 6) and close(0, np.linalg.det(J), 6) and close(0.009216, 0.128 * 0.072, 9) and vclose([0, 0], J @ x, 6)),
        ("= \\begin{pmatrix} 0{,}064 \\\\ 0{,}048 \\end{pmatrix}", vclose([0.064, 0.048], J @ np.array([1, 2.]), 6)),
    ]


def f07():
    qr = rng.normal(size=3); Kr = rng.normal(size=(4, 3)); tr = 0.6
    Lr = lambda q: -np.log(softmax(Kr @ q / tr)[0])
    pr = softmax(Kr @ qr / tr)
    q = np.array([1, 0.]); K = np.array([[0.6, 0.8], [-0.8, 0.6], [0, -1]]); t = 0.5
    z = K @ q / t; p = softmax(z); L = lambda q: -np.log(softmax(K @ q / t)[0])
    g = fd_grad(L, q)
    return [
        ("= \\frac{1}{\\tau}\\left(\\sum_{i=0}^{K} p_i k_i - k_0\\right)", eqf(fd_grad(Lr, qr), (pr @ Kr - Kr[0]) / tr)),
        ("\\nabla_q \\mathcal{L} = K_{\\text{mat}}^\\top (p - e_0)/\\tau", eqf(fd_grad(Lr, qr), Kr.T @ (pr - np.eye(4)[0]) / tr)),
        ("z = (1{,}2;\\ -1{,}6;\\ 0), \\qquad e^{z}", vclose([1.2, -1.6, 0], z, 9) and vclose([3.3201, 0.2019, 1], np.exp(z), 4) and close(4.5220, np.exp(z).sum(), 4)),
        ("p \\approx (0{,}7342;\\ 0{,}0446;\\ 0{,}2211)", vclose([0.7342, 0.0446, 0.2211], p, 4) and close(0.3090, L(q), 4)),
        ("\\approx (0{,}4048;\\ 0{,}3930)", vclose([0.4048, 0.3930], p @ K, 4)),
        ("= 2\\cdot(-0{,}1952;\\ -0{,}4070)", vclose([-0.1952, -0.4070], p @ K - K[0], 4) and vclose([-0.3904, -0.8140], g, 4)),
        ("(1{,}0390;\\ 0{,}0814)", vclose([1.0390, 0.0814], q - 0.1 * g, 4)),
    ]


def f08():
    N = 4; V = 2 * N
    pos = np.zeros((V, V), bool)
    for k in range(N):
        pos[2 * k, 2 * k + 1] = pos[2 * k + 1, 2 * k] = True
    offdiag = ~np.eye(V, dtype=bool)
    neg_per_anchor = (offdiag & ~pos).sum(axis=1)
    return [
        ("视图总数：$2N = 8$", V == 8),
        ("共 $64$ 个元素", V * V == 64),
        ("$64 - 8 = 56$", offdiag.sum() == 56),
        ("2N - 1 = 7 .", np.all(neg_per_anchor == 7)),
        ("$1 + 7 = 8$", offdiag.sum(axis=1)[0] == 8),
        ("共 $8 \\times 7 = 56$ 个", (offdiag & ~pos).sum() == 56),
        ("\\ell = -\\log \\frac{1}{8} = \\log 8 \\approx 2.079", offdiag.sum(axis=1)[0] == 8 and close(2.079, np.log(8), 3)),
        ("= 4\\,196\\,352 + 262\\,272 = 4\\,458\\,624", sum(w.size + b.size for w, b in [(np.empty((2048, 2048)), np.empty(2048)), (np.empty((2048, 128)), np.empty(128))]) == 4458624 and 2048 * 2048 + 2048 == 4196352),
    ]


def f09():
    m = 0.3
    a, p, n = np.array([0.5, 1.0]), np.array([1.5, 1.5]), np.array([1.0, 0.5])
    L = lambda a, p, n: max(0.0, np.sum((a - p) ** 2) - np.sum((a - n) ** 2) + m)
    ar, pr = rng.normal(size=(2, 3))
    ga = fd_grad(lambda x: L(x, p, n), a)
    a1 = a - 0.1 * ga
    return [
        ("a - p = (-1.0,\\ -0.5), \\qquad \\lVert a - p\\rVert^2 = 1.0 + 0.25 = 1.25", vclose([-1, -0.5], a - p, 9) and close(1.25, np.sum((a - p) ** 2), 9)),
        ("a - n = (-0.5,\\ 0.5), \\qquad \\lVert a - n\\rVert^2 = 0.25 + 0.25 = 0.5", vclose([-0.5, 0.5], a - n, 9) and close(0.5, np.sum((a - n) ** 2), 9)),
        ("$1.25 - 0.5 + 0.3 = 1.05 > 0$", close(1.05, 1.25 - 0.5 + 0.3, 9)),
        ("L = 1.05 .", close(1.05, L(a, p, n), 9)),
        ("\\frac{\\partial}{\\partial a}\\lVert a - p\\rVert^2 = (a - p), \\qquad", eqf(fd_grad(lambda x: np.sum((x - pr) ** 2), ar), ar - pr)),
        ("\\nabla_a L &= (a - p) - (a - n) = n - p = (-0.5,\\ -1.0)", vclose([-0.5, -1.0], ga, 6)),
        ("\\nabla_p L &= p - a = (1.0,\\ 0.5)", vclose([1.0, 0.5], fd_grad(lambda x: L(a, x, n), p), 6)),
        ("\\nabla_n L &= a - n = (-0.5,\\ 0.5)", vclose([-0.5, 0.5], fd_grad(lambda x: L(a, p, x), n), 6)),
        ("(0.55,\\ 1.1)", vclose([0.55, 1.1], a1, 6)),
    ]


def f10():
    sr = rng.normal(size=4)
    Lt = lambda t, s: -s[0] / t + np.log(np.exp(s / t).sum())
    tr = 0.8; pr = softmax(sr / tr)
    d1 = fd_grad(lambda t: np.log(np.exp(sr / t[0]).sum()), np.array([tr]))[0]
    s = np.array([0.9, 0.3, -0.2]); t = 0.5; p = softmax(s / t)
    dLdt = fd_grad(lambda tt: Lt(tt[0], s), np.array([t]))[0]
    u0 = np.log(1 / t)
    dLdu = fd_grad(lambda u: Lt(np.exp(-u[0]), s), np.array([u0]))[0]
    return [
        ("첫째 항:", eqf(fd_grad(lambda t: -sr[0] / t[0], np.array([tr]))[0], sr[0] / tr ** 2)),
        ("= -\\frac{1}{\\tau^2}\\sum_j p_j s_j .", eqf(d1, -(pr @ sr) / tr ** 2)),
        ("\\frac{\\partial \\mathcal{L}}{\\partial \\tau} = \\frac{1}{\\tau^2}\\Big(s_0 - \\sum_j p_j s_j\\Big)", eqf(fd_grad(lambda t: Lt(t[0], sr), np.array([tr]))[0], (sr[0] - pr @ sr) / tr ** 2)),
        ("$s/\\tau = (1.8,\\ 0.6,\\ -0.4)$", vclose([1.8, 0.6, -0.4], s / t, 9)),
        ("e^{s/\\tau} \\approx (6.0496", vclose([6.0496, 1.8221, 0.6703], np.exp(s / t), 4) and close(8.5421, np.exp(s / t).sum(), 4)),
        ("p \\approx (0.7082,\\ 0.2133,\\ 0.0785)", vclose([0.7082, 0.2133, 0.0785], p, 4) and close(0.3450, Lt(t, s), 4)),
        ("\\approx 0.6374 + 0.0640 - 0.0157 = 0.6857", close(0.6374, 0.7082 * 0.9, 4) and close(0.0640, 0.2133 * 0.3, 4) and close(-0.0157, -0.0785 * 0.2, 4) and close(0.6857, p @ s, 4)),
        ("= \\frac{0.2143}{0.25} \\approx 0.857", close(0.857, dLdt, 3) and close(0.2143, 0.9 - 0.6857, 4)),
        ("여기서는 $\\log 3 \\approx 1.0986$", close(1.0986, Lt(1e6, s), 4) and close(1.0986, np.log(3), 4)),
        ("= -\\tau\\,\\partial\\mathcal{L}/\\partial\\tau", eqf(dLdu, -t * dLdt)),
    ]


def f11():
    xr, gr = rng.normal(size=(2, 5)); r = np.linalg.norm(xr); yr = xr / r
    J = fd_jac(l2n, xr)
    x = np.array([1, 2, 2.]); g = np.array([1, 0, -1.]); y = l2n(x); Jx = fd_jac(l2n, x)
    gx = Jx.T @ g
    return [
        ("\\frac{\\partial y_i}{\\partial x_j} = \\frac{\\delta_{ij}}{r} - \\frac{x_i x_j}{r^3}", eqf(J, np.eye(5) / r - np.outer(xr, xr) / r ** 3) and eqf(J, (np.eye(5) - np.outer(yr, yr)) / r)),
        ("= \\frac{g - y\\,(y^\\top g)}{\\lVert x\\rVert}", eqf(J.T @ gr, (gr - yr * (yr @ gr)) / r)),
        ("gradient jest styczny do sfery", abs(xr @ (J.T @ gr)) < 1e-6),
        ("Wtedy $r = \\sqrt{1 + 4 + 4} = 3$", np.linalg.norm(x) == 3 and vclose([1 / 3, 2 / 3, 2 / 3], y, 12)),
        ("= -\\tfrac13 ,", close(-1 / 3, y @ g, 12)),
        ("= \\left(\\tfrac{10}{9},\\ \\tfrac{2}{9},\\ -\\tfrac{7}{9}\\right)", vclose([10 / 9, 2 / 9, -7 / 9], g - y * (y @ g), 12)),
        ("\\approx (0{,}3704;\\ 0{,}0741;\\ -0{,}2593)", vclose([10 / 27, 2 / 27, -7 / 27], gx, 6) and vclose([0.3704, 0.0741, -0.2593], gx, 4)),
        ("\\tfrac{1}{27}(10 + 4 - 14) = 0", close(0, x @ gx, 6)),
        ("a w przykładzie powyżej $\\operatorname{tr} J = 2/3$", close(2 / 3, np.trace(Jx), 6)),
    ]


def f12():
    ar, br = rng.normal(size=(2, 3)); na, nb = np.linalg.norm(ar), np.linalg.norm(br)
    g = fd_grad(lambda a: cosf(a, br), ar)
    a = np.array([2, 1, 2.]); b = np.array([1, 1, 0.])
    return [
        ("Dan is $\\nabla_a u = b$", eqf(fd_grad(lambda x: np.linalg.norm(x) * nb, ar), nb * ar / na)),
        ("$\\nabla (u/v) = (v\\nabla u - u\\nabla v)/v^2$ volgt", True),
        ("\\nabla_a c = \\frac{\\lVert a\\rVert\\lVert b\\rVert\\, b + (a^\\top b)", eqf(g, (na * nb * br + (ar @ br) * nb * ar / na) / (na ** 2 * nb ** 2))),
        ("= \\frac{b}{\\lVert a\\rVert\\,\\lVert b\\rVert} + \\frac{c}{\\lVert a\\rVert^2}\\, a .", eqf(g, br / na / nb + cosf(ar, br) / na ** 2 * ar)),
        ("We hebben $a^\\top b = 2 + 1 + 0 = 3$", a @ b == 3 and np.linalg.norm(a) == 3 and close(1.4142, np.linalg.norm(b), 4)),
        ("c = \\frac{3}{3\\sqrt 2} = \\frac{1}{\\sqrt2} \\approx 0{,}7071", close(0.7071, cosf(a, b), 4)),
        ("een hoek van $45^\\circ$", close(45, np.degrees(np.arccos(cosf(a, b))), 6)),
        ("\\approx (0{,}2357;\\ 0{,}2357;\\ 0)", vclose([0.2357, 0.2357, 0], b / 3 / np.sqrt(2), 4) and vclose([0.1571, 0.0786, 0.1571], cosf(a, b) / 9 * a, 4)),
        ("\\nabla_a c \\approx (0{,}3928;\\ 0{,}3143;\\ 0{,}1571)", vclose([0.3928, 0.3143, 0.1571], fd_grad(lambda x: cosf(x, b), a), 4)),
    ]


def f13():
    m = 1.5; N = 3
    X1 = np.array([[0, 0], [1, 0], [0, 1.]]); X2 = np.array([[0.3, 0.4], [1.6, 0.8], [2, 1.]]); Y = [0, 1, 1]
    Ls = [hadsell(X1[i], X2[i], Y[i], m) for i in range(3)]
    Lmean = lambda i, x: (sum(Ls) - Ls[i] + hadsell(x, X2[i], Y[i], m)) / N
    G = [fd_grad(lambda x: Lmean(i, x), X1[i]) for i in range(3)]
    G2 = [fd_grad(lambda x: (sum(Ls) - Ls[i] + hadsell(X1[i], x, Y[i], m)) / N, X2[i]) for i in range(3)]
    x1r, x2r = rng.normal(size=(2, 2)); Dr = np.linalg.norm(x1r - x2r); mr = Dr + 0.7
    formula = lambda Yv: ((1 - Yv) * (x1r - x2r) - Yv * max(0, mr - Dr) * (x1r - x2r) / Dr) / N
    true = lambda Yv: fd_grad(lambda x: hadsell(x, x2r, Yv, mr) / N, x1r)
    D = np.linalg.norm(X1 - X2, axis=1)
    return [
        ("D^{(1)} = \\sqrt{0{,}09 + 0{,}16} = 0{,}5", vclose([0.5, 1, 2], D, 9)),
        ("Cặp 1 (giống nhau): $\\tfrac12 \\cdot 0{,}5^2 = 0{,}125$", close(0.125, Ls[0], 9)),
        ("Cặp 2 (khác nhau, $D = 1 < m$)", close(0.125, Ls[1], 9)),
        ("Cặp 3 (khác nhau, $D = 2 \\ge m$)", Ls[2] == 0),
        ("= \\frac{0{,}25}{3} \\approx 0{,}0833", close(0.0833, sum(Ls) / N, 4)),
        ("\\frac{\\partial \\mathcal{L}}{\\partial x_1^{(i)}} = \\frac{1}{N}\\left[", eqf(formula(0), true(0)) and eqf(formula(1), true(1))),
        ("Cặp 1: $\\frac13\\,(-0{,}3;\\ -0{,}4) \\approx (-0{,}1;\\ -0{,}1333)$", vclose([-0.1, -0.1333], G[0], 4)),
        ("\\approx (0{,}1;\\ 0{,}1333)$", vclose([0.1, 0.1333], G[1], 4)),
        ("Cặp 3: $(0;\\ 0)$", vclose([0, 0], G[2], 6)),
        ("= -\\,\\partial\\mathcal{L}/\\partial x_1^{(i)}$ cho mỗi cặp", all(eqf(G2[i], -G[i]) for i in range(3))),
    ]


def f14():
    z = np.array([3.0, 1.0, 0.5, 0.0]); p = softmax(z); L = -np.log(p[0])
    gz = fd_grad(lambda v: -np.log(softmax(v)[0]), z)
    return [
        ("Örneğin $N = 4$ için $\\log 4 \\approx 1{,}3863$", close(1.3863, np.log(4), 4) and close(np.log(4), -np.log(softmax(np.zeros(4))[0]), 9)),
        ("e^{z} \\approx (20{,}0855;\\ 2{,}7183", vclose([20.0855, 2.7183, 1.6487, 1.0], np.exp(z), 4) and close(25.4525, np.exp(z).sum(), 4)),
        ("p \\approx (0{,}7891;\\ 0{,}1068;\\ 0{,}0648;\\ 0{,}0393)", vclose([0.7891, 0.1068, 0.0648, 0.0393], p, 4)),
        ("\\approx -\\ln 0{,}78914 \\approx 0{,}2368", close(0.78914, p[0], 5) and close(0.2368, L, 4) and close(0.2368, -np.log(0.78914), 4)),
        ("\\approx (-0{,}2109;\\ 0{,}1068;\\ 0{,}0648;\\ 0{,}0393)", vclose([-0.2109, 0.1068, 0.0648, 0.0393], gz, 4) and abs(gz.sum()) < 1e-6),
        ("\\log N - \\mathcal{L} \\approx 1{,}3863 - 0{,}2368 = 1{,}1595", close(1.1595, np.log(4) - L, 4) and close(1.1595, 1.3863 - 0.2368, 4)),
        ("$1{,}1595 / \\ln 2 \\approx 1{,}673$ bit", close(1.673, (np.log(4) - L) / np.log(2), 3)),
    ]


def f15():
    P, K = 4, 3
    lab = np.repeat(np.arange(P), K); B = P * K
    cnt = sum(1 for a in range(B) for p in range(B) for n in range(B) if a != p and lab[a] == lab[p] and lab[n] != lab[a])
    X = rng.normal(size=(5, 3)); G = X @ X.T
    Dsq = np.sum((X[:, None] - X[None]) ** 2, axis=-1)
    pts = np.array([[0, 0], [1, 0], [0, 2], [1.5, 1]]); lb = [0, 0, 1, 1]; m = 0.5
    D = np.linalg.norm(pts[:, None] - pts[None], axis=-1)
    ls = []
    for i in range(4):
        dp = max(D[i, j] for j in range(4) if j != i and lb[j] == lb[i]); dn = min(D[i, j] for j in range(4) if lb[j] != lb[i])
        ls.append(max(0.0, dp - dn + m))
    ar, nr = rng.normal(size=(2, 3))
    return [
        ("\\#\\text{tripletů} = PK \\cdot (K-1) \\cdot K(P-1).", cnt == P * K * (K - 1) * K * (P - 1)),
        ("každá kotva má $2$ pozitivní a $9$ negativních", B == 12 and (lab == lab[0]).sum() - 1 == 2 and (lab != lab[0]).sum() == 9),
        ("= 12 \\cdot 2 \\cdot 9 = 216", cnt == 216),
        ("sčítá pouze $B = 12$ členů", B == 12),
        ("= G_{ii} - 2G_{ij} + G_{jj}", eqf(Dsq, np.diag(G)[:, None] - 2 * G + np.diag(G)[None])),
        ("pro $B = 12$ tedy $144$ prvků", np.zeros((B, B)).size == 144),
        ("d(A_1,A_2) = 1,\\quad d(A_1,B_1) = 2", close(1, D[0, 1], 9) and close(2, D[0, 2], 9) and close(1.8028, D[0, 3], 4) and close(np.sqrt(3.25), D[0, 3], 9)),
        ("d(A_2,B_1) = \\sqrt5 \\approx 2{,}2361", close(2.2361, D[1, 2], 4) and close(1.1180, D[1, 3], 4) and close(1.8028, D[2, 3], 4)),
        ("| $A_1$ | $1$ | $1{,}8028$", close(0, ls[0], 9) and close(-0.3028, 1 - D[0, 3] + m, 4)),
        ("| $A_2$ | $1$ | $1{,}1180$ | $0{,}3820$", close(0.3820, ls[1], 4)),
        ("| $B_1$ | $1{,}8028$ | $2$ | $0{,}3028$", close(0.3028, ls[2], 4)),
        ("| $B_2$ | $1{,}8028$ | $1{,}1180$ | $1{,}1847$", close(1.1847, ls[3], 4)),
        ("= \\frac{1{,}8695}{4} \\approx 0{,}4674", close(1.8695, 0.3820 + 0.3028 + 1.1847, 4) and close(0.4674, np.mean(ls), 4)),
        ("\\partial d/\\partial a = (a - n)/\\lVert a - n\\rVert", eqf(fd_grad(lambda a: np.linalg.norm(a - nr), ar), (ar - nr) / np.linalg.norm(ar - nr))),
    ]


def f16():
    sr = rng.normal(size=4); tr = 0.7
    L = lambda s, t: -s[0] / t + np.log(np.exp(s / t).sum())
    pr = softmax(sr / tr)
    Hfd = fd_jac(lambda s: fd_grad(lambda u: L(u, tr), s, 1e-5), sr, 1e-4)
    Jsm = fd_jac(softmax, sr)
    v = rng.normal(size=4); ps = softmax(sr)
    s = np.array([1.0, 0.2, -0.4]); t = 0.5; p = softmax(s / t)
    M = np.diag(p) - np.outer(p, p)
    return [
        ("\\nabla_s L = \\frac{1}{\\tau}\\,(p - e_0).", eqf(fd_grad(lambda u: L(u, tr), sr), (pr - np.eye(4)[0]) / tr)),
        ("i.e. $\\operatorname{diag}(p) - pp^\\top$", eqf(Jsm, np.diag(ps) - np.outer(ps, ps))),
        ("\\nabla_s^2 L = \\frac{1}{\\tau}\\,\\big(\\operatorname{diag}(p) - pp^\\top\\big).", np.allclose(Hfd, (np.diag(pr) - np.outer(pr, pr)) / tr, atol=1e-3)),
        ("= \\operatorname{Var}_p(v) \\ge 0", eqf(v @ (np.diag(ps) - np.outer(ps, ps)) @ v, ps @ v ** 2 - (ps @ v) ** 2)),
        ("(\\operatorname{diag}(p) - pp^\\top)\\mathbf{1} = p - p = 0", eqf((np.diag(ps) - np.outer(ps, ps)) @ np.ones(4), 0)),
        ("e^{s/\\tau} \\approx (7.3891", vclose([2.0, 0.4, -0.8], s / t, 9) and vclose([7.3891, 1.4918, 0.4493], np.exp(s / t), 4) and close(9.3302, np.exp(s / t).sum(), 4) and vclose([0.7920, 0.1599, 0.0482], p, 4)),
        ("\\approx (-0.4161,\\ 0.3198,\\ 0.0963)", vclose([-0.4161, 0.3198, 0.0963], (p - np.eye(3)[0]) / t, 4)),
        ("0.1648 & -0.1266 & -0.0381", vclose([0.1648, -0.1266, -0.0381], M[0], 4)),
        ("-0.1266 & 0.1343 & -0.0077", vclose([-0.1266, 0.1343, -0.0077], M[1], 4)),
        ("-0.0381 & -0.0077 & 0.0458", vclose([-0.0381, -0.0077, 0.0458], M[2], 4)),
        ("0.3295 & -0.2533 & -0.0763", vclose([0.3295, -0.2533, -0.0763], 2 * M[0], 4)),
    ]


CHECKS = {
    "01_infonce_logits_grad_en.md": f01, "02_ntxent_toy_de.md": f02, "03_triplet_subgradient_fr.md": f03,
    "04_hadsell_contrastive_es.md": f04, "05_cosine_gradient_pt.md": f05, "06_l2norm_jacobian_it.md": f06,
    "07_infonce_anchor_grad_ru.md": f07, "08_ntxent_counting_zh.md": f08, "09_triplet_numeric_ja.md": f09,
    "10_temperature_derivative_ko.md": f10, "11_l2norm_backprop_pl.md": f11, "12_cosine_3d_nl.md": f12,
    "13_contrastive_batch_vi.md": f13, "14_infonce_mi_bound_tr.md": f14, "15_triplet_mining_cs.md": f15,
    "16_infonce_hessian_en.md": f16,
}


def locate(lines, sub, fname):
    hits = [i + 1 for i, l in enumerate(lines) if sub in l]
    assert len(hits) == 1, f"{fname}: substring {sub!r} found {len(hits)} times"
    return hits[0]


def main():
    expected = json.load(open(os.path.join(HERE, "expected.json"), encoding="utf-8"))
    mds = sorted(f for f in os.listdir(HERE) if f.endswith(".md"))
    assert set(mds) == set(expected) == set(CHECKS), "file sets differ"
    bad = 0
    for f in mds:
        lines = open(os.path.join(HERE, f), encoding="utf-8").read().split("\n")
        res = sorted((locate(lines, sub, f), bool(ok), sub) for sub, ok in CHECKS[f]())
        first = next((ln for ln, ok, _ in res if not ok), None)
        status = "OK" if first == expected[f] else "MISMATCH"
        if status != "OK":
            bad += 1
        print(f"{status}  {f}: first failing line = {first}, expected = {expected[f]}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
