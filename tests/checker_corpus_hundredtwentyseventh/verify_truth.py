"""Independent truth checks for the quantization corpus.

For every file, each claim is located by a unique substring of its line, evaluated
numerically with NumPy, and the first failing line is compared to expected.json.
"""
import json
import math
import os
import re

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(0)


def num(s):
    """Parse a printed number ('0{,}019216', '0,0192', '3.3895') -> (value, decimals)."""
    s = s.replace("{,}", ".").replace("{.}", ".").replace(",", ".").replace(" ", "").replace("\\,", "")
    dec = len(s.split(".")[1]) if "." in s else 0
    return float(s), dec


def approx(val, printed, slack=1.0):
    p, d = num(printed)
    return abs(val - p) <= slack * 0.5 * 10.0 ** (-d) + 1e-12 * max(1.0, abs(val))


def vapprox(vals, printed_list, slack=1.0):
    return len(vals) == len(printed_list) and all(approx(v, p, slack) for v, p in zip(vals, printed_list))


def sci(val, mant, exp):
    return approx(val / 10.0 ** exp, mant)


def fd(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)


def rnd(u):
    return np.round(u)  # round-half-even; no exact ties occur below except where noted


def fp16(x):
    return float(np.float16(x))


def fp16_inf(x):
    with np.errstate(over="ignore"):
        return float(np.float16(x))


def bf16(x):
    """Round-to-nearest-even to bfloat16 via fp32 bit manipulation."""
    b = np.array([x], dtype=np.float32).view(np.uint32)[0].astype(np.uint64)
    lsb = (b >> 16) & 1
    b = (b + 0x7FFF + lsb) >> 16 << 16
    return float(np.array([b], dtype=np.uint32).view(np.float32)[0])


CLAIMS = {}

# ---------------------------------------------------------------- 01 affine uint8 (de)
x = np.array([-1.8, -0.5, 0.0, 0.7, 2.4, 3.1])
s = (3.1 + 1.8) / 255
z = int(rnd(1.8 / s))
q = np.clip(rnd(x / s) + z, 0, 255)
xh = s * (q - z)
CLAIMS["01_affine_int8_de.md"] = [
    ("\\frac{\\beta-\\alpha}{2^8-1} = \\frac{\\beta-\\alpha}{255}", 2**8 - 1 == 255),
    ("= \\frac{4{,}9}{255} \\approx 0{,}019216", approx(4.9 / 255, "0,019216") and abs(3.1 + 1.8 - 4.9) < 1e-12),
    ("= \\operatorname{round}(93{,}673) = 94", approx(1.8 / 0.019216, "93,673", 3) and approx(1.8 / s, "93,673") and z == 94),
    ("\\frac{x}{s} \\approx (-93{,}673", vapprox(x / s, ["-93,673", "-26,020", "0", "36,429", "124,898", "161,327"])),
    ("q = (0;\\ 68;\\ 94;\\ 130;\\ 219;\\ 255)", list(q) == [0, 68, 94, 130, 219, 255]),
    ("Keiner der Werte liegt", np.all((rnd(x / s) + z >= 0) & (rnd(x / s) + z <= 255))),
    ("\\hat x \\approx (-1{,}80627", vapprox(xh, ["-1,80627", "-0,49961", "0", "0,69176", "2,40196", "3,09373"])),
    ("\\hat x - x \\approx (-0{,}00627", vapprox(xh - x, ["-0,00627", "0,00039", "0", "-0,00824", "0,00196", "-0,00627"])),
    ("darstellbaren Bereichs sein muss", approx(s / 2, "0,009608") and np.all(np.abs(xh - x) <= s / 2)),
    ("[\\,s(0-94),\\ s(255-94)\\,] \\approx", approx(-94 * s, "-1,80627") and approx(161 * s, "3,09373")),
    ("= 182 + 94 = 276 > 255", rnd(3.5 / s) == 182 and 182 + 94 == 276),
    ("= 161\\,s \\approx 3{,}0937", 255 - 94 == 161 and approx(161 * s, "3,0937")),
    ("3{,}5 - 3{,}0937 \\approx 0{,}406", approx(3.5 - 161 * s, "0,406") and 3.5 - 161 * s > s / 2),
]

# ---------------------------------------------------------------- 02 symmetric int8 (fr) planted
w = np.array([0.42, -1.374, 0.061, 2.54, -0.883])
s = 2.54 / 127
CLAIMS["02_symmetric_int8_fr.md"] = [
    ("Ici $\\max_i |w_i| = 2{,}54$", np.abs(w).max() == 2.54),
    ("s = \\frac{2{,}54}{127} = 0{,}02", approx(s, "0,02")),
    ("\\frac{w}{s} = (21", vapprox(w / s, ["21", "-68,7", "3,05", "127", "-44,15"])),
    ("round}(21) = 21", rnd(21) == 21),
    ("round}(-68{,}7) = -69", rnd(-68.7) == -69),
    ("round}(3{,}05) = 3$", rnd(3.05) == 3),
    ("round}(127) = 127", rnd(127) == 127),
    ("round}(-44{,}15) = -45", rnd(-44.15) == -45),
]

# ---------------------------------------------------------------- 03 dequant error (es)
def mse_integral(ss):
    e = np.linspace(-ss / 2, ss / 2, 200001)
    return np.trapezoid(e**2 / ss, e) if hasattr(np, "trapezoid") else np.trapz(e**2 / ss, e)

ss = 0.37
s = 4 / 127
s4 = 4 / 7
CLAIMS["03_dequant_error_es.md"] = [
    ("= \\frac{1}{s}\\cdot\\frac{2}{3}\\cdot\\frac{s^3}{8}",
     abs((1 / ss) * ((ss / 2) ** 3 / 3 - (-ss / 2) ** 3 / 3) - (1 / ss) * (2 / 3) * ss**3 / 8) < 1e-12
     and abs(mse_integral(ss) - ss**2 / 12) < 1e-9),
    ("error RMS vale $s/\\sqrt{12} \\approx 0{,}2887\\,s$", approx(1 / math.sqrt(12), "0,2887")),
    ("s = \\frac{4}{127} \\approx 0{,}031496", approx(s, "0,031496")),
    ("Cota máxima dentro del rango", approx(s / 2, "0,015748")),
    ("- Error RMS: $s/\\sqrt{12}", approx(s / math.sqrt(12), "0,009092")),
    ("- Error cuadrático medio: $s^2/12", sci(s**2 / 12, "8,267", -5)),
    ("da $\\operatorname{round}(5{,}3/s) = 168$", rnd(5.3 / s) == 168 and abs(127 * s - 4) < 1e-12
     and approx(5.3 - 4, "1,3") and round((5.3 - 4) / (s / 2)) == 83),
    ("s_4 = \\frac{4}{7} \\approx 0{,}5714", approx(s4, "0,5714") and approx(s4 / 2, "0,2857") and approx(s4 / math.sqrt(12), "0,1650")),
    ("La razón entre los errores RMS", approx(s4 / s, "18,14")),
    ("medio crece en un factor", approx((127 / 7) ** 2, "329,2") and approx(10 * math.log10((127 / 7) ** 2), "25,17")),
]

# ---------------------------------------------------------------- 04 STE / LSQ (pt) planted
x = np.array([0.234, -0.96, 0.81, -0.047])
g = np.array([0.5, -0.2, 0.3, 1.0])
s = 0.1
u = x / s
inside = (u >= -8) & (u <= 7)

def ste_ds(xv, s0):
    # STE surrogate: round(u) replaced by R0 + (u - u0) with R0 constant
    u0 = xv / s0
    R0 = rnd(u0)
    f = lambda ss_: ss_ * (R0 + xv / ss_ - u0)
    return fd(f, s0)

xr, s0 = 0.2345, 0.07
grad_round_term = fd(lambda ss_: xr / ss_, s0) * s0  # s * d(x/s)/ds under STE
CLAIMS["04_ste_lsq_pt.md"] = [
    ("u = x/s = (2{,}34", vapprox(u, ["2,34", "-9,6", "8,1", "-0,47"])),
    ("= g \\odot (1, 0, 0, 1) = (0{,}5", list(inside.astype(int)) == [1, 0, 0, 1] and vapprox(g * inside, ["0,5", "0", "0", "1,0"])),
    ("&= \\operatorname{round}\\!\\left(\\tfrac{x}{s}\\right) + s\\cdot\\frac{\\partial}{\\partial s}", True),
    ("&\\approx \\operatorname{round}\\!\\left(\\tfrac{x}{s}\\right) + s\\cdot\\frac{x}{s^2}",
     abs(grad_round_term - s0 * (xr / s0**2)) < 1e-6),
]

# ---------------------------------------------------------------- 05 memory (it) planted
P = 3 * 4096 * 11008
MiB = 2**20
CLAIMS["05_memoria_mlp_it.md"] = [
    ("d \\cdot d_{ff} = 4096 \\cdot 11008 = 45\\,088\\,768", 4096 * 11008 == 45088768 and np.zeros((11008, 4096)).size == 45088768),
    ("P = 3 \\cdot 45\\,088\\,768 = 135\\,266\\,304", P == 135266304),
    ("1\\ \\text{MiB} = 2^{20}\\ \\text{B} = 1\\,048\\,576", MiB == 1048576),
    ("- fp32 (4 byte per peso)", 4 * P == 541065216 and 4 * P / MiB == 516),
    ("- fp16 o bf16 (2 byte per peso)", 2 * P / MiB == 258),
    ("quindi $P\\ \\text{B} = 129\\ \\text{MiB}$", P / MiB == 129),
    ("11008 + 11008 + 4096 = 26\\,112", 11008 + 11008 + 4096 == 26112),
    ("26\\,112 \\cdot 2 = 52\\,224", 26112 * 2 == 52224 and 52224 / 1024 == 51),
    ("P/2\\ \\text{B} = 64{,}5\\ \\text{MiB}", P / 2 / MiB == 64.5),
    ("$2 \\times 16 = 32$ bit per gruppo", 2 * 16 == 32),
    ("\\frac{P}{128} = 1\\,056\\,768", P / 128 == 1056768),
    ("b_{\\text{eff}} = 4 + \\frac{16}{128} = 4{,}125", abs((4 + 32 / 128) - 4.125) < 1e-12),
]

# ---------------------------------------------------------------- 06 fp16 (ru)
fi = np.finfo(np.float16)
CLAIMS["06_fp16_diapazon_ru.md"] = [
    ("x_{\\max} = \\Big(1 + \\frac{1023}{1024}\\Big)", (1 + 1023 / 1024) * 2**15 == (2 - 2**-10) * 2**15 == 65536 - 32 == 65504 == float(fi.max)),
    ("x_{\\min} = 2^{1-15} = 2^{-14}", 2.0 ** (1 - 15) == 2.0**-14 == float(fi.tiny) and sci(2.0**-14, "6,104", -5)),
    ("x_{\\text{sub}} = 2^{-10}\\cdot 2^{-14} = 2^{-24}", 2.0**-24 == fp16(2.0**-24) > 0 and fp16(2.0**-25) == 0 and sci(2.0**-24, "5,96", -8)),
    ("\\varepsilon = 2^{-10} \\approx 9{,}766", float(fi.eps) == 2.0**-10 and sci(2.0**-10, "9,766", -4)),
    ("u = \\varepsilon/2 = 2^{-11}", sci(2.0**-11, "4,883", -4)),
    ("\\log_{10} 2^{11} = 11\\log_{10} 2 \\approx 3{,}31", approx(11 * math.log10(2), "3,31")),
    ("$0{,}6\\cdot 1024 = 614{,}4$", approx(0.6 * 1024, "614,4") and approx(1.6 * 1024, "1638,4") and abs(0.1 - 1.6 * 2**-4) < 1e-15),
    ("= \\frac{1638}{16384} = 0{,}0999755859375", 1638 / 16384 == 0.0999755859375 == fp16(0.1)),
    ("\\approx 2{,}44\\cdot 10^{-4} \\le u", sci(abs(0.0999755859375 - 0.1) / 0.1, "2,44", -4) and abs(0.0999755859375 - 0.1) / 0.1 <= 2**-11),
    ("- Все целые числа до", all(fp16(k) == k for k in range(2049)) and fp16(2049) == 2048),
    ("- Градиенты порядка", fp16(1e-8) == 0.0),
    ("- Активации больше", fp16(65504) == 65504 and fp16(65519) == 65504 and math.isinf(fp16_inf(65520))),
]

# ---------------------------------------------------------------- 07 bf16 (zh) planted
CLAIMS["07_bfloat16_zh.md"] = [
    ("x_{\\max} = \\Big(2 - 2^{-7}\\Big)", (1 + 127 / 128) * 2.0 ** (254 - 127) == (2 - 2**-7) * 2.0**127 and sci((2 - 2**-7) * 2.0**127, "3.3895", 38)
     and bf16(3.3895e38) == (2 - 2**-7) * 2.0**127),
    ("x_{\\min} = 2^{1-127} = 2^{-126}", sci(2.0**-126, "1.1755", -38)),
    ("x_{\\text{sub}} = 2^{-126-8}", (1 / 2**7) * 2.0**-126 == 2.0 ** (-126 - 8) == 2.0**-134),
]

# ---------------------------------------------------------------- 08 quantized matmul (ja) planted
def expansion_ok(K):
    A = rng.integers(0, 256, size=K).astype(np.int64)
    B = rng.integers(0, 256, size=K).astype(np.int64)
    za, zb = 37, 201
    lhs = np.sum((A - za) * (B - zb))
    rhs = np.sum(A * B) - zb * A.sum() - za * B.sum() + za * zb
    return lhs == rhs

CLAIMS["08_qmatmul_ja.md"] = [
    ("Y_{ij} = s_a s_b \\sum_{k=1}^{K} (A_{ik} - z_a)(B_{kj} - z_b)", True),
    ("= \\sum_{k} A_{ik}B_{kj} - z_b \\sum_{k} A_{ik}", all(expansion_ok(3) for _ in range(5))),
]

# ---------------------------------------------------------------- 09 fake quant QAT (ko)
w = np.array([0.31, -0.72, 0.05, 1.10])
x = np.array([1.0, 0.5, -2.0, 0.25])
s = 1.10 / 7
q = rnd(w / s)
wh = s * q
y = wh @ x

def loss_of_w(wv):
    # STE surrogate around the current point: w_hat = w + (w_hat0 - w0)
    return 0.5 * ((wv + (wh - w)) @ x) ** 2

grad_fd = np.array([fd(lambda t, i=i: loss_of_w(w + t * np.eye(4)[i]), 0.0) for i in range(4)])
CLAIMS["09_fake_quant_qat_ko.md"] = [
    ("s = \\frac{1.10}{7} \\approx 0.157143", approx(s, "0.157143")),
    ("\\frac{w}{s} \\approx (1.9727", vapprox(w / s, ["1.9727", "-4.5818", "0.3182", "7.0000"])),
    ("반올림하면 $q = (2,\\ -5,\\ 0,\\ 7)$", list(q) == [2, -5, 0, 7] and np.all(np.abs(q) <= 7)),
    ("\\hat w = s\\,q \\approx (0.314286", vapprox(wh, ["0.314286", "-0.785714", "0", "1.1"])),
    ("y = \\hat w^{\\top} x = 0.314286 - 0.392857", vapprox(wh * x, ["0.314286", "-0.392857", "0", "0.275"]) and approx(y, "0.196429")),
    ("w^{\\top}x = 0.31 - 0.36 - 0.1 + 0.275 = 0.125", vapprox(w * x, ["0.31", "-0.36", "-0.1", "0.275"]) and approx(w @ x, "0.125")),
    ("손실은 $L = \\tfrac12 (0.196429)^2", approx(0.5 * y**2, "0.019292")),
    ("\\frac{\\partial L}{\\partial \\hat w} = y\\,x \\approx", vapprox(y * x, ["0.196429", "0.098214", "-0.392857", "0.049107"])),
    ("\\frac{\\partial L}{\\partial w} = \\frac{\\partial L}{\\partial \\hat w} \\approx", vapprox(grad_fd, ["0.196429", "0.098214", "-0.392857", "0.049107"], 2)),
    ("\\approx (0.290357,\\ -0.729821", vapprox(w - 0.1 * y * x, ["0.290357", "-0.729821", "0.089286", "1.095089"])),
    ("0.089/s \\approx 0.57", approx((w - 0.1 * y * x)[2] / s, "0.57") and rnd((w - 0.1 * y * x)[2] / s) == 1),
]

# ---------------------------------------------------------------- 10 accumulator (pl)
I32 = 2**31 - 1
i8 = np.arange(-128, 128)
CLAIMS["10_akumulator_int32_pl.md"] = [
    ("$(-128)\\cdot(-128) = 16384$", np.abs(np.outer(i8, i8)).max() == 16384 == 2**14 and -128 * 127 == -16256),
    ("Dla int32 mamy $A_{\\max} = 2^{31} - 1", I32 == 2147483647),
    ("\\lfloor 131\\,071{,}9999\\ldots \\rfloor = 131\\,071", I32 // 16384 == 131071 and approx(I32 / 16384, "131071,9999", 1)),
    ("Sprawdzenie: $16384 \\cdot 131\\,072 = 2^{31}$", 16384 * 131072 == 2**31 == I32 + 1),
    ("Teraz $P_{\\max} = 127^2 = 16129$", 127**2 == 16129),
    ("\\lfloor 133\\,144{,}25\\ldots \\rfloor = 133\\,144", I32 // 16129 == 133144 and approx(I32 / 16129, "133144,25", 1)),
    ("$P_{\\max} = 255 \\cdot 128 = 32640$", np.abs(np.outer(np.arange(256), i8)).max() == 255 * 128 == 32640),
    ("{32640} \\right\\rfloor = 65\\,793", I32 // 32640 == 65793),
    ("{16384} \\right\\rfloor = 1 .", 32767 // 16384 == 1 and 2**15 - 1 == 32767),
    ("więc $P_{\\max} = (-8)^2 = 64$", np.abs(np.outer(np.arange(-8, 8), np.arange(-8, 8))).max() == 64),
    ("\\lfloor 511{,}98\\ldots \\rfloor = 511", 32767 // 64 == 511 and approx(32767 / 64, "511,98", 1)),
]

# ---------------------------------------------------------------- 11 per-channel (nl) planted
W = np.array([[0.50, -0.25, 0.10, 0.635], [0.12, -0.90, 0.45, 0.30], [-0.20, 0.05, 0.381, -0.127]])
s1 = np.abs(W[0]).max() / 127
s2 = np.abs(W[1]).max() / 127
CLAIMS["11_per_kanaal_nl.md"] = [
    ("s_1 = \\frac{0{,}635}{127} = 0{,}005", approx(s1, "0,005")),
    ("Dan $W_{1\\cdot}/s_1 = (100", vapprox(W[0] / s1, ["100", "-50", "20", "127"]) and np.allclose(s1 * rnd(W[0] / s1), W[0])),
    ("s_2 = \\frac{0{,}45}{127} \\approx 0{,}003543", approx(s2, "0,003543")),
]

# ---------------------------------------------------------------- 12 requantization (vi)
M = 0.02 * 0.005 / 0.15
M0 = M * 2**10
Mi = int(round(M0 * 2**31))
acc = 12345
prod = acc * Mi
CLAIMS["12_tai_luong_tu_vi.md"] = [
    ("= \\frac{0{,}0001}{0{,}15} \\approx 6{,}6667", abs(0.02 * 0.005 - 0.0001) < 1e-15 and sci(M, "6,6667", -4)),
    ("- $M\\cdot 2^{9} \\approx 0{,}3413$", approx(M * 2**9, "0,3413") and M * 2**9 < 0.5),
    ("- $M\\cdot 2^{10} \\approx 0{,}6827$", approx(M * 2**10, "0,6827") and 0.5 <= M * 2**10 < 1),
    ("- $M\\cdot 2^{11} \\approx 1{,}3653$", approx(M * 2**11, "1,3653") and M * 2**11 >= 1),
    ("Vậy $n = 10$ và $M_0 \\approx 0{,}682667$", approx(M0, "0,682667")),
    ("= \\operatorname{round}(1\\,466\\,015\\,503{,}70) = 1\\,466\\,015\\,504", approx(M0 * 2**31, "1466015503,70") and Mi == 1466015504),
    ("sai số tương đối cỡ $2\\cdot 10^{-10}$", approx(abs(Mi - M0 * 2**31) / (M0 * 2**31) / 1e-10, "2")),
    ("\\cdot 12345 \\approx 8{,}23", approx(M * acc, "8,23") and rnd(M * acc) + 10 == 18),
    ("= 12345 \\cdot 1\\,466\\,015\\,504 = 18\\,097\\,961\\,396\\,880", prod == 18097961396880),
    ("\\big(18\\,097\\,961\\,396\\,880 + 2^{40}\\big) \\gg 41 = 8", (prod + 2**40) >> 41 == 8),
    ("vì $18\\,097\\,961\\,396\\,880 / 2^{41} \\approx 8{,}23", approx(prod / 2**41, "8,23")),
    ("M\\cdot\\mathrm{acc} \\approx -33{,}33", approx(M * -50000, "-33,33") and rnd(M * -50000) + 10 == -23
     and ((-50000 * Mi + 2**40) >> 41) + 10 == -23),
]

# ---------------------------------------------------------------- 13 fp16 ulp (tr) planted
def ulp16(v):
    a = np.float16(v)
    return float(np.nextafter(a, np.float16(np.inf)) - a)

CLAIMS["13_fp16_ulp_tr.md"] = [
    ("\\operatorname{ulp}(x) = 2^{e-10}", all(ulp16(2.0**e * 1.3) == 2.0 ** (e - 10) for e in range(-14, 15))),
    ("$e = 0$ olduğundan $\\operatorname{ulp}(1) = 2^{-10}", ulp16(1.0) == 2**-10 and approx(2**-10, "0,000977")),
    ("\\mathrm{fl}(1 + 2^{-11}) = 1 .", fp16(1 + 2**-11) == 1.0),
    ("\\operatorname{ulp}(2048) = 2^{11-10} = 2 .", ulp16(2048) == 2.0),
    ("$\\mathrm{fl}(2049) = 2048$", fp16(2049) == 2048 and fp16(2048 + 1) == 2048),
    ("e = \\lfloor \\log_2 1000 \\rfloor = 10", math.floor(math.log2(1000)) == 10),
]

# ---------------------------------------------------------------- 14 SQNR (cs) planted
A = 1.7
b = 5
D = 2 * A / 2**b
xs = np.linspace(-A, A, 400001)
Px = np.trapezoid(xs**2 / (2 * A), xs) if hasattr(np, "trapezoid") else np.trapz(xs**2 / (2 * A), xs)
CLAIMS["14_sqnr_cs.md"] = [
    ("\\Delta = \\frac{2A}{2^b}.", True),
    ("\\sigma_e^2 = \\frac{\\Delta^2}{12} = \\frac{1}{12}\\cdot\\frac{4A^2}{4^b}",
     abs(D**2 / 12 - A**2 / (3 * 4**b)) < 1e-15 and abs(D**2 / 12 - (1 / 12) * 4 * A**2 / 4**b) < 1e-15),
    ("P_x = \\frac{1}{2A}\\int_{-A}^{A} x^2\\,dx", abs(Px - (1 / (2 * A)) * (A**3 / 3 - (-A) ** 3 / 3)) < 1e-9
     and abs(Px - (1 / (2 * A)) * A**3 / 3) < 1e-9 and abs(Px - A**2 / 6) < 1e-9),
]

# ---------------------------------------------------------------- 15 int4 group (en)
w = np.array([-0.21, 0.05, 0.38, -0.07, 0.14, 0.30, -0.12, 0.02])
s = (0.38 + 0.21) / 15
z = int(rnd(0.21 / s))
r = rnd(w / s)
q = np.clip(r + z, 0, 15).astype(int)
wh = s * (q - z)
packed = [int(q[2 * k] + 16 * q[2 * k + 1]) for k in range(4)]
CLAIMS["15_int4_group_en.md"] = [
    ("= \\frac{0.59}{15} \\approx 0.039333", approx(s, "0.039333") and 2**4 - 1 == 15 and abs(0.38 + 0.21 - 0.59) < 1e-12),
    ("= \\operatorname{round}(5.339) = 5.", approx(0.21 / s, "5.339") and z == 5),
    ("\\frac{w}{s} \\approx (-5.339", vapprox(w / s, ["-5.339", "1.271", "9.661", "-1.780", "3.559", "7.627", "-3.051", "0.508"])),
    ("rounding gives $(-5, 1, 10, -2, 4, 8, -3, 1)$", list(r) == [-5, 1, 10, -2, 4, 8, -3, 1]),
    ("q = (0,\\ 6,\\ 15,\\ 3,\\ 9,\\ 13,\\ 2,\\ 6).", list(q) == [0, 6, 15, 3, 9, 13, 2, 6]),
    ("Both extremes land exactly", np.all((r + z >= 0) & (r + z <= 15)) and q.min() == 0 and q.max() == 15),
    ("\\hat w = s\\,(q - 5) \\approx (-0.19667", vapprox(wh, ["-0.19667", "0.03933", "0.39333", "-0.07867", "0.15733", "0.31467", "-0.11800", "0.03933"])),
    ("\\hat w - w \\approx (0.01333", vapprox(wh - w, ["0.01333", "-0.01067", "0.01333", "-0.00867", "0.01733", "0.01467", "0.00200", "0.01933"])),
    ("so $\\max_i |\\hat w_i - w_i| \\approx 0.01933", approx(np.abs(wh - w).max(), "0.01933") and approx(s / 2, "0.01967") and np.abs(wh - w).max() <= s / 2),
    ("[\\,s(0-5),\\ s(15-5)\\,] \\approx [-0.19667,\\ 0.39333]", approx(-5 * s, "-0.19667") and approx(10 * s, "0.39333")),
    ("= (96,\\ 63,\\ 217,\\ 98) = (\\texttt{0x60}", packed == [96, 63, 217, 98] == [0x60, 0x3F, 0xD9, 0x62]
     and packed == [0 + 16 * 6, 15 + 16 * 3, 9 + 16 * 13, 2 + 16 * 6]),
    ("i.e. $6.5$ bytes for 8 weights", 8 * 4 / 8 + 2 + 0.5 == 6.5 and 6.5 * 8 / 8 == 6.5),
    ("4 + \\frac{16 + 4}{128} = 4.15625", 4 + 20 / 128 == 4.15625),
]

# ---------------------------------------------------------------- 16 zero point (sv)
s = 6 / 255
CLAIMS["16_nollpunkt_sv.md"] = [
    ("s = \\frac{6 - 0}{255} \\approx 0{,}023529", approx(s, "0,023529")),
    ("Värdet $x = 2$ ger $x/s = 85$", approx(2 / s, "85") and rnd(2 / s) == 85),
    ("\\frac{4{,}7}{s} = 199{,}75", approx(4.7 / s, "199,75") and rnd(4.7 / s) == 200 and approx(200 * s, "4,70588")),
    ("med fel $\\approx 0{,}00588 \\le s/2", approx(200 * s - 4.7, "0,00588") and approx(s / 2, "0,01176") and 200 * s - 4.7 <= s / 2),
    ("z^\\ast = \\frac{0{,}5}{s} = \\frac{0{,}5 \\cdot 255}{6} = 21{,}25", approx(0.5 / s, "21,25") and 0.5 * 255 / 6 == 21.25 and abs(5.5 + 0.5 - 6) < 1e-12),
    ("\\big[\\,s(0 - 21),\\ s(255 - 21)\\,\\big] \\approx", approx(-21 * s, "-0,49412") and approx(234 * s, "5,50588")),
    ("Bredden är oförändrad, $255\\,s = 6$", abs(255 * s - 6) < 1e-12 and approx(0.25 * s, "0,00588") and (-21 * s) - (-0.5) > 0),
    ("\\hat 0 = s\\,(21 - 21{,}25) = -0{,}25\\,s", approx(s * (21 - 21.25), "-0,00588")),
    ("$|z - z^\\ast| \\cdot s \\le s/2$", abs(21 - 21.25) <= 0.5),
]


def line_of(lines, sub, fname):
    hits = [i + 1 for i, l in enumerate(lines) if sub in l]
    assert len(hits) == 1, f"{fname}: substring {sub!r} matched lines {hits}"
    return hits[0]


def main():
    expected = json.load(open(os.path.join(HERE, "expected.json"), encoding="utf-8"))
    mds = sorted(f for f in os.listdir(HERE) if f.endswith(".md"))
    assert sorted(expected) == mds == sorted(CLAIMS), "file sets differ"
    all_ok = True
    for fname in mds:
        lines = open(os.path.join(HERE, fname), encoding="utf-8").read().splitlines()
        results = [(line_of(lines, sub, fname), bool(ok)) for sub, ok in CLAIMS[fname]]
        failing = sorted(ln for ln, ok in results if not ok)
        first = failing[0] if failing else None
        status = "OK" if first == expected[fname] else "MISMATCH"
        all_ok &= status == "OK"
        print(f"{status:8s} {fname}: first failing line = {first}, expected = {expected[fname]}")
    assert all_ok, "some files disagree with expected.json"


if __name__ == "__main__":
    main()
