"""Independent truth checks for the /work/corpora/fifteenth corpus.

For every file a list of claims (substring of a line, truth flag) is built.
The truth flag is computed here with NumPy (finite differences, direct
arithmetic, size formulas), never read from the text.  Then:
  * correct files (expected null): every claim is true;
  * planted files: every claim on a line before the expected line is true,
    and at least one claim on the expected line is false.
"""
import glob
import json
import math
import os

import numpy as np

D = os.path.dirname(os.path.abspath(__file__))
EXP = json.load(open(os.path.join(D, "expected.json"), encoding="utf-8"))
rng = np.random.default_rng(0)


def lines(fn):
    return open(os.path.join(D, fn), encoding="utf-8").read().splitlines()


def loc(fn, sub):
    hits = [i + 1 for i, l in enumerate(lines(fn)) if sub in l]
    assert len(hits) == 1, (fn, sub, hits)
    return hits[0]


def near(claim, truth, dec):
    """claim is truth rounded honestly to `dec` decimals"""
    return abs(claim - truth) <= 0.5 * 10 ** (-dec) + 1e-12


def ac(a, b, tol=1e-6):
    return np.allclose(np.asarray(a, float), np.asarray(b, float), atol=tol, rtol=1e-5)


def num_grad(f, A, h=1e-6):
    A = np.array(A, dtype=float)
    G = np.zeros_like(A)
    it = np.nditer(A, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        Ap = A.copy(); Ap[i] += h
        Am = A.copy(); Am[i] -= h
        G[i] = (f(Ap) - f(Am)) / (2 * h)
    return G


sig = lambda x: 1 / (1 + np.exp(-x))
Phi = lambda x: 0.5 * (1 + math.erf(x / math.sqrt(2)))
phi = lambda x: math.exp(-x * x / 2) / math.sqrt(2 * math.pi)


def conv_out(H, k, s=1, p=0, d=1):
    return (H + 2 * p - d * (k - 1) - 1) // s + 1


CHECKS = {}


def reg(fn):
    def deco(f):
        CHECKS[fn] = f
        return f
    return deco


# ---------------------------------------------------------------- 01
@reg("01_linear_layer_backward.md")
def f01():
    N, Dd, M = 4, 3, 5
    X, W, b, G = rng.normal(size=(N, Dd)), rng.normal(size=(Dd, M)), rng.normal(size=M), rng.normal(size=(N, M))
    L = lambda X, W, b: np.sum(G * (X @ W + b))
    gW = num_grad(lambda W_: L(X, W_, b), W)
    gX = num_grad(lambda X_: L(X_, W, b), X)
    gb = num_grad(lambda b_: L(X, W, b_), b)
    Wc, x, bc, g = rng.normal(size=(M, Dd)), rng.normal(size=Dd), rng.normal(size=M), rng.normal(size=M)
    Lc = lambda W_, x_, b_: g @ (W_ @ x_ + b_)
    return [
        (r"\Longrightarrow\quad \frac{\partial L}{\partial W} = X^\top G .", ac(X.T @ G, gW) and (X.T @ G).shape == W.shape),
        (r"\frac{\partial L}{\partial X} = G W^\top ,", ac(G @ W.T, gX)),
        (r"\mathbf{1}_N^\top G \in", ac(np.ones(N) @ G, gb)),
        (r"= g\, x^\top \;\;(M\times D)", ac(np.outer(g, x), num_grad(lambda W_: Lc(W_, x, bc), Wc))),
        (r"= W^\top g \;\;(D\times 1)", ac(Wc.T @ g, num_grad(lambda x_: Lc(Wc, x_, bc), x))),
        (r"\frac{\partial L}{\partial b} = g .", ac(g, num_grad(lambda b_: Lc(Wc, x, b_), bc))),
    ]


# ---------------------------------------------------------------- 02
@reg("02_conv_output_size.md")
def f02():
    H1 = conv_out(64, 5, 1, 2); H2 = conv_out(H1, 3, 2, 1); H3 = conv_out(H2, 2, 2)
    keff = 2 * (3 - 1) + 1
    return [
        (r"H_1 = \lfloor (64 + 4 - 4 - 1)/1 \rfloor + 1 = 64", H1 == 64),
        (r"params $16\,(3\cdot 25 + 1) = 1216$", 16 * (3 * 25 + 1) == 1216),
        (r"\lfloor 31.5 \rfloor + 1 = 32", H2 == 32 and (64 + 2 - 2 - 1) / 2 == 31.5),
        (r"params $32\,(16\cdot 9 + 1) = 4640$", 32 * (16 * 9 + 1) == 4640),
        (r"H_3 = \lfloor (32 - 2)/2 \rfloor + 1 = 16", H3 == 16),
        (r"k_{\text{eff}} = d\cdot k = 6", keff == 6),
    ]


# ---------------------------------------------------------------- 03
@reg("03_softmax_cross_entropy.md")
def f03():
    sm = lambda z: np.exp(z - z.max()) / np.exp(z - z.max()).sum()
    z = rng.normal(size=4); y = np.array([0, 0, 1.0, 0]); p = sm(z)
    J = np.array([[p[i] * ((i == j) - p[j]) for j in range(4)] for i in range(4)])
    Jfd = np.array([num_grad(lambda z_: sm(z_)[i], z) for i in range(4)])
    q = rng.uniform(0.1, 0.9, size=4)
    dLdp_fd = num_grad(lambda q_: -np.sum(y * np.log(q_)), q)
    return [
        (r"p_i\,(\delta_{ij} - p_j).$$", ac(J, Jfd)),
        (r"\frac{\partial L}{\partial p_i} = \frac{y_i}{p_i}.", ac(y / q, dLdp_fd)),
    ]


# ---------------------------------------------------------------- 04
@reg("04_sigmoid_bce.md")
def f04():
    z0 = 0.5; p = sig(z0)
    bce = lambda z, y: -(y * np.log(sig(z)) + (1 - y) * np.log(1 - sig(z)))
    zz = 0.7
    N, Dd = 5, 3
    X, w, b = rng.normal(size=(N, Dd)), rng.normal(size=Dd), 0.3
    yv = rng.integers(0, 2, size=N).astype(float)
    Lb = lambda w_, b_: np.mean(bce(X @ w_ + b_, yv))
    pv = sig(X @ w + b)
    pp, yy = 0.3, 1.0
    dLdp_fd = (-(yy * np.log(pp + 1e-6) + (1 - yy) * np.log(1 - pp - 1e-6)) + (yy * np.log(pp - 1e-6) + (1 - yy) * np.log(1 - pp + 1e-6))) / 2e-6
    return [
        (r"= \sigma(z)\,\big(1-\sigma(z)\big).$$", near(sig(zz) * (1 - sig(zz)), (sig(zz + 1e-6) - sig(zz - 1e-6)) / 2e-6, 6)),
        (r"= \frac{p-y}{p(1-p)}.$$", near((pp - yy) / (pp * (1 - pp)), dLdp_fd, 4) and near(-yy / pp + (1 - yy) / (1 - pp), dLdp_fd, 4)),
        (r"\cdot p(1-p) = p-y .", near(sig(zz) - 1, (bce(zz + 1e-6, 1) - bce(zz - 1e-6, 1)) / 2e-6, 6)),
        (r"p = \sigma(0.5) = 0.6225", near(0.6225, p, 4) and near(0.4741, -math.log(p), 4) and near(-0.3775, p - 1, 4)),
        (r"\nabla_w L = \frac{1}{N} X^{\mathrm T} (p - y)", ac(X.T @ (pv - yv) / N, num_grad(lambda w_: Lb(w_, b), w))
         and near(np.mean(pv - yv), (Lb(w, b + 1e-6) - Lb(w, b - 1e-6)) / 2e-6, 6)),
        (r"L = \ln(1+e^{z}) - yz", all(near(math.log(1 + math.exp(t)) - y * t, bce(t, y), 9) for t in (-2, 0.3, 4) for y in (0, 1))),
    ]


# ---------------------------------------------------------------- 05
@reg("05_mlp_parameter_count.md")
def f05():
    return [
        (r"784\cdot 256 + 256 = 200{,}704 + 256 = 200{,}960", 784 * 256 == 200704 and 200704 + 256 == 200960),
        (r"256\cdot 128 + 256 = 32{,}768 + 256 = 33{,}024", 256 * 128 + 128 == 33024),
    ]


# ---------------------------------------------------------------- 06
@reg("06_batchnorm_backward.md")
def f06():
    m, eps = 6, 1e-5
    x, g = rng.normal(size=m), rng.normal(size=m)
    gam, bet = 1.7, -0.4

    def fwd(x, gam, bet):
        mu = x.mean(); v = ((x - mu) ** 2).mean(); s = np.sqrt(v + eps)
        return gam * (x - mu) / s + bet

    L = lambda x_, ga, be: np.sum(g * fwd(x_, ga, be))
    mu = x.mean(); v = ((x - mu) ** 2).mean(); s = np.sqrt(v + eps); xh = (x - mu) / s
    dx_fd = num_grad(lambda x_: L(x_, gam, bet), x)
    dsig2 = -1 / (2 * s ** 3) * np.sum(gam * g * (x - mu))
    dmu = -1 / s * np.sum(gam * g)
    three = gam * g / s + dsig2 * 2 * (x - mu) / m + dmu / m
    compact = gam / (m * s) * (m * g - g.sum() - xh * (g * xh).sum())
    dvar_fd = num_grad(lambda x_: ((x_ - x_.mean()) ** 2).mean(), x)
    return [
        (r"\frac{\partial L}{\partial \beta} = \sum_{i=1}^m g_i", near(g.sum(), (L(x, gam, bet + 1e-6) - L(x, gam, bet - 1e-6)) / 2e-6, 6)
         and near(np.sum(g * xh), (L(x, gam + 1e-6, bet) - L(x, gam - 1e-6, bet)) / 2e-6, 6)),
        (r"\frac{2}{m}(x_j-\mu)", ac(2 / m * (x - mu), dvar_fd)),
        (r"\frac{\gamma g_j}{s} + \frac{\partial L}{\partial \sigma^2}", ac(three, dx_fd)),
        (r"\frac{\gamma}{m\,s}\Big(m\,g_j", ac(compact, dx_fd)),
        (r"the bracket is $m g - m g", abs(np.sum(xh)) < 1e-9 and ac(gam / (m * s) * (m * 1.0 - m * 1.0 - xh * np.sum(xh)), 0)),
        (r"`dx = gamma / (m * s)", ac(compact, dx_fd) and abs(dx_fd.sum()) < 1e-6),
    ]


# ---------------------------------------------------------------- 07
@reg("07_tanh_worked_numbers.md")
def f07():
    z = 1.5 * 0.8 - 0.2; h = math.tanh(z); d = 1 - h * h
    fd = lambda f, t: (f(t + 1e-6) - f(t - 1e-6)) / 2e-6
    return [
        (r"\frac{d}{dz}\tanh z = 1 - \tanh^2 z", near(1 - math.tanh(0.37) ** 2, fd(math.tanh, 0.37), 6)),
        (r"z = 1.5\cdot 0.8 - 0.2 = 1.0", abs(z - 1.0) < 1e-12),
        (r"h = \tanh 1 = 0.7616", near(0.7616, h, 4) and near(0.4200, d, 4)),
        (r"= (1-h^2)\,x = 0.4200 \cdot 0.8 = 0.3360", near(0.3360, fd(lambda w: math.tanh(w * 0.8 - 0.2), 1.5), 4)
         and near(0.4200, fd(lambda b: math.tanh(1.2 + b), -0.2), 4)),
        (r"$\sigma(2) = 0.8808$", near(0.8808, sig(2.0), 4) and near(0.4200, 4 * sig(2.0) * (1 - sig(2.0)), 4)
         and abs(4 * 0.8808 * 0.1192 - 0.42) < 5e-5 and abs(math.tanh(0.3) - (2 * sig(0.6) - 1)) < 1e-12),
        (r"$\tanh 3 = 0.9951$", near(0.9951, math.tanh(3), 4) and near(0.0099, 1 - math.tanh(3) ** 2, 4)),
        (r"$(1-h^2)\,w = 0.4200\cdot 1.5 = 0.6300$", near(0.6300, fd(lambda x: math.tanh(1.5 * x - 0.2), 0.8), 4)),
    ]


# ---------------------------------------------------------------- 08
@reg("08_adam_paso.md")
def f08():
    b1, b2, a = 0.9, 0.999, 0.001
    m1 = 0.1 * 0.2; v1 = 0.001 * 0.04; mh1 = m1 / (1 - b1); vh1 = v1 / (1 - b2)
    th1 = 0.5 - a * mh1 / (math.sqrt(vh1) + 1e-8)
    m2 = b1 * m1 + 0.1 * -0.1; v2 = b2 * v1 + 0.001 * 0.01
    mh2 = m2 / (1 - b1 ** 2)
    return [
        (r"$m_1 = 0{,}1\cdot 0{,}2 = 0{,}02$", near(0.02, m1, 9) and near(0.00004, v1, 12)),
        (r"\hat m_1 = 0{,}02/0{,}1 = 0{,}2", near(0.2, mh1, 9) and near(0.04, vh1, 9)),
        (r"\theta_1 = 0{,}5 - 0{,}001", near(0.499, th1, 6)),
        (r"m_2 = 0{,}9\cdot 0{,}02", near(0.008, m2, 9)),
        (r"v_2 = 0{,}999\cdot 0{,}00004", near(0.00004996, v2, 12)),
        (r"\hat m_2 = 0{,}008/(1-0{,}9) = 0{,}08", near(0.08, mh2, 4)),
    ]


# ---------------------------------------------------------------- 09
@reg("09_layernorm_rueckwaerts.md")
def f09():
    Dd = 5
    x, gam, dy = rng.normal(size=Dd), rng.normal(size=Dd), rng.normal(size=Dd)

    def xhat(x):
        mu = x.mean(); s = np.sqrt(((x - mu) ** 2).mean())
        return (x - mu) / s

    mu = x.mean(); s = np.sqrt(((x - mu) ** 2).mean()); xh = xhat(x)
    J = (np.eye(Dd) - 1 / Dd - np.outer(xh, xh) / Dd) / s
    Jfd = np.array([num_grad(lambda x_: xhat(x_)[i], x) for i in range(Dd)])
    g = gam * dy
    dx = (g - g.mean() - xh * (g * xh).mean()) / s
    dx_fd = num_grad(lambda x_: np.sum(dy * (gam * xhat(x_) + 0.2)), x)
    xv = np.array([1, 2, 3, 6.0]); vv = xv.var(); xhv = (xv - 3) / math.sqrt(vv)
    return [
        (r"\partial\sigma/\partial x_j = \hat x_j/D", ac(xh / Dd, num_grad(lambda x_: np.sqrt(((x_ - x_.mean()) ** 2).mean()), x))),
        (r"\frac1\sigma\Big(\delta_{ij} - \frac1D", ac(J, Jfd)),
        (r"jede Zeile summiert sich zu null", ac(J, J.T) and ac(J.sum(axis=1), 0)),
        (r"\frac1\sigma\Big(g - \overline{g}", ac(dx, dx_fd)),
        (r"\partial L/\partial\gamma = \mathrm{dy}\odot\hat x", ac(dy * xh, num_grad(lambda g_: np.sum(dy * (g_ * xh)), gam))),
        (r"\sigma^2 = (4 + 1 + 0 + 9)/4 = 3{,}5", xv.mean() == 3 and near(3.5, vv, 9) and near(1.8708, math.sqrt(vv), 4)),
        (r"\hat x = (-1{,}0690", ac(xhv, [-1.0690, -0.5345, 0, 1.6036], 5e-5)),
        (r"\sum_i \hat x_i^2 = 4 = D", abs(xhv.sum()) < 1e-12 and near(4, (xhv ** 2).sum(), 9)),
    ]


# ---------------------------------------------------------------- 10
@reg("10_relu_leaky_gelu.md")
def f10():
    gelu = lambda x: x * Phi(x)
    fd = lambda f, t: (f(t + 1e-6) - f(t - 1e-6)) / 2e-6
    lrelu = lambda x: x if x > 0 else 0.01 * x
    return [
        (r"$f'(0.5) = 1$, $f'(-1) = 0$", fd(lambda x: max(0, x), 0.5) == fd(lambda x: max(0, x), 0.5) and near(1, fd(lambda x: max(0, x), 0.5), 6)
         and near(0, fd(lambda x: max(0, x), -1), 6)),
        (r"\qquad f'(-1) = 0.01 .", near(0.01, fd(lrelu, -1), 6) and near(1, fd(lrelu, 2), 6)),
        (r"f'(x) = \Phi(x) + x\,\varphi(x).", near(Phi(0.3) + 0.3 * phi(0.3), fd(gelu, 0.3), 6)),
        (r"$\Phi(0.5) = 0.6915$", near(0.6915, Phi(0.5), 4) and near(0.3521, phi(0.5), 4)),
        (r"f(0.5) = 0.3457", near(0.3457, gelu(0.5), 4) and near(0.8675, fd(gelu, 0.5), 4)),
        (r"$\Phi(-1) = 0.1587$", near(0.1587, Phi(-1), 4) and near(0.2420, phi(-1), 4)),
        (r"f'(-1) = 0.1587 + 0.2420 = 0.4007", near(0.4007, fd(gelu, -1), 4) and near(-0.1587, gelu(-1), 4)),
    ]


# ---------------------------------------------------------------- 11
@reg("11_lstm_parameter_count.md")
def f11():
    lstm = lambda din, h: 4 * (h * (din + h) + h)
    return [
        (r"$4\,\big(h\,(d_{\text{in}} + h) + h\big)$", lstm(128, 256) == 4 * (256 * 128 + 256 * 256 + 256)),
        (r"per gate $256\cdot(128+256) + 256 = 98{,}304", 256 * 384 == 98304 and 98304 + 256 == 98560),
        (r"four gates: $4\cdot 98{,}560 = 394{,}240$", lstm(128, 256) == 394240),
        (r"per gate $256\cdot(256+256) + 256 = 131{,}072", 256 * 512 == 131072 and 131072 + 256 == 131328),
        (r"all gates: $3\cdot 131{,}328 = 393{,}984$", lstm(256, 256) == 393984),
    ]


# ---------------------------------------------------------------- 12
@reg("12_dropout_scaling.md")
def f12():
    q, xi = 0.8, 1.7
    vals = np.array([xi / q, 0.0]); pr = np.array([q, 1 - q])
    E = (vals * pr).sum(); V = ((vals - E) ** 2 * pr).sum()
    x = np.array([2.0, -1.0, 0.5, 3.0]); m = np.array([1, 0, 1, 1.0]); dy = np.array([0.1, 0.2, -0.4, 1.0])
    dx_fd = num_grad(lambda x_: np.sum(dy * m * x_ / q), x)
    V2 = ((np.array([2 / q, 0]) - 2) ** 2 * pr).sum()
    return [
        (r"\frac{q\,x_i}{q} = x_i", near(xi, E, 12) and near(xi ** 2 * (1 - q) / q, V, 12)),
        (r"\frac{m_i}{q}\,\frac{\partial L}{\partial y_i}", ac(m / q * dy, dx_fd)),
        (r"scale $1/q = 1.25$", near(1.25, 1 / q, 12)),
        (r"y = (2.5,\ 0,\ 0.625,\ 3.75)", ac(m * x / q, [2.5, 0, 0.625, 3.75], 1e-12)),
        (r"= (0.125,\ 0,\ -0.5,\ 1.25)", ac(dx_fd, [0.125, 0, -0.5, 1.25])),
        (r"2.0^2\cdot 0.2/0.8 = 1.0", near(1.0, V2, 9)),
    ]


# ---------------------------------------------------------------- 13
@reg("13_mse_mae_gradients.md")
def f13():
    yh = np.array([2.5, 0.0, 2.0, 8.0]); y = np.array([3.0, -0.5, 2.0, 7.0])
    mse = lambda a: np.mean((a - y) ** 2)
    mae = lambda a: np.mean(np.abs(a - y))
    v = rng.normal(size=4)
    N, Dd = 6, 3
    X, w, yy = rng.normal(size=(N, Dd)), rng.normal(size=Dd), rng.normal(size=N)
    gmae = num_grad(lambda a: mae(a), yh, 1e-7)
    return [
        (r"\frac{2}{N}(\hat y_i - y_i).", ac(2 / 4 * (v - y), num_grad(mse, v))),
        (r"r = \hat y - y = (-0.5,\ 0.5,\ 0,\ 1.0)", ac(yh - y, [-0.5, 0.5, 0, 1.0], 1e-12)),
        (r"\text{MSE} = \frac{0.25 + 0.25 + 0 + 1}{4} = 0.375", near(0.375, mse(yh), 9) and ac(num_grad(mse, yh), [-0.25, 0.25, 0, 0.5])),
        (r"\text{MAE} = \frac{0.5+0.5+0+1}{4} = 0.5", near(0.5, mae(yh), 9) and ac(np.delete(gmae, 2), [-0.25, 0.25, 0.25])),
        (r"\nabla_w\text{MSE} = \frac{2}{N}X^T(Xw - y)", ac(2 / N * X.T @ (X @ w - yy), num_grad(lambda w_: np.mean((X @ w_ - yy) ** 2), w))
         and ac(X.T @ np.sign(X @ w - yy) / N, num_grad(lambda w_: np.mean(np.abs(X @ w_ - yy)), w, 1e-8))),
    ]


# ---------------------------------------------------------------- 14
@reg("14_regularisation_l2_l1.md")
def f14():
    lam = 0.01; w = np.array([0.5, -1.2])
    R = lambda w_: lam * np.sum(w_ ** 2)
    return [
        (r"$R(w) = 0{,}01\cdot(0{,}25 + 1{,}44) = 0{,}0169$", near(0.0169, R(w), 9)),
        (r"\nabla R(w) = \lambda\, w = (0{,}005", ac(lam * w, num_grad(R, w)) and ac(lam * w, [0.005, -0.012], 1e-12)),
    ]


# ---------------------------------------------------------------- 15
@reg("15_atencao_gradiente.md")
def f15():
    n, m, d, dv = 3, 4, 5, 2
    Q, K, V, dO = rng.normal(size=(n, d)), rng.normal(size=(m, d)), rng.normal(size=(m, dv)), rng.normal(size=(n, dv))

    def soft(S):
        E = np.exp(S - S.max(axis=1, keepdims=True)); return E / E.sum(axis=1, keepdims=True)

    def L(Q, K, V):
        return np.sum(dO * (soft(Q @ K.T / np.sqrt(d)) @ V))

    S = Q @ K.T / np.sqrt(d); A = soft(S)
    dV = A.T @ dO; dA = dO @ V.T
    dS = A * (dA - (dA * A).sum(axis=1, keepdims=True))
    dS_fd = num_grad(lambda S_: np.sum(dO * (soft(S_) @ V)), S)
    dA_fd = num_grad(lambda A_: np.sum(dO * (A_ @ V)), A)
    a = A[0]
    Jsm = np.array([num_grad(lambda s_: soft(s_[None])[0][i], S[0]) for i in range(m)])
    return [
        (r"dV = A^\top dO \;\;(m\times d_v)", ac(dV, num_grad(lambda V_: L(Q, K, V_), V)) and ac(dA, dA_fd)),
        (r"o jacobiano é $\operatorname{diag}(a) - aa^\top$", ac(np.diag(a) - np.outer(a, a), Jsm)),
        (r"dS_{ij} = A_{ij}\Big(dA_{ij}", ac(dS, dS_fd)),
        (r"dS = A\odot\big(dA", ac(dS, dS_fd)),
        (r"dQ = \frac{1}{\sqrt d}\,dS\,K", ac(dS @ K / np.sqrt(d), num_grad(lambda Q_: L(Q_, K, V), Q))
         and ac(dS.T @ Q / np.sqrt(d), num_grad(lambda K_: L(Q, K_, V), K))),
        (r"Cada linha de $dS$ soma zero", ac(dS.sum(axis=1), 0)),
        (r"`dK = dS.T @ Q / sqrt(d)`", ac(dS.T @ Q / np.sqrt(d), num_grad(lambda K_: L(Q, K_, V), K))),
    ]


# ---------------------------------------------------------------- 16
@reg("16_rnn_bptt_numbers.md")
def f16():
    def fwd(w, u):
        h1 = math.tanh(w * 0 + u * 1.0); h2 = math.tanh(w * h1 + u * 0.5)
        return h1, h2, 0.5 * h2 ** 2
    w, u = 0.5, 1.0
    h1, h2, L = fwd(w, u)
    a2 = w * h1 + 0.5
    d2 = h2 * (1 - h2 ** 2); dh1 = d2 * w; d1 = dh1 * (1 - h1 ** 2)
    # dL/dh1 by perturbing h1 directly
    dh1_fd = (0.5 * math.tanh(w * (h1 + 1e-6) + 0.5) ** 2 - 0.5 * math.tanh(w * (h1 - 1e-6) + 0.5) ** 2) / 2e-6
    return [
        (r"a_1 = 0.5\cdot 0 + 1.0\cdot 1.0 = 1.0", near(0.7616, h1, 4)),
        (r"a_2 = 0.5\cdot 0.7616 + 1.0\cdot 0.5 = 0.8808", near(0.8808, a2, 4) and near(0.7068, h2, 4)),
        (r"L = \tfrac12\,(0.7068)^2 = 0.2498", near(0.2498, L, 4)),
        (r"\delta_2 = 0.7068\,(1 - 0.7068^2)", near(0.5004, 1 - h2 ** 2, 4) and near(0.3537, d2, 4)),
        (r"= \delta_2\, w = 0.3537\cdot 0.5 = 0.1768", near(0.1768, dh1_fd, 4)),
        (r"(1 - h_1) = 0.1768\cdot 0.2384 = 0.0422", near(0.0422, d1, 4)),
    ]


# ---------------------------------------------------------------- 17
@reg("17_pooling_backward.md")
def f17():
    X = np.array([[1, 3, 2, 1], [4, 2, 0, 1], [5, 1, 2, 8], [0, 6, 3, 4.0]])
    dY = np.array([[0.1, -0.2], [0.3, 0.4]])
    mp = lambda X: X.reshape(2, 2, 2, 2).max(axis=(1, 3))
    ap = lambda X: X.reshape(2, 2, 2, 2).mean(axis=(1, 3))
    dmax = num_grad(lambda X_: np.sum(dY * mp(X_)), X)
    davg = num_grad(lambda X_: np.sum(dY * ap(X_)), X)
    Dmax = np.array([[0, 0, -0.2, 0], [0.1, 0, 0, 0], [0, 0, 0, 0.4], [0, 0.3, 0, 0]])
    Davg = np.array([[0.025, 0.025, -0.05, -0.05], [0.025, 0.025, -0.05, -0.05], [0.075, 0.075, 0.1, 0.1], [0.075, 0.075, 0.1, 0.1]])
    return [
        (r"$4$ at $(1,0)$, $2$ at $(0,2)$", X[1, 0] == 4 and X[0, 2] == 2 and X[3, 1] == 6 and X[2, 3] == 8),
        (r"Y = \begin{bmatrix} 4 & 2\\ 6 & 8\end{bmatrix}", ac(mp(X), [[4, 2], [6, 8]])),
        (r"0 & 0 & -0.2 & 0\\ 0.1", ac(dmax, Dmax)),
        (r"0.025 & 0.025 & -0.05", ac(davg, Davg)),
        (r"sum to $0.1 - 0.2 + 0.3 + 0.4 = 0.6$", near(0.6, dmax.sum(), 6) and near(0.6, davg.sum(), 6)),
    ]


# ---------------------------------------------------------------- 18
@reg("18_xavier_he_init.md")
def f18():
    r = np.random.default_rng(1)
    n, T = 64, 20000
    W = r.normal(0, 0.3, size=(T, n)); x = r.normal(0, 1.5, size=(T, n))
    vy = np.var((W * x).sum(axis=1))
    z = r.normal(0, 2.0, size=400000)
    a = 0.7
    grid = np.linspace(-a, a, 2000001)
    var_u = np.trapezoid(grid ** 2, grid) / (2 * a) if hasattr(np, "trapezoid") else np.trapz(grid ** 2, grid) / (2 * a)
    return [
        (r"\operatorname{Var}(y_j) = n_{\text{in}}\operatorname{Var}(W)\operatorname{Var}(x)", abs(vy / (n * 0.09 * 2.25) - 1) < 0.05),
        (r"\mathbb{E}[\operatorname{relu}(z)^2] = \tfrac12\operatorname{Var}(z)", abs(np.mean(np.maximum(z, 0) ** 2) / 2.0 - 1) < 0.02),
        (r"= \frac{a^2}{12}\quad", near(a ** 2 / 12, var_u, 8)),
    ]


# ---------------------------------------------------------------- 19
@reg("19_kl_gaussov.md")
def f19():
    m1, s1, m2, s2 = 0.3, 0.7, -0.4, 1.3
    t = np.linspace(-15, 15, 600001)
    lq = -0.5 * np.log(2 * np.pi * s1 ** 2) - (t - m1) ** 2 / (2 * s1 ** 2)
    lp = -0.5 * np.log(2 * np.pi * s2 ** 2) - (t - m2) ** 2 / (2 * s2 ** 2)
    qd = np.exp(lq); dt = t[1] - t[0]
    Elq = np.sum(qd * lq) * dt; Emlp = np.sum(qd * -lp) * dt
    KLnum = Elq + Emlp
    KLf = math.log(s2 / s1) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2) - 0.5
    KLv = lambda mu, sg: 0.5 * (mu ** 2 + sg ** 2 - math.log(sg ** 2) - 1)
    KLs = lambda mu, s: 0.5 * (mu ** 2 + math.exp(s) - s - 1)
    fd = lambda f, x: (f(x + 1e-6) - f(x - 1e-6)) / 2e-6
    s0 = math.log(0.64)
    return [
        (r"\mathbb E_q[\ln q] = -\tfrac12\ln(2\pi\sigma_1^2) - \tfrac12", near(-0.5 * math.log(2 * math.pi * s1 ** 2) - 0.5, Elq, 6)),
        (r"\mathbb E_q[-\ln p] = \tfrac12\ln(2\pi\sigma_2^2)", near(0.5 * math.log(2 * math.pi * s2 ** 2) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2), Emlp, 6)),
        (r"\mathrm{KL}(q\,\|\,p) = \ln\frac{\sigma_2}{\sigma_1}", near(KLf, KLnum, 6)),
        (r"\mathrm{KL} = \tfrac12\big(\mu^2 + \sigma^2 - \ln\sigma^2 - 1\big)", near(KLv(0.5, 0.8), math.log(1 / 0.8) + (0.64 + 0.25) / 2 - 0.5, 12)),
        (r"\frac{\partial\,\mathrm{KL}}{\partial\sigma} = \sigma - \frac1\sigma .", near(0.5, fd(lambda m: KLv(m, 0.8), 0.5), 6)
         and near(0.8 - 1 / 0.8, fd(lambda s: KLv(0.5, s), 0.8), 6)),
        (r"\tfrac12\big(1 - e^{s}\big).$$", near(KLs(0.5, s0), KLv(0.5, 0.8), 12) and near(0.5 * (1 - math.exp(s0)), fd(lambda s: KLs(0.5, s), s0), 6)),
    ]


# ---------------------------------------------------------------- 20
@reg("20_transformer_block_params.md")
def f20():
    d, dff = 512, 2048
    att = 4 * (d * d + d); ffn = (d * dff + dff) + (dff * d + d); ln = 2 * 2 * d
    blk = att + ffn + ln
    return [
        (r"4\,(512\cdot 512 + 512) = 4\cdot 262{,}656 = 1{,}050{,}624", att == 1050624 and d * d + d == 262656 and 512 // 8 == 64),
        (r"= 1{,}050{,}624 + 1{,}049{,}088 = 2{,}099{,}712", d * dff + dff == 1050624 and dff * d + d == 1049088 and ffn == 2099712),
        (r"$2\cdot 2\cdot 512 = 2048$", ln == 2048),
        (r"Block total: $1{,}050{,}624 + 2{,}099{,}712 + 2048 = 3{,}152{,}384$", blk == 3152384),
        (r"$6\cdot 3{,}152{,}384 = 18{,}914{,}304$", 6 * blk == 18914304 and 32000 * 512 == 16384000 and 6 * blk + 32000 * 512 == 35298304),
        (r"= 12\,d^2 = 3{,}145{,}728", 4 * d * d + 2 * d * 4 * d == 12 * d * d == 3145728 and blk / 3145728 - 1 < 0.003),
    ]


# ---------------------------------------------------------------- 21
@reg("21_logsumexp.md")
def f21():
    x = rng.normal(size=4) * 3
    lse = lambda x: np.log(np.sum(np.exp(x)))
    p = np.exp(x) / np.exp(x).sum()
    H_fd = np.array([num_grad(lambda x_: (np.exp(x_) / np.exp(x_).sum())[i], x) for i in range(4)])
    xs = np.array([1000, 1001, 1002.0]); m = xs.max()
    S = np.exp(xs - m).sum(); val = m + np.log(S)
    ps = np.exp(xs - m) / S
    return [
        (r"\operatorname{LSE}(x) = m + \log\sum_{i=1}^n e^{x_i - m},", near(lse(x), x.max() + np.log(np.exp(x - x.max()).sum()), 12)),
        (r"\max_i x_i \le \operatorname{LSE}(x) \le \max_i x_i + \log n", x.max() <= lse(x) <= x.max() + np.log(4)),
        (r"\operatorname{softmax}(x)_j =: p_j", ac(p, num_grad(lse, x)) and ac(np.diag(p) - np.outer(p, p), H_fd)),
        (r"by Jensen), so LSE is convex", np.linalg.eigvalsh(np.diag(p) - np.outer(p, p)).min() > -1e-12
         and ac((np.diag(p) - np.outer(p, p)) @ np.ones(4), 0)),
        (r"e^{-2} + e^{-1} + 1 = 1.5032", near(1.5032, S, 4) and near(1002.4076, val, 4)),
        (r"p = (0.0900,\ 0.2447,\ 0.6652)", ac(ps, [0.0900, 0.2447, 0.6652], 5e-5)),
        (r"1002 + \log 3 = 1003.0986", near(1003.0986, 1002 + math.log(3), 4)),
    ]


# ---------------------------------------------------------------- 22
@reg("22_momentum_sgd.md")
def f22():
    th, v = 1.0, 0.0; rows = []
    for _ in range(4):
        g = 4 * th; v = 0.9 * v + g; th = th - 0.1 * v; rows.append((g, v, th))
    return [
        (r"| 1 | $4\cdot 1 = 4.0$", ac(rows[0], [4.0, 4.0, 0.6], 1e-12)),
        (r"| 2 | $4\cdot 0.6 = 2.4$", ac(rows[1], [2.4, 6.0, 0.0], 1e-12)),
        (r"| 3 | $4\cdot 0 = 0$", ac(rows[2], [0.0, 5.4, -0.54], 1e-12)),
        (r"| 4 | $4\cdot(-0.54) = 2.16$", ac(rows[3][0], 2.16, 1e-12)),
    ]


# ---------------------------------------------------------------- 23
@reg("23_chiisana_network.md")
def f23():
    x = np.array([1.0, 2.0]); W1 = np.array([[0.5, -0.2], [0.1, 0.4]]); b1 = np.array([0.1, -1.0])
    w2 = np.array([1.0, -0.5]); b2 = 0.2; y = 1.0

    def L(W1, b1, w2, b2):
        h = np.maximum(W1 @ x + b1, 0); return 0.5 * (w2 @ h + b2 - y) ** 2

    z = W1 @ x + b1; h = np.maximum(z, 0); yh = w2 @ h + b2
    dW1 = num_grad(lambda A: L(A, b1, w2, b2), W1)
    db1 = num_grad(lambda A: L(W1, A, w2, b2), b1)
    dw2 = num_grad(lambda A: L(W1, b1, A, b2), w2)
    db2 = (L(W1, b1, w2, b2 + 1e-6) - L(W1, b1, w2, b2 - 1e-6)) / 2e-6
    dh = (yh - y) * w2
    return [
        (r"0.1 + 0.8 - 1.0\end{bmatrix} = \begin{bmatrix}0.2\\ -0.1", ac(z, [0.2, -0.1], 1e-12) and ac(h, [0.2, 0], 1e-12)),
        (r"+ 0.2 = 0.4,\qquad L = \tfrac12(0.4 - 1.0)^2 = 0.18", near(0.4, yh, 12) and near(0.18, L(W1, b1, w2, b2), 12)),
        (r"= \hat y - y = -0.6", near(-0.6, yh - y, 12)),
        (r"= -0.6\,h = \begin{bmatrix}-0.12", ac(dw2, [-0.12, 0]) and near(-0.6, db2, 6)),
        (r"= -0.6\,w_2 = \begin{bmatrix}-0.6\\ 0.3", ac(dh, [-0.6, 0.3], 1e-12) and ac(db1, [-0.6, 0])),
        (r"\begin{bmatrix}-0.6 & -1.2\\ 0 & 0\end{bmatrix}", ac(dW1, [[-0.6, -1.2], [0, 0]]) and ac(db1, [-0.6, 0])),
        (r"0.56 & -0.08\\ 0.1 & 0.4", ac(W1 - 0.1 * dW1, [[0.56, -0.08], [0.1, 0.4]]) and near(0.26, b2 - 0.1 * db2, 6)),
    ]


# ---------------------------------------------------------------- 24
@reg("24_gradient_clipping.md")
def f24():
    gW = np.array([[1, 2], [2, 0.0]]); gb = np.array([4, -2.0])
    return [
        (r"= \sqrt{1+4+4+0} = 3$", near(3, np.linalg.norm(gW), 12) and near(4.4721, np.linalg.norm(gb), 4)),
        (r"= 1 + 4 + 4 + 0 + 16 + 4 = 25,", near(25, np.sum(gW ** 2) + np.sum(gb ** 2), 9)),
    ]


# ---------------------------------------------------------------- 25
@reg("25_hessian_quadratic.md")
def f25():
    A = np.array([[2, 1], [3, 4.0]]); b = np.array([1, -2.0])
    f = lambda x: 0.5 * x @ A @ x + b @ x
    x = rng.normal(size=2)
    return [
        (r"= 2x_1^2 + 4x_1x_2 + 4x_2^2", near(x @ A @ x, 2 * x[0] ** 2 + 4 * x[0] * x[1] + 4 * x[1] ** 2, 9)),
        (r"\nabla f(x) = A x + b,", ac(A @ x + b, num_grad(f, x))),
    ]


# ---------------------------------------------------------------- 26
@reg("26_gru_gates.md")
def f26():
    def gru(h, x=1.0):
        z = sig(0.5 * x - 1 * h); r = sig(1 * x + 1 * h - 1); n = math.tanh(1 * x + 2 * (r * h))
        return (1 - z) * h + z * n, z, r, n
    h = 0.5
    hp, z, r, n = gru(h)
    dfd = (gru(h + 1e-6)[0] - gru(h - 1e-6)[0]) / 2e-6
    via_z = (n - h) * z * (1 - z) * -1
    via_n = z * (1 - n ** 2) * 2 * (r + h * r * (1 - r) * 1)
    return [
        (r"\sigma(0) = 0.5$", near(0.5, z, 12)),
        (r"\sigma(0.5) = 0.6225$", near(0.6225, r, 4)),
        (r"\tanh(1.6225) = 0.9250$", near(1.6225, 1 + 2 * r * 0.5, 4) and near(0.9250, n, 4)),
        (r"0.5\cdot 0.9250 = 0.7125$", near(0.7125, hp, 4)),
        (r"\underbrace{(1-z)}_{\text{direct}}", near(1 - z + via_z + via_n, dfd, 6)),
        (r"- via $z$: $(0.9250 - 0.5)\cdot 0.25\cdot(-1) = -0.1062$", near(-0.1062, via_z, 4)),
        (r"= 0.1444\cdot 0.7400 = 0.1069$", near(0.1444, 1 - n ** 2, 4) and near(0.2350, r * (1 - r), 4)
         and near(0.7400, r + h * r * (1 - r), 4) and near(0.1069, via_n, 4)),
        (r"$dh'/dh = 0.5 - 0.1062 + 0.1069 = 0.5006$", near(0.5006, dfd, 4)),
        (r"3\,(20\cdot 30 + 20) = 1860", 3 * (20 * 10 + 20 * 20 + 20) == 1860),
    ]


# ---------------------------------------------------------------- 27
@reg("27_khoi_dong_learning_rate.md")
def f27():
    em, Tw, T = 3e-4, 2000, 10000

    def eta(t):
        if t <= Tw:
            return em * t / Tw
        return 0.5 * em * (1 + math.cos(math.pi * (t - Tw) / (T - Tw)))
    return [
        (r"\eta_{\min} + (\eta_{\max} - \eta_{\min}) = \eta_{\max}", near(em, 0.5 * em * (1 + math.cos(0)), 15)),
        (r"500/2000 = 7{,}5\cdot 10^{-5}", near(7.5e-5, eta(500), 15)),
        (r"$t = 2000$: $\eta = 3\cdot 10^{-4}$", near(3e-4, eta(2000), 15)),
        (r"nên $\eta = 1{,}5\cdot 10^{-4}$", near(1.5e-4, eta(6000), 15)),
        (r"= 0{,}75$, và", (8000 - 2000) / 8000 == 0.75),
        (r"\cos\big(\tfrac{3\pi}{4}\big) = 0{,}7071", near(0.7071, math.cos(3 * math.pi / 4), 4)),
    ]


# ---------------------------------------------------------------- 28
@reg("28_jacobian_elementwise.md")
def f28():
    x = np.array([-1.0, 0.0, 2.0])
    softplus = lambda v: np.log1p(np.exp(v))
    Jsp = np.array([num_grad(lambda v: softplus(v)[i], x) for i in range(3)])
    Jsg = np.array([num_grad(lambda v: sig(v)[i], x) for i in range(3)])
    Jsq = np.array([num_grad(lambda v: (v * v)[i], x) for i in range(3)])
    g = rng.normal(size=3)
    return [
        (r"\phi'(x_i)\,\delta_{ij}", ac(Jsp, np.diag(sig(x)))),
        (r"J^\top g = \phi'(x)\odot g", ac(Jsp.T @ g, sig(x) * g)),
        (r"J = \operatorname{diag}(0.2689,\ 0.5,\ 0.8808)", ac(np.diag(Jsp), [0.2689, 0.5, 0.8808], 5e-5)
         and near(0.1184, np.linalg.det(Jsp), 4)),
        (r"J = \operatorname{diag}(0.1966,\ 0.25,\ 0.1050)", ac(np.diag(Jsg), [0.1966, 0.25, 0.1050], 5e-5) and ac(Jsg, np.diag(np.diag(Jsg)))),
        (r"$\operatorname{diag}(-2, 0, 4)$", ac(Jsq, np.diag([-2, 0, 4.0])) and abs(np.linalg.det(Jsq)) < 1e-9),
    ]


# ---------------------------------------------------------------- 29
@reg("29_jumlah_parameter_cnn.md")
def f29():
    pc = lambda co, ci, k: co * (ci * k * k + 1)
    return [
        (r"$H = \lfloor(32 + 2 - 2 - 1)/1\rfloor + 1 = 32$", conv_out(32, 3, 1, 1) == 32 and pc(32, 3, 3) == 896),
        (r"parameter $64\,(32\cdot 9 + 1) = 18\,496$", conv_out(16, 3, 1, 1) == 16 and pc(64, 32, 3) == 18496),
        (r"$H = \lfloor(8 - 4 - 1)/1\rfloor + 1 = 4$", conv_out(8, 3, 1, 0, 2) == 4 and pc(128, 64, 3) == 73856),
        (r"$2048\cdot 10 + 10 = 20\,490$", 128 * 16 == 2048 and 2048 * 10 + 10 == 20490),
        (r"= 113\,738$ parameter", 896 + 18496 + 73856 + 20490 == 113738),
        (r"$32\cdot 32\cdot 32\cdot 27 = 884\,736$", 32 ** 3 * 27 == 884736 and abs(2 * 884736 / 1e6 - 1.77) < 0.005),
        (r"total $2432$ parameter", 32 * 10 + 64 * 33 == 2432 and abs(18496 / 2432 - 7.6) < 0.05),
    ]


# ---------------------------------------------------------------- 30
@reg("30_rmsprop_steps.md")
def f30():
    th = np.array([1.0, 1.0]); g1 = np.array([10 * th[0], 0.1 * th[1]])
    s1 = 0.1 * g1 ** 2; st1 = 0.01 * g1 / np.sqrt(s1); th1 = th - st1
    g2 = 10 * th1[0]; s2 = 0.9 * s1[0] + 0.1 * g2 ** 2
    return [
        (r"s_1 = 0.1\cdot(100,\ 0.01) = (10,\ 0.001)", ac(s1, [10, 0.001], 1e-12) and near(3.1623, np.sqrt(s1[0]), 4) and near(0.031623, np.sqrt(s1[1]), 6)),
        (r"= 0.01\cdot(3.1623,\ 3.1623) = (0.031623,\ 0.031623)", ac(st1, [0.031623, 0.031623], 5e-7)),
        (r"\theta^{(1)} = (0.968377,\ 0.968377)", ac(th1, [0.968377, 0.968377], 5e-7)),
        (r"$g_{2} = 10\cdot 0.968377 = 9.68377$", near(9.68377, g2, 5)),
        (r"s_{2} = 0.9\cdot 10 + 0.1\cdot 9.68377 = 9.968377", near(9.968377, s2, 6)),
    ]


# ================================================================ harness
def main():
    files = sorted(glob.glob(os.path.join(D, "[0-3][0-9]_*.md")))
    names = [os.path.basename(f) for f in files]
    assert len(names) == 30 and set(names) == set(EXP) == set(CHECKS), (len(names), set(names) ^ set(EXP))
    assert sum(v is None for v in EXP.values()) == 15
    for fn in names:
        L = lines(fn)
        assert 12 <= len(L) <= 35, (fn, len(L))
        claims = [(loc(fn, s), bool(ok), s) for s, ok in CHECKS[fn]()]
        exp = EXP[fn]
        bad = sorted(c for c in claims if not c[1])
        if exp is None:
            assert not bad, (fn, bad)
            status = "correct (%d claims true)" % len(claims)
        else:
            assert bad, (fn, "planted error not detected")
            assert bad[0][0] == exp, (fn, "first false claim on line", bad[0][0], "expected", exp)
            assert all(ok for ln, ok, _ in claims if ln < exp), fn
            assert any(ln == exp for ln, _, _ in claims)
            n_before = sum(1 for ln, _, _ in claims if ln < exp)
            status = "planted error at line %d confirmed (%d earlier claims true)" % (exp, n_before)
        print("%-34s %s" % (fn, status))
    print("ALL CHECKS PASSED")


if __name__ == "__main__":
    main()
