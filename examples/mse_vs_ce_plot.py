"""Why cross-entropy learns from confident mistakes and MSE does not (sigmoid output).

For a target y = 1 and a logit a, with p = σ(a):
    d MSE(σ(a), y)/da = 2 (p − y) p (1 − p)   → 0 when a ≪ 0 (confidently wrong)
    d CE(σ(a), y)/da  = p − y                 → −1 when a ≪ 0
Both gradients come from the engine; the plot is saved to the path given (PNG).

    python examples/mse_vs_ce_plot.py mse_vs_ce.png
"""

import sys

import numpy as np

import backprop as bp
import backprop.functional as F

path = sys.argv[1] if len(sys.argv) > 1 else "mse_vs_ce.png"
a = np.linspace(-10, 10, 401)
y = np.ones_like(a)

g_mse = bp.grad(lambda a: F.mse_loss(F.sigmoid(a), y, reduction="sum"))(a)
g_ce = bp.grad(lambda a: F.binary_cross_entropy_with_logits(a, y, reduction="sum"))(a)
p = 1 / (1 + np.exp(-a))
print(f"max |dMSE/da - 2(p-y)p(1-p)| = {np.abs(g_mse - 2 * (p - 1) * p * (1 - p)).max():.3e}")
print(f"max |dCE/da - (p-y)| = {np.abs(g_ce - (p - 1)).max():.3e}")
for logit in (-10.0, -5.0, 0.0, 5.0):
    k = int(np.argmin(np.abs(a - logit)))
    print(f"a = {logit:6.1f}: dMSE/da = {g_mse[k]: .6e}   dCE/da = {g_ce[k]: .6e}")

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

fig, ax = plt.subplots(figsize=(6, 4))
ax.plot(a, g_mse, label="MSE∘σ: 2(σ(a) − y)σ(a)(1 − σ(a))")
ax.plot(a, g_ce, label="CE∘σ: σ(a) − y")
ax.axhline(0, color="gray", lw=0.5)
ax.set_xlabel("logit a (target y = 1)")
ax.set_ylabel("∂loss/∂a")
ax.set_title("confidently wrong (a ≪ 0): MSE's gradient vanishes, CE's does not")
ax.legend()
fig.tight_layout()
fig.savefig(path, dpi=100)
print(f"saved {path}")
