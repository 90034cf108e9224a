import numpy as np
from _truth import run, fd_grad

K, Dd = 4, 3
Delta = 1.0


def body(D, rng):
    # scores spread so that some margins are violated and some are not, none near a kink
    while True:
        W, x = rng.normal(size=(K, Dd)), rng.normal(size=Dd)
        y = int(rng.integers(0, K))
        m = W @ x - W[y] @ x + Delta
        m[y] = 5.0
        others = [j for j in range(K) if j != y]
        if np.min(np.abs(m)) > 0.05 and any(m[j] > 0 for j in others) and any(m[j] < 0 for j in others):
            break
    L = lambda W: sum(max(0.0, W[j] @ x - W[y] @ x + Delta) for j in range(K) if j != y)
    g = fd_grad(L, W)
    count = sum(float(W[j] @ x - W[y] @ x + Delta > 0) for j in range(K) if j != y)
    D.step(r"$$\nabla_{w_{y_i}} L_i = - \left(", g[y], -count * x)
    claimed = np.array([float(W[y] @ x - W[j] @ x + Delta > 0) * x for j in others])
    D.step(r"$$\nabla_{w_j} L_i = \mathbb{1}(w_{y_i}^Tx_i", g[others], claimed, planted=True)


def check():
    run(__file__, body)
