#!/usr/bin/env python3
"""Independent ground-truth checker for corpus35 (NumPy only).

For every file: a list of (substring identifying exactly one line, predicate).
Predicates re-derive each claim: symbolic claims via finite differences /
enumeration at random points, worked numbers recomputed and compared at the
precision shown on the line.  Prints the first false line per file and exits
non-zero if that disagrees with expected.json.
"""
import json, os, sys, math
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20240535)

# ---------------------------------------------------------------- helpers
def sig(x):
    with np.errstate(over='ignore'):
        return 1.0 / (1.0 + np.exp(-x))

def shown(val, s):
    """val agrees with the decimal string s (comma or dot) at the digits shown."""
    s = s.replace(',', '.').replace('\u2212', '-')
    dp = len(s.split('.')[1]) if '.' in s else 0
    return abs(float(val) - float(s)) <= 0.5 * 10 ** (-dp) + 1e-12

def shown_vec(vals, strs):
    return len(vals) == len(strs) and all(shown(v, s) for v, s in zip(vals, strs))

def fd(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    it = np.nditer(x, flags=['multi_index'])
    for _ in it:
        i = it.multi_index
        e = np.zeros_like(x); e[i] = h
        g[i] = (f(x + e) - f(x - e)) / (2 * h)
    return g

def close(a, b, tol=1e-5):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=tol)

def trials(pred, n=5):
    return all(pred() for _ in range(n))

def neg_inf_demo():
    with np.errstate(over='ignore', divide='ignore'):
        return bool(np.isneginf(np.log(sig(np.float64(-800)))))

DEF = lambda: True   # definitions / notation (true by stipulation)

# ================================================================== 01
def f01():
    xs = np.array([-1., 1., 2.]); ys = np.array([2., 0., 3.])
    W = np.vander(xs, 3, increasing=True); T = ys
    th = np.linalg.solve(W.T @ W, W.T @ T)
    h = lambda x: th @ np.array([1, x, x * x])
    def J_forms():
        n, d = 6, 4; Wr = rng.normal(size=(n, d)); Tr = rng.normal(size=n); t = rng.normal(size=d)
        s = sum((t @ Wr[i] - Tr[i]) ** 2 for i in range(n)) / n
        return np.isclose(s, (Wr @ t - Tr) @ (Wr @ t - Tr) / n)
    def grad():
        n, d = 6, 4; Wr = rng.normal(size=(n, d)); Tr = rng.normal(size=n); t = rng.normal(size=d)
        J = lambda t: (Wr @ t - Tr) @ (Wr @ t - Tr) / n
        return close(fd(J, t), 2 / n * Wr.T @ (Wr @ t - Tr))
    def normal():
        n, d = 6, 3; Wr = rng.normal(size=(n, d)); Tr = rng.normal(size=n)
        t = np.linalg.inv(Wr.T @ Wr) @ Wr.T @ Tr
        return close(Wr.T @ (Wr @ t - Tr), np.zeros(d))
    def ridge_grad():
        n, d, lam = 5, 3, 0.3; Wr = rng.normal(size=(n, d)); Tr = rng.normal(size=n); t = rng.normal(size=d)
        J = lambda t: (Wr @ t - Tr) @ (Wr @ t - Tr) / n + lam * t @ t
        return close(fd(J, t), 2 / n * Wr.T @ (Wr @ t - Tr) + 2 * lam * t)
    def ridge_closed():
        n, d, lam = 5, 3, 0.3; Wr = rng.normal(size=(n, d)); Tr = rng.normal(size=n)
        t = np.linalg.solve(Wr.T @ Wr + n * lam * np.eye(d), Wr.T @ Tr)
        return close(2 / n * Wr.T @ (Wr @ t - Tr) + 2 * lam * t, np.zeros(d))
    thr = np.linalg.solve(W.T @ W + 3 * 0.1 * np.eye(3), W.T @ T)
    return [
        (r"\phi(x) = [1, x, x^2, \ldots, x^k]^T", DEF),
        (r"so $d = k + 1$", lambda: len(np.vander([2.], 4, increasing=True)[0]) == 3 + 1),
        (r"J(\theta) = \frac{1}{n}\sum_{i=1}^{n}", lambda: trials(J_forms)),
        (r"\nabla_\theta J = \frac{2}{n}W^T(W\theta - T),$$", lambda: trials(grad)),
        (r"gives the *normal equations*", lambda: trials(normal)),
        (r"(Answer: $d \times d$", lambda: (rng.normal(size=(7, 3)).T @ rng.normal(size=(7, 3))).shape == (3, 3)),
        (r"W = \begin{bmatrix} 1 & -1 & 1", lambda: close(W, [[1, -1, 1], [1, 1, 1], [1, 2, 4]]) and close(T, [2, 0, 3])),
        (r"just power sums", lambda: all(np.isclose((W.T @ W)[a, b], np.sum(xs ** (a + b))) for a in range(3) for b in range(3))),
        (r"W^TW = \begin{bmatrix} 3 & 2 & 6", lambda: close(W.T @ W, [[3, 2, 6], [2, 6, 8], [6, 8, 18]]) and close(W.T @ T, [5, 4, 14])),
        (r"\det(W^TW) = 36", lambda: np.isclose(np.linalg.det(W.T @ W), 36) and np.isclose(np.linalg.det(W) ** 2, 36)),
        (r"\theta^* = \left[-\tfrac{1}{3}", lambda: close(th, [-1 / 3, -1, 4 / 3]) and shown_vec(th, ["-0.333", "-1", "1.333"])),
        (r"Sanity check at the first point", lambda: np.isclose(-1 / 3 + 1 + 4 / 3, 2) and np.isclose(h(-1), 2) and np.isclose(np.sum((W @ th - T) ** 2), 0)),
        (r"The prediction at a new input $x = 3$", lambda: np.isclose(h(3), -1 / 3 - 3 + 12) and np.isclose(h(3), 25 / 3) and shown(25 / 3, "8.33")),
        (r"\nabla_\theta J(0) = -\tfrac{2}{3}W^TT", lambda: close(2 / 3 * W.T @ (W @ np.zeros(3) - T), [-10 / 3, -8 / 3, -28 / 3])),
        (r"changes the gradient to", lambda: trials(ridge_grad)),
        (r"\theta_{\text{ridge}} = (W^TW + n\lambda I)^{-1}W^TT", lambda: trials(ridge_closed)),
        (r"so $n\lambda = 0.3$", lambda: shown_vec(thr, ["-0.051", "-0.768", "1.118"]) and np.all(np.abs(thr - th) > 1e-3) and np.max(np.abs(W @ thr - T)) > 1e-3),
    ]

# ================================================================== 02
def f02():
    V, n = 5, 3
    def setup():
        U = rng.normal(size=(V, n)); v = rng.normal(size=n); o = int(rng.integers(V))
        y = np.eye(V)[o]
        yh = lambda v, U=U: np.exp(U @ v) / np.exp(U @ v).sum()
        J = lambda v, U=U: -np.log(yh(v, U)[o])
        return U, v, o, y, yh, J
    def softmax_def():
        U, v, o, y, yh, J = setup(); z = U @ v
        return close(yh(v), [np.exp(U[w] @ v) / sum(np.exp(U[x] @ v) for x in range(V)) for w in range(V)]) and close(yh(v), np.exp(z - z.max()) / np.exp(z - z.max()).sum())
    def J_forms():
        U, v, o, y, yh, J = setup()
        return np.isclose(J(v), -U[o] @ v + np.log(np.sum(np.exp(U @ v))))
    def grad_vc():
        U, v, o, y, yh, J = setup(); g = fd(J, v); p = yh(v)
        mid = -U[o] + sum(np.exp(U[w] @ v) * U[w] for w in range(V)) / np.exp(U @ v).sum()
        return close(g, mid) and close(g, -U[o] + sum(p[w] * U[w] for w in range(V)))
    def grad_vc2():
        U, v, o, y, yh, J = setup(); p = yh(v)
        return close(fd(J, v), sum((p[w] - y[w]) * U[w] for w in range(V)))
    def grad_matrix():   # claim: dJ/dv_c = U (yhat - y)
        U, v, o, y, yh, J = setup(); p = yh(v)
        try:
            val = U @ (p - y)
        except ValueError:
            return False
        return close(fd(J, v), val)
    def grad_U():
        U, v, o, y, yh, J = setup(); p = yh(v)
        G = fd(lambda Um: J(v, Um), U)
        ok = close(G, np.outer(p - y, v)) and G.shape == (V, n)
        return ok and all(close(G[w], (p[w] - y[w]) * v) for w in range(V)) and close(G[o], (p[o] - 1) * v)
    def facts():
        z = rng.normal(size=V); o = int(rng.integers(V)); y = np.eye(V)[o]
        sm = lambda z: np.exp(z) / np.exp(z).sum()
        g = fd(lambda z: -np.log(sm(z)[o]), z); p = sm(z)
        Jac = np.array([fd(lambda z: sm(z)[i], z) for i in range(V)])
        return close(g, p - y) and np.isclose(np.sum(p - y), 0) and close(Jac, np.diag(p) - np.outer(p, p)) \
            and close(Jac, [[p[i] * ((i == j) - p[j]) for j in range(V)] for i in range(V)])
    z = np.array([2., 1., 0., -1.]); p = np.exp(z) / np.exp(z).sum()
    return [
        (r"The score vector is $z = \mathcal{U}v_c", DEF),
        (r"P(O = w \mid C = c) = \frac{\exp(u_w^T v_c)}", lambda: trials(softmax_def)),
        (r"J_{\text{naive-softmax}}(v_c, o, \mathcal{U}) = -\log \hat{y}_o", lambda: trials(J_forms)),
        (r"i.e. $O(|V|)$ work per pair", DEF),
        (r"\frac{\partial J}{\partial v_c} = -u_o + \frac{\sum_{w}", lambda: trials(grad_vc)),
        (r"Since $\sum_w y_w u_w = u_o$", lambda: (lambda U, o: close(sum(np.eye(V)[o][w] * U[w] for w in range(V)), U[o]))(rng.normal(size=(V, n)), 2)),
        (r"\frac{\partial J}{\partial v_c} = \sum_{w \in V}(\hat{y}_w - y_w)\,u_w.$$", lambda: trials(grad_vc2)),
        (r"\frac{\partial J}{\partial v_c} = \mathcal{U}(\hat{y} - y) \in", lambda: trials(grad_matrix)),
        (r"For the outside vectors", lambda: trials(grad_U)),
        (r"Two facts worth remembering", lambda: trials(facts)),
        (r"\sum_w e^{z_w} \approx 11.475", lambda: shown(np.exp(z).sum(), "11.475")),
        (r"\hat{y} \approx (0.644,\ 0.237,\ 0.087,\ 0.032)", lambda: shown_vec(p, ["0.644", "0.237", "0.087", "0.032"])),
        (r"If the true outside word is the first one", lambda: shown(-np.log(0.644), "0.440") and shown(-np.log(p[0]), "0.440")
            and shown_vec(p - np.eye(4)[0], ["-0.356", "0.237", "0.087", "0.032"])
            and close(np.exp(z - 2) / np.exp(z - 2).sum(), p) and z.max() == 2),
    ]

# ================================================================== 03
def tconv(X, K, s=1, p=0):
    n1, n2 = X.shape; k1, k2 = K.shape
    Y = np.zeros(((n1 - 1) * s + k1, (n2 - 1) * s + k2))
    for i in range(n1):
        for j in range(n2):
            Y[i * s:i * s + k1, j * s:j * s + k2] += X[i, j] * K
    return Y[p:Y.shape[0] - p, p:Y.shape[1] - p]

def conv_out(n, k, p, s):   # actual length of a strided, padded cross-correlation
    X = np.zeros(n + 2 * p)
    return len(range(0, len(X) - k + 1, s))

def f03():
    X = np.array([[0., 1.], [2., 3.]]); K = X.copy()
    def basic_shape():
        nh, nw, kh, kw = rng.integers(1, 6, size=4)
        Y = tconv(rng.normal(size=(nh, nw)), rng.normal(size=(kh, kw)))
        return Y.shape == (nh + kh - 1, nw + kw - 1)
    def general():
        for _ in range(40):
            n, k, s = (int(v) for v in rng.integers(1, 7, size=3)); p = int(rng.integers(0, 3))
            if (n - 1) * s + k - 2 * p <= 0:
                continue
            if tconv(np.ones((n, n)), np.ones((k, k)), s, p).shape[0] != (n - 1) * s + k - 2 * p:
                return False
        return True
    def conv_formula():   # claim: floor((n + 2p - k)/s)
        for n in range(3, 12):
            for k in range(1, 5):
                for p in range(0, 3):
                    for s in range(1, 4):
                        if n + 2 * p >= k and conv_out(n, k, p, s) != (n + 2 * p - k) // s:
                            return False
        return True
    return [
        (r"Summing them up, the output has shape", lambda: trials(basic_shape)),
        (r"both equal to $\begin{bmatrix}0 & 1\\ 2 & 3\end{bmatrix}$", DEF),
        (r"The $2\times 2$ input gives a $3\times 3$ output", lambda: close(tconv(X, K), [[0, 0, 1], [0, 4, 6], [4, 12, 9]])),
        (r"single entry is $4$", lambda: close(tconv(X, K, 1, 1), [[4]])),
        (r"hence the output is $4\times 4$", lambda: tconv(X, K, 2).shape == (4, 4)),
        (r"\begin{bmatrix}0 & 0 & 0 & 1\\ 0 & 0 & 2 & 3", lambda: close(tconv(X, K, 2), [[0, 0, 0, 1], [0, 0, 2, 3], [0, 2, 0, 3], [4, 6, 6, 9]])),
        (r"n_h' = (n_h - 1)\,s_h + k_h - 2p_h,", general),
        (r"this reduces to $n_h + k_h - 1$", lambda: all((n - 1) * 1 + k - 0 == n + k - 1 for n in range(1, 9) for k in range(1, 9))
            and (2 - 1) * 2 + 2 - 0 == 4 and (2 - 1) * 1 + 2 - 2 == 1),
        (r"\lfloor (n_h + 2p_h - k_h)/s_h \rfloor", conv_formula),
        (r"A common choice in generator networks", lambda: all((n - 1) * 2 + 4 - 2 == 2 * n == tconv(np.ones((n, n)), np.ones((4, 4)), 2, 1).shape[0] for n in range(1, 20))
            and (7 - 1) * 2 + 3 - 2 == 13 == tconv(np.ones((7, 7)), np.ones((3, 3)), 2, 1).shape[0] and conv_out(14, 3, 1, 2) == 7),
        (r"that is $32768$ weights", lambda: 64 * 32 * 4 * 4 == 32768),
    ]

# ================================================================== 04
def kl_num(m1, s1, m2, s2):
    x = np.linspace(m1 - 12 * s1, m1 + 12 * s1, 200001)
    q = np.exp(-(x - m1) ** 2 / (2 * s1 ** 2)) / np.sqrt(2 * np.pi * s1 ** 2)
    lq = -(x - m1) ** 2 / (2 * s1 ** 2) - 0.5 * np.log(2 * np.pi * s1 ** 2)
    lp = -(x - m2) ** 2 / (2 * s2 ** 2) - 0.5 * np.log(2 * np.pi * s2 ** 2)
    y = q * (lq - lp)
    return float(np.sum((y[1:] + y[:-1]) / 2 * np.diff(x)))

def f04():
    KL = lambda mu, sg: -0.5 * np.sum(1 + np.log(sg ** 2) - mu ** 2 - sg ** 2)
    def closed_form():
        M = 3; mu = rng.normal(size=M); sg = rng.uniform(0.3, 2, size=M)
        return np.isclose(KL(mu, sg), sum(kl_num(mu[j], sg[j], 0, 1) for j in range(M)), atol=1e-6)
    def general():
        m1, m2 = rng.normal(size=2); s1, s2 = rng.uniform(0.3, 2, size=2)
        return np.isclose(np.log(s2 / s1) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2) - 0.5, kl_num(m1, s1, m2, s2), atol=1e-6)
    def special():
        m, s = rng.normal(), rng.uniform(0.3, 2)
        return np.isclose(np.log(1 / s) + (s ** 2 + m ** 2) / 2 - 0.5, -0.5 * (1 + np.log(s ** 2) - m ** 2 - s ** 2))
    def grads():
        M = 3; mu = rng.normal(size=M); sg = rng.uniform(0.3, 2, size=M)
        return close(fd(lambda m: KL(m, sg), mu), mu) and close(fd(lambda s: KL(mu, s), sg), sg - 1 / sg)
    def stationary():
        s = rng.uniform(0.3, 2)
        d2 = (KL(np.zeros(1), np.array([s + 1e-4])) - 2 * KL(np.zeros(1), np.array([s])) + KL(np.zeros(1), np.array([s - 1e-4]))) / 1e-8
        return close(fd(lambda m: KL(m, np.ones(1)), np.zeros(1)), [0]) and close(fd(lambda s: KL(np.zeros(1), s), np.ones(1)), [0]) \
            and np.isclose(KL(np.zeros(1), np.ones(1)), 0) and np.isclose(d2, 1 + 1 / s ** 2, rtol=1e-3) and 1 + 1 / s ** 2 > 0
    def grad_s():
        M = 3; mu = rng.normal(size=M); s = rng.normal(size=M)
        g = fd(lambda s: KL(mu, np.sqrt(np.exp(s))), s)
        return close(g, 0.5 * (np.exp(s) - 1)) and close(g, 0.5 * (np.sqrt(np.exp(s)) ** 2 - 1))
    def reparam():
        m, s, e = rng.normal(), rng.uniform(0.3, 2), rng.normal()
        z = lambda v: v[0] + v[1] * e
        return close(fd(z, [m, s]), [1, e])
    mu = np.array([0.5, -1.]); sg = np.array([2., 0.5])
    return [
        (r"\prod_{j=1}^{M} \mathcal{N}\!\left(z_j", DEF),
        (r"-\frac{1}{2}\sum_{j=1}^{M}\left\{1 + \ln\sigma_j^2", lambda: trials(closed_form, 3)),
        (r"\ln\frac{\sigma_2}{\sigma_1} + \frac{\sigma_1^2", lambda: trials(general, 3)),
        (r"obtained by setting $\mu_2 = 0$", lambda: trials(special)),
        (r"\frac{\partial\,\mathrm{KL}}{\partial \mu_j} = \mu_j", lambda: trials(grads)),
        (r"Both vanish at $\mu_j = 0$", lambda: trials(stationary)),
        (r"which is unconstrained", DEF),
        (r"\frac{\partial\,\mathrm{KL}}{\partial s_j} = \frac{1}{2}\left(e^{s_j} - 1\right)", lambda: trials(grad_s)),
        (r"by means of the reparameterization", lambda: trials(reparam)),
        (r"As a simple numerical illustration", lambda: shown(-0.5 * (1 + np.log(4) - 0.25 - 4), "0.932")
            and np.isclose(KL(mu, sg), 1.75) and np.isclose(np.log(4) + np.log(0.25), 0)
            and close(mu, [0.5, -1]) and close(sg - 1 / sg, [1.5, -1.5])
            and (sg - 1 / sg)[0] > 0 and (sg - 1 / sg)[1] < 0
            and close(0.5 * (sg ** 2 - 1), [1.5, -0.375])),
    ]

# ================================================================== 05
def clip(g, c):
    n = np.linalg.norm(g)
    return g if n <= c else c / n * g

def f05():
    g = np.array([3., 4., 12.]); gc = clip(g, 5)
    def equiv():
        g = rng.normal(size=4) * rng.uniform(0.1, 5); c = rng.uniform(0.5, 3); n = np.linalg.norm(g)
        a = clip(g, c); b = min(1, c / n) * g
        ok = close(a, b) and np.isclose(a @ g, np.linalg.norm(a) * n)   # same direction
        return ok and (np.isclose(np.linalg.norm(a), c) if n > c else close(a, g))
    cosv = g @ np.array([3, 4, 5.]) / (13 * np.sqrt(50))
    return [
        (r"g \leftarrow \begin{cases} g & \text{if }", DEF),
        (r"Equivalently, $g \leftarrow \min\!\left(1", lambda: trials(equiv, 20)),
        (r"\sqrt{9 + 16 + 144} = \sqrt{169} = 13", lambda: 9 + 16 + 144 == 169 and np.isclose(np.linalg.norm(g), 13)),
        (r"so we scale by $5/13 \approx 0.385$", lambda: 13 > 5 and shown(5 / 13, "0.385")),
        (r"g_{\text{clipped}} = \tfrac{5}{13}(3,\ 4,\ 12)", lambda: shown_vec(gc, ["1.154", "1.538", "4.615"])),
        (r"Quick check: $\|g_{\text{clipped}}\|_2", lambda: np.isclose(np.linalg.norm(gc), 5)),
        (r"\theta_{\text{new}} = \theta - \eta\, g_{\text{clipped}}", lambda: shown_vec(1 - 0.1 * gc, ["0.885", "0.846", "0.538"])),
        (r"Without clipping we'd have landed at", lambda: close(1 - 0.1 * g, [0.7, 0.6, -0.2]) and (1 - 0.1 * g)[2] < 0),
        (r"the global norm is $\sqrt{\|g_1\|^2", lambda: np.isclose(np.sqrt(25 + 144), 13) and np.isclose(np.linalg.norm([3, 4]) ** 2, 25)),
        (r"clamps every component to $[-c, c]$", lambda: close(np.clip(g, -5, 5), [3, 4, 5]) and shown(np.sqrt(50), "7.07")
            and np.isclose(g @ [3, 4, 5], 85) and shown(cosv, "0.925") and shown(np.degrees(np.arccos(cosv)), "22.4")),
        (r"$5/13.000001 \approx 0.3846154$", lambda: shown(min(1, 5 / (13 + 1e-6)), "0.3846154") and shown(5 / 13, "0.3846154")),
        (r"Small gradients (say $g = (0.3, 0.4)$", lambda: np.isclose(np.linalg.norm([0.3, 0.4]), 0.5) and close(clip(np.array([0.3, 0.4]), 5), [0.3, 0.4])),
    ]

# ================================================================== 06
def f06():
    f = lambda x, b: x * sig(b * x)
    def rb():
        return rng.normal() * 2, rng.uniform(0.3, 3)
    def s_prime():
        u = rng.normal() * 2
        return np.isclose(fd(lambda v: sig(v[0]), [u])[0], sig(u) * (1 - sig(u)))
    def fprime():
        x, b = rb(); g = fd(lambda v: f(v[0], b), [x])[0]; s = sig(b * x)
        return np.isclose(g, s + x * b * s * (1 - s)) and np.isclose(g, s + b * x * s * (1 - s))
    def nice():
        x, b = rb(); g = fd(lambda v: f(v[0], b), [x])[0]
        return np.isclose(g, b * f(x, b) + sig(b * x) * (1 - b * f(x, b)))
    def nice1():
        x = rng.normal() * 2; g = fd(lambda v: f(v[0], 1), [x])[0]
        return np.isclose(g, f(x, 1) + sig(x) * (1 - f(x, 1)))
    def trick():
        x, b = rb(); s = sig(b * x)
        return np.isclose(b * x * s, b * f(x, b)) and np.isclose(b * x * s * (1 - s), b * f(x, b) * (1 - s))
    fp = lambda x: sig(x) + x * sig(x) * (1 - sig(x))
    def minimum():
        xs = np.linspace(-10, 10, 2000001); i = np.argmin(f(xs, 1)); xm = xs[i]
        cond = lambda x: 1 + x * (1 - sig(x))
        return abs(cond(xm)) < 1e-4 and np.isclose(sig(xm), 1 + 1 / xm, atol=1e-5) and np.isclose(f(xm, 1), xm + 1, atol=1e-5) \
            and shown(xm, "-1.2785") and shown(f(xm, 1), "-0.2785") and np.all(np.sign(fp(xs)) == np.sign(sig(xs) * cond(xs)))
    def d_sig_prod():   # claim: d/dx[s(bx)(1-s(bx))] = b s(bx)(1-2 s(bx))
        x, b = rb(); g = fd(lambda v: sig(b * v[0]) * (1 - sig(b * v[0])), [x])[0]; s = sig(b * x)
        return np.isclose(g, b * s * (1 - 2 * s))
    def fpp():
        x, b = rb(); s = sig(b * x)
        g = fd(lambda v: fd(lambda w: f(w[0], b), [v[0]], 1e-4)[0], [x], 1e-4)[0]
        return np.isclose(g, 2 * b * s * (1 - s) + b ** 2 * x * s * (1 - 2 * s), atol=1e-5)
    def fpp0():
        b = rng.uniform(0.3, 3)
        g = fd(lambda v: fd(lambda w: f(w[0], b), [v[0]], 1e-4)[0], [0.0], 1e-4)[0]
        return np.isclose(g, b / 2, atol=1e-5) and b / 2 > 0
    def comment():
        x = rng.normal() * 2
        return np.isclose(sig(x) * (1 - f(x, 1)) + f(x, 1), sig(x) + x * sig(x) * (1 - sig(x)))
    return [
        (r"Derivative of the Swish activation", DEF),
        (r"Write $\sigma(u) = \frac{1}{1+e^{-u}}$", DEF),
        (r"$$\sigma'(u) = \sigma(u)\bigl(1-\sigma(u)\bigr).$$", lambda: trials(s_prime)),
        (r"f'(x) = \sigma(\beta x) + x\cdot\beta\,\sigma'(\beta x)", lambda: trials(fprime)),
        (r"since $\beta x\,\sigma(\beta x) = \beta f(x)$", lambda: trials(trick)),
        (r"$$f'(x) = \beta f(x) + \sigma(\beta x)\bigl(1 - \beta f(x)\bigr).$$", lambda: trials(nice)),
        (r"$$f'(x) = f(x) + \sigma(x)\bigl(1 - f(x)\bigr),$$", lambda: trials(nice1)),
        (r"- $f'(0) = 0 + \tfrac12(1 - 0) = \tfrac12$.", lambda: np.isclose(fp(0), 0.5)),
        (r"- $f'(1) = \sigma(1)\bigl(2 - \sigma(1)\bigr)", lambda: np.isclose(fp(1), sig(1) * (2 - sig(1))) and shown(sig(1), "0.7311")
            and shown(2 - sig(1), "1.2689") and shown(fp(1), "0.9277")),
        (r"As $x\to+\infty$, $f'(x)\to 1$", lambda: abs(fp(40) - 1) < 1e-9 and abs(fp(-40)) < 1e-9
            and all(abs(f(x, 1e4) - max(x, 0)) < 1e-3 for x in [-2, -0.5, 0.5, 2])),
        (r"Swish is **not monotone**", minimum),
        (r"\frac{d}{dx}\Bigl[\sigma(\beta x)\bigl(1-\sigma(\beta x)\bigr)\Bigr]", lambda: trials(d_sig_prod)),
        (r"$$f''(x) = 2\beta\,\sigma(\beta x)", lambda: trials(fpp)),
        (r"In particular $f''(0) = \beta/2$", lambda: trials(fpp0)),
        (r"*Comment:* Nice. Note also", lambda: trials(comment)),
        (r"The Swish paper (Ramachandran", lambda: trials(nice)),
    ]

# ================================================================== 07
def f07():
    def bn(x, g, b, eps=0.0):
        mu = x.mean(); v = ((x - mu) ** 2).mean(); xh = (x - mu) / np.sqrt(v + eps)
        return g * xh + b, xh, mu, v
    def q1():
        m = 5; x = rng.normal(size=m); gam, bet = rng.normal(size=2); G = rng.normal(size=m)
        L = lambda p: G @ bn(x, p[0], p[1], 1e-3)[0]
        xh = bn(x, gam, bet, 1e-3)[1]
        return close(fd(L, [gam, bet]), [G @ xh, G.sum()])
    def q1D():
        m, D = 4, 3; X = rng.normal(size=(m, D)); G = rng.normal(size=(m, D)); gam = rng.normal(size=D)
        mu = X.mean(0); v = X.var(0); Xh = (X - mu) / np.sqrt(v + 1e-3)
        L = lambda g: np.sum(G * (g * Xh))
        return close(fd(L, gam), np.sum(G * Xh, axis=0))
    def dx_formula():
        m = 5; x = rng.normal(size=m); gam, bet = rng.normal(size=2); G = rng.normal(size=m); eps = 1e-3
        _, xh, mu, v = bn(x, gam, bet, eps)
        L = lambda x: G @ bn(x, gam, bet, eps)[0]
        dx = gam / (m * np.sqrt(v + eps)) * (m * G - G.sum() - xh * (G @ xh))
        return close(fd(L, x), dx)
    x = np.array([1., 2., 3., 6.]); y, xh, mu, v = bn(x, 2, 0.5)
    G = np.array([0.1, -0.2, 0.3, 0.4])
    dx = 2 / (4 * np.sqrt(v)) * (4 * G - G.sum() - xh * (G @ xh))
    return [
        (r"$\mu_\mathcal{B} = \frac{1}{m}\sum_{i=1}^m x_i$", DEF),
        (r"On note $g_i = \dfrac{\partial L}{\partial y_i}$", DEF),
        (r"\frac{\partial L}{\partial \gamma} = \sum_{i=1}^m \frac{\partial L}{\partial y_i}", lambda: trials(q1)),
        (r"Pour une couche à $D$ composantes", lambda: trials(q1D)),
        (r"On trouve $\mu_\mathcal{B} = 3$", lambda: mu == 3 and (4 + 1 + 0 + 9) / 4 == 3.5 and np.isclose(v, 3.5) and shown(np.sqrt(v), "1,871")),
        (r"Les valeurs normalisées sont", lambda: shown_vec(xh, ["-1,069", "-0,535", "0", "1,604"]) and np.isclose(xh.sum(), 0) and np.isclose((xh ** 2).sum(), 4)),
        (r"Sorties : $y = 2\hat{x} + 0{,}5", lambda: shown_vec(y, ["-1,638", "-0,569", "0,5", "3,707"])),
        (r"\frac{\partial L}{\partial \beta} = 0{,}1 - 0{,}2 + 0{,}3 + 0{,}4 = 0{,}6", lambda: np.isclose(G.sum(), 0.6)),
        (r"\approx 0{,}641.$$", lambda: shown(G @ xh, "0,641") and np.isclose(G @ xh, 0.4 * xh[3]) and shown(xh[3], "1,6036") and shown(0.4 * 1.6036, "0,641")),
        (r"Les deux premiers termes se compensent", lambda: np.isclose(xh[0], 2 * xh[1]) and np.isclose(G[0] * xh[0] + G[1] * xh[1], 0)),
        (r"\frac{\partial L}{\partial x_i} = \frac{\gamma}{m\sqrt{\sigma_\mathcal{B}^2 + \varepsilon}}", lambda: trials(dx_formula)),
        (r"On remarque que $\frac{\partial L}{\partial \beta}$", lambda: trials(q1)),
        (r"Numériquement : $\dfrac{\partial L}{\partial x}", lambda: shown_vec(dx, ["0,130", "-0,283", "0,160", "-0,008"])
            and close(fd(lambda xx: G @ bn(xx, 2, 0.5)[0], x), dx)),
        (r"En sommant sur $i$", lambda: np.isclose(dx.sum(), 0) and close(bn(x + 0.37, 2, 0.5)[0], y)),
        (r"*Barème : 1,5 + 2 + 2,5 = 6 points.*", lambda: 1.5 + 2 + 2.5 == 6),
    ]

# ================================================================== 08
def f08():
    X = np.array([[1, 0, 2], [3, 1, 0], [0, 2, 1.]]); K = np.array([[1, 2], [-1, 0.]]); G = np.array([[1, -1], [2, 0.5]])
    corr = lambda X, K: np.array([[np.sum(X[i:i + K.shape[0], j:j + K.shape[1]] * K) for j in range(X.shape[1] - K.shape[1] + 1)] for i in range(X.shape[0] - K.shape[0] + 1)])
    Y = corr(X, K)
    L = lambda Xv: np.sum(G * corr(Xv, K))
    dX = fd(L, X); dK = fd(lambda Kv: np.sum(G * corr(X, Kv)), K)
    def dY_dX():
        Xr = rng.normal(size=(3, 3)); Kr = rng.normal(size=(2, 2))
        for i in range(2):
            for j in range(2):
                J = fd(lambda Xv: corr(Xv, Kr)[i, j], Xr)
                for k in range(3):
                    for l in range(3):
                        a, b = k - i, l - j   # 0-based version of k-i+1
                        want = Kr[a, b] if (0 <= a <= 1 and 0 <= b <= 1) else 0.0
                        if not np.isclose(J[k, l], want):
                            return False
        return True
    def dX_formula():
        Xr = rng.normal(size=(3, 3)); Kr = rng.normal(size=(2, 2)); Gr = rng.normal(size=(2, 2))
        g = fd(lambda Xv: np.sum(Gr * corr(Xv, Kr)), Xr)
        want = np.array([[sum(Gr[i, j] * Kr[k - i, l - j] for i in range(2) for j in range(2) if 0 <= k - i <= 1 and 0 <= l - j <= 1) for l in range(3)] for k in range(3)])
        return close(g, want)
    def full_conv():
        Xr = rng.normal(size=(3, 3)); Kr = rng.normal(size=(2, 2)); Gr = rng.normal(size=(2, 2))
        g = fd(lambda Xv: np.sum(Gr * corr(Xv, Kr)), Xr)
        Gp = np.pad(Gr, 1); full = corr(Gp, Kr[::-1, ::-1])   # full correlation with rotated kernel
        scat = np.zeros((3, 3))
        for i in range(2):
            for j in range(2):
                scat[i:i + 2, j:j + 2] += Gr[i, j] * Kr
        return close(g, full) and full.shape == (3, 3) == (2 + 2 - 1,) * 2 and close(g, scat)
    def dK_formula():
        Xr = rng.normal(size=(3, 3)); Kr = rng.normal(size=(2, 2)); Gr = rng.normal(size=(2, 2))
        return close(fd(lambda Kv: np.sum(Gr * corr(Xr, Kv)), Kr), corr(Xr, Gr))
    return [
        (r"$$X = \begin{pmatrix} 1 & 0 & 2", DEF),
        (r"Y_{ij} = \sum_{a=1}^{2}\sum_{b=1}^{2} X_{i+a-1", DEF),
        (r"Die Ausgabegröße ist $3 - 2 + 1 = 2$", lambda: Y.shape == (2, 2) and 3 - 2 + 1 == 2 and np.isclose(Y[0, 0], 1 * 1 + 0 * 2 + 3 * (-1) + 1 * 0) and Y[0, 0] == -2),
        (r"$$Y = \begin{pmatrix} -2 & 3", lambda: close(Y, [[-2, 3], [5, -1]])),
        (r"\frac{\partial Y_{ij}}{\partial X_{kl}} = K_{k-i+1", dY_dX),
        (r"\frac{\partial L}{\partial X_{kl}} = \sum_{i,j} G_{ij}\,K_{k-i+1", lambda: trials(dX_formula)),
        (r"Das ist eine *volle* Faltung", lambda: trials(full_conv)),
        (r"$$G = \begin{pmatrix} 1 & -1", DEF),
        (r"\frac{\partial L}{\partial X} = \begin{pmatrix} 1 & 1 & -2", lambda: close(dX, [[1, 1, -2], [1, 5.5, 1], [-2, -0.5, 0]])),
        (r"Kontrolle des mittleren Eintrags", lambda: np.isclose(G[0, 0] * K[1, 1] + G[0, 1] * K[1, 0] + G[1, 0] * K[0, 1] + G[1, 1] * K[0, 0], 5.5)
            and np.isclose(0 + 1 + 4 + 0.5, 5.5) and np.isclose(dX[1, 1], 5.5)),
        (r"Probe über die Summe", lambda: np.isclose(dX.sum(), G.sum() * K.sum()) and np.isclose(G.sum() * K.sum(), 2.5 * 2) and np.isclose(dX.sum(), 5)),
        (r"Analog gilt $\frac{\partial L}{\partial K_{ab}}", lambda: trials(dK_formula)),
        (r"\frac{\partial L}{\partial K} = \begin{pmatrix} 7{,}5", lambda: close(dK, [[7.5, 0], [3, 5.5]])),
        (r"*Bemerkung:* Für $L = \sum_{ij}", lambda: np.isclose(L(X), -2 - 3 + 10 - 0.5) and np.isclose(L(X), 4.5)),
    ]

# ================================================================== 09
def f09():
    e0, gm = 0.1, 0.96
    return [
        (r"$$\eta_t = \eta_0\,\gamma^{t}, \qquad 0 < \gamma < 1$$", DEF),
        (r"Forma continua equivalente", lambda: all(np.isclose(e0 * gm ** t, e0 * np.exp(np.log(gm) * t)) for t in range(0, 50, 7))),
        (r"Para $\gamma = 0{,}96$: $k = -\ln 0{,}96", lambda: shown(-np.log(0.96), "0,0408")),
        (r"- $\eta_{10} = 0{,}1 \cdot 0{,}96^{10}", lambda: shown(gm ** 10, "0,6648") and shown(e0 * gm ** 10, "0,0665") and shown(0.1 * 0.6648, "0,0665")),
        (r"- $\eta_{50} = 0{,}1 \cdot 0{,}96^{50}", lambda: shown(e0 * gm ** 50, "0,0130")),
        (r"Vida media", lambda: shown(np.log(2), "0,6931") and shown(np.log(2) / -np.log(gm), "17") and shown(0.6931 / 0.0408, "17")
            and np.isclose(e0 * gm ** (np.log(2) / -np.log(gm)), e0 / 2)),
        (r"¿Cuándo baja de $10^{-3}$?", lambda: shown(np.log(0.01) / np.log(gm), "112,8") and e0 * gm ** 113 < 1e-3 <= e0 * gm ** 112),
        (r"\eta(\text{paso}) = \eta_0 \cdot r^{\,\text{paso}/T}", DEF),
        (r"- escalonada: $0{,}1 \cdot 0{,}5^{2} = 0{,}025$", lambda: 2500 // 1000 == 2 and np.isclose(0.1 * 0.5 ** 2, 0.025)),
        (r"- continua: $0{,}1 \cdot 0{,}5^{2{,}5}", lambda: 2500 / 1000 == 2.5 and shown(0.1 * 0.5 ** 2.5, "0,0177")),
        (r"La suma total de las tasas", lambda: np.isclose(sum(e0 * gm ** t for t in range(5000)), e0 / (1 - gm)) and np.isclose(1 - gm, 0.04) and np.isclose(0.1 / 0.04, 2.5)),
        (r"no se cumple la condición de Robbins", lambda: np.isfinite(e0 / (1 - gm))),
        (r"| Exponencial, $k = 0{,}05$", lambda: np.isclose(0.05 * 20, 1) and shown(0.1 * np.exp(-1), "0,0368")),
        (r"| Escalonada, $\times 0{,}1$ cada 30", lambda: np.isclose(0.1 * 0.1 ** (20 // 30), 0.1)),
        (r"| Inversa, $\eta_0/(1+kt)$", lambda: np.isclose(0.1 / (1 + 0.05 * 20), 0.05)),
        (r"¿y si $\gamma = 1$?", lambda: all(e0 * 1.0 ** t == e0 for t in range(100))),
    ]

# ================================================================== 10
def f10():
    Lf = lambda z, y, w1, w0: -(w1 * y * np.log(sig(z)) + w0 * (1 - y) * np.log(1 - sig(z)))
    def rp():
        return rng.normal() * 2, float(rng.integers(0, 2)), rng.uniform(0.2, 5), rng.uniform(0.2, 5)
    def dlog():
        z = rng.normal() * 2
        g1 = fd(lambda v: np.log(sig(v[0])), [z])[0]; g2 = fd(lambda v: np.log(1 - sig(v[0])), [z])[0]
        ds = sig(z) * (1 - sig(z))
        return np.isclose(g1, ds / sig(z)) and np.isclose(g1, 1 - sig(z)) and np.isclose(g2, -sig(z))
    def grad():   # claim: w0 y (s-1) + w1 (1-y) s
        for y in (0.0, 1.0):
            z, _, w1, w0 = rp()
            g = fd(lambda v: Lf(v[0], y, w1, w0), [z])[0]
            if not np.isclose(g, w0 * y * (sig(z) - 1) + w1 * (1 - y) * sig(z)):
                return False
        return True
    def unweighted():
        z, y, _, _ = rp()
        return np.isclose(fd(lambda v: Lf(v[0], y, 1, 1), [z])[0], sig(z) - y)
    def softplus():
        z, y, w1, w0 = rp(); sp = lambda u: np.log1p(np.exp(u))
        return np.isclose(np.log(sig(z)), -sp(-z)) and np.isclose(np.log(1 - sig(z)), -sp(z)) \
            and np.isclose(Lf(z, y, w1, w0), w1 * y * sp(-z) + w0 * (1 - y) * sp(z))
    s = sig(0.8)
    return [
        (r"$$L(z) = -\big[\,w_1\, y \log \sigma(z)", DEF),
        (r"Com 10% de positivos", lambda: np.isclose(0.9, 1 - 0.1)),
        (r"Uma escolha comum é o peso", lambda: 1000 / (2 * 100) == 5 and shown(1000 / (2 * 900), "0,556") and 900 / 100 == 9 and 1000 - 100 == 900),
        (r"o lembrete de sempre: $\sigma'(z)", lambda: np.isclose(fd(lambda v: sig(v[0]), [0.3])[0], sig(0.3) * (1 - sig(0.3)))),
        (r"\frac{d}{dz}\log\sigma(z) = \frac{\sigma'(z)}{\sigma(z)}", lambda: trials(dlog)),
        (r"$$\frac{\partial L}{\partial z} = w_0\, y", lambda: trials(grad)),
        (r"Repare que, sem pesos", lambda: trials(unweighted)),
        (r"Pegue um exemplo positivo", lambda: shown(s, "0,690")),
        (r"- loss: $L = -9\ln(0{,}690)", lambda: shown(Lf(0.8, 1, 9, 1), "3,340") and shown(-9 * np.log(0.690), "3,340")),
        (r"- gradiente: $\frac{\partial L}{\partial z} = 9", lambda: shown(fd(lambda v: Lf(v[0], 1, 9, 1), [0.8])[0], "-2,790") and shown(9 * (0.690 - 1), "-2,790")),
        (r"Se fosse um negativo", lambda: shown(Lf(0.8, 0, 9, 1), "1,171") and shown(-np.log(0.310), "1,171")
            and shown(fd(lambda v: Lf(v[0], 0, 9, 1), [0.8])[0], "0,690") and np.isclose(1 - 0.690, 0.310)),
        (r"9 vezes mais forte", lambda: np.isclose(fd(lambda v: Lf(v[0], 1, 9, 1), [0.8])[0], 9 * fd(lambda v: Lf(v[0], 1, 1, 1), [0.8])[0])),
        (r"Use a identidade $\log\sigma(z) = -\mathrm{softplus}(-z)$", lambda: trials(softplus) and neg_inf_demo()),
        (r"$$L = w_1\, y\,\mathrm{softplus}(-z)", lambda: trials(softplus)),
    ]

# ================================================================== 11
def f11():
    def dc_total():
        # two-step scalar LSTM-state chain: L depends on c_t via h_t and via c_{t+1}
        o, f1, i1, ct1, c = rng.uniform(0.1, 0.9, size=5)
        a, b = rng.normal(size=2)
        def L(cv):
            h = o * np.tanh(cv); c_next = f1 * cv + i1 * ct1
            return a * h + b * c_next
        return np.isclose(fd(lambda v: L(v[0]), [c])[0], a * o * (1 - np.tanh(c) ** 2) + b * f1)
    def partials():
        d = 3; f, i, ct, cp = (rng.uniform(-1, 1, size=d) for _ in range(4))
        c = lambda f, i, ct, cp: f * cp + i * ct
        Jc = np.array([fd(lambda v: c(f, i, ct, v)[k], cp) for k in range(d)])
        Jf = np.array([fd(lambda v: c(v, i, ct, cp)[k], f) for k in range(d)])
        Ji = np.array([fd(lambda v: c(f, v, ct, cp)[k], i) for k in range(d)])
        Jt = np.array([fd(lambda v: c(f, i, v, cp)[k], ct) for k in range(d)])
        return close(Jc, np.diag(f)) and close(Jf, np.diag(cp)) and close(Ji, np.diag(ct)) and close(Jt, np.diag(i))
    def chain_path():
        d = 3; f = rng.uniform(0, 1, size=d); g = rng.normal(size=d); cp = rng.normal(size=d); r = rng.normal(size=d)
        return close(fd(lambda v: g @ (f * v + r), cp), g * f)
    cp, f, i, ct, o = 0.5, 0.8, 0.6, -0.4, 0.7
    c = f * cp + i * ct; th = np.tanh(c); h = o * th
    dc = o * (1 - th ** 2)
    Lh = lambda v: o * np.tanh(v[0] * v[1] + v[2] * v[3])   # v = (f, c_prev, i, ctilde)
    gfd = fd(Lh, [f, cp, i, ct])
    def product():
        T = 6; fs = rng.uniform(0, 1, size=T); c0 = rng.normal()
        cT = lambda c0: (lambda c: c)(np.prod(fs) * c0 + 0.3)
        def run(c0):
            c = c0
            for t in range(T):
                c = fs[t] * c + 0.1 * t
            return c
        return np.isclose(fd(lambda v: run(v[0]), [c0])[0], np.prod(fs))
    return [
        (r"$$f_t = \sigma(W_f[h_{t-1}, x_t] + b_f)", DEF),
        (r"$$\tilde{c}_t = \tanh(W_c[h_{t-1}, x_t] + b_c)", DEF),
        (r"\frac{\partial L}{\partial c_t} = \frac{\partial L}{\partial h_t}\odot o_t", lambda: trials(dc_total)),
        (r"\frac{\partial c_t}{\partial c_{t-1}} = \mathrm{diag}(f_t)", lambda: trials(partials) and trials(chain_path)),
        (r"同理，$\dfrac{\partial c_t}{\partial f_t}", lambda: trials(partials)),
        (r"取标量情形", DEF),
        (r"前向：$c_t = 0.8\times 0.5", lambda: np.isclose(c, 0.16) and np.isclose(0.4 - 0.24, 0.16) and shown(th, "0.1586") and shown(h, "0.1111") and np.isclose(h, 0.7 * np.tanh(0.16))),
        (r"1\times 0.7\times(1 - 0.1586^2)", lambda: shown(1 - th ** 2, "0.9748") and shown(dc, "0.6824") and shown(0.7 * 0.9748, "0.6824")
            and shown(fd(lambda v: o * np.tanh(v[0]), [c])[0], "0.6824")),
        (r"= 0.6824\times 0.8 \approx 0.5459", lambda: shown(dc * f, "0.5459") and shown(0.6824 * 0.8, "0.5459") and shown(gfd[1], "0.5459")),
        (r"= 0.6824\times 0.5 \approx 0.3412", lambda: shown(gfd[0], "0.3412") and shown(gfd[2], "-0.2730") and shown(gfd[3], "0.4094")
            and shown(0.6824 * 0.5, "0.3412") and shown(0.6824 * -0.4, "-0.2730") and shown(0.6824 * 0.6, "0.4094")),
        (r"\tanh(c_t) \approx 0.1586$", lambda: shown(fd(lambda v: v[0] * np.tanh(c), [o])[0], "0.1586")),
        (r"遗忘门的预激活", lambda: shown(dc * cp * f * (1 - f), "0.0546") and np.isclose(f * (1 - f), 0.16) and shown(0.3412 * 0.16, "0.0546")
            and shown(fd(lambda v: o * np.tanh(sig(v[0]) * cp + i * ct), [np.log(f / (1 - f))])[0], "0.0546")),
        (r"答：沿细胞状态路径", lambda: trials(product) and shown(0.9 ** 10, "0.349") and shown(0.5 ** 10, "0.00098") and shown(0.99 ** 100, "0.366")),
    ]

# ================================================================== 12
def f12():
    def shapes():
        n, m, dk, dv = rng.integers(1, 6, size=4)
        Q = rng.normal(size=(n, dk)); K = rng.normal(size=(m, dk)); V = rng.normal(size=(m, dv))
        S = Q @ K.T / np.sqrt(dk); P = np.exp(S) / np.exp(S).sum(1, keepdims=True)
        return S.shape == (n, m) and (P @ V).shape == (n, dv) and close(P.sum(1), np.ones(n))
    N = 400000
    def mc(dk, sd=1.0):
        q = rng.normal(scale=sd, size=(N, dk)); k = rng.normal(scale=sd, size=(N, dk))
        return (q * k).sum(1)
    s16 = mc(16)
    sm = lambda z: np.exp(z - z.max()) / np.exp(z - z.max()).sum()
    p = sm(np.array([8., 0, -8])); p8 = sm(np.array([1., 0, -1]))
    sd = 2.0; dk = 16; sg = mc(dk, sd)
    def varscale():
        Xs = rng.normal(size=N); a = rng.uniform(0.2, 3)
        return np.isclose(np.var(a * Xs), a ** 2 * np.var(Xs))
    def temp():
        z = rng.normal(size=5)
        return np.allclose(sm(z / 1e4), np.ones(5) / 5, atol=1e-3) and np.allclose(sm(z / 1e-4), np.eye(5)[np.argmax(z)], atol=1e-6)
    return [
        (r"クエリ $Q \in \mathbb{R}^{n \times d_k}$", DEF),
        (r"\mathrm{Attention}(Q, K, V) = \mathrm{softmax}", DEF),
        (r"ここで $QK^\top \in \mathbb{R}^{n \times m}$", lambda: trials(shapes)),
        (r"が互いに独立で，平均 $0$，分散 $1$ に従うと仮定する", DEF),
        (r"\mathbb{E}[\boldsymbol{q}^\top\boldsymbol{k}] = \sum_{i=1}^{d_k}", lambda: abs(s16.mean()) < 0.05),
        (r"\mathrm{Var}(q_i k_i) = \mathbb{E}[q_i^2]", lambda: abs(mc(1).var() - 1) < 0.02),
        (r"\sum_{i=1}^{d_k}\mathrm{Var}(q_i k_i) = d_k \tag{3.13}", lambda: abs(s16.var() / 16 - 1) < 0.02),
        (r"すなわち内積の標準偏差は $\sqrt{d_k}$", lambda: abs(mc(64).std() / 8 - 1) < 0.02 and np.sqrt(64) == 8 and varscale()),
        (r"= \frac{1}{d_k}\,\mathrm{Var}(\boldsymbol{q}^\top\boldsymbol{k}) = 1 \tag{3.14}", lambda: abs((s16 / 4).var() - 1) < 0.02 and np.isclose((s16 / 4).var(), s16.var() / 16)),
        (r"$\mathrm{Var}(q_i k_i) = \sigma^2$ となるので", lambda: abs(mc(1, sd).var() / sd ** 2 - 1) < 0.05),
        (r"$$\mathrm{Var}(\boldsymbol{q}^\top\boldsymbol{k}) = d_k\,\sigma^2$$", lambda: abs(sg.var() / (dk * sd ** 2) - 1) < 0.05),
        (r"スケーリング後の分散は $\sigma^2$ となる", lambda: abs((sg / np.sqrt(dk)).var() / sd ** 2 - 1) < 0.05),
        (r"\mathrm{softmax}(\boldsymbol{z}) \approx (0.99966", lambda: shown_vec(p, ["0.99966", "0.00034", "0.0000001"])),
        (r"ソフトマックスのヤコビアンの対角成分は", lambda: all(np.isclose(fd(lambda z: sm(z)[i], np.array([8., 0, -8]))[i], p[i] * (1 - p[i])) for i in range(3))
            and shown(p[0] * (1 - p[0]), "0.00034")),
        (r"\mathrm{softmax}(\boldsymbol{z}/8) \approx (0.665", lambda: shown_vec(p8, ["0.665", "0.245", "0.090"])),
        (r"$p_1(1-p_1) \approx 0.223$", lambda: shown(p8[0] * (1 - p8[0]), "0.223")),
        (r"**注意** $\sqrt{d_k}$ で割ることは", lambda: trials(temp)),
        (r"**問 3.4**", lambda: np.sqrt(256) == 16),
    ]

# ================================================================== 13
def f13():
    def cs(W, x, y):
        s = W @ x; o = [j for j in range(len(s)) if j != y]
        return max(0.0, 1 + max(s[j] for j in o) - s[y])
    def ww(W, x, y):
        s = W @ x
        return sum(max(0.0, 1 + s[j] - s[y]) for j in range(len(s)) if j != y)
    def le():
        K, d = 4, 3; W = rng.normal(size=(K, d)); x = rng.normal(size=d); y = int(rng.integers(K))
        return cs(W, x, y) <= ww(W, x, y) + 1e-12
    def subgrad():
        K, d = 4, 3
        while True:
            W = rng.normal(size=(K, d)); x = rng.normal(size=d); y = int(rng.integers(K))
            s = W @ x; o = [j for j in range(K) if j != y]; js = max(o, key=lambda j: s[j])
            m = 1 + s[js] - s[y]
            if abs(m) > 0.05 and sorted(s[o])[-1] - sorted(s[o])[-2] > 0.05:
                break
        g = fd(lambda Wv: cs(Wv, x, y), W)
        want = np.outer(np.eye(K)[js] - np.eye(K)[y], x) if m > 0 else np.zeros((K, d))
        return close(g, want) and g.shape == (K, d)
    def kink():   # any t in [0,1] gives a valid subgradient: f(W') >= f(W) + <G, W'-W>
        K, d = 3, 2; x = rng.normal(size=d); W = rng.normal(size=(K, d)); y = 0
        s = W @ x; js = 1 if s[1] > s[2] else 2
        W[y] += (1 + s[js] - s[y]) * x / (x @ x)   # put the point exactly on the hinge
        assert abs(1 + (W @ x)[js] - (W @ x)[y]) < 1e-9
        G0 = np.outer(np.eye(K)[js] - np.eye(K)[y], x)
        for t in np.linspace(0, 1, 5):
            for _ in range(50):
                W2 = W + rng.normal(size=(K, d))
                if cs(W2, x, y) < cs(W, x, y) + np.sum(t * G0 * (W2 - W)) - 1e-9:
                    return False
        return True
    x = np.array([1., 2.]); W = np.array([[1, -1], [0.5, 0.5], [-1, 1.5]]); y = 1
    s = W @ x; G = np.outer(np.eye(3)[2] - np.eye(3)[1], x); W2 = W - 0.1 * G; s2 = W2 @ x
    return [
        (r"оценки $s_j = w_j^\top x$, т.е. $s = Wx$", DEF),
        (r"L(W; x, y) = \max\Big(0,\ 1 + \max_{j \ne y}", DEF),
        (r"всегда $L \le L_{WW}$", lambda: trials(le, 50)),
        (r"Функция выпуклая (максимум линейных)", lambda: all(
            (lambda A, B, t: cs(t * A + (1 - t) * B, np.array([0.3, -1.2, 0.7]), 1) <= t * cs(A, np.array([0.3, -1.2, 0.7]), 1) + (1 - t) * cs(B, np.array([0.3, -1.2, 0.7]), 1) + 1e-12)
            (rng.normal(size=(3, 3)), rng.normal(size=(3, 3)), rng.uniform()) for _ in range(200))),
        (r"\frac{\partial L}{\partial w_{j^*}} = x, \qquad", lambda: trials(subgrad, 10)),
        (r"В матричной записи", lambda: trials(subgrad, 10)),
        (r"то $L \equiv 0$ в окрестности", lambda: trials(subgrad, 10)),
        (r"На изломе ($=0$)", lambda: trials(kink, 3)),
        (r"Сумма строк субградиента равна нулю", lambda: close(G.sum(0), 0 * x) and close(W2.sum(0), W.sum(0))),
        (r"$K = 3$, $d = 2$, $x = (1;\ 2)$", DEF),
        (r"Оценки: $s = Wx = (-1;\ 1{,}5;\ 2)$", lambda: close(s, [-1, 1.5, 2]) and int(np.argmax(np.where(np.arange(3) == y, -np.inf, s))) == 2),
        (r"$$L = \max(0,\ 1 + 2 - 1{,}5) = 1{,}5.$$", lambda: np.isclose(cs(W, x, y), 1.5)),
        (r"(Уэстон–Уоткинс дал бы", lambda: np.isclose(ww(W, x, y), 1.5) and np.isclose(max(0, 1 + s[0] - s[1]), 0)),
        (r"\frac{\partial L}{\partial W} = \begin{pmatrix} 0 & 0 \\ -1 & -2", lambda: close(fd(lambda Wv: cs(Wv, x, y), W), [[0, 0], [-1, -2], [1, 2]])),
        (r"Шаг с $\eta = 0{,}1$", lambda: close(W2[1], [0.6, 0.7]) and close(W2[2], [-1.1, 1.3]) and close(W2[0], W[0])),
        (r"Новые оценки $s' = (-1;\ 2;\ 1{,}5)$", lambda: close(s2, [-1, 2, 1.5]) and np.isclose(cs(W2, x, y), 0.5)
            and np.isclose(cs(W, x, y) - cs(W2, x, y), 2 * 0.1 * (x @ x)) and np.isclose(2 * 0.1 * 5, 1) and x @ x == 5),
        (r"*Д/з: повторить пример для $y = 3$", lambda: int(np.argmax(np.where(np.arange(3) == 2, -np.inf, s))) == 1 and np.isclose(cs(W, x, 2), 0.5)),
    ]

# ================================================================== 14
def f14():
    y = np.array([3., 5, 2, 7]); yh = np.array([2.5, 5, 4, 6]); r = yh - y; N = 4
    L = lambda yhv: np.mean(np.abs(yhv - y))
    # one-sided derivatives of L at yh in each coordinate -> subdifferential interval
    def subdiff(i, h=1e-7):
        e = np.zeros(N); e[i] = h
        return (L(yh) - L(yh - e)) / h, (L(yh + e) - L(yh)) / h   # (left, right)
    def abs_sub():
        u = rng.normal()
        ok = np.isclose(fd(lambda v: abs(v[0]), [u])[0], np.sign(u))
        h = 1e-7
        return ok and np.isclose((abs(0) - abs(-h)) / h, -1) and np.isclose((abs(h) - abs(0)) / h, 1)
    def claim_grad():   # claim: dL/dyhat_i = sign(yhat_i - y_i)
        for i in range(N):
            lo, hi = subdiff(i)
            if r[i] != 0 and not np.isclose(hi, np.sign(r[i])):
                return False
            if r[i] == 0 and not (lo - 1e-9 <= np.sign(r[i]) <= hi + 1e-9):
                return False
        return True
    gtrue = np.sign(r) / N
    Lm = lambda yhv: np.mean((yhv - y) ** 2)
    xin = np.array([1., 2, 3, 4])
    def grad_vec():
        return all((lambda lo, hi: lo - 1e-9 <= g <= hi + 1e-9)(*subdiff(i)) for i, g in enumerate([-1, 0, 1, -1]))
    def grad_b():
        h = 1e-7
        lo = (L(yh) - L(yh - h)) / h; hi = (L(yh + h) - L(yh)) / h
        return lo - 1e-9 <= -1 <= hi + 1e-9
    cs = np.linspace(0, 10, 100001); tot = np.array([np.sum(np.abs(y - c)) for c in cs])
    return [
        (r"$$\partial |u| = \begin{cases}", lambda: trials(abs_sub)),
        (r"Yani $u = 0$ noktasında $[-1, 1]$", lambda: np.sign(0.0) == 0 and -1 <= 0 <= 1),
        (r"$$L = \frac{1}{N}\sum_{i=1}^{N}\left|\hat{y}_i - y_i\right|$$", DEF),
        (r"Artıklar $r = \hat{y} - y", lambda: close(r, [-0.5, 0, 2, -1])),
        (r"$$L = \frac{0{,}5 + 0 + 2 + 1}{4} = 0{,}875.$$", lambda: np.isclose(L(yh), 0.875) and np.isclose((0.5 + 0 + 2 + 1) / 4, 0.875)),
        (r"$$\frac{\partial L}{\partial \hat{y}_i} = \mathrm{sign}(\hat{y}_i - y_i)$$", claim_grad),
        (r"$$\nabla_{\hat{y}} L = (-1;\ 0;\ 1;\ -1)$$", grad_vec),
        (r"bias'a göre gradyan bunların toplamı", grad_b),
        (r"MSE ile karşılaştırınca fark net görülüyor", lambda: close(fd(Lm, yh), 2 / N * r) and close(2 / N * r, [-0.25, 0, 1, -0.5])
            and np.isclose(Lm(yh), 1.3125) and np.isclose((0.25 + 0 + 4 + 1) / 4, 1.3125)),
        (r"minimize eden değer medyandır", lambda: close(np.sort(y), [2, 3, 5, 7]) and np.isclose(tot.min(), 7)
            and np.all(np.isclose(tot[(cs >= 3) & (cs <= 5)], 7)) and np.all(tot[(cs < 2.999) | (cs > 5.001)] > 7)
            and np.sum(np.abs(y - 4)) == 1 + 1 + 2 + 3 == 7 and np.isclose(y.mean(), 4.25)
            and np.isclose(cs[np.argmin([np.sum((y - c) ** 2) for c in cs[::10]]) * 10], 4.25)),
    ]

# ================================================================== 15
def f15():
    conv = lambda k, cin, cout: (k * k * cin + 1) * cout
    dense = lambda a, b: a * b + b
    out = lambda n, k, p, s: (n + 2 * p - k) // s + 1
    def conv_params_count():
        kh, kw, cin, cout = rng.integers(1, 6, size=4)
        Wt = np.zeros((kh, kw, cin, cout)); b = np.zeros(cout)
        return Wt.size + b.size == (kh * kw * cin + 1) * cout
    def out_formula():
        for n in range(3, 15):
            for k in range(1, 5):
                for p in range(0, 3):
                    for s in range(1, 4):
                        if n + 2 * p >= k and len(range(0, n + 2 * p - k + 1, s)) != out(n, k, p, s):
                            return False
        return True
    tot = conv(3, 1, 32) + conv(3, 32, 64) + dense(1600, 128) + dense(128, 10)
    return [
        (r"$$P_{conv} = (k_h \cdot k_w \cdot C_{in} + 1)\cdot C_{out}$$", lambda: trials(conv_params_count)),
        (r"P_{dense} = n_{in}\cdot n_{out} + n_{out}", lambda: np.zeros((7, 3)).size + 3 == dense(7, 3)),
        (r"\left\lfloor \frac{n + 2p - k}{s} \right\rfloor + 1", out_formula),
        (r"الدخل صورة رمادية", DEF),
        (r"1. طبقة التفاف: 32 مرشحاً", lambda: out(28, 3, 0, 1) == 26 == 28 - 3 + 1 and conv(3, 1, 32) == 320 == (3 * 3 * 1 + 1) * 32),
        (r"2. تجميع أعظمي", lambda: 26 // 2 == 13),
        (r"3. طبقة التفاف: 64 مرشحاً", lambda: out(13, 3, 0, 1) == 11 and conv(3, 32, 64) == 18496),
        (r"4. تجميع أعظمي", lambda: 11 // 2 == 5),
        (r"5. تسطيح (Flatten)", lambda: 5 * 5 * 64 == 1600),
        (r"6. طبقة كثيفة بـ 128", lambda: dense(1600, 128) == 204928 == 1600 * 128 + 128),
        (r"7. طبقة الخرج بـ 10", lambda: dense(128, 10) == 1290 == 128 * 10 + 10),
        (r"$$P_{total} = 320 + 18\,496", lambda: tot == 225034 == 320 + 18496 + 204928 + 1290),
        (r"`Total params: 225,034`", lambda: tot == 225034),
        (r"\frac{204\,928}{225\,034} \approx 91\%", lambda: shown(100 * 204928 / 225034, "91") and dense(64, 128) == 8320 == 64 * 128 + 128),
        (r"BatchNorm", lambda: 4 * 32 == 128 and 2 * 32 == 64),
        (r"الحشو `same`", lambda: out(13, 3, 1, 1) == 13 and 13 // 2 == 6 and 6 * 6 * 64 == 2304 and dense(2304, 128) == 295040),
    ]

# ================================================================== 16
def f16():
    vc = np.array([0.5, -0.2, 0.1]); uo = np.array([0.3, 0.8, -0.5]); U = np.array([[-0.4, 0.1, 0.6], [0.2, -0.7, 0.3]])
    J = lambda v: -np.log(sig(uo @ v)) - np.sum(np.log(sig(-U @ v)))
    gtrue = fd(J, vc)
    def facts():
        x = rng.normal() * 2
        return np.isclose(fd(lambda v: sig(v[0]), [x])[0], sig(x) * (1 - sig(x))) and np.isclose(1 - sig(x), sig(-x)) \
            and np.isclose(fd(lambda v: np.log(sig(v[0])), [x])[0], 1 - sig(x))
    def rnd():
        d, K = 4, 3
        return rng.normal(size=d), rng.normal(size=d), rng.normal(size=(K, d))
    def pos_term():   # claim: d/dv[-log s(u_o.v)] = (1 - s(u_o.v)) u_o
        v, u, _ = rnd()
        return close(fd(lambda w: -np.log(sig(u @ w)), v), (1 - sig(u @ v)) * u)
    def neg_term():
        v, _, Un = rnd(); u = Un[0]
        return close(fd(lambda w: -np.log(sig(-u @ w)), v), sig(u @ v) * u) and np.isclose(1 - sig(-(u @ v)), sig(u @ v))
    def total():   # claim: (1 - s(u_o.v)) u_o + sum_k s(u_k.v) u_k
        v, u, Un = rnd()
        Jr = lambda w: -np.log(sig(u @ w)) - np.sum(np.log(sig(-Un @ w)))
        return close(fd(Jr, v), (1 - sig(u @ v)) * u + sum(sig(Un[k] @ v) * Un[k] for k in range(len(Un))))
    def matrix_form():
        v, u, Un = rnd()
        m = Un.T @ sig(Un @ v)
        return close(m, sum(sig(Un[k] @ v) * Un[k] for k in range(len(Un)))) and m.shape == v.shape
    def other_grads():
        v, u, Un = rnd()
        Jr = lambda uu, UU: -np.log(sig(uu @ v)) - np.sum(np.log(sig(-UU @ v)))
        gu = fd(lambda w: Jr(w, Un), u); gU = fd(lambda W: Jr(u, W), Un)
        return close(gu, (sig(u @ v) - 1) * v) and close(gU, np.outer(sig(Un @ v), v))
    return [
        (r"$$J(v_c) = -\log\sigma(u_o^\top v_c) - \sum_{k=1}^{K}", DEF),
        (r"Useful facts about the sigmoid", lambda: trials(facts)),
        (r"    u_o.v_c = -0.06  sigma = 0.485", lambda: shown(uo @ vc, "-0.06") and shown(sig(uo @ vc), "0.485")),
        (r"    u_k.v_c = [-0.16  0.27]", lambda: shown_vec(U @ vc, ["-0.16", "0.27"]) and shown_vec(sig(U @ vc), ["0.4601", "0.5671"])),
        (r"    J = 2.1772", lambda: shown(J(vc), "2.1772")),
        (r"\Big[-\log\sigma(u_o^\top v_c)\Big] = \big(1-\sigma(u_o^\top v_c)\big)\,u_o$$", lambda: trials(pos_term)),
        (r"Negative terms: the inner derivative is $-u_k$", lambda: trials(neg_term)),
        (r"\Big[-\log\sigma(-u_k^\top v_c)\Big] = \sigma(u_k^\top v_c)\,u_k$$", lambda: trials(neg_term)),
        (r"$$\frac{\partial J}{\partial v_c} = \big(1-\sigma(u_o^\top v_c)\big)\,u_o + \sum", lambda: trials(total)),
        (r"With the negatives stacked as rows", lambda: trials(matrix_form)),
        (r"    dJ/dv_c = [0.0839 0.061  0.1887]", lambda: shown_vec(gtrue, ["0.0839", "0.061", "0.1887"])),
        (r"For completeness, the other gradients", lambda: trials(other_grads)),
    ]

# ================================================================== driver
FILES = {
    "01_polynomial_normal_equations_mit6036.md": f01,
    "02_softmax_vocabulary_gradient_cs224n.md": f02,
    "03_transposed_conv_output_size_d2l.md": f03,
    "04_kl_gaussian_vae_bishop.md": f04,
    "05_gradient_clipping_norm_tds.md": f05,
    "06_swish_derivative_mathse.md": f06,
    "07_batchnorm_backward_corrige_fr.md": f07,
    "08_conv2d_backward_input_uebung_de.md": f08,
    "09_exponential_lr_decay_slides_es.md": f09,
    "10_weighted_sigmoid_cross_entropy_blog_ptbr.md": f10,
    "11_lstm_cell_state_gradient_exam_zh.md": f11,
    "12_attention_scaling_textbook_ja.md": f12,
    "13_crammer_singer_hinge_konspekt_ru.md": f13,
    "14_mae_subgradient_forum_tr.md": f14,
    "15_cnn_parameter_count_tutorial_ar.md": f15,
    "16_skipgram_negative_sampling_notebook.md": f16,
}

def main():
    verbose = "-v" in sys.argv
    expected = json.load(open(os.path.join(HERE, "expected.json"), encoding="utf-8"))
    bad = 0
    listed = sorted(f for f in os.listdir(HERE) if f.endswith(".md"))
    if sorted(FILES) != listed or sorted(expected) != listed:
        print("file set mismatch", listed); bad += 1
    for name, mk in FILES.items():
        lines = open(os.path.join(HERE, name), encoding="utf-8").read().split("\n")
        if lines and lines[-1] == "":
            lines = lines[:-1]
        if not 20 <= len(lines) <= 60:
            print(f"{name}: {len(lines)} lines (outside 20-60)"); bad += 1
        checks = mk()
        results = []
        for sub, pred in checks:
            hits = [i + 1 for i, l in enumerate(lines) if sub in l]
            if len(hits) != 1:
                print(f"{name}: substring {sub!r} matches lines {hits}"); bad += 1
                continue
            ok = bool(pred())
            results.append((hits[0], ok, sub))
        results.sort()
        if verbose:
            for ln, ok, sub in results:
                print(f"   {name[:2]} L{ln:>3} {'T' if ok else 'F'}  {sub[:60]}")
        false = [ln for ln, ok, _ in results if not ok]
        first = false[0] if false else None
        print(f"{name}: {'correct' if first is None else 'first false line ' + str(first)}"
              f"   ({len(results)} checked lines, false at {false})")
        if first != expected.get(name, "missing"):
            print(f"   MISMATCH: expected {expected.get(name)}"); bad += 1
    print("ALL AGREE" if bad == 0 else f"{bad} problem(s)")
    sys.exit(1 if bad else 0)

if __name__ == "__main__":
    main()
