import numpy as np
from _truth import run, d1


def body(D, rng):
    hi, lo = rng.uniform(0.01, 1), rng.uniform(0, 0.01)
    T = rng.uniform(100, 5000)
    t = rng.uniform(0, T)
    eta = lambda s: lo + 0.5 * (hi - lo) * (1 + np.cos(np.pi * s / T))
    D.step("= -\\frac{\\pi}{2T}(\\eta_{\\max} - \\eta_{\\min})\\sin", d1(eta, t), -np.pi / (2 * T) * (hi - lo) * np.sin(np.pi * t / T))
    D.step("\\eta_{T/2} = \\frac{\\eta_{\\max} + \\eta_{\\min}}{2}$", eta(T / 2), (hi + lo) / 2)
    H, L, N = 1e-3, 1e-5, 1000
    e = lambda s: L + 0.5 * (H - L) * (1 + np.cos(np.pi * s / N))
    D.step("= 9.9 \\times 10^{-4}$", H - L, 9.9e-4)
    D.step("| 0 | 1 |", [np.cos(0), e(0)], [1, 1.0e-3])
    D.step("| 250 | 0.7071 |", [round(np.cos(np.pi / 4), 4), round(e(250), 7)], [0.7071, 8.550e-4])
    D.step("| 500 | 0 |", [np.cos(np.pi / 2), e(500)], [0, 5.05e-4])
    D.step("| 750 | −0.7071 |", [round(np.cos(3 * np.pi / 4), 4), round(e(750), 7)], [-0.7071, 1.550e-4])
    D.step("(1 + 0.7071) = 8.550 \\times 10^{-4}$", [round(1e-5 + 4.95e-4 * (1 + 0.7071), 7), round(e(250), 7)], [8.550e-4, 8.550e-4])
    D.step("i.e. 85.5% of the peak", round(100 * e(250) / H, 1), 85.5)
    D.step("the rate is $5.05 \\times 10^{-4}$, 50.5%", [e(500), 100 * e(500) / H], [5.05e-4, 50.5])
    D.step("= -1.555 \\times 10^{-6}$", [round(d1(e, 500.0, h=1e-3), 9), round(-np.pi / 2000 * 9.9e-4, 9)], [-1.555e-6, -1.555e-6])


def check():
    run(__file__, body)
