import numpy as np
from _truth import run, d1


def body(D, rng):
    a, b, c, f = 2.0, -3.0, 10.0, -2.0
    e = a * b
    d = e + c
    L = d * f
    D.step(r"$e = 2.0 \cdot (-3.0) = -6.0$", 2.0 * -3.0, -6.0)
    D.step(r"$d = -6.0 + 10.0 = 4.0$", -6.0 + 10.0, 4.0)
    D.step(r"$L = 4.0 \cdot (-2.0) = -8.0$", 4.0 * -2.0, -8.0)
    dLdd = d1(lambda t: t * f, d)
    D.step(r"\frac{dL}{dd} = f = -2.0", dLdd, f)
    D.step(r"f = -2.0, \qquad", f, -2.0)
    D.step(r"\frac{dL}{df} = d = 4.0", d1(lambda t: d * t, f), d)
    D.step(r"\qquad \frac{dL}{df} = d = 4.0", d, 4.0)
    h = rng.uniform(0.1, 1.0)
    D.step(r"= \frac{hf}{h} = f$", ((d + h) * f - d * f) / h, h * f / h)
    D.step(r"\frac{hf}{h} = f$", h * f / h, f)
    D.step(r"$\frac{dd}{dc} = 1.0$", d1(lambda t: e + t, c), 1.0)
    Lc = lambda cc: (a * b + cc) * f
    D.step(r"= \frac{dL}{dd} \cdot \frac{dd}{dc} = -2.0 \cdot 1.0 = -2.0", d1(Lc, c), dLdd * 1.0)
    D.step(r"\frac{dd}{dc} = -2.0 \cdot 1.0", dLdd * 1.0, -2.0 * 1.0)
    D.step(r"-2.0 \cdot 1.0 = -2.0$$", -2.0 * 1.0, -2.0)
    D.step(r"$\frac{dL}{de} = -2.0$", d1(lambda ee: (ee + c) * f, e), -2.0)
    La = lambda aa: (aa * b + c) * f
    Lb = lambda bb: (a * bb + c) * f
    D.step(r"\frac{dL}{da} = \frac{dL}{de} \cdot \frac{de}{da}", d1(La, a), -2.0 * d1(lambda aa: aa * b, a))
    D.step(r"\frac{de}{da} = \frac{dL}{de} \cdot b", -2.0 * b, -2.0 * b)
    D.step(r"\cdot b = -2.0 \cdot (-3.0) = 6.0", -2.0 * b, -2.0 * -3.0)
    D.step(r"-2.0 \cdot (-3.0) = 6.0$$", -2.0 * -3.0, 6.0)
    D.step(r"\frac{dL}{db} = \frac{dL}{de} \cdot \frac{de}{db}", d1(Lb, b), -2.0 * d1(lambda bb: a * bb, b))
    D.step(r"\frac{de}{db} = \frac{dL}{de} \cdot a", -2.0 * a, -2.0 * a)
    D.step(r"\cdot a = -2.0 \cdot 2.0 = -4.0", -2.0 * a, -2.0 * 2.0)
    D.step(r"-2.0 \cdot 2.0 = -4.0$$", -4.0, -4.0)
    D.step(r"= ((a+h)b + c)f = L + hbf", La(a + h), ((a + h) * b + c) * f)
    D.step(r"= L + hbf = -8.0 + 6h$", L + h * b * f, -8.0 + 6 * h)
    D.step(r"+ c)f = L + hbf", ((a + h) * b + c) * f, L + h * b * f)
    x1, x2, w1, w2, bn = 2.0, 0.0, -3.0, 1.0, 6.5
    n = x1 * w1 + x2 * w2 + bn
    D.step(r"+ b_n = 0.5$", n, 0.5)
    o = np.tanh(n)
    D.step(r"= 1 - \tanh^2(n) = 1 - o^2$", d1(np.tanh, n), 1 - np.tanh(n) ** 2)
    D.step(r"1 - \tanh^2(n) = 1 - o^2$", 1 - np.tanh(n) ** 2, 1 - o ** 2)
    ow1 = d1(lambda w: np.tanh(x1 * w + x2 * w2 + bn), w1)
    D.step(r"\frac{do}{dw_1} = \frac{do}{dn} \cdot x_1", ow1, (1 - o ** 2) * x1)
    D.step(r"= 2\left(1 - \tanh^2(0.5)\right)", (1 - o ** 2) * x1, 2 * (1 - np.tanh(0.5) ** 2))
    ow2 = d1(lambda w: np.tanh(x1 * w1 + x2 * w + bn), w2)
    D.step(r"\frac{do}{dw_2} = \frac{do}{dn} \cdot x_2", ow2, (1 - o ** 2) * x2)
    D.step(r"\cdot x_2 = 0.$$", (1 - o ** 2) * x2, 0.0)


def check():
    run(__file__, body, trials=2)
