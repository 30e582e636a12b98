"""The admin's hearings import page: upload -> preview (bad rows, or the rows to import) -> confirm; the column
mapping form; editors and up only; the dashboard shows the last pull."""
import re

from admin_server.content import set_settings
from admin_server.db import open_existing
from tests.support.admin import admin, app, data_dir, signed_in  # noqa: F401 (fixtures)
from tests.support.hearings import EN, GOOD, RU, URL, confirm_form, csv_bytes, hearings, rooms, xlsx_bytes  # noqa: F401


def hidden(page, name):
    return re.search(rf'name="{name}" value="([^"]*)"', page).group(1)


def test_upload_preview_confirm(admin, data_dir, rooms):  # noqa: F811
    page = admin.get(URL)
    assert page.status_code == 200 and 'type="file"' in page.get_data(as_text=True)
    preview = admin.upload(URL, {"day": ""}, {"file": (xlsx_bytes(RU, GOOD), "day.xlsx")})
    text = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "3 hearings are ready to import." in text
    assert "7594-26-00-2/1173" in text and "Administrative offence" in text
    assert hearings(data_dir) == []  # nothing before the confirmation
    done = admin.post(URL + "confirm", confirm_form(text))
    assert done.status_code == 303
    assert len(hearings(data_dir)) == 3 and {h["updated_by"] for h in hearings(data_dir)} == {"boss"}
    flashed = admin.get(URL).get_data(as_text=True)
    assert "Imported 3 hearings for 2026-12-04: 0 unchanged kept their status, 3 added, 0 removed." in flashed
    # The kept upload is gone: the same confirmation cannot run twice.
    again = admin.post(URL + "confirm", confirm_form(text))
    assert again.status_code == 422 and "no longer here" in again.get_data(as_text=True)


def test_bad_rows_are_listed_and_nothing_can_be_imported(admin, data_dir, rooms):  # noqa: F811
    rows = GOOD + [["2026-12-04", "9:70", "404", "A-1", "семейное", "", "", "no"]]
    page = admin.upload(URL, {}, {"file": (csv_bytes(EN, rows), "bad.csv")})
    text = page.get_data(as_text=True)
    assert page.status_code == 422
    assert "3 problems: nothing was imported." in text
    for sentence in ("Row 5: “9:70” is not a time like 09:30.", "Row 5: room “404” is not in the list of rooms.",
                     "Row 5: “семейное” is not a case kind"):
        assert sentence in text
    assert 'action="/admin/hearings/import/confirm"' not in text and hearings(data_dir) == []


def test_the_page_speaks_russian(app, data_dir, rooms):  # noqa: F811
    staff = signed_in(app, data_dir, "editor", "ivan")
    db = open_existing(data_dir)
    with db.atomic():
        db.execute("UPDATE users SET language = 'ru' WHERE username = 'ivan'")
    db.conn.close()
    text = staff.upload(URL, {}, {"file": (csv_bytes(EN, [["2026-12-04", "25:00", "101", "A", "civil", "", "", ""]]),
                                           "x.csv")}).get_data(as_text=True)
    assert "Строка 2: «25:00» — не время" in text


def test_unknown_columns_get_a_mapping_form(admin, data_dir, rooms):  # noqa: F811
    header = ["Дата", "Начало", "Каб."] + RU[3:]
    first = admin.upload(URL, {"day": "2026-12-04"}, {"file": (csv_bytes(header, GOOD), "odd.csv")})
    text = first.get_data(as_text=True)
    assert first.status_code == 422 and "The file has no column for: time, room." in text
    assert 'name="column_1"' in text and 'name="column_2"' in text
    token = hidden(text, "token")
    mapped = admin.post(URL, {"token": token, "day": "2026-12-04", "column_0": "date", "column_1": "time",
                              "column_2": "room", "column_3": "case_number", "column_4": "case_kind",
                              "column_5": "judge", "column_6": "parties", "column_7": "closed"})
    text = mapped.get_data(as_text=True)
    assert mapped.status_code == 200 and "3 hearings are ready to import." in text
    assert confirm_form(text)["column_1"] == "time"
    assert admin.post(URL + "confirm", confirm_form(text)).status_code == 303
    assert len(hearings(data_dir)) == 3


def test_a_bad_day_and_no_file_get_a_sentence(admin, rooms):  # noqa: F811
    no_file = admin.post(URL, {"day": ""})
    assert no_file.status_code == 422 and "Choose the CSV or XLSX file" in no_file.get_data(as_text=True)
    bad_day = admin.upload(URL, {"day": "4 December"}, {"file": (csv_bytes(EN, GOOD), "x.csv")})
    assert bad_day.status_code == 422 and "Enter the day like 2026-12-04" in bad_day.get_data(as_text=True)


def test_another_users_upload_cannot_be_confirmed(app, admin, data_dir, rooms):  # noqa: F811
    text = admin.upload(URL, {}, {"file": (csv_bytes(EN, GOOD), "x.csv")}).get_data(as_text=True)
    other = signed_in(app, data_dir, "editor", "eve")
    assert other.post(URL + "confirm", confirm_form(text)).status_code == 422
    assert hearings(data_dir) == []


def test_a_file_over_the_limit_is_refused_unread(admin, rooms, monkeypatch):  # noqa: F811
    from admin_server import hearings_import as hi

    monkeypatch.setattr(hi, "MAX_FILE_BYTES", 1000)
    response = admin.upload(URL, {}, {"file": (b"x" * 200_000, "big.csv")})
    assert response.status_code == 413


def test_clerks_cannot_import(app, data_dir, rooms):  # noqa: F811
    clerk = signed_in(app, data_dir, "clerk", "clara")
    assert clerk.get(URL).status_code == 403
    assert clerk.upload(URL, {}, {"file": (csv_bytes(EN, GOOD), "x.csv")}).status_code == 403


def test_the_dashboard_shows_the_last_pull(admin, data_dir):  # noqa: F811
    db = open_existing(data_dir)
    with db.atomic():
        set_settings(db, {"hearings_pull_url": "http://cms.local/today.csv",
                          "hearings_pull_last": {"at": "2026-12-04T04:00:00+00:00", "ok": False,
                                                 "message": "The case system answered HTTP 500 (x); nothing was stored."}})
    db.conn.close()
    text = admin.get("/admin/").get_data(as_text=True)
    assert "Hearings pull failed" in text and "answered HTTP 500" in text
