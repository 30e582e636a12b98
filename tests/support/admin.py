"""Shared set-up for the web admin tests.

A fresh data folder with one admin made through the real CLI, a Flask test
client that signs in the way a browser does, and real files to upload.
"""
import io
import zipfile
import shutil
import subprocess
from pathlib import Path

import pytest

from admin_server import create_app
from admin_server.db import open_existing
from admin_server.filetypes import ODT
from admin_server.testing import REPO, run_cli
from tests.support.staff import PASSWORD, Staff, add_staff

ARTIFACTS = REPO / "test-artifacts" / "admin"


def new_data_dir(path: Path, *, admin: str = "boss") -> Path:
    assert run_cli(path, "init") == 0
    add_staff(path, admin, "admin")
    return path


def make_user(data_dir: Path, name: str, role: str, language: str = "en") -> None:
    from admin_server.users import create_user

    db = open_existing(data_dir)
    with db.atomic():
        create_user(db, name, PASSWORD, role, language)
    db.conn.close()


def db_for(data_dir: Path):
    return open_existing(data_dir)


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return new_data_dir(tmp_path / "data")


@pytest.fixture
def app(data_dir):
    return create_app({"DATA_DIR": str(data_dir), "TESTING": True})


@pytest.fixture
def admin(app) -> Staff:
    staff = Staff(app)
    assert staff.login().status_code == 303
    return staff


def signed_in(app, data_dir, role: str, name: str | None = None) -> Staff:
    name = name or f"a-{role}"
    make_user(data_dir, name, role)
    staff = Staff(app)
    assert staff.login(name).status_code == 303
    return staff


# --- files to upload -----------------------------------------------------------

def docx_bytes(text="Иск о расторжении брака") -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(text, 1)
    document.add_paragraph("В суд города Актау. Истец: ____________")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


PDF_BYTES = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
             b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")


def make_video(path: Path, seconds: float = 2, size: str = "320x240", extra=(), noise: bool = False) -> Path:
    """A real clip made by ffmpeg; `noise` makes it big (it hardly compresses), for upload progress."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        pytest.fail("ffmpeg is needed for the video upload tests (scripts/install-system-deps.sh installs it)")
    subprocess.run([ffmpeg, "-v", "error", "-y", "-f", "lavfi", "-i",
                    f"testsrc=size={size}:rate=25" + (",noise=alls=40:allf=t+u" if noise else ""), "-t",
                    str(seconds), "-pix_fmt", "yuv420p", *extra, str(path)], check=True, timeout=120)
    return path


def png_bytes(size=(320, 180), colour=(11, 85, 163), fmt="PNG") -> bytes:
    """A real image made with Pillow (a kiosk's screenshot thumbnail): a title bar and four tiles."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.rectangle([0, 0, w, h // 6], fill=(15, 31, 51))
    for i in range(4):
        x, y = (i % 2) * w // 2, h // 6 + (i // 2) * (h * 5 // 12)
        draw.rectangle([x + 8, y + 8, x + w // 2 - 8, y + h * 5 // 12 - 8], fill=(243, 245, 248))
    buf = io.BytesIO()
    image.save(buf, fmt)
    return buf.getvalue()


def stored_blobs(data_dir: Path) -> set[str]:
    media = data_dir / "media"
    return {p.name for p in media.iterdir() if p.is_file()} if media.exists() else set()


def staging_leftovers(data_dir: Path) -> list[str]:
    tmp = data_dir / "media" / ".tmp"
    return [p.name for p in tmp.iterdir()] if tmp.exists() else []


def audit_rows(data_dir: Path) -> list[dict]:
    db = open_existing(data_dir)
    try:
        return list(db.query("SELECT * FROM audit_log ORDER BY id"))
    finally:
        db.conn.close()


def count(data_dir: Path, table: str) -> int:
    db = open_existing(data_dir)
    try:
        return db[table].count
    finally:
        db.conn.close()


def add_category(staff: Staff, code="family", ru="Семья"):
    response = staff.post("/admin/categories/new", {"code": code, "title.kk": "Отбасы", "title.ru": ru,
                                                    "title.en": "Family"})
    assert response.status_code == 303, response.get_data(as_text=True)


# --- template uploads -----------------------------------------------------------

TEMPLATE_FIELDS = {"title.ru": "Развод", "slug": "divorce", "category": "family", "enabled": "1"}


def odt_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), ODT)  # stored first, uncompressed, as ODF requires
        z.writestr("content.xml", '<?xml version="1.0"?><office:document-content/>')
        z.writestr("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest/>')
    return buf.getvalue()


def upload_template(staff, files, fields=TEMPLATE_FIELDS, url="/admin/templates/new", **kw):
    return staff.upload(url, fields, files, **kw)


def media_rows(data_dir):
    return {r["sha256"]: r for r in db_for(data_dir).query("SELECT * FROM media")}


@pytest.fixture
def drafts(admin, data_dir):
    """A template in Russian only (one file), an announcement without English, a complete link."""
    add_category(admin)
    r = upload_template(admin, {"file_ru": (PDF_BYTES, "razvod.pdf")},
                        fields={"title.ru": "Развод", "slug": "divorce", "category": "family", "enabled": "1"})
    assert r.status_code == 303
    assert admin.post("/admin/announcements/new", {"text.kk": "Хабар", "text.ru": "Объявление", "priority": "0",
                                                   "enabled": "1"}).status_code == 303
    assert admin.post("/admin/links/new", {"title.kk": "Кабинет", "title.ru": "Кабинет", "title.en": "Office",
                                           "kind": "e_service", "url": "https://office.sud.kz",
                                           "enabled": "1"}).status_code == 303
    db = db_for(data_dir)
    return {"template": next(db["templates"].rows)["id"], "announcement": next(db["announcements"].rows)["id"]}
