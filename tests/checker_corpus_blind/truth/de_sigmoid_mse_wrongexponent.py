import numpy as np
from _truth import run, d1, sigmoid as sg


def body(D, rng):
    x, w, b = rng.normal(), rng.normal(), rng.normal()
    t = float(rng.integers(0, 2))
    z = w * x + b; a = sg(z)
    Ez = lambda v: 0.5 * (sg(v) - t) ** 2
    D.step(r"= (a - t)\,\sigma'(z) = (a - t)", d1(Ez, z), (a - t) * d1(sg, z))
    D.step(r"= (a - t)\,a(1 - a),$$", (a - t) * d1(sg, z), (a - t) * a * (1 - a))
    D.step(r"= (a - t)\,a^2(1 - a)\,x.$$", d1(lambda v: 0.5 * (sg(v * x + b) - t) ** 2, w), (a - t) * a ** 2 * (1 - a) * x, planted=True)  # a(1-a)
    Ec = lambda v: -t * np.log(sg(v)) - (1 - t) * np.log(1 - sg(v))
    D.step(r"= \frac{a - t}{a(1 - a)}\cdot a(1 - a) = a - t,$$", d1(Ec, z), (a - t) / (a * (1 - a)) * a * (1 - a))
    D.step(r"\cdot a(1 - a) = a - t,$$", (a - t) / (a * (1 - a)) * a * (1 - a), a - t)
    D.step(r"= (a - t)\,x$.", d1(lambda v: Ec(v * x + b), w), (a - t) * x)


def check():
    run(__file__, body)
