"""Saved models: safetensors files (never pickle) that carry their own architecture.

The weights are the model's ``state_dict`` (torch.nn names and layouts). The header
metadata — all strings, as safetensors requires — holds ``format``, the library
``version``, the ``spec`` string, the ``input_shape`` and ``classes`` as JSON, and the
training ``config`` as JSON, so that :func:`load` can rebuild the model with nothing else.

``sha256`` covers every tensor (name, dtype, shape, bytes) and every other metadata entry:
a file without it, or whose content does not match it, is refused. Before anything is
built, the metadata is checked (types, sizes) and the architecture may create no more
parameter values than the file holds, so a lying header costs no memory.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from ..errors import BackpropError, CheckpointError
from .atomic import write_atomic
from .regular import open_regular

FORMAT = "backprop-model/2"  # /1 had a checksum over the tensors only
MAX_CLASS_NAME = 200
# A model or checkpoint file read whole, then its tensors copied out: its peak is about twice
# this. 512 MiB holds 134 million float32 parameters (LeNet-5 has 61 thousand).
MAX_FILE_BYTES = 512 * 2**20
BUDGET_SLACK = 2**20  # parameter values an architecture may create beyond what the file holds
# The tensors a checkpoint (:mod:`.checkpoint`) adds beside the parameters, by name prefix
# (never parameter names: those start with a module index such as "0."): the optimiser's
# per-parameter arrays and early stopping's best weights.
OPTIMIZER_PREFIX = "optimizer.state."
BEST_PREFIX = "trainer.best."
RESERVED = (OPTIMIZER_PREFIX, BEST_PREFIX)


def _safetensors():
    try:
        import safetensors.numpy as stn
    except ImportError:
        from ..extras import install_command
        raise CheckpointError(f"saving and loading models needs the safetensors package: "
                              f"{install_command('cli')} (or pip install safetensors)") from None
    return stn


def classes_fit(outputs: int, n_classes: int) -> bool:
    """One output per class, or one logit for two classes (a binary loss)."""
    return outputs == n_classes or (outputs == 1 and n_classes == 2)


def model_metadata(model, classes=None, config: dict | None = None,
                   extra: dict[str, str] | None = None) -> dict[str, str]:
    """The header of a model file. The architecture (``spec``, ``input_shape``) is the one
    :func:`backprop.models.architecture` gives: the model's own, or inferred from its
    layers' declarations. A module that has none is saved as its state_dict alone."""
    from .. import __version__
    from ..errors import SpecError
    from ..models import architecture

    meta = {"format": FORMAT, "version": __version__, "config": json.dumps(config or {})}
    try:
        arch = architecture(model)
    except SpecError:
        arch = None
    if arch is not None:
        outputs = arch.output_shape[0]
        names = [str(c) for c in classes] if classes is not None else \
            [str(i) for i in range(outputs)]
        if not classes_fit(outputs, len(names)):
            raise CheckpointError(f"save: {len(names)} class names for a model with "
                                  f"{outputs} outputs")
        meta.update({"spec": arch.spec, "input_shape": json.dumps(list(arch.input_shape)),
                     "classes": json.dumps(names)})
    else:
        meta["module"] = type(model).__name__
    meta.update(extra or {})
    return meta


STATE_DICT = "state_dict"  # the metadata's "contents" of a file saved from a state_dict
# Names that mean a pickle (torch.save's .pt and .pth): a safetensors file under such a name
# would be fed to torch.load, and a pickle under it is never read here (unpickling runs code).
PICKLE_SUFFIXES = (".pt", ".pth", ".pkl", ".pickle")


def refuse_pickle_name(path: str | os.PathLike, verb: str) -> None:
    """A one-line error when ``path`` is named as a pickle (``net.pt``), saying what to use."""
    p = Path(path)
    if p.suffix.lower() not in PICKLE_SUFFIXES:
        return
    instead = p.with_suffix(".safetensors").name
    if verb == "save":
        raise CheckpointError(f"save: {p.name!r} names a PyTorch pickle, but backprop writes "
                              f"safetensors (never pickle): name it {instead!r} (torch reads it "
                              f"with safetensors.torch.load_file)")
    raise CheckpointError(f"{verb}: {p.name!r} names a PyTorch pickle, which backprop never "
                          f"reads (unpickling runs code): save it from torch with "
                          f"safetensors.torch.save_file(model.state_dict(), {instead!r}) and "
                          f"load that")


def save(model, path: str | os.PathLike, classes=None, config: dict | None = None,
         tensors: dict[str, np.ndarray] | None = None, extra: dict[str, str] | None = None) -> Path:
    """Write the model (and optional extra ``tensors`` and ``extra`` metadata) atomically.

    ``model`` may also be a state_dict (``bp.save(model.state_dict(), path)``, as with
    torch.save): its arrays are saved, and :func:`load` gives the dict back. The file is
    safetensors whatever its name, so a name meaning a pickle (``.pt``, ``.pth``) is refused."""
    refuse_pickle_name(path, "save")
    stn = _safetensors()
    if isinstance(model, Mapping):
        return _save_state_dict(stn, model, path, classes, config, tensors, extra)
    if not hasattr(model, "state_dict"):
        raise CheckpointError(f"save: expected a module or its state_dict, got "
                              f"{type(model).__name__}; pass the module")
    state = {k: _contiguous(v) for k, v in model.state_dict().items()}
    if tensors:
        clash = set(state) & set(tensors)
        if clash:
            raise CheckpointError(f"save: extra tensors clash with parameter names {sorted(clash)}")
        state.update({k: _contiguous(v) for k, v in tensors.items()})
    for name, value in state.items():
        if value.dtype.kind == "f" and not np.all(np.isfinite(value)):
            raise CheckpointError(f"save: tensor {name} holds NaN or inf; a diverged model is "
                                  f"not saved")
    meta = model_metadata(model, classes, config, extra)
    meta["sha256"] = digest(state, meta)
    data = stn.save(state, metadata=meta)
    write_atomic(path, data)
    return Path(path)


def _save_state_dict(stn, state: Mapping, path, classes, config, tensors, extra) -> Path:
    if classes is not None or config or tensors or extra:
        raise CheckpointError("save: classes, config and extra tensors go with a module; pass "
                              "the module, not its state_dict")
    arrays = {}
    for name, value in state.items():
        if not isinstance(value, np.ndarray):  # a Tensor (or Parameter) holds its array
            value = getattr(value, "data", value)
        if not isinstance(name, str) or not isinstance(value, np.ndarray) or \
                value.dtype.kind not in "biuf":
            raise CheckpointError(f"save: a state_dict maps names to arrays of numbers; "
                                  f"{name!r} holds {type(value).__name__}; pass the module")
        if value.dtype.kind == "f" and not np.all(np.isfinite(value)):
            raise CheckpointError(f"save: tensor {name} holds NaN or inf; a diverged model is "
                                  f"not saved")
        arrays[name] = _contiguous(value)
    from .. import __version__

    meta = {"format": FORMAT, "version": __version__, "contents": STATE_DICT}
    meta["sha256"] = digest(arrays, meta)
    return write_atomic(path, stn.save(arrays, metadata=meta))


def _contiguous(value) -> np.ndarray:
    """C-contiguous, 0-d kept 0-d (``np.ascontiguousarray`` makes a scalar 1-d, and a
    BatchNorm's ``num_batches_tracked`` would then not load back)."""
    return np.ascontiguousarray(value).reshape(np.shape(value))


def read(path: str | os.PathLike) -> tuple[dict[str, np.ndarray], dict[str, str]]:
    """Tensors and metadata of a safetensors file, with every failure named."""
    refuse_pickle_name(path, "load")
    stn = _safetensors()
    p = Path(path)
    if p.is_dir():
        candidates = [p / "model.safetensors", p / "checkpoint.safetensors"]
        found = [c for c in candidates if c.exists()]  # a FIFO there is refused below
        if not found:
            raise CheckpointError(f"{p}: is a directory without a model.safetensors or "
                                  f"checkpoint.safetensors file")
        p = found[0]
    try:
        with open_regular(p, CheckpointError) as f:  # a device or a pipe: refused, not read
            size = os.fstat(f.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise CheckpointError(f"{p}: {size} bytes, more than the {MAX_FILE_BYTES} a "
                                      f"model or checkpoint file may have")
            raw = f.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise CheckpointError(f"{p}: more than the {MAX_FILE_BYTES} bytes a model or "
                                  f"checkpoint file may have")
    except OSError as e:
        raise CheckpointError(f"{p}: cannot read ({e.strerror or e})") from None
    if len(raw) < 8:
        raise CheckpointError(f"{p}: not a safetensors file (only {len(raw)} bytes)")
    n = int.from_bytes(raw[:8], "little")
    # A header length of 640 or 896 bytes begins like a pickle: look at the JSON first.
    kind = None if 2 <= n <= len(raw) - 8 and raw[8:9] == b"{" else _other_format(raw)
    if kind:
        raise CheckpointError(f"{p}: not a safetensors file but {kind}; backprop reads only "
                              f"safetensors and never unpickles")
    if n > len(raw) - 8 or n < 2:
        raise CheckpointError(f"{p}: not a safetensors file (header length {n} does not fit a "
                              f"{len(raw)}-byte file; truncated or another format)")
    try:
        header = json.loads(raw[8:8 + n].decode("utf-8"))
    except RecursionError:
        raise CheckpointError(f"{p}: corrupt safetensors header (JSON nested too deeply)") from None
    except UnicodeDecodeError as e:
        raise CheckpointError(f"{p}: corrupt safetensors header (not UTF-8 at byte "
                              f"{8 + e.start})") from None
    except json.JSONDecodeError as e:
        raise CheckpointError(f"{p}: corrupt safetensors header (invalid JSON: {e.msg} at "
                              f"byte {8 + e.pos}; truncated or overwritten?)") from None
    except ValueError as e:  # e.g. an integer of thousands of digits
        raise CheckpointError(f"{p}: corrupt safetensors header ({_first_line(e)})") from None
    if not isinstance(header, dict):
        raise CheckpointError(f"{p}: corrupt safetensors header (not a JSON object)")
    meta = header.get("__metadata__") or {}
    if not isinstance(meta, dict) or not all(isinstance(v, str) for v in meta.values()):
        raise CheckpointError(f"{p}: corrupt safetensors header (metadata must map strings "
                              f"to strings)")
    try:
        tensors = stn.load(raw)
    except Exception as e:  # the library raises its own SafetensorError on any bad layout
        reason = " ".join(str(e).split())
        raise CheckpointError(f"{p}: corrupt safetensors data ({reason})") from None
    return tensors, meta


def _other_format(raw: bytes) -> str | None:
    """Name a few formats people mistake for safetensors (checked before any parsing)."""
    if raw[0] == 0x80 and 2 <= raw[1] <= 5:
        return "a Python pickle"
    if raw[:4] == b"PK\x03\x04":
        return "a zip archive (torch.save or .npz?)"
    if raw[:6] == b"\x93NUMPY":
        return "a NumPy .npy array"
    if raw[:8] == b"\x89HDF\r\n\x1a\n":
        return "an HDF5 file"
    return None


def digest(tensors: dict[str, np.ndarray], meta: dict[str, str]) -> str:
    """SHA-256 over every metadata entry but ``sha256`` itself, then the tensors' names,
    dtypes, shapes and bytes: a flipped bit anywhere is caught."""
    h = hashlib.sha256()
    entries = sorted((k, v) for k, v in meta.items() if k != "sha256")
    h.update(json.dumps(entries).encode())
    for name in sorted(tensors):
        v = np.ascontiguousarray(tensors[name])
        h.update(f"\0{name}\0{v.dtype.str}\0{v.shape}\0".encode())
        h.update(v.tobytes())
    return h.hexdigest()


def _first_line(e: BaseException) -> str:
    return " ".join(str(e).split())[:200] or type(e).__name__


def decode_json(path, meta: dict[str, str], key: str) -> Any:
    """One metadata entry decoded from JSON; any failure is a CheckpointError naming it."""
    if key not in meta:
        raise CheckpointError(f"{path}: metadata has no {key!r} entry")
    try:
        return json.loads(meta[key])
    except json.JSONDecodeError as e:
        raise CheckpointError(f"{path}: metadata {key!r} is not valid JSON ({e.msg})") from None
    except RecursionError:
        raise CheckpointError(f"{path}: metadata {key!r} is nested too deeply") from None
    except ValueError as e:  # e.g. an integer of thousands of digits
        raise CheckpointError(f"{path}: metadata {key!r} is malformed ({_first_line(e)})"
                              ) from None


def _checked_metadata(path, meta: dict[str, str]) -> tuple[str, tuple[int, ...], list, dict]:
    """spec, input_shape, classes and config, each checked for type and size."""
    from ..data.limits import MAX_CLASSES
    from ..models import check_shape
    from .run_schema import CONFIG
    from .schema import validate

    spec = meta.get("spec")
    if not isinstance(spec, str) or not spec:
        raise CheckpointError(f"{path}: metadata has no architecture ('spec')")
    input_shape = decode_json(path, meta, "input_shape")
    classes = decode_json(path, meta, "classes")
    config = decode_json(path, meta, "config") if "config" in meta else {}
    if not isinstance(input_shape, list):
        raise CheckpointError(f"{path}: metadata 'input_shape' must be a list of positive "
                              f"integers, got {_clip(meta['input_shape'])}")
    try:
        shape = check_shape(tuple(input_shape), "input_shape")
    except BackpropError as e:
        raise CheckpointError(f"{path}: metadata {e}") from None
    if (not isinstance(classes, list) or not 0 < len(classes) <= MAX_CLASSES
            or not all(isinstance(c, str) and len(c) <= MAX_CLASS_NAME for c in classes)):
        raise CheckpointError(f"{path}: metadata 'classes' must be a list of 1 to {MAX_CLASSES} "
                              f"names (strings of at most {MAX_CLASS_NAME} characters)")
    validate(path, config, CONFIG, "config")
    return spec, shape, classes, config


def _clip(text: str, most: int = 60) -> str:
    return repr(text if len(text) <= most else text[:most - 1] + "…")


def _verified(path: str | os.PathLike) -> tuple[dict[str, np.ndarray], dict[str, str]]:
    """Tensors and metadata of a backprop model file whose checksum holds."""
    tensors, meta = read(path)
    if meta.get("format") != FORMAT:
        hint = (" (written by an older backprop whose checksum left the metadata unprotected; "
                "train or save it again)" if meta.get("format") == "backprop-model/1" else "")
        raise CheckpointError(f"{path}: not a backprop model (format {meta.get('format')!r}, "
                              f"expected {FORMAT!r}){hint}")
    if "sha256" not in meta:
        raise CheckpointError(f"{path}: no SHA-256 checksum in the metadata; refusing a file "
                              f"whose integrity cannot be checked")
    if meta["sha256"] != digest(tensors, meta):
        raise CheckpointError(f"{path}: corrupted: the tensors or metadata do not match the "
                              f"file's SHA-256 checksum")
    return tensors, meta


def load_state_dict(path: str | os.PathLike) -> dict[str, np.ndarray]:
    """The saved arrays of any model file (checksum checked), for ``module.load_state_dict``:
    the way back for a module saved without an architecture."""
    return _verified(path)[0]


def load_saved(path: str | os.PathLike):
    """What :func:`save` wrote (``bp.load``): the state_dict of a file saved from one (for
    ``module.load_state_dict``, as with torch.load), else ``(model, metadata)`` as
    :func:`load`."""
    tensors, meta = _verified(path)
    if meta.get("contents") == STATE_DICT:
        return tensors
    return _rebuild(path, tensors, meta)


def load(path: str | os.PathLike):
    """Rebuild a saved model: ``(model, metadata)`` with ``metadata`` decoded from JSON.

    Strict: the file's tensors must be exactly the parameters of the architecture it names,
    with the same shapes, in float32 or float64 (the model takes that dtype), and match the
    file's checksum. In a checkpoint, the tensors under the :data:`RESERVED` prefixes (its
    optimiser state, early stopping's weights) are returned in ``metadata["tensors"]``.
    """
    return _rebuild(path, *_verified(path))


def _rebuild(path, tensors: dict[str, np.ndarray], meta: dict[str, str]):
    """The model a verified file's metadata names, holding its tensors (see :func:`load`)."""
    from ..errors import SpecError
    from ..models import build_model
    from ..nn.module import parameter_budget

    if meta.get("contents") == STATE_DICT:
        raise CheckpointError(f"{path}: a state_dict, without an architecture to rebuild; "
                              f"build the module yourself and call "
                              f"module.load_state_dict(bp.load({str(path)!r}))")
    if "spec" not in meta and "module" in meta:
        raise CheckpointError(f"{path}: the state_dict of a {meta['module']}, without an "
                              f"architecture to rebuild; build the module yourself and call "
                              f"module.load_state_dict(bp.io.load_state_dict({str(path)!r}))")
    spec, input_shape, classes, config = _checked_metadata(path, meta)
    reserved = RESERVED if meta.get("checkpoint") else ()
    held = sum(v.size for k, v in tensors.items() if not k.startswith(reserved))
    try:  # the slack lets a small mismatch reach the precise per-tensor message below
        with parameter_budget(held + BUDGET_SLACK):
            model = build_model(spec, input_shape)
    except SpecError as e:
        raise CheckpointError(f"{path}: the saved architecture does not build or does not fit "
                              f"the {held} parameter values the file holds ({e})") from None
    if not classes_fit(model.output_shape[0], len(classes)):
        raise CheckpointError(f"{path}: metadata 'classes' names {len(classes)} classes but "
                              f"the model has {model.output_shape[0]} outputs")
    own = model.state_dict()
    extra = {k: v for k, v in tensors.items() if k not in own}
    unexpected = sorted(k for k in extra if not reserved or not k.startswith(reserved))
    if unexpected:
        raise CheckpointError(f"{path}: unexpected tensor(s) {_names(unexpected)} not in the "
                              f"architecture '{spec}'")
    missing = sorted(set(own) - set(tensors))
    if missing:
        raise CheckpointError(f"{path}: missing tensor(s) {_names(missing)} of the architecture "
                              f"'{spec}'")
    dtypes = set()
    for k in own:
        v = tensors[k]
        if v.shape != own[k].shape:
            raise CheckpointError(f"{path}: tensor {k} has shape {v.shape} but the architecture "
                                  f"'{spec}' needs {own[k].shape}")
        if own[k].dtype.kind in "iu":  # an integer buffer (a BatchNorm's batch count)
            if v.dtype.kind not in "iu":
                raise CheckpointError(f"{path}: tensor {k} has dtype {v.dtype}, expected an "
                                      f"integer type as the model's {own[k].dtype}")
            continue
        if v.dtype not in (np.float32, np.float64):
            raise CheckpointError(f"{path}: tensor {k} has dtype {v.dtype}, expected float32 "
                                  f"or float64")
        if not np.all(np.isfinite(v)):
            raise CheckpointError(f"{path}: tensor {k} holds NaN or inf (the model diverged); "
                                  f"refusing to use it")
        dtypes.add(v.dtype)
    if len(dtypes) > 1:
        raise CheckpointError(f"{path}: parameters mix dtypes {sorted(map(str, dtypes))}")
    if dtypes == {np.dtype(np.float64)}:
        model.to(np.float64)
    model.load_state_dict({k: tensors[k] for k in own})
    return model, {"spec": spec, "input_shape": input_shape, "classes": classes,
                   "config": config, "version": meta.get("version"), "raw": meta,
                   "tensors": extra}


def _names(names: list[str], most: int = 4) -> str:
    shown = ", ".join(names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")
