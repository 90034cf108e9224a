"""Hostile files for the tests: each is small on disk and claims or unpacks to something huge.

Helpers only (no tests here); test_hostile_*.py import them.
"""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from pathlib import Path

import numpy as np


def idx_bytes(array: np.ndarray, code: int) -> bytes:
    header = bytes([0, 0, code, array.ndim]) + np.array(array.shape, ">u4").tobytes()
    return header + array.astype(array.dtype.newbyteorder(">")).tobytes()


def idx_header(code: int, shape: tuple[int, ...]) -> bytes:
    return bytes([0, 0, code, len(shape)]) + np.array(shape, ">u4").tobytes()


def gzip_bomb(path: Path, header: bytes, gigabytes: float) -> Path:
    """``header`` followed by ``gigabytes`` of zeros, gzip-compressed to a few megabytes: one
    member per MiB of zeros, repeated (gzip readers join concatenated members)."""
    zeros = gzip.compress(bytes(2**20), compresslevel=9)
    with open(path, "wb") as f:
        f.write(gzip.compress(header))
        for _ in range(int(gigabytes * 1024)):
            f.write(zeros)
    return path


def idx_dir(path: Path, labels: np.ndarray, label_code: int = 0x0C) -> Path:
    """An MNIST-style directory of four IDX files with the given training labels."""
    path.mkdir(parents=True, exist_ok=True)
    n = len(labels)
    images = np.zeros((n, 4, 4), np.uint8)
    (path / "train-images-idx3-ubyte").write_bytes(idx_bytes(images, 0x08))
    (path / "train-labels-idx1-ubyte").write_bytes(idx_bytes(labels, label_code))
    (path / "t10k-images-idx3-ubyte").write_bytes(idx_bytes(images[:2], 0x08))
    (path / "t10k-labels-idx1-ubyte").write_bytes(idx_bytes(np.zeros(2, labels.dtype),
                                                           label_code))
    return path


def npy_header(shape: tuple, descr: str = "<f4", body: bytes = b"") -> bytes:
    """A .npy stream whose header claims ``shape`` (the data is ``body``, whatever it is)."""
    text = repr({"descr": descr, "fortran_order": False, "shape": shape})
    text += " " * (63 - (len(text) + 10) % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + len(text).to_bytes(2, "little") + text.encode("latin1") + body


def npz_of(path: Path, members: dict[str, bytes], method: int = zipfile.ZIP_STORED) -> Path:
    with zipfile.ZipFile(path, "w", method) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def npy_bytes(array: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.save(buf, array, allow_pickle=False)
    return buf.getvalue()


def bad_crc(path: Path) -> Path:
    """A valid .npz whose first member has one flipped data byte (stored, so the CRC is all
    that can catch it)."""
    npz_of(path, {"x.npy": npy_bytes(np.zeros((10, 4), np.float32)),
                  "y.npy": npy_bytes(np.zeros(10, np.int64))})
    raw = bytearray(path.read_bytes())
    raw[raw.index(b"\x93NUMPY") + 200] ^= 0xFF
    path.write_bytes(bytes(raw))
    return path


def deep_json(depth: int) -> str:
    return "[" * depth + "]" * depth


def signed_model(path: Path, tensors: dict[str, np.ndarray], meta: dict[str, str]) -> Path:
    """A safetensors file with a valid checksum over whatever it holds, as an attacker who
    read the format would write it."""
    import safetensors.numpy as stn

    from backprop.io.model_file import digest

    meta = {k: v for k, v in meta.items() if k != "sha256"}
    path.write_bytes(stn.save(tensors, metadata={**meta, "sha256": digest(tensors, meta)}))
    return path


def model_meta(spec: str, input_shape: list, classes: list | None = None) -> dict[str, str]:
    from backprop.io.model_file import FORMAT

    return {"format": FORMAT, "version": "0", "spec": spec,
            "input_shape": json.dumps(input_shape),
            "classes": json.dumps(classes if classes is not None else ["a", "b", "c"]),
            "config": "{}"}


def tiny_mlp_tensors() -> dict[str, np.ndarray]:
    """The tensors of ``flatten linear(4) relu linear(3)`` on inputs of 6 features."""
    return {"1.weight": np.zeros((4, 6), np.float32), "1.bias": np.zeros(4, np.float32),
            "3.weight": np.zeros((3, 4), np.float32), "3.bias": np.zeros(3, np.float32)}
