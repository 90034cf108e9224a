"""Independent check of the corpus: walk the math claims of each file, find the first failing line,
compare with expected.json."""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(0)
EXP = json.load(open(os.path.join(HERE, "expected.json"), encoding="utf-8"))


def line_of(lines, sub):
    hits = [i + 1 for i, l in enumerate(lines) if sub in l]
    assert len(hits) == 1, f"substring {sub!r} found {len(hits)} times"
    return hits[0]


def close(a, b, tol):
    return abs(a - b) <= tol


def rd(x, dec):
    """printed value equals x rounded to dec decimals (allow half-unit slack for rounding of rounded inputs)"""
    return lambda printed: abs(x - printed) <= 0.5 * 10 ** (-dec) + 1e-12


def R(a):
    return np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])


def fd_grad(f, x, h=1e-6):
    g = np.zeros_like(x)
    for i in range(x.size):
        e = np.zeros_like(x); e.flat[i] = h
        g.flat[i] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def softmax(x):
    e = np.exp(x - np.max(x)); return e / e.sum()


checks = {}

# ---------------------------------------------------------------- 01 German RoPE
def c01():
    a, b = rng.normal(size=2)
    rope = lambda x, m, th: np.concatenate([R(m * t) @ x[2*i:2*i+2] for i, t in enumerate(th)])
    th = 10000.0 ** (-2 * np.arange(2) / 4)
    x = rng.normal(size=4)
    rot = lambda x: np.array([-x[1], x[0], -x[3], x[2]])
    q = np.array([1, 0, 0, 1.]); k = np.array([0, 1, 1, 0.])
    blockdiag = lambda m: np.block([[R(m*th[0]), np.zeros((2, 2))], [np.zeros((2, 2)), R(m*th[1])]])
    qq, kk = rng.normal(size=4), rng.normal(size=4)
    zq = complex(qq[0], qq[1]); zk = complex(kk[0], kk[1]); m, n, t = 3, 7, 0.4
    return [
        ("\\theta_i = b^{-2i/d}", True),
        ("\\det R(\\alpha)=1", close(np.linalg.det(R(a)), 1, 1e-12) and np.allclose(R(a).T @ R(a), np.eye(2))),
        ("\\|R_m x\\|_2=\\|x\\|_2", close(np.linalg.norm(rope(x, 5, th)), np.linalg.norm(x), 1e-12)),
        ("R(\\alpha)R(\\beta)=\\begin{pmatrix}", np.allclose(R(a) @ R(b), np.array(
            [[np.cos(a)*np.cos(b)-np.sin(a)*np.sin(b), -(np.sin(a)*np.cos(b)+np.cos(a)*np.sin(b))],
             [np.sin(a)*np.cos(b)+np.cos(a)*np.sin(b), np.cos(a)*np.cos(b)-np.sin(a)*np.sin(b)]])) and np.allclose(R(a) @ R(b), R(a+b))),
        ("R(\\alpha)^\\top=R(-\\alpha)", np.allclose(R(a).T, R(-a))),
        ("q^\\top R_m^\\top R_n\\,k = q^\\top R_{-m}R_n", close(qq @ blockdiag(3).T @ blockdiag(8) @ kk, qq @ blockdiag(5) @ kk, 1e-12)
            and np.allclose(blockdiag(3).T, blockdiag(-3))),
        ("\\operatorname{Re}\\!\\big(z_q\\bar z_k\\,e^{\\mathrm{i}(m-n)\\theta}", close((zq*np.exp(1j*m*t)*np.conj(zk*np.exp(1j*n*t))).real,
            (zq*np.conj(zk)*np.exp(1j*(m-n)*t)).real, 1e-12) and close((zq*np.conj(zk)*np.exp(1j*(m-n)*t)).real, qq[:2] @ R((n-m)*t) @ kk[:2], 1e-12)),
        ("das gewöhnliche Skalarprodukt", close((zq*np.conj(zk)).real, qq[0]*kk[0]+qq[1]*kk[1], 1e-12)),
        ("\\begin{pmatrix}-x_1\\\\x_0\\end{pmatrix}\\sin\\alpha", np.allclose(R(a) @ x[:2], x[:2]*np.cos(a) + np.array([-x[1], x[0]])*np.sin(a))),
        ("\\operatorname{rot}(x)=(-x_1,x_0,-x_3,x_2", np.allclose(rope(x, 3, th), x*np.repeat(np.cos(3*th), 2) + rot(x)*np.repeat(np.sin(3*th), 2))),
        ("\\theta_1=10000^{-2/4}=0{,}01", close(10000 ** (-2/4), 0.01, 1e-15)),
        ("Beitrag $-\\sin 2\\approx-0{,}9093", np.allclose(R(2) @ [0, 1], [-np.sin(2), np.cos(2)]) and rd(-np.sin(2), 4)(-0.9093)),
        ("Beitrag $\\sin 0{,}02\\approx 0{,}0200", np.allclose(R(0.02) @ [1, 0], [np.cos(.02), np.sin(.02)]) and rd(np.sin(0.02), 4)(0.0200)),
        ("-0{,}9093+0{,}0200=-0{,}8893", rd(q @ blockdiag(2) @ k, 4)(-0.8893) and close(rope(q, 3, th) @ rope(k, 5, th), rope(q, 10, th) @ rope(k, 12, th), 1e-12)),
    ]
checks["01_rope_rotationen_de.md"] = c01

# ---------------------------------------------------------------- 02 French
def c02():
    q = rng.normal(size=2); k = rng.normal(size=2); th = 0.37; m, n = 5, 2
    cm, sm, cn, sn = np.cos(m*th), np.sin(m*th), np.cos(n*th), np.sin(n*th)
    dot = (R(m*th) @ q) @ (R(n*th) @ k)
    q1, q2 = q; k1, k2 = k
    exp1 = (q1*cm-q2*sm)*(k1*cn-k2*sn)+(q1*sm+q2*cm)*(k1*sn+k2*cn)
    exp2 = q1*k1*(cm*cn+sm*sn)+q2*k2*(sm*sn+cm*cn)+q1*k2*(sm*cn-cm*sn)+q2*k1*(cm*sn-sm*cn)
    a = rng.normal()
    correct_final = (q1*k1+q2*k2)*np.cos((m-n)*th)+(q1*k2-q2*k1)*np.sin((m-n)*th)
    # numeric part
    qn, kn = np.array([1, 2.]), np.array([3, -1.])
    true_score = (R(4*0.5) @ qn) @ (R(1*0.5) @ kn)
    return [
        ("R(\\alpha)^\\top=R(-\\alpha)$ car", np.allclose(R(a).T, R(-a))),
        ("donc $R(m\\theta)^\\top R(n\\theta)=R((n-m)\\theta)$", np.allclose(R(m*th).T @ R(n*th), R((n-m)*th))),
        ("R(m\\theta)q=\\begin{pmatrix}q_1c_m-q_2s_m", np.allclose(R(m*th) @ q, [q1*cm-q2*sm, q1*sm+q2*cm]) and np.allclose(R(n*th) @ k, [k1*cn-k2*sn, k1*sn+k2*cn])),
        ("&=(q_1c_m-q_2s_m)(k_1c_n-k_2s_n)", close(exp1, dot, 1e-12)),
        ("&=q_1k_1(c_mc_n+s_ms_n)", close(exp2, dot, 1e-12)),
        ("&\\quad+q_1k_2(s_mc_n-c_ms_n)", close(exp2, dot, 1e-12)),
        ("On reconnaît $c_mc_n+s_ms_n", close(cm*cn+sm*sn, np.cos((m-n)*th), 1e-12)),
        ("s_mc_n-c_ms_n=\\sin\\big((n-m)\\theta\\big)", close(sm*cn-cm*sn, np.sin((n-m)*th), 1e-9)),
        ("le dernier crochet étant", close(cm*sn-sm*cn, -(sm*cn-cm*sn), 1e-12)),
        ("+(q_1k_2-q_2k_1)\\sin\\big((n-m)\\theta\\big).", close((q1*k1+q2*k2)*np.cos((m-n)*th)+(q1*k2-q2*k1)*np.sin((n-m)*th), dot, 1e-9)),
        ("$q_1k_1+q_2k_2=3-2=1$", 3-2 == qn @ kn == 1 and -1-6 == qn[0]*kn[1]-qn[1]*kn[0] == -7),
        ("$\\cos 1{,}5\\approx0{,}0707$", rd(np.cos(1.5), 4)(0.0707) and rd(np.sin(1.5), 4)(0.9975)),
        ("=0{,}0707+6{,}9825=7{,}0532", rd(true_score, 4)(7.0532)),
    ]
checks["02_rope_position_relative_fr.md"] = c02

# ---------------------------------------------------------------- 03 Spanish ALiBi
def c03():
    sl8 = 2.0 ** (-8*np.arange(1, 9)/8); sl16 = 2.0 ** (-8*np.arange(1, 17)/16)
    m = 0.25; t = 5 - np.arange(6); w = np.exp(-m*t); Z = w.sum()
    return [
        ("Con $n=8$ queda $m_h=2^{-h}$", np.allclose(sl8, 2.0 ** -np.arange(1, 9))),
        ("\\tfrac12,\\ \\tfrac14,\\ \\tfrac18", np.allclose(sl8[[0, 1, 2, 7]], [1/2, 1/4, 1/8, 1/256])),
        ("=1-2^{-8}=0{,}99609375", sl8.sum() == 1 - 2**-8 == 0.99609375),
        ("la razón es $2^{-8/16}=2^{-1/2}\\approx0{,}7071", rd(sl16[1]/sl16[0], 4)(0.7071) and rd(sl16[0], 4)(0.7071)),
        ("luego $0{,}5$, $0{,}3536$", np.allclose(np.round(sl16[1:5], 4), [0.5, 0.3536, 0.25, 0.1768]) and rd(sl16[-1], 4)(0.0039)),
        ("2^{-2{,}5}\\approx0{,}1768", np.allclose(np.round(sl16[0::2][:4], 4), [0.7071, 0.3536, 0.1768, 0.0884])),
        ("para $m_h=\\tfrac12$ son $2\\ln2", rd(2*np.log(2), 4)(1.3863) and rd(256*np.log(2), 1)(177.4)),
        ("(-1{,}25,\\ -1,\\ -0{,}75", np.allclose(-m*t, [-1.25, -1, -0.75, -0.5, -0.25, 0])),
        ("Z=\\sum_{t=0}^{5}e^{-0{,}25\\,t}", close((1-np.exp(-1.5))/(1-np.exp(-.25)), Z, 1e-12) and rd(1-np.exp(-1.5), 4)(0.7769)
            and rd(1-np.exp(-.25), 4)(0.2212) and rd(Z, 4)(3.5121)),
        ("El peso sobre la propia posición", rd(1/Z, 4)(0.2847)),
        ("w_0=\\frac{e^{-0{,}25\\cdot 6}}{Z}", close(np.exp(-0.25*6), np.exp(-m*5), 1e-12) and rd(np.exp(-m*5)/Z, 4)(0.0635)),
        ("unas $4{,}5$ veces menos", rd(w[-1]/w[0], 1)(4.5)),
    ]
checks["03_alibi_pendientes_es.md"] = c03

# ---------------------------------------------------------------- 04 Chinese
def c04():
    d, nh, dh, L = 4096, 32, 128, 32
    per = {n: 2*n*dh for n in (32, 8, 1)}
    P = lambda nkv: d*nh*dh + d*nkv*dh + d*nkv*dh + nh*dh*d
    return [
        ("每头维度 $d_h=d/n_h=128$", d // nh == 128),
        ("$n_h/n_{kv}=4$", nh // 8 == 4),
        ("\\text{MHA: }2\\cdot32\\cdot128=8192", per[32] == 8192 and per[8] == 2048 and per[1] == 256),
        ("262144,\\qquad 65536,\\qquad 8192", [L*per[n] for n in (32, 8, 1)] == [262144, 65536, 8192]),
        ("524288\\ \\text{B}=512", [2*L*per[n] for n in (32, 8, 1)] == [524288, 131072, 16384]
            and [2*L*per[n]/1024 for n in (32, 8, 1)] == [512, 128, 16]),
        ("MQA 是 $1/32$", per[8]/per[32] == 1/4 and per[1]/per[32] == 1/32),
        ("P(n_{kv}) = 2\\,d\\,n_hd_h", all(P(n) == 2*d*nh*dh + 2*d*n*dh for n in (32, 8, 1))),
        ("$d\\,n_hd_h=4096\\cdot4096=16\\,777\\,216$", d*nh*dh == 4096*4096 == 16777216),
        ("P_{\\text{MHA}} &= 4\\cdot16", P(32) == 4*16777216 == 67108864),
        ("P_{\\text{GQA}} &= 33", P(8) == 33554432 + 2*4096*1024 == 33554432 + 8388608 == 41943040),
        ("P_{\\text{MQA}} &= 33", P(1) == 33554432 + 2*4096*128 == 33554432 + 1048576 == 34603008),
        ("GQA 每层比 MHA 少", P(32)-P(8) == 25165824 and 32*25165824 == 805306368),
        ("约 $0.81\\,$B", rd(805306368/1e9, 2)(0.81)),
    ]
checks["04_mqa_gqa_kvcache_zh.md"] = c04

# ---------------------------------------------------------------- 05 Russian
def c05():
    s = rng.normal(size=4); l, j = 0, 2
    Z = np.exp(s).sum(); p = np.exp(s)/Z
    dp = fd_grad(lambda x: softmax(x)[l], s)  # d p_l / d s
    dZ = fd_grad(lambda x: np.exp(x).sum(), s)
    step1 = (np.exp(s[l])/Z*(l == j)) - np.exp(s[l])/Z**2*dZ[j]
    planted = (l == j)*p[l] - p[l]**2
    sn = np.array([1, 2, 0.5]); pn = softmax(sn); g = np.array([1, 0, -1.])
    gs_true = pn*(g - pn @ g)
    return [
        ("M_{ij}=\\begin{cases}0, & j\\le i", True),
        ("\\frac{\\partial p_l}{\\partial s_j}=\\frac{\\delta_{lj}", close(step1, dp[j], 1e-7)),
        ("=\\delta_{lj}\\,p_l-\\frac{e^{s_l}\\,e^{s_l}}{Z^2}", close(planted, dp[j], 1e-6)),
        ("=p_j\\,g_j-\\sum_{l\\le i}p_l^2\\,g_l", True),  # carried forward
        ("e^{1}\\approx2{,}7183", rd(np.e, 4)(2.7183) and rd(np.exp(2), 4)(7.3891) and rd(np.exp(.5), 4)(1.6487) and rd(np.exp(sn).sum(), 4)(11.7561)),
        ("p\\approx(0{,}2312;\\ 0{,}6285;\\ 0{,}1402;\\ 0)", np.allclose(np.round(pn, 4), [0.2312, 0.6285, 0.1402])),
        ("\\sum_{l\\le 2}p_l^2g_l\\approx", rd(pn**2 @ g, 4)(0.0338)),
        ("=(0{,}1974;\\ -0{,}0338;\\ -0{,}1740;\\ 0)", np.allclose(np.round(gs_true, 4), [0.1974, -0.0338, -0.1740])),
    ]
checks["05_maskirovannyj_softmax_grad_ru.md"] = c05

# ---------------------------------------------------------------- 06 Japanese
def c06():
    N, d = 7, 3
    Q, K, V = rng.normal(size=(3, N, d))
    phi = lambda x: np.where(x >= 0, x + 1, np.exp(x))
    num = np.array([sum((phi(Q[i]) @ phi(K[j])) * V[j] for j in range(N)) for i in range(N)])
    den = np.array([sum(phi(Q[i]) @ phi(K[j]) for j in range(N)) for i in range(N)])
    S = phi(K).T @ V; z = phi(K).sum(0)
    k1, k2, v1, v2, q = np.array([0, -1.]), np.array([1, 0.]), np.array([1, 2.]), np.array([3, 0.]), np.array([.5, 0])
    Sn = np.outer(phi(k1), v1) + np.outer(phi(k2), v2); zn = phi(k1) + phi(k2)
    o = phi(q) @ Sn / (phi(q) @ zn)
    return [
        ("$AV$ に $2N^2d$、合計 $4N^2d$", True),
        ("=\\frac{\\phi(q_i)^\\top\\Big(\\sum_j", np.allclose(num/den[:, None], (phi(Q) @ S)/(phi(Q) @ z)[:, None])),
        ("S=\\sum_{j=1}^{N}\\phi(k_j)v_j^\\top=\\phi(K)^\\top V", np.allclose(S, sum(np.outer(phi(K[j]), V[j]) for j in range(N))) and S.shape == (d, d)),
        ("\\frac{4N^2d}{4Nrd}=\\frac{N}{r}", True),
        ("4N^2d=4\\cdot4096^2\\cdot64=4\\,294\\,967\\,296", 4*4096**2*64 == 4294967296 and rd(4294967296/1e9, 2)(4.29)),
        ("4Nrd=4\\cdot4096\\cdot64\\cdot64=67\\,108\\,864", 4*4096*64*64 == 67108864 and rd(67108864/1e7, 2)(6.71) and 4294967296/67108864 == 64 == 4096/64),
        ("\\phi(k_1)=(1,\\ e^{-1})\\approx(1,\\ 0.3679)", np.allclose(np.round(phi(k1), 4), [1, 0.3679]) and np.allclose(phi(k2), [2, 1]) and np.allclose(phi(q), [1.5, 1])),
        ("S=\\phi(k_1)v_1^\\top+\\phi(k_2)v_2^\\top", np.allclose(np.round(np.outer(phi(k1), v1), 4), [[1, 2], [0.3679, 0.7358]]) and np.allclose(np.outer(phi(k2), v2), [[6, 0], [3, 0]])),
        ("=\\begin{pmatrix}7&2\\\\3.3679&0.7358", np.allclose(np.round(Sn, 4), [[7, 2], [3.3679, 0.7358]]) and np.allclose(np.round(zn, 4), [3, 1.3679])),
        ("\\phi(q)^\\top S\\approx(1.5\\cdot7+3.3679", np.allclose(np.round(phi(q) @ Sn, 4), [13.8679, 3.7358]) and rd(phi(q) @ zn, 4)(5.8679)),
        ("したがって $o\\approx", np.allclose(np.round(o, 4), [2.3634, 0.6366])),
        ("$\\phi(q)^\\top\\phi(k_2)=3+1=4$", rd(phi(q) @ phi(k1), 4)(1.8679) and phi(q) @ phi(k2) == 4
            and np.allclose((phi(q) @ phi(k1) * v1 + 4 * v2)/(phi(q) @ zn), o)),
    ]
checks["06_senkei_attention_ja.md"] = c06

# ---------------------------------------------------------------- 07 Portuguese
def c07():
    P = lambda N, w: sum(min(i+1, w) for i in range(N))
    N, w = 32768, 4096
    Pt = P(N, w)
    return [
        ("=\\frac{w(w+1)}{2}+Nw-w^2", all(P(n, ww) == ww*(ww+1)//2 + n*ww - ww*ww for n, ww in [(10, 4), (50, 7), (9, 9)])),
        ("P(N,w)=Nw-\\frac{w(w-1)}{2}.", all(P(n, ww) == n*ww - ww*(ww-1)//2 for n, ww in [(10, 4), (50, 7), (9, 9)])),
        ("que somam $6+7\\cdot4=34$", [min(i+1, 4) for i in range(10)] == [1, 2, 3, 4, 4, 4, 4, 4, 4, 4] and 6+7*4 == 34 == 40-6 == P(10, 4)),
        ("que para $N=10$ dá $55$", P(10, 10) == 55 == 10*11//2),
        ("Nw=32\\,768\\cdot4096=134\\,217\\,728", N*w == 134217728 and w*(w-1)//2 == 8386560),
        ("P=134\\,217\\,728-8\\,386\\,560=126\\,831\\,168", 134217728 - 8386560 == 126831168 == Pt),
        ("=\\frac{32\\,768\\cdot32\\,769}{2}=536\\,887\\,296", N*(N+1)//2 == 536887296),
        ("A razão é $126", rd(Pt/536887296, 4)(0.2362)),
        ("Em FLOPs por cabeça", rd(4*128*Pt/1e10, 2)(6.49)),
        ("$2wd=2\\cdot4096\\cdot128=1\\,048\\,576$", 2*4096*128 == 1048576),
        ("Com $L=32$: $32\\cdot4095+1=131\\,041$", 32*4095+1 == 131041),
    ]
checks["07_janela_deslizante_pt.md"] = c07

# ---------------------------------------------------------------- 08 Italian
def c08():
    d = 3; n = 4
    q = rng.normal(size=d); K = rng.normal(size=(n, d)); V = rng.normal(size=(n, 2)); ob = rng.normal(size=2)
    def L(q=q, K=K, V=V):
        p = softmax(K @ q/np.sqrt(d)); return ob @ (p @ V)
    s = K @ q/np.sqrt(d); p = softmax(s); o = p @ V
    sbar = p*(V @ ob - ob @ o)
    gV = fd_grad(lambda X: L(V=X), V.copy()); gq = fd_grad(lambda x: L(q=x), q.copy()); gK = fd_grad(lambda X: L(K=X), K.copy())
    gs = fd_grad(lambda x: ob @ (softmax(x) @ V), s.copy())
    pb = V @ ob
    J = np.diag(p) - np.outer(p, p)
    # numeric
    qn = np.array([1, 0.]); Kn = np.array([[1, 1], [0, 1], [-1, 0.]]); Vn = np.array([[1, 0], [0, 1], [1, 1.]]); obn = np.array([1, -1.])
    sn = Kn @ qn/np.sqrt(2); pn = softmax(sn); on = pn @ Vn; sb = pn*(Vn @ obn - obn @ on)
    qb = sb @ Kn/np.sqrt(2); kb = np.outer(sb, qn)/np.sqrt(2); vb = np.outer(pn, obn)
    r4 = lambda a, b: np.allclose(np.round(a, 4), b)
    return [
        ("\\bar v_j=\\dfrac{\\partial\\mathcal{L}}{\\partial v_j}=p_j\\,\\bar o", np.allclose(gV, np.outer(p, ob), atol=1e-7)),
        ("\\bar p_j=\\dfrac{\\partial\\mathcal{L}}{\\partial p_j}=\\bar o^\\top v_j", True),
        ("Lo jacobiano della softmax", np.allclose(fd_grad(lambda x: softmax(x)[1], s.copy()), J[1], atol=1e-7)),
        ("=p_j\\Big(\\bar p_j-\\sum_l p_l\\bar p_l\\Big)=p_j", np.allclose(pb @ J, sbar) and np.allclose(gs, sbar, atol=1e-7)),
        ("Si noti che $\\sum_j\\bar s_j=0$", close(sbar.sum(), 0, 1e-12) and close(p @ pb, ob @ o, 1e-12)),
        ("\\bar q=\\frac{1}{\\sqrt d}\\sum_{j}\\bar s_j\\,k_j", np.allclose(gq, sbar @ K/np.sqrt(d), atol=1e-7) and np.allclose(gK, np.outer(sbar, q)/np.sqrt(d), atol=1e-7)),
        ("Punteggi: $s=K q/\\sqrt2", r4(sn, [0.7071, 0, -0.7071])),
        ("Esponenziali: $e^{s}", r4(np.exp(sn), [2.0281, 1, 0.4931]) and rd(np.exp(sn).sum(), 4)(3.5212)),
        ("Pesi: $p\\approx", r4(pn, [0.5760, 0.2840, 0.1400])),
        ("Uscita: $o=p^\\top V", r4(on, [0.7160, 0.4240])),
        ("\\bar p=V\\bar o=(1;\\ -1;\\ 0)", np.allclose(Vn @ obn, [1, -1, 0]) and rd(obn @ on, 4)(0.2920)),
        ("\\bar s\\approx\\big(0{,}5760\\cdot0{,}7080", r4(Vn @ obn - obn @ on, [0.7080, -1.2920, -0.2920]) and r4(sb, [0.4078, -0.3669, -0.0409])),
        ("e infatti $0{,}4078-0{,}3669-0{,}0409=0$", close(0.4078-0.3669-0.0409, 0, 1e-12)),
        ("=\\frac{1}{\\sqrt2}\\begin{pmatrix}0{,}4487", r4(sb @ Kn, [0.4487, 0.0409]) and r4(qb, [0.3173, 0.0289])),
        ("$\\bar k_1\\approx(0{,}2884;\\ 0)$", r4(kb, [[0.2884, 0], [-0.2594, 0], [-0.0289, 0]])),
        ("Per i valori: $\\bar v_1", r4(vb, [[0.5760, -0.5760], [0.2840, -0.2840], [0.1400, -0.1400]])),
    ]
checks["08_backward_attenzione_it.md"] = c08

# ---------------------------------------------------------------- 09 Korean
def c09():
    N, d, h = 6, 8, 2; dh = d//h
    # count FLOPs by building shapes: 2*m*k*n
    mm = lambda A, B: 2*A[0]*A[1]*B[1]
    qk = h*mm((N, dh), (dh, N)); av = h*mm((N, N), (N, dh))
    return [
        ("$d\\cdot4d+4d\\cdot d=8d^2$", np.zeros((d, 4*d)).size + np.zeros((4*d, d)).size == 8*d*d and 4*d*d + 8*d*d == 12*d*d),
        ("$2\\cdot12d^2=24d^2$", 2*12*d*d == 24*d*d == 6*d*d + 2*d*d + 16*d*d),
        ("$3\\cdot2Nd^2=6Nd^2$", 3*mm((N, d), (d, d)) == 6*N*d*d),
        ("출력 투영 $W_O$: $2Nd^2$", mm((N, d), (d, d)) == 2*N*d*d),
        ("h\\cdot N^2d_h=N^2d .", qk == N*N*d),
        ("$h\\cdot2N^2d_h=2N^2d$", av == 2*N*N*d),
        ("$2\\cdot8Nd^2=16Nd^2$", mm((N, d), (d, 4*d)) + mm((N, 4*d), (4*d, d)) == 16*N*d*d),
    ]
checks["09_attention_vs_mlp_flops_ko.md"] = c09

# ---------------------------------------------------------------- 10 Polish
def c10():
    q = np.array([1, 2, .5, -1]); k = np.array([.5, 1, 2, 0])
    th = 10000.0 ** (-2*np.arange(2)/4)
    rope = lambda x, m: np.concatenate([R(m*t) @ x[2*i:2*i+2] for i, t in enumerate(th)])
    qr, kr = rope(q, 2), rope(k, 5)
    r4 = lambda a, b: np.allclose(np.round(a, 4), b)
    return [
        ("$\\theta_0=10000^{0}=1$", th[0] == 1 and close(th[1], 0.01, 1e-15)),
        ("R(\\alpha)\\begin{pmatrix}x\\\\y\\end{pmatrix}=", np.allclose(R(.3) @ [2, 5], [2*np.cos(.3)-5*np.sin(.3), 2*np.sin(.3)+5*np.cos(.3)])),
        ("\\cos 2\\approx0{,}4161", rd(np.cos(2), 4)(0.4161) and rd(np.sin(2), 4)(0.9093) and rd(np.cos(.02), 4)(0.9998) and rd(np.sin(.02), 4)(0.0200)),
        ("=\\begin{pmatrix}0{,}4161-1{,}8186", r4(qr[:2], [-1.4025, 1.7415])),
        ("\\approx\\begin{pmatrix}0{,}5199", r4(qr[2:], [0.5199, -0.9898])),
        ("Zatem $q'\\approx", r4(qr, [-1.4025, 1.7415, 0.5199, -0.9898])),
        ("\\cos5\\approx0{,}2837", rd(np.cos(5), 4)(0.2837) and rd(np.sin(5), 4)(-0.9589) and rd(np.cos(.05), 5)(0.99875) and rd(np.sin(.05), 4)(0.0500)),
        ("\\approx\\begin{pmatrix}1{,}1008", r4(kr[:2], [1.1008, -0.1958])),
        ("Druga para $(2,\\ 0)$", r4(kr[2:], [1.9975, 0.1000])),
        ("&\\approx-1{,}8849+0{,}9395=-0{,}9454", rd(qr @ kr, 4)(-0.9454)),
    ]
checks["10_rope_przyklad_pl.md"] = c10

# ---------------------------------------------------------------- 11 English KV cache
def c11():
    import math
    kv = lambda L, nkv, dh, b, T=1, B=1: math.prod((2, L, nkv, dh, T, B)) * np.dtype(f"u{b}").itemsize
    GiB = 2**30
    t13 = kv(40, 40, 128, 2); t70 = kv(80, 8, 128, 2)
    return [
        ("$n_{kv}=n_h=40$, $d_h=128$ (so $d_{\\text{model}}=5120$)", 40*128 == 5120),
        ("2\\cdot40\\cdot40\\cdot128\\cdot2 = 819{,}200", t13 == 819200 and t13/1024 == 800),
        ("819{,}200\\cdot4096 = 3{,}355{,}443{,}200", t13*4096 == 3355443200 and 3355443200/GiB == 3.125),
        ("$8\\cdot3.125 = 25$ GiB", kv(40, 40, 128, 2, 4096, 8)/GiB == 25 and rd(13e9*2/GiB, 1)(24.2)),
        ("2\\cdot80\\cdot8\\cdot128\\cdot2 = 327{,}680", t70 == 327680 and t70/1024 == 320),
        ("more than five times bigger", 70/13 > 5 and 320/800 == 0.4),
        ("$2.5$ MiB per token", kv(80, 64, 128, 2)/2**20 == 2.5 and kv(80, 64, 128, 2)/t70 == 8),
        ("327{,}680\\cdot4096\\cdot8 = 10{,}737{,}418{,}240", t70*4096*8 == 10737418240 == 10*GiB),
        ("\\lfloor 40/3.125\\rfloor=\\lfloor 12.8\\rfloor = 12", 40/3.125 == 12.8 and int(40//3.125) == 12),
        ("$1.5625$ GiB per sequence", kv(40, 40, 128, 1, 4096)/GiB == 1.5625 and int(40//1.5625) == 25 and 40/1.5625 == 25.6),
        ("for the 70B example that's a factor of 8", 64/8 == 8),
    ]
checks["11_kv_cache_bytes_en.md"] = c11

# ---------------------------------------------------------------- 12 Dutch GQA
def c12():
    d, nh, nkv, dh, L, N = 2048, 16, 4, 128, 24, 5
    G = nh//nkv
    X = np.zeros((N, d)); WQ = np.zeros((d, nh*dh)); WK = np.zeros((d, nkv*dh)); WO_true = np.zeros((nh*dh, d))
    Q = (X @ WQ).reshape(N, nh, dh); K = (X @ WK).reshape(N, nkv, dh)
    out = np.concatenate([np.zeros((N, dh)) for _ in range(nh)], axis=1)
    return [
        ("kopdimensie $d_h=d/n_h=128$", d//nh == dh),
        ("$G=n_h/n_{kv}=16/4=4$", G == 4),
        ("kop $13$ gebruikt KV-kop $\\lfloor 13/4\\rfloor=3$", [h//G for h in range(4)] == [0]*4 and 13//G == 3),
        ("\\mathbb{R}^{N\\times n_hd_h}=\\mathbb{R}^{N\\times2048}", (X @ WQ).shape == (N, 2048) and (X @ WK).shape == (N, 512)),
        ("heeft $Q$ de vorm $(N,16,128)$", Q.shape == (N, 16, 128) and K.shape == (N, 4, 128)),
        ("Voor kop $h$ is de scorematrix", (Q[:, 0] @ K[:, 0].T).shape == (N, N) and (np.zeros((N, N)) @ K[:, 0]).shape == (N, 128)),
        ("matrix van $N\\times2048$", out.shape == (N, 2048)),
        ("$2\\,n_{kv}d_h=2\\cdot4\\cdot128=1024$", 2*nkv*dh == 1024),
        ("2\\cdot24\\cdot4\\cdot128=24\\,576", 2*L*nkv*dh == 24576),
        ("$49\\,152$ bytes $=48$ KiB", 24576*2 == 49152 and 49152/1024 == 48),
        ("49\\,152\\cdot8192=402\\,653\\,184", 49152*8192 == 402653184 and 402653184/2**20 == 384),
        ("vier keer zoveel zijn: $1{,}5$ GiB", 2*L*16*dh*2*8192/2**30 == 1.5),
        ("W_Q&\\in\\mathbb{R}^{d\\times n_hd_h}", WQ.size == 2048*2048 == 4194304),
        ("2048\\cdot512=1\\,048\\,576\\ \\text{elk}", WK.size == 2048*512 == 1048576),
        ("W_O&\\in\\mathbb{R}^{n_{kv}d_h\\times d}: && 512", WO_true.size == 512*2048),
    ]
checks["12_gqa_parameters_nl.md"] = c12

# ---------------------------------------------------------------- 13 Vietnamese
def c13():
    phi = lambda x: np.where(x >= 0, x + 1, np.exp(x))
    N, d = 6, 3
    Q, K, V = rng.normal(size=(3, N, d))
    S = np.zeros((d, d)); z = np.zeros(d); outs = []
    for i in range(N):
        S = S + np.outer(phi(K[i]), V[i]); z = z + phi(K[i]); outs.append(phi(Q[i]) @ S / (phi(Q[i]) @ z))
    A = (phi(Q) @ phi(K).T) * np.tril(np.ones((N, N)))
    par = (A @ V) / A.sum(1, keepdims=True)
    direct = np.array([sum((phi(Q[i]) @ phi(K[j]))*V[j] for j in range(i+1))/sum(phi(Q[i]) @ phi(K[j]) for j in range(i+1)) for i in range(N)])
    k1, v1, k2, v2, q2 = np.array([0, 0.]), 2.0, np.array([-1, 1.]), -1.0, np.array([1, 0.])
    S1 = phi(k1)*v1; z1 = phi(k1); S2 = S1 + phi(k2)*v2; z2 = z1 + phi(k2)
    o2 = phi(q2) @ S2/(phi(q2) @ z2)
    r4 = lambda a, b: np.allclose(np.round(a, 4), b)
    return [
        ("z_i=\\sum_{j\\le i}\\phi(k_j)\\in\\mathbb{R}^{r}", np.allclose(np.array(outs), direct)),
        ("S_i=S_{i-1}+\\phi(k_i)\\,v_i^\\top", np.allclose(np.array(outs), direct)),
        ("Tổng cộng cho $N$ bước là khoảng $4Nrd_v$", True),
        ("rd_v+r=64\\cdot64+64=4160", 64*64+64 == 4160 and 2*64 == 128),
        ("$i=4160/128=32{,}5$", 4160/128 == 32.5 and 128*33 > 4160 > 128*32),
        ("O=\\big[(\\phi(Q)\\phi(K)^\\top)\\odot M\\big]V", np.allclose(par, direct)),
        ("Khi đó $\\phi(k_1)=(1,1)$", np.allclose(phi(k1), [1, 1])),
        ("\\cdot2=\\begin{pmatrix}2\\\\2\\end{pmatrix}", np.allclose(S1, [2, 2]) and np.allclose(z1, [1, 1])),
        ("Với bất kỳ $q_1$ nào, $o_1=v_1=2$", close(phi(np.array([.3, -2])) @ S1/(phi(np.array([.3, -2])) @ z1), 2, 1e-12)),
        ("\\approx(0{,}3679;\\ 2)$ và $\\phi(q_2)=(2,1)$", r4(phi(k2), [0.3679, 2]) and np.allclose(phi(q2), [2, 1])),
        ("=\\begin{pmatrix}1{,}6321\\\\0\\end{pmatrix}", r4(S2, [1.6321, 0]) and r4(z2, [1.3679, 3])),
        ("o_2=\\frac{2\\cdot1{,}6321+1\\cdot0}", rd(phi(q2) @ S2, 4)(3.2642) and rd(phi(q2) @ z2, 4)(5.7358) and rd(o2, 4)(0.5691)),
        ("\\phi(q_2)^\\top\\phi(k_2)\\approx2\\cdot0{,}3679+2=2{,}7358", phi(q2) @ phi(k1) == 3 and rd(phi(q2) @ phi(k2), 4)(2.7358)),
        ("o_2=\\frac{3\\cdot2+2{,}7358\\cdot(-1)}", rd(3*2 + (phi(q2) @ phi(k2))*(-1), 4)(3.2642) and rd((6 - phi(q2) @ phi(k2))/(3 + phi(q2) @ phi(k2)), 4)(0.5691)),
    ]
checks["13_chu_y_tuyen_tinh_nhan_qua_vi.md"] = c13

# ---------------------------------------------------------------- 14 Turkish
def c14():
    N, m = 4, 0.5
    i, j = np.meshgrid(np.arange(N), np.arange(N), indexing="ij")
    B = np.where(j <= i, -m*(i-j), -np.inf)
    Bshow = np.array([[0, -np.inf, -np.inf, -np.inf], [-.5, 0, -np.inf, -np.inf], [-1, -.5, 0, -np.inf], [-1.5, -1, -.5, 0]])
    s = np.array([.2, 1, .4, .6]); x = s + B[3]
    r4 = lambda a, b: np.allclose(np.round(a, 4), b)
    c = rng.normal(); y = rng.normal(size=5)
    return [
        ("$m_h=2^{-h}$, yani", np.allclose(2.0 ** (-8*np.arange(1, 9)/8), 2.0 ** -np.arange(1, 9))),
        ("-1{,}5 & -1 & -0{,}5 & 0", np.array_equal(B, Bshow)),
        ("$B_{i+t,\\,j+t}=B_{ij}$", all(B[a+1, b+1] == B[a, b] for a in range(3) for b in range(3))),
        ("\\operatorname{softmax}(x+c\\mathbf{1})=\\operatorname{softmax}(x)", np.allclose(softmax(y + c), softmax(y))),
        ("=(-1{,}3;\\ 0{,}0;\\ -0{,}1;\\ 0{,}6)", np.allclose(x, [-1.3, 0, -0.1, 0.6])),
        ("Üsteller: $e^{-1{,}3}\\approx0{,}2725$", r4(np.exp(x), [0.2725, 1, 0.9048, 1.8221]) and rd(np.exp(x).sum(), 4)(3.9995)),
        ("p\\approx(0{,}0681;\\ 0{,}2500;\\ 0{,}2262;\\ 0{,}4556)", r4(softmax(x), [0.0681, 0.2500, 0.2262, 0.4556])),
        ("=(0{,}2;\\ 1{,}5;\\ 1{,}4;\\ 2{,}1)", np.allclose(s + m*np.arange(4), [.2, 1.5, 1.4, 2.1]) and np.allclose(s + m*np.arange(4) - x, 1.5)
            and np.allclose(softmax(s + m*np.arange(4)), softmax(x))),
        ("bias olmadan $\\operatorname{softmax}(s)", r4(softmax(s), [0.1684, 0.3747, 0.2057, 0.2512])),
    ]
checks["14_alibi_bias_matrisi_tr.md"] = c14

def fp16_overflows():
    with np.errstate(over="ignore"):
        return bool(np.isinf(np.float16(-1e9)))


# ---------------------------------------------------------------- 15 Czech
def c15():
    N = 1024
    M = np.tril(np.ones((N, N), dtype=bool))
    s = np.array([2, 1.]); p = softmax(s); g = np.array([.5, -.5])
    gs = p*(g - p @ g)
    sfull = np.array([2, 1, 5.]); mask = np.array([0, 0, -np.inf])
    gfd = fd_grad(lambda x: (softmax(x + mask)[:2] @ g) + 0*3, sfull.copy())
    r4 = lambda a, b: np.allclose(np.round(a, 4), b)
    return [
        ("\\sum_{i=1}^{N} i=\\frac{N(N+1)}{2}", M.sum() == N*(N+1)//2),
        ("$\\frac{1024\\cdot1025}{2}=524\\,800$", M.sum() == 524800 and M.size == 1048576 and rd(524800/1048576, 4)(0.5005)),
        ("$8\\times8=64$ bloků", (1024//128)**2 == 64 and np.tril(np.ones((8, 8))).sum() == 36 == 8*9//2 and 36/64 == 0.5625),
        ("\\approx(0{,}7311;\\ 0{,}2689;\\ 0)", close(p[0], 1/(1+np.exp(-1)), 1e-12) and close(p[1], 1/(1+np.e), 1e-12) and r4(p, [0.7311, 0.2689])
            and np.allclose(softmax(sfull + mask)[:2], p)),
        ("=p_j\\Big(g_j-\\sum_{l}p_l\\,g_l\\Big)", np.allclose(gfd[:2], gs, atol=1e-7)),
        ("takže i $\\partial\\mathcal L/\\partial s_j=0$", close(gfd[2], 0, 1e-12)),
        ("\\sum_l p_lg_l\\approx0{,}7311\\cdot0{,}5", rd(p @ g, 4)(0.2311)),
        ("\\approx(0{,}1966;\\ -0{,}1966;\\ 0)", r4(gs, [0.1966, -0.1966]) and r4(g - p @ g, [0.2689, -0.7311])),
        ("což sedí: $0{,}7311\\cdot0{,}2689\\cdot1", rd(p[0]*p[1]*(g[0]-g[1]), 4)(0.1966) and close(gs[0], p[0]*p[1]*(g[0]-g[1]), 1e-12)),
        ("největší konečné číslo je $65\\,504$", float(np.finfo(np.float16).max) == 65504 and fp16_overflows()),
    ]
checks["15_kauzalni_maska_cs.md"] = c15

# ---------------------------------------------------------------- 16 English RoPE freqs
def c16():
    th = 10000.0 ** (-2*np.arange(64)/128); lam = 2*np.pi/th
    return [
        ("One per pair: $d/2=64$", th.size == 64),
        ("\\theta_0=10000^{0}=1,", th[0] == 1),
        ("\\theta_{16}=10000^{-32/128}=10000^{-1/4}=0.01,", close(th[16], 0.01, 1e-12)),
        ("\\theta_{63}=10000^{-126/128}", close(th[63], 10 ** -3.9375, 1e-15) and rd(th[63]*1e4, 3)(1.155)),
        ("=10^{-1/16}\\approx0.8660", close(th[1]/th[0], 10 ** (-1/16), 1e-12) and rd(10 ** (-1/16), 4)(0.8660)),
        ("\\lambda_0=2\\pi\\approx6.283", rd(lam[0], 3)(6.283) and rd(lam[16], 1)(628.3) and abs(lam[63] - 54410) < 1),
    ]
checks["16_rope_frequencies_en.md"] = c16


def main():
    files = sorted(f for f in os.listdir(HERE) if f.endswith(".md"))
    assert len(files) == 16 and set(files) == set(EXP), (files, sorted(EXP))
    ok = True
    for f in files:
        lines = open(os.path.join(HERE, f), encoding="utf-8").read().split("\n")
        assert lines[0].startswith("<!-- style:"), f
        n_lines = len(lines) - (lines[-1] == "")
        assert 30 <= n_lines <= 80, (f, n_lines)
        results = [(line_of(lines, sub), bool(res), sub) for sub, res in checks[f]()]
        fails = sorted(r for r in results if not r[1])
        first = fails[0][0] if fails else None
        status = "OK" if first == EXP[f] else "MISMATCH"
        if status != "OK":
            ok = False
        print(f"{status}  {f}: first failing line {first}, expected {EXP[f]}" + (f"  [{fails[0][2]}]" if fails else ""))
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
