import numpy as np
from _truth import run

d, h, n = 512, 8, 1024


def body(D, rng):
    dk = d // h
    D.step(r"d_k = \frac{d}{h} = \frac{512}{8} = 64", d / h, 512 / 8)
    D.step(r"= \frac{512}{8} = 64$$", 512 / 8, 64)
    Wq = np.zeros((h, d, dk))
    D.step(r"$h d_k = 8 \cdot 64 = 512 = d$", np.zeros((3, h * dk)).shape[1], 8 * 64)
    D.step(r"= 512 = d$, majd", 8 * 64, 512)
    D.step(r"$h \cdot d \cdot d_k = 8 \cdot 512 \cdot 64", Wq.size, 8 * 512 * 64)
    D.step(r"\cdot 64 = 262144 = 512^2$", 8 * 512 * 64, 262144)
    D.step(r"= 262144 = 512^2$", 262144, 512 ** 2)
    params = 4 * np.zeros((d, d)).size + 4 * np.zeros(d).size
    D.step(r"$$4d^2 + 4d = 4 \cdot 512^2", params, 4 * 512 ** 2 + 4 * 512)
    D.step(r"+ 4 \cdot 512 = 1050624$$", 4 * 512 ** 2 + 4 * 512, 1050624)
    D.step(r"$h \cdot n^2 = 8 \cdot 1024^2", np.zeros((h, n, n), dtype=np.int8).size, 8 * 1024 ** 2)
    D.step(r"= 8 \cdot 1024^2 = 8388608$", 8 * 1024 ** 2, 8388608)
    D.step(r"$8388608 \cdot 4 = 33554432$", np.zeros(1, dtype=np.float32).nbytes * 8388608, 33554432)
    D.step(r"azaz $32$ MiB", 33554432 / 2 ** 20, 32)


def check():
    run(__file__, body)
