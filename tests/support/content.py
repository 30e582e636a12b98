"""Small hand-made content for unit tests of storage and publishing, and files to replace and age in it."""
import io
import os
import time

import pytest

from admin_server.content import register_media, set_settings, tri
from admin_server.db import connect, db_path
from admin_server.schema import migrate
from admin_server.store import MediaStore

PDF_BYTES = b"%PDF-1.4\n% court-kiosk test template\n"


def make_content_db(data_dir):
    """A migrated database with one template and one fee rule; returns (db, store, template_id)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    store = MediaStore(data_dir / "media")
    store.ensure()
    db = connect(db_path(data_dir))
    migrate(db)
    set_settings(db, {"court_name": {"kk": "Сот", "ru": "Суд", "en": "Court"},
                      "public_base_url": "https://kiosk.example.kz"})
    db["mrp_values"].insert({"year": 2026, "value": 4325})
    db["fee_rules"].insert({"code": "divorce", "claim_kind": "divorce", "applicant": "any",
                            "title": tri({"kk": "Неке бұзу", "ru": "Развод", "en": "Divorce"}), "mrp": 0.3})
    db["template_categories"].insert({"code": "family", "title": tri({"kk": "Отбасы", "ru": "Семья", "en": "Family"})})
    stored = store.put_stream(io.BytesIO(PDF_BYTES), max_size=10_000)
    register_media(db, stored, "application/pdf", "divorce-ru.pdf")
    template_id = db["templates"].insert({
        "slug": "divorce", "category": "family", "title": tri({"kk": "Неке", "ru": "Развод", "en": "Divorce"}),
        "description": tri("")}).last_pk
    db["template_files"].insert({"template_id": template_id, "lang": "ru", "sha256": stored.sha256,
                                 "name": "divorce-ru.pdf"})
    db.conn.commit()
    return db, store, template_id


@pytest.fixture
def content(tmp_path):
    db, store, template_id = make_content_db(tmp_path / "data")
    yield db, store, template_id
    db.conn.close()


def pdf(n: int) -> bytes:
    return b"%PDF-1.4\n" + f"file {n}\n".encode() + b"x" * 1000


def replace_ru_file(db, store, template_id, n):
    """The draft's ru file becomes a new file; returns its sha256."""
    stored = store.put_stream(io.BytesIO(pdf(n)), max_size=10**6)
    register_media(db, stored, "application/pdf", f"v{n}.pdf")
    db.execute("UPDATE template_files SET sha256 = ? WHERE template_id = ? AND lang = 'ru'", [stored.sha256, template_id])
    db.conn.commit()
    return stored.sha256


def age(store, sha, seconds=7200):
    past = time.time() - seconds
    os.utime(store.path(sha), (past, past))
