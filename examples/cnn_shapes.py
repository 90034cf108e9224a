"""The CNN shape question: 3×128×128 → 32 filters 8×8 stride 2 padding 3 → 2×2 max-pool →
64 filters 3×3 stride 1 padding 1. Output sizes by ⌊(W + 2P − D(K − 1) − 1)/S⌋ + 1, then the
same from bp.summary.

    python examples/cnn_shapes.py
"""

import backprop as bp


def out_size(w: int, k: int, s: int = 1, p: int = 0, d: int = 1) -> int:
    return (w + 2 * p - d * (k - 1) - 1) // s + 1


w1 = out_size(128, 8, s=2, p=3)
w2 = out_size(w1, 2, s=2)
w3 = out_size(w2, 3, s=1, p=1)
print(f"conv 8x8 stride 2 padding 3: 128 -> {w1}: output 32x{w1}x{w1}")
print(f"maxpool 2x2: {w1} -> {w2}: output 32x{w2}x{w2}")
print(f"conv 3x3 stride 1 padding 1: {w2} -> {w3}: output 64x{w3}x{w3}")
print(f"weights in the last layer: 3*3*32*64 = {3 * 3 * 32 * 64}, biases: 64, "
      f"total {3 * 3 * 32 * 64 + 64}")

model = bp.build_model("conv(32,8,stride=2,padding=3) maxpool(2) conv(64,3,padding=1)",
                       (3, 128, 128))
print()
print(bp.summary(model, (3, 128, 128)))
