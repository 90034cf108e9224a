import numpy as np
from corpus_truth import deriv, run


def steps(s, rng):
    f = lambda a_: a_ ** 2  # noqa: E731
    a = 2.0
    s.eq(3, "we have $f(a) = 4$", f(a), 4)
    s.approx(4, r"\approx 4.004", f(2.001), 4.004, 3)
    s.eq(7, r"= \frac{d}{da} a^2", deriv(f, a), deriv(lambda v: v ** 2, a))
    s.eq(7, "= 2a", deriv(lambda v: v ** 2, a), 2 * a)
    s.eq(7, "= 4 \\quad", 2 * a, 4)
    s.eq(10, "= 3a^2", deriv(lambda v: v ** 3, a), 3 * a ** 2)
    s.eq(10, "= 12$", 3 * a ** 2, 12)
    s.eq(10, r"= \frac{1}{a}", deriv(np.log, a), 1 / a)
    s.eq(10, r"= \frac{1}{2}$", 1 / a, 1 / 2)

    J = lambda a_, b_, c_: 3 * (a_ + b_ * c_)  # noqa: E731
    a, b, c = rng.normal(size=3)
    s.eq(15, "J = 3v", J(a, b, c), 3 * (a + b * c))
    a, b, c = 5.0, 3.0, 2.0
    u, v = b * c, a + b * c
    s.eq(18, "$u = 6$", u, 6)
    s.eq(18, "$v = 11$", v, 11)
    s.eq(18, "$J = 33$", J(a, b, c), 33)
    J_of_v = lambda v_: 3 * v_  # noqa: E731
    s.eq(19, r"\frac{dJ}{dv} = 3", deriv(J_of_v, v), 3)
    s.eq(19, r"J = 3 \times 11.001", J_of_v(11.001), 3 * 11.001)
    s.eq(19, "= 33.003", 3 * 11.001, 33.003)
    dJ_da, dJ_db, dJ_dc = (deriv(lambda t: J(t, b, c), a), deriv(lambda t: J(a, t, c), b), deriv(lambda t: J(a, b, t), c))
    dJ_du = deriv(lambda t: J_of_v(a + t), u)
    s.eq(22, r"&= \frac{dJ}{dv} \frac{dv}{da}", dJ_da, deriv(J_of_v, v) * deriv(lambda t: t + u, a))
    s.eq(22, r"= 3 \cdot 1", deriv(J_of_v, v) * 1, 3 * 1)
    s.eq(22, r"= 3 \\", 3 * 1, 3)
    s.eq(23, r"&= \frac{dJ}{dv} \frac{dv}{du}", dJ_du, deriv(J_of_v, v) * deriv(lambda t: a + t, u))
    s.eq(23, r"= 3 \\", deriv(J_of_v, v) * deriv(lambda t: a + t, u), 3)
    s.eq(24, r"&= \frac{dJ}{du} \frac{du}{db}", dJ_db, dJ_du * deriv(lambda t: t * c, b))
    s.eq(24, r"= 3 \cdot c", dJ_du * deriv(lambda t: t * c, b), 3 * c)
    s.eq(24, "= 6", 3 * c, 6)
    s.eq(25, r"&= \frac{dJ}{du} \frac{du}{dc}", dJ_dc, dJ_du * deriv(lambda t: b * t, c))
    s.eq(25, r"= 3 \cdot b", dJ_du * deriv(lambda t: b * t, c), 3 * b)
    s.eq(25, "= 9", 3 * b, 9)


def check():
    run(__file__, steps)
