import numpy as np
from _truth import run

d = 3


def body(D, rng):
    x, z = rng.normal(size=d), rng.normal(size=d)
    c = rng.uniform(0.5, 3.0)
    K = (x @ z) ** 2
    a = x.sum() * 0 + np.sum(x * z) * np.sum(x * z)
    b = sum(x[i] * x[j] * z[i] * z[j] for i in range(d) for j in range(d))
    D.step(r"&= \left(\sum_{i=1}^d x_i z_i\right)", K, a)
    D.step(r"&= \sum_{i=1}^d \sum_{j=1}^d x_i x_j z_i z_j", a, b)
    D.step("&= \\sum_{i,j=1}^d (x_i x_j)(z_i z_j)\n", b, b)
    phi = lambda v: np.array([v[0]*v[0], v[0]*v[1], v[0]*v[2], v[1]*v[0], v[1]*v[1], v[1]*v[2], v[2]*v[0], v[2]*v[1], v[2]*v[2]])
    D.step(r"= \langle \phi(x), \phi(z)\rangle$", K, phi(x) @ phi(z))
    K2 = (x @ z + c) ** 2
    rhs = b + sum((np.sqrt(2 * c) * x[i]) * (np.sqrt(2 * c) * z[i]) for i in range(d)) + c
    D.step(r"(\sqrt{2c}\, z_i) + c", K2, rhs, planted=True)
    D.step(r"= x^Tx - 2x^Tz + z^Tz", np.sum((x - z) ** 2), x @ x - 2 * x @ z + z @ z)


def check():
    run(__file__, body)
