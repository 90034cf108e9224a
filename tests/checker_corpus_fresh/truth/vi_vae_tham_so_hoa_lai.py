import numpy as np
from _truth import run, d1, gauss_expect


def kl(mu, sigma):
    # E_q[log q(z) - log p(z)], z ~ N(mu, sigma^2)
    logq = lambda z: -0.5 * ((z - mu) / sigma) ** 2 - np.log(sigma) - 0.5 * np.log(2 * np.pi)
    logp = lambda z: -0.5 * z ** 2 - 0.5 * np.log(2 * np.pi)
    return gauss_expect(lambda z: logq(z) - logp(z), mu, sigma)


def body(D, rng):
    mu, s, eps = rng.normal(), rng.normal() * 0.5, rng.normal()
    sigma = np.exp(s)
    z = lambda m, sg: m + sg * eps
    D.step(r"\frac{\partial z}{\partial \mu} = 1", d1(lambda m: z(m, sigma), mu), 1.0)
    D.step(r"\frac{\partial z}{\partial \sigma} = \epsilon$$", d1(lambda sg: z(mu, sg), sigma), eps)
    dzds = d1(lambda t: z(mu, np.exp(t)), s)
    D.step(r"= \frac{\partial z}{\partial \sigma}\frac{\partial \sigma}{\partial s}", dzds, d1(lambda sg: z(mu, sg), sigma) * d1(np.exp, s))
    D.step(r"= \epsilon e^{s} = \sigma\epsilon$$", dzds, eps * np.exp(s))
    D.step(r"= \sigma\epsilon$$", eps * np.exp(s), sigma * eps)
    Dv = lambda m, sg: 0.5 * (m ** 2 + sg ** 2 - np.log(sg ** 2) - 1)
    D.step(r"= \frac{1}{2}\left(\mu^2 + \sigma^2 - \log\sigma^2 - 1\right)", kl(mu, sigma), Dv(mu, sigma))
    D.step(r"\frac{\partial D}{\partial \mu} = \mu", d1(lambda m: Dv(m, sigma), mu), mu)
    dDds = d1(lambda sg: Dv(mu, sg), sigma)
    D.step(r"\frac{\partial D}{\partial \sigma} = \sigma - \frac{1}{\sigma}$$", dDds, sigma - 1 / sigma)
    dDs = d1(lambda t: Dv(mu, np.exp(t)), s)
    D.step(r"$\frac{\partial D}{\partial s} = \left(\sigma", dDs, (sigma - 1 / sigma) * sigma)
    D.step(r"\sigma = \sigma^2 - 1$", (sigma - 1 / sigma) * sigma, sigma ** 2 - 1)


def check():
    run(__file__, body)
