#!/usr/bin/env python
"""Independent NumPy check of the blind corpus.

For every file a list of checks (unique substring of a line, predicate) is
given.  Givens/definitions are marked GIVEN.  Every worked number is
recomputed from scratch and compared to its printed precision, symbolic
derivative claims are tested with central finite differences at random
points, identities at random points, sizes/counts by building arrays.
The first line whose check fails is compared to expected.json.
"""
import json, math, re, sys, os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(12345)

GIVEN = "GIVEN"

# ---------------------------------------------------------------- helpers
def parse(txt):
    t = txt.replace('{,}', '.').replace(',', '.').replace('\u2212', '-').replace(' ', '').replace('\\,', '')
    m = re.fullmatch(r'(-?\d+(?:\.\d+)?)(?:\\(?:cdot|times)10\^\{?(-?\d+)\}?)?', t)
    if not m:
        raise ValueError("cannot parse number %r" % txt)
    mant, exp = m.group(1), int(m.group(2) or 0)
    dec = len(mant.split('.')[1]) if '.' in mant else 0
    return float(mant) * 10.0 ** exp, 0.5 * 10.0 ** (exp - dec)


class CheckerBug(Exception):
    pass


def has(L, *txts):
    for t in txts:
        if t not in L:
            raise CheckerBug("text %r not in line %r" % (t, L))
    return True


def num(L, txt, val, ctx=None):
    """txt (or the context string ctx containing it) must appear in L, and
    val must round to the printed value txt."""
    has(L, ctx if ctx else txt)
    if ctx:
        has(ctx, txt)
    x, tol = parse(txt)
    return abs(x - val) <= tol * (1 + 1e-9) + 1e-15


def nums(L, pairs):
    return all([num(L, t, v) for t, v in pairs])


def fd_grad(f, x, h=1e-6):
    x = np.asarray(x, float)
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        e = np.zeros_like(x); e[i] = h
        g[i] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def fd_jac(F, x, h=1e-6):
    x = np.asarray(x, float)
    cols = []
    for i in range(x.size):
        e = np.zeros_like(x); e.flat[i] = h
        cols.append((np.asarray(F(x + e)) - np.asarray(F(x - e))).ravel() / (2 * h))
    return np.array(cols).T


def close(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    if a.shape != b.shape:
        return False
    return np.allclose(a, b, rtol=tol, atol=tol)


def rnd_trials(fn, n=5):
    return all(fn() for _ in range(n))

SPECS = {}

def spec(name):
    def deco(f):
        SPECS[name] = f
        return f
    return deco

# ====================================================================== 01
def momentum_run(gs, alpha, eps):
    v = np.zeros_like(gs[0]); vs = []
    for g in gs:
        v = alpha * v - eps * g; vs.append(v.copy())
    return vs

@spec("01_momentum_unrolled_en.md")
def s01():
    def unrolled():
        t = int(rng.integers(3, 9)); a = rng.uniform(0, 0.99); e = rng.uniform(0.01, 1)
        gs = [rng.normal(size=3) for _ in range(t)]
        vs = momentum_run(gs, a, e)
        mid = a**2 * vs[t-3] - e * (a * gs[t-2] + gs[t-1])
        closed = -e * sum(a**(t-k) * gs[k-1] for k in range(1, t+1))
        return close(vs[-1], mid) and close(vs[-1], closed)
    def theta_closed():
        t = int(rng.integers(1, 9)); a = rng.uniform(0, 0.99); e = rng.uniform(0.01, 1)
        th0 = rng.normal(size=3); gs = [rng.normal(size=3) for _ in range(t)]
        vs = momentum_run(gs, a, e)
        lhs = th0 + sum(vs)
        rhs = th0 - e * sum((1 - a**(t-k+1)) / (1 - a) * gs[k-1] for k in range(1, t+1))
        return close(lhs, rhs)
    def geo():
        t = int(rng.integers(1, 12)); k = int(rng.integers(1, t+1)); a = rng.uniform(0, 0.99)
        return close(sum(a**(s-k) for s in range(k, t+1)), (1 - a**(t-k+1)) / (1 - a))
    def const_g():
        t = int(rng.integers(1, 12)); a = rng.uniform(0, 0.99); e = rng.uniform(0.01, 1); g = rng.normal(size=2)
        vs = momentum_run([g] * t, a, e)
        vinf = momentum_run([g] * 5000, a, e)[-1]
        return close(vs[-1], -e * g * (1 - a**t) / (1 - a)) and close(vinf, -e * g / (1 - a), 1e-5)
    # example
    th = [1.0]; v = [0.0]; g = [None]
    for t in range(1, 4):
        g.append(4 * th[-1]); v.append(0.9 * v[-1] - 0.1 * g[-1]); th.append(th[-1] + v[-1])
    return [
        ("introduces a variable $\\boldsymbol{v}$", GIVEN),
        ("\\boldsymbol{v} \\leftarrow \\alpha \\boldsymbol{v} - \\epsilon", GIVEN),
        ("Write $\\boldsymbol{g}_t", GIVEN),
        ("= \\cdots = -\\epsilon \\sum", lambda L: rnd_trials(unrolled)),
        ("carries weight $\\alpha^{j}$", lambda L: rnd_trials(unrolled)),
        ("\\boldsymbol{\\theta}_t = \\boldsymbol{\\theta}_0 + \\sum_{s=1}^{t}", lambda L: rnd_trials(theta_closed)),
        ("exchanged the order of summation", lambda L: rnd_trials(geo)),
        ("the geometric sum collapses", GIVEN),
        ("\\longrightarrow\\; -\\frac{\\epsilon \\boldsymbol{g}}{1-\\alpha}", lambda L: rnd_trials(const_g)),
        ("multiplying the maximum speed by", lambda L: all([abs(1/(1-a) - m) < 1e-9 for a, m in [(0.5, 2), (0.9, 10), (0.99, 100)]]) and has(L, "$0.5$", "$0.9$", "$0.99$", "$2$", "$10$", "$100$")),
        ("Take the one-dimensional objective", lambda L: rnd_trials(lambda: (lambda x: abs(fd_grad(lambda z: 2*z[0]**2, [x])[0] - 4*x) < 1e-6)(rng.normal()))),
        ("- $t=1$:", lambda L: num(L, "4", g[1]) and has(L, "= 4$") and num(L, "-0.4", v[1]) and num(L, "0.6", th[1])),
        ("- $t=2$:", lambda L: num(L, "2.4", g[2]) and num(L, "0.24", 0.1*g[2]) and num(L, "-0.6", v[2]) and has(L, "= 0$") and abs(th[2]) < 1e-12),
        ("- $t=3$:", lambda L: abs(g[3]) < 1e-12 and num(L, "-0.54", v[3]) and has(L, "\\theta_3 = -0.54") and abs(th[3] + 0.54) < 1e-12),
        ("overshoots the minimum", lambda L: abs(g[3]) < 1e-12 and th[3] < 0 < th[1]),
        ("v_3 = -0.1\\,(0.9^2", lambda L: num(L, "3.24", 0.81*4) and num(L, "2.16", 0.9*2.4) and num(L, "-0.54", -0.1*(0.81*g[1] + 0.9*g[2] + g[3])) and abs(v[3] + 0.54) < 1e-12),
        ("and the closed form for the parameter", GIVEN),
        ("\\theta_3 = 1 - (1-0.9^3)", lambda L: num(L, "1.084", (1-0.9**3)*g[1]) and num(L, "0.456", (1-0.9**2)*g[2]) and
            abs(1 - (1-0.9**3)*4 - (1-0.9**2)*2.4 - 0 - th[3]) < 1e-12),
        ("(The factor $\\epsilon/(1-\\alpha) = 0.1/0.1 = 1$", lambda L: abs(0.1/(1-0.9) - 1) < 1e-12),
        ("Many libraries use the equivalent form", lambda L: rnd_trials(lambda: (lambda a, e, gs: close(
            np.array(momentum_run(gs, a, e)) * (-1/e),
            np.array([sum(a**(t-k)*gs[k] for k in range(t+1)) for t in range(len(gs))])))(rng.uniform(0, .99), rng.uniform(.01, 1), [rng.normal(size=2) for _ in range(6)]))),
    ]

# ====================================================================== 02
@spec("02_nesterov_de.md")
def s02():
    def nag(grad, th0, mu, eta, T):
        th, v = np.array(th0, float), np.zeros_like(np.array(th0, float))
        ths, vs = [th.copy()], [v.copy()]
        for _ in range(T):
            v = mu * v - eta * grad(th + mu * v); th = th + v
            ths.append(th.copy()); vs.append(v.copy())
        return ths, vs
    def rand_quad(n=3):
        A = rng.normal(size=(n, n)); A = A @ A.T + np.eye(n); b = rng.normal(size=n)
        return lambda x: A @ x - b
    def phi_identity():
        gr = rand_quad(); mu = rng.uniform(0, .99); eta = rng.uniform(.01, .2)
        th, v = rng.normal(size=3), rng.normal(size=3)
        phi = th + mu * v
        v1 = mu * v - eta * gr(phi); th1 = th + v1; phi1 = th1 + mu * v1
        a = th + v1 + mu * v1; b = phi - mu * v + (1 + mu) * (mu * v - eta * gr(phi))
        c = phi + mu**2 * v - (1 + mu) * eta * gr(phi); d = phi + mu * v1 - eta * gr(phi)
        return close(phi1, a) and close(phi1, b), close(phi1, c) and close(phi1, d)
    def torch_form():
        gr = rand_quad(); mu = rng.uniform(0, .99); eta = rng.uniform(.01, .2); th0 = rng.normal(size=3)
        ths, vs = nag(gr, th0, mu, eta, 6)
        p, b = th0.copy(), np.zeros(3)
        for t in range(6):
            g = gr(p); b = mu * b + g; p = p - eta * (g + mu * b)
            if not close(p, ths[t+1] + mu * vs[t+1]):
                return False
        return True
    def quad_step(which):
        a = rng.uniform(.1, 3); mu = rng.uniform(0, .99); eta = rng.uniform(.01, .3)
        ths, _ = nag(lambda x: a * x, [rng.normal()], mu, eta, 5)
        ok = True
        for t in range(1, 5):
            tp, tc, tn = ths[t-1][0], ths[t][0], ths[t+1][0]
            if which == 'expand':
                pred = tc + mu*(tc - tp) - eta*a*(tc + mu*(tc - tp))
            else:
                pred = (1 - eta*a)*(1 + mu)*tc - mu*tp
            ok &= abs(pred - tn) < 1e-9
        return ok
    def classical_rec():
        a = rng.uniform(.1, 3); mu = rng.uniform(0, .99); eta = rng.uniform(.01, .3)
        th, v = [rng.normal()], 0.0
        for _ in range(5):
            v = mu*v - eta*a*th[-1]; th.append(th[-1] + v)
        return all(abs((1 + mu - eta*a)*th[t] - mu*th[t-1] - th[t+1]) < 1e-9 for t in range(1, 5))
    ths, vs = nag(lambda x: 2 * x, [1.0], 0.9, 0.1, 4)
    th = [x[0] for x in ths]; v = [x[0] for x in vs]
    la = [th[t] + 0.9 * v[t] for t in range(4)]
    cth, cv = [1.0], [0.0]
    for _ in range(4):
        cv.append(0.9 * cv[-1] - 0.1 * 2 * cth[-1]); cth.append(cth[-1] + cv[-1])
    return [
        ("Beim klassischen Momentum wird", GIVEN),
        ("v_{t+1} &= \\mu\\, v_t", GIVEN),
        ("\\theta_{t+1} &= \\theta_t + v_{t+1}", GIVEN),
        ("Man setzt $\\varphi_t", GIVEN),
        ("\\varphi_{t+1} = \\theta_t + v_{t+1} + \\mu v_{t+1}", lambda L: rnd_trials(lambda: phi_identity()[0])),
        ("\\varphi_{t+1} = \\varphi_t + \\mu^2 v_t", lambda L: rnd_trials(lambda: phi_identity()[1])),
        ("`nesterov=True` in PyTorch", lambda L: rnd_trials(torch_form)),
        ("**Quadratisches Modell.**", lambda L: rnd_trials(lambda: (lambda a, x: abs(fd_grad(lambda z: a/2*z[0]**2, [x])[0] - a*x) < 1e-6)(rng.uniform(.1, 3), rng.normal()))
            and abs(ths[3][0] - ths[2][0] - vs[3][0]) < 1e-12),
        ("\\theta_{t+1} = \\theta_t + \\mu(\\theta_t - \\theta_{t-1}) - \\eta a", lambda L: rnd_trials(lambda: quad_step('expand'))),
        ("\\theta_{t+1} = (1-\\eta a)(1+\\mu)\\,\\theta_t - \\mu\\,\\theta_{t-1}.", lambda L: rnd_trials(lambda: quad_step('combined'))),
        ("Die Dämpfung $(1-\\eta a)$", lambda L: rnd_trials(classical_rec)),
        ("**Zahlenbeispiel.**", GIVEN),
        ("| $t$ | Vorausschau", GIVEN),
        ("| 0 | $1$ | $2$ |", lambda L: abs(la[0] - 1) < 1e-12 and abs(2*la[0] - 2) < 1e-12 and num(L, "-0{,}2", v[1]) and num(L, "0{,}8", th[1])),
        ("| 1 | $0{,}8 - 0{,}18", lambda L: num(L, "0{,}18", -0.9*v[1]) and num(L, "0{,}62", la[1]) and num(L, "1{,}24", 2*la[1]) and
            num(L, "0{,}124", 0.1*2*la[1]) and num(L, "-0{,}304", v[2]) and num(L, "0{,}496", th[2])),
        ("| 2 | $0{,}496 - 0{,}2736", lambda L: num(L, "0{,}2736", -0.9*v[2]) and num(L, "0{,}2224", la[2]) and num(L, "0{,}4448", 2*la[2]) and
            num(L, "0{,}04448", 0.2*la[2]) and num(L, "-0{,}31808", v[3]) and num(L, "0{,}17792", th[3])),
        ("Zum Vergleich liefert klassisches", lambda L: num(L, "0{,}8", cth[1]) and num(L, "0{,}34", -cv[2]) and num(L, "0{,}46", cth[2])
            and num(L, "0{,}398", -cv[3]) and num(L, "0{,}062", cth[3])),
        ("Klassisches Momentum kommt", lambda L: abs(cth[3]) < abs(th[3]) and num(L, "0{,}3706", -cv[4]) and num(L, "-0{,}3086", cth[4])
            and num(L, "0{,}2646", -v[4]) and num(L, "-0{,}0867", th[4]) and abs(th[4]) < abs(cth[4])),
        ("**Merke:** Konvergenzrate", GIVEN),
    ]

# ====================================================================== 03
def adam_states(gs, b1, b2):
    m = v = 0.0; out = []
    for t, g in enumerate(gs, 1):
        m = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g*g
        out.append(dict(m=m, v=v, c1=1-b1**t, c2=1-b2**t, mh=m/(1-b1**t), vh=v/(1-b2**t)))
    return out

@spec("03_adam_correction_biais_fr.md")
def s03():
    def unroll():
        t = int(rng.integers(1, 10)); b = rng.uniform(0, .999); gs = rng.normal(size=t)
        m = adam_states(gs, b, 0.5)[-1]['m']
        return close(m, (1-b)*sum(b**(t-k)*gs[k-1] for k in range(1, t+1)))
    def expect(which):
        # E[m_t] is linear in the g_k: with all E[g_k]=mu it equals the deterministic recursion with g_k=mu
        t = int(rng.integers(1, 10)); b = rng.uniform(0, .999); mu = rng.normal()
        m = adam_states([mu]*t, b, b)[-1]['m']
        return close(m, mu*(1-b)*sum(b**(t-k) for k in range(1, t+1))) and close(m, mu*(1-b**t))
    def first_step():
        g = rng.normal()*10**rng.uniform(-3, 3); a = rng.uniform(1e-4, 1)
        s = adam_states([g], .9, .999)[0]
        step = -a*s['mh']/(math.sqrt(s['vh']) + 1e-12)
        return close(s['mh'], g) and close(s['vh'], g*g) and close(step, -a*np.sign(g)) and abs(abs(step) - a) < 1e-6
    S = adam_states([0.5, -0.2, 0.1], 0.9, 0.999)
    r = [s['mh']/math.sqrt(s['vh']) for s in S]
    return [
        ("**Rappel.** Adam maintient", GIVEN),
        ("$$m_t = \\beta_1 m_{t-1} + (1-\\beta_1)\\, g_t, \\qquad", GIVEN),
        ("En déroulant la récurrence", GIVEN),
        ("$$m_t = (1-\\beta_1)\\sum_{k=1}^{t}", lambda L: rnd_trials(unroll)),
        ("Si les $g_k$ sont de même espérance", GIVEN),
        ("\\mathbb{E}[m_t] = \\mathbb{E}[g]\\,(1-\\beta_1)\\sum", lambda L: rnd_trials(lambda: expect('m'))),
        ("L'estimateur $m_t$ est donc biaisé", lambda L: all(0 < 1-b**t < 1 and (1-b**t) < (1-b**(t+1)) for b in [.5, .9, .999] for t in range(1, 20))),
        ("\\hat m_t = \\frac{m_t}{1-\\beta_1^{\\,t}}, \\qquad \\hat v_t", GIVEN),
        ("et de même $\\mathbb{E}[v_t]", lambda L: rnd_trials(lambda: (lambda t, b, s2: close(adam_states([1.0]*t, .9, b)[-1]['v']*s2, s2*(1-b**t)))(int(rng.integers(1, 10)), rng.uniform(0, .999), rng.uniform(.1, 3)))),
        ("*Premier pas.* Pour $t = 1$", lambda L: rnd_trials(first_step)),
        ("\\theta_1 - \\theta_0 = -\\alpha\\, \\frac{g_1}{|g_1|}", lambda L: rnd_trials(first_step)),
        ("Le premier pas a toujours la longueur", lambda L: rnd_trials(first_step)),
        ("*Application numérique.*", GIVEN),
        ("*Pas 1.*", GIVEN), ("*Pas 2.*", GIVEN), ("*Pas 3.*", GIVEN),
        ("- $m_1 = 0{,}1 \\times 0{,}5", lambda L: num(L, "0{,}05", S[0]['m']) and num(L, "0{,}25", 0.5**2) and num(L, "0{,}00025", S[0]['v'])),
        ("- $\\hat m_1 = 0{,}05 / 0{,}1", lambda L: (abs(S[0]['mh'] - 0.5) < 1e-12 and abs(S[0]['vh'] - 0.25) < 1e-12 and abs(r[0] - 1) < 1e-12 and has(L, "= 0{,}5$", "= 0{,}25$", "= 1$"))),
        ("- $m_2 = 0{,}9 \\times 0{,}05", lambda L: num(L, "0{,}045", .9*.05) and num(L, "0{,}02", .1*.2) and num(L, "0{,}025", S[1]['m'], "= 0{,}025$")),
        ("- $v_2 = 0{,}999", lambda L: num(L, "0{,}04", 0.2**2) and num(L, "0{,}00024975", .999*S[0]['v']) and num(L, "0{,}00004", .001*.04) and num(L, "0{,}00028975", S[1]['v'], "= 0{,}00028975$")),
        ("- $1-\\beta_1^2 = 0{,}19$", lambda L: num(L, "0{,}19", S[1]['c1']) and num(L, "0{,}001999", S[1]['c2'])),
        ("- $\\hat m_2 = 0{,}025/0{,}19", lambda L: num(L, "0{,}13158", S[1]['mh']) and num(L, "0{,}14495", S[1]['vh'])),
        ("- $\\sqrt{\\hat v_2} \\approx 0{,}38072$", lambda L: num(L, "0{,}38072", math.sqrt(S[1]['vh'])) and num(L, "0{,}3456", r[1])),
        ("- $m_3 = 0{,}9 \\times 0{,}025", lambda L: num(L, "0{,}0225", .9*S[1]['m']) and num(L, "0{,}01", .1*.1, "0{,}01 =") and num(L, "0{,}0235", S[2]['m'])),
        ("- $v_3 = 0{,}999", lambda L: num(L, "0{,}01", .1**2, "0{,}01 \\approx") and num(L, "0{,}00029946", S[2]['v'])),
        ("- $1-\\beta_1^3 = 0{,}271$", lambda L: num(L, "0{,}271", S[2]['c1']) and num(L, "0{,}002997", S[2]['c2'])),
        ("- $\\hat m_3 = ", lambda L: num(L, "0{,}08672", S[2]['mh']) and num(L, "0{,}09992", S[2]['vh'])),
        ("- $\\sqrt{\\hat v_3} \\approx", lambda L: num(L, "0{,}31610", math.sqrt(S[2]['vh'])) and num(L, "0{,}2743", r[2])),
        ("**4.** *Sans correction*", lambda L: (num(L, "0{,}01581", math.sqrt(S[0]['v'])) and num(L, "0{,}03162", math.sqrt(.001)) and
             num(L, "3{,}162", S[0]['m']/math.sqrt(S[0]['v'])) and num(L, "3{,}162", .1/math.sqrt(.001)) and abs(S[0]['m']/math.sqrt(S[0]['v']) - .1/math.sqrt(.001)) < 1e-12)),
        ("Le premier pas serait donc plus de trois fois", lambda L: S[0]['m']/math.sqrt(S[0]['v']) > 3),
    ]

# ====================================================================== 04
def adam_run(grad, th0, eta, b1, b2, eps, T):
    th = th0; m = v = 0.0; rec = []
    for t in range(1, T+1):
        g = grad(th); mo, vo = m, v
        m = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g*g
        mh = m/(1-b1**t); vh = v/(1-b2**t); r = mh/(math.sqrt(vh) + eps)
        th = th - eta*r
        rec.append(dict(g=g, m=m, v=v, mo=mo, vo=vo, mh=mh, vh=vh, sv=math.sqrt(vh), r=r, th=th, c1=1-b1**t, c2=1-b2**t))
    return rec

@spec("04_adam_tres_pasos_es.md")
def s04():
    R = adam_run(lambda x: 2*x, 1.0, 0.1, 0.9, 0.999, 1e-8, 3)
    def scale_inv():
        c = 10**rng.uniform(-2, 2); th0 = rng.normal()
        A = adam_run(lambda x: 2*x, th0, 0.1, 0.9, 0.999, 0.0, 6)
        B = adam_run(lambda x: 2*c*x, th0, 0.1, 0.9, 0.999, 0.0, 6)
        return close([a['th'] for a in A], [b['th'] for b in B], 1e-9)
    gd = [1.0]
    for _ in range(3):
        gd.append(gd[-1] - 0.1*2*gd[-1])
    steps = [1.0 - R[0]['th'], R[0]['th'] - R[1]['th'], R[1]['th'] - R[2]['th']]
    return [
        ("**Enunciado.** Minimizar", GIVEN),
        ("El gradiente es $f'(\\theta) = 2\\theta$", lambda L: rnd_trials(lambda: (lambda x: abs(fd_grad(lambda z: z[0]**2, [x])[0] - 2*x) < 1e-6)(rng.normal()))),
        ("m_t &= \\beta_1 m_{t-1}", GIVEN), ("v_t &= \\beta_2 v_{t-1}", GIVEN), ("\\hat m_t &= m_t/(1-\\beta_1^t)", GIVEN),
        ("\\theta_t &= \\theta_{t-1} - \\eta", GIVEN),
        ("con $m_0 = v_0 = 0$. El $\\epsilon$ no cambia", lambda L: abs(adam_run(lambda x: 2*x, 1.0, .1, .9, .999, 0.0, 3)[-1]['th'] - R[-1]['th']) < 5e-8),
        ("**Iteración 1:** $g_1 = 2(1) = 2$", lambda L: R[0]['g'] == 2.0),
        ("- $m_1 = 0.1 \\cdot 2 = 0.2$", lambda L: num(L, "0.2", R[0]['m'], "= 0.2$") and num(L, "0.004", R[0]['v'], "= 0.004$")),
        ("- $\\hat m_1 = 0.2/0.1 = 2$", lambda L: abs(R[0]['mh'] - 2) < 1e-12 and abs(R[0]['vh'] - 4) < 1e-12),
        ("- $\\theta_1 = 1 - 0.1", lambda L: num(L, "0.9", R[0]['th'], "= 0.9$") and num(L, "0.1", 0.1*R[0]['r'], "1 - 0.1 =")),
        ("**Iteración 2:** $g_2 = 2(0.9) = 1.8$", lambda L: num(L, "1.8", R[1]['g'], "= 1.8$")),
        ("- $m_2 = 0.9(0.2)", lambda L: num(L, "0.18", .9*R[0]['m'], "= 0.18 +") and num(L, "0.18", .1*R[1]['g'], "+ 0.18 =") and num(L, "0.36", R[1]['m'])),
        ("- $v_2 = 0.999(0.004)", lambda L: num(L, "3.24", R[1]['g']**2, "0.001(3.24)") and num(L, "0.003996", .999*R[1]['vo']) and
            num(L, "0.00324", .001*R[1]['g']**2, "+ 0.00324 =") and num(L, "0.007236", R[1]['v'], "= 0.007236$")),
        ("- $\\hat m_2 = 0.36/0.19", lambda L: num(L, "0.19", R[1]['c1'], "0.36/0.19") and num(L, "1.894737", R[1]['mh']) and num(L, "0.001999", R[1]['c2']) and num(L, "3.619810", R[1]['vh'])),
        ("- $\\sqrt{\\hat v_2} = 1.902580$", lambda L: num(L, "1.902580", R[1]['sv']) and num(L, "0.995878", R[1]['r'])),
        ("- $\\theta_2 = 0.9 - 0.0995878", lambda L: num(L, "0.0995878", .1*R[1]['r']) and num(L, "0.800412", R[1]['th'])),
        ("**Iteración 3:** $g_3 = 2\\theta_2", lambda L: num(L, "1.600824", R[2]['g'])),
        ("- $m_3 = 0.9(0.36)", lambda L: num(L, "0.324", .9*R[1]['m']) and num(L, "0.1600824", .1*R[2]['g']) and num(L, "0.4840824", R[2]['m'], "= 0.4840824$")),
        ("- $v_3 = 0.999(0.007236)", lambda L: num(L, "0.007228764", .999*R[2]['vo']) and num(L, "0.002562639", .001*R[2]['g']**2) and num(L, "0.009791403", R[2]['v'])),
        ("- $1-\\beta_1^3 = 0.271$", lambda L: num(L, "0.271", R[2]['c1']) and num(L, "0.002997001", R[2]['c2'], "= 0.002997001$")),
        ("- $\\hat m_3 = 0.4840824/0.271", lambda L: num(L, "1.786282", R[2]['mh']) and num(L, "3.267067", R[2]['vh'])),
        ("- $\\sqrt{\\hat v_3} = 1.807503$", lambda L: num(L, "1.807503", R[2]['sv']) and num(L, "0.988260", R[2]['r'])),
        ("- $\\theta_3 = 0.800412 - 0.0988260", lambda L: num(L, "0.0988260", .1*R[2]['r']) and num(L, "0.701586", R[2]['th'])),
        ("**Comentario.** Los pasos fueron", lambda L: num(L, "0.1", steps[0], "$0.1$,") and num(L, "0.0996", steps[1]) and num(L, "0.0988", steps[2])
            and num(L, "1.6", R[2]['g'], "a $1.6$") and all(abs(r['mh']/r['g'] - 1) < .15 and abs(r['sv']/abs(r['g']) - 1) < .15 for r in R)
            and abs((1 - 2*.1) - 0.8) < 1e-12 and num(L, "0.512", gd[3]) and gd[3] < R[2]['th'] and all(abs(r['g']) > 1 for r in R)),
        ("Si escalamos la función", lambda L: rnd_trials(scale_inv)),
    ]

# ====================================================================== 05
@spec("05_adamw_vs_l2_zh.md")
def s05():
    def l2grad():
        lam = rng.uniform(0, 1); A = rng.normal(size=(3, 3)); th = rng.normal(size=3)
        Lf = lambda x: np.sum(np.sin(A @ x)); Lt = lambda x: Lf(x) + lam/2*np.sum(x**2)
        return close(fd_grad(Lt, th), fd_grad(Lf, th) + lam*th, 1e-5)
    def sgd_form():
        lam, eta = rng.uniform(0, 1), rng.uniform(0, .5); th, g = rng.normal(size=3), rng.normal(size=3)
        return close(th - eta*(g + lam*th), (1 + eta*lam)*th - eta*g)
    def sgd_equiv():
        lam, eta = rng.uniform(0, 1), rng.uniform(0, .5); th = rng.normal(size=3); g = rng.normal(size=3)
        return close(th - eta*(g + lam*th), (1 - eta*lam)*th - eta*g)
    def torch_adamw():
        lam, eta = rng.uniform(0, 1), rng.uniform(0, .5); th = rng.normal(size=3); r = rng.normal(size=3)
        return close((th*(1 - eta*lam)) - eta*r, th - eta*(r + lam*th))
    def decomp():
        eta, lam, s = rng.uniform(0, .1), rng.uniform(0, 1), rng.uniform(.1, 10); g, th = rng.normal(), rng.normal()
        return close(eta*(g + lam*th)/s, eta*g/s + eta*lam*th/s)
    th0, g1, lam, eta = 2.0, 0.5, 0.1, 0.01
    gt = g1 + lam*th0
    S = adam_states([gt], .9, .999)[0]; rL2 = S['mh']/math.sqrt(S['vh']); thL2 = th0 - eta*rL2
    S0 = adam_states([g1], .9, .999)[0]; rW = S0['mh']/math.sqrt(S0['vh']); thW = th0 - eta*(rW + lam*th0)
    thNo = th0 - eta*rW
    dA, dB = 1e-3*1e-2/10, 1e-3*1e-2/0.1
    return [
        ("很多人以为在 Adam 里加", lambda L: rnd_trials(sgd_equiv)),
        ("L2 正则的目标函数是", GIVEN),
        ("$$\\nabla \\tilde L(\\theta) = g + \\lambda\\theta", lambda L: rnd_trials(l2grad)),
        ("= (1+\\eta\\lambda)\\,\\theta_t - \\eta\\, g_t", lambda L: rnd_trials(sgd_form)),
        ("也就是说每一步先把权重按固定比例缩一下", lambda L: rnd_trials(sgd_equiv)),
        ("Adam + L2 时，进入一阶、二阶矩的是", GIVEN),
        ("$$m_t = \\beta_1 m_{t-1} + (1-\\beta_1)\\tilde g_t", GIVEN),
        ("$$\\theta_{t+1} = \\theta_t - \\eta\\,\\frac{\\hat m_t}", GIVEN),
        ("衰减项 $\\lambda\\theta$ 被和梯度一起除以了", lambda L: rnd_trials(decomp)),
        ("$$\\theta_{t+1} = \\theta_t - \\eta\\left(", GIVEN),
        ("PyTorch 的 `AdamW` 就是先做", lambda L: rnd_trials(torch_adamw)),
        ("取标量参数 $\\theta_0 = 2$", GIVEN),
        ("**Adam + L2：**", lambda L: num(L, "0.7", gt, "= 0.7$") and num(L, "0.7", S['mh'], "\\hat m_1 = 0.7$") and num(L, "0.49", S['vh'])),
        ("\\frac{0.7}{0.7} = 1", lambda L: abs(rL2 - 1) < 1e-12 and num(L, "1.99", thL2)),
        ("L2 项在第一步被完全", lambda L: abs(thL2 - thNo) < 1e-12),
        ("**AdamW：**", lambda L: abs(rW - 1) < 1e-12 and abs(math.sqrt(S0['vh']) - 0.5) < 1e-12),
        ("\\theta_1 = 2 - 0.01\\times(1 + 0.1\\times 2)", lambda L: num(L, "0.012", eta*(rW + lam*th0)) and num(L, "1.988", thW)),
        ("多出来的 $0.002$", lambda L: num(L, "0.002", thL2 - thW) and abs(eta*lam*th0 - (thL2 - thW)) < 1e-12),
        ("设稳定后两个参数的", GIVEN),
        ("- 参数 A：", lambda L: abs(dA - 1e-6) < 1e-18),
        ("- 参数 B：", lambda L: abs(dB - 1e-4) < 1e-16),
        ("两者相差 $100$ 倍", lambda L: abs(dB/dA - 100) < 1e-9 and abs(1e-3*1e-2 - 1e-5) < 1e-18),
    ]

# ====================================================================== 06
def clip_norm(g, c):
    n = np.linalg.norm(g)
    return g * min(1.0, c / n)

@spec("06_gradient_clipping_ja.md")
def s06():
    g = np.array([3., 4., 12.]); c = 5.0; n = np.linalg.norm(g); cg = clip_norm(g, c)
    gv = np.clip(g, -5, 5)
    cosv = g @ gv / (n * np.linalg.norm(gv))
    def casewise():
        x = rng.normal(size=4) * rng.uniform(.1, 5); cc = rng.uniform(.5, 5); nx = np.linalg.norm(x)
        case = x if nx <= cc else cc/nx*x
        return close(case, min(1, cc/nx)*x) and close(np.linalg.norm(clip_norm(x, cc)), min(nx, cc)) and \
            close(clip_norm(x, cc)/np.linalg.norm(clip_norm(x, cc)), x/nx)
    def jac(part):
        x = rng.normal(size=4)*3; cc = 0.5*np.linalg.norm(x); nx = np.linalg.norm(x)
        J = fd_jac(lambda z: cc*z/np.linalg.norm(z), x)
        if part == 'dnorm':
            return close(fd_grad(lambda z: np.linalg.norm(z), x), x/nx)
        if part == 'first':
            return close(J, cc/nx*np.eye(4) - cc/nx**2*np.outer(x, x/nx), 1e-5)
        if part == 'second':
            return close(J, cc/nx*(np.eye(4) - np.outer(x, x)/nx**2), 1e-5)
        if part == 'proj':
            P = np.eye(4) - np.outer(x, x)/nx**2
            return close(P @ P, P) and close(P @ x, 0*x) and close(J @ x, 0*x, 1e-5)
    Jex = fd_jac(lambda z: c*z/np.linalg.norm(z), g)
    def adam_scale():
        k = 10**rng.uniform(-2, 2); th0 = rng.normal()
        A = adam_run(lambda x: 2*x, th0, .1, .9, .999, 0.0, 5); B = adam_run(lambda x: 2*k*x, th0, .1, .9, .999, 0.0, 5)
        return close([a['th'] for a in A], [b['th'] for b in B], 1e-9)
    return [
        ("RNN や Transformer の学習で", GIVEN),
        ("勾配ベクトル $\\mathbf{g}\\in\\mathbb{R}^n$", GIVEN),
        ("^\\operatorname{clip}(\\mathbf{g}) =", GIVEN),
        ("\\mathbf{g} & (\\|\\mathbf{g}\\|_2 \\le c)", GIVEN),
        ("\\dfrac{c}{\\|\\mathbf{g}\\|_2}\\,\\mathbf{g} & (", GIVEN),
        ("\\;=\\; \\min\\!\\left(1, \\frac{c}", lambda L: rnd_trials(casewise)),
        ("と定義します。向きは変えずに", lambda L: rnd_trials(casewise) and np.linalg.norm(g*min(1, c/(n + 1e-6))) - 5 < 1e-6),
        ("$\\mathbf{g} = (3,\\,4,\\,12)^\\top$", GIVEN),
        ("- ノルム：", lambda L: has(L, "9 + 16 + 144", "\\sqrt{169}") and abs(n - 13) < 1e-12 and np.sum(g**2) == 169),
        ("- $13 > 5$ なので", lambda L: n > c and num(L, "0.3846", c/n)),
        ("- クリップ後：", lambda L: num(L, "1.1538", cg[0]) and num(L, "1.5385", cg[1]) and num(L, "4.6154", cg[2])),
        ("- 確認：", lambda L: num(L, "5.000", math.sqrt(1.1538**2 + 1.5385**2 + 4.6154**2)) and abs(np.linalg.norm(cg) - 5) < 1e-12),
        ("比較のため、**値によるクリップ**", lambda L: close(gv, [3, 4, 5]) and num(L, "7.071", np.linalg.norm(gv)) and has(L, "\\sqrt{50}")),
        ("\\cos\\phi = \\frac{3\\cdot 3", lambda L: g @ gv == 85 and num(L, "91.92", n*np.linalg.norm(gv)) and num(L, "0.9247", cosv)),
        ("となり、向きがずれてしまいます", lambda L: abs(g @ cg/(n*np.linalg.norm(cg)) - 1) < 1e-12 and cosv < 1),
        ("の領域で $\\mathbf{h}(\\mathbf{g})", lambda L: rnd_trials(lambda: jac('dnorm'))),
        ("\\frac{\\partial \\mathbf{h}}{\\partial \\mathbf{g}} = \\frac{c}{\\|\\mathbf{g}\\|}\\, I", lambda L: rnd_trials(lambda: jac('first'))),
        ("= \\frac{c}{\\|\\mathbf{g}\\|}\\left(I - \\frac{\\mathbf{g}\\mathbf{g}^\\top}", lambda L: rnd_trials(lambda: jac('second'))),
        ("括弧の中は $\\mathbf{g}$ に直交する", lambda L: rnd_trials(lambda: jac('proj'))),
        ("\\operatorname{tr} J = \\frac{5}{13}", lambda L: abs(np.trace(Jex) - 10/13) < 1e-6 and abs(5/13*2 - 10/13) < 1e-15 and num(L, "0.7692", np.trace(Jex))),
        ("def clip_by_norm(g, c):", GIVEN),
        ("n = np.linalg.norm(g)", GIVEN),
        ("return g * min(1.0, c / n)", lambda L: rnd_trials(casewise)),
        ("- 複数テンソルがある場合は", GIVEN),
        ("- クリップは向きを保つので", lambda L: rnd_trials(adam_scale)),
    ]

# ====================================================================== 07
def mask_moments(x, q, scale, w=None):
    """exact E and Var of y = scale * r * x (and of w.y) by enumerating all masks"""
    n = len(x); Ey = np.zeros(n); Ey2 = np.zeros(n); Ez = Ez2 = 0.0
    import itertools
    for r in itertools.product([0, 1], repeat=n):
        r = np.array(r); pr = np.prod(np.where(r == 1, q, 1 - q)); y = scale*r*x
        Ey += pr*y; Ey2 += pr*y**2
        if w is not None:
            z = w @ y; Ez += pr*z; Ez2 += pr*z*z
    return Ey, Ey2 - Ey**2, Ez, Ez2 - Ez**2

@spec("07_dropout_ru.md")
def s07():
    def classic():
        x = rng.normal(size=4); q = rng.uniform(.1, .9)
        return close(mask_moments(x, q, 1.0)[0], q*x)
    def inverted():
        x = rng.normal(size=4); q = rng.uniform(.1, .9)
        return close(mask_moments(x, q, 1/q)[0], x)
    def variance():
        x = rng.normal(size=4); q = rng.uniform(.1, .9); p = 1 - q
        V = mask_moments(x, q, 1/q)[1]
        return close(V, x**2/q**2*q*(1-q)) and close(V, x**2*p/(1-p))
    def linear():
        x = rng.normal(size=4); w = rng.normal(size=4); q = rng.uniform(.1, .9); p = 1 - q
        _, _, Ez, Vz = mask_moments(x, q, 1/q, w)
        return close(Ez, w @ x) and close(Vz, p/(1-p)*np.sum(w**2*x**2))
    def backward():
        x = rng.normal(size=4); q = rng.uniform(.1, .9); r = (rng.random(4) < q).astype(float); c = rng.normal(size=4)
        f = lambda z: c @ (r/q*z)
        J = fd_jac(lambda z: r/q*z, x)
        return close(J, np.diag(r/q)) and close(fd_grad(f, x), r/q*c)
    p, q = 0.2, 0.8
    x = np.array([1.0, -2.0, 0.5, 3.0]); r = np.array([1, 0, 1, 1.]); y = r*x/q
    dy = np.array([0.4, 0.1, -0.2, 0.3]); dx = r/q*dy
    Ey, Vy, _, _ = mask_moments(x, q, 1/q)
    return [
        ("**Обозначения.**", GIVEN),
        ("На обучении $y_i = r_i x_i$", GIVEN),
        ("\\mathsf{E}[y_i] = q\\,x_i ,", lambda L: rnd_trials(classic)),
        ("т. е. на обучении сигнал в среднем ослаблен", lambda L: rnd_trials(classic)),
        ("y_i = \\frac{r_i}{q}\\, x_i = \\frac{r_i}{1-p}", lambda L: rnd_trials(inverted)),
        ("\\mathsf{D}[y_i] = \\frac{x_i^2}{q^2}", lambda L: rnd_trials(variance)),
        ("Для следующего линейного слоя", lambda L: rnd_trials(linear)),
        ("\\frac{\\partial y_i}{\\partial x_j} = \\frac{r_i}{q}", lambda L: rnd_trials(backward)),
        ("\\frac{\\partial L}{\\partial x} = \\frac{r}{q} \\odot", lambda L: rnd_trials(backward)),
        ("Якобиан диагональный", lambda L: rnd_trials(backward)),
        ("Возьмём $p = 0{,}2$", lambda L: num(L, "0{,}8", 1 - p) and num(L, "1{,}25", 1/q)),
        ("- Прямой проход:", lambda L: all([num(L, t, v) for t, v in [("1{,}25", y[0]), ("0{,}625", y[2]), ("3{,}75", y[3])]]) and y[1] == 0
            and has(L, "(1{,}0;\\ 0;\\ 0{,}5;\\ 3{,}0)") and close(r*x, [1, 0, .5, 3])),
        ("- Пусть сверху пришёл градиент", GIVEN),
        ("- Обратный проход:", lambda L: has(L, "(0{,}4;\\ 0;\\ -0{,}2;\\ 0{,}3)") and close(r*dy, [.4, 0, -.2, .3]) and
            all([num(L, t, v) for t, v in [("0{,}5", dx[0]), ("-0{,}25", dx[2]), ("0{,}375", dx[3])]]) and dx[1] == 0),
        ("- $\\mathsf{E}\\bigl[\\sum_i y_i\\bigr]", lambda L: num(L, "2{,}5", Ey.sum(), "= 2{,}5$") and abs(x.sum() - 2.5) < 1e-12 and num(L, "5{,}625", y.sum())),
        ("- для $x_4 = 3$:", lambda L: num(L, "2{,}25", Vy[3]) and num(L, "1{,}5", math.sqrt(Vy[3]), "отклонение $1{,}5$")),
        ("**Замечание.** При $p \\to 1$", lambda L: all(pp/(1-pp) > 1e3 for pp in [0.9999, 0.99999]) and
            close(mask_moments(x, .5, 2.0)[1], x**2) and abs(1/.5 - 2) < 1e-15),
    ]

# ====================================================================== 08
@spec("08_penalidades_l1_l2_pt.md")
def s08():
    def l2grad_claim():
        lam = rng.uniform(.1, 2); w = rng.normal(size=4)
        return close(fd_grad(lambda z: lam*np.sum(z**2), w), lam*w, 1e-5)
    def l2update_claim():
        lam, eta = rng.uniform(.1, 1), rng.uniform(.1, .5); w, gL = rng.normal(size=4), rng.normal(size=4)
        true = w - eta*(gL + fd_grad(lambda z: lam*np.sum(z**2), w))
        return close(true, (1 - eta*lam)*w - eta*gL, 1e-5)
    def abs_deriv():
        w = rng.normal(size=4); w[np.abs(w) < .1] = .5
        return close(fd_grad(lambda z: np.sum(np.abs(z)), w), np.sign(w))
    def subdiff():
        lam = rng.uniform(.1, 2); h = 1e-7
        right = (lam*abs(h) - 0)/h; left = (0 - lam*abs(-h))/h
        # subdifferential at 0 is [left derivative, right derivative]
        w = rng.normal(); w = w if abs(w) > .1 else .5
        return abs(left + lam) < 1e-9 and abs(right - lam) < 1e-9 and abs(fd_grad(lambda z: lam*abs(z[0]), [w])[0] - lam*np.sign(w)) < 1e-6
    def prox_def():
        u = rng.normal()*2; t = rng.uniform(.01, 1)
        z = np.linspace(-6, 6, 240001); obj = 0.5*(z - u)**2 + t*np.abs(z)
        return abs(z[np.argmin(obj)] - np.sign(u)*max(abs(u) - t, 0)) < 1e-4
    def elastic():
        l1, l2 = rng.uniform(.1, 1), rng.uniform(.1, 1); w = rng.normal(size=4); w[np.abs(w) < .1] = .5
        return close(fd_grad(lambda z: l1*np.sum(np.abs(z)) + l2*np.sum(z**2), w), l1*np.sign(w) + l2*w, 1e-5)
    w = np.array([0.5, -1.5, 0.0, 2.0]); lam = 0.1; gL = np.array([0.2, -0.1, 0.05, 0.3]); eta = 0.5
    gR2 = fd_grad(lambda z: lam*np.sum(z**2), w); gJ = gL + gR2; wnew = w - eta*gJ
    sg = lam*np.sign(w); g1 = gL + sg
    u = w - eta*gL; thr = eta*lam; pu = np.sign(u)*np.maximum(np.abs(u) - thr, 0)
    def vec(L, txts, vals):
        return all([num(L, t, v) for t, v in zip(txts, vals)])
    return [
        ("Considere uma função de perda", GIVEN),
        ("Tomamos $R_2(\\mathbf{w})", lambda L: rnd_trials(lambda: (lambda z: close(np.sum(z**2), np.linalg.norm(z)**2))(rng.normal(size=4)))),
        ("$$\\frac{\\partial R_2}{\\partial w_i} = \\lambda\\, w_i", lambda L: rnd_trials(l2grad_claim)),
        ("Com passo $\\eta$, a atualização", lambda L: rnd_trials(l2update_claim)),
        ("Agora $R_1(\\mathbf{w})", lambda L: rnd_trials(abs_deriv)),
        ("\\partial_{w_i} R_1 =", GIVEN),
        ("\\{\\lambda\\,\\operatorname{sgn}(w_i)\\}, & w_i \\neq 0", lambda L: rnd_trials(subdiff)),
        ("[-\\lambda,\\ \\lambda], & w_i = 0", lambda L: rnd_trials(subdiff)),
        ("Note a diferença: na L2", lambda L: rnd_trials(lambda: (lambda w1, k: abs(fd_grad(lambda z: .3*z[0]**2, [k*w1])[0] - k*fd_grad(lambda z: .3*z[0]**2, [w1])[0]) < 1e-6
            and abs(abs(fd_grad(lambda z: .3*abs(z[0]), [w1])[0]) - .3) < 1e-6)(rng.uniform(.2, 2), rng.uniform(1.5, 3)))),
        ("Sejam $\\mathbf{w} = (0{,}5", GIVEN),
        ("**L2:** $\\nabla R_2 = 0{,}1\\cdot\\mathbf{w}", lambda L: vec(L, ["0{,}05", "-0{,}15", "0{,}2"], [gR2[0], gR2[1], gR2[3]]) and abs(gR2[2]) < 1e-9),
        ("$$\\nabla J = (0{,}25", lambda L: vec(L, ["0{,}25", "-0{,}25", "0{,}05", "0{,}5"], gJ)),
        ("Com $\\eta = 0{,}5$: $\\mathbf{w}_{\\text{novo}}", lambda L: vec(L, ["0{,}375", "-1{,}375", "-0{,}025", "1{,}75"], wnew)),
        ("**L1:** escolhendo o subgradiente", lambda L: vec(L, ["0{,}1", "-0{,}1", "0{,}1"], [sg[0], sg[1], sg[3]]) and sg[2] == 0),
        ("$$\\mathbf{g} = (0{,}3", lambda L: vec(L, ["0{,}3", "-0{,}2", "0{,}05", "0{,}4"], g1)),
        ("Na terceira coordenada, $0 \\in", lambda L: gL[2] - lam <= 0 <= gL[2] + lam and w[2] == 0),
        ("Em vez do subgradiente, o método", GIVEN),
        ("\\operatorname{prox}_{\\eta\\lambda\\|\\cdot\\|_1}(u_i)", lambda L: rnd_trials(prox_def)),
        ("Com $\\eta = 0{,}5$: $\\mathbf{u} =", lambda L: vec(L, ["0{,}4", "-1{,}45", "-0{,}025", "1{,}85"], u) and num(L, "0{,}05", thr)),
        ("$$\\operatorname{prox}(\\mathbf{u}) =", lambda L: vec(L, ["0{,}35", "-1{,}4", "1{,}8"], [pu[0], pu[1], pu[3]]) and pu[2] == 0),
        ("A terceira coordenada continua exatamente zero", lambda L: pu[2] == 0 and (w - eta*g1)[2] != 0),
        ("**Elastic net.**", lambda L: rnd_trials(elastic)),
    ]

# ====================================================================== 09
@spec("09_schedule_coseno_it.md")
def s09():
    emax, emin, W, T = 3e-4, 3e-5, 1000, 11000
    D = 0.5*(emax - emin)
    def eta(t):
        if t < W:
            return emax*t/W
        return emin + 0.5*(emax - emin)*(1 + math.cos(math.pi*(t - W)/(T - W)))
    def slope_claim():
        t = rng.uniform(W + 10, T - 10)
        fd = (eta(t + 1e-3) - eta(t - 1e-3))/2e-3
        return abs(fd - (-D*math.pi/(T - W)*math.sin(math.pi*(t - W)/(T - W)))) < 1e-6*abs(fd) + 1e-16
    sgrid = (np.arange(200000) + 0.5)/200000
    mean_cos = float(np.mean(np.cos(np.pi*sgrid)))
    mean_eta = float(np.mean([eta(W + s*(T - W)) for s in (np.arange(4000) + 0.5)/4000]))
    return [
        ("Lo schedule usato in molti training", GIVEN),
        ("\\eta(t)=", GIVEN),
        ("\\eta_{\\max}\\,\\dfrac{t}{W}, & 0 \\le t < W", GIVEN),
        ("\\eta_{\\min} + \\dfrac{1}{2}\\,(\\eta_{\\max}-\\eta_{\\min})\\left(1+\\cos", GIVEN),
        ("Lo schedule è continuo in $t = W$", lambda L: abs(eta(W - 1e-9) - emax) < 1e-12 and abs(eta(W) - emax) < 1e-15 and abs(eta(T) - emin) < 1e-15 and math.cos(math.pi) == -1),
        ("**Dati.**", lambda L: num(L, "2{,}7\\cdot 10^{-4}", emax - emin) and num(L, "1{,}35\\cdot 10^{-4}", D)),
        ("1. $t = 250$ (warmup)", lambda L: num(L, "7{,}5\\cdot 10^{-5}", eta(250))),
        ("2. $t = 1000$:", lambda L: abs(eta(1000) - emax) < 1e-16 and abs(emin + 2*D - emax) < 1e-16),
        ("3. $t = 4000$:", lambda L: num(L, "0{,}3", (4000 - W)/(T - W), "s = 0{,}3$") and num(L, "0{,}8090", math.cos(0.3*math.pi))),
        ("$$\\eta = 3\\cdot 10^{-5} + 1{,}35\\cdot 10^{-4}\\cdot 1{,}8090", lambda L: num(L, "1{,}8090", 1 + math.cos(.3*math.pi)) and
            num(L, "2{,}442\\cdot 10^{-4}", D*(1 + math.cos(.3*math.pi))) and num(L, "2{,}742\\cdot 10^{-4}", eta(4000))),
        ("4. $t = 6000$:", lambda L: abs(math.cos(math.pi/2)) < 1e-15 and num(L, "1{,}65\\cdot 10^{-4}", eta(6000)) and abs(eta(6000) - (emax + emin)/2) < 1e-16),
        ("5. $t = 8500$:", lambda L: (8500 - W)/(T - W) == 0.75 and abs(math.cos(.75*math.pi) + math.sqrt(2)/2) < 1e-15 and num(L, "-0{,}7071", math.cos(.75*math.pi))),
        ("$$\\eta \\approx 3\\cdot 10^{-5} + 1{,}35\\cdot 10^{-4}\\cdot 0{,}2929", lambda L: num(L, "0{,}2929", 1 + math.cos(.75*math.pi)) and
            num(L, "3{,}954\\cdot 10^{-5}", D*(1 + math.cos(.75*math.pi))) and num(L, "6{,}954\\cdot 10^{-5}", eta(8500))),
        ("6. $t = 11000$:", lambda L: abs(eta(11000) - emin) < 1e-16),
        ("**Pendenza.**", GIVEN),
        ("\\frac{d\\eta}{dt} = -\\Delta\\,\\frac{\\pi}{T-W}", lambda L: rnd_trials(slope_claim)),
        ("La discesa è più ripida a metà", lambda L: abs(math.sin(math.pi/2) - 1) < 1e-15 and
            all(abs(math.sin(math.pi*s)) <= 1 for s in np.linspace(0, 1, 101))),
        ("\\left.\\frac{d\\eta}{dt}\\right|_{t=6000}", lambda L: num(L, "-4{,}241\\cdot 10^{-8}", (eta(6000 + 1e-3) - eta(6000 - 1e-3))/2e-3)),
        ("mentre agli estremi $t = W$", lambda L: abs(D*math.pi/(T - W)*math.sin(0)) < 1e-20 and abs(math.sin(math.pi)) < 1e-15 and
            abs((eta(500.001) - eta(499.999))/0.002 - 3e-7) < 1e-12 and num(L, "3\\cdot 10^{-7}", emax/W)),
        ("**Learning rate medio.**", lambda L: abs(mean_cos) < 1e-9),
        ("\\bar\\eta = \\eta_{\\min} + \\Delta", lambda L: abs(mean_eta - (emin + D)) < 1e-9 and abs((emax + emin)/2 - (emin + D)) < 1e-18 and num(L, "1{,}65\\cdot 10^{-4}", mean_eta)),
    ]

# ====================================================================== 10
@spec("10_optimizer_memory_ko.md")
def s10():
    params = [np.zeros((256, 784), np.float32), np.zeros(256, np.float32), np.zeros((10, 256), np.float32), np.zeros(10, np.float32)]
    N = sum(p.size for p in params)
    def states(kind, ps):
        if kind == 'sgd': return []
        if kind == 'mom': return [np.zeros_like(p) for p in ps]
        if kind == 'adam': return [np.zeros_like(p) for p in ps] + [np.zeros_like(p) for p in ps]
    per = {k: sum(s.size for s in states(k, params))/N for k in ['sgd', 'mom', 'adam']}
    def fp32_bytes(kind):
        grads = [np.zeros_like(p) for p in params]
        return sum(p.nbytes for p in params) + sum(g.nbytes for g in grads) + sum(s.nbytes for s in states(kind, params))
    fp16 = np.zeros(1, np.float16).nbytes; fp32 = np.zeros(1, np.float32).nbytes
    mixed = fp16 + fp16 + 3*fp32
    N7 = 7e9
    def I(L, txt, val):  # integer with {,} thousands separators
        has(L, txt); return int(txt.replace('{,}', '')) == val
    return [
        ("학습 중 GPU 메모리는 크게", GIVEN),
        ("| SGD (모멘텀 없음) | $0$", lambda L: per['sgd'] == 0),
        ("| SGD + 모멘텀 / Nesterov | $1$", lambda L: per['mom'] == 1),
        ("| Adam / AdamW | $2$", lambda L: per['adam'] == 2),
        ("따라서 fp32(4바이트) 기준으로", lambda L: fp32 == 4 and fp32_bytes('adam') == 16*N and fp32_bytes('mom') == 12*N and fp32_bytes('sgd') == 8*N
            and per['adam']*fp32 == 8),
        ("입력 784, 은닉 256, 출력 10인", GIVEN),
        ("- 1층:", lambda L: I(L, "200{,}704", params[0].size) and I(L, "200{,}960", params[0].size + params[1].size) and params[1].size == 256),
        ("- 2층:", lambda L: I(L, "2{,}560", params[2].size) and I(L, "2{,}570", params[2].size + params[3].size)),
        ("- 합계:", lambda L: I(L, "203{,}530", N)),
        ("fp32 Adam이면 $16 \\times 203{,}530", lambda L: I(L, "3{,}256{,}480", fp32_bytes('adam')) and num(L, "3.11", fp32_bytes('adam')/2**20)
            and I(L, "814{,}120", sum(p.nbytes for p in params)) and fp32_bytes('adam') == 4*sum(p.nbytes for p in params)),
        ("ZeRO 논문(Rajbhandari et al.)의", GIVEN),
        ("\\underbrace{2}_{\\text{fp16 파라미터}}", lambda L: mixed == 16 and fp16 == 2),
        ("이다. 혼합 정밀도를 써도", lambda L: 3*fp32 == 12 and mixed == fp32_bytes('adam')/N),
        ("7B 모델이라면", lambda L: num(L, "1.12 \\times 10^{11}", 16*N7) and abs(16*N7/1e9 - 112) < 1e-9 and num(L, "104.3", 16*N7/2**30)
            and 16*N7/1e9 > 80),
        ("**ZeRO stage 1**", lambda L: abs(2 + 2 + 12/8 - 5.5) < 1e-12 and num(L, "38.5", 5.5*N7/1e9)),
        ("- **Adafactor**:", lambda L: I(L, "200{,}704", params[0].size) and I(L, "1{,}040", params[0].shape[0] + params[0].shape[1])
            and num(L, "193", params[0].size/(params[0].shape[0] + params[0].shape[1]))),
        ("- **8-bit Adam**:", lambda L: np.zeros(1, np.uint8).nbytes*2 == 2 and per['adam']*fp32 == 8),
        ("- **SGD + 모멘텀으로 교체**:", lambda L: per['adam'] == 2 and per['mom'] == 1),
    ]

# ====================================================================== 11
@spec("11_weight_decay_sgd_pl.md")
def s11():
    def grad_hess():
        lam = rng.uniform(.1, 2); A = rng.normal(size=(3, 3)); w = rng.normal(size=3)
        Lf = lambda x: np.sum(np.sin(A @ x)) + 0.3*np.sum(x**4); J = lambda x: Lf(x) + lam/2*np.sum(x**2)
        gJ = lambda x: fd_grad(J, x, 1e-5); gL = lambda x: fd_grad(Lf, x, 1e-5)
        HJ = fd_jac(gJ, w, 1e-4); HL = fd_jac(gL, w, 1e-4)
        ev = np.linalg.eigvalsh((HJ + HJ.T)/2) - np.linalg.eigvalsh((HL + HL.T)/2)
        return close(gJ(w), gL(w) + lam*w, 1e-5) and close(HJ, HL + lam*np.eye(3), 1e-4) and close(ev, lam*np.ones(3), 1e-4)
    def step():
        lam, eta = rng.uniform(0, 1), rng.uniform(0, .5); w, g = rng.normal(size=3), rng.normal(size=3)
        return close(w - eta*(g + lam*w), (1 - eta*lam)*w - eta*g)
    def equiv():
        lam, eta = rng.uniform(0, 1), rng.uniform(.01, .5); w, g = rng.normal(size=3), rng.normal(size=3)
        lp = eta*lam
        a = w - eta*(g + lam*w); b = (1 - lp)*w - eta*g
        c = (1 - (lp + 0.01))*w - eta*g
        return close(a, b) and not close(a, c)
    def closed():
        lam, eta = rng.uniform(.1, 1), rng.uniform(.01, .5); a = rng.normal(size=2); w0 = rng.normal(size=2); ws = -a/lam
        w = w0.copy(); ok = close(a + lam*ws, 0*a)
        for t in range(1, 7):
            wn = w - eta*(a + lam*w)
            ok &= close(wn - ws, (1 - eta*lam)*(w - ws)) and close(wn, ws + (1 - eta*lam)**t*(w0 - ws))
            w = wn
        return ok
    a = np.array([0.4, 0.2]); eta, lam = 0.1, 0.5; w0 = np.array([1.0, -2.0])
    ws_ = [w0]
    for _ in range(2):
        ws_.append(ws_[-1] - eta*(a + lam*ws_[-1]))
    w1, w2 = ws_[1], ws_[2]; wstar = -a/lam
    def V(L, txts, vals):
        return all([num(L, t, v) for t, v in zip(txts, vals)])
    return [
        ("**Polecenie.** Pokazać", GIVEN),
        ("Funkcja celu z karą L2", GIVEN),
        ("$$\\nabla J(\\mathbf w) = \\nabla L(\\mathbf w) + \\lambda \\mathbf w ,$$", lambda L: rnd_trials(grad_hess, 3)),
        ("a hesjan przesuwa się o", lambda L: rnd_trials(grad_hess, 3)),
        ("Krok SGD z długością kroku", GIVEN),
        ("$$\\mathbf w_{t+1} = \\mathbf w_t - \\eta\\bigl(", lambda L: rnd_trials(step)),
        ("*Weight decay* w sensie Hansona", lambda L: rnd_trials(equiv)),
        ("$$\\lambda' = \\eta\\lambda .$$", lambda L: rnd_trials(equiv)),
        ("Wniosek praktyczny:", lambda L: rnd_trials(lambda: (lambda lp, e1, e2: abs(lp/e1 - lp/e2) > 0 and close((lp/e1)*e1, lp))(rng.uniform(.001, .1), rng.uniform(.1, .5), rng.uniform(.6, 1)))),
        ("**Przykład.** Niech", lambda L: rnd_trials(lambda: close(fd_grad(lambda w: a @ w, rng.normal(size=2)), a)) and num(L, "0{,}05", eta*lam) and num(L, "0{,}95", 1 - eta*lam)),
        ("- $\\mathbf w_1 = 0{,}95", lambda L: V(L, ["0{,}04", "0{,}02", "0{,}91", "-1{,}92"], [eta*a[0], eta*a[1], w1[0], w1[1]]) and
            num(L, "0{,}95", .95*w0[0], "(0{,}95 - 0{,}04") and num(L, "-1{,}9", .95*w0[1], "-1{,}9 - 0{,}02")),
        ("- $\\mathbf w_2 = 0{,}95", lambda L: V(L, ["0{,}8645", "-1{,}824", "0{,}8245", "-1{,}844"], [.95*w1[0], .95*w1[1], w2[0], w2[1]])),
        ("Ten sam wynik daje krok", lambda L: num(L, "0{,}9", a[0] + lam*w0[0], "= 0{,}9$") and num(L, "0{,}91", w0[0] - eta*(a[0] + lam*w0[0]))),
        ("**Postać zamknięta.**", lambda L: V(L, ["-0{,}8", "-0{,}4"], wstar) and close(a + lam*wstar, [0, 0])),
        ("$$\\mathbf w_{t+1} - \\mathbf w^* = (1-\\eta\\lambda)", lambda L: rnd_trials(closed)),
        ("Sprawdzenie dla $t = 2$:", lambda L: V(L, ["1{,}8", "-1{,}6", "0{,}9025"], [*(w0 - wstar), .95**2])),
        ("$$\\mathbf w_2 = (-0{,}8;\\ -0{,}4) + 0{,}9025", lambda L: V(L, ["1{,}6245", "1{,}444", "0{,}8245", "-1{,}844"],
            [.9025*(w0 - wstar)[0], -.9025*(w0 - wstar)[1], *(wstar + .9025*(w0 - wstar))]) and close(wstar + .9025*(w0 - wstar), w2)),
        ("Błąd maleje geometrycznie", lambda L: num(L, "0{,}0769", 0.95**50) and rnd_trials(closed)),
        ("**Uwaga.** Dla Adama", lambda L: rnd_trials(lambda: (lambda th, g, lam_, eta_: not close(
            th - eta_*adam_states([g + lam_*th], .9, .999)[0]['mh']/math.sqrt(adam_states([g + lam_*th], .9, .999)[0]['vh']),
            (1 - eta_*lam_)*th - eta_*adam_states([g], .9, .999)[0]['mh']/math.sqrt(adam_states([g], .9, .999)[0]['vh'])))(
            rng.uniform(1, 2), rng.uniform(.1, 1), rng.uniform(.1, .5), 0.01))),
    ]

# ====================================================================== 12
@spec("12_trung_binh_truot_mu_vi.md")
def s12():
    def ema(xs, b):
        s = 0.0; out = []
        for x in xs:
            s = b*s + (1 - b)*x; out.append(s)
        return out
    def unroll_claim():
        t = int(rng.integers(1, 10)); b = rng.uniform(.05, .99); xs = rng.normal(size=t)
        return close(ema(xs, b)[-1], (1 - b)*sum(b**(t - k + 1)*xs[k-1] for k in range(1, t+1)))
    def weights_decay():
        t = int(rng.integers(2, 10)); b = rng.uniform(.05, .99)
        w = [fd_grad(lambda z: ema(z, b)[-1], np.zeros(t))[k] for k in range(t)]
        return all(abs(w[k-1]/w[k] - b) < 1e-6 for k in range(1, t))
    def wsum():
        t = int(rng.integers(1, 30)); b = rng.uniform(.05, .99)
        return close(ema(np.ones(t), b)[-1], (1 - b)*sum(b**j for j in range(t))) and close(ema(np.ones(t), b)[-1], 1 - b**t) and 1 - b**t < 1
    def unbiased():
        t = int(rng.integers(1, 30)); b = rng.uniform(.05, .99); mu = rng.normal()
        return close(ema(mu*np.ones(t), b)[-1]/(1 - b**t), mu)
    b = 0.9; xs = [2., 4., 3.]; S = ema(xs, b)
    return [
        ("Cả Momentum lẫn Adam đều dựa trên", GIVEN),
        ("Với dãy $x_1, x_2, \\dots$", GIVEN),
        ("$$s_t = \\beta\\, s_{t-1}", GIVEN),
        ("Thay liên tiếp", GIVEN),
        ("$$s_t = (1-\\beta)\\sum_{k=1}^{t}", lambda L: rnd_trials(unroll_claim)),
        ("Như vậy phần tử $x_k$ càng cũ", lambda L: rnd_trials(weights_decay)),
        ("$$(1-\\beta)\\sum_{j=0}^{t-1}\\beta^{\\,j}", lambda L: rnd_trials(wsum)),
        ("Vì vậy khi $t$ nhỏ, $s_t$ bị kéo về $0$", lambda L: rnd_trials(unbiased)),
        ("$$\\hat s_t = \\frac{s_t}{1-\\beta^t}.$$", lambda L: rnd_trials(unbiased)),
        ("Đây chính là bước *bias correction*", lambda L: close(adam_states([1.3]*5, .9, .999)[-1]['mh'], 1.3)),
        ("Lấy $\\beta = 0{,}9$ và", GIVEN),
        ("- $s_1 = 0{,}1\\cdot 2", lambda L: num(L, "0{,}2", S[0], "= 0{,}2$")),
        ("- $s_2 = 0{,}9\\cdot 0{,}2", lambda L: num(L, "0{,}18", b*S[0]) and num(L, "0{,}4", .1*4, "+ 0{,}4 =") and num(L, "0{,}58", S[1], "= 0{,}58$")),
        ("- $s_3 = 0{,}9\\cdot 0{,}58", lambda L: num(L, "0{,}522", b*S[1]) and num(L, "0{,}3", .1*3, "+ 0{,}3 =") and num(L, "0{,}822", S[2], "= 0{,}822$")),
        ("Kiểm tra bằng công thức khai triển", lambda L: num(L, "8{,}22", .81*2 + .9*4 + 3) and num(L, "0{,}822", S[2], "= 0{,}822$")
            and abs((1 - b)*sum(b**(3 - k)*xs[k-1] for k in range(1, 4)) - S[2]) < 1e-12),
        ("Trung bình cộng thật của ba số", lambda L: np.mean(xs) == 3 and num(L, "0{,}271", 1 - b**3) and num(L, "3{,}033", S[2]/(1 - b**3))
            and num(L, "3{,}053", S[1]/(1 - b**2)) and num(L, "0{,}19", 1 - b**2, "0{,}58/0{,}19")),
        ("Người ta thường nói EMA", lambda L: abs(1/(1 - .9) - 10) < 1e-9 and abs(1/(1 - .999) - 1000) < 1e-6),
        ("Chính xác hơn, tỉ lệ trọng số", GIVEN),
        ("$$1 - \\beta^{10} = 1 - 0{,}9^{10}", lambda L: num(L, "0{,}3487", .9**10) and num(L, "0{,}6513", 1 - .9**10)
            and abs((1 - b)*sum(b**j for j in range(10)) - (1 - .9**10)) < 1e-12),
        ("gần với $1 - e^{-1}", lambda L: num(L, "0{,}632", 1 - math.exp(-1)) and abs(.9**10 - math.exp(-1)) < .02 and abs(.999**1000 - math.exp(-1)) < 1e-3),
        ("Chu kỳ bán rã $h$", lambda L: rnd_trials(lambda: (lambda bb: abs(bb**(math.log(2)/-math.log(bb)) - .5) < 1e-12)(rng.uniform(.1, .999)))),
        ("$$h = \\frac{\\ln 2}{-\\ln\\beta}", lambda L: num(L, "0{,}6931", math.log(2)) and num(L, "0{,}1054", -math.log(.9)) and num(L, "6{,}58", math.log(2)/-math.log(.9))),
        ("Với $\\beta = 0{,}999$ thì", lambda L: num(L, "692{,}8", math.log(2)/-math.log(.999))),
    ]

# ====================================================================== 13
def pmats(L):
    """all pmatrix blocks of a line as float arrays (numeric entries only)"""
    out = []
    for body in re.findall(r'\\begin\{pmatrix\}(.*?)\\end\{pmatrix\}', L):
        rows = [r for r in body.split('\\\\')]
        try:
            out.append(np.array([[parse(c.strip())[0] for c in r.split('&')] for r in rows]))
        except ValueError:
            out.append(None)
    return out

@spec("13_dropout_backprop_nl.md")
def s13():
    x = np.array([1., 2., -1.]); r = np.array([1., 0., 1.]); q = 0.5
    W = np.array([[1., -1., .5], [0., 2., 1.]]); b = np.array([.1, -.2]); y = np.array([1., -2.])
    def parts(W, b, x, r, q, y):
        xt = r*x/q; z = W @ xt + b; return xt, z, 0.5*np.sum((z - y)**2)
    xt, z, Lv = parts(W, b, x, r, q, y); d = z - y
    gW = fd_jac(lambda w: np.array([parts(w.reshape(2, 3), b, x, r, q, y)[2]]), W.ravel()).reshape(2, 3)
    gx = fd_grad(lambda v: parts(W, b, v, r, q, y)[2], x)
    def rand_setup():
        W_ = rng.normal(size=(2, 3)); b_ = rng.normal(size=2); x_ = rng.normal(size=3); y_ = rng.normal(size=2)
        q_ = rng.uniform(.2, .9); r_ = (rng.random(3) < .6).astype(float)
        return W_, b_, x_, r_, q_, y_
    def claim_delta():
        W_, b_, x_, r_, q_, y_ = rand_setup(); xt_, z_, _ = parts(W_, b_, x_, r_, q_, y_)
        dz = fd_grad(lambda zz: 0.5*np.sum((zz - y_)**2), z_)
        dzdW = fd_jac(lambda w: w.reshape(2, 3) @ xt_ + b_, W_.ravel()).reshape(2, 2, 3)
        return close(dz, z_ - y_) and all(close(dzdW[i, i, :], xt_) for i in range(2))
    def claim_gW():
        W_, b_, x_, r_, q_, y_ = rand_setup(); xt_, z_, _ = parts(W_, b_, x_, r_, q_, y_)
        G = fd_jac(lambda w: np.array([parts(w.reshape(2, 3), b_, x_, r_, q_, y_)[2]]), W_.ravel()).reshape(2, 3)
        Gb = fd_grad(lambda bb: parts(W_, bb, x_, r_, q_, y_)[2], b_)
        return close(G, np.outer(xt_, z_ - y_)) and close(Gb, z_ - y_)
    def claim_gx():
        W_, b_, x_, r_, q_, y_ = rand_setup(); xt_, z_, _ = parts(W_, b_, x_, r_, q_, y_); d_ = z_ - y_
        gxt = fd_grad(lambda v: 0.5*np.sum((W_ @ v + b_ - y_)**2), xt_)
        gx_ = fd_grad(lambda v: parts(W_, b_, v, r_, q_, y_)[2], x_)
        return close(gxt, W_.T @ d_) and close(gx_, r_/q_*(W_.T @ d_))
    return [
        ("**Gegeven.** Een lineaire laag", GIVEN),
        ("$$\\tilde{\\mathbf x} = \\frac{1}{q}", GIVEN),
        ("met $\\mathbf x \\in \\mathbb R^3$", lambda L: W.shape == (2, 3) and (W @ xt).shape == (2,)),
        ("Noem $\\boldsymbol\\delta", lambda L: rnd_trials(claim_delta)),
        ("$$\\frac{\\partial L}{\\partial W} = \\tilde{\\mathbf x}\\,\\boldsymbol\\delta^{\\top}", lambda L: rnd_trials(claim_gW)),
        ("Voor de invoer gebruiken we de kettingregel", GIVEN),
        ("$$\\frac{\\partial L}{\\partial \\tilde{\\mathbf x}} = W^{\\top}", lambda L: rnd_trials(claim_gx)),
        ("De dropout-laag heeft zelf geen parameters", lambda L: rnd_trials(claim_gx)),
        ("**b) Getallenvoorbeeld.**", lambda L: num(L, "2", 1/q, "1/q = 2$")),
        ("$$\\mathbf x = \\begin{pmatrix}1\\\\2\\\\-1", lambda L: close(pmats(L)[0].ravel(), x) and close(pmats(L)[1].ravel(), r) and close(pmats(L)[2], W)
            and close(pmats(L)[3].ravel(), b) and close(pmats(L)[4].ravel(), y)),
        ("- $\\tilde{\\mathbf x} = 2\\cdot", lambda L: close(xt, [2, 0, -2]) and close(r*x, [1, 0, -1])),
        ("- $\\mathbf z = (2 - 0 - 1", lambda L: close(W[0]*xt, [2, 0, -1]) and close(W[1]*xt, [0, 0, -2]) and num(L, "1{,}1", z[0]) and num(L, "-2{,}2", z[1])),
        ("- $\\boldsymbol\\delta = \\mathbf z - \\mathbf y", lambda L: num(L, "0{,}1", d[0], "(0{,}1;") and num(L, "-0{,}2", d[1]) and
            num(L, "0{,}01", d[0]**2) and num(L, "0{,}04", d[1]**2) and num(L, "0{,}025", Lv)),
        ("$$\\frac{\\partial L}{\\partial W} = \\begin{pmatrix}2", lambda L: close(pmats(L)[0].ravel(), xt) and close(pmats(L)[1].ravel(), d)
            and close(pmats(L)[2], gW)),
        ("$$W^\\top\\boldsymbol\\delta = \\begin{pmatrix}1\\cdot 0{,}1", lambda L: has(L, "1\\cdot 0{,}1 + 0", "-1\\cdot 0{,}1 + 2\\cdot(-0{,}2)", "0{,}5\\cdot 0{,}1 + 1\\cdot(-0{,}2)")
            and close(pmats(L)[1].ravel(), W.T @ d) and close(pmats(L)[2].ravel(), [(W.T @ d)[0], 0, (W.T @ d)[2]]) and close(pmats(L)[3].ravel(), gx)),
        ("De tweede component van", lambda L: gx[1] == 0 and num(L, "-0{,}5", (W.T @ d)[1]) and np.all(gW[:, 1] == 0) and xt[1] == 0),
        ("**c) Controle met eindige differenties.**", lambda L: (lambda h: num(L, "2\\cdot 10^{-4}", parts(W, b, x + [h, 0, 0], r, q, y)[2] - Lv)
            and close(parts(W, b, x + [h, 0, 0], r, q, y)[0] - xt, [2*h, 0, 0]) and close(parts(W, b, x + [h, 0, 0], r, q, y)[1] - z, [2*h, 0])
            and num(L, "0{,}2", gx[0], "= 0{,}2$"))(1e-3)),
    ]

# ====================================================================== 14
@spec("14_global_norm_clipping_tr.md")
def s14():
    GW = np.array([[1., 2.], [-2., 4.]]); gb = np.array([-6., 8.]); c = 5.0
    tot = math.sqrt(np.sum(GW**2) + np.sum(gb**2)); s = min(1, c/tot)
    GWc, gbc = s*GW, s*gb
    def glob_def():
        Gs = [rng.normal(size=(2, 3)), rng.normal(size=4), rng.normal(size=(2, 2, 2))]
        flat = np.concatenate([g.ravel() for g in Gs])
        return close(math.sqrt(sum(np.linalg.norm(g)**2 for g in Gs)), np.linalg.norm(flat))
    def glob_clip():
        Gs = [rng.normal(size=(2, 3)), rng.normal(size=4)]; cc = rng.uniform(.5, 4)
        flat = np.concatenate([g.ravel() for g in Gs]); n = np.linalg.norm(flat); ss = min(1, cc/n)
        flat2 = np.concatenate([(ss*g).ravel() for g in Gs])
        gn = fd_grad(lambda v: np.linalg.norm(v), flat)
        return close(flat2/np.linalg.norm(flat2), flat/n) and close(np.linalg.norm(flat2), min(n, cc)) and close(gn, flat/n)
    pt_W = GW*min(1, c/np.linalg.norm(GW)); pt_b = gb*min(1, c/np.linalg.norm(gb))
    tot_pt = math.sqrt(np.sum(pt_W**2) + np.sum(pt_b**2))
    return [
        ("Gerçek bir modelde tek bir gradyan", lambda L: rnd_trials(glob_def)),
        ("Parametre tensörleri $P_1", GIVEN),
        ("\\lVert G\\rVert = \\sqrt{\\sum_{k=1}^{K}", lambda L: rnd_trials(glob_def)),
        ("olarak tanımlanır ($\\lVert\\cdot\\rVert_F$", GIVEN),
        ("s = \\min\\!\\left(1,\\ \\frac{c}", GIVEN),
        ("Tüm tensörler **aynı** $s$ ile", lambda L: rnd_trials(glob_clip)),
        ("Bir doğrusal katmanın gradyanları", GIVEN),
        ("G_W = \\begin{pmatrix} 1 & 2", GIVEN),
        ("1. $\\lVert G_W\\rVert_F^2", lambda L: close((GW**2).ravel(), [1, 4, 4, 16]) and np.sum(GW**2) == 25 and np.linalg.norm(GW) == 5),
        ("2. $\\lVert g_b\\rVert^2", lambda L: close(gb**2, [36, 64]) and np.sum(gb**2) == 100 and np.linalg.norm(gb) == 10),
        ("3. Global norm:", lambda L: num(L, "11{,}180", tot) and abs(tot**2 - 125) < 1e-9),
        ("4. $11{,}180 > 5$", lambda L: tot > c and abs(5/math.sqrt(125) - 1/math.sqrt(5)) < 1e-15 and num(L, "0{,}4472", s)),
        ("5. Kırpılmış gradyanlar", GIVEN),
        ("G_W' \\approx \\begin{pmatrix}", lambda L: all(abs(pmats(L)[0] - GWc).ravel() <= 5e-5) and all(abs(pmats(L)[1].ravel() - gbc) <= 5e-5)),
        ("6. Kontrol:", lambda L: abs(s**2*125 - 25) < 1e-9 and abs(s**2 - 1/5) < 1e-15 and abs(math.sqrt(np.sum(GWc**2) + np.sum(gbc**2)) - 5) < 1e-12),
        ("Aynı eşiği her tensöre", GIVEN),
        ("- $G_W$: normu $5 \\le 5$", lambda L: close(pt_W, GW)),
        ("- $g_b$: normu $10 > 5$", lambda L: num(L, "0{,}5", c/np.linalg.norm(gb)) and close(pt_b, [-3, 4])),
        ("Bu durumda toplam norm", lambda L: num(L, "7{,}071", tot_pt) and tot_pt > c and np.linalg.norm(GW)/np.linalg.norm(gb) == 0.5
            and abs(np.linalg.norm(pt_W)/np.linalg.norm(pt_b) - 1) < 1e-12 and abs(np.linalg.norm(GWc)/np.linalg.norm(gbc) - .5) < 1e-12
            and abs(np.linalg.norm(GWc) - math.sqrt(5)) < 1e-12 and abs(np.linalg.norm(gbc) - 2*math.sqrt(5)) < 1e-12),
        ("PyTorch aslında `clip_coef", lambda L: abs(min(1, c/(tot + 1e-6)) - s) < 1e-6),
    ]

# ====================================================================== 15
@spec("15_noam_schedule_en.md")
def s15():
    d, w = 512, 4000
    def lr(s, d=d, w=w):
        return d**-0.5*min(s**-0.5, s*w**-1.5)
    def regimes():
        dd, ww = rng.uniform(64, 2048), rng.uniform(100, 10000)
        s1, s2 = rng.uniform(1, ww*.99), rng.uniform(ww*1.01, 50*ww)
        return close(lr(s1, dd, ww), dd**-.5*ww**-1.5*s1) and close(lr(s2, dd, ww), dd**-.5*s2**-.5)
    def cross():
        dd, ww = rng.uniform(64, 2048), rng.uniform(100, 10000)
        return close(ww**-0.5, ww*ww**-1.5) and close(lr(ww, dd, ww), 1/math.sqrt(dd*ww)) and \
            max(lr(s, dd, ww) for s in np.linspace(1, 5*ww, 5001)) <= lr(ww, dd, ww)*(1 + 1e-12)
    def slope():
        s = rng.uniform(w*1.1, 100*w)
        fd = (lr(s + 1e-2) - lr(s - 1e-2))/2e-2
        return abs(fd - (-0.5*d**-0.5*s**-1.5)) < 1e-6*abs(fd)
    def code():
        st = int(rng.integers(0, 50000))
        loc = {}
        exec("def rate(step, d_model=512, warmup=4000, factor=1.0):\n    step = max(step, 1)\n    return factor * d_model ** -0.5 * min(step ** -0.5, step * warmup ** -1.5)\n", {}, loc)
        return close(loc['rate'](st), lr(max(st, 1)), 1e-12)
    peak = lr(w)
    return [
        ("**Q: What exactly does", GIVEN),
        ("**A:** The schedule in Section 5.3", GIVEN),
        ("$$\\text{lrate}(s) = d_{\\text{model}}^{-0.5}", GIVEN),
        ("with $s$ the step number", GIVEN),
        ("* for small $s$ the second argument", lambda L: rnd_trials(regimes)),
        ("* for large $s$ the first one wins", lambda L: rnd_trials(regimes)),
        ("They cross where", lambda L: rnd_trials(cross)),
        ("\\text{lrate}_{\\max} = d^{-0.5} w^{-0.5}", lambda L: num(L, "1431.08", math.sqrt(d*w)) and num(L, "6.988\\times 10^{-4}", peak) and rnd_trials(cross)),
        ("Some numbers (same $d$, $w$)", GIVEN),
        ("* $s = 1000$:", lambda L: num(L, "252982", w**1.5) and num(L, "0.044194", d**-.5) and num(L, "1.747\\times 10^{-4}", lr(1000), "\\approx 1.747\\times 10^{-4}$. Sanity")
            and abs(lr(1000) - peak*1000/4000) < 1e-15 and num(L, "6.988\\times 10^{-4}", peak) and num(L, "1.747\\times 10^{-4}", peak/4, "/4 = 1.747\\times 10^{-4}")),
        ("* $s = 4000$: the peak", lambda L: num(L, "6.988\\times 10^{-4}", lr(4000))),
        ("After the peak the decay is a power law", lambda L: rnd_trials(lambda: (lambda s, k: close(lr(k*s)/lr(s), k**-0.5))(rng.uniform(w, 10*w), rng.uniform(1, 10)))),
        ("\\frac{\\text{lrate}(2w)}{\\text{lrate}(w)}", lambda L: abs(lr(2*w)/lr(w) - 0.5) < 1e-9),
        ("So at $s = 8000$ you're at", lambda L: num(L, "3.494\\times 10^{-4}", lr(8000))),
        ("* $s = 16000$:", lambda L: num(L, "3.494\\times 10^{-4}", lr(16000)) and 512*16000 == 8192000),
        ("The slope after warmup is", GIVEN),
        ("$$\\frac{d\\,\\text{lrate}}{ds} = -\\tfrac12", lambda L: rnd_trials(slope)),
        ("which at $s = 8000$ is", lambda L: num(L, "0.044194", d**-.5) and num(L, "1.3975\\times 10^{-6}", 8000**-1.5) and
            num(L, "-3.088\\times 10^{-8}", (lr(8000 + 1e-2) - lr(8000 - 1e-2))/2e-2)),
        ("In code (this is what the Annotated", GIVEN),
        ("def rate(step, d_model=512", lambda L: rnd_trials(code)),
        ("step = max(step, 1)", lambda L: rnd_trials(code)),
        ("return factor * d_model ** -0.5", lambda L: rnd_trials(code)),
        ("One practical consequence", lambda L: rnd_trials(lambda: (lambda s: close(lr(s, 2*d)/lr(s), 2**-0.5))(rng.uniform(1, 20000)))
            and num(L, "0.707", 2**-0.5) and close(lr(4*w, d, 4*w)/lr(w), 0.5)),
    ]

# ====================================================================== 16
@spec("16_adam_velikost_kroku_cs.md")
def s16():
    b1, b2 = 0.9, 0.999
    def scale():
        T = int(rng.integers(1, 8)); gs = rng.normal(size=T); c = 10**rng.uniform(-2, 2)
        A = adam_states(gs, .9, .999); B = adam_states(c*gs, .9, .999)
        return all(close(b['m'], c*a['m']) and close(b['v'], c*c*a['v']) and close(b['mh']/math.sqrt(b['vh']), a['mh']/math.sqrt(a['vh'])) for a, b in zip(A, B))
    def const():
        T = int(rng.integers(1, 12)); g = rng.normal()*10**rng.uniform(-2, 2)
        S = adam_states([g]*T, b1, b2)
        return all(close(s['m'], (1 - b1**t)*g) and close(s['v'], (1 - b2**t)*g*g) and close(s['mh'], g) and close(s['vh'], g*g)
                   and close(-s['mh']/math.sqrt(s['vh']), -np.sign(g)) for t, s in enumerate(S, 1))
    def single():
        T = int(rng.integers(1, 15)); g = rng.normal()*10**rng.uniform(-2, 2)
        S = adam_states([g] + [0.0]*(T - 1), b1, b2)
        return all(close(s['m'], (1 - b1)*b1**(t - 1)*g) and close(s['v'], (1 - b2)*b2**(t - 1)*g*g) and
                   close(abs(s['mh'])/math.sqrt(s['vh']), ((1 - b1)*b1**(t - 1)/(1 - b1**t))/math.sqrt((1 - b2)*b2**(t - 1)/(1 - b2**t)))
                   for t, s in enumerate(S, 1))
    def ratio(t):
        return (1 - b1)*b1**(t - 1)/(1 - b1**t), math.sqrt((1 - b2)*b2**(t - 1)/(1 - b2**t))
    S1 = adam_states([0.7] + [0.0]*2000, b1, b2)
    total = sum(abs(s['mh'])/math.sqrt(s['vh']) for s in S1)
    S0 = adam_states([0.7] + [0.0]*50, 0.0, b2)
    rr = [abs(s['mh'])/math.sqrt(s['vh']) for s in S0]
    return [
        ("Připomeňme aktualizaci Adamu", GIVEN),
        ("\\Delta_t = -\\alpha\\,\\frac{\\hat m_t}{\\sqrt{\\hat v_t}}, \\qquad", GIVEN),
        ("**Tvrzení 3.4.1", lambda L: rnd_trials(scale)),
        ("\\frac{c\\,\\hat m_t}{\\sqrt{c^2\\hat v_t}}", lambda L: rnd_trials(scale)),
        ("takže krok $\\Delta_t$ se nezmění", lambda L: rnd_trials(scale)),
        ("**Tvrzení 3.4.2", lambda L: rnd_trials(const)),
        ("\\Delta_t = -\\alpha\\,\\operatorname{sgn}(g) \\quad", lambda L: rnd_trials(const)),
        ("Adam se tedy pohybuje rychlostí přesně", lambda L: rnd_trials(const)),
        ("**Příklad 3.4.3", GIVEN),
        ("m_t = (1-\\beta_1)\\,\\beta_1^{t-1} g, \\qquad", lambda L: rnd_trials(single)),
        ("\\frac{|\\hat m_t|}{\\sqrt{\\hat v_t}} = \\frac{(1-\\beta_1)", lambda L: rnd_trials(single)),
        ("nezávisí na $g$. Pro standardní", lambda L: rnd_trials(single)),
        ("- $t = 1$: čitatel", lambda L: ratio(1) == (1.0, 1.0) or close(ratio(1), (1, 1))),
        ("- $t = 2$: čitatel", lambda L: num(L, "0{,}19", 1 - b1**2, "/0{,}19") and num(L, "0{,}4737", ratio(2)[0]) and num(L, "0{,}001999", 1 - b2**2)
            and num(L, "0{,}49975", ratio(2)[1]**2) and num(L, "0{,}7069", ratio(2)[1]) and num(L, "0{,}6701", ratio(2)[0]/ratio(2)[1])),
        ("- $t = 3$: čitatel", lambda L: num(L, "0{,}81", b1**2, "0{,}81/") and num(L, "0{,}271", 1 - b1**3) and num(L, "0{,}2989", ratio(3)[0]) and num(L, "0{,}333", ratio(3)[1]**2)
            and num(L, "0{,}5771", ratio(3)[1]) and num(L, "0{,}5180", ratio(3)[0]/ratio(3)[1])),
        ("- $t = 10$: čitatel", lambda L: num(L, "0{,}03874", .1*b1**9) and num(L, "0{,}6513", 1 - b1**10) and num(L, "0{,}05948", ratio(10)[0])
            and num(L, "0{,}09955", ratio(10)[1]**2) and num(L, "0{,}3155", ratio(10)[1]) and num(L, "0{,}1885", ratio(10)[0]/ratio(10)[1])),
        ("Jediný gradient tak vyvolá řadu kroků", lambda L: total > 2),
        ("**Poznámka (bez korekce vychýlení).**", lambda L: num(L, "0{,}03162", math.sqrt(1 - b2)) and num(L, "3{,}162", S1[0]['m']/math.sqrt(S1[0]['v']))
            and close(S1[0]['m']/math.sqrt(S1[0]['v']), (1 - b1)/math.sqrt(1 - b2)) and S1[0]['m']/math.sqrt(S1[0]['v']) > 3
            and abs(.1/math.sqrt(1 - .99) - 1) < 1e-12),
        ("**Cvičení.**", lambda L: abs(rr[0] - 1) < 1e-12 and all(x == 0 for x in rr[1:])),
    ]

# ====================================================================== runner
MATH_RE = re.compile(r'\$|\\[a-zA-Z]|\d')
STRUCT_RE = re.compile(r'^\s*(\$\$|\\begin\{[a-z*]+\}|\\end\{[a-z*]+\}|\|[-| ]+\||```.*|<!--.*-->|#+ .*)\s*$')

def run_file(name, checks):
    lines = open(os.path.join(HERE, name), encoding='utf-8').read().split('\n')
    covered = set(); failures = []
    for sub, fn in checks:
        idx = [i for i, L in enumerate(lines) if (L.startswith(sub[1:]) if sub.startswith('^') else sub in L)]
        if len(idx) != 1:
            raise CheckerBug("%s: substring %r matches %d lines" % (name, sub, len(idx)))
        i = idx[0]
        covered.add(i)
        if fn is GIVEN:
            continue
        try:
            ok = bool(fn(lines[i]))
        except CheckerBug:
            raise
        except Exception as ex:  # a failed size/shape construction counts as failure
            ok = False
        if not ok:
            failures.append(i + 1)
    uncovered = [i + 1 for i, L in enumerate(lines)
                 if L.strip() and MATH_RE.search(L) and not STRUCT_RE.match(L) and i not in covered]
    return (min(failures) if failures else None), sorted(failures), uncovered

def main():
    expected = json.load(open(os.path.join(HERE, 'expected.json')))
    bad = 0
    for name in sorted(SPECS):
        first, allf, unc = run_file(name, SPECS[name]())
        exp = expected.get(name, 'missing')
        status = 'OK' if first == exp else 'MISMATCH'
        bad += status != 'OK'
        extra = '' if not unc else '  [uncovered math lines: %s]' % unc
        print('%-34s %-8s first_fail=%s expected=%s failing=%s%s' % (name, status, first, exp, allf, extra))
    missing = set(expected) - set(SPECS)
    for m in sorted(missing):
        print('%-34s MISMATCH no spec' % m); bad += 1
    sys.exit(1 if bad else 0)

if __name__ == '__main__':
    main()
