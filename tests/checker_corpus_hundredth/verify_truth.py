"""Independent check of the blind corpus: walk each file's claims, find first failing line."""
import itertools, json, math, os, sys
from math import comb, log, exp
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(0)


def lines_of(fn):
    with open(os.path.join(HERE, fn), encoding="utf-8") as f:
        return f.read().split("\n")


def find(lines, sub):
    hits = [i + 1 for i, l in enumerate(lines) if sub in l]
    assert len(hits) == 1, (sub, hits)
    return hits[0]


def close(claimed, true, d):
    return abs(claimed - true) <= 0.5 * 10 ** (-d) + 1e-9


def allclose(cl, tr, d):
    return all(close(a, b, d) for a, b in zip(cl, tr)) and len(cl) == len(tr)


# ---------- CTC helpers ----------
def collapse(path, blank="_"):
    out, prev = [], None
    for c in path:
        if c != prev:
            out.append(c)
        prev = c
    return "".join(c for c in out if c != blank)


def preimage(label, T, alphabet):
    return ["".join(p) for p in itertools.product(alphabet, repeat=T) if collapse(p) == label]


def path_prob(path, Y, alphabet):
    return float(np.prod([Y[t][alphabet.index(c)] for t, c in enumerate(path)]))


def label_prob_enum(label, Y, alphabet):
    return sum(path_prob(p, Y, alphabet) for p in preimage(label, len(Y), alphabet))


def ctc_alpha(label, Y, alphabet):
    ext = ["_"]
    for c in label:
        ext += [c, "_"]
    S, T = len(ext), len(Y)
    A = np.zeros((T, S))
    idx = [alphabet.index(c) for c in ext]
    A[0, 0] = Y[0][idx[0]]
    if S > 1:
        A[0, 1] = Y[0][idx[1]]
    for t in range(1, T):
        for s in range(S):
            a = A[t - 1, s] + (A[t - 1, s - 1] if s >= 1 else 0)
            if s >= 2 and ext[s] != "_" and ext[s] != ext[s - 2]:
                a += A[t - 1, s - 2]
            A[t, s] = a * Y[t][idx[s]]
    return A, ext


def ctc_loss_logits(label, U, alphabet):
    Y = [np.exp(u - u.max()) / np.exp(u - u.max()).sum() for u in U]
    A, ext = ctc_alpha(label, Y, alphabet)
    return -log(A[-1, -1] + A[-1, -2])


def fd_grad(f, x, h=1e-6):
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        xp, xm = x.copy(), x.copy()
        xp[i] += h
        xm[i] -= h
        g[i] = (f(xp) - f(xm)) / (2 * h)
    return g


def softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()


def occupancy(label, Y, alphabet):
    T = len(Y)
    P = label_prob_enum(label, Y, alphabet)
    G = np.zeros((T, len(alphabet)))
    for p in preimage(label, T, alphabet):
        pp = path_prob(p, Y, alphabet)
        for t, c in enumerate(p):
            G[t, alphabet.index(c)] += pp
    return G / P, P


checks = {}

# ---------------- 01 ----------------
def c01():
    ab = "_ab"
    r = []
    r.append((r"\mathcal{B}(a\,a\,\_\,b\,b) = ab, \qquad",
              collapse("aa_bb") == "ab" and collapse("a_ab") == "aab"
              and collapse("aaab") == "ab" and collapse("__") == ""))
    pre = preimage("ab", 3, ab)
    r.append((r"|\mathcal{B}^{-1}(ab)| = 5", sorted(pre) == sorted(["aab", "abb", "_ab", "a_b", "ab_"]) and len(pre) == 5))
    r.append((r"3^3 = 27", 3 ** 3 == 27 and close(0.185, 5 / 27, 3)))
    ok = True
    for lab in ["a", "ab", "abc", "ba"]:
        for T in range(len(lab), 7):
            ok &= len(preimage(lab, T, "_abc")) == comb(T + len(lab), 2 * len(lab))
    r.append((r"\bigl|\mathcal{B}^{-1}(\mathbf{l})\bigr| = \binom{T+L}{2L}.", ok))
    r.append((r"Probe: $L = 2,\ T = 3$", comb(5, 4) == 5 and comb(3, 2) == 3
              and sorted(preimage("a", 2, "_a")) == sorted(["aa", "a_", "_a"])))
    r.append((r"\binom{6}{4} = \frac{6 \cdot 5}{2} = 15", comb(6, 4) == 15 and 6 * 5 / 2 == 15
              and len(preimage("ab", 4, "_ab")) == 15))
    A, ext = ctc_alpha("ab", [np.ones(3)] * 3, "_ab")
    r.append((r"|\mathbf{l}'| = 2L + 1 .", all(len(ctc_alpha(l, [np.ones(4)], "_abc")[1]) == 2 * len(l) + 1 for l in ["a", "ab", "abc"])))
    r.append((r"mit $2 \cdot 2 + 1 = 5$ Zuständen", ext == ["_", "a", "_", "b", "_"] and 2 * 2 + 1 == 5))
    def tmin(l):
        T = 1
        while not preimage(l, T, "_ab"):
            T += 1
        return T
    ok = all(tmin(l) == len(l) + sum(l[i] == l[i + 1] for i in range(len(l) - 1)) for l in ["ab", "aab", "aa", "aba", "abb"])
    r.append((r"also $T \ge 3 + 1 = 4$", tmin("aab") == 4 and ok))
    return r
checks["01_ctc_kollaps_de.md"] = c01

# ---------------- 02 ----------------
def c02():
    Y = [np.array([.5, .4, .1]), np.array([.3, .4, .3]), np.array([.2, .2, .6])]
    A, ext = ctc_alpha("ab", Y, "_ab")
    P = A[2, 3] + A[2, 4]
    r = []
    r.append((r"soit $S = 2L+1 = 5$ états", len(ext) == 5))
    r.append((r"\alpha_1(1) = y^1_{\_} = 0{,}5, \qquad", close(.5, A[0, 0], 3) and close(.4, A[0, 1], 3) and not A[0, 2:].any()))
    r.append((r"il est permis vers $s = 4$", ext[3] != "_" and ext[3] != ext[1]))
    r.append((r"= 0{,}5 \times 0{,}3 = 0{,}15", close(.15, A[1, 0], 4) and close(.15, .5 * .3, 4)))
    r.append((r"(0{,}4 + 0{,}5) \times 0{,}4 = 0{,}32", close(.32, A[1, 1], 4) and close(.32, (.4 + .5) * .4, 4)))
    r.append((r"y^2_{\_} = 0{,}4 \times 0{,}3 = 0{,}12", close(.12, A[1, 2], 4)))
    r.append((r"y^2_b = 0{,}4 \times 0{,}3 = 0{,}12", close(.12, A[1, 3], 4)))
    r.append((r"\bigl(\alpha_1(5) + \alpha_1(4)\bigr)\, y^2_{\_} = 0 .", A[1, 4] == 0))
    r.append((r"(0{,}12 + 0{,}12 + 0{,}32) \times 0{,}6 = 0{,}336", close(.336, A[2, 3], 4)))
    r.append((r"= 0{,}12 \times 0{,}2 = 0{,}024", close(.024, A[2, 4], 4)))
    r.append((r"= 0{,}336 + 0{,}024 = 0{,}36 .", close(.36, P, 4) and close(P, label_prob_enum("ab", Y, "_ab"), 9)))
    r.append((r"\mathcal{L} = -\ln 0{,}36 \approx 1{,}022", close(1.022, -log(P), 3)))
    r.append((r"$S \times T = 5 \times 3 = 15$", A.size == 15))
    return r
checks["02_ctc_alpha_fr.md"] = c02

# ---------------- 03 ----------------
def c03():
    Y = [np.array([.6, .3, .1]), np.array([.5, .2, .3])]
    al = "_ab"
    P = label_prob_enum("a", Y, al)
    r = []
    r.append((r"son $aa$, $a\_$ y $\_a$", sorted(preimage("a", 2, al)) == sorted(["aa", "a_", "_a"]) and collapse("ab") == "ab"))
    r.append((r"p(aa) &= 0{,}3 \cdot 0{,}2 = 0{,}06", close(.06, path_prob("aa", Y, al), 4)))
    r.append((r"p(a\_) &= 0{,}3 \cdot 0{,}5 = 0{,}15", close(.15, path_prob("a_", Y, al), 4)))
    r.append((r"p(\_a) &= 0{,}6 \cdot 0{,}2 = 0{,}12", close(.12, path_prob("_a", Y, al), 4)))
    r.append((r"p(a\mid x) = 0{,}06 + 0{,}15 + 0{,}12 = 0{,}33,", close(.33, P, 4)))
    r.append((r"\mathcal{L}_{\text{CTC}} = -\ln 0{,}33 \approx 1{,}109", close(1.109, -log(P), 3)))
    allp = {"".join(p): path_prob("".join(p), Y, al) for p in itertools.product(al, repeat=2)}
    best = max(allp, key=allp.get)
    maxa = max(path_prob(p, Y, al) for p in preimage("a", 2, al))
    r.append((r"es $\_\,\_$ con $0{,}6\cdot 0{,}5 = 0{,}30$", best == "__" and close(.30, allp["__"], 4) and collapse("__") == ""))
    r.append((r"Ningún camino individual hacia $a$ supera $0{,}15$", close(.15, maxa, 9) and P > .30))
    r.append((r"$-\ln 0{,}15 \approx 1{,}897$, una cota superior", close(1.897, -log(.15), 3) and -log(.15) >= -log(P)))
    ok = all(len(preimage("a", T, "_a")) == comb(T, 2) + T == T * (T + 1) // 2 for T in range(1, 8))
    r.append((r"= \binom{T}{2} + T = \frac{T(T+1)}{2}.", ok))
    r.append((r"para $T = 3$ salen $6$", sorted(preimage("a", 3, "_a")) == sorted(["aaa", "aa_", "_aa", "a__", "_a_", "__a"])))
    A, ext = ctc_alpha("a", Y, al)
    r.append((r"\alpha_2(2) = (0{,}3 + 0{,}6)\cdot 0{,}2 = 0{,}18", allclose([.6, .3, 0], A[0], 4) and close(.18, A[1, 1], 4) and close(.15, A[1, 2], 4)))
    r.append((r"y $p(a\mid x) = \alpha_2(2) + \alpha_2(3) = 0{,}33$", close(.33, A[1, 1] + A[1, 2], 4)))
    return r
checks["03_perdida_ctc_es.md"] = c03

# ---------------- 04 ----------------
def c04():
    al = "_ab"
    Y = [np.array([.6, .3, .1]), np.array([.5, .2, .3])]
    G, P = occupancy("a", Y, al)
    r = []
    # random point for the symbolic part
    Ur = rng.normal(size=(2, 3))
    Yr = [softmax(u) for u in Ur]
    Gr, Pr = occupancy("a", Yr, al)
    r.append((r"Por construção, $\sum_k \gamma^t_k = 1$", np.allclose(Gr.sum(1), 1)))
    # d ln p / d ln y (y treated as free)
    lnY = np.log(np.array(Yr))
    dl = fd_grad(lambda L: log(label_prob_enum("a", list(np.exp(L)), al)), lnY)
    r.append((r"{\partial \ln y^t_k} = \gamma^t_k .", np.allclose(dl, Gr, atol=1e-6)))
    z = rng.normal(size=3)
    J = fd_grad(lambda u: 0, z)  # placeholder
    Jac = np.array([fd_grad(lambda u, k=k: np.log(softmax(u))[k], z) for k in range(3)])
    r.append((r"\dfrac{\partial \ln y^t_{k}}{\partial u^t_j} = \delta_{kj} - y^t_j", np.allclose(Jac, np.eye(3) - softmax(z)[None, :], atol=1e-6)))
    gtrue = fd_grad(lambda U: ctc_loss_logits("a", U, al), Ur.copy())
    Yarr = np.array(Yr)
    e1 = np.array([[-sum(Gr[t, k] * ((k == j) - Yarr[t, j]) for k in range(3)) for j in range(3)] for t in range(2)])
    r.append((r"&= -\sum_k \gamma^t_k\,\bigl(\delta_{kj} - y^t_j\bigr) \\", np.allclose(gtrue, e1, atol=1e-5)))
    e2 = -Gr + Yarr * Gr.sum(1, keepdims=True)
    r.append((r"&= -\gamma^t_j + y^t_j \sum_k \gamma^t_k \\", np.allclose(gtrue, e2, atol=1e-5)))
    r.append((r"&= \gamma^t_j - y^t_j .", np.allclose(gtrue, Gr - Yarr, atol=1e-5)))
    r.append((r"logo $p = 0{,}33$", close(.33, P, 4) and allclose([.06, .15, .12], [path_prob(p, Y, al) for p in ["aa", "a_", "_a"]], 4)))
    r.append((r"\approx (0{,}3636;\ 0{,}6364;\ 0), \qquad", allclose([.3636, .6364, 0], G[0], 4) and allclose([.4545, .5455, 0], G[1], 4)
              and close(.12 / .33, G[0, 0], 9) and close(.15 / .33, G[1, 0], 9)))
    U = np.log(np.array(Y))
    g = fd_grad(lambda U: ctc_loss_logits("a", U, al), U.copy())
    r.append((r"\approx (-0{,}2364;\ 0{,}3364;\ -0{,}1), \qquad", allclose([-.2364, .3364, -.1], g[0], 4) and allclose([-.0455, .3455, -.3], g[1], 4)))
    r.append((r"Cada vetor soma zero", abs(-.2364 + .3364 - .1) < 1e-9 and abs(-.0455 + .3455 - .3) < 1e-9))
    return r
checks["04_gradiente_ctc_pt.md"] = c04

# ---------------- 05 ----------------
def c05():
    P1 = {"A": .5, "B": .4, "E": .1}
    P2 = {"A": {"A": .1, "B": .3, "E": .6}, "B": {"A": .7, "B": .2, "E": .1}}
    r = []
    r.append((r"s(A) = \ln 0.5 = -0.6931", close(-.6931, log(.5), 4) and close(-.9163, log(.4), 4) and close(-2.3026, log(.1), 4)))
    top1 = sorted(P1, key=P1.get, reverse=True)[:2]
    r.append((r"The beam keeps $\{A, B\}$.", set(top1) == {"A", "B"}))
    cand = {a + b: log(P1[a]) + log(P2[a][b]) for a in "AB" for b in "ABE"}
    r.append((r"giving $2 \times 3 = 6$ candidates", len(cand) == 6))
    r.append((r"s(A\,A) &= \ln 0.5 + \ln 0.1 = -2.9957", close(-2.9957, cand["AA"], 4) and close(-1.2730, cand["BA"], 4)))
    r.append((r"s(A\,B) &= \ln 0.5 + \ln 0.3 = -1.8971", close(-1.8971, cand["AB"], 4) and close(-2.5257, cand["BB"], 4)))
    r.append((r"s(A\,\texttt{</s>}) &= \ln 0.5 + \ln 0.6 = -1.2040", close(-1.2040, cand["AE"], 4) and close(-3.2189, cand["BE"], 4)))
    top2 = sorted(cand, key=cand.get, reverse=True)[:2]
    r.append((r"The top two are $A\,\texttt{</s>}$ ($-1.2040$) and $B\,A$", top2 == ["AE", "BA"]))
    s3 = log(.4) + log(.7) + log(.9)
    r.append((r"s(B\,A\,\texttt{</s>}) = \ln 0.4 + \ln 0.7 + \ln 0.9 = -1.3783 .", close(-1.3783, s3, 4)))
    r.append((r"wins because $-1.2040 > -1.3783$", cand["AE"] > s3 and close(.30, .5 * .6, 9) and close(.252, .4 * .7 * .9, 9)))
    r.append((r"\tilde s(A\,\texttt{</s>}) = \frac{-1.2040}{2} = -0.6020", close(-.6020, cand["AE"] / 2, 4)))
    r.append((r"\frac{-1.3783}{3} = -0.4594 .", close(-.4594, s3 / 3, 4) and s3 / 3 > cand["AE"] / 2))
    r.append((r"against the $3 + 6 + 3 = 12$ scores", 3 + 3 == 6 and 3 + 6 + 3 == 12 and max(P2["A"], key=P2["A"].get) == "E"))
    return r
checks["05_beam_search_en.md"] = c05

# ---------------- 06 ----------------
def c06():
    lp = lambda n, a: ((5 + n) / 6) ** a
    r = []
    r.append((r"si ha $\operatorname{lp} = 1$ e si ritorna", lp(7, 0) == 1 and lp(1, 1) == 1))
    r.append((r"\frac{-3{,}2}{4} = -0{,}8, \qquad", close(-.8, -3.2 / 4, 4)))
    r.append((r"\frac{-3{,}7}{7} \approx -0{,}5286", close(-.5286, -3.7 / 7, 4) and -3.7 / 7 > -.8))
    r.append((r"= 1{,}5^{0{,}6} \approx 1{,}2754", close(1.2754, lp(4, .6), 4)))
    r.append((r"= 2^{0{,}6} \approx 1{,}4142", close(1.4142, lp(7, .6), 4)))
    r.append((r"\frac{-3{,}2}{1{,}2754} \approx -2{,}5090", close(-2.5090, -3.2 / lp(4, .6), 4)))
    r.append((r"\frac{-3{,}7}{1{,}4142} \approx -2{,}6163", close(-2.6163, -3.7 / lp(7, .6), 4)))
    r.append((r"Con $\alpha = 0{,}6$ vince dunque ancora $Y_1$", -3.2 / lp(4, .6) > -3.7 / lp(7, .6)))
    r.append((r"\frac{-3{,}2}{1{,}5} \approx -2{,}1333", close(-2.1333, -3.2 / lp(4, 1), 4) and lp(4, 1) == 1.5 and lp(7, 1) == 2))
    r.append((r"\frac{-3{,}7}{2} = -1{,}85", close(-1.85, -3.7 / 2, 4)))
    r.append((r"= 3{,}7/3{,}2 = 1{,}15625", close(1.15625, 3.7 / 3.2, 6)))
    return r
checks["06_normalizzazione_lunghezza_it.md"] = c06

# ---------------- 07 ----------------
def c07():
    V, T, k = 10 ** 4, 20, 5
    def beam_counts(V, T, k):
        hyps, scores, calls = 1, 0, 0
        for t in range(T):
            scores += hyps * V
            calls += hyps
            hyps = min(k, hyps * V)
        return scores, calls
    ok = all(beam_counts(v, tt, kk)[0] == v + (tt - 1) * kk * v for v in [3, 7] for tt in [2, 4] for kk in [1, 2])
    N_b, calls = beam_counts(V, T, k)
    r = []
    r.append((r"= 10^{80}", V ** T == 10 ** 80))
    r.append((r"20 \cdot 10^{4} = 2\cdot 10^{5}", T * V == 2 * 10 ** 5))
    r.append((r"N_{\text{луч}} = V + (T-1)\,kV .", ok))
    r.append((r"10^{4} + 20\cdot 5\cdot 10^{4} = 1\,010\,000", N_b == 1010000 and 10 ** 4 + 20 * 5 * 10 ** 4 == 1010000))
    r.append((r"1 + 19\cdot 5 = 96", calls == 96 and 1 + 19 * 5 == 96))
    r.append((r"\frac{1\,010\,000}{200\,000} = 5{,}05", close(5.05, N_b / (T * V), 2)))
    r.append((r"из $kV = 5\cdot 10^{4}$ чисел", k * V == 5 * 10 ** 4))
    r.append((r"$\log_2 k \approx 2{,}32$", close(2.32, math.log2(k), 2) and close(15.61, math.log2(k * V), 2) and close(6.7, math.log2(k * V) / math.log2(k), 1)))
    return r
checks["07_greedy_vs_beam_ru.md"] = c07

# ---------------- 08 ----------------
def c08():
    p = np.array([.25, .5, .1, .4])
    nl = -np.log(p)
    H = nl.mean()
    r = []
    r.append((r"-\ln 0.25 = 1.3863", allclose([1.3863, .6931, 2.3026, .9163], nl, 4)))
    r.append((r"求和得 $5.2983$", close(5.2983, nl.sum(), 4)))
    r.append((r"H = \frac{5.2983}{4} \approx 1.3246", close(1.3246, H, 4)))
    r.append((r"\mathrm{PPL} = e^{1.3246} \approx 3.761 .", close(3.761, exp(H), 3)))
    r.append((r"0.25 \times 0.5 \times 0.1 \times 0.4 = 0.005", close(.005, p.prod(), 9)))
    r.append((r"0.005^{-1/4} \approx 3.761", close(3.761, .005 ** -.25, 3)))
    r.append((r"H_2 = \frac{1.3246}{0.6931} \approx 1.911", close(1.911, H / log(2), 3) and close(3.761, 2 ** (H / log(2)), 3)))
    Vv = 7
    r.append((r"则 $p_i = 1/V$，$H = \ln V$，$\mathrm{PPL} = V$", close(Vv, exp(-np.log(np.full(5, 1 / Vv)).mean()), 9)))
    r.append((r"H = \ln 32000 \approx 10.37", close(10.37, log(32000), 2)))
    return r
checks["08_perplexity_zh.md"] = c08

# ---------------- 09 ----------------
def c09():
    K, eps = 4, .1
    def q_of(y, K, eps):
        q = np.full(K, eps / K)
        q[y] += 1 - eps
        return q
    r = []
    r.append((r"(1-\varepsilon) + K\cdot\frac{\varepsilon}{K} = 1", all(abs(q_of(1, kk, e).sum() - 1) < 1e-12 for kk in [3, 5] for e in [.1, .3])))
    z = rng.normal(size=5)
    Jac = np.array([fd_grad(lambda u, k=k: np.log(softmax(u))[k], z) for k in range(5)])
    r.append((r"\frac{\partial \log p_k}{\partial z_j} = \mathbb{1}[k=j] - p_j", np.allclose(Jac, np.eye(5) - softmax(z)[None, :], atol=1e-6)))
    q = q_of(2, 5, .2)
    loss = lambda u: -(q * np.log(softmax(u))).sum()
    g = fd_grad(loss, z.copy())
    p = softmax(z)
    r.append((r"&= -\sum_k q_k\,\bigl(\mathbb{1}[k=j] - p_j\bigr) \\", np.allclose(g, [-(q * ((np.arange(5) == j) - p[j])).sum() for j in range(5)], atol=1e-6)))
    r.append((r"&= -q_j + p_j\sum_k q_k \\", np.allclose(g, -q + p * q.sum(), atol=1e-6)))
    r.append((r"&= p_j - q_j .", np.allclose(g, p - q, atol=1e-6)))
    r.append((r"\ell = (1-\varepsilon)\bigl(-\log p_y\bigr)", close(loss(z), (1 - .2) * (-np.log(p[2])) + .2 * (-np.log(p).mean()), 9)))
    z0 = np.array([2., 1., 0., -1.])
    p0 = softmax(z0)
    r.append((r"e^{z} \approx (7.3891,\ 2.7183,\ 1,\ 0.3679)", allclose([7.3891, 2.7183, 1, .3679], np.exp(z0), 4) and close(11.4752, np.exp(z0).sum(), 4)))
    r.append((r"p \approx (0.6439,\ 0.2369,\ 0.0871,\ 0.0321).", allclose([.6439, .2369, .0871, .0321], p0, 4)))
    q0 = q_of(0, K, eps)
    r.append((r"= (0.9,\ 0.025,\ 0.025,\ 0.025).", allclose([.9, .025, .025, .025], q0, 4) and close(.025, eps / K, 9)))
    g0 = fd_grad(lambda u: -(q0 * np.log(softmax(u))).sum(), z0.copy())
    r.append((r"\nabla_z \ell = p - q \approx (-0.2561,", allclose([-.2561, .2119, .0621, .0071], g0, 4)))
    r.append((r"$0.6439 - 1 = -0.3561$", close(-.3561, p0[0] - 1, 4) and g0[0] > p0[0] - 1))
    Z = rng.normal(size=(3, 4)); ys = [0, 2, 1]
    Lseq = lambda Z: sum(-(q_of(ys[t], 4, eps) * np.log(softmax(Z[t]))).sum() for t in range(3))
    gs = fd_grad(Lseq, Z.copy())
    r.append((r"\frac{\partial \mathcal{L}}{\partial z_t} = p_t - q_t \qquad", np.allclose(gs, np.array([softmax(Z[t]) - q_of(ys[t], 4, eps) for t in range(3)]), atol=1e-6)))
    Hq = -(q0 * np.log(q0)).sum()
    r.append((r"$q$ のエントロピー $H(q)$ である", close(Hq, -(q0 * np.log(q0)).sum(), 12) and np.allclose(fd_grad(lambda u: -(q0 * np.log(softmax(u))).sum(), np.log(q0)), 0, atol=1e-6)))
    return r
checks["09_label_smoothing_ja.md"] = c09

# ---------------- 10 ----------------
def c10():
    g = np.array([.7, .5, .8, .9])
    nl = -np.log(g)
    r = []
    r.append((r"| 1 | 나 | 0.7 | 0.3567 |", close(.3567, nl[0], 4)))
    r.append((r"| 2 | 는 | 0.5 | 0.6931 |", close(.6931, nl[1], 4)))
    r.append((r"| 3 | 간다 | 0.8 | 0.2231 |", close(.2231, nl[2], 4)))
    r.append((r"| 4 | </s> | 0.9 | 0.1054 |", close(.1054, nl[3], 4)))
    r.append((r"0.3567 + 0.6931 + 0.2231 + 0.1054 = 1.3783", close(1.3783, nl.sum(), 4)))
    r.append((r"0.7\times 0.5\times 0.8\times 0.9 = 0.252", close(.252, g.prod(), 9) and close(1.3783, -log(g.prod()), 4)))
    r.append((r"$1.3783/4 \approx 0.3446$", close(.3446, nl.mean(), 4) and close(1.411, exp(nl.mean()), 3)))
    z = rng.normal(size=6)
    gg = fd_grad(lambda u: -np.log(softmax(u))[3], z.copy())
    r.append((r"\frac{\partial \mathcal{L}}{\partial z_t} = p_t - e_{y_t},", np.allclose(gg, softmax(z) - np.eye(6)[3], atol=1e-6)))
    p2 = np.array([.2, .5, .3])
    gg2 = fd_grad(lambda u: -np.log(softmax(u))[1], np.log(p2))
    r.append((r"= (0.2,\ 0.5 - 1,\ 0.3) = (0.2,\ -0.5,\ 0.3)", allclose([.2, -.5, .3], gg2, 4) and abs(.2 - .5 + .3) < 1e-12))
    r.append((r"32 \times 20 \times 8000 = 5\,120\,000", np.empty((32, 20, 8000), dtype=np.int8).size == 5120000))
    r.append((r"8000\cdot 512 + 8000 = 4\,104\,000", np.empty((8000, 512), np.int8).size + 8000 == 4104000))
    return r
checks["10_teacher_forcing_ko.md"] = c10

# ---------------- 11 ----------------
def c11():
    lab = "hello"
    A, ext = ctc_alpha(lab, [np.ones(5)] * 50, "_helo")
    S = len(ext)
    skips = [s + 1 for s in range(2, S) if ext[s] != "_" and ext[s] != ext[s - 2]]
    edges = S + (S - 1) + len(skips)
    r = []
    r.append((r"S = 2\cdot 5 + 1 = 11", S == 11 and "".join(ext) == "_h_e_l_l_o_"))
    r.append((r"krata ma $11 \cdot 50 = 550$ węzłów", A.size == 550))
    r.append((r"Mamy więc 3 krawędzie przeskoku.", skips == [4, 6, 10]))
    r.append((r"= 24,", edges == 24))
    r.append((r"24 \cdot 49 = 1176", edges * 49 == 1176))
    def tmin():
        T = 1
        while True:
            Y = [np.full(5, .2)] * T
            Aa, _ = ctc_alpha(lab, Y, "_helo")
            if Aa[-1, -1] + Aa[-1, -2] > 0:
                return T
            T += 1
    r.append((r"T_{\min} = L = 5 .", tmin() == 5))
    r.append((r"16 \cdot 50 \cdot 11 \cdot 4 = 35\,200", np.empty((16, 50, 11), np.float32).nbytes == 35200 and close(34.4, 35200 / 1024, 1)))
    r.append((r"razem $70\,400$ B", 2 * 35200 == 70400))
    r.append((r"mamy $S = 201$", 2 * 100 + 1 == 201 and 201 * 1000 == 201000))
    return r
checks["11_krata_ctc_pl.md"] = c11

# ---------------- 12 ----------------
def c12():
    al = "_a"
    Y = [np.array([.4, .6]), np.array([.7, .3]), np.array([.2, .8])]
    A, ext = ctc_alpha("aa", Y, al)
    P = A[2, 3] + A[2, 4]
    r = []
    r.append((r"dus $S = 2L+1 = 5$ toestanden", len(ext) == 5))
    r.append((r"omdat $l'_4 = l'_2 = a$", ext[3] == ext[1] == "a" and collapse("aa") == "a"))
    r.append((r"\alpha_1(1) = 0{,}4, \qquad \alpha_1(2) = 0{,}6", allclose([.4, .6, 0, 0, 0], A[0], 4)))
    r.append((r"= 0{,}4 \cdot 0{,}7 = 0{,}28", close(.28, A[1, 0], 4)))
    r.append((r"= 1{,}0 \cdot 0{,}3 = 0{,}30", close(.30, A[1, 1], 4)))
    r.append((r"= 0{,}6 \cdot 0{,}7 = 0{,}42", close(.42, A[1, 2], 4)))
    r.append((r"\alpha_2(4) &= \bigl(\alpha_1(4)+\alpha_1(3)\bigr)\,y^2_a = 0,", A[1, 3] == 0))
    r.append((r"\alpha_2(5) &= \bigl(\alpha_1(5)+\alpha_1(4)\bigr)\,y^2_{\_} = 0 .", A[1, 4] == 0))
    r.append((r"0{,}28 \cdot 0{,}2 = 0{,}056", close(.056, A[2, 0], 4)))
    r.append((r"(0{,}30 + 0{,}28)\cdot 0{,}8 = 0{,}464", close(.464, A[2, 1], 4)))
    r.append((r"(0{,}42 + 0{,}30)\cdot 0{,}2 = 0{,}144", close(.144, A[2, 2], 4)))
    r.append((r"(0 + 0{,}42)\cdot 0{,}8 = 0{,}336", close(.336, A[2, 3], 4)))
    r.append((r"(\alpha_2(5) + \alpha_2(4))\cdot y^3_{\_} = 0 .", A[2, 4] == 0))
    r.append((r"\alpha_3(4) + \alpha_3(5) = 0{,}336, \qquad", close(.336, P, 4) and close(P, label_prob_enum("aa", Y, al), 12)))
    r.append((r"-\ln 0{,}336 \approx 1{,}091", close(1.091, -log(P), 3)))
    r.append((r"met kans $0{,}6 \cdot 0{,}7 \cdot 0{,}8 = 0{,}336$", preimage("aa", 3, al) == ["a_a"] and close(.336, .6 * .7 * .8, 9)))
    r.append((r"$T_{\min} = L + 1 = 3$", not preimage("aa", 2, al) and [collapse(p) for p in ["aa", "a_", "_a", "__"]] == ["a", "a", "a", ""]))
    r.append((r"$\alpha_2(4) = 0{,}6 \cdot 0{,}3 = 0{,}18$", close(.18, .6 * .3, 9)))
    return r
checks["12_ctc_herhaling_nl.md"] = c12

# ---------------- 13 ----------------
def c13():
    P1 = {"x": .6, "y": .4}
    P2 = {"x": {"x": .45, "y": .55}, "y": {"x": .9, "y": .1}}
    P3 = {"xy": {"x": .5, "y": .5}, "yx": {"x": .8, "y": .2}}
    r = []
    vals = [.6, .4, .45, .55, .9, .1, .5, .8, .2]
    cl = [-.5108, -.9163, -.7985, -.5978, -.1054, -2.3026, -.6931, -.2231, -1.6094]
    r.append((r"Các giá trị log cần dùng", allclose(cl, [log(v) for v in vals], 4)))
    sg = log(.6) + log(.55) + log(.5)
    r.append((r"\ln 0{,}6 + \ln 0{,}55 + \ln 0{,}5 \approx -1{,}8018,", close(-1.8018, sg, 4)))
    r.append((r"P = 0{,}6 \cdot 0{,}55 \cdot 0{,}5 = 0{,}165", close(.165, .6 * .55 * .5, 9)))
    s2 = {a + b: log(P1[a]) + log(P2[a][b]) for a in "xy" for b in "xy"}
    r.append((r"s(xx) &= -0{,}5108 - 0{,}7985 = -1{,}3093", close(-1.3093, s2["xx"], 4) and close(-1.1087, s2["xy"], 4)))
    r.append((r"s(yx) &= -0{,}9163 - 0{,}1054 = -1{,}0217", close(-1.0217, s2["yx"], 4) and close(-3.2189, s2["yy"], 4)))
    top = sorted(s2, key=s2.get, reverse=True)[:2]
    r.append((r"Giữ lại hai giả thuyết tốt nhất", top == ["yx", "xy"]))
    s3 = {h + c: s2[h] + log(P3[h][c]) for h in top for c in "xy"}
    r.append((r"s(xyx) &= -1{,}1087 - 0{,}6931 = -1{,}8018", close(-1.8018, s3["xyx"], 4) and close(-1.8018, s3["xyy"], 4)))
    r.append((r"s(yxx) &= -1{,}0217 - 0{,}2231 = -1{,}2448", close(-1.2448, s3["yxx"], 4) and close(-2.6311, s3["yxy"], 4)))
    r.append((r"P(yxx) = 0{,}4 \cdot 0{,}9 \cdot 0{,}8 = 0{,}288", close(.288, exp(s3["yxx"]), 9) and close(.288, exp(-1.2448), 3) and max(s3, key=s3.get) == "yxx"))
    r.append((r"$0{,}288/0{,}165 \approx 1{,}745$", close(1.745, .288 / .165, 3)))
    full = {a + b + c: P1[a] * P2[a][b] * (P3[a + b][c] if a + b in P3 else 1) for a in "xy" for b in "xy" for c in "xy"}
    r.append((r"$0{,}6\cdot 0{,}45 = 0{,}27 < 0{,}288$", close(.27, .6 * .45, 9) and .27 < .288 and len(full) == 8))
    r.append((r"$2 + 4 + 4 = 10$ so với $2 + 2 + 2 = 6$", 2 + 4 + 4 == 10 and 2 + 2 + 2 == 6))
    return r
checks["13_tim_kiem_chum_vi.md"] = c13

# ---------------- 14 ----------------
def c14():
    H = 2302.6 / 1000
    r = []
    r.append((r"H_A = \frac{2302{,}6}{1000} = 2{,}3026", close(2.3026, H, 4)))
    r.append((r"\mathrm{PPL}_A = e^{2{,}3026} \approx 10{,}00", close(10.00, exp(H), 2)))
    r.append((r"\frac{2{,}3026}{0{,}6931} \approx 3{,}322", close(3.322, H / log(2), 3) and close(10.00, 2 ** 3.322, 2)))
    r.append((r"\mathrm{PPL}_B = 2^{2{,}0} = 4{,}00", close(4.00, exp(2.0), 2)))
    r.append((r"H_A - H_B = 2{,}3026 - 2{,}0 = 0{,}3026", close(.3026, H - 2.0, 4)))
    r.append((r"\frac{10{,}00 - 4{,}00}{10{,}00} = 0{,}60", close(.60, (exp(H) - exp(2.0)) / exp(H), 2)))
    r.append((r"H = \ln 50\,000 \approx 10{,}82", close(10.82, log(50000), 2)))
    return r
checks["14_perpleksite_tr.md"] = c14

# ---------------- 15 ----------------
def c15():
    al = "_ab"
    Y = [np.array([.5, .4, .1]), np.array([.3, .4, .3]), np.array([.2, .2, .6])]
    A, ext = ctc_alpha("ab", Y, al)
    # backward without emission at t
    T, S = 3, 5
    Bh = np.zeros((T, S)); Bh[2, 3] = Bh[2, 4] = 1
    idx = [al.index(c) for c in ext]
    for t in range(T - 2, -1, -1):
        for s in range(S):
            tot = 0
            for s2 in (s, s + 1, s + 2):
                if s2 >= S:
                    continue
                if s2 == s + 2 and not (ext[s2] != "_" and ext[s2] != ext[s]):
                    continue
                tot += Y[t + 1][idx[s2]] * Bh[t + 1, s2]
            Bh[t, s] = tot
    P = A[2, 3] + A[2, 4]
    G, Pe = occupancy("ab", Y, al)
    r = []
    r.append((r"\frac{\partial \mathcal{L}}{\partial u^t_k} = y^t_k - \gamma^t_k, \qquad", True))
    r.append((r"= (0{,}15;\ 0{,}36;\ 0{,}12;\ 0{,}12;\ 0).", allclose([.15, .36, .12, .12, 0], A[1], 4) and allclose([.5, .4, 0, 0, 0], A[0], 4)))
    r.append((r"\hat\beta_2(1) &= 0", Bh[1, 0] == 0))
    r.append((r"\hat\beta_2(2) &= y^3_b = 0{,}6", close(.6, Bh[1, 1], 4)))
    r.append((r"\hat\beta_2(3) &= y^3_b = 0{,}6", close(.6, Bh[1, 2], 4)))
    r.append((r"= 0{,}6 + 0{,}2 = 0{,}8", close(.8, Bh[1, 3], 4)))
    r.append((r"\hat\beta_2(5) &= y^3_{\_} = 0{,}2", close(.2, Bh[1, 4], 4)))
    r.append((r"= (0;\ 0{,}216;\ 0{,}072;\ 0{,}096;\ 0)$", allclose([0, .216, .072, .096, 0], A[1] * Bh[1], 4)))
    r.append((r"= 0{,}216 + 0{,}072 + 0{,}096 = 0{,}384", close(.384, (A[1] * Bh[1]).sum(), 4) and close(.384, P, 4)))
    pp = [path_prob(p, Y, al) for p in ["aab", "abb", "_ab", "a_b", "ab_"]]
    r.append((r"$aab$ ($0{,}096$), $abb$ ($0{,}072$)", allclose([.096, .072, .12, .072, .024], pp, 4) and close(.384, sum(pp), 4)
              and sorted(preimage("ab", 3, al)) == sorted(["aab", "abb", "_ab", "a_b", "ab_"])))
    r.append((r"Pro každé $t$ platí", np.allclose((A * Bh).sum(1), P)))
    r.append((r"= (0{,}1875;\ 0{,}5625;\ 0{,}25).", allclose([.1875, .5625, .25], G[1], 4)))
    U = np.log(np.array(Y))
    g = fd_grad(lambda U: ctc_loss_logits("ab", U, al), U.copy())
    r.append((r"= (0{,}1125;\ -0{,}1625;\ 0{,}05).", allclose([.1125, -.1625, .05], g[1], 4)))
    r.append((r"$0{,}1125 - 0{,}1625 + 0{,}05 = 0$", abs(.1125 - .1625 + .05) < 1e-12 and .5625 > .4))
    r.append((r"$\mathcal{L} = -\ln 0{,}384 \approx 0{,}957$", close(.957, -log(P), 3)))
    # general formula check at a random point
    Ur = rng.normal(size=(3, 3))
    Gr, _ = occupancy("ab", [softmax(u) for u in Ur], al)
    gr = fd_grad(lambda U: ctc_loss_logits("ab", U, al), Ur.copy())
    r[0] = (r[0][0], np.allclose(gr, np.array([softmax(u) for u in Ur]) - Gr, atol=1e-5))
    return r
checks["15_gradient_ctc_cs.md"] = c15

# ---------------- 16 ----------------
def c16():
    z11 = np.array([1., 0., -1.])
    p = softmax(z11)
    gold = np.array([p[0], .5, .8, .4, .9])
    nl = -np.log(gold)
    N = 5
    r = []
    r.append((r"N = \sum_{b,t} m_{b,t} = n_1 + n_2 = 5", 3 + 2 == 5))
    r.append((r"{e + 1 + e^{-1}} \approx \frac{(2.7183,\ 1,\ 0.3679)}{4.0862}", close(4.0862, np.exp(z11).sum(), 4) and allclose([.6652, .2447, .0900], p, 4)))
    r.append((r"| $p[y]$ | 0.6652 |", close(.6652, p[0], 4)))
    r.append((r"| $-\ln p[y]$ | 0.4076 |", allclose([.4076, .6931, .2231, .9163, .1054], nl, 4)))
    r.append((r"Summing, $\sum = 2.3455$", close(2.3455, nl.sum(), 4)))
    r.append((r"\frac{2.3455}{5} = 0.4691", close(.4691, nl.mean(), 4) and close(1.599, exp(nl.mean()), 3)))
    zz = rng.normal(size=4)
    r.append((r"$\partial(-\ln p[y])/\partial z = p - e_y$", np.allclose(fd_grad(lambda u: -np.log(softmax(u))[2], zz.copy()), softmax(zz) - np.eye(4)[2], atol=1e-6)))
    # random padded batch
    Z = rng.normal(size=(2, 3, 3)); Yg = np.array([[0, 2, 1], [1, 1, 0]]); M = np.array([[1, 1, 1], [1, 1, 0]])
    def Lb(Z):
        tot = 0
        for b in range(2):
            for t in range(3):
                if M[b, t]:
                    tot += -np.log(softmax(Z[b, t]))[Yg[b, t]]
        return tot / M.sum()
    G = fd_grad(Lb, Z.copy())
    r.append((r"= p_{b,t} - e_{y_{b,t}} .", np.allclose(G[0, 1], softmax(Z[0, 1]) - np.eye(3)[Yg[0, 1]], atol=1e-6)))
    def Lnum(z):
        return (-np.log(softmax(z))[0] + nl[1:].sum()) / N
    g11 = fd_grad(Lnum, z11.copy())
    r.append((r"= (0.6652 - 1,\ 0.2447,\ 0.0900) = (-0.3348,\ 0.2447,\ 0.0900).", allclose([-.3348, .2447, .0900], g11, 4)))
    r.append((r"$-0.3348 + 0.2447 + 0.0900 \approx 0$", abs(-.3348 + .2447 + .0900) <= 2e-4))
    r.append((r"\frac{\partial \mathcal{L}}{\partial z_{2,3}} = (0,\ 0,\ 0).", np.allclose(G[1, 2], 0, atol=1e-9)))
    nz = int((np.abs(G) > 1e-9).sum())
    r.append((r"i.e. $18$ entries, of which $15$", Z.size == 18 and nz == 15))
    Gs = fd_grad(lambda Z: Lb(Z) * M.sum(), Z.copy())
    r.append((r"its value would be $2.3455$ and the gradients would be $N = 5$ times larger", close(2.3455, nl.sum(), 4) and np.allclose(Gs, 5 * G, atol=1e-6)))
    r.append((r"divide by $B\cdot T_{\max} = 6$", 2 * 3 == 6))
    return r
checks["16_token_mean_loss_en.md"] = c16


def main():
    with open(os.path.join(HERE, "expected.json"), encoding="utf-8") as f:
        expected = json.load(f)
    mds = sorted(fn for fn in os.listdir(HERE) if fn.endswith(".md"))
    assert mds == sorted(checks) == sorted(expected), (mds, sorted(expected))
    bad = 0
    for fn in mds:
        lines = lines_of(fn)
        fails = []
        for sub, ok in checks[fn]():
            ln = find(lines, sub)
            if not ok:
                fails.append(ln)
        first = min(fails) if fails else None
        status = "OK" if first == expected[fn] else "MISMATCH"
        if status != "OK":
            bad += 1
        print(f"{status}  {fn}: first failing line = {first}, expected = {expected[fn]}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
