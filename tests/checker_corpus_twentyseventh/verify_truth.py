#!/usr/bin/env python3
"""Independent ground-truth check for corpus27 (NumPy only).
Each claim: (substring identifying exactly one source line, test function).
First failing claim (by line number) = first wrong line."""
import json, math, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(27)

def near(true, shown, slack=1.05):
    """shown is a string as printed (decimal comma allowed)."""
    s = shown.replace(',', '.').replace('−', '-')
    dec = len(s.split('.')[1]) if '.' in s else 0
    return abs(float(true) - float(s)) <= 0.5 * 10 ** (-dec) * slack + 1e-12

def allnear(trues, shows):
    return all(near(t, s) for t, s in zip(np.ravel(trues), shows))

def fd_grad(f, x, h=1e-6):
    x = np.asarray(x, float); g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        e = np.zeros_like(x); e[i] = h
        g[i] = (f(x + e) - f(x - e)) / (2 * h)
    return g

def close(a, b, tol=1e-5):
    return np.allclose(a, b, rtol=tol, atol=tol)

def sigmoid(a): return 1 / (1 + np.exp(-a))
def softmax(z): e = np.exp(z - z.max()); return e / e.sum()
def logsoftmax(z): return z - np.log(np.sum(np.exp(z)))

# ---------------------------------------------------------------- 01
def claims01():
    cos = lambda a, b: a @ b / (np.linalg.norm(a) * np.linalg.norm(b))
    def ga_formula(a, b):
        s = cos(a, b); na, nb = np.linalg.norm(a), np.linalg.norm(b)
        return b / (na * nb) - s * a / na**2
    def rand_ok(fn, trials=5):
        for _ in range(trials):
            a, b = rng.normal(size=4), rng.normal(size=4)
            if not fn(a, b): return False
        return True
    A = np.array([1, 2, 2.]); B = np.array([2, 0, 1.]); s = cos(A, B)
    gA = ga_formula(A, B); gB = ga_formula(B, A)
    return [
        (r"\nabla_{\mathbf a}(\mathbf a^\top\mathbf b)=\mathbf b",
         lambda: rand_ok(lambda a, b: close(fd_grad(lambda v: v @ b, a), b) and
                         close(fd_grad(np.linalg.norm, a), a / np.linalg.norm(a)))),
        (r"&= \frac{1}{\|\mathbf b\|}\left(",
         lambda: rand_ok(lambda a, b: close(fd_grad(lambda v: cos(v, b), a),
             (b / np.linalg.norm(a) - (a @ b) / np.linalg.norm(a)**2 * a / np.linalg.norm(a)) / np.linalg.norm(b)))),
        (r"&= \frac{\mathbf b}{\|\mathbf a\|\|\mathbf b\|} - s",
         lambda: rand_ok(lambda a, b: close(fd_grad(lambda v: cos(v, b), a), ga_formula(a, b)))),
        (r"By symmetry",
         lambda: rand_ok(lambda a, b: close(fd_grad(lambda v: cos(a, v), b), ga_formula(b, a)))),
        (r"= s - s = 0", lambda: rand_ok(lambda a, b: abs(a @ ga_formula(a, b)) < 1e-10)),
        (r"\|\mathbf b\|=\sqrt5\approx 2.236",
         lambda: np.linalg.norm(A) == 3 and near(np.linalg.norm(B), "2.236") and A @ B == 4),
        (r"s = \frac{4}{3\sqrt5} \approx 0.5963", lambda: near(s, "0.5963")),
        (r"\frac{\mathbf b}{3\sqrt5} \approx (0.2981",
         lambda: allnear(B / (3 * np.sqrt(5)), ["0.2981", "0", "0.1491"]) and allnear(s * A / 9, ["0.0663", "0.1325", "0.1325"])),
        (r"\nabla_{\mathbf a}s \approx (0.2319", lambda: allnear(gA, ["0.2319", "-0.1325", "0.0166"])),
        (r"0.2319 - 0.2650 + 0.0331 = 0",
         lambda: allnear(A * gA, ["0.2319", "-0.2650", "0.0331"]) and abs(0.2319 - 0.2650 + 0.0331) < 1e-9),
        (r"\nabla_{\mathbf b}s \approx (-0.0894", lambda: allnear(gB, ["-0.0894", "0.2981", "0.1789"])),
    ]

# ---------------------------------------------------------------- 02
def claims02():
    def jac_fd(z):
        J = np.zeros((len(z), len(z)))
        for i in range(len(z)):
            J[i] = fd_grad(lambda v: logsoftmax(v)[i], z)
        return J
    def ok_J(form):
        for _ in range(4):
            z = rng.normal(size=4); p = softmax(z)
            if not close(jac_fd(z), form(p)): return False
        return True
    def ok_grad():
        for _ in range(4):
            z, g = rng.normal(size=4), rng.normal(size=4); p = softmax(z)
            if not close(fd_grad(lambda v: g @ logsoftmax(v), z), g - np.ones(4) * (p @ g)): return False
        return True
    def ok_comp():
        for _ in range(4):
            z, g = rng.normal(size=4), rng.normal(size=4); p = softmax(z)
            if not close(fd_grad(lambda v: g @ logsoftmax(v), z), g - np.sum(p * g)): return False
        return True
    z = np.array([1, 2, 0.]); p = softmax(z); g = np.array([0, -1, 0.])
    dz = fd_grad(lambda v: g @ logsoftmax(v), z)
    return [
        (r"\frac{\partial \ell_i}{\partial z_j} = \delta_{ij}", lambda: ok_J(lambda p: np.eye(len(p)) - np.outer(np.ones(len(p)), p))),
        (r"J = I - \mathbf 1\,\mathbf p^\top", lambda: ok_J(lambda p: np.eye(len(p)) - np.outer(np.ones(len(p)), p))),
        (r"J^\top = I - \mathbf p\,\mathbf 1^\top",
         lambda: (lambda p: close((np.eye(4) - np.outer(np.ones(4), p)).T, np.eye(4) - np.outer(p, np.ones(4))))(softmax(rng.normal(size=4)))),
        (r"\frac{\partial L}{\partial \mathbf z} = \mathbf g - \mathbf 1\,(\mathbf p^\top \mathbf g)", ok_grad),
        (r"Komponentenweise heißt das", ok_comp),
        (r"\sum_k e^{z_k} = e + e^2 + 1 \approx 11{,}107",
         lambda: near(np.exp(z).sum(), "11,107") and allnear(p, ["0,2447", "0,6652", "0,0900"])),
        (r"\boldsymbol\ell = \log\mathbf p \approx",
         lambda: allnear(np.log(p), ["-1,408", "-0,408", "-2,408"]) and near(-np.log(p[1]), "0,408")),
        (r"\mathbf p^\top\mathbf g = -p_2 \approx -0{,}6652", lambda: near(p @ g, "-0,6652")),
        (r"\frac{\partial L}{\partial \mathbf z} \approx (0{,}6652", lambda: allnear(dz, ["0,6652", "-0,3348", "0,6652"])),
    ]

# ---------------------------------------------------------------- 03
def claims03():
    gap = lambda X: X.mean(axis=(1, 2))
    def ok_dy():
        X = rng.normal(size=(2, 3, 2)); C, H, W = X.shape
        for c in range(C):
            G = fd_grad(lambda V: gap(V)[c], X)
            T = np.zeros_like(X); T[c] = 1 / (H * W)
            if not close(G, T): return False
        return True
    def ok_dL():
        X = rng.normal(size=(3, 2, 4)); g = rng.normal(size=3); C, H, W = X.shape
        return close(fd_grad(lambda V: g @ gap(V), X), (g / (H * W))[:, None, None] * np.ones_like(X))
    X = np.array([[[1, 3], [2, 6]], [[-1, 0], [4, 1]]], float); g = np.array([0.8, -0.4])
    dX = fd_grad(lambda V: g @ gap(V), X)
    return [
        (r"\frac{\partial y_c}{\partial x_{c',h,w}} = \frac{\delta_{cc'}}{HW}", ok_dy),
        (r"&= \sum_{c'} g_{c'}\,\frac{\delta_{c'c}}{HW} = \frac{g_c}{HW}", ok_dL),
        (r"\partial L/\partial \mathsf X_{c,:,:} = \frac{g_c}{HW}", ok_dL),
        (r"y_1 = (1+3+2+6)/4 = 3", lambda: close(gap(X), [3, 1])),
        (r"\frac{\partial L}{\partial \mathsf X_{1,:,:}} = \begin{bmatrix} 0{,}2",
         lambda: close(dX[0], 0.2 * np.ones((2, 2))) and close(dX[1], -0.1 * np.ones((2, 2)))),
        (r"4\times 0{,}2 = 0{,}8", lambda: close(dX[0].sum(), 0.8) and close(dX[1].sum(), -0.4)),
    ]

# ---------------------------------------------------------------- 04
def claims04():
    def ln(X, gam, bet):
        mu = X.mean(1, keepdims=True); var = ((X - mu)**2).mean(1, keepdims=True)
        return gam * (X - mu) / np.sqrt(var) + bet
    X = np.array([[1, 2, 6], [0, 4, 2.]]); D = np.array([[0.5, -1, 0.2], [1, 0.5, -0.5]])
    xh = ln(X, 1, 0)
    def ok_g(kind):
        for _ in range(3):
            Xr = rng.normal(size=(3, 4)); G = rng.normal(size=(3, 4)); gam, bet = rng.normal(size=4), rng.normal(size=4)
            if kind == 'gamma':
                fd = fd_grad(lambda v: np.sum(G * ln(Xr, v, bet)), gam); an = np.sum(G * ln(Xr, 1, 0), 0)
            else:
                fd = fd_grad(lambda v: np.sum(G * ln(Xr, gam, v)), bet); an = G.sum(0) / Xr.shape[0]
            if not close(fd, an): return False
        return True
    dgam = fd_grad(lambda v: np.sum(D * ln(X, v, 0)), np.ones(3))
    dbet = fd_grad(lambda v: np.sum(D * ln(X, 1, v)), np.zeros(3))
    return [
        (r"\sigma_1^2 = (4+1+9)/3 = 4.667",
         lambda: near(14 / 3, "4.667") and near(np.sqrt(14 / 3), "2.160") and allnear(xh[0], ["-0.9258", "-0.4629", "1.3887"])),
        (r"\sigma_2^2 = (4+4+0)/3 = 2.667",
         lambda: near(8 / 3, "2.667") and near(np.sqrt(8 / 3), "1.633") and allnear(xh[1], ["-1.2247", "1.2247", "0"])),
        (r"\frac{\partial L}{\partial \gamma_j} = \sum_{i=1}^{N}", lambda: ok_g('gamma')),
        (r"\frac{\partial L}{\partial \beta_j} = \frac{1}{N}", lambda: ok_g('beta')),
        (r"\tfrac12\,[1.5,\ -0.5,\ -0.3]", lambda: allnear(dbet, ["0.75", "-0.25", "-0.15"])),
        (r"= [-1.6877,\ 1.0753,\ 0.2777]", lambda: allnear(dgam, ["-1.6877", "1.0753", "0.2777"])),
    ]

# ---------------------------------------------------------------- 05
def claims05():
    f = lambda w: 2 * w**2; gf = lambda w: 4 * w
    mu, eta = 0.9, 0.1; w, v = 1.0, 0.0; hist = []
    for _ in range(2):
        look = w + mu * v; gr = gf(look); v = mu * v - eta * gr; w = w + v; hist.append((look, gr, v, w))
    (l0, g0, v1, w1), (l1, g1, v2, w2) = hist
    ws = np.array([0.3, -1.2, 2.0])
    return [
        (r"el gradiente es $\nabla f(w) = 4w$", lambda: close(np.array([fd_grad(f, x) for x in ws]), gf(ws))),
        (r"\tilde w_0 = w_0 + \mu v_0", lambda: close(l0, 1) and close(g0, 4)),
        (r"v_1 = 0{,}9\cdot 0 - 0{,}1\cdot 4 = -0{,}4", lambda: close(v1, -0.4) and close(w1, 0.6)),
        (r"\tilde w_1 = w_1 + \mu v_1", lambda: close(l1, 0.24) and close(0.9 * -0.4, -0.36)),
        (r"4\cdot 0{,}24 = 0{,}96", lambda: close(g1, 0.96)),
        (r"-0{,}36 - 0{,}096 = -0{,}446", lambda: close(v2, -0.446)),
        (r"w_2 = w_1 + v_2 = 0{,}6 - 0{,}446 = 0{,}154", lambda: close(w2, 0.154)),
        (r"f(w_1) = 2\cdot 0{,}36 = 0{,}72", lambda: close(f(w1), 0.72) and near(f(w2), "0,0474")),
        (r"v_2 = 0{,}9\cdot(-0{,}4) - 0{,}1\cdot 4\cdot 0{,}6 = -0{,}6", lambda: close(0.9 * -0.4 - 0.1 * gf(w1), -0.6) and close(w1 - 0.6, 0)),
    ]

# ---------------------------------------------------------------- 06
def claims06():
    def E(w, P, t):
        y = sigmoid(P @ w); return -np.sum(t * np.log(y) + (1 - t) * np.log(1 - y))
    def ok_grad():
        P = rng.normal(size=(5, 3)); t = rng.integers(0, 2, 5).astype(float); w = rng.normal(size=3)
        return close(fd_grad(lambda v: E(v, P, t), w), P.T @ (sigmoid(P @ w) - t))
    def ok_hess():
        P = rng.normal(size=(5, 3)); t = rng.integers(0, 2, 5).astype(float); w = rng.normal(size=3)
        H = np.array([fd_grad(lambda v: (P.T @ (sigmoid(P @ v) - t))[i], w) for i in range(3)])
        y = sigmoid(P @ w); return close(H, P.T @ np.diag(y * (1 - y)) @ P)
    P = np.array([[1, -1], [1, 0], [1, 2.]]); t = np.array([0, 1, 1.]); w0 = np.zeros(2)
    g = fd_grad(lambda v: E(v, P, t), w0)
    H = np.array([fd_grad(lambda v: (P.T @ (sigmoid(P @ v) - t))[i], w0) for i in range(2)])
    step = np.linalg.solve(H, g); wn = w0 - step
    return [
        (r"Making use of $\mathrm{d}\sigma/\mathrm{d}a = \sigma(1-\sigma)$",
         lambda: all(close(fd_grad(sigmoid, np.array(a)), sigmoid(a) * (1 - sigmoid(a))) for a in [-1.3, 0.2, 2.5])),
        (r"\nabla E(\mathbf w) = \sum_{n=1}^{N}(y_n - t_n)", ok_grad),
        (r"\mathbf H = \nabla\nabla E(\mathbf w) = \sum", ok_hess),
        (r"hence $\mathbf y - \mathbf t = (0.5, -0.5, -0.5)", lambda: close(sigmoid(P @ w0) - t, [0.5, -0.5, -0.5])),
        (r"\nabla E = \begin{pmatrix} 0.5 - 0.5 - 0.5", lambda: close(g, [-0.5, -1.5])),
        (r"\boldsymbol\Phi^{\mathrm T}\boldsymbol\Phi = \begin{pmatrix} 3 & 1", lambda: close(P.T @ P, [[3, 1], [1, 5]])),
        (r"|\mathbf H| = 0.9375 - 0.0625 = 0.875",
         lambda: close(H, [[0.75, 0.25], [0.25, 1.25]]) and close(np.linalg.det(H), 0.875)
         and close(np.linalg.inv(H), np.array([[1.25, -0.25], [-0.25, 0.75]]) / 0.875)),
        (r"\frac{1}{0.875}(-0.25, -1)^{\mathrm T} \approx (-0.2857",
         lambda: close(step, np.array([-0.25, -1]) / 0.875) and allnear(step, ["-0.2857", "-1.1429"])),
        (r"\mathbf w^{(\text{new})} \approx (0.2857,\ 1.1429)", lambda: allnear(wn, ["0.2857", "1.1429"])),
        (r"E(\mathbf 0) = 3\ln 2 \approx 2.079",
         lambda: close(E(w0, P, t), 3 * np.log(2)) and near(3 * np.log(2), "2.079") and near(E(wn, P, t), "0.9878")),
    ]

# ---------------------------------------------------------------- 07
def claims07():
    lgam = np.vectorize(math.lgamma)
    def nll(w, X, y):
        eta = X @ w; return np.sum(np.exp(eta) - y * eta + lgam(y + 1))
    def ok_def():
        X = rng.normal(size=(4, 2)); y = rng.integers(0, 5, 4).astype(float); w = rng.normal(size=2)
        lam = np.exp(X @ w)
        direct = -np.sum(np.log(lam**y * np.exp(-lam) / np.array([math.factorial(int(k)) for k in y])))
        return close(nll(w, X, y), direct)
    def ok_grad():
        X = rng.normal(size=(4, 2)); y = rng.integers(0, 5, 4).astype(float); w = rng.normal(size=2)
        return close(fd_grad(lambda v: nll(v, X, y), w), X.T @ (np.exp(X @ w) - y))
    def ok_hess():
        X = rng.normal(size=(4, 2)); y = rng.integers(0, 5, 4).astype(float); w = rng.normal(size=2)
        H = np.array([fd_grad(lambda v: (X.T @ (np.exp(X @ v) - y))[i], w) for i in range(2)])
        return close(H, X.T @ np.diag(np.exp(X @ w)) @ X)
    X = np.array([[1, 1], [1, 3.]]); y = np.array([2, 0.]); w = np.array([0.5, -0.2])
    eta = X @ w; lam = np.exp(eta); L = nll(w, X, y); g = fd_grad(lambda v: nll(v, X, y), w)
    return [
        (r"\mathcal L(\mathbf w) = \sum_{n=1}^N \big(", ok_def),
        (r"\nabla_{\mathbf w}\mathcal L = \sum_{n=1}^N (\lambda_n - y_n)", ok_grad),
        (r"(array([ 0.3, -0.1]), array([1.34985881",
         lambda: close(eta, [0.3, -0.1]) and allnear(lam, ["1.34985881", "0.90483742"]) and abs(L - 2.347843406171908) < 1e-9
         and allnear(g, ["0.25469623", "2.06437106"])),
        (r"\eta_1 = 0.5 - 0.2 = 0.3",
         lambda: close(eta, [0.3, -0.1]) and allnear(lam, ["1.3499", "0.9048"])),
        (r"Per-observation NLL",
         lambda: near(lam[0] - 0.6 + np.log(2), "1.4430") and near(1.3499 - 0.6 + 0.6931, "1.4430") and near(np.log(2), "0.6931")
         and near(lam[1], "0.9048") and near(L, "2.3478")),
        (r"Gradient: $(\lambda_1 - y_1)",
         lambda: near(lam[0] - 2, "-0.6501") and allnear(g, ["0.2547", "2.0644"])),
        (r"the Hessian is $X^\top\operatorname{diag}", ok_hess),
    ]

# ---------------------------------------------------------------- 08
def claims08():
    al = 0.5
    f = lambda x, a=al: np.where(x > 0, x, a * (np.exp(x) - 1))
    return [
        (r"\lim_{x\to 0^-}\alpha(e^{x}-1) = \alpha(1 - 1) = 0", lambda: abs(f(-1e-12)) < 1e-10 and f(0.0) == 0),
        (r"f(-1) = 0{,}5\,(e^{-1} - 1)",
         lambda: near(np.exp(-1), "0,3679") and near(f(-1.0), "-0,3161") and f(2.0) == 2),
        (r"Для $x>0$ очевидно $f'(x) = 1$", lambda: all(close(fd_grad(f, np.array(x)), 1) for x in [0.3, 2.0])),
        (r"f'(x) = \frac{d}{dx}\,\alpha\,(e^{x}-1) = \alpha\,(e^{x} - 1)",
         lambda: all(close(fd_grad(lambda v: a * (np.exp(v) - 1), np.array(x)), a * (np.exp(x) - 1)) for x in [-0.4, -2.0] for a in [0.5, 1.3])),
        (r"f'_-(0) = \lim_{x\to 0^-}", lambda: close((f(0.0) - f(-1e-7)) / 1e-7, 0, 1e-4)),
        (r"получаем $f'(-1) \approx -0{,}3161$", lambda: near(fd_grad(f, np.array(-1.0)), "-0,3161")),
    ]

# ---------------------------------------------------------------- 09
def claims09():
    QK = np.array([[2, 4, 0], [2, 6, -2], [0, 2, 4.]]); M = np.triu(np.full((3, 3), -np.inf), 1)
    S = QK / 2 + M
    A = np.array([np.exp(r - r.max()) / np.exp(r - r.max()).sum() for r in S])
    V = np.array([[1, 0], [0, 1], [1, 1.]]); O = A @ V
    return [
        (r"S = \frac{QK^\top}{2} + M = \begin{bmatrix}", lambda: np.array_equal(S, np.array([[1, -np.inf, -np.inf], [1, 3, -np.inf], [0, 1, 2.]]))),
        (r"A_{1\cdot} = (1, 0, 0)", lambda: close(A[0], [1, 0, 0])),
        (r"A_{21} = \frac{e^{1}}{e^{1}+e^{3}} = \frac{1}{1+e^{3}}",
         lambda: close(A[1, 0], np.e / (np.e + np.e**3)) and close(A[1, 0], 1 / (1 + np.e**3)) and near(A[1, 0], "0.0474")
         and near(A[1, 1], "0.9526") and A[1, 2] == 0),
        (r"1 + 2.718 + 7.389 = 11.107", lambda: near(np.exp([0, 1, 2.]).sum(), "11.107") and near(1 + 2.718 + 7.389, "11.107")),
        (r"A_{3\cdot} \approx (0.0900", lambda: allnear(A[2], ["0.0900", "0.2447", "0.6652"])),
        (r"O_{1\cdot} = (1,\ 0)",
         lambda: close(O[0], [1, 0]) and allnear(O[1], ["0.0474", "0.9526"]) and allnear(O[2], ["0.7552", "0.9099"])),
    ]

# ---------------------------------------------------------------- 10
def claims10():
    def hub(r, d):
        return np.where(np.abs(r) <= d, 0.5 * r**2, d * (np.abs(r) - 0.5 * d))
    def ok_cont():
        d = rng.uniform(0.2, 3); return all(close(0.5 * d**2, d * (d - 0.5 * d)) and close(hub(s * d, d), 0.5 * d**2) for s in [1, -1])
    def ok_grad():
        for _ in range(10):
            d = rng.uniform(0.2, 3); r = rng.normal() * 3
            if abs(abs(r) - d) < 1e-3: continue
            an = r if abs(r) <= d else d * np.sign(r)
            if not (close(fd_grad(lambda v: hub(v, d), np.array(r)), an) and close(an, np.clip(r, -d, d))): return False
        return True
    def ok_c1():
        d = 1.7; h = 1e-6
        left = (hub(d, d) - hub(d - h, d)) / h; right = (hub(d + h, d) - hub(d, d)) / h
        return close(left, d, 1e-4) and close(right, d, 1e-4)
    r = np.array([0.5, -2, 3.]); L = hub(r, 1.0)
    gmean = fd_grad(lambda v: hub(v, 1.0).mean(), r)
    return [
        (r"では両方の式がともに", ok_cont),
        (r"\frac{\partial L_\delta}{\partial r} =", ok_grad),
        (r"= \operatorname{clip}(r, -\delta, \delta).", ok_grad),
        (r"でも左右の微分係数はどちらも", ok_c1),
        (r"$r_1 = 0.5$", lambda: close(L[0], 0.125) and close(fd_grad(lambda v: hub(v, 1.0), np.array(0.5)), 0.5)),
        (r"$r_2 = -2$", lambda: close(L[1], 1.5) and close(fd_grad(lambda v: hub(v, 1.0), np.array(-2.0)), -1)),
        (r"$r_3 = 3$", lambda: close(L[2], 2.5) and close(fd_grad(lambda v: hub(v, 1.0), np.array(3.0)), 1)),
        (r"(0.125 + 1.5 + 2.5)/3 = 1.375", lambda: close(L.mean(), 1.375)),
        (r"\frac{1}{3}(0.5,\ -1,\ 1)^\top \approx (0.1667",
         lambda: close(gmean, np.array([0.5, -1, 1]) / 3) and allnear(gmean, ["0.1667", "-0.3333", "0.3333"])),
        (r"の影響が3倍", lambda: allnear(fd_grad(lambda v: np.sum(v**2) / 6, r), ["0.1667", "-0.6667", "1.0"])),
    ]

# ---------------------------------------------------------------- 11
def brute_out(n, k, s, p, d):
    """count kernel placements fully inside padded input [0, n+2p)."""
    cnt = 0; start = 0
    while start + d * (k - 1) <= n + 2 * p - 1:
        cnt += 1; start += s
    return cnt

def claims11():
    formula = lambda n, k, s, p, d: (n + 2 * p - d * (k - 1) - 1) // s + 1
    def ok_formula():
        for _ in range(300):
            k, s, p, d = rng.integers(1, 8), rng.integers(1, 5), rng.integers(0, 4), rng.integers(1, 4)
            n = int(rng.integers(d * (k - 1) + 1, 80))
            if formula(n, k, s, p, d) != brute_out(n, k, s, p, d): return False
            keff = d * (k - 1) + 1
            if (n + 2 * p - keff) // s + 1 != brute_out(n, k, s, p, d): return False
        return True
    return [
        (r"n_{\text{out}} = \left\lfloor \frac{n + 2p - d\,(k-1) - 1}{s}", ok_formula),
        (r"which is the same thing", ok_formula),
        (r"1. $n=32,\ k=3,\ s=1,\ p=1,\ d=1$", lambda: brute_out(32, 3, 1, 1, 1) == 32 and (32 + 2 - 2 - 1) == 31),
        (r"2. $n=32,\ k=5,\ s=2,\ p=2,\ d=1$", lambda: brute_out(32, 5, 2, 2, 1) == 16 and (32 + 4 - 4 - 1) / 2 == 15.5),
        (r"3. $n=224,\ k=7", lambda: brute_out(224, 7, 2, 3, 1) == 112 and (224 + 6 - 6 - 1) // 2 == 111),
        (r"k_{\text{eff}} = d(k-1)+1 = 2\cdot 3 = 6", lambda: 2 * (3 - 1) + 1 == 2 * 3 == 6),
        (r"n_{\text{out}} = (32 + 4 - 6)/1 + 1 = 31", lambda: brute_out(32, 3, 1, 2, 2) == 31),
        (r"5. $n=7,\ k=3", lambda: brute_out(7, 3, 2, 0, 1) == 3),
        (r"\lfloor (112+2-3)/2\rfloor + 1 = 55 + 1 = 56", lambda: brute_out(112, 3, 2, 1, 1) == 56),
    ]

# ---------------------------------------------------------------- 12
def claims12():
    W1 = np.array([[0.1, 0.2], [0.3, -0.4]]); x = np.array([1, 2.]); w2 = np.array([1, 2.]); t = 1.0
    def fwd(W1, w2, x): return 0.5 * (w2 @ np.tanh(W1 @ x) - t)**2
    a = W1 @ x; h = np.tanh(a); y = w2 @ h; e = y - t
    dw2 = fd_grad(lambda v: fwd(W1, v, x), w2); dW1 = fd_grad(lambda V: fwd(V, w2, x), W1)
    dx = fd_grad(lambda v: fwd(W1, w2, v), x)
    dh = fd_grad(lambda v: 0.5 * (w2 @ v - t)**2, h)
    da = fd_grad(lambda v: 0.5 * (w2 @ np.tanh(v) - t)**2, a)
    w2n = w2 - 0.1 * dw2; yn = w2n @ h
    return [
        (r"d tanh(u)/du = 1 - tanh^2(u)", lambda: all(close(fd_grad(np.tanh, np.array(u)), 1 - np.tanh(u)**2) for u in [-1.1, 0.4])),
        (r"a1 = 0.1(1) + 0.2(2) = 0.5", lambda: close(a[0], 0.5)),
        (r"a2 = 0.3(1) - 0.4(2) = -0.5", lambda: close(a[1], -0.5)),
        (r"h = tanh(a) = [0.4621", lambda: allnear(h, ["0.4621", "-0.4621"])),
        (r"y = 1(0.4621) + 2(-0.4621)", lambda: near(y, "-0.4621")),
        (r"e = y - t = -1.4621", lambda: near(e, "-1.4621")),
        (r"L = 1/2 (-1.4621)^2 = 1.0689", lambda: near(fwd(W1, w2, x), "1.0689")),
        (r"dL/dw2 = e h", lambda: allnear(dw2, ["-0.6757", "0.6757"])),
        (r"dL/dh = e w2", lambda: allnear(dh, ["-1.4621", "-2.9242"])),
        (r"1 - h (.) h = 1 - 0.2136 = 0.7864", lambda: allnear(h * h, ["0.2136"] * 2) and allnear(1 - h * h, ["0.7864"] * 2)),
        (r"delta = dL/da", lambda: allnear(da, ["-1.1499", "-2.2998"])),
        (r"dL/dW1 = delta x^T", lambda: allnear(dW1, ["-1.1499", "-2.2998", "-2.2998", "-4.5995"])),
        (r"dL/dW1_ij = delta_i x_j", lambda: close(dW1, np.outer(da, x))),
        (r"dL/dx = W1^T delta", lambda: close(dx, W1.T @ da)),
        (r"= [-0.8049 , 0.6899]^T", lambda: allnear(dx, ["-0.8049", "0.6899"])),
        (r"w2_new = w2 - 0.1 dL/dw2", lambda: allnear(w2n, ["1.0676", "1.9324"])),
        (r"new y = 1.0676(0.4621)", lambda: near(yn, "-0.3997") and near(abs(yn - t), "1.3997")),
    ]

FILES = {
    "01_cosine_similarity_gradient_stackexchange.md": claims01,
    "02_log_softmax_backward_vorlesungsskript.md": claims02,
    "03_global_avg_pooling_backward_d2l.md": claims03,
    "04_layernorm_gamma_beta_cs231n.md": claims04,
    "05_nesterov_momentum_examen_solucion.md": claims05,
    "06_logistic_newton_step_prml.md": claims06,
    "07_poisson_regression_gradient_notebook.md": claims07,
    "08_elu_derivative_uchebnik.md": claims08,
    "09_causal_attention_mask_zhihu.md": claims09,
    "10_huber_loss_gradient_qiita.md": claims10,
    "11_conv_output_size_forum.md": claims11,
    "12_tanh_two_layer_chainrule_ocr_homework.md": claims12,
}

def main():
    expected = json.load(open(os.path.join(HERE, "expected.json"), encoding="utf-8"))
    ok_all = True
    for fn, mk in FILES.items():
        lines = open(os.path.join(HERE, fn), encoding="utf-8").read().split("\n")
        results = []
        for sub, test in mk():
            hits = [i + 1 for i, l in enumerate(lines) if sub in l]
            if len(hits) != 1:
                print(f"BAD ANCHOR {fn}: {sub!r} -> {hits}"); ok_all = False; continue
            try: res = bool(test())
            except Exception as ex: res = False; print(f"  exception {fn} line {hits[0]}: {ex}")
            results.append((hits[0], res))
        results.sort()
        fails = [ln for ln, r in results if not r]
        first = fails[0] if fails else None
        agree = first == expected.get(fn, "missing")
        ok_all &= agree
        print(f"{'OK  ' if agree else 'FAIL'} {fn}: truth={first} expected={expected.get(fn)} "
              f"claims={len(results)} failing_lines={fails}")
    if set(expected) != set(FILES):
        print("expected.json keys mismatch"); ok_all = False
    sys.exit(0 if ok_all else 1)

if __name__ == "__main__":
    main()
