import numpy as np
from _truth import run, d1, sigmoid as sg


def body(D, rng):
    beta = rng.uniform(0.3, 3)
    xs = rng.normal(size=3) * 2
    f = lambda x, b=beta: x * sg(b * x)
    D.step(r"$f(x) = x/2$", f(xs, 0.0), xs / 2)
    u = rng.normal()
    D.step(r"$\sigma'(u) = \sigma(u)(1 - \sigma(u))$", d1(sg, u), sg(u) * (1 - sg(u)))
    D.step(r"$$f'(x) = \sigma(\beta x) + x\,\sigma(\beta x)", [d1(f, x) for x in xs], [sg(beta * x) + x * sg(beta * x) * (1 - sg(beta * x)) for x in xs], planted=True)  # beta x sigma(...)
    D.step(r"$$f'(x) = \beta f(x) + \sigma(\beta x)", [d1(f, x) for x in xs], [beta * f(x) + sg(beta * x) * (1 - beta * f(x)) for x in xs])
    D.step(r"= x^2\,\sigma(\beta x)(1 - \sigma(\beta x)).$$", [d1(lambda b: f(x, b), beta) for x in xs], [x ** 2 * sg(beta * x) * (1 - sg(beta * x)) for x in xs])
    D.step(r"$f'(0) = \frac{1}{2}$", d1(f, 0.0), 0.5)


def check():
    run(__file__, body)
