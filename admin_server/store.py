"""Content-addressed media store: `<data-dir>/media/<sha256>`.

A file is streamed to a temp file in the same directory, hashed on the way,
fsynced and renamed to its hash, so a reader never sees half a file and a
crash leaves at most a temp file (removed by `clean_temp`, which the server
runs when it and each of its workers start). The temp folder also holds checked
uploads kept for the retry of a refused form (`kept-*`, admin/kept_uploads.py):
`clean_temp` spares those for KEPT_FOR_S and removes older ones.
"""
import contextlib
import fcntl
import hashlib
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .errors import StoreError

SHA256_RE = re.compile(r"\A[0-9a-f]{64}\Z")
CHUNK = 1 << 16
KEPT_PREFIX = "kept-"  # a checked upload waiting for its form's retry
KEPT_FOR_S = 3600


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int
    path: Path


def is_sha256(value: str) -> bool:
    return bool(SHA256_RE.match(value or ""))


class StoreBusy(StoreError):
    """Another process is writing into the store."""


class MediaStore:
    def __init__(self, root):
        self.root = Path(root)
        self.tmp = self.root / ".tmp"

    def ensure(self):
        self.tmp.mkdir(parents=True, exist_ok=True)

    def path(self, sha256: str) -> Path:
        """The blob's path; only a well-formed hash can name one, so no `..`."""
        if not is_sha256(sha256):
            raise StoreError(f"{sha256!r} is not a sha256 hex digest.")
        return self.root / sha256

    def exists(self, sha256: str, size: int | None = None) -> bool:
        try:
            st = self.path(sha256).stat()
        except (OSError, StoreError):
            return False
        return size is None or st.st_size == size

    @contextlib.contextmanager
    def writing(self):
        """Hold while this process has files in the temp folder: a shared lock on the folder.

        `clean_temp` removes nothing while anyone (any thread, worker or command) holds it; a
        killed process drops it with its file descriptors, so its leftovers become removable.
        """
        self.ensure()
        fd = os.open(self.tmp, os.O_RDONLY | os.O_DIRECTORY)
        try:
            fcntl.flock(fd, fcntl.LOCK_SH)
            yield
        finally:
            os.close(fd)

    def put_stream(self, stream, *, max_size: int, expected_size: int | None = None) -> StoredFile:
        """Store what `stream.read()` yields; refuse empty, oversize or short input."""
        with self.writing():
            return self._put_stream(stream, max_size=max_size, expected_size=expected_size)

    def _put_stream(self, stream, *, max_size: int, expected_size: int | None) -> StoredFile:
        fd, tmp_name = tempfile.mkstemp(dir=self.tmp, prefix="upload-")
        digest = hashlib.sha256()
        size = 0
        try:
            with os.fdopen(fd, "wb") as out:
                while True:
                    chunk = stream.read(CHUNK)
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > max_size:
                        raise StoreError(
                            f"The file is larger than the limit of {_human(max_size)}; nothing was stored."
                        )
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            if size == 0:
                raise StoreError("The file is empty; nothing was stored.")
            if expected_size is not None and size != expected_size:
                raise StoreError(
                    f"The upload was cut off ({size} of {expected_size} bytes arrived); nothing was stored."
                )
            sha = digest.hexdigest()
            final = self.root / sha
            if final.exists():
                os.unlink(tmp_name)  # same content already stored
            else:
                os.replace(tmp_name, final)
                _fsync_dir(self.root)
            return StoredFile(sha, size, final)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp_name)
            raise

    def put_file(self, path, *, max_size: int) -> StoredFile:
        try:
            with open(path, "rb") as f:
                return self.put_stream(f, max_size=max_size)
        except FileNotFoundError:
            raise StoreError(f"The file {path} does not exist.") from None

    @contextlib.contextmanager
    def exclusive(self):
        """Hold while no upload may be under way anywhere; raises StoreBusy at once if one is."""
        self.ensure()
        fd = os.open(self.tmp, os.O_RDONLY | os.O_DIRECTORY)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise StoreBusy("An upload is under way; try again when it has finished.") from None
            yield
        finally:
            os.close(fd)

    def clean_temp(self, now: float | None = None) -> int:
        """Remove leftovers of interrupted uploads (of killed processes); returns how many.

        Only while no upload is under way anywhere (nobody holds `writing`), so a file still being
        written is never taken away; when one is, nothing is removed and 0 returned: the next start
        cleans up. Kept uploads younger than KEPT_FOR_S stay: a form's retry may still claim them.
        """
        if not self.tmp.exists():
            return 0
        try:
            with self.exclusive():
                removed = 0
                for p in self.tmp.iterdir():
                    if p.name.startswith(KEPT_PREFIX) and not self.is_stale(p, now):
                        continue
                    p.unlink(missing_ok=True)
                    removed += 1
                return removed
        except StoreBusy:
            return 0

    @staticmethod
    def is_stale(kept: Path, now: float | None = None) -> bool:
        """Whether a kept upload is past KEPT_FOR_S (or gone)."""
        try:
            return kept.stat().st_mtime < (time.time() if now is None else now) - KEPT_FOR_S
        except FileNotFoundError:
            return True

    def verify(self, sha256: str) -> bool:
        digest = hashlib.sha256()
        with open(self.path(sha256), "rb") as f:
            for chunk in iter(lambda: f.read(CHUNK), b""):
                digest.update(chunk)
        return digest.hexdigest() == sha256

    def copy_to(self, sha256: str, dest_dir: Path) -> None:
        shutil.copy2(self.path(sha256), Path(dest_dir) / sha256)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _human(n: int) -> str:
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{n} bytes"
