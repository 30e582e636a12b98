"""`export-static DIR`: the published manifest and media as plain files.

Same paths as the API (`api/v1/manifest`, `api/v1/media/<sha256>`,
`api/v1/hearings`: the hearings feed as it is now), so nginx
or a CDN can serve many kiosks and a kiosk cannot tell the difference.
Media go first and the manifest last, each by rename, so a kiosk polling
the folder during an export never sees a manifest whose files are missing.
"""
import json
import os
import shutil
import tempfile
from pathlib import Path

from sqlite_utils import Database

from court_contract.manifest import canonical_json

from . import hearings
from .db import write_transaction
from .errors import CourtKioskError
from .publish import current_manifest
from .store import MediaStore


def _write_atomically(path: Path, write) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".export-")
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_if_changed(path: Path, data: bytes) -> None:
    # Rewriting equal bytes would change nginx's mtime-based ETag and make
    # every kiosk download the manifest again.
    if not (path.exists() and path.read_bytes() == data):
        _write_atomically(path, lambda out: out.write(data))


def export_static(db: Database, store: MediaStore, dest, prune: bool = False) -> str:
    dest = Path(dest)
    body, _sha = current_manifest(db)
    manifest = json.loads(body)
    media_dir = dest / "api" / "v1" / "media"
    try:
        media_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise CourtKioskError(f"Cannot write to {dest}: {e.strerror}.") from e
    copied = 0
    for sha, meta in manifest["media"].items():
        target = media_dir / sha
        if target.exists() and target.stat().st_size == meta["size"]:
            continue
        if not store.exists(sha, meta["size"]):
            raise CourtKioskError(f"The published file {sha[:12]}… is missing from the media store.")
        with open(store.path(sha), "rb") as src:
            _write_atomically(target, lambda out: shutil.copyfileobj(src, out))
        copied += 1
    _write_if_changed(dest / "api" / "v1" / "manifest", body)
    feed, _etag = hearings.feed(db, expire=write_transaction)  # privacy as in the API: the same builder
    _write_if_changed(dest / "api" / "v1" / "hearings", canonical_json(feed))
    _write_if_changed(dest / "healthz", json.dumps({"status": "ok", "published_version": manifest["version"]}).encode())
    removed = 0
    if prune:
        for p in media_dir.iterdir():
            if p.name not in manifest["media"]:
                p.unlink()
                removed += 1
    return (f"Exported version {manifest['version']} to {dest}: {copied} new media files"
            f"{f', {removed} old ones removed' if prune else ''}.")
