"""Independent truth checks for the SSM corpus (corpus114).

For every file, the math claims are listed in reading order as
(unique substring of the line, claim-string-on-that-line or None, ok?).
The first failing claim's line number must equal expected.json.
"""
import json, os, math, re
import numpy as np
from scipy.linalg import expm

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(114)


def parse(s):
    """Parse a number as written in the text (decimal commas, thin spaces)."""
    s = s.replace('{,}', '.').replace('\\,', '').replace(' ', '')
    return float(re.search(r'-?\d+(?:\.\d+)?', s).group())


def decimals(s):
    s = s.replace('{,}', '.').replace('\\,', '').replace(' ', '')
    m = re.search(r'-?\d+(?:\.(\d+))?', s)
    return len(m.group(1)) if m.group(1) else 0


class F:
    def __init__(self, name):
        self.name = name
        self.lines = open(os.path.join(HERE, name), encoding='utf-8').read().split('\n')
        self.claims = []  # (lineno, ok, descr)

    def line(self, sub):
        hits = [i + 1 for i, l in enumerate(self.lines) if sub in l]
        assert len(hits) == 1, f'{self.name}: substring {sub!r} found {len(hits)} times'
        return hits[0]

    def num(self, sub, claimed, true, tol=None):
        """Numeric claim: `claimed` (text form) must stand on the line and match `true`
        to its printed precision (one unit in the last printed digit)."""
        ln = self.line(sub)
        assert claimed in self.lines[ln - 1], f'{self.name}:{ln}: {claimed!r} not on line'
        c = parse(claimed)
        if tol is None:
            tol = 10.0 ** (-decimals(claimed)) * 1.0001 if decimals(claimed) else 1e-9
        ok = abs(c - true) <= tol
        self.claims.append((ln, ok, f'{claimed} vs {true}'))

    def true_(self, sub, ok, descr=''):
        ln = self.line(sub)
        self.claims.append((ln, bool(ok), descr))

    def first_bad(self):
        bad = sorted(ln for ln, ok, _ in self.claims if not ok)
        return bad[0] if bad else None


def rand_pts(n=5, lo=-2, hi=2):
    return rng.uniform(lo, hi, n)


def fd(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)


def integrate(f, a, b, n=20001):
    t = np.linspace(a, b, n)
    y = f(t)
    return np.trapezoid(y, t) if hasattr(np, 'trapezoid') else np.trapz(y, t)


E = math.exp
checks = {}


def register(name):
    def deco(fn):
        checks[name] = fn
        return fn
    return deco


# ---------------------------------------------------------------- 01
@register('01_zoh_skalar_de.md')
def f01(f):
    # variation of constants: compare with expm of augmented system, random a,b,u,x,Delta
    ok = True
    for _ in range(5):
        a, b, u, x0, D = rng.uniform(-2, 1), rng.normal(), rng.normal(), rng.normal(), rng.uniform(.05, 1)
        M = np.array([[a, b * u], [0, 0]])
        exact = (expm(M * D) @ np.array([x0, 1.0]))[0]
        integral = integrate(lambda s: np.exp(a * (D - s)) * b * u, 0, D)
        ok &= abs(exact - (E(a * D) * x0 + integral)) < 1e-6
    f.true_('x(t_{k+1}) = e^{a\\Delta}x(t_k) + \\int', ok, 'variation of constants')
    ok = all(abs(integrate(lambda s: np.exp(a * s), 0, D) - (E(a * D) - 1) / a) < 1e-7
             for a, D in zip(rand_pts(), rng.uniform(.1, 1, 5)))
    f.true_('= \\int_0^{\\Delta} e^{a\\tau}\\,d\\tau = \\frac{e^{a\\Delta}-1}{a}', ok)
    # recurrence statement: same as above with a_bar, b_bar
    f.true_('Also gilt die exakte Rekursion', True)
    f.true_('\\bar a = e^{a\\Delta}, \\qquad \\bar b = \\frac{e^{a\\Delta}-1}{a}\\,b', True)
    f.true_('Für $a \\to 0$', abs((E(1e-7 * 0.3) - 1) / 1e-7 - 0.3) < 1e-6, 'limit Delta b')
    A = E(-0.2); Bb = (A - 1) / -2
    f.num('\\bar a = e^{-0{,}2} \\approx', '0{,}818731', A)
    f.num('= \\frac{-0{,}181269}{-2} \\approx', '-0{,}181269', A - 1)
    f.num('= \\frac{-0{,}181269}{-2} \\approx', '0{,}090635', Bb)
    x = [0.0]
    for _ in range(4):
        x.append(A * x[-1] + Bb)
    f.true_('x_1 &= 0{,}818731', abs(x[1] - 0.090635) < 1e-6)
    f.num('x_2 &= 0{,}818731', '0{,}164840', x[2])
    f.num('x_3 &= 0{,}818731', '0{,}225594', x[3])
    f.num('x_4 &= 0{,}818731', '0{,}275336', x[4])
    f.true_('Zum Vergleich die exakte', all(abs(0.5 * (1 - E(-2 * t)) - (-(1 / -2)) * (1 - E(-2 * t))) < 1e-12 for t in [0.3]))
    f.num('bei $t = 0{,}4$', '0{,}550671', 1 - E(-0.8))
    f.num('bei $t = 0{,}4$', '0{,}275336$', 0.5 * (1 - E(-0.8)))
    f.true_('Die ZOH-Rekursion stimmt', abs(x[4] - 0.5 * (1 - E(-0.8))) < 1e-12)
    ok = all(abs(((E(a * D) - 1) * b / a) / (1 - E(a * D)) - (-b / a)) < 1e-10
             for a, b, D in zip(-rng.uniform(.1, 3, 5), rand_pts(), rng.uniform(.1, 1, 5)))
    f.true_('x_\\infty = \\frac{\\bar b}{1-\\bar a} = \\frac{(e^{a\\Delta}-1)', ok)
    f.num('numerisch $x_\\infty', '0{,}5$', 0.090635 / 0.181269)
    ok = True
    for _ in range(3):
        Am = rng.normal(size=(3, 3)) - 2 * np.eye(3); Bm = rng.normal(size=(3, 1)); D = 0.3
        ts = np.linspace(0, D, 4001)
        vals = np.array([expm(Am * t) @ Bm for t in ts])[:, :, 0]
        integ = np.trapezoid(vals, ts, axis=0) if hasattr(np, 'trapezoid') else np.trapz(vals, ts, axis=0)
        ok &= np.allclose(integ, (np.linalg.inv(Am) @ (expm(D * Am) - np.eye(3)) @ Bm)[:, 0], atol=1e-6)
    f.true_('\\bar B = A^{-1}\\left(e^{\\Delta A} - I\\right)B', ok)
    f.true_('\\bar B_n = (e^{\\Delta a_n}-1)', True)
    f.true_('*Merke:*', all(0 < E(a * D) < 1 for a, D in zip(-rng.uniform(.01, 5, 5), rng.uniform(.01, 5, 5))))


# ---------------------------------------------------------------- 02
@register('02_bilineaire_fr.md')
def f02(f):
    ok = True
    for _ in range(5):
        a, b, D, xp, u = rng.normal(), rng.normal(), rng.uniform(.1, 1), rng.normal(), rng.normal()
        # solve trapezoid equation for x_k
        xk = ((1 + D * a / 2) * xp + D * b * u) / (1 - D * a / 2)
        ok &= abs((xk - xp) / D - (a * (xk + xp) / 2 + b * u)) < 1e-12
    f.true_('\\Bigl(1 - \\frac{\\Delta a}{2}\\Bigr)x_k', ok)
    f.true_('$$\\bar a = \\frac{1 + \\Delta a/2}{1 - \\Delta a/2}', ok)
    f.true_('c\'est exactement la forme scalaire', True)
    f.num('On a $\\Delta a / 2', '-0{,}25', 0.5 * -1 / 2)
    f.num('1 - \\frac{\\Delta a}{2} = 1{,}25', '1{,}25', 1 + 0.25)
    f.num('1 - \\frac{\\Delta a}{2} = 1{,}25', '0{,}75 .', 0.75)
    f.num('\\bar a = \\frac{0{,}75}{1{,}25} = 0{,}6', '0{,}6,', 0.75 / 1.25)
    f.num('\\bar a = \\frac{0{,}75}{1{,}25} = 0{,}6', '0{,}8 .', 0.5 * 2 / 1.25)
    f.true_('Comme $|\\bar a| = 0{,}6 < 1$', 0.6 < 1)
    # unrolled kernel identity
    a_, b_, c_ = 0.6, 0.8, 1.0
    u = rng.normal(size=6); x = 0; ys = []
    for uk in u:
        x = a_ * x + b_ * uk; ys.append(c_ * x)
    conv = [sum(c_ * a_ ** j * b_ * u[k - j] for j in range(k + 1)) for k in range(6)]
    f.true_('y_k = \\sum_{j=0}^{k} c\\,\\bar a^{\\,j}', np.allclose(ys, conv))
    f.num('K_0 = 0{,}8, \\qquad K_1', '0{,}48', 0.6 * 0.8)
    f.num('K_2 = 0{,}36', '0{,}298', 0.36 * 0.8)
    f.num('K_2 = 0{,}36', '0{,}1728', 0.216 * 0.8)
    K = [0.8, 0.48, 0.288, 0.1728]
    f.num('y_0 &= K_0 u_0', '0{,}8', K[0])
    f.num('y_1 &= K_1 u_0', '0{,}48', K[1])
    f.num('y_2 &= K_2 u_0', '0{,}298', K[2])
    f.num('y_3 &= K_3 u_0', '0{,}9728', K[3] + K[0])
    f.num('La somme des sorties', '2{,}5508', sum(K) + K[0])


# ---------------------------------------------------------------- 03
@register('03_nucleo_convolucion_es.md')
def f03(f):
    A = np.array([[.5, .1], [0, .4]]); B = np.array([1, 2.]); C = np.array([1, -1.])
    u = rng.normal(size=6); x = np.zeros(2); ys = []
    for uk in u:
        x = A @ x + B * uk; ys.append(C @ x)
    conv = [sum(C @ np.linalg.matrix_power(A, j) @ B * u[k - j] for j in range(k + 1)) for k in range(6)]
    f.true_('y_k = \\sum_{j=0}^{k} C\\bar A^{j}\\bar B', np.allclose(ys, conv))
    v1 = A @ B; v2 = A @ v1; v3 = A @ v2
    f.true_('\\bar A\\bar B = \\begin{pmatrix} 0.5\\cdot 1', np.allclose(v1, [0.7, 0.8]) and np.allclose(v2, [0.43, 0.32]))
    f.true_('\\bar A^3\\bar B = \\bar A', np.allclose(v3, [0.247, 0.128]))
    f.true_('K_0 = 1 - 2 = -1', np.allclose([C @ B, C @ v1, C @ v2, C @ v3], [-1, -0.1, 0.11, 0.119]))
    f.true_('ya que $\\bar A v_2', np.allclose(A @ [1, -1], 0.4 * np.array([1, -1])) and np.allclose(A @ [1, 0], [0.5, 0]))
    f.true_('Escribimos $\\bar B = 3v_1 - 2v_2$', np.allclose(3 * np.array([1, 0]) - 2 * np.array([1, -1]), B))
    f.true_('\\bar A^{j}\\bar B = 3\\cdot 0.5^{j} v_1', all(np.allclose(np.linalg.matrix_power(A, j) @ B,
            3 * .5 ** j * np.array([1, 0]) - 2 * .4 ** j * np.array([1, -1])) for j in range(8)))
    f.true_('y como $Cv_1 = 1$', C @ [1, 0] == 1 and C @ [1, -1] == 2)
    f.true_('K_j = 3\\cdot 0.5^{j} - 4\\cdot 0.4^{j}', all(abs(C @ np.linalg.matrix_power(A, j) @ B - (3 * .5 ** j - 4 * .4 ** j)) < 1e-12 for j in range(8)))
    f.true_('Comprobación: $K_2', abs(0.75 - 0.64 - 0.11) < 1e-12 and abs(0.375 - 0.256 - 0.119) < 1e-12)
    dc = C @ np.linalg.solve(np.eye(2) - A, B)
    f.true_('la salida tiende a', abs(3 / .5 - 4 / .6 - dc) < 1e-12 and abs(dc + 2 / 3) < 1e-12)
    inv = np.linalg.inv(np.eye(2) - A)
    f.true_('(I-\\bar A)^{-1} = \\begin{pmatrix} 0.5 & -0.1', np.allclose(np.eye(2) - A, [[.5, -.1], [0, .6]]) and np.allclose(inv, np.array([[.6, .1], [0, .5]]) / .3))
    f.true_('$(I-\\bar A)^{-1}\\bar B = \\frac{1}{0.3}', np.allclose(inv @ B, np.array([.8, 1]) / .3) and abs((0.8 - 1) / .3 + 2 / 3) < 1e-12)
    f.true_('**(e) Estabilidad.**', all(abs(3 * .5 ** j - 4 * .4 ** j) <= 7 * .5 ** j for j in range(40)))


# ---------------------------------------------------------------- 04
@register('04_ssm_diagonal_pt.md')
def f04(f):
    lam = rng.uniform(-.9, .9, 3); Bv = rng.normal(size=3); Cv = rng.normal(size=3)
    f.true_('K_k = C\\bar A^{k}\\bar B = \\sum_{n=1}^{N}', all(abs(Cv @ np.diag(lam ** k) @ Bv - np.sum(Cv * Bv * lam ** k)) < 1e-12 for k in range(6)))
    lam2 = np.array([.9, .5]); g = np.array([1, 2.])
    K = [g @ lam2 ** k for k in range(4)]
    f.true_('Tome $\\lambda = (0{,}9;', True)
    f.num('K_0 &= 1 + 2', '3', K[0])
    f.num('K_1 &= 0{,}9 + 1', '1{,}9', K[1])
    f.num('K_2 &= 0{,}81', '1{,}31', K[2])
    f.num('K_3 &= 0{,}729', '0{,}979', K[3])
    f.true_('\\hat K(z) = \\sum_{n=1}^{N} g_n \\sum_{k=0}^{L-1} (\\lambda_n z)^k', True)
    ok = True
    for l, z, L in zip(rand_pts(5, -.9, .9), rand_pts(5, -1, 1), [3, 4, 5, 6, 7]):
        w = l * z
        ok &= abs(sum(w ** k for k in range(L)) - (1 - w ** (L + 1)) / (1 - w)) < 1e-10
    f.true_('\\sum_{k=0}^{L-1} (\\lambda_n z)^k = \\frac{1 - (\\lambda_n z)^{L+1}}', ok, 'geometric sum')
    true_sum = sum(K)
    f.true_('\\hat K(z) = \\sum_{n=1}^{N} g_n\\,\\frac{1 - \\lambda_n^{L+1}',
            abs(sum(g[n] * (1 - lam2[n] ** 5) / (1 - lam2[n]) for n in range(2)) - true_sum) < 1e-9)
    f.num('&= 4{,}0951 + 3{,}875', '7{,}9701', true_sum)


# ---------------------------------------------------------------- 05
@register('05_conteggio_parametri_s4d_it.md')
def f05(f):
    H, N = 256, 64
    per = N + N + N + 1 + 1
    f.true_('Quindi per canale $3N + 2$', per == 3 * N + 2)
    f.true_('P_{\\text{SSM}} = 256\\cdot(3\\cdot 64 + 2)', 3 * 64 + 2 == 194 and H * (3 * N + 2) == 49664)
    f.true_('3\\cdot 2\\cdot\\frac{N}{2} = 3N = 192', 3 * 2 * (N // 2) == 3 * N == 192)
    f.true_('P_{\\text{mix}} = H^2 + H', H * H + H == 65792 and H * H == 65536)
    f.true_('Con GLU sarebbe', H * 2 * H + 2 * H == 131584)
    f.true_('P_{\\text{layer}} = 49\\,664 + 65\\,792', 49664 + 65792 == 115456)
    f.true_('4\\cdot 115\\,456 = 461\\,824', 4 * 115456 == 461824)
    f.num('quasi il 57%', '0{,}570', 65792 / 115456)
    f.true_('quasi il 57%', abs(65792 / 115456 - .57) < .005)
    f.true_('In modalità ricorrente lo stato', H * N == 16384)
    f.true_('8\\cdot 4\\cdot 16\\,384', 8 * 4 * 16384 == 524288)
    f.true_('per $L = 1024$ sono', 256 * 1024 == 262144)
    f.true_('256\\cdot(64^2 + 2\\cdot 64 + 2)', 256 * (64 ** 2 + 2 * 64 + 2) == 1081856)


# ---------------------------------------------------------------- 06
@register('06_parametry_mamba_ru.md')
def f06(f):
    Dm, E_, N, k = 768, 2, 16, 4
    R = math.ceil(Dm / 16); Din = E_ * Dm
    f.true_('R = \\lceil D/16\\rceil = 48', R == 48 and Din == 1536)
    parts = dict(inp=Dm * 2 * Din, conv=Din * k + Din, xp=Din * (R + 2 * N), dt=R * Din + Din,
                 Alog=Din * N, D=Din, out=Din * Dm)
    f.true_('\\text{in\\_proj} &: 768\\cdot 3072', 768 * 3072 == parts['inp'] == 2359296)
    f.true_('\\text{conv1d} &: 1536', parts['conv'] == 7680 == 1536 * 4 + 1536)
    # text writes 1536*(48+16) = 98304
    f.true_('\\text{x\\_proj} &: 1536', parts['xp'] == 98304, 'x_proj')
    f.true_('\\text{dt\\_proj} &: 48', parts['dt'] == 75264)
    f.true_('\\text{A\\_log} &: 1536', parts['Alog'] == 24576)
    f.true_('\\text{D} &: 1\\,536', parts['D'] == 1536)
    f.true_('\\text{out\\_proj} &: 1536', parts['out'] == 1179648)
    tot = sum(parts.values())
    f.true_('P_{\\text{блок}} = 3\\,746\\,304', tot == 3746304)
    f.true_('вместе с RMSNorm', tot + 768 == 3747072)
    f.true_('24\\cdot 3\\,747\\,072', 24 * (tot + 768) == 89929728)
    f.true_('Эмбеддинги (словарь', 50280 * 768 == 38615040)
    f.true_('Итого около', abs((24 * (tot + 768) + 38615040 + 768) / 1e6 - 128.5) < 0.05)
    f.true_('вместе дают $3ED^2', parts['inp'] + parts['out'] == 3 * E_ * Dm ** 2 == 3538944 and (parts['inp'] + parts['out']) / tot > .94)
    f.true_('состояние SSM $h', Din * N == 24576)
    f.true_('буфер свёртки', Din * (k - 1) == 4608)
    f.true_('Итого $29\\,184$', 24576 + 4608 == 29184 and 24 * 29184 == 700416)
    f.true_('KV-кэш', 2 * 24 * 768 == 36864)
    # asymptotics: block(D) - (3+1/8) E D^2 is O(D)
    def blk(D):
        R = D / 16; Din = E_ * D
        return D * 2 * Din + Din * k + Din + Din * (R + 2 * N) + R * Din + Din + Din * N + Din + Din * D
    r = [(blk(D) - (3 + 1 / 8) * E_ * D ** 2) / D for D in (1e3, 1e4, 1e5)]
    f.true_('**Упражнение.**', abs(r[2] - r[1]) < 1e-6)


# ---------------------------------------------------------------- 07
@register('07_selective_scan_grad_zh.md')
def f07(f):
    def loss(a, b, x, c):
        h = 0; L = 0; hs = [0]
        for t in range(len(a)):
            h = a[t] * h + b[t] * x[t]; L += c[t] * h; hs.append(h)
        return L, hs

    def backward(a, b, x, c):
        T = len(a); _, hs = loss(a, b, x, c); d = [0] * T; d[-1] = c[-1]
        for t in range(T - 2, -1, -1):
            d[t] = c[t] + a[t + 1] * d[t + 1]
        return d, hs

    a, b, x, c = [rng.uniform(-1, 1, 5) for _ in range(4)]
    d, hs = backward(a, b, x, c)
    ok_a = ok_b = ok_x = True
    for t in range(5):
        def pert(vec, i, e):
            v = vec.copy(); v[i] += e; return v
        ga = (loss(pert(a, t, 1e-6), b, x, c)[0] - loss(pert(a, t, -1e-6), b, x, c)[0]) / 2e-6
        gb = (loss(a, pert(b, t, 1e-6), x, c)[0] - loss(a, pert(b, t, -1e-6), x, c)[0]) / 2e-6
        gx = (loss(a, b, pert(x, t, 1e-6), c)[0] - loss(a, b, pert(x, t, -1e-6), c)[0]) / 2e-6
        ok_a &= abs(ga - d[t] * hs[t]) < 1e-6; ok_b &= abs(gb - d[t] * x[t]) < 1e-6; ok_x &= abs(gx - d[t] * b[t]) < 1e-6
    f.true_('\\delta_T = c_T,\\qquad \\delta_t = c_t + a_{t+1}', ok_a and ok_b)
    f.true_('\\frac{\\partial \\mathcal{L}}{\\partial a_t} = \\delta_t\\,h_{t-1}', ok_a and ok_b and ok_x)
    Aa, Dl = -0.7, 0.3; at = E(Dl * Aa)
    f.true_('再由链式法则', abs(fd(lambda dd: E(dd * Aa), Dl) - Aa * at) < 1e-8)
    a, b, x, c = [.5, .8, .9], [1, 1, 1], [1, 2, -1], [1, .5, 2]
    L, hs = loss(a, b, x, c); d, _ = backward(a, b, x, c)
    f.num('h_1 &= 0.5\\cdot 0', '1,', hs[1])
    f.num('h_2 &= 0.8\\cdot 1 + 2', '2.8', hs[2])
    f.num('h_3 &= 0.9\\cdot 2.8 - 1', '1.52', hs[3])
    f.num('所以 $\\mathcal{L} = 1', '5.44', L)
    f.num('\\delta_3 &= c_3', '2,', d[2])
    f.num('\\delta_2 &= 0.5 + 0.9', '2.3', d[1])
    f.num('\\delta_1 &= 1 + 0.8', '2.84', d[0])
    f.true_('(\\delta_1 h_0,\\ \\delta_2 h_1,\\ \\delta_3 h_2) = (0,\\ 2.3,\\ 5.6)', np.allclose([d[t] * hs[t] for t in range(3)], [0, 2.3, 5.6]))
    f.true_('\\frac{\\partial \\mathcal{L}}{\\partial x} = (2.84', np.allclose([d[t] * b[t] for t in range(3)], [2.84, 2.3, 2]) and np.allclose([d[t] * x[t] for t in range(3)], [2.84, 4.6, -2]))
    L2, hs2 = loss([.5, .8, .91], b, x, c)
    f.true_('把 $a_3$ 从', abs(hs2[3] - 1.548) < 1e-12 and abs(L2 - 5.496) < 1e-12)
    f.true_('差分 $(5.496 - 5.44)/0.01 = 5.6$', abs((5.496 - 5.44) / .01 - 5.6) < 1e-9)
    f.true_('例如 $\\delta_1 = c_1 + a_2 c_2', abs(1 + .8 * .5 + .8 * .9 * 2 - 2.84) < 1e-12 and abs(.8 * .9 * 2 - 1.44) < 1e-12)


# ---------------------------------------------------------------- 08
@register('08_anteisei_ja.md')
def f08(f):
    ok = all(abs(abs(np.exp(D * l)) - E(D * l.real)) < 1e-12 for l, D in zip(rng.normal(size=5) + 1j * rng.normal(size=5), rng.uniform(.1, 2, 5)))
    f.true_('|\\bar\\lambda| = |e^{\\Delta\\operatorname{Re}\\lambda}|', ok)
    w = rng.normal(size=5) + 1j * rng.normal(size=5)
    f.true_('$|1+w|^2 - |1-w|^2 = 4\\operatorname{Re} w$', np.allclose(abs(1 + w) ** 2 - abs(1 - w) ** 2, 4 * w.real))
    lam, D = -0.5 + 3j, 0.2
    f.num('|\\bar\\lambda_{\\text{ZOH}}| = e^{0.2', '0.904837', abs(np.exp(D * lam)))
    f.true_('双一次変換では $\\Delta\\lambda/2', np.isclose(D * lam / 2, -0.05 + 0.3j))
    f.true_('1 + \\frac{\\Delta\\lambda}{2} = 0.95 + 0.3i', np.isclose(1 + D * lam / 2, .95 + .3j) and np.isclose(1 - D * lam / 2, 1.05 - .3j))
    f.num('|0.95 + 0.3i|^2 =', '0.8125', abs(.95 + .3j) ** 2)
    f.num('|1.05 - 0.3i|^2 =', '1.1925', abs(1.05 - .3j) ** 2)
    f.num('\\sqrt{\\frac{0.8125}{1.1925}}', '0.825435', abs((1 + D * lam / 2) / (1 - D * lam / 2)))
    f.num('\\bar\\lambda = e^{0.02} \\approx', '1.020201', E(0.02))
    f.num('\\bar\\lambda^{100} = e^{2}', '7.389', E(0.02) ** 100)


# ---------------------------------------------------------------- 09
@register('09_recurrence_conv_ko.md')
def f09(f):
    A, B, C = .9, .5, 2.
    u = [1, 0, 2, -1]
    K = [C * A ** j * B for j in range(4)]
    f.true_('K = (1,\\ 0.9,\\ 0.81,\\ 0.729)', np.allclose(K, [1, .9, .81, .729]))
    y = [sum(K[j] * u[k - j] for j in range(k + 1)) for k in range(4)]
    f.num('y_0 &= K_0 u_0 = 1', '1,', y[0])
    f.num('y_1 &= K_0 u_1 + K_1 u_0', '0.9,', y[1])
    f.num('y_2 &= K_0 u_2', '2.81', y[2])
    f.num('y_3 &= K_0 u_3', '1.529', y[3])
    x = 0; xs = []; ys = []
    for uk in u:
        x = A * x + B * uk; xs.append(x); ys.append(C * x)
    f.true_('x_0 &= 0.5\\cdot 1 = 0.5', abs(xs[0] - .5) < 1e-12 and abs(ys[0] - 1) < 1e-12)
    f.true_('x_1 &= 0.9\\cdot 0.5 + 0 = 0.45', abs(xs[1] - .45) < 1e-12 and abs(ys[1] - .9) < 1e-12)
    f.true_('x_2 &= 0.9\\cdot 0.45', abs(xs[2] - 1.405) < 1e-12 and abs(.9 * .45 - .405) < 1e-12 and abs(ys[2] - 2.81) < 1e-12)
    f.true_('x_3 &= 0.9\\cdot 1.405', abs(xs[3] - .7645) < 1e-12 and abs(.9 * 1.405 - 1.2645) < 1e-12 and abs(ys[3] - 1.529) < 1e-12)
    T = np.array([[K[i - j] if i >= j else 0 for j in range(4)] for i in range(4)])
    f.true_('0.729 & 0.81 & 0.9 & 1', np.allclose(T @ u, y) and np.allclose(T[3], [.729, .81, .9, 1]))
    f.true_('마지막 행을 확인하면', abs(.729 + 0 + 1.8 - 1 - 1.529) < 1e-12)


# ---------------------------------------------------------------- 10
@register('10_zoh_blok_jordana_pl.md')
def f10(f):
    A = np.array([[-1, 1], [0, -1.]]); B = np.array([0, 1.]); C = np.array([1, 0.]); D = .5
    M = np.array([[0, 1], [0, 0.]])
    f.true_('$A = -I + M$', np.allclose(-np.eye(2) + M, A) and np.allclose(M @ M, 0))
    f.true_('e^{tA} = e^{-t}\\,e^{tM} = e^{-t}(I + tM)', all(np.allclose(expm(t * A), E(-t) * (np.eye(2) + t * M)) for t in rand_pts()))
    f.true_('Istotnie, szereg', True)
    Ab = expm(D * A)
    f.true_('\\bar A = e^{\\Delta A} = e^{-\\Delta}\\begin{bmatrix} 1 & 0 \\\\ \\Delta & 1', np.allclose(Ab, E(-D) * np.array([[1, 0], [D, 1]])), 'transposed?')
    f.true_('\\bar A \\approx \\begin{bmatrix} 0{,}606531 & 0', np.allclose(Ab, [[.606531, 0], [.303265, .606531]], atol=1e-6))
    Ainv = np.linalg.inv(A)
    f.true_('$A$ jest odwracalna ($\\det A = 1$)', abs(np.linalg.det(A) - 1) < 1e-12)
    f.true_('A^{-1} = \\begin{bmatrix} -1 & -1', np.allclose(Ainv, [[-1, -1], [0, -1]]))
    Bb = Ainv @ (Ab - np.eye(2)) @ B
    f.true_('(\\bar A - I)B = \\begin{bmatrix}', np.allclose((Ab - np.eye(2)) @ B, [0, -0.393469], atol=1e-6))
    f.true_('\\bar B = A^{-1}\\begin{bmatrix} 0 \\\\ -0{,}393469', np.allclose(Bb, [0.393469, 0.393469], atol=1e-6))
    f.true_('K_0 = 0{,}393469 .', abs(C @ Bb - 0.393469) < 1e-6)
    f.true_('\\bar A\\bar B = \\begin{bmatrix} 0{,}606531', np.allclose(Ab @ Bb, [0.238651, 0.357976], atol=1e-6))
    f.true_('więc $K_1 \\approx 0{,}238651$', abs(C @ Ab @ Bb - 0.238651) < 1e-6)
    f.true_('**Krok 4: interpretacja.**', np.allclose(np.linalg.eigvals(Ab), E(-.5)))
    f.true_('**Krok 5: koszt.**', 64 ** 2 == 4096)


# ---------------------------------------------------------------- 11
@register('11_bilineaire_stabiliteit_nl.md')
def f11(f):
    p, q = rng.normal(size=5), rng.normal(size=5)
    f.true_('|1 + w|^2 - |1 - w|^2 &= (1+p)^2', np.allclose(abs(1 + p + 1j * q) ** 2 - abs(1 - p - 1j * q) ** 2, (1 + p) ** 2 + q ** 2 - (1 - p) ** 2 - q ** 2))
    D = .3; lam = p + 1j * q; w = D * lam / 2
    f.true_('&= 4p = 4\\operatorname{Re} w = 2\\Delta', np.allclose(abs(1 + w) ** 2 - abs(1 - w) ** 2, 2 * D * lam.real) and np.allclose(4 * w.real, 2 * D * lam.real))
    f.true_('Gevolg: de imaginaire as', np.allclose(abs(1 + 1j * q), abs(1 - 1j * q)))
    lam, D = -1 + 2j, .1; w = D * lam / 2; lb = (1 + w) / (1 - w)
    f.true_('Neem $\\lambda = -1 + 2i$', np.isclose(w, -.05 + .1j))
    f.true_('(0{,}95 + 0{,}1i)(1{,}05 + 0{,}1i) &=', np.isclose((.95 + .1j) * (1.05 + .1j), .9875 + .2j) and abs(.95 * 1.05 - .9975) < 1e-12)
    f.num('|1{,}05 - 0{,}1i|^2 &=', '1{,}1125', abs(1.05 - .1j) ** 2)
    f.num('\\bar\\lambda = \\frac{0{,}9875}{1{,}1125}', '0{,}887640', lb.real)
    f.num('\\bar\\lambda = \\frac{0{,}9875}{1{,}1125}', '0{,}179775', lb.imag)
    f.num('Voor de modulus:', '0{,}9125', abs(.95 + .1j) ** 2)
    f.num('|\\bar\\lambda| = \\sqrt{\\frac{0{,}9125}', '0{,}820225', .9125 / 1.1125)
    f.num('|\\bar\\lambda| = \\sqrt{\\frac{0{,}9125}', '0{,}905663', abs(lb))
    z = np.exp(D * lam)
    f.num('**Vergelijking met ZOH.**', '0{,}886801', z.real)
    f.num('**Vergelijking met ZOH.**', '0{,}179763', z.imag)
    f.num('**Vergelijking met ZOH.**', '0{,}904837', abs(z))
    # bilinear vs exp agree through x^2
    xs = np.array([1e-2, 1e-3]) * (1 + 1j)
    errs = abs((1 + xs / 2) / (1 - xs / 2) - np.exp(xs))
    f.true_('Het verschil met de bilineaire', 1e-4 < abs(lb - z) < 1e-2 and abs(np.log(errs[0] / errs[1]) / np.log(10) - 3) < 0.05)
    om = rng.uniform(.1, 5, 5); Dd = .2
    f.true_('\\theta = 2\\arctan\\!\\Bigl(\\frac{\\omega\\Delta}{2}\\Bigr)', np.allclose(np.angle((1 + 1j * om * Dd / 2) / (1 - 1j * om * Dd / 2)), 2 * np.arctan(om * Dd / 2)))
    f.num('Met $\\omega = 2$, $\\Delta = 0{,}1$', '0{,}199337', 2 * np.arctan(.1))


# ---------------------------------------------------------------- 12
@register('12_dao_ham_delta_vi.md')
def f12(f):
    def h(D, a, b, hp, x):
        return np.exp(D * a) * hp + D * b * x
    ok = True
    for _ in range(5):
        D, a, b, hp, x = rng.uniform(.1, 2), -rng.uniform(.1, 2), rng.normal(), rng.normal(), rng.normal()
        ok &= abs(fd(lambda d: h(d, a, b, hp, x), D) - (D * np.exp(D * a) * hp + b * x)) < 1e-6
    f.true_('\\frac{\\partial h_t}{\\partial \\Delta_t} = \\Delta_t\\, e^{\\Delta_t a}\\, h_{t-1} + b\\, x_t', ok, 'dh/dDelta')
    sp = lambda s: np.log1p(np.exp(s)); sig = lambda s: 1 / (1 + np.exp(-s))
    f.true_('\\frac{d\\Delta_t}{ds_t} = \\frac{e^{s_t}}{1 + e^{s_t}}', all(abs(fd(sp, s) - sig(s)) < 1e-8 for s in rand_pts()))
    f.true_('\\frac{\\partial h_t}{\\partial s_t} = \\sigma(s_t)\\left(', ok)
    f.true_('Một đẳng thức nhỏ', all(abs(sig(s) - (1 - np.exp(-sp(s)))) < 1e-12 for s in rand_pts()))
    s = np.log(E(.2) - 1)
    f.num('tương ứng $s_t = \\log', '-1{,}507772', s)
    f.num('h_t = e^{-0{,}2}\\cdot 0{,}5 + 0{,}2', '0{,}809365', h(.2, -1, 1, .5, 2))
    f.num('h_t = e^{-0{,}2}\\cdot 0{,}5 + 0{,}2', '0{,}409365', E(-.2) * .5)
    g = fd(lambda d: h(d, -1, 1, .5, 2), .2)
    f.num('\\frac{\\partial h_t}{\\partial \\Delta_t} \\approx', '2{,}081873', g)
    f.num('\\sigma(s_t) = 1 - e^{-0{,}2}', '0{,}181269', sig(s))
    f.num('\\frac{\\partial h_t}{\\partial s_t} \\approx', '0{,}377380', fd(lambda ss: h(sp(ss), -1, 1, .5, 2), s))


# ---------------------------------------------------------------- 13
@register('13_kucuk_adim_euler_tr.md')
def f13(f):
    z = 1e-3 * rng.uniform(.5, 1.5)
    f.true_('$$\\frac{e^{z}-1}{z} = 1 + \\frac{z}{2} + \\frac{z^2}{6}', abs((np.expm1(z) / z) - (1 + z / 2 + z * z / 6)) < 1e-9)
    f.true_('dolayısıyla ZOH için', True)
    zz = np.array([1e-2, 2e-2])
    r = (1 + zz / 2) / (1 - zz / 2) - (1 + zz + zz ** 2 / 2 + zz ** 3 / 4)
    f.true_('\\frac{1 + z/2}{1 - z/2} = 1 + z + \\frac{z^2}{2} + \\frac{z^3}{4}', abs(np.log(r[1] / r[0]) / np.log(2) - 4) < .05)
    f.true_('Bilineer, $\\bar a$', abs(1 / 4 - 1 / 6 - 1 / 12) < 1e-15)
    a, b, D = -3, 2, .01
    Ab = E(a * D); Bb = (Ab - 1) / a * b
    f.num('\\bar a = e^{-0{,}03} \\approx', '0{,}970446', Ab)
    f.num('\\bar a = e^{-0{,}03} \\approx', '0{,}019703', Bb)
    f.true_('\\bar a = 1 - 0{,}03 = 0{,}97', abs(1 + a * D - .97) < 1e-12 and abs(D * b - .02) < 1e-12)
    f.num("Euler'in $\\bar a$ hatası", '0{,}000446', Ab - .97)
    f.num("Euler'in $\\bar a$ hatası", '0{,}00045', (a * D) ** 2 / 2)
    f.num('\\bar a = \\frac{1 - 0{,}015}', '0{,}970443', .985 / 1.015)
    f.num('\\bar a = \\frac{1 - 0{,}015}', '0{,}019704', .02 / 1.015)
    f.true_('ZOH ile farkı (daha fazla', abs(Ab - .985 / 1.015 - 2.2e-6) < 0.05e-6 and abs(.000027 / 12 - 2.25e-6) < 1e-15)
    f.true_('\\bar b \\approx \\Delta b\\Bigl(1 + \\frac{z}{2}\\Bigr) = 0{,}02', abs(.02 * (1 - .015) - .0197) < 1e-12)
    f.true_('üçüncü terimi de eklersek', abs(1 - .015 + .00015 - .98515) < 1e-12 and abs(.02 * .98515 - Bb) < 1e-6)
    f.true_('\\frac{|\\Delta b - \\bar b_{\\text{ZOH}}|}', abs(abs(D * b - Bb) / Bb - .015) < .0005)
    f.num('örneğin $z = -2$', '0{,}432', (1 - E(-2)) / 2)
    f.true_('**Kararlılık notu.**', all((abs(1 + zz) < 1) == (-2 < zz < 0) for zz in rand_pts(20, -3, 1)) and abs(2 / 3 - 2 / abs(a)) < 1e-12)


# ---------------------------------------------------------------- 14
@register('14_volna_odezva_cs.md')
def f14(f):
    a, b, x0 = .8, .5, 2.
    f.num('x_5 = 2\\cdot 0{,}8^{5}', '0{,}65536', x0 * a ** 5)
    f.true_('x_5 = 2\\cdot 0{,}8^{5}', abs(a ** 5 - .32768) < 1e-12)
    f.true_('0{,}8^{3} = 0{,}512 > 0{,}5', abs(a ** 3 - .512) < 1e-12 and abs(a ** 4 - .4096) < 1e-12)
    f.true_('je $k = 4$.', min(k for k in range(20) if a ** k <= .5) == 4)
    A = np.log(.8) / .1
    f.num('a = \\frac{\\ln 0{,}8}{0{,}1}', '-0{,}223144', np.log(.8))
    f.num('a = \\frac{\\ln 0{,}8}{0{,}1}', '-2{,}23144', A)
    f.num('Spojitý poločas je', '0{,}310628', np.log(2) / abs(A))
    f.num('Spojitý poločas je', '3{,}106', np.log(2) / abs(A) / .1)
    f.true_('x_2 &= \\bar a^2 x_0', True)
    ok = True
    for _ in range(3):
        u = rng.normal(size=6); x = x0; xs = [x]
        for uk in u:
            x = a * x + b * uk; xs.append(x)
        for k in range(1, 6):
            ok &= abs(xs[k] - (a ** k * x0 + sum(a ** (k - j) * b * u[j] for j in range(k)))) < 1e-10
    f.true_('x_k = \\bar a^{k} x_0 + \\sum_{j=0}^{k-1} \\bar a^{\\,k-j}', ok, 'solution formula')
    x = x0
    for _ in range(3):
        x = a * x + b
    f.true_('x_3 &= 0{,}8^{3}\\cdot 2', abs(.8 ** 3 * 2 + .5 * (.8 ** 3 + .8 ** 2 + .8) - x) < 1e-9)
    f.true_('&= 1{,}024 + 0{,}5\\cdot 1{,}952', abs(1.024 + .5 * 1.952 - x) < 1e-9)
    f.true_('&= 1{,}024 + 0{,}976 = 2{,}000', abs(2.0 - x) < 1e-9)
    f.true_('x_\\infty = \\frac{\\bar b}{1 - \\bar a}', abs(b / (1 - a) - 2.5) < 1e-12)
    f.true_('Stav tedy monotónně', True)
    f.true_('**g) Stabilita.**', A < 0)


# ---------------------------------------------------------------- 15
@register('15_conjugate_pairs_en.md')
def f15(f):
    g = rng.normal() + 1j * rng.normal(); l = rng.uniform(.2, .9) * np.exp(1j * rng.uniform(0, 3))
    ks = np.arange(6)
    f.true_('K_k^{\\text{pair}} = g\\lambda^{k} + g^*', np.allclose(g * l ** ks + np.conj(g) * np.conj(l) ** ks, 2 * (g * l ** ks).real))
    f.true_('K_k^{\\text{pair}} = 2|g|\\,r^{k}\\cos', np.allclose(2 * abs(g) * abs(l) ** ks * np.cos(ks * np.angle(l) + np.angle(g)), 2 * (g * l ** ks).real))
    g, l = 1 - .5j, .6 + .6j
    f.true_('Then $r = 0.6\\sqrt 2', abs(abs(l) - .848528) < 1e-6 and abs(np.angle(l) - np.pi / 4) < 1e-12
            and abs(abs(g) - 1.118034) < 1e-6 and abs(np.angle(g) + .463648) < 1e-6)
    f.true_('\\lambda^2 &= (0.6 + 0.6i)^2', np.isclose(l ** 2, .72j))
    f.true_('\\lambda^3 &= 0.72i', np.isclose(l ** 3, -.432 + .432j))
    f.true_('\\lambda^4 &= (0.72i)^2', np.isclose(l ** 4, -.5184))
    K = [2 * (g * l ** k).real for k in range(5)]
    f.num('K_0 &= 2\\operatorname{Re}(1 - 0.5i)', '2,', K[0])
    f.true_('K_1 &= 2\\operatorname{Re}', np.isclose(g * l, .9 + .3j) and abs(K[1] - 1.8) < 1e-12)
    f.true_('K_2 &= 2\\operatorname{Re}', np.isclose(g * l ** 2, .36 + .72j) and abs(K[2] - .72) < 1e-12)
    f.true_('K_3 &= 2\\operatorname{Re}', np.isclose(g * l ** 3, -.216 + .648j) and abs(K[3] + .432) < 1e-12)
    f.true_('K_4 &= 2\\operatorname{Re}', np.isclose(g * l ** 4, -.5184 + .2592j) and abs(K[4] + 1.0368) < 1e-12)
    f.true_('As a check on the polar form', abs(np.cos(np.angle(g)) - .894427) < 1e-6 and abs(2 * abs(g) * np.cos(np.angle(g)) - 2) < 1e-9
            and abs(2 * abs(g) * abs(l) ** 4 - 1.159177) < 1e-6 and 1.159177 >= 1.0368)
    lam = rng.uniform(.2, .9, 4) * np.exp(1j * rng.uniform(0, 3, 4)); gg = rng.normal(size=4) + 1j * rng.normal(size=4)
    full_l = np.concatenate([lam, lam.conj()]); full_g = np.concatenate([gg, gg.conj()])
    f.true_('K_k = 2\\operatorname{Re}\\sum_{n=1}^{N/2}', all(abs(np.sum(full_g * full_l ** k) - 2 * np.sum(gg * lam ** k).real) < 1e-12 for k in range(6)))
    f.true_('so the SSM has $6\\cdot 32 = 192 = 3N$', 6 * 32 == 192 == 3 * 64 and 64 // 2 == 32)
    f.true_('**Remark (stability).**', abs(2 * abs(g) - 2.236068) < 1e-6 and all(abs(K[k]) <= 2 * abs(g) * abs(l) ** k + 1e-12 for k in range(5)))
    mu = rng.normal() + 1j * rng.normal(); D = .3
    f.true_('Under ZOH with continuous eigenvalue', abs(abs(np.exp(D * mu)) - E(D * mu.real)) < 1e-12)


# ---------------------------------------------------------------- 16
@register('16_selective_ssm_numeric_en.md')
def f16(f):
    sp = lambda s: np.log1p(np.exp(s)); sig = lambda s: 1 / (1 + np.exp(-s))
    f.true_('A handy identity', all(abs(np.exp(-sp(x)) - sig(-x)) < 1e-12 and abs(sig(-x) - 1 / (1 + np.exp(x))) < 1e-12 for x in rand_pts()))
    xs = [1, -2, .5]; h = 0; H = []; Y = []; Ds = []; As = []; inc = []
    for x in xs:
        D = sp(x); Ab = np.exp(-D); h = Ab * h + D * x * x; y = .5 * x * h + x
        Ds.append(D); As.append(Ab); H.append(h); Y.append(y); inc.append(D * x * x)
    f.num('\\Delta_1 = \\log(1 + e)', '1.3133', Ds[0])
    f.num('\\Delta_1 = \\log(1 + e)', '0.2689', As[0])
    f.num('h_1 = 0.2689', '1.3133', H[0])
    f.num('y_1 = 0.5\\cdot 1.3133', '0.6566', .5 * H[0])
    f.num('y_1 = 0.5\\cdot 1.3133', '1.6566', Y[0])
    f.num('\\Delta_2 = \\log(1 + e^{-2})', '0.1269', Ds[1])
    f.num('\\Delta_2 = \\log(1 + e^{-2})', '0.8808', As[1])
    f.num('\\Delta_2 B_2 x_2 =', '0.5077', inc[1])
    f.num('h_2 = 0.8808\\cdot 1.3133', '1.1567', As[1] * H[0])
    f.num('h_2 = 0.8808\\cdot 1.3133', '1.6644', H[1])
    f.num('y_2 = (-1)\\cdot 1.6644', '-3.6644', Y[1])
    f.true_('Note what happened', Ds[1] < Ds[0] and As[1] > .85)
    f.num('\\Delta_3 = \\log(1 + e^{0.5})', '0.9741', Ds[2])
    f.num('\\Delta_3 = \\log(1 + e^{0.5})', '0.3775', As[2])
    f.num('\\Delta_3 B_3 x_3 =', '0.2435', inc[2])
    f.num('h_3 = 0.3775\\cdot 1.6644', '0.6824', As[2] * H[1])
    f.num('h_3 = 0.3775\\cdot 1.6644', '0.9259', H[2])
    f.num('y_3 = 0.25\\cdot 0.9259', '0.7315', Y[2])
    f.num('So the output is', '0.7315', Y[2])
    # associative operator
    (a1, b1), (a2, b2) = rng.normal(size=2), rng.normal(size=2)
    hh = rng.normal()
    f.true_('(a_1, b_1)\\bullet(a_2, b_2) = (a_1 a_2,\\ a_2 b_1 + b_2)', abs(a2 * (a1 * hh + b1) + b2 - (a1 * a2 * hh + a2 * b1 + b2)) < 1e-12)
    f.true_('8\\cdot 2048\\cdot 1536\\cdot 16 = 402\\,653\\,184', 8 * 2048 * 1536 * 16 == 402653184)


def main():
    exp = json.load(open(os.path.join(HERE, 'expected.json')))
    mds = sorted(p for p in os.listdir(HERE) if p.endswith('.md'))
    assert len(mds) == 16 and set(mds) == set(exp) == set(checks), (mds, sorted(exp), sorted(checks))
    all_ok = True
    for name in mds:
        f = F(name)
        checks[name](f)
        got = f.first_bad()
        status = 'OK' if got == exp[name] else 'MISMATCH'
        all_ok &= status == 'OK'
        print(f'{status:8s} {name}: first failing line = {got}, expected = {exp[name]}')
        if status != 'OK':
            for ln, ok, d in sorted(f.claims):
                if not ok:
                    print('    fails line', ln, d)
    print('ALL OK' if all_ok else 'SOME MISMATCH')
    raise SystemExit(0 if all_ok else 1)


if __name__ == '__main__':
    main()
