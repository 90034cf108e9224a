"""Independent numerical truth check for the corpus (NumPy only)."""
import json, os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(131)


def ap(x, v, d):
    """x rounds to the printed value v with d decimals."""
    return bool(np.all(np.abs(np.asarray(x, float) - np.asarray(v, float)) <= 0.5 * 10.0 ** (-d) + 1e-9))


def eq(x, v, tol=1e-9):
    return bool(np.all(np.abs(np.asarray(x, float) - np.asarray(v, float)) <= tol))


def sm(z):
    e = np.exp(z - np.max(z))
    return e / e.sum()


def sig(x):
    return 1.0 / (1.0 + np.exp(-x))


def fd(f, x, h=1e-6):
    x = np.asarray(x, float)
    g = np.zeros_like(x)
    for i in range(x.size):
        e = np.zeros_like(x); e.flat[i] = h
        g.flat[i] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def fd1(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)


def logsm(z, a):
    return np.log(sm(z)[a])


def check_score_softmax(tau=1.0, trials=5):
    ok = True
    for _ in range(trials):
        K = rng.integers(2, 6); z = rng.normal(size=K); a = rng.integers(K)
        num = fd(lambda zz: np.log(sm(zz / tau)[a]), z)
        ok &= eq(num, (np.eye(K)[a] - sm(z / tau)) / tau, 1e-6)
    return ok


def check_score_softmax_no_tau_with_tau(tau):
    ok = True
    for _ in range(5):
        K = rng.integers(2, 6); z = rng.normal(size=K); a = rng.integers(K)
        num = fd(lambda zz: np.log(sm(zz / tau)[a]), z)
        ok &= eq(num, np.eye(K)[a] - sm(z / tau), 1e-6)
    return ok


def ppo_L(r, A, eps=0.2):
    return min(r * A, np.clip(r, 1 - eps, 1 + eps) * A)


C = {}

# ---------------- 01 ----------------
z = np.array([1.0, 2.0, 0.5]); p = sm(z); Z = np.exp(z).sum()
C['01_softmax_score_en.md'] = [
    (r"\frac{\partial \log \pi(a)}{\partial z_j} = \mathbb{1}[a=j] - \pi(j),", check_score_softmax()),
    (r"= 1 - 1 = 0", eq((np.eye(3)[0] - p).sum(), 0)),
    (r"\pi - \pi = 0 .", eq(sum(p[a] * (np.eye(3)[a] - p) for a in range(3)), 0)),
    (r"e^{1} \approx 2.7183", ap(np.exp([1, 2, 0.5]), [2.7183, 7.3891, 1.6487], 4)),
    (r"Z = \sum_b e^{z_b} \approx 11.7561", ap(Z, 11.7561, 4) and ap(np.log(Z), 2.4644, 4)),
    (r"\pi \approx (0.2312,\ 0.6285,\ 0.1402)", ap(p, [0.2312, 0.6285, 0.1402], 4)),
    (r"\log \pi(1) = z_1 - \log Z", ap(np.log(p[0]), -1.4644, 4) and eq(1.0 - 2.4644, -1.4644)),
    (r"e_1 - \pi \approx (0.7688", ap(np.eye(3)[0] - p, [0.7688, -0.6285, -0.1402], 4)),
    (r"Check: $0.7688 - 0.6285 - 0.1402 = 0.0001$", eq(0.7688 - 0.6285 - 0.1402, 0.0001)),
]

# ---------------- 02 ----------------
th1 = 0.1 * 1 * (np.eye(3)[1] - np.ones(3) / 3); p1 = sm(th1)
g2 = np.eye(3)[2] - p1; th2 = th1 + 0.2 * g2
C['02_reinforce_banditen_de.md'] = [
    (r"\nabla_\theta \log \pi_\theta(a) = e_a - \pi_\theta ,", check_score_softmax()),
    (r"\nabla_\theta \log \pi(2) = \left(-\tfrac13", eq(fd(lambda t: logsm(t, 1), np.zeros(3)), [-1/3, 2/3, -1/3], 1e-6)),
    (r"\theta = \left(-\tfrac{1}{30}", eq(th1, [-1/30, 2/30, -1/30]) and ap(th1, [-0.0333, 0.0667, -0.0333], 4)),
    (r"e^{-0{,}0333} \approx 0{,}9672", ap(np.exp(th1[[0, 1]]), [0.9672, 1.0689], 4)),
    (r"\approx 3{,}0034,$$", ap(np.exp(th1).sum(), 3.0034, 4) and eq(2*np.exp(-1/30)+np.exp(2/30), np.exp(th1).sum())),
    (r"$$\pi \approx (0{,}3220;\ 0{,}3559;\ 0{,}3220).$$", ap(p1, [0.3220, 0.3559, 0.3220], 4)),
    (r"e_3 - \pi \approx (0{,}3220;", ap(fd(lambda t: logsm(t, 2), th1), [0.3220, 0.3559, 0.6780], 4)),
    (r"\Delta\theta = 0{,}2 \cdot", ap(0.2 * g2, [0.0644, 0.0712, 0.1356], 4)),
    (r"\theta \approx (0{,}0311;", ap(th2, [0.0311, 0.1379, 0.1023], 4)),
]

# ---------------- 03 ----------------
R = [1, 0, -2, 3]
def G(t, g, R=R):
    return sum(g ** k * R[t + k] for k in range(len(R) - t))
def rec_ok():
    ok = True
    for _ in range(5):
        Rr = list(rng.normal(size=6)); g = rng.uniform(0, 1)
        for t in range(5):
            ok &= eq(G(t, g, Rr), Rr[t] + g * G(t + 1, g, Rr))
    return ok
C['03_retours_actualises_fr.md'] = [
    (r"= R_{t+1} + \gamma\, G_{t+1},$$", rec_ok()),
    (r"$$G_3 = R_4 = 3$$", eq(G(3, 0.9), 3)),
    (r"$$G_2 = R_3 + \gamma G_3", eq(G(2, 0.9), 0.7) and eq(-2 + 0.9 * 3, 0.7)),
    (r"$$G_1 = R_2 + \gamma G_2", eq(G(1, 0.9), 0.63) and eq(0.9 * 0.7, 0.63)),
    (r"$$G_0 = R_1 + \gamma G_1", eq(G(0, 0.9), 1.567) and eq(1 + 0.9 * 0.63, 1.567)),
    (r"= 1 - 1{,}62 + 2{,}187 = 1{,}567", eq(0.81 * -2, -1.62) and eq(0.729 * 3, 2.187) and eq(1 - 1.62 + 2.187, 1.567)),
    (r"$$G_0 = 1 + 0{,}25 \cdot (-2)", eq(G(0, 0.5), 0.875)),
    (r"$G_0 = 1 + 0 - 2 + 3 = 2$", eq(G(0, 1.0), 2)),
    (r"$\gamma^3 = 0{,}729$ à $\gamma^3 = 0{,}125$", eq(0.9 ** 3, 0.729) and eq(0.5 ** 3, 0.125)),
]

# ---------------- 04 ----------------
pa = np.array([0.5, 0.5]); sc = np.array([1 - sig(0.0), -sig(0.0)]); Rw = np.array([3.0, 1.0])
g = Rw * sc; Eg = (pa * g).sum(); Eg2 = (pa * g ** 2).sum()
J = lambda t: 3 * sig(t) + 1 * (1 - sig(t))
t0 = rng.normal()
C['04_linea_base_ventaja_es.md'] = [
    (r"\frac{d}{d\theta}\log\sigma(\theta) = 1 - \sigma(\theta)",
     eq(fd1(lambda t: np.log(sig(t)), t0), 1 - sig(t0), 1e-6) and eq(fd1(lambda t: np.log(1 - sig(t)), t0), -sig(t0), 1e-6)),
    (r"En $\theta=0$ valen $0{,}5$ y $-0{,}5$", eq(sc, [0.5, -0.5])),
    (r"\nabla_\theta J = \sum_a", eq(Eg, 0.5) and eq(fd1(J, 0.0), 0.5, 1e-6)),
    (r"toma el valor $1{,}5$", eq(g, [1.5, -0.5]) and eq(Eg, 0.5)),
    (r"\mathbb{E}[g^2] = 0{,}5 \cdot 2{,}25", eq(Eg2, 1.25)),
    (r"\operatorname{Var}[g] =", eq(Eg2 - Eg ** 2, 0.75)),
    (r"b = V = \mathbb{E}_\pi[R]", eq((pa * Rw).sum(), 2)),
    (r"A(1) = R(1) - b = 1", eq(Rw - 2, [1, -1])),
    (r"vale $1\cdot 0{,}5 = 0{,}5$", eq((Rw - 2) * sc, [0.5, 0.5])),
    (r"y la varianza pasa de $0{,}75$ a $0$", eq(Eg2 - Eg ** 2, 0.75) and eq(np.var((Rw - 2) * sc), 0)),
]

# ---------------- 05 ----------------
r5 = np.array([1, 0, 2.0]); V5 = np.array([0.5, 0.8, 0.4, 0.0]); gm, lm = 0.9, 0.8
d5 = r5 + gm * V5[1:] - V5[:-1]
A5 = np.array([sum((gm * lm) ** l * d5[t + l] for l in range(3 - t)) for t in range(3)])
def gae_rec_ok():
    ok = True
    for _ in range(5):
        d = rng.normal(size=6); c = rng.uniform()
        A = [sum(c ** l * d[t + l] for l in range(6 - t)) for t in range(6)] + [0]
        ok &= all(eq(A[t], d[t] + c * A[t + 1]) for t in range(6))
    return ok
C['05_gae_lambda_pt.md'] = [
    (r"\hat A_t = \delta_t + \gamma\lambda\, \hat A_{t+1}", gae_rec_ok()),
    (r"logo $\gamma\lambda = 0{,}72$", eq(gm * lm, 0.72)),
    (r"$$\delta_0 = 1 + 0{,}9 \cdot 0{,}8 - 0{,}5 = 1{,}22$$", eq(d5[0], 1.22)),
    (r"$$\delta_1 = 0 + 0{,}9 \cdot 0{,}4 - 0{,}8 = -0{,}44$$", eq(d5[1], -0.44)),
    (r"$$\delta_2 = 2 + 0{,}9 \cdot 0 - 0{,}4 = 1{,}6$$", eq(d5[2], 1.6)),
    (r"$$\hat A_2 = \delta_2 = 1{,}6$$", eq(A5[2], 1.6)),
    (r"$$\hat A_1 = \delta_1 + 0{,}9", eq(A5[1], 1.0)),
    (r"$$\hat A_0 = \delta_0 + 0{,}72", eq(A5[0], 1.94)),
    (r"\hat R_0 = 2{,}44", eq(A5 + V5[:3], [2.44, 1.8, 2.0])),
]

# ---------------- 06 ----------------
def case(r, A, L, dLdr):
    return eq(ppo_L(r, A), L) and eq(fd1(lambda x: ppo_L(x, A), r), dLdr, 1e-6)
def grad_theta_ok():
    ok = True
    for _ in range(5):
        zz = rng.normal(size=3); a = 0; pold = sm(zz)[a] * 1.05; A = rng.normal()
        f = lambda q: sm(q)[a] / pold * A
        r = sm(zz)[a] / pold
        ok &= eq(fd(f, zz), A * r * (np.eye(3)[a] - sm(zz)), 1e-6)
        ok &= eq(fd(lambda q: sm(q)[a] / pold, zz), r * (np.eye(3)[a] - sm(zz)), 1e-6)
    return ok
def summary_ok():
    ok = True
    for _ in range(200):
        r = rng.uniform(0.3, 1.8); A = rng.normal()
        if abs(abs(r - 1) - 0.2) < 1e-3: continue
        active = (0.8 <= r <= 1.2) or (A > 0 and r < 0.8) or (A < 0 and r > 1.2)
        ok &= eq(fd1(lambda x: ppo_L(x, A), r), A if active else 0.0, 1e-5)
        ok &= ppo_L(r, A) <= r * A + 1e-12
    return ok
C['06_ppo_clip_casi_it.md'] = [
    (r"$$\nabla_\theta L^{\text{CLIP}} = A\, r\,", grad_theta_ok()),
    (r"$rA = 3$", case(1.5, 2, 2.4, 0)),
    (r"$rA = 1{,}4$", case(0.7, 2, 1.4, 2)),
    (r"$rA = -0{,}7$", case(0.7, -1, -0.8, 0)),
    (r"$rA = -1{,}5$", case(1.5, -1, -1.5, -1)),
    (r"Dentro l'intervallo i due termini", case(1.1, 2, 2.2, 2)),
    (r"**Riassunto.** Il gradiente", summary_ok()),
    (r"$L^{\text{CLIP}} \le rA$.", summary_ok()),
]

# ---------------- 07 ----------------
z7 = np.array([0.2, 0.0, -0.3]); p7 = sm(z7); r7 = p7[0] / 0.3
def L7(zz, A):
    return ppo_L(sm(zz)[0] / 0.3, A)
C['07_ppo_grad_logits_ru.md'] = [
    (r"$e^{0{,}2} \approx 1{,}2214$", ap(np.exp(z7), [1.2214, 1, 0.7408], 4) and ap(np.exp(z7).sum(), 2.9622, 4)),
    (r"$$\pi \approx (0{,}4123;", ap(p7, [0.4123, 0.3376, 0.2501], 4)),
    (r"\approx \frac{0{,}4123}{0{,}3} \approx 1{,}3744", ap(r7, 1.3744, 4)),
    (r"$$\nabla_z r = r\,\nabla_z", eq(fd(lambda q: sm(q)[0] / 0.3, z7), r7 * (np.eye(3)[0] - p7), 1e-6)),
    (r"$rA \approx -0{,}6872$", ap(r7 * -0.5, -0.6872, 4) and eq(1.2 * -0.5, -0.6) and eq(L7(z7, -0.5), r7 * -0.5)),
    (r"\approx (-0{,}4039;", ap(fd(lambda q: L7(q, -0.5), z7), [-0.4039, 0.2320, 0.1719], 4)),
    (r"$rA \approx 1{,}3744$, клипнутый", ap(r7, 1.3744, 4) and eq(L7(z7, 1.0), 1.2)),
    (r"\approx (0{,}8077;", ap(fd(lambda q: L7(q, 1.0), z7), [0.8077, -0.4640, -0.3437], 4)),
]

# ---------------- 08 ----------------
def Hp(p): return -(p * np.log(p)).sum()
def Hz(z): return Hp(sm(z))
z8 = np.array([1.0, 0.0, -1.0]); p8 = sm(z8); H8 = Hz(z8); gH8 = fd(Hz, z8)
def ent_formula_ok(form):
    ok = True
    for _ in range(5):
        zz = rng.normal(size=4); pp = sm(zz); H = Hz(zz)
        ok &= eq(fd(Hz, zz), form(pp, H), 1e-6)
    return ok
def ent_sign_ok():
    ok = True
    for _ in range(20):
        zz = rng.normal(size=4) * 2; pp = sm(zz); gg = fd(Hz, zz)
        ok &= bool(np.all(np.sign(gg) == np.where(pp > np.exp(-Hz(zz)), -1, 1)))
    return ok
def jac_ok():
    zz = rng.normal(size=4); pp = sm(zz)
    Jn = np.array([fd(lambda q: sm(q)[i], zz) for i in range(4)])
    return eq(Jn, np.diag(pp) - np.outer(pp, pp), 1e-6)
pt = rng.uniform(0.1, 1, size=4)
C['08_entropy_bonus_zh.md'] = [
    (r"\dfrac{\partial H}{\partial \pi_i} = -(\log \pi_i + 1)", eq(fd(Hp, pt), -(np.log(pt) + 1), 1e-6)),
    (r"\dfrac{\partial \pi_i}{\partial z_j} = \pi_i(\delta_{ij} - \pi_j)", jac_ok()),
    (r"= -\pi_j\left(\log \pi_j - \sum_i \pi_i \log \pi_i\right)", ent_formula_ok(lambda pp, H: -pp * (np.log(pp) - (pp * np.log(pp)).sum()))),
    (r"\sum_i \pi_i(\delta_{ij}-\pi_j) = 0", eq((np.diag(pt / pt.sum()) - np.outer(pt / pt.sum(), pt / pt.sum())).sum(axis=0), 0)),
    (r"= -\pi_j\,(\log \pi_j + H).$$", ent_formula_ok(lambda pp, H: -pp * (np.log(pp) + H))),
    (r"概率大于 $e^{-H}$ 的动作", ent_sign_ok()),
    (r"\sum_i e^{z_i} \approx 4.0862", ap(np.exp(z8).sum(), 4.0862, 4)),
    (r"$$\pi \approx (0.6652,\ 0.2447,\ 0.0900),$$", ap(p8, [0.6652, 0.2447, 0.0900], 4)),
    (r"\log \pi \approx (-0.4076", ap(np.log(p8), [-0.4076, -1.4076, -2.4076], 4)),
    (r"H \approx 0.8324", ap(H8, 0.8324, 4)),
    (r"\nabla_z H \approx (-0.2826", ap(gH8, [-0.2826, 0.1408, 0.1418], 4)),
    (r"$-0.2826 + 0.1408 + 0.1418 = 0$", eq(-0.2826 + 0.1408 + 0.1418, 0)),
    (r"-\beta H \approx -0.0083", ap(-0.01 * H8, -0.0083, 4) and ap(-0.01 * gH8, [0.0028, -0.0014, -0.0014], 4)),
]

# ---------------- 09 ----------------
ph, ph2 = np.array([1, 0.5]), np.array([0, 1.0]); w9 = np.array([0.2, -0.4])
v = lambda w, f: w @ f
d9 = 1 + 0.9 * v(w9, ph2) - v(w9, ph); w9n = w9 + 0.1 * d9 * ph
C['09_td0_linear_ja.md'] = [
    (r"$$\nabla_{\mathbf w} \hat v(s;\mathbf w) = \phi(s),$$", eq(fd(lambda w: v(w, ph), w9), ph, 1e-6)),
    (r"$$\hat v(s) = 0.2 \cdot 1 + (-0.4)\cdot 0.5 = 0$$", eq(v(w9, ph), 0)),
    (r"$$\hat v(s') = 0.2 \cdot 0 + (-0.4) \cdot 1 = -0.4$$", eq(v(w9, ph2), -0.4)),
    (r"$$\delta = 1 + (-0.4) - 0 = 0.6$$", eq(d9, 0.6)),
    (r"= (0.26,\ -0.37)$$", eq(w9n, [0.26, -0.37])),
    (r"= 0.075$$", eq(v(w9n, ph), 0.075)),
    (r"も $-0.37$ に変わる", eq(v(w9n, ph2), -0.37)),
]

# ---------------- 10 ----------------
def logN(a, mu, s): return np.log(np.exp(-(a - mu) ** 2 / (2 * s ** 2)) / (np.sqrt(2 * np.pi) * s))
a_, m_, s_ = rng.normal(), rng.normal(), rng.uniform(0.3, 2)
xs = np.linspace(-12, 12, 200001); dens = np.exp(logN(xs, 0.0, 1.7)); dx = xs[1] - xs[0]
def sig_sign_ok():
    ok = True
    for _ in range(20):
        a, mu, s = rng.normal() * 2, rng.normal(), rng.uniform(0.3, 2)
        gs = fd1(lambda q: logN(a, mu, q), s)
        ok &= (gs > 0) == (abs(a - mu) > s)
    return ok
C['10_gaussian_score_ko.md'] = [
    (r"$$\log \pi(a) = -\frac{(a-\mu)^2}{2\sigma^2} - \log\sigma - \frac12 \log(2\pi)$$",
     eq(logN(a_, m_, s_), -(a_ - m_) ** 2 / (2 * s_ ** 2) - np.log(s_) - 0.5 * np.log(2 * np.pi))),
    (r"\frac{\partial \log\pi(a)}{\partial \mu} = \frac{a-\mu}{\sigma^2}", eq(fd1(lambda q: logN(a_, q, s_), m_), (a_ - m_) / s_ ** 2, 1e-6)),
    (r"\frac{\partial \log\pi(a)}{\partial \sigma} = \frac{(a-\mu)^2}{\sigma^3} - \frac{1}{\sigma}",
     eq(fd1(lambda q: logN(a_, m_, q), s_), (a_ - m_) ** 2 / s_ ** 3 - 1 / s_, 1e-6)),
    (r"$|a-\mu| > \sigma$ 이면 양수", sig_sign_ok()),
    (r"$$\log \pi(1.5) = -\frac{1}{8} - \log 2 - 0.9189 \approx -1.7371$$", ap(logN(1.5, 0.5, 2), -1.7371, 4) and ap(0.5 * np.log(2 * np.pi), 0.9189, 4)),
    (r"\frac{\partial \log\pi}{\partial \mu} = \frac{1}{4} = 0.25", eq(fd1(lambda q: logN(1.5, q, 2), 0.5), 0.25, 1e-6)),
    (r"\frac{1}{8} - \frac{1}{2} = -0.375", eq(fd1(lambda q: logN(1.5, 0.5, q), 2), -0.375, 1e-6)),
    (r"방향 기울기는 $-0.25$", eq(fd1(lambda q: logN(-0.5, q, 2), 0.5), -0.25, 1e-6) and eq(fd1(lambda q: logN(-0.5, 0.5, q), 2), -0.375, 1e-6)),
    (r"\frac{\sigma^2}{\sigma^3} - \frac{1}{\sigma} = 0.", eq(((xs ** 2 / 1.7 ** 3 - 1 / 1.7) * dens).sum() * dx, 0, 1e-7)),
    (r"\frac{(a-\mu)^2}{\sigma^2} - 1$ 을", eq(fd1(lambda q: logN(a_, m_, np.exp(q)), np.log(s_)), (a_ - m_) ** 2 / s_ ** 2 - 1, 1e-6)),
]

# ---------------- 11 ----------------
x11 = np.array([1, 2.0]); th = np.array([0.1, 0.3]); s11 = np.log(0.5); a11 = 1.0
def lp11(th, s): return logN(a11, th @ x11, np.exp(s))
gth = fd(lambda t: lp11(t, s11), th); gs = fd1(lambda q: lp11(th, q), s11)
thn = th + 0.05 * 2 * gth; sn = s11 + 0.05 * 2 * gs
C['11_gauss_logsigma_pl.md'] = [
    (r"$$\log\pi(a) = -\frac{(a-\theta^\top x)^2}{2e^{2s}} - s - \tfrac12\log 2\pi.$$",
     eq(lp11(th, s11), -(a11 - th @ x11) ** 2 / (2 * np.exp(2 * s11)) - s11 - 0.5 * np.log(2 * np.pi))),
    (r"\nabla_\theta \log \pi(a) = \frac{a-\mu}{\sigma^2}\,x",
     eq(fd(lambda t: logN(a_, t @ x11, s_), th), (a_ - th @ x11) / s_ ** 2 * x11, 1e-6) and
     eq(fd1(lambda q: logN(a_, m_, np.exp(q)), np.log(s_)), (a_ - m_) ** 2 / s_ ** 2 - 1, 1e-6)),
    (r"$$\mu = 0{,}1\cdot 1 + 0{,}3 \cdot 2 = 0{,}7", eq(th @ x11, 0.7) and eq(a11 - th @ x11, 0.3)),
    (r"= \frac{0{,}3}{0{,}25} = 1{,}2", eq(gth, [1.2, 2.4], 1e-6)),
    (r"= \frac{0{,}09}{0{,}25} - 1 = -0{,}64", eq(gs, -0.64, 1e-6)),
    (r"$$\theta = (0{,}1 + 0{,}12", eq(thn, [0.22, 0.54], 1e-6)),
    (r"$$s = \log 0{,}5 - 0{,}064", ap(s11, -0.6931, 4) and ap(sn, -0.7571, 4)),
    (r"\approx 0{,}4690.$$", ap(np.exp(sn), 0.4690, 4) and ap(np.exp(-0.7571), 0.4690, 4)),
    (r"$\mu = 0{,}22 + 2\cdot 0{,}54 = 1{,}30$", eq(thn @ x11, 1.30, 1e-6)),
    (r"**Odpowiedź:**", eq(thn, [0.22, 0.54], 1e-6) and ap(np.exp(sn), 0.469, 3)),
]

# ---------------- 12 ----------------
G1 = 2.0; G0 = 0 + 0.9 * 2
sA = fd1(lambda t: np.log(sig(t)), 0.0); sB = fd1(lambda t: np.log(1 - sig(t)), 1.0)
tA = 0 + 0.1 * G0 * sA; tB = 1 + 0.1 * G1 * sB
C['12_twee_stappen_episode_nl.md'] = [
    (r"$$G_1 = R_2 = 2,$$", eq(G1, 2)),
    (r"$$G_0 = R_1 + \gamma^2 R_2", eq(G0, 1.62)),
    (r"= 1 - \sigma(0) = 0{,}5,$$", eq(sA, 0.5, 1e-6)),
    (r"= -\sigma(1) \approx -0{,}7311.$$", ap(sB, -0.7311, 4)),
    (r"$$\theta_A \leftarrow 0 + 0{,}1", eq(tA, 0.081, 1e-6)),
    (r"$$\theta_B \leftarrow 1 + 0{,}1", ap(tB, 0.8538, 4)),
    (r"$$\sigma(0{,}081) \approx 0{,}5202", ap(sig(tA), 0.5202, 4) and ap(sig(tB), 0.7014, 4)),
]

# ---------------- 13 ----------------
r13 = np.array([1, 1.0]); V13 = np.array([2, 0.5, 0.0]); g13 = 0.5
d13 = r13 + g13 * V13[1:] - V13[:-1]
def A13(lam): return sum((g13 * lam) ** l * d13[l] for l in range(2))
def tele_ok():
    ok = True
    for _ in range(5):
        T = 5; r = rng.normal(size=T); V = np.append(rng.normal(size=T), 0.0); g = rng.uniform()
        d = r + g * V[1:] - V[:-1]
        for t in range(T):
            lhs = sum(g ** l * d[t + l] for l in range(T - t))
            Gt = sum(g ** l * r[t + l] for l in range(T - t))
            ok &= eq(lhs, Gt - V[t])
    return ok
C['13_gae_truong_hop_vi.md'] = [
    (r"= G_t - V(s_t),$$", tele_ok()),
    (r"\delta_0 = 1 + 0{,}5 \cdot 0{,}5 - 2 = -0{,}75", eq(d13, [-0.75, 0.5])),
    (r"Với $\lambda = 0$: $\hat A_0 = -0{,}75$", eq(A13(0), -0.75)),
    (r"= -0{,}75 + 0{,}25 = -0{,}5.$$", eq(A13(1), -0.5)),
    (r"$G_0 = r_0 + \gamma r_1 = 1 + 0{,}5 = 1{,}5$", eq(r13[0] + g13 * r13[1], 1.5)),
    (r"$$G_0 - V(s_0) = 1{,}5 - 2 = -0{,}5.$$", eq(1.5 - V13[0], -0.5) and eq(A13(1), 1.5 - V13[0])),
    (r"thì $\gamma\lambda = 0{,}25$", eq(g13 * 0.5, 0.25)),
    (r"$$\hat A_0 = -0{,}75 + 0{,}25 \cdot 0{,}5 = -0{,}625,$$", eq(A13(0.5), -0.625)),
]

# ---------------- 14 ----------------
A14 = np.array([2, -1, 0.5, 1.5]); m14 = A14.mean(); s14 = A14.std(); Ah = (A14 - m14) / s14
L14 = lambda l: -(Ah * l).sum() / 4
gL = fd(L14, rng.normal(size=4))
C['14_avantaj_normalizasyonu_tr.md'] = [
    (r"$$\bar A = \frac{2 - 1 + 0{,}5 + 1{,}5}{4} = 0{,}75$$", eq(m14, 0.75)),
    (r"Sapmalar $(1{,}25;", eq(A14 - m14, [1.25, -1.75, -0.25, 0.75]) and eq((A14 - m14) ** 2, [1.5625, 3.0625, 0.0625, 0.5625])),
    (r"\sum_i (A_i - \bar A)^2 = 5{,}25", eq(((A14 - m14) ** 2).sum(), 5.25) and eq(s14 ** 2, 1.3125) and ap(s14, 1.1456, 4)),
    (r"$$\hat A \approx (1{,}0911;", ap(Ah, [1.0911, -1.5275, -0.2182, 0.6547], 4)),
    (r"Kontrol: bu dört sayının", eq(Ah.sum(), 0) and eq((Ah ** 2).mean(), 1)),
    (r"= -\hat A_1 \approx -1{,}0911,$$", ap(gL[0], -1.0911, 4)),
    (r"= -\hat A_2 \approx 1{,}5275.$$", ap(gL[1], 1.5275, 4)),
]

# ---------------- 15 ----------------
def logpi_t(z, a, tau): return np.log(sm(z / tau)[a])
zr = rng.normal(size=3); tr = rng.uniform(0.3, 3)
g15a = fd(lambda q: logpi_t(q, 0, 0.5), np.array([2, 1.0]))
g15b = fd(lambda q: logpi_t(q, 0, 2.0), np.array([2, 1.0]))
C['15_softmax_teplota_cs.md'] = [
    (r"$$\log \pi(a) = \frac{z_a}{\tau} - \log \sum_b",
     eq(logpi_t(zr, 1, tr), zr[1] / tr - np.log(np.exp(zr / tr).sum()))),
    (r"= \mathbb{1}[a=j] - \pi(j).$$", check_score_softmax_no_tau_with_tau(0.5)),
    (r"\approx 0{,}8808, \qquad \pi(2) \approx 0{,}1192", ap(sm(np.array([4, 2.0])), [0.8808, 0.1192], 4) and eq(1 / (1 + np.exp(-2)), sm(np.array([4, 2.0]))[0])),
    (r"$$\nabla_z \log\pi(1) \approx (0{,}1192;", ap(g15a, [0.1192, -0.1192], 4)),
    (r"\approx 0{,}6225,$$", ap(sm(np.array([1, 0.5]))[0], 0.6225, 4)),
    (r"$$\nabla_z \log\pi(1) \approx (0{,}3775;", ap(g15b, [0.3775, -0.3775], 4)),
    (r"větší: $0{,}3775 > 0{,}1192$", g15b[0] > g15a[0]),
]

# ---------------- 16 ----------------
pold = 0.7 / 1.1
zz16 = np.log(np.array([0.7, 0.3]))
def Ltot(z, V=0.8, c1=0.5, c2=0.01, A=0.5):
    pp = sm(z); r = pp[0] / pold
    return -ppo_L(r, A) + c1 * (V - 1.0) ** 2 - c2 * Hp(pp)
H16 = Hp(np.array([0.7, 0.3]))
C['16_ppo_total_forlust_sv.md'] = [
    (r"\pi_{\text{old}}(1) \approx 0{,}6364", ap(pold, 0.6364, 4)),
    (r"Kvoten är $r = 0{,}7 / 0{,}6364 \approx 1{,}1$", ap(0.7 / 0.6364, 1.1, 1) and 0.8 <= 0.7 / pold <= 1.2),
    (r"L^{\text{CLIP}} = \min(1{,}1", eq(ppo_L(1.1, 0.5), 0.55) and eq(fd1(lambda r: -ppo_L(r, 0.5), 1.1), -0.5, 1e-6)),
    (r"c_1 (V - V^{\text{targ}})^2 = 0{,}5 \cdot 0{,}04",
     eq(0.5 * (0.8 - 1.0) ** 2, 0.02) and eq(fd1(lambda V: 0.5 * (V - 1.0) ** 2, 0.8), -0.2, 1e-6)),
    (r"$$H = -(0{,}7 \ln 0{,}7", ap(H16, 0.6109, 4) and ap(0.01 * H16, 0.0061, 4)),
    (r"$$L \approx -0{,}55 + 0{,}02 - 0{,}0061 = -0{,}5361.$$", ap(Ltot(zz16), -0.5361, 4) and eq(-0.55 + 0.02 - 0.0061, -0.5361)),
    (r"$\partial r/\partial z_1 = r\,(1 - \pi(1)) = 1{,}1 \cdot 0{,}3 = 0{,}33$",
     eq(fd(lambda q: sm(q)[0] / pold, zz16)[0], 0.33, 1e-6)),
    (r"\approx -0{,}7\,(-0{,}3567 + 0{,}6109)", ap(fd(lambda q: Hp(sm(q)), zz16)[0], -0.1779, 4) and ap(np.log(0.7), -0.3567, 4)),
    (r"\approx -0{,}165 + 0{,}0018 = -0{,}1632.$$", ap(fd(Ltot, zz16)[0], -0.1632, 4) and eq(-0.165 + 0.0018, -0.1632)),
]


def main():
    expected = json.load(open(os.path.join(HERE, 'expected.json'), encoding='utf-8'))
    files = sorted(f for f in os.listdir(HERE) if f.endswith('.md'))
    assert sorted(expected) == files, (sorted(expected), files)
    assert sorted(C) == files, set(C) ^ set(files)
    all_ok = True
    for f in files:
        lines = open(os.path.join(HERE, f), encoding='utf-8').read().split('\n')
        fails = []
        for sub, ok in C[f]:
            hits = [i + 1 for i, l in enumerate(lines) if sub in l]
            assert len(hits) == 1, (f, sub, hits)
            if not ok:
                fails.append(hits[0])
        first = min(fails) if fails else None
        status = 'OK' if first == expected[f] else 'MISMATCH'
        all_ok &= status == 'OK'
        print(f'{status:8s} {f}: first failing line {first}, expected {expected[f]}, claims {len(C[f])}')
    assert all_ok
    print('ALL OK')


if __name__ == '__main__':
    main()
