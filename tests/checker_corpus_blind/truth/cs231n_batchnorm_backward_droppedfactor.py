import numpy as np
from _truth import run, fd_grad

N, eps = 6, 1e-5


def body(D, rng):
    x = rng.normal(size=N) * 2 + 1
    c = rng.normal(size=N)  # dL/dy
    mu = x.mean(); v = np.mean((x - mu) ** 2); s = np.sqrt(v + eps); y = (x - mu) / s
    D.step(r"\frac{\partial \mu}{\partial x_i} = \frac{1}{N}", fd_grad(lambda z: z.mean(), x), np.full(N, 1 / N))
    D.step(r"\frac{\partial v}{\partial x_i} = \frac{2}{N}(x_i - \mu)", fd_grad(lambda z: np.mean((z - mu) ** 2), x), 2 / N * (x - mu))
    D.step(r"\frac{\partial \sigma}{\partial v} = \frac{1}{2\sigma}$$", fd_grad(lambda w: np.sqrt(w[0] + eps), [v])[0], 1 / (2 * s))
    yof = lambda z: (z - z.mean()) / np.sqrt(np.mean((z - z.mean()) ** 2) + eps)
    dx = fd_grad(lambda z: np.sum(c * yof(z)), x)
    D.step(r"= \frac{1}{N\sigma}\left(\frac{\partial L}{\partial y_i}", dx, (c - c.sum() - y * np.sum(c * y)) / (N * s), planted=True)  # N dropped
    g, b = rng.normal(), rng.normal()
    dout = rng.normal(size=N)
    D.step(r"$\frac{\partial L}{\partial \gamma} = \sum_i", fd_grad(lambda w: np.sum(dout * (w[0] * y + b)), [g])[0], np.sum(dout * y))
    D.step(r"$\frac{\partial L}{\partial \beta} = \sum_i", fd_grad(lambda w: np.sum(dout * (g * y + w[0])), [b])[0], np.sum(dout))
    D.step(r"$\sum_i y_i = 0$", y.sum(), 0.0)
    D.step(r"\frac{\partial L}{\partial x_i} = 0$$", dx.sum(), 0.0)


def check():
    run(__file__, body)
