import numpy as np
from _truth import run, d1, sigmoid


def body(D, rng):
    a, g = rng.uniform(0.2, 1.0), rng.uniform(0.5, 3.0)
    x = rng.normal()
    p = float(sigmoid(x))
    FL = lambda q: -a * (1 - q) ** g * np.log(q)
    d = d1(FL, p)
    r1 = -a * (-g * (1 - p) ** (g - 1) * np.log(p) + (1 - p) ** g / p)
    r2 = a * (g * (1 - p) ** (g - 1) * np.log(p) - (1 - p) ** g / p)
    D.step(r"= -\alpha\left[-\gamma(1 - p_t)^{\gamma - 1}", d, r1)
    D.step(r"= \alpha\left[\gamma(1 - p_t)^{\gamma - 1}\log(p_t) - \frac{(1 - p_t)^\gamma}{p_t}\right].$$", r1, r2)
    D.step(r"$\frac{dp_t}{dx} = p_t(1 - p_t)$", d1(lambda t: float(sigmoid(t)), x), p * (1 - p))
    dx = d1(lambda t: FL(float(sigmoid(t))), x)
    s1 = r2 * p * (1 - p)
    s2 = a * (g * p * (1 - p) ** g * np.log(p) + (1 - p) ** (g + 1))
    D.step(r"&= \alpha\left[\gamma(1 - p_t)^{\gamma - 1}\log(p_t)", dx, s1)
    D.step(r"&= \alpha\left[\gamma\,p_t(1 - p_t)^{\gamma}\log(p_t) + (1 - p_t)^{\gamma + 1}\right]", s1, s2, planted=True)
    D.step(r"&= \alpha(1 - p_t)^\gamma\left[\gamma\,p_t\log(p_t) + 1 - p_t\right].", s2, a * (1 - p) ** g * (g * p * np.log(p) + 1 - p))


def check():
    run(__file__, body)
