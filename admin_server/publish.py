"""Publishing: freeze the draft into an immutable, numbered manifest.

Everything happens in one write transaction, so a crash or kill at any
point leaves either the previous version or the new one, never half.
"""
import json
from dataclasses import dataclass

from sqlite_utils import Database

from court_contract.manifest import VOLATILE_KEYS, ManifestError, canonical_json, content_digest, sha256_hex
from court_contract.manifest import parse as parse_as_kiosk

from .content import audit, now_iso
from .db import write_transaction
from .errors import NothingPublished, PublishError
from .manifest import build_content
from .store import MediaStore

@dataclass(frozen=True)
class PublishResult:
    version: int
    sha256: str
    changed: bool
    message: str


def latest(db: Database) -> dict | None:
    rows = list(db.query("SELECT * FROM published_versions ORDER BY version DESC LIMIT 1"))
    return rows[0] if rows else None


def get_version(db: Database, version: int) -> dict:
    rows = list(db.query("SELECT * FROM published_versions WHERE version = ?", [version]))
    if not rows:
        raise PublishError(f"There is no published version {version}.")
    return rows[0]


def current_sha256(db: Database) -> str | None:
    """The newest version's ETag, without reading its body (the kiosks' 304 path)."""
    row = db.execute("SELECT sha256 FROM published_versions ORDER BY version DESC LIMIT 1").fetchone()
    return row[0] if row else None


def current_manifest(db: Database) -> tuple[bytes, str]:
    """(canonical body, sha256) of the newest published version."""
    row = latest(db)
    if row is None:
        raise NothingPublished("Nothing has been published yet.")
    return row["manifest"].encode("utf-8"), row["sha256"]


def _store_version(db: Database, content: dict, *, by: str | None, note: str | None,
                   source_version: int | None) -> PublishResult:
    """Add content as version N+1 unless it equals the newest one. Call inside write_transaction."""
    c_hash = content_digest(content)
    prev = latest(db)
    if prev is not None and prev["content_sha256"] == c_hash:
        return PublishResult(prev["version"], prev["sha256"], False,
                             f"Nothing changed since version {prev['version']}; nothing was published.")
    version = 1 if prev is None else prev["version"] + 1
    manifest = dict(content, version=version, published_at=now_iso(), content_sha256=c_hash)
    body = canonical_json(manifest)
    try:
        parse_as_kiosk(body)  # never publish what every kiosk would refuse
    except ManifestError as e:
        raise PublishError(f"Kiosks would refuse this content ({e}); nothing was published.") from None
    sha = sha256_hex(body)
    db["published_versions"].insert({
        "version": version, "sha256": sha, "content_sha256": c_hash, "manifest": body.decode("utf-8"),
        "published_at": manifest["published_at"], "published_by": by or "system", "note": note,
        "source_version": source_version,
    })
    db["published_media"].insert_all(
        [{"sha256": h, "first_version": version} for h in manifest["media"]], pk="sha256", ignore=True
    )
    action = "rollback" if source_version else "publish"
    audit(db, by, action, "published_versions", version,
          None if prev is None else {"version": prev["version"]}, {"version": version, "sha256": sha})
    what = f"Rolled back to version {source_version} as version {version}" if source_version \
        else f"Published version {version}"
    return PublishResult(version, sha, True, f"{what} ({len(manifest['media'])} media files).")


def publish(db: Database, store: MediaStore, *, by: str | None = None, note: str | None = None) -> PublishResult:
    with write_transaction(db):
        content = build_content(db, store)
        return _store_version(db, content, by=by, note=note, source_version=None)


def rollback(db: Database, store: MediaStore, version: int, *, by: str | None = None) -> PublishResult:
    """Republish an older version's content as a new version (drafts stay as they are)."""
    with write_transaction(db):
        old = get_version(db, version)
        content = {k: v for k, v in json.loads(old["manifest"]).items() if k not in VOLATILE_KEYS}
        missing = [h for h, m in content["media"].items() if not store.exists(h, m["size"])]
        if missing:
            raise PublishError(
                f"Version {version} cannot be restored: {len(missing)} of its files are missing from the media store."
            )
        result = _store_version(db, content, by=by, note=f"rollback to {version}", source_version=version)
        if not result.changed:
            return PublishResult(result.version, result.sha256, False,
                                 f"Version {result.version} already shows the content of version {version}; "
                                 "nothing was published.")
        return result
