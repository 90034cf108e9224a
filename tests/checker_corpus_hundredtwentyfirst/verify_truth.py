"""Independent truth check for the corpus: walks each file's claims in line order and
asserts that the first failing line equals expected.json (None when nothing fails)."""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(0)


def lines_of(fname):
    with open(os.path.join(HERE, fname), encoding="utf-8") as fh:
        return fh.read().split("\n")


def locate(fname, sub):
    hits = [i + 1 for i, l in enumerate(lines_of(fname)) if sub in l]
    assert len(hits) == 1, f"{fname}: substring {sub!r} found {len(hits)} times"
    return hits[0]


def near(val, printed, dec):
    """printed value with `dec` decimals agrees with the exact value"""
    return bool(np.all(np.abs(np.asarray(val, float) - np.asarray(printed, float)) <= 0.6 * 10.0 ** (-dec) + 1e-12))


def eq(a, b):
    return bool(np.allclose(np.asarray(a, float), np.asarray(b, float), rtol=1e-9, atol=1e-9))


def fd_jac(f, x, h=1e-6):
    x = np.asarray(x, float)
    cols = []
    for j in range(x.size):
        e = np.zeros_like(x); e[j] = h
        cols.append((np.asarray(f(x + e)) - np.asarray(f(x - e))) / (2 * h))
    return np.stack(cols, axis=-1)  # J[i, j] = d f_i / d x_j


def bn(x, g=1.0, b=0.0, eps=0.0):
    mu = x.mean(); s = np.sqrt(x.var() + eps)
    return g * (x - mu) / s + b


CHECKS = {}


def check(fname):
    def deco(fn):
        CHECKS[fname] = fn
        return fn
    return deco


# ---------------------------------------------------------------- 01
@check("01_batchnorm_vorwaerts_de.md")
def c01():
    X = np.array([[1., 2], [3, 2], [5, 4], [7, 8]]); g = np.array([2, .5]); b = np.array([1., -1])
    mu = X.mean(0); var = X.var(0); Xh = (X - mu) / np.sqrt(var); Y = g * Xh + b
    return [
        ("= \\frac{16}{4} = 4,", eq(X[:, 0].sum(), 16) and eq(mu[0], 4)),
        ("\\frac{20}{4} = 5,", eq(((X[:, 0] - 4) ** 2).sum(), 20) and eq(var[0], 5)),
        ("\\sigma_1 = \\sqrt{5} \\approx 2{,}2361", near(np.sqrt(5), 2.2361, 4)),
        ("\\mu_2 = \\frac{2+2+4+8}{4} = 4", eq(mu[1], 4) and eq(var[1], 6) and near(np.sqrt(6), 2.4495, 4)),
        ("-1{,}3416 & -0{,}8165", near(Xh[0], [-1.3416, -0.8165], 4)),
        ("-0{,}4472 & -0{,}8165", near(Xh[1], [-0.4472, -0.8165], 4)),
        ("\\phantom{-}0{,}4472 & \\phantom{-}0{,}0000", near(Xh[2], [0.4472, 0], 4)),
        ("\\phantom{-}1{,}3416 & \\phantom{-}1{,}6330", near(Xh[3], [1.3416, 1.6330], 4)),
        ("(1{,}3333 + 2{,}6667) = 1", near(2 * Xh[0, 1] ** 2, 1.3333, 4) and near(Xh[3, 1] ** 2, 2.6667, 4)
         and eq(Xh.mean(0), 0) and eq(Xh.var(0), 1)),
        ("y_{11} &= 2\\cdot(-1{,}3416) + 1 = -1{,}6833", near(Y[0], [-1.6833, -1.4082], 4)),
        ("y_{21} &=", near(Y[1], [0.1056, -1.4082], 4)),
        ("y_{31} &=", near(Y[2], [1.8944, -1], 4)),
        ("y_{41} &=", near(Y[3], [3.6833, -0.1835], 4)),
        ("also Varianz $\\gamma_1^2 = 4$", eq(Y[:, 0].mean(), 1) and eq(Y[:, 0].std(), 2) and eq(Y[:, 0].var(), 4)),
        ("Varianz $0{,}25$", eq(Y[:, 1].mean(), -1) and eq(Y[:, 1].var(), .25)),
    ]


# ---------------------------------------------------------------- 02
@check("02_batchnorm_retropropagation_fr.md")
def c02():
    N = 5; x = rng.normal(size=N); mu = x.mean(); s = x.std(); xh = (x - mu) / s
    gam = 1.7; gy = rng.normal(size=N)
    J_var = fd_jac(lambda z: np.array([z.var()]), x)[0]
    J_s = fd_jac(lambda z: np.array([z.std()]), x)[0]
    J_xh = fd_jac(lambda z: (z - z.mean()) / z.std(), x)
    dLdx = fd_jac(lambda z: np.array([np.sum(gy * (gam * (z - z.mean()) / z.std() + 0.3))]), x)[0]
    D = np.eye(N) - 1 / N
    claimed_sum = (1 / N) * (x - mu) @ D            # line: (1/N) sum_i (x_i-mu)(delta_ij - 1/N)
    claimed_var = (x - mu) / N
    claimed_s = xh / (2 * N)
    claimed_J = (D - np.outer(xh, xh) / (2 * N)) / s
    v1 = gam / s * (gy - gy.mean() - xh / (2 * N) * np.sum(gy * xh))
    v2 = gam / (2 * N * s) * (2 * N * gy - 2 * gy.sum() - xh * np.sum(gy * xh))
    v3 = gam / s * (gy - gy.mean() - 0.5 * np.mean(gy * xh) * xh)
    dbeta = fd_jac(lambda b: np.array([np.sum(gy * (gam * xh + b[0]))]), np.array([0.3]))[0, 0]
    dgam = fd_jac(lambda g: np.array([np.sum(gy * (g[0] * xh + 0.3))]), np.array([gam]))[0, 0]
    return [
        ("\\frac{\\partial L}{\\partial \\beta} = \\sum_{i=1}^N g_i", np.isclose(dbeta, gy.sum(), atol=1e-6) and np.isclose(dgam, np.sum(gy * xh), atol=1e-6)),
        ("\\frac{\\partial \\mu}{\\partial x_j} = \\frac1N", np.allclose(fd_jac(lambda z: np.array([z.mean()]), x)[0], 1 / N, atol=1e-6)),
        ("= \\frac1N \\sum_{i}(x_i-\\mu)\\Big(\\delta_{ij}-\\frac1N\\Big)", np.allclose(claimed_sum, J_var, atol=1e-6)),
        ("= \\frac{x_j-\\mu}{N},", np.allclose(claimed_var, J_var, atol=1e-6)),
        ("= \\frac{x_j-\\mu}{2Ns} = \\frac{\\hat x_j}{2N}", np.allclose(claimed_s, J_s, atol=1e-6)),
        ("= \\frac{1}{s}\\Big(\\delta_{ij}-\\frac1N-\\frac{\\hat x_i\\hat x_j}{2N}\\Big)", np.allclose(claimed_J, J_xh, atol=1e-6)),
        ("&= \\frac{\\gamma}{s}\\Big( g_j - \\frac1N", np.allclose(v1, dLdx, atol=1e-6)),
        ("&= \\frac{\\gamma}{2Ns}\\Big( 2N g_j", np.allclose(v2, dLdx, atol=1e-6)),
        ("\\tfrac12\\,\\overline{g\\hat x}\\;\\hat x\\Big)", np.allclose(v3, dLdx, atol=1e-6)),
    ]


# ---------------------------------------------------------------- 03
@check("03_layernorm_adelante_es.md")
def c03():
    X = np.array([[1., 2, 3, 6], [4, 0, -2, 2]]); g = np.array([1, 2, .5, 1]); b = np.array([0, .1, 0, -.5])
    mu = X.mean(1, keepdims=True); var = X.var(1, keepdims=True); Xh = (X - mu) / np.sqrt(var); Y = g * Xh + b
    return [
        ("12/4 = 3", eq(mu[0, 0], 3) and eq(X[0] - 3, [-2, -1, 0, 3])),
        ("\\frac{14}{4} = 3{,}5", eq(var[0, 0], 3.5) and near(np.sqrt(3.5), 1.8708, 4)),
        ("\\hat x_1 = \\frac{(-2,\\,-1,\\,0,\\,3)}{1{,}8708}", near(Xh[0], [-1.0690, -0.5345, 0, 1.6036], 4)),
        ("y_1 = \\gamma\\odot\\hat x_1 + \\beta", near(Y[0], [-1.0690, -0.9690, 0, 1.1036], 4)),
        ("$2\\cdot(-0{,}5345) + 0{,}1 = -0{,}9690$", near(2 * -0.5345 + 0.1, -0.9690, 4) and near(1.6036 - .5, 1.1036, 4)),
        ("\\mu_2 = (4+0-2+2)/4 = 1", eq(mu[1, 0], 1) and eq(X[1] - 1, [3, -1, -3, 1])),
        ("\\sigma_2^2 = \\frac{9+1+9+1}{4} = 5", eq(var[1, 0], 5) and near(np.sqrt(5), 2.2361, 4)),
        ("\\hat x_2 \\approx", near(Xh[1], [1.3416, -0.4472, -1.3416, 0.4472], 4)),
        ("y_2 \\approx", near(Y[1], [1.3416, -0.7944, -0.6708, -0.0528], 4)),
        ("(3{,}6 + 0{,}4) = 1", near(2 * 1.3416 ** 2, 3.6, 1) and near(2 * .4472 ** 2, .4, 1) and eq(Xh.var(1), 1) and eq(Xh.mean(1), 0)),
        ("(aquí $2$ y $2$)", X.shape[0] == 2 and 2 * X.shape[1] == 8),
    ]


# ---------------------------------------------------------------- 04
@check("04_rmsnorm_pt.md")
def c04():
    x = np.array([3., -1, 2, 1]); g = np.array([1, .5, 2, 1]); d = 4
    ms = np.mean(x ** 2); r = np.sqrt(ms)
    f = lambda z: g * z / np.sqrt(np.mean(z ** 2))
    z = rng.normal(size=5); gz = rng.normal(size=5); dy = rng.normal(size=5); rz = np.sqrt(np.mean(z ** 2))
    g5 = gz
    J = fd_jac(lambda u: g5 * u / np.sqrt(np.mean(u ** 2)), z)
    dLdx = dy @ J
    return [
        ("cuja soma é $15$", eq(np.sum(x ** 2), 15) and eq(x ** 2, [9, 1, 4, 1])),
        ("\\frac1d\\sum_k x_k^2 = \\frac{15}{4} = 3{,}25", near(15 / 4, 3.25, 2)),
        ("\\operatorname{RMS}(x) = \\sqrt{3{,}25} \\approx 1{,}8028", near(r, 1.8028, 4)),
        ("\\frac{x}{\\operatorname{RMS}(x)} \\approx", near(x / r, [1.6641, -0.5547, 1.1094, 0.5547], 4)),
        ("y \\approx (1{,}6641", near(f(x), [1.6641, -0.2774, 2.2188, 0.5547], 4)),
        ("\\frac{\\partial r}{\\partial x_j} = \\frac{x_j}{d\\,r}", np.allclose(fd_jac(lambda u: np.array([np.sqrt(np.mean(u ** 2))]), z)[0], z / (5 * rz), atol=1e-6)),
        ("= \\frac{g_i}{r}\\left(\\delta_{ij} - \\frac{x_i x_j}{d\\,r^2}\\right)", np.allclose(J, (g5[:, None] / rz) * (np.eye(5) - np.outer(z, z) / (5 * rz ** 2)), atol=1e-6)),
        ("\\sum_{i=1}^d g_i\\,\\delta y_i\\,x_i \\right)", np.allclose(dLdx, (g5 * dy - z / (5 * rz ** 2) * np.sum(g5 * dy * z)) / rz, atol=1e-6)),
        ("vale $\\sum_j x_j\\,\\partial L/\\partial x_j = 0$", abs(z @ dLdx) < 1e-6),
        ("$65\\cdot 4096 = 266\\,240$", 2 * 32 + 1 == 65 and 65 * 4096 == 266240),
    ]


# ---------------------------------------------------------------- 05
@check("05_groupnorm_forme_it.md")
def c05():
    N, C, H, W, G = 8, 32, 16, 16, 8
    x = rng.normal(size=(N, C, H, W))
    xv = x.reshape(N, G, -1); st = xv.mean(-1)
    divs = [g for g in range(1, C + 1) if C % g == 0]
    return [
        ("$C/G = 32/8 = 4$", C // G == 4),
        ("4\\cdot 16\\cdot 16 = 1024$", xv.shape[-1] == 1024),
        ("$N\\cdot G = 8\\cdot 8 = 64$", st.size == 64),
        ("ottieni un tensore $(8, 8, 1024)$", xv.shape == (8, 8, 1024) and st.shape == (8, 8)),
        ("$8\\cdot 8\\cdot 1024 = 65\\,536 = 8\\cdot 32\\cdot 16\\cdot 16$", 8 * 8 * 1024 == 65536 == x.size),
        ("quindi $2C = 64$ parametri", 2 * C == 64),
        ("| BatchNorm2d |", x.mean((0, 2, 3)).size == 32 and N * H * W == 2048),
        ("| LayerNorm su $(C,H,W)$ |", x.mean((1, 2, 3)).size == 8 and C * H * W == 8192),
        ("| InstanceNorm |", x.mean((2, 3)).size == 256 and H * W == 256),
        ("| GroupNorm, $G=8$ |", st.size == 64 and (C // G) * H * W == 1024),
        ("dà sempre $N C H W = 65\\,536$", 32 * 2048 == 8 * 8192 == 256 * 256 == 64 * 1024 == 65536),
        ("(8 statistiche da 8192 elementi)", x.reshape(N, 1, -1).shape == (8, 1, 8192) and x.reshape(N, C, -1).shape == (8, 32, 256)),
        ("cioè $6$ scelte possibili", divs == [1, 2, 4, 8, 16, 32] and len(divs) == 6),
        ("occupano $128$ float", 64 + 64 == 128),
    ]


# ---------------------------------------------------------------- 06
@check("06_skolzyashchie_srednie_ru.md")
def c06():
    m = 0.1
    mu, var = 0.0, 1.0
    seq = []
    for bm, bv in [(2.0, 4.0), (2.4, 3.0), (1.8, 5.0)]:
        mu = (1 - m) * mu + m * bm; var = (1 - m) * var + m * bv; seq.append((mu, var))
    gam, beta, x = 1.5, -0.2, 3.0
    y_written = gam * (x - 2.142) / np.sqrt(1.823) + beta
    return [
        ("\\hat\\mu = 0{,}9\\cdot 0 + 0{,}1\\cdot 2{,}0 = 0{,}2", near(seq[0][0], 0.2, 3)),
        ("\\hat\\sigma^2 = 0{,}9\\cdot 1 + 0{,}1\\cdot 4{,}0 = 1{,}3", near(seq[0][1], 1.3, 3)),
        ("\\hat\\mu = 0{,}1\\cdot 0{,}2 + 0{,}9\\cdot 2{,}4 = 2{,}18", near(seq[1][0], 2.18, 3)),
        ("\\hat\\sigma^2 = 0{,}9\\cdot 1{,}3 + 0{,}1\\cdot 3{,}0 = 1{,}47", near(seq[1][1], 1.47, 3)),
        ("\\hat\\mu = 0{,}9\\cdot 2{,}18 + 0{,}1\\cdot 1{,}8 = 2{,}142", near(seq[2][0], 2.142, 4)),
        ("\\hat\\sigma^2 = 0{,}9\\cdot 1{,}47 + 0{,}1\\cdot 5{,}0 = 1{,}823", near(seq[2][1], 1.823, 4)),
        ("$0{,}9^3 = 0{,}729$", near(0.9 ** 3, 0.729, 4)),
        ("= 1{,}5\\cdot\\frac{3 - 2{,}142}{\\sqrt{1{,}823}} - 0{,}2", near(seq[2][0], 2.142, 4) and near(seq[2][1], 1.823, 4)),
        ("\\sqrt{1{,}823}\\approx 1{,}3502", near(np.sqrt(1.823), 1.3502, 4) and near(3 - 2.142, 0.858, 4)),
        ("y \\approx 1{,}5\\cdot 0{,}6355 - 0{,}2 \\approx 0{,}7532", near(0.858 / np.sqrt(1.823), 0.6355, 4) and near(y_written, 0.7532, 4)),
        ("Здесь $a \\approx 1{,}1110$", near(gam / np.sqrt(seq[2][1]), 1.1110, 4) and near(beta - gam / np.sqrt(seq[2][1]) * seq[2][0], -2.5797, 4)),
        ("$1{,}1110\\cdot 3 - 2{,}5797 \\approx 0{,}7533$", near(1.1110 * 3 - 2.5797, 0.7533, 4)),
    ]


# ---------------------------------------------------------------- 07
@check("07_cnn_canshu_zh.md")
def c07():
    def conv(cin, cout, k=3): return np.zeros((cout, cin, k, k)).size
    c1, c2, c3 = conv(3, 32), conv(32, 64), conv(64, 128)
    fc = np.zeros((10, 128)).size + 10
    bn = [2 * 32, 2 * 64, 2 * 128]
    total = c1 + c2 + c3 + fc + sum(bn)
    return [
        ("\\text{Conv1} &: 3\\cdot 32\\cdot 9 = 864", c1 == 864 and bn[0] == 64),
        ("\\text{Conv2} &: 32\\cdot 64\\cdot 3 = 6144", c2 == 6144 and bn[1] == 128),
        ("\\text{Conv3} &: 64\\cdot 128\\cdot 9 = 73\\,728", c3 == 73728 and bn[2] == 256),
        ("\\text{FC} &: 128\\cdot 10 + 10 = 1290", fc == 1290),
        ("2\\cdot(32 + 64 + 128) = 2\\cdot 224 = 448", 2 * (32 + 64 + 128) == 448),
        ("= 82\\,474", total == 82474),
        ("不到总数的 $0{,}6\\%$", 448 / total < 0.006),
        ("则多出 $32 + 64 + 128 = 224$", 32 + 64 + 128 == 224),
    ]


# ---------------------------------------------------------------- 08
@check("08_bn_gyakuden_suuchi_ja.md")
def c08():
    x = np.array([1., 2, 6]); gy = np.array([.5, -1, 2]); gam = 2.0; N = 3
    mu = x.mean(); var = x.var(); s = np.sqrt(var); xh = (x - mu) / s
    dx_fd = fd_jac(lambda z: np.array([np.sum(gy * bn(z, gam, 0.7))]), x)[0]
    dg = np.sum(gy * xh)
    dx = gam / (N * s) * (N * gy - gy.sum() - xh * dg)
    return [
        ("\\mu = \\frac{1+2+6}{3} = 3", eq(mu, 3) and eq(var, 14 / 3) and near(var, 4.6667, 4) and near(s, 2.1602, 4)),
        ("\\hat x = \\frac{x-\\mu}{\\sigma} \\approx", near(xh, [-0.9258, -0.4629, 1.3887], 4)),
        ("0{,}5 - 1 + 2 = 1{,}5", eq(gy.sum(), 1.5)),
        ("\\approx -0{,}4629 + 0{,}4629 + 2{,}7775 = 2{,}7775", near(gy * xh, [-0.4629, 0.4629, 2.7775], 4) and near(dg, 2.7775, 4)),
        ("\\frac{\\partial L}{\\partial x_i} = \\frac{\\gamma}{N\\sigma}\\Big( N g_i", np.allclose(dx, dx_fd, atol=1e-6)),
        ("\\approx 0{,}30861$", near(gam / (N * s), 0.30861, 5)),
        ("= (0,\\ -4{,}5,\\ 4{,}5)$", eq(N * gy, [1.5, -3, 6]) and eq(N * gy - gy.sum(), [0, -4.5, 4.5])),
        ("\\approx (-2{,}5714,\\ -1{,}2857,\\ 3{,}8571)$", near(xh * dg, [-2.5714, -1.2857, 3.8571], 4)),
        ("= (2{,}5714,\\ -3{,}2143,\\ 0{,}6429)$", near(N * gy - gy.sum() - xh * dg, [2.5714, -3.2143, 0.6429], 4)),
        ("\\approx (0{,}7936,\\ -0{,}9920,\\ 0{,}1984).", near(dx_fd, [0.7936, -0.9920, 0.1984], 4)),
        ("\\sum_i \\hat x_i\\,\\frac{\\partial L}{\\partial x_i} = 0", abs(dx.sum()) < 1e-12 and abs(xh @ dx) < 1e-12),
        ("実際 $0{,}7936 - 0{,}9920 + 0{,}1984 = 0$", near(0.7936 - 0.9920 + 0.1984, 0, 4)),
        ("\\approx -0{,}7347 + 0{,}4592 + 0{,}2755 = 0$", near(-0.9258 * 0.7936, -0.7347, 4) and near(0.4629 * 0.9920, 0.4592, 4)
         and near(1.3887 * 0.1984, 0.2755, 4) and near(-0.7347 + 0.4592 + 0.2755, 0, 4)),
        ("は $\\beta$ に依存しません", np.allclose(fd_jac(lambda z: np.array([np.sum(gy * bn(z, gam, -5.0))]), x)[0], dx_fd, atol=1e-6)),
    ]


# ---------------------------------------------------------------- 09
@check("09_layernorm_gradient_ko.md")
def c09():
    d = 6; x = rng.normal(size=d); mu = x.mean(); s = x.std(); xh = (x - mu) / s
    gam = rng.normal(size=d); dy = rng.normal(size=d); u = gam * dy
    J = fd_jac(lambda z: (z - z.mean()) / z.std(), x)
    Jc = (np.eye(d) - 1 / d + np.outer(xh, xh) / d) / s
    dL = dy @ fd_jac(lambda z: gam * (z - z.mean()) / z.std() + 0.1, x)
    claimed = (u - u.mean() + np.mean(u * xh) * xh) / s
    T = 4; X = rng.normal(size=(T, d)); DY = rng.normal(size=(T, d))
    XH = (X - X.mean(1, keepdims=True)) / X.std(1, keepdims=True)
    fg = fd_jac(lambda g: np.array([np.sum(DY * (g * XH))]), gam)[0]
    fb = fd_jac(lambda b: np.array([np.sum(DY * (XH + b))]), np.zeros(d))[0]
    return [
        ("= \\frac{2(x_j-\\mu)}{d},", np.allclose(fd_jac(lambda z: np.array([z.var()]), x)[0], 2 * (x - mu) / d, atol=1e-6)
         and np.allclose(2 / d * (x - mu) @ (np.eye(d) - 1 / d), 2 * (x - mu) / d)),
        ("= \\frac{\\hat x_j}{d}.", np.allclose(fd_jac(lambda z: np.array([z.std()]), x)[0], xh / d, atol=1e-6)),
        ("- \\frac{x_i-\\mu}{s^2}\\cdot\\frac{\\hat x_j}{d}", np.allclose((np.eye(d) - 1 / d) / s - np.outer(x - mu, xh) / (s ** 2 * d), J, atol=1e-6)),
        ("= \\frac1s\\Big(\\delta_{ij} - \\frac1d + \\frac{\\hat x_i\\hat x_j}{d}\\Big).", np.allclose(Jc, J, atol=1e-6)),
        ("행렬로 쓰면 $J = ", np.allclose(Jc, J, atol=1e-6) and np.allclose(Jc, Jc.T)),
        ("= \\frac1s\\Big(u - \\bar u\\,\\mathbf 1 + \\overline{u\\hat x}\\;\\hat x\\Big),", np.allclose(claimed, dL, atol=1e-6)),
        ("\\frac{\\partial L}{\\partial\\gamma_k} = \\sum_{t}", np.allclose(fg, (DY * XH).sum(0), atol=1e-6) and np.allclose(fb, DY.sum(0), atol=1e-6)),
        ("\\mathbf 1^{\\top}\\hat x\\big) = 0$", abs(xh.sum()) < 1e-12 and abs(claimed.sum()) < 1e-9),
    ]


# ---------------------------------------------------------------- 10
@check("10_batchnorm_przyklad_pl.md")
def c10():
    x = np.array([2., 4, 4, 4, 5, 5, 7, 9]); gam, beta = 0.5, 2.0
    mu = x.mean(); var = x.var(); xh = (x - mu) / np.sqrt(var); y = gam * xh + beta
    written_xh = np.array([-.75, -.25, -.25, -.25, 0, 0, .5, 1]); written_y = gam * written_xh + beta
    return [
        ("\\sqrt{4 + 10^{-5}} \\approx 2{,}0000025", near(np.sqrt(4 + 1e-5), 2.0000025, 7)),
        ("= \\frac{40}{8} = 5", eq(x.sum(), 40) and eq(mu, 5)),
        ("ich kwadraty: $(9,1,1,1,0,0,4,16)$", eq(x - mu, [-3, -1, -1, -1, 0, 0, 2, 4]) and eq((x - mu) ** 2, [9, 1, 1, 1, 0, 0, 4, 16])),
        ("= \\frac{32}{8} = 4,", eq(var, 4) and eq(np.sqrt(var), 2)),
        ("\\hat x_1 = \\dfrac{2-5}{4} = -0{,}75", near(xh[0], -0.75, 2)),
        ("\\hat x = (-0{,}75,", near(xh, written_xh, 2)),
        ("y = (1{,}625;", near(y, written_y, 3)),
        ("= \\frac{16}{8} = 2 = \\beta", eq(1.625 + 3 * 1.875 + 4 + 2.25 + 2.5, 16) and eq(y.mean(), beta)),
        ("= 0{,}5\\cdot 1{,}8 + 2 = 2{,}9", eq(gam * (9 - 4.5) / np.sqrt(6.25) + beta, 2.9) and eq(np.sqrt(6.25), 2.5)),
    ]


# ---------------------------------------------------------------- 11
@check("11_rmsnorm_gradient_nl.md")
def c11():
    d = 5; x = rng.normal(size=d); g = rng.normal(size=d); dl = rng.normal(size=d); eps = 0.3
    r = np.sqrt(x @ x / d + eps); v = g * dl
    f = lambda z: g * z / np.sqrt(z @ z / d + eps)
    J = fd_jac(f, x)
    dLdx = dl @ J
    T = 3; X = rng.normal(size=(T, d)); DL = rng.normal(size=(T, d)); R = np.sqrt((X ** 2).mean(1, keepdims=True))
    fg = fd_jac(lambda gg: np.array([np.sum(DL * gg * X / R)]), g)[0]
    x3 = np.array([1., -2, 2]); r3 = np.sqrt(x3 @ x3 / 3)
    dx3 = fd_jac(lambda z: np.array([(z / np.sqrt(z @ z / 3))[0]]), x3)[0]
    return [
        ("\\frac{\\partial r}{\\partial x_j} = \\frac{x_j}{d\\,r}.", np.allclose(fd_jac(lambda z: np.array([np.sqrt(z @ z / d + eps)]), x)[0], x / (d * r), atol=1e-6)),
        ("= \\frac{g_i\\,\\delta_{ij}}{r} - \\frac{g_i\\,x_i x_j}{d\\,r^3}.", np.allclose(np.diag(g) / r - np.outer(g * x, x) / (d * r ** 3), J, atol=1e-6)),
        ("In matrixvorm:", np.allclose(np.diag(g) @ (np.eye(d) - np.outer(x, x) / (d * r ** 2)) / r, J, atol=1e-6)),
        (" = \\frac{v_j}{r} - \\frac{x_j}{d\\,r^3}\\sum_i v_i x_i ,", np.allclose(v / r - x / (d * r ** 3) * (v @ x), dLdx, atol=1e-6)),
        ("&= \\frac1r\\Big(v - \\frac{x^{\\top}v}{d\\,r^2}\\,x\\Big).", np.allclose((v - (x @ v) / (d * r ** 2) * x) / r, dLdx, atol=1e-6)),
        ("\\frac{\\partial L}{\\partial g_i} = \\sum_{t=1}^{T}", np.allclose(fg, (DL * X / R).sum(0), atol=1e-6)),
        ("= \\frac{x^{\\top}v}{r}\\Big(1 - \\frac{x^{\\top}x}{d\\,r^2}\\Big)", np.isclose(x @ dLdx, (x @ v) / r * (1 - x @ x / (d * r ** 2)), atol=1e-6)),
        ("= \\frac{x^{\\top}v}{r}\\cdot\\frac{\\varepsilon}{r^2}.", np.isclose(x @ dLdx, (x @ v) / r * eps / r ** 2, atol=1e-6)),
        ("$r = \\sqrt{9/3} = \\sqrt3 \\approx 1{,}7321$", eq(x3 @ x3, 9) and near(r3, 1.7321, 4) and near(x3 / r3, [0.5774, -1.1547, 1.1547], 4)),
        ("= \\frac{1}{9\\sqrt3}\\,(8,\\ 2,\\ -2)", np.allclose(dx3, (np.array([1, 0, 0]) - x3 / 9) / np.sqrt(3), atol=1e-6)
         and np.allclose(dx3, np.array([8, 2, -2]) / (9 * np.sqrt(3)), atol=1e-6) and near(dx3, [0.5132, 0.1283, -0.1283], 4)),
        ("Controle: $1\\cdot 8 + (-2)\\cdot 2 + 2\\cdot(-2) = 0$", x3 @ np.array([8, 2, -2]) == 0),
    ]


# ---------------------------------------------------------------- 12
@check("12_groupnorm_vidu_vi.md")
def c12():
    x = np.array([[1., 3], [5, 7], [2, 2], [0, 4]]).reshape(1, 4, 1, 2)
    gam = np.array([1, 2, 1, .5]).reshape(1, 4, 1, 1); beta = np.array([0, 0, 1, 0.]).reshape(1, 4, 1, 1)
    xg = x.reshape(1, 2, -1); mu = xg.mean(-1); var = xg.var(-1)
    xh = ((xg - mu[..., None]) / np.sqrt(var[..., None])).reshape(x.shape)
    y = gam * xh + beta
    inst_var = x.var(axis=(2, 3))
    return [
        ("$\\frac{C}{G}HW = 2\\cdot 2 = 4$", xg.shape[-1] == 4),
        ("\\mu_1 = \\frac{1+3+5+7}{4} = 4", eq(mu[0, 0], 4) and eq(var[0, 0], 5) and near(np.sqrt(5), 2.2361, 4)),
        ("\\mu_2 = \\frac{2+2+0+4}{4} = 2", eq(mu[0, 1], 2) and eq(var[0, 1], 2) and near(np.sqrt(2), 1.4142, 4)),
        ("\\hat x \\approx \\begin{pmatrix} -1{,}3416", near(xh.reshape(4, 2), [[-1.3416, -0.4472], [0.4472, 1.3416], [0, 0], [-1.4142, 1.4142]], 4)),
        ("Chẳng hạn $(0 - 2)/1{,}4142", near(-2 / np.sqrt(2), -1.4142, 4) and eq(2 / np.sqrt(2), np.sqrt(2))),
        ("\\begin{pmatrix} -1{,}3416 & -0{,}4472 \\\\ 0{,}8944", near(y.reshape(4, 2), [[-1.3416, -0.4472], [0.8944, 2.6833], [1, 1], [-0.7071, 0.7071]], 4)),
        ("phương sai $0$ và khi đó", eq(inst_var[0, 2], 0)),
        ("$N\\cdot G = 1\\cdot 2 = 2$", mu.size == 2 and np.zeros((16, 2)).size == 32),
        ("$2C = 8$", 2 * 4 == 8),
    ]


# ---------------------------------------------------------------- 13
@check("13_bn_katlama_tr.md")
def c13():
    w, b, gam, beta, mu, var = rng.normal(size=6); var = abs(var) + .1
    s = gam / np.sqrt(var); xs = rng.normal(size=4)
    y_true = gam * (w * xs + b - mu) / np.sqrt(var) + beta
    line1 = s * (w * xs + b - mu) + beta
    line2 = (s * w) * xs + s * (mu - b) + beta
    # numeric example
    W, B, G, BE, MU, VAR = 2, .3, 1.5, .2, .8, .25
    S = G / np.sqrt(VAR); Bp_true = S * (B - MU) + BE
    return [
        ("&= s\\,(w * x + b - \\mu) + \\beta", np.allclose(line1, y_true)),
        ("&= (s\\,w) * x + s\\,(\\mu - b) + \\beta .", np.allclose(line2, y_true)),
        ("b' = s\\,(\\mu - b) + \\beta", np.allclose(s * w * xs + s * (mu - b) + beta, y_true)),
        ("= \\frac{1{,}5}{0{,}5} = 3,", eq(S, 3) and eq(S * W, 6)),
        ("b' = 3\\cdot(0{,}8 - 0{,}3) + 0{,}2", eq(Bp_true, 1.7)),
        ("$y = 6x + 1{,}7$", eq(G * (W * 1 + B - MU) / np.sqrt(VAR) + BE, 7.7)),
        ("konvolüsyon $64\\cdot 128\\cdot 9 = 73\\,728$", np.zeros((128, 64, 3, 3)).size == 73728 and 2 * 128 == 256),
        ("toplam $73\\,856$ sayı", 73728 + 128 == 73856),
        ("= 384$", 73728 + 256 + 256 - 73856 == 384),
    ]


# ---------------------------------------------------------------- 14
@check("14_batchnorm_backward_en.md")
def c14():
    N, D = 5, 3; X = rng.normal(size=(N, D)); eps = 0.2
    gam = rng.normal(size=D); beta = rng.normal(size=D); Gr = rng.normal(size=(N, D))
    def fwd(Xv, g=gam, b=beta):
        mu = Xv.mean(0); s = np.sqrt(Xv.var(0) + eps); return g * (Xv - mu) / s + b
    mu = X.mean(0); s = np.sqrt(X.var(0) + eps); Xh = (X - mu) / s
    loss = lambda Xv: np.sum(Gr * fwd(Xv))
    dX = fd_jac(lambda v: np.array([loss(v.reshape(N, D))]), X.ravel())[0].reshape(N, D)
    dg = fd_jac(lambda g: np.array([np.sum(Gr * fwd(X, g=g))]), gam)[0]
    db = fd_jac(lambda b: np.array([np.sum(Gr * fwd(X, b=b))]), beta)[0]
    # single column pieces
    j = 0; x = X[:, j]; m = mu[j]; sj = s[j]; xh = Xh[:, j]; d = gam[j] * Gr[:, j]
    # partial of L wrt sigma^2 and mu treated as independent variables
    def L_of(m_, v_):
        return np.sum(d * (x - m_) / np.sqrt(v_ + eps))
    v0 = x.var()
    dLdv = (L_of(m, v0 + 1e-6) - L_of(m, v0 - 1e-6)) / 2e-6
    dLdm_direct = (L_of(m + 1e-6, v0) - L_of(m - 1e-6, v0)) / 2e-6
    dvar_dmu = -2 / N * np.sum(x - m)
    dLdm_total = dLdm_direct + dLdv * dvar_dmu
    line1 = d / sj + dLdv * 2 * (x - m) / N + dLdm_total / N
    line2 = d / sj - xh / (N * sj) * np.sum(d * xh) - np.sum(d) / (N * sj)
    line3 = gam[j] / (N * sj) * (N * Gr[:, j] - Gr[:, j].sum() - xh * np.sum(Gr[:, j] * xh))
    one = np.ones((N, 1))
    mat = (1 / N) * (gam / s) * (N * Gr - one @ (one.T @ Gr) - Xh * (one @ (one.T @ (Gr * Xh))))
    return [
        ("\\frac{\\partial L}{\\partial\\beta} = \\sum_{i=1}^N g_i, \\qquad", np.allclose(db, Gr.sum(0), atol=1e-6) and np.allclose(dg, (Gr * Xh).sum(0), atol=1e-6)),
        ("= -\\frac{1}{2s^2}\\sum_i d_i\\,\\hat x_i ,", np.isclose(dLdv, np.sum(d * (x - m)) * -0.5 * (v0 + eps) ** -1.5, atol=1e-5)
         and np.isclose(dLdv, -np.sum(d * xh) / (2 * sj ** 2), atol=1e-5)),
        ("= -\\frac1s\\sum_i d_i + \\frac{\\partial L}{\\partial\\sigma^2}", np.isclose(dLdm_direct, -np.sum(d) / sj, atol=1e-5)),
        ("= -\\frac1s\\sum_i d_i ,", np.isclose(dLdm_total, -np.sum(d) / sj, atol=1e-5)),
        ("using $\\partial\\sigma^2/\\partial x_i = 2(x_i-\\mu)/N$", np.allclose(fd_jac(lambda z: np.array([z.var()]), x)[0], 2 * (x - m) / N, atol=1e-6)),
        ("&= \\frac{d_i}{s} + \\frac{\\partial L}{\\partial\\sigma^2}", np.allclose(line1, dX[:, j], atol=1e-5)),
        ("&= \\frac{d_i}{s} - \\frac{\\hat x_i}{N s}", np.allclose(line2, dX[:, j], atol=1e-5)),
        ("&= \\frac{\\gamma}{N s}\\Big(N g_i", np.allclose(line3, dX[:, j], atol=1e-5)),
        ("\\frac{\\partial L}{\\partial X} = \\frac{1}{N}\\,\\frac{\\gamma}{s}\\odot", np.allclose(mat, dX, atol=1e-5)),
        ("(c) $G$, $\\hat X$", mat.shape == (N, D) and (one @ one.T).shape == (N, N) and (one.T @ Gr).shape == (1, D)),
        ("reduces $2D = 512$ column sums", 2 * 256 == 512),
    ]


# ---------------------------------------------------------------- 15
@check("15_layernorm_pocty_cs.md")
def c15():
    L, d, B, T = 6, 512, 16, 128 + 1
    n_ln = 2 * L + 1
    acts = np.zeros((B, T, d))
    stats = acts.mean(-1)
    return [
        ("= 2\\cdot 6 + 1 = 13", n_ln == 13),
        ("tedy $2d = 1024$", 2 * d == 1024),
        ("13\\cdot 1024 = 13\\,312", n_ln * 2 * d == 13312),
        ("512 + 512 = 262\\,656", d * d + d == 262656),
        ("13\\cdot 512 = 6656", n_ln * d == 6656),
        ("tj. $128 + 1 = 129$", T == 129),
        ("B\\cdot 128 = 16\\cdot 128 = 2048", stats.size == 2048),
        ("Kontrola: $2048\\cdot 512 = 1\\,048\\,576$", 2048 * 512 == 1048576 == acts.size),
        ("$13\\cdot 2048 = 26\\,624$", n_ln * stats.size == 26624),
    ]


# ---------------------------------------------------------------- 16
@check("16_bn_backward_numbers_en.md")
def c16():
    x = np.array([0., 1, 2, 5]); gy = np.array([1., 0, -1, 2]); gam = 0.5; N = 4
    mu = x.mean(); var = x.var(); s = np.sqrt(var); xh = (x - mu) / s
    dx_fd = fd_jac(lambda z: np.array([np.sum(gy * bn(z, gam, 0.0))]), x)[0]
    dg = np.sum(gy * xh)
    dx = gam / (N * s) * (N * gy - gy.sum() - xh * dg)
    br = N * gy - gy.sum() - xh * dg
    return [
        ("\\mu = \\frac{0+1+2+5}{4} = 2", eq(mu, 2) and eq(var, 3.5) and near(s, 1.8708, 4)),
        ("\\hat x = \\frac{x - 2}{1.8708}", near(xh, [-1.0690, -0.5345, 0, 1.6036], 4)),
        ("= 1 + 0 - 1 + 2 = 2", eq(gy.sum(), 2)),
        ("-1.0690 + 0 + 0 + 3.2071 = 2.1381", near(gy * xh, [-1.0690, 0, 0, 3.2071], 4) and near(dg, 2.1381, 4)),
        ("dx_i = \\frac{\\gamma}{N\\sigma}", np.allclose(dx, dx_fd, atol=1e-6)),
        ("= \\dfrac{8}{7}(x_i-2)$", np.allclose(xh * dg, 8 / 7 * (x - 2)) and eq(np.sum(gy * (x - mu)), 4)),
        ("[-16/7,\\ -8/7,\\ 0,\\ 24/7]", np.allclose(xh * dg, np.array([-16, -8, 0, 24]) / 7) and near(xh * dg, [-2.2857, -1.1429, 0, 3.4286], 4)),
        ("= [2,\\ -2,\\ -6,\\ 6]", eq(N * gy, [4, 0, -4, 8]) and eq(N * gy - gy.sum(), [2, -2, -6, 6])),
        ("\\text{bracket} &\\approx", near(br, [4.2857, -0.8571, -6, 2.5714], 4)),
        ("\\approx 0.066815", near(gam / (N * s), 0.066815, 6)),
        ("dx \\approx [0.2864,", near(dx_fd, [0.2864, -0.0573, -0.4009, 0.1718], 4)),
        ("0.2864 - 0.0573 - 0.4009 + 0.1718 = 0", near(0.2864 - 0.0573 - 0.4009 + 0.1718, 0, 4) and abs(dx.sum()) < 1e-12),
        ("-2(0.2864) - 1(-0.0573) + 0 + 3(0.1718) = 0", near(-2 * .2864 + .0573 + 3 * .1718, 0, 3) and abs((x - mu) @ dx) < 1e-12),
        ("you have detached the batch statistics", near(gam * gy / s, [0.2673, 0, -0.2673, 0.5345], 4)),
    ]


def first_failure(fname, items):
    located = sorted((locate(fname, sub), ok, sub) for sub, ok in items)
    for ln, ok, sub in located:
        if not ok:
            return ln
    return None


def main():
    expected = json.load(open(os.path.join(HERE, "expected.json"), encoding="utf-8"))
    mds = sorted(f for f in os.listdir(HERE) if f.endswith(".md"))
    assert mds == sorted(expected), "file list and expected.json differ"
    assert sorted(CHECKS) == mds, "missing checks"
    bad = 0
    for f in mds:
        n = len(lines_of(f))
        assert 30 <= n <= 81, f"{f}: {n} lines"
        got = first_failure(f, CHECKS[f]())
        exp = expected[f]
        status = "OK" if got == exp else "MISMATCH"
        bad += status != "OK"
        print(f"{status}  {f}: first failing line {got}, expected {exp}")
    n_planted = sum(v is not None for v in expected.values())
    print(f"planted: {n_planted}, correct: {len(expected) - n_planted}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
