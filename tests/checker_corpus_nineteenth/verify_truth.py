#!/usr/bin/env python3
"""Numerically verify the ground truth of the 'nineteenth' corpus (NumPy only)."""
import json, os
import numpy as np

rng = np.random.default_rng(0)
HERE = os.path.dirname(os.path.abspath(__file__))
results = {}

def close(a, b, tol=1e-6):
    return np.allclose(a, b, atol=tol, rtol=tol)

def num_grad(f, x, h=1e-6):
    x = np.array(x, dtype=float); g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        xp = x.copy(); xm = x.copy(); xp[idx] += h; xm[idx] -= h
        g[idx] = (f(xp) - f(xm)) / (2 * h)
    return g

def softmax(z):
    e = np.exp(z - z.max()); return e / e.sum()

sig = lambda x: 1 / (1 + np.exp(-x))

# f01: softmax Jacobian (correct)
z = rng.normal(size=5); s = softmax(z)
J = np.diag(s) - np.outer(s, s)
Jn = np.stack([num_grad(lambda zz: softmax(zz)[i], z) for i in range(5)])
g = rng.normal(size=5)
z2 = np.array([0.7, -0.4]); s2 = softmax(z2); J2 = np.diag(s2) - np.outer(s2, s2)
ok = (close(J, Jn) and close(J, J.T) and close(J.sum(1), 0) and abs(np.linalg.det(J)) < 1e-12
      and close(J @ g, s * (g - s @ g)) and close(J2[0, 0], sig(z2[0] - z2[1]) * (1 - sig(z2[0] - z2[1])))
      and close(J2, s2[0] * (1 - s2[0]) * np.array([[1, -1], [-1, 1]])))
results['f01_softmax_jacobian_goodfellow.md'] = (ok, 'Jacobian = diag(s)-ss^T matches FD; rows sum to 0; VJP identity')

# f02: softmax+CE, planted arithmetic slip 0.665-1 = -0.435 (true -0.335)
o = np.array([2., 1., 0.]); y = np.array([1., 0., 0.])
loss = lambda oo: -np.log(softmax(oo)[0])
p = softmax(o); grad = p - y
ok = (close(num_grad(loss, o), grad) and np.allclose(np.round(p, 3), [0.665, 0.245, 0.090])
      and abs(np.exp(2) + np.exp(1) + 1 - 11.107) < 1e-3 and abs(loss(o) - 0.408) < 5e-4
      and abs((0.665 - 1) - (-0.435)) > 0.05 and abs((0.665 - 1) - (-0.335)) < 1e-12
      and abs(grad[0] - (-0.335)) < 1e-3 and abs(2 - 0.5 * (-0.435) - 2.2175) < 1e-12)
results['f02_softmax_ce_d2l.md'] = (ok, 'PLANTED l.24: 0.665-1 = -0.335, not -0.435 (gradient p-y itself verified by FD)')

# f03: logistic regression gradient & Hessian (correct)
N, M = 7, 3
Phi = rng.normal(size=(N, M)); t = rng.integers(0, 2, N).astype(float); w = rng.normal(size=M)
def E(ww):
    yy = sig(Phi @ ww); return -np.sum(t * np.log(yy) + (1 - t) * np.log(1 - yy))
yv = sig(Phi @ w)
grad = Phi.T @ (yv - t)
H = Phi.T @ np.diag(yv * (1 - yv)) @ Phi
Hn = np.stack([num_grad(lambda ww: (Phi.T @ (sig(Phi @ ww) - t))[i], w) for i in range(M)])
a = 0.3; dsig = (sig(a + 1e-6) - sig(a - 1e-6)) / 2e-6
ok = (close(num_grad(E, w), grad, 1e-5) and close(grad, sum((yv[n] - t[n]) * Phi[n] for n in range(N)))
      and close(H, Hn, 1e-5) and np.linalg.eigvalsh(H).min() > -1e-12 and close(dsig, sig(a) * (1 - sig(a))))
results['f03_logreg_bishop.md'] = (ok, 'grad = Phi^T(y-t) and H = Phi^T R Phi match FD; H PSD')

# f04: Nielsen batch BP, planted missing transpose in BP2
def check_f04(n0, n1, n2, m):
    X = rng.normal(size=(n0, m)); Y = rng.normal(size=(n2, m))
    W1 = rng.normal(size=(n1, n0)); b1 = rng.normal(size=(n1, 1))
    W2 = rng.normal(size=(n2, n1)); b2 = rng.normal(size=(n2, 1))
    def cost(W1_):
        Z1 = W1_ @ X + b1; A1 = np.maximum(Z1, 0); A2 = W2 @ A1 + b2
        return np.sum((A2 - Y) ** 2) / (2 * m)
    Z1 = W1 @ X + b1; A1 = np.maximum(Z1, 0); A2 = W2 @ A1 + b2
    D2 = (A2 - Y) / m
    fd = num_grad(cost, W1)
    correct = ((W2.T @ D2) * (Z1 > 0)) @ X.T
    # also check BP3/BP4 for layer 2
    def cost2(W2_):
        return np.sum((W2_ @ A1 + b2 - Y) ** 2) / (2 * m)
    ok4 = close(num_grad(cost2, W2), D2 @ A1.T, 1e-5)
    if n1 == n2:
        planted = ((W2 @ D2) * (Z1 > 0)) @ X.T
        planted_false = np.abs(planted - fd).max() > 1e-4
    else:
        try:
            (W2 @ D2); planted_false = False
        except ValueError:
            planted_false = True   # shape mismatch: planted BP2 is not even defined
    return close(fd, correct, 1e-5) and ok4 and planted_false
ok = check_f04(4, 3, 3, 5) and check_f04(4, 5, 2, 6)
results['f04_mlp_relu_nielsen.md'] = (ok, 'PLANTED l.18: BP2 needs (W^2)^T Delta^2; W^2 Delta^2 disagrees with FD / wrong shape')

# f05: tanh neuron (correct)
w = np.array([2., -3., -3.]); x = np.array([-1., -2.])
zz = w[0] * x[0] + w[1] * x[1] + w[2]; tt = np.tanh(zz); dz = 1 - tt ** 2
f = lambda ww: np.tanh(ww[0] * x[0] + ww[1] * x[1] + ww[2])
dw = np.array([x[0] * dz, x[1] * dz, dz]); dx = np.array([w[0] * dz, w[1] * dz])
fdw0 = (np.tanh(1 - 1e-3) - np.tanh(1 + 1e-3)) / 2e-3
zr = np.linspace(-3, 3, 13)
ok = (zz == 1 and abs(tt - 0.7616) < 1e-4 and abs(dz - 0.4200) < 1e-4 and abs(tt ** 2 - 0.5800) < 1e-4
      and np.allclose(np.round(dx, 3), [0.840, -1.260]) and np.allclose(np.round(dw, 3), [-0.420, -0.840, 0.420])
      and close(num_grad(f, w), dw) and abs(fdw0 - (-0.41997)) < 1e-5 and abs(dw[0] - (-0.41997)) < 1e-5
      and 1e-8 < abs(fdw0 - dw[0]) / abs(dw[0]) < 1e-6
      and close(np.tanh(zr), 2 * sig(2 * zr) - 1) and close(4 * sig(2 * zr) * (1 - sig(2 * zr)), 1 - np.tanh(zr) ** 2))
results['f05_tanh_cs231n.md'] = (ok, "tanh' = 1-tanh^2; dx, dw numbers and gradient check verified")

# f06: SiLU, planted sigma' = sigma(1+sigma)
xs = np.array([-2., -0.5, 0.3, 1., 2.5])
dsig_fd = num_grad(lambda v: np.sum(sig(v)), xs)
silu_fd = num_grad(lambda v: np.sum(v * sig(v)), xs)
ok = (close(dsig_fd, np.exp(-xs) / (1 + np.exp(-xs)) ** 2)
      and close(dsig_fd, sig(xs) * (1 - sig(xs)))           # corrected claim true
      and not close(dsig_fd, sig(xs) * (1 + sig(xs)), 1e-2)  # planted claim false
      and close(silu_fd, sig(xs) + xs * sig(xs) * (1 - sig(xs)))
      and abs((sig(1) + sig(1) * (1 + sig(1))) - 1.997) < 1e-3  # carried-along wrong value
      and abs((sig(1) + 1 * sig(1) * (1 - sig(1))) - 0.9277) < 1e-4)  # true f'(1)
results['f06_silu_stackexchange.md'] = (ok, "PLANTED l.15: sigma' = sigma(1-sigma), not sigma(1+sigma)")

# f07: conv2d output size (correct)
def conv_out_bruteforce(n, k, p, s, d):
    padded = n + 2 * p; cnt = 0; i = 0
    while i * s + d * (k - 1) <= padded - 1:
        cnt += 1; i += 1
    return cnt
Ho = (64 + 6 - 8 - 1) // 2 + 1; Wo = (48 + 6 - 8 - 1) // 2 + 1
ok = (2 * 4 + 1 == 9 and Ho == 31 and Wo == 23 and conv_out_bruteforce(64, 5, 3, 2, 2) == 31
      and conv_out_bruteforce(48, 5, 3, 2, 2) == 23 and 2 * 30 + 8 == 68 and 2 * 31 + 8 == 70
      and 16 * (3 * 25 + 1) == 1216)
results['f07_conv_output_homework.md'] = (ok, 'output 31x23 (brute force), params 1216')

# f08: transposed conv, planted missing +1 in output-size formula
def convT_bruteforce(n, k, s, p, d, o):
    x = np.ones(n); full = np.zeros((n - 1) * s + d * (k - 1) + 1)
    for i in range(n):
        for j in range(k):
            full[i * s + j * d] += x[i]
    out = full[p: len(full) - p]
    return len(out) + o
true_size = convT_bruteforce(16, 4, 2, 1, 1, 0)
planted_formula = lambda n, k, s, p, d, o: (n - 1) * s - 2 * p + d * (k - 1) + o
correct_formula = lambda n, k, s, p, d, o: (n - 1) * s - 2 * p + d * (k - 1) + o + 1
cases = [(16, 4, 2, 1, 1, 0), (7, 3, 2, 1, 1, 0), (5, 3, 3, 0, 2, 1), (9, 5, 1, 2, 1, 0)]
ok = (true_size == 32 and all(correct_formula(*c) == convT_bruteforce(*c) for c in cases)
      and all(planted_formula(*c) != convT_bruteforce(*c) for c in cases)
      and planted_formula(16, 4, 2, 1, 1, 0) == 31
      and (32 + 2 * 1 - 4) // 2 + 1 == 16              # Conv2d inverse of true size gives back 16
      and 64 * 32 * 16 + 32 == 32800)
results['f08_transposed_conv_exam.md'] = (ok, 'PLANTED l.15: formula lacks +1; true output 32 (o=0 suffices)')

# f09: max-pool backward (German, correct)
X = np.array([[1, 3, 2, 0], [4, 2, 1, 5], [0, 6, 3, 1], [2, 1, 7, 4]], float)
G = np.array([[0.1, -0.2], [0.3, 0.4]])
def maxpool(Xa): return Xa.reshape(2, 2, 2, 2).max(axis=(1, 3))
Lm = lambda Xa: np.sum(G * maxpool(Xa))
dX_claim = np.array([[0, 0, 0, 0], [0.1, 0, 0, -0.2], [0, 0.3, 0, 0], [0, 0, 0.4, 0]])
ok = (np.array_equal(maxpool(X), [[4, 5], [6, 7]]) and close(num_grad(Lm, X, 1e-4), dX_claim)
      and abs(dX_claim.sum() - 0.6) < 1e-12 and abs(G.sum() - 0.6) < 1e-12 and np.count_nonzero(dX_claim) == 4)
results['f09_maxpool_german.md'] = (ok, 'Y=[[4,5],[6,7]], routed gradient matches FD')

# f10: average pooling, planted local derivative 1 instead of 1/4
def avgpool(Xa): return Xa.reshape(2, 2, 2, 2).mean(axis=(1, 3))
Xr = rng.normal(size=(4, 4))
Jloc = num_grad(lambda Xa: avgpool(Xa)[0, 0], Xr)
G = np.array([[0.8, -0.4], [1.2, 2.0]])
fd = num_grad(lambda Xa: np.sum(G * avgpool(Xa)), Xr)
planted_dX = np.kron(G, np.ones((2, 2)))
ok = (abs(Jloc[0, 0] - 0.25) < 1e-8 and abs(Jloc[0, 0] - 1) > 0.5 and close(fd, planted_dX / 4)
      and not close(fd, planted_dX, 1e-2) and abs(fd.sum() - G.sum()) < 1e-8 and abs(G.sum() - 3.6) < 1e-12)
results['f10_avgpool_spanish.md'] = (ok, 'PLANTED l.9: dY/dX = 1/4 inside the window, not 1')

# f11: Adam two steps (Chinese, correct)
b1, b2, eta = 0.9, 0.999, 0.1; m = v = 0.0; th = 1.0; rec = []
for k, gk in [(1, 0.5), (2, -0.2)]:
    m = b1 * m + (1 - b1) * gk; v = b2 * v + (1 - b2) * gk * gk
    mh = m / (1 - b1 ** k); vh = v / (1 - b2 ** k); th -= eta * mh / (np.sqrt(vh) + 1e-8)
    rec.append((m, v, mh, vh, th))
(m1, v1, mh1, vh1, th1), (m2, v2, mh2, vh2, th2) = rec
ok = (close(m1, 0.05) and close(v1, 0.00025) and close(mh1, 0.5) and close(vh1, 0.25) and abs(th1 - 0.9) < 1e-7
      and close(m2, 0.025) and close(v2, 0.00028975) and abs(1 - b2 ** 2 - 0.001999) < 1e-12
      and abs(mh2 - 0.13158) < 1e-5 and abs(vh2 - 0.14495) < 1e-5 and abs(np.sqrt(vh2) - 0.38072) < 1e-5
      and abs((th1 - th2) - 0.03456) < 1e-5 and abs(th2 - 0.86544) < 1e-5
      and abs(0.1 * 0.05 / np.sqrt(0.00025) - 0.316) < 1e-3 and abs(0.1 * 0.05 / np.sqrt(0.00025) / 0.1 - 3.16) < 1e-2)
results['f11_adam_chinese.md'] = (ok, 'theta_1 = 0.9, theta_2 = 0.86544 reproduced')

# f12: weight decay, planted (1 + eta*lambda) instead of (1 - eta*lambda)
eta, lam = 0.1, 0.01; w = np.array([2.0, -1.0]); gL = np.array([0.5, 0.3])
true_step = w - eta * (gL + lam * w)
Lt_grad_fd = num_grad(lambda ww: 0.5 * lam * np.sum(ww ** 2), w)
ok = (close(Lt_grad_fd, lam * w) and close(true_step, (1 - eta * lam) * w - eta * gL)
      and not close(true_step, (1 + eta * lam) * w - eta * gL, 1e-4)
      and close(true_step, [1.948, -1.029]) and close((1 + eta * lam) * w - eta * gL, [1.952, -1.031]))
results['f12_weight_decay_portuguese.md'] = (ok, 'PLANTED l.11: factor is (1 - eta*lambda), true step (1.948, -1.029)')

# f13: batch norm backward (correct)
mb, eps = 4, 1e-5
x = rng.normal(size=mb); gam, bet = 1.7, -0.3; gy = rng.normal(size=mb)
def bn(xx, ga=gam, be=bet):
    mu = xx.mean(); var = ((xx - mu) ** 2).mean(); return ga * (xx - mu) / np.sqrt(var + eps) + be
mu = x.mean(); var = ((x - mu) ** 2).mean(); sd = np.sqrt(var + eps); xh = (x - mu) / sd
dx = gam / (mb * sd) * (mb * gy - gy.sum() - xh * np.sum(gy * xh))
fdx = num_grad(lambda xx: np.sum(gy * bn(xx)), x, 1e-5)
fdg = num_grad(lambda gg: np.sum(gy * bn(x, gg[0])), np.array([gam]))[0]
dvar_claim = -gam / (2 * sd ** 2) * np.sum(gy * xh)
fdvar = num_grad(lambda vv: np.sum(gy * gam * (x - mu) / np.sqrt(vv[0] + eps)), np.array([var]), 1e-7)[0]
eps0 = 0.0; sd0 = np.sqrt(var); xh0 = (x - mu) / sd0
dx0 = gam / (mb * sd0) * (mb * gy - gy.sum() - xh0 * np.sum(gy * xh0))
dxc = gam / (mb * sd) * (mb * 2.0 - 2.0 * mb - xh * np.sum(2.0 * xh))
ok = (np.max(np.abs(fdx - dx)) / np.max(np.abs(dx)) < 1e-6 and close(fdg, np.sum(gy * xh), 1e-5)
      and close(fdvar, dvar_claim, 1e-4) and abs(dx.sum()) < 1e-10 and abs(np.sum(xh0 * dx0)) < 1e-10
      and np.max(np.abs(dxc)) < 1e-5)
results['f13_batchnorm_notebook.md'] = (ok, 'dL/dx formula matches FD; sanity checks 1-3 hold')

# f14: RNN BPTT, planted h_t instead of h_{t-1} in dL/dW
n, dd = 3, 2
W = rng.normal(size=(n, n)) * 0.5; U = rng.normal(size=(n, dd)); b = rng.normal(size=n)
hp = rng.normal(size=n); xt = rng.normal(size=dd); dh = rng.normal(size=n)
step = lambda WW: np.tanh(WW @ hp + U @ xt + b)
ht = step(W); da = dh * (1 - ht * ht)
fdW = num_grad(lambda WW: np.sum(dh * step(WW)), W)
fdh = num_grad(lambda hh: np.sum(dh * np.tanh(W @ hh + U @ xt + b)), hp)
fdU = num_grad(lambda UU: np.sum(dh * np.tanh(W @ hp + UU @ xt + b)), U)
a_s = 0.5 * 0.4 + 1.0 * 0.6; h_s = np.tanh(a_s); da_s = 1 - h_s ** 2
ok = (close(fdW, np.outer(da, hp)) and np.abs(fdW - np.outer(da, ht)).max() > 1e-4
      and close(fdh, W.T @ da) and close(fdU, np.outer(da, xt))
      and abs(h_s - 0.6640) < 1e-4 and abs(da_s - 0.5591) < 1e-4
      and abs(da_s * 0.4 - 0.2236) < 1e-4 and abs(da_s * h_s - 0.3712) < 1e-4   # true 0.2236 vs planted 0.3712
      and abs(da_s * 0.6 - 0.3354) < 1e-4 and abs(0.5 * da_s - 0.2795) < 1e-4)
results['f14_rnn_bptt_notes.md'] = (ok, 'PLANTED l.14: dL/dW = delta_a h_{t-1}^T, not delta_a h_t^T')

expected = json.load(open(os.path.join(HERE, 'expected.json')))
all_ok = True
for name in sorted(results):
    ok, msg = results[name]
    planted = name.endswith('.md') and ('PLANTED' in msg)
    consistent = (expected.get(name) is None) != planted and os.path.exists(os.path.join(HERE, name))
    if planted:
        consistent = consistent and ('l.%d:' % expected[name]) in msg
    ok = bool(ok and consistent)
    all_ok &= ok
    print(('OK  ' if ok else 'FAIL'), name, '-', msg)
if set(expected) != set(results):
    all_ok = False; print('FAIL expected.json keys differ from checked files')
print('ALL OK' if all_ok else 'SOME CHECKS FAILED')
raise SystemExit(0 if all_ok else 1)
