"""The admin's hearings page and the clerk's page take "the next working day" from the court's holiday calendar."""
import datetime as dt
import json
import re

import pytest

from admin_server import create_app, hearings
from admin_server.db import write_transaction
from admin_server.users import create_user
from tests.support.admin import PASSWORD, Staff, db_for, new_data_dir

UTC = dt.timezone.utc
TUESDAY = dt.datetime(2026, 11, 10, 6, 0, tzinfo=UTC)  # Tuesday 10 Nov in the court's zone too
HOLIDAY = "2026-11-11"  # a made-up public holiday on the Wednesday after "today"
THURSDAY = "2026-11-12"


@pytest.fixture
def court(tmp_path, monkeypatch):
    monkeypatch.setattr(hearings, "utc_now", lambda: TUESDAY)
    data = new_data_dir(tmp_path / "data")
    db = db_for(data)
    with write_transaction(db):
        db["holidays"].insert({"date": HOLIDAY, "name": json.dumps({"kk": "x", "ru": "x", "en": "Made-up day"}),
                               "working": 0}, replace=True)
        room = db["rooms"].insert({"number": "101", "name": json.dumps({"kk": "101", "ru": "101", "en": "101"}),
                                   "floor": 1}).last_pk
        hearings.set_user_rooms(db, create_user(db, "clerk", PASSWORD, "clerk", "en"), [room], by="test")
        hearings.add(db, {"date": "2026-11-10", "time": "10:00", "room_id": room, "case_kind": "civil",
                          "case_number": "C-1"}, by="test")
    db.conn.close()
    return create_app({"DATA_DIR": str(data), "TESTING": True})


def test_the_hearings_page_links_the_day_after_the_holiday(court):
    staff = Staff(court)
    assert staff.login("boss").status_code == 303
    page = staff.get("/admin/hearings/").get_data(as_text=True)
    link = re.search(r'href="/admin/hearings/\?day=([0-9-]+)">Next working day<', page)
    assert link and link.group(1) == THURSDAY  # not the holiday (the "→" button still steps one day)


def test_the_clerks_postponement_starts_after_the_holiday(court):
    staff = Staff(court)
    assert staff.login("clerk").status_code == 303
    page = staff.get("/admin/clerk/").get_data(as_text=True)
    assert "C-1" in page  # the hearing of "today" is there, so is its postponement form
    assert f'min="{THURSDAY}"' in page and f'min="{HOLIDAY}"' not in page


def test_without_a_holiday_the_next_working_day_is_tomorrow(court):
    db = db_for(court.config["DATA_DIR"])
    with write_transaction(db):
        db.execute("DELETE FROM holidays WHERE date = ?", [HOLIDAY])
    assert hearings.next_court_day(db, dt.date(2026, 11, 10)) == dt.date(2026, 11, 11)
    assert hearings.next_court_day(db, dt.date(2026, 11, 13)) == dt.date(2026, 11, 16)  # Friday -> Monday
