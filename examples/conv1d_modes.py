"""1-D convolution of [1, 1, 4, 4, 4, 1, 1] with [¼, ¼, ¼] in the three modes.

    full  → [1, 2, 6, 9, 12, 9, 6, 2, 1] / 4   (padding K − 1)
    same  → [2, 6, 9, 12, 9, 6, 2] / 4         (output = input length at stride 1)
    valid → [6, 9, 12, 9, 6] / 4               (no padding)

Output size ⌊(W + 2P − D(K − 1) − 1)/S⌋ + 1; with convolve=True the kernel is flipped (the
signal-processing convention), so the result equals numpy.convolve in every mode.

    python examples/conv1d_modes.py
"""

import numpy as np

import backprop.functional as F

np.set_printoptions(precision=6, suppress=True)
x = np.array([1, 1, 4, 4, 4, 1, 1], dtype=np.float64)
w = np.array([0.25, 0.25, 0.25])
w_asym = np.array([1.0, 2.0, 3.0])  # an asymmetric kernel tells convolution from correlation
for mode in ("full", "same", "valid"):
    y = F.conv1d(x[None, None, :], w[None, None, :], padding=mode).numpy().reshape(-1)
    print(f"{mode:5s}: 4*y = {4 * y}   numpy.convolve agrees: "
          f"{np.allclose(y, np.convolve(x, w, mode=mode))}")
    yc = F.conv1d(x[None, None, :], w_asym[None, None, :], padding=mode,
                  convolve=True).numpy().reshape(-1)
    print(f"{mode:5s}: convolve=True with [1,2,3] matches numpy.convolve: "
          f"{np.allclose(yc, np.convolve(x, w_asym, mode=mode))}")
