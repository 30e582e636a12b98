"""Editing every content type: create, edit, delete, validation, escaping, audit, previews, publishing."""
import datetime as dt
import json
import re

import pytest

from admin_server.content import now_iso
from tests.support.admin import (PASSWORD, PDF_BYTES, Staff, add_category, admin, app, audit_rows,  # noqa: F401
                                      count, data_dir, db_for, docx_bytes, signed_in)

TRI = {"kk": "Қазақша мәтін", "ru": "Русский текст", "en": "English text"}


def tri(name, values=TRI):
    return {f"{name}.{lang}": text for lang, text in values.items()}


# area -> (table, valid new form, a change to make, the column that changes, its new stored value)
AREAS = {
    "fees": ("fee_rules", {**tri("title"), "code": "property-individual", "claim_kind": "property",
                           "applicant": "individual", "percent": "1", "cap_mrp": "10000", "valid_from": "2026-01-01"},
             {"percent": "1.5"}, "percent", 1.5),
    "reception": ("reception_slots", {**tri("person"), "weekday": "2", "start": "11:00", "end": "13:00",
                                      "phone": "+7 7292 50-10-20"}, {"end": "13:30"}, "end", "13:30"),
    "categories": ("template_categories", {**tri("title"), "code": "family"}, {"title.ru": "Семья"}, "title", None),
    "announcements": ("announcements", {**tri("text"), "starts_at": "2026-11-20T09:00", "priority": "1",
                                         "enabled": "1"}, {"emergency": "1"}, "emergency", 1),
    "links": ("links", {**tri("title"), "kind": "e_service", "url": "https://office.sud.kz", "icon": "office",
                        "enabled": "1"}, {"url": "https://sud.gov.kz"}, "url", "https://sud.gov.kz"),
    "settings/mrp": ("mrp_values", {"year": "2026", "value": "4325"}, {"value": "4330"}, "value", 4330),
}


def pk_of(area, data_dir, table):
    db = db_for(data_dir)
    return {"categories": "family", "settings/mrp": 2026}.get(area) or next(db[table].rows)["id"]


@pytest.mark.parametrize("area", list(AREAS))
def test_create_edit_delete_with_audit(admin, data_dir, area):
    table, form, change, column, new_value = AREAS[area]
    r = admin.post(f"/admin/{area}/new", form)
    assert r.status_code == 303, r.get_data(as_text=True)
    assert count(data_dir, table) == 1
    pk = pk_of(area, data_dir, table)
    created = [a for a in audit_rows(data_dir) if a["action"] == "create" and a["entity"] == table]
    assert len(created) == 1 and str(pk) == created[0]["entity_id"]
    assert "Added" in admin.get(f"/admin/{area}/").get_data(as_text=True)

    # Edit: the form shows the stored values, and the change is audited as old -> new.
    page = admin.get(f"/admin/{area}/{pk}/edit").get_data(as_text=True)
    assert ("Русский текст" in page) or ("4325" in page)
    r = admin.post(f"/admin/{area}/{pk}/edit", form | change)
    assert r.status_code == 303, r.get_data(as_text=True)
    row = db_for(data_dir).execute(f"SELECT * FROM {table}").fetchone()
    updated = [a for a in audit_rows(data_dir) if a["action"] == "update" and a["entity"] == table]
    assert len(updated) == 1
    old, new = json.loads(updated[0]["old"]), json.loads(updated[0]["new"])
    assert set(new) == {column}
    assert old[column] != new[column]
    if new_value is not None:
        assert new[column] == new_value

    # Saving again unchanged writes no audit row.
    assert admin.post(f"/admin/{area}/{pk}/edit", form | change).status_code == 303
    assert len([a for a in audit_rows(data_dir) if a["action"] == "update" and a["entity"] == table]) == 1

    assert admin.get(f"/admin/{area}/{pk}/delete").status_code == 200
    assert count(data_dir, table) == 1  # a GET only asks
    assert admin.post(f"/admin/{area}/{pk}/delete").status_code == 303
    assert count(data_dir, table) == 0
    deleted = [a for a in audit_rows(data_dir) if a["action"] == "delete" and a["entity"] == table]
    assert len(deleted) == 1 and json.loads(deleted[0]["old"]) and deleted[0]["new"] is None
    assert row is not None


def test_templates_and_videos_audit_their_files(admin, data_dir):
    add_category(admin)
    admin.upload("/admin/templates/new", {**tri("title"), "slug": "divorce", "category": "family"},
                 {"file_ru": (PDF_BYTES, "divorce-ru.pdf")})
    admin.upload("/admin/templates/1/edit", {**tri("title"), "slug": "divorce", "category": "family"},
                 {"file_kk": (docx_bytes(), "divorce-kk.docx")})
    rows = [a for a in audit_rows(data_dir) if a["entity"] == "templates"]
    assert json.loads(rows[0]["new"])["file_ru"] == "divorce-ru.pdf"
    assert json.loads(rows[1]["new"]) == {"file_kk": "divorce-kk.docx"}
    assert json.loads(rows[1]["old"]) == {"file_kk": None}
    assert admin.post("/admin/templates/1/file/kk/delete").status_code == 303
    assert json.loads(audit_rows(data_dir)[-1]["old"]) == {"file_kk": "divorce-kk.docx"}
    assert count(data_dir, "template_files") == 1


@pytest.mark.parametrize("area, data, field, message", [
    ("fees", {"code": "Bad Code!", "claim_kind": "p", "applicant": "any", "mrp": "1", "title.ru": "x"}, "code",
     "Use lowercase Latin letters, digits and dashes"),
    ("fees", {"code": "a", "claim_kind": "p", "applicant": "any", "title.ru": "x"}, "percent",
     "Give a percent of the claim amount, a fixed fee in MRP, a base rule"),
    ("fees", {"code": "a", "claim_kind": "p", "applicant": "any", "title.ru": "x", "percent": "abc"}, "percent",
     "Enter a number, e.g. 0.5 or 10000."),
    ("fees", {"code": "a", "claim_kind": "p", "applicant": "any", "title.ru": "x", "percent": "150"}, "percent",
     "The largest allowed value is 100."),
    ("fees", {"code": "a", "claim_kind": "p", "applicant": "any", "title.ru": "x", "mrp": "-1"}, "mrp",
     "The smallest allowed value is 0."),
    ("fees", {"code": "a", "claim_kind": "p", "applicant": "nobody", "title.ru": "x", "mrp": "1"}, "applicant",
     "Choose one of the offered values."),
    ("fees", {"code": "a", "claim_kind": "p", "applicant": "any", "title.ru": "x", "mrp": "1", "factor": "0.5"},
     "factor", "A factor is used only with a base rule"),
    ("fees", {"code": "a", "claim_kind": "p", "applicant": "any", "mrp": "1"}, "title",
     "Write this in at least one language"),
    ("fees", {"code": "a", "claim_kind": "p", "applicant": "any", "title.ru": "x", "mrp": "1",
              "valid_from": "2026-02-01", "valid_to": "2026-01-01"}, "valid_to", "This must not be before the start."),
    ("fees", {"code": "a", "claim_kind": "p", "applicant": "any", "title.ru": "x", "mrp": "1",
              "valid_from": "31.01.2026"}, "valid_from", "Enter a date like 2026-01-31."),
    ("reception", {"person.ru": "x", "weekday": "2", "start": "13:00", "end": "11:00"}, "end",
     "The reception must end after it starts."),
    ("reception", {"person.ru": "x", "weekday": "8", "start": "11:00", "end": "13:00"}, "weekday",
     "Choose one of the offered values."),
    ("reception", {"person.ru": "x", "weekday": "2", "start": "25:00", "end": "26:00"}, "start",
     "Enter a time like 09:30"),
    ("reception", {"person.ru": "x", "weekday": "2", "start": "11:00", "end": "13:00", "phone": "call me"},
     "phone", "Enter a phone number"),
    ("links", {"title.ru": "x", "kind": "social", "url": "javascript:alert(1)"}, "url",
     "Enter a full web address starting with https://"),
    ("links", {"title.ru": "x" * 301, "kind": "social", "url": "https://t.me/x"}, "title",
     "This is too long: at most 300 characters."),
    ("announcements", {"text.ru": "x", "priority": "0", "starts_at": "2026-11-21T10:00",
                       "ends_at": "2026-11-20T10:00"}, "ends_at", "This must not be before the start."),
    ("announcements", {"text.ru": "x", "priority": "high"}, "priority", "Enter a whole number, e.g. 90."),
    # An empty code is filled from the title (tests/test_first_week_slugs.py); one with a slash is refused.
    ("categories", {"title.ru": "x", "code": "a/b"}, "code", "can hold only Latin letters, digits and dashes"),
    ("settings/mrp", {"year": "1800", "value": "100"}, "year", "The smallest allowed value is 1990."),
    ("templates", {"title.ru": "x", "slug": "a", "category": "missing"}, "category",
     "Choose one of the offered values."),
])
def test_validation_says_what_to_do_and_keeps_the_input(admin, data_dir, area, data, field, message):
    r = admin.post(f"/admin/{area}/new", data)
    assert r.status_code == 422
    page = r.get_data(as_text=True)
    assert message in page
    # The sentence sits next to its field, which is marked invalid.
    assert f'id="err-{field}"' in page and 'aria-invalid="true"' in page
    assert "Nothing was saved" in page
    for key, value in data.items():
        if value and key not in ("applicant", "weekday", "category", "kind"):
            assert value.replace('"', "&#34;") in page, key
    assert not [a for a in audit_rows(data_dir) if a["action"] == "create" and a["entity"] != "users"]


def test_unique_codes(admin):
    form = AREAS["fees"][1]
    assert admin.post("/admin/fees/new", form).status_code == 303
    r = admin.post("/admin/fees/new", form)
    assert r.status_code == 422 and "“property-individual” is already used" in r.get_data(as_text=True)


def test_fee_rule_cycles_are_refused(admin):
    base = {"title.ru": "x", "claim_kind": "p", "applicant": "any"}
    admin.post("/admin/fees/new", base | {"code": "first", "mrp": "1"})
    admin.post("/admin/fees/new", base | {"code": "appeal", "base_rule": "first", "factor": "0.5"})
    r = admin.post("/admin/fees/1/edit", base | {"code": "first", "base_rule": "appeal", "factor": "1"})
    assert r.status_code == 422 and "(a cycle)" in r.get_data(as_text=True)
    r = admin.post("/admin/fees/new", base | {"code": "self", "base_rule": "self", "factor": "1"})
    assert r.status_code == 422


def test_a_category_in_use_cannot_be_deleted(admin, data_dir):
    add_category(admin)
    admin.upload("/admin/templates/new", {"title.ru": "x", "slug": "a", "category": "family"}, {})
    r = admin.post("/admin/categories/family/delete")
    assert r.status_code == 409 and "is still used by other content" in r.get_data(as_text=True)
    assert count(data_dir, "template_categories") == 1


def test_missing_rows_are_404_with_a_sentence(admin):
    r = admin.get("/admin/fees/999/edit")
    assert r.status_code == 404 and "This entry does not exist" in r.get_data(as_text=True)


# --- escaping ---------------------------------------------------------------------

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_html_in_every_text_field_is_escaped_everywhere(admin, data_dir):
    evil = {lang: XSS for lang in ("kk", "ru", "en")}
    assert admin.post("/admin/categories/new", {**tri("title", evil), "code": "evil"}).status_code == 303
    forms = {
        "fees": {**tri("title", evil), **tri("note", evil), **tri("legal_ref", evil), "code": "x1",
                 "claim_kind": "x", "applicant": "any", "mrp": "1"},
        "reception": {**tri("person", evil), **tri("position", evil), **tri("court", evil), **tri("room", evil),
                      **tri("booking_note", evil), "weekday": "1", "start": "09:00", "end": "10:00"},
        "announcements": {**tri("text", evil), "priority": "0", "enabled": "1", "emergency": "1"},
        "links": {**tri("title", evil), **tri("description", evil), "kind": "social", "url": "https://t.me/x",
                  "enabled": "1"},
    }
    for area, form in forms.items():
        assert admin.post(f"/admin/{area}/new", form).status_code == 303, area
    r = admin.upload("/admin/templates/new", {**tri("title", evil), **tri("description", evil), "slug": "evil",
                                              "category": "evil", "enabled": "1"}, {"file_ru": (PDF_BYTES, "x.pdf")})
    assert r.status_code == 303
    admin.post("/admin/settings/", {**tri("court_name", evil), "timezone": "Asia/Almaty", "idle_timeout_s": "90",
                                    "idle_warning_s": "30", "default_language": "kk", "max_document_mb": "20",
                                    "max_video_mb": "300", "public_base_url": "https://kiosk.example.kz",
                                        "hearing_parties": "initials", "hearing_retention_days": "7"})
    admin.post("/admin/kiosks/new", {"id": "k1", "name": XSS, "mode": "kiosk"})
    pages = ["/admin/", "/admin/publish/", "/admin/audit/", "/admin/kiosks/", "/admin/settings/",
             "/admin/templates/1/edit"]
    for area in ("fees", "reception", "announcements", "links", "templates", "categories"):
        pages += [f"/admin/{area}/", f"/admin/{area}/{'evil' if area == 'categories' else 1}/edit",
                  f"/admin/{area}/{'evil' if area == 'categories' else 1}/delete"]
    for url in pages:
        r = admin.get(url)
        assert r.status_code == 200, url
        body = r.get_data(as_text=True)
        assert "<script>alert" not in body and "<img src=x" not in body, url
        assert "&lt;script&gt;" in body or "&lt;img" in body, url
    # Publishing shows it on the public page escaped too.
    publisher = admin
    assert publisher.post("/admin/publish/").status_code == 303
    body = admin.get("/t/evil").get_data(as_text=True)
    assert "<script>alert" not in body and "&lt;script&gt;" in body


# --- publishing -------------------------------------------------------------------

def test_publish_diff_publish_and_rollback(admin, data_dir):
    admin.post("/admin/links/new", AREAS["links"][1])
    page = admin.get("/admin/publish/").get_data(as_text=True)
    assert "Links" in page and "added" in page and "English text" in page
    r = admin.post("/admin/publish/", {"note": "first"})
    assert r.status_code == 303
    assert "Published version 1" in admin.get("/admin/publish/").get_data(as_text=True)
    assert admin.get("/api/v1/manifest").get_json()["links"][0]["url"] == "https://office.sud.kz"
    assert "No changes" in admin.get("/admin/publish/").get_data(as_text=True)

    admin.post("/admin/links/1/edit", AREAS["links"][1] | {"url": "https://sud.gov.kz"})
    admin.post("/admin/reception/new", AREAS["reception"][1])
    page = admin.get("/admin/publish/").get_data(as_text=True)
    assert re.search(r"changed</span>\s*English text\s*<span class=\"muted\">\(Address \(URL\)\)", page)
    assert "Reception days" in page
    admin.post("/admin/publish/")
    admin.post("/admin/links/1/delete")
    assert "removed" in admin.get("/admin/publish/").get_data(as_text=True)

    r = admin.post("/admin/publish/rollback/1")
    assert r.status_code == 303
    manifest = admin.get("/api/v1/manifest").get_json()
    assert manifest["version"] == 3 and manifest["reception"] == []
    assert manifest["links"][0]["url"] == "https://office.sud.kz"
    assert "Version 1 is published again as version 3" in admin.get("/admin/publish/").get_data(as_text=True)
    actions = [a["action"] for a in audit_rows(data_dir) if a["entity"] == "published_versions"]
    assert actions == ["publish", "publish", "rollback"]


def test_publishing_nothing_new_says_so(admin):
    admin.post("/admin/publish/")
    admin.post("/admin/publish/")
    assert "Nothing changed since version 1" in admin.get("/admin/publish/").get_data(as_text=True)


def test_content_kiosks_would_refuse_is_not_published(admin, data_dir):
    db = db_for(data_dir)
    db["reception_slots"].insert({"person": '{"ru": "x"}', "weekday": 9, "start": "10:00", "end": "11:00"})
    db.conn.commit()
    page = admin.get("/admin/publish/").get_data(as_text=True)
    assert "Kiosks would refuse this content" in page and "Publish to all kiosks" not in page
    admin.post("/admin/publish/")
    assert count(data_dir, "published_versions") == 0


def test_deleting_a_published_template_keeps_its_downloads(admin, data_dir):
    add_category(admin)
    content = docx_bytes("Published claim")
    admin.upload("/admin/templates/new", {"title.ru": "Развод", "slug": "divorce", "category": "family",
                                          "enabled": "1"}, {"file_ru": (content, "divorce-ru.docx")})
    admin.post("/admin/publish/")
    sha = admin.get("/api/v1/manifest").get_json()["templates"][0]["files"]["ru"]["sha256"]
    assert admin.post("/admin/templates/1/delete").status_code == 303
    assert count(data_dir, "templates") == 0
    public = app_client(admin)
    for _ in range(2):  # until the next publish, the published version still serves its files
        r = public.get("/t/divorce/file/ru")
        assert r.status_code == 200 and r.data == content
        assert public.get("/t/divorce").status_code == 200
        assert public.get(f"/api/v1/media/{sha}").data == content
    admin.post("/admin/publish/")
    assert public.get("/t/divorce").status_code == 404
    # ...and rolling back brings the download back.
    admin.post("/admin/publish/rollback/1")
    assert public.get("/t/divorce/file/ru").data == content


def app_client(staff):
    return staff.app.test_client()


# --- previews ---------------------------------------------------------------------

def test_fee_preview_shows_sample_amounts(admin, data_dir):
    admin.post("/admin/settings/mrp/new", {"year": "2026", "value": "4325"})
    admin.post("/admin/settings/mrp/new", {"year": "2025", "value": "3932"})
    admin.post("/admin/fees/new", AREAS["fees"][1])
    page = admin.get("/admin/fees/1/edit").get_data(as_text=True)
    assert "The fee on the kiosk" in page
    # 1 % of 1 000 000 and the cap of 10 000 MRP on five billion.
    assert "10,000.00\u00a0₸" in page  # the admin's language (English here) writes the amount
    mrp = 4325 if dt.date.today().year >= 2026 else 3932
    cap = f"{10000 * mrp:,}" + ".00"
    assert cap in page and "capped" in page
    page = admin.get("/admin/fees/1/edit?amount=250000").get_data(as_text=True)
    assert "2,500.00" in page
    page = admin.get("/admin/fees/1/edit?amount=lots").get_data(as_text=True)
    assert "The claim amount must be digits" in page


def test_fee_preview_without_mrp_explains(admin):
    admin.post("/admin/fees/new", AREAS["fees"][1])
    assert "No MRP value is set" in admin.get("/admin/fees/1/edit").get_data(as_text=True)


def test_template_shows_its_qr_code_and_url(admin):
    add_category(admin)
    admin.upload("/admin/templates/new", {"title.ru": "x", "slug": "divorce", "category": "family",
                                          "enabled": "1"}, {})
    page = admin.get("/admin/templates/1/edit").get_data(as_text=True)
    assert "http://127.0.0.1:8000/t/divorce" in page and 'src="/admin/templates/1/qr.svg"' in page
    assert "works for visitors after the next publish" in page
    svg = admin.get("/admin/templates/1/qr.svg")
    assert svg.mimetype == "image/svg+xml" and b"<svg" in svg.data
    admin.post("/admin/publish/")
    assert "Open the public page" in admin.get("/admin/templates/1/edit").get_data(as_text=True)


def test_qr_code_encodes_the_public_url(admin):
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    from admin_server.qr import qr_png

    add_category(admin)
    admin.upload("/admin/templates/new", {"title.ru": "x", "slug": "divorce", "category": "family"}, {})
    page = admin.get("/admin/templates/1/edit").get_data(as_text=True)
    url = re.search(r'<p class="url">([^<]+)</p>', page).group(1)
    import io

    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr_png(url))))
    assert results[0].text == url == "http://127.0.0.1:8000/t/divorce"


# --- ordering ---------------------------------------------------------------------

def test_reorder_with_buttons_and_drag(admin, data_dir):
    for i in range(3):
        admin.post("/admin/links/new", {"title.ru": f"L{i}", "kind": "social", "url": f"https://t.me/{i}"})
    order = lambda: [r["title"] for r in db_for(data_dir).query("SELECT title FROM links ORDER BY sort_order")]  # noqa
    assert admin.post("/admin/links/3/move", {"direction": "up"}).status_code == 303
    assert [json.loads(t)["ru"] for t in order()] == ["L0", "L2", "L1"]
    r = admin.client.post("/admin/links/order", json={"ids": [2, 1, 3]}, headers={"X-CSRF-Token": admin.token})
    assert r.get_json()["ok"]
    assert [json.loads(t)["ru"] for t in order()] == ["L1", "L0", "L2"]
    r = admin.client.post("/admin/links/order", json={"ids": [1, 2]}, headers={"X-CSRF-Token": admin.token})
    assert r.status_code == 409 and "reload the page" in r.get_json()["error"]
    r = admin.client.post("/admin/links/order", json=["x"], headers={"X-CSRF-Token": admin.token})
    assert r.status_code == 400
    assert [a["action"] for a in audit_rows(data_dir)].count("reorder") == 2


# --- dashboard, audit, settings, users, kiosks ------------------------------------------

def test_dashboard_kiosks_week_and_last_publish(admin, data_dir):
    db = db_for(data_dir)
    from admin_server.kiosks import create_kiosk

    with db.atomic():
        create_kiosk(db, "hall-1", "Hall one")
        create_kiosk(db, "hall-2", "Hall two")
        create_kiosk(db, "hall-3", "Hall three")
    fresh = now_iso()
    ago = lambda minutes: (dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=minutes)).isoformat()  # noqa: E731
    db.execute("UPDATE kiosks SET last_seen = ?, shown_version = 1 WHERE id = 'hall-1'", [fresh])
    db.execute("UPDATE kiosks SET last_seen = ? WHERE id = 'hall-2'", [ago(5)])
    db.execute("UPDATE kiosks SET last_seen = ? WHERE id = 'hall-3'", [ago(15)])
    db.conn.commit()
    soon = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    later = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    admin.post("/admin/fees/new", AREAS["fees"][1] | {"valid_from": "2020-01-01", "valid_to": soon})
    admin.post("/admin/reception/new", AREAS["reception"][1] | {"valid_from": later})
    admin.post("/admin/announcements/new", {"text.ru": "Пожарная тревога", "priority": "0", "enabled": "1",
                                            "emergency": "1"})
    admin.post("/admin/publish/")
    page = admin.get("/admin/").get_data(as_text=True)
    hall1 = page[page.index("Hall one"):page.index("Hall two")]
    assert "online" in hall1 and ">1<" in hall1.replace(" ", "")
    assert 'data-state="stale">stale<' in page[page.index("Hall two"):page.index("Hall three")]
    assert 'data-state="offline">offline<' in page[page.index("Hall three"):]
    week = page[page.index("This week"):]
    assert soon in week and "ends" in week and later not in week
    assert "Version 1" in page and "by boss" in page
    assert "Emergency announcement:" in page and "Пожарная тревога" in page
    assert "The kiosks show the current content." in page
    admin.post("/admin/links/new", AREAS["links"][1])
    assert "1 unpublished change" in admin.get("/admin/").get_data(as_text=True)


def test_audit_log_is_paginated_and_filtered(admin, data_dir):
    for i in range(60):
        admin.post("/admin/settings/mrp/new", {"year": str(1990 + i), "value": str(100 + i)})
    page1 = admin.get("/admin/audit/").get_data(as_text=True)
    assert page1.count('<tr>\n    <td class="nowrap">') == 50
    assert "Page 1 of 2" in page1 and "Older" in page1
    page2 = admin.get("/admin/audit/?page=2").get_data(as_text=True)
    assert "Page 2 of 2" in page2 and "Newer" in page2
    assert "<ins>2049</ins>" in page1 and "<ins>1990</ins>" in page2
    filtered = admin.get("/admin/audit/?entity=users").get_data(as_text=True)
    assert "mrp_values" not in filtered.split("<tbody>")[1]
    # The database refuses to change or delete audit rows.
    import sqlite3

    db = db_for(data_dir)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("DELETE FROM audit_log")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("UPDATE audit_log SET username = 'x'")


def test_settings_are_validated_and_audited(admin, data_dir):
    good = {**tri("court_name"), "timezone": "Asia/Aqtau", "idle_timeout_s": "90", "idle_warning_s": "30",
            "default_language": "kk", "max_document_mb": "20", "max_video_mb": "300",
            "public_base_url": "https://kiosk.mng.sud.kz", "court_phones": "+7 7292 50-10-20\n+7 7292 50-10-21",
            "hearing_parties": "initials", "hearing_retention_days": "7"}
    assert admin.post("/admin/settings/", good).status_code == 303
    from admin_server.content import get_settings

    s = get_settings(db_for(data_dir))
    assert s["court_phones"] == ["+7 7292 50-10-20", "+7 7292 50-10-21"] and s["court_name"] == TRI
    row = [a for a in audit_rows(data_dir) if a["entity"] == "settings"][-1]
    assert json.loads(row["new"])["public_base_url"] == "https://kiosk.mng.sud.kz"
    for change, message in [({"timezone": "Mars/Olympus"}, "not a known time zone"),
                            ({"idle_warning_s": "95"}, "The warning must come before the reset"),
                            ({"public_base_url": "kiosk.mng.sud.kz"}, "starting with https://"),
                            ({"court_email": "not an address"}, "Enter an e-mail address")]:
        r = admin.post("/admin/settings/", good | change)
        assert r.status_code == 422 and message in r.get_data(as_text=True)
    assert get_settings(db_for(data_dir))["timezone"] == "Asia/Aqtau"


def test_two_admins_saving_the_settings_form_keep_each_others_changes(admin, app, data_dir):
    from admin_server.content import get_settings
    from tests.support.staff import edit_form, with_values

    first = edit_form(admin.get("/admin/settings/").get_data(as_text=True))
    assert admin.post("/admin/settings/", dict(with_values(first, **tri("court_name"),
                                                           public_base_url="https://kiosk.mng.sud.kz"))).status_code == 303
    other = signed_in(app, data_dir, "admin", "second")
    mine, theirs = (edit_form(s.get("/admin/settings/").get_data(as_text=True)) for s in (admin, other))
    assert admin.post("/admin/settings/", dict(with_values(mine, timezone="Asia/Aqtau"))).status_code == 303
    # The second form was opened before that save and still shows the old time zone.
    assert other.post("/admin/settings/", dict(with_values(theirs, court_email="info@mng.sud.kz"))).status_code == 303
    s = get_settings(db_for(data_dir))
    assert (s["timezone"], s["court_email"]) == ("Asia/Aqtau", "info@mng.sud.kz")
    # A field both changed: nothing is saved until the second person has seen the first one's value.
    mine, theirs = (edit_form(s.get("/admin/settings/").get_data(as_text=True)) for s in (admin, other))
    assert admin.post("/admin/settings/", dict(with_values(mine, idle_timeout_s="120"))).status_code == 303
    r = other.post("/admin/settings/", dict(with_values(theirs, idle_timeout_s="150", court_website="https://mng.sud.kz")))
    page = r.get_data(as_text=True)
    assert r.status_code == 409 and "Someone else saved this entry" in page and "Meanwhile someone else saved “120”" in page
    s = get_settings(db_for(data_dir))
    assert (s["idle_timeout_s"], s["court_website"]) == (120, "")  # nothing of the clashing save
    again = edit_form(page)
    assert dict(again)["idle_timeout_s"] == "150"  # the form kept this person's values...
    assert other.post("/admin/settings/", dict(again)).status_code == 303  # ...and saving it again is deliberate
    s = get_settings(db_for(data_dir))
    assert (s["idle_timeout_s"], s["court_website"]) == (150, "https://mng.sud.kz")


def test_users_are_managed_by_admins(admin, data_dir):
    r = admin.post("/admin/users/new", {"username": "clerk", "password": PASSWORD, "password2": PASSWORD,
                                        "role": "editor", "language": "kk"})
    assert r.status_code == 303
    for data, message in [({"username": "clerk"}, "already taken"),
                          ({"username": "x y"}, "A user name is 2-64"),
                          ({"password": "short", "password2": "short"}, "at least 10 characters"),
                          ({"password2": "different password"}, "The two passwords differ")]:
        form = {"username": "new1", "password": PASSWORD, "password2": PASSWORD, "role": "editor", "language": "ru"}
        r = admin.post("/admin/users/new", form | data)
        assert r.status_code == 422 and message in r.get_data(as_text=True), message
    clerk = Staff(admin.app)
    assert clerk.login("clerk").status_code == 303
    assert 'lang="kk"' in clerk.get("/admin/").get_data(as_text=True)
    assert "Шолу" in clerk.get("/admin/").get_data(as_text=True)
    me = next(db_for(data_dir)["users"].rows_where("username = 'boss'"))["id"]
    r = admin.post(f"/admin/users/{me}/edit", {"role": "editor", "language": "en"})
    assert r.status_code == 422 and "cannot take away your own administrator rights" in r.get_data(as_text=True)
    r = admin.post(f"/admin/users/{me}/delete")
    assert r.status_code == 409 and "cannot delete your own account" in r.get_data(as_text=True)
    clerk_id = next(db_for(data_dir)["users"].rows_where("username = 'clerk'"))["id"]
    assert admin.post(f"/admin/users/{clerk_id}/delete").status_code == 303
    actions = [(a["action"], a["entity"]) for a in audit_rows(data_dir) if a["entity"] == "users"]
    assert ("delete", "users") in actions and ("create", "users") in actions
    assert "scrypt" not in json.dumps(audit_rows(data_dir))


def test_own_language_and_password(admin, data_dir):
    r = admin.post("/admin/profile", {"language": "ru", "current_password": "wrong", "new_password": "x" * 12,
                                      "new_password2": "x" * 12})
    assert r.status_code == 422 and "not your current password" in r.get_data(as_text=True)
    assert admin.post("/admin/profile", {"language": "ru"}).status_code == 303
    assert "Обзор" in admin.get("/admin/").get_data(as_text=True)


def test_kiosk_token_is_shown_once_and_can_be_revoked(admin, data_dir):
    r = admin.post("/admin/kiosks/new", {"id": "hall-1", "name": "Hall 1", "mode": "kiosk"})
    assert r.status_code == 200
    token = re.search(r'id="kiosk-token">([^<]+)<', r.get_data(as_text=True)).group(1)
    assert token not in admin.get("/admin/kiosks/").get_data(as_text=True)
    assert token not in json.dumps(audit_rows(data_dir)) and token not in r.headers.get("Set-Cookie", "")
    client = admin.app.test_client()
    beat = lambda t: client.post("/api/v1/heartbeat", json={"manifest_version": 1},  # noqa: E731
                                 headers={"Authorization": f"Bearer {t}"})
    assert beat(token).status_code == 204
    assert "online" in admin.get("/admin/kiosks/").get_data(as_text=True)
    assert admin.post("/admin/kiosks/hall-1/revoke").status_code == 303
    assert beat(token).status_code == 401
    r = admin.post("/admin/kiosks/hall-1/token")
    new = re.search(r'id="kiosk-token">([^<]+)<', r.get_data(as_text=True)).group(1)
    assert new != token and beat(new).status_code == 204 and beat(token).status_code == 401
    r = admin.post("/admin/kiosks/new", {"id": "Hall 1", "name": "x", "mode": "kiosk"})
    assert r.status_code == 422 and "lowercase letters, digits and dashes" in r.get_data(as_text=True)
    assert admin.post("/admin/kiosks/hall-1/edit", {"name": "Hall one", "mode": "display"}).status_code == 303
    actions = [a["action"] for a in audit_rows(data_dir) if a["entity"] == "kiosks"]
    assert actions == ["create", "revoke", "new-token", "update"]


# --- two admins editing one kiosk or one account (the "lost update") -------------

CONFLICT = "Someone else saved this entry while you were editing it"


def _open_forms(url, *staff):
    """The edit form at `url` as each of `staff` opened it."""
    from tests.support.staff import edit_form

    return [edit_form(s.get(url).get_data(as_text=True)) for s in staff]


def _kiosk(data_dir, kiosk_id="hall-1"):
    return db_for(data_dir)["kiosks"].get(kiosk_id)


def test_two_admins_editing_one_kiosk_keep_each_others_changes(admin, app, data_dir):
    from tests.support.staff import edit_form, with_values

    assert admin.post("/admin/kiosks/new", {"id": "hall-1", "name": "Hall 1", "mode": "kiosk"}).status_code == 200
    other, url = signed_in(app, data_dir, "admin", "second"), "/admin/kiosks/hall-1/edit"
    # Different fields: both changes stay, though the second form still showed the old name.
    mine, theirs = _open_forms(url, admin, other)
    assert admin.post(url, dict(with_values(mine, name="Hall 1, left"))).status_code == 303
    assert other.post(url, dict(with_values(theirs, mode="display"))).status_code == 303
    assert (_kiosk(data_dir)["name"], _kiosk(data_dir)["mode"]) == ("Hall 1, left", "display")
    # The same field: the second save is refused and shows the colleague's name with this person's own.
    mine, theirs = _open_forms(url, admin, other)
    assert admin.post(url, dict(with_values(mine, name="Hall 1, right"))).status_code == 303
    r = other.post(url, dict(with_values(theirs, name="Entrance")))
    page = r.get_data(as_text=True)
    assert r.status_code == 409 and CONFLICT in page and "Meanwhile someone else saved “Hall 1, right” here" in page
    assert _kiosk(data_dir)["name"] == "Hall 1, right"
    shown = dict(edit_form(page))
    assert (shown["name"], shown["mode"]) == ("Entrance", "display")
    # Saving that form again is this person's decision, now knowing the colleague's value.
    assert other.post(url, shown).status_code == 303 and _kiosk(data_dir)["name"] == "Entrance"


def test_a_kiosk_form_without_a_usable_loaded_field_saves_what_it_shows(admin, data_dir):
    from tests.support.staff import with_values

    assert admin.post("/admin/kiosks/new", {"id": "hall-1", "name": "Hall 1", "mode": "kiosk"}).status_code == 200
    url = "/admin/kiosks/hall-1/edit"
    form = _open_forms(url, admin)[0]
    for i, loaded in enumerate(["{not json", "[1, 2]", "null", ""]):
        assert admin.post(url, dict(with_values(form, _loaded=loaded, name=f"Hall {i}"))).status_code == 303
        assert _kiosk(data_dir)["name"] == f"Hall {i}"
    assert admin.post(url, {"name": "Hall 9", "mode": "kiosk"}).status_code == 303  # a script without it
    # A value that is not what the form showed counts as a colleague's save: refused, not a crash.
    r = admin.post(url, dict(with_values(form, _loaded='{"name": ["?"], "mode": 5}', name="Hall 10")))
    assert r.status_code == 409 and CONFLICT in r.get_data(as_text=True) and _kiosk(data_dir)["name"] == "Hall 9"


@pytest.mark.parametrize("lang, sentences", [
    ("kk", ["бұл жазбаны басқа біреу сақтады",
            "Осы уақытта басқа біреу мұнда «Hall 1, right» мәнін сақтады"]),
    ("ru", ["её сохранил кто-то другой",
            "Тем временем кто-то другой сохранил здесь «Hall 1, right»"]),
])
def test_the_edit_conflict_is_said_in_the_admins_language(admin, app, data_dir, lang, sentences):
    from tests.support.staff import with_values

    assert admin.post("/admin/users/new", {"username": "other", "password": PASSWORD, "password2": PASSWORD,
                                           "role": "admin", "language": lang}).status_code == 303
    other = Staff(app)
    assert other.login("other").status_code == 303
    assert admin.post("/admin/kiosks/new", {"id": "hall-1", "name": "Hall 1", "mode": "kiosk"}).status_code == 200
    url = "/admin/kiosks/hall-1/edit"
    mine, theirs = _open_forms(url, admin, other)
    assert admin.post(url, dict(with_values(mine, name="Hall 1, right"))).status_code == 303
    r = other.post(url, dict(with_values(theirs, name="Entrance")))
    assert r.status_code == 409 and all(s in r.get_data(as_text=True) for s in sentences)


def test_two_admins_editing_one_account_keep_each_others_changes(admin, app, data_dir):
    from tests.support.staff import edit_form, with_values

    assert admin.post("/admin/users/new", {"username": "clerk", "password": PASSWORD, "password2": PASSWORD,
                                           "role": "editor", "language": "ru"}).status_code == 303
    clerk = lambda: next(db_for(data_dir)["users"].rows_where("username = 'clerk'"))  # noqa: E731
    other, url = signed_in(app, data_dir, "admin", "second"), f"/admin/users/{clerk()['id']}/edit"
    mine, theirs = _open_forms(url, admin, other)
    assert dict(mine)["password"] == "" and set(json.loads(dict(mine)["_loaded"])) == {"role", "language", "disabled", "rooms"}
    # Different fields: both stay.
    assert admin.post(url, dict(with_values(mine, language="kk"))).status_code == 303
    assert other.post(url, dict(with_values(theirs, disabled="1"))).status_code == 303
    assert (clerk()["language"], clerk()["disabled"], clerk()["role"]) == ("kk", 1, "editor")
    # The same field: refused with both values shown; nothing is saved, the typed password neither, and it is
    # not sent back.
    mine, theirs = _open_forms(url, admin, other)
    assert admin.post(url, dict(with_values(mine, role="publisher"))).status_code == 303
    new_password = "a brand new password"
    r = other.post(url, dict(with_values(theirs, role="admin", password=new_password, password2=new_password)))
    page = r.get_data(as_text=True)
    assert r.status_code == 409 and CONFLICT in page
    assert "Meanwhile someone else saved “Publisher: also publishes and rolls back” here" in page
    assert "The new password was not saved either" in page and new_password not in page
    assert clerk()["role"] == "publisher"
    assert "set-password" not in [a["action"] for a in audit_rows(data_dir) if a["entity"] == "users"]
    shown = dict(edit_form(page))
    assert (shown["role"], shown["language"], shown["disabled"], shown["password"]) == ("admin", "kk", "1", "")
    assert "password" not in json.loads(shown["_loaded"])
    # Saving again, with the password typed again, is this person's decision.
    r = other.post(url, shown | {"password": new_password, "password2": new_password})
    assert r.status_code == 303 and clerk()["role"] == "admin"
    assert [a["action"] for a in audit_rows(data_dir) if a["entity"] == "users"][-1] == "set-password"


def test_an_account_form_without_a_usable_loaded_field_saves_what_it_shows(admin, data_dir):
    from tests.support.staff import with_values

    assert admin.post("/admin/users/new", {"username": "clerk", "password": PASSWORD, "password2": PASSWORD,
                                           "role": "editor", "language": "ru"}).status_code == 303
    clerk = lambda: next(db_for(data_dir)["users"].rows_where("username = 'clerk'"))  # noqa: E731
    url = f"/admin/users/{clerk()['id']}/edit"
    form = _open_forms(url, admin)[0]
    for loaded, language in [("{not json", "kk"), ('"a string"', "en"), ("", "ru")]:
        assert admin.post(url, dict(with_values(form, _loaded=loaded, language=language))).status_code == 303
        assert clerk()["language"] == language
    r = admin.post(url, dict(with_values(form, _loaded='{"role": 1}', role="publisher")))
    assert r.status_code == 409 and CONFLICT in r.get_data(as_text=True) and clerk()["role"] == "editor"


def test_every_change_writes_an_audit_row(admin, data_dir):
    """Each kind of POST that succeeds adds at least one audit row."""
    add_category(admin)
    steps = [
        ("/admin/fees/new", AREAS["fees"][1]),
        ("/admin/links/new", AREAS["links"][1]),
        ("/admin/links/1/move", {"direction": "down"}),
        ("/admin/settings/mrp/new", {"year": "2026", "value": "4325"}),
        ("/admin/kiosks/new", {"id": "k-1", "name": "K", "mode": "kiosk"}),
        ("/admin/users/new", {"username": "ed", "password": PASSWORD, "password2": PASSWORD, "role": "editor",
                              "language": "en"}),
        ("/admin/publish/", {}),
        ("/admin/links/1/delete", {}),
    ]
    for url, data in steps:
        before = len(audit_rows(data_dir))
        r = admin.post(url, data)
        assert r.status_code in (200, 303), url
        if url != "/admin/links/1/move":  # moving the only row changes nothing, so nothing is logged
            assert len(audit_rows(data_dir)) > before, url
    assert all(a["username"] == "boss" for a in audit_rows(data_dir)[2:])
