"""Hearings on the server: the live feed, privacy, status changes, retention, the revision.

Storage functions take the Database and the caller's write transaction (except
`feed`, which may delete expired rows in its own). Every change bumps the one
revision counter (`live_revision`), which with the court-local day makes the
feed's ETag, so a kiosk's poll is a 304 until something changes or midnight.

Privacy is enforced here, in `public_hearing`: a closed hearing leaves the
server with only its time, room, kind and status; public hearings' parties
follow the setting `hearing_parties` (docs/manifest.md, "Initials rule").
"""
import datetime as dt
import re

from sqlite_utils import Database

from court_contract.calendar import days_off, next_working_day, working_weekends
from court_contract.hearings import KINDS, MAX_TEXT, SCHEMA, STATUSES
from court_contract.text import without_bad_characters
from court_contract.zone import court_zone

from .content import audit, get_settings, now_iso
from .errors import ValidationError

PARTIES_MODES = ("initials", "full", "hidden")
MAX_NOTE = 200
RETENTION_RANGE = (1, 3650)

# Which status may follow which. A clerk's mistaken tap can be undone: finished -> in progress,
# postponed/cancelled -> scheduled. A moved hearing goes on in its new room.
TRANSITIONS = {
    "scheduled": ("in_progress", "postponed", "moved", "cancelled"),
    "in_progress": ("break", "finished", "postponed", "moved"),
    "break": ("in_progress", "finished", "postponed", "moved"),
    "moved": ("in_progress", "break", "finished", "postponed", "moved", "cancelled"),
    "finished": ("in_progress",),
    "postponed": ("scheduled", "postponed"),
    "cancelled": ("scheduled",),
}

# --- parties: the initials rule ---------------------------------------------------

_SEPARATORS = re.compile(r"( – | — | - |;)")
_QUOTES = ("«", "»", '"', "“", "”", "„")
LEGAL_FORMS = frozenset({
    "ТОО", "АО", "ЖШС", "АҚ", "ГУ", "КГУ", "РГУ", "КММ", "LLP", "JSC", "LLC",
    "ГКП", "КГП", "РГП", "ГККП", "КГКП", "РГКП", "НАО", "КЕАҚ",
})
# A sole trader is a person trading under their own name: "ИП Сейткали А.Б." keeps the
# form and shows the person's initials (one with a trade name in quotes stays as written).
SOLE_TRADER_FORMS = frozenset({"ИП", "ЖК"})
_NAME_PART = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def is_organisation(party: str) -> bool:
    text = party.strip()
    if any(q in text for q in _QUOTES):
        return True
    first = text.split(maxsplit=1)[0].strip(".,:") if text else ""
    return first.upper() in LEGAL_FORMS


def _person_initials(name: str) -> str:
    parts = _NAME_PART.findall(name)
    return " ".join(f"{p[0].upper()}." for p in parts) if parts else name.strip()


def _party_initials(party: str) -> str:
    if not party.strip() or is_organisation(party):
        return party
    form, _, name = party.strip().partition(" ")
    if form.strip(".,:").upper() in SOLE_TRADER_FORMS and name.strip():
        return party[:len(party) - len(party.lstrip())] + f"{form} {_person_initials(name)}" \
            + party[len(party.rstrip()):]
    lead = party[:len(party) - len(party.lstrip())]
    trail = party[len(party.rstrip()):]
    # Several people in one party, "Иванов И.И., Петров П.П.": each one's initials.
    people = [_person_initials(p) for p in party.split(",") if p.strip()]
    return lead + ", ".join(people) + trail


def initials(parties: str) -> str:
    """«Сейткали А.Б. – ТОО «Каспий»» -> «С. А. Б. – ТОО «Каспий»» (people to initials, organisations kept)."""
    pieces = _SEPARATORS.split(parties or "")
    return "".join(p if i % 2 else _party_initials(p) for i, p in enumerate(pieces))


def shown_parties(parties, mode: str):
    if mode == "hidden" or not parties:
        return None
    return parties if mode == "full" else initials(parties)


# --- the revision --------------------------------------------------------------------

def revision(db: Database) -> int:
    row = db.execute("SELECT revision FROM live_revision WHERE id = 1").fetchone()
    return row[0] if row else 0


def bump_revision(db: Database) -> int:
    """Call inside the write transaction of every hearings change; returns the new revision."""
    db.execute("UPDATE live_revision SET revision = revision + 1 WHERE id = 1")
    return revision(db)


# --- days ----------------------------------------------------------------------------

def utc_now() -> dt.datetime:
    """The clock of the feed (tests replace it)."""
    return dt.datetime.now(dt.timezone.utc)


def court_today(settings: dict, now: dt.datetime | None = None) -> dt.date:
    return (now or utc_now()).astimezone(court_zone(settings.get("timezone"))).date()


def feed_days(settings: dict, now: dt.datetime | None = None, calendar=()) -> list[dt.date]:
    """Today and the next working day in the court's zone (``calendar``: the holidays table's rows)."""
    today = court_today(settings, now)
    return [today, next_by_calendar(today, calendar)]


def next_by_calendar(day: dt.date, calendar=()) -> dt.date:
    """The working day after ``day`` by ``calendar`` (holiday_rows: days off and transferred working Saturdays)."""
    return next_working_day(day, days_off(calendar), working_weekends(calendar))


def next_court_day(db: Database, day: dt.date) -> dt.date:
    """The working day after ``day`` by this court's holiday calendar (admin pages; the feed uses the same rule)."""
    return next_by_calendar(day, holiday_rows(db))


def holiday_rows(db: Database) -> list[dict]:
    """The public holidays and transferred working days (admin/holidays.py) as calendar entries."""
    return [{"date": r["date"], "working": bool(r["working"])} for r in db.query("SELECT date, working FROM holidays")]


# --- reading -------------------------------------------------------------------------

def on_day(db: Database, day: str, room_ids=None) -> list[dict]:
    """The stored hearings of `day` (YYYY-MM-DD) by time and room, all fields (staff only);
    `room_ids` limits them to those rooms (a clerk's)."""
    sql, params = "SELECT * FROM hearings WHERE date = ?", [day]
    if room_ids is not None:
        ids = list(room_ids)
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        sql += f" AND (room_id IN ({marks}) OR moved_to_room_id IN ({marks}))"
        params += ids + ids
    return list(db.query(sql + " ORDER BY time, room_id, id", params))


def get(db: Database, hearing_id: int) -> dict | None:
    rows = list(db.query("SELECT * FROM hearings WHERE id = ?", [hearing_id]))
    return rows[0] if rows else None


def counts(db: Database, days) -> dict:
    """{day: {"total": n, "closed": n, status: n, ...}} for the dashboard."""
    result = {}
    for day in days:
        by_status = {row["status"]: row["n"] for row in db.query(
            "SELECT status, count(*) AS n FROM hearings WHERE date = ? GROUP BY status", [day])}
        closed = db.execute("SELECT count(*) FROM hearings WHERE date = ? AND closed = 1", [day]).fetchone()[0]
        result[day] = {"total": sum(by_status.values()), "closed": closed, **by_status}
    return result


def public_hearing(row: dict, parties_mode: str) -> dict:
    """What may leave the server of one stored hearing (the privacy rule is here and only here)."""
    item = {
        "id": row["id"], "date": row["date"], "time": row["time"], "room_id": row["room_id"],
        "kind": row["case_kind"], "closed": bool(row["closed"]), "status": row["status"],
        "postponed_to": row["postponed_to"] or None, "moved_to_room_id": row["moved_to_room_id"],
    }
    if item["closed"]:
        return item
    # Rows stored before the control-character rule may still hold one; kiosks refuse a
    # feed that carries them, so they are dropped here rather than block the whole day.
    texts = {"case_number": row["case_number"] or None, "judge": row["judge"] or None,
             "parties": shown_parties(row["parties"], parties_mode), "note": row["note"] or ""}
    return item | {k: v if v is None else without_bad_characters(v) for k, v in texts.items()}


def delete_expired(db: Database, today: dt.date, retention_days: int) -> int:
    """Delete hearings older than `retention_days` before `today`, in the caller's transaction."""
    cutoff = (today - dt.timedelta(days=retention_days)).isoformat()
    deleted = db.execute("DELETE FROM hearings WHERE date < ?", [cutoff]).rowcount
    if deleted:
        bump_revision(db)
        audit(db, None, "retention-delete", "hearings", None, None, {"before": cutoff, "count": deleted})
    return deleted


def _expired_exist(db: Database, today: dt.date, retention_days: int) -> bool:
    cutoff = (today - dt.timedelta(days=retention_days)).isoformat()
    return db.execute("SELECT 1 FROM hearings WHERE date < ? LIMIT 1", [cutoff]).fetchone() is not None


def retention_days(settings: dict) -> int:
    value = settings.get("hearing_retention_days")
    if isinstance(value, bool) or not isinstance(value, int):
        return 7
    return min(max(value, RETENTION_RANGE[0]), RETENTION_RANGE[1])


def etag(db: Database, settings: dict, now: dt.datetime | None = None) -> str:
    """Changes with every hearings change, at the court's midnight and with the parties setting."""
    days = feed_days(settings, now, holiday_rows(db))
    return f"{revision(db)}-{days[0].isoformat()}-{days[1].isoformat()}-{settings.get('hearing_parties')}"


def feed(db: Database, now: dt.datetime | None = None, *, expire=None) -> tuple[dict, str]:
    """The feed of court_contract.hearings and its ETag.

    Hearings past the retention period are deleted first (a read finds them, so
    a poll with nothing to delete writes nothing); `expire` is the transaction
    to do it in (db.write_transaction), None to leave them.
    """
    now = now or utc_now()
    settings = get_settings(db)
    days = feed_days(settings, now, holiday_rows(db))
    if expire is not None and _expired_exist(db, days[0], retention_days(settings)):
        with expire(db):
            delete_expired(db, days[0], retention_days(settings))
    mode = settings.get("hearing_parties")
    if mode not in PARTIES_MODES:
        mode = "initials"  # a broken setting must not publish full names
    iso_days = [d.isoformat() for d in days]
    rows = db.query("SELECT * FROM hearings WHERE date IN (?, ?) ORDER BY date, time, room_id, id", iso_days)
    zone = court_zone(settings.get("timezone"))
    body = {
        "schema": SCHEMA, "revision": revision(db),
        "generated_at": now.astimezone(zone).replace(microsecond=0).isoformat(),
        "days": iso_days, "hearings": [public_hearing(r, mode) for r in rows],
    }
    return body, etag(db, settings, now)


# --- changes ---------------------------------------------------------------------------

def _room_exists(db: Database, room_id) -> bool:
    return db.execute("SELECT 1 FROM rooms WHERE id = ?", [room_id]).fetchone() is not None


def _postponed_to(text, hearing_date: str) -> str:
    text = (text or "").strip()
    day, _, at = text.partition("T") if "T" in text else text.partition(" ")
    try:
        date = dt.date.fromisoformat(day)
        if at:
            dt.time.fromisoformat(at)
            if len(at) != 5:
                raise ValueError
    except ValueError:
        raise ValidationError("Give the new date like 2026-12-07 (and a time like 10:00 if known).",
                              "postponed_to") from None
    if date.isoformat() <= hearing_date:
        raise ValidationError("The new date must be after the hearing's day.", "postponed_to")
    return f"{date.isoformat()}T{at}" if at else date.isoformat()


def change_status(db: Database, hearing_id: int, status: str, *, by: str, postponed_to=None,
                  moved_to_room_id=None) -> dict:
    """Validate and store a status change, audit it and bump the revision; returns the new row.

    Postponed needs a later date (date or date and time); moved needs another existing room.
    Leaving "moved" makes the new room the hearing's room; leaving "postponed" forgets the date.
    Raises ValidationError with a sentence (field "status", "postponed_to" or "moved_to_room_id").
    """
    row = get(db, hearing_id)
    if row is None:
        raise ValidationError("This hearing does not exist (it may have been deleted).", "status")
    if status not in STATUSES:
        raise ValidationError(f"Unknown status {status!r}.", "status")
    if status not in TRANSITIONS.get(row["status"], ()):
        raise ValidationError(f"A hearing that is {row['status'].replace('_', ' ')} cannot become "
                              f"{status.replace('_', ' ')}.", "status")
    values = {"status": status, "postponed_to": None, "moved_to_room_id": None, "room_id": row["room_id"]}
    if row["status"] == "moved" and row["moved_to_room_id"] is not None:
        values["room_id"] = row["moved_to_room_id"]  # it goes on (or ends) in the room it moved to
    if status == "postponed":
        values["postponed_to"] = _postponed_to(postponed_to, row["date"])
    elif status == "moved":
        try:
            room = int(moved_to_room_id)
        except (TypeError, ValueError):
            raise ValidationError("Choose the room the hearing moves to.", "moved_to_room_id") from None
        if not _room_exists(db, room):
            raise ValidationError("Choose the room the hearing moves to.", "moved_to_room_id")
        if room == values["room_id"]:
            raise ValidationError("The hearing is already in this room; choose another.", "moved_to_room_id")
        values["moved_to_room_id"] = room
    old = {k: row[k] for k in values if row[k] != values[k]}
    new = {k: values[k] for k in old}
    db["hearings"].update(hearing_id, values | {"updated_at": now_iso(), "updated_by": by})
    audit(db, by, "status", "hearings", hearing_id, old, new)
    bump_revision(db)
    return get(db, hearing_id)


def change_note(db: Database, hearing_id: int, note, *, by: str) -> dict:
    row = get(db, hearing_id)
    if row is None:
        raise ValidationError("This hearing does not exist (it may have been deleted).", "note")
    note = " ".join(str(note or "").split())
    if len(note) > MAX_NOTE:
        raise ValidationError(f"A note is at most {MAX_NOTE} characters.", "note")
    if note == (row["note"] or ""):
        return row
    db["hearings"].update(hearing_id, {"note": note, "updated_at": now_iso(), "updated_by": by})
    # The note may name people: the audit keeps that it changed, not the words.
    audit(db, by, "note", "hearings", hearing_id, {"note": "(set)" if row["note"] else ""},
          {"note": "(set)" if note else ""})
    bump_revision(db)
    return get(db, hearing_id)


# --- the staff's list: add, edit, delete -------------------------------------------------

EDITABLE = ("date", "time", "room_id", "case_number", "case_kind", "judge", "parties", "closed", "note")
_TIME = re.compile(r"(?:[01]\d|2[0-3]):[0-5]\d\Z")


def check_values(db: Database, values: dict) -> dict:
    """Clean a hearing's editable values (a form's or an import's); ValidationError names the field."""
    out = {}
    try:
        out["date"] = dt.date.fromisoformat(str(values.get("date") or "").strip()).isoformat()
    except ValueError:
        raise ValidationError("Enter the date like 2026-12-07.", "date") from None
    out["time"] = str(values.get("time") or "").strip()
    if not _TIME.match(out["time"]):
        raise ValidationError("Enter the time like 09:30 (24-hour clock).", "time")
    room = values.get("room_id")
    if room in (None, ""):
        out["room_id"] = None
    else:
        try:
            out["room_id"] = int(room)
        except (TypeError, ValueError):
            raise ValidationError("Choose a courtroom.", "room_id") from None
        if not _room_exists(db, out["room_id"]):
            raise ValidationError("Choose a courtroom.", "room_id")
    out["case_kind"] = values.get("case_kind")
    if out["case_kind"] not in KINDS:
        raise ValidationError("Choose the kind of case.", "case_kind")
    for key in ("case_number", "judge", "parties", "note"):
        text = " ".join(str(values.get(key) or "").split())
        if len(text) > (MAX_NOTE if key == "note" else MAX_TEXT):
            raise ValidationError(f"This is too long: at most {MAX_NOTE if key == 'note' else MAX_TEXT} "
                                  "characters.", key)
        out[key] = text
    if not out["case_number"]:
        raise ValidationError("Enter the case number.", "case_number")
    out["closed"] = int(bool(values.get("closed")))
    return out


def add(db: Database, values: dict, *, by: str, source: str = "manual") -> int:
    clean = check_values(db, values)
    hearing_id = db["hearings"].insert(clean | {"status": "scheduled", "source": source,
                                                "updated_at": now_iso(), "updated_by": by}).last_pk
    audit(db, by, "create", "hearings", hearing_id, None, _audit_view(clean))
    bump_revision(db)
    return hearing_id


def update(db: Database, hearing_id: int, values: dict, *, by: str) -> dict:
    row = get(db, hearing_id)
    if row is None:
        raise ValidationError("This hearing does not exist (it may have been deleted).", "date")
    clean = check_values(db, values)
    changed = {k: v for k, v in clean.items() if row[k] != v}
    if changed:
        db["hearings"].update(hearing_id, changed | {"updated_at": now_iso(), "updated_by": by})
        audit(db, by, "update", "hearings", hearing_id, _audit_view({k: row[k] for k in changed}),
              _audit_view(changed))
        bump_revision(db)
    return get(db, hearing_id)


def delete(db: Database, hearing_id: int, *, by: str) -> None:
    row = get(db, hearing_id)
    if row is None:
        return
    db["hearings"].delete(hearing_id)
    audit(db, by, "delete", "hearings", hearing_id, {"date": row["date"], "time": row["time"]}, None)
    bump_revision(db)


def _audit_view(values: dict) -> dict:
    """An audit row names what changed, not personal data: parties and notes are marked, not copied."""
    return {k: ("(changed)" if k in ("parties", "note") and v else v) for k, v in values.items()}


# --- a clerk's rooms -----------------------------------------------------------------------

def user_rooms(db: Database, user_id: int) -> list[int]:
    return [r[0] for r in db.execute("SELECT room_id FROM user_rooms WHERE user_id = ? ORDER BY room_id",
                                     [user_id]).fetchall()]


def set_user_rooms(db: Database, user_id: int, room_ids, *, by: str) -> None:
    new = sorted({int(r) for r in room_ids})
    unknown = [r for r in new if not _room_exists(db, r)]
    if unknown:
        raise ValidationError("Choose courtrooms from the list.", "rooms")
    old = user_rooms(db, user_id)
    if new == old:
        return
    db.execute("DELETE FROM user_rooms WHERE user_id = ?", [user_id])
    db["user_rooms"].insert_all([{"user_id": user_id, "room_id": r} for r in new])
    audit(db, by, "rooms", "users", user_id, {"rooms": old}, {"rooms": new})
