"""Independent truth checks for the corpus. Run: python verify_truth.py"""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(0)


def close(claimed, truth, dp):
    c = np.asarray(claimed, float); t = np.asarray(truth, float)
    return c.shape == t.shape and bool(np.all(np.abs(c - t) <= 0.5 * 10.0 ** (-dp) + 1e-9))


def fd_grad(f, X, h=1e-6):
    G = np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        E = np.zeros_like(X); E[idx] = h
        G[idx] = (f(X + E) - f(X - E)) / (2 * h)
    return G


def sym_norm(A):
    At = A + np.eye(len(A)); d = At.sum(1)
    return At / np.sqrt(np.outer(d, d)), d


def adj(n, edges):
    A = np.zeros((n, n))
    for i, j in edges:
        A[i - 1, j - 1] = A[j - 1, i - 1] = 1
    return A


def relu(z):
    return np.maximum(z, 0)


def softmax(v):
    e = np.exp(v - np.max(v)); return e / e.sum()

# ---------------------------------------------------------------- file checks
# each returns a list of (unique substring of the line, bool)


def f01():
    A = adj(4, [(1, 2), (2, 3), (2, 4), (3, 4)]); Ah, d = sym_norm(A)
    X = np.array([[1, 0], [0, 1], [1, 1], [2, 0.]]); W = np.array([[1, -1], [0.5, 2]])
    u = np.sqrt(d)
    ev = np.sort(np.linalg.eigvalsh(Ah))
    Z = Ah @ X @ W
    return [
        ("= (2,\\,4,\\,3,\\,3)", close(d, [2, 4, 3, 3], 9)),
        ("2m + n = 2\\cdot 4 + 4 = 12", d.sum() == 12 and 2 * 4 + 4 == 12),
        ("\\tfrac12 & \\tfrac{1}{\\sqrt8} & 0 & 0", close(Ah[0], [.5, 8 ** -.5, 0, 0], 9)),
        ("\\tfrac{1}{\\sqrt8} & \\tfrac14 &", close(Ah[1], [8 ** -.5, .25, 12 ** -.5, 12 ** -.5], 9)),
        ("0 & \\tfrac{1}{\\sqrt{12}} & \\tfrac13 & \\tfrac13\\\\", close(Ah[2], [0, 12 ** -.5, 1 / 3, 1 / 3], 9) and close(Ah[3], [0, 12 ** -.5, 1 / 3, 1 / 3], 9)),
        ("0{,}5 & 0{,}3536 & 0 & 0", close(Ah[0], [.5, .3536, 0, 0], 4)),
        ("0{,}3536 & 0{,}25 & 0{,}2887 & 0{,}2887", close(Ah[1], [.3536, .25, .2887, .2887], 4)),
        ("0 & 0{,}2887 & 0{,}3333 & 0{,}3333\\\\", close(Ah[2:], [[0, .2887, .3333, .3333]] * 2, 4)),
        ("\\hat A\\mathbf 1 \\approx (0{,}8536", close(Ah.sum(1), [.8536, 1.1809, .9553, .9553], 4)),
        ("\\hat A u = \\tilde D^{-1/2}", close(Ah @ u, u, 9) and close(np.sqrt(d), [2 ** .5, 2, 3 ** .5, 3 ** .5], 9)),
        ("alle Eigenwerte in $(-1,1]$", ev.min() > -1 and ev.max() <= 1 + 1e-12),
        ("\\operatorname{spec}(\\hat A) \\approx", close(ev, [-.1477, 0, .5643, 1], 4)),
        ("also ist $\\det \\hat A = 0$", np.allclose(Ah[2], Ah[3]) and abs(np.linalg.det(Ah)) < 1e-12),
        ("\\hat A X \\approx \\begin{pmatrix}0{,}5&0{,}3536", close(Ah @ X, [[.5, .3536], [1.2196, .5387], [1, .622], [1, .622]], 4)),
        ("z.B. Zeile 2", close(8 ** -.5 + 3 / 12 ** .5, 1.2196, 4) and close((Ah @ X)[1, 0], 1.2196, 4)),
        ("Z = \\hat A X W \\approx", close(Z, [[.6768, .2071], [1.4889, -.1422], [1.311, .244], [1.311, .244]], 4)),
        ("setzt nur den Eintrag", (Z < 0).sum() == 1 and Z[1, 1] < 0),
        ("dieselbe Darstellung", np.allclose(Ah[2], Ah[3]) and not np.allclose(X[2], X[3])),
    ]


def f02():
    Ah, d = sym_norm(adj(3, [(1, 2), (2, 3)]))
    X = np.array([[1, 2], [0, 1], [-1, 1.]]); W = np.array([[.5], [-.5]]); Y = np.array([[0], [1], [0.]])
    S = Ah @ X; Z = S @ W; L = ((Z - Y) ** 2).sum()
    # symbolic claim dL/dZ = Z - Y, tested at a random point
    Zr = rng.normal(size=(3, 1)); Yr = rng.normal(size=(3, 1))
    gZ = fd_grad(lambda Zz: ((Zz - Yr) ** 2).sum(), Zr)
    Wr = rng.normal(size=(2, 1))
    gW = fd_grad(lambda Ww: ((Ah @ X @ Ww - Y) ** 2).sum(), Wr)
    gW_true = fd_grad(lambda Ww: ((Ah @ X @ Ww - Y) ** 2).sum(), W)
    return [
        ("degrés avec boucles sont $\\tilde d = (2, 3, 2)$", close(d, [2, 3, 2], 9)),
        ("\\hat A = \\begin{pmatrix} \\frac12 & \\frac1{\\sqrt6}", close(Ah, [[.5, 6 ** -.5, 0], [6 ** -.5, 1 / 3, 6 ** -.5], [0, 6 ** -.5, .5]], 9) and close(6 ** -.5, .4082, 4)),
        ("\\frac{\\partial Z_{ik}}{\\partial W_{jk}} = S_{ij}", True),
        ("\\frac{\\partial L}{\\partial Z_{ik}} = Z_{ik} - Y_{ik}", close(Zr - Yr, gZ, 5)),
        ("\\frac{\\partial L}{\\partial W} = S^\\top (Z - Y) = X^\\top", close(S.T @ (Ah @ X @ Wr - Y), gW, 5)),
        ("$S = \\hat A X \\approx", close(S, [[.5, 1.4082], [0, 1.5581], [-.5, .9082]], 4)),
        ("Z = SW \\approx", close(Z, [[-.4541], [-.779], [-.7041]], 4)),
        ("Par exemple $S_{22}", close(3 / np.sqrt(6) + 1 / 3, 1.5581, 4)),
        ("L \\approx 0{,}4541^2", close(L, 3.867, 3)),
        ("Le résidu est", close((Z - Y).ravel(), [-.4541, -1.779, -.7041], 4)),
        ("\\approx \\begin{pmatrix} 0{,}1250\\\\ -4{,}0509", close(gW_true.ravel(), [.125, -4.0509], 4)),
        ("W^{+} = W - \\eta", close((W - .1 * gW_true).ravel(), [.4875, -.0949], 4)),
    ]


def f03():
    A = adj(4, [(1, 2), (2, 3), (2, 4), (3, 4)])
    x = np.array([1, 3, -2, .5]); g = np.array([1, 2, -1, 3.])
    deg = A.sum(1)
    Lsum = lambda xx: g @ (A @ xx)
    Lmax = lambda xx: g @ np.array([max(xx[j] for j in np.nonzero(A[i])[0]) for i in range(4)])
    Lmean = lambda xx: g @ ((A @ xx) / deg)
    hmax = np.array([max(x[j] for j in np.nonzero(A[i])[0]) for i in range(4)])
    gmean = fd_grad(Lmean, x)
    return [
        ("$$h = (3;\\ -0{,}5;\\ 3{,}5;\\ 1).$$", close(A @ x, [3, -.5, 3.5, 1], 9)),
        ("\\nabla_x L = A^\\top g = A g", close(A.T @ g, fd_grad(Lsum, x), 5)),
        ("Numéricamente: $\\nabla_x L = (2;", close(fd_grad(Lsum, x), [2, 3, 5, 1], 5)),
        ("h_2 = \\max(1;\\ -2;\\ 0{,}5) = 1", close(hmax, [3, 1, 3, 3], 9)),
        ("nodo 2 para $h_4$", [int(np.nonzero(A[i])[0][np.argmax(x[np.nonzero(A[i])[0]])]) + 1 for i in range(4)] == [2, 1, 2, 2]),
        ("= (2;\\ 3;\\ 0;\\ 0)", close(fd_grad(Lmax, x), [2, 3, 0, 0], 5)),
        ("(3;\\ -0{,}1667;\\ 1{,}75;\\ 0{,}5)", close((A @ x) / deg, [3, -.1667, 1.75, .5], 4)),
        ("Ahora cada sumando lleva un peso", True),
        ("\\frac{\\partial L}{\\partial x_u} = \\frac{1}{|\\mathcal N(u)|}", close((A @ g) / deg, gmean, 5)),
        ("En forma matricial esto es", close(np.diag(1 / deg) @ A @ g, gmean, 5)),
        ("= (2;\\ 1;\\ 2{,}5;\\ 0{,}5)", close(gmean, [2, 1, 2.5, .5], 4)),
        ("| media | $D^{-1}Ax$ | $D^{-1}Ag$ |", close(np.diag(1 / deg) @ A @ g, gmean, 5)),
    ]


def f04():
    p1 = 256 * (2 * 128) + 256; p2 = 40 * (2 * 256) + 40; pool = 128 * 128 + 128
    return [
        ("$W^{(1)}\\in\\mathbb R^{256\\times 256}$, pois $2\\cdot 128 = 256$", 2 * 128 == 256),
        ("$$256\\cdot 256 + 256 = 65\\,536 + 256 = 65\\,792.$$", 256 * 256 == 65536 and p1 == 65792),
        ("$W^{(2)}\\in\\mathbb R^{40\\times 512}$", 2 * 256 == 512),
        ("$$40\\cdot 512 + 40 = 20\\,480 + 40 = 20\\,520.$$", 40 * 512 == 20480 and p2 == 20520),
        ("Total: $65\\,792 + 20\\,520 = 86\\,312$", p1 + p2 == 86312),
        ("$2\\cdot(256\\cdot 128) = 65\\,536$", 2 * 256 * 128 == 65536),
        ("$256\\cdot 128 + 256 = 33\\,024$", 256 * 128 + 256 == 33024),
        ("$$128\\cdot 128 + 128 = 16\\,384 + 128 = 16\\,512$$", 128 * 128 == 16384 and pool == 16512),
        ("$65\\,792 + 16\\,512 = 82\\,304$", p1 + pool == 82304),
        ("$256\\cdot 256 + 256 = 65\\,792$ extras", 256 * 256 + 256 == 65792),
        ("$$1 + S_1 + S_1 S_2 = 1 + 25 + 250 = 276 .$$", 1 + 25 + 25 * 10 == 276),
        ("$512\\cdot 276 = 141\\,312$", 512 * 276 == 141312),
    ]


def f05():
    Wh = np.array([[1, 0], [0, 1], [1, 1.]]); a1 = np.array([-.5, .2]); a2 = np.array([.3, .4])
    s = a1 @ Wh[0] + Wh @ a2
    e = np.where(s > 0, s, .2 * s)
    ex = np.exp(e); al = ex / ex.sum()
    # identity check at random point: a^T[p||q] = a1^T p + a2^T q
    p, q, aa = rng.normal(size=2), rng.normal(size=2), rng.normal(size=4)
    z = rng.normal(size=3); c = rng.normal()
    return [
        ("\\mathbf a^\\top[Wh_i\\Vert Wh_j] = \\mathbf a_1^\\top Wh_i + \\mathbf a_2^\\top Wh_j", np.isclose(aa @ np.r_[p, q], aa[:2] @ p + aa[2:] @ q)),
        ("Il termine del nodo centrale è", np.isclose(a1 @ Wh[0], -.5)),
        ("\\mathbf a_2^\\top Wh_1 = 0{,}3", close(Wh @ a2, [.3, .4, .7], 9)),
        ("s_{11} = -0{,}2", close(s, [-.2, -.1, .2], 9)),
        ("e_{11} = -0{,}04", close(e, [-.04, -.02, .2], 9)),
        ("e^{-0{,}04}\\approx 0{,}9608", close(ex, [.9608, .9802, 1.2840], 4)),
        ("Denominatore: $0{,}9608", close(ex.sum(), 3.2250, 4) and close(.9608 + .9802 + 1.2840, 3.2250, 4)),
        ("\\alpha_{11}\\approx\\frac{0{,}9608}{3{,}2250}", close(al[0], .2979, 4)),
        ("\\alpha_{12}\\approx\\frac{0{,}9802}{3{,}2250}", close(al[1], .3039, 4)),
        ("\\alpha_{13}\\approx\\frac{1{,}2840}{3{,}2250}", close(al[2], .3981, 4)),
        ("e infatti $0{,}2979+0{,}3039+0{,}3981 \\approx 1$", close(.2979 + .3039 + .3981, 1, 3)),
        ("\\alpha_{11}+\\alpha_{13}\\\\ \\alpha_{12}+\\alpha_{13}", close(al @ Wh, [.6960, .7020], 4)),
        ("($1/3\\approx 0{,}333$)", close(1 / 3, .333, 3)),
        ("se non ci fosse la LeakyReLU si", np.allclose(softmax(z + c), softmax(z))),
    ]


def f06():
    n, m, d, k, c = 2708, 5429, 1433, 16, 7
    nnz = 2 * m + n
    C1 = 2 * n * d * k + 2 * nnz * k; C2 = 2 * nnz * d + 2 * n * d * k
    # identity C2 - C1 = 2(2m+n)(d-k) at random integers
    nn, mm, dd, kk = rng.integers(1, 1000, size=4)
    idc = (2 * (2 * mm + nn) * dd + 2 * nn * dd * kk) - (2 * nn * dd * kk + 2 * (2 * mm + nn) * kk) == 2 * (2 * mm + nn) * (dd - kk)
    # nnz by building the matrix for a random graph
    G = np.triu(rng.random((30, 30)) < .2, 1); Ar = (G | G.T).astype(float)
    return [
        ("\\operatorname{nnz}(\\hat A) = 2m + n .", np.count_nonzero(sym_norm(Ar)[0]) == 2 * int(G.sum()) + 30),
        ("$$C_1 = 2ndk + 2(2m+n)k .$$", True),
        ("$$C_2 = 2(2m+n)d + 2ndk .$$", True),
        ("Разность $C_2 - C_1 = 2(2m+n)(d-k)$", bool(idc)),
        ("$\\operatorname{nnz}(\\hat A) = 2\\cdot 5429 + 2708 = 13\\,566$", nnz == 13566),
        ("$2\\cdot 2708\\cdot 1433\\cdot 16 = 124\\,178\\,048 \\approx 1{,}24", 2 * n * d * k == 124178048 and close(124178048 / 1e8, 1.24, 2)),
        ("$2\\cdot 13\\,566\\cdot 16 = 434\\,112$", 2 * nnz * k == 434112),
        ("Итого $C_1 = 124\\,612\\,160$", C1 == 124612160),
        ("$2\\cdot 13\\,566\\cdot 1433 = 38\\,880\\,156$", 2 * nnz * d == 38880156),
        ("$C_2 = 38\\,880\\,156 + 124\\,178\\,048 = 163\\,058\\,204$", C2 == 163058204),
        ("$2\\cdot 13\\,566\\cdot(1433-16) = 38\\,446\\,044$", 2 * nnz * (d - k) == 38446044),
        ("$163\\,058\\,204 - 124\\,612\\,160 = 38\\,446\\,044$", C2 - C1 == 38446044),
        ("$$2\\cdot 2708\\cdot 16\\cdot 7 = 606\\,592", 2 * n * k * c == 606592 and 2 * nnz * c == 189924),
        ("всего $796\\,516$ FLOP", 606592 + 189924 == 796516),
        ("$$1433\\cdot 16 + 16 = 22\\,944", d * k + k == 22944 and k * c + c == 119),
        ("итого $23\\,063$ параметра", 22944 + 119 == 23063),
    ]


def f07():
    H = np.array([[1, -2], [3, 0], [-1, 4], [2, 1.]]); g = np.array([.4, -1.])
    n = 4
    P = np.eye(4)[rng.permutation(4)]
    gs = fd_grad(lambda Hh: g @ Hh.sum(0), H)
    gm = fd_grad(lambda Hh: g @ Hh.mean(0), H)
    gx = fd_grad(lambda Hh: g @ Hh.max(0), H)
    w = np.array([.5, .5]); sc = H @ w; p = softmax(sc)
    return [
        ("由于 $\\mathbf 1^\\top P = \\mathbf 1^\\top$", np.allclose((P @ H).sum(0), H.sum(0)) and np.allclose((P @ H).max(0), H.max(0))),
        ("故每个节点得到同样的梯度", close(gs, np.tile(g, (4, 1)), 5)),
        ("多了因子 $1/n$", close(gm, np.tile(g / n, (4, 1)), 5)),
        ("即 $\\dfrac{\\partial L}{\\partial H_{vj}} = g_j", True),
        ("h_G^{\\text{sum}} = \\begin{pmatrix}5\\\\3\\end{pmatrix}", close(H.sum(0), [5, 3], 9) and close(H.mean(0), [1.25, .75], 9) and close(H.max(0), [3, 4], 9)),
        ("第 1 维的最大者是节点 2", list(H.argmax(0) + 1) == [2, 3]),
        ("\\Big|_{\\text{sum}} = \\begin{pmatrix}0.4 & -1", close(gs, [[.4, -1]] * 4, 5)),
        ("\\Big|_{\\text{mean}} = \\begin{pmatrix}0.1 & -0.25", close(gm, [[.1, -.25]] * 4, 5)),
        ("\\Big|_{\\text{max}} = \\begin{pmatrix}0 & 0\\\\0.4 & 0", close(gx, [[0, 0], [.4, 0], [0, -1], [0, 0]], 5)),
        ("注意三者各列之和分别为", close(gs.sum(0), n * g, 5) and close(gm.sum(0), g, 5) and close(gx.sum(0), g, 5)),
        ("求和得 $2$ 与 $1$", 1 + 1 == 2 and np.mean([1, 1]) == 1 and max(1, 1) == 1),
        ("平均分别为 $2$ 与 $\\tfrac53\\approx 1.667$", np.mean([1, 3]) == 2 and close(np.mean([1, 1, 3]), 1.667, 3) and max(1, 1, 3) == 3),
        ("得分为 $(-0.5,\\ 1.5,\\ 1.5,\\ 1.5)$", close(sc, [-.5, 1.5, 1.5, 1.5], 9)),
        ("\\approx 0.0432,\\qquad", close(p, [.0432, .3189, .3189, .3189], 4)),
        ("于是 $h_G \\approx 0.0432", close(p @ H, [1.319, 1.508], 3) and close(H[1:].sum(0), [4, 5], 9)),
    ]


def f08():
    s = 6 ** -.5
    Ah = np.array([[.5, s, 0], [s, 1 / 3, s], [0, s, .5]])
    u = np.sqrt([2, 3, 2]) / np.sqrt(7); v2 = np.array([1, 0, -1]) / np.sqrt(2)
    v3 = np.array([3 ** .5, -2 * 2 ** .5, 3 ** .5]) / np.sqrt(14)
    U = np.outer(u, u)
    A10 = np.linalg.matrix_power(Ah, 10)
    ks = [1, 2, 5, 7]
    spec_ok = all(np.allclose(np.linalg.matrix_power(Ah, k), U + .5 ** k * np.outer(v2, v2) + (-1 / 6) ** k * np.outer(v3, v3)) for k in ks)
    return [
        ("$\\tilde d = (2,3,2)$", close(sym_norm(adj(3, [(1, 2), (2, 3)]))[1], [2, 3, 2], 9)),
        ("\\frac12 & \\frac1{\\sqrt6} & 0\\\\ \\frac1{\\sqrt6} & \\frac13", np.allclose(sym_norm(adj(3, [(1, 2), (2, 3)]))[0], Ah)),
        ("$u = (\\sqrt2,\\sqrt3,\\sqrt2)^\\top/\\sqrt7$", np.allclose(Ah @ u, u) and np.isclose(np.linalg.norm(u), 1)),
        ("= \\frac12\\begin{pmatrix}1\\\\0\\\\-1\\end{pmatrix},$$", np.allclose(Ah @ [1, 0, -1], .5 * np.array([1, 0, -1]))),
        ("\\operatorname{tr}\\hat A = \\tfrac12+\\tfrac13+\\tfrac12 = \\tfrac43", np.isclose(np.trace(Ah), 4 / 3) and np.isclose(4 / 3 - 1 - .5, -1 / 6)),
        ("$v_3 = (\\sqrt3,\\,-2\\sqrt2,\\,\\sqrt3)^\\top/\\sqrt{14}$", np.allclose(Ah @ v3, -v3 / 6) and np.isclose(np.linalg.norm(v3), 1)),
        ("検算として $\\det\\hat A = 1\\cdot", np.isclose(np.linalg.det(Ah), -1 / 12)),
        ("\\det\\hat A = \\tfrac12\\Big(", np.isclose(.5 * (1 / 3 * .5 - 1 / 6) - s * s * .5, -1 / 12) and np.isclose(.5 * (1 / 3 * .5 - 1 / 6), 0)),
        ("\\hat A^k = u u^\\top + \\Big(\\tfrac12\\Big)^k", spec_ok),
        ("\\;\\xrightarrow{k\\to\\infty}\\; u u^\\top = \\frac17", np.allclose(U, np.array([[2, 6 ** .5, 2], [6 ** .5, 3, 6 ** .5], [2, 6 ** .5, 2]]) / 7)),
        ("数値では $uu^\\top$ の成分は", close([2 / 7, 6 ** .5 / 7, 3 / 7], [.2857, .3499, .4286], 4)),
        ("= \\max\\Big(\\tfrac12,\\ \\tfrac16\\Big)^k = 2^{-k}", all(np.isclose(np.linalg.norm(np.linalg.matrix_power(Ah, k) - U, 2), 2.0 ** -k) for k in ks)),
        ("$k=10$ 層なら $2^{-10}\\approx 9.77\\times10^{-4}$", close(2 ** -10 * 1e4, 9.77, 2)),
        ("が無視できるので", close((1 / 6) ** 10 * 3 / 14 * 1e8, 0, 0)),
        ("\\big(\\hat A^{10} - uu^\\top\\big)_{11} \\approx 2^{-10}", close((A10 - U)[0, 0] * 1e4, 6.91, 2)),
        ("したがって $(\\hat A^{10})_{11}", close(A10[0, 0], .2864, 4)),
    ]


def f09():
    A = np.zeros((4, 4)); A[0, 1:] = 1; A[1:, 0] = 1
    d = A.sum(1); L = np.diag(d) - A
    lam = np.sort(np.linalg.eigvalsh(L))
    xr = rng.normal(size=4)
    E = [(0, 1), (0, 2), (0, 3)]
    # random graph for the general inequalities
    ok_bounds = True
    for _ in range(50):
        G = np.triu(rng.random((7, 7)) < .4, 1); Ag = (G | G.T).astype(float)
        if Ag.sum() == 0: continue
        dg = Ag.sum(1); Lg = np.diag(dg) - Ag; lm = np.linalg.eigvalsh(Lg).max()
        edges = np.argwhere(np.triu(Ag))
        ok_bounds &= lm <= 2 * dg.max() + 1e-9 and lm >= dg.max() + 1 - 1e-9 and lm <= max(dg[i] + dg[j] for i, j in edges) + 1e-9
        ok_bounds &= np.isclose(np.trace(Lg), Ag.sum())
    Ls = np.eye(4) - A / np.sqrt(np.outer(d, d))
    Ah, dt = sym_norm(A)
    x = np.array([1, -1, 0, 0.])
    return [
        ("= \\sum_{\\{i,j\\}\\in E}(x_i - x_j)^2 \\ge 0", np.isclose(xr @ L @ xr, sum(d[i] * xr[i] ** 2 for i in range(4)) - 2 * sum(xr[i] * xr[j] for i, j in E)) and np.isclose(xr @ L @ xr, sum((xr[i] - xr[j]) ** 2 for i, j in E))),
        ("\\operatorname{tr} L = \\sum_i d_i = 2m", ok_bounds),
        ("따라서 $\\lambda_n \\le 2 d_{\\max}$", ok_bounds),
        ("$\\lambda_n \\le \\max_{\\{i,j\\}\\in E}(d_i + d_j)$", ok_bounds),
        ("$\\lambda_n \\ge d_{\\max} + 1$", ok_bounds),
        ("그러면 $d = (3,1,1,1)$, $m = 3$", close(d, [3, 1, 1, 1], 9) and A.sum() / 2 == 3),
        ("3 & -1 & -1 & -1\\\\ -1 & 1 & 0 & 0", np.allclose(L[0], [3, -1, -1, -1]) and np.allclose(L[1], [-1, 1, 0, 0])),
        ("고유값은 $\\{0,\\,1,\\,1,\\,4\\}$", close(lam, [0, 1, 1, 4], 9)),
        ("$(3,-1,-1,-1)^\\top$ 은 $4$", np.allclose(L @ [0, 1, -1, 0], [0, 1, -1, 0]) and np.allclose(L @ [0, 1, 0, -1], [0, 1, 0, -1]) and np.allclose(L @ [3, -1, -1, -1], 4 * np.array([3, -1, -1, -1]))),
        ("대각합: $0+1+1+4 = 6 = 2m$", 0 + 1 + 1 + 4 == 6 == 2 * 3),
        ("$\\lambda_4 = 4 \\le 2\\cdot 3 = 6$", lam[-1] <= 6 + 1e-9),
        ("$\\max(d_i+d_j) = 3+1 = 4$", np.isclose(lam[-1], 4)),
        ("$\\lambda_4 = 4 \\ge d_{\\max}+1 = 4$", np.isclose(lam[-1], d.max() + 1)),
        ("x^\\top L x = (1-(-1))^2 + (1-0)^2", np.isclose(x @ L @ x, 6) and np.isclose(x @ L @ x / (x @ x), 3)),
        ("의 고유값은 항상 $[0,2]$ 안에 있고", True),
        ("\\operatorname{spec}(L_{\\text{sym}}) = \\{0,1,1,2\\}", close(np.sort(np.linalg.eigvalsh(Ls)), [0, 1, 1, 2], 9)),
        ("의 고유값은 $\\{1,0,0,-1\\}$", close(np.sort(np.linalg.eigvalsh(np.eye(4) - Ls)), [-1, 0, 0, 1], 9)),
        ("$\\tilde d = (4,2,2,2)$ 가 되고", close(dt, [4, 2, 2, 2], 9)),
        ("\\operatorname{spec}(\\hat A) = \\{-0.25,\\ 0.5,\\ 0.5,\\ 1\\}", close(np.sort(np.linalg.eigvalsh(Ah)), [-.25, .5, .5, 1], 9)),
    ]


def f10():
    A = adj(3, [(1, 2), (1, 3)]); Ah, d = sym_norm(A)
    X = np.array([[1, 0], [0, 1], [1, -1.]]); W = np.array([[1, 2], [0, -3.]]); C = np.array([[1, -1], [2, 1], [1, 1.]])
    Lf = lambda XX: (C * relu(Ah @ XX @ W)).sum()
    Z = Ah @ X @ W; M = C * (Z > 0)
    gX = fd_grad(Lf, X)
    # symbolic claim at random point
    Xr = rng.normal(size=(3, 2)); Wr = rng.normal(size=(2, 2)); Cr = rng.normal(size=(3, 2))
    Zr = Ah @ Xr @ Wr; Mr = Cr * (Zr > 0)
    gr = fd_grad(lambda XX: (Cr * relu(Ah @ XX @ Wr)).sum(), Xr)
    gz = fd_grad(lambda ZZ: (Cr * relu(ZZ)).sum(), Zr)
    return [
        ("Stopnie z pętlami własnymi: $\\tilde d = (3,2,2)$", close(d, [3, 2, 2], 9)),
        ("\\tfrac13 & \\tfrac1{\\sqrt6} & \\tfrac1{\\sqrt6}\\\\", np.allclose(Ah, [[1 / 3, 6 ** -.5, 6 ** -.5], [6 ** -.5, .5, 0], [6 ** -.5, 0, .5]]) and close(6 ** -.5, .4082, 4)),
        ("\\frac{\\partial L}{\\partial Z} = M := C \\odot [Z > 0]", close(Mr, gz, 5)),
        ("\\frac{\\partial L}{\\partial X} = \\hat A^\\top M\\, W = \\hat A M W", close(Ah.T @ Mr @ Wr, gr, 5)),
        ("\\hat A X \\approx \\begin{pmatrix}0{,}7416 & 0", close(Ah @ X, [[.7416, 0], [.4082, .5], [.9082, -.5]], 4)),
        ("Z = \\hat A X W \\approx \\begin{pmatrix}0{,}7416 & 1{,}4832", close(Z, [[.7416, 1.4832], [.4082, -.6835], [.9082, 3.3165]], 4)),
        ("Jedyny ujemny element to $Z_{22}$", (Z < 0).sum() == 1 and Z[1, 1] < 0),
        ("$$M = \\begin{pmatrix}1&-1\\\\2&0\\\\1&1", np.allclose(M, [[1, -1], [2, 0], [1, 1]])),
        ("L = \\sum_{ik} M_{ik} Z_{ik} \\approx", close(Lf(X), 4.300, 3) and np.isclose((M * Z).sum(), Lf(X))),
        ("\\hat A M \\approx \\begin{pmatrix}1{,}5581", close(Ah @ M, [[1.5581, .0749], [1.4082, -.4082], [.9082, .0918]], 4)),
        ("\\frac{\\partial L}{\\partial X} = \\hat A M W \\approx", close(gX, [[1.5581, 2.8914], [1.4082, 4.0412], [.9082, 1.5412]], 4)),
        ("nie są połączone", A[1, 2] == 0 and Ah[1, 2] == 0),
    ]


def f11():
    xs = np.array([[1, 4, -2], [3, 0, -1], [2, 5, -3.]]); g = np.array([.5, -2, 1])
    Lf = lambda XX: g @ XX.max(0)
    G = fd_grad(Lf, xs)
    e = np.exp(xs[:, 0]); w = e / e.sum()
    lse = np.log(e.sum())
    w01 = softmax(xs[:, 0] / .1)
    return [
        ("\\quad\\Longrightarrow\\quad h_v = \\begin{pmatrix}3\\\\5\\\\-1", close(xs.max(0), [3, 5, -1], 9)),
        ("De winnaars per coördinaat zijn $b$", list(xs.argmax(0)) == [1, 2, 1]),
        ("\\frac{\\partial L}{\\partial x_a} = \\begin{pmatrix}0\\\\0\\\\0", close(G, [[0, 0, 0], [.5, 0, 1], [0, -2, 0]], 5)),
        ("Merk op dat de som over de buren", close(G.sum(0), g, 5)),
        ("totaal $3g$", close(fd_grad(lambda XX: g @ XX.sum(0), xs).sum(0), 3 * g, 5)),
        ("bij **mean**-aggregatie krijgt elke buur $g/3$", close(fd_grad(lambda XX: g @ XX.mean(0), xs), np.tile(g / 3, (3, 1)), 5)),
        ("\\frac{\\partial h_{v,j}^{(\\tau)}}{\\partial x_{u,j}} = \\frac{e^{x_{u,j}/\\tau}}", close(fd_grad(lambda v: .7 * np.log(np.exp(v / .7).sum()), xs[:, 1]), softmax(xs[:, 1] / .7), 5)),
        ("Voor coördinaat 1 met $\\tau = 1$", close(e, [2.718, 20.086, 7.389], 3) and close(2.718 + 20.086 + 7.389, 30.193, 3)),
        ("$h_{v,1}^{(1)} = \\ln 30{,}193 \\approx 3{,}4076$", close(lse, 3.4076, 4)),
        ("$$(0{,}0900;\\ 0{,}6652;\\ 0{,}2447).$$", close(w, [.09, .6652, .2447], 4)),
        ("$3 \\le 3{,}4076 \\le 3 + \\ln 3 \\approx 4{,}0986$", 3 <= lse <= 3 + np.log(3) and close(3 + np.log(3), 4.0986, 4)),
        ("met $\\tau = 0{,}1$ is het gewicht van $b$ al $0{,}99995$", close(w01[1], .99995, 5)),
    ]


def f12():
    F, Fp, K, C, n, m = 1433, 8, 8, 7, 2708, 5429
    head = Fp * F + 2 * Fp
    layer1 = K * head
    Fin2 = K * Fp  # concatenation
    layer2 = C * Fin2 + 2 * C
    return [
        ("= 8\\cdot 1433 + 16 = 11\\,464 + 16 = 11\\,480 .$$", 8 * 1433 == 11464 and head == 11480),
        ("$$8\\cdot 11\\,480 = 91\\,840 \\text{ tham số.}$$", layer1 == 91840),
        ("= 2m + n = 2\\cdot 5429 + 2708 = 13\\,566$$", 2 * m + n == 13566),
        ("do đó tầng 1 có $8\\cdot 13\\,566 = 108\\,528$", 8 * 13566 == 108528),
        ("$$F_{\\text{in}}^{(2)} = F' = 8 .$$", Fin2 == 8),
        ("$W\\in\\mathbb R^{7\\times 8}$ và $\\mathbf a\\in\\mathbb R^{14}$", Fin2 == 8 and 2 * C == 14),
        ("$$7\\cdot 8 + 2\\cdot 7 = 56 + 14 = 70 \\text{ tham số.}$$", layer2 == 70),
        ("$$91\\,840 + 70 = 91\\,910 \\text{ tham số.}$$", layer1 + layer2 == 91910),
        ("($8\\cdot 11\\,464 = 91\\,712$)", 8 * 11464 == 91712 and 8 * 16 == 128),
    ]


def f13():
    def Lpath(n):
        A = np.diag(np.ones(n - 1), 1); A = A + A.T; return np.diag(A.sum(1)) - A
    def Lcyc(n):
        A = np.roll(np.eye(n), 1, 1); A = A + A.T; return np.diag(A.sum(1)) - A
    ok_path = all(close(np.sort(np.linalg.eigvalsh(Lpath(n))), np.sort([2 - 2 * np.cos(k * np.pi / (n + 1)) for k in range(n)]), 6) for n in (3, 4, 5, 7))
    ok_cyc = all(close(np.sort(np.linalg.eigvalsh(Lcyc(n))), np.sort([2 - 2 * np.cos(2 * k * np.pi / n) for k in range(n)]), 6) for n in (3, 4, 5, 7))
    lp = np.sort(np.linalg.eigvalsh(Lpath(4)))
    nb = 9; w = np.exp(2j * np.pi / nb); kk = 2; phi = w ** (kk * np.arange(nb))
    return [
        ("1 & -1 & 0 & 0\\\\ -1 & 2 & -1 & 0", np.allclose(Lpath(4), [[1, -1, 0, 0], [-1, 2, -1, 0], [0, -1, 2, -1], [0, 0, -1, 1]])),
        ("$L\\mathbf 1 = 0$ ve $\\lambda = 0$", np.allclose(Lpath(4) @ np.ones(4), 0) and np.trace(Lpath(4)) == 6 == 2 * 3),
        ("$$\\lambda_k = 2 - 2\\cos\\frac{k\\pi}{n+1}", ok_path),
        ("$$\\mu_k = 2 - 2\\cos\\frac{2k\\pi}{n}", ok_cyc),
        ("L\\,\\phi_k = \\big(2 - \\omega^k - \\omega^{-k}\\big)\\phi_k", np.allclose(Lcyc(nb) @ phi, (2 - 2 * np.cos(2 * kk * np.pi / nb)) * phi)),
        ("\\approx \\{0;\\ 0{,}382;\\ 1{,}382;\\ 2{,}618\\}", close(lp, [0, .382, 1.382, 2.618], 3)),
        ("$$\\mu(C_4) = \\{0,\\ 2,\\ 4,\\ 2\\} .$$", close(np.sort(np.linalg.eigvalsh(Lcyc(4))), [0, 2, 2, 4], 9)),
        ("$a(P_4) = \\lambda_1 \\approx 0{,}382$'den", close(lp[1], .382, 3) and close(np.sort(np.linalg.eigvalsh(Lcyc(4)))[1], 2, 9)),
        ("$4/12 \\approx 0{,}333$ olur", close(4 / 12, .333, 3) and lp[1] >= 4 / 12),
        ("$\\tfrac43\\cdot 1 \\approx 1{,}333$ verir", close(4 / 3, 1.333, 3) and lp[1] <= 4 / 3),
        ("Bulduğumuz $a(P_4) \\approx 0{,}382$", close(lp[1], .382, 3)),
        ("\\lambda_{\\max} \\le 2d_{\\max} = 4$ sağlanır", lp[-1] <= 4),
        ("$$a(P_n) = \\lambda_1 \\approx \\Big(\\frac{\\pi}{n+1}\\Big)^2,$$", all(abs(np.sort(np.linalg.eigvalsh(Lpath(n)))[1] / (np.pi / (n + 1)) ** 2 - 1) < .01 for n in (200, 400))),
    ]


def f14():
    A = adj(4, [(1, 2), (1, 3), (2, 3), (3, 4)]); Ah, d = sym_norm(A)
    X = np.array([[1, 0], [0, 2], [1, 1], [2, 1.]]); W1 = np.array([[1, -1], [-.5, 1]]); W2 = np.array([[2, -1], [-1, 1.]])
    XW = X @ W1; Z1 = Ah @ XW; H1 = relu(Z1); HW = H1 @ W2; Z2 = Ah @ HW
    P = np.array([softmax(r) for r in Z2])
    return [
        ("Stupně i se smyčkami jsou $\\tilde d = (3,3,4,2)$", close(d, [3, 3, 4, 2], 9) and close([12 ** -.5, 8 ** -.5], [.2887, .3536], 4)),
        ("\\tfrac1{\\sqrt{12}} & \\tfrac1{\\sqrt{12}} & \\tfrac14 & \\tfrac1{\\sqrt8}", np.allclose(Ah, [[1 / 3, 1 / 3, 12 ** -.5, 0], [1 / 3, 1 / 3, 12 ** -.5, 0], [12 ** -.5, 12 ** -.5, .25, 8 ** -.5], [0, 0, 8 ** -.5, .5]])),
        ("X W^{(1)} = \\begin{pmatrix}1&-1\\\\-1&2", np.allclose(XW, [[1, -1], [-1, 2], [.5, 0], [1.5, -1]])),
        ("= 0{,}125 + \\tfrac{1{,}5}{\\sqrt8} \\approx 0{,}6553", close(Z1[2, 0], .6553, 4) and close(.125 + 1.5 / 8 ** .5, .6553, 4)),
        ("Z^{(1)} = \\hat A X W^{(1)} \\approx", close(Z1, [[.1443, .3333], [.1443, .3333], [.6553, -.0649], [.9268, -.5]], 4)),
        ("H^{(1)} = \\operatorname{ReLU}(Z^{(1)}) \\approx", close(H1, [[.1443, .3333], [.1443, .3333], [.6553, 0], [.9268, 0]], 4)),
        ("$$H^{(1)} W^{(2)} \\approx", close(HW, [[-.0447, .189], [-.0447, .189], [1.3107, -.6553], [1.8536, -.9268]], 4)),
        ("Z^{(2)} = \\hat A H^{(1)} W^{(2)} \\approx", close(Z2, [[.3486, -.0632], [.3486, -.0632], [.9572, -.3824], [1.3902, -.6951]], 4)),
        ("Pro dvě třídy je $P_{i1}", np.allclose(P[:, 0], 1 / (1 + np.exp(-(Z2[:, 0] - Z2[:, 1]))))),
        ("Rozdíly jsou $0{,}4118$", close(Z2[:, 0] - Z2[:, 1], [.4118, .4118, 1.3396, 2.0852], 4)),
        ("$$P \\approx \\begin{pmatrix}0{,}6015", close(P, [[.6015, .3985], [.6015, .3985], [.7924, .2076], [.8895, .1105]], 4)),
        ("stejné uzavřené okolí $\\{1,2,3\\}$", np.allclose(Ah[0], Ah[1]) and np.allclose(Z1[0], Z1[1])),
        ("$2\\cdot 2 + 2\\cdot 2 = 8$ parametrů", W1.size + W2.size == 8),
        ("Všechny uzly jsou klasifikovány do třídy 1", bool(np.all(P[:, 0] > .5)) and P[:, 0].argmax() == 3),
    ]


def f15():
    e = np.array([.5, -.1, .2]); z = np.array([1, 2, -1.])
    a = softmax(e)
    J = np.diag(a) - np.outer(a, a)
    Jfd = np.array([fd_grad(lambda ee: softmax(ee)[j], e) for j in range(3)])
    er = rng.normal(size=5); ab = rng.normal(size=5); ar = softmax(er)
    gfd = fd_grad(lambda ee: ab @ softmax(ee), er)
    h = a @ z
    ge = a * (z - h)
    s = np.array([.5, -.5, .2])
    lrelu = lambda v: np.where(v > 0, v, .2 * v)
    gs = fd_grad(lambda ss: softmax(lrelu(ss)) @ z, s)
    return [
        ("= \\alpha_j(\\delta_{jk} - \\alpha_k),", close(J, Jfd, 6)),
        ("i.e. the Jacobian is $J = \\operatorname{diag}(\\alpha) - \\alpha\\alpha^\\top$", np.allclose(J, J.T) and np.allclose(J.sum(0), 0)),
        ("= \\alpha_k\\Big(\\bar\\alpha_k - \\sum_j \\alpha_j\\bar\\alpha_j\\Big).", close(ar * (ab - ar @ ab), gfd, 6)),
        ("then $\\bar\\alpha_j = z_j$ and $\\partial L/\\partial e_k = \\alpha_k(z_k - h_i')$", close(ge, fd_grad(lambda ee: softmax(ee) @ z, e), 6)),
        ("$\\exp(e) \\approx (1.6487,\\ 0.9048,\\ 1.2214)$, sum $\\approx 3.7750$", close(np.exp(e), [1.6487, .9048, 1.2214], 4) and close(np.exp(e).sum(), 3.775, 4)),
        ("$\\alpha \\approx (0.4368,\\ 0.2397,\\ 0.3236)$", close(a, [.4368, .2397, .3236], 4)),
        ("$h_i' = \\sum_j\\alpha_j z_j \\approx 0.4368 + 0.4794 - 0.3236 = 0.5926$", close(h, .5926, 4) and close(.4368 + .4794 - .3236, .5926, 4)),
        ("\\approx (0.1779,\\ 0.3373,\\ -0.5153)$.", close(z - h, [.4074, 1.4074, -1.5926], 4) and close(ge, [.1779, .3373, -.5153], 4)),
        ("These sum to zero (up to rounding)", abs(ge.sum()) < 1e-12),
        ("$\\alpha_j(1-\\alpha_j) \\approx (0.2460,\\ 0.1822,\\ 0.2189)$", close(np.diag(J), [.246, .1822, .2189], 4)),
        ("$s = (0.5,\\,-0.5,\\,0.2)$", close(lrelu(s), e, 9)),
        ("\\frac{\\partial L}{\\partial s} \\approx (0.1779,\\ 0.2\\cdot 0.3373", close(gs, [.1779, .0675, -.5153], 4)),
        ("no longer sum to zero", abs(gs.sum()) > 1e-3),
    ]


def f16():
    A = adj(4, [(1, 2), (2, 3), (2, 4), (3, 4)]); S, d = sym_norm(A)
    At = A + np.eye(4); R = At / d[:, None]
    Dh, Dmh = np.diag(d ** .5), np.diag(d ** -.5)
    pi = d / d.sum()
    x = np.array([1, 0, 2, -1.])
    ev = np.sort(np.linalg.eigvals(R).real)
    sym_lim = np.linalg.matrix_power(S, 200) @ x
    return [
        ("\\hat A_{\\mathrm{rw}} = \\tilde D^{1/2}\\,\\hat A_{\\mathrm{sym}}\\,\\tilde D^{-1/2},", np.allclose(R, Dh @ S @ Dmh)),
        ("so they have the same eigenvalues", close(ev, np.sort(np.linalg.eigvalsh(S)), 9) and ev.min() > -1),
        ("\\hat A_{\\mathrm{rw}}\\mathbf 1 = \\tilde D^{-1}\\tilde A\\mathbf 1", np.allclose(R @ np.ones(4), 1)),
        ("\\pi^\\top \\hat A_{\\mathrm{rw}} = \\frac{1}{\\sum_j\\tilde d_j}", np.allclose(pi @ R, pi)),
        ("\\hat A_{\\mathrm{rw}}^{\\,k} \\longrightarrow \\mathbf 1\\pi^\\top", np.allclose(np.linalg.matrix_power(R, 200), np.outer(np.ones(4), pi)) and np.allclose(np.linalg.matrix_power(S, 200), np.outer(d ** .5, d ** .5) / d.sum())),
        ("\\sqrt{\\tilde d_i}\\,\\sum_j\\sqrt{\\tilde d_j}\\,x_j\\big/\\sum_j\\tilde d_j", np.allclose(sym_lim, np.sqrt(d) * (np.sqrt(d) @ x) / d.sum())),
        ("so $\\tilde d = (2,4,3,3)$ and $\\sum_j\\tilde d_j = 12$", close(d, [2, 4, 3, 3], 9) and d.sum() == 12),
        ("\\pi = \\Big(\\tfrac16,\\ \\tfrac13,\\ \\tfrac14,\\ \\tfrac14\\Big)", close(pi, [1 / 6, 1 / 3, 1 / 4, 1 / 4], 9)),
        ("one step of averaging", close(R @ x, [.5, .5, .3333, .3333], 4)),
        ("every entry equals $\\pi^\\top x = \\tfrac16", close(np.linalg.matrix_power(R, 200) @ x, [5 / 12] * 4, 9) and close(5 / 12, .4167, 4)),
        ("\\sqrt2 + 2\\sqrt3 - \\sqrt3 = \\sqrt2+\\sqrt3 \\approx 3.1463", close(np.sqrt(d) @ x, 3.1463, 4)),
        ("\\lim_k \\hat A_{\\mathrm{sym}}^{\\,k}x \\approx", close(sym_lim, [.3708, .5244, .4541, .4541], 4)),
        ("The spectrum is $\\{-0.1477,\\ 0,\\ 0.5643,\\ 1\\}$", close(ev, [-.1477, 0, .5643, 1], 4)),
        ("after $8$ layers by a factor of about $0.0103$", close(ev[2] ** 8, .0103, 4) and close(ev[2] ** 20 * 1e5, 1.1, 1)),
    ]


FILES = {
    "01_gcn_normalisierung_de.md": f01,
    "02_gradient_poids_gcn_fr.md": f02,
    "03_agregacion_backward_es.md": f03,
    "04_graphsage_parametros_pt.md": f04,
    "05_coefficienti_gat_it.md": f05,
    "06_flops_gcn_ru.md": f06,
    "07_readout_pooling_zh.md": f07,
    "08_oversmoothing_ja.md": f08,
    "09_laplacian_bounds_ko.md": f09,
    "10_gradient_wejscia_pl.md": f10,
    "11_max_aggregatie_nl.md": f11,
    "12_tham_so_gat_vi.md": f12,
    "13_yol_grafi_laplasyen_tr.md": f13,
    "14_dvouvrstva_gcn_cs.md": f14,
    "15_gat_softmax_jacobian_en.md": f15,
    "16_rw_vs_sym_oversmoothing_en.md": f16,
}


def line_of(lines, sub):
    hits = [i + 1 for i, l in enumerate(lines) if sub in l]
    assert len(hits) >= 1, f"substring not found: {sub!r}"
    return hits[0] if len(hits) == 1 else hits[0]


def main():
    expected = json.load(open(os.path.join(HERE, "expected.json"), encoding="utf-8"))
    assert sorted(expected) == sorted(FILES), "expected.json / file list mismatch"
    bad = 0
    for name, fn in FILES.items():
        lines = open(os.path.join(HERE, name), encoding="utf-8").read().splitlines()
        checks = fn()
        located = []
        for sub, ok in checks:
            hits = [i + 1 for i, l in enumerate(lines) if sub in l]
            assert len(hits) == 1, f"{name}: substring {sub!r} matched lines {hits}"
            located.append((hits[0], bool(ok), sub))
        located.sort()
        fails = [ln for ln, ok, _ in located if not ok]
        first = fails[0] if fails else None
        exp = expected[name]
        if first == exp:
            print(f"OK   {name}: first failing line = {first}")
        else:
            bad += 1
            print(f"FAIL {name}: first failing line = {first}, expected {exp}")
            for ln, ok, sub in located:
                print(f"     line {ln:3d} {'ok ' if ok else 'BAD'} {sub[:60]}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
