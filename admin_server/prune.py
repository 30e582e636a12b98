"""Give back the disk space of media files that nothing uses any more.

The media store only ever grows: a replaced clip, a template file replaced
before it was published, a file whose upload was cut between storing it and
recording it. `prune_media` removes the files (and their `media` rows) that
no draft and no kept published version references. By default every
published version is kept, so any version can still be rolled back to;
``keep_versions=N`` keeps only the newest N (older versions then cannot be
restored, which `rollback` says in a sentence).

Safe while the server runs: it works under the store's exclusive lock, which
no upload holds at the same time (`MediaStore.writing`), inside one write
transaction, and spares anything younger than ``min_age_s``.
"""
import json
import time
from dataclasses import dataclass, field

from sqlite_utils import Database

from .db import write_transaction
from .store import MediaStore, is_sha256

# Every draft column that points at a stored file.
DRAFT_REFERENCES = ("SELECT sha256 FROM template_files", "SELECT sha256 FROM videos")


@dataclass
class PruneResult:
    removed: list[str] = field(default_factory=list)  # sha256 of the files removed (or, dry run, to remove)
    freed_bytes: int = 0
    kept: int = 0
    dry_run: bool = False

    @property
    def message(self) -> str:
        mb = self.freed_bytes / 1e6
        if self.dry_run:
            return f"Would remove {len(self.removed)} unused media files ({mb:.1f} MB); {self.kept} are in use."
        return f"Removed {len(self.removed)} unused media files ({mb:.1f} MB); {self.kept} are in use."


def in_use(db: Database, keep_versions: int | None) -> set[str]:
    """The files drafts reference, and those of the kept published versions."""
    used = {row[0] for query in DRAFT_REFERENCES for row in db.execute(query).fetchall()}
    if keep_versions is None:
        used |= {row[0] for row in db.execute("SELECT sha256 FROM published_media").fetchall()}
    else:
        rows = db.execute("SELECT manifest FROM published_versions ORDER BY version DESC LIMIT ?", [keep_versions])
        for (manifest,) in rows.fetchall():
            used |= set(json.loads(manifest)["media"])
    return used


def prune_media(db: Database, store: MediaStore, *, keep_versions: int | None = None, min_age_s: float = 3600,
                dry_run: bool = False, clock=time.time) -> PruneResult:
    if keep_versions is not None and keep_versions < 1:
        raise ValueError("keep_versions must be at least 1: the current version is always kept.")
    cutoff = clock() - min_age_s
    result = PruneResult(dry_run=dry_run)
    with store.exclusive():
        with write_transaction(db):
            _choose(db, store, keep_versions, cutoff, result)
            if not dry_run:
                for sha in result.removed:
                    db.execute("DELETE FROM published_media WHERE sha256 = ?", [sha])
                    db.execute("DELETE FROM media WHERE sha256 = ?", [sha])
        # Files go after their rows are committed (a crash in between leaves files no row names,
        # which the next prune removes), still under the lock: an upload of the same bytes must
        # not find a file that is about to go.
        if not dry_run:
            for sha in result.removed:
                store.path(sha).unlink(missing_ok=True)
    return result


def _choose(db: Database, store: MediaStore, keep_versions, cutoff: float, result: PruneResult) -> None:
    used = in_use(db, keep_versions)
    on_disk = {p.name: p.stat() for p in store.root.iterdir() if p.is_file() and is_sha256(p.name)}
    rows = {row[0] for row in db.execute("SELECT sha256 FROM media").fetchall()}
    for sha in sorted(set(on_disk) | rows):
        if sha in used:
            result.kept += 1
            continue
        stat = on_disk.get(sha)
        if stat is not None and stat.st_mtime > cutoff:
            continue  # just stored: a command's upload may not have recorded it yet
        result.removed.append(sha)
        result.freed_bytes += stat.st_size if stat else 0
