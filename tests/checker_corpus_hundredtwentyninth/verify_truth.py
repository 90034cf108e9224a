"""Independent NumPy truth check for corpus129 (autoencoders / VAEs)."""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(0)
ln = np.log


def near(a, b, dec):
    """a (true) rounds to b at `dec` decimals (tolerance half a unit + eps)."""
    return abs(float(a) - float(b)) <= 0.5 * 10.0 ** (-dec) + 1e-12


def allnear(a, b, dec):
    return all(near(x, y, dec) for x, y in zip(np.ravel(a), np.ravel(b)))


def fd(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        e = np.zeros_like(x); e[i] = h
        g[i] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def kl(mu, s):
    mu, s = np.asarray(mu, float), np.asarray(s, float)
    return 0.5 * np.sum(np.exp(s) + mu ** 2 - 1 - s)


def kl_mc(mu, var, n=400000):
    """Monte Carlo KL(N(mu,var) || N(0,1)) per-dim sum, for identity checks."""
    mu, var = np.asarray(mu, float), np.asarray(var, float)
    z = mu + np.sqrt(var) * rng.standard_normal((n, mu.size))
    lq = -0.5 * (ln(2 * np.pi) + ln(var) + (z - mu) ** 2 / var)
    lp = -0.5 * (ln(2 * np.pi) + z ** 2)
    return np.mean(np.sum(lq - lp, axis=1))


claims = {}

# ---------------- 01 linear AE (en) ----------------
x = np.array([1., 2.]); W1 = np.array([[0.5, 0.5]]); W2 = np.array([[1.], [2.]])
def L01(W1f, W2f, X=x[:, None]):
    R = X - W2f @ (W1f @ X); return np.sum(R ** 2) / X.shape[1]
h = (W1 @ x)[0]; xh = W2[:, 0] * h; r = x - xh
# generic identity at random matrices / batch
D, K, N = 4, 2, 5
Xr = rng.standard_normal((D, N)); A = rng.standard_normal((K, D)); B = rng.standard_normal((D, K))
Rr = Xr - B @ A @ Xr; Hr = A @ Xr
g2 = -2 / N * Rr @ Hr.T; g1 = -2 / N * B.T @ Rr @ Xr.T
ok2 = np.allclose(g2, fd(lambda b: L01(A, b, Xr), B), atol=1e-5)
ok1 = np.allclose(g1, fd(lambda a: L01(a, B, Xr), A), atol=1e-5)
gW2 = fd(lambda b: L01(W1, b), W2); gW1 = fd(lambda a: L01(a, W2), W1)
W1n = W1 - 0.02 * gW1
claims["01_linear_autoencoder_en.md"] = [
    (r"\frac{\partial L}{\partial W_2} = -\frac{2}{N} \sum_{n=1}^{N} r^{(n)}", ok2),
    (r"\frac{\partial L}{\partial W_1} = -\frac{2}{N} \sum_{n=1}^{N} W_2^\top", ok1),
    ("code: $h = 0.5", near(h, 1.5, 1)),
    ("reconstruction: $\\hat{x} = W_2 h", allnear(xh, [1.5, 3], 1)),
    ("residual: $r = x", allnear(r, [-0.5, -1], 1)),
    ("loss: $L = (-0.5)^2", near(L01(W1, W2), 1.25, 2)),
    (r"= \begin{pmatrix} 1.5 \\ 3 \end{pmatrix},", allnear(gW2, [1.5, 3], 1)),
    ("and with $W_2^\\top r", near(W2[:, 0] @ r, -2.5, 1)),
    (r"= \begin{pmatrix} 5 & 10 \end{pmatrix}.", allnear(gW1, [5, 10], 4)),
    (r"= \begin{pmatrix} 0.4 & 0.3 \end{pmatrix}.", allnear(W1n, [0.4, 0.3], 4)),
    ("so the new loss is $L = 0$", near(L01(W1n, W2), 0, 6) and near((W1n @ x)[0], 1.0, 4)),
]

# ---------------- 02 KL (de) ----------------
mu = np.array([0.5, -1.0]); s = np.array([0.0, -0.5])
t = np.exp(s) + mu ** 2 - 1 - s
m3, v3 = rng.standard_normal(3), np.exp(rng.standard_normal(3))
claims["02_kl_diagonal_gauss_de.md"] = [
    (r"&= \tfrac12\left(\sigma_j^2 + \mu_j^2 - 1 - \log\sigma_j^2\right).",
     abs(kl(m3[:1], ln(v3[:1])) - kl_mc(m3[:1], v3[:1])) < 0.01),
    (r"D_{\mathrm{KL}}\big(q \,\|\, p\big) = \frac12 \sum",
     abs(kl(m3, ln(v3)) - kl_mc(m3, v3)) < 0.02),
    ("= 1 + 0{,}25 - 1 - 0 = 0{,}25", near(t[0], 0.25, 2)),
    (r"0{,}60653 + 1 - 1 - 0{,}5 = 0{,}10653", near(np.exp(-0.5), 0.60653, 5) and near(t[1], 0.10653, 5)),
    ("Summe der Klammern", near(t.sum(), 0.35653, 5)),
    (r"\tfrac12 \cdot 0{,}35653 \approx 0{,}17827", near(kl(mu, s), 0.17827, 5)),
]

# ---------------- 03 reparam (fr) ----------------
def zfun(mu_, s_, e_): return mu_ + np.exp(s_ / 2) * e_
mu0, s0, e0 = 1.0, ln(4.0), -0.25
z0 = zfun(mu0, s0, e0)
dz_ds = fd(lambda v: zfun(mu0, v[0], e0), [s0])[0]
df_ds = fd(lambda v: zfun(mu0, v[0], e0) ** 2, [s0])[0]
df_dmu = fd(lambda v: zfun(v[0], s0, e0) ** 2, [mu0])[0]
sr, er = rng.standard_normal(), rng.standard_normal()
claims["03_reparametrisation_fr.md"] = [
    (r"= \sigma\,\varepsilon .", np.isclose(np.exp(sr / 2) * er, fd(lambda v: zfun(0.3, v[0], er), [sr])[0], atol=1e-6)),
    (r"\frac{\partial f}{\partial s} = f'(z)\, \sigma\, \varepsilon", np.isclose(2 * zfun(0.3, sr, er) * np.exp(sr / 2) * er, fd(lambda v: zfun(0.3, v[0], er) ** 2, [sr])[0], atol=1e-5)),
    ("$z = 1 + 2 \\times (-0{,}25) = 0{,}5$", near(z0, 0.5, 1)),
    ("$f'(z) = 2z = 1$", near(2 * z0, 1, 4)),
    ("$\\partial f/\\partial \\mu = 1$", near(df_dmu, 1, 4)),
    ("$\\partial f / \\partial s = 1 \\times 2", near(df_ds, -0.5, 2)),
    (r"\frac{\partial J}{\partial \mu} = 2\mu = 2", near(2 * mu0, 2, 4) and near(np.exp(s0), 4, 4)),
    ("L'estimateur à un seul tirage donne", near(df_dmu, 1, 4) and near(df_ds, -0.5, 2)),
]

# ---------------- 04 ELBO Bernoulli (es) ----------------
xb = np.array([1, 0, 1]); pb = np.array([0.8, 0.3, 0.6])
ll = np.sum(xb * ln(pb) + (1 - xb) * ln(1 - pb))
kl4 = kl([0.2], [ln(0.5)])
a = ln(pb / (1 - pb))
bce = lambda av: -np.sum(xb * ln(1 / (1 + np.exp(-av))) + (1 - xb) * ln(1 - 1 / (1 + np.exp(-av))))
claims["04_elbo_bernoulli_es.md"] = [
    ("$i=1$: $\\log 0{,}8", near(ln(0.8), -0.22314, 5)),
    ("$i=2$:", near(ln(0.7), -0.35667, 5)),
    ("$i=3$:", near(ln(0.6), -0.51083, 5)),
    ("Sumando,", near(ll, -1.09064, 5)),
    (r"\approx 0{,}11657 .", near(kl4, 0.11657, 5) and near(-ln(0.5), 0.69315, 5)),
    (r"-1{,}09064 - 0{,}11657 = -1{,}20722", near(ll - kl4, -1.20722, 5)),
    ("y la pérdida que minimizamos", near(-(ll - kl4), 1.20722, 5)),
    (r"= p_i - x_i ,", np.allclose(fd(bce, a), pb - xb, atol=1e-6)),
    ("así que aquí", allnear(pb - xb, [-0.2, 0.3, -0.4], 4)),
]

# ---------------- 05 params (pt) ----------------
P = lambda i, o: i * o + o
enc5 = P(784, 400) + 2 * P(400, 20); dec5 = P(20, 400) + P(400, 784)
claims["05_contagem_parametros_pt.md"] = [
    ("784 \\to 400:&\\quad 784 \\cdot 400 + 400 = 314\\,000", P(784, 400) == 314000),
    ("400 \\cdot 20 + 20 = 8\\,020", P(400, 20) == 8020),
    ("Total do codificador", enc5 == 330040),
    ("20 \\cdot 400 + 400 = 8\\,400", P(20, 400) == 8400),
    ("400 \\cdot 784 + 400 = 314\\,000", P(400, 784) == 314000),
    ("Total do decodificador", dec5 == 322400),
    ("*Total do modelo:*", enc5 + dec5 == 652440),
    ("400 \\cdot 40 + 40 = 16\\,040", P(400, 40) == 16040 == 2 * 8020),
    ("314\\,000 / 652\\,440", near(100 * 314000 / (enc5 + dec5), 48.1, 1)),
]

# ---------------- 06 tied weights (it) ----------------
def L06(Wf, xv): r_ = xv - Wf.T @ (Wf @ xv); return r_ @ r_
Wr_ = rng.standard_normal((2, 3)); xr_ = rng.standard_normal(3)
hr_ = Wr_ @ xr_; rr_ = xr_ - Wr_.T @ hr_
gform = -2 * (np.outer(hr_, rr_) + np.outer(Wr_ @ rr_, xr_))
W6 = np.array([[0.6, 0.8]]); x6 = np.array([1., 2.])
h6 = (W6 @ x6)[0]; xh6 = W6[0] * h6; r6 = x6 - xh6
g6 = fd(lambda w: L06(w, x6), W6)
claims["06_pesi_legati_it.md"] = [
    (r"\frac{\partial L}{\partial W} = -2\left( \mathbf{h}\,\mathbf{r}^{\top}", np.allclose(gform, fd(lambda w: L06(w, xr_), Wr_), atol=1e-5)),
    ("1. $h = 0{,}6", near(h6, 2.2, 1)),
    ("2. $\\hat{\\mathbf{x}} = 2{,}2", allnear(xh6, [1.32, 1.76], 2)),
    ("3. $\\mathbf{r} = (1 - 1{,}32", allnear(r6, [-0.32, 0.24], 2)),
    ("4. $L = 0{,}1024", near(L06(W6, x6), 0.16, 2) and near(r6[0] ** 2, 0.1024, 4)),
    ("5. $W\\mathbf{r} = 0{,}6", near(W6[0] @ r6, 0, 6)),
    (r"= (1{,}408 \;\; -1{,}056).", allnear(g6, [1.408, -1.056], 3)),
    ("1{,}408 \\cdot 0{,}6 - 1{,}056 \\cdot 0{,}8 = 0", near(g6[0] @ W6[0], 0, 6)),
    ("Il valore $L = 0{,}16$", near(np.linalg.norm(x6) ** 2 - (W6[0] @ x6) ** 2, 0.16, 6)),
    ("i pesi legati sono $784 \\cdot 32 = 25\\,088$", 784 * 32 == 25088 and 2 * 25088 == 50176),
    ("25\\,088 + 816 = 25\\,904", 784 * 32 + 32 + 784 == 25904),
]

# ---------------- 07 KL derivatives (ru) ----------------
m7 = np.array([1.2, -0.4]); s7 = np.array([0.4, -1.0])
mr, sr7 = rng.standard_normal(3), rng.standard_normal(3)
sig = np.exp(0.5 * s7)
klsig = lambda sg: 0.5 * np.sum(sg ** 2 + m7 ** 2 - 1 - ln(sg ** 2))
m7n = m7 - 0.5 * fd(lambda m: kl(m, s7), m7); s7n = s7 - 0.5 * fd(lambda v: kl(m7, v), s7)
claims["07_proizvodnye_kl_ru.md"] = [
    (r"\frac{\partial\,\mathrm{KL}}{\partial \mu_j} = \mu_j, \qquad",
     np.allclose(fd(lambda m: kl(m, sr7), mr), mr, atol=1e-6) and
     np.allclose(fd(lambda v: kl(mr, v), sr7), 0.5 * (np.exp(sr7) - 1), atol=1e-6)),
    ("Вторая производная", np.allclose(fd(lambda v: 0.5 * (np.exp(v) - 1).sum(), sr7), 0.5 * np.exp(sr7), atol=1e-6)),
    (r"\frac{\partial\,\mathrm{KL}}{\partial \sigma_j} = \sigma_j - \frac{1}{\sigma_j},",
     np.allclose(fd(klsig, sig), sig - 1 / sig, atol=1e-6)),
    (r"\approx \tfrac12\big[1{,}53182 + 0{,}52788\big] \approx 1{,}02985",
     near(np.exp(0.4) + 0.04, 1.53182, 5) and near(np.exp(-1) + 0.16, 0.52788, 5) and near(kl(m7, s7), 1.02985, 5)),
    (r"\nabla_\mu \mathrm{KL} = (1{,}2;\ -0{,}4)",
     allnear(fd(lambda m: kl(m, s7), m7), m7, 4) and near(np.exp(0.4), 1.49182, 5) and near(np.exp(-1), 0.36788, 5)
     and allnear(fd(lambda v: kl(m7, v), s7), [0.24591, -0.31606], 5)),
    ("Для сравнения, по $\\sigma$", allnear(sig, [1.22140, 0.60653], 5)),
    (r"\partial\mathrm{KL}/\partial\sigma \approx (0{,}40267;\ -1{,}04219)", allnear(fd(klsig, sig), [0.40267, -1.04219], 5)),
    (r"\mu \leftarrow (0{,}6;\ -0{,}2)", allnear(m7n, [0.6, -0.2], 4) and allnear(s7n, [0.27704, -0.84197], 5)),
    ("после чего", near(kl(m7n, s7n), 0.35751, 5)),
]

# ---------------- 08 beta-VAE (zh) ----------------
m8 = np.array([0.9, 0.1, -0.3]); v8 = np.array([0.4, 0.95, 1.0])
t8 = v8 + m8 ** 2 - 1 - ln(v8); k8 = t8.sum() / 2
beta_kl = lambda b, m, s: b * kl(m, s)
claims["08_beta_vae_zh.md"] = [
    ("| 1 | $0.4 + 0.81", near(-ln(0.4), 0.916291, 6) and near(t8[0], 1.126291, 6) and near(t8[0] / 2, 0.563145, 6)),
    ("| 2 | $0.95", near(-ln(0.95), 0.051293, 6) and near(t8[1], 0.011293, 6) and near(t8[1] / 2, 0.005647, 6)),
    ("| 3 | $1.0", near(t8[2], 0.09, 4) and near(t8[2] / 2, 0.045, 4)),
    ("合计", near(k8, 0.613792, 6)),
    ("3.25 + 0.613792 = 3.863792", near(3.25 + k8, 3.863792, 6)),
    ("4 \\times 0.613792 = 2.445168", near(4 * k8, 2.445168, 6)),
    ("3.25 + 2.445168 = 5.695168", near(3.25 + 4 * k8, 5.695168, 6)),
    ("第 1 维得到", near(fd(lambda v: beta_kl(4, m8, np.r_[v, ln(v8[1:])]), [ln(0.4)])[0], -1.2, 4)
     and near(fd(lambda v: beta_kl(4, np.r_[v, m8[1:]], ln(v8)), [0.9])[0], 3.6, 4)),
]

# ---------------- 09 DAE (ja) ----------------
Ex2, s2 = 4.0, 1.0
L9 = lambda w: (1 - w) ** 2 * Ex2 + w ** 2 * s2
wr = rng.uniform(-1, 2)
wstar = Ex2 / (Ex2 + s2)
# identity (a) by Monte Carlo with a random 2x2 W
Wm = rng.standard_normal((2, 2)); Xs = rng.standard_normal((200000, 2)) * [1.0, 2.0]; Ns = rng.standard_normal((200000, 2)) * 0.7
lhs = np.mean(np.sum((Xs - (Xs + Ns) @ Wm.T) ** 2, 1)); rhs = np.mean(np.sum((Xs - Xs @ Wm.T) ** 2, 1)) + 0.49 * np.sum(Wm ** 2)
claims["09_denoising_ae_ja.md"] = [
    (r"= \mathbb{E}\,\lVert x - Wx \rVert^2 + \sigma^2 \lVert W \rVert_F^2 .", abs(lhs - rhs) < 0.03 * rhs),
    (r"L'(w) = -2(1-w)\,\mathbb{E}[x^2] + w\,\sigma^2 .", near(fd(lambda v: L9(v[0]), [wr])[0], -2 * (1 - wr) * Ex2 + wr * s2, 4)),
    (r"\frac{8}{9} \approx 0.889", near(wstar, 8 / 9, 6)),
    (r"= \frac{68}{81} \approx 0.840", near(L9(wstar), 68 / 81, 6)),
    ("参考までに", near(fd(lambda v: L9(v[0]), [0.5])[0], -3.5, 4)),
    ("ノイズなし", near(Ex2 / (Ex2 + 0.0), 1, 6)),
    (r"\tilde{x} = \left(\tfrac{4}{3},\ 0,\ 0,\ \tfrac{4}{3}\right),",
     allnear(np.array([1, 0, 1, 1]) * np.array([1, 1, 0, 1]) / 0.75, [4 / 3, 0, 0, 4 / 3], 6)),
    ("であり、スケーリングのおかげで", near(0.75 * (1 / 0.75), 1, 6)),
]

# ---------------- 10 Gaussian decoder (ko) ----------------
x10 = np.array([0.5, 1.0]); m10 = np.array([0.3, 1.4]); v10 = 0.25
logp = lambda m, v: -0.5 * np.sum(ln(2 * np.pi * v) + (x10 - m) ** 2 / v)
sq = np.sum((x10 - m10) ** 2); k10 = kl([0.5], [ln(0.8)])
claims["10_gauss_decoder_ko.md"] = [
    ("1. 제곱 오차", near(sq, 0.20, 2)),
    ("2. 나누기", near(sq / v10, 0.8, 1)),
    ("3. 상수 항", near(ln(2 * np.pi * 0.25), 0.451583, 6) and near(2 * ln(2 * np.pi * 0.25), 0.903165, 6)),
    ("4. 로그우도", near(logp(m10, v10), -0.851583, 6)),
    (r"\approx 0.136572", near(-ln(0.8), 0.223144, 6) and near(k10, 0.136572, 6)),
    (r"D_{\mathrm{KL}} \approx -0.988154", near(logp(m10, v10) - k10, -0.988154, 6)),
    (r"\frac{\partial(-\log p)}{\partial \hat{\mu}_i} = \frac{\hat{\mu}_i - x_i}{\sigma_x^2},",
     np.allclose(fd(lambda m: -logp(m, 0.37), m10), (m10 - x10) / 0.37, atol=1e-6)),
    ("예제에서는", allnear(fd(lambda m: -logp(m, v10), m10), [-0.8, 1.6], 4)),
    ("참고로", near(logp(m10, 1.0), -1.937877, 6)),
]

# ---------------- 11 params (pl) ----------------
enc11 = P(1024, 256) + P(256, 128) + P(128, 32); dec11 = P(16, 128) + P(128, 256) + P(256, 1024)
claims["11_liczba_parametrow_pl.md"] = [
    ("$1025 \\cdot 256 = 262\\,400$", P(1024, 256) == 262400),
    ("$257 \\cdot 128 = 32\\,896$", P(256, 128) == 32896),
    ("$129 \\cdot 32 = 4\\,128$", P(128, 32) == 4128),
    ("Razem enkoder", enc11 == 299424),
    ("$17 \\cdot 128 = 2\\,176$", P(16, 128) == 2176),
    ("$129 \\cdot 256 = 33\\,024$", P(128, 256) == 33024),
    ("$257 \\cdot 1024 = 263\\,168$", P(256, 1024) == 263168),
    ("Razem dekoder", dec11 == 298368),
    ("**Cały model:**", enc11 + dec11 == 597792),
    ("299\\,424 - 298\\,368 = 1\\,056", enc11 - dec11 == 1056),
    ("$d + d(d+1)/2 = 16 + 136 = 152$", 16 + 16 * 17 // 2 == 152),
    ("$129 \\cdot 152 = 19\\,608$", P(128, 152) == 19608 and P(128, 152) - P(128, 32) == 15480),
    ("87{,}9", P(1024, 256) + P(256, 1024) == 525568 and near(100 * 525568 / (enc11 + dec11), 87.9, 1)),
]

# ---------------- 12 linear AE batch (nl) ----------------
X12 = np.array([[1., 0.], [0., 1.]])  # columns x1, x2
We = np.array([[1., 2.]]); Wd = np.array([[0.5], [0.5]])
H12 = We @ X12; R12 = X12 - Wd @ H12
gd = fd(lambda b: L01(We, b, X12), Wd); ge = fd(lambda a: L01(a, Wd, X12), We)
Xr = rng.standard_normal((2, 4)); Ar = rng.standard_normal((1, 2)); Br = rng.standard_normal((2, 1))
Rr = Xr - Br @ Ar @ Xr
claims["12_lineaire_ae_batch_nl.md"] = [
    (r"\frac{\partial L}{\partial W_d} = -\frac{1}{N}\sum_{n=1}^{N} \mathbf{r}_n\, \mathbf{h}_n^{\top},",
     np.allclose(-1 / 4 * Rr @ (Ar @ Xr).T, fd(lambda b: L01(Ar, b, Xr), Br), atol=1e-5)),
    (r"\frac{\partial L}{\partial W_e} = -\frac{2}{N}\sum_{n=1}^{N} W_d^{\top}",
     np.allclose(-2 / 4 * Br.T @ Rr @ Xr.T, fd(lambda a: L01(a, Br, Xr), Ar), atol=1e-5)),
    ("| 1 | $1$ |", near(H12[0, 0], 1, 4) and allnear(R12[:, 0], [0.5, -0.5], 4)),
    ("| 2 | $2$ |", near(H12[0, 1], 2, 4) and allnear(R12[:, 1], [-1, 0], 4)),
    ("Dus $L = ", near(L01(We, Wd, X12), 0.75, 2)),
    (r"= -\tfrac12\,(-1{,}5;\ -0{,}5)^\top = (0{,}75;\ 0{,}25)^\top .", allnear(gd, [0.75, 0.25], 2)),
    ("Encodergradiënt:", near((Wd.T @ R12)[0, 0], 0, 6) and near((Wd.T @ R12)[0, 1], -0.5, 4)),
    (r"= (0 \;\; 0{,}5).", allnear(ge, [0, 0.5], 4)),
    (r"= (0{,}35;\ 0{,}45)^\top", allnear(Wd[:, 0] - 0.2 * gd[:, 0], [0.35, 0.45], 2)),
]

# ---------------- 13 KL closed form (vi) ----------------
m13 = np.array([0., 1., -2.]); v13 = np.array([1., 0.5, 2.])
Elq = -0.5 * np.sum(ln(2 * np.pi) + ln(v13) + 1); Elp = -0.5 * np.sum(ln(2 * np.pi) + m13 ** 2 + v13)
mr13, vr13 = rng.standard_normal(2), np.exp(rng.standard_normal(2))
zs = mr13 + np.sqrt(vr13) * rng.standard_normal((400000, 2))
mc_lq = np.mean(np.sum(-0.5 * (ln(2 * np.pi) + ln(vr13) + (zs - mr13) ** 2 / vr13), 1))
mc_lp = np.mean(np.sum(-0.5 * (ln(2 * np.pi) + zs ** 2), 1))
claims["13_kl_dang_dong_vi.md"] = [
    (r"\mathbb{E}_q[\log q(z)] = -\frac12\sum_{j=1}^{d}\left(\ln 2\pi + \ln\sigma_j^2 + 1\right).",
     abs(mc_lq + 0.5 * np.sum(ln(2 * np.pi) + ln(vr13) + 1)) < 0.02),
    (r"\mathbb{E}_q[\log p(z)] = -\frac12\sum_{j=1}^{d}\left(\ln 2\pi + \mu_j^2 + \sigma_j^2\right).",
     abs(mc_lp + 0.5 * np.sum(ln(2 * np.pi) + mr13 ** 2 + vr13)) < 0.03),
    (r"\mathrm{KL}(q\,\|\,p) = \frac12\sum_{j=1}^{d}\left(\mu_j^2",
     abs(kl(mr13, ln(vr13)) - kl_mc(mr13, vr13)) < 0.02),
    (r"Dùng $\ln 2\pi \approx 1{,}837877$", near(ln(2 * np.pi), 1.837877, 6)),
    (r"-\tfrac12(8{,}513631) \approx -4{,}256816", near(-2 * Elq, 8.513631, 6) and near(Elq, -4.256816, 6)),
    (r"-\tfrac12(14{,}013631) \approx -7{,}006816", near(-2 * Elp, 14.013631, 6) and near(Elp, -7.006816, 6)),
    (r"Ở đây $\sum\mu_j^2 = 0 + 1 + 4 = 5$", np.sum(m13 ** 2) == 5 and np.sum(v13) == 3.5),
    (r"\mathrm{KL} \approx -4{,}256816 - (-7{,}006816) = 2{,}75 .", near(Elq - Elp, 2.75, 6)),
    (r"= \tfrac12\,(0 + 1{,}193147 + 4{,}306853) = 2{,}75 .",
     allnear(v13 + m13 ** 2 - 1 - ln(v13), [0, 1.193147, 4.306853], 6) and near(kl(m13, ln(v13)), 2.75, 6)),
    (r"$\tfrac12(5 + 3{,}5 - 3) = 2{,}75$", near(0.5 * (5 + 3.5 - 3), 2.75, 6)),
]

# ---------------- 14 reparam gradient (tr) ----------------
mu14, s14, e14 = 1.0, ln(0.25), 0.4
ell = lambda z_: (z_ - 3) ** 2
z14 = zfun(mu14, s14, e14)
dl_dmu = fd(lambda v: ell(zfun(v[0], s14, e14)), [mu14])[0]
dl_ds = fd(lambda v: ell(zfun(mu14, v[0], e14)), [s14])[0]
dk_dmu = fd(lambda v: kl(v, [s14]), [mu14])[0]; dk_ds = fd(lambda v: kl([mu14], v), [s14])[0]
sr14, er14 = rng.standard_normal(), rng.standard_normal()
claims["14_reparam_gradyan_tr.md"] = [
    (r"\frac{\partial z}{\partial s} = \tfrac12 e^{s/2}\,\varepsilon",
     near(fd(lambda v: zfun(0.0, v[0], er14), [sr14])[0], 0.5 * np.exp(sr14 / 2) * er14, 6)),
    ("1. $z = 1 + 0{,}5", near(z14, 1.2, 4)),
    ("2. $\\ell'(z) = 2(3 - z) = 3{,}6$", near(fd(lambda v: ell(v[0]), [z14])[0], 3.6, 4)),
    ("3. $\\partial\\ell/\\partial\\mu", near(dl_dmu, 3.6, 4)),
    ("4. $\\partial z/\\partial s", near(fd(lambda v: zfun(mu14, v[0], e14), [s14])[0], 0.1, 4)),
    ("5. $\\partial\\ell/\\partial s", near(dl_ds, 0.36, 4)),
    (r"= \tfrac12(0{,}25 - 1) = -0{,}375", near(dk_dmu, 1, 4) and near(dk_ds, -0.375, 4)),
    (r"= 3{,}6 + 1 = 4{,}6, \qquad", near(dl_dmu + dk_dmu, 4.6, 4)),
    (r"= 0{,}36 - 0{,}375 = -0{,}015 .", near(dl_ds + dk_ds, -0.015, 4)),
]

# ---------------- 15 Gaussian ELBO (cs) ----------------
x15 = np.array([1., 2., 0.]); xh15 = np.array([0.8, 2.5, -0.1])
def lp15(sig, xh=xh15, xx=x15):
    return np.sum(-0.5 * ln(2 * np.pi * sig ** 2) - (xx - xh) ** 2 / (2 * sig ** 2))
sq15 = np.sum((x15 - xh15) ** 2)
k15 = kl([0.3, -0.6], ln([0.9, 1.2]))
sg_r, xr15, xhr15 = np.exp(rng.standard_normal()), rng.standard_normal(3), rng.standard_normal(3)
claims["15_elbo_gauss_cs.md"] = [
    (r"\log p(x \mid z) = -\frac{1}{2\sigma^2}\sum_{i=1}^{D}",
     near(lp15(sg_r, xhr15, xr15), -np.sum((xr15 - xhr15) ** 2) / (2 * sg_r ** 2) - 3 * ln(sg_r) - 1.5 * ln(2 * np.pi), 9)),
    (r"= 0{,}04 + 0{,}25 + 0{,}01 = 0{,}30 .", near(sq15, 0.30, 2)),
    (r"1{,}5 \cdot 1{,}837877 \approx 2{,}756816", near(1.5 * ln(2 * np.pi), 2.756816, 6)),
    (r"- 2{,}756816 \approx -2{,}906816 .", near(lp15(1.0), -2.906816, 6)),
    (r"\frac{0{,}30}{0{,}5} = 0{,}6 ,", near(sq15 / 0.5 ** 2, 0.6, 1)),
    (r"-3\ln 0{,}5 \approx 2{,}079442", near(-3 * ln(0.5), 2.079442, 6)),
    (r"\approx -0{,}977374 .", near(lp15(0.5), -0.977374, 6)),
    ("$0{,}9 + 0{,}09 - 1", near(0.9 + 0.09 - 1 - ln(0.9), 0.095361, 6)),
    ("$1{,}2 + 0{,}36 - 1", near(1.2 + 0.36 - 1 - ln(1.2), 0.377678, 6)),
    (r"\approx 0{,}236519$.", near(k15, 0.236519, 6)),
    ("-2{,}906816 - 0{,}236519 = -3{,}143335", near(lp15(1.0) - k15, -3.143335, 6)),
    ("-0{,}977374 - 0{,}236519 = -1{,}213893", near(lp15(0.5) - k15, -1.213893, 6)),
]

# ---------------- 16 beta-VAE + DAE (sv) ----------------
x16 = np.array([1, 1, 0, 0]); p16 = np.array([0.9, 0.7, 0.2, 0.4])
bce16 = -np.sum(x16 * ln(p16) + (1 - x16) * ln(1 - p16)); k16 = kl([0.5], [ln(0.6)])
A16 = np.diag([0.9, 0.8]); x16b = np.array([1., 2.])
claims["16_beta_och_brus_sv.md"] = [
    ("termer: $-\\ln 0{,}9", allnear(-ln([0.9, 0.7, 0.8, 0.6]), [0.105361, 0.356675, 0.223144, 0.510826], 6)),
    (r"$\mathrm{BCE} \approx 1{,}196005$", near(bce16, 1.196005, 6)),
    (r"\approx \tfrac12(-0{,}15 + 0{,}510826) \approx 0{,}180413 .", near(k16, 0.180413, 6)),
    (r"= 1{,}196005 + 0{,}721651 = 1{,}917656", near(4 * k16, 0.721651, 6) and near(bce16 + 4 * k16, 1.917656, 6)),
    (r"blir $\beta\mu = 4 \cdot 0{,}5 = 2$", near(fd(lambda v: 4 * kl(v, [ln(0.6)]), [0.5])[0], 2, 4)),
    (r"= 2\cdot(0{,}6 - 1) = -0{,}8", near(fd(lambda v: 4 * kl([0.5], v), [ln(0.6)])[0], -0.8, 4)),
    (r"$\mathbb{E}[\tilde{x}_i] = (1 - p)\,x_i$", near(np.mean((rng.random(400000) > 0.3) * 1.0), 0.7, 2)),
    ("blir det $235{,}2$", near(784 * 0.3, 235.2, 1)),
    (r"= \lVert x - Ax\rVert^2 + \sigma_n^2\,\lVert A\rVert_F^2 ,", abs(lhs - rhs) < 0.03 * rhs),
    (r"= 0{,}1^2 + 0{,}4^2 = 0{,}17", near(np.sum((x16b - A16 @ x16b) ** 2), 0.17, 2)),
    (r"= 0{,}145$, totalt $0{,}315$", near(0.1 * np.sum(A16 ** 2), 0.145, 3) and near(np.sum((x16b - A16 @ x16b) ** 2) + 0.1 * np.sum(A16 ** 2), 0.315, 3)),
]

# ---------------- driver ----------------
expected = json.load(open(os.path.join(HERE, "expected.json"), encoding="utf-8"))
mds = sorted(f for f in os.listdir(HERE) if f.endswith(".md"))
assert set(mds) == set(expected) == set(claims), (set(mds) ^ set(claims), set(mds) ^ set(expected))
bad = 0
for fn in mds:
    lines = open(os.path.join(HERE, fn), encoding="utf-8").read().split("\n")
    first = None
    for sub, ok in claims[fn]:
        hits = [i + 1 for i, l in enumerate(lines) if sub in l]
        assert len(hits) == 1, (fn, sub, hits)
        if not bool(ok):
            first = hits[0] if first is None else min(first, hits[0])
    status = "OK" if first == expected[fn] else "MISMATCH"
    if status != "OK":
        bad += 1
    print(f"{status} {fn}: first failing line = {first}, expected = {expected[fn]}")
assert bad == 0, f"{bad} mismatches"
