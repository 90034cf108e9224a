import numpy as np
from _truth import run, d1, sigmoid


def body(D, rng):
    p, q = rng.uniform(0.05, 0.95, size=2)
    kl = lambda p, q: p * np.log(p / q) + (1 - p) * np.log((1 - p) / (1 - q))
    D.step(r"= \sum_{x \in \{0, 1\}} P(x)\log", kl(p, q), sum(P * np.log(P / Q) for P, Q in ((p, q), (1 - p, 1 - q))))
    D.step(r"= p\log\frac{p}{q} + (1 - p)\log", sum(P * np.log(P / Q) for P, Q in ((p, q), (1 - p, 1 - q))), kl(p, q))
    g = d1(lambda t: kl(p, t), q)
    D.step(r"= -\frac{p}{q} + \frac{1 - p}{1 - q}", g, -p / q + (1 - p) / (1 - q))
    D.step(r"= \frac{-p(1 - q) + q(1 - p)}{q(1 - q)}", -p / q + (1 - p) / (1 - q), (-p * (1 - q) + q * (1 - p)) / (q * (1 - q)))
    D.step(r"= \frac{q - p}{q(1 - q)}.$$", (-p * (1 - q) + q * (1 - p)) / (q * (1 - q)), (q - p) / (q * (1 - q)))
    D.step(r"$D_{\mathrm{KL}} = 0$", kl(p, p), 0.0)
    z = np.log(q / (1 - q))
    D.step(r"$\frac{dq}{dz} = q(1 - q)$", d1(lambda t: float(sigmoid(t)), z), q * (1 - q))
    gz = d1(lambda t: kl(p, float(sigmoid(t))), z)
    D.step(r"\cdot q(1 - q) = q - p.$$", gz, (q - p) / (q * (1 - q)) * q * (1 - q))
    D.step(r"= q - p.$$", (q - p) / (q * (1 - q)) * q * (1 - q), q - p)
    h = 1e-4
    sec = (kl(p, q + h) - 2 * kl(p, q) + kl(p, q - h)) / h ** 2
    D.step(r"= \frac{p}{q^2} + \frac{1 - p}{(1 - q)^2}", sec, p / q ** 2 + (1 - p) / (1 - q) ** 2)
    secp = (kl(p, p + h) - 2 * kl(p, p) + kl(p, p - h)) / h ** 2
    D.step(r"= \frac{1}{p} + \frac{1}{1 - p}", secp, 1 / p + 1 / (1 - p))
    D.step(r"= \frac{1}{p(1 - p)}.$$", 1 / p + 1 / (1 - p), 1 / (p * (1 - p)))


def check():
    run(__file__, body)
