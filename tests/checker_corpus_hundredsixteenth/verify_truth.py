"""Independent truth checks for the corpus. For each file, walk its claims (located by a
unique substring of the line), find the first line whose claim is false, and compare with
expected.json."""
import json
import os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(0)


def lines_of(fname):
    with open(os.path.join(HERE, fname), encoding="utf-8") as f:
        return f.read().split("\n")


def find(lines, sub):
    hits = [i + 1 for i, l in enumerate(lines) if sub in l]
    assert len(hits) == 1, f"substring {sub!r} found {len(hits)} times"
    return hits[0]


def close(a, b, dec):
    """a (true value) printed to `dec` decimals as b."""
    return abs(a - b) <= 0.5 * 10 ** (-dec) + 1e-12


def fd(f, x, h=1e-6):
    x = np.asarray(x, float)
    g = np.zeros_like(x)
    for i in range(x.size):
        e = np.zeros_like(x); e[i] = h
        g[i] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def allclose_dec(a, b, dec):
    a = np.atleast_1d(np.asarray(a, float)); b = np.atleast_1d(np.asarray(b, float))
    return a.shape == b.shape and all(close(x, y, dec) for x, y in zip(a, b))


CHECKS = {}


def register(fname):
    def deco(fn):
        CHECKS[fname] = fn
        return fn
    return deco


def rand_sched(T=6):
    beta = rng.uniform(0.01, 0.4, T)
    alpha = 1 - beta
    ab = np.concatenate([[1.0], np.cumprod(alpha)])  # ab[0] = 1
    return beta, alpha, ab


# ---------------------------------------------------------------- 01
@register("01_vorwaertsprozess_de.md")
def f01():
    b = np.array([.1, .2, .3, .4]); a = 1 - b; ab = np.cumprod(a)
    c = []
    c.append(("Dann ist $\\alpha = (0{,}9;", allclose_dec(a, [.9, .8, .7, .6], 1)))
    c.append(("\\bar\\alpha_1 &= 0{,}9,", close(ab[0], .9, 1)))
    c.append(("\\bar\\alpha_2 &= 0{,}9 \\cdot 0{,}8 = 0{,}72", close(.9 * .8, .72, 2) and close(ab[1], .72, 2)))
    c.append(("\\bar\\alpha_3 &= 0{,}72 \\cdot 0{,}7 = 0{,}504", close(.72 * .7, .504, 3) and close(ab[2], .504, 3)))
    c.append(("\\bar\\alpha_4 &= 0{,}504 \\cdot 0{,}6 = 0{,}3024", close(.504 * .6, .3024, 4) and close(ab[3], .3024, 4)))
    rows = {1: (.9, .9487, .3162), 2: (.72, .8485, .5292), 3: (.504, .7099, .7043), 4: (.3024, .5499, .8352)}
    for t, (v, s1, s2) in rows.items():
        sub = f"| {t} | {str(v).replace('.', ',')} |"
        c.append((sub, close(ab[t - 1], v, 4) and close(np.sqrt(ab[t - 1]), s1, 4) and close(np.sqrt(1 - ab[t - 1]), s2, 4)))
    c.append(("0{,}7099^2 + 0{,}7043^2 \\approx 1{,}0000", close(.7099 ** 2 + .7043 ** 2, 1.0, 3)))
    c.append(("\\operatorname{Var}(x_t) = \\bar\\alpha_t + (1-\\bar\\alpha_t) = 1", True))
    x3a = np.sqrt(.504) * 2; x3b = np.sqrt(.496) * -.5
    c.append(("x_3 = \\sqrt{0{,}504}\\cdot 2 + \\sqrt{0{,}496}", close(1 - .504, .496, 3)))
    c.append(("= 1{,}4199 - 0{,}3521", close(x3a, 1.4199, 4) and close(-x3b, .3521, 4)))
    c.append(("= 1{,}0677.", close(x3a + x3b, 1.0677, 4)))
    c.append(("2\\sqrt{0{,}504} \\approx 1{,}4199", close(x3a, 1.4199, 4)))
    c.append(("\\operatorname{Var}(x_3 \\mid x_0) = 1 - 0{,}504 = 0{,}496", True))
    c.append(("denn $\\bar\\alpha_4 = 0{,}3024$", close(ab[3], .3024, 4)))
    return c


# ---------------------------------------------------------------- 02
@register("02_calendrier_alphabar_fr.md")
def f02():
    b = 0.02 * np.arange(1, 6); a = 1 - b; ab = np.cumprod(a)
    c = []
    c.append(("On a $\\beta = (0{,}02", allclose_dec(b, [.02, .04, .06, .08, .10], 2)))
    c.append(("\\alpha = (0{,}98 ;", allclose_dec(a, [.98, .96, .94, .92, .90], 2)))
    c.append(("\\bar\\alpha_1 &= 0{,}98,", close(ab[0], .98, 2)))
    c.append(("&= 0{,}98 \\times 0{,}96 = 0{,}9408", close(ab[1], .9408, 4)))
    c.append(("&= 0{,}9408 \\times 0{,}94 = 0{,}88435", close(ab[2], .88435, 5)))
    c.append(("&= 0{,}88435 \\times 0{,}92 = 0{,}8236", close(ab[3], .8236, 4)))
    c.append(("&= 0{,}8236 \\times 0{,}90 = 0{,}7412", close(ab[4], .7412, 4)))
    c.append(("Par exemple $\\sum_{s\\le 5}\\beta_s = 0{,}30$", close(b.sum(), .30, 2) and close(np.exp(-.3), .7408, 4)))
    c.append(("\\sqrt{\\bar\\alpha_5} = \\sqrt{0{,}7412}", close(np.sqrt(ab[4]), .8610, 4)))
    return c


# ---------------------------------------------------------------- 03
@register("03_perdida_epsilon_es.md")
def f03():
    eps = np.array([.5, -1., .2]); eh = np.array([.3, -.6, .5]); d = 3; ab = .36
    L = lambda e_hat: np.sum((eps - e_hat) ** 2) / d
    g = fd(L, eh)
    r = eps - eh
    c = []
    c.append(("Sea $r := \\varepsilon - \\hat\\varepsilon", allclose_dec(r, [.2, -.4, -.3], 1)))
    c.append(("\\lVert r\\rVert^2 = 0{,}04 + 0{,}16", close(np.sum(r ** 2), .29, 2) and close(L(eh), .0967, 4)))
    # symbolic: d/d e_hat_i of (1/d)(e_i - e_hat_i)^2 at random point
    x = rng.normal(size=3); y = rng.normal(size=3)
    gsym = fd(lambda z: np.sum((x - z) ** 2) / d, y)
    c.append(("= \\frac{1}{d}\\,\\frac{\\partial}{\\partial\\hat\\varepsilon_i}", True))
    c.append(("= -\\frac{1}{d}\\,(\\varepsilon_i - \\hat\\varepsilon_i).", np.allclose(gsym, -(x - y) / d, atol=1e-6)))
    c.append(("En forma vectorial, $\\nabla_{\\hat\\varepsilon} L = -\\tfrac{1}{d}\\,r$", np.allclose(g, -r / d, atol=1e-6)))
    c.append(("\\approx (-0{,}0667;\\ 0{,}1333;\\ 0{,}1000)", allclose_dec(g, [-.0667, .1333, .1], 4)))
    J = lambda x0h: -np.sqrt(ab) / np.sqrt(1 - ab)
    c.append(("= -\\frac{0{,}6}{0{,}8}\\,I = -0{,}75\\,I", close(J(0), -.75, 2)))
    gx = fd(lambda x0h: L((1.0 - np.sqrt(ab) * x0h) / np.sqrt(1 - ab)), (1.0 - np.sqrt(1 - ab) * eh) / np.sqrt(ab))
    c.append(("\\approx (0{,}0500;\\ -0{,}1000;\\ -0{,}0750)", allclose_dec(gx, [.05, -.1, -.075], 4)))
    return c


# ---------------------------------------------------------------- 04
@register("04_posterior_media_variancia_pt.md")
def f04():
    c = []
    beta, alpha, ab = rand_sched()
    # numerical check of posterior via Gaussian product at random t
    t = 4; x0 = rng.normal(); xt = rng.normal()
    prec = alpha[t - 1] / beta[t - 1] + 1 / (1 - ab[t - 1])
    lin = np.sqrt(alpha[t - 1]) / beta[t - 1] * xt + np.sqrt(ab[t - 1]) / (1 - ab[t - 1]) * x0
    mu_true, var_true = lin / prec, 1 / prec
    mu_f = np.sqrt(ab[t - 1]) * beta[t - 1] / (1 - ab[t]) * x0 + np.sqrt(alpha[t - 1]) * (1 - ab[t - 1]) / (1 - ab[t]) * xt
    var_f = (1 - ab[t - 1]) / (1 - ab[t]) * beta[t - 1]
    c.append(("\\tilde\\mu_t(x_t,x_0) = \\frac{\\sqrt{\\bar\\alpha_{t-1}}\\,\\beta_t}", np.isclose(mu_f, mu_true)))
    c.append(("\\tilde\\beta_t = \\frac{1-\\bar\\alpha_{t-1}}{1-\\bar\\alpha_t}\\,\\beta_t .", np.isclose(var_f, var_true)))
    c.append(("logo $\\tilde\\beta_1 = 0$", True))
    c.append(("sempre vale $\\tilde\\beta_t < \\beta_t$", (1 - ab[t - 1]) < (1 - ab[t])))
    c.append(("$\\bar\\alpha_2 = 0{,}72$, $\\bar\\alpha_3 = 0{,}504$", close(.9 * .8, .72, 2) and close(.72 * .7, .504, 3)))
    c1 = np.sqrt(.72) * .3 / .496; c2 = np.sqrt(.7) * .28 / .496; bt = .28 / .496 * .3
    c.append(("= \\frac{0{,}25456}{0{,}496} \\approx 0{,}5132", close(np.sqrt(.72) * .3, .25456, 5) and close(c1, .5132, 4)))
    c.append(("= \\frac{0{,}23426}{0{,}496} \\approx 0{,}4723", close(np.sqrt(.7) * .28, .23426, 5) and close(c2, .4723, 4)))
    c.append(("= \\frac{0{,}084}{0{,}496} \\approx 0{,}1694", close(.28 * .3, .084, 3) and close(bt, .1694, 4) and close(np.sqrt(bt), .4115, 4)))
    c.append(("\\tilde\\mu_3 = 0{,}5132\\cdot 1 + 0{,}4723", close(.4723 * .6, .2834, 4) and close(c1 + c2 * .6, .7966, 4)))
    c.append(("$x_2 \\sim \\mathcal N(0{,}7966;\\ 0{,}1694)$", True))
    c.append(("$\\sqrt{\\bar\\alpha_2}\\,x_0 \\approx 0{,}8485$", close(np.sqrt(.72), .8485, 4) and .6 < .7966 < .8485))
    return c


# ---------------------------------------------------------------- 05
@register("05_passo_ddim_it.md")
def f05():
    at, ap, xt, eh = .5, .8, 1.2, .4
    s1 = np.sqrt((1 - ap) / (1 - at)) * np.sqrt(1 - at / ap)
    c = []
    c.append(("= \\sqrt{0{,}4}\\cdot\\sqrt{0{,}375} \\approx 0{,}6325", close(np.sqrt(.4), .6325, 4) and close(np.sqrt(.375), .6124, 4) and close(s1, .3873, 4)))
    c.append(("\\sqrt{0{,}2 - 0{,}15} = \\sqrt{0{,}05}", np.isclose(1 - ap - s1 ** 2, .05)))
    # inversion at random values
    a = rng.uniform(.1, .9); x0 = rng.normal(); e = rng.normal(); x = np.sqrt(a) * x0 + np.sqrt(1 - a) * e
    c.append(("\\hat x_0 = \\frac{x_t + \\sqrt{1-\\bar\\alpha_t}", np.isclose((x + np.sqrt(1 - a) * e) / np.sqrt(a), x0)))
    x0h = (xt - np.sqrt(at) * eh) / np.sqrt(at)
    c.append(("\\hat x_0 = \\frac{1{,}2 + 0{,}7071\\cdot 0{,}4}{0{,}7071}", close(x0h, 2.0971, 4)))
    xp = np.sqrt(ap) * x0h + np.sqrt(1 - ap) * eh
    c.append(("&\\approx 0{,}8944\\cdot 2{,}0971", close(x0h, 2.0971, 4)))
    c.append(("&\\approx 1{,}8757 + 0{,}1789", close(.8944 * 2.0971, 1.8757, 4)))
    c.append(("&= 2{,}0546", close(xp, 2.0546, 4)))
    return c


# ---------------------------------------------------------------- 06
@register("06_snr_logsnr_ru.md")
def f06():
    ab = np.array([.9, .72, .504, .3024]); snr = ab / (1 - ab); lam = np.log(snr)
    sig = lambda z: 1 / (1 + np.exp(-z))
    c = []
    x = rng.uniform(.05, .95)
    l = np.log(x / (1 - x))
    c.append(("\\bar\\alpha = \\frac{e^{\\lambda}}{1+e^{\\lambda}}", np.isclose(np.exp(l) / (1 + np.exp(l)), x) and np.isclose(sig(l), x)))
    c.append(("1-\\bar\\alpha = \\operatorname{sigmoid}(-\\lambda)", np.isclose(sig(-l), 1 - x)))
    c.append(("$\\bar\\alpha = (0{,}9;\\ 0{,}72;\\ 0{,}504;\\ 0{,}3024)$", np.allclose(np.cumprod([.9, .8, .7, .6]), ab)))
    c.append(("\\mathrm{SNR}(1) &= \\frac{0{,}9}{0{,}1} = 9", close(snr[0], 9, 4) and close(lam[0], 2.1972, 4)))
    c.append(("\\mathrm{SNR}(2) &= \\frac{0{,}72}{0{,}28}", close(snr[1], 2.5714, 4) and close(lam[1], .9445, 4)))
    c.append(("\\mathrm{SNR}(3) &= \\frac{0{,}504}{0{,}496}", close(snr[2], 1.0161, 4) and close(lam[2], .0160, 4)))
    c.append(("\\mathrm{SNR}(4) &= \\frac{0{,}3024}{0{,}6976}", close(1 - .3024, .6976, 4) and close(snr[3], .4335, 4) and close(lam[3], -.8359, 4)))
    c.append(("$e^{-0{,}9445}\\approx 0{,}3889$", close(np.exp(-.9445), .3889, 4) and close(1 / 1.3889, .7200, 4)))
    c.append(("поскольку $\\lambda_3 > 0 > \\lambda_4$", lam[2] > 0 > lam[3]))
    a = rng.uniform(.1, .9); x0 = rng.normal(size=3); e = rng.normal(size=3); eh = rng.normal(size=3)
    xt = np.sqrt(a) * x0 + np.sqrt(1 - a) * e
    x0h = (xt - np.sqrt(1 - a) * eh) / np.sqrt(a)
    c.append(("x_0 - \\hat x_0 = \\frac{\\sqrt{1-\\bar\\alpha_t}}{\\sqrt{\\bar\\alpha_t}}",
              np.allclose(x0 - x0h, np.sqrt(1 - a) / np.sqrt(a) * (eh - e)) and
              np.isclose(np.sum((x0 - x0h) ** 2), np.sum((e - eh) ** 2) / (a / (1 - a)))))
    c.append(("$\\lVert\\varepsilon-\\hat\\varepsilon\\rVert^2 = \\mathrm{SNR}(t)", np.isclose(np.sum((e - eh) ** 2), a / (1 - a) * np.sum((x0 - x0h) ** 2))))
    return c


# ---------------------------------------------------------------- 07
@register("07_gaussian_score_zh.md")
def f07():
    c = []
    mu, s = rng.normal(), rng.uniform(.5, 2); x = rng.normal()
    logp = lambda z: -(z - mu) ** 2 / (2 * s ** 2) - np.log(s * np.sqrt(2 * np.pi))
    # density normalization check for the log p formula
    grid = np.linspace(mu - 12 * s, mu + 12 * s, 200001)
    c.append(("\\log p(x) = -\\frac{(x-\\mu)^2}{2\\sigma^2} - \\log", np.isclose(np.trapezoid(np.exp(logp(grid)), grid), 1.0)))
    c.append(("\\frac{d}{dx}\\log p(x) = -\\frac{x-\\mu}{\\sigma^2}.", np.isclose(fd(lambda z: logp(z[0]), [x])[0], -(x - mu) / s ** 2, atol=1e-6)))
    A = rng.normal(size=(3, 3)); S = A @ A.T + np.eye(3); m = rng.normal(size=3); y = rng.normal(size=3)
    lp = lambda z: -0.5 * (z - m) @ np.linalg.solve(S, z - m)
    c.append(("\\nabla_x \\log p(x) = -\\Sigma^{-1}(x-\\mu).", np.allclose(fd(lp, y), -np.linalg.solve(S, y - m), atol=1e-5)))
    S2 = np.array([[2, .5], [.5, 1]]); mu2 = np.array([1, 0]); x2 = np.array([2, 1])
    c.append(("其中 $\\det\\Sigma = 2\\cdot 1 - 0.5^2 = 1.75$", np.isclose(np.linalg.det(S2), 1.75)))
    c.append(("\\Sigma^{-1}=\\frac{1}{1.75}\\begin{pmatrix}1 & -0.5", np.allclose(np.linalg.inv(S2), np.array([[1, -.5], [-.5, 2]]) / 1.75)))
    sc = -np.linalg.solve(S2, x2 - mu2)
    c.append(("= -\\frac{1}{1.75}\\begin{pmatrix}0.5\\\\1.5\\end{pmatrix}", np.allclose(np.array([[1, -.5], [-.5, 2]]) @ (x2 - mu2), [.5, 1.5]) and allclose_dec(sc, [-.2857, -.8571], 4)))
    a = rng.uniform(.1, .9); x0 = rng.normal(); e = rng.normal(); xt = np.sqrt(a) * x0 + np.sqrt(1 - a) * e
    lq = lambda z: -(z[0] - np.sqrt(a) * x0) ** 2 / (2 * (1 - a))
    c.append(("\\nabla_{x_t}\\log q(x_t\\mid x_0) = -\\frac{x_t-\\sqrt{\\bar\\alpha_t}\\,x_0}{1-\\bar\\alpha_t}", np.isclose(fd(lq, [xt])[0], -(xt - np.sqrt(a) * x0) / (1 - a), atol=1e-6)))
    c.append(("= -\\frac{\\sqrt{1-\\bar\\alpha_t}\\,\\varepsilon}{1-\\bar\\alpha_t}", np.isclose(-(xt - np.sqrt(a) * x0) / (1 - a), -np.sqrt(1 - a) * e / (1 - a))))
    c.append(("= -\\frac{\\varepsilon}{\\sqrt{1-\\bar\\alpha_t}} .", np.isclose(-np.sqrt(1 - a) * e / (1 - a), -e / np.sqrt(1 - a))))
    c.append(("则 $\\sqrt{\\bar\\alpha_t}\\approx0.8660$", close(np.sqrt(.75), .8660, 4) and np.isclose(np.sqrt(.25), .5)))
    c.append(("$x_t \\approx 1.7321+0.3 = 2.0321$", close(np.sqrt(.75) * 2, 1.7321, 4) and close(np.sqrt(.75) * 2 + .3, 2.0321, 4)))
    c.append(("= -\\frac{0.3}{0.25} = -1.2 = -\\frac{0.6}{0.5}", np.isclose(-.3 / .25, -1.2) and np.isclose(-.6 / .5, -1.2)))
    return c


# ---------------------------------------------------------------- 08
@register("08_denoising_score_matching_ja.md")
def f08():
    c = []
    s = rng.uniform(.2, 2); x = rng.normal(size=2); z = rng.normal(size=2); xt = x + s * z
    lq = lambda y: -np.sum((y - x) ** 2) / (2 * s ** 2)
    g = fd(lq, xt)
    c.append(("\\nabla_{\\tilde x}\\log q_\\sigma(\\tilde x\\mid x) = -\\frac{\\tilde x - x}{\\sigma^2} = -\\frac{z}{\\sigma}.",
              np.allclose(g, -(xt - x) / s ** 2, atol=1e-5) and np.allclose(-(xt - x) / s ** 2, -z / s)))
    c.append(("\\ell(\\theta; x, z) = \\tfrac12\\,\\Bigl\\lVert s_\\theta(x+\\sigma z) + \\frac{z}{\\sigma}", True))
    sg = .5; x = np.array([1, -1.]); z = np.array([.4, -.2]); xt = x + sg * z
    c.append(("\\tilde x = x + \\sigma z = (1,\\,-1) + 0.5\\,(0.4,\\,-0.2) = (1.2,\\,-1.1).", np.allclose(xt, [1.2, -1.1])))
    c.append(("目標スコアは $\\tilde x - x = (0.2,\\,-0.1)$", np.allclose(xt - x, [.2, -.1])))
    tgt = -(xt - x) / sg ** 2
    c.append(("-\\frac{\\tilde x - x}{\\sigma^2} = -\\frac{(0.2,\\,-0.1)}{0.25} = (-0.4,\\;0.2).", np.allclose(tgt, [-.4, .2])))
    sth = np.array([-.5, .6])
    c.append(("r = s_\\theta(\\tilde x) - \\text{target} = (-0.5+0.4", np.allclose(sth - tgt, [-.1, .4])))
    c.append(("\\ell = \\tfrac12\\,(0.01 + 0.16) = 0.085", np.isclose(.5 * np.sum((sth - tgt) ** 2), .085)))
    c.append(("$\\nabla_{s}\\ell = r = (-0.1,\\;0.4)$", np.allclose(fd(lambda u: .5 * np.sum((u - tgt) ** 2), sth), [-.1, .4], atol=1e-6)))
    c.append(("$\\lambda\\,\\ell = 0.25\\times 0.085 = 0.02125$", np.isclose(.25 * .085, .02125)))
    u = rng.normal(size=2); zz = rng.normal(size=2); ss = rng.uniform(.2, 2)
    c.append(("なお $\\sigma^2\\,\\ell = \\tfrac12\\lVert \\sigma s_\\theta + z\\rVert^2$", np.isclose(ss ** 2 * .5 * np.sum((u + zz / ss) ** 2), .5 * np.sum((ss * u + zz) ** 2))))
    return c


# ---------------------------------------------------------------- 09
@register("09_unet_parameter_ko.md")
def f09():
    conv = lambda k, ci, co: k * k * ci * co + co
    lin = lambda n, m: n * m + m
    gn = lambda C: 2 * C
    c = []
    c.append(("| GroupNorm(64) |", gn(64) == 128))
    c.append(("| Conv3x3 64→128 |", conv(3, 64, 128) == 73856))
    c.append(("| Linear 256→128 (시간) |", lin(256, 128) == 32896))
    c.append(("| GroupNorm(128) |", gn(128) == 256))
    c.append(("| Conv3x3 128→128 |", conv(3, 128, 128) == 147584))
    c.append(("| Conv1x1 64→128 (skip) |", conv(1, 64, 128) == 8320))
    rb = gn(64) + conv(3, 64, 128) + lin(256, 128) + gn(128) + conv(3, 128, 128) + conv(1, 64, 128)
    c.append(("128 + 73\\,856 + 32\\,896 + 256 + 147\\,584 + 8\\,320 = 263\\,040", rb == 263040))
    # shape by building arrays: 3x3 conv padding 1 keeps spatial size
    H = 32; out = (H + 2 * 1 - 3) // 1 + 1
    c.append(("출력 모양은 $(B, 128, 32, 32)$", out == 32))
    c.append(("($128 \\to 3\\cdot 128 = 384$)", 3 * 128 == 384))
    c.append(("\\text{GN}(128) &: 2\\cdot 128 = 256", gn(128) == 256))
    c.append(("\\text{qkv} &: 128\\cdot 384 + 384 = 49\\,536", conv(1, 128, 384) == 49536))
    c.append(("\\text{proj} &: 128\\cdot 128 + 128 = 16\\,512", conv(1, 128, 128) == 16512))
    at = gn(128) + conv(1, 128, 384) + conv(1, 128, 128)
    c.append(("&: 256 + 49\\,536 + 16\\,512 = 66\\,304", at == 66304))
    c.append(("공간 위치가 $32\\cdot 32 = 1024$", np.zeros((1, 32 * 32, 32 * 32)).shape == (1, 1024, 1024)))
    c.append(("한 쌍의 파라미터 수는 $263\\,040 + 66\\,304 = 329\\,344$", rb + at == 329344))
    c.append(("$147\\,584/263\\,040 \\approx 56\\%$", round(100 * 147584 / 263040) == 56))
    H2 = (32 + 2 - 3) // 2 + 1
    c.append(("또 $147\\,584$ 개를 더하고", conv(3, 128, 128) == 147584 and H2 == 16))
    return c


# ---------------------------------------------------------------- 10
@register("10_classifier_free_guidance_pl.md")
def f10():
    u = np.array([.2, -.1, .5]); cc = np.array([.4, .3, .1]); w = 3
    et = u + w * (cc - u)
    c = []
    x, y, ww = rng.normal(size=3), rng.normal(size=3), rng.uniform(0, 10)
    c.append(("\\tilde\\varepsilon = \\varepsilon_u + w\\,(\\varepsilon_c - \\varepsilon_u) = (1-w)", np.allclose(x + ww * (y - x), (1 - ww) * x + ww * y)))
    c.append(("Współczynniki sumują się do jedności", True))
    c.append(("\\varepsilon_c - \\varepsilon_u = \\begin{pmatrix}0{,}2\\\\0{,}4\\\\-0{,}4", np.allclose(cc - u, [.2, .4, -.4])))
    c.append(("= \\begin{pmatrix}0{,}2+0{,}6\\\\-0{,}1+1{,}2", np.allclose(3 * (cc - u), [.6, 1.2, -1.2])))
    c.append(("\\tilde\\varepsilon = \\begin{pmatrix}0{,}2\\\\-0{,}1\\\\0{,}5\\end{pmatrix} + 3", True))
    c.append(("= \\begin{pmatrix}0{,}8\\\\ 1{,}1\\\\ -0{,}7\\end{pmatrix}.", np.allclose(et, [.8, 1.1, -.7])))
    c.append(("= \\begin{pmatrix}-0{,}4\\\\0{,}2\\\\-1{,}0\\end{pmatrix}", np.allclose(-2 * u, [-.4, .2, -1.]) and np.allclose(3 * cc, [1.2, .9, .3])))
    c.append(("\\end{pmatrix}. \\quad\\checkmark", np.allclose((1 - w) * u + w * cc, [.8, 1.1, -.7])))
    c.append(("$\\tilde\\varepsilon = (1+w')\\,\\varepsilon_c - w'\\,\\varepsilon_u$", np.allclose((1 + 2) * cc - 2 * u, et)))
    c.append(("\\lVert\\varepsilon_u\\rVert = \\sqrt{0{,}04+0{,}01+0{,}25}", np.allclose(u ** 2, [.04, .01, .25]) and close(np.linalg.norm(u), .5477, 4)))
    c.append(("\\lVert\\varepsilon_c\\rVert = \\sqrt{0{,}16+0{,}09+0{,}01}", np.allclose(cc ** 2, [.16, .09, .01]) and close(np.linalg.norm(cc), .5099, 4)))
    c.append(("\\lVert\\tilde\\varepsilon\\rVert^2 = 0{,}64 + 1{,}21 + 0{,}49 = 2{,}24", np.isclose(np.sum(et ** 2), 2.24)))
    c.append(("\\lVert\\tilde\\varepsilon\\rVert \\approx 1{,}4967", close(np.linalg.norm(et), 1.4967, 4)))
    return c


# ---------------------------------------------------------------- 11
@register("11_kwadraat_afsplitsen_nl.md")
def f11():
    c = []
    beta, alpha, ab = rand_sched(); t = 3
    bt, at, abp, abt = beta[t - 1], alpha[t - 1], ab[t - 1], ab[t]
    x0, xt = rng.normal(), rng.normal()
    E = lambda y: -.5 * ((xt - np.sqrt(at) * y) ** 2 / bt + (y - np.sqrt(abp) * x0) ** 2 / (1 - abp))
    A = at / bt + 1 / (1 - abp); Bc = np.sqrt(at) / bt * xt + np.sqrt(abp) / (1 - abp) * x0
    E2 = lambda y: -.5 * (A * y ** 2 - 2 * Bc * y)
    ys = rng.normal(size=3)
    c.append(("-\\frac12\\left[\\frac{(x_t-\\sqrt{\\alpha_t}\\,y)^2}{\\beta_t}", True))
    c.append(("- 2\\Bigl(\\frac{\\sqrt{\\alpha_t}}{\\beta_t}\\,x_t", np.allclose([E(y) - E2(y) for y in ys], E(0) - E2(0))))
    y = rng.normal(); m = rng.normal(); v = rng.uniform(.1, 2)
    c.append(("Een Gaussische exponent heeft de vorm", np.isclose(-(y - m) ** 2 / (2 * v) - (-.5 * (y ** 2 / v - 2 * m * y / v)), -m ** 2 / (2 * v))))
    c.append(("\\frac{1}{\\tilde\\beta_t} = \\frac{\\alpha_t}{\\beta_t} + \\frac{1}{1-\\bar\\alpha_{t-1}}", True))
    c.append(("= \\frac{\\alpha_t(1-\\bar\\alpha_{t-1}) + \\beta_t}{\\beta_t(1-\\bar\\alpha_{t-1})}.", np.isclose(A, (at * (1 - abp) + bt) / (bt * (1 - abp)))))
    c.append(("\\alpha_t - \\alpha_t\\bar\\alpha_{t-1} + 1 - \\alpha_t = 1 - \\bar\\alpha_t", np.isclose(at * (1 - abp) + bt, 1 - abt) and np.isclose(1 / A, (1 - abp) / (1 - abt) * bt)))
    mu = Bc / A
    c.append(("\\tilde\\mu_t = \\frac{\\sqrt{\\alpha_t}\\,(1-\\bar\\alpha_{t-1})}{1-\\bar\\alpha_t}\\,x_t",
              np.isclose(mu, np.sqrt(at) * (1 - abp) / (1 - abt) * xt + np.sqrt(abp) * bt / (1 - abt) * x0)))
    c.append(("$\\alpha_2 = 0{,}8$, $\\bar\\alpha_1 = 0{,}9$ en $\\bar\\alpha_2 = 0{,}72$", np.isclose(.9 * .8, .72)))
    c.append(("= 4 + 10 = 14", np.isclose(.8 / .2 + 1 / .1, 14)))
    c.append(("\\tilde\\beta_2 = \\tfrac{1}{14} \\approx 0{,}0714", close(1 / 14, .0714, 4)))
    c.append(("en de gesloten vorm geeft", close(.1 / .28 * .2, .0714, 4)))
    c.append(("de coëfficiënt van $x_t$ is", close(np.sqrt(.8) * .1 / .28, .3194, 4)))
    c.append(("en die van $x_0$ is", close(np.sqrt(.9) * .2 / .28, .6776, 4)))
    c.append(("= \\frac{4{,}4721}{14}\\approx 0{,}3194", close(np.sqrt(.8) / .2, 4.4721, 4) and close(np.sqrt(.8) / .2 / 14, .3194, 4)))
    c.append(("= \\frac{9{,}4868}{14}\\approx 0{,}6776", close(np.sqrt(.9) / .1, 9.4868, 4) and close(np.sqrt(.9) / .1 / 14, .6776, 4)))
    return c


# ---------------------------------------------------------------- 12
@register("12_tham_so_hoa_vi.md")
def f12():
    c = []
    ab = rng.uniform(.1, .9); a, b = np.sqrt(ab), np.sqrt(1 - ab)
    x0, e = rng.normal(), rng.normal(); xt = a * x0 + b * e; v = a * e - b * x0
    M = np.array([[a, b], [-b, a]])
    c.append(("= \\begin{pmatrix} a_t & b_t \\\\ -b_t & a_t\\end{pmatrix}", np.allclose(M @ [x0, e], [xt, v])))
    c.append(("ta thấy ma trận là một phép quay", np.isclose(np.linalg.det(M), 1)))
    c.append(("= \\begin{pmatrix} a_t & -b_t \\\\ b_t & a_t\\end{pmatrix}", np.allclose(np.linalg.inv(M), M.T)))
    c.append(("x_0 = a_t x_t - b_t v,\\qquad \\varepsilon = b_t x_t + a_t v", np.isclose(a * xt - b * v, x0) and np.isclose(b * xt + a * v, e)))
    c.append(("s = -\\frac{\\varepsilon}{b_t} = -\\frac{x_t - a_t x_0}{b_t^2}", np.isclose(-e / b, -(xt - a * x0) / b ** 2) and np.isclose(-e / b, -(b * xt + a * v) / b)))
    c.append(("suy ra $a_t = 0{,}8$ và $b_t = 0{,}6$", np.isclose(np.sqrt(.64), .8) and np.isclose(np.sqrt(.36), .6)))
    c.append(("x_t = 0{,}8\\cdot 1{,}5 + 0{,}6\\cdot(-0{,}5) = 1{,}2 - 0{,}3 = 0{,}9", np.isclose(.8 * 1.5 - .3, .9)))
    c.append(("v = 0{,}8\\cdot(-0{,}5) - 0{,}6\\cdot 1{,}5 = -0{,}4 - 0{,}9 = -1{,}3", np.isclose(.8 * -.5 - .6 * 1.5, -1.3)))
    c.append(("x_0 &= 0{,}8\\cdot 0{,}9 - 0{,}6\\cdot(-1{,}3) = 0{,}72 + 0{,}78 = 1{,}5", np.isclose(.72 + .78, 1.5) and np.isclose(.6 * 1.3, .78)))
    c.append(("\\varepsilon &= 0{,}6\\cdot 0{,}9 + 0{,}8\\cdot(-1{,}3) = 0{,}54 - 1{,}04 = -0{,}5", np.isclose(.54 - 1.04, -.5)))
    c.append(("s = -\\frac{-0{,}5}{0{,}6} \\approx 0{,}8333", close(.5 / .6, .8333, 4)))
    c.append(("-\\frac{0{,}9 - 0{,}8\\cdot 1{,}5}{0{,}36} = -\\frac{-0{,}3}{0{,}36} \\approx 0{,}8333", close(.3 / .36, .8333, 4)))
    xs = rng.normal(size=(200000, 2)); vv = a * xs[:, 1] - b * xs[:, 0]
    c.append(("thì $\\operatorname{Var}(v) = a_t^2 + b_t^2 = 1$", abs(vv.var() - 1) < 0.02))
    return c


# ---------------------------------------------------------------- 13
@register("13_kapali_form_tumevarim_tr.md")
def f13():
    c = []
    beta, alpha, ab = rand_sched(); t = 4
    at, abp, bt = alpha[t - 1], ab[t - 1], beta[t - 1]
    x0, e1, e2 = rng.normal(), rng.normal(), rng.normal()
    lhs = np.sqrt(at) * (np.sqrt(abp) * x0 + np.sqrt(1 - abp) * e1) + np.sqrt(bt) * e2
    c.append(("&= \\sqrt{\\alpha_t\\bar\\alpha_{t-1}}\\,x_0 + \\sqrt{\\alpha_t}\\sqrt{1-\\bar\\alpha_{t-1}}\\,\\varepsilon' + \\sqrt{\\beta_t}",
              np.isclose(lhs, np.sqrt(at * abp) * x0 + np.sqrt(at) * np.sqrt(1 - abp) * e1 + np.sqrt(bt) * e2)))
    c.append(("&= \\sqrt{\\bar\\alpha_t}\\,x_0 + \\underbrace", np.isclose(np.sqrt(at * abp), np.sqrt(ab[t]))))
    k = np.sqrt(at) * np.sqrt(1 - abp)
    samp = k * rng.normal(size=400000)
    true_var = k ** 2
    c.append(("= \\sqrt{\\alpha_t}\\,(1-\\bar\\alpha_{t-1}),", np.isclose(true_var, np.sqrt(at) * (1 - abp)) and abs(samp.var() - np.sqrt(at) * (1 - abp)) < 0.01))
    c.append(("\\operatorname{Var}(\\eta) = \\sqrt{\\alpha_t}\\,(1-\\bar\\alpha_{t-1}) + \\beta_t = 1 - \\bar\\alpha_t", np.isclose(np.sqrt(at) * (1 - abp) + bt, 1 - ab[t])))
    c.append(("O zaman $\\alpha = (0{,}95;", np.allclose(1 - np.array([.05, .1, .15]), [.95, .9, .85])))
    c.append(("\\bar\\alpha_2 = 0{,}95\\cdot 0{,}90 = 0{,}855", np.isclose(.95 * .9, .855) and np.isclose(.855 * .85, .72675)))
    c.append(("$t = 2$ için:", np.isclose(.9 * .05 + .1, .145) and np.isclose(1 - .855, .145)))
    c.append(("$t = 3$ için:", np.isclose(.85 * .145, .12325) and np.isclose(.12325 + .15, .27325) and np.isclose(1 - .72675, .27325)))
    return c


# ---------------------------------------------------------------- 14
@register("14_kosinovy_plan_logsnr_cs.md")
def f14():
    c = []
    lam = lambda t: np.log(np.cos(np.pi * t / 2) ** 2 / np.sin(np.pi * t / 2) ** 2)
    t = rng.uniform(.05, .95); u = np.pi * t / 2
    c.append(("= \\frac{\\cos^2 u}{\\sin^2 u} = \\cot^2 u,", np.isclose(np.cos(u) ** 2 / np.sin(u) ** 2, 1 / np.tan(u) ** 2)))
    c.append(("\\lambda(t) := \\ln\\mathrm{SNR}(t) = -2\\ln\\tan u", np.isclose(lam(t), -2 * np.log(np.tan(u)))))
    c.append(("$t = \\tfrac13$: $u = \\pi/6$", close(np.tan(np.pi / 6), .5774, 4) and close(lam(1 / 3), 1.0986, 4) and np.isclose(lam(1 / 3), np.log(3))))
    c.append(("$t = \\tfrac12$: $u = \\pi/4$", np.isclose(lam(.5), 0, atol=1e-12)))
    c.append(("$t = \\tfrac23$: $u = \\pi/3$", np.isclose(lam(2 / 3), -np.log(3)) and close(-np.log(3), -1.0986, 4)))
    c.append(("Obecně platí symetrie $\\lambda(1-t) = -\\lambda(t)$", np.isclose(lam(1 - t), -lam(t))))
    L = rng.normal() * 3
    tl = 2 / np.pi * np.arctan(np.exp(-L / 2))
    c.append(("t(\\lambda) = \\frac{2}{\\pi}\\arctan\\bigl(e^{-\\lambda/2}\\bigr).", np.isclose(lam(tl), L)))
    c.append(("Kontrola: pro $\\lambda = \\ln 3$", np.isclose(2 / np.pi * np.arctan(np.exp(-np.log(3) / 2)), 1 / 3)))
    d = fd(lambda z: lam(z[0]), [t])[0]
    c.append(("\\frac{d\\lambda}{dt} = -2\\cdot\\frac{1}{\\tan u}\\cdot\\frac{1}{\\cos^2 u}", np.isclose(d, -2 / np.tan(u) / np.cos(u) ** 2, rtol=1e-5)))
    c.append(("= -\\frac{4}{\\sin(\\pi t)} .", np.isclose(-2 / (np.sin(u) * np.cos(u)), -4 / np.sin(np.pi * t))))
    c.append(("V posledním kroku jsme použili", np.isclose(2 * np.sin(u) * np.cos(u), np.sin(np.pi * t))))
    c.append(("- v $t=\\tfrac12$ je", np.isclose(fd(lambda z: lam(z[0]), [.5])[0], -4, rtol=1e-5)))
    c.append(("- v $t=\\tfrac13$ je", close(np.sin(np.pi / 3), .8660, 4) and close(fd(lambda z: lam(z[0]), [1 / 3])[0], -4.6188, 4)))
    return c


# ---------------------------------------------------------------- 15
@register("15_cfg_as_score_combination_en.md")
def f15():
    c = []
    # toy discrete-ish check with 1D Gaussians: p(x)=N(0,1), p(x|c)=N(m,s2); p(c|x) by Bayes
    m, s2, pc = 1.3, .5, .3
    lpx = lambda x: -x ** 2 / 2 - .5 * np.log(2 * np.pi)
    lpxc = lambda x: -(x - m) ** 2 / (2 * s2) - .5 * np.log(2 * np.pi * s2)
    lpcx = lambda x: lpxc(x) + np.log(pc) - lpx(x)
    x = rng.normal(); g = 7.5
    D = lambda f: fd(lambda z: f(z[0]), [x])[0]
    c.append(("\\nabla_x\\log p(x\\mid c) = \\nabla_x\\log p(x) + \\nabla_x\\log p(c\\mid x).", np.isclose(D(lpxc), D(lpx) + D(lpcx), atol=1e-5)))
    lpt = lambda z: lpx(z) + g * lpcx(z)
    c.append(("\\nabla_x\\log\\tilde p(x\\mid c) = \\nabla_x\\log p(x) + \\gamma\\,\\nabla_x\\log p(c\\mid x).", np.isclose(D(lpt), D(lpx) + g * D(lpcx), atol=1e-4)))
    c.append(("&= \\nabla_x\\log p(x) + \\gamma\\bigl(", np.isclose(D(lpt), D(lpx) + g * (D(lpxc) - D(lpx)), atol=1e-4)))
    c.append(("&= (1-\\gamma)\\,\\nabla_x\\log p(x) + \\gamma\\,\\nabla_x\\log p(x\\mid c).", np.isclose(D(lpt), (1 - g) * D(lpx) + g * D(lpxc), atol=1e-4)))
    xs = rng.normal(size=5)
    r = [lpx(z) + g * lpcx(z) - ((1 - g) * lpx(z) + g * lpxc(z)) for z in xs]
    c.append(("Equivalently, at the level of densities", np.allclose(r, r[0])))
    eu, ec, sg = rng.normal(), rng.normal(), rng.uniform(.1, 1)
    st = (1 - g) * (-eu / sg) + g * (-ec / sg)
    c.append(("\\tilde\\varepsilon = (1-\\gamma)\\,\\varepsilon_u + \\gamma\\,\\varepsilon_c = \\varepsilon_u + \\gamma",
              np.isclose(-sg * st, (1 - g) * eu + g * ec) and np.isclose((1 - g) * eu + g * ec, eu + g * (ec - eu))))
    c.append(("\\tilde\\varepsilon = 0.1 + 7.5\\,(0.3-0.1) = 0.1 + 1.5 = 1.6", np.isclose(.1 + 7.5 * .2, 1.6)))
    c.append(("and the other form gives", np.isclose(-6.5 * .1, -.65) and np.isclose(7.5 * .3, 2.25) and np.isclose(-.65 + 2.25, 1.6)))
    c.append(("so $\\sigma_t = 0.5$, the scores are", np.isclose(np.sqrt(1 - .75), .5) and np.isclose(-.1 / .5, -.2) and np.isclose(-.3 / .5, -.6)))
    c.append(("\\tilde s = (1-7.5)(-0.2) + 7.5(-0.6) = 1.3 - 4.5 = -3.2 = -\\frac{1.6}{0.5}",
              np.isclose(-6.5 * -.2, 1.3) and np.isclose(7.5 * -.6, -4.5) and np.isclose(1.3 - 4.5, -3.2) and np.isclose(-1.6 / .5, -3.2)))
    return c


# ---------------------------------------------------------------- 16
@register("16_ddpm_ancestral_step_en.md")
def f16():
    c = []
    beta, alpha, ab = rand_sched(); t = 5
    bt, at, abp, abt = beta[t - 1], alpha[t - 1], ab[t - 1], ab[t]
    c.append(("\\frac{\\sqrt{\\bar\\alpha_{t-1}}\\,\\beta_t}{(1-\\bar\\alpha_t)\\sqrt{\\bar\\alpha_t}} = \\frac{\\beta_t}{(1-\\bar\\alpha_t)\\sqrt{\\alpha_t}} .",
              np.isclose(np.sqrt(abp) * bt / ((1 - abt) * np.sqrt(abt)), bt / ((1 - abt) * np.sqrt(at)))))
    c.append(("= \\frac{\\beta_t + \\alpha_t - \\bar\\alpha_t}{(1-\\bar\\alpha_t)\\sqrt{\\alpha_t}}",
              np.isclose(bt / ((1 - abt) * np.sqrt(at)) + np.sqrt(at) * (1 - abp) / (1 - abt), (bt + at - abt) / ((1 - abt) * np.sqrt(at)))
              and np.isclose((bt + at - abt) / ((1 - abt) * np.sqrt(at)), 1 / np.sqrt(at))))
    c.append(("$-\\frac{\\beta_t\\sqrt{1-\\bar\\alpha_t}}{(1-\\bar\\alpha_t)\\sqrt{\\alpha_t}} = -\\frac{\\beta_t}{\\sqrt{\\alpha_t}\\sqrt{1-\\bar\\alpha_t}}$",
              np.isclose(bt * np.sqrt(1 - abt) / ((1 - abt) * np.sqrt(at)), bt / (np.sqrt(at) * np.sqrt(1 - abt)))))
    x0, xt, eh = rng.normal(), rng.normal(), rng.normal()
    x0h = (xt - np.sqrt(1 - abt) * eh) / np.sqrt(abt)
    mut = np.sqrt(abp) * bt / (1 - abt) * x0h + np.sqrt(at) * (1 - abp) / (1 - abt) * xt
    c.append(("x_{t-1} = \\frac{1}{\\sqrt{\\alpha_t}}\\Bigl(x_t - \\frac{\\beta_t}{\\sqrt{1-\\bar\\alpha_t}}\\,\\hat\\varepsilon\\Bigr) + \\sigma_t z,",
              np.isclose(mut, (xt - bt / np.sqrt(1 - abt) * eh) / np.sqrt(at))))
    c.append(("Toy schedule $\\beta = (0.1, 0.2, 0.3)$", np.allclose(np.cumprod([.9, .8, .7])[1:], [.72, .504])))
    s2 = .28 / .496 * .3
    c.append(("\\sigma_3^2 = \\frac{1-0.72}{1-0.504}\\cdot 0.3", np.isclose(1 - .504, .496) and close(s2, .1694, 4) and close(np.sqrt(s2), .4115, 4)))
    c.append(("\\sqrt{\\alpha_3} = \\sqrt{0.7} \\approx 0.8367, \\qquad \\sqrt{1-\\bar\\alpha_3} = \\sqrt{0.28}",
              close(np.sqrt(.7), .8367, 4) and np.isclose(1 - .504, .28)))
    c.append(("\\frac{\\beta_3}{\\sqrt{1-\\bar\\alpha_3}} = \\frac{0.3}{0.5292}", close(.3 / np.sqrt(.496), .5669, 4)))
    mu = (1 - .3 / np.sqrt(.496) * .5) / np.sqrt(.7)
    c.append(("\\mu_\\theta &= \\frac{1}{0.8367}", close(mu, .8564, 4)))
    c.append(("x_2 &= 0.8564 + 0.4115", close(mu - np.sqrt(s2), .4449, 4)))
    return c


def main():
    with open(os.path.join(HERE, "expected.json")) as f:
        expected = json.load(f)
    mds = sorted(f for f in os.listdir(HERE) if f.endswith(".md"))
    assert sorted(expected) == mds, "expected.json keys differ from .md files"
    assert set(CHECKS) == set(mds), set(mds) ^ set(CHECKS)
    ok_all = True
    for fname in mds:
        lines = lines_of(fname)
        n = len(lines) - (1 if lines[-1] == "" else 0)
        assert 30 <= n <= 80, (fname, n)
        assert lines[0].startswith("<!-- style:") and lines[0].endswith("-->")
        checks = CHECKS[fname]()
        fails = []
        seen = set()
        for sub, ok in checks:
            ln = find(lines, sub)
            seen.add(ln)
            if not bool(ok):
                fails.append(ln)
        first = min(fails) if fails else None
        exp = expected[fname]
        status = "OK" if first == exp else "MISMATCH"
        if status != "OK":
            ok_all = False
        print(f"{status:8s} {fname}: first failing line = {first}, expected = {exp}, checks = {len(checks)}")
    print("ALL OK" if ok_all else "SOME MISMATCHES")
    raise SystemExit(0 if ok_all else 1)


if __name__ == "__main__":
    main()
