"""Importing the day's hearings: CSV/XLSX reading, KZ/RU/EN headers, one sentence per bad row, all or nothing,
re-imports that keep clerks' statuses, and mapping unknown headers."""
import datetime as dt
import io
import zipfile

import pytest
from sqlite_utils import Database

from admin_server import hearings_import as hi
from admin_server.content import tri
from admin_server.schema import migrate
from tests.support.hearings import DAY, EN, GOOD, KZ, RU, csv_bytes, xlsx_bytes

@pytest.fixture
def db():
    db = Database(memory=True)
    migrate(db)
    for number, enabled in (("101", 1), ("102", 1), ("3", 1), ("9", 0)):
        db["rooms"].insert({"number": number, "name": tri(f"Зал {number}"), "floor": 1, "enabled": enabled})
    return db


def preview(db, data, name="hearings.csv", **kw):
    return hi.parse(data, name, hi.rooms_of(db), **kw)


def revision(db):
    return db.execute("SELECT revision FROM live_revision").fetchone()[0]


def test_a_good_csv_is_checked_and_stored(db):
    p = preview(db, csv_bytes(EN, GOOD))
    assert p.problems == [] and p.days == [DAY]
    assert [(r["time"], r["room"], r["case_kind"], r["closed"]) for r in p.rows] == [
        ("09:30", "101", "civil", False), ("09:45", "102", "criminal", True),
        ("11:00", "3", "administrative_offence", False)]
    totals = hi.store_preview(db, p, "import", "anna")
    assert totals == {"days": [DAY], "hearings": 3, "kept": 0, "added": 3, "removed": 0}
    rows = list(db.query("SELECT * FROM hearings ORDER BY time"))
    assert [r["status"] for r in rows] == ["scheduled"] * 3
    assert rows[0]["parties"] == "Сейткали А.Б. – ТОО «Каспий»" and rows[0]["source"] == "import"
    assert rows[0]["updated_by"] == "anna" and revision(db) == 1
    assert db["audit_log"].count == 1


def test_a_good_xlsx_with_date_and_time_cells(db):
    rows = [[dt.date(2026, 12, 4), dt.time(9, 30), 101, "7594-26-00-2/1173", "Гражданское", "А.", "Б.", False],
            [dt.datetime(2026, 12, 4), dt.time(14, 5), "102", "7594-26-00-2/7", "administrative", "", "", 1]]
    p = preview(db, xlsx_bytes(EN, rows), "day.xlsx")
    assert p.problems == []
    assert [(r["date"], r["time"], r["room"], r["case_kind"], r["closed"]) for r in p.rows] == [
        (DAY, "09:30", "101", "civil", False), (DAY, "14:05", "102", "administrative", True)]


@pytest.mark.parametrize("header", [KZ, RU], ids=["kk", "ru"])
def test_kazakh_and_russian_headers(db, header):
    p = preview(db, csv_bytes(header, GOOD, delimiter=";"))
    assert p.problems == [] and len(p.rows) == 3 and p.unknown == []


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1251"])
def test_bom_and_russian_excel_encoding(db, encoding):
    rows = [row[:6] + ["", row[7]] for row in GOOD[:2]]  # cp1251 has no Kazakh letters
    p = preview(db, csv_bytes(RU, rows, delimiter=";", encoding=encoding))
    assert p.problems == [] and [r["judge"] for r in p.rows] == ["Ахметова Г. С.", "Иванов П. П."]


def test_bad_rows_get_one_sentence_each_and_nothing_is_stored(db):
    rows = [
        GOOD[0],
        ["2026-12-04", "25:00", "101", "A-1", "civil", "", "", "no"],
        ["31.02.2026", "10:00", "101", "A-2", "civil", "", "", "no"],
        ["2026-12-04", "10:00", "404", "A-3", "civil", "", "", "no"],
        ["2026-12-04", "10:00", "101", "", "civil", "", "", "no"],
        ["2026-12-04", "10:00", "101", "A-5", "family", "", "", "no"],
        ["2026-12-04", "10:00", "101", "A-6", "civil", "", "", "maybe"],
        ["2026-12-04", "09:30", "102", "7594-26-00-2/1173", "civil", "", "", "no"],
        ["2026-12-04", "10:00", "9", "A-8", "civil", "", "", "no"],
    ]
    p = preview(db, csv_bytes(EN, rows))
    assert [x.text() for x in p.problems] == [
        "Row 3: “25:00” is not a time like 09:30.",
        "Row 4: “31.02.2026” is not a date like 2026-12-04 or 04.12.2026.",
        "Row 5: room “404” is not in the list of rooms.",
        "Row 6 has no case number.",
        "Row 7: “family” is not a case kind (civil, criminal, administrative offence, administrative).",
        "Row 8: “maybe” does not say whether the hearing is closed (yes or no).",
        "Row 9: case 7594-26-00-2/1173 at 09:30 is already in row 2.",
        "Row 10: room “9” is switched off in the list of rooms.",
    ]
    with pytest.raises(hi.ImportRefused) as refused:
        hi.store_preview(db, p, "import", "anna")
    assert "Row 3:" in str(refused.value)
    assert db["hearings"].count == 0 and revision(db) == 0


def test_the_chosen_day_sets_missing_dates_and_skips_other_days(db):
    rows = [["", "09:30", "101", "A-1", "civil", "", "", ""], ["2026-12-07", "10:00", "101", "A-2", "civil", "", "", ""]]
    p = preview(db, csv_bytes(EN, rows), day=DAY)
    assert p.problems == [] and [r["date"] for r in p.rows] == [DAY] and p.other_days == 1
    without_day = preview(db, csv_bytes(EN, rows))
    assert [x.text() for x in without_day.problems] == ["Row 2 has no date, and no day was chosen for the file."]
    nothing = preview(db, csv_bytes(EN, rows[1:]), day=DAY)
    assert [x.text() for x in nothing.problems] == [f"The file has no hearings on {DAY}."]


def test_a_file_without_a_date_column_needs_a_day(db):
    data = csv_bytes(EN[1:], [row[1:] for row in GOOD])
    assert [x.code for x in preview(db, data).problems] == ["missing_columns"]
    assert preview(db, data, day=DAY).ok


def test_several_days_in_one_file_replace_each_day(db):
    rows = [GOOD[0], ["2026-12-07", "10:00", "101", "A-2", "civil", "", "", ""]]
    totals = hi.store_preview(db, preview(db, csv_bytes(EN, rows)), "import", "anna")
    assert totals["days"] == [DAY, "2026-12-07"] and db["hearings"].count == 2


def test_re_import_keeps_statuses_and_notes_of_unchanged_hearings(db):
    hi.store_preview(db, preview(db, csv_bytes(EN, GOOD)), "import", "anna")
    first = {r["case_number"]: r for r in db.query("SELECT * FROM hearings")}
    db.execute("UPDATE hearings SET status = 'in_progress', note = 'после перерыва' WHERE case_number = ?",
               ["7594-26-00-2/1173"])
    db.execute("UPDATE hearings SET status = 'postponed', postponed_to = '2026-12-10' WHERE case_number = ?",
               ["7594-26-00-1/88"])
    changed = [GOOD[0][:7] + ["yes"],                              # same case, time, room: keeps its status
               GOOD[1][:1] + ["10:15"] + GOOD[1][2:],              # moved to another time: a new hearing
               ["2026-12-04", "12:00", "101", "NEW-1", "civil", "", "", ""]]
    totals = hi.store_preview(db, preview(db, csv_bytes(EN, changed)), "import", "boris")
    assert (totals["kept"], totals["added"], totals["removed"]) == (1, 2, 2)
    after = {r["case_number"]: r for r in db.query("SELECT * FROM hearings")}
    kept = after["7594-26-00-2/1173"]
    assert kept["id"] == first["7594-26-00-2/1173"]["id"]
    assert (kept["status"], kept["note"], kept["closed"], kept["updated_by"]) == ("in_progress", "после перерыва", 1, "boris")
    assert after["7594-26-00-1/88"]["status"] == "scheduled" and after["7594-26-00-1/88"]["postponed_to"] is None
    assert "7594-26-00-3/12" not in after and after["NEW-1"]["status"] == "scheduled"
    assert revision(db) == 2


def test_a_re_import_leaves_other_days_alone(db):
    hi.store_preview(db, preview(db, csv_bytes(EN, [["2026-12-07", "10:00", "101", "A-2", "civil", "", "", ""]])),
                     "import", "anna")
    hi.store_preview(db, preview(db, csv_bytes(EN, GOOD)), "import", "anna")
    assert db["hearings"].count == 4


def test_unknown_headers_can_be_mapped(db):
    header = ["Дата", "Начало", "Каб.", "Номер дела", "Категория дела", "Судья", "Стороны", "Закрытое", "Примечание"]
    data = csv_bytes(header, [row + ["x"] for row in GOOD])
    p = preview(db, data)
    assert p.unknown == ["Начало", "Каб.", "Примечание"] and p.missing == ["time", "room"]
    assert p.problems[0].text().startswith("The file has no column for: time, room.")
    mapped = preview(db, data, mapping={"Начало": "time", "Каб.": "room", "Примечание": ""})
    assert mapped.problems == [] and len(mapped.rows) == 3 and mapped.unknown == []


def test_two_columns_for_one_field_are_refused(db):
    data = csv_bytes(EN + ["Время"], [row + ["10:00"] for row in GOOD])
    assert [x.text() for x in preview(db, data).problems] == [
        "Two columns hold the time (“time” and “Время”); keep one of them."]


@pytest.mark.parametrize("data, name, code", [
    (b"", "x.csv", "empty"),
    (b"date,time,room\n", "x.csv", "empty"),
    (b"\x98\x00\x01binary", "x.csv", "not_text"),
    (b"PK\x03\x04 not really a zip", "x.xlsx", "not_xlsx"),
    (b"x" * (hi.MAX_FILE_BYTES + 1), "x.csv", "too_big"),
])
def test_unreadable_files_get_one_sentence(db, data, name, code):
    p = preview(db, data, name)
    assert [x.code for x in p.problems] == [code] and p.problems[0].text()


def test_too_many_rows_are_refused(db):
    rows = [["2026-12-04", "10:00", "101", f"A-{i}", "civil", "", "", ""] for i in range(hi.MAX_ROWS + 1)]
    assert [x.text() for x in preview(db, csv_bytes(EN, rows)).problems] == [
        f"The file has more than {hi.MAX_ROWS} rows; export only the days you need."]


def test_a_workbook_that_unpacks_to_too_much_is_refused_unread(db, monkeypatch):
    monkeypatch.setattr(hi, "MAX_XLSX_UNPACKED", 1000)
    data = xlsx_bytes(EN, GOOD)
    assert sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist()) > 1000
    assert [x.code for x in preview(db, data, "a.xlsx").problems] == ["unpacks_too_big"]


@pytest.mark.parametrize("text, kind", [
    ("civil", "civil"), ("Азаматтық іс", "civil"), ("гражданское дело", "civil"), ("Уголовные", "criminal"),
    ("қылмыстық", "criminal"), ("об административных правонарушениях", "administrative_offence"), ("АП", "administrative_offence"),
    ("administrative_offence", "administrative_offence"), ("әкімшілік сот ісін жүргізу", "administrative"),
    ("Административное судопроизводство", "administrative"), ("семейное", None)])
def test_case_kinds_in_three_languages(text, kind):
    assert hi.parse_kind(text) == kind


@pytest.mark.parametrize("cell, closed", [
    ("yes", True), ("Да", True), ("иә", True), ("1", True), ("TRUE", True), (True, True), (1, True),
    ("no", False), ("нет", False), ("жоқ", False), ("0", False), ("false", False), ("", False), (None, False),
    ("perhaps", None)])
def test_closed_words(cell, closed):
    assert hi.parse_closed(cell) is closed


@pytest.mark.parametrize("cell, time", [("09:30", "09:30"), ("9:05", "09:05"), ("14.30", "14:30"),
                                        ("10:00:00", "10:00"), (0.4375, "10:30"), ("24:00", None), ("9", None)])
def test_times(cell, time):
    assert hi.parse_time(cell) == time


def test_every_problem_has_an_english_sentence():
    assert set(hi.MESSAGES) >= {"bad_time", "bad_date", "unknown_room", "no_case_number", "duplicate", "unknown_kind"}
