#!/usr/bin/env python
"""Independent NumPy verification of the corpus83 ground truth.

For every file, each line that contains mathematics is attached (by a unique
substring) to a check: G = given / definition / prose statement, or a callable
that recomputes the worked numbers (to printed precision), tests derivative
claims with central finite differences, tests identities at random points and
builds arrays for sizes.  A printed number is only accepted if it really occurs
in the located line, and on every line with worked numbers each decimal number
of the line must have been verified (accounting guard).  The first line whose
check fails must coincide with expected.json.  Math lines not attached to any
check are reported and count as a failure (coverage guard).
"""
import json, os, re, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(12345)
G = "given"

# ----------------------------------------------------------------- helpers
def P(s):
    s = s.replace("{,}", ".").replace(",", ".").replace("−", "-").replace(" ", "")
    return float(s)

def dec(s):
    s = s.replace("{,}", ".").replace(",", ".")
    return len(s.split(".")[1]) if "." in s else 0

CUR = {"line": None}
NUM_RE = {".": re.compile(r"-?\d+(?:\.\d+)?"), ",": re.compile(r"-?\d+(?:,\d+)?")}

def norm_line(l):
    return l.replace("{,}", ",").replace("−", "-")

def tokens(l):
    """number tokens of a line; the decimal separator is the file's own"""
    return NUM_RE[CUR.get("sep", ".")].findall(norm_line(l))

def N(printed, value):
    """printed number (which must occur as a number token in the checked line)
    agrees with the recomputed value to its printed precision"""
    CUR.setdefault("touched", set()).add(printed.lstrip("-"))
    if CUR["line"] is not None and printed not in tokens(CUR["line"]):
        N.last = f"printed {printed} not found in the line"
        return False
    tol = 0.5 * 10 ** (-dec(printed)) * (1 + 1e-9) + 1e-12
    ok = abs(P(printed) - float(value)) <= tol
    if not ok:
        N.last = f"printed {printed} vs computed {float(value):.10g}"
    return ok
N.last = ""

def NN(*pairs):
    return all(N(p, v) for p, v in pairs)

def E(a, b, tol=1e-9):
    return np.allclose(np.asarray(a, float), np.asarray(b, float), rtol=tol, atol=tol)

def fd(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        e = np.zeros_like(x); e[i] = h
        g[i] = (f(x + e) - f(x - e)) / (2 * h)
    return g

def FD(analytic, f, x, rtol=1e-5, atol=1e-6):
    return np.allclose(np.asarray(analytic, float), fd(f, x), rtol=rtol, atol=atol)

def softmax(z, axis=-1):
    z = np.asarray(z, float)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)

def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))

def rnd(*shape):
    return RNG.normal(size=shape)

def repeat(fn, n=5):
    return all(fn() for _ in range(n))

# Gauss-Hermite (probabilists') quadrature for E over N(mu, sigma^2)
_GH_X, _GH_W = np.polynomial.hermite_e.hermegauss(40)
def gauss_E(f, mu, sigma):
    return np.sum(_GH_W * f(mu + sigma * _GH_X)) / np.sqrt(2 * np.pi)


class TinyMDP:
    """finite-horizon MDP, 2 states, 2 actions, tabular softmax policy,
    trajectories enumerated exactly (steps t = 0..T-1)."""
    def __init__(self, T=2, seed=0):
        r = np.random.default_rng(seed)
        self.nS, self.nA, self.T = 2, 2, T
        self.rho0 = np.array([0.6, 0.4])
        self.Ptr = r.dirichlet([1, 1], size=(2, 2))     # [s, a, s']
        self.rew = r.normal(size=(2, 2))                # r(s, a)
        self.trajs = list(self._enum())

    def _enum(self):
        import itertools
        for combo in itertools.product(range(2), repeat=2 * self.T + 1):
            s = combo[0::2]; a = combo[1::2]
            yield tuple(s), tuple(a)

    def pi(self, th):
        return softmax(th.reshape(2, 2), axis=1)

    def Ptau(self, th, tr):
        s, a = tr; p = self.pi(th); v = self.rho0[s[0]]
        for t in range(self.T):
            v *= p[s[t], a[t]] * self.Ptr[s[t], a[t], s[t + 1]]
        return v

    def logPtau_sum(self, th, tr):
        s, a = tr; p = self.pi(th)
        out = np.log(self.rho0[s[0]])
        for t in range(self.T):
            out += np.log(self.Ptr[s[t], a[t], s[t + 1]]) + np.log(p[s[t], a[t]])
        return out

    def R(self, tr):
        s, a = tr
        return sum(self.rew[s[t], a[t]] for t in range(self.T))

    def Gt(self, tr, t):
        s, a = tr
        return sum(self.rew[s[k], a[k]] for k in range(t, self.T))

    def J(self, th):
        return sum(self.Ptau(th, tr) * self.R(tr) for tr in self.trajs)

    def score(self, th, s, a):
        p = self.pi(th); g = np.zeros((2, 2))
        g[s] = -p[s]; g[s, a] += 1.0
        return g.ravel()


# ----------------------------------------------------------------- engine
MATH_CHARS = set("$\\=∇∂`")
SKIP_RE = re.compile(r"^\s*(\$\$|\\begin\{[a-z*]+\}|\\end\{[a-z*]+\}|```.*|---+|\|[-| ]+\|)\s*$")

def is_math(line, in_display):
    s = line.strip()
    if not s or SKIP_RE.match(s) or s.startswith("<!--"):
        return False
    if in_display:
        return True
    if any(c in s for c in MATH_CHARS):
        return True
    if s.startswith("|") and re.search(r"\d", s):
        return True
    return False

def math_lines(lines):
    out = set(); disp = False
    for i, l in enumerate(lines):
        s = l.strip()
        if is_math(l, disp):
            out.add(i + 1)
        # toggle display state for lone $$ or lines opening/closing $$
        n = s.count("$$")
        if n % 2 == 1:
            disp = not disp
    return out

def run_file(fname, checks):
    with open(os.path.join(HERE, fname), encoding="utf-8") as fh:
        text = fh.read()
    lines = text.split("\n")
    CUR["sep"] = "," if "{,}" in text else "."
    covered = set(); problems = []
    bad = {}                      # line -> message of its first failing check
    touched = {}                  # line -> set of numbers verified on that line
    for sub, chk in checks:
        if sub.startswith("^"):   # exact (stripped) line match
            idx = [i + 1 for i, l in enumerate(lines) if l.strip() == sub[1:]]
        else:
            idx = [i + 1 for i, l in enumerate(lines) if sub in l]
        if len(idx) != 1:
            problems.append(f"substring {sub!r} matched {len(idx)} lines")
            continue
        ln = idx[0]; covered.add(ln)
        if chk is G:
            continue
        try:
            N.last = ""; CUR["line"] = lines[ln - 1]; CUR["touched"] = touched.setdefault(ln, set())
            ok = bool(chk())
        except Exception as ex:  # noqa
            ok = False; N.last = f"exception {ex!r}"
        CUR["line"] = None
        if not ok and ln not in bad:
            bad[ln] = N.last
    # accounting: in a line with worked numbers every decimal number must be verified
    for ln, tset in touched.items():
        if tset and ln not in bad:
            dec_toks = {t.lstrip("-") for t in tokens(lines[ln - 1]) if re.search(r"[.,]", t)}
            missing = sorted(dec_toks - tset)
            if missing:
                bad[ln] = f"unchecked numbers {missing}"
    fails = sorted(bad.items())
    unc = sorted(math_lines(lines) - covered)
    if unc:
        problems.append(f"uncovered math lines {unc}")
    first = fails[0][0] if fails else None
    return first, fails, problems

FILES = {}
def register(name):
    def deco(fn):
        FILES[name] = fn
        return fn
    return deco


# ================================================================ 01
@register("01_score_function_trick_en.md")
def f01():
    M = TinyMDP(T=2, seed=1)
    th = rnd(4)
    tr = M.trajs[7]
    gJ = fd(M.J, th)
    def grad_logP(tr_):
        return fd(lambda t: np.log(M.Ptau(t, tr_)), th)
    def chain():
        v1 = fd(lambda t: sum(M.Ptau(t, x) * M.R(x) for x in M.trajs), th)
        v2 = sum(fd(lambda t: M.Ptau(t, x), th) * M.R(x) for x in M.trajs)
        v3 = sum(M.Ptau(th, x) * grad_logP(x) * M.R(x) for x in M.trajs)
        v5 = sum(M.Ptau(th, x) * sum(M.score(th, x[0][t], x[1][t]) for t in range(M.T)) * M.R(x)
                 for x in M.trajs)
        return v1, v2, v3, v5
    V = chain()
    s = sigmoid(0.4)
    return [
        (r"We aim to maximize the expected return $J(\pi_{\theta})", G),
        (r"\theta_{k+1} = \theta_k + \alpha \left.", G),
        (r"The probability of a trajectory $\tau = (s_0, a_0, ..., s_{T+1})$", G),
        (r"$$P(\tau|\theta) = \rho_0 (s_0) \prod_{t=0}^{T}",
         lambda: E(sum(M.Ptau(th, x) for x in M.trajs), 1.0)),
        (r"the derivative of $\log x$ with respect to $x$ is $1/x$",
         lambda: repeat(lambda: (lambda x: FD(1 / x, np.log, x))(np.exp(rnd()) )) ),
        (r"$$\nabla_{\theta} P(\tau | \theta) = P(\tau | \theta) \nabla_{\theta} \log P(\tau | \theta).$$",
         lambda: all(FD(M.Ptau(th, x) * grad_logP(x), lambda t: M.Ptau(t, x), th) for x in M.trajs[:8])),
        (r"$$\log P(\tau|\theta) = \log \rho_0 (s_0) + \sum_{t=0}^{T} \bigg(",
         lambda: all(E(np.log(M.Ptau(th, x)), M.logPtau_sum(th, x)) for x in M.trajs)),
        (r"gradients of $\rho_0(s_0)$, $P(s_{t+1}|s_t, a_t)$, and $R(\tau)$ are zero", G),
        (r"$$\nabla_{\theta} \log P(\tau | \theta) = \sum_{t=0}^{T} \nabla_{\theta} \log \pi_{\theta}(a_t |s_t).$$",
         lambda: all(E(grad_logP(x), sum(M.score(th, x[0][t], x[1][t]) for t in range(M.T)), 1e-5)
                     for x in M.trajs[::5])),
        (r"\nabla_{\theta} J(\pi_{\theta}) &= \nabla_{\theta} \mathbb{E}_{\tau \sim \pi_{\theta}}[R(\tau)] & \\",
         lambda: E(gJ, fd(M.J, th))),
        (r"&= \nabla_{\theta} \int_{\tau} P(\tau|\theta) R(\tau) & \text{Expand expectation}",
         lambda: E(V[0], gJ, 1e-6)),
        (r"&= \int_{\tau} \nabla_{\theta} P(\tau|\theta) R(\tau) & \text{Bring",
         lambda: E(V[1], gJ, 1e-6)),
        (r"&= \int_{\tau} P(\tau|\theta) \nabla_{\theta} \log P(\tau|\theta) R(\tau) & \text{Log-derivative trick}",
         lambda: E(V[2], gJ, 1e-5)),
        (r"&= \mathbb{E}_{\tau \sim \pi_{\theta}}[\nabla_{\theta} \log P(\tau|\theta) R(\tau)] & \text{Return",
         lambda: E(V[2], gJ, 1e-5)),
        (r"\therefore \nabla_{\theta} J(\pi_{\theta}) &=",
         lambda: E(V[3], gJ, 1e-5)),
        (r"we can estimate it with a sample mean. If we collect a set", G),
        (r"$$\hat{g} = \frac{1}{|\mathcal{D}|} \sum_{\tau \in \mathcal{D}}", G),
        (r"where $|\mathcal{D}|$ is the number of trajectories", G),
        (r"Take a one-step problem with two actions and a single parameter", G),
        (r"Since $\sigma'(\theta) = \sigma(\theta)(1-\sigma(\theta))$",
         lambda: repeat(lambda: (lambda x: FD(sigmoid(x) * (1 - sigmoid(x)), sigmoid, x)
                                 and FD(1 - sigmoid(x), lambda y: np.log(sigmoid(y)), x)
                                 and FD(-sigmoid(x), lambda y: np.log(1 - sigmoid(y)), x))(rnd()))),
        (r"Let the rewards be $R(1) = 2$ and $R(0) = -1$",
         lambda: NN(("0.5987", s), ("0.4013", 1 - s))),
        (r"The expectation form gives",
         lambda: NN(("0.4805", s * 2 * (1 - s)), ("0.2403", (1 - s) * s),
                    ("0.7208", s * 2 * (1 - s) + (1 - s) * s)) and
                 N("0.7208", fd(lambda t: 2 * sigmoid(t) - (1 - sigmoid(t)), np.array(0.4)))),
        (r"Directly: $J(\theta) = 2\sigma(\theta) - (1-\sigma(\theta))",
         lambda: repeat(lambda: (lambda x: E(2 * sigmoid(x) - (1 - sigmoid(x)), 3 * sigmoid(x) - 1)
                                 and FD(3 * sigmoid(x) * (1 - sigmoid(x)), lambda y: 3 * sigmoid(y) - 1, x))(rnd()))
                 and N("0.7208", 3 * s * (1 - s))),
        (r"With a batch of three sampled actions",
         lambda: NN(("2.2039", 2 * (1 - s) * 2 + s), ("0.7346", (4 * (1 - s) + s) / 3))),
        (r"which is in the right ballpark; it converges to $0.7208$",
         lambda: N("0.7208", 3 * s * (1 - s))),

        (r"Let the rewards be $R(1) = 2$ and $R(0) = -1$", lambda: N("0.4", 0.4)),
        (r"The expectation form gives", lambda: NN(("0.5987", s), ("0.4013", 1 - s))),
        (r"With a batch of three sampled actions", lambda: NN(("-0.5987", -s), ("0.4013", 1 - s))),
    ]


# ================================================================ 02
@register("02_reinforce_baseline_de.md")
def f02():
    M = TinyMDP(T=2, seed=2)
    th = rnd(4)
    def pg_theorem():
        gJ = fd(M.J, th)
        est = sum(M.Ptau(th, x) * sum(M.score(th, x[0][t], x[1][t]) * M.Gt(x, t) for t in range(M.T))
                  for x in M.trajs)
        return E(gJ, est, 1e-5)
    K = 4
    def lemma():
        z = rnd(K); b = rnd(); p = softmax(z)
        sc = [fd(lambda y: np.log(softmax(y)[a]), z) for a in range(K)]
        t1 = sum(p[a] * sc[a] * b for a in range(K))
        t2 = b * sum(fd(lambda y: softmax(y)[a], z) for a in range(K))
        t3 = b * fd(lambda y: softmax(y).sum(), z)
        return E(t1, 0, 1e-6) and E(t2, 0, 1e-6) and E(t3, 0, 1e-6) and E(t1, t2, 1e-6)
    def logder():
        z = rnd(K); a = 1
        return FD(fd(lambda y: softmax(y)[a], z) / softmax(z)[a], lambda y: np.log(softmax(y)[a]), z)
    def softmax_score():
        z = rnd(3); p = softmax(z)
        return all(FD(np.eye(3)[a] - p, lambda y: np.log(softmax(y)[a]), z) for a in range(3))
    pi = np.array([0.5, 0.3, 0.2]); r = np.array([2.0, 3.0, -2.0]); th0 = np.log(pi)
    psi = np.array([fd(lambda y: np.log(softmax(y)[a]), th0)[0] for a in range(3)])
    J = pi @ r
    g = psi * r; Eg = pi @ g; Eg2 = pi @ g ** 2; Vg = Eg2 - Eg ** 2
    b = J; gb = psi * (r - b); Egb = pi @ gb; Egb2 = pi @ gb ** 2; Vgb = Egb2 - Egb ** 2
    def vhat_update():
        x = rnd(3); w = rnd(3); Gt = rnd()
        v = lambda ww: np.tanh(ww @ x)
        # gradient ascent direction on -1/2 (G - v)^2 equals (G - v) grad v
        return FD((Gt - v(w)) * (1 - np.tanh(w @ x) ** 2) * x, lambda ww: -0.5 * (Gt - v(ww)) ** 2, w)
    return [
        (r"das Gütemaß $J(\theta)=\mathbb{E}_{\pi_\theta}[G_0]$", G),
        (r"$$\nabla_\theta J(\theta)=\mathbb{E}_{\pi_\theta}\!\left[\sum_{t=0}^{T-1}", pg_theorem),
        (r"Abhilfe schafft eine *Baseline* $b(s)$", G),
        (r"$$\theta\leftarrow\theta+\alpha\,\big(G_t-b(S_t)\big)", G),
        (r"**Lemma 7.4.** Für jede Funktion $b:\mathcal S\to\mathbb R$", G),
        (r"$\mathbb{E}_{A\sim\pi_\theta(\cdot\mid s)}\big[\nabla_\theta\log\pi_\theta(A\mid s)\,b(s)\big]=0.$", lemma),
        (r"*Beweis.* Mit $\nabla_\theta\log\pi_\theta=\nabla_\theta\pi_\theta/\pi_\theta$", logder),
        (r"$$\sum_a\pi_\theta(a\mid s)\,\nabla_\theta\log\pi_\theta(a\mid s)\,b(s)=b(s)\sum_a", lemma),
        (r"**Beispiel 7.5 (Banditenproblem mit drei Armen).**", G),
        (r"Für die Softmax gilt bekanntlich $\partial\log\pi_\theta(a)/\partial\theta_k=\mathbb 1[a=k]-\pi_\theta(k)$", softmax_score),
        (r"Die Parameter seien so gewählt, dass $\pi_\theta=(0{,}5;\ 0{,}3;\ 0{,}2)$",
         lambda: E(softmax(th0), pi)),
        (r"Die Score-Werte $\psi(a)=\mathbb 1[a=1]-\pi_\theta(1)$ sind",
         lambda: E(psi, (np.arange(3) == 0) - pi[0], 1e-6)),
        (r"$$\psi(1)=0{,}5,\qquad \psi(2)=-0{,}5,\qquad \psi(3)=-0{,}5.$$",
         lambda: NN(("0,5", psi[0]), ("-0,5", psi[1]), ("-0,5", psi[2]))),
        (r"Exakter Gradient: $J(\theta)=\sum_a\pi_\theta(a)\,r(a)=1{,}0+0{,}9-0{,}4=1{,}5$",
         lambda: NN(("1,0", pi[0] * r[0]), ("0,9", pi[1] * r[1]), ("-0,4", pi[2] * r[2]), ("1,5", J))),
        (r"$\partial J/\partial\theta_1=\pi_\theta(1)\,\big(r(1)-J\big)=0{,}5\cdot0{,}5=0{,}25$",
         lambda: N("0,25", fd(lambda y: softmax(y) @ r, th0)[0]) and E(pi[0] * (r[0] - J), 0.25)),
        (r"*Ohne Baseline:* $\hat g(a)=\psi(a)\,r(a)$, also $\hat g=(1{,}0;\ -1{,}5;\ 1{,}0)$",
         lambda: NN(("1,0", g[0]), ("-1,5", g[1]), ("1,0", g[2]))),
        (r"$$\mathbb E[\hat g]=0{,}5\cdot1{,}0+0{,}3\cdot(-1{,}5)+0{,}2\cdot1{,}0=0{,}5-0{,}45+0{,}2=0{,}25,$$",
         lambda: NN(("0,5", pi[0] * g[0]), ("-0,45", pi[1] * g[1]), ("0,2", pi[2] * g[2]), ("0,25", Eg))),
        (r"$$\mathbb E[\hat g^2]=0{,}5\cdot1+0{,}3\cdot2{,}25+0{,}2\cdot1=1{,}375",
         lambda: NN(("2,25", g[1] ** 2), ("1,375", Eg2), ("1,3125", Vg)) and E(Eg, 0.25)),
        (r"*Mit Baseline* $b=J=1{,}5$ (d.h. $b=v_\pi$)",
         lambda: NN(("0,5", r[0] - b), ("1,5", r[1] - b), ("-3,5", r[2] - b),
                    ("0,25", gb[0]), ("-0,75", gb[1]), ("1,75", gb[2]))),
        (r"$$\mathbb E[\hat g_b]=0{,}5\cdot0{,}25+0{,}3\cdot(-0{,}75)+0{,}2\cdot1{,}75",
         lambda: NN(("0,125", pi[0] * gb[0]), ("-0,225", pi[1] * gb[1]), ("0,35", pi[2] * gb[2]), ("0,25", Egb))),
        (r"$$\mathbb E[\hat g_b^2]=0{,}5\cdot0{,}0625+0{,}3\cdot0{,}5625+0{,}2\cdot3{,}0625",
         lambda: NN(("0,0625", gb[0] ** 2), ("0,5625", gb[1] ** 2), ("3,0625", gb[2] ** 2),
                    ("0,03125", pi[0] * gb[0] ** 2), ("0,16875", pi[1] * gb[1] ** 2),
                    ("0,6125", pi[2] * gb[2] ** 2), ("0,8125", Egb2))),
        (r"$$\operatorname{Var}[\hat g_b]=0{,}8125-0{,}25=0{,}5625.$$",
         lambda: N("0,5625", Vgb)),
        (r"Der Erwartungswert bleibt also bei $0{,}25$ (Lemma 7.4)",
         lambda: NN(("0,25", Egb), ("1,3125", Vg), ("0,5625", Vgb), ("57", 100 * (Vg - Vgb) / Vg))),
        (r"**Bemerkung 7.6.** Die Wahl $b(s)=\hat v(s,\mathbf w)$", G),
        (r"$$\mathbf w\leftarrow\mathbf w+\alpha^{\mathbf w}\big(G_t-\hat v(S_t,\mathbf w)\big)", vhat_update),
        (r"Beachte: $b$ darf von $s$, aber **nicht** von $a$", G),

        (r"$\partial J/\partial\theta_1=\pi_\theta(1)\,\big(r(1)-J\big)=0{,}5\cdot0{,}5",
         lambda: NN(("0,5", pi[0]), ("0,5", r[0] - J))),
        (r"$$\mathbb E[\hat g]=0{,}5\cdot1{,}0+0{,}3\cdot(-1{,}5)",
         lambda: NN(("0,5", pi[0]), ("0,3", pi[1]), ("0,2", pi[2]), ("1,0", g[0]), ("-1,5", g[1]), ("1,0", g[2]))),
        (r"$$\mathbb E[\hat g^2]=0{,}5\cdot1+0{,}3\cdot2{,}25",
         lambda: NN(("0,5", pi[0]), ("0,3", pi[1]), ("0,2", pi[2]), ("-0,25", -Eg)) and E(g[0] ** 2, 1) and E(g[2] ** 2, 1)),
        (r"$$\mathbb E[\hat g_b]=0{,}5\cdot0{,}25+0{,}3\cdot(-0{,}75)",
         lambda: NN(("0,5", pi[0]), ("0,3", pi[1]), ("0,2", pi[2]), ("0,25", gb[0]), ("-0,75", gb[1]), ("1,75", gb[2]))),
        (r"$$\mathbb E[\hat g_b^2]=0{,}5\cdot0{,}0625",
         lambda: NN(("0,5", pi[0]), ("0,3", pi[1]), ("0,2", pi[2]))),
    ]


# ================================================================ 03
@register("03_softmax_logits_zh.md")
def f03():
    def score_vec():
        z = rnd(4); p = softmax(z)
        return all(FD(np.eye(4)[a] - p, lambda y: np.log(softmax(y)[a]), z) for a in range(4))
    def logsm():
        z = rnd(4)
        return all(E(np.log(softmax(z)[a]), z[a] - np.log(np.exp(z).sum())) for a in range(4))
    def first_term():
        z = rnd(4)
        return all(FD(np.eye(4)[a], lambda y: y[a], z) for a in range(4))
    def lse():
        z = rnd(4)
        return FD(softmax(z), lambda y: np.log(np.exp(y).sum()), z)
    def jac():
        z = rnd(4); p = softmax(z)
        Jfd = np.array([fd(lambda y: softmax(y)[i], z) for i in range(4)])  # [i, j]
        Jan = p[:, None] * (np.eye(4) - p[None, :])
        return np.allclose(Jfd, Jan, atol=1e-6) and np.allclose(Jan, np.diag(p) - np.outer(p, p))
    def jac_props():
        z = rnd(5); p = softmax(z); Jm = np.diag(p) - np.outer(p, p)
        return Jm.shape == (5, 5) and np.allclose(Jm, Jm.T) and np.allclose(Jm.sum(1), 0) and E(p.sum(), 1)
    def mean_zero():
        z = rnd(4); p = softmax(z)
        s = sum(p[a] * (np.eye(4)[a] - p) for a in range(4))
        return E(sum(p[a] * np.eye(4)[a] for a in range(4)), p) and E(s, 0)
    z = np.array([2.0, 1.0, 0.1]); ez = np.exp(z); p = softmax(z)
    e2 = np.array([0, 1.0, 0]); sc = e2 - p; dz = 0.1 * 1.5 * sc; z2 = z + dz; p2 = softmax(z2)
    def torch_like():
        Gv = 1.5; a = 1
        loss = lambda y: -Gv * np.log(softmax(y)[a])
        return FD(-Gv * (e2 - softmax(z)), loss, z)
    return [
        (r"但很多人第一次推的时候会被 $\log\sum$ 那一项绕晕", G),
        (r"设 logits 为 $\mathbf z\in\mathbb R^{K}$", G),
        (r"$$\nabla_{\mathbf z}\log\pi_a=\mathbf e_a-\boldsymbol\pi .$$", score_vec),
        (r"其中 $\mathbf e_a$ 是第 $a$ 个位置为 1", G),
        (r"**推导。** 按定义 $\pi_a=", G),
        (r"$$\log\pi_a=z_a-\log\sum_{k=1}^{K}e^{z_k}.$$", logsm),
        (r"对 $z_j$ 求偏导，第一项给出 $\delta_{aj}$", first_term),
        (r"$$\frac{\partial}{\partial z_j}\log\sum_{k}e^{z_k}=", lse),
        (r"$$\frac{\partial\log\pi_a}{\partial z_j}=\delta_{aj}-\pi_j ,$$", score_vec),
        (r"写成向量形式就是上面的 $\mathbf e_a-\boldsymbol\pi$", score_vec),
        (r"$$\frac{\partial\pi_i}{\partial z_j}=\pi_i(\delta_{ij}-\pi_j),\qquad J=", jac),
        (r"它是一个对称的 $K\times K$ 矩阵", jac_props),
        (r"$$\mathbb E_{a\sim\pi}\big[\nabla_{\mathbf z}\log\pi_a\big]=", mean_zero),
        (r"**数值例子。** 取 $K=3$", G),
        (r"$e^{2.0}\approx7.3891", lambda: NN(("7.3891", ez[0]), ("2.7183", ez[1]), ("1.1052", ez[2]), ("11.2125", ez.sum()))),
        (r"- $\boldsymbol\pi\approx(0.6590,\ 0.2424,\ 0.0986)$", lambda: NN(("0.6590", p[0]), ("0.2424", p[1]), ("0.0986", p[2]))),
        (r"假设采样到的是第 2 个动作", G),
        (r"- $\nabla_{\mathbf z}\log\pi_2=\mathbf e_2-\boldsymbol\pi\approx(-0.6590,\ 0.7576,\ -0.0986)$",
         lambda: NN(("-0.6590", sc[0]), ("0.7576", sc[1]), ("-0.0986", sc[2]))
                 and FD(sc, lambda y: np.log(softmax(y)[1]), z)),
        (r"- 更新量 $\Delta\mathbf z=\alpha G\,(\mathbf e_2-\boldsymbol\pi)=0.15",
         lambda: E(0.1 * 1.5, 0.15) and NN(("-0.0989", dz[0]), ("0.1136", dz[1]), ("-0.0148", dz[2]))),
        (r"- 新 logits $\mathbf z'\approx(1.9011,\ 1.1136,\ 0.0852)$",
         lambda: NN(("1.9011", z2[0]), ("1.1136", z2[1]), ("0.0852", z2[2]),
                    ("0.6182", p2[0]), ("0.2813", p2[1]), ("0.1006", p2[2]))),
        (r"可以看到 $\pi_2$ 从 $0.2424$ 升到了 $0.2813$",
         lambda: NN(("0.2424", p[1]), ("0.2813", p2[1]))
                 and abs(-0.0989 + 0.1136 - 0.0148) <= 3 * 0.5e-4 and E(dz.sum(), 0)
                 and E(sum(np.eye(3)[1]) - p.sum(), 0)),
        (r"用 PyTorch 验证也很简单", torch_like),

        (r"$e^{2.0}\approx7.3891", lambda: NN(("2.0", z[0]), ("1.0", z[1]), ("0.1", z[2]))),
        (r"- 更新量 $\Delta\mathbf z=\alpha G", lambda: N("0.15", 0.1 * 1.5)),
        (r"可以看到 $\pi_2$ 从 $0.2424$ 升到了 $0.2813$",
         lambda: NN(("-0.0989", dz[0]), ("0.1136", dz[1]), ("-0.0148", dz[2]))),
    ]

# ================================================================ 04
@register("04_gaussian_policy_fr.md")
def f04():
    def dens(a, mu, sig):
        return np.exp(-(a - mu) ** 2 / (2 * sig ** 2)) / (sig * np.sqrt(2 * np.pi))
    def logpi(a, mu, xi):
        return -0.5 * (a - mu) ** 2 * np.exp(-2 * xi) - xi - 0.5 * np.log(2 * np.pi)
    def norm_ok():
        mu, xi = rnd(), 0.3 * rnd(); s = np.exp(xi)
        xs = np.linspace(mu - 12 * s, mu + 12 * s, 200001)
        return abs(np.trapezoid(dens(xs, mu, s), xs) - 1) < 1e-6 if hasattr(np, "trapezoid") else \
               abs(np.trapz(dens(xs, mu, s), xs) - 1) < 1e-6
    def logforms():
        def one():
            a, mu, xi = rnd(), rnd(), 0.5 * rnd(); s = np.exp(xi)
            f1 = -(a - mu) ** 2 / (2 * s ** 2) - xi - 0.5 * np.log(2 * np.pi)
            return E(np.log(dens(a, mu, s)), f1) and E(f1, logpi(a, mu, xi))
        return repeat(one)
    def scores():
        def one():
            a, mu, xi = rnd(), rnd(), 0.5 * rnd(); s = np.exp(xi)
            return (FD((a - mu) / s ** 2, lambda m: logpi(a, m, xi), mu)
                    and FD((a - mu) ** 2 / s ** 2 - 1, lambda x: logpi(a, mu, x), xi))
        return repeat(one)
    def proof_terms():
        a, mu, xi = rnd(), rnd(), 0.5 * rnd()
        return (FD((a - mu) ** 2 * np.exp(-2 * xi), lambda x: -0.5 * (a - mu) ** 2 * np.exp(-2 * x), xi)
                and FD(-1.0, lambda x: -x, xi))
    def moments():
        mu, s = rnd(), np.exp(0.5 * rnd())
        return E(gauss_E(lambda a: a - mu, mu, s), 0, 1e-8) and E(gauss_E(lambda a: (a - mu) ** 2, mu, s), s ** 2, 1e-8)
    def score_means():
        mu, xi = rnd(), 0.5 * rnd(); s = np.exp(xi)
        return (E(gauss_E(lambda a: (a - mu) / s ** 2, mu, s), 0, 1e-8)
                and E(gauss_E(lambda a: (a - mu) ** 2 / s ** 2 - 1, mu, s), 0, 1e-8)
                and E(s ** 2 / s ** 2 - 1, 0))
    def sign_claim():
        def one():
            a, mu, xi = rnd(), rnd(), 0.5 * rnd(); s = np.exp(xi)
            d = fd(lambda x: logpi(a, mu, x), xi)
            return (d < 0) == (abs(a - mu) < s)
        return all(one() for _ in range(50))
    def lin():
        s_ = rnd(3); w = rnd(3); a = rnd(); xi = 0.3 * rnd(); sg = np.exp(xi)
        return FD((a - w @ s_) / sg ** 2 * s_, lambda ww: logpi(a, ww @ s_, xi), w)
    s_ = np.array([1.0, 2.0]); w = np.array([0.1, 0.2]); mu = w @ s_; xi = np.log(0.5); sg = np.exp(xi); a = 0.8
    smu = (a - mu) / sg ** 2; sxi = (a - mu) ** 2 / sg ** 2 - 1; sw = smu * s_
    aA = 0.01 * 2; w2 = w + aA * sw; mu2 = w2 @ s_; xi2 = xi + aA * sxi
    def diag():
        m = 4; a_ = rnd(m); mu_ = rnd(m); xi_ = 0.4 * rnd(m)
        lhs = sum(np.log(dens(a_[i], mu_[i], np.exp(xi_[i]))) for i in range(m))
        rhs = np.sum(-0.5 * (a_ - mu_) ** 2 * np.exp(-2 * xi_) - xi_) - m / 2 * np.log(2 * np.pi)
        return E(lhs, rhs)
    return [
        (r"On se place dans le cas d'un espace d'actions continu", G),
        (r"$$\pi_\theta(a\mid s)=\frac{1}{\sigma\sqrt{2\pi}}", norm_ok),
        (r"où l'écart-type est paramétré par son logarithme", G),
        (r"$$\log\pi_\theta(a\mid s)=-\frac{(a-\mu)^2}{2\sigma^2}-\xi", logforms),
        (r"$$\frac{\partial\log\pi}{\partial\mu}=\frac{a-\mu}{\sigma^2},\qquad", scores),
        (r"on dérive la forme en $e^{-2\xi}$", G),
        (r"$\partial_\xi\big[-\tfrac12(a-\mu)^2e^{-2\xi}\big]=(a-\mu)^2e^{-2\xi}$", proof_terms),
        (r"**Remarque.** Si $a\sim\mathcal N(\mu,\sigma^2)$", moments),
        (r"$$\mathbb E\Big[\frac{\partial\log\pi}{\partial\mu}\Big]=0,\qquad", score_means),
        (r"ce qui est cohérent avec l'identité générale", score_means),
        (r"On remarque aussi que $\partial_\xi\log\pi<0$ si et seulement si", sign_claim),
        (r"**Moyenne linéaire.** Si $\mu_\theta(s)=w^\top s$", G),
        (r"$$\nabla_w\log\pi_\theta(a\mid s)=\frac{a-w^\top s}{\sigma^2}\,s .$$", lin),
        (r"On prend $d=2$, $s=(1\,;\,2)$",
         lambda: NN(("0,1", w[0] * s_[0]), ("0,4", w[1] * s_[1]), ("0,5", mu), ("-0,6931", xi),
                    ("0,5", sg), ("0,25", sg ** 2)) and len(s_) == 2),
        (r"1. Écart : $a-\mu=0{,}3$.", lambda: N("0,3", a - mu)),
        (r"2. Log-vraisemblance :",
         lambda: NN(("-0,18", -(a - mu) ** 2 / (2 * sg ** 2)), ("0,09", (a - mu) ** 2), ("0,5", 2 * sg ** 2),
                    ("0,6931", -xi), ("-0,9189", -0.5 * np.log(2 * np.pi)), ("-0,4058", logpi(a, mu, xi)))),
        (r"3. Score en $\mu$", lambda: NN(("1,2", smu)) and FD(smu, lambda m: logpi(a, m, xi), mu)),
        (r"4. Score en $\xi$",
         lambda: NN(("0,36", (a - mu) ** 2 / sg ** 2), ("-0,64", sxi)) and FD(sxi, lambda x: logpi(a, mu, x), xi)),
        (r"5. Score en $w$",
         lambda: NN(("1,2", sw[0]), ("2,4", sw[1])) and FD(sw, lambda ww: logpi(a, ww @ s_, xi), w)),
        (r"Mise à jour REINFORCE avec un avantage $\hat A=2$", lambda: N("0,02", aA)),
        (r"$$w'=(0{,}1+0{,}02\cdot1{,}2\,;",
         lambda: NN(("0,124", w2[0]), ("0,248", w2[1]), ("0,62", mu2))),
        (r"$$\xi'=-0{,}6931+0{,}02\cdot(-0{,}64)=-0{,}7059",
         lambda: NN(("-0,7059", xi2), ("0,4936", np.exp(xi2)))),
        (r"La moyenne se rapproche de l'action récompensée",
         lambda: NN(("0,5", mu), ("0,62", mu2), ("0,3", abs(a - mu)), ("0,5", sg), ("0,4936", np.exp(xi2)))
                 and abs(a - mu) < sg and np.exp(xi2) < sg and abs(a - mu2) < abs(a - mu)),
        (r"**Exercice.** Refaire le calcul pour une politique gaussienne diagonale", diag),

        (r"On prend $d=2$, $s=(1\,;\,2)$", lambda: NN(("0,1", w[0]), ("0,2", w[1]), ("0,8", a)) and E(s_, [1, 2])),
        (r"3. Score en $\mu$", lambda: NN(("0,3", a - mu), ("0,25", sg ** 2))),
        (r"4. Score en $\xi$", lambda: NN(("0,09", (a - mu) ** 2), ("0,25", sg ** 2))),
        (r"Mise à jour REINFORCE avec un avantage $\hat A=2$", lambda: N("0,01", 0.01)),
        (r"$$w'=(0{,}1+0{,}02\cdot1{,}2\,;",
         lambda: NN(("0,1", w[0]), ("0,2", w[1]), ("0,02", aA), ("1,2", sw[0]), ("2,4", sw[1]))),
        (r"$$\xi'=-0{,}6931+0{,}02\cdot(-0{,}64)",
         lambda: NN(("-0,6931", xi), ("0,02", aA), ("-0,64", sxi))),
    ]

# ================================================================ 05
@register("05_discounted_returns_ja.md")
def f05():
    def ret_def():
        T = 6; R = rnd(T + 1); g = 0.8; t = 1   # R[1..T]
        lhs = sum(g ** k * R[t + k + 1] for k in range(T - t))
        series = R[t + 1] + g * R[t + 2] + g ** 2 * R[t + 3] + sum(g ** k * R[t + k + 1] for k in range(3, T - t))
        return E(lhs, series)
    def recursion():
        T = 7; R = rnd(T + 1); g = 0.85
        Gf = lambda t: sum(g ** k * R[t + k + 1] for k in range(T - t))
        return all(E(Gf(t), R[t + 1] + g * Gf(t + 1)) for t in range(T - 1)) and E(Gf(T), 0)
    def geom():
        T = 9; r = rnd(); g = 0.7
        return E(sum(g ** k * r for k in range(T)), r * (1 - g ** T) / (1 - g))
    g = 0.9; R = {1: 1, 2: 0, 3: -2, 4: 5}
    Gs = {4: 0.0}
    for t in (3, 2, 1, 0):
        Gs[t] = R[t + 1] + g * Gs[t + 1]
    G0_direct = sum(g ** k * R[k + 1] for k in range(4))
    S = {0: "A", 1: "B", 2: "A", 3: "B"}
    vA_ev = (Gs[0] + Gs[2]) / 2; vB_ev = (Gs[1] + Gs[3]) / 2
    v1 = 0 + 0.1 * (Gs[0] - 0); v2 = v1 + 0.1 * (Gs[2] - v1)
    def row(t, r_, G_):
        return S[t] in ("A", "B") and R[t + 1] == r_ and N(G_, Gs[t])
    return [
        (r"時刻 $t$ 以降に得られる報酬の割引和を**収益**", G),
        (r"G_t \;=\; R_{t+1}+\gamma R_{t+2}", ret_def),
        (r"と定義する．第 2 項以降から $\gamma$ をくくり出すと", G),
        (r"G_t = R_{t+1}+\gamma\bigl(R_{t+2}+\gamma R_{t+3}+\cdots\bigr)=R_{t+1}+\gamma G_{t+1}", recursion),
        (r"という再帰式が得られる（ただし $G_T=0$ とおく）", G),
        (r"特に報酬が毎時刻一定値 $r$ のときは等比級数となり", geom),
        (r"**例題 3.5** 状態 $\mathrm A,\mathrm B$ をもつ環境で", G),
        (r"S_0=\mathrm A,\ R_1=1,\quad S_1=\mathrm B", G),
        (r"$\gamma=0.9$ として各時刻の収益 $G_t$ を求め", G),
        (r"**解** まず定義どおりに $G_0$ を計算する", lambda: NN(("0.81", g ** 2), ("0.729", g ** 3))),
        (r"G_0 = 1+0.9\times0+0.81\times(-2)+0.729\times5 = 1+0-1.62+3.645 = 3.025 .",
         lambda: NN(("-1.62", g ** 2 * -2), ("3.645", g ** 3 * 5), ("3.025", G0_direct))),
        (r"次に再帰式を用いて後ろから計算する．$G_4=0$ から始めて", G),
        (r"G_3 &= R_4+\gamma G_4 = 5+0.9\times0 = 5,\\", lambda: N("5", Gs[3]) and E(Gs[3], 5)),
        (r"G_2 &= R_3+\gamma G_3 = -2+0.9\times5 = 2.5,\\", lambda: N("2.5", Gs[2])),
        (r"G_1 &= R_2+\gamma G_2 = 0+0.9\times2.5 = 2.25,\\", lambda: N("2.25", Gs[1])),
        (r"G_0 &= R_1+\gamma G_1 = 1+0.9\times2.25 = 3.025 .", lambda: N("3.025", Gs[0]) and E(Gs[0], G0_direct)),
        (r"| $t$ | $S_t$ | $R_{t+1}$ | $G_t$ |", G),
        (r"| 0 | A | 1 | 3.025 |", lambda: S[0] == "A" and row(0, 1, "3.025")),
        (r"| 1 | B | 0 | 2.25 |", lambda: S[1] == "B" and row(1, 0, "2.25")),
        (r"| 2 | A | −2 | 2.5 |", lambda: S[2] == "A" and row(2, -2, "2.5")),
        (r"| 3 | B | 5 | 5 |", lambda: S[3] == "B" and row(3, 5, "5")),
        (r"（参考：$\gamma=1$ なら $G_0=1+0-2+5=4$",
         lambda: N("4", sum(R.values())) and E(sum(R.values()), 4) and N("3.645", g ** 3 * 5)),
        (r"**初回訪問 MC**：", lambda: NN(("3.025", Gs[0]), ("2.25", Gs[1]))),
        (r"V(\mathrm A)=\frac{G_0+G_2}{2}=\frac{3.025+2.5}{2}",
         lambda: NN(("5.025", Gs[0] + Gs[2]), ("2.5125", vA_ev))),
        (r"V(\mathrm B)=\frac{G_1+G_3}{2}=\frac{2.25+5}{2}=3.625 .", lambda: N("3.625", vB_ev)),
        (r"なお，定数ステップサイズ $\alpha=0.1$", lambda: NN(("0.3025", v1), ("0.5223", v2))),

        (r"G_0 = 1+0.9\times0+0.81\times(-2)+0.729\times5",
         lambda: NN(("0.9", g), ("0.81", g ** 2), ("0.729", g ** 3))),
        (r"G_3 &= R_4+\gamma G_4 = 5+0.9\times0 = 5,\\", lambda: N("0.9", g)),
        (r"G_2 &= R_3+\gamma G_3 = -2+0.9\times5 = 2.5,\\", lambda: N("0.9", g)),
        (r"G_1 &= R_2+\gamma G_2 = 0+0.9\times2.5 = 2.25,\\", lambda: NN(("0.9", g), ("2.5", Gs[2]))),
        (r"G_0 &= R_1+\gamma G_1 = 1+0.9\times2.25 = 3.025 .", lambda: NN(("0.9", g), ("2.25", Gs[1]))),
        (r"V(\mathrm B)=\frac{G_1+G_3}{2}=\frac{2.25+5}{2}=3.625 .", lambda: N("2.25", Gs[1])),
        (r"なお，定数ステップサイズ $\alpha=0.1$", lambda: NN(("0.1", 0.1), ("3.025", Gs[0]), ("2.5", Gs[2]), ("0.3025", v1))),
    ]

# ================================================================ 06
@register("06_td0_values_ru.md")
def f06():
    def semigrad():
        y, V = rnd(), rnd()
        return FD(-(y - V), lambda v: 0.5 * (y - v) ** 2, V)
    def step():
        y, V, al = rnd(), rnd(), 0.3
        dL = fd(lambda v: 0.5 * (y - v) ** 2, V)
        return E(V - al * dL, V + al * (y - V), 1e-6)
    def linear():
        x = rnd(4); w = rnd(4); y = rnd(); al = 0.2
        ok1 = FD(x, lambda ww: ww @ x, w)
        dL = fd(lambda ww: 0.5 * (y - ww @ x) ** 2, w)
        return ok1 and E(w - al * dL, w + al * (y - w @ x) * x, 1e-6)
    def telescope():
        T = 6; g = 0.9; R = rnd(T + 1); V = np.append(rnd(T), 0.0)   # V[T] terminal
        Gf = lambda t: sum(g ** k * R[t + k + 1] for k in range(T - t))
        d = [R[k + 1] + g * V[k + 1] - V[k] for k in range(T)]
        return all(E(Gf(t) - V[t], sum(g ** (k - t) * d[k] for k in range(t, T))) for t in range(T))
    def proof():
        T = 5; g = 0.9; R = rnd(T + 1); V = np.append(rnd(T), 0.0)
        Gf = lambda t: sum(g ** k * R[t + k + 1] for k in range(T - t))
        ok = True
        for t in range(T - 1):
            a = Gf(t) - V[t]
            b = R[t + 1] + g * Gf(t + 1) - V[t] + g * V[t + 1] - g * V[t + 1]
            c = (R[t + 1] + g * V[t + 1] - V[t]) + g * (Gf(t + 1) - V[t + 1])
            ok &= E(a, b) and E(b, c)
        return ok and E(Gf(T) - V[T], 0)
    al, g = 0.1, 0.9
    V = {"A": 0.5, "B": 0.2, "C": 0.0}
    d10 = 0 + g * V["B"] - V["A"]; VA1 = V["A"] + al * d10
    d11 = 1 + g * V["C"] - V["B"]; VB1 = V["B"] + al * d11
    G0 = 0 + g * 1
    d20 = -1 + g * VA1 - VB1; VB2 = VB1 + al * d20
    d21 = 2 + g * 0 - VA1; VA2 = VA1 + al * d21
    xA, xB, w = np.array([1.0, 1.0]), np.array([1.0, 0.0]), np.array([0.2, 0.3])
    dl = 0 + g * (w @ xB) - w @ xA; w2 = w + al * dl * xA
    return [
        (r"**Идея.** В MC-методе цель обновления", G),
        (r"$$V(S_t)\leftarrow V(S_t)+\alpha\big[R_{t+1}+\gamma V(S_{t+1})-V(S_t)\big].$$", G),
        (r"Величина в скобках — **TD-ошибка**", G),
        (r"**Откуда это берётся (полуградиент).**", G),
        (r"$$\frac{\partial L}{\partial V(s)}=-\big(y-V(s)\big)=-\delta_t,$$", semigrad),
        (r"и шаг градиентного спуска $V(s)\leftarrow", step),
        (r"Для линейной аппроксимации $\hat v(s,\mathbf w)=\mathbf w^\top\mathbf x(s)$", linear),
        (r"**Утв.** Если $V$ внутри эпизода не меняется", G),
        (r"$$G_t-V(S_t)=\sum_{k=t}^{T-1}\gamma^{\,k-t}\delta_k .$$", telescope),
        (r"*Док-во:* $G_t-V(S_t)=R_{t+1}+\gamma G_{t+1}", proof),
        (r"**Пример (считали на семинаре).**", G),
        (r"*Эпизод 1:* $A\xrightarrow{r=0}B", G),
        (r"- шаг 1: $\delta_0=0+0{,}9\cdot0{,}2-0{,}5=-0{,}32$",
         lambda: NN(("-0,32", d10), ("0,468", VA1))),
        (r"- шаг 2: $\delta_1=1+0{,}9\cdot0-0{,}2=0{,}8$", lambda: NN(("0,8", d11), ("0,28", VB1))),
        (r"Проверка утверждения (с *начальными* $V$)",
         lambda: NN(("0,9", G0), ("0,4", G0 - V["A"]), ("0,72", g * d11), ("0,4", d10 + g * d11))),
        (r"*Эпизод 2:* $B\xrightarrow{r=-1}A", G),
        (r"- шаг 1: $\delta_0=-1+0{,}9\cdot0{,}468-0{,}28",
         lambda: NN(("0,4212", g * VA1), ("-0,8588", d20), ("-0,08588", al * d20), ("0,1941", VB2))),
        (r"- шаг 2: $\delta_1=2+0{,}9\cdot0-0{,}468=1{,}532$",
         lambda: NN(("1,532", d21), ("0,1532", al * d21), ("0,6212", VA2))),
        (r"Итого после двух эпизодов", lambda: NN(("0,6212", VA2), ("0,1941", VB2))),
        (r"**Замечание (обобщение при линейных признаках).**",
         lambda: NN(("0,5", w @ xA), ("0,2", w @ xB), ("-0,32", dl))),
        (r"$$\mathbf w\leftarrow(0{,}2;0{,}3)+0{,}1\cdot(-0{,}32)\cdot(1;1)",
         lambda: NN(("0,168", w2[0]), ("0,268", w2[1]))),
        (r"так что $\hat v(A)=0{,}436$", lambda: NN(("0,436", w2 @ xA), ("0,168", w2 @ xB))),

        (r"- шаг 1: $\delta_0=0+0{,}9\cdot0{,}2-0{,}5=-0{,}32$",
         lambda: NN(("0,9", g), ("0,2", V["B"]), ("-0,5", -V["A"]), ("0,5", V["A"]), ("0,1", al), ("-0,32", d10))),
        (r"- шаг 2: $\delta_1=1+0{,}9\cdot0-0{,}2=0{,}8$",
         lambda: NN(("0,9", g), ("-0,2", -V["B"]), ("0,2", V["B"]), ("0,1", al), ("0,8", d11))),
        (r"Проверка утверждения (с *начальными* $V$)",
         lambda: NN(("-0,5", -V["A"]), ("-0,32", d10), ("0,8", d11), ("0,9", g))),
        (r"- шаг 1: $\delta_0=-1+0{,}9\cdot0{,}468-0{,}28",
         lambda: NN(("0,9", g), ("0,468", VA1), ("-0,28", -VB1), ("0,28", VB1))),
        (r"- шаг 2: $\delta_1=2+0{,}9\cdot0-0{,}468=1{,}532$",
         lambda: NN(("0,9", g), ("-0,468", -VA1), ("0,468", VA1))),
        (r"**Замечание (обобщение при линейных признаках).**", lambda: NN(("0,2", w[0]), ("0,3", w[1]))),
        (r"$$\mathbf w\leftarrow(0{,}2;0{,}3)+0{,}1\cdot(-0{,}32)\cdot(1;1)",
         lambda: NN(("0,2", w[0]), ("0,3", w[1]), ("0,1", al), ("-0,32", dl)) and E(xA, [1, 1])),
    ]

# ================================================================ 07
@register("07_qlearning_sarsa_ko.md")
def f07():
    def lossgrad():
        y, q = rnd(), rnd()
        return FD(-(y - q), lambda x: 0.5 * (y - x) ** 2, q)
    def eps_greedy():
        ok = True
        for nA in (2, 3, 5):
            eps = RNG.uniform()
            probs = [1 - eps + eps / nA] + [eps / nA] * (nA - 1)
            ok &= E(sum(probs), 1)
        return ok
    al, g, eps = 0.1, 0.9, 0.2
    Q = {("s1", "L"): 0.5, ("s1", "R"): 1.0, ("s2", "L"): 2.0, ("s2", "R"): -1.0}
    yq = 1 + g * max(Q["s2", "L"], Q["s2", "R"]); Qq = Q["s1", "R"] + al * (yq - Q["s1", "R"])
    ys = 1 + g * Q["s2", "R"]; Qs = Q["s1", "R"] + al * (ys - Q["s1", "R"])
    pL = 1 - eps + eps / 2; pR = eps / 2
    ex = pL * Q["s2", "L"] + pR * Q["s2", "R"]; ye = 1 + g * ex; Qe = Q["s1", "R"] + al * (ye - Q["s1", "R"])
    return [
        (r"$$Q(s,a) \leftarrow Q(s,a) + \alpha\,\big[\,y - Q(s,a)\,\big]$$", G),
        (r"- SARSA (on-policy): $y = r + \gamma\,Q(s', a')$", G),
        (r"- Q-learning (off-policy): $y = r + \gamma\,\max_{b} Q(s', b)$", G),
        (r"- Expected SARSA: $y = r + \gamma \sum_{b}", G),
        (r"참고로 타깃 $y$를 상수로 보고", lossgrad),
        (r"ε-greedy 정책의 확률은 행동 개수가 $|\mathcal{A}|$일 때", G),
        (r"$\pi(a \mid s) = 1 - \varepsilon + \varepsilon/|\mathcal{A}|$ (greedy 행동)", eps_greedy),
        (r"상태 2개($s_1, s_2$), 행동 2개($L, R$)", G),
        (r"| $s_1$ | 0.5 | 1.0 |", G),
        (r"| $s_2$ | 2.0 | -1.0 |", G),
        (r"하이퍼파라미터: $\alpha = 0.1$", G),
        (r"경험한 transition: $(s_1, R, r=1, s_2)$", G),
        (r"- 타깃: $y = 1 + 0.9 \times \max(2.0, -1.0) = 1 + 1.8 = 2.8$",
         lambda: NN(("1.8", g * 2.0), ("2.8", yq))),
        (r"- TD 에러: $2.8 - 1.0 = 1.8$", lambda: N("1.8", yq - Q["s1", "R"])),
        (r"- 업데이트: $Q(s_1,R) = 1.0 + 0.1 \times 1.8 = 1.18$", lambda: N("1.18", Qq)),
        (r"- 타깃: $y = 1 + 0.9 \times Q(s_2, R)", lambda: N("0.1", ys)),
        (r"- TD 에러: $0.1 - 1.0 = -0.9$", lambda: N("-0.9", ys - Q["s1", "R"])),
        (r"- 업데이트: $Q(s_1,R) = 1.0 + 0.1 \times (-0.9) = 0.91$", lambda: N("0.91", Qs)),
        (r"- $s_2$에서 greedy 행동은 $L$이므로", lambda: NN(("0.8", pL), ("0.1", pR))),
        (r"- 기댓값: $\sum_b \pi(b \mid s_2) Q(s_2,b)", lambda: N("1.5", ex)),
        (r"- 타깃: $y = 1 + 0.9 \times 1.5 = 2.35$", lambda: N("2.35", ye)),
        (r"- 업데이트: $Q(s_1,R) = 1.0 + 0.1 \times (2.35 - 1.0) = 1.135$", lambda: N("1.135", Qe)),
        (r"같은 경험인데 결과가 Q-learning $1.18$", lambda: NN(("1.18", Qq), ("0.91", Qs), ("1.135", Qe))),
        (r'SARSA는 "탐험하다가 $-1.0$짜리 행동을', lambda: Qs < Qq and E(Q["s2", "R"], -1.0)),

        (r"- 타깃: $y = 1 + 0.9 \times \max(2.0, -1.0)",
         lambda: NN(("0.9", g), ("2.0", Q["s2", "L"]), ("-1.0", Q["s2", "R"]))),
        (r"- TD 에러: $2.8 - 1.0 = 1.8$", lambda: NN(("2.8", yq), ("1.0", Q["s1", "R"]))),
        (r"- 업데이트: $Q(s_1,R) = 1.0 + 0.1 \times 1.8 = 1.18$",
         lambda: NN(("1.0", Q["s1", "R"]), ("0.1", al), ("1.8", yq - Q["s1", "R"]))),
        (r"- 타깃: $y = 1 + 0.9 \times Q(s_2, R)", lambda: NN(("0.9", g), ("-1.0", Q["s2", "R"]))),
        (r"- TD 에러: $0.1 - 1.0 = -0.9$", lambda: NN(("0.1", ys), ("1.0", Q["s1", "R"]))),
        (r"- 업데이트: $Q(s_1,R) = 1.0 + 0.1 \times (-0.9) = 0.91$",
         lambda: NN(("1.0", Q["s1", "R"]), ("0.1", al), ("-0.9", ys - Q["s1", "R"]))),
    ]

# ================================================================ 08
@register("08_gae_en.md")
def f08():
    def rand_traj(T, g):
        r = rnd(T); V = np.append(rnd(T), 0.0)
        d = r + g * V[1:] - V[:-1]
        return r, V, d
    def kstep():
        T = 8; g = 0.93; r, V, d = rand_traj(T, g); t = 1
        ok = True
        for k in range(1, T - t + 1):
            lhs = sum(g ** l * d[t + l] for l in range(k))
            rhs = -V[t] + sum(g ** l * r[t + l] for l in range(k)) + g ** k * V[t + k]
            ok &= E(lhs, rhs)
        return ok
    def weights():
        lam = 0.83
        return E(sum((1 - lam) * lam ** (k - 1) for k in range(1, 3000)), 1.0)
    g0, lam0 = 0.95, 0.9
    Tl = 1200
    rL, VL, dL = rand_traj(Tl, g0)
    gae_sum = sum((g0 * lam0) ** l * dL[l] for l in range(Tl))
    def Ak(k):
        return sum(g0 ** l * dL[l] for l in range(min(k, Tl)))
    def line1():
        v = (1 - lam0) * sum(lam0 ** (k - 1) * Ak(k) for k in range(1, 700))
        return abs(v - gae_sum) < 1e-8
    def line2():
        K = 700
        v = (1 - lam0) * sum(g0 ** l * dL[l] * sum(lam0 ** (k - 1) for k in range(l + 1, K + 1)) for l in range(K))
        return abs(v - gae_sum) < 1e-8
    def lam_zero():
        T = 5; g = 0.9; r, V, d = rand_traj(T, g)
        gae = lambda t, lam: sum((g * lam) ** l * d[t + l] for l in range(T - t))
        return all(E(gae(t, 0.0), r[t] + g * V[t + 1] - V[t]) for t in range(T))
    def lam_one():
        T = 6; g = 0.9; r, V, d = rand_traj(T, g)
        gae = lambda t, lam: sum((g * lam) ** l * d[t + l] for l in range(T - t))
        return all(E(gae(t, 1.0), sum(g ** l * r[t + l] for l in range(T - t)) - V[t]) for t in range(T))
    def recursion():
        T = 7; g, lam = 0.9, 0.7; r, V, d = rand_traj(T, g)
        A = [sum((g * lam) ** l * d[t + l] for l in range(T - t)) for t in range(T)] + [0.0]
        return all(E(A[t], d[t] + g * lam * A[t + 1]) for t in range(T))
    g, lam = 0.9, 0.8; gl = g * lam
    r = np.array([1.0, 0.0, 2.0]); V = np.array([0.5, 0.8, 1.2, 0.0])
    d = r + g * V[1:] - V[:-1]
    A = [sum(gl ** l * d[t + l] for l in range(3 - t)) for t in range(3)]
    Rh = [A[t] + V[t] for t in range(3)]
    def code():
        T = 3; done = np.array([0, 0, 1.0]); gamma = g
        adv, last = np.zeros(T), 0.0
        dd = np.zeros(T)
        for t in reversed(range(T)):
            delta = r[t] + gamma * V[t + 1] * (1 - done[t]) - V[t]
            dd[t] = delta
            last = delta + gamma * lam * (1 - done[t]) * last
            adv[t] = last
        return E(dd, d) and E(adv, A)
    return [
        (r"The policy gradient needs an advantage estimate $\hat{A}_t$", G),
        (r"Let's define the TD residual of the value function $V$", G),
        (r"^\delta^V_t = r_t + \gamma V(s_{t+1}) - V(s_t)", G),
        (r"Summing $k$ of them, the intermediate value terms telescope", G),
        (r"\hat{A}^{(k)}_t = \sum_{l=0}^{k-1} \gamma^l \delta^V_{t+l} = -V(s_t)", kstep),
        (r"with weights $(1-\lambda)\lambda^{k-1}$ that sum to one", weights),
        (r"\hat{A}^{\text{GAE}(\gamma,\lambda)}_t", G),
        (r"&= (1-\lambda)\big(\hat{A}^{(1)}_t + \lambda \hat{A}^{(2)}_t", line1),
        (r"&= (1-\lambda)\big(\delta^V_t (1 + \lambda + \lambda^2 + \dots)", line2),
        (r"&= \sum_{l=0}^{\infty} (\gamma\lambda)^l \delta^V_{t+l}", line1),
        (r"- $\lambda = 0$: $\hat{A}_t = \delta^V_t", lam_zero),
        (r"- $\lambda = 1$: $\hat{A}_t = \sum_{l} \gamma^l \delta^V_{t+l}", lam_one),
        (r"Now with $\lambda = 0.8$, truncating the sum", G),
        (r"Take $\gamma = 0.9$, $\lambda = 0.8$ (so $\gamma\lambda = 0.72$)", lambda: N("0.72", gl)),
        (r"\delta_0 = 1 + 0.9 \times 0.8 - 0.5 = 1.22, \quad", lambda: N("1.22", d[0])),
        (r"\delta_1 = 0 + 0.9 \times 1.2 - 0.8 = 0.28, \quad", lambda: N("0.28", d[1])),
        (r"\delta_2 = 2 + 0.9 \times 0 - 1.2 = 0.8", lambda: N("0.8", d[2])),
        (r"Sanity check with $\lambda = 1$",
         lambda: NN(("0.252", g * d[1]), ("0.648", g ** 2 * d[2]), ("2.12", d[0] + g * d[1] + g ** 2 * d[2]),
                    ("2.12", r[0] + g * r[1] + g ** 2 * r[2] - V[0]), ("0.81", g ** 2))),
        (r"\hat{A}_2 = \delta_2 = 0.8, \qquad \hat{A}_1 = \delta_1 + \gamma\lambda\,\delta_2",
         lambda: NN(("0.8", A[2]), ("0.856", A[1]))),
        (r"\hat{A}_0 = \delta_0 + \gamma\lambda\,\delta_1 + \gamma\lambda\,\delta_2",
         lambda: N("1.9976", A[0])),
        (r"The value-function regression targets are then",
         lambda: NN(("2.4976", Rh[0]), ("1.656", Rh[1]), ("2.0", Rh[2]))),
        (r"you sweep backwards once with the recursion", recursion),
        (r"adv, last = np.zeros(T), 0.0", G),
        (r"delta = r[t] + gamma * V[t + 1] * (1 - done[t]) - V[t]", code),
        (r"last = delta + gamma * lam * (1 - done[t]) * last", code),
        (r"adv[t] = last", G),
        (r"Note how $\lambda$ only enters through the product", lambda: N("0.0374", 0.72 ** 10)),

        (r"Take $\gamma = 0.9$, $\lambda = 0.8$ (so",
         lambda: NN(("0.9", g), ("0.8", lam), ("0.5", V[0]), ("0.8", V[1]), ("1.2", V[2]))),
        (r"\delta_0 = 1 + 0.9 \times 0.8 - 0.5 = 1.22, \quad",
         lambda: NN(("0.9", g), ("0.8", V[1]), ("0.5", V[0]))),
        (r"\delta_1 = 0 + 0.9 \times 1.2 - 0.8 = 0.28, \quad",
         lambda: NN(("0.9", g), ("1.2", V[2]), ("0.8", V[1]))),
        (r"\delta_2 = 2 + 0.9 \times 0 - 1.2 = 0.8", lambda: NN(("0.9", g), ("1.2", V[2]))),
        (r"Sanity check with $\lambda = 1$",
         lambda: NN(("1.22", d[0]), ("0.9", g), ("0.28", d[1]), ("0.8", d[2]), ("0.5", V[0]))),
        (r"\hat{A}_2 = \delta_2 = 0.8, \qquad", lambda: NN(("0.28", d[1]), ("0.72", gl), ("0.8", d[2]))),
        (r"Note how $\lambda$ only enters through the product", lambda: N("0.72", gl)),
    ]

# ================================================================ 09
def ppo_L(r, A, eps):
    return min(r * A, float(np.clip(r, 1 - eps, 1 + eps)) * A)

@register("09_ppo_clip_gradient_en.md")
def f09():
    eps = 0.2
    def ratio_grad():
        z = rnd(3); a = 0; old = softmax(rnd(3))[a]
        r = lambda y: softmax(y)[a] / old
        return FD(r(z) * (np.eye(3)[a] - softmax(z)), r, z)
    def forms():
        ok = True
        for _ in range(200):
            r = RNG.uniform(0, 2.5); A = RNG.normal()
            c = float(np.clip(r, 1 - eps, 1 + eps))
            if A > 0:
                ok &= E(ppo_L(r, A, eps), A * min(r, c)) and E(A * min(r, c), A * min(r, 1 + eps))
            else:
                ok &= E(ppo_L(r, A, eps), A * max(r, c)) and E(A * max(r, c), A * max(r, 1 - eps))
        return ok
    def forms_pos():
        return forms()
    def note():
        r = 0.5; A = 1.3
        return (1 - eps) * A > r * A and E(ppo_L(r, A, eps), r * A)
    def case(sign, region):
        """grad of L wrt logits at a random point in the given region equals formula"""
        a = 1
        for _ in range(1000):
            z = rnd(3); old = softmax(rnd(3))[a]
            r = softmax(z)[a] / old
            if region(r):
                break
        A = sign * abs(rnd()) - sign * 0.0
        f = lambda y: ppo_L(softmax(y)[a] / old, A, eps)
        return z, A, r, f
    def c1():
        z, A, r, f = case(+1, lambda r: r < 1 + eps - 0.05)
        return FD(A * r * (np.eye(3)[1] - softmax(z)), f, z)
    def c2():
        z, A, r, f = case(-1, lambda r: r > 1 - eps + 0.05)
        return FD(A * r * (np.eye(3)[1] - softmax(z)), f, z)
    def c3():
        z1, A1, r1, f1 = case(+1, lambda r: r > 1 + eps + 0.05)
        z2, A2, r2, f2 = case(-1, lambda r: r < 1 - eps - 0.05)
        return FD(np.zeros(3), f1, z1) and FD(np.zeros(3), f2, z2)
    def dLdr(r, A):
        return fd(lambda x: ppo_L(x, A, eps), np.array(r), h=1e-7)
    def dLdlogpi(r, A):
        return fd(lambda u: ppo_L(np.exp(u) / 0.25, A, eps), np.array(np.log(0.25 * r)), h=1e-7)
    p = np.array([0.35, 0.45, 0.2]); gz = -2 * 1.4 * (np.eye(3)[0] - p)
    def code_line():
        ok = True
        for r, A in [(1.4, 2), (1.4, -2), (0.6, 2), (0.6, -2), (1.0, 1.0)]:
            loss = -min(r * A, float(np.clip(r, 1 - eps, 1 + eps)) * A)
            ok &= E(loss, -ppo_L(r, A, eps))
        zero = [abs(dLdr(r, A)) < 1e-9 for r, A in [(1.4, 2), (0.6, -2)]]
        nonzero = [abs(dLdr(r, A)) > 0.1 for r, A in [(1.4, -2), (0.6, 2), (1.0, 1.0), (1.0, -1.0)]]
        return ok and all(zero) and all(nonzero)
    return [
        (r"> I understand that PPO clips the probability ratio", G),
        (r"Write $r = r_t(\theta) = \dfrac{\pi_\theta(a_t|s_t)}", G),
        (r"$$L(\theta) = \min\big(rA,\ \operatorname{clip}(r, 1-\epsilon, 1+\epsilon)\,A\big).$$", G),
        (r"Since $\pi_{\theta_{old}}$ is a constant, $\nabla_\theta r = r\,\nabla_\theta", ratio_grad),
        (r"Now split on the sign of $A$ and pull it out of the $\min$", forms),
        (r"- $A > 0$: $L = A\min\big(r, \operatorname{clip}", forms_pos),
        (r"- $A < 0$: $L = A\max\big(r, \operatorname{clip}", forms),
        (r"Note that for $A>0$ and $r < 1-\epsilon$ the clipped term is", note),
        (r"\nabla_\theta L =", G),
        (r"A>0 \text{ and } r<1+\epsilon,\\", c1),
        (r"A<0 \text{ and } r>1-\epsilon,\\", c2),
        (r"0, & \text{otherwise.}", c3),
        (r"**Concrete numbers.** $\epsilon = 0.2$", G),
        (r"1. $\pi_\theta(a|s) = 0.35$, so $r = 0.35/0.25 = 1.4$.", lambda: N("1.4", 0.35 / 0.25)),
        (r"- $A = +2$: $L = \min(1.4 \cdot 2,\ 1.2 \cdot 2)",
         lambda: NN(("2.8", 1.4 * 2), ("2.4", 1.2 * 2), ("2.4", ppo_L(1.4, 2, eps))) and abs(dLdr(1.4, 2)) < 1e-9),
        (r"- $A = -2$: $L = \min(-2.8,\ -2.4) = -2.8$",
         lambda: NN(("-2.8", ppo_L(1.4, -2, eps)), ("-2", dLdr(1.4, -2)), ("-2.8", dLdlogpi(1.4, -2)))),
        (r"2. $\pi_\theta(a|s) = 0.15$, so $r = 0.15/0.25 = 0.6$.", lambda: N("0.6", 0.15 / 0.25)),
        (r"- $A = +2$: $L = \min(1.2,\ 0.8 \cdot 2)",
         lambda: NN(("1.2", 0.6 * 2), ("1.6", 0.8 * 2), ("1.2", ppo_L(0.6, 2, eps)), ("1.2", dLdlogpi(0.6, 2)))),
        (r"- $A = -2$: $L = \min(-1.2,\ -1.6) = -1.6$",
         lambda: NN(("-1.2", 0.6 * -2), ("-1.6", 0.8 * -2), ("-1.6", ppo_L(0.6, -2, eps))) and abs(dLdr(0.6, -2)) < 1e-9),
        (r"So in case 1 with $A=-2$ (probability went *up* on a bad action)",
         lambda: dLdr(1.4, -2) < 0 and 1.4 > 1 + eps),
        (r"If the policy is a softmax over logits $z$", lambda: E(p.sum(), 1) and ratio_grad()),
        (r"$$\nabla_z L = -2.8 \cdot (0.65,\ -0.45,\ -0.2)",
         lambda: NN(("-2.8", -2 * 1.4), ("0.65", 1 - p[0]), ("-0.45", -p[1]), ("-0.2", -p[2]),
                    ("-1.82", gz[0]), ("1.26", gz[1]), ("0.56", gz[2]))
                 and FD(gz, lambda y: ppo_L(softmax(y)[0] / 0.25, -2, eps), np.log(p))),
        (r"In code this all falls out of autograd", code_line),

        (r"1. $\pi_\theta(a|s) = 0.35$, so", lambda: NN(("0.35", 0.35), ("0.25", 0.25))),
        (r"- $A = +2$: $L = \min(1.4 \cdot 2,\ 1.2 \cdot 2)", lambda: NN(("1.4", 0.35 / 0.25), ("1.2", 1 + eps))),
        (r"- $A = -2$: $L = \min(-2.8,\ -2.4) = -2.8$",
         lambda: NN(("-2.8", 1.4 * -2), ("-2.4", (1 + eps) * -2), ("-2", -2.0))),
        (r"2. $\pi_\theta(a|s) = 0.15$, so", lambda: NN(("0.15", 0.15), ("0.25", 0.25))),
        (r"- $A = +2$: $L = \min(1.2,\ 0.8 \cdot 2)", lambda: NN(("0.8", 1 - eps), ("0.6", 0.15 / 0.25))),
    ]

# ================================================================ 10
@register("10_entropy_bonus_es.md")
def f10():
    Hf = lambda z: -np.sum(softmax(z) * np.log(softmax(z)))
    def chain():
        z = rnd(3); p = softmax(z)
        dHdp = -(np.log(p) + 1)
        Jm = np.array([fd(lambda y: softmax(y)[i], z) for i in range(3)])
        return FD(Jm.T @ dHdp, Hf, z)
    def factors():
        z = rnd(3); p = softmax(z)
        Hp = lambda q: -np.sum(q * np.log(q))
        ok = FD(-(np.log(p) + 1), Hp, p)
        Jm = np.array([fd(lambda y: softmax(y)[i], z) for i in range(3)])
        return ok and np.allclose(Jm, p[:, None] * (np.eye(3) - p[None, :]), atol=1e-6)
    def subst():
        z = rnd(3); p = softmax(z)
        ok = True
        for j in range(3):
            a = -sum((np.log(p[i]) + 1) * p[i] * ((i == j) - p[j]) for i in range(3))
            b = -p[j] * (np.log(p[j]) + 1) + p[j] * np.sum(p * (np.log(p) + 1))
            ok &= E(a, b) and E(a, fd(Hf, z)[j], 1e-5)
        return ok
    def sum_claim():
        z = rnd(3); p = softmax(z); H = Hf(z)
        return E(p.sum(), 1) and E(np.sum(p * np.log(p)), H) and E(np.sum(p * (np.log(p) + 1)), H + 1)
    def result():
        z = rnd(3); p = softmax(z); H = Hf(z)
        return FD(p * (H - np.log(p)), Hf, z)
    z = np.array([np.log(2), 0, 0]); p = softmax(z); H = Hf(z); gH = fd(Hf, z)
    gpg = -1 * (np.eye(3)[0] - p); gJ = gpg + 0.01 * gH; z2 = z + 0.1 * gJ
    def pg_term():
        return FD(gpg, lambda y: -1 * np.log(softmax(y)[0]), z)
    return [
        (r"**Enunciado.** Sea $\pi=\mathrm{softmax}(z)$", G),
        (r"(a) Calcular $\partial H/\partial z_j$.", G),
        (r"**(a)** Regla de la cadena pasando por $\pi$:", G),
        (r"$$\frac{\partial H}{\partial z_j}=\sum_i\frac{\partial H}{\partial \pi_i}", chain),
        (r"$$\frac{\partial H}{\partial \pi_i}=-(\log\pi_i+1),\qquad", factors),
        (r"Sustituyendo y separando el término con $\delta_{ij}$:", G),
        (r"$$\frac{\partial H}{\partial z_j}=-\sum_i(\log\pi_i+1)", subst),
        (r"Como $\sum_i\pi_i=1$ y $\sum_i\pi_i\log\pi_i=H$", sum_claim),
        (r"$$\frac{\partial H}{\partial z_j}=-\pi_j(\log\pi_j+1)+\pi_j(H+1)", result),
        (r'(Me gusta porque sale "bonito"', G),
        (r"**(b)** Con $z=(\ln 2;\ 0;\ 0)$: $e^{z}=(2;\ 1;\ 1)$",
         lambda: E(np.exp(z), [2, 1, 1]) and E(np.exp(z).sum(), 4) and NN(("0,5", p[0]), ("0,25", p[1]), ("0,25", p[2]))),
        (r"Entropía: $H=-\big(0{,}5\ln0{,}5",
         lambda: NN(("0,6931", np.log(2)), ("1,3863", np.log(4)), ("0,3466", 0.5 * np.log(2)), ("1,0397", H))),
        (r"(ojo: es $1{,}5\ln 2$", lambda: E(H, 1.5 * np.log(2)) and N("1,0986", np.log(3)) and H < np.log(3)),
        (r"- $j=1$: $\;0{,}5\,(1{,}0397+0{,}6931)", lambda: N("0,8664", gH[0])),
        (r"- $j=2,3$: $\;0{,}25\,(1{,}0397+1{,}3863)", lambda: NN(("0,6065", gH[1]), ("0,6065", gH[2]))),
        (r"Es decir $\nabla_z H\approx(0{,}8664;\ 0{,}6065;\ 0{,}6065)$",
         lambda: NN(("0,8664", gH[0]), ("0,6065", gH[1]), ("0,6065", gH[2]))),
        (r"**(c)** Acción tomada $a=1$, ventaja $\hat A=-1$", G),
        (r"Término de política: $\nabla_z(\hat A\log\pi_1)",
         lambda: pg_term() and NN(("-0,5", gpg[0]), ("0,25", gpg[1]), ("0,25", gpg[2]))),
        (r"$$\nabla_z J=(-0{,}5+0{,}008664;",
         lambda: NN(("0,008664", 0.01 * gH[0]), ("0,006065", 0.01 * gH[1]),
                    ("-0,4913", gJ[0]), ("0,2561", gJ[1]), ("0,2561", gJ[2]))),
        (r"Paso de ascenso: $z'=z+\alpha\nabla_zJ",
         lambda: NN(("0,6931", z[0]), ("-0,0491", 0.1 * gJ[0]), ("0,0256", z2[1]),
                    ("0,6440", z2[0]), ("0,0256", z2[2]))),
        (r"Conclusión: la ventaja negativa baja el logit", lambda: gpg[0] < 0 and abs(0.01 * gH).max() < 0.01),

        (r"Entropía: $H=-\big(0{,}5\ln0{,}5", lambda: NN(("0,5", p[0]), ("0,25", p[1]), ("0,5", 2 * p[1]))),
        (r"(ojo: es $1{,}5\ln 2$", lambda: N("1,5", H / np.log(2))),
    ]

# ================================================================ 11
@register("11_bellman_two_state_en.md")
def f11():
    g = 0.9
    # deterministic transitions: stay -> same, switch -> other; actions 0=stay 1=switch
    rew = np.array([[0.0, 2.0], [2.5, 0.0]]); nxt = np.array([[0, 1], [1, 0]])
    pol = np.array([[0.5, 0.5], [0.8, 0.2]])
    rpi = (pol * rew).sum(1)
    Ppi = np.zeros((2, 2))
    for s in range(2):
        for a in range(2):
            Ppi[s, nxt[s, a]] += pol[s, a]
    M = np.eye(2) - g * Ppi; v = np.linalg.solve(M, rpi); Minv = np.linalg.inv(M)
    q = np.array([[rew[s, a] + g * v[nxt[s, a]] for a in range(2)] for s in range(2)])
    def bellman_general():
        return all(E(v[s], sum(pol[s, a] * (rew[s, a] + g * v[nxt[s, a]]) for a in range(2))) for s in range(2))
    def matrix_form():
        return E(v, rpi + g * Ppi @ v) and E(v, Minv @ rpi)
    return [
        (r"**Example 3.9: A Two-State MDP**", G),
        (r"Recall the Bellman equation for $v_\pi$ (3.14):", G),
        (r"v_\pi(s) \doteq \sum_a \pi(a|s) \sum_{s',r} p(s',r|s,a)", bellman_general),
        (r"Because everything here is deterministic given the action", G),
        (r"r_\pi(1) = 0.5\cdot 0 + 0.5\cdot 2 = 1, \qquad", lambda: E(rpi, [1, 2])),
        (r"and the state-transition matrix under $\pi$,", G),
        (r"P_\pi = \begin{bmatrix} 0.5 & 0.5 \\ 0.2 & 0.8 \end{bmatrix}.", lambda: E(Ppi, [[0.5, 0.5], [0.2, 0.8]])),
        (r"The Bellman equation is then a system of two linear equations", lambda: M.shape == (2, 2)),
        (r"v_\pi(1) &= 1 + 0.9\,\big[0.5\,v_\pi(1) + 0.5\,v_\pi(2)\big],\\",
         lambda: E(v[0], 1 + 0.9 * (0.5 * v[0] + 0.5 * v[1]))),
        (r"v_\pi(2) &= 2 + 0.9\,\big[0.2\,v_\pi(1) + 0.8\,v_\pi(2)\big],",
         lambda: E(v[1], 2 + 0.9 * (0.2 * v[0] + 0.8 * v[1]))),
        (r"or, in matrix form, $\mathbf{v}_\pi = \mathbf{r}_\pi + \gamma P_\pi \mathbf{v}_\pi$", matrix_form),
        (r"I-\gamma P_\pi = \begin{bmatrix} 0.55 & -0.45 \\ -0.18 & 0.28 \end{bmatrix}",
         lambda: E(M, [[0.55, -0.45], [-0.18, 0.28]]) and NN(("0.154", 0.55 * 0.28), ("0.081", 0.45 * 0.18),
                                                            ("0.073", np.linalg.det(M)))),
        (r"(I-\gamma P_\pi)^{-1} = \frac{1}{0.073}\begin{bmatrix} 0.28 & 0.45 \\ 0.18 & 0.55 \end{bmatrix},",
         lambda: E(Minv, np.array([[0.28, 0.45], [0.18, 0.55]]) / 0.073)),
        (r"v_\pi(1) = \frac{0.28\cdot 1 + 0.45\cdot 2}{0.073} = \frac{1.18}{0.073} \approx 16.164",
         lambda: NN(("1.18", 0.28 + 0.9), ("16.164", v[0]))),
        (r"v_\pi(2) = \frac{0.18\cdot 1 + 0.55\cdot 2}{0.073} = \frac{1.28}{0.073} \approx 17.534",
         lambda: NN(("1.28", 0.18 + 1.1), ("17.534", v[1]))),
        (r"As a check, substituting back into the first equation gives",
         lambda: NN(("16.849", 0.5 * v[0] + 0.5 * v[1]), ("16.164", 1 + 0.9 * (0.5 * v[0] + 0.5 * v[1])))),
        (r"The action values follow from $q_\pi(s,a) = r(s,a) + \gamma v_\pi(s')$", G),
        (r"q_\pi(1,\textit{stay}) = 0.9\cdot 16.164 \approx 14.548",
         lambda: NN(("14.548", q[0, 0]), ("17.781", q[0, 1]))),
        (r"q_\pi(2,\textit{stay}) = 2.5 + 0.9\cdot 17.534 \approx 18.281",
         lambda: NN(("18.281", q[1, 0]), ("14.548", q[1, 1]))),
        (r"and indeed $v_\pi(1) = 0.5\cdot 14.548 + 0.5\cdot 17.781 \approx 16.164$",
         lambda: NN(("16.164", pol[0] @ q[0]), ("17.534", pol[1] @ q[1]))),
        (r"Note that the greedy policy with respect to $q_\pi$ would *switch* in state 1",
         lambda: np.argmax(q[0]) == 1 and np.argmax(q[1]) == 0 and
                 np.all(np.linalg.solve(np.eye(2) - g * np.array([[0, 1.0], [0, 1.0]]), np.array([2.0, 2.5])) >= v - 1e-12)),
        (r"*Exercise 3.29* Repeat the computation for $\gamma = 0.5$.",
         lambda: np.all(np.linalg.solve(np.eye(2) - 0.5 * Ppi, rpi) < v)),

        (r"I-\gamma P_\pi = \begin{bmatrix} 0.55 & -0.45 \\ -0.18 & 0.28 \end{bmatrix}",
         lambda: NN(("0.55", M[0, 0]), ("-0.45", M[0, 1]), ("-0.18", M[1, 0]), ("0.28", M[1, 1]),
                    ("0.45", -M[0, 1]), ("0.18", -M[1, 0]))),
        (r"v_\pi(1) = \frac{0.28\cdot 1 + 0.45\cdot 2}{0.073}",
         lambda: NN(("0.28", Minv[0, 0] * np.linalg.det(M)), ("0.45", Minv[0, 1] * np.linalg.det(M)), ("0.073", np.linalg.det(M)))),
        (r"v_\pi(2) = \frac{0.18\cdot 1 + 0.55\cdot 2}{0.073}",
         lambda: NN(("0.18", Minv[1, 0] * np.linalg.det(M)), ("0.55", Minv[1, 1] * np.linalg.det(M)), ("0.073", np.linalg.det(M)))),
        (r"As a check, substituting back into the first equation gives",
         lambda: NN(("0.9", g), ("0.5", Ppi[0, 0]), ("16.164", v[0]), ("17.534", v[1]))),
        (r"q_\pi(1,\textit{stay}) = 0.9\cdot 16.164",
         lambda: NN(("0.9", g), ("16.164", v[0]), ("17.534", v[1])) and E(rew[0, 1], 2)),
        (r"q_\pi(2,\textit{stay}) = 2.5 + 0.9\cdot 17.534",
         lambda: NN(("0.9", g), ("16.164", v[0]), ("17.534", v[1]), ("2.5", rew[1, 0]))),
        (r"and indeed $v_\pi(1) = 0.5\cdot 14.548 + 0.5\cdot 17.781",
         lambda: NN(("0.5", pol[0, 0]), ("0.8", pol[1, 0]), ("0.2", pol[1, 1]), ("14.548", q[0, 0]),
                    ("17.781", q[0, 1]), ("18.281", q[1, 0]))),
        (r"r_\pi(1) = 0.5\cdot 0 + 0.5\cdot 2 = 1, \qquad",
         lambda: NN(("0.5", pol[0, 0]), ("0.5", pol[0, 1]), ("0.8", pol[1, 0]), ("2.5", rew[1, 0]), ("0.2", pol[1, 1]))
                 and E(rew[0, 1], 2) and E(rpi, [1, 2])),
        (r"P_\pi = \begin{bmatrix} 0.5 & 0.5 \\ 0.2 & 0.8 \end{bmatrix}.",
         lambda: NN(("0.5", Ppi[0, 0]), ("0.5", Ppi[0, 1]), ("0.2", Ppi[1, 0]), ("0.8", Ppi[1, 1]))),
        (r"(I-\gamma P_\pi)^{-1} = \frac{1}{0.073}\begin{bmatrix}",
         lambda: NN(("0.073", np.linalg.det(M)), ("0.28", Minv[0, 0] * np.linalg.det(M)), ("0.45", Minv[0, 1] * np.linalg.det(M)),
                    ("0.18", Minv[1, 0] * np.linalg.det(M)), ("0.55", Minv[1, 1] * np.linalg.det(M)))),
    ]

# ================================================================ 12
@register("12_softmax_linear_policy_en.md")
def f12():
    def lr_identity():
        th = rnd(2); Phi = rnd(3, 2); a = 2
        pi = lambda t: softmax(Phi @ t)[a]
        gp = fd(pi, th); gl = fd(lambda t: np.log(pi(t)), th)
        return E(gp, pi(th) * gp / pi(th)) and np.allclose(gp, pi(th) * gl, atol=1e-8)
    def sm_score():
        th = rnd(2); Phi = rnd(4, 2); p = softmax(Phi @ th)
        return all(FD(Phi[a] - p @ Phi, lambda t: np.log(softmax(Phi @ t)[a]), th) for a in range(4))
    def gauss_score():
        th = rnd(3); ph = rnd(3); a = rnd(); sig = 0.7
        lp = lambda t: -(a - ph @ t) ** 2 / (2 * sig ** 2) - np.log(sig) - 0.5 * np.log(2 * np.pi)
        return FD((a - ph @ th) * ph / sig ** 2, lp, th)
    def onestep():
        nS, nA = 3, 4; th = rnd(2); Phi = rnd(nS, nA, 2); d = softmax(rnd(nS)); Rm = rnd(nS, nA)
        J = lambda t: sum(d[s] * softmax(Phi[s] @ t) @ Rm[s] for s in range(nS))
        gJ = fd(J, th)
        lr = sum(d[s] * sum(softmax(Phi[s] @ th)[a] * fd(lambda t: np.log(softmax(Phi[s] @ t)[a]), th) * Rm[s, a]
                            for a in range(nA)) for s in range(nS))
        return np.allclose(gJ, lr, atol=1e-6)
    th = np.array([0.5, -1.0]); F = np.array([[1, 0], [0, 1], [1, 1.0]]); h = F @ th; p = softmax(h)
    Ef = p @ F; sc3 = F[2] - Ef; dth = 0.1 * 2 * sc3; R = np.array([1, 0, 2.0])
    J = p @ R; gJ = fd(lambda t: softmax(F @ t) @ R, th)
    return [
        (r"- Assume policy $\pi_\theta$ is differentiable whenever it is non-zero", G),
        (r"- and we know the gradient $\nabla_\theta \pi_\theta(s,a)$", G),
        (r"$$\nabla_\theta \pi_\theta(s,a) = \pi_\theta(s,a)\,\frac{\nabla_\theta \pi_\theta(s,a)}", lr_identity),
        (r"- The **score function** is $\nabla_\theta \log \pi_\theta(s,a)$", G),
        (r"- Weight actions using linear combination of features", G),
        (r"$$\pi_\theta(s,a) \propto e^{\phi(s,a)^\top \theta}$$", G),
        (r"$$\nabla_\theta \log \pi_\theta(s,a) = \phi(s,a) - \mathbb{E}_{\pi_\theta}[\phi(s,\cdot)]$$", sm_score),
        (r"- Mean is a linear combination of state features", G),
        (r"- Variance may be fixed $\sigma^2$", G),
        (r"- Policy is Gaussian, $a \sim \mathcal{N}(\mu(s), \sigma^2)$", G),
        (r"$$\nabla_\theta \log \pi_\theta(s,a) = \frac{(a - \mu(s))\,\phi(s)}{\sigma^2}$$", gauss_score),
        (r"- Consider a simple class of *one-step* MDPs", G),
        (r"$$J(\theta) = \mathbb{E}_{\pi_\theta}[r] = \sum_{s \in \mathcal{S}} d(s)", G),
        (r"$$\nabla_\theta J(\theta) = \sum_{s \in \mathcal{S}} d(s) \sum_{a \in \mathcal{A}} \pi_\theta(s,a)\,\nabla_\theta", onestep),
        (r"- Features: $\phi(s,a_1) = (1,0)^\top$", G),
        (r"- Preferences $\phi(s,a)^\top\theta = (0.5,\ -1,\ -0.5)$",
         lambda: E(h, [0.5, -1, -0.5]) and NN(("0.629", p[0]), ("0.140", p[1]), ("0.231", p[2]))),
        (r"- Expected feature $\mathbb{E}_{\pi_\theta}[\phi(s,\cdot)] = (\pi_1 + \pi_3,\ \pi_2 + \pi_3)",
         lambda: E(Ef, [p[0] + p[2], p[1] + p[2]]) and NN(("0.860", Ef[0]), ("0.371", Ef[1]))),
        (r"- Score of $a_3$: $(1,1) - (0.860,\ 0.371) = (0.140,\ 0.629)$",
         lambda: NN(("0.140", sc3[0]), ("0.629", sc3[1])) and FD(sc3, lambda t: np.log(softmax(F @ t)[2]), th)),
        (r"- Monte-Carlo policy gradient step $\Delta\theta_t", lambda: E(0.1 * 2, 0.2)),
        (r"$$\Delta\theta = 0.2 \times (0.140,\ 0.629) \approx (0.028,\ 0.126)$$",
         lambda: NN(("0.028", dth[0]), ("0.126", dth[1]))),
        (r"- One-step MDP with $\mathcal{R}_{s,\cdot} = (1, 0, 2)$",
         lambda: NN(("1.091", J), ("0.153", gJ[0]), ("0.057", gJ[1]))
                 and np.allclose(sum(p[a] * (F[a] - Ef) * R[a] for a in range(3)), gJ, atol=1e-7)),

        (r"- Preferences $\phi(s,a)^\top\theta = (0.5,\ -1,\ -0.5)$",
         lambda: NN(("0.5", h[0]), ("-0.5", h[2]))),
        (r"- Score of $a_3$: $(1,1) - (0.860,\ 0.371)", lambda: NN(("0.860", Ef[0]), ("0.371", Ef[1]))),
        (r"$$\Delta\theta = 0.2 \times (0.140,\ 0.629)",
         lambda: NN(("0.2", 0.1 * 2), ("0.140", sc3[0]), ("0.629", sc3[1]))),
        (r"- Features: $\phi(s,a_1) = (1,0)^\top$", lambda: NN(("0.5", th[0])) and E(th[1], -1)),
    ]

# ================================================================ 13
@register("13_ppo_clip_cases_zh.md")
def f13():
    eps = 0.2
    def ratio_grad():
        z = rnd(3); a = 2; old = softmax(rnd(3))[a]
        r = lambda y: softmax(y)[a] / old
        return FD(r(z) * (np.eye(3)[a] - softmax(z)), r, z)
    def region_check(A_sign, lo, hi, Lform, dform):
        ok = True
        for _ in range(40):
            r = RNG.uniform(lo, hi); A = A_sign * RNG.uniform(0.2, 3)
            ok &= E(ppo_L(r, A, eps), Lform(r, A))
            ok &= abs(fd(lambda x: ppo_L(x, A, eps), np.array(r), h=1e-7) - dform(r, A)) < 1e-5
        return ok
    po = np.array([0.5, 0.3, 0.2]); pt = np.array([0.65, 0.2, 0.15])
    r1 = pt[0] / po[0]; r2 = pt[1] / po[1]; r3 = pt[2] / po[2]
    dr = lambda r, A: fd(lambda x: ppo_L(x, A, eps), np.array(r), h=1e-7)
    gz = 2 * r3 * (np.eye(3)[2] - pt)
    def softmax_grad3():
        z = np.log(pt)
        return FD(gz, lambda y: ppo_L(softmax(y)[2] / po[2], 2.0, eps), z)
    def code():
        ok = True
        for r, A in [(1.3, 1.5), (1.3, -1.5), (0.6667, -1.5), (0.75, 2)]:
            ok &= E(-min(r * A, float(np.clip(r, 1 - eps, 1 + eps)) * A), -ppo_L(r, A, eps))
        return ok
    def pessimistic():
        ok = True
        for _ in range(100):
            r = RNG.uniform(0, 3); A = RNG.normal()
            ok &= ppo_L(r, A, eps) <= r * A + 1e-12
        return ok
    return [
        (r"PPO-Clip 的替代目标（surrogate objective）是", G),
        (r"L^{\mathrm{CLIP}}(\theta)=\hat{\mathbb E}_t\Big[\min", G),
        (r"\qquad r_t(\theta)=\frac{\pi_\theta(a_t\mid s_t)}", G),
        (r"$\pi_{\theta_{\text{old}}}$ 是常数，所以", ratio_grad),
        (r"下面只看单个样本，省略下标", G),
        (r"**$\hat A>0$（好动作，想增大概率）：**", G),
        (r"- $r\le1+\epsilon$：$L=r\hat A$", lambda: region_check(+1, 0.0, 1.19, lambda r, A: r * A, lambda r, A: A)),
        (r"- $r>1+\epsilon$：$L=(1+\epsilon)\hat A$，$\partial L/\partial r=0$（被截断）",
         lambda: region_check(+1, 1.21, 3.0, lambda r, A: (1 + eps) * A, lambda r, A: 0.0)),
        (r"**$\hat A<0$（坏动作，想减小概率）：**", G),
        (r"- $1-\epsilon\le r\le1+\epsilon$：$L=r\hat A$",
         lambda: region_check(-1, 0.81, 1.19, lambda r, A: r * A, lambda r, A: A)),
        (r"- $r<1-\epsilon$：$L=(1-\epsilon)\hat A$",
         lambda: region_check(-1, 0.0, 0.79, lambda r, A: (1 - eps) * A, lambda r, A: 0.0)),
        (r"- $r>1+\epsilon$：$L=(1+\epsilon)\hat A$，$\partial L/\partial r=0$。",
         lambda: region_check(-1, 1.21, 3.0, lambda r, A: (1 + eps) * A, lambda r, A: 0.0)),
        (r"所以结论是：**$\hat A<0$ 时只要 $r$ 跑出了",
         lambda: abs(dr(1.5, -1.0)) < 1e-9 and abs(dr(0.5, -1.0)) < 1e-9),
        (r"取 $\epsilon=0.2$，三个动作", lambda: E(po.sum(), 1) and E(pt.sum(), 1)),
        (r"**样本 1：** $a=1$，$r=0.65/0.5=1.3>1.2$", lambda: N("1.3", r1) and r1 > 1 + eps),
        (r"- 若 $\hat A=1.5$：$r\hat A=1.95$",
         lambda: NN(("1.95", r1 * 1.5), ("1.8", 1.2 * 1.5), ("1.8", ppo_L(r1, 1.5, eps))) and abs(dr(r1, 1.5)) < 1e-9),
        (r"- 若 $\hat A=-1.5$：属于上面 $r>1+\epsilon$ 那一行",
         lambda: N("-1.8", ppo_L(r1, -1.5, eps)) and abs(dr(r1, -1.5)) < 1e-9),
        (r"**样本 2：** $a=2$，$\hat A=-1.5$",
         lambda: NN(("0.667", r2), ("-1.0", r2 * -1.5), ("-1.2", 0.8 * -1.5), ("-1.2", ppo_L(r2, -1.5, eps)))
                 and r2 < 1 - eps and abs(dr(r2, -1.5)) < 1e-9),
        (r"**样本 3：** $a=3$，$\hat A=2$，$r=0.15/0.2=0.75$",
         lambda: NN(("0.75", r3), ("1.5", r3 * 2), ("1.6", 0.8 * 2), ("1.5", ppo_L(r3, 2, eps))) and r3 < 1 - eps),
        (r"对 softmax 的 logits $\mathbf z$，$\nabla_{\mathbf z}\log\pi_a=\mathbf e_a-\boldsymbol\pi$",
         lambda: all(FD(np.eye(3)[a] - pt, lambda y: np.log(softmax(y)[a]), np.log(pt)) for a in range(3))),
        (r"\nabla_{\mathbf z}L=\hat A\,r\,(\mathbf e_3-\boldsymbol\pi_\theta)=1.5\times",
         lambda: NN(("1.5", 2 * r3), ("-0.65", -pt[0]), ("-0.2", -pt[1]), ("0.85", 1 - pt[2]),
                    ("-0.975", gz[0]), ("-0.3", gz[1]), ("1.275", gz[2])) and softmax_grad3()),
        (r"clip 加 min 相当于给原始目标 $r\hat A$ 取了一个**悲观的下界**", pessimistic),
        (r"实现上一般写成 `loss = -torch.min(", code),

        (r"**样本 1：** $a=1$，$r=0.65/0.5=1.3>1.2$", lambda: NN(("0.65", pt[0]), ("0.5", po[0]), ("1.2", 1 + eps))),
        (r"- 若 $\hat A=1.5$：$r\hat A=1.95$", lambda: NN(("1.2", 1 + eps), ("1.5", 1.5))),
        (r"**样本 2：** $a=2$，$\hat A=-1.5$",
         lambda: NN(("0.2", pt[1]), ("0.3", po[1]), ("0.8", 1 - eps), ("-1.5", -1.5))),
        (r"**样本 3：** $a=3$，$\hat A=2$，$r=0.15/0.2=0.75$", lambda: NN(("0.15", pt[2]), ("0.2", po[2]))),
        (r"取 $\epsilon=0.2$，三个动作",
         lambda: NN(("0.2", eps), ("0.5", po[0]), ("0.3", po[1]), ("0.2", po[2]), ("0.65", pt[0]), ("0.2", pt[1]), ("0.15", pt[2]))),
    ]

# ================================================================ 14
@register("14_bellman_cramer_it.md")
def f14():
    def rand_P():
        return RNG.dirichlet([1, 1], size=2)
    def mat_form():
        Pm = rand_P(); r = rnd(2); g = 0.85
        v = np.linalg.solve(np.eye(2) - g * Pm, r)
        return E(v, r + g * Pm @ v)
    def invertible():
        ok = True
        for _ in range(20):
            Pm = RNG.dirichlet(np.ones(3), size=3); g = RNG.uniform(0, 0.99)
            ok &= np.max(np.abs(np.linalg.eigvals(g * Pm))) <= g + 1e-12 and abs(np.linalg.det(np.eye(3) - g * Pm)) > 1e-12
        return ok
    def system_rows():
        Pm = rand_P(); r = rnd(2); g = 0.7
        v = np.linalg.solve(np.eye(2) - g * Pm, r)
        row1 = (1 - g * Pm[0, 0]) * v[0] - g * Pm[0, 1] * v[1]
        row2 = -g * Pm[1, 0] * v[0] + (1 - g * Pm[1, 1]) * v[1]
        return E(row1, r[0]) and E(row2, r[1])
    def cramer_parts():
        Pm = rand_P(); r = rnd(2); g = 0.75
        M = np.eye(2) - g * Pm; v = np.linalg.solve(M, r)
        Dl = (1 - g * Pm[0, 0]) * (1 - g * Pm[1, 1]) - g ** 2 * Pm[0, 1] * Pm[1, 0]
        return (E(Dl, np.linalg.det(M))
                and E(v[0], ((1 - g * Pm[1, 1]) * r[0] + g * Pm[0, 1] * r[1]) / Dl)
                and E(v[1], (g * Pm[1, 0] * r[0] + (1 - g * Pm[0, 0]) * r[1]) / Dl))
    g = 0.8; Pm = np.array([[0.7, 0.3], [0.4, 0.6]]); r = np.array([2.0, -1.0])
    M = np.eye(2) - g * Pm; Dl = np.linalg.det(M); v = np.linalg.solve(M, r)
    w, U = np.linalg.eig(Pm.T); d = np.real(U[:, np.argmin(abs(w - 1))]); d = d / d.sum()
    def stationary_identity():
        Pr = RNG.dirichlet(np.ones(3), size=3); rr = rnd(3); gg = 0.6
        ww, UU = np.linalg.eig(Pr.T); dd = np.real(UU[:, np.argmin(abs(ww - 1))]); dd = dd / dd.sum()
        vv = np.linalg.solve(np.eye(3) - gg * Pr, rr)
        return (E(dd @ vv, dd @ rr + gg * dd @ Pr @ vv) and E(dd @ Pr @ vv, dd @ vv)
                and E(dd @ vv, dd @ rr / (1 - gg)))
    return [
        (r"Fissata una politica $\pi$, indichiamo con $P=(p_{ij})$", G),
        (r"$$\mathbf v=\mathbf r+\gamma P\mathbf v\quad\Longleftrightarrow", mat_form),
        (r"Per $0\le\gamma<1$ la matrice $I-\gamma P$ è invertibile", invertible),
        (r"**Formula chiusa per $n=2$.** Esplicitando il sistema,", G),
        (r"(1-\gamma p_{11})\,v_1-\gamma p_{12}\,v_2=r_1\\", system_rows),
        (r"-\gamma p_{21}\,v_1+(1-\gamma p_{22})\,v_2=r_2", system_rows),
        (r"e applicando la regola di Cramer si ottiene, con $\Delta=", cramer_parts),
        (r"v_1=\frac{(1-\gamma p_{22})\,r_1+\gamma p_{12}\,r_2}{\Delta},\qquad", cramer_parts),
        (r"v_2=\frac{\gamma p_{21}\,r_1+(1-\gamma p_{11})\,r_2}{\Delta}.", cramer_parts),
        (r"**Esempio 4.4.** Sia $\gamma=0{,}8$,", G),
        (r"$$P=\begin{pmatrix}0{,}7&0{,}3\\0{,}4&0{,}6\end{pmatrix}", lambda: E(Pm.sum(1), 1)),
        (r"$$1-\gamma p_{11}=1-0{,}56=0{,}44",
         lambda: NN(("-0,56", -g * Pm[0, 0]), ("0,44", M[0, 0]), ("0,24", -M[0, 1]), ("0,32", -M[1, 0]),
                    ("-0,48", -g * Pm[1, 1]), ("0,52", M[1, 1]))),
        (r"$$\Delta=0{,}44\cdot0{,}52-0{,}24\cdot0{,}32",
         lambda: NN(("0,2288", M[0, 0] * M[1, 1]), ("-0,0768", -M[0, 1] * M[1, 0]), ("0,1620", Dl))),
        (r"$$v_1=\frac{0{,}52\cdot2+0{,}24\cdot(-1)}",
         lambda: NN(("1,04", 0.52 * 2), ("0,80", 0.52 * 2 - 0.24), ("0,1620", Dl), ("4,9383", v[0]))),
        (r"$$v_2=\frac{0{,}32\cdot2+0{,}44\cdot(-1)}",
         lambda: NN(("0,64", 0.32 * 2), ("0,20", 0.64 - 0.44), ("0,1620", Dl), ("1,2346", v[1]))),
        (r"Si osservi che $v_1>v_2$", lambda: v[0] > v[1] and E(Pm[0, 0], 0.7)),
        (r"**Osservazione (media stazionaria).**", lambda: E(d @ Pm, d)),
        (r"$$\mathbf d^{\mathsf T}\mathbf v=\mathbf d^{\mathsf T}\mathbf r+\gamma", stationary_identity),
        (r"\quad\Longrightarrow\quad \mathbf d^{\mathsf T}\mathbf v=\frac{\mathbf d^{\mathsf T}\mathbf r}{1-\gamma}.$$",
         stationary_identity),
        (r"Nell'esempio, da $0{,}3\,d_1=0{,}4\,d_2$",
         lambda: E(0.3 * d[0], 0.4 * d[1]) and E(d, [4 / 7, 3 / 7])
                 and NN(("0,5714", d[0]), ("0,4286", d[1]), ("0,7143", d @ r), ("3,5714", d @ v))
                 and E(d @ r, 5 / 7)),
        (r"*Esercizio.* Verificare il risultato", G),

        (r"Nell'esempio, da $0{,}3\,d_1=0{,}4\,d_2$",
         lambda: NN(("0,3", Pm[0, 1]), ("0,4", Pm[1, 0]), ("0,2", 1 - g))),
        (r"$$P=\begin{pmatrix}0{,}7&0{,}3\\0{,}4&0{,}6\end{pmatrix}",
         lambda: NN(("0,7", Pm[0, 0]), ("0,3", Pm[0, 1]), ("0,4", Pm[1, 0]), ("0,6", Pm[1, 1])) and E(r, [2, -1])),
    ]

# ================================================================ 15
@register("15_gaussian_reinforce_pt.md")
def f15():
    lp = lambda a, mu, rho: -(a - mu) ** 2 / (2 * np.exp(2 * rho)) - rho - 0.5 * np.log(2 * np.pi)
    # central finite difference in rho, vectorised over the action a
    dlp_drho = lambda a, mu, rho, h=1e-6: (lp(a, mu, rho + h) - lp(a, mu, rho - h)) / (2 * h)
    def logdens():
        a, mu, s = rnd(), rnd(), np.exp(0.4 * rnd())
        dens = np.exp(-(a - mu) ** 2 / (2 * s * s)) / (s * np.sqrt(2 * np.pi))
        return E(np.log(dens), -(a - mu) ** 2 / (2 * s * s) - np.log(s) - 0.5 * np.log(2 * np.pi))
    def dmu():
        a, mu, rho = rnd(), rnd(), 0.4 * rnd()
        return FD((a - mu) / np.exp(2 * rho), lambda m: lp(a, m, rho), mu)
    def chain():
        rho = 0.4 * rnd(); a, mu = rnd(), rnd()
        f_sig = lambda s: -(a - mu) ** 2 / (2 * s * s) - np.log(s)
        s = np.exp(rho)
        return (FD(s, np.exp, rho)
                and FD(fd(f_sig, np.array(s)) * s, lambda x: f_sig(np.exp(x)), rho))
    def dsig():
        a, mu, s = rnd(), rnd(), np.exp(0.4 * rnd())
        f_sig = lambda x: -(a - mu) ** 2 / (2 * x * x) - np.log(x) - 0.5 * np.log(2 * np.pi)
        return FD((a - mu) ** 2 / s ** 3 - 1 / s, f_sig, s)
    def drho_claim():
        ok = True
        for _ in range(5):
            a, mu, rho = rnd(), rnd(), 0.4 + 0.3 * abs(rnd()); s = np.exp(rho)
            ok &= FD((a - mu) ** 2 / s ** 3 - 1 / s, lambda x: lp(a, mu, x), rho)
        return ok
    def means():
        mu, rho = rnd(), 0.5 * rnd(); s = np.exp(rho)
        e_mu = gauss_E(lambda a: (a - mu) / s ** 2, mu, s)
        e_rho = gauss_E(lambda a: dlp_drho(a, mu, rho), mu, s)
        return (E(gauss_E(lambda a: a - mu, mu, s), 0, 1e-8) and E(gauss_E(lambda a: (a - mu) ** 2, mu, s), s * s, 1e-8)
                and abs(e_mu) < 1e-8 and abs(e_rho) < 1e-6)
    def means_line():
        mu, rho = rnd(), 0.5 * rnd(); s = np.exp(rho)
        e_rho = gauss_E(lambda a: dlp_drho(a, mu, rho), mu, s)
        e_claim = gauss_E(lambda a: (a - mu) ** 2 / s ** 3 - 1 / s, mu, s)
        return abs(e_rho) < 1e-6 and E(e_claim, e_rho, 1e-6) and E(s ** 2 / s ** 3 - 1 / s, 0)
    mu, s, a, Gr, al = 1.0, 2.0, 0.0, 3.0, 0.1; rho = np.log(s)
    gmu = fd(lambda m: lp(a, m, rho), np.array(mu)); grho = fd(lambda x: lp(a, mu, x), np.array(rho))
    mu2 = mu + al * Gr * gmu; rho2 = rho + al * Gr * grho
    return [
        (r"**Enunciado.** A política é $\pi(a) = \mathcal{N}(a;\,\mu,\sigma^2)$", G),
        (r"(a) Calcule a função score $\nabla_{(\mu,\rho)}\log\pi(a)$.", G),
        (r"(c) Para $\mu = 1$, $\sigma = 2$, ação amostrada $a = 0$", G),
        (r"$$\log\pi(a) = -\frac{(a-\mu)^2}{2\sigma^2} - \log\sigma - \tfrac{1}{2}\log(2\pi).$$", logdens),
        (r"Derivada em $\mu$ (direto):", G),
        (r"$$\frac{\partial\log\pi}{\partial\mu} = \frac{a-\mu}{\sigma^2}.$$", dmu),
        (r"Para $\rho$ uso a regra da cadeia", chain),
        (r"$$\frac{\partial\log\pi}{\partial\sigma} = \frac{(a-\mu)^2}{\sigma^3} - \frac{1}{\sigma}.$$", dsig),
        (r"$$\frac{\partial\log\pi}{\partial\rho} = \frac{(a-\mu)^2}{\sigma^3} - \frac{1}{\sigma}.$$", drho_claim),
        (r"(b) Como $\mathbb{E}[a-\mu] = 0$ e $\mathbb{E}[(a-\mu)^2] = \sigma^2$:", means),
        (r"$$\mathbb{E}\Big[\frac{\partial\log\pi}{\partial\mu}\Big] = 0, \qquad", means_line),
        (r"(c) Com $\mu = 1$, $\sigma = 2$ ($\rho = \ln 2 \approx 0{,}6931$)",
         lambda: NN(("0,6931", rho), ("-1", a - mu), ("1", (a - mu) ** 2), ("4", s ** 2), ("8", s ** 3))),
        (r"- $\log\pi(0) = -\tfrac{1}{8} - 0{,}6931 - 0{,}9189",
         lambda: NN(("0,9189", 0.5 * np.log(2 * np.pi)), ("-1,7371", lp(a, mu, rho)))),
        (r"- $\partial_\mu\log\pi = -1/4 = -0{,}25$", lambda: N("-0,25", gmu)),
        (r"- $\partial_\rho\log\pi = 1/8 - 1/2 = -0{,}375$", lambda: N("-0,375", grho)),
        (r"Passo de REINFORCE: $\theta \leftarrow \theta + \alpha\,G\,\nabla_\theta\log\pi(a)$",
         lambda: N("0,3", al * Gr)),
        (r"$$\mu' = 1 + 0{,}3\cdot(-0{,}25) = 0{,}925",
         lambda: NN(("0,925", mu2), ("0,1125", -al * Gr * grho), ("0,5806", rho2))),
        (r"Portanto $\sigma' = e^{0{,}5806} \approx 1{,}7872$.", lambda: N("1,7872", np.exp(rho2))),
        (r"**Comentário:** a média andou na direção da ação",
         lambda: NN(("0,925", mu2), ("1", abs(a - mu)), ("2", s)) and np.exp(rho2) < s and abs(a - mu) < s),

        (r"- $\log\pi(0) = -\tfrac{1}{8} - 0{,}6931", lambda: N("0,6931", rho)),
    ]

# ================================================================ 16
@register("16_optimal_baseline_pl.md")
def f16():
    def var_expand():
        pi = softmax(rnd(4)); psi = rnd(4); R = rnd(4); b = rnd()
        Ex = lambda f: pi @ f
        lhs = Ex(psi ** 2 * (R - b) ** 2) - Ex(psi * R) ** 2
        rhs = Ex(psi ** 2 * R ** 2) - 2 * b * Ex(psi ** 2 * R) + b * b * Ex(psi ** 2) - Ex(psi * R) ** 2
        # the first form is the variance when E[psi]=0: build psi as a true score
        z = rnd(4); pz = softmax(z); sc = np.eye(4)[:, 0] - pz[0]
        g = sc * (R - b)
        return E(lhs, rhs) and E(pz @ g ** 2 - (pz @ g) ** 2, pz @ (sc ** 2 * (R - b) ** 2) - (pz @ (sc * R)) ** 2)
    def dvar():
        pi = softmax(rnd(4)); psi = rnd(4); R = rnd(4); b = rnd()
        V = lambda bb: pi @ (psi ** 2 * (R - bb) ** 2) - (pi @ (psi * R)) ** 2
        bstar = (pi @ (psi ** 2 * R)) / (pi @ psi ** 2)
        return (FD(-2 * pi @ (psi ** 2 * R) + 2 * b * pi @ psi ** 2, V, b)
                and abs(fd(V, np.array(bstar))) < 1e-6)
    def d2():
        pi = softmax(rnd(4)); psi = rnd(4); R = rnd(4); b = rnd()
        V = lambda bb: pi @ (psi ** 2 * (R - bb) ** 2)
        h = 1e-3
        sec = (V(b + h) - 2 * V(b) + V(b - h)) / h ** 2
        bstar = (pi @ (psi ** 2 * R)) / (pi @ psi ** 2)
        w = pi * psi ** 2 / (pi @ psi ** 2)
        return abs(sec - 2 * pi @ psi ** 2) < 1e-5 and pi @ psi ** 2 > 0 and E(bstar, w @ R) and E(w.sum(), 1)
    def unbiased():
        z = rnd(3); p = softmax(z); R = rnd(3); b = rnd()
        psi = np.eye(3)[:, 1] - p[1]
        dEpsi = [fd(lambda y: softmax(y)[a], z)[1] / p[a] for a in range(3)]
        return (E(p @ psi, 0) and E(p @ np.array(dEpsi), 0, 1e-6) and np.allclose(psi, dEpsi, atol=1e-6)
                and E(p @ (psi * (R - b)), p @ (psi * R)))
    p = 0.8; th = np.log(4); R1, R0 = 1.0, 3.0
    psi1 = fd(lambda t: np.log(sigmoid(t)), np.array(th)); psi0 = fd(lambda t: np.log(1 - sigmoid(t)), np.array(th))
    pr = np.array([p, 1 - p]); ps = np.array([psi1, psi0]); Rv = np.array([R1, R0])
    Epsi = pr @ ps; EpsiR = pr @ (ps * Rv); Epsi2 = pr @ ps ** 2; Epsi2R = pr @ (ps ** 2 * Rv); Epsi2R2 = pr @ (ps ** 2 * Rv ** 2)
    bstar = Epsi2R / Epsi2; ER = pr @ Rv
    Var = lambda b: pr @ (ps ** 2 * (Rv - b) ** 2) - (pr @ (ps * (Rv - b))) ** 2
    gJ = fd(lambda t: sigmoid(t) * R1 + (1 - sigmoid(t)) * R0, np.array(th))
    def bern_scores():
        t = rnd()
        return (FD(sigmoid(t) * (1 - sigmoid(t)), sigmoid, t)
                and FD(1 - sigmoid(t), lambda x: np.log(sigmoid(x)), t)
                and FD(-sigmoid(t), lambda x: np.log(1 - sigmoid(x)), t))
    return [
        (r"Rozważmy jednowymiarowy parametr $\theta$ i oznaczmy funkcję score", G),
        (r"$$\hat g_b=\psi(a)\,\big(R(a)-b\big),\qquad a\sim\pi_\theta .$$", G),
        (r"**Nieobciążoność.** Ponieważ $\mathbb E[\psi]=", unbiased),
        (r"**Wariancja jako funkcja $b$.** Rozpisujemy kwadrat:", G),
        (r"$$\operatorname{Var}(b)=\mathbb E\big[\psi^2(R-b)^2\big]", var_expand),
        (r"Jest to parabola w $b$. Warunek konieczny minimum:", G),
        (r"$$\frac{d\operatorname{Var}}{db}=-2\,\mathbb E[\psi^2R]", dvar),
        (r"Ponieważ $\frac{d^2\operatorname{Var}}{db^2}=2\,\mathbb E[\psi^2]>0$", d2),
        (r"**Przykład.** Polityka Bernoulliego", bern_scores),
        (r"$$\psi(1)=1-p,\qquad \psi(0)=-p .$$", bern_scores),
        (r"Niech $p=0{,}8$ (tj. $\theta=\ln4\approx1{,}3863$)",
         lambda: E(sigmoid(th), p) and NN(("1,3863", th), ("0,2", psi1), ("-0,8", psi0))),
        (r"- $\mathbb E[\psi]=0{,}8\cdot0{,}2+0{,}2\cdot(-0{,}8)",
         lambda: NN(("0,16", p * psi1), ("-0,16", (1 - p) * psi0), ("0", Epsi)) and abs(Epsi) < 1e-8),
        (r"- $\mathbb E[\psi R]=0{,}8\cdot0{,}2\cdot1",
         lambda: NN(("0,16", p * psi1 * R1), ("-0,48", (1 - p) * psi0 * R0), ("-0,32", EpsiR), ("-0,32", gJ),
                    ("0,16", p * (1 - p)), ("-0,32", p * (1 - p) * (R1 - R0)))),
        (r"- $\mathbb E[\psi^2]=0{,}8\cdot0{,}04",
         lambda: NN(("0,04", psi1 ** 2), ("0,64", psi0 ** 2), ("0,032", p * psi1 ** 2), ("0,128", (1 - p) * psi0 ** 2),
                    ("0,16", Epsi2)) and E(Epsi2, p * (1 - p), 1e-7)),
        (r"- $\mathbb E[\psi^2R]=0{,}032\cdot1",
         lambda: NN(("0,032", p * psi1 ** 2 * R1), ("0,384", (1 - p) * psi0 ** 2 * R0), ("0,416", Epsi2R))),
        (r"- $\mathbb E[\psi^2R^2]=0{,}032\cdot1",
         lambda: NN(("1,152", (1 - p) * psi0 ** 2 * R0 ** 2), ("1,184", Epsi2R2))),
        (r"Stąd $b^*=0{,}416/0{,}16=2{,}6$",
         lambda: NN(("2,6", bstar), ("1,4", ER)) and abs(fd(Var, np.array(bstar), h=1e-5)) < 1e-6),
        (r"$$\operatorname{Var}(b)=1{,}184-0{,}832\,b+0{,}16\,b^2-0{,}1024 .$$",
         lambda: all(abs(Var(b) - (1.184 - 0.832 * b + 0.16 * b * b - 0.1024)) < 1e-6 for b in rnd(5))
                 and NN(("-0,832", -2 * Epsi2R), ("0,16", Epsi2), ("-0,1024", -EpsiR ** 2), ("1,184", Epsi2R2))),
        (r"| $b$ | $\operatorname{Var}(b)$ |", G),
        (r"| $0$ | $1{,}0816$ |", lambda: N("1,0816", Var(0.0))),
        (r"| $1{,}4$ | $0{,}2304$ |", lambda: N("0,2304", Var(1.4))),
        (r"| $2{,}6$ | $0$ |", lambda: abs(Var(2.6)) < 1e-8),
        (r"Dla $b^*$ wariancja spada do zera!",
         lambda: NN(("-1,6", R1 - bstar), ("0,4", R0 - bstar), ("-0,32", psi1 * (R1 - bstar)),
                    ("-0,32", psi0 * (R0 - bstar)), ("-0,32", gJ))),
        (r"W ogólnym przypadku (więcej akcji, wektor $\theta$)", G),

        (r"- $\mathbb E[\psi]=0{,}8\cdot0{,}2+0{,}2\cdot(-0{,}8)", lambda: NN(("0,8", p), ("0,2", psi1), ("0,2", 1 - p), ("-0,8", psi0))),
        (r"- $\mathbb E[\psi R]=0{,}8\cdot0{,}2\cdot1", lambda: NN(("0,8", p), ("0,2", psi1), ("0,2", 1 - p), ("-0,8", psi0))),
        (r"- $\mathbb E[\psi^2]=0{,}8\cdot0{,}04", lambda: NN(("0,8", p), ("0,2", 1 - p))),
        (r"- $\mathbb E[\psi^2R]=0{,}032\cdot1", lambda: NN(("0,128", (1 - p) * psi0 ** 2))),
        (r"- $\mathbb E[\psi^2R^2]=0{,}032\cdot1", lambda: NN(("0,032", p * psi1 ** 2), ("0,128", (1 - p) * psi0 ** 2))),
        (r"Stąd $b^*=0{,}416/0{,}16=2{,}6$",
         lambda: NN(("0,416", Epsi2R), ("0,16", Epsi2), ("0,8", p), ("0,2", 1 - p))),
        (r"| $1{,}4$ | $0{,}2304$ |", lambda: N("1,4", ER)),
        (r"Dla $b^*$ wariancja spada do zera!", lambda: NN(("0,2", psi1), ("-0,8", psi0))),
    ]


# ================================================================ main
def main():
    with open(os.path.join(HERE, "expected.json"), encoding="utf-8") as fh:
        expected = json.load(fh)
    bad = 0
    for name in sorted(expected):
        if name not in FILES:
            print(f"{name}: MISMATCH (no checks registered)"); bad += 1; continue
        first, fails, problems = run_file(name, FILES[name]())
        exp = expected[name]
        ok = (first == exp) and not problems
        status = "OK" if ok else "MISMATCH"
        print(f"{name}: {status} (first failing line {first}, expected {exp})")
        if not ok or "-v" in sys.argv:
            for ln, msg in fails:
                print(f"    fail line {ln}: {msg}")
            for p in problems:
                print(f"    problem: {p}")
        bad += (not ok)
    if sorted(expected) != sorted(f for f in os.listdir(HERE) if f.endswith(".md")):
        print("file list in expected.json does not match the .md files"); bad += 1
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
