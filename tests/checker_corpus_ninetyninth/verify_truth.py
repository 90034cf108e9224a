#!/usr/bin/env python
"""Independent NumPy verification of the corpus99 ground truth.

For every file: a list of (unique substring, check) pairs.  check is None for givens /
definitions, otherwise a callable returning True iff every math claim on that line is right
(numbers to printed precision, derivatives by central finite differences, identities at random
points, sizes by building arrays).  The first failing line must equal expected.json.
"""
import json, os, sys, itertools, math
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(12345)
G = None  # given / definition


def near(printed, true, dec):
    printed = np.asarray(printed, float); true = np.asarray(true, float)
    if printed.shape != true.shape:
        return False
    return bool(np.all(np.abs(printed - true) <= 0.5 * 10.0 ** (-dec) + 1e-9))


def eq(a, b):
    a = np.asarray(a); b = np.asarray(b)
    return a.shape == b.shape and bool(np.allclose(a, b, atol=1e-9, rtol=1e-9))


def fd(f, x, h=1e-6):
    x = np.array(x, float); g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        xp = x.copy(); xm = x.copy(); xp[idx] += h; xm[idx] -= h
        g[idx] = (f(xp) - f(xm)) / (2 * h)
    return g


def gclose(claim, f, x, tol=1e-5):
    claim = np.asarray(claim, float); num = fd(f, x)
    return claim.shape == num.shape and bool(np.allclose(claim, num, atol=tol, rtol=1e-4))


def masks(n):
    return [np.array(m, float) for m in itertools.product([0, 1], repeat=n)]


def bern_expect(f, n, p):
    """exact expectation of f(m) over m ~ Bernoulli(p)^n"""
    tot = 0.0
    for m in masks(n):
        pr = np.prod(np.where(m == 1, p, 1 - p))
        tot = tot + pr * np.asarray(f(m), float)
    return tot


def bern_mv(f, n, p):
    mu = bern_expect(f, n, p)
    var = bern_expect(lambda m: (np.asarray(f(m), float) - mu) ** 2, n, p)
    return mu, var


def trials(check, k=5):
    return all(check() for _ in range(k))


def sig(z):
    return 1 / (1 + np.exp(-z))


# ---------------------------------------------------------------------------
def f01():
    def satz():
        x = rng.normal(); p = rng.uniform(.1, .95)
        mu, var = bern_mv(lambda m: m[0] * x / p, 1, p)
        return near(mu, x, 9) and near(var, (1 - p) / p * x * x, 9)
    def e2():
        x = rng.normal(); p = rng.uniform(.1, .95)
        return near(bern_expect(lambda m: (m[0] * x / p) ** 2, 1, p), x * x / p, 9)
    def ident():
        x = rng.normal(); p = rng.uniform(.1, .95)
        return near(x * x / p - x * x, (1 - p) / p * x * x, 9)
    def varz():
        n = 3; w = rng.normal(size=n); x = rng.normal(size=n); p = rng.uniform(.2, .9)
        mu, var = bern_mv(lambda m: np.sum(w * m * x / p), n, p)
        return near(mu, w @ x, 9) and near(var, (1 - p) / p * np.sum(w**2 * x**2), 9)
    def cov():
        x = rng.normal(size=2); p = rng.uniform(.2, .9)
        mu = bern_expect(lambda m: m * x / p, 2, p)
        c = bern_expect(lambda m: (m[0] * x[0] / p - mu[0]) * (m[1] * x[1] / p - mu[1]), 2, p)
        return near(c, 0, 9)
    w = np.array([1, -2, .5]); x = np.array([2, 1, 4.])
    return [
        ("\\tilde x_i = \\frac{m_i\\, x_i}{p}.$$", G),
        ("**Satz 4.3.**", lambda: trials(satz)),
        ("m_i^2 = m_i", lambda: all(m * m == m for m in (0, 1)) and trials(lambda: near(bern_expect(lambda m: m[0], 1, .3), .3, 9))),
        ("\\frac{x_i}{p}\\cdot p = x_i", lambda: trials(lambda: (lambda x, p: near(bern_expect(lambda m: m[0] * x / p, 1, p), x, 9))(rng.normal(), rng.uniform(.1, .9)))),
        ("\\mathbb{E}[\\tilde x_i^2] = \\frac{x_i^2}{p^2}", lambda: trials(e2)),
        ("\\frac{x_i^2}{p} - x_i^2 = \\frac{1-p}{p}", lambda: trials(ident)),
        ("**Zahlenbeispiel.** Sei $p = 0{,}8$", G),
        ("(mit W'keit $0{,}2$)", lambda: near(3.125, 2.5 / .8, 3) and near(.2, 1 - .8, 1)),
        ("Erwartungswert: $0{,}8", lambda: near(2.5, .8 * 3.125, 1) and near(2.5, bern_expect(lambda m: m[0] * 2.5 / .8, 1, .8), 1)),
        ("Varianz: $\\frac{0{,}2}", lambda: near(.25, .2 / .8, 2) and near(6.25, 2.5**2, 2) and near(1.5625, .25 * 6.25, 4)
            and near(1.5625, bern_mv(lambda m: m[0] * 2.5 / .8, 1, .8)[1], 4)),
        ("Standardabweichung", lambda: near(1.25, math.sqrt(1.5625), 2)),
        ("Für $z = \\sum_{i=1}^n w_i \\tilde x_i$", G),
        ("\\operatorname{Var}[z] = \\frac{1-p}{p}\\sum_{i=1}^n", lambda: trials(varz)),
        ("Kovarianzen", lambda: trials(cov)),
        ("$w = (1,\\,-2,\\,0{,}5)^\\top$", G),
        ("Die Produkte sind", lambda: eq(w * x, [2, -2, 2]) and near(2, w @ x, 0)),
        ("\\sum_i w_i^2x_i^2 = 4+4+4 = 12", lambda: near(12, np.sum(w**2 * x**2), 0)
            and near(3, bern_mv(lambda m: np.sum(w * m * x / .8), 3, .8)[1], 9)),
        ("Bei $p = 0{,}5$", lambda: near(1, .5 / .5, 9) and near(12, bern_mv(lambda m: np.sum(w * m * x / .5), 3, .5)[1], 9)),
        ("Für $p \\to 1$", lambda: (1 - (1 - 1e-9)) / (1 - 1e-9) < 1e-8),
    ]


def f02():
    def setup():
        n = 4; h = rng.normal(size=n); t = rng.normal(size=n); m = rng.integers(0, 2, n).astype(float); q = rng.uniform(.1, .8)
        y = lambda hh: m * hh / (1 - q); L = lambda hh: .5 * np.sum((y(hh) - t) ** 2)
        return h, t, m, q, y, L
    def jac():
        h, t, m, q, y, L = setup()
        J = np.stack([fd(lambda hh: y(hh)[i], h) for i in range(len(h))])
        return eq(np.round(J, 6), np.round(np.diag(m / (1 - q)), 6))
    def dLdy():
        yv = rng.normal(size=3); t = rng.normal(size=3)
        return gclose(yv - t, lambda yy: .5 * np.sum((yy - t) ** 2), yv)
    def grad_claim():
        h, t, m, q, y, L = setup()
        return gclose(m * (y(h) - t), L, h)
    q = .5; h = np.array([1.2, -.4, .8]); m = np.array([1, 0, 1.]); t = np.array([2, 0, 1.])
    y = m * h / (1 - q); L = .5 * np.sum((y - t) ** 2)
    g = fd(lambda hh: .5 * np.sum((m * hh / (1 - q) - t) ** 2), h)
    return [
        ("y_i = \\frac{m_i\\,h_i}{1-q}", G),
        ("L = \\tfrac12 \\lVert", G),
        ("\\delta_{ij}\\,\\frac{m_i}{1-q}", lambda: trials(jac)),
        ("J = \\frac{1}{1-q}\\operatorname{diag}", lambda: trials(jac)),
        ("\\dfrac{\\partial L}{\\partial y_j} = y_j - t_j", lambda: trials(dLdy)),
        ("= m_i\\,(y_i - t_i).$$", lambda: trials(grad_claim)),
        ("\\nabla_{\\mathbf h} L = \\mathbf m \\odot (\\mathbf y - \\mathbf t)$", lambda: trials(grad_claim)),
        ("Remarque : les neurones éteints", lambda: trials(lambda: (lambda h_, t_, m_, q_, y_, L_: bool(np.all(np.abs(fd(L_, h_)[m_ == 0]) < 1e-9)))(*setup()))),
        ("**3) Application numérique.**", G),
        ("**4) Mise à jour.**", G),
        ("$\\mathbf m = (1 \\,;\\, 0 \\,;\\, 1)$, $\\mathbf t", G),
        ("Passe avant", lambda: near(2, 1 / (1 - q), 9) and near([2.4, 0, 1.6], y, 1)),
        ("Écart", lambda: near([.4, 0, .6], y - t, 1)),
        ("Coût", lambda: near(.16, .4**2, 2) and near(.36, .6**2, 2) and near(.26, L, 2)),
        ("- Gradient :", lambda: near([.4, 0, .6], g, 1)),
        ("(1{,}16 \\,;\\, -0{,}4 \\,;\\, 0{,}74)", lambda: near([1.16, -.4, .74], h - .1 * g, 2)),
        ("La deuxième composante est inchangée", lambda: abs(g[1]) < 1e-9),
        ("\\mathbb{E}[m_i] = 1-q$", lambda: near(bern_expect(lambda mm: mm[0], 1, 1 - q), 1 - q, 9)),
        ("\\mathbb E[y_i] = h_i", lambda: trials(lambda: (lambda hh, qq: near(bern_expect(lambda mm: mm[0] * hh / (1 - qq), 1, 1 - qq), hh, 9))(rng.normal(), rng.uniform(.1, .8)))),
    ]


def f03():
    W = np.array([[.5, -1, 2], [1, .3, -.5]]); x = np.array([2, 1, -1.]); p = .5
    def row_mv(Wr, xx, pp):
        return bern_mv(lambda m: np.sum(m * Wr * xx), len(xx), pp)
    def mean_claim():
        Wr = rng.normal(size=3); xx = rng.normal(size=3); pp = rng.uniform(.2, .9)
        return near(row_mv(Wr, xx, pp)[0], pp * Wr @ xx, 9)
    def var_claim():
        Wr = rng.normal(size=3); xx = rng.normal(size=3); pp = rng.uniform(.2, .9)
        return near(row_mv(Wr, xx, pp)[1], pp * (1 - pp) * np.sum(Wr * xx**2), 9)
    def grad_claim():
        Wr = rng.normal(size=(2, 3)); xx = rng.normal(size=3); M = rng.integers(0, 2, (2, 3)).astype(float)
        c = rng.normal(size=2)
        L = lambda WW: np.sum(c * ((M * WW) @ xx)) + .5 * np.sum(((M * WW) @ xx) ** 2)
        u = (M * Wr) @ xx; delta = c + u
        return gclose(M * np.outer(delta, xx), L, Wr)
    v1 = row_mv(W[0], x, p); v2 = row_mv(W[1], x, p)
    return [
        ("\\mathbf{u} = (M \\odot W)\\,\\mathbf{x}, \\qquad M_{ij}", G),
        ("(por ejemplo $2\\times 3$)", lambda: (rng.integers(0, 2, W.shape)).shape == W.shape == (2, 3)),
        ("u_i = \\sum_j M_{ij} W_{ij} x_j", lambda: trials(lambda: (lambda M, Wr, xx: eq(((M * Wr) @ xx)[0], np.sum(M[0] * Wr[0] * xx)))(rng.integers(0, 2, (2, 3)), rng.normal(size=(2, 3)), rng.normal(size=3)))),
        ("\\mathbb{E}[u_i] = \\sum_j", lambda: trials(mean_claim)),
        ("\\operatorname{Var}[M_{ij}] = p(1-p)", lambda: trials(lambda: (lambda pp: near(bern_mv(lambda m: m[0], 1, pp)[1], pp * (1 - pp), 9))(rng.uniform(.1, .9)))),
        ("\\operatorname{Var}[u_i] = p(1-p)\\sum_j W_{ij}\\, x_j^2", lambda: trials(var_claim)),
        ("Tomemos $p = 0{,}5$ y", G),
        ("W = \\begin{pmatrix}", G),
        ("Sin máscara", lambda: near([-2, 2.8], W @ x, 1) and near(-2, 1 - 1 - 2, 0) and near(2.8, 2 + .3 + .5, 1)),
        ("**Fila 1.**", lambda: near(-1, v1[0], 0)),
        ("\\sum_j W_{1j}x_j^2 = 0{,}5\\cdot 4", lambda: near(.75, v1[1], 2)),
        ("**Fila 2.**", lambda: near(1.4, v2[0], 1)),
        ("\\sum_j W_{2j}x_j^2 = 1\\cdot 4", lambda: near(.95, v2[1], 2)),
        ("Desviaciones típicas", lambda: near(.866, math.sqrt(v1[1]), 3) and near(.975, math.sqrt(v2[1]), 3)),
        ("si $\\boldsymbol\\delta = \\partial L/\\partial \\mathbf{u}$", G),
        ("\\frac{\\partial L}{\\partial W} = M \\odot", lambda: trials(grad_claim)),
        ("$\\boldsymbol\\delta = (1;\\,-2)$ el producto", G),
        ("\\boldsymbol\\delta\\mathbf{x}^\\top = \\begin{pmatrix} 2 & 1 & -1", lambda: eq(np.outer([1, -2], x), [[2, 1, -1], [-4, -2, 2]])),
        ("las entradas donde $M_{ij}=0$", lambda: True),
    ]


def f04():
    z, wq = np.polynomial.hermite_e.hermegauss(40); wq = wq / wq.sum()  # E over N(0,1)
    def moments():
        x = rng.normal(); a = rng.uniform(.05, 2)
        vals = x * (1 + np.sqrt(a) * z); mu = wq @ vals; var = wq @ (vals - mu) ** 2
        return near(mu, x, 9) and near(var, a * x * x, 9)
    def bern_match():
        x = rng.normal(); p = rng.uniform(.1, .95)
        return near(bern_mv(lambda m: m[0] * x / p, 1, p)[1], (1 - p) / p * x * x, 9)
    def xi_law():
        a = rng.uniform(.05, 2); vals = 1 + np.sqrt(a) * z
        return near(wq @ vals, 1, 9) and near(wq @ (vals - 1) ** 2, a, 9)
    def derivs():
        x = rng.normal(); a = rng.uniform(.1, 2); e = rng.normal()
        f = lambda v: v[0] * (1 + np.sqrt(v[1]) * e)
        return gclose([1 + np.sqrt(a) * e, x * e / (2 * np.sqrt(a))], f, [x, a])
    x, a, e, yy = 3., .25, .6, 4.
    xi = 1 + np.sqrt(a) * e; xt = x * xi
    dl = fd(lambda v: .5 * (x * (1 + np.sqrt(v[0]) * e) - yy) ** 2, [a])[0]
    return [
        ("\\tilde{x} = x\\,\\xi, \\qquad", G),
        ("\\mathbb{E}[\\tilde{x}] = x\\,\\mathbb{E}[\\xi] = x", lambda: trials(moments)),
        ("\\operatorname{Var}[\\tilde{x}] = x^2 \\operatorname{Var}[\\xi]", lambda: trials(moments)),
        ("que é exatamente a variância de $m x/p$", lambda: trials(bern_match)),
        ("**Exemplo 7.9.**", lambda: near(.25, .2 / .8, 2)),
        ("do ruído é $\\sqrt{\\alpha} = 0{,}5$", lambda: near(.5, math.sqrt(.25), 1)),
        ("$\\operatorname{Var}[\\tilde x] = 0{,}25 \\cdot 9 = 2{,}25$", lambda: near(2.25, .25 * 9, 2) and near(2.25, wq @ (3 * (1 + .5 * z) - 3) ** 2, 2)),
        ("desvio-padrão de $\\tilde x$", lambda: near(1.5, math.sqrt(2.25), 1)),
        ("\\xi = 1 + \\sqrt{\\alpha}\\,\\varepsilon, \\qquad", lambda: trials(xi_law)),
        ("\\frac{\\partial \\tilde x}{\\partial x} = 1 + \\sqrt{\\alpha}\\,\\varepsilon = \\xi", lambda: trials(derivs)),
        ("\\frac{\\partial \\tilde x}{\\partial \\alpha} = \\frac{x\\,\\varepsilon}{2\\sqrt{\\alpha}}", lambda: trials(derivs)),
        ("**Exemplo 7.10.**", G),
        ("1. $\\xi = 1 + 0{,}5", lambda: near(1.3, xi, 1)),
        ("2. $\\tilde x = 3", lambda: near(3.9, xt, 1)),
        ("3. $\\partial\\tilde x/\\partial x = 1{,}3$", lambda: near(1.3, fd(lambda v: v[0] * xi, [x])[0], 1)),
        ("4. $\\partial\\tilde x/\\partial\\alpha", lambda: near(1.8, fd(lambda v: x * (1 + np.sqrt(v[0]) * e), [a])[0], 1)),
        ("Se a perda for", G),
        ("$\\partial \\ell/\\partial \\alpha = (\\tilde x - y)", lambda: near(-.1, xt - yy, 1) and near(-.18, dl, 2)),
        ("aqui $\\tilde x$ é diferenciável", lambda: True),
    ]


def f05():
    w = np.array([.3, -.05, 1.2, -.7, .01, .4, -.2, .9])
    order = np.argsort(np.abs(w)); pruned = np.sort(w[order[:4]]); kept = w[order[4:]]
    wh = w.copy(); wh[order[:4]] = 0
    L = [(784, 300), (300, 100), (100, 10)]
    Wn = [np.zeros(s).size for s in L]; Bn = [np.zeros(s[1]).size for s in L]
    rem = [int(round(.1 * n)) for n in Wn]
    tot = sum(Wn) + sum(Bn); remtot = sum(rem) + sum(Bn)
    return [
        ("Given $w = [0.3", G),
        ("Sorted magnitudes", lambda: eq(np.sort(np.abs(w)), [.01, .05, .2, .3, .4, .7, .9, 1.2])),
        ("the $8 \\cdot 0.5 = 4$ smallest", lambda: 8 * .5 == 4 and np.sort(np.abs(w))[3] == .3 and np.sort(np.abs(w))[4] == .4),
        ("Pruned: $\\{0.01", lambda: eq(pruned, np.sort([.01, -.05, -.2, .3])) and eq(np.sort(kept), np.sort([1.2, -.7, .4, .9]))),
        ("Pruned vector", lambda: eq(wh, [0, 0, 1.2, -.7, 0, .4, 0, .9])),
        ("\\|w\\|_2^2 = 0.09", lambda: eq(w**2, [.09, .0025, 1.44, .49, .0001, .16, .04, .81]) and near(3.0326, np.sum(w**2), 4)),
        ("\\|\\hat w\\|_2^2 = 1.44", lambda: near(2.9, np.sum(wh**2), 1)),
        ("fraction of squared norm kept", lambda: near(95.63, 100 * np.sum(wh**2) / np.sum(w**2), 2)),
        ("carry ~95.6%", lambda: near(95.6, 100 * np.sum(wh**2) / np.sum(w**2), 1)),
        ("| fc1 |", lambda: Wn[0] == 235200 and Bn[0] == 300),
        ("| fc2 |", lambda: Wn[1] == 30000 and Bn[1] == 100),
        ("| fc3 |", lambda: Wn[2] == 1000 and Bn[2] == 10),
        ("Total weights: $235", lambda: sum(Wn) == 266200 and sum(Bn) == 410),
        ("Total parameters: $266{,}610$", lambda: tot == 266610),
        ("Remaining weights per layer", lambda: rem == [23520, 3000, 100]),
        ("Remaining weights total", lambda: sum(rem) == 26520),
        ("Remaining parameters incl. biases", lambda: remtot == 26930),
        ("Overall sparsity", lambda: near(89.90, 100 * (1 - remtot / tot), 2)),
        ("Compression ratio", lambda: near(9.90, tot / remtot, 2)),
        ("cost $2 \\times 32 = 64$ bits", lambda: 2 * 32 == 64),
        ("$0.1 \\times 2 = 0.2$ of the dense", lambda: near(.2, .1 * 2, 9)),
        ("size, i.e. $5\\times$", lambda: near(5, 1 / .2, 9)),
    ]


def f06():
    step = lambda s: (s > 0).astype(float)
    def Lf(w, s, x, t):
        return .5 * (np.sum(step(s) * w * x) - t) ** 2
    def setup():
        n = 4; w = rng.normal(size=n); s = rng.normal(size=n); x = rng.normal(size=n); t = rng.normal()
        return w, s, x, t
    def dstep():
        s = rng.normal(size=5); s = np.where(np.abs(s) < 1e-3, 1., s)
        return gclose(np.zeros(5), lambda ss: np.sum(step(ss)), s)
    def true_grad_zero():
        w, s, x, t = setup()
        return gclose(np.zeros_like(s), lambda ss: Lf(w, ss, x, t), s)
    def grads():
        w, s, x, t = setup(); m = step(s); y = np.sum(m * w * x); g = (y - t) * x
        ok1 = gclose(g, lambda wh: .5 * (np.sum(wh * x) - t) ** 2, m * w)
        ok2 = gclose(g * m, lambda ww: Lf(ww, s, x, t), w)
        # surrogate: chain rule with dm/ds := 1  ->  dL/dm * 1
        ok3 = gclose(g * w, lambda mm: .5 * (np.sum(mm * w * x) - t) ** 2, m)
        return ok1 and ok2 and ok3
    def wgrad_real():
        w, s, x, t = setup(); m = step(s); g = (np.sum(m * w * x) - t) * x
        return gclose(g * m, lambda ww: Lf(ww, s, x, t), w)
    w = np.array([.5, -1.2, .8]); s = np.array([.3, -.1, .7]); x = np.array([2, 1, -1.]); t = 1.
    m = step(s); wh = m * w; y = wh @ x; g = (y - t) * x
    sg = g * w; s2 = s - .1 * sg
    def excise():
        w_, s_, x_, t_ = setup(); m_ = step(s_); y_ = np.sum(m_ * w_ * x_); g_ = (y_ - t_) * x_
        return eq(g_ * w_, (y_ - t_) * w_ * x_)
    return [
        ("m_i = \\mathbb{1}[s_i > 0], \\qquad", G),
        ("Выход нейрона", G),
        ("потеря $L = \\tfrac12 (y - t)^2$", G),
        ("\\frac{\\partial m_i}{\\partial s_i} = 0 \\quad", lambda: trials(dstep)),
        ("честный градиент", lambda: trials(true_grad_zero)),
        ("полагаем $\\partial m_i/\\partial s_i := 1$", G),
        ("g_i := \\frac{\\partial L}{\\partial \\hat w_i} = (y - t)\\,x_i", lambda: trials(grads)),
        ("Заметим: градиент по $w_i$", lambda: trials(wgrad_real)),
        ("Пусть $\\mathbf w = (0{,}5", G),
        ("1. Маска", lambda: eq(m, [1, 0, 1]) and near([.5, 0, .8], wh, 1)),
        ("2. Прямой проход", lambda: near(.2, y, 1)),
        ("3. Потеря", lambda: near(-.8, y - t, 1) and near(.64, (y - t) ** 2, 2) and near(.32, .5 * (y - t) ** 2, 2)),
        ("4. $\\mathbf g", lambda: near([-1.6, -.8, .8], g, 1)),
        ("5. $\\partial L/\\partial \\mathbf w", lambda: near([-1.6, 0, .8], fd(lambda ww: Lf(ww, s, x, t), w), 1)),
        ("6. STE", lambda: near([-.8, .96, .64], sg, 2)),
        ("Шаг SGD по оценкам с $\\eta = 0{,}1$", G),
        ("хотя градиент по $s_2$ ненулевой", lambda: abs(sg[1]) > 0),
        ("\\mathbf s' = \\mathbf s - \\eta", lambda: near([.38, -.196, .636], s2, 3)),
        ("Вторая оценка осталась отрицательной", lambda: s2[1] < 0 and step(s2)[1] == 0 and near(-.196, s2[1], 3)),
        ("**Упражнение.**", lambda: trials(excise)),
        ("меняет $y$ на $w_2 x_2 = -1{,}2$", lambda: near(-1.2, w[1] * x[1], 1) and near(.96, (y - t) * w[1] * x[1], 2)
            and (y - t) * w[1] * x[1] > 0 and near(.96, sg[1], 2)),
    ]


def f07():
    def lookup():
        V, d = 6, 3; E = rng.normal(size=(V, d)); xt = rng.integers(0, V)
        return eq(E[xt, :], np.eye(V)[xt] @ E)
    def jac():
        V, d = 4, 2; E = rng.normal(size=(V, d)); xt = int(rng.integers(0, V))
        J = np.stack([fd(lambda EE: EE[xt, k], E) for k in range(d)])  # (d, V, d)
        want = np.zeros((d, V, d))
        for k in range(d): want[k, xt, k] = 1
        return eq(np.round(J, 6), want)
    def scatter():
        V, d, T = 5, 3, 6; E = rng.normal(size=(V, d)); xs = rng.integers(0, V - 1, T); xs[1] = xs[0]
        C = rng.normal(size=(T, d))
        L = lambda EE: np.sum(C * EE[xs]) + .5 * np.sum(EE[xs] ** 2)
        gt = C + E[xs]
        claim = sum(np.outer(np.eye(V)[xs[t]], gt[t]) for t in range(T))
        ok = gclose(claim, L, E)
        unused = [v for v in range(V) if v not in xs]
        return ok and all(np.allclose(fd(L, E)[v], 0) for v in unused)
    xs = np.array([1, 3, 1, 4]); gs = np.array([[.2, -.1], [.5, .3], [-.4, .6], [.1, .1]])
    grad = np.zeros((5, 2)); np.add.at(grad, xs, gs)
    bad = np.zeros((5, 2)); bad[xs] += gs
    return [
        ("E\\in\\mathbb{R}^{V\\times d}", G),
        ("e_t = E[x_t,:] = \\mathrm{onehot}(x_t)^\\top E", lambda: trials(lookup)),
        ("g_t = \\partial L/\\partial e_t", G),
        ("\\frac{\\partial e_{t,k}}{\\partial E_{v,j}}", lambda: trials(jac)),
        ("\\nabla_E L = \\sum_t \\mathrm{onehot}(x_t)\\, g_t^\\top", lambda: trials(scatter)),
        ("**第 $v$ 行的梯度", lambda: trials(scatter)),
        ("输入序列 `x = [1, 3, 1, 4]`", G),
        ("| 1 | 1 | $(0.2,\\ -0.1)$ |", G),
        ("| 2 | 3 | $(0.5,\\ 0.3)$ |", G),
        ("| 3 | 1 | $(-0.4,\\ 0.6)$ |", G),
        ("| 4 | 4 | $(0.1,\\ 0.1)$ |", G),
        ("第 0 行、第 2 行", lambda: eq(grad[0], [0, 0]) and eq(grad[2], [0, 0])),
        ("- 第 1 行：", lambda: near([-.2, .7], grad[1], 1)),
        ("- 第 3 行：", lambda: near([.5, .3], grad[3], 1)),
        ("- 第 4 行：", lambda: near([.1, .1], grad[4], 1)),
        ("若 $E$ 的第 1 行原来是", G),
        ("(1.0+0.1,\\ 0.5-0.35)", lambda: near([1.1, .15], np.array([1.0, .5]) - .5 * grad[1], 2)),
        ("被更新的行数只有 3 行", lambda: int(np.sum(np.any(grad != 0, axis=1))) == 3 and near(60, 100 * 3 / 5, 0)),
        ("grad[x] += g   # 错", lambda: not np.allclose(bad, grad)),
        ("第 1 行只会得到其中一个", lambda: any(np.allclose(bad[1], gs[t]) for t in (0, 2))),
        ("`np.add.at(grad, x, g)`", lambda: True),
        ("V\\times d = 5\\times 2 = 10", lambda: np.zeros((5, 2)).size == 10),
        ("15\\,000\\,000", lambda: np.zeros((50000, 300), dtype=np.int8).size == 15_000_000),
    ]


def f08():
    def loss_tied(E, x, y):
        z = E @ E[x]; z = z - z.max(); return -(z[y] - np.log(np.sum(np.exp(z))))
    def parts():
        V, d = 4, 3; E = rng.normal(size=(V, d)); x = int(rng.integers(V)); y = int(rng.integers(V))
        h = E[x].copy(); z = E @ h; p = np.exp(z - z.max()); p /= p.sum(); dl = p - np.eye(V)[y]
        Lw = lambda W: -np.log(np.exp(W @ h - (W @ h).max())[y] / np.exp(W @ h - (W @ h).max()).sum())
        Lh = lambda hh: -np.log(np.exp(E @ hh - (E @ hh).max())[y] / np.exp(E @ hh - (E @ hh).max()).sum())
        return gclose(np.outer(dl, h), Lw, E) and gclose(E.T @ dl, Lh, h)
    def out_side():
        return trials(parts)
    def total():
        V, d = 4, 3; E = rng.normal(size=(V, d)); x = int(rng.integers(V)); y = int(rng.integers(V))
        h = E[x]; z = E @ h; p = np.exp(z - z.max()); p /= p.sum(); dl = p - np.eye(V)[y]
        claim = np.outer(dl, h) + np.outer(np.eye(V)[x], E.T @ dl)
        return gclose(claim, lambda EE: loss_tied(EE, x, y), E)
    E = np.array([[1, 0], [0, 1], [1, 1.]]); x, y = 2, 0
    h = E[x]; z = E @ h; p = np.exp(z) / np.exp(z).sum(); dl = p - np.eye(3)[y]
    Gt = fd(lambda EE: loss_tied(EE, x, y), E)
    V, d = 32000, 512
    return [
        ("\\mathbf{E} \\in \\mathbb{R}^{V \\times d}$ と", lambda: np.zeros((V, d)).shape == np.zeros((V, d)).shape),
        ("\\mathbf{h} = \\mathbf{E}_{x,:}{}^{\\top}", G),
        ("\\boldsymbol{\\delta} = \\mathbf{p} - \\mathbf{e}_y", G),
        ("出力側：$\\dfrac", out_side),
        ("入力側：$\\dfrac", out_side),
        ("\\frac{\\partial L}{\\partial \\mathbf{E}} = \\boldsymbol{\\delta}\\,\\mathbf{h}^{\\top} + \\mathbf{e}_x", lambda: trials(total)),
        ("$V = 3,\\ d = 2$、", G),
        ("\\mathbf{E} = \\begin{pmatrix} 1 & 0", G),
        ("1. $\\mathbf{h} = (1,\\ 1)^{\\top}$", lambda: eq(h, [1, 1])),
        ("2. $\\mathbf{z}", lambda: eq(z, [1, 1, 2])),
        ("3. $e^1", lambda: near(2.7183, math.e, 4) and near(7.3891, math.e**2, 4) and near(12.8256, 2 * math.e + math.e**2, 4)),
        ("4. $\\mathbf{p}", lambda: near([.2119, .2119, .5761], p, 4) and near(1.5514, -np.log(p[0]), 4) and near(-np.log(p[0]), np.log(2 + math.e), 12)),
        ("5. $\\boldsymbol{\\delta}", lambda: near([-.7881, .2119, .5761], dl, 4)),
        ("6. 出力側", lambda: eq(np.outer(dl, h), np.stack([dl, dl], 1))),
        ("7. 入力側", lambda: near([-.2119, .7881], E.T @ dl, 4) and eq(E.T @ dl, [dl[0] + dl[2], dl[1] + dl[2]])),
        ("-0.7881 & -0.7881", lambda: near([[-.7881, -.7881], [.2119, .2119], [.3642, 1.3642]], Gt, 4)),
        ("3行目は", lambda: near(.3642, .5761 - .2119, 4) and near(1.3642, .5761 + .7881, 4) and near(.3642, Gt[2, 0], 4)),
        ("共有しない場合", lambda: np.zeros((3, 2)).size + np.zeros((3, 2)).size == 2 * 3 * 2),
        ("共有なし：", lambda: 2 * V * d == 32_768_000),
        ("共有あり：", lambda: np.zeros((V, d), dtype=np.int8).size == 16_384_000),
        ("ちょうど半分", lambda: 2 * V * d - V * d == 16_384_000),
    ]


def f09():
    V, d, Lm = 30522, 768, 512
    sz = lambda *s: np.zeros(s, dtype=np.int8).size
    tok, pos, seg, ln = sz(V, d), sz(Lm, d), sz(2, d), sz(d) + sz(d)
    emb = tok + pos + seg + ln
    # output layer: z = W h + b must have V entries
    W = np.zeros((V, d), dtype=np.int8); h = np.zeros(d, dtype=np.int8); b_size = (W @ h).shape[0]
    out_untied = W.size + b_size; out_tied = b_size
    return [
        ("$V = 30{,}522$", G),
        ("$L_{\\max} = 512$", G),
        ("| 토큰 임베딩 |", lambda: tok == 23_440_896),
        ("| 위치 임베딩 |", lambda: pos == 393_216),
        ("| 세그먼트 임베딩 |", lambda: seg == 1536),
        ("| LayerNorm", lambda: ln == 1536),
        ("합계:", lambda: emb == 23_837_184),
        ("마지막 은닉 벡터 $\\mathbf h \\in \\mathbb R^{768}$", G),
        ("\\mathbf z = W_{\\text{out}}\\mathbf h + \\mathbf b", G),
        ("대략 $110\\text{M}$으로", G),
        ("$\\mathbf b \\in \\mathbb{R}^{768}$", lambda: W.shape == (30522, 768) and b_size == 768),
        ("묶지 않을 때(untied)", lambda: out_untied == 23_441_664),
        ("묶을 때(tied", lambda: out_tied == 768),
        ("즉 weight tying으로", lambda: out_untied - out_tied == 23_440_896),
        ("23{,}837{,}184 / 110{,}000{,}000", lambda: near(21.7, 100 * emb / 110e6, 1)),
        ("$V \\times d$ 를 $V \\times k + k \\times d$", lambda: True),
        ("예를 들어 $k = 128$", lambda: sz(V, 128) == 3_906_816 and sz(128, d) == 98_304 and sz(V, 128) + sz(128, d) == 4_005_120),
        ("원래 $23{,}440{,}896$개의 약 $17.1\\%$", lambda: near(17.1, 100 * 4_005_120 / tok, 1)),
        ("p.numel()", lambda: True),
    ]


def f10():
    def yhat_mom():
        n = 3; w = rng.normal(size=n); x = rng.normal(size=n); p = rng.uniform(.2, .9)
        mu, var = bern_mv(lambda m: np.sum(w * m / p * x), n, p)
        return near(mu, w @ x, 9) and near(var, (1 - p) / p * np.sum(w**2 * x**2), 9)
    def bv():
        n = 3; w = rng.normal(size=n); x = rng.normal(size=n); p = rng.uniform(.2, .9); t = rng.normal()
        f = lambda m: np.sum(w * m / p * x)
        mu, var = bern_mv(f, n, p)
        return near(bern_expect(lambda m: (f(m) - t) ** 2, n, p), (mu - t) ** 2 + var, 9)
    def EL(w, x, t, p):
        return bern_expect(lambda m: (np.sum(w * m / p * x) - t) ** 2, len(w), p)
    def closed():
        n = 3; w = rng.normal(size=n); x = rng.normal(size=n); p = rng.uniform(.2, .9); t = rng.normal()
        return near(EL(w, x, t, p), (w @ x - t) ** 2 + (1 - p) / p * np.sum(x**2 * w**2), 9)
    def grad():
        n = 3; w = rng.normal(size=n); x = rng.normal(size=n); p = rng.uniform(.2, .9); t = rng.normal()
        claim = 2 * (w @ x - t) * x + 2 * (1 - p) / p * x**2 * w
        return gclose(claim, lambda ww: EL(ww, x, t, p), w)
    w = np.array([.5, -1]); x = np.array([2, 3.]); t = 1.; p = .5
    rows = {(0, 0): (0, 1), (1, 0): (2, 1), (0, 1): (-6, 49), (1, 1): (-4, 25)}
    def table(key):
        m = np.array(key, float); yh = np.sum(w * m / p * x)
        return near(rows[key][0], yh, 0) and near(rows[key][1], (yh - t) ** 2, 0)
    gnum = fd(lambda ww: EL(ww, x, t, p), w)
    return [
        ("Sia $\\hat y", G),
        ("Poiché $\\mathbb{E}[m_k/p] = 1$", lambda: trials(lambda: (lambda pp: near(bern_mv(lambda m: m[0] / pp, 1, pp)[0], 1, 9) and near(bern_mv(lambda m: m[0] / pp, 1, pp)[1], (1 - pp) / pp, 9))(rng.uniform(.1, .9)))),
        ("\\mathbb{E}[\\hat y] = \\mathbf{w}^\\top\\mathbf{x}, \\qquad", lambda: trials(yhat_mom)),
        ("Usando $\\mathbb{E}[(\\hat y - t)^2]", lambda: trials(bv)),
        ("\\mathbb{E}_m[\\ell] = (\\mathbf{w}^\\top\\mathbf{x} - t)^2 + \\frac{1-p}{p}\\sum_{k} x_k^2", lambda: trials(closed)),
        ("Il secondo termine", lambda: True),
        ("\\frac{\\partial\\, \\mathbb{E}_m[\\ell]}{\\partial w_k} = 2", lambda: trials(grad)),
        ("*Passo 4", G),
        ("- $\\mathbf{w}^\\top\\mathbf{x} = 1 - 3 = -2$", lambda: near(-2, w @ x, 0) and near(9, (w @ x - t) ** 2, 0)),
        ("- $\\frac{1-p}{p} = 1$ e", lambda: near(1, (1 - p) / p, 9) and near(10, np.sum(x**2 * w**2), 9)),
        ("= 9 + 10 = 19", lambda: near(19, EL(w, x, t, p), 9)),
        ("Controllo per enumerazione", lambda: len(masks(2)) == 4 and near(.25, .5 * .5, 9) and near(2, 1 / p, 9)),
        ("| $(0,0)$ |", lambda: table((0, 0))),
        ("| $(1,0)$ |", lambda: table((1, 0))),
        ("| $(0,1)$ |", lambda: table((0, 1))),
        ("| $(1,1)$ |", lambda: table((1, 1))),
        ("Media:", lambda: near(19, (1 + 1 + 49 + 25) / 4, 9) and 1 + 1 + 49 + 25 == 76),
        ("= -12 + 4 = -8", lambda: near(-8, gnum[0], 4) and near(-36, gnum[1], 4)),
        ("Per $p \\to 1$ la penalità svanisce", lambda: (1 - (1 - 1e-9)) / (1 - 1e-9) < 1e-8),
        ("per $p = 0{,}8$ il coefficiente", lambda: near(.25, (1 - .8) / .8, 9)),
    ]


def f11():
    A = np.array([.9, -.1, .05, -.6]); B = np.array([.3, -.02, .45, .2, -.15, .01])
    allw = np.concatenate([A, B]); srt = np.sort(np.abs(allw)); tau = srt[5]
    prA = A[np.abs(A) <= tau]; prB = B[np.abs(B) <= tau]
    kA = np.where(np.abs(A) <= tau, 0, A); kB = np.where(np.abs(B) <= tau, 0, B)
    return [
        ("- warstwa A:", G),
        ("- warstwa B:", G),
        ("Łącznie $N = 4 + 6 = 10$", lambda: allw.size == 10),
        ("k = s \\cdot N = 0{,}6", lambda: round(.6 * 10) == 6),
        ("$$0{,}01 < 0{,}02", lambda: eq(srt, [.01, .02, .05, .1, .15, .2, .3, .45, .6, .9])),
        ("**Krok 2 — próg.**", lambda: near(.2, srt[5], 2) and int(np.sum(np.abs(allw) < .2)) == 6),
        ("- A: $-0{,}1$ oraz", lambda: eq(np.sort(prA), np.sort([-.1, .05])) and near(50, 100 * prA.size / A.size, 0)),
        ("- B: $-0{,}02", lambda: eq(np.sort(prB), np.sort([-.02, -.15, .01, .2])) and near(66.7, 100 * prB.size / B.size, 1)),
        ("Razem $2 + 4 = 6$", lambda: prA.size + prB.size == 6),
        ("Warstwa A: $\\|w^{(A)}\\|^2", lambda: near(1.1825, np.sum(A**2), 4) and near(1.17, np.sum(kA**2), 2)),
        ("czyli zachowano $1{,}17/1{,}1825", lambda: near(98.94, 100 * np.sum(kA**2) / np.sum(A**2), 2)),
        ("Warstwa B: $\\|w^{(B)}\\|^2", lambda: eq(B**2, [.09, .0004, .2025, .04, .0225, .0001]) and near(.3555, np.sum(B**2), 4)),
        ("po przycięciu $0{,}09 + 0{,}2025", lambda: near(.2925, np.sum(kB**2), 4) and near(82.28, 100 * np.sum(kB**2) / np.sum(B**2), 2)),
        ("**Krok 5", G),
        ("to w A usunęlibyśmy", lambda: near(2.4, .6 * 4, 1) and math.floor(.6 * 4) == 2 and near(3.6, .6 * 6, 1) and math.floor(.6 * 6) == 3),
        ("razem tylko $5$", lambda: 2 + 3 == 5 and near(50, 100 * 5 / 10, 0)),
        ("**Odpowiedź.**", lambda: eq(kA, [.9, 0, 0, -.6]) and eq(kB, [.3, 0, .45, 0, 0, 0])),
    ]


def f12():
    def grads():
        n, k = 4, 3; W = rng.normal(size=(k, n)); x = rng.normal(size=n); m = rng.integers(0, 2, n).astype(float)
        p = rng.uniform(.2, .9); t = rng.normal(size=k)
        xt = m * x / p; y = W @ xt; dl = y - t
        L = lambda WW, xx: .5 * np.sum((WW @ (m * xx / p) - t) ** 2)
        return (gclose(dl, lambda yy: .5 * np.sum((yy - t) ** 2), y) and gclose(np.outer(dl, xt), lambda WW: L(WW, x), W)
                and gclose(m / p * (W.T @ dl), lambda xx: L(W, xx), x))
    W = np.array([[1, -1, .5], [2, 0, -1.]]); x = np.array([1, 2, -2.]); m = np.array([1, 0, 1.]); t = np.array([1, 6.]); p = .5
    xt = m * x / p; y = W @ xt; dl = y - t; L = lambda xx: .5 * np.sum((W @ (m * xx / p) - t) ** 2)
    gx = fd(L, x)
    return [
        ("\\tilde{\\mathbf x} = \\frac{1}{p}\\,\\mathbf m \\odot \\mathbf x, \\qquad", G),
        ("Let $\\boldsymbol\\delta = \\partial L/\\partial \\mathbf y", lambda: trials(grads)),
        ("\\frac{\\partial L}{\\partial W} = \\boldsymbol\\delta\\,\\tilde{\\mathbf x}^\\top, \\qquad", lambda: trials(grads)),
        ("\\frac{\\partial L}{\\partial \\mathbf x} = \\frac{1}{p}\\,\\mathbf m \\odot", lambda: trials(grads)),
        ("The second formula is the whole answer", lambda: trials(grads)),
        ("Concrete check, with $p = 0.5$", G),
        ("W = \\begin{bmatrix} 1 & -1 & 0.5", G),
        ("\\tilde{\\mathbf x} = 2\\,(1, 0, -2)^\\top", lambda: eq(xt, [2, 0, -4]) and eq(m * x, [1, 0, -2])),
        ("\\mathbf y = W\\tilde{\\mathbf x} = (2 - 0 - 2", lambda: eq(y, [0, 8])),
        ("$\\boldsymbol\\delta = (0 - 1", lambda: eq(dl, [-1, 2]) and near(2.5, .5 * np.sum(dl**2), 1)),
        ("\\partial L/\\partial W = \\boldsymbol\\delta\\tilde{\\mathbf x}^\\top = \\begin{bmatrix} -2", lambda: near([[-2, 0, 4], [4, 0, -8]], fd(lambda WW: .5 * np.sum((WW @ xt - t) ** 2), W), 6)),
        ("W^\\top\\boldsymbol\\delta = (-1 + 4", lambda: eq(W.T @ dl, [3, 1, -2.5])),
        ("\\partial L/\\partial \\mathbf x = 2\\,(1\\cdot 3", lambda: near([6, 0, -5], gx, 6)),
        ("Note the middle column", lambda: True),
        ("\\mathbf t = \\begin{bmatrix} 1 \\\\ 6", G),
        ("changes $L$ by about $6\\epsilon$", lambda: near(6e-3, L(x + np.array([1e-3, 0, 0])) - L(x), 3.5) and abs(L(x + np.array([0, 1e-3, 0])) - L(x)) < 1e-12),
        ("grad_x = (W.t() @ delta) * mask", lambda: True),
    ]


def f13():
    def law():
        n = 3; x = rng.normal(size=n); w = rng.normal(size=n); a = rng.uniform(.1, 1.5)
        xi = 1 + np.sqrt(a) * rng.standard_normal((400000, n)); b = (xi * w * x).sum(1)
        mu = x @ w; var = a * np.sum(x**2 * w**2)
        return abs(b.mean() - mu) < 0.01 * (1 + np.sqrt(var)) and abs(b.var() / var - 1) < 0.02
    def sgm(w, x, a): return np.sqrt(a * np.sum(x**2 * w**2))
    def pts():
        n = 3; return rng.normal(size=n), rng.normal(size=n), rng.uniform(.1, 1.5), rng.normal()
    def dmu():
        x, w, a, e = pts(); return gclose(x, lambda ww: x @ ww, w)
    def dsig():
        x, w, a, e = pts(); return gclose(a * x**2 * w, lambda ww: sgm(ww, x, a), w)
    def db():
        x, w, a, e = pts(); return gclose(x + e * a * x**2 * w, lambda ww: x @ ww + sgm(ww, x, a) * e, w)
    def dba():
        x, w, a, e = pts(); S = np.sum(x**2 * w**2)
        return gclose([e * S / (2 * sgm(w, x, a))], lambda v: x @ w + sgm(w, x, v[0]) * e, [a])
    def dlog():
        x, w, a, e = pts(); S = np.sum(x**2 * w**2); dba_ = e * S / (2 * sgm(w, x, a))
        return gclose([a * dba_], lambda v: x @ w + sgm(w, x, np.exp(v[0])) * e, [np.log(a)])
    x = np.array([1, 2.]); w = np.array([.5, -.25]); a = .5; e = 1.2
    S = np.sum(x**2 * w**2); s = np.sqrt(a * S); bfun = lambda ww: x @ ww + sgm(ww, x, a) * e
    gb = fd(bfun, w); ga = fd(lambda v: x @ w + sgm(w, x, v[0]) * e, [a])[0]
    return [
        ("multiplicatieve ruis: $\\tilde w_k = w_k \\xi_k$", G),
        ("De pre-activatie is $b = \\sum_k x_k \\tilde w_k$", G),
        ("b \\sim \\mathcal N(\\mu, \\sigma^2)", lambda: trials(law, 3)),
        ("$b = \\mu + \\sigma\\,\\varepsilon$ met", G),
        ("Schrijf $S = \\sum_k x_k^2 w_k^2$", lambda: trials(lambda: (lambda x_, w_, a_: near(sgm(w_, x_, a_), np.sqrt(a_ * np.sum(x_**2 * w_**2)), 12))(rng.normal(size=2), rng.normal(size=2), rng.uniform(.1, 1)))),
        ("\\frac{\\partial \\mu}{\\partial w_k} = x_k", lambda: trials(dmu)),
        ("\\frac{\\partial \\sigma}{\\partial w_k} = \\alpha\\, x_k^2\\, w_k", lambda: trials(dsig)),
        ("\\frac{\\partial b}{\\partial w_k} = x_k + \\varepsilon", lambda: trials(db)),
        ("\\frac{\\partial b}{\\partial \\alpha} = \\varepsilon\\,\\frac", lambda: trials(dba)),
        ("Neem $x = (1,\\ 2)$", G),
        ("- $\\mu = 1\\cdot 0{,}5", lambda: near(0, x @ w, 9)),
        ("- $S = 1 \\cdot 0{,}25", lambda: near(.5, S, 2) and near(.25, a * S, 2) and near(.5, s, 1) and near(.0625, .25**2, 4)),
        ("- $b = 0 + 0{,}5 \\cdot 1{,}2 = 0{,}6$", lambda: near(.6, bfun(w), 1)),
        ("- $\\partial b/\\partial w_1", lambda: near(1.3, gb[0], 1)),
        ("- $\\partial b/\\partial w_2", lambda: near(1.4, gb[1], 1)),
        ("- $\\partial b/\\partial \\alpha", lambda: near(.6, ga, 1)),
        ("**Opmerking.** Voor $\\alpha = 1$", lambda: near(1, (1 - .5) / .5, 9)),
        ("want $\\alpha = (1-p)/p = 1$", lambda: near(1, (1 - .5) / .5, 9)),
        ("\\partial b/\\partial \\log\\alpha = \\alpha", lambda: trials(dlog)),
        ("hier $0{,}5 \\cdot 0{,}6 = 0{,}3$", lambda: near(.3, fd(lambda v: x @ w + sgm(w, x, np.exp(v[0])) * e, [np.log(a)])[0], 1)),
    ]


def f14():
    def M(w):
        m = np.zeros(4); m[np.argsort(-np.abs(w))[:2]] = 1; return m
    def true_grad():
        w = rng.normal(size=4); x = rng.normal(size=4); t = rng.normal()
        L = lambda ww: (np.sum(M(ww) * ww * x) - t) ** 2
        g_t = 2 * (np.sum(M(w) * w * x) - t) * x
        return gclose(M(w) * g_t, L, w)
    w = np.array([.8, -.1, .3, -.5]); x = np.array([1, 2, -1, 1.]); t = 0.
    m = M(w); wt = m * w; y = wt @ x; L = (y - t) ** 2; gt = 2 * (y - t) * x
    wste = w - .5 * gt; wtrue = w - .5 * m * gt
    m2 = M(wste); y2 = (m2 * wste) @ x
    lam = 2.; gsr = gt + lam * (1 - m) * w; wsr = w - .5 * gsr
    return [
        ("\\tilde{\\mathbf w} = M(\\mathbf w) \\odot \\mathbf w .$$", G),
        ("\\frac{\\partial L}{\\partial \\mathbf w} = M(\\mathbf w) \\odot \\frac{\\partial L}{\\partial \\tilde{\\mathbf w}} ,$$", lambda: trials(true_grad)),
        ("\\frac{\\partial L}{\\partial \\mathbf w} \\;\\approx\\;", G),
        ("Cho nhóm", G),
        ("hàm mất mát $L = (y - t)^2$", G),
        ("1. Hai trị tuyệt đối lớn nhất", lambda: eq(m, [1, 0, 0, 1]) and eq(wt, [.8, 0, 0, -.5])),
        ("2. $y = 0{,}8", lambda: near(.3, y, 1) and near(.09, L, 2)),
        ("3. $\\partial L/\\partial \\tilde{\\mathbf w}", lambda: near(.6, 2 * (y - t), 1) and near([.6, 1.2, -.6, .6], gt, 1)
            and near([.6, 1.2, -.6, .6], fd(lambda v: (v @ x - t) ** 2, wt), 1)),
        ("4. Gradient \"thật\"", lambda: near([.6, 0, 0, .6], m * gt, 1)),
        ("5. Gradient STE", lambda: near([.6, 1.2, -.6, .6], gt, 1)),
        ("Cập nhật SGD với", G),
        ("- Theo STE:", lambda: near([.5, -.7, .6, -.8], wste, 1)),
        ("Trị tuyệt đối $(0{,}5", lambda: near([.5, .7, .6, .8], np.abs(wste), 1) and eq(m2, [0, 1, 0, 1]) and not eq(m2, m)),
        ("- Theo gradient thật:", lambda: near([.5, -.1, .3, -.8], wtrue, 1) and eq(M(wtrue), [1, 0, 0, 1])),
        ("Kiểm tra lại:", lambda: near(-2.2, y2, 1) and near(4.84, (y2 - t) ** 2, 2) and (y2 - t) ** 2 > L),
        ("suy giảm $\\lambda\\,(1 - M)\\odot\\mathbf w$", G),
        ("Với $\\lambda = 2$", lambda: near(-.2, lam * (1 - m[1]) * w[1], 1)),
        ("$1{,}2 - 0{,}2 = 1{,}0$", lambda: near(1.0, gsr[1], 1) and near(-.6, wsr[1], 1) and eq(M(wsr), [0, 1, 0, 1])),
        ("**Số tham số:**", lambda: np.zeros((512, 512)).size == 262144 and np.zeros((512, 512)).size // 2 == 131072),
    ]


def f15():
    def loss(U, v, o):
        s = U @ v; mx = s.max(); return -s[o] + mx + np.log(np.sum(np.exp(s - mx)))
    def pts():
        V, d = 4, 3; return rng.normal(size=(V, d)), rng.normal(size=d), int(rng.integers(V))
    def probs(U, v):
        s = U @ v; p = np.exp(s - s.max()); return p / p.sum()
    def dv():
        U, v, o = pts(); p = probs(U, v); y = np.eye(len(p))[o]
        return gclose(-U[o] + p @ U, lambda vv: loss(U, vv, o), v) and eq(-U[o] + p @ U, U.T @ (p - y))
    def rows():
        U, v, o = pts(); p = probs(U, v); y = np.eye(len(p))[o]
        G_ = fd(lambda UU: loss(UU, v, o), U)
        return all(np.allclose(G_[i], (p[i] - y[i]) * v, atol=1e-5) for i in range(len(p)))
    def dU():
        U, v, o = pts(); p = probs(U, v); y = np.eye(len(p))[o]
        return gclose(np.outer(v, p - y), lambda UU: loss(UU, v, o), U)
    def scat():
        V_, d = 4, 3; Vin = rng.normal(size=(V_, d)); U = rng.normal(size=(V_, d)); c = 1; os_ = [0, 2]
        Lb = lambda VV: sum(loss(U, VV[c], o) for o in os_)
        claim = np.zeros_like(Vin)
        for o in os_:
            p = probs(U, Vin[c]); claim[c] += U.T @ (p - np.eye(V_)[o])
        return gclose(claim, Lb, Vin)
    U = np.array([[.5, 0], [0, 1], [1, 1.]]); v = np.array([1, -1.]); o = 2
    s = U @ v; ex = np.exp(s); p = ex / ex.sum(); y = np.eye(3)[o]
    gv = fd(lambda vv: loss(U, vv, o), v); gU = fd(lambda UU: loss(UU, v, o), U)
    return [
        ("Each word $w$ in the vocabulary has two vectors", G),
        ("$\\mathbf{U} \\in \\mathbb{R}^{|\\mathcal V| \\times d}$). For", G),
        ("\\ell = -\\mathbf{u}_o^\\top \\mathbf{v}_c + \\log", G),
        ("Let $\\mathbf{s} = \\mathbf{U}\\mathbf{v}_c$", G),
        ("= \\mathbf{U}^\\top(\\mathbf{p} - \\mathbf{y}).$$", lambda: trials(dv)),
        ("context vectors, each row $i$ receives", lambda: trials(rows)),
        ("\\frac{\\partial \\ell}{\\partial \\mathbf{U}} = \\mathbf{v}_c\\,(\\mathbf{p} - \\mathbf{y})^\\top", lambda: trials(dU)),
        ("Because $\\mathbf{v}_c$ was obtained by an embedding lookup", lambda: trials(scat)),
        ("these row gradients are *summed*", lambda: trials(scat)),
        ("Take $|\\mathcal V| = 3$", G),
        ("$\\mathbf{u}_0 = (0.5, 0)$", G),
        ("1. Scores", lambda: eq(s, [.5, -1, 0])),
        ("2. Exponentials", lambda: near([1.6487, .3679, 1], ex, 4) and near(3.0166, ex.sum(), 4)),
        ("3. Probabilities", lambda: near([.5465, .1220, .3315], p, 4)),
        ("4. Loss", lambda: near(1.1041, loss(U, v, o), 4) and near(1.1041, np.log(3.0166), 4) and s[o] == 0),
        ("5. $\\mathbf{p} - \\mathbf{y}", lambda: near([.5465, .1220, -.6685], p - y, 4)),
        ("6. Center gradient", lambda: near([-.3952, -.5465], gv, 4)),
        ("7. Context gradients", lambda: near([.5465, -.5465], gU[0], 4) and near([.1220, -.1220], gU[1], 4)),
        ("and $\\mathbf{u}_2$ gets $(-0.6685, 0.6685)$", lambda: near([-.6685, .6685], gU[2], 4)),
        ("moves $\\mathbf{v}_c$ to approximately", lambda: near([1.0395, -.9453], v - .1 * gv, 4)),
        ("pulls $\\mathbf{u}_2$ toward", lambda: near([1.0669, .9331], U[2] - .1 * gU[2], 4)),
        ("The model stores $2|\\mathcal V| d$", lambda: np.zeros((3, 2)).size * 2 == 2 * 3 * 2),
        ("2 \\times 10{,}000 \\times 100", lambda: 2 * np.zeros((10000, 100), dtype=np.int8).size == 2_000_000 and np.zeros((10000, 100)).size == 1_000_000),
        ("**Exercise.**", lambda: trials(lambda: (lambda U_, v_, o_: near(fd(lambda vv: loss(U_, vv, o_), v_), probs(U_, v_) @ U_ - U_[o_], 5))(*pts()))),
    ]


def f16():
    def lin():
        n, k = 3, 2; W = rng.normal(size=(k, n)); h = rng.normal(size=n); p = rng.uniform(.2, .9)
        return near(bern_expect(lambda m: W @ (m * h), n, p), p * W @ h, 9)
    def var_c():
        h = rng.normal(); p = rng.uniform(.2, .9)
        v1 = bern_mv(lambda m: m[0] * h, 1, p)[1]; v2 = bern_mv(lambda m: m[0] * h / p, 1, p)[1]
        return near(v1, p * (1 - p) * h * h, 9) and near(v2, (1 - p) / p * h * h, 9) and near(v2 / v1, 1 / p**2, 7)
    def dsig():
        zz = rng.normal(size=1); return gclose(sig(zz) * (1 - sig(zz)), lambda v: np.sum(sig(v)), zz)
    h, p = 4., .75
    vc = p * (1 - p) * h * h; vi = (1 - p) / p * h * h
    Es = .5 * sig(0) + .5 * sig(2); Sw = sig(1)
    zs = np.linspace(.01, 5, 200); d2 = fd(lambda v: np.sum(sig(v)), np.array([0.]))  # placeholder
    conc = all(fd(lambda v: np.sum(sig(v) * (1 - sig(v))), np.array([zz]))[0] < 0 for zz in zs)
    dE = fd(lambda v: .5 * sig(0 * v[0]) + .5 * sig(v[0]), [2.])[0]
    dW = fd(lambda v: sig(.5 * v[0]), [2.])[0]
    return [
        ("Klasik dropout'ta eğitim sırasında", G),
        ("($p$: tutma olasılığı)", G),
        ("\\mathbb E\\big[W(\\mathbf m\\odot\\mathbf h)\\big]", lambda: trials(lin)),
        ("\\operatorname{Var}[m h] = p(1-p)\\,h^2", lambda: trials(var_c)),
        ("ters çevrilmiş (inverted) dropout'ta ise", lambda: trials(var_c)),
        ("Sayısal olarak $h = 4$", G),
        ("- klasik:", lambda: near(3, vc, 9)),
        ("- inverted:", lambda: near(5.333, vi, 3)),
        ("- oran:", lambda: near(1.778, vi / vc, 3) and near(1.778, 5.333 / 3, 3) and near(1.778, 1 / .75**2, 3)),
        ("**(c)**", G),
        ("0{,}5\\,\\sigma(0) + 0{,}5", lambda: near(.8808, sig(2), 4) and near(.6904, Es, 4) and near(.6904, bern_expect(lambda m: sig(m[0] * 2), 1, .5), 4)),
        ("Ağırlık ölçekleme ile", lambda: near(.7311, Sw, 4)),
        ("Fark:", lambda: near(-.0407, .6904 - .7311, 4) and near(-.0407, Es - Sw, 4)),
        ("gereği $\\mathbb E[\\sigma(z)] \\le", lambda: conc and Es <= Sw),
        ("Sigmoid türevi", lambda: trials(dsig)),
        ("p\\,\\sigma'(a) = 0{,}5", lambda: near(.0525, dE, 4) and near(.0525, .5 * .8808 * .1192, 4) and near(.1192, 1 - sig(2), 4)),
        ("ağırlık ölçeklemeli versiyonda", lambda: near(.0983, dW, 4) and near(.0983, .5 * .7311 * .2689, 4) and near(.2689, 1 - sig(1), 4)),
        ("(c)'deki $0{,}6904$", lambda: near(.6904, Es, 4)),
    ]


FILES = {
    "01_inverted_dropout_erwartung_de.md": f01,
    "02_gradient_masque_dropout_fr.md": f02,
    "03_dropconnect_momentos_es.md": f03,
    "04_dropout_gaussiano_pt.md": f04,
    "05_magnitude_pruning_counts_en.md": f05,
    "06_ste_zhestkaya_maska_ru.md": f06,
    "07_embedding_scatter_add_zh.md": f07,
    "08_weight_tying_ja.md": f08,
    "09_embedding_params_ko.md": f09,
    "10_dropout_regolarizzazione_it.md": f10,
    "11_przycinanie_globalne_pl.md": f11,
    "12_dropout_backprop_forum_en.md": f12,
    "13_variationele_dropout_nl.md": f13,
    "14_ste_thua_2_4_vi.md": f14,
    "15_skipgram_embedding_grad_en.md": f15,
    "16_agirlik_olcekleme_tr.md": f16,
}


def main():
    expected = json.load(open(os.path.join(HERE, "expected.json")))
    bad = 0
    verbose = "-v" in sys.argv
    for fname, fn in FILES.items():
        lines = open(os.path.join(HERE, fname), encoding="utf-8").read().split("\n")
        fails = []; covered = set()
        for sub, chk in fn():
            hits = [i + 1 for i, l in enumerate(lines) if sub in l]
            if len(hits) != 1:
                raise SystemExit(f"{fname}: substring {sub!r} matched lines {hits}")
            ln = hits[0]; covered.add(ln)
            if chk is None:
                continue
            try:
                ok = bool(chk())
            except Exception as exc:  # a failing check is a failing line
                ok = False
                if verbose: print("   exception", ln, exc)
            if not ok:
                fails.append(ln)
        first = min(fails) if fails else None
        exp = expected.get(fname, "missing")
        status = "OK" if first == exp else "MISMATCH"
        if status != "OK":
            bad += 1
        print(f"{status:8s} {fname}: first failing line {first}, expected {exp}" + (f"  (all failing: {sorted(fails)})" if verbose else ""))
        if verbose:
            unc = [i + 1 for i, l in enumerate(lines) if ("$" in l) and (i + 1) not in covered and not l.startswith("<!--")]
            if unc:
                print("   uncovered $-lines:", unc)
    if set(expected) != set(FILES):
        print("expected.json keys differ from file list"); bad += 1
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
