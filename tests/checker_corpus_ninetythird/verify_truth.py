"""Independent NumPy check of the corpus.  For every file: a list of (unique substring, ok) checks,
one per line containing math.  The first failing line must equal expected.json."""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(12345)


def A(printed, value):
    """printed: number as printed (python syntax); value must round to it."""
    s = str(printed)
    dec = len(s.split('.')[1]) if '.' in s else 0
    return abs(float(s) - value) <= 0.5 * 10 ** (-dec) + 1e-9 * max(1, abs(value))


def AL(printed, values):
    values = np.ravel(values)
    return len(printed) == len(values) and all(A(p, v) for p, v in zip(printed, values))


def softmax(a):
    e = np.exp(a - np.max(a))
    return e / e.sum()


def numgrad(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        xp = x.copy(); xm = x.copy()
        xp[idx] += h; xm[idx] -= h
        g[idx] = (f(xp) - f(xm)) / (2 * h)
    return g


def fd(f, grad, sampler, trials=5, tol=1e-5):
    for _ in range(trials):
        x = sampler()
        if not np.allclose(numgrad(f, x), grad(x), atol=tol, rtol=1e-4):
            return False
    return True


def ident(lhs, rhs, sampler, trials=20, tol=1e-9):
    for _ in range(trials):
        x = sampler()
        if not np.allclose(lhs(x), rhs(x), atol=tol, rtol=1e-7):
            return False
    return True


G = True  # given

# ---------------------------------------------------------------- 01
def f01():
    c = []
    c.append(("\\mathcal{L} \\;=\\; -\\log \\frac{\\exp(s_0/\\tau)}", G))
    c.append(("Gegeben sei ein Anker", G))
    c.append(("Die Ähnlichkeiten seien", G))
    def Lorig(s, t): return -np.log(softmax(s / t)[0])
    def Lre(s, t): return -s[0] / t + np.log(np.exp(s / t).sum())
    samp = lambda: rng.normal(size=5)
    c.append(("-\\frac{s_0}{\\tau} + \\log \\sum_{j=0}^{K} e^{s_j/\\tau}.",
              ident(lambda s: Lorig(s, 0.7), lambda s: Lre(s, 0.7), samp)))
    c.append(("Wir schreiben $p_j", ident(lambda s: softmax(s / 0.3).sum(), lambda s: 1.0, samp)))
    t = 0.37
    c.append(("\\frac{\\partial}{\\partial s_k} \\log \\sum_{j=0}^{K}",
              fd(lambda s: np.log(np.exp(s / t).sum()), lambda s: softmax(s / t) / t, samp)))
    e0 = lambda n: np.eye(n)[0]
    c.append(("\\bigl(p_k - \\delta_{k0}\\bigr), \\qquad k = 0",
              fd(lambda s: Lorig(s, t), lambda s: (softmax(s / t) - e0(len(s))) / t, samp)))
    ok = all((softmax(s / t)[0] - 1) / t <= 0 and np.all(softmax(s / t)[1:] / t >= 0) for s in [samp() for _ in range(20)])
    c.append(("Insbesondere ist $\\partial", ok))
    c.append(("Der erste Summand hängt nur von $s_0$ ab", fd(lambda s: -s[0] / t, lambda s: -np.eye(len(s))[0] / t, samp)))
    c.append(("die Summe aller Komponenten verschwindet",
              ident(lambda s: numgrad(lambda q: Lorig(q, t), s).sum(), lambda s: 0.0, samp, tol=1e-6)))
    s = np.array([0.8, 0.2, -0.1]); t = 0.5
    c.append(("**Zahlenbeispiel.** Sei $K = 2$", G))
    c.append(("1. Skalierte Logits", AL(["1.6", "0.4", "-0.2"], s / t)))
    e = np.exp(s / t)
    c.append(("2. Exponentiale", AL(["4.953", "1.492", "0.819"], e)))
    c.append(("3. Nenner", A("7.264", e.sum()) and A("7.264", 4.953 + 1.492 + 0.819)))
    p = softmax(s / t)
    c.append(("4. Softmax", AL(["0.6819", "0.2054", "0.1127"], p)))
    c.append(("5. Verlust", A("0.383", -np.log(p[0])) and A("0.6819", p[0])))
    g = (p - e0(3)) / t
    c.append(("6. Gradient", AL(["-0.636", "0.411", "0.225"], g) and A("0.3181", 1 - 0.6819)))
    c.append(("Probe: $-0{,}636", abs(-0.636 + 0.411 + 0.225) < 1e-12))
    c.append(("Ein kleineres $\\tau$ verstärkt", G))
    return c

# ---------------------------------------------------------------- 02
def f02():
    c = []
    Z = np.array([[1, 0], [0.6, 0.8], [0, 1], [-0.8, 0.6]]); t = 0.5; N = 2
    c.append(("**Données.** On dispose de $N = 2$", np.allclose(np.linalg.norm(Z, axis=1), 1) and 2 * N == 4))
    c.append(("$z_1 = (1\\,;\\,0)$", G))
    c.append(("Température : $\\tau = 0{,}5$", G))
    c.append(("\\ell(i,j) = -\\ln \\frac{\\exp(s_{ij}/\\tau)}", G))
    c.append(("\\qquad \\mathcal{L} = \\frac{1}{2N}\\sum_{k=1}^{N}", G))
    M = 2 * N; mask = ~np.eye(M, dtype=bool)
    pos = {0: 1, 1: 0, 2: 3, 3: 2}
    c.append(("le dénominateur contient $2N-1 = 3$", mask[0].sum() == 3 == 2 * N - 1))
    nneg = sum(mask[i].sum() - 1 for i in range(M))
    c.append(("il reste donc $2N - 2 = 2$", 2 * N - 2 == 2 and nneg == 8 == 2 * N * (2 * N - 2)))
    S = Z @ Z.T
    c.append(("S = \\begin{pmatrix} 1 & 0{,}6", np.allclose(S, [[1, .6, 0, -.8], [.6, 1, .8, 0], [0, .8, 1, .6], [-.8, 0, .6, 1]])))
    c.append(("Par exemple $s_{24}", abs(S[1, 3]) < 1e-12 and abs(0.6 * -0.8 + 0.8 * 0.6) < 1e-12))
    def ell(i):
        den = sum(np.exp(S[i, k] / t) for k in range(M) if k != i)
        return -np.log(np.exp(S[i, pos[i]] / t) / den)
    c.append(("**c) Ancre $i = 1$.**", AL(["1.2", "0", "-1.6"], [S[0, 1] / t, S[0, 2] / t, S[0, 3] / t])))
    c.append(("$e^{-1{,}6} \\approx 0{,}202$", AL(["3.320", "0.202"], [np.exp(1.2), np.exp(-1.6)])))
    c.append(("Dénominateur : $3{,}320 + 1 + 0{,}202", A("4.522", 3.320 + 1 + 0.202)))
    c.append(("\\ell(1,2) = -\\ln(3{,}320/4{,}522)", A("1.362", 4.522 / 3.320) and A("0.309", ell(0))))
    c.append(("**d) Ancre $i = 3$.**", AL(["1.2", "0", "1.6"], [S[2, 3] / t, S[2, 0] / t, S[2, 1] / t])))
    c.append(("$e^{1{,}6} \\approx 4{,}953$", AL(["3.320", "4.953"], [np.exp(1.2), np.exp(1.6)])))
    c.append(("Dénominateur : $3{,}320 + 1 + 4{,}953", A("8.273", 3.320 + 1 + 4.953)))
    c.append(("\\ell(3,4) = -\\ln(3{,}320/8{,}273)", A("0.913", ell(2))))
    c.append(("Le négatif $z_2$ est très proche", ell(2) > ell(0)))
    c.append(("**e) Symétrie.**", sorted(S[1, [0, 2, 3]]) == sorted(S[2, [3, 0, 1]])))
    c.append(("et l'ancre $4$ les mêmes", abs(ell(1) - ell(2)) < 1e-12 and abs(ell(3) - ell(0)) < 1e-12))
    L = np.mean([ell(i) for i in range(M)])
    c.append(("\\mathcal{L} = \\frac{1}{4}\\big(2 \\times 0{,}309", A("0.611", L)))
    c.append(("$e^{1/\\tau} = e^{2} \\approx 7{,}389$", A("7.389", np.exp(1 / t))))
    return c

# ---------------------------------------------------------------- 03
def f03():
    c = []
    s = np.array([0.9, 0.7, 0.1])
    c.append(("$$s = (s_+, s_1, s_2) = (0.9,\\ 0.7,\\ 0.1).$$", G))
    c.append(("La probabilidad que el modelo le asigna", G))
    c.append(("Cuando entrenas un modelo contrastivo", G))
    def blk(t):
        e = np.exp(s / t); return s / t, e, e.sum(), e / e.sum(), -np.log(e[0] / e.sum())
    a, e, Z, p, l = blk(1.0)
    c.append(("### Caso $\\tau = 1$", G))
    c.append(("$e^{0.9} \\approx 2.460$", AL(["2.460", "2.014", "1.105"], e) and A("5.579", Z)))
    c.append(("$p \\approx (0.441,\\ 0.361,\\ 0.198)$", AL(["0.441", "0.361", "0.198"], p) and A("0.819", l)))
    c.append(("Casi no hay diferencia", G))
    a, e, Z, p, l = blk(0.5)
    c.append(("### Caso $\\tau = 0.5$", G))
    c.append(("Logits escalados: $(1.8,\\ 1.4,\\ 0.2)$", AL(["1.8", "1.4", "0.2"], a)))
    c.append(("$e^{1.8} \\approx 6.050$", AL(["6.050", "4.055", "1.221"], e) and A("11.326", Z)))
    c.append(("$p \\approx (0.534,\\ 0.358,\\ 0.108)$", AL(["0.534", "0.358", "0.108"], p) and A("0.627", l)))
    a, e, Z, p1, l = blk(0.1)
    c.append(("### Caso $\\tau = 0.1$", G))
    c.append(("Logits escalados: $(9,\\ 7,\\ 1)$", AL(["9", "7", "1"], a)))
    c.append(("$e^{9} \\approx 8103.1$", AL(["8103.1", "1096.6", "2.718"], e) and A("9202.4", Z)))
    c.append(("$p \\approx (0.8805,\\ 0.1192,\\ 0.0003)$", AL(["0.8805", "0.1192", "0.0003"], p1) and A("0.127", l)))
    c.append(("El negativo fácil ($s_2 = 0.1$)", p1[2] < 1e-3))
    t = 0.3; samp = lambda: rng.normal(size=4)
    lf = lambda s_: -s_[0] / t + np.log(np.exp(s_ / t).sum())
    c.append(("Como $\\ell = -s_+/\\tau + \\log", ident(lambda s_: -np.log(softmax(s_ / t)[0]), lf, samp)))
    c.append(("\\frac{\\partial \\ell}{\\partial s_+} = \\frac{p_+ - 1}{\\tau}",
              fd(lf, lambda s_: (softmax(s_ / t) - np.eye(len(s_))[0]) / t, samp)))
    p_1 = softmax(s / 1.0)
    c.append(("Para $\\tau = 0.1$ el gradiente respecto al negativo difícil", A("1.19", p1[1] / 0.1) and A("0.361", p_1[1])))
    c.append(("Respecto al negativo fácil", A("0.003", p1[2] / 0.1) and A("0.198", p_1[2])))
    c.append(("$$\\frac{p_1}{p_2} = e^{(s_1 - s_2)/\\tau},$$",
              ident(lambda s_: softmax(s_ / t)[1] / softmax(s_ / t)[2], lambda s_: np.exp((s_[1] - s_[2]) / t), samp)))
    c.append(("que para $\\tau = 0.1$ vale $e^{6}", A("403", np.exp(0.6 / 0.1)) and A("1.82", np.exp(0.6))
              and A("403", p1[1] / p1[2])))
    c.append(("**Moraleja:**", G))
    return c

# ---------------------------------------------------------------- 04
def f04():
    c = []
    cos = lambda u, v: u @ v / np.linalg.norm(u) / np.linalg.norm(v)
    samp = lambda: rng.normal(size=3)
    v0 = rng.normal(size=3)
    c.append(("c(u,v)=\\frac{\\langle u, v\\rangle}", G))
    c.append(("Пусть $u, v", G))
    c.append(("**Шаг 1.** Запишем", ident(lambda u: cos(u, v0), lambda u: (u @ v0) / np.linalg.norm(u) / np.linalg.norm(v0), samp)))
    c.append(("Множитель $\\|v\\|^{-1}$ от $u$ не зависит", G))
    c.append(("**Шаг 2.** Известно", fd(lambda u: u @ v0, lambda u: v0, samp) and fd(np.linalg.norm, lambda u: u / np.linalg.norm(u), samp)))
    c.append(("\\nabla_u \\|u\\|^{-1} = -\\|u\\|^{-2}", fd(lambda u: 1 / np.linalg.norm(u), lambda u: -u / np.linalg.norm(u) ** 2, samp)))
    nv = np.linalg.norm(v0)
    c.append(("\\nabla_u c = \\frac{v}{\\|u\\|\\,\\|v\\|} - \\frac{\\langle u,v\\rangle\\, u}",
              fd(lambda u: cos(u, v0), lambda u: v0 / (np.linalg.norm(u) * nv) - (u @ v0) * u / (np.linalg.norm(u) ** 2 * nv), samp)))
    c.append(("= \\frac{v}{\\|u\\|\\,\\|v\\|} - c\\,\\frac{u}{\\|u\\|}.",
              fd(lambda u: cos(u, v0), lambda u: v0 / (np.linalg.norm(u) * nv) - cos(u, v0) * u / np.linalg.norm(u), samp)))
    u0 = rng.normal(size=3)
    c.append(("Аналогично, по симметрии", fd(lambda v: cos(u0, v), lambda v: u0 / (np.linalg.norm(u0) * np.linalg.norm(v)) - cos(u0, v) * v / np.linalg.norm(v) ** 2, samp)))
    u = np.array([1., 2, 2]); v = np.array([2., 0, 1])
    c.append(("**Пример.** Возьмём", G))
    c.append(("1. $\\|u\\| = \\sqrt{1+4+4} = 3$", A("3", np.linalg.norm(u)) and A("2.236", np.linalg.norm(v))))
    c.append(("2. $\\langle u,v\\rangle = 2 + 0 + 2 = 4$", A("4", u @ v)))
    cc = cos(u, v)
    c.append(("3. $c = 4/(3\\sqrt5) \\approx 0{,}596$", A("0.596", cc)))
    c.append(("4. Первое слагаемое", A("6.708", 3 * np.sqrt(5)) and AL(["0.298", "0", "0.149"], v / (3 * np.sqrt(5)))))
    true_grad = v / (3 * np.sqrt(5)) - cc * u / 9
    c.append(("5. Второе слагаемое", AL(["0.199", "0.398", "0.398"], cc * u / np.linalg.norm(u) ** 2 * 0 + cc * u / 9)))
    c.append(("6. Итого: $\\nabla_u c", AL(["0.099", "-0.398", "-0.248"], true_grad)))
    c.append(("Если эмбеддинги заранее нормированы", G))
    c.append(("и в формуле шага 4 остаётся", fd(lambda w: cos(w, v0 / nv), lambda w: v0 / nv - cos(w, v0) * w,
                                                   lambda: (lambda x: x / np.linalg.norm(x))(rng.normal(size=3)))))
    return c

# ---------------------------------------------------------------- 05
def f05():
    c = []
    samp = lambda: rng.normal(size=4)
    c.append(("y=\\sum_{i=1}^{n} g_i(x)\\,E_i(x)", G))
    c.append(("这里 $h\\in\\mathbb{R}^n$ 是门控 logits", G))
    J = lambda h: np.diag(softmax(h)) - np.outer(softmax(h), softmax(h))
    quot = lambda h: (np.diag(np.exp(h)) * np.exp(h).sum() - np.outer(np.exp(h), np.exp(h))) / np.exp(h).sum() ** 2
    okJ = all(np.allclose(numgrad_vec(softmax, h), J(h), atol=1e-6) and np.allclose(quot(h), J(h)) for h in [samp() for _ in range(5)])
    c.append(("\\frac{\\partial g_i}{\\partial h_j}=\\frac{\\delta_{ij}e^{h_i}", okJ))
    okS = all(np.allclose(J(h), J(h).T) and np.allclose(J(h).sum(1), 0) for h in [samp() for _ in range(5)])
    c.append(("写成矩阵形式就是", okS))
    e0 = rng.normal(size=4)
    y = lambda h: softmax(h) @ e0
    c.append(("\\frac{\\partial y}{\\partial h_j}=\\sum_i e_i\\,g_i(\\delta_{ij}-g_j)",
              fd(y, lambda h: softmax(h) * (e0 - y(h)), samp) and fd(y, lambda h: J(h).T @ e0, samp)
              and ident(lambda h: softmax(h) * e0 - softmax(h) * y(h), lambda h: softmax(h) * (e0 - y(h)), samp)))
    c.append(("直观理解", ident(lambda h: np.sign(softmax(h) * (e0 - y(h))), lambda h: np.sign(e0 - y(h)), samp)))
    h = np.array([1.0, 0.5, -0.5, 0.0]); e = np.array([2.0, -1.0, 0.5, 1.0])
    c.append(("取 $h=(1.0,\\ 0.5,\\ -0.5,\\ 0.0)$", G))
    c.append(("指数：", AL(["2.7183", "1.6487", "0.6065", "1"], np.exp(h))))
    c.append(("归一化常数", A("5.9735", np.exp(h).sum()) and A("5.9735", 2.7183 + 1.6487 + 0.6065 + 1)))
    g = softmax(h)
    c.append(("门控权重", AL(["0.4551", "0.2760", "0.1015", "0.1674"], g)))
    c.append(("输出：$y=\\sum_i g_ie_i", AL(["0.9101", "-0.2760", "0.0508", "0.1674"], g * e) and A("0.8523", g @ e)
              and A("0.8523", 0.9101 - 0.2760 + 0.0508 + 0.1674)))
    Jh = J(h)
    c.append(("雅可比的两个元素", A("0.2480", Jh[0, 0]) and A("-0.1256", Jh[0, 1])))
    c.append(("梯度：$\\nabla_h y", AL(["0.5223", "-0.5112", "-0.0358", "0.0247"], g * (e - g @ e))))
    c.append(("检查：四个分量之和", abs((g * (e - g @ e)).sum()) < 1e-12 and abs(0.5223 - 0.5112 - 0.0358 + 0.0247) < 1e-3))
    # dL/dW for L(y) = 0.5*y^2 with y = softmax(W x) . e
    d, n = 3, 4
    x0 = rng.normal(size=d)
    Lw = lambda W: 0.5 * (softmax(W @ x0) @ e0) ** 2
    def gW(W):
        gg = softmax(W @ x0); yy = gg @ e0
        return yy * np.outer(gg * (e0 - yy), x0)
    c.append(("\\frac{\\partial\\mathcal{L}}{\\partial W_g}=\\frac{\\partial\\mathcal{L}}{\\partial y}",
              fd(Lw, gW, lambda: rng.normal(size=(n, d))) and gW(np.zeros((n, d))).shape == (n, d)))
    c.append(("与 $W_g\\in\\mathbb{R}^{n\\times d}$ 的形状一致", gW(np.zeros((n, d))).shape == (n, d)))
    return c


def numgrad_vec(F, x, h=1e-6):
    x = np.asarray(x, float); out = []
    for j in range(len(x)):
        xp = x.copy(); xm = x.copy(); xp[j] += h; xm[j] -= h
        out.append((F(xp) - F(xm)) / (2 * h))
    return np.array(out).T  # [i, j] = dF_i/dx_j

# ---------------------------------------------------------------- 06
def f06():
    c = []
    h = np.array([2.0, 1.0, 0.5, -1.0])
    c.append(("**質問：** top-k", G))
    c.append(("$h = (h_1, h_2, h_3, h_4) = (2.0,", G))
    c.append(("$p_i = e^{h_i} / Z$", G))
    c.append(("$e^{2.0} \\approx 7.389$", AL(["7.389", "2.718", "1.649", "0.368"], np.exp(h))))
    c.append(("$Z \\approx 7.389 + 2.718 + 1.649 + 0.368 = 11.756$", A("11.756", np.exp(h).sum())))
    p = softmax(h)
    c.append(("$p \\approx (0.629,", AL(["0.629", "0.231", "0.140", "0.031"], p)))
    c.append(("top-2 は $\\mathcal{T} = \\{1, 2\\}$", set(np.argsort(-p)[:2]) == {0, 1}))
    c.append(("w_i = \\frac{e^{h_i}}{\\sum_{j \\in \\mathcal{T}} e^{h_j}}", G))
    w = lambda hh: np.r_[softmax(hh[:2]), 0, 0]
    c.append(("$w_1 = 1/(1 + e^{h_2 - h_1})", A("0.731", w(h)[0]) and A("0.269", w(h)[1])
              and abs(1 / (1 + np.exp(-1)) - w(h)[0]) < 1e-12))
    c.append(("$\\mathcal{T}$ を固定すれば", G))
    Jw = numgrad_vec(w, h)
    c.append(("\\frac{\\partial w_1}{\\partial h_1} = w_1 w_2 \\approx 0.197",
              A("0.197", Jw[0, 0]) and A("-0.197", Jw[0, 1]) and np.allclose(Jw[:, 2:], 0)
              and abs(Jw[0, 0] - w(h)[0] * w(h)[1]) < 1e-6))
    c.append(("つまり **選ばれなかったロジット", np.allclose(Jw[:, 2:], 0)))
    c.append(("top-1 の Switch なら出力は", G))
    Jp = numgrad_vec(softmax, h)
    c.append(("\\frac{\\partial p_1}{\\partial h_4} = -p_1 p_4", abs(Jp[0, 3] + p[0] * p[3]) < 1e-6 and A("-0.0195", Jp[0, 3])))
    c.append(("なので、こちらの方式では", abs(Jp[0, 3]) > 0))
    T = 4096
    c.append(("トークン数 $T = 4096$", 2 * T == 8192 and 4 * T == 16384))
    c.append(("$k/n = 2/4$", 8192 / 16384 == 2 / 4))
    return c

# ---------------------------------------------------------------- 07
def f07():
    c = []
    N, T, alpha = 4, 8, 0.01
    assign = np.array([1, 1, 1, 2, 2, 3, 3, 4])
    P = np.array([0.35, 0.25, 0.22, 0.18])
    Laux = lambda f, P: alpha * N * (f * P).sum()
    c.append(("\\mathcal{L}_{\\text{aux}} = \\alpha \\cdot N \\cdot \\sum_{i=1}^{N} f_i \\, P_i ,", G))
    c.append(("onde $N$ é o número de especialistas", G))
    c.append(("e $P_i = \\frac{1}{T}\\sum_{x \\in \\mathcal{B}} p_i(x)$", G))
    c.append(("**Dados:** $N = 4$", G))
    c.append(("$(1, 1, 1, 2, 2, 3, 3, 4)$ e as probabilidades", abs(P.sum() - 1) < 1e-12))
    counts = np.array([(assign == i).sum() for i in range(1, 5)])
    c.append(("**(a) Frações.** Contando", list(counts) == [3, 2, 2, 1]))
    f = counts / T
    c.append(("f = \\left(\\tfrac{3}{8}", AL(["0.375", "0.25", "0.25", "0.125"], f)))
    c.append(("Confere: $0{,}375 + 0{,}25", abs(f.sum() - 1) < 1e-12))
    c.append(("\\sum_i f_i P_i = 0{,}375\\cdot0{,}35", G))
    c.append(("= 0{,}13125 + 0{,}0625 + 0{,}055 + 0{,}0225 = 0{,}27125", AL(["0.13125", "0.0625", "0.055", "0.0225"], f * P)
              and A("0.27125", (f * P).sum())))
    c.append(("Então $N\\sum_i f_i P_i = 4 \\cdot 0{,}27125 = 1{,}085$", A("1.085", N * (f * P).sum()) and A("0.01085", Laux(f, P))))
    u = np.full(N, 1 / N)
    c.append(("**(c) Caso uniforme.**", abs(N * (u * u).sum() - 1) < 1e-12 and abs(N * N / N ** 2 - 1) < 1e-12))
    c.append(("ou seja, $\\mathcal{L}_{\\text{aux}} = \\alpha = 0{,}01$", abs(Laux(u, u) - alpha) < 1e-12 and 1.085 > 1))
    c.append(("**(d) Gradiente.**", G))
    gP = numgrad(lambda PP: Laux(f, PP), P)
    c.append(("\\frac{\\partial \\mathcal{L}_{\\text{aux}}}{\\partial P_i} = \\alpha \\, f_i .", np.allclose(gP, alpha * f, atol=1e-9)))
    c.append(("Numericamente: $\\nabla_P", AL(["0.00375", "0.0025", "0.0025", "0.00125"], gP)))
    c.append(("O maior gradiente é o do especialista 1", np.argmax(gP) == 0))
    c.append(("**(e) Passando para os logits.**", G))
    c.append(("para um token $x$ fica", G))
    Hx = rng.normal(size=(T, N))
    def Lh(H):
        return Laux(f, np.mean([softmax(r) for r in H], axis=0))
    def gH(H):
        dP = alpha * N * f
        out = np.zeros_like(H)
        for t_ in range(T):
            p = softmax(H[t_]); out[t_] = (1 / T) * (np.diag(p) - np.outer(p, p)).T @ dP
        return out
    c.append(("\\frac{\\partial \\mathcal{L}_{\\text{aux}}}{\\partial h_j(x)} = \\frac{1}{T}\\sum_i",
              fd(Lh, gH, lambda: rng.normal(size=(T, N)), trials=2)))
    return c

# ---------------------------------------------------------------- 08
def f08():
    c = []
    c.append(("Sia $N$ il numero di immagini nel batch", G))
    c.append(("raccolti per righe nella matrice", G))
    for N_ in [3, 5]:
        M = 2 * N_
        terms = M - 1
    c.append(("Per un'ancora $i$ il denominatore della NT-Xent", all((2 * n - 1) - 1 == 2 * n - 2 for n in [3, 5, 256])))
    c.append(("gli altri $2N - 2$ sono negativi", G))
    N, d = 256, 128
    c.append(("*Esempio numerico.* Con $N = 256$", G))
    c.append(("- viste: $2N = 512$", 2 * N == 512))
    mask = ~np.eye(2 * N, dtype=bool)
    negs = mask.sum(1) - 1
    c.append(("- negativi per ancora: $2N - 2 = 510$", negs[0] == 510))
    c.append(("- coppie (ancora, negativo)", negs.sum() == 261120 and 512 * 510 == 261120))
    Z = np.zeros((2 * N, d)); S = Z @ Z.T
    c.append(("- elementi della matrice delle similarità", S.shape == (512, 512) and S.size == 262144))
    c.append(("Ogni elemento $S_{ij} = \\sum_{l=1}^{d}", G))
    c.append(("quindi circa $2d$ FLOP", d + (d - 1) == 2 * d - 1))
    c.append(("\\text{FLOP}(ZZ^\\top) \\approx 2\\,(2N)^2 d = 2 \\cdot 262.144 \\cdot 128 = 67.108.864",
              2 * (2 * N) ** 2 * d == 67108864 and A("6.7", 67108864 / 1e7)))
    c.append(("Sfruttando la simmetria", G))
    W = rng.normal(size=(6, 6))
    c.append(("Nel passo all'indietro servono", fd(lambda Zf: (W * (Zf @ Zf.T)).sum(), lambda Zf: (W + W.T) @ Zf,
                                                    lambda: rng.normal(size=(6, 3)))))
    c.append(("$(2N)\\times(2N)$ per $(2N)\\times d$", (np.zeros((512, 512)) @ np.zeros((512, d))).shape == (512, d)))
    c.append(("In totale, avanti + indietro", 2 * 67108864 == 134217728 and A("1.3", 134217728 / 1e8)))
    K = 65536
    c.append(("In MoCo i negativi vengono da una coda", G))
    c.append(("Con $K = 65.536$, batch $N = 256$", G))
    c.append(("2 \\cdot N \\cdot K \\cdot d = 2 \\cdot 256 \\cdot 65.536 \\cdot 128 = 4.294.967.296",
              2 * N * K * d == 4294967296 and A("4.3", 4294967296 / 1e9)))
    c.append(("circa 64 volte il costo", 4294967296 / 67108864 == 64))
    c.append(("In CLIP, con $N$ coppie immagine–testo", G))
    Nc = 32768
    c.append(("Per $N = 32.768$", Nc - 1 == 32767 and Nc ** 2 == 1073741824 and A("1.07", Nc ** 2 / 1e9)))
    c.append(("**Morale:**", G))
    return c

# ---------------------------------------------------------------- 09
def f09():
    c = []
    tau = 0.7; Kp = 4; d = 3
    def L(q, Km, t=tau):
        a = Km @ q / t; return -a[0] + np.log(np.exp(a).sum())
    K0 = rng.normal(size=(Kp, d)); q0 = rng.normal(size=d)
    c.append(("**Oznaczenia.** Zapytanie", G))
    c.append(("Logity: $a_j=", G))
    c.append(("L(\\mathbf{q},\\mathbf{k}_0,\\dots,\\mathbf{k}_K)=-a_0+\\ln", G))
    La = lambda a: -a[0] + np.log(np.exp(a).sum())
    c.append(("**Krok 1 (względem logitów).**", fd(La, lambda a: softmax(a) - np.eye(len(a))[0], lambda: rng.normal(size=4))))
    gq = lambda q: (softmax(K0 @ q / tau) @ K0 - K0[0]) / tau
    c.append(("\\nabla_{\\mathbf{q}}L=\\sum_{j=0}^{K}\\bigl(\\pi_j-[j=0]\\bigr)", fd(lambda q: L(q, K0), gq, lambda: rng.normal(size=d))
              and fd(lambda q: (K0 @ q / tau)[2], lambda q: K0[2] / tau, lambda: rng.normal(size=d))))
    c.append(("Interpretacja: gradient to różnica", G))
    c.append(("**Krok 2 (względem zapytania).** Ponieważ", fd(lambda q: (K0 @ q / tau)[1], lambda q: K0[1] / tau, lambda: rng.normal(size=d))))
    # descent direction: -grad = (k0 - mean)/tau
    c.append(("Krok spadku gradientu", ident(lambda q: -gq(q), lambda q: (K0[0] - softmax(K0 @ q / tau) @ K0) / tau, lambda: rng.normal(size=d))))
    gK = lambda Km: ((softmax(Km @ q0 / tau) - np.eye(Kp)[0])[:, None] / tau) * q0[None, :]
    c.append(("**Krok 3 (względem kluczy).**", fd(lambda Km: (Km @ q0 / tau)[1], lambda Km: np.eye(Kp)[1][:, None] * q0[None, :] / tau,
                                                  lambda: rng.normal(size=(Kp, d)))))
    c.append(("\\nabla_{\\mathbf{k}_j}L=\\frac{\\pi_j-[j=0]}{\\tau}\\,\\mathbf{q}", fd(lambda Km: L(q0, Km), gK, lambda: rng.normal(size=(Kp, d)))))
    q = np.array([1., 0]); K = np.array([[0.6, 0.8], [0, 1], [-1, 0]]); t = 0.5
    c.append(("**Przykład liczbowy.** $d=2$", G))
    c.append(("$\\mathbf{q}=(1,0)$, $\\mathbf{k}_0", G))
    c.append(("- Iloczyny skalarne", AL(["0.6", "0", "-1"], K @ q) and AL(["1.2", "0", "-2"], K @ q / t)))
    a = K @ q / t
    c.append(("- $e^{a}\\approx(3{,}320;\\ 1;\\ 0{,}135)$", AL(["3.320", "1", "0.135"], np.exp(a)) and A("4.455", np.exp(a).sum())))
    pi = softmax(a)
    c.append(("- $\\pi\\approx(0{,}7452", AL(["0.7452", "0.2244", "0.0304"], pi) and A("0.294", -np.log(pi[0]))))
    m = pi @ K
    c.append(("- Średni klucz", AL(["0.4167", "0.8206"], m)))
    g = (m - K[0]) / t
    c.append(("- $\\nabla_{\\mathbf{q}}L\\approx2\\cdot\\bigl(", AL(["-0.1833", "0.0206"], m - K[0]) and AL(["-0.367", "0.041"], g)
              and np.allclose(g, numgrad(lambda qq: L(qq, K, t), q), atol=1e-6)))
    GK = ((pi - np.eye(3)[0]) / t)[:, None] * q[None, :]
    c.append(("- $\\nabla_{\\mathbf{k}_0}L\\approx2\\,(0{,}7452-1)", AL(["-0.510", "0", "0.449", "0", "0.061", "0"], GK)))
    c.append(("**Sprawdzenie.** Suma gradientów po kluczach", np.allclose(gK(K0).sum(0), 0)))
    c.append(("liczbowo $-0{,}510+0{,}449+0{,}061=0$", abs(-0.510 + 0.449 + 0.061) < 1e-12))
    return c

# ---------------------------------------------------------------- 10
def f10():
    c = []
    E, d = 3, 2
    c.append(("라우터(게이트)는 보통 선형층 하나", G))
    c.append(("\\mathbf{z}=W\\mathbf{x},\\quad W\\in\\mathbb{R}^{E\\times d}", G))
    samp = lambda: rng.normal(size=3)
    Jf = lambda z: np.diag(softmax(z)) - np.outer(softmax(z), softmax(z))
    okJ = all(np.allclose(numgrad_vec(softmax, z), Jf(z), atol=1e-6) for z in [samp() for _ in range(5)])
    c.append(("$i=j$ 일 때 $\\dfrac{\\partial g_i}{\\partial z_i}=g_i-g_i^2", okJ))
    c.append(("J=\\frac{\\partial\\mathbf{g}}{\\partial\\mathbf{z}}=\\mathrm{diag}", okJ))
    c.append(("정답 전문가가 1번이라고 하고", fd(lambda g: -np.log(g[0]), lambda g: np.array([-1 / g[0], 0, 0]),
                                              lambda: np.abs(rng.normal(size=3)) + 0.1)))
    c.append(("\\frac{\\partial L}{\\partial\\mathbf{z}}=J^{\\top}\\frac{\\partial L}{\\partial\\mathbf{g}}=\\mathbf{g}-\\mathbf{e}_1",
              fd(lambda z: -np.log(softmax(z)[0]), lambda z: softmax(z) - np.eye(3)[0], samp)
              and ident(lambda z: Jf(z).T @ np.array([-1 / softmax(z)[0], 0, 0]), lambda z: softmax(z) - np.eye(3)[0], samp)))
    c.append(("(익숙한 \"softmax + cross-entropy", G))
    x0 = rng.normal(size=d)
    c.append(("$z_i=\\sum_{m}W_{im}x_m$ 이므로", fd(lambda W: (W @ x0)[1], lambda W: np.outer(np.eye(E)[1], x0), lambda: rng.normal(size=(E, d)))))
    LW = lambda W: -np.log(softmax(W @ x0)[0])
    claimed = lambda W: np.outer(x0, softmax(W @ x0) - np.eye(E)[0])
    def okW():
        W = rng.normal(size=(E, d)); ng = numgrad(LW, W); cl = claimed(W)
        return cl.shape == ng.shape and np.allclose(cl, ng, atol=1e-6)
    c.append(("\\frac{\\partial L}{\\partial W}=\\mathbf{x}\\left(\\frac{\\partial L}{\\partial\\mathbf{z}}\\right)^{\\top}.", okW()))
    W = np.array([[.5, 0], [0, .5], [-.5, .5]]); x = np.array([2., 1])
    c.append(("$W=\\begin{pmatrix}0.5&0", G))
    z = W @ x
    c.append(("- $\\mathbf{z}=W\\mathbf{x}=(1.0,\\ 0.5,\\ -0.5)", AL(["1.0", "0.5", "-0.5"], z)))
    c.append(("- $e^{\\mathbf z}\\approx(2.7183", AL(["2.7183", "1.6487", "0.6065"], np.exp(z)) and A("4.9735", np.exp(z).sum())))
    g = softmax(z)
    c.append(("- $\\mathbf{g}\\approx(0.5465", AL(["0.5465", "0.3315", "0.1220"], g) and A("0.604", -np.log(g[0]))))
    dz = g - np.eye(3)[0]
    c.append(("- $\\partial L/\\partial\\mathbf{z}=\\mathbf g-\\mathbf e_1", AL(["-0.4535", "0.3315", "0.1220"], dz)))
    c.append(("- 야코비안 대각 원소", AL(["0.248", "0.222", "0.107"], np.diag(Jf(z)))))
    true = numgrad(lambda WW: -np.log(softmax(WW @ x)[0]), W)
    c.append(("\\frac{\\partial L}{\\partial W}\\approx\\begin{pmatrix}-0.907&0.663&0.244",
              true.shape == (2, 3) and AL(["-0.907", "0.663", "0.244", "-0.453", "0.331", "0.122"], true)))
    c.append(("$W$ 와 같은 크기의 행렬이 나왔으니", np.outer(x, dz).shape == W.shape))
    return c

# ---------------------------------------------------------------- 11
def ntx_setup(N, d, tau):
    M = 2 * N
    pos = np.array([i + 1 if i % 2 == 0 else i - 1 for i in range(M)])
    def L_of_z(Z):
        S = Z @ Z.T / tau
        tot = 0.0
        for i in range(M):
            row = np.delete(S[i], i)
            tot += -S[i, pos[i]] + np.log(np.exp(row).sum())
        return tot / M
    def P_of_z(Z):
        S = Z @ Z.T / tau; P = np.zeros((M, M))
        for i in range(M):
            e = np.exp(S[i]); e[i] = 0; P[i] = e / e.sum()
        return P
    return M, pos, L_of_z, P_of_z


def f11():
    c = []
    N, d, tau = 2, 3, 0.6
    M, pos, Lz, Pz = ntx_setup(N, d, tau)
    samp = lambda: rng.normal(size=(M, d))
    c.append(("**Q:** *How do I backprop NT-Xent", G))
    c.append(("**A:** You're probably missing", G))
    c.append(("Setup: $2N$ views", G))
    c.append(("$$\\ell_i = -\\frac{s_{i,j(i)}}{\\tau}", G))
    # own term
    def own(Z, i=0):
        S = Z @ Z.T / tau; row = np.delete(S[i], i); return -S[i, pos[i]] + np.log(np.exp(row).sum())
    def own_grad(Z, i=0):
        P = Pz(Z); g = np.zeros_like(Z)
        g[i] = (P[i] @ Z - Z[pos[i]]) / tau
        return g
    def own_only_i(Z):  # derivative of l_0 wrt z_0 only
        return own(Z)
    ok1 = True
    for _ in range(3):
        Z = samp(); ng = numgrad(own, Z)
        ok1 &= np.allclose(ng[0], own_grad(Z)[0], atol=1e-6)
    c.append(("**Step 1 — gradient w.r.t. $z_i$.**", ok1))
    ok2 = True
    for _ in range(3):
        Z = samp(); a = 2; i = 0
        ng = numgrad(lambda ZZ: own(ZZ, a), Z)[i]
        ok2 &= np.allclose(ng, (Pz(Z)[a, i] - (pos[a] == i)) / tau * Z[a], atol=1e-6)
    c.append(("From every other anchor $a \\neq i$", ok2))
    c.append(("Since $j(a) = i \\iff a = j(i)$", all((pos[a] == i) == (a == pos[i]) for a in range(M) for i in range(M))))
    def full_grad(Z):
        P = Pz(Z); g = np.zeros_like(Z)
        for i in range(M):
            g[i] = ((P[i] + P[:, i]) @ Z - 2 * Z[pos[i]]) / (M * tau)
        return g
    c.append(("\\frac{\\partial L}{\\partial z_i} = \\frac{1}{2N\\tau}\\Big(", fd(Lz, full_grad, samp, trials=3)))
    c.append(("Note the factor $2$ on the positive", G))
    c.append(("**Step 2 — through the normalization.**", G))
    samp_h = lambda: rng.normal(size=3)
    nrm = lambda h: h / np.linalg.norm(h)
    Jn = lambda h: (np.eye(3) - np.outer(h, h) / (h @ h)) / np.linalg.norm(h)
    okJ = all(np.allclose(numgrad_vec(nrm, h), Jn(h), atol=1e-6) and
              np.allclose(Jn(h), (np.eye(3) - np.outer(nrm(h), nrm(h))) / np.linalg.norm(h)) for h in [samp_h() for _ in range(5)])
    c.append(("$$\\frac{\\partial z}{\\partial h} = \\frac{1}{\\|h\\|}\\Big(I", okJ))
    c.append(("which is symmetric, so", all(np.allclose(Jn(h), Jn(h).T) for h in [samp_h() for _ in range(5)])))
    h = np.array([3., 4]); z = h / 5; gz = np.array([1., 0])
    c.append(("**Quick numeric sanity check.** Take $h = (3, 4)$", A("5", np.linalg.norm(h)) and AL(["0.6", "0.8"], z)))
    c.append(("- $z^\\top \\nabla_z L = 0.6$", A("0.6", z @ gz)))
    proj = (np.eye(2) - np.outer(z, z)) @ gz
    c.append(("- $(I - zz^\\top)\\nabla_z L", AL(["0.64", "-0.48"], proj)))
    gh = proj / 5
    c.append(("- $\\nabla_h L = (0.64, -0.48)/5", AL(["0.128", "-0.096"], gh)
              and np.allclose(gh, numgrad(lambda hh: gz @ (hh / np.linalg.norm(hh)), h), atol=1e-7)))
    c.append(("And $h^\\top \\nabla_h L = 3(0.128)", abs(h @ gh) < 1e-12 and A("0.384", 3 * 0.128) and A("0.384", 4 * 0.096)))
    N = 4; M = 2 * N; mask = ~np.eye(M, dtype=bool)
    c.append(("**Size of the problem.**", M == 8 and mask[0].sum() - 1 == 6 and mask.sum() == 56))
    c.append(("If you implement it as `F.cross_entropy", G))
    return c

# ---------------------------------------------------------------- 12
def f12():
    c = []
    c.append(("Shazeer et al. (2017) discourage", G))
    c.append(("\\mathrm{Imp}_i(X) = \\sum_{x\\in X} G_i(x)", G))
    c.append(("L_{\\mathrm{imp}}(X) = w_{\\mathrm{imp}}\\cdot", G))
    c.append(("Throughout, for a vector", G))
    c.append(("$\\bar I = \\frac1n\\sum_{k=1}^n I_k$", G))
    Gm = np.array([[0.7, 0.2, 0.1], [0.6, 0.3, 0.1], [0.5, 0.3, 0.2]])
    c.append(("**Example 11.7.** Three tokens", np.allclose(Gm.sum(1), 1)))
    c.append(("G = \\begin{pmatrix} 0.7 & 0.2 & 0.1", G))
    I = Gm.sum(0); m = I.mean()
    c.append(("Column sums give", AL(["1.8", "0.8", "0.4"], I) and A("1.0", m) and A("3.0", I.sum())))
    c.append(("Deviations: $(0.8,\\ -0.2,\\ -0.6)$", AL(["0.8", "-0.2", "-0.6"], I - m) and AL(["0.64", "0.04", "0.36"], (I - m) ** 2)))
    var = ((I - m) ** 2).mean(); cv2 = var / m ** 2
    c.append(("Hence $\\operatorname{Var} = 1.04/3", A("1.04", ((I - m) ** 2).sum()) and A("0.3467", var) and A("0.3467", cv2)))
    c.append(("With $w_{\\mathrm{imp}} = 0.1$ the penalty", A("0.0347", 0.1 * cv2) and np.var(np.ones(3)) == 0))
    Var = lambda v: ((v - v.mean()) ** 2).mean()
    CV2 = lambda v: Var(v) / v.mean() ** 2
    samp = lambda: rng.uniform(0.5, 2.0, size=4)
    c.append(("First, $\\partial \\bar I/\\partial I_i = 1/n$", fd(lambda v: v.mean(), lambda v: np.full(len(v), 1 / len(v)), samp)))
    c.append(("\\frac{\\partial \\operatorname{Var}}{\\partial I_i} = \\frac{2}{n}(I_i-\\bar I) - \\frac{2}{n}",
              fd(Var, lambda v: 2 / len(v) * (v - v.mean()), samp)))
    c.append(("because the deviations sum to zero", ident(lambda v: (v - v.mean()).sum(), lambda v: 0.0, samp, tol=1e-12)))
    claimed = lambda v: 2 * (v - v.mean()) / (len(v) * v.mean() ** 2) - Var(v) / (len(v) * v.mean() ** 3)
    c.append(("\\frac{\\partial\\,\\mathrm{CV}^2}{\\partial I_i} = \\frac{2(I_i-\\bar I)}{n\\,\\bar I^{\\,2}}", fd(CV2, claimed, samp)))
    true = numgrad(CV2, I)
    c.append(("For Example 11.7 ($n=3$", A("0.1156", 2 * var / 3)))
    c.append(("\\nabla_{I}\\,\\mathrm{CV}^2 \\approx (0.5333-0.1156", AL(["0.418", "-0.249", "-0.516"], true)))
    c.append(("Since $\\mathrm{Imp}_i$ is linear in the gate outputs", G))
    c.append(("e.g. $0.1\\times0.418 \\approx 0.042$", A("0.042", 0.1 * true[0])))
    c.append(("*Remark.* Equal importance", G))
    return c

# ---------------------------------------------------------------- 13
def f13():
    c = []
    S = np.array([[0.9, 0.1, 0.3], [0.2, 0.8, 0.0], [0.4, 0.3, 0.7]]); t = 0.5; N = 3
    c.append(("We hebben een batch van $N=3$", G))
    c.append(("$S_{ij}=\\langle u_i, v_j\\rangle$ staan", G))
    c.append(("Voor anker $i$ zijn de $N-1=2$", N - 1 == 2))
    c.append(("S=\\begin{pmatrix}0{,}9 & 0{,}1", G))
    c.append(("\\mathcal{L}=\\frac1N\\sum_{i=1}^{N}\\ell_i", G))
    A_ = S / t
    c.append(("**Stap 1: logits.**", AL(["1.8", "0.2", "0.6", "0.4", "1.6", "0", "0.8", "0.6", "1.4"], A_)))
    E = np.exp(A_)
    c.append(("- rij 1: $e^{1{,}8}", AL(["6.050", "1.221", "1.822"], E[0]) and A("9.093", E[0].sum())))
    c.append(("- rij 2: $e^{0{,}4}", AL(["1.492", "4.953", "1"], E[1]) and A("7.445", E[1].sum())))
    c.append(("- rij 3: $e^{0{,}8}", AL(["2.226", "1.822", "4.055"], E[2]) and A("8.103", E[2].sum())))
    P = E / E.sum(1, keepdims=True)
    c.append(("P\\approx\\begin{pmatrix}0{,}6653", AL(["0.6653", "0.1343", "0.2004", "0.2004", "0.6653", "0.1343", "0.2747", "0.2249", "0.5005"], P)))
    c.append(("(Rij 2 is een permutatie van rij 1", sorted(A_[1]) == sorted(np.round(A_[0] - 0.2, 12)) and np.allclose(sorted(P[0]), sorted(P[1]))))
    l = -np.log(np.diag(P))
    c.append(("**Stap 4: verlies.**", AL(["0.4075", "0.4075", "0.6922"], l)))
    c.append(("$\\mathcal{L}\\approx(0{,}4075+0{,}4075+0{,}6922)/3", A("0.502", l.mean())))
    c.append(("**Stap 5: gradiënt naar $S$.**", G))
    def Lf(SS):
        PP = np.exp(SS / t); PP /= PP.sum(1, keepdims=True); return -np.log(np.diag(PP)).mean()
    ng = numgrad(Lf, S)
    c.append(("\\frac{\\partial\\mathcal{L}}{\\partial S_{ij}}=\\frac{P_{ij}-\\delta_{ij}}{\\tau}.",
              fd(Lf, lambda SS: (np.exp(SS / t) / np.exp(SS / t).sum(1, keepdims=True) - np.eye(3)) / t, lambda: rng.normal(size=(3, 3)))))
    c.append(("Voor rij 1 levert dat", AL(["-0.669", "0.269", "0.401"], ng[0]) and AL(["0.549", "0.450", "-0.999"], ng[2])))
    c.append(("**Controle.** Elke rij van de gradiënt", np.allclose(ng.sum(1), 0, atol=1e-8) and abs(-0.669 + 0.269 + 0.401) <= 0.0015))
    c.append(("**Stap 6: tellen.**", S.size == 9 and np.trace(np.ones((3, 3))) == 3 and (~np.eye(3, dtype=bool)).sum() == 6))
    c.append(("Met een symmetrisch (CLIP-achtig)", G))
    return c

# ---------------------------------------------------------------- 14
def f14():
    c = []
    c.append(("Üç uzmanlı bir MoE katmanı", G))
    c.append(("$g_i = \\mathrm{softmax}(\\mathbf{h})_i$, uzman", G))
    c.append(("y = \\sum_{i=1}^{3} g_i\\, e_i, \\qquad \\mathcal{L} = \\tfrac12", G))
    e0 = rng.normal(size=3); t0 = 0.3
    yf = lambda h: softmax(h) @ e0
    Lf = lambda h: 0.5 * (yf(h) - t0) ** 2
    samp = lambda: rng.normal(size=3)
    c.append(("**a) Sembolik türev.** Zincir kuralı", ident(lambda h: numgrad(Lf, h), lambda h: (yf(h) - t0) * numgrad(yf, h), samp, tol=1e-6)))
    c.append(("Softmax türevi $\\dfrac{\\partial g_i}{\\partial h_j}", all(np.allclose(numgrad_vec(softmax, h), np.diag(softmax(h)) - np.outer(softmax(h), softmax(h)), atol=1e-6) for h in [samp() for _ in range(4)])))
    c.append(("\\frac{\\partial y}{\\partial h_j} = \\sum_i e_i\\, g_i(\\delta_{ij} - g_j) = g_j\\,(e_j - y)", fd(yf, lambda h: softmax(h) * (e0 - yf(h)), samp)))
    c.append(("\\frac{\\partial \\mathcal{L}}{\\partial h_j} = (y - t)\\, g_j\\, (e_j - y).", fd(Lf, lambda h: (yf(h) - t0) * softmax(h) * (e0 - yf(h)), samp)))
    h0 = rng.normal(size=3)
    c.append(("Uzman çıktılarına göre ise doğrudan", fd(lambda e: 0.5 * (softmax(h0) @ e - t0) ** 2, lambda e: (softmax(h0) @ e - t0) * softmax(h0), samp)))
    h = np.array([0.5, -0.2, 0.1]); e = np.array([1.5, 0.5, -1.0]); t = 1.0
    c.append(("**b) Sayısal örnek.**", G))
    c.append(("1. Üstel değerler", AL(["1.64872", "0.81873", "1.10517"], np.exp(h))))
    c.append(("2. Toplam: $Z \\approx 3{,}57262$", A("3.57262", np.exp(h).sum())))
    g = softmax(h)
    c.append(("3. Kapı ağırlıkları", AL(["0.46149", "0.22917", "0.30934"], g)))
    y = g @ e
    c.append(("4. Çıktı: $y = 1{,}5\\, g_1", A("0.49747", y)))
    c.append(("5. Kayıp: $y - t \\approx -0{,}50253$", A("-0.50253", y - t) and A("0.1263", 0.5 * (y - t) ** 2)))
    c.append(("6. $\\mathbf{e} - y \\approx", AL(["1.00253", "0.00253", "-1.49747"], e - y) and AL(["0.4627", "0.0006", "-0.4632"], g * (e - y))))
    gr = (y - t) * g * (e - y)
    c.append(("7. Gradyan", AL(["-0.2325", "-0.0003", "0.2328"], gr) and np.allclose(gr, numgrad(lambda hh: 0.5 * (softmax(hh) @ e - t) ** 2, h), atol=1e-7)))
    c.append(("**Kontrol:** Bileşenlerin toplamı", abs(-0.2325 - 0.0003 + 0.2328) < 1e-12 and abs(gr.sum()) < 1e-12))
    c.append(("$\\sum_j g_j (e_j - y) = y - y \\sum_j g_j = 0$", ident(lambda hh: softmax(hh) @ (e0 - yf(hh)), lambda hh: 0.0, samp, tol=1e-12)
              and abs(Lf(h0 + 0.7) - Lf(h0)) < 1e-12))
    c.append(("**Yorum:** Gradyan inişi $h_1$'i artırır", -gr[0] > 0 and -gr[2] < 0 and y < t))
    c.append(("olduğundan ($e_2 - y \\approx 0{,}00253$)", A("0.00253", e[1] - y)))
    return c

# ---------------------------------------------------------------- 15
def f15():
    c = []
    def ell(s, tau): return -np.log(softmax(s / tau)[0])
    c.append(("**Problem 3 (learnable temperature).**", G))
    s0 = rng.normal(size=4)
    c.append(("**(a)** Rewrite", ident(lambda tau: ell(s0, tau[0]), lambda tau: -s0[0] / tau[0] + np.log(np.exp(s0 / tau[0]).sum()),
                                     lambda: rng.uniform(0.2, 2, size=1)) and fd(lambda tau: 1 / tau[0], lambda tau: np.array([-1 / tau[0] ** 2]), lambda: rng.uniform(0.2, 2, size=1))))
    dl = lambda tau: np.array([(s0[0] - softmax(s0 / tau[0]) @ s0) / tau[0] ** 2])
    c.append(("\\frac{d\\ell}{d\\tau} = \\frac{s_+}{\\tau^2} + \\frac{\\sum_j e^{s_j/\\tau}",
              fd(lambda tau: ell(s0, tau[0]), dl, lambda: rng.uniform(0.2, 2, size=1))
              and ident(lambda tau: s0[0] / tau ** 2 + (np.exp(s0 / tau) @ (-s0 / tau ** 2)) / np.exp(s0 / tau).sum(),
                        lambda tau: (s0[0] - softmax(s0 / tau) @ s0) / tau ** 2, lambda: rng.uniform(0.2, 2))))
    c.append(("with $p_j = e^{s_j/\\tau}/\\sum_m", G))
    ok = True
    for _ in range(20):
        s = rng.normal(size=4); s[0] = s.max() + 0.1; tau = rng.uniform(0.1, 2)
        ok &= dl([tau])[0] * 0 + (s[0] - softmax(s / tau) @ s) >= 0
    c.append(("**(b) Sign.**", bool(ok)))
    s = np.array([0.9, 0.7, 0.1]); tau = 0.5
    c.append(("**(c) Numbers.**", G))
    p = softmax(s / tau)
    c.append(("- logits $s/\\tau = (1.8, 1.4, 0.2)$", AL(["1.8", "1.4", "0.2"], s / tau) and AL(["0.5341", "0.3580", "0.1078"], p)))
    sb = p @ s
    c.append(("- $\\bar s \\approx 0.9(0.5341)", AL(["0.4807", "0.2506", "0.0108"], p * s) and A("0.7421", sb)))
    c.append(("- $s_+ - \\bar s \\approx 0.9 - 0.7421", A("0.1579", s[0] - sb)))
    c.append(("- $\\ell'(0.5) \\approx 0.1579 / 0.25", A("0.632", (s[0] - sb) / tau ** 2)))
    c.append(("Sanity check with a finite difference", A("0.63336", ell(s, 0.51)) and A("0.62073", ell(s, 0.49))
              and A("0.6315", (0.63336 - 0.62073) / 0.02) and abs((ell(s, 0.51) - ell(s, 0.49)) / 0.02 - 0.632) < 1e-3))
    c.append(("**(d) CLIP parametrization.** With $\\tau = e^{-t}$", fd(lambda tt: np.exp(-tt[0]), lambda tt: np.array([-np.exp(-tt[0])]), lambda: rng.normal(size=1))))
    c.append(("\\frac{d\\ell}{dt} = \\frac{d\\ell}{d\\tau}\\cdot\\frac{d\\tau}{dt}",
              fd(lambda tt: ell(s0, np.exp(-tt[0])), lambda tt: np.array([-(s0[0] - softmax(s0 * np.exp(tt[0])) @ s0) * np.exp(tt[0])]), lambda: rng.uniform(-1, 1, size=1))))
    c.append(("Here $t = \\log(1/\\tau) = \\log 2", A("0.693", np.log(1 / tau)) and A("-0.316", -(s[0] - sb) / tau)))
    c.append(("**(e)** Note that", A("400", 1 / 0.05 ** 2) and A("4", 1 / 0.5 ** 2)))
    return c

# ---------------------------------------------------------------- 16
def f16():
    c = []
    c.append(("Với batch gồm $N$ ảnh", all((~np.eye(2 * n, dtype=bool))[0].sum() == 2 * n - 1 for n in [3, 7])))
    c.append(("(bỏ chính $i$), trong đó một số hạng", G))
    N = 512
    c.append(("Ví dụ: $N = 512$", 2 * N == 1024 and (~np.eye(2 * N, dtype=bool))[0].sum() - 1 == 1022))
    T, d, dff, E, k, cf = 2048, 512, 2048, 8, 2, 1.25
    c.append(("Cho lớp MoE với $T = 2048$", G))
    c.append(("hệ số dung lượng $c_f = 1{,}25$", (np.zeros((T, d)) @ np.zeros((d, E))).shape == (T, E)))
    c.append(("\\text{FLOP}_{\\text{router}} = 2\\,T\\,d\\,E", 2 * T * d * E == 16777216 and A("1.68", 16777216 / 1e7)))
    c.append(("Mỗi chuyên gia là FFN hai lớp", G))
    c.append(("\\text{FLOP}_{\\text{1 chuyên gia / token}}", 2 * (2 * d * dff) == 4 * d * dff == 4194304))
    c.append(("Mỗi token đi qua $k = 2$ chuyên gia", k * 4194304 == 8388608))
    c.append(("$$T \\cdot k \\cdot 4 d\\, d_{ff} = 2048", T * k * 4 * d * dff == 17179869184 and A("1.72", 17179869184 / 1e10)))
    c.append(("Nếu chạy *tất cả* $E = 8$", E / k == 4 and A("6.87", T * E * 4 * d * dff / 1e10)))
    c.append(("trong khi số tham số là như nhau", A("0.1", 100 * 16777216 / 17179869184)))
    c.append(("Mỗi token được gửi tới $k$ chuyên gia", T * k == 4096))
    c.append(("Dung lượng mỗi chuyên gia được đặt bằng", G))
    C = cf * T * k / E
    c.append(("$$C = 1{,}25 \\cdot 2048 / 8 = 320 .$$", C == 320))
    c.append(("Tổng số chỗ trống trên tất cả chuyên gia", E * C == 2560))
    c.append(("Khi một chuyên gia nhận nhiều hơn $C$ token", G))
    return c


FILES = {
    "01_infonce_gradient_de.md": f01, "02_ntxent_exemple_fr.md": f02, "03_temperatura_es.md": f03,
    "04_kosinus_gradient_ru.md": f04, "05_moe_softmax_gate_zh.md": f05, "06_topk_routing_ja.md": f06,
    "07_balanceamento_carga_pt.md": f07, "08_negativi_flop_it.md": f08, "09_infonce_osadzenia_pl.md": f09,
    "10_gate_jacobian_ko.md": f10, "11_ntxent_backprop_en.md": f11, "12_importance_loss_en.md": f12,
    "13_infonce_batch_nl.md": f13, "14_kapi_gradyani_tr.md": f14, "15_temperature_derivative_en.md": f15,
    "16_dem_flop_vi.md": f16,
}


def main():
    expected = json.load(open(os.path.join(HERE, "expected.json"), encoding="utf-8"))
    bad = 0
    for fn, chk in FILES.items():
        lines = open(os.path.join(HERE, fn), encoding="utf-8").read().split("\n")
        first = None; failed = []
        for sub, ok in chk():
            hits = [i + 1 for i, l in enumerate(lines) if sub in l]
            if len(hits) != 1:
                print(f"  [{fn}] substring matched {len(hits)} lines: {sub!r}"); bad += 1; continue
            if not ok:
                failed.append(hits[0])
        first = min(failed) if failed else None
        exp = expected.get(fn, "MISSING")
        status = "OK" if first == exp else "MISMATCH"
        if status != "OK":
            bad += 1
        print(f"{status:8s} {fn}: first failing line {first}, expected {exp}; failing lines {sorted(set(failed))}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
