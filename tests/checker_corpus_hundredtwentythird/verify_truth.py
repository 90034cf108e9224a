"""Independent truth check for the corpus: walks each file's claims line by line."""
import json, math, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(0)
LOG2PI = math.log(2 * math.pi)


def phi(y, m, s):
    return np.exp(-0.5 * ((y - m) / s) ** 2) / (s * np.sqrt(2 * np.pi))


def softmax(a):
    a = np.asarray(a, float)
    e = np.exp(a - a.max())
    return e / e.sum()


def near(printed, exact, dec):
    """printed value agrees with exact to its printed precision (one unit of slack)."""
    return abs(printed - exact) <= 1.0 * 10 ** (-dec) + 1e-12


def fd(f, x, i, h=1e-6):
    x = np.array(x, float)
    xp, xm = x.copy(), x.copy()
    xp[i] += h
    xm[i] -= h
    return (f(xp) - f(xm)) / (2 * h)


def mix_nll(y, a, mu, s):
    """NLL of 1-D mixture with logits a, means mu, log-std s."""
    pi = softmax(a)
    return -np.log(np.sum(pi * phi(y, np.asarray(mu, float), np.exp(np.asarray(s, float)))))


class Doc:
    def __init__(self, name):
        self.name = name
        with open(os.path.join(HERE, name), encoding="utf-8") as fh:
            self.lines = fh.read().split("\n")
        self.res = []

    def ln(self, sub):
        hits = [i + 1 for i, l in enumerate(self.lines) if sub in l]
        assert len(hits) == 1, (self.name, sub, hits)
        return hits[0]

    def c(self, sub, ok):
        self.res.append((self.ln(sub), bool(ok)))

    def first_fail(self):
        bad = [n for n, ok in self.res if not ok]
        return min(bad) if bad else None


DOCS = {}


def doc(name):
    def deco(fn):
        DOCS[name] = fn
        return fn
    return deco


# ---------------------------------------------------------------- 01
@doc("01_mdn_output_layer_en.md")
def f01(d):
    za = np.array([1.0, 0.0, -1.0]); zs = np.array([0.0, -0.5, 0.7])
    # softmax shift invariance at a random point
    z = RNG.normal(size=3); c = RNG.normal()
    d.c(r"\pi(z^{\alpha} + c\mathbf 1) = \pi(z^{\alpha})", np.allclose(softmax(z + c), softmax(z)))
    d.c(r"\frac{\partial \sigma_k}{\partial z^{s}_k} = \exp(z^{s}_k)",
        near(fd(lambda v: np.exp(v[0]), [0.3], 0), np.exp(0.3), 6))
    S = np.exp(za).sum()
    d.c("e^{1} + e^{0} + e^{-1} = 2.7183", near(math.e, 2.7183, 4) and near(math.exp(-1), 0.3679, 4) and near(S, 4.0862, 4))
    pi = softmax(za)
    d.c(r"\approx (0.6652,\ 0.2447,\ 0.0900)", all(near(p, q, 4) for p, q in zip([0.6652, 0.2447, 0.0900], pi))
        and near(2.7183 / 4.0862, 0.6652, 4) and near(1 / 4.0862, 0.2447, 4) and near(0.3679 / 4.0862, 0.0900, 4))
    d.c("0.6652 + 0.2447 + 0.0900 = 0.9999", near(0.6652 + 0.2447 + 0.0900, 0.9999, 4))
    d.c(r"\approx (1.0000,\ 0.6065,\ 2.0138)", all(near(p, q, 4) for p, q in zip([1, 0.6065, 2.0138], np.exp(zs))))
    W = np.zeros((9, 32)); b = np.zeros(9)
    d.c("9\\cdot 32 + 9 = 288 + 9 = 297", W.size == 288 and W.size + b.size == 297)
    d.c("for $H=32$, $K=3$ that is $9\\cdot 33 = 297$", 3 * 3 * (32 + 1) == 297)
    d.c(r"$\frac{e^{z}}{1+e^{z}}$, the logistic sigmoid",
        near(fd(lambda v: np.log1p(np.exp(v[0])), [0.4], 0), 1 / (1 + np.exp(-0.4)), 6))


# ---------------------------------------------------------------- 02
@doc("02_nll_zwei_komponenten_de.md")
def f02(d):
    N1 = phi(1.5, 0, 1); N2 = phi(1.5, 2, 0.5)
    d.c("= 0{,}3989\\cdot e^{-1{,}125}", near(1 / math.sqrt(2 * math.pi), 0.3989, 4) and 1.5 ** 2 / 2 == 1.125)
    d.c("= 0{,}3989\\cdot 0{,}3247", near(math.exp(-1.125), 0.3247, 4) and near(N1, 0.1295, 4))
    d.c("Hier ist $(y-\\mu_2)/\\sigma_2 = -0{,}5/0{,}5 = -1$", near(1 / (0.5 * math.sqrt(2 * math.pi)), 0.7979, 4))
    d.c("\\mathcal N_2 = 0{,}7979\\cdot e^{-1/2}", near(math.exp(-0.5), 0.6065, 4) and near(N2, 0.4839, 4))
    d.c("bei $\\sigma<1/\\sqrt{2\\pi}", near(1 / math.sqrt(2 * math.pi), 0.399, 3) and phi(0, 0, 0.39) > 1)
    d.c("\\pi_1\\mathcal N_1 &= 0{,}3\\cdot 0{,}1295 = 0{,}0389", near(0.3 * 0.1295, 0.0389, 4))
    d.c("\\pi_2\\mathcal N_2 &= 0{,}7\\cdot 0{,}4839", near(0.7 * 0.4839, 0.3187, 4))
    p = 0.3 * N1 + 0.7 * N2
    d.c("p(y\\mid x) = 0{,}0389 + 0{,}3187 = 0{,}3576", near(p, 0.3576, 4))
    d.c("L = -\\ln 0{,}3576 \\approx 1{,}028", near(-math.log(p), 1.028, 3))
    d.c("\\gamma_1 = \\frac{0{,}0389}{0{,}3576}", near(0.3 * N1 / p, 0.109, 3))
    d.c("\\gamma_2 = \\frac{0{,}3187}{0{,}3576}", near(0.7 * N2 / p, 0.891, 3))
    d.c("$L = -\\ln 0{,}4839 \\approx 0{,}726$", near(-math.log(N2), 0.726, 3))
    d.c("**Ergebnis:** $L \\approx 1{,}028$", near(-math.log(p), 1.028, 3))


# ---------------------------------------------------------------- 03
@doc("03_gradient_logits_fr.md")
def f03(d):
    K = 3
    a = RNG.normal(size=K); N = RNG.uniform(0.1, 1, size=K)
    pi = softmax(a); p = pi @ N; gam = pi * N / p
    L = lambda v: -np.log(softmax(v) @ N)
    J = np.array([[fd(lambda v: softmax(v)[k], a, j) for j in range(K)] for k in range(K)])
    d.c(r"\frac{\partial \pi_k}{\partial a_j} = \pi_k\,(\delta_{kj} - \pi_j).", np.allclose(J, np.diag(pi) - np.outer(pi, pi), atol=1e-6))
    g = np.array([fd(L, a, j) for j in range(K)])
    chain = np.array([-(1 / p) * sum(N[k] * pi[k] * ((k == j) - pi[j]) for k in range(K)) for j in range(K)])
    d.c(r"= -\frac{1}{p}\sum_{k=1}^{K}\mathcal N_k\,\frac{\partial \pi_k}{\partial a_j}", np.allclose(g, -(1 / p) * (N @ J), atol=1e-6))
    d.c(r"= -\frac{1}{p}\sum_{k=1}^{K}\mathcal N_k\,\pi_k(\delta_{kj}-\pi_j).", np.allclose(g, chain, atol=1e-6))
    d.c(r"= -\frac{1}{p}\Big(\pi_j\mathcal N_j - \pi_j \sum_{k}", np.allclose(g, -(1 / p) * (pi * N - pi * (pi @ N)), atol=1e-6))
    d.c(r"= -\frac{1}{p}\big(\pi_j\mathcal N_j - \pi_j\,p\big).", np.allclose(g, -(1 / p) * (pi * N - pi * p), atol=1e-6))
    d.c(r"\boxed{\ \frac{\partial L}{\partial a_j} = \gamma_j - \pi_j\ }", np.allclose(g, gam - pi, atol=1e-6))
    d.c(r"\sum_j\gamma_j - \sum_j\pi_j = 1 - 1 = 0", abs(g.sum()) < 1e-6)
    # numeric
    a = np.array([0.2, -0.3]); mu = np.array([-1, 1.0]); y = 0.5
    pi = softmax(a); N = phi(y, mu, 1.0); p = pi @ N; gam = pi * N / p
    d.c(r"- $\pi_1 = 1/(1+e^{-0{,}5}) \approx 0{,}6225$", near(pi[0], 0.6225, 4) and near(pi[1], 0.3775, 4))
    d.c(r"- $\mathcal N_1 = \varphi(1{,}5) \approx 0{,}1295$", near(N[0], 0.1295, 4) and near(N[1], 0.3521, 4))
    d.c(r"- $\pi_1\mathcal N_1 \approx 0{,}0806$", near(pi[0] * N[0], 0.0806, 4) and near(pi[1] * N[1], 0.1329, 4) and near(p, 0.2135, 4))
    d.c(r"et $L = -\ln 0{,}2135 \approx 1{,}544$", near(-np.log(p), 1.544, 3))
    d.c(r"- $\gamma_1 \approx 0{,}0806/0{,}2135", near(gam[0], 0.3775, 4) and near(gam[1], 0.6225, 4))
    d.c(r"(car $\ln(\mathcal N_2/\mathcal N_1) = 1 = 2\times 0{,}5$)", near(np.log(N[1] / N[0]), 1, 6))
    gt = np.array([fd(lambda v: mix_nll(y, v, mu, [0, 0]), a, j) for j in range(2)])
    d.c(r"\frac{\partial L}{\partial a} = \gamma - \pi \approx", near(gt[0], -0.245, 3) and near(gt[1], 0.245, 3))
    d.c(r"$\eta = 1$ donnerait $a \approx (0{,}445", near((a - gt)[0], 0.445, 3) and near((a - gt)[1], -0.545, 3))
    d.c(r"$0{,}445 - 0{,}545 = -0{,}1$", near(0.445 - 0.545, -0.1, 3))


# ---------------------------------------------------------------- 04
@doc("04_gradiente_medias_es.md")
def f04(d):
    y = RNG.normal(); pi = softmax(RNG.normal(size=3)); mu = RNG.normal(size=3); sg = np.exp(RNG.normal(size=3) * 0.3)
    N = phi(y, mu, sg); p = pi @ N; gam = pi * N / p
    Lm = lambda m: -np.log(pi @ phi(y, m, sg))
    g = np.array([fd(Lm, mu, k) for k in range(3)])
    dN = np.array([fd(lambda m: phi(y, m[0], sg[0]), [mu[0]], 0)])
    d.c(r"\frac{\partial L}{\partial \mu_k} = -\frac{\pi_k}{p}\,\frac{\partial \mathcal N_k}{\partial \mu_k}.",
        np.allclose(g, -(pi / p) * N * (y - mu) / sg ** 2, atol=1e-6))
    d.c(r"\frac{\partial \mathcal N_k}{\partial \mu_k} = \mathcal N_k\cdot\frac{y-\mu_k}{\sigma_k^2}.",
        near(dN[0], N[0] * (y - mu[0]) / sg[0] ** 2, 6))
    d.c(r"= -\gamma_k\,\frac{y-\mu_k}{\sigma_k^2}", np.allclose(g, -gam * (y - mu) / sg ** 2, atol=1e-6))
    d.c(r"= \gamma_k\,\frac{\mu_k-y}{\sigma_k^2}.", np.allclose(g, gam * (mu - y) / sg ** 2, atol=1e-6))
    pi = np.array([0.4, 0.6]); mu = np.array([1, 3.0]); sg = np.array([0.5, 1]); y = 2.0
    N = phi(y, mu, sg); p = pi @ N; gam = pi * N / p
    d.c("| 1 | $2$ | $0.7979\\,e^{-2}", near(1 / (0.5 * math.sqrt(2 * math.pi)), 0.7979, 4) and near(N[0], 0.1080, 4) and near(pi[0] * N[0], 0.0432, 4))
    d.c("| 2 | $-1$ | $0.3989\\,e^{-0.5}", near(N[1], 0.2420, 4) and near(pi[1] * N[1], 0.1452, 4))
    d.c("Entonces $p \\approx 0.0432 + 0.1452 = 0.1884$", near(p, 0.1884, 4))
    d.c(r"\approx (0.2293,\ 0.7707).", near(gam[0], 0.2293, 4) and near(gam[1], 0.7707, 4) and near(0.0432 / 0.1884, 0.2293, 4))
    g = [fd(lambda m: -np.log(pi @ phi(y, m, sg)), mu, k) for k in range(2)]
    d.c(r"&= 0.2293\cdot\frac{1-2}{0.25} \approx -0.917", near(g[0], -0.917, 3) and near(0.2293 * -4, -0.917, 3))
    d.c(r"&= 0.7707\cdot\frac{3-2}{1} \approx 0.771", near(g[1], 0.771, 3))
    d.c(r"$L \approx -\ln 0.1884 \approx 1.669$", near(-np.log(p), 1.669, 3))


# ---------------------------------------------------------------- 05
@doc("05_gradiente_log_sigma_pt.md")
def f05(d):
    y, m, s = RNG.normal(size=3)
    logN = lambda v: np.log(phi(y, m, np.exp(v[0])))
    d.c(r"\ln\mathcal N_k = -\tfrac12\ln(2\pi) - s_k - \tfrac12\,(y-\mu_k)^2\,e^{-2s_k}.",
        near(logN([s]), -0.5 * LOG2PI - s - 0.5 * (y - m) ** 2 * np.exp(-2 * s), 9))
    q = lambda v: -0.5 * (y - m) ** 2 * np.exp(-2 * v[0])
    d.c(r"\Big[-\tfrac12\,(y-\mu_k)^2 e^{-2s_k}\Big] = \tfrac12\,(y-\mu_k)^2\,e^{-2s_k}.",
        near(fd(q, [s], 0), 0.5 * (y - m) ** 2 * np.exp(-2 * s), 6))
    d.c(r"\frac{\partial \ln\mathcal N_k}{\partial s_k} = -1 + \frac{(y-\mu_k)^2}{2\sigma_k^2}.",
        near(fd(logN, [s], 0), -1 + (y - m) ** 2 / (2 * np.exp(2 * s)), 6))
    a = RNG.normal(size=2); mu = RNG.normal(size=2); ss = RNG.normal(size=2) * 0.3
    pi = softmax(a); N = phi(y, mu, np.exp(ss)); gam = pi * N / (pi @ N)
    g = np.array([fd(lambda v: mix_nll(y, a, mu, v), ss, k) for k in range(2)])
    d.c(r"\frac{\partial L}{\partial s_k} = \gamma_k\left(1 - \frac{(y-\mu_k)^2}{2\sigma_k^2}\right).",
        np.allclose(g, gam * (1 - (y - mu) ** 2 / (2 * np.exp(2 * ss))), atol=1e-6))
    # stationary point: true one is (y-mu)^2 = sigma^2
    d.c(r"O gradiente se anula quando $(y-\mu_k)^2 = 2\sigma_k^2$", abs(fd(logN, [np.log(abs(y - m) / math.sqrt(2))], 0)) < 1e-6)
    pi = np.array([0.5, 0.5]); mu = np.array([0, 1.0]); sg = np.array([1, 2.0]); y = 2.0
    N = phi(y, mu, sg); p = pi @ N; gam = pi * N / p
    d.c(r"- $\mathcal N_1 = \varphi(2) \approx 0{,}0540$", near(N[0], 0.0540, 4) and near(N[1], 0.1760, 4))
    d.c(r"- $\pi_k\mathcal N_k \approx (0{,}0270", near(pi[0] * N[0], 0.0270, 4) and near(pi[1] * N[1], 0.0880, 4) and near(p, 0.1150, 4))
    d.c(r"- $\gamma \approx (0{,}2347;\ 0{,}7653)$", near(gam[0], 0.2347, 4) and near(gam[1], 0.7653, 4))
    d.c(r"- $(y-\mu_k)^2/\sigma_k^2 = (4;\ 0{,}25)$", np.allclose((y - mu) ** 2 / sg ** 2, [4, 0.25]))
    g = [fd(lambda v: mix_nll(y, [0, 0], mu, v), np.log(sg), k) for k in range(2)]
    d.c(r"= (-0{,}2347;\ 0{,}6696)", near(g[0], -0.2347, 4) and near(g[1], 0.6696, 4))


# ---------------------------------------------------------------- 06
@doc("06_logsumexp_it.md")
def f06(d):
    l = np.array([-1000.0, -1002.0, -1005.0])
    with np.errstate(divide="ignore"):
        d.c(r"rappresentabile è circa $5\cdot10^{-324}$", np.exp(-1000.0) == 0.0 and near(np.nextafter(0, 1), 5e-324, 324)
            and np.log(np.sum(np.exp(l))) == -np.inf)
    x = RNG.normal(size=4) * 5; m = x.max()
    d.c(r"= m + \log\sum_{k}e^{\ell_k-m}.", near(np.log(np.exp(x).sum()), m + np.log(np.exp(x - m).sum()), 9)
        and near(np.log(np.exp(m) * np.exp(x - m).sum()), np.log(np.exp(x).sum()), 9))
    S = np.exp(l + 1000).sum()
    d.c(r"S &= e^{0} + e^{-2} + e^{-5} = 1 + 0{,}135335", near(np.exp(-2), 0.135335, 6) and near(np.exp(-5), 0.006738, 6) and near(S, 1.142073, 6))
    d.c(r"\log S &= 0{,}132845", near(np.log(S), 0.132845, 6))
    lse = -1000 + np.log(S)
    d.c(r"-1000 + 0{,}132845 = -999{,}867155", near(lse, -999.867155, 6))
    d.c(r"Quindi $L \approx 999{,}8672$", near(-lse, 999.8672, 4))
    d.c(r"-1000 \le -999{,}867 \le -1000 + \log 3 = -998{,}901", near(-1000 + np.log(3), -998.901, 3) and -1000 <= lse <= -1000 + np.log(3))
    d.c(r"$0{,}13$ nats", near(lse - (-1000), 0.13, 2))
    gam = np.exp(l + 1000) / S
    d.c(r"\approx (0{,}8756,\ 0{,}1185,\ 0{,}0059)", all(near(a, b, 4) for a, b in zip(gam, [0.8756, 0.1185, 0.0059])))
    d.c(r"con somma $1{,}0000$", near(0.8756 + 0.1185 + 0.0059, 1.0, 4))
    z = RNG.normal(size=3)
    g = [fd(lambda v: np.log(np.exp(v).sum()), z, k) for k in range(3)]
    d.c(r"$\partial\,\operatorname{LSE}(\ell)/\partial\ell_k = \gamma_k$", np.allclose(g, softmax(z), atol=1e-6))
    y, mu, s = RNG.normal(size=3); s = abs(s) + 0.1
    d.c(r"\log\mathcal N(y;\mu,\sigma^2) = -\tfrac12\log(2\pi) - \log\sigma", near(np.log(phi(y, mu, s)), -0.5 * LOG2PI - np.log(s) - (y - mu) ** 2 / (2 * s ** 2), 9))


# ---------------------------------------------------------------- 07
@doc("07_tri_komponenty_ru.md")
def f07(d):
    pi = np.array([0.2, 0.5, 0.3]); mu = np.array([-1, 0, 2.0]); sg = np.array([0.5, 1, 1.5]); y = -0.4
    z = (y - mu) / sg
    d.c(r"z_1 = \frac{-0{,}4+1}{0{,}5} = 1{,}2", np.allclose(z, [1.2, -0.4, -1.6]))
    N = phi(y, mu, sg)
    d.c(r"\mathcal N_1 &= 0{,}7979\cdot e^{-0{,}72}", near(z[0] ** 2 / 2, 0.72, 6) and near(np.exp(-0.72), 0.4868, 4) and near(N[0], 0.3884, 4) and near(1 / (0.5 * math.sqrt(2 * math.pi)), 0.7979, 4))
    d.c(r"\mathcal N_2 &= 0{,}3989\cdot e^{-0{,}08}", near(np.exp(-0.08), 0.9231, 4) and near(N[1], 0.3683, 4))
    d.c(r"\mathcal N_3 &= 0{,}2660\cdot e^{-1{,}28}", near(1 / (1.5 * math.sqrt(2 * math.pi)), 0.2660, 4) and near(np.exp(-1.28), 0.2780, 4) and near(N[2], 0.0739, 4))
    w = pi * N
    d.c(r"\pi_1\mathcal N_1 = 0{,}5\cdot 0{,}3884 = 0{,}1942", near(w[0], 0.1942, 4) and near(w[1], 0.1841, 4) and near(w[2], 0.0222, 4))
    p = w.sum()
    d.c(r"p(y\mid x) = 0{,}1942 + 0{,}1841 + 0{,}0222 = 0{,}4005", near(p, 0.4005, 4))
    d.c(r"L = -\ln 0{,}4005 \approx 0{,}915", near(-np.log(p), 0.915, 3))
    gam = w / p
    d.c(r"\approx (0{,}485;\ 0{,}460;\ 0{,}055).", all(near(a, b, 3) for a, b in zip(gam, [0.485, 0.460, 0.055])))
    g = fd(lambda m: -np.log(pi @ phi(y, m, sg)), mu, 0)
    d.c(r"\frac{\partial L}{\partial \mu_1} \approx 0{,}485\cdot\frac{-1+0{,}4}{0{,}25} = -1{,}164", near(g, -1.164, 3))
    N2 = phi(2.0, mu, sg) * pi
    d.c(r"наибольшей, хотя $\pi_3 < \pi_2$", np.argmax(N2) == 2 and pi[2] < pi[1])


# ---------------------------------------------------------------- 08
@doc("08_canshu_jishu_zh.md")
def f08(d):
    din, H, D, K = 10, 64, 2, 5
    out = K + K * D + K * D
    d.c(r"K + KD + KD = K(2D+1) = 5\times(2\times 2+1) = 25", out == K * (2 * D + 1) == 25)
    Wo = np.zeros((out, H)); bo = np.zeros(out)
    d.c(r"25\times 64 + 25 = 1600 + 25 = 1625", Wo.size == 1600 and Wo.size + bo.size == 1625)
    Wh = np.zeros((H, din)); bh = np.zeros(H)
    d.c(r"64\times 10 + 64 = 704", Wh.size + bh.size == 704)
    d.c(r"704 + 1625 = 2329", 704 + 1625 == 2329)
    B = 128; Y = np.zeros((B, out))
    parts = [Y[:, :K], Y[:, K:K + K * D].reshape(B, K, D), Y[:, K + K * D:].reshape(B, K, D)]
    d.c(r"| logits $a$ | $(128, 5)$ | $640$ |", parts[0].shape == (128, 5) and parts[0].size == 640)
    d.c(r"| 均值 $\mu$ | $(128, 5, 2)$ | $1280$ |", parts[1].shape == (128, 5, 2) and parts[1].size == 1280)
    d.c(r"| 对数标准差 $s$ | $(128, 5, 2)$ | $1280$ |", parts[2].shape == (128, 5, 2) and parts[2].size == 1280)
    d.c(r"合计 $640 + 1280 + 1280 = 3200 = 128\times 25$", sum(x.size for x in parts) == 3200 == Y.size)
    tril = np.tril(np.ones((D, D)))
    d.c(r"1 + D + \frac{D(D+1)}{2} = 1 + 2 + 3 = 6", 1 + D + int(tril.sum()) == 6)
    d.c(r"30\times 64 + 30 = 1950", 30 * 64 + 30 == 1950 and K * 6 == 30)
    d.c(r"全网络 $704 + 1950 = 2654$", 704 + 1950 == 2654)
    d.c(r"$1 + 10 + 55 = 66$", 1 + 10 + int(np.tril(np.ones((10, 10))).sum()) == 66 and 1 + 2 * 10 == 21)
    d.c(r"$15\times 64 + 15 = 975$", 3 * 5 == 15 and 15 * 64 + 15 == 975)


# ---------------------------------------------------------------- 09
@doc("09_taikaku_gauss_ja.md")
def f09(d):
    D = 3; y, mu = RNG.normal(size=(2, D)); sg = np.exp(RNG.normal(size=D) * 0.4)
    Sigma = np.diag(sg ** 2)
    r = y - mu
    full = -D / 2 * LOG2PI - 0.5 * np.log(np.linalg.det(Sigma)) - 0.5 * r @ np.linalg.solve(Sigma, r)
    d.c(r"\mathcal N(y;\mu_k,\Sigma_k) = \prod_{d=1}^{D}", near(np.prod(phi(y, mu, sg)), np.exp(full), 9))
    d.c(r"= -\frac{D}{2}\log(2\pi) - \sum_{d=1}^{D}\log\sigma_{kd}",
        near(full, -D / 2 * LOG2PI - np.log(sg).sum() - 0.5 * np.sum((r / sg) ** 2), 9))
    d.c(r"ここで $\log|\Sigma_k| = 2\sum_d\log\sigma_{kd}$", near(np.log(np.linalg.det(Sigma)), 2 * np.log(sg).sum(), 9))
    d.c(r"- 定数項：$-\frac{2}{2}\log(2\pi) = -1.8379$", near(-LOG2PI, -1.8379, 4))
    d.c(r"- 対数標準差の項：$-(\log 1 + \log 0.5) = +0.6931$", near(-(np.log(1) + np.log(0.5)), 0.6931, 4))
    d.c(r"= 0.25 + 1 = 1.25$、よって $-0.625$", (0.5 / 1) ** 2 + (0.5 / 0.5) ** 2 == 1.25)
    l1 = np.log(phi(np.array([1, 0.0]), np.array([0.5, -0.5]), np.array([1, 0.5]))).sum()
    d.c(r"\log\mathcal N_1 = -1.8379 + 0.6931 - 0.625 = -1.7698", near(l1, -1.7698, 4))
    l2 = np.log(phi(np.array([1, 0.0]), np.array([1, 1.0]), np.array([2, 2.0]))).sum()
    d.c(r"\log\mathcal N_2 = -1.8379 - 2\log 2", near(l2, -1.8379 - 2 * np.log(2) - 0.5 * (0 + 0.25), 4))
    d.c(r"= -1.8379 - 1.3863 - 0.125 = -3.3492", near(2 * np.log(2), 1.3863, 4) and near(l2, -3.3492, 4))
    e1 = np.log(0.6) + l1; e2 = np.log(0.4) + l2
    d.c(r"\ell_1 = \log 0.6 + \log\mathcal N_1 = -0.5108", near(np.log(0.6), -0.5108, 4) and near(e1, -2.2806, 4)
        and near(np.log(0.4), -0.9163, 4) and near(e2, -4.2655, 4))
    d.c(r"\log p(y) = \ell_1 + \log\big(1 + e^{\ell_2-\ell_1}\big)", near(np.logaddexp(e1, e2), e1 + np.log1p(np.exp(e2 - e1)), 9) and near(e2 - e1, -1.9849, 4))
    d.c(r"= -2.2806 + 0.1287 = -2.1519", near(np.log1p(np.exp(e2 - e1)), 0.1287, 4) and near(np.logaddexp(e1, e2), -2.1519, 4))
    d.c(r"したがって負の対数尤度は $L \approx 2.152$", near(-np.logaddexp(e1, e2), 2.152, 3) and near(1 / (1 + np.exp(-1.9849)), 0.879, 3))
    d.c(r"$\gamma_2 \approx 0.121$", near(np.exp(e2 - np.logaddexp(e1, e2)), 0.121, 3))
    d.c(r"本例 ($D=2$, $K=2$) では $2\times 5 = 10$", 2 * (2 * 2 + 1) == 10)


# ---------------------------------------------------------------- 10
@doc("10_daegak_gradient_ko.md")
def f10(d):
    D = 3; y, mu = RNG.normal(size=(2, D)); s = RNG.normal(size=D) * 0.4; sg = np.exp(s)
    Sigma = np.diag(sg ** 2); r = y - mu
    d.c(r"\log\mathcal N(y;\mu,\Sigma) = -\frac{D}{2}\log(2\pi) - \frac12\log|\Sigma|",
        near(np.log(np.prod(phi(y, mu, sg))), -D / 2 * LOG2PI - 0.5 * np.log(np.linalg.det(Sigma)) - 0.5 * r @ np.linalg.inv(Sigma) @ r, 9))
    d.c(r"(y-\mu)^\top\Sigma^{-1}(y-\mu) = \sum_{d=1}^{D}", np.allclose(np.linalg.inv(Sigma), np.diag(sg ** -2)) and near(r @ np.linalg.inv(Sigma) @ r, np.sum(r ** 2 / sg ** 2), 9))
    d.c(r"\log|\Sigma| = \sum_{d=1}^{D}\log\sigma_d = \sum_{d=1}^{D} s_d .", near(np.log(np.linalg.det(Sigma)), np.log(sg).sum(), 6))
    logN = lambda m, ss: np.log(np.prod(phi(y, m, np.exp(ss))))
    d.c(r"\log\mathcal N = -\frac{D}{2}\log(2\pi) - \frac12\sum_{d} s_d",
        near(logN(mu, s), -D / 2 * LOG2PI - 0.5 * s.sum() - 0.5 * np.sum(r ** 2 * np.exp(-2 * s)), 6))
    gm = np.array([fd(lambda v: logN(v, s), mu, k) for k in range(D)])
    d.c(r"\frac{\partial\log\mathcal N}{\partial\mu_d} = \frac{y_d-\mu_d}{\sigma_d^2}.", np.allclose(gm, r / sg ** 2, atol=1e-6))
    gs = np.array([fd(lambda v: logN(mu, v), s, k) for k in range(D)])
    d.c(r"\frac{\partial\log\mathcal N}{\partial s_d} = -\frac12 + (y_d-\mu_d)^2e^{-2s_d}", np.allclose(gs, -0.5 + r ** 2 / sg ** 2, atol=1e-6))
    d.c(r"\frac{\partial L}{\partial s_{kd}} = \gamma_k\Big(\frac12", np.allclose(-gs, 0.5 - r ** 2 / sg ** 2, atol=1e-6))
    y = np.array([1, 0.0]); mu = np.array([0.5, -0.5]); sg = np.array([1, 0.5]); s = np.log(sg)
    d.c(r"$\sigma = (1,\ 0.5)$, 즉 $s = (0,\ -0.6931)$", near(s[1], -0.6931, 4))
    d.c(r"- 정규화된 제곱 잔차", np.allclose((y - mu) ** 2 / sg ** 2, [0.25, 1]))
    d.c(r"- 로그밀도:", near(np.log(np.prod(phi(y, mu, sg))), -2.1163, 4))
    gm = [-fd(lambda v: np.log(np.prod(phi(y, v, sg))), mu, k) for k in range(2)]
    d.c(r"- $\partial L/\partial\mu = ", np.allclose(gm, [-0.5, -2], atol=1e-5))
    gs = [-fd(lambda v: np.log(np.prod(phi(y, mu, np.exp(v)))), s, k) for k in range(2)]
    d.c(r"- $\partial L/\partial s = (0.5 - 0.25", np.allclose(gs, [0.25, -0.5], atol=1e-5))


# ---------------------------------------------------------------- 11
@doc("11_jakobian_softmax_pl.md")
def f11(d):
    K = 4; a = RNG.normal(size=K); pi = softmax(a)
    J = np.array([[fd(lambda v: softmax(v)[k], a, j) for j in range(K)] for k in range(K)])
    Z = np.exp(a).sum()
    quot = np.array([[((k == j) * np.exp(a[k]) * Z - np.exp(a[k]) * np.exp(a[j])) / Z ** 2 for j in range(K)] for k in range(K)])
    d.c(r"= \frac{\delta_{kj}e^{a_k}Z - e^{a_k}e^{a_j}}{Z^2}", np.allclose(J, quot, atol=1e-6))
    d.c(r"= \pi_k\delta_{kj} - \pi_k\pi_j ,", np.allclose(J, np.diag(pi) - np.outer(pi, pi), atol=1e-6))
    d.c(r"czyli w zapisie macierzowym $J = \operatorname{diag}(\pi) - \pi\pi^\top$", np.allclose(J, J.T, atol=1e-6))
    d.c(r"a każdy jej wiersz sumuje się do zera", np.allclose(J.sum(1), 0, atol=1e-6))
    Jl = np.array([[fd(lambda v: np.log(softmax(v)[k]), a, j) for j in range(K)] for k in range(K)])
    d.c(r"\frac{\partial\log\pi_k}{\partial a_j} = \delta_{kj} - \pi_j .", np.allclose(Jl, np.eye(K) - pi[None, :], atol=1e-6))
    a = np.array([1, 2, 0.0]); pi = softmax(a)
    d.c(r"$Z = e + e^2 + 1 = 2{,}7183 + 7{,}3891 + 1 = 11{,}1073$", near(np.exp(a).sum(), 11.1073, 4) and near(np.exp(2), 7.3891, 4))
    d.c(r"\pi \approx (0{,}2447;\ 0{,}6652;\ 0{,}0900).", all(near(x, y, 4) for x, y in zip(pi, [0.2447, 0.6652, 0.0900])))
    d.c(r"np. $0{,}2447\cdot0{,}7553 \approx 0{,}1848$", near(0.2447 * 0.7553, 0.1848, 4))
    d.c(r"np. $-0{,}2447\cdot0{,}6652\approx-0{,}1628$", near(-0.2447 * 0.6652, -0.1628, 4))
    J = np.diag(pi) - np.outer(pi, pi)
    d.c(r" 0{,}1848 & -0{,}1628 & -0{,}0220\\", np.allclose(J[0], [0.1848, -0.1628, -0.0220], atol=1e-4))
    d.c(r"-0{,}1628 &  0{,}2227 & -0{,}0599\\", np.allclose(J[1], [-0.1628, 0.2227, -0.0599], atol=1e-4))
    d.c(r"-0{,}0220 & -0{,}0599 &  0{,}0819", np.allclose(J[2], [-0.0220, -0.0599, 0.0819], atol=1e-4))
    d.c(r"Kontrola: pierwszy wiersz $0{,}1848 - 0{,}1628 - 0{,}0220 = 0$", near(0.1848 - 0.1628 - 0.0220, 0, 4))
    # gradient of NLL wrt logits
    K = 3; a = RNG.normal(size=K); N = RNG.uniform(0.1, 1, size=K); pi = softmax(a); p = pi @ N; gam = pi * N / p
    g = np.array([fd(lambda v: -np.log(softmax(v) @ N), a, j) for j in range(K)])
    d.c(r"= -\sum_k\gamma_k(\delta_{kj}-\pi_j) = -\gamma_j + \pi_j\sum_k\gamma_k = \pi_j - \gamma_j ,", np.allclose(g, pi - gam, atol=1e-6))
    J = np.diag(pi) - np.outer(pi, pi)
    d.c(r"Równoważnie $\nabla_a L = J^\top(-\mathcal N/p)$", np.allclose(g, J.T @ (-N / p), atol=1e-6))
    pi = softmax([1, 2, 0.0]); gv = pi - np.array([0.1, 0.3, 0.6])
    d.c(r"\nabla_a L = \pi - \gamma \approx (0{,}1447;\ 0{,}3652;\ -0{,}5100),", np.allclose(gv, [0.1447, 0.3652, -0.5100], atol=1e-4))


# ---------------------------------------------------------------- 12
@doc("12_logsumexp_stabiel_nl.md")
def f12(d):
    l = np.array([-150.0, -148.5, -153.0])
    d.c(r"een kwadratische term van $\tfrac12(0{,}85/0{,}05)^2 = 144{,}5$", near(0.5 * (0.85 / 0.05) ** 2, 144.5, 6))
    d.c(r"terwijl $e^{-148{,}5}\approx 3\cdot10^{-65}$", near(np.exp(-148.5) / 1e-65, 3, 0)
        and near(float(np.finfo(np.float32).smallest_subnormal) / 1e-45, 1.4, 1) and np.all(np.exp(l.astype(np.float32)) == 0))
    x = RNG.normal(size=4) * 3; m = x.max()
    d.c(r"\log\sum_k e^{\ell_k} = m + \log\sum_k e^{\ell_k - m}.", near(np.log(np.exp(x).sum()), m + np.log(np.exp(x - m).sum()), 9))
    m = l.max()
    d.c(r"Hier is $m = -148{,}5$", m == -148.5 and np.allclose(l - m, [-1.5, 0, -4.5]))
    S = np.exp(l - m).sum()
    d.c(r"S &= e^{-1{,}5} + e^{0} + e^{-4{,}5} = 0{,}2231", near(np.exp(-1.5), 0.2231, 4) and near(np.exp(-4.5), 0.0111, 4) and near(S, 1.2342, 4))
    d.c(r"\log S &= 0{,}2105", near(np.log(S), 0.2105, 4))
    lse = m + np.log(S)
    d.c(r"\log p = m + \log S = -148{,}5 - 0{,}2105 = -148{,}7105", near(lse, -148.7105, 4))
    d.c(r"en de loss van dit voorbeeld is dus $L = -\log p = 148{,}7105$", near(-lse, 148.7105, 4))
    z = RNG.normal(size=3)
    gam = np.exp(l - m) / S
    d.c(r"\gamma = \frac{(0{,}2231;\ 1;\ 0{,}0111)}{1{,}2342}", np.allclose(gam, [0.1808, 0.8102, 0.0090], atol=1e-4)
        and np.allclose([fd(lambda v: np.log(np.exp(v).sum()), z, k) for k in range(3)], softmax(z), atol=1e-6))


# ---------------------------------------------------------------- 13
@doc("13_gradient_theo_lo_vi.md")
def f13(d):
    ys = RNG.normal(size=5); a = RNG.normal(size=2); mu = RNG.normal(size=2); s = RNG.normal(size=2) * 0.3
    Lb = lambda a_, mu_: np.mean([mix_nll(y, a_, mu_, s) for y in ys])
    pi = softmax(a); sg = np.exp(s)
    G = np.array([pi * phi(y, mu, sg) for y in ys]); G /= G.sum(1, keepdims=True)
    ga = [fd(lambda v: Lb(v, mu), a, k) for k in range(2)]
    gm = [fd(lambda v: Lb(a, v), mu, k) for k in range(2)]
    d.c(r"\frac{\partial L}{\partial a_k} = \pi_k - \frac1N\sum_n\gamma_{nk},\qquad",
        np.allclose(ga, pi - G.mean(0), atol=1e-6) and np.allclose(gm, np.mean(G * (mu[None] - ys[:, None]) / sg ** 2, 0), atol=1e-6))
    yv = RNG.normal()
    d.c(r"\log\frac{\mathcal N(y;0,1)}{\mathcal N(y;2,1)} = \frac{(y-2)^2 - y^2}{2} = 2 - 2y,",
        near(np.log(phi(yv, 0, 1) / phi(yv, 2, 1)), 2 - 2 * yv, 9) and near(((yv - 2) ** 2 - yv ** 2) / 2, 2 - 2 * yv, 9))
    ys = np.array([0, 1, 3.0]); mu = np.array([0, 2.0])
    G = np.array([0.5 * phi(y, mu, 1.0) for y in ys]); G /= G.sum(1, keepdims=True)
    d.c(r"| 1 | 0 | 2 | 0,8808 | 0,1192 |", near(G[0, 0], 0.8808, 4) and near(G[0, 1], 0.1192, 4))
    d.c(r"| 2 | 1 | 0 | 0,5000 | 0,5000 |", near(G[1, 0], 0.5, 4))
    d.c(r"| 3 | 3 | −4 | 0,0180 | 0,9820 |", near(G[2, 0], 0.0180, 4) and near(G[2, 1], 0.9820, 4))
    d.c(r"$(0{,}8808 + 0{,}5 + 0{,}0180)/3 = 0{,}4663$", near(G[:, 0].mean(), 0.4663, 4))
    Lb = lambda a_, mu_: np.mean([mix_nll(y, a_, mu_, [0, 0]) for y in ys])
    ga = [fd(lambda v: Lb(v, mu), [0, 0.0], k) for k in range(2)]
    d.c(r"\frac{\partial L}{\partial a_1} = 0{,}5 - 0{,}4663 = 0{,}0337", near(ga[0], 0.0337, 4) and near(ga[1], -0.0337, 4))
    d.c(r"(Tổng hai thành phần bằng $0$", near(sum(ga), 0, 6))
    gm = [fd(lambda v: Lb([0, 0.0], v), mu, k) for k in range(2)]
    d.c(r"= \frac13(-0{,}2436) = -0{,}0812 .", near(0.1192 * 2 + 0.5 - 0.9820, -0.2436, 4) and near(gm[1], -0.0812, 4))
    d.c(r"0{,}0180\cdot(-3)\big) = -0{,}5540 .", near(gm[0], -0.5540, 4))
    d.c(r"\mu_1 \leftarrow 0 - 0{,}1\cdot(-0{,}5540) = 0{,}0554,\qquad", near(0 - 0.1 * gm[0], 0.0554, 4))
    d.c(r"\mu_2 \leftarrow 2 - 0{,}1\cdot(-0{,}0812) = 2{,}0081 .", near(2 - 0.1 * gm[1], 2.0081, 4))


# ---------------------------------------------------------------- 14
@doc("14_karisim_ortalama_varyans_tr.md")
def f14(d):
    K = 3; pi = softmax(RNG.normal(size=K)); mu = RNG.normal(size=K); sg = np.exp(RNG.normal(size=K) * 0.3)
    xs = np.linspace(-15, 15, 300001); dens = sum(pi[k] * phi(xs, mu[k], sg[k]) for k in range(K)); dx = xs[1] - xs[0]
    m_num = np.sum(xs * dens) * dx; v_num = np.sum((xs - m_num) ** 2 * dens) * dx
    mb = pi @ mu
    d.c(r"\mathbb E[y] = \sum_{k=1}^{K}\pi_k\,\mathbb E[y\mid k] = \sum_{k=1}^{K}\pi_k\mu_k", near(m_num, mb, 6))
    d.c(r"\operatorname{Var}[y] = \mathbb E[y^2] - \bar\mu^2 = \sum_k\pi_k(\sigma_k^2 + \mu_k^2) - \bar\mu^2 .", near(v_num, pi @ (sg ** 2 + mu ** 2) - mb ** 2, 6))
    d.c(r"\operatorname{Var}[y] = \underbrace{\sum_k\pi_k\sigma_k^2}", near(v_num, pi @ sg ** 2 + pi @ (mu - mb) ** 2, 6))
    d.c(r"$\sum_k\pi_k(\mu_k-\bar\mu)^2 = \sum_k\pi_k\mu_k^2 - 2\bar\mu", near(pi @ (mu - mb) ** 2, pi @ mu ** 2 - 2 * mb * (pi @ mu) + mb ** 2, 9)
        and near(pi @ (mu - mb) ** 2, pi @ mu ** 2 - mb ** 2, 9))
    pi = np.array([0.3, 0.7]); mu = np.array([-1, 2.0]); sg = np.array([0.5, 1.0]); mb = pi @ mu
    d.c(r"- Ortalama: $\bar\mu = 0{,}3\cdot(-1) + 0{,}7\cdot 2 = -0{,}3 + 1{,}4 = 1{,}1$", near(mb, 1.1, 6))
    m2 = pi @ (sg ** 2 + mu ** 2)
    d.c(r"- İkinci moment: $0{,}3\,(0{,}25 + 1) + 0{,}7\,(1 + 4) = 0{,}375 + 3{,}5 = 3{,}875$", near(m2, 3.875, 6) and near(0.3 * 1.25, 0.375, 6))
    v = m2 - mb ** 2
    d.c(r"- Varyans: $3{,}875 - 1{,}1^2 = 3{,}875 - 1{,}21 = 2{,}665$", near(v, 2.665, 6))
    d.c(r"\underbrace{0{,}3\cdot0{,}25 + 0{,}7\cdot 1}_{0{,}775}", near(pi @ sg ** 2, 0.775, 6))
    d.c(r"+ \underbrace{0{,}3\,(-2{,}1)^2 + 0{,}7\,(0{,}9)^2}_{1{,}323\,+\,0{,}567\,=\,1{,}89}",
        np.allclose(mu - mb, [-2.1, 0.9]) and near(0.3 * 2.1 ** 2, 1.323, 6) and near(0.7 * 0.81, 0.567, 6) and near(pi @ (mu - mb) ** 2, 1.89, 6))
    d.c(r"Standart sapma: $\sqrt{2{,}665}\approx 1{,}632$", near(math.sqrt(2.665), 1.632, 3))
    N = phi(1.1, mu, sg)
    d.c(r"\approx 0{,}3\cdot 0{,}00012 + 0{,}7\cdot 0{,}2661 \approx 0{,}186,", near(N[0], 0.00012, 5) and near(N[1], 0.2661, 4) and near(pi @ N, 0.186, 3))
    d.c(r"$y=2$'de ise $\approx 0{,}7\cdot0{,}3989 = 0{,}279$", near(0.7 * 0.3989, 0.279, 3) and near(pi @ phi(2.0, mu, sg), 0.279, 3))
    # diagonal case: mixture covariance not diagonal in general
    pi = np.array([0.5, 0.5]); M = np.array([[0, 0], [1, 1.0]]); mb = pi @ M
    C = sum(pi[k] * np.eye(2) for k in range(2)) + sum(pi[k] * np.outer(M[k] - mb, M[k] - mb) for k in range(2))
    d.c(r"kovaryans matrisi, bileşenler arası terim", abs(C[0, 1]) > 0.1)


# ---------------------------------------------------------------- 15
@doc("15_dopredny_pruchod_cs.md")
def f15(d):
    W = np.array([[0.5, 0.25], [-0.5, 0], [1, 0.5], [0, -1], [0.2, 0.1], [-0.3, 0]])
    b = np.array([0.4, 0, 0.5, 0, 0, 0]); h = np.array([1, -2.0])
    d.c(r"**a)** Matice $W$ má rozměr $6\times 2$, tedy $12$ vah", W.shape == (6, 2) and W.size == 12 and W.size + b.size == 18)
    d.c(r"Obecně pro skrytou vrstvu šířky $H$ je to $3K\cdot H + 3K = 3K(H+1)$; zde $6\cdot 3 = 18$", 3 * 2 * (2 + 1) == 18)
    Wh = W @ h
    d.c(r"= \begin{pmatrix}0\\-0{,}5\\0\\2\\0\\-0{,}3\end{pmatrix},", np.allclose(Wh, [0, -0.5, 0, 2, 0, -0.3]))
    z = Wh + b
    d.c(r"z = Wh + b = \begin{pmatrix}0{,}4\\-0{,}5\\0{,}5\\2\\0\\-0{,}3\end{pmatrix}.", np.allclose(z, [0.4, -0.5, 0.5, 2, 0, -0.3]))
    pi = softmax(z[:2])
    d.c(r"\pi_1 = \frac{1}{1 + e^{-(a_1 - a_2)}} = \frac{1}{1+e^{-0{,}9}} \approx 0{,}7109", near(pi[0], 1 / (1 + np.exp(-(z[0] - z[1]))), 12)
        and near(pi[0], 0.7109, 4) and near(pi[1], 0.2891, 4))
    mu = z[2:4]; sg = np.exp(z[4:])
    d.c(r"Dále $\mu = (0{,}5;\ 2)$ a $\sigma = (e^{0};\ e^{-0{,}3}) \approx (1;\ 0{,}7408)$", np.allclose(mu, [0.5, 2]) and near(sg[1], 0.7408, 4))
    r = (1 - mu) / sg
    d.c(r"**c)** Normované odchylky: $r_1 = (1 - 0{,}5)/1 = 0{,}5$", near(r[0], 0.5, 6) and near(r[1], -1.3499, 4))
    N = phi(1.0, mu, sg)
    d.c(r"\mathcal N_1 &= 0{,}3989\cdot e^{-0{,}125} = 0{,}3989\cdot 0{,}8825", near(np.exp(-0.125), 0.8825, 4) and near(N[0], 0.3521, 4))
    d.c(r"\mathcal N_2 &= \frac{1}{0{,}7408\sqrt{2\pi}}", near(1 / (sg[1] * math.sqrt(2 * math.pi)), 0.5385, 4) and near(r[1] ** 2 / 2, 0.9111, 4)
        and near(np.exp(-0.9111), 0.4021, 4) and near(N[1], 0.2165, 4))
    w = pi * N; p = w.sum()
    d.c(r"Vážené hustoty: $\pi_1\mathcal N_1 \approx 0{,}2503$", near(w[0], 0.2503, 4) and near(w[1], 0.0626, 4))
    d.c(r"$p \approx 0{,}3129$. Tedy", near(p, 0.3129, 4))
    d.c(r"L = -\ln p \approx -\ln 0{,}3129 \approx 1{,}162 .", near(-np.log(p), 1.162, 3))
    d.c(r"Odpovědnosti vycházejí $\gamma \approx (0{,}800;\ 0{,}200)$", np.allclose(w / p, [0.8, 0.2], atol=1e-3))


# ---------------------------------------------------------------- 16
@doc("16_single_gaussian_full_cov_en.md")
def f16(d):
    y, mu = RNG.normal(size=2); sg = math.exp(RNG.normal() * 0.3)
    d.c(r"L = -\log\mathcal N(y;\mu,\sigma^2) = \log\sigma + \frac{(y-\mu)^2}{2\sigma^2} + \frac12\log(2\pi).",
        near(-np.log(phi(y, mu, sg)), math.log(sg) + (y - mu) ** 2 / (2 * sg ** 2) + 0.5 * LOG2PI, 9))
    d.c(r"L = \log 0.5 + \frac{0.3^2}{2\cdot 0.25} + 0.9189 = -0.6931 + 0.18 + 0.9189 = 0.4058",
        near(0.5 * LOG2PI, 0.9189, 4) and near(math.log(0.5), -0.6931, 4) and near(0.3 ** 2 / 0.5, 0.18, 6)
        and near(-np.log(phi(1.3, 1.0, 0.5)), 0.4058, 4))
    d.c(r"L = \frac{1}{2\sigma^2}(y-\mu)^2 + \text{const},",
        near(-np.log(phi(y, mu, sg)) - (y - mu) ** 2 / (2 * sg ** 2), -np.log(phi(y + 1.7, y + 1.7, sg)), 9))
    gs = fd(lambda v: -np.log(phi(y, mu, v[0])), [sg], 0)
    d.c(r"Setting $\partial L/\partial\sigma = \frac1\sigma - \frac{(y-\mu)^2}{\sigma^3} = 0$", near(gs, 1 / sg - (y - mu) ** 2 / sg ** 3, 6))
    d.c(r"point, the optimal standard deviation is $\sigma^\ast = |y-\mu|$", abs(fd(lambda v: -np.log(phi(y, mu, v[0])), [abs(y - mu)], 0)) < 1e-6)
    d.c(r"In the example above $\sigma^\ast = 0.3$", near(abs(1.3 - 1.0), 0.3, 9))
    D = 4
    Lc = np.tril(RNG.normal(size=(D, D)), -1) + np.diag(np.exp(RNG.normal(size=D)))
    S = Lc @ Lc.T
    d.c(r"\log|\Sigma_k| = \log|L_k|^2 = 2\sum_{d=1}^{D}\log (L_k)_{dd}.", near(np.log(np.linalg.det(S)), 2 * np.log(np.diag(Lc)).sum(), 9))
    d.c(r"deviations, so the head emits $K(2D+1) = 4\cdot 9 = 36$ numbers.", 4 * (2 * 4 + 1) == 36)
    nnz = int(np.count_nonzero(np.tril(np.ones((D, D)))))
    d.c(r"has $D(D-1)/2 = 6$ nonzero entries for $D = 4$", nnz == 6 and D * (D - 1) // 2 == 6)
    d.c(r"1 + D + \frac{D(D-1)}{2} = 1 + 4 + 6 = 11", 1 + D + nnz == 11)
    d.c(r"outputs, and the head emits $4\cdot 11 = 44$ numbers.", 4 * (1 + D + nnz) == 44)
    d.c(r"44\cdot 128 + 44 = 5632 + 44 = 5676", 4 * (1 + D + nnz) * 129 == 5676 and 44 * 128 == 5632)
    d.c(r"parameters, against $36\cdot 129 = 4644$", 36 * 129 == 4644)
    gm = fd(lambda v: -np.log(phi(y, v[0], sg)), [mu], 0)
    d.c(r"$\mu$ is $(\mu - y)/\sigma^2$, i.e. the squared-error gradient", near(gm, (mu - y) / sg ** 2, 6) and near(2 * (mu - y) / (2 * sg ** 2), (mu - y) / sg ** 2, 12))


def main():
    with open(os.path.join(HERE, "expected.json"), encoding="utf-8") as fh:
        expected = json.load(fh)
    md = sorted(f for f in os.listdir(HERE) if f.endswith(".md"))
    assert sorted(expected) == md == sorted(DOCS), (md, sorted(DOCS))
    failures = 0
    for name in md:
        d = Doc(name)
        DOCS[name](d)
        got = d.first_fail()
        status = "OK" if got == expected[name] else "MISMATCH"
        failures += status != "OK"
        print(f"{status:8s} {name}: first failing line = {got}, expected = {expected[name]}")
    n_null = sum(v is None for v in expected.values())
    print(f"correct files: {n_null}, planted files: {len(expected) - n_null}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
