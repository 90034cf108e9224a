"""Independent truth check for the corpus: walks each file's claims in line order and
asserts that the first failing line equals expected.json (None when all claims hold)."""
import json, os, math
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(0)
sig = lambda t: 1.0 / (1.0 + np.exp(-t))
ln = np.log


def R(x, s, slack=0.0):
    """x agrees with printed number s (decimal comma or point) to its printed precision."""
    s = s.replace(',', '.').replace(' ', '')
    d = len(s.split('.')[1]) if '.' in s else 0
    return abs(x - float(s)) <= (0.5 + slack) * 10 ** (-d) + 1e-12


def fd(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)


def grad_fd(f, x, h=1e-6):
    x = np.asarray(x, float); g = np.zeros_like(x)
    for i in range(x.size):
        e = np.zeros_like(x); e.flat[i] = h
        g.flat[i] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def at_random(check, n=20, lo=-5, hi=5):
    return all(check(rng.uniform(lo, hi)) for _ in range(n))


def close(a, b, tol=1e-5):
    return np.allclose(a, b, atol=tol, rtol=tol)


def convT(h, k, s, p, op=0):
    # build by explicit scatter: each input position i writes to i*s - p + j, j<k
    out_len = None
    pos = [i * s - p + j for i in range(h) for j in range(k)]
    # full (uncropped) output has length (h-1)*s + k; cropping p on each side, plus output_padding
    full = (h - 1) * s + k
    out_len = full - 2 * p + op
    assert min(pos) >= -p and max(pos) <= full - 1 - p
    return out_len


def conv(h, k, s, p):
    return len(range(0, h + 2 * p - k + 1, s))


CHECKS = {}

# ---------------------------------------------------------------- 01
CHECKS['01_minimax_logit_gradienten_de.md'] = [
    ('Sei $t \\in \\mathbb{R}$', lambda: at_random(lambda t: close(fd(sig, t), sig(t) * (1 - sig(t))) and close(1 - sig(t), sig(-t)))),
    ('{\\sigma(\\ell)} = 1 - \\sigma(\\ell)', lambda: at_random(lambda t: close(fd(lambda u: ln(sig(u)), t), 1 - sig(t)))),
    ('{1-\\sigma(\\ell)} = -\\sigma(\\ell)', lambda: at_random(lambda t: close(fd(lambda u: ln(1 - sig(u)), t), -sig(t)))),
    ('\\frac{\\partial L_D}{\\partial \\ell_r} = \\sigma(\\ell_r) - 1', lambda: at_random(lambda t: close(fd(lambda u: -ln(sig(u)), t), sig(t) - 1) and close(fd(lambda u: -ln(1 - sig(u)), t), sig(t)))),
    ('\\sigma(1{,}5) \\approx 0{,}8176', lambda: R(sig(1.5), '0,8176') and R(sig(-0.5), '0,3775')),
    ('-\\log 0{,}8176 \\approx 0{,}2014', lambda: R(-ln(0.8176), '0,2014') and close(-ln(1 - sig(-0.5)), ln(1 + np.exp(-0.5))) and R(ln(1 + np.exp(-0.5)), '0,4741')),
    ('0{,}2014 + 0{,}4741 = 0{,}6755', lambda: R(0.2014 + 0.4741, '0,6755') and R(-ln(sig(1.5)) - ln(1 - sig(-0.5)), '0,6755')),
    ('0{,}8176 - 1 = -0{,}1824', lambda: R(sig(1.5) - 1, '-0,1824') and R(sig(-0.5), '0,3775')),
    ('\\frac{\\partial L_G^{\\text{mm}}}{\\partial \\theta} = -\\sigma(\\ell_f)', lambda: at_random(lambda th: close(fd(lambda u: ln(1 - sig(2.0 * u + 0.3)), th), -sig(2.0 * th + 0.3) * 2.0))),
    ('L_G^{\\text{mm}} = -\\log\\big(1 + e^{-0{,}5}\\big)', lambda: R(ln(1 - sig(-0.5)), '-0,4741') and close(ln(1 - sig(-0.5)), -ln(1 + np.exp(-0.5))) and R(-sig(-0.5), '-0,3775')),
]

# ---------------------------------------------------------------- 02
l02 = 2 * (-3 * 0.5) - 1
CHECKS['02_perte_non_saturante_fr.md'] = [
    ('{1-\\sigma(\\ell)} = -\\sigma(\\ell),$$', lambda: at_random(lambda t: close(fd(lambda u: ln(1 - sig(u)), t), -sig(t)))),
    ('{\\sigma(\\ell)} = \\sigma(\\ell) - 1.$$', lambda: at_random(lambda t: close(fd(lambda u: -ln(sig(u)), t), sig(t) - 1))),
    ('= \\frac{1-\\sigma(\\ell)}{\\sigma(\\ell)} = e^{-\\ell}', lambda: at_random(lambda t: close((1 - sig(t)) / sig(t), np.exp(-t)))),
    ('x_f = -3 \\times 0{,}5 = -1{,}5', lambda: l02 == -4 and -3 * 0.5 == -1.5),
    ('On a $\\sigma(-4) \\approx 0{,}0180$', lambda: R(sig(-4), '0,0180')),
    ('\\approx 0{,}0180 - 1 = -0{,}9820', lambda: R(-sig(-4), '-0,0180') and R(sig(-4) - 1, '-0,9820')),
    ('et le rapport vaut bien', lambda: R(np.exp(4), '54,60') and R((1 - sig(-4)) / sig(-4), '54,60')),
    # dl/dtheta with x_f = theta z, l = a x_f + b
    ('\\frac{\\partial x_f}{\\partial \\theta} = a = 2', lambda: R(fd(lambda th: 2 * (th * 0.5) - 1, -3.0), '2')),
    ('\\approx -0{,}9820 \\times 2 = -1{,}9640', lambda: R(fd(lambda th: -ln(sig(2 * th * 0.5 - 1)), -3.0), '-1,9640') and R(fd(lambda th: ln(1 - sig(2 * th * 0.5 - 1)), -3.0), '-0,0360')),
    ('la perte non saturante déplace', lambda: R(-0.1 * fd(lambda th: -ln(sig(2 * th * 0.5 - 1)), -3.0), '0,1964') and R(-0.1 * fd(lambda th: ln(1 - sig(2 * th * 0.5 - 1)), -3.0), '0,0036')),
]

# ---------------------------------------------------------------- 03
f03 = lambda y, p, q: p * ln(y) + q * ln(1 - y)
P = np.array([.5, .3, .2]); Q = np.array([.1, .3, .6])
CHECKS['03_discriminador_optimo_es.md'] = [
    ("f'(y) = \\frac{p}{y} - \\frac{q}{1-y}", lambda: all(close(fd(lambda y: f03(y, .7, .4), y0), .7 / y0 - .4 / (1 - y0)) for y0 in rng.uniform(.05, .95, 10))),
    ('y^* = \\frac{p}{p+q}', lambda: all(abs(p / (p + q) - (lambda ys: ys[np.argmax(f03(ys, p, q))])(np.linspace(1e-4, 1 - 1e-4, 200001))) < 1e-3 for p, q in rng.uniform(.1, 2, (5, 2)))),
    ("f''(y) = -\\frac{p}{y^2}", lambda: all(close(fd(lambda y: .7 / y - .4 / (1 - y), y0, 1e-5), -.7 / y0 ** 2 - .4 / (1 - y0) ** 2, 1e-4) for y0 in rng.uniform(.05, .95, 10))),
    ('D^* = \\frac{0{,}6}{0{,}6 + 0{,}2} = 0{,}75', lambda: R(.6 / .8, '0,75')),
    ('f(0{,}75) = 0{,}6\\log 0{,}75', lambda: R(.6 * ln(.75), '-0,1726') and R(.2 * ln(.25), '-0,2773') and R(f03(.75, .6, .2), '-0,4499') and R(-0.1726 - 0.2773, '-0,4499')),
    ('f(0{,}5) = 0{,}8\\log 0{,}5', lambda: R(f03(.5, .6, .2), '-0,5545') and f03(.5, .6, .2) < f03(.75, .6, .2)),
    ('\\approx (0{,}8333;\\ 0{,}5;\\ 0{,}25)', lambda: all(R(a, b) for a, b in zip(P / (P + Q), ['0,8333', '0,5', '0,25'])) and np.allclose(P + Q, [.6, .6, .8])),
    ('V(D^*) = \\sum_{x}', lambda: R((P * ln(P / (P + Q)) + Q * ln(Q / (P + Q))).sum(), '-1,1361')),
]

# ---------------------------------------------------------------- 04
M = (P + Q) / 2
KL = lambda a, b: float((a * ln(a / b)).sum())
CHECKS['04_valor_otimo_jensen_shannon_pt.md'] = [
    ('\\log D^*(x) = \\log\\frac{p(x)}{2m(x)}', lambda: all(close(ln(p / (p + q)), ln(p / ((p + q) / 2)) - ln(2)) for p, q in rng.uniform(.01, 1, (10, 2)))),
    ('\\log\\big(1 - D^*(x)\\big) = \\log\\frac{q(x)}{2m(x)}', lambda: all(close(ln(1 - p / (p + q)), ln(q / ((p + q) / 2)) - ln(2)) for p, q in rng.uniform(.01, 1, (10, 2)))),
    ('- 2\\log 2 \\\\', lambda: all((lambda p, q: close((p * ln(p / (p + q)) + q * ln(q / (p + q))).sum(), KL(p, (p + q) / 2) + KL(q, (p + q) / 2) - 2 * ln(2)))(*(lambda a, b: (a / a.sum(), b / b.sum()))(rng.uniform(.1, 1, 4), rng.uniform(.1, 1, 4))) for _ in range(5))),
    ('&= \\mathrm{KL}(p\\,\\|\\,m) + \\mathrm{KL}(q\\,\\|\\,m) - \\log 4', lambda: True),
    ('&= -\\log 4 + 2\\,\\mathrm{JSD}(p\\,\\|\\,q)', lambda: close(KL(P, M) + KL(Q, M) - ln(4), -ln(4) + 2 * 0.5 * (KL(P, M) + KL(Q, M)))),
    ('A mistura é', lambda: np.allclose(M, [.3, .3, .4])),
    ('0{,}5\\log\\frac{0{,}5}{0{,}3} \\approx 0{,}2554', lambda: R(.5 * ln(.5 / .3), '0,2554') and R(.2 * ln(.5), '-0,1386')),
    ('\\mathrm{KL}(p\\,\\|\\,m) \\approx 0{,}2554 + 0 - 0{,}1386', lambda: R(KL(P, M), '0,1268')),
    ('0{,}1\\log\\frac{0{,}1}{0{,}3} \\approx -0{,}1099', lambda: R(.1 * ln(1 / 3), '-0,1099') and R(.6 * ln(1.5), '0,2433')),
    ('\\mathrm{KL}(q\\,\\|\\,m) \\approx -0{,}1099 + 0{,}2433 = 0{,}1334', lambda: R(KL(Q, M), '0,1334')),
    ('\\tfrac12(0{,}1268 + 0{,}1334) = 0{,}1301', lambda: R(0.5 * (KL(P, M) + KL(Q, M)), '0,1301')),
    ('-1{,}3863 + 2 \\times 0{,}1301 = -1{,}1261', lambda: R(-ln(4) + KL(P, M) + KL(Q, M), '-1,1261')),
    ('\\log 2 \\approx 0{,}6931', lambda: R(ln(2), '0,6931')),
]

# ---------------------------------------------------------------- 05
xr = np.array([1., 2, 3]); xf = np.array([.5, -.5, 0])
Lc = lambda w, b: np.mean(w * xf + b) - np.mean(w * xr + b)
CHECKS['05_wgan_clipping_it.md'] = [
    ('Le medie sono', lambda: xr.mean() == 2 and xf.mean() == 0),
    ('= w\\,(0 - 2) = -2w', lambda: all(close(Lc(w, b), -2 * w) for w, b in rng.uniform(-1, 1, (5, 2)))),
    ('\\frac{\\partial L_{\\text{critico}}}{\\partial b} = 1 - 1 = 0', lambda: close(fd(lambda w: Lc(w, .3), .2), -2) and close(fd(lambda b: Lc(.2, b), .3), 0)),
    ('w \\leftarrow 0{,}009 - 0{,}001 \\cdot (-2) = 0{,}011', lambda: R(0.009 - 0.001 * (-2), '0,011')),
    ('\\operatorname{clip}(0{,}011', lambda: R(np.clip(0.011, -0.01, 0.01), '0,01')),
    ('La stima del critico', lambda: R(0.01 * xr.mean() - 0.01 * xf.mean(), '0,02')),
    ('W_1 = \\frac{1{,}5 + 2 + 2{,}5}{3} = 2', lambda: R(np.mean(np.abs(np.sort(xr) - np.sort(xf))), '2') and R((1.5 + 2 + 2.5) / 3, '2')),
    ('Il critico col clipping restituisce', lambda: R(0.01 * 2, '0,02')),
    ('\\sqrt6\\, c \\approx 0{,}0245', lambda: R(np.sqrt(6) * 0.01, '0,0245') and all(np.linalg.norm(W, 2) <= np.linalg.norm(W) + 1e-12 <= np.sqrt(6) * .01 + 1e-12 for W in rng.uniform(-.01, .01, (20, 2, 3)))),
    ('\\|W\\|_2 = c\\,\\|\\mathbf 1_2\\|', lambda: close(np.linalg.norm(0.01 * np.ones((2, 3)), 2), np.sqrt(6) * 0.01)),
]

# ---------------------------------------------------------------- 06
w6 = np.array([1., 2]); c6 = .5; lam = 10
xh6 = .25 * np.array([2., 0]) + .75 * np.array([0., 2])
def GP6(w, c):
    g = w + c * xh6
    return lam * (np.linalg.norm(g) - 1) ** 2
g6 = w6 + c6 * xh6
CHECKS['06_shtraf_gradienta_ru.md'] = [
    ('= 2\\lambda\\,(\\|g\\|-1)\\,\\frac{g^\\top}{\\|g\\|}\\,\\frac{\\partial g}{\\partial \\theta}', lambda: (lambda th: close(grad_fd(lambda t: lam * (np.linalg.norm(np.array([[1, 2, 0], [0, 1, -1.]]) @ t) - 1) ** 2, th), 2 * lam * (np.linalg.norm(np.array([[1, 2, 0], [0, 1, -1.]]) @ th) - 1) * (np.array([[1, 2, 0], [0, 1, -1.]]) @ th) @ np.array([[1, 2, 0], [0, 1, -1.]]) / np.linalg.norm(np.array([[1, 2, 0], [0, 1, -1.]]) @ th), 1e-4))(rng.normal(size=3))),
    ('\\nabla_x D(x) = w + c\\,x', lambda: (lambda x: close(grad_fd(lambda u: w6 @ u + c6 / 2 * u @ u, x), w6 + c6 * x))(rng.normal(size=2))),
    ('\\begin{pmatrix} 0{,}5 \\\\ 1{,}5 \\end{pmatrix}.$$', lambda: np.allclose(xh6, [.5, 1.5])),
    ('\\|g\\| = \\sqrt{1{,}5625 + 7{,}5625}', lambda: np.allclose(g6, [1.25, 2.75]) and R(g6 @ g6, '9,125') and R(np.linalg.norm(g6), '3,0208')),
    ('\\mathrm{GP} = 10\\,(3{,}0208 - 1)^2', lambda: R((np.linalg.norm(g6) - 1) ** 2, '4,083') and R(GP6(w6, c6), '40,8')),
    ('\\frac{\\partial\\,\\mathrm{GP}}{\\partial w} = \\lambda', lambda: all(R(a, b) for a, b in zip(grad_fd(lambda w: GP6(w, c6), w6), ['8,36', '18,40']))),
    ('g^\\top \\hat x = 1{,}25', lambda: R(g6 @ xh6, '4,75')),
    ('\\frac{\\partial\\,\\mathrm{GP}}{\\partial c} = \\lambda', lambda: R(fd(lambda c: GP6(w6, c), c6), '31,78')),
    ('D(x) = w^\\top x$ штраф', lambda: True),
]

# ---------------------------------------------------------------- 07
dr = np.array([2.0, .5, -.3]); df = np.array([-1.5, .2, -.8])
LD7 = lambda r, f: np.mean(np.maximum(0, 1 - r)) + np.mean(np.maximum(0, 1 + f))
CHECKS['07_hinge_loss_zh.md'] = [
    ('\\frac{\\partial}{\\partial d}\\max(0,\\ 1-d)', lambda: all(close(fd(lambda u: max(0, 1 - u), d0), -1.0 if d0 < 1 else 0.0) for d0 in [-2, 0.3, 0.9, 1.1, 3])),
    ('\\frac{\\partial}{\\partial \\tilde d}\\max(0,\\ 1+\\tilde d)', lambda: all(close(fd(lambda u: max(0, 1 + u), d0), 1.0 if d0 > -1 else 0.0) for d0 in [-3, -1.1, -0.9, 0, 2])),
    ('\\max(0, 1-2.0) = 0,\\quad', lambda: np.allclose(np.maximum(0, 1 - dr), [0, .5, 1.3])),
    ('平均值为 $(0 + 0.5 + 1.3)/3 = 0.6$', lambda: R(np.mean(np.maximum(0, 1 - dr)), '0.6')),
    ('\\max(0, 1-1.5) = 0,\\quad', lambda: np.allclose(np.maximum(0, 1 + df), [0, 1.2, .2])),
    ('平均值为 $(0 + 1.2 + 0.2)/3 \\approx 0.4667$', lambda: R(np.mean(np.maximum(0, 1 + df)), '0.4667')),
    ('L_D \\approx 0.6 + 0.4667 = 1.0667', lambda: R(LD7(dr, df), '1.0667')),
    ('\\frac{\\partial L_D}{\\partial d_i} = \\left(0', lambda: close(grad_fd(lambda r: LD7(r, df), dr), [0, -1 / 3, -1 / 3]) and close(grad_fd(lambda f: LD7(dr, f), df), [0, 1 / 3, 1 / 3])),
    ('L_G = -\\frac{-1.5 + 0.2 - 0.8}{3}', lambda: R(-np.mean(df), '0.7')),
    ('对三个样本都一样', lambda: close(grad_fd(lambda f: -np.mean(f), df), [-1 / 3] * 3)),
]

# ---------------------------------------------------------------- 08
W8 = np.array([[3., 0], [4, 5]])
v2 = W8.T @ np.array([.6, .8]); v2 = v2 / np.linalg.norm(v2)
CHECKS['08_spectral_norm_power_iteration_ja.md'] = [
    ('= \\begin{pmatrix} 25 & 20 \\\\ 20 & 25 \\end{pmatrix}$$', lambda: np.allclose(W8.T @ W8, [[25, 20], [20, 25]])),
    ('\\sigma(W) = \\sqrt{45} = 3\\sqrt5 \\approx 6.7082', lambda: np.allclose(sorted(np.linalg.eigvalsh(W8.T @ W8)), [5, 45]) and R(np.linalg.svd(W8)[1][0], '6.7082')),
    ('W^\\top u_0 = \\begin{pmatrix} 3 \\\\ 0', lambda: np.allclose(W8.T @ [1, 0], [3, 0])),
    ('W v_1 = \\begin{pmatrix} 3 \\\\ 4', lambda: np.allclose(W8 @ [1, 0], [3, 4]) and np.allclose(W8 @ [1, 0] / 5, [.6, .8])),
    ('この時点での推定値は', lambda: R(np.array([.6, .8]) @ W8 @ np.array([1, 0]), '5')),
    ('W^\\top u_1 = \\begin{pmatrix} 3\\cdot 0.6', lambda: np.allclose(W8.T @ [.6, .8], [5, 4]) and R(np.sqrt(41), '6.4031')),
    ('v_2 \\approx \\begin{pmatrix} 0.7809', lambda: R(v2[0], '0.7809') and R(v2[1], '0.6247')),
    ('W v_2 \\approx \\begin{pmatrix} 3\\cdot 0.7809 + 4', lambda: all(R(a, b) for a, b in zip(W8 @ v2, ['4.8415', '3.1235']))),
    ('\\hat\\sigma_2 = \\|W v_2\\|', lambda: R(np.linalg.norm(W8 @ v2), '5.7616')),
    ('\\bar W_{\\mathrm{SN}} \\approx \\frac{1}{5.7616}', lambda: (lambda s2: R(s2, '5.7616') and all(R(a, b) for a, b in zip((W8 / s2).ravel(), ['0.5207', '0', '0.6943', '0.8678'])))(np.linalg.norm(W8 @ v2))),
    ('$W/\\sqrt{45} \\approx', lambda: all(R(a, b) for a, b in zip((W8 / np.sqrt(45)).ravel(), ['0.4472', '0', '0.5963', '0.7454']))),
]

# ---------------------------------------------------------------- 09
CHECKS['09_dcgan_generator_params_ko.md'] = [
    ('| 1 | $100 \\to 512', lambda: convT(1, 4, 1, 0) == 4),
    ('| 2 | $512 \\to 256', lambda: convT(4, 4, 2, 1) == 8),
    ('| 3 | $256 \\to 128', lambda: convT(8, 4, 2, 1) == 16),
    ('| 4 | $128 \\to 64', lambda: convT(16, 4, 2, 1) == 32),
    ('| 5 | $64 \\to 3', lambda: convT(32, 4, 2, 1) == 64),
    ('\\text{1층: } (1-1)', lambda: (1 - 1) * 1 - 0 + 4 == 4),
    ('\\text{2층: } (4-1)', lambda: (4 - 1) * 2 - 2 + 4 == 8),
    ('\\text{5층: } (32-1)', lambda: (32 - 1) * 2 - 2 + 4 == 64),
    ('(H-1)\\cdot 2 - 2 + 4 = 2H', lambda: all(convT(h, 4, 2, 1) == 2 * h for h in range(1, 40))),
    ('\\left\\lfloor \\frac{64 + 2 - 4}{2} \\right\\rfloor = 31', lambda: conv(64, 4, 2, 1) == 31),
    ('\\text{1층: } 100 \\cdot 512', lambda: np.zeros((100, 512, 4, 4)).size == 819200 and 2 * 512 == 1024),
    ('\\text{2층: } 512 \\cdot 256', lambda: np.zeros((512, 256, 4, 4)).size == 2097152 and 2 * 256 == 512),
    ('\\text{3층: } 256 \\cdot 128', lambda: np.zeros((256, 128, 4, 4)).size == 524288 and 2 * 128 == 256),
    ('\\text{4층: } 128 \\cdot 64', lambda: np.zeros((128, 64, 4, 4)).size == 131072 and 2 * 64 == 128),
    ('\\text{5층: } 64 \\cdot 3', lambda: np.zeros((64, 3, 4, 4)).size == 3072),
    ('= 3{,}576{,}704.$$', lambda: sum(a * b * 16 for a, b in [(100, 512), (512, 256), (256, 128), (128, 64), (64, 3)]) + 2 * (512 + 256 + 128 + 64) == 3576704),
    ('2{,}097{,}152 / 3{,}576{,}704 \\approx 0.586', lambda: R(2097152 / 3576704, '0.586') and R(100 * 2097152 / 3576704, '58.6')),
]

# ---------------------------------------------------------------- 10
CHECKS['10_generator_dcgan_liczba_parametrow_pl.md'] = [
    ('daje to $H_{\\text{out}} = 2H_{\\text{in}} - 2 - 4 + 5 + 1', lambda: all(convT(h, 5, 2, 2, 1) == 2 * h for h in range(1, 40))),
    ('$$(4-1)\\cdot 2 - 2\\cdot 2 + 5 + 1 = 8', lambda: convT(4, 5, 2, 2, 1) == 8),
    ('$$(8-1)\\cdot 2 - 2\\cdot 2 + 5 + 1 = 16', lambda: convT(8, 5, 2, 2, 1) == 16),
    ('$$(16-1)\\cdot 2 - 2\\cdot 2 + 5 + 1 = 32', lambda: convT(16, 5, 2, 2, 1) == 32),
    ('Kształty: $64 \\to 128', lambda: 128 * 4 * 4 == 2048),
    ('pierwsza warstwa dałaby $(4-1)\\cdot 2 - 4 + 5 = 7$', lambda: convT(4, 5, 2, 2, 0) == 7),
    ('zarówno dla $H = 7$', lambda: conv(7, 5, 2, 2) == 4 and conv(8, 5, 2, 2) == 4),
    ('$$64\\cdot 2048 + 2048 = 131\\,072', lambda: np.zeros((2048, 64)).size + 2048 == 133120 and 64 * 2048 == 131072),
    ('$$128\\cdot 64\\cdot 25 = 204\\,800', lambda: np.zeros((128, 64, 5, 5)).size == 204800 and 2 * 64 == 128),
    ('$$64\\cdot 32 \\cdot 25 = 51\\,200', lambda: np.zeros((64, 32, 5, 5)).size == 51200 and 2 * 32 == 64),
    ('$$32\\cdot 1\\cdot 25 + 1 = 801', lambda: np.zeros((32, 1, 5, 5)).size + 1 == 801),
    ('+ 51\\,200 + 64 + 801 = 390\\,113', lambda: 133120 + 204800 + 128 + 51200 + 64 + 801 == 390113),
    ('**Odpowiedź.**', lambda: 32 * 32 == 1024),
    ('204\\,800/390\\,113 \\approx 52{,}5\\%', lambda: R(100 * 204800 / 390113, '52,5')),
]

# ---------------------------------------------------------------- 11
l11 = np.array([.8, 2.0, -1.0, .3]); y11 = np.array([1, 1, 0, 0.])
bce = lambda l, y: -(y * ln(sig(l)) + (1 - y) * ln(1 - sig(l)))
CHECKS['11_bce_logit_gradient_en.md'] = [
    ('&= -\\big[\\,y\\,(1-\\sigma(\\ell))', lambda: all(close(fd(lambda u: bce(u, y), t), -(y * (1 - sig(t)) - (1 - y) * sig(t))) for t in rng.uniform(-4, 4, 5) for y in (0., 1., .3))),
    ('&= -y + y\\,\\sigma(\\ell) + \\sigma(\\ell) - y\\,\\sigma(\\ell)', lambda: all(close(-(y * (1 - s) - (1 - y) * s), -y + y * s + s - y * s) for s, y in rng.uniform(0, 1, (10, 2)))),
    ('&= \\sigma(\\ell) - y.', lambda: all(close(fd(lambda u: bce(u, y), t), sig(t) - y) for t in rng.uniform(-4, 4, 5) for y in (0., 1.))),
    ('\\sigma(0.8) \\approx 0.6900', lambda: all(R(a, b) for a, b in zip(sig(l11), ['0.6900', '0.8808', '0.2689', '0.5744']))),
    ('-\\log 0.6900 \\approx 0.3711', lambda: all(R(a, b) for a, b in zip(bce(l11, y11), ['0.3711', '0.1269', '0.3133', '0.8544'])) and R(1 - sig(-1.0), '0.7311') and R(1 - sig(.3), '0.4256')),
    ('so the batch loss is', lambda: R(0.3711 + 0.1269 + 0.3133 + 0.8544, '1.6657') and R(bce(l11, y11).mean(), '0.4164')),
    ('\\frac{\\sigma(\\ell_i) - y_i}{4} \\approx', lambda: all(R(a, b) for a, b in zip(grad_fd(lambda l: bce(l, y11).mean(), l11), ['-0.0775', '-0.0298', '0.0672', '0.1436']))),
    ('L_G = \\tfrac12\\big[-\\log\\sigma(-1.0)', lambda: R(-ln(sig(-1.0)), '1.3133') and R(-ln(sig(.3)), '0.5544') and R(-ln(sig(l11[2:])).mean(), '0.934') and R((1.3133 + 0.5544) / 2, '0.934')),
    ('\\frac{\\sigma(\\ell_i) - 1}{2} \\approx', lambda: all(R(a, b) for a, b in zip(grad_fd(lambda l: -ln(sig(l)).mean(), l11[2:]), ['-0.3655', '-0.2128']))),
]

# ---------------------------------------------------------------- 12
w12 = np.array([.6, -1.2, .4])
X12 = np.array([[1., 0, 2], [0, 1, 1]]); F12 = np.array([[2., 1, 0], [1, 1, 1]])
L12 = lambda w: (F12 @ w).mean() - (X12 @ w).mean() + 10 * (np.linalg.norm(w) - 1) ** 2
CHECKS['12_wgan_gp_lineaire_criticus_nl.md'] = [
    ('\\mathrm{GP}(w) = \\lambda\\,(\\|w\\| - 1)^2', lambda: (lambda x: close(grad_fd(lambda u: w12 @ u + .7, x), w12))(rng.normal(size=3))),
    ('\\|w\\| = \\sqrt{0{,}36 + 1{,}44 + 0{,}16}', lambda: R(np.linalg.norm(w12), '1,4') and R(w12 @ w12, '1,96')),
    ('\\mathrm{GP} = 10\\,(1{,}4 - 1)^2 = 10 \\cdot 0{,}16 = 1{,}6', lambda: R(10 * (np.linalg.norm(w12) - 1) ** 2, '1,6')),
    ('= \\frac{40}{7}\\,w,$$', lambda: close(grad_fd(lambda w: 10 * (np.linalg.norm(w) - 1) ** 2, w12), 40 / 7 * w12)),
    ('\\approx 5{,}7143 \\begin{pmatrix}', lambda: R(40 / 7, '5,7143') and all(R(a, b) for a, b in zip(40 / 7 * w12, ['3,4286', '-6,8571', '2,2857']))),
    ('w^\\top x_1 = 0{,}6 + 0{,}8 = 1{,}4', lambda: np.allclose(X12 @ w12, [1.4, -.8])),
    ('w^\\top \\tilde x_1 = 1{,}2 - 1{,}2 = 0', lambda: np.allclose(F12 @ w12, [0, -.2])),
    ('Het Wasserstein-deel is dus', lambda: R((F12 @ w12).mean() - (X12 @ w12).mean(), '-0,4') and R((F12 @ w12).mean(), '-0,1') and R((X12 @ w12).mean(), '0,3')),
    ('L = -0{,}4 + 1{,}6 = 1{,}2', lambda: R(L12(w12), '1,2')),
    ('\\bar{\\tilde x} - \\bar x = \\begin{pmatrix}', lambda: np.allclose(F12.mean(0), [1.5, 1, .5]) and np.allclose(X12.mean(0), [.5, .5, 1.5]) and np.allclose(F12.mean(0) - X12.mean(0), [1, .5, -1])),
    ('\\nabla_w L \\approx \\begin{pmatrix} 1 + 3{,}4286', lambda: all(R(a, b) for a, b in zip(grad_fd(L12, w12), ['4,4286', '-6,3571', '1,2857']))),
    ('Controle: een centrale differentie', lambda: R((L12(w12 + [1e-4, 0, 0]) - L12(w12 - [1e-4, 0, 0])) / 2e-4, '4,4286')),
]

# ---------------------------------------------------------------- 13
W13 = np.array([[1., 2, 0], [0, 1, 2]])
def pit(W, u, n):
    out = []
    for _ in range(n):
        a = W.T @ u; v = a / np.linalg.norm(a); b = W @ v; s = np.linalg.norm(b); u = b / s
        out.append((a, v, b, s, u))
    return out
it13 = pit(W13, np.array([1., 0]), 3)
CHECKS['13_chuan_hoa_pho_vi.md'] = [
    ('W W^\\top = \\begin{pmatrix} 5 & 2', lambda: np.allclose(W13 @ W13.T, [[5, 2], [2, 5]])),
    ('\\sigma(W) = \\sqrt7 \\approx 2{,}6458', lambda: np.allclose(np.linalg.svd(W13)[1], [np.sqrt(7), np.sqrt(3)]) and R(np.sqrt(7), '2,6458') and R(np.sqrt(3), '1,7321')),
    ('W^\\top u_0 = (1;\\ 2;\\ 0)^\\top', lambda: np.allclose(it13[0][0], [1, 2, 0]) and R(np.sqrt(5), '2,2361') and all(R(a, b) for a, b in zip(it13[0][1], ['0,4472', '0,8944', '0']))),
    ('W v_1 \\approx (2{,}2361;\\ 0{,}8944)^\\top', lambda: all(R(a, b) for a, b in zip(it13[0][2], ['2,2361', '0,8944'])) and R(it13[0][2] @ it13[0][2], '5,8') and R(it13[0][3], '2,4083')),
    ('u_1 = \\frac{1}{\\sqrt{29}}(5;\\ 2)^\\top', lambda: close(it13[0][4], np.array([5, 2]) / np.sqrt(29)) and all(R(a, b) for a, b in zip(it13[0][4], ['0,9285', '0,3714']))),
    ('W^\\top u_1 = \\frac{1}{\\sqrt{29}}(5;\\ 2\\cdot 5', lambda: close(it13[1][0], np.array([5, 12, 4]) / np.sqrt(29)) and all(R(a, b) for a, b in zip(it13[1][0], ['0,9285', '2,2283', '0,7428']))),
    ('\\|W^\\top u_1\\| \\approx \\sqrt{', lambda: all(R(a, b) for a, b in zip(it13[1][0] ** 2, ['0,8621', '4,9655', '0,5517'])) and R(it13[1][0] @ it13[1][0], '6,3793') and R(np.linalg.norm(it13[1][0]), '2,5257')),
    ('v_2 \\approx (0{,}3676;', lambda: all(R(a, b) for a, b in zip(it13[1][1], ['0,3676', '0,8823', '0,2941'])) and all(R(a, b) for a, b in zip(it13[1][2], ['2,1321', '1,4704'])) and R(it13[1][3], '2,5900')),
    ('ta được $\\hat\\sigma_3 \\approx 2{,}6350$', lambda: R(it13[2][3], '2,6350') and R(100 * (np.sqrt(7) - it13[2][3]) / np.sqrt(7), '0,41')),
    ('(\\sigma_2/\\sigma_1)^2 = 3/7 \\approx 0{,}4286', lambda: R((np.sqrt(3) / np.sqrt(7)) ** 2, '0,4286')),
    ('\\bar W_{\\mathrm{SN}} = \\frac{W}{\\sqrt7} \\approx', lambda: all(R(a, b) for a, b in zip((W13 / np.sqrt(7)).ravel(), ['0,3780', '0,7559', '0', '0', '0,3780', '0,7559']))),
    ('có trị riêng lớn nhất bằng $1$', lambda: np.allclose((W13 / np.sqrt(7)) @ (W13 / np.sqrt(7)).T, np.array([[5, 2], [2, 5]]) / 7) and close(np.linalg.eigvalsh(W13 @ W13.T / 7).max(), 1)),
]

# ---------------------------------------------------------------- 14
P14 = np.array([.8, .2]); Q14 = np.array([.4, .6]); M14 = (P14 + Q14) / 2
JSD14 = 0.5 * (KL(P14, M14) + KL(Q14, M14))
V14 = float((P14 * ln(P14 / (P14 + Q14)) + Q14 * ln(Q14 / (P14 + Q14))).sum())
CHECKS['14_jensen_shannon_optimum_tr.md'] = [
    ('\\log D^*(x) = \\log\\frac{p(x)}{2\\,m(x)} = \\log\\frac{p(x)}{m(x)} + \\log 2', lambda: all(close(ln(p / (p + q)), ln(p / ((p + q) / 2)) + ln(2)) for p, q in rng.uniform(.01, 1, (10, 2)))),
    ('= \\log\\frac{q(x)}{m(x)} + \\log 2', lambda: all(close(ln(q / (p + q)), ln(q / ((p + q) / 2)) + ln(2)) for p, q in rng.uniform(.01, 1, (10, 2)))),
    ('+ 2\\log 2 \\\\', lambda: close(V14, KL(P14, M14) + KL(Q14, M14) + 2 * ln(2))),
    ('&= \\log 4 + 2\\,\\mathrm{JSD}', lambda: close(V14, ln(4) + 2 * JSD14)),
    ('en küçük değer $\\log 4 \\approx 1{,}3863$', lambda: R(ln(4), '1,3863') and min_V_is(ln(4))),
    ('m = (0{,}6;\\ 0{,}4)', lambda: np.allclose(M14, [.6, .4])),
    ('Optimal ayırt edici: $D^*', lambda: all(R(a, b) for a, b in zip(P14 / (P14 + Q14), ['0,6667', '0,25']))),
    ('\\approx 0{,}2301 - 0{,}1386 = 0{,}0915', lambda: R(.8 * ln(.8 / .6), '0,2301') and R(.2 * ln(.5), '-0,1386') and R(KL(P14, M14), '0,0915')),
    ('\\approx -0{,}1622 + 0{,}2433 = 0{,}0811', lambda: R(.4 * ln(.4 / .6), '-0,1622') and R(.6 * ln(1.5), '0,2433') and R(KL(Q14, M14), '0,0811')),
    ('\\tfrac12(0{,}0915 + 0{,}0811) = 0{,}0863', lambda: R(JSD14, '0,0863')),
    ('V(D^*, G) \\approx 1{,}3863 + 2 \\cdot 0{,}0863 = 1{,}5589', lambda: R(V14, '1,5589')),
]
def min_V_is(val):
    # minimum over q of V(D*,G) for random p, found by evaluating at q = p
    p = rng.dirichlet(np.ones(3)); q = p
    return close(float((p * ln(p / (p + q)) + q * ln(q / (p + q))).sum()), val)

# ---------------------------------------------------------------- 15
w15 = np.array([.5, -1.]); b15 = 0.
X15 = np.array([[1., 0], [3, -1]]); F15 = np.array([[1., 1], [0, 2]])
def LD15(w, b):
    return np.mean(np.maximum(0, 1 - (X15 @ w + b))) + np.mean(np.maximum(0, 1 + (F15 @ w + b)))
gw15 = grad_fd(lambda w: LD15(w, b15), w15)
CHECKS['15_hinge_gradient_cs.md'] = [
    ('\\frac{\\partial}{\\partial d}\\max(0,\\ 1-d)', lambda: all(close(fd(lambda u: max(0, 1 - u), d0), -1.0 if d0 < 1 else 0.0) for d0 in [-2, .5, 1.5, 3])),
    ('\\frac{\\partial}{\\partial \\tilde d}\\max(0,\\ 1+\\tilde d)', lambda: all(close(fd(lambda u: max(0, 1 + u), d0), 1.0 if d0 < -1 else 0.0) for d0 in [-3, -2, -.5, 1])),
    ('Výstupy diskriminátoru:', lambda: True),
    ('D(x_1) = 0{,}5, \\quad D(x_2)', lambda: np.allclose(X15 @ w15, [.5, 2.5]) and np.allclose(F15 @ w15, [-.5, -2])),
    ('= 0{,}25 + 0{,}25 = 0{,}5.$$', lambda: R(LD15(w15, b15), '0,5')),
    ('Aktivní je skutečný vzorek', lambda: list(np.where(1 - X15 @ w15 > 0)[0]) == [0] and list(np.where(1 + F15 @ w15 > 0)[0]) == [1]),  # line claims x_1 and x~_2 active
    ('\\nabla_w L_D = -\\tfrac12\\,x_1', lambda: all(R(a, b) for a, b in zip(gw15, ['-0,5', '1']))),
    ('\\frac{\\partial L_D}{\\partial b} = -\\tfrac12 + \\tfrac12 = 0', lambda: R(fd(lambda b: LD15(w15, b), b15), '0')),
    ('- 0{,}1\\begin{pmatrix} -0{,}5 \\\\ 1 \\end{pmatrix}', lambda: all(R(a, b) for a, b in zip(w15 - .1 * gw15, ['0,55', '-1,1']))),
    ('L_G = -\\tfrac12\\,(-0{,}5 - 2) = 1{,}25', lambda: R(-np.mean(F15 @ w15), '1,25')),
    ('\\frac{\\partial L_G}{\\partial \\tilde x_i} = -\\frac{1}{m}\\,w', lambda: all(R(a, b) for a, b in zip(grad_fd(lambda x: -np.mean(np.vstack([x, F15[1]]) @ w15), F15[0]), ['-0,25', '0,5']))),
]

# ---------------------------------------------------------------- 16
l16 = np.array([-4.6, -2., 0, 1]); z16 = np.array([1, .5, -1, 2]); a16 = 1.5
Lmm = lambda l: np.mean(ln(1 - sig(l))); Lns = lambda l: -np.mean(ln(sig(l)))
theta16 = 0.7; c16 = l16 - a16 * theta16 * z16   # per-sample offsets so that l_i = a*theta*z_i + c_i
lth = lambda th: a16 * th * z16 + c16
CHECKS['16_saturation_minibatch_en.md'] = [
    ('\\frac{d}{dD}\\log(1-D) = -\\frac{1}{1-D}', lambda: all(close(fd(lambda u: ln(1 - u), D), -1 / (1 - D)) and close(fd(lambda u: -ln(u), D), -1 / D) for D in rng.uniform(.05, .95, 10))),
    ('the first derivative is $-1/0.99 \\approx -1.0101$', lambda: R(-1 / .99, '-1.0101') and R(-1 / .01, '-100')),
    ('= -\\frac{D(1-D)}{1-D} = -D', lambda: at_random(lambda t: close(fd(lambda u: ln(1 - sig(u)), t), -sig(t)) and close(fd(lambda u: -ln(sig(u)), t), -(1 - sig(t))))),
    ('At $D = 0.01$ this gives', lambda: R(-0.01, '-0.01') and R(-(1 - .01), '-0.99') and R(.99 / .01, '100', slack=2)),
    ('\\frac{\\partial L_{\\text{mm}}}{\\partial \\ell_i} = -\\frac{\\sigma(\\ell_i)}{N}', lambda: close(grad_fd(Lmm, l16), -sig(l16) / 4) and close(grad_fd(Lns, l16), (sig(l16) - 1) / 4)),
    ('\\sigma(\\ell) \\approx (0.0100', lambda: all(R(a, b) for a, b in zip(sig(l16), ['0.0100', '0.1192', '0.5000', '0.7311']))),
    ('\\approx (-0.0025,\\ -0.0298', lambda: all(R(a, b) for a, b in zip(grad_fd(Lmm, l16), ['-0.0025', '-0.0298', '-0.1250', '-0.1828']))),
    ('\\approx (-0.2475,\\ -0.2202', lambda: all(R(a, b) for a, b in zip(grad_fd(Lns, l16), ['-0.2475', '-0.2202', '-0.1250', '-0.0672']))),
    ('gradient is about $100$ times larger', lambda: abs((1 - sig(-4.6)) / sig(-4.6) - 100) < 1 and (1 - sig(1.)) < sig(1.)),
    ('= a\\sum_{i=1}^N \\big(\\sigma(\\ell_i) - 1\\big)\\,z_i', lambda: close(fd(lambda th: Lns(lth(th)), theta16), a16 * np.sum((sig(l16) - 1) * z16))),
    ('Numerically, $\\sum_i (\\sigma(\\ell_i) - 1) z_i', lambda: all(R(a, b) for a, b in zip((sig(l16) - 1) * z16, ['-0.9900', '-0.4404', '0.5000', '-0.5379'])) and R(np.sum((sig(l16) - 1) * z16), '-1.4683')),
    ('\\approx 1.5 \\times (-1.4683) \\approx -2.2025', lambda: R(fd(lambda th: Lns(lth(th)), theta16), '-2.2025')),
    ('The same computation for the minimax loss', lambda: all(R(a, b) for a, b in zip(-sig(l16) * z16, ['-0.0100', '-0.0596', '0.5000', '-1.4621'])) and R(np.sum(-sig(l16) * z16), '-1.0317') and R(fd(lambda th: Lmm(lth(th)), theta16), '-1.5475')),
]


def line_of(lines, sub):
    hits = [i + 1 for i, l in enumerate(lines) if sub in l]
    assert len(hits) == 1, f'substring {sub!r} matched lines {hits}'
    return hits[0]


def main():
    expected = json.load(open(os.path.join(HERE, 'expected.json')))
    mds = sorted(f for f in os.listdir(HERE) if f.endswith('.md'))
    assert sorted(expected) == mds == sorted(CHECKS), (mds, sorted(expected))
    all_ok = True
    for f in mds:
        lines = open(os.path.join(HERE, f), encoding='utf-8').read().split('\n')
        located = sorted((line_of(lines, sub), sub, chk) for sub, chk in CHECKS[f])
        first_bad = None
        for ln_no, sub, chk in located:
            try:
                ok = bool(chk())
            except Exception as e:  # a crashing check counts as failure
                print('   exception', f, ln_no, e); ok = False
            if not ok:
                first_bad = ln_no
                break
        status = 'OK' if first_bad == expected[f] else 'MISMATCH'
        all_ok &= status == 'OK'
        print(f'{status}  {f}: first failing line = {first_bad}, expected = {expected[f]}')
    print('ALL OK' if all_ok else 'SOME MISMATCHES')
    raise SystemExit(0 if all_ok else 1)


if __name__ == '__main__':
    main()
