#!/usr/bin/env python
"""Independent NumPy verification of the blind corpus (corpus96).

For every file, each math-bearing line is registered either as a given /
definition (G) or as a check (C = boolean computed here, N = printed numbers
recomputed and compared at printed precision).  The first line whose check
fails is compared with expected.json.
"""
import json, os, re, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(12345)
sig = lambda x: 1.0 / (1.0 + np.exp(-x))
th = np.tanh
EPS = 1e-6


def fd(f, x, eps=EPS):
    """central finite-difference gradient/Jacobian of f at x (scalar or array)."""
    x = np.asarray(x, dtype=float)
    f0 = np.asarray(f(x), dtype=float)
    if x.ndim == 0:
        return (np.asarray(f(x + eps)) - np.asarray(f(x - eps))) / (2 * eps)
    J = np.zeros(f0.shape + x.shape)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x); e[idx] = eps
        J[(Ellipsis,) + idx] = (np.asarray(f(x + e)) - np.asarray(f(x - e))) / (2 * eps)
    return J


def close(a, b, tol=1e-5):
    return np.allclose(np.asarray(a, float), np.asarray(b, float), atol=tol, rtol=tol)


def parse_printed(tok):
    m0 = re.search(r'-?\d+(?:(?:\{,\}|[.,])\d+)?', tok.replace('−', '-'))
    assert m0, 'cannot parse ' + tok
    s = m0.group(0).replace('{,}', '.').replace(',', '.')
    m = re.fullmatch(r'-?\d+(\.(\d+))?', s)
    dec = len(m.group(2)) if m.group(2) else 0
    return float(s), dec


def agrees(tok, value):
    p, dec = parse_printed(tok)
    return abs(p - value) <= 0.5 * 10 ** (-dec) + 1e-9


def parse_int(tok):
    return int(re.sub(r'[^\d]', '', tok))


class Doc:
    def __init__(self, name):
        self.name = name
        self.lines = open(os.path.join(HERE, name), encoding='utf-8').read().split('\n')
        self.checks = {}   # line number -> list of (kind, ok)

    def _find(self, sub):
        hits = [i + 1 for i, l in enumerate(self.lines) if sub in l]
        if len(hits) != 1:
            raise SystemExit(f'{self.name}: substring {sub!r} found {len(hits)} times')
        return hits[0]

    def G(self, sub):
        """a given, a definition or prose around math: nothing to compute."""
        ln = self._find(sub); self.checks.setdefault(ln, []).append(('G', True))

    def C(self, sub, ok):
        ln = self._find(sub); self.checks.setdefault(ln, []).append(('C', bool(ok)))

    def N(self, sub, *pairs):
        """pairs: (printed token, recomputed value); token must occur on that line."""
        ln = self._find(sub)
        for tok, val in pairs:
            if tok not in self.lines[ln - 1]:
                raise SystemExit(f'{self.name}:{ln}: token {tok!r} not on line')
            self.checks.setdefault(ln, []).append(('N', agrees(tok, val)))

    def I(self, sub, *pairs):
        """integer counts."""
        ln = self._find(sub)
        for tok, val in pairs:
            if tok not in self.lines[ln - 1]:
                raise SystemExit(f'{self.name}:{ln}: token {tok!r} not on line')
            self.checks.setdefault(ln, []).append(('I', parse_int(tok) == int(val)))

    def math_lines(self):
        out, in_dd, in_code = [], False, False
        delim = re.compile(r'^(\$\$|\\begin\{\w+\*?\}|\\end\{\w+\*?\}|\\\[|\\\])$')
        for i, l in enumerate(self.lines):
            s = l.strip()
            if i == 0:
                continue
            if s.startswith('```'):
                in_code = not in_code; continue
            if s == '$$':
                in_dd = not in_dd; continue
            if s.startswith('$$') and not (s.endswith('$$') and len(s) > 2):
                in_dd = True
            elif s.endswith('$$') and in_dd:
                in_dd = False; out.append(i + 1); continue
            if not s or delim.match(s):
                continue
            if in_dd or '$' in s or (in_code and re.search(r'\d', s)) or (s.startswith('|') and re.search(r'\d', s)):
                out.append(i + 1)
        return out

    def first_failure(self):
        unc = [ln for ln in self.math_lines() if ln not in self.checks]
        if unc:
            raise SystemExit(f'{self.name}: math lines not covered: {unc}')
        bad = [ln for ln, cs in self.checks.items() if not all(ok for _, ok in cs)]
        return min(bad) if bad else None


def rnd(*shape):
    return rng.uniform(-1, 1, size=shape)


# ---------------------------------------------------------------- helpers: models
def scalar_rnn(w, u, xs, h0, with_u=True):
    hs, as_ = [h0], [None]
    for x in xs:
        a = w * hs[-1] + (u * x if with_u else x)
        as_.append(a); hs.append(th(a))
    return hs, as_


def f01():
    d = Doc('01_rnn_bptt_en.md')
    d.G(r'a_t = w\,h_{t-1} + u\,x_t, \qquad h_t = \tanh(a_t)')
    d.G('and we only put a loss on the last step')
    d.G('**Backward recurrence.**')
    # delta recurrence: perturb h_{t-1} and run forward to T
    w, u, y = rnd(), rnd(), rnd(); xs = rnd(4); h0 = rnd()
    hs, _ = scalar_rnn(w, u, xs, h0); T = 4
    def L_from(t, h):
        for x in xs[t:]:
            h = th(w * h + u * x)
        return 0.5 * (h - y) ** 2
    delta = {t: fd(lambda h: L_from(t, h), hs[t]) for t in range(T + 1)}
    d.C(r'\delta_{t-1} = \delta_t \,\frac', all(close(delta[t - 1], delta[t] * (1 - hs[t] ** 2) * w) for t in range(1, T + 1)))
    a = rnd(5)
    d.C(r'Here we used $\frac{d}{da}\tanh(a) = 1-\tanh^2(a)$', close(np.diag(fd(th, a)), 1 - th(a) ** 2))
    def Lw(wv, uv):
        hh, _ = scalar_rnn(wv, uv, xs, h0); return 0.5 * (hh[-1] - y) ** 2
    dw = sum(delta[t] * (1 - hs[t] ** 2) * hs[t - 1] for t in range(1, T + 1))
    du = sum(delta[t] * (1 - hs[t] ** 2) * xs[t - 1] for t in range(1, T + 1))
    d.C(r'\frac{\partial L}{\partial w} = \sum_{t=1}^{T} \delta_t\,(1-h_t^2)\,h_{t-1}, \qquad',
        close(dw, fd(lambda v: Lw(v, u), w)) and close(du, fd(lambda v: Lw(w, v), u)))
    d.C(r'The starting value is $\delta_T = h_T - y$', close(delta[T], hs[T] - y))
    d.G('**Worked example ($T=2$).**')
    W, U, H0, X, Y = 0.5, 1.0, 0.0, [1.0, 0.5], 0.2
    hs, as_ = scalar_rnn(W, U, X, H0)
    d.N(r'$a_1 = 0.5\cdot 0 + 1.0\cdot 1.0 = 1.0$', ('= 1.0$', as_[1]), ('0.7616', hs[1]))
    d.N(r'$a_2 = 0.5\cdot 0.7616', ('0.8808', as_[2]), ('0.7068', hs[2]))
    L = 0.5 * (hs[2] - Y) ** 2
    d.N(r'$L = \tfrac12(0.7068 - 0.2)^2', ('0.1284', L))
    d2 = hs[2] - Y; g2 = d2 * (1 - hs[2] ** 2); d1 = g2 * W; g1 = d1 * (1 - hs[1] ** 2)
    d.N(r'$\delta_2 = h_2 - y', ('0.5068', d2))
    d.N(r'$1 - h_2^2 \approx 0.5004$', ('0.5004', 1 - hs[2] ** 2), ('0.2536', g2))
    d.N(r'$\delta_1 = 0.2536 \cdot w', ('0.1268', d1))
    d.N(r'$1 - h_1^2 \approx 0.4200$', ('0.4200', 1 - hs[1] ** 2), ('0.0533', g1))
    LW = lambda wv, uv: 0.5 * (scalar_rnn(wv, uv, X, H0)[0][-1] - Y) ** 2
    gw = fd(lambda v: LW(v, U), W); gu = fd(lambda v: LW(W, v), U)
    d.N(r'\frac{\partial L}{\partial w} \approx 0.2536\cdot 0.7616', ('0.1932', gw))
    d.N(r'\frac{\partial L}{\partial u} \approx 0.2536\cdot 0.5', ('0.1801', gu))
    d.C('Notice that the step-1 term', abs(g1 * H0) < 1e-12 and abs(g1 * X[0] / gu - 0.30) < 0.01)
    d.G('You should always verify such hand computations')
    # product formula for the factor at step k
    w, u, y = rnd(), rnd(), rnd(); xs = rnd(5); h0 = rnd(); hs, _ = scalar_rnn(w, u, xs, h0)
    def hT_from(k, h):
        for x in xs[k:]:
            h = th(w * h + u * x)
        return h
    ok = all(close(fd(lambda h: hT_from(k, h), hs[k]), np.prod([w * (1 - hs[t] ** 2) for t in range(k + 1, 6)])) for k in range(5))
    d.C('One more observation: the factor multiplying', ok and np.all(np.abs(1 - th(rnd(100) * 5) ** 2) <= 1))
    return d


def f02():
    d = Doc('02_verschwindende_gradienten_de.md')
    d.G(r'\mathbf h_t = \tanh(\mathbf a_t), \qquad \mathbf a_t')
    d.G(r'mit $W\in\mathbb R^{n\times n}$')
    d.G(r'$\left(\frac{\partial \mathbf h_t}{\partial \mathbf h_{t-1}}\right)_{ij} =')
    n = 3; W = rnd(n, n); U = rnd(n, 2); b = rnd(n); x = rnd(2); hp = rnd(n)
    step = lambda h: th(W @ h + U @ x + b)
    Jfd = fd(step, hp); ht = step(hp); Dg = np.diag(1 - ht ** 2)
    d.C('**Lemma 7.4.** Nach der Kettenregel', close(Jfd, (1 - ht ** 2)[:, None] * W))
    d.C(r'J_t := \frac{\partial \mathbf h_t}{\partial \mathbf h_{t-1}} = W\,\operatorname{diag}', close(Jfd, W @ Dg))
    d.G('folgt durch wiederholte Anwendung der Kettenregel')
    xs = rnd(4, 2); h0 = rnd(n)
    def run(h, xs_):
        hs = [h]
        for xx in xs_:
            hs.append(th(W @ hs[-1] + U @ xx + b))
        return hs
    hs = run(h0, xs); k = 1
    Jtot = fd(lambda h: run(h, xs[k:])[-1], hs[k])
    P = np.eye(n)
    for t in range(4, k, -1):
        P = P @ fd(lambda h: th(W @ h + U @ xs[t - 1] + b), hs[t - 1])
    d.C(r'\frac{\partial \mathbf h_T}{\partial \mathbf h_k} = J_T\,J_{T-1}\cdots J_{k+1}', close(Jtot, P))
    z = np.linspace(-6, 6, 20001)
    d.C(r'**Satz 7.5 (Abschätzung).** Sei $\gamma$', abs((1 - th(z) ** 2).max() - 1) < 1e-6 and abs((sig(z) * (1 - sig(z))).max() - 0.25) < 1e-6)
    ok = True
    for act, dact, gam in [(th, lambda a: 1 - th(a) ** 2, 1.0), (sig, lambda a: sig(a) * (1 - sig(a)), 0.25)]:
        for _ in range(20):
            W2 = rnd(n, n) * 2; xs2 = rnd(6, 2); hh = [rnd(n)]; Js = []
            for xx in xs2:
                a = W2 @ hh[-1] + U @ xx; hh.append(act(a)); Js.append(np.diag(dact(a)) @ W2)
            M = np.eye(n)
            for J in reversed(Js):
                M = M @ J
            # (order does not matter for the norm bound)
            lhs = np.linalg.norm(M, 2); mid = np.prod([np.linalg.norm(J, 2) for J in Js])
            ok &= lhs <= mid + 1e-12 and mid <= (gam * np.linalg.norm(W2, 2)) ** 6 + 1e-12
    d.C(r'\left\| \frac{\partial \mathbf h_T}{\partial \mathbf h_k} \right\|_2 \le \prod', ok)
    A, B = rnd(3, 3), rnd(3, 3)
    d.C('*Beweis.* Submultiplikativ', np.linalg.norm(A @ B, 2) <= np.linalg.norm(A, 2) * np.linalg.norm(B, 2) + 1e-12)
    d.G(r'Ist also $\gamma\|W\|_2 < 1$')
    d.G('**Beispiel 7.6.** Sei $n=2$')
    d.G(r'W = \begin{pmatrix} 0{,}5 & -0{,}3 \\ 0{,}8 & 0{,}2 \end{pmatrix}, \qquad \mathbf h_t')
    We = np.array([[0.5, -0.3], [0.8, 0.2]]); he = np.array([0.6, -0.2]); De = 1 - he ** 2
    d.N(r'Dann ist $1-\mathbf h_t^2 = (0{,}64;\ 0{,}96)', ('0{,}64', De[0]), ('0{,}96', De[1]))
    Je = De[:, None] * We
    d.N(r'J_t = \begin{pmatrix} 0{,}32 & -0{,}288', ('0{,}32 ', Je[0, 0]), ('-0{,}288', Je[0, 1]), ('0{,}512', Je[1, 0]),
        ('0{,}192 ', Je[1, 1]), ('0{,}6039', np.linalg.norm(Je, 2)))
    sv = np.linalg.svd(We)[1]
    d.N('Die Singulärwerte von $W$', ('0{,}9435$ und', sv[0]), ('0{,}3604', sv[1]))
    d.C('Die Singulärwerte von $W$', np.linalg.norm(Je, 2) <= sv[0])
    d.G(r'Für $\tanh$ und einen Abstand $T-k = 20$')
    d.N(r'\le 0{,}9435^{20} \approx 0{,}3123', ('0{,}3123', sv[0] ** 20))
    d.G('Mit der logistischen Funktion')
    d.N(r'\left(\tfrac14 \cdot 0{,}9435\right)^{10}', ('5{,}33', (0.25 * sv[0]) ** 10 / 1e-7))
    Wb = 2 * np.eye(2); hb = np.array([0.99, -0.99])
    d.C('**Bemerkung.** Die Schranke ist nur hinreichend', np.linalg.norm(Wb, 2) > 1 and np.linalg.norm(np.diag(1 - hb ** 2) @ Wb, 2) < 1)
    return d


def lstm_step(af, ai, ag, ao, cp):
    f, i, g, o = sig(af), sig(ai), th(ag), sig(ao)
    c = f * cp + i * g
    return f, i, g, o, c, o * th(c)


def f03():
    d = Doc('03_derivees_lstm_fr.md')
    d.G(r'f_t &= \sigma(a^f_t), & i_t &= \sigma(a^i_t)')
    d.G(r'c_t &= f_t \odot c_{t-1} + i_t \odot g_t, & h_t')
    d.G("On rappelle les équations d'une cellule LSTM")
    d.G('où chaque pré-activation est de la forme')
    d.G(r'On note $\bar{h}_t')
    # two-step scalar check of the c-bar recursion
    pre = rnd(4); cp = rnd(); Ut = rnd(4); bt = rnd(4); y1, y2 = rnd(), rnd()
    f, i, g, o, c, h = lstm_step(*pre, cp)
    def after(hv, cv):  # step t+1 given h_t, c_t
        a = Ut * hv + bt
        f2, i2, g2, o2, c2, h2 = lstm_step(*a, cv)
        return 0.5 * (h2 - y2) ** 2 + 0.5 * (hv - y1) ** 2, f2, c2, o2
    Ltot = lambda cv: after(o * th(cv), cv)[0]
    hbar = fd(lambda hv: after(hv, c)[0], h)
    _, f2, c2, o2 = after(h, c)
    cbar_next = (th(c2) * o2 - y2) * o2 * (1 - th(c2) ** 2)
    d.C(r'\bar c_t = \bar h_t \odot o_t \odot \big(1-\tanh^2(c_t)\big) + \bar c_{t+1}\odot f_{t+1}',
        close(fd(Ltot, c), hbar * o * (1 - th(c) ** 2) + cbar_next * f2))
    a = rnd(5)
    d.C(r"Ensuite, en utilisant $\sigma'(a) = \sigma(a)(1-\sigma(a))$", close(np.diag(fd(sig, a)), sig(a) * (1 - sig(a))) and close(np.diag(fd(th, a)), 1 - th(a) ** 2))
    # single step with L = phi(h) + psi(c)
    phi = lambda h: np.sin(2 * h) + h ** 2; psi = lambda c: 0.3 * c ** 3 - c
    def Lfun(af, ai, ag, ao, cp):
        *_, c, h = lstm_step(af, ai, ag, ao, cp); return phi(h) + psi(c)
    af, ai, ag, ao = pre
    f, i, g, o, c, h = lstm_step(af, ai, ag, ao, cp)
    hb = fd(phi, h); cb = hb * o * (1 - th(c) ** 2) + fd(psi, c)
    # gate-level derivatives: perturb the gate values themselves
    def Lg(fv, iv, gv, ov):
        cc = fv * cp + iv * gv; return phi(ov * th(cc)) + psi(cc)
    ob = hb * th(c); fb = cb * cp; ib = cb * g; gb = cb * i
    d.C(r'\bar o_t &= \bar h_t \odot \tanh(c_t), & \bar a^o_t',
        close(fd(lambda v: Lg(f, i, g, v), o), ob) and close(fd(lambda v: Lfun(af, ai, ag, v, cp), ao), ob * o * (1 - o)))
    d.C(r'\bar f_t &= \bar c_t \odot c_{t-1}, & \bar a^f_t',
        close(fd(lambda v: Lg(v, i, g, o), f), fb) and close(fd(lambda v: Lfun(v, ai, ag, ao, cp), af), fb * f * (1 - f)))
    d.C(r'\bar i_t &= \bar c_t \odot g_t, & \bar a^i_t',
        close(fd(lambda v: Lg(f, v, g, o), i), ib) and close(fd(lambda v: Lfun(af, v, ag, ao, cp), ai), ib * i * (1 - i)))
    d.C(r'\bar g_t &= \bar c_t \odot i_t, & \bar a^g_t',
        close(fd(lambda v: Lg(f, i, v, o), g), gb) and close(fd(lambda v: Lfun(af, ai, v, ao, cp), ag), gb * (1 - g ** 2)))
    d.C(r'et la contribution transmise', close(fd(lambda v: Lfun(af, ai, ag, ao, v), cp), cb * f))
    d.G('**Exemple numérique (cas scalaire).**')
    f, i, g, o, c, h = lstm_step(1.0, 0.0, 0.5, -0.5, 0.5); tc = th(c)
    d.N(r'- $f = \sigma(1) \approx 0{,}7311$', ('0{,}7311', f), ('= 0{,}5$', i), ('0{,}4621', g), ('0{,}3775', o))
    d.N(r'- $c_t = 0{,}7311 \times 0{,}5', ('0{,}3655 ', f * 0.5), ('0{,}2311', i * g), ('0{,}5966', c))
    d.N(r'- $\tanh(c_t) \approx 0{,}5346$', ('0{,}5346', tc), ('0{,}2018', h))
    cb = 1.0 * o * (1 - tc ** 2)
    d.N(r'- $1-\tanh^2(c_t) \approx 0{,}7142$', ('0{,}7142', 1 - tc ** 2), ('0{,}2696', cb))
    d.N(r'- $\bar o = 0{,}5346$', ('0{,}5346', tc), ('0{,}2350', o * (1 - o)), ('0{,}1256', tc * o * (1 - o)))
    d.N(r'- $\bar f = 0{,}2696 \times 0{,}5', ('0{,}1348', cb * 0.5), ('0{,}1966', f * (1 - f)), ('0{,}0265', cb * 0.5 * f * (1 - f)))
    d.N(r'- $\bar i \approx', ('0{,}1246 \\times', cb * g), ('0{,}0312', cb * g * 0.25))
    d.N(r'- $\bar g = 0{,}2696 \times 0{,}5', ('0{,}1348', cb * i), ('0{,}7864', 1 - g ** 2), ('0{,}1060', cb * i * (1 - g ** 2)))
    d.N(r'- Enfin $\bar c_{t-1}', ('0{,}1971', cb * f))
    d.C(r'**Remarque.** On constate que', close((cb * f) / cb, f))
    return d


def f04():
    d = Doc('04_camino_celda_es.md')
    n = 3; W = rnd(n, n); b = rnd(n); hp = rnd(n); dlt = rnd(n)
    step = lambda h: th(W @ h + b); ht = step(hp)
    # gradient of L = dlt . h_t w.r.t. h_{t-1}
    d.C(r'W^\top \mathrm{diag}(\tanh', close(fd(lambda h: dlt @ step(h), hp), W.T @ np.diag(1 - ht ** 2) @ dlt))
    d.G(r'$$c_t = f_t \odot c_{t-1} + i_t \odot g_t .$$')
    f, i, g = sig(rnd(n)), sig(rnd(n)), th(rnd(n))
    d.C(r'\frac{\partial c_t}{\partial c_{t-1}}\Big|_{\text{directo}} = \mathrm{diag}(f_t)', close(fd(lambda c: f * c + i * g, rnd(n)), np.diag(f)))
    d.G('Nada de matrices de pesos')
    def ct(cp, o, uf, ui, ug, bf, bi, bg):
        h = o * th(cp); return sig(uf * h + bf) * cp + sig(ui * h + bi) * th(ug * h + bg)
    def formula(cp, o, uf, ui, ug, bf, bi, bg):
        h = o * th(cp); f, i, g = sig(uf * h + bf), sig(ui * h + bi), th(ug * h + bg)
        return f + (cp * f * (1 - f) * uf + g * i * (1 - i) * ui + i * (1 - g ** 2) * ug) * o * (1 - th(cp) ** 2)
    ok = True
    for _ in range(5):
        pr = list(rnd(8)); pr[1] = sig(pr[1])
        ok &= close(fd(lambda v: ct(v, *pr[1:]), pr[0]), formula(*pr))
    d.C(r'\frac{d c_t}{d c_{t-1}} = f_t + \Big[c_{t-1} f_t(1-f_t)\,u_f', ok)
    P = (0.8, 0.6, 0.5, -0.4, 0.7, 1.5, 0.0, 0.2)
    cp, o, uf, ui, ug, bf, bi, bg = P
    h = o * th(cp); f, i, g = sig(uf * h + bf), sig(ui * h + bi), th(ug * h + bg)
    d.G(r'Tomemos $c_{t-1} = 0{,}8$')
    d.N(r'1. $\tanh(0{,}8) \approx 0{,}6640$', ('0{,}6640$', th(cp)), ('0{,}3984', h))
    d.N(r'2. $f_t = \sigma(0{,}5\cdot 0{,}3984 + 1{,}5)', ('0{,}8454', f), ('0{,}4602', i), ('0{,}4454', g))
    dh = o * (1 - th(cp) ** 2)
    d.N(r'3. $\partial h_{t-1}/\partial c_{t-1}', ('0{,}3354', dh))
    tf, ti, tg = cp * f * (1 - f) * uf, g * i * (1 - i) * ui, i * (1 - g ** 2) * ug
    d.N('4. Los tres términos del corchete', ('0{,}0523', tf), ('-0{,}0443', ti), ('0{,}2583', tg), ('0{,}2663', tf + ti + tg))
    d.N('5. Camino indirecto', ('0{,}0893', (tf + ti + tg) * dh))
    d.N('6. Total:', ('0{,}0893', (tf + ti + tg) * dh), ('0{,}9348', f + (tf + ti + tg) * dh))
    fdv = fd(lambda v: ct(v, *P[1:]), cp)
    d.C('El camino directo ($f_t', agrees('0{,}8454', f) and agrees('0{,}9348', fdv) and f > (tf + ti + tg) * dh)
    # product over steps with frozen gates
    fs = sig(rnd(5, n)); ig = rnd(5, n)
    def run(c):
        for k in range(5):
            c = fs[k] * c + ig[k]
        return c
    d.C(r'\frac{\partial c_T}{\partial c_k}\Big|_{\text{directo}} = \prod', close(fd(run, rnd(n)), np.diag(np.prod(fs, axis=0))))
    d.G('A lo largo de $T-k$ pasos')
    r = 0.95 ** 50 / 0.5 ** 50
    d.N('Con una puerta de olvido saturada', ('0{,}0769', 0.95 ** 50), ('8{,}9', 0.5 ** 50 / 1e-16))
    d.C('Con una puerta de olvido saturada', round(np.log10(r)) == 14)
    d.N(r'Incluso con $f = 0{,}9$ y 100 pasos', ('2{,}66', 0.9 ** 100 / 1e-4))
    d.N('Por eso se recomienda inicializar', ('0{,}731', sig(1.0)))
    return d


def gru_scalar(h, x, wz, uz, wr, ur, w, u):
    z = sig(wz * x + uz * h); r = sig(wr * x + ur * h); ht = th(w * x + u * r * h)
    return z, r, ht, (1 - z) * h + z * ht


def f05():
    d = Doc('05_proizvodnye_gru_ru.md')
    d.G(r'z_t = \sigma(w_z x_t + u_z h_{t-1}),\quad r_t')
    d.G(r'\tilde h_t = \operatorname{th}\big(w x_t + u\,(r_t h_{t-1})\big),\qquad h_t')
    d.G(r'Здесь $z_t$')
    hp, x, zv, htv = rnd(), rnd(), sig(rnd()), rnd()
    comb = lambda z, ht, h: (1 - z) * h + z * ht
    d.C(r'1. По вентилю обновления', close(fd(lambda v: comb(v, htv, hp), zv), hp - htv))
    d.C(r'2. По кандидату', close(fd(lambda v: comb(zv, v, hp), htv), zv))
    d.C(r'3. Явная зависимость', close(fd(lambda v: comb(zv, htv, v), hp), 1 - zv))
    pr = rnd(6); wz, uz, wr, ur, w, u = pr
    z, r, ht, hn = gru_scalar(hp, x, *pr)
    d.C(r'\frac{\partial z_t}{\partial h_{t-1}} = z_t(1-z_t)\,u_z',
        close(fd(lambda v: gru_scalar(v, x, *pr)[0], hp), z * (1 - z) * uz) and close(fd(lambda v: gru_scalar(v, x, *pr)[1], hp), r * (1 - r) * ur))
    d.C(r'\frac{\partial \tilde h_t}{\partial h_{t-1}} = (1-\tilde h_t^2)',
        close(fd(lambda v: gru_scalar(v, x, *pr)[2], hp), (1 - ht ** 2) * u * (r + hp * r * (1 - r) * ur)))
    d.G('Производные вентилей по $h_{t-1}$')
    full = (1 - z) + (ht - hp) * z * (1 - z) * uz + z * (1 - ht ** 2) * u * (r + hp * r * (1 - r) * ur)
    d.C(r'\frac{d h_t}{d h_{t-1}} = (1-z_t) + \frac{\partial h_t}{\partial z_t}', close(fd(lambda v: gru_scalar(v, x, *pr)[3], hp), full))
    d.G('**Численный пример.** Пусть')
    P = (0.3, -0.6, 0.8, 0.4, 1.0, 0.9); hp, x = 0.5, 1.0
    z, r, ht, hn = gru_scalar(hp, x, *P)
    d.N(r'- $z_t = \sigma(0{,}3 - 0{,}3)', ('= 0{,}5$', z))
    d.N(r'- $r_t = \sigma(0{,}8 + 0{,}2)', ('0{,}7311', r))
    d.N('- аргумент кандидата', ('1{,}3290', 1 + 0.9 * r * 0.5), ('0{,}8690', ht))
    d.N(r'- $h_t = 0{,}5\cdot 0{,}5', ('0{,}6845', hn))
    d.N(r'- первое: $1 - z_t = 0{,}5$', ('0{,}5$', 1 - z))
    B = (ht - hp) * z * (1 - z) * P[1]
    d.N(r'- второе: $\partial h_t/\partial z_t', ('-0{,}3690', ht - hp), ('= 0{,}25', z * (1 - z)), ('= -0{,}15', z * (1 - z) * P[1]), ('0{,}0553', B))
    br = r + hp * r * (1 - r) * P[3]; C3 = z * (1 - ht ** 2) * P[5] * br
    d.N(r'- третье: $1-\tilde h_t^2', ('0{,}2448', 1 - ht ** 2), ('0{,}7704', br), ('0{,}0849', C3))
    tot = fd(lambda v: gru_scalar(v, x, *P)[3], hp)
    d.N('Ответ:', ('0{,}6402', tot))
    pz = (-30.0, 0.0) + P[2:]
    d.C(r'**Замечание.** При $z_t \to 0$', abs(fd(lambda v: gru_scalar(v, x, *pz)[3], hp) - 1) < 1e-6)
    return d


def f06():
    d = Doc('06_corte_gradiente_pt.md')
    A1, A2, th0 = rnd(3, 3), rnd(3, 3), rnd(3)
    L1 = lambda t: np.sin(A1 @ t).sum(); L2 = lambda t: (A2 @ t) @ (A2 @ t)
    d.C(r'\mathbf g = \nabla_\theta \mathcal L = \sum_{t=1}^{T}', close(fd(lambda t: L1(t) + L2(t), th0), fd(L1, th0) + fd(L2, th0)))
    d.G('e como cada termo envolve produtos de jacobianas')
    d.G(r'\hat{\mathbf g} =')
    d.G('Agora por valor, com o mesmo')
    d.G(r'\mathbf g, & \text{se } \|\mathbf g\|_2 \le \tau')
    d.G(r'\dfrac{\tau}{\|\mathbf g\|_2}\,\mathbf g, & \text{se }')
    ok = True
    for _ in range(10):
        gg = rnd(5) * 5; tau = 0.5
        if np.linalg.norm(gg) > tau:
            cl = tau / np.linalg.norm(gg) * gg
            ok &= abs(np.linalg.norm(cl) - tau) < 1e-12 and abs(cl @ gg / np.linalg.norm(cl) / np.linalg.norm(gg) - 1) < 1e-12
    gv = np.array([0.6, -2.4, 1.8, 3.2]); cv = np.clip(gv, -1, 1)
    d.C('Note que no segundo caso', ok and cv @ gv / np.linalg.norm(cv) / np.linalg.norm(gv) < 1 - 1e-6)
    d.G('Vamos a um exemplo. Suponha')
    nrm = np.linalg.norm(gv); hat = gv / nrm
    d.N(r'1. $\|\mathbf g\|_2^2 = 0{,}36', ('0{,}36 ', gv[0] ** 2), ('5{,}76', gv[1] ** 2), ('3{,}24', gv[2] ** 2), ('10{,}24', gv[3] ** 2), ('19{,}6$', nrm ** 2), ('4{,}4272', nrm))
    d.N(r'2. Como $4{,}4272 > 1$', ('0{,}2259', 1 / nrm))
    d.N(r'3. $\hat{\mathbf g} \approx (0{,}1355', ('0{,}1355', hat[0]), ('-0{,}5421', hat[1]), ('0{,}4066', hat[2]), ('0{,}7228', hat[3]))
    d.C(r'3. $\hat{\mathbf g} \approx (0{,}1355', abs(np.linalg.norm(hat) - 1) < 1e-12)
    d.C(r'1. $\hat{\mathbf g}^{\text{val}} = (0{,}6;\ -1;\ 1;\ 1)$', close(cv, [0.6, -1, 1, 1]))
    d.N(r'2. $\mathbf g\cdot\hat{\mathbf g}^{\text{val}}', ('0{,}36 ', gv[0] * cv[0]), ('2{,}4 ', gv[1] * cv[1]), ('1{,}8 ', gv[2] * cv[2]), ('3{,}2 ', gv[3] * cv[3]), ('7{,}76', gv @ cv))
    d.N(r'3. $\|\hat{\mathbf g}^{\text{val}}\|_2', ('3{,}36', cv @ cv), ('1{,}8330', np.linalg.norm(cv)))
    cos = gv @ cv / nrm / np.linalg.norm(cv); ang = np.degrees(np.arccos(cos))
    d.N('4. Cosseno entre os dois', ('0{,}9562', cos), ('17^', ang))
    d.C('Então o clipping por valor girou', round(ang) == 17 and abs(hat @ gv / nrm - 1) < 1e-12)
    st = -0.1 * hat
    d.N('Com taxa de aprendizado', ('0{,}1$', 0.1), ('-0{,}0136', st[0]), ('0{,}0542', st[1]), ('-0{,}0407', st[2]), ('-0{,}0723', st[3]))
    d.G('torch.nn.utils.clip_grad_norm_')
    p1, p2 = rnd(3), rnd(2); p1 *= 3 / np.linalg.norm(p1); p2 *= 4 / np.linalg.norm(p2)
    d.C('Detalhe importante', abs(np.linalg.norm(np.concatenate([p1, p2])) - 5) < 1e-12 and np.sqrt(3 ** 2 + 4 ** 2) == 5)
    return d


def lstm_count(m, n, biases=1):
    arrs = [np.zeros((n, m)) for _ in range(4)] + [np.zeros((n, n)) for _ in range(4)] + [np.zeros(n) for _ in range(4 * biases)]
    return sum(a.size for a in arrs)


def f07():
    d = Doc('07_lstm_canshu_zh.md')
    d.G(r'\mathbf{f}_t=\sigma(W_f\mathbf{x}_t+U_f\mathbf{h}_{t-1}+\mathbf{b}_f)')
    d.G('设输入维度为 $m$')
    d.G('**PyTorch 为什么多了一点？**')
    m, n = 7, 5
    d.C('所以每个门有', np.zeros((n, m)).size + np.zeros((n, n)).size + np.zeros(n).size == n * m + n ** 2 + n)
    ok = all(4 * (a * b + b * b + b) == 4 * ((a + b) * b + b) == lstm_count(a, b) for a, b in [(3, 4), (7, 5), (100, 128)])
    d.C(r'P_{\text{LSTM}} = 4\,(nm + n^2 + n)', ok)
    d.C('实现上通常把四个门拼成一个大矩阵', np.zeros((m, 4 * n)).size + np.zeros((n, 4 * n)).size + np.zeros(4 * n).size == lstm_count(m, n))
    d.G(r'取 $m=100$')
    d.I(r'P = 4\times\big((100+128)\times 128 + 128\big)', ('29\\,184', 228 * 128), ('29\\,312', 228 * 128 + 128), ('117\\,248', lstm_count(100, 128)))
    d.C('和 Keras 打印的', lstm_count(100, 128) == 117248)
    d.I(r'P_{\text{PyTorch}} = 4n\,(m+n+2)', ('512\\times', 4 * 128), ('230', 100 + 128 + 2), ('117\\,760', lstm_count(100, 128, biases=2)))
    d.C(r'P_{\text{PyTorch}} = 4n\,(m+n+2)', 4 * 128 * (100 + 128 + 2) == lstm_count(100, 128, 2))
    d.I(r'比 Keras 多了 $4n = 512$', ('512', lstm_count(100, 128, 2) - lstm_count(100, 128)), ('234\\,496', 2 * lstm_count(100, 128)))
    for s in ['Embedding(10000, 100),', 'LSTM(128, return_sequences=True),', '    LSTM(128),', 'Dense(5, activation']:
        d.G(s)
    emb = np.zeros((10000, 100)).size; l1 = lstm_count(100, 128); l2 = lstm_count(128, 128); dense = np.zeros((128, 5)).size + 5
    d.I('- Embedding：', ('1\\,000\\,000', emb))
    d.I('- 第一层 LSTM：', ('117\\,248', l1))
    d.I('- 第二层 LSTM：', ('117\\,248', l2))
    d.I('- Dense：', ('645', dense))
    d.I(r'1\,000\,000 + 117\,248 + 117\,248 + 645', ('1\\,235\\,141', emb + l1 + l2 + dense))
    return d


def gru_count(m, n, reset_after):
    arrs = [np.zeros((n, m)) for _ in range(3)] + [np.zeros((n, n)) for _ in range(3)] + [np.zeros(n) for _ in range(3 * (2 if reset_after else 1))]
    return sum(a.size for a in arrs)


def f08():
    d = Doc('08_gru_parameter_ja.md')
    d.C('TensorFlow 2 の `GRU` はデフォルトで', all(gru_count(m, n, True) - gru_count(m, n, False) == 3 * n for m, n in [(32, 64), (5, 7)]))
    d.G('入力次元を $m$、隠れ状態の次元を $n$ とすると')
    d.G(r'\boldsymbol z_t=\sigma(W_z\boldsymbol x_t')
    d.G(r'\boldsymbol r_t=\sigma(W_r\boldsymbol x_t')
    d.G(r'\tilde{\boldsymbol h}_t=\tanh\bigl(W_h\boldsymbol x_t+U_h(')
    d.G(r'で、$W_\ast\in')
    d.C(r'P_{\mathrm{GRU}} = 3\,(nm + n^2 + n).', all(3 * (n * m + n * n + n) == gru_count(m, n, False) for m, n in [(32, 64), (5, 7)]))
    d.C(r'LSTM は $P_{\mathrm{LSTM}}', all(gru_count(m, n, False) * 4 == lstm_count(m, n) * 3 for m, n in [(32, 64), (5, 7)]))
    d.G(r'\boldsymbol b^{(x)}_h+\boldsymbol r_t\odot')
    d.C(r'P_{\mathrm{GRU}}^{\text{after}} = 3\,(nm + n^2 + 2n).', all(3 * (n * m + n * n + 2 * n) == gru_count(m, n, True) for m, n in [(32, 64), (5, 7)]))
    d.G(r'$m=32$、$n=64$ とします')
    d.I('| `reset_after=False` |', ('18,624', gru_count(32, 64, False)))
    d.I('| `reset_after=True`（デフォルト） |', ('18,816', gru_count(32, 64, True)))
    d.I('| PyTorch `nn.GRU(32, 64)` |', ('18,816', gru_count(32, 64, True)))
    d.C('| PyTorch `nn.GRU(32, 64)` |', 3 * 64 * (32 + 64 + 2) == gru_count(32, 64, True))
    d.I('| Keras `LSTM(64)` |', ('24,832', lstm_count(32, 64)))
    d.I('重みの形状は', ('6,144', np.zeros((32, 192)).size), ('12,288', np.zeros((64, 192)).size), ('384', np.zeros((2, 192)).size), ('18,816', np.zeros((32, 192)).size + np.zeros((64, 192)).size + np.zeros((2, 192)).size))
    d.C('重みの形状は', 192 == 3 * 64 and 32 * 192 + 64 * 192 + 2 * 192 == gru_count(32, 64, True))
    d.N('デフォルト設定だと GRU/LSTM の比は', ('0.758', gru_count(32, 64, True) / lstm_count(32, 64)))
    d.C('デフォルト設定だと GRU/LSTM の比は', gru_count(32, 64, True) / lstm_count(32, 64) > 0.75)
    d.I('2 層目の入力次元は', ('24{,}960', gru_count(64, 64, True)), ('43{,}776', gru_count(32, 64, True) + gru_count(64, 64, True)))
    return d


def sgns(vc, uo, Uk):
    return -np.log(sig(uo @ vc)) - np.sum(np.log(sig(-(Uk @ vc))))


def f09():
    d = Doc('09_sgns_gradients_en.md')
    d.G('**Setup.** For center word')
    d.G(r'$$J_{\text{neg}}(\mathbf v_c, o, U) =')
    x = rnd(6) * 3
    d.C("I'll use two facts", close(np.diag(fd(lambda t: np.log(sig(t)), x)), 1 - sig(x)) and close(1 - sig(-x), sig(x)))
    d.G('Both terms depend on')
    vc, uo, Uk = rnd(4), rnd(4), rnd(3, 4)
    gv = fd(lambda v: sgns(v, uo, Uk), vc)
    d.C(r'\frac{\partial J}{\partial \mathbf v_c} = -\big(1-\sigma', close(gv, -(1 - sig(uo @ vc)) * uo + ((1 - sig(-(Uk @ vc)))[:, None] * Uk).sum(0)))
    d.C(r'\phantom{\frac{\partial J}{\partial \mathbf v_c}} = \big(\sigma', close(gv, (sig(uo @ vc) - 1) * uo + (sig(Uk @ vc)[:, None] * Uk).sum(0)))
    d.G('**(ii) w.r.t. a negative sample**')
    gU = fd(lambda U: sgns(vc, uo, U), Uk)
    d.C(r'\frac{\partial J}{\partial \mathbf u_k} = \big(1-\sigma(-', close(gU, (1 - sig(-(Uk @ vc)))[:, None] * vc) and close(gU, sig(Uk @ vc)[:, None] * vc))
    guo = fd(lambda u: sgns(vc, u, Uk), uo)
    d.C(r'\frac{\partial J}{\partial \mathbf u_o} = -\big(1-\sigma(-\mathbf u_o', close(guo, -(1 - sig(-(uo @ vc))) * vc))
    d.C('**Why is this cheaper than naive softmax?**', np.count_nonzero(np.abs(np.concatenate([guo[None], gU])).sum(1)) == Uk.shape[0] + 1)
    d.G('**Sanity check with numbers**')
    vc = np.array([0.2, -0.1, 0.4]); uo = np.array([0.5, 0.3, -0.2]); Uk = np.array([[-0.3, 0.6, 0.1], [0.1, -0.4, 0.5]])
    so, sk = uo @ vc, Uk @ vc
    d.N('- Scores:', ('0.10 ', uo[0] * vc[0]), ('- 0.03', -uo[1] * vc[1]), ('- 0.08 =', -uo[2] * vc[2]), ('= -0.01', so), ('= -0.08', sk[0]), ('= 0.26', sk[1]))
    d.N(r'- $\sigma(-0.01) \approx 0.4975$', ('0.4975', sig(so)), ('0.5200', sig(-sk[0])), ('0.4354', sig(-sk[1])))
    d.N('- Loss:', ('0.6982', -np.log(sig(so))), ('0.6539', -np.log(sig(-sk[0]))), ('0.8316', -np.log(sig(-sk[1]))), ('2.1837', sgns(vc, uo, Uk)))
    gv = fd(lambda v: sgns(v, uo, Uk), vc)
    d.N('- From (i):', ('0.4800', sig(sk[0])), ('0.5646', sig(sk[1])), ('-0.3388', gv[0]), ('-0.0886', gv[1]), ('0.4308)', gv[2]))
    gU = fd(lambda U: sgns(vc, uo, U), Uk)
    d.N('- From (ii):', ('(0.0960', gU[0, 0]), ('-0.0480', gU[0, 1]), ('0.1920', gU[0, 2]), ('(0.1129', gU[1, 0]), ('-0.0565', gU[1, 1]), ('0.2259', gU[1, 2]))
    guo = fd(lambda u: sgns(vc, u, Uk), uo)
    d.N('- From (iii):', ('(-0.0995', guo[0]), ('0.0498', guo[1]), ('-0.1990', guo[2]))
    cu = -guo / vc; ck = gU / vc
    d.C('Note the signs: gradient descent moves', np.allclose(cu, cu[0]) and cu[0] > 0 and np.allclose(ck, ck[:, :1]) and np.all(ck > 0))
    return d


def f10():
    d = Doc('10_skipgram_esempio_it.md')
    d.G(r'\ell = -\log\sigma(\mathbf u_o\cdot\mathbf v_c) - \log\sigma(-\mathbf u_n\cdot\mathbf v_c).')
    d.G('**Testo.** Si consideri')
    d.G(r'Dati $\mathbf v_c = (1;\,0{,}5)$')
    x = rnd(6) * 3
    d.C(r'Poiché $\dfrac{d}{dx}\bigl[-\log\sigma(x)\bigr]', close(np.diag(fd(lambda t: -np.log(sig(t)), x)), sig(x) - 1) and close(np.diag(fd(lambda t: -np.log(sig(-t)), x)), sig(x)))
    L = lambda v, uo, un: -np.log(sig(uo @ v)) - np.log(sig(-(un @ v)))
    v, uo, un = rnd(3), rnd(3), rnd(3)
    d.C(r'\nabla_{\mathbf v_c}\ell = \bigl(', close(fd(lambda t: L(t, uo, un), v), (sig(uo @ v) - 1) * uo + sig(un @ v) * un))
    d.C(r'\nabla_{\mathbf u_o}\ell = \bigl(', close(fd(lambda t: L(v, t, un), uo), (sig(uo @ v) - 1) * v) and close(fd(lambda t: L(v, uo, t), un), sig(un @ v) * v))
    d.C(r'\nabla_{\mathbf u_n}\ell = \sigma', close(fd(lambda t: L(v, uo, t), un), sig(un @ v) * v))
    v, uo, un = np.array([1.0, 0.5]), np.array([0.4, -0.2]), np.array([0.3, 0.8])
    a, b = uo @ v, un @ v
    d.N(r'- $\mathbf u_o\cdot\mathbf v_c = 0{,}4 - 0{,}1', ('0{,}4 ', uo[0] * v[0]), ('- 0{,}1', -uo[1] * v[1]), ('= 0{,}3$', a), ('0{,}5744', sig(a)))
    d.N(r'- $\mathbf u_n\cdot\mathbf v_c = 0{,}3 + 0{,}4', ('0{,}3 ', un[0] * v[0]), ('+ 0{,}4', un[1] * v[1]), ('= 0{,}7$', b), ('0{,}6682', sig(b)))
    d.N(r'- $\ell = -\log 0{,}5744', ('0{,}5544', -np.log(sig(a))), ('1{,}1032', -np.log(sig(-b))), ('1{,}6575', L(v, uo, un)))
    gv = fd(lambda t: L(t, uo, un), v); go = fd(lambda t: L(v, t, un), uo); gn = fd(lambda t: L(v, uo, t), un)
    d.N(r'- $\nabla_{\mathbf v_c}\ell \approx -0{,}4256', ('-0{,}4256', sig(a) - 1), ('0{,}6682', sig(b)), ('(0{,}0302', gv[0]), ('0{,}6197', gv[1]))
    d.N(r'- $\nabla_{\mathbf u_o}\ell \approx -0{,}4256', ('(-0{,}4256', go[0]), ('-0{,}2128', go[1]))
    d.N(r'- $\nabla_{\mathbf u_n}\ell \approx 0{,}6682', ('(0{,}6682', gn[0]), ('0{,}3341', gn[1]))
    d.G(r'*(d) Aggiornamento* ($\mathbf x \leftarrow')
    eta = 0.5; v2, uo2, un2 = v - eta * gv, uo - eta * go, un - eta * gn
    d.N(r"- $\mathbf v_c' \approx", ('(0{,}9849', v2[0]), ('0{,}1902', v2[1]))
    d.N(r"- $\mathbf u_o' \approx", ('(0{,}6128', uo2[0]), ('-0{,}0936', uo2[1]))
    d.N(r"- $\mathbf u_n' \approx", ('(-0{,}0341', un2[0]), ('0{,}6330', un2[1]))
    d.N('*(e) Verifica.*', ('0{,}5857', uo2 @ v2), ('0{,}0868', un2 @ v2), ('1{,}1801', L(v2, uo2, un2)))
    d.C('*(e) Verifica.*', uo2 @ v2 > a and un2 @ v2 < b and L(v2, uo2, un2) < L(v, uo, un))
    f = np.array([100, 10, 1.0]); p = f ** 0.75
    d.N('**Osservazione (distribuzione dei negativi).**', ('31{,}62', p[0]), ('5{,}62;', p[1]), ('(0{,}827', p[0] / p.sum()), ('0{,}147', p[1] / p.sum()), ('0{,}026)', p[2] / p.sum()),
        ('(0{,}901', f[0] / f.sum()), ('0{,}090', f[1] / f.sum()), ('0{,}009)', f[2] / f.sum()))
    d.C('**Osservazione (distribuzione dei negativi).**', p[2] / p.sum() > f[2] / f.sum())
    return d


def f11():
    d = Doc('11_truncated_bptt_ko.md')
    d.G(r'h_t = \tanh(w\,h_{t-1} + x_t),\qquad L')
    d.G(r'역전파 신호를 $\delta_t')
    w, y, h0 = rnd(), rnd(), rnd(); xs = rnd(3)
    hs, _ = scalar_rnn(w, 1.0, xs, h0)
    def L_from(t, h, wv=None):
        wv = w if wv is None else wv
        for x in xs[t:]:
            h = th(wv * h + x)
        return 0.5 * (h - y) ** 2
    dl = {t: fd(lambda h: L_from(t, h), hs[t]) for t in range(4)}
    d.C(r'\delta_3 = h_3 - y,\qquad \delta_{t-1}', close(dl[3], hs[3] - y) and all(close(dl[t - 1], dl[t] * (1 - hs[t] ** 2) * w) for t in (1, 2, 3)))
    d.C(r'\frac{\partial L}{\partial w} = \sum_{t=1}^{3} \underbrace', close(fd(lambda wv: L_from(0, h0, wv), w), sum(dl[t] * (1 - hs[t] ** 2) * hs[t - 1] for t in (1, 2, 3))))
    d.G('이고, 공유 가중치 $w$의 기울기는')
    d.G('| 방법 |')
    d.G('길이 $k$로 자른 truncated BPTT')
    d.G(r'$w = 0.8$, $h_0 = 0$')
    W, Y, X = 0.8, 0.1, [0.5, -0.3, 0.4]
    hs, as_ = scalar_rnn(W, 1.0, X, 0.0)
    d.N(r'- $h_1 = \tanh(0.5)', ('0.4621', hs[1]))
    d.N(r'- $h_2 = \tanh(0.8 \times 0.4621 - 0.3)', ('0.0697', as_[2]), ('0.0696', hs[2]))
    d.N(r'- $h_3 = \tanh(0.8 \times 0.0696 + 0.4)', ('0.4557', as_[3]), ('0.4265', hs[3]))
    d.N(r'- $L = \frac12 (0.4265 - 0.1)^2', ('0.0533', 0.5 * (hs[3] - Y) ** 2))
    d3 = hs[3] - Y; g3 = d3 * (1 - hs[3] ** 2); d2 = g3 * W; g2 = d2 * (1 - hs[2] ** 2)
    t3, t2, t1 = g3 * hs[2], g2 * hs[1], 0.0
    d.N(r'- $\delta_3 = 0.3265$', ('0.3265', d3), ('0.8181', 1 - hs[3] ** 2), ('0.2671', g3))
    d.N(r'- $\tau_3 = 0.2671 \times h_2', ('0.0186', t3))
    d.N(r'- $\delta_2 = 0.2671 \times 0.8', ('0.2137', d2), ('0.9952', 1 - hs[2] ** 2), ('0.2127', g2))
    d.N(r'- $\tau_2 = 0.2127 \times h_1', ('0.0938', t2))
    d.C(r'- $\tau_1 = (\cdots)\times h_0 = 0$', hs[0] == 0)
    full = fd(lambda wv: 0.5 * (scalar_rnn(wv, 1.0, X, 0.0)[0][-1] - Y) ** 2, W)
    d.N('| truncated, $k=1$ |', ('0.0186', t3))
    d.N('| truncated, $k=2$ |', ('0.1124', t3 + t2))
    d.N('| full BPTT ($k=3$) |', ('0.1124', full))
    d.C('이면 기울기의 대부분을 잃어버립니다', t3 / full < 0.5 and abs(hs[2]) < 0.1 and t1 == 0 and close(t3 + t2, full))
    return d


def f12():
    d = Doc('12_softmax_skipgram_pl.md')
    d.G('**Oznaczenia.** Słownik ma')
    d.G(r'\hat y = \operatorname{softmax}(U^{\mathsf T} v_c), \qquad \hat y_w')
    d.G(r'a funkcja straty dla prawdziwego słowa')
    sm = lambda s: np.exp(s - s.max()) / np.exp(s - s.max()).sum()
    U, v, o = rnd(3, 5), rnd(3), 2
    J = lambda U, v: -np.log(sm(U.T @ v)[o])
    d.C(r'J = -u_o^{\mathsf T} v_c + \log \sum', close(J(U, v), -U[:, o] @ v + np.log(np.exp(U.T @ v).sum())))
    yh = sm(U.T @ v); yv = np.eye(5)[o]
    d.C(r'\frac{\partial J}{\partial v_c} = -u_o + \sum', close(fd(lambda t: J(U, t), v), -U[:, o] + U @ yh) and close(U @ (yh - yv), -U[:, o] + U @ yh))
    d.G('**Gradient po $v_c$.**')
    d.G('gdzie $y$ jest wektorem')
    d.G(r'**Gradient po $u_w$.** Dla dowolnego $w$:')
    d.C(r'\frac{\partial J}{\partial u_w} = (\hat y_w - y_w)\, v_c', close(fd(lambda M: J(M, v), U), np.outer(v, yh - yv)))
    d.C('Wymiary się zgadzają', np.outer(v, yh - yv).shape == U.shape == (3, 5))
    d.G(r'**Przykład.** Niech $d=2$')
    d.G(r'$$v_c = \begin{pmatrix}0{,}5\\-1\end{pmatrix}')
    U = np.array([[1.0, 0, -1], [0, 1, 1]]); v = np.array([0.5, -1.0]); o = 0
    s = U.T @ v; e = np.exp(s); yh = e / e.sum(); yv = np.eye(3)[o]
    d.N(r'1. Wyniki: $U^{\mathsf T} v_c', ('(0{,}5', s[0]), ('-1;', s[1]), ('-1{,}5)', s[2]))
    d.N('2. Eksponenty:', ('(1{,}6487', e[0]), ('0{,}3679', e[1]), ('0{,}2231)', e[2]), ('2{,}2397', e.sum()))
    d.N(r'3. $\hat y \approx', ('(0{,}7361', yh[0]), ('0{,}1643', yh[1]), ('0{,}0996)', yh[2]))
    d.N('4. Strata:', ('0{,}3064', -np.log(yh[0])))
    r = yh - yv
    d.N(r'5. $\hat y - y', ('(-0{,}2639', r[0]), ('0{,}1643', r[1]), ('0{,}0996)', r[2]))
    gv = U @ r
    d.N(r'6. $\dfrac{\partial J}{\partial v_c}', ('= (-0{,}3635', gv[0]), ('0{,}2639)$', gv[1]))
    d.C(r'6. $\dfrac{\partial J}{\partial v_c}', close(fd(lambda t: -np.log(np.exp(U.T @ t)[o] / np.exp(U.T @ t).sum()), v), gv))
    G = np.outer(v, r)
    d.N(r'7. $\dfrac{\partial J}{\partial U}', ('-0{,}1319', G[0, 0]), ('0{,}0821', G[0, 1]), ('0{,}0498', G[0, 2]), ('0{,}2639 &', G[1, 0]), ('-0{,}1643', G[1, 1]), ('-0{,}0996', G[1, 2]))
    d.C('**Uwaga o koszcie.**', 10 ** 5 * 300 == 3 * 10 ** 7)
    return d


def f13():
    d = Doc('13_lstm_sayisal_tr.md')
    d.G('**Verilenler.** Skaler bir LSTM')
    d.G(r'$$a_f = 0{,}8,\quad a_i = -0{,}2')
    d.G('Üst katmandan gelen gradyan')
    d.G(r'**İleri yayılım.** $\sigma$')
    cp = -0.4; pre = (0.8, -0.2, 0.9, 0.3); dh = -0.8
    f, i, g, o, c, h = lstm_step(*pre, cp); tc = th(c)
    d.N(r'- $f_t = \sigma(0{,}8)', ('0{,}6900', f))
    d.N(r'- $i_t = \sigma(-0{,}2)', ('0{,}4502', i))
    d.N(r'- $g_t = \tanh(0{,}9)', ('0{,}7163', g))
    d.N(r'- $o_t = \sigma(0{,}3)', ('0{,}5744', o))
    d.N(r'- $c_t = f_t c_{t-1}', ('-0{,}2760', f * cp), ('0{,}3225', i * g), ('0{,}0465', c))
    d.N(r'- $h_t = o_t \tanh(c_t)', ('0{,}0464', tc), ('0{,}0267', h))
    d.G(r'**Geri yayılım formülleri.** Zincir kuralından')
    # generic check with L = phi(h_t) (last step, no c_{t+1} path)
    pr = rnd(4); cq = rnd(); phi = lambda hv: np.sin(3 * hv)
    fq, iq, gq, oq, cc, hq = lstm_step(*pr, cq)
    hbar = fd(phi, hq)
    Lc = lambda cv: phi(oq * th(cv))
    cbar = fd(Lc, cc)
    d.C(r'\frac{\partial L}{\partial c_t} = \frac{\partial L}{\partial h_t}\,\bigl(1-\tanh^2 c_t\bigr)$$', close(cbar, hbar * (1 - th(cc) ** 2)))
    Lp = lambda af, ai, ag, ao, cv: phi(lstm_step(af, ai, ag, ao, cv)[5])
    af, ai, ag, ao = pr
    d.C(r'\frac{\partial L}{\partial a_f} = \frac{\partial L}{\partial c_t}\, c_{t-1}',
        close(fd(lambda v: Lp(v, ai, ag, ao, cq), af), cbar * cq * fq * (1 - fq)) and close(fd(lambda v: Lp(af, v, ag, ao, cq), ai), cbar * gq * iq * (1 - iq)))
    d.C(r'\frac{\partial L}{\partial a_g} = \frac{\partial L}{\partial c_t}\, i_t',
        close(fd(lambda v: Lp(af, ai, v, ao, cq), ag), cbar * iq * (1 - gq ** 2)) and close(fd(lambda v: Lp(af, ai, ag, v, cq), ao), hbar * th(cc) * oq * (1 - oq)))
    d.C(r'\frac{\partial L}{\partial c_{t-1}} = \frac{\partial L}{\partial c_t}\, f_t', close(fd(lambda v: Lp(af, ai, ag, ao, v), cq), cbar * fq))
    cb = dh * o * (1 - tc ** 2)   # true dL/dc_t
    d.N(r'1. $1 - \tanh^2(c_t) \approx 0{,}9978$', ('0{,}9978$', 1 - tc ** 2), ('-0{,}7983', cb))
    d.N(r'2. $f_t(1-f_t) \approx 0{,}2139$', ('0{,}2139$', f * (1 - f)), ('0{,}0683', cb * cp * f * (1 - f)))
    d.N(r'3. $i_t(1-i_t) \approx 0{,}2475$', ('0{,}2475$', i * (1 - i)), ('-0{,}1415', cb * g * i * (1 - i)))
    d.N(r'4. $1 - g_t^2 \approx 0{,}4869$', ('0{,}4869$', 1 - g ** 2), ('-0{,}1750', cb * i * (1 - g ** 2)))
    d.N(r'5. $o_t(1-o_t) \approx 0{,}2445$', ('0{,}2445$', o * (1 - o)), ('-0{,}0091', dh * tc * o * (1 - o)))
    d.N(r'6. $\partial L/\partial c_{t-1}', ('-0{,}5508', cb * f))
    d.N('**Yorum.** Çıkış kapısının', ('-0{,}0091', dh * tc * o * (1 - o)), ('0{,}0464', tc))
    return d


def f14():
    d = Doc('14_rnn_dau_ra_vi.md')
    d.G(r'\mathbf{o}^{(t)} = V\mathbf{h}^{(t)} + \mathbf{c}, \qquad')
    d.G('Ở mỗi bước thời gian $t$')
    d.G('và hàm mất mát entropy chéo')
    sm = lambda s: np.exp(s - s.max()) / np.exp(s - s.max()).sum()
    o, k = rnd(4), 1
    d.C(r'**Bước 1: đạo hàm theo logit.**', close(-np.log(sm(o)[k]), -o[k] + np.log(np.exp(o).sum())))
    d.C(r'\frac{\partial L^{(t)}}{\partial o^{(t)}_i} = \hat y', close(fd(lambda t: -np.log(sm(t)[k]), o), sm(o) - np.eye(4)[k]))
    d.G(r'**Bước 2: đạo hàm theo tham số.**')
    V, c, H, ks = rnd(4, 3), rnd(4), rnd(2, 3), [1, 3]
    Ltot = lambda V, c: sum(-np.log(sm(V @ H[t] + c)[ks[t]]) for t in range(2))
    gV = sum(np.outer(sm(V @ H[t] + c) - np.eye(4)[ks[t]], H[t]) for t in range(2))
    gc = sum(sm(V @ H[t] + c) - np.eye(4)[ks[t]] for t in range(2))
    d.C(r'\nabla_{V} L = \sum_t', close(fd(lambda M: Ltot(M, c), V), gV) and close(fd(lambda t: Ltot(V, t), c), gc))
    d.G(r'**Bước 3: tín hiệu truyền về trạng thái ẩn**')
    h = H[0]
    d.C(r'\nabla_{\mathbf h^{(t)}} L \mathrel{+}=', close(fd(lambda t: -np.log(sm(V @ t + c)[1]), h), V.T @ (sm(V @ h + c) - np.eye(4)[1])))
    d.C('Chú ý kích thước', np.outer(sm(V @ h), h).shape == V.shape and (V.T @ sm(V @ h)).shape == (3,))
    d.G(r'**Ví dụ số** (một bước thời gian')
    d.G(r'$$\mathbf h = \begin{pmatrix}0{,}5\\-0{,}5\end{pmatrix}')
    V = np.array([[1, 0], [0.5, 1], [-1, 0.5]]); h = np.array([0.5, -0.5]); k = 1
    o = V @ h; e = np.exp(o); yh = e / e.sum(); r = yh - np.eye(3)[k]
    d.N(r'- $\mathbf o = V\mathbf h', ('(0{,}5', o[0]), ('-0{,}25', o[1]), ('-0{,}75)', o[2]))
    d.N(r'- $e^{\mathbf o} \approx', ('(1{,}6487', e[0]), ('0{,}7788', e[1]), ('0{,}4724)', e[2]), ('2{,}8999', e.sum()))
    d.N(r'- $\hat{\mathbf y} \approx (0{,}5685', ('(0{,}5685', yh[0]), ('0{,}2686;', yh[1]), ('0{,}1629)', yh[2]), ('1{,}3147', -np.log(yh[k])))
    d.N(r'- $\hat{\mathbf y} - \mathbf y \approx', ('(0{,}5685', r[0]), ('-0{,}7314', r[1]), ('0{,}1629)', r[2]))
    d.C(r'- $\hat{\mathbf y} - \mathbf y \approx', abs(r.sum()) < 1e-12)
    G = np.outer(r, h)
    d.N(r'- $\nabla_V L \approx', ('0{,}2843 &', G[0, 0]), ('-0{,}2843', G[0, 1]), ('-0{,}3657 &', G[1, 0]), ('0{,}3657\\\\', G[1, 1]), ('0{,}0814 &', G[2, 0]), ('-0{,}0814', G[2, 1]))
    gh = V.T @ r
    d.N(r'- $\nabla_{\mathbf h} L = V^\top', ('(0{,}5685', r[0]), ('- 0{,}3657', -V[1, 0] * r[1]), ('- 0{,}1629', -V[2, 0] * r[2]), ('+ 0{,}0814', V[2, 1] * r[2]),
        ('(0{,}0399', gh[0]), ('-0{,}6500)', gh[1]))
    d.C(r'- $\nabla_{\mathbf h} L = V^\top', close(fd(lambda t: -np.log(np.exp(V @ t)[k] / np.exp(V @ t).sum()), h), gh))
    d.C(r'**Nhận xét.** Mỗi hàng', np.allclose(G[:, 0], -G[:, 1]))
    return d


def f15():
    d = Doc('15_exploderende_gradienten_nl.md')
    d.G(r'**Opgave 1.** Beschouw')
    w, x = rnd(), rnd()
    d.C(r'*Uitwerking.* Per stap geldt', close(fd(lambda h: w * h + x, rnd()), w))
    ok = True
    for T, k in [(5, 1), (7, 3)]:
        w, xs = rnd() * 1.5, rnd(T)
        def run(h):
            for t in range(k, T):
                h = w * h + xs[t]
            return h
        ok &= close(fd(run, rnd()), w ** (T - k + 1))
    d.C(r'\frac{\partial h_T}{\partial h_k} = \prod_{t=k+1}^{T}', ok)
    d.G(r'Getallenvoorbeeld met $T-k = 30$')
    d.N(r'- $w = 1{,}1$:', ('19{,}19', 1.1 ** 30))
    d.N(r'- $w = 0{,}9$:', ('0{,}0382', 0.9 ** 30))
    d.G(r'**Opgave 2.** Nu de vectorversie')
    d.G(r'$$W = \begin{pmatrix} 1{,}2 & 0{,}3\\ 0 & 0{,}5\end{pmatrix}.$$')
    W = np.array([[1.2, 0.3], [0, 0.5]]); xs = rnd(4, 2)
    def runv(h):
        for t in range(4):
            h = W @ h + xs[t]
        return h
    ev = np.sort(np.linalg.eigvals(W).real)
    d.C(r'*Uitwerking.* Hier is $\partial \mathbf h_T/\partial \mathbf h_k = W^{T-k}$',
        close(fd(runv, rnd(2)), np.linalg.matrix_power(W, 4)) and close(ev, [0.5, 1.2]) and abs(max(abs(ev)) - 1.2) < 1e-12)
    l1, l2 = 1.2, 0.5
    d.C(r'W^n = \begin{pmatrix} \lambda_1^n & 0{,}3', all(close(np.linalg.matrix_power(W, n), [[l1 ** n, 0.3 * (l1 ** n - l2 ** n) / (l1 - l2)], [0, l2 ** n]]) for n in range(1, 8)))
    W10 = np.linalg.matrix_power(W, 10)
    d.N(r'Voor $n = 10$:', ('6{,}1917$', l1 ** 10), ('0{,}000977', l2 ** 10), ('0{,}0010)', l2 ** 10), ('2{,}6532', W10[0, 1]))
    d.N(r'W^{10} \approx', ('6{,}1917 &', W10[0, 0]), ('2{,}6532', W10[0, 1]), ('0{,}0010', W10[1, 1]), ('6{,}736', np.linalg.norm(W10, 2)))
    d.C(r'W^{10} \approx', W10[1, 0] == 0)
    vals, vecs = np.linalg.eig(W); i1 = np.argmax(vals.real); v1 = vecs[:, i1].real; v2 = vecs[:, 1 - i1].real
    d.C('De richting langs de eigenvector', close(W10 @ v1, 1.2 ** 10 * v1) and close(W10 @ v2, 0.5 ** 10 * v2))
    d.G(r'**Opgave 3.** Na BPTT')
    g = np.array([6.0, -8.0]); ng = np.linalg.norm(g); gh = 5 / ng * g
    d.C(r'*Uitwerking.* $\|\mathbf g\|_2 = \sqrt{36 + 64} = 10 > 5$', g @ g == 100 and ng == 10)
    d.C(r'\hat{\mathbf g} = \frac{\tau}{\|\mathbf g\|_2}\,\mathbf g = \frac{5}{10}', close(gh, [3, -4]))
    gc = np.clip(g, -5, 5); ang = np.degrees(np.arccos(gc @ g / ng / np.linalg.norm(gc)))
    d.C(r'met $\|\hat{\mathbf g}\|_2 = 5$', np.linalg.norm(gh) == 5 and close(gc, [5, -5]) and gc @ g == 70 and close(np.linalg.norm(gc), 5 * np.sqrt(2)))
    d.N(r'met $\|\hat{\mathbf g}\|_2 = 5$', ('8{,}1^', ang))
    d.G('*Opmerking.* Clipping lost alleen')
    return d


def f16():
    d = Doc('16_embedding_gradient_cs.md')
    d.G('Vrstva vnoření (embedding) je matice')
    E = rnd(5, 3); w = 3; xo = np.eye(5)[w]
    d.C(r'$$\mathbf e = \mathbf E^{\mathsf T}\mathbf x = \mathbf E_{w,:}^{\mathsf T},$$', close(E.T @ xo, E[w]))
    de = fd(lambda M: M.T @ xo, E)   # shape (3, 5, 3): d e_j / d E_{ab}
    d.C(r'**Gradient.** Označme', all(close(de[j, :, j], xo) for j in range(3)))
    phi = lambda e: np.sin(e).sum() + e @ e
    gam = np.cos(E[w]) + 2 * E[w]
    GE = fd(lambda M: phi(M.T @ xo), E)
    d.C(r'\frac{\partial L}{\partial E_{ij}} = x_i\,\gamma_j', close(GE, np.outer(xo, gam)))
    d.C('Nenulový je tedy jediný řádek', np.count_nonzero(np.abs(GE).sum(1) > 1e-9) == 1 and close(GE[w], gam))
    seq = [2, 0, 2]; A = rnd(3, 3)
    Ls = lambda M: sum(np.sin(A[t] @ M[seq[t]]) for t in range(3))
    Gs = fd(Ls, E)
    acc = np.zeros_like(E)
    for t in range(3):
        acc[seq[t]] += np.cos(A[t] @ E[seq[t]]) * A[t]
    d.C(r'\frac{\partial L}{\partial \mathbf E_{w,:}} = \sum_{t:\ w_t = w}', close(Gs, acc))
    d.G(r'**Příklad.** Nechť $|V| = 4$')
    d.G(r'$$\mathbf E = \begin{pmatrix} 0{,}2 & -0{,}1')
    d.G('Věta má indexy slov')
    d.G(r'$\boldsymbol\gamma^{(1)} = (0{,}1;\ -0{,}2)$')
    E = np.array([[0.2, -0.1], [0.0, 0.5], [0.4, 0.3], [-0.3, 0.1]]); gs = np.array([[0.1, -0.2], [0.3, 0.0], [-0.05, 0.4]]); seq = [2, 0, 2]
    Gm = np.zeros_like(E)
    for t in range(3):
        Gm[seq[t]] += gs[t]
    d.N('- Řádek 2:', ('(0{,}05', Gm[2, 0]), ('0{,}2)', Gm[2, 1]))
    d.N('- Řádek 0:', ('(0{,}3', Gm[0, 0]), ('0{,}0)', Gm[0, 1]))
    d.C('- Řádky 1 a 3: nulové', np.all(Gm[[1, 3]] == 0))
    d.G(r'Po kroku SGD s $\eta = 0{,}1$')
    En = E - 0.1 * Gm
    d.N(r'$$\mathbf E_{2,:} \leftarrow', ('0{,}005', 0.1 * Gm[2, 0]), ('0{,}02)', 0.1 * Gm[2, 1]), ('(0{,}395', En[2, 0]), ('0{,}28)', En[2, 1]), ('(0{,}17', En[0, 0]), ('-0{,}1)', En[0, 1]))
    P = np.zeros((50000, 300), dtype=np.float32)
    d.I('**Počet parametrů.**', ('15\\,000\\,000', P.size), ('60\\,000\\,000', P.nbytes), ('30\\,000\\,000', 2 * P.size))
    d.N('**Počet parametrů.**', ('57{,}2', P.nbytes / 2 ** 20))
    return d


FILES = [f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16]

if __name__ == '__main__':
    expected = json.load(open(os.path.join(HERE, 'expected.json'), encoding='utf-8'))
    bad = 0
    seen = set()
    for fn in FILES:
        doc = fn()
        got = doc.first_failure(); exp = expected.get(doc.name, 'missing')
        seen.add(doc.name)
        status = 'OK' if got == exp else 'MISMATCH'
        bad += status != 'OK'
        print(f'{status:8s} {doc.name}: first failing line = {got}, expected = {exp}')
    extra = set(expected) - seen
    if extra:
        print('MISMATCH expected.json lists unknown files:', sorted(extra)); bad += 1
    sys.exit(1 if bad else 0)
