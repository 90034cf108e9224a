#!/usr/bin/env python3
"""Ground-truth checker for corpus32 (NumPy only).

For every file: a list of (substring identifying exactly one source line,
function(line) -> bool).  Symbolic claims are checked by finite differences or
exact enumeration; worked numbers are recomputed and compared at their shown
precision (k decimals => |shown - true| <= 0.5e-k).

Prints, per file, the 1-based line of the first false claim, or "correct".
Exits non-zero if a file's first false claim disagrees with expected.json
(null => no false claim; integer => that line is the first false claim).
"""
import json
import os
import re
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(32)


# ----------------------------------------------------------------- helpers
def num(s):
    s = s.replace("{,}", ".").replace(",", ".").replace("\u2212", "-")
    return float(s.strip("()$ =;"))


def decimals(s):
    s = s.replace("{,}", ".").replace(",", ".").strip("()$ =;")
    return len(s.split(".")[1]) if "." in s else 0


def shown(line, pairs, exact=False):
    """Each (string, true value): string must occur in the line and equal
    the true value rounded to the string's number of decimals."""
    for s, v in pairs:
        if s not in line:
            return False           # the line does not show this value
        k = decimals(s)
        tol = 1e-9 if (exact or k == 0) else 0.5 * 10 ** (-k) + 1e-12
        if abs(num(s) - v) > tol:
            return False
    return True


def fd_grad(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        xp = x.copy(); xp[i] += h
        xm = x.copy(); xm[i] -= h
        g[i] = (f(xp) - f(xm)) / (2 * h)
    return g


def fd_jac(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    y0 = np.atleast_1d(f(x))
    J = np.zeros((y0.size, x.size))
    for j in range(x.size):
        xp = x.copy(); xp[j] += h
        xm = x.copy(); xm[j] -= h
        J[:, j] = (np.atleast_1d(f(xp)) - np.atleast_1d(f(xm))) / (2 * h)
    return J


def close(a, b, tol=1e-5):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=tol)


def sig(x):
    return 1.0 / (1.0 + np.exp(-x))


def softmax(z):
    e = np.exp(z - np.max(z))
    return e / e.sum()


def true_(line):
    return True


# ======================================================= 01 MLP backprop
def mlp_setup():
    sizes = [4, 5, 4, 3]
    W = {l: RNG.normal(size=(sizes[l], sizes[l - 1])) for l in (1, 2, 3)}
    b = {l: RNG.normal(size=sizes[l]) for l in (1, 2, 3)}
    x = RNG.normal(size=4)
    y = np.zeros(3); y[1] = 1.0
    return sizes, W, b, x, y


def mlp_forward(W, b, x):
    a = {0: x}; z = {}
    for l in (1, 2):
        z[l] = W[l] @ a[l - 1] + b[l]
        a[l] = sig(z[l])
    z[3] = W[3] @ a[2] + b[3]
    a[3] = softmax(z[3])
    return z, a


def mlp_true_deltas(W, b, x, y):
    # deltas by finite differences of the loss w.r.t. each z^{(l)}
    z, a = mlp_forward(W, b, x)

    def loss_from(l, zl):
        if l == 3:
            return -np.sum(y * np.log(softmax(zl)))
        al = sig(zl)
        for m in range(l + 1, 3):
            al = sig(W[m] @ al + b[m])
        return -np.sum(y * np.log(softmax(W[3] @ al + b[3])))

    return {l: fd_grad(lambda v, l=l: loss_from(l, v), z[l]) for l in (1, 2, 3)}, a


def mlp_delta_claim(transpose, layers):
    def f(line):
        _, W, b, x, y = mlp_setup()
        d, a = mlp_true_deltas(W, b, x, y)
        for l in layers:
            M = W[l + 1].T if transpose else W[l + 1]
            try:
                back = M @ d[l + 1]
            except ValueError:
                return False          # shapes do not even conform
            if back.shape != a[l].shape:
                return False
            if not close(back * a[l] * (1 - a[l]), d[l]):
                return False
        return True
    return f


def mlp_delta3(line):
    _, W, b, x, y = mlp_setup()
    d, a = mlp_true_deltas(W, b, x, y)
    return close(d[3], a[3] - y)


def mlp_param_grads(line):
    _, W, b, x, y = mlp_setup()
    d, a = mlp_true_deltas(W, b, x, y)

    def loss(Wd, bd):
        _, aa = mlp_forward(Wd, bd, x)
        return -np.sum(y * np.log(aa[3]))

    for l in (1, 2, 3):
        gW = fd_grad(lambda M: loss({**W, l: M}, b), W[l])
        gb = fd_grad(lambda v: loss(W, {**b, l: v}), b[l])
        if not (close(gW, np.outer(d[l], a[l - 1])) and close(gb, d[l])):
            return False
    return True


def sigmoid_deriv(line):
    zs = np.linspace(-3, 3, 13)
    return close(fd_grad(lambda v: np.sum(sig(v)), zs), sig(zs) * (1 - sig(zs)))


def mlp_shape(line):
    sizes, W, *_ = mlp_setup()
    return W[1].shape == (5, 4) and "five-by-four" in line


CLAIMS_01 = [
    (r"\delta^{(3)} = \hat{y} - y .", mlp_delta3),
    (r"using $\sigma'(z) = \sigma(z)\,\big(1 - \sigma(z)\big)", sigmoid_deriv),
    (r"\delta^{(l)} = \Big( W^{(l+1)} \, \delta^{(l+1)} \Big)", mlp_delta_claim(False, (2, 1))),
    (r"\delta^{(2)} &= \big( W^{(3)} \delta^{(3)} \big)", mlp_delta_claim(False, (2,))),
    (r"\delta^{(1)} &= \big( W^{(2)} \delta^{(2)} \big)", mlp_delta_claim(False, (1,))),
    (r"\delta^{(l)}_i \, a^{(l-1)}_j, \qquad", mlp_param_grads),
    (r"is a five-by-four matrix", mlp_shape),
]


# ======================================================= 02 hinge (German)
H_W = np.array([0.5, -0.2, 0.1]); H_X = np.array([1.0, 2.0, -1.5]); H_Y = -1.0


def hinge(w, x, y):
    return max(0.0, 1.0 - y * (w @ x))


def hinge_region_grad(claimed_sign, region):
    # claimed gradient = claimed_sign * y * x  (region '<')  or 0 (region '>')
    def f(line):
        for _ in range(20):
            x = RNG.normal(size=3); y = RNG.choice([-1.0, 1.0]); w = RNG.normal(size=3)
            m = y * (w @ x)
            if region == "<" and m > 0.9:
                continue
            if region == ">" and m < 1.1:
                w = w + y * x * (1.5 - m) / (x @ x)     # push margin to 1.5
            g = fd_grad(lambda v: hinge(v, x, y), w)
            claimed = np.zeros(3) if region == ">" else claimed_sign * y * x
            if not close(g, claimed):
                return False
        return True
    return f


def hinge_kink(sign):
    # claim: subdifferential at the kink = {sign * alpha * y * x : alpha in [0,1]}
    def f(line):
        x = np.array([1.0, 2.0, -1.5]); y = 1.0
        w = np.array([0.3, 0.4, 0.2]); w = w + y * x * (1 - y * (w @ x)) / (x @ x)
        for alpha in (0.0, 0.5, 1.0):
            g = sign * alpha * y * x
            for _ in range(200):
                v = w + RNG.normal(size=3)
                if hinge(v, x, y) < hinge(w, x, y) + g @ (v - w) - 1e-12:
                    return False
        # and the true endpoint -y x must be in the claimed set
        return sign < 0
    return f


def hinge_margin(line):
    inner = H_W @ H_X
    return abs(inner - (-0.05)) < 1e-12 and abs(H_Y * inner - 0.05) < 1e-12


def hinge_loss_val(line):
    return shown(line, [("0{,}95", hinge(H_W, H_X, H_Y))])


def hinge_g_vec(line):
    g_true = -H_Y * H_X            # margin < 1
    return close(g_true, [-1.0, -2.0, 1.5])


def hinge_step(line):
    w_new = H_W - 0.1 * (-H_Y * H_X)
    return close(w_new, [0.6, 0.0, -0.05])


CLAIMS_02 = [
    (r"in einer Umgebung von $\mathbf{w}$, also", hinge_region_grad(0, ">")),
    (r"gilt lokal", hinge_region_grad(+1.0, "<")),
    (r"Verbindungsstrecke", hinge_kink(+1.0)),
    (r"\mathbf{g}(\mathbf{w}) = y\,\mathbf{x}\cdot", hinge_region_grad(+1.0, "<")),
    (r"m(\mathbf{w}) = -1\cdot\big(", hinge_margin),
    (r"\ell(\mathbf{w}) = 1 - 0{,}05 = 0{,}95", hinge_loss_val),
    (r"\mathbf{g} = y\,\mathbf{x} = (-1{,}0", hinge_g_vec),
    (r"\mathbf{w}_{\text{neu}} = \mathbf{w} - \eta", hinge_step),
]


# ======================================================= 03 softmax with T
def sm_T(z, T):
    return softmax(z / T)


def smT_check(formula):
    def f(line):
        for T in (0.5, 2.0, 3.0):
            z = RNG.normal(size=4)
            p = sm_T(z, T)
            Jtrue = fd_jac(lambda v: sm_T(v, T), z)
            if not formula(p, T, z, Jtrue):
                return False
        return True
    return f


def smT_logp(line):
    z = RNG.normal(size=4); T = 1.7
    S = np.sum(np.exp(z / T))
    return close(np.log(sm_T(z, T)), z / T - np.log(S))


def smT_first_term(line):
    z = RNG.normal(size=4); T = 1.7
    return close(fd_jac(lambda v: v / T, z), np.eye(4) / T)


def smT_dlogS(p, T, z, J):
    g = fd_grad(lambda v: np.log(np.sum(np.exp(v / T))), z)
    return close(g, p)                                  # as claimed


def smT_dlogp(p, T, z, J):
    Jl = fd_jac(lambda v: np.log(sm_T(v, T)), z)
    return close(Jl, np.eye(len(p)) / T - p[None, :])    # as claimed


def smT_dp(p, T, z, J):
    return close(J, p[:, None] * (np.eye(len(p)) / T - p[None, :]))


def smT_matrix(p, T, z, J):
    return close(J, np.diag(p) / T - np.outer(p, p))


def smT_vjp(p, T, z, J):
    g = RNG.normal(size=len(p))
    return close(J.T @ g, p * g / T - p * (p @ g))


SMT_Z = np.array([1.0, 2.0, 0.5]); SMT_P = sm_T(SMT_Z, 2.0)
SMT_J = fd_jac(lambda v: sm_T(v, 2.0), SMT_Z)


def smT_example_zT(line):
    return close(SMT_Z / 2.0, [0.5, 1.0, 0.25])


def smT_example_p(line):
    return shown(line, [("0.29176", SMT_P[0]), ("0.48102", SMT_P[1]), ("0.22722", SMT_P[2])])


def smT_example_J(line):
    return shown(line, [("0.06076", SMT_J[0, 0]), ("0.00913", SMT_J[1, 1]), ("-0.14034", SMT_J[0, 1])])


CLAIMS_03 = [
    (r"$$\log p_i = \frac{z_i}{T} - \log S .$$", smT_logp),
    (r"The first term gives", smT_first_term),
    (r"\frac{\partial \log S}{\partial z_j} = \frac{1}{S}", smT_check(smT_dlogS)),
    (r"\frac{\partial \log p_i}{\partial z_j} = \frac{\delta_{ij}}{T} - p_j", smT_check(smT_dlogp)),
    (r"\frac{\partial p_i}{\partial z_j} = p_i\left(", smT_check(smT_dp)),
    (r"In matrix form the Jacobian is", smT_check(smT_matrix)),
    (r"Then $z/T = (0.5, 1, 0.25)$", smT_example_zT),
    (r"$$p \approx (0.29176", smT_example_p),
    (r"The diagonal entries are", smT_example_J),
    (r"you never need to build", smT_check(smT_vjp)),
]


# ======================================================= 04 SiLU (French)
XS = np.linspace(-3, 3, 13)
silu = lambda x: x * sig(x)
dsilu_fd = fd_grad(lambda v: np.sum(silu(v)), XS)


def silu_form(expr):
    return lambda line: close(dsilu_fd, expr(XS))


def sig_deriv_fr(line):
    g = fd_grad(lambda v: np.sum(sig(v)), XS)
    return close(g, np.exp(-XS) / (1 + np.exp(-XS)) ** 2) and close(g, sig(XS) * (1 - sig(XS)))


def silu_num_sigma(line):
    return shown(line, [("0{,}73106", sig(1.0))]) and line.count("0{,}73106") == 2


def silu_num_d1(line):
    d1 = fd_grad(lambda v: np.sum(silu(v)), np.array([1.0]))[0]
    return shown(line, [("1{,}26894", 2 - sig(1.0)), ("0{,}92767", d1)])


def silu_d0(line):
    d0 = fd_grad(lambda v: np.sum(silu(v)), np.array([0.0]))[0]
    return abs(d0 - 0.5) < 1e-8 and abs(sig(0.0) - 0.5) < 1e-12


def silu_min(line):
    grid = np.linspace(-20, 20, 400001)
    vals = silu(grid)
    i = int(np.argmin(vals))
    xmin = grid[i]
    # refine with Newton on the derivative
    x = xmin
    for _ in range(50):
        d = fd_grad(lambda v: np.sum(silu(v)), np.array([x]))[0]
        dd = (fd_grad(lambda v: np.sum(silu(v)), np.array([x + 1e-4]))[0] - fd_grad(lambda v: np.sum(silu(v)), np.array([x - 1e-4]))[0]) / 2e-4
        x -= d / dd
    root_ok = abs(1 + x * (1 - sig(x))) < 1e-8
    return root_ok and shown(line, [("-1{,}27846", x), ("-0{,}27846", silu(x))])


CLAIMS_04 = [
    (r"$$\sigma'(x) = \frac{e^{-x}}{(1+e^{-x})^2}", sig_deriv_fr),
    (r"\operatorname{SiLU}'(x) &= \sigma(x) + x\,\sigma'(x)",
     silu_form(lambda x: sig(x) + x * sig(x) * (1 - sig(x)))),
    (r"&= \sigma(x) + x\,\sigma(x)\bigl(1-\sigma(x)\bigr) \\", silu_form(lambda x: sig(x) + x * sig(x) * (1 - sig(x)))),
    (r"&= \sigma(x)\,\bigl(1 + x\,(1-\sigma(x))\bigr).", silu_form(lambda x: sig(x) * (1 + x * (1 - sig(x))))),
    (r"$\operatorname{SiLU}'(x) = \operatorname{SiLU}(x) + \sigma(x)\bigl(1 - \operatorname{SiLU}(x)\bigr)$",
     silu_form(lambda x: silu(x) + sig(x) * (1 - silu(x)))),
    (r"On a $\sigma(1) = 1/(1+e^{-1}) \approx 0{,}73106", silu_num_sigma),
    (r"$$\operatorname{SiLU}'(1) = \sigma(1)", silu_num_d1),
    (r"\operatorname{SiLU}'(0) = \sigma(0) = 0{,}5", silu_d0),
    (r"La dérivée s'annule", silu_min),
]


# ======================================================= 05 Bishop-style tanh
def bishop_setup():
    D, M, K = 3, 4, 2
    W1 = RNG.normal(size=(M, D + 1)); W2 = RNG.normal(size=(K, M + 1))
    x = np.concatenate([[1.0], RNG.normal(size=D)]); t = RNG.normal(size=K)
    return W1, W2, x, t


def bishop_fwd(W1, W2, x):
    a = W1 @ x
    z = np.concatenate([[1.0], np.tanh(a)])
    return a, z, W2 @ z


def bishop_E(W1, W2, x, t):
    return 0.5 * np.sum((bishop_fwd(W1, W2, x)[2] - t) ** 2)


def bishop_tanh_def(line):
    a = np.linspace(-2, 2, 9)
    return close(np.tanh(a), (np.exp(a) - np.exp(-a)) / (np.exp(a) + np.exp(-a)))


def bishop_tanh_deriv(line):
    a = np.linspace(-2, 2, 9)
    return close(fd_grad(lambda v: np.sum(np.tanh(v)), a), 1 - np.tanh(a) ** 2)


def bishop_delta_k(line):
    W1, W2, x, t = bishop_setup()
    _, z, y = bishop_fwd(W1, W2, x)
    g = fd_grad(lambda ak: 0.5 * np.sum((ak - t) ** 2), W2 @ z)   # linear outputs: y_k = a_k
    return close(g, y - t)


def bishop_delta_j(line):
    W1, W2, x, t = bishop_setup()
    a, z, y = bishop_fwd(W1, W2, x)
    g = fd_grad(lambda aj: 0.5 * np.sum((W2 @ np.concatenate([[1.0], np.tanh(aj)]) - t) ** 2), a)
    dk = y - t
    claimed = (1 - z[1:] ** 2) * (W2[:, 1:].T @ dk)
    return close(g, claimed)


def bishop_weights(line):
    W1, W2, x, t = bishop_setup()
    a, z, y = bishop_fwd(W1, W2, x)
    dk = y - t
    dj = (1 - z[1:] ** 2) * (W2[:, 1:].T @ dk)
    g1 = fd_grad(lambda M: bishop_E(M, W2, x, t), W1)
    g2 = fd_grad(lambda M: bishop_E(W1, M, x, t), W2)
    return close(g1, np.outer(dj, x)) and close(g2, np.outer(dk, z))


def bishop_sum(line):
    W1, W2, x, t = bishop_setup()
    _, _, x2, t2 = bishop_setup()
    gsum = fd_grad(lambda M: bishop_E(M, W2, x, t) + bishop_E(M, W2, x2, t2), W1)
    return close(gsum, fd_grad(lambda M: bishop_E(M, W2, x, t), W1) + fd_grad(lambda M: bishop_E(M, W2, x2, t2), W1))


CLAIMS_05 = [
    (r"h(a) \equiv \tanh(a) = \frac{e^{a} - e^{-a}}", bishop_tanh_def),
    (r"h'(a) = 1 - h(a)^2 . \tag{4.42}", bishop_tanh_deriv),
    (r"\delta_k = y_k - t_k . \tag{4.45}", bishop_delta_k),
    (r"\delta_j = (1 - z_j^2) \sum_{k=1}^{K} w_{kj} \delta_k", bishop_delta_j),
    (r"= \delta_j x_i , \qquad", bishop_weights),
    (r"\frac{\partial E}{\partial w_{ji}} = \sum_n", bishop_sum),
]


# ======================================================= 06 average pooling (Spanish)
AP_X = np.array([[2, 3, 2, 0], [5, 7, 4, 6], [2, 0, 1, 1], [8, 3, 3, 5]], dtype=float)
AP_G = np.array([[0.4, -0.8], [1.2, 0.2]])


def avgpool(X):
    return X.reshape(2, 2, 2, 2).mean(axis=(1, 3))


AP_Y = avgpool(AP_X)
AP_DX = fd_grad(lambda X: np.sum(AP_G * avgpool(X)), AP_X)


def ap_y(a, b, sstr):
    return lambda line: shown(line, [(sstr, AP_Y[a, b])], exact=True)


def ap_block_sum(a, b, s):
    def f(line):
        blk = AP_X[2 * a:2 * a + 2, 2 * b:2 * b + 2]
        return abs(blk.sum() - s) < 1e-12
    return f


def ap_chain(line):
    X = RNG.normal(size=(4, 4)); G = RNG.normal(size=(2, 2))
    g = fd_grad(lambda V: np.sum(G * avgpool(V)), X)
    claimed = np.array([[G[i // 2, j // 2] / 4 for j in range(4)] for i in range(4)])
    return close(g, claimed)


def ap_dx_matrix(line):
    body = line.split(r"\begin{pmatrix}")[1].split(r"\end{pmatrix}")[0]
    vals = [num(v.strip()) for row in body.split(r"\\") for v in row.split("&")]
    return close(np.array(vals).reshape(4, 4), AP_DX, 1e-9)


def ap_sums(line):
    return (abs(AP_G.sum() - 1.0) < 1e-12 and abs(AP_DX.sum() - 1.0) < 1e-9
            and abs(4 * (0.1 - 0.2 + 0.3 + 0.05) - 1.0) < 1e-12)


def all_(*fs):
    return lambda line: all(f(line) for f in fs)


CLAIMS_06 = [
    (r"La salida $Y$ es entonces de tamaño dos por dos", lambda line: AP_Y.shape == (2, 2)),
    (r"$Y_{00} = (2 + 3 + 5 + 7)/4", all_(ap_block_sum(0, 0, 17), ap_y(0, 0, "4{,}25"))),
    (r"$Y_{01} = (2 + 0 + 4 + 6)/4", all_(ap_block_sum(0, 1, 12), lambda l: AP_Y[0, 1] == 3)),
    (r"$Y_{10} = (2 + 0 + 8 + 3)/4", all_(ap_block_sum(1, 0, 13), ap_y(1, 0, "3{,}25"))),
    (r"$Y_{11} = (1 + 1 + 3 + 5)/4", all_(ap_block_sum(1, 1, 10), ap_y(1, 1, "2{,}5"))),
    (r"\sum_{a,b} G_{ab}\,\frac{\partial Y_{ab}}{\partial X_{ij}}", ap_chain),
    (r"\frac{\partial L}{\partial X} = \begin{pmatrix}", ap_dx_matrix),
    (r"Comprobación rápida", ap_sums),
]


# ======================================================= 07 Adagrad (notebook)
AG_G = [np.array([2.0, -8.0]), np.array([1.6, -7.0]), np.array([1.5, -7.2])]


def adagrad_true():
    th = np.array([1.0, -2.0]); G = np.zeros(2); out = []
    for g in AG_G:
        G = G + g * g
        r = np.sqrt(G)
        u = 0.1 * g / (r + 1e-8)
        th = th - u
        out.append(dict(sq=g * g, G=G.copy(), r=r, ratio=g / r, u=u, th=th.copy()))
    return out


AG = adagrad_true()


def ag_vec(step, key, strs, exact=False):
    def f(line):
        v = AG[step][key]
        return shown(line, list(zip(strs, v)), exact=exact)
    return f


def ag_first_sign(line):
    return close(AG[0]["u"], 0.1 * np.sign(AG_G[0]), 1e-8)


def ag_f3(line):
    th = AG[2]["th"]
    return shown(line, [("6.94199", th[0] ** 2 + 2 * th[1] ** 2)]) and "f(\\theta_0) = 9" in line


CLAIMS_07 = [
    (r"$G_1 = (4.0,\ 64.0)$", all_(ag_vec(0, "G", ["4.0", "64.0"]), ag_vec(0, "r", ["2.0", "8.0"]),
                                   ag_vec(0, "ratio", ["1.0", "-1.0"]))),
    (r"$\theta_1 = (1.0,\ -2.0) - 0.1", ag_vec(0, "th", ["(0.9", "-1.9)"])),
    (r"the very first Adagrad step is just", ag_first_sign),
    (r"$g_2 \odot g_2 = (2.56", all_(ag_vec(1, "sq", ["2.56", "49.0"]), ag_vec(1, "G", ["6.56", "113.0"]),
                                    ag_vec(1, "r", ["2.56125", "10.63015"]))),
    (r"$g_2/\sqrt{G_2} \approx (0.62470", all_(ag_vec(1, "ratio", ["0.62470", "-0.65850"]),
                                              ag_vec(1, "u", ["0.06247", "-0.06585"]))),
    (r"$\theta_2 \approx (0.9 - 0.06247", ag_vec(1, "th", ["0.83753", "-1.83415"])),
    (r"$g_3 \odot g_3 = (", all_(ag_vec(2, "sq", ["2.25", "51.48"]), ag_vec(2, "G", ["8.81", "164.48"]),
                                 ag_vec(2, "r", ["2.96816", "12.82498"]))),
    (r"$g_3/\sqrt{G_3} \approx (", all_(ag_vec(2, "ratio", ["0.50536", "-0.56140"]),
                                       ag_vec(2, "u", ["0.05054", "-0.05614"]))),
    (r"$\theta_3 \approx (0.83753", ag_vec(2, "th", ["0.78699", "-1.77801"])),
    (r"The objective went from", ag_f3),
]


# ======================================================= 08 chain rule (Russian)
def ru_maps():
    n, q, p, m = 3, 4, 2, 5
    Ak = RNG.normal(size=(q, n)); Ag = RNG.normal(size=(p, q)); Af = RNG.normal(size=(m, p))
    k = lambda x: np.tanh(Ak @ x)
    g = lambda u: np.sin(Ag @ u)
    f = lambda v: (Af @ v) ** 3
    return (n, q, p, m), k, g, f


def ru_chain(line):
    (n, q, p, m), k, g, f = ru_maps()
    x = RNG.normal(size=n)
    Jh = fd_jac(lambda v: f(g(k(v))), x)
    Jf = fd_jac(f, g(k(x))); Jg = fd_jac(g, k(x)); Jk = fd_jac(k, x)
    return (Jf.shape == (m, p) and Jg.shape == (p, q) and Jk.shape == (q, n)
            and close(Jh, Jf @ Jg @ Jk, 1e-4))


def ru_dims(line):
    (n, q, p, m), k, g, f = ru_maps()
    return (np.zeros((m, p)) @ np.zeros((p, q)) @ np.zeros((q, n))).shape == (m, n)


def ru_scalar_chain(line):
    k = lambda x: 3 * x + 1; g = lambda u: u ** 2; f = np.sin
    xs = np.linspace(-1, 1, 7)
    h = lambda v: f(g(k(v)))
    d = lambda F, v: fd_grad(lambda w: np.sum(F(w)), v)
    return close(d(h, xs), d(f, g(k(xs))) * d(g, k(xs)) * d(k, xs), 1e-4)


def ru_example_formula(line):
    xs = np.linspace(-1, 1, 7)
    fd = fd_grad(lambda v: np.sum(np.sin((3 * v + 1) ** 2)), xs)
    u = 3 * xs + 1
    return close(fd, np.cos(u ** 2) * 2 * u * 3, 1e-4) and close(fd, 6 * u * np.cos(u ** 2), 1e-4)


def ru_example_nums(line):
    return shown(line, [("1{,}6", 3 * 0.2 + 1), ("2{,}56", 1.6 ** 2), ("-0{,}83559", np.cos(2.56))])


def ru_example_val(line):
    d = fd_grad(lambda v: np.sum(np.sin((3 * v + 1) ** 2)), np.array([0.2]))[0]
    return shown(line, [("9{,}6", 6 * 1.6), ("-8{,}0217", d)])


def ru_affine_J(line):
    A = RNG.normal(size=(4, 3)); b = RNG.normal(size=4); x = RNG.normal(size=3)
    return close(fd_jac(lambda v: A @ v + b, x), A, 1e-6)


def ru_backprop(line):
    m, n = 4, 3
    A = RNG.normal(size=(m, n)); b = RNG.normal(size=m); x = RNG.normal(size=n)
    c = RNG.normal(size=m)
    L = lambda y: np.sum(c * np.tanh(y))
    y = A @ x + b
    gy = fd_grad(L, y)
    gx = fd_grad(lambda v: L(A @ v + b), x)
    gA = fd_grad(lambda M: L(M @ x + b), A)
    gb = fd_grad(lambda v: L(A @ x + v), b)
    return close(gx, A.T @ gy) and close(gA, np.outer(gy, x)) and close(gb, gy)


def ru_exercise(line):
    A = RNG.normal(size=(4, 3)); b = RNG.normal(size=4); x = RNG.normal(size=3)
    J = fd_jac(lambda v: np.tanh(A @ v + b), x)
    return close(J, np.diag(1 - np.tanh(A @ x + b) ** 2) @ A)


CLAIMS_08 = [
    (r"J_h(x) = J_f\big(g(k(x))\big)\, J_g\big(k(x)\big)\, J_k(x).", ru_chain),
    (r"Размеры согласованы", ru_dims),
    (r"h'(x) = f'\big(g(k(x))\big)\, g'\big(k(x)\big)\, k'(x).", ru_scalar_chain),
    (r"h'(x) = \cos\big((3x+1)^2\big) \cdot 2(3x+1) \cdot 3", ru_example_formula),
    (r"При $x = 0{,}2$ имеем", ru_example_nums),
    (r"h'(0{,}2) = 6 \cdot 1{,}6", ru_example_val),
    (r"поэтому $\partial y_i / \partial x_j = a_{ij}$", ru_affine_J),
    (r"J_y(x) = \frac{\partial y}{\partial x} = A", ru_affine_J),
    (r"\frac{\partial L}{\partial x} = A^{\top} \frac{\partial L}{\partial y}", ru_backprop),
    (r"Покажите, что для", ru_exercise),
]


# ======================================================= 09 BN folding (Chinese)
def bn(x, g, be, mu, v, e):
    return g * (x - mu) / np.sqrt(v + e) + be


def bn_rand():
    return (RNG.normal(size=5), RNG.uniform(0.5, 2, 5), RNG.normal(size=5),
            RNG.normal(size=5), RNG.uniform(0.1, 2, 5), 1e-5)


def bn_expand(line):
    x, g, be, mu, v, e = bn_rand()
    s = np.sqrt(v + e)
    return close(bn(x, g, be, mu, v, e), g / s * x - g * mu / s + be)


def bn_a(line):
    x, g, be, mu, v, e = bn_rand()
    y1 = bn(x, g, be, mu, v, e); y2 = bn(x + 1.0, g, be, mu, v, e)
    return close(y2 - y1, g / np.sqrt(v + e))


def bn_b_claim(line):
    x, g, be, mu, v, e = bn_rand()
    b_true = bn(np.zeros(5), g, be, mu, v, e)
    return close(b_true, be - mu / np.sqrt(v + e))            # as written


BN = dict(g=1.5, be=0.2, mu=0.8, v=0.25, e=1e-5)


def bn_sqrt(line):
    return shown(line, [("0.25001", BN["v"] + BN["e"]), ("0.50001", np.sqrt(BN["v"] + BN["e"]))])


def bn_ab_nums(line):
    a = BN["g"] / np.sqrt(BN["v"] + BN["e"])
    b = bn(0.0, **BN)
    return shown(line, [("2.99994", a), ("-1.39997", b)])


def bn_y_num(line):
    return shown(line, [("2.19996", bn(1.2, **BN))])


def bn_fold(line):
    W = RNG.normal(size=(3, 4)); c = RNG.normal(size=3); x = RNG.normal(size=4)
    _, g, be, mu, v, e = bn_rand()
    g, be, mu, v = g[:3], be[:3], mu[:3], v[:3]
    a = g / np.sqrt(v + e); b_file = be - mu / np.sqrt(v + e)
    z = W @ x + c
    return close(bn(z, g, be, mu, v, e), a * z + b_file) and close(a * z + b_file, (np.diag(a) @ W) @ x + a * c + b_file)


CLAIMS_09 = [
    (r"y = \frac{\gamma}{\sqrt{\sigma^2 + \epsilon}}\, x \;-\;", bn_expand),
    (r"a = \frac{\gamma}{\sqrt{\sigma^2 + \epsilon}},", bn_a),
    (r"b = \beta - \frac{\mu}{\sqrt{\sigma^2 + \epsilon}} .", bn_b_claim),
    (r"$\sqrt{\sigma^2 + \epsilon} = \sqrt{0.25001} \approx 0.50001$", bn_sqrt),
    (r"a = \frac{1.5}{0.50001} \approx 2.99994", bn_ab_nums),
    (r"对输入 $x = 1.2$", bn_y_num),
    (r"\mathrm{BN}(z) = a \odot (W x + c) + b", bn_fold),
]


# ======================================================= 10 transposed conv (Japanese)
def convT_len(H, k, s, p, op):
    """Length of a 1-D transposed convolution computed by explicit scatter."""
    x = RNG.normal(size=H); w = RNG.normal(size=k)
    full = np.zeros((H - 1) * s + k + op)
    for i in range(H):
        full[i * s:i * s + k] += x[i] * w
    out = full[p:len(full) - p]
    return len(out)


def conv_len(H, k, s, p):
    xp = np.zeros(H + 2 * p)
    return len(range(0, len(xp) - k + 1, s))


def tc_formula(line):
    for H in range(1, 9):
        for k in range(1, 6):
            for s in range(1, 4):
                for p in range(0, (k + 1) // 2):
                    for op in range(0, s):
                        L = convT_len(H, k, s, p, op)
                        if L != (H - 1) * s - 2 * p + k + op:
                            return False
                        if L > 0 and conv_len(L, k, s, p) != H:   # adjoint consistency
                            return False
    return True


def tc_prepad(line):
    return all(convT_len(H, k, s, 0, 0) == (H - 1) * s + k
               for H in range(1, 7) for k in range(1, 5) for s in range(1, 4))


def tc_val(H, k, s, p, op, shown_val):
    return lambda line: convT_len(H, k, s, p, op) == shown_val


CLAIMS_10 = [
    (r"(H_{\text{in}} - 1)\,s + k", tc_prepad),
    (r"H_{\text{out}} = (H_{\text{in}} - 1)\cdot s - 2p + k + \mathrm{op}", tc_formula),
    (r"(4 - 1)\times 2 - 2\times 1 + 4 + 0 = 6 - 2 + 4 = 8",
     lambda line: tc_val(4, 4, 2, 1, 0, 8)(line) and (4 - 1) * 2 == 6),
    (r"\lfloor (8 + 2 - 4)/2 \rfloor + 1 = 4", lambda line: conv_len(8, 4, 2, 1) == 4),
    (r"7 \times 2 - 2\times 1 + 3 + 1 = 16", tc_val(7, 3, 2, 1, 1, 16)),
    (r"W_{\text{out}} = (5 - 1)\times 2 - 2\times 1 + 3 + 1 = 10", tc_val(5, 3, 2, 1, 1, 10)),
    (r"よって出力の空間サイズは $16 \times 10$",
     lambda line: convT_len(7, 3, 2, 1, 1) == 16 and convT_len(5, 3, 2, 1, 1) == 10),
]


# ======================================================= 11 focal loss (Korean)
PS = np.linspace(0.05, 0.95, 10)
FL = lambda p, gm=2.0: -(1 - p) ** gm * np.log(p)


def fl_mod(line):
    for gm in (1.0, 2.0, 3.0):
        d = fd_grad(lambda v: np.sum((1 - v) ** gm), PS)
        if not close(d, gm * (1 - PS) ** (gm - 1)):          # as written
            return False
    return True


def fl_dlog(line):
    return close(fd_grad(lambda v: np.sum(np.log(v)), PS), 1 / PS)


def fl_general(expr):
    def f(line):
        for gm in (1.0, 2.0, 3.0):
            d = fd_grad(lambda v: np.sum(FL(v, gm)), PS)
            if not close(d, expr(PS, gm)):
                return False
        return True
    return f


def fl_g2(line):
    d = fd_grad(lambda v: np.sum(FL(v, 2.0)), PS)
    return close(d, -2 * (1 - PS) * np.log(PS) - (1 - PS) ** 2 / PS)


def fl_val(line):
    d = fd_grad(lambda v: np.sum(FL(v)), np.array([0.9]))[0]
    return shown(line, [("0.00996", d)])


CLAIMS_11 = [
    (r"\frac{d}{dp}(1 - p)^{\gamma} = \gamma\,(1 - p)^{\gamma - 1}", fl_mod),
    (r"$\frac{d}{dp}\log p = \frac{1}{p}$", fl_dlog),
    (r"&= -\left[\gamma\,(1 - p)^{\gamma - 1}\log p",
     fl_general(lambda p, g: -(g * (1 - p) ** (g - 1) * np.log(p) + (1 - p) ** g / p))),
    (r"&= -\gamma\,(1 - p)^{\gamma - 1}\log p - \frac{(1 - p)^{\gamma}}{p} .",
     fl_general(lambda p, g: -g * (1 - p) ** (g - 1) * np.log(p) - (1 - p) ** g / p)),
    (r"\frac{\partial\,\mathrm{FL}}{\partial p} = -2(1 - p)\log p", fl_g2),
    (r"$\log 0.9 \approx -0.10536$", lambda line: shown(line, [("-0.10536", np.log(0.9))])),
    (r"첫째 항", lambda line: shown(line, [("0.02107", -2 * 0.1 * np.log(0.9))])),
    (r"둘째 항", lambda line: shown(line, [("-0.01111", -0.01 / 0.9)])),
    (r"\approx 0.02107 - 0.01111 = 0.00996", fl_val),
    (r"-1/0.9 \approx -1.11111", lambda line: shown(line, [("-1.11111", fd_grad(lambda v: np.sum(-np.log(v)), np.array([0.9]))[0])])
     and shown(line, [("0.10536", -np.log(0.9)), ("0.00105", FL(0.9))])),
]


# ======================================================= 12 tanh neuron (OCR, plain text)
T_X = np.array([0.5, -1.0]); T_W = np.array([0.8, 0.3]); T_B = 0.1; T_UP = 0.6
T_Z = T_W @ T_X + T_B; T_A = np.tanh(T_Z)


def t_loss_grad(which):
    # gradient of  T_UP * a(params)  (linearised upstream gradient) by finite differences
    def a_of(w, b, x):
        return np.tanh(w @ x + b)
    if which == "w":
        return fd_grad(lambda v: T_UP * a_of(v, T_B, T_X), T_W)
    if which == "x":
        return fd_grad(lambda v: T_UP * a_of(T_W, T_B, v), T_X)
    if which == "b":
        return fd_grad(lambda v: T_UP * a_of(T_W, v[0], T_X), np.array([T_B]))[0]
    if which == "z":
        return fd_grad(lambda v: T_UP * np.tanh(v[0]), np.array([T_Z]))[0]


OCR = lambda s: s.replace("\u2212", "-")


def ocr_shown(pairs):
    return lambda line: shown(OCR(line), pairs)


CLAIMS_12 = [
    (r"= 0.8·0.5 + 0.3·(−1.0) + 0.1", lambda line: abs(0.8 * 0.5 + 0.3 * (-1.0) + 0.1 - T_Z) < 1e-12),
    (r"= 0.4 − 0.3 + 0.1 = 0.2", lambda line: abs(T_Z - 0.2) < 1e-12),
    (r"a = tanh(z) = tanh(0.2) ≈ 0.19738", ocr_shown([("0.19738", T_A)])),
    (r"tanh'(z) = 1 − tanh²(z) = 1 − a²",
     lambda line: close(fd_grad(lambda v: np.sum(np.tanh(v)), np.linspace(-2, 2, 9)), 1 - np.tanh(np.linspace(-2, 2, 9)) ** 2)),
    (r"1 − a² = 1 − 0.03896 ≈ 0.96104", ocr_shown([("0.03896", T_A ** 2), ("0.96104", 1 - T_A ** 2)])),
    (r"∂L/∂z = ∂L/∂a · (1 − a²)", ocr_shown([("0.57663", t_loss_grad("z"))])),
    (r"∂L/∂w₁ = ∂L/∂z · x₁", ocr_shown([("0.28831", t_loss_grad("w")[0])])),
    (r"∂L/∂w₂ = ∂L/∂z · x₂", ocr_shown([("-0.57663", t_loss_grad("w")[1])])),
    (r"∂L/∂b  = ∂L/∂z · 1", ocr_shown([("0.57663", t_loss_grad("b"))])),
    (r"∂L/∂x₁ = ∂L/∂z · w₁", ocr_shown([("0.46130", t_loss_grad("x")[0])])),
    (r"∂L/∂x₂ = ∂L/∂z · w₂", ocr_shown([("0.17299", t_loss_grad("x")[1])])),
    (r"w₁ ← 0.8", ocr_shown([("0.77117", 0.8 - 0.1 * t_loss_grad("w")[0])])),
    (r"w₂ ← 0.3", ocr_shown([("0.35766", 0.3 - 0.1 * t_loss_grad("w")[1])])),
    (r"b  ← 0.1", ocr_shown([("0.04234", 0.1 - 0.1 * t_loss_grad("b"))])),
    (r"w₁ goes down (x₁ > 0)", lambda line: t_loss_grad("w")[0] > 0 and t_loss_grad("w")[1] < 0 and t_loss_grad("b") > 0),
]


# ======================================================= 13 global-norm clipping (Italian)
CL_G = np.array([0.6, -1.2, 2.0])
CL_N = np.linalg.norm(CL_G)
CL_C = CL_G * min(1.0, 1.0 / CL_N)


def cl_rule(line):
    for _ in range(20):
        g = RNG.normal(size=5) * RNG.uniform(0.1, 5); c = RNG.uniform(0.5, 2)
        gc = g * min(1.0, c / np.linalg.norm(g))
        if np.linalg.norm(gc) > c + 1e-12 or abs(np.dot(gc, g) / (np.linalg.norm(gc) * np.linalg.norm(g)) - 1) > 1e-12:
            return False
    return True


CLAIMS_13 = [
    (r"g \;\leftarrow\; g \cdot \min", cl_rule),
    (r"\lVert g \rVert_2 = \sqrt{0{,}36 + 1{,}44 + 4{,}00}",
     lambda line: close(CL_G ** 2, [0.36, 1.44, 4.0], 1e-12) and shown(line, [("5{,}8", CL_N ** 2), ("2{,}40832", CL_N)])),
    (r"il fattore di scala è", lambda line: CL_N > 1 and shown(line, [("0{,}41523", 1 / CL_N)])),
    (r"g_{\text{clip}} \approx (0{,}24914",
     lambda line: shown(line, [("0{,}24914", CL_C[0]), ("-0{,}49827", CL_C[1]), ("0{,}83045", CL_C[2])])),
    (r"Puoi verificare che adesso", lambda line: abs(np.linalg.norm(CL_C) - 1) < 1e-12 and abs(CL_C[1] / CL_C[0] + 2) < 1e-12
     and abs(-0.49827 / 0.24914 + 2) < 1e-3),
    (r"(0{,}6;\ -1{,}0;\ 1{,}0),", lambda line: close(np.clip(CL_G, -1, 1), [0.6, -1.0, 1.0], 1e-12)),
    (r"che ha norma $\sqrt{2{,}36}",
     lambda line: shown(line, [("2{,}36", np.sum(np.clip(CL_G, -1, 1) ** 2)), ("1{,}53623", np.linalg.norm(np.clip(CL_G, -1, 1)))])
     and abs(np.dot(np.clip(CL_G, -1, 1), CL_G) / (np.linalg.norm(np.clip(CL_G, -1, 1)) * CL_N) - 1) > 1e-3),
    (r"leggerissimamente sotto 1",
     lambda line: np.array_equal(np.round(CL_G * 1.0 / (CL_N + 1e-6), 5), np.round(CL_C, 5)) and np.linalg.norm(CL_G / (CL_N + 1e-6)) < 1),
]


# ======================================================= 14 MSE + linear layer (Polish)
def pl_setup():
    N, d, k = 3, 4, 2
    return RNG.normal(size=(N, d)), RNG.normal(size=(d, k)), RNG.normal(size=(N, k))


def pl_L(X, W, T):
    return np.sum((X @ W - T) ** 2) / X.shape[0]


def pl_dY(line):
    X, W, T = pl_setup()
    g = fd_grad(lambda Y: np.sum((Y - T) ** 2) / X.shape[0], X @ W)
    return close(g, 2 / X.shape[0] * (X @ W - T))


def pl_dW(line):
    X, W, T = pl_setup()
    g = fd_grad(lambda M: pl_L(X, M, T), W)
    dY = 2 / X.shape[0] * (X @ W - T)
    return close(g, X.T @ dY) and close(g, 2 / X.shape[0] * X.T @ (X @ W - T))


PL_X = np.array([[1.0, 2.0], [0.0, -1.0]]); PL_W = np.array([[0.5], [-0.5]]); PL_T = np.array([[0.0], [2.0]])
PL_Y = PL_X @ PL_W


CLAIMS_14 = [
    (r"\frac{\partial L}{\partial Y_{nj}} = \frac{2}{N}\left(Y_{nj} - T_{nj}\right)", pl_dY),
    (r"= \sum_{n=1}^{N} \frac{\partial L}{\partial Y_{nj}}\, X_{ni}", pl_dW),
    (r"\frac{\partial L}{\partial W} = X^{\top}\,\frac{\partial L}{\partial Y} = \frac{2}{N}", pl_dW),
    (r"Sprawdzenie wymiarów", lambda line: (np.zeros((4, 3)) @ np.zeros((3, 2))).shape == (4, 2)),
    (r"Wtedy $Y = XW = (-0{,}5;\ 0{,}5)^{\top}$",
     lambda line: close(PL_Y.ravel(), [-0.5, 0.5], 1e-12) and close((PL_Y - PL_T).ravel(), [-0.5, -1.5], 1e-12)),
    (r"L = \tfrac{1}{2}\,(0{,}25 + 2{,}25) = 1{,}25", lambda line: abs(pl_L(PL_X, PL_W, PL_T) - 1.25) < 1e-12),
    (r"Gradient względem predykcji: $\partial L/\partial Y",
     lambda line: close(fd_grad(lambda Y: np.sum((Y - PL_T) ** 2) / 2, PL_Y).ravel(), [-0.5, -1.5])),
    (r"\begin{pmatrix} -0{,}5 \\ -1 + 1{,}5 \end{pmatrix}",
     lambda line: close(PL_X.T, [[1, 0], [2, -1]], 1e-12)
     and close(fd_grad(lambda M: pl_L(PL_X, M, PL_T), PL_W).ravel(), [-0.5, 0.5])),
    (r"domyślnie uśrednia po **wszystkich**",
     lambda line: (lambda X, W, T: close(fd_grad(lambda Y: np.mean((Y - T) ** 2), X @ W), 2 / T.size * (X @ W - T)))(*pl_setup())),
]


# ======================================================= 15 KL gradient w.r.t. logits
def kl(p, q):
    return np.sum(p * np.log(p / q))


def kl_rand():
    p = softmax(RNG.normal(size=4)); z = RNG.normal(size=4)
    return p, z


def kl_def(line):
    p, z = kl_rand(); q = softmax(z)
    return abs(kl(p, q) - (np.sum(p * np.log(p)) - np.sum(p * np.log(q)))) < 1e-12


def kl_logsoftmax(line):
    _, z = kl_rand()
    return close(np.log(softmax(z)), z - np.log(np.sum(np.exp(z))))


def kl_dlogq(line):
    _, z = kl_rand()
    J = fd_jac(lambda v: np.log(softmax(v)), z)
    return close(J, np.eye(4) - softmax(z)[None, :])


def kl_grad(line):
    p, z = kl_rand()
    g = fd_grad(lambda v: kl(p, softmax(v)), z)
    return close(g, softmax(z) - p)


KL_P = np.array([0.5, 0.3, 0.2]); KL_Z = np.array([1.0, 0.0, -1.0]); KL_Q = softmax(KL_Z)
KL_G = fd_grad(lambda v: kl(KL_P, softmax(v)), KL_Z)


def kl_other(line):
    u = RNG.normal(size=4); q = softmax(RNG.normal(size=4))
    g = fd_grad(lambda v: kl(softmax(v), q), u)
    p = softmax(u)
    return close(g, p * (np.log(p / q) - kl(p, q)))


def kl_dp_du(line):
    u = RNG.normal(size=4); p = softmax(u)
    J = fd_jac(softmax, u)
    return close(J, p[:, None] * (np.eye(4) - p[None, :])) and close(J.sum(axis=0), np.zeros(4))


CLAIMS_15 = [
    (r"= \sum_{i} p_i \log p_i - \sum_{i} p_i \log q_i .", kl_def),
    (r"\log q_i = z_i - \log \sum_{k} \exp(z_k),", kl_logsoftmax),
    (r"\frac{\partial \log q_i}{\partial z_j} = \mathbb{1}_{i = j}", kl_dlogq),
    (r"= -p_j + q_j \sum_i p_i = q_j - p_j", kl_grad),
    (r"\nabla_{\boldsymbol{z}} D_{\mathrm{KL}}(P \,\|\, Q) = \boldsymbol{q} - \boldsymbol{p}", kl_grad),
    (r"The gradient vanishes exactly when",
     lambda line: (lambda p, z: abs(np.sum(fd_grad(lambda v: kl(p, softmax(v)), z))) < 1e-8
                   and close(softmax(z + 3.7), softmax(z)))(*kl_rand())),
    (r"we get $\boldsymbol{q} \approx (0.66524",
     lambda line: shown(line, [("0.66524", KL_Q[0]), ("0.24473", KL_Q[1]), ("0.09003", KL_Q[2])])),
    (r"\nabla_{\boldsymbol{z}} D_{\mathrm{KL}} \approx (0.16524",
     lambda line: shown(line, [("0.16524", KL_G[0]), ("-0.05527", KL_G[1]), ("-0.10997", KL_G[2])])),
    (r"\approx 0.07795$ nats", lambda line: shown(line, [("0.07795", kl(KL_P, KL_Q))])),
    (r"Using $\partial p_i/\partial u_j = p_i(", kl_dp_du),
    (r"\frac{\partial}{\partial u_j} D_{\mathrm{KL}}(P \,\|\, Q) = p_j", kl_other),
]


# ======================================================= 16 dropout (Indonesian)
def drop_moments(h, p, scale):
    # exact expectation / variance of  m*h*scale  with m ~ Bernoulli(1-p)
    vals = np.array([0.0, h * scale]); probs = np.array([p, 1 - p])
    E = np.sum(probs * vals)
    return E, np.sum(probs * (vals - E) ** 2)


DR_P = 0.2; DR_H = np.array([1.5, -0.4, 2.0]); DR_M = np.array([1.0, 0.0, 1.0]); DR_W = np.array([0.4, 1.0, -0.5])


def dr_mean_inverted(line):
    return all(abs(drop_moments(h, p, 1 / (1 - p))[0] - h) < 1e-12 for h in (1.5, -0.4, 2.0) for p in (0.1, 0.2, 0.5))


def dr_mean_classic(line):
    return all(abs(drop_moments(h, p, 1.0)[0] - (1 - p) * h) < 1e-12 for h in (1.5, -0.4) for p in (0.1, 0.5))


def dr_var_claim(line):
    return all(abs(drop_moments(h, p, 1 / (1 - p))[1] - p * h ** 2) < 1e-9 for h in (1.5, -0.4) for p in (0.2, 0.5))


CLAIMS_16 = [
    (r"\mathbb{E}[\tilde h_i] = \frac{\mathbb{E}[m_i]\, h_i}{1 - p}", dr_mean_inverted),
    (r"Bandingkan dengan dropout", dr_mean_classic),
    (r"$1/(1 - 0{,}2) = 1/0{,}8 = 1{,}25$", lambda line: abs(1 / (1 - DR_P) - 1.25) < 1e-12),
    (r"\tilde h = 1{,}25 \cdot (1{,}5;\ 0;\ 2{,}0)",
     lambda line: close(DR_M * DR_H / (1 - DR_P), [1.875, 0.0, 2.5], 1e-12)),
    (r"w^\top h = 0{,}6 - 0{,}4 - 1{,}0 = -0{,}8",
     lambda line: close(DR_W * DR_H, [0.6, -0.4, -1.0], 1e-12) and abs(DR_W @ DR_H + 0.8) < 1e-12
     and abs(sum(DR_W[i] * drop_moments(DR_H[i], DR_P, 1 / (1 - DR_P))[0] for i in range(3)) + 0.8) < 1e-12),
    (r"sedangkan sampel yang ini memberi", lambda line: abs(DR_W @ (DR_M * DR_H / (1 - DR_P)) + 0.5) < 1e-12),
    (r"Variansi masker Bernoulli adalah",
     lambda line: abs(drop_moments(1.0, DR_P, 1.0)[1] - DR_P * (1 - DR_P)) < 1e-12),
    (r"\mathrm{Var}[\tilde h_i] = \frac{\mathrm{Var}[m_i]\, h_i^2}{1 - p}", dr_var_claim),
    (r"Untuk $h_1 = 1{,}5$ dan $p = 0{,}2$",
     lambda line: shown(line, [("0{,}45", drop_moments(1.5, DR_P, 1 / (1 - DR_P))[1])])),
]


# ================================================================== driver
FILES = {
    "01_mlp_backprop_lecture_notes.md": CLAIMS_01,
    "02_hinge_subgradient_uebung.md": CLAIMS_02,
    "03_softmax_temperature_stackexchange.md": CLAIMS_03,
    "04_silu_derivee_blog.md": CLAIMS_04,
    "05_backprop_tanh_sumsquares_textbook.md": CLAIMS_05,
    "06_average_pooling_apuntes.md": CLAIMS_06,
    "07_adagrad_by_hand_notebook.md": CLAIMS_07,
    "08_cepnoe_pravilo_uchebnik.md": CLAIMS_08,
    "09_batchnorm_inference_kecheng.md": CLAIMS_09,
    "10_transposed_conv_kaitou.md": CLAIMS_10,
    "11_focal_loss_gradient_homework.md": CLAIMS_11,
    "12_tanh_neuron_handwritten_ocr.md": CLAIMS_12,
    "13_clipping_norma_globale_forum.md": CLAIMS_13,
    "14_mse_warstwa_liniowa_wyklad.md": CLAIMS_14,
    "15_kl_categorical_logits_exercise.md": CLAIMS_15,
    "16_dropout_training_inferensi_blog.md": CLAIMS_16,
}


def locate(lines, sub, fname):
    hits = [i for i, l in enumerate(lines) if sub in l]
    if len(hits) != 1:
        raise SystemExit("%s: substring %r matches %d lines" % (fname, sub, len(hits)))
    return hits[0] + 1


def main():
    with open(os.path.join(HERE, "expected.json")) as fh:
        expected = json.load(fh)
    md = sorted(f for f in os.listdir(HERE) if f.endswith(".md"))
    ok = set(md) == set(FILES) == set(expected)
    if not ok:
        print("file set mismatch between directory, checker and expected.json")
    for fname in sorted(FILES):
        with open(os.path.join(HERE, fname), encoding="utf-8") as fh:
            lines = fh.read().split("\n")
        results = []
        for sub, fn in FILES[fname]:
            ln = locate(lines, sub, fname)
            results.append((ln, bool(fn(lines[ln - 1]))))
        false_lines = sorted(ln for ln, good in results if not good)
        first = false_lines[0] if false_lines else None
        status = "correct" if first is None else "first false claim at line %d" % first
        exp = expected.get(fname, "missing")
        agree = (first == exp)
        ok &= agree
        print("%-44s %-32s %s" % (fname, status, "" if agree else "<-- MISMATCH (expected %r)" % exp))
    print("OK" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
