from corpus_truth import run


def first_moment(gs, beta1):
    m = 0.0
    for g in gs:  # gs[0] is g_1
        m = beta1 * m + (1 - beta1) * g
    return m


def steps(s, rng):
    beta1 = rng.uniform(0.5, 0.99)
    for t in (1, 3, int(rng.integers(2, 9))):
        gs = rng.normal(size=t)
        g = lambda i: gs[i - 1]  # noqa: E731,B023  g_i, i = 1..t
        m_t = first_moment(gs, beta1)
        expanded = (1 - beta1) * sum(beta1 ** k * g(t - k) for k in range(t))  # g_t + beta1 g_{t-1} + ...
        s.eq(13, r"\left( g_t + \beta_1 g_{t-1}", m_t, expanded)
        s.eq(13, r"= (1 - \beta_1) \sum_{i=1}^{t}", expanded, (1 - beta1) * sum(beta1 ** (t - i) * g(i) for i in range(1, t + 1)))
    gs = rng.normal(size=3)
    s.eq(16, r"= (1 - \beta_1)(\beta_1^2 g_1", first_moment(gs, beta1), (1 - beta1) * (beta1 ** 2 * gs[0] + beta1 * gs[1] + gs[2]))
    gc = rng.normal()
    for t in range(1, 7):
        m_t = first_moment([gc] * t, beta1)
        chain = [m_t, (1 - beta1) * sum(beta1 ** (t - i) * gc for i in range(1, t + 1)),
                 (1 - beta1) * (1 - beta1 ** t) / (1 - beta1) * gc, (1 - beta1 ** t) * gc]
        for snippet, left, right in zip([r"m_t = (1 - \beta_1) \sum", r"= (1 - \beta_1) \frac{1 - \beta_1^t}",
                                         r"= (1 - \beta_1^t) g ,"], chain, chain[1:]):
            s.eq(21, snippet, left, right)
        s.eq(29, "= g .", m_t / (1 - beta1 ** t), gc)
    s.eq(25, r"$1 - \beta_1^1 = 0.1$", 1 - 0.9 ** 1, 0.1)


def check():
    run(__file__, steps)
