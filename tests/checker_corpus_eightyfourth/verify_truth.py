#!/usr/bin/env python3
"""Independent NumPy verification of the corpus.

For every file, every line containing math is registered either as a GIVEN
(definition / data / statement of notation) or as a CHECK (a claim that is
recomputed numerically: worked numbers to printed precision, symbolic
derivatives by central finite differences at random points, identities at
random points, sizes by building arrays).  Lines are located by a unique
substring.  The first line whose check fails must equal expected.json.
"""
import json, os, re, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(12345)

# ----------------------------------------------------------------- helpers
def rnd(*shape):
    return RNG.standard_normal(shape)

def spd(n):
    M = rnd(n, n)
    return M @ M.T + n * np.eye(n)

def fd(f, X, h=1e-6):
    """central finite-difference gradient of scalar f at array X (same shape)."""
    X = np.array(X, dtype=float)
    G = np.zeros_like(X)
    it = np.nditer(X, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        Xp = X.copy(); Xp[i] += h
        Xm = X.copy(); Xm[i] -= h
        G[i] = (f(Xp) - f(Xm)) / (2 * h)
    return G

def fd_jac(F, x, h=1e-6):
    """numerator-layout Jacobian dF/dx^T of vector F at vector x."""
    x = np.array(x, dtype=float)
    cols = []
    for j in range(x.size):
        e = np.zeros_like(x); e.flat[j] = h
        cols.append((np.ravel(F(x + e)) - np.ravel(F(x - e))) / (2 * h))
    return np.array(cols).T

def close(a, b, tol=1e-5):
    a = np.asarray(a, dtype=float); b = np.asarray(b, dtype=float)
    if a.shape != b.shape:
        return False
    return bool(np.allclose(a, b, rtol=tol, atol=tol))

def num(s):
    """parse a printed number (decimal comma or point, unicode minus)."""
    s = s.strip().replace("\u2212", "-").replace(" ", "").replace("\u202f", "")
    s = s.replace(",", ".")
    return float(s)

def ndec(s):
    s = s.strip().replace(",", ".")
    return len(s.split(".")[1]) if "." in s else 0

def rounds(value, printed):
    """value agrees with the printed string to its printed precision."""
    p = num(printed)
    d = ndec(printed)
    return abs(value - p) <= 0.5 * 10 ** (-d) + 1e-9

def rounds_all(values, printed_list):
    values = np.ravel(np.asarray(values, dtype=float))
    if values.size != len(printed_list):
        return False
    return all(rounds(v, p) for v, p in zip(values, printed_list))

def sym(M):
    return (M + M.T) / 2

def vec(M):
    return np.asarray(M).reshape(-1, order="F")

def unvec(v, shape):
    return np.asarray(v).reshape(shape, order="F")

def repeat_random(test, n=5):
    return all(test() for _ in range(n))

# ----------------------------------------------------------------- registry
FILES = {}

def register(name):
    def deco(fn):
        FILES[name] = fn
        return fn
    return deco

STRUCTURAL = re.compile(r"^\s*(\$\$|\\begin\{[a-z*]+\}|\\end\{[a-z*]+\}|```\w*|---|)\s*$")
MATH_MARK = re.compile(r"[$=\\∂∇⊗ᵀ⁻√∑≈→⇒×·]")

def is_math_line(line):
    if line.startswith("<!--"):
        return False
    if STRUCTURAL.match(line):
        return False
    return bool(MATH_MARK.search(line))

class Ctx:
    def __init__(self, name):
        self.name = name
        with open(os.path.join(HERE, name), encoding="utf-8") as fh:
            self.lines = fh.read().split("\n")
        if self.lines and self.lines[-1] == "":
            self.lines = self.lines[:-1]
        self.covered = {}
        self.results = []   # (lineno, ok, label)
        self.problems = []

    def find(self, sub):
        hits = [i + 1 for i, l in enumerate(self.lines) if sub in l]
        if len(hits) != 1:
            self.problems.append(f"substring {sub!r} found on lines {hits}")
            return None
        return hits[0]

    def given(self, sub):
        ln = self.find(sub)
        if ln is not None:
            self.covered.setdefault(ln, []).append("given")
        return ln

    def check(self, sub, ok, label=""):
        ln = self.find(sub)
        if ln is None:
            return
        try:
            res = bool(ok() if callable(ok) else ok)
        except Exception as exc:  # a crashing check is a failing check
            res = False
            label += f" (exception {exc!r})"
        self.covered.setdefault(ln, []).append("check")
        self.results.append((ln, res, label or sub))

    def first_failure(self):
        bad = sorted(ln for ln, ok, _ in self.results if not ok)
        return bad[0] if bad else None

    def uncovered(self):
        return [i + 1 for i, l in enumerate(self.lines)
                if is_math_line(l) and (i + 1) not in self.covered]

# ----------------------------------------------------------------- files

@register("01_trace_derivatives_cookbook_en.md")
def f01(c):
    c.given("Assume $\\mathbf{X}$ is an $n\\times n$ matrix")
    n = 3
    def ident(fun, grad):
        def t():
            X, A, B = rnd(n, n), rnd(n, n), rnd(n, n)
            return close(fd(lambda Z: fun(Z, A, B), X), grad(X, A, B))
        return lambda: repeat_random(t, 3)
    tr = np.trace
    c.check("\\operatorname{Tr}(\\mathbf{X}) = \\mathbf{I} \\qquad (99)",
            ident(lambda X, A, B: tr(X), lambda X, A, B: np.eye(n)))
    c.check("(100)$$", ident(lambda X, A, B: tr(X @ A), lambda X, A, B: A.T))
    c.check("(101)$$", ident(lambda X, A, B: tr(A @ X @ B), lambda X, A, B: A.T @ B.T))
    c.check("(102)$$", ident(lambda X, A, B: tr(A @ X.T @ B), lambda X, A, B: B @ A))
    c.check("(103)$$", ident(lambda X, A, B: tr(X.T @ A), lambda X, A, B: A))
    c.check("(104)$$", ident(lambda X, A, B: tr(A @ X.T), lambda X, A, B: A))
    c.check("(106)$$", ident(lambda X, A, B: tr(X @ X), lambda X, A, B: 2 * X.T))
    c.check("(107)$$", ident(lambda X, A, B: tr(X @ X @ B), lambda X, A, B: (X @ B + B @ X).T))
    c.check("(108)$$", ident(lambda X, A, B: tr(X.T @ B @ X), lambda X, A, B: B @ X + B.T @ X))
    c.check("(111)$$", ident(lambda X, A, B: tr(X @ B @ X.T), lambda X, A, B: X @ B.T + X @ B))
    def idx_sum(X, B):
        return sum(X[j, i] * B[j, k] * X[k, i] for i in range(n) for j in range(n) for k in range(n))
    c.check("\\sum_{i}\\sum_{j}\\sum_{k} X_{ji}B_{jk}X_{ki}$$", lambda: repeat_random(
        lambda: (lambda X, B: abs(idx_sum(X, B) - tr(X.T @ B @ X)) < 1e-9)(rnd(n, n), rnd(n, n))))
    def t_idx():
        X, B = rnd(n, n), rnd(n, n)
        G = fd(lambda Z: idx_sum(Z, B), X)
        e1 = np.array([[sum(B[m, k] * X[k, nn] for k in range(n)) + sum(X[j, nn] * B[j, m] for j in range(n))
                        for nn in range(n)] for m in range(n)])
        return close(G, e1) and close(G, B @ X + B.T @ X)
    c.check("\\frac{\\partial}{\\partial X_{mn}}\\sum_{ijk}", lambda: repeat_random(t_idx))
    def t_symm():
        X, B = rnd(n, n), rnd(n, n); B = B + B.T
        return close(fd(lambda Z: tr(Z.T @ B @ Z), X), 2 * B @ X)
    c.check("(108) reduces to $2\\mathbf{B}\\mathbf{X}$", lambda: repeat_random(t_symm))
    A = np.array([[1, 2], [3, 4.]]); X = np.array([[1, 0], [2, 1.]])
    c.given("\\mathbf{A} = \\begin{bmatrix}1 & 2\\\\ 3 & 4\\end{bmatrix}, \\qquad \\mathbf{X}")
    c.check("\\mathbf{A}\\mathbf{X} = \\begin{bmatrix}5 & 2\\\\ 11 & 4\\end{bmatrix}",
            lambda: close(A @ X, [[5, 2], [11, 4]]) and np.trace(A @ X) == 9)
    c.check("and by (100) (note", lambda: repeat_random(
        lambda: (lambda P, Q: abs(tr(P @ Q) - tr(Q @ P)) < 1e-9)(rnd(3, 3), rnd(3, 3))))
    c.check("= \\mathbf{A}^T = \\begin{bmatrix}1 & 3\\\\ 2 & 4\\end{bmatrix}",
            lambda: close(fd(lambda Z: tr(A @ Z), X), [[1, 3], [2, 4]]) and close(A.T, [[1, 3], [2, 4]]))
    c.check("\\mathbf{X}^T\\mathbf{A}\\mathbf{X} = \\begin{bmatrix}27 & 10",
            lambda: close(X.T @ A @ X, [[27, 10], [11, 4]]) and tr(X.T @ A @ X) == 31)
    c.check("\\mathbf{A}+\\mathbf{A}^T = \\begin{bmatrix}2 & 5",
            lambda: close(A + A.T, [[2, 5], [5, 8]])
            and close(fd(lambda Z: tr(Z.T @ A @ Z), X), [[12, 5], [21, 8]])
            and close((A + A.T) @ X, [[12, 5], [21, 8]]))
    def t_eps():
        E = np.zeros((2, 2)); E[0, 0] = 0.01; Xp = X + E
        v = tr(Xp.T @ A @ Xp)
        return rounds(v, "31.1201") and rounds(v - 31, "0.1201") and rounds(12 * 0.01, "0.12") \
            and rounds(A[0, 0] * 0.01 ** 2, "0.0001")
    c.check("Check: increasing $X_{11}$", t_eps)

# ----------------------------------------------------------------- driver
def main(only=None):
    with open(os.path.join(HERE, "expected.json"), encoding="utf-8") as fh:
        expected = json.load(fh)
    all_ok = True
    names = sorted(set(expected) | set(FILES))
    for name in names:
        if only and only not in name:
            continue
        if name not in FILES or name not in expected:
            print(f"{name}: MISMATCH (missing check function or expected entry)")
            all_ok = False
            continue
        c = Ctx(name)
        FILES[name](c)
        unc = c.uncovered()
        first = c.first_failure()
        exp = expected[name]
        ok = (first == exp) and not c.problems and not unc
        status = "OK" if ok else "MISMATCH"
        extra = ""
        if c.problems:
            extra += f" problems={c.problems}"
        if unc:
            extra += f" uncovered_math_lines={unc}"
        n_checks = len(c.results)
        print(f"{name}: {status} (first failing line {first}, expected {exp}, "
              f"{n_checks} checks, {len(c.covered)} lines covered){extra}")
        if not ok:
            all_ok = False
            fails = [(ln, lab) for ln, okk, lab in c.results if not okk]
            for ln, lab in fails[:5]:
                print(f"    failing line {ln}: {lab[:90]}")
    return 0 if all_ok else 1

@register("02_logdet_inverse_magnus_en.md")
def f02(c):
    inv, det, tr = np.linalg.inv, np.linalg.det, np.trace
    n = 3
    def rX():
        X = rnd(n, n) + 3 * np.eye(n)
        return X
    c.given("Let $X$ be a nonsingular $n\\times n$ matrix")
    c.check("Differentiating $XX^{-1} = I_n$ gives", lambda: (lambda X: close(X @ inv(X), np.eye(n)))(rX()))
    def dinv(X, E, h=1e-6):
        return (inv(X + h * E) - inv(X - h * E)) / (2 * h)
    def t1():
        X, E = rX(), rnd(n, n)
        return close(E @ inv(X) + X @ dinv(X, E), np.zeros((n, n)))
    c.check("$$(\\mathrm{d}X)X^{-1} + X\\,\\mathrm{d}X^{-1} = 0,$$", lambda: repeat_random(t1))
    def t2():
        X, E = rX(), rnd(n, n)
        return close(dinv(X, E), -inv(X) @ E @ inv(X))
    c.check("\\tag{1}", lambda: repeat_random(t2))
    def t3():
        A, B, C = rnd(2, 3), rnd(3, 4), rnd(4, 5)
        return close(vec(A @ B @ C), np.kron(C.T, A) @ vec(B))
    c.check("using $\\operatorname{vec}ABC = (C'\\otimes A)", lambda: repeat_random(t3))
    def t4():
        X, E = rX(), rnd(n, n)
        return close(vec(dinv(X, E)), -np.kron(inv(X.T), inv(X)) @ vec(E))
    c.check("\\mathrm{d}\\operatorname{vec}X^{-1} = -\\left(", lambda: repeat_random(t4))
    def t5():
        X = rX()
        J = fd_jac(lambda v: vec(inv(unvec(v, (n, n)))), vec(X))
        return close(J, -np.kron(inv(X.T), inv(X)))
    c.check("\\tag{2}", lambda: repeat_random(t5))
    def t6():
        X = rX(); Xi = inv(X)
        J = -np.kron(inv(X.T), inv(X))
        ok = J.shape == (n * n, n * n)
        for i in range(n):
            for j in range(n):
                for k in range(n):
                    for l in range(n):
                        E = np.zeros((n, n)); E[k, l] = 1
                        ok &= abs(dinv(X, E)[i, j] - (-Xi[i, k] * Xi[l, j])) < 1e-5
        return ok
    c.check("an $n^2\\times n^2$ matrix. Elementwise", t6)
    def cof(X):
        C = np.zeros_like(X)
        for i in range(X.shape[0]):
            for j in range(X.shape[1]):
                M = np.delete(np.delete(X, i, 0), j, 1)
                C[i, j] = (-1) ** (i + j) * det(M)
        return C
    def t7():
        X = rX()
        C = cof(X)
        return close(fd(det, X), C) and close(C.T, det(X) * inv(X))
    c.check("Expanding $|X|$ along its $i$-th row", lambda: repeat_random(t7))
    def t8():
        X, E = rX(), rnd(n, n); h = 1e-6
        d = (det(X + h * E) - det(X - h * E)) / (2 * h)
        return abs(d - tr(cof(X).T @ E)) < 1e-5 and abs(d - det(X) * tr(inv(X) @ E)) < 1e-5
    c.check("\\tag{3}", lambda: repeat_random(t8))
    c.given("and therefore, when $|X|>0$,")
    def t9():
        X, E = rX(), rnd(n, n); h = 1e-6
        if det(X) < 0:
            X[0] *= -1
        d = (np.log(det(X + h * E)) - np.log(det(X - h * E))) / (2 * h)
        return abs(d - tr(inv(X) @ E)) < 1e-5
    c.check("\\tag{4}", lambda: repeat_random(t9))
    def t10():
        A = rnd(n, n)
        return close(fd(lambda Z: tr(A.T @ Z), rnd(n, n)), A)
    c.check("The first identification theorem states", t10)
    def posdet():
        X = rX()
        if det(X) < 0:
            X[0] *= -1
        return X
    def t11():
        X = posdet()
        return close(fd(lambda Z: np.log(det(Z)), X), inv(X))
    c.check("\\tag{5}", lambda: repeat_random(t11), "d log|X|/dX = X^{-1} (true: X^{-T})")
    c.given("In the same way, for a constant matrix $A$, (1) gives")
    def t12():
        X, E, A = rX(), rnd(n, n), rnd(n, n); h = 1e-6
        d = (tr(A @ inv(X + h * E)) - tr(A @ inv(X - h * E))) / (2 * h)
        Xi = inv(X)
        return abs(d + tr(A @ Xi @ E @ Xi)) < 1e-5 and abs(d + tr(Xi @ A @ Xi @ E)) < 1e-5
    c.check("$$\\mathrm{d}\\operatorname{tr}AX^{-1} = ", lambda: repeat_random(t12))
    def t13():
        X, A = rX(), rnd(n, n); Xi = inv(X)
        return close(fd(lambda Z: tr(A @ inv(Z)), X), -(Xi @ A @ Xi).T)
    c.check("whence $\\partial \\operatorname{tr}(AX^{-1})", lambda: repeat_random(t13))
    X = np.array([[3, 1], [2, 4.]])
    c.given("**Example.** Take $n=2$ and")
    c.check("|X| = 3\\cdot 4 - 1\\cdot 2 = 10", lambda: abs(det(X) - 10) < 1e-9 and 3 * 4 - 1 * 2 == 10
            and close(inv(X), np.array([[4, -1], [-2, 3]]) / 10))
    c.check("\\begin{pmatrix} 0.4 & -0.1\\\\ -0.2 & 0.3\\end{pmatrix}",
            lambda: close(fd(lambda Z: np.log(det(Z)), X), [[0.4, -0.1], [-0.2, 0.3]]), "propagated")
    def t14():
        Xp = X.copy(); Xp[0, 0] = 3.01
        d = np.log(det(Xp)) - np.log(10)
        return abs(det(Xp) - 10.04) < 1e-9 and rounds(d, "0.003992") and rounds(d / 0.01, "0.3992") \
            and abs(d / 0.01 - 0.4) < 0.01 and abs(3.01 * 4 - 2 - 10.04) < 1e-12
    c.check("As a check on the $(1,1)$ element", t14)
    def t15():
        Xi = inv(X)
        J = fd_jac(lambda v: vec(inv(unvec(v, (2, 2)))), vec(X))
        E = np.zeros((2, 2)); E[1, 0] = 1
        d = dinv(X, E)[0, 1]
        return J.shape == (4, 4) and rounds(J[0, 0], "-0.16") and rounds(-Xi[0, 0] ** 2, "-0.16") \
            and rounds(d, "-0.01") and rounds(-Xi[0, 1] * Xi[0, 1], "-0.01")
    c.check("From (2), the $4\\times 4$ matrix", t15)

@register("03_linear_layer_backprop_cs231n_en.md")
def f03(c):
    N, D, M = 3, 4, 2
    def shapes():
        x, w = rnd(N, D), rnd(D, M)
        return (x @ w).shape == (N, M)
    c.check("A fully-connected layer receives a minibatch", shapes)
    def jac_size():
        cnt = 64 * 4096 * 64 * 4096
        x, w = rnd(N, D), rnd(D, M)
        J = fd_jac(lambda v: (v.reshape(N, D) @ w).ravel(), x.ravel())
        return cnt > 68e9 and cnt < 69e9 and cnt * 4 / 2 ** 30 == 256 and J.shape == (N * M, N * D)
    c.check("Thinking of $\\frac{\\partial y}{\\partial x}$ as a *generalized Jacobian*", jac_size)
    def t_elem():
        x, w = rnd(N, D), rnd(D, M)
        y = np.array([[sum(x[n, d] * w[d, m] for d in range(D)) for m in range(M)] for n in range(N)])
        return close(y, x @ w)
    c.check("Each output is $y_{n,m} = \\sum_{d}", t_elem)
    def t_cases():
        x, w = rnd(N, D), rnd(D, M)
        J = fd_jac(lambda v: (v.reshape(N, D) @ w).ravel(), x.ravel()).reshape(N, M, N, D)
        ok = True
        for n in range(N):
            for m in range(M):
                for n2 in range(N):
                    for d in range(D):
                        ok &= abs(J[n, m, n2, d] - (w[d, m] if n == n2 else 0)) < 1e-6
        return ok
    c.check("w_{d,m} & n = n' \\\\ 0 & n \\neq n'", t_cases)
    c.given("By the chain rule, summing over every element of $y$,")
    def t_chain():
        x, w, G = rnd(N, D), rnd(D, M), rnd(N, M)
        L = lambda z: np.sum(G * (z @ w))
        g = fd(L, x)
        rhs = np.array([[sum(G[n, m] * w[d, m] for m in range(M)) for d in range(D)] for n in range(N)])
        return close(g, rhs)
    c.check("= \\sum_{m}\\frac{\\partial L}{\\partial y_{n,m}}\\, w_{d,m}$$", t_chain)
    def t_dx():
        x, w, G = rnd(N, D), rnd(D, M), rnd(N, M)
        g = fd(lambda z: np.sum(G * (z @ w)), x)
        return close(g, G @ w.T) and (G @ w.T).shape == (N, D)
    c.check("\\frac{\\partial L}{\\partial y}\\, w^T \\qquad (N\\times M)(M\\times D) \\to N\\times D", t_dx)
    def t_dw():
        x, w, G = rnd(N, D), rnd(D, M), rnd(N, M)
        g = fd(lambda z: np.sum(G * (x @ z)), w)
        return close(g, x.T @ G) and (x.T @ G).shape == (D, M)
    c.check("= x^T \\frac{\\partial L}{\\partial y} \\qquad (D\\times N)(N\\times M) \\to D\\times M", t_dw)
    def t_db():
        x, w, G, b = rnd(N, D), rnd(D, M), rnd(N, M), rnd(M)
        g = fd(lambda z: np.sum(G * (x @ w + z)), b)
        return close(g, G.sum(axis=0))
    c.check("With a bias $b \\in \\mathbb{R}^M$ broadcast over rows", t_db)
    def t_col():
        W, x, dlt = rnd(M, D), rnd(D), rnd(M)
        ok = close(fd(lambda Z: dlt @ (Z @ x), W), np.outer(dlt, x)) and np.outer(dlt, x).shape == (M, D)
        ok &= close(fd(lambda z: dlt @ (W @ z), x), W.T @ dlt)
        X, Dl = rnd(D, N), rnd(M, N)
        ok &= close(fd(lambda Z: np.sum(Dl * (Z @ X)), W), Dl @ X.T) and (Dl @ X.T).shape == (M, D)
        return ok
    c.check("Many texts instead write a single example as a column", t_col)
    x = np.array([[1, 2], [3, -1.]]); w = np.array([[1, 0, -1], [2, 1, 0.]])
    G = np.array([[1, 0, 2], [0, -1, 1.]])
    c.given("Take $N = 2$, $D = 2$, $M = 3$:")
    c.check("y = xw = \\begin{bmatrix} 5 & 2 & -1 \\\\ 1 & -1 & -3\\end{bmatrix}",
            lambda: close(x @ w, [[5, 2, -1], [1, -1, -3]]))
    c.given("Suppose the upstream gradient is")
    c.given("$$\\frac{\\partial L}{\\partial y} = \\begin{bmatrix} 1 & 0 & 2 \\\\ 0 & -1 & 1\\end{bmatrix}$$")
    c.check("which here gives $L = 1$", lambda: np.sum(G * (x @ w)) == 1
            and close(fd(lambda z: np.sum(G * z), x @ w), G))
    def t_nums():
        dx = fd(lambda z: np.sum(G * (z @ w)), x)
        dw = fd(lambda z: np.sum(G * (x @ z)), w)
        return close(dx, [[-1, 2], [-1, -1]]) and close(G @ w.T, [[-1, 2], [-1, -1]]) \
            and close(w.T, [[1, 2], [0, 1], [-1, 0]]) and close(x.T, [[1, 3], [2, -1]]) \
            and close(dw, [[1, -3, 5], [2, 1, 3]]) and close(x.T @ G, [[1, -3, 5], [2, 1, 3]])
    c.check("= \\begin{bmatrix} -1 & 2 \\\\ -1 & -1\\end{bmatrix},\\qquad", t_nums)
    def t_nudge():
        w2 = w.copy(); w2[0, 2] = -0.9
        L2 = np.sum(G * (x @ w2))
        return close(G.sum(axis=0), [1, -1, 3]) and abs(L2 - 1.5) < 1e-12 and abs(0.1 * 5 - 0.5) < 1e-12 \
            and abs((x.T @ G)[0, 2] - 5) < 1e-12
    c.check("and $\\partial L/\\partial b = (1, -1, 3)$. Nudging", t_nudge)
    def code():
        dy = G
        dx = dy.dot(w.T); dw = x.T.dot(dy); db = dy.sum(axis=0)
        return dx.shape == (2, 2) and dw.shape == (2, 3) and db.shape == (3,) \
            and close(dx, fd(lambda z: np.sum(G * (z @ w)), x)) and close(dw, fd(lambda z: np.sum(G * (x @ z)), w))
    c.check("dx = dy.dot(w.T)", code)
    c.check("dw = x.T.dot(dy)", code)
    c.check("db = dy.sum(axis=0)", code)

@register("04_gaussian_ml_prml_en.md")
def f04(c):
    inv, tr = np.linalg.inv, np.trace
    D, N = 3, 4
    def logdet(A):
        s, l = np.linalg.slogdet(A)
        return l
    def loglik(X, mu, Sig):
        return (-N * D / 2 * np.log(2 * np.pi) - N / 2 * logdet(Sig)
                - 0.5 * sum((x - mu) @ inv(Sig) @ (x - mu) for x in X))
    def loglik_indep(X, mu, Sig):
        L = np.linalg.cholesky(Sig)
        tot = 0.0
        for x in X:
            z = np.linalg.solve(L, x - mu)
            tot += np.sum(-0.5 * z ** 2 - 0.5 * np.log(2 * np.pi)) - np.sum(np.log(np.diag(L)))
        return tot
    c.given("Given a data set $\\mathbf{X} = (\\mathbf{x}_1")
    c.check("(2.118)$$", lambda: repeat_random(lambda: (lambda X, mu, S: abs(loglik(X, mu, S) - loglik_indep(X, mu, S)) < 1e-9)(
        rnd(N, D), rnd(D), spd(D))))
    c.given("The derivative of the log likelihood with respect to $\\boldsymbol\\mu$")
    def t_mu():
        X, mu, S = rnd(N, D), rnd(D), spd(D)
        return close(fd(lambda m: loglik(X, m, S), mu), sum(inv(S) @ (x - mu) for x in X))
    c.check("(2.120)$$", lambda: repeat_random(t_mu))
    def t_muml():
        X, S = rnd(N, D), spd(D)
        return close(fd(lambda m: loglik(X, m, S), X.mean(0)), np.zeros(D))
    c.check("(2.121)$$", lambda: repeat_random(t_muml))
    c.given("The maximization with respect to $\\boldsymbol\\Sigma$ is rather more involved")
    def t_c28():
        A = rnd(D, D) + 3 * np.eye(D)
        return close(fd(lambda Z: logdet(Z), A), inv(A).T)
    c.check("(C.28)$$", lambda: repeat_random(t_c28))
    c.check("(C.24)$$", lambda: repeat_random(lambda: (lambda A, B: close(fd(lambda Z: tr(Z @ B), A), B.T))(rnd(D, D), rnd(D, D))))
    def t_c21():
        A0, A1 = rnd(D, D) + 3 * np.eye(D), rnd(D, D)
        A = lambda t: A0 + t * A1 + t ** 2 * np.eye(D)
        t0, h = 0.3, 1e-6
        lhs = (inv(A(t0 + h)) - inv(A(t0 - h))) / (2 * h)
        dA = A1 + 2 * t0 * np.eye(D)
        return close(lhs, -inv(A(t0)) @ dA @ inv(A(t0)))
    c.check("(C.21)$$", lambda: repeat_random(t_c21))
    c.given("and write the quadratic term with the scatter matrix")
    def t_quad():
        X, mu, S = rnd(N, D), rnd(D), spd(D)
        Sc = sum(np.outer(x - mu, x - mu) for x in X)
        return abs(sum((x - mu) @ inv(S) @ (x - mu) for x in X) - tr(inv(S) @ Sc)) < 1e-9
    c.check("= \\operatorname{Tr}\\left(\\boldsymbol\\Sigma^{-1}\\mathbf{S}\\right).$$", lambda: repeat_random(t_quad))
    c.given("Combining (C.21) and (C.24), and using the symmetry")
    def t_trinv():
        Sg, Sc = spd(D), spd(D)
        return close(fd(lambda Z: tr(inv(Z) @ Sc), Sg), -inv(Sg) @ Sc @ inv(Sg))
    c.check("= -\\boldsymbol\\Sigma^{-1}\\mathbf{S}\\boldsymbol\\Sigma^{-1},$$", lambda: repeat_random(t_trinv))
    def t_gs():
        X, mu, Sg = rnd(N, D), rnd(D), spd(D)
        Sc = sum(np.outer(x - mu, x - mu) for x in X)
        return close(fd(lambda Z: loglik(X, mu, Z), Sg), -N / 2 * inv(Sg) + 0.5 * inv(Sg) @ Sc @ inv(Sg))
    c.check("= -\\frac{N}{2}\\boldsymbol\\Sigma^{-1} + \\frac12", lambda: repeat_random(t_gs))
    def t_zero():
        X, mu = rnd(N, D), rnd(D)
        Sc = sum(np.outer(x - mu, x - mu) for x in X)
        Sg = Sc / N
        return close(-N / 2 * inv(Sg) + 0.5 * inv(Sg) @ Sc @ inv(Sg), np.zeros((D, D)), 1e-6)
    c.check("Setting this to zero and multiplying on the left", lambda: repeat_random(t_zero))
    def t_ml():
        X = rnd(N + 3, D)
        mu = X.mean(0)
        Sg = sum(np.outer(x - mu, x - mu) for x in X) / len(X)
        f = lambda m, S: (-len(X) * D / 2 * np.log(2 * np.pi) - len(X) / 2 * logdet(S)
                          - 0.5 * sum((x - m) @ inv(S) @ (x - m) for x in X))
        return close(fd(lambda Z: f(mu, Z), Sg), np.zeros((D, D)), 1e-5) and close(fd(lambda m: f(m, Sg), mu), np.zeros(D), 1e-5)
    c.check("(2.122)$$", lambda: repeat_random(t_ml, 3))
    c.given("which involves $\\boldsymbol\\mu_{\\mathrm{ML}}$ because")
    Xd = np.array([[1, 2], [3, 0], [2, 4.]])
    def ll2(m, S):
        return (-3 * np.log(2 * np.pi) - 1.5 * logdet(S) - 0.5 * sum((x - m) @ inv(S) @ (x - m) for x in Xd))
    def t_ex():
        g = fd(lambda m: ll2(m, np.eye(2)), np.zeros(2))
        mu = Xd.mean(0)
        devs = Xd - mu
        return close(g, [6, 6]) and close(Xd.sum(0), [6, 6]) and close(mu, [2, 2]) \
            and close(devs, [[-1, 0], [1, -2], [0, 2]])
    c.check("**Example.** Consider $N=3$ points", t_ex)
    S = np.array([[2, -2], [-2, 8.]])
    def t_S():
        parts = [np.outer(d, d) for d in Xd - Xd.mean(0)]
        return close(parts[0], [[1, 0], [0, 0]]) and close(parts[1], [[1, -2], [-2, 4]]) \
            and close(parts[2], [[0, 0], [0, 4]]) and close(sum(parts), S) \
            and rounds_all(S / 3, ["0.667", "-0.667", "-0.667", "2.667"])
    c.check("\\mathbf S = \\begin{pmatrix}1&0\\\\0&0\\end{pmatrix}", t_S)
    def t_det():
        d = np.linalg.det(S / 3)
        return abs(2 / 3 * 8 / 3 - (-2 / 3) ** 2 - d) < 1e-12 and abs(16 / 9 + 4 / 9 - d) < 1e-12 \
            and abs(20 / 9 - d) < 1e-12 and rounds(d, "2.222")
    c.check("= \\tfrac{16}{9} + \\tfrac{4}{9} = \\tfrac{20}{9}", t_det, "determinant sign slip")
    c.check("At the maximum $\\operatorname{Tr}(\\boldsymbol\\Sigma_{\\mathrm{ML}}^{-1}\\mathbf S)",
            lambda: abs(tr(inv(S / 3) @ S) - 6) < 1e-9 and 3 * 2 == 6)
    def t_ll():
        Sg = S / 3
        best = ll2(Xd.mean(0), Sg)
        return rounds(-3 * np.log(2 * np.pi) - 1.5 * np.log(20 / 9) - 3, "-9.711") and rounds(best, "-9.711") \
            and abs(-3 * np.log(2 * np.pi) - 1.5 * np.log(20 / 9) - 3 - best) < 1e-9
    c.check("\\ln p = -3\\ln(2\\pi) - \\tfrac32\\ln\\tfrac{20}{9}", t_ll, "propagated")

@register("05_quadratic_form_zhihu_zh.md")
def f05(c):
    tr = np.trace
    n = 4
    c.given("# 矩阵求导术（二）：二次型")
    c.given("**约定。** 本文中标量")
    def t_df():
        B = rnd(n, n); x, dx = rnd(n), rnd(n) * 1e-6
        f = lambda z: np.sum(np.sin(z)) + z @ B @ z
        ok = abs((f(x + dx) - f(x - dx)) / 2 - fd(f, x) @ dx) < 1e-9
        C = rnd(3, 3); X, dX = rnd(3, 3), rnd(3, 3) * 1e-6
        F = lambda Z: np.sum(np.cos(Z)) + tr(C @ Z @ Z)
        ok &= abs((F(X + dX) - F(X - dX)) / 2 - tr(fd(F, X).T @ dX)) < 1e-9
        return ok
    c.check("$$df = \\frac{\\partial f}{\\partial \\boldsymbol x}^T d\\boldsymbol x ,\\qquad", t_df)
    c.check("1. 标量套上迹", lambda: (lambda a: abs(np.trace(np.array([[a]])) - a) < 1e-15)(rnd(1)[0]))
    c.check("2. 转置：", lambda: (lambda A: abs(tr(A.T) - tr(A)) < 1e-12)(rnd(n, n)))
    c.check("3. 交换：", lambda: (lambda A, B: abs(tr(A @ B) - tr(B @ A)) < 1e-12 and A.shape == B.T.shape)(rnd(2, 5), rnd(5, 2)))
    c.check("4. 矩阵乘法与逐元素乘法交换", lambda: (lambda A, B, C: abs(tr(A.T @ (B * C)) - tr((A * B).T @ C)) < 1e-12)(
        rnd(3, 4), rnd(3, 4), rnd(3, 4)))
    c.given("**例 1.** $f = \\boldsymbol a^T X \\boldsymbol b$")
    def t_e1():
        a, b, dX = rnd(3), rnd(4), rnd(3, 4)
        v = [a @ dX @ b, tr(np.atleast_2d(a @ dX @ b)), tr(np.outer(b, a) @ dX), tr(np.outer(a, b).T @ dX)]
        return max(v) - min(v) < 1e-12
    c.check("$$df = \\boldsymbol a^T dX\\, \\boldsymbol b = ", t_e1)
    c.check("对照导数与微分的联系，得到", lambda: (lambda a, b, X: close(fd(lambda Z: a @ Z @ b, X), np.outer(a, b)))(
        rnd(3), rnd(4), rnd(3, 4)))
    c.given("**例 2.** $f = \\boldsymbol x^T A \\boldsymbol x$")
    def dirder(f, x, v, h=1e-6):
        return (f(x + h * v) - f(x - h * v)) / (2 * h)
    def t_prod():
        A, x, v = rnd(n, n), rnd(n), rnd(n)
        return abs(dirder(lambda z: z @ A @ z, x, v) - (v @ A @ x + x @ A @ v)) < 1e-6
    c.check("$$df = (d\\boldsymbol x)^T A\\boldsymbol x + \\boldsymbol x^T A\\, d\\boldsymbol x .$$", lambda: repeat_random(t_prod))
    c.check("第一项是标量，转置后不变", lambda: (lambda A, x, v: abs(v @ A @ x - x @ A.T @ v) < 1e-12)(rnd(n, n), rnd(n), rnd(n)))
    def t_df2():
        A, x, v = rnd(n, n), rnd(n), rnd(n)
        return abs(dirder(lambda z: z @ A @ z, x, v) - x @ (A.T + A) @ v) < 1e-6 \
            and abs(x @ (A.T + A) @ v - ((A + A.T) @ x) @ v) < 1e-12
    c.check("$$df = \\boldsymbol x^T (A^T + A)\\, d\\boldsymbol x", lambda: repeat_random(t_df2))
    c.check("$$\\frac{\\partial f}{\\partial \\boldsymbol x} = (A + A^T)\\boldsymbol x .$$", lambda: repeat_random(
        lambda: (lambda A, x: close(fd(lambda z: z @ A @ z, x), (A + A.T) @ x))(rnd(n, n), rnd(n))))
    def t_sym():
        A, x = rnd(n, n), rnd(n)
        As = A + A.T
        H = fd_jac(lambda z: fd(lambda w: w @ A @ w, z, 1e-4), x, 1e-4)
        return close(fd(lambda z: z @ As @ z, x), 2 * As @ x) and not close(2 * A @ x, (A + A.T) @ x) \
            and close(H, A + A.T, 1e-4) and close(A + A.T, (A + A.T).T)
    c.check("当 $A$ 对称时退化为熟悉的", t_sym)
    def t_num_layout():
        A, x = rnd(n, n), rnd(n)
        J = fd_jac(lambda z: np.array([z @ A @ z]), x)
        return J.shape == (1, n) and close(J[0], x @ (A + A.T)) and close(J.T[:, 0], (A + A.T) @ x)
    c.check("如果改用分子布局", t_num_layout)
    A = np.array([[1, 2], [0, 3.]]); x = np.array([1, -1.])
    f = lambda z: z @ A @ z
    c.given("**数值验证。** 取 $A = ")
    c.check("- $A\\boldsymbol x = (-1, -3)^T$", lambda: close(A @ x, [-1, -3]) and f(x) == 2
            and 1 * (-1) + (-1) * (-3) == 2)
    c.check("- $A + A^T = \\begin{pmatrix}2 & 2", lambda: close(A + A.T, [[2, 2], [2, 6]])
            and close(fd(f, x), [0, -4]) and close((A + A.T) @ x, [0, -4]))
    c.check("- 若误用 $2A\\boldsymbol x$", lambda: close(2 * A @ x, [-2, -6])
            and all(abs(2 * A @ x - fd(f, x)) > 0.5))
    e2 = np.array([0, 1.])
    c.check("中心差分检查第二个分量", lambda: rounds(f(x + 0.001 * e2), "1.996003")
            and rounds(f(x - 0.001 * e2), "2.004003") and abs(2 * 0.001 - 0.002) < 1e-15)
    c.check("$$\\frac{1.996003 - 2.004003}{0.002} = -4.000 ,$$", lambda: rounds((1.996003 - 2.004003) / 0.002, "-4.000"))
    c.check("与 $(A + A^T)\\boldsymbol x$ 的第二个分量一致", lambda: abs(((A + A.T) @ x)[1] - (-4)) < 1e-12)
    def t_e3():
        Am, b, w = rnd(5, 3), rnd(5), rnd(3)
        fw = lambda z: np.sum((Am @ z - b) ** 2)
        v = rnd(3)
        ok = abs(dirder(fw, w, v) - 2 * (Am @ w - b) @ Am @ v) < 1e-6
        ok &= close(fd(fw, w), 2 * Am.T @ (Am @ w - b))
        ws = np.linalg.solve(Am.T @ Am, Am.T @ b)
        ok &= close(fd(fw, ws), np.zeros(3))
        return ok
    c.check("**例 3.** 最小二乘", t_e3)

@register("06_frobenius_norm_note_ja.md")
def f06(c):
    tr = np.trace
    m, n, p = 3, 2, 4
    fro = lambda Z: np.sqrt(np.sum(Z ** 2))
    c.given("本ノートでは，スカラー関数")
    def t31():
        C = rnd(m, n); X, dX = rnd(m, n), rnd(m, n) * 1e-6
        F = lambda Z: np.sum(np.sin(Z) * C) + np.sum(Z ** 3)
        return abs((F(X + dX) - F(X - dX)) / 2 - tr(fd(F, X).T @ dX)) < 1e-9
    c.check("\\tag{3.1}", t31)
    c.check("である．つまり $df = \\operatorname{tr}(G^\\top dX)$", lambda: (lambda G: close(fd(lambda Z: tr(G.T @ Z), rnd(m, n)), G))(rnd(m, n)))
    c.check("フロベニウスノルムは", lambda: (lambda X: abs(np.sum(X ** 2) - tr(X.T @ X)) < 1e-12
                                             and abs(sum(X[i, j] ** 2 for i in range(m) for j in range(n)) - fro(X) ** 2) < 1e-12)(rnd(m, n)))
    c.given("## 1. $\\|X\\|_F^2$ と $\\|X\\|_F$")
    def t_d():
        X, V = rnd(m, n), rnd(m, n); h = 1e-6
        d = (tr((X + h * V).T @ (X + h * V)) - tr((X - h * V).T @ (X - h * V))) / (2 * h)
        return abs(d - (tr(V.T @ X) + tr(X.T @ V))) < 1e-6 and abs(d - 2 * tr(X.T @ V)) < 1e-6
    c.check("$d\\operatorname{tr}(X^\\top X) = ", t_d)
    c.check("\\tag{3.2}", lambda: (lambda X: close(fd(lambda Z: fro(Z) ** 2, X), 2 * X))(rnd(m, n)))
    c.check("さらに $\\|X\\|_F = (\\|X\\|_F^2)^{1/2}$", lambda: (lambda X: abs(fro(X) - (fro(X) ** 2) ** 0.5) < 1e-12)(rnd(m, n)))
    c.check("\\tag{3.3}", lambda: (lambda X: close(fd(fro, X), X / fro(X)) and close(X / (2 * fro(X)) * 2, X / fro(X)))(rnd(m, n)))
    c.given("となる（$X\\neq O$ のとき）")
    X = np.array([[1, 1], [0, 2.]])
    c.check("**例.** $X = \\begin{pmatrix} 1 & 1", lambda: abs(fro(X) - np.sqrt(6)) < 1e-12 and rounds(np.sqrt(6), "2.449")
            and 1 + 1 + 0 + 4 == 6)
    c.check("\\approx \\begin{pmatrix} 0.408 & 0.408 \\\\ 0 & 0.816", lambda: rounds_all(fd(fro, X), ["0.408", "0.408", "0", "0.816"])
            and close(X / np.sqrt(6), fd(fro, X)))
    c.given("## 2. 二乗誤差")
    def t_dR():
        A, B, X, V = rnd(p, m), rnd(p, n), rnd(m, n), rnd(m, n); h = 1e-6
        dR = ((A @ (X + h * V) - B) - (A @ (X - h * V) - B)) / (2 * h)
        return close(dR, A @ V) and (A @ X - B).shape == B.shape
    c.check("$A\\in\\mathbb{R}^{p\\times m}$, $B\\in\\mathbb{R}^{p\\times n}$", t_dR)
    def t34():
        A, B, X, V = rnd(p, m), rnd(p, n), rnd(m, n), rnd(m, n); h = 1e-6
        f = lambda Z: fro(A @ Z - B) ** 2
        d = (f(X + h * V) - f(X - h * V)) / (2 * h)
        R = A @ X - B
        return abs(d - 2 * tr(R.T @ (A @ V))) < 1e-5 and abs(d - 2 * tr(R.T @ A @ V)) < 1e-5
    c.check("\\tag{3.4}", lambda: repeat_random(t34))
    def t35():
        A, B, X = rnd(p, m), rnd(p, n), rnd(m, n)
        f = lambda Z: fro(A @ Z - B) ** 2
        G = 2 * (A @ X - B).T @ A
        return G.shape == X.shape and close(fd(f, X), G)
    c.check("\\tag{3.5}", t35, "gradient 2 R^T A (true: 2 A^T R)")
    A = np.array([[1, 2], [0, 1.]]); B = np.array([[2, 3], [1, 1.]])
    f = lambda Z: fro(A @ Z - B) ** 2
    c.given("**数値例.** $A = ")
    c.check("AX = \\begin{pmatrix} 1 & 5 \\\\ 0 & 2 \\end{pmatrix},\\quad R", lambda: close(A @ X, [[1, 5], [0, 2]])
            and close(A @ X - B, [[-1, 2], [-1, 1]]) and abs(f(X) - 7) < 1e-12)
    R = A @ X - B
    c.check("= \\begin{pmatrix} -2 & -6 \\\\ 4 & 10 \\end{pmatrix}.", lambda: close(R.T, [[-1, -1], [2, 1]])
            and close(2 * R.T @ A, [[-2, -6], [4, 10]]) and close(fd(f, X), [[-2, -6], [4, 10]]), "propagated")
    def t_chk():
        Xp = X.copy(); Xp[0, 0] += 0.01
        Rp = A @ Xp - B
        return rounds(Rp[0, 0], "-0.99") and rounds(f(Xp), "6.9801") and rounds(f(Xp) - 7, "-0.0199") \
            and abs(0.99 ** 2 - 0.9801) < 1e-12 and abs(fd(f, X)[0, 0] * 0.01 - (f(Xp) - 7)) < 2e-4
    c.check("検算として $x_{11}$ だけを", t_chk)

@register("07_vec_kronecker_skript_de.md")
def f07(c):
    m, n, p, q = 2, 3, 4, 4
    def t_def():
        X = rnd(n, p)
        v = np.concatenate([X[:, k] for k in range(p)])
        return close(vec(X), v) and v.shape == (n * p,)
    c.check("**Definition 4.7.** Für $X = (x_1,\\dots,x_p)", t_def)
    def t_kron():
        A, C = rnd(m, n), rnd(3, 2)
        K = np.block([[A[i, j] * C for j in range(n)] for i in range(m)])
        return close(np.kron(A, C), K) and K.shape == (m * 3, n * 2)
    c.check("\\in\\mathbb{R}^{mr\\times ns}.$$", t_kron)
    c.given("**Satz 4.8.** Seien $A\\in\\mathbb{R}^{m\\times n}$")
    def t_satz():
        A, X, B = rnd(m, n), rnd(n, p), rnd(p, 2)
        K = np.kron(B.T, A)
        return close(vec(A @ X @ B), K @ vec(X)) and K.shape == (m * 2, n * p)
    c.check("$$\\operatorname{vec}(AXB) = (B^\\top\\otimes A)\\operatorname{vec}X,\\qquad", lambda: repeat_random(t_satz))
    def t_col():
        X, B = rnd(n, p), rnd(p, q)
        return all(close((X @ B)[:, j], sum(B[k, j] * X[:, k] for k in range(p))) for j in range(q))
    c.check("*Beweis.* Wir betrachten die $j$-te Spalte", t_col)
    def t_planted():
        A, X, B = rnd(m, n), rnd(n, p), rnd(p, q)
        return all(close((A @ X @ B)[:, j], sum(B[j, k] * A @ X[:, k] for k in range(p))) for j in range(q))
    c.check("$$(AXB)_{:,j} = \\sum_{k=1}^{p} b_{jk}\\,A x_k$$", t_planted, "index b_jk instead of b_kj")
    def t_block():
        A, X, B = rnd(m, n), rnd(n, p), rnd(p, q)
        return all(close((A @ X @ B)[:, j], np.hstack([B[k, j] * A for k in range(p)]) @ vec(X)) for j in range(q))
    c.check("$$= \\big(b_{1j}A,\\ b_{2j}A,", t_block)
    def t_rowblock():
        A, B = rnd(m, n), rnd(p, q)
        K = np.kron(B.T, A)
        ok = all(close(K[j * m:(j + 1) * m, :], np.hstack([B[k, j] * A for k in range(p)])) for j in range(q))
        return ok and all(B.T[j, k] == B[k, j] for j in range(q) for k in range(p))
    c.check("Der Zeilenblock $(b_{1j}A,\\dots,b_{pj}A)$", t_rowblock)
    c.given("**Folgerung 4.9.** Mit $I_n$ als Einheitsmatrix gelten:")
    c.check("1. $\\operatorname{vec}(AX) = (I_p\\otimes A)", lambda: (lambda A, X: close(vec(A @ X), np.kron(np.eye(p), A) @ vec(X)))(rnd(m, n), rnd(n, p)))
    c.check("2. $\\operatorname{vec}(XB) = (B^\\top\\otimes I_n)", lambda: (lambda X, B: close(vec(X @ B), np.kron(B.T, np.eye(n)) @ vec(X)))(rnd(n, p), rnd(p, q)))
    c.check("3. $\\operatorname{vec}(a b^\\top) = b\\otimes a$", lambda: (lambda a, b: close(vec(np.outer(a, b)), np.kron(b, a)))(rnd(n), rnd(p)))
    c.given("Insbesondere ist die Jacobi-Matrix (Zählerlayout)")
    def t_jac():
        A, X, B = rnd(m, n), rnd(n, p), rnd(p, q)
        J = fd_jac(lambda v: vec(A @ unvec(v, (n, p)) @ B), vec(X))
        return close(J, np.kron(B.T, A))
    c.check("{\\partial (\\operatorname{vec}X)^\\top} = B^\\top\\otimes A .$$", t_jac)
    c.given("**Anwendung (lineare Schicht).** Für $y = Wx$")
    def t_lin():
        W, x = rnd(m, n), rnd(n)
        K = np.kron(x[None, :], np.eye(m))
        J = fd_jac(lambda v: unvec(v, (m, n)) @ x, vec(W))
        return close(W @ x, K @ vec(W)) and close(J, K) and K.shape == (m, m * n)
    c.check("$$y = \\operatorname{vec}(Wx) = (x^\\top\\otimes I_m)", t_lin)
    c.given("Mit dem Fehlersignal $\\delta = \\partial L/\\partial y$")
    def t_grad():
        W, x, dl = rnd(m, n), rnd(n), rnd(m)
        L = lambda Z: dl @ (Z @ x)
        g = fd(L, W)
        v1 = np.kron(x[:, None], np.eye(m)) @ dl
        return close(vec(g), v1) and close(v1, vec(np.outer(dl, x))) and close(g, np.outer(dl, x))
    c.check("= (x\\otimes I_m)\\,\\delta = \\operatorname{vec}(\\delta x^\\top)", t_grad)
    c.check("Zum Beispiel ergibt $\\delta = (1;\\,-2)^\\top$", lambda: rounds_all(np.outer([1, -2], [0.5, 3]), ["0,5", "3", "-1", "-6"]))
    A = np.array([[1, 2], [0, 1.]]); X = np.array([[1, -1], [2, 0.]]); B = np.array([[2, 1], [0, 3.]])
    c.given("$$A = \\begin{pmatrix}1&2\\\\0&1\\end{pmatrix},\\quad X = ")
    c.check("Direkt: $AX = ", lambda: close(A @ X, [[5, -1], [2, 0]]) and close(A @ X @ B, [[10, 2], [4, 2]])
            and close(vec(A @ X @ B), [10, 4, 2, 2]))
    c.check("Über das Kronecker-Produkt: $B^\\top = ", lambda: close(B.T, [[2, 0], [1, 3]]) and close(vec(X), [1, 2, -1, 0]))
    def t_big():
        K = np.kron(B.T, A)
        r = K @ vec(X)
        return close(K, [[2, 4, 0, 0], [0, 2, 0, 0], [1, 2, 3, 6], [0, 1, 0, 3]]) \
            and close(np.block([[2 * A, 0 * A], [1 * A, 3 * A]]), K) \
            and close(r, [2 + 8, 4, 1 + 4 - 3, 2]) and close(r, [10, 4, 2, 2])
    c.check("$$B^\\top\\otimes A = \\begin{pmatrix}2A & 0\\cdot A", t_big)
    def t_rem():
        A2, B2 = rnd(2, 3), rnd(4, 5)  # m=2,n=3,p=4,q=5
        K = np.kron(B2.T, A2)
        return K.size == (2 * 5) * (3 * 4) and (1000 * 1000) * (1000 * 1000) == 10 ** 12
    c.check("*Bemerkung.* $B^\\top\\otimes A$ hat", t_rem)

@register("08_ridge_polycopie_fr.md")
def f08(c):
    inv = np.linalg.inv
    n, p = 6, 3
    J = lambda w, X, y, lam: np.sum((y - X @ w) ** 2) + lam * np.sum(w ** 2)
    ridge = lambda X, y, lam: np.linalg.solve(X.T @ X + lam * np.eye(X.shape[1]), X.T @ y)
    c.given("On dispose d'une matrice de design")
    c.given("$$J(w) = \\|y - Xw\\|_2^2 + \\lambda\\|w\\|_2^2,\\qquad")
    def t_exp():
        X, y, w, lam = rnd(n, p), rnd(n), rnd(p), 0.7
        return abs(J(w, X, y, lam) - (y @ y - 2 * w @ X.T @ y + w @ X.T @ X @ w + lam * w @ w)) < 1e-9
    c.check("$$J(w) = y^\\top y - 2\\,w^\\top X^\\top y", t_exp)
    def t_rap():
        a, A, w = rnd(p), rnd(p, p), rnd(p)
        As = A + A.T
        X = rnd(n, p)
        return close(fd(lambda z: a @ z, w), a) and close(fd(lambda z: z @ A @ z, w), (A + A.T) @ w) \
            and close(fd(lambda z: z @ As @ z, w), 2 * As @ w) and close(X.T @ X, (X.T @ X).T)
    c.check("On rappelle que $\\nabla_w (a^\\top w) = a$", t_rap)
    def t_grad():
        X, y, w, lam = rnd(n, p), rnd(n), rnd(p), 0.7
        return close(fd(lambda z: J(z, X, y, lam), w), -2 * X.T @ y + 2 * X.T @ X @ w + lam * w)
    c.check("$$\\nabla J(w) = -2X^\\top y + 2X^\\top X w + \\lambda w .$$", t_grad, "dropped factor 2 on penalty gradient")
    c.given("Le point critique $\\hat w$ vérifie donc")
    def t_crit():
        X, y, lam = rnd(n, p), rnd(n), 0.7
        w = ridge(X, y, lam)
        return close((X.T @ X + lam / 2 * np.eye(p)) @ w, X.T @ y)
    c.check("$$\\left(X^\\top X + \\tfrac{\\lambda}{2} I_p\\right)\\hat w = X^\\top y .$$", t_crit, "propagated")
    def t_pd():
        X, lam = rnd(2, p), 0.7  # rank-deficient X^T X
        return np.all(np.linalg.eigvalsh(X.T @ X + lam / 2 * np.eye(p)) > 0)
    c.check("**Proposition 3.4.** Pour tout $\\lambda>0$", t_pd)
    def t_est():
        X, y, lam = rnd(n, p), rnd(n), 0.7
        return close(np.linalg.solve(X.T @ X + lam / 2 * np.eye(p), X.T @ y), ridge(X, y, lam))
    c.check("$$\\hat w_\\lambda = \\left(X^\\top X + \\tfrac{\\lambda}{2} I_p\\right)^{-1} X^\\top y .$$", t_est, "propagated")
    def t_dem():
        X, y, v, lam = rnd(n, p), rnd(n), rnd(p), 0.7
        q = v @ (X.T @ X + lam / 2 * np.eye(p)) @ v
        H = fd_jac(lambda z: fd(lambda u: J(u, X, y, lam), z, 1e-4), rnd(p), 1e-4)
        return abs(q - (np.sum((X @ v) ** 2) + lam / 2 * v @ v)) < 1e-9 and q > 0 \
            and close(H, 2 * X.T @ X + lam * np.eye(p), 1e-4)
    c.check("*Démonstration.* Pour $v\\neq 0$", t_dem, "propagated (Hessian)")
    X = np.array([[1, 0], [0, 1], [1, 1.]]); y = np.array([1, 2, 2.]); lam = 1.0
    c.given("**Exemple.** On prend $n = 3$, $p = 2$, $\\lambda = 1$ et")
    c.given("$$X = \\begin{pmatrix} 1 & 0\\\\ 0 & 1\\\\ 1 & 1\\end{pmatrix},\\qquad y = ")
    c.check("On calcule $X^\\top X = ", lambda: close(X.T @ X, [[2, 1], [1, 2]]) and close(X.T @ y, [3, 4]))
    M = X.T @ X + 0.5 * np.eye(2)
    c.check("$$X^\\top X + \\tfrac12 I_2 = ", lambda: rounds_all(M, ["2,5", "1", "1", "2,5"])
            and rounds(np.linalg.det(M), "5,25") and rounds(2.5 ** 2, "6,25"))
    def t_inv2():
        A = rnd(2, 2)
        adj = np.array([[A[1, 1], -A[0, 1]], [-A[1, 0], A[0, 0]]])
        return close(inv(A), adj / np.linalg.det(A))
    c.check("L'inverse d'une matrice $2\\times 2$ s'obtient", t_inv2)
    w1 = inv(M) @ X.T @ y
    c.check("$$\\hat w_1 = \\frac{1}{5{,}25}", lambda: close(np.array([[2.5, -1], [-1, 2.5]]) @ [3, 4], [3.5, 7])
            and rounds_all(w1, ["0,667", "1,333"]) and close(w1, ridge(X, y, lam)), "propagated")
    def t_ols():
        w0 = inv(X.T @ X) @ X.T @ y
        return close(inv(X.T @ X), np.array([[2, -1], [-1, 2]]) / 3) and close(w0, [2 / 3, 5 / 3]) \
            and rounds_all(w0, ["0,667", "1,667"]) and close(fd(lambda z: J(z, X, y, 0), w0), [0, 0])
    c.given("À titre de comparaison, les moindres carrés ordinaires")
    c.check("$$\\hat w_0 = (X^\\top X)^{-1}X^\\top y = \\frac13", t_ols)
    c.check("la pénalisation « rétrécit » la seconde composante", lambda: 0 < ridge(X, y, lam)[1] < (inv(X.T @ X) @ X.T @ y)[1])
    def t_ver():
        r = y - X @ w1
        return rounds_all(r, ["0,333", "0,667", "0"]) and rounds_all(X.T @ r, ["0,333", "0,667"])
    c.check("*Vérification.* Les résidus valent", t_ver)
    def t_gz():
        g = fd(lambda z: J(z, X, y, lam), w1)
        arith = -2 * np.array([0.333, 0.667]) + np.array([0.667, 1.333])
        return close(g, [0, 0], 1e-4) and np.all(np.abs(arith) < 0.0015)
    c.check("$$\\nabla J(\\hat w_1) = -2\\begin{pmatrix}", t_gz, "propagated")
    c.check("Enfin, la valeur du critère en ce point", lambda: rounds(np.sum((y - X @ w1) ** 2), "0,556")
            and rounds(lam * w1 @ w1, "2,222") and rounds(J(w1, X, y, lam), "2,778") and rounds(0.556 + 2.222, "2,778"))

@register("09_jacobiana_cadena_apuntes_es.md")
def f09(c):
    def t_def():
        M = rnd(2, 3)
        F = lambda x: np.tanh(M @ x)
        x = rnd(3)
        J = fd_jac(F, x)
        ok = J.shape == (2, 3)
        for i in range(2):
            ok &= close(J[i], fd(lambda z: F(z)[i], x))
        return ok
    c.check("Sea $\\mathbf f:\\mathbb{R}^n\\to\\mathbb{R}^m$", t_def)
    c.check("$$J_{\\mathbf f}(\\mathbf x) = \\left[\\frac{\\partial f_i}{\\partial x_j}", t_def)
    c.check("es decir, la fila $i$ es el gradiente", t_def)
    f = lambda x: np.array([x[0] * x[1] ** 2, x[0] + np.sin(x[2])])
    Jf = lambda x: np.array([[x[1] ** 2, 2 * x[0] * x[1], 0], [1, 0, np.cos(x[2])]])
    c.given("**Ejemplo 2.1.** Sea $\\mathbf f(x_1,x_2,x_3)")
    c.check("$$J_{\\mathbf f} = \\begin{pmatrix} x_2^2 & 2x_1x_2 & 0", lambda: repeat_random(
        lambda: (lambda x: close(fd_jac(f, x), Jf(x)))(rnd(3))))
    a = np.array([1, 2, 0.])
    c.check("En el punto $\\mathbf a = (1, 2, 0)$", lambda: close(f(a), [4, 1]) and close(Jf(a), [[4, 4, 0], [1, 0, 1]])
            and close(fd_jac(f, a), [[4, 4, 0], [1, 0, 1]]))
    c.given("Si además $\\mathbf g:\\mathbb{R}^m\\to\\mathbb{R}^k$")
    def t_chain():
        A, B = rnd(3, 4), rnd(2, 3)
        F = lambda x: np.sin(A @ x); G = lambda u: np.tanh(B @ u) * u[0]
        x = rnd(4)
        Jh = fd_jac(lambda z: G(F(z)), x)
        prod = fd_jac(G, F(x)) @ fd_jac(F, x)
        return close(Jh, prod) and prod.shape == (2, 4)
    c.check("$$J_{\\mathbf h}(\\mathbf x) = J_{\\mathbf g}(\\mathbf f(\\mathbf x))", t_chain)
    def t_den():
        A, B = rnd(3, 4), rnd(2, 3)
        F = lambda x: np.sin(A @ x); G = lambda u: np.tanh(B @ u) * u[0]
        x = rnd(4)
        dh_dx = fd_jac(lambda z: G(F(z)), x).T
        df_dx = fd_jac(F, x).T; dh_df = fd_jac(G, F(x)).T
        return close(dh_dx, df_dx @ dh_df) and df_dx.shape == (4, 3) and dh_df.shape == (3, 2)
    c.check("Con la convención del denominador", t_den)
    g = lambda u: np.array([u[0] * u[1], u[0] - u[1] ** 2])
    Jg = lambda u: np.array([[u[1], u[0]], [1, -2 * u[1]]])
    c.check("**Ejemplo 2.2.** Tomemos", lambda: close(fd_jac(g, np.array([.3, -.7])), Jg([.3, -.7]))
            and close(Jg(f(a)), [[1, 4], [1, -2]]))
    c.check("= \\begin{pmatrix} 8 & 4 & 4\\\\ 2 & 4 & -2\\end{pmatrix}.$$", lambda: close(Jg(f(a)) @ Jf(a), [[8, 4, 4], [2, 4, -2]])
            and close(fd_jac(lambda z: g(f(z)), a), [[8, 4, 4], [2, 4, -2]]))
    h1 = lambda x: x[0] ** 2 * x[1] ** 2 + x[0] * x[1] ** 2 * np.sin(x[2])
    c.check("Comprobación directa de la primera fila", lambda: repeat_random(
        lambda: (lambda x: abs(h1(x) - g(f(x))[0]) < 1e-12)(rnd(3))))
    def t_row():
        x = rnd(3)
        G = fd(h1, x)
        expr = [2 * x[0] * x[1] ** 2 + x[1] ** 2 * np.sin(x[2]), 2 * x[0] ** 2 * x[1] + 2 * x[0] * x[1] * np.sin(x[2]),
                x[0] * x[1] ** 2 * np.cos(x[2])]
        ea = [2 * a[0] * a[1] ** 2 + a[1] ** 2 * np.sin(a[2]), 2 * a[0] ** 2 * a[1] + 2 * a[0] * a[1] * np.sin(a[2]),
              a[0] * a[1] ** 2 * np.cos(a[2])]
        return close(G, expr) and close(ea, [8, 4, 4])
    c.check("$$\\frac{\\partial h_1}{\\partial x_1} = 2x_1x_2^2", t_row)
    sig = lambda z: 1 / (1 + np.exp(-z))
    def t_sig():
        z = rnd(3)
        J = fd_jac(sig, z)
        z0 = np.array([0, np.log(3)])
        return close(J, np.diag(sig(z) * (1 - sig(z)))) and rounds_all(sig(z0), ["0,5", "0,75"]) \
            and rounds_all(np.diag(fd_jac(sig, z0)), ["0,25", "0,1875"]) and close(fd_jac(sig, z0), np.diag(np.diag(fd_jac(sig, z0))))
    c.check("1. **Función componente a componente.**", t_sig)
    sm = lambda z: np.exp(z - z.max()) / np.sum(np.exp(z - z.max()))
    def t_sm():
        z = rnd(4); p = sm(z); J = fd_jac(sm, z)
        return close(J, np.array([[p[i] * ((i == j) - p[j]) for j in range(4)] for i in range(4)]))
    c.check("2. **Softmax.** Si $p_i = e^{z_i}", t_sm)
    c.check("$$J_{\\text{softmax}} = \\operatorname{diag}(\\mathbf p) - \\mathbf p\\mathbf p^\\top .$$", lambda: (lambda z: close(fd_jac(sm, z), np.diag(sm(z)) - np.outer(sm(z), sm(z))))(rnd(4)))
    z0 = np.array([0, np.log(3)])
    c.check("Con $\\mathbf z = (0;\\ \\ln 3)$: $\\mathbf p = (0{,}25;\\ 0{,}75)$", lambda: rounds_all(sm(z0), ["0,25", "0,75"]))
    c.check("0{,}25 - 0{,}0625 & -0{,}1875", lambda: rounds_all(fd_jac(sm, z0), ["0,1875", "-0,1875", "-0,1875", "0,1875"])
            and rounds(0.25 - 0.0625, "0,1875") and rounds(0.75 - 0.5625, "0,1875") and rounds(0.25 ** 2, "0,0625")
            and rounds(0.75 ** 2, "0,5625") and rounds(-0.25 * 0.75, "-0,1875"))
    c.check("Cada columna suma cero", lambda: (lambda z: close(fd_jac(sm, z).sum(axis=0), np.zeros(4)) and abs(sm(z).sum() - 1) < 1e-12)(rnd(4)))
    def t_lin():
        W, b, x = rnd(3, 4), rnd(3), rnd(4)
        p = sm(W @ x + b)
        return close(fd_jac(lambda v: W @ v + b, x), W) and close(fd_jac(lambda v: sm(W @ v + b), x), (np.diag(p) - np.outer(p, p)) @ W)
    c.check("3. **Capa lineal.**", t_lin)

@register("10_inversa_determinante_lista_pt.md")
def f10(c):
    inv, det = np.linalg.inv, np.linalg.det
    A = np.array([[4, 7], [2, 6.]])
    c.given("**Exercício 1.** Calcule o determinante e a inversa")
    c.given("*Resolução.* Para uma matriz $2\\times 2$ vale")
    def t_f():
        a, b, cc, d = rnd(4)
        M = np.array([[a, b], [cc, d]])
        return close(inv(M), np.array([[d, -b], [-cc, a]]) / (a * d - b * cc))
    c.check("= \\frac{1}{ad-bc}\\begin{pmatrix} d & -b\\\\ -c & a\\end{pmatrix}, \\qquad ad - bc \\neq 0.$$", lambda: repeat_random(t_f))
    c.check("Aqui $\\det A = 4\\cdot 6 - 7\\cdot 2 = 24 - 14 = 10$", lambda: abs(det(A) - 10) < 1e-9 and 4 * 6 == 24 and 7 * 2 == 14)
    c.check("$$A^{-1} = \\frac{1}{10}\\begin{pmatrix} 6 & -7", lambda: close(inv(A), np.array([[6, -7], [-2, 4]]) / 10)
            and rounds_all(inv(A), ["0,6", "-0,7", "-0,2", "0,4"]))
    c.check("$$AA^{-1} = \\begin{pmatrix} 2{,}4 - 1{,}4", lambda: close(A @ inv(A), np.eye(2))
            and close([4 * .6, 7 * -.2, 4 * -.7, 7 * .4, 2 * .6, 6 * -.2, 2 * -.7, 6 * .4], [2.4, -1.4, -2.8, 2.8, 1.2, -1.2, -1.4, 2.4])
            and close([2.4 - 1.4, -2.8 + 2.8, 1.2 - 1.2, -1.4 + 2.4], [1, 0, 0, 1]))
    c.check("Note também que $\\det A^{-1}", lambda: rounds(det(inv(A)), "0,1") and rounds(0.6 * 0.4, "0,24")
            and rounds((-0.7) * (-0.2), "0,14") and abs(det(inv(A)) - 1 / det(A)) < 1e-12)
    At = lambda t: np.array([[2, t], [1, 3.]])
    c.given("**Exercício 2.** Seja $A(t) = ")
    def dinvdt(t, h=1e-6):
        return (inv(At(t + h)) - inv(At(t - h))) / (2 * h)
    def t_der():
        t = rnd(1)[0]
        Ap = np.array([[0, 1], [0, 0.]])
        return close(Ap @ inv(At(t)) + At(t) @ dinvdt(t), np.zeros((2, 2)))
    c.check("*Resolução.* Derivando $A A^{-1} = I$", t_der)
    def t_gen():
        A0, A1 = rnd(3, 3) + 3 * np.eye(3), rnd(3, 3)
        F = lambda t: inv(A0 + t * A1 + np.sin(t) * np.eye(3))
        t0, h = 0.4, 1e-6
        d = (F(t0 + h) - F(t0 - h)) / (2 * h)
        Ap = A1 + np.cos(t0) * np.eye(3)
        return close(d, -F(t0) @ Ap @ F(t0))
    c.check("$$(A^{-1})' = -A^{-1}A'A^{-1}.$$", lambda: repeat_random(t_gen))
    A1 = At(1.0); Ap = np.array([[0, 1], [0, 0.]])
    c.check("Em $t = 1$: $A = ", lambda: abs(det(A1) - 5) < 1e-9 and close(inv(A1), np.array([[3, -1], [-1, 2]]) / 5)
            and close((At(1 + 1e-6) - At(1 - 1e-6)) / 2e-6, Ap))
    c.check("Primeiro $A^{-1}A' = ", lambda: close(inv(A1) @ Ap, np.array([[0, 3], [0, -1]]) / 5))
    c.check("\\frac{1}{25}\\begin{pmatrix} -3 & 6\\\\ -1 & -2\\end{pmatrix}.$$",
            lambda: close(inv(A1) @ Ap @ inv(A1), np.array([[-3, 6], [-1, -2]]) / 25), "sign slip in (2,1) entry")
    c.check("\\begin{pmatrix} 0{,}12 & -0{,}24\\\\ 0{,}04 & 0{,}08\\end{pmatrix}.$$",
            lambda: rounds_all(dinvdt(1.0), ["0,12", "-0,24", "0,04", "0,08"]), "propagated")
    c.check("Conferindo a entrada $(1,1)$ diretamente", lambda: all(abs(inv(At(t))[0, 0] - 3 / (6 - t)) < 1e-12 for t in [0.3, 1, 2])
            and rounds(dinvdt(1.0)[0, 0], "0,12") and abs(3 / 25 - 0.12) < 1e-12)
    def t_ddet():
        M = rnd(3, 3) + 3 * np.eye(3)
        return close(fd(det, M), det(M) * inv(M).T)
    c.check("**Exercício 3.** Mostre que", lambda: repeat_random(t_ddet))
    c.check("*Resolução.* Para $A = \\begin{pmatrix} a & b", lambda: (lambda a, b, cc, d: abs(det(np.array([[a, b], [cc, d]])) - (a * d - b * cc)) < 1e-12)(*rnd(4)))
    def t_dd2():
        M = rnd(2, 2); a, b, cc, d = M.ravel()
        return close(fd(det, M), [[d, -cc], [-b, a]])
    c.check("(ad - bc) = \\begin{pmatrix} d & -c\\\\ -b & a\\end{pmatrix},$$", lambda: repeat_random(t_dd2))
    def t_cof():
        M = rnd(2, 2); a, b, cc, d = M.ravel()
        cof = np.array([[d, -cc], [-b, a]])
        cof2 = np.array([[(-1) ** (i + j) * M[1 - i, 1 - j] for j in range(2)] for i in range(2)])
        return close(cof, cof2) and close(inv(M).T, cof / det(M)) and close(fd(det, M), det(M) * inv(M).T)
    c.check("que é a matriz dos cofatores. Como", lambda: repeat_random(t_cof))
    c.check("= \\begin{pmatrix} 6 & -2\\\\ -7 & 4\\end{pmatrix} = 10", lambda: close(fd(det, A), [[6, -2], [-7, 4]])
            and close(10 * np.array([[0.6, -0.2], [-0.7, 0.4]]), [[6, -2], [-7, 4]]))
    c.check("e, dividindo por $\\det A$", lambda: close(fd(lambda Z: np.log(det(Z)), A), inv(A).T))
    c.given("**Exercício 4.** Resolva")
    c.check("*Resolução.* $\\mathbf x = A^{-1}(1,2)^\\top", lambda: rounds_all(inv(A) @ [1, 2], ["-0,8", "0,6"])
            and close([0.6 - 1.4, -0.2 + 0.8], [-0.8, 0.6]) and close(A @ [-0.8, 0.6], [1, 2]))

@register("11_lan_truyen_nguoc_blog_vi.md")
def f11(c):
    d, h, k = 3, 5, 2
    relu = lambda z: np.maximum(z, 0)
    def setup():
        while True:
            W1, b1, W2, b2, x, y = rnd(h, d), rnd(h), rnd(k, h), rnd(k), rnd(d), rnd(k)
            z1 = W1 @ x + b1
            if np.min(np.abs(z1)) > 0.05 and (z1 < 0).any() and (z1 > 0).any():
                return W1, b1, W2, b2, x, y
    def loss(W1, b1, W2, b2, x, y):
        return 0.5 * np.sum((W2 @ relu(W1 @ x + b1) + b2 - y) ** 2)
    c.given("Trong bài này mình dùng **quy ước mẫu số**")
    c.given("Với một điểm dữ liệu $\\mathbf x\\in\\mathbb R^{d}$:")
    c.given("$$\\mathbf z_1 = W_1\\mathbf x + \\mathbf b_1,\\quad \\mathbf a_1 = \\mathrm{ReLU}")
    c.check("trong đó $W_1\\in\\mathbb R^{h\\times d}$", lambda: (lambda W1, b1, W2, b2, x, y: (W2 @ relu(W1 @ x + b1)).shape == y.shape)(*setup()))
    def t_d2():
        W1, b1, W2, b2, x, y = setup()
        z1 = W1 @ x + b1; a1 = relu(z1); z2 = W2 @ a1 + b2
        return close(fd(lambda z: 0.5 * np.sum((z - y) ** 2), z2), z2 - y)
    c.check("Đặt $\\boldsymbol\\delta_2 = ", t_d2)
    def grads():
        W1, b1, W2, b2, x, y = setup()
        z1 = W1 @ x + b1; a1 = relu(z1); z2 = W2 @ a1 + b2; d2 = z2 - y
        return W1, b1, W2, b2, x, y, z1, a1, z2, d2
    def t_w2():
        W1, b1, W2, b2, x, y, z1, a1, z2, d2 = grads()
        G = np.outer(d2, a1)
        return close(fd(lambda Z: loss(W1, b1, Z, b2, x, y), W2), G) and G.shape == W2.shape == (k, h)
    c.check("- $\\dfrac{\\partial L}{\\partial W_2} = \\boldsymbol\\delta_2\\,\\mathbf a_1^T$", t_w2)
    def t_b2():
        W1, b1, W2, b2, x, y, z1, a1, z2, d2 = grads()
        return close(fd(lambda Z: loss(W1, b1, W2, Z, x, y), b2), d2)
    c.check("- $\\dfrac{\\partial L}{\\partial \\mathbf b_2} = \\boldsymbol\\delta_2$;", t_b2)
    def t_a1():
        W1, b1, W2, b2, x, y, z1, a1, z2, d2 = grads()
        g = fd(lambda a: 0.5 * np.sum((W2 @ a + b2 - y) ** 2), a1)
        return close(g, W2.T @ d2) and (W2.T @ d2[:, None]).shape == (h, 1)
    c.check("- $\\dfrac{\\partial L}{\\partial \\mathbf a_1} = W_2^T\\boldsymbol\\delta_2$", t_a1)
    def t_d1():
        W1, b1, W2, b2, x, y, z1, a1, z2, d2 = grads()
        g = fd(lambda z: 0.5 * np.sum((W2 @ relu(z) + b2 - y) ** 2), z1)
        return close(g, W2.T @ d2)
    c.check("- vì $\\mathbf a_1 = \\mathrm{ReLU}(\\mathbf z_1)$ nên", t_d1, "missing ReLU derivative mask")
    def t_w1():
        W1, b1, W2, b2, x, y, z1, a1, z2, d2 = grads()
        d1 = W2.T @ d2
        G = np.outer(d1, x)
        return G.shape == W1.shape and close(fd(lambda Z: loss(Z, b1, W2, b2, x, y), W1), G) \
            and close(fd(lambda Z: loss(W1, Z, W2, b2, x, y), b1), d1)
    c.check("- $\\dfrac{\\partial L}{\\partial W_1} = \\boldsymbol\\delta_1\\,\\mathbf x^T$", t_w1, "propagated")
    N = 4
    def bsetup():
        W1, b1, W2, b2 = rnd(h, d), rnd(h), rnd(k, h), rnd(k)
        X, Y = rnd(d, N), rnd(k, N)
        return W1, b1, W2, b2, X, Y
    def bloss(W1, b1, W2, b2, X, Y):
        Z1 = W1 @ X + np.outer(b1, np.ones(N)); A1 = relu(Z1); Z2 = W2 @ A1 + np.outer(b2, np.ones(N))
        return 0.5 * np.sum((Z2 - Y) ** 2)
    def t_bdef():
        W1, b1, W2, b2, X, Y = bsetup()
        per = sum(loss(W1, b1, W2, b2, X[:, n], Y[:, n]) for n in range(N))
        return abs(per - bloss(W1, b1, W2, b2, X, Y)) < 1e-9
    c.check("Xếp $N$ điểm thành các cột", t_bdef)
    def t_b2g():
        W1, b1, W2, b2, X, Y = bsetup()
        A1 = relu(W1 @ X + np.outer(b1, np.ones(N))); D2 = W2 @ A1 + np.outer(b2, np.ones(N)) - Y
        return close(fd(lambda Z: bloss(W1, b1, Z, b2, X, Y), W2), D2 @ A1.T) and (D2 @ A1.T).shape == (k, h) \
            and close(fd(lambda Z: bloss(W1, b1, W2, Z, X, Y), b2), D2 @ np.ones(N)) and D2.shape == (k, N)
    c.check("$$\\Delta_2 = Z_2 - Y\\ (k\\times N)", t_b2g)
    def t_b1g():
        W1, b1, W2, b2, X, Y = bsetup()
        A1 = relu(W1 @ X + np.outer(b1, np.ones(N))); D2 = W2 @ A1 + np.outer(b2, np.ones(N)) - Y
        D1 = W2.T @ D2
        return D1.shape == (h, N) and (D1 @ X.T).shape == (h, d) and close(fd(lambda Z: bloss(Z, b1, W2, b2, X, Y), W1), D1 @ X.T)
    c.check("$$\\Delta_1 = W_2^T\\Delta_2\\ (h\\times N)", t_b1g, "propagated")
    def t_mean():
        W1, b1, W2, b2, X, Y = bsetup()
        return close(fd(lambda Z: bloss(W1, b1, Z, b2, X, Y) / N, W2), fd(lambda Z: bloss(W1, b1, Z, b2, X, Y), W2) / N)
    c.check("Nếu $L$ lấy trung bình trên batch", t_mean)
    x = np.array([1, 2.]); W1 = np.array([[1, -1], [0.5, 1]]); W2 = np.array([[2, -1.]]); y = np.array([1.])
    b1 = np.zeros(2); b2 = np.zeros(1)
    L = lambda A: loss(A, b1, W2, b2, x, y)
    c.given("Lấy $d = 2$, $h = 2$, $k = 1$")
    c.given("$$\\mathbf x = \\begin{pmatrix}1\\\\ 2\\end{pmatrix},\\quad W_1 = ")
    def t_fw():
        z1 = W1 @ x; a1 = relu(z1); z2 = W2 @ a1
        return rounds_all(z1, ["-1", "2,5"]) and rounds_all(a1, ["0", "2,5"]) and rounds(z2[0], "-2,5") \
            and rounds(L(W1), "6,125") and rounds(0.5 * 3.5 ** 2, "6,125")
    c.check("Lan truyền xuôi: $\\mathbf z_1 = (1 - 2;", t_fw)
    def t_bw():
        g = fd(lambda Z: loss(W1, b1, Z, b2, x, y), W2)
        return rounds(-2.5 - 1, "-3,5") and rounds_all(g, ["0", "-8,75"]) and rounds(-3.5 * 2.5, "-8,75")
    c.check("Lan truyền ngược: $\\delta_2 = -2{,}5 - 1", t_bw)
    def t_d1n():
        z1 = W1 @ x
        g = fd(lambda z: 0.5 * np.sum((W2 @ relu(z) - y) ** 2), z1)
        G = fd(L, W1)
        return rounds_all(g, ["-7", "3,5"]) and rounds_all(G, ["-7", "-14", "3,5", "7"]) \
            and close(W2.T[:, 0] * -3.5, [-7, 3.5]) and close(np.outer([-7, 3.5], x), [[-7, -14], [3.5, 7]])
    c.check("$$\\boldsymbol\\delta_1 = W_2^T\\delta_2 = ", t_d1n, "propagated")
    def t_fdn():
        Wp = W1.copy(); Wp[1, 1] += 0.01
        z1 = Wp @ x; z2 = W2 @ relu(z1)
        return rounds_all(z1, ["-1", "2,52"]) and rounds(z2[0], "-2,52") and rounds(L(Wp), "6,1952") \
            and rounds(0.5 * 3.52 ** 2, "6,1952")
    c.check("Kiểm tra bằng sai phân hữu hạn cho phần tử $(W_1)_{22}$", t_fdn)
    c.check("$$\\frac{6{,}1952 - 6{,}125}{0{,}01} = 7{,}02 \\approx 7,$$", lambda: rounds((6.1952 - 6.125) / 0.01, "7,02")
            and abs(7.02 - 7) < 0.05)
    c.check("khớp với phần tử $(2,2)$ của", lambda: rounds(fd(L, W1)[1, 1], "7"))

@register("12_normal_equations_mse_en.md")
def f12(c):
    inv = np.linalg.inv
    n, p = 6, 3
    f = lambda b, X, y: np.sum((y - X @ b) ** 2)
    c.given("The cleanest way is to expand the square")
    c.check("$$f(\\beta) = \\|y - X\\beta\\|^2 = (y - X\\beta)^T(y - X\\beta).$$",
            lambda: (lambda X, y, b: abs(f(b, X, y) - (y - X @ b) @ (y - X @ b)) < 1e-9)(rnd(n, p), rnd(n), rnd(p)))
    c.check("Expanding, and using that $\\beta^TX^Ty$ is a scalar",
            lambda: (lambda X, y, b: abs(b @ X.T @ y - y @ X @ b) < 1e-12)(rnd(n, p), rnd(n), rnd(p)))
    c.check("$$f(\\beta) = y^Ty - 2\\beta^TX^Ty + \\beta^TX^TX\\beta.$$",
            lambda: (lambda X, y, b: abs(f(b, X, y) - (y @ y - 2 * b @ X.T @ y + b @ X.T @ X @ b)) < 1e-9)(rnd(n, p), rnd(n), rnd(p)))
    c.given("Now the two facts you need (gradients written as column vectors")
    c.check("- $\\nabla_\\beta\\,(a^T\\beta) = a$,", lambda: (lambda a, b: close(fd(lambda z: a @ z, b), a))(rnd(p), rnd(p)))
    c.check("- $\\nabla_\\beta\\,(\\beta^TA\\beta) = (A + A^T)\\beta$", lambda: (lambda A, b: close(fd(lambda z: z @ A @ z, b), (A + A.T) @ b)
                                                                                 and close(fd(lambda z: z @ (A + A.T) @ z, b), 2 * (A + A.T) @ b))(rnd(p, p), rnd(p)))
    c.check("Since $X^TX$ is symmetric,", lambda: (lambda X: close(X.T @ X, (X.T @ X).T))(rnd(n, p)))
    c.check("$$\\nabla f(\\beta) = -2X^Ty + 2X^TX\\beta.$$", lambda: (lambda X, y, b: close(fd(lambda z: f(z, X, y), b), -2 * X.T @ y + 2 * X.T @ X @ b))(rnd(n, p), rnd(n), rnd(p)))
    def t_ne():
        X, y = rnd(n, p), rnd(n)
        b = np.linalg.lstsq(X, y, rcond=None)[0]
        return close(X.T @ X @ b, X.T @ y)
    c.check("$$X^TX\\,\\hat\\beta = X^Ty,$$", t_ne)
    def t_inv():
        X, y = rnd(n, p), rnd(n)
        b = np.linalg.lstsq(X, y, rcond=None)[0]
        return np.linalg.matrix_rank(X) == p and close(inv(X.T @ X) @ X.T @ y, b)
    c.check("and if $X$ has full column rank", t_inv)
    def t_orth():
        X, y = rnd(n, p), rnd(n)
        b = inv(X.T @ X) @ X.T @ y
        return close(X.T @ (y - X @ b), np.zeros(p))
    c.check("The name comes from the geometry", t_orth)
    def t_hess():
        X, y, v = rnd(n, p), rnd(n), rnd(p)
        H = fd_jac(lambda z: fd(lambda u: f(u, X, y), z, 1e-4), rnd(p), 1e-4)
        return close(H, 2 * X.T @ X, 1e-4) and abs(v @ X.T @ X @ v - np.sum((X @ v) ** 2)) < 1e-9 and v @ X.T @ X @ v >= 0
    c.check("To see it is a minimum: the Hessian", t_hess)
    X = np.array([[1, 0], [1, 1], [1, 2.]]); y = np.array([1, 3, 4.])
    c.check("**Example.** Fit a line", lambda: close(X[:, 0], [1, 1, 1]) and close(X[:, 1], [0, 1, 2]) and close(y, [1, 3, 4]))
    c.check("X^TX = \\begin{bmatrix}3&3\\\\3&5\\end{bmatrix},\\quad X^Ty", lambda: close(X.T @ X, [[3, 3], [3, 5]]) and close(X.T @ y, [8, 11]))
    c.check("Here $\\det(X^TX) = 15 - 9 = 6$", lambda: abs(np.linalg.det(X.T @ X) - 6) < 1e-9 and 3 * 5 == 15 and 3 * 3 == 9)
    bh = inv(X.T @ X) @ X.T @ y
    c.check("$$\\hat\\beta = \\frac16\\begin{bmatrix}5&-3", lambda: close(inv(X.T @ X), np.array([[5, -3], [-3, 3]]) / 6)
            and close(np.array([[5, -3], [-3, 3]]) @ [8, 11], [7, 9]) and rounds_all(bh, ["1.1667", "1.5"])
            and close(bh, np.linalg.lstsq(X, y, rcond=None)[0]))
    r = y - X @ bh
    c.check("Sanity check: the fitted values are", lambda: rounds_all(X @ bh, ["1.1667", "2.6667", "4.1667"])
            and rounds_all(r, ["-0.1667", "0.3333", "-0.1667"]))
    c.check("$$X^Tr \\approx (-0.1667 + 0.3333 - 0.1667", lambda: close(X.T @ r, [0, 0])
            and abs(-0.1667 + 0.3333 - 0.1667) < 5e-4 and abs(0.3333 - 2 * 0.1667) < 5e-4)
    c.check("The residual sum of squares is", lambda: close(r ** 2, [1 / 36, 4 / 36, 1 / 36]) and abs(np.sum(r ** 2) - 1 / 6) < 1e-12)
    def t_diff():
        Xr, yr, b, db = rnd(n, p), rnd(n), rnd(p), rnd(p); hh = 1e-6
        d = (f(b + hh * db, Xr, yr) - f(b - hh * db, Xr, yr)) / (2 * hh)
        return abs(d - (-2 * (yr - Xr @ b) @ Xr @ db)) < 1e-6 and close(fd(lambda z: f(z, Xr, yr), b), -2 * Xr.T @ (yr - Xr @ b))
    c.check("If you prefer differentials:", t_diff)

@register("13_weighted_ls_homework_en.md")
def f13(c):
    inv = np.linalg.inv
    n, p = 5, 2
    def rw():
        return np.diag(np.abs(rnd(n)) + 0.1)
    J = lambda b, X, y, W: (y - X @ b) @ W @ (y - X @ b)
    c.given("Minimize $J(\\beta) = (y - X\\beta)^T W (y - X\\beta)$")
    def t_exp():
        X, y, W, b = rnd(n, p), rnd(n), rw(), rnd(p)
        return abs(J(b, X, y, W) - (y @ W @ y - 2 * b @ X.T @ W @ y + b @ X.T @ W @ X @ b)) < 1e-9 \
            and abs(b @ X.T @ W @ y - y @ W @ X @ b) < 1e-12
    c.check("Expand: $J = y^TWy", t_exp)
    c.check("$X^TWX$ is symmetric, so using", lambda: (lambda X, W, A, b: close(X.T @ W @ X, (X.T @ W @ X).T)
                                                       and close(fd(lambda z: z @ (A + A.T) @ z, b), 2 * (A + A.T) @ b))(rnd(n, p), rw(), rnd(p, p), rnd(p)))
    def t_g():
        X, y, W, b = rnd(n, p), rnd(n), rw(), rnd(p)
        g = fd(lambda z: J(z, X, y, W), b)
        return close(g, -2 * X.T @ W @ y + 2 * X.T @ W @ X @ b) and close(g, -2 * X.T @ W @ (y - X @ b))
    c.check("$$\\nabla_\\beta J = -2X^TWy + 2X^TWX\\beta", t_g)
    def t_sol():
        X, y, W = rnd(n, p), rnd(n), rw()
        b = inv(X.T @ W @ X) @ X.T @ W @ y
        return close(fd(lambda z: J(z, X, y, W), b), np.zeros(p)) and close(X.T @ W @ X @ b, X.T @ W @ y)
    c.check("Set to 0 $\\Rightarrow$", t_sol)
    X = np.array([[1, 0], [1, 1], [1, 2.]]); y = np.array([1, 3, 4.]); W = np.diag([1, 1, 2.])
    c.given("**Numbers** (given in the problem)")
    c.check("- $X^TW = \\begin{bmatrix}1&1&2", lambda: close(X.T @ W, [[1, 1, 2], [0, 1, 4]]))
    c.check("- $X^TWX = \\begin{bmatrix}4&5", lambda: close(X.T @ W @ X, [[4, 5], [5, 9]]) and close(X.T @ W @ y, [12, 19])
            and 1 + 3 + 8 == 12 and 3 + 16 == 19)
    c.check("- $\\det(X^TWX) = 36 - 25 = 11$", lambda: abs(np.linalg.det(X.T @ W @ X) - 11) < 1e-9
            and close(inv(X.T @ W @ X), np.array([[9, -5], [-5, 4]]) / 11))
    bh = inv(X.T @ W @ X) @ X.T @ W @ y
    c.check("- $\\hat\\beta = \\frac{1}{11}(9\\cdot 12", lambda: 9 * 12 - 5 * 19 == 13 and -5 * 12 + 4 * 19 == 16
            and close(bh, np.array([13, 16]) / 11) and rounds_all(bh, ["1.182", "1.455"]))
    r = y - X @ bh
    c.check("Check: residual $y - X\\hat\\beta", lambda: close(r, np.array([-2, 4, -1]) / 11)
            and close(X.T @ W @ r, [0, 0]) and close(X.T @ (W @ np.array([-2, 4, -1.])), [-2 + 4 - 2, 4 - 4]))
    def t_ols():
        b0 = inv(X.T @ X) @ X.T @ y
        return close(b0, [7 / 6, 1.5]) and rounds_all(b0, ["1.167", "1.5"]) and not close(b0, bh) and W[2, 2] == 2
    c.check("(Compared to ordinary LS", t_ols)
    c.given("## Problem 2 (gradient of $1/\\|x\\|$)")
    f = lambda x: 1 / np.linalg.norm(x)
    c.check("$f(x) = \\dfrac{1}{\\|x\\|} = (x^Tx)^{-1/2}$", lambda: (lambda x: abs(f(x) - (x @ x) ** -0.5) < 1e-12
                                                                       and close(fd(lambda z: z @ z, x), 2 * x))(rnd(3)))
    c.check("$$\\nabla f = -\\tfrac12 (x^Tx)^{-3/2}\\cdot 2x", lambda: (lambda x: close(fd(f, x), -0.5 * (x @ x) ** -1.5 * 2 * x)
                                                                       and close(fd(f, x), -x * (x @ x) ** -1.5))(rnd(3)))
    c.check("\\boxed{\\nabla f = -\\frac{x}{\\|x\\|^{3/2}}}", lambda: (lambda x: close(fd(f, x), -x / np.linalg.norm(x) ** 1.5))(rnd(3) * 3),
            "wrong exponent: (x^T x)^{-3/2} = ||x||^{-3}, not ||x||^{-3/2}")
    x0 = np.array([3, 4.])
    c.check("(a) At $x = (3, 4)^T$", lambda: rounds(np.linalg.norm(x0), "5") and rounds(5 ** 1.5, "11.180")
            and rounds_all(fd(f, x0), ["-0.268", "-0.358"]), "propagated")
    c.check("(b) Directional derivative in the radial direction", lambda: rounds_all(x0 / 5, ["0.6", "0.8"])
            and rounds(fd(f, x0) @ (x0 / 5), "-0.447") and rounds(-5 ** -0.5, "-0.447"), "propagated")
    def t_c():
        x = rnd(3)
        g = fd(f, x)
        return g @ x < 0 and close(np.cross(g, x), np.zeros(3), 1e-6) and f(2 * x) < f(x)
    c.check("(c) Sanity check on the sign", t_c)

@register("14_matrichnoe_differentsirovanie_ru.md")
def f14(c):
    inv, det, tr = np.linalg.inv, np.linalg.det, np.trace
    n = 3
    rX = lambda: rnd(n, n) + 3 * np.eye(n)
    def dd(F, X, V, h=1e-6):
        return (F(X + h * V) - F(X - h * V)) / (2 * h)
    c.given("**Соглашение.** Для скалярной функции")
    def t_conv():
        C = rnd(2, 3); X, V = rnd(2, 3), rnd(2, 3)
        F = lambda Z: np.sum(np.sin(Z) * C)
        return abs(dd(F, X, V) - np.sum(fd(F, X) * V)) < 1e-6 and abs(np.sum(fd(F, X) * V) - tr(fd(F, X).T @ V)) < 1e-9
    c.check("$$df = \\langle \\nabla_X f,\\, dX\\rangle", t_conv)
    c.check("Поэтому достаточно привести дифференциал", lambda: (lambda G: close(fd(lambda Z: tr(G.T @ Z), rnd(2, 3)), G))(rnd(2, 3)))
    c.check("1. $d(XY) = dX\\cdot Y + X\\cdot dY$", lambda: (lambda X, Y, V, U: close(
        ((X + 1e-6 * V) @ (Y + 1e-6 * U) - (X - 1e-6 * V) @ (Y - 1e-6 * U)) / 2e-6, V @ Y + X @ U))(rnd(2, 3), rnd(3, 2), rnd(2, 3), rnd(3, 2)))
    c.check("2. $d(X^{-1}) = -X^{-1}\\,dX\\,X^{-1}$", lambda: (lambda X, V: close(dd(inv, X, V), -inv(X) @ V @ inv(X)))(rX(), rnd(n, n)))
    c.check("3. $d\\operatorname{tr}(X) = \\operatorname{tr}(dX)$", lambda: (lambda X, V: abs(dd(tr, X, V) - tr(V)) < 1e-6)(rX(), rnd(n, n)))
    c.check("4. $d\\det X = \\det X\\cdot", lambda: (lambda X, V: abs(dd(det, X, V) - det(X) * tr(inv(X) @ V)) < 1e-5)(rX(), rnd(n, n)))
    c.given("**Пример 1.** $f(X) = \\operatorname{tr}(AXB)$. Имеем")
    def t_e1():
        A, B, X, V = rnd(2, 3), rnd(4, 2), rnd(3, 4), rnd(3, 4)
        F = lambda Z: tr(A @ Z @ B)
        return abs(dd(F, X, V) - tr(A @ V @ B)) < 1e-6 and abs(tr(A @ V @ B) - tr(B @ A @ V)) < 1e-9 \
            and close(fd(F, X), (B @ A).T) and close((B @ A).T, A.T @ B.T)
    c.check("$$df = \\operatorname{tr}(A\\,dX\\,B) = \\operatorname{tr}(BA\\,dX)", t_e1)
    c.given("**Пример 2.** $f(X) = \\operatorname{tr}(AX^{-1})$, $X$ невырождена")
    def t_e2a():
        A, X, V = rnd(n, n), rX(), rnd(n, n)
        F = lambda Z: tr(A @ inv(Z)); Xi = inv(X)
        return abs(dd(F, X, V) + tr(A @ Xi @ V @ Xi)) < 1e-5 and abs(tr(A @ Xi @ V @ Xi) - tr(Xi @ A @ Xi @ V)) < 1e-9
    c.check("$$df = -\\operatorname{tr}(AX^{-1}\\,dX\\,X^{-1})", t_e2a)
    def t_e2b():
        A, X = rnd(n, n), rX(); Xi = inv(X)
        return close(fd(lambda Z: tr(A @ inv(Z)), X), -(Xi @ A @ Xi).T) and close((Xi @ A @ Xi).T, Xi.T @ A.T @ Xi.T)
    c.check("$$\\nabla_X f = -\\big(X^{-1}AX^{-1}\\big)^\\top", t_e2b)
    c.given("**Пример 3.** $f(X) = \\operatorname{tr}(X^\\top AX)$")
    def t_e3():
        A, X, V = rnd(n, n), rnd(n, 2), rnd(n, 2)
        F = lambda Z: tr(Z.T @ A @ Z)
        return abs(dd(F, X, V) - (tr(V.T @ A @ X) + tr(X.T @ A @ V))) < 1e-6 \
            and abs(tr(V.T @ A @ X) - tr(X.T @ A.T @ V)) < 1e-9
    c.check("$$df = \\operatorname{tr}(dX^\\top AX) + ", t_e3)
    def t_e3b():
        A, X = rnd(n, n), rnd(n, 2)
        F = lambda Z: tr(Z.T @ A @ Z); S = A + A.T
        return close(fd(F, X), (A + A.T) @ X) and ((A + A.T) @ X).shape == (n, 2) \
            and close(fd(lambda Z: tr(Z.T @ S @ Z), X), 2 * S @ X)
    c.check("откуда $\\nabla_X f = (A + A^\\top)X$", t_e3b)
    A = np.array([[1, 1], [0, 1.]]); X = np.array([[2, 0], [1, 1.]])
    F = lambda Z: tr(A @ inv(Z))
    c.check("\\det X = 2,\\qquad X^{-1} = \\begin{pmatrix} 0{,}5 & 0", lambda: abs(det(X) - 2) < 1e-12
            and rounds_all(inv(X), ["0,5", "0", "-0,5", "1"]))
    c.check("Тогда $AX^{-1} = \\begin{pmatrix} 0 & 1", lambda: rounds_all(A @ inv(X), ["0", "1", "-0,5", "1"]) and abs(F(X) - 1) < 1e-12)
    Xi = inv(X)
    c.check("$$X^{-1}AX^{-1} = \\begin{pmatrix} 0 & 0{,}5", lambda: rounds_all(Xi @ A @ Xi, ["0", "0,5", "-0,5", "0,5"])
            and rounds_all(fd(F, X), ["0", "0,5", "-0,5", "-0,5"]))
    Xp = X.copy(); Xp[0, 1] = 0.01
    c.check("Проверим элемент $(1,2)$: заменим", lambda: rounds(det(Xp), "1,99") and abs(2 - 0.01 - 1.99) < 1e-12)
    c.check("$$AX^{-1} = \\frac{1}{1{,}99}\\begin{pmatrix} 0 & 1{,}99", lambda: close(A @ inv(Xp) * 1.99, [[0, 1.99], [-1, 2]])
            and rounds(F(Xp), "1,005025") and abs(2 / 1.99 - F(Xp)) < 1e-12)
    c.check("т. е. $\\Delta f \\approx 0{,}00503", lambda: rounds(F(Xp) - F(X), "0,00503") and abs(0.5 * 0.01 - 0.00503) < 1e-4
            and rounds(fd(F, X)[0, 1], "0,5"))
    c.check("**Замечание.** Частая ошибка", lambda: not close(Xi @ A @ Xi, (Xi @ A @ Xi).T)
            and (Xi @ A @ Xi)[0, 1] != (Xi @ A @ Xi)[1, 0] and not close(fd(F, X), -(Xi @ A @ Xi)))

@register("15_regressione_logistica_dispense_it.md")
def f15(c):
    inv = np.linalg.inv
    s = lambda t: 1 / (1 + np.exp(-t))
    n, p = 6, 3
    def ell(w, X, y):
        m = s(X @ w)
        return -np.sum(y * np.log(m) + (1 - y) * np.log(1 - m))
    def data():
        return rnd(n, p), (rnd(n) > 0).astype(float), rnd(p) * 0.5
    c.given("Siano $X\\in\\mathbb R^{n\\times p}$ la matrice dei dati")
    c.check("$$\\ell(\\mathbf w) = -\\sum_{i=1}^{n}\\Big[", lambda: (lambda X, y, w: abs(
        ell(w, X, y) + np.sum(np.log(np.where(y == 1, s(X @ w), 1 - s(X @ w))))) < 1e-9)(*data()))
    def t_lem():
        t = rnd(5)
        return close(fd(lambda z: np.sum(s(z)), t), s(t) * (1 - s(t))) and close(fd(lambda z: np.sum(np.log(s(z))), t), 1 - s(t)) \
            and close(fd(lambda z: np.sum(np.log(1 - s(z))), t), -s(t))
    c.check("**Lemma 5.1.**", t_lem)
    c.given("**Gradiente.** Posto $\\eta_i = ")
    def t_eta():
        y = (rnd(n) > 0).astype(float); eta = rnd(n); mu = s(eta)
        L = lambda e: -np.sum(y * np.log(s(e)) + (1 - y) * np.log(1 - s(e)))
        return close(fd(L, eta), -(y * (1 - mu) - (1 - y) * mu)) and close(-(y * (1 - mu) - (1 - y) * mu), mu - y)
    c.check("$$\\frac{\\partial\\ell}{\\partial\\eta_i} = -\\big[", t_eta)
    c.check("Poiché la jacobiana di $\\boldsymbol\\eta = X\\mathbf w$", lambda: (lambda X, y, w: close(fd_jac(lambda v: X @ v, w), X)
                                                                                    and X.shape == (n, p))(*data()))
    def t_grad():
        X, y, w = data()
        g = X.T @ (s(X @ w) - y)
        return close(fd(lambda z: ell(z, X, y), w), g) and g.shape == (p,)
    c.check("$$\\nabla\\ell(\\mathbf w) = X^\\top(\\boldsymbol\\mu - \\mathbf y),\\qquad", t_grad)
    def t_dmu():
        X, y, w = data(); mu = s(X @ w)
        return all(close(fd(lambda z: s(X[i] @ z), w), mu[i] * (1 - mu[i]) * X[i]) for i in range(n))
    c.check("**Hessiana.** Derivando ancora", t_dmu)
    def t_hess():
        X, y, w = data(); mu = s(X @ w)
        H = fd_jac(lambda z: X.T @ (s(X @ z) - y), w)
        return close(H, X.T @ np.diag(mu * (1 - mu)) @ X)
    c.check("$$\\nabla^2\\ell(\\mathbf w) = X^\\top S X,\\qquad S = ", t_hess)
    def t_conv():
        X, y, w = data(); mu = s(X @ w); v = rnd(p)
        q = v @ X.T @ np.diag(mu * (1 - mu)) @ X @ v
        return abs(q - np.sum(mu * (1 - mu) * (X @ v) ** 2)) < 1e-12 and q >= 0
    c.check("Essendo $\\mathbf v^\\top X^\\top S X\\mathbf v", t_conv)
    def t_newton():
        X, y, w = data(); mu = s(X @ w)
        H = X.T @ np.diag(mu * (1 - mu)) @ X
        w1 = w - inv(H) @ X.T @ (mu - y)
        # Newton step = minimiser of the local quadratic model
        g = X.T @ (mu - y)
        return close(g + H @ (w1 - w), np.zeros(p))
    c.check("$$\\mathbf w^{(k+1)} = \\mathbf w^{(k)} - \\big(X^\\top S X\\big)^{-1}", t_newton)
    X = np.array([[1, 0], [1, 1], [1, 2.]]); y = np.array([0, 0, 1.]); w0 = np.zeros(2)
    c.given("**Esempio 5.2.** Prendiamo $n = 3$, $p = 2$")
    c.given("$$X = \\begin{pmatrix}1 & 0\\\\ 1 & 1\\\\ 1 & 2\\end{pmatrix},\\qquad \\mathbf y")
    mu = s(X @ w0)
    c.check("- In $\\mathbf w^{(0)}$ si ha", lambda: rounds_all(mu, ["0,5", "0,5", "0,5"]) and rounds(ell(w0, X, y), "2,0794")
            and abs(3 * np.log(2) - ell(w0, X, y)) < 1e-12)
    g = X.T @ (mu - y)
    c.check("- $\\boldsymbol\\mu - \\mathbf y = (0{,}5;", lambda: rounds_all(mu - y, ["0,5", "0,5", "-0,5"]) and rounds_all(g, ["0,5", "-0,5"])
            and close(fd(lambda z: ell(z, X, y), w0), g))
    H = X.T @ np.diag(mu * (1 - mu)) @ X
    c.check("- $S = 0{,}25\\, I_3$", lambda: rounds_all(mu * (1 - mu), ["0,25"] * 3) and close(X.T @ X, [[3, 3], [3, 5]])
            and rounds_all(H, ["0,75", "0,75", "0,75", "1,25"]))
    c.check("- $\\det H = 0{,}9375 - 0{,}5625 = 0{,}375$", lambda: rounds(0.75 * 1.25, "0,9375") and rounds(0.75 ** 2, "0,5625")
            and rounds(np.linalg.det(H), "0,375") and close(inv(H), np.array([[1.25, -0.75], [-0.75, 0.75]]) / 0.375)
            and rounds_all(inv(H), ["3,333", "-2", "-2", "2"]))
    step = inv(H) @ g
    c.check("- $H^{-1}\\nabla\\ell = (\\tfrac{10}{3}", lambda: rounds_all(step, ["2,667", "-2"])
            and abs(inv(H)[0, 0] - 10 / 3) < 1e-12
            and rounds(10 / 3 * 0.5 + 2 * 0.5, "2,667") and rounds(-2 * 0.5 - 2 * 0.5, "-2"))
    w1 = w0 - step
    c.check("- Quindi $\\mathbf w^{(1)} = ", lambda: rounds_all(w1, ["-2,667", "2"]))
    c.check("Controllo: con $\\mathbf w^{(1)}$", lambda: rounds_all(s(X @ w1), ["0,065", "0,339", "0,791"])
            and rounds(ell(w1, X, y), "0,716") and ell(w1, X, y) < ell(w0, X, y))

@register("16_gaussian_precision_blog_ko.md")
def f16(c):
    inv, det, tr = np.linalg.inv, np.linalg.det, np.trace
    D, N = 3, 5
    logdet = lambda A: np.linalg.slogdet(A)[1]
    def ll(X, mu, Lam):
        return (-len(X) * X.shape[1] / 2 * np.log(2 * np.pi) + len(X) / 2 * logdet(Lam)
                - 0.5 * sum((x - mu) @ Lam @ (x - mu) for x in X))
    def ll_sigma(X, mu, Sig):
        return (-len(X) * X.shape[1] / 2 * np.log(2 * np.pi) - len(X) / 2 * logdet(Sig)
                - 0.5 * sum((x - mu) @ inv(Sig) @ (x - mu) for x in X))
    c.given("# 다변량 정규분포 로그우도 미분하기")
    c.given("공분산 $\\Sigma$ 대신 **정밀도 행렬**")
    c.given("데이터 $\\mathbf x_1,\\dots,\\mathbf x_N\\in\\mathbb R^D$가 독립이라고 하면")
    c.check("$$\\ell(\\boldsymbol\\mu,\\Lambda) = -\\frac{ND}{2}\\ln 2\\pi", lambda: (lambda X, mu, S: abs(ll(X, mu, inv(S)) - ll_sigma(X, mu, S)) < 1e-9)(rnd(N, D), rnd(D), spd(D)))
    c.check("입니다. $\\ln|\\Sigma| = -\\ln|\\Lambda|$", lambda: (lambda S: abs(logdet(S) + logdet(inv(S))) < 1e-9)(spd(D)))
    c.check("1. $\\dfrac{\\partial}{\\partial\\Lambda}\\ln|\\Lambda|", lambda: (lambda L: close(fd(logdet, L), inv(L).T) and close(inv(L).T, inv(L)))(spd(D)))
    c.check("2. $\\mathbf a^\\top\\Lambda\\mathbf a = ", lambda: (lambda a, L, S: abs(a @ L @ a - tr(L @ np.outer(a, a))) < 1e-9
                                                               and close(fd(lambda Z: tr(Z @ S), L), S.T) and close(S.T, S))(rnd(D), spd(D), spd(D)))
    c.check("3. $\\dfrac{\\partial}{\\partial\\boldsymbol\\mu}(\\mathbf x-\\boldsymbol\\mu)^\\top", lambda: (lambda x, mu, L: close(
        fd(lambda m: (x - m) @ L @ (x - m), mu), -2 * L @ (x - mu)))(rnd(D), rnd(D), spd(D)))
    c.given("## 3. $\\boldsymbol\\mu$에 대한 미분")
    def t_mu():
        X, mu, L = rnd(N, D), rnd(D), spd(D)
        g = fd(lambda m: ll(X, m, L), mu)
        return close(g, sum(L @ (x - mu) for x in X)) and close(g, L @ (X.sum(0) - N * mu)) \
            and close(fd(lambda m: ll(X, m, L), X.mean(0)), np.zeros(D))
    c.check("$$\\frac{\\partial\\ell}{\\partial\\boldsymbol\\mu} = \\sum_{n=1}^N\\Lambda", t_mu)
    c.given("## 4. $\\Lambda$에 대한 미분")
    def t_const():
        X, mu, L = rnd(N, D), rnd(D), spd(D)
        S = sum(np.outer(x - mu, x - mu) for x in X)
        L2 = spd(D)
        f1 = lambda Lm: ll(X, mu, Lm) - (N / 2 * logdet(Lm) - 0.5 * tr(Lm @ S))
        return abs(f1(L) - f1(L2)) < 1e-9
    c.check("$S = \\sum_n(\\mathbf x_n-\\boldsymbol\\mu)(\\mathbf x_n-\\boldsymbol\\mu)^\\top$로 두면", t_const)
    def t_gL():
        X, mu, L = rnd(N, D), rnd(D), spd(D)
        S = sum(np.outer(x - mu, x - mu) for x in X)
        ok = close(fd(lambda Z: ll(X, mu, Z), L), N / 2 * inv(L) - 0.5 * S)
        Lh = inv(S / N)
        ok &= close(fd(lambda Z: ll(X, mu, Z), Lh), np.zeros((D, D)), 1e-5)
        return ok
    c.check("$$\\frac{\\partial\\ell}{\\partial\\Lambda} = \\frac N2\\Lambda^{-1} - \\frac12 S = 0", t_gL)
    def t_dL():
        Sg, V = spd(D), rnd(D, D); h = 1e-6
        dL = (inv(Sg + h * V) - inv(Sg - h * V)) / (2 * h)
        return close(dL, -inv(Sg) @ V @ inv(Sg))
    c.check("$\\Sigma$로 직접 미분한 결과와도 맞는지", t_dL)
    def t_chain():
        X, mu, Sg, V = rnd(N, D), rnd(D), spd(D), rnd(D, D); h = 1e-6
        S = sum(np.outer(x - mu, x - mu) for x in X)
        G = N / 2 * Sg - 0.5 * S   # G at Lambda = Sigma^{-1}
        Si = inv(Sg)
        d = (ll_sigma(X, mu, Sg + h * V) - ll_sigma(X, mu, Sg - h * V)) / (2 * h)
        dLam = -Si @ V @ Si
        ok = abs(d - tr(G.T @ dLam)) < 1e-5 and abs(tr(G.T @ dLam) + tr(Si @ G.T @ Si @ V)) < 1e-9
        gs = fd(lambda Z: ll_sigma(X, mu, Z), Sg)
        ok &= close(gs, -Si @ G @ Si) and close(-Si @ G @ Si, -N / 2 * Si + 0.5 * Si @ S @ Si)
        return ok
    c.check("$$d\\ell = \\operatorname{tr}(G^\\top d\\Lambda) = ", t_chain)
    c.given("로, 공분산으로 직접 구한 잘 알려진 결과와 같습니다.")
    Xd = np.array([[1, 0], [3, 2], [2, 4.]])
    c.given("$D = 2$, $N = 3$이고 $\\mathbf x_1 = (1,0)^\\top$")
    mu = Xd.mean(0); devs = Xd - mu
    c.check("- $\\bar{\\mathbf x} = (2, 2)^\\top$", lambda: close(mu, [2, 2]) and close(devs, [[-1, -2], [1, 0], [0, 2]]))
    S = sum(np.outer(d, d) for d in devs)
    c.check("- $S = \\begin{pmatrix}1&2\\\\2&4\\end{pmatrix}", lambda: close(np.outer(devs[0], devs[0]), [[1, 2], [2, 4]])
            and close(np.outer(devs[1], devs[1]), [[1, 0], [0, 0]]) and close(np.outer(devs[2], devs[2]), [[0, 0], [0, 4]])
            and close(S, [[2, 2], [2, 8]]) and rounds_all(S / 3, ["0.667", "0.667", "0.667", "2.667"]))
    Lh = inv(S / 3)
    c.check("- $|\\hat\\Sigma| = (2\\cdot 8 - 2\\cdot 2)/9", lambda: abs(det(S / 3) - 12 / 9) < 1e-12 and rounds(det(S / 3), "1.333")
            and close(Lh, 3 * inv(S)) and close(Lh, np.array([[8, -2], [-2, 2]]) / 4) and rounds_all(Lh, ["2", "-0.5", "-0.5", "0.5"]))
    def t_g():
        G1 = fd(lambda Z: ll(Xd, mu, Z), np.eye(2))
        G2 = fd(lambda Z: ll(Xd, mu, Z), Lh)
        return close(G1, [[0.5, -1], [-1, -2.5]]) and close(1.5 * np.eye(2) - 0.5 * S, [[0.5, -1], [-1, -2.5]]) \
            and close(G2, np.zeros((2, 2)), 1e-5) and close(1.5 * (S / 3) - 0.5 * S, np.zeros((2, 2)))
    c.check("- $\\Lambda = I$에서의 기울기", t_g)
    c.check("최댓값은 $|\\hat\\Lambda| = 0.75$", lambda: rounds(det(Lh), "0.75") and abs(tr(Lh @ S) - 6) < 1e-9)
    c.check("$$\\ell_{\\max} = -3\\ln 2\\pi + 1.5\\ln 0.75 - 3 \\approx -8.945$$", lambda: rounds(ll(Xd, mu, Lh), "-8.945")
            and abs(-3 * np.log(2 * np.pi) + 1.5 * np.log(0.75) - 3 - ll(Xd, mu, Lh)) < 1e-9)
    c.check("(각 항은 $-3\\ln 2\\pi \\approx -5.514$", lambda: rounds(-3 * np.log(2 * np.pi), "-5.514") and rounds(1.5 * np.log(0.75), "-0.432"))


if __name__ == "__main__":
    sys.exit(main())
