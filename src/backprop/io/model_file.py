"""Saved models: safetensors files (never pickle) that carry their own architecture.

The weights are the model's ``state_dict`` (torch.nn names and layouts). The header
metadata — all strings, as safetensors requires — holds ``format``, the library
``version``, the ``spec`` string, the ``input_shape`` and ``classes`` as JSON, and the
training ``config`` as JSON, so that :func:`load` can rebuild the model with nothing else.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import CheckpointError
from .atomic import write_atomic

FORMAT = "backprop-model/1"


def _safetensors():
    try:
        import safetensors.numpy as stn
    except ImportError:
        raise CheckpointError("saving and loading models needs the safetensors package: "
                              "pip install 'backprop[cli]' (or pip install safetensors)") from None
    return stn


def model_metadata(model, classes=None, config: dict | None = None,
                   extra: dict[str, str] | None = None) -> dict[str, str]:
    from .. import __version__

    spec = getattr(model, "spec", None)
    if spec is None:
        raise CheckpointError("save: the model has no spec string; build it with "
                              "bp.build_model so that its architecture can be saved")
    meta = {"format": FORMAT, "version": __version__, "spec": spec,
            "input_shape": json.dumps(list(model.input_shape)),
            "classes": json.dumps(list(classes) if classes is not None else
                                  [str(i) for i in range(model.output_shape[0])]),
            "config": json.dumps(config or {})}
    meta.update(extra or {})
    return meta


def save(model, path: str | os.PathLike, classes=None, config: dict | None = None,
         tensors: dict[str, np.ndarray] | None = None, extra: dict[str, str] | None = None) -> Path:
    """Write the model (and optional extra ``tensors`` and ``extra`` metadata) atomically."""
    stn = _safetensors()
    state = {k: np.ascontiguousarray(v) for k, v in model.state_dict().items()}
    if tensors:
        clash = set(state) & set(tensors)
        if clash:
            raise CheckpointError(f"save: extra tensors clash with parameter names {sorted(clash)}")
        state.update({k: np.ascontiguousarray(v) for k, v in tensors.items()})
    data = stn.save(state, metadata=model_metadata(model, classes, config, extra))
    write_atomic(path, data)
    return Path(path)


def read(path: str | os.PathLike) -> tuple[dict[str, np.ndarray], dict[str, str]]:
    """Tensors and metadata of a safetensors file, with every failure named."""
    stn = _safetensors()
    p = Path(path)
    if p.is_dir():
        candidate = p / "model.safetensors"
        if not candidate.is_file():
            raise CheckpointError(f"{p}: is a directory without a model.safetensors file")
        p = candidate
    if not p.exists():
        raise CheckpointError(f"{p}: no such file")
    raw = p.read_bytes()
    if len(raw) < 8:
        raise CheckpointError(f"{p}: not a safetensors file (only {len(raw)} bytes)")
    n = int.from_bytes(raw[:8], "little")
    if n > len(raw) - 8 or n < 2:
        raise CheckpointError(f"{p}: not a safetensors file (header length {n} does not fit a "
                              f"{len(raw)}-byte file; truncated or another format)")
    try:
        header = json.loads(raw[8:8 + n].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise CheckpointError(f"{p}: corrupt safetensors header ({e.__class__.__name__})") from None
    if not isinstance(header, dict):
        raise CheckpointError(f"{p}: corrupt safetensors header (not a JSON object)")
    meta = header.get("__metadata__") or {}
    try:
        tensors = stn.load(raw)
    except Exception as e:  # the library raises its own SafetensorError on any bad layout
        raise CheckpointError(f"{p}: corrupt safetensors data ({e})") from None
    return tensors, meta


def load(path: str | os.PathLike):
    """Rebuild a saved model: ``(model, metadata)`` with ``metadata`` decoded from JSON."""
    from ..models import build_model

    tensors, meta = read(path)
    if meta.get("format") != FORMAT:
        raise CheckpointError(f"{path}: not a backprop model (format {meta.get('format')!r}, "
                              f"expected {FORMAT!r})")
    try:
        input_shape = tuple(json.loads(meta["input_shape"]))
        classes = json.loads(meta["classes"])
        config = json.loads(meta.get("config", "{}"))
        spec = meta["spec"]
    except (KeyError, json.JSONDecodeError, TypeError) as e:
        raise CheckpointError(f"{path}: metadata is incomplete or corrupt ({e})") from None
    model = build_model(spec, input_shape)
    own = model.state_dict()
    weights = {k: v for k, v in tensors.items() if k in own}
    for k, v in weights.items():
        if v.shape != own[k].shape:
            raise CheckpointError(f"{path}: tensor {k} has shape {v.shape} but the architecture "
                                  f"'{spec}' needs {own[k].shape}")
        if v.dtype != own[k].dtype and not np.issubdtype(v.dtype, np.floating):
            raise CheckpointError(f"{path}: tensor {k} has dtype {v.dtype}, expected floating point")
    missing = sorted(set(own) - set(weights))
    if missing:
        raise CheckpointError(f"{path}: missing tensors {missing} for the architecture '{spec}'")
    model.load_state_dict(weights)
    return model, {"spec": spec, "input_shape": input_shape, "classes": classes,
                   "config": config, "version": meta.get("version"), "raw": meta,
                   "tensors": {k: v for k, v in tensors.items() if k not in own}}
