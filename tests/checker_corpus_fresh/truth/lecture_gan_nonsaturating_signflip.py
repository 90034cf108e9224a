import numpy as np
from _truth import run, d1, sigmoid


def body(D, rng):
    ar, af = rng.normal(size=2) * 2
    a = rng.normal() * 2
    D.step(r"$\frac{d}{da}\log\sigma(a) = 1 - \sigma(a)$", d1(lambda t: np.log(sigmoid(t)), a), 1 - sigmoid(a))
    D.step(r"$\frac{d}{da}\log(1 - \sigma(a)) = -\sigma(a)$", d1(lambda t: np.log(1 - sigmoid(t)), a), -sigmoid(a))
    LD = lambda r, f: -np.log(sigmoid(r)) - np.log(1 - sigmoid(f))
    D.step(r"\frac{\partial L_D}{\partial a_r} = \sigma(a_r) - 1", d1(lambda t: LD(t, af), ar), sigmoid(ar) - 1)
    D.step(r"\frac{\partial L_D}{\partial a_f} = \sigma(a_f)$$", d1(lambda t: LD(ar, t), af), sigmoid(af))
    D.step(r"= -\sigma(a_f)$$", d1(lambda t: np.log(1 - sigmoid(t)), af), -sigmoid(af))
    D.step(r"= 1 - \sigma(a_f)$$", d1(lambda t: -np.log(sigmoid(t)), af), 1 - sigmoid(af), planted=True)


def check():
    run(__file__, body)
