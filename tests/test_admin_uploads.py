"""Uploads: type by content, playable videos, size limits, and attacks refused with nothing stored."""
import io
import zipfile

import pytest

from admin_server.content import set_settings
from admin_server.filetypes import DOCX, MP4, ODT, PDF, WEBM
from tests.support.admin import (PDF_BYTES, add_category, admin, app, count, data_dir, db_for,  # noqa: F401
                                 docx_bytes, make_video, media_rows, odt_bytes, staging_leftovers, stored_blobs,
                                 TEMPLATE_FIELDS, upload_template)


@pytest.fixture
def editor(admin):
    add_category(admin)
    return admin


def zip_bytes(members: dict) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


# --- accepted -----------------------------------------------------------------

@pytest.mark.parametrize("content, name, mime, stored_name", [
    (docx_bytes(), "divorce-ru.docx", DOCX, "divorce-ru.docx"),
    (PDF_BYTES, "Иск о разводе.pdf", PDF, "Иск о разводе.pdf"),
    (odt_bytes(), "divorce.odt", ODT, "divorce.odt"),
    # The type comes from the content: a PDF named .docx is stored as a PDF named .pdf.
    (PDF_BYTES, "divorce.docx", PDF, "divorce.pdf"),
])
def test_documents_are_accepted_by_content(editor, data_dir, content, name, mime, stored_name):
    r = upload_template(editor, {"file_ru": (content, name)})
    assert r.status_code == 303, r.get_data(as_text=True)
    row = next(db_for(data_dir).query(
        "SELECT f.name, m.type, m.size FROM template_files f JOIN media m USING (sha256)"))
    assert (row["name"], row["type"], row["size"]) == (stored_name, mime, len(content))
    assert staging_leftovers(data_dir) == []


def test_upload_by_script_answers_json(editor):
    r = upload_template(editor, {"file_kk": (docx_bytes(), "a.docx")}, headers={"X-Requested-With": "XMLHttpRequest"})
    assert r.status_code == 200 and r.get_json() == {"redirect": "/admin/templates/"}


def test_a_video_is_probed_and_its_length_kept(editor, data_dir, tmp_path):
    clip = make_video(tmp_path / "clip.mp4", seconds=2)
    r = editor.upload("/admin/videos/new", {"title.ru": "Клип", "enabled": "1"},
                      {"file": (clip.read_bytes(), "clip.mp4")})
    assert r.status_code == 303, r.get_data(as_text=True)
    video = next(db_for(data_dir)["videos"].rows)
    assert video["duration_s"] == pytest.approx(2.0, abs=0.1)
    assert media_rows(data_dir)[video["sha256"]]["type"] == MP4


def test_webm_is_accepted(editor, data_dir, tmp_path):
    clip = make_video(tmp_path / "clip.webm", seconds=1, extra=("-c:v", "libvpx", "-b:v", "200k"))
    r = editor.upload("/admin/videos/new", {"title.ru": "WebM"}, {"file": (clip.read_bytes(), "clip.webm")})
    assert r.status_code == 303, r.get_data(as_text=True)
    assert media_rows(data_dir)[next(db_for(data_dir)["videos"].rows)["sha256"]]["type"] == WEBM


# --- refused, with nothing stored -------------------------------------------------

def html_as_docx():
    return b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script>Claim</body></html>"


def pdf_zip_polyglot():
    return PDF_BYTES + zip_bytes({"payload.html": "<script>alert(1)</script>"})


def pdf_html_polyglot():
    return b"%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF\n"


def docx_pdf_polyglot():
    # A real DOCX whose first member name carries a PDF header: PDF readers look in the first 1 KB.
    good = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    members = {"%PDF-1.4 trailer": "x"} | {n: good.read(n) for n in good.namelist()}
    return zip_bytes(members)


def zip_slip_docx():
    good = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    return zip_bytes({n: good.read(n) for n in good.namelist()} | {"../../evil.sh": "rm -rf /"})


def plain_zip():
    return zip_bytes({"notes.txt": "not a document"})


ATTACKS = {
    "html named .docx": (html_as_docx(), "claim.docx", "is not a PDF, DOCX or ODT document"),
    "pdf + zip polyglot": (pdf_zip_polyglot(), "claim.pdf", "at the same time an archive"),
    "pdf + html polyglot": (pdf_html_polyglot(), "claim.pdf", "web page code (HTML)"),
    "docx + pdf polyglot": (docx_pdf_polyglot(), "claim.docx", "at the same time a PDF"),
    "zip slip inside a docx": (zip_slip_docx(), "claim.docx", "paths outside it"),
    "zip that is no document": (plain_zip(), "claim.docx", "is not a PDF, DOCX or ODT document"),
    "path as file name": (PDF_BYTES, "../../etc/passwd", "looks like a folder path"),
    "windows path as file name": (PDF_BYTES, "..\\..\\boot.ini", "looks like a folder path"),
    "hidden file name": (PDF_BYTES, ".htaccess", "looks like a folder path"),
    "empty file": (b"", "empty.pdf", "The file is empty"),
    "truncated pdf": (PDF_BYTES[:60], "cut.pdf", "The PDF is incomplete"),
}


@pytest.mark.parametrize("name", list(ATTACKS))
def test_document_attacks_are_refused_and_nothing_stored(editor, data_dir, name):
    content, filename, message = ATTACKS[name]
    blobs, rows = stored_blobs(data_dir), media_rows(data_dir)
    r = upload_template(editor, {"file_ru": (content, filename)})
    assert r.status_code == 422
    page = r.get_data(as_text=True)
    assert message in page
    assert "Nothing was saved" in page
    assert 'value="Развод"' in page  # the typed input is kept
    assert stored_blobs(data_dir) == blobs
    assert media_rows(data_dir) == rows
    assert count(data_dir, "templates") == 0 and count(data_dir, "template_files") == 0
    assert staging_leftovers(data_dir) == []
    assert not (data_dir.parent / "etc").exists()


def test_a_refused_file_leaves_the_existing_one(editor, data_dir):
    assert upload_template(editor, {"file_ru": (PDF_BYTES, "good.pdf")}).status_code == 303
    before = list(db_for(data_dir)["template_files"].rows)
    r = editor.upload("/admin/templates/1/edit", TEMPLATE_FIELDS, {"file_ru": (html_as_docx(), "new.docx")})
    assert r.status_code == 422
    assert list(db_for(data_dir)["template_files"].rows) == before


def test_one_bad_file_stops_the_whole_form(editor, data_dir):
    blobs = stored_blobs(data_dir)
    r = upload_template(editor, {"file_kk": (docx_bytes(), "good.docx"), "file_ru": (b"", "empty.docx")})
    assert r.status_code == 422 and "The file is empty" in r.get_data(as_text=True)
    assert stored_blobs(data_dir) == blobs and count(data_dir, "templates") == 0


def _set_limits(data_dir, **mb):
    db = db_for(data_dir)
    with db.atomic():
        set_settings(db, mb)
    db.conn.close()


def test_a_file_over_the_limit_is_refused(editor, data_dir):
    _set_limits(data_dir, max_document_mb=1)
    big = PDF_BYTES[:-6] + b"%" + b"x" * (1024 * 1024 + 10) + b"\n%%EOF\n"
    blobs = stored_blobs(data_dir)
    r = upload_template(editor, {"file_ru": (big, "big.pdf")})
    assert r.status_code == 422
    assert "larger than the limit of 1 MB" in r.get_data(as_text=True)
    assert stored_blobs(data_dir) == blobs and staging_leftovers(data_dir) == []
    # Just under the limit is fine.
    ok = PDF_BYTES[:-6] + b"%" + b"x" * (1024 * 1024 - 1000) + b"\n%%EOF\n"
    assert upload_template(editor, {"file_ru": (ok, "ok.pdf")}).status_code == 303


def test_a_request_far_over_the_limit_is_refused_unread(editor, data_dir):
    _set_limits(data_dir, max_video_mb=1)
    blobs = stored_blobs(data_dir)
    r = editor.upload("/admin/videos/new", {"title.ru": "x"}, {"file": (b"\0" * (3 * 1024 * 1024), "huge.mp4")})
    assert r.status_code == 413
    assert "larger than the size limit" in r.get_data(as_text=True)
    assert stored_blobs(data_dir) == blobs and count(data_dir, "videos") == 0


def _truncate(path, fraction=0.5):
    data = path.read_bytes()
    return data[: int(len(data) * fraction)]


@pytest.mark.parametrize("faststart", [False, True], ids=["index-at-end", "index-at-start"])
def test_a_truncated_mp4_is_refused(editor, data_dir, tmp_path, faststart):
    extra = ("-movflags", "+faststart") if faststart else ()
    clip = make_video(tmp_path / "clip.mp4", seconds=3, extra=extra)
    blobs = stored_blobs(data_dir)
    r = editor.upload("/admin/videos/new", {"title.ru": "Обрезано"}, {"file": (_truncate(clip), "clip.mp4")})
    assert r.status_code == 422
    page = r.get_data(as_text=True)
    assert "The video cannot be played" in page and 'value="Обрезано"' in page
    assert stored_blobs(data_dir) == blobs and count(data_dir, "videos") == 0
    assert staging_leftovers(data_dir) == []


def test_a_document_is_not_a_video(editor, data_dir):
    r = editor.upload("/admin/videos/new", {"title.ru": "x"}, {"file": (PDF_BYTES, "clip.mp4")})
    assert r.status_code == 422 and "is not an MP4 or WebM video" in r.get_data(as_text=True)
    assert count(data_dir, "videos") == 0


def test_sound_without_picture_is_refused(editor, data_dir, tmp_path):
    import shutil
    import subprocess

    audio = tmp_path / "sound.mp4"
    subprocess.run([shutil.which("ffmpeg"), "-v", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=1",
                    str(audio)], check=True, timeout=60)
    r = editor.upload("/admin/videos/new", {"title.ru": "x"}, {"file": (audio.read_bytes(), "sound.mp4")})
    assert r.status_code == 422 and "no picture" in r.get_data(as_text=True)
    assert count(data_dir, "videos") == 0


def test_a_video_is_required_for_a_new_entry(editor, data_dir):
    r = editor.upload("/admin/videos/new", {"title.ru": "x"}, {})
    assert r.status_code == 422 and "Choose a file to upload." in r.get_data(as_text=True)


def test_missing_ffprobe_is_explained(data_dir, tmp_path):
    from admin_server import create_app
    from tests.support.admin import Staff

    app = create_app({"DATA_DIR": str(data_dir), "TESTING": True, "FFPROBE": str(tmp_path / "no-ffprobe")})
    staff = Staff(app)
    staff.login()
    clip = make_video(tmp_path / "clip.mp4", seconds=1)
    r = staff.upload("/admin/videos/new", {"title.ru": "x"}, {"file": (clip.read_bytes(), "clip.mp4")})
    assert r.status_code == 422 and "ffprobe is not installed" in r.get_data(as_text=True)
    assert count(data_dir, "videos") == 0


def test_draft_files_are_served_to_staff_only(editor, app, data_dir):
    upload_template(editor, {"file_ru": (docx_bytes(), "divorce-ru.docx")})
    r = editor.get("/admin/templates/1/file/ru")
    assert r.status_code == 200 and r.mimetype == DOCX
    assert "attachment" in r.headers["Content-Disposition"]
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    sha = next(db_for(data_dir)["template_files"].rows)["sha256"]
    assert app.test_client().get(f"/admin/media/{sha}").status_code == 302
    # Drafts are not on the public API until published.
    assert app.test_client().get(f"/api/v1/media/{sha}").status_code == 404
