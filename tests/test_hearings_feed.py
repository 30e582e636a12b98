"""GET /api/v1/hearings: ETag and 304, today and the next working day in the court's zone, midnight, retention."""
import datetime as dt
import json

import pytest

from admin_server import create_app, hearings
from admin_server.content import set_settings
from admin_server.db import write_transaction
from court_contract.calendar import next_working_day
from court_contract.hearings import parse_feed
from tests.support.admin import db_for, new_data_dir

UTC = dt.timezone.utc
# Friday 4 December 2026, 10:00 in Aqtau (UTC+5).
FRIDAY_MORNING = dt.datetime(2026, 12, 4, 5, 0, tzinfo=UTC)


@pytest.fixture
def court(tmp_path, monkeypatch):
    data = new_data_dir(tmp_path / "data")
    clock = {"now": FRIDAY_MORNING}
    monkeypatch.setattr(hearings, "utc_now", lambda: clock["now"])
    db = db_for(data)
    with write_transaction(db):
        set_settings(db, {"timezone": "Asia/Aqtau", "hearing_retention_days": 7})
        room = db["rooms"].insert({"number": "204", "name": "{}", "floor": 2}).last_pk
        ids = {}
        for day in ("2026-12-03", "2026-12-04", "2026-12-05", "2026-12-07", "2026-11-20"):
            ids[day] = hearings.add(db, {"date": day, "time": "10:00", "room_id": room, "case_kind": "civil",
                                         "case_number": f"N-{day}"}, by="test")
    db.conn.close()
    app = create_app({"DATA_DIR": str(data), "TESTING": True})
    return {"client": app.test_client(), "clock": clock, "ids": ids, "data": data}


def get_feed(court, etag=None):
    headers = {"If-None-Match": etag} if etag else {}
    return court["client"].get("/api/v1/hearings", headers=headers)


def test_the_feed_has_today_and_the_next_working_day(court):
    r = get_feed(court)
    assert r.status_code == 200 and r.headers["Cache-Control"] == "no-cache" and r.headers["ETag"]
    feed = parse_feed(r.data)
    assert feed["days"] == ["2026-12-04", "2026-12-07"]  # Saturday and Sunday skipped
    assert [h["date"] for h in feed["hearings"]] == ["2026-12-04", "2026-12-07"]
    assert feed["generated_at"].endswith("+05:00")


def test_etag_gives_304_until_something_changes(court):
    first = get_feed(court)
    again = get_feed(court, first.headers["ETag"])
    assert again.status_code == 304 and again.data == b""
    db = db_for(court["data"])
    with write_transaction(db):
        hearings.change_status(db, court["ids"]["2026-12-04"], "in_progress", by="clerk")
    changed = get_feed(court, first.headers["ETag"])
    assert changed.status_code == 200 and changed.headers["ETag"] != first.headers["ETag"]
    assert parse_feed(changed.data)["revision"] > parse_feed(first.data)["revision"]


def test_the_parties_setting_changes_the_etag(court):
    first = get_feed(court)
    db = db_for(court["data"])
    with write_transaction(db):
        set_settings(db, {"hearing_parties": "hidden"})
    assert get_feed(court, first.headers["ETag"]).status_code == 200


def test_at_the_courts_midnight_yesterday_leaves_the_feed(court):
    first = get_feed(court)
    # 00:01 on Saturday in Aqtau is still Friday in UTC.
    court["clock"]["now"] = dt.datetime(2026, 12, 4, 19, 1, tzinfo=UTC)
    r = get_feed(court, first.headers["ETag"])
    assert r.status_code == 200
    feed = parse_feed(r.data)
    assert feed["days"] == ["2026-12-05", "2026-12-07"]
    assert "2026-12-04" not in [h["date"] for h in feed["hearings"]]
    # A minute before midnight it was still there.
    court["clock"]["now"] = dt.datetime(2026, 12, 4, 18, 59, tzinfo=UTC)
    assert "2026-12-04" in [h["date"] for h in parse_feed(get_feed(court).data)["hearings"]]


def test_retention_deletes_old_hearings_and_bumps_the_revision(court):
    db = db_for(court["data"])
    before = hearings.revision(db)
    get_feed(court)
    assert hearings.get(db, court["ids"]["2026-11-20"]) is None  # 14 days old, retention 7
    assert hearings.get(db, court["ids"]["2026-12-03"]) is not None
    assert hearings.revision(db) == before + 1
    audit = list(db.query("SELECT * FROM audit_log WHERE action = 'retention-delete'"))
    assert json.loads(audit[0]["new"]) == {"before": "2026-11-27", "count": 1}
    get_feed(court)
    assert hearings.revision(db) == before + 1  # nothing more to delete: no write, no new revision


def test_an_empty_feed_is_not_a_404(tmp_path):
    data = new_data_dir(tmp_path / "data")
    r = create_app({"DATA_DIR": str(data), "TESTING": True}).test_client().get("/api/v1/hearings")
    assert r.status_code == 200 and parse_feed(r.data)["hearings"] == []


@pytest.mark.parametrize("day, holidays, expected", [
    ("2026-12-04", (), "2026-12-07"),                       # Friday -> Monday
    ("2026-12-05", (), "2026-12-07"),                       # Saturday -> Monday
    ("2026-12-15", ("2026-12-16", "2026-12-17"), "2026-12-18"),  # Independence Day
    ("2026-12-31", ("2027-01-01",), "2027-01-04"),
])
def test_next_working_day(day, holidays, expected):
    got = next_working_day(dt.date.fromisoformat(day), [dt.date.fromisoformat(h) for h in holidays])
    assert got.isoformat() == expected


def test_status_transitions_are_validated(court):
    db = db_for(court["data"])
    hid = court["ids"]["2026-12-04"]
    with write_transaction(db):
        with pytest.raises(Exception, match="cannot become"):
            hearings.change_status(db, hid, "finished", by="t")
        with pytest.raises(Exception, match="after the hearing's day"):
            hearings.change_status(db, hid, "postponed", by="t", postponed_to="2026-12-04")
        row = hearings.change_status(db, hid, "postponed", by="t", postponed_to="2026-12-10T09:30")
    assert row["postponed_to"] == "2026-12-10T09:30"


def test_a_row_stored_with_control_characters_reaches_kiosks_clean(court):
    """Rows from before the control-character rule: the server drops the characters, the kiosk refuses them."""
    db = db_for(court["data"])
    with write_transaction(db):  # straight into the table, as an old version could have stored it
        db["hearings"].update(court["ids"]["2026-12-04"], {"case_number": "N-\u202e42", "parties": "Ким\x00 А.Б.",
                                                           "note": "зал\x1b 2"})
    item = parse_feed(get_feed(court).data)["hearings"][0]
    assert (item["case_number"], item["parties"], item["note"]) == ("N-42", "К. А. Б.", "зал 2")


@pytest.mark.parametrize("bad", ["\u202e", "\x00", "\x1b", "\u2066", "\n"])
def test_the_kiosk_refuses_a_feed_text_with_control_characters(court, bad):
    from court_contract.hearings import FeedError
    feed = parse_feed(get_feed(court).data)
    feed["hearings"][0]["judge"] = f"Ахметова{bad} Г."
    with pytest.raises(FeedError, match="control characters"):
        parse_feed(json.dumps(feed).encode())
