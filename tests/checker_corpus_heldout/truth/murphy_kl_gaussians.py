import numpy as np
from _truth import run, d1, gauss_expect


def logN(x, m, s):
    return -0.5 * np.log(2 * np.pi * s * s) - (x - m) ** 2 / (2 * s * s)


def kl(m1, s1, m2, s2):
    return gauss_expect(lambda x: logN(x, m1, s1) - logN(x, m2, s2), m1, s1)


def body(d, rng):
    m1, m2 = rng.normal(size=2)
    s1, s2 = rng.uniform(0.5, 2.0, size=2)
    Elp = gauss_expect(lambda x: logN(x, m1, s1), m1, s1)
    a = -0.5 * np.log(2 * np.pi * s1 ** 2) - gauss_expect(lambda x: (x - m1) ** 2, m1, s1) / (2 * s1 ** 2)
    d.step(r"- \frac{\mathbb{E}_{p}\left[(x-\mu_1)^2\right]}{2\sigma_1^2}", Elp, a)
    d.step(r"= -\frac{1}{2}\log(2\pi\sigma_1^2) - \frac{1}{2}.", a, -0.5 * np.log(2 * np.pi * s1 ** 2) - 0.5)
    d.step(r"= \sigma_1^2 + (\mu_1-\mu_2)^2$", gauss_expect(lambda x: (x - m2) ** 2, m1, s1), s1 ** 2 + (m1 - m2) ** 2)
    Elq = gauss_expect(lambda x: logN(x, m2, s2), m1, s1)
    b = -0.5 * np.log(2 * np.pi * s2 ** 2) - gauss_expect(lambda x: (x - m2) ** 2, m1, s1) / (2 * s2 ** 2)
    d.step(r"- \frac{\mathbb{E}_{p}\left[(x-\mu_2)^2\right]}{2\sigma_2^2}", Elq, b)
    d.step(r"= -\frac{1}{2}\log(2\pi\sigma_2^2) - \frac{\sigma_1^2", b,
           -0.5 * np.log(2 * np.pi * s2 ** 2) - (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2))
    K = kl(m1, s1, m2, s2)
    c = 0.5 * np.log(s2 ** 2 / s1 ** 2) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2) - 0.5
    d.step(r"= \frac{1}{2}\log\frac{\sigma_2^2}{\sigma_1^2}", K, c)
    d.step(r"= \log \frac{\sigma_2}{\sigma_1} +", c, np.log(s2 / s1) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2) - 0.5)
    d.step(r"= \frac{\mu_1 - \mu_2}{\sigma_2^2}", d1(lambda t: kl(t, s1, m2, s2), m1), (m1 - m2) / s2 ** 2)
    d.step(r"= -\frac{1}{\sigma_1} + \frac{\sigma_1}{\sigma_2^2}", d1(lambda t: kl(m1, t, m2, s2), s1), -1 / s1 + s1 / s2 ** 2)


def check():
    run(__file__, body)
