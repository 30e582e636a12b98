"""Content edits for the benchmarks and the kiosk-fault tests, through admin_server's storage functions.

(The soak edits through the real web admin instead: tests/test_reliability_soak.py.)

What the web admin does on an upload (store the blob in the MediaStore,
register it, point the row at it) followed by `publish`; no Flask involved.
"""
import hashlib
import io
import os
import random
import time
from dataclasses import dataclass

from admin_server.content import audit, register_media, tri
from admin_server.db import open_existing
from admin_server.filetypes import MP4, PDF
from admin_server.publish import PublishResult, publish
from admin_server.store import MediaStore

MP4_HEADER = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"


@dataclass
class Change:
    result: PublishResult
    committed_at: float  # time.monotonic() right after the publish transaction committed
    changed_bytes: int  # size of the new file (0 for a text-only edit)
    sha256: str | None


def pdf_bytes(size: int, seed) -> bytes:
    """A small PDF-looking document (sniffed as application/pdf) of exactly `size` bytes."""
    rng = random.Random(seed)
    head, tail = b"%PDF-1.4\n% court-kiosk benchmark template\n", b"\n%%EOF\n"
    body = bytes(rng.choice(b"abcdefghijklmnopqrstuvwxyz \n") for _ in range(size - len(head) - len(tail)))
    return head + body + tail


def mp4_bytes(size: int) -> bytes:
    """A video-like blob: an MP4 ftyp box, then random bytes (incompressible, like real video)."""
    return MP4_HEADER + os.urandom(size - len(MP4_HEADER))


def _publish(db, store, note) -> tuple[PublishResult, float]:
    result = publish(db, store, by="bench", note=note)
    return result, time.monotonic()


def replace_template_file(data_dir, *, size=36_000, seed=None, slug=None, lang="ru") -> Change:
    """Upload a new file for one template's language and publish (default: the first template)."""
    db = open_existing(data_dir)
    store = MediaStore(data_dir / "media")
    try:
        row = next(db.query("SELECT id, slug FROM templates WHERE (? IS NULL OR slug = ?) ORDER BY sort_order, id "
                            "LIMIT 1", [slug, slug]))
        blob = pdf_bytes(size, seed if seed is not None else time.time_ns())
        stored = store.put_stream(io.BytesIO(blob), max_size=size + 1)
        with db.conn:
            register_media(db, stored, PDF, f"{row['slug']}-{lang}.pdf")
            db.execute("UPDATE template_files SET sha256 = ?, name = ? WHERE template_id = ? AND lang = ?",
                       [stored.sha256, f"{row['slug']}-{lang}.pdf", row["id"], lang])
            audit(db, "bench", "update", "template_files", row["id"], None, {"lang": lang, "sha256": stored.sha256})
        result, at = _publish(db, store, f"bench: new {lang} file for {row['slug']}")
        return Change(result, at, stored.size, stored.sha256)
    finally:
        db.conn.close()


def add_announcement(data_dir, text: str) -> Change:
    """A text-only edit: one new announcement, then publish."""
    db = open_existing(data_dir)
    store = MediaStore(data_dir / "media")
    try:
        with db.conn:
            new_id = db["announcements"].insert({"text": tri(text)}).last_pk
            audit(db, "bench", "create", "announcements", new_id, None, {"text": text})
        result, at = _publish(db, store, f"bench: announcement {text[:30]}")
        return Change(result, at, 0, None)
    finally:
        db.conn.close()


def add_video(data_dir, size: int) -> Change:
    """Store a video-like blob of `size` bytes via the store + videos table, then publish."""
    blob = mp4_bytes(size)
    db = open_existing(data_dir)
    store = MediaStore(data_dir / "media")
    try:
        stored = store.put_stream(io.BytesIO(blob), max_size=size + 1)
        assert stored.sha256 == hashlib.sha256(blob).hexdigest()
        with db.conn:
            register_media(db, stored, MP4, "bench-clip.mp4")
            new_id = db["videos"].insert({"title": tri("Benchmark clip"), "sha256": stored.sha256,
                                          "name": "bench-clip.mp4", "sort_order": 99, "duration_s": 10.0}).last_pk
            audit(db, "bench", "create", "videos", new_id, None, {"sha256": stored.sha256})
        result, at = _publish(db, store, "bench: 5 MB clip")
        return Change(result, at, stored.size, stored.sha256)
    finally:
        db.conn.close()


def current_manifest_bytes(data_dir) -> bytes:
    from admin_server.publish import current_manifest

    db = open_existing(data_dir)
    try:
        return current_manifest(db)[0]
    finally:
        db.conn.close()


def export(data_dir, dest, prune=False) -> str:
    from admin_server.export import export_static

    db = open_existing(data_dir)
    try:
        return export_static(db, MediaStore(data_dir / "media"), dest, prune)
    finally:
        db.conn.close()
