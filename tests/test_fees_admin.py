"""The admin's fee side: the preview (keypad inputs, the court's day, the staff member's language),
the MRP warning from 1 December, the public holidays calendar and the zone data check."""
import datetime as dt
import json
import logging
import types

import pytest

from admin_server import create_app
from admin_server.admin import fees as admin_fees
from admin_server.admin.zone import zone_data_problem
from admin_server.content import get_settings, set_settings
from admin_server.testing import run_cli
from court_contract.manifest import validate
from tests.support.admin import PDF_BYTES, Staff, admin, app, data_dir, db_for, make_user  # noqa: F401

RULE = {"title.kk": "Мүліктік", "title.ru": "Имущественный", "title.en": "Property", "code": "property-individual",
        "claim_kind": "property", "applicant": "individual", "percent": "1", "cap_mrp": "10000",
        "valid_from": "2026-01-01"}


def freeze(monkeypatch, day):
    monkeypatch.setattr(admin_fees, "court_today", lambda db: day)


def with_rule(admin, *years):
    for year, value in years:
        assert admin.post("/admin/settings/mrp/new", {"year": str(year), "value": str(value)}).status_code == 303
    assert admin.post("/admin/fees/new", RULE).status_code == 303


def test_preview_writes_money_as_the_admins_language_does(app, data_dir, admin, monkeypatch):
    freeze(monkeypatch, dt.date(2026, 6, 1))
    with_rule(admin, (2026, 4325))
    page = admin.get("/admin/fees/1/edit?amount=5000000").get_data(as_text=True)
    assert "50,000.00\u00a0₸" in page and "4,325.00\u00a0₸" in page
    make_user(data_dir, "aigul", "editor", "kk")
    kazakh = Staff(app)
    assert kazakh.login("aigul").status_code == 303
    page = kazakh.get("/admin/fees/1/edit?amount=5000000").get_data(as_text=True)
    assert "50\u00a0000,00\u00a0₸" in page and "50,000.00" not in page
    page = kazakh.get("/admin/fees/1/edit?amount=1e9").get_data(as_text=True)
    assert "Талап қою бағасы" in page and "must be" not in page  # the error in Kazakh, not the contract's English


@pytest.mark.parametrize("amount", ["1e9", "+5000", "5_000", "1,000.50"])
def test_preview_takes_what_the_keypad_takes(admin, monkeypatch, amount):
    freeze(monkeypatch, dt.date(2026, 6, 1))
    with_rule(admin, (2026, 4325))
    page = admin.get(f"/admin/fees/1/edit?amount={amount.replace('+', '%2B')}").get_data(as_text=True)
    assert "The claim amount must be digits with at most one decimal separator" in page


def test_preview_accepts_a_decimal_comma(admin, monkeypatch):
    freeze(monkeypatch, dt.date(2026, 6, 1))
    with_rule(admin, (2026, 4325))
    page = admin.get("/admin/fees/1/edit?amount=250 000,50").get_data(as_text=True)
    assert "2,500.01\u00a0₸" in page


def test_preview_says_which_years_mrp_it_uses(admin, monkeypatch):
    freeze(monkeypatch, dt.date(2027, 1, 1))
    with_rule(admin, (2026, 4325))
    page = admin.get("/admin/fees/1/edit").get_data(as_text=True)
    assert "MRP 2026 is used: the 2027 value is not set yet." in page


def test_the_preview_day_is_the_courts_day(data_dir):
    class Clock(dt.datetime):
        @classmethod
        def now(cls, tz=None):  # 20:30 UTC on 31 December: already 1 January in Almaty (UTC+5)
            return dt.datetime(2026, 12, 31, 20, 30, tzinfo=dt.timezone.utc).astimezone(tz)

    db = db_for(data_dir)
    original = admin_fees.dt
    admin_fees.dt = types.SimpleNamespace(datetime=Clock, date=dt.date)
    try:
        assert admin_fees.court_today(db) == dt.date(2027, 1, 1)
    finally:
        admin_fees.dt = original
        db.conn.close()


@pytest.mark.parametrize("page", ["/admin/", "/admin/publish/"])
def test_next_years_mrp_is_asked_for_from_1_december(admin, monkeypatch, page):
    admin.post("/admin/settings/mrp/new", {"year": "2026", "value": "4325"})
    freeze(monkeypatch, dt.date(2026, 11, 30))
    assert "mrp-missing" not in admin.get(page).get_data(as_text=True)
    freeze(monkeypatch, dt.date(2026, 12, 1))
    text = admin.get(page).get_data(as_text=True)
    assert "mrp-missing" in text and "The MRP value for 2027 is not set yet" in text
    admin.post("/admin/settings/mrp/new", {"year": "2027", "value": "4500"})
    assert "mrp-missing" not in admin.get(page).get_data(as_text=True)


# --- public holidays ----------------------------------------------------------------

def day(date, name="Тәуелсіздік күні", working=False):
    form = {"date": date, "name.kk": name, "name.ru": name, "name.en": name}
    return form | ({"working": "1"} if working else {})


def test_holidays_are_edited_and_published(admin, data_dir):
    assert admin.post("/admin/holidays/new", day("2026-12-16")).status_code == 303
    assert admin.post("/admin/holidays/new", day("2027-01-09", "Working Saturday", working=True)).status_code == 303
    listing = admin.get("/admin/holidays/").get_data(as_text=True)
    assert "2026-12-16" in listing and "Public holidays" in listing
    again = admin.post("/admin/holidays/new", day("2026-12-16"))
    assert again.status_code == 422
    weekday = admin.post("/admin/holidays/new", day("2026-12-17", working=True))
    assert weekday.status_code == 422 and "Only a Saturday or Sunday" in weekday.get_data(as_text=True)
    assert "Public holidays" in admin.get("/admin/publish/").get_data(as_text=True)  # an unpublished change
    assert admin.post("/admin/publish/").status_code in (200, 303)
    manifest = json.loads(admin.app.test_client().get("/api/v1/manifest").data)
    assert manifest["holidays"] == [
        {"date": "2026-12-16", "name": {"kk": "Тәуелсіздік күні", "ru": "Тәуелсіздік күні", "en": "Тәуелсіздік күні"},
         "working": False},
        {"date": "2027-01-09", "name": {"kk": "Working Saturday", "ru": "Working Saturday", "en": "Working Saturday"},
         "working": True},
    ]
    assert manifest["court"]["utc_offset"] == "+05:00"
    validate(manifest)


def test_seed_demo_loads_the_holidays_of_2026_and_2027(data_dir):
    assert run_cli(data_dir, "seed-demo") == 0
    db = db_for(data_dir)
    try:
        dates = {r["date"] for r in db.query("SELECT date FROM holidays")}
    finally:
        db.conn.close()
    assert {"2026-12-16", "2027-12-16", "2026-03-23", "2027-01-01"} <= dates
    assert not any(d.startswith(("2026-12-2", "2026-12-3")) for d in dates)


# --- the zone data check ---------------------------------------------------------------

NOW = dt.datetime(2026, 12, 4, 10, tzinfo=dt.timezone.utc)


def test_settings_offset_is_checked_against_the_zone(admin):
    page = admin.get("/admin/settings/").get_data(as_text=True)
    assert "Expected UTC offset" in page and "+05:00" in page
    db = db_for(admin.app.config["DATA_DIR"])
    try:
        form = {k: v for k, v in get_settings(db).items()}
    finally:
        db.conn.close()
    assert form["utc_offset"] == "+05:00"


def test_server_logs_a_zone_data_mismatch_at_start(data_dir, caplog):
    db = db_for(data_dir)
    try:
        assert zone_data_problem(db, NOW) is None
        set_settings(db, {"utc_offset": "+06:00"})
        assert "UTC+05:00" in zone_data_problem(db, NOW)
    finally:
        db.conn.close()
    with caplog.at_level(logging.ERROR):
        create_app({"DATA_DIR": str(data_dir), "TESTING": True})
    assert any("Time zone data" in r.getMessage() and "+06:00" in r.getMessage() for r in caplog.records)


def test_server_formatter_per_language():
    from admin_server.numbers import format_money, format_number

    assert format_money(50000, "kk") == "50\u00a0000,00\u00a0₸" == format_money(50000, "ru")
    assert format_money(50000, "en") == "50,000.00\u00a0₸"
    assert format_number(1234, "ru") == "1\u00a0234" and format_number(1234, "en") == "1,234"
    assert format_number(0.3, "kk") == "0,3" and format_number(0.3, "en") == "0.3"


def test_phone_download_page_writes_numbers_in_the_visitors_language(admin, monkeypatch):
    import admin_server.public as public

    monkeypatch.setattr(public, "format_number", lambda value, lang: f"<{lang}:{value}>")
    # the page passes the visitor's language to the one formatter; a real size shows with it
    admin.post("/admin/categories/new", {"title.kk": "О", "title.ru": "С", "title.en": "F", "code": "family"})
    admin.upload("/admin/templates/new", {"title.ru": "x", "slug": "divorce", "category": "family", "enabled": "1"},
                 {"file_ru": (PDF_BYTES, "x.pdf")})
    admin.post("/admin/publish/")
    page = admin.app.test_client().get("/t/divorce?lang=ru").get_data(as_text=True)
    assert "&lt;ru:1&gt; KB" in page


SETTINGS = {"court_name.kk": "Сот", "court_name.ru": "Суд", "court_name.en": "Court", "timezone": "Asia/Aqtau",
            "idle_timeout_s": "90", "idle_warning_s": "30", "default_language": "kk", "max_document_mb": "20",
            "max_video_mb": "300", "public_base_url": "https://kiosk.mng.sud.kz", "hearing_parties": "initials",
            "hearing_retention_days": "7"}


@pytest.mark.parametrize(
    "offset, status, message",
    [
        ("+05:00", 303, None),
        ("", 303, None),  # no check
        ("+06:00", 422, "puts Asia/Aqtau at UTC+05:00 now"),
        ("UTC+5", 422, "Enter an offset like +05:00"),
    ],
)
def test_the_expected_offset_is_checked_when_saved(admin, offset, status, message):
    r = admin.post("/admin/settings/", SETTINGS | {"utc_offset": offset})
    assert r.status_code == status, r.get_data(as_text=True)[-2000:]
    if message:
        assert message in r.get_data(as_text=True)
