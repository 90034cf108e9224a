import numpy as np
from corpus_truth import grad, run


def steps(s, rng):
    H = 5
    a, gain, bias, y_bar = rng.normal(size=(4, H))
    delta = rng.uniform(0.2, 3)
    mu = lambda v: np.mean(v)  # noqa: E731
    sd = lambda v: np.sqrt(np.mean((v - np.mean(v)) ** 2))  # noqa: E731
    layer = lambda v, g_=gain, b_=bias: g_ / sd(v) * (v - mu(v)) + b_  # noqa: E731
    s.eq(19, r"= \frac{\mathbf{g}}{\sigma^l} \odot", gain / (delta * sd(a)) * (delta * a - delta * mu(a)), gain / sd(a) * (a - mu(a)))
    assert np.isclose(mu(delta * a), delta * mu(a)) and np.isclose(sd(delta * a), delta * sd(a))
    s.eq(21, r"= \frac{1}{H}$", grad(mu, a), np.full(H, 1 / H))
    s.eq(22, r"= 2 \left( a^l_j - \mu^l \right)$", grad(lambda v: np.sum((v - mu(v)) ** 2), a), 2 * (a - mu(a)))
    d_sd = grad(sd, a)
    s.eq(25, r"= \frac{1}{2 \sigma^l} \cdot \frac{2", d_sd, 1 / (2 * sd(a)) * 2 * (a - mu(a)) / H)
    s.eq(25, r"= \frac{a^l_j - \mu^l}{\sigma^l} .", 1 / (2 * sd(a)) * 2 * (a - mu(a)) / H, (a - mu(a)) / sd(a))  # planted: 1/H
    loss = lambda g_, b_: y_bar @ layer(a, g_, b_)  # noqa: E731  d loss / d y = y_bar
    s.eq(31, r"= \bar{y}_i \, \frac{a^l_i - \mu^l}{\sigma^l}", grad(lambda v: loss(v, bias), gain), y_bar * (a - mu(a)) / sd(a))
    s.eq(31, r"\partial b_i} = \bar{y}_i .", grad(lambda v: loss(gain, v), bias), y_bar)


def check():
    run(__file__, steps)
