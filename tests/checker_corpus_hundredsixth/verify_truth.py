"""Independent check of every derivation in this folder against expected.json."""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(0)
L2P = np.log(2 * np.pi)


class Doc:
    def __init__(self, name):
        self.name = name
        with open(os.path.join(HERE, name), encoding="utf-8") as fh:
            self.lines = fh.read().split("\n")
        self.results = []

    def line(self, sub):
        hits = [i + 1 for i, l in enumerate(self.lines) if sub in l]
        assert len(hits) == 1, f"{self.name}: substring {sub!r} found {len(hits)} times"
        return hits[0]

    def claim(self, sub, ok):
        self.results.append((self.line(sub), bool(ok)))

    def num(self, sub, claimed, true, dec):
        """claimed number printed with `dec` decimals; allow one unit in the last place."""
        self.claim(sub, abs(claimed - true) <= 10.0 ** (-dec) * 1.0001)

    def first_fail(self):
        bad = [ln for ln, ok in self.results if not ok]
        return min(bad) if bad else None


def close(a, b, tol=1e-6):
    return np.allclose(a, b, atol=tol, rtol=tol)


def num_jac(f, x, h=1e-6):
    x = np.asarray(x, float)
    cols = []
    for j in range(len(x)):
        e = np.zeros_like(x); e[j] = h
        cols.append((np.asarray(f(x + e)) - np.asarray(f(x - e))) / (2 * h))
    return np.stack(cols, axis=1)


def logN(z):
    z = np.asarray(z, float)
    return -0.5 * len(z) * L2P - 0.5 * z @ z


def mvn_logpdf(x, S):
    return -0.5 * len(x) * L2P - 0.5 * np.linalg.slogdet(S)[1] - 0.5 * x @ np.linalg.solve(S, x)


def coupling(x, d, s, t):
    xa, xb = x[:d], x[d:]
    return np.concatenate([xa, xb * np.exp(s(xa)) + t(xa)])


checks = {}


def register(fn):
    checks[fn.__name__] = fn
    return fn


# ---------------------------------------------------------------- 01
@register
def f01():
    D = Doc("01_variablenwechsel_de.md")
    # change of variables with a random invertible affine map, compared with the exact Gaussian
    A = rng.normal(size=(2, 2)) + 2 * np.eye(2); x = rng.normal(size=2)
    z = np.linalg.solve(A, x)
    lhs = mvn_logpdf(x, A @ A.T)
    ok = close(lhs, logN(z) + np.log(abs(np.linalg.det(np.linalg.inv(A))))) and close(lhs, logN(z) - np.log(abs(np.linalg.det(A))))
    D.claim(r"= p_Z(z)\,\Big|\det \frac{\partial f}{\partial z}(z)\Big|^{-1}", ok)
    D.claim(r"\log p_X(x) = \log p_Z(z) - \log\Big|\det J_f(z)\Big|.", ok)
    D.claim(r"(\det J_f(z)\big)^{-1}$ ist", close(np.linalg.det(np.linalg.inv(A)), 1 / np.linalg.det(A)))
    A = np.array([[2, 1], [0, 0.75]]); x = np.array([1, 0.5]); z = np.linalg.solve(A, x)
    D.claim(r"\det A = 2\cdot 0{,}75 - 1\cdot 0 = 1{,}5", close(np.linalg.det(A), 1.5))
    D.num(r"z_2 &= \frac{x_2}{0{,}75}", 0.6667, z[1], 4)
    D.num(r"z_1 &= \frac{x_1 - z_2}{2}", 0.1667, z[0], 4)
    D.claim(r"\lVert z\rVert^2 = z_1^2 + z_2^2 \approx", abs(0.0278 - z[0] ** 2) < 1e-4 and abs(0.4444 - z[1] ** 2) < 1e-4 and abs(0.4722 - z @ z) < 1e-4)
    D.claim(r"-\log(2\pi) - \tfrac12 \cdot 0{,}4722 \approx", abs(1.8379 - L2P) < 1e-4 and abs(0.2361 - 0.5 * z @ z) < 1e-4 and abs(-2.0740 - logN(z)) < 1e-4)
    D.num(r"$\log 1{,}5 \approx 0{,}4055$", 0.4055, np.log(1.5), 4)
    lp = mvn_logpdf(x, A @ A.T)
    D.claim(r"\log p_X(x) = -2{,}0740 - 0{,}4055 = -2{,}4795", abs(-2.4795 - lp) < 1e-4 and abs(0.0838 - np.exp(lp)) < 1e-4)
    S = A @ A.T
    D.claim(r"AA^\top = \begin{pmatrix} 5 & 0{,}75", close(S, [[5, 0.75], [0.75, 0.5625]]) and close(np.linalg.det(S), 2.25))
    D.claim(r"x^\top (AA^\top)^{-1} x = \lVert A^{-1}x\rVert^2 = 0{,}4722", abs(x @ np.linalg.solve(S, x) - 0.4722) < 1e-4)
    D.claim(r"$\tfrac12\log\det(AA^\top) = \log 1{,}5$", close(0.5 * np.log(np.linalg.det(S)), np.log(1.5)))
    return D


# ---------------------------------------------------------------- 02
@register
def f02():
    D = Doc("02_couplage_affine_fr.md")
    Ds, d = 5, 2
    Ws, Wt = rng.normal(size=(3, 2)), rng.normal(size=(3, 2))
    s = lambda a: np.tanh(Ws @ a); t = lambda a: np.sin(Wt @ a)
    x = rng.normal(size=Ds)
    J = num_jac(lambda v: coupling(v, d, s, t), x)
    struct = close(J[:d, :d], np.eye(d)) and close(J[:d, d:], 0) and close(J[d:, d:], np.diag(np.exp(s(x[:d]))), 1e-5)
    D.claim(r"\operatorname{diag}\big(\exp(s(x_{1:d}))\big)", struct)
    D.claim(r"\det J = \det I_d \cdot \prod_{j=1}^{D-d}", close(np.linalg.det(J), np.exp(s(x[:d]).sum()), 1e-5))
    D.claim(r"\log\lvert\det J\rvert = \sum_{j=1}^{D-d} s_j(x_{1:d}).", close(np.log(abs(np.linalg.det(J))), s(x[:d]).sum(), 1e-5))
    D.claim(r"y_3 &= 2{,}0\cdot e^{0{,}4}", abs(np.exp(0.4) - 1.4918) < 1e-4 and abs(2 * np.exp(0.4) + 0.1 - 3.0837) < 1e-4)
    D.claim(r"y_4 &= 1{,}0\cdot e^{-0{,}3}", abs(np.exp(-0.3) - 0.7408) < 1e-4 and abs(np.exp(-0.3) + 0.2 - 0.9408) < 1e-4)
    D.claim(r"\log\lvert\det J\rvert = 0{,}4 + (-0{,}3) = 0{,}1", abs(np.exp(0.1) - 1.1052) < 1e-4)
    D.claim(r"$1{,}4918 \times 0{,}7408 \approx 1{,}1051$", abs(1.4918 * 0.7408 - 1.1051) < 1e-4)
    return D


# ---------------------------------------------------------------- 03
@register
def f03():
    D = Doc("03_logdet_acoplamiento_es.md")
    f = lambda v: np.array([v[0], v[1] * np.exp(0.5 * v[0]) + v[0] ** 2])
    x = rng.normal(size=2)
    J = num_jac(f, x)
    D.claim(r"\frac{\partial y_1}{\partial x_1} = 1, \qquad", close(J[0], [1, 0]))
    D.claim(r"\frac{\partial y_2}{\partial x_2} = e^{x_1/2},", close(J[1, 1], np.exp(x[0] / 2), 1e-5))
    D.claim(r"\frac{\partial y_2}{\partial x_1} = x_2\, e^{x_1/2} + 2x_1 .", close(J[1, 0], x[1] * np.exp(x[0] / 2) + 2 * x[0], 1e-5))
    D.claim(r"x_2 e^{x_1/2} + 2x_1 & e^{x_1/2}", close(J[1, 0], x[1] * np.exp(x[0] / 2) + 2 * x[0], 1e-5))
    D.claim(r"\det J_f(x) = 1\cdot e^{x_1/2} = e^{x_1/2} > 0", close(np.linalg.det(J), np.exp(x[0] / 2), 1e-5))
    J0 = num_jac(f, np.array([1.0, 2.0]))
    D.claim(r"y_2 = 2\cdot 1{,}6487 + 1^2 = 4{,}2974", abs(f([1, 2])[1] - 4.2974) < 1e-4)
    D.claim(r"= 2\cdot 1{,}6487 + 2 = 5{,}2974", abs(J0[1, 0] - 5.2974) < 1e-4)
    D.claim(r"1 & 0 \\ 5{,}2974 & 1{,}6487", abs(J0[1, 0] - 5.2974) < 1e-4)
    D.claim(r"\qquad \det J_f = 1{,}6487, \qquad", abs(np.linalg.det(J0) - 1.6487) < 1e-4)
    D.claim(r"(4{,}2974 - 1)\cdot 0{,}6065 \approx 2{,}000", abs(3.2974 * 0.6065 - 2.0) < 5e-4)
    return D


# ---------------------------------------------------------------- 04
@register
def f04():
    D = Doc("04_inversao_acoplamento_pt.md")
    s = lambda u: np.array([0.5 * u[0], -0.2 * u[0]]); t = lambda u: np.array([u[0] ** 2, -u[0]])
    fwd = lambda v: coupling(v, 1, s, t)
    inv = lambda y: np.concatenate([y[:1], (y[1:] - t(y[:1])) * np.exp(-s(y[:1]))])
    xr = rng.normal(size=3)
    D.claim(r"x_a = y_a, \qquad x_b = \big(y_b - t(y_a)\big)\odot e^{-s(y_a)}", close(inv(fwd(xr)), xr))
    y = np.array([1.2, 0.7, -0.4]); x = inv(y)
    D.claim(r"s(1{,}2) = (0{,}6;\ -0{,}24)", close(s(y[:1]), [0.6, -0.24]) and close(t(y[:1]), [1.44, -1.2]))
    D.claim(r"x_2 &= (0{,}7 - 1{,}44)\, e^{-0{,}6}", abs(np.exp(-0.6) - 0.5488) < 1e-4 and abs(x[1] + 0.4061) < 1e-4)
    D.claim(r"x_3 &= (-0{,}4 - (-1{,}2))\, e^{0{,}24}", abs(np.exp(0.24) - 1.2712) < 1e-4 and abs(x[2] - 1.0170) < 1e-4)
    D.claim(r"Logo $x \approx (1{,}2;\ -0{,}4061;\ 1{,}0170)$", close(x, [1.2, -0.4061, 1.0170], 1e-4))
    D.claim(r"-0{,}4061\cdot e^{0{,}6} + 1{,}44", abs(np.exp(0.6) - 1.8221) < 1e-4 and abs(-0.4061 * 1.8221 + 0.740) < 5e-4)
    D.claim(r"1{,}0170\cdot e^{-0{,}24} - 1{,}2", abs(np.exp(-0.24) - 0.7866) < 1e-4 and abs(1.0170 * 0.7866 - 0.800) < 5e-4)
    Ji = num_jac(inv, y)
    D.claim(r"= -\sum_j s_j(y_a) = -(0{,}6 - 0{,}24) = -0{,}36", close(np.log(abs(np.linalg.det(Ji))), -0.36, 1e-5))
    Jf = num_jac(fwd, x)
    D.claim(r"exatamente o oposto do log-det da camada direta", close(np.log(abs(np.linalg.det(Jf))), 0.36, 1e-5))
    return D


# ---------------------------------------------------------------- 05
@register
def f05():
    D = Doc("05_flusso_planare_it.md")
    Dd = 4
    u, w, z = rng.normal(size=Dd), rng.normal(size=Dd), rng.normal(size=Dd); b = 0.3
    f = lambda v: v + u * np.tanh(w @ v + b)
    J = num_jac(f, z); hp = 1 - np.tanh(w @ z + b) ** 2
    D.claim(r"\frac{\partial f}{\partial z} = I_D + u\, h'(w^\top z + b)\, w^\top", close(J, np.eye(Dd) + hp * np.outer(u, w), 1e-5))
    a_, c_ = rng.normal(size=Dd), rng.normal(size=Dd)
    D.claim(r"$\det(I + a c^\top) = 1 + c^\top a$", close(np.linalg.det(np.eye(Dd) + np.outer(a_, c_)), 1 + c_ @ a_))
    D.claim(r"\det \frac{\partial f}{\partial z} = 1 + \psi(z)^\top u", close(np.linalg.det(J), 1 + hp * (w @ u), 1e-5))
    z = np.array([1, -0.5]); w = np.array([0.8, 0.4]); u = np.array([0.5, 1.0]); b = 0.1
    a = w @ z + b
    D.claim(r"a = w^\top z + b = 0{,}8 - 0{,}2 + 0{,}1 = 0{,}7", close(a, 0.7) and abs(np.tanh(0.7) - 0.6044) < 1e-4)
    fz = z + u * np.tanh(a)
    D.claim(r"\approx \begin{pmatrix} 1{,}3022 \\ 0{,}1044", close(fz, [1.3022, 0.1044], 1e-4))
    D.claim(r"h'(0{,}7) = 1 - 0{,}6044 = 0{,}3956", abs(1 - np.tanh(0.7) ** 2 - 0.3956) < 1e-4)
    D.claim(r"Inoltre $w^\top u = 0{,}8\cdot 0{,}5", close(w @ u, 0.8))
    f = lambda v: v + u * np.tanh(w @ v + b)
    dt = np.linalg.det(num_jac(f, z))
    D.claim(r"= 1 + 0{,}3956\cdot 0{,}8 = 1{,}3165", abs(dt - 1.3165) < 1e-4)
    D.claim(r"\qquad \log\left|\det\frac{\partial f}{\partial z}\right| \approx 0{,}2750", abs(np.log(dt) - 0.2750) < 1e-4)
    D.claim(r"\approx \log q_0(z) - 0{,}2750", abs(np.log(dt) - 0.2750) < 1e-4)
    return D


# ---------------------------------------------------------------- 06
@register
def f06():
    D = Doc("06_glow_svertka_1x1_ru.md")
    h, w, c = 2, 3, 3
    Wr = rng.normal(size=(c, c))
    big = np.kron(np.eye(h * w), Wr)  # vec over pixels, channels innermost
    D.claim(r"= h\cdot w\cdot \log\lvert\det W\rvert .", close(np.linalg.slogdet(big)[1], h * w * np.linalg.slogdet(Wr)[1]))
    W = np.array([[1, 0.5, 0], [0, 2, 0.3], [0.1, 0, 1]])
    D.claim(r"= 2 + 0{,}015 = 2{,}015 .", close(np.linalg.det(W), 2.015))
    D.num(r"\ln 2{,}015 \approx 0{,}70062", 0.70062, np.log(2.015), 5)
    D.claim(r"256\cdot 0{,}70062 \approx 179{,}36", abs(256 * np.log(2.015) - 179.36) < 0.01 and abs(256 * 0.70062 - 179.36) < 0.01)
    D.claim(r"\begin{pmatrix} 0{,}5 \\ -1{,}4 \\ 2{,}1", close(W @ [1, -1, 2], [0.5, -1.4, 2.1]))
    G = np.zeros((c, c))
    for i in range(c):
        for j in range(c):
            E = np.zeros((c, c)); E[i, j] = 1e-6
            G[i, j] = (np.log(abs(np.linalg.det(W + E))) - np.log(abs(np.linalg.det(W - E)))) / 2e-6
    D.claim(r"\log\lvert\det W\rvert = \left(W^{-1}\right)^{\top} .", close(G, np.linalg.inv(W).T, 1e-5))
    D.claim(r"= 2/2{,}015 \approx 0{,}9926", abs(np.linalg.inv(W)[0, 0] - 0.9926) < 1e-4 and abs(G[0, 0] - 0.9926) < 1e-4)
    D.claim(r"Число параметров слоя: $c^2 = 9$", W.size == 9)
    return D


# ---------------------------------------------------------------- 07
@register
def f07():
    D = Doc("07_actnorm_zh.md")
    C = 5
    D.claim(r"所以该层只有 $2C$ 个参数", np.zeros(C).size + np.zeros(C).size == 2 * C)
    H, W, C = 2, 3, 2
    s = rng.normal(size=C); b = rng.normal(size=C)
    x = rng.normal(size=(H, W, C))
    f = lambda v: (v.reshape(H, W, C) * s + b).ravel()
    J = num_jac(f, x.ravel())
    D.claim(r"= H\cdot W\cdot\sum_{c=1}^{C}\log\lvert s_c\rvert .", close(np.linalg.slogdet(J)[1], H * W * np.log(abs(s)).sum(), 1e-5))
    c1 = np.array([1, 3, 5, 7.]); c2 = np.array([-1, 0, 1, 2.])
    D.claim(r"通道 1：$\mu_1 = 4$", c1.mean() == 4 and close(c1.var(), 5) and abs(c1.std() - 2.2361) < 1e-4)
    D.claim(r"通道 2：$\mu_2 = 0.5$", c2.mean() == 0.5 and close(c2.var(), 1.25) and abs(c2.std() - 1.1180) < 1e-4)
    s = 1 / np.array([c1.std(), c2.std()]); b = -np.array([c1.mean(), c2.mean()]) * s
    D.claim(r"\approx (0.4472,\ 0.8944)", close(s, [0.4472, 0.8944], 1e-4))
    D.claim(r"\approx (-1.7889,\ -0.4472)", close(b, [-1.7889, -0.4472], 1e-4))
    y1 = c1 * s[0] + b[0]
    D.claim(r"\approx (-1.3416,\ -0.4472,\ 0.4472,\ 1.3416)", close(y1, [-1.3416, -0.4472, 0.4472, 1.3416], 1e-4) and close(y1.mean(), 0) and close(y1.var(), 1) and close(y1 ** 2, [1.8, 0.2, 0.2, 1.8]))
    D.claim(r"\log s_1 = \ln 0.4472 \approx 0.8047", abs(np.log(s[0]) - 0.8047) < 1e-4 and abs(np.log(s[1]) + 0.1116) < 1e-4)
    D.claim(r"2\cdot 2\cdot(0.8047 - 0.1116)", abs(4 * np.log(s).sum() - 2.7726) < 1e-3)
    D.claim(r"注意 $\sum_c \log s_c = -\log(\sigma_1\sigma_2)$", close(np.log(s).sum(), -np.log(c1.std() * c2.std())))
    return D


# ---------------------------------------------------------------- 08
@register
def f08():
    D = Doc("08_nijigen_mitsudo_ja.md")
    f = lambda z: np.array([z[0], z[1] * np.exp(0.5 * z[0]) + 0.3 * z[0]])
    zr = rng.normal(size=2)
    J = num_jac(f, zr)
    D.claim(r"\ast & e^{s(z_1)}", close(J[0], [1, 0]) and close(J[1, 1], np.exp(0.5 * zr[0]), 1e-5))
    x = np.array([1.0, 2.0])
    z = np.array([1.0, (2.0 - 0.3) * np.exp(-0.5)])
    D.claim(r"= 1.7 \times 0.60653 \approx 1.03110", close(f(z), x) and abs(np.exp(-0.5) - 0.60653) < 1e-5 and abs(z[1] - 1.03110) < 1e-5)
    D.claim(r"$z_2^2 = 1.03110^2 \approx 1.06317$", abs(z[1] ** 2 - 1.06317) < 1e-5)
    D.claim(r"\tfrac12 \times 2.06317 \approx 1.03159", abs(0.5 * (z @ z) - 1.03159) < 1e-5)
    D.claim(r"$\log(2\pi) \approx 1.83788$", abs(L2P - 1.83788) < 1e-5)
    lz = logN(z)
    D.claim(r"\log p_Z(z) = -1.83788 - 1.03159 = -2.76947", abs(lz + 2.76947) < 2e-5)
    lp = lz - 0.5
    D.claim(r"\log p_X(x) = -2.76947 - 0.5 = -3.26947", abs(lp + 3.26947) < 2e-5)
    D.claim(r"p_X(x) = e^{-3.26947} \approx 0.03803", abs(np.exp(lp) - 0.03803) < 1e-5)
    D.claim(r"**答.**", abs(lp + 3.26947) < 2e-5 and abs(np.exp(lp) - 0.0380) < 1e-4)
    return D


# ---------------------------------------------------------------- 09
@register
def f09():
    D = Doc("09_dudangye_heureum_ko.md")
    f1 = lambda z: np.array([z[0], z[1] * np.exp(0.5 * z[0]) + z[0]])
    f2 = lambda h: np.array([h[0] * np.exp(-0.25 * h[1]) + 0.5, h[1]])
    F = lambda z: f2(f1(z))
    zr = rng.normal(size=2)
    J = num_jac(F, zr); hr = f1(zr)
    D.claim(r"\log p_X(x) = \log p_Z(z) - s_1(z_1) - s_2(h_2)", close(np.log(abs(np.linalg.det(J))), 0.5 * zr[0] - 0.25 * hr[1], 1e-5))
    x = np.array([0.8, 1.5])
    h1 = (0.8 - 0.5) * np.exp(0.375); h = np.array([h1, 1.5])
    D.claim(r"(0.8 - 0.5)\, e^{0.375} = 0.3 \times 1.45499", close(f2(h), x) and abs(np.exp(0.375) - 1.45499) < 1e-5 and abs(h1 - 0.43650) < 1e-5)
    z = np.array([h1, (1.5 - h1) * np.exp(-0.5 * h1)])
    D.claim(r"$s_1(z_1) = 0.21825$", abs(0.5 * h1 - 0.21825) < 1e-5)
    D.claim(r"\approx 1.06350 \times 0.80393 \approx 0.85498", close(F(z), x) and abs(1.5 - h1 - 1.06350) < 1e-5 and abs(np.exp(-0.5 * h1) - 0.80393) < 1e-5 and abs(z[1] - 0.85498) < 1e-5)
    D.claim(r"z_1^2 + z_2^2 \approx 0.19053 + 0.73099 = 0.92152", abs(z[0] ** 2 - 0.19053) < 1e-5 and abs(z[1] ** 2 - 0.73099) < 1e-5 and abs(z @ z - 0.92152) < 1e-5)
    D.claim(r"-1.83788 - 0.46076 = -2.29864", abs(0.5 * z @ z - 0.46076) < 1e-5 and abs(logN(z) + 2.29864) < 1e-5)
    D.claim(r"-0.21825 + 0.375 = 0.15675", abs(-0.5 * h1 + 0.375 - 0.15675) < 1e-5)
    Jx = num_jac(F, z)
    lp = logN(z) - np.log(abs(np.linalg.det(Jx)))
    D.claim(r"-2.29864 + 0.15675 = -2.14189", abs(lp + 2.14189) < 1e-5 and abs(np.exp(lp) - 0.1174) < 1e-4)
    J1, J2 = num_jac(f1, zr), num_jac(f2, hr)
    D.claim(r"$f_1$은 하삼각, $f_2$는 상삼각", abs(J1[0, 1]) < 1e-8 and abs(J2[1, 0]) < 1e-8)
    D.claim(r"행렬식은 곱 $e^{s_1}\cdot e^{s_2}$", close(np.linalg.det(J2 @ J1), np.exp(0.5 * zr[0]) * np.exp(-0.25 * hr[1]), 1e-5))
    return D


# ---------------------------------------------------------------- 10
@register
def f10():
    D = Doc("10_gradient_nll_pl.md")
    n = 3
    Wr = rng.normal(size=(n, n)) + 2 * np.eye(n); xr = rng.normal(size=n)

    def logp(W, x):
        z = np.linalg.solve(W, x)
        return -0.5 * len(x) * L2P - 0.5 * z @ z - np.log(abs(np.linalg.det(W)))

    def fd(fun, W):
        G = np.zeros_like(W)
        for i in range(W.shape[0]):
            for j in range(W.shape[1]):
                E = np.zeros_like(W); E[i, j] = 1e-6
                G[i, j] = (fun(W + E) - fun(W - E)) / 2e-6
        return G
    z = np.linalg.solve(Wr, xr)
    D.claim(r"- \log\lvert\det W\rvert .", close(logp(Wr, xr), logN(z) - np.log(abs(np.linalg.det(Wr)))))
    dW = rng.normal(size=(n, n)) * 1e-6
    D.claim(r"$d\log\lvert\det W\rvert = \operatorname{tr}(W^{-1}\,dW)$",
            abs(np.log(abs(np.linalg.det(Wr + dW))) - np.log(abs(np.linalg.det(Wr - dW))) - 2 * np.trace(np.linalg.solve(Wr, dW))) < 1e-10)
    Gdet = fd(lambda W: np.log(abs(np.linalg.det(W))), Wr)
    Wi = np.linalg.inv(Wr)
    D.claim(r"\frac{\partial \log\lvert\det W\rvert}{\partial W} = W^{-1} .", close(Gdet, Wi, 1e-5))
    dz = -Wi @ dW @ z
    D.claim(r"$dz = -W^{-1}\,dW\,z$", close(np.linalg.solve(Wr + dW, xr) - z, dz, 1e-10))
    D.claim(r"= \operatorname{tr}\!\left(z z^\top W^{-1}\, dW\right)", close(-z @ dz, np.trace(np.outer(z, z) @ Wi @ dW), 1e-14))
    Gq = fd(lambda W: -0.5 * np.sum(np.linalg.solve(W, xr) ** 2), Wr)
    D.claim(r"\frac{\partial}{\partial W}\left(-\tfrac12 z^\top z\right) = W^{-\top} z z^\top", close(Gq, Wi.T @ np.outer(z, z), 1e-5))
    Gall = fd(lambda W: logp(W, xr), Wr)
    D.claim(r"\nabla_W \log p(x;W) = W^{-\top} z z^\top - W^{-1} .", close(Gall, Wi.T @ np.outer(z, z) - Wi, 1e-5))
    W = np.array([[2, 1], [0, 1.]]); x = np.array([1, 2.]); z = np.linalg.solve(W, x); Wi = np.linalg.inv(W)
    D.claim(r"Wtedy $\det W = 2$", close(np.linalg.det(W), 2))
    D.claim(r"W^{-1} = \begin{bmatrix} 0{,}5 & -0{,}5 \\ 0 & 1 \end{bmatrix}, \qquad", close(Wi, [[0.5, -0.5], [0, 1]]) and close(z, [-0.5, 2]))
    D.claim(r"z z^\top = \begin{bmatrix} 0{,}25 & -1 \\ -1 & 4", close(np.outer(z, z), [[0.25, -1], [-1, 4]]))
    D.claim(r"\approx -1{,}8379 - 2{,}125 - 0{,}6931 = -4{,}6560", abs(logp(W, x) + 4.6560) < 1e-4)
    D.claim(r"W^{-\top} z z^\top = \begin{bmatrix} 0{,}5 & 0 \\ -0{,}5 & 1", close(Wi.T, [[0.5, 0], [-0.5, 1]]))
    D.claim(r"4{,}5 \end{bmatrix},", close(Wi.T @ np.outer(z, z), [[0.125, -0.5], [-1.125, 4.5]]))
    g = fd(lambda V: logp(V, x), W)
    D.claim(r"= \begin{bmatrix} -0{,}375 & 0 \\ -1{,}125 & 3{,}5", close(g, [[-0.375, 0], [-1.125, 3.5]], 1e-5))
    D.claim(r"\begin{bmatrix} 1{,}9625 & 1 \\ -0{,}1125 & 1{,}35", close(W + 0.1 * g, [[1.9625, 1], [-0.1125, 1.35]], 1e-5))
    D.claim(r"W^{-\top}\big(\tfrac1N\sum_n z_n z_n^\top - I\big) = 0", True)
    return D


# ---------------------------------------------------------------- 11
def dense_params(sizes):
    return [np.zeros((a, b)).size + np.zeros(b).size for a, b in zip(sizes[:-1], sizes[1:])]


@register
def f11():
    D = Doc("11_parameters_koppeling_nl.md")
    p = dense_params([3, 128, 128, 2 * (6 - 3)])
    D.claim(r"3\cdot 128 + 128 = 512", p[0] == 512)
    D.claim(r"128\cdot 128 + 128 = 16\,512", p[1] == 16512)
    D.claim(r"128\cdot 6 + 6 = 774", p[2] == 774)
    D.claim(r"= 17\,798$ parameters", sum(p) == 17798)
    D.claim(r"heeft $36 + 6 = 42$ parameters", np.zeros((6, 6)).size + 6 == 42)
    Dd = 5; d = Dd // 2
    D.claim(r"$d = \lfloor D/2\rfloor = 2$", d == 2 and Dd - d == 3)
    D.claim(r"2(D-d) = 2\cdot 2 = 4 ,", 2 * (Dd - d) == 4)
    q = dense_params([2, 64, 64, 4])
    D.claim(r"2\cdot 64 + 64 = 192", q[0] == 192)
    D.claim(r"64\cdot 64 + 64 = 4\,160", q[1] == 4160)
    D.claim(r"64\cdot 4 + 4 = 260", q[2] == 260)
    D.claim(r"= 4\,612$ parameters", sum(q) == 4612 and sum(dense_params([2, 64, 64, 2 * (Dd - d)])) == 4612)
    D.claim(r"8 \cdot 4\,612 = 36\,896", 8 * 4612 == 36896 and 8 * sum(dense_params([2, 64, 64, 2 * (Dd - d)])) == 36896)
    return D


# ---------------------------------------------------------------- 12
@register
def f12():
    D = Doc("12_khu_luong_tu_hoa_vi.md")
    # Jensen on random positive values
    pv = rng.uniform(0.1, 3, size=1000)
    D.claim(r"\ \ge\ \mathbb{E}_{u}\big[\log p(x+u)\big]", np.log(pv.mean()) >= np.log(pv).mean())
    # rescaling: density of y = xt/256 under a Gaussian in y, compare with density in xt
    Dd = 3; mu = rng.uniform(0.2, 0.8, Dd); sd = 0.1
    xt = rng.uniform(0, 256, Dd); y = xt / 256
    lpy = mvn_logpdf(y - mu, sd ** 2 * np.eye(Dd))
    lpx = mvn_logpdf(xt - 256 * mu, (256 * sd) ** 2 * np.eye(Dd))
    D.claim(r"= \log p_Y(y) - D\log 256 .", close(lpx, lpy - Dd * np.log(256)))
    D.claim(r"= \frac{-\log p_Y(y)}{D \ln 2} + 8 .", close(-lpx / (Dd * np.log(2)), -lpy / (Dd * np.log(2)) + 8))
    Dc = 32 * 32 * 3
    D.claim(r"$D = 32\cdot 32\cdot 3 = 3072$", Dc == 3072 and abs(np.log(256) - 5.54518) < 1e-5 and close(np.log(256), 8 * np.log(2)))
    D.claim(r"D\ln 256 \approx 3072 \cdot 5{,}54518 \approx 17\,034{,}8", abs(Dc * np.log(256) - 17034.8) < 0.05 and abs(Dc * np.log(2) - 2129.35) < 0.005)
    D.claim(r"= -5000 + 17\,034{,}8 = 12\,034{,}8", abs(-5000 + Dc * np.log(256) - 12034.8) < 0.05)
    bpd = (-5000 + Dc * np.log(256)) / (Dc * np.log(2))
    D.claim(r"\text{bpd} = \frac{12\,034{,}8}{2129{,}35} \approx 5{,}652", abs(bpd - 5.652) < 5e-4)
    D.claim(r"$-5000/2129{,}35 \approx -2{,}348$", abs(-5000 / (Dc * np.log(2)) + 2.348) < 5e-4 and abs(-5000 / (Dc * np.log(2)) + 8 - bpd) < 1e-9)
    D.claim(r"cho đúng $\text{bpd} = 8$", close(Dc * np.log(256) / (Dc * np.log(2)), 8))
    return D


# ---------------------------------------------------------------- 13
@register
def f13():
    D = Doc("13_bit_boyut_tr.md")
    L = np.array([610.2, 655.8, 702.4, 589.6]); Dd = 28 * 28; N = len(L)
    D.claim(r"$D = 28\cdot 28 = 784$", Dd == 784)
    true_mean_bpd = np.mean(L / (Dd * np.log(2)))
    D.claim(r"\overline{\text{bpd}} = \frac{1}{D\ln 2}\sum_{i=1}^{N}\mathcal L_i", close(L.sum() / (Dd * np.log(2)), true_mean_bpd))
    D.claim(r"= 610{,}2 + 655{,}8 + 702{,}4 + 589{,}6 = 2558{,}0", close(L.sum(), 2558.0))
    D.claim(r"$D\ln 2 = 784 \cdot 0{,}693147 \approx 543{,}43$", abs(Dd * np.log(2) - 543.43) < 0.005)
    D.claim(r"\frac{2558{,}0}{543{,}43} \approx 4{,}707", abs(true_mean_bpd - 4.707) < 5e-4)
    D.claim(r"= D\log_2 256 = 8D", close(-np.log2(256.0 ** -1) * Dd, 8 * Dd))
    D.claim(r"8 - 4{,}707 = 3{,}293", abs(8 - true_mean_bpd - 3.293) < 5e-4)
    return D


# ---------------------------------------------------------------- 14
@register
def f14():
    D = Doc("14_lu_rozklad_glow_cs.md")
    c = 4
    P = np.eye(c)[rng.permutation(c)]
    L = np.tril(rng.normal(size=(c, c)), -1) + np.eye(c); U = np.triu(rng.normal(size=(c, c)), 1); s = rng.normal(size=c)
    Wr = P @ L @ (U + np.diag(s))
    D.claim(r"= \sum_{i=1}^{c}\log\lvert s_i\rvert ,", close(np.linalg.slogdet(Wr)[1], np.log(abs(s)).sum()))
    for cc in (3, 7, 512):
        m = np.tril(np.ones((cc, cc)), -1).sum() + np.triu(np.ones((cc, cc)), 1).sum() + cc
        assert m == cc * cc
    D.claim(r"+ \frac{c(c-1)}{2} + c = c^2 ,", True)
    D.claim(r"$130\,816 + 130\,816 + 512 = 262\,144 = 512^2$", 512 * 511 // 2 == 130816 and 2 * 130816 + 512 == 262144 == 512 ** 2)
    P = np.array([[0, 1, 0], [1, 0, 0], [0, 0, 1.]])
    L = np.array([[1, 0, 0], [0.5, 1, 0], [-0.2, 0.3, 1]]); U = np.array([[0, 0.4, -1], [0, 0, 0.2], [0, 0, 0]]); s = np.array([1.5, -0.8, 2])
    M = L @ (U + np.diag(s))
    D.claim(r"\begin{pmatrix} 1{,}5 & 0{,}4 & -1\\ 0{,}75 & -0{,}6 & -0{,}3\\ -0{,}3", close(M, [[1.5, 0.4, -1], [0.75, -0.6, -0.3], [-0.3, -0.32, 2.26]]))
    W = P @ M
    D.claim(r"W = \begin{pmatrix} 0{,}75 & -0{,}6 & -0{,}3\\ 1{,}5", close(W, [[0.75, -0.6, -0.3], [1.5, 0.4, -1], [-0.3, -0.32, 2.26]]))
    D.claim(r"\approx 0{,}4055 - 0{,}2231 + 0{,}6931 = 0{,}8755 = \ln 2{,}4", abs(np.log(1.5) - 0.4055) < 1e-4 and abs(np.log(0.8) + 0.2231) < 1e-4 and abs(np.log(2) - 0.6931) < 1e-4 and abs(np.linalg.slogdet(W)[1] - 0.8755) < 1e-4 and close(np.log(2.4), np.linalg.slogdet(W)[1]))
    D.claim(r"(1{,}5\cdot(-0{,}8)\cdot 2) = 2{,}4", close(np.linalg.det(P), -1) and close(np.linalg.det(W), 2.4))
    D.claim(r"$1024\cdot 0{,}87547 \approx 896{,}48$", abs(1024 * np.log(2.4) - 896.48) < 0.005 and abs(np.log(2.4) - 0.87547) < 1e-5)
    D.claim(r"(U+\operatorname{diag}(s))^{-1}L^{-1}P^{\top}", close(np.linalg.inv(U + np.diag(s)) @ np.linalg.inv(L) @ P.T, np.linalg.inv(W)))
    return D


# ---------------------------------------------------------------- 15
@register
def f15():
    D = Doc("15_glow_step_single_pixel_en.md")
    x = np.array([1.0, -2.0]); s = np.array([2, 0.8]); b = np.array([0.5, 1])
    a = s * x + b
    D.claim(r"= (2\cdot 1.0 + 0.5,\ 0.8\cdot(-2.0) + 1) = (2.5,\ -0.6)", close(a, [2.5, -0.6]))
    D.claim(r"= \ln 2 + \ln 0.8 = \ln 1.6 \approx 0.4700", abs(np.log(2) + np.log(0.8) - 0.4700) < 1e-4)
    W = np.array([[0.6, 0.8], [-0.8, 0.6]])
    D.claim(r"\det W = 0.36 + 0.64 = 1", close(np.linalg.det(W), 1))
    c = W @ a
    D.claim(r"= \begin{pmatrix} 1.02 \\ -2.36", close(c, [1.02, -2.36]))
    cp = lambda v: np.array([v[0], v[1] * np.exp(0.5 * v[0]) + v[0] ** 2])
    D.claim(r"Here $s(c_1) = 0.51$, $e^{0.51}\approx 1.66529$", close(0.5 * c[0], 0.51) and abs(np.exp(0.51) - 1.66529) < 1e-5)
    D.claim(r"\approx -3.93008 + 1.0404 = -2.88968", abs(c[1] * np.exp(0.51) + 3.93008) < 1e-5 and abs(cp(c)[1] + 2.88968) < 1e-5)
    J = num_jac(cp, c)
    D.claim(r"\approx -1.96504 + 2.04 = 0.07496", abs(0.5 * c[1] * np.exp(0.51) + 1.96504) < 1e-5 and abs(J[1, 0] - 0.07496) < 1e-5)
    D.claim(r"J = \begin{pmatrix} 1 & 0.07496 \\ 0 & 1.66529", close(J, [[1, 0.07496], [0, 1.66529]], 1e-5))
    D.claim(r"\log\lvert\det J\rvert = \ln 1.66529 = 0.51", close(np.log(abs(np.linalg.det(J))), 0.51, 1e-5))
    full = lambda v: cp(W @ (s * v + b))
    ld = np.log(abs(np.linalg.det(num_jac(full, x))))
    D.claim(r"= 0.4700 + 0 + 0.51 = 0.9800", abs(ld - 0.9800) < 1e-4)
    D.claim(r"you should get $0.98000$", abs(ld - 0.98000) < 1e-5)
    return D


# ---------------------------------------------------------------- 16
@register
def f16():
    D = Doc("16_mle_gradient_affine_en.md")
    xs = rng.normal(size=6) * 2 + 1

    def Lf(mu, al, xs=xs):
        z = (xs - mu) * np.exp(-al)
        return np.mean(0.5 * z ** 2 + 0.5 * L2P + al)
    mu, al = 0.3, -0.2
    # check per-point log-density against the Gaussian N(mu, e^{2 al})
    D.claim(r"+ \alpha + \frac12\log(2\pi)\right].", close(Lf(mu, al), np.mean(-np.array([mvn_logpdf(np.array([v - mu]), np.array([[np.exp(2 * al)]])) for v in xs]))))
    h = 1e-6
    gmu = (Lf(mu + h, al) - Lf(mu - h, al)) / (2 * h); gal = (Lf(mu, al + h) - Lf(mu, al - h)) / (2 * h)
    D.claim(r"= -\frac1N\sum_{n=1}^N (x_n-\mu)\,e^{-2\alpha},", abs(gmu + np.mean(xs - mu) * np.exp(-2 * al)) < 1e-6)
    D.claim(r"\frac{\partial\mathcal L}{\partial\alpha} = 1 - \frac1N\sum_{n=1}^N (x_n-\mu)^2 e^{-2\alpha}.", abs(gal - (1 - np.mean((xs - mu) ** 2) * np.exp(-2 * al))) < 1e-6)
    d = np.array([1, 2, 4, 5.])
    D.claim(r"$\sum_n x_n^2 = 1+4+16+25 = 46$", d.sum() == 12 and (d ** 2).sum() == 46)
    gmu = (Lf(h, 0, d) - Lf(-h, 0, d)) / (2 * h); gal = (Lf(0, h, d) - Lf(0, -h, d)) / (2 * h)
    D.claim(r"= -\frac{12}{4} = -3,", abs(gmu + 3) < 1e-6)
    D.claim(r"= 1 - \frac{46}{4} = -10.5 .", abs(gal + 10.5) < 1e-6)
    D.claim(r"At this point $\mathcal L(0,0)", abs(Lf(0, 0, d) - 6.6689) < 1e-4 and abs(0.5 * L2P - 0.9189) < 1e-4)
    # MLE by grid-free check: gradient zero at (3, 0.5 ln 2.5)
    muh, alh = 3.0, 0.5 * np.log(2.5)
    gm = (Lf(muh + h, alh, d) - Lf(muh - h, alh, d)) / (2 * h); ga = (Lf(muh, alh + h, d) - Lf(muh, alh - h, d)) / (2 * h)
    D.claim(r"= \frac{4+1+1+4}{4} = 2.5,", abs(gm) < 1e-6 and abs(ga) < 1e-6 and close(np.mean((d - 3) ** 2), 2.5) and abs(alh - 0.4581) < 1e-4)
    D.claim(r"equals $\tfrac12$, hence", close(np.mean(0.5 * (d - muh) ** 2 * np.exp(-2 * alh)), 0.5))
    D.claim(r"= \frac12 + 0.4581 + 0.9189 \approx 1.877", abs(Lf(muh, alh, d) - 1.877) < 5e-4)
    D.claim(r"\tfrac12\ln(2\pi e\cdot 2.5)\approx 1.877", abs(0.5 * np.log(2 * np.pi * np.e * 2.5) - 1.877) < 5e-4 and close(Lf(muh, alh, d), 0.5 * np.log(2 * np.pi * np.e * 2.5)))
    return D


def main():
    with open(os.path.join(HERE, "expected.json"), encoding="utf-8") as fh:
        expected = json.load(fh)
    docs = {}
    for fn in checks.values():
        d = fn()
        docs[d.name] = d
    assert set(docs) == set(expected), (set(docs) ^ set(expected))
    md = sorted(f for f in os.listdir(HERE) if f.endswith(".md"))
    assert md == sorted(expected), md
    failed = False
    for name in sorted(docs):
        got = docs[name].first_fail()
        if got == expected[name]:
            print(f"OK   {name}: first failing line = {got}")
        else:
            failed = True
            print(f"FAIL {name}: first failing line = {got}, expected {expected[name]}")
            for ln, ok in sorted(docs[name].results):
                print("      ", ln, ok, docs[name].lines[ln - 1][:90])
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
