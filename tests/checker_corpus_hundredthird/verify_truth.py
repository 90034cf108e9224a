"""Independent check of every math claim in the 16 corpus files.

For each file a list of (unique substring, check) pairs is given. The substring
locates the line (it must occur on exactly one line); the check recomputes the
claim with NumPy (numbers to printed precision, derivatives by central finite
differences, identities at random points). The first failing line must equal
expected.json (None if no claim fails).
"""
import json
import math
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(12345)


def ap(x, y, d, slack=1.0):
    """x (true) agrees with printed y given to d decimals."""
    return abs(float(x) - float(y)) <= slack * 0.5 * 10.0 ** (-d) + 1e-9


def apv(xs, ys, d, slack=1.0):
    xs = np.atleast_1d(np.asarray(xs, float))
    ys = np.atleast_1d(np.asarray(ys, float))
    return xs.shape == ys.shape and all(ap(a, b, d, slack) for a, b in zip(xs, ys))


def fd_grad(f, x, h=1e-6):
    x = np.asarray(x, float)
    g = np.zeros_like(x)
    for i in range(x.size):
        e = np.zeros_like(x)
        e[i] = h
        g[i] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def softmax(z):
    z = np.asarray(z, float)
    e = np.exp(z - z.max())
    return e / e.sum()


def sigmoid(t):
    return 1.0 / (1.0 + math.exp(-t))


# ---------------------------------------------------------------- 01
def checks_01():
    g = 0.9
    R = [1, 0, -2, 3, 5]
    gam_r = 0.7
    rr = rng.normal(size=300)

    def G(t, gm=gam_r):
        return sum(gm ** k * rr[t + k] for k in range(len(rr) - t))
    # rr[t+k] plays R_{t+k+1}
    t = 3
    c1 = lambda: ap(G(t), rr[t] + sum(gam_r ** k * rr[t + k] for k in range(1, 297 - t)), 9)
    c2 = lambda: ap(G(t), rr[t] + gam_r * sum(gam_r ** k * rr[t + k + 1] for k in range(0, 296 - t)), 9)
    c3 = lambda: ap(G(t), rr[t] + gam_r * G(t + 1), 9)
    Gs = [0.0] * 6
    for k in range(4, -1, -1):
        Gs[k] = R[k] + g * Gs[k + 1]
    cs = 3.0
    return [
        (r"G_t &= R_{t+1} + \sum_{k=1}^{\infty}", c1),
        (r"&= R_{t+1} + \gamma \sum_{k=0}^{\infty} \gamma^{k} R_{t+k+2}", c2),
        (r"&= R_{t+1} + \gamma\, G_{t+1}.", c3),
        (r"G_0 &= 1 + 0{,}9\cdot 0 + 0{,}81\cdot(-2)",
         lambda: apv([g ** 2, g ** 3, g ** 4], [0.81, 0.729, 0.6561], 6)),
        (r"&= 1 + 0 - 1{,}62 + 2{,}187 + 3{,}2805",
         lambda: apv([0.81 * -2, 0.729 * 3, 0.6561 * 5], [-1.62, 2.187, 3.2805], 6)),
        (r"&= 4{,}8475.", lambda: ap(sum(g ** k * R[k] for k in range(5)), 4.8475, 6)),
        (r"$G_4 = R_5 = 5$", lambda: Gs[4] == 5),
        (r"$G_3 = 3 + 0{,}9 \cdot 5 = 7{,}5$", lambda: ap(Gs[3], 7.5, 6)),
        (r"$G_2 = -2 + 0{,}9 \cdot 7{,}5 = 4{,}75$", lambda: ap(Gs[2], 4.75, 6)),
        (r"$G_1 = 0 + 0{,}9 \cdot 4{,}75 = 4{,}275$", lambda: ap(Gs[1], 4.275, 6)),
        (r"$G_0 = 1 + 0{,}9 \cdot 4{,}275 = 4{,}8475$", lambda: ap(Gs[0], 4.8475, 6)),
        (r"G_t = c \sum_{k=0}^{\infty} \gamma^k = \frac{c}{1-\gamma}",
         lambda: ap(cs * sum(gam_r ** k for k in range(400)), cs / (1 - gam_r), 9)),
        (r"also $G_t = 10\,c$", lambda: ap(1 / (1 - 0.9), 10, 9) and ap(1 / (1 - 0.99), 100, 9)),
        (r"= 1 - \gamma^H .",
         lambda: all(ap(sum(gm ** k for k in range(H)) * (1 - gm), 1 - gm ** H, 12)
                     for gm, H in [(0.37, 4), (0.9, 10), (0.95, 7)])),
        (r"1 - 0{,}9^{10} = 1 - 0{,}3487 = 0{,}6513",
         lambda: ap(0.9 ** 10, 0.3487, 4) and ap(1 - 0.9 ** 10, 0.6513, 4)),
        (r"rund $65", lambda: round(100 * (1 - 0.9 ** 10)) == 65),
    ]


# ---------------------------------------------------------------- 02
def checks_02():
    g = 0.9
    pA = np.array([0.5, 0.5])
    pB = np.array([0.25, 0.75])
    rAa = np.array([1, 0.0]); nA = [0, 1]
    rBa = np.array([2, -1.0]); nB = [0, 1]
    r = np.array([pA @ rAa, pB @ rBa])
    P = np.zeros((2, 2))
    for a in range(2):
        P[0, nA[a]] += pA[a]
        P[1, nB[a]] += pB[a]
    M = np.eye(2) - g * P
    V = np.linalg.solve(M, r)
    Q = [1 + g * V[0], g * V[1], 2 + g * V[0], -1 + g * V[1]]
    # equation coefficients of V_A line: V_A = 0.5 + 0.9(0.5 V_A + 0.5 V_B)
    x = rng.normal(size=2)
    return [
        (r"r^\pi(A) = 0{,}5\cdot 1 + 0{,}5 \cdot 0 = 0{,}5",
         lambda: ap(r[0], 0.5, 6) and ap(r[1], -0.25, 6)),
        (r"P^\pi = \begin{pmatrix} 0{,}5 & 0{,}5 \\ 0{,}25 & 0{,}75",
         lambda: apv(P.ravel(), [0.5, 0.5, 0.25, 0.75], 6)),
        (r"V_A &= 0{,}5 + 0{,}9\,(0{,}5\,V_A + 0{,}5\,V_B)",
         lambda: ap(r[0] + g * P[0] @ x, 0.5 + 0.9 * (0.5 * x[0] + 0.5 * x[1]), 12)),
        (r"V_B &= -0{,}25 + 0{,}9\,(0{,}25\,V_A + 0{,}75\,V_B)",
         lambda: ap(r[1] + g * P[1] @ x, -0.25 + 0.9 * (0.25 * x[0] + 0.75 * x[1]), 12)),
        (r"I - \gamma P^\pi = \begin{pmatrix} 0{,}55 & -0{,}45",
         lambda: apv(M.ravel(), [0.55, -0.45, -0.225, 0.325], 6)),
        (r"\det(I-\gamma P^\pi) = 0{,}55 \cdot 0{,}325",
         lambda: ap(0.55 * 0.325, 0.17875, 6) and ap(0.45 * 0.225, 0.10125, 6)
         and ap(np.linalg.det(M), 0.0875, 6)),
        (r"(I-\gamma P^\pi)^{-1} = \frac{1}{0{,}0875}",
         lambda: apv(np.linalg.inv(M).ravel(),
                     np.array([0.325, 0.45, 0.225, 0.55]) / 0.0875, 6)),
        (r"V_A &= \frac{0{,}325\cdot 0{,}5", lambda: ap(V[0], 0.571, 3)),
        (r"V_B &= \frac{0{,}225\cdot 0{,}5", lambda: ap(V[1], -0.286, 3)),
        (r"Q^\pi(A,a_1) &= 1 + 0{,}9\cdot 0{,}571",
         lambda: ap(Q[0], 1.514, 3) and ap(Q[1], -0.257, 3)),
        (r"Q^\pi(B,a_1) &= 2 + 0{,}9\cdot 0{,}571",
         lambda: ap(Q[2], 2.514, 3) and ap(Q[3], -1.257, 3)),
        (r"$0{,}5\cdot 1{,}514 + 0{,}5\cdot(-0{,}257) \approx 0{,}629$",
         lambda: ap(0.5 * 1.514 + 0.5 * (-0.257), 0.629, 3, 1.2)),
        (r"(ses lignes somment à zéro)",
         lambda: abs(np.linalg.det(np.eye(2) - P)) < 1e-12),
    ]


# ---------------------------------------------------------------- 03
def checks_03():
    g = 0.9
    # s1: stay r1->s1, go r0->s2 ; s2: stay r2->s2, back r0->s1
    acts = {0: [(1, 0), (0, 1)], 1: [(2, 1), (0, 0)]}

    def T(V):
        return np.array([max(r + g * V[n] for r, n in acts[s]) for s in (0, 1)])
    V = np.zeros(2)
    for _ in range(2000):
        V = T(V)
    Vs = V
    Qs = [[r + g * Vs[n] for r, n in acts[s]] for s in (0, 1)]
    VI = [np.zeros(2)]
    for _ in range(3):
        VI.append(T(VI[-1]))
    greedy1 = [int(np.argmax([r + g * VI[k - 1][n] for r, n in acts[0]])) for k in (1, 2, 3)]
    kstar = next(k for k in range(1, 500) if 0.9 ** k * 20 < 0.01)
    return [
        (r"V^*(s_2) = 2 + 0{,}9\, V^*(s_2)", lambda: ap(Vs[1], 20, 6) and ap(2 / (1 - 0.9), 20, 9)),
        (r"$V = 1/(1-0{,}9) = 10$", lambda: ap(1 / (1 - 0.9), 10, 9) and ap(0.9 * 20, 18, 9)),
        (r"Luego $V^*(s_1) = 18$", lambda: ap(Vs[0], 18, 6)),
        (r"V^*(s_1) &= \max\{1 + 0{,}9\cdot 18",
         lambda: ap(1 + 0.9 * 18, 17.2, 6) and ap(0.9 * 20, 18, 6) and ap(Vs[0], 18, 6)),
        (r"V^*(s_2) &= \max\{2 + 0{,}9\cdot 20",
         lambda: ap(2 + 0.9 * 20, 20, 6) and ap(0.9 * 18, 16.2, 6) and ap(Vs[1], 20, 6)),
        (r"$Q^*(s_1,\text{quedarse}) = 17{,}2$",
         lambda: ap(Qs[0][0], 17.2, 6) and ap(Qs[0][1], 18, 6)),
        (r"$Q^*(s_2,\text{quedarse}) = 20$",
         lambda: ap(Qs[1][0], 20, 6) and ap(Qs[1][1], 16.2, 6)),
        (r"$\pi^*(s_1) = \text{ir}$", lambda: np.argmax(Qs[0]) == 1 and np.argmax(Qs[1]) == 0),
        (r"| 1 | $\max\{1, 0\} = 1$",
         lambda: apv(VI[1], [1, 2], 6) and greedy1[0] == 0),
        (r"| 2 | $\max\{1{,}9;\ 1{,}8\}",
         lambda: apv(VI[2], [1.9, 3.8], 6) and ap(0.9 * 2, 1.8, 6) and ap(0.9 * 1, 0.9, 6) and greedy1[1] == 0),
        (r"| 3 | $\max\{2{,}71;\ 3{,}42\}",
         lambda: apv(VI[3], [3.42, 5.42], 6) and ap(1 + 0.9 * 1.9, 2.71, 6) and ap(0.9 * 1.9, 1.71, 6)
         and greedy1[2] == 1),
        (r"= 0{,}9^k \cdot 20.$$", lambda: ap(np.max(np.abs(Vs)), 20, 6)),
        (r"k > \frac{\ln 0{,}0005}{\ln 0{,}9}",
         lambda: ap(math.log(0.0005), -7.601, 3) and ap(math.log(0.9), -0.10536, 5)
         and ap(math.log(0.0005) / math.log(0.9), 72.14, 2)),
        (r"Basta entonces con $k = 73$", lambda: kstar == 73),
    ]


# ---------------------------------------------------------------- 04
def checks_04():
    a, g = 0.1, 0.9
    V = {1: 1.0, 2: 0.5, 3: 2.0, 'T': 0.0}
    ep = [(1, 2, 2), (2, -1, 3), (3, 4, 'T')]
    d = []
    for s, r, s2 in ep:
        dl = r + g * V[s2] - V[s]
        d.append(dl)
        V[s] += a * dl
    Gmc = 2 + 0.9 * -1 + 0.81 * 4
    return [
        (r"$$\delta_1 = 2 + 0{,}9 \cdot 0{,}5 - 1{,}0 = 1{,}45$$", lambda: ap(d[0], 1.45, 6)),
        (r"$$V(1) \leftarrow 1{,}0 + 0{,}1 \cdot 1{,}45 = 1{,}145$$", lambda: ap(V[1], 1.145, 6)),
        (r"$$\delta_2 = -1 + 0{,}9 \cdot 2{,}0 - 0{,}5 = 0{,}3$$", lambda: ap(d[1], 0.3, 6)),
        (r"$$V(2) \leftarrow 0{,}5 - 0{,}1 \cdot 0{,}3 = 0{,}47$$", lambda: ap(V[2], 0.47, 6)),
        (r"$$\delta_3 = 4 + 0 - 2{,}0 = 2{,}0$$", lambda: ap(d[2], 2.0, 6)),
        (r"$$V(3) \leftarrow 2{,}0 + 0{,}1 \cdot 2{,}0 = 2{,}2$$", lambda: ap(V[3], 2.2, 6)),
        (r"$V \approx (1{,}145;\ 0{,}47;\ 2{,}2)$", lambda: apv([V[1], V[2], V[3]], [1.145, 0.47, 2.2], 6)),
        (r"= 2 - 0{,}9 + 3{,}24 = 4{,}34", lambda: ap(Gmc, 4.34, 6) and ap(0.81 * 4, 3.24, 6)),
        (r"1{,}0 + 0{,}1\,(4{,}34 - 1{,}0) = 1{,}334", lambda: ap(1 + 0.1 * (Gmc - 1), 1.334, 6)),
        (r"$2 + 0{,}9\cdot 0{,}5 = 2{,}45$", lambda: ap(2 + 0.9 * 0.5, 2.45, 6)),
    ]


# ---------------------------------------------------------------- 05
def lam_return_recursive(rews, Vn, g, lam):
    """G^lam_t = r_{t+1} + g[(1-lam) V(S_{t+1}) + lam G^lam_{t+1}], terminal at T.
    Vn[t] = V(S_t); V(S_T)=0."""
    T = len(rews)
    Gl = np.zeros(T + 1)
    for t in range(T - 1, -1, -1):
        vnext = Vn[t + 1] if t + 1 < T else 0.0
        Gl[t] = rews[t] + g * ((1 - lam) * vnext + lam * Gl[t + 1])
    return Gl[:T]


def lam_return_formula(rews, Vn, g, lam):
    T = len(rews)
    out = []
    for t in range(T):
        def Gn(n):
            s = sum(g ** k * rews[t + k] for k in range(n))
            if t + n < T:
                s += g ** n * Vn[t + n]
            return s
        Gfull = Gn(T - t)
        val = (1 - lam) * sum(lam ** (n - 1) * Gn(n) for n in range(1, T - t)) + lam ** (T - t - 1) * Gfull
        out.append(val)
    return np.array(out)


def checks_05():
    g, lam, a = 0.9, 0.8, 0.1
    states = [0, 1, 2]
    rews = [0, 0, 1]
    V = np.zeros(3)
    e = np.zeros(3)
    deltas = []
    traces = []
    for t, s in enumerate(states):
        vn = V[states[t + 1]] if t + 1 < 3 else 0.0
        dl = rews[t] + g * vn - V[s]
        e = g * lam * e
        e[s] += 1
        deltas.append(dl)
        traces.append(e.copy())
    e2 = traces[2]
    dV = a * deltas[2] * e2
    Gl = lam_return_recursive(rews, [0, 0, 0], g, lam)

    def formula_ok():
        for _ in range(5):
            T = 6
            rw = rng.normal(size=T)
            Vn = rng.normal(size=T)
            gm, lm = rng.uniform(0.3, 0.99), rng.uniform(0.1, 0.95)
            if not np.allclose(lam_return_recursive(rw, Vn, gm, lm), lam_return_formula(rw, Vn, gm, lm)):
                return False
        return True

    def equivalence_ok():
        for _ in range(5):
            T = 8
            S = rng.integers(0, 3, size=T)
            rw = rng.normal(size=T)
            Vt = rng.normal(size=3)
            gm, lm = rng.uniform(0.3, 0.99), rng.uniform(0.1, 0.95)
            Vn = Vt[S]
            lhs = np.zeros(3)
            ee = np.zeros(3)
            for t in range(T):
                vn = Vn[t + 1] if t + 1 < T else 0.0
                dl = rw[t] + gm * vn - Vn[t]
                ee = gm * lm * ee
                ee[S[t]] += 1
                lhs += dl * ee
            Glr = lam_return_recursive(rw, Vn, gm, lm)
            rhs = np.zeros(3)
            for t in range(T):
                rhs[S[t]] += Glr[t] - Vn[t]
            if not np.allclose(lhs, rhs):
                return False
        return True

    def lam1_trace():
        ee = np.zeros(3)
        for s in states:
            ee = 0.9 * 1.0 * ee
            ee[s] += 1
        return ap(ee[0], 0.81, 6)

    def lam0_td0():
        ee = np.zeros(3)
        for s in states:
            ee = 0.9 * 0.0 * ee
            ee[s] += 1
            if not np.allclose(ee, np.eye(3)[s]):
                return False
        return True

    return [
        (r"Quindi $\gamma\lambda = 0{,}72$", lambda: ap(g * lam, 0.72, 9)),
        (r"$t=0$: $\delta_0 = 0 + 0{,}9\cdot 0 - 0 = 0$", lambda: deltas[0] == 0),
        (r"$t=1$: $\delta_1 = 0 + 0{,}9\cdot 0 - 0 = 0$", lambda: deltas[1] == 0),
        (r"$t=2$: $\delta_2 = 1 + 0 - 0 = 1$", lambda: deltas[2] == 1),
        (r"= \begin{pmatrix} 0{,}5184 \\ 0{,}72 \\ 1 \end{pmatrix},",
         lambda: apv(e2, [0.5184, 0.72, 1], 6) and apv(e2, [(g * lam) ** 2, g * lam, 1], 9)),
        (r"$$\Delta V = 0{,}1 \cdot 1 \cdot", lambda: apv(dV, [0.05184, 0.072, 0.1], 7)),
        (r"G_t^\lambda = (1-\lambda)\sum_{n=1}^{T-t-1}", formula_ok),
        (r"e il ritorno completo è $G_0 = 0{,}9^2 \cdot 1 = 0{,}81$",
         lambda: ap(0.9 ** 2, 0.81, 9)),
        (r"G_0^\lambda = (1-\lambda)(0 + \lambda\cdot 0)",
         lambda: ap(Gl[0], 0.5184, 7) and ap(0.64 * 0.81, 0.5184, 9)),
        (r"perciò $G_1^\lambda = \lambda \cdot 0{,}9 = 0{,}72$", lambda: ap(Gl[1], 0.72, 7)),
        (r"$G_2^\lambda = G_2 = 1$", lambda: ap(Gl[2], 1, 9)),
        (r"sono allora $0{,}05184$, $0{,}072$ e $0{,}1$",
         lambda: apv(a * (Gl - 0), [0.05184, 0.072, 0.1], 7) and np.allclose(a * Gl, dV)),
        (r"\sum_{t=0}^{T-1} \alpha\,\delta_t\, e_t(s) = ", equivalence_ok),
        (r"**Casi limite.** Con $\lambda = 0$", lam0_td0),
        (r"avremmo $e_2(s_1) = 0{,}81$", lam1_trace),
    ]


# ---------------------------------------------------------------- 06
def checks_06():
    Qsa, r, a, g = 2.0, 1.0, 0.5, 0.9
    Qn = np.array([1.5, 3.0, -0.5])
    eps = 0.3
    pi = np.full(3, eps / 3)
    pi[np.argmax(Qn)] += 1 - eps
    y_q = r + g * Qn.max()
    y_s = r + g * Qn[0]
    EQ = pi @ Qn
    y_e = r + g * EQ
    return [
        (r"y = r + \gamma \max_{b} Q(s', b) = 1 + 0{,}9\cdot 3{,}0 = 3{,}7", lambda: ap(y_q, 3.7, 6)),
        (r"y - Q(s,a) = 3{,}7 - 2{,}0 = 1{,}7", lambda: ap(y_q - Qsa, 1.7, 6)),
        (r"= 2{,}0 + 0{,}5\cdot 1{,}7 = 2{,}85", lambda: ap(Qsa + a * (y_q - Qsa), 2.85, 6)),
        (r"0{,}5\cdot 2{,}0 + 0{,}5 \cdot 3{,}7 = 2{,}85", lambda: ap((1 - a) * Qsa + a * y_q, 2.85, 6)),
        (r"y = r + \gamma\, Q(s', b_1) = 1 + 0{,}9 \cdot 1{,}5 = 2{,}35", lambda: ap(y_s, 2.35, 6)),
        (r"= 2{,}0 + 0{,}175 = 2{,}175", lambda: ap(a * (y_s - Qsa), 0.175, 6) and ap(Qsa + a * (y_s - Qsa), 2.175, 6)),
        (r"\pi(b_2 \mid s') = 1 - \varepsilon + \frac{\varepsilon}{3} = 0{,}8",
         lambda: apv(pi, [0.1, 0.8, 0.1], 9)),
        (r"Проверка: $0{,}8 + 0{,}1 + 0{,}1 = 1$", lambda: ap(pi.sum(), 1, 9)),
        (r"= 2{,}4 + 0{,}15 + 0{,}05 = 2{,}6",
         lambda: apv([0.8 * 3.0, 0.1 * 1.5, 0.1 * -0.5], [2.4, 0.15, 0.05], 6) and ap(EQ, 2.6, 6)),
        (r"y = 1 + 0{,}9\cdot 2{,}6 = 3{,}34", lambda: ap(y_e, 3.34, 6) and ap(Qsa + a * (y_e - Qsa), 2.67, 6)),
        (r"Три цели: $3{,}7$", lambda: ap(y_q, 3.7, 6) and ap(y_e, 3.34, 6) and ap(y_s, 2.35, 6)),
        (r"$\max_b Q(s',b) \ge \sum_b \pi(b\mid s')\,Q(s',b)$",
         lambda: all((lambda q, p: q.max() >= p @ q - 1e-12)(rng.normal(size=4), rng.dirichlet(np.ones(4)))
                 for _ in range(100))),
    ]


# ---------------------------------------------------------------- 07
def checks_07():
    a, g, eps = 0.2, 0.95, 0.1
    Q = {('s0', 'L'): 0.4, ('s0', 'R'): 0.6, ('s1', 'L'): 1.0, ('s1', 'R'): 0.2}
    Q[('s0', 'R')] += a * (0 + g * Q[('s1', 'L')] - Q[('s0', 'R')])
    q1 = Q[('s0', 'R')]
    t2 = 1 + g * Q[('s0', 'R')] - Q[('s1', 'L')]
    Q[('s1', 'L')] += a * t2
    q2 = Q[('s1', 'L')]
    Q[('s0', 'R')] += a * (-1 + 0 - Q[('s0', 'R')])
    q3 = Q[('s0', 'R')]
    return [
        (r"贪心动作的概率为 $1 - \varepsilon + \varepsilon/2 = 0.95$",
         lambda: ap(1 - eps + eps / 2, 0.95, 9) and ap(eps / 2, 0.05, 9)),
        (r"&= 0.6 + 0.2 \times 0.35 = 0.67 .",
         lambda: ap(0 + g * 1.0 - 0.6, 0.35, 9) and ap(q1, 0.67, 9)),
        (r"&= 1.0 + 0.2 \times 0.6365 = 1.1273 .",
         lambda: ap(t2, 0.6365, 9) and ap(q2, 1.1273, 9)),
        (r"&= 0.67 - 0.334 = 0.336 .",
         lambda: ap(a * (-1 - q1), -0.334, 9) and ap(q3, 0.336, 9)),
        (r"Q = \begin{bmatrix} 0.4 & 0.336 \\ 1.1273 & 0.2 \end{bmatrix}.",
         lambda: apv([Q[('s0', 'L')], Q[('s0', 'R')], Q[('s1', 'L')], Q[('s1', 'R')]],
                     [0.4, 0.336, 1.1273, 0.2], 9)),
        (r"（因为 $0.4 > 0.336$）", lambda: Q[('s0', 'L')] > Q[('s0', 'R')]),
        (r"$\max\{0.4,\ 0.67\} = 0.67$", lambda: ap(max(0.4, q1), 0.67, 9)),
        (r"1.0 + 0.2\,[1 + 0.95\times 0.4 - 1.0] = 1.076",
         lambda: ap(1.0 + a * (1 + g * 0.4 - 1.0), 1.076, 9)),
    ]


# ---------------------------------------------------------------- 08
def checks_08():
    z0 = rng.normal(size=4)
    a = 1

    def logpi(z, a=a):
        return math.log(softmax(z)[a])

    def lse(z):
        return math.log(np.exp(z).sum())
    z = np.array([1.0, 2.0, 0.5])
    p = softmax(z)
    g2 = np.eye(3)[1] - p   # true gradient of log pi_2
    J = np.diag(p) - np.outer(p, p)
    Jfd = np.array([fd_grad(lambda zz, i=i: softmax(zz)[i], z) for i in range(3)])
    return [
        (r"\log \pi_a = z_a - \log \sum_{c=1}^K e^{z_c}.",
         lambda: ap(logpi(z0), z0[a] - lse(z0), 12)),
        (r"\frac{\partial}{\partial z_b} \log \sum_c e^{z_c} = \frac{e^{z_b}}",
         lambda: np.allclose(fd_grad(lse, z0), softmax(z0), atol=1e-7)),
        (r"\frac{\partial \log \pi_a}{\partial z_b} = \delta_{ab} - \pi_a .",
         lambda: np.allclose(fd_grad(logpi, z0), np.eye(4)[a] - softmax(z0)[a], atol=1e-6)),
        (r"$\nabla_z \log \pi_a = e_a - \pi_a \mathbf{1}$",
         lambda: np.allclose(fd_grad(logpi, z0), np.eye(4)[a] - softmax(z0)[a] * np.ones(4), atol=1e-6)),
        (r"e^{z} \approx (2{,}7183,\ 7{,}3891,\ 1{,}6487)",
         lambda: apv(np.exp(z), [2.7183, 7.3891, 1.6487], 4) and ap(np.exp(z).sum(), 11.7561, 4)),
        (r"\pi \approx (0{,}2312,\ 0{,}6285,\ 0{,}1402).", lambda: apv(p, [0.2312, 0.6285, 0.1402], 4)),
        (r"\nabla_z \log \pi_2 = e_2 - \pi_2 \mathbf{1} \approx",
         lambda: apv(fd_grad(lambda zz: math.log(softmax(zz)[1]), z), [-0.6285, 0.3715, -0.6285], 4)),
        (r"\Delta z = 0{,}2 \cdot (-0{,}6285",
         lambda: apv(0.2 * fd_grad(lambda zz: math.log(softmax(zz)[1]), z), [-0.1257, 0.0743, -0.1257], 4)),
        (r"$\mathrm{diag}(\pi) - \pi\pi^\top$", lambda: np.allclose(J, Jfd, atol=1e-7)),
    ]


# ---------------------------------------------------------------- 09
def checks_09():
    # exact policy gradient check on a 2-step, 1-state, 2-action problem
    rew = rng.normal(size=(2, 2))  # rew[t, a]

    def J(th):
        p = softmax(th)
        return sum(p[a0] * p[a1] * (rew[0, a0] + rew[1, a1]) for a0 in range(2) for a1 in range(2))

    def pg(th):
        p = softmax(th)
        s = np.zeros(2)
        for a0 in range(2):
            for a1 in range(2):
                R = rew[0, a0] + rew[1, a1]
                s += p[a0] * p[a1] * ((np.eye(2)[a0] - p) + (np.eye(2)[a1] - p)) * R
        return s
    th0 = rng.normal(size=2)
    th3 = rng.normal(size=3)
    p3 = softmax(th3)
    score_mean = sum(p3[a] * fd_grad(lambda t, a=a: math.log(softmax(t)[a]), th3) for a in range(3))
    p = softmax([0, 0])
    s1 = fd_grad(lambda t: math.log(softmax(t)[0]), np.zeros(2))
    s2 = fd_grad(lambda t: math.log(softmax(t)[1]), np.zeros(2))
    G1 = 2
    G0 = 1 + 0.9 * G1
    tot = 1 * G0 * s1 + 0.9 * G1 * s2
    th_new = 0.1 * tot
    return [
        (r"&= \mathbb{E}_{\tau}\Big[ \sum_{t=0}^{T-1} \nabla_\theta \log \pi_\theta(a_t\mid s_t)\; R(\tau) \Big].",
         lambda: np.allclose(fd_grad(J, th0), pg(th0), atol=1e-6)),
        (r"= \nabla_\theta \sum_a \pi_\theta(a) = \nabla_\theta 1 = 0.",
         lambda: np.allclose(score_mean, 0, atol=1e-7)),
        (r"$$\nabla_\theta \log \pi_\theta(a^{(i)}) = e_i - \pi_\theta .$$",
         lambda: all(np.allclose(fd_grad(lambda t, i=i: math.log(softmax(t)[i]), th3), np.eye(3)[i] - p3, atol=1e-6)
                     for i in range(3))),
        (r"이면 $\pi = (0{,}5,\ 0{,}5)$", lambda: apv(p, [0.5, 0.5], 9)),
        (r"\nabla_\theta \log\pi(a^{(1)}) = (0{,}5,\ -0{,}5), \qquad",
         lambda: apv(s1, [0.5, -0.5], 6) and apv(s2, [-0.5, 0.5], 6)),
        (r"리턴은 $G_1 = 2$, $G_0 = 1 + 0{,}9\cdot 2 = 2{,}8$", lambda: ap(G0, 2.8, 9)),
        (r"&= 1\cdot 2{,}8 \cdot (0{,}5,\ -0{,}5)",
         lambda: ap(0.9 ** 0 * G0, 2.8, 9) and ap(0.9 ** 1 * G1, 0.9 * 2, 9)
         and apv(s1, [0.5, -0.5], 6) and apv(s2, [-0.5, 0.5], 6)),
        (r"&= (1{,}4,\ -1{,}4) + (-0{,}9,\ 0{,}9)",
         lambda: apv(G0 * s1, [1.4, -1.4], 6) and apv(0.9 * G1 * s2, [-0.9, 0.9], 6)),
        (r"&= (0{,}5,\ -0{,}5).", lambda: apv(tot, [0.5, -0.5], 6)),
        (r"$\theta = (0{,}05,\ -0{,}05)$", lambda: apv(th_new, [0.05, -0.05], 6)),
        (r"\pi(a^{(1)}) = \frac{1}{1 + e^{-0{,}1}} \approx 0{,}5250",
         lambda: ap(softmax(th_new)[0], 1 / (1 + math.exp(-0.1)), 9) and ap(softmax(th_new)[0], 0.5250, 4)),
    ]


# ---------------------------------------------------------------- 10
def checks_10():
    th = math.log(1 / 3)
    s = sigmoid(th)
    R = {1: 4.0, 0: 2.0}
    P = {1: s, 0: 1 - s}
    sc = {1: fd_grad(lambda t: math.log(sigmoid(t[0])), [th])[0],
          0: fd_grad(lambda t: math.log(1 - sigmoid(t[0])), [th])[0]}
    Jp = fd_grad(lambda t: 4 * sigmoid(t[0]) + 2 * (1 - sigmoid(t[0])), [th])[0]
    g = {a: R[a] * sc[a] for a in (0, 1)}
    Eg = sum(P[a] * g[a] for a in (0, 1))
    Eg2 = sum(P[a] * g[a] ** 2 for a in (0, 1))
    Var = Eg2 - Eg ** 2
    b = sum(P[a] * R[a] for a in (0, 1))
    gb = {a: (R[a] - b) * sc[a] for a in (0, 1)}
    Egb = sum(P[a] * gb[a] for a in (0, 1))
    Egb2 = sum(P[a] * gb[a] ** 2 for a in (0, 1))
    Varb = Egb2 - Egb ** 2
    num = sum(P[a] * sc[a] ** 2 * R[a] for a in (0, 1))
    den = sum(P[a] * sc[a] ** 2 for a in (0, 1))
    bstar = num / den
    # bstar minimizes variance: check by grid
    bs = np.linspace(0, 6, 6001)
    vs = [sum(P[a] * ((R[a] - bb) * sc[a]) ** 2 for a in (0, 1)) - Eg ** 2 for bb in bs]
    t0 = rng.normal()
    return [
        (r"czyli $\sigma(\theta) = 0{,}25$", lambda: ap(s, 0.25, 9)),
        (r"\frac{d}{d\theta}\log\sigma(\theta) = 1 - \sigma",
         lambda: ap(fd_grad(lambda t: math.log(sigmoid(t[0])), [t0])[0], 1 - sigmoid(t0), 7)
         and ap(fd_grad(lambda t: math.log(1 - sigmoid(t[0])), [t0])[0], -sigmoid(t0), 7)),
        (r"Zatem $\nabla\log\pi(1) = 0{,}75$", lambda: ap(sc[1], 0.75, 6) and ap(sc[0], -0.25, 6)),
        (r"J'(\theta) = 2\sigma(1-\sigma) = 2\cdot 0{,}25 \cdot 0{,}75 = 0{,}375",
         lambda: ap(Jp, 2 * s * (1 - s), 7) and ap(Jp, 0.375, 6)),
        (r"$g = 4 \cdot 0{,}75 = 3$", lambda: ap(g[1], 3, 6)),
        (r"$g = 2 \cdot (-0{,}25) = -0{,}5$", lambda: ap(g[0], -0.5, 6)),
        (r"= 0{,}75 - 0{,}375 = 0{,}375 ,", lambda: ap(Eg, 0.375, 6)),
        (r"= 2{,}25 + 0{,}1875 = 2{,}4375", lambda: ap(Eg2, 2.4375, 6)),
        (r"\operatorname{Var}[g] = \mathbb{E}[g^2] - \mathbb{E}[g] = 2{,}4375",
         lambda: ap(Var, 2.0625, 6)),
        (r"$b = 0{,}25\cdot 4 + 0{,}75\cdot 2 = 2{,}5$",
         lambda: ap(b, 2.5, 9) and ap(R[1] - b, 1.5, 9) and ap(R[0] - b, -0.5, 9)),
        (r"$g_b = 1{,}5\cdot 0{,}75 = 1{,}125$", lambda: ap(gb[1], 1.125, 6)),
        (r"$g_b = (-0{,}5)\cdot(-0{,}25) = 0{,}125$", lambda: ap(gb[0], 0.125, 6)),
        (r"= 0{,}28125 + 0{,}09375 = 0{,}375$", lambda: ap(Egb, 0.375, 6)),
        (r"\operatorname{Var}[g_b] = 0{,}328125 - 0{,}140625 = 0{,}1875",
         lambda: ap(Egb2, 0.328125, 7) and ap(Egb ** 2, 0.140625, 7) and ap(Varb, 0.1875, 7)),
        (r"Wariancja zmalała $2{,}0625 / 0{,}1875 = 11$", lambda: ap(Var / Varb, 11, 6)),
        (r"= \frac{0{,}65625}{0{,}1875} = 3{,}5 .",
         lambda: ap(num, 0.65625, 7) and ap(den, 0.1875, 7) and ap(bstar, 3.5, 6)
         and abs(bs[int(np.argmin(vs))] - 3.5) < 1e-3),
        (r"Dla $b^* = 3{,}5$: $a=1$ daje", lambda: ap((R[1] - 3.5) * sc[1], 0.375, 6) and ap((R[0] - 3.5) * sc[0], 0.375, 6)),
    ]


# ---------------------------------------------------------------- 11 / 12 GAE
def gae(rews, V, g, lam):
    T = len(rews)
    d = np.array([rews[t] + g * V[t + 1] - V[t] for t in range(T)])
    A = np.zeros(T + 1)
    for t in range(T - 1, -1, -1):
        A[t] = d[t] + g * lam * A[t + 1]
    return d, A[:T]


def checks_11():
    g, lam = 0.99, 0.95
    rews = [1, 0, 2]
    V = [0.5, 0.8, 1.0, 0.6]
    d, A = gae(rews, V, g, lam)
    d1, A1 = gae(rews, V, g, 1.0)
    d0, A0 = gae(rews, V, g, 0.0)

    def sum_vs_rec():
        for _ in range(5):
            T = 7
            rw = rng.normal(size=T); Vv = rng.normal(size=T + 1)
            gm, lm = rng.uniform(0.5, 1), rng.uniform(0, 1)
            dd, AA = gae(rw, Vv, gm, lm)
            direct = [sum((gm * lm) ** l * dd[t + l] for l in range(T - t)) for t in range(T)]
            if not np.allclose(direct, AA):
                return False
        return True
    mc0 = 1 + 0.99 * 0 + 0.99 ** 2 * 2 + 0.99 ** 3 * 0.6 - 0.5
    return [
        (r"\hat A_t = \delta_t + \gamma\lambda\, \hat A_{t+1}, \qquad \hat A_T = 0.", sum_vs_rec),
        (r"zodat $\gamma\lambda = 0{,}9405$", lambda: ap(g * lam, 0.9405, 9)),
        (r"\delta_0 &= 1 + 0{,}99\cdot 0{,}8 - 0{,}5 = 1{,}292", lambda: ap(d[0], 1.292, 6)),
        (r"\delta_1 &= 0 + 0{,}99\cdot 1{,}0 - 0{,}8 = 0{,}19", lambda: ap(d[1], 0.19, 6)),
        (r"\delta_2 &= 2 + 0{,}99\cdot 0{,}6 - 1{,}0 = 1{,}594", lambda: ap(d[2], 1.594, 6)),
        (r"\hat A_2 &= \delta_2 = 1{,}594", lambda: ap(A[2], 1.594, 6)),
        (r"\hat A_1 &= 0{,}19 + 0{,}9405\cdot 1{,}594 = 0{,}19 + 1{,}4992 = 1{,}6892",
         lambda: ap(0.9405 * 1.594, 1.4992, 4) and ap(A[1], 1.6892, 4)),
        (r"\hat A_0 &= 1{,}292 + 0{,}9405 \cdot 1{,}6892",
         lambda: ap(0.9405 * A[1], 1.5887, 4) and ap(A[0], 2.8807, 4)),
        (r"$\hat R_0 \approx 3{,}3807$",
         lambda: apv(A + np.array(V[:3]), [3.3807, 2.4892, 2.594], 4)),
        (r"Met $\lambda = 0$ krijg je gewoon $\hat A_t = \delta_t$", lambda: np.allclose(A0, d0)),
        (r"de recursie geeft $\hat A_1 = 0{,}19 + 0{,}99\cdot 1{,}594 = 1{,}76806$",
         lambda: ap(A1[1], 1.76806, 8) and ap(A1[0], 3.0424, 4)),
        (r"1 + 0{,}99\cdot 0 + 0{,}99^2\cdot 2 + 0{,}99^3\cdot 0{,}6 - 0{,}5",
         lambda: ap(0.99 ** 2 * 2, 1.9602, 4) and ap(0.99 ** 3 * 0.6, 0.5822, 4) and ap(mc0, 3.0424, 4)
         and ap(mc0, A1[0], 9)),
    ]


def checks_12():
    g, lam = 0.9, 0.8
    rews = [0, 1, -1, 3]
    V = [1.0, 1.2, 0.5, 2.0, 0.0]
    d, A = gae(rews, V, g, lam)
    _, A1 = gae(rews, V, g, 1.0)
    G3 = 3
    return [
        (r"$$\delta_0 = 0 + 0{,}9\cdot 1{,}2 - 1{,}0 = 0{,}08$$", lambda: ap(d[0], 0.08, 6)),
        (r"$$\delta_1 = 1 + 0{,}72\cdot 0{,}5 - 1{,}2 = 0{,}16$$", lambda: ap(d[1], 0.16, 6)),
        (r"$$\delta_2 = -1 + 0{,}9 \cdot 2{,}0 - 0{,}5 = 0{,}3$$", lambda: ap(d[2], 0.3, 6)),
        (r"$$\delta_3 = 3 + 0{,}9\cdot 0 - 2{,}0 = 1{,}0$$", lambda: ap(d[3], 1.0, 6)),
        (r"Ta có $\gamma\lambda = 0{,}9 \cdot 0{,}8 = 0{,}72$", lambda: ap(g * lam, 0.72, 9)),
        (r"\hat A_3 &= 1{,}0", lambda: ap(A[3], 1.0, 6)),
        (r"\hat A_2 &= 0{,}3 + 0{,}72\cdot 1{,}0 = 1{,}02", lambda: ap(A[2], 1.02, 6)),
        (r"\hat A_1 &= 0{,}16 + 0{,}72 \cdot 1{,}02", lambda: ap(0.72 * 1.02, 0.7344, 6) and ap(A[1], 0.8944, 4)),
        (r"\hat A_0 &= 0{,}08 + 0{,}72\cdot 0{,}8944", lambda: ap(A[0], 0.7240, 4)),
        (r"$$\hat R = (1{,}7240;", lambda: apv(A + np.array(V[:4]), [1.7240, 2.0944, 1.52, 3.0], 4)),
        (r"Khi $\lambda = 0$ thì $\hat A_t = \delta_t$", lambda: np.allclose(gae(rews, V, g, 0)[1], d)),
        (r"$G_3 - V(s_3) = 3 - 2{,}0 = 1{,}0 = \delta_3$",
         lambda: ap(G3 - V[3], 1.0, 9) and ap(A1[3], 1.0, 9) and ap(d[3], 1.0, 9)),
    ]


# ---------------------------------------------------------------- 13 / 14 PPO
def ell(r, A, eps=0.2):
    return min(r * A, float(np.clip(r, 1 - eps, 1 + eps)) * A)


def dell(r, A, eps=0.2, h=1e-6):
    return (ell(r + h, A, eps) - ell(r - h, A, eps)) / (2 * h)


def row(r, A, rA, cA, l, dl):
    return (ap(r * A, rA, 6) and ap(float(np.clip(r, 0.8, 1.2)) * A, cA, 6)
            and ap(ell(r, A), l, 6) and ap(dell(r, A), dl, 5))


def checks_13():
    eps = 0.2

    def case_pos():
        for _ in range(200):
            r = rng.uniform(0.2, 2.0); A = rng.uniform(0.1, 3)
            if abs(r - 1.2) < 1e-3:
                continue
            if not ap(ell(r, A), min(r, 1 + eps) * A, 9):
                return False
            if not ap(dell(r, A), A if r < 1 + eps else 0.0, 5):
                return False
        return True

    def case_neg():
        for _ in range(200):
            r = rng.uniform(0.2, 2.0); A = -rng.uniform(0.1, 3)
            if abs(r - 0.8) < 1e-3:
                continue
            if not ap(ell(r, A), max(r, 1 - eps) * A, 9):
                return False
            if not ap(dell(r, A), 0.0 if r < 1 - eps else A, 5):
                return False
        return True
    rows = [(1.1, 2), (1.5, 2), (0.7, -1), (1.4, -1), (0.6, 2)]
    mean = np.mean([ell(r, A) for r, A in rows])
    rr = math.exp(-1.0 + 1.2)
    z = np.zeros(2)

    def lz(zz, a=0, pold=0.45, A=1.0):
        return ell(softmax(zz)[a] / pold, A)
    return [
        (r"At $\theta = \theta_{\text{old}}$ we have $r_t = 1$", lambda: ap(ell(1.0, 1.7), 1.7, 9) and ap(dell(1.0, 1.7), 1.7, 5)),
        (r"- $A > 0$: $\ell(r) = \min(r, 1+\epsilon)\,A$", case_pos),
        (r"- $A < 0$: $\ell(r) = \max(r, 1-\epsilon)\,A$", case_neg),
        (r"| 1.1 | 2 | 2.2 | 2.2 | 2.2 | 2 |", lambda: row(1.1, 2, 2.2, 2.2, 2.2, 2)),
        (r"| 1.5 | 2 | 3.0 | 2.4 | 2.4 | 0 |", lambda: row(1.5, 2, 3.0, 2.4, 2.4, 0)),
        (r"| 0.7 | −1 | −0.7 | −0.8 | −0.8 | 0 |", lambda: row(0.7, -1, -0.7, -0.8, -0.8, 0)),
        (r"| 1.4 | −1 | −1.4 | −1.2 | −1.4 | −1 |", lambda: row(1.4, -1, -1.4, -1.2, -1.4, -1)),
        (r"| 0.6 | 2 | 1.2 | 1.6 | 1.2 | 2 |", lambda: row(0.6, 2, 1.2, 1.6, 1.2, 2)),
        (r"= \frac{3.6}{5} = 0.72 .", lambda: ap(sum(ell(r, A) for r, A in rows), 3.6, 6) and ap(mean, 0.72, 6)),
        (r"Only rows 1, 4 and 5 contribute gradient.",
         lambda: [i + 1 for i, (r, A) in enumerate(rows) if abs(dell(r, A)) > 1e-6] == [1, 4, 5]),
        (r"gives $r = e^{0.2} \approx 1.2214 > 1.2$", lambda: ap(rr, 1.2214, 4) and rr > 1.2),
        (r"With $A = 0.5$: $rA \approx 0.6107$",
         lambda: ap(rr * 0.5, 0.6107, 4) and ap(ell(rr, 0.5), 0.6, 9) and ap(dell(rr, 0.5), 0, 6)),
        (r"$$\nabla_z \ell = A\, r\,(e_a - \pi).$$",
         lambda: (lambda zz: np.allclose(fd_grad(lambda q: lz(q, 0, 0.6, 1.3), zz),
                                         1.3 * (softmax(zz)[0] / 0.6) * (np.eye(2)[0] - softmax(zz)), atol=1e-6))(
             np.array([0.1, 0.0]))),
        (r"Then $r = 0.5/0.45 \approx 1.1111 < 1.2$", lambda: ap(0.5 / 0.45, 1.1111, 4)),
        (r"\approx \begin{pmatrix} 0.5556 \\ -0.5556 \end{pmatrix}.",
         lambda: apv(fd_grad(lz, z), [0.5556, -0.5556], 4)),
    ]


def checks_14():
    pi = np.array([0.35, 0.45, 0.20])
    # logits reproducing pi
    zz = np.log(pi)

    def lz(z):
        return ell(softmax(z)[0] / 0.5, 1.5)
    grad = fd_grad(lz, zz)

    def minrule():
        for _ in range(200):
            r = rng.uniform(0.2, 2); A = rng.normal()
            c = float(np.clip(r, 0.8, 1.2)) * A
            if abs(r * A - c) < 1e-3:
                continue
            want = A if r * A < c else 0.0
            if not ap(dell(r, A), want, 5):
                return False
        return True
    return [
        (r"kırpılmış terimi seçerse $\partial\ell/\partial r = 0$", minrule),
        (r"$\ell = \min(1{,}05;\ 1{,}2) = 1{,}05$ ve $\partial\ell/\partial r = 1{,}5$",
         lambda: ap(ell(0.7, 1.5), 1.05, 6) and ap(0.8 * 1.5, 1.2, 6) and ap(dell(0.7, 1.5), 1.5, 5)),
        (r"$\ell = \min(1{,}95;\ 1{,}8) = 1{,}8$ ve $\partial\ell/\partial r = 0$",
         lambda: ap(1.3 * 1.5, 1.95, 6) and ap(ell(1.3, 1.5), 1.8, 6) and ap(dell(1.3, 1.5), 0, 5)),
        (r"$\ell = \min(-0{,}7;\ -0{,}8) = -0{,}8$ ve $\partial\ell/\partial r = 0$",
         lambda: ap(ell(0.7, -1), -0.8, 6) and ap(dell(0.7, -1), 0, 5)),
        (r"$\ell = \min(-1{,}5;\ -1{,}2) = -1{,}5$ ve $\partial\ell/\partial r = 0$",
         lambda: ap(ell(1.5, -1), -1.5, 6) and ap(dell(1.5, -1), 0, 5)),
        (r"$1-\varepsilon < r < 1+\varepsilon$ aralığında ve Durum 1'de",
         lambda: abs(dell(1.5, -1)) < 1e-9),
        (r"\nabla_z \ell = \hat A\,\nabla_z r = \hat A\, r\,\nabla_z \log\pi_\theta(a)",
         lambda: (lambda z: np.allclose(fd_grad(lambda q: ell(softmax(q)[1] / 0.4, -0.7), z),
                                        -0.7 * (softmax(z)[1] / 0.4) * (np.eye(3)[1] - softmax(z)), atol=1e-6))(
             np.array([0.1, -0.2, 0.3]))),
        (r"yani gerçekten $r = 0{,}35/0{,}5 = 0{,}7$",
         lambda: ap(0.35 / 0.5, 0.7, 9) and ap(1.5 * 0.7, 1.05, 9)),
        (r"\nabla_z \ell = 1{,}05 \begin{pmatrix} 0{,}65",
         lambda: apv(np.eye(3)[0] - pi, [0.65, -0.45, -0.20], 9) and apv(grad, [0.6825, -0.4725, -0.21], 5)),
        (r"Bileşenlerin toplamı $0$", lambda: abs(grad.sum()) < 1e-6),
    ]


# ---------------------------------------------------------------- 15
def checks_15():
    def H_of_p(p):
        return -np.sum(p * np.log(p))

    def H(z):
        return H_of_p(softmax(z))
    z0 = rng.normal(size=4)
    p0 = softmax(z0)
    H0 = H_of_p(p0)
    gfd = fd_grad(H, z0)
    q = rng.dirichlet(np.ones(4))
    J = np.diag(p0) - np.outer(p0, p0)
    Jfd = np.array([fd_grad(lambda zz, i=i: softmax(zz)[i], z0) for i in range(4)])
    lp = np.log(p0)
    line1 = -np.array([np.sum((lp + 1) * p0 * ((np.arange(4) == b) - p0[b])) for b in range(4)])
    line2 = -p0 * (lp + 1) + p0 * np.sum(p0 * (lp + 1))
    line3 = -p0 * (lp + 1) + p0 * (1 - H0)
    line4 = -p0 * (lp + H0)
    z = np.array([2.0, 1.0, 0.0])
    p = softmax(z)
    Hz = H(z)
    g = fd_grad(H, z)
    # "typical" interpretation: sign of gradient positive iff log pi_b < -H
    interp = all(((gg > 0) == (l < -H0)) for gg, l in zip(gfd, lp))
    return [
        (r"\frac{\partial H}{\partial \pi_a} = -\big(\log\pi_a + 1\big).",
         lambda: np.allclose(fd_grad(H_of_p, q), -(np.log(q) + 1), atol=1e-6)),
        (r"\dfrac{\partial \pi_a}{\partial z_b} = \pi_a(\delta_{ab} - \pi_b)", lambda: np.allclose(J, Jfd, atol=1e-7)),
        (r"&= -\sum_a (\log\pi_a + 1)\,\pi_a(\delta_{ab} - \pi_b)", lambda: np.allclose(line1, gfd, atol=1e-6)),
        (r"&= -\pi_b(\log\pi_b + 1) + \pi_b \sum_a", lambda: np.allclose(line2, gfd, atol=1e-6)),
        (r"&= -\pi_b(\log\pi_b + 1) + \pi_b(1 - H)", lambda: np.allclose(line3, gfd, atol=1e-6)),
        (r"&= -\pi_b\big(\log\pi_b + H\big).", lambda: np.allclose(line4, gfd, atol=1e-6)),
        (r"= -\sum_b \pi_b\log\pi_b - H = H - H = 0$",
         lambda: ap(-np.sum(p0 * lp), H0, 12) and abs(gfd.sum()) < 1e-6),
        (r"**Interpretace.** Gradient je kladný právě pro akce", lambda: interp),
        (r"\pi \approx (0{,}6652;\ 0{,}2447;\ 0{,}0900)",
         lambda: apv(p, [0.6652, 0.2447, 0.0900], 4) and apv(np.log(p), [-0.4076, -1.4076, -2.4076], 4)),
        (r"entropie vychází $H = -\sum_a \pi_a\log\pi_a \approx 0{,}8324$",
         lambda: ap(Hz, 0.8324, 4) and ap(math.log(3), 1.0986, 4)),
        (r"-0{,}6652\,(-0{,}4076 + 0{,}8324)",
         lambda: ap(p[0], 0.6652, 4) and ap(np.log(p[0]), -0.4076, 4) and ap(Hz, 0.8324, 4)),
        (r"-0{,}2447\,(-1{,}4076 + 0{,}8324)",
         lambda: ap(p[1], 0.2447, 4) and ap(np.log(p[1]), -1.4076, 4)),
        (r"-0{,}0900\,(-2{,}4076 + 0{,}8324)",
         lambda: ap(p[2], 0.0900, 4) and ap(np.log(p[2]), -2.4076, 4)
         and apv(-p * (np.log(p) + Hz), g, 7)),
        (r"\begin{pmatrix} -0{,}2826 \\ 0{,}1408", lambda: apv(g, [-0.2826, 0.1408, 0.1418], 4)),
        (r"Součet složek je $-0{,}2826 + 0{,}1408 + 0{,}1418 = 0$",
         lambda: ap(-0.2826 + 0.1408 + 0.1418, 0, 9)),
        (r"\nabla_z(-c_H H) \approx (0{,}002826",
         lambda: apv(-0.01 * g, [0.002826, -0.001408, -0.001418], 6)),
        (r"takže krok gradientního sestupu snižuje $z_1$",
         lambda: (-0.01 * g)[0] > 0 and all((-0.01 * g)[1:] < 0)),
        (r"je $\log\pi_b + H = -\ln K + \ln K = 0$",
         lambda: np.allclose(fd_grad(H, np.zeros(5)), 0, atol=1e-7) and ap(H(np.zeros(5)), math.log(5), 9)),
    ]


# ---------------------------------------------------------------- 16
def checks_16():
    w0 = rng.normal(size=3); x0 = rng.normal(size=3); U = rng.normal()
    f = lambda w: 0.5 * (U - w @ x0) ** 2
    gfd = fd_grad(f, w0)
    xn = rng.normal(size=3); R = rng.normal(); gm = 0.8
    fres = lambda w: 0.5 * (R + gm * w @ xn - w @ x0) ** 2
    dl = R + gm * w0 @ xn - w0 @ x0
    x = np.array([1.0, 0, 2]); x2 = np.array([0, 1.0, 1]); w = np.array([0.5, -0.2, 0.1])
    v, v2 = w @ x, w @ x2
    d = 1 + 0.9 * v2 - v
    dw = 0.1 * d * x
    wn = w + dw
    return [
        (r"Here $d = 3$, so there are 3 trainable parameters",
         lambda: w.size == 3 and np.allclose(fd_grad(lambda ww: ww @ x0, w0), x0, atol=1e-7)),
        (r"\nabla_w \tfrac12\big(U_t - w^\top x_t\big)^2 = \big(U_t - w^\top x_t\big)\,x_t ,",
         lambda: np.allclose(gfd, (U - w0 @ x0) * x0, atol=1e-6)),
        (r"$$w \leftarrow w + \alpha\,\big(U_t - w^\top x_t\big)\,x_t .$$",
         lambda: np.allclose(-gfd, (U - w0 @ x0) * x0, atol=1e-6)),
        (r"the residual-gradient direction $-\delta_t(\gamma x_{t+1} - x_t)$",
         lambda: np.allclose(-fd_grad(fres, w0), -dl * (gm * xn - x0), atol=1e-6)),
        (r"\hat v(s_t) = 0.5 + 0 + 0.2 = 0.7", lambda: ap(v, 0.7, 9) and ap(v2, -0.1, 9)),
        (r"\delta_t = 1 + 0.9\cdot(-0.1) - 0.7 = 0.21", lambda: ap(d, 0.21, 9)),
        (r"= 0.021 \begin{pmatrix}1\\0\\2\end{pmatrix}",
         lambda: ap(0.1 * d, 0.021, 9) and apv(dw, [0.021, 0, 0.042], 9) and apv(wn, [0.521, -0.2, 0.142], 9)),
        (r"$\hat v(s_t) = 0.521 + 2\cdot 0.142 = 0.805$", lambda: ap(wn @ x, 0.805, 9)),
        (r"The TD target was $0.91$", lambda: ap(1 + 0.9 * v2, 0.91, 9)),
        (r"by $0.105 = \alpha\,\delta_t\,\|x_t\|^2 = 0.1\cdot 0.21\cdot 5$",
         lambda: ap(wn @ x - v, 0.105, 9) and ap(x @ x, 5, 9) and ap(0.1 * d * (x @ x), 0.105, 9)),
        (r"we would have $d = \binom{2+2}{2} = 6$ weights",
         lambda: math.comb(4, 2) == 6 and len([(i, j) for i in range(3) for j in range(3) if i + j <= 2]) == 6),
    ]


FILES = {
    "01_diskontierte_rueckgabe_de.md": checks_01,
    "02_bellman_esperance_fr.md": checks_02,
    "03_ecuacion_optimalidad_es.md": checks_03,
    "04_td_zero_pt.md": checks_04,
    "05_td_lambda_tracce_it.md": checks_05,
    "06_q_learning_sarsa_ru.md": checks_06,
    "07_sarsa_lianxu_gengxin_zh.md": checks_07,
    "08_softmax_log_gradient_ja.md": checks_08,
    "09_reinforce_jeongchaek_gyeongsa_ko.md": checks_09,
    "10_baseline_wariancja_pl.md": checks_10,
    "11_gae_stap_voor_stap_nl.md": checks_11,
    "12_gae_tap_kin_vi.md": checks_12,
    "13_ppo_clipped_objective_en.md": checks_13,
    "14_ppo_gradyan_durumlari_tr.md": checks_14,
    "15_gradient_entropie_cs.md": checks_15,
    "16_semi_gradient_linear_td_en.md": checks_16,
}


def locate(lines, sub, fname):
    hits = [i + 1 for i, ln in enumerate(lines) if sub in ln]
    if len(hits) != 1:
        raise AssertionError(f"{fname}: substring {sub!r} found on lines {hits}")
    return hits[0]


def main():
    with open(os.path.join(HERE, "expected.json"), encoding="utf-8") as fh:
        expected = json.load(fh)
    assert set(expected) == set(FILES), "expected.json and FILES disagree"
    ok_all = True
    for fname, maker in FILES.items():
        with open(os.path.join(HERE, fname), encoding="utf-8") as fh:
            lines = fh.read().split("\n")
        checks = [(locate(lines, sub, fname), fn) for sub, fn in maker()]
        checks.sort(key=lambda t: t[0])
        first_bad = None
        for ln, fn in checks:
            try:
                good = bool(fn())
            except Exception as exc:  # a crash counts as failure
                print(f"  {fname}:{ln} raised {exc!r}")
                good = False
            if not good:
                first_bad = ln
                break
        exp = expected[fname]
        if first_bad == exp:
            print(f"OK   {fname}: first failing line = {first_bad}")
        else:
            ok_all = False
            print(f"FAIL {fname}: first failing line = {first_bad}, expected {exp}")
    if not ok_all:
        sys.exit(1)


if __name__ == "__main__":
    main()
