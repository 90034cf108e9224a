"""Independent truth check for the corpus: walks each file's claims line by line."""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(0)


def norm_adj(A, loops=True):
    At = A + np.eye(len(A)) if loops else A.copy()
    d = At.sum(1)
    Dm = np.diag(d ** -0.5)
    return Dm @ At @ Dm, d


def fd_grad(f, x, eps=1e-6):
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x); e[idx] = eps
        g[idx] = (f(x + e) - f(x - e)) / (2 * eps)
    return g


def parse(s):
    return float(s.replace("{,}", ".").replace(",", ".").replace("\\,", "").replace(" ", ""))


class Doc:
    def __init__(self, name):
        self.name = name
        with open(os.path.join(HERE, name), encoding="utf-8") as fh:
            self.lines = fh.read().split("\n")
        self.fails = []

    def loc(self, sub, occ=None):
        """Line of the unique occurrence of `sub` (or of its occ-th occurrence, 0-based)."""
        hits = [i + 1 for i, l in enumerate(self.lines) if sub in l]
        if occ is not None:
            assert len(hits) > occ, f"{self.name}: substring {sub!r} has no occurrence {occ}"
            return hits[occ]
        assert len(hits) == 1, f"{self.name}: substring {sub!r} found {len(hits)} times"
        return hits[0]

    def claim(self, sub, ok, what="", occ=None):
        ln = self.loc(sub, occ)
        if not ok:
            self.fails.append((ln, what or sub))
        return ln

    def num(self, sub, printed, value, tol=None, occ=None):
        """`printed` must appear on the line; its value must match `value` to printed precision."""
        ln = self.loc(sub, occ)
        assert printed in self.lines[ln - 1], f"{self.name}:{ln}: {printed!r} not on line"
        if tol is None:
            p = printed.replace("{,}", ".").replace(",", ".")
            dec = len(p.split(".")[1]) if "." in p else 0
            tol = 0.5 * 10 ** (-dec) * 1.02 + 1e-12
        ok = abs(parse(printed) - value) <= tol
        if not ok:
            self.fails.append((ln, f"{printed} vs {value:.6g}"))
        return ln

    def mat(self, sub, M_printed, M_true, dec=4, occ=None):
        ln = self.loc(sub, occ)
        ok = np.allclose(np.asarray(M_printed, float), M_true, atol=0.5 * 10 ** (-dec) * 1.02 + 1e-12, rtol=0)
        if not ok:
            self.fails.append((ln, f"matrix {M_printed} vs {np.round(M_true, dec+1).tolist()}"))
        return ln

    def first(self):
        return min(self.fails)[0] if self.fails else None


P3 = np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0]], float)


def f01():
    d = Doc("01_gcn_normalisation_en.md")
    At = P3 + np.eye(3)
    d.claim("0&1&0\\\\ 1&0&1", True)  # definitions
    dt = At.sum(1)
    d.claim("Row sums of $\\tilde A$ give", np.allclose(dt, [2, 3, 2]))
    Ah, _ = norm_adj(P3)
    exact = np.array([[.5, 6 ** -.5, 0], [6 ** -.5, 1 / 3, 6 ** -.5], [0, 6 ** -.5, .5]])
    d.claim("\\tfrac12 & \\tfrac1{\\sqrt6} & 0", np.allclose(exact, Ah))
    d.mat("\\approx \\begin{pmatrix} 0.5 & 0.4082 & 0", [[.5, .4082, 0], [.4082, .3333, .4082], [0, .4082, .5]], Ah)
    d.num("row 1 sums to", "0.9082", Ah[0].sum())
    d.num("row 1 sums to", "1.1498", Ah[1].sum())
    X = np.array([[1.], [2], [3]]); W = np.array([[1., -1]])
    AX = Ah @ X
    d.mat("\\approx \\begin{pmatrix} 1.3165\\\\ 2.2997", [[1.3165], [2.2997], [2.3165]], AX)
    Z = AX @ W
    d.mat("\\hat A X W \\approx", [[1.3165, -1.3165], [2.2997, -2.2997], [2.3165, -2.3165]], Z)
    d.mat("H^{(1)} = \\operatorname{ReLU}", [[1.3165, 0], [2.2997, 0], [2.3165, 0]], np.maximum(Z, 0))
    d.claim("The output has shape", np.maximum(Z, 0).shape == (3, 2))
    v = np.sqrt(dt)
    d.claim("is an eigenvector with eigenvalue 1", np.allclose(Ah @ v, v))
    d.claim("\\big(\\hat A\\,\\tilde D^{1/2}\\mathbf 1\\big)_1", np.isclose(0.5 * 2 ** .5 + 6 ** -.5 * 3 ** .5, 2 ** .5))
    ev = np.sort(np.linalg.eigvalsh(Ah))
    d.claim("The full spectrum of", np.allclose(ev, [-1 / 6, .5, 1]))
    d.claim("\\operatorname{tr}\\hat A = \\tfrac12 + \\tfrac13", np.isclose(np.trace(Ah), 4 / 3) and np.isclose(1 + .5 - 1 / 6, 4 / 3))
    Bn, _ = norm_adj(P3, loops=False)
    d.claim("reaches $-1$", np.isclose(np.linalg.eigvalsh(Bn).min(), -1) and ev.min() > -1)
    return d


def f02():
    d = Doc("02_gcn_vorwaerts_de.md")
    A = np.zeros((4, 4))
    for i, j in [(0, 1), (0, 2), (0, 3), (2, 3)]:
        A[i, j] = A[j, i] = 1
    At = A + np.eye(4); Ah, dt = norm_adj(A)
    d.claim("\\tilde d = (4,\\, 2,\\, 3,\\, 3)", np.allclose(dt, [4, 2, 3, 3]) and np.allclose(At, [[1,1,1,1],[1,1,0,0],[1,0,1,1],[1,0,1,1]]))
    d.num("\\hat A_{11} = \\tfrac14", "0{,}25", Ah[0, 0])
    d.num("\\hat A_{12} = \\tfrac{1}{\\sqrt{8}}", "0{,}3536", Ah[0, 1])
    d.num("\\hat A_{13} = \\hat A_{14}", "0{,}2887", Ah[0, 2])
    d.claim("\\hat A_{13} = \\hat A_{14}", np.isclose(Ah[0, 2], Ah[0, 3]) and np.isclose(12 ** -.5, Ah[0, 2]))
    d.claim("\\hat A_{12} = \\tfrac{1}{\\sqrt{8}}", np.isclose(8 ** -.5, Ah[0, 1]))
    d.claim("\\hat A_{22} = \\tfrac12", np.isclose(Ah[1, 1], .5))
    d.claim("\\hat A_{33} = \\hat A_{34}", np.allclose([Ah[2, 2], Ah[2, 3], Ah[3, 3]], 1 / 3))
    d.mat("0{,}3536 & 0{,}5 & 0 & 0", [[.3536, .5, 0, 0]], Ah[1:2])
    d.mat("0{,}25 & 0{,}3536 & 0{,}2887 & 0{,}2887", [[.25, .3536, .2887, .2887]], Ah[0:1])
    X = np.array([[1, 0], [0, 1], [1, 1], [2, 0]], float); W = np.array([[1, -1], [.5, 1]])
    AX = Ah @ X
    d.mat("(\\hat AX)_{1,:} =", [[.8274, .6422]], AX[0:1])
    d.mat("(\\hat AX)_{2,:} =", [[.3536, .5]], AX[1:2])
    d.mat("(\\hat AX)_{3,:} = (\\hat AX)_{4,:}", [[1.2887, .3333], [1.2887, .3333]], AX[2:4])
    d.claim("dieselbe geschlossene Nachbarschaft", np.allclose(At[2], At[3]))
    a, b = rng.normal(size=2)
    d.claim("Mit $W$ folgt", np.allclose(np.array([a, b]) @ W, [a + .5 * b, -a + b]))
    Z = AX @ W
    d.mat("1{,}1485 & -0{,}1852\\\\", [[1.1485, -.1852]], Z[0:1])
    d.mat("0{,}6036 & 0{,}1464\\\\", [[.6036, .1464]], Z[1:2], occ=0)
    d.mat("1{,}4553 & -0{,}9553", [[1.4553, -.9553]], Z[2:3], occ=0)
    d.mat("1{,}4553 & -0{,}9553", [[1.4553, -.9553]], Z[3:4], occ=1)
    d.mat("0{,}6036 & 0{,}1464\\\\", [[.6036, .1464]], np.maximum(Z, 0)[1:2], occ=1)
    d.mat("1{,}4553 & 0\\\\", [[1.4553, 0]], np.maximum(Z, 0)[2:3], occ=0)
    d.mat("1{,}1485 & 0\\\\", [[1.1485, 0]], np.maximum(Z, 0)[0:1])
    d.claim("Nur Knoten 2 hat", (np.maximum(Z, 0)[:, 1] > 0).tolist() == [False, True, False, False])
    return d


def f03():
    d = Doc("03_gradient_gcn_fr.md")
    Ah, _ = norm_adj(P3)
    d.mat("\\hat A = \\tilde D^{-1/2}\\tilde A\\tilde D^{-1/2} \\approx", [[.5, .4082, 0], [.4082, .3333, .4082], [0, .4082, .5]], Ah)
    # symbolic gradient at random points
    Xr = rng.normal(size=(3, 2)); Wr = rng.normal(size=(2, 2)); Yr = rng.normal(size=(3, 2))
    Lf = lambda W: 0.5 * np.sum((Ah @ Xr @ W - Yr) ** 2)
    g = fd_grad(Lf, Wr)
    P = Ah @ Xr; Zr = P @ Wr
    d.claim("= \\operatorname{tr}\\!\\big((Z-Y)^\\top P\\, dW\\big)", True)
    d.claim("\\frac{\\partial L}{\\partial W} = P^\\top (Z - Y) = X^\\top", np.allclose(g, P.T @ (Zr - Yr), atol=1e-5) and np.allclose(g, Xr.T @ Ah @ (Zr - Yr), atol=1e-5))
    d.claim("Vérification des dimensions", (P.T @ (Zr - Yr)).shape == Wr.shape)
    Lr = lambda W: 0.5 * np.sum((np.maximum(Ah @ Xr @ W, 0) - Yr) ** 2)
    gr = fd_grad(Lr, Wr)
    d.claim("il suffit de remplacer", np.allclose(gr, P.T @ ((np.maximum(Zr, 0) - Yr) * (Zr > 0)), atol=1e-5))
    X = np.array([[1, 0], [0, 1], [1, 1]], float); W = np.array([[.5], [-1]]); Y = np.array([[1.], [0], [0]])
    P = Ah @ X
    d.mat("P = \\hat A X \\approx", [[.5, .4082], [.8165, .7416], [.5, .9082]], P)
    Z = P @ W
    d.mat("Z \\approx \\begin{pmatrix} -0{,}1582", [[-.1582], [-.3333], [-.6582]], Z)
    d.mat("Z - Y \\approx", [[-1.1582], [-.3333], [-.6582]], Z - Y)
    L = 0.5 * np.sum((Z - Y) ** 2)
    d.num("L = \\tfrac12\\big(1{,}1582^2", "0{,}9430", L)
    d.num("L = \\tfrac12\\big(1{,}1582^2", "1{,}3414", 1.1582 ** 2)
    d.num("L = \\tfrac12\\big(1{,}1582^2", "0{,}4332", .6582 ** 2)
    G = P.T @ (Z - Y)
    d.mat("\\approx \\begin{pmatrix} -1{,}1804\\\\ -1{,}3179", [[-1.1804], [-1.3179]], G)
    fd = fd_grad(lambda w: 0.5 * np.sum((P @ w - Y) ** 2), W)
    d.num("Par différences finies centrées", "-1{,}1804", fd[0, 0])
    Wn = W - 0.1 * G
    d.mat("donne $W \\approx (0{,}6180;", [[.6180], [-.8682]], Wn)
    d.claim("ce qui rapproche $z_1$", (Wn[0, 0] > W[0, 0]) and (Wn[1, 0] > W[1, 0]) and abs((P @ Wn)[0, 0] - 1) < abs(Z[0, 0] - 1))
    return d


def f04():
    d = Doc("04_paso_mensajes_suma_es.md")
    A = np.zeros((4, 4))
    for u, v in [(0, 1), (0, 2), (1, 2), (2, 3), (3, 0)]:
        A[v, u] = 1
    d.mat("A = \\begin{pmatrix} 0&0&0&1", [[0,0,0,1],[1,0,0,0],[1,1,0,0],[0,0,1,0]], A, dec=0)
    h = np.array([1., 2, -1, 3]); m = A @ h
    d.claim("m_1 &= h_4 = 3", m[0] == 3)
    d.claim("m_2 &= h_1 = 1", m[1] == 1)
    d.claim("m_3 &= h_1 + h_2 = 1 + 2 = 3", m[2] == 3)
    d.claim("m_4 &= h_3 = -1", m[3] == -1)
    c = np.array([1., -2, .5, 1])
    d.claim("= 3 - 2 + 1{,}5 - 1 = 1{,}5", np.isclose(c @ m, 1.5))
    g = fd_grad(lambda hh: c @ (A @ hh), h)
    d.claim("= \\big(A^\\top \\mathbf c\\big)_u", np.allclose(g, A.T @ c))
    d.claim("&= c_2 + c_3 = -2 + 0{,}5 = -1{,}5", np.isclose(g[0], -1.5))
    d.claim("&= c_3 = 0{,}5", np.isclose(g[1], .5))
    d.claim("&= c_4 = 1,", np.isclose(g[2], 1))
    d.claim("&= c_1 = 1 .", np.isclose(g[3], 1))
    h2 = h.copy(); h2[0] += 0.1
    d.claim("Comprobación rápida", np.isclose(c @ (A @ h2) - c @ m, -0.15))
    Ar = (rng.random((5, 5)) < .4).astype(float); Hr = rng.normal(size=(5, 3)); Wr = rng.normal(size=(3, 2)); Cr = rng.normal(size=(5, 2))
    Lf = lambda H, W: np.sum(Cr * (Ar @ H @ W))
    ok = np.allclose(fd_grad(lambda H: Lf(H, Wr), Hr), Ar.T @ Cr @ Wr.T, atol=1e-5) and np.allclose(fd_grad(lambda W: Lf(Hr, W), Wr), (Ar @ Hr).T @ Cr, atol=1e-5)
    d.claim("\\frac{\\partial L}{\\partial H} = A^\\top G\\, W^\\top", ok)
    return d


def f05():
    d = Doc("05_agregacao_media_pt.md")
    A = np.zeros((4, 4))
    for i, j in [(0, 1), (0, 2), (0, 3), (1, 2)]:
        A[i, j] = A[j, i] = 1
    deg = A.sum(1)
    fwd = lambda h: (A @ h) / deg
    g = np.array([1., -1, 2, .5]); h = np.array([2., 4, -2, 6])
    true_grad = fd_grad(lambda hh: g @ fwd(hh), h)
    # symbolic line: check claimed formula at random upstream gradients
    gr = rng.normal(size=4); tg = fd_grad(lambda hh: gr @ fwd(hh), rng.normal(size=4))
    d.claim("\\partial m_v/\\partial h_u = 1/|\\mathcal N(v)|", np.isclose(fd_grad(lambda hh: fwd(hh)[1], h)[0], 1 / deg[1]))
    d.claim("= \\frac{1}{|\\mathcal N(u)|}\\sum_{v\\in\\mathcal N(u)} g_v .", np.allclose(tg, (A @ gr) / deg))
    d.claim("Graus: $|\\mathcal N(1)| = 3$", np.allclose(deg, [3, 2, 2, 1]))
    m = fwd(h)
    d.num("m_1 &= \\tfrac13(4 - 2 + 6)", "2{,}6667", m[0])
    d.claim("m_2 &= \\tfrac12(2 - 2) = 0", m[1] == 0)
    d.claim("m_3 &= \\tfrac12(2 + 4) = 3", m[2] == 3)
    d.claim("m_4 &= h_1 = 2", m[3] == 2)
    d.num("então $L = \\mathbf g^\\top\\mathbf m", "9{,}6667", g @ m)
    d.num("&= \\tfrac13(g_2 + g_3 + g_4)", "0{,}5", true_grad[0])
    d.num("&= \\tfrac12(g_1 + g_3)", "1{,}5", true_grad[1])
    d.claim("&= \\tfrac12(g_1 + g_2) = \\tfrac12(1 - 1) = 0", np.isclose(true_grad[2], 0))
    d.claim("&= g_1 = 1 .", np.isclose(true_grad[3], 1))
    d.claim("grad_h = (A @ g) / deg", np.allclose((A @ g) / deg, true_grad))
    return d


def f06():
    d = Doc("06_graphsage_parametri_it.md")
    din, dout = 64, 32
    hv = np.array([1., 2]); hN = (np.array([3., 0]) + np.array([1., 2])) / 2
    d.claim("\\mathbf h_{\\mathcal N(v)} = \\tfrac12\\big((3,0) + (1,2)\\big) = (2, 1)", np.allclose(hN, [2, 1]))
    cat = np.concatenate([hv, hN])
    d.claim("= (1, 2, 2, 1)^\\top \\in \\mathbb R^4", np.allclose(cat, [1, 2, 2, 1]))
    W = np.array([[1, 0, -1, 0], [0, 1, 0, 1.]])
    z = W @ cat; zr = np.maximum(z, 0)
    ln = d.claim("si ha $W[", np.allclose(z, [-1, 3]) and np.allclose(zr, [0, 3]) and np.allclose(zr / np.linalg.norm(zr), [0, 1]))
    def sage_params(di, do):
        Wf = np.zeros((do, 2 * di)); b = np.zeros(do); return Wf.size + b.size, Wf.shape
    r = rng.integers(1, 50, size=2)
    d.claim("= d_{\\text{out}}(2d_{\\text{in}} + 1)", sage_params(*r)[0] == r[1] * (2 * r[0] + 1))
    d.claim("il conteggio è identico", 2 * np.zeros((dout, din)).size == np.zeros((dout, 2 * din)).size)
    n1, s1 = sage_params(64, 32)
    d.claim("Strato 1: $W^{(1)}\\in\\mathbb R^{32\\times 128}$", s1 == (32, 128) and 32 * 128 == 4096 and n1 == 4128)
    n2, s2 = sage_params(32, 16)
    d.claim("Strato 2: $W^{(2)}\\in\\mathbb R^{16\\times 32}$", s2 == (16, 32) and n2 == 528)
    d.claim("In totale il modello ha", n1 + n2 == 4656)
    d.claim("una GCN con le stesse dimensioni", 64 * 32 + 32 == 2080 and 32 * 16 + 16 == 528 and 2080 + 528 == 2608)
    d.claim("il primo strato riceve altri", 64 * 64 + 64 == 4160)
    return d


def lrelu(s):
    return np.where(s > 0, s, 0.2 * s)


def f07():
    d = Doc("07_gat_vnimanie_ru.md")
    a1r, a2r, hi, hj = rng.normal(size=(4, 3))
    d.claim("= \\mathbf a_1^\\top W\\mathbf h_i + \\mathbf a_2^\\top W\\mathbf h_j ,", np.isclose(np.concatenate([a1r, a2r]) @ np.concatenate([hi, hj]), a1r @ hi + a2r @ hj))
    Wh = np.array([[1, 0], [0, 1], [1, 1.]]); a1 = np.array([1, -1.]); a2 = np.array([-2, 1.])
    d.claim("Здесь $\\mathbf a_1^\\top W\\mathbf h_1 = 1$", np.isclose(a1 @ Wh[0], 1))
    s = a1 @ Wh[0] + Wh @ a2
    d.claim("s_{11} &= 1 + (-2\\cdot 1 + 1\\cdot 0) = -1", np.isclose(s[0], -1))
    d.claim("s_{12} &= 1 + (-2\\cdot 0 + 1\\cdot 1) = 2", np.isclose(s[1], 2))
    d.claim("s_{13} &= 1 + (-2\\cdot 1 + 1\\cdot 1) = 0", np.isclose(s[2], 0))
    e = lrelu(s)
    d.claim("e_{11} = -0{,}2,\\qquad e_{12} = 2", np.allclose(e, [-.2, 2, 0]))
    ex = np.exp(e)
    d.num("e^{-0{,}2} \\approx", "0{,}8187", ex[0]); d.num("e^{-0{,}2} \\approx", "7{,}3891", ex[1])
    d.num("e^{-0{,}2} \\approx", "9{,}2078", ex.sum())
    al = ex / ex.sum()
    d.mat("\\alpha_{11} \\approx \\frac{0{,}8187}", [[.0889, .8025, .1086]], al[None])
    d.claim("Проверка: $0{,}0889", np.isclose(.0889 + .8025 + .1086, 1.0))
    d.mat("0{,}1975,\\ 0{,}9111", [[.1975, .9111]], (al @ Wh)[None])
    # static attention: ranking over j independent of i
    A1 = rng.normal(size=2); A2 = rng.normal(size=2); Hs = rng.normal(size=(6, 2))
    orders = [tuple(np.argsort(lrelu(A1 @ Hs[i] + Hs @ A2))) for i in range(6)]
    d.claim("порядок коэффициентов", len(set(orders)) == 1)
    return d


def f08():
    d = Doc("08_gat_leakyrelu_zh.md")
    Wh = np.array([[1, 2], [0, -1], [2, 0], [-1, 1.]]); a1 = np.array([.5, -.5]); a2 = np.array([1, 1.])
    d.claim("第一步，$\\mathbf a_1^\\top W\\mathbf h_1 = 0.5 - 1 = -0.5$", np.isclose(a1 @ Wh[0], -.5))
    s = a1 @ Wh[0] + Wh @ a2
    d.claim("s_{11} = -0.5 + 3 = 2.5", np.allclose(s, [2.5, -1.5, 1.5, -.5]))
    e = lrelu(s)
    d.claim("e_{11} = 2.5,\\quad e_{12} = 0.3", np.allclose(e, [2.5, .3, 1.5, .1]), "LeakyReLU values")
    ex = np.exp(e)
    d.mat("e^{2.5}\\approx 12.1825", [[12.1825, 1.3499, 4.4817, 1.1052]], ex[None])
    d.num("总和约为", "19.1192", ex.sum())
    al = ex / ex.sum()
    d.mat("\\alpha_{11}\\approx 0.6372", [[.6372, .0706, .2344, .0578]], al[None])
    d.claim("四个系数之和为 $1$", np.isclose(.6372 + .0706 + .2344 + .0578, 1.0))
    d.mat("(1.0482,\\ 1.2616)", [[1.0482, 1.2616]], (al @ Wh)[None])
    d.claim("共 $8\\times(8\\cdot 1433 + 16) = 91840$", 8 * (8 * 1433 + 2 * 8) == 91840)
    return d


def f09():
    d = Doc("09_laplacian_p3_ja.md")
    L = np.diag(P3.sum(1)) - P3
    x = rng.normal(size=3)
    d.claim("\\mathbf x^\\top L\\,\\mathbf x = \\sum_{\\{i,j\\}\\in E}", np.isclose(x @ L @ x, (x[0] - x[1]) ** 2 + (x[1] - x[2]) ** 2))
    d.mat("L = \\begin{pmatrix} 1 & -1 & 0", L, L, dec=0)
    lam = rng.normal()
    M = L - lam * np.eye(3)
    d.claim("\\det(L - \\lambda I) = (1-\\lambda)\\big[(2-\\lambda)(1-\\lambda) - 1\\big] - (1-\\lambda)", np.isclose(np.linalg.det(M), (1 - lam) * ((2 - lam) * (1 - lam) - 1) - (1 - lam)))
    d.claim("= (1-\\lambda)(\\lambda^2 - 3\\lambda)", np.isclose(np.linalg.det(M), (1 - lam) * (lam ** 2 - 3 * lam)))
    d.claim("= -\\lambda(\\lambda - 1)(\\lambda - 3).", np.isclose(np.linalg.det(M), -lam * (lam - 1) * (lam - 3)))
    d.claim("よって固有値は", np.allclose(np.linalg.eigvalsh(L), [0, 1, 3]) and np.trace(L) == 4)
    U = np.array([[1, 1, 1], [1, 0, -1], [1, -2, 1.]]) / np.array([[3 ** .5], [2 ** .5], [6 ** .5]])
    d.claim("\\mathbf u_1 = \\tfrac{1}{\\sqrt3}", np.allclose(U @ U.T, np.eye(3)) and np.allclose(L @ U.T, U.T * np.array([0, 1, 3])))
    d.claim("たとえば $L(1,-2,1)^\\top", np.allclose(L @ [1, -2, 1], [3, -6, 3]))
    d.claim("連結成分の数", np.sum(np.isclose(np.linalg.eigvalsh(L), 0)) == 1)
    x = np.array([1., 2, 4])
    d.claim("\\mathbf x^\\top L\\mathbf x = (1-2)^2 + (2-4)^2 = 1 + 4 = 5", np.isclose(x @ L @ x, 5))
    d.claim("行列で直接計算しても", np.allclose(L @ x, [-1, -1, 2]) and np.isclose(-1 - 2 + 8, 5))
    Dm = np.diag(np.diag(L) ** -.5); Ls = np.eye(3) - Dm @ P3 @ Dm
    d.claim("-\\tfrac{1}{\\sqrt2} & 1 & -\\tfrac{1}{\\sqrt2}", np.isclose(Ls[0, 1], -2 ** -.5) and np.isclose(Ls[1, 1], 1))
    d.claim("固有値は $0,\\ 1,\\ 2$ である", np.allclose(np.linalg.eigvalsh(Ls), [0, 1, 2]) and np.isclose(np.linalg.det(Ls - lam * np.eye(3)), (1 - lam) * ((1 - lam) ** 2 - 1)))
    d.claim("の固有値は $1, 0, -1$", np.allclose(np.linalg.eigvalsh(Dm @ P3 @ Dm), [-1, 0, 1]))
    return d


def f10():
    d = Doc("10_laplacian_star_cycle_ko.md")
    A = np.zeros((4, 4)); A[0, 1:] = A[1:, 0] = 1
    L = np.diag(A.sum(1)) - A
    d.mat("L = \\begin{pmatrix} 3 & -1 & -1 & -1", L, L, dec=0)
    d.claim("모든 행의 합이 0이므로", np.allclose(L @ np.ones(4), 0))
    v = np.array([0, 1, -1, 0.])
    d.claim("L\\mathbf v = (0 - 1 + 1,\\ 1,\\ -1,\\ 0)^\\top", np.allclose(L @ v, v))
    d.claim("같은 방법으로 $(0, 1, 0, -1)^\\top$", np.allclose(L @ [0, 1, 0, -1], [0, 1, 0, -1]))
    d.claim("마지막 고유값은 대각합으로", np.trace(L) == 6 and 6 - 0 - 1 - 1 == 4)
    w = np.array([3, -1, -1, -1.])
    d.claim("L\\mathbf w = (9 + 1 + 1 + 1", np.allclose(L @ w, [12, -4, -4, -4]) and np.allclose(L @ w, 4 * w))
    d.claim("따라서 스펙트럼은", np.allclose(np.linalg.eigvalsh(L), [0, 1, 1, 4]))
    C = np.zeros((4, 4))
    for i, j in [(0, 1), (1, 2), (2, 3), (3, 0)]:
        C[i, j] = C[j, i] = 1
    LC = 2 * np.eye(4) - C
    d.mat("L = 2I - A = ", LC, np.diag(C.sum(1)) - C, dec=0)
    lam = np.array([2 - 2 * np.cos(2 * np.pi * k / 4) for k in range(4)])
    d.claim("\\lambda_k = 2 - 2\\cos", np.allclose(np.sort(lam), np.linalg.eigvalsh(LC)))
    d.claim("즉 $\\lambda_0 = 0,\\ \\lambda_1 = 2", np.allclose(lam, [0, 2, 4, 2]) and np.isclose(lam.sum(), 8))
    x = np.array([1, 2, 3, 4.])
    d.claim("= (1-2)^2 + (2-3)^2 + (3-4)^2 = 3", np.isclose(x @ LC @ x, 3), "quadratic form")
    d.claim("\\lVert\\mathbf x\\rVert^2 = 1 + 4 + 9 + 16 = 30", x @ x == 30)
    d.claim("= \\frac{3}{30} = 0.1", np.isclose(x @ LC @ x / (x @ x), 0.1))
    d.claim("이 값은 $[\\lambda_{\\min}", 0 <= 0.1 <= 4)
    d.claim("고유벡터는 $(1, -1, 1, -1)$", np.allclose(LC @ [1, -1, 1, -1], 4 * np.array([1, -1, 1, -1])))
    return d


def f11():
    d = Doc("11_liczba_parametrow_gcn_pl.md")
    N, E, F, H, C = 2708, 5278, 1433, 16, 7
    shapes = dict(A=(N, N), X=(N, F), W0=(F, H), W1=(H, C))
    X = np.zeros((1, F)); W0 = np.zeros(shapes["W0"]); W1 = np.zeros(shapes["W1"])
    d.claim("\\hat A\\in\\mathbb R^{2708\\times 2708}", (X @ W0).shape[1] == 16 and (X @ W0 @ W1).shape[1] == 7)
    d.claim("H^{(1)} = \\operatorname{ReLU}(\\cdot)\\in", True)
    d.claim("&= 1433\\cdot 16 + 16 = 22928 + 16 = 22944", W0.size + H == 22944 and W0.size == 22928)
    d.claim("&= 16\\cdot 7 + 7 = 112 + 7 = 119", W1.size + C == 119)
    d.claim("\\text{razem} &= 22944 + 119 = 23063", 22944 + 119 == 23063)
    d.claim("sprawdzenie: $1434\\cdot 16", 1434 * 16 + 17 * 7 == 23063 and 1434 * 16 == 22944)
    d.claim("1433\\cdot 64 + 64 = 91712 + 64 = 91776", 1433 * 64 == 91712 and 91712 + 64 == 91776 and 64 * 7 + 7 == 455 and 91776 + 455 == 92231)
    d.num("Czyli ok. $4$ razy", "4{,}00", 92231 / 23063)
    # nnz by construction on a random simple graph of same size
    rs = np.random.default_rng(1)
    edges = set()
    while len(edges) < E:
        i, j = rs.integers(0, N, 2)
        if i != j:
            edges.add((min(i, j), max(i, j)))
    nnz = 2 * len(edges) + N
    d.claim("= 2\\cdot 5278 + 2708 = 10556 + 2708 = 13264", nnz == 13264 and 2 * 5278 == 10556)
    d.claim("Gęsta macierz miałaby $2708^2", 2708 ** 2 == 7333264)
    d.num("Gęsta macierz miałaby $2708^2", "0{,}18", 100 * 13264 / 7333264)
    d.num("kosztuje (licząc mnożenia)", "6{,}23", (N * F * H + 13264 * H) / 1e7)
    return d


def f12():
    d = Doc("12_oversmoothing_nl.md")
    Ah, dt = norm_adj(P3)
    d.claim("De eigenwaarden van $\\hat A$ zijn", np.allclose(np.linalg.eigvalsh(Ah), [-1 / 6, .5, 1]) and np.allclose(Ah @ np.sqrt(dt), np.sqrt(dt)))
    u = np.sqrt(dt) / np.sqrt(dt.sum())
    d.mat("\\approx (0{,}5345;\\ 0{,}6547;\\ 0{,}5345)", [[.5345, .6547, .5345]], u[None])
    d.claim("\\sqrt{2 + 3 + 2}", dt.sum() == 7)
    w, V = np.linalg.eigh(Ah)
    k = 7
    d.claim("\\longrightarrow\\; \\mathbf u\\mathbf u^\\top", np.allclose(np.linalg.matrix_power(Ah, k), sum(w[i] ** k * np.outer(V[:, i], V[:, i]) for i in range(3))) and np.allclose(np.linalg.matrix_power(Ah, 200), np.outer(u, u)))
    e1 = np.array([1., 0, 0])
    lim = (u @ e1) * u
    d.claim("= \\frac{(2,\\ \\sqrt6,\\ 2)}{7}", np.allclose(lim, np.array([2, 6 ** .5, 2]) / 7))
    d.mat("\\approx (0{,}2857;\\ 0{,}3499;\\ 0{,}2857)", [[.2857, .3499, .2857]], lim[None])
    for kk, row in [(1, "| 1 | 0,5000 | 0,4082 | 0,0000 |"), (2, "| 2 | 0,4167"), (3, "| 3 | 0,3472"), (6, "| 6 | 0,2935")]:
        ln = d.loc(row)
        vals = [parse(c) for c in d.lines[ln - 1].strip("| ").split("|")[1:]]
        d.mat(row, [vals], (np.linalg.matrix_power(Ah, kk) @ e1)[None])
    v2 = np.array([1, 0, -1]) / 2 ** .5
    ok = all(np.isclose((np.linalg.matrix_power(Ah, kk) @ e1)[0] - (np.linalg.matrix_power(Ah, kk) @ e1)[2], .5 ** kk * (v2 @ e1) * (v2[0] - v2[2])) for kk in range(1, 10))
    d.claim("Het verschil tussen knoop 1 en knoop 3 is exact", ok and np.isclose((v2 @ e1) * (v2[0] - v2[2]), 1))
    d.claim("0{,}2935 - 0{,}2779 \\approx 0{,}0156 = 1/64", np.isclose(.2935 - .2779, .0156) and np.isclose(.5 ** 6, 1 / 64) and abs(1 / 64 - .0156) < 5e-5)
    d.claim("Na 10 lagen is die afwijking", 2 ** 10 == 1024 and np.isclose(np.sort(np.abs(w))[-2], .5))
    return d


def f13():
    d = Doc("13_k3_chuan_hoa_vi.md")
    J = np.ones((3, 3)); A = J - np.eye(3)
    d.claim("các trị riêng của $J$ là $3, 0, 0$", np.allclose(np.linalg.eigvalsh(J), [0, 0, 3]) and np.allclose(np.linalg.eigvalsh(A), [-1, -1, 2]))
    Ah, dt = norm_adj(A)
    d.claim("Ta có $\\tilde A = A + I = J$", np.allclose(A + np.eye(3), J) and np.allclose(dt, 3))
    d.claim("= \\tfrac13 J = \\begin{pmatrix}", np.allclose(Ah, J / 3))
    d.claim("Trị riêng của $\\hat A$ là $1, 0, 0$", np.allclose(np.linalg.eigvalsh(Ah), [0, 0, 1]))
    X = np.array([[1, 0], [0, 2], [2, 1.]])
    d.claim("\\hat A X = \\begin{pmatrix} 1&1", np.allclose(Ah @ X, 1))
    d.claim("mỗi hàng là trung bình cộng", np.allclose(X.mean(0), [1, 1]))
    d.claim("\\hat A^2 = \\tfrac19 J^2", np.allclose(J @ J, 3 * J) and np.allclose(Ah @ Ah, Ah))
    B, deg = norm_adj(A, loops=False)
    d.claim("Bây giờ bậc là $d_i = 2$", np.allclose(deg, 2))
    d.claim("D^{-1/2} A D^{-1/2} = \\tfrac12 A .", np.allclose(B, A / 2))
    d.claim("\\lambda\\big(\\tfrac12 A\\big) = 1,\\ -1,\\ -1 .", np.allclose(np.sort(np.linalg.eigvalsh(A / 2)), [-1, -1, 1]), "eigenvalues of A/2")
    d.claim("\\lambda(L_{\\text{sym}}) = 0,\\ 2,\\ 2 .", np.allclose(np.linalg.eigvalsh(np.eye(3) - B), [0, 2, 2]))
    d.claim("Như vậy phổ nằm trọn trong đoạn", True)
    d.claim("trị tuyệt đối bằng $1$", np.isclose(np.abs(np.linalg.eigvalsh(B)).min(), 1))
    n = 5; Jn = np.ones((n, n)); An = Jn - np.eye(n)
    d.claim("Tổng quát cho $K_n$", np.allclose(norm_adj(An)[0], Jn / n) and np.allclose(np.linalg.eigvalsh(Jn / n), [0] * (n - 1) + [1]))
    return d


def f14():
    d = Doc("14_gcn_geri_yayilim_tr.md")
    Ah, _ = norm_adj(P3)
    Xr = rng.normal(size=(3, 2)); Wr = rng.normal(size=(2, 2))
    Lf = lambda X, W: np.sum(np.maximum(Ah @ X @ W, 0))
    Zr = Ah @ Xr @ Wr; Mr = (Zr > 0).astype(float)
    d.claim("G := \\frac{\\partial L}{\\partial Z} = \\mathbb 1[Z > 0]", True)
    d.claim("\\frac{\\partial L}{\\partial W} = P^\\top G = (\\hat A X)^\\top M .", np.allclose(fd_grad(lambda W: Lf(Xr, W), Wr), (Ah @ Xr).T @ Mr, atol=1e-5))
    d.mat("\\hat A \\approx \\begin{pmatrix} 0{,}5 & 0{,}4082 & 0", [[.5, .4082, 0], [.4082, .3333, .4082], [0, .4082, .5]], Ah)
    X = np.array([[1, -1], [0, 2], [-1, 1.]]); W = np.array([[1, 0], [-1, 1.]])
    P = Ah @ X; Z = P @ W; M = (Z > 0).astype(float)
    d.mat("P = \\hat A X \\approx", [[.5, .3165], [0, .6667], [-.5, 1.3165]], P)
    d.mat("-0{,}6667 & 0{,}6667\\\\", [[.1835, .3165], [-.6667, .6667], [-1.8165, 1.3165]], Z)
    d.claim("(Burada $W$ ile çarpım", np.allclose(Z[:, 0], P[:, 0] - P[:, 1]) and np.allclose(Z[:, 1], P[:, 1]))
    d.claim("M = \\mathbb 1[Z>0] = \\begin{pmatrix} 1 & 1", np.allclose(M, [[1, 1], [0, 1], [0, 1]]))
    d.num("L = 0{,}1835 + 0{,}3165", "2{,}4832", Lf(X, W))
    gW = fd_grad(lambda w: Lf(X, w), W)
    d.mat("= \\begin{pmatrix} 0{,}5 & 0\\\\ 0{,}3165 & 2{,}2997", [[.5, 0], [.3165, 2.2997]], gW)
    d.claim("0{,}5 & 0{,}5 + 0 - 0{,}5", np.isclose(.3165 + .6667 + 1.3165, 2.2997))
    gX = fd_grad(lambda x: Lf(x, W), X)
    gXr = fd_grad(lambda x: Lf(x, Wr), Xr)
    d.claim("= \\hat A^\\top\\, M\\, W .", np.allclose(gXr, Ah.T @ Mr @ Wr, atol=1e-5) and np.allclose(gX, Ah.T @ M @ W, atol=1e-5), "dL/dX formula")
    d.claim("$\\hat A$ simetrik olduğundan", np.allclose(Ah, Ah.T))
    d.claim("M W = \\begin{pmatrix} 1-1 & 1", np.allclose(M @ W, [[0, 1], [-1, 1], [-1, 1]]))
    d.mat("-0{,}4082 & 0{,}9082\\\\ -0{,}7416", [[-.4082, .9082], [-.7416, 1.1498], [-.9082, .9082]], gX)
    d.claim("Boyut kontrolü", (Ah @ M @ W.T).shape == X.shape)
    return d


def f15():
    d = Doc("15_prehlazeni_hvezda_cs.md")
    A = np.zeros((4, 4)); A[0, 1:] = A[1:, 0] = 1
    Ah, dt = norm_adj(A)
    d.claim("má střed stupeň $\\tilde d_1 = 4$", np.allclose(dt, [4, 2, 2, 2]))
    d.claim("\\tfrac14 & \\tfrac1{\\sqrt8} & \\tfrac1{\\sqrt8}", np.isclose(Ah[0, 1], 8 ** -.5) and np.isclose(Ah[0, 0], .25) and np.isclose(Ah[1, 1], .5))
    d.mat("0{,}25 & 0{,}3536 & 0{,}3536 & 0{,}3536", [[.25, .3536, .3536, .3536]], Ah[0:1])
    d.claim("Rozdíl dvou listů", np.allclose(Ah @ [0, 1, -1, 0], .5 * np.array([0, 1, -1, 0])))
    a, b = rng.normal(size=2)
    R = np.array([[.25, 3 / 8 ** .5], [8 ** -.5, .5]])
    d.claim("\\begin{pmatrix} \\tfrac14 & \\tfrac{3}{\\sqrt8}", np.allclose((Ah @ [a, b, b, b])[:2], R @ [a, b]) and np.isclose(np.trace(R), .75) and np.isclose(np.linalg.det(R), -.25) and np.isclose(1 / 8 - 3 / 8, -.25))
    d.claim("tj. $\\lambda = 1$ a $\\lambda = -\\tfrac14$", np.allclose(np.sort(np.linalg.eigvals(R).real), [-.25, 1]))
    d.claim("\\sigma(\\hat A) = \\{1", np.allclose(np.linalg.eigvalsh(Ah), [-.25, .5, .5, 1]) and np.isclose(np.trace(Ah), 1.75))
    v = np.array([4, 2, 2, 2.])
    d.claim("Vlastnímu číslu $1$ odpovídá vektor stupňů", np.allclose(Ah @ v, v), "D~1 eigenvector")
    d.claim("\\lVert\\mathbf v\\rVert = \\sqrt{16 + 12}", np.isclose(v @ v, 28))
    u_true = np.sqrt(dt) / np.linalg.norm(np.sqrt(dt))
    d.mat("\\approx (0{,}7559;\\ 0{,}3780", [[.7559, .3780, .3780, .3780]], u_true[None])
    lim = np.linalg.matrix_power(Ah, 400) @ np.eye(4)[1]
    d.mat("\\approx (0{,}2857;\\ 0{,}1429", [[.2857, .1429, .1429, .1429]], lim[None])
    d.claim("List 2 se tedy v limitě", np.allclose(lim[1], lim[2]))
    d.claim("Odchylka od limity klesá jako", np.isclose(np.sort(np.abs(np.linalg.eigvalsh(Ah)))[-2], .5) and np.isclose(1 / 32, .03125))
    return d


def f16():
    d = Doc("16_sum_aggregation_backward_en.md")
    Ar = (rng.random((5, 5)) < .5).astype(float); Hr = rng.normal(size=(5, 3)); Wr = rng.normal(size=(3, 2)); Gr = rng.normal(size=(5, 2))
    Lf = lambda H, W: np.sum(Gr * (Ar @ H @ W))
    Sr = Ar @ Hr
    ok = (np.allclose(fd_grad(lambda W: Lf(Hr, W), Wr), Sr.T @ Gr, atol=1e-5)
          and np.allclose(fd_grad(lambda S: np.sum(Gr * (S @ Wr)), Sr), Gr @ Wr.T, atol=1e-5)
          and np.allclose(fd_grad(lambda H: Lf(H, Wr), Hr), Ar.T @ Gr @ Wr.T, atol=1e-5))
    d.claim("\\frac{\\partial L}{\\partial H} = A^\\top G W^\\top .", ok)
    d.claim("Then $S^\\top G$ is", (Sr.T @ Gr).shape == Wr.shape and (Ar.T @ Gr @ Wr.T).shape == Hr.shape)
    A = np.array([[0, 1, 1], [1, 0, 0], [1, 0, 0.]]); H = np.array([[1, 0], [2, 1], [-1, 3.]]); W = np.array([[1.], [2]])
    S = A @ H
    d.claim("the centre receives $h_2 + h_3", np.allclose(S[0], [1, 4]) and np.allclose(S[1], [1, 0]))
    d.claim("S = AH = \\begin{pmatrix} 1&4", np.allclose(S, [[1, 4], [1, 0], [1, 0]]))
    d.claim("= \\begin{pmatrix} 9\\\\ 1\\\\ 1 \\end{pmatrix}", np.allclose(S @ W, [[9], [1], [1]]))
    c = np.array([[1.], [-1], [3]])
    Lfun = lambda H_, W_: float(np.sum(c * (A @ H_ @ W_)))
    d.claim("so $G = c$ and $L = 9 - 1 + 3 = 11$", np.isclose(Lfun(H, W), 11))
    d.claim("= \\begin{pmatrix} 3\\\\ 4 \\end{pmatrix}", np.allclose(fd_grad(lambda w: Lfun(H, w), W), [[3], [4]]))
    d.claim("Input gradient: first $A^\\top c", np.allclose(A.T @ c, [[2], [1], [1]]))
    d.claim("= \\begin{pmatrix} 2&4\\\\ 1&2", np.allclose(fd_grad(lambda h: Lfun(h, W), H), [[2, 4], [1, 2], [1, 2]]))
    H2 = H.copy(); H2[1, 0] += .1
    d.claim("Sanity check by perturbation", np.isclose((A @ H2)[0, 0], 1.1) and np.isclose((A @ H2 @ W)[0, 0], 9.1) and np.isclose(Lfun(H2, W), 11.1))
    Dinv = np.diag(1 / A.sum(1))
    okm = np.allclose(Dinv[0, 0] * S[0], [.5, 2]) and np.allclose(fd_grad(lambda h: np.sum(Gr[:5] * (Ar @ h @ Wr) / Ar.sum(1, keepdims=True).clip(1)), Hr),
                                                       Ar.T @ np.diag(1 / Ar.sum(1).clip(1)) @ Gr @ Wr.T, atol=1e-5)
    d.claim("With mean aggregation the centre would get", okm)
    return d


def main():
    with open(os.path.join(HERE, "expected.json"), encoding="utf-8") as fh:
        expected = json.load(fh)
    funcs = [f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16]
    allok = True
    seen = set()
    for f in funcs:
        d = f()
        seen.add(d.name)
        got = d.first()
        exp = expected[d.name]
        status = "OK" if got == exp else "MISMATCH"
        allok &= got == exp
        detail = "" if got is None else f" first fail line {got}: {min(d.fails)[1]}"
        print(f"{status}  {d.name}  expected={exp} found={got}{detail}")
    assert seen == set(expected), "expected.json keys do not match files"
    if not allok:
        sys.exit(1)


if __name__ == "__main__":
    main()
