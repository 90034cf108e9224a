import math
import numpy as np
from _truth import run


def body(D, rng):
    n, B = 60000, 128
    batches = [min(B, n - s) for s in range(0, n, B)]
    D.step("$\\frac{60{,}000}{128} = 468.75$", n / B, 468.75)
    D.step("$\\lceil 468.75 \\rceil = 469$", [len(batches), math.ceil(468.75)], [469, 469])
    D.step("- 468 \\cdot 128 = 96$", [batches[-1], n - 468 * 128], [96, 96])
    D.step("$20 \\cdot 469 = 9{,}380$", 20 * len(batches), 9380)
    D.step("$\\frac{1}{128} = 0.0078125$", 1 / 128, 0.0078125)
    D.step("$\\frac{1}{96} = 0.0104$", round(1 / 96, 4), 0.0104)
    D.step("\\frac{512}{128} = 0.4$", 0.1 * 512 / 128, 0.4)
    D.step("= 98.12\\%, \\qquad", 100 * 9812 / 10000, 98.12)
    D.step("- 98.12\\% = 1.88\\%$$", [100 - 98.12, 100 * (10000 - 9812) / 10000], [1.88, 1.88])
    D.step("{2.50} = 24.8\\%$", 100 * (2.50 - 1.88) / 2.50, 24.8)
    D.step("$250 - 188 = 62$", [250 - 188, 10000 * 0.025 - (10000 - 9812)], [62, 62])


def check():
    run(__file__, body)
