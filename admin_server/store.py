"""Content-addressed media store: `<data-dir>/media/<sha256>`.

A file is streamed to a temp file in the same directory, hashed on the way,
fsynced and renamed to its hash, so a reader never sees half a file and a
crash leaves at most a temp file (removed by `clean_temp`).
"""
import contextlib
import hashlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import StoreError

SHA256_RE = re.compile(r"\A[0-9a-f]{64}\Z")
CHUNK = 1 << 16


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int
    path: Path


def is_sha256(value: str) -> bool:
    return bool(SHA256_RE.match(value or ""))


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

    def put_stream(self, stream, *, max_size: int, expected_size: int | None = None) -> StoredFile:
        """Store what `stream.read()` yields; refuse empty, oversize or short input."""
        self.ensure()
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

    def clean_temp(self) -> int:
        """Remove leftovers of interrupted uploads; returns how many."""
        if not self.tmp.exists():
            return 0
        removed = 0
        for p in self.tmp.iterdir():
            p.unlink(missing_ok=True)
            removed += 1
        return removed

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
