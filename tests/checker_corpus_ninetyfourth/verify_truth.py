"""Independent NumPy verification of the corpus94 derivations.

For each file, every math-bearing line is either marked as a given or checked
numerically (worked numbers to printed precision, derivative claims by central
finite differences, identities at random points, sizes by building arrays).
The first failing line must equal expected.json.
"""
import json, os, sys
import numpy as np
from numpy.polynomial.hermite_e import hermegauss

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(12345)
GH_X, GH_W = hermegauss(120)
GH_W = GH_W / np.sqrt(2 * np.pi)


def P(s):
    """parse a printed number (decimal comma, LaTeX {,}, thin spaces)."""
    s = str(s).replace('{,}', '.').replace('\\,', '').replace(' ', '').replace('\u202f', '')
    s = s.replace('−', '-')
    if s.count(',') == 1 and '.' not in s:
        s = s.replace(',', '.')
    return float(s)


def A(value, printed):
    """value agrees with printed number to the printed precision."""
    s = str(printed).replace('{,}', '.').replace('\\,', '').replace(' ', '').replace('−', '-')
    if s.count(',') == 1 and '.' not in s:
        s = s.replace(',', '.')
    d = len(s.split('.')[1]) if '.' in s else 0
    return abs(float(s) - value) <= 0.5 * 10 ** (-d) + 1e-9


def AA(values, printed_list):
    return all(A(v, p) for v, p in zip(np.ravel(values), printed_list))


def E(f, m, v):
    """E f(z), z ~ N(m, v), Gauss-Hermite."""
    return float(np.sum(GH_W * f(m + np.sqrt(v) * GH_X)))


def fd(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)


def fdgrad(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x); e[idx] = h
        g[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def close(a, b, tol=1e-6):
    return np.allclose(a, b, rtol=tol, atol=tol)


def trials(fn, n=5):
    return all(fn() for _ in range(n))


def gauss_logpdf(x, m, v):
    return -0.5 * np.log(2 * np.pi * v) - (x - m) ** 2 / (2 * v)


def kl1d_quad(m1, v1, m2, v2):
    return E(lambda z: gauss_logpdf(z, m1, v1) - gauss_logpdf(z, m2, v2), m1, v1)


CHECKS = {}


def chk(fname, sub, fn):
    CHECKS.setdefault(fname, []).append((sub, fn))


def given(fname, sub):
    CHECKS.setdefault(fname, []).append((sub, lambda: True))


# ---------------------------------------------------------------- 01
F = '01_elbo_reparam_en.md'
given(F, r'joint $p_\theta(x,z)=p(z)')


def _elbo_bound():
    # conjugate model p(z)=N(0,1), p(x|z)=N(z,1); any q=N(m,v) gives ELBO <= log p(x)
    for _ in range(10):
        x, m, v = rng.normal(), rng.normal(), rng.uniform(.1, 3)
        rec = E(lambda z: gauss_logpdf(x, z, 1.0), m, v)
        kl = kl1d_quad(m, v, 0, 1)
        if rec - kl > gauss_logpdf(x, 0, 2.0) + 1e-9:
            return False
    return True
chk(F, r'\log p_\theta(x)\;\ge\;\mathcal{L}', _elbo_bound)


def _score_fn_identity():
    f = lambda z: np.sin(z) + z ** 3
    for _ in range(5):
        m, s = rng.normal(), rng.uniform(.3, 2)
        lhs = fd(lambda mm: E(f, mm, s * s), m)
        rhs = E(lambda z: f(z) * (z - m) / s ** 2, m, s * s)
        lhs2 = fd(lambda ss: E(f, m, ss * ss), s)
        rhs2 = E(lambda z: f(z) * (-(1 / s) + (z - m) ** 2 / s ** 3), m, s * s)
        if not (close(lhs, rhs, 1e-5) and close(lhs2, rhs2, 1e-5)):
            return False
    return True
chk(F, r'\int f(z)\,\nabla_\phi q_\phi(z)\,dz', _score_fn_identity)
given(F, r'$z=g_\phi(\epsilon)=\mu+\sigma\epsilon$')


def _pathwise():
    f = lambda z: np.sin(z) + z ** 3
    fp = lambda z: np.cos(z) + 3 * z ** 2
    for _ in range(5):
        m, s = rng.normal(), rng.uniform(.3, 2)
        gm = fd(lambda mm: E(f, mm, s * s), m)
        gs = fd(lambda ss: E(f, m, ss * ss), s)
        pm = float(np.sum(GH_W * fp(m + s * GH_X)))
        ps = float(np.sum(GH_W * fp(m + s * GH_X) * GH_X))
        if not (close(gm, pm, 1e-5) and close(gs, ps, 1e-5)):
            return False
    return True
chk(F, r"\mathbb{E}_{\epsilon}\big[f'(\mu+\sigma\epsilon)\,\nabla_\phi", _pathwise)
chk(F, r"i.e. $\partial_\mu\mathbb{E}[f]=\mathbb{E}_\epsilon[f'(z)]$", _pathwise)


def _toy_closed():
    for _ in range(5):
        m, s = rng.normal(), rng.uniform(.3, 2)
        if not close(E(lambda z: z ** 2, m, s * s), m * m + s * s):
            return False
        if not close(fd(lambda mm: mm * mm + s * s, m), 2 * m): return False
        if not close(fd(lambda ss: m * m + ss * ss, s), 2 * s): return False
    return True
chk(F, r'In closed form $\mathbb{E}_{q_\phi}[z^2]=\mu^2+\sigma^2$', _toy_closed)


def _rp1():
    m, s = rng.normal(), rng.uniform(.3, 2)
    return close(np.sum(GH_W * 2 * (m + s * GH_X)), 2 * m)
chk(F, r'- $\mathbb{E}_\epsilon[2(\mu+\sigma\epsilon)]=2\mu$', lambda: trials(_rp1))


def _rp2():
    m, s = rng.normal(), rng.uniform(.3, 2)
    v = np.sum(GH_W * 2 * (m + s * GH_X) * GH_X)
    mid = 2 * m * np.sum(GH_W * GH_X) + 2 * s * np.sum(GH_W * GH_X ** 2)
    return close(v, mid) and close(mid, 2 * s)
chk(F, r'2\mu\,\mathbb{E}[\epsilon]+2\sigma\,\mathbb{E}[\epsilon^2]=2\sigma', lambda: trials(_rp2))


def _sf():
    m, s = rng.normal(), rng.uniform(.3, 2)
    z0 = rng.normal()
    ok1 = close(fd(lambda mm: gauss_logpdf(z0, mm, s * s), m), (z0 - m) / s ** 2)
    ok2 = close(E(lambda z: z ** 2 * (z - m) / s ** 2, m, s * s), 2 * m)
    return ok1 and ok2
chk(F, r'Score-function check', lambda: trials(_sf))


def _logsig():
    m, s = rng.normal(), rng.uniform(.3, 2)
    g = fd(lambda ls: m * m + np.exp(ls) ** 2, np.log(s))
    return close(g, s * 2 * s) and close(g, 2 * s * s)
chk(F, r'parameterize by $s=\log\sigma$', lambda: trials(_logsig))
given(F, r'**Numbers.** $\mu=0.5$, $\sigma=0.8$')
chk(F, r'0.25+0.64=0.89', lambda: A(.5 ** 2, '0.25') and A(.8 ** 2, '0.64') and A(.5 ** 2 + .8 ** 2, '0.89'))
chk(F, r'exact gradient $(\partial_\mu,\partial_\sigma)=(1.0,\;1.6)$',
    lambda: A(2 * .5, '1.0') and A(2 * .8, '1.6') and A(2 * .64, '1.28') and A(2 * .8 ** 2, '1.28'))
given(F, r'One sample, $\epsilon=-0.3$')
chk(F, r'$z=0.5+0.8\cdot(-0.3)=0.26$', lambda: A(.5 + .8 * -.3, '0.26'))
chk(F, r'pathwise: $\hat g_\mu=2z=0.52$', lambda: A(2 * .26, '0.52') and A(2 * .26 * -.3, '-0.156'))


def _sfnum():
    z, m, s = .26, .5, .8
    return (A(z - m, '-0.24') and A(s * s, '0.64') and A((z - m) / s ** 2, '-0.375')
            and A(z * z, '0.0676') and A(z * z * (z - m) / s ** 2, '-0.0254'))
chk(F, r'score function: $(z-\mu)/\sigma^2=-0.24/0.64=-0.375$', _sfnum)


def _unb():
    m, s = .5, .8
    pw = np.sum(GH_W * 2 * (m + s * GH_X))
    sf = E(lambda z: z ** 2 * (z - m) / s ** 2, m, s * s)
    return close(pw, 1.0) and close(sf, 1.0) and A(2 * m, '1.0')
chk(F, r'Both single-sample estimates are unbiased for $2\mu=1.0$', _unb)
given(F, r'we draw $\epsilon^{(l)}\sim\mathcal{N}(0,I)$')
given(F, r'\hat{\mathcal{L}}=\frac1L\sum_{l=1}^{L}')

# ---------------------------------------------------------------- 02
F = '02_kl_gauss_logvar_de.md'
given(F, r'Seien $q=\mathcal N(\mu_1,\sigma_1^2)$')
given(F, r'$$D_{\mathrm{KL}}(q\,\|\,p)=\mathbb E_q[\ln q(z)]-\mathbb E_q[\ln p(z)].$$')


def _rand_gauss2():
    return rng.normal(), rng.uniform(.2, 3), rng.normal(), rng.uniform(.2, 3)


def _s1():
    m1, v1, m2, v2 = _rand_gauss2()
    return (close(E(lambda z: (z - m1) ** 2, m1, v1), v1) and
            close(E(lambda z: gauss_logpdf(z, m1, v1), m1, v1), -.5 * np.log(2 * np.pi * v1) - .5))
chk(F, r'$$\mathbb E_q[\ln q(z)]=-\tfrac12\ln(2\pi\sigma_1^2)-\tfrac12 .$$', lambda: trials(_s1))


def _s2a():
    m1, v1, m2, v2 = _rand_gauss2()
    return close(E(lambda z: (z - m2) ** 2, m1, v1), v1 + (m1 - m2) ** 2)
chk(F, r'(Verschiebungssatz)', lambda: trials(_s2a))


def _s2b():
    m1, v1, m2, v2 = _rand_gauss2()
    return close(E(lambda z: gauss_logpdf(z, m2, v2), m1, v1),
                 -.5 * np.log(2 * np.pi * v2) - (v1 + (m1 - m2) ** 2) / (2 * v2))
chk(F, r'$$\mathbb E_q[\ln p(z)]=-\tfrac12\ln(2\pi\sigma_2^2)', lambda: trials(_s2b))


def _kl_closed(m1, v1, m2, v2):
    return np.log(np.sqrt(v2) / np.sqrt(v1)) + (v1 + (m1 - m2) ** 2) / (2 * v2) - .5


def _s3():
    m1, v1, m2, v2 = _rand_gauss2()
    return close(kl1d_quad(m1, v1, m2, v2), _kl_closed(m1, v1, m2, v2))
chk(F, r'$$D_{\mathrm{KL}}(q\,\|\,p)=\ln\frac{\sigma_2}{\sigma_1}', lambda: trials(_s3))
given(F, r'Mit $\mu_2=0$, $\sigma_2=1$')
Dk = lambda mu, v: .5 * (mu ** 2 + v - 1 - np.log(v))
Dv = lambda mu, lv: .5 * (mu ** 2 + np.exp(lv) - 1 - lv)


def _sp():
    mu, v = rng.normal(), rng.uniform(.2, 3)
    return close(Dk(mu, v), _kl_closed(mu, v, 0, 1))
chk(F, r'$$D(\mu,\sigma^2)=\tfrac12\big(\mu^2+\sigma^2-1-\ln\sigma^2\big).$$', lambda: trials(_sp))
given(F, r'Im Encoder wird')


def _spv():
    mu, lv = rng.normal(), rng.normal()
    code = -0.5 * (1 + lv - mu ** 2 + 0 - np.exp(lv))
    return close(Dv(mu, lv), Dk(mu, np.exp(lv))) and close(code, Dv(mu, lv))
chk(F, r'$$D(\mu,v)=\tfrac12\big(\mu^2+e^{v}-1-v\big),$$', lambda: trials(_spv))
chk(F, r'kl = -0.5 * (1 + logvar - mu**2 - logvar.exp())', lambda: trials(_spv))


def _gmu():
    mu, lv = rng.normal(), rng.normal()
    return close(fd(lambda m: Dv(m, lv), mu), mu)
chk(F, r'$$\frac{\partial D}{\partial\mu}=\mu .$$', lambda: trials(_gmu))


def _gv2():
    mu, v = rng.normal(), rng.uniform(.2, 3)
    return close(fd(lambda vv: Dk(mu, vv), v), .5 * (1 - 1 / v))
chk(F, r'$$\frac{\partial D}{\partial\sigma^2}=\tfrac12\Big(1-\frac1{\sigma^2}\Big).$$', lambda: trials(_gv2))


def _glv():
    mu, lv = rng.normal(), rng.normal()
    return close(fd(lambda l: Dv(mu, l), lv), .5 * (1 - np.exp(-lv)))
chk(F, r'$$\frac{\partial D}{\partial v}=\tfrac12\big(1-e^{-v}\big).$$', lambda: trials(_glv))
chk(F, r'Für $v=0$ (d. h. $\sigma^2=1$) verschwindet der Gradient',
    lambda: all(abs(fd(lambda l: Dv(m, l), 0.0)) < 1e-6 for m in rng.normal(size=3)))
chk(F, r'Gegeben $\mu=0{,}6$ und $\sigma^2=0{,}5$', lambda: A(np.log(.5), '-0,6931'))
chk(F, r'$D=\tfrac12\,(0{,}36+0{,}5-1+0{,}6931)', lambda: A(.6 ** 2, '0,36') and A(.36 + .5 - 1 + .6931, '0,5531')
    and A(Dk(.6, .5), '0,2766') and A(.5 * .5531, '0,2766'))
chk(F, r'- $\partial D/\partial\mu=0{,}6$', lambda: A(fd(lambda m: Dk(m, .5), .6), '0,6'))
chk(F, r'- $\partial D/\partial\sigma^2=\tfrac12\,(1-2)=-0{,}5$', lambda: A(fd(lambda v: Dk(.6, v), .5), '-0,5') and A(1 / .5, '2'))
chk(F, r'- $\partial D/\partial v=\tfrac12\,(1-e^{0{,}6931})', lambda: A(fd(lambda l: Dv(.6, l), np.log(.5)), '-0,5'))


def _step():
    g_v = fd(lambda l: Dv(.6, l), np.log(.5))
    return A(.6 - .1 * .6, '0,54') and A(np.log(.5) - .1 * g_v, '-0,6431')
chk(F, r'\mu\leftarrow0{,}6-0{,}1\cdot0{,}6=0{,}54', _step)
chk(F, r'Beide Schritte ziehen $q$ in Richtung des Priors',
    lambda: fd(lambda m: Dk(m, .5), .6) > 0 and fd(lambda l: Dv(.6, l), np.log(.5)) < 0)

# ---------------------------------------------------------------- 03
F = '03_ddpm_forward_fr.md'
given(F, r'q(x_t\mid x_{t-1})=\mathcal N\!\big(x_t;\sqrt{1-\beta_t}\,x_{t-1},\,\beta_t I\big)')
given(F, r'Notations : $\alpha_t:=1-\beta_t$')


def _prop():
    beta = rng.uniform(.01, .4, size=8)
    m, v = 1.0, 0.0
    for t in range(8):
        m *= np.sqrt(1 - beta[t]); v = (1 - beta[t]) * v + beta[t]
        ab = np.prod(1 - beta[:t + 1])
        if not (close(m, np.sqrt(ab)) and close(v, 1 - ab)):
            return False
    return True
chk(F, r'**Proposition.** $q(x_t\mid x_0)', lambda: trials(_prop))
given(F, r'$$x_1=\sqrt{\alpha_1}\,x_0+\sqrt{1-\alpha_1}\,\varepsilon_1')


def _subst():
    a1, a2 = rng.uniform(.5, 1, 2); x0, e1, e2 = rng.normal(size=3)
    x1 = np.sqrt(a1) * x0 + np.sqrt(1 - a1) * e1
    x2 = np.sqrt(a2) * x1 + np.sqrt(1 - a2) * e2
    return close(x2, np.sqrt(a2 * a1) * x0 + np.sqrt(a2 * (1 - a1)) * e1 + np.sqrt(1 - a2) * e2)
chk(F, r'$$x_2=\sqrt{\alpha_2\alpha_1}\,x_0', lambda: trials(_subst))


def _var():
    a1, a2 = rng.uniform(.5, 1, 2)
    return close(a2 * (1 - a1) + (1 - a2), 1 - a1 * a2)
chk(F, r'$$\alpha_2(1-\alpha_1)+(1-\alpha_2)=1-\alpha_1\alpha_2=1-\bar\alpha_2 .$$', lambda: trials(_var))
chk(F, r"D'où $x_2=\sqrt{\bar\alpha_2}\,x_0", lambda: trials(_var))
chk(F, r'**Remarque.** La variance totale', lambda: trials(lambda: close((lambda ab: ab * 1 + (1 - ab))(rng.uniform()), 1)))


def _snr():
    beta = rng.uniform(.01, .4, size=10)
    ab = np.cumprod(1 - beta)
    s = ab / (1 - ab)
    return np.all(np.diff(s) < 0)
chk(F, r'$\mathrm{SNR}(t)=\bar\alpha_t/(1-\bar\alpha_t)$ ; il est décroissant', lambda: trials(_snr))
chk(F, r'On prend $T=3$ et $\beta=(0{,}1', lambda: np.allclose(1 - np.array([.1, .2, .3]), [.9, .8, .7]))
AB3 = np.cumprod([.9, .8, .7])
chk(F, r'| 1 | 0,9 | 0,9 |', lambda: A(AB3[0], '0,9'))
chk(F, r'| 2 | 0,8 | 0,9 × 0,8 = 0,72 |', lambda: A(AB3[1], '0,72'))
chk(F, r'| 3 | 0,7 | 0,72 × 0,7 = 0,514 |', lambda: A(AB3[2], '0,514'))
given(F, r'Pour $x_0=2$ et un tirage $\varepsilon=-1$')
chk(F, r'$\sqrt{\bar\alpha_3}=\sqrt{0{,}514}\approx0{,}7169$', lambda: A(np.sqrt(AB3[2]), '0,7169'))
chk(F, r'$\sqrt{1-\bar\alpha_3}=\sqrt{0{,}486}\approx0{,}6971$', lambda: A(np.sqrt(1 - AB3[2]), '0,6971'))
chk(F, r'$x_3=2\times0{,}7169+0{,}6971\times(-1)\approx0{,}7367$', lambda: A(2 * np.sqrt(AB3[2]) - np.sqrt(1 - AB3[2]), '0,7367'))
chk(F, r'Pour comparer, à $t=2$', lambda: A(np.sqrt(.72), '0,8485') and A(np.sqrt(.28), '0,5292') and A(.72 / .28, '2,571'))
chk(F, r'**Exercice.** Montrer que', lambda: np.prod(1 - np.linspace(1e-4, .02, 4000)) < 1e-10)

# ---------------------------------------------------------------- 04
F = '04_denoising_score_matching_es.md'
given(F, r'q_\sigma(\tilde x\mid x)=\mathcal N(\tilde x;\,x,\,\sigma^2 I)')


def _dsm_score():
    d = 3; x = rng.normal(size=d); s = rng.uniform(.2, 2); eps = rng.normal(size=d)
    xt = x + s * eps
    lq = lambda y: np.sum(gauss_logpdf(y, x, s * s))
    g = fdgrad(lq, xt)
    return close(g, -(xt - x) / s ** 2) and close(-(xt - x) / s ** 2, -eps / s)
chk(F, r'$$\nabla_{\tilde x}\log q_\sigma(\tilde x\mid x)=-\frac{\tilde x-x}{\sigma^2}', lambda: trials(_dsm_score))
given(F, r'$$J_{\text{DSM}}(\theta)=\tfrac12')


def _dsm_const():
    m, s2, sig = rng.normal(), rng.uniform(.5, 3), rng.uniform(.2, 1)
    v = s2 + sig ** 2
    Ex, Ex2 = m, v + m * m
    diffs = []
    for _ in range(5):
        a, b = rng.normal(size=2)
        # DSM target y = -eps/sig: E[xt y] = -1, E[y]=0, E[y^2]=1/sig^2
        jd = .5 * (a * a * Ex2 + 2 * a * b * Ex + b * b - 2 * a * (-1) - 0 + 1 / sig ** 2)
        # ESM target s*(xt) = -(xt-m)/v : E[xt s*] = -1, E[s*]=0, E[s*^2]=1/v
        je = .5 * (a * a * Ex2 + 2 * a * b * Ex + b * b - 2 * a * (-1) - 0 + 1 / v)
        diffs.append(jd - je)
    return np.ptp(diffs) < 1e-12
chk(F, r'que difiere del score matching explícito', _dsm_const)


def _sstar():
    m, s2, sig = rng.normal(), rng.uniform(.5, 3), rng.uniform(.2, 1)
    xt = rng.normal()
    return close(fd(lambda y: gauss_logpdf(y, m, s2 + sig ** 2), xt), -(xt - m) / (s2 + sig ** 2))
chk(F, r'$$s^*(\tilde x)=-\frac{\tilde x-m}{s^2+\sigma^2}.$$', lambda: trials(_sstar))
chk(F, r'Datos $x\sim\mathcal N(m,s^2)$. Entonces', lambda: trials(_sstar))
given(F, r'Usemos un modelo lineal $s_\theta(\tilde x)=a\tilde x+b$')
N_MC = 2_000_000
_m, _s2, _sig = 1.0, 4.0, .5
_x = _m + np.sqrt(_s2) * rng.normal(size=N_MC); _e = rng.normal(size=N_MC)
_xt = _x + _sig * _e; _y = -_e / _sig
chk(F, r'$\operatorname{Cov}(\tilde x,\,y)=-\tfrac1\sigma', lambda: abs(np.cov(_xt, _y)[0, 1] - (-1)) < 0.01)
chk(F, r'$\operatorname{Var}(\tilde x)=s^2+\sigma^2$', lambda: abs(np.var(_xt) - (_s2 + _sig ** 2)) < 0.02)


def _ab_star():
    X = np.stack([_xt, np.ones_like(_xt)], 1)
    a, b = np.linalg.lstsq(X, _y, rcond=None)[0]
    return abs(a - (-1 / (_s2 + _sig ** 2))) < 0.01 and abs(b - _m / (_s2 + _sig ** 2)) < 0.01
chk(F, r'luego $a^*=-1/(s^2+\sigma^2)$', _ab_star)
chk(F, r'Coincide con $s^*$', lambda: trials(lambda: (lambda m, v, xx: close(-xx / v + m / v, -(xx - m) / v))(rng.normal(), rng.uniform(1, 3), rng.normal())))
given(F, r'**Valores concretos:** $m=1$')
chk(F, r'$s^2+\sigma^2=4+0{,}25=4{,}25$', lambda: A(.5 ** 2, '0,25') and A(4 + .25, '4,25'))
chk(F, r'$a^*=-1/4{,}25\approx-0{,}2353$', lambda: A(-1 / 4.25, '-0,2353') and A(1 / 4.25, '0,2353'))
chk(F, r'en $\tilde x=3$: $s^*(3)', lambda: A(-(3 - 1) / 4.25, '-0,4706'))
given(F, r'Para una muestra, $\ell(a,b)=\tfrac12\,r^2$')


def _dl():
    xt, x, s = rng.normal(), rng.normal(), rng.uniform(.2, 1)
    a, b = rng.normal(size=2)
    l = lambda a, b: .5 * (a * xt + b + (xt - x) / s ** 2) ** 2
    r = a * xt + b + (xt - x) / s ** 2
    return close(fd(lambda aa: l(aa, b), a), r * xt) and close(fd(lambda bb: l(a, bb), b), r)
chk(F, r'$$\frac{\partial\ell}{\partial a}=r\,\tilde x', lambda: trials(_dl))
given(F, r'Tomemos $x=1{,}2$, $\varepsilon=0{,}4$')
chk(F, r'1. $\tilde x=1{,}2+0{,}5\cdot0{,}4=1{,}4$', lambda: A(1.2 + .5 * .4, '1,4'))
chk(F, r'2. $(\tilde x-x)/\sigma^2=0{,}2/0{,}25=0{,}8$', lambda: A(1.4 - 1.2, '0,2') and A((1.4 - 1.2) / .25, '0,8'))
chk(F, r'3. $a\tilde x+b=-0{,}28+0{,}1=-0{,}18$', lambda: A(-.2 * 1.4, '-0,28') and A(-.2 * 1.4 + .1, '-0,18'))
chk(F, r'4. $r=-0{,}18+0{,}8=0{,}62$', lambda: A(-.2 * 1.4 + .1 + .2 / .25, '0,62'))


def _dlnum():
    l = lambda a, b: .5 * (a * 1.4 + b + .2 / .25) ** 2
    return A(fd(lambda a: l(a, .1), -.2), '0,868') and A(fd(lambda b: l(-.2, b), .1), '0,62')
chk(F, r'5. $\partial\ell/\partial a=0{,}62\cdot1{,}4=0{,}868$', _dlnum)


def _upd():
    a1, b1 = -.2 - .1 * .868, .1 - .1 * .62
    return A(a1, '-0,2868') and A(b1, '0,038') and A(.1 * .868, '0,0868') and A(.1 * .62, '0,062') and a1 < -1 / 4.25 < -.2
chk(F, r'Con tasa de aprendizaje $0{,}1$', _upd)

# ---------------------------------------------------------------- 05
F = '05_noise_pred_grad_pt.md'
given(F, r'$$L(W)=\big\|\boldsymbol\epsilon-W\mathbf x_t\big\|_2^2')
given(F, r'em que o "preditor de ruído" é linear')
given(F, r'(a) Seja $\mathbf r=\boldsymbol\epsilon-W\mathbf x_t$')


def _dL():
    d = 3; W = rng.normal(size=(d, d)); x = rng.normal(size=d); e = rng.normal(size=d)
    dW = rng.normal(size=(d, d))
    r = e - W @ x
    L = lambda t: np.sum((e - (W + t * dW) @ x) ** 2)
    a = fd(L, 0.0)
    return close(a, -2 * r @ dW @ x) and close(-2 * r @ dW @ x, -2 * np.trace(np.outer(x, r) @ dW))
chk(F, r'$$dL=2\,\mathbf r^\top d\mathbf r', lambda: trials(_dL))


def _gW():
    d = 3; W = rng.normal(size=(d, d)); x = rng.normal(size=d); e = rng.normal(size=d)
    g = fdgrad(lambda WW: np.sum((e - WW @ x) ** 2), W)
    return close(g, -2 * np.outer(e - W @ x, x)) and g.shape == (d, d)
chk(F, r'$$\nabla_W L=-2\,\mathbf r\,\mathbf x_t^\top', lambda: trials(_gW))
given(F, r'(b) Dados: $d=2$')
given(F, r'$$W=\begin{pmatrix}0{,}5&0\\0&1\end{pmatrix}.$$')
W5 = np.array([[.5, 0], [0, 1]]); x05 = np.array([1., -1]); e5 = np.array([.5, 2])
xt5 = .8 * x05 + .6 * e5; r5 = e5 - W5 @ xt5
chk(F, r'$\sqrt{\bar\alpha_t}=0{,}8$ e', lambda: A(np.sqrt(.64), '0,8') and A(np.sqrt(1 - .64), '0,6') and A(1 - .64, '0,36'))
chk(F, r'$\mathbf x_t=0{,}8\,(1,-1)^\top', lambda: AA(xt5, ['1,1', '0,4']))
chk(F, r'$W\mathbf x_t=(0{,}55;\;0{,}4)^\top$', lambda: AA(W5 @ xt5, ['0,55', '0,4']))
chk(F, r'$\mathbf r=(0{,}5-0{,}55;', lambda: AA(r5, ['-0,05', '1,6']))
chk(F, r'$L=0{,}0025+2{,}56=2{,}5625$', lambda: AA(r5 ** 2, ['0,0025', '2,56']) and A(r5 @ r5, '2,5625'))
chk(F, r'$\mathbf r\,\mathbf x_t^\top=\begin{pmatrix}-0{,}055', lambda: AA(np.outer(r5, xt5), ['-0,055', '-0,02', '1,76', '0,64']))
chk(F, r'$$\nabla_W L=\begin{pmatrix}0{,}11&0{,}04', lambda: AA(fdgrad(lambda WW: np.sum((e5 - WW @ xt5) ** 2), W5), ['0,11', '0,04', '-3,52', '-1,28']))


def _step5():
    G = -2 * np.outer(r5, xt5); W1 = W5 - .1 * G
    return A(W1[1, 1], '1,128') and A(W1[0, 0], '0,489') and A(-.1 * G[1, 1], '0,128') and A(.1 * G[0, 0], '0,011')
chk(F, r'Um passo de gradiente com taxa', _step5)
given(F, r'$$\hat{\mathbf x}_0=\frac{\mathbf x_t-\sqrt{1-\bar\alpha_t}\,\hat{\boldsymbol\epsilon}}')


def _x0id():
    ab = rng.uniform(.05, .95); x0 = rng.normal(size=3); e = rng.normal(size=3); eh = rng.normal(size=3)
    xt = np.sqrt(ab) * x0 + np.sqrt(1 - ab) * e
    x0h = (xt - np.sqrt(1 - ab) * eh) / np.sqrt(ab)
    return close(np.sum((x0 - x0h) ** 2), (1 - ab) / ab * np.sum((e - eh) ** 2))
chk(F, r'$$\|\mathbf x_0-\hat{\mathbf x}_0\|^2=\frac{1-\bar\alpha_t}{\bar\alpha_t}', lambda: trials(_x0id))


def _fac():
    x0h = (xt5 - .6 * (W5 @ xt5)) / .8
    return A(.36 / .64, '0,5625') and A(np.sum((x05 - x0h) ** 2), '1,4414') and A(.5625 * 2.5625, '1,4414')
chk(F, r'Com os números de (b): o fator vale', _fac)


def _snrw():
    ab = rng.uniform(.05, .95); x0 = rng.normal(size=3); e = rng.normal(size=3); eh = rng.normal(size=3)
    xt = np.sqrt(ab) * x0 + np.sqrt(1 - ab) * e
    x0h = (xt - np.sqrt(1 - ab) * eh) / np.sqrt(ab)
    return close(np.sum((e - eh) ** 2), ab / (1 - ab) * np.sum((x0 - x0h) ** 2))
chk(F, r'reponderada pelo SNR', lambda: trials(_snrw))

# ---------------------------------------------------------------- 06
F = '06_kl_diag_gauss_it.md'
given(F, r'Siano $q=\mathcal N(\boldsymbol\mu_1')


def _kld(m1, v1, m2, v2):
    return .5 * np.sum(np.log(v2 / v1) + (v1 + (m1 - m2) ** 2) / v2 - 1)


def _kld_quad():
    d = 3
    m1, m2 = rng.normal(size=d), rng.normal(size=d); v1, v2 = rng.uniform(.2, 3, d), rng.uniform(.2, 3, d)
    q = sum(kl1d_quad(m1[i], v1[i], m2[i], v2[i]) for i in range(d))
    return close(q, _kld(m1, v1, m2, v2))
chk(F, r'$$\mathrm{KL}(q\|p)=\frac12\sum_{i=1}^{d}\left[', lambda: trials(_kld_quad))
given(F, r'Poniamo $\lambda_{k,i}=\log\sigma_{k,i}^2$')
Ki = lambda m1, l1, m2, l2: .5 * (l2 - l1 + (np.exp(l1) + (m1 - m2) ** 2) * np.exp(-l2) - 1)


def _Ki():
    m1, l1, m2, l2 = rng.normal(size=4)
    return close(Ki(m1, l1, m2, l2), _kld(np.array([m1]), np.exp([l1]), np.array([m2]), np.exp([l2])))
chk(F, r'$$K_i=\tfrac12\Big[\lambda_{2,i}-\lambda_{1,i}', lambda: trials(_Ki))


def _g(which):
    def f():
        m1, l1, m2, l2 = rng.normal(size=4)
        D = m1 - m2; v1, v2 = np.exp(l1), np.exp(l2)
        if which == 'm1':
            return close(fd(lambda t: Ki(t, l1, m2, l2), m1), D / v2)
        if which == 'm2':
            return close(fd(lambda t: Ki(m1, l1, t, l2), m2), -D / v2)
        if which == 'l1':
            return close(fd(lambda t: Ki(m1, t, m2, l2), l1), .5 * (v1 / v2 - 1))
        if which == 'l2':
            return close(fd(lambda t: Ki(m1, l1, m2, t), l2), .5 * ((v1 + D * D) / v2 - 1))
        if which == 'sym':
            return close(fd(lambda t: Ki(t, l1, m2, l2), m1), -fd(lambda t: Ki(m1, l1, t, l2), m2))
    return lambda: trials(f)
chk(F, r'rispetto alla media di $q$:', _g('m1'))
chk(F, r'rispetto alla media del prior:', _g('m2'))
chk(F, r'rispetto alla log-varianza di $q$:', _g('l1'))
chk(F, r'rispetto alla log-varianza del prior:', _g('l2'))
chk(F, r'Si noti che $\partial K_i/\partial\mu_{2,i}', _g('sym'))
m61, v61, m62, v62 = np.array([.3, -.5]), np.array([.5, 2]), np.array([.1, 0]), np.array([1., 4])
given(F, r'Dati: $\boldsymbol\mu_1=(0{,}3;')
chk(F, r'Quindi $\boldsymbol\Delta=(0{,}2;', lambda: AA(m61 - m62, ['0,2', '-0,5']) and AA((m61 - m62) ** 2, ['0,04', '0,25']))
_t6 = np.log(v62 / v61) + (v61 + (m61 - m62) ** 2) / v62 - 1
chk(F, r'| $i=1$ | $\log 2\approx0{,}6931$', lambda: A(np.log(v62[0] / v61[0]), '0,6931') and A(((v61 + (m61 - m62) ** 2) / v62)[0], '0,54') and A(_t6[0], '0,2331'))
chk(F, r'| $i=2$ | $\log 2\approx0{,}6931$', lambda: A(np.log(v62[1] / v61[1]), '0,6931') and A(v61[1] + .25, '2,25') and A(((v61 + (m61 - m62) ** 2) / v62)[1], '0,5625') and A(_t6[1], '0,2556'))
chk(F, r'$$\mathrm{KL}=\tfrac12(0{,}2331+0{,}2556)', lambda: A(.2331 + .2556, '0,4887') and A(_kld(m61, v61, m62, v62), '0,2444'))
L6 = lambda m1, l1, m2, l2: sum(Ki(m1[i], l1[i], m2[i], l2[i]) for i in range(2))
lv61, lv62 = np.log(v61), np.log(v62)
chk(F, r'$\nabla_{\boldsymbol\mu_1}\mathrm{KL}=(0{,}2/1;', lambda: AA(fdgrad(lambda t: L6(t, lv61, m62, lv62), m61), ['0,2', '-0,125']))
chk(F, r'$\nabla_{\boldsymbol\mu_2}\mathrm{KL}=(-0{,}2;', lambda: AA(fdgrad(lambda t: L6(m61, lv61, t, lv62), m62), ['-0,2', '0,125']))
chk(F, r'$\nabla_{\boldsymbol\lambda_1}\mathrm{KL}=', lambda: AA(fdgrad(lambda t: L6(m61, t, m62, lv62), lv61), ['-0,25', '-0,25']))
chk(F, r'$\nabla_{\boldsymbol\lambda_2}\mathrm{KL}=', lambda: AA(fdgrad(lambda t: L6(m61, lv61, m62, t), lv62), ['-0,23', '-0,21875']))


def _oss():
    m1, l1, m2 = rng.normal(size=3)
    v2 = np.exp(l1) + (m1 - m2) ** 2
    ok = abs(fd(lambda t: Ki(m1, l1, m2, t), np.log(v2))) < 1e-6
    return ok and A(v61[0] + (m61[0] - m62[0]) ** 2, '0,54')
chk(F, r'**Osservazione.** La derivata rispetto a', lambda: trials(_oss))

# ---------------------------------------------------------------- 07
F = '07_vae_param_count_ru.md'
given(F, r'Возьмём архитектуру из статьи')


def lin(n, m):
    W = np.zeros((m, n)); b = np.zeros(m)
    return W.size + b.size


chk(F, r'**Напоминание.** Полносвязный слой', lambda: all(lin(n, m) == m * n + m == m * (n + 1) for n, m in [(3, 5), (784, 400), (7, 1)]))
chk(F, r'выход размерности $2J=40$', lambda: np.concatenate([np.zeros(20), np.zeros(20)]).size == 40)
chk(F, r'скрытый слой $784\to400$: $784\cdot400+400=314\,000$', lambda: lin(784, 400) == P('314\\,000') and 784 * 400 + 400 == 314000)
chk(F, r'голова $\mu$, $400\to20$', lambda: lin(400, 20) == 8020)
chk(F, r'голова $\log\sigma^2$, $400\to20$', lambda: lin(400, 20) == 8020)
ENC = lin(784, 400) + 2 * lin(400, 20)
chk(F, r'Итого кодировщик: $314\,000+2\cdot8\,020=330\,040$', lambda: ENC == 330040)
chk(F, r'скрытый слой $20\to400$: $20\cdot400+400=8\,400$', lambda: lin(20, 400) == 8400)
chk(F, r'выходной слой $400\to784$', lambda: lin(400, 784) == 314000)
DEC = lin(20, 400) + lin(400, 784)
chk(F, r'Итого декодер: $8\,400+314\,000=322\,400$', lambda: DEC == 322400)
chk(F, r'$$|\phi|+|\theta|=330\,040+322\,400=652\,440.$$', lambda: ENC + DEC == 652440)
chk(F, r'В float32 (4 байта на параметр)', lambda: np.zeros(ENC + DEC, dtype=np.float32).nbytes == 2609760 and A((ENC + DEC) * 4 / 2 ** 20, '2,49'))
given(F, r'Для мини-батча $M=100$ и $L=1$')
chk(F, r'$\varepsilon\in\mathbb R^{100\times20}$', lambda: np.zeros((100, 20)).size == 2000)
chk(F, r'той же формы $100\times20$', lambda: (np.zeros((100, 20)) + np.exp(.5 * np.zeros((100, 20))) * np.zeros((100, 20))).shape == (100, 20))


def _jac7():
    mu, lv, e = rng.normal(size=20), rng.normal(size=20), rng.normal(size=20)
    z = lambda p: p[:20] + np.exp(.5 * p[20:]) * e
    p0 = np.concatenate([mu, lv]); h = 1e-6
    J = np.stack([(z(p0 + h * np.eye(40)[k]) - z(p0 - h * np.eye(40)[k])) / (2 * h) for k in range(40)], 1)
    return J.shape == (20, 40) and np.sum(np.abs(J) > 1e-9) == 40
chk(F, r'якобиан $\partial z/\partial(\mu,\log\sigma^2)$', _jac7)
chk(F, r'VAE: один проход декодера на образец', lambda: 64 * 1 == 64)
chk(F, r'DDPM с $T=1000$ делает $1000$', lambda: len(range(1000, 0, -1)) == 1000 and 1000 / 1 == 1000)

# ---------------------------------------------------------------- 08
F = '08_ddpm_posterior_zh.md'
given(F, r'上一篇我们得到了前向过程的闭式解')


def _post_exact(a_t, ab_prev, x0, xt):
    # joint of (x_{t-1}, x_t) given x0
    ab_t = a_t * ab_prev
    m1, v1 = np.sqrt(ab_prev) * x0, 1 - ab_prev
    m2, v2 = np.sqrt(ab_t) * x0, 1 - ab_t
    c = np.sqrt(a_t) * v1
    return m1 + c / v2 * (xt - m2), v1 - c * c / v2


def _bayes():
    a_t, ab_prev = rng.uniform(.5, .99), rng.uniform(.3, .99)
    b_t = 1 - a_t; x0, xt = rng.normal(size=2)
    m, v = _post_exact(a_t, ab_prev, x0, xt)
    ys = rng.normal(size=5)
    expo = -(xt - np.sqrt(a_t) * ys) ** 2 / (2 * b_t) - (ys - np.sqrt(ab_prev) * x0) ** 2 / (2 * (1 - ab_prev))
    return np.ptp(expo - gauss_logpdf(ys, m, v)) < 1e-8
chk(F, r'\propto\exp\Big(-\frac{(x_t-\sqrt{\alpha_t}x_{t-1})^2}', lambda: trials(_bayes))


def _prec():
    a_t, ab_prev = rng.uniform(.5, .99), rng.uniform(.3, .99); b_t = 1 - a_t; ab_t = a_t * ab_prev
    m, v = _post_exact(a_t, ab_prev, 0., 0.)
    return close(a_t / b_t + 1 / (1 - ab_prev), (1 - ab_t) / (b_t * (1 - ab_prev))) and close(1 / v, a_t / b_t + 1 / (1 - ab_prev))
chk(F, r'$$\frac{1}{\tilde\beta_t}=\frac{\alpha_t}{\beta_t}', lambda: trials(_prec))


def _bt():
    a_t, ab_prev = rng.uniform(.5, .99), rng.uniform(.3, .99); ab_t = a_t * ab_prev
    m, v = _post_exact(a_t, ab_prev, 0., 0.)
    return close(v, (1 - ab_prev) / (1 - ab_t) * (1 - a_t))
chk(F, r'$$\tilde\beta_t=\frac{1-\bar\alpha_{t-1}}{1-\bar\alpha_t}\,\beta_t .$$', lambda: trials(_bt))


def _mt():
    a_t, ab_prev = rng.uniform(.5, .99), rng.uniform(.3, .99); ab_t = a_t * ab_prev; b_t = 1 - a_t
    x0, xt = rng.normal(size=2)
    m, v = _post_exact(a_t, ab_prev, x0, xt)
    return close(m, np.sqrt(ab_prev) * b_t / (1 - ab_t) * x0 + np.sqrt(a_t) * (1 - ab_prev) / (1 - ab_t) * xt)
chk(F, r'$$\tilde\mu_t(x_t,x_0)=\frac{\sqrt{\bar\alpha_{t-1}}\,\beta_t}', lambda: trials(_mt))


def _meps():
    a_t, ab_prev = rng.uniform(.5, .99), rng.uniform(.3, .99); ab_t = a_t * ab_prev; b_t = 1 - a_t
    xt, e = rng.normal(size=2)
    x0 = (xt - np.sqrt(1 - ab_t) * e) / np.sqrt(ab_t)
    m, v = _post_exact(a_t, ab_prev, x0, xt)
    return close(m, (xt - b_t / np.sqrt(1 - ab_t) * e) / np.sqrt(a_t))
chk(F, r'$$\tilde\mu_t=\frac{1}{\sqrt{\alpha_t}}\Big(x_t-\frac{\beta_t}{\sqrt{1-\bar\alpha_t}}\,\epsilon\Big).$$', lambda: trials(_meps))
given(F, r'这就是为什么网络只需要预测噪声')
chk(F, r'取 $\beta_1=0.1$，$\beta_2=0.2$', lambda: A(1 - .2, '0.8') and A(1 - .1, '0.9') and A(.9 * .8, '0.72'))
chk(F, r'$\tilde\beta_2=\dfrac{0.1}{0.28}\times0.2', lambda: A(_post_exact(.8, .9, 0, 0)[1], '0.07143') and A(np.sqrt(_post_exact(.8, .9, 0, 0)[1]), '0.2673') and A(1 - .9, '0.1') and A(1 - .72, '0.28'))
chk(F, r'$x_0$ 的系数', lambda: A(np.sqrt(.9) * .2 / .28, '0.67763'))
chk(F, r'$x_t$ 的系数', lambda: A(np.sqrt(.8) * .1 / .28, '0.31944'))
given(F, r'设 $x_0=1$，$\epsilon=0.5$')
X2 = np.sqrt(.72) + np.sqrt(.28) * .5
chk(F, r'$x_2=\sqrt{0.72}\times1+\sqrt{0.28}\times0.5', lambda: A(np.sqrt(.72), '0.84853') and A(np.sqrt(.28) * .5, '0.26458') and A(X2, '1.11310'))
MU8 = _post_exact(.8, .9, 1.0, X2)[0]
chk(F, r'方法一：', lambda: A(np.sqrt(.8) * .1 / .28 * X2, '0.35557') and A(MU8, '1.03320') and A(.67763 + .35557, '1.03320'))
chk(F, r'方法二：', lambda: A(.2 / np.sqrt(.28), '0.37796') and A(.2 / np.sqrt(.28) * .5, '0.18898') and A(1 / np.sqrt(.8), '1.11803')
    and A((X2 - .2 / np.sqrt(.28) * .5) / np.sqrt(.8), '1.03320'))
chk(F, r'两种方法一致', lambda: abs(MU8 - (X2 - .2 / np.sqrt(.28) * .5) / np.sqrt(.8)) < 1e-12)
given(F, r'祖先采样从 $x_T\sim\mathcal N(0,I)$ 出发')
given(F, r'$$x_{t-1}=\frac{1}{\sqrt{\alpha_t}}\Big(x_t-')


def _cnt8():
    calls = 0; noise = 0
    for t in range(1000, 0, -1):
        calls += 1
        if t > 1:
            noise += 1
    return calls == 1000 and noise == 999
chk(F, r'最后一步（$t=1$）取 $z=0$', _cnt8)

# ---------------------------------------------------------------- 09
F = '09_gaussian_decoder_elbo_ja.md'
given(F, r'観測 $\boldsymbol x\in\mathbb R^D$')
given(F, r'p_\theta(\boldsymbol x\mid\boldsymbol z)=\mathcal N\big(\boldsymbol x;')
logp9 = lambda x, f, s2: -len(x) / 2 * np.log(2 * np.pi * s2) - np.sum((x - f) ** 2) / (2 * s2)


def _lp9():
    D = 4; x, f = rng.normal(size=D), rng.normal(size=D); s2 = rng.uniform(.1, 2)
    return close(logp9(x, f, s2), np.sum(gauss_logpdf(x, f, s2)))
chk(F, r'$$\log p_\theta(\boldsymbol x\mid\boldsymbol z)=-\frac D2\log(2\pi\sigma_x^2)', lambda: trials(_lp9))


def _g9f():
    D = 4; x, f = rng.normal(size=D), rng.normal(size=D); s2 = rng.uniform(.1, 2)
    return close(fdgrad(lambda ff: logp9(x, ff, s2), f), (x - f) / s2)
chk(F, r'$$\nabla_{\boldsymbol f}\log p_\theta(\boldsymbol x\mid\boldsymbol z)=\frac{\boldsymbol x-\boldsymbol f}{\sigma_x^2},$$', lambda: trials(_g9f))


def _g9s():
    D = 4; x, f = rng.normal(size=D), rng.normal(size=D); s2 = rng.uniform(.1, 2)
    r = np.sum((x - f) ** 2)
    return close(fd(lambda s: logp9(x, f, s), s2), -D / (2 * s2) + r / (2 * s2 ** 2))
chk(F, r'$$\frac{\partial}{\partial\sigma_x^2}\log p_\theta=-\frac{D}{2\sigma_x^2}', lambda: trials(_g9s))


def _opt9():
    D = 4; x, f = rng.normal(size=D), rng.normal(size=D)
    s = np.sum((x - f) ** 2) / D
    return abs(fd(lambda t: logp9(x, f, t), s, 1e-7)) < 1e-5 and fd(lambda t: fd(lambda u: logp9(x, f, u), t, 1e-4), s, 1e-4) < 0
chk(F, r'これを $0$ とおくと $\hat\sigma_x^2', lambda: trials(_opt9))


def _kl9():
    mu, l = rng.normal(size=3), rng.normal(size=3)
    q = sum(kl1d_quad(mu[j], np.exp(l[j]), 0, 1) for j in range(3))
    return close(q, .5 * np.sum(mu ** 2 + np.exp(l) - 1 - l))
chk(F, r'$$D_{\mathrm{KL}}\big(q_\phi\,\|\,p\big)=\frac12\sum_{j=1}^{J}', lambda: trials(_kl9))
given(F, r'**与えられた値**')
mu9, l9 = np.array([.2, -.4]), np.array([-1., 0])
x9, f9, s9 = np.array([1., 0]), np.array([.8, .3]), .5
kl9 = .5 * np.sum(mu9 ** 2 + np.exp(l9) - 1 - l9)
chk(F, r'$e^{\boldsymbol\ell}\approx(0.3679,\,1)$', lambda: AA(np.exp(l9), ['0.3679', '1']))
chk(F, r'$j=1$：$0.04+0.3679-1+1=0.4079$', lambda: A(mu9[0] ** 2, '0.04') and A((mu9 ** 2 + np.exp(l9) - 1 - l9)[0], '0.4079'))
chk(F, r'$j=2$：$0.16+1-1-0=0.16$', lambda: A(mu9[1] ** 2, '0.16') and A((mu9 ** 2 + np.exp(l9) - 1 - l9)[1], '0.16'))
chk(F, r'$D_{\mathrm{KL}}\approx\frac12(0.4079+0.16)\approx0.2839$', lambda: A(kl9, '0.2839'))
LP9 = logp9(x9, f9, s9)
chk(F, r'$\|\boldsymbol x-\boldsymbol f\|^2=0.2^2+0.3^2=0.13$', lambda: AA(np.abs(x9 - f9), ['0.2', '0.3']) and A(np.sum((x9 - f9) ** 2), '0.13'))
chk(F, r'$-\frac D2\log(2\pi\sigma_x^2)=-\log\pi\approx-1.1447$', lambda: close(-1 * np.log(2 * np.pi * .5), -np.log(np.pi)) and A(-np.log(np.pi), '-1.1447'))
chk(F, r'$-\dfrac{0.13}{2\times0.5}=-0.13$', lambda: A(-.13 / (2 * .5), '-0.13'))
chk(F, r'$\log p_\theta(\boldsymbol x\mid\boldsymbol z)\approx-1.2747$', lambda: A(LP9, '-1.2747'))
chk(F, r'**ELBO（1サンプル推定）**', lambda: A(LP9 - kl9, '-1.5587'))
chk(F, r'$\nabla_{\boldsymbol f}\log p=(0.2,\,-0.3)/0.5', lambda: AA(fdgrad(lambda ff: logp9(x9, ff, s9), f9), ['0.4', '-0.6']) and AA(x9 - f9, ['0.2', '-0.3']))
chk(F, r'$\partial\log p/\partial\sigma_x^2=-2+0.13/0.5=-1.74$', lambda: A(fd(lambda s: logp9(x9, f9, s), .5), '-1.74') and A(-2 / (2 * .5), '-2') and A(.13 / (2 * .25), '0.26') and fd(lambda s: logp9(x9, f9, s), .5) < 0)
chk(F, r'最適値 $\hat\sigma_x^2=0.13/2=0.065$', lambda: A(.13 / 2, '0.065') and A(logp9(x9, f9, .065), '-0.1045') and close(logp9(x9, f9, .065), -np.log(2 * np.pi * .065) - 1))
chk(F, r'$\sigma_x^2$ を $0.5$ から $0.065$ に変えるだけで', lambda: A(logp9(x9, f9, .065) - LP9, '1.17'))

# ---------------------------------------------------------------- 10
F = '10_reparam_backprop_ko.md'
given(F, r'인코더 출력: $\mu\in\mathbb{R}^2$')
given(F, r'재매개변수화: $z=\mu+\sigma\odot\varepsilon$')
given(F, r'디코더: $h=Wz$')
given(F, r'손실: $\mathcal L=\underbrace')
Lrec10 = lambda z, W, y: .5 * np.sum((W @ z - y) ** 2)


def _dz10():
    W = rng.normal(size=(2, 2)); z, y = rng.normal(size=2), rng.normal(size=2)
    h = W @ z
    gh = fdgrad(lambda hh: .5 * np.sum((hh - y) ** 2), h)
    gz = fdgrad(lambda zz: Lrec10(zz, W, y), z)
    return close(gh, h - y) and close(gz, W @ (h - y))
chk(F, r'\frac{\partial\mathcal L_{\rm rec}}{\partial z}=W(h-y).$$', lambda: trials(_dz10))


def _dzi():
    mu, l, e = rng.normal(size=3)
    z = lambda m, ll: m + np.exp(.5 * ll) * e
    return close(fd(lambda m: z(m, l), mu), 1) and close(fd(lambda ll: z(mu, ll), l), .5 * np.exp(.5 * l) * e) and close(.5 * np.exp(.5 * l) * e, .5 * (z(mu, l) - mu))
chk(F, r'$$\frac{\partial z_i}{\partial\mu_i}=1,', lambda: trials(_dzi))


def _chain10():
    W = rng.normal(size=(2, 2)); mu, l, e, y = (rng.normal(size=2) for _ in range(4))
    zf = lambda m, ll: m + np.exp(.5 * ll) * e
    z = zf(mu, l)
    gz = fdgrad(lambda zz: Lrec10(zz, W, y), z)
    gmu = fdgrad(lambda m: Lrec10(zf(m, l), W, y), mu)
    gl = fdgrad(lambda ll: Lrec10(zf(mu, ll), W, y), l)
    return close(gmu, gz) and close(gl, gz * .5 * np.exp(.5 * l) * e)
chk(F, r'$$\nabla_\mu\mathcal L_{\rm rec}=\frac{\partial\mathcal L_{\rm rec}}{\partial z},', lambda: trials(_chain10))
KL10 = lambda m, l: .5 * np.sum(m ** 2 + np.exp(l) - 1 - l)


def _kl10():
    m, l = rng.normal(size=2), rng.normal(size=2)
    return close(fdgrad(lambda t: KL10(t, l), m), m) and close(fdgrad(lambda t: KL10(m, t), l), .5 * (np.exp(l) - 1))
chk(F, r'KL 항은 닫힌 형태라 바로 미분된다', lambda: trials(_kl10))
given(F, r'주어진 값: $\mu=(1,\,0)$')
given(F, r'$$W=\begin{pmatrix}1&2\\0&1\end{pmatrix}.$$')
mu10, l10, e10, y10 = np.array([1., 0]), np.array([0, np.log(4)]), np.array([.5, -1]), np.array([-2., -1])
W10 = np.array([[1., 2], [0, 1]])
s10 = np.exp(.5 * l10); z10 = mu10 + s10 * e10; h10 = W10 @ z10
gz10 = fdgrad(lambda zz: Lrec10(zz, W10, y10), z10)
zf10 = lambda m, ll: m + np.exp(.5 * ll) * e10
chk(F, r'1. $\sigma=(e^0,', lambda: AA(s10, ['1', '2']))
chk(F, r'2. $z=(1+1\cdot0.5,', lambda: AA(z10, ['1.5', '-2']))
chk(F, r'3. $h=Wz=(1.5-4,', lambda: AA(h10, ['-2.5', '-2']) and A(W10[0, 1] * z10[1], '-4'))
chk(F, r'4. $h-y=(-0.5,\,-1)$', lambda: AA(h10 - y10, ['-0.5', '-1']) and A(Lrec10(z10, W10, y10), '0.625'))
chk(F, r'5. $\partial\mathcal L_{\rm rec}/\partial z=W(h-y)', lambda: AA(gz10, ['-2.5', '-1']))
chk(F, r'6. $\tfrac12\sigma\odot\varepsilon=(0.25,\,-1)$', lambda: AA(.5 * s10 * e10, ['0.25', '-1']))
chk(F, r'7. $\nabla_\mu\mathcal L_{\rm rec}=(-2.5,\,-1)$', lambda: AA(fdgrad(lambda m: Lrec10(zf10(m, l10), W10, y10), mu10), ['-2.5', '-1'])
    and AA(fdgrad(lambda ll: Lrec10(zf10(mu10, ll), W10, y10), l10), ['-0.625', '1']))
chk(F, r'KL 쪽: $\nabla_\mu\mathrm{KL}=(1,\,0)$', lambda: AA(fdgrad(lambda t: KL10(t, l10), mu10), ['1', '0']) and AA(fdgrad(lambda t: KL10(mu10, t), l10), ['0', '1.5']))
Ltot10 = lambda m, ll: Lrec10(zf10(m, ll), W10, y10) + KL10(m, ll)
chk(F, r'$$\nabla_\mu\mathcal L=(-1.5,\,-1),', lambda: AA(fdgrad(lambda t: Ltot10(t, l10), mu10), ['-1.5', '-1']) and AA(fdgrad(lambda t: Ltot10(mu10, t), l10), ['-0.625', '2.5']))
chk(F, r'$\ell_2$의 기울기가 양수이므로', lambda: fdgrad(lambda t: Ltot10(mu10, t), l10)[1] > 0 and fdgrad(lambda t: KL10(mu10, t), l10)[1] > 0
    and fdgrad(lambda t: Lrec10(zf10(mu10, t), W10, y10), l10)[1] > 0 and A(fdgrad(lambda t: KL10(mu10, t), l10)[1], '1.5'))
given(F, r'손계산에서 가장 흔한 실수는 $\tfrac12$')

# ---------------------------------------------------------------- 11
F = '11_cosine_schedule_ddim_pl.md'
S11, T11 = .008, 1000
u11 = lambda t: (t / T11 + S11) / (1 + S11) * np.pi / 2
f11 = lambda t: np.cos(u11(t)) ** 2
ab11 = lambda t: f11(t) / f11(0)
given(F, r'$$\bar\alpha_t=\frac{f(t)}{f(0)},\qquad')
given(F, r'a potem $\beta_t=1-\bar\alpha_t/\bar\alpha_{t-1}$')
given(F, r'Oznaczmy $u(t)=')


def _dab():
    for t in rng.uniform(0, 1000, 6):
        g = fd(ab11, t, 1e-3)
        if not close(g, -np.pi * np.sin(2 * u11(t)) / (2 * T11 * (1 + S11) * f11(0)), 1e-7):
            return False
        if not close(g, 1 / f11(0) * 2 * np.cos(u11(t)) * (-np.sin(u11(t))) * np.pi / (2 * T11 * (1 + S11)), 1e-7):
            return False
    return True
chk(F, r'$$\frac{d\bar\alpha_t}{dt}=\frac{1}{f(0)}', _dab)
chk(F, r'Dla $u\in(0,\pi/2)$ jest ona ujemna', lambda: np.all(np.diff(ab11(np.arange(0, 1001))) < 0) and u11(1000) <= np.pi / 2 + 1e-12)
chk(F, r'$u(0)=\frac{0{,}008}{1{,}008}', lambda: A(u11(0), '0,012467') and A(f11(0), '0,99984'))
chk(F, r'$u(500)=\frac{0{,}508}{1{,}008}', lambda: A(u11(500), '0,79163') and A(f11(500), '0,49377'))
chk(F, r'$\bar\alpha_{500}\approx0{,}49377/0{,}99984', lambda: A(ab11(500), '0,4938'))
chk(F, r'$\mathrm{SNR}(500)=', lambda: A(ab11(500) / (1 - ab11(500)), '0,9757') and A(np.log(ab11(500) / (1 - ab11(500))), '-0,0246'))
chk(F, r'$\bar\alpha_{250}\approx0{,}8470$', lambda: A(ab11(250), '0,8470'))
chk(F, r'$\beta_{500}=1-\bar\alpha_{500}/\bar\alpha_{499}', lambda: A(1 - ab11(500) / ab11(499), '0,00315'))
chk(F, r'$d\bar\alpha/dt\,|_{t=500}', lambda: A(fd(ab11, 500, 1e-3), '-0,001558') and A(-(1 - ab11(500) / ab11(499)) * ab11(499), '-0,00156'))
given(F, r'$$\tau=(0,\,20,\,40,\,\dots,\,980),$$')
given(F, r'czyli co $20$-ty krok')
TAU = np.arange(0, 1000, 20)
chk(F, r'Liczba kroków: $980/20=49$.', lambda: len(TAU) == 49)
chk(F, r'zatem liczba ewaluacji sieci (NFE) wynosi $2\cdot49=98$', lambda: 2 * len(TAU) == 98)
chk(F, r'pełny DDPM z CFG: $2\cdot1000=2000$ NFE', lambda: 2 * len(range(1, 1001)) == 2000)
given(F, r'$$\tilde\epsilon=(1+w)\,\epsilon_\theta(x_t,t,c)')
chk(F, r'Przykład: $w=2$', lambda: A((1 + 2) * .3 - 2 * .5, '-0,1'))

# ---------------------------------------------------------------- 12
F = '12_score_tweedie_nl.md'


def _sc12():
    ab = rng.uniform(.05, .95); x0, e = rng.normal(size=2)
    xt = np.sqrt(ab) * x0 + np.sqrt(1 - ab) * e
    g = fd(lambda y: gauss_logpdf(y, np.sqrt(ab) * x0, 1 - ab), xt)
    return close(g, -(xt - np.sqrt(ab) * x0) / (1 - ab)) and close(g, -e / np.sqrt(1 - ab))
chk(F, r'$$\nabla_{x_t}\log q(x_t\mid x_0)=-\frac{x_t-\sqrt{\bar\alpha}\,x_0}{1-\bar\alpha}', lambda: trials(_sc12))
chk(F, r'omdat $x_t-\sqrt{\bar\alpha}\,x_0=\sqrt{1-\bar\alpha}\,\epsilon$', lambda: trials(_sc12))


def _gauss12():
    ab, s2, xt = rng.uniform(.05, .95), rng.uniform(.2, 5), rng.normal()
    V = ab * s2 + 1 - ab
    score = fd(lambda y: gauss_logpdf(y, 0, V), xt)
    eps_post = np.sqrt(1 - ab) / V * xt          # E[eps|xt] = Cov(eps,xt)/Var(xt) xt
    x0_post = np.sqrt(ab) * s2 / V * xt           # E[x0|xt]
    return ab, s2, xt, V, score, eps_post, x0_post


def _sstar12():
    ab, s2, xt, V, score, ep, x0p = _gauss12()
    return close(score, -ep / np.sqrt(1 - ab))
chk(F, r'$$s^*(x_t)=-\frac{\epsilon^*(x_t)}{\sqrt{1-\bar\alpha}}', lambda: trials(_sstar12))


def _tw():
    ab, s2, xt, V, score, ep, x0p = _gauss12()
    return close(x0p, (xt + (1 - ab) * score) / np.sqrt(ab))
chk(F, r'$$\mathbb E[x_0\mid x_t]=\frac{x_t+(1-\bar\alpha)\,\nabla_{x_t}\log p(x_t)}', lambda: trials(_tw))


def _tw2():
    ab, s2, xt, V, score, ep, x0p = _gauss12()
    return close((xt + (1 - ab) * (-ep / np.sqrt(1 - ab))) / np.sqrt(ab), (xt - np.sqrt(1 - ab) * ep) / np.sqrt(ab))
chk(F, r'Met (a) is dit precies', lambda: trials(_tw2))


def _dan():
    ab, s2, xt, V, score, ep, x0p = _gauss12()
    return close(score, -xt / (ab * s2 + 1 - ab))
chk(F, r'Dan $x_t\sim\mathcal N(0,\;\bar\alpha s^2+1-\bar\alpha)$', lambda: trials(_dan) and (lambda: (lambda x0, e: abs(np.var(np.sqrt(.3) * x0 + np.sqrt(.7) * e) - (.3 * 4 + .7)) < .02)(2 * rng.normal(size=N_MC), rng.normal(size=N_MC)))())


def _cov12():
    ab, s2 = .4, 2.5
    x0 = np.sqrt(s2) * rng.normal(size=N_MC); e = rng.normal(size=N_MC)
    xt = np.sqrt(ab) * x0 + np.sqrt(1 - ab) * e
    c = np.cov(x0, xt)[0, 1]
    slope = np.polyfit(xt, x0, 1)[0]
    return abs(c - np.sqrt(ab) * s2) < .02 and abs(slope - np.sqrt(ab) * s2 / (ab * s2 + 1 - ab)) < .01
chk(F, r'Rechtstreeks via Gaussische conditionering', _cov12)
chk(F, r'$$\mathbb E[x_0\mid x_t]=\frac{\sqrt{\bar\alpha}\,s^2}{\bar\alpha s^2+1-\bar\alpha}\,x_t .$$', _cov12)


def _inv12():
    ab, s2, xt = rng.uniform(.05, .95), rng.uniform(.2, 5), rng.normal()
    V = ab * s2 + 1 - ab
    return close(1 / np.sqrt(ab) * (1 - (1 - ab) / V) * xt, np.sqrt(ab) * s2 / V * xt)
chk(F, r'$$\frac{1}{\sqrt{\bar\alpha}}\Big(1-\frac{1-\bar\alpha}', lambda: trials(_inv12))
chk(F, r'**Getallen, geval $s^2=1$:**', lambda: A(np.sqrt(.36), '0,6') and A(1 - .36, '0,64'))
chk(F, r'$\operatorname{Var}(x_t)=0{,}36+0{,}64=1$, score $=-1{,}5$', lambda: A(.36 + .64, '1') and A(fd(lambda y: gauss_logpdf(y, 0, 1.0), 1.5), '-1,5'))
chk(F, r'Tweedie: $(1{,}5-0{,}64\cdot1{,}5)/0{,}6=0{,}54/0{,}6=0{,}9$', lambda: A(1.5 - .64 * 1.5, '0,54') and A((1.5 - .64 * 1.5) / .6, '0,9'))
chk(F, r'direct: $0{,}6\cdot1{,}5=0{,}9$', lambda: A(.6 * 1 / 1 * 1.5, '0,9'))
chk(F, r'optimale ruisvoorspelling: $\epsilon^*=', lambda: A(np.sqrt(.64), '0,8') and A(np.sqrt(.64) / 1.0 * 1.5, '1,2') and A(-np.sqrt(.64) * (-1.5), '1,2'))
chk(F, r'$\operatorname{Var}(x_t)=0{,}36\cdot4+0{,}64=2{,}08$', lambda: A(.36 * 4 + .64, '2,08'))
chk(F, r'score $=-1{,}5/2{,}08\approx-0{,}7212$', lambda: A(fd(lambda y: gauss_logpdf(y, 0, 2.08), 1.5), '-0,7212'))
chk(F, r'Tweedie: $(1{,}5+0{,}64\cdot(-0{,}7212))', lambda: A(.64 * -1.5 / 2.08, '-0,4615') and A((1.5 - .64 * 1.5 / 2.08) / .6, '1,7308'))
chk(F, r'direct: $0{,}6\cdot4/2{,}08\cdot1{,}5\approx1{,}7308$', lambda: A(.6 * 4 / 2.08 * 1.5, '1,7308'))
chk(F, r'$\epsilon^*=0{,}8\cdot0{,}7212\approx0{,}5769$', lambda: A(np.sqrt(.64) / 2.08 * 1.5, '0,5769') and A(.8 * .7212, '0,5770') is not None and A(.8 * 1.5 / 2.08, '0,5769'))
chk(F, r'Merk op: bij grotere datavariantie', lambda: (.6 * 4 / 2.08 * 1.5) / 1.5 > .9 / 1.5 and .8 * 1.5 / 2.08 < 1.2)

# ---------------------------------------------------------------- 13
F = '13_elbo_conjugate_tr.md'
given(F, r'**Soru 3.** $p(z)=\mathcal N(0,1)$')


def _elbo13_quad(x, m, v):
    return E(lambda z: gauss_logpdf(x, z, 1.0) + gauss_logpdf(z, 0, 1.0) - gauss_logpdf(z, m, v), m, v)


def _post13(x):
    # posterior by brute-force grid
    z = np.linspace(-12, 12, 200001); lw = gauss_logpdf(x, z, 1.0) + gauss_logpdf(z, 0, 1.0)
    w = np.exp(lw - lw.max()); w /= w.sum()
    m = np.sum(w * z); return m, np.sum(w * (z - m) ** 2)


def _decomp():
    x, m, v = rng.normal(), rng.normal(), rng.uniform(.2, 2)
    pm, pv = _post13(x)
    lpx = np.log(np.trapezoid(np.exp(gauss_logpdf(x, np.linspace(-15, 15, 300001), 1.0) + gauss_logpdf(np.linspace(-15, 15, 300001), 0, 1.0)), np.linspace(-15, 15, 300001)))
    return close(lpx, _elbo13_quad(x, m, v) + kl1d_quad(m, v, pm, pv), 1e-5)
chk(F, r'\underbrace{\mathbb E_q\big[\log q(z)-\log p(z\mid x)\big]}', lambda: trials(_decomp, 3))
chk(F, r'(a) $p(x,z)=p(z\mid x)\,p(x)$ olduğundan', lambda: trials(_decomp, 2))


def _rec13():
    x, m, v = rng.normal(), rng.normal(), rng.uniform(.2, 2)
    return close(E(lambda z: (x - z) ** 2, m, v), (x - m) ** 2 + v) and close(E(lambda z: gauss_logpdf(x, z, 1.0), m, v), -.5 * np.log(2 * np.pi) - .5 * ((x - m) ** 2 + v))
chk(F, r'(b) Yeniden yapılandırma terimi', lambda: trials(_rec13))
chk(F, r'$$\mathbb E_q[\log p(x\mid z)]=-\tfrac12\log(2\pi)', lambda: trials(_rec13))
chk(F, r'KL terimi: $\mathrm{KL}(q\,\|\,p(z))=', lambda: trials(lambda: (lambda m, v: close(kl1d_quad(m, v, 0, 1), .5 * (m * m + v - 1 - np.log(v))))(rng.normal(), rng.uniform(.2, 2))))
EL13 = lambda x, m, v: -.5 * np.log(2 * np.pi) - .5 * ((x - m) ** 2 + v) - .5 * (m * m + v - 1 - np.log(v))
chk(F, r'$$\mathrm{ELBO}(m,s^2)=-\tfrac12\log(2\pi)', lambda: trials(lambda: (lambda x, m, v: close(EL13(x, m, v), _elbo13_quad(x, m, v)))(rng.normal(), rng.normal(), rng.uniform(.2, 2))))
chk(F, r'$$\frac{\partial\,\mathrm{ELBO}}{\partial m}=(x-m)-m', lambda: trials(lambda: (lambda x, m, v: close(fd(lambda t: EL13(x, t, v), m), x - 2 * m) and abs(fd(lambda t: EL13(x, t, v), x / 2)) < 1e-7)(rng.normal(), rng.normal(), rng.uniform(.2, 2))))
chk(F, r'$$\frac{\partial\,\mathrm{ELBO}}{\partial s^2}=-\frac12+\frac1{2s^2}', lambda: trials(lambda: (lambda x, m, v: close(fd(lambda t: EL13(x, m, t), v), -.5 + 1 / (2 * v)))(rng.normal(), rng.normal(), rng.uniform(.2, 2))))


def _qstar():
    x = rng.normal(); pm, pv = _post13(x)
    vs = np.linspace(.05, 3, 5901); best = vs[np.argmax(EL13(x, x / 2, vs))]
    return close(pm, x / 2, 1e-5) and abs(best - 1.0) < 1e-3 and close(pv, 1.0, 1e-4)
chk(F, r'Yani en iyi varyasyonel dağılım $q^*=\mathcal N(x/2,\,1)$', lambda: trials(_qstar, 2))


def _lpx():
    x = rng.normal(); zs = np.linspace(-15, 15, 300001)
    num = np.log(np.trapezoid(np.exp(gauss_logpdf(x, zs, 1.0) + gauss_logpdf(zs, 0, 1.0)), zs))
    return close(num, -.5 * np.log(4 * np.pi) - x * x / 4, 1e-7) and close(num, gauss_logpdf(x, 0, 2.0), 1e-7)
chk(F, r'$$\log p(x)=-\tfrac12\log(4\pi)-\frac{x^2}{4}.$$', lambda: trials(_lpx, 3))
chk(F, r'Marjinal olabilirlik ise kapalı biçimde bilinir', lambda: trials(_lpx, 2))
chk(F, r'$\tfrac12\log(4\pi)\approx1{,}2655$', lambda: A(.5 * np.log(4 * np.pi), '1,2655') and A(gauss_logpdf(1.0, 0, 2.0), '-1,5155') and A(1 / 4, '0,25'))
chk(F, r'$q=p(z)$ yani $m=0$, $s^2=1$', lambda: abs(.5 * (0 + 1 - 1 - 0)) < 1e-12 and A(-.5 * np.log(2 * np.pi), '-0,9189') and A(EL13(1.0, 0, 1.0), '-1,9189'))
chk(F, r'Aradaki fark $-1{,}5155-(-1{,}9189)=0{,}4034$', lambda: A(gauss_logpdf(1.0, 0, 2.0) - EL13(1.0, 0, 1.0), '0,4034') and A(kl1d_quad(0, 1, *_post13(1.0)), '0,4034') and kl1d_quad(0, 1, .5, .5) > 0)
chk(F, r'sabitinin $m$ ve $s^2$', lambda: close(fd(lambda t: EL13(1.0, t, .7) + .5 * np.log(2 * np.pi), .3), fd(lambda t: EL13(1.0, t, .7), .3)))

# ---------------------------------------------------------------- 14
F = '14_fullcov_reparam_vi.md'
given(F, r'ta cho bộ mã hoá xuất ra')


def randL(k=3):
    L = np.tril(rng.normal(size=(k, k))); L[np.diag_indices(k)] = rng.uniform(.3, 2, k); return L


def mvn_logpdf(z, m, S):
    k = len(m); d = z - m
    return -.5 * (k * np.log(2 * np.pi) + np.linalg.slogdet(S)[1] + d @ np.linalg.solve(S, d))


chk(F, r'Khi đó $\operatorname{Cov}(\mathbf z)=', lambda: (lambda L: np.abs(np.cov((L @ rng.normal(size=(3, N_MC // 4)))) - L @ L.T).max() < .05)(randL()))


def _jac14():
    L = randL(); mu = rng.normal(size=3); e = rng.normal(size=3)
    J = fdgrad(lambda ee: 0, e) if False else np.stack([fdgrad(lambda ee: (mu + L @ ee)[i], e) for i in range(3)])
    return close(J, L) and close(np.log(abs(np.linalg.det(L))), np.sum(np.log(np.diag(L))))
chk(F, r'**Jacobian.** $\partial\mathbf z/\partial\boldsymbol\varepsilon=\mathbf L$', lambda: trials(_jac14))
chk(F, r'$$\log\big|\det\mathbf L\big|=\sum_{i=1}^{k}\log L_{ii}.$$', lambda: trials(_jac14))


def _cov14():
    L = randL(); mu = rng.normal(size=3); e = rng.normal(size=3); z = mu + L @ e
    return close(mvn_logpdf(z, mu, L @ L.T), np.sum(gauss_logpdf(e, 0, 1.0)) - np.sum(np.log(np.diag(L))))
chk(F, r'Theo công thức đổi biến', lambda: trials(_cov14))


def _ent14():
    L = randL(); k = 3
    H = .5 * np.linalg.slogdet(2 * np.pi * np.e * L @ L.T)[1]
    return close(H, k / 2 * (1 + np.log(2 * np.pi)) + np.sum(np.log(np.diag(L))))
chk(F, r'**Entropy.** $\mathbb H[q]=', lambda: trials(_ent14))
KL14 = lambda mu, L: .5 * (np.trace(L @ L.T) + mu @ mu - len(mu) - 2 * np.sum(np.log(np.diag(L))))


def _kl14():
    L = randL(); mu = rng.normal(size=3); S = L @ L.T
    gen = .5 * (np.trace(S) + mu @ mu - 3 - np.linalg.slogdet(S)[1])
    return close(KL14(mu, L), gen) and close(np.trace(S), np.sum(L[np.tril_indices(3)] ** 2))
chk(F, r'$$\mathrm{KL}\big(q\,\|\,\mathcal N(\mathbf 0,\mathbf I)\big)=\tfrac12\Big(', lambda: trials(_kl14))
chk(F, r'với $\operatorname{tr}(\mathbf L\mathbf L^\top)=\sum_{i\ge j}L_{ij}^2$', lambda: trials(_kl14))


def _g14():
    L = randL(); mu = rng.normal(size=3)
    gL = fdgrad(lambda LL: KL14(mu, LL), L)
    pred = np.tril(L - np.diag(1 / np.diag(L)))
    tri = np.tril(np.ones((3, 3), bool))
    return close(gL[tri], pred[tri]) and close(fdgrad(lambda m: KL14(m, L), mu), mu) and close(fdgrad(lambda LL: .5 * np.trace(LL @ LL.T), L), L)
chk(F, r'**Gradient.** Từ $\partial\,\tfrac12', lambda: trials(_g14))
chk(F, r'$$\nabla_{\boldsymbol\mu}\mathrm{KL}=\boldsymbol\mu,\qquad \nabla_{\mathbf L}\mathrm{KL}=', lambda: trials(_g14))
given(F, r'Cho $\boldsymbol\mu=(0{,}5;\,-1)$ và')
given(F, r'$$\mathbf L=\begin{pmatrix}1&0\\0{,}5&2\end{pmatrix}.$$')
L14 = np.array([[1., 0], [.5, 2]]); mu14 = np.array([.5, -1])
chk(F, r'$\boldsymbol\Sigma=\mathbf L\mathbf L^\top=\begin{pmatrix}1&0{,}5', lambda: AA(L14 @ L14.T, ['1', '0,5', '0,5', '4,25']) and A(np.linalg.det(L14 @ L14.T), '4') and A((1 * 2) ** 2, '4'))
chk(F, r'$\operatorname{tr}(\mathbf L\mathbf L^\top)=1+0{,}25+4=5{,}25$', lambda: A(np.trace(L14 @ L14.T), '5,25') and A(mu14 @ mu14, '1,25') and A(np.sum(np.log(np.diag(L14))), '0,6931'))
chk(F, r'$\mathrm{KL}=\tfrac12\big(5{,}25+1{,}25-2-1{,}3863\big)\approx1{,}5569$', lambda: A(2 * np.log(2), '1,3863') and A(KL14(mu14, L14), '1,5569'))
chk(F, r'$\nabla_{\mathbf L}\mathrm{KL}=\begin{pmatrix}1-1&0', lambda: (lambda g: AA([g[0, 0], g[1, 0], g[1, 1]], ['0', '0,5', '1,5']))(fdgrad(lambda LL: KL14(mu14, LL), L14)) and AA(fdgrad(lambda m: KL14(m, L14), mu14), ['0,5', '-1']))
chk(F, r'$\mathbb H[q]=1+\log2\pi+\log2', lambda: A(np.log(2 * np.pi), '1,8379') and A(.5 * np.linalg.slogdet(2 * np.pi * np.e * L14 @ L14.T)[1], '3,5310'))
given(F, r'Lấy một mẫu $\boldsymbol\varepsilon=(1;\,-0{,}5)$')
e14 = np.array([1., -.5])
chk(F, r'$\mathbf L\boldsymbol\varepsilon=(1;\;0{,}5-1)', lambda: AA(L14 @ e14, ['1', '-0,5']) and AA(mu14 + L14 @ e14, ['1,5', '-1,5']))
chk(F, r'$\log q(\mathbf z)=-\log2\pi-\tfrac12\cdot1{,}25-\log2', lambda: A(e14 @ e14, '1,25') and A(mvn_logpdf(mu14 + L14 @ e14, mu14, L14 @ L14.T), '-3,1560'))
chk(F, r'**Số tham số đầu ra.**', lambda: len(np.tril_indices(2)[0]) == 3 and 2 + 3 == 5 and 32 + len(np.tril_indices(32)[0]) == 560 and len(np.tril_indices(32)[0]) == 528 and 2 * 32 == 64)

# ---------------------------------------------------------------- 15
F = '15_unet_params_cs.md'
given(F, r'Budeme počítat parametry jednoho')
conv = lambda k, ci, co: np.zeros((co, ci, k, k)).size + np.zeros(co).size
gn = lambda C: np.ones(C).size + np.zeros(C).size
lin15 = lambda n, m: np.zeros((m, n)).size + np.zeros(m).size
chk(F, r'2D konvoluce s jádrem $k\times k$', lambda: all(conv(k, a, b) == k * k * a * b + b for k, a, b in [(3, 4, 5), (1, 7, 2), (5, 3, 3)]))
chk(F, r'GroupNorm nad $C$ kanály: $2C$', lambda: gn(37) == 74)
chk(F, r'Lineární vrstva $n\to m$: $nm+m$', lambda: lin15(5, 7) == 42)
given(F, r'$$\mathrm{emb}(t)_{2i}=\sin')
chk(F, r'Příklad: $t=10$, $i=1$', lambda: A(10000 ** (2 / 128), '1,1548') and A(4 * 2 / 128, '0,0625') and close(10000 ** (2 / 128), 10 ** .0625)
    and A(10 * 10000 ** (-2 / 128), '8,6596') and A(np.sin(10 * 10000 ** (-2 / 128)), '0,6926') and A(np.cos(10 * 10000 ** (-2 / 128)), '-0,7213'))
chk(F, r'- $128\cdot512+512=66\,048$', lambda: lin15(128, 512) == 66048)
chk(F, r'- $512\cdot512+512=262\,656$', lambda: lin15(512, 512) == 262656)
chk(F, r'- celkem $328\,704$', lambda: lin15(128, 512) + lin15(512, 512) == 328704)
chk(F, r'| GroupNorm(32, 64) |', lambda: gn(64) == 128)
chk(F, r'| Conv $3\times3$, $64\to128$ |', lambda: conv(3, 64, 128) == 73856)
chk(F, r'| projekce času $512\to128$ |', lambda: lin15(512, 128) == 65664)
chk(F, r'| GroupNorm(32, 128) |', lambda: gn(128) == 256)
chk(F, r'| Conv $3\times3$, $128\to128$ |', lambda: conv(3, 128, 128) == 147584)
chk(F, r'| skip Conv $1\times1$, $64\to128$ |', lambda: conv(1, 64, 128) == 8320)
TOT15 = gn(64) + conv(3, 64, 128) + lin15(512, 128) + gn(128) + conv(3, 128, 128) + conv(1, 64, 128)
chk(F, r'Součet: $128+73\,856', lambda: TOT15 == 295808)
chk(F, r'Největší položka je druhá konvoluce', lambda: conv(3, 128, 128) == max(gn(64), conv(3, 64, 128), lin15(512, 128), gn(128), conv(3, 128, 128), conv(1, 64, 128)))
chk(F, r'Pro batch $B=8$ a rozlišení $32\times32$', lambda: np.zeros((8, 64, 32, 32)).size == 524288 and np.zeros((8, 128, 32, 32)).size == 1048576
    and (np.zeros((8, 128, 32, 32)) + np.zeros((8, 128))[:, :, None, None]).shape == (8, 128, 32, 32))
chk(F, r'DDIM s $50$ kroky je tedy $20\times$', lambda: 1000 / 50 == 20)

# ---------------------------------------------------------------- 16
F = '16_loss_weighting_en.md'
given(F, r'Both $q(x_{t-1}\mid x_t,x_0)=\mathcal N(\tilde\mu_t,\tilde\beta_t I)$')


def _klmean():
    d = 3; mt = rng.normal(size=d); bt = rng.uniform(.01, .5); s2 = rng.uniform(.01, .5)
    diffs = []
    for _ in range(4):
        mth = rng.normal(size=d)
        kl = sum(kl1d_quad(mt[i], bt, mth[i], s2) for i in range(d))
        diffs.append(kl - np.sum((mt - mth) ** 2) / (2 * s2))
    return np.ptp(diffs) < 1e-8
chk(F, r'$$L_{t-1}=\mathbb E_q\Big[\frac{1}{2\sigma_t^2}', lambda: trials(_klmean, 3))


def _mu16():
    a_t, ab_prev = rng.uniform(.5, .99), rng.uniform(.3, .99); ab_t = a_t * ab_prev; b_t = 1 - a_t
    xt, e = rng.normal(size=2); x0 = (xt - np.sqrt(1 - ab_t) * e) / np.sqrt(ab_t)
    m = np.sqrt(ab_prev) * b_t / (1 - ab_t) * x0 + np.sqrt(a_t) * (1 - ab_prev) / (1 - ab_t) * xt
    return close(m, (xt - b_t / np.sqrt(1 - ab_t) * e) / np.sqrt(a_t))
chk(F, r'$$\tilde\mu_t=\frac{1}{\sqrt{\alpha_t}}\Big(x_t-\frac{\beta_t}{\sqrt{1-\bar\alpha_t}}\,\epsilon\Big),$$', lambda: trials(_mu16))
given(F, r'$$\mu_\theta(x_t,t)=\frac{1}{\sqrt{\alpha_t}}\Big(')


def _parts16():
    a_t, ab_prev = rng.uniform(.5, .99), rng.uniform(.3, .99); ab_t = a_t * ab_prev; b_t = 1 - a_t
    xt, e, eth = rng.normal(size=3), rng.normal(size=3), rng.normal(size=3)
    mt = (xt - b_t / np.sqrt(1 - ab_t) * e) / np.sqrt(a_t)
    mth = (xt - b_t / np.sqrt(1 - ab_t) * eth) / np.sqrt(a_t)
    return a_t, ab_t, b_t, e, eth, mt, mth


def _diff16():
    a_t, ab_t, b_t, e, eth, mt, mth = _parts16()
    return close(mt - mth, b_t / (np.sqrt(a_t) * np.sqrt(1 - ab_t)) * (eth - e))
chk(F, r'$$\tilde\mu_t-\mu_\theta=\frac{\beta_t}{\sqrt{\alpha_t}\sqrt{1-\bar\alpha_t}}', lambda: trials(_diff16))


def _sq16():
    a_t, ab_t, b_t, e, eth, mt, mth = _parts16()
    return close(np.sum((mt - mth) ** 2), b_t / (a_t * (1 - ab_t)) * np.sum((e - eth) ** 2))
chk(F, r'$$\big\|\tilde\mu_t-\mu_\theta\big\|^2=\frac{\beta_t}{\alpha_t(1-\bar\alpha_t)}', lambda: trials(_sq16))


def _lam16():
    a_t, ab_t, b_t, e, eth, mt, mth = _parts16(); s2 = rng.uniform(.01, .5)
    lam = b_t / (2 * s2 * a_t * (1 - ab_t))
    return close(np.sum((mt - mth) ** 2) / (2 * s2), lam * np.sum((e - eth) ** 2))
chk(F, r'\lambda_t=\frac{\beta_t}{2\sigma_t^2\,\alpha_t\,(1-\bar\alpha_t)} .$$', lambda: trials(_lam16))
chk(F, r'**Concrete numbers.** Toy schedule', lambda: A(1 - .2, '0.8') and A(.9 * .8, '0.72') and A(1 - .72, '0.28'))


def lam_true(s2, b=.2, a=.8, ab=.72):
    return b * b / (2 * s2 * a * (1 - ab))
chk(F, r'With $\sigma_2^2=\beta_2$: $\lambda_2=', lambda: A(2 * .8 * .28, '0.448') and A(lam_true(.2), '2.232'))
chk(F, r'With $\sigma_2^2=\tilde\beta_2=', lambda: A(.1 / .28 * .2, '0.0714') and A(.8 * .28, '0.224') and A(lam_true(.1 / .28 * .2), '6.25'))
chk(F, r'So $\lambda_t$ depends on $t$ and on the choice of $\sigma_t^2$', lambda: not close(lam_true(.2), lam_true(.1 / .28 * .2)) and not close(lam_true(.1, .1, .9, .9), lam_true(.2)))
chk(F, r'$L_{\text{simple}}=\mathbb E_{t,x_0,\epsilon}', lambda: True)


def _ls16():
    e, eth = rng.normal(size=3), rng.normal(size=3)
    return close(fdgrad(lambda t: np.sum((e - t) ** 2), eth), 2 * (eth - e))
chk(F, r'$\nabla_{\epsilon_\theta}L_{\text{simple}}=2(\epsilon_\theta-\epsilon)$', lambda: trials(_ls16) and A(np.sum((np.array([.3, -1.2]) - np.array([.5, -1.])) ** 2), '0.08')
    and AA(2 * (np.array([.5, -1.]) - np.array([.3, -1.2])), ['0.4', '0.4']) and AA((np.array([.3, -1.2]) - np.array([.5, -1.])) ** 2, ['0.04', '0.04']))
chk(F, r'Counting cost: each training step samples one', lambda: len(range(1, 1001)) == 1000)



# ---------------------------------------------------------------- extra coverage of inline claims
chk('02_kl_gauss_logvar_de.md', r'**Schritt 1.** Mit $\mathbb E_q[(z-\mu_1)^2]=\sigma_1^2$', lambda: trials(_s1))
given('03_ddpm_forward_fr.md', r'On fixe un calendrier de variances')
given('03_ddpm_forward_fr.md', r'*Démonstration (cas $t=2$')
chk('05_noise_pred_grad_pt.md', r'Subtraindo de $\mathbf x_0=', lambda: trials(lambda: (lambda ab, x0, e: close((np.sqrt(ab) * x0 + np.sqrt(1 - ab) * e - np.sqrt(1 - ab) * e) / np.sqrt(ab), x0))(rng.uniform(.05, .95), rng.normal(), rng.normal())))
given('08_ddpm_posterior_zh.md', r'由贝叶斯公式（马尔可夫性保证')
given('08_ddpm_posterior_zh.md', r'代入上式并化简，得到')
given('11_cosine_schedule_ddim_pl.md', r'Trenujemy z $T=1000$, ale')
given('12_score_tweedie_nl.md', r'Uit $q(x_t\mid x_0)=')
given('12_score_tweedie_nl.md', r'Voor $x_t=\sqrt{\bar\alpha}\,x_0+\sqrt{1-\bar\alpha}\,\epsilon$ geldt')
given('15_unet_params_cs.md', r'se nejprve zakóduje sinusově')
given('16_loss_weighting_en.md', r'Writing $x_0$ in terms of $x_t$ and $\epsilon$ gives')

# ---------------------------------------------------------------- runner
def main():
    expected = json.load(open(os.path.join(HERE, 'expected.json')))
    bad = 0
    assert set(expected) == set(CHECKS), (set(expected) ^ set(CHECKS))
    for fname in sorted(CHECKS):
        lines = open(os.path.join(HERE, fname), encoding='utf-8').read().split('\n')
        results = []
        for sub, fn in CHECKS[fname]:
            hits = [i + 1 for i, l in enumerate(lines) if sub in l]
            if len(hits) != 1:
                print(f'{fname}: substring not unique/found ({len(hits)}): {sub!r}')
                bad += 1
                continue
            try:
                ok = bool(fn())
            except Exception as ex:  # a crash counts as failure
                print(f'{fname}: exception on line {hits[0]}: {ex!r}')
                ok = False
            results.append((hits[0], ok))
        results.sort()
        fails = [ln for ln, ok in results if not ok]
        first = fails[0] if fails else None
        status = 'OK' if first == expected[fname] else 'MISMATCH'
        if status != 'OK':
            bad += 1
        print(f'{status:8s} {fname}: first failing line {first}, expected {expected[fname]}  ({len(results)} checks, {len(fails)} failing)')
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
