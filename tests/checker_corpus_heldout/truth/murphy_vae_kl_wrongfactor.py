import numpy as np
from _truth import run, d1, fd_grad, gauss_expect

K = 3


def body(d, rng):
    mu, sig = rng.normal(), rng.uniform(0.5, 2.0)
    f = lambda z: z ** 2
    lhs = d1(lambda s: gauss_expect(f, mu, s), sig)
    a = gauss_expect(lambda e: 2 * (mu + sig * e) * e)
    b = 2 * mu * gauss_expect(lambda e: e) + 2 * sig * gauss_expect(lambda e: e ** 2)
    d.step(r"= \mathbb{E}_{\epsilon}\left[2(\mu + \sigma\epsilon)\epsilon\right]", lhs, a)
    d.step(r"= 2\mu\,\mathbb{E}[\epsilon]", a, b)
    d.step(r"= 2\sigma.$$", b, 2 * sig)
    d.step(r"= \mu^2 + \sigma^2$", gauss_expect(f, mu, sig), mu ** 2 + sig ** 2)

    # the reparameterised gradients for a non-polynomial f, coordinatewise (diagonal Gaussian)
    m, s = rng.normal(size=K), rng.uniform(0.5, 1.5, size=K)
    fz = lambda z: np.sin(z) + 0.3 * z ** 3
    E = lambda m, s: sum(gauss_expect(fz, m[k], s[k]) for k in range(K))
    gm = fd_grad(lambda mm: E(mm, s), m)
    gs = fd_grad(lambda ss: E(m, ss), s)
    dfz = lambda z: np.cos(z) + 0.9 * z ** 2
    d.step(r"= \mathbb{E}_{\boldsymbol{\epsilon}}\left[\nabla_{\mathbf{z}} f(\mathbf{z})\right],", gm,
           [gauss_expect(lambda e: dfz(m[k] + s[k] * e)) for k in range(K)])
    d.step(r"= \mathbb{E}_{\boldsymbol{\epsilon}}\left[\nabla_{\mathbf{z}} f(\mathbf{z}) \odot", gs,
           [gauss_expect(lambda e: dfz(m[k] + s[k] * e) * e) for k in range(K)])

    logN = lambda x, m, s: -0.5 * np.log(2 * np.pi * s * s) - (x - m) ** 2 / (2 * s * s)
    kl = lambda m, s: gauss_expect(lambda x: logN(x, m, s) - logN(x, 0.0, 1.0), m, s)
    d.step(r"= -\frac{1}{2}\left(1 + \log \sigma_k^2", kl(mu, sig), -0.5 * (1 + np.log(sig ** 2) - mu ** 2 - sig ** 2))
    closed = lambda m, s: -0.5 * (1 + np.log(s ** 2) - m ** 2 - s ** 2)
    d.step(r"= -\frac{1}{2}\left(-2\mu_k\right)", d1(lambda t: closed(t, sig), mu), -0.5 * (-2 * mu))
    d.step(r"\left(-2\mu_k\right) = \mu_k", -0.5 * (-2 * mu), mu)
    a = -0.5 * (1 / sig - 2 * sig)
    d.step(r"= -\frac{1}{2}\left(\frac{1}{\sigma_k} - 2\sigma_k\right)", d1(lambda t: closed(mu, t), sig), a, planted=True)
    d.step(r"= \sigma_k - \frac{1}{2\sigma_k}", a, sig - 1 / (2 * sig))


def check():
    run(__file__, body)
