#!/usr/bin/env python
"""Independent NumPy verification of the blind corpus.

For every file a list of (unique substring, check) pairs is given.  Each check
returns True (line correct / given) or False.  The first line whose check fails
must equal expected.json[file] (None if no check fails)."""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(12345)

# ---------------------------------------------------------------- helpers
def given():
    return True

def eq(a, b):
    return np.array_equal(np.asarray(a), np.asarray(b))

def close(a, b, tol=1e-9):
    a = np.asarray(a, float); b = np.asarray(b, float)
    if b.ndim == 0: b = np.full(a.shape, float(b))
    return a.shape == b.shape and bool(np.all(np.abs(a - b) <= tol))

def rnd_close(claimed, exact, decimals):
    """claimed printed with `decimals` decimals must equal round(exact)."""
    return close(claimed, np.round(np.asarray(exact, float), decimals), 0.5 * 10 ** (-decimals) + 1e-12)

def fd_grad(f, x, h=1e-6):
    x = np.asarray(x, float); g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x); e[idx] = h
        g[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return g

def lin_matrix(f, nin):
    """matrix of a linear map R^nin -> R^m."""
    cols = [np.asarray(f(np.eye(nin)[j]), float).ravel() for j in range(nin)]
    return np.stack(cols, 1)

def conv1d(x, w, s=1, p=0, d=1):
    """cross-correlation (deep-learning convolution), brute force."""
    x = np.asarray(x, float); xp = np.concatenate([np.zeros(p), x, np.zeros(p)])
    k = len(w); out = []
    j = 0
    while j * s + d * (k - 1) < len(xp):
        out.append(sum(w[t] * xp[j * s + d * t] for t in range(k)))
        j += 1
    return np.array(out)

def tconv1d(x, w, s=1, p=0, d=1, op=0):
    """transposed convolution by scatter, then crop p on the left, length formula of PyTorch."""
    n, k = len(x), len(w)
    full = np.zeros((n - 1) * s + d * (k - 1) + 1 + op)
    for i in range(n):
        for t in range(k):
            full[i * s + d * t] += x[i] * w[t]
    L = (n - 1) * s - 2 * p + d * (k - 1) + op + 1
    return full[p:p + L]

def conv2d(X, W, s=1, p=0):
    X = np.pad(np.asarray(X, float), p); k = W.shape[0]
    m = (X.shape[0] - k) // s + 1; n = (X.shape[1] - k) // s + 1
    Y = np.zeros((m, n))
    for i in range(m):
        for j in range(n):
            Y[i, j] = np.sum(X[i*s:i*s+k, j*s:j*s+k] * W)
    return Y

def tconv2d(X, K, s=1):
    n0, n1 = X.shape; k = K.shape[0]
    Y = np.zeros(((n0-1)*s+k, (n1-1)*s+k))
    for i in range(n0):
        for j in range(n1):
            Y[i*s:i*s+k, j*s:j*s+k] += X[i, j] * K
    return Y

def conv_out(n, k, s, p, d=1):
    return len(conv1d(np.zeros(n), np.zeros(k), s, p, d))

def tconv_out(n, k, s, p, d=1, op=0):
    return len(tconv1d(np.zeros(n), np.zeros(k), s, p, d, op))

def nearest1d(x, r):
    return np.repeat(np.asarray(x, float), r)

def nearest2d(X, r):
    return np.repeat(np.repeat(np.asarray(X, float), r, 0), r, 1)

def bilinear_pt_false(u, scale):
    """PyTorch align_corners=False, 1-D, integer scale."""
    n = len(u); out = []
    for i in range(n * scale):
        src = max((i + 0.5) / scale - 0.5, 0.0)
        i0 = int(np.floor(src)); i1 = min(i0 + 1, n - 1); lam = src - i0
        out.append((1 - lam) * u[i0] + lam * u[i1])
    return np.array(out)

def bilinear_ac_true_1d(u, m):
    n = len(u); out = []
    for i in range(m):
        src = i * (n - 1) / (m - 1)
        i0 = min(int(np.floor(src)), n - 2); lam = src - i0
        out.append((1 - lam) * u[i0] + lam * u[i0 + 1])
    return np.array(out)

def bilinear_ac_true_2d(X, m):
    n = X.shape[0]; U = np.zeros((m, m))
    for a in range(m):
        for b in range(m):
            sy = a*(n-1)/(m-1); sx = b*(n-1)/(m-1)
            y0 = min(int(np.floor(sy)), n-2); x0 = min(int(np.floor(sx)), n-2)
            ly, lx = sy-y0, sx-x0
            U[a, b] = ((1-ly)*(1-lx)*X[y0, x0] + (1-ly)*lx*X[y0, x0+1]
                       + ly*(1-lx)*X[y0+1, x0] + ly*lx*X[y0+1, x0+1])
    return U

def pixel_shuffle(z, r):
    """PyTorch definition: reshape/permute/reshape."""
    N, Cr2, H, W = z.shape; C = Cr2 // (r*r)
    return z.reshape(N, C, r, r, H, W).transpose(0, 1, 4, 2, 5, 3).reshape(N, C, H*r, W*r)

def pixel_shuffle_idx(z, r):
    N, Cr2, H, W = z.shape; C = Cr2 // (r*r)
    out = np.zeros((N, C, r*H, r*W))
    for n in range(N):
        for c in range(C):
            for h in range(r*H):
                for w in range(r*W):
                    out[n, c, h, w] = z[n, c*r*r + (h % r)*r + (w % r), h//r, w//r]
    return out

def nparams(cin, cout, k, bias=True):
    W = np.zeros((cout, cin, k, k)); b = np.zeros(cout)
    return W.size + (b.size if bias else 0)

def tap_counts_1d(n, k, s):
    return tconv1d(np.ones(n), np.ones(k), s)

# random test helper
def for_random(trials, fn):
    return all(fn() for _ in range(trials))

CHECKS = {}

# ================================================================ 01
def f01():
    c = []
    def keff():
        for k in range(1, 6):
            for d in range(1, 5):
                ker = np.zeros(d*(k-1)+1); ker[::d] = 1
                if len(ker) != d*(k-1)+1 or ker.sum() != k: return False
        return True
    c.append((r"$$k_{\text{eff}} = d\,(k-1) + 1 .$$", keff))
    c.append((r"$k_{\text{eff}} = 2\cdot 2 + 1 = 5$", lambda: 2*(3-1)+1 == 5 == 2*2+1))
    def satz45():
        for n in range(1, 20):
            for k in range(1, 5):
                for s in range(1, 4):
                    for p in range(0, 3):
                        for d in range(1, 3):
                            if n + 2*p < d*(k-1)+1: continue
                            if conv_out(n, k, s, p, d) != (n+2*p-d*(k-1)-1)//s + 1: return False
        return True
    c.append((r"\left\lfloor \frac{n + 2p - d(k-1) - 1}{s} \right\rfloor + 1 .$$", satz45))
    c.append((r"*Begründung.* Die gepolsterte Eingabe", satz45))
    c.append((r"\lfloor 15{,}5 \rfloor + 1 = 16", lambda: (32+2-2-1)/2 == 15.5 and conv_out(32, 3, 2, 1) == 16))
    c.append((r"\lfloor (32+4-4-1)/1 \rfloor + 1 = 32", lambda: 32+4-4-1 == 31 and conv_out(32, 3, 1, 2, 2) == 32))
    c.append((r"$n=7$, $k=3$", lambda: (7-3) == 4 and conv_out(7, 3, 2, 0) == 3))
    c.append((r"$n=8$, $k=3$", lambda: (8-3) == 5 and conv_out(8, 3, 2, 0) == 3))
    c.append((r"**nicht injektiv**", lambda: conv_out(7, 3, 2, 0) == conv_out(8, 3, 2, 0)))
    def satz46():
        for n in range(1, 12):
            for k in range(1, 5):
                for s in range(1, 4):
                    for p in range(0, 2):
                        for d in range(1, 3):
                            for op in range(s):
                                N = (n-1)*s - 2*p + d*(k-1) + op + 1
                                if N < 1 or N + 2*p < d*(k-1)+1: continue
                                # adjoint check: transposed conv = C^T, C: R^N -> R^n
                                if conv_out(N, k, s, p, d) != n: return False
                                w = rng.standard_normal(k)
                                C = lin_matrix(lambda v: conv1d(v, w, s, p, d), N)
                                T = lin_matrix(lambda v: tconv1d(v, w, s, p, d, op), n)
                                if not close(C.T, T, 1e-12): return False
        return True
    c.append((r"$$n_{\text{out}}^{T} = (n-1)\,s - 2p + d(k-1) + p_{\text{out}} + 1,$$", satz46))
    c.append((r"wobei $p_{\text{out}} \in \{0, \dots, s-1\}$", lambda: conv_out(7, 3, 2, 0) == conv_out(8, 3, 2, 0) == 3
              and tconv_out(3, 3, 2, 0, 1, 0) == 7 and tconv_out(3, 3, 2, 0, 1, 1) == 8))
    def begr46():
        for _ in range(50):
            n, k, s, p, d = rng.integers(1, 8), rng.integers(1, 5), rng.integers(1, 4), rng.integers(0, 2), rng.integers(1, 3)
            pos = [i*s + d*t - p for i in range(n) for t in range(k)]
            if max(pos) != (n-1)*s + d*(k-1) - p or min(pos) != -p: return False
            if (max(pos) - min(pos) + 1) - 2*p != (n-1)*s + d*(k-1) + 1 - 2*p: return False
            if (n-1)*s + d*(k-1) + 1 - 2*p >= 1 and tconv_out(n, k, s, p, d) != (n-1)*s + d*(k-1) + 1 - 2*p: return False
        return True
    c.append((r"verteilt ihren Wert auf die Positionen", begr46))
    c.append((r"$15\cdot 2 - 2 + 3 + 1 = 32$", lambda: 15*2-2+3+1 == 32 == tconv_out(16, 4, 2, 1)))
    c.append((r"$2\cdot 2 + 2 + 1 = 7$", lambda: 2*2+2+1 == 7 == tconv_out(3, 3, 2, 0) and tconv_out(3, 3, 2, 0, 1, 1) == 8))
    c.append((r"$3 - 2 + 2 + 1 = 4$", lambda: 3-2+2+1 == 4 == tconv_out(4, 3, 1, 1)))
    def bem():
        for n in range(1, 10):
            for k in (1, 3, 5, 7):
                p = (k-1)//2
                if n + 2*p < k: continue
                if not (conv_out(n, k, 1, p) == tconv_out(n, k, 1, p) == n): return False
            for s in (2, 4, 6):
                k, p = 2*s, s//2
                if (n-1)*s - s + 2*s - 1 + 1 != s*n or tconv_out(n, k, s, p) != s*n: return False
        return True
    c.append((r"**Bemerkung.** Für $s=1$", bem))
    c.append((r"$128\times 128$", lambda: tconv_out(64, 4, 2, 1) == 128 and
              tconv2d(np.zeros((64, 64)), np.zeros((4, 4)), 2)[1:-1, 1:-1].shape == (128, 128)))
    return c
CHECKS["01_ausgabegroessen_de.md"] = f01

# ================================================================ 02
def f02():
    w = np.array([1., 2., -1.]); s = 2
    C = lin_matrix(lambda v: conv1d(v, w, s), 5)
    x = np.array([1., 0, 2, -1, 1]); g = np.array([3., -1])
    c = []
    c.append((r"y_j = \sum_{t=0}^{2} w_t \, x_{2j+t}, \qquad j = 0, 1,", given))
    c.append((r"car $\lfloor (5-3)/2 \rfloor + 1 = 2$", lambda: conv_out(5, 3, 2, 0) == 2 == (5-3)//2 + 1))
    def prop():
        for _ in range(20):
            ww = rng.standard_normal(3); gg = rng.standard_normal(2)
            CC = lin_matrix(lambda v: conv1d(v, ww, 2), 5)
            v = np.zeros(5)
            for j in range(2):
                for t in range(3):
                    v[2*j+t] += ww[t]*gg[j]
            if not close(CC.T @ gg, v, 1e-12): return False
        return True
    c.append((r"(C^\top g)_m = \sum_{j} \sum_{t \,:\, 2j+t = m} w_t \, g_j", prop))
    c.append((r"autrement dit chaque $g_j$", prop))
    def preuve():
        for _ in range(20):
            ww = rng.standard_normal(3); xx = rng.standard_normal(5); gg = rng.standard_normal(2)
            CC = lin_matrix(lambda v: conv1d(v, ww, 2), 5)
            if abs((CC @ xx) @ gg - xx @ (CC.T @ gg)) > 1e-12: return False
        return True
    c.append((r"*Preuve.* $\langle Cx, g\rangle", preuve))
    def gradx():
        a = rng.standard_normal(2)
        L = lambda xx: np.sum(a * conv1d(xx, w, 2)**2)
        xx = rng.standard_normal(5)
        dLdy = 2*a*conv1d(xx, w, 2)
        return close(fd_grad(L, xx), C.T @ dLdy, 1e-6)
    c.append((r"En particulier $\dfrac{\partial L}{\partial x} = C^\top", gradx))
    c.append((r"Prenons $w = (1, 2, -1)$", given))
    c.append((r"C = \begin{pmatrix} 1 & 2 & -1 & 0 & 0 \\ 0 & 0 & 1 & 2 & -1 \end{pmatrix}.", lambda: eq(C, [[1, 2, -1, 0, 0], [0, 0, 1, 2, -1]])))
    c.append((r"Pour $x = (1, 0, 2, -1, 1)^\top$", given))
    c.append((r"y_0 = 1 + 0 - 2 = -1, \qquad y_1 = 2 - 2 - 1 = -1", lambda: eq(C @ x, [-1, -1]) and 1+0-2 == -1 and 2-2-1 == -1))
    c.append((r"Soit le gradient amont $g = (3, -1)^\top$", lambda: np.count_nonzero(C[:, 2]) == 2))
    c.append((r"C^\top g = \big(3,\; 6,\; -3 + 1,\; -2,\; 1\big)^\top = (3, 6, -2, -2, 1)^\top", lambda: eq(C.T @ g, [3, 6, -3+1, -2, 1]) and eq(C.T @ g, [3, 6, -2, -2, 1])))
    c.append((r"\langle y, g\rangle = (-1)(3) + (-1)(-1) = -2 ,", lambda: (C @ x) @ g == -2 == (-1)*3 + (-1)*(-1)))
    c.append((r"**Remarque (tailles).**", lambda: tconv_out(2, 3, 2, 0) == 5 == (2-1)*2+3 and eq(C @ C.T, [[6, -1], [-1, 6]])))
    return c
CHECKS["02_adjoint_conv_strided_fr.md"] = f02

# ================================================================ 03
def f03():
    X = np.array([[1., 2], [3, 4]]); K = np.array([[1., 0], [-1, 2]])
    Y1 = tconv2d(X, K, 1); Y2 = tconv2d(X, K, 2)
    c = []
    c.append((r"**Enunciado.** Sea la entrada", given))
    c.append((r"1\cdot 2 + 2 = 4, & s=2,\\ 1\cdot 1 + 2 = 3, & s=1.", lambda: Y2.shape == (4, 4) and Y1.shape == (3, 3) and 1*2+2 == 4 and 1*1+2 == 3))
    def defb():
        # stamping definition == adjoint of the strided conv
        for s in (1, 2):
            Cm = lin_matrix(lambda v: conv2d(v.reshape(((2-1)*s+2,)*2), K, s).ravel(), ((2-1)*s+2)**2)
            T = lin_matrix(lambda v: tconv2d(v.reshape(2, 2), K, s).ravel(), 4)
            if not close(Cm.T, T, 1e-12): return False
        return True
    c.append((r"Y_{(i-1)s+a,\;(j-1)s+b} \mathrel{+}= x_{ij}\,k_{ab}", defb))
    c.append((r"Como $k=s$, las copias no se solapan", lambda: eq(Y2, np.kron(X, K))))
    c.append((r"1 & 0 & 2 & 0\\", lambda: eq(Y2[0], [1, 0, 2, 0])))
    c.append((r"-1 & 2 & -2 & 4\\", lambda: eq(Y2[1], [-1, 2, -2, 4])))
    c.append((r"3 & 0 & 4 & 0\\", lambda: eq(Y2[2], [3, 0, 4, 0])))
    c.append((r"-3 & 6 & -4 & 8", lambda: eq(Y2[3], [-3, 6, -4, 8])))
    c.append((r"(Es el producto de Kronecker $X\otimes K$.)", lambda: eq(Y2, np.kron(X, K))))
    c.append((r"$Y_{11} = x_{11}k_{11} = 1$", lambda: Y1[0, 0] == 1 == X[0, 0]*K[0, 0]))
    c.append((r"$Y_{12} = x_{11}k_{12} + x_{12}k_{11} = 0 + 2 = 2$", lambda: Y1[0, 1] == X[0, 0]*K[0, 1] + X[0, 1]*K[0, 0] == 2 and X[0, 0]*K[0, 1] == 0))
    c.append((r"$Y_{13} = x_{12}k_{12} = 0$", lambda: Y1[0, 2] == X[0, 1]*K[0, 1] == 0))
    c.append((r"$Y_{21} = x_{11}k_{21} + x_{21}k_{11} = -1 + 3 = 2$", lambda: Y1[1, 0] == X[0, 0]*K[1, 0] + X[1, 0]*K[0, 0] == 2 and X[0, 0]*K[1, 0] == -1))
    c.append((r"$Y_{22} = x_{11}k_{22} + x_{12}k_{21} + x_{21}k_{12} + x_{22}k_{11} = 2 - 2 + 0 + 4 = 4$",
              lambda: Y1[1, 1] == 4 and [X[0, 0]*K[1, 1], X[0, 1]*K[1, 0], X[1, 0]*K[0, 1], X[1, 1]*K[0, 0]] == [2, -2, 0, 4]))
    c.append((r"$Y_{23} = x_{12}k_{22} + x_{22}k_{12} = 4 + 0 = 4$", lambda: Y1[1, 2] == 4 and X[0, 1]*K[1, 1] == 4 and X[1, 1]*K[0, 1] == 0))
    c.append((r"$Y_{31} = x_{21}k_{21} = 3\cdot 1 = 3$", lambda: Y1[2, 0] == X[1, 0]*K[1, 0] == 3 and K[1, 0] == 1))
    c.append((r"$Y_{32} = x_{21}k_{22} + x_{22}k_{21} = 6 - 4 = 2$", lambda: Y1[2, 1] == 2 and X[1, 0]*K[1, 1] == 6 and X[1, 1]*K[1, 0] == -4))
    c.append((r"$Y_{33} = x_{22}k_{22} = 8$", lambda: Y1[2, 2] == X[1, 1]*K[1, 1] == 8))
    c.append((r"\begin{pmatrix} 1 & 2 & 0\\ 2 & 4 & 4\\ 3 & 2 & 8\end{pmatrix}", lambda: eq(Y1, [[1, 2, 0], [2, 4, 4], [3, 2, 8]])))
    def sumchk():
        for _ in range(10):
            XX = rng.standard_normal((2, 3)); KK = rng.standard_normal((3, 3))
            for s in (1, 2, 3):
                if abs(tconv2d(XX, KK, s).sum() - XX.sum()*KK.sum()) > 1e-9: return False
        return (X.sum() == 10 and K.sum() == 2 and Y2.sum() == 20
                and 1+2+4+8-1-2+3-3+6-4+4+2 == 20
                and sorted([1, 2, 4, 8, -1, -2, 3, -3, 6, -4, 4, 2]) == sorted(Y2[Y2 != 0].astype(int).tolist()))
    c.append((r"**e) Comprobación.**", sumchk))
    c.append((r"*Criterio de corrección:*", lambda: True))
    return c
CHECKS["03_convtrans_2d_examen_es.md"] = f03

# ================================================================ 04
def f04():
    c = []
    c.append((r"a saída é $u_m = x_{\lfloor m/r \rfloor}$", lambda: all(eq(lin_matrix(lambda v: nearest1d(v, r), n),
              [[1 if m//r == i else 0 for i in range(n)] for m in range(r*n)]) for r in (2, 3) for n in (2, 4))))
    def chain():
        for r in (2, 3):
            n = 4; a = rng.standard_normal(r*n); x = rng.standard_normal(n)
            L = lambda xx: np.sum(a * nearest1d(xx, r)**3)
            gu = 3*a*nearest1d(x, r)**2
            claim = np.array([gu[r*i:r*i+r].sum() for i in range(n)])
            if not close(fd_grad(L, x), claim, 1e-5): return False
        return True
    c.append((r"\frac{\partial L}{\partial x_i} = \sum_m \frac{\partial L}{\partial u_m}", chain))
    c.append((r"isto é, $\nabla_x L = U^\top \nabla_u L$", chain))
    gu = np.array([0.5, -1, 2, 2, 0.25, 1])
    c.append((r"Exemplo com $r=2$, $n=3$", given))
    c.append((r"\nabla_x L = (0{,}5 - 1;\ 2 + 2;\ 0{,}25 + 1) = (-0{,}5;\ 4;\ 1{,}25).",
              lambda: close(gu.reshape(3, 2).sum(1), [-0.5, 4, 1.25])))
    def UtU():
        for r in (2, 3):
            for n in (2, 5):
                U = lin_matrix(lambda v: nearest1d(v, r), n)
                if not (close(U.T @ U, r*np.eye(n)) and close((U.T/r) @ U, np.eye(n))): return False
                avg = lin_matrix(lambda v: v.reshape(n, r).mean(1), r*n)
                if not close(U.T/r, avg): return False
        return True
    c.append((r"Repare que $U^\top U = r\,I_n$", UtU))
    def twoD():
        r = 2; n = 3; U = lin_matrix(lambda v: nearest1d(v, r), n); X = rng.standard_normal((n, n))
        return close(U @ X @ U.T, nearest2d(X, r))
    c.append((r"ou em forma matricial $Y = U X U^\top$", twoD))
    def grad2d():
        r = 2; n = 3; U = lin_matrix(lambda v: nearest1d(v, r), n)
        A = rng.standard_normal((r*n, r*n)); X = rng.standard_normal((n, n))
        L = lambda XX: np.sum(A * np.sin(nearest2d(XX, r)))
        G = A*np.cos(nearest2d(X, r))
        fd = fd_grad(L, X)
        blk = np.array([[G[r*i:r*i+r, r*j:r*j+r].sum() for j in range(n)] for i in range(n)])
        return close(fd, U.T @ G @ U, 1e-5) and close(fd, blk, 1e-5)
    c.append((r"\frac{\partial L}{\partial X} = U^\top\, \frac{\partial L}{\partial Y}\, U,", grad2d))
    c.append((r"\Big(\frac{\partial L}{\partial X}\Big)_{ij} = \sum_{a=0}^{r-1}\sum_{b=0}^{r-1} G_{ri+a,\,rj+b},", grad2d))
    def avgpool():
        G = rng.standard_normal((6, 6)); r = 3
        ap = G.reshape(2, 3, 2, 3).mean((1, 3))
        return close(ap*r**2, G.reshape(2, 3, 2, 3).sum((1, 3)))
    c.append((r"`avg_pool2d(G, r) * r**2`", avgpool))
    G = np.array([[1., 0, 2, -1], [3, -2, 0, 1], [0, 0, 1, 1], [4, 1, -3, 2]])
    GX = G.reshape(2, 2, 2, 2).sum((1, 3))
    c.append((r"G = \begin{pmatrix} 1 & 0 & 2 & -1\\ 3 & -2 & 0 & 1\\ 0 & 0 & 1 & 1\\ 4 & 1 & -3 & 2\end{pmatrix}", given))
    c.append((r"\frac{\partial L}{\partial X} = \begin{pmatrix} 1+0+3-2 & 2-1+0+1\\ 0+0+4+1 & 1+1-3+2\end{pmatrix} = \begin{pmatrix} 2 & 2\\ 5 & 1\end{pmatrix}.",
              lambda: eq(GX, [[2, 2], [5, 1]]) and 1+0+3-2 == 2 and 2-1+0+1 == 2 and 0+0+4+1 == 5 and 1+1-3+2 == 1))
    c.append((r"$\sum G = 10 = 2 + 2 + 5 + 1$", lambda: G.sum() == 10 == GX.sum()))
    c.append((r"print(X.grad)   # tensor([[[[2., 2.], [5., 1.]]]])", lambda: eq(GX, [[2, 2], [5, 1]])))
    def equiv():
        for r in (2, 3):
            for n in (2, 4):
                x = rng.standard_normal(n)
                if not close(tconv1d(x, np.ones(r), r), nearest1d(x, r)) or (n-1)*r + r != r*n: return False
        X = rng.standard_normal((3, 3))
        return close(tconv2d(X, np.ones((2, 2)), 2), nearest2d(X, 2)) and nparams(5, 7, 2, False) == 5*7*2**2
    c.append((r"O upsampling nearest com fator $r$ é exatamente uma `ConvTranspose2d`", equiv))
    return c
CHECKS["04_grad_nearest_pt.md"] = f04

# ================================================================ 05
def f05():
    A = lin_matrix(lambda v: bilinear_pt_false(v, 2), 3)
    g = np.array([1., 2, -1, 0, 3, 1])
    c = []
    c.append((r"$$\xi_i = \frac{i + 0{,}5}{2} - 0{,}5,$$", given))
    c.append((r"$$ y_i = (1-\lambda_i)\, u_{i_0} + \lambda_i\, u_{\min(i_0+1,\,n-1)} .$$", given))
    c.append((r"\xi = (-0{,}25;\ 0{,}25;\ 0{,}75;\ 1{,}25;\ 1{,}75;\ 2{,}25)", lambda: close([(i+0.5)/2-0.5 for i in range(6)], [-0.25, 0.25, 0.75, 1.25, 1.75, 2.25])))
    rows = {r"y_0 &= u_0, \\": [1, 0, 0], r"y_1 &= 0{,}75\,u_0 + 0{,}25\,u_1, \\": [.75, .25, 0],
            r"y_2 &= 0{,}25\,u_0 + 0{,}75\,u_1, \\": [.25, .75, 0], r"y_3 &= 0{,}75\,u_1 + 0{,}25\,u_2, \\": [0, .75, .25],
            r"y_4 &= 0{,}25\,u_1 + 0{,}75\,u_2, \\": [0, .25, .75], r"y_5 &= u_2 .": [0, 0, 1]}
    for i, (k, v) in enumerate(rows.items()):
        c.append((k, (lambda i=i, v=v: close(A[i], v))))
    c.append((r"ogni riga di $A$ somma a $1$", lambda: close(A.sum(1), np.ones(6)) and A.shape == (6, 3)))
    def gradAT():
        u = rng.standard_normal(3); a = rng.standard_normal(6)
        L = lambda uu: np.sum(a*bilinear_pt_false(uu, 2)**2)
        return close(fd_grad(L, u), A.T @ (2*a*bilinear_pt_false(u, 2)), 1e-5)
    c.append((r"\dfrac{\partial L}{\partial u} = A^{\mathsf T} g", gradAT))
    cols = {r"\frac{\partial L}{\partial u_0} &= g_0 + 0{,}75\,g_1 + 0{,}25\,g_2,": [1, .75, .25, 0, 0, 0],
            r"\frac{\partial L}{\partial u_1} &= 0{,}75\,g_1 + 0{,}25\,g_2 + 0{,}25\,g_3 + 0{,}75\,g_4,": [0, .75, .25, .25, .75, 0],
            r"\frac{\partial L}{\partial u_2} &= 0{,}25\,g_3 + 0{,}75\,g_4 + g_5 .": [0, 0, 0, .25, .75, 1]}
    for j, (k, v) in enumerate(cols.items()):
        def chk(j=j, v=v):
            gg = rng.standard_normal(6)
            f = lambda uu: gg @ bilinear_pt_false(uu, 2)
            return close(fd_grad(f, rng.standard_normal(3))[j], np.dot(v, gg), 1e-6)
        c.append((k, chk))
    c.append((r"ciascuna colonna di $A$ somma a $2$", lambda: close(A.sum(0), [2, 2, 2]) and close((A.T @ g).sum(), g.sum())))
    c.append((r"**Esempio numerico.** Sia $g = (1;\ 2;\ -1;\ 0;\ 3;\ 1)$", given))
    dg = A.T @ g
    c.append((r"\partial L/\partial u_0 &= 1 + 1{,}5 - 0{,}25 = 2{,}25,", lambda: close(dg[0], 2.25) and 1+1.5-0.25 == 2.25))
    c.append((r"\partial L/\partial u_1 &= 1{,}5 - 0{,}25 + 0 + 2{,}25 = 3{,}5,", lambda: close(dg[1], 3.5)))
    c.append((r"\partial L/\partial u_2 &= 0 + 2{,}25 + 1 = 3{,}25 .", lambda: close(dg[2], 3.25) and 0+2.25+1 == 3.25))
    c.append((r"La somma delle tre componenti è", lambda: close(dg.sum(), 9)))
    c.append((r"**Forward di controllo.**", lambda: close(bilinear_pt_false(np.array([2., 4, -2]), 2), [2, 2.5, 3.5, 2.5, -0.5, -2])))
    return c
CHECKS["05_bilineare_gradiente_it.md"] = f05

# ================================================================ 06
def f06():
    c = []
    def shapes():
        z = rng.standard_normal((2, 12, 3, 5))
        y = pixel_shuffle(z, 2)
        return y.shape == (2, 3, 6, 10) and y.size == z.size
    c.append((r"\mathrm{PS}_r:\ (N,\ C r^2,\ H,\ W)\ \longmapsto\ (N,\ C,\ rH,\ rW).", shapes))
    c.append((r"元素总数不变", lambda: shapes() and pixel_shuffle(np.zeros((1, 12, 8, 8)), 2).shape == (1, 3, 16, 16)
              and pixel_shuffle(np.zeros((16, 64, 32, 32)), 4).shape == (16, 4, 128, 128)))
    def idx():
        for r in (2, 3):
            z = rng.standard_normal((2, 2*r*r, 3, 2))
            if not close(pixel_shuffle(z, r), pixel_shuffle_idx(z, r)): return False
        return True
    c.append((r"\mathrm{out}[n,\ c,\ h,\ w] = \mathrm{in}\Big[n,\ c\,r^2 + (h \bmod r)\,r + (w \bmod r)", idx))
    c.append((r"`permute(0, 1, 4, 2, 5, 3)`", idx))
    z = np.arange(1., 9.).reshape(1, 4, 1, 2)
    out = pixel_shuffle(z, 2)[0, 0]
    c.append((r"\mathrm{in}_0 = [1,\ 2],\quad \mathrm{in}_1 = [3,\ 4]", given))
    c.append((r"输出形状 $(1, 1, 2, 4)$", lambda: pixel_shuffle(z, 2).shape == (1, 1, 2, 4)))
    c.append((r"\mathrm{out} = \begin{pmatrix} 1 & 3 & 2 & 4 \\ 5 & 7 & 6 & 8 \end{pmatrix}.", lambda: eq(out, [[1, 3, 2, 4], [5, 7, 6, 8]])))
    c.append((r"例如 $\mathrm{out}[1,2]$", lambda: (1 % 2) == 1 and 2 % 2 == 0 and 0*4+1*2+0 == 2 and (1//2, 2//2) == (0, 1)
              and z[0, 2, 0, 1] == 6 == out[1, 2]))
    c.append((r"x = torch.arange(1., 9.).view(1, 4, 1, 2)", given))
    c.append((r"# tensor([[[[1., 3., 2., 4.],", lambda: eq(out[0], [1, 3, 2, 4])))
    c.append((r"#           [5., 7., 6., 8.]]]])", lambda: eq(out[1], [5, 7, 6, 8])))
    c.append((r"= 15552 + 27 = 15579", lambda: nparams(64, 3*9, 3) == 15579 and 64*27*9 == 15552))
    c.append((r"= 22729 .", lambda: nparams(1, 64, 5) == 1664 and nparams(64, 32, 3) == 18464 and nparams(32, 9, 3) == 2601 and 1664+18464+2601 == 22729))
    def flops():
        H = W = 10; r = 3; cin, cout, k = 8, 5, 3
        lr = H*W*cin*cout*k*k; hr = (r*H)*(r*W)*cin*cout*k*k
        return hr/lr == 9 == r**2
    c.append((r"计算量比先插值再卷积少约 $r^2 = 9$ 倍", flops))
    return c
CHECKS["06_pixel_shuffle_zh.md"] = f06

# ================================================================ 07
def f07():
    c = []
    def contrib():
        for k in range(1, 7):
            for s in range(1, 4):
                n = 8; cnt = tap_counts_1d(n, k, s)
                for m in range(k, (n-1)*s):   # interior
                    ts = [t for t in range(k) if (m - t) % s == 0 and 0 <= (m-t)//s < n]
                    if len(ts) != cnt[m] or any(t % s != m % s for t in ts): return False
                    if cnt[m] not in (k//s, -(-k//s)): return False
                if (k % s == 0) != (len(set(cnt[k:(n-1)*s])) == 1): return False
        return True
    c.append((r"t \equiv m \pmod s,\qquad 0 \le t \le k-1", contrib))
    c.append((r"c(m) \in \Big\{ \Big\lfloor \frac{k}{s} \Big\rfloor", contrib))
    c.append((r"です。$s \mid k$ のときだけ", contrib))
    def pattern(k, s, vals):
        cnt = tap_counts_1d(10, k, s)[k:9*s]
        per = [cnt[i] for i in range(len(cnt))]
        # interior counts equal to the stated periodic pattern (up to phase)
        return set(per) == set(vals) and all(per[i] == per[i+s] for i in range(len(per)-s))
    c.append((r"- $k=3,\ s=2$：$c = 2, 1, 2, 1, \dots$", lambda: pattern(3, 2, [2, 1]) and tap_counts_1d(10, 3, 2)[4] == 2))
    c.append((r"- $k=4,\ s=2$：$c = 2, 2, 2, \dots$", lambda: pattern(4, 2, [2])))
    c.append((r"- $k=5,\ s=2$：$c = 3, 2, 3, 2, \dots$", lambda: pattern(5, 2, [3, 2])))
    c.append((r"- $k=3,\ s=3$：$c = 1, 1, 1, \dots$", lambda: pattern(3, 3, [1])))
    y = tap_counts_1d(4, 3, 2)
    c.append((r"入力長 $n=4$、$k=3$、$s=2$ とすると", lambda: len(y) == 9 == (4-1)*2+3))
    c.append((r"y = (1,\ 1,\ 2,\ 1,\ 2,\ 1,\ 2,\ 1,\ 1).", lambda: eq(y, [1, 1, 2, 1, 2, 1, 2, 1, 1])))
    c.append((r"合計は $\sum_m y_m = n\cdot k = 12$", lambda: y.sum() == 12 == 4*3 and 1+1+2+1+2+1+2+1+1 == 12))
    y4 = tap_counts_1d(4, 4, 2)
    c.append((r"同じ設定で $k=4$ にすると出力長は $10$", lambda: len(y4) == 10))
    c.append((r"y = (1,\ 1,\ 2,\ 2,\ 2,\ 2,\ 2,\ 2,\ 1,\ 1)", lambda: eq(y4, [1, 1, 2, 2, 2, 2, 2, 2, 1, 1])))
    c.append((r"合計 $16 = 4\cdot 4$", lambda: y4.sum() == 16))
    def twod():
        Y = tconv2d(np.ones((10, 10)), np.ones((3, 3)), 2)
        c1 = tap_counts_1d(10, 3, 2)
        if not eq(Y, np.outer(c1, c1)): return False
        inner = Y[4:16, 4:16]
        vals, cnts = np.unique(inner, return_counts=True)
        fr = dict(zip(vals.tolist(), (cnts/inner.size).tolist()))
        return fr == {1.0: 0.25, 2.0: 0.5, 4.0: 0.25} and inner.max()/inner.min() == 4
    c.append((r"c(m_1)c(m_2) \in \{2\cdot 2,\ 2\cdot 1,\ 1\cdot 2,\ 1 \cdot 1\} = \{4, 2, 2, 1\},", twod))
    c.append((r"つまり内部の画素の $1/4$ が $4$", lambda: twod() and tap_counts_1d(10, 3, 2)[4:16].max()/tap_counts_1d(10, 3, 2)[4:16].min() == 2))
    Y5 = tconv2d(np.ones((2, 2)), np.ones((3, 3)), 2)
    c.append((r"Y = \begin{pmatrix}1&1&2&1&1\\1&1&2&1&1\\2&2&4&2&2", lambda: Y5.shape == (5, 5) and
              eq(Y5, [[1, 1, 2, 1, 1], [1, 1, 2, 1, 1], [2, 2, 4, 2, 2], [1, 1, 2, 1, 1], [1, 1, 2, 1, 1]]) and Y5.sum() == 36 == 4*9))
    def resize():
        # nearest x2 then 3-tap conv: every interior output depends on exactly 2 inputs
        M = lin_matrix(lambda v: conv1d(nearest1d(v, 2), np.ones(3), 1, 1), 8)
        return all(np.count_nonzero(M[j]) == 2 for j in range(1, 15)) and len(set(M[1:15].sum(1))) == 1
    c.append((r"$k$ を $s$ の倍数にする", resize))
    return c
CHECKS["07_checkerboard_ja.md"] = f07

# ================================================================ 08
def f08():
    c = []
    def sizes():
        n = 572; seq = []
        for lvl in range(5):
            n = n - 2 - 2
            if lvl < 4: n //= 2
        if n != 28: return False
        chain = [28]
        for _ in range(4):
            n = tconv_out(n, 2, 2, 0); chain.append(n)
            n = conv_out(n, 3, 1, 0); chain.append(n)
            n = conv_out(n, 3, 1, 0); chain.append(n)
        return chain == [28, 56, 54, 52, 104, 102, 100, 200, 198, 196, 392, 390, 388]
    c.append((r"**Исходные данные.**", lambda: sizes()))
    c.append((r"28 \xrightarrow{\uparrow} 56 \to 54 \to 52", sizes))
    c.append((r"Транспонированная свёртка с $k=s=2$", lambda: all(tconv_out(n, 2, 2, 0) == 2*n == (n-1)*2+2 for n in range(1, 30))
              and all(conv_out(n, 3, 1, 0) == n-2 for n in range(3, 30))))
    c.append((r"Выход сети $388\times 388$", sizes))
    c.append((r"Число параметров свёртки (с учётом смещения)", lambda: all(nparams(a, b, k) == a*b*k*k + b for a in (1, 3) for b in (2, 5) for k in (1, 3))))
    C = int(rng.integers(2, 50))
    c.append((r"P_{\uparrow} &= 2C\cdot C\cdot 2^2 + C = 8C^2 + C,", lambda: nparams(2*C, C, 2) == 8*C*C + C))
    c.append((r"P_{1} &= 2C\cdot C\cdot 3^2 + C = 18C^2 + C,", lambda: nparams(2*C, C, 3) == 18*C*C + C))
    c.append((r"P_{2} &= C\cdot C\cdot 3^2 + C = 9C^2 + C,", lambda: nparams(C, C, 3) == 9*C*C + C))
    blk = lambda C: nparams(2*C, C, 2) + nparams(2*C, C, 3) + nparams(C, C, 3)
    c.append((r"P_{\text{блок}}(C) &= 35C^2 + 3C .", lambda: blk(C) == 35*C*C + 3*C))
    c.append((r"Проверка на самом мелком блоке", lambda: nparams(128, 64, 2) == 32832 and nparams(128, 64, 3) == 73792 and
              nparams(64, 64, 3) == 36928 and blk(64) == 143552 == 35*4096 + 192))
    for C_, s in [(512, "| 512 | 9 175 040 | 1 536 | 9 176 576 |"), (256, "| 256 | 2 293 760 | 768 | 2 294 528 |"),
                  (128, "| 128 | 573 440 | 384 | 574 824 |"), (64, "| 64 | 143 360 | 192 | 143 552 |")]:
        vals = [int(v.replace(" ", "")) for v in s.strip("|").split("|")[1:]]
        c.append((s, (lambda C_=C_, vals=vals: vals == [35*C_*C_, 3*C_, blk(C_)])))
    tot = sum(blk(C_) for C_ in (512, 256, 128, 64))
    c.append((r"Сумма по четырём блокам", lambda: tot == 12189480))
    c.append((r"Добавляем выходную свёртку $1\times 1$", lambda: nparams(64, 2, 1) == 130))
    c.append((r"P_{\text{дек}} = 12\,189\,480 + 130 = 12\,189\,610", lambda: tot + nparams(64, 2, 1) == 12189610))
    c.append((r"**Замечание.**", lambda: nparams(2*C, C, 1) == 2*C*C + C and blk(512) - (nparams(1024, 512, 3) + nparams(512, 512, 3) + nparams(1024, 512, 1)) == 6*512**2 == 1572864))
    return c
CHECKS["08_unet_decoder_ru.md"] = f08

# ================================================================ 09
def f09():
    x = np.array([2., -1]); w = np.array([1., 3, 2]); g = np.array([1., 0, -1, 2, 1])
    y = tconv1d(x, w, 2)
    dx = np.array([w @ g[2*i:2*i+3] for i in range(2)])
    dw = np.array([sum(x[i]*g[2*i+k] for i in range(2)) for k in range(3)])
    c = []
    c.append((r"**Zadanie 4.**", given))
    c.append((r"y_m = \sum_{i}\sum_{k=0}^{K-1} [\, si + k = m \,]\; x_i\, w_k ,", given))
    c.append((r"zatem długość wyjścia to $(n-1)s + K = 1\cdot 2 + 3 = 5$", lambda: len(y) == 5))
    c.append((r"y = \big(2\cdot 1,\; 2\cdot 3,\; 2\cdot 2 + (-1)\cdot 1,\; (-1)\cdot 3,\; (-1)\cdot 2\big) = (2,\ 6,\ 3,\ -3,\ -2).",
              lambda: eq(y, [2, 6, 3, -3, -2])))
    def dydx():
        xx = rng.standard_normal(3); ww = rng.standard_normal(3); s = 2
        J = lin_matrix(lambda v: tconv1d(v, ww, s), 3)
        return all(close(J[m, i], ww[m - s*i] if 0 <= m - s*i <= 2 else 0) for m in range(J.shape[0]) for i in range(3))
    c.append((r"*Gradient po wejściu.* $\partial y_m/\partial x_i = w_{m - si}$", dydx))
    def gradx():
        for s in (2, 3):
            xx = rng.standard_normal(3); ww = rng.standard_normal(3); gg = rng.standard_normal((3-1)*s+3)
            fd = fd_grad(lambda v: gg @ tconv1d(v, ww, s), xx)
            claim = np.array([sum(ww[k]*gg[i+k] for k in range(3)) for i in range(3)])
            if not close(fd, claim, 1e-6): return False
        return True
    c.append((r"= \sum_{k=0}^{K-1} w_k\, g_{i+k}.", gradx))
    c.append((r"Czyli jest to zwykła korelacja $g$ z jądrem $w$", lambda: close(conv1d(g, w, 2), dx)))
    c.append((r"\frac{\partial L}{\partial x_0} = 1\cdot 1 + 3\cdot 0 + 2\cdot(-1) = -1,", lambda: close(dx[0], -1) and 1*1+3*0+2*(-1) == -1))
    c.append((r"\frac{\partial L}{\partial x_1} = 1\cdot 0 + 3\cdot(-1) + 2\cdot 2 = 1 .", lambda: close(dx[1], 1)))
    def gradw():
        xx = rng.standard_normal(3); ww = rng.standard_normal(3); s = 2; gg = rng.standard_normal(7)
        fd = fd_grad(lambda v: gg @ tconv1d(xx, v, s), ww)
        return close(fd, [sum(xx[i]*gg[s*i+k] for i in range(3)) for k in range(3)], 1e-6)
    c.append((r"*Gradient po jądrze.* $\partial y_m/\partial w_k = x_i$", gradw))
    c.append((r"\frac{\partial L}{\partial w_k} = \sum_i x_i\, g_{si + k}.", gradw))
    c.append((r"\frac{\partial L}{\partial w} = \big(2\cdot 1 + (-1)(-1),", lambda: eq(dw, [3, -2, -3])
              and close(fd_grad(lambda v: g @ tconv1d(x, v, 2), w), dw, 1e-6)))
    c.append((r"*Sprawdzenie.* $L = \langle g, y\rangle = 2 + 0 - 3 - 6 - 2 = -9$", lambda: g @ y == -9 and w @ dw == -9 == 3 - 6 - 6))
    c.append((r"**Odpowiedź:**", lambda: close(dx, [-1, 1]) and eq(dw, [3, -2, -3])))
    return c
CHECKS["09_gradient_convtranspose_pl.md"] = f09

# ================================================================ 10
def f10():
    c = []
    c.append((r"y_i = \sum_{t=0}^{k-1} w_t\, x_{i + d t}", given))
    c.append((r"n_{\text{out}} = n + 2p - d(k-1).", lambda: all(conv_out(n, k, 1, p, d) == n + 2*p - d*(k-1)
              for n in range(7, 15) for k in (2, 3) for p in (0, 1, 2) for d in (1, 2, 3))))
    c.append((r"- $k=3$, $d=2$, $p=2$: $n_{\text{out}} = n + 4 - 4 = n$", lambda: all(conv_out(n, 3, 1, d, d) == n for n in range(5, 20) for d in (1, 2, 4))))
    c.append((r"- $k=3$, $d=4$, $p=0$, $n=32$", lambda: conv_out(32, 3, 1, 0, 4) == 24))
    def rf(k, ds):
        # support of the composed (linear) stack acting on an impulse response
        n = 200; e = np.zeros(n); e[n//2] = 1.0
        # receptive field = number of inputs that influence one output
        M = np.eye(1)
        ker = np.array([1.0])
        for d in ds:
            kd = np.zeros(d*(k-1)+1); kd[::d] = 1
            ker = np.convolve(ker, kd)
        return len(ker)
    c.append((r"R = 1 + \sum_{\ell=1}^{L} d_\ell\,(k-1).", lambda: all(rf(k, ds) == 1 + sum(d*(k-1) for d in ds)
              for k in (2, 3, 5) for ds in ([1], [1, 2], [2, 3, 1], [1, 2, 4, 8]))))
    c.append((r"- $k=3$, $d = 1, 2, 4$: $R = 1 + 2(1+2+4) = 15$.", lambda: rf(3, [1, 2, 4]) == 15))
    c.append((r"- $k=3$, $d = 1, 2, 4, 8$: $R = 1 + 2\cdot 15 = 31$.", lambda: rf(3, [1, 2, 4, 8]) == 31))
    c.append((r"- WaveNet 식 $k=2$", lambda: rf(2, [2**i for i in range(10)]) == 1024 and 2**10 - 1 == sum(2**i for i in range(10))))
    c.append((r"같은 $R=15$ 를 팽창 없이", lambda: rf(3, [1]*7) == 15 and 3*3 == 9 and 3*7 == 21))
    def gradx():
        for d in (1, 2, 3):
            n = 9; k = 3; xx = rng.standard_normal(n); ww = rng.standard_normal(k); m = n - d*(k-1)
            gg = rng.standard_normal(m)
            fd = fd_grad(lambda v: gg @ conv1d(v, ww, 1, 0, d), xx)
            claim = [sum(ww[t]*(gg[j-d*t] if 0 <= j-d*t < m else 0) for t in range(k)) for j in range(n)]
            if not close(fd, claim, 1e-6): return False
            if not close(fd, tconv1d(gg, ww, 1, 0, d)): return False
        return True
    def jac():
        d, k, n = 2, 3, 9; ww = rng.standard_normal(k); J = lin_matrix(lambda v: conv1d(v, ww, 1, 0, d), n)
        return all(close(J[i, j], sum(ww[t] for t in range(k) if j == i + d*t)) for i in range(J.shape[0]) for j in range(n))
    c.append((r"$\partial y_i/\partial x_j = w_t$ ($j = i + dt$ 일 때) 이므로", jac))
    c.append((r"\frac{\partial L}{\partial x_j} = \sum_{t=0}^{k-1} w_t\, g_{\,j - d t}", gradx))
    def gradw():
        d = 2; n = 9; xx = rng.standard_normal(n); ww = rng.standard_normal(3); gg = rng.standard_normal(n - 4)
        fd = fd_grad(lambda v: gg @ conv1d(xx, v, 1, 0, d), ww)
        return close(fd, [sum(gg[i]*xx[i+d*t] for i in range(n-4)) for t in range(3)], 1e-6) and gradx()
    c.append((r"(범위 밖 $g$ 는 $0$). 즉 입력에 대한 기울기는", gradw))
    x = np.array([1., 2, 0, -1, 3, 1, 2]); w = np.array([1., -1]); g = np.array([1., 2, 0, -1])
    y = conv1d(x, w, 1, 0, 3)
    dx = fd_grad(lambda v: g @ conv1d(v, w, 1, 0, 3), x)
    c.append((r"출력 길이 $7 - 3\cdot 1 = 4$", lambda: len(y) == 4))
    c.append((r"y = (1-(-1),\ 2-3,\ 0-1,\ -1-2) = (2,\ -1,\ -1,\ -3).", lambda: eq(y, [2, -1, -1, -3])))
    c.append((r"상류 기울기 $g = (1, 2, 0, -1)$", lambda: close(dx, [g[j] - (g[j-3] if j >= 3 else 0) + 0*(j) if j < 4 else -g[j-3] for j in range(7)], 1e-6)))
    c.append((r"\frac{\partial L}{\partial x} = (1,\ 2,\ 0,\ -1-1,\ -2,\ 0,\ 1) = (1,\ 2,\ 0,\ -2,\ -2,\ 0,\ 1).", lambda: close(dx, [1, 2, 0, -2, -2, 0, 1], 1e-6)))
    c.append((r"확인: $\langle y, g\rangle = 2 - 2 + 0 + 3 = 3$", lambda: y @ g == 3 and close(x @ dx, 3, 1e-6) and 1+4+0+2-6+0+2 == 3))
    dw = fd_grad(lambda v: g @ conv1d(x, v, 1, 0, 3), w)
    c.append((r"커널 기울기:", lambda: close(dw, [6, 3], 1e-6) and 1+4+0+1 == 6 and -1+6+0-2 == 3))
    return c
CHECKS["10_dilated_conv_ko.md"] = f10

# ================================================================ 11
def f11():
    W = np.array([[1., 2], [0, -1]])
    C = lin_matrix(lambda v: conv2d(v.reshape(3, 3), W).ravel(), 9)
    X = np.array([[1., 0, 2], [-1, 3, 1], [2, 1, 0]]); G = np.array([[1., -1], [2, 0]])
    dX = (C.T @ G.ravel()).reshape(3, 3)
    c = []
    c.append((r"W=\begin{pmatrix}1&2\\0&-1\end{pmatrix}", given))
    c.append((r"The output is $2\times 2$ since $3-2+1 = 2$", lambda: conv2d(X, W).shape == (2, 2) and C.shape == (4, 9)))
    rows = ["1&2&0&0&-1&0&0&0&0\\\\", "0&1&2&0&0&-1&0&0&0\\\\", "0&0&0&1&2&0&0&-1&0\\\\", "0&0&0&0&1&2&0&0&-1"]
    for i, r_ in enumerate(rows):
        vals = [int(v) for v in r_.rstrip("\\").split("&")]
        c.append((r_, (lambda i=i, vals=vals: eq(C[i], vals))))
    def struct():
        Cg = lin_matrix(lambda v: conv2d(v.reshape(3, 3), np.array([[1., 2], [3, 4]])).ravel(), 9)
        return (all(np.count_nonzero(Cg[i]) == 4 for i in range(4)) and Cg.size == 36 and np.count_nonzero(Cg) == 16
                and np.count_nonzero(C) == 12)
    c.append((r"Each row holds the $k^2 = 4$ kernel weights", struct))
    c.append((r"X=\begin{pmatrix}1&0&2\\-1&3&1\\2&1&0\end{pmatrix}", given))
    c.append((r"Y = \begin{pmatrix} 1+0+0-3 & 0+4+0-1\\ -1+6+0-1 & 3+2+0-0\end{pmatrix} = \begin{pmatrix}-2&3\\4&5\end{pmatrix}",
              lambda: eq(conv2d(X, W), [[-2, 3], [4, 5]])))
    def grad():
        a = rng.standard_normal(4); xx = rng.standard_normal(9)
        L = lambda v: np.sum(a*(C @ v)**2)
        return close(fd_grad(L, xx), C.T @ (2*a*(C @ xx)), 1e-5) and C.T.shape == (9, 4)
    c.append((r"Now the backward pass.", grad))
    c.append((r"C^{\mathsf T}\mathbf g = 1\cdot(\text{row }1) - 1\cdot(\text{row }2)", lambda: eq(dX, [[1, 1, -2], [2, 3, 1], [0, -2, 0]])))
    c.append((r"\frac{\partial L}{\partial X}=\begin{pmatrix}1&1&-2\\2&3&1\\0&-2&0\end{pmatrix}.", lambda: eq(dX, [[1, 1, -2], [2, 3, 1], [0, -2, 0]])))
    c.append((r"Sanity check (dot-product test)", lambda: np.sum(conv2d(X, W)*G) == 3 == np.sum(X*dX) and 1+0-4-2+9+1+0-2+0 == 3))
    def rot():
        K = np.array([[1., 0], [2, -1]])
        full = conv2d(np.pad(G, 1), K)
        return eq(np.rot90(W, 2), K) and close(full, dX)
    c.append((r"cross-correlate with the kernel rotated by 180°", rot))
    def sizes():
        for H, Wd, k in [(3, 3, 2), (5, 4, 3), (28, 28, 5)]:
            CC = lin_matrix(lambda v: conv2d(v.reshape(H, Wd), np.arange(1., k*k+1).reshape(k, k)).ravel(), H*Wd)
            if CC.shape != ((H-k+1)*(Wd-k+1), H*Wd) or not all(np.count_nonzero(CC[i]) == k*k for i in range(CC.shape[0])): return False
        return (28-5+1)**2 == 576 and 28*28 == 784
    c.append((r"Sizes in general:", sizes))
    c.append((r"It is the adjoint, not the inverse", lambda: not close(C.T @ C, np.eye(9))))
    return c
CHECKS["11_convtranspose_matrix_en.md"] = f11

# ================================================================ 12
def f12():
    A = lin_matrix(lambda v: bilinear_ac_true_1d(v, 4), 2)
    G = np.array([[1., 0, 0, 2], [0, 1, -1, 0], [3, 0, 0, 0], [0, 0, 1, 1]])
    Xs = np.array([[3., 0], [6, 9]])
    U = bilinear_ac_true_2d(Xs, 4)
    c = []
    c.append((r"điểm ra thứ $i$ ứng với tọa độ nguồn", given))
    c.append((r"\xi = (0;\ \tfrac13;\ \tfrac23;\ 1)", lambda: close([i*(2-1)/(4-1) for i in range(4)], [0, 1/3, 2/3, 1])))
    c.append((r"A=\begin{pmatrix}1&0\\ \tfrac23&\tfrac13\\ \tfrac13&\tfrac23\\ 0&1\end{pmatrix}", lambda: close(A, [[1, 0], [2/3, 1/3], [1/3, 2/3], [0, 1]], 1e-12)))
    c.append((r"Mỗi hàng của $A$ có tổng bằng $1$", lambda: close(A.sum(1), 1) and close(A.sum(0), 2) and close(1+2/3+1/3, 2)))
    def sep():
        X = rng.standard_normal((2, 2))
        return close(A @ X @ A.T, bilinear_ac_true_2d(X, 4), 1e-12)
    c.append((r"U = A\,X\,A^{\top}, \qquad X\in\mathbb{R}^{2\times 2}", sep))
    def trace():
        X = rng.standard_normal((2, 2)); dXm = rng.standard_normal((2, 2)); GG = rng.standard_normal((4, 4))
        dU = A @ dXm @ A.T
        t1 = np.trace(GG.T @ dU); t2 = np.trace(GG.T @ A @ dXm @ A.T); t3 = np.trace((A.T @ GG @ A).T @ dXm)
        return close(t1, t2, 1e-10) and close(t2, t3, 1e-10)
    c.append((r"ta có $\mathrm{d}L = \operatorname{tr}(G^{\top}\,\mathrm{d}U)", trace))
    def grad():
        GG = rng.standard_normal((4, 4)); X = rng.standard_normal((2, 2))
        L = lambda XX: np.sum(GG * np.tanh(bilinear_ac_true_2d(XX, 4)))
        Gt = GG*(1 - np.tanh(bilinear_ac_true_2d(X, 4))**2)
        return close(fd_grad(L, X), A.T @ Gt @ A, 1e-6)
    c.append((r"\frac{\partial L}{\partial X} = A^{\top}\, G\, A .", grad))
    c.append((r"Chiều thuận với $X = \begin{pmatrix}3&0\\6&9\end{pmatrix}$", given))
    c.append((r"3 & 2 & 1 & 0\\", lambda: rnd_close([3, 2, 1, 0], U[0], 2)))
    c.append((r"4 & 3{,}67 & 3{,}33 & 3\\", lambda: rnd_close([4, 3.67, 3.33, 3], U[1], 2)))
    c.append((r"5 & 5{,}33 & 5{,}67 & 6\\", lambda: rnd_close([5, 5.33, 5.67, 6], U[2], 2)))
    c.append((r"6 & 7 & 8 & 9", lambda: rnd_close([6, 7, 8, 9], U[3], 2)))
    c.append((r"Bốn góc của $U$ đúng bằng", lambda: close(U[[0, 0, 3, 3], [0, 3, 0, 3]], Xs[[0, 0, 1, 1], [0, 1, 0, 1]])))
    c.append((r"G = \begin{pmatrix}1&0&0&2\\0&1&-1&0\\3&0&0&0\\0&0&1&1\end{pmatrix}.", given))
    c.append((r"Bước 1: $A^{\top} G = \begin{pmatrix} 2 & \tfrac23 & -\tfrac23 & 2\\[2pt] 2 & \tfrac13 & \tfrac23 & 1\end{pmatrix}$",
              lambda: close(A.T @ G, [[2, 2/3, -2/3, 2], [2, 1/3, 2/3, 1]], 1e-12)))
    c.append((r"\frac{\partial L}{\partial X} = \begin{pmatrix} 2 + \tfrac49 - \tfrac29 & \tfrac29 - \tfrac49 + 2",
              lambda: close(A.T @ G @ A, [[2+4/9-2/9, 2/9-4/9+2], [2+2/9+2/9, 1/9+4/9+1]], 1e-12)))
    c.append((r"= \begin{pmatrix} \tfrac{20}{9} & \tfrac{16}{9}\\[2pt] \tfrac{22}{9} & \tfrac{14}{9}\end{pmatrix}",
              lambda: close(A.T @ G @ A, np.array([[20, 16], [22, 14]])/9, 1e-12)))
    c.append((r"\approx \begin{pmatrix} 2{,}22 & 1{,}78\\ 2{,}44 & 1{,}56\end{pmatrix}.", lambda: rnd_close([[2.22, 1.78], [2.44, 1.56]], A.T @ G @ A, 2)))
    c.append((r"**Kiểm tra.** Vì $A\mathbf{1} = \mathbf{1}$", lambda: close(A @ np.ones(2), np.ones(4)) and G.sum() == 8
              and close((A.T @ G @ A).sum(), 8) and 20+16+22+14 == 72))
    return c
CHECKS["12_bilinear_2d_vi.md"] = f12

# ================================================================ 13
def zero_insert(x, s):
    z = np.zeros((len(x)-1)*s + 1); z[::s] = x; return z

def f13():
    c = []
    c.append((r"L_z = (n-1)(s-1) + n = ns - n + 1 .", lambda: all(len(zero_insert(np.ones(n), s)) == (n-1)*(s-1)+n == n*s - n + 1
              for n in range(1, 8) for s in range(1, 5))))
    c.append((r"L_p = L_z + 2(k-1-p).", given))
    def nout():
        for n in range(1, 7):
            for s in range(1, 4):
                for k in range(1, 5):
                    for p in range(0, k):
                        x = rng.standard_normal(n); w = rng.standard_normal(k)
                        zp = np.pad(zero_insert(x, s), k-1-p)
                        y = conv1d(zp, w[::-1])
                        if len(y) != n*s - n - 2*p + k or not close(y, tconv1d(x, w, s, p)): return False
        return True
    c.append((r"n_{\text{çıkış}} = L_p - k + 1 = ns - n + 1 + 2(k-1-p) - k + 1 = ns - n - 2p + k .", nout))
    x = np.array([2., -1]); w = np.array([1., 3, 2])
    zp = np.pad(zero_insert(x, 2), 2); y = conv1d(zp, w[::-1])
    c.append((r"Formülden $n_{\text{çıkış}} = 4 - 2 - 0 + 3 = 5$", lambda: len(tconv1d(x, w, 2)) == 5 == 4-2-0+3))
    c.append((r"1. Sıfır ekleme: $(2,\ 0,\ -1)$.", lambda: eq(zero_insert(x, 2), [2, 0, -1])))
    c.append((r"2. Her iki uca $k-1-p = 2$ sıfır", lambda: eq(zp, [0, 0, 2, 0, -1, 0, 0])))
    c.append((r"3. Ters çekirdek $\tilde w = (2,\ 3,\ 1)$", lambda: eq(w[::-1], [2, 3, 1])))
    ys = [r"y_0 &= 0\cdot 2 + 0\cdot 3 + 2\cdot 1 = 2,", r"y_1 &= 0\cdot 2 + 2\cdot 3 + 0\cdot 1 = 6,",
          r"y_2 &= 2\cdot 2 + 0\cdot 3 + (-1)\cdot 1 = 3,", r"y_3 &= 0\cdot 2 + (-1)\cdot 3 + 0\cdot 1 = -3,",
          r"y_4 &= (-1)\cdot 2 + 0\cdot 3 + 0\cdot 1 = -2."]
    vals = [2, 6, 3, -3, -2]
    for i, s_ in enumerate(ys):
        c.append((s_, (lambda i=i: y[i] == vals[i] and close(zp[i:i+3] @ np.array([2, 3, 1]), vals[i]))))
    c.append((r"(2,\ 6,\ 4,\ 0,\ 0) + (0,\ 0,\ -1,\ -3,\ -2) = (2,\ 6,\ 3,\ -3,\ -2).", lambda: eq(tconv1d(x, w, 2), [2, 6, 3, -3, -2])
              and eq(tconv1d(np.array([2., 0]), w, 2), [2, 6, 4, 0, 0]) and eq(tconv1d(np.array([0., -1]), w, 2), [0, 0, -1, -3, -2])))
    c.append((r"Bu yöntem kavramsal olarak güzel ama israflıdır", lambda: len(zp) == 7 and np.count_nonzero(zp) == 2
              and len(y)*3 == 15 and len(x)*len(w) == 6))
    return c
CHECKS["13_sifir_ekleme_tr.md"] = f13

# ================================================================ 14
def pixel_unshuffle(y, r):
    N, C, H, W = y.shape
    return y.reshape(N, C, H//r, r, W//r, r).transpose(0, 1, 3, 5, 2, 4).reshape(N, C*r*r, H//r, W//r)

def f14():
    c = []
    c.append((r"\mathrm{PS}_r(z)[c,h,w] = z\big[c r^2 + (h \bmod r)\, r + (w \bmod r),", lambda: close(pixel_shuffle(np.arange(72.).reshape(1, 8, 3, 3), 2),
              pixel_shuffle_idx(np.arange(72.).reshape(1, 8, 3, 3), 2))))
    def perm():
        P = lin_matrix(lambda v: pixel_shuffle(v.reshape(1, 8, 2, 3), 2).ravel(), 48)
        return (set(np.unique(P)) <= {0.0, 1.0} and close(P.sum(0), 1) and close(P.sum(1), 1) and close(P.T @ P, np.eye(48)))
    c.append((r"**Stelling 6.7.**", perm))
    def grad():
        z = rng.standard_normal((1, 8, 2, 2)); A = rng.standard_normal((1, 2, 4, 4))
        L = lambda zz: np.sum(A*np.sin(pixel_shuffle(zz, 2)))
        g = A*np.cos(pixel_shuffle(z, 2))
        fd = fd_grad(L, z)
        P = lin_matrix(lambda v: pixel_shuffle(v.reshape(1, 8, 2, 2), 2).ravel(), 32)
        return close(fd, pixel_unshuffle(g, 2), 1e-6) and close(fd.ravel(), P.T @ g.ravel(), 1e-6)
    c.append((r"\frac{\partial L}{\partial z} = P^{\top} \frac{\partial L}{\partial y} = \mathrm{PS}_r^{-1}", grad))
    def bij():
        for r in (2, 3):
            C, H, W = 2, 3, 2
            seen = set()
            for cc in range(C):
                for h in range(r*H):
                    for w in range(r*W):
                        cp, i, j = cc*r*r + (h % r)*r + (w % r), h//r, w//r
                        seen.add((cp, i, j))
                        if (cp//(r*r), r*i + (cp % (r*r))//r, r*j + cp % r) != (cc, h, w): return False
            if len(seen) != C*r*r*H*W: return False
        return perm()
    c.append((r"*Bewijs.* De afbeelding", bij))
    def cons():
        P = lin_matrix(lambda v: pixel_shuffle(v.reshape(1, 8, 2, 3), 2).ravel(), 48)
        v = rng.standard_normal(48)
        return close(abs(np.linalg.det(P)), 1) and close(np.linalg.norm(P.T @ v), np.linalg.norm(v))
    c.append((r"- $\det P = \pm 1$", cons))
    c.append((r"- Voor een invoer van vorm $(12, 8, 8)$", lambda: 12*8*8 == 768 and
              pixel_shuffle(np.zeros((1, 12, 8, 8)), 2).size == 768))
    G = np.array([[0.1, -0.2, 0.3, 0.4], [0.5, 0, -0.6, 0.7]])
    dz = pixel_unshuffle(G.reshape(1, 1, 2, 4), 2)[0]
    c.append((r"G = \frac{\partial L}{\partial y} = \begin{pmatrix} 0{,}1 & -0{,}2", given))
    c.append((r"Kanaal $c' = (h \bmod 2)\cdot 2 + (w \bmod 2)$", lambda: True))
    c.append((r"\frac{\partial L}{\partial z_0} = (0{,}1;\ 0{,}3),\quad", lambda: close(dz[0, 0], [0.1, 0.3])))
    c.append((r"\frac{\partial L}{\partial z_1} = (-0{,}2;\ 0{,}4),\quad", lambda: close(dz[1, 0], [-0.2, 0.4])))
    c.append((r"\frac{\partial L}{\partial z_2} = (0{,}5;\ -0{,}6),\quad", lambda: close(dz[2, 0], [0.5, -0.6])))
    c.append((r"\frac{\partial L}{\partial z_3} = (0;\ 0{,}7).", lambda: close(dz[3, 0], [0, 0.7])))
    c.append((r"Normcontrole:", lambda: close((G**2).sum(), 1.40) and rnd_close(1.18, np.sqrt((G**2).sum()), 2)
              and close(np.linalg.norm(dz), np.linalg.norm(G))))
    def equiv():
        # 1-D: transposed conv (kernel r*k, stride r) == LR conv with r channels + shuffle
        r, k, n = 2, 3, 6
        K = rng.standard_normal(r*k); x = rng.standard_normal(n)
        y = tconv1d(x, K, r)
        xp = np.concatenate([np.zeros(k-1), x, np.zeros(k-1)])
        chans = [np.array([sum(xp[q + k - 1 - j] * K[r*j + a] for j in range(k)) for q in range(n + k - 1)]) for a in range(r)]
        ys = np.stack(chans, 1).ravel()
        return close(y, ys[:len(y)], 1e-12) and len(ys) == r*(n+k-1)
    c.append((r"Shi e.a. (2016) merken op", equiv))
    c.append((r"C_{\text{in}} \cdot C r^2 \cdot k^2 = C_{\text{in}} \cdot C \cdot (rk)^2 .", lambda: all(
        nparams(ci, co*r*r, k, False) == nparams(ci, co, r*k, False) for ci in (3, 8) for co in (1, 3) for r in (2, 3) for k in (1, 3))))
    c.append((r"Met $C_{\text{in}} = 64$, $C = 3$", lambda: nparams(64, 12, 3, False) == 6912 == nparams(64, 3, 6, False)
              and 64*12*9 == 6912 and 64*3*36 == 6912 and 3*4 == 12))
    return c
CHECKS["14_pixelshuffle_gradient_nl.md"] = f14

# ================================================================ 15
def f15():
    x = np.array([2., 1, -1, 3, 0, 1]); w = np.array([1., -2, 1]); g = np.array([1., 2, -1])
    y = conv1d(x, w, 2, 1)
    xb = np.pad(x, 1)
    dx = fd_grad(lambda v: g @ conv1d(v, w, 2, 1), x)
    dw = fd_grad(lambda v: g @ conv1d(x, v, 2, 1), w)
    c = []
    c.append((r"**Zadání.** Vstup $x = (2, 1, -1, 3, 0, 1)$", given))
    c.append((r"\lfloor 2{,}5 \rfloor + 1 = 3", lambda: len(y) == 3 and (6+2-3)/2 == 2.5))
    c.append((r"Doplněný vstup je $\bar x = (0,\ 2,\ 1,\ -1,\ 3,\ 0,\ 1,\ 0)$", lambda: eq(xb, [0, 2, 1, -1, 3, 0, 1, 0])))
    c.append((r"y_0 &= 1\cdot 0 + (-2)\cdot 2 + 1\cdot 1 = -3,", lambda: y[0] == -3))
    c.append((r"y_1 &= 1\cdot 1 + (-2)\cdot(-1) + 1\cdot 3 = 6,", lambda: y[1] == 6))
    c.append((r"y_2 &= 1\cdot 3 + (-2)\cdot 0 + 1\cdot 1 = 4.", lambda: y[2] == 4))
    c.append((r"Poslední prvek $\bar x_7$", lambda: 2*(len(y)-1) + 2 == 6 < 7))
    def idx(sgn):
        ww = rng.standard_normal(3); xx = rng.standard_normal(6); p = 1
        J = lin_matrix(lambda v: conv1d(v, ww, 2, p), 6)
        for j in range(J.shape[0]):
            for m in range(6):
                t = m + sgn*p - 2*j
                if not close(J[j, m], ww[t] if 0 <= t <= 2 else 0.0): return False
        return True
    c.append((r"je $\partial y_j/\partial x_m = w_{m - p - 2j}$", lambda: idx(-1)))
    c.append((r"\frac{\partial L}{\partial x_m} = \sum_j g_j\, w_{m - p - 2j}.", lambda: idx(-1)))
    c.append((r"To je transponovaná konvoluce $g$", lambda: close(tconv1d(g, w, 2, 1, 1, 1), dx, 1e-6)))
    dxb = np.zeros(8)
    for j in range(3): dxb[2*j:2*j+3] += g[j]*w
    c.append((r"(1, -2, 1, 0, 0, 0, 0, 0) + (0, 0, 2, -4, 2, 0, 0, 0) + (0, 0, 0, 0, -1, 2, -1, 0) = (1, -2, 3, -4, 1, 2, -1, 0)",
              lambda: eq(dxb, [1, -2, 3, -4, 1, 2, -1, 0])))
    c.append((r"\frac{\partial L}{\partial x} = (-2,\ 3,\ -4,\ 1,\ 2,\ -1).", lambda: close(dx, [-2, 3, -4, 1, 2, -1], 1e-6)))
    c.append((r"*Pozor na velikost:*", lambda: tconv_out(3, 3, 2, 1) == 5 and tconv_out(3, 3, 2, 1, 1, 1) == 6 and
              close(tconv1d(g, w, 2, 1, 1, 0), dx[:5], 1e-6) and close(dx[5], -1, 1e-6)))
    c.append((r"*Gradient podle jádra.* $\dfrac{\partial L}{\partial w_t} = \sum_j g_j\, \bar x_{2j+t}$",
              lambda: close(dw, [sum(g[j]*xb[2*j+t] for j in range(3)) for t in range(3)], 1e-6)))
    c.append((r"\big(0 + 2 - 3,\ \ 2 - 2 + 0,\ \ 1 + 6 - 1\big) = (-1,\ 0,\ 6)", lambda: close(dw, [-1, 0, 6], 1e-6)))
    c.append((r"*Kontrola.*", lambda: g @ y == 5 and close(x @ dx, 5, 1e-6) and close(w @ dw, 5, 1e-6) and -4+3+4+3+0-1 == 5))
    return c
CHECKS["15_gradient_strided_conv_cs.md"] = f15

# ================================================================ 16
def f16():
    def resize_conv(x, w):
        return conv1d(nearest1d(x, 2), w, 1, 1)
    def kp(w): return np.array([w[2], w[1]+w[2], w[0]+w[1], w[0]])
    c = []
    c.append((r"Let $u = \mathrm{NN}_2(x)$", given))
    def formulas():
        x = rng.standard_normal(6); w = rng.standard_normal(3); y = resize_conv(x, w)
        for i in range(1, 5):
            if not close(y[2*i], w[0]*x[i-1] + (w[1]+w[2])*x[i]): return False
        return True
    def formulas2():
        x = rng.standard_normal(6); w = rng.standard_normal(3); y = resize_conv(x, w)
        return all(close(y[2*i+1], (w[0]+w[1])*x[i] + w[2]*x[i+1]) for i in range(0, 5))
    c.append((r"y_{2i}   &= w_0\, x_{i-1} + (w_1 + w_2)\, x_i, \\", formulas))
    c.append((r"y_{2i+1} &= (w_0 + w_1)\, x_i + w_2\, x_{i+1}.", formulas2))
    def equiv():
        for n in (3, 5):
            x = rng.standard_normal(n); w = rng.standard_normal(3)
            if not close(resize_conv(x, w), tconv1d(x, kp(w), 2, 1), 1e-12): return False
        return True
    c.append((r"Read it the other way round", equiv))
    c.append((r"k' = (w_2,\ w_1 + w_2,\ w_0 + w_1,\ w_0),", equiv))
    c.append((r"Output length checks out", lambda: all(tconv_out(n, 4, 2, 1) == 2*n == (n-1)*2 - 2 + 4 for n in range(1, 10))))
    def taps():
        cnt = tap_counts_1d(8, 4, 2)[4:14]
        return set(cnt) == {2}
    c.append((r"With $k'=4$ and $s=2$, every interior output gets exactly two taps", taps))
    def ksum():
        w = rng.standard_normal(3); k = kp(w)
        y = tconv1d(np.ones(8), k, 2, 1)
        return close(k[1]+k[3], w.sum()) and close(k[0]+k[2], w.sum()) and close(y[2:-2], w.sum())
    c.append((r"k'_1 + k'_3 = w_0 + w_1 + w_2 = k'_0 + k'_2 ,", ksum))
    c.append((r"so a constant input gives a constant output", ksum))
    x = np.array([1., 3, 2]); w = np.array([1., 2, -1]); y = resize_conv(x, w)
    c.append((r"so $k' = (-1,\ 1,\ 3,\ 1)$", lambda: eq(kp(w), [-1, 1, 3, 1]) and eq(nearest1d(x, 2), [1, 1, 3, 3, 2, 2])))
    up = np.concatenate([[0], nearest1d(x, 2), [0]])
    rows = ["| 0 | (0, 1, 1) | $0 + 2 - 1 = 1$ |", "| 1 | (1, 1, 3) | $1 + 2 - 3 = 0$ |", "| 2 | (1, 3, 3) | $1 + 6 - 3 = 4$ |",
            "| 3 | (3, 3, 2) | $3 + 6 - 2 = 7$ |", "| 4 | (3, 2, 2) | $3 + 4 - 2 = 5$ |", "| 5 | (2, 2, 0) | $2 + 4 - 0 = 6$ |"]
    for j, r_ in enumerate(rows):
        win = [int(v) for v in r_.split("|")[2].strip(" ()").split(",")]
        val = int(r_.split("=")[-1].strip(" $|"))
        c.append((r_, (lambda j=j, win=win, val=val: eq(up[j:j+3], win) and y[j] == val)))
    c.append((r"With the formulas: $y_3 = (w_0+w_1)x_1 + w_2 x_2 = 3\cdot 3 - 2 = 7$", lambda: (w[0]+w[1])*x[1] + w[2]*x[2] == 7 == y[3]
              and w[0]*x[1] + (w[1]+w[2])*x[2] == 5 == y[4]))
    g = np.array([1., -1, 0, 2, 1, 0])
    dx = fd_grad(lambda v: g @ resize_conv(v, w), x)
    def bw():
        k = kp(w); gp = lambda m: g[m] if 0 <= m < 6 else 0
        claim = [k[0]*gp(2*i-1) + k[1]*gp(2*i) + k[2]*gp(2*i+1) + k[3]*gp(2*i+2) for i in range(3)]
        return close(dx, claim, 1e-6) and close(dx, [-2, 8, -1], 1e-6) and y @ g == 20 == 1+0+0+14+5+0 and close(x @ dx, 20, 1e-6)
    c.append((r"The backward pass is the adjoint", bw))
    c.append((r"In 2-D the resize-conv has $9\,C_{\text{in}}C_{\text{out}}$ weights", lambda: nparams(5, 7, 3, False) == 9*35 and nparams(5, 7, 4, False) == 16*35))
    c.append((r"- resize-conv: $9 \cdot 64 \cdot 64 \cdot (64\cdot 64) = 150{,}994{,}944$ MACs,", lambda: 9*64*64*(64*64) == 150994944 and tconv_out(32, 4, 2, 1) == 64))
    c.append((r"- transposed conv: $16 \cdot 64 \cdot 64 \cdot (32 \cdot 32) = 67{,}108{,}864$ MACs,", lambda: 16*64*64*32*32 == 67108864))
    c.append((r"a ratio of $36/16 = 2.25$", lambda: 150994944/67108864 == 2.25 == 36/16))
    return c
CHECKS["16_resize_conv_vs_deconv_en.md"] = f16

# ---------------------------------------------------------------- driver
def main():
    expected = json.load(open(os.path.join(HERE, "expected.json")))
    bad = 0
    for fname in sorted(CHECKS):
        lines = open(os.path.join(HERE, fname), encoding="utf-8").read().split("\n")
        fails = []
        for sub, fn in CHECKS[fname]():
            hits = [i for i, l in enumerate(lines) if sub in l]
            if len(hits) != 1:
                print(f"  [{fname}] substring found {len(hits)} times: {sub!r}"); bad += 1; continue
            ok = bool(fn())
            if not ok:
                fails.append(hits[0] + 1)
        first = min(fails) if fails else None
        exp = expected.get(fname, "MISSING")
        status = "OK" if first == exp else "MISMATCH"
        if status != "OK": bad += 1
        print(f"{status:8s} {fname}: first failing line {first}, expected {exp}, failing lines {sorted(fails)}")
    missing = set(expected) - set(CHECKS)
    if missing:
        print("files in expected.json without checks:", missing); bad += 1
    sys.exit(1 if bad else 0)

if __name__ == "__main__":
    main()
