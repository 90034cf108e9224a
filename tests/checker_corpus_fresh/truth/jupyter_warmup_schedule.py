import numpy as np
from _truth import run


def lr_at(step, d_model=512, warmup=4000):
    return d_model ** -0.5 * min(step ** -0.5, step * warmup ** -1.5)


def body(D, rng):
    w = 4000
    D.step(r"$t^{-0.5} = t\,w^{-1.5}$", w ** -0.5, w * w ** -1.5)
    t = rng.uniform(1, 1e5)
    D.step(r"$t^{1.5} = w^{1.5}$", float(t ** -0.5 > t * w ** -1.5), float(t ** 1.5 < w ** 1.5))
    D.step(r"$$\eta(w) = d^{-0.5}w^{-0.5} =", lr_at(w), 512 ** -0.5 * w ** -0.5)
    D.step(r"= \frac{1}{\sqrt{512 \cdot 4000}} =", 512 ** -0.5 * w ** -0.5, 1 / np.sqrt(512 * 4000))
    D.step(r"= \frac{1}{\sqrt{2048000}}$$", 1 / np.sqrt(512 * 4000), 1 / np.sqrt(2048000))
    D.step(r"about $6.99 \cdot 10^{-4}$", round(lr_at(w), 6), 6.99e-4)
    tw = rng.uniform(1, w)
    D.step(r"$\eta(t) = \frac{t}{w}\,\eta(w)$", lr_at(tw), tw / w * lr_at(w))
    ta = rng.uniform(w, 1e6)
    D.step(r"$\eta(t) = \sqrt{\frac{w}{t}}\,\eta(w)$", lr_at(ta), np.sqrt(w / ta) * lr_at(w))
    D.step(r"$\sqrt{\frac{4000}{16000}} = \frac{1}{2}$", lr_at(16000) / lr_at(w), 0.5)


def check():
    run(__file__, body)
