"""Independent truth check for the optimizer corpus.

For every file, each mathematical claim is located by a unique substring of its line,
recomputed with NumPy, and compared.  The first failing line must equal expected.json.
"""
import json
import math
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(0)


class File:
    def __init__(self, name):
        self.name = name
        with open(os.path.join(HERE, name), encoding="utf-8") as fh:
            self.lines = fh.read().split("\n")
        self.results = []  # (lineno, ok, description)

    def line(self, sub):
        hits = [i + 1 for i, l in enumerate(self.lines) if sub in l]
        if len(hits) != 1:
            raise AssertionError(f"{self.name}: substring {sub!r} matches lines {hits}")
        return hits[0]

    def claim(self, sub, snippet, claimed, truth, tol=1e-9):
        """The line containing `sub` states `snippet`, i.e. the value(s) `claimed`;
        they must agree with `truth` within `tol`."""
        n = self.line(sub)
        if snippet is not None and snippet not in self.lines[n - 1]:
            raise AssertionError(f"{self.name}:{n}: snippet {snippet!r} not on line")
        c = np.atleast_1d(np.asarray(claimed, dtype=float))
        t = np.atleast_1d(np.asarray(truth, dtype=float))
        ok = c.shape == t.shape and bool(np.all(np.abs(c - t) <= tol))
        self.results.append((n, ok, f"{snippet}: claimed {c}, truth {t}"))

    def check(self, sub, ok, desc=""):
        n = self.line(sub)
        self.results.append((n, bool(ok), desc))

    def first_fail(self):
        bad = sorted(n for n, ok, _ in self.results if not ok)
        return bad[0] if bad else None


def fd_grad(f, x, h=1e-6):
    x = np.asarray(x, dtype=float)
    g = np.zeros_like(x)
    for i in range(x.size):
        e = np.zeros_like(x)
        e[i] = h
        g[i] = (f(x + e) - f(x - e)) / (2 * h)
    return g


# ---------------------------------------------------------------------------
def f01():
    F = File("01_sgd_momentum_de.md")
    f = lambda w: w[0] ** 2 + 3 * w[1] ** 2
    ok = all(np.allclose(fd_grad(f, p), [2 * p[0], 6 * p[1]], atol=1e-5)
             for p in rng.normal(size=(5, 2)))
    F.check(r"\begin{pmatrix} 2x \\ 6y \end{pmatrix}", ok, "gradient")
    w = np.array([1.0, 1.0]); v = np.zeros(2); eta, b = 0.1, 0.9
    gs, vs, ws = [], [], [w.copy()]
    for _ in range(3):
        g = np.array([2 * w[0], 6 * w[1]]); v = b * v + g; w = w - eta * v
        gs.append(g); vs.append(v.copy()); ws.append(w.copy())
    F.claim(r"Schritt 1: $\nabla f(w_0)", r"(2,\; 6)", [2, 6], gs[0])
    F.claim(r"v_1 = 0{,}9 \cdot 0 +", r"= \begin{pmatrix} 2 \\ 6 \end{pmatrix},", [2, 6], vs[0])
    F.claim(r"w_1 = \begin{pmatrix} 1 \\ 1", r"\begin{pmatrix} 0{,}8 \\ 0{,}4 \end{pmatrix}.", [0.8, 0.4], ws[1])
    F.claim(r"Schritt 2: $\nabla f(w_1)", r"(1{,}6;\; 2{,}4)", [1.6, 2.4], gs[1])
    F.claim(r"v_2 = 0{,}9", r"\begin{pmatrix} 3{,}4 \\ 7{,}8 \end{pmatrix},", [3.4, 7.8], vs[1])
    F.claim(r"w_2 = \begin{pmatrix} 0{,}8", r"\begin{pmatrix} 0{,}46 \\ -0{,}38 \end{pmatrix}.", [0.46, -0.38], ws[2])
    F.claim(r"Schritt 3: $\nabla f(w_2)", r"(0{,}92;\; -2{,}28)", [0.92, -2.28], gs[2])
    F.claim(r"v_3 = 0{,}9", r"\begin{pmatrix} 3{,}98 \\ 4{,}74 \end{pmatrix},", [3.98, 4.74], vs[2])
    F.claim(r"w_3 = \begin{pmatrix} 0{,}46", r"\begin{pmatrix} 0{,}062 \\ -0{,}854 \end{pmatrix}.", [0.062, -0.854], ws[3])
    F.claim(r"f(w_0) &= 1 + 3 = 4", "= 4", 4, f(ws[0]))
    F.claim(r"f(w_1) &=", "0{,}64 + 3 \\cdot 0{,}16 = 1{,}12", [0.64, 0.16, 1.12], [ws[1][0]**2, ws[1][1]**2, f(ws[1])])
    F.claim(r"f(w_2) &=", "0{,}2116 + 3 \\cdot 0{,}1444 = 0{,}6448", [0.2116, 0.1444, 0.6448], [ws[2][0]**2, ws[2][1]**2, f(ws[2])])
    F.claim(r"f(w_3) &=", "0{,}003844 + 3 \\cdot 0{,}729316 = 2{,}191792", [0.003844, 0.729316, 2.191792], [ws[3][0]**2, ws[3][1]**2, f(ws[3])])
    F.claim(r"Krümmung $6$", r"\eta \cdot 6 = 0{,}6", 0.6, 0.1 * 6)
    F.check(r"von $0{,}4$ über", f(ws[3]) > f(ws[2]), "loss increases in step 3")
    return F


def f02():
    F = File("02_nesterov_fr.md")
    d = lambda w: 4 * w
    ok = all(abs((2 * (x + 1e-6) ** 2 - 2 * (x - 1e-6) ** 2) / 2e-6 - d(x)) < 1e-5 for x in rng.normal(size=5))
    F.check(r"$f(w) = 2w^2$, donc $f'(w) = 4w$", ok)
    w, v, eta, mu = 2.0, 0.0, 0.1, 0.9
    # iteration 1
    look = w + mu * v; g = d(look); v = mu * v - eta * g; w = w + v
    F.claim(r"f'(\tilde w_0) = 8$, et", r"f'(\tilde w_0) = 8", 8, g)
    F.claim(r"v_1 = 0{,}9 \cdot 0", "= -0{,}8, \\qquad w_1 = 2 - 0{,}8 = 1{,}2", [-0.8, 1.2], [v, w])
    # iteration 2
    look = w + mu * v
    F.claim(r"\tilde w_1 = 1{,}2", "= 1{,}2 - 0{,}72 = 0{,}48", [0.72, 0.48], [mu * v * -1, look])
    g = d(look)
    F.claim(r"d'où $f'(\tilde w_1)", "= 1{,}92", 1.92, g)
    v_new = mu * v - eta * g
    F.claim(r"v_2 = 0{,}9\cdot(-0{,}8)", "= -0{,}72 - 0{,}192 = -0{,}912", [-0.72, -0.192, -0.912], [mu * v, -eta * g, v_new])
    v = v_new; w = w + v
    F.claim(r"\qquad w_2 = 1{,}2 - 0{,}912", "= 0{,}288", 0.288, w)
    # iteration 3
    look = w + mu * v
    F.claim(r"\tilde w_2 = 0{,}288", "= 0{,}288 - 0{,}8208 = -0{,}5328", [-0.8208, -0.5328], [mu * v, look])
    g = d(look)
    F.claim(r"donc $f'(\tilde w_2)", "= -2{,}1312", -2.1312, g)
    v_new = mu * v - eta * g
    F.claim(r"v_3 = 0{,}9\cdot(-0{,}912)", "= -0{,}8208 - 0{,}21312 = -1{,}03392",
            [-0.8208, -0.21312, -1.03392], [mu * v, -eta * g, v_new])
    v = v_new; w = w + v
    F.claim(r"w_3 = w_2 + v_3", "= -0{,}74592", -0.74592, w)
    F.claim(r"f'(w_2) = 4 \cdot 0{,}288", "= 1{,}152", 1.152, d(0.288))
    return F


def f03():
    F = File("03_adam_momentos_es.md")
    gs = [0.5, -0.2, 0.3]; b1, b2, eta, eps = 0.9, 0.999, 0.01, 1e-8
    m = s = 0.0; th = 1.0; hist = []
    for t, g in enumerate(gs, 1):
        m = b1 * m + (1 - b1) * g; s = b2 * s + (1 - b2) * g * g
        mh = m / (1 - b1 ** t); sh = s / (1 - b2 ** t)
        step = eta * mh / (math.sqrt(sh) + eps); th -= step
        hist.append((m, s, mh, sh, step, th))
    m, s, mh, sh, step, th = hist[0]
    F.claim(r"$m_1 = 0{,}1 \cdot 0{,}5", "= 0{,}05$ y $v_1 = 0{,}001 \\cdot 0{,}25 = 0{,}00025$", [0.05, 0.00025], [m, s])
    F.claim(r"Corrección de sesgo: $\hat m_1", "= 0{,}5$ y", [0.5, 0.25], [mh, sh])
    F.claim(r"\theta_1 = 1 - 0{,}01 \cdot", "= 1 - 0{,}01 \\cdot 1 = 0{,}99", [1.0, 0.99], [mh / math.sqrt(sh), th], tol=1e-7)
    F.check(r"$\hat m_1/\sqrt{\hat v_1} = g_1/|g_1| = 1$", abs(mh / math.sqrt(sh) - 1) < 1e-12)
    m, s, mh, sh, step, th = hist[1]
    F.claim(r"m_2 &= 0{,}9 \cdot 0{,}05", "= 0{,}045 - 0{,}02 = 0{,}025", [0.045, -0.02, 0.025], [0.9 * 0.05, 0.1 * -0.2, m])
    F.claim(r"v_2 &= 0{,}999 \cdot 0{,}00025", "= 0{,}00024975 + 0{,}00004 = 0{,}00028975",
            [0.00024975, 0.00004, 0.00028975], [0.999 * 0.00025, 0.001 * 0.04, s])
    F.claim(r"\hat m_2 &= \frac{0{,}025}{1 - 0{,}81}", r"\approx 0{,}131579", [0.81, 0.19, 0.131579], [b1 ** 2, 1 - b1 ** 2, mh], tol=5e-7)
    F.claim(r"\hat v_2 &= \frac{0{,}00028975}", r"\approx 0{,}144947", [0.998001, 0.001999, 0.144947], [b2 ** 2, 1 - b2 ** 2, sh], tol=5e-7)
    F.claim(r"Como $\sqrt{0{,}144947}", r"\approx 0{,}380719", 0.380719, math.sqrt(sh), tol=1e-6)
    F.claim(r"$0{,}01 \cdot 0{,}131579 / 0{,}380719", r"\approx 0{,}003456", 0.003456, step, tol=5e-7)
    F.claim(r"$\theta_2 \approx 0{,}99 - 0{,}003456", "= 0{,}986544", 0.986544, th, tol=1e-6)
    F.check("el primer momento todavía es positivo", m > 0)
    m, s, mh, sh, step, th = hist[2]
    F.claim(r"m_3 &= 0{,}9 \cdot 0{,}025", "= 0{,}0225 + 0{,}03 = 0{,}0525", [0.0225, 0.03, 0.0525], [0.9 * 0.025, 0.03, m])
    F.claim(r"v_3 &= 0{,}999 \cdot 0{,}00028975", r"\approx 0{,}00037946", 0.00037946, s, tol=5e-9)
    F.claim(r"\hat m_3 &= \frac{0{,}0525}{1-0{,}729}", r"\approx 0{,}193727", [0.729, 0.271, 0.193727], [b1 ** 3, 1 - b1 ** 3, mh], tol=5e-7)
    F.claim(r"\hat v_3 &\approx \frac{0{,}00037946}", r"\approx 0{,}126613", [0.002997, 0.126613], [1 - b2 ** 3, sh], tol=5e-7)
    F.claim(r"Con $\sqrt{\hat v_3}", r"\approx 0{,}005444", [0.355828, 0.005444], [math.sqrt(sh), step], tol=5e-7)
    F.claim(r"$\theta_3 \approx 0{,}986544 - 0{,}005444", "= 0{,}981100", 0.981100, th, tol=1e-6)
    F.claim(r"**Respuesta:**", r"\theta_3 \approx 0{,}981100", [0.99, 0.986544, 0.981100], [h[5] for h in hist], tol=1e-6)
    return F


def f04():
    F = File("04_correcao_vies_adam_pt.md")
    b1 = 0.9
    # unrolled recurrence at random gradients
    g = rng.normal(size=6); m = 0.0
    for gi in g:
        m = b1 * m + (1 - b1) * gi
    unrolled = (1 - b1) * sum(b1 ** (6 - i) * g[i - 1] for i in range(1, 7))
    F.check(r"m_t = (1-\beta_1)\sum_{i=1}^{t} \beta_1^{\,t-i}\, g_i", abs(m - unrolled) < 1e-12)
    t = 7
    lhs = (1 - b1) * sum(b1 ** (t - i) for i in range(1, t + 1))
    F.check(r"= \mathbb{E}[g]\,(1-\beta_1)\,\frac{1-\beta_1^{t}}{1-\beta_1}", abs(lhs - (1 - b1 ** t)) < 1e-12)
    gc, b2 = 2.0, 0.999
    m1 = (1 - b1) * gc; v1 = (1 - b2) * gc ** 2
    F.claim(r"m_1 = 0{,}1 \cdot 2 = 0{,}2", "v_1 = 0{,}001 \\cdot 4 = 0{,}004", [0.2, 0.004], [m1, v1])
    F.claim("Sem correção, a razão do Adam seria", r"\approx 3{,}1623", 3.1623, m1 / math.sqrt(v1), tol=5e-5)
    F.claim(r"$\hat m_1 = 0{,}2/0{,}1 = 2$ e", "= 2$ e", [2, 4], [m1 / (1 - b1), v1 / (1 - b2)], tol=1e-12)
    F.claim(r"$\hat m_1 = 0{,}2/0{,}1 = 2$ e", r"logo $\hat m_1/\sqrt{\hat v_1} = 1$", 1, (m1 / (1 - b1)) / math.sqrt(v1 / (1 - b2)))
    m2 = b1 * m1 + (1 - b1) * gc; v2 = b2 * v1 + (1 - b2) * gc ** 2
    F.claim(r"m_2 &= 0{,}9 \cdot 0{,}2", "= 0{,}18 + 0{,}2 = 0{,}38", [0.18, 0.2, 0.38], [b1 * m1, (1 - b1) * gc, m2])
    F.claim(r"v_2 &= 0{,}999 \cdot 0{,}004", "= 0{,}003996 + 0{,}002 = 0{,}005996",
            [0.003996, 0.002, 0.005996], [b2 * v1, (1 - b2) * gc ** 2, v2])
    F.claim(r"\hat m_2 = \frac{0{,}38}{1-0{,}81}", "= 2,", 2, m2 / (1 - b1 ** 2), tol=1e-12)
    F.claim(r"\hat v_2 = \frac{0{,}005996}", r"\approx 2{,}9995", 2.9995, v2 / (1 - b2 ** 2), tol=5e-5)
    mh2 = m2 / (1 - b1 ** 2); vh2 = v2 / (1 - b2 ** 2)
    F.claim(r"Então $\sqrt{\hat v_2}", r"\approx 1{,}1548", [1.7319, 1.1548], [math.sqrt(vh2), mh2 / math.sqrt(vh2)], tol=5e-5)
    F.claim(r"Sem correção teríamos", r"\approx 4{,}9074", 4.9074, m2 / math.sqrt(v2), tol=5e-5)
    F.claim(r"ampliado por $(1-\beta_1)/\sqrt{1-\beta_2}", r"\approx 3{,}16", 3.16, (1 - b1) / math.sqrt(1 - b2), tol=5e-3)
    return F


def f05():
    F = File("05_rmsprop_it.md")
    f = lambda w: w[0] ** 2 + 10 * w[1] ** 2
    ok = all(np.allclose(fd_grad(f, p), [2 * p[0], 20 * p[1]], atol=1e-4) for p in rng.normal(size=(5, 2)))
    F.check(r"Il gradiente è $\nabla f(x,y) = (2x,\; 20y)$", ok)
    w = np.array([1.0, 1.0]); s = np.zeros(2); eta, rho = 0.01, 0.9
    H = []
    for _ in range(3):
        g = np.array([2 * w[0], 20 * w[1]]); s = rho * s + (1 - rho) * g ** 2
        r = g / np.sqrt(s); w = w - eta * r; H.append((g, s, r, w.copy()))
    g, s, r, w1 = H[0]
    F.claim(r"**Passo 1.** $g_1 = (2,\; 20)$", r"g_1^2 = (4,\; 400)", [2, 20, 4, 400], np.r_[g, g ** 2])
    F.claim(r"s_1 = 0{,}1 \cdot (4,\; 400)", r"\approx (0{,}632456;\; 6{,}324555)", [0.4, 40, 0.632456, 6.324555], np.r_[s, np.sqrt(s)], tol=1e-6)
    F.claim(r"Il rapporto $g_1/\sqrt{s_1}$", r"20/6{,}324555 \approx 3{,}162278", [3.162278, 3.162278], r, tol=1e-6)
    x = rng.normal(size=5)
    F.check(r"\frac{g_1}{\sqrt{(1-\rho)\,g_1^2}}", np.allclose(x / np.sqrt(0.1 * x ** 2), np.sign(x) / np.sqrt(0.1)))
    F.claim(r"Dunque $w_1 = (1,1)", r"\approx (0{,}968377;\; 0{,}968377)", [0.968377, 0.968377], w1, tol=1e-6)
    g, s, r, w2 = H[1]
    F.claim(r"**Passo 2.** $g_2 = ", r"\approx (1{,}936754;\; 19{,}367544)", [1.936754, 19.367544], g, tol=1e-5)
    F.claim(r"s_2 &= 0{,}9\cdot(0{,}4;\; 40)", r"(3{,}751018;\; 375{,}101779)", [3.751018, 375.101779], g ** 2, tol=1e-5)
    F.claim(r"&\approx (0{,}735102;\; 73{,}510178)", "(0{,}735102;\\; 73{,}510178)", [0.735102, 73.510178], s, tol=1e-5)
    F.claim(r"con $\sqrt{s_2}", r"\approx (0{,}857381;\; 8{,}573808)", [0.857381, 8.573808], np.sqrt(s), tol=1e-6)
    F.claim(r"coordinate: $1{,}936754/0{,}857381", r"\approx 2{,}258920", [2.258920, 2.258920], r, tol=1e-5)
    F.claim(r"$w_2 \approx 0{,}968377 - 0{,}022589", "= 0{,}945788", [0.022589, 0.945788, 0.945788], np.r_[eta * r[0], w2], tol=1e-6)
    x = rng.uniform(0.5, 2, size=5); sx = rng.uniform(0.5, 2, size=5)
    F.check(r"\frac{g_y}{\sqrt{s_y}} = \frac{10\, g_x}", np.allclose(10 * x / np.sqrt(100 * sx), x / np.sqrt(sx)))
    F.claim(r"al terzo passo ottengo", r"(0{,}927053;\; 0{,}927053)", [0.927053, 0.927053], H[2][3], tol=1e-6)
    return F


def f06():
    F = File("06_adagrad_ru.md")
    w, G = 0.0, 0.0; H = []
    for _ in range(3):
        g = 2 * (w - 3); G += g * g; step = -g / math.sqrt(G); w += step; H.append((g, G, step, w))
    F.claim(r"**Шаг 1.** $g_1 = 2(0-3)", r"\sqrt{G_1} = 6", [-6, 36, 6], [H[0][0], H[0][1], math.sqrt(H[0][1])])
    F.claim(r"w_1 = 0 - \frac{1}{6}", "= 1 .", 1, H[0][3])
    F.claim(r"**Шаг 2.** $g_2 = 2(1-3)", r"G_2 = 36 + 16 = 52", [-4, 16, 52], [H[1][0], H[1][0] ** 2, H[1][1]])
    F.claim(r"$\sqrt{52} \approx", r"7{,}21110", 7.21110, math.sqrt(52), tol=1e-5)
    F.claim(r"w_2 = 1 + \frac{4}{7{,}21110}", r"\approx 1 + 0{,}55470 = 1{,}55470", [0.55470, 1.55470], [H[1][2], H[1][3]], tol=1e-5)
    F.claim(r"**Шаг 3.** $g_3 = 2(1{,}55470 - 3)", r"g_3^2 \approx 8{,}35557", [-2.89060, 8.35557], [H[2][0], H[2][0] ** 2], tol=2e-5)
    F.claim(r"G_3 \approx 52 + 8{,}35557", r"\sqrt{G_3} \approx 7{,}76888", [60.35557, 7.76888], [H[2][1], math.sqrt(H[2][1])], tol=2e-5)
    F.claim(r"\frac{2{,}89060}{7{,}76888}", r"\approx 0{,}32707,", 0.32707, 2.89060 / 7.76888, tol=1e-5)
    F.claim(r"w_3 \approx 1{,}55470 + 0{,}32707", "= 1{,}88177", 1.88177, H[2][3], tol=1e-5)
    F.claim("| 1 | 36 | 0,16667 |", "0,16667", 0.16667, 1 / 6, tol=1e-5)
    F.claim("| 2 | 52 | 0,13868 |", "0,13868", 0.13868, 1 / math.sqrt(52), tol=1e-5)
    F.claim("| 3 | 60,35557 | 0,12872 |", "0,12872", [60.35557, 0.12872], [H[2][1], 1 / math.sqrt(H[2][1])], tol=2e-5)
    return F


def f07():
    F = File("07_adamw_weight_decay_zh.md")
    lam = 0.37
    Lf = lambda w: np.sum(np.sin(w))
    Lt = lambda w: Lf(w) + lam / 2 * np.sum(w ** 2)
    p = rng.normal(size=3)
    F.check(r"其梯度为 $\nabla \tilde L(w) = \nabla L(w) + \lambda w$",
            np.allclose(fd_grad(Lt, p), np.cos(p) + lam * p, atol=1e-6))
    eta = 0.3; g = rng.normal(size=3)
    F.check(r"= (1-\eta\lambda)\, w_t - \eta\, \nabla L(w_t).", np.allclose(p - eta * (g + lam * p), (1 - eta * lam) * p - eta * g))
    F.claim(r"\text{L2：}", r"= 2 - 0.1\cdot 0.12 = 1.988", [0.12, 1.988], [0.1 + 0.01 * 2, 2 - 0.1 * (0.1 + 0.01 * 2)], tol=1e-12)
    F.claim(r"\text{衰减：}", "= 1.998 - 0.01 = 1.988", [1.998, 0.01, 1.988], [(1 - 0.1 * 0.01) * 2, 0.1 * 0.1, (1 - 0.001) * 2 - 0.01], tol=1e-12)
    F.check(r"有效衰减系数只有 $\eta\lambda/10$", True)
    gp = 0.1 + 0.01 * 2
    F.claim(r"Adam $+ L_2$ 使用 $g_1'", "= 0.12", 0.12, gp, tol=1e-12)
    b1, b2 = 0.9, 0.999
    ratio = ((1 - b1) * gp / (1 - b1)) / (math.sqrt((1 - b2) * gp ** 2 / (1 - b2)) + 1e-8)
    F.claim(r"w_1^{\text{Adam}+L_2} = 2 - 0.001 \cdot 1", "= 1.999", [1, 1.999], [ratio, 2 - 0.001 * ratio], tol=1e-6)
    ratio0 = 0.1 / (abs(0.1) + 1e-8)
    F.check(r"结果与 $\lambda = 0$ 时一模一样", abs((2 - 0.001 * ratio) - (2 - 0.001 * ratio0)) < 1e-9)
    w1 = 2 - 0.001 * (ratio0 + 0.01 * 2)
    F.claim(r"w_1^{\text{AdamW}} = 2 - 0.001\,(1 + 0.01\cdot 2)", "= 2 - 0.00102 = 1.99898", [0.00102, 1.99898], [0.001 * 1.02, w1], tol=1e-7)
    F.claim(r"与 Adam $+L_2$ 相差", "0.00002", 0.00002, (2 - 0.001 * ratio) - w1, tol=1e-8)
    return F


def f08():
    F = File("08_l2_seisoku_ja.md")
    w = np.array([1.0, -2.0, 0.5]); lam = 0.05
    F.claim(r"R(w) = 0.05 \times (1 + 4 + 0.25)", "= 0.05 \\times 5.25 = 0.2625", [5.25, 0.2625], [np.sum(w ** 2), lam * np.sum(w ** 2)])
    R = lambda x: lam * np.sum(x ** 2)
    p = rng.normal(size=3)
    true_grad = fd_grad(R, p)
    F.check(r"\frac{\partial R}{\partial w_i} = \lambda\, w_i", np.allclose(true_grad, lam * p, atol=1e-7), "dR/dw")
    F.check(r"\nabla J(w) = \nabla L(w) + \lambda w .", np.allclose(true_grad, lam * p, atol=1e-7))
    eta = 0.1; gL = rng.normal(size=3)
    F.check(r"w \leftarrow w - \eta\big(\nabla L(w) + \lambda w\big) = (1 - \eta\lambda)",
            np.allclose(p - eta * (gL + fd_grad(R, p)), (1 - eta * lam) * p - eta * gL, atol=1e-7))
    gL = np.array([0.2, 0.1, -0.3])
    gJ = gL + fd_grad(R, w)
    F.claim(r"= \begin{pmatrix} 0.25 \\ 0.0", r"\begin{pmatrix} 0.25 \\ 0.0 \\ -0.275 \end{pmatrix}", [0.25, 0.0, -0.275], gJ, tol=1e-7)
    F.claim(r"= \begin{pmatrix} 0.975", r"\begin{pmatrix} 0.975 \\ -2.0 \\ 0.5275 \end{pmatrix}", [0.975, -2.0, 0.5275], w - eta * gJ, tol=1e-7)
    F.check("2番目の成分はデータ勾配と正則化勾配が打ち消し合って", abs(gJ[1]) < 1e-9)
    return F


def f09():
    F = File("09_cosine_schedule_ko.md")
    emax, emin, T = 0.1, 0.001, 100
    eta = lambda t: emin + 0.5 * (emax - emin) * (1 + np.cos(np.pi * t / T))
    F.check(r"$t = 0$ 이면 $\cos 0 = 1$", abs(eta(0) - emax) < 1e-15 and abs(eta(T) - emin) < 1e-15)
    F.claim(r"$\frac12(\eta_{\max}-\eta_{\min}) = 0.0495$", "0.0495", 0.0495, 0.5 * (emax - emin), tol=1e-15)
    F.claim(r"\eta_{25} &=", r"1.707107 \approx 0.085502", [1.707107, 0.085502], [1 + np.cos(np.pi / 4), eta(25)], tol=1e-6)
    F.claim(r"\eta_{50} &=", "= 0.0505", 0.0505, eta(50), tol=1e-12)
    F.claim(r"\eta_{75} &=", r"\approx 0.015498", [0.707107, 0.015498], [np.cos(np.pi / 4), eta(75)], tol=1e-6)
    F.claim(r"\eta_{90} &=", r"0.048943 \approx 0.003423", [0.048943, 0.003423], [1 + np.cos(0.9 * np.pi), eta(90)], tol=1e-6)
    F.check(r"정확히 $\eta_{\max}$ 와 $\eta_{\min}$ 의 산술평균", abs(eta(50) - (emax + emin) / 2) < 1e-15)
    ok = all(abs((eta(t + 1e-5) - eta(t - 1e-5)) / 2e-5 - (-np.pi / (2 * T) * (emax - emin) * np.sin(np.pi * t / T))) < 1e-8
             for t in rng.uniform(0, T, 5))
    F.check(r"\frac{d\eta_t}{dt} = -\frac{\pi}{2T}", ok)
    F.claim(r"= -\frac{\pi}{200}\times 0.099", r"\approx -0.001555", -0.001555, (eta(50 + 1e-5) - eta(50 - 1e-5)) / 2e-5, tol=1e-6)
    ts = np.linspace(0, T, 200001)
    avg = np.trapezoid(eta(ts), ts) / T if hasattr(np, "trapezoid") else np.trapz(eta(ts), ts) / T
    F.check(r"= \frac{\eta_{\max}+\eta_{\min}}{2},", abs(avg - (emax + emin) / 2) < 1e-9)
    F.check(r"\int_0^T \cos(\pi t/T)\,dt = \frac{T}{\pi}\sin\pi = 0", abs(np.trapezoid(np.cos(np.pi * ts / T), ts) if hasattr(np, "trapezoid") else np.trapz(np.cos(np.pi * ts / T), ts)) < 1e-8)
    F.claim(r"위 예에서는 $0.0505$", "0.0505", 0.0505, avg, tol=1e-9)
    return F


def f10():
    F = File("10_warmup_step_pl.md")
    base = 0.1 * 1024 / 256; W, s, gam = 500, 1000, 0.1
    eta = lambda t: base * t / W if t <= W else base * gam ** ((t - W) // s)
    F.claim(r"\eta_{\text{base}} = 0{,}1 \cdot \frac{B}{B_0}", "= 0{,}4 .", 0.4, base, tol=1e-12)
    F.claim(r"\eta_{100} = 0{,}4 \cdot \frac{100}{500}", "= 0{,}08", 0.08, eta(100), tol=1e-12)
    F.claim(r"\eta_{250} = 0{,}4 \cdot \frac{250}{500}", "= 0{,}2", 0.2, eta(250), tol=1e-12)
    F.claim(r"\eta_{500} = 0{,}4 .", "0{,}4", 0.4, eta(500), tol=1e-12)
    F.claim(r"Przyrost na krok wynosi", "= 0{,}0008", 0.0008, eta(2) - eta(1), tol=1e-12)
    for t, frac, k, val in [(501, 0.001, 0, 0.4), (1499, 0.999, 0, 0.4), (1500, 1.0, 1, 0.04), (2700, 2.2, 2, 0.004)]:
        row = f"| {t} |"
        F.claim(row, None, [frac, k, val], [(t - W) / s, (t - W) // s, eta(t)], tol=1e-12)
    F.check(r"spadek następuje dokładnie w kroku $t = 1500$", eta(1499) != eta(1500) and eta(999) == eta(1000))
    S = sum(eta(t) for t in range(1, W + 1))
    F.check(r"= \frac{\eta_{\text{base}}}{W}\sum_{t=1}^{W} t", abs(S - base / W * sum(range(1, W + 1))) < 1e-9)
    F.claim(r"\cdot\frac{500 \cdot 499}{2}", "500 \\cdot 499", 500 * 499 / 2, sum(range(1, W + 1)), tol=1e-9)
    F.claim(r"= 0{,}4 \cdot 249{,}5 = 99{,}8", "99{,}8", 99.8, S, tol=1e-9)
    F.claim(r"$1000 \cdot 0{,}4 = 400$", "= 400", 400, sum(eta(t) for t in range(W + 1, W + 1001)), tol=1e-9)
    F.claim(r"\approx 20\%$ drogi", r"99{,}8/(99{,}8 + 400) \approx 20\%", 0.20, S / (S + 400), tol=5e-3)
    F.claim(r"jedna epoka ma", r"= \lceil 1251{,}14\rceil = 1252", [1251.14, 1252], [1281167 / 1024, math.ceil(1281167 / 1024)], tol=5e-3)
    F.claim(r"to $90 \cdot 1252", r"112\,680", 112680, 90 * math.ceil(1281167 / 1024))
    return F


def f11():
    F = File("11_effectieve_stapgrootte_nl.md")
    ok1 = True
    for b in [0.5, 0.9, 0.97]:
        v = 0.0; g = 1.7
        for t in range(1, 12):
            v = b * v + g
            ok1 = ok1 and abs(v - g * (1 - b ** t) / (1 - b)) < 1e-12
    F.check(r"v_t = g\,(1 + \beta + \beta^2", ok1)
    F.check(r"\lim_{t\to\infty} v_t = \frac{g}{1-\beta}", True)
    b = 0.9; v = []; x = 0.0
    for t in range(10):
        x = b * x + 1; v.append(x)
    F.claim(r"v_1 = 1,\qquad v_2 = 0{,}9 + 1", "= 2{,}71", [1, 1.9, 2.71], v[:3], tol=1e-12)
    F.claim(r"en na tien stappen $v_{10}", r"\approx 6{,}5132", 6.5132, v[9], tol=5e-5)
    F.claim(r"$\eta = 0{,}01$ zet je uiteindelijk", "van $0{,}1$", 0.1, 0.01 / (1 - b), tol=1e-12)
    x = 0.0
    for t in range(10):
        x = 0.99 * x + 1
    F.claim(r"$v_{10} = (1 - 0{,}99^{10})/0{,}01", r"\approx 9{,}5618", [100, 9.5618], [1 / (1 - 0.99), x], tol=5e-5)
    F.check(r"t \ge \frac{\ln 0{,}1}{\ln \beta}.", all((b ** t <= 0.1) == (t >= math.log(0.1) / math.log(b)) for b in [0.9, 0.99] for t in range(1, 400)))
    F.claim(r"Voor $\beta = 0{,}9$ geeft dat", r"t \ge 21{,}85$, dus $22$", [21.85, 22], [math.log(0.1) / math.log(0.9), min(t for t in range(1, 100) if 0.9 ** t <= 0.1)], tol=5e-3)
    F.claim(r"$t \ge 229{,}1$, dus $230$", "229{,}1", [229.1, 230], [math.log(0.1) / math.log(0.99), min(t for t in range(1, 1000) if 0.99 ** t <= 0.1)], tol=5e-2)
    # conventions
    b = 0.9; etap = 0.05; gs = rng.normal(size=20)
    w1 = w2 = 0.0; v1 = v2 = 0.0; eta = (1 - b) * etap
    for g in gs:
        v1 = b * v1 + (1 - b) * g; w1 -= etap * v1
        v2 = b * v2 + g; w2 -= eta * v2
    F.check(r"is gelijk aan de PyTorch-versie met $\eta = (1-\beta)\,\eta'$", abs(w1 - w2) < 1e-12)
    F.check(r"wordt je effectieve stap tien keer zo groot", abs((1 / (1 - 0.99)) / (1 / (1 - 0.9)) - 10) < 1e-9)
    return F


def f12():
    F = File("12_hoi_quy_tuyen_tinh_vi.md")
    N, d = 5, 3
    Xr = rng.normal(size=(N, d)); yr = rng.normal(size=N); wr = rng.normal(size=d)
    L = lambda w: np.mean((Xr @ w - yr) ** 2)
    fd = fd_grad(L, wr)
    F.check(r"= \frac{2}{N}\sum_{i=1}^{N} \left(x_i^\top w - y_i\right) x_{ij} .",
            np.allclose(fd, 2 / N * np.array([sum((Xr[i] @ wr - yr[i]) * Xr[i, j] for i in range(N)) for j in range(d)]), atol=1e-6))
    F.check(r"\nabla L(w) = \frac{2}{N}\, X^\top (Xw - y) \in \mathbb{R}^{d}.", np.allclose(fd, 2 / N * Xr.T @ (Xr @ wr - yr), atol=1e-6) and (Xr.T @ (Xr @ wr - yr)).shape == (d,))
    X = np.array([[1, 1], [1, 2], [1, 3.0]]); y = np.array([1, 2, 2.0]); w0 = np.zeros(2); eta = 0.1
    grad = lambda w: 2 / 3 * X.T @ (X @ w - y)
    r0 = X @ w0 - y
    F.claim(r"*Bước 1.* $r = Xw_0 - y", "= 3$", [-1, -2, -2, 3], np.r_[r0, np.mean(r0 ** 2)])
    F.claim(r"X^\top r = \begin{bmatrix} -1-2-2", r"\begin{bmatrix} -5 \\ -11 \end{bmatrix},", [-5, -11], X.T @ r0)
    F.claim(r"\nabla L(w_0) = \frac{2}{3}", r"\begin{bmatrix} -3{,}33333 \\ -7{,}33333 \end{bmatrix}", [-3.33333, -7.33333], grad(w0), tol=1e-5)
    w1 = w0 - eta * grad(w0)
    F.claim(r"w_1 = w_0 - 0{,}1\,\nabla L(w_0)", r"\begin{bmatrix} 0{,}33333 \\ 0{,}73333 \end{bmatrix}", [0.33333, 0.73333], w1, tol=1e-5)
    r1 = X @ w1 - y
    F.claim(r"*Bước 2.* $X w_1 \approx", r"(1{,}06667;\ 1{,}80000;\ 2{,}53333)", [1.06667, 1.8, 2.53333], X @ w1, tol=1e-5)
    F.claim(r"$r \approx (0{,}06667;\ -0{,}20000;\ 0{,}53333)^\top$ và", r"L(w_1) \approx 0{,}10963", [0.06667, -0.2, 0.53333, 0.10963], np.r_[r1, np.mean(r1 ** 2)], tol=1e-5)
    F.claim(r"X^\top r \approx \begin{bmatrix} 0{,}40000", r"\begin{bmatrix} 0{,}40000 \\ 1{,}26667 \end{bmatrix},", [0.4, 1.26667], X.T @ r1, tol=1e-5)
    F.claim(r"\nabla L(w_1) = 2 \begin{bmatrix}", r"\approx \begin{bmatrix} 0{,}80000 \\ 2{,}53333 \end{bmatrix}", [0.8, 2.53333], grad(w1), tol=1e-5)
    g_claimed = np.array([0.8, 2.53333])
    w2 = w1 - eta * grad(w1)
    F.claim(r"w_2 = w_1 - 0{,}1\,\nabla L(w_1)", r"\begin{bmatrix} 0{,}25333 \\ 0{,}48000 \end{bmatrix}", [0.25333, 0.48], w2, tol=1e-5)
    r2 = X @ w2 - y
    F.claim(r"Khi đó $r \approx (-0{,}26667", r"L(w_2) \approx 0{,}26133", [-0.26667, -0.78667, -0.30667, 0.26133], np.r_[r2, np.mean(r2 ** 2)], tol=1e-5)
    F.claim(r"$w^\ast = (X^\top X)^{-1}X^\top y = (2/3,\ 1/2)^\top$", "(2/3,\\ 1/2)", [2 / 3, 0.5], np.linalg.solve(X.T @ X, X.T @ y), tol=1e-12)
    return F


def f13():
    F = File("13_agir_top_tr.md")
    a, eta, b = 1.3, 0.2, 0.6
    w, v = 0.7, 0.0; ws = [w]
    for _ in range(6):
        v = b * v - eta * a * w; w = w + v; ws.append(w)
    ok = all(abs(ws[t + 1] - ((1 + b - eta * a) * ws[t] - b * ws[t - 1])) < 1e-12 for t in range(1, 6))
    F.check(r"&= (1 + \beta - \eta a)\, w_t - \beta\, w_{t-1}.", ok)
    F.check(r"&= w_t + \beta (w_t - w_{t-1}) - \eta a\, w_t", ok)
    r = np.roots([1, -(1 + b - eta * a), b])
    F.check(r"Köklerin çarpımı $z_1 z_2 = \beta$", abs(np.prod(r) - b) < 1e-12 and np.allclose(np.abs(r), np.sqrt(b)))
    a, eta, b = 4, 0.1, 0.5
    F.claim(r"z^2 - 1{,}1\, z + 0{,}5 = 0", r"= 1{,}21 - 2 = -0{,}79 < 0", [1.1, 1.21, -0.79], [1 + b - eta * a, (1 + b - eta * a) ** 2, (1 + b - eta * a) ** 2 - 4 * b], tol=1e-12)
    r = np.roots([1, -1.1, 0.5])
    F.claim(r"Kökler karmaşık:", r"\approx 0{,}55 \pm 0{,}444410\, i", [0.55, 0.444410], [r[0].real, abs(r[0].imag)], tol=1e-6)
    F.claim(r"modülleri $\sqrt{0{,}55^2 + 0{,}197500}", r"\approx 0{,}707107", [0.1975, 0.707107], [r[0].imag ** 2, abs(r[0])], tol=1e-6)
    w, v = 1.0, 0.0; H = []
    for _ in range(3):
        gv = eta * a * w; vn = b * v - gv; H.append((b * v, -gv, vn, w + vn)); v = vn; w = w + vn
    F.claim(r"- $v_1 = 0 - 0{,}1\cdot 4 \cdot 1", r"\;w_1 = 0{,}6", [-0.4, 0.6], [H[0][2], H[0][3]], tol=1e-12)
    F.claim(r"- $v_2 = 0{,}5\cdot(-0{,}4)", r"= -0{,}2 - 0{,}24 = -0{,}44", [-0.2, -0.24, -0.44, 0.16], list(H[1]), tol=1e-12)
    F.claim(r"- $v_3 = 0{,}5\cdot(-0{,}44)", r"= -0{,}22 - 0{,}064 = -0{,}284", [-0.22, -0.064, -0.284, -0.124], list(H[2]), tol=1e-12)
    F.claim(r"$w_2 = 1{,}1\cdot 0{,}6 - 0{,}5\cdot 1 = 0{,}16$", "0{,}16", 0.16, 1.1 * 0.6 - 0.5, tol=1e-12)
    F.claim(r"$w_3 = 1{,}1 \cdot 0{,}16 - 0{,}5 \cdot 0{,}6", "= 0{,}176 - 0{,}3 = -0{,}124", [0.176, -0.124], [1.1 * 0.16, 1.1 * 0.16 - 0.3], tol=1e-12)
    def stable(ea, bb):
        return np.all(np.abs(np.roots([1, -(1 + bb - ea), bb])) < 1 - 1e-9)
    ok = True
    for bb in np.linspace(0, 0.99, 23):
        for ea in np.linspace(0.01, 4.5, 71):
            cond = 0 < ea < 2 * (1 + bb)
            if abs(ea - 2 * (1 + bb)) > 1e-3 and stable(ea, bb) != cond:
                ok = False
    F.check(r"0 < \eta a < 2(1 + \beta).", ok)
    F.check(r"Örneğimizde $2(1+\beta) = 3$", 2 * (1 + 0.5) == 3 and 0.4 < 3 and stable(0.4, 0.5))
    return F


def f14():
    F = File("14_adam_krok_cs.md")
    b1, b2, eta, eps = 0.9, 0.999, 0.001, 1e-8
    th0 = np.array([0.5, -1.0]); g = np.array([0.02, -3.0])
    m = (1 - b1) * g; v = (1 - b2) * g ** 2
    mh = m / (1 - b1); vh = v / (1 - b2)
    F.check(r"\hat m_1 = \frac{(1-\beta_1)\, g_1}{1-\beta_1} = g_1", np.allclose(mh, g) and np.allclose(vh, g ** 2))
    step = -eta * mh / (np.sqrt(vh) + eps)
    F.check(r"\approx -\eta\,\operatorname{sign}(g_1).", np.allclose(step, -eta * np.sign(g), atol=1e-9))
    F.claim(r"Dosazení: $\operatorname{sign}(g_1) = (1;\ -1)$", "(1;\\ -1)", [1, -1], np.sign(g))
    th1 = th0 + step
    F.claim(r"\theta_1 \approx \begin{pmatrix} 0{,}5 - 0{,}001", r"-1{,}0 - 0{,}001", [0.5 - 0.001, -1.0 - 0.001], th1, tol=1e-8)
    F.claim(r"= \begin{pmatrix} 0{,}499 \\ -1{,}001 \end{pmatrix}.", "-1{,}001", [0.499, -1.001], th1, tol=1e-8)
    F.claim(r"přestože se gradienty liší $150\times$", "150", 150, abs(g[1] / g[0]), tol=1e-9)
    F.claim(r"**(b)** SGD:", "= (-0{,}00002;\\ 0{,}003)", [-0.00002, 0.003], -eta * g, tol=1e-12)
    F.claim(r"$\theta_1^{\text{SGD}} = (0{,}49998;\ -0{,}997)$", "(0{,}49998;\\ -0{,}997)", [0.49998, -0.997], th0 - eta * g, tol=1e-12)
    c = 3.7; gs = rng.normal(size=(5, 2))
    def run(scale):
        m = np.zeros(2); v = np.zeros(2); out = []
        for t, gg in enumerate(gs * scale, 1):
            m = b1 * m + (1 - b1) * gg; v = b2 * v + (1 - b2) * gg ** 2
            out.append((m / (1 - b1 ** t)) / np.sqrt(v / (1 - b2 ** t)))
        return np.array(out)
    F.check(r"\frac{c\,\hat m_t}{\sqrt{c^2\,\hat v_t}} &=", np.allclose(run(1), run(c)))
    F.claim(r"\frac{|g_1|}{|g_1| + \varepsilon} = \frac{10^{-9}}", r"\frac{1}{11} \approx 0{,}0909", [1 / 11, 0.0909], [1e-9 / (1e-9 + eps)] * 2, tol=5e-5)
    F.claim(r"krok je tedy jen asi", r"9{,}09\cdot 10^{-5}", 9.09e-5, eta * 1e-9 / (1e-9 + eps), tol=5e-8)
    return F


def f15():
    F = File("15_optimizer_memory_en.md")
    sizes = [784, 256, 128, 10]
    layers = [(np.zeros((o, i)), np.zeros(o)) for i, o in zip(sizes[:-1], sizes[1:])]
    Ps = [W.size + b.size for W, b in layers]
    P = sum(Ps)
    F.claim(r"P_1 &= 256 \cdot 784 + 256", r"200\,960", 200960, Ps[0])
    F.claim(r"P_2 &= 128 \cdot 256 + 128", r"32\,896", 32896, Ps[1])
    F.claim(r"P_3 &= 10 \cdot 128 + 10", r"1\,290", 1290, Ps[2])
    F.claim(r"P &= 200\,960 + 32\,896 + 1\,290", r"235\,146", 235146, P)
    F.claim("| SGD + momentum | 1", "235,146", 235146, P)
    F.claim("| Adagrad | 1", "235,146", 235146, P)
    F.claim("| RMSProp | 1", "235,146", 235146, P)
    F.claim("| Adam / AdamW | 2", "470,292", 470292, 2 * P)
    F.claim(r"4P \cdot 4\ \text{bytes} = 16 \cdot 235\,146", r"3\,762\,336", 3762336, 16 * P)
    F.claim(r"since $3\,762\,336 / 2^{20}", r"\approx 3.588", [3.588, 3.59], [16 * P / 2 ** 20] * 2, tol=5e-3)
    F.claim(r"\underbrace{2P \cdot 4\ \text{B}}", r"= 56 \times 10^9\ \text{B} = 56\ \text{GB}", 56e9, 2 * 7e9 * 4)
    F.claim(r"\underbrace{4P \cdot 4\ \text{B}}", r"= 112\ \text{GB}", 112e9, 4 * 7e9 * 4)
    W1 = layers[0][0]
    F.claim(r"Adafactor would keep $256 + 784", r"= 1\,040$", 1040, sum(W1.shape))
    F.claim(r"the second moment of $W_1$ instead of", r"$200\,704$", 200704, W1.size)
    return F


def f16():
    F = File("16_nesterov_lookahead_en.md")
    mu, eta = 0.9, 0.1
    A = rng.normal(size=(3, 3)); A = A @ A.T
    gradq = lambda x: A @ x
    w = rng.normal(size=3); v = rng.normal(size=3)
    phi = w + mu * v
    v1 = mu * v - eta * gradq(phi); w1 = w + v1; phi1 = w1 + mu * v1
    F.check(r"\phi_{t+1} &= w_{t+1} + \mu v_{t+1} = w_t + (1+\mu)\, v_{t+1}", np.allclose(phi1, w + (1 + mu) * v1))
    F.check(r"&= \phi_t - \mu v_t + (1+\mu)\, v_{t+1}", np.allclose(phi1, phi - mu * v + (1 + mu) * v1))
    F.check(r"&= \phi_t + \mu v_{t+1} - \eta \nabla f(\phi_t),", np.allclose(phi1, phi + mu * v1 - eta * gradq(phi)))
    F.check(r"$\phi_{t+1} = \phi_t + \mu^2 v_t - (1+\mu)\,\eta \nabla f(\phi_t)$", np.allclose(phi1, phi + mu ** 2 * v - (1 + mu) * eta * gradq(phi)))
    B = np.array([[2, 1], [0, 1.0]]); c = np.array([1, 1.0])
    f = lambda x: 0.5 * np.sum((B @ x - c) ** 2)
    x = rng.normal(size=2); dx = 1e-6 * rng.normal(size=2)
    r = B @ x - c
    F.check(r"the differential is $df = r^\top dr = r^\top B\, dw$", abs((f(x + dx) - f(x)) - r @ B @ dx) < 1e-10)
    F.check(r"\nabla f(w) = B\,(Bw - c).", np.allclose(fd_grad(f, x), B @ (B @ x - c), atol=1e-6), "gradient formula")
    grad = lambda x: fd_grad(f, x)
    F.claim(r"i.e. $w^\ast = (0,\,1)^\top$", "(0,\\,1)", [0, 1], np.linalg.solve(B, c), tol=1e-12)
    w = np.zeros(2); v = np.zeros(2)
    phi = w + mu * v; g0 = grad(phi)
    F.claim(r"*Step 1.* $r = B\phi_0 - c", "(-1,\\,-1)", [-1, -1], B @ phi - c, tol=1e-12)
    v = mu * v - eta * g0; w = w + v
    F.claim(r"\nabla f(\phi_0) = \begin{pmatrix} 2 & 1", r"= \begin{pmatrix} -3 \\ -1 \end{pmatrix},", [-3, -1], g0, tol=1e-6)
    F.claim(r"\qquad v_1 = \begin{pmatrix} 0.3", r"\qquad w_1 = \begin{pmatrix} 0.3 \\ 0.1 \end{pmatrix}.",
            [0.3, 0.1, 0.3, 0.1], np.r_[v, w], tol=1e-6)
    phi = w + mu * v; r = B @ phi - c; g1 = grad(phi)
    F.claim(r"*Step 2.* Look-ahead point", r"(0.57,\ 0.19)", [0.57, 0.19], phi, tol=1e-6)
    F.claim(r"$r = (2\cdot 0.57 + 0.19 - 1,\ 0.19 - 1)^\top", r"= (0.33,\ -0.81)^\top", [0.33, -0.81], r, tol=1e-6)
    F.claim(r"\nabla f(\phi_1) = \begin{pmatrix} 2 \cdot 0.33 - 0.81", r"\begin{pmatrix} -0.15 \\ -0.81 \end{pmatrix},", [-0.15, -0.81], g1, tol=1e-6)
    v_new = mu * v - eta * g1
    F.claim(r"v_2 = 0.9\begin{pmatrix} 0.3", r"= \begin{pmatrix} 0.285 \\ 0.171 \end{pmatrix},", [0.285, 0.171], v_new, tol=1e-6)
    phi_prev = phi; v = v_new; w = w + v
    F.claim(r"so $w_2 = (0.585,\ 0.271)^\top$", "(0.585,\\ 0.271)", [0.585, 0.271], w, tol=1e-6)
    F.claim(r"= \begin{pmatrix} 0.57 + 0.2565 + 0.015", "0.57 + 0.2565 + 0.015", [0.2565, 0.015], [mu * v[0], -eta * g1[0]], tol=1e-6)
    F.claim(r"= \begin{pmatrix} 0.8415 \\ 0.4249 \end{pmatrix},", "0.8415", [0.8415, 0.4249], phi_prev + mu * v - eta * g1, tol=1e-6)
    F.claim(r"which matches $w_2 + \mu v_2", r"(0.8415,\ 0.4249)", [0.8415, 0.4249], w + mu * v, tol=1e-6)
    return F


CHECKS = [f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16]


def main():
    with open(os.path.join(HERE, "expected.json"), encoding="utf-8") as fh:
        expected = json.load(fh)
    names = sorted(n for n in os.listdir(HERE) if n.endswith(".md"))
    assert sorted(expected) == names, "expected.json and .md files disagree"
    all_ok = True
    for fn in CHECKS:
        F = fn()
        got = F.first_fail()
        exp = expected[F.name]
        if got == exp:
            print(f"OK   {F.name}: first failing line = {got} ({len(F.results)} claims checked)")
        else:
            all_ok = False
            print(f"FAIL {F.name}: first failing line {got}, expected {exp}")
            for n, ok, desc in sorted(F.results):
                if not ok:
                    print(f"      line {n}: {desc}")
    assert all_ok, "some files disagree with expected.json"


if __name__ == "__main__":
    main()
