import numpy as np
from corpus_truth import deriv, grad, run, sigmoid


def steps(s, rng):
    x, y, z = rng.normal(size=3)
    q = x + y
    s.eq(7, "f = q z", (x + y) * z, q * z)
    s.eq(8, r"\partial q} = z", deriv(lambda q_: q_ * z, q), z)
    s.eq(8, r"\partial z} = q", deriv(lambda z_: (x + y) * z_, z), q)
    dq_dx, dq_dy = deriv(lambda x_: x_ + y, x), deriv(lambda y_: x + y_, y)
    s.eq(9, r"= \frac{\partial q}{\partial y}", dq_dx, dq_dy)
    s.eq(9, "= 1$", dq_dy, 1.0)
    df_dx = deriv(lambda x_: (x_ + y) * z, x)
    s.eq(13, r"= \frac{\partial f}{\partial q}\frac", df_dx, z * dq_dx)
    s.eq(13, r"= z \cdot 1", z * dq_dx, z * 1)
    s.eq(13, "= z", z * 1, z)
    # the numbers of the example
    x, y, z = -2.0, 5.0, -4.0
    s.eq(16, "$q = 3$", x + y, 3)
    s.eq(16, "$f = -12$", (x + y) * z, -12)
    s.eq(17, "$q = 3$", x + y, 3)

    t = rng.normal(size=5)
    dsig = deriv(sigmoid, t)
    s.eq(28, r"= \frac{e^{-x}}{(1 + e^{-x})^2}", dsig, np.exp(-t) / (1 + np.exp(-t)) ** 2)
    s.eq(28, r"\left( \frac{1 + e^{-x} - 1}", np.exp(-t) / (1 + np.exp(-t)) ** 2,
         ((1 + np.exp(-t) - 1) / (1 + np.exp(-t))) * (1 / (1 + np.exp(-t))))
    s.eq(28, r"= (1 - \sigma(x))\, \sigma(x)", ((1 + np.exp(-t) - 1) / (1 + np.exp(-t))) * (1 / (1 + np.exp(-t))),
         (1 - sigmoid(t)) * sigmoid(t))

    w, xs = np.array([2.0, -3.0, -3.0]), np.array([-1.0, -2.0])

    def neuron(w_, x_):
        return 1 / (1 + np.exp(-(w_[0] * x_[0] + w_[1] * x_[1] + w_[2])))

    dot = w[0] * xs[0] + w[1] * xs[1] + w[2]
    s.eq(32, "= -2 + 6 - 3", dot, -2 + 6 - 3)
    s.eq(32, "- 3 = 1", -2 + 6 - 3, 1)
    f = neuron(w, xs)
    s.eq(33, r"$f = \sigma(1)", f, sigmoid(1.0))
    s.approx(33, r"\approx 0.73", sigmoid(1.0), 0.73, 2)
    s.approx(33, r"\approx 0.2", (1 - f) * f, 0.2, 1)
    gx, gw = grad(lambda v: neuron(w, v), xs), grad(lambda v: neuron(v, xs), w)
    s.eq(37, r"= w_0 (1 - f) f", gx[0], w[0] * (1 - f) * f)
    s.approx(37, r"\approx 0.39", w[0] * (1 - f) * f, 0.39, 2)
    s.eq(37, r"= w_1 (1 - f) f", gx[1], w[1] * (1 - f) * f)
    s.approx(37, r"\approx -0.59", w[1] * (1 - f) * f, -0.59, 2)
    s.eq(43, r"= x_0 (1 - f) f", gw[0], xs[0] * (1 - f) * f)
    s.approx(43, r"\approx -0.20", xs[0] * (1 - f) * f, -0.20, 2)
    s.eq(43, r"= x_1 (1 - f) f", gw[1], xs[1] * (1 - f) * f)
    s.approx(43, r"\approx -0.39", xs[1] * (1 - f) * f, -0.39, 2)
    s.eq(43, r"= (1 - f) f", gw[2], (1 - f) * f)
    s.approx(43, r"\approx 0.20", (1 - f) * f, 0.20, 2)


def check():
    run(__file__, steps)
