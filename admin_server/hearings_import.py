"""The day's hearings from the case management system's export: CSV or XLSX in, checked rows out.

Reading and checking are pure (`read_table`, `check`): bytes and the court's
rooms in, a `Preview` out, with one `Problem` per bad row. Storing takes the
Database (`store_preview`, `replace_day`) and is all or nothing per file: a
file with a single bad row stores nothing.

Problems carry a code and values rather than finished text so that the admin
pages can say them in kk/ru (admin/hearings_import.py has the same codes);
`Problem.text()` is the English sentence the CLI prints.
"""
import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

from court_contract.hearings import KINDS, MAX_TEXT
from court_contract.text import LINE_BREAKS, bad_characters, code_points

from .content import audit, now_iso
from .db import write_transaction
from .errors import CourtKioskError
from .hearings import bump_revision

FIELDS = ("date", "time", "room", "case_number", "case_kind", "judge", "parties", "closed")
REQUIRED = ("time", "room", "case_number", "case_kind")  # date may come from --date / the page instead
MAX_ROWS = 5000
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_XLSX_UNPACKED = 60 * 1024 * 1024   # a small zip that unpacks to gigabytes is refused unread
MAX_SCANNED_ROWS = 50_000              # rows (empty ones too) read from a sheet before giving up
MAX_COLUMNS = 40
MAX_CASE_NUMBER = 100

# Header words, normalised by _norm (lower case, ё -> е, "_" -> " ", no punctuation at the ends).
HEADERS = {
    "date": ("date", "day", "күні", "күн", "отырыс күні", "дата", "дата заседания", "дата рассмотрения"),
    "time": ("time", "уақыты", "уақыт", "отырыс уақыты", "время", "время заседания", "время рассмотрения"),
    "room": ("room", "courtroom", "room number", "зал", "сот залы", "зал нөмірі", "зал №", "номер зала",
             "зал судебного заседания"),
    "case_number": ("case number", "case", "іс нөмірі", "іс №", "номер дела", "№ дела", "дело"),
    "case_kind": ("case kind", "kind", "іс санаты", "іс түрі", "санаты", "категория дела", "категория",
                  "вид дела", "вид производства"),
    "judge": ("judge", "судья", "төрағалық етуші", "председательствующий"),
    "parties": ("parties", "тараптар", "қатысушылар", "стороны", "участники", "участники процесса"),
    "closed": ("closed", "closed hearing", "жабық", "жабық отырыс", "закрытое", "закрытое заседание",
               "закрытый"),
}

# Case kinds in words or codes (after _norm and without a trailing "case"/"іс"/"дело" word).
KIND_WORDS = {
    "civil": ("civil", "азаматтық", "гражданское", "гражданские", "гражданский", "гпк"),
    "criminal": ("criminal", "қылмыстық", "уголовное", "уголовные", "уголовный", "упк"),
    "administrative_offence": (
        "administrative offence", "administrative offense", "administrative offences", "administrative_offence",
        "әкімшілік құқық бұзушылық", "әкімшілік құқық бұзушылық туралы", "әкімшілік құқық бұзушылықтар",
        "административное правонарушение", "об административном правонарушении",
        "об административных правонарушениях", "административные правонарушения", "ап", "коап"),
    "administrative": ("administrative", "administrative proceedings", "әкімшілік", "әкімшілік сот ісін жүргізу",
                       "административное", "административные", "административный",
                       "административное судопроизводство", "аппк"),
}
_KIND_TAIL = re.compile(r"\s+(?:case|cases|іс|істер|ісі|дело|дела)\Z")
YES = ("yes", "y", "true", "1", "да", "д", "иә", "ия", "иа", "closed", "жабық", "закрытое", "закрытый")
NO = ("", "no", "n", "false", "0", "нет", "н", "жоқ", "open", "ашық", "открытое", "открытый")
_ROOM_PREFIX = re.compile(r"^(?:room|зал|сот залы|каб(?:инет)?\.?)?\s*№?\s*", re.IGNORECASE)

# The English sentence of each problem; admin/hearings_import.py says the same in the page's language.
MESSAGES = {
    "too_big": "The file is larger than %(mb)d MB; export only the days you need.",
    "too_many_rows": "The file has more than %(max)d rows; export only the days you need.",
    "not_xlsx": "The file is not a readable XLSX workbook (%(why)s); save it again from Excel, or as CSV.",
    "unpacks_too_big": "The workbook unpacks to more than %(mb)d MB; save it again with only the hearings.",
    "not_text": "The file is neither CSV text (UTF-8 or Windows-1251) nor an XLSX workbook.",
    "bad_csv": "The CSV file cannot be read: %(why)s.",
    "empty": "The file has no rows of hearings.",
    "too_many_columns": "The file has more than %(max)d columns; export only the hearings' columns.",
    "missing_columns": "The file has no column for: %(fields)s. Name its columns date, time, room, case_number, "
                       "case_kind, judge, parties, closed (or in Kazakh or Russian), or choose what each of its "
                       "columns holds.",
    "duplicate_column": "Two columns hold the %(field)s (“%(first)s” and “%(second)s”); keep one of them.",
    "control_characters": "Row %(row)d: the %(field)s holds control characters (%(chars)s) that screens show "
                          "differently or not at all; remove them in the file.",
    "no_date": "Row %(row)d has no date, and no day was chosen for the file.",
    "bad_date": "Row %(row)d: “%(value)s” is not a date like 2026-12-04 or 04.12.2026.",
    "bad_time": "Row %(row)d: “%(value)s” is not a time like 09:30.",
    "no_room": "Row %(row)d has no room.",
    "unknown_room": "Row %(row)d: room “%(value)s” is not in the list of rooms.",
    "disabled_room": "Row %(row)d: room “%(value)s” is switched off in the list of rooms.",
    "no_case_number": "Row %(row)d has no case number.",
    "long_text": "Row %(row)d: the %(field)s is longer than %(max)d characters.",
    "no_kind": "Row %(row)d has no case kind.",
    "unknown_kind": "Row %(row)d: “%(value)s” is not a case kind (civil, criminal, administrative offence, "
                    "administrative).",
    "bad_closed": "Row %(row)d: “%(value)s” does not say whether the hearing is closed (yes or no).",
    "duplicate": "Row %(row)d: case %(value)s at %(time)s is already in row %(first)d.",
    "no_rows_on_day": "The file has no hearings on %(day)s.",
}
FIELD_NAMES = {"date": "date", "time": "time", "room": "room", "case_number": "case number",
               "case_kind": "case kind", "judge": "judge", "parties": "parties", "closed": "closed"}


@dataclass(frozen=True)
class Problem:
    code: str
    values: dict = field(default_factory=dict)

    def text(self) -> str:
        values = dict(self.values)
        for key in ("field",):
            if key in values:
                values[key] = FIELD_NAMES.get(values[key], values[key])
        if "fields" in values:
            values["fields"] = ", ".join(FIELD_NAMES.get(f, f) for f in values["fields"])
        return MESSAGES[self.code] % values


class ImportRefused(CourtKioskError):
    """The file was refused as a whole: its problems say why; nothing was stored."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        shown = [p.text() for p in self.problems[:20]]
        if len(self.problems) > 20:
            shown.append(f"... and {len(self.problems) - 20} more.")
        super().__init__(" ".join(shown))


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list]]  # (row number as the spreadsheet shows it, cells)


@dataclass
class Preview:
    rows: list[dict]             # checked hearings: date, time, room_id, room, case_number, case_kind, ...
    problems: list[Problem]      # one per bad row (or one for the whole file)
    header: list[str]            # the file's column titles
    columns: dict                # field -> column index
    unknown: list[str]           # titles that matched no field (ignored unless mapped)
    other_days: int = 0          # rows skipped because they are not on the chosen day

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)

    @property
    def days(self) -> list[str]:
        return sorted({r["date"] for r in self.rows})

    @property
    def missing(self) -> list[str]:
        return [f for f in REQUIRED if f not in self.columns]


# --- reading ---------------------------------------------------------------------------------------------

def read_table(data: bytes, filename: str = "") -> Table:
    """The header and the non-empty rows of a CSV or XLSX file; ImportRefused when it cannot be read."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportRefused([Problem("too_big", {"mb": MAX_FILE_BYTES // 2**20})])
    if data[:4] == b"PK\x03\x04" or filename.lower().endswith((".xlsx", ".xlsm")):
        rows = _xlsx_rows(data)
    else:
        rows = _csv_rows(data)
    header, body = None, []
    for number, cells in rows:
        if not any(_blank(c) is False for c in cells):
            continue
        if header is None:
            header = [_cell_text(c) for c in cells]
            continue
        if len(body) >= MAX_ROWS:
            raise ImportRefused([Problem("too_many_rows", {"max": MAX_ROWS})])
        body.append((number, list(cells)))
    if header is None or not body:
        raise ImportRefused([Problem("empty")])
    if len(header) > MAX_COLUMNS:
        raise ImportRefused([Problem("too_many_columns", {"max": MAX_COLUMNS})])
    while header and not header[-1]:
        header.pop()
    return Table(header, body)


def _blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _xlsx_rows(data: bytes):
    from openpyxl import load_workbook  # only the server has it, and only this reads workbooks

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as e:
        raise ImportRefused([Problem("not_xlsx", {"why": str(e)})]) from None
    if unpacked > MAX_XLSX_UNPACKED:
        raise ImportRefused([Problem("unpacks_too_big", {"mb": MAX_XLSX_UNPACKED // 2**20})])
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds (KeyError, InvalidFileException, XML errors)
        raise ImportRefused([Problem("not_xlsx", {"why": f"{type(e).__name__}: {e}"})]) from None
    try:
        sheet = book.worksheets[0]
        rows = []
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_SCANNED_ROWS:
                raise ImportRefused([Problem("too_many_rows", {"max": MAX_ROWS})])
            rows.append((number, list(cells[:MAX_COLUMNS + 1])))
        return rows
    except ImportRefused:
        raise
    except Exception as e:
        raise ImportRefused([Problem("not_xlsx", {"why": f"{type(e).__name__}: {e}"})]) from None
    finally:
        book.close()


def decode_text(data: bytes) -> str:
    """CSV bytes as text: UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1251 (Russian Excel)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16",)
    elif data.startswith(b"\xef\xbb\xbf"):
        encodings = ("utf-8-sig",)
    else:
        encodings = ("utf-8", "cp1251")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise ImportRefused([Problem("not_text")])


def _csv_rows(data: bytes):
    text = decode_text(data)
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((";", ",", "\t"), key=first.count)
    try:
        return list(enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1))
    except csv.Error as e:
        raise ImportRefused([Problem("bad_csv", {"why": str(e)})]) from None


# --- headers -----------------------------------------------------------------------------------------------

def _norm(text) -> str:
    text = unicodedata.normalize("NFC", str(text or "")).lower().replace("ё", "е").replace("_", " ")
    return " ".join(text.split()).strip(" .:*-")


_HEADER_FIELD = {_norm(word): name for name, words in HEADERS.items() for word in words}


def match_columns(header: list[str], mapping: dict | None = None) -> tuple[dict, list[str], list[Problem]]:
    """field -> column index from the column titles, `mapping` (title -> field, or "" to ignore) first.

    Returns (columns, unknown titles, problems); a field two columns claim is a problem.
    """
    mapping = {_norm(k): v for k, v in (mapping or {}).items()}
    columns, unknown, problems = {}, [], []
    for index, title in enumerate(header):
        key = _norm(title)
        if not key:
            continue
        name = mapping[key] if key in mapping else _HEADER_FIELD.get(key)
        if name not in FIELDS:
            if key not in mapping:
                unknown.append(title)
            continue
        if name in columns:
            problems.append(Problem("duplicate_column", {"field": name, "first": header[columns[name]],
                                                         "second": title}))
            continue
        columns[name] = index
    return columns, unknown, problems


# --- values ----------------------------------------------------------------------------------------------

def _cell_text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return " ".join(str(cell).split())


def parse_date(cell) -> str | None:
    """YYYY-MM-DD, DD.MM.YYYY or a spreadsheet date -> "YYYY-MM-DD"; None when it is not a date."""
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    text = _cell_text(cell)
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S", "%d.%m.%Y %H:%M"):
        try:
            return dt.datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    return None


def parse_time(cell) -> str | None:
    """HH:MM, H:MM (seconds allowed), a spreadsheet time or a fraction of a day -> "HH:MM"; else None."""
    if isinstance(cell, (dt.datetime, dt.time)):
        return f"{cell.hour:02d}:{cell.minute:02d}"
    if isinstance(cell, float) and 0 <= cell < 1:  # Excel keeps times as fractions of a day
        minutes = round(cell * 24 * 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}" if minutes < 24 * 60 else None
    match = re.fullmatch(r"([01]?\d|2[0-3])[:.]([0-5]\d)(?::[0-5]\d)?", _cell_text(cell))
    return f"{int(match[1]):02d}:{match[2]}" if match else None


_KIND = {_norm(word): kind for kind, words in KIND_WORDS.items() for word in words}


def parse_kind(cell) -> str | None:
    key = _norm(cell)
    return _KIND.get(key) or _KIND.get(_KIND_TAIL.sub("", key))


def parse_closed(cell) -> bool | None:
    if isinstance(cell, bool):
        return cell
    key = _norm(cell)
    return True if key in YES else False if key in NO else None


def room_key(value) -> str:
    """A room number as the rooms list and a file may both write it: "3", "Зал 3", "№ 3", "room 3"."""
    return _ROOM_PREFIX.sub("", _norm(value)).strip()


def rooms_index(rooms) -> dict:
    """room_key(number) -> (id, number, enabled) from rows with id, number and enabled."""
    return {room_key(r["number"]): (r["id"], r["number"], bool(r["enabled"])) for r in rooms}


# --- checking --------------------------------------------------------------------------------------------

def check(table: Table, rooms: dict, *, day: str | None = None, mapping: dict | None = None) -> Preview:
    """Every row of `table` checked against `rooms` (from rooms_index). With `day` ("YYYY-MM-DD"), rows
    without a date are on that day and rows on other days are skipped (counted in other_days)."""
    columns, unknown, problems = match_columns(table.header, mapping)
    preview = Preview([], problems, table.header, columns, unknown)
    missing = preview.missing
    if "date" not in columns and day is None:
        missing = ["date", *missing]
    if missing:
        preview.problems.append(Problem("missing_columns", {"fields": missing}))
    if preview.problems:
        return preview
    first_at = {}
    for number, cells in table.rows:
        cell = lambda name: cells[columns[name]] if name in columns and columns[name] < len(cells) else None  # noqa: E731
        row_problems = []

        def bad(code, **values):
            row_problems.append(Problem(code, {"row": number, **values}))

        for name in columns:  # tabs and line breaks in a cell are only spacing (_cell_text makes them spaces)
            chars = bad_characters(LINE_BREAKS.sub(" ", str(cell(name) or "")))
            if chars:
                bad("control_characters", field=name, chars=code_points(chars))
        if row_problems:
            preview.problems.extend(row_problems)
            continue
        date_cell = cell("date")
        if _blank(date_cell):
            date = day
            if date is None:
                bad("no_date")
        else:
            date = parse_date(date_cell)
            if date is None:
                bad("bad_date", value=_cell_text(date_cell))
            elif day is not None and date != day:
                preview.other_days += 1
                continue
        time = parse_time(cell("time"))
        if time is None:
            bad("bad_time", value=_cell_text(cell("time")))
        room_text = _cell_text(cell("room"))
        room = rooms.get(room_key(room_text)) if room_text else None
        if not room_text:
            bad("no_room")
        elif room is None:
            bad("unknown_room", value=room_text)
        elif not room[2]:
            bad("disabled_room", value=room_text)
        case_number = _cell_text(cell("case_number"))
        if not case_number:
            bad("no_case_number")
        elif len(case_number) > MAX_CASE_NUMBER:
            bad("long_text", field="case_number", max=MAX_CASE_NUMBER)
        kind_text = _cell_text(cell("case_kind"))
        kind = parse_kind(kind_text)
        if not kind_text:
            bad("no_kind")
        elif kind is None:
            bad("unknown_kind", value=kind_text)
        closed = parse_closed(cell("closed"))
        if closed is None:
            bad("bad_closed", value=_cell_text(cell("closed")))
        texts = {name: _cell_text(cell(name)) for name in ("judge", "parties")}
        for name, text in texts.items():
            if len(text) > MAX_TEXT:
                bad("long_text", field=name, max=MAX_TEXT)
        if not row_problems:
            key = (date, time, case_number.casefold())
            if key in first_at:
                bad("duplicate", value=case_number, time=time, first=first_at[key])
            else:
                first_at[key] = number
        if row_problems:
            preview.problems.extend(row_problems)
            continue
        preview.rows.append({"row": number, "date": date, "time": time, "room_id": room[0], "room": room[1],
                             "case_number": case_number, "case_kind": kind, "closed": closed,
                             **texts})
    if not preview.rows and not preview.problems:
        preview.problems.append(Problem("no_rows_on_day", {"day": day}) if day else Problem("empty"))
    return preview


def parse(data: bytes, filename: str, rooms: dict, *, day: str | None = None, mapping: dict | None = None) -> Preview:
    """read_table + check; a file that cannot be read at all gives a Preview with its one problem."""
    try:
        table = read_table(data, filename)
    except ImportRefused as e:
        return Preview([], e.problems, [], {}, [])
    return check(table, rooms, day=day, mapping=mapping)


# --- storing ---------------------------------------------------------------------------------------------

# A re-import keeps what a clerk set (status, postponed_to, moved_to_room_id, note) and updates these.
COMPARED = ("case_kind", "judge", "parties", "closed")


def rooms_of(db) -> dict:
    """rooms_index of the court's rooms."""
    return rooms_index(db.query("SELECT id, number, enabled FROM rooms"))


def replace_day(db, day: str, rows: list[dict], source: str, by: str) -> dict:
    """`day`'s hearings become `rows` (checked rows of a Preview). A hearing with the same case number,
    time and room as before keeps its id and what a clerk set (status, postponement, move, note); the
    others are added or deleted. Bumps the feed's revision unless the list is the same as before.
    Returns counts: kept, added, removed."""
    now = now_iso()
    with db.atomic():
        before = {(r["case_number"], r["time"], r["room_id"]): r["id"]
                  for r in db.query("SELECT id, case_number, time, room_id FROM hearings WHERE date = ?", [day])}
        kept, added, changed = set(), 0, 0
        for row in rows:
            values = {"date": day, "time": row["time"], "room_id": row["room_id"],
                      "case_number": row["case_number"], "case_kind": row["case_kind"], "judge": row["judge"],
                      "parties": row["parties"], "closed": int(row["closed"]), "source": source,
                      "updated_at": now, "updated_by": by}
            hearing_id = before.get((row["case_number"], row["time"], row["room_id"]))
            if hearing_id is not None and hearing_id not in kept:
                kept.add(hearing_id)
                stored = db["hearings"].get(hearing_id)
                if any(stored[k] != values[k] for k in COMPARED):
                    db["hearings"].update(hearing_id, values)
                    changed += 1
            else:
                db["hearings"].insert(values | {"status": "scheduled"})
                added += 1
        gone = [i for i in before.values() if i not in kept]
        for hearing_id in gone:
            db["hearings"].delete(hearing_id)
        if not (added or gone or changed):
            return {"kept": len(kept), "added": 0, "removed": 0}  # the same list again: kiosks poll on
        bump_revision(db)
        audit(db, by, "import", "hearings", day, new={"source": source, "hearings": len(rows),
                                                       "kept": len(kept), "added": added, "removed": len(gone)})
    return {"kept": len(kept), "added": added, "removed": len(gone)}


def store_preview(db, preview: Preview, source: str, by: str) -> dict:
    """Store every day of a checked file in one transaction, or nothing (ImportRefused) if it has problems."""
    if preview.problems or not preview.rows:
        raise ImportRefused(preview.problems or [Problem("empty")])
    totals = {"days": preview.days, "hearings": len(preview.rows), "kept": 0, "added": 0, "removed": 0}
    with write_transaction(db):
        for day in preview.days:
            counts = replace_day(db, day, [r for r in preview.rows if r["date"] == day], source, by)
            for key, value in counts.items():
                totals[key] += value
    return totals


def summary_text(totals: dict) -> str:
    """One English sentence on what an import stored (the CLI's answer)."""
    return (f"Imported {totals['hearings']} hearings for {', '.join(totals['days'])}: "
            f"{totals['kept']} unchanged kept their status, {totals['added']} added, {totals['removed']} removed.")
