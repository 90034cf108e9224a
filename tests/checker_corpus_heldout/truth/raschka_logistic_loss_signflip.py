import numpy as np
from _truth import run, fd_grad, d1, sigmoid

m = 3


def body(D, rng):
    x, w, b = rng.normal(size=m), rng.normal(size=m), rng.normal()
    y = rng.uniform(0.05, 0.95)  # the algebra holds for any y; at y = 1 the planted slip vanishes
    z = w @ x + b
    a = sigmoid(z)
    la = d1(lambda t: y * np.log(t) + (1 - y) * np.log(1 - t), a)
    D.step(r"= \frac{y}{a} - \frac{1 - y}{1 - a}", la, y / a - (1 - y) / (1 - a))
    D.step(r"= \frac{y(1 - a) + a(1 - y)}{a(1 - a)}", y / a - (1 - y) / (1 - a), (y * (1 - a) + a * (1 - y)) / (a * (1 - a)), planted=True)
    D.step(r"= \frac{y + a - 2ay}{a(1 - a)}", (y * (1 - a) + a * (1 - y)) / (a * (1 - a)), (y + a - 2 * a * y) / (a * (1 - a)))
    az = d1(sigmoid, z)
    D.step(r"= \frac{\partial}{\partial z}\frac{1}{1 + e^{-z}}", az, d1(lambda t: 1 / (1 + np.exp(-t)), z))
    D.step(r"= \frac{e^{-z}}{(1 + e^{-z})^2}", az, np.exp(-z) / (1 + np.exp(-z)) ** 2)
    D.step(r"= \frac{1}{1 + e^{-z}}\left(1 -", np.exp(-z) / (1 + np.exp(-z)) ** 2, 1 / (1 + np.exp(-z)) * (1 - 1 / (1 + np.exp(-z))))
    D.step(r"\right) = a(1 - a)$$", 1 / (1 + np.exp(-z)) * (1 - 1 / (1 + np.exp(-z))), a * (1 - a))
    D.step(r"\frac{\partial z}{\partial w_j} = x_j$", fd_grad(lambda v: v @ x + b, w), x)
    lw = fd_grad(lambda v: y * np.log(sigmoid(v @ x + b)) + (1 - y) * np.log(1 - sigmoid(v @ x + b)), w)
    D.step(r"= \frac{y - a}{a(1 - a)}\, a(1 - a)\, x_j", lw, (y - a) / (a * (1 - a)) * a * (1 - a) * x)
    D.step(r"= (y - a)x_j$$", (y - a) * x, (y - a) * x)


def check():
    run(__file__, body)
