"""Independent numeric truth check for the corpus (NumPy only)."""
import json, os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(0)
sq = np.sqrt


def near(value, printed, decimals):
    """printed is value rounded to `decimals` places."""
    return abs(value - printed) <= 0.5 * 10.0 ** (-decimals) + 1e-12


def eq(a, b, tol=1e-9):
    return bool(np.allclose(a, b, atol=tol, rtol=tol))


def fd(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)


def cum(betas):
    return np.cumprod(1 - np.asarray(betas))


C = {}

# ---------- 01 (de) ----------
ab = cum([.1, .2, .3, .4, .5])
a1, a2 = .9, .8
e1, e2, x0 = rng.normal(size=3)
C["01_vorwaertsprozess_de.md"] = [
    ("= \\sqrt{\\alpha_2\\alpha_1}\\,x_0 + \\sqrt{\\alpha_2(1-\\alpha_1)}",
     eq(sq(a2) * (sq(a1) * x0 + sq(1 - a1) * e1) + sq(1 - a2) * e2,
        sq(a2 * a1) * x0 + sq(a2 * (1 - a1)) * e1 + sq(1 - a2) * e2)),
    ("= 1-\\alpha_1\\alpha_2 = 1-\\bar\\alpha_2", all(
        eq(p * (1 - q) + (1 - p), 1 - p * q) for p, q in rng.uniform(size=(5, 2)))),
    ("| 1 | 0,1 | 0,9 | 0,9 |", eq(ab[0], .9)),
    ("| 2 | 0,2 | 0,8 | 0,72 |", eq(ab[1], .72)),
    ("| 3 | 0,3 | 0,7 | 0,504 |", eq(ab[2], .504)),
    ("| 4 | 0,4 | 0,6 | 0,3024 |", eq(ab[3], .3024)),
    ("| 5 | 0,5 | 0,5 | 0,1512 |", eq(ab[4], .1512)),
    ("0{,}8\\cdot 0{,}1 = 0{,}08", eq(.8 * .1, .08) and eq(1 - .8, .2) and eq(.08 + .2, 1 - .72)),
    ("\\sqrt{0{,}1512} \\approx 0{,}3888", near(sq(ab[4]), .3888, 4) and near(sq(1 - ab[4]), .9213, 4)
     and eq(1 - ab[4], .8488)),
    ("knapp 39 %", .38 < sq(ab[4]) < .39),
]

# ---------- 02 (fr) ----------
xv = np.array([1, -1, .5]); ev = np.array([.2, .4, -1]); xt = .9 * xv + sq(.19) * ev
C["02_forme_fermee_fr.md"] = [
    ("= \\sqrt{0{,}36} = 0{,}6", eq(sq(.64), .8) and eq(sq(1 - .64), .6)),
    ("= 1{,}6 - 0{,}3 = 1{,}3", eq(.8 * 2 + .6 * -.5, 1.3)),
    ("1-\\bar\\alpha_t = 0{,}36$.", eq(.8 * 2, 1.6) and eq(1 - .64, .36)),
    ("{0{,}8} = 2", eq((1.3 - .6 * -.5) / .8, 2)),
    ("\\sqrt{0{,}81} = 0{,}9", eq(sq(.81), .9)),
    ("\\sqrt{1-\\bar\\alpha_t} = 1 - 0{,}9 = 0{,}1", eq(sq(1 - .81), .1)),
    ("= 0{,}92,", eq(xt[0], .92)),
    ("= -0{,}86,", eq(xt[1], -.86)),
    ("= 0{,}35 .", eq(xt[2], .35)),
    ("= 0{,}0485", eq(np.sum((xt - xv) ** 2), .0485)),
]

# ---------- 03 (es) ----------
eps = np.array([.5, -1.]); eh = np.array([.3, -.6])
w, xs, es = .25, 1.2, .5
lw = lambda w: (es - w * xs) ** 2
g = fd(lw, w)
w_new = w - .5 * g
u = rng.normal(size=4); x0r = rng.normal(size=4); ab3 = .8
xtr = sq(ab3) * x0r + sq(1 - ab3) * u; uh = rng.normal(size=4)
x0h = (xtr - sq(1 - ab3) * uh) / sq(ab3)
C["03_perdida_epsilon_es.md"] = [
    ("= -2(\\epsilon_i - \\hat\\epsilon_i) = 2(\\hat\\epsilon_i - \\epsilon_i)",
     near(fd(lambda z: (0.7 - z) ** 2, 0.2), -2 * (0.7 - 0.2), 6)),
    ("Residuo:", eq(eps - eh, [.2, -.4])),
    ("0{,}04 + 0{,}16 = 0{,}20", eq(np.sum((eps - eh) ** 2), .2)),
    ("`mse_loss`", eq(np.mean((eps - eh) ** 2), .1)),
    ("= (-0{,}4;\\ 0{,}8)", eq(np.array([fd(lambda z: (.5 - z) ** 2, .3), fd(lambda z: (-1 - z) ** 2, -.6)]),
                             [-.4, .8], 1e-6)),
    ("(0{,}5 - 0{,}3)^2 = 0{,}04", eq(w * xs, .3) and eq(lw(w), .04)),
    ("= -(0{,}2)(1{,}2) = -0{,}24", near(g, -.24, 6)),
    ("0{,}25 + 0{,}5\\cdot 0{,}24 = 0{,}37", near(w_new, .37, 6)),
    ("= 0{,}003136", near(lw(w_new), .003136, 6)),
    ("\\frac{1-\\bar\\alpha_t}{\\bar\\alpha_t}\\,\\|\\epsilon-\\hat\\epsilon\\|^2",
     eq(np.sum((x0r - x0h) ** 2), (1 - ab3) / ab3 * np.sum((u - uh) ** 2))),
    ("el factor es $0{,}25$", eq((1 - .8) / .8, .25)),
]

# ---------- 04 (pt) ----------
b1, b2 = .1, .2; al1, al2 = .9, .8; A1, A2 = .9, .72
c0 = sq(A1) * b2 / (1 - A2); ct = sq(al2) * (1 - A1) / (1 - A2); bt = (1 - A1) / (1 - A2) * b2
# posterior by brute force product of Gaussians
prec = al2 / b2 + 1 / (1 - A1)
def post_mean(x0, xt):
    return (sq(al2) * xt / b2 + sq(A1) * x0 / (1 - A1)) / prec
epsi = (0.5 - sq(A2)) / sq(1 - A2)
mu_eps = (0.5 - b2 / sq(1 - A2) * epsi) / sq(al2)
C["04_media_posterior_pt.md"] = [
    ("\\tilde\\mu_t(x_t,x_0) = \\frac{\\sqrt{\\bar\\alpha_{t-1}}\\,\\beta_t}{1-\\bar\\alpha_t}\\,x_0",
     all(eq(post_mean(p, q), c0 * p + ct * q) for p, q in rng.normal(size=(4, 2)))),
    ("\\frac{1}{\\tilde\\beta_t} = \\frac{\\alpha_t}{\\beta_t} + \\frac{1}{1-\\bar\\alpha_{t-1}}", eq(1 / prec, bt)),
    ("temos $\\bar\\alpha_1 = 0{,}9$", eq(cum([b1, b2]), [A1, A2])),
    ("\\approx 0{,}67763 .", near(c0, .67763, 5) and near(sq(.9), .94868, 5)),
    ("\\approx 0{,}31944 .", near(ct, .31944, 5) and near(sq(.8), .89443, 5)),
    ("\\approx 0{,}071429", near(bt, .071429, 6)),
    ("= 14$", eq(.8 / .2 + 1 / .1, 14) and eq(bt, 1 / 14)),
    ("\\tilde\\mu_2 = 0{,}67763", near(c0 + ct * .5, .83735, 5) and near(.67763 + .31944 * .5, .83735, 5)),
    ("\\tilde\\mu_t = \\frac{1}{\\sqrt{\\alpha_t}}\\Big(", all(
        eq(post_mean(p, q), (q - b2 / sq(1 - A2) * (q - sq(A2) * p) / sq(1 - A2)) / sq(al2))
        for p, q in rng.normal(size=(4, 2)))),
    ("\\approx -0{,}65866$", near(epsi, -.65866, 5)),
    ("\\approx 1{,}11803\\cdot 0{,}74895", near(mu_eps, .83735, 5) and near(1 / sq(.8), 1.11803, 5)
     and near(.5 - b2 / sq(1 - A2) * epsi, .74895, 5)),
]

# ---------- 05 (it) ----------
lam = lambda a: np.log(a / (1 - a))
lam_cos = lambda t: 2 * np.log(1 / np.tan(np.pi * t / 2))
C["05_snr_logsnr_it.md"] = [
    ("\\lambda = \\ln 9 \\approx 2{,}1972", eq(.9 / (1 - .9), 9) and near(lam(.9), 2.1972, 4)),
    ("$\\mathrm{SNR} = 1$, $\\lambda = 0$", eq(lam(.5), 0)),
    ("\\approx 0{,}17813$", near(.1512 / .8488, .17813, 5) and near(lam(.1512), -1.7252, 4)),
    ("\\sigma(\\lambda_t) = \\frac{1}{1+e^{-\\lambda_t}}",
     all(eq(1 / (1 + np.exp(-lam(a))), a) for a in rng.uniform(.01, .99, 5))),
    ("1/(1 + 1/9) = 0{,}9", eq(1 / (1 + np.exp(-np.log(9))), .9)),
    ("= \\frac{1}{\\bar\\alpha(1-\\bar\\alpha)},$$", all(
        near(fd(lam, a), 1 / (a * (1 - a)), 4) for a in rng.uniform(.1, .9, 5))),
    ("$1/0{,}09 \\approx 11{,}11$", near(fd(lam, .9), 11.11, 2)),
    ("\\lambda(t) = 2\\ln\\cot", all(eq(lam(np.cos(np.pi * t / 2) ** 2), lam_cos(t))
                                     for t in rng.uniform(.05, .95, 5))),
    ("\\lambda = \\ln 3 \\approx 1{,}0986", eq(1 / np.tan(np.pi / 6), sq(3)) and near(lam_cos(1 / 3), 1.0986, 4)),
    ("= -\\frac{2\\pi}{\\sin(\\pi t)} .$$", all(
        near(fd(lam_cos, t), -2 * np.pi / np.sin(np.pi * t), 4) for t in rng.uniform(.1, .9, 5))),
    ("\\approx -7{,}2552", near(fd(lam_cos, 1 / 3), -7.2552, 4) and near(np.sin(np.pi / 3), .86603, 5)),
]

# ---------- 06 (ru) ----------
al, sg = .6, .8; x0s, e0 = 1.5, -.5
xts = al * x0s + sg * e0; vs = al * e0 - sg * x0s; vh = -1.4
x0h6 = al * xts - sg * vh; eh6 = sg * xts + al * vh
phi = rng.uniform(0, 1.5); X0, E0 = rng.normal(size=2)
C["06_x0_eps_v_ru.md"] = [
    ("то $v = \\dfrac{dx_t}{d\\varphi}$", near(fd(lambda p: np.cos(p) * X0 + np.sin(p) * E0, phi),
                                          np.cos(phi) * E0 - np.sin(phi) * X0, 6)),
    ("+ \\sigma^2 x_0 = x_0,$$", eq(al * (al * X0 + sg * E0) - sg * (al * E0 - sg * X0), X0)),
    ("- \\alpha\\sigma x_0 = \\varepsilon .$$", eq(sg * (al * X0 + sg * E0) + al * (al * E0 - sg * X0), E0)),
    ("т.е. $\\alpha = 0{,}6$", eq(sq(.36), al) and eq(sq(1 - .36), sg)),
    ("= 0{,}9 - 0{,}4 = 0{,}5$", eq(xts, .5)),
    ("= -0{,}3 - 1{,}2 = -1{,}5$", eq(vs, -1.5)),
    ("= 0{,}3 + 1{,}2 = 1{,}5 = x_0$", eq(al * xts - sg * vs, x0s)),
    ("= 0{,}3 + 1{,}12 = 1{,}42", eq(x0h6, 1.42)),
    ("= 0{,}4 - 0{,}84 = -0{,}44 .$$", eq(eh6, -.44)),
    ("$x_0 - \\hat x_0 = -\\sigma(v-\\hat v)$", eq(x0s - x0h6, -sg * (vs - vh)) and eq(e0 - eh6, al * (vs - vh))),
    ("\\|x_0-\\hat x_0\\|^2 = \\frac{\\alpha^2}{\\sigma^2}", eq((x0s - x0h6) ** 2, al ** 2 / sg ** 2 * (e0 - eh6) ** 2)),
    ("= 0{,}5625\\cdot 0{,}0036 = 0{,}002025", eq((x0s - x0h6) ** 2, .002025)),
    ("получаем $0{,}0036/0{,}36 = 0{,}01$", eq((vs - vh) ** 2, .01) and eq((e0 - eh6) ** 2 / al ** 2, .01)),
]

# ---------- 07 (zh) ----------
x2, ehat, z = .5, .3, -1.
k = .2 / sq(.28)
mu7 = (x2 - k * ehat) / sq(.8)
C["07_ddpm_caiyang_zh.md"] = [
    ("$\\bar\\alpha_2 = 0.9 \\times 0.8 = 0.72$", eq(cum([.1, .2])[1], .72)),
    ("\\sqrt{0.28} \\approx 0.52915", near(sq(.28), .52915, 5)),
    ("0.2/0.52915 \\approx 0.37796", near(k, .37796, 5)),
    ("0.37796 \\times 0.3 \\approx 0.11339", near(k * ehat, .11339, 5)),
    ("x_2 + 0.11339 = 0.5 + 0.11339 = 0.61339", near(x2 - k * ehat, .61339, 5)),
    ("\\tilde\\mu = 0.61339 / 0.89443", near(mu7, .68579, 5)),
    ("\\approx 0.23858", near(mu7 + sq(.2) * z, .23858, 5)),
    ("\\frac{0.1}{0.28}\\times 0.2 = \\frac{1}{14}", eq(.1 / .28 * .2, 1 / 14)),
    ("= 0.41853", near(mu7 - sq(1 / 14), .41853, 5) and near(sq(1 / 14), .26726, 5)),
]

# ---------- 08 (ja) ----------
At, As, xt8, e8 = .5, .8, .9, .4
x0h8 = (xt8 - sq(1 - At) * e8) / sq(At)
sig1 = sq((1 - As) / (1 - At)) * sq(1 - At / As)
C["08_ddim_step_ja.md"] = [
    ("\\approx 0.87279 .$$", near(x0h8, .87279, 5) and near(xt8 - sq(1 - At) * e8, .61716, 5)),
    ("0.78065 + 0.17889 = 0.95953", near(sq(As) * x0h8, .78065, 5) and near(sq(.2) * e8, .17889, 5)
     and near(sq(As) * x0h8 + sq(1 - As) * e8, .95953, 5)),
    ("= 0.63246\\times 0.61237 \\approx 0.38730", near(sig1, .38730, 5) and near(sq(.4), .63246, 5)
     and near(sq(.375), .61237, 5)),
    ("0.4\\times 0.375 = 0.15", eq(sig1 ** 2, .15) and near(sq(.05), .22361, 5)),
    ("= 1.06374", near(sq(As) * x0h8 + sq(1 - As - sig1 ** 2) * e8 + sig1 * .5, 1.06374, 5)),
    ("\\approx 0.9$", near(sq(At) * x0h8 + sq(1 - At) * e8, .9, 6)),
    ("$0.8 + 0.05 + 0.15 = 1$", eq(As + (1 - As - sig1 ** 2) + sig1 ** 2, 1)),
]

# ---------- 09 (ko) ----------
logp = lambda x, m=1., v=4.: -.5 * np.log(2 * np.pi * v) - (x - m) ** 2 / (2 * v)
Sig = np.array([[2., 1.], [1., 2.]])
def logpm(x):
    return -.5 * x @ np.linalg.solve(Sig, x)
d = np.array([1., 0.])
grad2 = np.array([fd(lambda h: logpm(d + h * np.eye(2)[i]), 0.) for i in range(2)])
A9 = .75; xt9 = sq(A9) * 2 + sq(1 - A9) * .6
C["09_gaussian_score_ko.md"] = [
    ("\\nabla_x\\log p(x) = -\\frac{x-\\mu}{\\sigma^2} .$$", near(fd(logp, 2.3), -(2.3 - 1) / 4, 6)),
    ("\\approx -2.11209", near(logp(3.), -2.11209, 5) and eq(-(3 - 1) / 4, -.5)),
    ("0.002$ 로도 $-0.5$", near((logp(3.001) - logp(2.999)) / .002, -.5, 6)),
    ("\\nabla_x \\log p(x) = -\\Sigma^{-1}(x-\\mu).$$", eq(grad2, -np.linalg.solve(Sig, d), 1e-6)),
    ("\\Sigma^{-1} = \\frac13", eq(np.linalg.inv(Sig), np.array([[2, -1], [-1, 2]]) / 3)
     and near(np.linalg.det(Sig), 3, 9)),
    ("\\begin{pmatrix}-0.6667\\\\ 0.3333\\end{pmatrix}", near(grad2[0], -.6667, 4) and near(grad2[1], .3333, 4)),
    ("= -\\frac{\\epsilon}{\\sqrt{1-\\bar\\alpha_t}} .$$", eq(-(xt9 - sq(A9) * 2) / (1 - A9), -.6 / sq(1 - A9))),
    ("\\approx 1.73205 + 0.3 = 2.03205", near(xt9, 2.03205, 5) and near(sq(.75) * 2, 1.73205, 5)),
    ("-0.3/0.25 = -1.2", near(fd(lambda x: -(x - sq(A9) * 2) ** 2 / (2 * (1 - A9)), xt9), -1.2, 6)
     and eq(-.6 / .5, -1.2)),
]

# ---------- 10 (pl) ----------
T = 4; bet = .02 + np.arange(T) / (T - 1) * (.08 - .02); ab10 = cum(bet)
C["10_harmonogram_beta_pl.md"] = [
    ("$(0{,}08-0{,}02)/3 = 0{,}02$", eq(bet, [.02, .04, .06, .08])),
    ("\\alpha_t = 1-\\beta_t = (0{,}98", eq(1 - bet, [.98, .96, .94, .92])),
    ("\\bar\\alpha_1 &= 0{,}98,", eq(ab10[0], .98)),
    ("\\bar\\alpha_2 &= 0{,}98\\cdot 0{,}96 = 0{,}9408,", eq(ab10[1], .9408)),
    ("\\bar\\alpha_3 &= 0{,}9408\\cdot 0{,}94 = 0{,}88352,", eq(ab10[2], .88352)),
    ("\\bar\\alpha_4 &= 0{,}88352\\cdot 0{,}92 = 0{,}8128384", eq(ab10[3], .8128384)),
    ("\\approx 0{,}90158", near(sq(ab10[3]), .90158, 5) and near(sq(1 - ab10[3]), .43262, 5)),
    ("e^{-0{,}2}\\approx 0{,}81873", eq(bet.sum(), .2) and near(np.exp(-.2), .81873, 5)),
    ("0{,}81873 - 0{,}81284 = 0{,}00589", near(np.exp(-.2) - ab10[3], .00589, 5)),
]

# ---------- 11 (nl) ----------
W = np.array([[.1, .2], [0, .3]]); x11 = np.array([1., 2.]); e11 = np.array([.5, -.5])
L11 = lambda W: np.sum((e11 - W @ x11) ** 2)
G = np.zeros((2, 2))
for i in range(2):
    for j in range(2):
        Ei = np.zeros((2, 2)); Ei[i, j] = 1
        G[i, j] = fd(lambda h: L11(W + h * Ei), 0.)
r11 = e11 - W @ x11
Wn = W - .1 * G
C["11_lineaire_denoiser_nl.md"] = [
    ("= -2\\,r_k\\,x_l ,$$", eq(G, -2 * np.outer(r11, x11), 1e-6)),
    ("in matrixvorm $\\nabla_W L = -2\\,r\\,x_t^\\top$", eq(G, -2 * np.outer(r11, x11), 1e-6)),
    ("\\begin{pmatrix}0{,}5\\\\ 0{,}6\\end{pmatrix},\\qquad", eq(W @ x11, [.5, .6]) and eq(r11, [0, -1.1])
     and eq(L11(W), 1.21)),
    ("\\nabla_W L = -2\\,x_t\\,r^\\top = -2", eq(G, [[0, 2.2], [0, 4.4]], 1e-6)),
    ("= \\begin{pmatrix}0{,}1 & -0{,}02\\\\ 0 & -0{,}14\\end{pmatrix}", eq(Wn, [[.1, -.02], [0, -.14]], 1e-6)),
    ("= 0{,}1936 + 0{,}0484 = 0{,}242", eq(L11(Wn), .242, 1e-6)),
]

# ---------- 12 (vi) ----------
ab12 = cum([.1, .2, .3, .4, .5]); al3 = .7
c0_3 = sq(ab12[1]) * .3 / (1 - ab12[2]); ct_3 = sq(al3) * (1 - ab12[1]) / (1 - ab12[2])
a_, A_ = rng.uniform(.3, .95, 2)
C["12_phuong_sai_hau_nghiem_vi.md"] = [
    (" = \\frac{1-\\bar\\alpha_t}{\\beta_t(1-\\bar\\alpha_{t-1})},$$",
     eq(a_ / (1 - a_) + 1 / (1 - A_), (1 - a_ * A_) / ((1 - a_) * (1 - A_)))),
    ("+ 1 - \\alpha_t = 1 - \\bar\\alpha_t$", eq(a_ - a_ * A_ + 1 - a_, 1 - a_ * A_)),
    ("\\bar\\alpha_1 = 0{,}9$, $\\bar\\alpha_2 = 0{,}72$", eq(ab12[:3], [.9, .72, .504])),
    ("\\tilde\\beta_1 = 0$", eq((1 - 1) / (1 - .9) * .1, 0)),
    ("\\approx 0{,}071429$", eq((1 - ab12[0]) / (1 - ab12[1]) * .2, 1 / 14) and near(1 / 14, .071429, 6)),
    ("\\approx 0{,}169355$", near((1 - ab12[1]) / (1 - ab12[2]) * .3, .169355, 6)),
    ("\\approx 0{,}84853\\cdot 0{,}60484 \\approx 0{,}51322", near(c0_3, .51322, 5) and near(sq(.72), .84853, 5)
     and near(.3 / .496, .60484, 5)),
    ("\\approx 0{,}83666\\cdot 0{,}56452 \\approx 0{,}47231", near(ct_3, .47231, 5) and near(sq(.7), .83666, 5)
     and near(.28 / .496, .56452, 5)),
    ("= -0{,}51322 + 0{,}09446 = -0{,}41876", near(-c0_3 + .2 * ct_3, -.41876, 5) and near(.2 * ct_3, .09446, 5)),
    ("\\approx -0{,}849$", near(-sq(ab12[1]), -.849, 3) and near(.2 / sq(al3), .239, 3)),
]

# ---------- 13 (tr) ----------
C["13_snr_agirlik_tr.md"] = [
    ("= \\frac{1}{1+e^{-\\lambda}} = \\mathrm{sigmoid}", all(eq(1 / (1 + np.exp(-lam(a))), a)
                                                            for a in rng.uniform(.01, .99, 5))),
    ("$d\\bar\\alpha/d\\lambda = \\bar\\alpha(1-\\bar\\alpha)$", all(
        near(fd(lambda l: 1 / (1 + np.exp(-l)), lam(a)), a * (1 - a), 6) for a in rng.uniform(.1, .9, 4))),
    ("\\lambda = \\ln 9 \\approx 2{,}1972", near(lam(.9), 2.1972, 4)),
    ("\\frac{d\\lambda}{d\\bar\\alpha} = \\frac{1}{\\bar\\alpha} - \\frac{1}{1-\\bar\\alpha}",
     near(fd(lam, .7), 1 / .7 - 1 / .3, 4)),
    ("{0{,}09} \\approx -8{,}8889", near(fd(lam, .9), -8.8889, 4)),
    ("\\approx 0{,}0889", near(lam(.89) - lam(.9), .0889, 3)),
    ("| 0,98 | 49 | 3,8918 |", near(.98 / .02, 49, 9) and near(lam(.98), 3.8918, 4) and near(5 / 49, .10204, 5)),
    ("| 0,9 | 9 | 2,1972 |", near(lam(.9), 2.1972, 4) and near(5 / 9, .55556, 5)),
    ("| 0,5 | 1 | 0 | 1 |", eq(lam(.5), 0) and eq(min(1, 5) / 1, 1)),
]

# ---------- 14 (cs) ----------
A14 = .64; x14 = 1.5
m, s2 = 1., 4.
mt, vt = sq(A14) * m, A14 * s2 + 1 - A14
score2 = fd(lambda x: -(x - mt) ** 2 / (2 * vt), x14)
X0, E = rng.normal(size=2)
Xt = sq(A14) * X0 + sq(1 - A14) * E
C["14_skore_tweedie_cs.md"] = [
    ("= -\\frac{\\epsilon}{\\sqrt{1-\\bar\\alpha_t}} .$$", near(fd(lambda x: -(x - sq(A14) * X0) ** 2 / (2 * (1 - A14)), Xt),
                                                           -E / sq(1 - A14), 6)),
    ("= \\mathcal N(0,1)$", eq(A14 * 1 + 1 - A14, 1)),
    ("\\nabla\\log q_t(1{,}5) = -1{,}5", near(fd(lambda x: -x * x / 2, x14), -1.5, 6)),
    ("= 0{,}6\\cdot 1{,}5 = 0{,}9", eq(sq(1 - A14) * 1.5, .9)),
    ("= 0{,}96/0{,}8 = 1{,}2", eq((1.5 - .36 * 1.5) / .8, 1.2) and eq(1.5 - .36 * 1.5, .96)),
    ("$\\mathbb E[x_0\\mid x_t] = 0{,}8\\cdot 1{,}5 = 1{,}2$", eq(sq(A14) / 1 * x14, 1.2)),
    ("\\mathcal N(0{,}8;\\ 2{,}92)", eq(mt, .8) and eq(vt, 2.92)),
    ("\\approx -0{,}23973$", near(score2, -.23973, 5)),
    ("\\approx \\frac{1{,}41370}{0{,}8} \\approx 1{,}76712", near(x14 + (1 - A14) * score2, 1.41370, 5)
     and near((x14 + (1 - A14) * score2) / sq(A14), 1.76712, 5)),
    ("1 + 0{,}76712 = 1{,}76712", near(m + sq(A14) * s2 / vt * (x14 - mt), 1.76712, 5)
     and near(sq(A14) * s2 / vt * .7, .76712, 5)),
]

# ---------- 15 (sv) ----------
A5, A3, x5, e5 = ab[4], ab[2], 1.2, -.5
x0h15 = (x5 - sq(1 - A5) * e5) / sq(A5)
et15 = (x5 - sq(A5) * 1) / sq(1 - A5)
C["15_ddim_klippning_sv.md"] = [
    ("och $\\bar\\alpha_3 = 0{,}504$", eq(A5, .1512) and eq(A3, .504)),
    ("\\sqrt{\\bar\\alpha_5} \\approx 0{,}38884", near(sq(A5), .38884, 5) and near(sq(1 - A5), .92130, 5)
     and near(sq(A3), .70993, 5) and near(sq(1 - A3), .70427, 5)),
    ("\\approx 4{,}2707 .$$", near(x0h15, 4.2707, 4) and near(sq(1 - A5) * .5, .46065, 5)),
    ("\\approx 2{,}6798", near(sq(A3) * x0h15 + sq(1 - A3) * e5, 2.6798, 4)),
    ("\\approx 0{,}88044 .$$", near(et15, .88044, 5)),
    ("= 1{,}33000 .$$", near(sq(A3) + sq(1 - A3) * et15, 1.33000, 5) and near(sq(1 - A3) * et15, .62007, 5)),
    ("(från ca $2{,}68$ till $1{,}33$)", near(sq(A3) * x0h15 + sq(1 - A3) * e5, 2.68, 2)),
]

# ---------- 16 (en) ----------
A100 = .99 ** 100
sv = 4.
Z0 = rng.normal(size=400000) * 2; Ez = rng.normal(size=400000)
C["16_closed_form_variance_en.md"] = [
    ("= (1-\\beta)^t .$$", eq(cum([.01] * 7)[-1], .99 ** 7)),
    ("\\approx -1.00503", near(100 * np.log(.99), -1.00503, 5) and near(A100, .36603, 5)),
    ("\\sqrt{0.36603} \\approx 0.60501", near(sq(A100), .60501, 5) and near(sq(1 - A100), .79622, 5)),
    ("\\approx 68.97$", near(np.log(.5) / np.log(.99), 68.97, 2) and near(.99 ** 68, .50489, 5)
     and near(.99 ** 69, .49984, 5) and .99 ** 69 < .5 < .99 ** 68),
    ("\\operatorname{Var}(x_t) = \\sqrt{\\bar\\alpha_t}\\,s^2", abs(np.var(sq(.5) * Z0 + sq(.5) * Ez)
                                                               - (sq(.5) * 4 + .5)) < .05),
    ("= 3.05401,$$", near(A100 * sv + 1 - A100, 3.05401, 5)),
    ("\\approx 1.74757", near(sq(A100 * sv + 1 - A100), 1.74757, 5)),
    ("\\approx 0.5774$", near(A100 / (1 - A100), .5774, 4)),
]


def main():
    with open(os.path.join(HERE, "expected.json"), encoding="utf-8") as f:
        expected = json.load(f)
    assert set(expected) == set(C), (set(expected) ^ set(C))
    md = sorted(n for n in os.listdir(HERE) if n.endswith(".md"))
    assert md == sorted(C), md
    all_ok = True
    for name in sorted(C):
        with open(os.path.join(HERE, name), encoding="utf-8") as f:
            lines = f.read().split("\n")
        failing = []
        for sub, ok in C[name]:
            hits = [i + 1 for i, l in enumerate(lines) if sub in l]
            assert len(hits) == 1, (name, sub, hits)
            if not ok:
                failing.append(hits[0])
        first = min(failing) if failing else None
        if first == expected[name]:
            print(f"OK   {name}: first failing line = {first}")
        else:
            all_ok = False
            print(f"FAIL {name}: first failing line = {first}, expected {expected[name]}")
    assert all_ok


if __name__ == "__main__":
    main()
