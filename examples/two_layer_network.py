"""The two-layer network x → Linear → σ (or softplus) → Linear → softmax → cross-entropy.

The closed forms of backpropagation, beside the engine's gradients:
    δ₂ = y − t,   ∂E/∂W₂ = δ₂ h₁ᵀ,   δ₁ = (W₂ᵀ δ₂) ⊙ σ′(z₁),   ∂E/∂W₁ = δ₁ xᵀ
(for softplus hidden units σ′(z₁) is replaced by softplus′(z₁) = σ(z₁)).

    python examples/two_layer_network.py
"""

import numpy as np

import backprop as bp
import backprop.functional as F

np.set_printoptions(precision=6, suppress=True)
rng = np.random.default_rng(0)

x = rng.standard_normal(4)                   # one input
W1, b1 = rng.standard_normal((3, 4)), rng.standard_normal(3)
W2, b2 = rng.standard_normal((2, 3)), rng.standard_normal(2)
label = 1
t = np.eye(2)[label]


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


for name, act, act_prime in [("sigmoid", F.sigmoid, lambda z: sigmoid(z) * (1 - sigmoid(z))),
                             ("softplus", F.softplus, sigmoid)]:
    def loss(W1, b1, W2, b2):
        h1 = act(F.linear(x, W1, b1))
        return F.cross_entropy(F.linear(h1, W2, b2), np.array(label))

    gW1, gb1, gW2, gb2 = bp.grad(loss, argnums=(0, 1, 2, 3))(W1, b1, W2, b2)

    # Closed forms, with plain NumPy.
    z1 = W1 @ x + b1
    h1 = act(z1).numpy()
    y = F.softmax(W2 @ h1 + b2).numpy()
    d2 = y - t
    dW2 = np.outer(d2, h1)
    d1 = (W2.T @ d2) * act_prime(z1)
    dW1 = np.outer(d1, x)

    print(f"== hidden units: {name} ==")
    print("y =", y, " t =", t)
    print("delta2 = y - t =", d2)
    print("delta1 = (W2^T delta2) * act'(z1) =", d1)
    print("dE/dW2 closed form:\n", dW2, "\ndE/dW2 engine:\n", gW2)
    print("dE/dW1 closed form:\n", dW1, "\ndE/dW1 engine:\n", gW1)
    print(f"{name}: max |dE/dW2 engine - delta2 h1^T| = {np.abs(gW2 - dW2).max():.3e}")
    print(f"{name}: max |dE/db2 engine - delta2| = {np.abs(gb2 - d2).max():.3e}")
    print(f"{name}: max |dE/dW1 engine - delta1 x^T| = {np.abs(gW1 - dW1).max():.3e}")
    print(f"{name}: max |dE/db1 engine - delta1| = {np.abs(gb1 - d1).max():.3e}")
    print()
