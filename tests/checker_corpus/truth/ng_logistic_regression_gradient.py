import numpy as np
from corpus_truth import deriv, grad, run, sigmoid


def steps(s, rng):
    w, x, b, y = rng.normal(size=2), rng.normal(size=2), rng.normal(), float(rng.integers(2))
    s.eq(6, r"= w_1 x_1 + w_2 x_2 + b", w @ x + b, w[0] * x[0] + w[1] * x[1] + b)
    loss_of_a = lambda a_: -(y * np.log(a_) + (1 - y) * np.log(1 - a_))  # noqa: E731
    z = w @ x + b
    a = sigmoid(z)
    da = -y / a + (1 - y) / (1 - a)
    s.eq(21, r"= -\frac{y}{a} + \frac{1 - y}{1 - a}", deriv(loss_of_a, a), da)
    s.eq(24, r"= a(1 - a)", deriv(sigmoid, z), a * (1 - a))
    dz = deriv(lambda z_: loss_of_a(sigmoid(z_)), z)
    s.eq(27, r"= \frac{d\mathcal{L}}{da} \cdot \frac{da}{dz}", dz, deriv(loss_of_a, a) * deriv(sigmoid, z))
    s.eq(27, r"= \left(-\frac{y}{a} + \frac{1 - y}{1 - a}\right) a (1 - a)", deriv(loss_of_a, a) * deriv(sigmoid, z),
         da * a * (1 - a))
    s.eq(27, "= a - y", da * a * (1 - a), a - y)
    loss = lambda w_, b_: loss_of_a(sigmoid(w_ @ x + b_))  # noqa: E731
    dw = grad(lambda v: loss(v, b), w)
    s.eq(33, r"= x_1 \, dz", dw[0], x[0] * dz)
    s.eq(33, r"= x_2 \, dz", dw[1], x[1] * dz)
    s.eq(33, r"\partial b} = dz", deriv(lambda c: loss(w, c), b), dz)

    m = 5
    X, Y = rng.normal(size=(m, 2)), rng.integers(2, size=m).astype(float)
    per_example = lambda w_, i: -(Y[i] * np.log(sigmoid(X[i] @ w_ + b)) + (1 - Y[i]) * np.log(1 - sigmoid(X[i] @ w_ + b)))  # noqa: E731,E501
    J = lambda w_: np.mean([per_example(w_, i) for i in range(m)])  # noqa: E731
    mean_of_grads = np.mean([grad(lambda v: per_example(v, i), w)[0] for i in range(m)])
    s.eq(44, r"= \frac{1}{m} \sum_{i=1}^{m} \frac{\partial}{\partial w_1}", grad(J, w)[0], mean_of_grads)
    s.eq(44, r"= \frac{1}{m} \sum_{i=1}^{m} x_1^{(i)} dz^{(i)}", mean_of_grads,
         np.mean(X[:, 0] * (sigmoid(X @ w + b) - Y)))


def check():
    run(__file__, steps)
