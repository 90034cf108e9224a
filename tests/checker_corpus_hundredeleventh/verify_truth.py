"""Independent truth check for corpus111.

For every file, walk the math claims in order (each located by a unique
substring of its line), evaluate them with NumPy, and compare the first
failing line with expected.json.
"""
import json
import math
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(111)


def close(a, b, tol=1e-9):
    return bool(np.all(np.abs(np.asarray(a, float) - np.asarray(b, float)) <= tol))


def rnd(a, b, digits):
    """a rounded to printed precision equals b"""
    return abs(a - b) <= 0.5 * 10 ** (-digits) + 1e-12


def N2(u):
    """cardinal quadratic B-spline, support [0,3]"""
    u = np.asarray(u, float)
    return np.where((u >= 0) & (u < 1), u ** 2 / 2,
           np.where((u >= 1) & (u < 2), (-2 * u ** 2 + 6 * u - 3) / 2,
           np.where((u >= 2) & (u < 3), (3 - u) ** 2 / 2, 0.0)))


def hat_j(x, j, h):
    """degree-1 B-spline B_{j,1}, support [t_j, t_{j+2}], t_j = j h"""
    return max(0.0, 1 - abs(x - (j + 1) * h) / h)


def hat_c(x, g, h):
    """hat centred at g"""
    return max(0.0, 1 - abs(x - g) / h)


def quad_j(x, j, h):
    return float(N2((x - j * h) / h))


def fd(f, x, eps=1e-6):
    return (f(x + eps) - f(x - eps)) / (2 * eps)


def relu(z):
    return max(0.0, z)


def cox(i, k, x, t):
    if k == 0:
        return 1.0 if t[i] <= x < t[i + 1] else 0.0
    a = (x - t[i]) / (t[i + k] - t[i]) * cox(i, k - 1, x, t)
    b = (t[i + k + 1] - x) / (t[i + k + 1] - t[i + 1]) * cox(i + 1, k - 1, x, t)
    return a + b


def silu(x):
    return x / (1 + math.exp(-x))


# ---------------------------------------------------------------- checks
def f01():
    h = 0.5
    x = 1.2
    B1, B2 = hat_j(x, 1, h), hat_j(x, 2, h)
    dB1 = fd(lambda z: hat_j(z, 1, h), x)
    dB2 = fd(lambda z: hat_j(z, 2, h), x)
    # partition of unity identity at random points
    pu = all(close(sum(hat_j(z, j, h) for j in range(-2, 12)), 1.0)
             for z in RNG.uniform(0.1, 4, 20))
    s = lambda z: 3 * hat_j(z, 1, h) - 1 * hat_j(z, 2, h)
    return [
        ("= \\frac{t_{m+1}-t_m}{h} = 1", pu),
        ("\\phantom{-}1/h, & t_j < x < t_{j+1}", close(fd(lambda z: hat_j(z, 0, 1.0), 0.3), 1.0)),
        ("B_{1,1}(1{,}2) &= \\frac{t_3 - x}{h}", close(B1, 0.6)),
        ("B_{2,1}(1{,}2) &= \\frac{x - t_2}{h}", close(B2, 0.4)),
        ("Probe: $0{,}6 + 0{,}4 = 1$", close(B1 + B2, 1)),
        ("B_{1,1}'(1{,}2) = -1/h = -2$", close(dB1, -2, 1e-6) and close(dB2, 2, 1e-6)),
        ("gilt $s(t_{j+1}) = c_j$", close(s(1.0), 3) and close(s(1.5), -1)),
        ("= 1{,}8 - 0{,}4 = 1{,}4", close(s(x), 1.4)),
        ("s'(1{,}2) = 3\\cdot(-2)", close(fd(s, x), -8, 1e-6) and close((-1 - 3) / 0.5, -8)),
        ("Sekante durch $(t_2, c_1) = (1, 3)$", close((-1 - 3) / (1.5 - 1), -8)),
        ("$s'(x) = (c_m - c_{m-1})/h$", close(fd(s, 1.2), (-1 - 3) / h, 1e-6)),
    ]


def f02():
    x = 2.3
    v = [quad_j(x, j, 1) for j in range(3)]
    tau = RNG.uniform(0, 1, 10)
    mid_ok = close(-2 * (tau + 1) ** 2 + 6 * (tau + 1) - 3, -2 * tau ** 2 + 2 * tau + 1)
    sum_ok = close(tau ** 2 / 2 + (-2 * tau ** 2 + 2 * tau + 1) / 2 + (1 - 2 * tau + tau ** 2) / 2, 1)
    s = 1 * v[0] + 2 * v[1] - 1 * v[2]
    return [
        ("\\dfrac{-2u^2 + 6u - 3}{2}, & 1 \\le u < 2", close(N2(1.5), 0.75)),
        ("B_{0,2}(2{,}3) &= N(2{,}3)", close(v[0], 0.245)),
        ("B_{1,2}(2{,}3) &= N(1{,}3)", close(v[1], 0.71) and close(-2 * 1.69 + 7.8 - 3, 1.42)),
        ("B_{2,2}(2{,}3) &= N(0{,}3)", close(v[2], 0.045)),
        ("On vérifie : $0{,}245", close(sum(v), 1)),
        ("= -2\\tau^2 - 4\\tau - 2 + 6\\tau + 6 - 3", mid_ok),
        ("\\sum_j B_{j,2}(x) = \\frac{\\tau^2}{2}", sum_ok),
        ("= 1\\cdot 0{,}245 + 2\\cdot 0{,}71", close(s, 0.245 + 1.42 - 0.045)),
        ("s(2{,}3) = 0{,}245 + 1{,}42 - 0{,}045 = 1{,}71", close(s, 1.71)),
    ]


def f03():
    h, x = 0.5, 1.3
    B = [hat_j(x, j, h) for j in range(4)]
    Q = [quad_j(x, j, h) for j in range(3)]
    dQ = [fd(lambda z, j=j: quad_j(z, j, h), x) for j in range(3)]
    c = [2, 1, 4]
    s = lambda z: sum(c[j] * quad_j(z, j, h) for j in range(3))
    # general derivative identity at random points, uniform grid
    ident = all(close(fd(lambda z: quad_j(z, 1, h), z0), (hat_j(z0, 1, h) - hat_j(z0, 2, h)) / h, 1e-5)
                for z0 in RNG.uniform(0.51, 1.99, 15) if abs(z0 / h - round(z0 / h)) > 1e-3)
    return [
        ("= \\frac{1}{h}\\bigl(B_{j,1}(x) - B_{j+1,1}(x)\\bigr)", ident),
        ("B_{1,1}(1{,}3) = \\frac{t_3 - x}{h}", close(B[1], 0.4) and close(B[2], 0.6)),
        ("y $B_{0,1}(1{,}3) = B_{3,1}(1{,}3) = 0$", close(B[0], 0) and close(B[3], 0)),
        ("B_{0,2}(1{,}3) &= \\tfrac12 (3 - 2{,}6)^2", close(Q[0], 0.08)),
        ("B_{1,2}(1{,}3) &= \\tfrac12\\bigl(", close(Q[1], 0.74) and close(-5.12 + 9.6 - 3, 1.48)),
        ("B_{2,2}(1{,}3) &= \\tfrac12\\, 0{,}6^2", close(Q[2], 0.18)),
        ("que suman $0{,}08", close(sum(Q), 1)),
        ("B_{0,2}'(1{,}3) &= 2\\,(B_{0,1}", close(dQ[0], -0.8, 1e-6)),
        ("B_{1,2}'(1{,}3) &= 2\\,(B_{1,1}", close(dQ[1], -0.4, 1e-6)),
        ("B_{2,2}'(1{,}3) &= 2\\,(B_{2,1}", close(dQ[2], 1.2, 1e-6)),
        ("Comprobación: $-0{,}8", close(sum(dQ), 0, 1e-6)),
        ("= \\sum_j \\frac{c_j - c_{j-1}}{h}\\, B_{j,1}(x)", close(fd(s, x), sum((c[j] - (c[j - 1] if j else 0)) / h * B[j] for j in range(3)), 1e-6)),
        ("= -1{,}6 - 0{,}4 + 4{,}8 = 2{,}8", close(fd(s, x), 2.8, 1e-6)),
        ("= -0{,}8 + 3{,}6 = 2{,}8", close((1 - 2) / h * 0.4 + (4 - 1) / h * 0.6, 2.8)),
    ]


def f04():
    h = 0.5
    g = [-1 + i * h for i in range(5)]
    x = [0.2, -0.7]
    B = lambda z: np.array([hat_c(z, gi, h) for gi in g])
    c = {(1, 1): [0, 1, 2, -1, 0.5], (1, 2): [2, -1, 0, 3, 1],
         (2, 1): [1, 0, -1, 2, 1], (2, 2): [-1, 3, 0, 0, 2]}
    phi = {k: float(np.dot(v, B(x[k[1] - 1]))) for k, v in c.items()}
    y = [phi[1, 1] + phi[1, 2], phi[2, 1] + phi[2, 2]]
    b1, b2 = B(0.2), B(-0.7)
    return [
        ("B_2(0{,}2) = 1 - \\frac{|0{,}2 - 0|}{0{,}5} = 0{,}6", close(b1[2], 0.6) and close(b1[3], 0.4)),
        ("B_0(-0{,}7) = 1 - \\frac{0{,}2}{0{,}5} = 0{,}6", close(b2[0], 0.6) and close(b2[1], 0.4)),
        ("\\varphi_{1,1}(0{,}2) &=", close(phi[1, 1], 0.8)),
        ("\\varphi_{1,2}(-0{,}7) &=", close(phi[1, 2], 0.8)),
        ("\\varphi_{2,1}(0{,}2) &=", close(phi[2, 1], 0.2)),
        ("\\varphi_{2,2}(-0{,}7) &=", close(phi[2, 2], 0.6)),
        ("= \\begin{pmatrix} 1{,}6 \\\\ 0{,}8 \\end{pmatrix}", close(y, [1.6, 0.8])),
        ("2\\cdot 2\\cdot 5 = 20", np.zeros((2, 2, 5)).size == 20 and 2 * 2 + 2 == 6),
    ]


def f05():
    x = [0.25, 2.5]
    t = 1.0
    B = lambda z: np.array([max(0, 1 - abs(z - i)) for i in range(4)])
    c = np.array([[1, 2, 0, -1], [0, 1, 3, -2]], float)
    Bx = np.stack([B(x[0]), B(x[1])])
    y = lambda cc: float(np.sum(cc * Bx))
    L = lambda cc: 0.5 * (y(cc) - t) ** 2
    r = y(c) - t
    G = np.zeros_like(c)
    for idx in np.ndindex(c.shape):
        e = np.zeros_like(c); e[idx] = 1e-6
        G[idx] = (L(c + e) - L(c - e)) / 2e-6
    c_new = c - 0.1 * G
    return [
        ("\\frac{\\partial y}{\\partial c_{p,i}} = B_i(x_p)", all(close(y(c + np.eye(8)[n].reshape(2, 4)) - y(c), Bx.flat[n]) for n in range(8))),
        ("= (y - t)\\,B_i(x_p)", close(G, r * Bx, 1e-6)),
        ("1\\times 2\\times 4", G.shape == (2, 4)),
        ("B_0(0{,}25) = 0{,}75", close(Bx, [[0.75, 0.25, 0, 0], [0, 0, 0.5, 0.5]])),
        ("&= 1{,}25 + 0{,}5 = 1{,}75", close(y(c), 1.75) and close(0.75 + 0.5, 1.25)),
        ("$L = \\tfrac12\\cdot 0{,}75^2 = 0{,}28125$", close(L(c), 0.28125) and close(r, 0.75)),
        ("= \\begin{pmatrix} 0{,}5625 & 0{,}1875", close(G, [[0.5625, 0.1875, 0, 0], [0, 0, 0.375, 0.375]], 1e-6)),
        ("y - \\eta\\, r \\sum_{p,i} B_i(x_p)^2", close(y(c_new), y(c) - 0.1 * r * np.sum(Bx ** 2), 1e-6)),
        ("= 0{,}5625 + 0{,}0625 + 0{,}25 + 0{,}25 = 1{,}125", close(np.sum(Bx ** 2), 1.125)),
        ("= 1{,}75 - 0{,}084375 = 1{,}665625", close(y(c_new), 1.665625, 1e-6)),
        ("\\approx 0{,}2215$", rnd(L(c_new), 0.2215, 4) and L(c_new) < 0.28125),
        ("hanno gradiente nullo", close([G[0, 2], G[0, 3], G[1, 0], G[1, 1]], 0, 1e-9)),
    ]


def f06():
    x = 2.3
    v = [quad_j(x, j, 1) for j in range(3)]
    dv = [fd(lambda z, j=j: quad_j(z, j, 1), x) for j in range(3)]
    c = [1, -2, 3]
    S = lambda z: sum(c[j] * quad_j(z, j, 1) for j in range(3))
    sig = 1 / (1 + math.exp(-x))
    dsilu = fd(silu, x)
    phi = lambda z: 0.5 * silu(z) + 2 * S(z)
    return [
        ("u, & 0 < u < 1", close(fd(lambda u: float(N2(u)), 0.4), 0.4, 1e-6)),
        ("-2u + 3, & 1 < u < 2", close(fd(lambda u: float(N2(u)), 1.3), -2 * 1.3 + 3, 1e-6)),
        ("3 - u, & 2 < u < 3", close(fd(lambda u: float(N2(u)), 2.4), 3 - 2.4, 1e-6)),
        ("B_{0,2} = \\frac{0{,}7^2}{2} = 0{,}245", close(v, [0.245, 0.71, 0.045])),
        ("B_{0,2}' = 3 - 2{,}3 = 0{,}7", close(dv, [0.7, 0.4, 0.3], 1e-6)),
        ("S(2{,}3) &= 1\\cdot 0{,}245", close(S(x), -1.04)),
        ("S'(2{,}3) &= 1\\cdot 0{,}7", close(fd(S, x), 0.8, 1e-6)),
        ("\\sigma(x)\\bigl(1 + x(1-\\sigma(x))\\bigr)", close(dsilu, sig * (1 + x * (1 - sig)), 1e-7)),
        ("\\sigma(2{,}3) \\approx 0{,}90888", rnd(sig, 0.90888, 5) and rnd(silu(x), 2.09042, 5) and rnd(dsilu, 1.09936, 5)),
        ("\\varphi(2{,}3) &= 0{,}5\\cdot 2{,}09042", rnd(phi(x), -1.03479, 5)),
        ("\\varphi'(2{,}3) &= 0{,}5\\cdot 1{,}09936", rnd(fd(phi, x), 2.14968, 5)),
    ]


def f07():
    def nbasis(G, k):
        # extended uniform knot vector and count of B-splines of degree k
        knots = np.arange(-k, G + k + 1)  # G+1 grid points + k each side
        return len(knots), len(knots) - (k + 1)
    G, k = 5, 3
    nk, nb = nbasis(G, k)
    ok_knots = all(nbasis(GG, kk)[0] == GG + 2 * kk for GG in range(1, 8) for kk in range(1, 4))
    ok_basis = all(nbasis(GG, kk)[1] == GG + kk - 1 for GG in range(1, 8) for kk in range(1, 4))
    per_edge = nb + 2
    return [
        ("n_{\\text{knots}} = G + 2k", ok_knots),
        ("n_{\\text{basis}} = (G + 2k) - (k+1) = G + k - 1", ok_basis),
        ("n_{\\text{edge}} = (G + k - 1) + 2 = G + k + 1", per_edge == G + k + 1),
        ("n_{\\text{basis}} = 5 + 3 - 1 = 7", nb == 7 and per_edge == 9 and 12 * per_edge == 108),
        ("$P_{\\text{MLP}} = 4\\times 3 + 3 = 15$", np.zeros((3, 4)).size + np.zeros(3).size == 15),
        ("P_{\\text{KAN}} = 15 \\times (G + k + 1) = 15 \\times 9 = 135", 15 * per_edge == 135),
        ("= 15 + 6 = 21", (2 * 5 + 5) + (5 * 1 + 1) == 21),
    ]


def f08():
    G, k = 10, 3
    W1 = np.zeros((4, 3, G + k)); W2 = np.zeros((2, 4, G + k))
    mlp = lambda n: (3 * n + n) + (n * 2 + 2)
    return [
        ("4 \\times 3 \\times 13 = 156", W1.size == 156),
        ("2 \\times 4 \\times 13 = 104", W2.size == 104),
        ("= 20 \\times 13 .", W1.size + W2.size == 260 == (3 * 4 + 4 * 2) * 13),
        ("= 16 + 10 = 26", mlp(4) == 26),
        ("ちょうど $10$ 倍", 260 / 26 == 10),
        ("= 6N + 2 .", all(mlp(n) == 6 * n + 2 for n in range(1, 50))),
        ("$P_{\\text{MLP}}(43) = 258 + 2 = 260$", mlp(43) == 260 and (260 - 2) / 6 == 43),
        ("P_{\\text{KAN}} = 20 \\times 23 = 460", 20 * (20 + k) == 460),
        ("各辺 $8$ 個で $120$", (2 * 5 + 5 * 1) * (5 + 3) == 120),
    ]


def f09():
    w = np.array([1, -1, 2.]); b = np.array([0, 1, -3.]); a = np.array([1, 2, -1.]); c = 0.5
    f = lambda x: float(np.sum(a * np.maximum(0, w * x + b)) + c)
    bp = -b / w
    slopes = [fd(f, z) for z in (-1, 0.5, 1.25, 3)]
    jumps = [fd(f, bp[i] + 0.01) - fd(f, bp[i] - 0.01) for i in range(3)]
    return [
        ("x_3 = -\\frac{-3}{2} = 1{.}5", close(bp, [0, 1, 1.5])),
        ("기여 $a_1 w_1 = 1$", a[0] * w[0] == 1),
        ("기여 $a_2 w_2 = -2$", a[1] * w[1] == -2),
        ("기여 $a_3 w_3 = -2$", a[2] * w[2] == -2),
        ("-2, & x < 0", close(slopes[0], -2, 1e-6)),
        ("1 - 2 = -1, & 0 < x < 1", close(slopes[1], -1, 1e-6)),
        ("1, & 1 < x < 1{.}5", close(slopes[2], 1, 1e-6)),
        ("1 - 2 = -1, & x > 1{.}5", close(slopes[3], -1, 1e-6)),
        ("f(0) &= 1\\cdot 0", close(f(0), 2.5)),
        ("f(1) &= 1\\cdot 1", close(f(1), 1.5)),
        ("f(1{.}5) &= 1\\cdot 1{.}5", close(f(1.5), 2)),
        ("$(1{.}5 - 2{.}5)/1 = -1$", close(jumps, a * np.abs(w), 1e-6)),
    ]


def f10():
    def regions(n):
        # count regions of n random lines in general position: 1 + n + C(n,2) via
        # Euler: count by sampling sign patterns on a fine grid (small n only)
        W = RNG.normal(size=(n, 2)); bb = RNG.normal(size=n) * 0.5
        xs = np.linspace(-30, 30, 1201)
        X, Y = np.meshgrid(xs, xs)
        P = (W[:, 0, None, None] * X + W[:, 1, None, None] * Y + bb[:, None, None]) > 0
        codes = set(map(tuple, P.reshape(n, -1).T))
        return len(codes)
    Rsim = {n: regions(n) for n in (1, 2, 3)}
    R = {n: 1 + n + math.comb(n, 2) for n in range(12)}
    rec_ok = all(R[k] == R[k - 1] + k for k in range(1, 12))
    W = np.array([[1, 0], [0, 1], [1, 1.]]); bvec = np.array([0, 0, -1.])
    return [
        ("R_k = R_{k-1} + k", rec_ok and Rsim[1] == 2 and Rsim[2] == 4),
        ("= 1 + \\frac{n(n-1)}{2}.", all(1 + sum(range(1, n + 1)) == 1 + n * (n - 1) // 2 for n in range(0, 8))),
        ("= \\binom{n}{0} + \\binom{n}{2}", all(R[n] == 1 + math.comb(n, 2) for n in range(8))),
        ("| 3 | $1 + 3 = 4$ |", R[3] == 4),
        ("| 4 | $1 + 6 = 7$ |", R[4] == 7),
        ("| 5 | $1 + 10 = 11$ |", R[5] == 11),
        ("| 10 | $1 + 45 = 46$ |", R[10] == 46),
        ("mamy $11$ obszarów w 1-D", 10 + 1 == 11),
        ("są różne, więc proste", abs(np.linalg.det(W[:2])) > 0 and R[3] == 4),
    ]


def f11():
    xs = np.array([0, 1, 3, 4.]); ys = np.array([2, 0, 3, 1.])
    L = lambda z: float(np.interp(z, xs, ys))
    m = np.diff(ys) / np.diff(xs)
    Lr = lambda z: 2 - 2 * z + 3.5 * relu(z - 1) - 3.5 * relu(z - 3)
    zs = RNG.uniform(0, 4, 30)
    return [
        ("m_2 = \\frac{1 - 3}{4 - 3} = -2", close(m, [-2, 1.5, -2])),
        ("Dus $L'(0{,}5) = -2$", close([fd(L, 0.5), fd(L, 2), fd(L, 3.5)], [-2, 1.5, -2], 1e-6)),
        ("L(2) = 0 + 1{,}5\\cdot(2 - 1) = 1{,}5", close(L(2), 1.5) and close(L(3.5), 2)),
        ("hellingsprongen $m_1 - m_0 = 3{,}5$", close(np.diff(m), [3.5, -3.5])),
        ("L(x) = 2 - 2x + 3{,}5", all(close(Lr(z), L(z)) for z in zs)),
        ("L(2) &= 2 - 4 + 3{,}5", close(Lr(2), 1.5)),
        ("= -5 + 8{,}75 - 1{,}75 = 2", close(Lr(3.5), 2)),
        ("L'(x) = -2 + 3{,}5\\,\\mathbf{1}[x > 1]", close([fd(Lr, 0.5), fd(Lr, 2), fd(Lr, 3.5)], [-2, 1.5, -2], 1e-6)),
        ("= -1 = y_3 - y_0 = 1 - 2", close(np.sum(m * np.diff(xs)), -1)),
        ("er $n-1$ inwendige knikken", len(xs) - 2 == 2),
    ]


def f12():
    h = 0.5
    f = lambda z: z ** 2
    xs = np.arange(0, 3.01, h)
    L = lambda z: float(np.interp(z, xs, f(xs)))
    zz = np.linspace(0.01, 2.99, 300)
    zz = zz[np.abs(zz / h - np.round(zz / h)) > 1e-3]
    e_fun = max(abs(f(z) - L(z)) for z in np.linspace(0, 3, 3001))
    e_der = max(abs(2 * z - fd(L, z)) for z in zz)
    return [
        ("= x_i + x_{i+1}.", all(close(fd(L, z), np.floor(z / h) * h * 2 + h, 1e-6) for z in zz)),
        ("f'\\bigl(\\tfrac{x_i+x_{i+1}}{2}\\bigr)", all(close(fd(L, z), 2 * (np.floor(z / h) * h + h / 2), 1e-6) for z in zz)),
        ("L'(1{,}2) = \\frac{2{,}25 - 1}{0{,}5} = 2{,}5", close(fd(L, 1.2), 2.5, 1e-6)),
        ("L(1{,}2) = 1 + 2{,}5\\cdot(1{,}2 - 1)", close(L(1.2), 1.5)),
        ("= 1{,}44 - 1{,}5 = -0{,}06", close(f(1.2) - L(1.2), -0.06)),
        ("0{,}2\\cdot(-0{,}3) = -0{,}06", close((1.2 - 1) * (1.2 - 1.5), -0.06)),
        ("f'(1{,}2) - L'(1{,}2) = 2{,}4 - 2{,}5 = 0{,}1", close(2 * 1.2 - fd(L, 1.2), 0.1, 1e-6)),
        ("= 2\\Bigl(x - \\frac{x_i + x_{i+1}}{2}\\Bigr)", all(close(2 * z - fd(L, z), 2 * (z - (np.floor(z / h) * h + h / 2)), 1e-6) for z in zz)),
        ("\\le 2\\cdot\\frac{h}{2} = h = 0{,}5", rnd(e_der, 0.5, 1) and e_der <= 0.5 + 1e-6),
        ("= \\frac{0{,}25}{8}\\cdot 2 = 0{,}0625", close(h ** 2 / 8 * 2, 0.0625) and e_fun <= 0.0625 + 1e-12),
    ]


def f13():
    h = 0.5
    Br = lambda x, j: (relu(x - j * h) - 2 * relu(x - (j + 1) * h) + relu(x - (j + 2) * h)) / h
    zs = RNG.uniform(-1, 3, 40)
    c = [1, 3]
    coef = [2, 2, -10, 6]
    knots = [0, 0.5, 1, 1.5]
    sr = lambda x: sum(a * relu(x - t) for a, t in zip(coef, knots))
    sd = lambda x: c[0] * hat_j(x, 0, h) + c[1] * hat_j(x, 1, h)
    return [
        ("B_{j,1}(x) = \\frac{1}{h}\\Bigl[", all(close(Br(z, j), hat_j(z, j, h)) for z in zs for j in range(3))),
        ("eğim $\\frac{1}{h}(1 - 2) = -\\frac{1}{h}$", close(fd(lambda z: Br(z, 0), 0.7), -1 / h, 1e-6)),
        ("\\frac{1}{h}\\bigl[-jh + 2(j+1)h - (j+2)h\\bigr] = 0", close(Br(2.3, 1), 0)),
        ("B_{0,1}(0{,}3) = 2\\,\\bigl[0{,}3", close(Br(0.3, 0), 0.6)),
        ("= 1 - 0{,}4 = 0{,}6", close(hat_j(0.3, 0, h), 0.6)),
        ("B_{0,1}(0{,}8) = 2\\,\\bigl[0{,}8", close(Br(0.8, 0), 0.4)),
        ("$B_{0,1}'(0{,}3) = 2$", close(fd(lambda z: Br(z, 0), 0.3), 2, 1e-6) and close(fd(lambda z: Br(z, 0), 0.8), -2, 1e-6)),
        ("\\frac{1}{h}\\bigl(c_{k} - 2c_{k-1} + c_{k-2}\\bigr)", all(close(sr(z), sd(z)) for z in zs)),
        ("$M+2$ düğümde", len(knots) == len(c) + 2),
        ("2(1) = 2,\\quad 2(3 - 2) = 2", all(close(sr(z), sd(z)) for z in zs)),
        ("Kontrol: $x = 0{,}75$", close(sr(0.75), 2) and close(sd(0.75), 2)),
        ("$2 + 2 - 10 + 6 = 0$", sum(coef) == 0 and close(fd(sr, 2.0), 0, 1e-6)),
    ]


def f14():
    h = 0.25
    g = [i * h for i in range(5)]
    B = lambda z: np.array([hat_c(z, gi, h) for gi in g])
    c = {(1, 1): [0, 1, 3, 2, 5], (1, 2): [1, 2, 0, 0, 1], (2, 1): [2, 0, 1, 3, 1], (2, 2): [0, -1, 2, 1, 0]}
    phi = lambda q, p, z: float(np.dot(c[q, p], B(z)))
    y = lambda x: np.array([phi(1, 1, x[0]) + phi(1, 2, x[1]), phi(2, 1, x[0]) + phi(2, 2, x[1])])
    x0 = np.array([0.6, 0.1]); t = np.array([3.5, 2.0])
    Lf = lambda x: 0.5 * np.sum((y(x) - t) ** 2)
    J = np.zeros((2, 2)); grad = np.zeros(2)
    for p in range(2):
        e = np.zeros(2); e[p] = 1e-6
        J[:, p] = (y(x0 + e) - y(x0 - e)) / 2e-6
        grad[p] = (Lf(x0 + e) - Lf(x0 - e)) / 2e-6
    return [
        ("B_2(0{,}6) = 1 - \\frac{0{,}1}{0{,}25} = 0{,}6", close(B(0.6)[2:4], [0.6, 0.4])),
        ("tedy $B_0(0{,}1) = 0{,}6$", close(B(0.1)[0:2], [0.6, 0.4])),
        ("\\varphi_{1,1}(0{,}6) &= 3\\cdot 0{,}6", close(phi(1, 1, 0.6), 2.6) and close(phi(1, 2, 0.1), 1.4)),
        ("\\varphi_{2,1}(0{,}6) &= 1\\cdot 0{,}6", close(phi(2, 1, 0.6), 1.8) and close(phi(2, 2, 0.1), -0.4)),
        ("= (4;\\ 1{,}4)$", close(y(x0), [4, 1.4])),
        ("směrnicí $\\varphi'(x) = (c_{i+1} - c_i)/h$", close(fd(lambda z: hat_c(z, 0.5, h), 0.6), -1 / h, 1e-6)),
        ("J_{11} &= \\frac{2 - 3}{0{,}25} = -4", close(J[0], [-4, 4], 1e-5)),
        ("J_{21} &= \\frac{3 - 1}{0{,}25} = 8", close(J[1], [8, -4], 1e-5)),
        ("J = \\begin{pmatrix} -4 & 4 \\\\ 8 & -4 \\end{pmatrix}.", close(J, [[-4, 4], [8, -4]], 1e-5)),
        ("= (0{,}5;\\ -0{,}6)$", close(y(x0) - t, [0.5, -0.6])),
        ("= \\sum_q \\delta_q\\, J_{qp}", close(grad, J.T @ (y(x0) - t), 1e-5)),
        ("\\nabla_x L = J\\,\\delta =", close(grad, [-4.4, 6.4], 1e-5)),
        ("= \\tfrac12(0{,}25 + 0{,}36) = 0{,}305", close(Lf(x0), 0.305)),
        ("0{,}001\\cdot(19{,}36 + 40{,}96) \\approx 0{,}0603", rnd(1e-3 * np.sum(grad ** 2), 0.0603, 4)),
    ]


def f15():
    h, x = 0.25, 0.6
    # general identity with explicit factor k, uniform knots, k=2 and k=3 at random points
    t = np.arange(0, 12) * h
    ok = True
    for k in (1, 2, 3):
        for z in RNG.uniform(0.8, 1.6, 8):
            i = 1
            lhs = fd(lambda s: cox(i, k, s, t), z, 1e-7)
            rhs = k / (t[i + k] - t[i]) * cox(i, k - 1, z, t) - k / (t[i + k + 1] - t[i + 1]) * cox(i + 1, k - 1, z, t)
            ok = ok and close(lhs, rhs, 1e-4) and close(rhs, (cox(i, k - 1, z, t) - cox(i + 1, k - 1, z, t)) / h)
    Q = [quad_j(x, j, h) for j in range(3)]
    dQ = [fd(lambda z, j=j: quad_j(z, j, h), x) for j in range(3)]
    H = [hat_j(x, j, h) for j in range(4)]
    c = [1, 0, 2]
    s = lambda z: sum(c[j] * quad_j(z, j, h) for j in range(3))
    return [
        ("B_{i,k}'(x) = \\frac{k}{t_{i+k} - t_i}", ok),
        ("B_{i,k}'(x) = \\frac{1}{h}\\Bigl(", ok),
        ("\\sum_i B_{i,k}'(x) = 0", close(sum(dQ), 0, 1e-6)),
        ("s'(x) = \\sum_i \\frac{c_i - c_{i-1}}{h}", close(fd(s, x), sum((c[j] - (c[j - 1] if j else 0)) / h * H[j] for j in range(3)), 1e-6)),
        ("B_{1,1}(0.6) = \\frac{0.75 - 0.6}{0.25} = 0.6", close(H[1], 0.6) and close(H[2], 0.4)),
        ("B_{0,2}(0.6) = \\tfrac12 (3 - 2.4)^2 = 0.18", close(Q, [0.18, 0.74, 0.08])),
        ("(They sum to $1$", close(sum(Q), 1)),
        ("B_{0,2}'(0.6) &= 4\\,(0 - 0.6) = -2.4", close(dQ[0], -2.4, 1e-6)),
        ("B_{1,2}'(0.6) &= 4\\,(0.6 - 0.4) = 0.8", close(dQ[1], 0.8, 1e-6)),
        ("B_{2,2}'(0.6) &= 4\\,(0.4 - 0) = 1.6", close(dQ[2], 1.6, 1e-6)),
        ("and $-2.4 + 0.8 + 1.6 = 0$", close(sum(dQ), 0, 1e-6)),
        ("$(2.4 - 3)\\cdot 4 = -2.4$", close([(2.4 - 3) * 4, (3 - 2.8) * 4, 0.4 * 4], [-2.4, 0.8, 1.6])),
        ("= \\frac1h \\sum_i \\bigl(c_{q,p,i}", ok),
        ("$\\varphi'(0.6) = 1\\cdot(-2.4) + 0 + 2\\cdot 1.6 = 0.8$", close(fd(s, x), 0.8, 1e-6)),
        ("= -2.4 + 3.2 = 0.8", close(4 * (0 - 1) * 0.6 + 4 * (2 - 0) * 0.4, 0.8)),
    ]


def f16():
    t = np.arange(0, 10.)
    x = 2.6
    B1 = [cox(i, 1, x, t) for i in range(4)]
    B2 = [cox(i, 2, x, t) for i in range(3)]
    dB2 = [fd(lambda z, i=i: cox(i, 2, z, t), x) for i in range(3)]
    s = lambda z: cox(0, 2, z, t) + 3 * cox(1, 2, z, t) - cox(2, 2, z, t)
    return [
        ("and $B_{2,0}(2.6) = 1$", cox(2, 0, x, t) == 1),
        ("= 0 + 0.4 = 0.4,", close(B1[1], 0.4)),
        ("= 0.6 + 0 = 0.6 .", close(B1[2], 0.6)),
        ("= 0 + 0.2\\cdot 0.4 = 0.08", close(B2[0], 0.08)),
        ("= 0.32 + 0.42 = 0.74", close(B2[1], 0.74)),
        ("= 0.18 + 0 = 0.18", close(B2[2], 0.18)),
        ("$B_{0,1}(2.6) = 0$ and $B_{3,1}(2.6) = 0$", close(B1[0], 0) and close(B1[3], 0)),
        ("As a check, $0.08 + 0.74 + 0.18 = 1$", close(sum(B2), 1)),
        ("- \\frac{k}{t_{i+k+1} - t_{i+1}}\\,B_{i+1,k-1}(x).", close(dB2[1], 2 / 2 * B1[1] - 2 / 2 * B1[2], 1e-6)),
        ("= 0 - 0.2 = -0.2", close(dB2[0], -0.2, 1e-6)),
        ("= 0.2 - 0.3 = -0.1", close(dB2[1], -0.1, 1e-6)),
        ("= 0.3 - 0 = 0.3 .", close(dB2[2], 0.3, 1e-6)),
        ("$-0.2 - 0.1 + 0.3 = 0$", close(sum(dB2), 0, 1e-6)),
        ("s(2.6) = 0.08 + 3\\cdot 0.74 - 0.18 = 2.12", close(s(x), 2.12)),
        ("s'(2.6) = -0.2 + 3\\cdot(-0.1) - 0.3 = -0.8", close(fd(s, x), -0.8, 1e-6)),
        ("verify that $B_{1,2}(2.5) = 0.75$", close(cox(1, 2, 2.5, t), 0.75)),
    ]


CHECKS = {
    "01_hutfunktionen_de.md": f01,
    "02_bspline_quadratique_fr.md": f02,
    "03_derivada_bspline_es.md": f03,
    "04_camada_kan_pt.md": f04,
    "05_gradiente_coefficienti_it.md": f05,
    "06_proizvodnaya_po_vkhodu_ru.md": f06,
    "07_canshu_jishu_zh.md": f07,
    "08_parameter_hikaku_ja.md": f08,
    "09_relu_1d_yeongyeok_ko.md": f09,
    "10_obszary_liniowe_2d_pl.md": f10,
    "11_stuksgewijs_lineair_nl.md": f11,
    "12_noi_suy_tuyen_tinh_vi.md": f12,
    "13_sapka_relu_tr.md": f13,
    "14_jakobian_kan_cs.md": f14,
    "15_bspline_derivative_en.md": f15,
    "16_cox_de_boor_en.md": f16,
}


def line_of(lines, sub):
    hits = [i + 1 for i, l in enumerate(lines) if sub in l]
    assert len(hits) == 1, f"substring {sub!r} found on lines {hits}"
    return hits[0]


def main():
    expected = json.load(open(os.path.join(HERE, "expected.json"), encoding="utf-8"))
    mds = sorted(f for f in os.listdir(HERE) if f.endswith(".md"))
    assert mds == sorted(CHECKS) == sorted(expected), "file sets differ"
    all_ok = True
    for name in mds:
        lines = open(os.path.join(HERE, name), encoding="utf-8").read().split("\n")
        results = [(line_of(lines, sub), bool(ok), sub) for sub, ok in CHECKS[name]()]
        nums = [r[0] for r in results]
        assert nums == sorted(nums), f"{name}: checks out of order {nums}"
        failing = [ln for ln, ok, _ in results if not ok]
        first = failing[0] if failing else None
        if first == expected[name]:
            print(f"OK   {name}: first failing line = {first}")
        else:
            all_ok = False
            print(f"FAIL {name}: first failing line = {first}, expected {expected[name]}")
            for ln, ok, sub in results:
                print("      ", ln, "ok" if ok else "WRONG", sub[:60])
    assert all_ok


if __name__ == "__main__":
    main()
