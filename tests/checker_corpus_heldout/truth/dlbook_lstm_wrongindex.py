import numpy as np
from _truth import run, fd_grad, sigmoid as sg

n = 3


def body(D, rng):
    bf, b, bg = rng.normal(size=(3, n))
    Uf, Wf, U, W, Ug, Wg = rng.normal(size=(6, n, n))
    x, hp, sp = rng.normal(size=(3, n))

    def s_new(sp=sp, bf=bf, Uf=Uf, Wf=Wf):
        f = sg(bf + Uf @ x + Wf @ hp)
        g = sg(bg + Ug @ x + Wg @ hp)
        return f * sp + g * sg(b + U @ x + W @ hp)

    f = sg(bf + Uf @ x + Wf @ hp)
    for i in range(n):
        D.step(r"{\partial s_i^{(t-1)}} = f_i^{(t)}, \qquad", fd_grad(lambda v: s_new(sp=v)[i], sp)[i], f[i])
        dbf = fd_grad(lambda v: s_new(bf=v)[i], bf)[i]
        dfb = fd_grad(lambda v: sg(v + Uf @ x + Wf @ hp)[i], bf)[i]
        D.step(r"= s_i^{(t-1)} \frac{\partial f_i^{(t)}}{\partial b_i^f}", dbf, sp[i] * dfb)
        D.step(r"= s_i^{(t-1)} f_i^{(t)}\left(1 - f_i^{(t)}\right).$$", sp[i] * dfb, sp[i] * f[i] * (1 - f[i]))
        gU = fd_grad(lambda M: s_new(Uf=M)[i], Uf)[i]
        D.step(r"\right) x_i^{(t)},$$", gU, sp[i] * f[i] * (1 - f[i]) * np.full(n, x[i]), planted=True)
        gW = fd_grad(lambda M: s_new(Wf=M)[i], Wf)[i]
        D.step(r"\right) h_j^{(t-1)}.$$", gW, sp[i] * f[i] * (1 - f[i]) * hp)


def check():
    run(__file__, body)
