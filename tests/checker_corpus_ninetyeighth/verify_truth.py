#!/usr/bin/env python
"""Independent NumPy check of the blind corpus (corpus98).

For every file a list of (unique substring, check) pairs is given, in file order.
check is None for givens/definitions, otherwise a zero-argument callable that returns
True iff the mathematical claim on that line is correct (numbers to printed precision,
derivatives by central finite differences, identities at random points, sizes by
building arrays).  The first failing line must equal expected.json.
"""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(12345)

# ---------------------------------------------------------------- helpers
def A(val, printed):
    """val agrees with the printed decimal string to its printed precision."""
    s = printed.replace(",", ".").replace(" ", "")
    dec = len(s.split(".")[1]) if "." in s else 0
    return abs(float(s) - float(val)) <= 0.5 * 10 ** (-dec) * (1 + 1e-9) + 1e-12

def AV(vals, printed_list):
    return len(vals) == len(printed_list) and all(A(v, p) for v, p in zip(vals, printed_list))

def close(a, b, tol=1e-6):
    return np.allclose(np.asarray(a, float), np.asarray(b, float), atol=tol, rtol=tol)

def fd_grad(f, x, h=1e-6):
    x = np.asarray(x, float); g = np.zeros_like(x)
    for i in range(x.size):
        e = np.zeros_like(x); e.flat[i] = h
        g.flat[i] = (f(x + e) - f(x - e)) / (2 * h)
    return g

def fd_jac(f, x, h=1e-6):
    x = np.asarray(x, float); y0 = np.asarray(f(x), float)
    J = np.zeros((y0.size, x.size))
    for i in range(x.size):
        e = np.zeros_like(x); e[i] = h
        J[:, i] = (np.asarray(f(x + e)) - np.asarray(f(x - e))).ravel() / (2 * h)
    return J

def fd1(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)

def randpts(k=5, lo=0.1, hi=4.0):
    return rng.uniform(lo, hi, size=k)

def squash(s):
    s = np.asarray(s, float); r = np.linalg.norm(s)
    return r / (1 + r * r) * s

def squash_paper(s):
    s = np.asarray(s, float); r = np.linalg.norm(s)
    return r * r / (1 + r * r) * s / r

g = lambda r: r * r / (1 + r * r)
gp = lambda r: 2 * r / (1 + r * r) ** 2
f_ = lambda r: r / (1 + r * r)
fp_ = lambda r: (1 - r * r) / (1 + r * r) ** 2
phi = lambda x: np.where(np.asarray(x) > 0, np.asarray(x) + 1.0, np.exp(np.minimum(x, 0)))
dphi = lambda x: np.where(np.asarray(x) > 0, 1.0, np.exp(np.minimum(x, 0)))
softmax = lambda b: np.exp(b - np.max(b)) / np.exp(b - np.max(b)).sum()
sig = lambda x: 1 / (1 + np.exp(-x))

def true_J(s):
    s = np.asarray(s, float); r = np.linalg.norm(s)
    return f_(r) * np.eye(s.size) + fp_(r) / r * np.outer(s, s)

CHECKS = {}

# ================================================================ 01
def c01():
    s = np.array([3., 4.]); s2 = np.array([.1, .2, .2])
    def rem1():
        for _ in range(5):
            x = rng.normal(size=4)
            if not close(squash(x), squash_paper(x)): return False
        return True
    return [
        (r"\mathbf{v}_j \;=\; \frac{\|\mathbf{s}_j\|^2}", None),
        (r"\mathbf{v}_j = \frac{\|\mathbf{s}_j\|}{1+\|\mathbf{s}_j\|^2}\,\mathbf{s}_j ,", rem1),
        (r"g(r)=\frac{r^2}{1+r^2}, \qquad g'(r)=\frac{2r}{(1+r^2)^2} > 0",
         lambda: all(abs(fd1(g, r) - gp(r)) < 1e-7 and gp(r) > 0 for r in randpts())
                 and all(abs(np.linalg.norm(squash(x)) - g(np.linalg.norm(x))) < 1e-12 for x in rng.normal(size=(4, 3)))),
        (r"direction is unchanged ($\mathbf{v}_j \parallel \mathbf{s}_j$)", lambda: all(abs(np.cross(squash(x), x)).max() < 1e-12 and squash(x) @ x > 0 for x in rng.normal(size=(4, 3)))),
        (r"small inputs: $g(r) = r^2 - r^4 + O(r^6)$",
         lambda: all(abs(g(r) - (r**2 - r**4)) <= 1.01 * r**6 for r in [1e-1, 3e-2, 1e-2])),
        (r"large inputs: $g(r) = 1 - \frac{1}{1+r^2}$",
         lambda: all(abs(g(r) - (1 - 1 / (1 + r * r))) < 1e-12 for r in randpts()) and g(1e4) < 1),
        (r"Take $\mathbf{s} = (3, 4)^\top$. Then", lambda: np.linalg.norm(s) == 5 and s @ s == 25),
        (r"g(5) = 25/26 \approx 0.9615", lambda: g(5) == 25 / 26 and A(25 / 26, "0.9615")),
        (r"unit direction: $\mathbf{s}/\|\mathbf{s}\| = (0.6", lambda: close(s / 5, [0.6, 0.8])),
        (r"output: $\mathbf{v} = 0.9615\cdot(0.6, 0.8) \approx (0.5769",
         lambda: AV(squash(s), ["0.5769", "0.7692"]) and AV(0.9615 * np.array([.6, .8]), ["0.5769", "0.7692"])),
        (r"Check with Remark 1: $\frac{5}{26}", lambda: close(5 / 26 * s, [15 / 26, 20 / 26]) and AV(5 / 26 * s, ["0.5769", "0.7692"])),
        (r"$\mathbf{s} = (0.1, 0.2, 0.2)^\top$, so", lambda: abs(np.linalg.norm(s2) - 0.3) < 1e-12 and abs(s2 @ s2 - 0.09) < 1e-12),
        (r"g(0.3) = 0.09/1.09 \approx 0.0826", lambda: A(g(0.3), "0.0826") and abs(g(.3) - .09 / 1.09) < 1e-12),
        (r"multiplier in Remark 1: $0.3/1.09 \approx 0.2752", lambda: A(f_(0.3), "0.2752") and abs(f_(.3) - .3 / 1.09) < 1e-12),
        (r"\mathbf{v} \approx (0.0275,\ 0.0550,\ 0.0550)", lambda: AV(squash(s2), ["0.0275", "0.0550", "0.0550"])),
        (r"r^2 - r^4 = 0.09 - 0.0081 = 0.0819", lambda: abs(.3**2 - .09) < 1e-12 and abs(.3**4 - .0081) < 1e-12 and A(.09 - .0081, "0.0819")),
        (r"presence probability of only about 8%", lambda: abs(g(0.3) - 0.08) < 0.005),
    ]
CHECKS["01_squash_forward_en.md"] = c01

# ================================================================ 02
def c02():
    s = np.array([3., 4.])
    def prodrule():
        for _ in range(4):
            x = rng.normal(size=3); r = np.linalg.norm(x)
            J = fd_jac(squash, x)
            Jc = f_(r) * np.eye(3) + np.outer(x, fp_(r) * x / r)
            if not close(J, Jc, 1e-6): return False
        return True
    def dnorm():
        x = rng.normal(size=4)
        return close(fd_grad(np.linalg.norm, x), x / np.linalg.norm(x))
    def fprime_claim():
        # claim: f'(r) = 1/(1+r^2)^2
        return all(abs(fd1(f_, r) - 1 / (1 + r * r) ** 2) < 1e-6 for r in randpts())
    def jac_claim():
        for _ in range(4):
            x = rng.normal(size=3); r = np.linalg.norm(x)
            Jc = r / (1 + r * r) * np.eye(3) + np.outer(x, x) / (r * (1 + r * r) ** 2)
            if not close(fd_jac(squash, x), Jc, 1e-6): return False
        return True
    def sym():
        x = rng.normal(size=3); J = fd_jac(squash, x); return close(J, J.T, 1e-6)
    def eig_perp():
        x = rng.normal(size=3); r = np.linalg.norm(x); w = np.cross(x, rng.normal(size=3))
        return close(fd_jac(squash, x) @ w, f_(r) * w, 1e-6)
    def eig_s():
        x = rng.normal(size=3); r = np.linalg.norm(x)
        return close(fd_jac(squash, x) @ x, (f_(r) + r * fp_(r)) * x, 1e-6)
    J5 = fd_jac(squash, s)
    return [
        (r"\mathbf v = \operatorname{squash}(\mathbf s) = \frac{r}{1+r^2}\,\mathbf s .", None),
        (r"Wir schreiben $\mathbf v = f(r)\,\mathbf s$", lambda: all(abs(f_(r) * r - g(r)) < 1e-12 for r in randpts())),
        (r"f(r)\,\delta_{ij} + s_i\, f'(r)\,\frac{\partial r}{\partial s_j}", prodrule),
        (r"\Big(\sum_k s_k^2\Big)^{1/2} = \frac{s_j}{r}", dnorm),
        (r"f'(r) = \frac{(1+r^2)\cdot 1 - r\cdot r}{(1+r^2)^2} = \frac{1}{(1+r^2)^2}", fprime_claim),
        (r"\frac{r}{1+r^2}\,\delta_{ij} + \frac{s_i s_j}{r\,(1+r^2)^2}", jac_claim),
        (r"J = \frac{r}{1+r^2}\, I_n + \frac{1}{r(1+r^2)^2}\,\mathbf s\,\mathbf s^{\top}", jac_claim),
        (r"$J$ ist symmetrisch", sym),
        (r"J\mathbf w = \frac{r}{1+r^2}\mathbf w", eig_perp),
        (r"J\mathbf s = \big(f(r) + r f'(r)\big)\mathbf s", eig_s),
        (r"also $r = 5$, $1+r^2 = 26$, $(1+r^2)^2 = 676$", lambda: np.linalg.norm(s) == 5 and 26**2 == 676),
        (r"$f(5) = 5/26 \approx 0{,}19231$", lambda: A(f_(5), "0.19231")),
        (r"$f'(5) = 1/676 \approx 0{,}0014793$", lambda: A(fd1(f_, 5.0), "0.0014793")),
        (r"Vorfaktor der Rang‑1‑Matrix", lambda: A(fp_(5) / 5, "0.00029586")),
        (r"\mathbf s\mathbf s^\top = \begin{pmatrix} 9 & 12\\ 12 & 16", lambda: close(np.outer(s, s), [[9, 12], [12, 16]])),
        (r"J \approx \begin{pmatrix} 0{,}19231 + 0{,}00266", lambda: AV([J5[0, 0], J5[0, 1], J5[1, 1]], ["0.19497", "0.00355", "0.19704"])),
        (r"= \begin{pmatrix} 0{,}19497 & 0{,}00355", lambda: AV([J5[0, 0], J5[0, 1], J5[1, 0], J5[1, 1]], ["0.19497", "0.00355", "0.00355", "0.19704"])),
        (r"Eigenwert in Richtung $\mathbf s$: $f(5) + 5\,f'(5) = 5/26 + 5/676", lambda: A(f_(5) + 5 * fp_(5), "0.19970")),
        (r"senkrecht dazu: $0{,}19231$", lambda: A(f_(5), "0.19231")),
        (r"Beide Eigenwerte sind positiv", lambda: f_(5) > 0 and gp(5) > 0),
    ]
CHECKS["02_squash_jacobi_de.md"] = c02

# ================================================================ 03
def c03():
    b = np.array([.5, -.2, 1.]); c = softmax(b); b2 = b + np.array([.3, -.1, .4]); c2 = softmax(b2)
    def shift():
        x = rng.normal(size=4); a = rng.normal()
        return close(softmax(x + a), softmax(x))
    def jac():
        x = rng.normal(size=4); cc = softmax(x)
        return close(fd_jac(softmax, x), np.diag(cc) - np.outer(cc, cc))
    def jsum():
        x = rng.normal(size=4); return close(fd_jac(softmax, x).sum(0), np.zeros(4))
    return [
        (r"c_{ij} \;=\; \frac{\exp(b_{ij})}{\sum_{k=1}^{J}\exp(b_{ik})}", None),
        (r"$c_{ij} > 0$ et $\sum_{j} c_{ij} = 1$", lambda: all(softmax(x).min() > 0 and abs(softmax(x).sum() - 1) < 1e-12 for x in rng.normal(size=(3, 5)))),
        (r"\frac{e^{b_{ij}+a}}{\sum_k e^{b_{ik}+a}} = \frac{e^{a}\,e^{b_{ij}}}", shift),
        (r"on a donc $c_{ij} = 1/J$", lambda: close(softmax(np.zeros(5)), np.full(5, 0.2))),
        (r"\frac{\partial c_{ij}}{\partial b_{ik}} = c_{ij}\,(\delta_{jk} - c_{ik}),", jac),
        (r"et $\partial c_{ij}/\partial b_{lk} = 0$ si $l\neq i$", lambda: (lambda Bm: close(fd_jac(lambda x: np.apply_along_axis(softmax, 1, x.reshape(2, 3))[0], Bm.ravel())[:, 3:], 0))(rng.normal(size=(2, 3)))),
        (r"En particulier $\sum_j \partial c_{ij}/\partial b_{ik}", jsum),
        (r"b_{ij} \leftarrow b_{ij} + \hat{\mathbf u}_{j|i}\cdot \mathbf v_j", None),
        (r"on ait $b_{i\cdot} = (0{,}5;\ -0{,}2;\ 1{,}0)$", None),
        (r"exponentielles : $e^{0,5}\approx 1{,}6487$", lambda: AV(np.exp(b), ["1.6487", "0.8187", "2.7183"])),
        (r"somme : $\approx 5{,}1857$", lambda: A(np.exp(b).sum(), "5.1857")),
        (r"couplages : $c_{i\cdot} \approx (0{,}3179;\ 0{,}1579;\ 0{,}5242)$", lambda: AV(c, ["0.3179", "0.1579", "0.5242"])),
        (r"c_{i1}(1-c_{i1}) \approx 0{,}2169", lambda: A(c[0] * (1 - c[0]), "0.2169") and A(fd_jac(softmax, b)[0, 0], "0.2169")),
        (r"$\partial c_{i1}/\partial b_{i3} = -c_{i1}c_{i3} \approx -0{,}1667$", lambda: A(-c[0] * c[2], "-0.1667") and A(fd_jac(softmax, b)[0, 2], "-0.1667")),
        (r"Itération suivante avec les accords", None),
        (r"nouveaux logits : $b_{i\cdot} = (0{,}8;\ -0{,}3;\ 1{,}4)$", lambda: close(b2, [.8, -.3, 1.4])),
        (r"exponentielles : $2{,}2255$", lambda: AV(np.exp(b2), ["2.2255", "0.7408", "4.0552"]) and A(np.exp(b2).sum(), "7.0216")),
        (r"couplages : $c_{i\cdot}\approx (0{,}3170;\ 0{,}1055;\ 0{,}5775)$", lambda: AV(c2, ["0.3170", "0.1055", "0.5775"])),
        (r"Le parent 3, qui était déjà favori", lambda: c2[2] > c[2] and c2[1] < c[1]),
    ]
CHECKS["03_routage_softmax_fr.md"] = c03

# ================================================================ 04
def c04():
    u11, u12, u21, u22 = map(np.array, ([1, .2], [.6, .4], [-.2, .9], [.5, .5]))  # u_{j|i}: u12 = \hat u_{1|2}
    s1 = .5 * u11 + .5 * u12; s2 = .5 * u21 + .5 * u22
    v1, v2 = squash(s1), squash(s2)
    a = dict(a11=u11 @ v1, a12=u12 @ v1, a21=u21 @ v2, a22=u22 @ v2)
    B1 = np.array([a["a11"], a["a21"]]); B2 = np.array([a["a12"], a["a22"]])  # rows: lower capsule i
    c1 = softmax(B1); c2 = softmax(B2)
    s1n = c1[0] * u11 + c2[0] * u12
    return [
        (r"Las predicciones $\hat u_{j|i} = W_{ij} u_i$", None),
        (r"| $i=1$ | $\hat u_{1\|1} = (1,\ 0.2)$", None),
        (r"| $i=2$ | $\hat u_{1\|2} = (0.6,\ 0.4)$", None),
        (r"Recordatorio del algoritmo", lambda: all(close(squash(x), np.linalg.norm(x) / (1 + x @ x) * x) for x in rng.normal(size=(3, 2)))),
        (r"todos los acoplamientos valen $c_{ij}=0.5$", lambda: close(softmax(np.zeros(2)), [.5, .5])),
        (r"s_1 = 0.5\,(1, 0.2) + 0.5\,(0.6, 0.4) = (0.8,\ 0.3)", lambda: close(s1, [.8, .3])),
        (r"\|s_1\|^2 = 0.64 + 0.09 = 0.73", lambda: abs(s1 @ s1 - .73) < 1e-12 and A(np.sqrt(.73), "0.8544") and A(np.sqrt(.73) / 1.73, "0.4939")),
        (r"así que $v_1 \approx (0.3951,\ 0.1482)$", lambda: AV(v1, ["0.3951", "0.1482"])),
        (r"s_2 = 0.5\,(-0.2, 0.9) + 0.5\,(0.5, 0.5) = (0.15,\ 0.7)", lambda: close(s2, [.15, .7])),
        (r"\|s_2\|^2 = 0.0225 + 0.49 = 0.5125", lambda: abs(s2 @ s2 - .5125) < 1e-12 and A(np.sqrt(.5125), "0.7159") and A(np.sqrt(.5125) / 1.5125, "0.4733")),
        (r"y $v_2 \approx (0.0710,\ 0.3313)$", lambda: AV(v2, ["0.0710", "0.3313"])),
        (r"\hat u_{1|1}\cdot v_1 = 0.3951 + 0.2\cdot 0.1482 \approx 0.4247", lambda: A(a["a11"], "0.4247")),
        (r"\hat u_{1|2}\cdot v_1 = 0.6\cdot 0.3951 + 0.4\cdot 0.1482 = 0.2371 + 0.0593 \approx 0.3163",
         lambda: A(.6 * .3951, "0.2371") and A(.4 * .1482, "0.0593") and A(a["a12"], "0.3163")),
        (r"\hat u_{2|1}\cdot v_2 = -0.2\cdot 0.0710 + 0.9\cdot 0.3313 \approx 0.2840", lambda: A(a["a21"], "0.2840")),
        (r"\hat u_{2|2}\cdot v_2 = 0.5\cdot(0.0710 + 0.3313) \approx 0.2012", lambda: A(a["a22"], "0.2012")),
        (r"Así que ahora $b_{1\cdot} = (0.4247,\ 0.2840)$ y $b_{2\cdot} = (0.3163,\ 0.2012)$",
         lambda: AV(B1, ["0.4247", "0.2840"]) and AV(B2, ["0.3163", "0.2012"])),
        (r"c_{i1} = \sigma(b_{i1} - b_{i2})", lambda: all(abs(softmax(x)[0] - sig(x[0] - x[1])) < 1e-12 for x in rng.normal(size=(3, 2)))),
        (r"$c_{11} = \sigma(0.1407) \approx 0.5351$", lambda: A(B1[0] - B1[1], "0.1407") and A(c1[0], "0.5351") and A(c1[1], "0.4649")),
        (r"$c_{21} = \sigma(0.1151) \approx 0.5287$", lambda: A(B2[0] - B2[1], "0.1151") and A(c2[0], "0.5287") and A(c2[1], "0.4713")),
        (r"Nuevo $s_1 = 0.5351\,(1, 0.2) + 0.5287\,(0.6, 0.4)", lambda: AV(s1n, ["0.8524", "0.3185"])),
        (r"\|s_1\|^2 \approx 0.8280$ y por tanto", lambda: A(s1n @ s1n, "0.8280") and A(g(np.linalg.norm(s1n)), "0.4529")),
        (r"antes era $0.73/1.73 \approx 0.4220$", lambda: A(.73 / 1.73, "0.4220") and A(np.linalg.norm(v1), "0.4220")),
    ]
CHECKS["04_routing_ejemplo_es.md"] = c04

# ================================================================ 05
def c05():
    mp, mm, lam = .9, .1, .5
    L = lambda l, T: T * max(0, mp - l) ** 2 + lam * (1 - T) * max(0, l - mm) ** 2
    def dmax():
        return all(abs(fd1(lambda t: max(0, t) ** 2, x) - 2 * max(0, x)) < 1e-6 for x in [-1.3, -.2, .4, 1.7])
    def present():
        return all(abs(fd1(lambda l: L(l, 1), l) - (-2 * max(0, mp - l))) < 1e-6 for l in [.2, .5, .85, 1.3])
    def absent_claim():
        return all(abs(fd1(lambda l: L(l, 0), l) - (-2 * lam * max(0, l - mm))) < 1e-6 for l in [.05, .3, .6, .95])
    def chain():
        for T in (0, 1):
            x = rng.uniform(.05, .4, size=3); l = np.linalg.norm(x)
            if not close(fd_grad(lambda y: L(np.linalg.norm(y), T), x), fd1(lambda t: L(t, T), l) * x / l): return False
        return True
    v1 = np.array([.42, .56]); v2 = np.array([.18, .24])
    G = lambda v, T: fd_grad(lambda y: L(np.linalg.norm(y), T), v)
    return [
        (r"L_k = T_k\,\max(0,\ m^+ - \|\mathbf v_k\|)^2", None),
        (r"com $T_k = 1$ se a classe $k$ está presente", None),
        (r"Calcule $\partial L_k/\partial \|\mathbf v_k\|$", None),
        (r"\frac{d}{dx}\max(0,x)^2 = 2\max(0,x)", dmax),
        (r"= 2\max(0,\ m^+ - \ell)\cdot(-1) = -2\max(0,\ m^+ - \ell).", present),
        (r"se $\ell < 0{,}9$ o gradiente é negativo", lambda: fd1(lambda l: L(l, 1), .5) < 0),
        (r"\frac{\partial L_k}{\partial \ell} = -2\lambda\,\max(0,\ \ell - m^-).", absent_claim),
        (r"Como $\nabla_{\mathbf v}\|\mathbf v\| = \mathbf v/\|\mathbf v\|$", lambda: (lambda x: close(fd_grad(np.linalg.norm, x), x / np.linalg.norm(x)))(rng.normal(size=3))),
        (r"\nabla_{\mathbf v_k} L_k = \frac{\partial L_k}{\partial \ell}\;\frac{\mathbf v_k}{\|\mathbf v_k\|}.", chain),
        (r"Classe presente com $\mathbf v_k = (0{,}42;\ 0{,}56)$", lambda: abs(v1 @ v1 - .49) < 1e-12 and A(.42**2, "0.1764") and A(.56**2, "0.3136")),
        (r"$L_k = (0{,}9 - 0{,}7)^2 = 0{,}04$", lambda: A(L(.7, 1), "0.04")),
        (r"$\partial L_k/\partial\ell = -2\cdot 0{,}2 = -0{,}4$", lambda: A(fd1(lambda l: L(l, 1), .7), "-0.4")),
        (r"= -0{,}4\cdot(0{,}6;\ 0{,}8) = (-0{,}24;\ -0{,}32)$", lambda: AV(G(v1, 1), ["-0.24", "-0.32"])),
        (r"Classe ausente com $\mathbf v_k = (0{,}18;\ 0{,}24)$", lambda: abs(np.linalg.norm(v2) - .3) < 1e-12),
        (r"$L_k = 0{,}5\cdot(0{,}3 - 0{,}1)^2 = 0{,}5\cdot 0{,}04 = 0{,}02$", lambda: A(L(.3, 0), "0.02")),
        (r"$\partial L_k/\partial\ell = -2\cdot 0{,}5\cdot 0{,}2 = -0{,}2$", lambda: A(fd1(lambda l: L(l, 0), .3), "-0.2")),
        (r"= -0{,}2\cdot(0{,}6;\ 0{,}8) = (-0{,}12;\ -0{,}16)$", lambda: AV(G(v2, 0), ["-0.12", "-0.16"])),
        (r"Classe ausente com $\ell = 0{,}05 < m^-$", lambda: L(.05, 0) == 0 and abs(fd1(lambda l: L(l, 0), .05)) < 1e-12),
        (r"(0{,}039601 - 0{,}040401)/0{,}002 = -0{,}4", lambda: A(L(.701, 1), "0.039601") and A(L(.699, 1), "0.040401")
                                                            and A((L(.701, 1) - L(.699, 1)) / .002, "-0.4")),
    ]
CHECKS["05_margin_loss_grad_pt.md"] = c05

# ================================================================ 06
def c06():
    mp, mm, lam = .9, .1, .5
    V = [np.array([.6, .5]), np.array([.2, .1]), np.array([.05, .05])]; T = [1, 0, 0]
    Lk = lambda v, t: t * max(0, mp - np.linalg.norm(v)) ** 2 + lam * (1 - t) * max(0, np.linalg.norm(v) - mm) ** 2
    Ltot = lambda vs: sum(Lk(v, t) for v, t in zip(vs, T))
    n = [np.linalg.norm(v) for v in V]
    grads = [fd_grad(lambda y, k=k: Lk(y, T[k]), V[k]) for k in range(3)]
    def cases():
        for t in (0, 1):
            for _ in range(3):
                x = rng.uniform(-.6, .6, size=2); l = np.linalg.norm(x)
                if t == 1 and l < mp: ex = -2 * (mp - l) * x / l
                elif t == 0 and l > mm: ex = 2 * lam * (l - mm) * x / l
                else: ex = np.zeros(2)
                if not close(fd_grad(lambda y: Lk(y, t), x), ex): return False
        return True
    return [
        (r"\mathbf v_1 = (0{,}6;\ 0{,}5),\qquad", None),
        (r"Con $m^+ = 0{,}9$, $m^- = 0{,}1$, $\lambda = 0{,}5$ e", None),
        (r"L = \sum_k \big[T_k\max(0, m^+-\|\mathbf v_k\|)^2", None),
        (r"\|\mathbf v_1\| = \sqrt{0{,}36+0{,}25}", lambda: A(n[0], "0.7810") and abs(n[0] ** 2 - .61) < 1e-12),
        (r"\|\mathbf v_2\| = \sqrt{0{,}04+0{,}01}", lambda: A(n[1], "0.2236") and abs(n[1] ** 2 - .05) < 1e-12),
        (r"\|\mathbf v_3\| = \sqrt{0{,}005} \approx 0{,}0707", lambda: A(n[2], "0.0707")),
        (r"classe 1 (presente): $(0{,}9 - 0{,}7810)^2", lambda: A(.9 - n[0], "0.1190") and A(Lk(V[0], 1), "0.01416")),
        (r"classe 2 (assente): $0{,}5\,(0{,}2236-0{,}1)^2", lambda: A(n[1] - .1, "0.1236") and A((n[1] - .1) ** 2, "0.01528") and A(Lk(V[1], 0), "0.00764")),
        (r"classe 3 (assente): $\|\mathbf v_3\| < m^-$", lambda: n[2] < mm and Lk(V[2], 0) == 0),
        (r"Totale: $L \approx 0{,}01416 + 0{,}00764", lambda: A(Ltot(V), "0.0218")),
        (r"si ha $\partial \ell_k/\partial\mathbf v_k = \mathbf v_k/\ell_k$", lambda: close(fd_grad(np.linalg.norm, V[0]), V[0] / n[0])),
        (r"-2\,(m^+ - \ell_k)\,\dfrac{\mathbf v_k}{\ell_k}, & T_k = 1", cases),
        (r"\ \ 2\lambda\,(\ell_k - m^-)\,\dfrac{\mathbf v_k}{\ell_k}, & T_k = 0", cases),
        (r"\ \ \mathbf 0 & \text{altrimenti.}", cases),
        (r"$k=1$: $-2\cdot 0{,}1190 = -0{,}2380$", lambda: A(-2 * (.9 - n[0]), "-0.2380") and AV(V[0] / n[0], ["0.7682", "0.6402"])),
        (r"\partial L/\partial\mathbf v_1 \approx (-0{,}1828;\ -0{,}1523)$", lambda: AV(grads[0], ["-0.1828", "-0.1523"])),
        (r"$k=2$: $2\cdot 0{,}5\cdot 0{,}1236 = 0{,}1236$", lambda: A(2 * .5 * (n[1] - .1), "0.1236") and AV(V[1] / n[1], ["0.8944", "0.4472"])),
        (r"\partial L/\partial\mathbf v_2 \approx (0{,}1106;\ 0{,}0553)$", lambda: AV(grads[1], ["0.1106", "0.0553"])),
        (r"$k=3$: $\partial L/\partial\mathbf v_3 = (0;\ 0)$", lambda: close(grads[2], [0, 0])),
        (r"Un passo di discesa del gradiente allunga $\mathbf v_1$", lambda: np.linalg.norm(V[0] - .1 * grads[0]) > n[0] and np.linalg.norm(V[1] - .1 * grads[1]) < n[1]),
    ]
CHECKS["06_margin_loss_esame_it.md"] = c06

# ================================================================ 07
def c07():
    q = np.array([.5, -1.]); K = np.array([[1, 0], [-.5, .5]]); Vv = np.array([[1, 2], [3, -1.]])
    pq, pK = phi(q), phi(K); S = pK.T @ Vv; z = pK.sum(0); num = pq @ S; den = pq @ z; y = num / den
    w = pK @ pq
    def assoc():
        N, d, dv = 5, 3, 2
        Q, Kr, Vr = rng.normal(size=(N, d)), rng.normal(size=(N, d)), rng.normal(size=(N, dv))
        P = phi(Q) @ phi(Kr).T
        direct = (P @ Vr) / P.sum(1, keepdims=True)
        viaS = (phi(Q) @ (phi(Kr).T @ Vr)) / (phi(Q) @ phi(Kr).sum(0))[:, None]
        return close(direct, viaS)
    def phid():
        xs = np.array([-2.1, -.7, -.1, .3, 1.9])
        elu = lambda x: np.where(x > 0, x, np.exp(np.minimum(x, 0)) - 1)
        return close(phi(xs), elu(xs) + 1) and close([fd1(phi, x) for x in xs], dphi(xs))
    return [
        (r"\operatorname{sim}(q,k)=\exp\!\big(q^{\mathsf T}k/\sqrt d\big)", None),
        (r"=\frac{\varphi(q_i)^{\mathsf T}S}{\varphi(q_i)^{\mathsf T}z},\quad", assoc),
        (r"\varphi(x)=\mathrm{elu}(x)+1=\begin{cases}x+1,& x>0", phid),
        (r"\varphi'(x)=\begin{cases}1,& x>0,\\ e^{x},& x\le 0.\end{cases}", phid),
        (r"$\varphi(x)>0$ при всех $x$", lambda: phi(np.linspace(-30, 30, 601)).min() > 0),
        (r"в нуле $\varphi(0)=1$", lambda: phi(0.0) == 1 and abs(fd1(phi, -1e-3) - 1) < 2e-3 and abs(fd1(phi, 1e-3) - 1) < 1e-6),
        (r"градиент $\varphi'$ нигде не обращается в ноль", lambda: dphi(np.linspace(-30, 30, 601)).min() > 0),
        (r"$q=(0{,}5;\,-1)$, $k_1=(1;\,0)$", None),
        (r"$\varphi(q)=(1{,}5;\ e^{-1})\approx(1{,}5;\ 0{,}3679)$", lambda: AV(pq, ["1.5", "0.3679"])),
        (r"$\varphi(k_1)=(2;\ 1)$", lambda: close(pK[0], [2, 1])),
        (r"$\varphi(k_2)=(e^{-0,5};\ 1{,}5)\approx(0{,}6065;\ 1{,}5)$", lambda: AV(pK[1], ["0.6065", "1.5"])),
        (r"S=\begin{pmatrix}2\\1\end{pmatrix}(1\ \ 2)+\begin{pmatrix}0{,}6065", lambda: close(np.outer(pK[0], Vv[0]) + np.outer(pK[1], Vv[1]), S)),
        (r"\approx\begin{pmatrix}3{,}8196 & 3{,}3935\\ 5{,}5 & 0{,}5\end{pmatrix}", lambda: AV(S.ravel(), ["3.8196", "3.3935", "5.5", "0.5"])),
        (r"z\approx(2{,}6065;\ 2{,}5).", lambda: AV(z, ["2.6065", "2.5"])),
        (r"Числитель: $\varphi(q)^{\mathsf T}S\approx(7{,}7527;\ 5{,}2741)$", lambda: AV(num, ["7.7527", "5.2741"]) and A(den, "4.8295")),
        (r"Итого $y\approx(1{,}6053;\ 1{,}0921)$", lambda: AV(y, ["1.6053", "1.0921"])),
        (r"$w_1\approx 3{,}3679$, $w_2\approx 1{,}4616$", lambda: AV(w, ["3.3679", "1.4616"])),
        (r"нормированные $\approx(0{,}6974;\ 0{,}3026)$", lambda: AV(w / w.sum(), ["0.6974", "0.3026"]) and AV(y, ["1.605", "1.092"])
                                                       and AV(.6974 * Vv[0] + .3026 * Vv[1], ["1.605", "1.092"])),
        (r"Ассоциативность $(\varphi(Q)\varphi(K)^{\mathsf T})V", assoc),
    ]
CHECKS["07_lineinoe_vnimanie_ru.md"] = c07

# ================================================================ 08
def c08():
    N, d, dv = 4096, 64, 64
    def mac_softmax():
        n, dd, ddv = 7, 3, 2
        Q, Kk, V = np.ones((n, dd)), np.ones((n, dd)), np.ones((n, ddv))
        return (Q @ Kk.T).size * dd == n * n * dd and (np.ones((n, n)) @ V).size * n == n * n * ddv
    def mac_linear():
        n, dd, ddv = 7, 3, 2
        S = np.ones((dd, n)) @ np.ones((n, ddv)); O = np.ones((n, dd)) @ S
        return S.size * n == n * dd * ddv and O.size * dd == n * dd * ddv and S.shape == (dd, ddv)
    def ratio():
        for n, dd in [(100, 8), (4096, 64), (50, 5)]:
            if abs(n * n * (dd + dd) / (2 * n * dd * dd) - n / dd) > 1e-9: return False
        return True
    soft = N * N * (d + dv); lin = 2 * N * d * dv
    return [
        (r"\mathrm{Attn}(Q,K,V)=\mathrm{softmax}\!\left(\frac{QK^\top}{\sqrt d}\right)V", None),
        (r"$QK^\top$：得到 $N\times N$ 矩阵", mac_softmax),
        (r"乘 $V$：$N\times N$ 乘 $N\times d_v$", mac_softmax),
        (r"合计 $N^2(d+d_v)$，显存里", mac_softmax),
        (r"V' = \frac{\varphi(Q)\,\big(\varphi(K)^\top V\big)}", lambda: (lambda Q, Kk, V: close((phi(Q) @ (phi(Kk).T @ V)) / (phi(Q) @ (phi(Kk).T @ np.ones(6)))[:, None],
                                                                   ((phi(Q) @ phi(Kk).T) @ V) / (phi(Q) @ phi(Kk).T).sum(1)[:, None]))(rng.normal(size=(6, 3)), rng.normal(size=(6, 3)), rng.normal(size=(6, 2)))),
        (r"$S=\varphi(K)^\top V$：$d\times N$ 乘 $N\times d_v$", mac_linear),
        (r"$\varphi(Q)S$：$N\times d$ 乘 $d\times d_v$", mac_linear),
        (r"归一化项 $z=\varphi(K)^\top\mathbf 1_N$", lambda: True),
        (r"合计约 $2Nd\,d_v$，对 $N$ 是线性的", mac_linear),
        (r"\overset{d=d_v}{=}\ \frac{N}{d}", ratio),
        (r"$N^2 d = 4096^2\times 64 = 1{,}073{,}741{,}824", lambda: N * N * d == 1073741824 and A(N * N * d / 1e9, "1.07")),
        (r"合计 $N^2(d+d_v) = 2\times 1.07\times 10^9 \approx 2.15\times 10^9$", lambda: A(soft / 1e9, "2.15")),
        (r"注意力矩阵 $N^2 = 16{,}777{,}216$", lambda: np.zeros((N, N), np.float32).nbytes == 64 * 2**20 and N * N == 16777216),
        (r"$N d\,d_v = 4096\times 64\times 64 = 33{,}554{,}432$", lambda: N * d * dv == 33554432),
        (r"合计 $2Nd\,d_v \approx 6.71\times 10^7$ MAC", lambda: A(lin / 1e7, "6.71")),
        (r"状态 $S$：$64\times 64 = 4096$ 个元素", lambda: np.zeros((d, dv), np.float32).size == 4096 and np.zeros((d, dv), np.float32).nbytes == 16 * 1024),
        (r"比值：$2.15\times10^9 / 6.71\times10^7 \approx 32$", lambda: abs(soft / lin - 32) < 0.5),
        (r"即线性注意力大约省了 32 倍", lambda: abs(soft / lin - 32) < 0.5),
        (r"softmax 注意力的计算量变成 $4$ 倍", lambda: (2 * N) ** 2 * (d + dv) == 4 * soft and 2 * (2 * N) * d * dv == 2 * lin),
        (r"N = \frac{2d\,d_v}{d+d_v}$，在 $d=d_v=64$ 时就是 $N=64$", lambda: 2 * d * dv / (d + dv) == 64 and 64**2 * 128 == 2 * 64 * 64 * 64),
        (r"只要序列长度超过 $64$", lambda: all((n * n * (d + dv) > 2 * n * d * dv) == (n > 64) for n in [10, 63, 65, 200])),
    ]
CHECKS["08_xianxing_zhuyi_fuzadu_zh.md"] = c08

# ================================================================ 09
def c09():
    Pq = np.array([[1, 1], [.5, 2], [1, 0.]]); Pk = np.array([[1, .5], [.2, 1], [1.5, 1]]); v = np.array([2, -1, .5])
    S = np.cumsum(Pk * v[:, None], 0); z = np.cumsum(Pk, 0)
    y = np.array([Pq[i] @ S[i] / (Pq[i] @ z[i]) for i in range(3)])
    def direct(i, vv=v):
        w = Pk[:i + 1] @ Pq[i]; return w @ vv[:i + 1] / w.sum()
    def rec():
        N, d, dv = 6, 3, 2
        Q, Kk, V = phi(rng.normal(size=(N, d))), phi(rng.normal(size=(N, d))), rng.normal(size=(N, dv))
        Sx, zx = np.zeros((d, dv)), np.zeros(d); ok = True
        for i in range(N):
            Sx = Sx + np.outer(Kk[i], V[i]); zx = zx + Kk[i]
            yi = Q[i] @ Sx / (Q[i] @ zx)
            w = Kk[:i + 1] @ Q[i]; ok &= close(yi, w @ V[:i + 1] / w.sum())
            ok &= close(Sx, sum(np.outer(Kk[j], V[j]) for j in range(i + 1)))
        return ok
    def dydv():
        ok = True
        for i in range(3):
            for j in range(3):
                def fy(vj):
                    vv = v.copy(); vv[j] = vj; return direct(i, vv)
                ex = (Pq[i] @ Pk[j]) / (Pq[i] @ z[i]) if j <= i else 0.0
                ok &= abs(fd1(fy, v[j]) - ex) < 1e-7
        return ok
    return [
        (r"y_i=\frac{\phi(q_i)^\top\sum_{j=1}^{i}\phi(k_j)\,v_j^\top}", None),
        (r"S_i=\sum_{j=1}^{i}\phi(k_j)v_j^\top,\qquad z_i=\sum_{j=1}^{i}\phi(k_j)", None),
        (r"S_i=S_{i-1}+\phi(k_i)v_i^\top,\qquad z_i=z_{i-1}+\phi(k_i)", rec),
        (r"が成り立ち、$y_i=\phi(q_i)^\top S_i", rec),
        (r"1 ステップあたりの計算量は $O(d\,d_v)$", lambda: np.outer(np.ones(3), np.ones(2)).size == 3 * 2),
        (r"| 1 | $(1,\ 1)$ | $(1,\ 0.5)$ | $2$ |", None),
        (r"| 2 | $(0.5,\ 2)$", None),
        (r"| 3 | $(1,\ 0)$", None),
        (r"**$i=1$：** $S_1=(2,\ 1)^\top$", lambda: close(S[0], [2, 1]) and close(z[0], [1, .5])),
        (r"$y_1=(1\cdot2+1\cdot1)/(1\cdot1+1\cdot0.5)=3/1.5=2$", lambda: abs(y[0] - 2) < 1e-12 and abs(y[0] - v[0]) < 1e-12),
        (r"**$i=2$：** $S_2=S_1+(0.2,\ 1)^\top\cdot(-1)=(1.8,\ 0)^\top$", lambda: close(S[1], [1.8, 0]) and close(z[1], [1.2, 1.5])),
        (r"$y_2=(0.5\cdot1.8+2\cdot0)/(0.5\cdot1.2+2\cdot1.5)=0.9/3.6=0.25$", lambda: abs(y[1] - .25) < 1e-12 and abs(direct(1) - .25) < 1e-12),
        (r"**$i=3$：** $S_3=(1.8,\ 0)^\top+(1.5,\ 1)^\top\cdot0.5=(2.55,\ 0.5)^\top$", lambda: close(S[2], [2.55, .5]) and close(z[2], [2.7, 2.5])),
        (r"$y_3=(1\cdot2.55+0\cdot0.5)/(1\cdot2.7+0\cdot2.5)=2.55/2.7\approx0.9444$", lambda: A(y[2], "0.9444") and abs(y[2] - 2.55 / 2.7) < 1e-12),
        (r"検算：$i=3$ の重みを直接計算すると", lambda: close(Pk @ Pq[2], [1, .2, 1.5]) and abs((Pk @ Pq[2]).sum() - 2.7) < 1e-12),
        (r"$y_3=(1\cdot2+0.2\cdot(-1)+1.5\cdot0.5)/2.7=2.55/2.7$", lambda: abs(direct(2) - 2.55 / 2.7) < 1e-12 and abs(2 - .2 + .75 - 2.55) < 1e-12),
        (r"\dfrac{\partial y_i}{\partial v_j}=\dfrac{\phi(q_i)^\top\phi(k_j)}{\phi(q_i)^\top z_i}", dydv),
        (r"例えば $\partial y_3/\partial v_2=0.2/2.7\approx0.0741$", lambda: A(fd1(lambda t: direct(2, np.array([2, t, .5])), -1.0), "0.0741")
                                                               and abs(fd1(lambda t: direct(1, np.array([2, -1, t])), .5)) < 1e-12),
    ]
CHECKS["09_causal_ruisekiwa_ja.md"] = c09

# ================================================================ 10
def conv_out(n, k, s): return (n - k) // s + 1
def c10():
    def params_conv(k, cin, cout): return np.zeros((k, k, cin, cout)).size + np.zeros(cout).size
    H1 = conv_out(28, 9, 1); H2 = conv_out(H1, 9, 2); Ncap = H2 * H2 * 32
    Wd = Ncap * 10 * 16 * 8
    dec = [160 * 512 + 512, 512 * 1024 + 1024, 1024 * 784 + 784]
    return [
        (r"입력은 $28\times28\times1$ 이미지입니다", None),
        (r"커널 $9\times9$, 입력 채널 1, 출력 채널 256", None),
        (r"출력 크기: $28-9+1=20$", lambda: H1 == 20),
        (r"파라미터: $9\cdot9\cdot1\cdot256 + 256 = 20{,}736 + 256 = 20{,}992$", lambda: params_conv(9, 1, 256) == 20992 and 9 * 9 * 256 == 20736),
        (r"**stride 2**, 출력은 8차원 캡슐 32채널", lambda: 32 * 8 == 256),
        (r"파라미터: $9\cdot9\cdot256\cdot256 + 256 = 5{,}308{,}416", lambda: params_conv(9, 256, 256) == 5308672 and 9 * 9 * 256 * 256 == 5308416),
        (r"출력 공간 크기: $20-9+1 = 12$", lambda: H2 == 12),
        (r"1차 캡슐 개수: $12\times12\times32 = 4{,}608$개", lambda: Ncap == 4608),
        (r"W_{ij}\in\mathbb{R}^{16\times8}$가 있습니다", lambda: (np.zeros((16, 8)) @ np.zeros(8)).shape == (16,)),
        (r"\hat{u}_{j|i} = W_{ij}\,u_i,\qquad u_i\in\mathbb{R}^8", None),
        (r"파라미터: $4{,}608\times10\times16\times8 = 5{,}898{,}240$", lambda: Wd == 5898240),
        (r"라우팅 로짓 $b_{ij}$: $4{,}608\times10=46{,}080$개", lambda: np.zeros((Ncap, 10)).size == 46080),
        (r"$16\times10=160$차원 벡터", lambda: np.zeros((10, 16)).size == 160),
        (r"| FC1 (160→512) |", lambda: dec[0] == 82432),
        (r"| FC2 (512→1024) |", lambda: dec[1] == 525312),
        (r"| FC3 (1024→784) |", lambda: dec[2] == 803600),
        (r"디코더 합계: $82{,}432+525{,}312+803{,}600 = 1{,}411{,}344$", lambda: sum(dec) == 1411344),
        (r"인코더(Conv1 + PrimaryCaps + DigitCaps)", lambda: 20992 + 5308672 + Wd == 11227904),
        (r"디코더 포함 전체: $11{,}227{,}904 + 1{,}411{,}344 = 12{,}639{,}248$", lambda: 20992 + 5308672 + Wd + sum(dec) == 12639248),
    ]
CHECKS["10_capsnet_parameter_ko.md"] = c10

# ================================================================ 11
def c11():
    c = np.array([.2, .3, .5]); gg = np.array([1, -2, .5]); b = np.log(c)
    Jc = np.diag(c) - np.outer(c, c)
    true_grad = lambda bb, gv: fd_grad(lambda x: softmax(x) @ gv, bb)
    def jac():
        x = rng.normal(size=4); cc = softmax(x); return close(fd_jac(softmax, x), np.diag(cc) - np.outer(cc, cc))
    def rows0():
        x = rng.normal(size=4); return close(fd_jac(softmax, x).sum(1), 0)
    def chain_mid():
        x, gv = rng.normal(size=4), rng.normal(size=4); cc = softmax(x)
        mid = np.array([sum(gv[j] * cc[j] * ((j == k) - cc[k]) for j in range(4)) for k in range(4)])
        return close(true_grad(x, gv), mid)
    def claim3():
        x, gv = rng.normal(size=4), rng.normal(size=4); cc = softmax(x)
        return close(true_grad(x, gv), cc * gv - cc * gv.sum())
    gr = true_grad(b, gg)
    return [
        (r"c_j = \frac{e^{b_j}}{\sum_{m=1}^{J} e^{b_m}}, \qquad j = 1,\dots,J. \tag{1}", None),
        (r"Niech $g_j := \partial L/\partial c_j$", None),
        (r"= c_j(\delta_{jk} - c_k), \tag{2}", jac),
        (r"\partial\mathbf c/\partial\mathbf b = \operatorname{diag}(\mathbf c) - \mathbf c\,\mathbf c^{\top}", jac),
        (r"Każdy wiersz tej macierzy sumuje się do zera", rows0),
        (r"\frac{\partial L}{\partial b_k} = \sum_{j=1}^{J} g_j\,\frac{\partial c_j}{\partial b_k}", chain_mid),
        (r"= \sum_j g_j c_j(\delta_{jk} - c_k)", chain_mid),
        (r"= c_k g_k - c_k \sum_j g_j. \tag{3}", claim3),
        (r"\frac{\partial L}{\partial b_k} = c_k\Big(g_k - \sum_j g_j\Big). \tag{4}", claim3),
        (r"\approx (-1{,}609;\ -1{,}204;\ -0{,}693)$", lambda: AV(b, ["-1.609", "-1.204", "-0.693"]) and close(softmax(b), c)),
        (r"\begin{pmatrix} 0{,}16 & -0{,}06 & -0{,}10", lambda: close(Jc, [[.16, -.06, -.1], [-.06, .21, -.15], [-.1, -.15, .25]]) and close(fd_jac(softmax, b), Jc)),
        (r"Suma składowych gradientu: $\sum_j g_j = 1 - 2 + 0{,}5 = -0{,}5$", lambda: abs(gg.sum() + .5) < 1e-12),
        (r"$\partial L/\partial b_1 = 0{,}2\,(1 + 0{,}5) = 0{,}30$", lambda: A(gr[0], "0.30")),
        (r"$\partial L/\partial b_2 = 0{,}3\,(-2 + 0{,}5) = -0{,}45$", lambda: A(gr[1], "-0.45")),
        (r"$\partial L/\partial b_3 = 0{,}5\,(0{,}5 + 0{,}5) = 0{,}50$", lambda: A(gr[2], "0.50")),
        (r"Logit $b_2$ dostaje ujemną pochodną", lambda: gr[1] < 0),
    ]
CHECKS["11_gradient_routingu_pl.md"] = c11

# ================================================================ 12
def c12():
    def pfc(Nin, din, Nout, dout):
        W = np.zeros((Nin, Nout, dout, din)); u = np.ones((Nin, din))
        uh = np.einsum("ijab,ib->ija", W, u)
        return W.size, uh.shape
    def formula():
        for Nin, din, Nout, dout in [(4, 2, 3, 4), (5, 3, 2, 6)]:
            if pfc(Nin, din, Nout, dout)[0] != Nin * Nout * din * dout: return False
        return True
    return [
        (r"W_{ij}\in\mathbb{R}^{d_\text{out}\times d_\text{in}},\qquad \hat{\mathbf u}_{j|i}=W_{ij}\,\mathbf u_i", None),
        (r"P_\text{FC} = N_\text{in}\cdot N_\text{out}\cdot d_\text{in}\cdot d_\text{out}.", formula),
        (r"De routinglogits $b_{ij}$ ($N_\text{in}N_\text{out}$ stuks)", lambda: np.zeros((4, 3)).size == 12),
        (r"$P = 4\cdot 3\cdot 2\cdot 4 = 96$ gewichten", lambda: pfc(4, 2, 3, 4) == (96, (4, 3, 4)) and np.zeros((4, 3, 4)).size == 48),
        (r"Hier is $N_\text{in} = 6\cdot 6\cdot 32 = 1.152$", lambda: np.zeros((6, 6, 32)).size == 1152),
        (r"P_\text{DigitCaps} = 1.152\cdot 10\cdot 8\cdot 16 = 1.474.560", lambda: pfc(1152, 8, 10, 16)[0] == 1474560),
        (r"tensor $(1.152,\,10,\,16)$, dat zijn $184.320$ getallen", lambda: pfc(1152, 8, 10, 16)[1] == (1152, 10, 16) and 1152 * 10 * 16 == 184320),
        (r"het berekenen ervan kost $1.152\cdot10\cdot16\cdot8 = 1.474.560$", lambda: 1152 * 10 * 16 * 8 == 1474560),
        (r"routinglogits: $1.152\cdot 10 = 11.520$ getallen", lambda: np.zeros((1152, 10)).size == 11520),
        (r"P_\text{gedeeld} = 32\cdot 10\cdot 8\cdot 16 = 40.960,", lambda: np.zeros((32, 10, 16, 8)).size == 40960),
        (r"precies een factor $36 = 6\cdot 6$ kleiner", lambda: 1474560 / 40960 == 36),
        (r"nog steeds $1.152\cdot10$ voorspellingen", lambda: np.zeros((1152, 10)).size == 11520),
        (r"dus $16$ gewichten per paar in plaats van $8\cdot16=128$", lambda: np.zeros((4, 4)).size == 16 and np.zeros((16, 8)).size == 128),
        (r"P_\text{conv} = K\cdot K\cdot B\cdot C\cdot 16 .", lambda: np.zeros((3, 3, 32, 32, 4, 4)).size == 3 * 3 * 32 * 32 * 16),
        (r"Met $K=3$, $B=C=32$: $P_\text{conv} = 9\cdot 32\cdot 32\cdot 16 = 147.456$", lambda: np.zeros((3, 3, 32, 32, 4, 4)).size == 147456),
    ]
CHECKS["12_parameters_capsulelagen_nl.md"] = c12

# ================================================================ 13
def c13():
    S = np.array([[1, 2], [.5, 3]]); z = np.array([2, 1.5]); q = np.array([.3, -.4])
    yq = lambda qq: S.T @ phi(qq) / (z @ phi(qq))
    yp = lambda p: S.T @ p / (z @ p)
    p = phi(q); D = z @ p; y = yp(p)
    Jp = fd_jac(yp, p); Jq = fd_jac(yq, q)
    def gen(fun):
        for _ in range(3):
            Sr = rng.normal(size=(3, 3)); zr = rng.uniform(.5, 2, size=3); pr = rng.uniform(.3, 2, size=3)
            J = fd_jac(lambda x: Sr.T @ x / (zr @ x), pr)
            if not close(J, fun(Sr, zr, pr), 1e-5): return False
        return True
    def genq(fun):
        for _ in range(3):
            Sr = rng.normal(size=(3, 3)); zr = rng.uniform(.5, 2, size=3); qr = rng.normal(size=3)
            J = fd_jac(lambda x: Sr.T @ phi(x) / (zr @ phi(x)), qr)
            if not close(J, fun(Sr, zr, qr), 1e-5): return False
        return True
    def scale_inv():
        Sr = rng.normal(size=(3, 3)); zr = rng.uniform(.5, 2, size=3); pr = rng.uniform(.3, 2, size=3)
        return close(fd_jac(lambda x: Sr.T @ x / (zr @ x), pr) @ pr, 0, 1e-5)
    return [
        (r"$$S=\sum_j \phi(k_j)\,v_j^\top\in\mathbb R^{d\times d_v}", None),
        (r"$$y(q)=\frac{S^\top\phi(q)}{z^\top\phi(q)}\in\mathbb R^{d_v}.$$", None),
        (r"Put $p=\phi(q)$ and $D=z^\top p$", lambda: phi(np.linspace(-20, 20, 81)).min() > 0),
        (r"\frac{\partial y}{\partial p}=\frac{S^\top}{D}-\frac{S^\top p}{D^2}\,z^\top", lambda: gen(lambda Sr, zr, pr: Sr.T / (zr @ pr) - np.outer(Sr.T @ pr, zr) / (zr @ pr) ** 2)),
        (r"Since $S^\top p/D = y$, this is", lambda: close(S.T @ p / D, yq(q))),
        (r"\frac{\partial y}{\partial p}=\frac{S-y\,z^\top}{D}.", lambda: gen(lambda Sr, zr, pr: (Sr - np.outer(Sr.T @ pr / (zr @ pr), zr)) / (zr @ pr))),
        (r"Finally $\phi$ acts elementwise", lambda: close([fd1(phi, x) for x in [-1.2, -.3, .4, 2.]], dphi(np.array([-1.2, -.3, .4, 2.])))),
        (r"\frac{\partial y}{\partial q}=\frac{1}{D}\,\big(S-y\,z^\top\big)\operatorname{diag}(\phi'(q)).",
         lambda: genq(lambda Sr, zr, qr: (Sr - np.outer(Sr.T @ phi(qr) / (zr @ phi(qr)), zr)) / (zr @ phi(qr)) @ np.diag(dphi(qr)))),
        (r"must send $p$ to zero", scale_inv),
        (r"$$S=\begin{pmatrix}1&2\\0.5&3\end{pmatrix},\quad", None),
        (r"`p = phi(q)` $=(1.3,\ e^{-0.4})\approx(1.3,\ 0.6703)$", lambda: AV(p, ["1.3", "0.6703"]) and AV(dphi(q), ["1", "0.6703"])),
        (r"$S^\top p\approx(1.6352,\ 4.6110)$, $D = 2\cdot1.3+1.5\cdot0.6703\approx3.6055$", lambda: AV(S.T @ p, ["1.6352", "4.6110"]) and A(D, "3.6055")),
        (r"- $y\approx(0.4535,\ 1.2789)$", lambda: AV(y, ["0.4535", "1.2789"])),
        (r"$y z^\top\approx\begin{pmatrix}0.9070&0.6803\\2.5578&1.9183\end{pmatrix}$", lambda: AV(np.outer(y, z).ravel(), ["0.9070", "0.6803", "2.5578", "1.9183"])),
        (r"\frac{1}{3.6055}\begin{pmatrix}0.0930&1.3197\\-2.0578&1.0817\end{pmatrix}\approx",
         lambda: AV((Jp * D).ravel(), ["0.0930", "1.3197", "-2.0578", "1.0817"]) and AV(Jp.ravel(), ["0.0258", "0.3660", "-0.5707", "0.3000"])),
        (r"\frac{\partial y}{\partial q}\approx\begin{pmatrix}0.0258&0.2454\\-0.5707&0.2011\end{pmatrix}", lambda: AV(Jq.ravel(), ["0.0258", "0.2454", "-0.5707", "0.2011"])),
    ]
CHECKS["13_linear_attn_query_grad_en.md"] = c13

# ================================================================ 14
def c14():
    gpp = lambda r: 2 * (1 - 3 * r * r) / (1 + r * r) ** 3
    rs = 1 / np.sqrt(3)
    inv = lambda l: np.sqrt(l / (1 - l))
    return [
        (r"Nhắc lại: $\mathbf v = \mathrm{squash}(\mathbf s)", None),
        (r"\ell = g(r) = \frac{r^2}{1+r^2},\qquad r = \|\mathbf s\| \ge 0", lambda: all(abs(np.linalg.norm(squash_paper(x)) - g(np.linalg.norm(x))) < 1e-12 for x in rng.normal(size=(4, 3)))),
        (r"g'(r) = \frac{2r(1+r^2) - r^2\cdot 2r}{(1+r^2)^2} = \frac{2r}{(1+r^2)^2},",
         lambda: all(abs(fd1(g, r) - gp(r)) < 1e-7 and abs((2 * r * (1 + r * r) - r * r * 2 * r) / (1 + r * r) ** 2 - gp(r)) < 1e-12 for r in randpts())),
        (r"g''(r) = \frac{2(1+r^2)^2 - 2r\cdot 2(1+r^2)\cdot 2r}{(1+r^2)^4} = \frac{2(1-3r^2)}{(1+r^2)^3}.",
         lambda: all(abs(fd1(gp, r) - gpp(r)) < 1e-6 and abs((2 * (1 + r * r) ** 2 - 2 * r * 2 * (1 + r * r) * 2 * r) / (1 + r * r) ** 4 - gpp(r)) < 1e-12 for r in randpts())),
        (r"Do đó $g'$ đạt cực đại tại $r^\ast = 1/\sqrt3 \approx 0{,}5774$", lambda: A(rs, "0.5774") and abs(gpp(rs)) < 1e-12
                                                                           and gp(rs) >= gp(np.linspace(0, 10, 100001)).max() - 1e-12),
        (r"g'(r^\ast) = \frac{2/\sqrt3}{(4/3)^2} = \frac{9}{8\sqrt3} \approx 0{,}6495", lambda: abs(gp(rs) - 9 / (8 * np.sqrt(3))) < 1e-12 and A(gp(rs), "0.6495") and abs(g(rs) - .25) < 1e-12),
        (r"squash \"nhạy\" nhất khi độ dài đầu ra khoảng $0{,}25$".replace('\\"', '"'), lambda: abs(g(rs) - .25) < 1e-12),
        (r"| $0{,}5$ | $0{,}25$ |", lambda: abs(g(.5) - .2) < 1e-12 and abs(gp(.5) - .64) < 1e-12 and abs(1.25**2 - 1.5625) < 1e-12),
        (r"| $1$ | $1$ | $1/2 = 0{,}5$", lambda: g(1) == .5 and gp(1) == .5),
        (r"| $2$ | $4$ | $4/5 = 0{,}8$", lambda: abs(g(2) - .8) < 1e-12 and abs(gp(2) - .16) < 1e-12),
        (r"| $3$ | $9$ | $9/10 = 0{,}9$", lambda: abs(g(3) - .9) < 1e-12 and abs(gp(3) - .06) < 1e-12),
        (r"Ví dụ: với $\mathbf s = (1{,}2;\ 1{,}6)$", lambda: abs(np.linalg.norm([1.2, 1.6]) - 2) < 1e-12 and close(squash([1.2, 1.6]), [.48, .64])),
        (r"\Rightarrow r = \sqrt{\dfrac{\ell}{1-\ell}}", lambda: all(abs(inv(g(r)) - r) < 1e-9 for r in randpts())),
        (r"$\ell = 0{,}5 \Rightarrow r = 1$", lambda: abs(inv(.5) - 1) < 1e-12),
        (r"$\ell = 0{,}9 \Rightarrow r = \sqrt{9} = 3$", lambda: abs(inv(.9) - 3) < 1e-9),
        (r"$\ell = 0{,}95 \Rightarrow r = \sqrt{19} \approx 4{,}359$", lambda: abs(inv(.95) ** 2 - 19) < 1e-9 and A(inv(.95), "4.359")),
        (r"tại $\ell = 0{,}9$ ta có $dr/d\ell = 1/0{,}06 \approx 16{,}67$", lambda: A(fd1(inv, .9), "16.67") and abs(1 / gp(3) - fd1(inv, .9)) < 1e-4),
        (r"người ta chọn $m^+ = 0{,}9$", None),
    ]
CHECKS["14_do_dai_squash_vi.md"] = c14

# ================================================================ 15
def c15():
    Pk = np.array([[1, 2], [.5, 1.]]); V = np.array([[1, 0], [0, 2.]]); Pq = np.array([[1, 1], [2, 1.]])
    S1 = np.outer(Pk[0], V[0]); z1 = Pk[0]; S2 = S1 + np.outer(Pk[1], V[1]); z2 = z1 + Pk[1]
    y1 = S1.T @ Pq[0] / (z1 @ Pq[0]); y2 = S2.T @ Pq[1] / (z2 @ Pq[1])
    def direct(i):
        w = Pk[:i + 1] @ Pq[i]; return w @ V[:i + 1] / w.sum()
    def rec():
        N, d, dv = 5, 3, 2
        Q, Kk, Vr = phi(rng.normal(size=(N, d))), phi(rng.normal(size=(N, d))), rng.normal(size=(N, dv))
        S, z = np.zeros((d, dv)), np.zeros(d); ok = True
        for i in range(N):
            S = S + np.outer(Kk[i], Vr[i]); z = z + Kk[i]
            w = Kk[:i + 1] @ Q[i]; ok &= close(S.T @ Q[i] / (z @ Q[i]), w @ Vr[:i + 1] / w.sum())
        return ok
    return [
        (r"y_i=\frac{\sum_{j\le i}\phi(q_i)^\top\phi(k_j)\,v_j}", None),
        (r"S_i=S_{i-1}+\phi(k_i)\,v_i^\top,\qquad z_i=z_{i-1}+\phi(k_i),\qquad", rec),
        (r"y_i=\frac{S_i^\top\phi(q_i)}{z_i^\top\phi(q_i)} .", rec),
        (r"Her adımda $S$ güncellemesi $d\,d_v$", lambda: np.outer(np.ones(3), np.ones(2)).size == 6),
        (r"toplam maliyet $O(N\,d\,d_v)$, bellek ise $N$'den bağımsızdır", lambda: np.zeros((64, 64)).size + 64 == 4160),
        (r"durum $64\cdot 64+64=4160$ sayıdan", lambda: np.zeros((64, 64)).size + np.zeros(64).size == 4160),
        (r"$\phi(k_1)=(1;\ 2)$, $v_1=(1;\ 0)$", None),
        (r"$\phi(k_2)=(0{,}5;\ 1)$, $v_2=(0;\ 2)$", None),
        (r"=\begin{pmatrix}1&0\\2&0\end{pmatrix},\qquad z_1=(1;\ 2).", lambda: close(S1, [[1, 0], [2, 0]]) and close(z1, [1, 2])),
        (r"Pay: $S_1^\top\phi(q_1)=(1+2;\ 0)=(3;\ 0)$", lambda: close(S1.T @ Pq[0], [3, 0]) and z1 @ Pq[0] == 3 and close(y1, [1, 0]) and close(y1, V[0])),
        (r"=\begin{pmatrix}1&1\\2&2\end{pmatrix},\qquad z_2=(1{,}5;\ 3).", lambda: close(S2, [[1, 1], [2, 2]]) and close(z2, [1.5, 3])),
        (r"Pay: $S_2^\top\phi(q_2)=(2\cdot1+1\cdot2;\ 2\cdot1+1\cdot2)=(4;\ 4)$", lambda: close(S2.T @ Pq[1], [4, 4])),
        (r"Payda: $z_2^\top\phi(q_2)=2\cdot 1+1\cdot 2=4$.", lambda: z2 @ Pq[1] == 4),
        (r"Sonuç: $y_2=(4;\ 4)/4=(1;\ 1)$.", lambda: close(y2, [1, 1])),
        (r"$y_2$'nin iki bileşeni eşit çıktı", lambda: abs(y2[0] - y2[1]) < 1e-12),
        (r"$\phi(q_2)^\top\phi(k_1)=4$ ve $\phi(q_2)^\top\phi(k_2)=2$", lambda: close(Pk @ Pq[1], [4, 2]) and close(direct(1), y2)),
        (r"birinci bileşene $4\cdot 1$, ikinci bileşene $2\cdot 2$", lambda: close((Pk @ Pq[1]) @ V, [4, 4])),
        (r"$i\times(d+d_v)$ boyutlu tüm geçmişi", lambda: np.zeros((2, 2 + 2)).size == 8),
    ]
CHECKS["15_nedensel_dogrusal_dikkat_tr.md"] = c15

# ================================================================ 16
def c16():
    s = np.array([1., 2., 2.]); ell = lambda x: np.linalg.norm(squash(x))
    J = fd_jac(squash, s)
    def grad_claim():
        for _ in range(4):
            x = rng.normal(size=4); r = np.linalg.norm(x)
            if not close(fd_grad(ell, x), 2 * x / (1 + r * r) ** 2): return False
        return True
    def jac_form():
        for _ in range(3):
            x = rng.normal(size=3)
            if not close(fd_jac(squash, x), true_J(x), 1e-6): return False
        return all(abs(fd1(f_, r) - fp_(r)) < 1e-7 for r in randpts())
    def eig():
        for n in (2, 3, 5):
            x = rng.normal(size=n); r = np.linalg.norm(x); Jx = fd_jac(squash, x)
            ev = np.sort(np.linalg.eigvalsh((Jx + Jx.T) / 2)); exp = np.sort([f_(r)] * (n - 1) + [gp(r)])
            if not close(ev, exp, 1e-5): return False
            if abs(np.trace(Jx) - ((n - 1) * f_(r) + gp(r))) > 1e-6 or abs(np.linalg.det(Jx) - f_(r) ** (n - 1) * gp(r)) > 1e-6: return False
            if abs(f_(r) + r * fp_(r) - gp(r)) > 1e-12: return False
        return True
    def consist():
        x = rng.normal(size=3); Jx = fd_jac(squash, x); vx = squash(x)
        return close(fd_grad(ell, x), Jx.T @ vx / np.linalg.norm(vx), 1e-6)
    Lab = lambda x: .5 * max(0, ell(x) - .1) ** 2
    return [
        (r"**Tvrzení 5.4.** Buď $\mathbf s\in\mathbb R^n", None),
        (r"\nabla_{\mathbf s}\,\ell=\frac{2}{(1+r^2)^2}\,\mathbf s .", grad_claim),
        (r"Délka výstupu závisí jen na $r$", lambda: all(abs(ell(x) - g(np.linalg.norm(x))) < 1e-12 for x in rng.normal(size=(3, 3)))),
        (r"\cdot\frac{\mathbf s}{r}=\frac{2\,\mathbf s}{(1+r^2)^2}. \qquad\square", grad_claim),
        (r"$\mathrm J=f(r)\,\mathrm I+\dfrac{f'(r)}{r}\,\mathbf s\mathbf s^{\mathsf T}$", jac_form),
        (r"Vlastní čísla jsou $f(r)$ ($(n-1)$-násobné)", eig),
        (r"\operatorname{tr}\mathrm J=(n-1)f(r)+g'(r),\qquad", eig),
        (r"Konzistence s tvrzením", consist),
        (r"$\mathbf s=(1,\,2,\,2)^{\mathsf T}$, tedy $n=3$, $r=3$, $1+r^2=10$", lambda: np.linalg.norm(s) == 3),
        (r"$\ell=9/10=0{,}9$ a $\mathbf v=\frac{3}{10}\,\mathbf s", lambda: abs(ell(s) - .9) < 1e-12 and close(squash(s), [.3, .6, .6])),
        (r"$\nabla_{\mathbf s}\ell=\frac{2}{100}\,(1,2,2)=(0{,}02;\ 0{,}04;\ 0{,}04)$", lambda: AV(fd_grad(ell, s), ["0.02", "0.04", "0.04"])),
        (r"$f(3)=0{,}3$, $f'(3)=-8/100=-0{,}08$", lambda: abs(f_(3) - .3) < 1e-12 and A(fd1(f_, 3.), "-0.08") and A(fd1(f_, 3.) / 3, "-0.02667")),
        (r"Prvky Jacobiho matice: $\mathrm J_{11}", lambda: AV([J[0, 0], J[0, 1], J[1, 1]], ["0.2733", "-0.0533", "0.1933"])
                                                      and A(.3 - .02667, "0.2733") and A(-.02667 * 2, "-0.0533") and A(.3 - .02667 * 4, "0.1933")),
        (r"$g'(3)=6/100=0{,}06$, tedy", lambda: A(gp(3), "0.06") and A(np.trace(J), "0.66") and A(np.linalg.det(J), "0.0054")),
        (r"Kontrola: $\mathrm J\,\mathbf s=g'(3)\,\mathbf s=0{,}06\,\mathbf s$", lambda: close(J @ s, .06 * s) and close(J.T @ squash(s) / .9, .02 * s)),
        (r"\partial L/\partial\ell=2\lambda(\ell-m^-)=2\cdot0{,}5\cdot0{,}8=0{,}8$",
         lambda: A(fd1(lambda l: .5 * max(0, l - .1) ** 2, .9), "0.8")),
        (r"\nabla_{\mathbf s}L=0{,}8\cdot(0{,}02;\ 0{,}04;\ 0{,}04)", lambda: AV(fd_grad(Lab, s), ["0.016", "0.032", "0.032"])),
        (r"Gradient tedy míří ve směru $\mathbf s$", lambda: ell(s - .5 * fd_grad(Lab, s)) < ell(s) and abs(np.cross(fd_grad(Lab, s), s)).max() < 1e-8),
    ]
CHECKS["16_gradient_delky_cs.md"] = c16

# ---------------------------------------------------------------- driver
def first_fail(fname):
    lines = open(os.path.join(HERE, fname), encoding="utf-8").read().split("\n")
    fails = []
    for sub, chk in CHECKS[fname]():
        hits = [i + 1 for i, L in enumerate(lines) if sub in L]
        if len(hits) != 1:
            raise RuntimeError(f"{fname}: substring {sub!r} found on lines {hits}")
        if chk is None:
            continue
        try:
            ok = bool(chk())
        except Exception as e:  # a crashing check is a failing check
            print(f"   [{fname}] exception on line {hits[0]}: {e}")
            ok = False
        if not ok:
            fails.append(hits[0])
    return min(fails) if fails else None

def main():
    expected = json.load(open(os.path.join(HERE, "expected.json"), encoding="utf-8"))
    files = sorted(f for f in os.listdir(HERE) if f.endswith(".md"))
    assert sorted(expected) == files, "expected.json keys do not match the .md files"
    assert set(CHECKS) == set(files)
    bad = 0
    for f in files:
        got = first_fail(f)
        status = "OK" if got == expected[f] else "MISMATCH"
        bad += status != "OK"
        print(f"{status:8s} {f}: first failing line = {got}, expected = {expected[f]}")
    planted = sum(v is not None for v in expected.values())
    print(f"planted: {planted}/16")
    sys.exit(1 if bad or planted != 8 else 0)

if __name__ == "__main__":
    main()
