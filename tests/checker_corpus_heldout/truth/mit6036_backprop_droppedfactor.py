import numpy as np
from _truth import run, fd_grad

m, n1, n2 = 3, 4, 2


def body(D, rng):
    x, y = rng.normal(size=m), rng.normal(size=n2)
    W1, W10, W2, W20 = rng.normal(size=(m, n1)), rng.normal(size=n1), rng.normal(size=(n1, n2)), rng.normal(size=n2)
    Z1 = W1.T @ x + W10
    A1 = np.tanh(Z1)
    Z2 = W2.T @ A1 + W20
    A2 = Z2
    from_Z2 = lambda z2: 0.5 * np.sum((z2 - y) ** 2)
    dZ2 = fd_grad(from_Z2, Z2)
    D.step(r"= A^2 - y .", dZ2, A2 - y)
    loss_W = lambda W1, W10, W2, W20: 0.5 * np.sum((W2.T @ np.tanh(W1.T @ x + W10) + W20 - y) ** 2)
    D.step(r"= A^1 \left(\frac{\partial \text{loss}}{\partial Z^2}\right)^T", fd_grad(lambda W: loss_W(W1, W10, W, W20), W2), np.outer(A1, dZ2))
    D.step(r"\frac{\partial \text{loss}}{\partial W^2_0} = \frac{\partial \text{loss}}{\partial Z^2}",
           fd_grad(lambda b: loss_W(W1, W10, W2, b), W20), dZ2)
    dA1 = fd_grad(lambda a: 0.5 * np.sum((W2.T @ a + W20 - y) ** 2), A1)
    D.step(r"= W^2 \frac{\partial \text{loss}}{\partial Z^2}$", dA1, W2 @ dZ2)
    dZ1 = fd_grad(lambda z: 0.5 * np.sum((W2.T @ np.tanh(z) + W20 - y) ** 2), Z1)
    D.step(r"= \frac{\partial A^1}{\partial Z^1}\frac{\partial \text{loss}}{\partial A^1}⏎", dZ1, (1 - A1 ** 2) * dA1)
    D.step("= W^2 \\frac{\\partial \\text{loss}}{\\partial Z^2}\n", dZ1, W2 @ dZ2, planted=True)
    gW1 = fd_grad(lambda W: loss_W(W, W10, W2, W20), W1)
    D.step(r"= A^0 \left(\frac{\partial \text{loss}}{\partial Z^1}\right)^T", gW1, np.outer(x, dZ1))
    D.step(r"= x \left(\frac{\partial \text{loss}}{\partial Z^1}\right)^T.", np.outer(x, dZ1), np.outer(x, dZ1))


def check():
    run(__file__, body)
