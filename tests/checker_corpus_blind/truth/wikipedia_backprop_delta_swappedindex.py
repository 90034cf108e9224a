import numpy as np
from _truth import run, fd_grad, sigmoid, d1

n_in, H, O = 3, 3, 3


def body(D, rng):
    z = rng.normal()
    D.step(r"$$\frac{d\varphi}{dz} = \varphi(z)(1 - \varphi(z))$$", d1(sigmoid, z), sigmoid(z) * (1 - sigmoid(z)))
    x = rng.normal(size=n_in)
    V = rng.normal(size=(n_in, H))   # V[k, j]: input k -> hidden j
    W = rng.normal(size=(H, O))      # W[j, l]: hidden j -> output l
    t = rng.uniform(size=O)
    oh = sigmoid(x @ V); oo = sigmoid(oh @ W)
    E = lambda V, W: 0.5 * np.sum((t - sigmoid(sigmoid(x @ V) @ W)) ** 2)
    gW = fd_grad(lambda M: E(V, M), W)
    net_o = oh @ W
    dE_do = fd_grad(lambda o: 0.5 * np.sum((t - o) ** 2), oo)
    do_dnet = np.array([d1(sigmoid, v) for v in net_o])
    dnet_dw = np.array([[fd_grad(lambda M: (oh @ M)[j], W)[i, j] for j in range(O)] for i in range(H)])
    D.step(r"= \frac{\partial E}{\partial o_j}\frac{\partial o_j}{\partial \text{net}_j}\frac{\partial", gW, dE_do[None, :] * do_dnet[None, :] * dnet_dw)
    D.step(r"{\partial w_{ij}} = o_i$.", dnet_dw, np.tile(oh[:, None], (1, O)))
    D.step(r"$\frac{\partial E}{\partial o_j} = o_j - t_j$", dE_do, oo - t)
    delta_o = fd_grad(lambda n: 0.5 * np.sum((t - sigmoid(n)) ** 2), net_o)
    D.step(r"$$\frac{\partial E}{\partial w_{ij}} = o_i \delta_j$$", gW, np.outer(oh, delta_o))
    D.step(r"= \frac{\partial E}{\partial o_j}\frac{\partial o_j}{\partial \text{net}_j} = (o_j", delta_o, dE_do * do_dnet)
    D.step(r"= (o_j - t_j)\, o_j(1 - o_j)$$", dE_do * do_dnet, (oo - t) * oo * (1 - oo))
    net_h = x @ V
    delta_h = fd_grad(lambda n: 0.5 * np.sum((t - sigmoid(sigmoid(n) @ W)) ** 2), net_h)
    claimed = np.array([sum(W[l, j] * delta_o[l] for l in range(O)) * oh[j] * (1 - oh[j]) for j in range(H)])
    D.step(r"$$\delta_j = \left(\sum_{\ell \in L} w_{\ell j}\delta_\ell\right)", delta_h, claimed, planted=True)  # w_{j l}
    eta = 0.1
    D.step(r"= -\eta\, o_i \delta_j$", -eta * fd_grad(lambda M: E(M, W), V), -eta * np.outer(x, delta_h))


def check():
    run(__file__, body)
