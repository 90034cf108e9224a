import numpy as np
from _truth import run, fd_grad, d1

d = 3


def huber(r, dl):
    return np.where(np.abs(r) <= dl, 0.5 * r * r, dl * (np.abs(r) - 0.5 * dl))


def body(D, rng):
    dl = rng.uniform(0.5, 2.0)
    D.step(r"$\delta\left(\delta - \frac{1}{2}\delta\right) = \frac{1}{2}\delta^2$", dl * (dl - 0.5 * dl), 0.5 * dl ** 2)
    D.step(r"$\delta\left(\delta - \frac{1}{2}\delta\right)", float(huber(dl + 1e-12, dl)), dl * (dl - 0.5 * dl))
    r_in, r_out = rng.uniform(-dl, dl) * 0.9, rng.choice([-1, 1]) * rng.uniform(dl * 1.2, 3 * dl)
    D.step(r"\begin{cases} r & \text{se }", d1(lambda t: float(huber(t, dl)), r_in), r_in)
    D.step(r"\delta\,\mathrm{sign}(r) & \text{altrimenti}", d1(lambda t: float(huber(t, dl)), r_out), dl * np.sign(r_out))
    x = rng.normal(size=d)
    for r0, inner in ((r_in, True), (r_out, False)):
        w = rng.normal(size=d)
        y = w @ x + r0
        D.step(r"\frac{\partial r}{\partial \mathbf{w}} = -\mathbf{x}$", fd_grad(lambda v: y - v @ x, w), -x)
        g = fd_grad(lambda v: float(huber(y - v @ x, dl)), w)
        if inner:
            D.step(r"= L_\delta'(r)\,\frac{\partial r}{\partial \mathbf{w}} = -r", g, r0 * -x)
            D.step(r"= -r\,\mathbf{x} = -(y", r0 * -x, -r0 * x)
            D.step(r"= -(y - \mathbf{w}^\top\mathbf{x})\,\mathbf{x},$$", -r0 * x, -(y - w @ x) * x)
        else:
            D.step(r"= \delta\,\mathrm{sign}(r)\,\frac{\partial r}{\partial \mathbf{w}}", g, dl * np.sign(r0) * -x)
            D.step(r"= \delta\,\mathrm{sign}(y - \mathbf{w}^\top\mathbf{x})\,\mathbf{x}.$$", dl * np.sign(r0) * -x, dl * np.sign(y - w @ x) * x, planted=True)


def check():
    run(__file__, body)
