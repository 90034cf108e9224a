import numpy as np
from _truth import run, fd_grad, fd_jac

n, k = 6, 3


def body(D, rng):
    x, w, g, b = rng.normal(size=n), rng.normal(size=k), rng.normal(size=n - k + 1), rng.normal()
    y = lambda x, w, b=0.0: np.array([sum(w[j] * x[i + j] for j in range(k)) for i in range(n - k + 1)]) + b
    Jw = fd_jac(lambda v: y(x, v), w)
    D.step(r"$\frac{\partial y_i}{\partial w_j} = x_{i+j-1}$", Jw, [[x[i + j] for j in range(k)] for i in range(n - k + 1)])
    L = lambda x, w, b=0.0: np.sum(g * y(x, w, b))
    D.step(r"= \sum_{i=1}^{4} g_i\, x_{i+j-1}.$$", fd_grad(lambda v: L(x, v), w), [sum(g[i] * x[i + j] for i in range(n - k + 1)) for j in range(k)])
    ww = lambda j: w[j - 1] if 1 <= j <= k else 0.0
    gx = fd_grad(lambda v: L(v, w), x)
    D.step(r"= \sum_{i=1}^{4} g_i\, w_{m+i-1}$$", gx, [sum(g[i - 1] * ww(m + i - 1) for i in range(1, n - k + 2)) for m in range(1, n + 1)], planted=True)  # w_{m-i+1}
    D.step(r"= g_1 w_1$, and", gx[0], g[0] * w[0])
    D.step(r"= g_4 w_3$.", gx[5], g[3] * w[2])
    D.step(r"= \sum_{i=1}^4 g_i$.", fd_grad(lambda v: L(x, w, v[0]), [b])[0], g.sum())


def check():
    run(__file__, body)
