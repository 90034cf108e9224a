#!/usr/bin/env python3
"""Independent NumPy check of corpus71 (embeddings, metric learning, graph networks).

For every file an ordered list of checks (unique substring of one line -> predicate).
Every line that contains mathematics must be covered by a check.  Givens and
definitions are GIVEN; symbolic derivative claims are tested with central finite
differences at random points; worked numbers are recomputed and compared to their
printed precision (against the exact value, or the value recomputed from the
rounded numbers the author carried); sizes and parameter counts are recomputed by
building arrays.  The first line whose predicate is False must equal expected.json.
"""
import json, math, os, re, sys
import numpy as np

VERBOSE = '-v' in sys.argv
D = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(71)

# ------------------------------------------------------------------ helpers
def GIVEN():
    return True

def _num(s):
    s = s.strip().replace('−', '-').replace(',', '.')
    m = re.fullmatch(r'[+-]?(\d+)(?:\.(\d+))?', s)
    assert m, f'bad number {s!r}'
    d = len(m.group(2) or '')
    return float(s), 0.5 * 10.0 ** (-d) * (1 + 1e-9) + 1e-15

def C(shown, *cands):
    """shown agrees to its printed precision with at least one candidate value."""
    v, t = _num(shown)
    return any(abs(v - float(c)) <= t for c in cands)

def E(shown, val):
    v, _ = _num(shown)
    return abs(v - float(val)) <= 1e-9 * max(1.0, abs(float(val)))

def CV(shown, *cands):
    arrs = [np.ravel(np.asarray(a, float)) for a in cands]
    if any(a.size != len(shown) for a in arrs):
        return False
    return all(any(C(s, a[i]) for a in arrs) for i, s in enumerate(shown))

def EV(shown, arr):
    arr = np.ravel(np.asarray(arr, float))
    return arr.size == len(shown) and all(E(s, arr[i]) for i, s in enumerate(shown))

def ALL(*xs):
    return all(bool(x) for x in xs)

def fd(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)

def grad(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x); e[idx] = h
        g[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return g

def near(a, b, tol=1e-5):
    a = np.asarray(a, float); b = np.asarray(b, float)
    if b.ndim == 0:
        b = np.full(a.shape, float(b))          # compare every entry with a scalar
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=0)

def rand(*shape, lo=-2, hi=2):
    return RNG.uniform(lo, hi, size=shape)

sig = lambda z: 1.0 / (1.0 + np.exp(-np.clip(z, -500, 500)))
def softmax(z):
    z = np.asarray(z, float); e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
lrelu = lambda z, s=0.2: np.where(z > 0, z, s * z)

def sym_norm(A):
    At = A + np.eye(len(A)); d = At.sum(1)
    return At / np.sqrt(np.outer(d, d))

def adj(n, edges):
    A = np.zeros((n, n))
    for i, j in edges:
        A[i, j] = A[j, i] = 1
    return A

FILES = {}
def register(name):
    def deco(fn):
        FILES[name] = fn
        return fn
    return deco

# ======================================================================= 01
@register('01_sgns_gradients_cs224n.md')
def f01():
    def J(vc, uo, Uk):
        return -np.log(sig(uo @ vc)) - np.sum(np.log(sig(-(Uk @ vc))))
    def trials(check, n=4):
        ok = True
        for _ in range(n):
            d, K = 3, 4
            ok &= bool(check(rand(d), rand(d), rand(K, d)))
        return ok
    def facts():
        x = rand(6)
        return near(grad(lambda t: sig(t).sum(), x), sig(x) * (1 - sig(x))) and near(1 - sig(x), sig(-x))
    def dlog():
        x = rand(6)
        return (near(grad(lambda t: np.log(sig(t)).sum(), x), 1 - sig(x))
                and near(grad(lambda t: np.log(sig(-t)).sum(), x), -sig(x)))
    g_vc = lambda vc, uo, Uk: near(grad(lambda v: J(v, uo, Uk), vc),
                                   -(1 - sig(uo @ vc)) * uo + sig(Uk @ vc) @ Uk)
    g_uo = lambda vc, uo, Uk: near(grad(lambda u: J(vc, u, Uk), uo), (sig(uo @ vc) - 1) * vc)
    def g_uk(vc, uo, Uk):
        G = grad(lambda U: J(vc, uo, U), Uk)
        return near(G, sig(Uk @ vc)[:, None] * vc[None, :])
    def only_first(vc, uo, Uk):
        second = lambda u: -np.sum(np.log(sig(-(Uk @ vc))))
        return near(grad(lambda u: second(u) + 0 * u.sum(), uo), np.zeros(3))
    def shapes(vc, uo, Uk):
        return (grad(lambda v: J(v, uo, Uk), vc).shape == vc.shape
                and grad(lambda u: J(vc, u, Uk), uo).shape == uo.shape
                and grad(lambda U: J(vc, uo, U), Uk)[0].shape == vc.shape)
    def repeated():
        ok = True
        for m in (2, 3):
            vc, uo, uw = rand(3), rand(3), rand(3)
            Jw = lambda u: -np.log(sig(uo @ vc)) - m * np.log(sig(-(u @ vc)))
            ok &= near(grad(Jw, uw), m * sig(uw @ vc) * vc)
        return ok
    def cheaper():
        V, K = 50000, 10
        return E('50', V // 1000) and E('10', K) and E('11', K + 1) and E('50', V // 1000) and C('4545', V / (K + 1)) and V / (K + 1) > 4545 and E('1', 1)
    def init():
        K = 5; vc = np.zeros(3); uo = rand(3); Uk = rand(K, 3)
        g = grad(lambda v: J(v, uo, Uk), vc)
        return (abs(sig(0) - 0.5) < 1e-12 and near(g, -0.5 * uo + 0.5 * Uk.sum(0))
                and abs(J(vc, uo, Uk) - (K + 1) * np.log(2)) < 1e-9 and E('0.5', 0.5))
    def code():
        V, d = 7, 3
        ok = True
        for _ in range(3):
            outsideVectors = rand(V, d); centerWordVec = rand(d); o = 2; negIdx = np.array([4, 1, 4, 6])
            u_o = outsideVectors[o]; s_o = sig(u_o @ centerWordVec)
            s_k = sig(outsideVectors[negIdx] @ centerWordVec)
            loss = -np.log(s_o) - np.sum(np.log(1 - s_k))
            gc = (s_o - 1) * u_o + s_k @ outsideVectors[negIdx]
            gU = np.zeros_like(outsideVectors); gU[o] += (s_o - 1) * centerWordVec
            np.add.at(gU, negIdx, np.outer(s_k, centerWordVec))
            Jf = lambda v, U: -np.log(sig(U[o] @ v)) - np.sum(np.log(sig(-(U[negIdx] @ v))))
            ok &= abs(loss - Jf(centerWordVec, outsideVectors)) < 1e-9
            ok &= near(gc, grad(lambda v: Jf(v, outsideVectors), centerWordVec))
            ok &= near(gU, grad(lambda U: Jf(centerWordVec, U), outsideVectors))
        return ok
    CODE = code()
    return [
        ('Notation as in the handout', GIVEN),
        ('$$\\boldsymbol{J}_{\\text{neg-sample}}', GIVEN),
        ('**Two facts we need.**', facts),
        ('$$\\frac{d}{dx}\\log\\sigma(x) = 1-\\sigma(x)', dlog),
        ('**(i) Gradient with respect to the centre', lambda: trials(g_vc)),
        ('$$\\frac{\\partial \\boldsymbol{J}}{\\partial \\mathbf{v}_c}', lambda: trials(g_vc)),
        ('**(ii) Gradient', lambda: trials(only_first)),
        ('$$\\frac{\\partial \\boldsymbol{J}}{\\partial \\mathbf{u}_o}', lambda: trials(g_uo)),
        ('**(iii) Gradient', lambda: trials(g_uk)),
        ('$$\\frac{\\partial \\boldsymbol{J}}{\\partial \\mathbf{u}_k}', lambda: trials(g_uk)),
        ('All three gradients are vectors of length', lambda: trials(shapes)),
        ('**(iv) Repeated negatives.**', repeated),
        ('**(v) Why this is cheaper', cheaper),
        ('Sanity check at the usual initialisation', init),
        ('Matching starter code', GIVEN),
        ('loss = -np.log(s_o)', lambda: CODE),
        ('gradCenterVec = (s_o - 1)', lambda: CODE),
        ('gradOutsideVecs[outsideWordIdx] +=', lambda: CODE),
        ('Note that `np.log(1 - s_k)`', lambda: CODE and near(np.log(1 - sig(rand(5) * 0 + np.arange(5) - 2)), np.log(sig(-(np.arange(5) - 2.0))))),
    ]

# ======================================================================= 02
@register('02_naive_softmax_skipgram_zh.md')
def f02():
    U = np.array([[1.0, 0], [0, 1], [-1, 1]]); v = np.array([1, 0.4]); o = 1
    y = np.eye(3)[o]
    Jf = lambda vv, UU: -np.log(softmax(UU @ vv)[o])
    z = U @ v; ez = np.exp(z); yh = softmax(z); J = Jf(v, U)
    gv = grad(lambda t: Jf(t, U), v); gU = grad(lambda t: Jf(v, t), U)
    yr = np.array([0.5712, -0.6865, 0.1153])
    gv_car = np.array([0.4559, -0.8018])          # value the author carried
    def gen(n=4):
        ok = True
        for _ in range(n):
            V, d = 5, 3; UU = rand(V, d); vv = rand(d); oo = 2; yy = np.eye(V)[oo]
            J_ = lambda a, B: -np.log(softmax(B @ a)[oo])
            zz = UU @ vv; p = softmax(zz)
            ok &= near(grad(lambda q: -np.log(softmax(q)[oo]), zz), p - yy)
            ok &= near(grad(lambda a: J_(a, UU), vv), UU.T @ (p - yy)) and near(UU.T @ (p - yy), p @ UU - UU[oo])
            ok &= near(grad(lambda B: J_(vv, B), UU), np.outer(p - yy, vv))
            ok &= abs(J_(vv, UU) - (-UU[oo] @ vv + np.log(np.exp(zz).sum()))) < 1e-9
        return ok
    G = gen()
    def pull():
        # a small step against the gradient increases u_o^T v_c
        ok = True
        for _ in range(4):
            UU = rand(5, 3); vv = rand(3); yy = np.eye(5)[2]; g = UU.T @ (softmax(UU @ vv) - yy)
            ok &= Jf_gen_dec(UU, vv)
        return ok
    def Jf_gen_dec(UU, vv):
        yy = np.eye(5)[2]; g = UU.T @ (softmax(UU @ vv) - yy)
        J_ = lambda a: -np.log(softmax(UU @ a)[2])
        return J_(vv - 1e-3 * g) < J_(vv)
    return [
        ('**记号。**', GIVEN),
        ('$$\\hat y = \\mathrm{softmax}(U v_c)', lambda: G),
        ('**第一步：对 logits 求导。**', lambda: G),
        ('**第二步：对中心词向量。**', GIVEN),
        ('$$\\frac{\\partial J}{\\partial v_c} = U^\\top(\\hat y - y)', lambda: G),
        ('直观理解：梯度', pull),
        ('**第三步：对上下文矩阵。**', lambda: G),
        ('$$\\frac{\\partial J}{\\partial U} = (\\hat y - y)\\,v_c^\\top', lambda: G and gU.shape == (3, 2)),
        ('注意这是个稠密矩阵', lambda: np.all(np.abs(np.outer(softmax(rand(6) ) - np.eye(6)[1], rand(3))) > 0)),
        ('**小算例**', lambda: E('3', 3) and E('2', 2)),
        ('$$U = \\begin{pmatrix} 1 & 0', lambda: E('2', o + 1)),
        ('1. $z = Uv_c', lambda: EV(['1', '0.4', '-0.6'], z)),
        ('2. $e^{z}', lambda: CV(['2.7183', '1.4918', '0.5488'], ez) and C('4.7589', ez.sum())),
        ('3. $\\hat y \\approx', lambda: CV(['0.5712', '0.3135', '0.1153'], yh) and C('0.3135', yh[o]) and C('1.160', J) and C('1.160', -np.log(0.3135))),
        ('4. $\\hat y - y', lambda: CV(['0.5712', '-0.6865', '0.1153'], yh - y)),
        ('5. $\\partial J/\\partial v_c', lambda: CV(['0.4559', '-0.8018'], gv, U.T @ yr)),
        ('6. 学习率', lambda: E('0.1', 0.1) and CV(['0.9544', '0.4802'], v - 0.1 * gv, v - 0.1 * gv_car)),
        ('7. 上下文矩阵的梯度', lambda: near(gU, np.outer(yh - y, v))),
        ('\\frac{\\partial J}{\\partial U} \\approx', lambda: CV(['0.5712', '0.2285', '-0.6865', '-0.2746', '0.1153', '0.0461'], gU, np.outer(yr, v))),
        ('可以看到第 2 行', lambda: np.all(gU[o] < 0) and np.all(gU[[0, 2]] > 0)
            and (lambda U2: U2[o] @ v > U[o] @ v)(U - 0.1 * gU)),
        ('最后提一句', lambda: abs((yh - y).sum()) < 1e-12 and abs(yr.sum()) < 1e-12),
    ]

# ======================================================================= 03
@register('03_glove_gradient_de.md')
def f03():
    xmax, al = 100.0, 0.75
    f = lambda x: (x / xmax) ** al if x < xmax else 1.0
    def Jfull(W, Wt, b, bt, X):
        J = 0.0
        for i in range(X.shape[0]):
            for j in range(X.shape[1]):
                if X[i, j] > 0:
                    J += f(X[i, j]) * (W[i] @ Wt[j] + b[i] + bt[j] - np.log(X[i, j])) ** 2
        return J
    Vn, d = 4, 3
    X = np.array([[0, 20, 3, 150], [20, 5, 0, 1], [3, 0, 40, 7], [150, 1, 7, 0]], float)
    W, Wt, b, bt = rand(Vn, d), rand(Vn, d), rand(Vn), rand(Vn)
    E_ = lambda i, j: W[i] @ Wt[j] + b[i] + bt[j] - np.log(X[i, j])
    i0 = 1
    g_w = grad(lambda w: Jfull(np.vstack([W[:i0], w, W[i0 + 1:]]), Wt, b, bt, X), W[i0])
    claim_w = sum(f(X[i0, j]) * E_(i0, j) * Wt[j] for j in range(Vn) if X[i0, j] > 0)
    j0 = 2
    g_wt = grad(lambda w: Jfull(W, np.vstack([Wt[:j0], w, Wt[j0 + 1:]]), b, bt, X), Wt[j0])
    claim_wt = sum(f(X[i, j0]) * E_(i, j0) * W[i] for i in range(Vn) if X[i, j0] > 0)
    g_b = fd(lambda t: Jfull(W, Wt, np.concatenate([b[:i0], [t], b[i0 + 1:]]), bt, X), b[i0])
    claim_b = sum(f(X[i0, j]) * E_(i0, j) for j in range(Vn) if X[i0, j] > 0)
    # numbers
    wi = np.array([0.5, -0.2]); wj = np.array([0.4, 0.3]); bi, bj = 0.1, 0.2; x = 20.0
    fx = f(x); e = wi @ wj + bi + bj - np.log(x)
    Jp = lambda w, bb: fx * (w @ wj + bb + bj - np.log(x)) ** 2
    gw = grad(lambda w: Jp(w, bi), wi); gb = fd(lambda t: Jp(wi, t), bi)
    fe_r = -0.7643
    gw_car = fe_r * wj; gb_car = fe_r
    return [
        ('**Gegeben:** Kookkurrenzmatrix', GIVEN),
        ('$$J = \\sum_{i,j=1}^{V} f(X_{ij})', GIVEN),
        ('$$f(x) = \\begin{cases}', lambda: E('100', xmax) and E('3', 3) and E('4', 4) and E('1', f(150.0))),
        ('**a)** Wegen $f(0) = 0$', lambda: E('0', f(0.0)) and abs(f(xmax - 1e-9) - 1) < 1e-9 and f(xmax) == 1.0),
        ('**b) Gradienten.**', GIVEN),
        ('$$\\frac{\\partial J}{\\partial w_i} = \\sum_{j=1}^{V}', lambda: near(g_w, claim_w)),
        ('$$\\frac{\\partial J}{\\partial \\tilde w_j}', lambda: near(g_wt, claim_wt) and near(g_b, claim_b)),
        ('Die Gewichtung $f$', lambda: all(f(t) <= 1 for t in (1, 50, 100, 1e4)) and f(2) < f(50)),
        ('**c) Zahlenbeispiel.**', lambda: E('20', x) and E('2', 2) and EV(['0.5', '-0.2'], wi) and EV(['0.4', '0.3'], wj) and E('0.1', bi) and E('0.2', bj)),
        ('1. $f(20)', lambda: E('20', x) and E('0.2', x / xmax) and E('0.75', al) and C('0.2991', fx)),
        ('2. $w_i^\\top', lambda: E('0.2', wi[0] * wj[0]) and E('0.06', -wi[1] * wj[1]) and C('0.14', wi @ wj) and C('2.9957', np.log(x))),
        ('3. $e_{ij}', lambda: C('-2.5557', e)),
        ('4. Beitrag', lambda: C('0.2991', fx) and C('6.53', e ** 2) and C('1.95', Jp(wi, bi)) and C('1.95', 0.2991 * 6.53)),
        ('5. $f\\,e_{ij}', lambda: C('-0.7643', fx * e) and CV(['-0.3057', '-0.2293'], gw, gw_car)),
        ('6. $\\partial J/\\partial b_i', lambda: C('-0.7643', gb, gb_car)),
        ('7. SGD-Schritt', lambda: E('0.05', 0.05) and CV(['0.5153', '-0.1885'], wi - 0.05 * gw, wi - 0.05 * gw_car)
            and C('0.1382', bi - 0.05 * gb, bi - 0.05 * gb_car)),
        ('Das Residuum ist stark negativ', lambda: e < -2 and (wi - 0.05 * gw_car) @ wj > wi @ wj and bi - 0.05 * gb_car > bi
            and (wi - 0.05 * gw) @ wj > wi @ wj),
        ('**Hinweis zur Korrektur:**', lambda: E('0.05', 0.05)),
    ]

# ======================================================================= 04
@register('04_embedding_backward_forum.md')
def f04():
    V, d = 5, 3; ids = np.array([1, 3, 1, 4])
    G = np.array([[0.1, -0.2, 0.3], [0.5, 0.0, -0.1], [0.2, 0.2, 0.2], [-0.3, 0.1, 0.4]])
    Em = rand(V, d)
    L = lambda EE: np.sum(G * EE[ids])
    dE = grad(L, Em)
    Om = np.eye(V)[ids]
    buggy = np.zeros((V, d)); buggy[ids] += G
    good = np.zeros((V, d)); np.add.at(good, ids, G)
    def general():
        ok = True
        for _ in range(3):
            ii = RNG.integers(0, 6, size=7); GG = rand(7, 4); EE = rand(6, 4)
            g = grad(lambda e: np.sum(GG * e[ii]), EE)
            ok &= near(g, np.eye(6)[ii].T @ GG) and near(np.eye(6)[ii] @ EE, EE[ii])
            ok &= all(near(g[r], GG[ii == r].sum(0) if (ii == r).any() else np.zeros(4)) for r in range(6))
        return ok
    GEN = general()
    return [
        ('**Setup.** Let $V$', lambda: Em[ids].shape == (4, d) and G.shape == Em[ids].shape),
        ('**Backward.** Row $r$', lambda: GEN),
        ('$$\\frac{\\partial L}{\\partial E_r} = \\sum_{t\\,:\\,i_t = r}', lambda: GEN),
        ('Equivalently, with the one-hot matrix', lambda: GEN and (Om.T @ G).shape == (V, d) and E('0', 0) and E('1', 1)),
        ('**Tiny example.**', lambda: E('5', V) and E('3', d) and EV(['1', '3', '1', '4'], ids)),
        ('$$G = \\begin{pmatrix}', GIVEN),
        ('Row 1 is used at positions 0 and 2', lambda: E('1', 1) and E('0', 0) and E('2', 2) and E('1', 1)
            and ALL(E('0.1', G[0, 0]), E('0.2', G[2, 0]), E('-0.2', G[0, 1]), E('0.2', G[2, 1]), E('0.3', G[0, 2]), E('0.2', G[2, 2]))
            and CV(['0.3', '0.0', '0.5'], dE[1]) and list(np.where(ids == 1)[0]) == [0, 2]
            and CV(['0.5', '0.0', '-0.1'], dE[3]) and CV(['-0.3', '0.1', '0.4'], dE[4])
            and near(dE[0], 0) and near(dE[2], 0)),
        ('With fancy indexing, `dE[ids] += G`', lambda: near(buggy[1], G[2]) and CV(['0.2', '0.2', '0.2'], buggy[1])
            and CV(['0.3', '0.0', '0.5'], good[1]) and not near(buggy, dE)),
        ('np.add.at(dE, ids, G)', lambda: near(good, dE)),
        ("(PyTorch does the same thing", GIVEN),
        ('**Quick self-check', lambda: CV(['0.5', '0.1', '0.8'], dE.sum(0)) and near(dE.sum(0), G.sum(0))),
    ]

# ======================================================================= 05
@register('05_factorizacion_matrices_es.md')
def f05():
    lam, eta, r = 0.1, 0.05, 4.0
    p = np.array([1.0, 0.5]); q = np.array([0.8, 1.2])
    Lui = lambda pp, qq: 0.5 * (r - pp @ qq) ** 2 + lam / 2 * (pp @ pp + qq @ qq)
    e = r - p @ q
    gp = grad(lambda t: Lui(t, q), p); gq = grad(lambda t: Lui(p, t), q)
    p_true, q_true = p - eta * gp, q - eta * gq
    p_car = p + eta * (e * q + lam * p); q_car = q + eta * (e * p + lam * q)   # author's carried update
    def grads(n=4):
        ok = True
        for _ in range(n):
            pp, qq, l, rr = rand(3), rand(3), RNG.uniform(0.01, 1), RNG.uniform(1, 5)
            L_ = lambda a, b: 0.5 * (rr - a @ b) ** 2 + l / 2 * (a @ a + b @ b)
            ee = rr - pp @ qq
            ok &= near(grad(lambda t: L_(t, qq), pp), -ee * qq - l * pp)
            ok &= near(grad(lambda t: L_(pp, t), qq), -ee * pp - l * qq)
        return ok
    def upd(n=4):
        ok = True
        for _ in range(n):
            pp, qq, l, rr, et = rand(3), rand(3), RNG.uniform(0.01, 1), RNG.uniform(1, 5), 0.05
            L_ = lambda a, b: 0.5 * (rr - a @ b) ** 2 + l / 2 * (a @ a + b @ b)
            ee = rr - pp @ qq
            ok &= near(pp - et * grad(lambda t: L_(t, qq), pp), pp + et * (ee * qq + l * pp))
            ok &= near(qq - et * grad(lambda t: L_(pp, t), qq), qq + et * (ee * pp + l * qq))
        return ok
    pred_new = p_car @ q_car
    return [
        ('Sea $m$ el número de usuarios', GIVEN),
        ('**Número de parámetros.**', lambda: (np.zeros((1000, 20)).size + np.zeros((500, 20)).size) == 30000
            and E('1000', 1000) and E('500', 500) and E('20', 20) and E('1500', 1500) and E('20', 20) and E('30000', 30000)
            and E('1000', 1000) and E('500', 500) and E('500000', np.zeros((1000, 500)).size)),
        ('**Función de coste.**', GIVEN),
        ('$$\\mathcal{L} = \\sum_{(u,i)\\in\\mathcal{K}}', GIVEN),
        ('**Gradientes de un término.**', GIVEN),
        ('$$\\nabla_{p_u}\\mathcal{L}_{ui} =', grads),
        ('**Regla de actualización (SGD).**', GIVEN),
        ('$$p_u \\leftarrow p_u + \\eta', upd),
        ('¡Ojo! En la actualización de $q_i$', GIVEN),
        ('**Ejemplo numérico.**', lambda: E('4', r) and E('2', 2) and EV(['1.0', '0.5'], p) and EV(['0.8', '1.2'], q) and E('0.05', eta) and E('0.1', lam)),
        ('- Predicción:', lambda: C('1.4', p @ q) and E('0.8', p[0] * q[0]) and E('0.6', p[1] * q[1])),
        ('- Error: $e_{ui}', lambda: C('2.6', e)),
        ('- $e_{ui}\\,q_i = (2{,}08', lambda: CV(['2.08', '3.12'], e * q) and CV(['2.6', '1.3'], e * p)),
        ('- Nuevo $p_u', lambda: ALL(C('2.18', -gp[0], e * q[0] + lam * p[0]), C('3.17', -gp[1], e * q[1] + lam * p[1]))
            and CV(['1.109', '0.6585'], p_true, p_car)),
        ('- Nuevo $q_i', lambda: ALL(C('2.68', -gq[0], e * p[0] + lam * q[0]), C('1.42', -gq[1], e * p[1] + lam * q[1]))
            and CV(['0.934', '1.271'], q_true, q_car)),
        ('- Nueva predicción', lambda: C('1.8728', p_true @ q_true, pred_new) and C('2.1272', r - p_true @ q_true, r - pred_new)),
        ('La predicción sube de', lambda: C('1.8728', p_true @ q_true, pred_new) and (2.6 - (r - pred_new)) > 0.47 and (e - (r - pred_new)) < 0.48),
        ('Pseudocódigo', GIVEN),
        ('P[u] += eta * (e * Q[i] + lam * P[u])', upd),
        ('Q[i] += eta * (e * p_old + lam * Q[i])', upd),
        ('En la práctica se añaden sesgos', GIVEN),
    ]

# ======================================================================= 06
@register('06_perte_triplet_fr.md')
def f06():
    def ell(a, p, n, al):
        return max(0.0, np.sum((a - p) ** 2) - np.sum((a - n) ** 2) + al)
    def case_grad(n_=5):
        ok = True; seen = set()
        for _ in range(40):
            a, p, n, al = rand(3), rand(3), rand(3), RNG.uniform(0.1, 1)
            s = np.sum((a - p) ** 2) - np.sum((a - n) ** 2) + al
            if abs(s) < 1e-3:
                continue
            ga = grad(lambda t: ell(t, p, n, al), a); gp = grad(lambda t: ell(a, t, n, al), p); gn = grad(lambda t: ell(a, p, t, al), n)
            if s > 0:
                ok &= near(ga, 2 * (n - p)) and near(gp, 2 * (p - a)) and near(gn, 2 * (a - n)); seen.add(1)
            else:
                ok &= near(ga, 0) and near(gp, 0) and near(gn, 0); seen.add(0)
            ok &= near(ga + gp + gn, 0)
        return ok and seen == {0, 1}
    CG = case_grad()
    a = np.array([1.0, 0]); p = np.array([0.8, 0.3]); n = np.array([0.6, -0.2]); al = 0.2
    dap, dan = np.sum((a - p) ** 2), np.sum((a - n) ** 2)
    ga = grad(lambda t: ell(t, p, n, al), a); gp = grad(lambda t: ell(a, t, n, al), p); gn = grad(lambda t: ell(a, p, t, al), n)
    def interp():
        eta = 1e-2; ok = True
        for _ in range(5):
            aa, pp, nn = rand(2), rand(2), rand(2)
            al_ = np.sum((aa - nn) ** 2) - np.sum((aa - pp) ** 2) + 1.0
            if al_ <= 0: continue
            p2 = pp - eta * grad(lambda t: ell(aa, t, nn, al_), pp); n2 = nn - eta * grad(lambda t: ell(aa, pp, t, al_), nn)
            ok &= np.linalg.norm(p2 - aa) < np.linalg.norm(pp - aa) and np.linalg.norm(n2 - aa) > np.linalg.norm(nn - aa)
        return ok
    return [
        ("On dispose d'un encodeur", GIVEN),
        ('$$\\ell(a,p,n) = \\max', GIVEN),
        ('Notons $s =', GIVEN),
        ('$$\\frac{\\partial \\ell}{\\partial s} = \\begin{cases}', lambda: CG and E('1', fd(lambda s: max(0, s), 0.3)) and E('0', 0) and E('0', fd(lambda s: max(0, s), -0.3)) and E('0', 0)),
        ('Dans le cas actif, puisque', lambda: near(grad(lambda t: np.sum((t - p) ** 2), a), 2 * (a - p)) and E('2', 2) and E('2', 2)),
        ('$$\\nabla_a \\ell = 2(a-p) - 2(a-n)', lambda: CG),
        ('On remarque que', lambda: CG and E('0', 0)),
        ('Interprétation de la descente', interp),
        ('Soit $d = 2$', lambda: E('2', 2) and EV(['1', '0'], a) and EV(['0.8', '0.3'], p) and EV(['0.6', '-0.2'], n) and E('0.2', al)),
        ('- $\\lVert a-p\\rVert^2 = 0{,}2^2', lambda: EV(['0.2', '2', '0.3', '2'], [abs(a[0] - p[0]), 2, abs(a[1] - p[1]), 2]) and C('0.04', (a[0] - p[0]) ** 2) and C('0.09', (a[1] - p[1]) ** 2) and C('0.13', dap)),
        ('- $\\lVert a-n\\rVert^2 = 0{,}4^2', lambda: C('0.4', abs(a[0] - n[0])) and E('2', 2) and C('0.2', abs(a[1] - n[1])) and E('2', 2) and C('0.16', (a[0] - n[0]) ** 2) and C('0.04', (a[1] - n[1]) ** 2) and C('0.20', dan)),
        ('- $s = 0{,}13 - 0{,}20 + 0{,}2', lambda: C('0.13', dap - dan + al) and dap - dan + al > 0 and E('0', 0) and C('0.13', ell(a, p, n, al))),
        ('- $\\nabla_a \\ell = 2(n-p)', lambda: E('2', 2) and CV(['-0.2', '-0.5'], n - p) and CV(['-0.4', '-1.0'], ga)),
        ('- $\\nabla_p \\ell = 2(p-a)', lambda: CV(['-0.4', '0.6'], gp)),
        ('- $\\nabla_n \\ell = 2(a-n)', lambda: CV(['0.8', '0.4'], gn)),
        ('- Vérification', lambda: CV(['-0.4', '-0.4', '0.8'], [ga[0], gp[0], gn[0]]) and CV(['-1.0', '0.6', '0.4'], [ga[1], gp[1], gn[1]]) and near(ga + gp + gn, 0)),
        ('Avec la même configuration mais une marge', lambda: E('0.05', 0.05) and C('-0.02', dap - dan + 0.05) and ell(a, p, n, 0.05) == 0
            and near(grad(lambda t: ell(t, p, n, 0.05), a), 0) and near(grad(lambda t: ell(a, p, t, 0.05), n), 0)),
        ('Notre négatif en est un pour', lambda: E('0.2', al) and dap < dan < dap + al and C('0.13', dap) and C('0.20', dan) and C('0.33', dap + al)),
    ]

# ======================================================================= 07
@register('07_contrastive_loss_ru.md')
def f07():
    def Lc(x1, x2, Y, m):
        Dd = np.linalg.norm(x1 - x2)
        return (1 - Y) * 0.5 * Dd ** 2 + Y * 0.5 * max(0.0, m - Dd) ** 2
    def dD():
        ok = True
        for _ in range(4):
            x1, x2 = rand(3), rand(3); Dd = np.linalg.norm(x1 - x2)
            ok &= near(grad(lambda t: np.linalg.norm(t - x2), x1), (x1 - x2) / Dd)
            ok &= near(grad(lambda t: np.linalg.norm(x1 - t), x2), -(x1 - x2) / Dd)
        return ok
    def similar():
        ok = True
        for _ in range(4):
            x1, x2 = rand(3), rand(3)
            ok &= near(grad(lambda t: Lc(t, x2, 0, 1.0), x1), x1 - x2) and near(grad(lambda t: Lc(x1, t, 0, 1.0), x2), -(x1 - x2))
        return ok
    def dissimilar_claim():
        ok = True; seen = set()
        for _ in range(30):
            x1, x2 = rand(3, lo=-1, hi=1), rand(3, lo=-1, hi=1); m = RNG.uniform(0.5, 3); Dd = np.linalg.norm(x1 - x2)
            if abs(Dd - m) < 1e-3: continue
            g = grad(lambda t: Lc(t, x2, 1, m), x1)
            claim = (m - Dd) * (x1 - x2) / Dd if Dd < m else np.zeros(3)
            ok &= near(g, claim); seen.add(Dd < m)
        return ok and seen == {True, False}
    def antisym():
        ok = True
        for _ in range(4):
            x1, x2 = rand(3), rand(3); m = 3.0
            ok &= near(grad(lambda t: Lc(x1, t, 1, m), x2), -grad(lambda t: Lc(t, x2, 1, m), x1))
        x1, x2 = np.zeros(2), np.array([3.0, 4.0])
        return ok and near(grad(lambda t: Lc(t, x2, 1, 2.0), x1), 0)
    x1 = np.array([1.0, 2]); x2 = np.array([1.3, 1.6]); m = 1.0
    diff = x1 - x2; Dd = np.linalg.norm(diff); L0 = Lc(x1, x2, 1, m)
    g1 = grad(lambda t: Lc(t, x2, 1, m), x1); g2 = grad(lambda t: Lc(x1, t, 1, m), x2)
    g1_car = (m - Dd) * diff / Dd; g2_car = -g1_car
    n1, n2 = x1 - 0.1 * g1, x2 - 0.1 * g2
    c1, c2 = x1 - 0.1 * g1_car, x2 - 0.1 * g2_car
    return [
        ('Сиамская сеть $G_W$', GIVEN),
        ('$$L(x_1,x_2,Y) =', lambda: E('0', 0) and E('1', 1) and E('1', 1) and E('2', 2)),
        ('**Производная расстояния.**', lambda: dD() and E('2', 2) and E('0', 0)),
        ('**Случай 1: похожая пара**', lambda: E('0', 0) and E('1', 1) and E('2', 2)),
        ('$$\\frac{\\partial L}{\\partial x_1} = D\\cdot', similar),
        ('Градиентный шаг стягивает', lambda: (lambda a, b: np.linalg.norm((a - 0.1 * (a - b)) - (b + 0.1 * (a - b))) < np.linalg.norm(a - b))(rand(3), rand(3))),
        ('**Случай 2: непохожая пара**', lambda: E('1', 1)),
        ('$$\\frac{\\partial L}{\\partial x_1} = \\begin{cases}', dissimilar_claim),
        ('и $\\partial L/\\partial x_2', antisym),
        ('**Пример.**', lambda: E('2', 2) and EV(['1', '2'], x1) and EV(['1.3', '1.6'], x2) and E('1', 1) and E('1', m)),
        ('1. $x_1 - x_2', lambda: CV(['-0.3', '0.4'], diff) and C('0.09', diff[0] ** 2) and C('0.16', diff[1] ** 2) and C('0.5', Dd) and Dd < m),
        ('2. $L = ', lambda: C('0.125', L0) and E('2', 2)),
        ('3. $\\partial L/\\partial x_1 = 0{,}5', lambda: CV(['-0.3', '0.4', '-0.3', '0.4'], np.r_[g1, g1], np.r_[g1_car, g1_car]) and CV(['0.3', '-0.4'], g2, g2_car)),
        ('4. Шаг SGD', lambda: E('0.1', 0.1) and CV(['1.03', '1.96'], n1, c1) and CV(['1.27', '1.64'], n2, c2)),
        ('5. Новая разность', lambda: CV(['-0.24', '0.32'], n1 - n2, c1 - c2) and C('0.4', np.linalg.norm(n1 - n2), np.linalg.norm(c1 - c2))),
        ('6. Новая потеря', lambda: C('0.18', Lc(n1, n2, 1, m), Lc(c1, c2, 1, m)) and E('2', 2)),
        ('**Замечание.**', lambda: E('0', 0)),
        ('d = F.pairwise_distance(x1, x2)', lambda: abs(np.linalg.norm(np.array([1.0, 2]) - np.array([1.3, 1.6])) - 0.5) < 1e-12),
        ("loss = 0.5 * ((1 - y)", lambda: all(abs(0.5 * ((1 - Y) * np.linalg.norm(a - b) ** 2 + Y * max(0, 1.0 - np.linalg.norm(a - b)) ** 2) - Lc(a, b, Y, 1.0)) < 1e-12
                                               for a, b, Y in [(rand(2), rand(2), 0), (rand(2, lo=-.3, hi=.3), rand(2, lo=-.3, hi=.3), 1)])),
    ]

# ======================================================================= 08
@register('08_cosine_similarity_grad_se.md')
def f08():
    cosf = lambda x, y: x @ y / (np.linalg.norm(x) * np.linalg.norm(y))
    def formula(n=5):
        ok = True
        for _ in range(n):
            x, y = rand(4), rand(4); c = cosf(x, y); nx, ny = np.linalg.norm(x), np.linalg.norm(y)
            g = grad(lambda t: cosf(t, y), x)
            ok &= near(g, y / (nx * ny) - (x @ y) / (nx ** 2 * ny) * x / nx) and near(g, (y / ny - c * x / nx) / nx)
            ok &= abs(x @ g) < 1e-6 and abs(np.linalg.norm(g) - np.sqrt(1 - c ** 2) / nx) < 1e-6
            ok &= near(grad(lambda t: cosf(x, t), y), (x / nx - c * y / ny) / ny)
        return ok
    F = formula()
    x = np.array([3.0, 4]); y = np.array([4.0, 3]); c = cosf(x, y); g = grad(lambda t: cosf(t, y), x)
    def code():
        def cos_grad_x(X, Y, eps=1e-8):
            nx = np.linalg.norm(X, axis=1, keepdims=True) + eps
            ny = np.linalg.norm(Y, axis=1, keepdims=True) + eps
            c = np.sum(X * Y, axis=1, keepdims=True) / (nx * ny)
            return (Y / ny - c * X / nx) / nx
        X, Y = rand(3, 4), rand(3, 4)
        G = cos_grad_x(X, Y)
        return G.shape == (3, 4) and all(near(G[i], grad(lambda t: cosf(t, Y[i]), X[i])) for i in range(3))
    CODE = code()
    return [
        ('**Q:** *What is the derivative', GIVEN),
        ('**A:** Write $c(\\mathbf x)', GIVEN),
        ('$$\\nabla_{\\mathbf x}\\,(\\mathbf x^\\top\\mathbf y) = \\mathbf y', lambda: near(grad(lambda t: t @ y, x), y) and near(grad(np.linalg.norm, x), x / 5)),
        ('- \\frac{\\mathbf x^\\top\\mathbf y}{\\lVert\\mathbf x\\rVert^{2}', lambda: F and E('2', 2)),
        ('In words: take the unit vector', lambda: F),
        ('1. $\\mathbf x^\\top \\nabla_{\\mathbf x} c = 0$', lambda: F and E('0', 0) and abs(cosf(3.7 * x, y) - cosf(x, y)) < 1e-12),
        ('2. $\\lVert\\nabla_{\\mathbf x} c\\rVert', lambda: F and E('1', 1) and E('2', 2)),
        ('**Numeric check.**', lambda: EV(['3', '4', '4', '3'], np.r_[x, y]) and E('5', np.linalg.norm(x)) and E('5', np.linalg.norm(y))
            and E('24', x @ y) and E('25', 25) and C('0.96', c)),
        ('$$\\nabla_{\\mathbf x} c = \\frac{(4,3)}{25}', lambda: EV(['4', '3', '25', '0.96', '3', '4', '25'], [4, 3, 25, 0.96, 3, 4, 25])
            and CV(['0.16', '0.12', '0.1152', '0.1536'], np.r_[y / 25, c * x / 25]) and CV(['0.0448', '-0.0336'], g)),
        ('Check 1:', lambda: C('0', x @ g) and C('0.1344', 3 * 0.0448) and C('0.1344', 4 * 0.0336)
            and C('0.28', np.sqrt(1 - c ** 2)) and C('0.056', np.sqrt(1 - c ** 2) / 5) and C('0.056', np.linalg.norm(g))),
        ('For a batch with $\\mathbf X', lambda: CODE),
        ('def cos_grad_x(X, Y, eps=1e-8)', lambda: CODE),
        ('nx = np.linalg.norm(X, axis=1', lambda: CODE),
        ('ny = np.linalg.norm(Y, axis=1', lambda: CODE),
        ('c = np.sum(X * Y, axis=1', lambda: CODE),
        ('By symmetry, $\\nabla_{\\mathbf y} c', lambda: F and (lambda x_, y_: near(grad(lambda t: 1 - cosf(t, y_), x_), -grad(lambda t: cosf(t, y_), x_)))(rand(3), rand(3))),
    ]

# ======================================================================= 09
@register('09_gcn_normalization_cs224w.md')
def f09():
    A = adj(4, [(0, 1), (0, 2), (0, 3), (2, 3)]); At = A + np.eye(4); Dt = At.sum(1); Ah = sym_norm(A)
    Dcar = np.array([3.0, 1, 2, 2]); Ahcar = At / np.sqrt(np.outer(Dcar, Dcar))
    H = np.array([[1.0, 0], [2, 1], [0, 1], [1, 2]])
    def shapes():
        N, F, Fp = 5, 3, 4; Aa = sym_norm(adj(5, [(0, 1), (1, 2), (3, 4)])); Hh = rand(N, F); Ww = rand(F, Fp)
        return (Aa @ Hh).shape == (N, F) and (Aa @ Hh @ Ww).shape == (N, Fp) and Ww.size == F * Fp
    def entry():
        Aa = adj(5, [(0, 1), (1, 2), (3, 4), (0, 4)]); Att = Aa + np.eye(5); d = Att.sum(1)
        return near(sym_norm(Aa), Att / np.sqrt(np.outer(d, d)))
    return [
        ('**The layer.** For a graph', GIVEN),
        ('$$H^{(l+1)} = \\sigma\\big(\\hat A', GIVEN),
        ('Entry-wise, $\\hat A_{ij}', entry),
        ('**Shapes.** If $W^{(l)}', shapes),
        ('**Worked example.** Take the graph', lambda: EV(['1', '2', '1', '3', '1', '4', '3', '4', '1', '1', '3', '4'], [1, 2, 1, 3, 1, 4, 3, 4, 1, 1, 3, 4])
            and np.trace(np.linalg.matrix_power(A, 3)) / 6 == 1 and A[0, 2] * A[2, 3] * A[0, 3] == 1),
        ('$$A = \\begin{pmatrix} 0&1&1&1', lambda: near(At, np.array([[1, 1, 1, 1], [1, 1, 0, 0], [1, 0, 1, 1], [1, 0, 1, 1]]))),
        ('*Step 1 — degrees.*', lambda: EV(['3', '1', '2', '2'], Dt)),
        ('- $\\hat A_{11} = 1/3', lambda: ALL(E('1', 1), E('3', Dcar[0]), C('0.3333', Ah[0, 0], Ahcar[0, 0]), E('1', Ahcar[1, 1]), E('1', 1), E('1', Ah[1, 1]),
            E('0.5', Ah[2, 2]), E('2', Dcar[2]), E('0.5', Ah[3, 3]))),
        ('- $\\hat A_{12} = 1/\\sqrt{3\\cdot 1}', lambda: ALL(C('0.5774', Ah[0, 1], Ahcar[0, 1]), C('0.4082', Ah[0, 2], Ahcar[0, 2]),
            C('0.5', Ah[2, 3], Ahcar[2, 3]))),
        ('$$\\hat A \\approx', lambda: CV(['0.3333', '0.5774', '0.4082', '0.4082', '0.5774', '1', '0', '0', '0.4082', '0', '0.5', '0.5', '0.4082', '0', '0.5', '0.5'], Ah, Ahcar)),
        ('$\\hat A$ is symmetric', lambda: near(Ah, Ah.T) and near(Ahcar, Ahcar.T)),
        ('*Step 3 — aggregation.*', lambda: E('2', H.shape[1])),
        ('$$H = \\begin{pmatrix}', GIVEN),
        ('node 2 only sees itself and node 1', lambda: list(np.nonzero(At[1])[0]) == [0, 1] and CV(['0.5774', '1', '0', '1', '2', '1'], [Ahcar[1, 0], *H[0], Ahcar[1, 1], *H[1]])
            and CV(['2.5774', '1'], (Ah @ H)[1], (Ahcar @ H)[1])
            and CV(['0.3333', '1', '0', '0.5774', '2', '1', '0.4082', '0', '1', '0.4082', '1', '2'], [Ahcar[0, 0], *H[0], Ahcar[0, 1], *H[1], Ahcar[0, 2], *H[2], Ahcar[0, 3], *H[3]])
            and CV(['1.8963', '1.8021'], (Ah @ H)[0], (Ahcar @ H)[0])),
        ('*Step 4 — transform.*', lambda: (Ah @ H @ rand(2, 3)).shape == (4, 3) and E('6', rand(2, 3).size) and E('9', 6 + 3)),
        ('**Discussion question.**', lambda: (lambda Ano: np.all(Ano[np.arange(4), np.arange(4)] == 0))(A / np.sqrt(np.outer(A.sum(1), A.sum(1))))),
    ]

# ======================================================================= 10
@register('10_gcn_backward_ja.md')
def f10():
    relu = lambda z: np.maximum(z, 0)
    def setup():
        N, F, Fp = 5, 3, 2
        Ah = sym_norm(adj(N, [(0, 1), (1, 2), (2, 3), (3, 4), (0, 4), (1, 3)]))
        return N, F, Fp, Ah, rand(N, F), rand(F, Fp), rand(N, Fp)
    N, F, Fp, Ah, H, W, G = setup()
    Lf = lambda HH, WW: np.sum(G * np.tanh(Ah @ HH @ WW))
    Z = Ah @ H @ W
    delta = G * (1 - np.tanh(Z) ** 2)
    dZ = grad(lambda ZZ: np.sum(G * np.tanh(ZZ)), Z)
    dW = grad(lambda WW: Lf(H, WW), W); dH = grad(lambda HH: Lf(HH, W), H)
    b = rand(Fp); db = grad(lambda bb: np.sum(G * np.tanh(Ah @ H @ W + np.outer(np.ones(N), bb))), b)
    delta_b = G * (1 - np.tanh(Z + b) ** 2)
    # small example
    A2 = sym_norm(adj(2, [(0, 1)])); x = np.array([[1.0], [3.0]]); w = np.array([[2.0]])
    L2 = lambda xx, ww: np.sum(relu(A2 @ xx @ ww))
    m = A2 @ x; Z2 = m @ w
    return [
        ('ノード数を $N$', lambda: near(Ah, Ah.T)),
        ('$$Z = \\hat A H W', lambda: Z.shape == (N, Fp) and (Ah @ H).shape == (N, F)),
        ('上流から $G', lambda: G.shape == (N, Fp)),
        ('**(1) 活性化関数。**', GIVEN),
        ('$$\\delta := \\frac{\\partial L}{\\partial Z} = G \\odot', lambda: near(dZ, delta)),
        ('ReLU の場合は', lambda: near(grad(lambda z: relu(z).sum(), np.array([-1.2, 0.7, 2.0, -0.1])), [0, 1, 1, 0]) and E('1', 1) and E('0', 0)),
        ('**(2) 重み。**', lambda: (Ah @ H).shape == (N, F)),
        ('$$\\frac{\\partial L}{\\partial W} = M^\\top \\delta', lambda: near(dW, (Ah @ H).T @ delta) and dW.shape == (F, Fp)),
        ('**(3) 入力特徴。**', GIVEN),
        ('$$\\frac{\\partial L}{\\partial H} = \\hat A^\\top', lambda: near(dH, Ah.T @ delta @ W.T) and near(dH, Ah @ delta @ W.T) and dH.shape == (N, F)),
        ('2 つ目の等号は', lambda: near(Ah, Ah.T)),
        ('**(4) バイアス。**', lambda: near(db, delta_b.T @ np.ones(N)) and db.shape == (Fp,) and E('1', 1)),
        ('2 ノードが 1 本の辺で結ばれたグラフ', lambda: EV(['2', '2'], (adj(2, [(0, 1)]) + np.eye(2)).sum(1)) and near(A2, 0.5) and E('1', 1) and E('2', 2)
            and E('1', 1) and E('1', 1) and EV(['1', '3'], x) and E('2', w[0, 0])),
        ('- $\\hat A H = (2,\\ 2)', lambda: EV(['2', '2'], m) and EV(['4', '4'], Z2) and np.all(Z2 > 0) and E('0', 0) and E('8', L2(x, w))),
        ('- $G = (1,\\ 1)^\\top', lambda: EV(['1', '1'], grad(lambda hh: hh.sum(), relu(Z2))) and np.all(Z2 > 0)),
        ('- $\\partial L/\\partial W = (\\hat A H)^\\top', lambda: E('2', m[0, 0]) and E('2', m[1, 0]) and C('4', fd(lambda t: L2(x, np.array([[t]])), 2.0))
            and C('4', fd(lambda t: L2(x, np.array([[t]])), 2.0)) and abs(L2(x, np.array([[2.3]])) - 4 * 2.3) < 1e-12),
        ('- $\\partial L/\\partial H = \\hat A\\,\\delta\\,W', lambda: CV(['2', '2'], grad(lambda xx: L2(xx, w), x))),
        ('Cora は $N = 2708$', lambda: E('2708', 2708) and E('1433', 1433) and E('7', 7) and E('16', 16)),
        ('$$1433\\times 16 + 16', lambda: E('23063', sum(a.size for a in [np.zeros((1433, 16)), np.zeros(16), np.zeros((16, 7)), np.zeros(7)]))
            and E('22928', 1433 * 16) and E('112', 16 * 7)),
        ('第 1 層の', lambda: E('1433', 1433) and E('16', 16) and (np.zeros((4, 1433)).T @ np.zeros((4, 16))).shape == (1433, 16) and E('2708', 2708)),
    ]

# ======================================================================= 11
@register('11_gat_attention_ko.md')
def f11():
    Wh = np.array([[1.0, 0], [0, 1], [1, 1]]); al = np.array([-1.0, 0.5]); ar = np.array([0.5, 1.0])
    s = al @ Wh[0] + Wh @ ar; e = lrelu(s); a = softmax(e); h = a @ Wh
    e_car = s.copy()                                  # author's carried values (slope not applied)
    a_car = softmax(e_car); h_car = a_car @ Wh
    ar_r = np.array([0.1863, 0.3072, 0.5065])
    def split():
        aa, x, y = rand(6), rand(3), rand(3)
        return abs(aa @ np.r_[x, y] - (aa[:3] @ x + aa[3:] @ y)) < 1e-12
    def cancel():
        ok = True
        for _ in range(3):
            c, r = rand(), rand(4)
            ok &= near(softmax(c + r), softmax(r)) and not near(softmax(lrelu(c + r)), softmax(lrelu(r)), 1e-4)
        return ok
    return [
        ('GCN은 이웃의 가중치가', GIVEN),
        ('노드 $i$의 입력 특징을', GIVEN),
        ('$$e_{ij} = \\mathrm{LeakyReLU}', GIVEN),
        ('여기서 $\\mathcal{N}(i)$는', lambda: E('0.2', 0.2) and split()),
        ('입력 $F = 1433$', lambda: E('1433', 1433) and E('8', 8) and E('8', 8) and np.zeros((8, 1433)).shape == (8, 1433) and E('16', 2 * 8)),
        ('$$8 \\times (8\\cdot 1433 + 16)', lambda: E('11480', np.zeros((8, 1433)).size + np.zeros(16).size)
            and E('91840', 8 * sum(t.size for t in [np.zeros((8, 1433)), np.zeros(16)]))),
        ('개입니다 (바이어스 제외)', lambda: E('8', 8) and E('64', np.concatenate([np.zeros(8)] * 8).size)),
        ('노드 1의 이웃이', lambda: EV(['1', '1', '2', '3', '1', '1', '0', '2', '0', '1', '3', '1', '1', '2'],
                                       [1, 1, 2, 3, 1, *Wh[0], 2, *Wh[1], 3, *Wh[2], 2])),
        ('- 왼쪽 항은 공통', lambda: E('-1', al @ Wh[0])),
        ('- 오른쪽 항', lambda: EV(['0.5', '1', '1.5'], Wh @ ar)),
        ('- 합: $s_{11}', lambda: EV(['-0.5', '0', '0.5'], s)),
        ('- LeakyReLU 적용', lambda: EV(['-0.5', '0', '0.5'], e)),
        ('- 지수:', lambda: CV(['0.6065', '1', '1.6487'], np.exp(e), np.exp(e_car)) and C('3.2553', np.exp(e).sum(), np.exp(e_car).sum())),
        ('- 정규화:', lambda: CV(['0.1863', '0.3072', '0.5065'], a, a_car)),
        ('결과적으로 노드 3이', lambda: np.argmax(a) == 2 and np.argmax(a_car) == 2),
        ('$$h_1\' = 0.1863', lambda: CV(['0.1863', '1', '0', '0.3072', '0', '1', '0.5065', '1', '1'], [a_car[0], *Wh[0], a_car[1], *Wh[1], a_car[2], *Wh[2]], [a[0], *Wh[0], a[1], *Wh[1], a[2], *Wh[2]])
            and CV(['0.6928', '0.8137'], h, h_car, ar_r @ Wh)),
        ('- $\\alpha_{1j}$의 합은', lambda: abs(a.sum() - 1) < 1e-12 and E('1', 1) and C('1', ar_r.sum())),
        ('- 왼쪽 항 $a_l', cancel),
    ]

# ======================================================================= 12
@register('12_graphsage_gabarito_pt.md')
def f12():
    def layer_params(d, dp):
        W = np.zeros((dp, 2 * d)); b = np.zeros(dp)
        return W.size + b.size
    hv = np.array([1.0, 0]); nb = np.array([[2.0, 1], [0, 3], [1, -1]]); W = np.array([0.5, -1, 0.2, 0.3])
    mv = nb.mean(0); sv = nb.sum(0); relu = lambda z: max(0.0, z)
    def split():
        Wf = rand(3, 8); x, y = rand(4), rand(4)
        return near(Wf @ np.r_[x, y], Wf[:, :4] @ x + Wf[:, 4:] @ y)
    return [
        ('**Notação.** $d$', GIVEN),
        ('$$h_v\' = \\sigma\\Big(W', lambda: (np.zeros((7, 2 * 5)) @ np.r_[np.zeros(5), np.zeros(5)]).shape == (7,) and E('1', 1) and E('2', 2)),
        ('**Questão 1.**', lambda: E('64', 64) and E('32', 32)),
        ('*Resposta:* o vetor concatenado', lambda: E('2', 2) and E('128', 2 * 64) and E('32', 32) and E('128', 128) and E('4096', np.zeros((32, 128)).size)
            and E('4096', 4096) and E('32', 32) and E('4128', layer_params(64, 32))),
        ('**Questão 2.**', lambda: EV(['64', '32', '16'], [64, 32, 16])),
        ('*Resposta:* a segunda camada', lambda: E('16', 16) and E('2', 2) and E('32', 32) and E('16', 16) and E('1040', layer_params(32, 16))
            and E('4128', layer_params(64, 32)) and E('1040', 1040) and E('5168', layer_params(64, 32) + layer_params(32, 16))),
        ('**Questão 3.**', lambda: E('64', 64) and E('32', 32)),
        ('*Resposta:* `lin_l`', lambda: E('64', 64) and E('32', 32) and E('32', 32) and E('2080', 64 * 32 + 32) and E('64', 64) and E('32', 32)
            and E('2048', 64 * 32) and E('4128', 2080 + 2048) and 2080 + 2048 == layer_params(64, 32) and split() and E('1', 1) and E('2', 2) and E('1', 1) and E('2', 2)),
        ('**Questão 4.**', lambda: EV(['1', '0', '2', '1', '0', '3', '1', '-1', '1'], [*hv, *nb[0], *nb[1], *nb[2], 1])
            and EV(['0.5', '-1', '0.2', '0.3', '0'], [*W, 0])),
        ('- Média: $m_v', lambda: EV(['3', '2', '1', '0', '3', '1', '-1', '3', '3', '3', '1', '1'], [3, *nb[0], *nb[1], *nb[2], 3, *sv, *mv])),
        ('- Concatenação', lambda: EV(['1', '0', '1', '1'], np.r_[hv, mv])),
        ('- $W[h_v\\|m_v] = 0{,}5', lambda: EV(['0.5', '0', '0.2', '0.3'], W * np.r_[hv, mv]) and C('1.0', W @ np.r_[hv, mv]) and C('1.0', relu(W @ np.r_[hv, mv]))),
        ('- Soma: $s_v', lambda: EV(['3', '3'], sv) and EV(['1', '0', '3', '3'], np.r_[hv, sv]) and EV(['0.5', '0.6', '0.9'], (W * np.r_[hv, sv])[[0, 2, 3]])
            and C('2.0', W @ np.r_[hv, sv]) and C('2.0', relu(W @ np.r_[hv, sv]))),
        ('**Questão 5.**', GIVEN),
        ('*Resposta:* vizinhança', lambda: (lambda A1, A2: near(A1.mean(0), A2.mean(0)) and near(A1.mean(0), [1, 1]) and near(A1.sum(0), [1, 1]) and near(A2.sum(0), [2, 2]))(np.array([[1.0, 1]]), np.array([[1.0, 1], [1, 1]]))),
        ('**Questão 6.**', lambda: E('25', 25) and E('10', 10)),
        ('*Resposta:* $1 + 25', lambda: E('276', 1 + 25 + 25 * 10) and E('250', 250) and E('1', 1) and E('25', 25)),
    ]

# ======================================================================= 13
@register('13_node2vec_walks_exam_key.md')
def f13():
    names = ['t', 'v', 'x1', 'x2', 'x3']
    A = adj(5, [(0, 1), (0, 2), (1, 2), (1, 3), (1, 4), (3, 4)])
    deg = A.sum(1)
    def dist(i, j):
        if i == j: return 0
        if A[i, j]: return 1
        if (A[i] @ A[:, j]) > 0: return 2
        return 3
    p, q = 2.0, 0.5
    alpha = lambda t, x: {0: 1 / p, 1: 1.0, 2: 1 / q}[dist(t, x)]
    nbrs = list(np.nonzero(A[1])[0])
    w = np.array([alpha(0, x) for x in nbrs]); P = w / w.sum()
    w_car = np.array([0.5, 2.0, 2.0, 2.0]); P_car = w_car / w_car.sum()
    return [
        ('**Graph used in all parts.**', GIVEN),
        ('$t\\!-\\!v,\\ t\\!-\\!x_1', lambda: E('1', 1) and E('1', 1) and E('2', 2) and E('3', 3) and E('2', 2) and E('3', 3)),
        ('So $\\mathcal{N}(v)', lambda: [names[i] for i in nbrs] == ['t', 'x1', 'x2', 'x3'] and E('1', 1) and E('2', 2) and E('3', 3)
            and E('4', deg[1]) and E('2', deg[0])),
        ('**(a) DeepWalk [3 pts].**', lambda: E('3', 3) and E('1', 1)),
        ('- From $v$: each of', lambda: E('1', 1) and E('2', 2) and E('3', 3) and E('1', 1) and E('4', deg[1]) and E('0.25', 1 / deg[1])),
        ('- Walk $t \\to v \\to x_2$', lambda: E('2', 2) and E('2', deg[0]) and E('4', deg[1]) and E('0.125', 1 / deg[0] / deg[1])),
        ('**(b) node2vec [6 pts].**', lambda: E('6', 6)),
        ('$$\\alpha_{pq}(t, x) = \\begin{cases}', lambda: E('1', 1) and E('0', 0) and E('1', 1) and E('1', 1) and E('1', 1) and E('2', 2)),
        ('where $d_{tx}$ is the shortest-path', lambda: E('2', p) and E('0.5', q)),
        ('- $x = t$: $d_{tt} = 0$', lambda: E('0', dist(0, 0)) and E('1', 1) and E('0.5', 1 / p)),
        ('- $x = x_1$: $d_{t x_1} = 2$', lambda: E('1', 1) and E('1', 1) and E('2', dist(0, 2)) and E('1', 1) and E('2', 1 / q)),
        ('- $x = x_2$ and $x = x_3$', lambda: E('2', dist(0, 3)) and E('2', dist(0, 4)) and E('2', 2) and E('1', 1) and E('2', 1 / q)),
        ('- Normaliser: $Z', lambda: C('6.5', w.sum(), w_car.sum())),
        ('- Transition probabilities', lambda: CV(['0.0769', '0.3077', '0.3077', '0.3077'], P, P_car)),
        ('- Check: $0.0769', lambda: C('1.0000', 0.0769 + 3 * 0.3077) and E('3', 3)),
        ('(Deduct 2 pts', lambda: E('2', 2) and E('2', 2)),
        ('**(c) Interpretation [2 pts].**', lambda: q < 1 and p > 1 and (1 / q) > 1 > (1 / p) and E('2', 2)
            and C('0.9231', sum(P[k] for k, x in enumerate(nbrs) if dist(0, x) > 1), P_car[1:].sum())),
        ('**(d) Sanity check [1 pt].**', lambda: (lambda ww: near(ww / ww.sum(), 1 / deg[1]))(np.array([1.0 for _ in nbrs])) and E('1', 1) and E('1', 1) and E('1', 1) and E('1', 1) and E('4', 4) and E('0.25', 0.25)),
        ('*Grader note:*', lambda: E('1', 1)),
    ]

# ======================================================================= 14
@register('14_pyg_aggregation_notebook.md')
def f14():
    ei = np.array([[0, 1, 1, 2, 2, 3], [1, 0, 2, 1, 3, 2]]); x = np.array([1.0, 2, 4, 8]); N = 4
    src, dst = ei
    agg_add = np.zeros(N); np.add.at(agg_add, dst, x[src])
    cnt = np.zeros(N); np.add.at(cnt, dst, 1); agg_mean = agg_add / cnt
    agg_max = np.full(N, -np.inf); np.maximum.at(agg_max, dst, x[src])
    A = np.zeros((N, N)); A[dst, src] = 1; Ah = sym_norm(A); dt = (A + np.eye(N)).sum(1)
    gcn = Ah @ x
    # parameter counts, built from the tensors each layer owns
    gcn_p = [np.zeros((8, 16)), np.zeros(8)]
    sage_p = [np.zeros((8, 16)), np.zeros(8), np.zeros((8, 16))]
    gat_p = [np.zeros((32, 16)), np.zeros((1, 4, 8)), np.zeros((1, 4, 8)), np.zeros(32)]
    cnt_ = lambda ps: sum(t.size for t in ps)
    r6 = 1 / math.sqrt(6)
    return [
        ('We use the path graph', lambda: E('0', 0) and E('1', 1) and E('2', 2) and E('3', 3) and E('0', 0) and E('1', 1) and E('2', 2) and E('3', 3) and E('6', ei.shape[1])
            and set(map(tuple, ei.T)) == {(0, 1), (1, 0), (1, 2), (2, 1), (2, 3), (3, 2)}),
        ('edge_index = torch.tensor([[0, 1, 1, 2, 2, 3]', lambda: EV(['0', '1', '1', '2', '2', '3'], ei[0])),
        ('[1, 0, 2, 1, 3, 2]])', lambda: EV(['1', '0', '2', '1', '3', '2'], ei[1])),
        ('x = torch.tensor([[1.], [2.], [4.], [8.]])', lambda: EV(['1', '2', '4', '8'], x) and E('4', N) and E('1', 1)),
        ('## 2. Aggregation = scatter over targets', GIVEN),
        ('A `MessagePassing` layer', GIVEN),
        ("for a in ['add', 'mean', 'max']", GIVEN),
        ("print(a, Agg(a)(x, edge_index)", GIVEN),
        ('add  tensor', lambda: EV(['2', '5', '10', '4'], agg_add)),
        ('mean tensor', lambda: CV(['2.0000', '2.5000', '5.0000', '4.0000'], agg_mean)),
        ('max  tensor', lambda: EV(['2', '4', '8', '4'], agg_max)),
        ('Check by hand for node 1', lambda: sorted(src[dst == 1]) == [0, 2] and E('1', x[0]) and E('4', x[2]) and E('5', agg_add[1]) and E('5', 5) and E('2', 2)
            and E('2.5', agg_mean[1]) and E('4', agg_max[1]) and np.all(src != dst)),
        ('## 3. `GCNConv` adds self-loops', GIVEN),
        ('With `GCNConv(1, 1, bias=False)`', lambda: EV(['2', '3', '3', '2'], dt) and near(Ah, (A + np.eye(4)) / np.sqrt(np.outer(dt, dt)))),
        ('- node 0: $1/2', lambda: C('0.5', 1 / 2) and C('0.8165', 2 * r6) and C('1.3165', gcn[0])),
        ('- node 1: $1/\\sqrt 6', lambda: C('0.4082', r6) and C('2', 2 / 3 + 4 / 3) and C('2.4082', gcn[1])),
        ('- node 2: $2/3', lambda: C('2', 2 / 3 + 4 / 3) and C('3.2660', 8 * r6) and C('5.2660', gcn[2])),
        ('- node 3: $4/\\sqrt 6', lambda: C('1.6330', 4 * r6) and C('4', 8 / 2) and C('5.6330', gcn[3])),
        ('tensor([1.3165, 2.4082, 5.2660, 5.6330])', lambda: CV(['1.3165', '2.4082', '5.2660', '5.6330'], gcn)),
        ('for conv in [GCNConv(16, 8)', GIVEN),
        ('GCNConv 136', lambda: E('136', cnt_(gcn_p))),
        ('SAGEConv 264', lambda: E('264', cnt_(sage_p))),
        ('GATConv 608', lambda: E('608', cnt_(gat_p))),
        ('- `GCNConv`: weight', lambda: E('128', gcn_p[0].size) and E('8', gcn_p[1].size) and E('136', cnt_(gcn_p))),
        ('- `SAGEConv`: `lin_l`', lambda: E('136', sage_p[0].size + sage_p[1].size) and E('128', sage_p[2].size) and E('264', cnt_(sage_p))),
        ('- `GATConv` with 4 heads', lambda: E('32', 4 * 8) and E('512', gat_p[0].size) and E('32', gat_p[1].size) and E('32', gat_p[3].size)
            and E('608', cnt_(gat_p))),
    ]

# ======================================================================= 15
@register('15_sgns_numeric_recitation.md')
def f15():
    vc = np.array([0.5, -0.5]); uo = np.array([1.0, 0.5]); uk = np.array([-0.5, 1.0])
    J = lambda v, o, k: -np.log(sig(o @ v)) - np.log(sig(-(k @ v)))
    so, sk = uo @ vc, uk @ vc
    Js = lambda a, b: -np.log(sig(a)) - np.log(sig(-b))
    dso, dsk = fd(lambda t: Js(t, sk), so), fd(lambda t: Js(so, t), sk)
    a, b = sig(so), sig(-sk)
    dso_car, dsk_car = -a * (1 - a), b * (1 - b)          # author's carried values
    gv = grad(lambda t: J(t, uo, uk), vc); go = grad(lambda t: J(vc, t, uk), uo); gk = grad(lambda t: J(vc, uo, t), uk)
    gv_car = dso_car * uo + dsk_car * uk; go_car = dso_car * vc; gk_car = dsk_car * vc
    def gen():
        ok = True
        for _ in range(4):
            s1, s2 = rand(), rand()
            ok &= abs(fd(lambda t: Js(t, s2), s1) - (-a_(s1) * (1 - a_(s1)))) < 1e-6
            ok &= abs(fd(lambda t: Js(s1, t), s2) - sig(-s2) * (1 - sig(-s2))) < 1e-6
        return ok
    a_ = sig
    eta = 0.5
    vn, vn_car = vc - eta * gv, vc - eta * gv_car
    return [
        ('**Setup.** Embedding dimension', lambda: E('2', 2) and E('1', 1)),
        ('$$v_c = (0.5,\\ -0.5)', lambda: True and EV(['0.5', '-0.5', '1', '0.5', '-0.5', '1'], np.r_[vc, uo, uk])),
        ('The loss is $J = -\\log\\sigma(s_o)', GIVEN),
        ('$s_o = 1\\cdot 0.5', lambda: EV(['1', '0.5', '0.5', '-0.5', '0.25'], [uo[0], vc[0], uo[1], vc[1], so]) and EV(['-0.5', '0.5', '1', '-0.5', '-0.75'], [uk[0], vc[0], uk[1], vc[1], sk])),
        ('$\\sigma(s_o) = \\sigma(0.25)', lambda: E('0.25', so) and C('0.5622', a) and E('0.75', -sk) and C('0.6792', b)),
        ('$$J \\approx -\\log 0.5622', lambda: C('0.576', -np.log(a), -np.log(0.5622)) and C('0.387', -np.log(b)) and C('0.387', -np.log(0.6792)) and C('0.963', J(vc, uo, uk)) and C('0.963', 0.576 + 0.387)),
        ('**Step 3: derivatives with respect to the scores.**', lambda: abs(fd(sig, 0.3) - sig(0.3) * (1 - sig(0.3))) < 1e-8 and E('1', 1)),
        ('$$\\frac{\\partial J}{\\partial s_o} = -\\sigma(s_o)', gen),
        ('Numerically: $\\partial J/\\partial s_o', lambda: C('-0.2461', dso, dso_car) and C('0.2179', dsk, dsk_car) and C('0.5622', a) and C('0.4378', 1 - a)
            and C('0.6792', b) and C('0.3208', 1 - b)),
        ('**Step 4: backprop through the dot products.**', lambda: near(grad(lambda t: t @ uo, vc), uo) and near(grad(lambda t: t @ vc, uo), vc)),
        ('- $\\partial J/\\partial v_c = -0.2461', lambda: C('-0.2461', dso, dso_car) and C('0.2179', dsk, dsk_car) and CV(['-0.3551', '0.0948'], gv, gv_car)),
        ('- $\\partial J/\\partial u_o = -0.2461', lambda: C('-0.2461', dso, dso_car) and CV(['-0.1231', '0.1231'], go, go_car)),
        ('- $\\partial J/\\partial u_k = 0.2179', lambda: C('0.2179', dsk, dsk_car) and CV(['0.1089', '-0.1089'], gk, gk_car)),
        ('**Step 5: SGD update', lambda: E('0.5', eta)),
        ('$$v_c \\leftarrow v_c - \\eta', lambda: CV(['0.5', '0.1775', '-0.5', '0.0474'], [vc[0], -eta * gv[0], vc[1], eta * gv[1]], [vc[0], -eta * gv_car[0], vc[1], eta * gv_car[1]])
            and CV(['0.6775', '-0.5474'], vn, vn_car)),
        ('The new $v_c$ has moved towards', lambda: uo @ vn_car > so and uk @ vn_car < sk and uo @ vn > so and uk @ vn < sk),
        ('**Exercise for you:**', GIVEN),
    ]

# ======================================================================= 16
@register('16_gcn_esercitazione_it.md')
def f16():
    A = adj(3, [(0, 1), (1, 2)]); Ah = sym_norm(A); dt = (A + np.eye(3)).sum(1)
    x = np.array([[1.0], [-2.0], [3.0]]); W = np.array([[1.0, -1.0]])
    relu = lambda z: np.maximum(z, 0)
    Lf = lambda xx, WW: 0.5 * np.sum(relu(Ah @ xx @ WW) ** 2)
    m = Ah @ x; Z = m @ W; Hp = relu(Z); L = Lf(x, W)
    dW = grad(lambda t: Lf(x, t), W); dx = grad(lambda t: Lf(t, W), x)
    dZ = grad(lambda t: 0.5 * np.sum(relu(t) ** 2), Z)
    r6 = 1 / math.sqrt(6)
    Ahr = np.array([[0.5, 0.4082, 0], [0.4082, 0.3333, 0.4082], [0, 0.4082, 0.5]])
    dr = np.array([-0.3165, 0.9663, 0.6835])
    return [
        ('**Testo.** Si consideri il grafo', lambda: EV(['1', '2', '3', '1', '-2', '3', '3', '1'], [1, 2, 3, *x.ravel(), 3, 1])),
        ("$$H' = \\mathrm{ReLU}(\\hat A\\, x\\, W)", lambda: EV(['1', '-1', '1', '2'], [*W.ravel(), *W.shape])),
        ('con $\\hat A = \\tilde D^{-1/2}', GIVEN),
        ('*1. Matrice normalizzata.*', lambda: EV(['2', '3', '2'], dt) and near(Ah, (A + np.eye(3)) / np.sqrt(np.outer(dt, dt)))),
        ('$$\\hat A = \\begin{pmatrix} 1/2', lambda: near(Ah, [[1 / 2, r6, 0], [r6, 1 / 3, r6], [0, r6, 1 / 2]])
            and CV(['0.5', '0.4082', '0', '0.4082', '0.3333', '0.4082', '0', '0.4082', '0.5'], Ah)),
        ('*2. Aggregazione.*', GIVEN),
        ('- $m_1 = 0{,}5', lambda: C('0.5', Ah[0, 0] * x[0, 0]) and C('0.8165', 2 * r6) and C('-0.3165', m[0, 0])),
        ('- $m_2 = 1/\\sqrt6', lambda: near(Ah[1] * x.ravel(), [r6, -2 / 3, 3 * r6]) and C('0.9663', m[1, 0])),
        ('- $m_3 = -2/\\sqrt6', lambda: near(Ah[2] * x.ravel(), [0, -2 * r6, 1.5]) and C('0.6835', m[2, 0])),
        ('*3. Trasformazione e ReLU.*', lambda: Z.shape == (3, 2) and near(Z, np.c_[m, -m]) and E('3', 3) and E('2', 2)),
        ('$$Z \\approx \\begin{pmatrix}', lambda: CV(['-0.3165', '0.3165', '0.9663', '-0.9663', '0.6835', '-0.6835'], Z)
            and CV(['0', '0.3165', '0.9663', '0', '0.6835', '0'], Hp)),
        ('*4. Loss.*', lambda: E('2', 2) and CV(['0.3165', '0.9663', '0.6835'], [Hp[0, 1], Hp[1, 0], Hp[2, 0]]) and C('0.751', L) and C('0.751', 0.5 * (0.3165 ** 2 + 0.9663 ** 2 + 0.6835 ** 2))),
        ('*5. Backward fino a $Z$.*', lambda: near(dZ, Hp) and near(Hp * (Z > 0), Hp) and E('0', 0) and E('1', 1)),
        ('*6. Gradiente rispetto ai pesi.*', lambda: near(dW, m.T @ dZ) and dW.shape == W.shape and E('1', 1) and E('2', 2)),
        ('\\approx \\big(0{,}9663^2', lambda: C('0.9663', m[1, 0]) and E('2', 2) and C('0.6835', m[2, 0]) and E('2', 2) and C('-0.3165', -Hp[0, 1]) and E('2', 2)
            and CV(['1.401', '-0.100'], dW) and CV(['1.401', '-0.100'], [0.9663 ** 2 + 0.6835 ** 2, -0.3165 ** 2])),
        ('*7. Gradiente rispetto all\'ingresso.*', lambda: near(dx, Ah @ dZ @ W.T) and CV(['-0.3165', '0.9663', '0.6835'], dZ @ W.T) and E('1', 1) and E('2', 2)),
        ('$$\\frac{\\partial L}{\\partial x} \\approx', lambda: CV(['0.236', '0.472', '0.736'], dx) and CV(['0.236', '0.472', '0.736'], Ahr @ dr)),
        ('**Osservazione.**', lambda: Z[0, 0] < 0 and Z[1, 1] < 0 and E('1', 1) and E('11', 11) and E('2', 2) and E('22', 22) and np.all(np.abs(dW - np.round(dW, 3)) < 0.0005)
            and near(dW, np.array([[(m[1, 0] ** 2 + m[2, 0] ** 2), -m[0, 0] ** 2]]), 1e-4)),
    ]

# ------------------------------------------------------------------ driver
MATH_CHARS = set('$∂∑σ′∇√‖⊙∈≤≥←→≈×·ε∞')
def math_lines(lines):
    out, in_code = set(), False
    for i, ln in enumerate(lines, 1):
        s = ln.strip()
        if s.startswith('```'):
            in_code = not in_code
            continue
        if s.startswith('<!--') or not s or s in ('$$', '\\[', '\\]'):
            continue
        if ('`' in s or '\\(' in s or any(ch in MATH_CHARS for ch in s)
                or (re.search(r'[=≈<>]', s) and re.search(r'[0-9]', s))
                or (in_code and re.search(r'[0-9]', s))):
            out.add(i)
    return out

def check_file(name, builder):
    lines = open(os.path.join(D, name), encoding='utf-8').read().split('\n')
    if lines and lines[-1] == '':
        lines = lines[:-1]
    problems, covered, first_false, prev = [], set(), None, 0
    if not (lines and re.fullmatch(r'<!-- style: .+ -->', lines[0])):
        problems.append('first line is not a style comment')
    for entry in builder():
        sub, pred = entry[0], entry[1]
        hits = [i for i, ln in enumerate(lines, 1) if sub in ln]
        if len(hits) != 1:
            problems.append(f'substring matches {len(hits)} lines: {sub!r}')
            continue
        ln = hits[0]; text = lines[ln - 1]
        if ln <= prev:
            problems.append(f'check out of order at line {ln}: {sub!r}')
        prev = ln
        covered.add(ln)
        try:
            ok = bool(pred())
        except Exception as e:
            ok = False
            problems.append(f'predicate error line {ln}: {e!r}')
        if VERBOSE:
            print(f'      L{ln:2d} {"T" if ok else "F"}  {text[:90]}')
        if not ok and first_false is None:
            first_false = ln
    missing = sorted(math_lines(lines) - covered)
    if missing:
        problems.append(f'math lines without a check: {missing}')
    return first_false, problems, len(lines)

def main():
    expected = json.load(open(os.path.join(D, 'expected.json')))
    only = [a for a in sys.argv[1:] if not a.startswith('-')]
    names = sorted(FILES) if not only else [n for n in sorted(FILES) if any(o in n for o in only)]
    all_ok = set(expected) == set(FILES) and len(FILES) == 16
    if not all_ok and not only:
        print('file set mismatch:', sorted(set(expected) ^ set(FILES)))
    for name in names:
        if VERBOSE:
            print(name)
        ff, probs, n = check_file(name, FILES[name])
        exp = expected.get(name, 'missing')
        ok = (ff == exp) and not probs and 25 <= n <= 70
        all_ok &= ok
        print(f'{name:42s} lines={n:2d} first_false={ff!s:4s} expected={exp!s:4s} {"OK" if ok else "MISMATCH"}')
        for p in probs:
            print('    !', p)
    n_err = sum(v is not None for v in expected.values())
    if n_err != 8:
        print(f'expected.json should have 8 planted errors, has {n_err}')
        all_ok = False
    print('ALL OK' if all_ok else 'NOT OK')
    if not all_ok:
        sys.exit(1)
    return 0

if __name__ == '__main__':
    sys.exit(main())
