"""Softmax on a small vector: shift invariance, the Jacobian diag(s) − s sᵀ, the VJP s ⊙ (v − v·s).

    python examples/softmax_jacobian.py
"""

import numpy as np

import backprop as bp
import backprop.functional as F

np.set_printoptions(precision=6, suppress=True)

x = np.array([1.0, 2.0, 3.0])
s = F.softmax(x).numpy()
print("x =", x)
print("s = softmax(x) =", s)
print("softmax(x + 1000) =", F.softmax(x + 1000).numpy())
print(f"max |softmax(x + 1000) - softmax(x)| = {np.abs(F.softmax(x + 1000).numpy() - s).max():.3e}")
print("softmax(2x) =", F.softmax(2 * x).numpy(), "(not invariant to scaling: the temperature)")

J_engine = bp.jacobian(F.softmax)(x)
J_formula = np.diag(s) - np.outer(s, s)
print("\nJacobian from the engine (one reverse sweep per row):")
print(J_engine)
print("diag(s) - s s^T:")
print(J_formula)
print(f"max |J_engine - (diag(s) - s s^T)| = {np.abs(J_engine - J_formula).max():.3e}")
print(f"max |J - J^T| = {np.abs(J_engine - J_engine.T).max():.3e}  (symmetric)")
print(f"row sums of J = {J_engine.sum(axis=1)}  (zero: adding c·1 changes nothing)")

v = np.array([1.0, 0.0, -1.0])
_, pull = bp.vjp(F.softmax, x)
vjp_engine = pull(v)[0]
vjp_formula = s * (v - v @ s)
print("\nv =", v)
print("VJP from the engine  =", vjp_engine)
print("s * (v - v.s)        =", vjp_formula)
print(f"max |VJP_engine - s * (v - v.s)| = {np.abs(vjp_engine - vjp_formula).max():.3e}")

print("\nyour own derivation, checked:")
print(bp.check_jacobian(F.softmax, lambda x: np.diag(F.softmax(x).numpy())
                        - np.outer(F.softmax(x).numpy(), F.softmax(x).numpy()), x))
