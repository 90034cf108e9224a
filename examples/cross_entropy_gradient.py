"""The gradient of cross-entropy(softmax(x), one-hot t) with respect to the logits is s − t.

    python examples/cross_entropy_gradient.py
"""

import numpy as np

import backprop as bp
import backprop.functional as F

np.set_printoptions(precision=6, suppress=True)

x = np.array([2.0, 1.0, 0.1])
label = 0
t = np.eye(3)[label]
s = F.softmax(x).numpy()

loss, g = bp.value_and_grad(lambda x: F.cross_entropy(x, np.array(label)))(x)
print("logits x =", x)
print("target t =", t)
print("s = softmax(x) =", s)
print(f"loss = -log s[{label}] = {float(loss):.6f}")
print("gradient from the engine =", g)
print("s - t                    =", s - t)
print(f"max |grad - (s - t)| = {np.abs(g - (s - t)).max():.3e}")

# The same through the unfused path: −Σ t log softmax(x) (a chain of three rules).
g2 = bp.grad(lambda x: -F.sum(F.mul(t, F.log(F.softmax(x)))))(x)
print("via -sum(t * log(softmax(x))) =", g2)
print(f"max |unfused - (s - t)| = {np.abs(g2 - (s - t)).max():.3e}")

# A batch: the mean over N samples divides the gradient by N.
X = np.array([[2.0, 1.0, 0.1], [0.5, 0.5, 3.0]])
y = np.array([0, 2])
G = bp.grad(lambda X: F.cross_entropy(X, y))(X)
S = F.softmax(X, dim=1).numpy()
print("\nbatch of 2, mean reduction: grad =")
print(G)
print("(S - T) / N =")
print((S - np.eye(3)[y]) / 2)
print(f"max |grad - (S - T)/N| = {np.abs(G - (S - np.eye(3)[y]) / 2).max():.3e}")
