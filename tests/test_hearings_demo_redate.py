"""seed-demo again on a later day moves the demo's own hearings to that day and its next working day.

Without it a demo left running (or `make demo` started again) on a later day shows kiosks no hearings.
Staff's hearings (added by hand or imported) are never touched.
"""
import datetime as dt
import json

import pytest

from admin_server import hearings
from admin_server.db import write_transaction
from admin_server.seed import DEMO_MEDIA_DIR, demo_hearings, seed_demo
from admin_server.store import MediaStore
from tests.support.admin import db_for, new_data_dir

FRIDAY = dt.date(2026, 12, 4)
MONDAY = FRIDAY + dt.timedelta(days=3)
TEMPLATES = json.loads((DEMO_MEDIA_DIR / "demo" / "content.json").read_text(encoding="utf-8"))["hearings"]
KEY = ("date", "time", "room_id", "case_number", "status", "postponed_to", "moved_to_room_id", "note")


@pytest.fixture
def court(tmp_path):
    data = new_data_dir(tmp_path / "data")
    db = db_for(data)
    seed_demo(db, MediaStore(data / "media"), today=FRIDAY)
    room = db.query("SELECT id FROM rooms ORDER BY id LIMIT 1").__next__()["id"]
    with write_transaction(db):
        staff = hearings.add(db, {"date": FRIDAY.isoformat(), "time": "09:00", "room_id": room,
                                  "case_kind": "civil", "case_number": "STAFF-1"}, by="boss")
    yield {"data": data, "db": db, "staff": staff}
    db.conn.close()


def again(court, today):
    return seed_demo(court["db"], MediaStore(court["data"] / "media"), today=today)


def demo_rows(db):
    return sorted((tuple(r[k] for k in KEY) for r in db.query(
        "SELECT * FROM hearings WHERE case_number != 'STAFF-1'")), key=str)


def expected(db, today):
    rooms = {r["number"]: r["id"] for r in db.query("SELECT id, number FROM rooms")}
    return sorted((tuple(r[k] for k in KEY) for r in demo_hearings(
        TEMPLATES, today, hearings.holiday_rows(db), rooms)), key=str)


def test_a_later_seed_moves_the_demo_hearings_and_resets_their_statuses(court):
    db = court["db"]
    first = next(iter(db.query("SELECT id FROM hearings WHERE status = 'scheduled' AND source = 'demo'")))["id"]
    with write_transaction(db):
        hearings.change_status(db, first, "in_progress", by="presenter")  # a presenter's click on day D
    before = hearings.revision(db)
    message = again(court, MONDAY)
    following = hearings.next_court_day(db, MONDAY)
    assert {r[0] for r in demo_rows(db)} == {MONDAY.isoformat(), following.isoformat()}
    assert demo_rows(db) == expected(db, MONDAY)  # statuses, postponements and moves as the demo has them
    assert f"to {MONDAY.isoformat()} and {following.isoformat()}" in message and "already has content" in message
    assert hearings.revision(db) > before  # kiosks fetch the new days
    staff = hearings.get(db, court["staff"])
    assert staff["date"] == FRIDAY.isoformat() and staff["case_number"] == "STAFF-1"


def test_a_hearing_staff_took_over_by_import_stays(court):
    db = court["db"]
    with write_transaction(db):  # what hearings_import.replace_day does to a row it keeps
        db.execute("UPDATE hearings SET source = 'import', updated_by = 'boss' WHERE id = "
                   "(SELECT min(id) FROM hearings WHERE source = 'demo')")
    taken = next(iter(db.query("SELECT * FROM hearings WHERE source = 'import'")))
    again(court, MONDAY)
    assert hearings.get(db, taken["id"]) == taken


def test_rows_seeded_before_the_demo_mark_are_recognised(court):
    db = court["db"]
    with write_transaction(db):
        db.execute("UPDATE hearings SET source = 'import' WHERE source = 'demo'")  # an older database
    again(court, MONDAY)
    assert demo_rows(db) == expected(db, MONDAY)


def test_the_same_day_again_changes_nothing(court):
    db = court["db"]
    snapshot, before = demo_rows(db), hearings.revision(db)
    assert "Moved" not in again(court, FRIDAY)
    assert demo_rows(db) == snapshot and hearings.revision(db) == before


def test_without_demo_hearings_nothing_is_added(court):
    db = court["db"]
    with write_transaction(db):
        db.execute("DELETE FROM hearings WHERE source = 'demo'")  # staff cleared the demo's hearings
    assert "Moved" not in again(court, MONDAY)
    assert [r["case_number"] for r in db.query("SELECT case_number FROM hearings")] == ["STAFF-1"]


def test_a_deleted_room_takes_its_demo_hearings_with_it(court):
    db = court["db"]
    gone = TEMPLATES[0]["room"]
    with write_transaction(db):
        db.execute("DELETE FROM hearings WHERE room_id = (SELECT id FROM rooms WHERE number = ?) "
                   "OR moved_to_room_id = (SELECT id FROM rooms WHERE number = ?)", [gone, gone])
        db.execute("DELETE FROM rooms WHERE number = ?", [gone])
    again(court, MONDAY)
    rooms = {r["id"] for r in db.query("SELECT id FROM rooms")}
    moved = demo_rows(db)
    assert moved and all(r[2] in rooms and (r[6] is None or r[6] in rooms) for r in moved)
