"""Consistent online backup: the database through SQLite's backup API, then its media.

Blobs are immutable and never deleted while referenced, so copying them after
the database snapshot gives a consistent pair even while the server runs.
"""
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from .db import DB_NAME
from .errors import CourtKioskError
from .store import MediaStore


def backup(db: Database, store: MediaStore, dest) -> str:
    dest = Path(dest)
    if dest.exists() and any(dest.iterdir()):
        raise CourtKioskError(f"The backup folder {dest} is not empty; choose a new one.")
    (dest / "media").mkdir(parents=True, exist_ok=True)
    target = sqlite3.connect(dest / DB_NAME)
    try:
        db.conn.backup(target)
    finally:
        target.close()
    copy = Database(sqlite3.connect(dest / DB_NAME))
    try:
        check = copy.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise CourtKioskError(f"The backup copy failed its integrity check ({check}).")
        hashes = [r["sha256"] for r in copy.query("SELECT sha256 FROM media")]
    finally:
        copy.conn.close()
    for sha in hashes:
        if store.exists(sha):
            store.copy_to(sha, dest / "media")
    return f"Backed up the database and {len(hashes)} media files to {dest}."
