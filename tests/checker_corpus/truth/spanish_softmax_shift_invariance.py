import numpy as np
from corpus_truth import run, softmax


def steps(s, rng):
    x, c = rng.normal(size=4), rng.normal(scale=3)
    e = np.exp
    chain = [softmax(x + c), e(x + c) / e(x + c).sum(), e(c) * e(x) / (e(c) * e(x).sum()), e(x) / e(x).sum(), softmax(x)]
    for snippet, left, right in zip([r"= \frac{e^{x_j + c}}{\sum_j e^{x_j + c}}", r"= \frac{e^{c}\, e^{x_j}}",
                                     r"= \frac{e^{x_j}}{\sum_j e^{x_j}} =", r"= \operatorname{softmax}(x)_j"], chain, chain[1:]):
        s.eq(8, snippet, left, right)
    s.eq(18, r"= \log \left( e^{c} \sum_j e^{x_j} \right)", np.log(e(x + c).sum()), np.log(e(c) * e(x).sum()))
    s.eq(18, r"= c + \log \sum_j e^{x_j} .", np.log(e(c) * e(x).sum()), c + np.log(e(x).sum()))
    x = np.array([1.0, 2.0, 3.0])
    s.eq(27, r"= \frac{e^{0}}{e^{-2} + e^{-1} + e^{0}}", softmax(x)[2], e(0) / (e(-2) + e(-1) + e(0)))
    s.eq(27, r"= \frac{1}{1 + e^{-1} + e^{-2}}", e(0) / (e(-2) + e(-1) + e(0)), 1 / (1 + e(-1) + e(-2)))
    s.approx(27, r"\approx 0{,}665", 1 / (1 + e(-1) + e(-2)), 0.665, 3)


def check():
    run(__file__, steps)
