"""Independent truth check for the corpus: walks math claims line by line and
asserts that the first failing line equals expected.json."""
import json, os, math, re
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(0)
SLACK = 1.5e-4


def _num(s):
    s = s.replace("{,}", ".").replace("−", "-")
    m = re.search(r"-?\d+(?:[.,]\d+)?", s)
    return m.group(0).replace(",", ".")


def parse(s):
    return float(_num(s))


def V(line, printed, truth):
    """printed must appear in line; its value must match truth to printed precision."""
    assert printed in line, f"{printed!r} not in line {line!r}"
    s = _num(printed)
    d = len(s.split(".")[1]) if "." in s else 0
    return abs(parse(printed) - truth) <= 0.5 * 10 ** (-d) + SLACK


def allV(line, pairs):
    return all(V(line, p, t) for p, t in pairs)


def softmax(z, T=1.0):
    z = np.asarray(z, float) / T
    e = np.exp(z - z.max())
    return e / e.sum()


def fd(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)


def fd_grad(f, z, h=1e-6):
    g = np.zeros_like(z)
    for j in range(len(z)):
        e = np.zeros_like(z); e[j] = h
        g[j] = (f(z + e) - f(z - e)) / (2 * h)
    return g


def close(a, b, tol=1e-6):
    return np.allclose(a, b, atol=tol, rtol=tol)


def rand_dist(n):
    x = rng.random(n) + 0.05
    return x / x.sum()


# ---------------------------------------------------------------- 01
def checks_01():
    z0 = np.array([2., 1., 0.])
    p1 = softmax(z0)
    zb = p1 @ z0
    dp = p1 * (zb - z0)

    def sym_logZ(_):
        z = rng.normal(size=5); T = 0.7
        lZ = lambda t: np.log(np.exp(z / t).sum())
        p = softmax(z, T)
        return close(fd(lZ, T), -(p @ z) / T ** 2)

    def sym_dlogp(_):
        z = rng.normal(size=5); T = 1.3
        p = softmax(z, T); zb_ = p @ z
        ok1 = close(fd_grad(lambda t: np.log(softmax(z, t[0])), np.array([T])).ravel() if False else
                    np.array([fd(lambda t: np.log(softmax(z, t))[i], T) for i in range(5)]), (zb_ - z) / T ** 2)
        ok2 = close(np.array([fd(lambda t: softmax(z, t)[i], T) for i in range(5)]), p * (zb_ - z) / T ** 2)
        return ok1 and ok2

    def sym_sum0(_):
        z = rng.normal(size=6); T = 0.9; p = softmax(z, T)
        return abs((p * ((p @ z) - z) / T ** 2).sum()) < 1e-12

    def beta_rem(_):
        z = rng.normal(size=4); b = 0.8
        p = softmax(z * b)
        num = np.array([fd(lambda bb: softmax(z * bb)[i], b) for i in range(4)])
        return close(num, p * (z - p @ z))

    return [
        (r"\frac{\partial}{\partial T}\log Z(T) = \frac{1}{Z}", sym_logZ),
        (r"\frac{\partial \log p_i}{\partial T} = -\frac{z_i}{T^2} + \frac{\bar z}{T^2}", sym_dlogp),
        (r"Außerdem gilt $\sum_i", sym_sum0),
        (r"\exp(z) = (7{,}3891", lambda L: allV(L, [("7{,}3891", np.e ** 2), ("2{,}7183", np.e), ("11{,}1073", np.exp(z0).sum())])),
        (r"p = (0{,}6652;\ 0{,}2447;\ 0{,}0900).", lambda L: allV(L, [("0{,}6652", p1[0]), ("0{,}2447", p1[1]), ("0{,}0900", p1[2])])),
        (r"Der Erwartungswert der Logits ist", lambda L: V(L, "1{,}5752", zb)),
        (r"&= 0{,}6652\cdot(1{,}5752 - 2) = -0{,}2826", lambda L: V(L, "-0{,}2826", dp[0]) and V(L, "-0{,}2826", 0.6652 * (1.5752 - 2))),
        (r"&= 0{,}2447\cdot(1{,}5752 - 1) = 0{,}1408", lambda L: V(L, "0{,}1408", dp[1]) and V(L, "0{,}1408", 0.2447 * 0.5752)),
        (r"&= 0{,}0900\cdot(1{,}5752 - 0) = 0{,}1418", lambda L: V(L, "0{,}1418", dp[2]) and V(L, "0{,}1418", 0.09 * 1.5752)),
        (r"Die Summe ist", lambda L: abs(-0.2826 + 0.1408 + 0.1418) < 1e-12),
        (r"(4,\ 2,\ 0)", lambda L: close(z0 / 0.5, [4, 2, 0])),
        (r"p(0{,}5) = \frac{(54{,}598", lambda L: allV(L, [("54{,}598", np.e ** 4), ("7{,}389", np.e ** 2), ("62{,}987", np.exp(z0 / 0.5).sum()),
                                                          ("0{,}8668", softmax(z0, .5)[0]), ("0{,}1173", softmax(z0, .5)[1]), ("0{,}0159", softmax(z0, .5)[2])])),
        (r"\partial p_i/\partial\beta = p_i (z_i - \bar z)", beta_rem),
    ]


# ---------------------------------------------------------------- 02
def checks_02():
    p = np.array([.35, .25, .15, .12, .08, .05])

    def kl_ident(_):
        q = np.sort(rand_dist(6))[::-1]; k = 3; M = q[:k].sum(); t = q[:k] / M
        return abs((t * np.log(t / q[:k])).sum() + np.log(M)) < 1e-12

    M4 = p[:4].sum()
    return [
        (r"On vérifie d'abord", lambda L: abs(p.sum() - 1) < 1e-12),
        (r"On garde {le, un, ce}", lambda L: V(L, "0{,}75", p[:3].sum())),
        (r"= (0{,}4667;\ 0{,}3333;\ 0{,}2000)", lambda L: allV(L, [("0{,}4667", .35 / .75), ("0{,}3333", .25 / .75), ("0{,}2000", .15 / .75)])),
        (r"et $0{,}4667 + 0{,}3333 + 0{,}2000 = 1$", lambda L: abs(0.4667 + 0.3333 + 0.2 - 1) < 1e-9 and abs(.35 / .25 - 1.4) < 1e-12
                                                      and abs(0.4667 / 0.3333 - 1.4) < 2e-3),
        (r"M_4 = 0{,}35 + 0{,}25 + 0{,}15 + 0{,}12 =", lambda L: V(L, "0{,}85", M4)),
        (r"\tilde p_4(\text{le}) &=", lambda L: V(L, "0{,}4118", .35 / M4)),
        (r"\tilde p_4(\text{un}) &=", lambda L: V(L, "0{,}2941", .25 / M4)),
        (r"\tilde p_4(\text{ce}) &=", lambda L: V(L, "0{,}1765", .15 / M4)),
        (r"\tilde p_4(\text{son}) &=", lambda L: V(L, "0{,}1412", .12 / M4)),
        (r"= -\log M_k \sum_{x\in S_k}", kl_ident),
        (r"D_{\mathrm{KL}}(\tilde p_3\|p) = -\ln 0{,}75", lambda L: V(L, "0{,}2877", -np.log(.75)) and V(L, "0{,}1625", -np.log(M4))),
    ]


# ---------------------------------------------------------------- 03
def checks_03():
    p = np.array([.42, .23, .14, .09, .07, .05]); C = np.cumsum(p)
    s = np.sqrt(p); q = s / s.sum(); Cq = np.cumsum(q)
    return [
        (r"Tomemos $p = (0{,}42", lambda L: abs(p.sum() - 1) < 1e-12),
        (r"C = (0{,}42;\ 0{,}65", lambda L: close(C, [.42, .65, .79, .88, .95, 1.0])),
        (r"la primera suma acumulada $\ge 0{,}8$ es $C_4", lambda L: int(np.argmax(C >= 0.8)) + 1 == 4 and C[2] < 0.8),
        (r"= (0{,}4773;\ 0{,}2614;\ 0{,}1591;\ 0{,}1023).", lambda L: allV(L, [("0{,}4773", p[0] / C[3]), ("0{,}2614", p[1] / C[3]),
                                                                               ("0{,}1591", p[2] / C[3]), ("0{,}1023", p[3] / C[3])])),
        (r"Comprobación: $0{,}4773", lambda L: abs(0.4773 + 0.2614 + 0.1591 + 0.1023 - 1.0001) < 1e-9),
        (r"ya $C_2 = 0{,}65 \ge 0{,}6$", lambda L: int(np.argmax(C >= 0.6)) + 1 == 2),
        (r"= (0{,}6462;\ 0{,}3538).", lambda L: allV(L, [("0{,}6462", .42 / .65), ("0{,}3538", .23 / .65)])),
        (r"\sqrt{p} = (0{,}6481", lambda L: allV(L, [("0{,}6481", s[0]), ("0{,}4796", s[1]), ("0{,}3742", s[2]), ("0{,}3000", s[3]),
                                                    ("0{,}2646", s[4]), ("0{,}2236", s[5]), ("2{,}2900", s.sum())])),
        (r"p^{(2)} = (0{,}2830", lambda L: allV(L, [(a, b) for a, b in zip(["0{,}2830", "0{,}2094", "0{,}1634", "0{,}1310", "0{,}1155", "0{,}0976"], q)])),
        (r"Las sumas acumuladas son ahora", lambda L: allV(L, [("0{,}4924", Cq[1]), ("0{,}6558", Cq[2]), ("0{,}7868", Cq[3]), ("0{,}9024", Cq[4])])
                                                 and int(np.argmax(Cq >= 0.8)) + 1 == 5),
        (r"\tilde p^{(2)} = (0{,}3136", lambda L: allV(L, [(a, b) for a, b in zip(["0{,}3136", "0{,}2321", "0{,}1811", "0{,}1452", "0{,}1280"], q[:5] / Cq[4])])),
    ]


# ---------------------------------------------------------------- 04
def checks_04():
    A = [.5, .4, .6]; B = [.5, .6, .5, .7, .9]
    sA = sum(map(math.log, A)); sB = sum(map(math.log, B))
    lpA = (8 / 6) ** 0.6; lpB = (10 / 6) ** 0.6
    return [
        (r"\ln 0{,}5 = -0{,}6931,\quad", lambda L: allV(L, [("-0{,}6931", math.log(.5)), ("-0{,}9163", math.log(.4)), ("-0{,}5108", math.log(.6)),
                                                          ("-0{,}3567", math.log(.7)), ("-0{,}1054", math.log(.9))])),
        (r"\log P(A) &=", lambda L: V(L, "-2{,}1203", sA)),
        (r"\log P(B) &=", lambda L: V(L, "-2{,}3591", sB)),
        (r"Equivalentemente, $P(A)", lambda L: abs(np.prod(A) - 0.12) < 1e-12 and abs(np.prod(B) - 0.0945) < 1e-12 and V(L, "-2{,}1203", math.log(.12))),
        (r"**(b)** Sem penalidade vence $A$", lambda L: sA > sB),
        (r"\frac{-2{,}1203}{3} = -0{,}7068", lambda L: V(L, "-0{,}7068", sA / 3) and V(L, "-0{,}4718", sB / 5)),
        (r"e $B$ venceria com folga", lambda L: sB / 5 > sA / 3),
        (r"\mathrm{lp}(A) = \left(\frac{5+3}{6}", lambda L: V(L, "1{,}3333", 8 / 6) and V(L, "1{,}1884", lpA)),
        (r"\mathrm{lp}(B) = \left(\frac{5+5}{6}", lambda L: V(L, "1{,}6667", 10 / 6) and V(L, "1{,}2910", lpB)),
        (r"s(A) = \frac{-2{,}1203}{1{,}1884}", lambda L: V(L, "-1{,}7842", sA / lpA) and V(L, "-1{,}8274", sB / lpB)),
        (r"Como $s(A) > s(B)$", lambda L: sA / lpA > sB / lpB),
    ]


# ---------------------------------------------------------------- 05
def checks_05():
    P = np.array([.25, .5, .1, .8, .4]); nl = -np.log(P); NLL = nl.mean()
    return [
        (r"\mathrm{PPL} = \exp(\mathrm{NLL}) = \exp\Big(", lambda L: (lambda q: abs(np.exp(-np.log(q).mean()) - np.prod(q) ** (-1 / len(q))) < 1e-9)(rng.random(7) + .01)),
        (r"-\ln p = (1{,}3863", lambda L: allV(L, [(a, b) for a, b in zip(["1{,}3863", "0{,}6931", "2{,}3026", "0{,}2231", "0{,}9163"], nl)])),
        (r"Sommando: $1{,}3863", lambda L: V(L, "5{,}5214", nl.sum())),
        (r"\mathrm{NLL} = \frac{5{,}5214}{5} = 1{,}1043", lambda L: V(L, "1{,}1043", NLL) and V(L, "3{,}017", np.exp(NLL))),
        (r"il prodotto è $0{,}25", lambda L: abs(np.prod(P) - 0.004) < 1e-12),
        (r"0{,}004^{-1/5} = 3{,}017", lambda L: V(L, "3{,}017", 0.004 ** -0.2)),
        (r"contribuisca $2{,}3026$", lambda L: V(L, "2{,}3026", -np.log(.1)) and 2.3026 / 5.5214 < 0.5),
        (r"H_2 = \frac{\mathrm{NLL}}{\ln 2}", lambda L: V(L, "0{,}6931", np.log(2)) and V(L, "1{,}5932", NLL / np.log(2)) and V(L, "= 3{,}017", 2 ** (NLL / np.log(2)))),
        (r"e quindi $\mathrm{PPL} = V$", lambda L: abs(np.exp(-np.log(np.full(50, 1 / 50)).mean()) - 50) < 1e-9),
    ]


# ---------------------------------------------------------------- 06
def checks_06():
    p = np.array([.4, .3, .2, .1]); q = np.array([.25, .25, .35, .15])
    beta = np.minimum(p, q).sum(); r = np.maximum(0, p - q) / np.maximum(0, p - q).sum()

    def ident_sum(_):
        a, b = rand_dist(7), rand_dist(7)
        return close(np.minimum(a, b) + np.maximum(0, a - b), a) and abs(np.maximum(0, a - b).sum() - (1 - np.minimum(a, b).sum())) < 1e-12

    def ident_out(_):
        a, b = rand_dist(7), rand_dist(7); be = np.minimum(a, b).sum()
        rr = np.maximum(0, a - b) / np.maximum(0, a - b).sum()
        return close(np.minimum(a, b) + (1 - be) * rr, a)

    def ident_tv(_):
        a, b = rand_dist(7), rand_dist(7)
        return abs(1 - np.minimum(a, b).sum() - 0.5 * np.abs(a - b).sum()) < 1e-12

    return [
        (r"Вероятность принять именно $x$ равна", lambda L: (lambda a, b: close(b * np.minimum(1, a / b), np.minimum(a, b)))(rand_dist(5), rand_dist(5))),
        (r"Поскольку $\min(p,q) + \max(0, p-q) = p$", ident_sum),
        (r"\Pr[\text{выход} = x] = \min(p(x),q(x)) + (1-\beta)", ident_out),
        (r"Заметим также, что $1 - \beta", ident_tv),
        (r"a(a) = \min(1;\ 1{,}6) = 1", lambda L: V(L, "1{,}6", .4 / .25) and V(L, "1{,}2", .3 / .25) and V(L, "0{,}5714", .2 / .35) and V(L, "0{,}6667", .1 / .15)),
        (r"\beta = 0{,}25 + 0{,}25 + 0{,}20 + 0{,}10 = 0{,}80", lambda L: V(L, "0{,}80", beta) and close(np.minimum(p, q), [.25, .25, .2, .1])),
        (r"Проверка через полную вариацию", lambda L: V(L, "0{,}20", 0.5 * np.abs(p - q).sum()) and abs(0.5 * np.abs(p - q).sum() - (1 - beta)) < 1e-12),
        (r"Положительные части разности", lambda L: close(np.maximum(0, p - q), [.15, .05, 0, 0]) and V(L, "0{,}20", np.maximum(0, p - q).sum())),
        (r"= (0{,}75;\ 0{,}25;\ 0;\ 0).", lambda L: close(r, [.75, .25, 0, 0])),
        (r"\Pr[a] &= 0{,}25 + 0{,}20\cdot 0{,}75", lambda L: close([.25 + .2 * .75, .25 + .2 * .25], [.4, .3])),
        (r"\Pr[c] &= 0{,}20 + 0", lambda L: close(np.minimum(p, q) + (1 - beta) * r, p)),
        (r"при $q = p$ имеем $\beta = 1$", lambda L: abs(np.minimum(p, p).sum() - 1) < 1e-12),
    ]


# ---------------------------------------------------------------- 07
def simulate_N(alpha, gamma, n=200000):
    acc = rng.random((n, gamma)) < alpha
    return np.where(acc.all(1), gamma, np.argmin(acc, 1))


def checks_07():
    def tail(_):
        N = simulate_N(0.6, 4)
        return all(abs((N >= k).mean() - 0.6 ** k) < 5e-3 for k in range(1, 5))

    def pmf(_):
        a, g = 0.63, 5
        pm = [a ** n * (1 - a) for n in range(g)] + [a ** g]
        N = simulate_N(a, g)
        return all(abs((N == n).mean() - pm[n]) < 5e-3 for n in range(g + 1)) and abs(sum(pm) - 1) < 1e-12

    def EN(_):
        a, g = rng.uniform(.1, .9), 6
        return abs(sum(a ** n for n in range(1, g + 1)) - (a - a ** g) / (1 - a)) < 1e-9

    def EN1(_):
        a, g = rng.uniform(.1, .9), 6
        return abs(1 + (a - a ** g) / (1 - a) - (1 - a ** g) / (1 - a)) < 1e-9

    a, g = 0.8, 4
    EN_true = sum(a ** n for n in range(1, g + 1))
    return [
        (r"\Pr[N \ge n] = \alpha^n .", tail),
        (r"于是对 $0 \le n < \gamma$", pmf),
        (r"检查归一化", lambda L: abs(sum(.7 ** n * .3 for n in range(5)) + .7 ** 5 - 1) < 1e-12),
        (r"\mathbb E[N] = \sum_{n=1}^{\gamma} \alpha^n = \frac{\alpha - \alpha^{\gamma}}{1 - \alpha}.", EN),
        (r"\mathbb E[N + 1] = 1 + \frac{\alpha - \alpha^{\gamma}}", EN1),
        (r"$0.8^4 = 0.4096$", lambda L: V(L, "0.4096", .8 ** 4)),
        (r"\mathbb E[N] = \frac{0.8 - 0.4096}{0.2} = 1.952", lambda L: V(L, "1.952", EN_true) and V(L, "2.952", 1 + EN_true)),
        (r"对比 $\gamma = 2$", lambda L: V(L, "0.64", .64)),
        (r"\mathbb E[N+1] = \frac{1 - 0.64}{0.2} = 1.8", lambda L: V(L, "1.8", 1 + .8 + .64)),
        (r"$\alpha \to 0$：", lambda L: True),
        (r"$\gamma \to \infty$", lambda L: V(L, "5", 1 / .2)),
    ]


# ---------------------------------------------------------------- 08
def checks_08():
    z = np.array([2., 1., 0.]); p = softmax(z); H = -(p * np.log(p)).sum()

    def ident(_):
        zz = rng.normal(size=6); T = 0.8; pp = softmax(zz, T)
        return abs(-(pp * np.log(pp)).sum() - (np.log(np.exp(zz / T).sum()) - pp @ zz / T)) < 1e-10

    pr = np.array([.6652, .2447, .09])
    p2 = softmax([2., 1.])
    rows = {0.5: ("| 0.5 | (0.8668, 0.1173, 0.0159) | 0.4411 |"), 2: ("| 2 | (0.5065, 0.3072, 0.1863) | 1.0202 |")}

    def row(T, L):
        pp = softmax(z, T); parts = L.replace("(", "").replace(")", "").replace("|", ",").split(",")
        vals = [float(x) for x in parts if x.strip()]
        return close(vals[1:4], pp, 6e-5) and abs(vals[4] - (-(pp * np.log(pp)).sum())) < 6e-5

    def monotone(_):
        Ts = np.linspace(.1, 20, 200)
        Hs = [-(softmax(z, T) * np.log(softmax(z, T))).sum() for T in Ts]
        dH = fd(lambda T: -(softmax(z, T) * np.log(softmax(z, T))).sum(), 1.7)
        pp = softmax(z, 1.7)
        return np.all(np.diff(Hs) > 0) and Hs[-1] < np.log(3) and close(dH, (pp @ z ** 2 - (pp @ z) ** 2) / 1.7 ** 3)

    return [
        (r"= \log Z - \frac{1}{T}\sum_i p_i z_i", ident),
        (r"$Z = e^2 + e + 1 = 11.1073$", lambda L: V(L, "11.1073", np.exp(z).sum())),
        (r"p = (0.6652,\ 0.2447,\ 0.0900).", lambda L: allV(L, [("0.6652", p[0]), ("0.2447", p[1]), ("0.0900", p[2])])),
        (r"$-\ln p = (0.4077", lambda L: allV(L, [("0.4077", -np.log(p[0])), ("1.4077", -np.log(p[1])), ("2.4079", -np.log(.09))])),
        (r"&= 0.2712 + 0.3445 + 0.2167", lambda L: allV(L, [("0.2712", .6652 * .4077), ("0.3445", .2447 * 1.4077), ("0.2167", .09 * 2.4079)])),
        (r"&= 0.8324 \ \text{nat}.", lambda L: V(L, "0.8324", H) and V(L, "0.8324", .2712 + .3445 + .2167)),
        (r"$\bar z = 1.5752$、$\ln Z", lambda L: V(L, "1.5752", p @ z) and V(L, "2.4076", np.log(np.exp(z).sum()))),
        (r"H = 2.4076 - 1.5752 = 0.8324", lambda L: V(L, "0.8324", 2.4076 - 1.5752)),
        (r"ビット単位では", lambda L: V(L, "1.2009", H / np.log(2))),
        (r"上限は一様分布", lambda L: V(L, "1.0986", np.log(3)) and H <= np.log(3)),
        (r"| 0.5 | (0.8668", lambda L: row(0.5, L)),
        (r"| 1 | (0.6652", lambda L: abs(float(L.split("|")[3]) - H) < 6e-5),
        (r"| 2 | (0.5065", lambda L: row(2, L)),
        (r"$T$ を上げるとエントロピーは単調に増え", monotone),
        (r"(0.7311,\ 0.2689)", lambda L: V(L, "0.7311", p2[0]) and V(L, "0.2689", p2[1])),
        (r"H(\tilde p) = -(0.7311", lambda L: V(L, "0.5822", -(p2 * np.log(p2)).sum())),
    ]


# ---------------------------------------------------------------- 09
def checks_09():
    z = np.array([1., 2., .5]); p = softmax(z)

    def d_lse(_):
        zz = rng.normal(size=5)
        return close(fd_grad(lambda v: np.log(np.exp(v).sum()), zz), softmax(zz))

    def d_logp(_):
        zz = rng.normal(size=5); k = 2
        return close(fd_grad(lambda v: np.log(softmax(v)[k]), zz), np.eye(5)[k] - softmax(zz))

    def vec(_):
        zz = rng.normal(size=5); k = 1
        return close(fd_grad(lambda v: np.log(softmax(v)[k]), zz), softmax(zz) - np.eye(5)[k])

    g_true = np.eye(3)[0] - p
    return [
        (r"\frac{\partial}{\partial z_j} \log \sum_m e^{z_m}", d_lse),
        (r"\frac{\partial \log p_k}{\partial z_j} = \delta_{kj} - p_j .", d_logp),
        (r"\nabla_z \log p_k = p - e_k .", vec),
        (r"성분의 합은", lambda L: True),
        (r"e^{z} = (2.7183,\ 7.3891,\ 1.6487)", lambda L: allV(L, [("2.7183", np.e), ("7.3891", np.e ** 2), ("1.6487", np.e ** .5), ("11.7561", np.exp(z).sum())])),
        (r"p = (0.2312,\ 0.6285,\ 0.1402).", lambda L: allV(L, [("0.2312", p[0]), ("0.6285", p[1]), ("0.1402", p[2])])),
        (r"\nabla_z \log p_1 = p - e_1", lambda L: allV(L, [("-0.7688", g_true[0]), ("0.6285", g_true[1]), ("0.1402", g_true[2])])),
        (r"z \leftarrow z + \eta\, R", lambda L: close(z + g_true, [0.2312, 2.6285, 0.6402], 1e-4)),
        (r"p' = \mathrm{softmax}(0.2312", lambda L: close(softmax(z + g_true), [0.0741, 0.8144, 0.1115], 1e-4)),
        (r"\mathbb{E}_{k\sim p}\big[\nabla_z \log p_k\big] = \sum_k", lambda L: close(sum(p[k] * (np.eye(3)[k] - p) for k in range(3)), 0)),
    ]


# ---------------------------------------------------------------- 10
def checks_10():
    z = np.array([2., 1., 0.])
    Hf = lambda zz, T: -(softmax(zz, T) * np.log(softmax(zz, T))).sum()
    zs = lambda: rng.normal(size=5)

    def c_H(_):
        zz = zs(); T = 1.4; pp = softmax(zz, T)
        return abs(Hf(zz, T) - (np.log(np.exp(zz / T).sum()) - pp @ zz / T)) < 1e-10

    def c_lnZ(_):
        zz = zs(); T = .9
        return close(fd(lambda t: np.log(np.exp(zz / t).sum()), T), -(softmax(zz, T) @ zz) / T ** 2)

    def c_dp(_):
        zz = zs(); T = 1.2; pp = softmax(zz, T)
        return close(np.array([fd(lambda t: softmax(zz, t)[i], T) for i in range(5)]), pp * (pp @ zz - zz) / T ** 2)

    def c_dzbar(_):
        zz = zs(); T = 1.1; pp = softmax(zz, T); var = pp @ zz ** 2 - (pp @ zz) ** 2
        return close(fd(lambda t: softmax(zz, t) @ zz, T), -var / T ** 2)

    def c_dH(_):
        zz = zs(); T = .75; pp = softmax(zz, T); var = pp @ zz ** 2 - (pp @ zz) ** 2
        return close(fd(lambda t: Hf(zz, t), T), var / T ** 3)

    p = softmax(z); var = p @ z ** 2 - (p @ z) ** 2
    p2 = softmax(z, 2); var2 = p2 @ z ** 2 - (p2 @ z) ** 2
    return [
        (r"H(T) = \ln Z(T) - \frac{\bar z(T)}{T}.", c_H),
        (r"\frac{d}{dT}\ln Z = \frac{1}{Z}", c_lnZ),
        (r"**Krok 2.**", c_dp),
        (r"\frac{d\bar z}{dT} = \sum_i z_i", c_dzbar),
        (r"&= -\frac{\bar z}{T^2} + \frac{\operatorname{Var}_p(z)}{T^3}", c_dH),
        (r"&= \frac{\operatorname{Var}_p(z)}{T^3}.", c_dH),
        (r"$p = (0{,}66524;\ 0{,}24473;\ 0{,}09003)$", lambda L: allV(L, [("0{,}66524", p[0]), ("0{,}24473", p[1]), ("0{,}09003", p[2]), ("1{,}57521", p @ z)])),
        (r"\overline{z^2} = 4\cdot 0{,}66524", lambda L: V(L, "2{,}90569", 4 * .66524 + .24473) and V(L, "2{,}48129", 1.57521 ** 2)),
        (r"\operatorname{Var}_p(z) = 2{,}90569 - 2{,}48129", lambda L: V(L, "0{,}42440", var) and abs(2.90569 - 2.48129 - 0.4244) < 1e-9),
        (r"Różnica centralna", lambda L: V(L, "0{,}83659", Hf(z, 1.01)) and V(L, "0{,}82810", Hf(z, .99))),
        (r"\frac{H(1{,}01) - H(0{,}99)}{0{,}02}", lambda L: V(L, "0{,}00849", .83659 - .8281) and V(L, "0{,}4245", .00849 / .02)),
        (r"Dla $T = 2$ mamy", lambda L: allV(L, [("0{,}5065", p2[0]), ("0{,}3072", p2[1]), ("0{,}1863", p2[2]), ("0{,}5903", var2), ("0{,}0738", var2 / 8)])),
    ]


# ---------------------------------------------------------------- 11
def checks_11():
    z = np.array([3., 2., 1., .5, -1.]); T = .7
    pt = softmax(z[:3], T); pf = softmax(z, T); e = np.exp((z - 3) / T)

    def order(_):
        zz = rng.normal(size=8); S = np.argsort(zz)[-3:]
        a = softmax(zz[S], T); b = softmax(zz, T)[S] / softmax(zz, T)[S].sum()
        return close(a, b) and set(np.argsort(zz / T)[-3:]) == set(S)

    c = (pt ** 2).sum()
    return [
        (r"Beide volgordes geven dus", order),
        (r"Geschaalde logits: $z/T", lambda L: allV(L, [(a, b) for a, b in zip(["4{,}2857", "2{,}8571", "1{,}4286", "0{,}7143", "-1{,}4286"], z / T)])),
        (r"\frac{z_i - 3}{0{,}7} = (0;", lambda L: V(L, "-1{,}4286", -1 / .7) and V(L, "-2{,}8571", -2 / .7)),
        (r"e^{(z_i-3)/0{,}7} = (1;", lambda L: V(L, "0{,}2397", e[1]) and V(L, "0{,}0574", e[2]) and V(L, "1{,}2971", e[:3].sum())),
        (r"\right) = (0{,}7710;\ 0{,}1848;\ 0{,}0443).", lambda L: allV(L, [("0{,}7710", pt[0]), ("0{,}1848", pt[1]), ("0{,}0443", pt[2])])),
        (r"Zonder top-$k$ is de som", lambda L: V(L, "0{,}0281", e[3]) and V(L, "0{,}0033", e[4]) and V(L, "1{,}3285", e.sum())),
        (r"p^{(T)} = (0{,}7527", lambda L: allV(L, [(a, b) for a, b in zip(["0{,}7527", "0{,}1804", "0{,}0432", "0{,}0212", "0{,}0025"], pf)])),
        (r"De top-3-massa is", lambda L: V(L, "0{,}9763", pf[:3].sum()) and V(L, "0{,}7710", .7527 / .9763)),
        (r"&= 0{,}5844 + 0{,}0342 + 0{,}0020", lambda L: allV(L, [("0{,}5844", .7710 ** 2), ("0{,}0342", .1848 ** 2), ("0{,}0020", .0443 ** 2)])),
        (r"&= 0{,}6206 .", lambda L: V(L, "0{,}6206", c)),
        (r"\frac{1}{\sum_i \tilde p_i^2} = \frac{1}{0{,}6206}", lambda L: V(L, "1{,}611", 1 / c)),
    ]


# ---------------------------------------------------------------- 12
def checks_12():
    p = np.array([.1, .5, .3, .1]); q = np.array([.3, .2, .2, .3])
    beta = np.minimum(p, q).sum()

    def b1(_):
        a, b = rand_dist(6), rand_dist(6)
        return abs((b * np.minimum(1, a / b)).sum() - np.minimum(a, b).sum()) < 1e-12

    def b2(_):
        a, b = rand_dist(6), rand_dist(6)
        return abs(np.minimum(a, b).sum() - (1 - np.abs(a - b).sum())) < 1e-9

    def minid(_):
        u, v = rng.random(10), rng.random(10)
        return close(np.minimum(u, v), .5 * (u + v - np.abs(u - v)))

    return [
        (r"\beta = \sum_x q(x)\min\!\left(1,", b1),
        (r"Vì $\min(u,v) = \tfrac12(u + v - |u - v|)$", minid),
        (r"\beta = 1 - \sum_x |p(x) - q(x)| .", b2),
        (r"Ta có $|p - q| = (0{,}2", lambda L: close(np.abs(p - q), [.2, .3, .1, .2]) and V(L, "0{,}8", np.abs(p - q).sum())),
        (r"\beta = 1 - 0{,}8 = 0{,}2", lambda L: V(L, "0{,}2", beta) and V(L, "0{,}8", 1 - beta)),
        (r"\max(0, p - q) = (0;\ 0{,}3;\ 0{,}1;\ 0)", lambda L: close(np.maximum(0, p - q), [0, .3, .1, 0]) and V(L, "0{,}4", np.maximum(0, p - q).sum())),
        (r"= (0;\ 0{,}75;\ 0{,}25;\ 0).", lambda L: close(np.maximum(0, p - q) / .4, [0, .75, .25, 0])),
        (r"\frac{1 - 0{,}2^4}{0{,}8}", lambda L: V(L, "0{,}9984", 1 - beta ** 4) and V(L, "1{,}248", (1 - beta ** 4) / (1 - beta))),
    ]


# ---------------------------------------------------------------- 13
def checks_13():
    l = math.log
    s = {"a": l(.6), "b": l(.3)}
    s["aa"] = s["a"] + l(.2); s["ab"] = s["a"] + l(.45); s["a/"] = s["a"] + l(.35)
    s["ba"] = s["b"] + l(.6); s["bb"] = s["b"] + l(.3); s["b/"] = s["b"] + l(.1)
    s["ab/"] = s["ab"] + l(.7); s["ba/"] = s["ba"] + l(.5)
    cand2 = ["aa", "ab", "a/", "ba", "bb", "b/"]
    rank = sorted(cand2, key=lambda k: -s[k])
    return [
        (r"$s(a) = \ln 0{,}6 = -0{,}5108$", lambda L: V(L, "-0{,}5108", s["a"]) and V(L, "-1{,}2040", s["b"])),
        (r"s(aa) &=", lambda L: V(L, "1{,}6094", -l(.2)) and V(L, "-2{,}1203", s["aa"])),
        (r"s(ab) &=", lambda L: V(L, "0{,}7985", -l(.45)) and V(L, "-1{,}3093", s["ab"])),
        (r"s(a\,\texttt{</s>}) &=", lambda L: V(L, "1{,}0498", -l(.35)) and V(L, "-1{,}5606", s["a/"])),
        (r"s(ba) &=", lambda L: V(L, "= -1{,}2040 - 0{,}5108", -1.204) and V(L, "-1{,}7148", s["ba"])),
        (r"s(bb) &=", lambda L: V(L, "-2{,}4079", s["bb"])),
        (r"s(b\,\texttt{</s>}) &=", lambda L: V(L, "-3{,}5066", s["b/"])),
        (r"Sıralama:", lambda L: rank == ["ab", "a/", "ba", "aa", "bb", "b/"]),
        (r"Kontrol: $e^{-1{,}3093}", lambda L: abs(math.exp(-1.3093) - .27) < 1e-4 and abs(.6 * .45 - .27) < 1e-12),
        (r"s(ab\,\texttt{</s>}) = -1{,}3093", lambda L: V(L, "0{,}3567", -l(.7)) and V(L, "-1{,}6660", s["ab/"])),
        (r"s(ba\,\texttt{</s>}) = -1{,}7148", lambda L: V(L, "-2{,}4079", s["ba/"])),
        (r"**Ham skor:**", lambda L: s["a/"] > s["ab/"] > s["ba/"]),
        (r"\frac{-1{,}5606}{2} = -0{,}7803", lambda L: V(L, "-0{,}7803", s["a/"] / 2) and V(L, "-0{,}5553", s["ab/"] / 3) and V(L, "-0{,}8026", s["ba/"] / 3)),
        (r"Kazanan artık", lambda L: s["ab/"] / 3 > max(s["a/"] / 2, s["ba/"] / 3)),
        (r"**Ara değer**", lambda L: V(L, "-1{,}1035", s["a/"] / 2 ** .5) and V(L, "-0{,}9619", s["ab/"] / 3 ** .5) and s["ab/"] / 3 ** .5 > s["a/"] / 2 ** .5),
    ]


# ---------------------------------------------------------------- 14
def checks_14():
    p1 = np.array([.5, .25, .125, .5]); p2 = np.array([.25, .5])
    H1 = -np.log2(p1).mean(); H2 = -np.log2(p2).mean()
    Hc = -(np.log2(p1).sum() + np.log2(p2).sum()) / 6
    return [
        (r"\mathrm{PPL} = 2^{H} = \Big(\prod", lambda L: (lambda q: abs(2 ** (-np.log2(q).mean()) - np.prod(q) ** (-1 / len(q))) < 1e-9)(rng.random(5) + .05)),
        (r"logaritmy jsou celá čísla", lambda L: close(np.log2(p1), [-1, -2, -3, -1])),
        (r"H_1 = -\tfrac14(-1 - 2 - 3 - 1)", lambda L: V(L, "1{,}75", H1) and V(L, "3{,}364", 2 ** H1)),
        (r"Kontrola přes součin", lambda L: abs(np.prod(p1) - 2 ** -7) < 1e-15),
        (r"a tedy $\log_2 p = (-2;\ -1)$" if False else r"$\log_2 p = (-2;\ -1)$", lambda L: close(np.log2(p2), [-2, -1])),
        (r"H_2 = -\tfrac12\big(", lambda L: V(L, "= 3 \\text", H2) and V(L, "= 8", 2 ** H2)),
        (r"H_{\text{korpus}} = \frac{7 + 3}{6}", lambda L: V(L, "1{,}667", Hc) and V(L, "3{,}175", 2 ** Hc)),
        (r"\tfrac12(\mathrm{PPL}_1 + \mathrm{PPL}_2)", lambda L: V(L, "5{,}682", (2 ** H1 + 2 ** H2) / 2)),
        (r"\mathrm{PPL}_{\text{korpus}} = 2^{\sum_s L_s", lambda L: abs(2 ** Hc - np.prod(np.r_[p1, p2]) ** (-1 / 6)) < 1e-9),
    ]


# ---------------------------------------------------------------- 15
def checks_15():
    z = np.array([1., 0., -1.]); T = 2.; p = softmax(z, T)
    lp = lambda zz, t, k: np.log(softmax(zz, t)[k])

    def d_lse(_):
        zz = rng.normal(size=5); t = 1.6
        return close(fd_grad(lambda v: np.log(np.exp(v / t).sum()), zz), softmax(zz, t) / t)

    def d_logp(_):
        zz = rng.normal(size=5); t = .8; k = 3
        return close(fd_grad(lambda v: lp(v, t, k), zz), (np.eye(5)[k] - softmax(zz, t)) / t)

    def d_T(_):
        zz = rng.normal(size=5); t = 1.3; k = 0; pp = softmax(zz, t)
        return close(fd(lambda s: lp(zz, s, k), t), (pp @ zz - zz[k]) / t ** 2)

    g = (np.eye(3)[1] - p) / T
    zb = p @ z
    return [
        (r"\frac{\partial}{\partial z_j}\log\sum_m e^{z_m/T}", d_lse),
        (r"\frac{\partial \log p_k}{\partial z_j} = \frac{\delta_{kj} - p_j}{T}", d_logp),
        (r"The entries sum to zero", lambda L: True),
        (r"\frac{\partial \log p_k}{\partial T} = -\frac{z_k}{T^2}", d_T),
        (r"so $z/T = (0.5, 0, -0.5)$", lambda L: close(z / T, [.5, 0, -.5])),
        (r"e^{z/T} = (1.6487", lambda L: allV(L, [("1.6487", np.exp(.5)), ("0.6065", np.exp(-.5)), ("3.2552", np.exp(z / T).sum()),
                                                 ("0.5065", p[0]), ("0.3072", p[1]), ("0.1863", p[2])])),
        (r"\nabla_z \log p_2 = \frac{1}{2}", lambda L: allV(L, [("-0.2532", g[0]), ("0.3464", g[1]), ("-0.0932", g[2])])
                                                   and close(fd_grad(lambda v: lp(v, T, 1), z), g)),
        (r"and indeed $-0.2532", lambda L: abs(-0.2532 + 0.3464 - 0.0932) < 1e-12),
        (r"For the temperature: $\bar z", lambda L: V(L, "0.3202", zb)),
        (r"= \frac{0.3202 - 0}{4} = 0.0800", lambda L: V(L, "0.0800", zb / 4) and V(L, "0.0800", fd(lambda s: lp(z, s, 1), T))),
        (r"A central difference agrees", lambda L: V(L, "-1.17948", lp(z, 2.01, 1)) and V(L, "-1.18108", lp(z, 1.99, 1))
                                               and V(L, "= 0.0800", (1.18108 - 1.17948) / .02)),
        (r"Raising the temperature helps", lambda L: zb > z[1]),
        (r"= \frac{1}{T}\sum_k p_k (e_k - p)", lambda L: close(sum(p[k] * (np.eye(3)[k] - p) for k in range(3)) / T, 0)),
    ]


# ---------------------------------------------------------------- 16
def checks_16():
    a, c = .7, .1
    E = lambda g: sum(a ** n for n in range(g + 1))
    S = lambda g: E(g) / (g * c + 1)

    def EN(_):
        al, g = rng.uniform(.1, .9), 5
        return abs(sum(al ** n for n in range(1, g + 1)) - al * (1 - al ** g) / (1 - al)) < 1e-12

    def Eg(_):
        al, g = rng.uniform(.1, .9), 4
        return abs(1 + (al - al ** (g + 1)) / (1 - al) - (1 - al ** (g + 1)) / (1 - al)) < 1e-12

    def Sg(_):
        al, g, cc = .55, 3, .2
        return abs((1 - al ** (g + 1)) / ((1 - al) * (g * cc + 1)) - sum(al ** n for n in range(g + 1)) / (g * cc + 1)) < 1e-12

    return [
        (r"\mathbb{E}[N] = \sum_{n=1}^{\gamma}\alpha^n", EN),
        (r"E(\gamma) = 1 + \frac{\alpha - \alpha^{\gamma+1}}", Eg),
        (r"S(\gamma) = \frac{1 - \alpha^{\gamma+1}}", Sg),
        (r"- $\gamma = 1$:", lambda L: allV(L, [("0.49", a ** 2), ("1.7", E(1)), ("1.1", 1.1), ("1.545", S(1))])),
        (r"- $\gamma = 3$:", lambda L: allV(L, [("0.2401", a ** 4), ("2.533", E(3)), ("1.3", 1.3), ("1.949", S(3))])),
        (r"- $\gamma = 5$:", lambda L: allV(L, [("0.1681", a ** 6), ("2.773", E(5)), ("1.5", 1.5), ("1.849", S(5))])),
        (r"So the optimum is around $\gamma = 3$", lambda L: max(range(0, 12), key=S) == 3),
        (r"$\gamma = 0$ gives $E = 1$", lambda L: E(0) == 1 and S(0) == 1),
        (r"As $\gamma \to \infty$", lambda L: V(L, "3.333", 1 / (1 - a)) and S(200) < .2),
        (r"With $c = 0$ (free drafts)", lambda L: all(E(g + 1) > E(g) for g in range(20)) and E(100) < 1 / (1 - a)),
    ]


CHECKS = {
    "01_temperatur_softmax_de.md": checks_01,
    "02_top_k_renormalisation_fr.md": checks_02,
    "03_nucleo_top_p_es.md": checks_03,
    "04_beam_penalidade_comprimento_pt.md": checks_04,
    "05_perplessita_it.md": checks_05,
    "06_spekulyativnoe_dekodirovanie_ru.md": checks_06,
    "07_qiwang_jieshou_shu_zh.md": checks_07,
    "08_sampling_entropy_ja.md": checks_08,
    "09_log_softmax_gradient_ko.md": checks_09,
    "10_pochodna_entropii_po_temperaturze_pl.md": checks_10,
    "11_topk_met_temperatuur_nl.md": checks_11,
    "12_phan_phoi_du_vi.md": checks_12,
    "13_isin_aramasi_tr.md": checks_13,
    "14_perplexita_korpusu_cs.md": checks_14,
    "15_logsoftmax_grad_temperature_en.md": checks_15,
    "16_speculative_speedup_en.md": checks_16,
}


def first_failure(fname, checks):
    lines = open(os.path.join(HERE, fname), encoding="utf-8").read().split("\n")
    located = []
    for sub, fn in checks:
        hits = [i for i, L in enumerate(lines) if sub in L]
        assert len(hits) == 1, f"{fname}: locator {sub!r} matched {len(hits)} lines"
        located.append((hits[0] + 1, sub, fn))
    located.sort(key=lambda t: t[0])
    for ln, sub, fn in located:
        if not fn(lines[ln - 1]):
            return ln
    return None


def main():
    expected = json.load(open(os.path.join(HERE, "expected.json"), encoding="utf-8"))
    md = sorted(f for f in os.listdir(HERE) if f.endswith(".md"))
    assert sorted(expected) == md == sorted(CHECKS), "file lists differ"
    bad = 0
    for f in md:
        got = first_failure(f, CHECKS[f]())
        if got == expected[f]:
            print(f"OK   {f}: first failing line = {got}")
        else:
            bad += 1
            print(f"FAIL {f}: first failing line = {got}, expected {expected[f]}")
    n_null = sum(v is None for v in expected.values())
    print(f"{len(md)} files, {n_null} correct, {len(md) - n_null} planted")
    if bad:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
