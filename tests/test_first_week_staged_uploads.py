"""A court's first week: a form refused for one field keeps the files it already checked, so nobody has to
choose them again. The kept file waits in the media store's temp folder under a random token that only its
own sign-in may use, for an hour; clean_temp spares the live ones and removes the stale ones."""
import hashlib
import os
import re
import time

import pytest

from admin_server.store import KEPT_FOR_S, KEPT_PREFIX, MediaStore
from tests.support.admin import (PDF_BYTES, add_category, admin, app, audit_rows, count, data_dir,  # noqa: F401
                                 db_for, docx_bytes, make_user, make_video, media_rows, png_bytes,
                                 staging_leftovers, stored_blobs, TEMPLATE_FIELDS)
from tests.support.staff import Staff, edit_form

KK = docx_bytes("Некені бұзу туралы талап қою")
RU = PDF_BYTES
NO_TITLE = {k: v for k, v in TEMPLATE_FIELDS.items() if k != "title.ru"}


@pytest.fixture
def editor(admin):
    add_category(admin)
    return admin


def tokens(page: str) -> dict:
    """Field name -> the token of its kept file, from the re-rendered form."""
    return dict(re.findall(r'name="(\w+)\.kept" value="([0-9a-f]+)"', page))


def kept_names(page: str) -> list[str]:
    return re.findall(r'<span class="kept-mark" aria-hidden="true">✓</span> (.*?) \(\d+ KB\) — kept, already checked',
                      page)


def with_tokens(fields: dict, kept: dict) -> dict:
    return fields | {f"{name}.kept": token for name, token in kept.items()}


def kept_files(data_dir) -> list[str]:
    return sorted(n for n in staging_leftovers(data_dir) if not n.endswith(".json"))


def refused_with_files(staff, fields=NO_TITLE, files=None, url="/admin/templates/new"):
    files = files or {"file_kk": (KK, "divorce-kk.docx"), "file_ru": (RU, "divorce-ru.pdf")}
    r = staff.upload(url, fields, files)
    assert r.status_code == 422, r.get_data(as_text=True)
    return r.get_data(as_text=True)


def stored_file(data_dir, lang) -> dict:
    return next(db_for(data_dir).query(
        "SELECT f.name, f.sha256, m.size FROM template_files f JOIN media m USING (sha256) WHERE lang = ?", [lang]))


# --- the path: refused, kept, saved -------------------------------------------------------------

def test_a_missing_title_keeps_the_checked_files_for_the_retry(editor, data_dir):
    blobs = stored_blobs(data_dir)
    page = refused_with_files(editor)
    assert 'id="err-title"' in page
    assert kept_names(page) == ["divorce-kk.docx", "divorce-ru.pdf"]
    assert "The files that passed their checks are kept" in page
    kept = tokens(page)
    assert set(kept) == {"file_kk", "file_ru"}
    # Nothing is stored yet: the files wait in the temp folder, not in the content store.
    assert stored_blobs(data_dir) == blobs and count(data_dir, "template_files") == 0
    assert kept_files(data_dir) == sorted(f"{KEPT_PREFIX}{t}" for t in kept.values())

    r = editor.upload("/admin/templates/new", with_tokens(TEMPLATE_FIELDS, kept), {})
    assert r.status_code == 303, r.get_data(as_text=True)
    for lang, content, name in (("kk", KK, "divorce-kk.docx"), ("ru", RU, "divorce-ru.pdf")):
        f = stored_file(data_dir, lang)
        assert (f["name"], f["sha256"], f["size"]) == (name, hashlib.sha256(content).hexdigest(), len(content))
        assert editor.get(f"/admin/templates/1/file/{lang}").data == content
    assert staging_leftovers(data_dir) == []
    created = next(a for a in audit_rows(data_dir) if a["entity"] == "templates" and a["action"] == "create")
    assert "divorce-kk.docx" in created["new"] and "divorce-ru.pdf" in created["new"]


def test_a_bad_slug_keeps_the_files_too(editor, data_dir):
    page = refused_with_files(editor, TEMPLATE_FIELDS | {"slug": "a/b"})
    assert 'id="err-slug"' in page and kept_names(page) == ["divorce-kk.docx", "divorce-ru.pdf"]
    r = editor.upload("/admin/templates/new", with_tokens(TEMPLATE_FIELDS, tokens(page)), {})
    assert r.status_code == 303 and count(data_dir, "template_files") == 2


def test_a_refused_file_is_not_kept_but_its_good_neighbour_is(editor, data_dir):
    page = refused_with_files(editor, TEMPLATE_FIELDS, {"file_kk": (KK, "divorce-kk.docx"),
                                                        "file_ru": (b"", "empty.pdf")})
    assert "The file is empty" in page and 'id="err-file_ru"' in page
    assert kept_names(page) == ["divorce-kk.docx"] and set(tokens(page)) == {"file_kk"}
    r = editor.upload("/admin/templates/new", with_tokens(TEMPLATE_FIELDS, tokens(page)),
                      {"file_ru": (RU, "divorce-ru.pdf")})
    assert r.status_code == 303
    assert stored_file(data_dir, "kk")["sha256"] == hashlib.sha256(KK).hexdigest()
    assert stored_file(data_dir, "ru")["sha256"] == hashlib.sha256(RU).hexdigest()


def test_kept_again_after_a_second_refusal(editor, data_dir):
    first = tokens(refused_with_files(editor))
    page = editor.upload("/admin/templates/new", with_tokens(NO_TITLE, first), {}).get_data(as_text=True)
    second = tokens(page)
    assert kept_names(page) == ["divorce-kk.docx", "divorce-ru.pdf"] and set(second.values()).isdisjoint(first.values())
    assert editor.upload("/admin/templates/new", with_tokens(TEMPLATE_FIELDS, second), {}).status_code == 303
    assert count(data_dir, "template_files") == 2 and staging_leftovers(data_dir) == []


def test_a_new_file_replaces_the_kept_one(editor, data_dir):
    kept = tokens(refused_with_files(editor))
    other = docx_bytes("Другой текст")
    r = editor.upload("/admin/templates/new", with_tokens(TEMPLATE_FIELDS, kept), {"file_kk": (other, "new-kk.docx")})
    assert r.status_code == 303
    assert stored_file(data_dir, "kk")["sha256"] == hashlib.sha256(other).hexdigest()
    assert stored_file(data_dir, "kk")["name"] == "new-kk.docx"
    assert staging_leftovers(data_dir) == []  # the replaced kept file is gone


def test_do_not_use_this_file(editor, data_dir):
    kept = tokens(refused_with_files(editor))
    r = editor.upload("/admin/templates/new", with_tokens(TEMPLATE_FIELDS, kept) | {"file_ru.drop": "1"}, {})
    assert r.status_code == 303
    assert [f["lang"] for f in db_for(data_dir)["template_files"].rows] == ["kk"]
    assert staging_leftovers(data_dir) == []


# --- tokens that cannot be used -------------------------------------------------------------------

GONE = "The file kept from your last try is no longer here (kept files last an hour). Choose the file again."
NOT_YOURS = "That kept file belongs to another user or another sign-in; it cannot be used here."


def retry_refused(staff, kept, says, fields=TEMPLATE_FIELDS):
    r = staff.upload("/admin/templates/new", with_tokens(fields, kept), {})
    assert r.status_code == 422, r.get_data(as_text=True)
    page = r.get_data(as_text=True)
    assert says in page and "Nothing was saved" in page
    return page


def test_another_users_token_is_refused_and_their_file_stays(editor, app, data_dir):
    kept = tokens(refused_with_files(editor))
    make_user(data_dir, "other", "editor")
    other = Staff(app)
    assert other.login("other").status_code == 303
    retry_refused(other, kept, NOT_YOURS)
    assert count(data_dir, "template_files") == 0
    assert len(kept_files(data_dir)) == 2  # still there for its owner
    assert editor.upload("/admin/templates/new", with_tokens(TEMPLATE_FIELDS, kept), {}).status_code == 303


def test_another_sign_in_of_the_same_user_is_refused(editor, app, data_dir):
    kept = tokens(refused_with_files(editor))
    again = Staff(app)
    assert again.login().status_code == 303  # the same user, another browser
    retry_refused(again, kept, NOT_YOURS)
    # A sign-out and sign-in starts a new session: its kept files are no longer this session's.
    editor.post("/admin/logout")
    assert editor.login().status_code == 303
    retry_refused(editor, kept, NOT_YOURS)


def test_a_token_claims_its_file_once(editor, data_dir):
    kept = tokens(refused_with_files(editor))
    assert editor.upload("/admin/templates/new", with_tokens(TEMPLATE_FIELDS, kept), {}).status_code == 303
    retry_refused(editor, kept, GONE, TEMPLATE_FIELDS | {"slug": "again"})


@pytest.mark.parametrize("token", ["../../secret_key", "0" * 32, "KEPT", ""])
def test_a_made_up_token_is_refused(editor, data_dir, token):
    r = editor.upload("/admin/templates/new", TEMPLATE_FIELDS | {"file_kk.kept": token}, {})
    if token == "":
        assert r.status_code == 303  # no token: no file, as before
        return
    assert r.status_code == 422 and GONE in r.get_data(as_text=True)
    assert (data_dir / "secret_key").exists()


def test_a_token_of_another_kind_of_file_is_refused(editor, data_dir, tmp_path):
    clip = make_video(tmp_path / "clip.mp4", seconds=1).read_bytes()
    page = refused_with_files(editor, {"enabled": "1"}, {"file": (clip, "clip.mp4")}, url="/admin/videos/new")
    video_token = tokens(page)["file"]
    retry_refused(editor, {"file_kk": video_token}, GONE)


def test_a_stale_token_is_refused_and_its_file_removed(editor, data_dir):
    kept = tokens(refused_with_files(editor))
    old = time.time() - KEPT_FOR_S - 60
    for token in kept.values():
        os.utime(data_dir / "media" / ".tmp" / f"{KEPT_PREFIX}{token}", (old, old))
    retry_refused(editor, {"file_kk": kept["file_kk"]}, GONE)
    assert f"{KEPT_PREFIX}{kept['file_kk']}" not in staging_leftovers(data_dir)


def test_a_lowered_size_limit_applies_to_a_kept_file(editor, data_dir):
    from admin_server.content import set_settings

    big = PDF_BYTES[:-6] + b"%" + b"x" * (1024 * 1024 + 10) + b"\n%%EOF\n"
    kept = tokens(refused_with_files(editor, NO_TITLE, {"file_ru": (big, "big.pdf")}))
    db = db_for(data_dir)
    with db.atomic():
        set_settings(db, {"max_document_mb": 1})
    retry_refused(editor, kept, "The file is larger than the limit of 1 MB")


# --- clean-up -----------------------------------------------------------------------------------

def test_clean_temp_spares_live_kept_files_and_removes_stale_ones(tmp_path):
    store = MediaStore(tmp_path / "media")
    store.ensure()
    names = ["upload-dead", "stage-dead", f"{KEPT_PREFIX}{'a' * 32}", f"{KEPT_PREFIX}{'a' * 32}.json",
             f"{KEPT_PREFIX}{'b' * 32}", f"{KEPT_PREFIX}{'b' * 32}.json"]
    for name in names:
        (store.tmp / name).write_bytes(b"x")
    old = time.time() - KEPT_FOR_S - 1
    for name in names[4:]:
        os.utime(store.tmp / name, (old, old))
    assert store.clean_temp() == 4
    assert sorted(p.name for p in store.tmp.iterdir()) == names[2:4]
    # An hour later the live one is stale too.
    assert store.clean_temp(now=time.time() + KEPT_FOR_S + 1) == 2
    assert list(store.tmp.iterdir()) == []


def test_keeping_a_file_removes_stale_kept_ones(editor, data_dir):
    stale = data_dir / "media" / ".tmp" / f"{KEPT_PREFIX}{'c' * 32}"
    stale.write_bytes(b"old")
    old = time.time() - KEPT_FOR_S - 1
    os.utime(stale, (old, old))
    refused_with_files(editor)
    assert not stale.exists() and len(kept_files(data_dir)) == 2


# --- every form with files ----------------------------------------------------------------------

def test_a_video_is_kept_with_its_measured_length(editor, data_dir, tmp_path):
    clip = make_video(tmp_path / "clip.mp4", seconds=2).read_bytes()
    page = refused_with_files(editor, {"enabled": "1"}, {"file": (clip, "clip.mp4")}, url="/admin/videos/new")
    assert kept_names(page) == ["clip.mp4"] and 'id="err-title"' in page
    r = editor.upload("/admin/videos/new", with_tokens({"title.ru": "Клип", "enabled": "1"}, tokens(page)), {})
    assert r.status_code == 303, r.get_data(as_text=True)  # no "Choose a file": the kept one is the file
    video = next(db_for(data_dir)["videos"].rows)
    assert video["sha256"] == hashlib.sha256(clip).hexdigest() and video["duration_s"] == pytest.approx(2, abs=0.1)


def test_a_floor_plan_is_kept(editor, data_dir):
    plan = png_bytes()
    page = refused_with_files(editor, {"name.ru": "Зал 1", "floor": "2", "enabled": "1"},
                              {"plan": (plan, "floor-2.png")}, url="/admin/rooms/new")
    assert kept_names(page) == ["floor-2.png"] and 'id="err-number"' in page
    r = editor.upload("/admin/rooms/new", with_tokens({"number": "101", "name.ru": "Зал 1", "floor": "2",
                                                       "enabled": "1"}, tokens(page)), {})
    assert r.status_code == 303, r.get_data(as_text=True)
    assert next(db_for(data_dir)["rooms"].rows)["plan_sha256"] == hashlib.sha256(plan).hexdigest()


def test_a_colleagues_save_meanwhile_keeps_the_files(editor, app, data_dir):
    assert editor.upload("/admin/templates/new", TEMPLATE_FIELDS, {}).status_code == 303
    opened = edit_form(editor.get("/admin/templates/1/edit").get_data(as_text=True))
    make_user(data_dir, "colleague", "editor")
    colleague = Staff(app)
    assert colleague.login("colleague").status_code == 303
    assert colleague.upload("/admin/templates/1/edit", TEMPLATE_FIELDS | {"title.ru": "Развод (новый)"},
                            {}).status_code == 303
    mine = {k: v for k, v in opened if k != "csrf_token"} | {"description.ru": "Моё описание"}
    r = editor.upload("/admin/templates/1/edit", mine, {"file_kk": (KK, "divorce-kk.docx")})
    assert r.status_code == 409
    page = r.get_data(as_text=True)
    assert "Someone else saved this entry" in page and kept_names(page) == ["divorce-kk.docx"]
    again = {k: v for k, v in edit_form(page) if k != "csrf_token"}
    assert again["file_kk.kept"] == tokens(page)["file_kk"]
    assert editor.upload("/admin/templates/1/edit", again, {}).status_code == 303
    assert stored_file(data_dir, "kk")["sha256"] == hashlib.sha256(KK).hexdigest()
    row = next(db_for(data_dir)["templates"].rows)
    assert "Развод (новый)" in row["title"] and "Моё описание" in row["description"]
