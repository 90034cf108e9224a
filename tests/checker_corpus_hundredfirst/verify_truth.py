"""Independent check of every math claim in the corpus.

For each file, a list of (unique substring of a line, check function) is given.
The line number of each substring is located in the file; checks are run in
line order and the first failing line must equal expected.json (None if none fails).
"""
import json, os, itertools
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(12345)
sig = lambda t: 1.0 / (1.0 + np.exp(-np.asarray(t, float)))
softmax = lambda z: np.exp(z - np.max(z)) / np.exp(z - np.max(z)).sum()
softplus = lambda t: np.log1p(np.exp(t))


def close(claimed, true, tol=1.5e-4):
    return np.allclose(np.asarray(claimed, float), np.asarray(true, float), atol=tol, rtol=0)


def fd(f, x, h=1e-6):
    x = np.array(x, float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x); e[idx] = h
        g[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return g


# ---------- RBM helpers (exact enumeration) ----------
def states(n):
    return [np.array(s, float) for s in itertools.product([0, 1], repeat=n)]


def rbm_E(v, h, a, b, W):
    return -a @ v - b @ h - v @ W @ h


def rbm_logp(v, a, b, W):
    n, m = W.shape
    num = np.log(sum(np.exp(-rbm_E(v, h, a, b, W)) for h in states(m)))
    Z = sum(np.exp(-rbm_E(vv, h, a, b, W)) for vv in states(n) for h in states(m))
    return num - np.log(Z)


def rbm_rand(n=3, m=2):
    return rng.normal(size=n), rng.normal(size=m), rng.normal(size=(n, m))


def free_energy(v, a, b, W):
    return -a @ v - softplus(b + v @ W).sum()


# ---------- OT helpers ----------
def sinkhorn(a, b, C, eps, iters=5000):
    K = np.exp(-C / eps); v = np.ones(len(b))
    for _ in range(iters):
        u = a / (K @ v); v = b / (K.T @ u)
    return u, v, u[:, None] * K * v[None, :]


def ot_eps(a, b, C, eps):
    _, _, P = sinkhorn(a, b, C, eps)
    return (P * C).sum() + eps * (P * (np.log(P) - 1)).sum()


def w1_line(xs, ps, ys, qs):
    grid = np.unique(np.concatenate([xs, ys]))
    F = np.array([ps[xs <= g].sum() for g in grid]); G = np.array([qs[ys <= g].sum() for g in grid])
    return np.sum(np.abs(F - G)[:-1] * np.diff(grid))


CHECKS = {}

# ======================= 01 =======================
def f01():
    def rsym(N):
        A = rng.normal(size=(N, N)); W = (A + A.T) / 2; np.fill_diagonal(W, 0); return W
    def c_energy():
        W = rsym(5); b = rng.normal(size=5); s = rng.choice([-1., 1.], 5)
        return close(-0.5 * sum(W[i, j] * s[i] * s[j] for i in range(5) for j in range(5)) - b @ s,
                     -0.5 * s @ W @ s - b @ s, 1e-10)
    def c_collect():
        W = rsym(5); b = rng.normal(size=5); s = rng.choice([-1., 1.], 5); k = 2
        E = lambda s: -0.5 * s @ W @ s - b @ s
        rest = []
        for sk in (-1., 1.):
            t = s.copy(); t[k] = sk
            rest.append(E(t) - (-sk * sum(W[k, j] * t[j] for j in range(5) if j != k) - b[k] * sk))
        return abs(rest[0] - rest[1]) < 1e-10
    def c_dE():
        ok = True
        for _ in range(20):
            W = rsym(5); b = rng.normal(size=5); s = rng.choice([-1., 1.], 5); k = rng.integers(5)
            E = lambda s: -0.5 * s @ W @ s - b @ s
            h = W[k] @ s + b[k]; t = s.copy(); t[k] = np.sign(h)
            ok &= abs((E(t) - E(s)) - (-(t[k] - s[k]) * h)) < 1e-10
            if t[k] != s[k]:
                ok &= abs((E(t) - E(s)) + 2 * abs(h)) < 1e-10 and E(t) < E(s)
        return ok
    xi = np.array([1, -1, 1, -1.]); W = 0.25 * (np.outer(xi, xi) - np.eye(4)); s = np.array([1, 1, 1, -1.])
    E = lambda s: -0.5 * s @ W @ s
    def c_formula():
        return all(abs(t @ W @ t - 0.25 * ((xi @ t) ** 2 - 4)) < 1e-12 for t in map(np.array, itertools.product([-1., 1.], repeat=4)))
    h2 = W[1] @ s
    sp = s.copy(); sp[1] = np.sign(h2)
    return [
        ("E(s) = -\\frac12 \\sum_{i,j}", c_energy),
        ("E(s) = -s_k \\sum_{j\\neq k}", c_collect),
        ("\\Delta E = E(s') - E(s) = -\\Delta s_k", c_dE),
        ("= -2\\,|h_k| < 0", c_dE),
        ("s^\\top W s = \\tfrac14\\big((\\xi^\\top s)^2", c_formula),
        ("\\xi^\\top s = 1-1+1+1 = 2", lambda: xi @ s == 2),
        ("E(s) = -\\tfrac12\\cdot\\tfrac14\\,(4-4) = 0", lambda: close(E(s), 0, 1e-12)),
        ("h_2 = \\tfrac14\\big(\\xi_2\\xi_1", lambda: close(h2, -0.75, 1e-12) and close(0.25 * (xi[1]*xi[0]*s[0] + xi[1]*xi[2]*s[2] + xi[1]*xi[3]*s[3]), -0.75, 1e-12)),
        ("\\Delta E = -\\Delta s_2\\, h_2", lambda: close(-(sp[1] - s[1]) * h2, -1.5, 1e-12) and np.all(sp == xi)),
        ("E(\\xi) = -\\tfrac12\\cdot\\tfrac14\\,(16 - 4)", lambda: close(E(xi), -1.5, 1e-12)),
        ("E(\\xi) - E(s) = -\\tfrac32 - 0", lambda: close(E(xi) - E(s), -1.5, 1e-12)),
    ]
CHECKS["01_hopfield_energie_de.md"] = f01

# ======================= 02 =======================
def f02():
    W = np.array([[0, 1, -2], [1, 0, 3], [-2, 3, 0.]])
    E = lambda s: -0.5 * s @ W @ s
    s = np.array([1, 1, 1.]); sp = np.array([-1, 1, 1.])
    def c_id():
        return all(abs(t @ W @ t - 2 * (W[0,1]*t[0]*t[1] + W[0,2]*t[0]*t[2] + W[1,2]*t[1]*t[2])) < 1e-12
                   for t in map(np.array, itertools.product([-1., 1.], repeat=3)))
    allst = [np.array(t) for t in itertools.product([-1., 1.], repeat=3)]
    return [
        ("s^\\top W s = 2\\,(w_{12}s_1s_2", c_id),
        ("s^\\top W s = 2\\,(1-2+3) = 4", lambda: s @ W @ s == 4 and E(s) == -2),
        ("h_1 = w_{12}s_2 + w_{13}s_3 = 1\\cdot 1", lambda: W[0] @ s == -1),
        ("\\Delta E = -(-2)(-1) = -2", lambda: -(-2) * (-1) == -2 and E(sp) - E(s) == -2),
        ("= 2\\,(-1+2+3) = 8", lambda: sp @ W @ sp == 8),
        ("E(s') = -\\tfrac12\\cdot 8 = -4", lambda: E(sp) == -4),
        ("E(s')-E(s) = -4-(-2) = -2", lambda: E(sp) - E(s) == -2),
        ("h_2 = w_{21}s_1' + w_{23}s_3", lambda: W[1] @ sp == 4),
        ("h_3 = w_{31}s_1' + w_{32}s_2", lambda: W[2] @ sp == 5),
        ("= 1 - 2 = -1", lambda: W[0] @ sp == -1),
        ("w_{12}w_{13}w_{23} = -6", lambda: W[0,1]*W[0,2]*W[1,2] == -6),
        ("\\max_s s^\\top W s = 2", lambda: max(t @ W @ t for t in allst) == 8 and min(E(t) for t in allst) == -4
                                         and E(sp) == -4 and E(-sp) == -4),
    ]
CHECKS["02_hopfield_trois_neurones_fr.md"] = f02

# ======================= 03 =======================
def f03():
    d, N, S, beta = 4, 6, 3, 0.7
    X = rng.normal(size=(d, N)); xi = rng.normal(size=d); Xi = rng.normal(size=(d, S))
    upd = lambda q: X @ softmax(beta * X.T @ q)
    def c_shapes():
        return (X.T @ xi).shape == (N,) and upd(xi).shape == (d,) and np.isclose(softmax(beta * X.T @ xi).sum(), 1)
    def c_stack():
        M = beta * Xi.T @ X; Sm = np.exp(M) / np.exp(M).sum(1, keepdims=True)
        return np.allclose(Sm @ X.T, np.stack([upd(Xi[:, s]) for s in range(S)]))
    def c_attn():
        dr, dy, dk, dv, S2, N2 = 5, 6, 3, 2, 4, 7
        R = rng.normal(size=(S2, dr)); Y = rng.normal(size=(N2, dy))
        WQ, WK, WV = rng.normal(size=(dr, dk)), rng.normal(size=(dy, dk)), rng.normal(size=(dk, dv))
        Q, K = R @ WQ, Y @ WK; V = K @ WV; b = 1 / np.sqrt(dk)
        M = b * Q @ K.T; Sm = np.exp(M) / np.exp(M).sum(1, keepdims=True); Z = Sm @ V
        Xh = K.T
        hop = np.stack([Xh @ softmax(b * Xh.T @ Q[s]) for s in range(S2)])
        return np.allclose(Z, hop @ WV) and np.allclose(V, Y @ WK @ WV) and Z.shape == (S2, dv)
    WQ, WK, WV = np.zeros((16, 8)), np.zeros((16, 8)), np.zeros((8, 8))
    X2 = np.array([[2, 0], [0, 1.]]); x2 = np.array([1, 1.]); p = softmax(X2.T @ x2); e = np.e
    return [
        ("Shapes first: $X^\\top\\xi", c_shapes),
        ("(\\xi^{\\text{new}})^\\top = \\operatorname{softmax}", lambda: np.allclose(upd(xi), softmax(beta * xi @ X) @ X.T)),
        ("(\\Xi^{\\text{new}})^\\top = \\operatorname{softmax}", c_stack),
        ("Z = \\operatorname{softmax}\\!\\big(\\beta\\, Q K^\\top\\big)\\, V", c_attn),
        ("$W_Q$ has $16\\cdot 8 = 128$", lambda: WQ.size == 128 and WK.size == 128 and WV.size == 64),
        ("for a total of $128+128+64 = 320$", lambda: WQ.size + WK.size + WV.size == 320),
        ("$5\\times 7$ and $Z$ is $5\\times 8$", lambda: (np.zeros((5, 8)) @ np.zeros((7, 8)).T).shape == (5, 7)
                                                   and (np.zeros((5, 7)) @ np.zeros((7, 8))).shape == (5, 8)),
        ("Then $X^\\top\\xi = (2,1)^\\top$", lambda: np.allclose(X2.T @ x2, [2, 1])),
        ("p=\\operatorname{softmax}(2,1) =", lambda: close(p, [e**2/(e**2+e), e/(e**2+e)], 1e-12)
                                               and close(p, [e/(e+1), 1/(e+1)], 1e-12) and close(p, [0.7311, 0.2689])),
        ("\\xi^{\\text{new}} = Xp \\approx (1.4621", lambda: close(X2 @ p, [1.4621, 0.2689])),
        ("output row $pV = (1.4621", lambda: close(x2 @ X2, [2, 1]) and close(p @ X2.T, [1.4621, 0.2689])),
    ]
CHECKS["03_modern_hopfield_attention_en.md"] = f03

# ======================= 04 =======================
def f04():
    X = np.array([[1, -1, 1], [1, 1, -1], [-1, 1, 1.]]); xi = np.array([1, 1, 0.]); beta = 2
    x1, x2, x3 = np.array([1, 1, -1.]), np.array([-1, 1, 1.]), np.array([1, -1, 1.])
    claimed_sim = np.array([0, 2, 0.])
    pc = np.array([0.0177, 0.9647, 0.0177]); e4 = np.exp(4)
    return [
        ("X=\\begin{pmatrix} 1 & -1 & 1", lambda: np.allclose(X, np.stack([x1, x2, x3], 1))),
        ("X^\\top\\xi = \\begin{pmatrix} 0\\\\ 2\\\\ 0", lambda: np.allclose(X.T @ xi, claimed_sim)),
        ("\\beta\\,X^\\top\\xi = \\begin{pmatrix} 0\\\\ 4\\\\ 0", lambda: np.allclose(beta * X.T @ xi, [0, 4, 0])),
        ("1 + 54{,}598 + 1 = 56{,}598", lambda: close(e4, 54.598, 1e-3) and close(2 + e4, 56.598, 1e-3)),
        ("\\approx (0{,}0177;\\ 0{,}9647;\\ 0{,}0177)", lambda: close(softmax(beta * X.T @ xi), pc)),
        ("Comprobación: $0{,}0177+0{,}9647", lambda: close(pc.sum(), 1.0001, 1e-9)),
        ("=\\begin{pmatrix}-0{,}9293", lambda: close(X @ softmax(beta * X.T @ xi), [-0.9293, 0.9647, 0.9647])),
        ("\\big\\|\\xi^{\\text{nuevo}} - x_2\\big\\|_2", lambda: close(np.linalg.norm(X @ softmax(beta * X.T @ xi) - x2), 0.0866)),
        ("\\xi^{\\text{nuevo}} = \\frac{1}{e^4+2}", lambda: close(X @ softmax(beta * X.T @ xi), np.array([2 - e4, e4, e4]) / (e4 + 2), 1e-12)),
    ]
CHECKS["04_recuperacion_hopfield_denso_es.md"] = f04

# ======================= 05 =======================
def f05():
    lse = lambda beta, z: np.log(np.sum(np.exp(beta * z))) / beta
    beta = 1.7; z = rng.normal(size=5); d, N = 3, 5
    X = rng.normal(size=(d, N)); xi = rng.normal(size=d); M = np.max(np.linalg.norm(X, axis=0))
    E = lambda q: -lse(beta, X.T @ q) + 0.5 * q @ q + np.log(N) / beta + 0.5 * M**2
    g_lse = fd(lambda zz: lse(beta, zz), z)
    g_X = fd(lambda q: lse(beta, X.T @ q), xi)
    def c_bounds():
        ok = True
        for _ in range(50):
            b = rng.uniform(0.1, 5); zz = rng.normal(size=6) * 3
            ok &= zz.max() <= lse(b, zz) + 1e-12 <= zz.max() + np.log(6) / b + 2e-12
        return ok
    def c_cccp():  # fixed point of the claimed rule <-> stationary point of E: test with claimed rule
        rule = lambda q: beta * X @ softmax(beta * X.T @ q)
        return np.allclose(fd(E, xi), xi - rule(xi), atol=1e-6)
    return [
        ("m \\;\\le\\; \\operatorname{lse}(\\beta,z) \\;\\le\\;", c_bounds),
        ("= \\beta^{-1}\\cdot\\frac{\\beta\\,e^{\\beta z_i}}", lambda: np.allclose(g_lse, np.exp(beta*z)/np.exp(beta*z).sum(), atol=1e-6)),
        ("= \\beta\\,\\operatorname{softmax}(\\beta z)_i", lambda: np.allclose(g_lse, beta * softmax(beta * z), atol=1e-6)),
        ("\\nabla_\\xi \\operatorname{lse}\\big(\\beta,X^\\top\\xi\\big) = \\beta", lambda: np.allclose(g_X, beta * X @ softmax(beta * X.T @ xi), atol=1e-6)),
        ("\\nabla_\\xi E(\\xi) = \\xi - \\beta", c_cccp),
        ("\\xi^{t+1} = \\beta\\,X", c_cccp),
    ]
CHECKS["05_energia_hopfield_moderno_pt.md"] = f05

# ======================= 06 =======================
def f06():
    W = np.array([[1, -1], [0.5, 2], [-1, 0.]]); a = np.array([0.1, -0.2, 0]); b = np.array([-0.5, 0.3])
    v = np.array([1, 0, 1.]); h = np.array([1, 0.])
    ar, br, Wr = rbm_rand()
    def cond_h(vv, j):
        num = sum(np.exp(-rbm_E(vv, hh, ar, br, Wr)) for hh in states(2) if hh[j] == 1)
        return num / sum(np.exp(-rbm_E(vv, hh, ar, br, Wr)) for hh in states(2))
    def cond_v(hh, i):
        num = sum(np.exp(-rbm_E(vv, hh, ar, br, Wr)) for vv in states(3) if vv[i] == 1)
        return num / sum(np.exp(-rbm_E(vv, hh, ar, br, Wr)) for vv in states(3))
    def c_fact():
        vv = np.array([1, 0, 1.]); x = br + vv @ Wr
        ratios = [np.exp(-rbm_E(vv, hh, ar, br, Wr)) / np.prod(np.exp(hh * x)) for hh in states(2)]
        return np.allclose(ratios, ratios[0])
    return [
        ("E(v,h) = -a^\\top v - b^\\top h - v^\\top W h = -\\sum_i", lambda: close(rbm_E(v, h, ar, br, Wr),
            -sum(ar[i]*v[i] for i in range(3)) - sum(br[j]*h[j] for j in range(2)) - sum(v[i]*Wr[i,j]*h[j] for i in range(3) for j in range(2)), 1e-12)),
        ("per $n=3$, $m=2$ sono $6+3+2 = 11$", lambda: Wr.size + ar.size + br.size == 11),
        ("= \\prod_{j=1}^m \\exp\\big(h_j\\,x_j\\big)", c_fact),
        ("p(h_j = 1\\mid v) = \\frac{e^{x_j}}{1+e^{x_j}} = \\sigma", lambda: all(close(cond_h(vv, j), sig(br[j] + vv @ Wr[:, j]), 1e-12) for vv in states(3) for j in range(2))),
        ("p(v_i = 1\\mid h) = \\sigma\\Big(a_i", lambda: all(close(cond_v(hh, i), sig(ar[i] + Wr[i] @ hh), 1e-12) for hh in states(2) for i in range(3))),
        ("$v^\\top W = (1-1,\\ -1+0) = (0,\\ -1)$", lambda: close(a @ v, 0.1, 1e-12) and close(b @ h, -0.5, 1e-12) and np.allclose(v @ W, [0, -1]) and close(v @ W @ h, 0, 1e-12)),
        ("E(v,h) = -0{,}1 - (-0{,}5) - 0 = 0{,}4", lambda: close(rbm_E(v, h, a, b, W), 0.4, 1e-12)),
        ("x = b + W^\\top v = (-0{,}5+0", lambda: np.allclose(b + W.T @ v, [-0.5, -0.7])),
        ("p(h_1=1\\mid v)=\\sigma(-0{,}5)\\approx 0{,}3775", lambda: close(sig(b + W.T @ v), [0.3775, 0.3318])),
        ("a + Wh = (0{,}1+1", lambda: np.allclose(a + W @ h, [1.1, 0.3, -1])),
        ("p(v=1\\mid h)\\approx\\big(\\sigma(1{,}1)", lambda: close(sig(a + W @ h), [0.7503, 0.5744, 0.2689])),
    ]
CHECKS["06_rbm_energia_condizionali_it.md"] = f06

# ======================= 07 =======================
def f07():
    ar, br, Wr = rbm_rand()
    vv = np.array([1, 1, 0.]); x = br + vv @ Wr
    Zh = sum(np.exp(-rbm_E(vv, hh, ar, br, Wr)) for hh in states(2))
    ph = lambda hh: np.exp(-rbm_E(vv, hh, ar, br, Wr)) / Zh
    p1 = [sum(ph(hh) for hh in states(2) if hh[j] == 1) for j in range(2)]
    def c_def():
        Zall = sum(np.exp(-rbm_E(v2, hh, ar, br, Wr)) for v2 in states(3) for hh in states(2))
        joint = lambda hh: np.exp(-rbm_E(vv, hh, ar, br, Wr)) / Zall
        return all(close(joint(hh) / sum(joint(h2) for h2 in states(2)), ph(hh), 1e-12) for hh in states(2))
    W = np.array([[0.6, -1.0], [-0.4, 0.5], [0.2, 0.3]]); b = np.array([0.6, -0.7]); v = np.array([1, 1, 0.])
    xn = b + v @ W; pt = sig(xn)
    return [
        ("p(h\\mid v) = \\frac{p(v,h)}{\\sum_{h'}p(v,h')}", c_def),
        ("тогда $-E(v,h) = a^\\top v + \\sum_j h_j x_j$", lambda: all(close(-rbm_E(vv, hh, ar, br, Wr), ar @ vv + hh @ x, 1e-12) for hh in states(2))),
        ("p(h\\mid v) = \\prod_{j=1}^m \\frac{e^{h_j x_j}}{1+e^{x_j}}", lambda: all(close(ph(hh), np.prod(np.exp(hh * x) / (1 + np.exp(x))), 1e-12) for hh in states(2))),
        ("p(h_j = 1\\mid v) = \\frac{e^{x_j}}{e^{0}+e^{x_j}}", lambda: close(p1, np.exp(x) / (1 + np.exp(x)), 1e-12)),
        ("p(h_j = 1\\mid v) = \\frac{1}{1+e^{x_j}} = \\sigma(-x_j)", lambda: close(p1, 1 / (1 + np.exp(x)), 1e-12)),
        ("p(h_j=0\\mid v) = 1-\\sigma(-x_j) = \\sigma(x_j)", lambda: close(1 - np.array(p1), sig(x), 1e-12)),
        ("x_1 = 0{,}6 + 0{,}6 - 0{,}4 = 0{,}8", lambda: np.allclose(xn, [0.8, -1.2])),
        ("p(h_1=1\\mid v) = \\sigma(-0{,}8) \\approx 0{,}3100", lambda: close(pt, [0.3100, 0.7685])),
        ("0{,}3100\\cdot 0{,}2315 \\approx 0{,}0718", lambda: close(pt[0] * (1 - pt[1]), 0.0718)),
    ]
CHECKS["07_rbm_uslovnye_ru.md"] = f07

# ======================= 08 =======================
def f08():
    a, b, W = rbm_rand(2, 2); v = np.array([1, 0.]); i, j = 0, 1
    def pack(th):
        return th[:2], th[2:4], th[4:].reshape(2, 2)
    th0 = np.concatenate([a, b, W.ravel()])
    lp = lambda th: rbm_logp(v, *pack(th))
    g = fd(lp, th0)
    Z = sum(np.exp(-rbm_E(vv, hh, a, b, W)) for vv in states(2) for hh in states(2))
    pj = lambda vv, hh: np.exp(-rbm_E(vv, hh, a, b, W)) / Z
    Zv = sum(np.exp(-rbm_E(v, hh, a, b, W)) for hh in states(2))
    pc = lambda hh: np.exp(-rbm_E(v, hh, a, b, W)) / Zv
    dE_W = lambda vv, hh: -vv[i] * hh[j]  # dE/dW_ij
    pos = sum(pc(hh) * dE_W(v, hh) for hh in states(2))
    neg = sum(pj(vv, hh) * dE_W(vv, hh) for vv in states(2) for hh in states(2))
    k = 4 + 2 * i + j
    g1 = fd(lambda th: np.log(sum(np.exp(-rbm_E(v, hh, *pack(th))) for hh in states(2))), th0)[k]
    gZ = fd(lambda th: np.log(sum(np.exp(-rbm_E(vv, hh, *pack(th))) for vv in states(2) for hh in states(2))), th0)[k]
    # tiny example
    e = np.e
    Et = lambda vv, hh, w: -w * vv * hh
    lp1 = lambda w: np.log(1 + np.exp(w)) - np.log(3 + np.exp(w))
    def lp_ex(th):  # th = (a, b, w)
        A, B, w = th
        num = sum(np.exp(A*1 + B*h + w*1*h) for h in (0, 1)); Zt = sum(np.exp(A*vv + B*h + w*vv*h) for vv in (0, 1) for h in (0, 1))
        return np.log(num / Zt)
    gex = fd(lp_ex, np.array([0, 0, 1.]))
    return [
        ("\\log p(v) = \\log\\sum_h e^{-E(v,h)} - \\log\\sum_{v',h'}", lambda: close(rbm_logp(v, a, b, W), np.log(Zv) - np.log(Z), 1e-12)),
        ("= -\\,\\mathbb{E}_{p(h\\mid v)}\\big[\\partial_\\theta E(v,h)\\big],", lambda: close(g1, -pos, 1e-6)),
        ("\\frac{\\partial}{\\partial\\theta}\\log Z = -\\,\\mathbb{E}", lambda: close(gZ, -neg, 1e-6)),
        ("= -\\,\\mathbb{E}_{p(h\\mid v)}\\big[\\partial_\\theta E\\big] + \\mathbb{E}", lambda: close(g[k], -pos + neg, 1e-6)),
        ("= v_i\\,\\sigma\\Big(b_j+\\sum_k v_k W_{kj}\\Big)", lambda: np.allclose(g[4:].reshape(2, 2),
            np.outer(v, sig(b + v @ W)) - sum(pj(vv, hh) * np.outer(vv, hh) for vv in states(2) for hh in states(2)), atol=1e-6)),
        ("\\partial\\log p(v)/\\partial a_i = v_i", lambda: np.allclose(g[:2], v - sum(pj(vv, hh) * vv for vv in states(2) for hh in states(2)), atol=1e-6)),
        ("| $E$ | $0$ | $0$ | $0$ | $-1$ |", lambda: [Et(0,0,1), Et(1,0,1), Et(0,1,1), Et(1,1,1)] == [0, 0, 0, -1]),
        ("因此 $Z = 3 + e \\approx 5.7183$", lambda: close(sum(np.exp(-Et(vv, hh, 1)) for vv in (0,1) for hh in (0,1)), 3 + e, 1e-12) and close(3 + e, 5.7183)),
        ("正相：$\\mathbb{E}_{p(h\\mid v=1)}[vh] = \\sigma(1) \\approx 0.7311", lambda: close(e / (1 + e), sig(1), 1e-12) and close(sig(1), 0.7311)),
        ("负相：$\\langle vh\\rangle_{\\text{model}} = \\dfrac{e}{3+e} \\approx 0.4754", lambda: close(e / (3 + e), 0.4754)),
        ("梯度：$0.7311 - 0.4754 = 0.2557", lambda: close(gex[2], 0.2557) and close(0.7311 - 0.4754, 0.2557, 1e-12)),
        ("\\log p(v=1) = \\log(1+e^{w}) - \\log(3+e^{w})", lambda: close(lp1(1.0), lp_ex(np.array([0, 0, 1.])), 1e-12) and close(lp1(0.3), lp_ex(np.array([0, 0, 0.3])), 1e-12)),
        ("\\overset{w=1}{\\approx}\\; 0.7311 - 0.4754 = 0.2557", lambda: close(fd(lambda w: lp1(w[0]), [1.0])[0], e/(1+e) - e/(3+e), 1e-7) and close(e/(1+e) - e/(3+e), 0.2557)),
        ("\\dfrac{1+e}{3+e}\\approx 0.6502", lambda: close((1 + e) / (3 + e), 0.6502)),
        ("= 1 - 0.6502 = 0.3498", lambda: close(gex[0], 0.3498)),
    ]
CHECKS["08_rbm_duishu_sishi_tidu_zh.md"] = f08

# ======================= 09 =======================
def f09():
    W = np.array([[0.5, -0.5], [0.2, 0.1], [-0.3, 0.4]]); a = np.zeros(3); b = np.array([0.1, -0.1]); eps = 0.1
    v0 = np.array([1, 0, 1.]); x = b + W.T @ v0; p0 = sig(x)
    h0 = (np.array([0.3, 0.8]) < p0).astype(float)
    pv = sig(a + W @ h0); v1 = (np.array([0.4, 0.5, 0.6]) < pv).astype(float)
    x1 = b + W.T @ v1; p1 = sig(x1)
    D = np.outer(v0, p0) - np.outer(v1, p1)
    Dc = np.array([[0.1156, 0.0727], [-0.6900, -0.3775], [0.5744, 0.4502]])  # claimed difference
    dWc = np.array([[0.0116, 0.0073], [-0.0690, -0.0378], [0.0574, 0.0450]])
    return [
        ("x = \\begin{pmatrix}0.1 + 0.5 - 0.3", lambda: np.allclose(x, [0.3, -0.2]) and close(p0, [0.5744, 0.4502])),
        ("なので $h^{(0)}=(1,0)^\\top$", lambda: np.array_equal(h0, [1, 0])),
        ("$a + W h^{(0)} = (0.5,\\ 0.2,\\ -0.3)^\\top$", lambda: np.allclose(a + W @ h0, [0.5, 0.2, -0.3])),
        ("p(v=1\\mid h^{(0)}) \\approx (0.6225,\\ 0.5498,\\ 0.4256)", lambda: close(pv, [0.6225, 0.5498, 0.4256])),
        ("なので $v^{(1)}=(1,1,0)^\\top$", lambda: np.array_equal(v1, [1, 1, 0])),
        ("b + W^\\top v^{(1)} = \\begin{pmatrix}0.1+0.5+0.2", lambda: np.allclose(x1, [0.8, -0.5])),
        ("p(h=1\\mid v^{(1)}) \\approx \\begin{pmatrix}0.6900", lambda: close(p1, [0.6900, 0.3775])),
        ("v^{(0)}p(h\\mid v^{(0)})^\\top = \\begin{pmatrix}0.5744", lambda: close(np.outer(v0, p0), [[0.5744, 0.4502], [0, 0], [0.5744, 0.4502]])
            and close(np.outer(v1, p1), [[0.69, 0.3775], [0.69, 0.3775], [0, 0]])),
        ("v^{(0)}p^{(0)\\top} - v^{(1)}p^{(1)\\top} = \\begin{pmatrix}", lambda: close(D, Dc)),
        ("\\Delta W \\approx \\begin{pmatrix}0.0116", lambda: close(eps * D, dWc)),
        ("\\Delta a = \\varepsilon(v^{(0)}-v^{(1)})", lambda: np.allclose(eps * (v0 - v1), [0, -0.1, 0.1]) and close(eps * (p0 - p1), [-0.0116, 0.0073])),
        ("W + \\Delta W \\approx \\begin{pmatrix}0.5116", lambda: close(W + eps * D, [[0.5116, -0.4927], [0.1310, 0.0622], [-0.2426, 0.4450]])),
    ]
CHECKS["09_cd1_ichi_suteppu_ja.md"] = f09

# ======================= 10 =======================
def f10():
    ar, br, Wr = rbm_rand(3, 2)
    vr = np.array([1, 0, 1.]); xr = br + vr @ Wr
    S = sum(np.exp(-rbm_E(vr, hh, ar, br, Wr)) for hh in states(2))
    W = np.array([[1, -2], [0.5, 0.5]]); a = np.array([0.2, -0.1]); b = np.array([0.5, -0.3])
    V = [np.array(t, float) for t in [(0, 0), (0, 1), (1, 0), (1, 1)]]
    F = [free_energy(v, a, b, W) for v in V]
    Z = sum(np.exp(-f) for f in F)
    rows = {(0, 0): ([0.5, -0.3], [0.9741, 0.5544], -1.5284), (0, 1): ([1.0, 0.2], [1.3133, 0.7981], -2.0114),
            (1, 0): ([1.5, -2.3], [1.7014, 0.0955], -1.9970), (1, 1): ([2.0, -1.8], [2.1269, 0.1530], -2.3799)}
    def row(k):
        v = np.array(k, float); x = b + W.T @ v; xc, sc, fc = rows[k]
        Zh = sum(np.exp(-rbm_E(v, hh, a, b, W)) for hh in states(2))
        return np.allclose(x, xc) and close(softplus(x), sc) and close(free_energy(v, a, b, W), fc) and close(-np.log(Zh), fc)
    out = [
        ("= e^{a^\\top v}\\prod_{j=1}^m\\big(1+e^{x_j}\\big)", lambda: close(S, np.exp(ar @ vr) * np.prod(1 + np.exp(xr)), 1e-12)),
        ("F(v) = -a^\\top v - \\sum_{j=1}^m \\log", lambda: close(-np.log(S), free_energy(vr, ar, br, Wr), 1e-12)),
    ]
    for k in rows:
        out.append((f"| $({k[0]},{k[1]})$ | $(", (lambda k=k: row(k))))
    out += [
        ("$F = 0.1 - 1.3133 - 0.7981 = -2.0114$", lambda: close(-a @ V[1], 0.1, 1e-12) and close(0.1 - 1.3133 - 0.7981, -2.0114, 1e-12)),
        ("Z = \\sum_v e^{-F(v)} \\approx 4.6109", lambda: close(np.exp(-np.array(F)), [4.6109, 7.4738, 7.3666, 10.8039]) and close(Z, 30.255, 1e-3)),
        ("p(v) \\approx (0.1524,\\ 0.2470,\\ 0.2435,\\ 0.3571)", lambda: close(np.exp(-np.array(F)) / Z, [0.1524, 0.2470, 0.2435, 0.3571])),
        ("e^{-(-1.9970+2.0114)} = e^{-0.0144}\\approx 0.9857", lambda: close(np.exp(-(F[2] - F[1])), 0.9857) and close(-1.9970 + 2.0114, 0.0144, 1e-12)),
    ]
    return out
CHECKS["10_rbm_jayu_eneoji_ko.md"] = f10

# ======================= 11 =======================
def f11():
    n, m = 3, 2
    a, b, W = rbm_rand(n, m); v = rng.uniform(0.2, 0.9, size=n)  # generic real v
    x = b + v @ W
    gW = fd(lambda w: free_energy(v, a, b, w.reshape(n, m)), W.ravel()).reshape(n, m)
    gb = fd(lambda bb: free_energy(v, a, bb, W), b)
    ga = fd(lambda aa: free_energy(v, aa, b, W), a)
    Wn = np.array([[0.4, -0.2], [0.3, 0.1], [-0.6, 0.5]]); bn = np.array([0.2, -0.1]); vn = np.array([1, 0, 1.])
    xn = bn + vn @ Wn
    gWn = fd(lambda w: free_energy(vn, np.zeros(3), bn, w.reshape(3, 2)), Wn.ravel()).reshape(3, 2)
    def c_c():
        vb = np.array([1, 0, 1.]); a2, b2, W2 = rbm_rand(3, 2)
        th0 = np.concatenate([a2, b2, W2.ravel()]); pk = lambda th: (th[:3], th[3:5], th[5:].reshape(3, 2))
        lhs = -fd(lambda th: rbm_logp(vb, *pk(th)), th0)
        dF = lambda vv: fd(lambda th: free_energy(vv, *pk(th)), th0)
        Fs = np.array([free_energy(vv, a2, b2, W2) for vv in states(3)]); p = np.exp(-Fs) / np.exp(-Fs).sum()
        rhs = dF(vb) - sum(pi * dF(vv) for pi, vv in zip(p, states(3)))
        return np.allclose(lhs, rhs, atol=1e-6)
    return [
        ("\\frac{d}{dt}\\log(1+e^{t}) = \\frac{e^{t}}{1+e^{t}} = \\sigma(t)", lambda: all(close(fd(lambda t: softplus(t[0]), [t])[0], sig(t), 1e-7) for t in rng.normal(size=5))),
        ("\\frac{\\partial F}{\\partial a_i} = -v_i", lambda: np.allclose(ga, -v, atol=1e-6)),
        ("\\frac{\\partial F}{\\partial b_j} = -\\sigma(x_j).", lambda: np.allclose(gb, -sig(x), atol=1e-6)),
        ("W_{ij}} = -\\frac{e^{x_j}}{1+e^{x_j}} = -\\sigma(x_j)", lambda: np.allclose(gW, -np.tile(sig(x), (n, 1)), atol=1e-6)),
        ("\\nabla_W F = -\\mathbf{1}_n\\,\\sigma(x)^\\top", lambda: np.allclose(gW, -np.outer(np.ones(n), sig(x)), atol=1e-6)),
        ("x_1 = 0{,}2 + 0{,}4 - 0{,}6 = 0", lambda: np.allclose(xn, [0, 0.2])),
        ("\\sigma(x_1) = 0{,}5,\\qquad \\sigma(x_2)\\approx 0{,}5498", lambda: close(sig(xn), [0.5, 0.5498])),
        ("\\nabla_b F \\approx \\begin{bmatrix}-0{,}5", lambda: close(-sig(xn), [-0.5, -0.5498])),
        ("\\nabla_W F \\approx \\begin{bmatrix}-0{,}5 & -0{,}5498", lambda: close(gWn, [[-0.5, -0.5498]] * 3)),
        ("\\nabla_a F = \\begin{bmatrix}-1\\\\0\\\\-1", lambda: np.allclose(-vn, [-1, 0, -1])),
        ("-\\frac{\\partial \\log p(v)}{\\partial\\theta} = \\frac{\\partial F(v)}{\\partial\\theta} - \\sum", c_c),
    ]
CHECKS["11_gradient_energii_swobodnej_pl.md"] = f11

# ======================= 12 =======================
def f12():
    a = np.array([0.6, 0.4]); b = np.array([0.5, 0.5]); C = np.array([[0, 1], [1, 0.]]); K = np.exp(-C)
    v0 = np.ones(2); Kv0 = K @ v0; u1 = a / Kv0; Ku1 = K.T @ u1; v1 = b / Ku1
    P1 = u1[:, None] * K * v1; Kv1 = K @ v1; u2 = a / Kv1; Ku2 = K.T @ u2; v2 = b / Ku2; P2 = u2[:, None] * K * v2
    _, _, P = sinkhorn(a, b, C, 1.0)
    e2 = np.exp(2); A, B, Cq = e2 - 1, 1.1 * e2 - 0.1, 0.3 * e2
    p = (B - np.sqrt(B * B - 4 * A * Cq)) / (2 * A)
    def c_unreg():
        ps = np.linspace(0.1, 0.5, 40001)
        return close(min((0.6 - ps) + (0.5 - ps)), 0.1, 1e-9)
    return [
        ("K=\\begin{pmatrix}1&e^{-1}\\\\e^{-1}&1\\end{pmatrix}\\approx", lambda: close(K, [[1, 0.3679], [0.3679, 1]])),
        ("Kv^{(0)} = (1{,}3679;\\ 1{,}3679),\\qquad u^{(1)}", lambda: close(Kv0, [1.3679, 1.3679]) and close(u1, [0.4386, 0.2924])),
        ("K^\\top u^{(1)} \\approx (0{,}4386 + 0{,}3679", lambda: close(Ku1, [0.5462, 0.4538])),
        ("\\approx(0{,}9154;\\ 1{,}1018)", lambda: close(v1, [0.9154, 1.1018])),
        ("zijn $\\approx(0{,}5793;\\ 0{,}4207)$", lambda: close(P1.sum(1), [0.5793, 0.4207]) and np.allclose(P1.sum(0), b)),
        ("Kv^{(1)}\\approx(0{,}9154 + 0{,}3679", lambda: close(Kv1, [1.3207, 1.4386])),
        ("u^{(2)}\\approx(0{,}4543;\\ 0{,}2780)", lambda: close(u2, [0.4543, 0.2780]) and close(Ku2, [0.5566, 0.4452]) and close(v2, [0.8983, 1.1232])),
        ("De rijsommen zijn nu $\\approx(0{,}5958;\\ 0{,}4042)$", lambda: close(P2.sum(1), [0.5958, 0.4042]) and 4 < (0.6 - P1.sum(1)[0]) / (0.6 - P2.sum(1)[0]) < 6),
        ("P=\\begin{pmatrix}p & 0{,}6-p\\\\ 0{,}5-p & p-0{,}1", lambda: np.allclose(P, [[P[0, 0], 0.6 - P[0, 0]], [0.5 - P[0, 0], P[0, 0] - 0.1]], atol=1e-9)),
        ("\\frac{P_{11}P_{22}}{P_{12}P_{21}} = \\frac{K_{11}K_{22}}{K_{12}K_{21}} = e^{2}", lambda: close(P[0,0]*P[1,1]/(P[0,1]*P[1,0]), e2, 1e-8) and close(K[0,0]*K[1,1]/(K[0,1]*K[1,0]), e2, 1e-12)),
        ("Dat geeft $(e^2-1)p^2 - (1{,}1e^2 - 0{,}1)p + 0{,}3e^2 = 0$", lambda: close(A*P[0,0]**2 - B*P[0,0] + Cq, 0, 1e-8)),
        ("p \\approx \\frac{8{,}0280 - 2{,}7924}{12{,}7781}\\approx 0{,}4097", lambda: close([B, np.sqrt(B*B - 4*A*Cq), 2*A], [8.0280, 2.7924, 12.7781]) and close(p, 0.4097) and close(P[0, 0], p, 1e-9) and 0.1 < p < 0.5),
        ("P\\approx\\begin{pmatrix}0{,}4097 & 0{,}1903", lambda: close(P, [[0.4097, 0.1903], [0.0903, 0.3097]])),
        ("\\langle P,C\\rangle = P_{12}+P_{21}\\approx 0{,}2805", lambda: close((P * C).sum(), 0.2805)),
        ("ongeregulariseerde optimum (verplaats alleen", c_unreg),
    ]
CHECKS["12_sinkhorn_met_de_hand_nl.md"] = f12

# ======================= 13 =======================
def f13():
    a = np.array([0.3, 0.7]); b = np.array([0.6, 0.4]); C = np.array([[1, 3], [2, 0.]]); K = np.exp(-C)
    Kv0 = K @ np.ones(2); u1 = a / Kv0; Ku1 = K.T @ u1; v1 = b / Ku1
    Kv1 = K @ v1; u2 = a / Kv1
    u2c = np.array([0.4509, 0.8627]); Ku2c = K.T @ u2c; v2c = b / Ku2c
    _, _, P = sinkhorn(a, b, C, 1.0)
    return [
        ("K=\\begin{pmatrix}e^{-1} & e^{-3}\\\\ e^{-2} & e^{0}", lambda: close(K, [[0.3679, 0.0498], [0.1353, 1]])),
        ("Kv^{(0)} = (0{,}3679+0{,}0498", lambda: close(Kv0, [0.4177, 1.1353])),
        ("u^{(1)} = \\Big(\\frac{0{,}3}{0{,}4177}", lambda: close(u1, [0.7183, 0.6166])),
        ("K^\\top u^{(1)} = (0{,}3679", lambda: close(Ku1, [0.3477, 0.6523])),
        ("v^{(1)} = \\Big(\\frac{0{,}6}{0{,}3477}", lambda: close(v1, [1.7257, 0.6132])),
        ("Kv^{(1)} = (0{,}3679\\cdot1{,}7257", lambda: close(Kv1, [0.6654, 0.8467])),
        ("u^{(2)} = \\Big(\\frac{0{,}3}{0{,}6654}", lambda: close(u2, u2c)),
        # later lines: checked for internal consistency with the values they use
        ("K^\\top u^{(2)} \\approx (0{,}3679", lambda: close(Ku2c, [0.2826, 0.8851])),
        ("v^{(2)} \\approx \\Big(\\frac{0{,}6}{0{,}2826}", lambda: close(v2c, [2.1229, 0.4519], 3e-4)),
        ("P^{(2)}\\mathbf 1\\approx(0{,}3623;\\ 0{,}6377)", lambda: close((u2c[:, None] * K * v2c).sum(1), [0.3623, 0.6377])),
        ("P^\\star\\approx\\begin{pmatrix}0{,}2931 & 0{,}0069", lambda: close(P, [[0.2931, 0.0069], [0.3069, 0.3931]])),
        ("0{,}2931 + 3\\cdot0{,}0069 + 2\\cdot0{,}3069 \\approx 0{,}9275", lambda: close((P * C).sum(), 0.9275)),
    ]
CHECKS["13_sinkhorn_bai_thi_vi.md"] = f13

# ======================= 14 =======================
def f14():
    a = np.array([0.5, 0.5]); b = np.array([0.25, 0.75]); C = np.array([[0, 2], [1, 0.]]); eps = 0.5
    u, v, P = sinkhorn(a, b, C, eps); f, g = eps * np.log(u), eps * np.log(v)
    val = ot_eps(a, b, C, eps)
    dual = lambda f, g, C: f @ a + g @ b - eps * np.exp((f[:, None] + g[None, :] - C) / eps).sum()
    L = lambda Pm, f, g, C: (Pm * C).sum() + eps * (Pm * (np.log(Pm) - 1)).sum() + f @ (a - Pm.sum(1)) + g @ (b - Pm.sum(0))
    def c_stat():
        Pr = rng.uniform(0.1, 0.5, (2, 2)); fr, gr = rng.normal(size=2), rng.normal(size=2)
        gL = fd(lambda Pm: L(Pm, fr, gr, C), Pr)
        return np.allclose(gL, C + eps * np.log(Pr) - fr[:, None] - gr[None, :], atol=1e-6) and np.allclose(P, np.exp((f[:, None] + g[None, :] - C) / eps), atol=1e-9)
    def c_dual():
        ok = close(dual(f, g, C), val, 1e-9)
        for _ in range(20):
            ok &= dual(f + rng.normal(size=2) * 0.3, g + rng.normal(size=2) * 0.3, C) <= val + 1e-12
        return ok
    def c_grad():
        Cr = rng.uniform(0, 2, (2, 3)); ar = np.array([0.4, 0.6]); br = np.array([0.2, 0.3, 0.5])
        G = fd(lambda Cm: ot_eps(ar, br, Cm, eps), Cr, 1e-5)
        return np.allclose(G, sinkhorn(ar, br, Cr, eps)[2], atol=1e-6)
    def c_chain():
        xs = rng.normal(size=(2, 2)); ys = rng.normal(size=(3, 2)); ar = np.array([0.4, 0.6]); br = np.array([0.2, 0.3, 0.5])
        cost = lambda X: ((X[:, None, :] - ys[None, :, :]) ** 2).sum(-1)
        G = fd(lambda X: ot_eps(ar, br, cost(X.reshape(2, 2)), eps), xs.ravel(), 1e-5).reshape(2, 2)
        Ps = sinkhorn(ar, br, cost(xs), eps)[2]
        return np.allclose(G, 2 * (Ps.sum(1)[:, None] * xs - Ps @ ys), atol=1e-6)
    D = np.zeros((2, 2)); D[0, 1] = 0.01
    return [
        ("C_{ij} + \\varepsilon\\log P_{ij} - f_i - g_j = 0", c_stat),
        ("$\\sum_{ij}P_{ij}(C_{ij}+\\varepsilon\\log P_{ij}-f_i-g_j)=0$", lambda: close((P * (C + eps * np.log(P) - f[:, None] - g[None, :])).sum(), 0, 1e-9)),
        ("\\mathrm{OT}_\\varepsilon(C) = \\max_{f,g}", c_dual),
        ("= e^{(f_i+g_j-C_{ij})/\\varepsilon} = P_{ij}.", lambda: np.allclose(fd(lambda Cm: dual(f, g, Cm), C), P, atol=1e-6)),
        ("\\nabla_C\\,\\mathrm{OT}_\\varepsilon(C) = P^\\star", c_grad),
        ("K=e^{-C/\\varepsilon}\\approx\\begin{pmatrix}1&0{,}0183", lambda: close(np.exp(-C / eps), [[1, 0.0183], [0.1353, 1]])),
        ("P^\\star\\approx\\begin{pmatrix}0{,}2488 & 0{,}2512", lambda: close(P, [[0.2488, 0.2512], [0.0012, 0.4988]])),
        ("\\langle P^\\star,C\\rangle\\approx 0{,}5037", lambda: close((P * C).sum(), 0.5037) and close(eps * (P * (np.log(P) - 1)).sum(), -1.0241) and close(val, -0.5205)),
        ("değer yaklaşık $0{,}00251$ artıyor", lambda: close(ot_eps(a, b, C + D, eps) - val, 0.00251, 1e-5) and close(0.01 * P[0, 1], 0.002512, 1e-6)),
        ("= 2\\sum_j P^\\star_{ij}\\,(x_i-y_j)", c_chain),
    ]
CHECKS["14_entropik_ot_gradyan_tr.md"] = f14

# ======================= 15 =======================
def f15():
    xs, ps = np.array([0, 1, 3.]), np.array([0.2, 0.5, 0.3]); ys, qs = np.array([1, 2.]), np.array([0.4, 0.6])
    F = lambda t: ps[xs <= t].sum(); G = lambda t: qs[ys <= t].sum()
    W1 = w1_line(xs, ps, ys, qs)
    s = np.linspace(0, 1, 2000001)[1:]
    Fi = lambda s: np.where(s <= 0.2, 0, np.where(s <= 0.7, 1, 3)); Gi = lambda s: np.where(s <= 0.4, 1, 2)
    def qcheck():
        # the step functions equal generalized inverses of F, G
        inv = lambda cdf, pts: lambda s: np.array([min(p for p in pts if cdf(p) >= si - 1e-12) for si in s])
        ss = (np.arange(100) + 0.5) / 100  # avoid the breakpoints
        return np.allclose(inv(F, xs)(ss), Fi(ss)) and np.allclose(inv(G, ys)(ss), Gi(ss)) and close(np.mean(np.abs(Fi(s) - Gi(s))), 0.8, 1e-5)
    plan = {(0, 1): 0.2, (1, 1): 0.2, (1, 2): 0.3, (3, 2): 0.3}
    def c_plan():
        ok = all(close(sum(m for (x, y), m in plan.items() if x == xx), pp, 1e-12) for xx, pp in zip(xs, ps))
        ok &= all(close(sum(m for (x, y), m in plan.items() if y == yy), qq, 1e-12) for yy, qq in zip(ys, qs))
        return ok and close(sum(m * abs(x - y) for (x, y), m in plan.items()), W1, 1e-12)
    return [
        ("| $[0,1)$ | $1$ | $0{,}2$ | $0$ |", lambda: close([F(0.5), G(0.5)], [0.2, 0])),
        ("| $[1,2)$ | $1$ | $0{,}7$ | $0{,}4$ |", lambda: close([F(1.5), G(1.5)], [0.7, 0.4])),
        ("| $[2,3)$ | $1$ | $0{,}7$ | $1$ |", lambda: close([F(2.5), G(2.5)], [0.7, 1])),
        ("W_1(\\mu,\\nu) = 0{,}2\\cdot1 + 0{,}3\\cdot1", lambda: close(W1, 0.8, 1e-12)),
        ("= 1\\cdot0{,}2 + 0\\cdot0{,}2 + 1\\cdot0{,}3", qcheck),
        ("Celková cena $0{,}8$", c_plan),
        ("= 1{,}4-1{,}6 = -0{,}2", lambda: close(xs @ ps, 1.4, 1e-12) and close(ys @ qs, 1.6, 1e-12)),
        ("$|{-0{,}2}|\\le W_1 = 0{,}8$", lambda: 0.2 <= W1 + 1e-12),
    ]
CHECKS["15_wasserstein_primka_cs.md"] = f15

# ======================= 16 =======================
def f16():
    xs, ps = np.array([0, 0.5, 2]), np.array([0.5, 0.3, 0.2]); ys, qs = np.array([0.5, 1, 2]), np.array([0.2, 0.5, 0.3])
    F = lambda t: ps[xs <= t].sum(); G = lambda t: qs[ys <= t].sum()
    W1 = w1_line(xs, ps, ys, qs)
    rows = {0: (0, 0.5, 0, 0.5), 1: (0.5, 0.8, 0.2, 0.6), 2: (1, 0.8, 0.7, 0.1), 3: (2, 1, 1, 0)}
    out = [(f"| {k} | {r[0]} | {r[1]} | {r[2]} | {r[3]} |", (lambda r=r: close([F(r[0]), G(r[0]), abs(F(r[0]) - G(r[0]))], r[1:], 1e-12)))
           for k, r in rows.items()]
    out += [
        ("merged grid is $x = (0,\\ 0.5,\\ 1,\\ 2)$", lambda: np.allclose(np.unique(np.concatenate([xs, ys])), [0, 0.5, 1, 2])),
        ("(For instance $F_\\nu(1) = 0.2 + 0.5 = 0.7$.)", lambda: close(G(1), 0.7, 1e-12)),
        ("= 0.5 + 0.6 + 0.1 = 1.2", lambda: close(W1, 1.2, 1e-9)),
        ("$\\mathbb{E}_\\mu = 0.5\\cdot0 + 0.3\\cdot0.5 + 0.2\\cdot2 = 0.55$", lambda: close(xs @ ps, 0.55, 1e-12)),
        ("$\\mathbb{E}_\\nu = 0.2\\cdot0.5 + 0.5\\cdot1 + 0.3\\cdot2 = 1.2$", lambda: close(ys @ qs, 1.2, 1e-12) and close(abs(xs @ ps - ys @ qs), 0.65, 1e-12)),
        ("Our value $1.2$ is indeed larger", lambda: close(W1, 1.2, 1e-9)),
    ]
    return out
CHECKS["16_wasserstein_line_en.md"] = f16


def main():
    expected = json.load(open(os.path.join(HERE, "expected.json")))
    md = sorted(f for f in os.listdir(HERE) if f.endswith(".md"))
    assert md == sorted(expected) == sorted(CHECKS), (md, sorted(expected))
    allok = True
    for fname in md:
        lines = open(os.path.join(HERE, fname), encoding="utf-8").read().split("\n")
        located = []
        for sub, fn in CHECKS[fname]():
            hits = [i + 1 for i, L in enumerate(lines) if sub in L]
            assert len(hits) == 1, f"{fname}: substring {sub!r} found {len(hits)} times"
            located.append((hits[0], sub, fn))
        located.sort(key=lambda t: t[0])
        first = None
        for ln, sub, fn in located:
            if not bool(fn()):
                first = ln
                break
        ok = first == expected[fname]
        allok &= ok
        print(f"{'OK  ' if ok else 'FAIL'} {fname}: first failing line = {first}, expected = {expected[fname]}")
    assert allok
    print("ALL OK")


if __name__ == "__main__":
    main()
