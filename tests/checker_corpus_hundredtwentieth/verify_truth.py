"""Independent truth checks for the LSTM/GRU blind corpus.

For every file, each mathematical claim is recomputed with NumPy and tied to
the unique line containing a given substring.  The first failing line must
equal the value recorded in expected.json (null if nothing fails).
"""
import json
import os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EXPECTED = json.load(open(os.path.join(HERE, "expected.json"), encoding="utf-8"))
rng = np.random.default_rng(0)


def sig(a):
    return 1.0 / (1.0 + np.exp(-a))


def close(claimed, true, dp):
    """claimed value printed with dp decimals; allow one unit in the last place."""
    claimed = np.asarray(claimed, float)
    true = np.asarray(true, float)
    return bool(np.all(np.abs(claimed - true) <= 10.0 ** (-dp) + 1e-12))


def fd(f, x, eps=1e-6):
    return (f(x + eps) - f(x - eps)) / (2 * eps)


class Checker:
    def __init__(self, fname):
        self.fname = fname
        with open(os.path.join(HERE, fname), encoding="utf-8") as fh:
            self.lines = fh.read().split("\n")
        self.results = []

    def line_of(self, sub):
        hits = [k + 1 for k, l in enumerate(self.lines) if sub in l]
        assert len(hits) == 1, (self.fname, sub, hits)
        return hits[0]

    def check(self, sub, ok):
        self.results.append((self.line_of(sub), bool(ok), sub))

    def finish(self):
        self.results.sort(key=lambda r: r[0])
        first = next((n for n, ok, _ in self.results if not ok), None)
        exp = EXPECTED[self.fname]
        assert first == exp, (self.fname, "first failing line", first, "expected", exp,
                              [r for r in self.results if not r[1]])
        print("OK", self.fname, "first failing line:", first, f"({len(self.results)} checks)")


# ---------------------------------------------------------------- 01
def f01():
    C = Checker("01_lstm_equations_params_en.md")
    a = rng.normal(size=5)
    C.check(r"so $\sigma'(0) = \tfrac12", close(fd(sig, 0.0), 0.25, 6)
            and np.allclose(fd(sig, a), sig(a) * (1 - sig(a)), atol=1e-8)
            and np.all(fd(sig, np.linspace(-8, 8, 101)) <= 0.25 + 1e-9))
    C.check(r"so $\tanh'(0) = 1$", close(fd(np.tanh, 0.0), 1, 6)
            and np.allclose(fd(np.tanh, a), 1 - np.tanh(a) ** 2, atol=1e-8))
    # direct Jacobian dc_t/dc_{t-1} = diag(f): finite differences on random vectors
    H = 3
    f, i, g, o = sig(rng.normal(size=H)), sig(rng.normal(size=H)), np.tanh(rng.normal(size=H)), sig(rng.normal(size=H))
    c0 = rng.normal(size=H)
    J = np.column_stack([fd(lambda s: f * (c0 + s * e) + i * g, 0.0) for e in np.eye(H)])
    C.check(r"= \operatorname{diag}(f_t).", np.allclose(J, np.diag(f), atol=1e-7))
    c = rng.normal(size=H)
    Jh = np.column_stack([fd(lambda s: o * np.tanh(c + s * e), 0.0) for e in np.eye(H)])
    Jo = np.column_stack([fd(lambda s: (o + s * e) * np.tanh(c), 0.0) for e in np.eye(H)])
    C.check(r"\operatorname{diag}\big(o_t \odot (1 - \tanh^2(c_t))\big)",
            np.allclose(Jh, np.diag(o * (1 - np.tanh(c) ** 2)), atol=1e-7)
            and np.allclose(Jo, np.diag(np.tanh(c)), atol=1e-7))

    def count(D, H, nb=1):
        W = np.zeros((4 * H, D)); U = np.zeros((4 * H, H)); b = np.zeros((nb, 4 * H))
        return W.size + U.size + b.size
    D, H = 10, 20
    C.check(r"P_{\text{LSTM}} = 4\,(HD + H^2 + H) = 4H\,(D + H + 1)",
            all(4 * (h * d + h * h + h) == 4 * h * (d + h + 1) == count(d, h) for d, h in [(3, 5), (7, 2)]))
    C.check(r"P = 4 \cdot 20 \cdot (10 + 20 + 1) = 80 \cdot 31 = 2480", 4 * 20 == 80 and 80 * 31 == 2480 == count(D, H))
    C.check(r"P_{\text{PyTorch}} = 4H\,(D + H + 2) = 80 \cdot 32 = 2560", 80 * 32 == 2560 == count(D, H, 2))
    C.check(r"Keras uses a single bias and gives $2480$", count(D, H) == 2480)
    C.check(r"P^{(2)} = 4 \cdot 20 \cdot (20 + 20 + 1)", 80 * 41 == 3280 == count(20, 20) and 2480 + 3280 == 5760)
    N = 5
    A = np.zeros((N, D)) @ np.zeros((4 * H, D)).T + np.zeros((N, H)) @ np.zeros((4 * H, H)).T + np.ones((N, 1)) @ np.zeros((1, 4 * H))
    C.check(r"has shape $N \times 4H$", A.shape == (N, 4 * H))
    C.check(r"quadruples the recurrent part $4H^2$", 4 * (2 * H) ** 2 == 4 * (4 * H ** 2) and 4 * (2 * H) * D == 2 * (4 * H * D))
    C.finish()


# ---------------------------------------------------------------- 02
def f02():
    C = Checker("02_bilstm_parameter_de.md")

    def P(D, H):
        return 4 * H * D + 4 * H * H + 2 * 4 * H   # weight_ih, weight_hh, bias_ih, bias_hh
    H = 64
    C.check(r"P(D, H) = 4\,(HD + H^2 + 2H) = 4H\,(D + H + 2)", all(P(d, h) == 4 * h * (d + h + 2) for d, h in [(3, 4), (9, 2)]))
    C.check(r"P(32, 64) = 4 \cdot 64 \cdot (32 + 64 + 2) = 256 \cdot 98 = 25\,088", P(32, H) == 25088 and 256 * 98 == 25088)
    C.check(r"P^{(1)} = 2 \cdot 25\,088 = 50\,176", 2 * 25088 == 50176)
    # layer 2 of a bidirectional stack reads the concatenation of both directions: 2H
    D2_true = 2 * H
    C.check(r"D_2 = H = 64,", D2_true == 64)
    C.check(r"P(64, 64) = 4 \cdot 64 \cdot (64 + 64 + 2) = 256 \cdot 130 = 33\,280", P(64, 64) == 33280 == 256 * 130 and P(D2_true, H) == 33280)
    C.check(r"P^{(2)} = 2 \cdot 33\,280 = 66\,560", 2 * P(D2_true, H) == 66560)
    C.check(r"P = P^{(1)} + P^{(2)} = 50\,176 + 66\,560 = 116\,736", 2 * P(32, H) + 2 * P(D2_true, H) == 116736)
    C.check(r"also $8192$ Einträge", np.zeros((256, 32)).size == 8192 and np.zeros((256, 64)).size == 16384
            and 8192 + 16384 + 512 == 25088)
    C.check(r"$2 \cdot 4H = 512$", 2 * 4 * H == 512)
    C.finish()


# ---------------------------------------------------------------- 03
def f03():
    C = Checker("03_lstm_pas_numerique_fr.md")
    x = np.array([1.0, 2.0]); h = np.array([0.5, -0.5]); c0 = np.array([0.2, -0.4])
    z = np.concatenate([x, h])
    Wi = np.array([[0.5, -0.2, 0.1, 0.4], [0.3, 0.1, -0.5, 0.2]])
    Wf = np.array([[0.2, 0.3, 0.0, -0.4], [-0.1, 0.4, 0.2, 0.0]])
    Wo = np.array([[0.1, 0.1, 0.3, 0.2], [0.0, -0.3, 0.4, 0.1]])
    Wg = np.array([[0.4, -0.1, 0.2, 0.0], [-0.2, 0.3, 0.0, 0.5]])
    bf = np.array([0.5, 0.5])
    ai, af, ao, ag = Wi @ z, Wf @ z + bf, Wo @ z, Wg @ z
    C.check(r"donc $z_t = (1,\ 2,\ 0{,}5,\ -0{,}5)^\top$", np.allclose(z, [1, 2, 0.5, -0.5]))
    C.check(r"Première ligne de $W_i$", close(0.5 - 0.4 + 0.05 - 0.2, ai[0], 6) and close(ai[0], -0.05, 6)
            and close(0.3 + 0.2 - 0.25 - 0.1, ai[1], 6) and close(ai[1], 0.15, 6))
    C.check(r"a_f = \begin{pmatrix} 1{,}5 \\ 1{,}3", close(ai, [-0.05, 0.15], 6) and close(af, [1.5, 1.3], 6)
            and close(ao, [0.35, -0.45], 6) and close(ag, [0.3, 0.15], 6))
    C.check(r"ne pas oublier le biais", close(0.2 + 0.6 + 0 + 0.2 + 0.5, af[0], 6))
    i, f, o, g = sig(ai), sig(af), sig(ao), np.tanh(ag)
    C.check(r"i_t \approx \begin{pmatrix} 0{,}4875", close([0.4875, 0.5374], i, 4) and close([0.8176, 0.7858], f, 4)
            and close([0.5866, 0.3894], o, 4))
    C.check(r"g_t = \tanh(a_g) \approx", close([0.2913, 0.1489], g, 4))
    C.check(r"f_t \odot c_{t-1} \approx \begin{pmatrix} 0{,}8176", close([0.1635, -0.3143], f * c0, 4)
            and close([0.1420, 0.0800], i * g, 4))
    c = f * c0 + i * g
    C.check(r"0{,}1635 + 0{,}1420", close([0.3055, -0.2343], c, 4) and close(0.1635 + 0.1420, 0.3055, 4)
            and close(-0.3143 + 0.0800, -0.2343, 4))
    C.check(r"\tanh(c_t) \approx \begin{pmatrix} 0{,}2964", close([0.2964, -0.2301], np.tanh(c), 4)
            and close([0.1739, -0.0896], o * np.tanh(c), 4))
    C.check(r"$0{,}4 \to 0{,}2343$", abs(c[1]) < 0.4 and close(f[1], 0.79, 2) and i[1] * g[1] > 0)
    C.finish()


# ---------------------------------------------------------------- 04
def f04():
    C = Checker("04_gru_paso_numerico_es.md")
    x = np.array([0.5, -1.0]); h = np.array([0.4, -0.2])
    Wr = np.array([[0.6, 0.2], [-0.3, 0.5]]); Ur = np.array([[0.1, -0.4], [0.3, 0.2]])
    Wz = np.array([[-0.2, 0.4], [0.5, 0.1]]); Uz = np.array([[0.3, 0.0], [-0.1, 0.6]])
    Wn = np.array([[0.8, -0.3], [0.2, 0.7]]); Un = np.array([[0.5, 0.2], [-0.4, 0.3]])
    C.check(r"W_r x_t = \begin{bmatrix} 0.3 - 0.2", np.allclose(Wr @ x, [0.1, -0.65]) and np.allclose([0.3 - 0.2, -0.15 - 0.5], Wr @ x)
            and np.allclose(Ur @ h, [0.12, 0.08]) and np.allclose([0.04 + 0.08, 0.12 - 0.04], Ur @ h)
            and np.allclose([Wr[0, 0] * x[0], Wr[0, 1] * x[1], Ur[0, 0] * h[0], Ur[0, 1] * h[1]], [0.3, -0.2, 0.04, 0.08]))
    ar = Wr @ x + Ur @ h
    C.check(r"la preactivación es $(0.22,\ -0.57)^\top$", np.allclose(ar, [0.22, -0.57]))
    r = sig(ar)
    C.check(r"\approx \begin{bmatrix} 0.5548 \\ 0.3612", close([0.5548, 0.3612], r, 4))
    az = Wz @ x + Uz @ h; zt = sig(az)
    C.check(r"W_z x_t = \begin{bmatrix} -0.5", np.allclose(Wz @ x, [-0.5, 0.15]) and np.allclose(Uz @ h, [0.12, -0.16])
            and np.allclose(az, [-0.38, -0.01]) and close([0.4061, 0.4975], zt, 4))
    C.check(r"queda prácticamente en $1/2$", abs(zt[1] - 0.5) < 0.01)
    C.check(r"W_n x_t = \begin{bmatrix} 0.4 + 0.3", np.allclose(Wn @ x, [0.7, -0.6])
            and np.allclose([Wn[0, 0] * x[0], Wn[0, 1] * x[1], Wn[1, 0] * x[0], Wn[1, 1] * x[1]], [0.4, 0.3, 0.1, -0.7]))
    C.check(r"U_n h_{t-1} = \begin{bmatrix} 0.2 + 0.04", np.allclose(Un @ h, [0.24, -0.22])
            and np.allclose([Un[0, 0] * h[0], Un[0, 1] * h[1]], [0.2, 0.04]))
    # downstream lines: check consistency with the (carried) value written in the text
    C.check(r"r_t \odot (U_n h_{t-1}) \approx", close([0.1332, -0.0795], r * np.array([0.24, -0.22]), 4))
    C.check(r"n_t = \tanh\!\begin{bmatrix} 0.8332", close([0.6821, -0.5912], np.tanh([0.8332, -0.6795]), 4))
    C.check(r"1 - z_t \approx \begin{bmatrix} 0.5939", close([0.5939, 0.5025], 1 - zt, 4)
            and close([0.4051, -0.2971], (1 - zt) * np.array([0.6821, -0.5912]), 4) and close([0.1625, -0.0995], zt * h, 4))
    C.check(r"= \begin{bmatrix} 0.5676 \\ -0.3966", close([0.4051 + 0.1625, -0.2971 - 0.0995], [0.5676, -0.3966], 4))
    C.finish()


# ---------------------------------------------------------------- 05
def f05():
    C = Checker("05_fluxo_gradiente_celula_pt.md")
    H = 3
    fs = [sig(rng.normal(size=H)) for _ in range(4)]
    ig = [rng.normal(size=H) * 0.3 for _ in range(4)]

    def roll(c0, k=0):
        c = c0
        for t in range(k, 4):
            c = fs[t] * c + ig[t]
        return c
    c0 = rng.normal(size=H)
    J1 = np.column_stack([fd(lambda s: fs[0] * (c0 + s * e) + ig[0], 0.0) for e in np.eye(H)])
    C.check(r"\frac{\partial c_t}{\partial c_{t-1}} = \operatorname{diag}(f_t).", np.allclose(J1, np.diag(fs[0]), atol=1e-7))
    J = np.column_stack([fd(lambda s: roll(c0 + s * e, 1), 0.0) for e in np.eye(H)])
    C.check(r"\prod_{t=k+1}^{T} \operatorname{diag}(f_t) = \operatorname{diag}", np.allclose(J, np.diag(fs[1] * fs[2] * fs[3]), atol=1e-7))
    C.check(r"um produto de $T - k$ fatores", len(range(1 + 1, 4 + 1)) == 4 - 1)
    C.check(r"0{,}9 \cdot 0{,}8 \cdot 0{,}95 \cdot 0{,}7 = 0{,}4788", close(0.9 * 0.8 * 0.95 * 0.7, 0.4788, 6))
    C.check(r"| $1$ | $0{,}7311$ | $0{,}0436$ |", close(sig(1), 0.7311, 4) and close(sig(1) ** 10, 0.0436, 4))
    C.check(r"| $2$ | $0{,}8808$ | $0{,}2810$ |", close(sig(2), 0.8808, 4) and close(sig(2) ** 10, 0.2810, 4))
    C.check(r"| $3$ | $0{,}9526$ | $0{,}6152$ |", close(sig(3), 0.9526, 4) and close(sig(3) ** 10, 0.6152, 4))
    tau = lambda f: -1 / np.log(f)
    C.check(r"\tau = -\frac{1}{\ln f}.", close(0.8 ** tau(0.8), np.exp(-1), 9))
    C.check(r"$\tau \approx 3{,}19$", close(tau(sig(1)), 3.19, 2) and close(tau(sig(2)), 7.88, 2) and close(tau(sig(3)), 20.58, 2))
    C.check(r"multiplica a memória efetiva por mais de seis", tau(sig(3)) / tau(sig(1)) > 6)
    w, u = 0.7, 0.4
    xs = rng.normal(size=5)

    def rnn(h0):
        hh = h0; hs = []
        for xt in xs:
            hh = np.tanh(w * hh + u * xt); hs.append(hh)
        return hh, hs
    _, hs = rnn(0.3)
    C.check(r"\frac{\partial h_T}{\partial h_0} = \prod_{t=1}^{T} w\,\big(1 - h_t^2\big).",
            close(fd(lambda a: rnn(a)[0], 0.3), np.prod([w * (1 - hh ** 2) for hh in hs]), 7))
    C.finish()


# ---------------------------------------------------------------- 06
def f06():
    C = Checker("06_backprop_lstm_it.md")
    H = 3
    ai, af, ao, ag = (rng.normal(size=H) for _ in range(4))
    cp = rng.normal(size=H); dh = rng.normal(size=H); dcn = rng.normal(size=H); fn = sig(rng.normal(size=H))
    # loss whose gradient wrt h_t is dh, and wrt c_{t+1} (=fn*c_t+const) is dcn

    def L(ai, af, ao, ag, cp):
        i, f, o, g = sig(ai), sig(af), sig(ao), np.tanh(ag)
        c = f * cp + i * g
        h = o * np.tanh(c)
        return dh @ h + dcn @ (fn * c)
    i, f, o, g = sig(ai), sig(af), sig(ao), np.tanh(ag)
    c = f * cp + i * g
    dc = dh * o * (1 - np.tanh(c) ** 2) + dcn * fn

    def grad(k):
        args = [ai, af, ao, ag, cp]
        out = np.zeros(H)
        for j in range(H):
            e = np.zeros(H); e[j] = 1e-6
            ap = [a.copy() for a in args]; am = [a.copy() for a in args]
            ap[k] = ap[k] + e; am[k] = am[k] - e
            out[j] = (L(*ap) - L(*am)) / 2e-6
        return out
    # dc_t: perturb c_t directly
    def Lc(cc):
        return dh @ (o * np.tanh(cc)) + dcn @ (fn * cc)
    dc_fd = np.array([fd(lambda s: Lc(c + s * e), 0.0) for e in np.eye(H)])
    C.check(r"\delta c_t = \delta h_t \odot o_t \odot \big(1 - \tanh^2(c_t)\big) + \delta c_{t+1} \odot f_{t+1}.", np.allclose(dc_fd, dc, atol=1e-6))
    C.check(r"\delta o_t = \delta h_t \odot \tanh(c_t), \qquad", np.allclose(dh * np.tanh(c), dh * np.tanh(c))
            and np.allclose(grad(2), dh * np.tanh(c) * o * (1 - o), atol=1e-6)
            and np.allclose(grad(1), dc * cp * f * (1 - f), atol=1e-6)
            and np.allclose(grad(0), dc * g * i * (1 - i), atol=1e-6))
    C.check(r"\delta a_o = \delta o_t \odot o_t \odot (1 - o_t),\qquad", np.allclose(grad(2), dh * np.tanh(c) * o * (1 - o), atol=1e-6)
            and np.allclose(grad(1), dc * cp * f * (1 - f), atol=1e-6) and np.allclose(grad(0), dc * g * i * (1 - i), atol=1e-6))
    C.check(r"\delta a_g = \delta g_t \odot (1 - g_t).", np.allclose(grad(3), dc * i * (1 - g), atol=1e-6))
    C.check(r"\delta c_{t-1} \mathrel{+}= \delta c_t \odot f_t", np.allclose(grad(4), dc * f, atol=1e-6))
    C.check(r"\delta W \mathrel{+}= \delta a\, x_t^\top", True)  # shape identity, outer product (H x D)
    # numeric example (scalar)
    a = dict(i=0.0, f=1.0, o=0.5, g=0.5); cp1 = 1.0
    i1, f1, o1, g1 = sig(a["i"]), sig(a["f"]), sig(a["o"]), np.tanh(a["g"])
    c1 = f1 * cp1 + i1 * g1; t1 = np.tanh(c1)
    C.check(r"i_t = 0{,}5,\quad f_t \approx 0{,}7311", close([0.5, 0.7311, 0.6225, 0.4621], [i1, f1, o1, g1], 4))
    C.check(r"c_t \approx 0{,}7311 \cdot 1 + 0{,}5 \cdot 0{,}4621", close([0.9621, 0.7452, 0.4639], [c1, t1, o1 * t1], 4))
    dc1 = o1 * (1 - t1 ** 2)
    C.check(r"\delta c_t \approx 1 \cdot 0{,}6225", close([0.4446, 0.2768], [1 - t1 ** 2, dc1], 4))
    C.check(r"\delta a_o \approx 0{,}7452 \cdot 0{,}6225", close(0.1751, t1 * o1 * (1 - o1), 4) and close(0.0544, dc1 * cp1 * f1 * (1 - f1), 4))
    C.check(r"\delta a_i \approx 0{,}2768 \cdot 0{,}4621", close(0.0320, dc1 * g1 * i1 * (1 - i1), 4) and close(0.1384, dc1 * i1, 4))
    C.check(r"\delta a_g \approx 0{,}1384 \cdot (1 - 0{,}4621)", close(0.0744, dc1 * i1 * (1 - g1 ** 2), 4) and close(0.2024, dc1 * f1, 4))
    C.finish()


# ---------------------------------------------------------------- 07
def f07():
    C = Checker("07_gru_parametry_ru.md")

    def torch_gru(D, H):   # weight_ih (3H,D), weight_hh (3H,H), bias_ih, bias_hh (3H,)
        return np.zeros((3 * H, D)).size + np.zeros((3 * H, H)).size + 2 * np.zeros(3 * H).size

    def classic(D, H):
        return np.zeros((D, 3 * H)).size + np.zeros((H, 3 * H)).size + np.zeros(3 * H).size
    C.check(r"P_{\text{GRU}} = 3\,(HD + H^2 + 2H) = 3H\,(D + H + 2).",
            all(torch_gru(d, h) == 3 * (h * d + h * h + 2 * h) == 3 * h * (d + h + 2) for d, h in [(3, 5), (8, 2)]))
    C.check(r"P_{\text{GRU}}^{\text{classic}} = 3H\,(D + H + 1).", all(classic(d, h) == 3 * h * (d + h + 1) for d, h in [(3, 5), (8, 2)]))
    D, H = 16, 32
    C.check(r"HD = 512,\qquad H^2 = 1024", H * D == 512 and H * H == 1024 and 2 * H == 64)
    C.check(r"3\,(512 + 1024 + 64) = 3 \cdot 1600 = 4800", torch_gru(D, H) == 4800 and 512 + 1024 + 64 == 1600)
    C.check(r"3\,(512 + 1024 + 32) = 3 \cdot 1568 = 4704", classic(D, H) == 4704 and 512 + 1024 + 32 == 1568)
    C.check(r"Разница ровно $3H = 96$", torch_gru(D, H) - classic(D, H) == 3 * H == 96)
    lstm = 4 * H * (D + H + 2)
    C.check(r"$4 \cdot 1600 = 6400$", lstm == 6400 and close(4800 / 6400, 0.75, 2))
    C.check(r"два направления: $2\cdot 4800 = 9600$", 2 * torch_gru(D, H) == 9600)
    C.check(r"$D_2 = 2H = 64$", 2 * H == 64)
    C.check(r"P = 3 \cdot 32 \cdot (64 + 32 + 2) = 96 \cdot 98 = 9408", torch_gru(64, H) == 9408 == 96 * 98)
    C.check(r"а для двух — $18\,816$", 2 * torch_gru(64, H) == 18816)
    C.check(r"Итого: $9600 + 18\,816 = 28\,416$", 2 * torch_gru(D, H) + 2 * torch_gru(64, H) == 28416)
    C.check(r"$1536 + 3072 + 96 + 96 = 4800$", np.zeros((96, 16)).size == 1536 and np.zeros((96, 32)).size == 3072
            and 1536 + 3072 + 96 + 96 == 4800)
    C.check(r"$6144 + 3072 + 192 = 9408$", np.zeros((96, 64)).size == 6144 and 6144 + 3072 + 192 == 9408)
    C.finish()


# ---------------------------------------------------------------- 08
def f08():
    C = Checker("08_peephole_lstm_zh.md")
    # derivative claims
    s_i, p, cprev, c = rng.normal(), rng.normal(), rng.normal(), rng.normal()
    i = sig(s_i + p * cprev); o = sig(s_i + p * c)
    C.check(r"\frac{\partial i_{t,j}}{\partial p_{i,j}} = i_{t,j}\,(1 - i_{t,j})\; c_{t-1,j},",
            close(fd(lambda q: sig(s_i + q * cprev), p), i * (1 - i) * cprev, 7))
    C.check(r"\frac{\partial o_{t,j}}{\partial p_{o,j}} = o_{t,j}\,(1 - o_{t,j})\; c_{t,j}.",
            close(fd(lambda q: sig(s_i + q * c), p), o * (1 - o) * c, 7))
    # sum over time of dL/dp_o with L = sum_t dh_t . h_t, h_t = o_t tanh(c_t), o_t = sig(s_t + p_o c_t)
    T, H = 4, 3
    s = rng.normal(size=(T, H)); cs = rng.normal(size=(T, H)); dh = rng.normal(size=(T, H)); po = rng.normal(size=H)
    Lf = lambda q: np.sum(dh * sig(s + q * cs) * np.tanh(cs))
    g_fd = np.array([fd(lambda t: Lf(po + t * e), 0.0) for e in np.eye(H)])
    oo = sig(s + po * cs)
    C.check(r"\frac{\partial L}{\partial p_o} = \sum_{t=1}^{T} \delta a^{(o)}_t \odot c_t",
            np.allclose(g_fd, np.sum(dh * np.tanh(cs) * oo * (1 - oo) * cs, axis=0), atol=1e-6))
    D, H = 8, 16
    C.check(r"HD + H^2 + H = 128 + 256 + 16 = 400", H * D == 128 and H * H == 256 and 128 + 256 + 16 == 400)
    C.check(r"4 \times 400 = 1600 .", 4 * 400 == 1600)
    peep_true = 3 * np.count_nonzero(np.eye(H))   # diagonal: H free parameters per gate
    C.check(r"3H^2 = 3 \times 256 = 768 .", peep_true == 768)
    C.check(r"P_{\text{peephole}} = 1600 + 768 = 2368 .", 1600 + 768 == 2368)
    C.check(r"增加了 $768/1600 = 48\%$", close(768 / 1600, 0.48, 2))
    C.finish()


# ---------------------------------------------------------------- 09
def f09():
    C = Checker("09_gru_bibun_ja.md")
    H, D = 3, 2
    hp, zt, ht = rng.normal(size=H), sig(rng.normal(size=H)), np.tanh(rng.normal(size=H))
    hfun = lambda z: (1 - z) * hp + z * ht
    C.check(r"$h_t = h_{t-1} + z_t \odot (\tilde h_t - h_{t-1})$", np.allclose(hfun(zt), hp + zt * (ht - hp)))
    dz = np.array([fd(lambda s: hfun(zt + s * e), 0.0)[j] for j, e in enumerate(np.eye(H))])
    C.check(r"\frac{\partial h_{t,j}}{\partial z_{t,j}} = h_{t-1,j} - \tilde h_{t,j}", np.allclose(dz, hp - ht, atol=1e-7))
    az = rng.normal(size=H)
    da = np.array([fd(lambda s: hfun(sig(az + s * e)), 0.0)[j] for j, e in enumerate(np.eye(H))])
    z0 = sig(az)
    C.check(r"\frac{\partial h_{t,j}}{\partial a^{z}_{t,j}} = \big(h_{t-1,j} - \tilde h_{t,j}\big)", np.allclose(da, (hp - ht) * z0 * (1 - z0), atol=1e-7))
    Wz = rng.normal(size=(H, D)); x = rng.normal(size=D); dh = rng.normal(size=H); bz = rng.normal(size=H)
    Lw = lambda W: dh @ hfun(sig(W @ x + bz))
    G = np.zeros((H, D))
    for a in range(H):
        for b in range(D):
            E = np.zeros((H, D)); E[a, b] = 1
            G[a, b] = fd(lambda s: Lw(Wz + s * E), 0.0)
    zz = sig(Wz @ x + bz)
    C.check(r"\frac{\partial L}{\partial W_z} = \sum_{t} \Big[\delta h_t \odot (h_{t-1} - \tilde h_t)",
            np.allclose(G, np.outer(dh * (hp - ht) * zz * (1 - zz), x), atol=1e-6))
    Jd = np.column_stack([fd(lambda s: (1 - zt) * (hp + s * e) + zt * ht, 0.0) for e in np.eye(H)])
    C.check(r"= \operatorname{diag}(1 - z_t)", np.allclose(Jd, np.diag(1 - zt), atol=1e-7))
    z1 = sig(1.0); h1 = np.tanh(0.45)
    C.check(r"$a^z_t = 0.5 + 0.5 = 1$", close(z1, 0.7311, 4) and 0.5 * 1 + 1 * 0.5 == 1.0)
    C.check(r"$W x_t + U r_t h_{t-1} = 0.2 + 0.25 = 0.45$", close(0.2 + 1 * sig(0.0) * 0.5, 0.45, 9) and close(h1, 0.4219, 4))
    C.check(r"$h_t \approx 0.2689 \cdot 0.5", close((1 - z1) * 0.5 + z1 * h1, 0.4429, 4) and close((1 - z1) * 0.5, 0.1345, 4)
            and close(z1 * h1, 0.3084, 4))
    C.check(r"\frac{\partial h_t}{\partial z_t} \approx 0.5 - 0.4219 = 0.0781,", close(fd(lambda z: (1 - z) * 0.5 + z * h1, z1), 0.0781, 4))
    C.check(r"\frac{\partial h_t}{\partial a^z_t} \approx 0.0781 \times 0.1966",
            close(fd(lambda a: (1 - sig(a)) * 0.5 + sig(a) * h1, 1.0), 0.0154, 4))
    C.finish()


# ---------------------------------------------------------------- 10
def f10():
    C = Checker("10_lstm_yeokjeonpa_ko.md")
    A = dict(i=np.array([0, 1.0]), f=np.array([2, -1.0]), o=np.array([1, 0.0]), g=np.array([0.5, -0.5]))
    cp = np.array([0.5, -1.0]); dh = np.array([1.0, -2.0])

    def fwd(A, cp):
        i, f, o, g = sig(A["i"]), sig(A["f"]), sig(A["o"]), np.tanh(A["g"])
        c = f * cp + i * g
        return i, f, o, g, c, o * np.tanh(c)
    i, f, o, g, c, h = fwd(A, cp)
    L = lambda A, cp: dh @ fwd(A, cp)[5]

    def gA(k):
        out = np.zeros(2)
        for j in range(2):
            e = np.zeros(2); e[j] = 1e-6
            Ap = dict(A); Am = dict(A); Ap[k] = A[k] + e; Am[k] = A[k] - e
            out[j] = (L(Ap, cp) - L(Am, cp)) / 2e-6
        return out
    C.check(r"i \approx \begin{bmatrix} 0.5 \\ 0.7311", close(i, [0.5, 0.7311], 4) and close(f, [0.8808, 0.2689], 4)
            and close(o, [0.7311, 0.5], 4) and close(g, [0.4621, -0.4621], 4))
    C.check(r"c_t = f\odot c_{t-1} + i \odot g \approx", close(f * cp, [0.4404, -0.2689], 4) and close(i * g, [0.2311, -0.3378], 4)
            and close(c, [0.6715, -0.6068], 4))
    C.check(r"그리고 $\tanh(c_t) \approx (0.5859", close(np.tanh(c), [0.5859, -0.5419], 4) and close(h, [0.4284, -0.2709], 4))
    dc_fd = np.array([fd(lambda s: dh @ (o * np.tanh(c + s * e)), 0.0) for e in np.eye(2)])
    C.check(r"\approx \begin{bmatrix} 1 \cdot 0.7311 \cdot 0.6567", close(dc_fd, [0.4801, -0.7064], 4)
            and close(1 - np.tanh(c) ** 2, [0.6567, 0.7064], 4))
    C.check(r"$\delta o = \delta h_t \odot \tanh(c_t) \approx (0.5859,\ 1.0837)", close(dh * np.tanh(c), [0.5859, 1.0837], 4))
    C.check(r"\delta a_o = \delta o \odot o \odot (1-o) \approx", close(gA("o"), [0.1152, 0.2709], 4) and close(o * (1 - o), [0.1966, 0.25], 4))
    dc = dc_fd
    C.check(r"$\delta f = \delta c_t \odot c_{t-1} \approx (0.2400", close(dc * cp, [0.2400, 0.7064], 4) and close(f * (1 - f), [0.1050, 0.1966], 4))
    C.check(r"\delta a_f \approx \begin{bmatrix} 0.0252", close(gA("f"), [0.0252, 0.1389], 4))
    C.check(r"$\delta i = \delta c_t \odot g \approx (0.2218", close(dc * g, [0.2218, 0.3264], 4) and close(i * (1 - i), [0.25, 0.1966], 4))
    C.check(r"\delta a_i \approx \begin{bmatrix} 0.0555", close(gA("i"), [0.0555, 0.0642], 4))
    C.check(r"$\delta g = \delta c_t \odot i \approx (0.2400", close(dc * i, [0.2400, -0.5164], 4) and close(1 - g ** 2, [0.7864, 0.7864], 4))
    C.check(r"\delta a_g = \delta g \odot (1 - g^2) \approx", close(gA("g"), [0.1888, -0.4061], 4))
    gc = np.array([fd(lambda s: L(A, cp + s * e), 0.0) for e in np.eye(2)])
    C.check(r"\delta c_{t-1} = \delta c_t \odot f \approx", close(gc, [0.4228, -0.1900], 4))
    C.check(r"두 배 이상 큰 것은", gA("f")[1] > 2 * gA("i")[1] and abs(cp[1]) > abs(g[1]) and close(f[1] * (1 - f[1]), i[1] * (1 - i[1]), 9))
    C.check(r"**답.**", close(gA("i"), [0.0555, 0.0642], 4) and close(gA("f"), [0.0252, 0.1389], 4)
            and close(gA("o"), [0.1152, 0.2709], 4) and close(gA("g"), [0.1888, -0.4061], 4) and close(gc, [0.4228, -0.1900], 4))
    C.finish()


# ---------------------------------------------------------------- 11
def f11():
    C = Checker("11_iloczyn_bramek_zapominania_pl.md")
    H, T = 3, 5
    fs = sig(rng.normal(size=(T, H))); add = rng.normal(size=(T, H))

    def roll(c0):
        c = c0
        for t in range(T):
            c = fs[t] * c + add[t]
        return c
    c0 = rng.normal(size=H)
    J = np.column_stack([fd(lambda s: roll(c0 + s * e), 0.0) for e in np.eye(H)])
    C.check(r"\frac{\partial c_T}{\partial c_0} = \operatorname{diag}\Big(\prod_{t=1}^{T} f_t\Big).", np.allclose(J, np.diag(fs.prod(0)), atol=1e-7))
    C.check(r"0{,}9^{50} \approx 0{,}00515", close(0.9 ** 50, 0.00515, 5) and close(0.99 ** 50, 0.605, 3))
    C.check(r"o ponad dwa rzędy wielkości", 0.99 ** 50 / 0.9 ** 50 > 100)
    C.check(r"n_{1/2} = \frac{\ln \tfrac12}{\ln f}", close(0.9 ** (-np.log(2) / np.log(0.9)), 0.5, 9))
    C.check(r"mamy $n_{1/2} \approx 6{,}58$", close(np.log(0.5) / np.log(0.9), 6.58, 2) and close(np.log(0.5) / np.log(0.99), 68.97, 2))
    C.check(r"dla $f = 0{,}9$: $n > 65{,}56$", close(np.log(1e-3) / np.log(0.9), 65.56, 2) and 0.9 ** 66 < 1e-3 <= 0.9 ** 65)
    C.check(r"dla $f = 0{,}99$: $n > 687{,}32$", close(np.log(1e-3) / np.log(0.99), 687.32, 2) and 0.99 ** 688 < 1e-3 <= 0.99 ** 687)
    C.check(r"\ln \prod_{t=1}^{T} f_t = \sum_{t=1}^{T} \ln f_t", np.allclose(np.log(fs.prod(0)), np.log(fs).sum(0)))
    C.check(r"0{,}5^{10} = \frac{1}{1024} \approx 0{,}000977", sig(0) == 0.5 and 0.5 ** 10 == 1 / 1024 and close(1 / 1024, 0.000977, 6))
    C.check(r"$f \approx \sigma(4{,}6) \approx 0{,}9900$", close(sig(4.6), 0.9900, 4) and close(sig(4.6) ** 100, 0.368, 3)
            and abs(sig(4.6) ** 100 - np.exp(-1)) < 0.01)
    z = np.array([0.1, 0.2, 0.05, 0.3, 0.1])
    C.check(r"= 0{,}9 \cdot 0{,}8 \cdot 0{,}95 \cdot 0{,}7 \cdot 0{,}9 = 0{,}43092", close(np.prod(1 - z), 0.43092, 5)
            and np.allclose(1 - z, [0.9, 0.8, 0.95, 0.7, 0.9]))
    C.check(r"\sum \ln(1 - z_t) \approx -0{,}8418", close(np.log(1 - z).sum(), -0.8418, 4))
    C.finish()


# ---------------------------------------------------------------- 12
def f12():
    C = Checker("12_gradienten_gewichten_nl.md")
    H, D = 3, 4
    W, U, b = rng.normal(size=(H, D)), rng.normal(size=(H, H)), rng.normal(size=H)
    x, hp, da = rng.normal(size=D), rng.normal(size=H), rng.normal(size=H)
    L = lambda W, U, b, x, hp: da @ (W @ x + U @ hp + b)   # linear in a_f with dL/da_f = da

    def gmat(M, f):
        G = np.zeros(M.shape)
        for idx in np.ndindex(M.shape):
            E = np.zeros(M.shape); E[idx] = 1
            G[idx] = fd(lambda s: f(M + s * E), 0.0)
        return G
    GW = gmat(W, lambda M: L(M, U, b, x, hp))
    C.check(r"\frac{\partial L}{\partial W_f} = \delta a_f \, x_t^\top \in \mathbb{R}^{H\times D},", np.allclose(GW, np.outer(da, x), atol=1e-6) and GW.shape == (H, D))
    GU = gmat(U, lambda M: L(W, M, b, x, hp)); Gb = gmat(b, lambda M: L(W, U, M, x, hp))
    C.check(r"\frac{\partial L}{\partial U_f} = \delta a_f \, h_{t-1}^\top \in \mathbb{R}^{H\times H}",
            np.allclose(GU, np.outer(da, hp), atol=1e-6) and np.allclose(Gb, da, atol=1e-6))
    Gx = gmat(x, lambda M: L(W, U, b, M, hp)); Gh = gmat(hp, lambda M: L(W, U, b, x, M))
    C.check(r"\frac{\partial L}{\partial x_t} = W_f^\top \delta a_f \in \mathbb{R}^D", np.allclose(Gx, W.T @ da, atol=1e-6))
    C.check(r"= U_f\, \delta a_f \in \mathbb{R}^H", np.allclose(Gh, U @ da, atol=1e-6))
    da2 = np.array([0.2, -0.1]); x2 = np.array([1, 0.5]); h2 = np.array([-0.4, 0.3])
    W2 = np.array([[0.3, -0.6], [0.8, 0.1]]); U2 = np.array([[0.5, -0.2], [0.7, 0.4]])
    C.check(r"= \begin{pmatrix} 0{,}2 & 0{,}1 \\ -0{,}1 & -0{,}05 \end{pmatrix},", np.allclose(np.outer(da2, x2), [[0.2, 0.1], [-0.1, -0.05]])
            and np.allclose(np.outer(da2, h2), [[-0.08, 0.06], [0.04, -0.03]]))
    C.check(r"= \begin{pmatrix} 0{,}06 - 0{,}08 \\ -0{,}12 - 0{,}01", np.allclose(W2.T, [[0.3, 0.8], [-0.6, 0.1]])
            and np.allclose(W2.T @ da2, [-0.02, -0.13]) and np.allclose([0.06 - 0.08, -0.12 - 0.01], [-0.02, -0.13]))
    # true gradient is U^T da; the written line multiplies by U itself
    C.check(r"= \begin{pmatrix} 0{,}1 + 0{,}02 \\ 0{,}14 - 0{,}04", np.allclose(U2.T @ da2, [0.12, 0.10]))
    C.check(r"is $2\times 2 = H\times D$", np.outer(da2, x2).shape == W2.shape and (W2.T @ da2).shape == (2,))
    C.check(r"dus weer een $4H\times D$-matrix, hier $8\times 2$", np.outer(np.zeros(8), np.zeros(2)).shape == (8, 2))
    C.finish()


# ---------------------------------------------------------------- 13
def f13():
    C = Checker("13_dem_tham_so_keras_vi.md")

    def keras_lstm(D, H):
        return np.zeros((D, 4 * H)).size + np.zeros((H, 4 * H)).size + np.zeros(4 * H).size
    C.check(r"P_{\text{LSTM}}(D, H) = 4\,(DH + H^2 + H) = 4H\,(D + H + 1).",
            all(keras_lstm(d, h) == 4 * (d * h + h * h + h) == 4 * h * (d + h + 1) for d, h in [(3, 5), (7, 1)]))
    C.check(r"P_{\text{emb}} = 10000 \cdot 64 = 640\,000", np.zeros((10000, 64)).size == 640000)
    C.check(r"4\,(64\cdot 32 + 32^2 + 32) = 4\,(2048 + 1024 + 32)", keras_lstm(64, 32) == 12416 and 2048 + 1024 + 32 == 3104)
    C.check(r"P_{\text{bi}} = 2 \cdot 12\,416 = 24\,832", 2 * 12416 == 24832)
    C.check(r"(\text{None}, 100, 2\cdot 32) = (\text{None}, 100, 64)", 2 * 32 == 64)
    C.check(r"P = 4\cdot 16\cdot (64 + 16 + 1) = 64 \cdot 81 = 5184", keras_lstm(64, 16) == 5184 == 64 * 81)
    C.check(r"P_{\text{dense}} = 16 + 1 = 17", np.zeros((16, 1)).size + 1 == 17)
    total = 640000 + 2 * keras_lstm(64, 32) + keras_lstm(64, 16) + 17
    C.check(r"P = 640\,000 + 24\,832 + 5184 + 17 = 670\,033", total == 670033)
    C.check(r"gần $95{,}5\%$", close(640000 / total, 0.955, 3) and 2 * keras_lstm(64, 32) + keras_lstm(64, 16) == 30016)
    C.check(r"P_{\text{LSTM(16)}} = 4\cdot 16\cdot(32 + 16 + 1) = 64\cdot 49 = 3136", keras_lstm(64, 32) == 12416 and keras_lstm(32, 16) == 3136 == 64 * 49)
    C.check(r"640\,000 + 12\,416 + 3136 + 17 = 655\,569", 640000 + keras_lstm(64, 32) + keras_lstm(32, 16) + 17 == 655569)
    C.finish()


# ---------------------------------------------------------------- 14
def f14():
    C = Checker("14_gru_sayisal_ornek_tr.md")
    x = np.array([1.0, 0.0]); h = np.array([-0.5, 0.5])
    Wr = np.array([[0.4, 0.1], [-0.2, 0.3]]); Ur = np.array([[0.2, 0.5], [0.1, -0.3]])
    Wz = np.array([[0.3, -0.5], [0.6, 0.2]]); Uz = np.array([[-0.4, 0.2], [0.0, 0.5]])
    W = np.array([[0.7, 0.1], [-0.5, 0.4]]); U = np.array([[0.6, -0.2], [0.3, 0.8]])
    C.check(r"çarpımları yalnızca ilgili matrisin ilk sütunudur", np.allclose(Wr @ x, Wr[:, 0]))
    ar = Wr @ x + Ur @ h; r = sig(ar)
    C.check(r"-0{,}1 + 0{,}25 \\ -0{,}05 - 0{,}15", np.allclose(Ur @ h, [-0.1 + 0.25, -0.05 - 0.15]) and np.allclose(ar, [0.55, -0.4])
            and close(r, [0.6341, 0.4013], 4))
    az = Wz @ x + Uz @ h; z = sig(az)
    C.check(r"0{,}2 + 0{,}1 \\ 0 + 0{,}25", np.allclose(Uz @ h, [0.2 + 0.1, 0 + 0.25]) and np.allclose(az, [0.6, 0.85])
            and close(z, [0.6457, 0.7006], 4))
    rh = r * h
    C.check(r"r_t \odot h_{t-1} \approx", close(rh, [-0.3171, 0.2007], 4))
    C.check(r"\approx \begin{pmatrix} -0{,}2304 \\ 0{,}0654", close(U @ rh, [-0.2304, 0.0654], 4))
    a = W @ x + U @ rh; ht = np.tanh(a)
    C.check(r"ön-aktivasyon $(0{,}4696,\ -0{,}4346)^\top$", np.allclose(W @ x, [0.7, -0.5]) and close(a, [0.4696, -0.4346], 4))
    C.check(r"\tilde h_t \approx \begin{pmatrix} 0{,}4379", close(ht, [0.4379, -0.4092], 4))
    C.check(r"z_t \odot h_{t-1} &\approx", close(z * h, [-0.3228, 0.3503], 4) and close(1 - z, [0.3543, 0.2994], 4)
            and close((1 - z) * ht, [0.1552, -0.1225], 4))
    hn = z * h + (1 - z) * ht
    C.check(r"= \begin{pmatrix} -0{,}1677 \\ 0{,}2278", close(hn, [-0.1677, 0.2278], 4))
    C.check(r"yaklaşık $0{,}33$ ve $0{,}27$", np.all(z > 0.6) and close(np.abs(hn - h), [0.33, 0.27], 2))
    C.finish()


# ---------------------------------------------------------------- 15
def f15():
    C = Checker("15_peephole_krok_cs.md")
    si = np.array([0.2, -0.3]); sf = np.array([1.0, 0.5]); so = np.array([0.1, 0.4]); ag = np.array([0.6, -0.2])
    cp = np.array([0.8, -0.5]); pi = np.array([0.5, 0.5]); pf = np.array([1.0, -0.5]); po = np.array([0.3, 0.6])

    def fwd(cp=cp, po=po, c_override=None):
        i = sig(si + pi * cp); f = sig(sf + pf * cp); g = np.tanh(ag)
        c = f * cp + i * g if c_override is None else c_override
        o = sig(so + po * c)
        return i, f, g, c, o, o * np.tanh(c)
    i, f, g, c, o, h = fwd()
    C.check(r"a_i = \begin{pmatrix} 0{,}2 + 0{,}4", np.allclose(si + pi * cp, [0.6, -0.55]) and np.allclose(sf + pf * cp, [1.8, 0.75])
            and np.allclose(pi * cp, [0.4, -0.25]) and np.allclose(pf * cp, [0.8, 0.25]))
    C.check(r"Odtud $i_t \approx (0{,}6457", close(i, [0.6457, 0.3659], 4) and close(f, [0.8581, 0.6792], 4) and close(g, [0.5371, -0.1974], 4))
    C.check(r"0{,}6865 + 0{,}3467", close(f * cp, [0.6865, -0.3396], 4) and close(i * g, [0.3467, -0.0722], 4) and close(c, [1.0333, -0.4118], 4))
    C.check(r"a_o = s_o + p_o \odot c_t \approx", close(po * c, [0.3100, -0.2471], 4) and close(so + po * c, [0.4100, 0.1529], 4)
            and close(o, [0.6011, 0.5382], 4))
    C.check(r"Konečně $\tanh(c_t) \approx (0{,}7752", close(np.tanh(c), [0.7752, -0.3900], 4))
    C.check(r"h_t = o_t \odot \tanh(c_t) \approx \begin{pmatrix} 0{,}4660", close(h, [0.4660, -0.2099], 4))
    dhdc = np.array([fd(lambda s: fwd(c_override=c + s * e)[5], 0.0)[j] for j, e in enumerate(np.eye(2))])
    C.check(r"\frac{\partial h_{t,j}}{\partial c_{t,j}} = o_{t,j}\big(1 - \tanh^2 c_{t,j}\big) + \tanh(c_{t,j})",
            np.allclose(dhdc, o * (1 - np.tanh(c) ** 2) + np.tanh(c) * o * (1 - o) * po, atol=1e-7))
    C.check(r"s $o_t(1-o_t) \approx (0{,}2398", close(o * (1 - o), [0.2398, 0.2485], 4))
    C.check(r"0{,}2399 + 0{,}0558", close(o * (1 - np.tanh(c) ** 2), [0.2399, 0.4563], 4)
            and close(np.tanh(c) * o * (1 - o) * po, [0.0558, -0.0582], 4) and close(dhdc, [0.2957, 0.3981], 4))
    C.check(r"Bez peephole členu bychom dostali jen", close(o * (1 - np.tanh(c) ** 2), [0.2399, 0.4563], 4))
    dhdpo = np.array([fd(lambda s: fwd(po=po + s * e)[5], 0.0)[j] for j, e in enumerate(np.eye(2))])
    C.check(r"\frac{\partial h_{t,j}}{\partial p_{o,j}} = \tanh(c_{t,j})\; o_{t,j}(1 - o_{t,j})\; c_{t-1,j}.",
            np.allclose(dhdpo, np.tanh(c) * o * (1 - o) * cp, atol=1e-7))
    C.check(r"\approx \begin{pmatrix} 0{,}1487 \\ 0{,}0485", close(dhdpo, [0.1487, 0.0485], 4))
    cross = fd(lambda s: fwd(po=po + s * np.array([0, 1.0]))[5], 0.0)[0]
    C.check(r"jsou nulové, protože peephole matice je diagonální", abs(cross) < 1e-9)
    C.finish()


# ---------------------------------------------------------------- 16
def f16():
    C = Checker("16_peephole_jacobian_en.md")
    H = 3
    si, sf, pi, pf, g = (rng.normal(size=H) for _ in range(5))
    g = np.tanh(g)
    cnext = lambda cp: sig(sf + pf * cp) * cp + sig(si + pi * cp) * g
    cp = rng.normal(size=H)
    J = np.column_stack([fd(lambda s: cnext(cp + s * e), 0.0) for e in np.eye(H)])
    i, f = sig(si + pi * cp), sig(sf + pf * cp)
    diag = f + cp * f * (1 - f) * pf + g * i * (1 - i) * pi
    C.check(r"&= f_t + c_{t-1}\,\frac{\partial f_t}{\partial c_{t-1}} + g_t\,\frac{\partial i_t}{\partial c_{t-1}}\\",
            np.allclose(J, np.diag(diag), atol=1e-7))
    C.check(r"&= f_t + c_{t-1}\, f_t (1 - f_t)\, p_f + g_t\, i_t(1 - i_t)\, p_i .", np.allclose(J, np.diag(diag), atol=1e-7))
    C.check(r"dc_prev = dc * (f + c_prev * f * (1 - f) * p_f + g * i * (1 - i) * p_i)", np.allclose(J, np.diag(diag), atol=1e-7))
    c1 = lambda c: sig(1 + 0.5 * c) * c + sig(0.2 * c) * 0.3
    i1, f1 = sig(0.08), sig(1.2)
    C.check(r"a_i = 0.2 \cdot 0.4 = 0.08", close(0.2 * 0.4, 0.08, 9) and close(1 + 0.5 * 0.4, 1.2, 9))
    C.check(r"i_t = \sigma(0.08) \approx 0.5200", close([i1, f1], [0.5200, 0.7685], 4))
    C.check(r"i_t(1 - i_t) \approx 0.2496", close([i1 * (1 - i1), f1 * (1 - f1)], [0.2496, 0.1779], 4))
    C.check(r"c_{t-1} f_t(1-f_t)p_f \approx 0.4 \cdot 0.1779", close(0.4 * f1 * (1 - f1) * 0.5, 0.0356, 4)
            and close(0.3 * i1 * (1 - i1) * 0.2, 0.0150, 4))
    J1 = fd(c1, 0.4)
    C.check(r"\approx 0.7685 + 0.0356 + 0.0150 = 0.8191", close(J1, 0.8191, 4))
    C.check(r"gives the same $0.8191$", close(J1, 0.8191, 4) and close((J1 - f1) / J1, 0.06, 2))
    C.check(r"would be a product of $20$ such factors", len(range(1, 21)) == 20)
    C.check(r"\approx 0.8191^{19} \approx 0.0226,", close(J1 ** 20, 0.0226, 4))
    C.check(r"0.7685^{19} \approx 0.0067", close(f1 ** 20, 0.0067, 4) and J1 ** 20 / f1 ** 20 > 3)
    # negative peephole terms
    C.check(r"Note that the peephole terms can also be negative", (-0.4) * 0.1779 * 0.5 < 0)
    C.finish()


if __name__ == "__main__":
    for fn in (f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16):
        fn()
