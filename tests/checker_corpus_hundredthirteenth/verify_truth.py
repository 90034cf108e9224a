"""Independent truth checks for corpus113. For every file, math claims are checked line by line;
the first failing line must equal expected.json (null when nothing fails)."""
import json, os, math
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(0)


def num(s):
    return float(s.replace("{,}", ".").replace(",", ".").replace("−", "-"))


def close(value, printed):
    """value agrees with printed number to its printed precision"""
    p = printed.replace("{,}", ".").replace(",", ".")
    dec = len(p.split(".")[1]) if "." in p else 0
    return abs(value - float(p)) <= 0.5 * 10 ** (-dec) + 1e-9


def fd(f, x, h=1e-6):
    x = np.asarray(x, float)
    g = np.zeros_like(x)
    for i in range(x.size):
        e = np.zeros_like(x); e.flat[i] = h
        g.flat[i] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def softmax(t):
    t = np.asarray(t, float); e = np.exp(t - t.max()); return e / e.sum()


CHECKS = {}


def checks(name):
    def deco(fn):
        CHECKS[name] = fn
        return fn
    return deco


# ---------------------------------------------------------------- 01
@checks("01_td_fehler_de.md")
def c01():
    g = 0.9
    d = 1.0 + g * 3.0 - 2.0
    V = np.array([0.5, 1.0, 2.0, 0.0]); r = [1, 0, 2]
    dl = [r[t] + g * V[t + 1] - V[t] for t in range(3)]
    G0 = 1 + g * 0 + g * g * 2
    # identity G_t - V = sum gamma^k delta at random values
    Vr = rng.normal(size=5); Vr[-1] = 0; rr = rng.normal(size=4)
    G = 0; Gs = []
    for x in rr[::-1]:
        G = x + g * G; Gs.append(G)
    Gs = Gs[::-1]
    dd = [rr[t] + g * Vr[t + 1] - Vr[t] for t in range(4)]
    ident = abs(Gs[0] - Vr[0] - sum(g ** k * dd[k] for k in range(4))) < 1e-12
    return [
        ("= 1{,}0 + 2{,}7 - 2{,}0 = 1{,}7", close(d, "1.7") and close(g * 3.0, "2.7")),
        ("2{,}0 + 0{,}1 \\cdot 1{,}7 = 2{,}17", close(2 + 0.1 * d, "2.17")),
        ("und $V(s) \\leftarrow 1{,}9$", close(1 - 2, "-1.0") and close(2 + 0.1 * (-1), "1.9")),
        ("&= \\sum_{k=0}^{T-t-1} \\gamma^{k}\\,\\delta_{t+k}", ident),
        ("\\delta_0 &= 1 + 0{,}9", close(dl[0], "1.4")),
        ("\\delta_1 &= 0 + 0{,}9", close(dl[1], "0.8")),
        ("\\delta_2 &= 2 + 0 - 2{,}0 = 0", abs(dl[2]) < 1e-12),
        ("also $G_0 - V(s_0) = 2{,}12$", close(G0, "2.62") and close(G0 - 0.5, "2.12")),
        ("= 1{,}4 + 0{,}72 + 0 = 2{,}12", close(g * dl[1], "0.72") and close(dl[0] + g * dl[1] + g * g * dl[2], "2.12")),
    ]


# ---------------------------------------------------------------- 02
@checks("02_retour_n_pas_fr.md")
def c02():
    g = 0.9; R = [1, 0, 2, -1, 3]; V = [3.0, 2.5, 3.5, 4.0]
    G3 = R[0] + g * R[1] + g ** 2 * R[2] + g ** 3 * V[3]
    written3 = 1 + 0.9 * 0 + 0.81 * 2 + 0.81 * 4.0
    G0 = sum(g ** k * R[k] for k in range(5))
    return [
        ("On a $\\gamma^2 = 0{,}81$ et $\\gamma^3 = 0{,}729$", close(g ** 2, "0.81") and close(g ** 3, "0.729")),
        ("= 1 + 0{,}9 \\cdot 0 + 0{,}81 \\cdot 2 + 0{,}81 \\cdot 4{,}0", abs(written3 - G3) < 1e-9),
        ("G_{0:3} = 1 + 0 + 1{,}62 + 3{,}24 = 5{,}86", close(G3, "5.86")),
        ("= 1 + 0{,}9 \\cdot 2{,}5 = 3{,}25", close(R[0] + g * V[1], "3.25")),
        ("= 1 + 0 + 0{,}81 \\cdot 3{,}5 = 3{,}835", close(R[0] + g * R[1] + g * g * V[2], "3.835")),
        ("&= 1 + 1{,}62 - 0{,}729 + 1{,}9683", close(g ** 4 * 3, "1.9683")),
        ("&= 3{,}8593", close(G0, "3.8593")),
        ("= 3{,}0 + 0{,}1 \\cdot (5{,}86 - 3{,}0) = 3{,}286", close(3.0 + 0.1 * (G3 - 3.0), "3.286")),
    ]


# ---------------------------------------------------------------- 03
@checks("03_discounted_returns_en.md")
def c03():
    r = [1, 2, 0, -1, 5]; g = 0.95
    G = [0.0] * 6
    for t in range(4, -1, -1):
        G[t] = r[t] + g * G[t + 1]
    direct = sum(g ** k * r[k] for k in range(5))
    return [
        ("G_4 &= 5,", close(G[4], "5")),
        ("G_3 &= -1 + 0.95", close(G[3], "3.75")),
        ("G_2 &= 0 + 0.95", close(G[2], "3.5625")),
        ("G_1 &= 2 + 0.95", close(G[1], "5.384375")),
        ("G_0 &= 1 + 0.95", close(G[0], "6.11515625")),
        ("\\gamma^4 = 0.81450625", close(g ** 2, "0.9025") and close(g ** 3, "0.857375") and close(g ** 4, "0.81450625")),
        ("G_0 = 1 + 1.9 + 0 - 0.857375", close(direct, "6.11515625") and close(5 * g ** 4, "4.07253125")),
        ("\\frac{1}{0.05} = 20", close(1 / (1 - g), "20")),
        ("With $\\gamma = 0.99$ it is $100$", close(1 / (1 - 0.99), "100")),
        ("which for $\\gamma = 0.95$ is about $13.5$", close(math.log(2) / -math.log(g), "13.5") and close(g ** 14, "0.488") and g ** 13 > 0.5),
        ("= \\frac{23.81203125}{5} = 4.76240625", close(sum(G[:5]), "23.81203125") and close(sum(G[:5]) / 5, "4.76240625")),
    ]


# ---------------------------------------------------------------- 04
@checks("04_gae_examen_es.md")
def c04():
    g, l = 0.99, 0.95; r = [1, 0, 0, 1]; V = [0.5, 0.6, 0.4, 0.8, 0.0]
    d = [r[t] + g * V[t + 1] - V[t] for t in range(4)]
    A = [0.0] * 5
    for t in range(3, -1, -1):
        A[t] = d[t] + g * l * A[t + 1]
    return [
        ("\\delta_3 &= 1 + 0{,}99", close(d[3], "0.2")),
        ("\\delta_2 &= 0 + 0{,}99", close(g * 0.8, "0.792") and close(d[2], "0.392")),
        ("\\delta_1 &= 0 + 0{,}99", close(g * 0.4, "0.396") and close(d[1], "-0.204")),
        ("\\delta_0 &= 1 + 0{,}99", close(1 + g * 0.6, "1.594") and close(d[0], "1.094")),
        ("0{,}99 \\cdot 0{,}95 = 0{,}9405", close(g * l, "0.9405")),
        ("\\hat A_3 = \\delta_3 = 0{,}2", close(A[3], "0.2")),
        ("\\hat A_2 = 0{,}392 + 0{,}9405", close(g * l * 0.2, "0.1881") and close(A[2], "0.5801")),
        ("\\hat A_1 = -0{,}204 + 0{,}9405", close(g * l * 0.5801, "0.5456") and close(A[1], "0.3416")),
        ("Comprobación de $\\hat A_2$", close(d[2] + g * l * d[3], "0.5801")),
        ("\\hat R_3 = 0{,}2 + 0{,}8 = 1{,}0", close(A[3] + V[3], "1.0") and close(A[2] + V[2], "0.9801") and close(A[1] + V[1], "0.9416")),
        ("Obsérvese que $\\hat R_3 = r_3 = 1$", close(A[3] + V[3], "1")),
        ("\\hat A_0 = \\delta_0 + \\gamma\\lambda", close(g * l * 0.3416, "0.3513") and close(A[0], "1.4453")),
        ("\\hat R_0 = 1{,}4453 + 0{,}5 = 1{,}9453", close(A[0] + V[0], "1.9453")),
    ]


# ---------------------------------------------------------------- 05
def huber(d, k=1.0):
    return np.where(np.abs(d) <= k, 0.5 * d ** 2, k * (np.abs(d) - 0.5 * k))


@checks("05_perda_huber_pt.md")
def c05():
    k = 1.3
    pts = rng.uniform(-3, 3, size=20)
    deriv_ok = all(abs(fd(lambda x: huber(x[0], k), [p])[0] - np.clip(p, -k, k)) < 1e-6 for p in pts if abs(abs(p) - k) > 1e-3)
    cont_ok = abs(0.5 * k * k - k * (k - 0.5 * k)) < 1e-12
    d = np.array([0.4, -2.5, 1.2, -0.3])
    L = huber(d)
    # gradient of mean wrt Q where delta = y - Q
    y = rng.normal(size=4); Q = y - d
    gQ = fd(lambda q: huber(y - q).mean(), Q)
    return [
        ("\\;=\\; \\operatorname{clip}(\\delta, -\\kappa, \\kappa).", deriv_ok),
        ("o valor é $\\tfrac12\\kappa^2$", cont_ok),
        ("\\frac{\\partial L_\\kappa}{\\partial Q(s,a;\\theta)} = -\\operatorname{clip}", True),
        ("$\\delta_1 = 0{,}4$: ramo", close(L[0], "0.08")),
        ("$\\delta_2 = -2{,}5$: ramo", close(L[1], "2.0")),
        ("$\\delta_3 = 1{,}2$: ramo", close(L[2], "0.7")),
        ("$\\delta_4 = -0{,}3$: ramo", close(L[3], "0.045")),
        ("\\frac{2{,}825}{4} = 0{,}70625", close(L.sum(), "2.825") and close(L.mean(), "0.70625")),
        ("\\left(-0{,}1;\\ 0{,}25;\\ -0{,}25;\\ 0{,}075\\right)", np.allclose(gQ, [-0.1, 0.25, -0.25, 0.075], atol=1e-6)),
        ("$6{,}25$ vezes", close(2.5 / 4, "0.625") and close((2.5 / 4) / (0.4 / 4), "6.25")),
        ("com Huber fica limitado a $0{,}25$", close(1 / 4, "0.25")),
    ]


# ---------------------------------------------------------------- 06
@checks("06_td_semigradiente_it.md")
def c06():
    w = np.array([0.5, -0.2, 0.1]); x = np.array([1, 2, 0.]); xp = np.array([0, 1, 1.])
    r, g = 1.0, 0.9
    y = r + g * w @ xp
    L = lambda ww: (y - ww @ x) ** 2
    grad = fd(L, w)
    delta = y - w @ x
    Lfull = lambda ww: (r + g * ww @ xp - ww @ x) ** 2
    gfull = fd(Lfull, w)
    return [
        ("\\nabla_{\\mathbf w}\\, \\hat v(s,\\mathbf w) = \\mathbf x(s)", np.allclose(fd(lambda ww: ww @ x, w), x)),
        ("\\mathbf x(s)\\bigr)\\,\\mathbf x(s) = -\\delta\\,\\mathbf x(s),", np.allclose(grad, -delta * x, atol=1e-6)),
        ("- $\\hat v(s) = 0{,}5", close(w @ x, "0.1")),
        ("- $\\hat v(s') = 0 - 0{,}2", close(w @ xp, "-0.1")),
        ("quindi $\\delta = 0{,}91 - 0{,}1 = 0{,}81$", close(y, "0.91") and close(delta, "0.81")),
        ("\\begin{pmatrix} -0{,}81 \\\\ -1{,}62 \\\\ 0 \\end{pmatrix}", np.allclose(grad, [-0.81, -1.62, 0], atol=1e-6)),
        ("= \\begin{pmatrix} 0{,}581 \\\\ -0{,}038", np.allclose(w + 0.1 * 0.81 * x, [0.581, -0.038, 0.1])),
        ("il nuovo valore è $\\hat v(s) = 0{,}581 - 0{,}076 = 0{,}505$", close(np.array([0.581, -0.038, 0.1]) @ x, "0.505")),
        ("\\nabla_{\\mathbf w} L = -\\delta\\,\\bigl(\\mathbf x(s) - \\gamma", np.allclose(gfull, -delta * (x - g * xp), atol=1e-6)),
    ]


# ---------------------------------------------------------------- 07
def sig(t):
    return 1 / (1 + math.exp(-t))


@checks("07_log_trick_ru.md")
def c07():
    Ef = lambda t: 3 * sig(t) + (1 - sig(t))
    ok_deriv = all(abs(fd(lambda x: Ef(x[0]), [t])[0] - 2 * sig(t) * (1 - sig(t))) < 1e-6 for t in rng.normal(size=5))
    ok_score = all(abs(fd(lambda x: math.log(sig(x[0])), [t])[0] - (1 - sig(t))) < 1e-6 and
                   abs(fd(lambda x: math.log(1 - sig(x[0])), [t])[0] + sig(t)) < 1e-6 for t in rng.normal(size=5))
    s = sig(1.0)
    # generic identity on random categorical
    th = rng.normal(size=4); f = rng.normal(size=4)
    lhs = fd(lambda t: softmax(t) @ f, th)
    p = softmax(th); rhs = sum(p[x] * f[x] * (np.eye(4)[x] - p) for x in range(4))
    base = sum(p[x] * (np.eye(4)[x] - p) for x in range(4))
    return [
        ("= \\mathbb E_{x\\sim p_\\theta}\\!\\left[f(x)\\,\\nabla_\\theta \\log p_\\theta(x)\\right].", np.allclose(lhs, rhs, atol=1e-6)),
        ("= \\nabla_\\theta 1 = 0,", np.allclose(base, 0)),
        ("= 1 + 2\\sigma, \\qquad", ok_deriv),
        ("\\frac{d}{d\\theta}\\log(1-\\sigma(\\theta)) = -\\sigma", ok_score),
        ("&= \\sigma(1-\\sigma)(3 - 1) = 2\\sigma(1-\\sigma).", True),
        ("Численно, при $\\theta = 1$", close(s, "0.7311") and close(s * (1 - s), "0.1966") and close(2 * s * (1 - s), "0.3932")),
        ("При $\\theta = 0$ имеем", close(2 * sig(0) * (1 - sig(0)), "0.5")),
    ]


# ---------------------------------------------------------------- 08
@checks("08_softmax_pg_zh.md")
def c08():
    th = np.array([1., 0, -1])
    p = softmax(th)
    a = 1  # second action, 0-based
    score = fd(lambda t: math.log(softmax(t)[a]), th)
    lse = fd(lambda t: math.log(np.exp(t).sum()), th)
    new = th + 0.1 * 2 * np.array([0.6652, -0.7553, 0.0900])
    return [
        ("分母 $Z \\approx 4.0862$", close(math.e, "2.7183") and close(math.exp(-1), "0.3679") and close(np.exp(th).sum(), "4.0862")),
        ("\\pi_\\theta \\approx (0.6652,\\ 0.2447,\\ 0.0900).", all(close(v, s) for v, s in zip(p, ["0.6652", "0.2447", "0.0900"]))),
        ("= \\frac{e^{\\theta_b}}{\\sum_c e^{\\theta_c}} = \\pi_\\theta(b).", np.allclose(lse, p, atol=1e-6)),
        ("= \\pi_\\theta(b) - \\mathbb 1[a=b],", np.allclose(score, p - np.eye(3)[a], atol=1e-6)),
        ("= \\begin{pmatrix} 0.6652 \\\\ -0.7553", np.allclose(score, [0.6652, -0.7553, 0.0900], atol=5e-5)),
        ("= \\begin{pmatrix} 1.1330 \\\\ -0.1511", np.allclose(new, [1.1330, -0.1511, -0.9820], atol=5e-5)),
    ]


# ---------------------------------------------------------------- 09
@checks("09_entropy_bonus_ja.md")
def c09():
    Hf = lambda t: -(softmax(t) * np.log(softmax(t))).sum()
    th = rng.normal(size=4); p = softmax(th)
    gH = fd(Hf, th)
    jac = fd(lambda t: softmax(t)[2], th)
    th0 = np.array([1., 0, -1]); p0 = softmax(th0); H0 = Hf(th0)
    g0 = fd(Hf, th0)
    gu = fd(Hf, np.zeros(3))
    return [
        ("\\pi_a\\left(\\mathbb 1[a=k] - \\pi_k\\right)$ なので", np.allclose(jac, p[2] * (np.eye(4)[2] - p), atol=1e-6)),
        ("&= -\\pi_k\\left(\\log \\pi_k + H\\right).", np.allclose(gH, -p * (np.log(p) + Hf(th)), atol=1e-6)),
        ("= H - H = 0$ となり", abs(gH.sum()) < 1e-6),
        ("$\\log \\pi \\approx (-0.4076", all(close(v, s) for v, s in zip(p0, ["0.6652", "0.2447", "0.0900"])) and
         all(close(v, s) for v, s in zip(np.log(p0), ["-0.4076", "-1.4076", "-2.4076"]))),
        ("H \\approx 0.6652 \\cdot 0.4076", close(H0, "0.8324")),
        ("最大値 $\\log 3 \\approx 1.0986$", close(math.log(3), "1.0986") and H0 < math.log(3)),
        ("\\approx \\begin{pmatrix} -0.2826", np.allclose(g0, [-0.2826, 0.1408, 0.1418], atol=5e-5)),
        ("-\\beta \\nabla_\\theta H \\approx (0.0028", np.allclose(-0.01 * g0, [0.0028, -0.0014, -0.0014], atol=5e-5)),
        ("= -\\tfrac1K(-\\log K + \\log K) = 0", np.allclose(gu, 0, atol=1e-8)),
    ]


# ---------------------------------------------------------------- 10
def clipobj(r, A, e=0.2):
    return min(r * A, np.clip(r, 1 - e, 1 + e) * A)


@checks("10_ppo_clip_ko.md")
def c10():
    S = [(1.5, 2.0), (0.6, -1.0), (0.9, 1.5), (1.3, -0.5)]
    v = [clipobj(r, A) for r, A in S]
    # gradient zero iff clipped branch chosen with active clip
    def gzero(r, A):
        return abs(fd(lambda x: clipobj(x[0], A), [r])[0]) < 1e-8
    return [
        ("$\\min(3.0,\\ 2.4) = 2.4$", close(v[0], "2.4") and gzero(1.5, 2.0)),
        ("$\\min(-0.6,\\ -0.8) = -0.8$", close(v[1], "-0.8") and gzero(0.6, -1.0)),
        ("$0.9 \\times 1.5 = 1.35$", close(v[2], "1.35") and not gzero(0.9, 1.5)),
        ("\\min(-0.65,\\ -0.6) = -0.6,", abs(v[3] - (-0.6)) < 1e-9),
        ("이 샘플도 클리핑 항이 선택되어", gzero(1.3, -0.5)),
        ("= \\frac{2.35}{4} = 0.5875", close(sum(v), "2.35") and close(np.mean(v), "0.5875")),
    ]


# ---------------------------------------------------------------- 11
@checks("11_reinforce_baseline_pl.md")
def c11():
    q = np.array([2., 1, 0]); th = np.zeros(3)
    J = lambda t: softmax(t) @ q
    gJ = fd(J, th)
    p = softmax(th)
    ghat = (2 - 0.5) * (np.eye(3)[0] - p)
    Eg = sum(p[a] * (q[a] - 0.5) * (np.eye(3)[a] - p) for a in range(3))
    thr = rng.normal(size=3); pr = softmax(thr)
    formula_ok = np.allclose(fd(J, thr), pr * (q - J(thr)), atol=1e-6)
    new = th + 0.1 * ghat
    pn = softmax(new)
    return [
        ("= \\pi_k\\,(q_k - J).", formula_ok),
        ("więc $J = \\tfrac13(2 + 1 + 0) = 1$", close(J(th), "1")),
        ("\\left(\\tfrac13,\\ 0,\\ -\\tfrac13\\right).", np.allclose(gJ, [1 / 3, 0, -1 / 3], atol=1e-6)),
        ("= (1,\\ -0{,}5,\\ -0{,}5).", np.allclose(ghat, [1, -0.5, -0.5])),
        ("= \\tfrac13\\,(1,\\ 0,\\ -1),", np.allclose(Eg, np.array([1, 0, -1]) / 3)),
        ("\\theta \\leftarrow \\theta + \\alpha \\hat g = (0{,}1", np.allclose(new, [0.1, -0.05, -0.05])),
        ("suma $\\approx 3{,}00763$", close(math.exp(0.1), "1.10517") and close(math.exp(-0.05), "0.95123") and close(np.exp(new).sum(), "3.00763")),
        ("\\pi \\approx (0{,}36746", all(close(v, s) for v, s in zip(pn, ["0.36746", "0.31627", "0.31627"]))),
        ("Oczekiwana nagroda wzrosła do", close(J(new), "1.0512")),
        ("po kroku $J$ rośnie z $1$ do około $1{,}0512$", close(J(new), "1.0512")),
    ]


# ---------------------------------------------------------------- 12
@checks("12_gae_grensgevallen_nl.md")
def c12():
    g = 0.9
    # telescoping identity for k terms at random values
    k = 5; r = rng.normal(size=k); V = rng.normal(size=k + 1)
    d = r + g * V[1:] - V[:-1]
    tel = abs(sum(g ** l * d[l] for l in range(k)) - (sum(g ** l * r[l] for l in range(k)) + g ** k * V[k] - V[0])) < 1e-12
    # lambda-return weighting: coefficient of delta_{t+l}
    lam = 0.7; L = 8
    coef_ok = all(abs((1 - lam) * sum(lam ** (n - 1) for n in range(l + 1, 4000)) - lam ** l) < 1e-9 for l in range(L))
    wsum = abs((1 - lam) * sum(lam ** (n - 1) for n in range(1, 4000)) - 1) < 1e-12
    rr = [1, 0, 2]; VV = [0.5, 3.0, 2.0, 1.0]
    dd = [rr[t] + g * VV[t + 1] - VV[t] for t in range(3)]
    A = dd[0] + 0.45 * 0.7 + 0.2025 * 0.9
    return [
        ("&= \\sum_{l=0}^{k-1} \\gamma^l r_{t+l} + \\gamma^k V(s_{t+k}) - V(s_t),", tel),
        ("= \\sum_{l=0}^{\\infty} \\gamma^l \\delta_{t+l}\\,(1-\\lambda)\\frac{\\lambda^{l}}{1-\\lambda},", coef_ok),
        ("met gewichten $(1-\\lambda)\\lambda^{n-1}$ die optellen tot $1$", wsum),
        ("\\delta_0 = 1 + 0{,}9 \\cdot 3{,}0 - 0{,}5 = 3{,}2,", close(dd[0], "3.2")),
        ("\\delta_1 = 0 + 0{,}9", close(dd[1], "0.7")),
        ("\\delta_2 = 2 + 0{,}9 \\cdot 1{,}0 - 2{,}0 = 0{,}9", close(dd[2], "0.9")),
        ("en $(\\gamma\\lambda)^2 = 0{,}2025$", close(g * 0.5, "0.45") and close((g * 0.5) ** 2, "0.2025")),
        ("\\hat A_0 = 3{,}2 + 0{,}45", close(dd[0] + 0.45 * dd[1] + 0.2025 * dd[2], "3.69725")),
        ("Met $\\lambda = 0$ vinden we", close(dd[0], "3.2")),
    ]


# ---------------------------------------------------------------- 13
@checks("13_actor_critic_kich_thuoc_vi.md")
def c13():
    W1 = np.zeros((64, 8)); b1 = np.zeros(64); W2 = np.zeros((64, 64)); b2 = np.zeros(64)
    Wp = np.zeros((4, 64)); bp = np.zeros(4); wv = np.zeros(64); bv = np.zeros(1)
    X = np.zeros((32, 8))
    H1 = np.tanh(X @ W1.T + b1); H2 = np.tanh(H1 @ W2.T + b2)
    logits = H2 @ Wp.T + bp; vals = H2 @ wv
    logp = logits[np.arange(32), np.zeros(32, int)]
    n1 = W1.size + b1.size; n2 = W2.size + b2.size; na = Wp.size + bp.size; nc = wv.size + bv.size
    T, N = 128, 8
    obs = np.zeros((T, N, 8)); values = np.zeros((T + 1, N))
    return [
        ("\\in \\mathbb R^{32 \\times 64}$ và tương tự", H1.shape == (32, 64) and H2.shape == (32, 64)),
        ("Logits có dạng", logits.shape == (32, 4) and vals.shape == (32,)),
        ("là một vectơ dài $32$", logp.shape == (32,)),
        ("nên có $8 \\cdot 64 + 8 = 520$ tham số", n1 == 520),
        ("$64 \\cdot 64 + 64 = 4160$", n2 == 4160),
        ("$64 \\cdot 4 + 4 = 260$", na == 260),
        ("$64 + 1 = 65$ tham số", nc == 65),
        ("520 + 4160 + 260 + 65 = 5005", n1 + n2 + na + nc == 5005),
        ("2\\,(520 + 4160) + 260 + 65 = 9685", 2 * (n1 + n2) + na + nc == 9685),
        ("tổng $8192$ số thực", obs.size == 8192),
        ("(T+1, N) = (129, 8)", values.shape == (129, 8)),
        ("T \\cdot N = 1024$ mẫu", T * N == 1024 and T * N // 4 == 256),
        ("$4 \\cdot 4 = 16$ bước gradient", 4 * 4 == 16),
    ]


# ---------------------------------------------------------------- 14
@checks("14_gauss_politika_tr.md")
def c14():
    def logpi(mu, s, a):
        return -(a - mu) ** 2 / (2 * s * s) - math.log(s) - 0.5 * math.log(2 * math.pi)
    mu, s, a = 0.5, 0.8, 1.7
    dmu = fd(lambda x: logpi(x[0], s, a), [mu])[0]
    ds = fd(lambda x: logpi(mu, x[0], a), [s])[0]
    de = fd(lambda x: logpi(mu, math.exp(x[0]), a), [math.log(s)])[0]
    # random point symbolic checks
    m2, s2, a2 = rng.normal(), abs(rng.normal()) + 0.3, rng.normal()
    sym_mu = abs(fd(lambda x: logpi(x[0], s2, a2), [m2])[0] - (a2 - m2) / s2 ** 2) < 1e-6
    sym_s = abs(fd(lambda x: logpi(m2, x[0], a2), [s2])[0] - ((a2 - m2) ** 2 / s2 ** 3 - 1 / s2)) < 1e-5
    sym_e = abs(fd(lambda x: logpi(m2, math.exp(x[0]), a2), [math.log(s2)])[0] - ((a2 - m2) ** 2 / s2 ** 2 - 1)) < 1e-5
    w = np.array([0.3, -0.1]); sv = np.array([1., -2])
    gw = fd(lambda ww: logpi(ww @ sv, s, a), w)
    return [
        ("= \\frac{a-\\mu}{\\sigma^2}.", sym_mu),
        ("- \\frac{1}{\\sigma}.", sym_s),
        ("= \\frac{(a-\\mu)^2}{\\sigma^2} - 1 .", sym_e),
        ("beklentisi $\\sigma^2/\\sigma^2 - 1 = 0$", True),
        ("= \\frac{1{,}2}{0{,}64} = 1{,}875", close(dmu, "1.875")),
        ("= 2{,}8125 - 1{,}25 = 1{,}5625", close(1.44 / 0.512, "2.8125") and close(ds, "1.5625")),
        ("- 1 = 1{,}25 .", close(de, "1.25")),
        ("Gerçekten de $0{,}8 \\cdot 1{,}5625 = 1{,}25$", close(0.8 * 1.5625, "1.25")),
        ("= -1{,}8208 .", close(-math.log(0.8), "0.2231") and close(0.5 * math.log(2 * math.pi), "0.9189") and close(logpi(mu, s, a), "-1.8208")),
        ("\\frac{a - \\mathbf w^\\top \\mathbf s}{\\sigma^2}\\, \\mathbf s .", np.allclose(gw, (a - w @ sv) / s ** 2 * sv, atol=1e-6)),
        ("için $\\mu = 0{,}3 + 0{,}2 = 0{,}5$", close(w @ sv, "0.5")),
        ("= (1{,}875;\\ -3{,}75)$", np.allclose(gw, [1.875, -3.75], atol=1e-6)),
    ]


# ---------------------------------------------------------------- 15
@checks("15_ztrata_hodnoty_cs.md")
def c15():
    V = np.array([1.0, 0.5, -0.2, 2.0]); R = np.array([1.5, 0.0, 0.3, 1.0]); Vo = np.array([0.9, 0.6, 0.0, 1.5])
    L = lambda v: ((v - R) ** 2).mean()
    g = fd(L, V)
    Vc = Vo + np.clip(V - Vo, -0.2, 0.2)
    Lc = np.maximum((V - R) ** 2, (Vc - R) ** 2).mean()
    return [
        ("Rozdíly jsou $V - R", np.allclose(V - R, [-0.5, 0.5, -0.5, 1.0]) and np.allclose((V - R) ** 2, [0.25, 0.25, 0.25, 1.0])),
        ("= \\frac{1{,}75}{4} = 0{,}4375", close(L(V), "0.4375")),
        ("\\frac{\\partial L_V}{\\partial V_i} = 2\\,(V_i - R_i),", np.allclose(g, 2 * (V - R), atol=1e-6)),
        ("= (-1{,}0;\\ 1{,}0;\\ -1{,}0;\\ 2{,}0).", np.allclose(g, [-1, 1, -1, 2], atol=1e-6)),
        ("V - V_{\\text{old}} = (0{,}1", np.allclose(V - Vo, [0.1, -0.1, -0.2, 0.5])),
        ("V^{\\text{clip}} = (1{,}0;\\ 0{,}5;\\ -0{,}2;\\ 1{,}7).", np.allclose(Vc, [1.0, 0.5, -0.2, 1.7])),
        ("Čtverce chyb ořezaných hodnot", np.allclose((Vc - R) ** 2, [0.25, 0.25, 0.25, 0.49])),
        ("tedy $L_V^{\\text{clip}} = 0{,}4375$", close(Lc, "0.4375")),
    ]


# ---------------------------------------------------------------- 16
@checks("16_ppo_gradient_en.md")
def c16():
    th = np.array([0.5, 0, -0.5]); p = softmax(th); po = 0.40; e = 0.2
    def ell(t, A):
        r = softmax(t)[0] / po
        return min(r * A, np.clip(r, 1 - e, 1 + e) * A)
    r = p[0] / po
    gpos = fd(lambda t: ell(t, 2.0), th)
    gneg = fd(lambda t: ell(t, -2.0), th)
    tr = rng.normal(size=3)
    ratio_ok = np.allclose(fd(lambda t: softmax(t)[0] / po, tr), softmax(tr)[0] / po * (np.eye(3)[0] - softmax(tr)), atol=1e-6)
    return [
        ("= r(\\theta)\\,\\nabla_\\theta \\log \\pi_\\theta(a\\mid s).", ratio_ok),
        ("the sum is $\\approx 3.2553$", close(math.exp(0.5), "1.6487") and close(math.exp(-0.5), "0.6065") and close(np.exp(th).sum(), "3.2553")),
        ("\\pi_\\theta \\approx (0.5065,\\ 0.3072,\\ 0.1863).", all(close(v, s) for v, s in zip(p, ["0.5065", "0.3072", "0.1863"]))),
        ("\\approx 0.5065/0.40 \\approx 1.2662", close(r, "1.2662") and r > 1 + e),
        ("The min is $2.4$, the clipped branch", close(2 * r, "2.5324") and np.allclose(gpos, 0, atol=1e-8)),
        ("The min is $-2.5324$, the unclipped branch", close(-2 * r, "-2.5324") and clipobj(r, -2.0) < -2.4),
        ("e_1 - \\pi_\\theta \\approx (0.4935", np.allclose(np.eye(3)[0] - p, [0.4935, -0.3072, -0.1863], atol=5e-5)),
        ("\\approx \\begin{pmatrix} -1.2498", np.allclose(gneg, [-1.2498, 0.7779, 0.4718], atol=5e-5)),
        ("Note the components sum to zero", abs(gneg.sum()) < 1e-6),
    ]


def main():
    expected = json.load(open(os.path.join(HERE, "expected.json"), encoding="utf-8"))
    mds = sorted(f for f in os.listdir(HERE) if f.endswith(".md"))
    assert sorted(expected) == mds == sorted(CHECKS), (sorted(expected), mds, sorted(CHECKS))
    allok = True
    for f in mds:
        text = open(os.path.join(HERE, f), encoding="utf-8").read()
        lines = text.split("\n")
        fails = []
        for sub, ok in CHECKS[f]():
            s = sub.rstrip("\n")
            hits = [i + 1 for i, ln in enumerate(lines) if s in ln]
            assert len(hits) == 1, f"{f}: substring {sub!r} matched lines {hits}"
            if not ok:
                fails.append(hits[0])
        first = min(fails) if fails else None
        status = "OK" if first == expected[f] else "MISMATCH"
        allok &= status == "OK"
        print(f"{status} {f}: first failing line {first}, expected {expected[f]}")
    assert allok
    print("ALL OK")


if __name__ == "__main__":
    main()
