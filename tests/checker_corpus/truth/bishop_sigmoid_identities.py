import numpy as np
from corpus_truth import deriv, run, sigmoid


def steps(s, rng):
    a = rng.normal(scale=2, size=6)
    e = np.exp
    chain12 = [sigmoid(-a), 1 / (1 + e(a)), e(-a) / (e(-a) + 1), 1 - 1 / (1 + e(-a)), 1 - sigmoid(a)]
    for snippet, left, right in zip([r"= \frac{1}{1 + \exp(a)}", r"= \frac{\exp(-a)}{\exp(-a) + 1}",
                                     r"= 1 - \frac{1}{1 + \exp(-a)}", r"= 1 - \sigma(a) \tag"],
                                    chain12, chain12[1:]):
        s.eq(12, snippet, left, right)
    sg = sigmoid(a)
    chain18 = [np.log(sg / (1 - sg)), np.log(sg / sigmoid(-a)), np.log((1 + e(a)) / (1 + e(-a))), np.log(e(a)), a]
    for snippet, left, right in zip([r"= \ln\left(\frac{\sigma(a)}{\sigma(-a)}", r"= \ln\left(\frac{1 + \exp(a)}",
                                     r"= \ln \exp(a)", "= a \\tag"], chain18, chain18[1:]):
        s.eq(18, snippet, left, right)
    dsig = deriv(sigmoid, a)
    chain24 = [dsig, e(-a) / (1 + e(-a)) ** 2, sg * e(-a) / (1 + e(-a)), sg * (1 - sg)]
    for snippet, left, right in zip([r"= \frac{\exp(-a)}{\left(1", r"= \sigma(a) \cdot", r"= \sigma(1 - \sigma)"],
                                    chain24, chain24[1:]):
        s.eq(24, snippet, left, right)
    dlog = deriv(lambda v: np.log(sigmoid(v)), a)
    s.eq(30, r"= \frac{1}{\sigma} \frac{d\sigma}{da}", dlog, dsig / sg)
    s.eq(30, r"= 1 - \sigma(a), \qquad", dsig / sg, 1 - sg)
    s.eq(30, r"= -\sigma(a) .", deriv(lambda v: np.log(1 - sigmoid(v)), a), -sg)
    chain36 = [2 * sigmoid(2 * a) - 1, 2 / (1 + e(-2 * a)) - 1, (1 - e(-2 * a)) / (1 + e(-2 * a)),
               (e(a) - e(-a)) / (e(a) + e(-a)), np.tanh(a)]
    for line, snippet, left, right in zip([36, 37, 38, 38], [r"&= \frac{2}{1 + e^{-2a}} - 1", r"&= \frac{1 - e^{-2a}}",
                                                           r"&= \frac{e^{a} - e^{-a}}", r"= \tanh(a)"],
                                          chain36, chain36[1:]):
        s.eq(line, snippet, left, right)


def check():
    run(__file__, steps)
