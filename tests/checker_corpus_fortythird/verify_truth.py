#!/usr/bin/env python3
"""Independent NumPy-only truth check for corpus43.

For every Markdown file a list of (substring, predicate) pairs is given.  Each
substring must identify exactly one line of the file; the predicate checks the
mathematics of that line as really true (finite differences at random points,
Monte Carlo for distributional identities, recomputation of worked numbers at
the precision shown, brute-force enumeration for size rules).  Lines that only
state data, definitions or notation get GIVEN.  Every line containing '$' and
every numeric table row must be covered.  The first line with a false predicate
is compared with expected.json.
"""
import json
import re
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent


def GIVEN():
    return True


# ----------------------------------------------------------------- helpers
def fd_grad(f, x, h=1e-6):
    """Central-difference gradient of scalar f at array x (same shape as x)."""
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        xp = x.copy(); xp[idx] += h
        xm = x.copy(); xm[idx] -= h
        g[idx] = (f(xp) - f(xm)) / (2 * h)
    return g


def fd_jac(f, x, h=1e-6):
    """Jacobian J[i, j] = d f_i / d x_j for vector-valued f of a vector x."""
    x = np.array(x, dtype=float)
    f0 = np.asarray(f(x), dtype=float)
    J = np.zeros((f0.size, x.size))
    for j in range(x.size):
        xp = x.copy(); xp[j] += h
        xm = x.copy(); xm[j] -= h
        J[:, j] = (np.asarray(f(xp)).ravel() - np.asarray(f(xm)).ravel()) / (2 * h)
    return J


def fd_hess(f, x, h=1e-4):
    x = np.array(x, dtype=float)
    n = x.size
    H = np.zeros((n, n))
    E = np.eye(n) * h
    for i in range(n):
        for j in range(n):
            H[i, j] = (f(x + E[i] + E[j]) - f(x + E[i] - E[j])
                       - f(x - E[i] + E[j]) + f(x - E[i] - E[j])) / (4 * h * h)
    return H


def close(a, b, rtol=1e-5, atol=1e-6):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol))


def shown(value, true, dec):
    """A number printed with `dec` decimals agrees with the true value
    (allowing one unit in the last printed place for intermediate rounding)."""
    return abs(float(value) - float(true)) <= 10.0 ** (-dec) + 1e-12


def shown_vec(values, true, dec):
    true = np.asarray(true, dtype=float).ravel()
    values = np.asarray(values, dtype=float).ravel()
    return values.shape == true.shape and all(shown(v, t, dec) for v, t in zip(values, true))


def sigmoid(v):
    return 1.0 / (1.0 + np.exp(-v))


def softmax(o, axis=-1):
    o = np.asarray(o, dtype=float)
    e = np.exp(o - o.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def relu(v):
    return np.maximum(v, 0.0)


def all_of(*conds):
    return all(bool(c) for c in conds)


# =================================================================== 01
def checks_01():
    rng = np.random.default_rng(101)
    D = [3, 5, 4, 2]
    while True:
        Om = [rng.normal(size=(D[k + 1], D[k])) for k in range(3)]
        be = [rng.normal(size=D[k + 1]) for k in range(3)]
        X = rng.normal(size=(3, 3))
        Y = rng.normal(size=(3, 2))
        ok = True
        for i in range(3):
            f0 = be[0] + Om[0] @ X[i]
            f1 = be[1] + Om[1] @ relu(f0)
            if min(np.abs(f0).min(), np.abs(f1).min()) < 0.05:
                ok = False
            if not ((f0 < 0).any() and (f1 < 0).any()):
                ok = False
        if ok:
            break

    def forward(Om, be, x, pert=None):
        pert = pert or {}
        f = [be[0] + Om[0] @ x + pert.get(('f', 0), 0.0)]
        h = [x]
        for k in (1, 2):
            hk = relu(f[k - 1]) + pert.get(('h', k), 0.0)
            h.append(hk)
            f.append(be[k] + Om[k] @ hk + pert.get(('f', k), 0.0))
        return f, h

    def loss(Om=Om, be=be, i=0, pert=None):
        f, _ = forward(Om, be, X[i], pert)
        r = f[2] - Y[i]
        return float(r @ r)

    def rep(lst, k, val):
        out = list(lst); out[k] = val; return out

    i = 0
    f, h = forward(Om, be, X[i])
    x, y = X[i], Y[i]
    dF = [fd_grad(lambda e, k=k: loss(pert={('f', k): e}), np.zeros(D[k + 1])) for k in range(3)]
    dH = {k: fd_grad(lambda e, k=k: loss(pert={('h', k): e}), np.zeros(D[k])) for k in (1, 2)}
    dOm = [fd_grad(lambda W, k=k: loss(Om=rep(Om, k, W)), Om[k]) for k in range(3)]
    dbe = [fd_grad(lambda b, k=k: loss(be=rep(be, k, b)), be[k]) for k in range(3)]
    d1 = (f[0] > 0).astype(float)
    d2 = (f[1] > 0).astype(float)

    def relu_indicator():
        pts = rng.normal(size=50)
        pts = pts[np.abs(pts) > 1e-3]
        num = np.array([(relu(p + 1e-7) - relu(p - 1e-7)) / 2e-7 for p in pts])
        return close(num, (pts > 0).astype(float))

    def dead_unit():
        be0 = be[0].copy(); be0[0] = -100.0
        bb = rep(be, 0, be0)
        tot = lambda Om_=Om, be_=bb: sum(loss(Om_, be_, i) for i in range(3))
        g0 = fd_grad(lambda W: tot(Om_=rep(Om, 0, W)), Om[0])
        gb = fd_grad(lambda b: tot(be_=rep(bb, 0, b)), be0)
        return close(g0[0], np.zeros(3)) and abs(gb[0]) < 1e-8 and np.abs(g0[1:]).max() > 1e-3

    def batch_accum():
        tot = lambda Om_=Om, be_=be: sum(loss(Om_, be_, j) for j in range(3))
        ok = True
        for k in range(3):
            gO = fd_grad(lambda W: tot(Om_=rep(Om, k, W)), Om[k])
            gB = fd_grad(lambda b: tot(be_=rep(be, k, b)), be[k])
            sO = np.zeros_like(Om[k]); sB = np.zeros_like(be[k])
            for j in range(3):
                fj, hj = forward(Om, be, X[j])
                dfk = fd_grad(lambda e: loss(i=j, pert={('f', k): e}), np.zeros(D[k + 1]))
                sO += np.outer(dfk, hj[k]); sB += dfk
            ok = ok and close(gO, sO) and close(gB, sB)
        return ok

    return [
        ("We consider a network with $K$ hidden layers", GIVEN),
        (r"$$\mathbf{f}_0 = \boldsymbol\beta_0", GIVEN),
        (r"$$\mathbf{h}_k = \mathbf{a}[\mathbf{f}_{k-1}]", GIVEN),
        (r"$$\mathbf{f}_k = \boldsymbol\beta_k + \boldsymbol\Omega_k", GIVEN),
        ("and the network output is", GIVEN),
        (r"$$\ell_i = (\mathbf{f}_K - \mathbf{y}_i)^T",
         lambda: close(dF[2], 2 * (f[2] - y))),
        ("**Backward pass.**", GIVEN),
        (r"\frac{\partial \ell_i}{\partial \boldsymbol\beta_k} = ",
         lambda: all(close(dbe[k], dF[k]) and close(dOm[k], np.outer(dF[k], h[k])) for k in (1, 2))),
        ("To pass the error back through layer", relu_indicator),
        (r"\frac{\partial \ell_i}{\partial \mathbf{h}_k} = ",
         lambda: all(close(dH[k], Om[k].T @ dF[k]) for k in (1, 2))),
        (r"\frac{\partial \ell_i}{\partial \mathbf{f}_{k-1}} = ",
         lambda: all(close(dF[k - 1], (f[k - 1] > 0) * (Om[k].T @ dF[k])) for k in (1, 2))),
        ("The recursion stops at the first layer", GIVEN),
        (r"\frac{\partial \ell_i}{\partial \boldsymbol\beta_0} = ",
         lambda: close(dbe[0], dF[0]) and close(dOm[0], np.outer(dF[0], x))),
        ("**Two hidden layers written out.**", GIVEN),
        (r"\frac{\partial \ell_i}{\partial \boldsymbol\Omega_1} = 2",
         lambda: close(dOm[1], np.outer(2 * np.diag(d2) @ Om[2].T @ (f[2] - y), h[1]))),
        (r"\frac{\partial \ell_i}{\partial \boldsymbol\Omega_0} = 2",
         lambda: close(dOm[0], np.outer(2 * np.diag(d1) @ Om[1].T @ np.diag(d2) @ Om[2].T @ (f[2] - y), x))),
        ("zeroes the rows that belong to inactive units", dead_unit),
        (r"\frac{\partial L}{\partial \boldsymbol\Omega_k} = \sum_{i=1}^{I}", batch_accum),
        ("where $\\mathbf{f}_{ki}$ and", GIVEN),
    ]


# =================================================================== 02
def checks_02():
    rng = np.random.default_rng(202)
    p, M, K, N = 3, 4, 2, 5
    X = np.hstack([np.ones((N, 1)), rng.normal(size=(N, p))])
    Y = rng.normal(size=(N, K))
    alpha = rng.normal(size=(M, p + 1))
    beta = rng.normal(size=(K, M + 1)) * 0.7
    g = np.tanh
    gp = lambda t: 1 - np.tanh(t) ** 2
    lam = 0.3

    def Ri(a, b, i):
        z = np.concatenate([[1.0], sigmoid(a @ X[i])])
        return float(np.sum((Y[i] - g(b @ z)) ** 2))

    R = lambda a, b: sum(Ri(a, b, i) for i in range(N))
    i = 2
    z = np.concatenate([[1.0], sigmoid(alpha @ X[i])])
    T = beta @ z
    fo = g(T)
    dB = fd_grad(lambda b: Ri(alpha, b, i), beta)       # K x (M+1)
    dA = fd_grad(lambda a: Ri(a, beta, i), alpha)       # M x (p+1)
    sp = z[1:] * (1 - z[1:])
    delta_true = dB[:, 0]           # z_0i = 1
    s_true = dA[:, 0]               # x_i0 = 1

    form15 = -np.outer((Y[i] - fo) * gp(T), z)
    form19 = -np.outer((((Y[i] - fo) * gp(T)) @ beta[:, 1:]) * sp, X[i])

    def factorisation():
        ok1 = close(dB, np.outer(delta_true, z))
        ok2 = close(dA, np.outer(s_true, X[i]))
        return ok1 and ok2

    def sig_prime():
        v = alpha @ X[i]
        num = np.array([(sigmoid(t + 1e-6) - sigmoid(t - 1e-6)) / 2e-6 for t in v])
        return close(num, sp)

    def decay():
        J = lambda a, b: np.sum(b ** 2) + np.sum(a ** 2)
        gB = fd_grad(lambda b: R(alpha, b) + lam * J(alpha, b), beta)
        acc = np.zeros_like(beta)
        for j in range(N):
            dBj = fd_grad(lambda b: Ri(alpha, b, j), beta)
            zj = np.concatenate([[1.0], sigmoid(alpha @ X[j])])
            acc += np.outer(dBj[:, 0], zj)
        return close(gB, acc + 2 * lam * beta)

    return [
        ("The network has inputs $X = ", GIVEN),
        (r"$$Z_m = \sigma(\alpha_{0m}", GIVEN),
        (r"$$T_k = \beta_{0k}", GIVEN),
        (r"$$f_k(X) = g_k(T_k)", GIVEN),
        (r"where $\sigma(v) = 1/(1 + e^{-v})$", GIVEN),
        (r"$$R(\theta) = \sum_{i=1}^{N} R_i", GIVEN),
        ("To lighten the notation the biases", GIVEN),
        (r"\frac{\partial R_i}{\partial \beta_{km}} = -(y_{ik}", lambda: close(dB, form15)),
        (r"and, since $\alpha_{ml}$ acts on every output", GIVEN),
        (r"\frac{\partial R_i}{\partial \alpha_{ml}} = -\sum_{k=1}^{K}", lambda: close(dA, form19)),
        ("a gradient descent update at the", GIVEN),
        (r"$$\beta_{km}^{(r+1)}", GIVEN),
        (r"$$\alpha_{ml}^{(r+1)}", GIVEN),
        (r"where $\gamma_r$ is the learning rate", GIVEN),
        (r"= \delta_{ki} z_{mi}, \qquad", factorisation),
        (r"Comparing with the expressions above, $\delta_{ki} = ",
         lambda: close(delta_true, -(Y[i] - fo) * gp(T))),
        (r"$$s_{mi} = \sigma'(\alpha_m^T x_i)",
         lambda: close(s_true, sp * (beta[:, 1:].T @ delta_true)) and sig_prime()),
        ("known as the back-propagation equations", GIVEN),
        ("With weight decay we minimize", GIVEN),
        (r"\left[R(\theta) + \lambda J(\theta)\right] = ", decay),
    ]


# =================================================================== 03
def checks_03():
    rng = np.random.default_rng(303)
    q, d, n = 4, 3, 5
    o = rng.normal(size=q)
    y = np.eye(q)[2]
    lossf = lambda o: float(-np.sum(y * np.log(softmax(o))))
    sm = softmax(o)
    X = rng.normal(size=(n, d))
    W = rng.normal(size=(d, q))
    b = rng.normal(size=(1, q))
    Y = np.eye(q)[rng.integers(0, q, size=n)]

    def Lb(O):
        return float(-np.sum(Y * np.log(softmax(O, axis=1))) / n)

    Yh = softmax(X @ W + b, axis=1)

    def line11():
        lhs = lossf(o)
        mid = -np.sum(y * np.log(np.exp(o) / np.exp(o).sum()))
        rhs = np.sum(y * np.log(np.exp(o).sum())) - np.sum(y * o)
        return close(lhs, mid) and close(mid, rhs)

    def hess():
        H = fd_jac(lambda oo: fd_grad(lossf, oo, 1e-5), o, 1e-4)
        ok = close(H, np.diag(sm) - np.outer(sm, sm), atol=1e-5)
        # does not depend on the label
        y2 = np.eye(q)[0]
        H2 = fd_jac(lambda oo: fd_grad(lambda u: float(-np.sum(y2 * np.log(softmax(u)))), oo, 1e-5), o, 1e-4)
        return ok and close(H, H2, atol=1e-5)

    second = lambda: close(np.diag(fd_jac(lambda oo: fd_grad(lossf, oo, 1e-5), o, 1e-4)),
                           sm * (1 - sm), atol=1e-5)

    oex = np.array([2.0, 1.0, 0.1])
    yex = np.array([0, 1, 0.0])
    pex = softmax(oex)
    lex = float(-np.sum(yex * np.log(pex)))

    def sums_zero():
        g = softmax(oex) - yex
        shift = float(-np.sum(yex * np.log(softmax(oex + 3.7))))
        return abs(g.sum()) < 1e-12 and abs(shift - lex) < 1e-12

    return [
        ("For a minibatch $\\mathbf{X} \\in", GIVEN),
        (r"$$\mathbf{O} = \mathbf{X}\mathbf{W} + \mathbf{b}", GIVEN),
        (r"where $\mathbf{W} \in \mathbb{R}^{d \times q}$", GIVEN),
        (r"$$l(\mathbf{y}, \hat{\mathbf{y}}) = -\sum_{j=1}^{q} y_j \log \frac", line11),
        (r"$$= \log \sum_{k=1}^{q} \exp(o_k) - \sum_{j=1}^{q} y_j o_j$$",
         lambda: close(lossf(o), np.log(np.exp(o).sum()) - y @ o)),
        ("where the last step uses", lambda: np.sum(y) == 1),
        (r"$$\partial_{o_j} l(\mathbf{y}, \hat{\mathbf{y}}) = ",
         lambda: close(fd_grad(lossf, o), np.exp(o) / np.exp(o).sum() - y) and close(fd_grad(lossf, o), sm - y)),
        ("is the variance of a Bernoulli variable", second),
        (r"$$\partial^2_{o_j} l", second),
        ("and the full Hessian with respect to the logits", hess),
        ("**Minibatch form.**", GIVEN),
        (r"\frac{\partial L}{\partial \mathbf{O}} = ",
         lambda: close(fd_grad(Lb, X @ W + b), (Yh - Y) / n)),
        (r"\frac{\partial L}{\partial \mathbf{W}} = ",
         lambda: close(fd_grad(lambda WW: Lb(X @ WW + b), W), X.T @ (Yh - Y) / n)),
        (r"\frac{\partial L}{\partial \mathbf{b}} = ",
         lambda: close(fd_grad(lambda bb: Lb(X @ W + bb), b), np.ones((1, n)) @ (Yh - Y) / n)),
        ("**A numerical example.**", GIVEN),
        (r"= (0.6590, 0.2424, 0.0986)$$", lambda: shown_vec([0.6590, 0.2424, 0.0986], pex, 4)),
        (r"-\log 0.2424 = 1.417", lambda: shown(1.417, -np.log(0.2424), 3) and shown(1.417, lex, 3)),
        (r"(0.6590, -0.7576, 0.0986)", lambda: shown_vec([0.6590, -0.7576, 0.0986], pex - yex, 4)),
        ("The components of the gradient sum to zero", sums_zero),
    ]


# =================================================================== 04
def checks_04():
    rng = np.random.default_rng(404)
    N, Dd = 9, 3
    X = rng.normal(size=(N, Dd))
    y = (rng.random(N) < 0.5).astype(float)
    th = rng.normal(size=Dd) * 0.5

    def nll(t):
        mu = sigmoid(X @ t)
        return float(-np.mean(y * np.log(mu) + (1 - y) * np.log(1 - mu)))

    mu = sigmoid(X @ th)
    S = np.diag(mu * (1 - mu))
    g = fd_grad(nll, th)
    H = fd_hess(nll, th)
    newton = th - np.linalg.solve(H, g)
    A = X.T @ S @ X
    z_file = X @ th - np.linalg.solve(S, y - mu)

    def line7():
        a = rng.normal(size=6)
        num = np.array([(sigmoid(t + 1e-6) - sigmoid(t - 1e-6)) / 2e-6 for t in a])
        return close(num, sigmoid(a) * (1 - sigmoid(a)))

    def line9():
        ok = True
        for a in rng.normal(size=5):
            for yy in (0.0, 1.0, 0.3):
                br = lambda t: yy * np.log(sigmoid(t)) + (1 - yy) * np.log(1 - sigmoid(t))
                num = (br(a + 1e-6) - br(a - 1e-6)) / 2e-6
                m = sigmoid(a)
                ok = ok and close(num, yy * (1 - m) - (1 - yy) * m) and close(num, yy - m)
        return ok

    def line25():
        ok = True
        for _ in range(5):
            v = rng.normal(size=Dd)
            q1 = v @ H @ v
            q2 = v @ X.T @ S @ X @ v / N
            q3 = np.sum((np.sqrt(S) @ X @ v) ** 2) / N
            ok = ok and close(q1, q2, rtol=1e-4) and close(q2, q3) and q3 >= 0
        return ok

    def wls():
        w = mu * (1 - mu)
        sw = np.sqrt(w)
        sol = np.linalg.lstsq(sw[:, None] * X, sw * z_file, rcond=None)[0]
        return close(sol, newton, rtol=1e-4)

    return [
        ("Binary logistic regression has", GIVEN),
        (r"$$\mathrm{NLL}(\boldsymbol\theta) = -\frac{1}{N}", GIVEN),
        (r"Since $\frac{d\mu_n}{da_n}", line7),
        (r"$$\frac{d}{da_n}\left[y_n \log \mu_n", line9),
        ("and by the chain rule, with", lambda: close(fd_jac(lambda t: X[:1] @ t, th), X[:1])),
        (r"$$\nabla_{\boldsymbol\theta} \mathrm{NLL}(\boldsymbol\theta) = ",
         lambda: close(g, ((mu - y)[:, None] * X).sum(0) / N) and close(g, X.T @ (mu - y) / N)),
        ("**Hessian.**", lambda: close(fd_jac(lambda t: sigmoid(X @ t), th), S @ X)),
        (r"$$\mathbf{S} \triangleq", GIVEN),
        (r"$$\mathbf{H}(\boldsymbol\theta) = ",
         lambda: close(H, A / N, rtol=1e-4, atol=1e-6)
         and close(H, sum(mu[n] * (1 - mu[n]) * np.outer(X[n], X[n]) for n in range(N)) / N, rtol=1e-4)),
        ("The Hessian is positive semi-definite", lambda: np.linalg.eigvalsh(A / N).min() >= -1e-12),
        (r"$$\mathbf{v}^\top\mathbf{H}\mathbf{v}", line25),
        ("**Newton's method and IRLS.**", GIVEN),
        (r"$$\boldsymbol\theta_{t+1} = \boldsymbol\theta_t - (\mathbf{X}",
         lambda: close(newton, th - np.linalg.solve(A, X.T @ (y - mu)), rtol=1e-4)),
        (r"\left[(\mathbf{X}^\top\mathbf{S}_t\mathbf{X})\boldsymbol\theta_t",
         lambda: close(newton, np.linalg.solve(A, A @ th - X.T @ (y - mu)), rtol=1e-4)),
        (r"\mathbf{X}^\top\mathbf{S}_t\mathbf{z}_t$$",
         lambda: close(newton, np.linalg.solve(A, X.T @ S @ z_file), rtol=1e-4)),
        (r"$$\mathbf{z}_t \triangleq",
         lambda: close(z_file, X @ th - (y - mu) / (mu * (1 - mu)))),
        ("Each Newton step is therefore the solution", GIVEN),
        (r"= \arg\min_{\boldsymbol\theta}", wls),
    ]


# =================================================================== 05
def checks_05():
    rng = np.random.default_rng(505)
    k = 4
    z = rng.normal(size=k)
    yc = 1
    e = np.eye(k)[yc]
    J = lambda zz: float(-np.log(softmax(zz)[yc]))
    lse = lambda zz: float(np.log(np.sum(np.exp(zz))))
    Wm = rng.normal(size=(3, k)); hv = rng.normal(size=3); bv = rng.normal(size=k)

    def line9():
        return close(np.log(softmax(z)), z - lse(z))

    def line11():
        return close(J(z), -np.log(softmax(z)[yc])) and close(J(z), -z[yc] + lse(z))

    def line25():
        ok = True
        for zz in rng.normal(size=4) * 3:
            for yy in (0, 1):
                nll = -(yy * np.log(sigmoid(zz)) + (1 - yy) * np.log(1 - sigmoid(zz)))
                a = -np.log(sigmoid((2 * yy - 1) * zz))
                b = np.log1p(np.exp((1 - 2 * yy) * zz))
                ok = ok and close(nll, a) and close(a, b)
        return ok

    def line26():
        ok = True
        for zz in rng.normal(size=4) * 3:
            for yy in (0, 1):
                f = lambda t: np.log1p(np.exp((1 - 2 * yy) * t))
                num = (f(zz + 1e-6) - f(zz - 1e-6)) / 2e-6
                ok = ok and close(num, (1 - 2 * yy) * sigmoid((1 - 2 * yy) * zz)) and close(num, sigmoid(zz) - yy)
        return ok

    def line28():
        d = lambda zz: (np.log1p(np.exp(-(zz + 1e-6))) - np.log1p(np.exp(-(zz - 1e-6)))) / 2e-6
        return abs(d(40.0)) < 1e-6 and abs(d(-40.0) + 1) < 1e-6

    zex = np.array([3.0, 1.0, -1.0])
    pex = softmax(zex)

    return [
        ("A linear layer predicts unnormalized", GIVEN),
        (r"$$\mathrm{softmax}(\boldsymbol{z})_i = \frac", GIVEN),
        ("When the training criterion is the log-likelihood", GIVEN),
        (r"$$\log \mathrm{softmax}(\boldsymbol{z})_i = ", line9),
        ("so the cost for one example is", line11),
        (r"\frac{\partial}{\partial z_i} \log \sum_j",
         lambda: close(fd_grad(lse, z), np.exp(z) / np.exp(z).sum()) and close(fd_grad(lse, z), softmax(z))),
        (r"and therefore, writing $\boldsymbol{e}^{(y)}$", GIVEN),
        (r"$$\nabla_{\boldsymbol{z}} J = \mathrm{softmax}", lambda: close(fd_grad(J, z), softmax(z) - e)),
        ("follows by the chain rule, e.g.",
         lambda: close(fd_grad(lambda bb: J(Wm.T @ hv + bb), bv), softmax(Wm.T @ hv + bv) - e)),
        (r"\frac{\partial\, \mathrm{softmax}(\boldsymbol{z})_i}{\partial z_k}",
         lambda: close(fd_jac(softmax, z), np.diag(softmax(z)) - np.outer(softmax(z), softmax(z)))),
        ("**Binary case.**", GIVEN),
        (r"$$J(\boldsymbol{\theta}) = -\log \sigma((2y - 1)z)", line25),
        (r"$$\frac{\partial J}{\partial z} = (1 - 2y)", line26),
        ("The gradient saturates only when", line28),
        ("**Numerical stability.**",
         lambda: close(softmax(zex), softmax(zex - zex.max())) and close(softmax(z), softmax(z - 5.3))),
        (r"= (0.8668, 0.1173, 0.0159)$$",
         lambda: close(softmax(zex), softmax(np.array([0, -2, -4.0]))) and shown_vec([0.8668, 0.1173, 0.0159], pex, 4)),
        (r"$$J = -\log 0.1173 = 2.143$$",
         lambda: shown(2.143, -np.log(0.1173), 3) and shown(2.143, -np.log(pex[1]), 3)),
        (r"J = (0.8668, -0.8827, 0.0159)$$",
         lambda: shown_vec([0.8668, -0.8827, 0.0159], pex - np.eye(3)[1], 4)),
    ]


# =================================================================== 06
def checks_06():
    rng = np.random.default_rng(606)
    n = 4
    A = rng.normal(size=(6, n)); B = rng.normal(size=(5, n)); c = rng.normal(size=5)
    Jf = lambda w: float(np.sum(np.log1p(np.exp(A @ w))) + 0.5 * np.sum((B @ w - c) ** 2))
    alpha, eps = 0.7, 0.05
    w = rng.normal(size=n)
    Jt = lambda w: 0.5 * alpha * w @ w + Jf(w)
    gJ = fd_grad(Jf, w)
    gJt = fd_grad(Jt, w)

    M = rng.normal(size=(n, n))
    H = M @ M.T + 0.5 * np.eye(n)
    wstar = rng.normal(size=n)
    Jhat = lambda w: 1.7 + 0.5 * (w - wstar) @ H @ (w - wstar)
    # regularised minimum by an independent route: least squares on a stacked system
    L = np.linalg.cholesky(H)
    Asys = np.vstack([np.sqrt(alpha) * np.eye(n), L.T])
    bsys = np.concatenate([np.zeros(n), L.T @ wstar])
    wt = np.linalg.lstsq(Asys, bsys, rcond=None)[0]
    lam, Q = np.linalg.eigh(H)
    Lam = np.diag(lam)
    Iden = np.eye(n)

    def line29():
        return (close(Q @ Lam @ Q.T, H) and close(Q.T @ Q, Iden)
                and close(H + alpha * Iden, Q @ (Lam + alpha * Iden) @ Q.T))

    def line38():
        return all(close(Q[:, i] @ wt, lam[i] / (lam[i] + alpha) * (Q[:, i] @ wstar)) for i in range(n))

    return [
        ("Weight decay adds the penalty", GIVEN),
        (r"$$\tilde{J}(\boldsymbol{w}; \boldsymbol{X}, \boldsymbol{y}) = \frac{\alpha}{2}", GIVEN),
        (r"$$\nabla_{\boldsymbol{w}}\tilde{J}", lambda: close(gJt, alpha * w + gJ)),
        ("A single gradient step with learning rate", GIVEN),
        (r"\leftarrow \boldsymbol{w} - \epsilon\left(",
         lambda: close(w - eps * gJt, w - eps * (alpha * w + gJ))),
        (r"\leftarrow (1 - \epsilon\alpha)\boldsymbol{w}",
         lambda: close(w - eps * gJt, (1 - eps * alpha) * w - eps * gJ)),
        ("**Effect over the whole of training.**", GIVEN),
        (r"$$\hat{J}(\boldsymbol{w}) = J(\boldsymbol{w}^*)", GIVEN),
        (r"$$\nabla_{\boldsymbol{w}}\hat{J}(\boldsymbol{w}) = ",
         lambda: close(fd_grad(Jhat, w), H @ (w - wstar))),
        ("The minimum $\\tilde{\\boldsymbol{w}}$ of the regularized", GIVEN),
        (r"$$\alpha\tilde{\boldsymbol{w}} + \boldsymbol{H}(",
         lambda: close(alpha * wt + H @ (wt - wstar), np.zeros(n))),
        (r"$$(\boldsymbol{H} + \alpha\boldsymbol{I})\tilde{\boldsymbol{w}}",
         lambda: close((H + alpha * Iden) @ wt, H @ wstar)),
        (r"$$\tilde{\boldsymbol{w}} = (\boldsymbol{H} + \alpha\boldsymbol{I})^{-1}",
         lambda: close(wt, np.linalg.solve(H + alpha * Iden, H @ wstar))),
        ("Because $\\boldsymbol{H}$ is real and symmetric", line29),
        (r"$$\tilde{\boldsymbol{w}} = \left[\boldsymbol{Q}",
         lambda: close(wt, np.linalg.inv(Q @ (Lam + alpha * Iden) @ Q.T) @ Q @ Lam @ Q.T @ wstar)),
        (r"$$= \boldsymbol{Q}(\boldsymbol{\Lambda} + \alpha\boldsymbol{I})^{-1}",
         lambda: close(wt, Q @ np.linalg.inv(Lam + alpha * Iden) @ Lam @ Q @ wstar)),
        ("In the eigenbasis, that is", GIVEN),
        (r"$$\boldsymbol{Q}^\top\tilde{\boldsymbol{w}} = ",
         lambda: close(Q.T @ wt, np.linalg.inv(Lam + alpha * Iden) @ Lam @ Q @ wstar)),
        ("so the component of $\\boldsymbol{w}^*$ along", line38),
        (r"$$\frac{4}{4 + 1} = 0.8", lambda: shown(0.8, 4 / 5, 1) and shown(0.2, 0.25 / 1.25, 1)),
    ]


# =================================================================== 07
def checks_07():
    x = np.array([1.0, -0.5])
    W1 = np.array([[0.2, -0.4], [0.7, 0.1]])
    w2 = np.array([0.5, -0.3])
    t = 0.2

    def E(W1=W1, w2=w2):
        z = np.tanh(W1 @ x)
        return 0.5 * float((w2 @ z - t) ** 2)

    a = W1 @ x
    z = np.tanh(a)
    y = float(w2 @ z)
    dk = y - t
    gW1 = fd_grad(lambda W: E(W1=W), W1)
    gw2 = fd_grad(lambda v: E(w2=v), w2)
    dj_true = np.array([fd_grad(lambda e: 0.5 * float((w2 @ np.tanh(a + e) - t) ** 2), np.zeros(2))]).ravel()

    # generic network for the general formulas (3 inputs, 4 hidden, 2 outputs)
    rng = np.random.default_rng(707)
    Xg = rng.normal(size=3); A1 = rng.normal(size=(4, 3)); A2 = rng.normal(size=(2, 4)); Tg = rng.normal(size=2)

    def Eg(A1=A1, A2=A2, pa=0.0, py=0.0):
        zz = np.tanh(A1 @ Xg + pa)
        yy = A2 @ zz + py
        return 0.5 * float(np.sum((yy - Tg) ** 2))

    ag = A1 @ Xg; zg = np.tanh(ag); yg = A2 @ zg

    def line7():
        pts = rng.normal(size=5)
        num = (np.tanh(pts + 1e-6) - np.tanh(pts - 1e-6)) / 2e-6
        return close(num, 1 - np.tanh(pts) ** 2)

    def line9():
        dk_ = fd_grad(lambda e: Eg(py=e), np.zeros(2))
        dj_ = fd_grad(lambda e: Eg(pa=e), np.zeros(4))
        return close(dk_, yg - Tg) and close(dj_, (1 - zg ** 2) * (A2.T @ dk_))

    def line10():
        dk_ = yg - Tg
        dj_ = (1 - zg ** 2) * (A2.T @ dk_)
        return (close(fd_grad(lambda W: Eg(A1=W), A1), np.outer(dj_, Xg))
                and close(fd_grad(lambda W: Eg(A2=W), A2), np.outer(dk_, zg)))

    return [
        ("We take the two-layer network with $\\tanh$", GIVEN),
        (r"$$a_j = \sum_{i} w_{ji}^{(1)} x_i", GIVEN),
        ("and the error for the pattern is", line7),
        (r"$$\delta_k = y_k - t_k, \qquad", line9),
        (r"\frac{\partial E_n}{\partial w_{ji}^{(1)}} = \delta_j x_i", line10),
        (r"$$x_1 = 1.0, \quad x_2 = -0.5", GIVEN),
        (r"$$w^{(2)}_{11} = 0.5, \quad", GIVEN),
        (r"$$a_1 = (0.2)(1.0)", lambda: close(a, [0.4, 0.65]) and close(0.2 * 1.0 + (-0.4) * (-0.5), 0.4)
         and close(0.7 * 1.0 + 0.1 * (-0.5), 0.65)),
        (r"$$z_1 = \tanh(0.4) = 0.3799", lambda: shown_vec([0.3799, 0.5717], z, 4)),
        (r"$$y_1 = (0.5)(0.3799)", lambda: shown(0.0185, y, 4) and shown(0.0185, 0.5 * 0.3799 - 0.3 * 0.5717, 4)),
        (r"$$E_n = \tfrac{1}{2}", lambda: shown(0.0165, E(), 4)),
        (r"$$\delta_k = y_1 - t_1", lambda: shown(-0.1815, dk, 4) and shown(-0.1815, 0.0185 - 0.2, 4)),
        (r"$$\delta_1 = (1 - 0.3799^2)",
         lambda: shown(0.8556, 1 - z[0] ** 2, 4) and shown(-0.09076, w2[0] * dk, 5) and shown(-0.0777, dj_true[0], 4)),
        (r"$$\delta_2 = (1 - 0.5717^2)",
         lambda: shown(0.6732, 1 - z[1] ** 2, 4) and shown(-0.05446, w2[1] * dk, 5) and shown(-0.0367, dj_true[1], 4)),
        ("| $w^{(2)}_{11}$ |", lambda: shown(-0.0690, gw2[0], 4)),
        ("| $w^{(2)}_{12}$ |", lambda: shown(-0.1038, gw2[1], 4)),
        ("| $w^{(1)}_{11}$ |", lambda: shown(-0.0777, gW1[0, 0], 4)),
        ("| $w^{(1)}_{12}$ |", lambda: shown(0.0388, gW1[0, 1], 4)),
        ("| $w^{(1)}_{21}$ |", lambda: shown(-0.0367, gW1[1, 0], 4)),
        ("| $w^{(1)}_{22}$ |", lambda: shown(0.0183, gW1[1, 1], 4)),
        ("A gradient descent step with learning rate", GIVEN),
        (r"\leftarrow 0.5 - 0.5(-0.0690) = 0.5345",
         lambda: shown(0.5345, w2[0] - 0.5 * gw2[0], 4) and shown(0.7184, W1[1, 0] - 0.5 * gW1[1, 0], 4)),
    ]


# =================================================================== 08
def checks_08():
    def positions(n, k, p=0, s=1, d=1):
        """Brute-force count of window positions along one axis."""
        span = (k - 1) * d + 1
        cnt = 0
        i = 0
        while i * s + span <= n + 2 * p:
            cnt += 1
            i += 1
        return cnt

    def conv_params(k, cin, cout):
        return np.zeros((k, k, cin, cout)).size + np.zeros(cout).size

    rng = np.random.default_rng(808)
    cases = [(int(rng.integers(5, 40)), int(rng.integers(1, 6)), int(rng.integers(0, 3)), int(rng.integers(1, 4)))
             for _ in range(300)]
    cases = [(n, k, p, s) for (n, k, p, s) in cases if k <= n + 2 * p]

    # the real shapes of the network
    s1 = positions(64, 3, p=1)                  # same padding
    s2 = positions(s1, 2, s=2)                  # max pool
    s3 = positions(s2, 3, d=2)                  # dilated conv
    s4 = positions(s3, 5, p=2, s=2)             # padded strided conv
    P1 = conv_params(3, 3, 32); P3 = conv_params(3, 32, 64); P4 = conv_params(5, 64, 64); P5 = 64 * 10 + 10

    def keff_line():
        # effective size k + (k-1)d claimed; true extent of a dilated kernel is (k-1)d + 1
        claimed = lambda k, d: k + (k - 1) * d
        ok_formula = all(claimed(k, d) == (k - 1) * d + 1 for k in (2, 3, 5) for d in (1, 2, 3))
        return ok_formula and 7 == (3 - 1) * 2 + 1

    return [
        ("Here is a small convnet for $64", GIVEN),
        ("window fits into an $n \\times n$ input at $n - k + 1$",
         lambda: all(positions(n, k) == n - k + 1 for (n, k, p, s) in cases)),
        (r"$$n_{\text{out}} = \left\lfloor",
         lambda: all(positions(n, k, p, s) == (n + 2 * p - k) // s + 1 for (n, k, p, s) in cases)),
        ("which is the same as", lambda: all((n - k + 2 * p + s) // s == (n + 2 * p - k) // s + 1 for (n, k, p, s) in cases)),
        (r"$$(k \cdot k \cdot c_{\text{in}} + 1) \cdot c_{\text{out}}$$",
         lambda: all(conv_params(k, ci, co) == (k * k * ci + 1) * co for k in (1, 3, 5) for ci in (1, 3, 8) for co in (2, 7))),
        ("- First convolution:",
         lambda: (3 - 1) // 2 == 1 and positions(64, 3, p=1) == 64 and (64 + 2 - 3) // 1 + 1 == 64
         and s1 == 64 and P1 == 896),
        ("- Max pooling with a", lambda: (64 - 2) // 2 + 1 == 32 and s2 == 32),
        ("- Dilated convolution with", keff_line),
        ("- Its output is therefore", lambda: s3 == 26 and 32 - 7 + 1 == 26 and P3 == 18496),
        ("- Zero padding of 2 followed", lambda: s4 == 13 and (26 + 4 - 5) // 2 + 1 == 13 and P4 == 102464),
        ("- Global average pooling keeps", lambda: P5 == 650),
        ("In total the model has",
         lambda: P1 + P3 + P4 + P5 == 122506 and s4 * s4 * 64 * 10 + 10 == 108170),
    ]


# =================================================================== 09
def checks_09():
    def maxpool(Hm, P, S):
        n = (Hm.shape[0] - P) // S + 1
        m = (Hm.shape[1] - P) // S + 1
        out = np.zeros((n, m))
        for i in range(n):
            for j in range(m):
                out[i, j] = Hm[S * i:S * i + P, S * j:S * j + P].max()
        return out

    def avgpool(Hm, P, S):
        n = (Hm.shape[0] - P) // S + 1
        m = (Hm.shape[1] - P) // S + 1
        out = np.zeros((n, m))
        for i in range(n):
            for j in range(m):
                out[i, j] = Hm[S * i:S * i + P, S * j:S * j + P].mean()
        return out

    def routed(Hm, G, P, S):
        out = np.zeros_like(Hm)
        for i in range(G.shape[0]):
            for j in range(G.shape[1]):
                blk = Hm[S * i:S * i + P, S * j:S * j + P]
                r, s = np.unravel_index(np.argmax(blk), blk.shape)
                out[S * i + r, S * j + s] += G[i, j]
        return out

    rng = np.random.default_rng(909)

    def line7():
        v = rng.permutation(9).astype(float) + rng.random(9) * 0.1
        g = fd_grad(lambda u: float(u.max()), v)
        return close(g, (v == v.max()).astype(float))

    def line9():
        ok = True
        for (n, P, S) in [(6, 2, 2), (7, 3, 2), (5, 3, 1)]:
            Hm = rng.permutation(n * n).reshape(n, n).astype(float)
            no = (n - P) // S + 1
            G = rng.normal(size=(no, no))
            num = fd_grad(lambda Hx: float(np.sum(G * maxpool(Hx, P, S))), Hm, 1e-3)
            ok = ok and close(num, routed(Hm, G, P, S))
        return ok

    def line11():
        cnt = np.zeros((4, 4))
        for i in range(2):
            for j in range(2):
                cnt[2 * i:2 * i + 2, 2 * j:2 * j + 2] += 1
        return (cnt == 1).all()

    Hq = np.array([[1, 3, 2, 0], [4, 2, 1, 5], [0, 1, 3, 2], [2, 6, 1, 1]], float)
    G = np.array([[0.1, -0.2], [0.3, 0.4]])
    Lmax = lambda Hx: float(np.sum(G * maxpool(Hx, 2, 2)))
    Lavg = lambda Hx: float(np.sum(G * avgpool(Hx, 2, 2)))
    gmax = fd_grad(Lmax, Hq, 1e-4)
    gavg = fd_grad(Lavg, Hq, 1e-4)

    def positions():
        pos = set()
        for i in range(2):
            for j in range(2):
                blk = Hq[2 * i:2 * i + 2, 2 * j:2 * j + 2]
                r, s = np.unravel_index(np.argmax(blk), blk.shape)
                pos.add((2 * i + r + 1, 2 * j + s + 1))
        return pos == {(2, 1), (2, 4), (4, 2), (3, 3)}

    def line25():
        Hm = rng.normal(size=(6, 6)); Gg = rng.normal(size=(3, 3))
        num = fd_grad(lambda Hx: float(np.sum(Gg * avgpool(Hx, 2, 2))), Hm)
        return close(num, np.kron(Gg, np.ones((2, 2))) / 4)

    x1 = np.array([1, 7, 2, 3, 0.0])
    pool1 = lambda u: np.array([u[i:i + 3].max() for i in range(3)])
    g1 = np.array([0.5, -0.2, 0.1])

    return [
        ("In a convolutional network the activations", GIVEN),
        (r"$$h_{ij}^{(q+1)} = \max_{r, s", GIVEN),
        ("The pooling layer has no parameters", line7),
        (r"$$\frac{\partial L}{\partial h_{uv}^{(q)}} = \sum_{i, j}", line9),
        ("When the regions do not overlap", line11),
        ("**Example.** Take the", GIVEN),
        (r"$$\mathbf{H}^{(q)} = \begin{bmatrix}", lambda: close(maxpool(Hq, 2, 2), [[4, 5], [6, 3]])),
        (r"\frac{\partial L}{\partial \mathbf{H}^{(q+1)}} = \begin{bmatrix} 0.1", GIVEN),
        ("then each value is routed to the position", positions),
        (r"0.1 & 0 & 0 & -0.2", lambda: close(gmax, [[0, 0, 0, 0], [0.1, 0, 0, -0.2], [0, 0, 0.4, 0], [0, 0.3, 0, 0]])),
        ("**Average pooling.**", line25),
        (r"0.025 & 0.025 & -0.05 & -0.05 \\ 0.025",
         lambda: close(gavg, [[0.025, 0.025, -0.05, -0.05], [0.025, 0.025, -0.05, -0.05],
                              [0.075, 0.075, 0.1, 0.1], [0.075, 0.075, 0.1, 0.1]])),
        ("**Overlapping regions.**", GIVEN),
        (r"$$(\max(1, 7, 2), \max(7, 2, 3), \max(2, 3, 0)) = (7, 7, 3)$$", lambda: close(pool1(x1), [7, 7, 3])),
        ("and an upstream gradient $(0.5", GIVEN),
        (r"\frac{\partial L}{\partial \mathbf{h}^{(q)}} = (0,\; 0.5 - 0.2",
         lambda: close(fd_grad(lambda u: float(g1 @ pool1(u)), x1, 1e-4), [0, 0.3, 0, 0.1, 0])),
        ("Finally, if layer $q$ uses the ReLU activation",
         lambda: (maxpool(Hq, 2, 2) > 0).all()),
    ]


# =================================================================== 10
def checks_10():
    rng = np.random.default_rng(1010)
    m = 5
    x = rng.normal(size=m) * 2 + 1
    gam, bet, dl = 1.3, -0.4, 1e-3
    cvec = rng.normal(size=m)
    Jy = lambda yv: float(cvec @ yv + 0.5 * np.sum(np.sin(yv)))     # arbitrary downstream loss

    def F(x, mu, v, gam=gam, bet=bet):
        return Jy(gam * (x - mu) / np.sqrt(v + dl) + bet)

    Vf = lambda x, mu: float(np.mean((x - mu) ** 2))
    Gf = lambda x, mu: F(x, mu, Vf(x, mu))
    Jx = lambda x: Gf(x, float(np.mean(x)))

    mu = float(np.mean(x)); v = Vf(x, mu)
    xh = (x - mu) / np.sqrt(v + dl)
    yv = gam * xh + bet
    g = fd_grad(Jy, yv)
    dxh = fd_grad(lambda u: Jy(gam * u + bet), xh)
    dv = fd_grad(lambda vv: F(x, mu, float(vv[0])), np.array([v]))[0]
    dmu = fd_grad(lambda mm: Gf(x, float(mm[0])), np.array([mu]))[0]
    dx = fd_grad(Jx, x)

    def line13():
        db = fd_grad(lambda b: F(x, mu, v, bet=float(b[0])), np.array([bet]))[0]
        dgm = fd_grad(lambda gg: F(x, mu, v, gam=float(gg[0])), np.array([gam]))[0]
        return close(db, g.sum()) and close(dgm, g @ xh) and close(dxh, gam * g)

    def line18():
        a = -dxh.sum() / np.sqrt(v + dl) + dv * (-2 / m) * np.sum(x - mu)
        b = -dxh.sum() / np.sqrt(v + dl)
        return close(dmu, a) and close(a, b)

    compact = gam / (m * np.sqrt(v + dl)) * (m * g - g.sum() - xh * (g @ xh))

    def line32():
        c = 2.7
        return close((x + c - np.mean(x + c)) / np.sqrt(Vf(x + c, np.mean(x + c)) + dl), xh)

    # worked example (delta neglected)
    xe = np.array([1, 2, 3, 6.0]); ge = np.array([1, 0, 0, 0.0])
    mue = xe.mean(); ve = np.mean((xe - mue) ** 2); xhe = (xe - mue) / np.sqrt(ve)
    Je = lambda xx: float(ge @ ((xx - xx.mean()) / np.sqrt(np.mean((xx - xx.mean()) ** 2))))
    dxe = fd_grad(Je, xe)

    return [
        ("Let $\\boldsymbol{H}$ be a minibatch", GIVEN),
        (r"$$\boldsymbol{H}' = \frac", GIVEN),
        ("followed by $\\gamma\\boldsymbol{H}'", GIVEN),
        (r"$$\mu = \frac{1}{m}\sum_{i=1}^{m} x_i, \qquad v = ", GIVEN),
        ("Given $g_i = \\partial J/\\partial y_i$", GIVEN),
        (r"$$\frac{\partial J}{\partial \beta} = \sum", line13),
        ("Each $x_i$ influences $J$ directly", GIVEN),
        (r"$$\frac{\partial J}{\partial v} = -\frac{1}{2}",
         lambda: close(dv, -0.5 * (v + dl) ** -1.5 * np.sum(dxh * (x - mu)))),
        (r"$$\frac{\partial J}{\partial \mu} = ", line18),
        ("Collecting the three paths", GIVEN),
        (r"= \frac{\partial J}{\partial \hat{x}_i}\frac{1}{\sqrt{v + \delta}} + ",
         lambda: close(dx, dxh / np.sqrt(v + dl) + dv * 2 * (x - mu) / m + dmu / m)),
        ("Substituting the expressions above and using", lambda: close(x - mu, np.sqrt(v + dl) * xh)),
        (r"= \frac{\gamma}{m\sqrt{v + \delta}}\left(", lambda: close(dx, compact)),
        ("Summing over the batch, the first two terms cancel",
         lambda: abs(xh.sum()) < 1e-12 and abs(np.sum(m * g - g.sum())) < 1e-9),
        (r"$$\sum_{i=1}^{m}\frac{\partial J}{\partial x_i} = 0$$", lambda: abs(dx.sum()) < 1e-7),
        ("which reflects the fact that adding the same constant", line32),
        ("**Example.** With $m = 4$",
         lambda: mue == 3 and close(ve, 3.5) and shown(1.8708, np.sqrt(ve), 4)),
        (r"$$\hat{\boldsymbol{x}} = (-1.0690",
         lambda: shown_vec([-1.0690, -0.5345, 0, 1.6036], xhe, 4) and shown(-1.0690, ge @ xhe, 4)),
        (r"\frac{\partial J}{\partial \boldsymbol{x}} = (0.2482",
         lambda: shown_vec([0.2482, -0.2100, -0.1336, 0.0955], dxe, 4)),
    ]


# =================================================================== 11
def checks_11():
    rng = np.random.default_rng(1111)
    nh, nx, no = 3, 2, 4
    W = rng.normal(size=(nh, nh)) * 0.8
    U = rng.normal(size=(nh, nx))
    V = rng.normal(size=(no, nh))
    b = rng.normal(size=nh) * 0.3
    c = rng.normal(size=no) * 0.3
    h0 = rng.normal(size=nh) * 0.5

    def run(tau, xs, ys, W=W, U=U, V=V, b=b, c=c, pert=None):
        pert = pert or {}
        h = [h0]; o = [None]; L = 0.0
        for t in range(1, tau + 1):
            ht = np.tanh(b + W @ h[t - 1] + U @ xs[t - 1]) + pert.get(('h', t), 0.0)
            ot = c + V @ ht + pert.get(('o', t), 0.0)
            h.append(ht); o.append(ot)
            L += -np.log(softmax(ot)[ys[t - 1]])
        return float(L), h, o

    def setup(tau):
        xs = rng.normal(size=(tau, nx)); ys = rng.integers(0, no, size=tau)
        L, h, o = run(tau, xs, ys)
        gO = {t: fd_grad(lambda e, t=t: run(tau, xs, ys, pert={('o', t): e})[0], np.zeros(no)) for t in range(1, tau + 1)}
        gH = {t: fd_grad(lambda e, t=t: run(tau, xs, ys, pert={('h', t): e})[0], np.zeros(nh)) for t in range(1, tau + 1)}
        jac = {t: fd_jac(lambda hv, t=t: np.tanh(b + W @ hv + U @ xs[t]), h[t]) for t in range(1, tau)}
        return dict(xs=xs, ys=ys, h=h, o=o, gO=gO, gH=gH, jac=jac, tau=tau)

    A = setup(3)
    B = setup(2)

    def line11():
        return all(close(A['gO'][t], softmax(A['o'][t]) - np.eye(no)[A['ys'][t - 1]]) for t in (1, 2, 3))

    D = lambda S, t: np.diag(1 - S['h'][t] ** 2)

    def params(S):
        tau, xs, ys = S['tau'], S['xs'], S['ys']
        gc = fd_grad(lambda cc: run(tau, xs, ys, c=cc)[0], c)
        gV = fd_grad(lambda VV: run(tau, xs, ys, V=VV)[0], V)
        gb = fd_grad(lambda bb: run(tau, xs, ys, b=bb)[0], b)
        gW = fd_grad(lambda WW: run(tau, xs, ys, W=WW)[0], W)
        gU = fd_grad(lambda UU: run(tau, xs, ys, U=UU)[0], U)
        return gc, gV, gb, gW, gU

    PA = params(A)
    PB = params(B)
    T = range(1, 4)

    return [
        ("The recurrent network maps an input sequence", GIVEN),
        (r"$$\boldsymbol{a}^{(t)} = \boldsymbol{b}", GIVEN),
        (r"$$\boldsymbol{h}^{(t)} = \tanh", GIVEN),
        (r"$$\boldsymbol{o}^{(t)} = \boldsymbol{c}", GIVEN),
        ("with total loss $L = \\sum_t L^{(t)}$", GIVEN),
        (r"$$(\nabla_{\boldsymbol{o}^{(t)}}L)_i = ", line11),
        ("We work backward, starting from the end", GIVEN),
        (r"$$\nabla_{\boldsymbol{h}^{(\tau)}}L = ", lambda: close(A['gH'][3], V.T @ A['gO'][3])),
        ("For $t < \\tau$, $\\boldsymbol{h}^{(t)}$ has as descendants", GIVEN),
        (r"$$\frac{\partial \boldsymbol{h}^{(t+1)}}{\partial \boldsymbol{h}^{(t)}} = \mathrm{diag}",
         lambda: all(close(A['jac'][t], D(A, t) @ W) for t in (1, 2))),
        (r"$$\nabla_{\boldsymbol{h}^{(t)}}L = \left(",
         lambda: all(close(A['gH'][t], A['jac'][t].T @ A['gH'][t + 1] + V.T @ A['gO'][t]) for t in (1, 2))),
        (r"$$= \boldsymbol{W}^\top\mathrm{diag}",
         lambda: all(close(A['gH'][t], W.T @ D(A, t) @ A['gH'][t + 1] + V.T @ A['gO'][t]) for t in (1, 2))),
        ("Once the gradients on the internal nodes are known", GIVEN),
        (r"$$\nabla_{\boldsymbol{c}}L = \sum_t",
         lambda: close(PA[0], sum(A['gO'][t] for t in T)) and close(PA[1], sum(np.outer(A['gO'][t], A['h'][t]) for t in T))),
        (r"$$\nabla_{\boldsymbol{b}}L = \sum_t", lambda: close(PA[2], sum(D(A, t) @ A['gH'][t] for t in T))),
        (r"$$\nabla_{\boldsymbol{W}}L = \sum_t",
         lambda: close(PA[3], sum(np.outer(D(A, t) @ A['gH'][t], A['h'][t - 1]) for t in T))),
        (r"$$\nabla_{\boldsymbol{U}}L = \sum_t",
         lambda: close(PA[4], sum(np.outer(D(A, t) @ A['gH'][t], A['xs'][t - 1]) for t in T))),
        ("**Two steps.**", GIVEN),
        (r"$$\nabla_{\boldsymbol{h}^{(1)}}L = \boldsymbol{W}^\top\boldsymbol{D}^{(1)}",
         lambda: close(B['gH'][1], W.T @ D(B, 1) @ V.T @ B['gO'][2] + V.T @ B['gO'][1])),
        (r"$$\nabla_{\boldsymbol{W}}L = \boldsymbol{D}^{(2)}",
         lambda: close(PB[3], np.outer(D(B, 2) @ V.T @ B['gO'][2], B['h'][1]) + np.outer(D(B, 1) @ B['gH'][1], B['h'][0]))),
        ("The first term of $\\nabla_{\\boldsymbol{h}^{(1)}}L$ is the only route",
         lambda: close(B['gH'][1] - V.T @ B['gO'][1], W.T @ D(B, 1) @ V.T @ B['gO'][2])),
    ]


# =================================================================== 12
def checks_12():
    rng = np.random.default_rng(1212)
    n, d, h = 3, 2, 4
    Xt = rng.normal(size=(n, d)); Hp = rng.normal(size=(n, h)) * 0.5; Cp = rng.normal(size=(n, h))
    Wx = {g: rng.normal(size=(d, h)) for g in 'ifoc'}
    Wh = {g: rng.normal(size=(h, h)) * 0.5 for g in 'ifoc'}
    bb = {g: rng.normal(size=h) * 0.2 for g in 'ifoc'}
    GH = rng.normal(size=(n, h)); GC = rng.normal(size=(n, h))

    def pre(Xt=Xt, Hp=Hp, Wx=Wx, Wh=Wh, bb=bb):
        return {g: Xt @ Wx[g] + Hp @ Wh[g] + bb[g] for g in 'ifoc'}

    def from_gates(I, F, O, Ct, Cprev=Cp):
        C = F * Cprev + I * Ct
        H = O * np.tanh(C)
        return float(np.sum(GH * H) + np.sum(GC * C))

    def from_pre(Ap, Cprev=Cp):
        return from_gates(sigmoid(Ap['i']), sigmoid(Ap['f']), sigmoid(Ap['o']), np.tanh(Ap['c']), Cprev)

    Ap = pre()
    I, F, O, Ct = sigmoid(Ap['i']), sigmoid(Ap['f']), sigmoid(Ap['o']), np.tanh(Ap['c'])
    C = F * Cp + I * Ct
    # true gradients by finite differences
    dO = fd_grad(lambda u: from_gates(I, F, u, Ct), O)
    dC = fd_grad(lambda u: float(np.sum(GH * O * np.tanh(u)) + np.sum(GC * u)), C)
    dF = fd_grad(lambda u: from_gates(I, u, O, Ct), F)
    dI = fd_grad(lambda u: from_gates(u, F, O, Ct), I)
    dCt = fd_grad(lambda u: from_gates(I, F, O, u), Ct)
    dCp = fd_grad(lambda u: from_gates(I, F, O, Ct, u), Cp)
    dA = {g: fd_grad(lambda u, g=g: from_pre({**Ap, g: u}), Ap[g]) for g in 'ifoc'}

    def line23():
        a = rng.normal(size=7)
        num = (sigmoid(a + 1e-6) - sigmoid(a - 1e-6)) / 2e-6
        return close(num, sigmoid(a) * (1 - sigmoid(a)))

    def line33():
        gWx = fd_grad(lambda W: from_pre(pre(Wx={**Wx, 'c': W})), Wx['c'])
        gWh = fd_grad(lambda W: from_pre(pre(Wh={**Wh, 'c': W})), Wh['c'])
        gb = fd_grad(lambda b: from_pre(pre(bb={**bb, 'c': b})), bb['c'])
        return (close(gWx, Xt.T @ dA['c']) and close(gWh, Hp.T @ dA['c'])
                and close(gb, np.ones(n) @ dA['c']))

    def line37():
        gHp = fd_grad(lambda Hx: from_pre(pre(Hp=Hx)), Hp)
        return close(gHp, sum(dA[g] @ Wh[g].T for g in 'ifoc'))

    return [
        ("For a minibatch $\\mathbf{X}_t", GIVEN),
        (r"$$\mathbf{I}_t = \sigma(", GIVEN),
        (r"$$\mathbf{F}_t = \sigma(", GIVEN),
        (r"$$\mathbf{O}_t = \sigma(", GIVEN),
        (r"$$\tilde{\mathbf{C}}_t = \tanh(", GIVEN),
        (r"$$\mathbf{C}_t = \mathbf{F}_t \odot", GIVEN),
        ("We write $\\mathbf{A}^{i}_t", GIVEN),
        (r"$$\bar{\mathbf{O}}_t = ", lambda: close(dO, GH * np.tanh(C))),
        (r"$$\bar{\mathbf{C}}_t = \bar{\mathbf{C}}_t^{\,\mathrm{next}}",
         lambda: close(dC, GC + GH * O * (1 - np.tanh(C) ** 2))),
        (r"$$\bar{\mathbf{F}}_t = ",
         lambda: close(dF, dC * Cp) and close(dI, dC * Ct) and close(dCt, dC * I) and close(dCp, dC * F)),
        ("Using $\\sigma'(a) = \\sigma(a)(1 - \\sigma(a))$", line23),
        (r"$$\bar{\mathbf{A}}^{i}_t = ",
         lambda: close(dA['i'], dI * I * (1 - I)) and close(dA['f'], dF * F * (1 - F)) and close(dA['o'], dO * O * (1 - O))),
        (r"$$\bar{\mathbf{A}}^{c}_t = ", lambda: close(dA['c'], dCt * Ct * (1 - Ct))),
        (r"$$\frac{\partial L}{\partial \mathbf{W}_{xc}}", line33),
        (r"$$\bar{\mathbf{H}}_{t-1} = ", line37),
        ("Note that $\\bar{\\mathbf{C}}_{t-1}$ is obtained", lambda: close(dCp, dC * F)),
    ]


# =================================================================== 13
def checks_13():
    rng = np.random.default_rng(1313)
    n, m, d, v = 3, 4, 5, 2
    Q = rng.normal(size=(n, d)); K = rng.normal(size=(m, d)); V = rng.normal(size=(m, v))
    G = rng.normal(size=(n, v))

    def att(Q=Q, K=K, V=V):
        return softmax(Q @ K.T / np.sqrt(d), axis=1) @ V

    S = Q @ K.T / np.sqrt(d)
    A = softmax(S, axis=1)
    lS = lambda SS: float(np.sum(G * (softmax(SS, axis=1) @ V)))
    lA = lambda AA: float(np.sum(G * (AA @ V)))
    dA = fd_grad(lA, A)
    dS = fd_grad(lS, S)

    def line7():
        ok = True
        dd = 16
        for gen in (lambda s: rng.normal(size=s), lambda s: rng.choice([-1.0, 1.0], size=s)):
            q = gen((200000, dd)); k = gen((200000, dd))
            dot = np.sum(q * k, axis=1)
            ok = ok and abs(dot.mean()) < 0.1 and abs(dot.var() / dd - 1) < 0.03 \
                and abs((dot / np.sqrt(dd)).var() - 1) < 0.03
        return ok

    def line17():
        ok = True
        for i in range(n):
            Jr = fd_jac(lambda s: softmax(s), S[i])
            ok = ok and close(np.diag(Jr), A[i] * (1 - A[i]))
        # row independence
        Sp = S.copy(); Sp[1] += 0.3
        return ok and close(softmax(Sp, axis=1)[0], A[0])

    a = np.array([0.5, 0.3, 0.2]); da = np.array([1.0, -1.0, 2.0])
    ds_true = a * (da - a @ da)
    ks = np.array([[1, 0, 0, 0], [0, 1, 0, 0], [1, 1, 0, 0.0]])
    dq_true = ds_true @ ks / 2

    def line27():
        # gradient of l(s) = da . softmax(s) at a point s with softmax(s) = a
        s = np.log(a)
        num = fd_grad(lambda ss: float(da @ softmax(ss)), s)
        return close(num, ds_true) and close(num, [0.25, -0.21, 0.32])

    return [
        ("For queries $\\mathbf{Q} \\in", GIVEN),
        (r"$$\mathrm{softmax}\left(\frac{\mathbf{Q}\mathbf{K}^\top}{\sqrt{d}}\right)\mathbf{V}", GIVEN),
        ("The scaling keeps the scores in a reasonable range", line7),
        (r"$$\mathbf{S} = \frac{\mathbf{Q}\mathbf{K}^\top}{\sqrt{d}}, \qquad", GIVEN),
        ("and write $\\mathrm{d}\\mathbf{Z}", GIVEN),
        (r"$$\mathrm{d}\mathbf{V} = ",
         lambda: close(fd_grad(lambda VV: float(np.sum(G * att(V=VV))), V), A.T @ G) and close(dA, G @ V.T)),
        ("Each row of $\\mathbf{A}$ depends only on", line17),
        (r"$$\mathrm{d}S_{ij} = ", lambda: close(dS, dA * A * (1 - A))),
        ("or in matrix form", lambda: close(dS, dA * A * (1 - A))),
        (r"$$\mathrm{d}\mathbf{Q} = \frac{1}{\sqrt{d}}",
         lambda: close(fd_grad(lambda QQ: float(np.sum(G * att(Q=QQ))), Q), dS @ K / np.sqrt(d))
         and close(fd_grad(lambda KK: float(np.sum(G * att(K=KK))), K), dS.T @ Q / np.sqrt(d))),
        ("**A single query.**", GIVEN),
        (r"$$\mathrm{d}\mathbf{s} = (1.0 \cdot 0.5", line27),
        ("and with $d = 4$ and keys", GIVEN),
        (r"$$\mathrm{d}\mathbf{q} = \frac{1}{2}", lambda: close(dq_true, [0.285, 0.055, 0, 0])),
    ]


# =================================================================== 14
def checks_14():
    b1, b2, eta, eps = 0.9, 0.999, 0.001, 1e-7
    g0 = np.array([0.9, 100.0])
    nrm = np.linalg.norm(g0)

    def clip_norm(g, c=1.0):
        n = np.linalg.norm(g)
        return g * c / n if n > c else g

    def geron(grads):
        m = np.zeros(2); s = np.zeros(2); th = np.zeros(2); out = []
        for t, g in enumerate(grads, 1):
            m = b1 * m - (1 - b1) * g
            s = b2 * s + (1 - b2) * g * g
            mh = m / (1 - b1 ** t); sh = s / (1 - b2 ** t)
            step = eta * mh / np.sqrt(sh + eps)
            th = th + step
            out.append(dict(m=m, s=s, mh=mh, sh=sh, step=step, th=th))
        return out

    def kingma(grads):
        m = np.zeros(2); s = np.zeros(2); th = np.zeros(2); out = []
        for t, g in enumerate(grads, 1):
            m = b1 * m + (1 - b1) * g
            s = b2 * s + (1 - b2) * g * g
            th = th - eta * (m / (1 - b1 ** t)) / (np.sqrt(s / (1 - b2 ** t)) + eps)
            out.append(th)
        return out

    rng = np.random.default_rng(1414)
    G1 = clip_norm(np.array([3.0, -4.0]))
    G2 = clip_norm(np.array([0.2, 0.1]))
    R = geron([G1, G2])

    def line17():
        grads = [rng.normal(size=2) * 3 for _ in range(6)]
        a = [r['th'] for r in geron(grads)]
        k = kingma(grads)
        return all(close(x, y, rtol=1e-4, atol=1e-9) for x, y in zip(a, k))

    def line25():
        ok = True
        for _ in range(20):
            # magnitudes from 1e-2 to 1e2, i.e. large compared with sqrt(eps) ~ 3e-4
            g = 10.0 ** rng.uniform(-2, 2, size=2) * rng.choice([-1.0, 1.0], size=2)
            st = geron([g])[0]['step']
            ok = ok and close(st, -eta * np.sign(g), rtol=1e-3, atol=1e-8)
        return ok

    return [
        ("Suppose the gradient vector is $\\mathbf{g} = (0.9, 100.0)$",
         lambda: close(np.clip(g0, -1, 1), [0.9, 1.0])),
        (r"\|\mathbf{g}\|_2 = \sqrt{0.9^2 + 100.0^2} = 100.004",
         lambda: shown(100.004, nrm, 3) and nrm > 1.0 and close(clip_norm(g0), g0 / nrm)),
        (r"$$\mathbf{g}_{\text{clipped}}",
         lambda: shown(0.0090, clip_norm(g0)[0], 4) and shown(0.99996, clip_norm(g0)[1], 5)),
        ("**Adam.** We use the form", GIVEN),
        (r"$$\mathbf{m} \leftarrow \beta_1\mathbf{m}", GIVEN),
        (r"$$\mathbf{s} \leftarrow \beta_2\mathbf{s}", GIVEN),
        (r"$$\hat{\mathbf{m}} \leftarrow", GIVEN),
        (r"$$\boldsymbol\theta \leftarrow \boldsymbol\theta + \eta", line17),
        ("Take a model with two parameters.",
         lambda: close(np.linalg.norm([3.0, -4.0]), 5.0) and close(G1, [0.6, -0.8])),
        (r"$$\mathbf{m}_1 = -0.1",
         lambda: close(R[0]['m'], [-0.06, 0.08]) and close(R[0]['s'], [0.00036, 0.00064])
         and close(G1 ** 2, [0.36, 0.64])),
        (r"$$\hat{\mathbf{m}}_1 = ",
         lambda: close(1 - b1, 0.1) and close(1 - b2, 0.001) and close(R[0]['mh'], [-0.6, 0.8]) and close(R[0]['sh'], [0.36, 0.64])),
        (r"$$\Delta\boldsymbol\theta_1 = ",
         lambda: close(R[0]['step'], [-0.001, 0.001], rtol=1e-4, atol=1e-9)
         and close([-0.6 / np.sqrt(0.36), 0.8 / np.sqrt(0.64)], [-1, 1])),
        ("Thanks to the bias correction", lambda: line25() and np.linalg.norm([0.2, 0.1]) < 1 and close(G2, [0.2, 0.1])),
        (r"$$\mathbf{m}_2 = 0.9",
         lambda: close(b1 * R[0]['m'], [-0.054, 0.072]) and close((1 - b1) * G2, [0.02, 0.01]) and close(R[1]['m'], [-0.074, 0.062])),
        (r"$$\mathbf{s}_2 = 0.999", lambda: close(R[1]['s'], [0.00039964, 0.00064936], rtol=1e-9)),
        (r"$$\hat{\mathbf{m}}_2 = ",
         lambda: close(1 - b1 ** 2, 0.19) and shown_vec([-0.3895, 0.3263], R[1]['mh'], 4)),
        (r"$$\hat{\mathbf{s}}_2 = ",
         lambda: close(1 - b2 ** 2, 0.001999) and shown_vec([0.1999, 0.3248], R[1]['sh'], 4)),
        (r"$$\Delta\boldsymbol\theta_2 = ",
         lambda: shown_vec([0.4471, 0.5699], np.sqrt(R[1]['sh']), 4)
         and shown_vec([-0.000871, 0.000573], R[1]['step'], 6)),
        ("The second parameter keeps moving in the positive direction",
         lambda: R[1]['step'][1] > 0 and R[0]['step'][1] > 0 and G1[1] < 0 < G2[1] and R[1]['m'][1] > 0),
    ]


# =================================================================== 15
def checks_15():
    rng = np.random.default_rng(1515)
    Ns = 400000

    def sym_samples(lam):
        return [rng.normal(size=Ns) * lam,
                rng.uniform(-1, 1, size=Ns) * lam * np.sqrt(3),
                rng.laplace(size=Ns) * lam / np.sqrt(2)]

    def line9_10():
        Mm, eps_, lam = 8, 0.3, 1.4
        w = rng.normal(size=(Ns // 4, Mm)) * eps_
        zz = relu(rng.normal(size=(Ns // 4, Mm)) * lam)
        a = np.sum(w * zz, axis=1)
        Ez2 = np.mean(zz ** 2)
        return abs(a.mean()) < 0.02 and abs(a.var() / (Mm * eps_ ** 2 * Ez2) - 1) < 0.03

    def line12():
        zz = relu(rng.normal(size=Ns) * 1.3)
        return zz.mean() > 0.1 and abs(np.mean(zz ** 2) - zz.var()) > 0.1 \
            and all(abs(np.mean(s > 0) - 0.5) < 0.005 for s in sym_samples(1.0))

    def line14():
        lam = 1.7
        return all(abs(np.mean(relu(s) ** 2) / (0.5 * np.mean(s ** 2)) - 1) < 0.03
                   and abs(np.mean(s ** 2) / lam ** 2 - 1) < 0.03 for s in sym_samples(lam))

    def line15():
        Mm, eps_, lam = 10, 0.25, 0.9
        w = rng.normal(size=(Ns // 4, Mm)) * eps_
        zz = relu(rng.normal(size=(Ns // 4, Mm)) * lam)
        a = np.sum(w * zz, axis=1)
        return abs(a.var() / (Mm / 2 * eps_ ** 2 * lam ** 2) - 1) < 0.03

    def he_deep():
        # one layer at a time: with epsilon^2 = 2/M the variance of the
        # pre-activations is preserved on average over weight draws
        Mm, lam = 64, 1.6
        ratios = []
        for _ in range(200):
            a_prev = rng.normal(size=(500, Mm)) * lam
            W = rng.normal(size=(Mm, Mm)) * np.sqrt(2 / Mm)
            ratios.append((relu(a_prev) @ W.T).var() / lam ** 2)
        return abs(np.mean(ratios) - 1) < 0.03

    def line21_23():
        lam = 1.3
        zz = relu(rng.normal(size=Ns) * lam)
        return (abs(zz.mean() / (lam / np.sqrt(2 * np.pi)) - 1) < 0.01
                and abs(zz.var() / (lam ** 2 / 2 * (1 - 1 / np.pi)) - 1) < 0.02
                and close(lam ** 2 / 2 - (lam / np.sqrt(2 * np.pi)) ** 2, lam ** 2 / 2 * (1 - 1 / np.pi)))

    def line25():
        Nn, eps_ = 12, 0.2
        T = Ns // 8
        W = rng.normal(size=(T, Nn)) * eps_
        delta = rng.normal(size=(T, Nn))
        lin = np.sum(W * delta, axis=1)
        hp = (rng.normal(size=(T, Nn)) > 0).astype(float)
        rl = np.sum(W * hp * delta, axis=1)
        return abs(lin.var() / (Nn * eps_ ** 2) - 1) < 0.03 and abs(rl.var() / (Nn * eps_ ** 2 / 2) - 1) < 0.03

    def line27():
        return all(min(1 / M_, 1 / N_) <= 2 / (M_ + N_) <= max(1 / M_, 1 / N_)
                   for M_ in (3, 64, 512) for N_ in (5, 256, 1000))

    def line29():
        r = 0.8
        xs = np.linspace(-r, r, 200001)
        var = np.trapezoid(xs ** 2, xs) / (2 * r) if hasattr(np, 'trapezoid') else np.trapz(xs ** 2, xs) / (2 * r)
        return close(var, r ** 2 / 3, rtol=1e-6)

    return [
        ("Consider layer $l$ of a fully connected network", GIVEN),
        (r"$$a_i^{(l)} = \sum_{j=1}^{M} w_{ij}", GIVEN),
        ("Suppose the weights are drawn independently", GIVEN),
        (r"$$\mathbb{E}\left[a_i^{(l)}\right] = ", line9_10),
        (r"$$\mathrm{var}\left[a_i^{(l)}\right] = \sum_{j=1}^{M}", line9_10),
        ("is not the variance of", line12),
        (r"$$\mathbb{E}\left[\mathrm{ReLU}(a)^2\right]", line14),
        (r"$$\mathrm{var}\left[a_i^{(l)}\right] = \frac{M}{2}", line15),
        ("To keep the variance of the pre-activations", he_deep),
        (r"$$\epsilon = \sqrt{\frac{2}{M}}$$", he_deep),
        ("which is He initialization.", line21_23),
        (r"$$\mathrm{var}\left[z\right] = ", line21_23),
        ("**Glorot and uniform variants.**", line25),
        (r"$$\epsilon^2 = \frac{2}{M + N}$$", line27),
        ("A uniform distribution on $[-r, r]$", line29),
        (r"$$r = \sqrt{3\epsilon^2}", lambda: all(close(np.sqrt(3 * 2 / (M_ + N_)), np.sqrt(6 / (M_ + N_))) for M_, N_ in ((512, 256), (3, 7)))),
        ("**Numbers.** For a layer with", GIVEN),
        (r"$$\text{He: }", lambda: shown(0.0625, np.sqrt(2 / 512), 4) and shown(0.1083, np.sqrt(6 / 512), 4)),
        (r"$$\text{Glorot: }", lambda: 512 + 256 == 768 and shown(0.0510, np.sqrt(2 / 768), 4) and shown(0.0884, np.sqrt(6 / 768), 4)),
    ]


# =================================================================== 16
def checks_16():
    rng = np.random.default_rng(1616)
    dim = 3
    while True:
        Om = [rng.normal(size=(dim, dim)) * 0.6 for _ in range(4)]
        be = [rng.normal(size=dim) * 0.3 for _ in range(4)]
        x = rng.normal(size=dim)
        fk = lambda k, hv: be[k] + Om[k] @ relu(hv)
        hs = [x]
        for k in range(4):
            hs.append(hs[-1] + fk(k, hs[-1]))
        if min(np.abs(hv).min() for hv in hs[:4]) > 0.05:
            break
    y = hs[4]
    Jk = {k + 1: fd_jac(lambda hv, k=k: fk(k, hv), hs[k]) for k in range(4)}
    Iden = np.eye(dim)

    def from_h1(h1):
        h = h1
        for k in (1, 2, 3):
            h = h + fk(k, h)
        return h

    dydh1 = fd_jac(from_h1, hs[1])
    c = rng.normal(size=dim)
    ell = lambda yv: float(c @ yv + 0.5 * np.sum(yv ** 2) * 0.3)

    def line16():
        return all(close(fd_jac(lambda hv, k=k: hv + fk(k, hv), hs[k]), Iden + Jk[k + 1]) for k in range(4))

    prod = (Iden + Jk[4]) @ (Iden + Jk[3]) @ (Iden + Jk[2])
    J2, J3, J4 = Jk[2], Jk[3], Jk[4]
    expand = Iden + J2 + J3 + J4 + J3 @ J2 + J4 @ J2 + J4 @ J3 + J4 @ J3 @ J2

    def plain():
        # plain composition of scalar maps with the given derivatives: chain rule gives the product
        f2 = lambda u: 0.2 * u; f3 = lambda u: -0.3 * u; f4 = lambda u: 0.1 * u
        num = (f4(f3(f2(1e-3))) - f4(f3(f2(-1e-3)))) / 2e-3
        return close(num, 0.1 * -0.3 * 0.2) and close(0.1 * -0.3 * 0.2, -0.006)

    def scalar_res():
        g = lambda u: u + 0.2 * u
        g3 = lambda u: u - 0.3 * u
        g4 = lambda u: u + 0.1 * u
        num = (g4(g3(g(1e-3))) - g4(g3(g(-1e-3)))) / 2e-3
        return close(num, 0.924) and close(1.1 * 0.7 * 1.2, 0.924) and close(1.1 * 0.7, 0.77)

    return [
        ("A residual network adds the output", GIVEN),
        (r"$$\mathbf{h}_1 = \mathbf{x} + ", GIVEN),
        (r"$$\mathbf{h}_2 = \mathbf{h}_1 + ", GIVEN),
        (r"$$\mathbf{h}_3 = \mathbf{h}_2 + ", GIVEN),
        (r"$$\mathbf{y} = \mathbf{h}_3 + ", GIVEN),
        ("where $\\mathbf{x}$ is the input", GIVEN),
        (r"$$\mathbf{y} = \mathbf{x} + \mathbf{f}_1[\mathbf{x}]",
         lambda: close(y, x + fk(0, x) + fk(1, hs[1]) + fk(2, hs[2]) + fk(3, hs[3]))),
        ("Let $\\mathbf{J}_k$ denote the Jacobian", GIVEN),
        (r"\frac{\partial \mathbf{h}_k}{\partial \mathbf{h}_{k-1}} = \mathbf{I} + \mathbf{J}_k", line16),
        (r"$$\frac{\partial \mathbf{y}}{\partial \mathbf{h}_1} = (\mathbf{I}", lambda: close(dydh1, prod)),
        (r"$$= \mathbf{I} + \mathbf{J}_2 + ", lambda: close(prod, expand, rtol=1e-9, atol=1e-9)),
        ("The identity term means that", GIVEN),
        (r"$$\frac{\partial \ell}{\partial \mathbf{h}_1} = ",
         lambda: close(fd_grad(lambda h1: ell(from_h1(h1)), hs[1]),
                       (Iden + J2).T @ (Iden + J3).T @ (Iden + J4).T @ fd_grad(ell, y))),
        ("**A scalar illustration.**", GIVEN),
        (r"= J_4 J_3 J_2 = (0.1)(-0.3)(0.2) = -0.006", plain),
        (r"= (1 + 0.1)(1 - 0.3)(1 + 0.2)", scalar_res),
        (r"$$= 1 + (0.2 - 0.3 + 0.1)",
         lambda: close(0.2 - 0.3 + 0.1, 0) and close(0.2 * -0.3, -0.06) and close(0.1 * 0.2, 0.02)
         and close(0.1 * -0.3, -0.03) and close(0.1 * -0.3 * 0.2, -0.006)
         and close(1 + (0.2 - 0.3 + 0.1) + (-0.06 + 0.02 - 0.03) + (-0.006), 0.924)),
    ]


# ================================================================== driver
CHECKS = {
    "01_mlp_backprop_matrix.md": checks_01,
    "02_backprop_single_hidden_layer.md": checks_02,
    "03_softmax_regression_gradient.md": checks_03,
    "04_logistic_regression_hessian.md": checks_04,
    "05_cross_entropy_logits.md": checks_05,
    "06_weight_decay.md": checks_06,
    "07_worked_forward_backward.md": checks_07,
    "08_conv_output_sizes.md": checks_08,
    "09_pooling_backward.md": checks_09,
    "10_batch_normalization.md": checks_10,
    "11_rnn_bptt.md": checks_11,
    "12_lstm_gate_derivatives.md": checks_12,
    "13_attention_score_gradient.md": checks_13,
    "14_clipping_and_adam.md": checks_14,
    "15_initialization_variance.md": checks_15,
    "16_residual_block_gradient.md": checks_16,
}


def needs_cover(line):
    s = line.strip()
    return '$' in line or (s.startswith('|') and re.search(r'\d', s) is not None)


def run_file(name, make_checks):
    lines = (HERE / name).read_text().split('\n')
    problems = []
    verdict = {}
    covered = set()
    for sub, pred in make_checks():
        hits = [i for i, l in enumerate(lines) if sub in l]
        if len(hits) != 1:
            problems.append(f"substring matches {len(hits)} lines: {sub!r}")
            continue
        ln = hits[0] + 1
        covered.add(ln)
        try:
            ok = bool(pred())
        except Exception as exc:  # a crashing predicate is a script bug
            problems.append(f"line {ln}: predicate raised {type(exc).__name__}: {exc}")
            ok = False
        verdict[ln] = verdict.get(ln, True) and ok
    for i, l in enumerate(lines, 1):
        if needs_cover(l) and i not in covered:
            problems.append(f"line {i} not covered: {l[:60]!r}")
    false_lines = sorted(ln for ln, ok in verdict.items() if not ok)
    first = false_lines[0] if false_lines else None
    return first, false_lines, problems


def main():
    expected = json.loads((HERE / "expected.json").read_text())
    all_ok = True
    if sorted(expected) != sorted(CHECKS):
        print("expected.json keys differ from checked files")
        all_ok = False
    for name, fn in CHECKS.items():
        first, false_lines, problems = run_file(name, fn)
        exp = expected.get(name, "missing")
        ok = (first == exp) and not problems
        all_ok = all_ok and ok
        print(f"{'OK  ' if ok else 'FAIL'} {name}: expected={exp} first_false={first} false_lines={false_lines}")
        for p in problems:
            print(f"      problem: {p}")
    print("ALL AGREE" if all_ok else "MISMATCH")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
