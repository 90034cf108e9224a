import numpy as np
from _truth import run


def body(D, rng):
    beta = rng.uniform(0.5, 0.99)
    g = rng.normal(size=8)
    avg = [0.0]
    for t in range(1, 8):
        avg.append(beta * avg[-1] + (1 - beta) * g[t])
    a2 = beta * (beta * avg[1] + (1 - beta) * g[2]) + (1 - beta) * g[3]
    D.step(r"&= \beta\,\mathrm{avg}_2 + (1-\beta)g_3", avg[3], beta * avg[2] + (1 - beta) * g[3])
    D.step(r"&= \beta\left(\beta\,\mathrm{avg}_1", beta * avg[2] + (1 - beta) * g[3], a2)
    D.step(r"&= \beta^2(1-\beta)g_1", a2, beta ** 2 * (1 - beta) * g[1] + beta * (1 - beta) * g[2] + (1 - beta) * g[3])
    for t in range(1, 8):
        s = (1 - beta) * sum(beta ** (t - i) * g[i] for i in range(1, t + 1))
        D.step(r"\mathrm{avg}_t = (1-\beta)\sum_{i=1}^{t}\beta^{t-i} g_i .$$", avg[t], s)
        D.step(r"= 1 - \beta^t$", (1 - beta) * sum(beta ** (t - i) for i in range(1, t + 1)), 1 - beta ** t)
        G = rng.normal()
        const = [0.0]
        for _ in range(t):
            const.append(beta * const[-1] + (1 - beta) * G)
        D.step(r"$\mathrm{avg}_t = (1 - \beta^t)\,g$", const[t], (1 - beta ** t) * G)
        D.step(r"{1 - \beta^t} = \frac{(1-\beta)\sum", avg[t] / (1 - beta ** t), s / (1 - beta ** t))


def check():
    run(__file__, body)
