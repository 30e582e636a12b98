"""A day's hearings as the case system exports them: KZ/RU/EN headers, good rows, as CSV or XLSX bytes."""
import csv
import io
import re

import pytest

from admin_server.content import tri
from admin_server.db import open_existing

DAY = "2026-12-04"
EN = ["date", "time", "room", "case_number", "case_kind", "judge", "parties", "closed"]
KZ = ["Күні", "Уақыты", "Зал", "Іс нөмірі", "Іс санаты", "Судья", "Тараптар", "Жабық"]
RU = ["Дата", "Время", "Зал", "Номер дела", "Категория дела", "Судья", "Стороны", "Закрытое"]
GOOD = [
    ["2026-12-04", "09:30", "101", "7594-26-00-2/1173", "civil", "Ахметова Г. С.", "Сейткали А.Б. – ТОО «Каспий»", "no"],
    ["04.12.2026", "9:45", "102", "7594-26-00-1/88", "уголовное", "Иванов П. П.", "", "да"],
    ["2026-12-04", "11:00", "Зал 3", "7594-26-00-3/12", "әкімшілік құқық бұзушылық", "Ким А.", "Петров И.", "жоқ"],
]


def csv_bytes(header, rows, *, delimiter=",", encoding="utf-8"):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(header, rows):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- the admin's import page (tests/test_hearings_import_admin.py, test_hearings_import_kept.py) ---
URL = "/admin/hearings/import/"


@pytest.fixture
def rooms(data_dir):
    db = open_existing(data_dir)
    with db.atomic():
        for number in ("101", "102", "3"):
            db["rooms"].insert({"number": number, "name": tri(f"Зал {number}"), "floor": 1})
    db.conn.close()


def hearings(data_dir):
    db = open_existing(data_dir)
    try:
        return list(db.query("SELECT * FROM hearings ORDER BY time"))
    finally:
        db.conn.close()


def confirm_form(page) -> dict:
    form = page[page.index('action="/admin/hearings/import/confirm"'):]
    form = form[:form.index("</form>")]
    return dict(re.findall(r'type="hidden" name="(token|day|column_\d+)" value="([^"]*)"', form))
