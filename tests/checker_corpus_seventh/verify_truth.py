#!/usr/bin/env python3
"""Independent ground truth for the derivations in this folder, with numpy only (math.erf allowed).

For every file, every top-level `=` that occurs in its math (display `$$..$$`, `\\[..\\]`, `\\(..\\)`,
equation/align environments, inline `$..$`; code spans, fenced code and the front matter are not
math) is accounted for by exactly one entry below:

  S(line, anchor, lhs, rhs, eq=..., tol=...)
        a claimed equality ("step"): both sides are evaluated with numpy at many random points (and at
        every index value, as arrays); derivatives on the left are taken by central differences of
        the defining formulas, never from the claim. A side may be a Dec("0{,}62") -- a rounded
        decimal as printed (decimal comma or point): it holds if it agrees to the digits shown.
        `tol` is an extra absolute slack for a side that is computed from rounded numbers printed
        earlier in the file (e.g. 0.145 * 1.7071 standing for 0.145 * (1 + cos(pi/4))).
  K(eq, anchor, why)
        a `=` that is not a claim: a definition, a condition such as "for T = 1", an assignment `:=`,
        a given value, a range "i = 1, ..., n".

`line` is the 1-based file line on which the step's right-hand side starts, `eq` the line of its `=`
sign (default: `line`). `anchor` must occur on `line` (on `eq` for K). The script checks that the
number of top-level `=` per line matches the entries, evaluates every step, and confirms
expected.json: a file whose steps all hold must be recorded as null; otherwise the recorded line must
be the line of the first (document order) failing step. Exit 0 when everything agrees.
"""
import json
import math
import os
import re
import sys
from collections import Counter

import numpy as np

D = os.path.dirname(os.path.abspath(__file__))
DRAWS = 300
RTOL, ATOL = 1e-5, 1e-7

# ----------------------------------------------------------------------------------------- helpers
erf = np.vectorize(math.erf)
def sig(x): return 1.0 / (1.0 + np.exp(-np.asarray(x, float)))
def softmax(v, axis=-1):
    v = np.asarray(v, float); e = np.exp(v - np.max(v, axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
def softplus(x): return np.log1p(np.exp(x))
def Phi(x): return 0.5 * (1.0 + erf(np.asarray(x, float) / np.sqrt(2.0)))
def phi(x): return np.exp(-np.asarray(x, float) ** 2 / 2) / np.sqrt(2 * np.pi)
H = 1e-5
def d1(f, x, h=H): return (f(x + h) - f(x - h)) / (2 * h)
def grad(f, x, h=H):
    """Gradient of a scalar function f at array x (same shape as x)."""
    x = np.array(x, float); g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x); e[idx] = h
        g[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return g
def jac(f, x, h=H):
    """J[out..., in...] of an array function."""
    x = np.array(x, float); y0 = np.asarray(f(x), float)
    J = np.zeros(y0.shape + x.shape)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x); e[idx] = h
        J[(Ellipsis,) + idx] = (np.asarray(f(x + e), float) - np.asarray(f(x - e), float)) / (2 * h)
    return J
def ddir(f, x, e, h=H):
    """Directional derivative d/dt f(x + t e) at t = 0."""
    return (np.asarray(f(x + h * e), float) - np.asarray(f(x - h * e), float)) / (2 * h)
def vec(M): return np.asarray(M, float).T.reshape(-1)     # column stacking


class Dec:
    """A rounded decimal as printed: '0{,}62', '0,62', '-0.0833', '1\\,769\\,472'; or several (a vector)."""
    def __init__(self, *texts):
        vals, tols = [], []
        for t in texts:
            t = t.replace("{,}", ",").replace("\\,", "").replace(" ", "").replace(",", ".")
            vals.append(float(t))
            dec = len(t.split(".")[1]) if "." in t else 0
            tols.append(0.5 * 10.0 ** (-dec))
        self.val = np.array(vals) if len(texts) > 1 else vals[0]
        self.tol = np.array(tols) if len(texts) > 1 else tols[0]


def close(a, b, tol=0.0):
    ta = tb = 0.0
    if isinstance(a, Dec): a, ta = a.val, a.tol
    if isinstance(b, Dec): b, tb = b.val, b.tol
    a = np.asarray(a, float); b = np.asarray(b, float)
    if a.shape != b.shape:
        return False
    if not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))):
        return False
    slack = (np.asarray(ta) + np.asarray(tb)) * (1 + 1e-9) + tol
    return bool(np.all(np.abs(a - b) <= slack + ATOL + RTOL * np.abs(b)))


class S:
    def __init__(self, line, anchor, lhs, rhs, eq=None, tol=0.0):
        self.line, self.anchor, self.lhs, self.rhs, self.tol = line, anchor, lhs, rhs, tol
        self.eq = line if eq is None else eq


class K:
    def __init__(self, eq, anchor, why):
        self.eq, self.anchor, self.why = eq, anchor, why
        self.line = eq


FILES = {}
def derivation(name):
    def deco(fn):
        FILES[name] = fn
        return fn
    return deco
def const(x): return lambda v: x
NOSAMPLE = lambda r: {}

# ------------------------------------------------------------------------------------------ files

@derivation("attention_appendix_grad_q.md")
def _():
    n, m, d, dv = 2, 4, 3, 3
    def sample(r):
        return dict(Q=r.normal(0, 1, (n, d)), K=r.normal(0, 1, (m, d)), V=r.normal(0, 1, (m, dv)),
                    G=r.normal(0, 1, (n, dv)))
    Sf = lambda v, Q=None, K=None: (v["Q"] if Q is None else Q) @ (v["K"] if K is None else K).T / np.sqrt(d)
    P = lambda v: softmax(Sf(v), axis=1)
    L_S = lambda v, S_: np.sum(v["G"] * (softmax(S_, axis=1) @ v["V"]))
    L_P = lambda v, P_: np.sum(v["G"] * (P_ @ v["V"]))
    L_V = lambda v, V_: np.sum(v["G"] * (P(v) @ V_))
    L_Q = lambda v, Q_: L_S(v, Sf(v, Q=Q_))
    L_K = lambda v, K_: L_S(v, Sf(v, K=K_))
    dLdP = lambda v: grad(lambda P_: L_P(v, P_), P(v))
    dLdS = lambda v: grad(lambda S_: L_S(v, S_), Sf(v))
    I = np.eye(m)
    def rowjac(v):  # J[i, j, k] = d P_ij / d S_ik
        return np.array([jac(lambda s: softmax(s), Sf(v)[i]) for i in range(n)])
    e = [
        K(11, r"$S = QK^\top/\sqrt{d}$", "definition of S"),
        K(11, r"$P = \operatorname{softmax}(S)$", "definition of P"),
        K(11, r"$O = PV$", "definition of O"),
        K(11, r"$G = \partial \mathcal{L}/\partial O", "definition of G (upstream gradient)"),
        S(15, r"\frac{\partial \mathcal{L}}{\partial V} = P^\top G", lambda v: grad(lambda V_: L_V(v, V_), v["V"]),
          lambda v: P(v).T @ v["G"]),
        S(15, r"\frac{\partial \mathcal{L}}{\partial P} = G V^\top", dLdP, lambda v: v["G"] @ v["V"].T),
        S(17, r"$\partial P_{ij}/\partial S_{ik} = P_{ij}(\delta_{jk} - P_{ik})$", rowjac,
          lambda v: P(v)[:, :, None] * (I[None, :, :] - P(v)[:, None, :])),
        S(19, r"\frac{\partial \mathcal{L}}{\partial S_{ik}} = \sum_{j}", dLdS,
          lambda v: np.einsum("ij,ij,ijk->ik", dLdP(v), P(v), I[None, :, :] - P(v)[:, None, :])),
        S(19, r"= P_{ik}\Big(\frac{\partial \mathcal{L}}{\partial P_{ik}}",
          lambda v: np.einsum("ij,ij,ijk->ik", dLdP(v), P(v), I[None, :, :] - P(v)[:, None, :]),
          lambda v: P(v) * (dLdP(v) - np.sum(P(v) * dLdP(v), axis=1, keepdims=True))),
        S(21, r"$\frac{\partial \mathcal{L}}{\partial S} = P \odot \big(GV^\top", dLdS,
          lambda v: P(v) * (v["G"] @ v["V"].T - (P(v) * (v["G"] @ v["V"].T)) @ np.ones((m, 1)) @ np.ones((1, m)))),
        # planted: the factor 1/sqrt(d) of S = Q K^T / sqrt(d) is dropped in the chain rule
        S(25, r"\frac{\partial \mathcal{L}}{\partial Q} = \frac{\partial \mathcal{L}}{\partial S}\, K",
          lambda v: grad(lambda Q_: L_Q(v, Q_), v["Q"]), lambda v: dLdS(v) @ v["K"]),
        S(27, r"$S^\top = K Q^\top/\sqrt{d}$", lambda v: Sf(v).T, lambda v: v["K"] @ v["Q"].T / np.sqrt(d)),
        S(27, r"\frac{\partial \mathcal{L}}{\partial K} = \big(\frac{\partial \mathcal{L}}{\partial S}\big)^\top Q",
          lambda v: grad(lambda K_: L_K(v, K_), v["K"]), lambda v: dLdS(v).T @ v["Q"]),
    ]
    return sample, e


@derivation("annotated_transformer_attention_backward.md")
def _():
    n, m, dk, dv = 3, 4, 2, 3
    def sample(r):
        return dict(Q=r.normal(0, 1, (n, dk)), K=r.normal(0, 1, (m, dk)), V=r.normal(0, 1, (m, dv)),
                    dO=r.normal(0, 1, (n, dv)))
    Sf = lambda v, Q=None, K=None: (v["Q"] if Q is None else Q) @ (v["K"] if K is None else K).T / np.sqrt(dk)
    P = lambda v: softmax(Sf(v), axis=1)
    O = lambda v: P(v) @ v["V"]
    L_S = lambda v, S_: np.sum(v["dO"] * (softmax(S_, axis=1) @ v["V"]))
    dP = lambda v: grad(lambda P_: np.sum(v["dO"] * (P_ @ v["V"])), P(v))
    dS = lambda v: grad(lambda S_: L_S(v, S_), Sf(v))
    Dd = lambda v: np.sum(P(v) * dP(v), axis=1)                     # D_i := sum_j P_ij dP_ij
    def dS_masked(v):
        S_ = Sf(v).copy(); S_[0, 1] = -1e9                            # a masked score
        return grad(lambda s: L_S(v, s), S_)[0, 1]
    e = [
        K(13, r"$O = PV$", "definition of O"),
        S(15, r"dV = P^\top dO", lambda v: grad(lambda V_: np.sum(v["dO"] * (P(v) @ V_)), v["V"]),
          lambda v: P(v).T @ v["dO"]),
        S(15, r"dP = dO\, V^\top", dP, lambda v: v["dO"] @ v["V"].T),
        S(19, r"dS_{ij} = P_{ij}\,\big(dP_{ij} - D_i\big)", dS, lambda v: P(v) * (dP(v) - Dd(v)[:, None])),
        K(19, r"D_i := \sum_j P_{ij}\, dP_{ij}", "definition of D_i (:=)"),
        S(23, r"D_i = \sum_j P_{ij}\, dO_i^\top V_j", Dd,
          lambda v: np.array([sum(P(v)[i, j] * v["dO"][i] @ v["V"][j] for j in range(m)) for i in range(n)])),
        S(23, r"= dO_i^\top \sum_j P_{ij} V_j",
          lambda v: np.array([sum(P(v)[i, j] * v["dO"][i] @ v["V"][j] for j in range(m)) for i in range(n)]),
          lambda v: np.array([v["dO"][i] @ sum(P(v)[i, j] * v["V"][j] for j in range(m)) for i in range(n)])),
        S(23, r"= dO_i^\top O_i .$$",
          lambda v: np.array([v["dO"][i] @ sum(P(v)[i, j] * v["V"][j] for j in range(m)) for i in range(n)]),
          lambda v: np.array([v["dO"][i] @ O(v)[i] for i in range(n)])),
        S(25, r"$D = \operatorname{rowsum}(dO \odot O)$", Dd, lambda v: np.sum(v["dO"] * O(v), axis=1)),
        K(25, r"$S = QK^\top/\sqrt{d_k}$", "definition of the scores"),
        S(27, r"dQ = \frac{1}{\sqrt{d_k}}\, dS\, K", lambda v: grad(lambda Q_: L_S(v, Sf(v, Q=Q_)), v["Q"]),
          lambda v: dS(v) @ v["K"] / np.sqrt(dk)),
        S(27, r"dK = \frac{1}{\sqrt{d_k}}\, dS^\top Q", lambda v: grad(lambda K_: L_S(v, Sf(v, K=K_)), v["K"]),
          lambda v: dS(v).T @ v["Q"] / np.sqrt(dk)),
        K(29, r"$P_{ij} = 0$", "condition: a masked position"),
        S(29, r"$dS_{ij} = 0$", dS_masked, const(0.0)),
    ]
    return sample, e


@derivation("colah_lstm_one_step.md")
def _():
    def sample(r):
        return dict(af=r.normal(0, 1.5, 3), ai=r.normal(0, 1.5, 3), aC=r.normal(0, 1.5, 3), ao=r.normal(0, 1.5, 3),
                    Cp=r.normal(0, 1.5, 3))
    def fwd(v, **kw):
        w = dict(v); w.update(kw)
        f, i, Ct, o = sig(w["af"]), sig(w["ai"]), np.tanh(w["aC"]), sig(w["ao"])
        C = w.get("f", f) * w["Cp"] + w.get("i", i) * Ct
        C = w.get("C", C)
        return dict(f=f, i=i, Ct=Ct, o=o, C=C, h=o * np.tanh(C))
    F = lambda v: fwd(v)
    e = [
        K(5, r"$$f_t = \sigma\left(W_f", "definition of f_t"),
        K(7, r"$i_t = \sigma\left(W_i", "definition of i_t"),
        K(7, r"$\tilde{C}_t = \tanh\left(W_C", "definition of C~_t"),
        K(9, r"$$C_t = f_t * C_{t-1} + i_t * \tilde{C}_t$$", "definition of C_t"),
        K(11, r"$o_t = \sigma\left(W_o", "definition of o_t"),
        K(11, r"$h_t = o_t * \tanh(C_t)$", "definition of h_t"),
        S(17, r"\frac{\partial C_t}{\partial C_{t-1}} = f_t", lambda v: d1(lambda x: fwd(v, Cp=x)["C"], v["Cp"]),
          lambda v: F(v)["f"]),
        S(19, r"$\frac{\partial C_t}{\partial f_t} = C_{t-1}$", lambda v: d1(lambda x: fwd(v, f=x)["C"], F(v)["f"]),
          lambda v: v["Cp"]),
        S(19, r"$\frac{\partial C_t}{\partial i_t} = \tilde{C}_t$", lambda v: d1(lambda x: fwd(v, i=x)["C"], F(v)["i"]),
          lambda v: F(v)["Ct"]),
        S(21, r"\frac{\partial C_t}{\partial a_f} = C_{t-1}\, f_t\,(1 - f_t)", lambda v: d1(lambda x: fwd(v, af=x)["C"], v["af"]),
          lambda v: v["Cp"] * F(v)["f"] * (1 - F(v)["f"])),
        S(21, r"\frac{\partial C_t}{\partial a_C} = i_t\,\big(1 - \tilde{C}_t^2\big)", lambda v: d1(lambda x: fwd(v, aC=x)["C"], v["aC"]),
          lambda v: F(v)["i"] * (1 - F(v)["Ct"] ** 2)),
        S(25, r"\frac{\partial h_t}{\partial C_t} = o_t \left(1 - \tanh^2(C_t)\right)", lambda v: d1(lambda x: fwd(v, C=x)["h"], F(v)["C"]),
          lambda v: F(v)["o"] * (1 - np.tanh(F(v)["C"]) ** 2)),
        S(25, r"\frac{\partial h_t}{\partial a_o} = \tanh(C_t)\, o_t\,(1 - o_t)", lambda v: d1(lambda x: fwd(v, ao=x)["h"], v["ao"]),
          lambda v: np.tanh(F(v)["C"]) * F(v)["o"] * (1 - F(v)["o"])),
        S(29, r"\frac{\partial h_t}{\partial C_{t-1}} = o_t \left(1 - \tanh^2(C_t)\right) f_t", lambda v: d1(lambda x: fwd(v, Cp=x)["h"], v["Cp"]),
          lambda v: F(v)["o"] * (1 - np.tanh(F(v)["C"]) ** 2) * F(v)["f"]),
    ]
    return sample, e


@derivation("ko_gru_gate_derivatives.md")
def _():
    names = ["x", "h", "wr", "ur", "br", "wz", "uz", "bz", "wn", "bn", "un", "cn"]
    def sample(r): return {k: r.normal(0, 1.2) for k in names}
    def fwd(v, **kw):
        w = dict(v); w.update(kw)
        r_ = sig(w["wr"] * w["x"] + w["ur"] * w["h"] + w["br"])
        az = w["wz"] * w["x"] + w["uz"] * w["h"] + w["bz"]
        z = w.get("z", sig(w.get("az", az)))
        r_ = w.get("r", r_)
        n = w.get("n", np.tanh(w["wn"] * w["x"] + w["bn"] + r_ * (w["un"] * w["h"] + w["cn"])))
        hp = (1 - z) * n + z * w.get("hd", w["h"])
        return dict(r=r_, z=z, n=n, hp=hp, az=az)
    F = lambda v: fwd(v)
    e = [
        K(5, r"$$r = \sigma(w_r x + u_r h + b_r)", "definition of r"),
        K(5, r"z = \sigma(w_z x + u_z h + b_z)", "definition of z"),
        K(7, r"$$n = \tanh\big(", "definition of n"),
        K(7, r"h' = (1 - z)\, n + z\, h$$", "definition of h'"),
        K(9, r"$a_z = w_z x + u_z h + b_z$", "definition of a_z"),
        S(13, r"\frac{\partial h'}{\partial n} = 1 - z", lambda v: d1(lambda t: fwd(v, n=t)["hp"], F(v)["n"]),
          lambda v: 1 - F(v)["z"]),
        # planted: sign flipped, d/dz [(1-z) n + z h] = h - n
        S(15, r"\frac{\partial h'}{\partial z} = n - h", lambda v: d1(lambda t: fwd(v, z=t)["hp"], F(v)["z"]),
          lambda v: F(v)["n"] - v["h"]),
        S(17, r"$\sigma' = \sigma(1-\sigma)$", lambda v: d1(sig, v["x"]), lambda v: sig(v["x"]) * (1 - sig(v["x"]))),
        S(19, r"\frac{\partial h'}{\partial a_z} = (n - h)\, z\,(1 - z)", lambda v: d1(lambda t: fwd(v, az=t)["hp"], F(v)["az"]),
          lambda v: (F(v)["n"] - v["h"]) * F(v)["z"] * (1 - F(v)["z"])),
        S(23, r"\frac{\partial n}{\partial r} = (1 - n^2)\,(u_n h + c_n)", lambda v: d1(lambda t: fwd(v, r=t)["n"], F(v)["r"]),
          lambda v: (1 - F(v)["n"] ** 2) * (v["un"] * v["h"] + v["cn"])),
        S(25, r"\Big|_{z,\,n\ \text{고정}} = z", lambda v: d1(lambda t: fwd(v, hd=t)["hp"], v["h"]), lambda v: F(v)["z"]),
        S(27, r"\frac{d h'}{d h} = z + (n - h)\, z(1-z)\, u_z", lambda v: d1(lambda t: fwd(v, h=t)["hp"], v["h"]),
          lambda v: F(v)["z"] + (F(v)["n"] - v["h"]) * F(v)["z"] * (1 - F(v)["z"]) * v["uz"]
          + (1 - F(v)["z"]) * (1 - F(v)["n"] ** 2) * (F(v)["r"] * v["un"]
          + (v["un"] * v["h"] + v["cn"]) * F(v)["r"] * (1 - F(v)["r"]) * v["ur"])),
    ]
    return sample, e


@derivation("karpathy_minchar_bptt.md")
def _():
    def sample(r):
        k = r.integers(0, 4, 4)
        return dict(W=r.normal(0, 0.8, (3, 3)), U=r.normal(0, 0.8, (3, 4)), V=r.normal(0, 0.8, (4, 3)),
                    h0=r.normal(0, 0.5, 3), x1=np.eye(4)[k[0]], x2=np.eye(4)[k[1]], k1=k[2], k2=k[3])
    def fwd(v, W=None, U=None, V=None):
        W = v["W"] if W is None else W; U = v["U"] if U is None else U; V = v["V"] if V is None else V
        h1 = np.tanh(W @ v["h0"] + U @ v["x1"]); h2 = np.tanh(W @ h1 + U @ v["x2"])
        return h1, h2
    def loss_from(v, h1=None, h2=None, V=None):
        V = v["V"] if V is None else V
        return -np.log(softmax(V @ h1)[v["k1"]]) - np.log(softmax(V @ h2)[v["k2"]])
    def L(v, **kw):
        h1, h2 = fwd(v, **kw); return loss_from(v, h1, h2, kw.get("V"))
    h1 = lambda v: fwd(v)[0]; h2 = lambda v: fwd(v)[1]
    p1 = lambda v: softmax(v["V"] @ h1(v)); p2 = lambda v: softmax(v["V"] @ h2(v))
    y1 = lambda v: np.eye(4)[v["k1"]]; y2 = lambda v: np.eye(4)[v["k2"]]
    a2 = lambda v: v["W"] @ h1(v) + v["U"] @ v["x2"]
    a1 = lambda v: v["W"] @ v["h0"] + v["U"] @ v["x1"]
    e2 = lambda v: v["V"].T @ (p2(v) - y2(v))
    r2 = lambda v: (1 - h2(v) * h2(v)) * e2(v)
    r1 = lambda v: (1 - h1(v) * h1(v)) * (v["V"].T @ (p1(v) - y1(v)) + v["W"] @ r2(v))   # as written (no transpose)
    dL_dh1 = lambda v: grad(lambda hh: loss_from(v, hh, np.tanh(v["W"] @ hh + v["U"] @ v["x2"])), h1(v))
    e = [
        K(16, r"$$h_t = \tanh(W h_{t-1} + U x_t)", "definition of h_t"),
        K(16, r"p_t = \operatorname{softmax}(V h_t)", "definition of p_t"),
        K(16, r"L = -\log p_{1,k_1} - \log p_{2,k_2}$$", "definition of L"),
        K(18, r"$a_t = W h_{t-1} + U x_t$", "definition of a_t"),
        K(22, r"e_2 :=", "definition of e_2 (:=)"),
        S(22, r"= V^\top (p_2 - y_2)$$", lambda v: grad(lambda hh: loss_from(v, h1(v), hh), h2(v)), e2),
        K(26, r"r_2 :=", "definition of r_2 (:=)"),
        S(26, r"= (1 - h_2 \odot h_2) \odot e_2$$", lambda v: grad(lambda aa: loss_from(v, h1(v), np.tanh(aa)), a2(v)), r2),
        # planted: missing transpose, the gradient flows back through W^T (Whh.T in the code)
        S(30, r"\frac{\partial L}{\partial h_1} = V^\top (p_1 - y_1) + W r_2", dL_dh1,
          lambda v: v["V"].T @ (p1(v) - y1(v)) + v["W"] @ r2(v)),
        K(32, r"r_1 :=", "definition of r_1 (:=)"),
        S(32, r"= (1 - h_1 \odot h_1) \odot \big(V^\top (p_1 - y_1) + W r_2\big)$$",
          lambda v: grad(lambda aa: loss_from(v, np.tanh(aa), np.tanh(v["W"] @ np.tanh(aa) + v["U"] @ v["x2"])), a1(v)), r1),
        S(36, r"\frac{\partial L}{\partial W} = r_2 h_1^\top + r_1 h_0^\top", lambda v: grad(lambda W_: L(v, W=W_), v["W"]),
          lambda v: np.outer(r2(v), h1(v)) + np.outer(r1(v), v["h0"])),
        S(36, r"\frac{\partial L}{\partial U} = r_2 x_2^\top + r_1 x_1^\top", lambda v: grad(lambda U_: L(v, U=U_), v["U"]),
          lambda v: np.outer(r2(v), v["x2"]) + np.outer(r1(v), v["x1"])),
        S(40, r"$\partial L / \partial V = (p_1 - y_1) h_1^\top + (p_2 - y_2) h_2^\top$",
          lambda v: grad(lambda V_: L(v, V=V_), v["V"]),
          lambda v: np.outer(p1(v) - y1(v), h1(v)) + np.outer(p2(v) - y2(v), h2(v))),
    ]
    return sample, e


@derivation("ru_bptt_scalar_rnn.md")
def _():
    def sample(r):
        return dict(w=r.normal(0, 1), u=r.normal(0, 1), h0=r.normal(0, 0.5), x=r.normal(0, 1, 4), y=r.normal(0, 1))
    def fwd(v, w=None, hstart=None, tstart=1, abump=None):
        """h_0..h_3 and a_1..a_3; optionally add `abump=(t, da)` to a_t."""
        w = v["w"] if w is None else w
        h = [v["h0"]]; a = [None]
        for t in range(1, 4):
            at = w * h[-1] + v["u"] * v["x"][t]
            if abump is not None and abump[0] == t: at = at + abump[1]
            a.append(at); h.append(np.tanh(at))
        return h, a
    hs = lambda v: fwd(v)[0]; As = lambda v: np.array(fwd(v)[1][1:])
    L = lambda v, **kw: 0.5 * (fwd(v, **kw)[0][3] - v["y"]) ** 2
    dh3_da = lambda v, t: d1(lambda da: fwd(v, abump=(t, da))[0][3], 0.0)
    def dht_dht1(v):   # d h_t / d h_{t-1}, t = 1, 2, 3: perturb h_{t-1} and recompute h_t
        out = []
        for t in range(1, 4):
            hp = hs(v)[t - 1]
            out.append(d1(lambda hh: np.tanh(v["w"] * hh + v["u"] * v["x"][t]), hp))
        return np.array(out)
    # numeric example: w = 0.5, u = 1, h0 = 0, x1 = 1, x2 = 0.5
    w_, u_, x1_, x2_ = 0.5, 1.0, 1.0, 0.5
    h1n = math.tanh(w_ * 0 + u_ * x1_)
    e = [
        K(4, r"$$a_t = w\,h_{t-1} + u\,x_t", "definition of a_t"),
        K(4, r"h_t = \tanh(a_t)", "definition of h_t"),
        K(4, r"t = 1, 2, 3,$$", "range of t"),
        K(5, r"$L = \frac{1}{2}(h_3 - y)^2$", "definition of L"),
        S(7, r"$\dfrac{\partial L}{\partial h_3} = h_3 - y$", lambda v: d1(lambda hh: 0.5 * (hh - v["y"]) ** 2, hs(v)[3]),
          lambda v: hs(v)[3] - v["y"]),
        S(9, r"$\tanh'(a) = 1 - \tanh^2(a)$", lambda v: d1(np.tanh, v["x"][0]), lambda v: 1 - np.tanh(v["x"][0]) ** 2),
        # planted: tanh' evaluated as 1 - a^2 (argument instead of tanh of the argument)
        S(10, r"\frac{\partial h_t}{\partial a_t} = 1 - a_t^2", lambda v: d1(np.tanh, As(v)), lambda v: 1 - As(v) ** 2),
        S(10, r"\frac{\partial h_t}{\partial h_{t-1}} = w\,(1 - a_t^2)", dht_dht1, lambda v: v["w"] * (1 - As(v) ** 2)),
        S(13, r"\frac{\partial L}{\partial w} = (h_3 - y)\sum_{t=1}^{3}", lambda v: d1(lambda ww: L(v, w=ww), v["w"]),
          lambda v: (hs(v)[3] - v["y"]) * sum(dh3_da(v, t) * hs(v)[t - 1] for t in range(1, 4))),
        S(15, r"\frac{\partial h_3}{\partial a_1} = (1 - a_3^2)\, w\, (1 - a_2^2)\, w\, (1 - a_1^2)", lambda v: dh3_da(v, 1),
          lambda v: (1 - As(v)[2] ** 2) * v["w"] * (1 - As(v)[1] ** 2) * v["w"] * (1 - As(v)[0] ** 2)),
        K(18, r"$w = 0{,}5$", "given value"), K(18, r"$u = 1$", "given value"), K(18, r"$h_0 = 0$", "given value"),
        K(18, r"$x_1 = 1$", "given value"), K(18, r"$x_2 = 0{,}5$", "given value"),
        S(19, r"$$h_1 = \tanh(1)", const(h1n), const(math.tanh(1))),
        S(19, r"= 0{,}7616,$$", const(math.tanh(1)), const(Dec("0{,}7616"))),
        S(20, r"$$a_2 = 0{,}5 \cdot 0{,}7616 + 1 \cdot 0{,}5", const(w_ * h1n + u_ * x2_), const(0.5 * 0.7616 + 1 * 0.5),
          tol=0.5 * 0.5e-4),
        S(20, r"= 0{,}8808,$$", const(0.5 * 0.7616 + 1 * 0.5), const(Dec("0{,}8808"))),
        S(21, r"\frac{\partial h_2}{\partial h_1} = 0{,}5 \cdot (1 - 0{,}8808^2)",
          const(w_ * (1 - math.tanh(w_ * h1n + u_ * x2_) ** 2)), const(0.5 * (1 - 0.8808 ** 2)), tol=0.5 * 2 * 0.8808 * 0.5e-4),
        S(21, r"= 0{,}1121.$$", const(0.5 * (1 - 0.8808 ** 2)), const(Dec("0{,}1121"))),
    ]
    return sample, e


@derivation("fr_layernorm_gradient.md")
def _():
    d = 4
    def sample(r): return dict(x=r.normal(0, 1.5, d), eps=r.uniform(0.01, 1.0), g=r.normal(0, 1, d))
    mu = lambda x: np.mean(x)
    var = lambda x: np.mean((x - np.mean(x)) ** 2)
    sd = lambda v, x=None: np.sqrt(var(v["x"] if x is None else x) + v["eps"])
    y = lambda v, x=None: ((v["x"] if x is None else x) - mu(v["x"] if x is None else x)) / sd(v, x)
    X = lambda v: v["x"]; I = np.eye(d)
    m_ = lambda v: mu(v["x"]); s_ = lambda v: sd(v)
    J = lambda v: jac(lambda x: y(v, x), v["x"])              # J[i, j] = d y_i / d x_j
    dLdx = lambda v: grad(lambda x: np.sum(v["g"] * y(v, x)), v["x"])
    e = [
        K(11, r"$$\mu = \frac{1}{d}\sum_{i=1}^{d} x_i", "definition of mu"),
        K(11, r"\sigma^2 = \frac{1}{d}\sum_{i=1}^{d} (x_i - \mu)^2", "definition of sigma^2"),
        K(11, r"\sigma = \sqrt{\sigma^2 + \epsilon}", "definition of sigma"),
        K(12, r"$y_i = (x_i - \mu)/\sigma$", "definition of y"),
        S(14, r"$\partial \mu / \partial x_j = 1/d$", lambda v: grad(mu, X(v)), lambda v: np.full(d, 1 / d)),
        S(15, r"\frac{\partial \sigma^2}{\partial x_j} = \frac{2}{d}\sum_{i=1}^{d}", lambda v: grad(var, X(v)),
          lambda v: np.array([2 / d * np.sum((X(v) - m_(v)) * (I[:, j] - 1 / d)) for j in range(d)])),
        S(15, r"= \frac{2}{d}(x_j - \mu),$$",
          lambda v: np.array([2 / d * np.sum((X(v) - m_(v)) * (I[:, j] - 1 / d)) for j in range(d)]),
          lambda v: 2 / d * (X(v) - m_(v))),
        S(16, r"$\sum_i (x_i - \mu) = 0$", lambda v: np.sum(X(v) - m_(v)), const(0.0)),
        S(17, r"\frac{\partial \sigma}{\partial x_j} = \frac{1}{2\sigma}\cdot\frac{2}{d}(x_j - \mu)",
          lambda v: grad(lambda x: sd(v, x), X(v)), lambda v: 1 / (2 * s_(v)) * 2 / d * (X(v) - m_(v))),
        S(17, r"= \frac{x_j - \mu}{d\,\sigma}.$$", lambda v: 1 / (2 * s_(v)) * 2 / d * (X(v) - m_(v)),
          lambda v: (X(v) - m_(v)) / (d * s_(v))),
        S(20, r"\frac{\partial y_i}{\partial x_j} = \frac{\delta_{ij} - 1/d}{\sigma}", J,
          lambda v: (I - 1 / d) / s_(v) - np.outer(X(v) - m_(v), X(v) - m_(v)) / (d * s_(v) ** 3)),
        S(20, r"= \frac{1}{\sigma}\left(\delta_{ij} - \frac{1}{d} - \frac{y_i\, y_j}{d}\right)",
          lambda v: (I - 1 / d) / s_(v) - np.outer(X(v) - m_(v), X(v) - m_(v)) / (d * s_(v) ** 3),
          lambda v: (I - 1 / d - np.outer(y(v), y(v)) / d) / s_(v)),
        K(22, r"$g_i = \partial L / \partial y_i$", "definition of g (upstream gradient)"),
        S(23, r"\frac{\partial L}{\partial x_j} = \sum_{i=1}^{d} g_i\,\frac{\partial y_i}{\partial x_j}", dLdx,
          lambda v: v["g"] @ J(v)),
        S(23, r"= \frac{1}{\sigma}\left(g_j - \frac{1}{d}\sum_{i=1}^{d} g_i", lambda v: v["g"] @ J(v),
          lambda v: (v["g"] - np.mean(v["g"]) - y(v) / d * np.sum(v["g"] * y(v))) / s_(v)),
        S(25, r"$\sum_j \partial L/\partial x_j = 0$", lambda v: np.sum(dLdx(v)), const(0.0)),
    ]
    return sample, e


@derivation("de_rmsnorm_uebung.md")
def _():
    d = 3
    def sample(r): return dict(x=r.normal(0, 1.5, d), g=r.normal(1, 0.5, d), eps=r.uniform(0.01, 1.0), c=r.normal(0, 1, d))
    rr = lambda v, x=None, eps=None: np.sqrt(np.mean((v["x"] if x is None else x) ** 2) + (v["eps"] if eps is None else eps))
    y = lambda v, x=None, eps=None: v["g"] * (v["x"] if x is None else x) / rr(v, x, eps)
    X = lambda v: v["x"]; I = np.eye(d); R = lambda v: rr(v)
    dr = lambda v: grad(lambda x: rr(v, x), X(v))
    J = lambda v: jac(lambda x: y(v, x), X(v))
    u = lambda v: v["g"] * v["c"]                           # u_i = g_i dL/dy_i with L = c . y
    x0 = np.array([1.0, 2.0, 2.0])
    dr0 = grad(lambda x: np.sqrt(np.mean(x ** 2)), x0)[0]
    e = [
        K(11, r"$$r(x) = \sqrt{\frac{1}{d}\sum_{i=1}^{d} x_i^2 + \epsilon}", "definition of r"),
        K(11, r"y_i = \frac{g_i\, x_i}{r(x)}", "definition of y"),
        S(14, r"$\partial (x_i^2)/\partial x_j = 2 x_i \delta_{ij}$", lambda v: jac(lambda x: x ** 2, X(v)),
          lambda v: 2 * X(v)[:, None] * I),
        # planted: the 1/d of the mean inside the root is dropped
        S(15, r"\frac{\partial r}{\partial x_j} = \frac{1}{2r}\cdot 2x_j", dr, lambda v: 1 / (2 * R(v)) * 2 * X(v)),
        S(15, r"= \frac{x_j}{r}.$$", lambda v: 1 / (2 * R(v)) * 2 * X(v), lambda v: X(v) / R(v)),
        K(17, r"$y_i = g_i x_i / r$", "restates the definition of y"),
        S(18, r"\frac{\partial y_i}{\partial x_j} = g_i\left(\frac{\delta_{ij}}{r} - \frac{x_i}{r^2}\,\frac{\partial r}{\partial x_j}\right)", J,
          lambda v: v["g"][:, None] * (I / R(v) - np.outer(X(v), dr(v)) / R(v) ** 2)),
        S(18, r"= g_i\left(\frac{\delta_{ij}}{r} - \frac{x_i x_j}{r^3}\right)",
          lambda v: v["g"][:, None] * (I / R(v) - np.outer(X(v), dr(v)) / R(v) ** 2),
          lambda v: v["g"][:, None] * (I / R(v) - np.outer(X(v), X(v)) / R(v) ** 3)),
        K(20, r"$u_i = g_i\,\partial L/\partial y_i$", "definition of u"),
        S(21, r"\frac{\partial L}{\partial x_j} = \sum_{i=1}^{d} \frac{\partial L}{\partial y_i}\frac{\partial y_i}{\partial x_j}",
          lambda v: grad(lambda x: np.sum(v["c"] * y(v, x)), X(v)), lambda v: v["c"] @ J(v)),
        S(21, r"= \frac{u_j}{r} - \frac{x_j}{r^3}", lambda v: v["c"] @ J(v),
          lambda v: u(v) / R(v) - X(v) / R(v) ** 3 * np.sum(u(v) * X(v))),
        K(23, r"$d = 3$", "given value"), K(23, r"$x = (1, 2, 2)^\top$", "given value"), K(23, r"$\epsilon = 0$", "given value"),
        S(24, r"$$r = \sqrt{\tfrac{1}{3}(1 + 4 + 4)}", const(np.sqrt(np.mean(x0 ** 2))), const(np.sqrt((1 + 4 + 4) / 3))),
        S(24, r"= 1{,}732,", const(np.sqrt((1 + 4 + 4) / 3)), const(Dec("1{,}732"))),
        S(24, r"\frac{\partial r}{\partial x_1} = \frac{1}{1{,}732}", const(dr0), const(1 / 1.732), tol=0.5e-3 / 1.732 ** 2),
        S(24, r"= 0{,}577 .$$", const(1 / 1.732), const(Dec("0{,}577"))),
        K(26, r"Für $\epsilon = 0$", "condition"),
        S(26, r"$\sum_j x_j\, \partial L/\partial x_j = 0$",
          lambda v: np.sum(X(v) * grad(lambda x: np.sum(v["c"] * y(v, x, 0.0)), X(v))), const(0.0)),
    ]
    return sample, e


@derivation("nl_groupnorm_rekenvoorbeeld.md")
def _():
    C, G, Hh, Ww = 4, 2, 1, 2
    x = np.array([[1, 3], [2, 6], [0, 2], [2, 4]], float).reshape(C, Hh, Ww)   # channel, h, w
    groups = x.reshape(G, -1)                                                     # GroupNorm grouping
    mu = groups.mean(1); var = groups.var(1)
    xhat = ((groups - mu[:, None]) / np.sqrt(var[:, None])).reshape(C, Hh, Ww)
    e = [
        K(4, r"$$\mu_g = \frac{1}{m}", "definition of mu_g"),
        K(4, r"\sigma_g^2 = \frac{1}{m}", "definition of sigma_g^2"),
        K(4, r"\hat{x}_i = \frac{x_i - \mu_g}", "definition of x-hat"),
        K(5, r"$m = (C/G)\cdot H \cdot W$", "definition of m"),
        K(5, r"Voor $G = 1$", "condition"), K(5, r"voor $G = C$", "condition"),
        K(7, r"$C = 4$", "given value"), K(7, r"$G = 2$", "given value"),
        S(7, r"dus $m = 4$", const((C // G) * Hh * Ww), const(4)),
        S(10, r"$$\mu_1 = \frac{1 + 3 + 2 + 6}{4}", const(mu[0]), const((1 + 3 + 2 + 6) / 4)),
        S(10, r"= 3, \qquad", const((1 + 3 + 2 + 6) / 4), const(3)),
        S(10, r"\sigma_1^2 = \frac{4 + 0 + 1 + 9}{4}", const(var[0]), const((4 + 0 + 1 + 9) / 4)),
        S(10, r"= 3{,}5 .$$", const((4 + 0 + 1 + 9) / 4), const(Dec("3{,}5"))),
        S(12, r"$$\hat{x}_1 = \frac{1 - 3}{\sqrt{3{,}5}}", const(xhat[0, 0, 0]), const((1 - 3) / np.sqrt(3.5))),
        S(12, r"= -1{,}069 .$$", const((1 - 3) / np.sqrt(3.5)), const(Dec("-1{,}069"))),
        S(14, r"$\mu_2 = 2$", const(mu[1]), const(2)),
        S(14, r"$\sigma_2^2 = 2$", const(var[1]), const(2)),
        S(15, r"$$\hat{x}_5 = \frac{0 - 2}{\sqrt{2}}", const(xhat[2, 0, 0]), const((0 - 2) / np.sqrt(2))),
        S(15, r"= -1{,}414 .$$", const((0 - 2) / np.sqrt(2)), const(Dec("-1{,}414"))),
        S(17, r"$2C = 8$", const(2 * C), const(8)),
    ]
    return NOSAMPLE, e


@derivation("zh_conv2d_stride2_backward.md")
def _():
    def conv_s2(X, W):
        n_out = (X.shape[0] - W.shape[0]) // 2 + 1
        return np.array([[np.sum(W * X[2 * i:2 * i + 3, 2 * j:2 * j + 3]) for j in range(n_out)] for i in range(n_out)])
    def sample(r): return dict(X=r.normal(0, 1, (5, 5)), W=r.normal(0, 1, (3, 3)), G=r.normal(0, 1, (2, 2)))
    X0 = np.array([[1, 0, 2, 1, 0], [0, 1, 1, 0, 2], [2, 1, 0, 1, 1], [1, 0, 1, 2, 0], [0, 2, 1, 0, 1]], float)
    W0 = np.array([[1, 0, -1], [2, 1, 0], [0, -1, 1]], float)
    G0 = np.array([[1, 0], [2, -1]], float)
    dW0 = grad(lambda W: np.sum(G0 * conv_s2(X0, W)), W0)
    dX0 = grad(lambda X: np.sum(G0 * conv_s2(X, W0)), X0)
    assert conv_s2(X0, W0).shape == (2, 2)          # direct count of the window positions
    g, x, w = G0, X0, W0
    e = [
        K(3, r"$s = 2$", "given stride"),
        S(4, r"\right\rfloor + 1 = 2,$$", const(math.floor((5 - 3) / 2) + 1), const(2)),
        K(6, r"$$Y_{ij} = \sum_{p=0}^{2}", "definition of Y"),
        K(8, r"$G = \partial L/\partial Y$", "definition of G"),
        S(9, r"\frac{\partial L}{\partial W_{pq}} = \sum_{i=0}^{1}\sum_{j=0}^{1} G_{ij}\, X_{2i+p,\,2j+q}",
          lambda v: grad(lambda W: np.sum(v["G"] * conv_s2(v["X"], W)), v["W"]),
          lambda v: np.array([[sum(v["G"][i, j] * v["X"][2 * i + p, 2 * j + q] for i in range(2) for j in range(2))
                               for q in range(3)] for p in range(3)])),
        K(12, r"$$X = \begin{pmatrix}", "given X"), K(12, r"W = \begin{pmatrix}", "given W"),
        K(12, r"G = \begin{pmatrix}", "given G"),
        S(15, r"= G_{00}X_{00} + G_{01}X_{02} + G_{10}X_{20} + G_{11}X_{22}", const(dW0[0, 0]),
          const(g[0, 0] * x[0, 0] + g[0, 1] * x[0, 2] + g[1, 0] * x[2, 0] + g[1, 1] * x[2, 2])),
        S(15, r"= 1 + 0 + 4 + 0", const(g[0, 0] * x[0, 0] + g[0, 1] * x[0, 2] + g[1, 0] * x[2, 0] + g[1, 1] * x[2, 2]),
          const(1 + 0 + 4 + 0)),
        S(15, r"= 5.$$", const(1 + 0 + 4 + 0), const(5)),
        S(18, r"= G_{00}W_{22} + G_{01}W_{20} + G_{10}W_{02} + G_{11}W_{00}", const(dX0[2, 2]),
          const(g[0, 0] * w[2, 2] + g[0, 1] * w[2, 0] + g[1, 0] * w[0, 2] + g[1, 1] * w[0, 0])),
        S(18, r"= 1 + 0 - 2 - 1", const(g[0, 0] * w[2, 2] + g[0, 1] * w[2, 0] + g[1, 0] * w[0, 2] + g[1, 1] * w[0, 0]),
          const(1 + 0 - 2 - 1)),
        S(18, r"= -2,$$", const(1 + 0 - 2 - 1), const(-2)),
        S(19, r"= G_{00}W_{11}", const(dX0[1, 1]), const(g[0, 0] * w[1, 1])),
        S(19, r"= 1.$$", const(g[0, 0] * w[1, 1]), const(1)),
        S(21, r"$s - 1 = 1$", const(2 - 1), const(1)),
    ]
    return sample, e


@derivation("d2l_transposed_conv_output_size.md")
def _():
    def sample(r): return dict(n=int(r.integers(1, 12)), k=int(r.integers(1, 6)), s=int(r.integers(1, 4)), p=int(r.integers(0, 2)))
    def full_count(n, k, s):      # scatter every input element into the output and count touched positions
        touched = set()
        for i in range(n):
            touched.update(range(i * s, i * s + k))
        return max(touched) + 1
    nfull = lambda v: full_count(v["n"], v["k"], v["s"])
    n, k, s, p = (lambda v: v["n"]), (lambda v: v["k"]), (lambda v: v["s"]), (lambda v: v["p"])
    out4 = full_count(4, 4, 2) - 2 * 1
    e = [
        K(3, r"$i = 0, \ldots, n-1$", "range of i"),
        S(7, r"$$n_{\text{full}} = \big((n-1)s + k - 1\big) + 1", nfull, lambda v: ((n(v) - 1) * s(v) + k(v) - 1) + 1),
        S(7, r"= (n-1)s + k$$", lambda v: ((n(v) - 1) * s(v) + k(v) - 1) + 1, lambda v: (n(v) - 1) * s(v) + k(v)),
        K(11, r"$$n_{\text{out}} = n_{\text{full}} - 2p", "definition of n_out (cropping p at each end)"),
        S(11, r"= (n-1)s - 2p + k. \tag{14.10.1}", lambda v: nfull(v) - 2 * p(v), lambda v: (n(v) - 1) * s(v) - 2 * p(v) + k(v)),
        K(13, r"$n = 2$", "given value"), K(13, r"$k = 2$", "given value"), K(13, r"$s = 2$", "given value"),
        K(13, r"$p = 0$", "given value"),
        S(13, r"$(2-1)\cdot 2 + 2 = 4$", const(full_count(2, 2, 2) - 0), const(4)),
        K(15, r"$k = 4$", "given value"), K(15, r"$s = 2$", "given value"), K(15, r"$p = 1$", "given value"),
        K(15, r"so $n = 4$", "given value"),
        S(17, r"$$n_{\text{out}} = (n-1)s - 2p + k", const(out4), const((4 - 1) * 2 - 2 * 1 + 4)),
        # planted: n substituted for n - 1 (off by one)
        S(17, r"= 4 \cdot 2 - 2 \cdot 1 + 4", const((4 - 1) * 2 - 2 * 1 + 4), const(4 * 2 - 2 * 1 + 4)),
        S(17, r"= 10 .$$", const(4 * 2 - 2 * 1 + 4), const(10)),
        S(19, r"$(10 - 1)\cdot 2 - 2 + 4 = 20$", const(full_count(10, 4, 2) - 2), const(20)),
        K(21, r"$n = 8$", "given value"),
        S(21, r"$\lfloor (8 + 2 - 4)/2 \rfloor + 1 = 4$",
          const(sum(1 for st in range(0, 8 + 2 - 4 + 1, 2))), const(4)),
    ]
    return sample, e


@derivation("exam_key_receptive_field.md")
def _():
    layers = [(3, 1, 1), (3, 1, 1), (2, 2, 1), (3, 1, 1), (3, 1, 2)]   # (k, stride, dilation)
    def rf(upto):
        """Width of the input interval seen by one unit of layer `upto`, by pulling the interval back."""
        a, b = 0, 0
        for (k, s, d) in reversed(layers[:upto]):
            a, b = a * s, b * s + d * (k - 1)
        return b - a + 1
    keff5 = max(d * (k - 1) for (k, s, d) in layers[4:5]) + 1
    jump5 = int(np.prod([s for (k, s, d) in layers]))
    e = [
        K(5, r"$k_{\text{eff}} = d(k-1) + 1$", "definition of k_eff"),
        S(5, r"$k_{\text{eff}} = 2 \cdot (3 - 1) + 1", const(keff5), const(2 * (3 - 1) + 1)),
        S(5, r"= 5$", const(2 * (3 - 1) + 1), const(5)),
        K(7, r"$r_l = r_{l-1} + (k_l - 1)\, j_{l-1}$", "definition (recursion)"),
        K(7, r"$j_l = j_{l-1}\, s_l$", "definition (recursion)"),
        K(7, r"$r_0 = 1$", "initial value"), K(7, r"$j_0 = 1$", "initial value"),
        S(17, r"$r_5 = 10 + (5 - 1)\cdot 2", const(rf(5)), const(10 + (5 - 1) * 2)),
        S(17, r"= 18$", const(10 + (5 - 1) * 2), const(18)),
        S(20, r"$$r_5 = 1 + \sum_{l=1}^{5} (k_l - 1)\prod_{i=1}^{l-1} s_i", const(rf(5)),
          const(1 + sum((d * (k - 1) + 1 - 1) * int(np.prod([s_ for (_, s_, _) in layers[:l]])) for l, (k, s, d) in enumerate(layers)))),
        S(20, r"= 1 + 2 + 2 + 1 + 2\cdot 2 + 4 \cdot 2",
          const(1 + sum((d * (k - 1)) * int(np.prod([s_ for (_, s_, _) in layers[:l]])) for l, (k, s, d) in enumerate(layers))),
          const(1 + 2 + 2 + 1 + 2 * 2 + 4 * 2)),
        S(20, r"= 18,$$", const(1 + 2 + 2 + 1 + 2 * 2 + 4 * 2), const(18)),
        S(21, r"$j_5 = 1 \cdot 1 \cdot 2 \cdot 1 \cdot 1", const(jump5), const(1 * 1 * 2 * 1 * 1)),
        S(21, r"= 2$", const(1 * 1 * 2 * 1 * 1), const(2)),
    ]
    # the table rows (r_l = 3, 5, 6, 10, 18) agree with the pulled-back intervals
    assert [rf(l) for l in range(1, 6)] == [3, 5, 6, 10, 18]
    return NOSAMPLE, e


@derivation("hw_resnet_block_parameters.md")
def _():
    nparam = lambda *shape: int(np.prod(shape))          # size of a weight tensor (out, in, kh, kw)
    e = [
        # planted: k^2 replaced by k (3 instead of 9)
        S(7, r"$k^2 C_{\text{in}} C_{\text{out}} = 3 \cdot 64 \cdot 64", const(nparam(64, 64, 3, 3)), const(3 * 64 * 64)),
        S(7, r"= 12\,288$", const(3 * 64 * 64), const(12288)),
        S(7, r"$2 \cdot 12\,288 = 24\,576$", const(2 * 12288), const(24576)),
        S(7, r"$2 \cdot (2 \cdot 64) = 256$", const(2 * nparam(2, 64)), const(256)),
        S(9, r"$$24\,576 + 256 = 24\,832 .$$", const(24576 + 256), const(24832)),
        S(13, r"= 16\,384 + 36\,864 + 16\,384",
          const(nparam(64, 256, 1, 1) + nparam(64, 64, 3, 3) + nparam(256, 64, 1, 1)), const(16384 + 36864 + 16384)),
        S(13, r"= 69\,632 .$$", const(16384 + 36864 + 16384), const(69632)),
        S(15, r"$2\,(64 + 64 + 256) = 768$", const(nparam(2, 64) + nparam(2, 64) + nparam(2, 256)), const(768)),
        S(15, r"$69\,632 + 768 = 70\,400$", const(69632 + 768), const(70400)),
        S(19, r"= 8\,192 + 256", const(nparam(128, 64, 1, 1) + nparam(2, 128)), const(8192 + 256)),
        S(19, r"= 8\,448 .$$", const(8192 + 256), const(8448)),
    ]
    return NOSAMPLE, e


@derivation("es_vgg_pilas_3x3.md")
def _():
    def sample(r): return dict(C=int(r.integers(1, 600)))
    C = lambda v: v["C"]
    def rf(ks):
        a, b = 0, 0
        for k in reversed(ks): a, b = a, b + k - 1
        return b - a + 1
    e = [
        S(5, r"$$r = 1 + 3\,(3 - 1)", const(rf([3, 3, 3])), const(1 + 3 * (3 - 1))),
        S(5, r"= 7,$$", const(1 + 3 * (3 - 1)), const(7)),
        S(9, r"$$3 \cdot \left(3^2 C^2\right) = 27\,C^2", lambda v: 3 * (C(v) * C(v) * 3 * 3), lambda v: 27 * C(v) ** 2),
        S(9, r"7^2 C^2 = 49\,C^2", lambda v: C(v) * C(v) * 7 * 7, lambda v: 49 * C(v) ** 2),
        K(11, r"Para $C = 256$", "given value"),
        S(11, r"$27 \cdot 256^2 = 1\,769\,472$", const(27 * 256 ** 2), const(1769472)),
        S(11, r"$49 \cdot 256^2 = 3\,211\,264$", const(49 * 256 ** 2), const(3211264)),
        S(13, r"$$\frac{27\,C^2}{49\,C^2} = \frac{27}{49}", lambda v: 27 * C(v) ** 2 / (49 * C(v) ** 2), const(27 / 49)),
        S(13, r"= 0{,}551,$$", const(27 / 49), const(Dec("0{,}551"))),
        S(19, r"= 1\,728 + 64", const(int(np.prod((64, 3, 3, 3))) + 64), const(1728 + 64)),
        S(19, r"= 1\,792$$", const(1728 + 64), const(1792)),
        S(23, r"= 36\,864 + 64", const(int(np.prod((64, 64, 3, 3))) + 64), const(36864 + 64)),
        S(23, r"= 36\,928 .$$", const(36864 + 64), const(36928)),
    ]
    return sample, e


@derivation("id_pooling_padding.md")
def _():
    def windows(n, k, s, p):           # positions of a k-window on the padded input of length n + 2p
        return sum(1 for st in range(0, n + 2 * p, s) if st + k <= n + 2 * p)
    def windows_ceil(n, k, s, p):      # ceil mode: a window may run off the end if it starts inside (PyTorch rule)
        return sum(1 for st in range(0, n + 2 * p, s) if st < n + p)
    def sample(r): return dict(n=int(r.integers(1, 50)))
    e = [
        K(5, r"$$n_{\text{out}} = \left\lfloor \frac{n + 2p - k}{s} \right\rfloor + 1 .$$", "definition (formula)"),
        K(9, r"$k = 3$", "given value"), K(9, r"$s = 2$", "given value"), K(9, r"$p = 1$", "given value"),
        S(11, r"$$n_{\text{out}} = \left\lfloor \frac{112 + 2 - 3}{2} \right\rfloor + 1", const(windows(112, 3, 2, 1)),
          const(math.floor((112 + 2 - 3) / 2) + 1)),
        S(11, r"= \lfloor 55,5 \rfloor + 1", const(math.floor((112 + 2 - 3) / 2) + 1), const(math.floor(55.5) + 1)),
        S(11, r"= 56 .$$", const(math.floor(55.5) + 1), const(56)),
        # planted: 2p written as p (one padding column instead of two)
        S(15, r"$$n_{\text{out}} = \left\lfloor \frac{7 + 1 - 3}{2} \right\rfloor + 1", const(windows(7, 3, 2, 1)),
          const(math.floor((7 + 1 - 3) / 2) + 1)),
        S(15, r"= \lfloor 2,5 \rfloor + 1", const(math.floor((7 + 1 - 3) / 2) + 1), const(math.floor(2.5) + 1)),
        S(15, r"= 3 .$$", const(math.floor(2.5) + 1), const(3)),
        S(17, r"$\lfloor (3 + 2 - 3)/2 \rfloor + 1 = 2$", const(windows(3, 3, 2, 1)), const(2)),
        K(19, r"$n = 6$", "given value"), K(19, r"$k = 3$", "given value"), K(19, r"$s = 2$", "given value"),
        K(19, r"$p = 0$", "given value"),
        S(21, r"\right\rfloor + 1 = 2,", const(windows(6, 3, 2, 0)), const(2)),
        S(21, r"\right\rceil + 1 = 3 .$$", const(windows_ceil(6, 3, 2, 0)), const(3)),
        K(25, r"$k = n$", "condition"), K(25, r"$s = 1$", "condition"), K(25, r"$p = 0$", "condition"),
        S(25, r"$n_{\text{out}} = (n - n)/1 + 1", lambda v: windows(v["n"], v["n"], 1, 0), lambda v: (v["n"] - v["n"]) / 1 + 1),
        S(25, r"= 1$", lambda v: (v["n"] - v["n"]) / 1 + 1, const(1)),
    ]
    return sample, e


@derivation("nb_dropout_linear_unit.md")
def _():
    import itertools
    def sample(r): return dict(w=r.normal(0, 1, 3), x=r.normal(0, 1, 3), p=r.uniform(0.02, 0.98))
    def E(v, f, p=None):      # exact expectation over the 2^3 keep-masks, m_i ~ Bernoulli(1 - p)
        p = v["p"] if p is None else p
        tot = 0.0
        for m in itertools.product([0.0, 1.0], repeat=3):
            m = np.array(m); pr = np.prod(np.where(m == 1, 1 - p, p))
            tot = tot + pr * f(m)
        return tot
    y = lambda v, m, p=None: np.sum(v["w"] * m * v["x"]) / (1 - (v["p"] if p is None else p))
    p = lambda v: v["p"]
    Em = lambda v: E(v, lambda m: m[0])
    Vm = lambda v: E(v, lambda m: m[0] ** 2) - Em(v) ** 2
    Ey = lambda v: E(v, lambda m: y(v, m))
    Vy = lambda v, pp=None: E(v, lambda m: y(v, m, pp) ** 2, pp) - E(v, lambda m: y(v, m, pp), pp) ** 2
    wx = lambda v: v["w"] * v["x"]
    e = [
        K(9, r"$y = \frac{1}{1-p}\sum_i w_i m_i x_i$", "definition of y"),
        K(9, r"($m_i = 1$ means keep.)", "meaning of m_i = 1"),
        S(11, r"$\mathbb{E}[m_i] = 1 - p$", Em, lambda v: 1 - p(v)),
        S(11, r"$m_i^2 = m_i$", const(np.array([0.0, 1.0]) ** 2), const(np.array([0.0, 1.0]))),
        S(11, r"$\mathbb{E}[m_i^2] = 1 - p$", lambda v: E(v, lambda m: m[0] ** 2), lambda v: 1 - p(v)),
        S(11, r"$\operatorname{Var}[m_i] = (1-p) - (1-p)^2", Vm, lambda v: (1 - p(v)) - (1 - p(v)) ** 2),
        S(11, r"= p(1-p)$", lambda v: (1 - p(v)) - (1 - p(v)) ** 2, lambda v: p(v) * (1 - p(v))),
        S(14, r"$$\mathbb{E}[y] = \frac{1}{1-p}\sum_i w_i x_i\, \mathbb{E}[m_i]", Ey,
          lambda v: np.sum(wx(v) * Em(v)) / (1 - p(v))),
        S(14, r"= \sum_i w_i x_i$$", lambda v: np.sum(wx(v) * Em(v)) / (1 - p(v)), lambda v: np.sum(wx(v))),
        S(18, r"$$\operatorname{Var}[y] = \frac{1}{(1-p)^2}\sum_i w_i^2 x_i^2 \operatorname{Var}[m_i]", Vy,
          lambda v: np.sum(wx(v) ** 2) * Vm(v) / (1 - p(v)) ** 2),
        S(18, r"= \frac{p}{1-p}\sum_i w_i^2 x_i^2$$", lambda v: np.sum(wx(v) ** 2) * Vm(v) / (1 - p(v)) ** 2,
          lambda v: p(v) / (1 - p(v)) * np.sum(wx(v) ** 2)),
        K(20, r"$p = 0$ gives", "condition"),
        S(20, r"$\operatorname{Var}[y] = 0$", lambda v: Vy(v, 0.0), const(0.0)),
        K(20, r"for $p = 0.5$", "condition"),
        S(20, r"$\frac{0.5}{0.5} = 1$", const(0.5 / 0.5), const(1.0)),
    ]
    return sample, e


@derivation("ja_he_initialization.md")
def _():
    import itertools
    n = 2   # fan-in used for the exact enumeration
    def sample(r): return dict(a=r.uniform(0.1, 2), b=r.uniform(0.1, 2), c=r.uniform(0.1, 2), N=int(r.integers(1, 5000)))
    def dist(v):   # w uniform on {-a, a}; y_{l-1} uniform on {-b, -c, c, b} (symmetric about 0)
        return [(-v["a"], .5), (v["a"], .5)], [(-v["b"], .25), (-v["c"], .25), (v["c"], .25), (v["b"], .25)]
    def E_pair(v, f):
        W, Y = dist(v); return sum(pw * py * f(w, max(y, 0.0)) for (w, pw) in W for (y, py) in Y)
    def var_yl(v):     # exact variance of sum_{i<n} w_i x_i over all combinations
        W, Y = dist(v); m1 = m2 = 0.0
        for combo in itertools.product(itertools.product(W, Y), repeat=n):
            pr = np.prod([pw * py for (w, pw), (y, py) in combo]); s = sum(w * max(y, 0.0) for (w, _), (y, _) in combo)
            m1 += pr * s; m2 += pr * s * s
        return m2 - m1 ** 2
    var_w = lambda v: v["a"] ** 2
    Ex2 = lambda v: E_pair(v, lambda w, x: x * x)
    var_yprev = lambda v: (v["b"] ** 2 + v["c"] ** 2) / 2
    var_wx = lambda v: E_pair(v, lambda w, x: (w * x) ** 2) - E_pair(v, lambda w, x: w * x) ** 2
    e = [
        K(5, r"$$y_l = W_l x_l + b_l", "definition of y_l"),
        K(5, r"x_l = \operatorname{ReLU}(y_{l-1})$$", "definition of x_l"),
        K(7, r"$b_l = 0$", "assumption"),
        S(11, r"$$\operatorname{Var}[y_l] = n_l \operatorname{Var}[w_l x_l]", var_yl, lambda v: n * var_wx(v)),
        S(11, r"= n_l \operatorname{Var}[w_l]\, \mathbb{E}[x_l^2].$$", lambda v: n * var_wx(v), lambda v: n * var_w(v) * Ex2(v)),
        K(13, r"$\mathbb{E}[w_l] = 0$", "assumption restated"),
        S(17, r"$$\mathbb{E}[x_l^2] = \frac{1}{2}\operatorname{Var}[y_{l-1}]", Ex2, lambda v: 0.5 * var_yprev(v)),
        S(17, r"\operatorname{Var}[y_l] = \frac{1}{2}\, n_l", var_yl, lambda v: 0.5 * n * var_w(v) * var_yprev(v)),
        K(19, r"$\frac{1}{2} n_l \operatorname{Var}[w_l] = 1$", "condition imposed"),
        S(21, r"$$\operatorname{Var}[w_l] = \frac{2}{n_l}", lambda v: 1 / (0.5 * v["N"]), lambda v: 2 / v["N"]),
        S(21, r"\operatorname{std}[w_l] = \sqrt{2/n_l}.$$", lambda v: np.sqrt(1 / (0.5 * v["N"])), lambda v: np.sqrt(2 / v["N"])),
        S(23, r"$n_l = 3 \cdot 3 \cdot 64", const(int(np.prod((64, 3, 3)))), const(3 * 3 * 64)),
        S(23, r"= 576$", const(3 * 3 * 64), const(576)),
        S(25, r"$$\operatorname{Var}[w_l] = \frac{2}{576}", const(1 / (0.5 * 576)), const(2 / 576)),
        S(25, r"= 0.003472, \qquad", const(2 / 576), const(Dec("0.003472"))),
        S(25, r"\operatorname{std}[w_l] = \sqrt{2/576}", const(np.sqrt(1 / (0.5 * 576))), const(np.sqrt(2 / 576))),
        S(25, r"= 0.0589 .$$", const(np.sqrt(2 / 576)), const(Dec("0.0589"))),
    ]
    return sample, e


@derivation("forum_xavier_uniform_bound.md")
def _():
    def sample(r): return dict(a=r.uniform(0.01, 3.0), ni=int(r.integers(1, 2000)), no=int(r.integers(1, 2000)))
    def var_uniform(a, N=200001):          # variance of U(-a, a) by a midpoint rule on the density 1/(2a)
        w = -a + (np.arange(N) + 0.5) * (2 * a / N)
        return np.mean(w ** 2) - np.mean(w) ** 2
    a = lambda v: v["a"]
    true_bound = lambda ni, no: math.sqrt(3 * 2 / (ni + no))   # var of U(-a,a) is a^2/3
    assert abs(var_uniform(true_bound(256, 128)) - 2 / 384) < 1e-9
    e = [
        K(5, r"$n_{in}\operatorname{Var}[w] = 1$", "condition (forward)"),
        K(5, r"$n_{out}\operatorname{Var}[w] = 1$", "condition (backward)"),
        K(5, r"$n_{in} = n_{out}$", "condition"),
        K(7, r"$$\operatorname{Var}[w] = \frac{2}{n_{in} + n_{out}} .$$", "target variance (definition of the compromise)"),
        S(11, r"$$\operatorname{Var}[w] = \frac{(2a)^2}{12}", lambda v: var_uniform(a(v)), lambda v: (2 * a(v)) ** 2 / 12),
        # planted: (2a)^2 expanded as 2a^2
        S(11, r"= \frac{2a^2}{12}", lambda v: (2 * a(v)) ** 2 / 12, lambda v: 2 * a(v) ** 2 / 12),
        S(11, r"= \frac{a^2}{6} .$$", lambda v: 2 * a(v) ** 2 / 12, lambda v: a(v) ** 2 / 6),
        K(15, r"$$\frac{a^2}{6} = \frac{2}{n_{in} + n_{out}}", "equation imposed"),
        S(15, r"a = \sqrt{\frac{12}{n_{in} + n_{out}}} .$$", lambda v: true_bound(v["ni"], v["no"]),
          lambda v: math.sqrt(12 / (v["ni"] + v["no"]))),
        S(19, r"$$a = \sqrt{\frac{12}{256 + 128}}", const(true_bound(256, 128)), const(math.sqrt(12 / (256 + 128)))),
        S(19, r"= \sqrt{0.03125}", const(math.sqrt(12 / (256 + 128))), const(math.sqrt(0.03125))),
        S(19, r"= 0.1768 .$$", const(math.sqrt(0.03125)), const(Dec("0.1768"))),
        S(21, r"$n_{in} = 576$", const(64 * 3 * 3), const(576)),
        S(21, r"$n_{out} = 1152$", const(128 * 3 * 3), const(1152)),
        S(21, r"$a = \sqrt{12/1728}", const(true_bound(576, 1152)), const(math.sqrt(12 / 1728))),
        S(21, r"= 1/12$", const(math.sqrt(12 / 1728)), const(1 / 12)),
    ]
    return sample, e


@derivation("se_nesterov_lookahead_rewrite.md")
def _():
    gf = lambda x: np.tanh(x) + 0.3 * x ** 3 + np.array([0.5, -1.0])     # some gradient field
    def sample(r): return dict(th=r.normal(0, 1, 2), v=r.normal(0, 1, 2), mu=r.uniform(0, 0.99), eta=r.uniform(0.001, 1.0))
    def step(v):
        vn = v["mu"] * v["v"] - v["eta"] * gf(v["th"] + v["mu"] * v["v"])
        thn = v["th"] + vn
        return vn, thn
    mu, eta = (lambda v: v["mu"]), (lambda v: v["eta"])
    phi_ = lambda v: v["th"] + v["mu"] * v["v"]
    vn = lambda v: step(v)[0]
    phin = lambda v: step(v)[1] + v["mu"] * step(v)[0]       # phi_{t+1} by its definition
    e = [
        K(10, r"$$v_{t+1} = \mu v_t - \eta \nabla f(\theta_t + \mu v_t)", "definition (Sutskever form)"),
        K(10, r"\theta_{t+1} = \theta_t + v_{t+1},$$", "definition (Sutskever form)"),
        K(12, r"$\phi_t = \theta_t + \mu v_t$", "definition of phi"),
        S(15, r"\phi_{t+1} &= \theta_{t+1} + \mu v_{t+1}", phin, lambda v: step(v)[1] + mu(v) * vn(v)),
        S(16, r"&= \theta_t + (1 + \mu)\, v_{t+1}", lambda v: step(v)[1] + mu(v) * vn(v), lambda v: v["th"] + (1 + mu(v)) * vn(v)),
        S(17, r"&= \phi_t - \mu v_t + (1 + \mu)\big(\mu v_t - \eta \nabla f(\phi_t)\big)",
          lambda v: v["th"] + (1 + mu(v)) * vn(v),
          lambda v: phi_(v) - mu(v) * v["v"] + (1 + mu(v)) * (mu(v) * v["v"] - eta(v) * gf(phi_(v)))),
        S(18, r"&= \phi_t + \mu^2 v_t - (1 + \mu)\,\eta \nabla f(\phi_t).",
          lambda v: phi_(v) - mu(v) * v["v"] + (1 + mu(v)) * (mu(v) * v["v"] - eta(v) * gf(phi_(v))),
          lambda v: phi_(v) + mu(v) ** 2 * v["v"] - (1 + mu(v)) * eta(v) * gf(phi_(v))),
        S(23, r"$$\phi_{t+1} = \phi_t + \mu v_{t+1} - \eta \nabla f(\phi_t),$$", phin,
          lambda v: phi_(v) + mu(v) * vn(v) - eta(v) * gf(phi_(v))),
        S(25, r"since $\mu v_{t+1} - \eta\nabla f(\phi_t) = \mu^2 v_t - (1+\mu)\,\eta\nabla f(\phi_t)$",
          lambda v: mu(v) * vn(v) - eta(v) * gf(phi_(v)), lambda v: mu(v) ** 2 * v["v"] - (1 + mu(v)) * eta(v) * gf(phi_(v))),
        K(25, r"$\theta_{t+1} = \theta_t + \mu v_t - \eta\nabla f(\theta_t)$", "definition of classical momentum (comparison)"),
    ]
    return sample, e


@derivation("blog_adamw_decoupled_decay.md")
def _():
    def sample(r):
        return dict(th=r.normal(0, 1, 3), gf=r.normal(0, 1, 3), eta=r.uniform(1e-4, 0.5), lam=r.uniform(0, 0.5),
                    sv=r.uniform(0.01, 5, 3), eps=r.uniform(0, 1e-3), mh=r.normal(0, 1, 3))
    th, g, eta, lam = (lambda v: v["th"]), (lambda v: v["gf"]), (lambda v: v["eta"]), (lambda v: v["lam"])
    den = lambda v: v["sv"] + v["eps"]
    sgd = lambda v: th(v) - eta(v) * (g(v) + lam(v) * th(v))
    adamw = lambda v: th(v) - eta(v) * (v["mh"] / den(v) + lam(v) * th(v))
    e = [
        S(12, r"$\nabla_\theta \frac{\lambda}{2}\lVert\theta\rVert^2 = \lambda\theta$",
          lambda v: grad(lambda t: lam(v) / 2 * np.sum(t ** 2), th(v)), lambda v: lam(v) * th(v)),
        K(14, r"$$\theta_t = \theta_{t-1} - \eta\big(\nabla f(\theta_{t-1}) + \lambda\theta_{t-1}\big)", "definition of the SGD step"),
        # planted: sign of the gradient term flipped when distributing -eta
        S(14, r"= (1 - \eta\lambda)\,\theta_{t-1} + \eta\nabla f(\theta_{t-1}).$$", sgd,
          lambda v: (1 - eta(v) * lam(v)) * th(v) + eta(v) * g(v)),
        K(20, r"$\beta_1 = 0$", "simplifying assumption"),
        S(22, r"= \frac{\nabla f(\theta_{t-1})}{\sqrt{\hat v_t} + \epsilon} + \frac{", lambda v: (g(v) + lam(v) * th(v)) / den(v),
          lambda v: g(v) / den(v) + lam(v) / den(v) * th(v)),
        K(24, r"$\eta = 10^{-3}$", "given value"), K(24, r"$\lambda = 10^{-2}$", "given value"),
        K(24, r"$\epsilon = 0$", "given value"), K(24, r"$\sqrt{\hat v_t} = 10$", "given value"),
        S(24, r"$\eta\lambda/\sqrt{\hat v_t} = 10^{-6}$", const(1e-3 * 1e-2 / 10), const(1e-6)),
        K(24, r"$\sqrt{\hat v_t} = 0.1$", "given value"),
        K(30, r"$$\theta_t = \theta_{t-1} - \eta\left(\frac{\hat m_t}", "definition of the AdamW step"),
        S(30, r"= (1 - \eta\lambda)\,\theta_{t-1} - \eta\,\frac{\hat m_t}", adamw,
          lambda v: (1 - eta(v) * lam(v)) * th(v) - eta(v) * v["mh"] / den(v)),
    ]
    return sample, e


@derivation("el_adagrad_rmsprop.md")
def _():
    eta, rho, gs = 0.1, 0.9, [2.0, -1.0, 0.5]
    G = [0.0]; s_ = [0.0]; dA = []; dR = []
    for g in gs:
        G.append(G[-1] + g * g); dA.append(-eta / math.sqrt(G[-1]) * g)
        s_.append(rho * s_[-1] + (1 - rho) * g * g); dR.append(-eta / math.sqrt(s_[-1]) * g)
    e = [
        K(5, r"G_t = G_{t-1} + g_t^2", "definition (Adagrad)"),
        K(5, r"\theta_t = \theta_{t-1} - \frac{\eta}{\sqrt{G_t}}\, g_t,$$", "definition (Adagrad)"),
        K(7, r"s_t = \rho\, s_{t-1} + (1 - \rho)\, g_t^2", "definition (RMSProp)"),
        K(7, r"\theta_t = \theta_{t-1} - \frac{\eta}{\sqrt{s_t}}\, g_t,$$", "definition (RMSProp)"),
        K(9, r"$G_0 = s_0 = 0$", "initial values"), K(9, r"$G_0 = s_0 = 0$", "initial values"),
        K(11, r"$\eta = 0{,}1$", "given"), K(11, r"$\rho = 0{,}9$", "given"), K(11, r"$g_1 = 2$", "given"),
        K(11, r"$g_2 = -1$", "given"), K(11, r"$g_3 = 0{,}5$", "given"),
        S(13, r"$G_1 = 4$", const(G[1]), const(4)),
        S(13, r"$G_2 = 5$", const(G[2]), const(5)),
        S(13, r"$G_3 = 5{,}25$", const(G[3]), const(Dec("5{,}25"))),
        S(15, r"$$\theta_3 - \theta_2 = -\frac{0{,}1 \cdot 0{,}5}{\sqrt{5{,}25}}", const(dA[2]), const(-0.1 * 0.5 / math.sqrt(5.25))),
        S(15, r"= -0{,}0218 .$$", const(-0.1 * 0.5 / math.sqrt(5.25)), const(Dec("-0{,}0218"))),
        S(17, r"$s_1 = 0{,}4$", const(s_[1]), const(Dec("0{,}4"))),
        S(19, r"$$s_2 = 0{,}9 \cdot 0{,}4 + 0{,}1 \cdot 1", const(s_[2]), const(0.9 * 0.4 + 0.1 * 1)),
        S(19, r"= 0{,}46, \qquad", const(0.9 * 0.4 + 0.1 * 1), const(Dec("0{,}46"))),
        S(19, r"s_3 = 0{,}9 \cdot 0{,}46 + 0{,}1 \cdot 0{,}25", const(s_[3]), const(0.9 * 0.46 + 0.1 * 0.25)),
        S(19, r"= 0{,}439,$$", const(0.9 * 0.46 + 0.1 * 0.25), const(Dec("0{,}439"))),
        S(21, r"$$\theta_3 - \theta_2 = -\frac{0{,}1 \cdot 0{,}5}{\sqrt{0{,}439}}", const(dR[2]), const(-0.1 * 0.5 / math.sqrt(0.439))),
        S(21, r"= -0{,}0755 .$$", const(-0.1 * 0.5 / math.sqrt(0.439)), const(Dec("-0{,}0755"))),
    ]
    return NOSAMPLE, e


@derivation("exam_key_adam_two_steps.md")
def _():
    b1, b2, eta, gs = 0.9, 0.999, 0.001, [0.2, 0.4]
    m = [0.0]; v = [0.0]
    for g in gs:
        m.append(b1 * m[-1] + (1 - b1) * g); v.append(b2 * v[-1] + (1 - b2) * g * g)
    mh2 = m[2] / (1 - b1 ** 2); vh2 = v[2] / (1 - b2 ** 2)
    assert abs(m[1] - 0.02) < 1e-12 and abs(v[1] - 0.00004) < 1e-15        # the values quoted in prose
    e = [
        K(4, r"$$m_t = \beta_1 m_{t-1}", "definition"), K(4, r"v_t = \beta_2 v_{t-1}", "definition"),
        K(6, r"$$\hat m_t = \frac{m_t}{1 - \beta_1^{\,t}}", "definition"), K(6, r"\hat v_t = \frac{v_t}{1 - \beta_2^{\,t}}", "definition"),
        K(7, r"$\Delta\theta_t = -\eta\, \hat m_t", "definition"),
        K(9, r"$\beta_1 = 0.9$", "given"), K(9, r"$\beta_2 = 0.999$", "given"), K(9, r"$\eta = 0.001$", "given"),
        K(9, r"$\epsilon = 0$", "given"), K(9, r"$m_0 = v_0 = 0$", "given"), K(9, r"$m_0 = v_0 = 0$", "given"),
        K(9, r"$g_1 = 0.2$", "given"), K(9, r"$g_2 = 0.4$", "given"),
        S(12, r"$$m_2 = 0.9 \cdot 0.02 + 0.1 \cdot 0.4", const(m[2]), const(0.9 * 0.02 + 0.1 * 0.4)),
        S(12, r"= 0.058,$$", const(0.9 * 0.02 + 0.1 * 0.4), const(Dec("0.058"))),
        S(13, r"$$v_2 = 0.999 \cdot 0.00004 + 0.001 \cdot 0.16", const(v[2]), const(0.999 * 0.00004 + 0.001 * 0.16)),
        S(13, r"= 0.00019996 .$$", const(0.999 * 0.00004 + 0.001 * 0.16), const(Dec("0.00019996"))),
        K(15, r"at $t = 2$", "condition"),
        # planted: bias correction with exponent 1 instead of t = 2
        S(16, r"$$\hat m_2 = \frac{m_2}{1 - \beta_1}", const(mh2), const(m[2] / (1 - b1))),
        S(16, r"= \frac{0.058}{0.1}", const(m[2] / (1 - b1)), const(0.058 / 0.1)),
        S(16, r"= 0.58,$$", const(0.058 / 0.1), const(Dec("0.58"))),
        S(17, r"$$\hat v_2 = \frac{0.00019996}{1 - 0.999^2}", const(vh2), const(0.00019996 / (1 - 0.999 ** 2))),
        S(17, r"= 0.10003 .$$", const(0.00019996 / (1 - 0.999 ** 2)), const(Dec("0.10003"))),
        S(20, r"$$\Delta\theta_2 = -0.001 \cdot \frac{0.58}{\sqrt{0.10003}}", const(-eta * mh2 / math.sqrt(vh2)),
          const(-0.001 * 0.58 / math.sqrt(0.10003))),
        S(20, r"= -0.001834 .$$", const(-0.001 * 0.58 / math.sqrt(0.10003)), const(Dec("-0.001834"))),
    ]
    return NOSAMPLE, e


@derivation("d2l_cosine_scheduler.md")
def _():
    e0, eT, T = 0.3, 0.01, 20
    eta = lambda t: eT + (e0 - eT) / 2 * (1 + math.cos(math.pi * t / T))
    e = [
        K(5, r"$$\eta_t = \eta_T + \frac{\eta_0 - \eta_T}{2}", "definition of the schedule"),
        K(7, r"$T = 20$", "given"), K(7, r"$\eta_0 = 0.3$", "given"), K(7, r"$\eta_T = 0.01$", "given"),
        S(7, r"$\frac{\eta_0 - \eta_T}{2} = 0.145$", const((e0 - eT) / 2), const(0.145)),
        S(11, r"$$\eta_5 = 0.01 + 0.145\left(1 + \cos\frac{\pi}{4}\right)", const(eta(5)), const(0.01 + 0.145 * (1 + math.cos(math.pi / 4)))),
        S(11, r"= 0.01 + 0.145 \cdot 1.7071", const(0.01 + 0.145 * (1 + math.cos(math.pi / 4))), const(0.01 + 0.145 * 1.7071),
          tol=0.145 * 0.5e-4),
        S(11, r"= 0.2575,$$", const(0.01 + 0.145 * 1.7071), const(Dec("0.2575"))),
        S(13, r"$\eta_{10} = 0.01 + 0.145", const(eta(10)), const(0.01 + 0.145)),
        S(13, r"= 0.155$", const(0.01 + 0.145), const(0.155)),
        S(15, r"$$\eta_{15} = 0.01 + 0.145\left(1 - \cos\frac{\pi}{4}\right)", const(eta(15)), const(0.01 + 0.145 * (1 - math.cos(math.pi / 4)))),
        S(15, r"= 0.0525 .$$", const(0.01 + 0.145 * (1 - math.cos(math.pi / 4))), const(Dec("0.0525"))),
        K(17, r"$t = T/2$", "condition"),
        S(17, r"$\eta_5 - \eta_{10} = \eta_{10} - \eta_{15}$", const(eta(5) - eta(10)), const(eta(10) - eta(15))),
        K(19, r"$\eta_t = \eta_0\, t/5$", "definition of the warm-up"),
        S(19, r"$\eta_2 = 0.3 \cdot 2/5", const(e0 * 2 / 5), const(0.3 * 2 / 5)),
        S(19, r"= 0.12$", const(0.3 * 2 / 5), const(0.12)),
    ]
    return NOSAMPLE, e


@derivation("forum_warmup_step_decay.md")
def _():
    base, Tw, s, gamma = 0.1, 5, 30, 0.1
    eta = lambda t: base * (t + 1) / Tw if t < Tw else base * gamma ** ((t - Tw) // s)
    e = [
        K(11, r"$\bar\eta = 0.1$", "given"), K(11, r"$T_w = 5$", "given"), K(11, r"$s = 30$", "given"),
        K(11, r"$\gamma = 0.1$", "given"),
        K(13, r"$$\eta_t = \bar\eta\,\frac{t + 1}{T_w}", "definition (warm-up)"),
        K(13, r"\eta_t = \bar\eta\, \gamma^{\lfloor (t - T_w)/s \rfloor}", "definition (step decay)"),
        S(15, r"$\eta_0 = 0.02$", const(eta(0)), const(0.02)),
        S(15, r"$\eta_2 = 0.1 \cdot 3/5", const(eta(2)), const(0.1 * 3 / 5)),
        S(15, r"= 0.06$", const(0.1 * 3 / 5), const(0.06)),
        S(15, r"$\eta_4 = 0.1$", const(eta(4)), const(0.1)),
        # planted: the warm-up offset T_w is not subtracted inside the floor
        S(19, r"$$\eta_{34} = 0.1 \cdot 0.1^{\lfloor 34/30 \rfloor}", const(eta(34)), const(0.1 * 0.1 ** (34 // 30))),
        S(19, r"= 0.1 \cdot 0.1 =", const(0.1 * 0.1 ** (34 // 30)), const(0.1 * 0.1)),
        S(19, r"= 0.01 .$$", const(0.1 * 0.1), const(0.01)),
        S(23, r"$$\eta_{65} = 0.1 \cdot 0.1^{\lfloor 65/30 \rfloor}", const(eta(65)), const(0.1 * 0.1 ** (65 // 30))),
        S(23, r"= 0.1 \cdot 0.01", const(0.1 * 0.1 ** (65 // 30)), const(0.1 * 0.01)),
        S(23, r"= 0.001, \qquad", const(0.1 * 0.01), const(0.001)),
        S(23, r"\eta_{95} = 0.1 \cdot 0.1^{\lfloor 95/30 \rfloor}", const(eta(95)), const(0.1 * 0.1 ** (95 // 30))),
        S(23, r"= 0.0001 .$$", const(0.1 * 0.1 ** (95 // 30)), const(0.0001)),
    ]
    return NOSAMPLE, e


@derivation("blog_focal_loss_gradient.md")
def _():
    def sample(r): return dict(z=r.normal(0, 2), g=r.uniform(0, 5))
    FLp = lambda p, g: -(1 - p) ** g * np.log(p)
    pt = lambda v: sig(v["z"]); g = lambda v: v["g"]
    dFLdz_true = lambda v: d1(lambda zz: FLp(sig(zz), g(v)), v["z"])
    p0, g0 = 0.9, 2.0
    z0 = math.log(p0 / (1 - p0))
    e = [
        K(8, r"$p_t = p$", "definition of p_t"),
        K(10, r"$$\mathrm{FL}(p_t) = -(1 - p_t)^{\gamma} \log p_t .$$", "definition of FL"),
        S(12, r"$\frac{d}{dp_t}(1 - p_t)^{\gamma} = -\gamma (1 - p_t)^{\gamma - 1}$",
          lambda v: d1(lambda p: (1 - p) ** g(v), pt(v)), lambda v: -g(v) * (1 - pt(v)) ** (g(v) - 1)),
        # planted: the sign of the gamma term is flipped (the minus of d(1-p)/dp times the minus of -log p)
        S(14, r"$$\frac{d\,\mathrm{FL}}{d p_t} = -\gamma (1 - p_t)^{\gamma - 1} \log p_t", lambda v: d1(lambda p: FLp(p, g(v)), pt(v)),
          lambda v: -g(v) * (1 - pt(v)) ** (g(v) - 1) * np.log(pt(v)) - (1 - pt(v)) ** g(v) / pt(v)),
        K(16, r"$p_t = \sigma(z)$", "positive example"),
        S(16, r"$\frac{d p_t}{d z} = p_t (1 - p_t)$", lambda v: d1(sig, v["z"]), lambda v: pt(v) * (1 - pt(v))),
        S(18, r"$$\frac{d\,\mathrm{FL}}{d z} = \left[-\gamma (1 - p_t)^{\gamma - 1}", dFLdz_true,
          lambda v: (-g(v) * (1 - pt(v)) ** (g(v) - 1) * np.log(pt(v)) - (1 - pt(v)) ** g(v) / pt(v)) * pt(v) * (1 - pt(v))),
        S(18, r"= -\gamma\, p_t (1 - p_t)^{\gamma} \log p_t - (1 - p_t)^{\gamma + 1} .$$",
          lambda v: (-g(v) * (1 - pt(v)) ** (g(v) - 1) * np.log(pt(v)) - (1 - pt(v)) ** g(v) / pt(v)) * pt(v) * (1 - pt(v)),
          lambda v: -g(v) * pt(v) * (1 - pt(v)) ** g(v) * np.log(pt(v)) - (1 - pt(v)) ** (g(v) + 1)),
        K(20, r"for $\gamma = 0$", "condition"),
        S(20, r"$-(1 - p_t) = p_t - 1$", lambda v: -(1 - pt(v)), lambda v: pt(v) - 1),
        K(22, r"$\gamma = 2$", "given"), K(22, r"$p_t = 0.9$", "given"),
        S(24, r"$$\mathrm{FL} = -0.1^2 \log 0.9", const(FLp(p0, g0)), const(-0.1 ** 2 * math.log(0.9))),
        S(24, r"= 0.01 \cdot 0.10536", const(-0.1 ** 2 * math.log(0.9)), const(0.01 * 0.10536), tol=0.01 * 0.5e-5),
        S(24, r"= 0.0010536,$$", const(0.01 * 0.10536), const(Dec("0.0010536"))),
        S(28, r"$$\frac{d\,\mathrm{FL}}{d z} = -2 \cdot 0.9 \cdot 0.01 \cdot \log 0.9 - 0.001",
          const(d1(lambda zz: FLp(sig(zz), g0), z0)), const(-2 * 0.9 * 0.01 * math.log(0.9) - 0.001)),
        S(28, r"= 0.0008965 .$$", const(-2 * 0.9 * 0.01 * math.log(0.9) - 0.001), const(Dec("0.0008965"))),
        S(30, r"$p_t - 1 = -0.1$", const(p0 - 1), const(-0.1)),
    ]
    return sample, e


@derivation("hw_huber_smooth_l1.md")
def _():
    def sample(r):
        b = r.uniform(0.1, 3); dl = r.uniform(0.1, 3)
        return dict(r=r.normal(0, 3), delta=dl, beta=b, r_in=b * r.uniform(-0.999, 0.999),
                    r_out=b * r.choice([-1, 1]) * r.uniform(1.001, 4))
    def Hub(r, d): return np.where(np.abs(r) <= d, 0.5 * r ** 2, d * (np.abs(r) - 0.5 * d))
    def SL1(r, b): return np.where(np.abs(r) < b, 0.5 * r ** 2 / b, np.abs(r) - 0.5 * b)
    e = [
        K(10, r"$$H_\delta(r) = \begin{cases}", "definition of Huber"),
        K(10, r"\mathrm{SL1}_\beta(r) = \begin{cases}", "definition of Smooth L1"),
        S(12, r"$H_\beta(r)/\beta = \frac{r^2}{2\beta}$", lambda v: Hub(v["r_in"], v["beta"]) / v["beta"],
          lambda v: v["r_in"] ** 2 / (2 * v["beta"])),
        S(13, r"= \frac{\beta\left(|r| - \tfrac12\beta\right)}{\beta}", lambda v: Hub(v["r_out"], v["beta"]) / v["beta"],
          lambda v: v["beta"] * (abs(v["r_out"]) - 0.5 * v["beta"]) / v["beta"]),
        S(13, r"= |r| - \tfrac{1}{2}\beta .$$", lambda v: v["beta"] * (abs(v["r_out"]) - 0.5 * v["beta"]) / v["beta"],
          lambda v: abs(v["r_out"]) - 0.5 * v["beta"]),
        K(14, r"At $|r| = \beta$", "condition"), K(14, r"with $\beta = 1$", "condition"), K(14, r"with $\delta = 1$", "condition"),
        S(17, r"$$H_\delta'(r) = \begin{cases} r, & |r| \le \delta,", lambda v: d1(lambda t: Hub(t, v["delta"]), v["r"]),
          lambda v: v["r"] if abs(v["r"]) <= v["delta"] else v["delta"] * np.sign(v["r"])),
        K(18, r"at $r = \delta$", "condition"),
        S(18, r"$H_\delta'(r) = \operatorname{clip}(r, -\delta, \delta)$", lambda v: d1(lambda t: Hub(t, v["delta"]), v["r"]),
          lambda v: np.clip(v["r"], -v["delta"], v["delta"])),
        K(20, r"With $\delta = 1$", "given"), K(20, r"for $r = 0.4$", "given"),
        S(20, r"$H_1(0.4) = 0.08$", const(Hub(0.4, 1.0)), const(0.08)),
        S(20, r"$H_1'(0.4) = 0.4$", const(d1(lambda t: Hub(t, 1.0), 0.4)), const(0.4)),
        K(20, r"For $r = -2.5$", "given"),
        S(20, r"$H_1(-2.5) = 2$", const(Hub(-2.5, 1.0)), const(2.0)),
        S(20, r"$H_1'(-2.5) = -1$", const(d1(lambda t: Hub(t, 1.0), -2.5)), const(-1.0)),
        K(20, r"with $\beta = 0.5$", "given"), K(20, r"at $r = 0.4$", "given"),
        S(20, r"$\mathrm{SL1}_{0.5}(0.4) = 0.16$", const(SL1(0.4, 0.5)), const(0.16)),
    ]
    return sample, e


@derivation("se_squared_hinge_gradient.md")
def _():
    N = 4
    def sample(r):
        return dict(w=r.normal(0, 1, 3), X=r.normal(0, 1, (N, 3)), y=r.choice([-1.0, 1.0], N), lam=r.uniform(0, 2),
                    m=r.normal(1, 2))
    L = lambda v, w: np.mean(np.maximum(0, 1 - v["y"] * (v["X"] @ w)) ** 2) + v["lam"] / 2 * np.sum(w ** 2)
    ell = lambda m: np.maximum(0, 1 - m) ** 2
    marg = lambda v: v["y"] * (v["X"] @ v["w"])
    xi = lambda v: np.maximum(0, 1 - marg(v))
    dell_true = lambda m: d1(ell, m)
    e = [
        K(11, r"$$L(w) = \frac{1}{N}\sum_{i=1}^{N}", "definition of L"),
        K(13, r"$m_i = y_i w^\top x_i$", "definition of m_i"),
        S(13, r"$\nabla_w m_i = y_i x_i$", lambda v: jac(lambda w: v["y"] * (v["X"] @ w), v["w"]), lambda v: v["y"][:, None] * v["X"]),
        K(13, r"$\ell(m) = \max(0, 1 - m)^2$", "definition of ell"),
        # planted: the factor 2 from the square is dropped
        S(15, r"$$\ell'(m) = -\max(0,\, 1 - m),$$", lambda v: d1(ell, v["m"]), lambda v: -np.maximum(0, 1 - v["m"])),
        K(17, r"at $m = 1$", "condition"),
        S(19, r"$$\nabla_w L = \frac{1}{N}\sum_{i=1}^{N} \ell'(m_i)\, y_i x_i + \lambda w", lambda v: grad(lambda w: L(v, w), v["w"]),
          lambda v: np.mean((dell_true(marg(v)) * v["y"])[:, None] * v["X"], axis=0) + v["lam"] * v["w"]),
        S(19, r"= -\frac{1}{N}\sum_{i=1}^{N} \max\left(0,\, 1 - y_i w^\top x_i\right) y_i x_i + \lambda w",
          lambda v: np.mean((dell_true(marg(v)) * v["y"])[:, None] * v["X"], axis=0) + v["lam"] * v["w"],
          lambda v: -np.mean((xi(v) * v["y"])[:, None] * v["X"], axis=0) + v["lam"] * v["w"]),
        K(21, r"$\xi = \max(0, 1 - y \odot Xw)$", "definition of xi"),
        S(23, r"$$\nabla_w L = -\frac{1}{N} X^\top (y \odot \xi) + \lambda w ,$$", lambda v: grad(lambda w: L(v, w), v["w"]),
          lambda v: -v["X"].T @ (v["y"] * xi(v)) / N + v["lam"] * v["w"]),
    ]
    return sample, e


@derivation("ru_distillation_temperature.md")
def _():
    def sample(r): return dict(z=r.normal(0, 2, 3), v=r.normal(0, 2, 3), T=r.uniform(0.3, 8))
    T = lambda v: v["T"]
    p = lambda v: softmax(v["v"] / T(v))
    q = lambda v, z=None: softmax((v["z"] if z is None else z) / T(v))
    KL = lambda v, z=None: np.sum(p(v) * np.log(p(v) / q(v, z)))
    I = np.eye(3)
    e = [
        K(10, r"$$p_k = \frac{e^{v_k/T}}", "definition of p"),
        K(10, r"q_k = \frac{e^{z_k/T}}", "definition of q"),
        K(11, r"$\mathcal{L} = T^2\, \mathrm{KL}(p \,\|\, q)$", "definition of the loss"),
        S(14, r"= \sum_k p_k \log p_k - \sum_k p_k \log q_k ,$$", KL,
          lambda v: np.sum(p(v) * np.log(p(v))) - np.sum(p(v) * np.log(q(v)))),
        S(17, r"$\log q_k = z_k/T - \log \sum_m e^{z_m/T}$", lambda v: np.log(q(v)),
          lambda v: v["z"] / T(v) - np.log(np.sum(np.exp(v["z"] / T(v))))),
        # planted: the inner factor 1/T of z_k / T is dropped
        S(18, r"\frac{\partial \log q_k}{\partial z_j} = \delta_{kj} - q_j", lambda v: jac(lambda z: np.log(q(v, z)), v["z"]),
          lambda v: I - q(v)[None, :]),
        S(20, r"$\sum_k p_k = 1$", lambda v: np.sum(p(v)), const(1.0)),
        S(21, r"= -\sum_k p_k \left(\delta_{kj} - q_j\right)", lambda v: grad(lambda z: KL(v, z), v["z"]),
          lambda v: -p(v) @ (I - q(v)[None, :])),
        S(21, r"= q_j - p_j .$$", lambda v: -p(v) @ (I - q(v)[None, :]), lambda v: q(v) - p(v)),
        S(24, r"\frac{\partial \mathcal{L}}{\partial z_j} = T^2 \left(q_j - p_j\right)",
          lambda v: grad(lambda z: T(v) ** 2 * KL(v, z), v["z"]), lambda v: T(v) ** 2 * (q(v) - p(v))),
        K(26, r"При $T = 1$", "condition"),
    ]
    return sample, e


@derivation("fr_lissage_etiquettes.md")
def _():
    Kc = 3
    def sample(r): return dict(z=r.normal(0, 2, Kc), y=r.dirichlet(np.ones(Kc)), eps=r.uniform(0, 1))
    eps, y = (lambda v: v["eps"]), (lambda v: v["y"])
    q = lambda v: (1 - eps(v)) * y(v) + eps(v) / Kc
    s = lambda v, z=None: softmax(v["z"] if z is None else z)
    L = lambda v, z=None: -np.sum(q(v) * np.log(s(v, z)))
    I = np.eye(Kc)
    z0, y0, e0 = np.array([2.0, 1.0, 0.0]), np.array([1.0, 0, 0]), 0.1
    s0 = softmax(z0); q0 = (1 - e0) * y0 + e0 / Kc
    g0 = grad(lambda z: -np.sum(q0 * np.log(softmax(z))), z0)
    e = [
        K(10, r"$q = (1 - \varepsilon)\, y + \frac{\varepsilon}{K}\mathbf{1}$", "definition of q"),
        S(11, r"= (1 - \varepsilon)\sum_{k=1}^{K} y_k + K\cdot\frac{\varepsilon}{K}", lambda v: np.sum(q(v)),
          lambda v: (1 - eps(v)) * np.sum(y(v)) + Kc * eps(v) / Kc),
        S(11, r"= 1 .$$", lambda v: (1 - eps(v)) * np.sum(y(v)) + Kc * eps(v) / Kc, const(1.0)),
        K(13, r"$s = \operatorname{softmax}(z)$", "definition of s"),
        K(14, r"$$\mathcal{L} = -\sum_{k=1}^{K} q_k \log s_k", "definition of the loss"),
        S(14, r"= (1 - \varepsilon)\Big(-\sum_k y_k \log s_k\Big)", L,
          lambda v: (1 - eps(v)) * (-np.sum(y(v) * np.log(s(v)))) + eps(v) * (-np.sum(np.log(s(v))) / Kc)),
        S(17, r"$\log s_k = z_k - \log\sum_m e^{z_m}$", lambda v: np.log(s(v)), lambda v: v["z"] - np.log(np.sum(np.exp(v["z"])))),
        S(17, r"$\partial \log s_k / \partial z_j = \delta_{kj} - s_j$", lambda v: jac(lambda z: np.log(s(v, z)), v["z"]),
          lambda v: I - s(v)[None, :]),
        S(18, r"= -\sum_{k} q_k\,(\delta_{kj} - s_j)", lambda v: grad(lambda z: L(v, z), v["z"]), lambda v: -q(v) @ (I - s(v)[None, :])),
        S(18, r"= s_j - q_j =", lambda v: -q(v) @ (I - s(v)[None, :]), lambda v: s(v) - q(v)),
        S(18, r"= s_j - \Big((1-\varepsilon)\, y_j + \frac{\varepsilon}{K}\Big).$$", lambda v: s(v) - q(v),
          lambda v: s(v) - ((1 - eps(v)) * y(v) + eps(v) / Kc)),
        K(20, r"$K = 3$", "given"), K(20, r"$\varepsilon = 0{,}1$", "given"), K(20, r"$y = (1 ; 0 ; 0)$", "given"),
        K(20, r"$z = (2 ; 1 ; 0)$", "given"),
        S(21, r"$$s = (0{,}6652;\ 0{,}2447;\ 0{,}0900)", const(s0), const(Dec("0{,}6652", "0{,}2447", "0{,}0900"))),
        S(21, r"q = (0{,}9333;\ 0{,}0333;\ 0{,}0333),$$", const(q0), const(Dec("0{,}9333", "0{,}0333", "0{,}0333"))),
        S(23, r"$$\nabla_z \mathcal{L} = s - q", const(g0), const(s0 - q0)),
        S(23, r"= (-0{,}2681;\ 0{,}2114;\ 0{,}0567).$$", const(s0 - q0), const(Dec("-0{,}2681", "0{,}2114", "0{,}0567"))),
    ]
    return sample, e


@derivation("es_perdida_contrastiva.md")
def _():
    def sample(r):
        return dict(a=r.normal(0, 1, 2), b=r.normal(0, 1, 2), y=float(r.integers(0, 2)), m=r.uniform(0.2, 3),
                    d=r.uniform(0.01, 4))
    Ld = lambda d, y, m: 0.5 * y * d ** 2 + 0.5 * (1 - y) * np.maximum(0, m - d) ** 2
    dist = lambda a, b: np.sqrt(np.sum((a - b) ** 2))
    La = lambda v, a=None, b=None: Ld(dist(v["a"] if a is None else a, v["b"] if b is None else b), v["y"], v["m"])
    dLdd = lambda v, d=None: d1(lambda t: Ld(t, v["y"], v["m"]), v["d"] if d is None else d)
    def planted_cases(v):
        y, d, m = v["y"], v["d"], v["m"]
        if y == 1: return d
        return 0.0 if d < m else -(m - d)
    a0, b0, m0 = np.array([1.0, 2.0]), np.array([2.0, 0.0]), 1.0
    gA0 = grad(lambda a: Ld(dist(a, b0), 0.0, m0), a0)
    e = [
        K(3, r"$a = f(x_1)$", "definition"), K(3, r"$b = f(x_2)$", "definition"), K(3, r"$d = \lVert a - b \rVert_2$", "definition"),
        K(3, r"$y = 1$", "label convention"), K(3, r"$y = 0$", "label convention"),
        K(5, r"$$L = \frac{1}{2}\, y\, d^2", "definition of the loss"),
        S(10, r"$$\frac{\partial L}{\partial d} = y\, d - (1 - y)\max(0,\, m - d),$$", dLdd,
          lambda v: v["y"] * v["d"] - (1 - v["y"]) * max(0.0, v["m"] - v["d"])),
        # planted: the two branches for dissimilar pairs are swapped
        S(12, r"$$\frac{\partial L}{\partial d} = \begin{cases} d, & y = 1,", dLdd, planted_cases),
        K(12, r"& y = 1,\\", "case condition"), K(12, r"0, & y = 0,\ d < m", "case condition"),
        K(12, r"& y = 0,\ d \ge m", "case condition"),
        S(14, r"$\nabla_a d = (a - b)/d$", lambda v: grad(lambda a: dist(a, v["b"]), v["a"]),
          lambda v: (v["a"] - v["b"]) / dist(v["a"], v["b"])),
        S(15, r"$$\nabla_a L = \frac{\partial L}{\partial d}\,\frac{a - b}{d}", lambda v: grad(lambda a: La(v, a=a), v["a"]),
          lambda v: dLdd(v, dist(v["a"], v["b"])) * (v["a"] - v["b"]) / dist(v["a"], v["b"])),
        S(15, r"\nabla_b L = -\nabla_a L .$$", lambda v: grad(lambda b: La(v, b=b), v["b"]),
          lambda v: -grad(lambda a: La(v, a=a), v["a"])),
        K(17, r"Con $m = 1$", "given"), K(17, r"($y = 0$)", "given"), K(17, r"$a = (1; 2)$", "given"),
        K(17, r"$b = (2; 0)$", "given"),
        S(17, r"$d = \sqrt{1 + 4}", const(dist(a0, b0)), const(math.sqrt(1 + 4))),
        S(17, r"= \sqrt{5}", const(math.sqrt(1 + 4)), const(math.sqrt(5))),
        S(17, r"= 2{,}236$", const(math.sqrt(5)), const(Dec("2{,}236"))),
        S(18, r"$$\nabla_a L = -(1 - 2{,}236)\,\frac{(-1;\ 2)}{2{,}236}", const(gA0),
          const(-(1 - 2.236) * np.array([-1.0, 2.0]) / 2.236)),
        S(18, r"= (-0{,}553;\ 1{,}106).$$", const(-(1 - 2.236) * np.array([-1.0, 2.0]) / 2.236), const(Dec("-0{,}553", "1{,}106"))),
    ]
    return sample, e


@derivation("cookbook_trace_derivatives.md")
def _():
    def sample(r): return dict(X=r.normal(0, 1, (3, 2)), A=r.normal(0, 1, (3, 3)), B=r.normal(0, 1, (2, 3)), C=r.normal(0, 1, (2, 2)))
    X, A, B, C = (lambda v: v["X"]), (lambda v: v["A"]), (lambda v: v["B"]), (lambda v: v["C"])
    q = lambda v, Xx: np.trace(Xx.T @ A(v) @ Xx)
    t = lambda v, Xx: np.trace(B(v) @ Xx @ C(v))
    e = [
        K(10, r"\right]_{ab} = \frac{\partial f}{\partial X_{ab}}", "definition of the notation"),
        S(13, r"$$\operatorname{Tr}(X^\top A X) = \sum_{k}\sum_{i,j} X_{ik} A_{ij} X_{jk} .$$", lambda v: q(v, X(v)),
          lambda v: np.einsum("ik,ij,jk->", X(v), A(v), X(v))),
        S(15, r"= \sum_j A_{aj} X_{jb} + \sum_i X_{ib} A_{ia}", lambda v: grad(lambda Xx: q(v, Xx), X(v)),
          lambda v: np.einsum("aj,jb->ab", A(v), X(v)) + np.einsum("ib,ia->ab", X(v), A(v))),
        S(15, r"= (AX)_{ab} + (A^\top X)_{ab},$$", lambda v: np.einsum("aj,jb->ab", A(v), X(v)) + np.einsum("ib,ia->ab", X(v), A(v)),
          lambda v: A(v) @ X(v) + A(v).T @ X(v)),
        S(17, r"= (A + A^\top)\, X . \tag{108}$$", lambda v: grad(lambda Xx: q(v, Xx), X(v)), lambda v: (A(v) + A(v).T) @ X(v)),
        S(20, r"$$\operatorname{Tr}(B X C) = \sum_{i,j,k} B_{ij} X_{jk} C_{ki},$$", lambda v: t(v, X(v)),
          lambda v: np.einsum("ij,jk,ki->", B(v), X(v), C(v))),
        K(21, r"$j = a$", "condition (which terms)"), K(21, r"$k = b$", "condition (which terms)"),
        # planted: C_{bi} written as C_{ib} (swapped indices -> missing transpose on C)
        S(22, r"= \sum_i B_{ia} C_{ib}", lambda v: grad(lambda Xx: t(v, Xx), X(v)), lambda v: np.einsum("ia,ib->ab", B(v), C(v))),
        S(22, r"= \left(B^\top C\right)_{ab} .$$", lambda v: np.einsum("ia,ib->ab", B(v), C(v)), lambda v: B(v).T @ C(v)),
        S(24, r"\operatorname{Tr}(BXC) = B^\top C . \tag{101}$$", lambda v: grad(lambda Xx: t(v, Xx), X(v)), lambda v: B(v).T @ C(v)),
        K(25, r"Setting $C = I$", "condition"),
        S(25, r"$\frac{\partial}{\partial X}\operatorname{Tr}(BX) = B^\top$", lambda v: grad(lambda Xx: np.trace(B(v) @ Xx), X(v)),
          lambda v: B(v).T),
    ]
    return sample, e


@derivation("se_logdet_frobenius.md")
def _():
    def sample(r):
        Lm = r.normal(0, 1, (2, 2))
        return dict(X=r.normal(0, 1, (2, 2)) + 2.5 * np.eye(2), S=Lm @ Lm.T + 0.5 * np.eye(2), E=r.normal(0, 1, (2, 2)),
                    A=r.normal(0, 1, (3, 2)), B=r.normal(0, 1, (3, 2)))
    X, E, A, B = (lambda v: v["X"]), (lambda v: v["E"]), (lambda v: v["A"]), (lambda v: v["B"])
    inv = np.linalg.inv; det = np.linalg.det
    ld = lambda M: np.log(abs(det(M)))
    R = lambda v: A(v) @ X(v) - B(v)
    fro = lambda v, Xx: np.sum((A(v) @ Xx - B(v)) ** 2)
    M = np.array([[2.0, 1.0], [1.0, 3.0]])
    e = [
        K(9, r"$\partial f/\partial X = G$", "rule for reading off the gradient"),
        S(11, r"$d \det X = \det X \operatorname{tr}(X^{-1} dX)$", lambda v: ddir(det, X(v), E(v)),
          lambda v: det(X(v)) * np.trace(inv(X(v)) @ E(v))),
        S(13, r"= \operatorname{tr}\left(X^{-1}E\right)", lambda v: ddir(ld, X(v), E(v)), lambda v: np.trace(inv(X(v)) @ E(v))),
        S(13, r"= \operatorname{tr}\left((X^{-\top})^\top E\right),$$", lambda v: np.trace(inv(X(v)) @ E(v)),
          lambda v: np.trace(inv(X(v)).T.T @ E(v))),
        S(15, r"$\frac{\partial}{\partial X}\log\lvert\det X\rvert = X^{-\top}$", lambda v: grad(ld, X(v)), lambda v: inv(X(v)).T),
        S(15, r"$\frac{\partial}{\partial S}\log\det S = S^{-1}$", lambda v: grad(ld, v["S"]), lambda v: inv(v["S"])),
        K(17, r"$R = AX - B$", "definition of R"),
        S(17, r"$\lVert R\rVert_F^2 = \operatorname{tr}(R^\top R)$", lambda v: np.sum(R(v) ** 2), lambda v: np.trace(R(v).T @ R(v))),
        S(19, r"= 2\operatorname{tr}\left(R^\top A\, dX\right)", lambda v: ddir(lambda Xx: fro(v, Xx), X(v), E(v)),
          lambda v: 2 * np.trace(R(v).T @ A(v) @ E(v))),
        S(19, r"= \operatorname{tr}\left(\big(2A^\top R\big)^\top dX\right),$$", lambda v: 2 * np.trace(R(v).T @ A(v) @ E(v)),
          lambda v: np.trace((2 * A(v).T @ R(v)).T @ E(v))),
        S(23, r"\lVert AX - B\rVert_F^2 = 2A^\top (AX - B).$$", lambda v: grad(lambda Xx: fro(v, Xx), X(v)),
          lambda v: 2 * A(v).T @ (A(v) @ X(v) - B(v))),
        K(25, r"$M = \begin{pmatrix} 2 & 1 \\ 1 & 3 \end{pmatrix}$", "given matrix"),
        S(25, r"$\det M = 5$", const(det(M)), const(5.0)),
        S(27, r"\log\det M = M^{-1}", const(grad(ld, M)), const(inv(M))),
        S(27, r"= \frac{1}{5}\begin{pmatrix} 3 & -1 \\ -1 & 2 \end{pmatrix},$$", const(inv(M)),
          const(np.array([[3.0, -1.0], [-1.0, 2.0]]) / 5)),
    ]
    return sample, e


@derivation("de_kronecker_vec_uebung.md")
def _():
    def sample(r): return dict(A=r.normal(0, 1, (2, 3)), X=r.normal(0, 1, (3, 4)), B=r.normal(0, 1, (4, 2)))
    A0 = np.array([[1.0, 2], [0, 1]]); X0 = np.array([[1.0, 0], [2, 1]]); B0 = np.array([[1.0, 1], [0, 2]])
    Kr = np.kron(B0.T, A0)
    blocks = np.block([[1 * A0, 0 * A0], [1 * A0, 2 * A0]])
    e = [
        S(5, r"$$\operatorname{vec}(AXB) = \left(B^\top \otimes A\right)\operatorname{vec}(X),$$",
          lambda v: vec(v["A"] @ v["X"] @ v["B"]), lambda v: np.kron(v["B"].T, v["A"]) @ vec(v["X"])),
        K(10, r"$$A = \begin{pmatrix} 1 & 2 \\ 0 & 1 \end{pmatrix}", "given"),
        K(10, r"X = \begin{pmatrix} 1 & 0 \\ 2 & 1 \end{pmatrix}", "given"),
        K(10, r"B = \begin{pmatrix} 1 & 1 \\ 0 & 2 \end{pmatrix}", "given"),
        S(12, r"$AX = \begin{pmatrix} 5 & 2 \\ 2 & 1 \end{pmatrix}$", const(A0 @ X0), const(np.array([[5.0, 2], [2, 1]]))),
        S(13, r"$$AXB = \begin{pmatrix} 5 & 9 \\ 2 & 4 \end{pmatrix}", const(A0 @ X0 @ B0), const(np.array([[5.0, 9], [2, 4]]))),
        S(13, r"\operatorname{vec}(AXB) = (5, 2, 9, 4)^\top", const(vec(A0 @ X0 @ B0)), const(np.array([5.0, 2, 9, 4]))),
        S(16, r"$$B^\top \otimes A = \begin{pmatrix} 1\cdot A & 0\cdot A \\ 1\cdot A & 2\cdot A \end{pmatrix}", const(Kr), const(blocks)),
        S(16, r"= \begin{pmatrix} 1 & 2 & 0 & 0", const(blocks),
          const(np.array([[1.0, 2, 0, 0], [0, 1, 0, 0], [1, 2, 2, 4], [0, 1, 0, 2]]))),
        S(17, r"$\operatorname{vec}(X) = (1, 2, 0, 1)^\top$", const(vec(X0)), const(np.array([1.0, 2, 0, 1]))),
        S(18, r"= (1 + 4,\; 2,\; 1 + 4 + 4,\; 2 + 2)^\top", const(Kr @ vec(X0)), const(np.array([1 + 4, 2, 1 + 4 + 4, 2 + 2.0]))),
        S(18, r"= (5, 2, 9, 4)^\top. \quad\checkmark$$", const(np.array([1 + 4, 2, 1 + 4 + 4, 2 + 2.0])), const(np.array([5.0, 2, 9, 4]))),
        S(21, r"= B^\top \otimes A .$$", lambda v: jac(lambda Xv: vec(v["A"] @ Xv.reshape(4, 3).T @ v["B"]), vec(v["X"])),
          lambda v: np.kron(v["B"].T, v["A"])),
        K(22, r"Für $B = I$", "condition"), K(22, r"$A = I$", "condition"), K(22, r"$Y = WX$", "example layer (definition)"),
    ]
    return sample, e


@derivation("blog_silu_mish_derivatives.md")
def _():
    def sample(r): return dict(x=r.normal(0, 2.5))
    silu = lambda x: x * sig(x)
    zeta = lambda x: np.log1p(np.exp(x))
    mish = lambda x: x * np.tanh(zeta(x))
    sech2 = lambda u: 1 - np.tanh(u) ** 2
    x = lambda v: v["x"]
    e = [
        K(12, r"$\operatorname{SiLU}(x) = x\,\sigma(x)$", "definition"),
        S(14, r"= \sigma(x) + x\,\sigma(x)\big(1 - \sigma(x)\big)", lambda v: d1(silu, x(v)),
          lambda v: sig(x(v)) + x(v) * sig(x(v)) * (1 - sig(x(v)))),
        S(14, r"= \sigma(x)\Big(1 + x\big(1 - \sigma(x)\big)\Big).$$", lambda v: sig(x(v)) + x(v) * sig(x(v)) * (1 - sig(x(v))),
          lambda v: sig(x(v)) * (1 + x(v) * (1 - sig(x(v))))),
        K(16, r"At $x = 1$", "given"),
        S(16, r"$\sigma(1) = 0.7311$", const(sig(1.0)), const(Dec("0.7311"))),
        S(16, r"$\operatorname{SiLU}'(1) = 0.7311 \cdot (1 + 0.2689)", const(d1(silu, 1.0)), const(0.7311 * (1 + 0.2689)),
          tol=1.27 * 0.5e-4 + 0.7311 * 0.5e-4),
        S(16, r"= 0.9277$", const(0.7311 * (1 + 0.2689)), const(Dec("0.9277"))),
        K(20, r"$\zeta(x) = \log(1 + e^x)$", "definition of softplus"),
        S(22, r"$$\operatorname{Mish}'(x) = \tanh(\zeta(x)) + x\,\frac{d}{dx}\tanh(\zeta(x)),$$", lambda v: d1(mish, x(v)),
          lambda v: np.tanh(zeta(x(v))) + x(v) * d1(lambda t: np.tanh(zeta(t)), x(v))),
        # planted: the derivative of the inner softplus is written as softplus itself (should be sigma(x))
        S(26, r"$$\frac{d}{dx}\tanh(\zeta(x)) = \operatorname{sech}^2(\zeta(x))\,\zeta(x).$$", lambda v: d1(lambda t: np.tanh(zeta(t)), x(v)),
          lambda v: sech2(zeta(x(v))) * zeta(x(v))),
        S(30, r"$$\operatorname{Mish}'(x) = \tanh(\zeta(x)) + x\,\operatorname{sech}^2(\zeta(x))\,\zeta(x).$$", lambda v: d1(mish, x(v)),
          lambda v: np.tanh(zeta(x(v))) + x(v) * sech2(zeta(x(v))) * zeta(x(v))),
        S(32, r"$\operatorname{Mish}'(0) = \tanh(\log 2)", const(d1(mish, 0.0)), const(math.tanh(math.log(2)))),
        S(32, r"= 0.6$", const(math.tanh(math.log(2))), const(0.6)),
        K(34, r"At $x = 1$", "given"),
        S(44, r"$$\operatorname{Mish}'(1) = 0.8651 + 0.2516 \cdot 1.3133", const(d1(mish, 1.0)), const(0.8651 + 0.2516 * 1.3133)),
        S(44, r"= 1.1955 .$$", const(0.8651 + 0.2516 * 1.3133), const(Dec("1.1955"))),
    ]
    # the table values are the correctly rounded intermediate quantities
    assert abs(zeta(1.0) - 1.3133) < 5e-5 and abs(np.tanh(zeta(1.0)) - 0.8651) < 5e-5 and abs(sech2(zeta(1.0)) - 0.2516) < 5e-5
    return sample, e


@derivation("notes_logsigmoid_identities.md")
def _():
    def sample(r): return dict(x=r.normal(0, 3), y=r.uniform(0, 1))
    x, y = (lambda v: v["x"]), (lambda v: v["y"])
    ls = lambda t: np.log(sig(t))
    e = [
        K(8, r"$\operatorname{softplus}(x) = \log(1 + e^x)$", "definition"),
        S(11, r"$$\log\sigma(x) = -\log\left(1 + e^{-x}\right)", lambda v: ls(x(v)), lambda v: -np.log(1 + np.exp(-x(v)))),
        S(11, r"= -\operatorname{softplus}(-x).$$", lambda v: -np.log(1 + np.exp(-x(v))), lambda v: -softplus(-x(v))),
        S(13, r"$\sigma(x)/\sigma(-x) = e^{x}$", lambda v: sig(x(v)) / sig(-x(v)), lambda v: np.exp(x(v))),
        S(14, r"$$\log\sigma(x) - \log\sigma(-x) = x,", lambda v: ls(x(v)) - ls(-x(v)), x),
        S(14, r"\log\big(1 - \sigma(x)\big) = \log\sigma(-x)", lambda v: np.log(1 - sig(x(v))), lambda v: ls(-x(v))),
        S(14, r"= \log\sigma(x) - x .$$", lambda v: ls(-x(v)), lambda v: ls(x(v)) - x(v)),
        S(17, r"= \frac{e^{-x}}{1 + e^{-x}}", lambda v: d1(ls, x(v)), lambda v: np.exp(-x(v)) / (1 + np.exp(-x(v)))),
        S(17, r"= 1 - \sigma(x)", lambda v: np.exp(-x(v)) / (1 + np.exp(-x(v))), lambda v: 1 - sig(x(v))),
        S(17, r"= \sigma(-x).$$", lambda v: 1 - sig(x(v)), lambda v: sig(-x(v))),
        S(20, r"= -\log\sigma(x) + (1 - y)\,x", lambda v: -y(v) * ls(x(v)) - (1 - y(v)) * np.log(1 - sig(x(v))),
          lambda v: -ls(x(v)) + (1 - y(v)) * x(v)),
        S(20, r"= \operatorname{softplus}(x) - y\,x,$$", lambda v: -ls(x(v)) + (1 - y(v)) * x(v), lambda v: softplus(x(v)) - y(v) * x(v)),
        S(21, r"$\operatorname{softplus}(-x) + x = \operatorname{softplus}(x)$", lambda v: softplus(-x(v)) + x(v), lambda v: softplus(x(v))),
    ]
    return sample, e


@derivation("ocr_attention_scaling_notes.md")
def _():
    import itertools
    dk = 2
    def sample(r):
        vals = r.normal(0, 1, 3); pr = r.dirichlet(np.ones(3))
        mu = pr @ vals; sd = math.sqrt(pr @ (vals - mu) ** 2)
        return dict(vals=(vals - mu) / sd, pr=pr, z=r.normal(0, 2, 4))    # a zero-mean, unit-variance law
    def E(v, f):       # exact expectation over q, k in R^{dk} with iid components
        tot = 0.0
        for idx in itertools.product(range(3), repeat=2 * dk):
            p = np.prod([v["pr"][i] for i in idx]); x = np.array([v["vals"][i] for i in idx])
            tot += p * f(x[:dk], x[dk:])
        return tot
    def E1(v, f): return sum(p * f(val) for val, p in zip(v["vals"], v["pr"]))
    dot = lambda q, k: q @ k
    Var = lambda v, f: E(v, lambda q, k: f(q, k) ** 2) - E(v, f) ** 2
    var_qk_i = lambda v: E(v, lambda q, k: (q[0] * k[0]) ** 2) - E(v, lambda q, k: q[0] * k[0]) ** 2
    s = lambda v: softmax(v["z"])
    J = lambda v: jac(softmax, v["z"])
    off = 1 - np.eye(4); on = np.eye(4)
    e = [
        S(12, r"\mathbb{E}[q \cdot k]=\sum_{i=1}^{d_{k}} \mathbb{E}\left[q_{i}\right]", lambda v: E(v, dot),
          lambda v: dk * E1(v, lambda t: t) * E1(v, lambda t: t)),
        S(12, r"\mathbb{E}\left[k_{i}\right]=0", lambda v: dk * E1(v, lambda t: t) * E1(v, lambda t: t), const(0.0)),
        S(16, r"\operatorname{Var}(q \cdot k)=\sum_{i=1}^{d_{k}}", lambda v: Var(v, dot), lambda v: dk * var_qk_i(v)),
        S(20, r"=\sum_{i=1}^{d_{k}} \mathbb{E}\left[q_{i}^{2}\right]", lambda v: dk * var_qk_i(v),
          lambda v: dk * E1(v, lambda t: t * t) * E1(v, lambda t: t * t)),
        S(20, r"\right]=d_{k}", lambda v: dk * E1(v, lambda t: t * t) * E1(v, lambda t: t * t), const(float(dk))),
        S(26, r"=\frac{1}{d_{k}} \operatorname{Var}(q \cdot k)", lambda v: Var(v, lambda q, k: dot(q, k) / math.sqrt(dk)),
          lambda v: Var(v, dot) / dk),
        S(26, r"\operatorname{Var}(q \cdot k)=1", lambda v: Var(v, dot) / dk, const(1.0)),
        K(29, r"\( s=\operatorname{Softmax}(z) \)", "definition of s"),
        K(29, r"\( s_{k}=e^{z_{k}} / \sum_{j} e^{z_{j}} \)", "definition of s_k"),
        S(32, r"\frac{\partial s_{k}}{\partial z_{l}}=-s_{k} s_{l}", lambda v: J(v) * off, lambda v: -np.outer(s(v), s(v)) * off),
        S(36, r"\frac{\partial s_{k}}{\partial z_{l}}=s_{k}\left(1-s_{k}\right)", lambda v: np.diag(J(v)), lambda v: s(v) * (1 - s(v))),
        K(36, r"\text { where } k=l", "condition k = l"),
    ]
    return sample, e


@derivation("ocr_lstm_cell_backward.md")
def _():
    def sample(r):
        return dict(cp=r.normal(0, 1.5, 3), af=r.normal(0, 1.5, 3), i=r.uniform(0, 1, 3), g=r.uniform(-1, 1, 3),
                    o=r.uniform(0, 1, 3), fn=r.uniform(0, 1, 3), rn=r.normal(0, 1, 3),
                    al=r.normal(0, 1, 3), be=r.normal(0, 1, 3), ka=r.normal(0, 1, 3))
    def fwd(v, **kw):
        w = dict(v); w.update(kw)
        f = w.get("f", sig(w["af"]))
        c = w.get("c", f * w["cp"] + w["i"] * w["g"])
        h = w["o"] * np.tanh(c)
        cn = w["fn"] * c + w["rn"]
        Lv = w["al"] * h + w["be"] * cn + 0.5 * w["ka"] * h ** 2      # elementwise pieces of L
        return dict(f=f, c=c, h=h, cn=cn, L=Lv)
    F = lambda v: fwd(v)
    dh = lambda v: v["al"] + v["ka"] * F(v)["h"]                         # delta h_t (total)
    dcn = lambda v: v["be"]                                              # delta c_{t+1}
    dc_true = lambda v: d1(lambda t: fwd(v, c=t)["L"], F(v)["c"])
    dL = lambda v, name: d1(lambda t: fwd(v, **{name: t})["L"], v[name] if name in v else F(v)[name])
    e = [
        K(7, r"& c_{t}=f_{t} \odot c_{t-1}+i_{t} \odot g_{t}", "definition"),
        K(8, r"& h_{t}=o_{t} \odot \tanh \left(c_{t}\right)", "definition"),
        K(12, r"$\delta h_{t}=\frac{\partial L}{\partial h_{t}}$", "notation"),
        K(12, r"$\delta c_{t+1}=\frac{\partial L}{\partial", "notation"),
        K(14, r"$c_{t+1}=f_{t+1} \odot c_{t}+i_{t+1} \odot g_{t+1}$", "definition (next step)"),
        S(17, r"\frac{\partial c_{t+1}}{\partial c_{t}}=f_{t+1}", lambda v: d1(lambda t: fwd(v, c=t)["cn"], F(v)["c"]), lambda v: v["fn"]),
        S(17, r"\frac{\partial c_{t}}{\partial c_{t-1}}=f_{t}", lambda v: d1(lambda t: fwd(v, cp=t)["c"], v["cp"]), lambda v: F(v)["f"]),
        # planted: 1 - tanh^2(c) written as (1 - tanh(c))^2
        S(21, r"\frac{\partial h_{t}}{\partial c_{t}}=o_{t} \odot\left(1-\tanh \left(c_{t}\right)\right)^{2}",
          lambda v: d1(lambda t: fwd(v, c=t)["h"], F(v)["c"]), lambda v: v["o"] * (1 - np.tanh(F(v)["c"])) ** 2),
        S(25, r"\delta c_{t}=\delta h_{t} \odot o_{t} \odot\left(1-\tanh \left(c_{t}\right)\right)^{2}", dc_true,
          lambda v: dh(v) * v["o"] * (1 - np.tanh(F(v)["c"])) ** 2 + dcn(v) * v["fn"]),
        S(31, r"\delta f_{t}=\delta c_{t} \odot c_{t-1}", lambda v: d1(lambda t: fwd(v, f=t)["L"], F(v)["f"]), lambda v: dc_true(v) * v["cp"]),
        S(31, r"\delta i_{t}=\delta c_{t} \odot g_{t}", lambda v: dL(v, "i"), lambda v: dc_true(v) * v["g"]),
        S(31, r"\delta g_{t}=\delta c_{t} \odot i_{t}", lambda v: dL(v, "g"), lambda v: dc_true(v) * v["i"]),
        S(35, r"\delta o_{t}=\delta h_{t} \odot \tanh \left(c_{t}\right)", lambda v: dL(v, "o"), lambda v: dh(v) * np.tanh(F(v)["c"])),
        S(38, r"$\delta a_{f}=\delta f_{t} \odot f_{t} \odot\left(1-f_{t}\right)$", lambda v: dL(v, "af"),
          lambda v: dc_true(v) * v["cp"] * F(v)["f"] * (1 - F(v)["f"])),
    ]
    return sample, e


@derivation("ocr_triplet_margin_gradients.md")
def _():
    def sample(r):
        a, p, n = r.normal(0, 1, 3), r.normal(0, 1, 3), r.normal(0, 1, 3)
        alpha = max(0.0, np.sum((a - n) ** 2) - np.sum((a - p) ** 2)) + r.uniform(0.1, 2)   # an active triplet
        u = r.normal(0, 1, 3); u /= np.linalg.norm(u)
        return dict(a=a, p=p, n=n, al=alpha, n_far=a + 10 * u, al2=r.uniform(0.1, 1.0))     # and an easy one
    Lf = lambda a, p, n, al: max(np.sum((a - p) ** 2) - np.sum((a - n) ** 2) + al, 0.0)
    a, p, n = (lambda v: v["a"]), (lambda v: v["p"]), (lambda v: v["n"])
    gA = lambda v: grad(lambda t: Lf(t, p(v), n(v), v["al"]), a(v))
    gP = lambda v: grad(lambda t: Lf(a(v), t, n(v), v["al"]), p(v))
    gN = lambda v: grad(lambda t: Lf(a(v), p(v), t, v["al"]), n(v))
    eA = lambda v: grad(lambda t: Lf(t, p(v), v["n_far"], v["al2"]), a(v))
    eP = lambda v: grad(lambda t: Lf(a(v), t, v["n_far"], v["al2"]), p(v))
    eN = lambda v: grad(lambda t: Lf(a(v), p(v), t, v["al2"]), v["n_far"])
    e = [
        K(4, r"L(a, p, n)=\max \left(", "definition of the loss"),
        S(12, r"\frac{\partial L}{\partial a}=2(a-p)-2(a-n)", gA, lambda v: 2 * (a(v) - p(v)) - 2 * (a(v) - n(v))),
        S(16, r"=2(n-p)", lambda v: 2 * (a(v) - p(v)) - 2 * (a(v) - n(v)), lambda v: 2 * (n(v) - p(v))),
        S(20, r"\frac{\partial L}{\partial p}=-2(a-p)", gP, lambda v: -2 * (a(v) - p(v))),
        S(20, r"=2(p-a)", lambda v: -2 * (a(v) - p(v)), lambda v: 2 * (p(v) - a(v))),
        S(24, r"\frac{\partial L}{\partial n}=2(a-n)", gN, lambda v: 2 * (a(v) - n(v))),
        S(27, r"=2(n-p)+2(p-a)+2(a-n)", lambda v: gA(v) + gP(v) + gN(v),
          lambda v: 2 * (n(v) - p(v)) + 2 * (p(v) - a(v)) + 2 * (a(v) - n(v))),
        S(27, r"+2(a-n)=0$", lambda v: 2 * (n(v) - p(v)) + 2 * (p(v) - a(v)) + 2 * (a(v) - n(v)), const(np.zeros(3))),
        S(32, r"\frac{\partial L}{\partial a}=\frac{\partial L}{\partial p}", eA, eP),
        S(32, r"=\frac{\partial L}{\partial n}=0", eP, eN),
        S(32, r"\frac{\partial L}{\partial n}=0", eN, const(np.zeros(3))),
    ]
    return sample, e


@derivation("nb_gelu_by_hand.md")
def _():
    def sample(r): return dict(x=r.normal(0, 2.5))
    gelu = lambda x: x * Phi(x)
    x = lambda v: v["x"]
    e = [
        K(3, r"$\operatorname{GELU}(x) = x\,\Phi(x)$", "definition"),
        S(6, r"$$\operatorname{GELU}'(x) = \Phi(x) + x\,\varphi(x)$$", lambda v: d1(gelu, x(v)), lambda v: Phi(x(v)) + x(v) * phi(x(v))),
        S(8, r"$\Phi(1) = 0.8413$", const(Phi(1.0)), const(Dec("0.8413"))),
        S(8, r"$\varphi(1) = 0.2420$", const(phi(1.0)), const(Dec("0.2420"))),
        S(10, r"$$\operatorname{GELU}'(1) = 0.8413 + 0.2420", const(d1(gelu, 1.0)), const(0.8413 + 0.2420), tol=1e-4),
        S(10, r"= 1.0833$$", const(0.8413 + 0.2420), const(Dec("1.0833"))),
        K(12, r"at $x = -1$", "given"),
        S(14, r"$$\operatorname{GELU}'(-1) = \Phi(-1) - \varphi(1)", const(d1(gelu, -1.0)), const(Phi(-1.0) - phi(1.0))),
        S(14, r"= 0.1587 - 0.2420", const(Phi(-1.0) - phi(1.0)), const(0.1587 - 0.2420), tol=1e-4),
        S(14, r"= -0.0833$$", const(0.1587 - 0.2420), const(Dec("-0.0833"))),
        S(18, r"= x\big(\Phi(x) + \Phi(-x)\big)", lambda v: gelu(x(v)) - gelu(-x(v)), lambda v: x(v) * (Phi(x(v)) + Phi(-x(v)))),
        S(18, r"\big) = x$", lambda v: x(v) * (Phi(x(v)) + Phi(-x(v))), x),
        K(20, r"at $x = 1$", "given"),
        S(22, r"= \tfrac12\left(1 + \tanh(0.8336)\right)", const(0.5 * (1 + math.tanh(0.7979 * (1 + 0.044715)))),
          const(0.5 * (1 + math.tanh(0.8336))), tol=0.5 * 0.5e-4),
        S(22, r"= 0.8412$$", const(0.5 * (1 + math.tanh(0.8336))), const(Dec("0.8412"))),
    ]
    # the rounded constants used in the text
    assert abs(math.sqrt(2 / math.pi) - 0.7979) < 5e-5 and abs(1 - 0.8413 - 0.1587) < 1e-12
    return sample, e


@derivation("forum_dilated_conv_weight_grad.md")
def _():
    X0 = np.arange(25.0).reshape(5, 5)
    def conv_dil(X, W, d=2):
        n_out = X.shape[0] - d * (W.shape[0] - 1)
        return np.array([[sum(W[p, q] * X[i + d * p, j + d * q] for p in range(2) for q in range(2))
                          for j in range(n_out)] for i in range(n_out)])
    def sample(r): return dict(W=r.normal(0, 1, (2, 2)), r=int(r.integers(0, 30)), c=int(r.integers(0, 30)))
    L = lambda X, W: np.sum(conv_dil(X, W))
    dW = lambda v: grad(lambda W: L(X0, W), v["W"])
    dW0 = grad(lambda W: L(X0, W), np.zeros((2, 2)))
    e = [
        K(12, r"$X_{ab} = 5a + b$", "definition (torch.arange)"),
        S(12, r"\rfloor + 1 = 3$", const(conv_dil(X0, np.ones((2, 2))).shape[0]), const(math.floor((5 + 2 * 0 - 2 * (2 - 1) - 1) / 1) + 1)),
        K(14, r"$$Y_{ij} = \sum_{p=0}^{1}\sum_{q=0}^{1}", "definition of Y"),
        S(16, r"$\partial L/\partial Y_{ij} = 1$", lambda v: grad(lambda Y: np.sum(Y), conv_dil(X0, v["W"])), const(np.ones((3, 3)))),
        S(18, r"= \sum_{i=0}^{2}\sum_{j=0}^{2} X_{i + 2p,\; j + 2q} .$$", dW,
          const(np.array([[sum(X0[i + 2 * p, j + 2 * q] for i in range(3) for j in range(3)) for q in range(2)] for p in range(2)]))),
        S(20, r"$\partial L/\partial X_{22} = W_{00} + W_{01} + W_{10} + W_{11}$",
          lambda v: grad(lambda X: L(X, v["W"]), X0)[2, 2], lambda v: np.sum(v["W"])),
        S(24, r"= 45r + 9c + 54 .$$", lambda v: sum(5 * a + b for a in range(v["r"], v["r"] + 3) for b in range(v["c"], v["c"] + 3)),
          lambda v: 45 * v["r"] + 9 * v["c"] + 54),
        S(26, r"$\partial L/\partial W_{00} = 54$", const(dW0[0, 0]), const(54)),
        # planted: the indices p and q are swapped (the row offset 2 is used for W_01)
        S(28, r"= \sum_{i=0}^{2}\sum_{j=0}^{2} X_{i + 2,\; j}", const(dW0[0, 1]),
          const(sum(X0[i + 2, j] for i in range(3) for j in range(3)))),
        S(28, r"= 144,$$", const(sum(X0[i + 2, j] for i in range(3) for j in range(3))), const(144)),
        S(30, r"$\partial L/\partial W_{11} = 45 \cdot 2 + 9 \cdot 2 + 54", const(dW0[1, 1]), const(45 * 2 + 9 * 2 + 54)),
        S(30, r"= 162$", const(45 * 2 + 9 * 2 + 54), const(162)),
        S(32, r"$$\nabla_W L = \begin{pmatrix} 54 & 144 \\ 72 & 162 \end{pmatrix}.$$", const(dW0),
          const(np.array([[54.0, 144], [72, 162]]))),
    ]
    return sample, e


# -------------------------------------------------------------------------------- scanning the text

def top_level_equals(path):
    """Line numbers (1-based, with multiplicity) of every '=' at brace depth 0 inside math."""
    lines = open(path, encoding="utf-8").read().split("\n")
    start = 0
    if lines and lines[0].strip() == "---":
        start = next(i for i in range(1, len(lines)) if lines[i].strip() == "---") + 1
    chars, where = [], []
    fence = False
    for ln in range(start, len(lines)):
        L = lines[ln]
        if L.strip().startswith("```"):
            fence = not fence
            L = ""
        elif fence:
            L = ""
        else:
            L = re.sub(r"`[^`]*`", lambda m: " " * len(m.group()), L)
        for ch in L + "\n":
            chars.append(ch); where.append(ln + 1)
    s = "".join(chars)
    taken = [False] * len(s)
    segs = []
    envs = r"(?:equation|align|gather|multline)\*?"
    for pat in (r"\$\$(.*?)\$\$", r"\\\[(.*?)\\\]", r"\\\((.*?)\\\)",
                r"\\begin\{" + envs + r"\}(.*?)\\end\{" + envs + r"\}"):
        for m in re.finditer(pat, s, re.S):
            if any(taken[m.start():m.end()]):
                continue
            segs.append((m.start(1), m.end(1)))
            for i in range(m.start(), m.end()):
                taken[i] = True
    rest = "".join(" " if taken[i] and s[i] != "\n" else s[i] for i in range(len(s)))
    for m in re.finditer(r"(?<!\\)\$([^$]+?)(?<!\\)\$", rest):
        segs.append((m.start(1), m.end(1)))
    out = []
    for a, b in segs:
        depth = 0
        for i in range(a, b):
            ch = s[i]
            esc = i > 0 and s[i - 1] == "\\"
            if ch == "{" and not esc:
                depth += 1
            elif ch == "}" and not esc:
                depth -= 1
            elif ch == "=" and depth == 0:
                out.append(where[i])
    return sorted(out)


# ----------------------------------------------------------------------------------------- running

def main():
    expected = json.load(open(os.path.join(D, "expected.json")))
    problems = []
    md = sorted(f for f in os.listdir(D) if f.endswith(".md") and f != "README.md")
    if sorted(expected) != md:
        problems.append(f"expected.json names {sorted(expected)} but the folder holds {md}")
    if sorted(FILES) != md:
        problems.append(f"verify_truth.py covers {sorted(FILES)} but the folder holds {md}")
    n_planted = sum(v is not None for v in expected.values())
    if len(md) != 40 or n_planted != 20:
        problems.append(f"want 40 files with 20 planted errors, have {len(md)} files and {n_planted} planted")
    rng = np.random.default_rng(20250707)
    n_steps = n_wrong = 0
    for name in md:
        if name not in FILES:
            continue
        sample, entries = FILES[name]()
        lines = open(os.path.join(D, name), encoding="utf-8").read().split("\n")
        # 0. size of the file and number of claimed steps
        n_s = sum(isinstance(en, S) for en in entries)
        if not (10 <= len(lines) <= 51) or not (3 <= n_s <= 12):
            problems.append(f"{name}: {len(lines)} lines and {n_s} steps (want 10-50 lines, 3-12 steps)")
        # 1. every entry is anchored to its line
        for en in entries:
            ln = en.line
            if not (1 <= ln <= len(lines)) or en.anchor not in lines[ln - 1]:
                problems.append(f"{name}: anchor {en.anchor!r} not found on line {ln}")
            if isinstance(en, S) and en.eq != en.line and "=" not in lines[en.eq - 1]:
                problems.append(f"{name}: no '=' on line {en.eq} for the step on line {en.line}")
        # 2. every top-level '=' in the math is accounted for
        found = top_level_equals(os.path.join(D, name))
        declared = sorted(en.eq for en in entries)
        if found != declared:
            cf, cd = Counter(found), Counter(declared)
            diff = {ln: (cf.get(ln, 0), cd.get(ln, 0)) for ln in sorted(set(cf) | set(cd)) if cf.get(ln, 0) != cd.get(ln, 0)}
            problems.append(f"{name}: '=' per line (found, declared) differ: {diff}")
        # 3. evaluate every claimed step
        draws = [sample(rng) for _ in range(DRAWS)]
        steps = [en for en in entries if isinstance(en, S)]
        order = sorted(range(len(steps)), key=lambda i: (steps[i].line, i))
        if order != list(range(len(steps))):
            problems.append(f"{name}: steps are not listed in document order")
        status = []
        for st in steps:
            bad = 0; worst = 0.0
            for v in draws:
                lhs, rhs = st.lhs(v), st.rhs(v)
                if not close(lhs, rhs, st.tol):
                    bad += 1
                    la = lhs.val if isinstance(lhs, Dec) else lhs
                    ra = rhs.val if isinstance(rhs, Dec) else rhs
                    la, ra = np.asarray(la, float), np.asarray(ra, float)
                    worst = max(worst, float(np.max(np.abs(la - ra)))) if la.shape == ra.shape else float("inf")
            status.append((st, bad, worst))
        n_steps += len(steps)
        failing = [(st, bad, worst) for st, bad, worst in status if bad]
        first = failing[0][0].line if failing else None
        want = expected.get(name, "missing")
        tag = "ok " if first == want else "BAD"
        if first is None:
            desc = f"all {len(steps)} steps hold"
        else:
            n_wrong += 1
            st, bad, worst = failing[0]
            before = sum(1 for s_, b_, _ in status if s_.line < st.line)
            desc = (f"first wrong step on line {st.line} (fails at {bad}/{DRAWS} draws, max |lhs-rhs| {worst:.3g}); "
                    f"{before} earlier steps hold; later failing lines: {sorted({s_.line for s_, _, _ in failing[1:]})}")
        print(f"{tag} {name}: {desc}; expected {want}")
        if first != want:
            problems.append(f"{name}: numpy says first wrong step {first}, expected.json says {want}")
    print(f"\n{len(md)} files, {n_steps} claimed steps checked at {DRAWS} random draws each; "
          f"{n_wrong} files with a wrong step")
    for p in problems:
        print("PROBLEM:", p)
    print("verify_truth: " + ("OK — expected.json confirmed" if not problems else f"{len(problems)} problem(s)"))
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
