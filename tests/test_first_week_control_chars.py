"""Control and bidi characters: every admin form that stores text refuses them (one sentence naming the field,
nothing stored, the rest of the input kept), file names lose them, and kiosks never get them.

The rule is court_contract.text.bad_characters; the admin's side is admin/text_rules.py (field kinds and the
hook every admin POST goes through).
"""
import copy
import html
import json
from dataclasses import dataclass, field
from urllib.parse import quote

import pytest

from admin_server import create_app, hearings
from admin_server import hearings_import as hi
from admin_server.content import get_settings
from admin_server.db import write_transaction
from admin_server.kiosks import create_kiosk
from admin_server.users import create_user
from court_contract.manifest import ManifestError, validate
from court_contract.text import bad_characters, without_bad_characters
from tests.support.admin import PASSWORD, PDF_BYTES, Staff, db_for, new_data_dir
from tests.support.hearings import EN, GOOD, csv_bytes
from tests.support.manifests import build_manifest
from tests.support.roles import admin_routes

# The characters the hidden cases of the issue name, by what they are.
BAD = {"NUL": "\x00", "SOH": "\x01", "ESC": "\x1b", "DEL": "\x7f", "NEL (C1)": "\x85",
       "RLO": "\u202e", "LRI": "\u2066", "PDI": "\u2069"}
NEWLINE = "\n"


def tri(name, kk, ru, en):
    return {f"{name}.kk": kk, f"{name}.ru": ru, f"{name}.en": en}


def text(kk):
    return json.dumps({"kk": kk, "ru": kk, "en": kk}, ensure_ascii=False)


@dataclass(frozen=True)
class Form:
    endpoint: str
    url: str                   # {link}, {room}, {hearing}, {user}: rows of the court fixture
    data: dict                 # a post the form takes as it is
    fields: dict               # form key -> (what the refusal calls it, whether it takes lines)
    accepted: int | None = 303  # the answer to `data` as it is (None: not checked here)
    anonymous: bool = False    # posted before signing in
    extra: dict = field(default_factory=dict)


HEARING = {"date": "{today}", "time": "10:00", "room_id": "{room}", "case_kind": "civil",
           "case_number": "7594-26-00-2/1173", "judge": "Ахметова Г. С.", "parties": "Сейткали А. Б. – ТОО «Каспий»",
           "note": "после перерыва"}
HEARING_FIELDS = {"case_number": ("Case number", False), "judge": ("Judge", False), "parties": ("Parties", True),
                  "note": ("Note for the screens", False)}
SETTINGS = {**tri("court_name", "Маңғыстау соты", "Мангистауский суд", "Mangystau court"),
            **tri("court_address", "Ақтау қ.", "г. Актау", "Aktau"), "court_phones": "+7 7292 50-10-20",
            "court_email": "info@mng.sud.kz", "timezone": "Asia/Aqtau", "utc_offset": "+05:00",
            "public_base_url": "https://kiosk.mng.sud.kz", "idle_timeout_s": "90", "idle_warning_s": "30",
            "default_language": "kk", "max_document_mb": "20", "max_video_mb": "300", "hearing_parties": "initials",
            "hearing_retention_days": "7"}
LINK = {**tri("title", "Сот кабинеті", "Судебный кабинет", "Court office"), "kind": "e_service",
        "url": "https://office.sud.kz", **tri("description", "Өтініштер", "Заявления онлайн", "Claims online"),
        "enabled": "1"}
ROOM = {"number": "204", **tri("name", "Зал", "Зал заседаний", "Courtroom"), "floor": "2",
        **tri("wing", "Шығыс", "Восточное", "East"), **tri("way", "Екінші қабат", "Второй этаж", "Second floor"),
        "enabled": "1"}

ANNOUNCEMENT = {**tri("text", "Хабарландыру", "Объявление", "Notice"), "priority": "0", "enabled": "1"}
FEE = {**tri("title", "Мүліктік", "Имущественный", "Property"), "code": "property", "claim_kind": "property",
       "applicant": "individual", "percent": "1", **tri("note", "Ескерту", "Примечание", "Note"),
       **tri("legal_ref", "СК 610-бап", "НК ст. 610", "Tax Code 610")}
HOLIDAY = {"date": "2026-12-16", **tri("name", "Тәуелсіздік күні", "День Независимости", "Independence Day")}
RECEPTION = {**tri("person", "Сейткали А.", "Сейткали А.", "Seitkali A."),
             **tri("position", "Төраға", "Председатель", "Chair"), "weekday": "2", "start": "11:00", "end": "13:00",
             "phone": "+7 7292 50-10-20", **tri("booking_note", "Алдын ала жазылу", "По записи", "Book ahead")}
TEMPLATE = {**tri("title", "Ажырасу", "Развод", "Divorce"), "slug": "divorce", "category": "family",
            **tri("description", "Талап арыз", "Исковое заявление", "A claim"), "enabled": "1"}
VIDEO = {**tri("title", "Бейне", "Видео", "Video"), "enabled": "1"}

FORMS = [
    Form("admin_announcements.new", "/admin/announcements/new", ANNOUNCEMENT,
         {"text.ru": ("Text (RU)", True), "text.en": ("Text (EN)", True)}),
    Form("admin_announcements.edit", "/admin/announcements/{announcement}/edit", ANNOUNCEMENT,
         {"text.kk": ("Text (KK)", True)}),
    Form("admin_categories.new", "/admin/categories/new", {**tri("title", "Отбасы", "Семейные", "Family"),
                                                          "code": "family-2"},
         {"title.ru": ("Title (RU)", False), "code": ("Short name (filled from the title)", False)}),
    Form("admin_categories.edit", "/admin/categories/family/edit", tri("title", "Отбасы", "Семейные", "Family"),
         {"title.en": ("Title (EN)", False)}),
    Form("admin_fees.new", "/admin/fees/new", FEE,
         {"title.kk": ("Title (KK)", False), "code": ("Code", False), "claim_kind": ("Claim kind", False),
          "percent": ("Percent of the claim amount", False), "note.en": ("Note for visitors (EN)", True),
          "legal_ref.ru": ("Legal reference (RU)", False)}),
    Form("admin_fees.edit", "/admin/fees/{fee}/edit", FEE | {"code": "state-fee"},
         {"title.ru": ("Title (RU)", False), "note.kk": ("Note for visitors (KK)", True)}),
    Form("admin_holidays.new", "/admin/holidays/new", HOLIDAY,
         {"name.ru": ("Name (RU)", False), "date": ("Date", False)}),
    Form("admin_holidays.edit", "/admin/holidays/{holiday}/edit", HOLIDAY, {"name.kk": ("Name (KK)", False)}),
    Form("admin_links.new", "/admin/links/new", LINK,
         {"title.en": ("Title (EN)", False), "url": ("Address (URL)", False),
          "description.ru": ("Description (RU)", True)}),
    Form("admin_links.edit", "/admin/links/{link}/edit", LINK, {"title.ru": ("Title (RU)", False)}),
    Form("admin_reception.new", "/admin/reception/new", RECEPTION,
         {"person.ru": ("Person (RU)", False), "phone": ("Phone", False), "start": ("From", False),
          "booking_note.kk": ("How to book (KK)", True)}),
    Form("admin_reception.edit", "/admin/reception/{slot}/edit", RECEPTION, {"position.en": ("Position (EN)", False)}),
    Form("admin_rooms.new", "/admin/rooms/new", ROOM,
         {"number": ("Room number", False), "name.ru": ("Name (RU)", False), "wing.en": ("Wing (EN)", False),
          "way.ru": ("How to get there (RU)", True)}),
    Form("admin_rooms.edit", "/admin/rooms/{room}/edit", ROOM | {"number": "101"},
         {"name.kk": ("Name (KK)", False), "number": ("Room number", False)}),
    Form("admin_templates.new", "/admin/templates/new", TEMPLATE,
         {"title.ru": ("Title (RU)", False), "slug": ("Web address name (filled from the title)", False),
          "description.kk": ("Description (KK)", True)}),
    Form("admin_templates.edit", "/admin/templates/{template}/edit", TEMPLATE | {"slug": "claim"},
         {"title.kk": ("Title (KK)", False), "slug": ("Web address name (filled from the title)", False)}),
    Form("admin_videos.new", "/admin/videos/new", VIDEO, {"title.ru": ("Title (RU)", False)},
         accepted=None),  # a new video needs its file
    Form("admin_videos.edit", "/admin/videos/{video}/edit", VIDEO, {"title.en": ("Title (EN)", False)}),
    Form("admin_mrp.new", "/admin/settings/mrp/new", {"year": "2031", "value": "5000"},
         {"year": ("Year", False), "value": ("Value in tenge", False)}),
    Form("admin_mrp.edit", "/admin/settings/mrp/2026/edit", {"value": "4330"}, {"value": ("Value in tenge", False)}),
    Form("admin_settings.index", "/admin/settings/", SETTINGS,
         {"court_name.ru": ("Court name (RU)", False), "court_address.kk": ("Address (KK)", True),
          "court_phones": ("Phones, one per line", True), "court_email": ("E-mail", False),
          "timezone": ("Time zone", False), "utc_offset": ("Expected UTC offset", False)}),
    Form("admin_users.new", "/admin/users/new",
         {"username": "a.seitkali", "role": "publisher", "language": "kk", "password": PASSWORD,
          "password2": PASSWORD},
         {"username": ("User name", False), "role": ("Role", False)}),
    Form("admin_users.edit", "/admin/users/{user}/edit", {"role": "publisher", "language": "ru"},
         {"role": ("Role", False), "language": ("Language", False)}),
    Form("admin_auth.profile", "/admin/profile", {"language": "ru"}, {"language": ("Language", False)}),
    Form("admin_auth.login", "/admin/login", {"username": "boss", "password": PASSWORD},
         {"username": ("User name", False)}, anonymous=True),
    Form("admin_hearings.new", "/admin/hearings/new", HEARING, HEARING_FIELDS),
    Form("admin_hearings.edit", "/admin/hearings/{hearing}/edit", HEARING, HEARING_FIELDS),
    Form("admin_hearings.status", "/admin/hearings/{hearing}/status",
         {"status": "postponed", "postponed_to": "2031-01-15"},
         {"postponed_to": ("New date", False), "status": ("New status", False)}),
    Form("admin_clerk.note", "/admin/clerk/{hearing}/note", {"note": "после перерыва в 11:30"},
         {"note": ("Note for the screens", False)}),
    Form("admin_clerk.status", "/admin/clerk/{hearing}/status", {"status": "postponed", "postponed_to": "2031-01-15"},
         {"postponed_to": ("New date", False)}),
    Form("admin_kiosks.new", "/admin/kiosks/new", {"id": "hall-2", "name": "Зал 2, слева", "mode": "kiosk"},
         {"name": ("Name", False), "id": ("Kiosk id", False)}, accepted=200),  # the page that shows the token
    Form("admin_kiosks.edit", "/admin/kiosks/hall-1/edit", {"name": "Зал 1, справа", "mode": "display"},
         {"name": ("Name", False)}),
    Form("admin_publish.publish", "/admin/publish/", {"note": "Новые шаблоны"}, {"note": ("Note (optional)", False)}),
    Form("admin_hearings_import.check", "/admin/hearings/import/", {"day": "2026-12-04"},
         {"day": ("Day (optional)", False)}, accepted=None),  # without a file it asks for one
    Form("admin_hearings_import.confirm", "/admin/hearings/import/confirm", {"day": "2026-12-04", "token": "0" * 32},
         {"day": ("Day (optional)", False)}, accepted=None),
]
# POST routes that store no typed text (confirmations, ordering, sign-out ...): the hook still refuses a
# stray control character in them (test below).
NO_TEXT = {"delete", "move", "order", "revoke", "new_token", "unlock", "rollback", "logout", "remove_file"}


def make_court(path):
    """A court with a category, a room, a link, today's hearing, a kiosk and an editor; returns the row ids."""
    data = new_data_dir(path)
    db = db_for(data)
    today = hearings.court_today(get_settings(db)).isoformat()
    with write_transaction(db):
        db["template_categories"].insert({"code": "family", "title": json.dumps({"kk": "Отбасы", "ru": "Семья",
                                                                                 "en": "Family"}), "sort_order": 1})
        room = db["rooms"].insert({"number": "101", "name": json.dumps({"kk": "Зал", "ru": "Зал", "en": "Hall"}),
                                   "floor": 1}).last_pk
        link = db["links"].insert({"kind": "social", "url": "https://t.me/sud", "sort_order": 1, "enabled": 1,
                                   "title": json.dumps({"kk": "Телеграм", "ru": "Телеграм", "en": "Telegram"})}).last_pk
        hearing = hearings.add(db, {"date": today, "time": "09:00", "room_id": room, "case_kind": "civil",
                                    "case_number": "C-1"}, by="test")
        db["media"].insert({"sha256": "0" * 64, "size": 10, "type": "video/mp4", "original_name": "clip.mp4",
                            "created_at": "2026-12-01T00:00:00+00:00"})
        ids = {
            "announcement": db["announcements"].insert({"text": text("Хабар"), "priority": 0, "enabled": 1}).last_pk,
            "fee": db["fee_rules"].insert({"code": "state-fee", "claim_kind": "property", "applicant": "individual",
                                           "title": text("Баж"), "percent": 1, "sort_order": 1}).last_pk,
            "slot": db["reception_slots"].insert({"person": text("Төраға"), "weekday": 1, "start": "09:00",
                                                  "end": "10:00"}).last_pk,
            "holiday": db["holidays"].insert({"date": "2026-03-08", "name": text("8 наурыз"), "working": 0}).last_pk,
            "template": db["templates"].insert({"slug": "claim", "title": text("Талап"), "category": "family",
                                                "enabled": 1, "sort_order": 1}).last_pk,
            "video": db["videos"].insert({"title": text("Бейне"), "sha256": "0" * 64, "name": "clip.mp4",
                                          "duration_s": 10, "enabled": 0, "sort_order": 1}).last_pk,  # no real file
        }
        db["mrp_values"].insert({"year": 2026, "value": 4325})
        user = create_user(db, "ed", PASSWORD, "editor", "en")
        create_kiosk(db, "hall-1", "Зал 1", "kiosk", by="test")
    db.conn.close()
    app = create_app({"DATA_DIR": str(data), "TESTING": True})
    return {"data": data, "app": app, "ids": ids | {"link": link, "room": room, "hearing": hearing, "user": user,
                                                    "today": today}}


def staff_for(court, form: Form) -> Staff:
    staff = Staff(court["app"])
    if form.anonymous:
        staff.refresh_token()
    else:
        assert staff.login().status_code == 303
    return staff


def filled(value: str, ids: dict) -> str:
    return value.format(**ids) if isinstance(value, str) else value


def posted(form: Form, ids: dict, **changes) -> dict:
    return {k: filled(v, ids) for k, v in form.data.items()} | changes


def snapshot(data_dir) -> dict:
    db = db_for(data_dir)
    try:
        return {t: list(db[t].rows) for t in db.table_names()}
    finally:
        db.conn.close()


def page(response) -> str:
    return html.unescape(response.get_data(as_text=True))


@pytest.fixture(scope="module")
def court(tmp_path_factory):
    return make_court(tmp_path_factory.mktemp("court") / "data")


@pytest.fixture(scope="module")
def signed(court):
    """One signed-in admin and one anonymous client for the whole module (refusals change nothing)."""
    return {False: staff_for(court, FORMS[0]), True: staff_for(court, FORMS[FORMS.index(
        next(f for f in FORMS if f.anonymous))])}


def refuse(court, signed, form: Form, key: str, char: str):
    label, lines = form.fields[key]
    ids = court["ids"]
    clean = filled(form.data[key], ids)
    sent = clean[:len(clean) // 2] + char + clean[len(clean) // 2:]
    others = {k: filled(form.data[k], ids) for k in form.fields if k != key and k in form.data}
    before = snapshot(court["data"])
    r = signed[form.anonymous].post(form.url.format(**ids), posted(form, ids, **{key: sent}))
    body = page(r)
    assert r.status_code == 400, (form.endpoint, key, r.status_code, body[:300])
    assert f"“{label}”" in body, (form.endpoint, key, body[:2000])  # the sentence names the field
    assert snapshot(court["data"]) == before  # nothing stored, nothing audited
    for value in others.values():  # the person's other input comes back
        assert value in body, (form.endpoint, value)
    assert clean[:len(clean) // 2] in body  # ... and what they typed in this field, around the bad character


@pytest.mark.parametrize("name", list(BAD))
@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.endpoint)
def test_every_form_refuses_each_bad_character(court, signed, form, name):
    refuse(court, signed, form, next(iter(form.fields)), BAD[name])


@pytest.mark.parametrize("form, key", [(f, k) for f in FORMS for k in f.fields],
                         ids=lambda v: v.endpoint if isinstance(v, Form) else v)
def test_every_text_field_refuses_a_bidi_override_and_a_line_break_where_it_takes_one_line(court, signed, form, key):
    refuse(court, signed, form, key, "\u202e")
    refuse(court, signed, form, key, "\x00" if form.fields[key][1] else NEWLINE)


@pytest.mark.parametrize("form", [f for f in FORMS if f.accepted], ids=lambda f: f.endpoint)
def test_each_form_takes_its_input_without_them(tmp_path, form):
    """The control for the refusals above: the same posts, clean, are taken."""
    court = make_court(tmp_path / "data")
    before = snapshot(court["data"])
    r = staff_for(court, form).post(form.url.format(**court["ids"]), posted(form, court["ids"]))
    assert r.status_code == form.accepted, page(r)[:2000]
    assert snapshot(court["data"]) != before


@pytest.mark.parametrize("form, key", [(f, k) for f in FORMS if f.accepted for k, (_l, lines) in f.fields.items()
                                       if lines], ids=lambda v: v.endpoint if isinstance(v, Form) else v)
def test_fields_that_take_lines_take_line_breaks_and_tabs(tmp_path, form, key):
    court = make_court(tmp_path / "data")
    text = "Бірінші жол\r\nвторая строка\tпосле табуляции\nthird line"
    r = staff_for(court, form).post(form.url.format(**court["ids"]), posted(form, court["ids"], **{key: text}))
    assert r.status_code == form.accepted, page(r)[:2000]
    stored = json.dumps(snapshot(court["data"]), ensure_ascii=False)
    assert "после табуляции" in stored


def test_an_announcement_keeps_its_lines_and_tab_as_typed(tmp_path):
    court = make_court(tmp_path / "data")
    staff = staff_for(court, FORMS[0])
    text = "Бірінші жол\r\nвторая\tстрока"
    r = staff.post("/admin/announcements/new", {**tri("text", "a", text, "b"), "priority": "0", "enabled": "1"})
    assert r.status_code == 303
    row = list(db_for(court["data"])["announcements"].rows)[-1]
    assert json.loads(row["text"])["ru"] == text


def test_every_admin_post_route_is_in_these_tests(court):
    endpoints = {rule.endpoint for rule in court["app"].url_map.iter_rules()
                 if "POST" in rule.methods and rule.endpoint.startswith("admin_")}
    listed = {f.endpoint for f in FORMS}
    assert endpoints - listed == {e for e in endpoints if e.rpartition(".")[2] in NO_TEXT}
    assert listed <= endpoints


@pytest.mark.parametrize("char", ["\x00", "\u202e"])
def test_posts_that_store_no_text_refuse_a_stray_control_character(court, signed, char):
    for endpoint, url, methods in admin_routes(court["app"]):
        if "POST" not in methods or endpoint.rpartition(".")[2] not in NO_TEXT:
            continue
        before = snapshot(court["data"])
        r = signed[False].post(url, {"confirm": f"yes{char}"})
        assert r.status_code == 400 and "“confirm”" in page(r), (endpoint, r.status_code)
        assert snapshot(court["data"]) == before, endpoint


def test_the_refusal_speaks_the_admins_language(court):
    db = db_for(court["data"])
    with db.atomic():
        create_user(db, "ru-admin", PASSWORD, "admin", "ru")
    staff = Staff(court["app"])
    assert staff.login("ru-admin").status_code == 303
    r = staff.post("/admin/links/new", LINK | {"title.ru": "Судебный\u202eкабинет"})
    assert r.status_code == 400 and "невидимые управляющие символы (U+202E)" in page(r)
    r = staff.post("/admin/kiosks/new", {"id": "hall-9", "name": "Зал\x009", "mode": "kiosk"})
    assert r.status_code == 400 and "Ничего не сохранено" in page(r) and "(U+0000)" in page(r)


def test_the_refused_page_sends_the_form_again_without_the_characters(court, signed):
    """A form whose view does not re-render itself comes back from the hook: the bad characters taken out."""
    r = signed[True].post("/admin/login?next=/admin/links/", {"username": "bo\u202ess", "password": PASSWORD})
    body = r.get_data(as_text=True)
    assert r.status_code == 400 and 'action="/admin/login?next=/admin/links/"' in body
    assert 'name="username" value="boss"' in body  # what was typed, without the override
    assert PASSWORD not in body and 'name="password" type="password"' in body  # never sent back
    staff = signed[True]
    r = staff.post("/admin/login?next=/admin/links/", {"username": "boss", "password": PASSWORD})
    assert r.status_code == 303 and r.location.endswith("/admin/links/")


def test_an_edit_form_opened_on_a_stored_bad_character_can_correct_it(tmp_path):
    """What an edit form was opened with (`_loaded`) is not checked: it may hold what was stored earlier."""
    court = make_court(tmp_path / "data")
    db = db_for(court["data"])
    bad_title = {"kk": "Телеграм", "ru": "Теле\u202eграм", "en": "Telegram"}
    with db.atomic():
        db["links"].update(court["ids"]["link"], {"title": json.dumps(bad_title, ensure_ascii=False)})
    staff = staff_for(court, FORMS[0])
    url = f"/admin/links/{court['ids']['link']}/edit"
    from tests.support.staff import edit_form, with_values

    pairs = edit_form(staff.get(url).get_data(as_text=True))
    r = staff.post(url, dict(with_values(pairs, title__ru="Телеграм")))
    assert r.status_code == 303, page(r)[:2000]
    assert json.loads(db_for(court["data"])["links"].get(court["ids"]["link"])["title"])["ru"] == "Телеграм"


# --- file names ------------------------------------------------------------------------------------------

def multipart(token: str, filename: str, content: bytes, fields: dict) -> tuple[bytes, str]:
    """A form with one file whose name goes percent-escaped (filename*=UTF-8''...), as browsers and tools send
    names a header cannot carry as they are (a line break, a NUL)."""
    parts = [b'--XyZ\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n' % (k.encode(), v.encode())
             for k, v in (fields | {"csrf_token": token}).items()]
    parts.append(b"--XyZ\r\nContent-Disposition: form-data; name=\"file_ru\"; filename*=UTF-8''"
                 + quote(filename).encode() + b"\r\nContent-Type: application/pdf\r\n\r\n" + content + b"\r\n")
    return b"".join(parts) + b"--XyZ--\r\n", "multipart/form-data; boundary=XyZ"


@pytest.mark.parametrize("sent, kept", [
    ("Иск\u202eгпж.pdf", "Искгпж.pdf"), ("claim\x00.pdf", "claim.pdf"), ("иск о\nразводе.pdf", "иск оразводе.pdf"),
    ("иск\r\n\t.pdf", "иск.pdf"), ("\u2066claim\u2069\u200f.pdf", "claim.pdf"), ("claim\u2028\x85\x1b.pdf", "claim.pdf"),
])
def test_a_file_name_loses_control_characters_and_is_stored_cleanly(tmp_path, sent, kept):
    court = make_court(tmp_path / "data")
    staff = staff_for(court, FORMS[0])
    body, content_type = multipart(staff.token, sent, PDF_BYTES, {**tri("title", "Ажырасу", "Развод", "Divorce"),
                                                                 "slug": "divorce", "category": "family"})
    r = staff.client.post("/admin/templates/new", data=body, content_type=content_type)
    assert r.status_code == 303, page(r)[:2000]
    db = db_for(court["data"])
    assert next(db["template_files"].rows)["name"] == kept
    assert {m["original_name"] for m in db["media"].rows} == {kept, "clip.mp4"}  # and the court's video


# --- what reaches kiosks ---------------------------------------------------------------------------------

MANIFEST_TEXTS = [("templates", 0, "title", "ru"), ("announcements", 0, "text", "kk"), ("court", None, "name", "en")]


@pytest.fixture(scope="module")
def manifest():
    built = build_manifest(videos=(b"one",))
    built["announcements"] = [{"id": 1, "text": {"kk": "Хабар", "ru": "Объявление", "en": "Notice"},
                               "starts_at": None, "ends_at": None, "priority": 0, "emergency": False}]
    return validate(built)


def _set(manifest, section, index, key, lang, value):
    out = copy.deepcopy(manifest)
    target = out[section] if index is None else out[section][index]
    if lang is None:
        target[key] = value
    else:
        target[key][lang] = value
    return out


@pytest.mark.parametrize("where", MANIFEST_TEXTS, ids=lambda w: ".".join(str(p) for p in w if p is not None))
@pytest.mark.parametrize("name", list(BAD))
def test_a_manifest_holding_a_bad_character_in_a_text_is_refused(manifest, where, name):
    with pytest.raises(ManifestError, match=f"{where[2]}.{where[3]} contains control characters"):
        validate(_set(manifest, *where, f"Текст{BAD[name]}текст"))


def test_texts_may_hold_lines_but_codes_names_and_addresses_may_not(manifest):
    validate(_set(manifest, "announcements", 0, "text", "ru", "Первая строка\r\nвторая\tстрока"))
    with pytest.raises(ManifestError, match=r"lone|contains control characters \(U\+000D\)"):
        validate(_set(manifest, "announcements", 0, "text", "ru", "старый\rMac"))
    for section, index, key in (("templates", 0, "slug"), ("court", None, "email"), ("links", None, None)):
        if section == "links":
            bad = copy.deepcopy(manifest)
            bad["settings"]["public_base_url"] = "https://kiosk.sud.kz/\u202e"
        else:
            bad = _set(manifest, section, index, key, None, "divorce\nx")
        with pytest.raises(ManifestError, match="contains control characters"):
            validate(bad)


def test_a_bad_character_that_reached_the_database_is_never_published(tmp_path):
    """Stored before this check, or by a script: the publish page says kiosks would refuse it, and publishing
    refuses it; the kiosk API keeps serving the last good version."""
    court = make_court(tmp_path / "data")
    staff = staff_for(court, FORMS[0])
    assert staff.post("/admin/publish/", {"note": "first"}).status_code == 303
    db = db_for(court["data"])
    with db.atomic():
        db["links"].update(court["ids"]["link"], {"title": json.dumps({"kk": "a", "ru": "Теле\x00грам", "en": "b"})})
    body = page(staff.get("/admin/publish/"))
    assert "Kiosks would refuse this content" in body and "U+0000" in body
    staff.post("/admin/publish/", {"note": "second"})
    assert db_for(court["data"])["published_versions"].count == 1
    assert "\\u0000" not in court["app"].test_client().get("/api/v1/manifest").get_data(as_text=True)


# --- the hearings import ---------------------------------------------------------------------------------

@pytest.mark.parametrize("column, char", [(5, "\u202e"), (3, "\x1b"), (6, "\x85"), (6, "\u2066")])
def test_an_imported_cell_with_a_control_character_is_a_bad_row_with_its_reason(column, char):
    rows = [list(r) for r in GOOD]
    rows[1][column] = rows[1][column][:3] + char + rows[1][column][3:]
    rooms = hi.rooms_index([{"id": i, "number": n, "enabled": 1} for i, n in enumerate(("101", "102", "3"), 1)])
    preview = hi.parse(csv_bytes(EN, rows), "day.csv", rooms)
    assert [p.code for p in preview.problems] == ["control_characters"]
    problem = preview.problems[0]
    assert problem.values["row"] == 3 and problem.values["field"] == EN[column]
    assert f"U+{ord(char):04X}" in problem.text() and "Row 3" in problem.text()


def test_tabs_and_line_breaks_in_an_imported_cell_are_only_spacing():
    rows = [list(r) for r in GOOD]
    rows[0][6] = "Сейткали А.Б.\r\n– ТОО\t«Каспий»"
    rooms = hi.rooms_index([{"id": i, "number": n, "enabled": 1} for i, n in enumerate(("101", "102", "3"), 1)])
    preview = hi.parse(csv_bytes(EN, rows), "day.csv", rooms)
    assert not preview.problems and preview.rows[0]["parties"] == "Сейткали А.Б. – ТОО «Каспий»"


def test_the_import_page_says_the_bad_row_in_the_admins_language(court, signed):
    rows = [list(r) for r in GOOD]
    rows[0][5] = "Ахме\u202eтова"
    staff = signed[False]
    data = {"day": "", "csrf_token": staff.token}
    r = staff.post("/admin/hearings/import/", data, {"file": ("day.csv", csv_bytes(EN, rows))})
    assert r.status_code == 422 and "Row 2: the judge holds control characters (U+202E)" in page(r)


# --- the rule ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, lines, found", [
    ("Зал 204", False, []), ("Зал\u00a0204 – «ТОО»", False, []),
    ("soft\u00adhyphen, zero\u200dwidth joiner, \ufffd", False, []),  # visible alike everywhere
    ("a\nb", False, ["\n"]), ("a\tb", False, ["\t"]), ("a\r\nb", False, ["\r", "\n"]),
    ("a\r\nb\tc\nd", True, []), ("old\rmac", True, ["\r"]),
    ("\u200e204", False, ["\u200e"]), ("\u200f\u061c", True, ["\u200f", "\u061c"]),
    ("line\u2028sep", True, ["\u2028"]), ("\ud800", True, ["\ud800"]),
    *[(f"x{c}y{c}", lines, [c]) for c in BAD.values() for lines in (False, True)],
])
def test_which_characters_a_text_may_hold(text, lines, found):
    assert bad_characters(text, lines=lines) == found


def test_a_file_name_keeps_everything_else():
    assert without_bad_characters("Иск\u202e о\u00a0разводе\t(1).pdf") == "Иск о\u00a0разводе(1).pdf"
