#!/usr/bin/env python3
"""Numerically confirm the ground truth of the corpus in this folder (NumPy only)."""
import json, os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(0)
results = {}

def close(a, b, tol=1e-6):
    return bool(np.allclose(np.asarray(a, float), np.asarray(b, float), atol=tol, rtol=1e-6))

def num_grad(f, x, h=1e-6):
    x = np.array(x, dtype=float); g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        xp = x.copy(); xm = x.copy(); xp[idx] += h; xm[idx] -= h
        g[idx] = (f(xp) - f(xm)) / (2 * h)
    return g

def softmax(Z):
    Z = Z - Z.max(axis=-1, keepdims=True); E = np.exp(Z)
    return E / E.sum(axis=-1, keepdims=True)

def sig(z): return 1 / (1 + np.exp(-z))

# 01 softmax CE (correct)
def t01():
    ok = []
    z = rng.normal(size=5); y = np.eye(5)[2]
    L = lambda z: -np.sum(y * np.log(softmax(z)))
    ok.append(close(num_grad(L, z), softmax(z) - y))
    # log-sum-exp derivative = softmax
    ok.append(close(num_grad(lambda z: np.log(np.sum(np.exp(z))), z), softmax(z)))
    N, K = 4, 3; Z = rng.normal(size=(N, K)); Y = np.eye(K)[rng.integers(0, K, N)]
    LB = lambda Z: -np.mean(np.sum(Y * np.log(softmax(Z)), axis=1))
    ok.append(close(num_grad(LB, Z), (softmax(Z) - Y) / N))
    p = softmax(np.array([1., 2., 0.]))
    ok.append(close(p, [0.2447, 0.6652, 0.0900], 1e-4))
    gz = p - np.array([0, 1, 0])
    ok.append(close(gz, [0.2447, -0.3348, 0.0900], 1e-4) and abs(gz.sum()) < 1e-12)
    return all(ok), "grad = p - y, batch (P-Y)/N, numbers"

# 02 sigmoid (planted line 9: sigma(1+sigma))
def t02():
    ok = []
    z = rng.normal(size=6)
    d = num_grad(lambda v: np.sum(sig(v)), z)
    ok.append(close(d, np.exp(-z) / (1 + np.exp(-z))**2))                 # line 7
    ok.append(close(d, sig(z) * np.exp(-z) / (1 + np.exp(-z))))            # line 8
    ok.append(not close(d, sig(z) * (1 + sig(z)), 1e-3))                   # planted false
    ok.append(close(d, sig(z) * (1 - sig(z))))                             # correction
    w, x, b, t = 0.5, 2.0, -1.0, 1.0
    L = lambda w: 0.5 * (sig(w * x + b) - t)**2
    g = num_grad(L, np.array(w)).item()
    ok.append(abs(g - (-0.25)) < 1e-6 and abs(g - (-0.75)) > 0.1)
    return all(ok), "planted sigma' = s(1+s) false, s(1-s) true; true dL/dw=-0.25 (text -0.75)"

# 03 linear layer (planted line 10: dX = G W)
def t03():
    ok = []
    N, D, M = 3, 4, 4  # D == M so that the wrong G W is even defined
    X = rng.normal(size=(N, D)); W = rng.normal(size=(D, M)); b = rng.normal(size=M)
    G = rng.normal(size=(N, M))
    L = lambda X, W, b: np.sum(G * (X @ W + b))
    dX = num_grad(lambda X_: L(X_, W, b), X)
    dW = num_grad(lambda W_: L(X, W_, b), W)
    db = num_grad(lambda b_: L(X, W, b_), b)
    ok.append(close(dX, np.einsum('nm,dm->nd', G, W)))   # B.6 left
    ok.append(close(dW, np.einsum('nd,nm->dm', X, G)))   # B.6 right
    ok.append(not close(dX, G @ W, 1e-3))                # planted false
    ok.append(close(dX, G @ W.T))                        # correction
    ok.append(close(dW, X.T @ G) and close(db, G.sum(0)))
    return all(ok), "planted dX = G W false, G W^T true; dW, db correct"

# 04 ReLU backward (correct)
def t04():
    ok = []
    x = np.array([-1.5, 0.3, 2.0, -0.2]); g = np.array([0.4, -1.0, 0.5, 0.7])
    d = num_grad(lambda v: np.sum(g * np.maximum(0, v)), x)
    ok.append(close(d, g * (x > 0)) and close(d, [0, -1.0, 0.5, 0]))
    y = np.maximum(0, x); ok.append(np.array_equal(y > 0, x > 0))
    return all(ok), "mask from x, example (0,-1,0.5,0)"

# 05 conv output size (planted line 13: missing -1)
def brute_positions(H, k, p, s, d):
    span = d * (k - 1) + 1
    return len([i for i in range(0, H + 2 * p, s) if i + span <= H + 2 * p])

def t05():
    ok = []
    for (H, k, p, s, d) in [(H, k, p, s, d) for H in range(5, 20) for k in (1, 2, 3, 5)
                            for p in (0, 1, 2) for s in (1, 2, 3) for d in (1, 2, 3)]:
        if d * (k - 1) + 1 > H + 2 * p: continue
        ok.append((H + 2 * p - d * (k - 1) - 1) // s + 1 == brute_positions(H, k, p, s, d))
    planted = lambda H, k, p, s, d: (H + 2 * p - d * (k - 1)) // s + 1
    ok.append(planted(32, 3, 1, 2, 2) != brute_positions(32, 3, 1, 2, 2))
    ok.append(brute_positions(32, 3, 1, 2, 2) == 15 and planted(32, 3, 1, 2, 2) == 16)
    ok.append(brute_positions(28, 5, 2, 1, 1) == 28 and planted(28, 5, 2, 1, 1) == 29)
    ok.append(2 * (3 - 1) + 1 == 5)  # k_eff for k=3, d=2
    return all(ok), "planted floor((H+2p-d(k-1))/s)+1 false; true 15 and 28 (text 16, 29)"

# 06 max-pool backward (correct)
def t06():
    X = np.array([[1, 3, 2, 0], [4, 2, 1, 5], [0, 1, 7, 2], [6, 2, 3, 4]], float)
    G = np.array([[0.1, -0.2], [0.3, 0.5]])
    pool = lambda X: X.reshape(2, 2, 2, 2).max(axis=(1, 3))
    ok = [close(pool(X), [[4, 5], [6, 7]])]
    d = num_grad(lambda X_: np.sum(G * pool(X_)), X)
    exp = np.array([[0, 0, 0, 0], [0.1, 0, 0, -0.2], [0, 0, 0.5, 0], [0.3, 0, 0, 0]])
    ok.append(close(d, exp) and abs(d.sum() - 0.7) < 1e-9)
    return all(ok), "Y=[[4,5],[6,7]], dX routed to argmax, sum 0.7"

# 07 momentum (planted line 15: 3.6+2.4 = 5.0)
def t07():
    ok = []
    fp = lambda w: 4 * w; eta, beta = 0.1, 0.9
    w, v = 1.0, 0.0; traj = []
    for _ in range(2):
        v = beta * v + fp(w); w = w - eta * v; traj.append((v, w))
    ok.append(close(traj[0], (4, 0.6)))
    ok.append(abs(traj[1][0] - 6.0) < 1e-12 and abs(traj[1][0] - 5.0) > 0.5)  # planted false
    ok.append(abs(traj[1][1] - 0.0) < 1e-12)  # correct w2 = 0 (text 0.1)
    ws = 1.0
    for _ in range(2): ws = ws - eta * fp(ws)
    ok.append(abs(ws - 0.36) < 1e-12 and abs(2 * ws**2 - 0.2592) < 1e-12)
    return all(ok), "planted v2=5.0 false, v2=6.0 true, w2=0 (text 0.1); plain SGD 0.36"

# 08 inverted dropout (correct)
def t08():
    ok = []
    p, h = 0.2, 5.0
    vals = np.array([h / (1 - p), 0.0]); probs = np.array([1 - p, p])
    mean = np.sum(vals * probs); var = np.sum(vals**2 * probs) - mean**2
    ok.append(abs(vals[0] - 6.25) < 1e-12 and abs(mean - 5) < 1e-12)
    ok.append(abs(var - p / (1 - p) * h**2) < 1e-9 and abs(var - 6.25) < 1e-9)
    ok.append(abs((1 - p) * h - np.sum(np.array([h, 0]) * probs)) < 1e-12)  # plain dropout mean
    m = rng.binomial(1, 1 - p, size=200000)
    ok.append(abs(np.mean(m / (1 - p) * h) - h) < 0.05)
    return all(ok), "E = h, Var = p/(1-p) h^2, example 6.25"

# 09 layer norm (planted line 15: divide by sigma^2)
def t09():
    ok = []
    x = np.array([2., 4., 6., 8.]); mu = x.mean(); var = ((x - mu)**2).mean()
    ok.append(mu == 5 and var == 5)
    wrong = (x - mu) / var; right = (x - mu) / np.sqrt(var)
    ok.append(close(wrong, [-0.6, -0.2, 0.2, 0.6]) and not close(wrong, right, 1e-3))
    ok.append(close(right, [-1.341641, -0.447214, 0.447214, 1.341641]) and abs(right.var() - 1) < 1e-12)
    return all(ok), "planted (x-mu)/sigma^2 false; correct xhat=(-1.342,-0.447,0.447,1.342)"

# 10 L2 (correct)
def t10():
    ok = []
    lam, eta = 0.01, 0.1
    W = np.array([[1, -2], [0.5, 3]]); Gd = np.array([[0.2, 0], [-0.1, 0.4]])
    A = rng.normal(size=(2, 2))
    Ld = lambda W: np.sum(A * W) + 0.5 * np.sum(W**3)
    L = lambda W: Ld(W) + lam / 2 * np.sum(W**2)
    ok.append(close(num_grad(L, W), num_grad(Ld, W) + lam * W))
    ok.append(close(num_grad(lambda W: lam * np.sum(W**2), W), 2 * lam * W))
    Wn = W - eta * (Gd + lam * W)
    ok.append(close(Wn, (1 - eta * lam) * W - eta * Gd))
    ok.append(close(Wn, [[0.979, -1.998], [0.5095, 2.957]], 1e-12))
    ok.append(close(lam * W, [[0.01, -0.02], [0.005, 0.03]], 1e-12))
    return all(ok), "grad lam W, decay form, W_new numbers"

tests = {
    "01_softmax_ce_lecture.md": t01, "02_sigmoid_chain_homework.md": t02,
    "03_linear_backward_appendix.md": t03, "04_relu_backward_forum.md": t04,
    "05_conv_output_size_fr.md": t05, "06_maxpool_backward_ja.md": t06,
    "07_momentum_sgd_numeric.md": t07, "08_dropout_inverted_lecture.md": t08,
    "09_layernorm_homework.md": t09, "10_l2_regularisation_notes.md": t10,
}
expected = json.load(open(os.path.join(HERE, "expected.json")))
all_ok = set(expected) == set(tests)
if not all_ok: print("expected.json keys mismatch")
for name, fn in tests.items():
    good, msg = fn()
    all_ok &= good
    print(f"{'OK  ' if good else 'FAIL'} {name:34s} expected={expected.get(name)}  {msg}")
print("ALL OK" if all_ok else "SOME CHECKS FAILED")
raise SystemExit(0 if all_ok else 1)
