import numpy as np
from _truth import run, fd_jac

H, n = 5, 3


def stats(a):
    mu = a.mean()
    return mu, np.sqrt(np.mean((a - mu) ** 2))


def norm(a):
    mu, s = stats(a)
    return (a - mu) / s


def body(D, rng):
    W, h = rng.normal(size=(H, n)), rng.normal(size=n)
    a = W @ h
    mu, s = stats(a)
    dl = rng.uniform(0.3, 3)
    a2 = (dl * W) @ h
    mu2, s2 = stats(a2)
    D.step(r"$a'^l = \delta a^l$", a2, dl * a)
    D.step(r"$\mu'^l = \delta\mu^l$", mu2, dl * mu)
    D.step(r"$\sigma'^l = \delta\sigma^l$", s2, dl * s)
    D.step(r"= \frac{\delta a_i^l - \delta\mu^l}{\delta\sigma^l}", norm(a2), (dl * a - dl * mu) / (dl * s))
    D.step(r"{\delta\sigma^l} = \frac{a_i^l - \mu^l}{\sigma^l}", (dl * a - dl * mu) / (dl * s), (a - mu) / s)
    D.step(r"- \mu^l}{\sigma^l} = \bar{a}_i^l .$$", (a - mu) / s, norm(a))
    gam = rng.normal(size=n)
    a3 = (W + np.outer(np.ones(H), gam)) @ h
    mu3, s3 = stats(a3)
    D.step(r"$a_i'^l = a_i^l + \gamma^\top h^l$", a3, a + gam @ h)
    D.step(r"$\mu'^l = \mu^l + \gamma^\top h^l$", mu3, mu + gam @ h)
    D.step(r"$\sigma'^l = \sigma^l$:", s3, s)
    D.step(r"= \frac{a_i^l + \gamma^\top h^l - \mu^l", norm(a3), (a + gam @ h - mu - gam @ h) / s)
    D.step(r"\gamma^\top h^l}{\sigma^l} = \bar{a}_i^l", (a + gam @ h - mu - gam @ h) / s, norm(a))
    J = fd_jac(norm, a)
    ab = norm(a)
    Jc = (np.eye(H) - np.ones((H, H)) / H - np.outer(ab, ab) / H) / s
    D.step(r"= \frac{1}{\sigma^l}\left(I - \frac{1}{H}", J, Jc)
    D.step(r"\mathbf{1} = 0$", Jc @ np.ones(H), np.zeros(H))
    D.step(r"\, a^l = 0$", Jc @ a, np.zeros(H))


def check():
    run(__file__, body)
