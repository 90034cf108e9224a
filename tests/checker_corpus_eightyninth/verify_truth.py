#!/usr/bin/env python
"""Independent NumPy ground-truth check for the blind corpus in this directory.

For every file, every line that contains math is located by a unique substring
and is either marked as a given/definition or checked numerically (worked numbers
recomputed to printed precision, derivative claims by central finite differences,
identities at random points, sizes/counts by building arrays).  The first line
whose check fails is compared with expected.json.
"""
import json
import os
import re
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(12345)

# ----------------------------------------------------------------------------
# helpers
# ----------------------------------------------------------------------------

def tofloat(s):
    s = s.strip().replace('{,}', '.').replace('−', '-').replace('\u2009', '').replace(' ', '')
    s = s.replace(',', '.')
    return float(s)


def ndec(s):
    s = s.strip().replace('{,}', '.').replace(',', '.')
    return len(s.split('.')[1]) if '.' in s else 0


RND_LOG = []


def rnd(val, printed, exact=False):
    """val agrees with the printed string to its printed precision."""
    RND_LOG.append(printed)
    p = tofloat(printed)
    if exact:
        return abs(val - p) <= 1e-9 * max(1.0, abs(p))
    tol = 0.5 * 10.0 ** (-ndec(printed))
    return abs(val - p) <= tol * (1 + 1e-9) + 1e-12


def pmats(line):
    """all (one-line) pmatrix/bmatrix contents in a line -> list of float arrays"""
    out = []
    for m in re.finditer(r'\\begin\{[pb]matrix\}(.*?)\\end\{[pb]matrix\}', line):
        body = m.group(1)
        rows = [r for r in body.split('\\\\') if r.strip()]
        out.append(np.array([[tofloat(c.replace('\\phantom{-}', '')) for c in r.split('&')] for r in rows]))
    return out


def pmats_str(line):
    """all one-line matrices in a line -> list of flat lists of printed cell strings"""
    out = []
    for m in re.finditer(r'\\begin\{[pb]matrix\}(.*?)\\end\{[pb]matrix\}', line):
        out.append([c.strip() for r in m.group(1).split('\\\\') if r.strip() for c in r.split('&')])
    return out


def cells(line):
    """cells of a multi-line matrix row 'a & b & c\\\\'"""
    body = line.strip()
    body = re.sub(r'\\\\.*$', '', body)
    return [c.strip() for c in body.split('&')]


def fd(f, X, eps=1e-6):
    X = np.array(X, dtype=float)
    G = np.zeros_like(X)
    it = np.nditer(X, flags=['multi_index'])
    for _ in it:
        i = it.multi_index
        Xp = X.copy(); Xp[i] += eps
        Xm = X.copy(); Xm[i] -= eps
        G[i] = (f(Xp) - f(Xm)) / (2 * eps)
    return G


def close(a, b, tol=1e-5):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, rtol=tol, atol=tol)


def sym_adj(n, p=0.5, rng=RNG):
    while True:
        U = np.triu((rng.random((n, n)) < p).astype(float), 1)
        A = U + U.T
        if (A.sum(1) > 0).all():
            return A


def conn_adj(n, p=0.4, rng=RNG):
    """random connected undirected graph (random spanning path + extra edges)"""
    A = sym_adj(n, p, rng)
    perm = rng.permutation(n)
    for a, b in zip(perm[:-1], perm[1:]):
        A[a, b] = A[b, a] = 1
    return A


def norm_adj(A):
    At = A + np.eye(len(A))
    d = At.sum(1)
    return At / np.sqrt(np.outer(d, d))


def lrelu(x, s=0.2):
    return np.where(x > 0, x, s * x)


def softmax(v):
    e = np.exp(v - np.max(v))
    return e / e.sum()


MATHCH = re.compile(r'[$=≈∂∑Σ×⊙∈√λαβσ≤≥→·\\^]|\b[A-Za-z]_[A-Za-z0-9{]')


NUMCH = re.compile(r'\d(\{,\}|[.,])\d|^\s*\|.*\d')


def is_math(line):
    if line.lstrip().startswith('#') and '$' not in line:
        return False   # section headings such as '# 3.2 ...'
    return bool(MATHCH.search(line) or NUMCH.search(line))


STRUCT = re.compile(r'^\s*(\$\$|\\\[|\\\]|\\(begin|end)\{[a-zA-Z*]+\}(\{[^}]*\})?|\$\$\s*\\(begin|end)\{[a-zA-Z*]+\}|\\(begin|end)\{[a-zA-Z*]+\}\s*\$\$)\s*[.,;]?\s*$')


def _nn(t):
    """normalise a printed number for comparison: no sign, no thousands groups, '.' decimal"""
    return t.strip().replace('{,}', ',').replace('−', '-').lstrip('-').replace(',', '.')


def number_tokens(line, thousands=None):
    """worked numbers printed on a line: decimals and integers with >= 2 digits"""
    toks = []
    if thousands == '{,}':
        pat = r'(?<![\d])\d{1,3}(?:\{,\}\d{3})+(?![\d])'
    elif thousands == '.':
        pat = r'(?<![\d.])\d{1,3}(?:\.\d{3})+(?![\d])'
    else:
        pat = None
    if pat:
        for m in re.finditer(pat, line):
            toks.append(m.group(0).replace('{,}', '').replace('.', ''))
        line = re.sub(pat, ' ', line)
    for m in re.finditer(r'(?<![\d.])\d+(?:\{,\}|\.)\d+(?![\d])', line):
        toks.append(_nn(m.group(0)))
    if line.lstrip().startswith('|'):
        for m in re.finditer(r'(?<![\d.,])\d+,\d+(?![\d])', line):
            toks.append(_nn(m.group(0)))
    line2 = re.sub(r'\d+(?:\{,\}|[.,])\d+', ' ', line)
    line2 = re.sub(r'\^\{[^}]*\}', '^', line2)          # exponents such as 2^{-10}, \hat A^{10}
    for m in re.finditer(r'(?<![\d\w^_{])\d{2,}(?![\d^])', line2):
        toks.append(m.group(0))
    return toks


class Doc:
    def __init__(self, fname, thousands=None, allow=()):
        self.fname = fname
        with open(os.path.join(HERE, fname), encoding='utf-8') as fh:
            self.lines = fh.read().split('\n')
        self.res = {}
        self.errors = []
        self.thousands = thousands
        self.allow = set(allow)

    def idx(self, sub, occ=None):
        hits = [i for i, l in enumerate(self.lines) if sub in l]
        if occ is None:
            if len(hits) != 1:
                self.errors.append('substring %r matched %d lines' % (sub, len(hits)))
                return None
            return hits[0]
        if len(hits) <= occ:
            self.errors.append('substring %r occurrence %d missing' % (sub, occ))
            return None
        return hits[occ]

    def line(self, sub, occ=None):
        i = self.idx(sub, occ)
        return '' if i is None else self.lines[i]

    def _rec(self, sub, ok, occ=None):
        i = self.idx(sub, occ)
        if i is None:
            return
        if callable(ok):
            del RND_LOG[:]
            try:
                ok = ok()
            except Exception as e:  # a crashing check is a failing check
                self.errors.append('check on %r raised %r' % (sub, e))
                ok = False
            # every printed number used by the check must really be printed on that line
            norm = lambda t: t.replace('{,}', ',').replace('\\ ', ' ').replace('\\,', ' ').replace('−', '-')
            ln = norm(self.lines[i])
            for pstr in RND_LOG:
                if not re.search(r'(?<![\d.,])' + re.escape(norm(pstr)) + r'(?![\d])', ln):
                    if _nn(pstr) not in number_tokens(self.lines[i], self.thousands):
                        self.errors.append('printed %r not found on line %d' % (pstr, i + 1))
            # ... and every worked number printed on a line that passes must be one the check compared
            bound = set(_nn(p) for p in RND_LOG) | self.allow
            for t in (number_tokens(self.lines[i], self.thousands) if ok else []):
                if t not in bound:
                    self.errors.append('number %s on line %d not bound to a check' % (t, i + 1))
        self.res[i + 1] = self.res.get(i + 1, True) and bool(ok)

    def given(self, sub, occ=None):
        """definition / hypothesis / given data: nothing to verify"""
        self._rec(sub, True, occ)

    def check(self, sub, ok, occ=None):
        self._rec(sub, ok, occ)

    def num(self, sub, pairs, occ=None, exact=()):
        """pairs: list of (printed_string, true_value); printed string must be in line"""
        ln = self.line(sub, occ)
        ok = True
        for k, (p, v) in enumerate(pairs):
            if p not in ln:
                self.errors.append('printed %r not in line %r' % (p, sub))
                ok = False
            elif not rnd(v, p, exact=(k in exact or p in exact)):
                ok = False
        self._rec(sub, ok, occ)

    def row(self, sub, values, occ=None):
        ln = self.line(sub, occ)
        cs = cells(ln)
        ok = len(cs) == len(values) and all(rnd(v, c) for c, v in zip(cs, values))
        self._rec(sub, ok, occ)

    def given_line(self, text, occ=0):
        """a line consisting exactly of `text` (e.g. a lone relation symbol)"""
        hits = [i for i, l in enumerate(self.lines) if l.strip() == text]
        if len(hits) <= occ:
            self.errors.append('exact line %r missing' % text)
            return
        self.res[hits[occ] + 1] = self.res.get(hits[occ] + 1, True)

    def first_wrong(self):
        uncovered = []
        for i, l in enumerate(self.lines):
            if i == 0 or not is_math(l) or STRUCT.match(l):
                continue
            if (i + 1) not in self.res:
                uncovered.append(i + 1)
        if uncovered:
            self.errors.append('uncovered math lines: %s' % uncovered)
        bad = sorted(k for k, v in self.res.items() if not v)
        return bad[0] if bad else None


CHECKS = {}
FILEOPTS = {}   # per file: thousands separator used in the text, section numbers etc. that are not worked numbers


def register(fname, **opts):
    def deco(fn):
        CHECKS[fname] = fn
        FILEOPTS[fname] = opts
        return fn
    return deco


# ----------------------------------------------------------------------------
# 01  German lecture notes: GCN layer, normalized adjacency, worked example
# ----------------------------------------------------------------------------
@register('01_gcn_normierte_adjazenz_de.md', allow=('3.4', '3.6', '3.7'))
def f01(d):
    d.given('**Definition 3.4.**')
    d.given(r'$$H = \sigma\big(\hat A X W\big)')
    d.given('eine GCN-Schicht; $W')

    def entrywise():
        for n in (4, 6, 7):
            A = sym_adj(n)
            At = A + np.eye(n); dt = At.sum(1)
            Dm = np.diag(dt ** -0.5)
            if not close(Dm @ At @ Dm, At / np.sqrt(np.outer(dt, dt))):
                return False
        return True
    d.check('Eintragsweise gilt', entrywise)
    d.given('**Beispiel 3.5.**')
    A = np.zeros((4, 4))
    for i, j in [(0, 1), (1, 2), (1, 3), (2, 3)]:
        A[i, j] = A[j, i] = 1
    At = A + np.eye(4)
    deg = A.sum(1); dt = At.sum(1)
    Ah = norm_adj(A)
    d.check('*Grade.* Zeilensummen', lambda: list(deg) == [1, 3, 2, 2] and list(dt) == [2, 4, 3, 3]
            and deg.sum() == 8 == 2 * 4)
    d.check('*Normierte Adjazenz.*', lambda: close(dt ** -0.5, [1 / np.sqrt(2), 0.5, 1 / np.sqrt(3), 1 / np.sqrt(3)]))
    d.check(r'\hat A = \begin{pmatrix}', True)  # opens the matrix claimed row by row below
    ex = {
        0: [0.5, 1 / np.sqrt(8), 0, 0],
        1: [1 / np.sqrt(8), 0.25, 1 / np.sqrt(12), 1 / np.sqrt(12)],
        2: [0, 1 / np.sqrt(12), 1 / 3, 1 / 3],
        3: [0, 1 / np.sqrt(12), 1 / 3, 1 / 3],
    }
    d.check(r'\tfrac12 & \tfrac{1}{\sqrt8} & 0 & 0', lambda: close(Ah[0], ex[0], 1e-12))
    d.check(r'\tfrac{1}{\sqrt8} & \tfrac14 &', lambda: close(Ah[1], ex[1], 1e-12))
    d.check(r'0 & \tfrac{1}{\sqrt{12}} & \tfrac13 & \tfrac13', lambda: close(Ah[2], ex[2], 1e-12), occ=0)
    d.check(r'0 & \tfrac{1}{\sqrt{12}} & \tfrac13 & \tfrac13', lambda: close(Ah[3], ex[3], 1e-12), occ=1)
    d.given_line('\\approx')
    d.row('0{,}5 & 0{,}3536 & 0 & 0', Ah[0])
    d.row('0{,}3536 & 0{,}25 & 0{,}2887', Ah[1])
    d.row('0 & 0{,}2887 & 0{,}3333 & 0{,}3333', Ah[2], occ=0)
    d.row('0 & 0{,}2887 & 0{,}3333 & 0{,}3333', Ah[3], occ=1)
    d.check(r'Man beachte $\hat A_{34}', lambda: abs(Ah[2, 3] - 1 / 3) < 1e-12 and dt[2] == dt[3] == 3
            and rnd(Ah[0, 0], '0,5', exact=True) and rnd(Ah[0, 1], '0,3536')
            and rnd(0.5 + 0.3536, '0,8536', exact=True) and rnd(Ah[0].sum(), '0,8536') and abs(Ah[0].sum() - 1) > 0.1)
    X = np.array([[1, 0], [0, 1], [1, 1], [2, 0]], float)
    W = np.array([[1, -1], [0.5, 2]])
    d.check(r'$$X=\begin{pmatrix}1&0', lambda: close(pmats(d.line(r'$$X=\begin{pmatrix}1&0'))[0], X)
            and close(pmats(d.line(r'$$X=\begin{pmatrix}1&0'))[1], W) and rnd(W[1, 0], '0,5', exact=True))
    d.given('Für Zeile 2 von $')
    AX = Ah @ X
    d.check(r'$$(\hat AX)_{2,:} = \tfrac{1}{\sqrt8}(1,0)', lambda:
            close(AX[1], (1 / np.sqrt(8)) * np.array([1, 0]) + 0.25 * np.array([0, 1]) + (1 / np.sqrt(12)) * np.array([1, 1]) + (1 / np.sqrt(12)) * np.array([2, 0]))
            and close(AX[1], [1 / np.sqrt(8) + 3 / np.sqrt(12), 0.25 + 1 / np.sqrt(12)])
            and rnd(AX[1, 0], '1,2196') and rnd(AX[1, 1], '0,5387'))
    d.check(r'Analog $(\hat AX)_{1,:}', lambda: rnd(AX[0, 0], '0,5') and rnd(AX[0, 1], '0,3536')
            and close(AX[2], AX[3]) and rnd(AX[2, 0], '1', exact=True) and rnd(AX[2, 1], '0,6220')
            and abs((1 / np.sqrt(12)) * 0 + 1 / 3 * 1 + 1 / 3 * 2 - 1) < 1e-12)
    Z = AX @ W
    d.check('*Lineare Abbildung und ReLU.*', lambda: close(Z[:, 0], AX[:, 0] + W[1, 0] * AX[:, 1]) and close(Z[:, 1], W[0, 1] * AX[:, 0] + W[1, 1] * AX[:, 1])
            and rnd(W[1, 0], '0,5', exact=True))
    d.check(r'Z \approx \begin{pmatrix}', lambda: all(rnd(v, c) for v, c in zip(Z.ravel(), pmats_str(d.line(r'Z \approx \begin{pmatrix}'))[0]))
            and len(pmats_str(d.line(r'Z \approx \begin{pmatrix}'))[0]) == Z.size)
    d.given_line('\\qquad')
    d.check(r'H=\operatorname{ReLU}(Z)\approx', lambda: all(rnd(v, c) for v, c in zip(np.maximum(Z, 0).ravel(), pmats_str(d.line(r'H=\operatorname{ReLU}(Z)\approx'))[0])))
    H = np.maximum(Z, 0)
    d.check('**Bemerkung 3.6.**', lambda: close(At[2], At[3]) and list(np.nonzero(At[2])[0] + 1) == [2, 3, 4]
            and dt[2] == dt[3] and close(H[2], H[3]))
    u = np.sqrt(dt)
    d.check('**Bemerkung 3.7.**', lambda: close(u, [np.sqrt(2), 2, np.sqrt(3), np.sqrt(3)]) and close(Ah @ u, u))
    Dm = np.diag(dt ** -0.5); Dp = np.diag(dt ** 0.5)
    d.check(r'$$\hat A u = \tilde D^{-1/2}\tilde A\,\mathbf 1', lambda: close(Ah @ u, Dm @ At @ np.ones(4))
            and close(Dm @ At @ np.ones(4), Dm @ dt) and close(Dm @ dt, Dp @ np.ones(4)) and close(Dp @ np.ones(4), u))

    def spec():
        mats = [A] + [sym_adj(n) for n in (3, 5, 8, 10, 12)]
        for M in mats:
            At_ = M + np.eye(len(M)); dt_ = At_.sum(1)
            P = At_ / dt_[:, None]
            ev = np.linalg.eigvalsh(norm_adj(M))
            if not (close(np.sort(np.linalg.eigvals(P).real), np.sort(ev)) and ev.max() <= 1 + 1e-12
                    and ev.min() > -1 and abs(ev.max() - 1) < 1e-10):
                return False
        return True
    d.check('Da $\\hat A$ symmetrisch und zu', spec)

# ----------------------------------------------------------------------------
# 02  French course notes: gradient of a GCN layer w.r.t. W and X
# ----------------------------------------------------------------------------
def rand_setup(n=5, f=3, fp=4, rng=RNG):
    A = sym_adj(n, rng=rng)
    Ah = norm_adj(A)
    X = rng.normal(size=(n, f)); W = rng.normal(size=(f, fp)); G = rng.normal(size=(n, fp))
    return Ah, X, W, G


@register('02_gradient_couche_gcn_fr.md')
def f02(d):
    d.given(r'On note $\hat A = \tilde D^{-1/2}(A+I)')
    d.given(r'$$Z = \hat A X W,\qquad H=\sigma(Z)')
    d.given(r'On pose $G = \dfrac')
    sig, dsig = np.tanh, lambda z: 1 - np.tanh(z) ** 2

    def hadamard_inner():
        G, S, D = (RNG.normal(size=(4, 3)) for _ in range(3))
        return abs(np.trace(G.T @ (S * D)) - np.trace((G * S).T @ D)) < 1e-10
    d.check('**Différentielle.**', hadamard_inner)

    def dL_dZ():
        Z, G, dZ = (RNG.normal(size=(4, 3)) for _ in range(3))
        L = lambda t: np.sum(G * sig(Z + t * dZ))
        dd = (L(1e-6) - L(-1e-6)) / 2e-6
        Delta = G * dsig(Z)
        return abs(dd - np.sum(G * dsig(Z) * dZ)) < 1e-6 and abs(dd - np.sum(Delta * dZ)) < 1e-6
    d.check(r'$$\mathrm d\mathcal L = \langle G,\ \sigma', dL_dZ)

    def dZ_leibniz():
        Ah, X, W, _ = rand_setup()
        dX = RNG.normal(size=X.shape); dW = RNG.normal(size=W.shape)
        Zf = lambda t: Ah @ (X + t * dX) @ (W + t * dW)
        dd = (Zf(1e-6) - Zf(-1e-6)) / 2e-6
        return close(dd, Ah @ dX @ W + Ah @ X @ dW)
    d.check(r'$$\mathrm dZ = \hat A\,\mathrm dX\,W + \hat A X\,\mathrm dW', dZ_leibniz)
    d.given(r'**Gradient par rapport à $W$.** À $X$ fixé')

    def tr_W():
        Ah, X, W, G = rand_setup()
        Delta = G * dsig(Ah @ X @ W)
        dW = RNG.normal(size=W.shape)
        return abs(np.sum(Delta * (Ah @ X @ dW)) - np.trace(Delta.T @ Ah @ X @ dW)) < 1e-10 and \
            abs(np.trace(Delta.T @ Ah @ X @ dW) - np.sum(((Ah @ X).T @ Delta) * dW)) < 1e-10
    d.check(r'$$\mathrm d\mathcal L = \operatorname{tr}\big(\Delta^\top \hat A X', tr_W)

    def grad_W():
        Ah, X, W, G = rand_setup()
        L = lambda W_: np.sum(G * sig(Ah @ X @ W_))
        Delta = G * dsig(Ah @ X @ W)
        g = fd(L, W)
        return close(g, (Ah @ X).T @ Delta) and close(g, X.T @ Ah @ Delta) and g.shape == (3, 4)
    d.check(r'$$\frac{\partial\mathcal L}{\partial W} = (\hat A X)^\top \Delta = X^\top', grad_W)

    def tr_X():
        Ah, X, W, G = rand_setup()
        Delta = G * dsig(Ah @ X @ W); dX = RNG.normal(size=X.shape)
        return abs(np.sum(Delta * (Ah @ dX @ W)) - np.trace(Delta.T @ Ah @ dX @ W)) < 1e-10 and \
            abs(np.trace(Delta.T @ Ah @ dX @ W) - np.trace(W @ Delta.T @ Ah @ dX)) < 1e-10
    d.check(r'**Gradient par rapport à $X$.** À $W$ fixé', tr_X)

    def grad_X():
        for (f, fp) in ((3, 3), (3, 4)):
            Ah, X, W, G = rand_setup(f=f, fp=fp)
            L = lambda X_: np.sum(G * sig(Ah @ X_ @ W))
            Delta = G * dsig(Ah @ X @ W)
            g = fd(L, X)
            try:
                c1 = Ah.T @ Delta @ W
                c2 = Ah @ Delta @ W
            except ValueError:
                return False
            if not (close(g, c1) and close(g, c2)):
                return False
        return True
    d.check(r'$$\frac{\partial\mathcal L}{\partial X} = \hat A^\top \Delta\, W', grad_X)
    d.given('On retrouve la structure')
    A = np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0]], float)
    dt = (A + np.eye(3)).sum(1)
    Ah = norm_adj(A)
    d.check('Graphe chemin $1-2-3$', lambda: list(dt) == [2, 3, 2])
    s6 = 1 / np.sqrt(6)
    la = d.line(r'$$\hat A=\begin{pmatrix}1/2')
    d.check(r'$$\hat A=\begin{pmatrix}1/2', lambda: close(Ah, [[.5, s6, 0], [s6, 1 / 3, s6], [0, s6, .5]], 1e-12)
            and all(rnd(v, c) for v, c in zip(Ah.ravel(), pmats_str(la)[1])))
    X = np.array([[1, 0], [0, 2], [-1, 1]], float)
    W = np.array([[1, -2], [0.5, 1]])
    G = np.array([[1, 2], [-1, 1], [0, 1]], float)
    lx = d.line(r'$$X=\begin{pmatrix}1&0\\0&2')
    d.check(r'$$X=\begin{pmatrix}1&0\\0&2', lambda: close(pmats(lx)[0], X) and close(pmats(lx)[1], W) and close(pmats(lx)[2], G)
            and rnd(W[1, 0], '0,5', exact=True))
    d.check(r"c'est-à-dire $\mathcal L(H)=", lambda: close(fd(lambda H: np.sum(G * H), RNG.normal(size=(3, 2))), G))
    AX = Ah @ X; Z = AX @ W
    l1 = d.line(r'$$\hat AX\approx')
    d.check(r'$$\hat AX\approx', lambda: all(rnd(v, c) for v, c in zip(AX.ravel(), pmats_str(l1)[0]))
            and all(rnd(v, c) for v, c in zip(Z.ravel(), pmats_str(l1)[1])))
    d.check(r'Seul $Z_{12}$ est négatif', lambda: list(zip(*np.nonzero(Z < 0))) == [(0, 1)])
    Delta = G * (Z > 0)
    d.check(r'$$\Delta=G\odot\sigma', lambda: close(pmats(d.line(r'$$\Delta=G\odot\sigma'))[0], Delta))
    d.given(r'*Gradient en $W$.*')
    gW = AX.T @ Delta
    l2 = d.line(r'$$\frac{\partial\mathcal L}{\partial W}=(\hat AX)^\top\Delta\approx')
    d.check(r'$$\frac{\partial\mathcal L}{\partial W}=(\hat AX)^\top\Delta\approx',
            lambda: all(rnd(v, c) for v, c in zip(gW.ravel(), pmats_str(l2)[0])))
    d.check(r'Par exemple $(\partial\mathcal L/\partial W)_{21}', lambda: rnd(AX[0, 1], '0,8165') and rnd(AX[1, 1], '1,0749')
            and rnd(AX[2, 1], '1,3165') and rnd(0.8165 - 1.0749, '-0,2584', exact=True) and rnd(gW[1, 0], '-0,2584'))
    d.given(r"*Gradient en $X$.* D'abord")
    AD = Ah @ Delta
    l3 = d.line(r'$$\hat A\Delta\approx')
    d.check(r'$$\hat A\Delta\approx', lambda: all(rnd(v, c) for v, c in zip(AD.ravel(), pmats_str(l3)[0])))
    gX = fd(lambda X_: np.sum(G * np.maximum(Ah @ X_ @ W, 0)), X)
    l4 = d.line(r'$$\frac{\partial\mathcal L}{\partial X}=\hat A\Delta W\approx')
    d.check(r'$$\frac{\partial\mathcal L}{\partial X}=\hat A\Delta W\approx',
            lambda: all(rnd(v, c) for v, c in zip(gX.ravel(), pmats_str(l4)[0])))

    def fdcheck():
        W2 = W.copy(); W2[1, 0] = 0.501
        L = lambda W_: np.sum(G * np.maximum(Ah @ X @ W_, 0))
        Z2 = Ah @ X @ W2
        dL = L(W2) - L(W)
        # printed: eps*(-0,2584) ~ -2,584e-4 ; compare with the true change of L to printed precision
        return ((np.sign(Z2) == np.sign(Z)).all() and rnd(W[1, 0], '0,5', exact=True) and rnd(W2[1, 0], '0,501', exact=True)
                and rnd(gW[1, 0], '-0,2584') and abs(1e-3 * -0.2584 - (-2.584e-4)) < 1e-15 and rnd(dL * 1e4, '-2,584'))
    d.check('*Contrôle par différences finies.*', fdcheck)

# ----------------------------------------------------------------------------
# 03  Spanish lecture notes: GraphSAGE mean aggregator and its gradient
# ----------------------------------------------------------------------------
def sage_setup(n=6, dd=3, dp=2, rng=RNG, directed=False):
    if directed:
        A = (rng.random((n, n)) < 0.5).astype(float); np.fill_diagonal(A, 0)
        A[np.arange(n), (np.arange(n) + 1) % n] = 1
    else:
        A = sym_adj(n, rng=rng)
    Hin = rng.normal(size=(n, dd)); W1 = rng.normal(size=(dp, dd)); W2 = rng.normal(size=(dp, dd))
    Gs = rng.normal(size=(n, dp))
    return A, Hin, W1, W2, Gs


def sage_fwd(A, Hin, W1, W2, agg='mean'):
    M = A / A.sum(1, keepdims=True) if agg == 'mean' else A
    return Hin @ W1.T + (M @ Hin) @ W2.T   # rows are z_v


@register('03_graphsage_media_es.md')
def f03(d):
    d.given(r'Sea $\mathcal N(v)$ el conjunto')
    d.given(r'h_{\mathcal N(v)} \;=\; \frac{1}{|\mathcal N(v)|}')

    def concat():
        W1, W2 = RNG.normal(size=(2, 3)), RNG.normal(size=(2, 3)); h, hn = RNG.normal(size=3), RNG.normal(size=3)
        W = np.hstack([W1, W2])
        return close(W @ np.concatenate([h, hn]), W1 @ h + W2 @ hn)
    d.check(r'z_v = W\begin{bmatrix} h_v', concat)
    d.check(r'donde $W=[\,W_1\ \ W_2\,]', lambda: np.hstack([np.zeros((4, 3)), np.zeros((4, 3))]).shape == (4, 2 * 3))
    d.given('**Jacobianos.** Como el agregador es lineal')

    def jac():
        A, Hin, *_ = sage_setup()
        v = 0
        M = A / A.sum(1, keepdims=True)
        for u in range(len(A)):
            J = np.array([fd(lambda x: (M @ np.vstack([Hin[:u], x, Hin[u + 1:]]))[v][k], Hin[u]) for k in range(Hin.shape[1])])
            target = np.eye(Hin.shape[1]) / A[v].sum() if A[v, u] else np.zeros((3, 3))
            if not close(J, target):
                return False
        return True
    d.check(r'$$\frac{\partial h_{\mathcal N(v)}}{\partial h_u} = \frac{1}{|\mathcal N(v)|}\, I_d', jac)
    d.given(r'**Gradientes.** Sea $g_v=\partial L/\partial h_v')
    A, Hin, W1, W2, Gs = sage_setup()
    sig, dsig = np.tanh, lambda z: 1 - np.tanh(z) ** 2
    M = A / A.sum(1, keepdims=True)
    Z = sage_fwd(A, Hin, W1, W2)
    Dl = Gs * dsig(Z)
    Lf = lambda Hin_, W1_, W2_: np.sum(Gs * sig(sage_fwd(A, Hin_, W1_, W2_)))
    d.check(r'\frac{\partial L}{\partial W_1}=\sum_v \delta_v\,h_v^{\top},\qquad',
            lambda: close(fd(lambda w: Lf(Hin, w, W2), W1), sum(np.outer(Dl[v], Hin[v]) for v in range(len(A)))))
    d.check(r'\frac{\partial L}{\partial W_2}=\sum_v \delta_v\,h_{\mathcal N(v)}^{\top},',
            lambda: close(fd(lambda w: Lf(Hin, W1, w), W2), sum(np.outer(Dl[v], (M @ Hin)[v]) for v in range(len(A)))))
    d.given(r'y, para la representación de entrada de un nodo $u$')

    def gh():
        for directed in (False, True):
            A_, H_, W1_, W2_, G_ = sage_setup(directed=directed)
            Z_ = sage_fwd(A_, H_, W1_, W2_); D_ = G_ * dsig(Z_)
            g = fd(lambda h: np.sum(G_ * sig(sage_fwd(A_, h, W1_, W2_))), H_)
            for u in range(len(A_)):
                f = W1_.T @ D_[u] + sum(W2_.T @ D_[v] / A_[v].sum() for v in range(len(A_)) if A_[v, u])
                if not close(g[u], f):
                    return False
        return True
    d.check(r'\frac{\partial L}{\partial h_u} = W_1^{\top}\delta_u \;+\;', gh)

    def sum_agg():
        A_, H_, W1_, W2_, G_ = sage_setup()
        Z_ = sage_fwd(A_, H_, W1_, W2_, 'sum'); D_ = G_ * dsig(Z_)
        g = fd(lambda h: np.sum(G_ * sig(sage_fwd(A_, h, W1_, W2_, 'sum'))), H_)
        return all(close(g[u], W1_.T @ D_[u] + sum(W2_.T @ D_[v] for v in range(len(A_)) if A_[v, u])) for u in range(len(A_)))
    d.check('Observación: con el agregador *suma*', sum_agg)
    d.given(r'Tomamos $d=d')
    h1 = np.array([1, -1.]); Hn = np.array([[1, 0], [0, 2], [2, 1.]])
    W1 = np.eye(2); W2 = np.array([[0.5, -1], [1, 1]]); y = np.array([1, 0.])
    lh = d.line(r'$$h_1=\begin{pmatrix}1\\-1')
    d.check(r'$$h_1=\begin{pmatrix}1\\-1', lambda: close(pmats(lh)[-1], W2) and rnd(W2[0, 0], '0,5', exact=True))
    hN = Hn.mean(0)
    d.check('1. Media de los vecinos', lambda: close(hN, [1, 1]))
    z = W1 @ h1 + W2 @ hN
    d.check('2. $z_1 = (1,-1)', lambda: close(W2 @ hN, [0.5 - 1, 1 + 1]) and rnd(W2[0, 0], '0,5', exact=True) and close(z, [0.5, 1])
            and rnd(z[0], '0,5', exact=True) and (z > 0).all())
    hp = np.maximum(z, 0)
    Lval = 0.5 * np.sum((hp - y) ** 2)
    g = hp - y
    d.check(r'3. Pérdida $L=\tfrac12', lambda: rnd(Lval, '0,625', exact=True) and rnd((hp - y)[0] ** 2, '0,25', exact=True)
            and abs(0.5 * (0.25 + 1) - 0.625) < 1e-12 and close(g, [-0.5, 1]) and rnd(g[0], '-0,5', exact=True))

    def Lfull(h1_, Hn_, W1_, W2_):
        return 0.5 * np.sum((np.maximum(W1_ @ h1_ + W2_ @ Hn_.mean(0), 0) - y) ** 2)
    lw = d.line(r'$$\frac{\partial L}{\partial W_1}=\delta_1h_1^{\top}=')
    d.check(r'$$\frac{\partial L}{\partial W_1}=\delta_1h_1^{\top}=', lambda:
            close(pmats(lw)[0], fd(lambda w: Lfull(h1, Hn, w, W2), W1)) and close(pmats(lw)[0], np.outer(g, h1))
            and close(pmats(lw)[1], fd(lambda w: Lfull(h1, Hn, W1, w), W2)) and close(pmats(lw)[1], np.outer(g, hN))
            and all(rnd(v, c, exact=True) for v, c in zip(np.concatenate([np.outer(g, h1).ravel(), np.outer(g, hN).ravel()]),
                                                            pmats_str(lw)[0] + pmats_str(lw)[1])))
    gH = fd(lambda H_: Lfull(h1, H_, W1, W2), Hn)
    d.check(r'5. Gradiente respecto a un vecino (igual para $h_2,h_3,h_4$)', lambda: close(gH[0], gH[1]) and close(gH[1], gH[2]))
    d.check(r'$$\frac{\partial L}{\partial h_2}=\frac13 W_2^{\top}\delta_1', lambda:
            close(W2.T @ g / 3, gH[0]) and abs(0.5 * -0.5 + 1 * 1 - 0.75) < 1e-12 and abs((-1) * (-0.5) + 1 * 1 - 1.5) < 1e-12
            and close(np.array([0.75, 1.5]) / 3, [0.25, 0.5]) and rnd(W2[0, 0], '0,5', exact=True) and rnd(g[0], '-0,5', exact=True)
            and rnd((W2.T @ g)[0], '0,75', exact=True) and rnd((W2.T @ g)[1], '1,5', exact=True)
            and rnd(gH[0, 0], '0,25') and rnd(gH[0, 1], '0,5'))
    d.check(r'mientras que $\partial L/\partial h_1', lambda: close(fd(lambda h: Lfull(h, Hn, W1, W2), h1), [-0.5, 1])
            and rnd(fd(lambda h: Lfull(h, Hn, W1, W2), h1)[0], '-0,5'))

    def numcheck():
        H2 = Hn.copy(); H2[0, 0] = 1.01
        z2 = W1 @ h1 + W2 @ H2.mean(0)
        L2 = Lfull(h1, H2, W1, W2)
        return (abs(H2.mean(0)[0] - hN[0] - 0.01 / 3) < 1e-12 and rnd(H2[0, 0], '1,01', exact=True)
                and rnd(H2[0, 0] - Hn[0, 0], '0,01') and rnd(z2[0], '0,50167') and rnd(z2[1], '1,00333')
                and rnd(L2, '0,627507') and rnd(L2 - Lval, '0,0025069') and rnd(gH[0, 0], '0,25')
                and rnd(0.25 * 0.01, '0,0025', exact=True))
    d.check('**Comprobación numérica.**', numcheck)
    d.check(r'Si, con el mismo $\delta_1$, se usara el agregador suma', lambda: close(W2.T @ g, [0.75, 1.5])
            and rnd((W2.T @ g)[0], '0,75', exact=True) and rnd((W2.T @ g)[1], '1,5', exact=True) and close(W2.T @ g, 3 * gH[0]))

# ----------------------------------------------------------------------------
# 04  English blog: GAT attention coefficients worked by hand
# ----------------------------------------------------------------------------
@register('04_gat_attention_walkthrough_en.md', thousands='{,}', allow=('2018',))
def f04(d):
    def gcn_weight():
        A = sym_adj(6); At = A + np.eye(6); dt = At.sum(1)
        return close(norm_adj(A)[At > 0], (1 / np.sqrt(np.outer(dt, dt)))[At > 0])
    d.check('GCN weights every neighbour by the fixed constant', gcn_weight)
    d.given('1. a shared linear map $z_j = W h_j$')
    d.given(r'2. a raw score per edge, $e_{ij} = \mathrm{LeakyReLU}')
    d.given(r'$$\alpha_{ij} = \frac{\exp(e_{ij})}')

    def convex():
        e = RNG.normal(size=5) * 3; al = np.exp(e) / np.exp(e).sum()
        return (al > 0).all() and abs(al.sum() - 1) < 1e-12
    d.check(r'By construction $\alpha_{ij} > 0$', convex)
    d.given('**A useful split.** Write')

    def split():
        a = RNG.normal(size=6); zi, zj = RNG.normal(size=3), RNG.normal(size=3)
        return abs(a @ np.concatenate([zi, zj]) - (a[:3] @ zi + a[3:] @ zj)) < 1e-12
    d.check(r'$$\mathbf a^\top[z_i\|z_j] = \mathbf a_1^\top z_i', split)

    def cost():
        # count multiply-adds: per node two dot products of length F'; per edge one of length 2F'
        n, Fp = 7, 5
        A = sym_adj(n) + np.eye(n); E = int(A.sum())
        per_node = n * (Fp + Fp)
        per_edge = E * (2 * Fp)
        return per_node == 2 * n * Fp and per_edge == 2 * E * Fp
    d.check('so you compute one "source" score', cost)
    d.given(r'Take node 1 with $\mathcal N_1 = \{1, 2, 3\}$')
    Zp = np.array([[1, 0], [0, 1], [-2, 1.]]); a1 = np.array([.5, -1]); a2 = np.array([1, .5])
    d.given('$$z_1 = (1, 0),\\quad z_2 = (0, 1)')
    s = Zp @ a1; t = Zp @ a2
    d.check('Source score for node 1', lambda: abs(0.5 * 1 + (-1) * 0 - 0.5) < 1e-12 and rnd(a1[0], '0.5', exact=True)
            and rnd(s[0], '0.5', exact=True))
    d.check(r'- $t_1 = 1\cdot 1', lambda: abs(t[0] - 1) < 1e-12 and rnd(a2[1], '0.5', exact=True))
    d.check(r'- $t_2 = 1 \cdot 0', lambda: rnd(t[1], '0.5', exact=True) and rnd(a2[1], '0.5', exact=True))
    d.check(r'- $t_3 = 1\cdot(-2)', lambda: rnd(t[2], '-1.5', exact=True) and abs(1 * (-2) + 0.5 * 1 + 1.5) < 1e-12
            and rnd(a2[1], '0.5', exact=True))
    raw = s[0] + t; e = lrelu(raw)
    d.check('Raw sums $s_1 + t_j', lambda: close(raw, [1.5, 1, -1]) and rnd(raw[0], '1.5', exact=True) and abs(0.2 * -1 + 0.2) < 1e-12
            and (raw < 0).sum() == 1 and rnd(e[2] / raw[2], '0.2', exact=True) and rnd(e[2], '-0.2', exact=True))
    d.check(r'$$e_{1\cdot} = (1.5,\ 1,\ -0.2)', lambda: close(e, [1.5, 1, -0.2]) and rnd(e[0], '1.5', exact=True) and rnd(e[2], '-0.2', exact=True))
    ex = np.exp(e)
    d.num('Exponentials:', [('4.4817', ex[0]), ('2.7183', ex[1]), ('0.8187', ex[2])])
    d.check('Denominator: $4.4817 + 2.7183 + 0.8187', lambda: rnd(4.4817 + 2.7183 + 0.8187, '8.1087', exact=True)
            and rnd(ex.sum(), '8.1087'))
    al = ex / ex.sum()
    d.check(r'$$\alpha_{11} \approx \frac{4.4817}{8.1087}', lambda: rnd(al[0], '0.5527') and rnd(al[1], '0.3352')
            and rnd(al[2], '0.1010') and rnd(ex[0] / ex.sum(), '0.5527'))
    m = al @ Zp
    d.check(r'$$\sum_j \alpha_{1j} z_j \approx 0.5527', lambda: rnd(m[0], '0.3507') and rnd(m[1], '0.4362')
            and close(0.5527 * Zp[0] + 0.3352 * Zp[1] + 0.1010 * Zp[2], m, 1e-3))

    def relu_remark():
        e_relu = np.maximum(raw, 0)
        al_r = np.exp(e_relu) / np.exp(e_relu).sum()
        return al[2] > 0 and e_relu[2] == 0 and np.exp(0) == 1 > np.exp(-0.2) and al_r[2] > al[2] and rnd(e[2], '-0.2', exact=True)
    d.check('Notice that node 3 still gets a nonzero weight', relu_remark)

    def heads():
        F, Fp, K = 1433, 8, 8
        params = K * (np.zeros((Fp, F)).size + np.zeros(2 * Fp).size)
        return (params == K * (F * Fp + 2 * Fp) and rnd(params, '91840', exact=True) and K * Fp == np.zeros((K, Fp)).size
                and rnd(F, '1433', exact=True) and rnd(2 * Fp, '16', exact=True))
    d.check('With $K$ heads concatenated', heads)

# ----------------------------------------------------------------------------
# 05  Russian lecture notes: spectrum of the normalized adjacency, over-smoothing
# ----------------------------------------------------------------------------
@register('05_spektr_peresglazhivanie_ru.md')
def f05(d):
    d.given(r'Пусть $G$ — связный неориентированный граф')
    d.given(r'$$\hat A=\tilde D^{-1/2}\tilde A\,\tilde D^{-1/2}.$$')
    graphs = [conn_adj(n) for n in (3, 5, 6, 9, 12)] + [np.array([[0, 1.], [1, 0]])]

    def claim1():
        for A in graphs:
            Ah = norm_adj(A); ev = np.linalg.eigvalsh(Ah); u = np.sqrt(A.sum(1) + 1)
            if not (ev.max() < 1 + 1e-12 and ev.min() > -1 and abs(ev.max() - 1) < 1e-10 and close(Ah @ u, u)):
                return False
        return True
    d.check('**Утверждение 1.**', claim1)
    d.check('*Доказательство.* Матрица', lambda: all(close(norm_adj(A), norm_adj(A).T) for A in graphs))

    def i_minus():
        for A in graphs:
            n = len(A); At = A + np.eye(n); Dt = np.diag(At.sum(1)); Dm = np.diag(At.sum(1) ** -0.5)
            L = np.diag(A.sum(1)) - A
            if not (close(np.eye(n) - norm_adj(A), Dm @ (Dt - At) @ Dm) and close(Dt - At, L)
                    and np.linalg.eigvalsh(Dm @ L @ Dm).min() > -1e-12):
                return False
        return True
    d.check(r'$$I-\hat A=\tilde D^{-1/2}(\tilde D-\tilde A)', i_minus)
    d.check('где $L=D-A$ — лапласиан графа', lambda: all(np.linalg.eigvalsh(norm_adj(A)).max() <= 1 + 1e-12 for A in graphs))

    def i_plus():
        for A in graphs:
            n = len(A); At = A + np.eye(n); Dt = np.diag(At.sum(1)); Dm = np.diag(At.sum(1) ** -0.5)
            D = np.diag(A.sum(1))
            if not (close(np.eye(n) + norm_adj(A), Dm @ (Dt + At) @ Dm) and close(Dt + At, D + A + 2 * np.eye(n))
                    and np.linalg.eigvalsh(Dm @ (D + A + 2 * np.eye(n)) @ Dm).min() > 1e-12):
                return False
        return True
    d.check(r'$$I+\hat A=\tilde D^{-1/2}(\tilde D+\tilde A)', i_plus)

    def signless():
        for A in graphs:
            dt = A.sum(1) + 1; u = np.sqrt(dt); Dm = np.diag(dt ** -0.5); At = A + np.eye(len(A))
            if not (np.linalg.eigvalsh(np.diag(A.sum(1)) + A).min() > -1e-12 and np.linalg.eigvalsh(norm_adj(A)).min() > -1
                    and close(norm_adj(A) @ u, Dm @ At @ np.ones(len(A))) and close(Dm @ dt, u)):
                return False
        return True
    d.check(r'так как $D+A\succeq 0$', signless)

    def simple():
        for A in graphs:
            ev = np.sort(np.abs(np.linalg.eigvalsh(norm_adj(A))))
            if not (abs(ev[-1] - 1) < 1e-10 and ev[-2] < 1 - 1e-9):
                return False
        return True
    d.check('**Следствие (пересглаживание).**', simple)

    def specdec():
        for A in graphs:
            Ah = norm_adj(A); dt = A.sum(1) + 1; u = np.sqrt(dt)
            ev, V = np.linalg.eigh(Ah)
            i1 = np.argmax(ev)
            for k in (1, 3, 7):
                R = u[:, None] * u[None, :] / (u @ u) + sum(ev[i] ** k * np.outer(V[:, i], V[:, i]) for i in range(len(ev)) if i != i1)
                if not close(np.linalg.matrix_power(Ah, k), R):
                    return False
            if abs(u @ u - dt.sum()) > 1e-9:
                return False
        return True
    d.check(r'$$\hat A^k=\frac{uu^\top}{u^\top u}+\sum_{i\ge 2}', specdec)

    def normrate():
        for A in graphs:
            Ah = norm_adj(A); u = np.sqrt(A.sum(1) + 1); P = np.outer(u, u) / (u @ u)
            ev = np.linalg.eigvalsh(Ah); mu = np.sort(np.abs(ev))[-2]
            for k in (1, 4, 9):
                if abs(np.linalg.norm(np.linalg.matrix_power(Ah, k) - P, 2) - mu ** k) > 1e-9:
                    return False
        return True
    d.check(r'получаем $\big\|\hat A^k-uu^\top/u^\top u\big\|_2=\mu^k', normrate)

    def limit():
        for A in graphs:
            X = RNG.normal(size=(len(A), 3)); dt = A.sum(1) + 1
            Lim = np.sqrt(dt)[:, None] * (np.sqrt(dt) @ X) / dt.sum()
            if not close(np.linalg.matrix_power(norm_adj(A), 400) @ X, Lim, 1e-7):
                return False
        return True
    d.check(r'$$\big(\hat A^kX\big)_{i,:}\ \longrightarrow', limit)
    d.check('т.е. после многих слоёв', limit)
    A = np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0]], float)
    Ah = norm_adj(A); dt = A.sum(1) + 1; u = np.sqrt(dt)
    s6 = 1 / np.sqrt(6)
    ev = np.sort(np.linalg.eigvalsh(Ah))[::-1]
    d.check(r'**Пример.** Путь $1-2-3$', lambda: list(dt) == [2, 3, 2])
    d.check(r'$$\hat A=\begin{pmatrix}1/2&1/\sqrt6&0', lambda: close(Ah, [[.5, s6, 0], [s6, 1 / 3, s6], [0, s6, .5]], 1e-12)
            and close(u, [np.sqrt(2), np.sqrt(3), np.sqrt(2)]) and abs(u @ u - 7) < 1e-12)
    d.check(r'1. Вектор $(1,0,-1)^\top$', lambda: close(Ah @ [1, 0, -1], [.5, 0, -.5]) and abs(ev[1] - .5) < 1e-12)
    d.check(r'2. След: $\operatorname{tr}\hat A', lambda: abs(np.trace(Ah) - 5 / 3) < 1e-12 and abs(.5 + 1 / 3 + .5 - 5 / 3) < 1e-12)
    d.check('3. Третье собственное значение', lambda: abs(ev[2] - 1 / 6) < 1e-12 and abs(np.trace(Ah) - 1 - .5 - ev[2]) < 1e-12)
    mu = np.sort(np.abs(ev))[-2]
    d.check(r'4. Следовательно, $\mu=\max', lambda: abs(mu - .5) < 1e-12 and abs(max(.5, abs(ev[2])) - .5) < 1e-12
            and 2.0 ** -10 < 1e-3 <= 2.0 ** -9 and rnd(min(k for k in range(1, 50) if mu ** k < 1e-3), '10', exact=True)
            and rnd(2 ** -9, '0,00195') and rnd(2 ** -10, '0,000977'))
    d.given(r'Численно, для $x=e_1=(1,0,0)^\top$')
    d.given(r'| $k$ | $(\hat A^k x)_1$')
    x = np.array([1., 0, 0])
    P = lambda k: np.linalg.matrix_power(Ah, k) @ x
    for k, lab in ((1, '| 1 |'), (2, '| 2 |'), (10, '| 10 |')):
        ln = d.line(lab)
        cs = [c.strip() for c in ln.strip().strip('|').split('|')][1:]
        d.check(lab, (lambda cs=cs, k=k, lab=lab: len(cs) == 3 and all(rnd(v, c) for v, c in zip(P(k), cs))
                      and rnd(k, lab.strip('| '), exact=True)))
    xinf = u * (u @ x) / 7
    d.check(r'| $\infty$ |', lambda: close(xinf, [2 / 7, np.sqrt(6) / 7, 2 / 7]) and rnd(2 / 7, '0,2857') and rnd(np.sqrt(6) / 7, '0,3499')
            and close(P(500), xinf))
    r10 = P(10) / u

    def last():
        return (close(xinf, np.sqrt(2) * u / 7) and rnd(r10[0], '0,2024') and rnd(r10[1], '0,2020') and rnd(r10[2], '0,2017')
                and rnd(P(10)[0], '0,2862') and rnd(xinf[0], '0,2857') and rnd(0.2862 - 0.2857, '0,0005') and rnd(P(10)[0] - xinf[0], '0,0005') and rnd(0.5 * 2 ** -10, '0,0005'))
    d.check('Предел вычислен по формуле следствия', last)

# ----------------------------------------------------------------------------
# 06  Chinese Zhihu article: parameter and FLOP counts on PubMed
# ----------------------------------------------------------------------------
def dense_flops(Ashape, Bshape):
    assert Ashape[1] == Bshape[0]
    return 2 * Ashape[0] * Ashape[1] * Bshape[1]


def random_edges(N, E, rng):
    """E distinct undirected edges on N nodes, as (rows, cols) of the symmetric pattern of A+I"""
    seen = set()
    while len(seen) < E:
        a = rng.integers(0, N, size=2 * (E - len(seen)) + 10); b = rng.integers(0, N, size=a.size)
        for x, y in zip(a, b):
            if x != y:
                seen.add((min(x, y), max(x, y)))
                if len(seen) == E:
                    break
    e = np.array(sorted(seen))
    rows = np.concatenate([e[:, 0], e[:, 1], np.arange(N)])
    cols = np.concatenate([e[:, 1], e[:, 0], np.arange(N)])
    return rows, cols


@register('06_mpnn_canshu_flops_zh.md', thousands='{,}')
def f06(d):
    N, E, F, H, C = 19717, 44324, 500, 16, 3
    rng = np.random.default_rng(7)
    rows, cols = random_edges(N, E, rng)
    nnz = rows.size
    d.given('**数据（已知）**')

    def pattern():
        A = sym_adj(7); At = A + np.eye(7)
        return ((norm_adj(A) != 0) == (At != 0)).all()
    d.check(r'$\hat A=\tilde D^{-1/2}(A+I)\tilde D^{-1/2}$ 与', pattern)
    ex = lambda v, p: rnd(v, p, exact=True)
    d.check(r'$$\operatorname{nnz}(\hat A)=2|E|+N=88648', lambda: nnz == 2 * E + N and ex(2 * E, '88648') and ex(N, '19717')
            and ex(nnz, '108365'))
    d.given(r'第 $\ell$ 层 $H^{(\ell+1)}=')
    W1, b1, W2, b2 = np.zeros((F, H)), np.zeros(H), np.zeros((H, C)), np.zeros(C)
    d.check(r'- 第一层：$500\times 16+16=8016$', lambda: W1.shape == (F, H) and ex(F, '500') and ex(H, '16') and ex(W1.size + b1.size, '8016'))
    d.check(r'- 第二层：$16\times 3+3=51$', lambda: W2.shape == (16, 3) and ex(H, '16') and ex(W2.size + b2.size, '51'))
    d.check(r'- 合计：$8067$', lambda: ex(W1.size + b1.size + W2.size + b2.size, '8067'))
    d.given(r'$\hat A X W$ 有两种结合方式')
    d.given(r'**(a) 先变换再聚合**')
    fa = dense_flops((N, F), (F, H)) + 2 * nnz * H
    fb = 2 * nnz * F + dense_flops((N, F), (F, H))
    d.check(r'$$\underbrace{2NFH}_{XW}', lambda: ex(dense_flops((N, F), (F, H)), '315472000') and ex(2 * nnz * H, '3467680')
            and ex(fa, '318939680'))
    d.given(r'**(b) 先聚合再变换**')
    d.check(r'$$2\operatorname{nnz}(\hat A)\,F+2NFH=', lambda: ex(2 * nnz * F, '108365000') and ex(dense_flops((N, F), (F, H)), '315472000')
            and ex(fb, '423837000'))

    def ratio_general():
        if not (rnd(fb / fa, '1.33') and rnd(fb / 1e6, '423.8') and rnd(fa / 1e6, '318.9') and rnd(423.8 / 318.9, '1.33')):
            return False
        for Fin, Fout in ((500, 16), (16, 500), (64, 64)):
            a = 2 * N * Fin * Fout + 2 * nnz * Fout; b = 2 * nnz * Fin + 2 * N * Fin * Fout
            if (Fout < Fin) != (a < b):
                return False
        return True
    d.check(r'两者之比约为 $423.8/318.9', ratio_general)
    d.check(r'第二层同理（先变换）：$2NHC', lambda: ex(dense_flops((N, H), (H, C)), '1892832') and ex(2 * nnz * C, '650190'))
    d.given('N, E, F, H, C = 19717, 44324, 500, 16, 3')
    d.check('nnz = 2*E + N', lambda: ex(2 * E + N, '108365'))
    d.check('print(2*N*F*H + 2*nnz*H)', lambda: ex(2 * N * F * H + 2 * (2 * E + N) * H, '318939680'))
    d.check('print(2*nnz*F + 2*N*F*H)', lambda: ex(2 * (2 * E + N) * F + 2 * N * F * H, '423837000'))
    Wsage = np.zeros((H, 2 * F)); bs = np.zeros(H)
    d.check('GraphSAGE 把 $h_v$ 与邻居均值拼接', lambda: Wsage.size + bs.size == 2 * F * H + H and ex(Wsage.size + bs.size, '16016')
            and ex(F, '500') and ex(H, '16') and abs((Wsage.size + bs.size) / (W1.size + b1.size) - 2) < 0.01)
    K, Fp = 8, 8
    heads = [(np.zeros((Fp, F)), np.zeros(2 * Fp)) for _ in range(K)]
    d.given('GAT 第一层用 $K=8$ 个头')
    d.check(r"$$K\,(FF'+2F')=8\,(4000+16)=32128", lambda: sum(w.size + a.size for w, a in heads) == K * (F * Fp + 2 * Fp)
            and ex(sum(w.size + a.size for w, a in heads), '32128') and ex(F * Fp, '4000') and ex(2 * Fp, '16'))
    out = [(np.zeros((C, K * Fp)), np.zeros(2 * C)) for _ in range(8)]
    d.check('输出层同样 8 个头', lambda: ex(K * Fp, '64') and sum(w.size + a.size for w, a in out) == 8 * (64 * 3 + 2 * 3)
            and ex(sum(w.size + a.size for w, a in out), '1584')
            and ex(sum(w.size + a.size for w, a in heads) + sum(w.size + a.size for w, a in out), '33712'))
    Ed = 2 * E
    fm = Ed * dense_flops((1, 2 * F), (2 * F, H))
    d.check(r'如果把消息写成 $m_{ij}=W_m', lambda: np.zeros((H, 2 * F)).shape == (16, 1000) and ex(Ed, '88648') and (rows != cols).sum() == Ed)
    d.check(r'$$\text{FLOPs}=2\cdot 2|E|\cdot 2F\cdot H', lambda: fm == 2 * 2 * E * 2 * F * H and ex(fm, '2836736000') and ex(Ed, '88648')
            and ex(2 * F, '1000') and ex(H, '16'))
    d.check('约为 GCN 第一层 (a) 方案的', lambda: rnd(fm / fa, '8.9'))

# ----------------------------------------------------------------------------
# 07  Japanese lecture notes: readout (sum / mean / max) and its gradient
# ----------------------------------------------------------------------------
def readout(Hm, kind):
    return {'sum': Hm.sum(0), 'mean': Hm.mean(0), 'max': Hm.max(0)}[kind]


def readout_grad_fd(Hm, g, kind):
    return fd(lambda H_: g @ readout(H_, kind), Hm)


@register('07_readout_pooling_ja.md')
def f07(d):
    def perm_inv():
        Hm = RNG.normal(size=(6, 3)); p = RNG.permutation(6)
        return all(close(readout(Hm, k), readout(Hm[p], k)) for k in ('sum', 'mean', 'max'))
    d.check('グラフ分類では，$L$ 層のメッセージパッシング', perm_inv)
    d.given(r'h_G^{\mathrm{sum}}=\sum_{v\in V}h_v,\qquad')
    d.given(r'h_G^{\mathrm{mean}}=\frac1N\sum_{v\in V}h_v,\qquad')
    d.given(r'\big(h_G^{\max}\big)_k=\max_{v\in V}')
    d.given(r'以下，上流から $g:=')
    Hm = RNG.normal(size=(5, 3)); g = RNG.normal(size=3); N = 5

    def jac(kind, v):
        return np.array([fd(lambda x: readout(np.vstack([Hm[:v], x, Hm[v + 1:]]), kind)[k], Hm[v]) for k in range(3)])
    d.check(r'$h_G^{\mathrm{sum}}$ は各 $h_v$ について線形', lambda: all(close(jac('sum', v), np.eye(3)) for v in range(N)))
    gs = readout_grad_fd(Hm, g, 'sum')
    d.check(r'$$\frac{\partial L}{\partial h_v}=\Big(\frac{\partial h_G}{\partial h_v}\Big)^{\!\top} g=g',
            lambda: all(close(gs[v], jac('sum', v).T @ g) and close(gs[v], g) for v in range(N)))
    d.check(r'同様に $\partial h_G^{\mathrm{mean}}/\partial h_v=', lambda: all(close(jac('mean', v), np.eye(3) / N) for v in range(N)))
    gm = readout_grad_fd(Hm, g, 'mean')
    d.check(r'$$\frac{\partial L}{\partial h_v}=\Big(\frac{\partial h_G^{\mathrm{mean}}}{\partial h_v}\Big)^{\!\top} g=g',
            lambda: all(close(gm[v], jac('mean', v).T @ g) and close(gm[v], g) for v in range(N)))
    d.check('平均をとっても各ノードへの勾配は和プーリングと同じ', lambda: close(gm, gs))
    d.given(r'成分ごとに $v_k^\ast=\arg\max_{v}(h_v)_k$')
    gx = readout_grad_fd(Hm, g, 'max')
    star = Hm.argmax(0)
    d.check(r'$$\frac{\partial L}{\partial (h_v)_k}=\begin{cases} g_k',
            lambda: all(abs(gx[v, k] - (g[k] if v == star[k] else 0)) < 1e-6 for v in range(N) for k in range(3)))
    d.check('となる．勾配は各特徴次元について', lambda: all((np.abs(gx[:, k]) > 1e-9).sum() == 1 for k in range(3)))
    d.given('$N=3$, $F=2$ とし')
    H3 = np.array([[1, 4], [3, -1], [2, 2.]]); w = np.array([2, -1.])
    d.given(r'$$h_1=(1,\,4),\quad h_2=(3,\,-1)')
    d.check(r'とする．損失は $L=w^\top h_G$', lambda: close(fd(lambda hg: w @ hg, RNG.normal(size=2)), w))
    d.check(r'- 和：$h_G^{\mathrm{sum}}=(6,\,5)$', lambda: close(readout(H3, 'sum'), [6, 5]) and w @ readout(H3, 'sum') == 7 == 2 * 6 - 5)
    d.check(r'- 平均：$h_G^{\mathrm{mean}}=(2,\,5/3)', lambda: close(readout(H3, 'mean'), [2, 5 / 3]) and rnd(5 / 3, '1.667')
            and close(w @ readout(H3, 'mean'), 4 - 5 / 3) and rnd(4 - 5 / 3, '2.333'))
    d.check('- 最大：第1成分はノード2の', lambda: list(H3.argmax(0)) == [1, 0] and close(readout(H3, 'max'), [3, 4])
            and w @ readout(H3, 'max') == 2 == 6 - 4)
    d.given(r'| 読み出し | $\partial L/\partial h_1$')

    def tablerow(label, kind):
        ln = d.line('| %s |' % label)
        cs = [c.strip() for c in ln.strip().strip('|').split('|')][1:]
        vals = [np.array([tofloat(x) for x in re.sub(r'[$()]|\\,', '', c).split(',')]) for c in cs]
        G = readout_grad_fd(H3, w, kind)
        return len(vals) == 3 and all(close(G[i], vals[i]) for i in range(3))
    d.check('| 和 |', lambda: tablerow('和', 'sum'))
    d.check('| 平均 |', lambda: tablerow('平均', 'mean'))
    d.check('| 最大 |', lambda: tablerow('最大', 'max'))

    def kensan():
        H2 = H3.copy(); H2[1, 0] = 3.1
        L0 = w @ readout(H3, 'max'); L1 = w @ readout(H2, 'max')
        ok = (close(readout(H2, 'max'), [3.1, 4]) and rnd(H2[1, 0], '3.1', exact=True) and rnd(L1, '2.2', exact=True)
              and rnd(L1 - L0, '0.2', exact=True) and rnd(H2[1, 0] - H3[1, 0], '0.1', exact=True)
              and abs((L1 - L0) / 0.1 - 2) < 1e-9 and abs(0.2 / 0.1 - 2) < 1e-12)
        for _ in range(20):
            Hp = H3.copy(); Hp[2] += RNG.uniform(-0.9, 0.9, size=2)
            ok = ok and (Hp[2, 0] < 3 and Hp[2, 1] < 4) and abs(w @ readout(Hp, 'max') - L0) < 1e-12
        return ok
    d.check('検算：最大プーリングで $h_2$', kensan)

    def chui():
        ok = True
        for n in (2, 5, 9):
            Hn = RNG.normal(size=(n, 3)); gg = RNG.normal(size=3)
            ok = ok and close(readout_grad_fd(Hn, gg, 'sum'), np.tile(gg, (n, 1)))
            ok = ok and all((np.abs(readout_grad_fd(Hn, gg, 'max')[:, k]) > 1e-9).sum() == 1 for k in range(3))
        return ok
    d.check('**注意.** 和プーリングでは', chui)

# ----------------------------------------------------------------------------
# 08  Portuguese solved exercise list: degree computations
# ----------------------------------------------------------------------------
@register('08_graus_lista_resolvida_pt.md')
def f08(d):
    A = np.zeros((5, 5))
    for i, j in [(1, 2), (1, 3), (2, 3), (3, 4), (4, 5)]:
        A[i - 1, j - 1] = A[j - 1, i - 1] = 1
    n, E = 5, 5
    deg = A @ np.ones(5); At = A + np.eye(5); dt = At.sum(1); Ah = norm_adj(A)
    d.given('**Enunciado.** Seja $G$')
    d.given(r'$$E=\{\{1,2\},\{1,3\}')
    d.given('**(a) Graus.** O grau é a soma')
    d.check(r'$$d_1=2,\quad d_2=2,\quad d_3=3', lambda: list(deg) == [2, 2, 3, 2, 1])
    d.check('Conferindo pelo lema do aperto de mãos', lambda: rnd(deg.sum(), '10', exact=True) and deg.sum() == 2 * E and A.sum() / 2 == 5)
    d.check(r'**(b) Grau médio.**', lambda: deg.mean() == 2 * E / n == 2)
    d.check(r'**(c) Graus com auto-laço.**', lambda: list(dt) == [3, 3, 4, 3, 2] and rnd(dt.sum(), '15', exact=True) and dt.sum() == 2 * E + n)
    d.given(r'**(d) Matriz $\tilde D^{-1/2}$.**')
    ln = d.line(r'$$\tilde D^{-1/2}=\operatorname{diag}\!\Big(')
    printed = [t.replace('\\', '') for t in re.search(r'\\operatorname\{diag\}\(([^)]*)\)\.\$\$', ln).group(1).split(';')]
    d.check(r'$$\tilde D^{-1/2}=\operatorname{diag}\!\Big(', lambda: close(dt ** -0.5, [1 / np.sqrt(3)] * 2 + [0.5, 1 / np.sqrt(3), 1 / np.sqrt(2)], 1e-12)
            and len(printed) == 5 and all(rnd(v, p) for v, p in zip(dt ** -0.5, printed)))
    d.given(r'**(e) Somas das linhas de $\hat A=')

    def rowsum_formula():
        for A_ in [A] + [sym_adj(m) for m in (4, 7)]:
            At_ = A_ + np.eye(len(A_)); dt_ = At_.sum(1)
            r = np.array([sum(1 / np.sqrt(dt_[j]) for j in range(len(A_)) if At_[i, j]) / np.sqrt(dt_[i]) for i in range(len(A_))])
            if not close(norm_adj(A_) @ np.ones(len(A_)), r):
                return False
        return True
    d.check(r'$$(\hat A\mathbf 1)_i=\frac{1}{\sqrt{\tilde d_i}}', rowsum_formula)
    rs = Ah.sum(1)
    nb = lambda i: sorted(int(j) + 1 for j in np.nonzero(At[i - 1])[0])
    d.check('- Vértice 5 (', lambda: nb(5) == [4, 5] and close((1 / np.sqrt(3) + 1 / np.sqrt(2)) / np.sqrt(2), 1 / np.sqrt(6) + 0.5)
            and rnd(1 / np.sqrt(6), '0,4082') and rnd(1 / dt[4], '0,5', exact=True) and rnd(0.4082 + 0.5, '0,9082', exact=True)
            and rnd(rs[4], '0,9082'))
    d.check('- Vértice 3 (', lambda: nb(3) == [1, 2, 3, 4] and rnd(1 / np.sqrt(dt[2]), '0,5', exact=True) and close(0.5 * (3 / np.sqrt(3) + 0.5), 0.5 * (np.sqrt(3) + 0.5))
            and close(rs[2], 0.5 * (np.sqrt(3) + 0.5)) and rnd(rs[2], '1,1160'))
    d.check('- Vértice 1 (', lambda: nb(1) == [1, 2, 3] and close(rs[0], (2 / np.sqrt(3) + 0.5) / np.sqrt(3))
            and close(rs[0], 2 / 3 + 1 / (2 * np.sqrt(3))) and rnd(rs[0], '0,9553') and close(rs[0], rs[1]))
    d.check('- Vértice 4 (', lambda: nb(4) == [3, 4, 5]
            and close((0.5 + 1 / np.sqrt(3) + 1 / np.sqrt(2)) / np.sqrt(3), 1 / (2 * np.sqrt(3)) + 1 / 3 + 1 / np.sqrt(6))
            and rnd(1 / (2 * np.sqrt(3)), '0,28868') and rnd(1 / 3, '0,33333') and rnd(1 / np.sqrt(6), '0,40825')
            and rnd(0.28868 + 0.33333 + 0.40825, '1,03026', exact=True) and rnd(rs[3], '1,03026') and rnd(rs[3], '1,0303'))
    d.check('Ou seja, $\\hat A$ **não** é estocástica', lambda: not close(rs, np.ones(5)) and close((At / dt[:, None]).sum(1), np.ones(5))
            and close(Ah @ np.sqrt(dt), np.sqrt(dt)))

    def f_item():
        ok = list(np.diag(A @ A)) == [2, 2, 3, 2, 1] and np.trace(A @ A @ A) / 6 == 1
        for m in (5, 8):
            B = sym_adj(m); ok = ok and close(np.diag(B @ B), B.sum(1))
        tri = [(i, j, k) for i in range(5) for j in range(i + 1, 5) for k in range(j + 1, 5) if A[i, j] and A[j, k] and A[i, k]]
        return ok and tri == [(0, 1, 2)]
    d.check(r'**(f) Graus a partir de $A^2$.**', f_item)
    d.check(r'**(g) Número de arestas de $\tilde A$.**', lambda: rnd(np.count_nonzero(A), '10', exact=True) and np.count_nonzero(A) == 2 * E
            and rnd(np.count_nonzero(At), '15', exact=True) and np.count_nonzero(At) == dt.sum()
            and np.count_nonzero(Ah) == 15)

# ----------------------------------------------------------------------------
# 09  Italian lecture notes: gradient of GAT attention
# ----------------------------------------------------------------------------
def gat_fwd(a1, a2, Zn, beta=0.2):
    """Zn: rows z_j for j in N_i, row 0 is z_i itself"""
    s = a1 @ Zn[0] + Zn @ a2
    e = lrelu(s, beta)
    al = softmax(e)
    return s, e, al, al @ Zn


@register('09_gradiente_gat_it.md', allow=('6.3', '6.4', '6.5'))
def f09(d):
    d.given(r'Fissiamo un nodo $i$ con vicinato')
    d.given(r'$$ s_{ij}=\mathbf a_1^{\top}z_i+\mathbf a_2^{\top}z_j')
    d.check(r'con $\mathrm{LReLU}_\beta(x)=\max(x,\beta x)$', lambda: close(np.maximum(np.linspace(-3, 3, 13), 0.2 * np.linspace(-3, 3, 13)),
                                                                       lrelu(np.linspace(-3, 3, 13)))
            and rnd(-lrelu(np.array([-1.]))[0], '0,2', exact=True))
    d.given(r'**Proposizione 6.3 (Jacobiano del softmax).**')
    e0 = RNG.normal(size=5)
    J = np.array([fd(lambda e: softmax(e)[j], e0) for j in range(5)])
    al0 = softmax(e0)
    d.check(r'$$\frac{\partial\alpha_{ij}}{\partial e_{ik}}=\alpha_{ij}\,(\delta_{jk}', lambda: close(J, np.diag(al0) - np.outer(al0, al0)))
    d.check(r'*Dimostrazione.* Scriviamo $\log\alpha_{ij}', lambda: close(np.array([fd(lambda e: np.log(softmax(e))[j], e0) for j in range(5)]),
                                                                          np.eye(5) - al0[None, :]))
    d.given(r'**Proposizione 6.4.** Vale')
    Zr = RNG.normal(size=(5, 3)); gr = RNG.normal(size=3)
    gE = fd(lambda e: gr @ (softmax(e) @ Zr), e0)
    hr = al0 @ Zr
    d.check(r'$$\frac{\partial L}{\partial e_{ik}}=\alpha_{ik}\big(g^{\top}z_k-g^{\top}h_i', lambda: close(gE, al0 * (Zr @ gr - gr @ hr))
            and abs(gE.sum()) < 1e-8)
    d.check(r'*Dimostrazione.* Da $\partial L/\partial\alpha_{ij}=g^{\top}z_j$', lambda: close(fd(lambda a: gr @ (a @ Zr), al0), Zr @ gr))
    d.check(r'$$\frac{\partial L}{\partial e_{ik}}=\sum_{j}g^{\top}z_j\,\alpha_{ij}', lambda:
            close(sum((Zr @ gr)[j] * al0[j] * ((np.arange(5) == j) - al0) for j in range(5)), al0 * (Zr @ gr) - al0 * (al0 @ (Zr @ gr))))
    d.check(r"e l'ultima somma è proprio $g^{\top}h_i'$", lambda: abs(al0 @ (Zr @ gr) - gr @ hr) < 1e-12
            and abs((al0 * (Zr @ gr - gr @ hr)).sum()) < 1e-12)

    def cor():
        a1, a2 = RNG.normal(size=3), RNG.normal(size=3)
        s, e, al, h = gat_fwd(a1, a2, Zr)
        if (np.abs(s) < 1e-3).any():
            return False
        dE = al * (Zr @ gr - gr @ h)
        dS = np.where(s > 0, 1, 0.2) * dE
        gs = fd(lambda s_: gr @ (softmax(lrelu(s_)) @ Zr), s)
        ga1 = fd(lambda x: gr @ gat_fwd(x, a2, Zr)[3], a1)
        ga2 = fd(lambda x: gr @ gat_fwd(a1, x, Zr)[3], a2)
        return close(gs, dS) and close(ga1, dS.sum() * Zr[0]) and close(ga2, dS @ Zr)
    d.check(r'**Corollario 6.5.** Poiché $\mathrm{LReLU}_\beta', lambda: close(fd(lambda x: lrelu(x).sum(), np.array([0.7, -1.3, 2.0, -0.4])), [1, .2, 1, .2]))
    d.check(r'$$\frac{\partial L}{\partial s_{ik}}=\mathrm{LReLU}_\beta', cor)
    d.check(r'\frac{\partial L}{\partial\mathbf a_1}=\Big(\sum_{k}', cor)
    d.check(r'\frac{\partial L}{\partial\mathbf a_2}=\sum_{k}\frac{\partial L}{\partial s_{ik}}\,z_k', cor)
    d.given(r'**Esempio 6.6.** Sia $\mathcal N_1=\{1,2,3\}$')
    Z = np.array([[1, 1], [2, 0], [0, -2.]]); a1 = np.array([-.5, .25]); a2 = np.array([.5, -.5]); g = np.array([0, 1.])
    d.given(r'$$z_1=(1;\,1),\quad z_2=(2;\,0)')
    s, e, al, h = gat_fwd(a1, a2, Z)
    ex = np.exp(e)
    d.check(r'*Passo in avanti.*', lambda: rnd(a1 @ Z[0], '-0,25', exact=True) and rnd(s[1], '0,75', exact=True)
            and rnd(e[0], '-0,05', exact=True) and close(Z @ a2, [0, 1, 1]) and close(s, [-.25, .75, .75])
            and close(e, [-.05, .75, .75]) and rnd(np.exp(-.05), '0,95123') and rnd(np.exp(.75), '2,11700') and rnd(ex.sum(), '5,18523'))
    d.check(r'$$\alpha_{1\cdot}\approx(0{,}1834', lambda: rnd(al[0], '0,1834') and rnd(al[1], '0,4083') and rnd(al[2], '0,4083')
            and rnd(h[0], '1', exact=True) and rnd(h[1], '-0,6331'))
    d.check(r"La prima componente di $h_1'$ vale esattamente", lambda: abs(h[0] - (al[0] + 2 * al[1])) < 1e-12 and abs(al[0] + 2 * al[1] - 1) < 1e-12
            and abs(al[1] - al[2]) < 1e-15)
    L = lambda a1_, a2_: g @ gat_fwd(a1_, a2_, Z)[3]
    gE = fd(lambda e_: g @ (softmax(e_) @ Z), e)
    d.check(r"*Passo all'indietro.* $g^{\top}z_k=(1;\ 0;\ -2)$", lambda: close(Z @ g, [1, 0, -2]) and rnd(g @ h, '-0,6331'))
    d.check(r'$$\frac{\partial L}{\partial e_{1\cdot}}\approx(0{,}2996', lambda: rnd(gE[0], '0,2996') and rnd(gE[1], '0,2585') and rnd(gE[2], '-0,5581'))
    gS = fd(lambda s_: g @ (softmax(lrelu(s_)) @ Z), s)
    d.check('che in effetti somma a zero. Solo $s_{11}<0$', lambda: abs(gE.sum()) < 1e-8 and abs(0.2996 + 0.2585 - 0.5581) < 1e-12
            and list(np.nonzero(s < 0)[0]) == [0])
    d.check(r'$$\frac{\partial L}{\partial s_{1\cdot}}\approx(0{,}0599', lambda: rnd(gS[0], '0,0599') and rnd(gS[1], '0,2585') and rnd(gS[2], '-0,5581')
            and rnd(gS.sum(), '-0,2397'))
    ga1 = fd(lambda x: L(x, a2), a1); ga2 = fd(lambda x: L(a1, x), a2)
    d.check(r'$$\frac{\partial L}{\partial\mathbf a_1}\approx-0{,}2397', lambda: rnd(ga1[0], '-0,2397') and rnd(ga1[1], '-0,2397')
            and rnd(ga2[0], '0,5769') and rnd(ga2[1], '1,1761') and rnd(0.0599 + 2 * 0.2585, '0,5769', exact=True)
            and rnd(0.0599 + 2 * 0.5581, '1,1761', exact=True) and close(gS @ Z, ga2)
            and rnd(gS[0], '0,0599') and rnd(gS[1], '0,2585') and rnd(gS[2], '-0,5581'))
    d.check('**Osservazione.** Il nodo 1 (autoanello)', lambda: gE[0] > gE[1] and al[0] < al[1])

# ----------------------------------------------------------------------------
# 10  English exam model solution: GCN on a star graph
# ----------------------------------------------------------------------------
@register('10_gcn_star_exam_en.md')
def f10(d):
    A = np.zeros((4, 4)); A[0, 1:] = A[1:, 0] = 1
    At = A + np.eye(4); deg = A.sum(1); dt = At.sum(1); Ah = norm_adj(A)
    x = np.array([1, 2, 3, 4.]); W = np.array([.5, -1]); b = np.array([0, 2.])
    d.given(r'Star graph $S_4$')
    d.check(r'Degrees $d = (3, 1, 1, 1)$', lambda: list(deg) == [3, 1, 1, 1] and list(dt) == [4, 2, 2, 2])
    d.check(r'Entries $\hat A_{ij} = \tilde A_{ij}/\sqrt', lambda: close(Ah, At / np.sqrt(np.outer(dt, dt))))
    d.check(r'- $\hat A_{11} = 1/4 = 0.25$', lambda: rnd(Ah[0, 0], '0.25', exact=True))
    d.check(r'- $\hat A_{1j} = \hat A_{j1} = 1/\sqrt{8}', lambda: close(Ah[0, 1:], [8 ** -0.5] * 3, 1e-12) and close(Ah[1:, 0], [8 ** -0.5] * 3, 1e-12)
            and rnd(8 ** -0.5, '0.3536'))
    d.check(r'- $\hat A_{jj} = 1/2$ for $j = 2,3,4$', lambda: close(np.diag(Ah)[1:], [.5] * 3) and (Ah[1:, 1:] - np.diag(np.diag(Ah)[1:]) == 0).all())
    y = Ah @ x
    d.given(r'**(b) Aggregation $\hat A x$')
    d.check(r'$(\hat A x)_1 = \tfrac14 \cdot 1', lambda: close(y[0], .25 + 9 / np.sqrt(8)) and rnd(Ah[0, 0] * x[0], '0.25', exact=True) and rnd(9 / np.sqrt(8), '3.1820')
            and rnd(.25 + 3.1820, '3.4320', exact=True) and rnd(y[0], '3.4320'))
    for k, lab, (pa, pb) in ((1, r'$(\hat A x)_2 = \tfrac{1}{\sqrt8}', ('1', '1.3536')),
                             (2, r'$(\hat A x)_3 = \tfrac{1}{\sqrt8}', ('1.5', '1.8036')),
                             (3, r'$(\hat A x)_4 = \tfrac{1}{\sqrt8}', ('2', '2.3536'))):
        d.check(lab, (lambda k=k, pa=pa, pb=pb: close(y[k], 8 ** -0.5 + .5 * x[k]) and rnd(8 ** -0.5, '0.3536') and rnd(.5 * x[k], pa, exact=True)
                      and rnd(8 ** -0.5 + float(pa), pb) and rnd(y[k], pb)))
    d.check('(Common error: forgetting the self-loop', lambda: rnd((np.diag(deg ** -0.5) @ A @ np.diag(deg ** -0.5) @ x)[1], '0.5774')
            and close((np.diag(deg ** -0.5) @ A @ np.diag(deg ** -0.5) @ x)[1], x[0] / np.sqrt(3)))
    Z = np.outer(y, W) + b; H = np.maximum(Z, 0)
    d.check("Row $i$ of the pre-activation is", lambda: close(Z, np.outer(y, [0.5, -1]) + np.array([0, 2.])) and rnd(W[0], '0.5', exact=True))
    d.given('| node | pre-activation | $H_{i,:}$ |')
    for i in range(4):
        lab = '| %d | $(' % (i + 1)

        def rowck(i=i, lab=lab):
            ln = d.line(lab)
            cs = [c.strip() for c in ln.strip().strip('|').split('|')][1:]
            v = [[c2.strip() for c2 in re.sub(r'[$()]|\\ ', '', c).split(',')] for c in cs]
            return all(rnd(Z[i, j], v[0][j]) for j in range(2)) and all(rnd(H[i, j], v[1][j]) for j in range(2))
        d.check(lab, rowck)
    u = np.sqrt(dt)
    d.check(r'$u = \tilde D^{1/2}\mathbf 1 = (2, \sqrt2', lambda: close(u, [2] + [np.sqrt(2)] * 3) and close(Ah @ u, u)
            and close(.25 * 2 + 3 * 8 ** -0.5 * np.sqrt(2), 2) and rnd(.25 * 2, '0.5', exact=True) and rnd(3 * 8 ** -0.5 * np.sqrt(2), '1.5', exact=True)
            and close(8 ** -0.5 * 2 + .5 * np.sqrt(2), np.sqrt(2)))
    ev = np.sort(np.linalg.eigvalsh(Ah))
    d.check('Any vector supported on the leaves with zero sum', lambda: close(Ah @ [0, 1, -1, 0], [0, .5, -.5, 0]) and close(Ah @ [0, 1, 1, -2], [0, .5, .5, -1])
            and np.sum(np.abs(ev - .5) < 1e-9) == 2)
    d.check(r'The trace gives the last one', lambda: abs(np.trace(Ah) - 7 / 4) < 1e-12 and abs(ev[0] + .25) < 1e-12)
    lim = u * (u @ x) / (u @ u)
    d.check('Since all other eigenvalues have modulus', lambda: np.sort(np.abs(ev))[-2] <= .5 + 1e-12 and rnd(u @ u, '10', exact=True)
            and close(u @ x, 2 + 9 * np.sqrt(2)) and rnd(u @ x, '14.7279') and close(np.linalg.matrix_power(Ah, 80) @ x, lim))
    d.check(r'$$\hat A^k x \;\to\; 1.4728\,u', lambda: rnd((u @ x) / 10, '1.4728') and rnd(lim[0], '2.9456') and rnd(lim[1], '2.0828')
            and close(lim[1:], [lim[1]] * 3))
    d.check('i.e. the three leaves become indistinguishable, at rate $2^{-k}$', lambda: abs(np.sort(np.abs(ev))[-2] - 0.5) < 1e-12)

# ----------------------------------------------------------------------------
# 11  Polish exercise notes: GraphSAGE sum aggregator, backprop
# ----------------------------------------------------------------------------
@register('11_graphsage_suma_gradient_pl.md')
def f11(d):
    d.given(r'**Model.** Dla każdego wierzchołka $v$')
    d.given(r'$$z_v = W_s\,h_v + W_n\sum_{u\in N(v)} h_u')
    d.given(r"gdzie $W_s, W_n\in\mathbb R^{d'\times d}$")
    A, Hin, Ws, Wn, Gs = sage_setup(n=6, dd=3, dp=2)
    Zrows = np.array([Ws @ Hin[v] + Wn @ sum(Hin[u] for u in range(6) if A[v, u]) for v in range(6)])
    d.check(r'$$Z = H W_s^{\top} + A H W_n^{\top}.$$', lambda: close(Zrows, Hin @ Ws.T + A @ Hin @ Wn.T))
    d.given(r'Oznaczmy $\delta_v = \dfrac')
    sig, dsig = np.tanh, lambda z: 1 - np.tanh(z) ** 2
    fwd = lambda H_, Ws_, Wn_: H_ @ Ws_.T + A @ H_ @ Wn_.T
    Lf = lambda H_, Ws_, Wn_: np.sum(Gs * sig(fwd(H_, Ws_, Wn_)))
    Dl = Gs * dsig(fwd(Hin, Ws, Wn))
    d.check(r'**Gradienty po wagach.** $z_v$ zależy od $W_s$', lambda: close(fd(lambda w: fwd(Hin, w, Wn).sum(), Ws),
                                                                          np.tile(Hin.sum(0), (2, 1))))
    gWs = fd(lambda w: Lf(Hin, w, Wn), Ws); gWn = fd(lambda w: Lf(Hin, Ws, w), Wn)
    d.check(r'$$\frac{\partial L}{\partial W_s} = \sum_v \delta_v h_v^{\top} = \Delta^{\top} H',
            lambda: close(gWs, sum(np.outer(Dl[v], Hin[v]) for v in range(6))) and close(gWs, Dl.T @ Hin))
    d.check(r'\frac{\partial L}{\partial W_n} = \sum_v \delta_v\Big(\sum_{u\in N(v)} h_u\Big)',
            lambda: close(gWn, sum(np.outer(Dl[v], A[v] @ Hin) for v in range(6))) and close(gWn, Dl.T @ A @ Hin))
    d.check('**Gradient po cechach wejściowych.** Wektor $h_u$', lambda: close(A, A.T))
    gH = fd(lambda H_: Lf(H_, Ws, Wn), Hin)
    d.check(r'$$\frac{\partial L}{\partial h_u} = W_s^{\top}\delta_u + \sum_{v\in N(u)} W_n^{\top}\delta_u',
            lambda: all(close(gH[u], Ws.T @ Dl[u] + sum(Wn.T @ Dl[u] for v in range(6) if A[u, v])) for u in range(6)))
    Dg = np.diag(A.sum(1))
    d.check(r'Macierzowo: $\dfrac{\partial L}{\partial H} = \Delta W_s + D\,\Delta W_n$', lambda: close(gH, Dl @ Ws + Dg @ Dl @ Wn))
    # numeric example
    Ap = np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0.]])
    H3 = np.array([[1, 0], [0, 1], [1, 1.]]); ws = np.array([[1, -1.]]); wn = np.array([[.5, .5]]); y = np.array([1, 1, 0.])
    z = (H3 @ ws.T + Ap @ H3 @ wn.T).ravel()
    L = lambda H_, ws_, wn_: 0.5 * np.sum(((H_ @ ws_.T + Ap @ H_ @ wn_.T).ravel() - y) ** 2)
    d.given(r'Ścieżka $1-2-3$, $d=2$')
    d.given(r'$$h_1=(1,0),\quad h_2=(0,1),\quad h_3=(1,1)')
    d.given(r'strata $L=\tfrac12\sum_v (z_v-y_v)^2$')
    ex = lambda v, p: rnd(v, p, exact=True)
    d.check(r'- $z_1 = W_s h_1 + W_n h_2', lambda: ex(z[0], '1,5') and abs((ws @ H3[0])[0] - 1) < 1e-12 and ex((wn @ H3[1])[0], '0,5'))
    d.check(r'- $z_2 = W_s h_2 + W_n (h_1+h_3)', lambda: ex(z[1], '0,5') and close(H3[0] + H3[2], [2, 1]) and ex((wn @ [2, 1])[0], '1,5')
            and abs((ws @ H3[1])[0] + 1) < 1e-12)
    d.check(r'- $z_3 = W_s h_3 + W_n h_2', lambda: ex(z[2], '0,5') and abs((ws @ H3[2])[0]) < 1e-12 and ex((wn @ H3[1])[0], '0,5'))
    dl = z - y
    d.check(r'$L = \tfrac12\big(0{,}5^2', lambda: ex(L(H3, ws, wn), '0,375') and close(dl, [.5, -.5, .5]) and ex(abs(dl[0]), '0,5')
            and abs(.5 * 3 * .25 - .375) < 1e-12)
    d.check(r'$$\frac{\partial L}{\partial W_s} = 0{,}5\,(1,0)', lambda: close(fd(lambda w: L(H3, w, wn), ws), [[1, 0]])
            and close(dl[0] * H3[0] + dl[1] * H3[1] + dl[2] * H3[2], [1, 0]) and ex(dl[0], '0,5') and ex(dl[1], '-0,5'))
    d.check(r'$$\frac{\partial L}{\partial W_n} = \delta_1 h_2 + \delta_2 (h_1+h_3)', lambda: close(fd(lambda w: L(H3, ws, w), wn), [[-1, .5]])
            and close(dl[0] * H3[1] + dl[1] * (H3[0] + H3[2]) + dl[2] * H3[1], [-1, .5]) and ex(dl[0], '0,5') and ex(dl[1], '-0,5')
            and ex(fd(lambda w: L(H3, ws, w), wn)[0, 1], '0,5'))
    gH3 = fd(lambda H_: L(H_, ws, wn), H3)
    d.check('*Cechy (wierzchołek 2 ma dwóch sąsiadów', lambda: list(Ap.sum(1)) == [1, 2, 1])
    d.check(r'$$\frac{\partial L}{\partial h_2} = W_s^{\top}\delta_2 + 2\,W_n^{\top}\delta_2', lambda: close(gH3[1], [-1, 0]))
    d.check(r'$$\frac{\partial L}{\partial h_1} = W_s^{\top}\delta_1 + W_n^{\top}\delta_1', lambda: close(gH3[0], [.75, -.25]))

    def mean_agg():
        Dm = np.diag(1 / A.sum(1))
        f2 = lambda Wn_: np.sum(Gs * sig(Hin @ Ws.T + Dm @ A @ Hin @ Wn_.T))
        Dl2 = Gs * dsig(Hin @ Ws.T + Dm @ A @ Hin @ Wn.T)
        return close(fd(f2, Wn), Dl2.T @ Dm @ A @ Hin)
    d.check('**Uwaga (agregator średniej).**', mean_agg)

# ----------------------------------------------------------------------------
# 12  Korean blog: over-smoothing, eigenvalues and Dirichlet energy
# ----------------------------------------------------------------------------
@register('12_oversmoothing_dirichlet_ko.md')
def f12(d):
    A = np.zeros((4, 4))
    edges = [(0, 1), (0, 2), (1, 2), (2, 3)]
    for i, j in edges:
        A[i, j] = A[j, i] = 1
    At = A + np.eye(4); deg = A.sum(1); dt = At.sum(1); Ah = norm_adj(A)
    d.given('GCN 층을 여러 번 쌓으면')
    d.given(r'## 1. 그래프와 $\hat A$')
    d.given(r'삼각형 $\{1,2,3\}$ 에 노드 4가')
    d.check(r'- 차수: $d=(2,2,3,1)$', lambda: list(deg) == [2, 2, 3, 1] and list(dt) == [3, 3, 4, 2])
    d.check(r'- $\hat A_{ij}=\tilde A_{ij}/\sqrt', lambda: close(Ah, At / np.sqrt(np.outer(dt, dt))))
    r12, r8 = 1 / np.sqrt(12), 1 / np.sqrt(8)
    d.check(r'\hat A=\begin{pmatrix}', True)
    d.check(r'1/3 & 1/3 & 1/\sqrt{12} & 0', lambda: close(Ah[0], [1 / 3, 1 / 3, r12, 0], 1e-12), occ=0)
    d.check(r'1/3 & 1/3 & 1/\sqrt{12} & 0', lambda: close(Ah[1], [1 / 3, 1 / 3, r12, 0], 1e-12), occ=1)
    d.check(r'1/\sqrt{12} & 1/\sqrt{12} & 1/4 & 1/\sqrt8', lambda: close(Ah[2], [r12, r12, .25, r8], 1e-12))
    d.check(r'0 & 0 & 1/\sqrt8 & 1/2', lambda: close(Ah[3], [0, 0, r8, .5], 1e-12))
    d.check('1행과 2행이 완전히 같다는 점에', lambda: close(Ah[0], Ah[1]) and list(np.nonzero(At[0])[0]) == list(np.nonzero(At[1])[0]) == [0, 1, 2])
    ev = np.sort(np.linalg.eigvalsh(Ah))
    d.check(r'- $(1,-1,0,0)^\top$ 은 $\hat A$ 에 곱하면', lambda: close(Ah @ [1, -1, 0, 0], np.zeros(4)))
    u = np.sqrt(dt)
    d.check(r'- $u=\tilde D^{1/2}\mathbf 1=(\sqrt3,\sqrt3,2,\sqrt2)', lambda: close(u, [np.sqrt(3), np.sqrt(3), 2, np.sqrt(2)]) and close(Ah @ u, u))
    others = [l for l in ev if abs(l) > 1e-9 and abs(l - 1) > 1e-9]
    d.check(r'- 나머지 두 개는 합이', lambda: abs(np.trace(Ah) - 17 / 12) < 1e-12 and len(others) == 2 and abs(sum(others) - 5 / 12) < 1e-12
            and abs(others[0] * others[1] + 1 / 12) < 1e-12 and all(abs(l * l - 5 / 12 * l - 1 / 12) < 1e-12 for l in others))
    lp, lm = (5 + np.sqrt(73)) / 24, (5 - np.sqrt(73)) / 24
    d.check(r'$$\lambda_\pm=\frac{5\pm\sqrt{73}}{24}', lambda: close(sorted(others), [lm, lp]) and rnd(lp, '0.5643') and rnd(lm, '-0.1477'))
    mu = np.sort(np.abs(ev))[-2]
    d.check('따라서 $1$ 을 제외한 고유값의 절댓값 최대는', lambda: abs(mu - lp) < 1e-12 and rnd(mu, '0.5643') and rnd(mu ** 2, '0.3185'))
    E = lambda x: x @ (np.eye(4) - Ah) @ x
    Ee = lambda x: sum((x[i] / np.sqrt(dt[i]) - x[j] / np.sqrt(dt[j])) ** 2 for i, j in edges)
    d.check(r'$$E(x)=x^\top(I-\hat A)\,x=\sum_{\{i,j\}\in E}', lambda: all(abs(E(x) - Ee(x)) < 1e-12 for x in RNG.normal(size=(5, 4))))

    def selfloop():
        # general identity with the self-loop terms (i=j) contributing zero
        for m in (5, 8):
            B = sym_adj(m); Bt = B + np.eye(m); dd = Bt.sum(1); x = RNG.normal(size=m)
            full = 0.5 * sum(Bt[i, j] * (x[i] / np.sqrt(dd[i]) - x[j] / np.sqrt(dd[j])) ** 2 for i in range(m) for j in range(m))
            if abs(full - x @ (np.eye(m) - norm_adj(B)) @ x) > 1e-10:
                return False
        return True
    d.check('로 정의합니다(자기 루프 항은 0이라', selfloop)

    def specbound():
        w, V = np.linalg.eigh(Ah)
        for x in RNG.normal(size=(5, 4)):
            c = V.T @ x
            if abs(E(Ah @ x) - np.sum(w ** 2 * (1 - w) * c ** 2)) > 1e-10 or E(Ah @ x) > mu ** 2 * E(x) + 1e-12:
                return False
            for k in range(1, 6):
                if E(np.linalg.matrix_power(Ah, k) @ x) > mu ** (2 * k) * E(x) + 1e-12:
                    return False
        return True
    d.check('고유분해 $x=\\sum_i c_iv_i$ 를 쓰면', specbound)
    x = np.array([1, 0, 0, -1.])
    P = lambda k: np.linalg.matrix_power(Ah, k) @ x
    d.given(r'$x=(1,0,0,-1)^\top$ 로 시작합니다')
    terms = [(x[i] / np.sqrt(dt[i]) - x[j] / np.sqrt(dt[j])) ** 2 for i, j in edges]
    d.check(r'- $E(x)=\tfrac13+\tfrac13+0+\tfrac12', lambda: close(terms, [1 / 3, 1 / 3, 0, .5]) and abs(E(x) - 7 / 6) < 1e-12 and rnd(E(x), '1.1667'))
    d.check(r'- $\hat Ax=\big(\tfrac13', lambda: close(P(1), [1 / 3, 1 / 3, r12 - r8, -.5]) and rnd(P(1)[3], '-0.5', exact=True) and rnd(P(1)[2], '-0.0649') and rnd(P(1)[0], '0.3333')
            and rnd(E(P(1)), '0.2043'))
    d.check(r'- $E(\hat A^2x)\approx0.0649$', lambda: rnd(E(P(2)), '0.0649') and rnd(E(P(5)), '0.0021'))
    d.check('한 층마다 에너지 비율은', lambda: rnd(E(P(1)), '0.2043') and rnd(E(x), '1.1667') and rnd(E(P(2)), '0.0649')
            and rnd(mu ** 2, '0.3185') and rnd(E(P(5)), '0.0021') and rnd(E(P(1)) / E(x), '0.175') and rnd(0.2043 / 1.1667, '0.175') and rnd(E(P(2)) / E(P(1)), '0.318')
            and rnd(0.0649 / 0.2043, '0.318') and E(P(1)) / E(x) <= mu ** 2 and E(P(2)) / E(P(1)) <= mu ** 2
            and rnd(mu ** 10 * E(x), '0.0038') and E(P(5)) < mu ** 10 * E(x))
    d.check(r'- $\lambda=0$ 방향(노드 1과 2의 차이)은', lambda: all(abs((Ah @ y)[0] - (Ah @ y)[1]) < 1e-12 for y in RNG.normal(size=(5, 4))))

    def rest():
        Lim = u * (u @ x) / (u @ u)
        return close(np.linalg.matrix_power(Ah, 200) @ x, Lim) and all(
            np.linalg.norm(P(k) - Lim) <= mu ** k * np.linalg.norm(x - Lim) + 1e-12 for k in range(1, 8))
    d.check(r'- 나머지 성분도 $\mu^k$ 속도로 줄어서', rest)

# ----------------------------------------------------------------------------
# 13  Dutch tutorial solution: MPNN parameter and FLOP counts
# ----------------------------------------------------------------------------
@register('13_mpnn_kosten_nl.md', thousands='.')
def f13(d):
    dd, de, N, E = 64, 8, 1000, 5000
    Ed = 2 * E
    ex = lambda v, p: rnd(v, p, exact=True)
    Wm, bm = np.zeros((dd, 2 * dd + de)), np.zeros(dd)
    Wu, bu = np.zeros((dd, 2 * dd)), np.zeros(dd)
    d.given(r'**Gegeven.** Een message-passing-laag')
    d.given(r'm_{ij} &= \mathrm{ReLU}\big(W_m')
    d.given(r'm_i &= \textstyle\sum')
    d.given(r"h_i' &= \mathrm{ReLU}\big(W_u")
    d.check(r'Getallen: $d=64$, $d_e=8$', lambda: ex(Ed, '10000') and ex(N, '1000') and ex(E, '5000') and ex(dd, '64'))
    d.given('Conventie: een vermenigvuldig-en-optel telt als 2 FLOPs')
    pm = Wm.size + bm.size; pu = Wu.size + bu.size
    d.check(r'- $W_m$ heeft $64\times(64+8)=4608$', lambda: ex(Wm.size, '4608') and ex(pm, '4672'))
    d.check(r'- $W_u$ heeft $64\times 128=8192$', lambda: ex(Wu.shape[0], '64') and ex(bu.size, '64') and ex(Wu.shape[1], '128') and ex(Wu.size, '8192') and bu.size == 64 and ex(pu, '8256'))
    d.check(r'- Per laag: $4672+8256=12.928$', lambda: ex(pm, '4672') and ex(pu, '8256') and ex(pm + pu, '12928') and ex(3 * (pm + pu), '38784'))
    d.check(r'Merk op dat het aantal parameters niet afhangt van $N$', lambda: all(
        (np.zeros((dd, 2 * dd + de)).size + dd + np.zeros((dd, 2 * dd)).size + dd) == pm + pu for _n in (10, 1000)))
    flop_msg = Ed * dense_flops((dd, 2 * dd + de), (2 * dd + de, 1))
    d.check('1. *Berichten.* Voor elk van de $2|E|$ berichten', lambda: Wm.shape == (64, 136) and ex(2 * dd + de, '136'))
    d.check(r'$$2\cdot 2|E|\cdot d\,(2d+d_e)=2\cdot 10.000\cdot 64\cdot 136=174.080.000', lambda: ex(flop_msg, '174080000')
            and ex(Ed, '10000') and ex(2 * dd + de, '136') and ex(dd, '64'))
    flop_agg = Ed * dd
    d.check('2. *Aggregatie.* Elke binnenkomende', lambda: ex(flop_agg, '640000'))
    flop_upd = N * dense_flops(Wu.shape, (2 * dd, 1))
    d.check('3. *Update.* Per knoop een product met $W_u$', lambda: Wu.shape == (64, 128) and ex(Wu.shape[1], '128') and ex(N, '1000')
            and ex(Wu.shape[0], '64')
            and ex(flop_upd, '16384000'))
    tot = flop_msg + flop_agg + flop_upd
    d.check('Totaal: $174.080.000+640.000+16.384.000', lambda: ex(flop_msg, '174080000') and ex(flop_agg, '640000')
            and ex(flop_upd, '16384000') and ex(tot, '191104000') and flop_msg / tot > 0.9 and ex(90, '90'))
    d.given(r'## c) Goedkoper: $W_m$ opsplitsen')
    d.given(r'Schrijf $W_m=[\,W_a\ W_b\ W_c\,]$')

    def split():
        W = RNG.normal(size=(5, 2 * 5 + 3)); hi, hj, e = RNG.normal(size=5), RNG.normal(size=5), RNG.normal(size=3)
        return close(W @ np.concatenate([hi, hj, e]), W[:, :5] @ hi + W[:, 5:10] @ hj + W[:, 10:] @ e)
    d.check(r'$$W_m[h_i\|h_j\|e_{ij}]=W_ah_i+W_bh_j+W_ce_{ij}', split)
    d.check(r'en kunnen $W_ah_i$ en $W_bh_j$ **per knoop**', split)
    pre = 2 * N * dense_flops((dd, dd), (dd, 1))
    d.check('- voorberekening: $2\\cdot 2\\cdot N\\cdot d^2', lambda: ex(pre, '16384000') and ex(dd ** 2, '4096') and ex(N, '1000'))
    ec = Ed * dense_flops((dd, de), (de, 1))
    d.check(r'- per bericht $W_ce_{ij}$', lambda: ex(ec, '10240000') and ex(Ed, '10000') and ex(dd, '64'))
    add = Ed * 2 * dd
    d.check('- per bericht twee vectoroptellingen', lambda: ex(add, '1280000'))

    def same():
        n, m = 6, 3
        A = sym_adj(n); H = RNG.normal(size=(n, 4)); W = RNG.normal(size=(4, 2 * 4 + m)); b = RNG.normal(size=4)
        Ee = {(i, j): RNG.normal(size=m) for i in range(n) for j in range(n) if A[i, j]}
        P, Q = H @ W[:, :4].T, H @ W[:, 4:8].T
        return all(close(W @ np.concatenate([H[i], H[j], e]) + b, P[i] + Q[j] + W[:, 8:] @ e + b) for (i, j), e in Ee.items())
    d.check('Samen $27.904.000$ FLOPs voor de berichten', lambda: ex(pre + ec + add, '27904000') and ex(flop_msg, '174080000')
            and rnd(flop_msg / (pre + ec + add), '6,2') and same())


# ----------------------------------------------------------------------------
# 14  English SE answer: readout gradients incl. attention readout
# ----------------------------------------------------------------------------
def att_readout(Hm, w):
    al = softmax(Hm @ w)
    return al @ Hm


@register('14_readout_gradient_se_answer_en.md')
def f14(d):
    h = np.array([[1.], [2.], [4.]]); w1 = np.array([1.])
    gatt = fd(lambda H_: att_readout(H_, w1)[0], h).ravel()
    gmean = fd(lambda H_: readout(H_, 'mean')[0], h).ravel()
    gmax = fd(lambda H_: readout(H_, 'max')[0], h).ravel()
    gsum = fd(lambda H_: readout(H_, 'sum')[0], h).ravel()
    d.check('**Short answer:** sum pooling copies', lambda: close(gsum, [1, 1, 1]) and close(gmean, [1 / 3] * 3) and close(gmax, [0, 0, 1])
            and (gatt < 0).any())
    d.given('**Longer answer.** Stack the node embeddings')
    Hm = RNG.normal(size=(5, 3)); g = RNG.normal(size=3); n = 5
    one = np.ones(n)
    d.check(r'* Sum, $h_G=H^\top\mathbf 1_n$', lambda: close(Hm.T @ one, readout(Hm, 'sum')) and close(readout_grad_fd(Hm, g, 'sum'), np.outer(one, g)))
    d.check(r'* Mean, $h_G=\tfrac1n H^\top\mathbf 1_n$', lambda: close(readout_grad_fd(Hm, g, 'mean'), np.outer(one, g) / n))
    d.check(r'* Max, $(h_G)_k=\max_v H_{vk}$', lambda: close(readout_grad_fd(Hm, g, 'max'),
                                                          np.array([[g[k] * (v == Hm[:, k].argmax()) for k in range(3)] for v in range(n)])))
    d.check('For mean and max the gradient is a *partition*', lambda: close(one @ readout_grad_fd(Hm, g, 'mean'), g)
            and close(one @ readout_grad_fd(Hm, g, 'max'), g) and close(one @ readout_grad_fd(Hm, g, 'sum'), n * g))
    d.given(r'Now the attention ("soft") readout')
    d.given(r'$$s_v=w^\top h_v,\qquad \alpha=\operatorname{softmax}(s)')
    w = RNG.normal(size=3)
    s0 = Hm @ w; al = softmax(s0); hG = al @ Hm
    d.check(r'Using $\partial\alpha_u/\partial s_v=\alpha_u(\delta_{uv}-\alpha_v)$', lambda:
            close(np.array([fd(lambda s: softmax(s)[u], s0) for u in range(n)]), np.diag(al) - np.outer(al, al))
            and close(fd(lambda x: w @ x, Hm[2]), w))

    def jac_v(v):
        return np.array([fd(lambda x: att_readout(np.vstack([Hm[:v], x, Hm[v + 1:]]), w)[k], Hm[v]) for k in range(3)])
    d.check(r'$$\frac{\partial h_G}{\partial h_v}=\alpha_v I_F+\sum_u h_u', lambda: all(
        close(jac_v(v), al[v] * np.eye(3) + sum(np.outer(Hm[u], w) * al[u] * ((u == v) - al[v]) for u in range(n)))
        and close(jac_v(v), al[v] * np.eye(3) + al[v] * np.outer(Hm[v] - hG, w)) for v in range(n)))
    gH = fd(lambda H_: g @ att_readout(H_, w), Hm)
    d.check(r'$$\nabla_{h_v}L=\Big(\frac{\partial h_G}{\partial h_v}\Big)^{\!\top}g', lambda: all(
        close(gH[v], jac_v(v).T @ g) and close(gH[v], al[v] * g + al[v] * (g @ (Hm[v] - hG)) * w) for v in range(n)))

    def second_term():
        # nodes with g^T(h_v - h_G) < 0 get a contribution of -|.| along w through their score
        return all(np.sign((al[v] * (g @ (Hm[v] - hG)) * w) @ w) == np.sign(g @ (Hm[v] - hG)) for v in range(n))
    d.check('The second term is what makes it different from a weighted mean', second_term)
    d.given(r'**Sanity check** with $n=3$, $F=1$')
    ex = np.exp(h.ravel())
    d.num(r'- $e^{1}\approx 2.7183$', [('2.7183', ex[0]), ('7.3891', ex[1]), ('54.5982', ex[2]), ('64.7055', ex.sum())])
    a3 = ex / ex.sum(); hg3 = a3 @ h.ravel()
    d.num(r'- $\alpha\approx(0.0420', [('0.0420', a3[0]), ('0.1142', a3[1]), ('0.8438', a3[2]), ('3.6456', hg3)])
    d.check(r'- $\nabla_{h_v}L=\alpha_v\,(1+h_v-h_G)', lambda: close(gatt, a3 * (1 + h.ravel() - hg3)) and rnd(gatt[0], '-0.0691')
            and rnd(gatt[1], '-0.0737') and rnd(gatt[2], '1.1429'))

    def compare():
        fd4 = (att_readout(h + 1e-4 * np.array([[0], [0], [1.]]), w1)[0] - att_readout(h - 1e-4 * np.array([[0], [0], [1.]]), w1)[0]) / 2e-4
        return (close(gmean, [1 / 3] * 3) and rnd(1 / 3, '0.3333') and close(gmax, [0, 0, 1]) and abs(gatt.sum() - 1) < 1e-6
                and abs(a3 @ (h.ravel() - hg3)) < 1e-12 and rnd(fd4, '1.1429'))
    d.check('Compare: mean gives $(0.3333', compare)

# ----------------------------------------------------------------------------
# 15  Vietnamese lecture: backprop through a two-layer GCN
# ----------------------------------------------------------------------------
@register('15_gcn_hai_lop_lan_truyen_nguoc_vi.md')
def f15(d):
    sig, dsig = np.tanh, lambda z: 1 - np.tanh(z) ** 2
    n, F, K, C = 6, 3, 4, 2
    A = conn_adj(n); Ah = norm_adj(A)
    X = RNG.normal(size=(n, F)); W1 = RNG.normal(size=(F, K)); W2 = RNG.normal(size=(K, C)); Gz = RNG.normal(size=(n, C))
    L = lambda X_, W1_, W2_: np.sum(Gz * (Ah @ sig(Ah @ X_ @ W1_) @ W2_))
    P1 = Ah @ X @ W1; H = sig(P1)
    d.given(r'Cho $\hat A=\tilde D^{-1/2}(A+I)\tilde D^{-1/2}')
    d.given(r'$$P_1=\hat AXW_1,\qquad H=\sigma(P_1)')
    d.given(r'Ký hiệu $G=\partial L/\partial Z')
    d.given(r'**Bước 1 (lớp 2, theo $W_2$).**')
    d.check(r'$$\frac{\partial L}{\partial W_2}=(\hat AH)^{\top}G', lambda: close(fd(lambda w: L(X, W1, w), W2), (Ah @ H).T @ Gz)
            and ((Ah @ H).T @ Gz).shape == (K, C))
    d.given(r'**Bước 2 (lớp 2, theo $H$).**')
    gH = fd(lambda H_: np.sum(Gz * (Ah @ H_ @ W2)), H)
    d.check(r'$$\frac{\partial L}{\partial H}=G\,W_2^{\top}', lambda: close(gH, Gz @ W2.T) and (Gz @ W2.T).shape == (n, K))
    gP = fd(lambda P_: np.sum(Gz * (Ah @ sig(P_) @ W2)), P1)
    d.check(r'**Bước 3 (qua hàm kích hoạt).**', lambda: close(gP, gH * dsig(P1)))
    gW1 = fd(lambda w: L(X, w, W2), W1)
    d.check(r'**Bước 4 (lớp 1, theo $W_1$).**', lambda: close(gW1, (Ah @ X).T @ gP) and gW1.shape == (F, K))
    d.check(r'$$\boxed{\frac{\partial L}{\partial W_1}=(\hat AX)^{\top}\Big[', lambda: close(gW1, (Ah @ X).T @ ((Gz @ W2.T) * dsig(P1))))
    d.check(r'*Kiểm tra kích thước:*', lambda: (Ah @ X).T.shape == (F, n) and ((Gz @ W2.T) * dsig(P1)).shape == (n, K)
            and ((Ah @ X).T @ ((Gz @ W2.T) * dsig(P1))).shape == W1.shape)
    # numeric example
    Ap = np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0.]]); Ahp = norm_adj(Ap)
    x = np.array([[1.], [1.], [-1.]]); w1 = np.array([[1., -1.]]); w2 = np.array([[1.], [2.]]); g = np.array([[1.], [0.], [0.]])
    relu = lambda z: np.maximum(z, 0)
    Lp = lambda x_, w1_, w2_: np.sum(g * (Ahp @ relu(Ahp @ x_ @ w1_) @ w2_))
    p1 = Ahp @ x @ w1; hh = relu(p1)
    d.check(r'Đồ thị đường $1-2-3$, $\tilde d=(2,3,2)$', lambda: list(Ap.sum(1) + 1) == [2, 3, 2] and Ahp[0, 0] == Ahp[2, 2]
            and rnd(Ahp[0, 0], '0,5', exact=True)
            and abs(Ahp[1, 1] - 1 / 3) < 1e-12 and abs(Ahp[0, 1] - 1 / np.sqrt(6)) < 1e-12 and abs(Ahp[1, 2] - 1 / np.sqrt(6)) < 1e-12
            and rnd(1 / np.sqrt(6), '0,4082'))
    d.given(r'$$X=(1,\ 1,\ -1)^{\top},\qquad W_1=(1,\ -1)')
    d.check('(chỉ nút 1 có sai số ở đầu ra)', lambda: list(np.nonzero(g.ravel())[0]) == [0])
    ax = (Ahp @ x).ravel()
    d.check(r'*Lan truyền xuôi.* $\hat AX\approx', lambda: rnd(ax[0], '0,9082') and rnd(ax[1], '0,3333') and rnd(ax[2], '-0,0918'))
    lp = d.line(r'$$P_1\approx\begin{pmatrix}0{,}9082')
    d.check(r'$$P_1\approx\begin{pmatrix}0{,}9082', lambda: all(rnd(v, c) for v, c in zip(p1.ravel(), pmats_str(lp)[0]))
            and all(rnd(v, c) for v, c in zip(hh.ravel(), pmats_str(lp)[1])))
    gw2 = fd(lambda w: Lp(x, w1, w), w2).ravel()
    d.check(r'*Bước 1.* $\partial L/\partial W_2=(\hat AH)^{\top}G=$', lambda: close(gw2, (Ahp @ hh)[0]) and rnd(gw2[0], '0,5902')
            and rnd(Ahp[0, 0], '0,5', exact=True) and rnd(hh[0, 0], '0,9082') and rnd(Ahp[0, 1], '0,4082') and rnd(hh[1, 0], '0,3333')
            and rnd(0.5 * 0.9082 + 0.4082 * 0.3333, '0,5902') and abs(gw2[1]) < 1e-9)
    ghh = fd(lambda H_: np.sum(g * (Ahp @ H_ @ w2)), hh)
    d.check(r'*Bước 2.* $\partial L/\partial H=GW_2^{\top}=', lambda: close(ghh, pmats(d.line(r'*Bước 2.* $\partial L/\partial H=GW_2^{\top}='))[0])
            and (np.abs(ghh).sum(1) > 0).sum() == 1)
    mask = (p1 > 0).astype(float)
    gp1 = fd(lambda P_: np.sum(g * (Ahp @ relu(P_) @ w2)), p1)
    l34 = d.line(r'*Bước 3–4.* Mặt nạ')
    d.check(r'*Bước 3–4.* Mặt nạ', lambda: close(pmats(l34)[0], mask) and close(pmats(l34)[1], gp1))
    gw1 = fd(lambda w: Lp(x, w, w2), w1).ravel()
    d.check(r'$$\frac{\partial L}{\partial W_1}=(\hat AX)^{\top}\frac{\partial L}{\partial P_1}\approx', lambda: rnd(gw1[0], '0,9082') and abs(gw1[1]) < 1e-9)
    d.check('**Nhận xét.** Cột thứ hai của', lambda: abs(gw1[1]) < 1e-9 and list(np.nonzero(p1[:, 1] > 0)[0]) == [2]
            and np.allclose(ghh[2], 0))

# ----------------------------------------------------------------------------
# 16  Turkish lecture note: the 4-cycle, normalization and eigenvalues
# ----------------------------------------------------------------------------
@register('16_dongu_grafi_ozdegerler_tr.md')
def f16(d):
    A = np.zeros((4, 4))
    for i, j in [(0, 1), (1, 2), (2, 3), (3, 0)]:
        A[i, j] = A[j, i] = 1
    At = A + np.eye(4); deg = A.sum(1); dt = At.sum(1); Ah = norm_adj(A)
    d.given(r'**Örnek 5.2.** $C_4$ döngü çizgesini')
    d.check(r'*Dereceler.* Her düğümün tam iki komşusu var', lambda: (deg == 2).all() and deg.sum() == 8 == 2 * 4 and A.sum() / 2 == 4
            and (dt == 3).all())
    d.check(r'*Normalize komşuluk.* Tüm dereceler eşit', lambda: close(np.sqrt(np.outer(dt, dt)), 3 * np.ones((4, 4))))
    lm = d.line(r'$$\hat A=\tilde D^{-1/2}(A+I)\tilde D^{-1/2}=\tfrac13(A+I)')
    d.check(r'$$\hat A=\tilde D^{-1/2}(A+I)\tilde D^{-1/2}=\tfrac13(A+I)', lambda: close(Ah, At / 3) and close(pmats(lm)[0], At))

    def regular():
        ok = close(Ah, At / dt[:, None]) and close(Ah.sum(1), np.ones(4))
        # any regular graph: the cycle C_n, n = 5..8, and the complete graph K_5
        Gs = []
        for m in range(5, 9):
            C = np.zeros((m, m))
            for i in range(m):
                C[i, (i + 1) % m] = C[(i + 1) % m, i] = 1
            Gs.append(C)
        Gs.append(np.ones((5, 5)) - np.eye(5))
        for C in Gs:
            Ct = C + np.eye(len(C))
            ok = ok and close(norm_adj(C), Ct / Ct.sum(1)[:, None]) and close(norm_adj(C).sum(1), np.ones(len(C)))
        return ok
    d.check(r'Düzenli (regular) çizgede $\hat A=\tilde D^{-1}\tilde A$', regular)

    def cyc_eigs():
        ok = True
        for m in range(3, 9):
            C = np.zeros((m, m))
            for i in range(m):
                C[i, (i + 1) % m] = C[(i + 1) % m, i] = 1
            ok = ok and close(np.sort(np.linalg.eigvalsh(C)), np.sort(2 * np.cos(2 * np.pi * np.arange(m) / m)))
        vals = 2 * np.cos(2 * np.pi * np.arange(4) / 4)
        ok = ok and close(vals, [2, 0, -2, 0])
        ok = ok and close(np.sort(np.linalg.eigvalsh(Ah)), np.sort((np.linalg.eigvalsh(A) + 1) / 3))
        return ok
    d.check(r"*Özdeğerler.* $C_n$ için $A$'nın özdeğerleri", cyc_eigs)
    d.check(r'$$\lambda(\hat A)\in\Big\{1', lambda: close(np.sort(np.linalg.eigvalsh(Ah)), np.sort([1, 1 / 3, -1 / 3, 1 / 3])))
    d.check(r'Özvektörler: $(1,1,1,1)$ için $1$', lambda: close(Ah @ np.ones(4), np.ones(4)) and close(Ah @ [1, -1, 1, -1], -np.array([1, -1, 1, -1]) / 3)
            and abs((-2 + 1) / 3 + 1 / 3) < 1e-12 and close(Ah @ [1, 0, -1, 0], np.array([1, 0, -1, 0]) / 3)
            and close(Ah @ [0, 1, 0, -1], np.array([0, 1, 0, -1]) / 3) and close(A @ [1, -1, 1, -1], -2 * np.array([1, -1, 1, -1])))
    d.check(r'Kontrol: $\operatorname{tr}\hat A=4\cdot\tfrac13', lambda: abs(np.trace(Ah) - 4 / 3) < 1e-12 and abs(1 + 1 / 3 - 1 / 3 + 1 / 3 - 4 / 3) < 1e-12)
    u = np.sqrt(dt)
    d.check(r'*Aşırı düzleşme (over-smoothing).* Burada $u=', lambda: close(u, np.sqrt(3) * np.ones(4)) and close(Ah @ u, u))
    d.check(r'$$\hat A^k x\ \longrightarrow\ \bar x\,\mathbf 1', lambda: all(close(np.linalg.matrix_power(Ah, 100) @ x, x.mean() * np.ones(4))
                                                                      for x in RNG.normal(size=(4, 4))))

    def shrink():
        for x in RNG.normal(size=(5, 4)):
            r = x - x.mean()
            y = Ah @ x
            if abs(np.linalg.norm(y - y.mean()) - np.linalg.norm(r) / 3) > 1e-12 or abs(y.mean() - x.mean()) > 1e-12:
                return False
        ev = np.sort(np.abs(np.linalg.eigvalsh(Ah)))
        return close(ev[:3], [1 / 3] * 3)
    d.check(r've $x-\bar x\mathbf 1$ bileşeni her adımda tam', shrink)
    x = np.array([3., 0, 0, 0])
    d.check(r'Sayısal olarak $x=(3,0,0,0)^\top$ alalım', lambda: rnd(x.mean(), '0,75', exact=True))
    y1 = Ah @ x; y2 = Ah @ y1
    d.check(r'- $\hat Ax=\tfrac13(3,3,0,3)', lambda: close(y1, np.array([3, 3, 0, 3]) / 3) and close(y1, [1, 1, 0, 1]))
    d.check(r'- $\hat A^2x=\tfrac13(1+1+1', lambda: close(y2, np.array([1 + 1 + 1, 1 + 1 + 0, 1 + 0 + 1, 1 + 0 + 1]) / 3) and rnd(y2[1], '0,6667')
            and abs(y2[0] - 1) < 1e-12 and close(y2[1:], [y2[1]] * 3))
    d.check('- Toplam korunur:', lambda: abs(y1.sum() - 3) < 1e-12 and abs(y2.sum() - 3) < 1e-12 and abs(1 + 3 * 2 / 3 - 3) < 1e-12)
    n0 = np.linalg.norm(x - 0.75); n2 = np.linalg.norm(y2 - 0.75)
    d.check('- Sapma normları:', lambda: rnd((x - 0.75)[0], '2,25', exact=True) and rnd(-(x - 0.75)[1], '0,75', exact=True)
            and rnd(n0 ** 2, '6,75', exact=True) and rnd((y2 - 0.75)[0], '0,25', exact=True)
            and rnd(-1 / (y2 - 0.75)[1], '12', exact=True) and rnd(1 / n2 ** 2, '12', exact=True)
            and abs(n0 - np.sqrt(2.25 ** 2 + 3 * 0.75 ** 2)) < 1e-12 and abs(n0 ** 2 - 6.75) < 1e-12 and rnd(n0, '2,5981')
            and abs(n2 - np.sqrt(0.25 ** 2 + 3 / 144)) < 1e-12 and abs(n2 ** 2 - 1 / 12) < 1e-12 and rnd(n2, '0,2887')
            and rnd(n2 / n0, '0,1111') and abs(n2 / n0 - 1 / 9) < 1e-12)

    def note():
        Dm = np.diag(deg ** -0.5); M = Dm @ A @ Dm
        e = np.array([1., 0, 0, 0])
        odd = [np.linalg.matrix_power(M, k) @ e for k in (1, 3, 5, 7)]
        even = [np.linalg.matrix_power(M, k) @ e for k in (2, 4, 6, 8)]
        return (close(M, A / 2) and rnd(M[0, 1], '0,5', exact=True) and close(np.sort(np.linalg.eigvalsh(M)), [-1, 0, 0, 1])
                and all(close(v, [0, .5, 0, .5]) for v in odd) and all(close(v, [.5, 0, .5, 0]) for v in even)
                and np.linalg.eigvalsh(Ah).min() > -1)
    d.check('**Not (öz-döngü neden gerekli?).**', note)

# ----------------------------------------------------------------------------
def main():
    with open(os.path.join(HERE, 'expected.json'), encoding='utf-8') as fh:
        expected = json.load(fh)
    files = sorted(f for f in os.listdir(HERE) if re.match(r'\d\d_.*\.md$', f))
    bad = 0
    if sorted(expected) != files:
        print('expected.json keys do not match the files'); bad += 1
    for f in files:
        d = Doc(f, **FILEOPTS.get(f, {}))
        if f not in CHECKS:
            print('%-45s MISMATCH (no checks)' % f); bad += 1; continue
        CHECKS[f](d)
        got = d.first_wrong()
        exp = expected.get(f)
        ok = (got == exp) and not d.errors
        print('%-45s %s  first wrong line: %s (expected %s)%s' % (
            f, 'OK' if ok else 'MISMATCH', got, exp, '' if not d.errors else '  ERRORS: ' + '; '.join(d.errors)))
        if os.environ.get('VERBOSE'):
            print('    failing lines:', sorted(k for k, v in d.res.items() if not v))
        bad += (not ok)
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
