"""Independent NumPy check of every claim in the corpus.
For each file: locate each claim line by a unique substring, evaluate the claim,
and compare the first failing line with expected.json (null when nothing fails)."""
import json, os, re, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EXPECTED = json.load(open(os.path.join(HERE, "expected.json"), encoding="utf-8"))
rng = np.random.default_rng(12345)
GH_X, GH_W = np.polynomial.hermite_e.hermegauss(120)
GH_W = GH_W / np.sqrt(2 * np.pi)
TRAPZ = getattr(np, "trapezoid", None) or getattr(np, "trapz")


def E_std(f):
    """E[f(eps)], eps ~ N(0,1), by Gauss-Hermite quadrature."""
    return float(np.sum(GH_W * f(GH_X)))


def E_gauss(f, mu, var):
    return E_std(lambda e: f(mu + np.sqrt(var) * e))


def logN(x, mu, var):
    return -0.5 * np.log(2 * np.pi * var) - (x - mu) ** 2 / (2 * var)


def kl_quad(m1, v1, m2, v2):
    """KL(N(m1,v1)||N(m2,v2)) by quadrature of log q - log p."""
    return E_gauss(lambda z: logN(z, m1, v1) - logN(z, m2, v2), m1, v1)


def fd(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)


def num(s):
    s = s.replace("{,}", ".").replace("\\,", "").replace("−", "-").replace(",", ".").replace(" ", "")
    return float(s)


def close(s, v, k=1.0):
    """claimed string s equals v to the printed precision (k units of half the last digit)."""
    t = s.replace("{,}", ".").replace(",", ".")
    d = len(t.split(".")[1]) if "." in t else 0
    return abs(num(s) - v) <= k * 0.5 * 10 ** (-d) + 1e-12


def near(a, b, tol=1e-6):
    return bool(np.all(np.abs(np.asarray(a, float) - np.asarray(b, float)) <= tol * (1 + np.abs(np.asarray(b, float)))))


def sp(t):
    return np.log1p(np.exp(t))


def sigm(t):
    return 1 / (1 + np.exp(-t))


class Doc:
    def __init__(self, name):
        self.name = name
        with open(os.path.join(HERE, name), encoding="utf-8") as fh:
            self.lines = fh.read().split("\n")
        self.res = []

    def c(self, sub, ok):
        hits = [i for i, l in enumerate(self.lines) if sub in l]
        if len(hits) != 1:
            raise SystemExit(f"{self.name}: substring {sub!r} found {len(hits)} times")
        self.res.append((hits[0] + 1, bool(ok)))

    def first_fail(self):
        bad = sorted(n for n, ok in self.res if not ok)
        return bad[0] if bad else None


def rand_pts(n=5):
    return [(rng.normal(), rng.uniform(0.2, 3.0)) for _ in range(n)]


# ---------------------------------------------------------------- 01
def f01():
    d = Doc("01_elbo_zerlegung_de.md")
    ok1 = ok2 = ok3 = True
    for _ in range(5):  # discrete toy model: z in {0,1,2}
        pz = rng.dirichlet(np.ones(3)); pxz = rng.uniform(0.05, 0.95, 3); q = rng.dirichlet(np.ones(3))
        joint = pz * pxz; px = joint.sum(); post = joint / px
        elbo = np.sum(q * np.log(joint / q)); klpost = np.sum(q * np.log(q / post))
        ok1 &= near(np.log(px), np.sum(q * np.log(joint / post))) and near(np.log(px), elbo + klpost)
        ok2 &= near(elbo, np.sum(q * np.log(pxz)) - np.sum(q * np.log(q / pz))) and klpost >= 0
        ok3 &= near(elbo, np.sum(q * np.log(joint)) - np.sum(q * np.log(q)))
    d.c(r"\log p_\theta(x) = \mathbb{E}_{q}\big[\log p_\theta(x)\big]", ok1)
    d.c(r"= \mathbb{E}_{q}\Big[\log \frac{p_\theta(x,z)}{q(z\mid x)}\Big] + \mathbb{E}", ok1)
    d.c(r"\log p_\theta(x) = \mathcal{L}(\theta,\phi;x) + \mathrm{KL}", ok1)
    d.c(r"\mathcal{L} = \mathbb{E}_{q}\big[\log p_\theta(x\mid z)\big] + \mathbb{E}_{q}\Big[\log\frac{p(z)}", ok2)
    d.c(r"= \mathbb{E}_{q}\big[\log p_\theta(x\mid z)\big] - \mathrm{KL}", ok2)
    d.c(r"\mathcal{L} = \mathbb{E}_{q}\big[\log p_\theta(x,z)\big] + \mathcal{H}[q].", ok3)
    okH = okP = okK = True
    for m, v in rand_pts():
        okH &= near(-E_gauss(lambda z: logN(z, m, v), m, v), 0.5 * (1 + np.log(2 * np.pi * v)))
        okP &= near(E_gauss(lambda z: logN(z, 0, 1), m, v), -0.5 * (np.log(2 * np.pi) + m * m + v))
        okK &= near(kl_quad(m, v, 0, 1), 0.5 * (m * m + v - 1 - np.log(v)))
    d.c(r"\mathcal{H}[q] = \frac12\sum_{j=1}^{d}", okH)
    d.c(r"\mathbb{E}_q[\log p(z)] = -\frac12\sum_{j=1}^{d}", okP)
    d.c(r"\mathrm{KL}\big(q\,\|\,\mathcal{N}(0,I)\big) = \frac12\sum", okK)
    mu = np.array([1.0, -0.5]); s2 = np.array([0.5, 2.0])
    Hj = 0.5 * (1 + np.log(2 * np.pi * s2)); Pj = -0.5 * (np.log(2 * np.pi) + mu ** 2 + s2)
    Kj = 0.5 * (mu ** 2 + s2 - 1 - np.log(s2))
    d.c(r"\approx 1{,}0724 + 1{,}7655 = 2{,}8379", close("1{,}0724", Hj[0]) and close("1{,}7655", Hj[1])
        and close("2{,}8379", Hj.sum()) and near(0.5 * (1 + np.log(np.pi)), Hj[0]) and near(0.5 * (1 + np.log(4 * np.pi)), Hj[1]))
    d.c(r"\approx -1{,}6689 - 2{,}0439 = -3{,}7129", close("-1{,}6689", Pj[0]) and close("-2{,}0439", Pj[1])
        and close("-3{,}7129", Pj.sum()))
    d.c(r"= -2{,}8379 + 3{,}7129 = 0{,}8750", close("0{,}8750", -Hj.sum() - Pj.sum()))
    d.c(r"\approx 0{,}5966 + 0{,}2784 = 0{,}8750", close("0{,}5966", Kj[0]) and close("0{,}2784", Kj[1])
        and close("0{,}8750", Kj.sum()))
    d.c(r"exakt $\tfrac78$", near(Kj.sum(), 7 / 8, 1e-12))
    return d


# ---------------------------------------------------------------- 02
def f02():
    d = Doc("02_kl_gaussiennes_fr.md")
    a = b = c_ = True
    for m, v in rand_pts():
        a &= near(E_gauss(lambda z: logN(z, m, v), m, v), -0.5 * np.log(2 * np.pi * v) - 0.5)
        b &= near(E_gauss(lambda z: logN(z, 0, 1), m, v), -0.5 * np.log(2 * np.pi) - 0.5 * (m * m + v))
        kl = kl_quad(m, v, 0, 1)
        c_ &= near(kl, -0.5 * np.log(v) - 0.5 + 0.5 * (m * m + v)) and near(kl, 0.5 * (v + m * m - 1 - np.log(v)))
    d.c(r"= -\tfrac12\log(2\pi\sigma^2) - \tfrac12 .", a)
    d.c(r"= -\tfrac12\log(2\pi) - \tfrac12(\mu^2+\sigma^2).", b)
    d.c(r"&= -\tfrac12\log\sigma^2 - \tfrac12 + \tfrac12(\mu^2+\sigma^2)", c_)
    d.c(r"&= \tfrac12\big(\sigma^2+\mu^2-1-\log\sigma^2\big).", c_)
    s = np.linspace(0.05, 5, 200); g = s - 1 - np.log(s)
    d.c(r"est convexe, nulle en $s=1$", np.all(g >= -1e-12) and np.all(np.diff(g, 2) > 0))
    ok = True
    for _ in range(3):
        mu = rng.normal(size=4); v = rng.normal(size=4)
        ok &= near(sum(kl_quad(mu[j], np.exp(v[j]), 0, 1) for j in range(4)), 0.5 * np.sum(np.exp(v) + mu ** 2 - 1 - v))
    d.c(r"\mathrm{KL}(q\,\|\,p)=\frac12\sum_{j=1}^{d}\big(e^{v_j}", ok)
    mu = np.array([0.5, -1.0, 0.2]); v = np.array([0.0, -1.0, 0.5]); s2 = np.exp(v)
    terms = 0.5 * (s2 + mu ** 2 - 1 - v)
    d.c(r"\sigma^2=e^{v}\approx\begin{pmatrix}1\\0{,}3679\\1{,}6487", close("0{,}3679", s2[1]) and close("1{,}6487", s2[2]))
    d.c(r"- $j=1$ : $\tfrac12(1+0{,}25-1-0)", close("0{,}25", s2[0] + mu[0] ** 2 - 1 - v[0]) and close("0{,}125", terms[0]))
    d.c(r"- $j=2$ : $\tfrac12(0{,}3679+1-1+1)", close("1{,}3679", s2[1] + mu[1] ** 2 - 1 - v[1], 1.5) and close("0{,}6839", terms[1], 1.5))
    d.c(r"- $j=3$ : $\tfrac12(1{,}6487+0{,}04-1-0{,}5)", close("0{,}2887", s2[2] + mu[2] ** 2 - 1 - v[2], 1.5)
        and close("0{,}1444", terms[2], 1.5))
    d.c(r"\mathrm{KL}(q\,\|\,p)\approx 0{,}125+0{,}6839+0{,}1444 = 0{,}9533", close("0{,}9533", terms.sum(), 2))
    d.c(r"la deuxième coordonnée contribue le plus", np.argmax(terms) == 1)
    return d


# ---------------------------------------------------------------- 03
def f03():
    d = Doc("03_gradiente_kl_es.md")
    KL = lambda m, v: 0.5 * (m * m + np.exp(v) - 1 - v)
    okK = okm = oks = okv = okS = True
    for m, var in rand_pts():
        v = np.log(var); s = np.sqrt(var)
        okK &= near(KL(m, v), kl_quad(m, var, 0, 1))
        okS &= near(KL(m, v), 0.5 * (m * m + s * s - 1) - np.log(s))
        okm &= near(fd(lambda t: KL(t, v), m), m)
        oks &= near(fd(lambda t: 0.5 * (m * m + t * t - 1) - np.log(t), s), s - 1 / s)
        okv &= near(fd(lambda t: KL(m, t), v), s * s - 1) and near(fd(lambda t: np.exp(t / 2), v), s)
    d.c(r"\mathrm{KL}(\mu,v)=\tfrac12\left(\mu^2+e^{v}-1-v\right).", okK)
    d.c(r"=\tfrac12\cdot 2\mu=\mu", okm)
    d.c(r"$\mathrm{KL}=\tfrac12(\mu^2+\sigma^2-1)-\log\sigma$", okS)
    d.c(r"\frac{\partial\,\mathrm{KL}}{\partial\sigma}=\sigma-\frac{1}{\sigma}.", oks)
    d.c(r"=\left(\sigma-\frac1\sigma\right)\cdot\sigma=\sigma^2-1=e^{v}-1", okv)
    m, v = 0.8, -0.4
    d.c(r"e^{-0{,}4}\approx 0{,}6703", close("0{,}6703", np.exp(v)))
    d.c(r"\frac{\partial\,\mathrm{KL}}{\partial\mu}=0{,}8,\qquad", close("0{,}8", fd(lambda t: KL(t, v), m)))
    d.c(r"\approx 0{,}6703-1=-0{,}3297", close("-0{,}3297", fd(lambda t: KL(m, t), v)))
    d.c(r"el descenso por gradiente **aumenta** $v$", fd(lambda t: KL(m, t), v) < 0)
    h = 1e-4
    d2v = (KL(m, v + h) - 2 * KL(m, v) + KL(m, v - h)) / h ** 2
    d2m = (KL(m + h, v) - 2 * KL(m, v) + KL(m - h, v)) / h ** 2
    dmv = (KL(m + h, v + h) - KL(m + h, v - h) - KL(m - h, v + h) + KL(m - h, v - h)) / (4 * h * h)
    d.c(r"\frac{\partial^2\mathrm{KL}}{\partial v^2}=e^{v}", near(d2m, 1, 1e-5) and near(d2v, np.exp(v), 1e-5) and abs(dmv) < 1e-6)
    B, dd = 3, 2
    M = rng.normal(size=(B, dd)); V = rng.normal(size=(B, dd))
    Lk = lambda M: np.sum(KL(M, V)) / B
    E = np.zeros_like(M); E[1, 0] = 1e-6
    d.c(r"$\partial\mathcal{L}_{\mathrm{KL}}/\partial\mu_{bj}=\mu_{bj}/B$", near((Lk(M + E) - Lk(M - E)) / 2e-6, M[1, 0] / B, 1e-5))
    return d


# ---------------------------------------------------------------- 04
def f04():
    d = Doc("04_truque_reparametrizacao_pt.md")
    ok = True
    for m, var in rand_pts():
        v = np.log(var); e = rng.normal()
        zf = lambda mm, vv: mm + np.exp(vv / 2) * e
        ok &= near(fd(lambda t: zf(t, v), m), 1) and near(fd(lambda t: zf(m, t), v), 0.5 * np.sqrt(var) * e)
    d.c(r"\frac{\partial z_j}{\partial v_j}=\varepsilon_j\,\frac{d\sigma_j}{dv_j}=\tfrac12\,\sigma_j\,\varepsilon_j", ok)
    okg = oku = True
    for m, var in rand_pts():
        v = np.log(var)
        Ez2 = lambda mm, vv: E_gauss(lambda z: z ** 2, mm, np.exp(vv))
        okg &= near(fd(lambda t: Ez2(t, v), m), 2 * m, 1e-5) and near(fd(lambda t: Ez2(m, t), v), var, 1e-5)
        s = np.sqrt(var)
        oku &= near(E_std(lambda e: 2 * (m + s * e)), 2 * m) and near(E_std(lambda e: (m + s * e) * s * e), var)
    d.c(r"\nabla_\mu\,\mathbb{E}[z^2]=2\mu,\qquad \nabla_v\,\mathbb{E}[z^2]=e^{v}=\sigma^2", okg)
    d.c(r"=\mu\sigma\,\mathbb{E}[\varepsilon]+\sigma^2\,\mathbb{E}[\varepsilon^2]=\sigma^2", oku)
    m, s = 1.5, 0.5
    d.c(r"Os gradientes exatos são $2\mu=3{,}0$ e $\sigma^2=0{,}25$", close("3{,}0", 2 * m) and close("0{,}25", np.exp(np.log(0.25))))
    z1 = m + s * 0.6; z2 = m + s * -1.2
    d.c(r"$z=1{,}5+0{,}5\cdot0{,}6=1{,}8$", close("1{,}8", z1))
    d.c(r"$\partial f/\partial\mu=3{,}6$ e", close("3{,}6", 2 * z1) and close("0{,}54", z1 * s * 0.6))
    d.c(r"$z=1{,}5-0{,}6=0{,}9$", close("0{,}9", z2))
    d.c(r"$\partial f/\partial\mu=1{,}8$ e", close("1{,}8", 2 * z2) and close("-0{,}54", z2 * s * -1.2))
    d.c(r"A média das duas amostras dá $(3{,}6+1{,}8)/2=2{,}7$", close("2{,}7", (2 * z1 + 2 * z2) / 2)
        and close("0", (z1 * s * 0.6 + z2 * s * -1.2) / 2))
    var2z = E_std(lambda e: (2 * (m + s * e) - 2 * m) ** 2)
    d.c(r"\operatorname{Var}[2z]=4\sigma^2\operatorname{Var}[\varepsilon]=4\sigma^2 = 1{,}0", near(var2z, 4 * s * s) and close("1{,}0", var2z))
    return d


# ---------------------------------------------------------------- 05
def f05():
    d = Doc("05_decoder_bernoulli_it.md")
    l = rng.normal(size=6) * 3
    d.c(r"\log p_i=-\log(1+e^{-\ell_i})=-\operatorname{softplus}(-\ell_i)",
        near(np.log(sigm(l)), -sp(-l)) and near(np.log(1 - sigm(l)), np.log(np.exp(-l) / (1 + np.exp(-l))))
        and near(np.log(1 - sigm(l)), -sp(l)))
    d.c(r"e poiché $\operatorname{softplus}(\ell)-\operatorname{softplus}(-\ell)=\ell$", near(sp(l) - sp(-l), l))
    x = rng.integers(0, 2, 6)
    lp = lambda l: np.sum(x * np.log(sigm(l)) + (1 - x) * np.log(1 - sigm(l)))
    d.c(r"\log p_\theta(x\mid z)=\sum_{i=1}^{D}\Big[x_i\,\ell_i-\operatorname{softplus}(\ell_i)\Big].", near(lp(l), np.sum(x * l - sp(l))))
    ok = True
    for i in range(6):
        e = np.zeros(6); e[i] = 1e-6
        ok &= near((lp(l + e) - lp(l - e)) / 2e-6, x[i] - sigm(l[i]), 1e-5)
    d.c(r"\frac{\partial\log p_\theta(x\mid z)}{\partial\ell_i}=x_i-p_i .", ok)
    x = np.array([1, 0, 1, 1]); l = np.array([2.0, -1.0, 0.5, -0.3]); p = sigm(l); contrib = x * l - sp(l)
    d.c(r"p=\mathrm{sigmoid}(\ell)\approx(0{,}8808;", all(close(s, v) for s, v in zip(["0,8808", "0,2689", "0,6225", "0,4256"], p)))
    rows = ["| 1 | 1 | 2,0 | 2,1269 | −0,1269 |", "| 2 | 0 | −1,0 | 0,3133 | −0,3133 |",
            "| 3 | 1 | 0,5 | 0,9741 | −0,4741 |", "| 4 | 1 | −0,3 | 0,5544 | −0,8544 |"]
    for i, r in enumerate(rows):
        cells = [c.strip() for c in r.strip("|").split("|")]
        d.c(r, close(cells[3], sp(l[i])) and close(cells[4], contrib[i]) and num(cells[1]) == x[i] and num(cells[2]) == l[i])
    d.c(r"=-1{,}7687$ (con più cifre: $-1{,}76862$)", close("-1{,}7687", contrib.sum(), 2) and close("-1{,}76862", contrib.sum())
        and close("-1{,}7687", -0.1269 - 0.3133 - 0.4741 - 0.8544))
    d.c(r"di circa $1{,}7686$ nat", close("1{,}7686", -contrib.sum()))
    d.c(r"x-p\approx(0{,}1192;", all(close(s, v) for s, v in zip(["0,1192", "-0,2689", "0,3775", "0,5744"], x - p)))
    d.c(r"Il pixel 4 riceve la spinta più forte", np.argmax(np.abs(x - p)) == 3 and p[3] < 0.5)
    return d


# ---------------------------------------------------------------- 06
def f06():
    d = Doc("06_gaussovskiy_dekoder_ru.md")
    ok1 = ok2 = okg = True
    for _ in range(5):
        D = 4; x = rng.normal(size=D); xh = rng.normal(size=D); s2 = rng.uniform(0.2, 2)
        dens = 1 / np.sqrt(2 * np.pi * s2) * np.exp(-(x - xh) ** 2 / (2 * s2))
        ok1 &= near(np.log(dens), -0.5 * np.log(2 * np.pi * s2) - (x - xh) ** 2 / (2 * s2))
        tot = np.sum(np.log(dens))
        ok2 &= near(tot, -D / 2 * np.log(2 * np.pi * s2) - np.sum((x - xh) ** 2) / s2)
        f = lambda xx: np.sum(np.log(1 / np.sqrt(2 * np.pi * s2) * np.exp(-(x - xx) ** 2 / (2 * s2))))
        g = np.array([fd(lambda t: f(np.where(np.arange(D) == i, t, xh)), xh[i]) for i in range(D)])
        okg &= near(g, 2 / s2 * (x - xh), 1e-5)
    d.c(r"\log p(x_i\mid z)=-\tfrac12\log(2\pi\sigma^2)-\frac{(x_i-\hat x_i)^2}{2\sigma^2}.", ok1)
    d.c(r"=-\frac{D}{2}\log(2\pi\sigma^2)-\frac{1}{\sigma^2}\,\lVert x-\hat x\rVert^2 .", ok2)
    d.c(r"\nabla_{\hat x}\log p_\theta(x\mid z)=\frac{2}{\sigma^2}\,(x-\hat x).", okg)
    x = np.array([0.2, 0.7, 1.0]); xh = np.array([0.3, 0.5, 0.6]); s2 = 0.5
    d.c(r"x-\hat x=\begin{pmatrix}-0{,}1\\0{,}2\\0{,}4", near(x - xh, [-0.1, 0.2, 0.4]))
    r2 = np.sum((x - xh) ** 2); c = 1.5 * np.log(2 * np.pi * s2)
    d.c(r"$\lVert x-\hat x\rVert^2=0{,}01+0{,}04+0{,}16=0{,}21$", close("0{,}21", r2) and near(c, 1.5 * np.log(np.pi)) and close("1{,}7171", c))
    true_lp = np.sum(logN(x, xh, s2))
    d.c(r"\log p_\theta(x\mid z)\approx-1{,}7171-\frac{0{,}21}{0{,}5}=-1{,}7171-0{,}42=-2{,}1371", close("-2{,}1371", true_lp))
    d.c(r"\frac{2}{0{,}5}\begin{pmatrix}", near((x - xh) / s2, [-0.4, 0.8, 1.6]))
    fs = lambda t: np.sum(logN(x, xh, t))
    d.c(r"$-\frac{D}{2\sigma^2}+\frac{\lVert x-\hat x\rVert^2}{\sigma^4}=0$", near(fd(fs, 0.3), -3 / (2 * 0.3) + r2 / 0.3 ** 2, 1e-5))
    d.c(r"$\sigma^2_\ast=0{,}14$", abs(fd(fs, 0.14)) < 1e-6)
    return d


# ---------------------------------------------------------------- 07
def f07():
    d = Doc("07_beta_vae_zh.md")
    d.c(r"\mathcal{L}_1=-85.3-12.4=-97.7", close("-97.7", -85.3 - 12.4) and close("-49.6", -4 * 12.4) and close("-134.9", -85.3 - 4 * 12.4))
    ok = True
    for m, var in rand_pts():
        b = rng.uniform(0.5, 5); v = np.log(var)
        K = lambda mm, vv: b * 0.5 * (mm * mm + np.exp(vv) - 1 - vv)
        ok &= near(fd(lambda t: K(t, v), m), b * m) and near(fd(lambda t: K(m, t), v), b / 2 * (var - 1))
    d.c(r"\frac{\partial(\beta\,\mathrm{KL})}{\partial\mu_j}=\beta\,\mu_j", ok)
    okL = okm = okt = True
    for _ in range(4):
        x = rng.normal() * 2; s2 = rng.uniform(0.3, 3); b = rng.uniform(0.5, 6)
        true = lambda m, t: E_gauss(lambda z: logN(x, z, s2), m, t) - b * kl_quad(m, t, 0, 1)
        claim = lambda m, t: -((x - m) ** 2 + t) / (2 * s2) - b / 2 * (m * m + t - 1 - np.log(t))
        diffs = [true(m, t) - claim(m, t) for m, t in rand_pts(4)]
        okL &= near(diffs, diffs[0])
        m0, t0 = rng.normal(), rng.uniform(0.2, 2)
        okm &= near(fd(lambda m: claim(m, t0), m0), (x - m0) / s2 - b * m0, 1e-5)
        okt &= near(fd(lambda t: claim(m0, t), t0), -1 / (2 * s2) - b / 2 * (1 - 1 / t0), 1e-5)
        ms = x / (1 + b * s2); ts = b * s2 / (1 + b * s2)
        okm &= abs(fd(lambda m: claim(m, ts), ms)) < 1e-6
        okt &= abs(fd(lambda t: claim(ms, t), ts)) < 1e-6
    d.c(r"\mathcal{L}_\beta(m,\tau^2)=-\frac{(x-m)^2+\tau^2}{2s^2}", okL)
    d.c(r"\frac{\partial\mathcal{L}_\beta}{\partial m}=\frac{x-m}{s^2}-\beta m=0", okm)
    d.c(r"\frac{\partial\mathcal{L}_\beta}{\partial\tau^2}=-\frac{1}{2s^2}", okt)
    x, s2 = 1.7, 0.6
    pm = (x / s2) / (1 + 1 / s2); pv = 1 / (1 + 1 / s2)
    d.c(r"**检验。** $\beta=1$ 时", near(x / (1 + s2), pm) and near(s2 / (1 + s2), pv))
    f = lambda b: (2 / (1 + b), b / (1 + b))
    d.c(r"- $\beta=1$：$m^\ast=1$", near(f(1), (1, 0.5)))
    d.c(r"- $\beta=4$：$m^\ast=2/5=0.4$", near(f(4), (0.4, 0.8)))
    d.c(r"- $\beta=9$：$m^\ast=0.2$", near(f(9), (0.2, 0.9)))
    return d


# ---------------------------------------------------------------- 08
def f08():
    d = Doc("08_iwae_kakai_ja.md")
    ok = True
    for _ in range(5):
        l = rng.normal(size=7) * 5 - 50
        ok &= near(np.log(np.mean(np.exp(l))), l.max() + np.log(np.sum(np.exp(l - l.max()))) - np.log(7))
    d.c(r"\log\frac1K\sum_{k=1}^{K}e^{\ell_k}=\ell_{\max}+", ok)
    l = np.array([-3.2, -2.5, -4.1]); e = np.exp(l - l.max())
    d.c(r"\frac13(-3.2-2.5-4.1)=\frac{-9.8}{3}\approx-3.2667", close("-3.2667", l.mean()) and close("-9.8", l.sum()))
    d.c(r"e^{\ell-\ell_{\max}}=(e^{-0.7},\,e^{0},\,e^{-1.6})", near(l - l.max(), [-0.7, 0, -1.6])
        and all(close(s, v) for s, v in zip(["0.4966", "1", "0.2019"], e)))
    d.c(r"\sum_k e^{\ell_k-\ell_{\max}}\approx1.6985", close("1.6985", e.sum()))
    d.c(r"\approx(0.2924,\,0.5888,\,0.1189)", all(close(s, v) for s, v in zip(["0.2924", "0.5888", "0.1189"], e / e.sum())))
    d.c(r"$\log 1.6985\approx0.5297$", close("0.5297", np.log(1.6985)))
    iw = np.log(np.mean(np.exp(l)))
    d.c(r"\hat{\mathcal{L}}_3=-2.5+0.5297=-1.9703", close("-1.9703", iw))
    d.c(r"これは単純平均 $-3.2667$ より大きく", iw > l.mean())
    return d


# ---------------------------------------------------------------- 09
def lin(nin, nout):
    return np.zeros((nout, nin)).size + np.zeros(nout).size


def f09():
    d = Doc("09_parameter_su_ko.md")
    B = 128
    x = np.zeros((B, 28, 28)).reshape(B, -1); W1 = np.zeros((400, 784)); h = x @ W1.T
    mu = h @ np.zeros((20, 400)).T; eps = np.zeros_like(mu); z = mu + np.exp(0.5 * mu) * eps
    h2 = z @ np.zeros((400, 20)).T; lo = h2 @ np.zeros((784, 400)).T
    rows = {r"| 입력 $x$ (펼친 후) | $(128,\,784)$ |": x.shape, r"| 은닉 $h=\mathrm{ReLU}(xW_1^\top+b_1)$ | $(128,\,400)$ |": h.shape,
            r"| $\mu$, $\log\sigma^2$ | 각각 $(128,\,20)$ |": mu.shape, r"| $\varepsilon\sim\mathcal{N}(0,I)$ | $(128,\,20)$ |": eps.shape,
            r"| $z=\mu+\exp(\tfrac12\log\sigma^2)\odot\varepsilon$ | $(128,\,20)$ |": z.shape,
            r"| 디코더 은닉 $h'$ | $(128,\,400)$ |": h2.shape, r"| 로짓 $\ell$ | $(128,\,784)$ |": lo.shape}
    for sub, shp in rows.items():
        got = tuple(int(t) for t in re.findall(r"\((\d+),\\,(\d+)\)", sub)[0])
        d.c(sub, got == shp)
    d.c(r"$28\times28=784$ 이므로", 28 * 28 == lo.shape[1])
    e1, eh, dec1, dec2 = lin(784, 400), lin(400, 20), lin(20, 400), lin(400, 784)
    d.c(r"W_1,b_1 &: 784\cdot400+400=313\,600+400=314\,000", e1 == 314000 and 784 * 400 == 313600)
    d.c(r"W_\mu,b_\mu &: 400\cdot20+20=8\,020", eh == 8020)
    d.c(r"W_{v},b_{v} &: 400\cdot20+20=8\,020", eh == 8020)
    d.c(r"\text{인코더 합계} &: 314\,000+2\cdot8\,020=330\,040", e1 + 2 * eh == 330040)
    d.c(r"W_3,b_3 &: 20\cdot400+400=8\,400", dec1 == 8400)
    d.c(r"W_4,b_4 &: 400\cdot784+784=313\,600+784=314\,384", dec2 == 314384)
    d.c(r"\text{디코더 합계} &: 8\,400+314\,384=322\,784", dec1 + dec2 == 322784)
    tot = e1 + 2 * eh + dec1 + dec2
    d.c(r"330\,040+322\,784=652\,824", tot == 652824)
    d.c(r"$400\cdot40+40=16\,040=2\cdot8\,020$", lin(400, 40) == 16040 == 2 * eh)
    d.c(r"=651\,200$)", tot - (400 + 20 + 20 + 400 + 784) == 651200 and
        np.zeros((400, 784)).size + 3 * 8000 + np.zeros((784, 400)).size == 651200)
    return d


# ---------------------------------------------------------------- 10
def conv_out(H, k, s, p):
    """count window positions on the padded input (built explicitly)."""
    padded = np.zeros(H + 2 * p)
    return len([i for i in range(0, len(padded)) if i + k <= len(padded) and i % s == 0])


def conv_params(cin, cout, k):
    return np.zeros((cout, cin, k, k)).size + np.zeros(cout).size


def f10():
    d = Doc("10_konwolucyjny_enkoder_pl.md")
    H1 = conv_out(28, 4, 2, 1); H2 = conv_out(H1, 4, 2, 1)
    ok = all(conv_out(H, k, s, p) == (H + 2 * p - k) // s + 1 for H in range(5, 40) for k in (1, 3, 4, 5) for s in (1, 2, 3) for p in (0, 1, 2))
    d.c(r"H_{\text{out}}=\Big\lfloor\frac{H_{\text{in}}+2p-k}{s}\Big\rfloor+1,", ok)
    d.c(r"H_1=\Big\lfloor\frac{28+2\cdot1-4}{2}\Big\rfloor+1=13+1=14", H1 == 14 and (28 + 2 - 4) // 2 == 13)
    d.c(r"więc wyjście ma kształt $32\times14\times14$", H1 == 14 and conv_params(1, 32, 4) == 544 and 32 * 16 == 512)
    d.c(r"H_2=\Big\lfloor\frac{14+2\cdot1-4}{2}\Big\rfloor+1=6", H2 == 6)
    d.c(r"zatem wyjście ma kształt $64\times6\times6$", H2 == 6)
    d.c(r"64\cdot32\cdot16+64=32\,768+64=32\,832", conv_params(32, 64, 4) == 32832 and 64 * 32 * 16 == 32768)
    flat = np.zeros((64, H2, H2)).size
    d.c(r"*Spłaszczenie.* Wektor ma długość $64\cdot6\cdot6=2304$", flat == 2304)
    d.c(r"Każda ma $2304\cdot16+16=36\,880$", lin(flat, 16) == 36880 and 2 * lin(flat, 16) == 73760)
    enc = conv_params(1, 32, 4) + conv_params(32, 64, 4) + 2 * lin(flat, 16)
    d.c(r"544+32\,832+73\,760=107\,136", enc == 107136)
    d.c(r"$16\cdot2304+2304=39\,168$", lin(16, flat) == 39168)
    d.c(r"po warstwie 2 $(64,64,6,6)$", (64, 64, H2, H2) == (64, 64, 6, 6) and flat == 2304)
    d.c(r"prawie 70% parametrów kodera", 0.65 < 2 * lin(flat, 16) / enc < 0.70)
    return d


# ---------------------------------------------------------------- 11
def f11():
    d = Doc("11_elbo_rekenvoorbeeld_nl.md")
    a = np.array([2.0, -1.0]); b = np.array([0.0, 0.5]); x = np.array([1, 0]); mu, v = 0.5, -1.0
    s = np.exp(v / 2)
    lp = lambda z: np.sum(x * np.log(sigm(a * z + b)) + (1 - x) * np.log(1 - sigm(a * z + b)))
    d.c(r"Er geldt $\sigma=e^{-1/2}\approx0{,}6065$", close("0{,}6065", s))
    z1 = mu + s * 0.3
    d.c(r"z=\mu+\sigma\varepsilon=0{,}5+0{,}6065\cdot0{,}3\approx0{,}6820", close("0{,}6820", z1))
    l1 = a * z1 + b
    d.c(r"\ell=\begin{pmatrix}2\cdot0{,}6820\\-0{,}6820+0{,}5\end{pmatrix}", close("1{,}3639", l1[0], 1.5) and close("-0{,}1820", l1[1])
        and close("0{,}7964", sigm(l1[0])) and close("0{,}4546", sigm(l1[1])))
    d.c(r"\log p_\theta(x\mid z)=\log\mathrm{sigmoid}(\ell_1)+\log\big(1-\mathrm{sigmoid}(\ell_2)\big)", True)
    r1 = lp(z1)
    d.c(r"\approx\log0{,}7964+\log0{,}5454\approx-0{,}2277-0{,}6063=-0{,}8340", close("0{,}5454", 1 - sigm(l1[1]))
        and close("-0{,}2277", np.log(sigm(l1[0]))) and close("-0{,}6063", np.log(1 - sigm(l1[1]))) and close("-0{,}8340", r1))
    kl = 0.5 * (mu ** 2 + np.exp(v) - 1 - v)
    d.c(r"\mathrm{KL}=\tfrac12\big(0{,}25+0{,}3679-1+1\big)=\tfrac12\cdot0{,}6179\approx0{,}3089", close("0{,}6179", 2 * kl)
        and close("0{,}3089", kl) and near(kl, kl_quad(mu, np.exp(v), 0, 1)))
    d.c(r"\widehat{\mathcal{L}}=\log p_\theta(x\mid z)-\mathrm{KL}\approx-0{,}8340-0{,}3089=-1{,}1429", close("-1{,}1429", r1 - kl))
    z2 = mu - s
    d.c(r"Dan is $z=0{,}5-0{,}6065=-0{,}1065$", close("-0{,}1065", z2))
    l2 = a * z2 + b; r2 = lp(z2)
    d.c(r"\ell\approx\begin{pmatrix}-0{,}2131\\0{,}6065\end{pmatrix}", close("-0{,}2131", l2[0]) and close("0{,}6065", l2[1]))
    d.c(r"\log p_\theta(x\mid z)\approx-0{,}8053-1{,}0417=-1{,}8470", close("-0{,}8053", np.log(sigm(l2[0])))
        and close("-1{,}0417", np.log(1 - sigm(l2[1]))) and close("-1{,}8470", r2, 2))
    d.c(r"Deze $z$ ligt aan de verkeerde kant", sigm(l2[0]) < 0.5 and sigm(l2[1]) > 0.5)
    d.c(r"\widehat{\mathcal{L}}_{(2)}=\tfrac12(-0{,}8340-1{,}8470)-0{,}3089=-1{,}3405-0{,}3089=-1{,}6494",
        close("-1{,}3405", (r1 + r2) / 2) and close("-1{,}6494", (r1 + r2) / 2 - kl, 2))
    d.c(r"het verschil tussen $-1{,}1429$ en $-2{,}1559$", close("-2{,}1559", r2 - kl, 2))
    d.c(r"Het aantal decoderparameters is hier $2+2=4$", a.size + b.size == 4)
    return d


# ---------------------------------------------------------------- 12
def f12():
    d = Doc("12_uoc_luong_ham_diem_vi.md")
    ok = True
    for m, var in rand_pts():
        lhs = fd(lambda t: E_gauss(lambda z: z ** 2, t, var), m)
        rhs = E_gauss(lambda z: z ** 2 * (z - m) / var, m, var)
        ok &= near(lhs, rhs, 1e-5)
    d.c(r"=\mathbb{E}_{q_\phi}\big[f(z)\,\nabla_\phi\log q_\phi(z)\big].", ok)
    ok = True
    for m, var in rand_pts():
        zz = rng.normal()
        ok &= near(fd(lambda t: logN(zz, t, var), m), (zz - m) / var)
    d.c(r"\nabla_\mu\log q(z)=\frac{z-\mu}{\sigma^2}.", ok)
    ok = okE = okM = True
    for m, var in rand_pts():
        s = np.sqrt(var); e = rng.normal(); z = m + s * e
        ok &= near(z * (z - m) / var, (m + s * e) * e / s) and near(z * (z - m) / var, m / s * e + e * e)
        okE &= near(E_std(lambda e: m / s * e + e * e), 1)
        okM &= near(E_std(lambda e: (m / s * e + e * e) ** 2),
                    m * m / var * E_std(lambda e: e ** 2) + 2 * m / s * E_std(lambda e: e ** 3) + E_std(lambda e: e ** 4))
    d.c(r"g_{\mathrm{SF}}=f(z)\,\frac{z-\mu}{\sigma^2}=", ok)
    d.c(r"và $\mathbb{E}[g_{\mathrm{SF}}]=\frac{\mu}{\sigma}\cdot0+1=1$", okE)
    d.c(r"Ước lượng tái tham số hóa là $g_{\mathrm{RP}}=", near(fd(lambda t: t + 0.7 * 0.3, 1.1), 1))
    d.c(r"\mathbb{E}[g_{\mathrm{SF}}^2]=\frac{\mu^2}{\sigma^2}", okM)
    d.c(r"$\mathbb{E}[\varepsilon^4]=1$. Do đó", near(E_std(lambda e: e ** 2), 1) and abs(E_std(lambda e: e ** 3)) < 1e-9
        and near(E_std(lambda e: e ** 4), 1))
    m, s = 2.0, 0.5
    var_sf = E_std(lambda e: (m / s * e + e * e) ** 2) - 1
    d.c(r"\operatorname{Var}[g_{\mathrm{SF}}]=\frac{\mu^2}{\sigma^2}+1-1^2=\frac{\mu^2}{\sigma^2}.", near(var_sf, m * m / s / s))
    d.c(r"$\operatorname{Var}[g_{\mathrm{SF}}]=4/0{,}25=16$", near(var_sf, 16))
    d.c(r"tức $N\ge1600$ mẫu", near(var_sf / 0.01, 1600))
    okb = True
    for mm, var in rand_pts():
        okb &= abs(E_gauss(lambda z: (z - mm) / var, mm, var)) < 1e-9
    d.c(r"Vì $\mathbb{E}_q[\nabla_\mu\log q]=0$", okb)
    d.c(r"nên $\operatorname{Var}[g_b]=\mathbb{E}[\varepsilon^4]-1=0$", near(E_std(lambda e: e ** 4) - 1, 0))
    return d


# ---------------------------------------------------------------- 13
def f13():
    d = Doc("13_kl_annealing_en.md")
    lin_b = lambda t: min(1.0, t / 10000)
    d.c(r"Example: at $t=2\,500$ we have $\beta_t=0.25$", lin_b(2500) == 0.25)
    d.c(r"\text{loss}=90.2+0.25\times18.0=90.2+4.5=94.7", close("4.5", 0.25 * 18.0) and close("94.7", 90.2 + lin_b(2500) * 18.0))
    d.c(r"the loss is $84.1+24.1=108.2$", lin_b(12000) == 1 and close("108.2", 84.1 + lin_b(12000) * 24.1))

    def cyc(t, M=5000, R=0.5):
        tau = (t % M) / M
        return tau / R if tau <= R else 1.0
    d.c(r"- $t=7\,000$: $\tau=2\,000/5\,000=0.4$", near(cyc(7000), 0.8) and near((7000 % 5000) / 5000, 0.4))
    d.c(r"- $t=9\,000$: $\tau=0.8>0.5$", near((9000 % 5000) / 5000, 0.8) and cyc(9000) == 1)
    d.c(r"- $t=10\,000$: $\tau=0$", cyc(10000) == 0)
    lg = lambda t: 1 / (1 + np.exp(-0.0025 * (t - 2500)))
    d.c(r"At $t=t_0$ we get $\beta=0.5$", near(lg(2500), 0.5) and near(0.0025 * 1000, 2.5) and close("0.9241", lg(3500)))
    d.c(r"$\beta\approx1/(1+e^{2.5})\approx0.0759$", close("0.0759", lg(1500)))
    d.c(r"The two values add up to $1$", near(lg(3500) + lg(1500), 1))
    b = 0.25; s2 = 0.2
    g = fd(lambda v: b * 0.5 * (0.3 ** 2 + np.exp(v) - 1 - v), np.log(s2))
    d.c(r"$\partial(\beta_t\,\mathrm{KL})/\partial v_j=\tfrac{\beta_t}{2}\,(\sigma_j^2-1)$", near(g, b / 2 * (s2 - 1)))
    d.c(r"$0.125\times(-0.8)=-0.1$, four times weaker", near(g, -0.1) and near(fd(lambda v: 0.5 * (np.exp(v) - 1 - v), np.log(s2)) / g, 4))
    kls = np.array([0.1, 0.9, 0.3])
    d.c(r"$0.5+0.9+0.5=1.9$", near(np.sum(np.maximum(0.5, kls)), 1.9) and list(np.where(kls > 0.5)[0]) == [1])
    return d


# ---------------------------------------------------------------- 14
def f14():
    d = Doc("14_posterior_cokusu_tr.md")
    w, s2 = 1.3, 0.7
    zz = np.random.default_rng(7).normal(size=2_000_000); nn = np.random.default_rng(8).normal(size=2_000_000)
    d.c(r"x\sim\mathcal{N}(0,\,w^2+\sigma^2).", abs(np.var(w * zz + np.sqrt(s2) * nn) / (w * w + s2) - 1) < 5e-3)
    ok = True
    for _ in range(4):
        xs = rng.normal(size=10) * 2; S2 = np.mean(xs ** 2); ww = rng.normal(); ss = rng.uniform(0.3, 2)
        ok &= near(np.mean(logN(xs, 0, ww * ww + ss)), -0.5 * np.log(2 * np.pi * (ww * ww + ss)) - S2 / (2 * (ww * ww + ss)))
    d.c(r"\ell(w)=-\tfrac12\log\big(2\pi(w^2+\sigma^2)\big)", ok)
    ok1 = ok2 = True
    for _ in range(5):
        S2 = rng.uniform(0.2, 4); ss = rng.uniform(0.2, 2); ww = rng.normal()
        ell = lambda t: -0.5 * np.log(2 * np.pi * (t * t + ss)) - S2 / (2 * (t * t + ss))
        g = fd(ell, ww)
        ok1 &= near(g, -ww / (ww * ww + ss) + S2 * ww / (ww * ww + ss) ** 2, 1e-5)
        ok2 &= near(g, ww * (ww * ww + ss - S2) / (ww * ww + ss) ** 2, 1e-5)
    d.c(r"\frac{d\ell}{dw}=-\frac{w}{w^2+\sigma^2}+\frac{s^2\,w}{(w^2+\sigma^2)^2}", ok1)
    d.c(r"=\frac{w\,(w^2+\sigma^2-s^2)}{(w^2+\sigma^2)^2}.", ok2)
    grid = np.linspace(-4, 4, 8001)

    def ell(t, S2, ss):
        return -0.5 * np.log(2 * np.pi * (t * t + ss)) - S2 / (2 * (t * t + ss))
    d.c(r"- $s^2\le\sigma^2$ ise tek durağan nokta $w=0$", abs(grid[np.argmax(ell(grid, 0.8, 1.0))]) < 1e-9)
    d.c(r"- $s^2>\sigma^2$ ise maksimum $w^\ast=\pm\sqrt{s^2-\sigma^2}$", near(abs(grid[np.argmax(ell(grid, 3.0, 1.0))]), np.sqrt(2), 1e-3)
        and fd(lambda t: fd(lambda u: ell(u, 3.0, 1.0), t, 1e-4), 0.0, 1e-4) > 0)
    ok = True
    zg = np.linspace(-12, 12, 200001)
    for _ in range(3):
        ww = rng.normal(); ss = rng.uniform(0.3, 2); xx = rng.normal() * 2
        un = np.exp(logN(zg, 0, 1) + logN(xx, ww * zg, ss)); un /= TRAPZ(un, zg)
        pm = TRAPZ(zg * un, zg); pv = TRAPZ((zg - pm) ** 2 * un, zg)
        ok &= near(pm, ww * xx / (ww * ww + ss), 1e-5) and near(pv, ss / (ww * ww + ss), 1e-5)
    d.c(r"p(z\mid x)=\mathcal{N}\!\Big(\frac{w\,x}{w^2+\sigma^2}", ok)
    d.c(r"$w=0$ iken bu $\mathcal{N}(0,1)=p(z)$ olur", near([0 * 1.5 / (0 + 1.0), 1.0 / (0 + 1.0)], [0, 1]))
    d.c(r"1. $s^2=0{,}8$: $s^2<\sigma^2$", 0.8 < 1.0)
    d.c(r"2. $s^2=3$: $w^\ast=\sqrt{2}\approx1{,}4142$", close("1{,}4142", np.sqrt(3 - 1)))
    d.c(r"\ell(w^\ast)=-\tfrac12\log(6\pi)-\tfrac12\approx-1{,}9682", close("-1{,}9682", ell(np.sqrt(2), 3.0, 1.0))
        and close("-2{,}4189", ell(0.0, 3.0, 1.0)))
    pm, pv = np.sqrt(2) * 1.5 / 3, 1 / 3
    d.c(r"\approx\mathcal{N}(0{,}7071;\,0{,}3333)", close("0{,}7071", pm) and close("0{,}3333", pv))
    d.c(r"\approx\tfrac12(0{,}5+0{,}3333-1+1{,}0986)\approx0{,}4660", near(pm ** 2, 0.5) and close("1{,}0986", -np.log(1 / 3))
        and close("0{,}4660", kl_quad(pm, pv, 0, 1)))
    return d


# ---------------------------------------------------------------- 15
def f15():
    d = Doc("15_konjugovany_model_cs.md")
    okR = okK = okL = okD = True
    for _ in range(4):
        x = rng.normal() * 2; m = rng.normal(); s2 = rng.uniform(0.2, 3)
        rec = E_gauss(lambda z: logN(x, z, 1), m, s2); kl = kl_quad(m, s2, 0, 1)
        okR &= near(rec, -0.5 * np.log(2 * np.pi) - 0.5 * ((x - m) ** 2 + s2))
        okK &= near(kl, 0.5 * (m * m + s2 - 1 - np.log(s2)))
        L = lambda m, s2: -0.5 * np.log(2 * np.pi) - 0.5 * (x - m) ** 2 - 0.5 * m * m - s2 + 0.5 + 0.5 * np.log(s2)
        okL &= near(rec - kl, L(m, s2))
        okD &= near(fd(lambda t: L(t, s2), m), x - 2 * m, 1e-5) and near(fd(lambda t: L(m, t), s2), -1 + 1 / (2 * s2), 1e-5)
    d.c(r"\mathbb{E}_q[\log p(x\mid z)]=-\tfrac12\log2\pi-\tfrac12\big[(x-m)^2+s^2\big].", okR)
    d.c(r"\mathrm{KL}(q\,\|\,p)=\tfrac12\big(m^2+s^2-1-\log s^2\big).", okK)
    d.c(r"\mathcal{L}(m,s^2)&=-\tfrac12\log2\pi-\tfrac12(x-m)^2-\tfrac12s^2-", okL)
    d.c(r"&=-\tfrac12\log2\pi-\tfrac12(x-m)^2-\tfrac12m^2-s^2+\tfrac12+\tfrac12\log s^2 .", okL)
    d.c(r"\frac{\partial\mathcal{L}}{\partial m}=(x-m)-m=x-2m", okD)
    x = 0.9
    pm = x / 2; pv = 0.5  # verify against grid posterior
    zg = np.linspace(-10, 10, 200001); un = np.exp(logN(zg, 0, 1) + logN(x, zg, 1)); un /= TRAPZ(un, zg)
    gm = TRAPZ(zg * un, zg); gv = TRAPZ((zg - gm) ** 2 * un, zg)
    d.c(r"Položíme-li je rovny nule, dostaneme $m^\ast=x/2$", near(gm, pm, 1e-6) and near(gv, pv, 1e-6))
    okV = True
    for _ in range(4):
        x = rng.normal() * 2
        Lopt = -0.5 * np.log(2 * np.pi) - 0.5 * (x / 2) ** 2 - 0.5 * (x / 2) ** 2 - 0.5 + 0.5 + 0.5 * np.log(0.5)
        okV &= near(Lopt, -0.5 * np.log(4 * np.pi) - x * x / 4) and near(-x * x / 8, -0.5 * (x - x / 2) ** 2)
    d.c(r"=-\tfrac12\log2\pi-\tfrac{x^2}{8}-\tfrac{x^2}{8}", okV)
    x = 1.7
    d.c(r"Marginála je $x\sim\mathcal{N}(0,2)$", near(logN(x, 0, 2), -0.5 * np.log(4 * np.pi) - x * x / 4))
    x = 1.2
    lpx = logN(x, 0, 2)
    d.c(r"\log p(x)=-\tfrac12\log4\pi-0{,}36\approx-1{,}2655-0{,}36=-1{,}6255", close("-1{,}2655", -0.5 * np.log(4 * np.pi))
        and close("-1{,}6255", lpx) and near(x * x / 4, 0.36))
    elbo = E_gauss(lambda z: logN(x, z, 1), 0.5, 1) - kl_quad(0.5, 1, 0, 1)
    d.c(r"\approx-0{,}9189-0{,}245-0{,}125-0{,}5=-1{,}7889", close("-0{,}9189", -0.5 * np.log(2 * np.pi)) and close("-1{,}7889", elbo))
    d.c(r"Rozdíl $\log p(x)-\mathcal{L}\approx-1{,}6255+1{,}7889=0{,}1634$", close("0{,}1634", lpx - elbo))
    ok = True
    for _ in range(3):
        a, b, c_, e = rng.normal(), rng.uniform(0.3, 2), rng.normal(), rng.uniform(0.3, 2)
        ok &= near(kl_quad(a, b, c_, e), np.log(np.sqrt(e) / np.sqrt(b)) + (b + (a - c_) ** 2) / (2 * e) - 0.5)
    d.c(r"\mathrm{KL}\big(\mathcal{N}(\mu_1,\sigma_1^2)\,\|\,\mathcal{N}(\mu_2,\sigma_2^2)\big)=\log\frac{\sigma_2}{\sigma_1}", ok)
    d.c(r"\approx-0{,}3466+1{,}01-0{,}5=0{,}1634", close("-0{,}3466", 0.5 * np.log(0.5)) and close("0{,}1634", kl_quad(0.5, 1, 0.6, 0.5))
        and near((1 + 0.01) / (2 * 0.5), 1.01))
    s2 = 0.8; L = lambda m, t: -0.5 * (1.2 - m) ** 2 - 0.5 * m * m - t + 0.5 * np.log(t)
    h = 1e-4
    Hmm = (L(0.3 + h, s2) - 2 * L(0.3, s2) + L(0.3 - h, s2)) / h ** 2
    Hss = (L(0.3, s2 + h) - 2 * L(0.3, s2) + L(0.3, s2 - h)) / h ** 2
    Hms = (L(0.3 + h, s2 + h) - L(0.3 + h, s2 - h) - L(0.3 - h, s2 + h) + L(0.3 - h, s2 - h)) / (4 * h * h)
    d.c(r"je $\operatorname{diag}\big(-2,\,-\tfrac{1}{2s^4}\big)$", near(Hmm, -2, 1e-5) and near(Hss, -1 / (2 * s2 ** 2), 1e-5) and abs(Hms) < 1e-5)
    return d


# ---------------------------------------------------------------- 16
def f16():
    d = Doc("16_kl_two_diagonal_gaussians_en.md")
    ok1 = ok2 = ok3 = ok4 = True
    for _ in range(5):
        m1, v1, m2, v2 = rng.normal(), rng.uniform(0.2, 3), rng.normal(), rng.uniform(0.2, 3)
        ok1 &= near(E_gauss(lambda z: logN(z, m1, v1), m1, v1), -0.5 * np.log(2 * np.pi * v1) - 0.5)
        ep = E_gauss(lambda z: logN(z, m2, v2), m1, v1)
        ok2 &= near(ep, -0.5 * np.log(2 * np.pi * v2) - E_gauss(lambda z: (z - m2) ** 2, m1, v1) / (2 * v2))
        ok2 &= near(ep, -0.5 * np.log(2 * np.pi * v2) - (v1 + (m1 - m2) ** 2) / (2 * v2))
        kl = kl_quad(m1, v1, m2, v2)
        ok3 &= near(kl, -0.5 * np.log(2 * np.pi * v1) - 0.5 + 0.5 * np.log(2 * np.pi * v2) + (v1 + (m1 - m2) ** 2) / (2 * v2))
        ok4 &= near(kl, 0.5 * np.log(v1 / v2) + (v1 + (m1 - m2) ** 2) / (2 * v2) - 0.5)
    d.c(r"\mathbb{E}_q[\log q(z)]=-\tfrac12\log(2\pi\sigma_1^2)-\tfrac12,", ok1)
    d.c(r"=-\tfrac12\log(2\pi\sigma_2^2)-\frac{\sigma_1^2+(\mu_1-\mu_2)^2}{2\sigma_2^2},", ok2)
    d.c(r"&=-\tfrac12\log(2\pi\sigma_1^2)-\tfrac12+\tfrac12\log(2\pi\sigma_2^2)+", ok3)
    d.c(r"&=\tfrac12\log\frac{\sigma_1^2}{\sigma_2^2}+", ok4)
    M1, V1, M2, V2 = rng.normal(size=3), rng.normal(size=3), rng.normal(size=3), rng.normal(size=3)
    tot = sum(kl_quad(M1[j], np.exp(V1[j]), M2[j], np.exp(V2[j])) for j in range(3))
    d.c(r"\mathrm{KL}(q\,\|\,p)=\frac12\sum_{j=1}^{d}\Big[v_{1j}-v_{2j}", near(tot, 0.5 * np.sum(V1 - V2 + (np.exp(V1) + (M1 - M2) ** 2) * np.exp(-V2) - 1)))
    m1 = np.array([0.3, 1.0]); v1 = np.array([0.2, -0.3]); m2 = np.array([-0.2, 0.5]); v2 = np.array([-0.4, 0.1])
    r = (np.exp(v1) + (m1 - m2) ** 2) / np.exp(v2)
    d.c(r"Here $(\mu_1-\mu_2)^2=(0.25,\,0.25)$", near((m1 - m2) ** 2, [0.25, 0.25]) and close("1.2214", np.exp(v1[0]))
        and close("0.7408", np.exp(v1[1])) and close("0.6703", np.exp(v2[0])) and close("1.1052", np.exp(v2[1])))
    d.c(r"term is $(1.4714/0.6703,\;0.9908/1.1052)", close("1.4714", np.exp(v1[0]) + 0.25) and close("0.9908", np.exp(v1[1]) + 0.25)
        and close("2.1951", r[0]) and close("0.8965", r[1]))
    kj = [kl_quad(m1[j], np.exp(v1[j]), m2[j], np.exp(v2[j])) for j in range(2)]
    d.c(r"\tfrac12(0.2+0.4+2.1951-1)\approx0.8975", close("0.8975", kj[0]))
    d.c(r"\tfrac12(-0.3-0.1+0.8965-1)\approx-0.2517", close("-0.2517", kj[1]))
    d.c(r"and the total is $0.8975-0.2517=0.6458$", close("0.6458", sum(kj)))
    ok = True
    for _ in range(3):
        a, va, b, vb = rng.normal(), rng.normal(), rng.normal(), rng.normal()
        K = lambda a, b: 0.5 * (va - vb + (np.exp(va) + (a - b) ** 2) * np.exp(-vb) - 1)
        ok &= near(fd(lambda t: K(t, b), a), (a - b) * np.exp(-vb)) and near(fd(lambda t: K(a, t), b), -(a - b) * np.exp(-vb))
    d.c(r"$\partial\,\mathrm{KL}/\partial\mu_1=(\mu_1-\mu_2)e^{-v_2}", ok)
    return d


def main():
    docs = [f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16]
    names = set()
    allok = True
    for fn in docs:
        d = fn()
        names.add(d.name)
        got = d.first_fail()
        exp = EXPECTED[d.name]
        status = "OK" if got == exp else "MISMATCH"
        allok &= got == exp
        print(f"{status}  {d.name}: first failing line = {got}, expected = {exp}  ({len(d.res)} claims checked)")
    md = {f for f in os.listdir(HERE) if f.endswith(".md")}
    if md != names or set(EXPECTED) != names:
        print("MISMATCH: file set differs from expected.json / checks")
        allok = False
    if not allok:
        sys.exit(1)
    print("ALL OK")


if __name__ == "__main__":
    main()
