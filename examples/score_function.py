"""The score-function identity for a parameterised logit vector x(u):

    ∇ᵤ log s(x(u))ᵢ = ∇ᵤ xᵢ − Σⱼ sⱼ ∇ᵤ xⱼ

(log-softmax's Jacobian is I − 1 sᵀ, composed with the Jacobian of x(u) by the chain rule).

    python examples/score_function.py
"""

import numpy as np

import backprop as bp
import backprop.functional as F

np.set_printoptions(precision=6, suppress=True)
rng = np.random.default_rng(1)
A = rng.standard_normal((4, 3))
c = rng.standard_normal(4)


def logits(u):                     # x(u) = tanh(A u) ⊙ 2 + c: a nonlinear parameterisation
    return F.add(F.mul(F.tanh(F.matmul(A, u)), 2.0), c)


u = rng.standard_normal(3)
x = logits(u).numpy()
s = F.softmax(x).numpy()
Jx = bp.jacobian(logits)(u)        # row j is ∇ᵤ xⱼ
print("u =", u)
print("x(u) =", x)
print("s =", s)
worst = 0.0
for i in range(len(x)):
    engine = bp.grad(lambda u: F.getitem(F.log_softmax(logits(u)), index=i))(u)
    identity = Jx[i] - s @ Jx
    worst = max(worst, np.abs(engine - identity).max())
    print(f"i={i}: engine {engine}   grad x_i - sum_j s_j grad x_j {identity}")
print(f"max |engine - identity| over i = {worst:.3e}")
