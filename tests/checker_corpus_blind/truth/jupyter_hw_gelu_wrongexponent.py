import numpy as np
from _truth import run, d1, Phi, phi


def body(D, rng):
    xs = rng.normal(size=3) * 1.5
    gelu = lambda v: v * float(Phi(v))
    for x in xs:
        D.step(r"&= \Phi(x) + x\,\phi(x) \tag{3.1}", d1(gelu, x), float(Phi(x)) + x * float(phi(x)))
    D.step(r"$\Phi(0) = 0.5$", d1(gelu, 0.0), 0.5)
    c = np.sqrt(2 / np.pi)
    u = lambda v: c * (v + 0.044715 * v ** 3)
    g = lambda v: v / 2 * (1 + np.tanh(u(v)))
    claimed = []
    true = []
    for x in xs:
        D.step(r"$\frac{du}{dx} = \sqrt{2/\pi}\,(1 + 3 \cdot", d1(u, x), c * (1 + 3 * 0.044715 * x ** 2))
        r1 = 0.5 * (1 + np.tanh(u(x))) + x / 2 * (1 - np.tanh(u(x)) ** 2) * d1(u, x)
        D.step(r"&= \frac{1}{2}(1 + \tanh u) + \frac{x}{2}\left(1 - \tanh^2 u\right)", d1(g, x), r1)
        true.append(r1)
        claimed.append(0.5 * (1 + np.tanh(u(x))) + x / 2 * (1 - np.tanh(u(x))) * c * (1 + 0.134145 * x ** 2))
    D.step(r"\left(1 - \tanh u\right)\sqrt{2/\pi}", true, claimed, planted=True)  # tanh^2 u


def check():
    run(__file__, body)
