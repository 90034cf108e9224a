from corpus_truth import deriv, run, sigmoid


def steps(s, rng):
    x = rng.normal(scale=2, size=6)
    swish = lambda t, b: t * sigmoid(b * t)  # noqa: E731
    s.eq(5, r"= x \sigma(0)", swish(x, 0.0), x * sigmoid(0.0))  # the case beta = 0
    s.eq(5, r"= \frac{x}{2}$", x * sigmoid(0.0), x / 2)
    u = rng.normal(size=4)
    s.eq(7, r"= \sigma(u)(1 - \sigma(u))$", deriv(sigmoid, u), sigmoid(u) * (1 - sigmoid(u)))
    beta = rng.uniform(0.2, 3)
    sb, f = sigmoid(beta * x), swish(x, beta)
    chain = [deriv(lambda t: swish(t, beta), x), sb + beta * x * sb * (1 - sb), sb + beta * x * sb - beta * x * sb ** 2,
             beta * f + sb * (1 - f)]
    for line, snippet, left, right in zip([10, 11, 12], [r"&= \sigma(\beta x) + \beta x \, \sigma(\beta x) \left(",
                                                         r"&= \sigma(\beta x) + \beta x \, \sigma(\beta x) - \beta x",
                                                         r"&= \beta f(x) + \sigma(\beta x) \left( 1 - f(x) \right)"],
                                          chain, chain[1:]):
        s.eq(line, snippet, left, right)  # the last one is planted: 1 - beta f(x)
    f1 = swish(x, 1.0)
    s.eq(16, r"= f(x) + \sigma(x)(1 - f(x))$", deriv(lambda t: swish(t, 1.0), x), f1 + sigmoid(x) * (1 - f1))
    s.eq(21, r"= x^2 \sigma(\beta x) \left(", deriv(lambda b: swish(x, b), beta), x ** 2 * sb * (1 - sb))


def check():
    run(__file__, steps)
