"""Independent truth check for the corpus: walks the math claims of every file and reports
the first line whose claim is false; compares with expected.json."""
import json, math, os, re
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(12345)
LOG2PI = math.log(2 * math.pi)


NUMRE = re.compile(r"-?\d+(?:\.\d+)?")


def _norm(s):
    s = s.replace("{,}", ".").replace("\\,", "").replace("−", "-")
    return re.sub(r"(?<=\d),(?=\d)", ".", s)


def num(s):
    return float(NUMRE.search(_norm(s)).group(0))


def decimals(s):
    t = NUMRE.search(_norm(s)).group(0)
    return len(t.split(".")[1]) if "." in t else 0


class File:
    def __init__(self, name):
        self.name = name
        self.lines = open(os.path.join(HERE, name), encoding="utf-8").read().split("\n")
        self.fails = []
        self.nchecks = 0

    def line(self, sub):
        hits = [i + 1 for i, l in enumerate(self.lines) if sub in l]
        assert len(hits) == 1, f"{self.name}: substring {sub!r} found {len(hits)} times"
        return hits[0]

    def ok(self, sub, cond):
        ln = self.line(sub)
        self.nchecks += 1
        if not bool(cond):
            self.fails.append(ln)

    def num(self, sub, claimed, true, tol=None):
        ln = self.line(sub)
        assert claimed in self.lines[ln - 1], f"{self.name}: {claimed!r} not on line {ln}"
        if tol is None:
            tol = 0.5 * 10 ** (-decimals(claimed)) * 1.2 + 1e-12
        self.ok(sub, abs(num(claimed) - true) <= tol)

    def first(self):
        return min(self.fails) if self.fails else None


def fd(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)


def fd_jac(f, x, h=1e-6):
    x = np.asarray(x, float)
    cols = []
    for j in range(len(x)):
        e = np.zeros_like(x); e[j] = h
        cols.append((f(x + e) - f(x - e)) / (2 * h))
    return np.stack(cols, axis=1)


# Gauss-Hermite quadrature for expectations under N(m, s2)
GH_X, GH_W = np.polynomial.hermite_e.hermegauss(80)
GH_W = GH_W / GH_W.sum()


def E_normal(f, m, s2):
    return float(np.sum(GH_W * f(m + math.sqrt(s2) * GH_X)))


def lognorm1(z, m, s2):
    return -0.5 * math.log(2 * math.pi * s2) - (z - m) ** 2 / (2 * s2)


def kl_quad(m1, s1, m2, s2):
    return E_normal(lambda z: lognorm1(z, m1, s1) - lognorm1(z, m2, s2), m1, s1)


def mvn_logpdf(x, mean, cov):
    d = len(x); r = x - mean
    return -0.5 * (d * LOG2PI + math.log(np.linalg.det(cov)) + r @ np.linalg.solve(cov, r))


def Phi(x):
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


def softplus(a):
    return np.log1p(np.exp(a))


def rand_discrete(K=4):
    pz = rng.dirichlet(np.ones(K)); lik = rng.uniform(0.05, 0.95, K); q = rng.dirichlet(np.ones(K))
    joint = pz * lik; px = joint.sum(); post = joint / px
    return pz, lik, q, joint, px, post


results = {}

# ---------------------------------------------------------------- 01
F = File("01_elbo_derivation_en.md")
ok_mult = ok_jen = ok_gap = ok_split = True
for _ in range(20):
    pz, lik, q, joint, px, post = rand_discrete()
    L = np.sum(q * np.log(joint / q))
    ok_mult &= abs(np.log(np.sum(q * joint / q)) - np.log(px)) < 1e-12
    ok_jen &= np.log(px) >= L - 1e-12
    ok_gap &= abs(L - (np.log(px) - np.sum(q * np.log(q / post)))) < 1e-10
    ok_split &= abs(L - (np.sum(q * np.log(lik)) - np.sum(q * np.log(q / pz)))) < 1e-10
F.ok(r"= \log \mathbb{E}_{q_\phi}\!\left[\frac{p_\theta(x,z)}", ok_mult)
F.ok(r"\log p_\theta(x) \;\ge\;", ok_jen)
F.ok(r"&= \log p_\theta(x) - \mathbb{E}_{q_\phi}\!\left[\log \frac{q_\phi", ok_gap)
F.ok(r"&= \log p_\theta(x) - \mathrm{KL}\big(q_\phi", ok_gap)
F.ok(r"- \underbrace{\mathrm{KL}", ok_split)
F.num(r"p(x) = 0.5\cdot 0.2", "0.4,", 0.4)
F.num(r"p(x) = 0.5\cdot 0.2", "-0.9163", math.log(0.4))
F.num(r"$p(z=1\mid x) = 0.3/0.4", "0.75", 0.3 / 0.4)
F.num(r"\mathcal{L} = 0.5\log\frac{0.1}{0.5}", "-1.6094", math.log(0.2))
F.num(r"\mathcal{L} = 0.5\log\frac{0.1}{0.5}", "-0.5108", math.log(0.6))
L01 = 0.5 * math.log(0.2) + 0.5 * math.log(0.6)
F.num(r"\mathcal{L} = 0.5\log\frac{0.1}{0.5}", "-1.0601", L01)
F.num(r"\mathrm{KL}(q\,\|\,p(z\mid x)) = 0.5", "0.3466", 0.5 * math.log(2))
F.num(r"\mathrm{KL}(q\,\|\,p(z\mid x)) = 0.5", "- 0.2027", 0.5 * math.log(2 / 3) * -1)
F.num(r"\mathrm{KL}(q\,\|\,p(z\mid x)) = 0.5", "0.1438 ,", 0.5 * math.log(2) + 0.5 * math.log(2 / 3))
F.num(r"-0.9163 + 1.0601 = 0.1438", "0.1438$", math.log(0.4) - L01)
F.ok(r"0.25\log(0.1/0.25)", abs(0.25 * math.log(0.1 / 0.25) + 0.75 * math.log(0.3 / 0.75) - math.log(0.4)) < 1e-12)
results[F.name] = F

# ---------------------------------------------------------------- 02
F = File("02_kl_diagonal_gaussians_de.md")
def kl_diag(mq, vq, mp, vp):
    return 0.5 * np.sum(np.log(vp / vq) + (vq + (mq - mp) ** 2) / vp - 1)
ok_sum = ok_ratio = ok_E = ok_kl = ok_std = True
for _ in range(20):
    d = 3
    mq, mp = rng.normal(size=d), rng.normal(size=d)
    vq, vp = rng.uniform(0.2, 3, d), rng.uniform(0.2, 3, d)
    # full multivariate formula with diagonal covariances
    Sq, Sp = np.diag(vq), np.diag(vp)
    full = 0.5 * (np.trace(np.linalg.solve(Sp, Sq)) + (mp - mq) @ np.linalg.solve(Sp, mp - mq) - d
                  + math.log(np.linalg.det(Sp) / np.linalg.det(Sq)))
    ok_sum &= abs(full - sum(kl_quad(mq[j], vq[j], mp[j], vp[j]) for j in range(d))) < 1e-8
    m1, s1, m2, s2, z = mq[0], vq[0], mp[0], vp[0], rng.normal()
    ok_ratio &= abs(lognorm1(z, m1, s1) - lognorm1(z, m2, s2)
                    - (0.5 * math.log(s2 / s1) - (z - m1) ** 2 / (2 * s1) + (z - m2) ** 2 / (2 * s2))) < 1e-12
    ok_E &= abs(E_normal(lambda t: (t - m1) ** 2, m1, s1) - s1) < 1e-9
    ok_E &= abs(E_normal(lambda t: (t - m2) ** 2, m1, s1) - (s1 + (m1 - m2) ** 2)) < 1e-9
    kq = kl_quad(m1, s1, m2, s2)
    ok_kl &= abs(kq - (0.5 * math.log(s2 / s1) - s1 / (2 * s1) + (s1 + (m1 - m2) ** 2) / (2 * s2))) < 1e-9
    ok_kl &= abs(kq - 0.5 * (math.log(s2 / s1) + (s1 + (m1 - m2) ** 2) / s2 - 1)) < 1e-9
    ok_std &= abs(kl_diag(mq, vq, 0 * mq, 1 + 0 * vq) - (-0.5 * np.sum(1 + np.log(vq) - mq ** 2 - vq))) < 1e-12
F.ok(r"\mathrm{KL}(q\,\|\,p) = \sum_{j=1}^{d}", ok_sum)
F.ok(r"\log q(z) - \log p(z) = \tfrac12", ok_ratio)
F.ok(r"\mathbb E_q\big[(z-\mu_q)^2\big] = \sigma_q^2, \qquad", ok_E)
F.ok(r"- \frac{\sigma_q^2}{2\sigma_q^2} + \frac", ok_kl)
F.ok(r"&= \tfrac12\left[\log\frac{\sigma_p^2}{\sigma_q^2}", ok_kl)
F.ok(r"\mathrm{KL}\big(q\,\|\,\mathcal N(0, I)\big) = -\tfrac12", ok_std)
t = np.linspace(0.01, 20, 5000)
F.ok(r"$t - 1 - \log t \ge 0$", np.all(t - 1 - np.log(t) >= -1e-15))
F.num(r"Koordinate 1: $\log(1{,}0/0{,}5)", "0{,}6931", math.log(2))
F.num(r"Koordinate 1: $\log(1{,}0/0{,}5)", "1{,}5$", (0.5 + 1.0) / 1.0)
F.num(r"\mathrm{KL}_1 = \tfrac12", "1{,}1931", math.log(2) + 0.5)
kl1 = 0.5 * (math.log(2) + 1.5 - 1)
F.num(r"\mathrm{KL}_1 = \tfrac12", "0{,}5966", kl1)
F.num(r"Koordinate 2: $\log(4{,}0/2{,}0)", "0{,}6931", math.log(2))
F.num(r"Koordinate 2: $\log(4{,}0/2{,}0)", "0{,}75$", (2.0 + 1.0) / 4.0)
F.num(r"\mathrm{KL}_2 = \tfrac12", "0{,}4431", math.log(2) - 0.25)
kl2 = 0.5 * (math.log(2) + 0.75 - 1)
F.num(r"\mathrm{KL}_2 = \tfrac12", "0{,}2216", kl2)
F.num(r"Insgesamt:", "0{,}8181", kl1 + kl2)
mq = np.array([1.0, -0.5]); vq = np.array([0.5, 2.0]); mp = np.array([0.0, 0.5]); vp = np.array([1.0, 4.0])
r2 = np.random.default_rng(0)
zz = mq + np.sqrt(vq) * r2.standard_normal((2000000, 2))
mc = np.mean(np.sum(-0.5 * (np.log(vq / vp) + (zz - mq) ** 2 / vq - (zz - mp) ** 2 / vp), axis=1))
F.ok(r"Stichproben weicht davon", abs(mc - (kl1 + kl2)) < 2e-3)
F.ok(r"**Achtung:**", abs(kl_diag(mp, vp, mq, vq) - (kl1 + kl2)) > 1e-3)
results[F.name] = F

# ---------------------------------------------------------------- 03
F = File("03_gradients_kl_fr.md")
Dsig = lambda m, s: -0.5 * (1 + math.log(s * s) - m * m - s * s)
Dv = lambda m, v: -0.5 * (1 + v - m * m - math.exp(v))
ok_a = ok_b = ok_mu = ok_sig = ok_dsdv = ok_dv = True
for _ in range(20):
    m, v = rng.normal(), rng.normal()
    s = math.exp(v / 2)
    ok_a &= abs(Dsig(m, s) - kl_quad(m, s * s, 0, 1)) < 1e-9
    ok_b &= abs(Dv(m, v) - kl_quad(m, math.exp(v), 0, 1)) < 1e-9
    ok_mu &= abs(fd(lambda t: Dv(t, v), m) - m) < 1e-6
    ok_sig &= abs(fd(lambda t: Dsig(m, t), s) - (-0.5 * (2 / s - 2 * s))) < 1e-6
    ok_sig &= abs(-0.5 * (2 / s - 2 * s) - (s - 1 / s)) < 1e-12
    ok_dsdv &= abs(fd(lambda t: math.exp(t / 2), v) - s) < 1e-6
    g = fd(lambda t: Dv(m, t), v)
    ok_dv &= abs(g - (s - 1 / s) * s) < 1e-6 and abs(g - (math.exp(v) - 1)) < 1e-6
F.ok(r"D(\mu, \sigma) = -\tfrac12", ok_a)
F.ok(r"D(\mu, v) = -\tfrac12", ok_b)
F.ok(r"-\tfrac12\cdot(-2\mu) = \mu", ok_mu)
F.ok(r"\frac{\partial D}{\partial \sigma} = -\tfrac12", ok_sig)
F.ok(r"\frac{d\sigma}{dv} = \sigma,", ok_dsdv)
F.ok(r"\right)\sigma = \sigma^2 - 1 = e^{v} - 1", ok_dv)
F.ok(r"Ce gradient s'annule pour $v = 0$", abs(fd(lambda t: Dv(0.0, t), 0.0)) < 1e-8 and abs(Dv(0, 0)) < 1e-15)
m, v = 0.8, -0.4
F.num(r"On a $e^{-0{,}4} \approx", "0{,}6703", math.exp(v))
F.num(r"D = -\tfrac12\,(1 - 0{,}4", "-0{,}7103", 1 + v - m * m - math.exp(v))
F.num(r"D = -\tfrac12\,(1 - 0{,}4", "0{,}3552", Dv(m, v))
gmu, gv = fd(lambda t: Dv(t, v), m), fd(lambda t: Dv(m, t), v)
F.num(r"\frac{\partial D}{\partial \mu} = 0{,}8, \qquad", "0{,}8,", gmu)
F.num(r"\frac{\partial D}{\partial \mu} = 0{,}8, \qquad", "-0{,}3297", gv)
F.num(r"\mu \leftarrow 0{,}8 - 0{,}5", "0{,}4,", m - 0.5 * gmu)
F.num(r"v \leftarrow -0{,}4 - 0{,}5", "-0{,}2352", v - 0.5 * gv)
results[F.name] = F

# ---------------------------------------------------------------- 04
F = File("04_reparametrizacion_es.md")
ok_ch = ok_cf = ok_e = True
for _ in range(20):
    mu, sg, e = rng.normal(), rng.uniform(0.2, 2), rng.normal()
    f = np.sin; fp = np.cos
    ok_ch &= abs(fd(lambda t: f(t + sg * e), mu) - fp(mu + sg * e)) < 1e-6
    ok_ch &= abs(fd(lambda t: f(mu + t * e), sg) - fp(mu + sg * e) * e) < 1e-6
    Ez2 = lambda a, b: E_normal(lambda z: z ** 2, a, b * b)
    ok_cf &= abs(Ez2(mu, sg) - (mu ** 2 + sg ** 2)) < 1e-9
    ok_cf &= abs(fd(lambda t: Ez2(t, sg), mu, 1e-5) - 2 * mu) < 1e-5 and abs(fd(lambda t: Ez2(mu, t), sg, 1e-5) - 2 * sg) < 1e-5
    ok_e &= abs(E_normal(lambda x: 2 * (mu + sg * x) * x, 0, 1) - 2 * sg) < 1e-9
F.ok(r"\frac{\partial f}{\partial \mu} = f'(z), \qquad", ok_ch)
F.ok(r"\mathbb E[z^2] = \mu^2 + \sigma^2 \quad", ok_cf)
F.ok(r"\mathbb E[2z\varepsilon] = 2\,\mathbb E", ok_e)
mu, sg = 1.5, 0.5
eps = [0.3, -1.2, 0.8]
rows = ["| 0,3 | 1,65 | 3,3 | 0,99 |", "| −1,2 | 0,9 | 1,8 | −2,16 |", "| 0,8 | 1,9 | 3,8 | 3,04 |"]
for e, row in zip(eps, rows):
    cells = [c.strip() for c in row.strip("|").split("|")]
    z = mu + sg * e
    F.ok(row, abs(num(cells[0]) - e) < 1e-12 and abs(num(cells[1]) - z) < 1e-9
         and abs(num(cells[2]) - 2 * z) < 1e-9 and abs(num(cells[3]) - 2 * z * e) < 1e-9)
zs = mu + sg * np.array(eps)
F.num(r"Promedios: $\widehat{\partial_\mu}", "2,9667", np.mean(2 * zs))
F.num(r"\widehat{\partial_\sigma} = (0,99", "0,6233", np.mean(2 * zs * np.array(eps)))
ok_v = True
for _ in range(10):
    m_, v_, e_ = rng.normal(), rng.normal(), rng.normal()
    s_ = math.exp(v_ / 2)
    ok_v &= abs(fd(lambda t: m_ + math.exp(t / 2) * e_, v_) - 0.5 * s_ * e_) < 1e-6
F.ok(r"\frac{\partial z}{\partial v} = \frac{\partial z}", ok_v)
F.num(r"$\approx 0,1558$", "0,1558", np.mean(zs * sg * np.array(eps)))
F.num(r"$\approx 0,1558$", "0,25$", fd(lambda t: mu ** 2 + math.exp(t), math.log(sg ** 2)))
results[F.name] = F

# ---------------------------------------------------------------- 05
F = File("05_elbo_numerico_pt.md")
mu = np.array([0.4, -0.2]); lv = np.array([-1.0, -0.5]); eps = np.array([0.5, -1.0])
W = np.array([[1.0, 0.5], [-0.5, 1.0]]); b = np.array([0.1, 0.0]); x = np.array([1.0, -0.5])
sg = np.exp(0.5 * lv); z = mu + sg * eps
S = r"\sigma = \begin{pmatrix} e^{-0{,}5}"
F.num(S, "0{,}6065", sg[0]); F.num(S, "0{,}7788 \\end", sg[1])
S2 = r"z = \mu + \sigma\odot\varepsilon \approx"
F.num(S2, "0{,}3033", sg[0] * eps[0]); F.num(S2, "- 0{,}7788", -sg[1] * eps[1])
F.num(S2, "0{,}7033 \\\\", z[0]); F.num(S2, "-0{,}9788 \\end{pmatrix}.", z[1])
S3 = r"\hat x = Wz + b \approx"
F.num(S3, "- 0{,}4894", -W[0, 1] * z[1]); F.num(S3, "-0{,}3516", W[1, 0] * z[0])
xh = W @ z + b
r3 = r"= \begin{pmatrix} 0{,}3139 \\ -1{,}3304"
F.num(r3, "0{,}3139", xh[0]); F.num(r3, "-1{,}3304", xh[1])
res = x - xh
F.num(r"O resíduo é", "0{,}6861", res[0]); F.num(r"O resíduo é", "0{,}8304", res[1])
F.num(r"\|x-\hat x\|^2 \approx", "0{,}4708", res[0] ** 2); F.num(r"\|x-\hat x\|^2 \approx", "0{,}6896", res[1] ** 2)
F.num(r"\|x-\hat x\|^2 \approx", "1{,}1604", res @ res)
rec = -0.5 * res @ res - LOG2PI
F.num(r"\log p(x\mid z) \approx -0{,}5802", "-0{,}5802", -0.5 * res @ res)
F.num(r"\log p(x\mid z) \approx -0{,}5802", "1{,}8379", LOG2PI)
F.num(r"\log p(x\mid z) \approx -0{,}5802", "-2{,}4181", rec)
F.ok(r"\log p(x\mid z) = -\tfrac12\|x-\hat x\|^2", abs(rec - mvn_logpdf(x, xh, np.eye(2))) < 1e-12)
s2 = np.exp(lv)
F.num(r"Com $\sigma^2 = (e^{-1};", "0{,}3679", s2[0]); F.num(r"Com $\sigma^2 = (e^{-1};", "0{,}6065)", s2[1])
kt = 0.5 * (mu ** 2 + s2 - 1 - lv)
F.num(r"j = 1:&", "0{,}5279", 2 * kt[0]); F.num(r"j = 1:&", "0{,}2639", kt[0])
F.num(r"j = 2:&", "0{,}1465", 2 * kt[1]); F.num(r"j = 2:&", "0{,}0733", kt[1])
F.ok(r"Em forma fechada", abs(kt.sum() - sum(kl_quad(mu[j], s2[j], 0, 1) for j in range(2))) < 1e-9)
F.num(r"Portanto $\mathrm{KL} \approx", "0{,}3372", kt.sum())
F.num(r"\mathcal L \approx \log p(x\mid z) - \mathrm{KL}", "-2{,}0809", rec - kt.sum())
F.num(r"$\log(2\pi)\approx 1{,}8379$", "1{,}8379", LOG2PI)
results[F.name] = F

# ---------------------------------------------------------------- 06
F = File("06_cambio_di_variabili_it.md")
ok_cv = ok_inv = ok_comp = True
for _ in range(10):
    A = rng.normal(size=(2, 2)) + 2 * np.eye(2); bb = rng.normal(size=2); zz = rng.normal(size=2)
    xx = A @ zz + bb
    lpz = -LOG2PI - 0.5 * zz @ zz
    ok_cv &= abs(mvn_logpdf(xx, bb, A @ A.T) - (lpz - math.log(abs(np.linalg.det(A))))) < 1e-10
    g = lambda t: t + 0.5 * np.tanh(t) + 0.1 * t[::-1] ** 3 / (1 + t[::-1] ** 2)
    Jf = fd_jac(g, zz)
    ok_inv &= abs(np.linalg.det(np.linalg.inv(Jf)) - 1 / np.linalg.det(Jf)) < 1e-8
    A2 = rng.normal(size=(2, 2)) + 2 * np.eye(2)
    x2 = A2 @ A @ zz
    ok_comp &= abs(mvn_logpdf(x2, np.zeros(2), (A2 @ A) @ (A2 @ A).T)
                   - (lpz - math.log(abs(np.linalg.det(A))) - math.log(abs(np.linalg.det(A2))))) < 1e-10
F.ok(r"p_X(x) = p_Z\big(f^{-1}(x)\big)", ok_cv and ok_inv)
F.ok(r"\log p_X(x) = \log p_Z(z) - \log\left|\det J_f(z)\right|.", ok_cv)
F.ok(r"\log p_X(z_K) = \log p_Z(z_0) - \sum", ok_comp)
phi = lambda t: math.exp(-0.5 * t * t) / math.sqrt(2 * math.pi)
ok_91 = all(abs(phi((xx - 1) / 3) / 3 - math.exp(lognorm1(xx, 1, 9))) < 1e-14 for xx in rng.normal(size=5) * 3)
F.ok(r"p_X(x) = \frac{1}{3}\,\varphi", ok_91)
F.num(r"p_X(4) = \varphi(1)/3", "0{,}2420", phi(1)); F.num(r"p_X(4) = \varphi(1)/3", "0{,}0807", phi(1) / 3)
A = np.array([[2, 1], [0, 1.5]]); xx = np.array([1.0, 2.0])
F.num(r"\det A = 2\cdot 1{,}5", "= 3 .", np.linalg.det(A), 1e-9)
F.ok(r"A^{-1} = \frac{1}{3}", np.allclose(np.linalg.inv(A), np.array([[1.5, -1], [0, 2]]) / 3))
zz = np.linalg.solve(A, xx)
F.ok(r"z = A^{-1}x = \frac13", np.allclose(A @ (np.array([1.5 - 2, 4]) / 3), xx))
S = r"z = A^{-1}x = \frac13"
F.num(S, "-0{,}1667", zz[0]); F.num(S, "1{,}3333", zz[1])
F.num(r"Quindi $\|z\|^2", "0{,}0278", zz[0] ** 2); F.num(r"Quindi $\|z\|^2", "1{,}7778", zz[1] ** 2)
F.num(r"Quindi $\|z\|^2", "1{,}8056", zz @ zz)
lpz = -LOG2PI - 0.5 * zz @ zz
F.num(r"\log p_Z(z) = -\log(2\pi) - \tfrac12\|z\|^2", "-2{,}7407", lpz)
F.num(r"\log p_Z(z) = -\log(2\pi) - \tfrac12\|z\|^2", "0{,}9028", 0.5 * zz @ zz)
F.num(r"\log p_X(x) = -2{,}7407 - \log 3", "1{,}0986", math.log(3))
F.num(r"\log p_X(x) = -2{,}7407 - \log 3", "-3{,}8393", lpz - math.log(3))
F.ok(r"$AA^\top = \begin{pmatrix} 5", np.allclose(A @ A.T, [[5, 1.5], [1.5, 2.25]]))
F.num(r"vale proprio", "-3{,}8393", mvn_logpdf(xx, np.zeros(2), A @ A.T))
results[F.name] = F

# ---------------------------------------------------------------- 07
F = File("07_planarnyi_potok_ru.md")
ok_j = ok_lem = ok_det = ok_lin = True
for _ in range(10):
    d = 3
    u, w, zz = rng.normal(size=d), rng.normal(size=d), rng.normal(size=d); b = rng.normal()
    f = lambda t: t + u * np.tanh(w @ t + b)
    psi = (1 - np.tanh(w @ zz + b) ** 2) * w
    J = fd_jac(f, zz)
    ok_j &= np.allclose(J, np.eye(d) + np.outer(u, psi), atol=1e-7)
    Am = rng.normal(size=(d, d)) + 3 * np.eye(d); a, c = rng.normal(size=d), rng.normal(size=d)
    ok_lem &= abs(np.linalg.det(Am + np.outer(a, c)) - (1 + c @ np.linalg.solve(Am, a)) * np.linalg.det(Am)) < 1e-9
    ok_det &= abs(np.linalg.det(J) - (1 + psi @ u)) < 1e-7
    # linear h: f(z) = z + u (w^T z + b) is affine; its density is Gaussian
    M = np.eye(d) + np.outer(u, w)
    if abs(np.linalg.det(M)) > 0.1:
        xx = M @ zz + u * b
        ok_lin &= abs(mvn_logpdf(xx, u * b, M @ M.T) - (-0.5 * d * LOG2PI - 0.5 * zz @ zz - math.log(abs(1 + u @ w)))) < 1e-9
F.ok(r"\frac{\partial f_i}{\partial z_j} = \delta_{ij}", ok_j)
F.ok(r"J_f(z) = I + u\,\psi(z)^\top", ok_j)
F.ok(r"$\det(A + a c^\top) = (1 + c^\top A^{-1} a)\det A$", ok_lem)
F.ok(r"\det J_f(z) = \det\big(I + u\,\psi^\top\big)", ok_det)
F.ok(r"\log q_1(f(z)) = \log q_0(z) - \log\big|", ok_lin)
zz = np.array([0.3, 0.4]); w = np.array([1, 0.5]); u = np.array([0.6, -0.2]); a = w @ zz
F.num(r"Аргумент нелинейности", "0{,}5$", a); F.num(r"Аргумент нелинейности", "0{,}4621", math.tanh(a))
fz = zz + u * math.tanh(a)
S = r"\approx \begin{pmatrix} 0{,}5773"
F.num(S, "0{,}5773", fz[0]); F.num(S, "0{,}3076", fz[1])
hp = 1 - math.tanh(a) ** 2
F.ok(r"$h'(a) = 1 - \tanh^2 a$", abs(fd(math.tanh, 0.37) - (1 - math.tanh(0.37) ** 2)) < 1e-8)
F.num(r"h'(0{,}5) = 1 - 0{,}4621", "0{,}5379", hp)
F.num(r"Скалярное произведение", "0{,}5$", w @ u)
detJ = np.linalg.det(np.eye(2) + np.outer(u, hp * w))
F.num(r"\det J_f(z) = 1 + 0{,}5379", "1{,}2689", detJ)
F.num(r"\det J_f(z) = 1 + 0{,}5379", "0{,}2382", math.log(detJ))
lq0 = -LOG2PI - 0.5 * zz @ zz
F.num(r"Плотность: $\log q_0(z)", "-1{,}9629", lq0)
F.num(r"\log q_1(f(z)) \approx -1{,}9629", "-2{,}2011", lq0 - math.log(detJ))
results[F.name] = F

# ---------------------------------------------------------------- 08
F = File("08_affine_coupling_zh.md")
ok_blk = ok_det = ok_inv = True
for _ in range(10):
    D, d = 5, 2
    Ws, Wt = rng.normal(size=(D - d, d)), rng.normal(size=(D - d, d))
    s_ = lambda x1: np.tanh(Ws @ x1); t_ = lambda x1: Wt @ x1 ** 2
    fwd = lambda x: np.concatenate([x[:d], x[d:] * np.exp(s_(x[:d])) + t_(x[:d])])
    xx = rng.normal(size=D)
    J = fd_jac(fwd, xx)
    ok_blk &= np.allclose(J[:d, :d], np.eye(d), atol=1e-8) and np.allclose(J[:d, d:], 0, atol=1e-8)
    ok_blk &= np.allclose(J[d:, d:], np.diag(np.exp(s_(xx[:d]))), atol=1e-7)
    ok_det &= abs(np.linalg.det(J) - np.exp(np.sum(s_(xx[:d])))) < 1e-6 and np.linalg.det(J) > 0
    y = fwd(xx)
    ok_inv &= np.allclose((y[d:] - t_(y[:d])) * np.exp(-s_(y[:d])), xx[d:])
F.ok(r"\dfrac{\partial y_2}{\partial x_1} & \operatorname{diag}", ok_blk)
F.ok(r"\det J = \prod_{j=1}^{D-d}", ok_det)
F.ok(r"x_1 = y_1,\qquad x_2 = \big(y_2 - t(y_1)\big)", ok_inv)
F.ok(r"注意 $\det J > 0$", ok_det)
s = np.array([0.2, -0.5]); t = np.array([1.0, 0.1]); x2 = np.array([2.0, 0.3])
y2 = x2 * np.exp(s) + t
S = r"\approx \begin{pmatrix} 2.4428 + 1.0"
F.num(S, "2.4428 ", x2[0] * math.exp(0.2)); F.num(S, "0.1820", x2[1] * math.exp(-0.5))
S = r"= \begin{pmatrix} 3.4428 \\ 0.2820"
F.num(S, "3.4428", y2[0]); F.num(S, "0.2820", y2[1])
F.num(r"对数行列式：$\log|\det J| = 0.2", "-0.3$", s.sum()); F.num(r"对数行列式：$\log|\det J| = 0.2", "0.7408", math.exp(s.sum()))
F.ok(r"约 74%", round(100 * math.exp(s.sum())) == 74)
F.num(r"逆向检验", "2.0000", (3.4428 - 1.0) * math.exp(-0.2)); F.num(r"逆向检验", "0.3001", (0.2820 - 0.1) * math.exp(0.5))
results[F.name] = F

# ---------------------------------------------------------------- 09
F = File("09_parameter_count_ja.md")
def P(n_in, n_out):
    W = np.zeros((n_out, n_in)); b = np.zeros(n_out)
    return W.size + b.size
F.ok(r"P(n_\text{in}, n_\text{out}) = n_\text{in}\,n_\text{out} + n_\text{out}", all(P(a, b) == a * b + b for a, b in [(3, 5), (784, 400)]))
F.num(r"P(784, 400) = 784\times 400", "313\\,600", 784 * 400, 0)
F.num(r"P(784, 400) = 784\times 400", "314\\,000 .", P(784, 400), 0)
F.num(r"P(400, 20) = 400\times 20", "8\\,020,", P(400, 20), 0)
F.num(r"P(400, 20) = 400\times 20", "16\\,040 .", 2 * P(400, 20), 0)
F.num(r"`nn.Linear(400, 40)`", "16\\,040$", P(400, 40), 0)
enc = P(784, 400) + 2 * P(400, 20)
F.num(r"314\,000 + 16\,040 = 330\,040", "330\\,040", enc, 0)
F.num(r"P(20, 400) = 20\times 400", "8\\,400 .", P(20, 400), 0)
F.num(r"P(400, 784) = 400\times 784", "314\\,000 .", P(400, 784), 0)
dec = P(20, 400) + P(400, 784)
F.num(r"デコーダ合計は", "322\\,400", dec, 0)
F.num(r"330\,040 + 322\,400 = 652\,440", "652\\,440", enc + dec, 0)
F.num(r"差し引き $8\,000$", "8\\,000", P(400, 20) - 20, 0)
F.ok(r"約 96%", round(100 * (P(784, 400) + P(400, 784)) / (enc + dec)) == 96)
results[F.name] = F

# ---------------------------------------------------------------- 10
F = File("10_beta_vae_ko.md")
ok_b = True
for _ in range(20):
    pz, lik, q, joint, px, post = rand_discrete()
    beta = rng.uniform(1, 6)
    rec = np.sum(q * np.log(lik)); kl = np.sum(q * np.log(q / pz))
    Lb, L1 = rec - beta * kl, rec - kl
    ok_b &= abs(Lb - (L1 - (beta - 1) * kl)) < 1e-12 and Lb <= L1 + 1e-12 and L1 <= math.log(px) + 1e-12
F.ok(r"\mathcal L_\beta = \mathcal L_1 - (\beta - 1)", ok_b)
F.num(r"\mathcal L_1 = -85.3 - 24.6", "-109.9", -85.3 - 24.6, 1e-9)
F.num(r"\mathcal L_1 = -85.3 - 24.6", "98.4", 4 * 24.6, 1e-9)
F.num(r"\mathcal L_1 = -85.3 - 24.6", "-183.7", -85.3 - 4 * 24.6, 1e-9)
KLf = lambda m, v: 0.5 * np.sum(m ** 2 + np.exp(v) - 1 - v)
ok_g = True
for _ in range(10):
    beta = rng.uniform(0.5, 5); m = rng.normal(size=3); v = rng.normal(size=3)
    for j in range(3):
        e = np.zeros(3); e[j] = 1e-6
        ok_g &= abs((beta * KLf(m + e, v) - beta * KLf(m - e, v)) / 2e-6 - beta * m[j]) < 1e-5
        ok_g &= abs((beta * KLf(m, v + e) - beta * KLf(m, v - e)) / 2e-6 - beta / 2 * (math.exp(v[j]) - 1)) < 1e-5
F.ok(r"\frac{\partial (\beta\,\mathrm{KL})}{\partial \mu_j} = \beta\,\mu_j", ok_g)
F.ok(r"$\mathrm{KL} = \tfrac12\sum_j(\mu_j^2 + e^{v_j} - 1 - v_j)$", abs(KLf(np.array([0.3]), np.array([-0.7])) - kl_quad(0.3, math.exp(-0.7), 0, 1)) < 1e-9)
F.ok(r"\nabla_\mu = (2.0,\,-4.0)", np.allclose(4 * np.array([0.5, -1.0]), [2.0, -4.0]))
F.num(r"\nabla_v = \big(2(e^{-0.2}-1)", "-0.3625", 2 * (math.exp(-0.2) - 1))
F.num(r"\nabla_v = \big(2(e^{-0.2}-1)", "0.6997", 2 * (math.exp(0.3) - 1))
Lb_f = lambda m, s2, x, beta: -0.5 * ((x - m) ** 2 + s2) - beta / 2 * (m * m + s2 - 1 - math.log(s2))
ok_toy = ok_dm = ok_ds = True
for _ in range(10):
    x, beta = rng.normal(), rng.uniform(0.5, 5)
    consts = []
    for _ in range(3):
        m, s2 = rng.normal(), rng.uniform(0.1, 2)
        true = E_normal(lambda z: -0.5 * (x - z) ** 2, m, s2) - beta * kl_quad(m, s2, 0, 1)
        consts.append(true - Lb_f(m, s2, x, beta))
        ok_dm &= abs(fd(lambda t: Lb_f(t, s2, x, beta), m) - ((x - m) - beta * m)) < 1e-6
        ok_ds &= abs(fd(lambda t: Lb_f(m, t, x, beta), s2) - (-0.5 - beta / 2 * (1 - 1 / s2))) < 1e-6
    ok_toy &= np.ptp(consts) < 1e-9
    ms, ss = x / (1 + beta), beta / (1 + beta)
    ok_dm &= abs((x - ms) - beta * ms) < 1e-12
    ok_ds &= abs(-0.5 - beta / 2 * (1 - 1 / ss)) < 1e-12
F.ok(r"\mathcal L_\beta(m, s^2) = -\tfrac12", ok_toy)
F.ok(r"\frac{\partial\mathcal L_\beta}{\partial m} = (x - m)", ok_dm)
F.ok(r"\frac{\partial\mathcal L_\beta}{\partial s^2} = -\tfrac12", ok_ds)
# exact posterior for prior N(0,1), likelihood N(z,1): N(x/2, 1/2)
xg = 1.3; zg = np.linspace(-8, 8, 20001); un = np.exp(-0.5 * zg ** 2 - 0.5 * (xg - zg) ** 2); un /= un.sum()
pm = np.sum(zg * un); pv = np.sum((zg - pm) ** 2 * un)
F.ok(r"$\beta = 1$ 이면 $m^\star = x/2$", abs(pm - xg / 2) < 1e-6 and abs(pv - 0.5) < 1e-6)
F.ok(r"$\beta = 4$, $x = 2$ 이면", abs(2 / 5 - 0.4) < 1e-12 and abs(4 / 5 - 0.8) < 1e-12)
results[F.name] = F

# ---------------------------------------------------------------- 11
F = File("11_gradient_kl_ogolny_pl.md")
KLg = lambda m1, v1, m2, v2: 0.5 * (v2 - v1 + (math.exp(v1) + (m1 - m2) ** 2) * math.exp(-v2) - 1)
ok_f = ok_fv = ok_m = ok_v1 = ok_v2 = True
for _ in range(20):
    m1, m2, v1, v2 = rng.normal(), rng.normal(), rng.normal(), rng.normal()
    s1, s2 = math.exp(v1 / 2), math.exp(v2 / 2)
    kq = kl_quad(m1, s1 ** 2, m2, s2 ** 2)
    ok_f &= abs(kq - (math.log(s2 / s1) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2) - 0.5)) < 1e-9
    ok_fv &= abs(kq - KLg(m1, v1, m2, v2)) < 1e-9
    ok_m &= abs(fd(lambda t: KLg(t, v1, m2, v2), m1) - (m2 - m1) / s2 ** 2) < 1e-6
    ok_v1 &= abs(fd(lambda t: KLg(m1, t, m2, v2), v1) - 0.5 * (s1 ** 2 / s2 ** 2 - 1)) < 1e-6
    ok_v2 &= abs(fd(lambda t: KLg(m1, v1, m2, t), v2) - 0.5 * (1 - (s1 ** 2 + (m1 - m2) ** 2) / s2 ** 2)) < 1e-6
F.ok(r"\mathrm{KL}(q\,\|\,p) = \log\frac{\sigma_2}{\sigma_1}", ok_f)
F.ok(r"\mathrm{KL} = \tfrac12\Big[v_2 - v_1", ok_fv)
F.ok(r"= \frac{2(\mu_1-\mu_2)}{2\sigma_2^2}\cdot(-1)", ok_m)
F.ok(r"\frac{\partial\,\mathrm{KL}}{\partial v_1} = \tfrac12\Big(\frac{e^{v_1}}", ok_v1)
F.ok(r"\frac{\partial\,\mathrm{KL}}{\partial v_2} = \tfrac12\Big(1 -", ok_v2)
m1, v1, m2, v2 = 1.2, 0.4, 0.5, math.log(2.0)
F.num(r"Wtedy $\sigma_1^2 = e^{0{,}4}", "1{,}4918", math.exp(v1))
F.num(r"Wtedy $\sigma_1^2 = e^{0{,}4}", "0{,}49$", (m1 - m2) ** 2)
F.num(r"\approx \tfrac12\,[0{,}2931", "0{,}2931", math.log(2) - 0.4)
F.num(r"\approx \tfrac12\,[0{,}2931", "0{,}9909", (math.exp(v1) + 0.49) / 2)
F.num(r"\approx \tfrac12\,[0{,}2931", "0{,}1420", KLg(m1, v1, m2, v2))
gm = fd(lambda t: KLg(t, v1, m2, v2), m1)
F.num(r"\frac{0{,}5 - 1{,}2}{2} = -0{,}35", "-0{,}35,", gm)
F.num(r"\tfrac12\,(0{,}7459 - 1)", "0{,}7459", math.exp(v1) / 2)
F.num(r"\tfrac12\,(0{,}7459 - 1)", "-0{,}1270", fd(lambda t: KLg(m1, t, m2, v2), v1))
F.num(r"\approx \tfrac12\,(1 - 0{,}9909)", "0{,}0045", fd(lambda t: KLg(m1, v1, m2, t), v2))
F.num(r"\mu_1 \leftarrow 1{,}2 - 0{,}1", "1{,}235", m1 - 0.1 * gm)
results[F.name] = F

# ---------------------------------------------------------------- 12
F = File("12_verandering_van_variabelen_nl.md")
ok_g = True
for _ in range(10):
    a, b = rng.uniform(0.5, 3) * rng.choice([-1, 1]), rng.normal(); xx = rng.normal()
    zz = (xx - b) / a
    ok_g &= abs(lognorm1(xx, b, a * a) - (lognorm1(zz, 0, 1) - math.log(abs(a)))) < 1e-12
F.ok(r"= \log p_Z(z) - \log\left|\det\frac{\partial f}{\partial z}(z)\right|", ok_g)
F.num(r"$\tfrac12\log(2\pi)\approx 0{,}9189$", "0{,}9189", 0.5 * LOG2PI)
ok_ln = True
for xx in [0.5, 1.7, 3.0]:
    dens = fd(lambda t: Phi(math.log(t)), xx)
    ok_ln &= abs(math.log(dens) - (lognorm1(math.log(xx), 0, 1) - math.log(xx))) < 1e-6
F.ok(r"p_X(x) = \frac{\varphi(\log x)}{x}", ok_ln)
zz = math.log(2)
F.num(r"In het punt $x = 2$", "0{,}6931", zz); F.num(r"In het punt $x = 2$", "0{,}4805", zz * zz)
F.num(r"\log\varphi(z) \approx -0{,}9189 - 0{,}2402", "0{,}2402 ", 0.5 * zz * zz)
F.num(r"\log\varphi(z) \approx -0{,}9189 - 0{,}2402", "-1{,}1592", lognorm1(zz, 0, 1))
true2 = math.log(fd(lambda t: Phi(math.log(t)), 2.0))
F.num(r"\log p_X(2) \approx -1{,}1592", "-1{,}8523", true2, 2e-4)
zv = np.array([0.2, -0.1, 0.5])
F.ok(r"$J = \operatorname{diag}(e^{z_1}", np.allclose(fd_jac(np.exp, zv), np.diag(np.exp(zv)), atol=1e-8))
F.num(r"$z = (0{,}2;\ -0{,}1;\ 0{,}5)$ is dat", "0{,}6$", math.log(np.linalg.det(fd_jac(np.exp, zv))), 1e-6)
F.ok(r"\frac{dx}{dz} = \cosh z = \sqrt{1 + \sinh^2 z}", all(abs(fd(math.sinh, t) - math.sqrt(1 + math.sinh(t) ** 2)) < 1e-7 for t in [-1.3, 0.2, 2.0]))
ok_sh = True
for xx in [-1.5, 0.4, 1.0]:
    dens = fd(lambda t: Phi(math.asinh(t)), xx)
    ok_sh &= abs(math.log(dens) - (lognorm1(math.asinh(xx), 0, 1) + 0.5 * math.log(1 + xx * xx))) < 1e-6
F.ok(r"\log p_X(x) = \log\varphi\big(\operatorname{arsinh} x\big) + \tfrac12", ok_sh)
F.num(r"Numeriek in $x = 1$", "0{,}8814", math.asinh(1)); F.num(r"Numeriek in $x = 1$", "0{,}3884", 0.5 * math.asinh(1) ** 2)
F.num(r"$\tfrac12\log 2 \approx 0{,}3466$", "0{,}3466", 0.5 * math.log(2))
F.num(r"\log p_X(1) \approx -0{,}9189", "-0{,}9607", math.log(fd(lambda t: Phi(math.asinh(t)), 1.0)), 2e-4)
results[F.name] = F

# ---------------------------------------------------------------- 13
F = File("13_planarni_tok_invertibilita_cs.md")
w = np.array([1.0, 2.0, -1.0]); u = np.array([-1.0, -0.5, 0.5]); b = 0.1
a = w @ u
F.num(r"w^\top u = 1\cdot(-1)", "-2{,}5 <", a, 1e-12)
F.ok(r"(pro $h'$ blízké 1", 1 + 1.0 * a < 0)
m = -1 + softplus(a)
ok_hat = True
for _ in range(10):
    ww, uu = rng.normal(size=3), rng.normal(size=3); aa = ww @ uu; mm = -1 + softplus(aa)
    uh_ = uu + (mm - aa) * ww / (ww @ ww)
    ok_hat &= abs(ww @ uh_ - mm) < 1e-12 and mm > -1
F.ok(r"Pak $w^\top\hat u = w^\top u + m(w^\top u)", ok_hat)
F.num(r"$\log(1 + e^{-2{,}5}) \approx", "0{,}0789", softplus(a)); F.num(r"$\log(1 + e^{-2{,}5}) \approx", "-0{,}9211", m)
F.num(r"$\log(1 + e^{-2{,}5}) \approx", "= 6$", w @ w, 0)
coef = (m - a) / (w @ w)
F.num(r"\frac{-0{,}9211 + 2{,}5}{6}", "1{,}5789", m - a); F.num(r"\frac{-0{,}9211 + 2{,}5}{6}", "0{,}2631", coef)
uh = u + coef * w
S = r"= \begin{pmatrix} -0{,}7369"
F.num(S, "-0{,}7369", uh[0]); F.num(S, "0{,}0263", uh[1]); F.num(S, "0{,}2369", uh[2])
F.num(r"\qquad w^\top\hat u \approx -0{,}9211", "-0{,}9211", w @ uh)
F.num(r"\hat u \approx \begin{pmatrix} -1 + 0{,}2631", "0{,}5263", 2 * coef)
z1 = np.array([0.2, 0.1, 0.5]); z2 = np.array([0.5, 0.5, 0.0])
def detfull(zz):
    psi = (1 - np.tanh(w @ zz + b) ** 2) * w
    return np.linalg.det(np.eye(3) + np.outer(uh, psi))
F.num(r"Argument: $w^\top z + b = 0{,}2", "= 0$", w @ z1 + b, 1e-12)
F.num(r"\det J_f = 1 + 1\cdot(-0{,}9211)", "0{,}0789", detfull(z1))
F.num(r"\det J_f = 1 + 1\cdot(-0{,}9211)", "-2{,}5397", math.log(detfull(z1)))
F.ok(r"Všimněte si, že $1 + m(a)", abs(1 + m - softplus(a)) < 1e-15 and abs(detfull(z1) - softplus(a)) < 1e-12)
F.ok(r"Zároveň $f(z) = z$", np.allclose(z1 + uh * np.tanh(w @ z1 + b), z1))
F.num(r"Argument: $0{,}5 + 1 + 0 + 0{,}1", "1{,}6$", w @ z2 + b, 1e-12)
F.num(r"Argument: $0{,}5 + 1 + 0 + 0{,}1", "0{,}9217", math.tanh(1.6))
F.num(r"h'(1{,}6) \approx 1 - 0{,}8495", "0{,}8495", math.tanh(1.6) ** 2)
F.num(r"h'(1{,}6) \approx 1 - 0{,}8495", "0{,}1505", 1 - math.tanh(1.6) ** 2)
F.num(r"\det J_f \approx 1 + 0{,}1505", "0{,}8613", detfull(z2))
F.num(r"\det J_f \approx 1 + 0{,}1505", "-0{,}1493", math.log(detfull(z2)))
results[F.name] = F

# ---------------------------------------------------------------- 14
F = File("14_afin_baglasim_katmani_tr.md")
ok_blk = ok_ld = ok_step = ok_inv = ok_ild = True
for _ in range(10):
    D, d = 4, 2
    Ws, Wt = rng.normal(size=(D - d, d)), rng.normal(size=(D - d, d))
    s_ = lambda xa: np.sin(Ws @ xa); t_ = lambda xa: Wt @ xa
    fwd = lambda x: np.concatenate([x[:d], x[d:] * np.exp(s_(x[:d])) + t_(x[:d])])
    xx = rng.normal(size=D); J = fd_jac(fwd, xx)
    ok_blk &= np.allclose(J[:d, d:], 0, atol=1e-8) and np.allclose(J[d:, d:], np.diag(np.exp(s_(xx[:d]))), atol=1e-7)
    ok_ld &= abs(math.log(abs(np.linalg.det(J))) - s_(xx[:d]).sum()) < 1e-6
    y = fwd(xx)
    ok_step &= np.allclose(xx[d:] * np.exp(s_(y[:d])), y[d:] - t_(y[:d]))
    ok_inv &= np.allclose(y[d:] * np.exp(-s_(y[:d])) - t_(y[:d]), xx[d:])
    inv = lambda yy: np.concatenate([yy[:d], (yy[d:] - t_(yy[:d])) * np.exp(-s_(yy[:d]))])
    ok_ild &= abs(math.log(abs(np.linalg.det(fd_jac(inv, y)))) + s_(y[:d]).sum()) < 1e-6
F.ok(r"\frac{\partial y}{\partial x} = \begin{pmatrix} I_d & 0", ok_blk)
F.ok(r"\log\left|\det\frac{\partial y}{\partial x}\right| = \log 1 +", ok_ld)
s = np.array([0.4, -0.2]); t = np.array([0.5, 1.0]); xb = np.array([1.0, 2.0])
F.num(r"ise $e^{s}\approx", "1{,}4918", math.exp(0.4)); F.num(r"ise $e^{s}\approx", "0{,}8187", math.exp(-0.2))
yb = xb * np.exp(s) + t
S = r"y_b \approx \begin{pmatrix} 1{,}4918 + 0{,}5"
F.num(S, "1{,}6375", xb[1] * math.exp(-0.2)); F.num(S, "1{,}9918", yb[0]); F.num(S, "2{,}6375 \\end", yb[1])
F.num(r"\qquad \log|\det J| = 0{,}4 - 0{,}2", "= 0{,}2 .", s.sum(), 1e-12)
F.ok(r"x_b\odot e^{s(y_a)} = y_b - t(y_a),", ok_step)
F.ok(r"x_b = y_b\odot e^{-s(y_a)} - t(y_a)", ok_inv)
F.ok(r"\log\left|\det\frac{\partial x}{\partial y}\right| = -\sum_{j}", ok_ild)
yb2 = np.array([3.0, -0.5]); xtrue = (yb2 - t) * np.exp(-s)
F.num(r"$e^{-s}\approx(0{,}6703", "0{,}6703", math.exp(-0.4)); F.num(r"$e^{-s}\approx(0{,}6703", "1{,}2214", math.exp(0.2))
S = r"\approx \begin{pmatrix} 1{,}5110"
F.num(S, "1{,}5110", xtrue[0]); F.num(S, "-1{,}6107", xtrue[1]); F.num(r"\qquad \log\left|\det\frac{\partial x}{\partial y}\right| = -0{,}2", "= -0{,}2 .", -s.sum(), 1e-12)
results[F.name] = F

# ---------------------------------------------------------------- 15
F = File("15_elbo_bernoulli_vi.md")
mu = np.array([0.3, -0.6]); lv = np.array([-0.8, -1.2]); eps = np.array([1.2, 0.4])
W = np.array([[2, -1], [0.5, 1.5], [-1, 0.5]]); c = np.array([0, -0.5, 0.5]); x = np.array([1, 0, 1])
sg = np.exp(0.5 * lv); z = mu + sg * eps
F.num(r"$\sigma \approx (0{,}6703", "0{,}6703", sg[0]); F.num(r"$\sigma \approx (0{,}6703", "0{,}5488", sg[1])
S = r"z = \mu + \sigma\odot\varepsilon \approx (0{,}3"
F.num(S, "0{,}8044", sg[0] * eps[0]); F.num(S, "0{,}2195", sg[1] * eps[1])
F.num(S, "1{,}1044", z[0]); F.num(S, "-0{,}3805)", z[1])
F.ok(r"Ma trận $W$ có kích thước $3\times 2$", (W @ z + c).shape == (3,) and W.shape == (3, 2))
S = r"\ell = Wz + c \approx"
F.num(S, "2{,}2088", W[0, 0] * z[0]); F.num(S, "+ 0{,}3805", W[0, 1] * z[1]); F.num(S, "0{,}5522", W[1, 0] * z[0])
F.num(S, "- 0{,}5707", -W[1, 1] * z[1]); F.num(S, "-1{,}1044", W[2, 0] * z[0]); F.num(S, "- 0{,}1902", -W[2, 1] * z[1])
l = W @ z + c
S = r"= \begin{pmatrix} 2{,}5892"
F.num(S, "2{,}5892", l[0]); F.num(S, "-0{,}5185", l[1]); F.num(S, "-0{,}7946", l[2])
sig = 1 / (1 + np.exp(-l))
F.ok(r"$\log p(x_i\mid z) = x_i\ell_i - \log(1 + e^{\ell_i})$",
     np.allclose(x * l - softplus(l), x * np.log(sig) + (1 - x) * np.log(1 - sig)))
sp = softplus(l)
S = r"$\log(1+e^{\ell}) \approx (2{,}6616"
F.num(S, "2{,}6616", sp[0]); F.num(S, "0{,}4671", sp[1]); F.num(S, "0{,}3728", sp[2])
lp = x * l - sp
F.num(r"= -0{,}0724 - 0{,}4671", "-0{,}0724", lp[0]); F.num(r"= -0{,}0724 - 0{,}4671", "- 1{,}1674", -lp[2])
F.num(r"= -0{,}0724 - 0{,}4671", "-1{,}7069", lp.sum())
s2 = np.exp(lv); kt = 0.5 * (mu ** 2 + s2 - 1 - lv)
F.num(r"với $\sigma^2 \approx (0{,}4493", "0{,}4493", s2[0]); F.num(r"với $\sigma^2 \approx (0{,}4493", "0{,}3012", s2[1])
F.num(r"\mathrm{KL}_1 &= \tfrac12", "0{,}1697", kt[0]); F.num(r"\mathrm{KL}_2 &= \tfrac12", "0{,}4306", kt[1])
F.num(r"nên $\mathrm{KL} \approx", "0{,}6003", kt.sum())
F.num(r"\mathcal L \approx \log p(x\mid z) - \mathrm{KL}", "-2{,}3072", lp.sum() - kt.sum())
F.ok(r"điểm ảnh thứ ba", np.argmin(lp) == 2 and l[1] < 0 and l[2] < 0)
results[F.name] = F

# ---------------------------------------------------------------- 16
F = File("16_elbo_gap_forum_en.md")
ok1 = ok2 = ok3 = ok4 = True
for _ in range(20):
    pz, lik, q, joint, px, post = rand_discrete()
    L = np.sum(q * np.log(joint / q))
    ok1 &= abs(np.sum(q * np.log(px)) - np.log(px)) < 1e-12
    ok2 &= abs(np.sum(q * np.log(joint / post)) - np.log(px)) < 1e-12
    ok2 &= abs(L + np.sum(q * np.log(q / post)) - np.log(px)) < 1e-12
    ok3 &= abs(L + np.sum(post * np.log(post / q)) - np.log(px)) < 1e-10
    ok4 &= L <= np.log(px) + 1e-12
F.ok(r"\log p(x) = \int q(z)\,\log p(x)\,dz", ok1)
F.ok(r"= \mathbb E_q\!\left[\log\frac{p(x,z)}{q(z)}\right] + \mathbb E_q", ok2)
F.ok(r"\log p(x) = \mathcal L(q) + \mathrm{KL}\big(p(z\mid x)\,\|\,q(z)\big).", ok3)
F.ok(r"KL is non-negative, so", ok4)
pz = np.array([0.2, 0.3, 0.5]); lik = np.array([0.9, 0.5, 0.1]); joint = pz * lik; px = joint.sum(); post = joint / px
F.ok(r"The joint values are $p(x,z) = (0.18, 0.15, 0.05)$", np.allclose(joint, [0.18, 0.15, 0.05]))
F.num(r"p(x) = 0.18 + 0.15 + 0.05 = 0.38", "0.38,", px); F.num(r"p(x) = 0.18 + 0.15 + 0.05 = 0.38", "-0.9676", math.log(px))
S = r"and the posterior is"
F.num(S, "0.4737", post[0]); F.num(S, "0.3947", post[1]); F.num(S, "0.1316", post[2])
q = np.array([0.3, 0.3, 0.4]); L = np.sum(q * np.log(joint / q))
S = r"\approx 0.3(-0.5108)"
F.num(S, "-0.5108", math.log(0.18 / 0.3)); F.num(S, "-0.6931", math.log(0.15 / 0.3)); F.num(S, "-2.0794", math.log(0.05 / 0.4))
F.num(S, "-1.1930", L)
F.num(r"The gap is $\log p(x) - \mathcal L(q)", "0.2254", math.log(px) - L)
S = r"\approx -0.1370 - 0.0823 + 0.4447"
t = q * np.log(q / post)
F.num(S, "-0.1370", t[0]); F.num(S, "0.0823", -t[1]); F.num(S, "0.4447", t[2]); F.num(S, "0.2254", t.sum())
F.ok(r"you get $\mathcal L = \log 0.38$", abs(np.sum(post * np.log(joint / post)) - math.log(0.38)) < 1e-12)
results[F.name] = F

# ---------------------------------------------------------------- compare
expected = json.load(open(os.path.join(HERE, "expected.json")))
mds = sorted(f for f in os.listdir(HERE) if f.endswith(".md"))
assert sorted(expected) == mds == sorted(results), (sorted(expected), mds, sorted(results))
allok = True
for name in mds:
    got = results[name].first()
    exp = expected[name]
    status = "OK" if got == exp else "MISMATCH"
    allok &= got == exp
    print(f"{status:8s} {name:45s} expected={exp} first_failing={got} checks={results[name].nchecks}")
n_planted = sum(v is not None for v in expected.values())
print(f"{len(mds)} files, {n_planted} planted, {len(mds) - n_planted} correct")
assert allok
print("ALL OK")
