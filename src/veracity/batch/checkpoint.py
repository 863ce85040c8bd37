"""Checkpoints that make a batch resumable and loss-free.

Results go to ``<out>.parts/``: ``manifest.json`` (what is being computed: the input's
fingerprint and every option that changes the rows) and one ``chunk-NNNNNN.jsonl`` per chunk
of ``chunk_size`` consecutive input rows. A chunk file is written to a temporary name, synced
and renamed, so it exists whole or not at all. A restarted run with the same manifest skips
the chunks already on disk; at the end the chunks are joined in order into the output
(again through a temporary file and a rename) and the parts folder is removed.
"""

from __future__ import annotations

import contextlib
import errno
import gzip
import hashlib
import itertools
import json
import os
import re
import secrets
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from stat import S_ISDIR, S_ISLNK, S_ISREG, S_IWGRP, S_IWOTH
from typing import TYPE_CHECKING, Any

from veracity.batch.readers import InputSpec, walk_documents
from veracity.errors import InputError

if TYPE_CHECKING:
    from veracity.batch.row import BatchRow
    from veracity.report.schema import Report

MANIFEST_VERSION = 1
_CHUNK_NAME = re.compile(r"^chunk-(\d+)\.jsonl$")
_FINGERPRINT_BYTES = 1 << 20
_FINGERPRINT_FILES = 1000


def input_fingerprint(spec: InputSpec) -> dict[str, Any]:
    """Size, modification time and a hash of the start of the input (of a folder: its listing)."""
    path = spec.path.resolve()
    stat = path.stat()
    digest = hashlib.sha256()
    if path.is_dir():
        for entry in itertools.islice(walk_documents(path), _FINGERPRINT_FILES):
            try:
                size = entry.stat().st_size
            except OSError:  # a dangling link: it is an error row, not a reason to stop
                size = -1
            # a name as the file system holds it: one that is not UTF-8 (a Latin-1 name from an
            # unpacked archive) is still bytes, never an error that stops the batch
            digest.update(os.fsencode(entry.relative_to(path)) + f"\0{size}\n".encode())
    else:
        with path.open("rb") as stream:
            digest.update(stream.read(_FINGERPRINT_BYTES))
    return {
        "path": str(path),
        "size": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
        "head_sha256": digest.hexdigest(),
    }


def write_atomically(path: Path, chunks: Iterable[bytes]) -> None:
    """Write ``path`` through a synced temporary file and a rename: whole or not at all (a
    device or a pipe, :func:`is_special_file`, is written straight through)."""
    if is_special_file(path):
        _refuse_another_users_special_file(path)
        with path.open("wb") as stream:
            for chunk in chunks:
                stream.write(chunk)
        return
    tmp = temporary_path(path)
    try:
        with tmp.open("wb") as stream:
            for chunk in chunks:
                stream.write(chunk)
        commit_file(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def temporary_path(path: Path) -> Path:
    """A hidden sibling of ``path`` to write before :func:`commit_file` renames it, created
    here, empty: a new file of this process under a name no one can foretell. The name was
    ``.NAME.tmp-PID``, opened by following links, so in a folder others can write (an output
    under /tmp) a link planted at that name for each likely process id had the output
    written into whatever file it pointed to (docs/security.md, fifth round)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
    while True:
        tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}-{secrets.token_hex(4)}")
        try:
            os.close(os.open(tmp, flags, 0o666))
        except FileExistsError:  # a name taken by chance or by a planted file: another one
            continue
        return tmp


def is_special_file(path: Path) -> bool:
    """Whether ``path`` is there and neither a regular file nor a folder: ``/dev/null``, a
    FIFO. A rename over it would put a regular file in place of the device (as root,
    ``--html /dev/null`` replaced the system's /dev/null), so it is written through instead."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (S_ISREG(mode) or S_ISDIR(mode))


def _refuse_another_users_special_file(path: Path) -> None:
    """A device or a pipe is written through only when this user or root made it, and the link
    naming it too: an output named in a folder others can write (``--html /tmp/report.html``)
    went into a pipe another user had made there (they read the output), or, as root, through
    their link to a disk device (the output written over the disk). PermissionError, before
    anything is written."""
    for stat, what in ((path.lstat(), "link"), (path.stat(), "pipe or device")):
        if stat.st_uid not in (os.geteuid(), 0):
            raise PermissionError(
                errno.EPERM,
                f"it is a {what} another user made (uid {stat.st_uid}): not written through",
            )


def commit_file(tmp: Path, path: Path) -> None:
    """Sync a finished temporary file and rename it to ``path`` (atomic on POSIX); a device or
    a pipe (:func:`is_special_file`) gets the file's bytes written into it instead."""
    if is_special_file(path):
        _refuse_another_users_special_file(path)
        with tmp.open("rb") as source, path.open("wb") as target:
            shutil.copyfileobj(source, target)
        tmp.unlink()
        return
    with tmp.open("rb+") as stream:
        os.fsync(stream.fileno())
    os.replace(tmp, path)
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


class ChunkStore:
    """The ``<out>.parts`` folder of one batch: its manifest and the finished chunks."""

    def __init__(self, out: Path, manifest: dict[str, Any]) -> None:
        self.out = out
        self.folder = out.with_name(out.name + ".parts")
        self.manifest = {"manifest_version": MANIFEST_VERSION, **manifest}

    @property
    def manifest_path(self) -> Path:
        return self.folder / "manifest.json"

    def open(self, *, fresh: bool = False) -> bool:
        """Create the parts folder, or reopen it; True when an earlier run is resumed.

        An existing folder for different input or options is refused unless ``fresh`` is set,
        in which case it is discarded.
        """
        if self.folder.exists() or self.folder.is_symlink():
            self._check_own(fresh)
            previous = self._read_manifest()
            if previous is not None and _same_job(previous, self.manifest) and not fresh:
                self.manifest = {**self.manifest, **previous}
                return True
            if not fresh and previous is not None:
                raise InputError(
                    f"{self.folder} holds a run with different input or options; "
                    "rerun with --fresh to discard it, or use another --out"
                )
            shutil.rmtree(self.folder)
        self.folder.mkdir(mode=0o700, parents=True)
        self.save_manifest()
        return False

    def _check_own(self, fresh: bool) -> None:
        """Refuse a parts folder this user did not make for itself: a link, another user's
        folder, or (unless ``fresh`` discards it) one that others can write. In a folder
        others can write (``--out /tmp/results.csv``) anyone could make ``results.csv.parts``
        first, with a manifest for the same input, and the run resumed from their chunks
        (their scores in the output) and wrote its own rows where they could read them."""
        info = self.folder.lstat()
        why = None
        if S_ISLNK(info.st_mode):
            why = "is a link"
        elif info.st_uid != os.getuid():
            why = "belongs to another user"
        elif info.st_mode & (S_IWGRP | S_IWOTH) and not fresh:
            raise InputError(
                f"{self.folder} can be written by other users, so its chunks cannot be trusted; "
                "rerun with --fresh to discard it, or use another --out"
            )
        if why is not None:
            raise InputError(
                f"{self.folder} {why}, not a batch's parts folder of this user's own: "
                "remove it or use another --out"
            )

    def _read_manifest(self) -> dict[str, Any] | None:
        try:
            return json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def save_manifest(self) -> None:
        """Write the manifest (atomically)."""
        data = json.dumps(self.manifest, indent=2, sort_keys=True).encode("utf-8")
        write_atomically(self.manifest_path, [data])

    @property
    def mark_path(self) -> Path:
        """What a ``--workers 1`` run is analysing while it is (``engines.run_in_process``)."""
        return self.folder / "analysing.json"

    def chunk_path(self, chunk_id: int) -> Path:
        return self.folder / f"chunk-{chunk_id:06d}.jsonl"

    def done_chunks(self) -> set[int]:
        """Ids of the chunks already written."""
        return {
            int(match.group(1))
            for name in os.listdir(self.folder)
            if (match := _CHUNK_NAME.match(name))
        }

    def write_chunk(self, chunk_id: int, rows: list[BatchRow]) -> None:
        """Store one chunk's rows, whole or not at all."""
        lines = (
            json.dumps(row.record(), ensure_ascii=False).encode("utf-8") + b"\n" for row in rows
        )
        write_atomically(self.chunk_path(chunk_id), lines)

    def read_rows(self, n_chunks: int) -> Iterator[dict[str, Any]]:
        """Every stored row, chunk by chunk in order, checked to run 0, 1, 2... without a gap."""
        expected = 0
        for chunk_id in range(n_chunks):
            path = self.chunk_path(chunk_id)
            try:
                stream = path.open("rb")
            except FileNotFoundError:
                raise InputError(f"chunk {chunk_id} is missing from {self.folder}") from None
            with stream:
                for line in stream:
                    row = json.loads(line)
                    if row["index"] != expected:
                        raise InputError(
                            f"{path.name} holds row {row['index']} where row {expected} was due; "
                            "rerun with --fresh"
                        )
                    expected += 1
                    yield row

    def reports_path(self, chunk_id: int) -> Path:
        return self.folder / f"reports-{chunk_id:06d}.jsonl.gz"

    def write_reports(self, chunk_id: int, reports: list[Report | None]) -> None:
        """Keep one chunk's full reports (null for an error row) until they are stored: with
        ``--store --corroborate`` a report is stored once its corroboration is known."""
        lines = b"".join(
            (report.model_dump_json().encode("utf-8") if report is not None else b"null") + b"\n"
            for report in reports
        )
        write_atomically(self.reports_path(chunk_id), [gzip.compress(lines, compresslevel=3)])

    def read_reports(self, chunk_id: int) -> list[dict[str, Any] | None] | None:
        """One chunk's kept reports, in row order; None when the chunk kept none (an earlier
        run stored its reports as it went)."""
        try:
            data = gzip.decompress(self.reports_path(chunk_id).read_bytes())
        except FileNotFoundError:
            return None
        return [json.loads(line) for line in data.splitlines()]

    def remove(self) -> None:
        """Delete the parts folder (after the output is safely in place)."""
        shutil.rmtree(self.folder, ignore_errors=True)


def _same_job(previous: dict[str, Any], current: dict[str, Any]) -> bool:
    keys = set(current) | set(previous)
    keys.discard("total_rows")
    return all(previous.get(key) == current.get(key) for key in keys)
