import numpy as np
from _truth import run, d1, sigmoid as sg


def body(D, rng):
    for x in rng.normal(size=3) * 2:
        D.step(r"&= \frac{e^{-x}}{(1+e^{-x})^2} \\", d1(sg, x), np.exp(-x) / (1 + np.exp(-x)) ** 2)
        D.step(r"&= \sigma(x)\,(1-\sigma(x)) \tag{1}", np.exp(-x) / (1 + np.exp(-x)) ** 2, sg(x) * (1 - sg(x)))
        sp = lambda v: np.log(1 + np.exp(v))
        D.step(r"&= \frac{e^x}{1+e^x} = \frac{1}{1 + e^{-x}}", d1(sp, x), np.exp(x) / (1 + np.exp(x)))
        D.step(r"{1+e^x} = \frac{1}{1 + e^{-x}} = \sigma(x)", np.exp(x) / (1 + np.exp(x)), 1 / (1 + np.exp(-x)))
        D.step(r"= \sigma(x) \tag{2}", 1 / (1 + np.exp(-x)), sg(x))
        D.step(r"$\tanh(x) = 2\sigma(2x) - 1$", np.tanh(x), 2 * sg(2 * x) - 1)
        D.step(r"&= 4\sigma(2x)(1 - \sigma(2x)) \\", d1(np.tanh, x), 4 * sg(2 * x) * (1 - sg(2 * x)))
        D.step(r"&= 1 - \tanh^2(x) \tag{3}", 4 * sg(2 * x) * (1 - sg(2 * x)), 1 - np.tanh(x) ** 2)
        sw = lambda v: v * sg(v)
        D.step(r"&= \sigma(x) + x\,\sigma(x)(1-\sigma(x)) \\", d1(sw, x), sg(x) + x * sg(x) * (1 - sg(x)))
        D.step(r"&= \mathrm{swish}(x) + \sigma(x)(1 - \mathrm{swish}(x)) \tag{4}", sg(x) + x * sg(x) * (1 - sg(x)), sw(x) + sg(x) * (1 - sw(x)))
    al = rng.uniform(0.5, 2)
    elu = lambda v: v if v > 0 else al * (np.exp(v) - 1)
    for x in -rng.uniform(0.1, 3, size=3):
        D.step(r"the derivative is $\alpha e^x = \mathrm{ELU}(x) + \alpha$", d1(elu, x), al * np.exp(x))
        D.step(r"= \mathrm{ELU}(x) + \alpha$ (handy", al * np.exp(x), elu(x) + al)
    D.step(r"$\sigma'(0) = 0.25$", d1(sg, 0.0), 0.25)
    D.step(r"$\tanh'(0) = 1$", d1(np.tanh, 0.0), 1.0)
    D.step(r"$\mathrm{swish}'(0) = 0.5$", d1(lambda v: v * sg(v), 0.0), 0.5)


def check():
    run(__file__, body)
