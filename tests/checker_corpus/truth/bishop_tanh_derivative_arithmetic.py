import numpy as np
from corpus_truth import deriv, run


def steps(s, rng):
    a = rng.normal(size=6)
    e = np.exp
    s.eq(6, r"= \frac{e^{a} - e^{-a}}", np.tanh(a), (e(a) - e(-a)) / (e(a) + e(-a)))
    h = np.tanh
    dh = deriv(h, a)
    s.eq(9, r"$h'(a) = 1 - h(a)^2$", dh, 1 - h(a) ** 2)
    u, v = (lambda b: e(b) - e(-b)), (lambda b: e(b) + e(-b))
    s.eq(11, "$u' = v$", deriv(u, a), v(a))
    s.eq(11, "$v' = u$", deriv(v, a), u(a))
    chain = [dh, (v(a) * v(a) - u(a) * u(a)) / v(a) ** 2, ((e(a) + e(-a)) ** 2 - (e(a) - e(-a)) ** 2) / (e(a) + e(-a)) ** 2,
             1 - ((e(a) - e(-a)) / (e(a) + e(-a))) ** 2, 1 - h(a) ** 2]
    for snippet, left, right in zip([r"= \frac{u'v - uv'}{v^2}", r"= \frac{(e^{a} + e^{-a})^2 -",
                                     r"= 1 - \left(\frac", r"= 1 - h(a)^2"], chain, chain[1:]):
        s.eq(14, snippet, left, right)
    s.eq(17, r"= \pm 2$", 2 * e(a) * e(-a), 2)
    chain = [(e(a) + e(-a)) ** 2 - (e(a) - e(-a)) ** 2, (e(2 * a) + 2 + e(-2 * a)) - (e(2 * a) - 2 + e(-2 * a)), 4]
    s.eq(20, "= (e^{2a} + 2 + e^{-2a})", chain[0], chain[1])
    s.eq(20, "= 4", chain[1], chain[2])
    s.eq(26, r"= \frac{2}{(e^{a} + e^{-a})^2}", dh, 2 / (e(a) + e(-a)) ** 2)  # planted: 4 / (...)^2
    s.eq(26, r"= \frac{1}{2\cosh^2 a}", 2 / (e(a) + e(-a)) ** 2, 1 / (2 * np.cosh(a) ** 2))
    s.eq(29, r"= 2\cosh a", e(a) + e(-a), 2 * np.cosh(a))


def check():
    run(__file__, steps)
