#!/usr/bin/env python3
"""Independent ground-truth check for corpus26.

For every Markdown file we list claims.  Each claim is tied to one source line
by a substring that must occur on exactly one line of the file, and is tested
by an independent computation (central finite differences at random points,
direct evaluation with a tolerance taken from the digits shown, Monte Carlo or
numerical integration for expectations, brute force for sizes/counts).
The first failing claim's line is the file's first wrong line (None if every
claim holds).  The result is compared with expected.json.
Exit status 0 iff every file agrees.
"""
import json
import sys
from pathlib import Path

import numpy as np

D = Path(__file__).resolve().parent
import os
RNG = np.random.default_rng(int(os.environ.get("SEED", "20240526")))


# ---------------------------------------------------------------- helpers
def num(s):
    s = str(s).replace("{,}", ".").replace(" ", "")
    if s.count(",") == 1 and "." not in s:
        s = s.replace(",", ".")
    s = s.replace(",", "")
    return float(s)


CURRENT_LINE = {"text": None, "missing": []}


def _norm(t):
    return str(t).replace("{,}", ".").replace(" ", "").replace("\\,", "")


def ap(shown, true, tol=None):
    """shown (string, as printed) equals true value to the digits shown."""
    if CURRENT_LINE["text"] is not None:
        body = _norm(shown).replace(",", ".").lstrip("-")
        if body not in _norm(CURRENT_LINE["text"]).replace(",", "."):
            CURRENT_LINE["missing"].append(shown)
    s = str(shown).replace("{,}", ".").replace(" ", "")
    if s.count(",") == 1 and "." not in s:
        s = s.replace(",", ".")
    s = s.replace(",", "")
    val = float(s)
    if tol is None:
        mant = s.lower().split("e")[0]
        dec = len(mant.split(".")[1]) if "." in mant else 0
        tol = 0.5 * 10.0 ** (-dec) * 1.0001 + 1e-12
    return bool(abs(val - true) <= tol)


def aps(shown_list, true_arr, tol=None):
    true_arr = np.ravel(np.asarray(true_arr, float))
    assert len(shown_list) == len(true_arr), (shown_list, true_arr)
    return all(ap(s, t, tol) for s, t in zip(shown_list, true_arr))


def fd(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        xp = x.copy()
        xm = x.copy()
        xp[idx] += h
        xm[idx] -= h
        g[idx] = (f(xp) - f(xm)) / (2 * h)
    return g


def fdJ(f, x, h=1e-6):
    """Jacobian by central differences: J[i, j] = d f_i / d x_j."""
    x = np.array(x, dtype=float)
    cols = []
    for j in range(x.size):
        xp = x.copy().ravel()
        xm = x.copy().ravel()
        xp[j] += h
        xm[j] -= h
        cols.append((np.asarray(f(xp.reshape(x.shape))) - np.asarray(f(xm.reshape(x.shape)))).ravel() / (2 * h))
    return np.stack(cols, axis=1)


def close(a, b, rtol=1e-5, atol=1e-6):
    return bool(np.allclose(np.asarray(a, float), np.asarray(b, float), rtol=rtol, atol=atol))


def sig(z):
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-z))


def trials(n=6):
    return range(n)


CLAIMS = {}


def claims(fname):
    def deco(fn):
        CLAIMS[fname] = fn
        return fn
    return deco


# ======================================================================= 01
@claims("01_squared_hinge_cs231n.md")
def c01():
    Delta = 1.0

    def Li(s, y):
        m = s - s[y] + Delta
        m[y] = 0.0
        return np.sum(np.maximum(0, m) ** 2)

    def rand_s():
        # scores with margins well away from 0 (differentiable point)
        while True:
            s = RNG.normal(0, 2, 5)
            y = int(RNG.integers(5))
            m = s - s[y] + Delta
            m[y] = 5.0
            if np.all(np.abs(m) > 0.05) and np.any(np.delete(m, y) > 0):
                return s, y

    def h_prime():
        for _ in trials(10):
            m = RNG.normal(0, 2)
            if abs(m) < 0.05:
                continue
            d = fd(lambda v: max(0.0, v[0]) ** 2, [m])[0]
            if not (close(d, 2 * max(0, m)) and close(d, 2 * m * (m > 0))):
                return False
        return True

    def ds_j():
        for _ in trials():
            s, y = rand_s()
            g = fd(lambda v: Li(v, y), s)
            for j in range(5):
                if j == y:
                    continue
                if not close(g[j], 2 * max(0, s[j] - s[y] + Delta)):
                    return False
        return True

    def ds_y():
        for _ in trials():
            s, y = rand_s()
            g = fd(lambda v: Li(v, y), s)
            claim = -sum(max(0, s[j] - s[y] + Delta) for j in range(5) if j != y)
            if not close(g[y], claim):
                return False
        return True

    def true_dscores(s, y):
        m = s - s[y] + Delta
        m[y] = 0
        d = 2 * np.maximum(0, m)
        d[y] = -d.sum()
        return d

    def dW_rows():
        for _ in trials():
            x = RNG.normal(size=3)
            s0, y = rand_s()
            W = RNG.normal(size=(5, 3))
            # make scores equal to s0 by fitting: use W with W@x = s0
            W = W + np.outer(s0 - W @ x, x) / (x @ x)
            g = fd(lambda Wv: Li(Wv @ x, y), W)
            ds = fd(lambda v: Li(v, y), W @ x)
            if not close(g, np.outer(ds, x), rtol=1e-4, atol=1e-5):
                return False
        return True

    def reg():
        lam = 0.37
        W = RNG.normal(size=(3, 4))
        return close(fd(lambda V: lam * np.sum(V ** 2), W), 2 * lam * W)

    s = np.array([3.2, 5.1, -1.7])
    y = 0
    x = np.array([0.5, -1.2, 2.0])
    g = true_dscores(s.copy(), y)

    def code_line():
        N, C, Dd = 4, 3, 5
        X = RNG.normal(size=(N, Dd))
        W = RNG.normal(size=(C, Dd))
        yy = RNG.integers(C, size=N)
        regc = 0.1

        def loss(Wv):
            return np.mean([Li(Wv @ X[i], yy[i]) for i in range(N)]) + regc * np.sum(Wv ** 2)

        S = X @ W.T
        margins = S - S[np.arange(N), yy][:, None] + Delta
        margins[np.arange(N), yy] = 0
        dscores = 2 * np.maximum(0, margins)
        dscores[np.arange(N), yy] = -dscores.sum(1)
        dW = dscores.T @ X / N + 2 * regc * W
        return close(fd(loss, W), dW, rtol=1e-4, atol=1e-5)

    return [
        (r"h'(m) = 2\max(0, m) = 2m", h_prime),
        (r"\frac{\partial L_i}{\partial s_j} = 2\max(0,\, s_j - s_{y_i} + \Delta), \qquad j \neq y_i", ds_j),
        (r"\frac{\partial L_i}{\partial s_{y_i}} = -\sum_{j \neq y_i}", ds_y),
        (r"\nabla_{w_j} L_i = \frac{\partial L_i}{\partial s_j}\, x_i", dW_rows),
        (r"the regularization contributes an extra $2\lambda W$", reg),
        (r"Margins: $m_1 = 5.1 - 3.2 + 1 = 2.9$", lambda: ap("2.9", s[1] - s[0] + 1) and ap("-3.9", s[2] - s[0] + 1)),
        (r"= 8.41 + 0 = 8.41", lambda: ap("8.41", Li(s.copy(), y)) and ap("8.41", 2.9 ** 2)),
        (r"\frac{\partial L_i}{\partial s_1} = 2 \cdot 2.9 = 5.8", lambda: ap("5.8", fd(lambda v: Li(v, y), s)[1], 1e-4)),
        (r"\frac{\partial L_i}{\partial s_2} = 0", lambda: ap("0", fd(lambda v: Li(v, y), s)[2], 1e-6)),
        (r"\frac{\partial L_i}{\partial s_0} = -2.9", lambda: ap("-2.9", fd(lambda v: Li(v, y), s)[0], 1e-4)),
        (r"\nabla_{w_1} L_i = 5.8\, x_i = (2.9,\; -6.96,\; 11.6)", lambda: aps(["2.9", "-6.96", "11.6"], g[1] * x) and close(5.8 * x, g[1] * x)),
        (r"\nabla_{w_0} L_i = -2.9\, x_i = (-1.45,\; 3.48,\; -5.8)", lambda: aps(["-1.45", "3.48", "-5.8"], g[0] * x)),
        (r"`dW = dscores.T @ X / N + 2 * reg * W`", code_line),
    ]


# ======================================================================= 02
@claims("02_huber_smoothl1_vorlesung.md")
def c02():
    def H(r, d):
        r = np.asarray(r, float)
        return np.where(np.abs(r) <= d, 0.5 * r ** 2, d * (np.abs(r) - 0.5 * d))

    def S(r, b):
        r = np.asarray(r, float)
        return np.where(np.abs(r) < b, 0.5 * r ** 2 / b, np.abs(r) - 0.5 * b)

    def satz():
        for _ in range(200):
            d = RNG.uniform(0.05, 3)
            r = RNG.normal(0, 3)
            if not close(H(r, d), d * S(r, d), 1e-12, 1e-12):
                return False
        return all(close(H(v, 0.7), 0.7 * S(v, 0.7)) for v in (0.7, -0.7))

    def beweis1():
        r, d = 0.3, 0.8
        return close(d * 0.5 * r ** 2 / d, 0.5 * r ** 2)

    def beweis2():
        r, d = -2.3, 0.8
        return close(d * (abs(r) - 0.5 * d), d * abs(r) - 0.5 * d ** 2) and close(H(r, d), d * abs(r) - 0.5 * d ** 2)

    def beweis3():
        d = 1.3
        return close(0.5 * d ** 2, 0.5 * d ** 2) and close(d * (d - 0.5 * d), 0.5 * d ** 2) and close(H(d, d), 0.5 * d ** 2)

    def slopes():
        d = 0.6
        gS = fd(lambda v: S(v[0], d), [2.5])[0]
        gH = fd(lambda v: H(v[0], d), [2.5])[0]
        return close(gS, 1) and close(gH, d)

    def dH():
        for _ in range(20):
            d = RNG.uniform(0.2, 2)
            r = RNG.normal(0, 2)
            if abs(abs(r) - d) < 1e-3:
                continue
            claim = r if abs(r) <= d else d * np.sign(r)
            if not close(fd(lambda v: H(v[0], d), [r])[0], claim):
                return False
        return True

    def dS():
        for _ in range(20):
            b = RNG.uniform(0.2, 2)
            r = RNG.normal(0, 2)
            if abs(abs(r) - b) < 1e-3:
                continue
            claim = r / b if abs(r) < b else np.sign(r)
            if not close(fd(lambda v: S(v[0], b), [r])[0], claim):
                return False
        return True

    def cont():
        b, h = 0.7, 1e-7
        left = (S(b, b) - S(b - h, b)) / h
        right = (S(b + h, b) - S(b, b)) / h
        return close(left, 1, 1e-5, 1e-5) and close(right, 1, 1e-5, 1e-5) and close(b / b, 1)

    def lim():
        r = np.array([0.3, -1.2, 2.0])
        return close(S(r, 1e-9), np.abs(r), 1e-8, 1e-8)

    r = np.array([0.2, -0.3, 1.4, -2.0])
    b = 0.5
    sl = S(r, b)
    hu = H(r, b)
    gS = fd(lambda v: np.mean(S(v - 0.0, b)), r)  # r = yhat - y with y = 0
    gH = fd(lambda v: np.mean(H(v, b)), r)
    return [
        (r"gilt $\ell^{\mathrm{H}}_\delta(r) = \delta \cdot \ell^{\mathrm{S}}_\delta(r)$", satz),
        (r"ist $\delta \cdot \frac{0{,}5\,r^2}{\delta} = \frac12 r^2$", beweis1),
        (r"= \delta|r| - \frac12\delta^2$", beweis2),
        (r"liefern beide Äste $\frac12\delta^2$", beweis3),
        (r"Bereich Steigung $1$ (wie L1), Huber hat Steigung $\delta$", slopes),
        (r"\begin{cases} r, & |r| \le \delta,\\ \delta\,\operatorname{sign}(r)", dH),
        (r"\begin{cases} r/\beta, & |r| < \beta,\\ \operatorname{sign}(r)", dS),
        (r"überein ($\beta/\beta = 1$)", cont),
        (r"geht $\ell^{\mathrm{S}}_\beta(r) \to |r|$", lim),
        (r"\ell^{\mathrm{S}}(0{,}2) &= 0{,}5 \cdot 0{,}04 / 0{,}5 = 0{,}04", lambda: ap("0,04", sl[0]) and close(0.5 * 0.04 / 0.5, 0.04)),
        (r"\ell^{\mathrm{S}}(-0{,}3) &= 0{,}09", lambda: ap("0,09", sl[1])),
        (r"\ell^{\mathrm{S}}(1{,}4) &= 1{,}4 - 0{,}25 = 1{,}15", lambda: ap("1,15", sl[2])),
        (r"\ell^{\mathrm{S}}(-2{,}0) &= 2{,}0 - 0{,}25 = 1{,}75", lambda: ap("1,75", sl[3])),
        (r"= 0{,}7575$.", lambda: ap("0,7575", sl.mean())),
        (r"erhalten wir entsprechend $(0{,}02;", lambda: aps(["0,02", "0,045", "0,575", "0,875"], hu)),
        (r"mit Mittelwert $0{,}37875 = 0{,}5 \cdot 0{,}7575$", lambda: ap("0,37875", hu.mean()) and close(0.5 * 0.7575, 0.37875)),
        (r"\ell^{\mathrm{S}} = (0{,}1;\ -0{,}15;\ 0{,}25;\ -0{,}25)", lambda: aps(["0,1", "-0,15", "0,25", "-0,25"], gS)),
        (r"\ell^{\mathrm{H}} = (0{,}05;\ -0{,}075;\ 0{,}125;\ -0{,}125)", lambda: aps(["0,05", "-0,075", "0,125", "-0,125"], gH)),
    ]


# ======================================================================= 03
@claims("03_triplet_anchor_stackexchange.md")
def c03():
    alpha = 0.2

    def L(a, p, n):
        return max(0.0, np.sum((a - p) ** 2) - np.sum((a - n) ** 2) + alpha)

    def active():
        while True:
            a, p, n = RNG.normal(size=(3, 4))
            if np.sum((a - p) ** 2) - np.sum((a - n) ** 2) + alpha > 0.1:
                return a, p, n

    def ident():
        x, c = RNG.normal(size=(2, 5))
        return close(fd(lambda v: np.sum((v - c) ** 2), x), 2 * (x - c))

    def chk(which, formula):
        def f():
            for _ in trials():
                a, p, n = active()
                if which == "a":
                    g = fd(lambda v: L(v, p, n), a)
                elif which == "p":
                    g = fd(lambda v: L(a, v, n), p)
                else:
                    g = fd(lambda v: L(a, p, v), n)
                if not close(g, formula(a, p, n)):
                    return False
            return True
        return f

    def grad_diff(a, p, n):
        return fd(lambda v: np.sum((v - p) ** 2), a) - fd(lambda v: np.sum((v - n) ** 2), a)

    def update():
        # gradient descent step a - eta * dL/da with the claimed expression
        for _ in trials():
            a, p, n = active()
            if not close(fd(lambda v: L(v, p, n), a), 2 * (p - n)):
                return False
        return True

    def indep():
        # anchor gradient independent of a in active region (true fact)
        a, p, n = active()
        g1 = fd(lambda v: L(v, p, n), a)
        a2 = a + 0.01 * RNG.normal(size=4)
        g2 = fd(lambda v: L(v, p, n), a2)
        return close(g1, g2)

    a = np.array([1.0, 0.5])
    p = np.array([0.8, 0.9])
    n = np.array([1.2, 0.3])
    ga = fd(lambda v: L(v, p, n), a)
    gn = fd(lambda v: L(a, p, v), n)

    def norm_chain():
        f = RNG.normal(size=4)
        p4, n4 = RNG.normal(size=(2, 4)) * 0.3

        def Lf(fv):
            av = fv / np.linalg.norm(fv)
            return np.sum((av - p4) ** 2) - np.sum((av - n4) ** 2) + alpha

        av = f / np.linalg.norm(f)
        dLda = 2 * (n4 - p4)  # true gradient of the (unclipped) bracket w.r.t. a
        claim = (np.eye(4) - np.outer(av, av)) @ dLda / np.linalg.norm(f)
        return close(fd(Lf, f), claim)

    return [
        (r"\nabla_x \|x - c\|_2^2 = \nabla_x (x-c)^\top (x-c) = 2(x - c)", ident),
        (r"&= \nabla_a \|a-p\|^2 - \nabla_a \|a-n\|^2", chk("a", grad_diff)),
        (r"&= 2(a-p) - 2(a-n)", chk("a", lambda a, p, n: 2 * (a - p) - 2 * (a - n))),
        (r"&= 2(p - n).", chk("a", lambda a, p, n: 2 * (p - n))),
        (r"\frac{\partial L}{\partial p} = -2(a-p) = 2(p-a)", chk("p", lambda a, p, n: -2 * (a - p))),
        (r"$\frac{\partial L}{\partial n} = 2(a-n)$.", chk("n", lambda a, p, n: 2 * (a - n))),
        (r"Notice the anchor gradient doesn't depend on $a$", indep),
        (r"so the update is $a \leftarrow a - \eta \cdot 2(p-n)$", update),
        (r"Then $\|a-p\|^2 = 0.2^2 + 0.4^2 = 0.2$", lambda: ap("0.2", np.sum((a - p) ** 2)) and ap("0.08", np.sum((a - n) ** 2))),
        (r"L = 0.2 - 0.08 + 0.2 = 0.32 > 0", lambda: ap("0.32", L(a, p, n))),
        (r"\frac{\partial L}{\partial a} = 2\left(\begin{pmatrix}0.8\\0.9\end{pmatrix}", lambda: close(ga, 2 * (np.array([0.8, 0.9]) - np.array([1.2, 0.3])))),
        (r"= \begin{pmatrix}-0.8\\1.2\end{pmatrix},", lambda: aps(["-0.8", "1.2"], ga)),
        (r"\frac{\partial L}{\partial n} = 2(a-n) = \begin{pmatrix}-0.4\\0.4\end{pmatrix}", lambda: aps(["-0.4", "0.4"], gn)),
        (r"\frac{\partial L}{\partial f} = \frac{1}{\|f\|}\left(I - a a^\top\right)", norm_chain),
    ]


# ======================================================================= 04
@claims("04_label_smoothing_blog_fr.md")
def c04():
    def softmax(z):
        e = np.exp(z - z.max())
        return e / e.sum()

    def q_of(K, y, eps):
        q = np.full(K, eps / K)
        q[y] += 1 - eps
        return q

    def Lq(z, q):
        return -np.sum(q * np.log(softmax(z)))

    def rand_case():
        K = int(RNG.integers(3, 7))
        return K, int(RNG.integers(K)), RNG.uniform(0.01, 0.3), RNG.normal(size=K)

    def qsum():
        return all(close(q_of(K, y, e).sum(), 1) for K, y, e, _ in (rand_case() for _ in range(10)))

    def dlogp():
        z = RNG.normal(size=5)
        J = np.stack([fd(lambda v: np.log(softmax(v))[k], z) for k in range(5)])
        return close(J, np.eye(5) - softmax(z)[None, :])

    def step(formula):
        def f():
            for _ in trials():
                K, y, e, z = rand_case()
                q = q_of(K, y, e)
                p = softmax(z)
                g = fd(lambda v: Lq(v, q), z)
                if not close(g, formula(p, q, K)):
                    return False
            return True
        return f

    def s1(p, q, K):
        return np.array([-np.sum(q * ((np.arange(K) == i) - p[i])) for i in range(K)])

    def s2(p, q, K):
        return -q + p * q.sum()

    def stationary():
        K, y, e = 4, 2, 0.15
        q = q_of(K, y, e)
        z = np.zeros(K)
        z[y] = np.log((1 - e + e / K) / (e / K))
        g = fd(lambda v: Lq(v, q), z)
        # and p == q there
        return close(g, 0, 1e-6, 1e-6) and close(softmax(z), q)

    def mixture():
        for _ in trials():
            K, y, e, z = rand_case()
            p = softmax(z)
            if not close(Lq(z, q_of(K, y, e)), (1 - e) * (-np.log(p[y])) + e * np.mean(-np.log(p))):
                return False
        return True

    z = np.array([2.0, 1.0, 0.1, -1.0])
    p = softmax(z)
    q = q_of(4, 0, 0.1)
    g = fd(lambda v: Lq(v, q), z)
    L = Lq(z, q)
    lp = np.log(p)
    return [
        (r"qui somme bien à $1$", qsum),
        (r"\dfrac{\partial \log p_k}{\partial z_i} = \delta_{ki} - p_i", dlogp),
        (r"&= -\sum_k q_k\,(\delta_{ki} - p_i)", step(s1)),
        (r"&= -q_i + p_i \sum_k q_k", step(s2)),
        (r"&= p_i - q_i .", step(lambda p, q, K: p - q)),
        (r"$z_y - z_k = \log\frac{1-\varepsilon+\varepsilon/K}{\varepsilon/K}$", stationary),
        (r"$\mathcal{L} = (1-\varepsilon)\,(-\log p_y)", mixture),
        (r"Exponentielles : $e^{z} = (7{,}389;", lambda: aps(["7,389", "2,718", "1,105", "0,3679"], np.exp(z)) and ap("11,58", np.exp(z).sum())),
        (r"Probabilités : $p = (0{,}6381;", lambda: aps(["0,6381", "0,2347", "0,09543", "0,03177"], p)),
        (r"Cible lissée : $q = (0{,}925;", lambda: aps(["0,925", "0,025", "0,025", "0,025"], q) and close(0.9 + 0.1 / 4, 0.925)),
        (r"\nabla_z \mathcal{L} = p - q = (-0{,}2869;", lambda: aps(["-0,2869", "0,2097", "0,07043", "0,006767"], g)),
        (r"Ses composantes somment à zéro", lambda: close(g.sum(), 0, 1e-6, 1e-6)),
        (r"$\log p = (-0{,}4493;", lambda: aps(["-0,4493", "-1,449", "-2,349", "-3,449"], lp)),
        (r"\approx 0{,}5968,", lambda: ap("0,5968", L) and ap("0,5968", 0.925 * 0.4493 + 0.025 * (1.449 + 2.349 + 3.449))),
        (r"contre $-\log p_1 = 0{,}4493$", lambda: ap("0,4493", -lp[0])),
        (r"$0{,}9 \times 0{,}4493 + 0{,}1 \times 1{,}924 \approx 0{,}5968$", lambda: ap("1,924", np.mean(-lp)) and ap("0,5968", 0.9 * 0.4493 + 0.1 * 1.924) and ap("0,5968", 0.9 * (-lp[0]) + 0.1 * np.mean(-lp))),
        (r"\log 37 \approx 3{,}611", lambda: close(0.925 / 0.025, 37) and ap("3,611", np.log(37))),
    ]


# ======================================================================= 05
@claims("05_maxpool_backward_examen.md")
def c05():
    X = np.array([[1, 3, 2, 0], [4, 2, 1, 5], [0, 1, 3, 2], [2, 6, 1, 1]], float)
    dY = np.array([[0.5, -1.0], [2.0, 0.3]])

    def pool(Xv):
        Y = np.zeros((2, 2))
        for i in range(2):
            for j in range(2):
                Y[i, j] = max(Xv[2 * i + a, 2 * j + b] for a in range(2) for b in range(2))
        return Y

    def argpos(i, j):
        blk = X[2 * i:2 * i + 2, 2 * j:2 * j + 2]
        a, b = np.unravel_index(np.argmax(blk), (2, 2))
        return (2 * i + a, 2 * j + b), blk.max(), sorted(blk.ravel().tolist())

    def blk(i, j, vals, mx, pos):
        def f():
            p, m, srt = argpos(i, j)
            return sorted(vals) == srt and m == mx and p == pos and np.sum(X[2 * i:2 * i + 2, 2 * j:2 * j + 2] == m) == 1
        return f

    dX = fd(lambda Xv: np.sum(dY * pool(Xv)), X, h=1e-4)

    def local_deriv():
        for i in range(2):
            for j in range(2):
                J = fd(lambda Xv: pool(Xv)[i, j], X, h=1e-4)
                E = np.zeros((4, 4))
                E[argpos(i, j)[0]] = 1
                if not close(J, E):
                    return False
        return True

    def chain():
        J = np.stack([fd(lambda Xv: pool(Xv)[i, j], X, h=1e-4) for i in range(2) for j in range(2)])
        return close(np.tensordot(dY.ravel(), J, 1), dX)

    def avgpool_grad():
        def avg(Xv):
            return np.sum(dY * Xv.reshape(2, 2, 2, 2).mean(axis=(1, 3)))
        g = fd(avg, X, h=1e-4)
        return close(g, np.kron(dY, np.ones((2, 2))) / 4)

    return [
        (r"Bloque $(0,0)$: $\max\{1,3,4,2\} = 4$, en la posición $(1,0)$", blk(0, 0, [1, 3, 4, 2], 4, (1, 0))),
        (r"Bloque $(0,1)$: $\max\{2,0,1,5\} = 5$, en la posición $(1,3)$", blk(0, 1, [2, 0, 1, 5], 5, (1, 3))),
        (r"Bloque $(1,0)$: $\max\{0,1,2,6\} = 6$, en la posición $(3,1)$", blk(1, 0, [0, 1, 2, 6], 6, (3, 1))),
        (r"Bloque $(1,1)$: $\max\{3,2,1,1\} = 3$, en la posición $(2,2)$", blk(1, 1, [3, 2, 1, 1], 3, (2, 2))),
        (r"Y = \begin{pmatrix} 4 & 5\\ 6 & 3 \end{pmatrix}", lambda: close(pool(X), [[4, 5], [6, 3]])),
        (r"1, & (k,l) = \operatorname{argmax}", local_deriv),
        (r"Por la regla de la cadena", chain),
        (r"0 & 0 & 0 & 0\\", lambda: close(dX[0], [0, 0, 0, 0])),
        (r"0.5 & 0 & 0 & -1.0\\", lambda: close(dX[1], [0.5, 0, 0, -1.0])),
        (r"0 & 0 & 0.3 & 0\\", lambda: close(dX[2], [0, 0, 0.3, 0])),
        (r"0 & 2.0 & 0 & 0", lambda: close(dX[3], [0, 2.0, 0, 0])),
        (r"$0.5 - 1.0 + 2.0 + 0.3 = 1.8 = \sum_{i,j}", lambda: ap("1.8", dX.sum()) and ap("1.8", dY.sum())),
        (r"Hay exactamente $4$ entradas no nulas", lambda: int(np.sum(np.abs(dX) > 1e-9)) == 4),
        (r"que es lo que haría *average pooling*", avgpool_grad),
    ]


# ======================================================================= 06
@claims("06_conv1x1_matmul_d2l.md")
def c06():
    ci, co, h, w = 3, 2, 4, 5
    Xt = RNG.normal(size=(ci, h, w))
    Kt = RNG.normal(size=(co, ci, 1, 1))
    b = RNG.normal(size=co)

    def conv_loop(Xv, Kv, bv):
        Y = np.zeros((co, h, w))
        for o in range(co):
            for r in range(h):
                for s in range(w):
                    Y[o, r, s] = sum(Kv[o, c, 0, 0] * Xv[c, r, s] for c in range(ci)) + bv[o]
        return Y

    def matmul_form():
        Xm = Xt.reshape(ci, h * w)
        Wm = Kt[:, :, 0, 0]
        Y = Wm @ Xm + np.outer(b, np.ones(h * w))
        return close(Y, conv_loop(Xt, Kt, b).reshape(co, h * w))

    Wm = RNG.normal(size=(co, ci))
    Xm = RNG.normal(size=(ci, 6))
    G = RNG.normal(size=(co, 6))

    def Lf(Wv, Xv, bv):
        return np.sum(G * (Wv @ Xv + np.outer(bv, np.ones(Xv.shape[1]))))

    bb = RNG.normal(size=co)
    gW = fd(lambda v: Lf(v, Xm, bb), Wm)
    gX = fd(lambda v: Lf(Wm, v, bb), Xm)
    gb = fd(lambda v: Lf(Wm, Xm, v), bb)

    W = np.array([[0.5, -1, 2], [1, 0, -0.5]])
    X = np.array([[1, 2], [0, -1], [3, 1.0]])
    dY = np.array([[1, -2], [0.5, 1.0]])

    def L2(Wv, Xv, bv):
        return np.sum(dY * (Wv @ Xv + np.outer(bv, np.ones(2))))

    z2 = np.zeros(2)

    def counts():
        # brute-force parameter count and multiply-add count with small sizes
        c_i, c_o, hh, ww = 5, 3, 4, 2
        params = c_o * c_i * 1 * 1 + c_o
        macs = 0
        for o in range(c_o):
            for r in range(hh):
                for s in range(ww):
                    for c in range(c_i):
                        macs += 1
        return params == c_o * c_i + c_o and macs == c_o * c_i * hh * ww

    def big():
        p = 256 * 64 * 1 * 1 + 64
        return p == 16448 and 256 * 64 + 64 == 16448

    def macs():
        return 56 * 56 == 3136 and 64 * 256 * 3136 == 51380224 and ap("51.4", 51380224 / 1e6)

    return [
        (r"\mathbf{Y} = \mathbf{W}\mathbf{X} + \mathbf{b}\mathbf{1}^\top", matmul_form),
        (r"\frac{\partial L}{\partial \mathbf{W}} = \frac{\partial L}{\partial \mathbf{Y}}\,\mathbf{X}^\top", lambda: close(gW, G @ Xm.T)),
        (r"\frac{\partial L}{\partial \mathbf{X}} = \mathbf{W}^\top \frac{\partial L}{\partial \mathbf{Y}}", lambda: close(gX, Wm.T @ G)),
        (r"\frac{\partial L}{\partial \mathbf{b}} = \frac{\partial L}{\partial \mathbf{Y}}\,\mathbf{1}.", lambda: close(gb, G @ np.ones(6))),
        (r"The weight gradient sums over pixels", lambda: close(gW, sum(np.outer(G[:, k], Xm[:, k]) for k in range(6)))),
        (r"\mathbf{W}\mathbf{X} = \begin{bmatrix} 6.5 & 4 \\ -0.5 & 1.5 \end{bmatrix}", lambda: close(W @ X, [[6.5, 4], [-0.5, 1.5]])),
        (r"\frac{\partial L}{\partial \mathbf{W}} = \begin{bmatrix} -3 & 2 & 1", lambda: close(fd(lambda v: L2(v, X, z2), W), [[-3, 2, 1], [2.5, -1, 2.5]])),
        (r"\frac{\partial L}{\partial \mathbf{X}} = \begin{bmatrix} 1 & 0 \\ -1 & 2", lambda: close(fd(lambda v: L2(W, v, z2), X), [[1, 0], [-1, 2], [1.75, -4.5]])),
        (r"\frac{\partial L}{\partial \mathbf{b}} = \begin{bmatrix} -1 \\ 1.5 \end{bmatrix}", lambda: close(fd(lambda v: L2(W, X, v), z2), [-1, 1.5])),
        (r"The layer has $c_\textrm{o} c_\textrm{i} + c_\textrm{o}$ parameters", counts),
        (r"$256 \cdot 64 + 64 = 16{,}448$", big),
        (r"$64 \cdot 256 \cdot 3136 = 51{,}380{,}224 \approx 51.4$", macs),
        (r"would need $9$ times as many weights, $147{,}456$", lambda: 3 * 3 * 256 * 64 == 147456 == 9 * 256 * 64),
    ]


# ======================================================================= 07
@claims("07_transposed_conv_size_zhihu.md")
def c07():
    def conv_out(i, k, s, p, d):
        # brute force: count valid window start positions on the padded input
        n = 0
        start = 0
        span = d * (k - 1) + 1
        while start + span <= i + 2 * p:
            n += 1
            start += s
        return n

    def tconv_out(i, k, s, p, a, d):
        # brute force scatter: input pixel m writes to m*s + j*d (before cropping)
        idx = [m * s + j * d for m in range(i) for j in range(k)]
        full = max(idx) + 1
        return full - 2 * p + a

    def rand_params(with_d=True):
        while True:
            i = int(RNG.integers(1, 20))
            k = int(RNG.integers(1, 7))
            s = int(RNG.integers(1, 4))
            d = int(RNG.integers(1, 4)) if with_d else 1
            p = int(RNG.integers(0, (d * (k - 1)) // 2 + 1))
            yield i, k, s, p, d

    def f_conv():
        g = rand_params()
        for _ in range(200):
            i, k, s, p, d = next(g)
            if i + 2 * p < d * (k - 1) + 1:
                continue
            if conv_out(i, k, s, p, d) != (i + 2 * p - d * (k - 1) - 1) // s + 1:
                return False
        return True

    def f_conv_d1():
        g = rand_params(False)
        for _ in range(200):
            i, k, s, p, d = next(g)
            if i + 2 * p < k:
                continue
            if conv_out(i, k, s, p, 1) != (i + 2 * p - k) // s + 1:
                return False
        return True

    def f_t(formula, with_a, with_d):
        def f():
            g = rand_params(with_d)
            for _ in range(300):
                i, k, s, p, d = next(g)
                a = int(RNG.integers(0, max(s, d))) if with_a else 0
                true = tconv_out(i, k, s, p, a, d)
                if true < 1:
                    continue
                if formula(i, k, s, p, a, d) != true:
                    return False
                # adjoint consistency: conv with same params maps o' back to i'
                if conv_out(true, k, s, p, d) != i:
                    return False
            return True
        return f

    def inverse_relation():
        # when divisible, i' = (o' + 2p - k)/s + 1 with o' the transposed output
        for i, k, s, p in [(3, 3, 2, 1), (4, 4, 2, 1), (5, 2, 2, 0), (7, 3, 1, 1)]:
            o = tconv_out(i, k, s, p, 0, 1)
            if (o + 2 * p - k) % s != 0 or (o + 2 * p - k) // s + 1 != i:
                return False
        return True

    def keff():
        return all(
            (max(j * d for j in range(k)) + 1) == d * (k - 1) + 1
            for k in range(1, 8) for d in range(1, 5)
        )

    def row(i, k, s, p, a, d, shown, shown_expr):
        def f():
            return tconv_out(i, k, s, p, a, d) == shown and shown_expr == shown
        return f

    return [
        (r"o = \left\lfloor \frac{i + 2p - d(k-1) - 1}{s} \right\rfloor + 1 .", f_conv),
        (r"$o = \lfloor (i + 2p - k)/s \rfloor + 1$", f_conv_d1),
        (r"$o = \lfloor (5+2-3)/2 \rfloor + 1 = 3$", lambda: conv_out(5, 3, 2, 1, 1) == 3),
        (r"由 $i' = \frac{o' + 2p - k}{s} + 1$ 解出", inverse_relation),
        (r"o' = (i' - 1)\,s - 2p + k .", f_t(lambda i, k, s, p, a, d: (i - 1) * s - 2 * p + k, False, False)),
        (r"$o' = 2\times 2 - 2 + 3 = 5$", lambda: tconv_out(3, 3, 2, 1, 0, 1) == 5 == 2 * 2 - 2 + 3),
        (r"$\lfloor (6+2-3)/2 \rfloor + 1 = 3$", lambda: conv_out(6, 3, 2, 1, 1) == 3 and conv_out(5, 3, 2, 1, 1) == 3),
        (r"o' = (i' - 1)\,s - 2p + k + a .", f_t(lambda i, k, s, p, a, d: (i - 1) * s - 2 * p + k + a, True, False)),
        (r"同样的参数得到 $o' = 6$", lambda: tconv_out(3, 3, 2, 1, 1, 1) == 6),
        (r"把 $k$ 换成有效核大小 $k_{\text{eff}} = d(k-1)+1$", keff),
        (r"o' = (i' - 1)\,s - 2p + d(k-1) + a .", f_t(lambda i, k, s, p, a, d: (i - 1) * s - 2 * p + d * (k - 1) + a, True, True)),
        (r"| 4 | 4 | 2 | 1 | 0 | 1 |", row(4, 4, 2, 1, 0, 1, 7, 3 * 2 - 2 + 3 + 0)),
        (r"| 3 | 3 | 2 | 1 | 1 | 1 |", row(3, 3, 2, 1, 1, 1, 5, 2 * 2 - 2 + 2 + 1)),
        (r"| 7 | 3 | 1 | 1 | 0 | 1 |", row(7, 3, 1, 1, 0, 1, 6, 6 * 1 - 2 + 2 + 0)),
        (r"| 5 | 3 | 2 | 0 | 0 | 2 |", row(5, 3, 2, 0, 0, 2, 12, 4 * 2 - 0 + 4 + 0)),
        (r"| 16 | 5 | 2 | 2 | 1 | 1 |", row(16, 5, 2, 2, 1, 1, 31, 15 * 2 - 4 + 4 + 1)),
    ]


# ======================================================================= 08
@claims("08_layernorm_numbers_qiita.md")
def c08():
    x = np.array([1.0, 2.0, 4.0, 9.0])
    eps = 1e-5
    mu = x.mean()
    var = np.mean((x - mu) ** 2)  # definition on the page: 1/H
    sd = np.sqrt(var + eps)
    xh = (x - mu) / sd
    g = np.array([1.0, 0.5, 2.0, 1.0])
    b = np.array([0.0, 0.1, 0.0, -0.2])
    y = g * xh + b
    return [
        (r"\mu = \frac{1.0 + 2.0 + 4.0 + 9.0}{4} = \frac{16}{4} = 4.0", lambda: ap("4.0", mu) and x.sum() == 16),
        (r"偏差は $\mathbf{x} - \mu = (-3,\ -2,\ 0,\ 5)^\top$", lambda: close(x - mu, [-3, -2, 0, 5])),
        (r"\sigma^2 = \frac{(-3)^2 + (-2)^2 + 0^2 + 5^2}{3}", lambda: ap("12.67", var)),
        (r"\sqrt{\sigma^2 + \epsilon} \approx 3.559", lambda: ap("3.559", sd)),
        (r"\approx (-0.8429,\ -0.5620,\ 0,\ 1.405)^\top", lambda: aps(["-0.8429", "-0.5620", "0", "1.405"], xh)),
        (r"\mathbf{y} = \gamma \odot \hat{\mathbf{x}} + \beta \approx", lambda: aps(["-0.8429", "-0.1810", "0", "1.205"], y)),
        (r"の成分の和は $-0.8429 - 0.5620 + 0 + 1.405 \approx 0$", lambda: ap("0", xh.sum(), 1e-3) and abs(-0.8429 - 0.5620 + 1.405) < 1e-3),
    ]


# ======================================================================= 09
@claims("09_adam_bias_correction_notebook.md")
def c09():
    a, b1, b2, e = 1e-3, 0.9, 0.999, 1e-8
    gs = [0.4, 0.3, -0.1]
    m = v = 0.0
    th = 1.0
    R = {}
    for t, gg in enumerate(gs, 1):
        m = b1 * m + (1 - b1) * gg
        v = b2 * v + (1 - b2) * gg * gg
        mh = m / (1 - b1 ** t)
        vh = v / (1 - b2 ** t)
        up = a * mh / (np.sqrt(vh) + e)
        th = th - up
        R[t] = dict(m=m, v=v, mh=mh, vh=vh, sv=np.sqrt(vh), up=up, th=th)

    def unroll():
        for t in range(1, 8):
            gg = RNG.normal()
            mm = 0.0
            for _ in range(t):
                mm = b1 * mm + (1 - b1) * gg
            s = (1 - b1) * sum(b1 ** (t - k) * gg for k in range(1, t + 1))
            if not (close(mm, s, 1e-12, 1e-14) and close(s, (1 - b1 ** t) * gg, 1e-12, 1e-14)):
                return False
        return True

    def first_step():
        for gg in [1e-3, 0.05, 3.0, -40.0]:
            mm = (1 - b1) * gg
            vv = (1 - b2) * gg * gg
            st = a * (mm / (1 - b1)) / (np.sqrt(vv / (1 - b2)) + e)
            if not close(abs(st), a, 1e-3, 0):
                return False
        return True

    r1, r2, r3 = R[1], R[2], R[3]
    return [
        (r"= (1-\beta_1^{\,t})\,g$, so dividing by", unroll),
        (r"- $m_1 = 0.1 \times 0.4 = 0.04$", lambda: ap("0.04", r1["m"]) and ap("0.00016", r1["v"])),
        (r"- $\hat m_1 = 0.04 / 0.1 = 0.4$", lambda: ap("0.4", r1["mh"]) and ap("0.16", r1["vh"])),
        (r"- $\theta_1 = 1.0 - 0.001", lambda: ap("0.999", r1["th"], 1e-6)),
        (r"the very first step always has magnitude $\approx \alpha$", first_step),
        (r"- $m_2 = 0.9 \times 0.04 + 0.1 \times 0.3 = 0.066$", lambda: ap("0.066", r2["m"])),
        (r"- $v_2 = 0.999 \times 0.00016 + 0.001 \times 0.09 = 0.00024984$", lambda: ap("0.00024984", r2["v"])),
        (r"- $\hat m_2 = 0.066 / (1 - 0.9^2) = 0.066 / 0.19 = 0.34737$", lambda: ap("0.19", 1 - b1 ** 2) and ap("0.34737", r2["mh"])),
        (r"- $\hat v_2 = 0.00024984 / (1 - 0.999^2)", lambda: ap("0.001999", 1 - b2 ** 2) and ap("0.12498", r2["vh"]) and ap("0.35353", r2["sv"])),
        (r"- update $= 0.001 \times 0.34737 / 0.35353 = 0.0009826$", lambda: ap("0.0009826", r2["up"]) and ap("0.9980174", r2["th"])),
        (r"- $m_3 = 0.9 \times 0.066 + 0.1 \times (-0.1)", lambda: ap("0.0494", r3["m"]) and ap("0.0594", 0.9 * 0.066)),
        (r"- $v_3 = 0.999 \times 0.00024984 + 0.001 \times 0.01 = 0.00025959$", lambda: ap("0.00025959", r3["v"])),
        (r"- $\hat m_3 = 0.0494 / (1 - 0.9^2)", lambda: ap("0.26", r3["mh"])),
        (r"- $\hat v_3 = 0.00025959 / (1 - 0.999^3)", lambda: ap("0.002997", 1 - b2 ** 3) and ap("0.08662", r3["vh"]) and ap("0.29431", r3["sv"])),
        (r"- update $= 0.001 \times 0.26 / 0.29431 = 0.0008834$", lambda: ap("0.0008834", r3["up"])),
        (r"- $\theta_3 = 0.9980174 - 0.0008834 = 0.9971340$", lambda: ap("0.9971340", r3["th"])),
        (r"but $m_3 > 0$, so $\theta$ still decreases", lambda: r3["m"] > 0 and r3["up"] > 0 and gs[2] < 0),
        (r"never exceeds $\alpha$ here because", lambda: all(abs(R[t]["mh"]) <= R[t]["sv"] + 1e-12 and abs(R[t]["up"]) <= a for t in (1, 2, 3))),
        (r"$0.001 \times 0.04/\sqrt{0.00016} = 0.00316$", lambda: ap("0.00316", a * r1["m"] / np.sqrt(r1["v"])) and a * r1["m"] / np.sqrt(r1["v"]) > 3 * a),
    ]


# ======================================================================= 10
@claims("10_logreg_hessian_prml.md")
def c10():
    Nn, M = 7, 3
    P = RNG.normal(size=(Nn, M))
    t = (RNG.uniform(size=Nn) < 0.5).astype(float)
    w0 = RNG.normal(size=M) * 0.5

    def E(w):
        y = sig(P @ w)
        return -np.sum(t * np.log(y) + (1 - t) * np.log(1 - y))

    def gradE(w):
        return P.T @ (sig(P @ w) - t)

    def negloglik():
        y = sig(P @ w0)
        lik = np.prod(y ** t * (1 - y) ** (1 - t))
        return close(-np.log(lik), E(w0))

    def dsig():
        a = RNG.normal(size=5)
        return close(np.array([fd(lambda v: sig(v[0]), [ai])[0] for ai in a]), sig(a) * (1 - sig(a)))

    def dy():
        n = 2
        y = sig(P[n] @ w0)
        return close(fd(lambda w: sig(P[n] @ w), w0), y * (1 - y) * P[n])

    def grad_first():
        y = sig(P @ w0)
        expr = sum((-t[n] / y[n] + (1 - t[n]) / (1 - y[n])) * y[n] * (1 - y[n]) * P[n] for n in range(Nn))
        return close(fd(E, w0), expr)

    def grad_rest():
        y = sig(P @ w0)
        return close(fd(E, w0), sum((y[n] - t[n]) * P[n] for n in range(Nn))) and close(fd(E, w0), P.T @ (y - t))

    def hess():
        y = sig(P @ w0)
        Hfd = fdJ(gradE, w0)
        Hs = sum(y[n] * (1 - y[n]) * np.outer(P[n], P[n]) for n in range(Nn))
        Rm = np.diag(y * (1 - y))
        return close(Hfd, Hs) and close(Hs, P.T @ Rm @ P)

    def quad():
        y = sig(P @ w0)
        H = P.T @ np.diag(y * (1 - y)) @ P
        for _ in range(10):
            u = RNG.normal(size=M)
            q = np.sum(y * (1 - y) * (P @ u) ** 2)
            if not (close(u @ H @ u, q) and q > 0):
                return False
        return np.all(np.linalg.eigvalsh(H) > 0)

    def newton():
        y = sig(P @ w0)
        Rm = np.diag(y * (1 - y))
        H = P.T @ Rm @ P
        z = P @ w0 - np.linalg.solve(Rm, y - t)
        wn = np.linalg.solve(P.T @ Rm @ P, P.T @ Rm @ z)
        return close(wn, w0 - np.linalg.solve(H, gradE(w0)))

    Ph = np.array([[1, 0.5], [1, -1], [1, 2.0]])
    th = np.array([1, 0, 1.0])
    wo = np.array([0.2, -0.4])
    a = Ph @ wo
    y = sig(a)
    Rv = y * (1 - y)

    def E2(w):
        yy = sig(Ph @ w)
        return -np.sum(th * np.log(yy) + (1 - th) * np.log(1 - yy))

    g = fd(E2, wo)
    H = np.stack([fd(lambda w: fd(E2, w, 1e-5)[k], wo, 1e-4) for k in range(2)])
    Hx = Ph.T @ np.diag(Rv) @ Ph
    ev = np.linalg.eigvalsh(Hx)
    wn = wo - np.linalg.solve(Hx, Ph.T @ (y - th))
    return [
        (r"E(\mathbf{w}) = -\ln p(\mathsf{t}|\mathbf{w}) = -\sum_{n=1}^{N}", negloglik),
        (r"$\dfrac{d\sigma}{da} = \sigma(1-\sigma)$", dsig),
        (r"we have $\nabla y_n = y_n(1-y_n)\boldsymbol{\phi}_n$", dy),
        (r"\nabla E(\mathbf{w}) = \sum_{n=1}^{N}\left\{-\frac{t_n}{y_n}", grad_first),
        (r"= \sum_{n=1}^{N}(y_n - t_n)\boldsymbol{\phi}_n = \boldsymbol{\Phi}^{\mathrm{T}}(\mathbf{y} - \mathsf{t})", grad_rest),
        (r"\mathbf{H} = \nabla\nabla E(\mathbf{w}) = \sum_{n=1}^{N} y_n(1-y_n)", hess),
        (r"$\mathbf{u}^{\mathrm{T}}\mathbf{H}\mathbf{u} = \sum_n y_n(1-y_n)", quad),
        (r"\mathbf{w}^{(\text{new})} = (\boldsymbol{\Phi}^{\mathrm{T}}\mathbf{R}\boldsymbol{\Phi})^{-1}", newton),
        (r"\mathbf{z} = \boldsymbol{\Phi}\mathbf{w}^{(\text{old})} - \mathbf{R}^{-1}(\mathbf{y} - \mathsf{t})", newton),
        (r"Then $\mathbf{a} = \boldsymbol{\Phi}\mathbf{w} = (0,\ 0.6,\ -0.6)", lambda: close(a, [0, 0.6, -0.6]) and aps(["0.5", "0.6457", "0.3543"], y)),
        (r"and $\mathbf{R} = \operatorname{diag}(0.25,\ 0.2288,\ 0.2288)$", lambda: aps(["0.25", "0.2288", "0.2288"], Rv)),
        (r"\nabla E = \begin{pmatrix} -0.5 \\ -2.187 \end{pmatrix}", lambda: aps(["-0.5", "-2.187"], g)),
        (r"\mathbf{H} = \begin{pmatrix} 0.7076 & 0.3538 \\ 0.3538 & 1.206 \end{pmatrix}", lambda: aps(["0.7076", "0.3538", "0.3538", "1.206"], Hx) and close(H, Hx, 1e-4, 1e-5)),
        (r"with $\det \mathbf{H} = 0.7285 > 0$ and eigenvalues $0.5241$ and $1.390$", lambda: ap("0.7285", np.linalg.det(Hx)) and aps(["0.5241", "1.390"], ev)),
        (r"One Newton step gives $\mathbf{w}^{(\text{new})} = (-0.0341,\ 1.481)", lambda: aps(["-0.0341", "1.481"], wn)),
    ]


# ======================================================================= 11
@claims("11_rnn_bptt_konspekt.md")
def c11():
    X = [1.0, 0.5, -1.0]
    Y = 0.5

    def fwd(w, u, x=X, y=Y, pert_a=None, pert_h=None):
        h = [0.0]
        a = [None]
        for t in range(1, 4):
            at = w * h[-1] + u * x[t - 1]
            if pert_a is not None and pert_a[0] == t:
                at += pert_a[1]
            ht = np.tanh(at)
            if pert_h is not None and pert_h[0] == t:
                ht += pert_h[1]
            a.append(at)
            h.append(ht)
        return a, h, 0.5 * (h[3] - y) ** 2

    def dL_da(w, u, t, x=X, y=Y):
        eps = 1e-6
        return (fwd(w, u, x, y, (t, eps))[2] - fwd(w, u, x, y, (t, -eps))[2]) / (2 * eps)

    def rand_case():
        return RNG.uniform(-1.5, 1.5), RNG.uniform(-1.5, 1.5), list(RNG.normal(size=3)), RNG.normal()

    def tanh_d():
        a = RNG.normal(size=5)
        return close([fd(lambda v: np.tanh(v[0]), [ai])[0] for ai in a], 1 - np.tanh(a) ** 2)

    def delta3():
        for _ in trials():
            w, u, x, y = rand_case()
            _, h, _ = fwd(w, u, x, y)
            if not close(dL_da(w, u, 3, x, y), (h[3] - y) * (1 - h[3] ** 2)):
                return False
        return True

    def rec():
        for _ in trials():
            w, u, x, y = rand_case()
            _, h, _ = fwd(w, u, x, y)
            for t in (2, 1):
                if not close(dL_da(w, u, t, x, y), dL_da(w, u, t + 1, x, y) * w * (1 - h[t] ** 2)):
                    return False
        return True

    def dw():
        for _ in trials():
            w, u, x, y = rand_case()
            _, h, _ = fwd(w, u, x, y)
            s = sum(dL_da(w, u, t, x, y) * h[t - 1] for t in (1, 2, 3))
            if not close(fd(lambda v: fwd(v[0], u, x, y)[2], [w])[0], s):
                return False
        return True

    def du():
        for _ in trials():
            w, u, x, y = rand_case()
            s = sum(dL_da(w, u, t, x, y) * x[t - 1] for t in (1, 2, 3))
            if not close(fd(lambda v: fwd(w, v[0], x, y)[2], [u])[0], s):
                return False
        return True

    w, u = 0.5, 1.0
    a, h, L = fwd(w, u)
    d = {t: dL_da(w, u, t) for t in (1, 2, 3)}
    gw = fd(lambda v: fwd(v[0], u)[2], [w])[0]
    gu = fd(lambda v: fwd(w, v[0])[2], [u])[0]

    def dh3dh1():
        eps = 1e-6
        hp = fwd(w, u, pert_h=(1, eps))[1][3]
        hm = fwd(w, u, pert_h=(1, -eps))[1][3]
        true = (hp - hm) / (2 * eps)
        return close(true, w ** 2 * (1 - h[3] ** 2) * (1 - h[2] ** 2)) and ap("0,0845", true) and ap("0,0845", 0.25 * 0.6758 * 0.5004)

    return [
        (r"a_1 &= 0{,}5 \cdot 0 + 1{,}0 = 1{,}0, & h_1 &= \tanh(1{,}0) = 0{,}7616", lambda: ap("1,0", a[1]) and ap("0,7616", h[1])),
        (r"a_2 &= 0{,}5 \cdot 0{,}7616 + 0{,}5 = 0{,}8808", lambda: ap("0,8808", a[2]) and ap("0,7068", h[2]) and ap("0,8808", 0.5 * 0.7616 + 0.5)),
        (r"a_3 &= 0{,}5 \cdot 0{,}7068 - 1{,}0 = -0{,}6466", lambda: ap("-0,6466", a[3]) and ap("-0,5694", h[3]) and ap("-0,6466", 0.5 * 0.7068 - 1.0)),
        (r"Потери: $L = \frac12(-0{,}5694 - 0{,}5)^2", lambda: ap("1,1436", (h[3] - Y) ** 2) and ap("0,5718", L)),
        (r"Поскольку $\tanh'(a) = 1 - \tanh^2(a)$", tanh_d),
        (r"\delta_3 = (h_3 - y)(1 - h_3^2).", delta3),
        (r"\delta_t = \delta_{t+1}\, w\, (1 - h_t^2), \qquad t = 2, 1.", rec),
        (r"\frac{\partial L}{\partial w} = \sum_{t=1}^{3} \delta_t\, h_{t-1}", dw),
        (r"\frac{\partial L}{\partial u} = \sum_{t=1}^{3} \delta_t\, x_t .", du),
        (r"- $1 - h_3^2 = 0{,}6758$", lambda: ap("0,6758", 1 - h[3] ** 2) and ap("-1,0694", h[3] - Y) and ap("-0,7227", d[3]) and ap("-0,7227", -1.0694 * 0.6758)),
        (r"- $1 - h_2^2 = 0{,}5004$", lambda: ap("0,5004", 1 - h[2] ** 2) and ap("-0,1808", d[2]) and ap("-0,1808", -0.7227 * 0.5 * 0.5004)),
        (r"- $1 - h_1^2 = 0{,}4200$", lambda: ap("0,4200", 1 - h[1] ** 2) and ap("-0,03797", d[1]) and ap("-0,03797", -0.1808 * 0.5 * 0.4200, 6e-6)),
        (r"= -0{,}7227 \cdot 0{,}7068 - 0{,}1808 \cdot 0{,}7616 + 0 = -0{,}6485", lambda: ap("-0,6485", gw) and ap("-0,6485", -0.7227 * 0.7068 - 0.1808 * 0.7616)),
        (r"= 0{,}7227 - 0{,}09041 - 0{,}03797 = 0{,}5943", lambda: ap("0,5943", gu) and ap("-0,09041", d[2] * X[1]) and ap("0,7227", d[3] * X[2]) and ap("0,5943", 0.7227 - 0.09041 - 0.03797)),
        (r"$\frac{\partial h_3}{\partial h_1} = w^2 (1 - h_3^2)(1 - h_2^2)", dh3dh1),
    ]


# ======================================================================= 12
@claims("12_he_init_werkcollege.md")
def c12():
    S = 400000

    def mc_close(a, b, rel=0.03):
        return abs(a - b) <= rel * abs(b)

    def step1():
        n = 16
        w = RNG.normal(0, 0.3, size=(S // 4, n))
        x = np.maximum(0, RNG.normal(0, 1.2, size=(S // 4, n)))
        yv = np.sum(w * x, 1)
        return mc_close(yv.var(), n * np.var(w * x))

    def step2():
        # general identity with nonzero means, then the E[w]=0 case
        w = RNG.normal(0.7, 0.5, S)
        x = RNG.exponential(1.3, S)
        ok1 = mc_close(np.var(w * x), np.mean(w ** 2) * np.mean(x ** 2) - (w.mean() * x.mean()) ** 2, 0.02)
        w0 = RNG.normal(0, 0.5, S)
        ok2 = mc_close(np.var(w0 * x), 0.25 * np.mean(x ** 2), 0.03)
        return ok1 and ok2

    def relu_mean():
        x = np.maximum(0, RNG.normal(0, 1, S))
        return x.mean() > 0.3

    def step3():
        ok = True
        for yv in (RNG.normal(0, 1.7, S), RNG.uniform(-2, 2, S), RNG.laplace(0, 0.8, S)):
            ok &= mc_close(np.mean(np.maximum(0, yv) ** 2), 0.5 * np.mean(yv ** 2), 0.02)
            ok &= mc_close(0.5 * np.mean(yv ** 2), 0.5 * np.var(yv), 0.02)
        return bool(ok)

    def half_mass():
        yv = RNG.normal(0, 1, S)
        return abs(np.mean(yv > 0) - 0.5) < 0.005

    def simulate(widths, var_w, trials_n=6000, v1=1.0):
        # y_1 ~ N(0, v1) components; then layers l = 2..L with fan-in widths[l]
        out = []
        for _ in range(trials_n):
            y = RNG.normal(0, np.sqrt(v1), widths[0])
            for l in range(1, len(widths)):
                W = RNG.normal(0, np.sqrt(var_w[l]), (widths[l], widths[l - 1]))
                y = W @ np.maximum(0, y)
            out.append(y)
        return np.var(np.concatenate(out))

    def step4_rec():
        widths = [64, 48]
        vw = [None, 0.05]
        v = simulate(widths, vw, 8000, 1.3)
        return mc_close(v, 0.5 * 64 * 0.05 * 1.3, 0.04)

    def step4_prod():
        widths = [40, 30, 50, 20]
        vw = [None, 0.07, 0.04, 0.06]
        v = simulate(widths, vw, 6000, 0.8)
        pred = 0.8 * np.prod([0.5 * widths[l - 1] * vw[l] for l in range(1, 4)])
        return mc_close(v, pred, 0.06)

    def he_cond():
        n = 300
        return close(0.5 * n * (2 / n), 1) and close(np.sqrt(2 / n) ** 2, 2 / n)

    def uniform_var():
        aa = 0.37
        u = RNG.uniform(-aa, aa, S)
        n = 576
        return mc_close(u.var(), aa ** 2 / 3, 0.02) and close(np.sqrt(6 / n) ** 2 / 3, 2 / n)

    def backward_fanout():
        n_in, n_out = 30, 80
        vals = []
        for _ in range(3000):
            dx_next = RNG.normal(0, 1, n_out)
            mask = RNG.uniform(size=n_out) < 0.5
            dy = dx_next * mask
            W = RNG.normal(0, np.sqrt(2 / n_out), (n_out, n_in))
            vals.append(W.T @ dy)
        return mc_close(np.var(np.concatenate(vals)), 1.0, 0.04)

    def var_1_over_n():
        widths = [100] * 6
        vw = [None] + [1 / 100] * 5
        v = simulate(widths, vw, 3000, 1.0)
        return mc_close(v, 0.5 ** 5, 0.08) and ap("9,537", 2.0 ** -20 * 1e7)

    return [
        (r"\operatorname{Var}[y_l] = n_l \operatorname{Var}[w_l x_l].", step1),
        (r"\operatorname{Var}[w x] = \mathbb{E}[w^2]\,\mathbb{E}[x^2]", step2),
        (r"want na een ReLU is $\mathbb{E}[x] \neq 0$", relu_mean),
        (r"\mathbb{E}[x_l^2] = \mathbb{E}\big[\max(0, y_{l-1})^2\big]", step3),
        (r"want precies de helft van de kansmassa", half_mass),
        (r"\operatorname{Var}[y_l] = \tfrac12\, n_l \operatorname{Var}[w_l]\, \operatorname{Var}[y_{l-1}],", step4_rec),
        (r"\operatorname{Var}[y_L] = \operatorname{Var}[y_1] \prod_{l=2}^{L}", step4_prod),
        (r"\tfrac12\, n_l \operatorname{Var}[w_l] = 1 \quad\Longrightarrow", he_cond),
        (r"Volledig verbonden laag met $n_l = 512$", lambda: ap("0,003906", 2 / 512) and ap("0,0625", np.sqrt(2 / 512))),
        (r"$n_l = 3 \cdot 3 \cdot 64 = 576$", lambda: 3 * 3 * 64 == 576 and ap("0,05893", np.sqrt(2 / 576))),
        (r"Uniforme variant $U(-a, a)$", lambda: uniform_var() and ap("0,1021", np.sqrt(6 / 576))),
        (r"$512 \to 512$ laag $1/512 = 0{,}001953$", lambda: close(2 / (512 + 512), 1 / 512) and ap("0,001953", 1 / 512) and close(1 / 512, 0.5 * 2 / 512)),
        (r"na $20$ lagen is er een factor", var_1_over_n),
        (r"$\operatorname{Var}[w_l] = 2/\hat n_l$ met $\hat n_l$ de fan-out", backward_fanout),
    ]


# ======================================================================= 13
@claims("13_kl_diag_gaussians_goodfellow.md")
def c13():
    def logN(x, m, s):
        return -0.5 * np.log(2 * np.pi * s ** 2) - (x - m) ** 2 / (2 * s ** 2)

    def kl_num(mp, sp, mq, sq):
        x = np.linspace(mp - 12 * sp, mp + 12 * sp, 200001)
        px = np.exp(logN(x, mp, sp))
        return np.trapezoid(px * (logN(x, mp, sp) - logN(x, mq, sq)), x)

    def E_num(f, mp, sp):
        x = np.linspace(mp - 12 * sp, mp + 12 * sp, 200001)
        return np.trapezoid(np.exp(logN(x, mp, sp)) * f(x), x)

    def kl_closed(mp, sp, mq, sq):
        return np.sum(np.log(sq / sp) + (sp ** 2 + (mp - mq) ** 2) / (2 * sq ** 2) - 0.5)

    def rand():
        return RNG.normal(), RNG.uniform(0.3, 2), RNG.normal(), RNG.uniform(0.3, 2)

    def logdens():
        from math import erf  # noqa: F401  (only stdlib)
        x, m, s = 0.7, -0.2, 1.3
        direct = np.log(np.exp(-(x - m) ** 2 / (2 * s * s)) / np.sqrt(2 * np.pi * s * s))
        return close(logN(x, m, s), direct)

    def logdens_q():
        x, m, s = -1.1, 0.4, 0.6
        direct = np.log(np.exp(-(x - m) ** 2 / (2 * s * s)) / np.sqrt(2 * np.pi * s * s))
        return close(logN(x, m, s), direct)

    def moments():
        for _ in range(4):
            mp, sp, mq, sq = rand()
            if not (close(E_num(lambda x: (x - mp) ** 2, mp, sp), sp ** 2, 1e-6, 1e-8)
                    and close(E_num(lambda x: (x - mq) ** 2, mp, sp), sp ** 2 + (mp - mq) ** 2, 1e-6, 1e-8)):
                return False
        return True

    def kl_form1():
        for _ in range(4):
            mp, sp, mq, sq = rand()
            f1 = 0.5 * np.log(sq ** 2 / sp ** 2) - 0.5 + (sp ** 2 + (mp - mq) ** 2) / (2 * sq ** 2)
            if not close(kl_num(mp, sp, mq, sq), f1, 1e-6, 1e-8):
                return False
        return True

    def kl_form2():
        for _ in range(4):
            mp, sp, mq, sq = rand()
            f2 = np.log(sq / sp) + (sp ** 2 + (mp - mq) ** 2) / (2 * sq ** 2) - 0.5
            if not close(kl_num(mp, sp, mq, sq), f2, 1e-6, 1e-8):
                return False
        return True

    def diag_sum():
        # Monte Carlo on a 3-d diagonal Gaussian vs the sum formula
        mp, mq = RNG.normal(size=3), RNG.normal(size=3)
        sp, sq = RNG.uniform(0.5, 1.5, 3), RNG.uniform(0.5, 1.5, 3)
        x = mp + sp * RNG.normal(size=(400000, 3))
        mc = np.mean(np.sum(logN(x, mp, sp) - logN(x, mq, sq), 1))
        return abs(mc - kl_closed(mp, sp, mq, sq)) < 0.01

    def grad_mu(claim):
        def f():
            for _ in range(5):
                mp, mq = RNG.normal(size=3), RNG.normal(size=3)
                sp, sq = RNG.uniform(0.4, 2, 3), RNG.uniform(0.4, 2, 3)
                g = fd(lambda v: kl_closed(v, sp, mq, sq), mp)
                if not close(g, claim(mp, sp, mq, sq)):
                    return False
            return True
        return f

    def grad_sigma():
        for _ in range(5):
            mp, mq = RNG.normal(size=3), RNG.normal(size=3)
            sp, sq = RNG.uniform(0.4, 2, 3), RNG.uniform(0.4, 2, 3)
            g = fd(lambda v: kl_closed(mp, v, mq, sq), sp)
            if not close(g, -1 / sp + sp / sq ** 2):
                return False
        return True

    def vanish():
        mp, mq = RNG.normal(size=2), RNG.normal(size=2)
        sq = RNG.uniform(0.4, 2, 2)
        return close(fd(lambda v: kl_closed(mp, v, mq, sq), sq.copy()), 0, 1e-6, 1e-6)

    mp = np.array([0.5, -1.0])
    sp = np.array([0.8, 1.5])
    mq = np.array([0.0, 0.5])
    sq = np.array([1.0, 2.0])
    terms = np.log(sq / sp) + (sp ** 2 + (mp - mq) ** 2) / (2 * sq ** 2) - 0.5

    def example():
        return (aps(["0.2231", "0.2877"], np.log(sq / sp))
                and aps(["0.4450", "0.5625"], (sp ** 2 + (mp - mq) ** 2) / (2 * sq ** 2))
                and aps(["0.1681", "0.3502"], terms) and ap("0.5183", terms.sum())
                and ap("0.5183", kl_num(0.5, 0.8, 0.0, 1.0) + kl_num(-1.0, 1.5, 0.5, 2.0)))

    gmu = fd(lambda v: kl_closed(v, sp, mq, sq), mp)
    gsd = fd(lambda v: kl_closed(mp, v, mq, sq), sp)

    def vae():
        m = RNG.normal(size=3)
        s = RNG.uniform(0.4, 2, 3)
        g = fd(lambda v: kl_closed(v, s, np.zeros(3), np.ones(3)), m)
        return close(g, m / s ** 2)

    def asym():
        return abs(kl_closed(mp, sp, mq, sq) - kl_closed(mq, sq, mp, sp)) > 1e-3

    return [
        (r"= \mathbb{E}_{\mathrm{x} \sim P}\left[\log P(x) - \log Q(x)\right].", lambda: close(np.log(0.3 / 0.7), np.log(0.3) - np.log(0.7))),
        (r"\log P(x) = -\frac{1}{2}\log(2\pi\sigma_p^2) - \frac{(x - \mu_p)^2}{2\sigma_p^2},", logdens),
        (r"\log Q(x) = -\frac{1}{2}\log(2\pi\sigma_q^2) - \frac{(x - \mu_q)^2}{2\sigma_q^2}.", logdens_q),
        (r"Under $\mathrm{x} \sim P$ we have $\mathbb{E}[(x - \mu_p)^2] = \sigma_p^2$", moments),
        (r"$\mathbb{E}[(x - \mu_q)^2] = \sigma_p^2 + (\mu_p - \mu_q)^2$", moments),
        (r"D_{\mathrm{KL}}(P \| Q) &= \frac{1}{2}\log\frac{\sigma_q^2}{\sigma_p^2}", kl_form1),
        (r"&= \log\frac{\sigma_q}{\sigma_p} + \frac{\sigma_p^2 + (\mu_p - \mu_q)^2}{2\sigma_q^2} - \frac{1}{2}.", kl_form2),
        (r"D_{\mathrm{KL}}(P \| Q) = \sum_{i=1}^{n}\left[", diag_sum),
        (r"$0.2231 + 0.4450 - 0.5 = 0.1681$", example),
        (r"\frac{\partial D_{\mathrm{KL}}}{\partial \mu_{p,i}} = \frac{\mu_{p,i} - \mu_{q,i}}{\sigma_{p,i}^2}", grad_mu(lambda mp, sp, mq, sq: (mp - mq) / sp ** 2)),
        (r"\nabla_{\boldsymbol{\mu}_p} D_{\mathrm{KL}} = (\boldsymbol{\mu}_p - \boldsymbol{\mu}_q) \oslash", grad_mu(lambda mp, sp, mq, sq: (mp - mq) / sp ** 2)),
        (r"\frac{\partial D_{\mathrm{KL}}}{\partial \sigma_{p,i}} = -\frac{1}{\sigma_{p,i}} + \frac{\sigma_{p,i}}{\sigma_{q,i}^2}", grad_sigma),
        (r"which vanishes at $\sigma_{p,i} = \sigma_{q,i}$", vanish),
        (r"D_{\mathrm{KL}} = (0.7813, -0.6667)^\top", lambda: aps(["0.7813", "-0.6667"], gmu)),
        (r"D_{\mathrm{KL}} = (-0.45, -0.2917)^\top", lambda: aps(["-0.45", "-0.2917"], gsd)),
        (r"mean becomes $\boldsymbol{\mu}_p \oslash \boldsymbol{\sigma}_p^2$", vae),
        (r"$D_{\mathrm{KL}}(P\|Q) \neq D_{\mathrm{KL}}(Q\|P)$ in general", asym),
    ]


# ======================================================================= 14
@claims("14_grad_clip_global_norm_velog.md")
def c14():
    gs = [np.array([0.6, -0.8, 1.2]), np.array([2.0, -1.5]), np.array([0.3, 0.4, -2.4, 1.1])]
    c = 1.0
    eps = 1e-6
    tot = np.sqrt(sum(np.sum(g ** 2) for g in gs))
    coef = c / (tot + eps)
    clipped = [g * min(1, coef) for g in gs]

    def global_def():
        parts = [RNG.normal(size=k) for k in (3, 5, 2)]
        return close(np.linalg.norm(np.concatenate(parts)), np.sqrt(sum(np.sum(p ** 2) for p in parts)))

    def direction():
        parts = [RNG.normal(size=k) * 3 for k in (3, 5, 2)]
        n = np.linalg.norm(np.concatenate(parts))
        cf = 1.0 / (n + eps)
        v = np.concatenate(parts)
        cv = np.concatenate([p * min(1, cf) for p in parts])
        cos = v @ cv / (np.linalg.norm(v) * np.linalg.norm(cv))
        # per-tensor clipping changes the direction
        pt = np.concatenate([p * min(1, 1.0 / np.linalg.norm(p)) for p in parts])
        cos_pt = v @ pt / (np.linalg.norm(v) * np.linalg.norm(pt))
        return close(cos, 1, 1e-9, 1e-9) and close(np.linalg.norm(cv), 1.0, 1e-5, 1e-5) and cos_pt < 1 - 1e-6

    def pertensor():
        cos_pt = None
        v = np.concatenate(gs)
        pt = np.concatenate([g * min(1, 1.0 / np.linalg.norm(g)) for g in gs])
        cos_pt = v @ pt / (np.linalg.norm(v) * np.linalg.norm(pt))
        return cos_pt < 1 - 1e-6

    shown_clipped = [np.array([0.1554, -0.2072, 0.3108]), np.array([0.5180, -0.3885]), np.array([0.0777, 0.1036, -0.6216, 0.2849])]
    return [
        (r"\|\mathbf{g}\|_{\text{global}} = \sqrt{\sum_{j=1}^{k} \|\mathbf{g}_j\|_2^2}", global_def),
        (r"크기만 $c$로 줄어듭니다", direction),
        (r"\|\mathbf{g}_{W_1}\|^2 &= 0.36 + 0.64 + 1.44 = 2.44", lambda: ap("2.44", np.sum(gs[0] ** 2)) and aps(["0.36", "0.64", "1.44"], gs[0] ** 2)),
        (r"\|\mathbf{g}_{b_1}\|^2 &= 4.00 + 2.25 = 6.25", lambda: ap("6.25", np.sum(gs[1] ** 2))),
        (r"\|\mathbf{g}_{W_2}\|^2 &= 0.09 + 0.16 + 5.76 + 1.21", lambda: aps(["0.09", "0.16", "5.76", "1.21"], gs[2] ** 2) and ap("6.22", np.sum(gs[2] ** 2))),
        (r"= \sqrt{14.91} \approx 3.861", lambda: ap("14.91", tot ** 2) and ap("3.861", tot)),
        (r"**3단계: 계수**", lambda: ap("0.2590", coef) and coef < 1),
        (r"\mathbf{g}_{W_1} &\leftarrow 0.2590", lambda: aps(["0.1554", "-0.2072", "0.3108"], clipped[0])),
        (r"\mathbf{g}_{b_1} &\leftarrow 0.2590", lambda: aps(["0.5180", "-0.3885"], clipped[1])),
        (r"\mathbf{g}_{W_2} &\leftarrow 0.2590", lambda: aps(["0.0777", "0.1036", "-0.6216", "0.2849"], clipped[2])),
        (r"클리핑 후 전역 노름은 정확히", lambda: ap("1.0", np.linalg.norm(np.concatenate(shown_clipped)), 0.005)),
        (r"(노름 $1.562$)에는 $0.6402$를", lambda: ap("1.562", np.linalg.norm(gs[0])) and ap("0.6402", 1 / np.linalg.norm(gs[0])) and ap("2.5", np.linalg.norm(gs[1])) and ap("0.4", 1 / np.linalg.norm(gs[1]))),
        (r"결과적으로 업데이트 방향이 바뀝니다", pertensor),
    ]


# ======================================================================= 15
@claims("15_swish_derivative_handwritten_ocr.md")
def c15():
    def f(x, b=1.0):
        return x * sig(b * x)

    def dsig_chk(expr):
        def g():
            z = RNG.normal(size=6) * 2
            true = np.array([fd(lambda v: sig(v[0]), [zi])[0] for zi in z])
            return close(true, expr(z))
        return g

    def inner():
        for _ in trials():
            x, b = RNG.normal() * 2, RNG.uniform(0.2, 3)
            sp = sig(b * x) * (1 - sig(b * x))
            if not close(fd(lambda v: sig(b * v[0]), [x])[0], b * sp):
                return False
        return True

    def fprime(expr):
        def g():
            for _ in trials():
                x, b = RNG.normal() * 2, RNG.uniform(0.2, 3)
                if not close(fd(lambda v: f(v[0], b), [x])[0], expr(x, b)):
                    return False
            return True
        return g

    def f1(expr):
        def g():
            for _ in trials():
                x = RNG.normal() * 2
                if not close(fd(lambda v: f(v[0]), [x])[0], expr(x)):
                    return False
            return True
        return g

    def alg():
        x = RNG.normal(size=5) * 2
        s = sig(x)
        F = x * s
        return close(F + s - s * F, x * s + s - x * s ** 2) and close(x * s + s - x * s ** 2, s * (1 + x - x * s))

    def df(x):
        return fd(lambda v: f(v[0]), [x])[0]

    def xstar():
        lo, hi = -3.0, -0.5
        for _ in range(200):
            m = (lo + hi) / 2
            if 1 + m * (1 - sig(m)) < 0:
                lo = m
            else:
                hi = m
        return m

    xs = xstar()

    def crit():
        return close(1 - sig(xs), -1 / xs, 1e-8, 1e-10) and close(df(xs), 0, 1e-6, 1e-6)

    def fmin_rel():
        return close(sig(xs), 1 + 1 / xs, 1e-8, 1e-10) and close(f(xs), xs + 1, 1e-8, 1e-10)

    def fmin_num():
        grid = np.linspace(-10, 10, 2000001)
        i = np.argmin(f(grid))
        return ap("-1.278", grid[i], 0.0006) and ap("-0.2785", f(grid).min())

    def dbeta(expr):
        def g():
            for _ in trials():
                x, b = RNG.normal() * 2, RNG.uniform(0.2, 3)
                if abs(x) < 0.05:
                    continue
                if not close(fd(lambda v: f(x, v[0]), [b])[0], expr(x, b)):
                    return False
            return True
        return g

    def dbeta_at(x):
        return fd(lambda v: f(x, v[0]), [1.0])[0]

    def limits():
        x = np.array([-2.0, -0.3, 0.4, 3.0])
        return close(f(x, 1e4), np.maximum(0, x), 1e-6, 1e-6) and close(f(x, 0.0), x / 2)

    return [
        (r"σ'(z) = -(1 + e^(-z))^(-2) · (-e^(-z)) = e^(-z) / (1 + e^(-z))^2", dsig_chk(lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2)),
        (r"= [1/(1 + e^(-z))] · [e^(-z)/(1 + e^(-z))] = σ(z) (1 - σ(z))", dsig_chk(lambda z: sig(z) * (1 - sig(z)))),
        (r"(b) product rule + chain rule, d/dx σ(βx) = β σ'(βx):", inner),
        (r"f'(x) = σ(βx) + x · β σ'(βx)", fprime(lambda x, b: sig(b * x) + x * b * sig(b * x) * (1 - sig(b * x)))),
        (r"= σ(βx) + βx σ(βx)(1 - σ(βx))", fprime(lambda x, b: sig(b * x) + b * x * sig(b * x) * (1 - sig(b * x)))),
        (r"f'(x) = σ(x) + x σ(x)(1 - σ(x)) = σ(x) [1 + x(1 - σ(x))]", lambda: f1(lambda x: sig(x) + x * sig(x) * (1 - sig(x)))() and f1(lambda x: sig(x) * (1 + x * (1 - sig(x))))()),
        (r"f'(x) = f(x) + σ(x)(1 - f(x))", f1(lambda x: f(x) + sig(x) * (1 - f(x)))),
        (r"check: f + σ - σf = xσ + σ - xσ^2 = σ(1 + x - xσ)", alg),
        (r"x = 0 :  σ(0) = 0.5", lambda: ap("0.5", sig(0.0)) and ap("0.5", df(0.0))),
        (r"x = 1 :  σ(1) = 0.7311  f'(1)", lambda: ap("0.7311", sig(1.0)) and ap("0.2689", 1 - sig(1.0)) and ap("0.9277", df(1.0)) and ap("0.9277", 0.7311 * 1.2689)),
        (r"x = -1:  σ(-1) = 0.2689 f'(-1)", lambda: ap("0.2689", sig(-1.0)) and ap("0.7311", 1 - sig(-1.0)) and ap("0.0723", df(-1.0)) and ap("0.0723", 0.2689 * (1 - 0.7311))),
        (r"x = 2 :  σ(2) = 0.8808  f'(2)", lambda: ap("0.8808", sig(2.0)) and ap("0.1192", 1 - sig(2.0)) and ap("1.2384", 1 + 2 * (1 - sig(2.0))) and ap("1.091", df(2.0)) and ap("1.091", 0.8808 * 1.2384)),
        (r"-> f'(2) > 1 !!", lambda: df(2.0) > 1),
        (r"-> f'(-1) > 0 but small", lambda: 0 < df(-1.0) < 0.1 and f(-0.99) > f(-1.01)),
        (r"(d) min of f: set f'(x) = 0", crit),
        (r"so σ(x*) = 1 + 1/x*  and  f(x*) = x* σ(x*) = x* + 1.", fmin_rel),
        (r"numerically (bisection on [-3, -0.5])", lambda: ap("-1.278", xs) and ap("-0.2785", f(xs)) and fmin_num()),
        (r"∂f/∂β = x · σ(βx) · x = x^2 σ(βx)", dbeta(lambda x, b: x * x * sig(b * x))),
        (r"x = 1 :  ∂f/∂β = 1 · 0.7311 = 0.7311", lambda: ap("0.7311", dbeta_at(1.0))),
        (r"x = 2 :  ∂f/∂β = 4 · 0.8808 = 3.523", lambda: ap("3.523", dbeta_at(2.0))),
        (r"x = 0 :  ∂f/∂β = 0", lambda: ap("0", dbeta_at(0.0), 1e-9) and close(f(0.0, 5.0), 0) and close(f(0.0, 0.1), 0)),
        (r"(f) limits:", limits),
        (r"β = 0  : f(x) = x/2, linear.", limits),
    ]


# ======================================================================= 16
@claims("16_attention_mask_wyklad.md")
def c16():
    Q = np.array([[1, 0], [0, 1], [1, 1.0]])
    K = np.array([[1, 0], [0, 1], [1, -1.0]])
    V = np.array([[1, 2], [3, 0], [-1, 1.0]])
    S = Q @ K.T / np.sqrt(2)
    M = np.triu(np.full((3, 3), -np.inf), 1)

    def softmax_rows(Z):
        with np.errstate(invalid="ignore"):
            Zs = Z - Z.max(1, keepdims=True)
            E = np.exp(Zs)
            return E / E.sum(1, keepdims=True)

    A = softmax_rows(S + M)
    out = A @ V

    def mask_def():
        return all((M[i, j] == 0) == (j <= i) and (np.isneginf(M[i, j]) == (j > i)) for i in range(3) for j in range(3))

    def zero_weight():
        return np.exp(-np.inf) == 0 and np.all(A[M == -np.inf] == 0)

    def jac():
        Z = RNG.normal(size=4)

        def sm(z):
            e = np.exp(z - z.max())
            return e / e.sum()

        J = np.stack([fd(lambda v: sm(v)[j], Z) for j in range(4)])
        a = sm(Z)
        ok = close(J, np.diag(a) - np.outer(a, a))
        # masked column: finite perturbations of a -inf entry do nothing
        Zm = S[1] + M[1]
        Jm = np.stack([[(softmax_rows((Zm + 1e-6 * (np.arange(3) == k))[None])[0, j]
                         - softmax_rows((Zm - 1e-6 * (np.arange(3) == k))[None])[0, j]) / 2e-6
                        for k in range(3)] for j in range(3)])
        return ok and np.all(Jm[:, 2] == 0)

    def nan_row():
        Z = np.full((1, 3), -np.inf)
        with np.errstate(invalid="ignore"):
            naive = np.exp(Z) / np.exp(Z).sum()
        return np.all(np.isnan(softmax_rows(Z))) and np.all(np.isnan(naive)) and np.all(np.isfinite(softmax_rows(np.full((1, 3), -1e9))))

    unmasked = softmax_rows(S)
    return [
        (r"M_{ij} = \begin{cases} 0, & j \le i,\\ -\infty, & j > i. \end{cases}", mask_def),
        (r"Ponieważ $e^{-\infty} = 0$", zero_weight),
        (r"QK^\top = \begin{pmatrix} 1 & 0 & 1\\ 0 & 1 & -1\\ 1 & 1 & 0 \end{pmatrix},", lambda: close(Q @ K.T, [[1, 0, 1], [0, 1, -1], [1, 1, 0]])),
        (r"S = \frac{QK^\top}{\sqrt 2} = \begin{pmatrix} 0{,}7071", lambda: aps(["0,7071", "0", "0,7071", "0", "0,7071", "-0,7071", "0,7071", "0,7071", "0"], S)),
        (r"Po dodaniu maski wiersz 1 to", lambda: np.isneginf((S + M)[0, 1:]).all() and np.isneginf((S + M)[1, 2]) and ap("0", (S + M)[1, 0]) and np.all(np.isfinite((S + M)[2]))),
        (r"Korzystamy z $e^{0{,}7071} = 2{,}0281$", lambda: ap("2,0281", np.exp(1 / np.sqrt(2)))),
        (r"- wiersz 1: $A_{1\cdot} = (1;\ 0;\ 0)$", lambda: close(A[0], [1, 0, 0])),
        (r"- wiersz 2: $A_{21} = \dfrac{1}{1 + 2{,}0281} = 0{,}3302$", lambda: aps(["0,3302", "0,6698", "0"], A[1]) and ap("0,3302", 1 / 3.0281) and ap("0,6698", 2.0281 / 3.0281)),
        (r"- wiersz 3: mianownik $2 \cdot 2{,}0281 + 1 = 5{,}0562$", lambda: ap("5,0562", np.exp(S[2]).sum()) and aps(["0,4011", "0,4011", "0,1978"], A[2])),
        (r"Dla porównania: bez maski pierwszy wiersz", lambda: aps(["0,4011", "0,1978", "0,4011"], unmasked[0])),
        (r"= \begin{pmatrix} 1 & 2\\ 2{,}340 & 0{,}660\\ 1{,}407 & 1{,}000 \end{pmatrix}.", lambda: aps(["1", "2", "2,340", "0,660", "1,407", "1,000"], out)),
        (r"= A_{ij}(\delta_{jk} - A_{ik})$", jac),
        (r"zamaskowanego $k$ jest $A_{ik} = 0$", jac),
        (r"zamaskowany w całości dałby", nan_row),
        (r"np. $0{,}4011 + 0{,}4011 + 0{,}1978 = 1$", lambda: close(A.sum(1), 1) and ap("1", 0.4011 + 0.4011 + 0.1978, 5e-4)),
    ]


# ----------------------------------------------------------------- driver
def first_wrong(fname):
    lines = (D / fname).read_text(encoding="utf-8").splitlines()
    results = []
    for sub, fn in CLAIMS[fname]():
        hits = [i + 1 for i, ln in enumerate(lines) if sub in ln]
        if len(hits) != 1:
            raise SystemExit(f"{fname}: substring {sub!r} matches lines {hits}")
        CURRENT_LINE["text"] = lines[hits[0] - 1]
        CURRENT_LINE["missing"] = []
        try:
            ok = bool(fn())
        except Exception as exc:  # a crashing check counts as a failed claim
            print(f"   ! {fname}:{hits[0]} raised {exc!r}")
            ok = False
        if CURRENT_LINE["missing"]:
            print(f"   ! {fname}:{hits[0]} shown value(s) not on the line: {CURRENT_LINE['missing']}")
            ok = False
        CURRENT_LINE["text"] = None
        results.append((hits[0], ok, sub))
    fails = sorted(ln for ln, ok, _ in results if not ok)
    return (fails[0] if fails else None), results


def main():
    expected = json.loads((D / "expected.json").read_text())
    md = sorted(p.name for p in D.glob("*.md"))
    all_ok = set(md) == set(expected) == set(CLAIMS)
    if not all_ok:
        print("file sets differ:", set(md) ^ set(expected), set(md) ^ set(CLAIMS))
    verbose = "-v" in sys.argv
    for f in md:
        if f not in CLAIMS:
            continue
        got, res = first_wrong(f)
        exp = expected.get(f)
        agree = got == exp
        all_ok &= agree
        nfail = sum(1 for _, ok, _ in res if not ok)
        print(f"{'OK ' if agree else 'BAD'} {f:45s} claims={len(res):2d} failing={nfail:2d} "
              f"first_wrong={got} expected={exp}")
        if verbose or not agree:
            for ln, ok, sub in sorted(res):
                print(f"      line {ln:3d} {'pass' if ok else 'FAIL'}  {sub[:70]}")
    print("ALL AGREE" if all_ok else "MISMATCH")
    sys.exit(0 if all_ok else 1)


if __name__ == "__main__":
    main()
