import numpy as np
from _truth import run, fd_grad, sigmoid, d1

d = 3


def body(D, rng):
    z = rng.normal() * 2
    D.step(r"$$\sigma'(z) = \frac{e^{-z}}{(1 + e^{-z})^2}", d1(sigmoid, z), np.exp(-z) / (1 + np.exp(-z)) ** 2)
    D.step(r"= \frac{1}{1 + e^{-z}}\cdot\frac{e^{-z}}", np.exp(-z) / (1 + np.exp(-z)) ** 2, 1 / (1 + np.exp(-z)) * np.exp(-z) / (1 + np.exp(-z)))
    D.step(r"= \sigma(z)\left(1 - \sigma(z)\right).$$", 1 / (1 + np.exp(-z)) * np.exp(-z) / (1 + np.exp(-z)), sigmoid(z) * (1 - sigmoid(z)))
    y = float(rng.integers(0, 2))
    a = sigmoid(z)
    La = lambda a: -(y * np.log(a) + (1 - y) * np.log(1 - a))
    dLa = d1(La, a)
    D.step(r"= -\frac{y}{a} + \frac{1 - y}{1 - a} =", dLa, -y / a + (1 - y) / (1 - a))
    D.step(r"= \frac{a - y}{a(1 - a)}.$$", -y / a + (1 - y) / (1 - a), (a - y) / (a * (1 - a)))
    dLz = d1(lambda v: La(sigmoid(v)), z)
    D.step(r"= \frac{\partial L}{\partial a}\,\sigma'(z) =", dLz, dLa * d1(sigmoid, z))
    D.step(r"= \frac{a - y}{a(1 - a)}\cdot a(1 - a) = a - y.$$", dLa * d1(sigmoid, z), (a - y) / (a * (1 - a)) * a * (1 - a))
    D.step(r"\cdot a(1 - a) = a - y.$$", (a - y) / (a * (1 - a)) * a * (1 - a), a - y)
    w, x, b = rng.normal(size=d), rng.normal(size=d), rng.normal()
    D.step(r"$\partial z/\partial w_j = x_j$", fd_grad(lambda v: v @ x + b, w), x)
    Lw = lambda w, b: La(sigmoid(w @ x + b))
    aa = sigmoid(w @ x + b)
    D.step(r"= (a - y)x_j$", fd_grad(lambda v: Lw(v, b), w), (aa - y) * x)
    # the claim is for both labels; it is wrong for y = 1
    Lb = lambda yy, bb: -(yy * np.log(sigmoid(w @ x + bb)) + (1 - yy) * np.log(1 - sigmoid(w @ x + bb)))
    gb = [fd_grad(lambda v: Lb(yy, v[0]), [b])[0] for yy in (0.0, 1.0)]
    D.step(r"$\frac{\partial L}{\partial b} = a$.", gb, [aa, aa], planted=True)  # a - y


def check():
    run(__file__, body)
