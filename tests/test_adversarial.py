"""The ``backprop`` command against an adversary, one row per attack (harness: adversary.py).

Each row runs in its own process, limited in wall-clock time and measured in peak resident
memory (``VmHWM``), and must be refused with one line on stderr and exit code 2 — or, for
a legitimate input an earlier version got wrong, must give the right answer — writing no
file but the one asked for. To add a surface, add rows: ``Case(name, argv, files, says)``.
"""

from __future__ import annotations

import gzip
import io
import lzma
import zipfile
from pathlib import Path

import numpy as np
import pytest

import adversary as A
from adversary import GB, MB, Case

pytest.importorskip("safetensors")


# -- files the rows lay out ---------------------------------------------------------------
def npz(**arrays) -> bytes:
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)
    return buf.getvalue()


def zeros_npz(shape, dtype="u1"):
    """A deflated .npz of zeros with labels 0, 1, 0, …: a few hundred KB on disk for hundreds
    of MB in memory, written in blocks so the test itself stays small."""
    def make(path: Path) -> None:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            with z.open("x.npy", "w", force_zip64=True) as f:
                header = io.BytesIO()
                np.lib.format.write_array_header_1_0(
                    header, {"descr": np.dtype(dtype).str, "fortran_order": False,
                             "shape": tuple(shape)})
                f.write(header.getvalue())
                left = int(np.prod(shape)) * np.dtype(dtype).itemsize
                block = bytes(MB)
                while left:
                    f.write(block[:min(left, MB)])
                    left -= min(left, MB)
            y = io.BytesIO()
            np.save(y, np.arange(shape[0]) % 2)
            z.writestr("y.npy", y.getvalue())
    return make


def npy_bytes(array: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.save(buf, array)
    return buf.getvalue()


def npy_claim(shape, descr="<f4") -> bytes:
    """A .npy header claiming ``shape``, with no data after it."""
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(header, {"descr": descr, "fortran_order": False,
                                                  "shape": tuple(shape)})
    return header.getvalue()


def _npz_members(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)


def npz_claim(shape) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("x.npy", npy_claim(shape))
        z.writestr("y.npy", npy_claim((3,), "<i8"))
    return buf.getvalue()


def idx_header(code: int, shape) -> bytes:
    return bytes([0, 0, code, len(shape)]) + np.array(shape, ">u4").tobytes()


def idx_dir(images, labels: bytes | None = None, n: int = 2) -> dict:
    small = idx_header(0x08, (2, 4, 4)) + bytes(32)
    lab = idx_header(0x08, (n,)) + bytes(n)
    return {"idx/train-images-idx3-ubyte": images,
            "idx/train-labels-idx1-ubyte": labels if labels is not None else lab,
            "idx/t10k-images-idx3-ubyte": small,
            "idx/t10k-labels-idx1-ubyte": idx_header(0x08, (2,)) + bytes(2)}


def gz_zeros(header: bytes, mib: int):
    def make(path: Path) -> None:
        one = gzip.compress(bytes(MB), compresslevel=9)
        with open(path, "wb") as f:
            f.write(gzip.compress(header))
            for _ in range(mib):
                f.write(one)
    return make


def xz_zeros(header: bytes, mib: int):
    def make(path: Path) -> None:
        with lzma.open(path, "wb", preset=0) as f:
            f.write(header)
            for _ in range(mib):
                f.write(bytes(MB))
    return make


def text(line: str, times: int, head: str = ""):
    def make(path: Path) -> None:
        with open(path, "w", encoding="utf-8") as f:
            f.write(head)
            block = line * 4096
            for _ in range(times // 4096):
                f.write(block)
            f.write(line * (times % 4096))
    return make


def model(path: Path) -> None:
    """A valid model file: flatten linear(4) relu linear(3) on 6 features."""
    import backprop as bp

    bp.manual_seed(0)
    bp.save(bp.build_model("flatten linear(4) relu linear(3)", (6,)), path)


def run_dir(path: Path) -> None:
    path.mkdir()
    model(path / "model.safetensors")


TINY = npz(x=np.random.default_rng(0).normal(size=(60, 6)).astype("f4"),
           y=np.arange(60) % 3)
X6 = npz(x=np.zeros((4, 6), "f4"))
CSV_OK = "".join(f"{i % 2},{i},{i * 0.5}\n" for i in range(20))
def kept_run(folder: str) -> tuple[str, ...]:
    """The files a run given no --out writes: its own new folder under runs/."""
    return ("runs", f"runs/{folder}", *(f"runs/{folder}/{name}" for name in (
        "checkpoint.safetensors", "metrics.jsonl", "model.safetensors")))


TRAIN = ("--arch", "flatten linear(4) relu linear(3)", "--epochs", "1", "--quiet")
TRAIN2 = ("--arch", "flatten linear(4) relu linear(2)", "--epochs", "1", "--quiet")


# -- the table -----------------------------------------------------------------------------
SPECIAL = [  # special files given where a file is read: refused before open() blocks
    Case("fifo as csv data", ("train", "--data", "{d}/data.csv"), {"data.csv": A.fifo},
         "not a regular file", kind="special file", seconds=20),
    Case("fifo as npz data", ("train", "--data", "{d}/data.npz"), {"data.npz": A.fifo},
         "not a regular file", kind="special file", seconds=20),
    Case("device as csv data", ("train", "--data", "{d}/data.csv"),
         {"data.csv": A.char_device}, "not a regular file", kind="special file", seconds=20,
         needs_root=True),
    Case("socket as npz data", ("train", "--data", "{d}/data.npz"),
         {"data.npz": A.unix_socket}, "not a regular file", kind="special file", seconds=20),
    Case("fifo as IDX images", ("train", "--data", "{d}/idx"),
         {**idx_dir(b""), "idx/train-images-idx3-ubyte": A.fifo}, "not a regular file",
         kind="special file", seconds=20),
    Case("fifo as predict input", ("predict", "{d}/m.safetensors", "{d}/x.npy"),
         {"m.safetensors": model, "x.npy": A.fifo}, "not a regular file",
         kind="special file", seconds=20),
    Case("fifo as predict idx input", ("predict", "{d}/m.safetensors", "{d}/x.idx"),
         {"m.safetensors": model, "x.idx": A.fifo}, "not a regular file",
         kind="special file", seconds=20),
    Case("fifo as model", ("predict", "{d}/m.safetensors", "{d}/x.npz"),
         {"m.safetensors": A.fifo, "x.npz": X6}, "not a regular file", kind="special file",
         seconds=20),
    Case("fifo as model in a run directory", ("summary", "{d}/run"),
         {"run/model.safetensors": A.fifo}, "not a regular file", kind="special file",
         seconds=20),
    Case("fifo as checkpoint to resume", ("train", "--resume", "{d}/ck.safetensors"),
         {"ck.safetensors": A.fifo}, "not a regular file", kind="special file", seconds=20),
    Case("fifo as metrics to plot", ("plot", "{d}/run"),
         {"run": run_dir, "run/metrics.jsonl": A.fifo}, "not a regular file",
         kind="special file", seconds=20),
    Case("device as model", ("export", "{d}/m.safetensors", "--onnx", "{d}/m.onnx"),
         {"m.safetensors": A.char_device}, "not a regular file", kind="special file",
         seconds=20, needs_root=True),
]

CLOBBER = [  # -o / --onnx / --out never replace what is not a regular file
    Case("--onnx onto a device", ("export", "{d}/m.safetensors", "--onnx", "{d}/null"),
         {"m.safetensors": model, "null": A.char_device}, "not a regular file",
         kind="clobber", needs_root=True),
    Case("--onnx onto a fifo", ("export", "{d}/m.safetensors", "--onnx", "{d}/pipe"),
         {"m.safetensors": model, "pipe": A.fifo}, "not a regular file", kind="clobber",
         seconds=30),
    Case("--onnx onto a socket", ("export", "{d}/m.safetensors", "--onnx", "{d}/sock"),
         {"m.safetensors": model, "sock": A.unix_socket}, "not a regular file",
         kind="clobber"),
    Case("--onnx onto a directory", ("export", "{d}/m.safetensors", "--onnx", "{d}/dir"),
         {"m.safetensors": model, "dir": A.directory}, "is a directory", kind="clobber"),
    Case("--onnx into a missing folder", ("export", "{d}/m.safetensors", "--onnx",
                                          "{d}/no/such/m.onnx"),
         {"m.safetensors": model}, "no such directory", kind="clobber"),
    Case("--onnx through a symlink writes its target",
         ("export", "{d}/m.safetensors", "--onnx", "{d}/link.onnx"),
         {"m.safetensors": model, "link.onnx": A.symlink("real.onnx"), "real.onnx": b"old"},
         code=0, writes=("real.onnx",), kind="clobber", stdout_has="wrote"),
    Case("--onnx through a symlink to a device",
         ("export", "{d}/m.safetensors", "--onnx", "{d}/link.onnx"),
         {"m.safetensors": model, "null": A.char_device, "link.onnx": A.symlink("null")},
         "not a regular file", kind="clobber", needs_root=True),
    Case("--onnx through a dangling symlink into a missing folder",
         ("export", "{d}/m.safetensors", "--onnx", "{d}/link.onnx"),
         {"m.safetensors": model, "link.onnx": A.symlink("gone/m.onnx")},
         "no such directory", kind="clobber"),
    Case("trace -o onto a device", ("trace", "-o", "{d}/null"), {"null": A.char_device},
         "not a regular file", kind="clobber", needs_root=True),
    Case("trace -o onto a fifo", ("trace", "-o", "{d}/pipe"), {"pipe": A.fifo},
         "not a regular file", kind="clobber", seconds=30),
    Case("trace -o into a missing folder", ("trace", "-o", "{d}/no/t.txt"), {},
         "no such directory", kind="clobber"),
    Case("trace -o onto a directory", ("trace", "-o", "{d}"), {}, "is a directory",
         kind="clobber"),
    Case("-o through a missing folder and ..", ("trace", "-o", "{d}/gone/../t.txt"), {},
         "no such directory", kind="clobber"),
    Case("graph -o onto a device", ("graph", "-o", "{d}/null"), {"null": A.char_device},
         "not a regular file", kind="clobber", needs_root=True),
    Case("graph -o into a missing folder", ("graph", "-o", "{d}/no/g.dot"), {},
         "no such directory", kind="clobber"),
    Case("trace -o through a symlink writes its target", ("trace", "-o", "{d}/link.txt"),
         {"link.txt": A.symlink("real.txt")}, code=0, writes=("real.txt",), kind="clobber",
         stdout_has="wrote"),
    Case("train --out onto a file", ("train", "--data", "{d}/t.npz", *TRAIN, "--out",
                                     "{d}/t.npz"),
         {"t.npz": TINY}, "not a directory", kind="clobber"),
    Case("train --out under a missing folder", ("train", "--data", "{d}/t.npz", *TRAIN,
                                                "--out", "{d}/no/such/run"),
         {"t.npz": TINY}, "no such directory", kind="clobber"),
    Case("train --out whose checkpoint is a fifo", ("train", "--data", "{d}/t.npz", *TRAIN,
                                                    "--out", "{d}/run"),
         {"t.npz": TINY, "run/checkpoint.safetensors": A.fifo}, "not a regular file",
         kind="clobber", seconds=30),
    Case("train --out whose model is a directory", ("train", "--data", "{d}/t.npz", *TRAIN,
                                                    "--out", "{d}/run"),
         {"t.npz": TINY, "run/model.safetensors": A.directory}, "is a directory",
         kind="clobber"),
]

# The interpreter, NumPy and the library: what a command costs before it reads anything
# (about 40 MB). Loading data may then peak at twice its final arrays (float32 inputs and
# int64 labels) above this.
BASE = 64 * MB

MEMORY = [  # small files that claim or unpack to much: bounded before memory is touched
    Case("npz of zeros, 500000 x 784 bytes (372 KB)", ("train", "--data", "{d}/z.npz", *TRAIN),
         {"z.npz": zeros_npz((500_000, 784))}, "more than", kind="memory"),
    Case("npz of zeros within the budget is read in chunks",
         ("evaluate", "{d}/m.safetensors", "--data", "{d}/z.npz"),
         {"m.safetensors": model, "z.npz": zeros_npz((2_000_000, 6), "f8")}, code=0,
         stdout_has="accuracy", kind="memory", memory=BASE + 2 * 2_000_000 * (6 * 4 + 8)),
    Case("IDX gz bomb: 2 GiB of zeros behind a header of 160 bytes",
         ("train", "--data", "{d}/idx", *TRAIN),
         idx_dir(gz_zeros(idx_header(0x08, (10, 4, 4)), 2048), n=10), "holds more", kind="memory"),
    Case("IDX header of 2**30 bytes (4 GiB as float32)", ("train", "--data", "{d}/idx", *TRAIN),
         idx_dir(gz_zeros(idx_header(0x08, (2**30 // 784, 28, 28)), 1)), "more than",
         kind="memory"),
    Case("IDX labels: a gzip of 1 GiB of labels for 2 images",
         ("train", "--data", "{d}/idx", *TRAIN),
         idx_dir(idx_header(0x08, (2, 4, 4)) + bytes(32),
                 gz_zeros(idx_header(0x08, (2**30,)), 1024)), "labels for 2 images",
         kind="memory", memory=200 * MB),
    Case("npz labels: 1 GiB of labels for 2 inputs", ("train", "--data", "{d}/y.npz", *TRAIN),
         {"y.npz": lambda p: _npz_members(p, {"x.npy": npy_bytes(np.zeros((2, 6), "f4")),
                                              "y.npy": npy_claim((2**27,), "<i8")})},
         "2 inputs but 134217728 labels", kind="memory", memory=200 * MB),
    Case("IDX xz bomb", ("train", "--data", "{d}/idx", *TRAIN),
         idx_dir(xz_zeros(idx_header(0x08, (10, 4, 4)), 64), n=10), "holds more",
         kind="memory"),
    Case("npz header claims 10**12 floats", ("train", "--data", "{d}/c.npz", *TRAIN),
         {"c.npz": npz_claim((10**12,))}, "more than", kind="memory"),
    Case("csv of one line of 50 million columns", ("train", "--data", "{d}/w.csv", *TRAIN),
         {"w.csv": text("0,", 10_000_000, "")}, "columns", kind="memory"),
    Case("csv larger than the budget (sparse)", ("train", "--data", "{d}/big.csv", *TRAIN),
         {"big.csv": A.sparse(3 * GB, b"0,1\n")}, "too large", kind="memory"),
    Case("csv of 24 MiB is read in chunks", ("evaluate", "{d}/m.safetensors", "--data",
                                             "{d}/big.csv"),
         {"m.safetensors": model, "big.csv": text("0,0,0,0,0,0,0\n", 24 * MB // 14)}, code=0,
         stdout_has="accuracy", kind="memory", memory=BASE + 2 * (24 * MB // 14) * (6 * 4 + 8)),
    Case("predict input npy claims 10**12 floats", ("predict", "{d}/m.safetensors",
                                                    "{d}/x.npy"),
         {"m.safetensors": model, "x.npy": npy_claim((10**12,))}, "more than", kind="memory"),
    Case("predict input: IDX of 1 GiB of bytes (4 GiB as float32), 1 MB gzipped",
         ("predict", "{d}/m.safetensors", "{d}/x.gz"),
         {"m.safetensors": model, "x.gz": gz_zeros(idx_header(0x08, (2**30 // 6, 6)), 1)},
         "more than", kind="memory"),
    Case("predict input: uint8 npz is converted as it streams",
         ("predict", "{d}/m.safetensors", "{d}/x.npz", "--limit", "1"),
         {"m.safetensors": model, "x.npz": zeros_npz((4_000_000, 6))}, code=0,
         stdout_has="0\t", kind="memory", memory=BASE + 2 * 4_000_000 * 6 * 4),
    Case("huge --batch-size on tiny data", ("train", "--data", "{d}/t.npz", "--arch",
                                            "flatten linear(4) relu linear(3)", "--epochs",
                                            "1", "--batch-size", "1000000000000"),
         {"t.npz": TINY}, code=0, stdout_has="test accuracy", kind="memory",
         writes=kept_run("net-t")),
]

SILENT = [  # inputs an earlier version read wrongly without a word
    Case("headerless csv with a byte-order mark keeps its first row",
         ("train", "--data", "{d}/bom.csv", *TRAIN2[:-1]),
         {"bom.csv": "\ufeff" + CSV_OK}, code=0, stdout_has="16 train, 4 test",
         kind="silent", writes=kept_run("net-bom")),
    Case("csv header with a byte-order mark is a header",
         ("train", "--data", "{d}/bom.csv", *TRAIN2[:-1]),
         {"bom.csv": "\ufefflabel,a,b\n" + CSV_OK}, code=0, stdout_has="16 train, 4 test",
         kind="silent", writes=kept_run("net-bom")),
    Case("csv first line mixing names and numbers", ("train", "--data", "{d}/m.csv", *TRAIN),
         {"m.csv": "label,1,2\n" + CSV_OK}, "header", kind="silent"),
    Case("csv with a header in the middle", ("train", "--data", "{d}/m.csv", *TRAIN),
         {"m.csv": CSV_OK + "label,a,b\n" + CSV_OK}, "line 21", kind="silent"),
    Case("csv with a ragged row", ("train", "--data", "{d}/r.csv", *TRAIN),
         {"r.csv": CSV_OK + "1,2\n"}, "line 21", kind="silent"),
    Case("csv value too large for float32", ("train", "--data", "{d}/o.csv", *TRAIN),
         {"o.csv": CSV_OK + "1,1e39,0\n"}, "float32", kind="silent"),
    Case("csv with nan", ("train", "--data", "{d}/n.csv", *TRAIN),
         {"n.csv": CSV_OK + "1,nan,0\n"}, "NaN", kind="silent"),
    Case("csv label 2.5", ("train", "--data", "{d}/l.csv", *TRAIN),
         {"l.csv": CSV_OK + "2.5,1,0\n"}, "line 21", kind="silent"),
    Case("npz inputs with inf", ("train", "--data", "{d}/i.npz", *TRAIN),
         {"i.npz": npz(x=np.r_[np.zeros((9, 6)), [[0, 0, np.inf, 0, 0, 0]]].astype("f4"),
                       y=np.arange(10) % 3)}, "NaN or inf", kind="silent"),
    Case("npz float64 inputs beyond float32", ("train", "--data", "{d}/i.npz", *TRAIN),
         {"i.npz": npz(x=np.r_[np.zeros((9, 6)), [[0, 0, 1e300, 0, 0, 0]]],
                       y=np.arange(10) % 3)}, "float32", kind="silent"),
    Case("predict input beyond float32", ("predict", "{d}/m.safetensors", "{d}/x.npy"),
         {"m.safetensors": model, "x.npy": npy_bytes(np.full((2, 6), 1e300))}, "float32",
         kind="silent"),
    Case("fifo as evaluate data", ("evaluate", "{d}/m.safetensors", "--data", "{d}/d.csv"),
         {"m.safetensors": model, "d.csv": A.fifo}, "not a regular file", kind="special file",
         seconds=20),
    Case("npz negative label", ("train", "--data", "{d}/i.npz", *TRAIN),
         {"i.npz": npz(x=np.zeros((10, 6), "f4"), y=np.r_[np.zeros(9, int), -1])},
         "negative", kind="silent"),
    Case("csv holding /etc/passwd-like text", ("train", "--data", "{d}/p.csv", *TRAIN),
         {"p.csv": "root:x:0:0:root:/root:/bin/bash\n" * 3}, "feature column",
         kind="silent"),
]

BAD = [  # absurd arguments and tampered files
    Case("--epochs 10**12", ("train", "--data", "{d}/t.npz", "--arch",
                             "flatten linear(4) relu linear(3)", "--epochs", "1000000000000"),
         {"t.npz": TINY}, "--epochs", kind="time"),
    Case("path with .. to a missing file", ("train", "--data", "{d}/../no-such-dir/x.csv"),
         {}, "no such file", kind="bad input"),
    Case("model with a tampered input_shape", ("predict", "{d}/m.safetensors", "{d}/x.npz"),
         {"m.safetensors": lambda p: (model(p), _tamper(p)), "x.npz": X6}, "corrupted",
         kind="bad input"),
]


def _tamper(path: Path) -> None:
    raw = path.read_bytes().replace(b"[6]", b"[7]", 1)
    path.write_bytes(raw)


DEEP = " ".join(["conv(8,3,padding=1) relu"] * 40) + " flatten linear(2)"
TRACE = [  # backprop trace: sizes however written, one-hot targets, work and output bounded
    Case("trace of 50000 classes builds no identity matrix", ("trace", "flatten linear(50000)",
                                                               "--target", "49999"),
         code=0, stdout_has="loss E", kind="memory", memory=500 * MB),
    Case("trace linear(200000) traces", ("trace", "linear(200000)"), code=0,
         stdout_has="loss E", kind="memory", memory=1 * GB),
    Case("trace size by keyword", ("trace", "linear(out_features=3000000)"), {}, "too big",
         kind="memory"),
    Case("trace size as a tuple", ("trace", "adaptiveavgpool((2000,2000)) flatten linear(2)",
                                   "--shape", "1x4x4"), {}, "too big", kind="memory"),
    Case("trace size as a tuple beyond any layer", ("trace", "adaptiveavgpool((20000,20000)) "
                                                    "flatten linear(2)", "--shape", "1x4x4"),
         {}, "values per sample", kind="memory"),
    Case("trace a million filters by keyword",
         ("trace", "conv(filters=1000000,kernel=(9,9)) flatten linear(2)", "--shape", "3x32x32"), {}, "too big", kind="memory"),
    Case("trace a pooling kernel as big as the map",
         ("trace", "maxpool(kernel=(30,30),stride=1) flatten linear(2)",
          "--shape", "1x1000x1000"), {}, "limit for one array", kind="time"),
    Case("trace many layers keeping their outputs", ("trace", " ".join(["relu"] * 50)
                                                     + " flatten linear(2)", "--shape",
                                                     "1x300x300"), {}, "too big", kind="memory"),
    Case("trace a deep network within the limits", ("trace", DEEP, "--shape", "8x32x32"),
         code=0, stdout_has="by central differences", kind="time"),
    Case("trace a JSON of 4 million values", ("trace", "relu relu relu flatten linear(1)",
                                              "--shape", "1x999x999", "--loss", "mse",
                                              "--target", "0.5", "--format", "json", "-o",
                                              "{d}/t.json"),
         code=0, writes=("t.json",), stdout_has="wrote", kind="memory"),
    Case("trace --input of 60000 numbers", ("trace", "--input", "1 " * 60_000), code=0,
         stdout_has="loss E", kind="memory"),
    Case("trace --input nested 50000 deep", ("trace", "--input", "[" * 50_000 + "]" * 50_000), {}, "input: expected", kind="bad input"),
    Case("trace --shape of 10**12 entries", ("trace", "--shape", "1000000x1000000"), {}, "too many entries", kind="memory"),
    Case("trace spec of 5000 characters", ("trace", "relu " * 1000), {}, "too long",
         kind="bad input"),
    Case("trace --step 10**9", ("trace", "--step", "1000000000"), {}, "at most", kind="time"),
    Case("trace --step too much work", ("trace", "--step", "10000",
                                        "linear(64) tanh linear(64) tanh linear(2)",
                                        "--points", "5000"), {}, "too much work", kind="time"),
    Case("trace --step batch of 10**9", ("trace", "--step", "1", "--batch-size", "1000000000"), {}, "batch_size", kind="bad input"),
    Case("trace --step 10000 of the default network", ("trace", "--step", "10000"), code=0,
         stdout_has="update 10000", kind="time"),
]

# backprop check FILE.md: sizes the text names, time, special files, numbers in the front matter
_SUMS = "".join(f"\\sum_{{{c}=1}}^{{64}} " for c in "abcde")
_DEFINITIONS = "".join(f"$$d_{{{k}}} = \\sum_{{i=1}}^{{64}}\\sum_{{j=1}}^{{64}} x_i x_j$$\n"
                       for k in range(150))
CHECK = [
    Case("check of a sum to 10^12 builds no list", ("check", "{d}/a.md"),
         {"a.md": b"$$\\sum_{k=1}^{10^{12}} k = 1$$\n"}, code=0, stdout_has="at most",
         kind="memory", memory=300 * MB),
    Case("check of five nested sums over 64 values", ("check", "{d}/a.md"),
         {"a.md": ("---\nx: vector 64\n---\n$$" + _SUMS + "x_a x_b x_c x_d x_e = 1$$\n"
                   ).encode()}, code=0, stdout_has="unreadable", kind="memory",
         memory=300 * MB, seconds=60),
    Case("check of 150 definitions with large sums ends in time", ("check", "{d}/a.md"),
         {"a.md": ("---\nx: vector 64\n---\n" + _DEFINITIONS + "$$d_1 = d_2$$\n").encode()},
         code=0, stdout_has="steps", kind="time", seconds=90),
    Case("check of a condition of 4 KB of spaces", ("check", "{d}/a.md"),
         {"a.md": ("$$x = 1 \\quad (" + " " * 4096 + "x$$\n").encode()}, code=0,
         stdout_has="steps", kind="time", seconds=30),
    Case("check of a FIFO", ("check", "{d}/pipe.md"), {"pipe.md": A.fifo},
         "not a regular file", kind="special file", seconds=20),
    Case("check of a directory", ("check", "{d}/dir"), {"dir/x": b""}, "directory",
         kind="special file"),
    Case("check of a 400-digit constant", ("check", "{d}/a.md"),
         {"a.md": ("---\nn: " + "9" * 400 + "\n---\n$$n = n$$\n").encode()}, "too large"),
    Case("check of a 5000-digit size", ("check", "{d}/a.md"),
         {"a.md": ("---\nx: vector " + "9" * 5000 + "\n---\n$$x = x$$\n").encode()},
         "out of range"),
    Case("check of a notebook that is not JSON", ("check", "{d}/a.ipynb"),
         {"a.ipynb": b"{not json"}, "not a Jupyter notebook"),
    Case("check of a notebook of 21 MB", ("check", "{d}/a.ipynb"),
         {"a.ipynb": b" " * (21 * MB)}, "larger than 20 MB", kind="memory"),
    Case("check of deep nesting", ("check", "{d}/a.md"),
         {"a.md": ("$$" + "(" * 5000 + "x" + ")" * 5000 + " = x$$\n").encode()}, code=0,
         stdout_has="unreadable", kind="time"),
]

_E = "outer(outer(outer(outer(x,x),outer(x,x)),outer(outer(x,x),outer(x,x))),x)"
_GRAPH = "sum(" + "tanh(" * 24 + _E + ")" * 24 + ")"  # 222 characters, 2.6·10⁵ values a node
_KERNEL = 2**40
ROUND4 = [  # sizes, time and tracebacks of the fourth adversarial set
    Case("trace: a conv kernel of 2**40", ("trace", f"conv(2,{_KERNEL})", "--shape", "1x8x8"),
         says="too big", kind="memory"),
    Case("graph: a conv kernel of 2**40", ("graph", f"conv(2,{_KERNEL})", "--shape", "1x6x6"),
         says="too big", kind="memory"),
    Case("summary: a conv kernel of 2**40", ("summary", f"conv(2,{_KERNEL}) flatten linear(2)"),
         says="too big", kind="memory"),
    Case("summary: linear(2**15) after 2**15 inputs", ("summary", "linear(32768)", "--shape",
                                                       "32768"), says="too big", kind="memory"),
    Case("graph: a 222-character expression of large values, as JSON",
         ("graph", "--f", _GRAPH, "--format", "json", "-o", "{d}/g.json"), says="hold more than",
         kind="memory", memory=400 * MB),
    Case("train --workers 1000", ("train", "--data", "{d}/t.npz", *TRAIN, "--workers", "1000"),
         {"t.npz": TINY}, says="at most", kind="time"),
    Case("train --hostfile that is a FIFO", ("train", "--data", "{d}/t.npz", *TRAIN,
                                             "--workers", "2", "--hostfile", "{d}/h"),
         {"t.npz": TINY, "h": A.fifo}, says="not a regular file", kind="bad input"),
    Case("train --hostfile of 2 GiB", ("train", "--data", "{d}/t.npz", *TRAIN, "--workers", "2",
                                       "--hostfile", "{d}/h"),
         {"t.npz": TINY, "h": A.sparse(2 * GB, b"node1:2\n")}, says="larger than",
         kind="memory"),
    Case("train --hostfile of garbage", ("train", "--data", "{d}/t.npz", *TRAIN, "--workers",
                                         "2", "--hostfile", "{d}/h"),
         {"t.npz": TINY, "h": "node1 : : 3 ;rm -rf /\n"}, says="line 1", kind="bad input"),
    Case("train --hostfile without --workers", ("train", "--data", "{d}/t.npz", *TRAIN,
                                                "--hostfile", "{d}/h"),
         {"t.npz": TINY, "h": "node1:2\n"}, says="goes with --workers", kind="bad input"),
    Case("script: OneCycleLR(div_factor=0)", (), python=(
        "import backprop as bp\nfrom backprop.optim import SGD, lr_scheduler as L\n"
        "L.OneCycleLR(SGD([bp.zeros(2, requires_grad=True)], lr=0.1, momentum=0.9), 0.1, "
        "total_steps=10, div_factor=0)"), says="div_factor", kind="traceback"),
    Case("script: nn.Conv2d with a kernel of 2**40", (), python=(
        f"import backprop as bp\nbp.nn.Conv2d(1, 1, {_KERNEL})"), says="limit for one array",
         kind="traceback"),
    Case("script: a hand-built Sequential traced and graphed", (), python=(
        "import backprop as bp\nfrom backprop import nn\n"
        "from backprop.computation_graph import network_graph\n"
        "m = nn.Sequential(nn.Flatten(), nn.Linear(4, 3), nn.Tanh(), nn.Linear(3, 2))\n"
        "print(bp.trace.trace(model=m).spec, network_graph(model=m))"), code=0,
         stdout_has="flatten linear(3) tanh linear(2)", kind="traceback"),
    Case("script: a hand-built Sequential of a layer of one's own, traced", (), python=(
        "from backprop import nn\nfrom backprop.trace import trace\n"
        "class Mine(nn.Module):\n    def forward(self, x): return x\n"
        "trace(model=nn.Sequential(nn.Linear(4, 3), Mine()))"), says="not a library layer",
         kind="traceback"),
]

CASES = SPECIAL + CLOBBER + MEMORY + SILENT + BAD + TRACE + CHECK + ROUND4


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_adversary_is_refused_or_answered_right(case, tmp_path):
    why = A.applicable(case)
    if why:
        pytest.skip(why)
    got = A.run(case, tmp_path)
    assert not A.verdict(case, got), "\n".join(A.verdict(case, got))


def test_the_table_is_large_and_named_once():
    assert len(CASES) >= 40
    assert len({c.name for c in CASES}) == len(CASES)


def test_the_harness_catches_what_it_should(tmp_path):
    """The harness itself can fail a case: a traceback, a second line, a file written,
    memory and time over their limits are each caught."""
    bomb = Case("allocates", ("train", "--data", "{d}/t.npz", *TRAIN), {"t.npz": TINY},
                memory=10 * MB, code=0)
    got = A.run(bomb, tmp_path / "a")
    assert any("peak memory" in w for w in A.verdict(bomb, got))
    slow = Case("slow", ("train", "--data", "{d}/t.npz", *TRAIN), {"t.npz": TINY},
                seconds=0.01, code=0)
    got = A.run(slow, tmp_path / "b")
    assert got.killed == "time" and A.verdict(slow, got)
    writes = Case("writes", ("trace", "-o", "{d}/t.txt"), code=0)
    got = A.run(writes, tmp_path / "c")
    assert any("not asked for" in w for w in A.verdict(writes, got))
    fine = Case("refused", ("train", "--epochs", "0"), says="positive integer")
    got = A.run(fine, tmp_path / "e")
    assert not A.verdict(fine, got)
    assert 10 * MB < got.peak < 500 * MB


# -- the readers on random bytes -----------------------------------------------------------
hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from backprop.errors import BackpropError  # noqa: E402

PREFIXES = [b"", b"\xef\xbb\xbf", b"PK\x03\x04", b"\x93NUMPY\x01\x00", b"\x1f\x8b",
            b"\xfd7zXZ\x00", bytes([0, 0, 8, 3]), b"label,a,b\n", b"0,1,2\n"]


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(PREFIXES), st.binary(max_size=600))
def test_readers_answer_random_bytes_with_a_backprop_error(tmp_path, prefix, body):
    """Every file reader, on bytes of any kind (behind the first bytes of each format): an
    answer, or one BackpropError of one line — never another exception."""
    from backprop.data import load_csv, load_npy, load_npz, read_idx
    from backprop.data.datasets import load_csv_dataset, load_npz_dataset

    path = tmp_path / "random"
    path.write_bytes(prefix + body)
    for read in (load_csv, load_csv_dataset, load_npz, load_npz_dataset, load_npy, read_idx):
        try:
            read(path)
        except BackpropError as e:
            assert "\n" not in str(e), (read.__name__, str(e))
