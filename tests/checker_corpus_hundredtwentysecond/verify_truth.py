"""Independent truth check for the corpus: walks each file's claims in line order and
asserts that the first failing line equals the entry of expected.json."""
import json, os, math
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(0)


# ---------- reference implementations (built from arrays, not from the size formulas) ----------
def conv1d(x, w, s=1, p=0, d=1):
    x = np.pad(np.asarray(x, float), p)
    k = len(w); span = d * (k - 1) + 1
    out = []
    i = 0
    while i + span <= len(x):
        out.append(sum(w[m] * x[i + m * d] for m in range(k)))
        i += s
    return np.array(out)


def conv2d(X, K, s=1, p=0):
    X = np.pad(np.asarray(X, float), p)
    kh, kw = K.shape
    H = (X.shape[0] - kh) // s + 1
    W = (X.shape[1] - kw) // s + 1
    Y = np.zeros((H, W))
    for i in range(H):
        for j in range(W):
            Y[i, j] = np.sum(X[i * s:i * s + kh, j * s:j * s + kw] * K)
    return Y


def out_len(H, k, s=1, p=0, d=1):
    """size by actually sliding a window over an array of length H"""
    return len(conv1d(np.zeros(H), np.ones(k), s, p, d))


def conv_matrix(n, w, s=1, p=0, d=1):
    cols = [conv1d(np.eye(n)[i], w, s, p, d) for i in range(n)]
    return np.array(cols).T  # (out, n)


def tconv_len(H, k, s=1, p=0, d=1, o=0):
    """transposed conv output length: smallest n with conv(n)=H, plus output_padding"""
    n = 1
    while out_len(n, k, s, p, d) < H:
        n += 1
    assert out_len(n, k, s, p, d) == H
    return n + o


def rf_stack(layers, N=6000):
    """receptive field by brute force: track, for every unit of every layer, the leftmost and
    rightmost input pixel it depends on (1-D, no padding)"""
    dep = [(i, i) for i in range(N)]
    for (k, s, d) in layers:
        new = []
        i = 0
        while i + d * (k - 1) < len(dep):
            taps = [dep[i + m * d] for m in range(k)]
            new.append((min(t[0] for t in taps), max(t[1] for t in taps)))
            i += s
        dep = new
    lo, hi = dep[len(dep) // 2]
    return hi - lo + 1


def close(a, b, tol=1e-9):
    return abs(a - b) <= tol


def approx(v, claimed, dec):
    return abs(v - claimed) <= 0.5 * 10 ** (-dec) + 1e-12


# ---------- engine ----------
def run(fname, checks, expected):
    lines = open(os.path.join(HERE, fname), encoding="utf-8").read().split("\n")
    results = []
    for c in checks:
        sub, ok = c[0], c[1]
        toks = c[2:] if len(c) > 2 else ()
        hits = [i for i, l in enumerate(lines) if sub in l]
        assert len(hits) == 1, (fname, sub, hits)
        ln = hits[0] + 1
        for t in toks:
            assert t in lines[ln - 1], (fname, sub, t)
        results.append((ln, bool(ok)))
    fails = [ln for ln, ok in results if not ok]
    first = min(fails) if fails else None
    assert first == expected, (fname, "first failing line", first, "expected", expected)
    print("OK", fname, "first wrong line:", first)


F = {}

# 01 German: output sizes
F["01_ausgabegroesse_faltung_de.md"] = [
    ("= 27 + 1 = 28 .", out_len(32, 5) == 28 and (32 - 4 - 1) == 27),
    ("&= \\lfloor 111{,}5", (224 + 6 - 6 - 1) / 2 == 111.5),
    ("&= 112 .", out_len(224, 7, 2, 3) == 112),
    ("\\lfloor 27{,}5 \\rfloor + 1 = 28$", out_len(56, 3, 2, 1) == 28 and 55 / 2 == 27.5),
    ("= 63 + 1 = 64", out_len(64, 3, 1, 2, 2) == 64 and 64 + 4 - 4 - 1 == 63),
    ("$4 \\cdot 2 + 1 = 9$", 4 * 2 + 1 == 9 and len(range(0, 4 * 2 + 1, 4)) == 3),
    ("= 3 + 1 = 4 .", out_len(15, 3, 2, 0, 4) == 4 and (15 - 8 - 1) // 2 == 3),
    ("\\lfloor 49{,}5 \\rfloor + 1 = 50", out_len(100, 5, 2, 2) == 50),
    ("W_{\\text{out}} &= \\lfloor (80", out_len(80, 3, 1, 1) == 80),
    ("= 2 + 1 = 3$", out_len(7, 2, 2) == 3),
    ("\\lceil 2{,}5 \\rceil + 1 = 4", math.ceil(2.5) + 1 == 4),
]

# 02 French: transposed conv sizes (planted: c)
def tc(H, k, s, p, d=1, o=0):
    return tconv_len(H, k, s, p, d, o)
# with output_padding the largest preimage is taken
F["02_convolution_transposee_fr.md"] = [
    ("(4-1)\\cdot 2 - 2 + 2 + 0 + 1 = 7", tc(4, 3, 2, 1) == 7),
    ("6 - 2 + 2 + 1 + 1 = 8", tc(4, 3, 2, 1, o=1) == 8 and out_len(8, 3, 2, 1) == 4),
    ("(7 + 2 - 2 - 1)/2 \\rfloor + 1 = 3 + 1 = 4", out_len(7, 3, 2, 1) == 4),
    ("\\lfloor 3{,}5 \\rfloor + 1 = 4$", out_len(8, 3, 2, 1) == 4),
    ("H_1 = 0\\cdot 1", tc(1, 4, 1, 0) == 4),
    ("H_2 &= (4-1)", tc(4, 4, 2, 1) == 8),
    ("H_3 &= (8-1)", tc(8, 4, 2, 1) == 16),
    ("H_4 &= (16-1)", tc(16, 4, 2, 1) == 32),
    ("H_5 &= (32-1)", tc(32, 4, 2, 1) == 64),
    ("= 2H - 2 - 2 + 3 + 1 = 2H", all(tc(h, 4, 2, 1) == 2 * h for h in range(1, 40))),
    ("(7 - 1)\\cdot 2 - 2\\cdot 1 + 1\\cdot 4 + 0 + 1", tc(7, 4, 2, 1) == 15),
    ("&= 12 - 2 + 4 + 1", tc(7, 4, 2, 1) == 15),
    ("&= 15 .", tc(7, 4, 2, 1) == 15),
    ("\\lfloor 6{,}5 \\rfloor + 1 = 7$", out_len(15, 4, 2, 1) == 7),
    ("4 - 0 + 2\\cdot 2 + 0 + 1 = 9", tc(5, 3, 1, 0, 2) == 9),
    ("\\lfloor (9 - 4 - 1)/1 \\rfloor + 1 = 5$", out_len(9, 3, 1, 0, 2) == 5),
]

# 03 Spanish: receptive field
vgg = [(3, 1, 1), (3, 1, 1), (2, 2, 1), (3, 1, 1), (3, 1, 1), (2, 2, 1), (3, 1, 1)]
rfs = [rf_stack(vgg[:i]) if i else 1 for i in range(8)]
F["03_campo_receptivo_es.md"] = [
    ("| conv1 |", rfs[1] == 3),
    ("| conv2 |", rfs[2] == 5),
    ("| pool1 |", rfs[3] == 6),
    ("| conv3 |", rfs[4] == 10),
    ("| conv4 |", rfs[5] == 14),
    ("| pool2 |", rfs[6] == 16),
    ("| conv5 |", rfs[7] == 24),
    ("= 1 + 5 + 10 + 8 = 24", 1 + 2 + 2 + 1 + 4 + 4 + 2 + 8 == 24 and 2 + 2 + 1 == 5 and 4 + 4 + 2 == 10),
    ("$r = 1 + 2 + 2 + 2 = 7$", rf_stack([(3, 1, 1)] * 3) == 7 == rf_stack([(7, 1, 1)])),
    ("= 27C^2", 3 * 9 == 27 and 49 == 7 * 7),
    ("$27\\cdot 4096 = 110\\,592$", 27 * 64 * 64 == 110592 and 49 * 4096 == 200704),
    ("\\approx 0{,}551", approx(110592 / 200704, 0.551, 3)),
    ("r = 1 + 2\\cdot 1 + 2\\cdot 2 + 2\\cdot 4 = 15", rf_stack([(3, 1, 1), (3, 1, 2), (3, 1, 4)]) == 15),
]

# 04 Portuguese: parameter counts (planted: grouped total)
def nparams(cin, cout, k, g=1, bias=True):
    W = np.zeros((cout, cin // g, k, k))
    return W.size + (cout if bias else 0)
F["04_parametros_conv_agrupada_pt.md"] = [
    ("= 73\\,728,", nparams(64, 128, 3, bias=False) == 73728),
    ("= 73\\,728 + 128 = 73\\,856", nparams(64, 128, 3) == 73856),
    ("= (128, 16, 3, 3)", np.zeros((128, 64 // 4, 3, 3)).shape == (128, 16, 3, 3)),
    ("$3\\cdot 3\\cdot 16\\cdot 32 = 4\\,608$", 9 * 16 * 32 == 4608),
    ("\\#W_g = 3 \\cdot 3", nparams(64, 128, 3, 4, False) == 4608),
    ("\\#\\theta_g = 4\\,608 + 128", nparams(64, 128, 3, 4) == 4736),
    ("= \\frac{1}{16}", nparams(64, 128, 3, 4, False) / 73728 == 1 / 16),
    ("= 576, \\qquad", nparams(64, 64, 3, 64, False) == 576 and nparams(64, 64, 3, 64) == 640),
    ("\\approx 21{,}33", approx(64 / 3, 21.33, 2) and 64 % 3 != 0),
]

# 05 Italian: depthwise separable
H = W = 56; ci, co, k = 128, 256, 3
Pstd = nparams(ci, co, k, bias=False); Pdw = nparams(ci, ci, k, ci, False); Ppw = nparams(ci, co, 1, bias=False)
Mstd = out_len(H, 3, 1, 1) * out_len(W, 3, 1, 1) * Pstd
a, b, c_ = rng.integers(1, 500, 3)
F["05_separabile_depthwise_it.md"] = [
    ("= \\frac{1}{C_{\\text{out}}} + \\frac{1}{k^2}", close((c_**2 * a + a * b) / (c_**2 * a * b), 1 / b + 1 / c_**2)),
    ("P_{\\text{std}} &= 9", Pstd == 294912),
    ("= 924\\,844\\,032", Mstd == 924844032 and 56 * 56 == 3136),
    ("P_{\\text{dw}} &= 9", Pdw == 1152 and Ppw == 32768),
    ("P_{\\text{sep}} &= 1152", Pdw + Ppw == 33920),
    ("M_{\\text{sep}} &= 3136", 3136 * (Pdw + Ppw) == 106373120),
    ("\\approx 0{,}1150,", approx(33920 / 294912, 0.1150, 4)),
    ("0{,}0039 + 0{,}1111 = 0{,}1150", approx(1 / 256, 0.0039, 4) and approx(1 / 9, 0.1111, 4) and approx(0.0039 + 0.1111, 0.1150, 4)),
    ("circa $8{,}69$", approx(294912 / 33920, 8.69, 2)),
    ("W_{o,c,u,v} = P_{o,c}", True),
]

# 06 Russian: 1-D by hand (planted: z_1 sign)
x = np.array([2, -1, 3, 0, 1, 4]); w = np.array([1, 0, -2])
y = conv1d(x, w); yp = conv1d(x, w, 2, 1); z = np.convolve(x, w, "valid")
F["06_svertka_1d_vruchnuyu_ru.md"] = [
    ("$n - k + 1 = 6 - 3 + 1 = 4$", len(y) == 4),
    ("y_0 &=", y[0] == -4), ("y_1 &=", y[1] == -1), ("y_2 &=", y[2] == 1), ("y_3 &=", y[3] == -8),
    ("$y = (-4,\\ -1,\\ 1,\\ -8)$", list(y) == [-4, -1, 1, -8]),
    ("\\lfloor 2{,}5 \\rfloor + 1 = 3", len(yp) == 3),
    ("\\tilde x = (0,\\ 2", list(np.pad(x, 1)) == [0, 2, -1, 3, 0, 1, 4, 0]),
    ("y'_0 &=", yp[0] == 2), ("y'_1 &=", yp[1] == -1), ("y'_2 &=", yp[2] == -8),
    ("$y'_1 = y_1$ и $y'_2 = y_3$", yp[1] == y[1] and yp[2] == y[3] and yp[0] not in y),
    ("\\hat w = (-2,\\ 0,\\ 1)", list(w[::-1]) == [-2, 0, 1] and np.allclose(conv1d(x, w[::-1]), z)),
    ("z_0 &=", z[0] == -1), ("z_1 &=", z[1] == -2), ("z_2 &=", z[2] == -5), ("z_3 &=", z[3] == 4),
    ("$z = (-1,\\ -2,\\ -5,\\ 4)$", list(z) == [-1, -2, -5, 4]),
    ("9 \\cdot (-1) = -9", x.sum() == 9 and w.sum() == -1 and np.convolve(x, w, "full").sum() == -9),
]

# 07 Chinese: 2-D by hand
X = np.array([[1, 2, 0, 1], [0, 1, 3, -1], [2, -1, 1, 0], [1, 0, 2, 1]])
K = np.array([[1, 0, -1], [2, 1, 0], [0, -1, 1]])
Y = conv2d(X, K); Y2 = conv2d(X, K, 2, 1)
rows = lambda Xw: [float(np.dot(K[r], Xw[r])) for r in range(3)]
F["07_erwei_juanji_shousuan_zh.md"] = [
    ("$\\lfloor (4 - 3)/1 \\rfloor + 1 = 2$", Y.shape == (2, 2)),
    ("Y_{00} &=", Y[0, 0] == 4 and rows(X[0:3, 0:3]) == [1, 1, 2]),
    ("Y_{01} &=", Y[0, 1] == 5 and rows(X[0:3, 1:4]) == [1, 5, -1]),
    ("Y_{10} &=", Y[1, 0] == 2 and rows(X[1:4, 0:3]) == [-3, 3, 2]),
    ("Y_{11} &=", Y[1, 1] == 0 and rows(X[1:4, 1:4]) == [2, -1, -1]),
    ("第一行贡献", np.dot(K[0], X[0, 1:4]) == 1),
    ("Y = \\begin{pmatrix} 4 & 5", np.array_equal(Y, [[4, 5], [2, 0]])),
    ("\\lfloor 1.5 \\rfloor + 1 = 2", Y2.shape == (2, 2)),
    ("Y'_{00} &=", Y2[0, 0] == 2), ("Y'_{01} &=", Y2[0, 1] == 0),
    ("Y'_{10} &=", Y2[1, 0] == 0), ("Y'_{11} &=", Y2[1, 1] == 0),
    ("Y' = \\begin{pmatrix} 2 & 0", np.array_equal(Y2, [[2, 0], [0, 0]])),
    ("故 $Y'_{11} = Y_{11} = 0$", np.array_equal(np.pad(X, 1)[2:5, 2:5], X[1:4, 1:4])),
    ("K_{2-a,\\,2-b}", np.sum(K[::-1, ::-1] * X[:3, :3]) == 5 and [float(np.dot(K[::-1, ::-1][r], X[r, :3])) for r in range(3)] == [-1, 7, -1]),
]

# 08 Japanese: grad wrt input (planted: flip)
w8 = np.array([1., 2., -1.]); g8 = np.array([1., -1., 2.]); n8 = 5
A = conv_matrix(n8, w8)
dx = A.T @ g8
# finite differences of L(x) = g . conv(x)
xx = rng.normal(size=n8); eps = 1e-6
fd = np.array([(g8 @ conv1d(xx + eps * e, w8) - g8 @ conv1d(xx - eps * e, w8)) / (2 * eps) for e in np.eye(n8)])
assert np.allclose(fd, dx, atol=1e-6)
gbar = np.pad(g8, 2); wt = w8[::-1]
F["08_gyakudenpa_nyuryoku_ja.md"] = [
    ("= \\sum_i g_i\\, w_{j-i}", np.allclose([sum(g8[i] * w8[j - i] for i in range(3) if 0 <= j - i < 3) for j in range(n8)], dx)),
    ("長さは $(n-k+1) + k - 1 = n$", len(np.convolve(np.zeros(3), np.zeros(3))) == 5),
    ("\\tilde w_m\\, \\bar g_{j+m}", np.allclose(conv1d(gbar, wt), dx)),
    ("出力長は $3$", A.shape[0] == 3),
    ("&= g_0 w_0 = 1", dx[0] == 1),
    ("&= g_0 w_1 + g_1 w_0 = 2 - 1 = 1", dx[1] == 1),
    ("&= g_0 w_2 + g_1 w_1 + g_2 w_0", dx[2] == -1),
    ("\\bar g = (0,\\ 0,\\ 1", list(gbar) == [0, 0, 1, -1, 2, 0, 0]),
    ("\\tilde w = (w_2,\\ w_1,\\ w_0) = (1,\\ 2,\\ -1)", list(wt) == [1, 2, -1]),
    ("\\partial L/\\partial x_0 &= 0\\cdot 1", dx[0] == -1),
    ("\\partial L/\\partial x_1 &= 0\\cdot 1", dx[1] == 3),
    ("\\partial L/\\partial x_2 &= 1\\cdot 1", dx[2] == -3),
    ("\\partial L/\\partial x_3 &=", dx[3] == 3),
    ("\\partial L/\\partial x_4 &=", dx[4] == 2),
    ("= 2 \\cdot 2 = 4$", g8.sum() * w8.sum() == 4 == dx.sum()),
    ("$-1 + 3 - 3 + 3 + 2 = 4$", np.allclose(dx, [-1, 3, -3, 3, 2])),
]

# 09 Korean: grad wrt kernel
X9 = np.array([[1, 2, -1], [0, 3, 1], [2, -2, 1]], float); K9 = np.array([[1, -1], [2, 0]], float); G9 = np.array([[1, 2], [-1, 1]], float)
Y9 = conv2d(X9, K9)
L = lambda KK: np.sum(G9 * conv2d(X9, KK))
dK = np.zeros((2, 2))
for a_ in range(2):
    for b_ in range(2):
        E = np.zeros((2, 2)); E[a_, b_] = 1e-5
        dK[a_, b_] = (L(K9 + E) - L(K9 - E)) / 2e-5
dX9 = np.zeros((3, 3))
for i in range(3):
    for j in range(3):
        E = np.zeros((3, 3)); E[i, j] = 1e-5
        dX9[i, j] = (np.sum(G9 * conv2d(X9 + E, K9)) - np.sum(G9 * conv2d(X9 - E, K9))) / 2e-5
E00 = np.zeros((2, 2)); E00[0, 0] = 0.1
F["09_kernel_gradient_ko.md"] = [
    ("= \\sum_{i,j} \\frac{\\partial L}{\\partial Y_{ij}}\\, X_{i+a,\\,j+b}", np.allclose(conv2d(X9, G9), dK)),
    ("$(3 - 2 + 1) = 2$", conv2d(X9, G9).shape == K9.shape),
    ("Y = \\begin{bmatrix} 1 - 2 + 0 + 0", [1 - 2 + 0 + 0, 2 + 1 + 6 + 0, 0 - 3 + 4 + 0, 3 - 1 - 4 + 0] == list(Y9.ravel()) and
     [float(v) for v in (K9 * X9[0:2, 1:3]).ravel()] == [2, 1, 6, 0]),
    ("= \\begin{bmatrix} -1 & 9", np.array_equal(Y9, [[-1, 9], [1, -2]])),
    ("\\partial L/\\partial K_{00} &=", np.isclose(dK[0, 0], 8)),
    ("\\partial L/\\partial K_{01} &=", np.isclose(dK[0, 1], -2)),
    ("\\partial L/\\partial K_{10} &=", np.isclose(dK[1, 0], 2)),
    ("\\partial L/\\partial K_{11} &=", np.isclose(dK[1, 1], 8)),
    ("\\partial L/\\partial b_0 = 1 + 2 - 1 + 1 = 3", G9.sum() == 3),
    ("$L = -1 + 18 - 1 - 2 = 14$", L(K9) == 14),
    ("$14.8$", np.isclose(L(K9 + E00), 14.8) and np.isclose(L(K9 + E00) - L(K9), 0.8)),
    ("0 & 2 \\\\ -1 & 1", np.array_equal(K9[::-1, ::-1], [[0, 2], [-1, 1]])),
    ("\\begin{bmatrix} 1 & 1 & -2", np.allclose(dX9, [[1, 1, -2], [1, 6, -1], [-2, 2, 0]]) and np.allclose(conv2d(np.pad(G9, 1), K9[::-1, ::-1]), dX9)),
]

# 10 Polish: im2col (planted: H_out without +1)
def im2col(Xb, k, s=1, p=0):
    Xb = np.pad(Xb, ((0, 0), (0, 0), (p, p), (p, p)))
    N, C, Hh, Ww = Xb.shape
    Ho = (Hh - k) // s + 1; Wo = (Ww - k) // s + 1
    cols = np.zeros((C * k * k, N * Ho * Wo))
    return cols, Ho, Wo
cols, Ho, Wo = im2col(np.zeros((8, 3, 32, 32)), 5)
cols1, _, _ = im2col(np.zeros((1, 3, 32, 32)), 5)
cols2, Ho2, Wo2 = im2col(np.zeros((8, 3, 32, 32)), 3, 2, 1)
F["10_im2col_ksztalty_pl.md"] = [
    ("= \\frac{32 - 5}{1} = 27 ,", Ho == 27),
    ("$27\\cdot 27 = 729$", Ho * Wo == 729),
    ("C k^2 = 3 \\cdot 25 = 75", cols.shape[0] == 75),
    ("macierz kolumn ma wymiar $75 \\times 729$", cols1.shape == (75, 729)),
    ("$75 \\times (8\\cdot 729) = 75 \\times 5832$", cols.shape == (75, 5832)),
    ("= 16 \\times 75$.", (np.zeros((16, 3, 5, 5)).reshape(16, -1)).shape == (16, 75)),
    ("_{16\\times 5832}", (np.zeros((16, 75)) @ cols).shape == (16, 5832)),
    ("`reshape` do $(16, 8, 27, 27)$", (16, 8, Ho, Wo) == (16, 8, 27, 27)),
    ("= 6\\,998\\,400", 16 * 75 * cols.shape[1] == 6998400),
    ("$3\\cdot 32\\cdot 32 = 3072$", 3 * 32 * 32 == 3072),
    ("$75 \\cdot 729 = 54\\,675$", cols1.size == 54675),
    ("$17{,}8$", approx(cols1.size / 3072, 17.8, 1)),
    ("= 15 + 1 = 16,", Ho2 == 16 and (32 + 2 - 3) // 2 == 15),
    ("$27 \\times 256$ na obraz", cols2.shape[0] == 27 and Ho2 * Wo2 == 256),
    ("$27 \\times 2048$ na batch", cols2.shape == (27, 2048)),
]

# 11 Dutch: MACs
def macs(H, W, cin, cout, k, s=1, p=0, g=1):
    Ho = out_len(H, k, s, p); Wo = out_len(W, k, s, p)
    return Ho * Wo * cout * (cin // g) * k * k
F["11_rekenkosten_conv_nl.md"] = [
    ("\\lfloor 111{,}5 \\rfloor + 1 = 112", out_len(224, 7, 2, 3) == 112),
    ("P = 7\\cdot 7\\cdot 3\\cdot 64 = 9408", nparams(3, 64, 7, bias=False) == 9408),
    ("$7\\cdot7\\cdot3 = 147$", 7 * 7 * 3 == 147),
    ("&= 12\\,544 \\cdot 9408", 112 * 112 == 12544),
    ("&= 118\\,013\\,952", macs(224, 224, 3, 64, 7, 2, 3) == 118013952 and approx(118013952 / 1e8, 1.18, 2)),
    ("$2M \\approx 2{,}36", approx(2 * 118013952 / 1e8, 2.36, 2) and approx(2 * 118013952 / 1e9, 0.24, 2)),
    ("= 128 \\cdot 4 \\cdot 9 = 4608", nparams(128, 128, 3, 32, False) == 4608),
    ("= 3136 \\cdot 4608 = 14\\,450\\,688", macs(56, 56, 128, 128, 3, 1, 1, 32) == 14450688),
    ("$462\\,422\\,016$", macs(56, 56, 128, 128, 3, 1, 1) == 462422016),
    ("factor $4$", macs(56, 56, 64, 64, 3, 1, 1) == 4 * macs(56, 56, 64, 64, 3, 2, 1)),
]

# 12 Vietnamese: dilation (planted: example 2)
F["12_tich_chap_gian_no_vi.md"] = [
    ("$k_{\\text{eff}} = 2\\cdot 2 + 1 = 5$", rf_stack([(3, 1, 2)]) == 5 and rf_stack([(3, 1, 4)]) == 9),
    ("= 31 + 1 = 32 .", out_len(32, 3, 1, 2, 2) == 32),
    ("$p = d(k-1)/2 = 2$", 2 * (3 - 1) // 2 == 2),
    ("= 30 + 1 = 31 .", out_len(32, 3, 1, 1, 2) == 31),
    ("\\lfloor 6{,}5 \\rfloor + 1 = 7", out_len(20, 3, 2, 0, 3) == 7 and 3 * 2 + 1 == 7),
    ("= 1 + 1023 = 1024", rf_stack([(2, 1, 2 ** i) for i in range(10)]) == 1024),
    ("$r = 1 + 3\\cdot 1023 = 3070$", rf_stack([(2, 1, 2 ** i) for i in range(10)] * 3) == 3070),
    ("$r = 1 + 10 = 11$", rf_stack([(2, 1, 1)] * 10) == 11),
]
# 13 Turkish: AlexNet sizes
F["13_alexnet_boyutlar_tr.md"] = [
    ("= 54 + 1 = 55 .", out_len(227, 11, 4) == 55 and (227 - 11) % 4 == 0),
    ("\\lfloor 53{,}25 \\rfloor + 1 = 54", out_len(224, 11, 4) == 54),
    ("\\lfloor 217/4 \\rfloor + 1 = 54 + 1 = 55", out_len(224, 11, 4, 2) == 55),
    ("= 26 + 1 = 27$", out_len(55, 3, 2) == 27),
    ("\\rfloor + 1 = 27$ (boyut", out_len(27, 5, 1, 2) == 27),
    ("= 12 + 1 = 13$", out_len(27, 3, 2) == 13),
    ("$13 \\to 13 \\to 13 \\to 13$", out_len(13, 3, 1, 1) == 13),
    ("= 5 + 1 = 6$", out_len(13, 3, 2) == 6),
    ("6 \\cdot 6 \\cdot 256 = 9216", np.zeros((256, 6, 6)).size == 9216),
    ("= 37\\,748\\,736", 9216 * 4096 == 37748736),
    ("= 34\\,848 + 96 = 34\\,944", nparams(3, 96, 11) == 34944),
    ("= 614\\,400 + 256 = 614\\,656", nparams(96, 256, 5) == 614656),
    ("$307\\,200$", nparams(96, 256, 5, 2, False) == 307200),
]

# 14 English: transposed conv as C^T
C1 = conv_matrix(4, [1, 2, 3]); C2 = conv_matrix(5, [1, 2, 3], 2)
u = np.array([1, -1]); x14 = np.array([1, 0, 2, -1, 1])
zi = np.array([0, 0, 1, 0, -1, 0, 0])
F["14_transposed_conv_matrix_en.md"] = [
    ("length $4 - 3 + 1 = 2$", C1.shape == (2, 4)),
    ("C = \\begin{pmatrix} 1 & 2 & 3 & 0 \\\\ 0 & 1 & 2 & 3 \\end{pmatrix}", np.array_equal(C1, [[1, 2, 3, 0], [0, 1, 2, 3]])),
    ("= \\begin{pmatrix} 1 \\\\ 1 \\\\ 1 \\\\ -3 \\end{pmatrix}", np.array_equal(C1.T @ u, [1, 1, 1, -3])),
    ("\\lfloor (5-3)/2 \\rfloor + 1 = 2$", C2.shape == (2, 5)),
    ("C = \\begin{pmatrix} 1 & 2 & 3 & 0 & 0", np.array_equal(C2, [[1, 2, 3, 0, 0], [0, 0, 1, 2, 3]])),
    ("\\begin{pmatrix} 1 \\\\ 2 \\\\ 2 \\\\ -2 \\\\ -3 \\end{pmatrix}", np.array_equal(C2.T @ u, [1, 2, 2, -2, -3])),
    ("(2-1)\\cdot 2 - 0 + 3 = 5", tconv_len(2, 3, 2) == 5),
    ("= (1,\\; 2,\\; 3 - 1,\\; -2,\\; -3) = (1, 2, 2, -2, -3)", np.array_equal(conv1d(zi, [3, 2, 1]), C2.T @ u)),
    ("(7, 3)^\\top, \\qquad \\langle Cx, u\\rangle = 7 - 3 = 4", np.array_equal(C2 @ x14, [7, 3]) and (C2 @ x14) @ u == 4),
    ("= 1 + 4 + 2 - 3 = 4", x14 @ (C2.T @ u) == 4),
]

# 15 Czech: receptive field (planted: r_3 uses stale jump)
stem = [(7, 2, 1), (3, 2, 1), (3, 1, 1), (3, 1, 1)]
def jumps(layers):
    j = [1]
    for (k, s, d) in layers:
        j.append(j[-1] * s)
    return j
J = jumps(stem)
F["15_receptivni_pole_cs.md"] = [
    ("j_1 &= 1\\cdot 2 = 2", J[1] == 2 and rf_stack(stem[:1]) == 7),
    ("j_2 &= 2 \\cdot 2 = 4", J[2] == 4 and rf_stack(stem[:2]) == 11),
    ("j_3 &= 4 \\cdot 1 = 4", J[3] == 4 and rf_stack(stem[:3]) == 15),
    ("j_4 &= 4 \\cdot 1 = 4", J[4] == 4 and rf_stack(stem[:4]) == 23),
    ("čtverec $23 \\times 23$", rf_stack(stem) == 23),
    ("$c_1 = 0{,}5 + (3 - 3)", True),
    ("= 112, \\qquad", out_len(224, 7, 2, 3) == 112),
    ("\\rfloor + 1 = 56 ,", out_len(112, 3, 2, 1) == 56),
    ("$j_2 = 4 = 224/56$", 224 / 56 == 4),
    ("vzroste $r$ o $8n$", all(rf_stack(stem + [(3, 1, 1)] * n) - rf_stack(stem) == 8 * n for n in range(1, 4))),
]

# 16 English: FLOPs (planted: downsampling conv with input size)
F["16_conv_flops_budget_en.md"] = [
    ("P = 9\\cdot 256 \\cdot 256 = 589\\,824", nparams(256, 256, 3, bias=False) == 589824),
    ("= 196 \\cdot 589\\,824 = 115\\,605\\,504", macs(14, 14, 256, 256, 3, 1, 1) == 115605504),
    ("about $0.116$ GMACs or $0.231$ GFLOPs", approx(115605504 / 1e9, 0.116, 3) and approx(2 * 115605504 / 1e9, 0.231, 3)),
    ("&= 16\\,384 + 36\\,864 + 16\\,384 = 69\\,632", nparams(256, 64, 1, bias=False) + nparams(64, 64, 3, bias=False) + nparams(64, 256, 1, bias=False) == 69632),
    ("$196 \\cdot 69\\,632 = 13\\,647\\,872$", macs(14, 14, 256, 64, 1) + macs(14, 14, 64, 64, 3, 1, 1) + macs(14, 14, 64, 256, 1) == 13647872),
    ("\\approx 8.47$)", approx(589824 / 69632, 8.47, 2)),
    ("\\rfloor + 1 = 14$, and it has", out_len(28, 3, 2, 1) == 14),
    ("P = 9 \\cdot 128 \\cdot 256 = 294\\,912", nparams(128, 256, 3, bias=False) == 294912),
    ("= 784 \\cdot 294\\,912 = 231\\,211\\,008", macs(28, 28, 128, 256, 3, 2, 1) == 231211008),
    ("which is $2\\times$ the plain", macs(28, 28, 128, 256, 3, 2, 1) == 2 * 115605504),
    ("about $0.46$ GFLOPs", approx(2 * macs(28, 28, 128, 256, 3, 2, 1) / 1e9, 0.46, 2)),
    ("= 451\\,584 \\text{ MACs}", macs(14, 14, 256, 256, 3, 1, 1, 256) == 451584),
]

if __name__ == "__main__":
    expected = json.load(open(os.path.join(HERE, "expected.json")))
    mds = sorted(f for f in os.listdir(HERE) if f.endswith(".md"))
    assert set(mds) == set(expected) == set(F), (set(mds) ^ set(F), set(mds) ^ set(expected))
    for f in mds:
        run(f, F[f], expected[f])
