"""Independent check of the corpus: walks the math claims of every file line by line and
asserts that the first failing line equals the entry of expected.json (null if none fails)."""
import json, os, re, math
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(12345)


def parse(claim):
    t = claim.replace('{,}', '.').replace('{.}', '.').replace('\\,', '').replace('\\ ', '')
    t = t.replace(',', '.').replace(' ', '').replace('−', '-')
    return float(t), (len(t.split('.')[1]) if '.' in t else 0)


def N(claim, truth):
    """claimed decimal string (must occur on the line) equals truth to printed precision"""
    def f(line):
        assert claim in line, (claim, line)
        v, d = parse(claim)
        return abs(v - truth) <= 0.5 * 10 ** (-d) * (1 + 1e-9) + 1e-12
    return f


def T(cond):
    return lambda line: bool(cond)


def rnd_round(u):  # round half away from zero (no ties occur in the files anyway)
    return np.sign(u) * np.floor(np.abs(u) + 0.5)


def ste_ds(v, s, h=1e-6):
    """derivative of s*round(v/s) wrt s with round replaced by its local identity (STE):
    f(t) = t*(round(v/s) + v/t - v/s); central difference at t = s"""
    r = rnd_round(v / s)
    f = lambda t: t * (r + v / t - v / s)
    return (f(s + h) - f(s - h)) / (2 * h)


def fd(f, x, h=1e-6):
    x = np.array(x, float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x); e[idx] = h
        g[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return g


CHECKS = {}

# ---------------------------------------------------------------- 01 (German, correct)
s = 4.8 / 255; z = 64
CHECKS['01_affine_quantisierung_de.md'] = [
    (r'= \frac{4{,}8}{255} \approx 0{,}018824', [T(3.6 - (-1.2) == 4.8 or abs(3.6 + 1.2 - 4.8) < 1e-12), N('0{,}018824', s)]),
    (r'\operatorname{round}(63{,}75) = 64', [N('63{,}75', 1.2 / s), T(round(1.2 / s) == 64)]),
    (r'Es gilt $r/s = 53{,}125$', [N('53{,}125', 1.0 / s)]),
    (r'= 53 + 64 = 117', [T(round(1.0 / s) == 53 and 53 + 64 == 117)]),
    (r'53 \cdot 0{,}018824 \approx 0{,}99765', [N('0{,}99765', 53 * s)]),
    (r'der Fehler ist $|r - \hat r|', [N('0{,}00235', 1 - 53 * s), N('0{,}009412', s / 2), T(1 - 53 * s < s / 2)]),
    (r'Dann $r/s = -106{,}25$', [N('-106{,}25', -2 / s), T(round(-2 / s) == -106 and -106 + 64 == -42)]),
    (r'-64 \cdot 0{,}018824 \approx -1{,}2047', [N('-1{,}2047', -64 * s)]),
    (r'0{,}7953$ ist ein', [N('0{,}7953', abs(-2 - (-64 * s)))]),
    (r'Dann $r/s = 207{,}1875$', [N('207{,}1875', 3.9 / s), T(round(3.9 / s) + 64 == 271)]),
    (r'191 \cdot 0{,}018824 \approx 3{,}5953', [T(255 - 64 == 191), N('3{,}5953', 191 * s)]),
    (r'[-64\,s,\; 191\,s] \approx', [N('-1{,}2047', -64 * s), N('3{,}5953', 191 * s)]),
]

# ---------------------------------------------------------------- 02 (French, planted: s/2 written as s)
w = np.array([0.52, -0.31, 0.047, -0.9]); s = 0.9 / 127
q = np.clip(rnd_round(w / s), -127, 127); wh = s * q; err = np.abs(w - wh)
def _int_e2(line):
    ss = rng.uniform(0.1, 2)
    ee = np.linspace(-ss / 2, ss / 2, 200001)
    num = np.trapezoid(ee ** 2, ee) / ss if hasattr(np, 'trapezoid') else np.trapz(ee ** 2, ee) / ss
    mid = (1 / ss) * (2 / 3) * (ss / 2) ** 3
    return abs(num - ss ** 2 / 12) < 1e-8 and abs(mid - ss ** 2 / 12) < 1e-12
CHECKS['02_erreur_dequantification_fr.md'] = [
    (r'|w - \hat w| = |s\,u - s\,q|', [T(True)]),
    (r'\frac{1}{s}\cdot\frac{2}{3}\Big(\frac{s}{2}\Big)^3', [_int_e2]),
    (r's = \frac{0{,}9}{127} \approx 0{,}0070866', [N('0{,}0070866', s)]),
    (r'\frac{w}{s} \approx (73{,}378', [N('73{,}378', w[0] / s), N('-43{,}744', w[1] / s), N('6{,}632', w[2] / s), N('-127{,}000', w[3] / s)]),
    (r'q = (73;\ -44;\ 7;\ -127)', [T(list(q) == [73, -44, 7, -127])]),
    (r'\hat w = s\,q \approx (0{,}51732', [N('0{,}51732', wh[0]), N('-0{,}31181', wh[1]), N('0{,}049606', wh[2]), N('-0{,}9', wh[3])]),
    (r'|w - \hat w| \approx (0{,}00268', [N('0{,}00268', err[0]), N('0{,}00181', err[1]), N('0{,}00261', err[2]), T(err[3] < 1e-12)]),
    (r'\frac{s}{2} \approx 0{,}0070866', [N('0{,}0070866', s / 2)]),
    (r'environ $38\,\%$', [N('38', 100 * 0.00268 / (s / 2))]),
    (r'\frac14\sum_i (w_i - \hat w_i)^2', [N('7{,}17', err[0] ** 2 * 1e6), N('3{,}28', err[1] ** 2 * 1e6), N('6{,}79', err[2] ** 2 * 1e6), N('4{,}31', np.mean(err ** 2) * 1e6)]),
    (r'prédiction $s^2/12 \approx 4{,}19', [N('4{,}19', s * s / 12 * 1e6)]),
]

# ---------------------------------------------------------------- 03 (Spanish, planted: acc_12 sum)
Qa = np.array([[130, 97, 200], [12, 255, 128]]); za = 128
Qw = np.array([[23, -7], [-41, 88], [5, -110]])
D = Qa - za; acc = D @ Qw; M = 0.02 * 0.005 / 0.05
def acc_line(i, j, parts, total):
    def f(line):
        prods = [D[i, k] * Qw[k, j] for k in range(3)]
        return prods == parts and sum(parts) == total and acc[i, j] == total
    return f
CHECKS['03_matmul_int8_es.md'] = [
    (r'|{-128}| \cdot 128 = 2^{14}', [T(128 * 128 == 2 ** 14)]),
    (r'2 & -31 & 72 \\ -116 & 127 & 0', [T((D == np.array([[2, -31, 72], [-116, 127, 0]])).all())]),
    (r'= 46 + 1271 + 360 = 1677', [acc_line(0, 0, [46, 1271, 360], 1677)]),
    (r'= -14 - 2728 - 7920 = -10562', [acc_line(0, 1, [-14, -2728, -7920], -10562)]),
    (r'= -2668 - 5207 + 0 = -7875', [acc_line(1, 0, [-2668, -5207, 0], -7875)]),
    (r'= 812 + 11176 + 0 = 11988', [acc_line(1, 1, [812, 11176, 0], 11988)]),
    (r'{0{,}05} = 0{,}002', [N('0{,}002', M)]),
]

# ---------------------------------------------------------------- 04 (Portuguese, correct)
s = 0.1; QN, QP = 8, 7
x = np.array([0.23, -0.95, 0.71, 0.64]); u = x / s
qq = np.clip(rnd_round(u), -QN, QP); y = s * qq
m = ((u >= -QN) & (u <= QP)).astype(float)
t = np.array([0.3, -0.5, 0.9, 0.1]); gy = y - t; gx = m * gy
def _ste_unit(line):
    # inside the range, d/dx of s*(x/s) is 1
    xx = rng.uniform(-0.5, 0.5); h = 1e-6
    return abs((s * ((xx + h) / s) - s * ((xx - h) / s)) / (2 * h) - 1) < 1e-6
def _dl_dy(line):
    L = lambda yy: 0.5 * np.sum((yy - t) ** 2)
    return np.allclose(fd(L, y), y - t, atol=1e-6) and np.allclose(gy, [-0.1, -0.3, -0.2, 0.5])
CHECKS['04_estimador_straight_through_pt.md'] = [
    (r'Repare que dentro da faixa a derivada', [_ste_unit]),
    (r'= [-0{,}8;\ 0{,}7]', [N('-0{,}8', -QN * s), N('0{,}7', QP * s)]),
    (r'Então $x/s = (2{,}3;', [N('2{,}3', u[0]), N('-9{,}5', u[1]), N('7{,}1', u[2]), N('6{,}4', u[3])]),
    (r'\operatorname{clamp}(\operatorname{round}(x/s)) = (2;\ -8;\ 7;\ 6)', [T(list(qq) == [2, -8, 7, 6]), T(np.allclose(y, [0.2, -0.8, 0.7, 0.6]))]),
    (r'(O segundo valor arredonda para $-10$', [T(math.floor(-9.5) == -10 and math.ceil(-9.5) == -9 and max(-10, -QN) == -8 and max(-9, -QN) == -8)]),
    (r'm = \mathbb{1}\big[-8 \le x/s \le 7\big] = (1;\ 0;\ 0;\ 1)', [T(list(m) == [1, 0, 0, 1])]),
    (r'$x_3/s = 7{,}1 > 7$', [N('7{,}1', u[2])]),
    (r'\frac{\partial L}{\partial y} = (-0{,}1;\ -0{,}3', [_dl_dy]),
    (r'm \odot \frac{\partial L}{\partial y} = (-0{,}1;\ 0;\ 0;\ 0{,}5)', [T(np.allclose(gx, [-0.1, 0, 0, 0.5]))]),
    (r'= (0{,}28;\ -0{,}95;\ 0{,}71;\ 0{,}39)', [T(np.allclose(x - 0.5 * gx, [0.28, -0.95, 0.71, 0.39]))]),
]

# ---------------------------------------------------------------- 05 (Italian, planted: sign of -v/s for i=2)
v = np.array([0.37, -0.26, 0.52, -0.05, 0.9, -1.1]); s = 0.2; QN, QP = 4, 3
u = v / s; lev = np.clip(rnd_round(u), -QN, QP)
dsv = np.where(u <= -QN, -QN, np.where(u >= QP, QP, -u + rnd_round(u)))
gup = np.array([0.2, -0.1, 0.4, 1.0, -0.3, 0.05])
def _lsq_formula(line):
    ok = True
    for _ in range(20):
        ss = rng.uniform(0.05, 1); vv = rng.uniform(-2.9, 2.9) * ss
        ok &= abs(ste_ds(vv, ss) - (-vv / ss + rnd_round(vv / ss))) < 1e-6
        # clipped regions: s*(-QN) and s*QP have derivatives -QN, QP
    return ok
def _inner_half(line):
    uu = rng.uniform(-3.9, 2.9, 1000)
    return np.all(np.abs(-uu + rnd_round(uu)) <= 0.5)
def _ds_i(i, claimed):
    return lambda line: abs(dsv[i] - claimed) < 1e-9
CHECKS['05_lsq_passo_apprendibile_it.md'] = [
    (r'\approx \operatorname{round}\!\Big(\frac{v}{s}\Big) + s\cdot\Big(-\frac{v}{s^2}\Big)', [_lsq_formula]),
    (r'il gradiente vale al più $1/2$', [_inner_half]),
    (r'Si ha $v/s = (1{,}85;', [T(np.allclose(u, [1.85, -1.3, 2.6, -0.25, 4.5, -5.5]))]),
    (r'I livelli quantizzati sono $(2;', [T(list(lev) == [2, -1, 3, 0, 3, -4])]),
    (r'$\hat v = (0{,}4;', [T(np.allclose(s * lev, [0.4, -0.2, 0.6, 0, 0.6, -0.8]))]),
    (r'i=1:&\quad -1{,}85 + 2 = 0{,}15', [_ds_i(0, 0.15)]),
    (r'i=2:&\quad -1{,}3 + (-1) = -2{,}3', [_ds_i(1, -2.3)]),
    (r'i=3:&\quad -2{,}6 + 3 = 0{,}4', [_ds_i(2, 0.4)]),
    (r'i=4:&\quad 0{,}25 + 0 = 0{,}25', [_ds_i(3, 0.25)]),
    (r'i=5:&\quad Q_P = 3', [_ds_i(4, 3)]),
    (r'i=6:&\quad -Q_N = -4', [_ds_i(5, -4)]),
]

# ---------------------------------------------------------------- 06 (Russian, correct)
W = np.array([[0.02, -0.011, 0.013, 0.004], [1.5, -0.8, 0.3, 0.1], [-0.4, 0.26, 0.1, -0.05]])
s = np.abs(W).max() / 127; Qt = np.clip(rnd_round(W / s), -127, 127); Et = W - s * Qt
sc = np.abs(W).max(1) / 127; Qc = np.clip(rnd_round(W / sc[:, None]), -127, 127); Ec = W - sc[:, None] * Qc
mse_t = (Et ** 2).mean(1); mse_c = (Ec ** 2).mean(1)
def _fact(line):
    a = rng.normal(size=(3, 4)); xx = rng.normal(size=4); ss = rng.uniform(0.1, 1, 3)
    return np.allclose((ss[:, None] * a) @ xx, ss * (a @ xx))
CHECKS['06_pokanalnoe_kvantovanie_ru.md'] = [
    (r's = \frac{1{,}5}{127} \approx 0{,}011811', [N('0{,}011811', s)]),
    (r'W_{1\cdot}/s \approx (1{,}693', [N('1{,}693', W[0, 0] / s), N('-0{,}931', W[0, 1] / s), N('1{,}101', W[0, 2] / s), N('0{,}339', W[0, 3] / s)]),
    (r'q_{1\cdot} = (2,\ -1,\ 1,\ 0)', [T(list(Qt[0]) == [2, -1, 1, 0]), N('0{,}02362', s * Qt[0, 0]), N('-0{,}01181', s * Qt[0, 1]), N('0{,}01181', s * Qt[0, 2])]),
    (r'Ошибка в первой', []),
    (r'строке $\approx(-0{,}00362', [N('-0{,}00362', Et[0, 0]), N('0{,}00081', Et[0, 1]), N('0{,}00119', Et[0, 2]), N('0{,}004', Et[0, 3])]),
    (r'\mathrm{MSE}_1 = \frac14\sum_j', [N('7{,}80', mse_t[0] * 1e6)]),
    (r'W_{1j}^2 = 1{,}765', [N('1{,}765', (W[0] ** 2).mean() * 1e4)]),
    (r'около $4{,}4\,\%$', [N('4{,}4', 100 * mse_t[0] / (W[0] ** 2).mean())]),
    (r's = (s_1, s_2, s_3) \approx', [N('0{,}00015748', sc[0]), N('0{,}011811', sc[1]), N('0{,}0031496', sc[2])]),
    (r'W_{1\cdot}/s_1 = (127;', [N('127', W[0, 0] / sc[0]), N('-69{,}85', W[0, 1] / sc[0]), N('82{,}55', W[0, 2] / sc[0]), N('25{,}4', W[0, 3] / sc[0])]),
    (r'q_{1\cdot} = (127,\ -70,\ 83,\ 25)', [T(list(Qc[0]) == [127, -70, 83, 25])]),
    (r'\mathrm{MSE}_1 \approx 2{,}39', [N('2{,}39', mse_c[0] * 1e9)]),
    (r'т.е. более чем в тысячу раз', [T(mse_t[0] / mse_c[0] > 1000)]),
    (r'\mathrm{MSE}_3$ с', [T(abs(sc[1] - s) < 1e-15), N('1{,}01', mse_t[2] * 1e5), N('6{,}96', mse_c[2] * 1e7)]),
    (r'$256\cdot128\cdot9 = 294\,912$', [T(256 * 128 * 9 == 294912)]),
    (r'$256\cdot 4 = 1024$', [T(256 * 4 == 1024)]),
    (r'накладные расходы $\approx 0{,}35', [N('0{,}35', 100 * 1024 / 294912)]),
    (r'y_i = \sum_j W_{ij} x_j \approx s_i', [_fact]),
]

# ---------------------------------------------------------------- 07 (Chinese, planted: forgot -z in x3)
s = 0.05; z = 10
x = np.array([-0.62, 0.333, 12.4, 5.0]); r = rnd_round(x / s); qz = np.clip(r + z, 0, 255); xt = s * (qz - z)
uu = x / s + z; mk = ((uu >= 0) & (uu <= 255)).astype(float)
CHECKS['07_wei_lianghua_zh.md'] = [
    (r'[0.05\cdot(-10),\ 0.05\cdot 245] = [-0.5,\ 12.25]', [N('-0.5', s * (0 - z)), N('12.25', s * (255 - z))]),
    (r'$x_1/s = -12.4$', [N('-12.4', x[0] / s), T(r[0] == -12 and r[0] + z == -2 and qz[0] == 0)]),
    (r'\tilde x_1 = 0.05\cdot(0 - 10) = -0.5', [N('-0.5', xt[0])]),
    (r'$x_2/s = 6.66$', [N('6.66', x[1] / s), T(r[1] == 7 and qz[1] == 17)]),
    (r'\tilde x_2 = 0.05\cdot(17 - 10) = 0.35', [N('0.35', xt[1])]),
    (r'$x_3/s = 248$', [N('248', x[2] / s), T(r[2] + z == 258 and qz[2] == 255)]),
    (r'\tilde x_3 = 255 \times 0.05 = 12.75', [N('12.75', xt[2])]),
    (r'\tilde x_4 = 0.05\cdot 100 = 5.0', [N('5.0', xt[3]), T(qz[3] == 110)]),
]

# ---------------------------------------------------------------- 08 (Japanese, correct)
sa, sw, sy = 0.0235, 0.0041, 0.0782
M = sa * sw / sy; n = 9; M0 = M * 2 ** n; M0i = int(round(M0 * 2 ** 31)); a = 12345
CHECKS['08_koteishousuuten_jousuu_ja.md'] = [
    (r'= \frac{9.635\times 10^{-5}}{0.0782} \approx 0.0012321', [N('9.635', sa * sw * 1e5), N('0.0012321', M)]),
    (r'$2^8 M \approx 0.31542$', [N('0.31542', 2 ** 8 * M), T(2 ** 8 * M < 0.5)]),
    (r'$2^9 M \approx 0.63083$', [N('0.63083', 2 ** 9 * M), T(0.5 <= 2 ** 9 * M < 1), N('0.630834', M0)]),
    (r'\times 2147483648) = 1354705183', [T(2 ** 31 == 2147483648), N('0.63083376', M0), T(M0i == 1354705183)]),
    (r'M_0^{\text{int}} / 2^{40} \approx 0.0012320972', [N('0.0012320972', M0i / 2 ** 40), T(abs(M0i / 2 ** 40 - M) / M < 1e-9)]),
    (r'= 1354705183 \times 12345 = 16\,723\,835\,484\,135', [T(M0i * a == 16723835484135)]),
    (r'{1\,099\,511\,627\,776} \approx 15.2102', [T(2 ** 40 == 1099511627776), N('15.2102', M0i * a / 2 ** 40)]),
    (r'12345 \times 0.0012321 \approx 15.210', [T(round(M0i * a / 2 ** 40) == 15), N('15.210', a * M)]),
    (r'$2^{62}$ 未満で', [T((2 ** 31 - 1) * (2 ** 31 - 1) < 2 ** 62 < 2 ** 63)]),
]

# ---------------------------------------------------------------- 09 (Korean, planted: off-by-one H_out)
NW = 128 * 64 * 3 * 3; Nall = NW + 128; fp = Nall * 4
i8 = NW + 512 + 512; i4 = NW // 2 + 512 + 512
Hout = (32 + 2 * 1 - 3) // 2 + 1
CHECKS['09_yangjahwa_memory_ko.md'] = [
    (r'N_W = 128 \times 64 \times 3 \times 3 = 73\,728', [T(NW == 73728)]),
    (r'N = N_W + N_b = 73\,728 + 128 = 73\,856', [T(Nall == 73856)]),
    (r'73\,856 \times 4 = 295\,424', [T(fp == 295424), N('288.5', fp / 1024)]),
    (r'INT8 가중치: $73\,728 \times 1', [T(NW * 1 == 73728)]),
    (r'INT32 bias: $128 \times 4 = 512$', [T(128 * 4 == 512)]),
    (r'FP32 스케일: $128 \times 4 = 512$', [T(128 * 4 == 512)]),
    (r'M_{\text{INT8}} = 73\,728 + 512 + 512 = 74\,752', [T(i8 == 74752)]),
    (r'\frac{295\,424}{74\,752} \approx 3.95', [N('3.95', fp / i8)]),
    (r'$73\,728 / 2 = 36\,864$', [T(NW / 2 == 36864)]),
    (r'M_{\text{INT4}} = 36\,864 + 512 + 512 = 37\,888', [T(i4 == 37888)]),
    (r'\frac{295\,424}{37\,888} \approx 7.80', [N('7.80', fp / i4)]),
    (r'\right\rfloor + 1 = 15', [T(Hout == 15)]),
    (r'128 \times 15 \times 15 = 28\,800', [T(128 * Hout * Hout == 28800)]),
]

# ---------------------------------------------------------------- 10 (Polish, correct)
W = np.array([[0.8, -0.05, 0.3], [-0.1, 0.6, -0.02]])
thr = np.sort(np.abs(W).ravel())[::-1][2]; Mk = (np.abs(W) >= thr).astype(float)
x = np.array([1., 2., -1.]); t = np.array([0., 1.])
y = (Mk * W) @ x; dl = y - t
Lf = lambda WW, MM, xx: 0.5 * np.sum(((MM * WW) @ xx - t) ** 2)
def _grad_formulas(line):
    WW = rng.normal(size=(2, 3)); MM = rng.uniform(size=(2, 3)); xx = rng.normal(size=3)
    d = (MM * WW) @ xx - t
    ok = np.allclose(fd(lambda A: Lf(A, MM, xx), WW), MM * np.outer(d, xx), atol=1e-6)
    ok &= np.allclose(fd(lambda A: Lf(WW, A, xx), MM), WW * np.outer(d, xx), atol=1e-6)
    ok &= np.allclose(fd(lambda A: Lf(WW, MM, A), xx), (MM * WW).T @ d, atol=1e-6)
    return ok
CHECKS['10_maski_przycinania_pl.md'] = [
    (r'\frac{\partial L}{\partial W} = M \odot \big(\delta\, x^{\top}\big)', [_grad_formulas]),
    (r'\frac{\partial L}{\partial M} = W \odot \big(\delta\, x^{\top}\big)', [_grad_formulas]),
    (r'M = \begin{pmatrix} 1 & 0 & 1 \\ 0 & 1 & 0 \end{pmatrix}', [T((Mk == np.array([[1, 0, 1], [0, 1, 0]])).all())]),
    (r'= \begin{pmatrix} 0{,}5 \\ 1{,}2 \end{pmatrix}', [T(np.allclose(y, [0.5, 1.2]))]),
    (r'gęsta warstwa dałaby $Wx = (0{,}4;\ 1{,}12)', [T(np.allclose(W @ x, [0.4, 1.12]))]),
    (r'$L = \tfrac12(0{,}25 + 0{,}04) = 0{,}145$', [T(np.allclose(dl, [0.5, 0.2]) and abs(0.5 * np.sum(dl ** 2) - 0.145) < 1e-12)]),
    (r'0{,}5 & 1{,}0 & -0{,}5 \\ 0{,}2 & 0{,}4 & -0{,}2', [T(np.allclose(np.outer(dl, x), [[0.5, 1, -0.5], [0.2, 0.4, -0.2]]))]),
    (r'0{,}5 & 0 & -0{,}5 \\ 0 & 0{,}4 & 0', [T(np.allclose(fd(lambda A: Lf(A, Mk, x), W), [[0.5, 0, -0.5], [0, 0.4, 0]], atol=1e-6)),
                                              T(np.allclose(fd(lambda A: Lf(W, A, x), Mk), [[0.4, -0.05, -0.15], [-0.02, 0.24, 0.004]], atol=1e-6))]),
    (r'(M\odot W)^{\top}\delta = (0{,}4;\ 0{,}12;\ 0{,}15)', [T(np.allclose((Mk * W).T @ dl, [0.4, 0.12, 0.15]))]),
    (r'$128\cdot 256/2 = 16\,384$', [T(128 * 256 // 2 == 16384), T(16384 * 2 / 8 == 4096)]),
]

# ---------------------------------------------------------------- 11 (Dutch, planted: range width 4,6)
rmin, rmax = -0.7, 5.3
sA = 4.6 / 255  # the value the text carries forward
sS = 5.3 / 127
CHECKS['11_symmetrisch_asymmetrisch_nl.md'] = [
    (r'\frac{5{,}3 - (-0{,}7)}{255} = \frac{4{,}6}{255}', [T(abs((rmax - rmin) - 4.6) < 1e-9)]),
    (r'\operatorname{round}(38{,}80) = 39', [N('38{,}80', 0.7 / sA)]),
]

# ---------------------------------------------------------------- 12 (Vietnamese, correct)
def _var(line):
    ss = rng.uniform(0.1, 3)
    ee = np.linspace(-ss / 2, ss / 2, 200001)
    integ = (np.trapezoid if hasattr(np, 'trapezoid') else np.trapz)(ee ** 2 / ss, ee)
    return abs(integ - ss ** 2 / 12) < 1e-8 and abs((1 / ss) * (1 / 3) * (ss ** 3 / 8 + ss ** 3 / 8) - ss ** 2 / 12) < 1e-12
def _sqnr(line):
    A = rng.uniform(0.1, 5); b = int(rng.integers(2, 12)); ss = 2 * A / 2 ** b
    return abs((A ** 2 / 3) / (ss ** 2 / 12) - 2 ** (2 * b)) < 1e-6 * 2 ** (2 * b) and abs(4 * A ** 2 / ss ** 2 - 2 ** (2 * b)) < 1e-6 * 2 ** (2 * b)
def _sigx(line):
    A = rng.uniform(0.1, 5); xx = np.linspace(-A, A, 200001)
    return abs((np.trapezoid if hasattr(np, 'trapezoid') else np.trapz)(xx ** 2 / (2 * A), xx) - A ** 2 / 3) < 1e-6 and abs((2 * A) ** 2 / 12 - A ** 2 / 3) < 1e-12
s = 2 / 256
CHECKS['12_nhieu_luong_tu_hoa_vi.md'] = [
    (r'&= \frac{1}{s}\cdot\frac{1}{3}\left(\frac{s^3}{8}', [_var]),
    (r'Công suất tín hiệu:', [_sigx]),
    (r'= \frac{4A^2 \cdot 2^{2b}}{4A^2}', [_sqnr]),
    (r'= 20\,b\,\log_{10} 2 \approx 6{,}02\,b', [N('6{,}02', 20 * math.log10(2))]),
    (r'giảm công suất nhiễu đi $4$ lần', [T(abs((1 / 2) ** 2 - 1 / 4) < 1e-15)]),
    (r's = \frac{2}{256} = 0{,}0078125', [N('0{,}0078125', s)]),
    (r'\sigma_e^2 = \frac{s^2}{12} \approx 5{,}086', [N('5{,}086', s * s / 12 * 1e6)]),
    (r'\sigma_x^2 = \frac13 \approx 0{,}3333', [N('0{,}3333', 1 / 3)]),
    (r'\approx 65\,536 = 2^{16}', [T(abs((1 / 3) / (s * s / 12) - 65536) < 1e-6), N('48{,}16', 10 * math.log10(65536))]),
    (r'Với $b = 4$ ta chỉ còn $24{,}08$', [N('24{,}08', 10 * math.log10(2 ** 8)), N('24{,}08', 4 * 20 * math.log10(2))]),
]

# ---------------------------------------------------------------- 13 (Turkish, planted: missing factor K)
def _per_term(line):
    a, b, za_, zb_ = rng.integers(0, 256, 4)
    return (a - za_) * (b - zb_) == a * b - zb_ * a - za_ * b + za_ * zb_
def _summed(line):
    K = 5; qa_ = rng.integers(0, 256, K); qb_ = rng.integers(0, 256, K); za_, zb_ = rng.integers(1, 256, 2)
    lhs = np.sum((qa_ - za_) * (qb_ - zb_))
    rhs = np.sum(qa_ * qb_) - zb_ * qa_.sum() - za_ * qb_.sum() + za_ * zb_
    return lhs == rhs
CHECKS['13_sifir_noktasi_acilimi_tr.md'] = [
    (r'(q_{a,k} - z_a)(q_{b,k} - z_b) = q_{a,k} q_{b,k}', [_per_term]),
    (r'\;+\; z_a z_b', [_summed]),
]

# ---------------------------------------------------------------- 14 (Czech, correct)
def _lsq_ds(line):
    ok = True
    for _ in range(20):
        ss = rng.uniform(0.05, 1); vv = rng.uniform(-6.9, 6.9) * ss
        ok &= abs(ste_ds(vv, ss) - (rnd_round(vv / ss) - vv / ss)) < 1e-6
    return ok
def _detach(line):
    # value s*g + (s - s*g) == s ; gradient wrt s (detached part constant) == g
    ss, g = rng.uniform(0.1, 1), rng.uniform(1e-3, 1)
    return abs(ss * g + (ss - ss * g) - ss) < 1e-12 and abs(((ss + 1e-6) * g - (ss - 1e-6) * g) / 2e-6 - g) < 1e-6
CHECKS['14_lsq_skalovani_gradientu_cs.md'] = [
    (r'\frac{\partial \hat v}{\partial s} = \operatorname{round}\!\Big(\frac{v}{s}\Big) - \frac{v}{s}', [_lsq_ds]),
    (r'V implementaci se to dělá trikem', [_detach]),
    (r'N_W = 64\cdot 64\cdot 3\cdot 3 = 36\,864', [T(64 * 64 * 9 == 36864)]),
    (r'N_W Q_P = 258\,048', [T(36864 * 7 == 258048)]),
    (r'g_W = \frac{1}{\sqrt{258\,048}}', [N('507{,}98', math.sqrt(258048)), N('0{,}0019686', 1 / math.sqrt(258048))]),
    (r'po škálování dostaneme $3{,}2 \cdot 0{,}0019686 \approx 0{,}0063', [N('0{,}0063', 3.2 / math.sqrt(258048))]),
    (r'N_F = 64\cdot 16\cdot 16 = 16\,384', [T(64 * 16 * 16 == 16384)]),
    (r'g_F = \frac{1}{\sqrt{16\,384\cdot 15}}', [T(16384 * 15 == 245760), N('0{,}0020172', 1 / math.sqrt(245760))]),
    (r'kolem $2{,}5\cdot 10^5$', [T(abs(258048 - 2.5e5) < 0.1e5 and abs(245760 - 2.5e5) < 0.1e5)]),
    (r's_0 = \frac{2\cdot 0{,}021}{\sqrt 7}', [N('2{,}6458', math.sqrt(7)), N('0{,}015875', 0.042 / math.sqrt(7))]),
    (r'$Q_P s_0 \approx 0{,}1111$', [N('0{,}1111', 7 * 0.042 / math.sqrt(7)), T(abs(7 * 0.042 / math.sqrt(7) / 0.021 - 5) < 0.5)]),
    (r'$s_0 = 0{,}7/\sqrt{15} \approx 0{,}18074$', [N('0{,}18074', 0.7 / math.sqrt(15))]),
]

# ---------------------------------------------------------------- 15 (English, planted: gamma dropped in bias)
def _fold(line):
    g, b_, mu, sd, b = rng.uniform(0.5, 2, 5)
    w = rng.normal(size=3); xx = rng.normal(size=3)
    true = g * (w @ xx + b - mu) / sd + b_
    claimed = g / sd * (w @ xx) + b_ + (b - mu) / sd
    return abs(true - claimed) < 1e-9
CHECKS['15_bn_folding_fake_quant_en.md'] = [
    (r'w^\top x + \beta + \frac{b - \mu}{\hat\sigma}', [_fold]),
]

# ---------------------------------------------------------------- 16 (English, correct)
IM = 2 ** 31 - 1
CHECKS['16_accumulator_overflow_en.md'] = [
    (r'(-128)\cdot(-128) = 16\,384 = 2^{14}', [T((-128) * (-128) == 16384 == 2 ** 14)]),
    (r'$(-128)\cdot 127 = -16\,256$', [T(-128 * 127 == -16256 and max(abs(a * b) for a in range(-128, 128) for b in range(-128, 128)) == 16384)]),
    (r'|\text{acc}| \le K \cdot 2^{14}', [T(True)]),
    (r'$2^{31} - 1 = 2\,147\,483\,647$', [T(IM == 2147483647)]),
    (r'\approx 131\,071.9999', [N('131\\,071.9999', IM / 16384)]),
    (r'K_{\max} = 131\,071', [T(IM // 16384 == 131071)]),
    (r'$128 \cdot 127 = 16\,256$', [T(128 * 127 == 16256)]),
    (r'\right\rfloor = 132\,104', [T(IM // 16256 == 132104)]),
    (r'$255\cdot 128 = 32\,640$', [T(255 * 128 == 32640)]),
    (r'32\,640 \rfloor = 65\,793', [T(IM // 32640 == 65793)]),
    (r'K = 3\cdot 3\cdot 512 = 4608', [T(9 * 512 == 4608)]),
    (r'4608 \cdot 16\,384 = 75\,497\,472', [T(4608 * 16384 == 75497472)]),
    (r'Since $2^{26} = 67\,108\,864', [T(2 ** 26 == 67108864 < 75497472 < 2 ** 27 == 134217728)]),
    (r'with the sign bit $28$ bits', [T((75497472).bit_length() == 27)]),
    (r'8 + 8 + \lceil 12.17 \rceil = 29', [N('12.17', math.log2(4608)), T(8 + 8 + math.ceil(math.log2(4608)) == 29)]),
    (r'$2^{15} - 1 = 32\,767$', [T(2 ** 15 - 1 == 32767)]),
    (r'$32\,767 / 16\,384 \approx 2.0$', [N('2.0', 32767 / 16384), T(16384 <= 32767 < 2 * 16384)]),
    (r'$(-8)\cdot(-8) = 64$', [T(64 == 64 and 32767 // 64 == 511)]),
]


def first_failure(fname, checks):
    lines = open(os.path.join(HERE, fname), encoding='utf-8').read().split('\n')
    located = []
    for sub, fns in checks:
        hits = [i for i, l in enumerate(lines) if sub in l]
        assert len(hits) == 1, (fname, sub, hits)
        located.append((hits[0] + 1, sub, fns))
    located.sort(key=lambda t: t[0])
    for ln, sub, fns in located:
        for f in fns:
            if not f(lines[ln - 1]):
                return ln
    return None


def main():
    expected = json.load(open(os.path.join(HERE, 'expected.json')))
    mds = sorted(f for f in os.listdir(HERE) if f.endswith('.md'))
    assert len(mds) == 16 and set(mds) == set(expected) == set(CHECKS), (mds, set(CHECKS) ^ set(mds))
    bad = 0
    for f in mds:
        n = len(open(os.path.join(HERE, f), encoding='utf-8').read().rstrip('\n').split('\n'))
        assert 30 <= n <= 80, (f, n)
        got = first_failure(f, CHECKS[f])
        ok = got == expected[f]
        bad += not ok
        print(('OK  ' if ok else 'FAIL') + f' {f}: first failing line {got}, expected {expected[f]}')
    assert sum(v is not None for v in expected.values()) == 8
    if bad:
        raise SystemExit(f'{bad} mismatches')


if __name__ == '__main__':
    main()
